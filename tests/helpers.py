"""Test helpers: readable CoNLL-U, a fake parser and the fixture corpus (no Stanza model).

The corpus (``tests/fixtures/corpus/*.conllu``, invented sentences and names) is three articles:

- ``pertemuan-manila`` (text file, ``Sumber:`` line): a meeting in Manila on 3 May, praise,
  a negated meeting and a future one;
- ``kecaman-ban`` (text file, ``(Sumber: ...)``): reported criticism of an organisation written
  with its acronym, thanks to two people, a negated criticism by a plural pronoun;
- ``dukungan-2024`` (JSONL with a date): a delegation led by a named person, praise of two
  countries, an invitation by a bare title.
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.document import Article, ParsedDoc, from_conllu

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = FIXTURES / "corpus"
ARTICLE_DATE = dt.date(2024, 5, 10)
# the first bytes of a 1x1 PNG: a binary file with NUL bytes
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"

# Invented English news text, long enough (over 200 letters) for kg's language check to flag it.
ENGLISH_TEXT = (
    "The foreign minister met the ambassador of Malaysia in Jakarta on Monday to discuss trade cooperation between "
    "the two countries. In the meeting, both officials agreed to strengthen economic and cultural ties, and promised "
    "to meet again next month in Kuala Lumpur to sign a new agreement on fisheries and shipping."
)

# An organisation written with its acronym in brackets, praising a country.
ACRONYM = """
    # text = Badan Antariksa Nasional (BAN) memuji Malaysia.
    1 Badan badan PROPN _ _ 7 nsubj _ ner=B-ORG
    2 Antariksa antariksa PROPN _ _ 1 flat _ ner=I-ORG
    3 Nasional nasional PROPN _ _ 1 flat _ ner=I-ORG
    4 ( ( PUNCT _ _ 5 punct _ ner=I-ORG
    5 BAN BAN PROPN _ _ 1 appos _ ner=I-ORG
    6 ) ) PUNCT _ _ 5 punct _ ner=E-ORG
    7 memuji puji VERB _ _ 0 root _ ner=O
    8 Malaysia Malaysia PROPN _ _ 7 obj _ ner=S-LOC
    9 . . PUNCT _ _ 7 punct _ ner=O
"""


def conllu(text: str) -> str:
    """Tab-separated CoNLL-U from a readable block whose columns are separated by spaces.

    Comment lines and blank lines are kept as they are; every other line must have 10 columns.
    """
    lines = []
    for raw in textwrap.dedent(text).strip("\n").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            lines.append(line)
            continue
        cols = line.split()
        if len(cols) != 10:
            raise ValueError(f"expected 10 columns, got {len(cols)}: {line!r}")
        lines.append("\t".join(cols))
    return "\n".join(lines) + "\n"


def sentence_texts(conllu_text: str) -> list[str]:
    """The ``# text = ...`` comments of a CoNLL-U text, in order."""
    return [line.split("=", 1)[1].strip() for line in conllu_text.splitlines() if line.startswith("# text")]


def article_text(conllu_text: str) -> str:
    """The article text whose sentences are those of ``conllu_text`` (one paragraph, single spaces).

    ``from_conllu`` computes offsets the same way, so sentence offsets slice this text exactly.
    """
    return " ".join(sentence_texts(conllu_text))


def corpus_conllu() -> dict[str, str]:
    """The fixture corpus: article id -> CoNLL-U text."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.conllu"))}


class FakeParser:
    """A stand-in for the Stanza parser: hands out hand-written parses by article id."""

    def __init__(self, parses: dict[str, str], fail: Iterable[str] = ()) -> None:
        self.parses = parses
        self.fail = set(fail)
        self.calls: list[str] = []

    def parse_many(self, articles: Iterable[Article]) -> Iterator[ParsedDoc]:
        for article in articles:
            self.calls.append(article.id)
            if article.id in self.fail:
                raise RuntimeError(f"parser crashed on {article.id}")
            yield from_conllu(self.parses[article.id], article)


def write_corpus(folder: Path) -> Path:
    """Write the fixture corpus as two text files and one JSONL file into ``folder``."""
    parses = corpus_conllu()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pertemuan-manila.txt").write_text(
        article_text(parses["pertemuan-manila"]) + "\n\nSumber: Kantor Berita Nusantara\n", encoding="utf-8"
    )
    (folder / "kecaman-ban.txt").write_text(article_text(parses["kecaman-ban"]) + " (Sumber: Warta Contoh)\n", encoding="utf-8")
    record = {
        "id": "dukungan-2024",
        "title": "Dukungan untuk Malaysia",
        "text": article_text(parses["dukungan-2024"]),
        "source": "Harian Contoh",
        "url": "https://contoh.example/2024/05/10/dukungan",
        "date": ARTICLE_DATE.isoformat(),
        "category": "politik",
    }
    (folder / "berita.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    return folder
