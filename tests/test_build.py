"""kg/build.py end to end on hand-made parses: read, extract, resolve, map, validate, write."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import networkx as nx
import pytest
from helpers import ARTICLE_DATE, ENGLISH_TEXT, PNG_BYTES, FakeParser, article_text, corpus_conllu, write_corpus
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, SKOS

import kg.build
from kg.articles import InputPolicy
from kg.build import BuildResult, BuildSettings, Progress, Validation, build, validate, write_outputs
from kg.document import Article, ParsedDoc
from kg.errors import InputError
from kg.mapper import actor_iri, article_iri, sentence_iri
from kg.namespace import KG, KGET
from kg.query import load_graph

MakeParser = Callable[..., FakeParser]
IDS = ["dukungan-2024", "kecaman-ban", "pertemuan-manila"]
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # rdflib's XSD warns when pytest inspects it


def _events(graph: Graph) -> set[tuple[str, str, str | None, str | None, str]]:
    """(article id, type, agent label or unresolved words, target label or unresolved words, modality)."""
    out = set()
    for ev in graph.subjects(RDF.type, KG.Event):

        def who(prop: object, unresolved: object, ev: object = ev) -> str | None:
            actor = graph.value(ev, prop)
            if actor is not None:
                return str(graph.value(actor, RDFS.label))
            words = graph.value(ev, unresolved)
            return f"?{words}" if words is not None else None

        article = graph.value(graph.value(ev, KG.inArticle), KG.articleId)
        out.add(
            (
                str(article),
                str(graph.value(ev, KG.eventType)).rsplit("/", 1)[-1],
                who(KG.agent, KG.unresolvedAgent),
                who(KG.target, KG.unresolvedTarget),
                str(graph.value(ev, KG.modality)).rsplit("#", 1)[-1],
            )
        )
    return out


EXPECTED_EVENTS = {
    ("pertemuan-manila", "Meet", "Ahmad Zaki", "Maria Santos", "Asserted"),
    ("pertemuan-manila", "Praise", "Ahmad Zaki", "Filipina", "Asserted"),
    ("pertemuan-manila", "Meet", "Maria Santos", "Karim Haddad", "Negated"),
    ("pertemuan-manila", "Meet", "Karim Haddad", "Ahmad Zaki", "Future"),
    ("kecaman-ban", "Statement", "Dewi Lestari", None, "Asserted"),
    ("kecaman-ban", "Criticize", "Lebanon", "Badan Antariksa Nasional", "Asserted"),
    ("kecaman-ban", "Thank", "Badan Antariksa Nasional", "Maria Santos", "Asserted"),
    ("kecaman-ban", "Thank", "Badan Antariksa Nasional", "Ahmad Zaki", "Asserted"),
    ("kecaman-ban", "Criticize", "?Mereka", "Lebanon", "Negated"),
    ("dukungan-2024", "Meet", "Karim Haddad", "Ahmad Zaki", "Asserted"),
    ("dukungan-2024", "Praise", "Kevin Lasut", "Malaysia", "Asserted"),
    ("dukungan-2024", "Praise", "Kevin Lasut", "Filipina", "Asserted"),
    ("dukungan-2024", "Invite", "?Presiden", "Kevin Lasut", "Asserted"),
}


def test_build_events_of_the_fixture_corpus(built: BuildResult) -> None:
    assert _events(built.graph) == EXPECTED_EVENTS
    assert len(set(built.graph.subjects(RDF.type, KG.Event))) == len(EXPECTED_EVENTS)


def test_build_actors_of_the_fixture_corpus(built: BuildResult) -> None:
    g = built.graph
    actors = {
        (str(g.value(s, RDFS.label)), str(o).rsplit("#", 1)[-1])
        for s, o in g.subject_objects(RDF.type)
        if o in (KG.Person, KG.Organization, KG.Country, KG.Place)
    }
    assert actors == {
        ("Ahmad Zaki", "Person"),
        ("Maria Santos", "Person"),
        ("Karim Haddad", "Person"),
        ("Dewi Lestari", "Person"),
        ("Kevin Lasut", "Person"),
        ("Badan Antariksa Nasional", "Organization"),
        ("Malaysia", "Country"),
        ("Filipina", "Country"),
        ("Lebanon", "Country"),
        ("Manila", "Place"),
        ("Kuala Lumpur", "Place"),
        ("Jakarta", "Place"),
    }
    zaki = actor_iri("ahmad-zaki")
    assert set(g.objects(zaki, KG.mentionedIn)) == {article_iri(a) for a in IDS}
    assert {str(o) for o in g.objects(actor_iri("lebanon"), SKOS.altLabel)} == {"Lebanon", "Libanon"}


def test_build_places_dates_and_sources(built: BuildResult) -> None:
    g = built.graph
    rows = {
        (str(g.value(g.value(ev, KG.inArticle), KG.articleId)), str(g.value(ev, KG.modality)).rsplit("#")[-1]): (
            g.value(ev, KG.date),
            g.value(ev, KG.place),
            g.value(ev, KG.accordingTo),
        )
        for ev in g.subjects(KG.eventType, KGET.Meet)
    }
    assert rows[("pertemuan-manila", "Asserted")] == (Literal("--05-03", datatype=XSD.gMonthDay), actor_iri("manila"), None)
    assert rows[("pertemuan-manila", "Future")][1] == actor_iri("kuala-lumpur")
    assert rows[("dukungan-2024", "Asserted")][0] == Literal("2024-05-08", datatype=XSD.date)
    [criticism] = [ev for ev in g.subjects(KG.eventType, KGET.Criticize) if g.value(ev, KG.modality) == KG.Asserted]
    assert g.value(criticism, KG.accordingTo) == actor_iri("dewi-lestari")
    [statement] = g.subjects(KG.eventType, KGET.Statement)
    assert g.value(statement, KG.content) == Literal("bahwa Libanon mengecam Badan Antariksa Nasional (BAN)")
    publishers = {str(g.value(article_iri(a), KG.publisher)) for a in IDS}
    assert publishers == {"Kantor Berita Nusantara", "Warta Contoh", "Harian Contoh"}
    assert g.value(article_iri("dukungan-2024"), KG.published) == Literal(ARTICLE_DATE)


def test_build_twice_gives_isomorphic_graphs(corpus_dir: Path, built: BuildResult, fake_parser: MakeParser) -> None:
    again = build([corpus_dir], BuildSettings(validate=False), parser=fake_parser())
    assert isomorphic(again.graph, built.graph)
    assert set(again.graph.subjects()) == set(built.graph.subjects())


def test_build_result_does_not_depend_on_input_order(tmp_path: Path, built: BuildResult, fake_parser: MakeParser) -> None:
    corpus = write_corpus(tmp_path / "c")
    inputs = [corpus / "pertemuan-manila.txt", corpus / "berita.jsonl", corpus / "kecaman-ban.txt"]
    result = build(inputs, BuildSettings(validate=False), parser=fake_parser())
    assert [r.id for r in result.reports] == ["pertemuan-manila", "dukungan-2024", "kecaman-ban"]
    graph = Graph()
    for triple in result.graph:
        if triple[1] != KG.file:
            graph.add(triple)
    reference = Graph()
    for triple in built.graph:
        if triple[1] != KG.file:
            reference.add(triple)
    assert isomorphic(graph, reference)


def test_build_no_actor_node_for_pronouns_or_bare_titles(built: BuildResult) -> None:
    g = built.graph
    labels = {str(o) for o in g.objects(None, RDFS.label)}
    assert not labels & {"Mereka", "Presiden", "Dia", "Delegasi", "Delegasi Lebanon"}
    assert {str(o) for o in g.objects(None, KG.unresolvedAgent)} == {"Mereka", "Presiden"}
    assert not any(str(s).endswith(("/mereka", "/presiden")) for s in g.subjects())


def test_build_every_event_is_derived_from_a_sentence_of_its_article(built: BuildResult) -> None:
    g = built.graph
    texts = {ex.doc.article.id: ex.doc.article.text for ex in built.extractions}
    events = list(g.subjects(RDF.type, KG.Event))
    assert len(events) == 13
    for ev in events:
        [sentence] = list(g.objects(ev, PROV.wasDerivedFrom))
        assert (sentence, RDF.type, KG.Sentence) in g
        article = g.value(ev, KG.inArticle)
        assert g.value(sentence, KG.inArticle) == article
        aid = str(g.value(article, KG.articleId))
        index = g.value(sentence, KG.sentenceIndex).toPython()
        assert sentence == sentence_iri(aid, index)
        start, end = g.value(sentence, KG.startChar).toPython(), g.value(sentence, KG.endChar).toPython()
        assert texts[aid][start:end] == str(g.value(sentence, KG.text))


# ----------------------------------------------------------------------------- SHACL


def test_build_shacl_validation_passes(corpus_dir: Path, fake_parser: MakeParser) -> None:
    # only the articles whose dates have a year: see the gMonthDay test below for the others
    result = build([corpus_dir], BuildSettings(select=("dukungan-2024", "kecaman-ban")), parser=fake_parser())
    assert result.shacl_violations == ()
    assert result.shacl_conforms is True


def test_build_month_day_date_valid_after_an_earlier_validation(
    corpus_dir: Path, built: BuildResult, fake_parser: MakeParser
) -> None:
    assert built.shacl_conforms is not None  # a validation has run in this process
    result = build([corpus_dir], BuildSettings(select=("pertemuan-manila",)), parser=fake_parser())
    assert [v for v in result.shacl_violations if "#date" in v] == []


def _broken_graph(built: BuildResult) -> tuple[Graph, URIRef]:
    graph = Graph()
    for triple in built.graph:
        graph.add(triple)
    [event] = [e for e in graph.subjects(KG.eventType, KGET.Statement)]
    graph.remove((event, KG.modality, None))
    graph.add((event, KG.inArticle, article_iri("lain")))
    return graph, event


def test_build_validation_reports_a_broken_event(built: BuildResult) -> None:
    graph, event = _broken_graph(built)
    conforms, violations = validate(graph)
    assert conforms is False
    mine = [v for v in violations if v.startswith(str(event))]
    assert any("#modality" in v for v in mine)
    assert any("#inArticle" in v for v in mine)


def test_build_validation_alongside_the_build_equals_validation_here(built: BuildResult) -> None:
    graph, _ = _broken_graph(built)
    expected = validate(graph)
    background = Validation(graph)
    assert background.result() == expected and background.seconds > 0
    assert Validation(graph, background=False).result() == expected


def test_build_validation_in_place_gives_the_same_answer_and_leaves_the_parents_graph_alone(built: BuildResult) -> None:
    graph, _ = _broken_graph(built)
    before = set(graph)
    expected = validate(graph)
    assert set(graph) == before  # a copy took the ontology's triples, not the graph
    assert Validation(graph).result() == expected  # the child validates its own copy in place
    assert set(graph) == before
    scratch = Graph()
    for triple in graph:
        scratch.add(triple)
    assert validate(scratch, in_place=True) == expected
    assert len(scratch) > len(before)  # in place: the ontology was mixed into the graph itself


def test_build_validation_done_here_when_its_process_dies(built: BuildResult, monkeypatch: pytest.MonkeyPatch) -> None:
    graph, _ = _broken_graph(built)
    monkeypatch.setattr(kg.build, "_validate_into", lambda graph, send: os._exit(3))  # the child dies at once
    assert Validation(graph).result() == validate(graph)


def test_build_records_the_validation_result(built: BuildResult) -> None:
    assert built.shacl_conforms in (True, False)
    assert built.settings == BuildSettings()
    assert set(built.timings) >= {"read", "parse", "extract", "map", "validate", "total"}
    unvalidated = build([], BuildSettings(validate=False), parser=FakeParser({}))
    assert (unvalidated.shacl_conforms, unvalidated.shacl_violations, len(unvalidated.graph)) == (None, (), 0)


# ----------------------------------------------------------------------------- reports and outputs


def test_build_reports(built: BuildResult) -> None:
    reports = {r.id: r for r in built.reports}
    assert [r.id for r in built.reports] == IDS
    assert all(r.status == "ok" for r in built.reports) and built.ok
    summary = {
        r.id: (r.sentences, r.actors, r.events, r.asserted_events, r.unresolved_agents, r.unresolved_targets)
        for r in built.reports
    }
    assert summary == {
        "pertemuan-manila": (4, 8, 4, 2, 0, 0),
        "kecaman-ban": (3, 5, 5, 4, 1, 0),
        "dukungan-2024": (3, 7, 4, 4, 1, 0),
    }
    assert reports["kecaman-ban"].source == "Warta Contoh"
    assert reports["dukungan-2024"].path.endswith("berita.jsonl:1")


def test_build_write_outputs(built: BuildResult, built_out: Path) -> None:
    assert sorted(p.name for p in built_out.iterdir()) == [
        "graph.gexf",
        "graph.graphml",
        "graph.ttl",
        "network.html",
        "report.json",
    ]
    assert isomorphic(load_graph(built_out), built.graph)
    report = json.loads((built_out / "report.json").read_text(encoding="utf-8"))
    assert [a["id"] for a in report["articles"]] == IDS
    for entry in report["articles"]:
        assert {"id", "status", "sentences", "actors", "events", "warnings", "errors"} <= set(entry)
        assert entry["status"] == "ok" and entry["errors"] == []
    assert report["totals"]["articles"] == 3 and report["totals"]["ok"] == 3
    assert report["totals"]["events"] == 13 and report["totals"]["asserted_events"] == 10
    assert report["totals"]["actors"] == 12 and report["totals"]["triples"] == len(built.graph)
    assert {
        "actor": "badan-antariksa-nasional",
        "name": "ban",
        "rule": "acronym-in-text",
        "reason": "Badan Antariksa Nasional (BAN) in article kecaman-ban",
    } in report["merges"]
    assert report["shacl"]["conforms"] == built.shacl_conforms
    for name in ("graph.graphml", "graph.gexf"):
        net = nx.read_graphml(built_out / name) if name.endswith("graphml") else nx.read_gexf(built_out / name)
        labels = {d["label"] for _, d in net.nodes(data=True)}
        assert {"Ahmad Zaki", "Maria Santos", "Badan Antariksa Nasional"} <= labels
        assert net.number_of_edges() == 8


@pytest.mark.parametrize(("content", "status"), [(b"", "empty"), (b" \n\n ", "empty"), (PNG_BYTES, "binary")])
def test_build_bad_article_among_good_ones(tmp_path: Path, fake_parser: MakeParser, content: bytes, status: str) -> None:
    corpus = write_corpus(tmp_path / "c")
    (corpus / "rusak.txt").write_bytes(content)
    parser = fake_parser()
    result = build([corpus], BuildSettings(validate=False), parser=parser)
    statuses = {r.id: r.status for r in result.reports}
    assert statuses == {"dukungan-2024": "ok", "kecaman-ban": "ok", "pertemuan-manila": "ok", "rusak": status}
    [bad] = [r for r in result.reports if r.id == "rusak"]
    assert bad.events == 0 and len(bad.errors) == 1 and "rusak.txt" in bad.errors[0]
    assert "rusak" not in parser.calls
    assert not result.ok
    assert len(list(result.graph.subjects(RDF.type, KG.Event))) == 13
    out = tmp_path / "out"
    write_outputs(result, out)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert (report["totals"]["ok"], report["totals"]["failed"]) == (3, 1)


def test_build_parser_crash_on_one_article(tmp_path: Path, fake_parser: MakeParser) -> None:
    corpus = write_corpus(tmp_path / "c")
    result = build([corpus], BuildSettings(validate=False), parser=fake_parser(fail=["kecaman-ban"]))
    statuses = {r.id: (r.status, r.errors) for r in result.reports}
    assert statuses["kecaman-ban"] == ("error", ("parsing failed: parser crashed on kecaman-ban",))
    assert statuses["dukungan-2024"][0] == statuses["pertemuan-manila"][0] == "ok"
    assert {ex.doc.article.id for ex in result.extractions} == {"dukungan-2024", "pertemuan-manila"}


def test_build_duplicate_text_and_duplicate_id(tmp_path: Path) -> None:
    parses = corpus_conllu()
    corpus = write_corpus(tmp_path / "c")
    (corpus / "salinan.txt").write_text(article_text(parses["kecaman-ban"]) + "\nSumber: Warta Contoh\n", encoding="utf-8")
    other = tmp_path / "lain" / "kecaman-ban.txt"
    other.parent.mkdir()
    other.write_text("Teks lain sama sekali.", encoding="utf-8")
    parses["salinan"] = parses["kecaman-ban"]
    result = build([corpus, other], BuildSettings(validate=False), parser=FakeParser(parses))
    statuses = [(r.id, r.status) for r in result.reports]
    assert statuses == [
        ("dukungan-2024", "ok"),
        ("kecaman-ban", "ok"),
        ("pertemuan-manila", "ok"),
        ("salinan", "duplicate"),
        ("kecaman-ban", "duplicate_id"),
    ]
    assert result.reports[3].warnings == ("same text as article kecaman-ban: built once",)


class _RecordingParser(FakeParser):
    """A fake parser that also keeps the text each article reached it with."""

    def __init__(self, parses: dict[str, str]) -> None:
        super().__init__(parses)
        self.texts: dict[str, str] = {}

    def parse_many(self, articles: Iterable[Article]) -> Iterator[ParsedDoc]:
        for article in articles:
            self.texts[article.id] = article.text
            yield from super().parse_many([article])


def test_build_every_kind_of_bad_input_in_one_batch(tmp_path: Path) -> None:
    parses = corpus_conllu()
    corpus = write_corpus(tmp_path / "c")
    (corpus / "kosong.txt").write_bytes(b"")
    (corpus / "spasi.txt").write_bytes(b" \n\t \n")
    (corpus / "gambar.png").write_bytes(PNG_BYTES)
    (corpus / "latin.txt").write_bytes("Menteri bertemu di Café Nusantara.".encode("cp1252"))
    (corpus / "halaman.html").write_text("<p>Presiden <b>tiba</b>.</p><script>alert(1)</script>", encoding="utf-8")
    (corpus / "besar.txt").write_text("Presiden tiba. " * 20_000, encoding="utf-8")  # 300 kB
    (corpus / "panjang.txt").write_text("Presiden Joko tiba di Istana untuk rapat kabinet bersama para menteri. " * 1_500)
    (corpus / "inggris.txt").write_text(ENGLISH_TEXT, encoding="utf-8")
    (corpus / "salinan.txt").write_text("  " + article_text(parses["kecaman-ban"]).upper().replace(" ", "   "), encoding="utf-8")
    (corpus / "putus.txt").symlink_to(tmp_path / "tidak-ada.txt")
    parser = _RecordingParser({**parses, "latin": "", "halaman": "", "panjang": ""})
    result = build([corpus], BuildSettings(validate=False, input_policy=InputPolicy(max_bytes=200_000)), parser=parser)
    by_id = {r.id: r for r in result.reports}
    assert {i: r.status for i, r in by_id.items()} == {
        "besar": "too_large",
        "dukungan-2024": "ok",
        "gambar": "binary",
        "halaman": "ok",
        "inggris": "not_indonesian",
        "kecaman-ban": "ok",
        "kosong": "empty",
        "latin": "ok",
        "panjang": "ok",
        "pertemuan-manila": "ok",
        "putus": "unreadable",
        "salinan": "duplicate",
        "spasi": "empty",
    }
    assert sorted(parser.calls) == ["dukungan-2024", "halaman", "kecaman-ban", "latin", "panjang", "pertemuan-manila"]
    assert max(len(line) for text in parser.texts.values() for line in text.splitlines()) <= 5_000
    assert parser.texts["halaman"] == "Presiden tiba."
    assert by_id["salinan"].duplicate_of == "kecaman-ban"
    assert by_id["salinan"].message == "same text as article kecaman-ban: built once"
    assert by_id["besar"].message.endswith("is 300,000 bytes, over the limit of 200,000 (--max-bytes): skipped")
    assert by_id["latin"].message == "built: 0 sentences, 0 actors, 0 events (1 warnings)"
    assert "cp1252" in by_id["latin"].warnings[0] and "HTML" in by_id["halaman"].warnings[0]
    assert "split into pieces" in by_id["panjang"].warnings[0]
    assert all(r.message for r in result.reports)
    assert len(list(result.graph.subjects(RDF.type, KG.Event))) == 13
    out = tmp_path / "out"
    write_outputs(result, out)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["totals"]["by_status"] == {
        "binary": 1,
        "duplicate": 1,
        "empty": 2,
        "not_indonesian": 1,
        "ok": 6,
        "too_large": 1,
        "unreadable": 1,
    }
    assert [a["id"] for a in report["articles"]] == [r.id for r in result.reports]
    assert report["articles"][0].keys() >= {"id", "status", "path", "warnings", "errors", "message", "duplicate_of"}


def test_build_select(corpus_dir: Path, fake_parser: MakeParser) -> None:
    parser = fake_parser()
    result = build([corpus_dir], BuildSettings(validate=False, select=("kecaman-ban",)), parser=parser)
    assert [r.id for r in result.reports] == ["kecaman-ban"]
    assert parser.calls == ["kecaman-ban"]
    assert {str(o) for o in result.graph.objects(None, KG.articleId)} == {"kecaman-ban"}


def test_build_missing_input_raises_before_parsing(tmp_path: Path, fake_parser: MakeParser) -> None:
    parser = fake_parser()
    with pytest.raises(InputError, match="does not exist"):
        build([write_corpus(tmp_path / "c"), tmp_path / "tidak-ada.txt"], parser=parser)
    assert parser.calls == []


def test_build_progress_callback(corpus_dir: Path, fake_parser: MakeParser) -> None:
    seen: list[Progress] = []
    result = build([corpus_dir], BuildSettings(), parser=fake_parser(), progress=seen.append)
    analysed = [p for p in seen if p.stage == "analyse"]
    assert [(p.done, p.total) for p in analysed] == [(0, 3), (1, 3), (2, 3), (3, 3)]
    assert [p.item for p in analysed[1:]] == IDS
    assert [(p.stage, p.done) for p in seen[len(analysed) :]] == [("map", 0), ("map", 1), ("validate", 0)]
    assert result.shacl_conforms is True  # the validation (running alongside) ends when its result is asked for
    assert seen[-1] == Progress("validate", 1, 1)
