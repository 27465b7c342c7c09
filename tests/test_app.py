"""The browser app of ``kg serve`` over HTTP (no browser): pages, CSP, escaping, downloads, store changes."""

from __future__ import annotations

import json
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
from helpers import FakeParser, corpus_conllu, write_corpus
from rdflib import Graph
from test_render import HOSTILE as HOSTILE_SET
from test_render import PAYLOAD, SCRIPT_PAYLOAD, _graph_with

from kg.build import BuildSettings
from kg.mapper import bind_prefixes
from kg.serve import APP_CSP, ServeSettings, SparqlServer, make_server, render_page
from kg.store import build_into_store
from kg.web import NetworkFilter, Site, filter_network

HOSTILE = PAYLOAD + SCRIPT_PAYLOAD + "\"'&\u2028"
PAGES = ["/", "/actor/ahmad-zaki", "/article/pertemuan-manila", "/timeline?actor=Zaki", "/query"]


def _start(path: Path, store: bool = True) -> SparqlServer:
    srv = make_server(path, ServeSettings(port=0, workers=1, timeout_s=10.0), store=store)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("app")
    corpus = write_corpus(root / "corpus")
    build_into_store([corpus], root / "store", BuildSettings(validate=False), parser=FakeParser(corpus_conllu()))
    return root / "store"


@pytest.fixture(scope="module")
def server(store_dir: Path) -> Iterator[SparqlServer]:
    srv = _start(store_dir)
    yield srv
    srv.close()


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparqlServer]:
    """A built folder whose actor name, sentence and article id are hostile text (the render tests' inputs)."""
    out = tmp_path_factory.mktemp("hostile")
    graph = _graph_with(HOSTILE, f"Dia berkata {PAYLOAD} & {SCRIPT_PAYLOAD}.")
    bind_prefixes(graph).serialize(out / "graph.ttl", format="turtle")
    srv = _start(out, store=False)
    yield srv
    srv.close()


def _get(srv: SparqlServer, path: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(srv.app_url.rstrip("/") + path, timeout=60) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script":
            self.scripts.append(found)
        for name in ("src", "href", "action"):
            if found.get(name):
                self.refs.append(str(found[name]))


def _refs(body: bytes) -> _Refs:
    parser = _Refs()
    parser.feed(body.decode("utf-8"))
    return parser


@pytest.mark.parametrize("path", PAGES)
def test_app_page_is_local_only_under_a_strict_csp(server: SparqlServer, path: str) -> None:
    status, headers, body = _get(server, path)
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    csp = headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src 'self';" in csp and "connect-src 'self'" in csp
    assert "http" not in csp and "'unsafe-eval'" not in csp
    page = _refs(body)
    assert not [r for r in page.refs if re.match(r"\s*(https?:)?//", r)]  # nothing from outside
    assert all(s.get("src") or s.get("type") == "application/json" for s in page.scripts)  # no inline code
    for ref in page.refs:
        if ref.startswith("/static/"):
            assert _get(server, ref)[0] == 200, ref


def test_app_actor_page_lists_events_with_evidence_links(server: SparqlServer) -> None:
    status, _, body = _get(server, "/actor/ahmad-zaki")
    text = body.decode("utf-8")
    assert status == 200 and "Ahmad Zaki" in text and "Menteri Luar Negeri" in text
    assert 'href="/article/pertemuan-manila#s0"' in text  # the evidence sentence of the meeting
    assert "bertemu dengan Presiden Filipina Maria Santos" in text
    assert 'href="/actor/maria-santos"' in text
    timeline = json.loads(re.search(r'id="timeline-data">(.*?)</script>', text, re.DOTALL).group(1))  # type: ignore[union-attr]
    assert timeline["actor"] == "Ahmad Zaki" and "Meet" in {s["type"] for s in timeline["series"]}


def test_app_article_page_marks_actors_and_triggers_at_stored_offsets(server: SparqlServer) -> None:
    status, _, body = _get(server, "/article/pertemuan-manila")
    text = body.decode("utf-8")
    assert status == 200
    sentence = re.search(r'<span class="sentence" id="s0">(.*?)</span> ', text, re.DOTALL).group(1)  # type: ignore[union-attr]
    assert '<mark class="trigger" title="Meet">bertemu' in sentence
    assert '<a class="actor" href="/actor/ahmad-zaki" title="Ahmad Zaki">Ahmad Zaki</a>' in sentence
    assert re.sub(r"<[^>]+>", "", sentence).startswith("Menteri Luar Negeri Malaysia Ahmad Zaki bertemu dengan")
    assert 'id="s3"' in text  # the whole text, also sentences that gave nothing, from the stored parse


def test_app_network_json_and_filtered_downloads(server: SparqlServer) -> None:
    status, headers, body = _get(server, "/api/network.json")
    data = json.loads(body)
    assert status == 200 and headers["Content-Type"] == "application/json"
    assert {n["label"] for n in data["nodes"]} >= {"Ahmad Zaki", "Maria Santos"} and data["links"] is True
    status, headers, body = _get(server, "/download/network.ttl?type=Meet")
    assert status == 200 and "attachment" in headers["Content-Disposition"]
    graph = Graph().parse(data=body.decode("utf-8"), format="turtle")
    types = {
        str(o).rsplit("/", 1)[-1]
        for o in graph.objects(None, bind_prefixes(graph).namespace_manager.expand_curie("kg:eventType"))
    }
    assert types == {"Meet"}
    _, _, graphml = _get(server, "/download/network.graphml?type=Meet")
    net = nx.read_graphml(__import__("io").BytesIO(graphml))
    assert {d["type"] for _, _, d in net.edges(data=True)} == {"Meet"}
    _, _, gexf = _get(server, "/download/network.gexf?q=zaki")
    assert b"Ahmad Zaki" in gexf and b"Maria Santos" not in gexf


def test_app_sparql_endpoint_still_answers_beside_the_app(server: SparqlServer) -> None:
    query = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "format": "csv"})
    with urllib.request.urlopen(server.url + "?" + query, timeout=60) as answer:
        assert answer.read().split()[0] == b"n"


@pytest.mark.parametrize(
    ("path", "status"),
    [("/actor/nobody", 404), ("/article/nothing", 404), ("/timeline?actor=nobody", 404), ("/nowhere", 404),
     ("/static/../serve.py", 404), ("/static/%2e%2e/serve.py", 404), ("/static/vendor/VENDORED.md", 404),
     ("/download/network.exe", 404)],
)  # fmt: skip
def test_app_unknown_paths_are_404(server: SparqlServer, path: str, status: int) -> None:
    assert _get(server, path)[0] == status


def test_app_store_change_is_visible_on_reload(tmp_path: Path) -> None:
    parses = corpus_conllu()
    corpus = write_corpus(tmp_path / "corpus")
    store = tmp_path / "store"
    build_into_store([corpus / "kecaman-ban.txt"], store, BuildSettings(validate=False), parser=FakeParser(parses))
    srv = _start(store)
    try:
        assert _get(srv, "/actor/kevin-lasut")[0] == 404
        before = json.loads(_get(srv, "/api/network.json")[2])
        build_into_store([corpus], store, BuildSettings(validate=False), parser=FakeParser(parses))
        after = json.loads(_get(srv, "/api/network.json")[2])
        assert len(after["nodes"]) > len(before["nodes"])
        assert _get(srv, "/actor/kevin-lasut")[0] == 200
    finally:
        srv.close()


def test_app_serves_a_built_folder(built_out: Path) -> None:
    srv = _start(built_out, store=False)
    try:
        status, _, body = _get(srv, "/article/pertemuan-manila")
        assert status == 200 and b'<mark class="trigger" title="Meet">bertemu' in body
        assert _get(srv, "/actor/ahmad-zaki")[0] == 200
        query = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "format": "csv"})
        with urllib.request.urlopen(srv.url + "?" + query, timeout=60) as answer:
            assert int(answer.read().split()[1]) > 100
    finally:
        srv.close()


def test_app_hostile_text_is_escaped_on_every_page(hostile_server: SparqlServer) -> None:
    net = json.loads(_get(hostile_server, "/api/network.json")[2])
    [person] = [n for n in net["nodes"] if n["type"] == "Person"]
    assert person["label"] == HOSTILE  # the data carries the name as it is ...
    article = "/article/" + urllib.parse.quote("uji<>&", safe="")
    for path in ["/", f"/actor/{person['slug']}", article, "/timeline?actor=" + urllib.parse.quote(HOSTILE), "/query"]:
        status, headers, body = _get(hostile_server, path)
        text = body.decode("utf-8")
        assert status == 200, path
        for raw in (PAYLOAD, SCRIPT_PAYLOAD, "<img", "</script><script>"):
            assert raw not in text, (path, raw)  # ... and no page lets it become markup
        assert len(re.findall(r"<script", text)) == len(_refs(body).scripts), path
        assert headers["Content-Security-Policy"].startswith("default-src 'none'")
    status, _, body = _get(hostile_server, f"/actor/{person['slug']}")
    assert "&lt;img src=x onerror=alert(1)&gt;" in body.decode("utf-8")


def test_app_csp_allows_nothing_from_outside() -> None:
    directives = dict(d.strip().split(" ", 1) for d in APP_CSP.split(";"))
    assert directives["default-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert all("http" not in v and "*" not in v for v in directives.values())


def test_web_filter_network_matches_the_page_rules(store_dir: Path) -> None:
    from kg.web import StoreSource

    site = Site.load(StoreSource(store_dir).open())
    try:
        meet = filter_network(site.net, NetworkFilter(type="Meet"), lambda t: "x")
        assert {d["type"] for _, _, d in meet.edges(data=True)} == {"Meet"}
        assert all(meet.degree(n) > 0 for n in meet)  # an edge filter shows the actors of the edges shown
        isolated = [n for n in site.net if site.net.degree(n) == 0]
        assert isolated and not set(isolated) & set(filter_network(site.net, NetworkFilter(isolated=False), str))
        assert set(filter_network(site.net, NetworkFilter(), str)) == set(site.net)
    finally:
        site.backend.close()


def test_web_timeline_counts_events_per_month_by_type(store_dir: Path) -> None:
    from kg.web import StoreSource

    site = Site.load(StoreSource(store_dir).open())
    try:
        chart = site.timeline("ahmad-zaki")
        assert chart["months"] and all(len(s["counts"]) == len(chart["months"]) for s in chart["series"])
        total = sum(sum(s["counts"]) for s in chart["series"]) + chart["undated"]
        asserted = [
            e
            for e in site.events
            if "ahmad-zaki" in {str(e.get("agent")).rsplit("/", 1)[-1], str(e.get("target")).rsplit("/", 1)[-1]}
        ]
        assert total == sum(e["modality"] == "Asserted" for e in asserted)
        pair = site.timeline("ahmad-zaki", "maria-santos")
        assert {s["type"] for s in pair["series"]} <= {"Meet"} and pair["other"] == "Maria Santos"
    finally:
        site.backend.close()


def test_app_cli_serve_takes_one_source(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    runner = CliRunner()
    assert runner.invoke(app, ["serve"]).exit_code == 2
    assert runner.invoke(app, ["serve", str(tmp_path), "--store", str(tmp_path)]).exit_code == 2
    empty = runner.invoke(app, ["serve", str(tmp_path)])
    assert empty.exit_code == 2 and "No graph.ttl" in empty.output
    nostore = runner.invoke(app, ["serve", "--store", str(tmp_path)])
    assert nostore.exit_code == 2 and "No kg store" in nostore.output


class _Elements(HTMLParser):
    """The elements of a page and its visible text (entities resolved)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []
        self.attributes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [name for name, _ in attrs]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _elements(page: str) -> _Elements:
    parser = _Elements()
    parser.feed(page)
    return parser


@pytest.fixture(scope="module")
def template_tags() -> dict[str, list[str]]:
    """The elements each page has with harmless names: what the template itself makes."""
    site = Site.from_graph(_graph_with("Ahmad Zaki", "Dia berkata Ahmad Zaki."))
    return {
        "actor": _elements(render_page("actor.html", title="t", actor=site.actor("orang"))).tags,
        "article": _elements(render_page("article.html", title="t", article=site.article("uji<>&"))).tags,
    }


@pytest.mark.parametrize("text", HOSTILE_SET, ids=range(len(HOSTILE_SET)))
def test_app_hostile_set_stays_text_on_the_actor_and_article_pages(text: str, template_tags: dict[str, list[str]]) -> None:
    site = Site.from_graph(_graph_with(text, f"Dia berkata {text}."))
    actor = site.actor("orang")
    article = site.article("uji<>&")
    assert actor is not None and article is not None
    pages = {
        "actor": render_page("actor.html", title=actor["label"], actor=actor),
        "article": render_page("article.html", title=article["id"], article=article),
        "timeline": render_page("timeline.html", title="t", chart=site.timeline("orang"), slug="orang", other=None),
    }
    for name, page in pages.items():
        found = _elements(page)
        if name in template_tags:
            assert found.tags == template_tags[name], name  # no element and ...
        assert not [a for a in found.attributes if a.startswith("on")], name  # ... no handler comes from the text
        assert len(re.findall(r"<script", page, re.IGNORECASE)) == found.tags.count("script"), name
        blocks = re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', page, re.DOTALL)
        assert all("\u2028" not in b and "\u2029" not in b and "<" not in b for b in blocks), name  # escaped JSON
    visible = "".join(_elements(pages["actor"]).text)
    assert " ".join(text.split()) in " ".join(visible.split())  # shown as it is, as text


def test_app_actor_page_of_a_store_shows_its_merges(store_dir: Path, server: SparqlServer) -> None:
    from kg.store import ACTOR_INDEX_FILE, read_merges

    merges = read_merges(store_dir)
    assert (store_dir / ACTOR_INDEX_FILE).is_file() and merges
    merge = merges[0]
    assert {"actor", "name", "rule", "reason"} <= set(merge)
    status, _, body = _get(server, f"/actor/{merge['actor']}")
    text = body.decode("utf-8")
    assert status == 200 and 'id="merges"' in text and merge["rule"] in text
