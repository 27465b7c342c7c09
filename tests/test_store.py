"""kg/store.py: the persistent store matches the in-memory build, replaces, removes, ignores order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import FakeParser, article_text, conllu, corpus_conllu, write_corpus
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import RDFS, Literal
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg.build import BuildSettings, build
from kg.cli import app
from kg.document import Article, Entity, ParsedDoc, Sentence, Word
from kg.errors import StoreError
from kg.mapper import actor_iri
from kg.namespace import KG
from kg.query import run_query
from kg.store import CORPUS_GRAPH, KGStore, article_graph, build_into_store, doc_from_json, doc_to_json, remove_from_store

NO_SHACL = BuildSettings(validate=False)

SHORT = conllu("""
    # text = Zaki memuji Malaysia.
    1 Zaki Zaki PROPN _ _ 2 nsubj _ ner=S-PER
    2 memuji puji VERB _ _ 0 root _ ner=O
    3 Malaysia Malaysia PROPN _ _ 2 obj _ ner=S-LOC
    4 . . PUNCT _ _ 2 punct _ ner=O
""")
FULL = conllu("""
    # text = Ahmad Zaki memuji Filipina.
    1 Ahmad Ahmad PROPN _ _ 3 nsubj _ ner=B-PER
    2 Zaki Zaki PROPN _ _ 1 flat _ ner=E-PER
    3 memuji puji VERB _ _ 0 root _ ner=O
    4 Filipina Filipina PROPN _ _ 3 obj _ ner=S-LOC
    5 . . PUNCT _ _ 3 punct _ ner=O
""")


def _write(folder: Path, parses: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for aid, text in parses.items():
        (folder / f"{aid}.txt").write_text(article_text(text) + "\n", encoding="utf-8")
    return folder


def _store_graph(path: Path):  # type: ignore[no-untyped-def]
    with KGStore.open(path, read_only=True) as store:
        return store.graph()


def _named_graphs(path: Path) -> dict[str, object]:
    with KGStore.open(path, read_only=True) as store:
        return {g.value: store.named_graph(g.value) for g in store.content_graphs()}  # type: ignore[misc]


def test_store_round_trip_is_isomorphic_to_the_in_memory_build(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    memory = build([corpus], BuildSettings(), parser=FakeParser(corpus_conllu()))
    stored = build_into_store([corpus], tmp_path / "store", BuildSettings(), parser=FakeParser(corpus_conllu()))
    assert isomorphic(stored.graph, memory.graph)
    assert isomorphic(_store_graph(tmp_path / "store"), memory.graph)
    assert stored.shacl_conforms is True
    assert [(r.id, r.status, r.events, r.actors) for r in stored.reports] == [
        (r.id, r.status, r.events, r.actors) for r in memory.reports
    ]
    # the store's report says which event scorer and proposer made its events, as a build's does
    assert stored.report_dict()["event_scorer"] == memory.report_dict()["event_scorer"]
    assert stored.report_dict()["event_scorer"]["proposer"]["used"] is True
    with KGStore.open(tmp_path / "store", read_only=True) as store:
        assert store.article_ids() == ["dukungan-2024", "kecaman-ban", "pertemuan-manila"]
        names = {g.value for g in store.content_graphs()}
        assert names == {str(article_graph(a)) for a in store.article_ids()} | {str(CORPUS_GRAPH)}
        assert store.generation == 1


def test_store_named_queries_answer_as_in_memory(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    memory = build([corpus], NO_SHACL, parser=FakeParser(corpus_conllu()))
    build_into_store([corpus], tmp_path / "store", NO_SHACL, parser=FakeParser(corpus_conllu()))
    cases = [
        ("who-met-whom", {}, False),
        ("who-met-whom", {}, True),
        ("actors-by-degree", {}, False),
        ("actor-events", {"actor": "Maria Santos"}, True),
        ("article-events", {"article": "pertemuan-manila"}, False),
    ]
    with KGStore.open(tmp_path / "store", read_only=True) as store:
        for name, params, everything in cases:
            expected = [tuple(row) for row in run_query(memory.graph, name, params, everything)]
            got = [tuple(row) for row in run_query(store, name, params, everything)]
            assert got == expected, name
            assert got or name == "who-met-whom"


@pytest.mark.parametrize(
    ("name", "param", "value"),
    [
        ("actor-events", "actor", "Maria Santos"),
        ("actor-events", "actor", "maria santos"),
        ("actor-events", "actor", "MALAYSIA"),
        ("actor-events", "actor", "Santos"),
        ("actor-events", "actor", "Nobody"),
        ("article-events", "article", "pertemuan-manila"),
        ("article-events", "article", "kecaman-ban"),
        ("article-events", "article", "no-such-article"),
    ],
)
def test_store_query_candidates_hint_changes_no_answer(tmp_path: Path, name: str, param: str, value: str) -> None:
    """A named query's ``# @candidates ?x`` hint (run first, given as VALUES) gives the answers it gives without it."""
    from kg.query import named_queries

    corpus = write_corpus(tmp_path / "corpus")
    memory = build([corpus], NO_SHACL, parser=FakeParser(corpus_conllu()))
    build_into_store([corpus], tmp_path / "store", NO_SHACL, parser=FakeParser(corpus_conllu()))
    text = named_queries()[name].read_text(encoding="utf-8")
    assert "# @candidates ?" in text
    plain = "\n".join(line for line in text.splitlines() if "@candidates" not in line)
    found = False
    with KGStore.open(tmp_path / "store", read_only=True) as store:
        for source in (memory.graph, store):
            for everything in (False, True):
                hinted = sorted(tuple(row) for row in run_query(source, name, {param: value}, everything))
                assert hinted == sorted(tuple(row) for row in run_query(source, plain, {param: value}, everything))
                found = found or bool(hinted)
    assert found == (value not in ("Nobody", "no-such-article"))


def test_store_summary_is_computed_once_per_change(tmp_path: Path) -> None:
    calls: list[int] = []

    def compute() -> list[int]:
        calls.append(1)
        return [len(calls)]

    with KGStore.open(tmp_path / "store") as store:
        store.write(put=[])
        assert store.summary("stats", compute) == [1] and store.summary("stats", compute) == [1]
        from kg.document import from_conllu
        from kg.extract import extract

        parses = corpus_conllu()
        aid = sorted(parses)[0]
        store.write(put=[extract(from_conllu(parses[aid], Article(aid, article_text(parses[aid]))))])
        assert store.summary("stats", compute) == [2]  # the store changed: computed again
        (tmp_path / "store" / "summaries" / "stats.json").write_text("{broken", encoding="utf-8")
        assert store.summary("stats", compute) == [3]
        assert store.summary("other", compute) == [4] and store.summary("stats", compute) == [3]


def test_store_rebuilding_an_article_replaces_its_graph(tmp_path: Path) -> None:
    parses = corpus_conllu()
    corpus = write_corpus(tmp_path / "corpus")
    build_into_store([corpus], tmp_path / "store", NO_SHACL, parser=FakeParser(parses))
    first_sentence = parses["pertemuan-manila"].split("\n\n")[0] + "\n"
    changed = {**parses, "pertemuan-manila": first_sentence}
    (corpus / "pertemuan-manila.txt").write_text(article_text(first_sentence) + "\n", encoding="utf-8")
    again = build_into_store([corpus / "pertemuan-manila.txt"], tmp_path / "store", NO_SHACL, parser=FakeParser(changed))
    memory = build([corpus], NO_SHACL, parser=FakeParser(changed))
    assert isomorphic(again.graph, memory.graph)
    assert isomorphic(_store_graph(tmp_path / "store"), memory.graph)
    assert len(again.reports) == 3  # the report describes the whole store


def test_store_remove_recomputes_the_corpus_graph(tmp_path: Path) -> None:
    parses = corpus_conllu()
    corpus = write_corpus(tmp_path / "corpus")
    build_into_store([corpus], tmp_path / "store", NO_SHACL, parser=FakeParser(parses))
    result = remove_from_store(["kecaman-ban"], tmp_path / "store", NO_SHACL)
    (corpus / "kecaman-ban.txt").unlink()
    memory = build([corpus], NO_SHACL, parser=FakeParser(parses))
    assert isomorphic(result.graph, memory.graph)
    graphs = _named_graphs(tmp_path / "store")
    assert str(article_graph("kecaman-ban")) not in graphs
    corpus_graph = graphs[str(CORPUS_GRAPH)]
    assert (None, RDFS.label, Literal("Dewi Lestari")) not in corpus_graph  # type: ignore[operator]
    assert not any("kecaman-ban" in str(o) for o in corpus_graph.objects(None, KG.mentionedIn))  # type: ignore[attr-defined]
    with pytest.raises(StoreError, match="Not in the store"):
        remove_from_store(["no-such-article"], tmp_path / "store", NO_SHACL)


def test_store_adding_a_fuller_name_rewrites_an_earlier_articles_graph(tmp_path: Path) -> None:
    parses = {"pendek": SHORT, "lengkap": FULL}
    inputs = _write(tmp_path / "in", parses)
    build_into_store([inputs / "pendek.txt"], tmp_path / "store", NO_SHACL, parser=FakeParser(parses))
    before = _named_graphs(tmp_path / "store")[str(article_graph("pendek"))]
    assert (None, KG.agent, actor_iri("zaki")) in before  # type: ignore[operator]
    build_into_store([inputs / "lengkap.txt"], tmp_path / "store", NO_SHACL, parser=FakeParser(parses))
    after = _named_graphs(tmp_path / "store")[str(article_graph("pendek"))]
    assert (None, KG.agent, actor_iri("ahmad-zaki")) in after  # type: ignore[operator]
    memory = build([inputs], NO_SHACL, parser=FakeParser(parses))
    assert isomorphic(_store_graph(tmp_path / "store"), memory.graph)


def test_store_order_of_adding_articles_does_not_matter(tmp_path: Path) -> None:
    parses = {**corpus_conllu(), "pendek": SHORT, "lengkap": FULL}
    folder = _write(tmp_path / "in", {k: parses[k] for k in ("pendek", "lengkap")})
    corpus = write_corpus(folder)
    files = sorted(corpus.iterdir())
    for name, order in (("ab", files), ("ba", files[::-1])):
        for path in order:
            build_into_store([path], tmp_path / name, NO_SHACL, parser=FakeParser(parses))
    ab, ba = _named_graphs(tmp_path / "ab"), _named_graphs(tmp_path / "ba")
    assert ab.keys() == ba.keys()
    for name in ab:
        assert isomorphic(ab[name], ba[name]), name  # type: ignore[arg-type]


def test_store_text_already_stored_under_another_id_is_a_duplicate(tmp_path: Path) -> None:
    parses = {"satu": SHORT, "dua": SHORT}
    inputs = _write(tmp_path / "in", parses)
    build_into_store([inputs / "satu.txt"], tmp_path / "store", NO_SHACL, parser=FakeParser(parses))
    result = build_into_store([inputs / "dua.txt"], tmp_path / "store", NO_SHACL, parser=FakeParser(parses))
    assert {r.id: r.status for r in result.reports} == {"dua": "duplicate", "satu": "ok"}
    with KGStore.open(tmp_path / "store", read_only=True) as store:
        assert store.article_ids() == ["satu"]


def test_store_refuses_a_folder_that_is_not_a_store(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(StoreError, match="not empty and is no kg store"):
        KGStore.open(tmp_path)
    with pytest.raises(StoreError, match="No kg store"):
        KGStore.open(tmp_path / "missing", read_only=True)


def test_store_one_writer_at_a_time(tmp_path: Path) -> None:
    with KGStore.open(tmp_path / "store"), pytest.raises(StoreError, match="Another process is writing"):
        KGStore.open(tmp_path / "store")


def test_store_cli_build_query_export_stats_remove(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parses = corpus_conllu()
    corpus = write_corpus(tmp_path / "corpus")
    fixtures = tmp_path / "parses"
    fixtures.mkdir()
    for aid, text in parses.items():
        (fixtures / f"{aid}.conllu").write_text(text, encoding="utf-8")
    monkeypatch.setenv("KG_CONLLU_DIR", str(fixtures))
    runner = CliRunner()
    store, out = tmp_path / "store", tmp_path / "out"
    done = runner.invoke(app, ["build", str(corpus), "--store", str(store), "--out", str(out), "--no-validate"])
    assert done.exit_code == 0, done.output
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["totals"]["ok"] == 3
    asked = runner.invoke(app, ["query", "--store", str(store), "article-events", "-p", "article=kecaman-ban", "-f", "json"])
    assert asked.exit_code == 0, asked.output
    assert {r["type"] for r in json.loads(asked.stdout)} >= {"Criticize", "Thank"}
    exported = runner.invoke(app, ["export", "--store", str(store), "--format", "nt"])
    assert exported.exit_code == 0 and exported.stdout.count("\n") == len(_store_graph(store))
    ranked = runner.invoke(app, ["stats", "--store", str(store), "--format", "json"])
    assert ranked.exit_code == 0 and json.loads(ranked.stdout)
    again = runner.invoke(app, ["stats", "--store", str(store), "--format", "json"])  # from the store's summary
    assert again.stdout == ranked.stdout and (store / "summaries" / "stats-20-asserted.json").is_file()
    removed = runner.invoke(app, ["remove", "kecaman-ban", "--store", str(store), "--out", str(out), "--no-validate"])
    assert removed.exit_code == 0, removed.output
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert [a["id"] for a in report["articles"]] == ["dukungan-2024", "pertemuan-manila"]
    after = runner.invoke(app, ["stats", "--store", str(store), "--format", "json"])
    assert after.exit_code == 0 and after.stdout != ranked.stdout  # the table follows the change
    missing = runner.invoke(app, ["remove", "kecaman-ban", "--store", str(store)])
    assert missing.exit_code == 2 and "Not in the store" in missing.stderr


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)


@st.composite
def _docs(draw: st.DrawFn) -> ParsedDoc:
    words = tuple(
        Word(i + 1, draw(_text), draw(_text), "NOUN", 0, "root", i, i + 1, draw(_text), draw(st.sampled_from(["O", "S-PER"])))
        for i in range(draw(st.integers(0, 3)))
    )
    sentences = tuple(
        Sentence(n, draw(_text), n, n + 5, words, (Entity("PER", 0, 1, draw(_text)),) if words else ())
        for n in range(draw(st.integers(0, 2)))
    )
    article = Article(
        draw(_text.filter(bool)),
        draw(_text),
        draw(st.none() | _text),
        draw(st.none() | _text),
        draw(st.none() | _text),
        draw(st.none() | st.dates()),
        draw(st.none() | _text),
        tuple(draw(st.lists(_text, max_size=2))),
    )
    return ParsedDoc(article, sentences)


@settings(max_examples=200, deadline=None)
@given(_docs())
def test_store_parsed_doc_json_round_trip(doc: ParsedDoc) -> None:
    assert doc_from_json(doc_to_json(doc)) == doc


def test_store_no_change_rebuild_writes_nothing(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    first = build_into_store([corpus], tmp_path / "store", BuildSettings(), parser=FakeParser(corpus_conllu()))
    again = build_into_store([corpus], tmp_path / "store", BuildSettings(), parser=FakeParser(corpus_conllu()))
    assert isomorphic(again.graph, first.graph)
    with KGStore.open(tmp_path / "store", read_only=True) as store:
        assert store.generation == 1  # the second build changed nothing, so it committed nothing


def test_store_stats_table_from_the_linked_actors_matches_the_whole_network(tmp_path: Path) -> None:
    from kg.network import actor_network, actor_table, centrality_table, linked_network

    corpus = write_corpus(tmp_path / "corpus")
    build_into_store([corpus], tmp_path / "store", NO_SHACL, parser=FakeParser(corpus_conllu()))
    with KGStore.open(tmp_path / "store", read_only=True) as store:
        net = actor_network(store.graph())
        linked = linked_network(store)  # type: ignore[arg-type]
        assert linked.graph["actors"] == len(net) and 0 < len(linked) < len(net)
        for top in (3, len(linked), len(linked) + 1, 100):
            assert actor_table(store, top) == centrality_table(net, top), top  # type: ignore[arg-type]
