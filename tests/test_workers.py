"""kg/workers.py: the same build whether it runs serially, in worker processes or on a Dask cluster."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from helpers import FakeParser, corpus_conllu, write_corpus
from rdflib.compare import isomorphic

from kg.build import BuildResult, BuildSettings, build
from kg.cache import ParseCache
from kg.document import Article
from kg.errors import InputError, WorkerError
from kg.workers import Execution, Task, analyse_chunk, run_tasks

IDS = ["dukungan-2024", "kecaman-ban", "pertemuan-manila"]


def _stable(result: BuildResult) -> dict[str, Any]:
    """report.json without what depends on how the build ran (timings, execution)."""
    return {k: v for k, v in result.report_dict().items() if k not in ("timings_s", "execution")}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture corpus plus copies of its articles under other ids, so that work can be spread."""
    folder = write_corpus(tmp_path_factory.mktemp("corpus"))
    for n in range(3):
        for name in ("pertemuan-manila", "kecaman-ban"):
            text = (folder / f"{name}.txt").read_text(encoding="utf-8")
            (folder / f"{name}-{n}.txt").write_text(f"{text}\nSalinan {n}.\n", encoding="utf-8")
    return folder


def _parses() -> dict[str, str]:
    parses = corpus_conllu()
    return parses | {f"{name}-{n}": parses[name] for n in range(3) for name in ("pertemuan-manila", "kecaman-ban")}


@pytest.fixture(scope="module")
def serial(corpus: Path) -> BuildResult:
    return build([corpus], BuildSettings(), parser=FakeParser(_parses(), fail=["kecaman-ban-1"]))


def test_workers_serial_build_of_the_spread_corpus(serial: BuildResult) -> None:
    statuses = {r.id: r.status for r in serial.reports}
    assert len(statuses) == 9 and statuses["kecaman-ban-1"] == "error"
    assert sum(s == "ok" for s in statuses.values()) == 8
    assert serial.execution == Execution()


@pytest.mark.parametrize("workers", [2, 3])
def test_workers_processes_give_the_serial_graph_and_report(corpus: Path, serial: BuildResult, workers: int) -> None:
    parser = FakeParser(_parses(), fail=["kecaman-ban-1"])
    result = build([corpus], BuildSettings(), parser=parser, execution=Execution(workers=workers))
    assert parser.calls == []  # each worker parsed with its own copy
    assert isomorphic(result.graph, serial.graph)
    assert _stable(result) == _stable(serial)
    assert result.report_dict()["execution"] == {"workers": workers, "scheduler": None, "connect_timeout": 20.0, "threads": None}


def test_workers_all_cached_build_stays_in_this_process(tmp_path: Path, corpus: Path, serial: BuildResult) -> None:
    cache = ParseCache(tmp_path / "cache", "m")
    parses = _parses()
    build([corpus], BuildSettings(), parser=FakeParser(parses), execution=Execution(workers=2), cache=cache)
    parser = FakeParser(parses, fail=["kecaman-ban-1"])
    again = build([corpus], BuildSettings(), parser=parser, execution=Execution(workers=2), cache=cache)
    # every parse came from the cache, and the parser would have failed in this process
    assert parser.calls == [] and all(r.status == "ok" for r in again.reports)
    assert again.cache is not None and (again.cache.hits, again.cache.misses) == (9, 0)


def test_workers_crash_restarts_after_the_failed_article() -> None:
    parses = corpus_conllu()
    tasks = [Task(Article(i, "teks")) for i in IDS]
    parser = FakeParser(parses, fail=["kecaman-ban"])
    outcomes = list(analyse_chunk(parser, tasks))
    assert [(o.article_id, o.error) for o in outcomes] == [
        ("dukungan-2024", None),
        ("kecaman-ban", "parsing failed: parser crashed on kecaman-ban"),
        ("pertemuan-manila", None),
    ]
    assert parser.calls == IDS
    assert [o.parsed is not None for o in outcomes] == [True, False, True]


def test_workers_cached_parses_are_not_parsed() -> None:
    parses = corpus_conllu()
    parser = FakeParser(parses)
    tasks = [Task(Article("kecaman-ban", "teks"), cached=parses["kecaman-ban"]), Task(Article("dukungan-2024", "teks"))]
    outcomes = run_tasks(tasks, parser)
    assert parser.calls == ["dukungan-2024"]
    assert [(o.article_id, o.cached, o.parsed is None) for o in outcomes] == [
        ("kecaman-ban", True, True),
        ("dukungan-2024", False, False),
    ]
    assert all(o.extraction is not None for o in outcomes)


def test_workers_execution_checks_its_settings() -> None:
    with pytest.raises(InputError, match="1 or more"):
        Execution(workers=0)
    with pytest.raises(InputError, match="not both"):
        Execution(workers=2, scheduler="tcp://127.0.0.1:8786")


def test_workers_unreachable_scheduler_is_a_clear_error() -> None:
    with pytest.raises(WorkerError, match="dask scheduler"):
        run_tasks([Task(Article("a", "teks"))], FakeParser({}), Execution(scheduler="tcp://127.0.0.1:9", connect_timeout=1))


@pytest.mark.slow
def test_workers_dask_local_cluster_gives_the_serial_graph(corpus: Path, serial: BuildResult) -> None:
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None) as cluster:
        parser = FakeParser(_parses(), fail=["kecaman-ban-1"])
        result = build([corpus], BuildSettings(), parser=parser, execution=Execution(scheduler=cluster.scheduler_address))
    assert parser.calls == []  # the cluster's workers parsed, with the copy broadcast to them
    assert isomorphic(result.graph, serial.graph)
    assert _stable(result) == _stable(serial)
    assert result.report_dict()["execution"]["scheduler"] == cluster.scheduler_address  # type: ignore[index]


def test_workers_threads_share_the_free_cores() -> None:
    from kg.workers import torch_threads

    assert torch_threads(1, cpus=2, load=0.0, environ={}) == 2
    assert torch_threads(2, cpus=2, load=0.0, environ={}) == 1
    assert torch_threads(1, cpus=2, load=1.0, environ={}) == 1  # another job on one of the two cores
    assert torch_threads(4, cpus=16, load=3.6, environ={}) == 3
    assert torch_threads(1, cpus=2, load=9.0, environ={}) == 1  # never none
    assert torch_threads(1, 5, cpus=2, load=2.0, environ={"OMP_NUM_THREADS": "1"}) == 5  # --threads wins
    assert torch_threads(2, cpus=8, load=0.0, environ={"OMP_NUM_THREADS": "3"}) == 3  # then the user's OMP_NUM_THREADS


def test_workers_serial_parse_sets_torch_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    import types

    calls: list[int] = []
    monkeypatch.setitem(sys.modules, "torch", types.SimpleNamespace(set_num_threads=calls.append))
    monkeypatch.setattr("kg.workers.available_cpus", lambda: 2)
    for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OMP_WAIT_POLICY"):
        monkeypatch.delenv(name, raising=False)
    parser = FakeParser(corpus_conllu())
    run_tasks([Task(Article("kecaman-ban", "teks"))], parser, Execution(threads=1))
    assert calls == [1]
    # one thread of two cores leaves one to other jobs: waiting threads sleep rather than spin on it
    assert os.environ["OMP_NUM_THREADS"] == "1" and os.environ["OMP_WAIT_POLICY"] == "PASSIVE"
    monkeypatch.delenv("OMP_WAIT_POLICY")
    run_tasks([Task(Article("kecaman-ban", "teks"))], parser, Execution(threads=2))
    assert calls == [1, 2] and "OMP_WAIT_POLICY" not in os.environ  # every core: threads may spin
    calls.clear()
    run_tasks([Task(Article("kecaman-ban", "teks"), cached="x")], parser, Execution(threads=1))
    assert calls == []  # nothing to parse: torch is left alone


def test_workers_threads_option_is_checked() -> None:
    with pytest.raises(InputError, match="--threads"):
        Execution(threads=0)
