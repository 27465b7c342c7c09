"""kg/store.py, incremental: any order of adds, replaces and removes gives a clean build's graph, and an
added article costs its own extraction, not the store's."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from helpers import article_text, conllu, corpus_conllu
from rdflib import Graph
from rdflib.compare import isomorphic

import kg.extract
from kg.actors import resolve_actors
from kg.cache import resolution_view
from kg.document import Article, from_conllu
from kg.extract import Extraction, extract
from kg.lexicon import get_lexicon
from kg.mapper import map_corpus
from kg.store import ACTOR_INDEX_FILE, KGStore

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
# a second fuller name with the word "Zaki": the short "Zaki" then matches two people and stays apart
OTHER = conllu("""
    # text = Zaki Hamid mengkritik Jepang.
    1 Zaki Zaki PROPN _ _ 3 nsubj _ ner=B-PER
    2 Hamid Hamid PROPN _ _ 1 flat _ ner=E-PER
    3 mengkritik kritik VERB _ _ 0 root _ ner=O
    4 Jepang Jepang PROPN _ _ 3 obj _ ner=S-LOC
    5 . . PUNCT _ _ 3 punct _ ner=O
""")
PARSES = {**corpus_conllu(), "pendek": SHORT, "lengkap": FULL, "lain": OTHER}


def _extraction(aid: str, parse: str | None = None) -> Extraction:
    text = parse or PARSES[aid]
    return extract(from_conllu(text, Article(aid, article_text(text))), get_lexicon())


def _clean(ids: set[str], edited: dict[str, str] | None = None) -> Graph:
    """The in-memory graph of a clean build of ``ids``."""
    edited = edited or {}
    extractions = [_extraction(aid, edited.get(aid)) for aid in sorted(ids)]
    return map_corpus(extractions, resolve_actors(extractions))


def _check(store: KGStore, ids: set[str], edited: dict[str, str] | None = None) -> None:
    """The store holds ``ids``; its default graph is a clean build's and the union of its named graphs."""
    assert store.article_ids() == sorted(ids)
    clean = _clean(ids, edited)
    assert isomorphic(store.graph(), clean)
    union = Graph()
    for name in store.content_graphs():
        union += store.named_graph(name.value)
    assert isomorphic(union, clean)


def test_store_incremental_add_one_by_one_in_any_order_is_a_clean_build(tmp_path: Path) -> None:
    ids = sorted(PARSES)
    orders = [ids, ids[::-1], *(random.Random(seed).sample(ids, len(ids)) for seed in range(3))]
    for n, order in enumerate(orders):
        with KGStore.open(tmp_path / f"store-{n}") as store:
            for i, aid in enumerate(order):
                store.write(put=[_extraction(aid)])
                if i in (1, 3, len(order) - 1):  # checking costs a clean build: a few steps suffice
                    _check(store, set(order[: i + 1]))


def test_store_incremental_remove_and_readd_is_a_clean_build(tmp_path: Path) -> None:
    ids = set(PARSES)
    rng = random.Random(18)
    with KGStore.open(tmp_path / "store") as store:
        store.write(put=[_extraction(aid) for aid in sorted(ids)])
        _check(store, ids)
        held = set(ids)
        for step in range(8):
            if step % 2 == 0 or not (ids - held):
                gone = rng.sample(sorted(held), 2)
                change = store.write(remove=gone).change
                assert change.removed == tuple(sorted(gone))
                held -= set(gone)
            else:
                back = sorted(ids - held)[:2]
                store.write(put=[_extraction(aid) for aid in back])
                held |= set(back)
            _check(store, held)


def test_store_incremental_non_monotone_merge_follows_each_change(tmp_path: Path) -> None:
    """ "Zaki" joins "Ahmad Zaki" while it is the only fuller name, and parts again when "Zaki Hamid" arrives."""
    with KGStore.open(tmp_path / "store") as store:
        store.write(put=[_extraction("pendek"), _extraction("lengkap")])
        _check(store, {"pendek", "lengkap"})
        change = store.write(put=[_extraction("lain")]).change
        assert change.remapped == ("pendek",)  # its "Zaki" is nobody's short name any more
        _check(store, {"pendek", "lengkap", "lain"})
        change = store.write(remove=["lain"]).change
        assert change.remapped == ("pendek",)
        _check(store, {"pendek", "lengkap"})


def test_store_incremental_replacing_an_article_is_a_clean_build(tmp_path: Path) -> None:
    with KGStore.open(tmp_path / "store") as store:
        store.write(put=[_extraction(aid) for aid in ("pendek", "lengkap", "pertemuan-manila")])
        store.write(put=[_extraction("lengkap", OTHER)])  # "lengkap" now names Zaki Hamid
        _check(store, {"pendek", "lengkap", "pertemuan-manila"}, {"lengkap": OTHER})


def test_store_incremental_adding_one_article_extracts_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = kg.extract.extract

    def counted(doc, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(doc.article.id)
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(kg.extract, "extract", counted)
    stored = sorted(set(PARSES) - {"lain"})
    with KGStore.open(tmp_path / "store") as store:
        store.write(put=[_extraction(aid) for aid in stored])
        calls.clear()
        change = store.write(put=[_extraction("lain")]).change
        assert calls == []  # the stored articles come from the extraction cache
        assert change.extracted == ()
        assert change.added == ("lain",) and change.articles == len(stored) + 1
        assert set(change.remapped) <= {"pendek"}  # only the article whose actors moved
        # with the caches gone (extractions and the actor index), the stored parses are extracted again, each once
        import shutil

        shutil.rmtree(tmp_path / "store" / "extractions")
        (tmp_path / "store" / ACTOR_INDEX_FILE).unlink()
        change = store.write(remove=["lain"]).change
        assert sorted(calls) == stored and change.extracted == tuple(stored)
        _check(store, set(stored))


def test_store_incremental_adding_one_article_reads_no_other_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The actor index (each article's resolution facts, kept in the store) is all a change reads of the others."""
    from kg.cache import ExtractionCache

    read: list[str] = []
    for method in ("get", "view"):
        real = getattr(ExtractionCache, method)

        def counted(self, parse_hash, _real=real):  # type: ignore[no-untyped-def]
            read.append(parse_hash)
            return _real(self, parse_hash)

        monkeypatch.setattr(ExtractionCache, method, counted)
    stored = ["lengkap"]  # "Ahmad Zaki"
    with KGStore.open(tmp_path / "store") as store:
        store.write(put=[_extraction(aid) for aid in stored])
        read.clear()
        change = store.write(put=[_extraction("pendek")]).change
        assert read == [] and change.remapped == ()
        _check(store, {*stored, "pendek"})
        change = store.write(put=[_extraction("lain")]).change  # "pendek"'s "Zaki" parts from "Ahmad Zaki"
        assert change.remapped == ("pendek",) and len(read) == 1  # its extraction, to map it again
        _check(store, {*stored, "pendek", "lain"})
        read.clear()
        change = store.write(remove=["lain"]).change
        assert change.remapped == ("pendek",) and len(read) == 1
        _check(store, {*stored, "pendek"})
        # an index written by another kg, or damaged, is computed again from the extraction cache
        (tmp_path / "store" / ACTOR_INDEX_FILE).write_bytes(b"not a pickle")
        read.clear()
        store.write(put=[_extraction("lain")])
        assert len(read) >= 2  # the views of "lengkap" and "pendek"
        _check(store, {*stored, "pendek", "lain"})


def test_store_incremental_a_stale_actor_index_is_not_trusted(tmp_path: Path) -> None:
    """The actor index holds the actors of one generation of the database; one left behind by a change that
    did not finish writing it (killed after the database's commit) is read for its facts only."""
    index = tmp_path / "store" / ACTOR_INDEX_FILE
    with KGStore.open(tmp_path / "store") as store:
        store.write(put=[_extraction("pendek"), _extraction("lengkap")])
        stale = index.read_bytes()
        store.write(put=[_extraction("lain")])  # "Zaki" parts from "Ahmad Zaki"
        index.write_bytes(stale)  # as if the write had stopped after the commit
        change = store.write(remove=["lain"]).change  # "Zaki" joins again: the stale index saw no change there
        assert change.remapped == ("pendek",)
        _check(store, {"pendek", "lengkap"})
        index.write_bytes(stale)
        store.write(put=[_extraction("lain"), _extraction("pertemuan-manila")])
        _check(store, {"pendek", "lengkap", "lain", "pertemuan-manila"})


def test_store_incremental_resolution_views_resolve_as_the_full_extractions() -> None:
    extractions = [_extraction(aid) for aid in sorted(PARSES)]
    full = resolve_actors(extractions)
    views = resolve_actors([resolution_view(ex) for ex in extractions])
    assert views == full


def test_store_incremental_kg_build_of_one_more_article_extracts_only_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from helpers import FakeParser

    import kg.workers
    from kg.build import BuildSettings
    from kg.store import build_into_store

    folder = tmp_path / "in"
    folder.mkdir()
    for aid, parse in PARSES.items():
        (folder / f"{aid}.txt").write_text(article_text(parse) + "\n", encoding="utf-8")
    calls: list[str] = []
    real = kg.extract.extract

    def counted(doc, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(doc.article.id)
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(kg.extract, "extract", counted)
    monkeypatch.setattr(kg.workers, "extract", counted)
    first = [folder / f"{aid}.txt" for aid in sorted(PARSES) if aid != "lain"]
    build_into_store(first, tmp_path / "store", BuildSettings(validate=False), parser=FakeParser(PARSES))
    assert len(calls) == len(first)
    calls.clear()
    result = build_into_store(
        [folder / "lain.txt"], tmp_path / "store", BuildSettings(), parser=FakeParser(PARSES), outputs=False
    )
    assert calls == ["lain"]
    assert result.store is not None and result.store.added == ("lain",) and result.store.extracted == ()
    assert [r.id for r in result.reports] == ["lain"]  # without outputs, the report covers the change
    assert result.shacl_conforms is True
    report: dict[str, Any] = result.report_dict()
    assert report["store"]["articles"] == len(PARSES) and set(report["store"]["remapped"]) <= {"pendek"}


def test_store_incremental_cli_no_outputs_writes_only_the_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from typer.testing import CliRunner

    from kg.cli import app

    fixtures, folder = tmp_path / "parses", tmp_path / "in"
    fixtures.mkdir()
    folder.mkdir()
    for aid, parse in PARSES.items():
        (fixtures / f"{aid}.conllu").write_text(parse, encoding="utf-8")
        (folder / f"{aid}.txt").write_text(article_text(parse) + "\n", encoding="utf-8")
    monkeypatch.setenv("KG_CONLLU_DIR", str(fixtures))
    store, out = tmp_path / "store", tmp_path / "out"
    runner = CliRunner()
    first = [str(folder / f"{aid}.txt") for aid in sorted(PARSES) if aid != "lain"]
    done = runner.invoke(app, ["build", *first, "--store", str(store), "--out", str(out), "--no-outputs"])
    assert done.exit_code == 0, done.output
    done = runner.invoke(app, ["build", str(folder / "lain.txt"), "--store", str(store), "--out", str(out), "--no-outputs"])
    assert done.exit_code == 0, done.output
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["report.json"]
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert [a["id"] for a in report["articles"]] == ["lain"]
    assert report["store"]["added"] == ["lain"] and report["store"]["articles"] == len(PARSES)
    assert report["shacl"]["conforms"] is True
    removed = runner.invoke(app, ["remove", "lain", "--store", str(store)])
    assert removed.exit_code == 0 and f"{len(PARSES) - 1} left" in removed.stdout
    from helpers import FakeParser

    from kg.build import BuildSettings, build

    kept = [folder / f"{aid}.txt" for aid in sorted(PARSES) if aid != "lain"]
    clean = build(kept, BuildSettings(validate=False), FakeParser(PARSES))
    with KGStore.open(store, read_only=True) as opened:
        assert isomorphic(opened.graph(), clean.graph)


def test_store_incremental_putting_stored_articles_again_maps_only_the_new_one(tmp_path: Path) -> None:
    stored = sorted(set(PARSES) - {"lain", "pendek"})
    with KGStore.open(tmp_path / "store") as store:
        store.write(put=[_extraction(aid) for aid in stored])
        state = store.write(put=[_extraction(aid) for aid in [*stored, "lain"]])  # the feed's whole input again, one more
        assert [ex.doc.article.id for ex in state.extractions] == ["lain"]
        assert state.change.replaced == tuple(stored) and state.change.graphs_written == 1
        _check(store, {*stored, "lain"})


def test_store_incremental_new_parse_with_the_same_graph_then_a_new_graph(tmp_path: Path) -> None:
    """An article put again with another parse but the same graph keeps its graph's hash, so its next change replaces it."""
    from dataclasses import replace

    first = _extraction("pendek")
    warned = replace(first, doc=replace(first.doc, article=replace(first.doc.article, warnings=("a warning",))))
    with KGStore.open(tmp_path / "store") as store:
        store.write(put=[first, _extraction("lengkap")])
        assert store.write(put=[warned]).change.graphs_written == 0  # a new record, the same graph
        store.write(put=[_extraction("pendek", OTHER)])  # now its graph changes: the old one must go
        _check(store, {"pendek", "lengkap"}, {"pendek": OTHER})


def test_store_incremental_graph_queries_see_the_article_graphs_not_the_records(tmp_path: Path) -> None:
    with KGStore.open(tmp_path / "store") as store:
        store.write(put=[_extraction(aid) for aid in ("pendek", "lengkap")])
        names = {str(row[0]) for row in store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}  # type: ignore[index]
        assert names == {g.value for g in store.content_graphs()} and len(names) == 3
        assert len(store.query("SELECT * WHERE { ?s ?p ?o }")) == len(store.graph())  # the default graph: no records


def test_store_incremental_merges_of_a_change_and_of_the_whole_store(tmp_path: Path) -> None:
    """A change reports the merges of the actors it wrote; the actor index gives every merge, as a clean build does."""
    with KGStore.open(tmp_path / "store") as store:
        store.write(put=[_extraction("lengkap"), _extraction("pertemuan-manila")])
        state = store.write(put=[_extraction("pendek")])  # its "Zaki" is Ahmad Zaki: that actor is written again
        clean = resolve_actors([_extraction(aid) for aid in ("lengkap", "pendek", "pertemuan-manila")])
        assert store.actor_index().merges == clean.merges and len(clean.merges) > 1
        assert {m.actor for m in state.index.merges} == {"ahmad-zaki"} and set(state.index.merges) <= set(clean.merges)


def test_store_incremental_a_large_change_compacts_the_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A change that writes many article graphs compacts Oxigraph after it (queries on a freshly bulk-built store
    were three times slower); a small one does not."""
    import kg.store

    monkeypatch.setattr(kg.store, "OPTIMIZE_AFTER_GRAPHS", 2)
    monkeypatch.setattr(kg.store, "OPTIMIZE_AFTER_FILES", 10**6)
    with KGStore.open(tmp_path / "store") as store:
        assert "optimize" in store.write(put=[_extraction("lengkap"), _extraction("pertemuan-manila")]).change.seconds
        assert "optimize" not in store.write(put=[_extraction("pendek")]).change.seconds
        _check(store, {"lengkap", "pertemuan-manila", "pendek"})
        # small changes pile up table files until there are enough of them
        monkeypatch.setattr(kg.store, "OPTIMIZE_AFTER_FILES", 1)
        assert "optimize" in store.write(remove=["pendek"]).change.seconds
        _check(store, {"lengkap", "pertemuan-manila"})


def test_store_incremental_interrupted_changes_never_leave_a_trusted_stale_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A change stopped after the database's commit (before the marker, or before the index's commit) must not
    make a later change trust an index that misses it (found by review: a generation number came round twice)."""
    import kg.store
    from kg.kvtables import SqliteTables

    folder = tmp_path / "store"

    def write(**change: Any) -> None:
        with KGStore.open(folder) as store:
            store.write(**change)

    def stop(*_args: Any, **_kwargs: Any) -> None:
        raise KeyboardInterrupt

    write(put=[_extraction("pendek")])
    with monkeypatch.context() as patch:
        patch.setattr(kg.store, "_write_marker", stop)
        with pytest.raises(KeyboardInterrupt):
            write(put=[_extraction("lengkap")])
    write(put=[_extraction("pendek")])  # changes nothing
    with monkeypatch.context() as patch:
        patch.setattr(SqliteTables, "commit", stop)
        with pytest.raises(KeyboardInterrupt):
            write(put=[_extraction("lain")])
    write(remove=["lengkap"])
    with KGStore.open(folder) as store:
        _check(store, {"pendek", "lain"})


def test_store_incremental_merges_shown_only_from_an_index_of_this_generation(tmp_path: Path) -> None:
    """``kg serve`` shows a store's merges from its actor index only while the index describes the database."""
    from kg.store import index_generation, read_merges

    folder = tmp_path / "store"
    with KGStore.open(folder) as store:
        store.write(put=[_extraction("lengkap"), _extraction("pendek")])
        generation = store.generation
    assert index_generation(folder) == generation and read_merges(folder, generation)
    assert read_merges(folder, generation + 1) == [] and read_merges(folder)
