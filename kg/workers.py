"""Per-article work: parse (or load the cached parse) and extract, run serially, in local worker
processes (``kg build --workers N``) or on a Dask distributed cluster (``--scheduler ADDRESS``).

Each article's ``Outcome`` is the same however the work is spread; ``kg.build`` puts the outcomes
back in input order, so the graph and the report do not depend on it either.

- Serial (the default) runs in this process with the given parser.
- ``workers > 1`` starts that many processes (``spawn``: torch does not survive ``fork``); each
  gets a copy of the parser (a ``StanzaParser`` travels as its settings and loads its models once,
  in the worker) and its share of the torch threads (``torch_threads``). Workers start only when
  some article has to be parsed: a build whose parses are all cached extracts in this process.
- ``scheduler`` sends the work to an existing Dask cluster: the parser is broadcast once to every
  worker (so each loads the models once) and articles go out in small chunks. Each Dask worker
  process parses one chunk at a time; give workers ``--nthreads 1`` and set ``OMP_NUM_THREADS``.

**Threads.** Torch's OpenMP threads spin while they wait: two jobs that each take every core of a
machine slow each other down many times over (10 IndoSum articles: 201 s beside another build,
29 s with one thread each, the same graph). ``torch_threads`` gives each parsing process
``free cores // workers`` threads, where the free cores are those this process may run on
(its CPU affinity and cgroup quota) less the load already on them (the one-minute load average),
at least one; ``Execution.threads`` (``--threads``) or ``OMP_NUM_THREADS`` override it. When kg
leaves cores to other jobs, waiting threads sleep instead of spinning (``OMP_WAIT_POLICY=PASSIVE``,
unless that is set otherwise); when it takes every core they spin, which parses about a fifth faster.
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kg.cache import doc_from_cache
from kg.document import Article, ParsedDoc
from kg.errors import InputError, KGError, WorkerError
from kg.extract import Extraction, extract
from kg.lexicon import Lexicon, get_lexicon

if TYPE_CHECKING:
    from kg.event_scorer import EventScoring
    from kg.types import Parser

__all__ = ["Execution", "Outcome", "Task", "analyse_chunk", "available_cpus", "run_tasks", "torch_threads", "use_threads"]

MAX_CHUNK = 16


@dataclass(frozen=True)
class Execution:
    """Where the per-article work runs: ``workers`` local processes, or the Dask ``scheduler``
    (given up after ``connect_timeout`` seconds without an answer); ``threads``: torch threads per
    parsing process (None: ``torch_threads`` decides)."""

    workers: int = 1
    scheduler: str | None = None
    connect_timeout: float = 20.0
    threads: int | None = None

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise InputError(f"--workers must be 1 or more, got {self.workers}.")
        if self.threads is not None and self.threads < 1:
            raise InputError(f"--threads must be 1 or more, got {self.threads}.")
        if self.scheduler is not None and self.workers != 1:
            raise InputError("Give --workers (processes on this machine) or --scheduler (a Dask cluster), not both.")


@dataclass(frozen=True)
class Task:
    """One article to analyse, with its cached parse (CoNLL-U) when there is one."""

    article: Article
    cached: str | None = None
    disabled: frozenset[str] = frozenset()  # extraction rule ids to build without (``kg build --disable-rule``)
    scoring: EventScoring | None = None  # the event scorer applied after extraction (``kg build --event-threshold``)


@dataclass(frozen=True)
class Outcome:
    """What became of one article: its extraction, or the error that stopped it.

    ``parsed`` is the fresh parse (to store in the cache); it is None for a cached parse.
    """

    article_id: str
    extraction: Extraction | None = None
    parsed: ParsedDoc | None = None
    error: str | None = None
    cached: bool = False
    parse_seconds: float = 0.0
    extract_seconds: float = 0.0


def _extract(
    doc: ParsedDoc,
    lexicon: Lexicon,
    cached: bool,
    parse_seconds: float,
    disabled: frozenset[str] = frozenset(),
    scoring: EventScoring | None = None,
) -> Outcome:
    t0 = time.perf_counter()
    try:
        extraction = extract(doc, lexicon, disabled)
        if scoring is not None:  # the rules propose, the scorer decides
            extraction = scoring.apply(extraction, disabled)
    except KGError:
        raise
    except Exception as exc:
        return Outcome(doc.article.id, None, None if cached else doc, f"extraction failed: {exc!r}", cached, parse_seconds)
    return Outcome(doc.article.id, extraction, None if cached else doc, None, cached, parse_seconds, time.perf_counter() - t0)


def analyse_chunk(parser: Parser, tasks: Sequence[Task], lexicon: Lexicon | None = None) -> Iterator[Outcome]:
    """Parse (or load from the cache) and extract each task's article, in order.

    A parser crash on one article fails that article only: parsing starts again after it.
    ``KGError``s (missing models ...) are raised: they concern every article.
    """
    lex = lexicon or get_lexicon()
    docs: dict[int, ParsedDoc] = {}
    for i, task in enumerate(tasks):
        if task.cached is not None:
            with contextlib.suppress(InputError):  # an unreadable entry: parse again, the new parse replaces it
                docs[i] = doc_from_cache(task.cached, task.article)
    pending = [task.article for i, task in enumerate(tasks) if i not in docs]
    parsed_iter: Iterator[ParsedDoc] = iter(parser.parse_many(pending)) if pending else iter(())
    position = 0  # index in ``pending`` of the next article the parser yields
    for i, task in enumerate(tasks):
        if i in docs:
            yield _extract(docs[i], lex, True, 0.0, task.disabled, task.scoring)
            continue
        p0 = time.perf_counter()
        try:
            doc = next(parsed_iter)
        except StopIteration:
            yield Outcome(task.article.id, error="parsing failed: the parser returned no parse for this article")
            continue
        except KGError:
            raise
        except Exception as exc:  # one article's crash must not sink the batch
            yield Outcome(task.article.id, error=f"parsing failed: {exc}")
            rest = pending[position + 1 :]
            parsed_iter = iter(parser.parse_many(rest)) if rest else iter(())
            position += 1
            continue
        position += 1
        yield _extract(doc, lex, False, time.perf_counter() - p0, task.disabled, task.scoring)


def chunk_size(tasks: int, workers: int) -> int:
    """Articles per chunk: about four chunks per worker, at most ``MAX_CHUNK``.

    >>> chunk_size(10, 2), chunk_size(1000, 2), chunk_size(1, 8)
    (2, 16, 1)
    """
    return max(1, min(MAX_CHUNK, math.ceil(tasks / (workers * 4))))


def _chunks(tasks: Sequence[Task], size: int) -> list[list[Task]]:
    return [list(tasks[i : i + size]) for i in range(0, len(tasks), size)]


def run_tasks(
    tasks: Sequence[Task],
    parser: Parser,
    execution: Execution | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Analyse every task as ``execution`` says; return the outcomes in task order.

    ``on_outcome`` is called as each outcome arrives (in completion order), for progress and
    for writing the cache while the work goes on.
    """
    execution = execution or Execution()
    outcomes: dict[str, Outcome] = {}

    def done(outcome: Outcome) -> None:
        outcomes[outcome.article_id] = outcome
        if on_outcome is not None:
            on_outcome(outcome)

    if not tasks:
        return []
    parsing = any(t.cached is None for t in tasks)
    if execution.scheduler is not None:
        _run_dask(execution.scheduler, execution.connect_timeout, parser, _chunks(tasks, chunk_size(len(tasks), 8)), done)
    elif execution.workers > 1 and parsing:
        threads = torch_threads(execution.workers, execution.threads)
        _run_local(execution.workers, threads, parser, _chunks(tasks, chunk_size(len(tasks), execution.workers)), done)
    else:
        if parsing:
            use_threads(torch_threads(1, execution.threads))
        for outcome in analyse_chunk(parser, tasks):
            done(outcome)
    return [outcomes[t.article.id] for t in tasks]


# ----------------------------------------------------------------------------- threads


def available_cpus() -> int:
    """The CPUs this process may run on: its affinity mask, capped by a cgroup v2 CPU quota (containers)."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    try:
        quota, period = open("/sys/fs/cgroup/cpu.max", encoding="ascii").read().split()[:2]  # noqa: SIM115
        if quota != "max":
            cpus = min(cpus, max(1, int(int(quota) / int(period))))
    except (OSError, ValueError):
        pass
    return max(1, cpus)


def torch_threads(
    workers: int = 1,
    requested: int | None = None,
    *,
    cpus: int | None = None,
    load: float | None = None,
    environ: Mapping[str, str] | None = None,
) -> int:
    """Torch threads for each of ``workers`` parsing processes.

    ``requested`` (``--threads``) wins, then ``OMP_NUM_THREADS``; otherwise the free cores (the
    ``cpus`` this process may use less the ``load`` already on them, at least one) shared among
    the workers, at least one each.

    >>> quiet = {"cpus": 2, "load": 0.0, "environ": {}}
    >>> torch_threads(1, **quiet), torch_threads(3, **quiet), torch_threads(1, 6, **quiet)
    (2, 1, 6)
    >>> torch_threads(2, cpus=8, load=0.0, environ={}), torch_threads(1, cpus=2, load=1.2, environ={})
    (4, 1)
    >>> torch_threads(1, cpus=2, load=0.0, environ={"OMP_NUM_THREADS": "1"})
    1
    """
    if requested is not None:
        return max(1, requested)
    env = os.environ if environ is None else environ
    given = env.get("OMP_NUM_THREADS", "")
    with contextlib.suppress(ValueError):
        if int(given) >= 1 and not (environ is None and given == _SET_HERE.get("OMP_NUM_THREADS")):
            return int(given)
    cpus = available_cpus() if cpus is None else cpus
    if load is None:
        try:
            load = os.getloadavg()[0]
        except OSError:
            load = 0.0
    free = max(1, cpus - round(load))
    return max(1, free // max(1, workers))


_SET_HERE: dict[str, str] = {}  # what use_threads put in os.environ (not the user's choice)


def use_threads(threads: int, workers: int = 1) -> None:
    """Make torch in this process use ``threads`` threads (now if it is loaded, else when it loads).

    When the ``workers`` processes' threads leave cores to other jobs, waiting threads sleep
    (``OMP_WAIT_POLICY=PASSIVE``) so as not to spin on those cores; when they take every core they may
    spin, which parses about a fifth faster (``bench/build_speed.py``). A policy set by the user wins.
    """
    os.environ["OMP_NUM_THREADS"] = os.environ["MKL_NUM_THREADS"] = _SET_HERE["OMP_NUM_THREADS"] = str(threads)
    if threads * max(1, workers) < available_cpus():
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.set_num_threads(threads)


# ----------------------------------------------------------------------------- local processes

_WORKER_PARSER: Any = None


def _init_worker(parser: Parser, threads: int, workers: int) -> None:
    """Runs once in each worker process, before torch is imported there."""
    global _WORKER_PARSER
    use_threads(threads, workers)
    _WORKER_PARSER = parser


def _run_local_chunk(tasks: list[Task]) -> list[Outcome]:
    return list(analyse_chunk(_WORKER_PARSER, tasks))


def _run_local(workers: int, threads: int, parser: Parser, chunks: list[list[Task]], done: Callable[[Outcome], None]) -> None:
    context = multiprocessing.get_context("spawn")
    try:
        with ProcessPoolExecutor(
            max_workers=min(workers, len(chunks)),
            mp_context=context,
            initializer=_init_worker,
            initargs=(parser, threads, min(workers, len(chunks))),
        ) as pool:
            futures = [pool.submit(_run_local_chunk, chunk) for chunk in chunks]
            for future in as_completed(futures):
                for outcome in future.result():
                    done(outcome)
    except BrokenProcessPool as exc:
        raise WorkerError(
            f"A worker process died ({exc}): most often it ran out of memory. Build again with fewer --workers; "
            "the articles parsed so far are in the parse cache."
        ) from exc


# ----------------------------------------------------------------------------- Dask

_DASK_LOCK = threading.Lock()


def _run_dask_chunk(tasks: list[Task], parser: Parser) -> list[Outcome]:
    with _DASK_LOCK:  # one pipeline per worker process; its threads take turns
        return list(analyse_chunk(parser, tasks))


def _run_dask(address: str, timeout: float, parser: Parser, chunks: list[list[Task]], done: Callable[[Outcome], None]) -> None:
    try:
        from distributed import Client
        from distributed import as_completed as dask_completed
    except ImportError as exc:
        raise WorkerError("--scheduler needs Dask distributed: pip install 'kg[dask]' (or the 'distributed' package).") from exc
    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise WorkerError(
            f"Cannot reach the Dask scheduler at {address} ({exc}). Start one with `dask scheduler` and workers with "
            f"`dask worker {address}`, or check the address (tcp://HOST:8786)."
        ) from exc
    with client:
        try:
            remote_parser = client.scatter(parser, broadcast=True, hash=False)
            futures = client.map(_run_dask_chunk, chunks, parser=remote_parser, pure=False)
            for future in dask_completed(futures, loop=client.loop):
                for outcome in future.result():
                    done(outcome)
        except KGError:
            raise
        except Exception as exc:
            raise WorkerError(
                f"The Dask workers at {address} could not run kg ({exc!r}). Install the same kg version "
                "(and its models) on every worker, and start them with `dask worker ADDRESS --nthreads 1`."
            ) from exc
