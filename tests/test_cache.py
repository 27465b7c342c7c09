"""kg/cache.py: the content-hash parse cache, alone and inside ``build`` (with a counting fake parser)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import FakeParser, corpus_conllu, write_corpus
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from kg.build import BuildResult, BuildSettings, build
from kg.cache import ParseCache, doc_from_cache
from kg.document import Article, ParsedDoc, Sentence, Word, entities_from_tags, from_conllu, to_conllu
from kg.errors import CacheError

IDS = ["dukungan-2024", "kecaman-ban", "pertemuan-manila"]


def _build(corpus: Path, cache: ParseCache | None, parser: FakeParser) -> BuildResult:
    return build([corpus], BuildSettings(validate=False), parser=parser, cache=cache)


# ----------------------------------------------------------------------------- the cache alone


def test_cache_key_depends_on_text_and_models(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path, "models-1")
    assert cache.key("Zaki tiba.") == ParseCache(tmp_path / "other", "models-1").key("Zaki tiba.")
    assert cache.key("Zaki tiba.") != cache.key("Zaki tiba!")
    assert cache.key("Zaki tiba.") != ParseCache(tmp_path, "models-2").key("Zaki tiba.")
    assert cache.path("Zaki tiba.").parent.name == cache.key("Zaki tiba.")[:2]


def test_cache_put_then_get(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path / "c", "m")
    parses = corpus_conllu()
    article = Article("kecaman-ban", "Teks apa saja.")
    doc = from_conllu(parses["kecaman-ban"], article)
    assert cache.get(article) is None
    path = cache.put(doc)
    assert path.is_file() and path.read_text(encoding="utf-8") == to_conllu(doc)
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left behind
    renamed = Article("nama-lain", "Teks apa saja.", title="Judul")
    assert cache.get(renamed) == ParsedDoc(renamed, doc.sentences)  # the key is the text, not the id


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABC.,", min_size=1, max_size=6)
_GAP = st.sampled_from([" ", "  ", "\n", "\n\n", " \t "])


@settings(max_examples=50, deadline=None)
@given(st.lists(st.lists(st.tuples(_WORD, _GAP), min_size=1, max_size=5), min_size=0, max_size=4))
def test_cache_round_trip_keeps_the_article_text_of_sentences(tmp_path_factory: pytest.TempPathFactory, sents: list) -> None:
    # sentences whose text spans odd whitespace (a Stanza sentence is a slice of the article text)
    text, sentences = "", []
    for index, pairs in enumerate(sents):
        start, words = len(text), []
        for n, (word, gap) in enumerate(pairs, start=1):
            words.append(
                Word(
                    n,
                    word,
                    word.lower(),
                    "NOUN",
                    0 if n == 1 else 1,
                    "root" if n == 1 else "dep",
                    len(text),
                    len(text) + len(word),
                )
            )
            text += word + (gap if n < len(pairs) else "")
        frozen = tuple(words)
        sentences.append(Sentence(index, text[start:], start, len(text), frozen, entities_from_tags(frozen)))
        text += "\n\n"
    doc = ParsedDoc(Article("a", text), tuple(sentences))
    cache = ParseCache(tmp_path_factory.mktemp("cache"), "m")
    cache.put(doc)
    assert cache.get(doc.article) == doc
    assert doc_from_cache(to_conllu(doc), doc.article) == doc


def test_cache_unreadable_entry_is_a_miss(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path, "m")
    article = Article("a", "Zaki tiba.")
    cache.path(article.text).parent.mkdir(parents=True)
    cache.path(article.text).write_text("1\tZaki\n", encoding="utf-8")
    assert cache.get(article) is None


def test_cache_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    doc = from_conllu(corpus_conllu()["kecaman-ban"], Article("a", "x"))
    with pytest.raises(CacheError, match="--no-cache"):
        ParseCache(blocker, "m").put(doc)


# ----------------------------------------------------------------------------- the cache in a build


def test_cache_unchanged_articles_are_never_parsed_twice(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    cache = ParseCache(tmp_path / "cache", "fake-models")
    first_parser, second_parser = FakeParser(corpus_conllu()), FakeParser(corpus_conllu())
    first = _build(corpus, cache, first_parser)
    second = _build(corpus, cache, second_parser)
    assert sorted(first_parser.calls) == IDS and second_parser.calls == []
    assert isomorphic(first.graph, second.graph)
    assert (first.cache.hits, first.cache.misses) == (0, 3)  # type: ignore[union-attr]
    assert (second.cache.hits, second.cache.misses) == (3, 0)  # type: ignore[union-attr]
    assert [r.cached for r in second.reports] == [True, True, True]
    assert second.report_dict()["cache"] == {"directory": str(cache.directory), "hits": 3, "misses": 0}
    uncached = _build(corpus, None, FakeParser(corpus_conllu()))
    assert uncached.cache is None and uncached.report_dict()["cache"] is None
    assert isomorphic(uncached.graph, second.graph)


def test_cache_one_changed_article_is_the_only_one_parsed_again(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    cache = ParseCache(tmp_path / "cache", "fake-models")
    _build(corpus, cache, FakeParser(corpus_conllu()))
    changed = corpus / "kecaman-ban.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nParagraf baru.\n", encoding="utf-8")
    parser = FakeParser(corpus_conllu())
    result = _build(corpus, cache, parser)
    assert parser.calls == ["kecaman-ban"]
    assert {r.id: r.cached for r in result.reports} == {"dukungan-2024": True, "kecaman-ban": False, "pertemuan-manila": True}
    assert (result.cache.hits, result.cache.misses) == (2, 1)  # type: ignore[union-attr]


def test_cache_other_models_parse_everything_again(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    _build(corpus, ParseCache(tmp_path / "cache", "models-1"), FakeParser(corpus_conllu()))
    parser = FakeParser(corpus_conllu())
    _build(corpus, ParseCache(tmp_path / "cache", "models-2"), parser)
    assert sorted(parser.calls) == IDS


def test_cache_failed_parses_are_not_cached(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    cache = ParseCache(tmp_path / "cache", "m")
    failed = _build(corpus, cache, FakeParser(corpus_conllu(), fail=["kecaman-ban"]))
    assert {r.id: r.status for r in failed.reports}["kecaman-ban"] == "error"
    parser = FakeParser(corpus_conllu())
    again = _build(corpus, cache, parser)
    assert parser.calls == ["kecaman-ban"]
    assert all(r.status == "ok" for r in again.reports)


def test_cache_corrupt_entry_is_parsed_again_and_replaced(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    cache = ParseCache(tmp_path / "cache", "m")
    first = _build(corpus, cache, FakeParser(corpus_conllu()))
    [article] = [ex.doc.article for ex in first.extractions if ex.doc.article.id == "pertemuan-manila"]
    cache.path(article.text).write_text("# text = rusak\n1\trusak\n", encoding="utf-8")
    parser = FakeParser(corpus_conllu())
    again = _build(corpus, cache, parser)
    assert parser.calls == ["pertemuan-manila"]
    assert isomorphic(first.graph, again.graph)
    assert cache.get(article) == next(ex.doc for ex in first.extractions if ex.doc.article.id == "pertemuan-manila")
