"""Typed data between the stages: ``Article -> ParsedDoc`` (sentences, words, entities).

A ``ParsedDoc`` round-trips through CoNLL-U (``to_conllu`` / ``from_conllu``), which is how
the parse cache stores it and how tests build parses by hand, with no model involved.
Character offsets and NER tags travel in the MISC column (``start_char=0|end_char=4|ner=B-PER``).
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError

__all__ = [
    "Article",
    "ConlluDirParser",
    "Entity",
    "ParsedDoc",
    "Sentence",
    "Word",
    "entities_from_tags",
    "from_conllu",
    "to_conllu",
]


@dataclass(frozen=True)
class Article:
    """One news article as read from a file or a JSONL line."""

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    date: dt.date | None = None
    path: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Word:
    """A syntactic word (after multiword-token expansion) with its parse."""

    id: int
    text: str
    lemma: str
    upos: str
    head: int
    deprel: str
    start_char: int
    end_char: int
    feats: str = "_"
    ner: str = "O"

    @functools.cached_property
    def lower(self) -> str:
        """The text in lower case (computed once: the rules ask for it tens of millions of times in a corpus)."""
        return self.text.lower()


@dataclass(frozen=True)
class Entity:
    """A named-entity span over words ``start`` (inclusive) to ``end`` (exclusive), 0-based."""

    label: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Sentence:
    """A parsed sentence; ``start_char``/``end_char`` are offsets in the article text."""

    index: int
    text: str
    start_char: int
    end_char: int
    words: tuple[Word, ...]
    entities: tuple[Entity, ...] = ()

    def word(self, word_id: int) -> Word:
        """The word with 1-based id ``word_id``."""
        return self.words[word_id - 1]

    def children(self, word_id: int) -> list[Word]:
        return [w for w in self.words if w.head == word_id]

    def span_text(self, start: int, end: int) -> str:
        """Text of words ``start..end`` (0-based, exclusive), with the article's own spacing."""
        words = self.words[start:end]
        if not words:
            return ""
        out = [words[0].text]
        for prev, cur in itertools.pairwise(words):
            if cur.start_char == prev.start_char and cur.end_char == prev.end_char:
                continue  # pieces of one multiword token: keep the surface token once
            out.append(("" if cur.start_char == prev.end_char else " ") + cur.text)
        return "".join(out)


@dataclass(frozen=True)
class ParsedDoc:
    """An article with its sentences."""

    article: Article
    sentences: tuple[Sentence, ...] = field(default_factory=tuple)


def entities_from_tags(words: tuple[Word, ...] | list[Word]) -> tuple[Entity, ...]:
    """Collect entity spans from BIO or BIOES tags on words.

    >>> ws = [Word(1, "Ismail", "Ismail", "PROPN", 0, "root", 0, 6, ner="B-PER"),
    ...       Word(2, "Haniyeh", "Haniyeh", "PROPN", 1, "flat", 7, 14, ner="E-PER")]
    >>> entities_from_tags(ws)
    (Entity(label='PER', start=0, end=2, text='Ismail Haniyeh'),)
    """
    spans: list[tuple[str, int, int]] = []
    current: tuple[str, int] | None = None
    for i, word in enumerate(words):
        prefix, _, label = word.ner.partition("-")
        if prefix in ("B", "S") or (prefix in ("I", "E") and (current is None or current[0] != label)):
            if current is not None:
                spans.append((current[0], current[1], i))
            current = (label, i)
        elif prefix == "O" or not label:
            if current is not None:
                spans.append((current[0], current[1], i))
            current = None
        if prefix in ("S", "E") and current is not None:
            spans.append((current[0], current[1], i + 1))
            current = None
    if current is not None:
        spans.append((current[0], current[1], len(words)))
    sentence = Sentence(0, "", 0, 0, tuple(words))
    return tuple(Entity(label, start, end, sentence.span_text(start, end)) for label, start, end in spans)


# ----------------------------------------------------------------------------- CoNLL-U


def _misc(word: Word) -> str:
    return f"start_char={word.start_char}|end_char={word.end_char}|ner={word.ner}"


def to_conllu(doc: ParsedDoc) -> str:
    """Serialise the sentences of ``doc`` as CoNLL-U (offsets and NER in MISC)."""
    lines: list[str] = []
    for sentence in doc.sentences:
        lines.append(f"# sent_id = {sentence.index}")
        lines.append(f"# text = {_one_line(sentence.text)}")
        lines.append(f"# start_char = {sentence.start_char}")
        lines.append(f"# end_char = {sentence.end_char}")
        for w in sentence.words:
            cols = [str(w.id), w.text, w.lemma or "_", w.upos, "_", w.feats or "_", str(w.head), w.deprel, "_", _misc(w)]
            lines.append("\t".join(cols))
        lines.append("")
    return "\n".join(lines) + ("\n" if lines else "")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _parse_misc(misc: str) -> dict[str, str]:
    out = {}
    for part in misc.split("|"):
        key, sep, value = part.partition("=")
        if sep:
            out[key] = value
    return out


def _blocks(text: str) -> Iterator[list[str]]:
    block: list[str] = []
    for line in text.splitlines():
        if line.strip():
            block.append(line)
        elif block:
            yield block
            block = []
    if block:
        yield block


def from_conllu(text: str, article: Article | None = None) -> ParsedDoc:
    """Read CoNLL-U into a ``ParsedDoc``.

    Missing offsets are computed from the sentence text (or from the words, joined
    with spaces); multiword-token lines are skipped, their words keep their own text.
    """
    sentences: list[Sentence] = []
    cursor = 0
    for number, block in enumerate(_blocks(text)):
        comments = {}
        rows: list[list[str]] = []
        for line in block:
            if line.startswith("#"):
                key, sep, value = line[1:].partition("=")
                if sep:
                    comments[key.strip()] = value.strip()
                continue
            cols = line.split("\t")
            if len(cols) != 10:
                raise InputError(f"CoNLL-U line has {len(cols)} columns, expected 10: {line[:60]!r}")
            if "-" in cols[0] or "." in cols[0]:
                continue
            rows.append(cols)
        sent_text = comments.get("text") or " ".join(r[1] for r in rows)
        start = int(comments.get("start_char", cursor))
        words = _words_from_rows(rows, sent_text, start)
        end = int(comments.get("end_char", start + len(sent_text)))
        index = int(comments["sent_id"]) if comments.get("sent_id", "").isdigit() else number
        sentences.append(Sentence(index, sent_text, start, end, words, entities_from_tags(words)))
        cursor = end + 1
    if article is None:
        article = Article(id="conllu", text="\n".join(s.text for s in sentences))
    return ParsedDoc(article, tuple(sentences))


def _words_from_rows(rows: Iterable[list[str]], sent_text: str, start: int) -> tuple[Word, ...]:
    words = []
    search = 0
    for cols in rows:
        misc = _parse_misc(cols[9])
        if "start_char" in misc:
            s, e = int(misc["start_char"]), int(misc["end_char"])
        else:
            found = sent_text.find(cols[1], search)
            if found < 0:
                found = search
            s, e = start + found, start + found + len(cols[1])
            search = found + len(cols[1])
        head = int(cols[6]) if cols[6].isdigit() else 0
        words.append(
            Word(
                id=int(cols[0]),
                text=cols[1],
                lemma=cols[2] if cols[2] != "_" else cols[1],
                upos=cols[3],
                head=head,
                deprel=cols[7],
                start_char=s,
                end_char=e,
                feats=cols[5],
                ner=misc.get("ner", "O"),
            )
        )
    return tuple(words)


class ConlluDirParser:
    """A parser that reads ``FOLDER/<article id>.conllu`` instead of running a model.

    For tests and replays (``KG_CONLLU_DIR=FOLDER kg build ...``): parsing becomes free and
    deterministic. An article without its file raises ``InputError``.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def parse_many(self, articles: Iterable[Article]) -> Iterator[ParsedDoc]:
        for article in articles:
            path = self.folder / f"{article.id}.conllu"
            try:
                text = path.read_text(encoding="utf-8")
            except OSError as exc:
                raise InputError(f"KG_CONLLU_DIR has no parse {path} for article {article.id}: {exc.strerror or exc}") from exc
            yield from_conllu(text, article)
