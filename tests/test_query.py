"""kg/query.py: the named queries on the fixture graph, SPARQL errors, and exports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from helpers import FakeParser, article_text, conllu
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kg.build import BuildSettings, build
from kg.errors import InputError, QueryError
from kg.mapper import article_iri
from kg.namespace import KG
from kg.query import export_graph, format_rows, load_graph, named_queries, run_query


def _rows(graph: Graph, query: str, params: dict[str, str] | None = None, include_all: bool = False) -> list[tuple]:
    result = run_query(graph, query, params, include_all)
    return [tuple(None if v is None else str(v) for v in row) for row in result]


def test_query_named_queries() -> None:
    assert sorted(named_queries()) == ["actor-events", "actors-by-degree", "article-events", "who-met-whom"]
    for path in named_queries().values():
        assert path.read_text(encoding="utf-8").startswith("# ")


MANILA = "Menteri Luar Negeri Malaysia Ahmad Zaki bertemu dengan Presiden Filipina Maria Santos di Manila pada tanggal 3 Mei."
DELEGATION = "Delegasi Lebanon yang dipimpin oleh Karim Haddad bertemu dengan Ahmad Zaki pada 8 Mei."


def test_query_who_met_whom_shows_asserted_meetings(built_graph: Graph) -> None:
    assert _rows(built_graph, "who-met-whom") == [
        ("Ahmad Zaki", "Maria Santos", "--05-03", "Manila", "Asserted", "pertemuan-manila", MANILA),
        ("Karim Haddad", "Ahmad Zaki", "2024-05-08", None, "Asserted", "dukungan-2024", DELEGATION),
    ]


def test_query_include_all_adds_negated_and_future_meetings(built_graph: Graph) -> None:
    rows = _rows(built_graph, "who-met-whom", include_all=True)
    assert [(r[0], r[1], r[3], r[4]) for r in rows] == [
        ("Ahmad Zaki", "Maria Santos", "Manila", "Asserted"),
        ("Karim Haddad", "Ahmad Zaki", None, "Asserted"),
        ("Karim Haddad", "Ahmad Zaki", "Kuala Lumpur", "Future"),
        ("Maria Santos", "Karim Haddad", None, "Negated"),
    ]


@pytest.mark.parametrize("name", ["zaki", "Zaki", "Ahmad Zaki", "AHMAD ZAKI"])
def test_query_actor_events_by_any_alias(built_graph: Graph, name: str) -> None:
    rows = _rows(built_graph, "actor-events", {"actor": name})
    assert [(r[0], r[1], r[2], r[4], r[5]) for r in rows] == [
        ("Karim Haddad", "Meet", "Ahmad Zaki", "Asserted", "dukungan-2024"),
        ("Badan Antariksa Nasional", "Thank", "Ahmad Zaki", "Asserted", "kecaman-ban"),
        ("Ahmad Zaki", "Meet", "Maria Santos", "Asserted", "pertemuan-manila"),
        ("Ahmad Zaki", "Praise", "Filipina", "Asserted", "pertemuan-manila"),
    ]
    assert len(_rows(built_graph, "actor-events", {"actor": name}, include_all=True)) == 5


def test_query_actor_events_of_an_acronym(built_graph: Graph) -> None:
    rows = _rows(built_graph, "actor-events", {"actor": "BAN"})
    assert sorted((r[0], r[1], r[2]) for r in rows) == [
        ("Badan Antariksa Nasional", "Thank", "Ahmad Zaki"),
        ("Badan Antariksa Nasional", "Thank", "Maria Santos"),
        ("Lebanon", "Criticize", "Badan Antariksa Nasional"),
    ]


def test_query_article_events(built_graph: Graph) -> None:
    rows = _rows(built_graph, "article-events", {"article": "kecaman-ban"})
    assert [r[:3] for r in rows] == [
        ("0", "Lebanon", "Criticize"),
        ("0", "Dewi Lestari", "Statement"),
        ("1", "Badan Antariksa Nasional", "Thank"),
        ("1", "Badan Antariksa Nasional", "Thank"),
    ]
    assert sorted((r[0], r[1], r[2], r[3], r[6], r[7]) for r in rows) == [
        ("0", "Dewi Lestari", "Statement", None, "Asserted", "mengatakan"),
        ("0", "Lebanon", "Criticize", "Badan Antariksa Nasional", "Asserted", "mengecam"),
        ("1", "Badan Antariksa Nasional", "Thank", "Ahmad Zaki", "Asserted", "berterima kasih kepada"),
        ("1", "Badan Antariksa Nasional", "Thank", "Maria Santos", "Asserted", "berterima kasih kepada"),
    ]
    everything = _rows(built_graph, "article-events", {"article": "kecaman-ban"}, include_all=True)
    assert ("2", "Mereka", "Criticize", "Lebanon") in {r[:4] for r in everything}
    assert len(everything) == 5


def test_query_article_events_unresolved_agent_shows_its_words(built_graph: Graph) -> None:
    rows = _rows(built_graph, "article-events", {"article": "dukungan-2024"})
    assert ("2", "Presiden", "Invite", "Kevin Lasut") in {r[:4] for r in rows}


def test_query_actors_by_degree(built_graph: Graph) -> None:
    assert _rows(built_graph, "actors-by-degree") == [
        ("Ahmad Zaki", "Person", "4", "4"),
        ("Badan Antariksa Nasional", "Organization", "3", "3"),
        ("Filipina", "Country", "2", "2"),
        ("Kevin Lasut", "Person", "2", "2"),
        ("Maria Santos", "Person", "2", "2"),
        ("Karim Haddad", "Person", "1", "1"),
        ("Lebanon", "Country", "1", "1"),
        ("Malaysia", "Country", "1", "1"),
    ]
    with_all = _rows(built_graph, "actors-by-degree", include_all=True)
    assert with_all[:4] == [
        ("Ahmad Zaki", "Person", "4", "5"),
        ("Badan Antariksa Nasional", "Organization", "3", "3"),
        ("Maria Santos", "Person", "3", "3"),
        ("Karim Haddad", "Person", "2", "3"),
    ]


def test_query_from_a_rq_file_and_from_text(built_graph: Graph, tmp_path: Path) -> None:
    text = "PREFIX kg: <https://w3id.org/kg-news/ontology#>\nSELECT (COUNT(?e) AS ?n) WHERE { ?e a kg:Event }"
    path = tmp_path / "hitung.rq"
    path.write_text(text, encoding="utf-8")
    assert _rows(built_graph, str(path)) == [("13",)] == _rows(built_graph, text)


@pytest.mark.parametrize("query", ["SELECT ?x WHERE { ?x", "who-met-hwom", "SELECT ?x WHERE { ?x undefined:p ?y }"])
def test_query_bad_query_raises_query_error(built_graph: Graph, query: str) -> None:
    with pytest.raises(QueryError, match="SPARQL query failed"):
        run_query(built_graph, query)


def test_query_misspelt_named_query_lists_the_names(built_graph: Graph) -> None:
    with pytest.raises(QueryError, match="who-met-whom"):
        run_query(built_graph, "who-met-hwom")


def test_query_format_rows(built_graph: Graph) -> None:
    result = run_query(built_graph, "who-met-whom")
    as_json = json.loads(format_rows(result, "json"))
    assert [(r["agent"], r["place"]) for r in as_json] == [("Ahmad Zaki", "Manila"), ("Karim Haddad", "")]
    table = list(csv.reader(io.StringIO(format_rows(run_query(built_graph, "who-met-whom"), "csv"))))
    assert table[0] == ["agent", "target", "date", "place", "modality", "article", "sentence"]
    assert table[1][:3] == ["Ahmad Zaki", "Maria Santos", "--05-03"]
    text = format_rows(run_query(built_graph, "who-met-whom"), "table")
    assert text.splitlines()[0].split() == table[0] and text.endswith("(2 rows)")
    ask = run_query(built_graph, "ASK { ?s ?p ?o }")
    assert format_rows(ask) == "true"
    with pytest.raises(QueryError, match="Unknown output format"):
        format_rows(run_query(built_graph, "who-met-whom"), "xml")


# ----------------------------------------------------------------------------- load and export


def test_query_load_graph_from_folder_or_file(built_out: Path, built_graph: Graph) -> None:
    assert isomorphic(load_graph(built_out), built_graph)
    assert isomorphic(load_graph(built_out / "graph.ttl"), built_graph)


def test_query_load_graph_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="kg build"):
        load_graph(tmp_path)
    bad = tmp_path / "graph.ttl"
    bad.write_text("ini bukan turtle <", encoding="utf-8")
    with pytest.raises(InputError, match="not a readable RDF file"):
        load_graph(bad)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's own JSON-LD/TriG plugins
@pytest.mark.parametrize(
    ("fmt", "rdf_format"), [("turtle", "turtle"), ("ttl", "turtle"), ("nt", "nt"), ("json-ld", "json-ld"), ("jsonld", "json-ld")]
)
def test_query_export_parses_back(built_graph: Graph, fmt: str, rdf_format: str) -> None:
    text = export_graph(built_graph, fmt)
    assert isomorphic(Graph().parse(data=text, format=rdf_format), built_graph)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_query_export_trig_has_one_named_graph_per_article(built_graph: Graph) -> None:
    dataset = Dataset()
    dataset.parse(data=export_graph(built_graph, "trig"), format="trig")
    names = {g.identifier for g in dataset.graphs() if len(g)}
    articles = {article_iri(a) for a in ("dukungan-2024", "kecaman-ban", "pertemuan-manila")}
    corpus = URIRef("https://w3id.org/kg-news/id/graph/corpus")
    assert names == articles | {corpus}
    union = Graph()
    for g in dataset.graphs():
        for triple in g:
            union.add(triple)
    assert isomorphic(union, built_graph)
    manila = dataset.graph(article_iri("pertemuan-manila"))
    assert {s for s in manila.subjects(KG.inArticle, None)} and all(
        o == article_iri("pertemuan-manila") for o in manila.objects(None, KG.inArticle)
    )
    assert (article_iri("kecaman-ban"), KG.articleId, None) in dataset.graph(article_iri("kecaman-ban"))


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_query_export_trig_keeps_each_article_s_statements_in_its_graph(tmp_path: Path) -> None:
    sentence = conllu("""
        # text = Presiden Filipina Maria Santos memuji Malaysia.
        1 Presiden presiden NOUN _ _ 5 nsubj _ ner=O
        2 Filipina Filipina PROPN _ _ 1 nmod _ ner=S-LOC
        3 Maria Maria PROPN _ _ 1 flat:name _ ner=B-PER
        4 Santos Santos PROPN _ _ 1 flat:name _ ner=E-PER
        5 memuji puji VERB _ _ 0 root _ ner=O
        6 Malaysia Malaysia PROPN _ _ 5 obj _ ner=S-LOC
        7 . . PUNCT _ _ 5 punct _ ner=O
    """)
    for aid in ("satu", "dua"):
        (tmp_path / f"{aid}.txt").write_text(article_text(sentence) + f" ({aid})", encoding="utf-8")
    graph = build([tmp_path], BuildSettings(validate=False), parser=FakeParser({"satu": sentence, "dua": sentence})).graph
    dataset = Dataset()
    dataset.parse(data=export_graph(graph, "trig"), format="trig")
    misplaced = [(str(s), str(o)) for g in dataset.graphs() for s, o in g.subject_objects(KG.inArticle) if o != g.identifier]
    assert misplaced == []


def test_query_export_unknown_format(built_graph: Graph) -> None:
    with pytest.raises(InputError, match="Unknown export format"):
        export_graph(built_graph, "rdfxml")
