"""Shared fixtures: a CoNLL-U parser for hand-made parses, a fake parser factory, and the fixture
corpus (see ``helpers.py``) built once per session with no Stanza model."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from helpers import FakeParser, conllu, corpus_conllu, write_corpus
from rdflib import Graph

from kg.build import BuildResult, BuildSettings, build, write_outputs
from kg.document import Article, ParsedDoc, from_conllu


@pytest.fixture
def parse() -> Callable[..., ParsedDoc]:
    """``parse(block, article=None)``: a ``ParsedDoc`` from a readable CoNLL-U block."""

    def make(text: str, article: Article | None = None) -> ParsedDoc:
        return from_conllu(conllu(text), article)

    return make


@pytest.fixture
def fake_parser() -> Callable[..., FakeParser]:
    """``fake_parser(parses=None, fail=())``: a parser over ``parses`` (default: the fixture corpus)."""

    def make(parses: dict[str, str] | None = None, fail: Iterable[str] = ()) -> FakeParser:
        return FakeParser(corpus_conllu() if parses is None else parses, fail)

    return make


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="session")
def built(corpus_dir: Path) -> BuildResult:
    """The fixture corpus built with the fake parser and validated with SHACL (shared: do not modify)."""
    return build([corpus_dir], BuildSettings(), parser=FakeParser(corpus_conllu()))


@pytest.fixture(scope="session")
def built_graph(built: BuildResult) -> Graph:
    return built.graph


@pytest.fixture(scope="session")
def built_out(built: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The output folder of the fixture build (graph.ttl, report.json, network.html ...)."""
    out = tmp_path_factory.mktemp("out")
    write_outputs(built, out)
    return out


@pytest.fixture(scope="session")
def run_seeded() -> Callable[[int, str, str], str]:
    """``run_seeded(seed, code, stdin)``: stdout of ``code`` run by a fresh interpreter with ``PYTHONHASHSEED=seed``.

    str hashes (and so set order) change from one run to the next; fixed seeds make a test that
    compares two runs deterministic.
    """

    def run(seed: int, code: str, stdin: str = "") -> str:
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        done = subprocess.run(
            [sys.executable, "-c", code], input=stdin, capture_output=True, text=True, env=env, timeout=60, check=True
        )
        return done.stdout

    return run
