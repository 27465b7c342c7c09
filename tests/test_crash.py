"""Crash safety of ``kg build --store``: SIGKILL at random points, rerun, and the store equals a clean build's."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import corpus_conllu, write_corpus
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.store import KGStore

ROOT = Path(__file__).resolve().parents[1]
TRIALS = 20


def _kg_build(inputs: Path, store: Path, out: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "kg.cli", "build", str(inputs), "--store", str(store), "--out", str(out), "--no-validate"]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _content(store: Path) -> tuple[list[str], Graph]:
    with KGStore.open(store, read_only=True) as opened:
        return opened.article_ids(), opened.graph()


@pytest.mark.slow
def test_crash_sigkill_during_build_then_rerun_gives_a_clean_store(tmp_path: Path) -> None:
    parses = corpus_conllu()
    fixtures = tmp_path / "parses"
    fixtures.mkdir()
    for aid, text in parses.items():
        (fixtures / f"{aid}.conllu").write_text(text, encoding="utf-8")
    corpus = write_corpus(tmp_path / "corpus")
    first, rest = tmp_path / "first", tmp_path / "rest"
    first.mkdir()
    shutil.move(corpus / "kecaman-ban.txt", first / "kecaman-ban.txt")
    shutil.move(corpus, rest)
    env = {**os.environ, "KG_CONLLU_DIR": str(fixtures), "PYTHONPATH": f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    # the base store holds one article; each trial adds the other two and is killed on the way
    base = tmp_path / "base"
    assert _kg_build(first, base, tmp_path / "out-base", env).wait(120) == 0
    clean = tmp_path / "clean"
    shutil.copytree(base, clean)
    start = time.perf_counter()
    assert _kg_build(rest, clean, tmp_path / "out-clean", env).wait(120) == 0
    duration = time.perf_counter() - start
    clean_ids, clean_graph = _content(clean)
    assert clean_ids == ["dukungan-2024", "kecaman-ban", "pertemuan-manila"]

    rng = random.Random(7)
    # a trial is at most a killed build and a full one: the bound scales with this machine's load
    deadline = time.monotonic() + max(110.0, TRIALS * 3 * duration)
    killed = 0
    for trial in range(TRIALS):
        assert time.monotonic() < deadline, f"only {trial} trials in the time bound"
        store, out = tmp_path / f"store-{trial}", tmp_path / f"out-{trial}"
        shutil.copytree(base, store)
        process = _kg_build(rest, store, out, env)
        time.sleep(rng.uniform(0.0, duration))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed += 1
        process.wait(60)
        rerun = _kg_build(rest, store, out, env)
        _, err = rerun.communicate(timeout=120)
        assert rerun.returncode == 0, err.decode()
        ids, graph = _content(store)
        assert ids == clean_ids
        assert isomorphic(graph, clean_graph), f"trial {trial}"
        assert isomorphic(Graph().parse(out / "graph.ttl"), clean_graph)
        shutil.rmtree(store)
    assert killed >= TRIALS // 2  # most runs were really cut short
