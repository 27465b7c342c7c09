"""``build``: articles in, knowledge graph out. The one entry function of the main job.

``build(inputs)`` reads, parses, extracts, resolves actors over the whole corpus, maps to RDF,
validates with SHACL and returns a ``BuildResult``; ``write_outputs`` writes ``graph.ttl``,
``report.json``, ``network.html`` and the GraphML / GEXF exports.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Graph

from kg import __version__
from kg.actors import ActorIndex, resolve_actors
from kg.articles import InputPolicy, InputProblem, normalised_text, read_articles
from kg.cache import CacheStats, ParseCache
from kg.collector import collector_paused
from kg.document import Article
from kg.extract import Extraction
from kg.files import atomic_write
from kg.lexicon import ONTOLOGY_DIR, get_lexicon
from kg.mapper import graph_events, map_corpus
from kg.types import Parser
from kg.workers import Execution, Outcome

if TYPE_CHECKING:
    from kg.event_scorer import EventScoring
    from kg.store import StoreChange

__all__ = [
    "Analysis",
    "ArticleReport",
    "BuildResult",
    "BuildSettings",
    "Parser",
    "Progress",
    "Validation",
    "analyse",
    "atomic_write",
    "build",
    "write_outputs",
    "write_report",
]


@dataclass(frozen=True)
class BuildSettings:
    """How to build."""

    validate: bool = True
    select: tuple[str, ...] = ()
    models: str = "shipped"
    input_policy: InputPolicy = field(default_factory=InputPolicy)
    disabled_rules: tuple[str, ...] = ()  # extraction rule ids to build without (``kg rules`` lists them)
    # the event scorer (``kg.event_scorer``): "shipped", a path, or None for the rules alone (``--no-event-model``)
    event_model: str | None = "shipped"
    event_threshold: float | None = None  # asserted events under this probability are dropped (None: the scorer's default)
    # the event model that proposes the events the rules lack (``kg.event_model``): "shipped", a path, or None
    # (``--no-event-proposer``); ``--no-event-model`` (the rules alone) leaves it out too
    event_proposer: str | None = "shipped"

    @property
    def scoring(self) -> EventScoring:
        """The event scoring these settings ask for (checks the threshold)."""
        from kg.event_scorer import EventScoring

        return EventScoring(self.event_model, self.event_threshold, self.event_proposer)


@dataclass(frozen=True)
class Progress:
    """A step of a build, for progress bars: ``done`` of ``total`` in ``stage`` (``item``: the article)."""

    stage: str
    done: int
    total: int
    item: str | None = None


@dataclass(frozen=True)
class ArticleReport:
    """What happened to one input article (one entry of report.json)."""

    id: str
    status: str
    path: str | None = None
    source: str | None = None
    sentences: int = 0
    actors: int = 0
    events: int = 0
    asserted_events: int = 0
    unresolved_agents: int = 0
    unresolved_targets: int = 0
    warnings: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()
    message: str = ""
    duplicate_of: str | None = None
    cached: bool = False
    dropped_events: int = 0  # asserted events the event scorer put under the threshold (not in the graph)


class Validation:
    """The SHACL validation of a build's graph (``ontology/shapes.ttl``), started as soon as the graph exists.

    Where the platform can ``fork``, it runs in a child process while the build goes on (writing
    the store and the outputs takes about as long on the other core); ``result()`` waits for it.
    Elsewhere, or when the child dies, it runs in this process: the result is the same either way.
    ``seconds`` is the validation's own duration, wherever it ran.
    """

    def __init__(self, graph: Graph, progress: Callable[[Progress], None] | None = None, background: bool = True) -> None:
        self._graph: Graph | None = graph
        self._progress = progress
        self._outcome: tuple[bool, tuple[str, ...]] | None = None
        self._child: Any = None
        self._receive: Any = None
        self.seconds = 0.0
        _stage(progress, "validate", 0)
        if background and "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")  # the child inherits the graph: nothing is pickled
            self._receive, send = context.Pipe(duplex=False)
            self._child = context.Process(target=_validate_into, args=(graph, send), daemon=True)
            self._child.start()
            send.close()

    def result(self) -> tuple[bool, tuple[str, ...]]:
        """(conforms, violation messages), waiting for the child process if it still runs."""
        if self._outcome is None:
            if self._child is not None:
                try:
                    conforms, violations, self.seconds = self._receive.recv()
                    self._outcome = (conforms, violations)
                except (EOFError, OSError):  # the child died (killed, out of memory): validate here instead
                    pass
                self._receive.close()
                self._child.join()
                self._child = self._receive = None
            if self._outcome is None:
                assert self._graph is not None
                t0 = time.perf_counter()
                self._outcome = validate(self._graph)
                self.seconds = time.perf_counter() - t0
            self._graph = None
            _stage(self._progress, "validate", 1)
        return self._outcome


def _validate_into(graph: Graph, send: Any) -> None:
    t0 = time.perf_counter()
    conforms, violations = validate(graph, in_place=True)  # the child's copy of the graph: the parent's stays as it was
    send.send((conforms, violations, time.perf_counter() - t0))
    send.close()


@dataclass(frozen=True)
class BuildResult:
    """Everything a build produced, with the settings and version that produced it.

    ``validation`` may still be running (see ``Validation``): ``shacl_conforms``,
    ``shacl_violations`` and ``report_dict()`` wait for it and add its time to ``timings``.
    """

    graph: Graph
    reports: tuple[ArticleReport, ...]
    extractions: tuple[Extraction, ...]
    actors: ActorIndex
    settings: BuildSettings
    timings: dict[str, float] = field(default_factory=dict)
    validation: Validation | None = None
    version: str = __version__
    cache: CacheStats | None = None
    execution: Execution = field(default_factory=Execution)
    store: StoreChange | None = None
    event_scorer: dict[str, Any] = field(default_factory=dict)  # ``EventScoring.describe()``: used or not, file, threshold

    @property
    def ok(self) -> bool:
        return all(r.status == "ok" for r in self.reports)

    def _shacl(self) -> tuple[bool | None, tuple[str, ...]]:
        if self.validation is None:
            return None, ()
        outcome = self.validation.result()
        self.timings["validate"] = self.validation.seconds
        return outcome

    @property
    def shacl_conforms(self) -> bool | None:
        """Whether the graph conforms to the SHACL shapes; None when the build did not validate."""
        return self._shacl()[0]

    @property
    def shacl_violations(self) -> tuple[str, ...]:
        """One message per SHACL violation."""
        return self._shacl()[1]

    def report_dict(self) -> dict[str, object]:
        conforms, violations = self._shacl()
        return {
            "kg_version": self.version,
            "settings": asdict(self.settings),
            "articles": [asdict(r) for r in self.reports],
            "totals": {
                "articles": len(self.reports),
                "ok": sum(r.status == "ok" for r in self.reports),
                "failed": sum(r.status not in ("ok", "duplicate") for r in self.reports),
                "skipped": sum(r.status == "duplicate" for r in self.reports),
                "actors": len(self.actors.actors),
                "events": sum(r.events for r in self.reports),
                "asserted_events": sum(r.asserted_events for r in self.reports),
                "unresolved_agents": sum(r.unresolved_agents for r in self.reports),
                "unresolved_targets": sum(r.unresolved_targets for r in self.reports),
                "dropped_events": sum(r.dropped_events for r in self.reports),
                "triples": len(self.graph),
                "by_status": dict(sorted(Counter(r.status for r in self.reports).items())),
            },
            "event_scorer": self.event_scorer | {"dropped": sum(r.dropped_events for r in self.reports)}
            if self.event_scorer
            else None,
            "merges": [asdict(m) for m in self.actors.merges],
            "shacl": {"conforms": conforms, "violations": list(violations)},
            "cache": asdict(self.cache) if self.cache is not None else None,
            "timings_s": {k: round(v, 3) for k, v in self.timings.items()},
            "execution": asdict(self.execution),
            **({"store": asdict(self.store)} if self.store is not None else {}),
        }


def _default_parser(settings: BuildSettings) -> Parser:
    from kg.nlp.pipeline import NlpSettings, StanzaParser

    return StanzaParser(NlpSettings(models=settings.models))


def _counts(extraction: Extraction, index: ActorIndex) -> dict[str, int]:
    aid = extraction.doc.article.id
    actors = {index.actor_of(aid, m).slug for m in extraction.mentions if index.actor_of(aid, m)}  # type: ignore[union-attr]
    events = kept = unresolved_a = unresolved_t = 0
    for _, ev in graph_events(extraction, index):
        agent = index.actor_of(aid, ev.agent.mention) if ev.agent else None
        target = index.actor_of(aid, ev.target.mention) if ev.target else None
        events += 1
        unresolved_a += ev.agent is not None and agent is None
        unresolved_t += ev.target is not None and target is None
        kept += ev.modality == "asserted"
    return {
        "actors": len(actors),
        "events": events,
        "asserted_events": kept,
        "unresolved_agents": unresolved_a,
        "unresolved_targets": unresolved_t,
    }


@dataclass(frozen=True)
class Analysis:
    """Every input read, parsed (or taken from the cache) and extracted: what ``build`` maps to RDF.

    ``reports`` follow the input order; an analysed article's report is ``ok`` with its sentence
    count, and its actor and event counts are filled in once actors are resolved.
    """

    reports: tuple[ArticleReport, ...]
    extractions: tuple[Extraction, ...]
    timings: dict[str, float]
    cache: CacheStats | None = None
    execution: Execution = field(default_factory=Execution)
    event_scorer: dict[str, Any] = field(default_factory=dict)  # ``EventScoring.describe()``


def analyse(
    inputs: Sequence[str | Path],
    settings: BuildSettings | None = None,
    parser: Parser | None = None,
    progress: Callable[[Progress], None] | None = None,
    *,
    execution: Execution | None = None,
    cache: ParseCache | None = None,
) -> Analysis:
    """Read, parse and extract ``inputs``: the part of ``build`` before actors are resolved (``kg build --store`` too).

    Raises ``InputError`` when an input path matches nothing at all; a bad article
    only gets a non-ok status in the report.
    """
    settings = settings or BuildSettings()
    timings: dict[str, float] = {}
    start = time.perf_counter()
    # a missing or unreadable scorer or proposer file fails here, before any parsing
    scorer_info = settings.scoring.describe(frozenset(settings.disabled_rules))
    reports: dict[str, ArticleReport] = {}
    order: list[str] = []
    articles: list[Article] = []
    seen_text: dict[str, str] = {}
    for item in read_articles(inputs, settings.input_policy):
        if settings.select and item.id not in settings.select:
            continue
        key = item.id
        while key in reports:
            key = f"{key}~"
        order.append(key)
        if isinstance(item, InputProblem):
            reports[key] = ArticleReport(item.id, item.status, item.path, errors=(item.message,))
            continue
        digest = hashlib.sha256(normalised_text(item.text).encode("utf-8")).hexdigest()
        if digest in seen_text:
            reports[key] = ArticleReport(
                item.id,
                "duplicate",
                item.path,
                warnings=(f"same text as article {seen_text[digest]}: built once",),
                duplicate_of=seen_text[digest],
            )
            continue
        if key != item.id:
            reports[key] = ArticleReport(
                item.id, "duplicate_id", item.path, errors=(f"article id {item.id!r} is used twice: skipped",)
            )
            continue
        seen_text[digest] = item.id
        articles.append(item)
        reports[key] = ArticleReport(item.id, "pending", item.path, item.source, warnings=item.warnings)
    timings["read"] = time.perf_counter() - start

    t0 = time.perf_counter()
    extractions, cache_stats = _analyse(articles, reports, settings, parser, execution, cache, progress, timings)
    timings["analyse"] = time.perf_counter() - t0
    for ex in extractions:
        aid = ex.doc.article.id
        reports[aid] = _replace(reports[aid], status="ok", sentences=len(ex.doc.sentences), dropped_events=len(ex.dropped_events))
    timings["total"] = time.perf_counter() - start
    return Analysis(
        tuple(reports[k] for k in order), tuple(extractions), timings, cache_stats, execution or Execution(), scorer_info
    )


def build(
    inputs: Sequence[str | Path],
    settings: BuildSettings | None = None,
    parser: Parser | None = None,
    progress: Callable[[Progress], None] | None = None,
    *,
    execution: Execution | None = None,
    cache: ParseCache | None = None,
) -> BuildResult:
    """Build the knowledge graph of ``inputs`` (files, directories, globs, JSONL).

    ``execution`` says where parsing and extraction run (``--workers``, ``--scheduler``; serial by
    default); the result does not depend on it. With a ``cache``, an article whose text was parsed
    before by the same models is not parsed again. ``progress`` receives a ``Progress`` for each
    analysed article (stage ``analyse``) and at the start and end of ``map`` and ``validate``.

    Raises ``InputError`` when an input path matches nothing at all; a bad article
    only gets a non-ok status in the report.
    """
    settings = settings or BuildSettings()
    start = time.perf_counter()
    run = analyse(inputs, settings, parser, progress, execution=execution, cache=cache)
    timings = {k: v for k, v in run.timings.items() if k != "total"}
    extractions = list(run.extractions)
    lexicon = get_lexicon()
    _stage(progress, "map", 0)
    t1 = time.perf_counter()
    with collector_paused():  # a million triples and their terms, none in a cycle: see kg.collector
        index = resolve_actors(extractions, lexicon)
        graph = map_corpus(extractions, index, lexicon)
    timings["map"] = time.perf_counter() - t1
    _stage(progress, "map", 1)
    by_id = {ex.doc.article.id: ex for ex in extractions}
    reports = [_replace(r, **_counts(by_id[r.id], index)) if r.status == "ok" and r.id in by_id else r for r in run.reports]
    validation = Validation(graph, progress) if settings.validate else None
    timings["total"] = time.perf_counter() - start
    return BuildResult(
        graph,
        tuple(_with_message(r) for r in reports),
        tuple(extractions),
        index,
        settings,
        timings,
        validation,
        cache=run.cache,
        execution=run.execution,
        event_scorer=run.event_scorer,
    )


def _with_message(report: ArticleReport) -> ArticleReport:
    """``report`` with its one readable line: the errors, or what was built, or why it was left out."""
    if report.errors:
        message = "; ".join(report.errors)
    elif report.status == "ok":
        message = f"built: {report.sentences} sentences, {report.actors} actors, {report.events} events"
        message += f" ({len(report.warnings)} warnings)" if report.warnings else ""
    else:
        message = "; ".join(report.warnings) or report.status
    return _replace(report, message=message)


def _stage(progress: Callable[[Progress], None] | None, stage: str, done: int, total: int = 1, item: str | None = None) -> None:
    if progress is not None:
        progress(Progress(stage, done, total, item))


def _analyse(
    articles: list[Article],
    reports: dict[str, ArticleReport],
    settings: BuildSettings,
    parser: Parser | None,
    execution: Execution | None,
    cache: ParseCache | None,
    progress: Callable[[Progress], None] | None,
    timings: dict[str, float],
) -> tuple[list[Extraction], CacheStats | None]:
    """Parse (or load from ``cache``) and extract every article, as ``execution`` says.

    Fresh parses go into the cache as they arrive, so an interrupted build keeps them. Fills in
    the ``parse``, ``extract`` and ``cache`` timings (summed over articles: with several workers
    they add up to more than the wall time, which is ``analyse``).
    """
    from kg.workers import Task, run_tasks

    t0 = time.perf_counter()
    disabled = frozenset(settings.disabled_rules)
    asked = settings.scoring
    proposing = "model" not in disabled and asked.proposer_model() is not None  # --disable-rule model: not loaded
    scoring = asked if asked.scorer() is not None or proposing else None
    tasks = [Task(a, cache.read(a) if cache is not None else None, disabled, scoring) for a in articles]
    cache_seconds = time.perf_counter() - t0
    _stage(progress, "analyse", 0, len(tasks))
    finished = 0

    def arrived(outcome: Outcome) -> None:
        nonlocal finished, cache_seconds
        finished += 1
        if cache is not None and outcome.parsed is not None:
            c0 = time.perf_counter()
            cache.put(outcome.parsed)
            cache_seconds += time.perf_counter() - c0
        _stage(progress, "analyse", finished, len(tasks), outcome.article_id)

    outcomes = run_tasks(tasks, parser or _default_parser(settings), execution, arrived) if tasks else []
    extractions = []
    for outcome in outcomes:
        if outcome.extraction is None:
            error = outcome.error or "failed"
            reports[outcome.article_id] = _replace(reports[outcome.article_id], status="error", errors=(error,))
        else:
            extractions.append(outcome.extraction)
            reports[outcome.article_id] = _replace(reports[outcome.article_id], cached=outcome.cached)
    timings["parse"] = sum(o.parse_seconds for o in outcomes)
    timings["extract"] = sum(o.extract_seconds for o in outcomes)
    timings["cache"] = cache_seconds
    stats = None
    if cache is not None:
        hits = sum(o.cached for o in outcomes)
        stats = CacheStats(str(cache.directory), hits, len(outcomes) - hits)
    return extractions, stats


def _replace(report: ArticleReport, **changes: object) -> ArticleReport:
    from dataclasses import replace

    return replace(report, **changes)  # type: ignore[arg-type]


def validate(graph: Graph, *, in_place: bool = False) -> tuple[bool, tuple[str, ...]]:
    """Validate ``graph`` against ``ontology/shapes.ttl``; return (conforms, violation messages).

    pyshacl mixes the ontology into the data graph, which it first copies; ``in_place`` mixes it
    into ``graph`` itself (adding the ontology's triples to it), which saves the copy: a third of
    the validation's time for the whole corpus (40 s -> 28 s). Only for a graph nobody reads after.
    """
    from pyshacl import validate as shacl_validate

    shapes = Graph().parse(ONTOLOGY_DIR / "shapes.ttl")
    ontology = Graph().parse(ONTOLOGY_DIR / "kg.ttl")
    conforms, results, _text = shacl_validate(graph, shacl_graph=shapes, ont_graph=ontology, inference="none", inplace=in_place)
    messages = []
    from rdflib.namespace import SH

    for result in results.subjects(predicate=SH.focusNode):  # type: ignore[union-attr]
        focus = results.value(result, SH.focusNode)  # type: ignore[union-attr]
        message = results.value(result, SH.resultMessage)  # type: ignore[union-attr]
        path = results.value(result, SH.resultPath)  # type: ignore[union-attr]
        messages.append(f"{focus} {path}: {message}")
    return bool(conforms), tuple(sorted(messages))


def write_outputs(result: BuildResult, out_dir: Path, progress: Callable[[Progress], None] | None = None) -> dict[str, Path]:
    """Write graph.ttl, report.json, network.html, graph.graphml and graph.gexf into ``out_dir``.

    The time it takes is added to ``result.timings`` as ``write`` (and so to report.json).
    """
    from kg.network import actor_network, write_gexf, write_graphml
    from kg.render import render_html
    from kg.turtle import to_turtle

    t0 = time.perf_counter()
    _stage(progress, "write", 0)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {
        "graph": out_dir / "graph.ttl",
        "report": out_dir / "report.json",
        "html": out_dir / "network.html",
        "graphml": out_dir / "graph.graphml",
        "gexf": out_dir / "graph.gexf",
    }
    with collector_paused():
        atomic_write(paths["graph"], to_turtle(result.graph))
        network = actor_network(result.graph)
        atomic_write(paths["html"], render_html(network))
        atomic_write(paths["graphml"], write_graphml(network))
        atomic_write(paths["gexf"], write_gexf(network))
    result.timings["write"] = time.perf_counter() - t0
    atomic_write(paths["report"], json.dumps(result.report_dict(), ensure_ascii=False, indent=2) + "\n")
    _stage(progress, "write", 1)
    return paths


def write_report(result: BuildResult, out_dir: Path) -> dict[str, Path]:
    """Write only ``report.json`` into ``out_dir`` (``kg build --store --no-outputs``: what the change did)."""
    path = out_dir / "report.json"
    atomic_write(path, json.dumps(result.report_dict(), ensure_ascii=False, indent=2) + "\n")
    return {"report": path}
