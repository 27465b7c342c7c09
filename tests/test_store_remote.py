"""kg/remote.py: the store on a real SPARQL server (Oxigraph server, started and stopped here) behaves as the embedded one."""

from __future__ import annotations

import random
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from test_store_incremental import PARSES, _clean, _extraction

from kg.errors import StoreError
from kg.store import KGStore

OXIGRAPH = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """An Oxigraph server on a free port, with its own database; its URL."""
    if OXIGRAPH is None:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    port = _free_port()
    process = subprocess.Popen(
        [OXIGRAPH, "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("the oxigraph server did not start") from None
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(10)


def _check(store: KGStore, ids: set[str]) -> None:
    assert store.article_ids() == sorted(ids)
    clean = _clean(ids)
    assert isomorphic(store.graph(), clean)
    union = Graph()
    for name in store.content_graphs():
        union += store.named_graph(name.value)
    assert isomorphic(union, clean)


def test_store_remote_add_remove_readd_is_a_clean_build(server: str) -> None:
    ids = sorted(PARSES)
    order = random.Random(5).sample(ids, len(ids))
    with KGStore.open(server) as store:
        for aid in order[:3]:
            store.write(put=[_extraction(aid)])
        _check(store, set(order[:3]))
        store.write(put=[_extraction(aid) for aid in order[3:]])
        _check(store, set(ids))
        assert store.generation == 4
        change = store.write(remove=["lain", "kecaman-ban"]).change
        assert change.removed == ("kecaman-ban", "lain")
        _check(store, set(ids) - {"lain", "kecaman-ban"})
        store.write(put=[_extraction("lain")])
        _check(store, set(ids) - {"kecaman-ban"})
        unchanged = store.write(put=[_extraction("lain")]).change  # the same article again: nothing to write
        assert unchanged.graphs_written == 0 and store.generation == 6


def test_store_remote_queries_answer_as_the_embedded_store(server: str, tmp_path: Path) -> None:
    from kg.query import run_query

    extractions = [_extraction(aid) for aid in sorted(PARSES)]
    with KGStore.open(server) as remote, KGStore.open(tmp_path / "embedded") as embedded:
        remote.write(put=extractions)
        embedded.write(put=extractions)
        for name, params in [("who-met-whom", {}), ("actors-by-degree", {}), ("article-events", {"article": "kecaman-ban"})]:
            got = sorted(tuple(map(str, row)) for row in run_query(remote, name, params))  # type: ignore[arg-type]
            expected = sorted(tuple(map(str, row)) for row in run_query(embedded, name, params))  # type: ignore[arg-type]
            assert got == expected, name
            assert got or name == "who-met-whom"


def test_store_remote_cli_build_query_stats_remove(server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from helpers import article_text
    from typer.testing import CliRunner

    from kg.cli import app

    fixtures, folder = tmp_path / "parses", tmp_path / "in"
    fixtures.mkdir()
    folder.mkdir()
    for aid, parse in PARSES.items():
        (fixtures / f"{aid}.conllu").write_text(parse, encoding="utf-8")
        (folder / f"{aid}.txt").write_text(article_text(parse) + "\n", encoding="utf-8")
    monkeypatch.setenv("KG_CONLLU_DIR", str(fixtures))
    runner = CliRunner()
    out = tmp_path / "out"
    done = runner.invoke(app, ["build", str(folder), "--store", server, "--out", str(out)])
    assert done.exit_code == 0, done.output
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["totals"]["ok"] == len(PARSES) and report["shacl"]["conforms"] is True
    asked = runner.invoke(app, ["query", "--store", server, "article-events", "-p", "article=kecaman-ban", "-f", "json"])
    assert asked.exit_code == 0, asked.output
    assert {r["type"] for r in json.loads(asked.stdout)} >= {"Criticize", "Thank"}
    ranked = runner.invoke(app, ["stats", "--store", server, "--format", "json"])
    assert ranked.exit_code == 0 and json.loads(ranked.stdout)
    removed = runner.invoke(app, ["remove", "kecaman-ban", "--store", server])
    assert removed.exit_code == 0, removed.output
    with KGStore.open(server, read_only=True) as store:
        assert "kecaman-ban" not in store.article_ids()


def test_store_remote_unreachable_server_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match="Cannot reach the SPARQL server"):
        KGStore.open(f"http://127.0.0.1:{_free_port()}")
