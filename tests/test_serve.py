"""kg/serve.py over loopback with a real client (SPARQLWrapper): formats, refusals, limits, load."""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from helpers import FakeParser, corpus_conllu, write_corpus
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, TSV, TURTLE, XML, SPARQLWrapper

from kg.build import BuildSettings
from kg.serve import ServeSettings, SparqlServer, make_server, uses_service
from kg.store import KGStore, build_into_store

COUNT_EVENTS = "PREFIX kg: <https://w3id.org/kg-news/ontology#> SELECT (COUNT(?e) AS ?n) WHERE { ?e a kg:Event }"
FOREVER = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?o ?p }"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("serve")
    corpus = write_corpus(root / "corpus")
    build_into_store([corpus], root / "store", BuildSettings(validate=False), parser=FakeParser(corpus_conllu()))
    return root / "store"


@pytest.fixture(scope="module")
def server(store_dir: Path) -> Iterator[SparqlServer]:
    srv = make_server(store_dir, ServeSettings(port=0, timeout_s=3.0))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield srv
    srv.close()


def _status(url: str, data: bytes | None = None, ctype: str | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=data, headers={"Content-Type": ctype} if ctype else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _get(server: SparqlServer, query: str) -> tuple[int, bytes]:
    return _status(server.url + "?" + urllib.parse.urlencode({"query": query}))


def _triples(store_dir: Path) -> int:
    with KGStore.open(store_dir, read_only=True) as store:
        return len(store.graph())


def test_serve_answers_sparqlwrapper_in_json_xml_csv_tsv(server: SparqlServer) -> None:
    client = SPARQLWrapper(server.url)
    client.setQuery(COUNT_EVENTS)
    client.setReturnFormat(JSON)
    assert client.query().convert()["results"]["bindings"][0]["n"]["value"] == "13"  # type: ignore[index]
    client.setReturnFormat(XML)
    xml = client.query().convert()
    assert [n.firstChild.data for n in xml.getElementsByTagName("literal")] == ["13"]  # type: ignore[union-attr]
    client.setReturnFormat(CSV)
    assert client.query().convert().splitlines() == [b"n", b"13"]  # type: ignore[union-attr]
    client.setReturnFormat(TSV)
    assert client.query().convert().splitlines()[1].startswith(b"13")  # type: ignore[union-attr]
    client.setMethod("POST")
    client.setReturnFormat(JSON)
    assert client.query().convert()["results"]["bindings"][0]["n"]["value"] == "13"  # type: ignore[index]


def test_serve_construct_as_turtle_matches_the_store(server: SparqlServer, store_dir: Path) -> None:
    client = SPARQLWrapper(server.url)
    client.setQuery("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    client.setReturnFormat(TURTLE)
    graph = Graph().parse(data=client.query().convert(), format="turtle")  # type: ignore[arg-type]
    assert len(graph) == _triples(store_dir)
    status, body = _status(server.url, COUNT_EVENTS.encode(), "application/sparql-query")
    assert status == 200 and b"13" in body


@pytest.mark.parametrize(
    ("data", "ctype", "query"),
    [
        (None, None, "INSERT DATA { <http://a/s> <http://a/p> <http://a/o> }"),
        (None, None, "LOAD <http://127.0.0.1:9/data.ttl>"),
        (b"update=CLEAR+ALL", "application/x-www-form-urlencoded", None),
        (b"LOAD <http://127.0.0.1:9/data.ttl>", "application/sparql-update", None),
        (None, None, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"),
        (None, None, "update=DROP ALL"),
    ],
)
def test_serve_refuses_updates_load_and_service(
    server: SparqlServer, store_dir: Path, data: bytes | None, ctype: str | None, query: str | None
) -> None:
    before = _triples(store_dir)
    if query is not None and query.startswith("update="):
        status, _ = _status(server.url + "?" + urllib.parse.urlencode({"update": query[7:]}))
    elif query is not None:
        status, _ = _get(server, query)
    else:
        status, _ = _status(server.url, data, ctype)
    assert 400 <= status < 500
    assert _triples(store_dir) == before


def test_serve_service_keyword_is_found_but_not_inside_strings() -> None:
    assert uses_service("select * { service <http://x/> { ?s ?p ?o } }")
    assert uses_service("SELECT * { ?s ex:a\\' ?o . SERVICE <http://x/> { ?s ?p ?o } ?s ex:b\\' ?o }")
    assert not uses_service('SELECT ?service { ?service <http://x/p> "SERVICE" . ?s ex:service ?o } # SERVICE')


def test_serve_stops_a_query_that_would_run_forever(server: SparqlServer) -> None:
    start = time.perf_counter()
    status, body = _get(server, FOREVER)
    assert status == 503 and b"longer than" in body
    assert time.perf_counter() - start < 20
    assert _get(server, COUNT_EVENTS)[0] == 200  # the worker was replaced


def test_serve_refuses_a_10_mb_query(server: SparqlServer) -> None:
    huge = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 10_000_000
    assert _status(server.url, huge.encode(), "application/sparql-query")[0] == 413
    assert _status(server.url, urllib.parse.urlencode({"query": huge}).encode(), "application/x-www-form-urlencoded")[0] == 413
    assert _get(server, huge[:100_000])[0] == 414  # a GET's request line stops at 64 KiB (http.server)


def test_serve_caps_the_result_size(store_dir: Path) -> None:
    srv = make_server(store_dir, ServeSettings(port=0, max_result_bytes=2_000, workers=1))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        status, body = _get(srv, "SELECT * WHERE { ?s ?p ?o }")
        assert status == 400 and b"larger than 2000 bytes" in body
        assert _get(srv, "SELECT * WHERE { ?s ?p ?o } LIMIT 2")[0] == 200
    finally:
        srv.close()


def test_serve_sees_a_build_that_completes_while_it_runs(tmp_path: Path) -> None:
    parses = corpus_conllu()
    corpus = write_corpus(tmp_path / "corpus")
    store = tmp_path / "store"
    build_into_store([corpus / "kecaman-ban.txt"], store, BuildSettings(validate=False), parser=FakeParser(parses))
    srv = make_server(store, ServeSettings(port=0, workers=1))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    query = "PREFIX kg: <https://w3id.org/kg-news/ontology#> SELECT (COUNT(?a) AS ?n) WHERE { ?a a kg:Article }"
    try:
        assert b"1" in _status(srv.url + "?" + urllib.parse.urlencode({"query": query, "format": "csv"}))[1]
        build_into_store([corpus], store, BuildSettings(validate=False), parser=FakeParser(parses))  # writer while serving
        assert _status(srv.url + "?" + urllib.parse.urlencode({"query": query, "format": "csv"}))[1].split() == [b"n", b"3"]
    finally:
        srv.close()


@pytest.mark.slow
def test_serve_load_2000_requests_from_8_threads(server: SparqlServer) -> None:
    url = server.url + "?" + urllib.parse.urlencode({"query": COUNT_EVENTS, "format": "json"})

    def one(_: int) -> tuple[int, float]:
        start = time.perf_counter()
        status, _body = _status(url)
        return status, time.perf_counter() - start

    start = time.perf_counter()
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(one, range(2000)))
    wall = time.perf_counter() - start
    failures = [s for s, _ in results if s != 200]
    latencies = sorted(t for _, t in results)
    pct = {p: latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000 for p in (50, 90, 99)}
    print(
        f"\n2000 requests, 8 threads: {len(failures)} failures, {2000 / wall:.0f} req/s, "
        f"p50 {pct[50]:.1f} ms, p90 {pct[90]:.1f} ms, p99 {pct[99]:.1f} ms, max {latencies[-1] * 1000:.1f} ms"
    )
    assert failures == []
