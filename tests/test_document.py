"""kg/document.py: entity spans from BIO/BIOES tags, and the CoNLL-U round trip."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from helpers import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.document import Article, Entity, ParsedDoc, Sentence, Word, entities_from_tags, from_conllu, to_conllu
from kg.errors import InputError


def _words(*pairs: tuple[str, str]) -> list[Word]:
    """Words separated by single spaces, with the given NER tags."""
    out, pos = [], 0
    for i, (text, tag) in enumerate(pairs, start=1):
        out.append(Word(i, text, text, "PROPN", 0, "dep", pos, pos + len(text), ner=tag))
        pos += len(text) + 1
    return out


def _spans(entities: tuple[Entity, ...]) -> list[tuple[str, int, int, str]]:
    return [(e.label, e.start, e.end, e.text) for e in entities]


@pytest.mark.parametrize(
    ("tagged", "expected"),
    [
        pytest.param(
            [("Ahmad", "B-PER"), ("Zaki", "I-PER"), ("ke", "O"), ("Badan", "B-ORG"), ("Antariksa", "I-ORG")],
            [("PER", 0, 2, "Ahmad Zaki"), ("ORG", 3, 5, "Badan Antariksa")],
            id="bio",
        ),
        pytest.param(
            [("Ahmad", "B-PER"), ("Zaki", "E-PER"), ("Manila", "S-LOC"), ("dan", "O"), ("Cebu", "S-LOC")],
            [("PER", 0, 2, "Ahmad Zaki"), ("LOC", 2, 3, "Manila"), ("LOC", 4, 5, "Cebu")],
            id="bioes",
        ),
        pytest.param(
            [("Maria", "B-PER"), ("Luz", "I-PER"), ("Santos", "E-PER")],
            [("PER", 0, 3, "Maria Luz Santos")],
            id="bioes-three-words",
        ),
        pytest.param([("Maria", "I-PER"), ("Santos", "I-PER")], [("PER", 0, 2, "Maria Santos")], id="inside-without-begin"),
        pytest.param(
            [("Zaki", "B-PER"), ("Santos", "B-PER")], [("PER", 0, 1, "Zaki"), ("PER", 1, 2, "Santos")], id="begin-begin"
        ),
        pytest.param(
            [("Zaki", "B-PER"), ("Malaysia", "I-LOC")], [("PER", 0, 1, "Zaki"), ("LOC", 1, 2, "Malaysia")], id="label-change"
        ),
        pytest.param(
            [("Badan", "B-ORG"), ("Zaki", "E-PER")], [("ORG", 0, 1, "Badan"), ("PER", 1, 2, "Zaki")], id="end-other-label"
        ),
        pytest.param(
            [("Manila", "S-LOC"), ("Raya", "I-LOC")], [("LOC", 0, 1, "Manila"), ("LOC", 1, 2, "Raya")], id="single-then-inside"
        ),
        pytest.param([("dia", "O"), ("pergi", "O")], [], id="outside"),
    ],
)
def test_document_entities_from_tags(tagged: list[tuple[str, str]], expected: list[tuple[str, int, int, str]]) -> None:
    assert _spans(entities_from_tags(_words(*tagged))) == expected


def test_document_entity_text_keeps_article_spacing() -> None:
    words = [
        Word(1, "Badan", "badan", "PROPN", 0, "root", 0, 5, ner="B-ORG"),
        Word(2, "(", "(", "PUNCT", 3, "punct", 6, 7, ner="I-ORG"),
        Word(3, "BAN", "BAN", "PROPN", 1, "appos", 7, 10, ner="I-ORG"),
        Word(4, ")", ")", "PUNCT", 3, "punct", 10, 11, ner="E-ORG"),
    ]
    assert _spans(entities_from_tags(words)) == [("ORG", 0, 4, "Badan (BAN)")]


# ----------------------------------------------------------------------------- reading CoNLL-U


def test_document_from_conllu_reads_the_meeting_fixture() -> None:
    doc = from_conllu((FIXTURES / "meeting.conllu").read_text(encoding="utf-8"))
    [sent] = doc.sentences
    assert sent.text.startswith("Menteri Luar Negeri Malaysia Ahmad Zaki bertemu dengan")
    assert (sent.index, sent.start_char, sent.end_char) == (0, 0, len(sent.text))
    assert sent.word(7).text == "bertemu" and sent.word(7).deprel == "root"
    assert [w.text for w in sent.children(9)] == ["dengan", "Filipina", "Maria", "Santos"]
    assert _spans(sent.entities) == [
        ("LOC", 3, 4, "Malaysia"),
        ("PER", 4, 6, "Ahmad Zaki"),
        ("LOC", 9, 10, "Filipina"),
        ("PER", 10, 12, "Maria Santos"),
        ("LOC", 13, 14, "Manila"),
    ]
    for w in sent.words:
        assert sent.text[w.start_char - sent.start_char : w.end_char - sent.start_char] == w.text
    assert doc.article.id == "conllu" and doc.article.text == sent.text


def test_document_from_conllu_offsets_continue_across_sentences(parse: Callable[..., ParsedDoc]) -> None:
    doc = parse("""
        # text = Zaki tiba.
        1 Zaki Zaki PROPN _ _ 2 nsubj _ ner=S-PER
        2 tiba tiba VERB _ _ 0 root _ ner=O
        3 . . PUNCT _ _ 2 punct _ ner=O

        # text = Santos menyambutnya.
        1 Santos Santos PROPN _ _ 2 nsubj _ ner=S-PER
        2 menyambut sambut VERB _ _ 0 root _ ner=O
        3 nya dia PRON _ _ 2 obj _ ner=O
        4 . . PUNCT _ _ 2 punct _ ner=O
    """)
    first, second = doc.sentences
    assert (first.index, first.start_char, first.end_char) == (0, 0, 10)
    assert (second.index, second.start_char, second.end_char) == (1, 11, 31)
    text = doc.article.text
    assert text == "Zaki tiba.\nSantos menyambutnya."
    assert [(w.text, w.start_char, w.end_char) for w in second.words] == [
        ("Santos", 11, 17),
        ("menyambut", 18, 27),
        ("nya", 27, 30),
        (".", 30, 31),
    ]
    assert second.span_text(0, 4) == "Santos menyambutnya."


def test_document_multiword_token_lines_are_skipped(parse: Callable[..., ParsedDoc]) -> None:
    doc = parse("""
        # text = Ia bertemu dengannya.
        1 Ia ia PRON _ _ 2 nsubj _ ner=O
        2 bertemu temu VERB _ _ 0 root _ ner=O
        3-4 dengannya _ _ _ _ _ _ _ _
        3 dengan dengan ADP _ _ 4 case _ ner=O
        4 nya dia PRON _ _ 2 obl _ ner=O
        5 . . PUNCT _ _ 2 punct _ ner=O
    """)
    [sent] = doc.sentences
    assert [w.id for w in sent.words] == [1, 2, 3, 4, 5]
    assert [w.text for w in sent.words] == ["Ia", "bertemu", "dengan", "nya", "."]
    assert sent.span_text(0, 5) == "Ia bertemu dengannya."


def test_document_from_conllu_rejects_a_short_row() -> None:
    with pytest.raises(InputError, match="expected 10"):
        from_conllu("# text = Rusak\n1\tRusak\trusak\tNOUN\n")


def test_document_from_conllu_attaches_the_article() -> None:
    article = Article("berita-1", "Zaki tiba.", source="Warta Contoh")
    doc = from_conllu("1\tZaki\tZaki\tPROPN\t_\t_\t2\tnsubj\t_\tner=S-PER\n2\ttiba\ttiba\tVERB\t_\t_\t0\troot\t_\t_\n", article)
    assert doc.article is article
    assert doc.sentences[0].text == "Zaki tiba"
    assert doc.sentences[0].words[1].ner == "O"


# ----------------------------------------------------------------------------- round trip


def test_document_round_trip_of_the_meeting_fixture() -> None:
    article = Article("rapat", "x")
    doc = from_conllu((FIXTURES / "meeting.conllu").read_text(encoding="utf-8"), article)
    text = to_conllu(doc)
    assert "start_char=0|end_char=7|ner=O" in text
    assert from_conllu(text, article) == doc
    assert to_conllu(from_conllu(text, article)) == text


def test_document_to_conllu_of_no_sentences_is_empty() -> None:
    assert to_conllu(ParsedDoc(Article("kosong", ""))) == ""


_TOKEN = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")), min_size=1, max_size=8).filter(
    lambda t: not any(c.isspace() for c in t) and t != "_"
)
_PLAIN = st.text(alphabet="abcdefghijklmnopqrstuvwxyz:", min_size=1, max_size=10)
_TAG = st.sampled_from(["O", "B-PER", "I-PER", "E-PER", "S-PER", "B-ORG", "I-ORG", "E-ORG", "S-LOC", "B-LOC", "I-LOC"])


@st.composite
def _sentence(draw: st.DrawFn, index: int, start: int) -> Sentence:
    n = draw(st.integers(1, 6))
    tokens = [draw(_TOKEN) for _ in range(n)]
    glue = [draw(st.booleans()) for _ in range(n)]
    words, pos, text = [], start, ""
    for i, token in enumerate(tokens, start=1):
        if i > 1 and not glue[i - 1]:
            text += " "
            pos += 1
        words.append(
            Word(
                id=i,
                text=token,
                lemma=draw(_TOKEN),
                upos=draw(st.sampled_from(["NOUN", "PROPN", "VERB", "ADP", "PUNCT"])),
                head=draw(st.integers(0, n)),
                deprel=draw(_PLAIN),
                start_char=pos,
                end_char=pos + len(token),
                feats=draw(st.sampled_from(["_", "Number=Sing", "Voice=Act|Mood=Ind"])),
                ner=draw(_TAG),
            )
        )
        text += token
        pos += len(token)
    words_t = tuple(words)
    return Sentence(index, text, start, pos, words_t, entities_from_tags(words_t))


@st.composite
def _doc(draw: st.DrawFn) -> ParsedDoc:
    sentences, start = [], 0
    for index in range(draw(st.integers(0, 3))):
        sentence = draw(_sentence(index, start))
        sentences.append(sentence)
        start = sentence.end_char + 1
    article = Article("a", " ".join(s.text for s in sentences))
    return ParsedDoc(article, tuple(sentences))


@settings(max_examples=60, deadline=None)
@given(_doc())
def test_document_conllu_round_trip(doc: ParsedDoc) -> None:
    assert from_conllu(to_conllu(doc), doc.article) == doc
