"""Read articles from files, directories, globs and JSONL, in any mix.

Every input yields either an ``Article`` or an ``InputProblem`` with a status, so one bad
file never sinks a batch. Policies (the "Input policy" table of the README says the same):

- plain text: one article per file, id = file name without extension; each non-empty
  line is a paragraph. ``Sumber: X`` / ``(Sumber: X)`` markers are removed from the text;
  the last one names the publisher. A dateline opening the text ("Jakarta, CNN Indonesia --")
  is removed too, and names the publisher when nothing else does.
- JSONL: one article per line with ``id`` and ``text``; optional ``title``, ``source``,
  ``url`` (or ``source_url``) and ``date``; other fields are ignored.
- empty or whitespace-only (also after HTML is stripped): status ``empty``; binary (NUL bytes,
  a known file signature such as PNG or PDF, or many control bytes): ``binary``; a file that
  cannot be read (broken link, no permission, not a regular file): ``unreadable``.
- invalid UTF-8 is decoded as cp1252 (Windows Latin-1, a superset of the printable Latin-1)
  with a warning; undecodable bytes become U+FFFD. A UTF-16/32 byte-order mark is honoured.
- control characters, lone surrogates and invisible format characters (zero-width space,
  soft hyphen, bidi overrides) are removed with a warning; the text is NFC-normalised.
- HTML markup is stripped to text (``script``/``style`` contents dropped, entities unescaped,
  block elements become paragraphs) with a warning.
- an article over ``InputPolicy.max_bytes`` (``--max-bytes``): status ``too_large``, never read
  into memory; a paragraph over ``max_line_chars`` is split at sentence ends (else at spaces,
  else anywhere) with a warning, so the parser never sees a longer line.
- text that is confidently not Indonesian (``py3langid``; Malay counts as Indonesian): status
  ``not_indonesian``, skipped unless ``InputPolicy.check_language`` is off (``--any-language``).
"""

from __future__ import annotations

import array
import datetime as dt
import functools
import glob
import html
import json
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, Any

import ftfy

from kg.document import Article
from kg.errors import InputError
from kg.furniture import site_of, split_headline, strip_furniture

__all__ = [
    "InputPolicy",
    "InputProblem",
    "article_from_text",
    "detect_language",
    "expand_inputs",
    "normalised_text",
    "read_articles",
    "slug_for_path",
]

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
MAX_BYTES = 2_000_000
MAX_LINE_CHARS = 5_000
_SOURCE = re.compile(
    r"\(\s*Sumber\s*:\s*(?P<paren>[^)\n]+?)\s*\)|^[ \t]*Sumber\s*:\s*(?P<line>[^\n]+?)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# A news dateline opening the text: "Jakarta, CNN Indonesia -- ", "JAKARTA (Pos Kota) – ",
# "Seoul (ANTARA News) - ", "PBB, New York (ANTARA News) - ", "Suara.com - " (the dash may touch
# the first word: "JAKARTA (Pos Kota) –Wakil ..."), or a place alone ("Jakarta - "). It names the
# place of writing and the publisher; it is no sentence of the article, and its names are no actors of it.
_DATELINE = re.compile(
    r"^\s*(?:(?P<place>[A-Z][\w.'/ -]{1,40}?)\s*(?:,\s*(?P<pub>[A-Z][\w. ]{1,40}?)"
    r"|(?:,\s*[A-Z][\w.' -]{1,30}?\s*)?\((?P<pub2>[^)\n]{1,60})\))"
    r"|(?P<site>[A-Z][\w-]*\.(?:com|co\.id|id|net)))\s*(?:--|[-–—])(?:\s+|(?=[A-Z\"“]))"
)
# A place alone before a spaced dash: "JAKARTA - ", "KUALA LUMPUR – ", and in a page with a headline
# "Jakarta - ". Detokenised names look the same ("Mercedes - Benz", "GO - JEK"), so a place in
# capitals is taken only when the next word is not in capitals too, and one in mixed case only below
# a headline (a news page as users copy it).
_BARE_DATELINE = re.compile(r"^\s*(?P<bare>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?) (?:--|[-–—]) (?=[A-Z\"“])(?P<next>\S*)")
_URL_DATE = re.compile(r"/(20\d\d|19\d\d)/(\d{1,2})/(\d{1,2})/")

# -- bytes -> text ---------------------------------------------------------------------------
_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"GIF87a": "a GIF image",
    b"GIF89a": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"%PDF-": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or a Word/Excel file)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "a program",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "an old Office document",
}
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r\x1b")
_CP1252_UNDEFINED = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")
# -- text clean-up ---------------------------------------------------------------------------
_SURROGATE = re.compile("[\ud800-\udfff]")
# mojibake of a typographic quote or dash that a tokenizer split with a space ("Peopleâ€ ™ s", IndoSum):
# ftfy would read the space as cp1252's no-break space and make a dagger of it
_SPLIT_MOJIBAKE = re.compile("â€ ([™œ˜“”–—¦\x9d])")
# C0 and C1 controls except tab and the line breaks (\n \v \f \r \x85), and the noncharacters
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
# invisible format characters that split or disguise words: soft hyphen, zero-width space,
# word joiner, BOM, and the bidi marks, embeddings, overrides and isolates (not ZWNJ/ZWJ,
# which scripts and emoji need)
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_HTML_TAGS = (
    "a|abbr|article|aside|b|blockquote|body|br|center|code|div|em|figcaption|figure|font|footer|h[1-6]|head|header|hr|"
    "html|i|iframe|img|li|link|main|meta|nav|noscript|ol|p|pre|script|section|small|span|strong|style|sub|sup|svg|"
    "table|tbody|td|template|th|thead|title|tr|u|ul"
)
_MARKUP_TAG = re.compile(rf"<(?:!--|!doctype\b|/?(?:{_HTML_TAGS})\b[^<>]*>)", re.IGNORECASE)
_LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s")
MIN_LANGUAGE_LETTERS = 200
INDONESIAN = frozenset({"id", "ms"})  # py3langid cannot tell standard Malay from Indonesian


@dataclass(frozen=True)
class InputPolicy:
    """How inputs are read: the size cap, the longest paragraph, and the language check."""

    max_bytes: int = MAX_BYTES
    max_line_chars: int = MAX_LINE_CHARS
    check_language: bool = True

    def __post_init__(self) -> None:
        if self.max_bytes < 1:
            raise InputError(f"max_bytes must be at least 1, got {self.max_bytes}: give a size in bytes (--max-bytes).")
        if self.max_line_chars < 100:
            raise InputError(f"max_line_chars must be at least 100, got {self.max_line_chars}.")


@dataclass(frozen=True)
class InputProblem:
    """An input that could not be turned into an article."""

    id: str
    status: str
    message: str
    path: str | None = None


@dataclass(frozen=True)
class LanguageGuess:
    """What py3langid says about a text: its best language, that one's probability, P(id) + P(ms)."""

    code: str
    probability: float
    indonesian: float

    @property
    def name(self) -> str:
        from babel import Locale, UnknownLocaleError

        try:
            return str(Locale.parse(self.code).english_name)
        except (ValueError, UnknownLocaleError):
            return self.code


def slug_for_path(path: Path) -> str:
    return _shown(path.stem if path.suffix else path.name)


def _shown(text: str) -> str:
    """``text`` with lone surrogates (undecodable bytes of a file name, ``"\\ud800"`` in JSON) as U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def expand_inputs(inputs: Iterable[str | Path]) -> list[Path]:
    """Expand files, directories (recursively) and globs into a sorted, de-duplicated file list.

    Raises ``InputError`` for an input that matches nothing at all, and when no input holds any file.
    """
    files: list[Path] = []
    given: list[str] = []
    for raw in inputs:
        text = str(raw)
        given.append(text)
        path = Path(text)
        if any(ch in text for ch in "*?["):
            matches = [Path(m) for m in sorted(glob.glob(text, recursive=True))]
            if not matches:
                raise InputError(f"No file matches {text!r}: check the pattern.")
            for match in matches:
                files.extend(_files_under(match))
        elif path.exists():
            files.extend(_files_under(path))
        else:
            raise InputError(f"Input {text!r} does not exist: give a file, a directory or a glob.")
    seen: set[Path] = set()
    unique = []
    for f in files:
        try:
            key = f.resolve()
        except (OSError, RuntimeError):  # a symlink loop: keep it, reading it reports it
            key = f.absolute()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    if given and not unique:
        raise InputError(
            f"Nothing to read in {', '.join(map(repr, given))}: no files there; give article files or a folder of them."
        )
    return unique


def _files_under(path: Path) -> list[Path]:
    """The files under a directory (hidden ones left out), or ``path`` itself.

    Everything that is not a directory counts: a broken link or a FIFO in a folder is
    reported as ``unreadable`` rather than silently left out.
    """
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if not p.name.startswith(".") and not p.is_dir())
    return [path]


def _binary_reason(head: bytes) -> str | None:
    for signature, kind in _SIGNATURES.items():
        if head.startswith(signature):
            return kind
    if b"\x00" in head:
        return "NUL bytes (a binary file, or UTF-16/32 text without a byte-order mark)"
    controls = sum(1 for b in head if (b < 32 and b not in _TEXT_CONTROLS) or b == 127)
    if head and controls / len(head) > 0.1:
        return f"{controls} control bytes in its first {len(head)}"
    return None


def _decode(data: bytes) -> tuple[str, tuple[str, ...]]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), ()
    try:
        return data.decode("utf-8-sig"), ()
    except UnicodeDecodeError:
        undefined = sum(data.count(b) for b in _CP1252_UNDEFINED)
        note = f"; {undefined} bytes undefined in cp1252 became U+FFFD" if undefined else ""
        return data.decode("cp1252", errors="replace"), (f"not valid UTF-8: decoded as cp1252 (Windows Latin-1){note}",)


def _clean(text: str) -> tuple[str, list[str]]:
    """Remove what no article text should hold; NFC-normalise. Returns the text and warnings."""
    notes = []
    text, n = _SURROGATE.subn("\ufffd", text)
    if n:
        notes.append(f"{n} lone surrogate code points replaced by U+FFFD")
    # mojibake: UTF-8 read as cp1252 somewhere upstream ("Peopleâ€™s")
    repaired = ftfy.fix_encoding(_SPLIT_MOJIBAKE.sub("â€\\1", text))
    if repaired != text:
        notes.append("mis-decoded characters (mojibake such as 'â€™') repaired with ftfy")
        text = repaired
    text, n = _CONTROL.subn("", text)
    if n:
        notes.append(f"{n} control characters removed")
    text, n = _INVISIBLE.subn("", text)
    if n:
        notes.append(f"{n} invisible formatting characters (zero-width, soft hyphen, bidi controls) removed")
    return unicodedata.normalize("NFC", text), notes


class _HtmlText(HTMLParser):
    """The text of an HTML document: block elements end paragraphs; script, style ... are dropped."""

    SKIP = frozenset({"script", "style", "noscript", "template", "head", "title", "svg", "iframe", "object"})
    BLOCK = frozenset(
        {"address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure", "footer"}
        | {"h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section"}
        | {"table", "td", "th", "tr", "ul"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []
        self.tags = 0
        self.dropped: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags += 1
        if tag in self.SKIP:
            self.skipping.append(tag)
            self.dropped.add(tag)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags += 1
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.skipping:
            del self.skipping[len(self.skipping) - 1 - self.skipping[::-1].index(tag) :]
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(_LINE_BREAKS.sub(" ", data))  # in HTML, only block elements end paragraphs


def _strip_markup(text: str) -> tuple[str, list[str]]:
    """HTML markup to text; character references alone are unescaped. Returns the text and warnings."""
    if _MARKUP_TAG.search(text):
        parser = _HtmlText()
        parser.feed(text)
        parser.close()
        dropped = f"; contents of {', '.join(sorted(parser.dropped))} dropped" if parser.dropped else ""
        return "".join(parser.parts), [f"HTML markup stripped to text ({parser.tags} tags{dropped})"]
    if _ENTITY.search(text):
        return html.unescape(text), ["HTML character references unescaped"]
    return text, []


def _letters(name: str) -> str:
    """A name's letters and digits, lowercased: how a dateline and a source field are compared."""
    return "".join(ch for ch in name.lower() if ch.isalnum())


def _split_long(paragraph: str, limit: int) -> list[str]:
    """``paragraph`` in pieces of at most ``limit`` characters: at sentence ends, else spaces, else anywhere."""
    pieces = []
    while len(paragraph) > limit:
        window = paragraph[: limit + 1]
        cut = max((m.end() for m in _SENTENCE_END.finditer(window)), default=0)
        if cut == 0:
            cut = window.rfind(" ") + 1
        if cut == 0:
            cut = limit
        pieces.append(paragraph[:cut].strip())
        paragraph = paragraph[cut:].strip()
    pieces.append(paragraph)
    return [p for p in pieces if p]


_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[ .-]+([^\W\d_]+)\.?[ ,.-]+(\d{4})(?!\d)")  # 3 Mei 2024, 03-Agu-2024
_MONTH_DAY_YEAR = re.compile(r"([^\W\d_]+)\.? +(\d{1,2}),? +(\d{4})(?!\d)")  # May 3, 2024
_NUMERIC_DATE = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?!\d)|(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)")
_WEEKDAY_PREFIX = re.compile(r"[^\W\d_]+'?[^\W\d_]*, *")  # "Jumat, ", "Fri, "
DATE_FORMATS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ISO 8601 date or date-time", ("2024-05-03", "20240503", "2024-05-03T10:15:00+07:00", "2024-05-03 10:15")),
    ("year first, with slashes or dots", ("2024/05/03", "2024.05.03")),
    ("day first, with slashes, dots or dashes", ("03/05/2024", "3.5.2024", "03-05-2024")),
    ("day, month name, year (Indonesian or English, full or abbreviated)", ("3 Mei 2024", "3 Agt 2024", "03 May 2024")),
    ("month name, day, year", ("May 3, 2024",)),
    ("RFC 2822, as in RSS feeds", ("Fri, 03 May 2024 10:15:00 +0700",)),
)
"""The ``date`` values a JSONL line may carry (the README's input policy lists them).

A weekday before the date and a time after it are ignored."""


@functools.cache
def _month_numbers() -> dict[str, int]:
    """Month names and abbreviations (``[dates] months`` of lexicon.toml, plus English three-letter ones), lowercase."""
    import tomllib

    english = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    months = {name: number for number, name in enumerate(english, start=1)}
    from kg.lang import language_pack

    with language_pack().file("lexicon.toml").open("rb") as handle:
        months.update(tomllib.load(handle)["dates"]["months"])
    return months


def _parse_date(value: object) -> tuple[dt.date | None, str | None]:
    """The date of a JSONL ``date`` field (one of ``DATE_FORMATS``), or None and a warning saying why not.

    The date is the calendar date as written: a time and a time zone after it are ignored, not converted.

    >>> _parse_date("Jumat, 3 Mei 2024 10:15 WIB"), _parse_date("2024-05-03T23:30:00-05:00")[0]
    ((datetime.date(2024, 5, 3), None), datetime.date(2024, 5, 3))
    >>> _parse_date("2024-13-45")
    (None, "date '2024-13-45' is no valid date (accepted: 2024-05-03, 03/05/2024, 3 Mei 2024 ...): the article has no date")
    """
    if value is None or value == "":
        return None, None
    shown = repr(value if not isinstance(value, str) else value[:60])
    problem = f"date {shown} is no valid date (accepted: 2024-05-03, 03/05/2024, 3 Mei 2024 ...): the article has no date"
    if not isinstance(value, str):
        return None, problem
    text = " ".join(value.split())
    try:
        return dt.datetime.fromisoformat(text).date(), None
    except ValueError:
        pass
    if len(text) > 10 and text[10] in "T ":
        try:
            return dt.date.fromisoformat(text[:10]), None
        except ValueError:
            return None, problem
    text = _WEEKDAY_PREFIX.sub("", text, count=1) if _WEEKDAY_PREFIX.match(text) else text
    months = _month_numbers()
    try:
        if m := _NUMERIC_DATE.match(text):
            if m.group(1):
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))), None
            return dt.date(int(m.group(6)), int(m.group(5)), int(m.group(4))), None
        if (m := _DAY_MONTH_YEAR.match(text)) and m.group(2).lower() in months:
            return dt.date(int(m.group(3)), months[m.group(2).lower()], int(m.group(1))), None
        if (m := _MONTH_DAY_YEAR.match(text)) and m.group(1).lower() in months:
            return dt.date(int(m.group(3)), months[m.group(1).lower()], int(m.group(2))), None
    except ValueError:  # 31 Februari, 2024/13/45
        return None, problem
    return None, problem


def article_from_text(
    article_id: str,
    raw: str,
    *,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    date: dt.date | None = None,
    path: str | None = None,
    warnings: tuple[str, ...] = (),
    max_line_chars: int = MAX_LINE_CHARS,
    find_headline: bool = False,
) -> Article:
    """Normalise raw article text: clean it, strip markup, source markers and site furniture, one paragraph per
    non-empty line.

    With ``find_headline`` (plain-text files), a first line that reads as a headline becomes the title; a first
    line that repeats ``title`` is dropped. A paragraph longer than ``max_line_chars`` is split (see the module
    docstring).
    """
    raw, stripped = _strip_markup(raw)  # first: a character reference may stand for a control character
    raw, cleaned = _clean(raw)
    notes = [*warnings, *stripped, *cleaned]
    found = list(_SOURCE.finditer(raw))
    if found:
        last = found[-1]
        source = source or (last.group("paren") or last.group("line")).strip()
        notes.extend(f"source marker {m.group(0).strip()!r} removed from the text" for m in found[:-1])
        raw = _SOURCE.sub(lambda m: " " if m.group("paren") else "", raw)
    page = strip_furniture(raw, site=site_of(url, source))
    if page.removed:
        notes.append(page.warning() or "")
        raw = page.text
    raw, title = _headline(raw, title, find_headline, notes)
    dateline = _DATELINE.match(raw)
    if dateline:
        source = source or (dateline.group("pub") or dateline.group("pub2") or dateline.group("site") or "").strip() or None
        notes.append(f"dateline {dateline.group(0).strip()!r} removed from the text")
        raw = raw[dateline.end() :]
    elif (bare := _BARE_DATELINE.match(raw)) is not None:
        place, following = bare.group("bare"), bare.group("next")
        capitals = place.replace(" ", "").isupper() and len(place) >= 3 and not following.isupper()
        publisher = source is not None and _letters(place) == _letters(source)  # "Rimanews - " in a rimanews article
        if capitals or publisher or (title is not None and find_headline):
            notes.append(f"dateline {raw[: bare.start('next')].strip()!r} removed from the text")
            raw = raw[bare.start("next") :]
    paragraphs = [p for p in (" ".join(line.split()) for line in raw.splitlines()) if p]
    long = [p for p in paragraphs if len(p) > max_line_chars]
    if long:
        split = [piece for p in paragraphs for piece in (_split_long(p, max_line_chars) if len(p) > max_line_chars else [p])]
        notes.append(
            f"{len(long)} paragraph(s) of up to {max(map(len, long))} characters split into pieces of at most "
            f"{max_line_chars} ({len(split) - len(paragraphs) + len(long)} pieces)"
        )
        paragraphs = split
    text = "\n\n".join(paragraphs)
    if date is None and url:
        m = _URL_DATE.search(url)
        if m:
            try:
                date = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                date = None
    if url:
        from kg.iri import url_iri

        if url_iri(url) is None:
            notes.append(f"url {url[:200]!r} is not an absolute http(s)-style URL: not linked in the graph")
    return Article(article_id, text, title, source, url, date, path, tuple(notes))


def _headline(raw: str, title: str | None, find: bool, notes: list[str]) -> tuple[str, str | None]:
    """The text without its headline line, and the title: a headline found (``find``), or the one given."""
    if title is not None:
        lines = raw.lstrip().split("\n", 1)
        if len(lines) == 2 and " ".join(lines[0].split()).casefold() == " ".join(title.split()).casefold():
            notes.append("first line repeats the title: kept as the title, not parsed")
            return lines[1], title
        return raw, title
    if not find:
        return raw, title
    headline, rest = split_headline(raw)
    if headline is None:
        return raw, title
    notes.append(f"headline {headline[:120]!r} kept as the title, not parsed")
    return rest, headline


def normalised_text(text: str) -> str:
    """The text two copies of one article share: NFC, case-folded, whitespace collapsed.

    >>> normalised_text("Presiden  TIBA.\\n\\nDi Jakarta.") == normalised_text("presiden tiba. di jakarta.")
    True
    """
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


# -- language --------------------------------------------------------------------------------
@functools.cache
def _identifier():  # type: ignore[no-untyped-def]
    """py3langid's identifier, loaded once per process from an uncompressed copy of its model.

    py3langid ships its model LZMA-compressed and decompresses it on every load (0.4-1.2 s, the largest
    part of building one cached article); the copy (``langid_model_copy``, 67 MB) is written the first
    time and read in a few hundredths of a second after. Where it cannot be written, py3langid loads
    its own file as before: the same model either way.
    """
    import numpy as np
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    source = MODEL_DIR / MODEL_FILE
    try:
        copy = langid_model_copy(source)
        with np.load(copy, allow_pickle=False) as data:
            arrays = {name: data[name] for name in ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")}
    except (OSError, ValueError, KeyError, EOFError):
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return LanguageIdentifier(
        arrays["ptc"],
        arrays["pc"],
        arrays["classes"].tolist(),
        _stdlib_array(arrays["nextmove"]),
        arrays["out_feat"].tolist(),
        norm_probs=True,
        tk_row=_stdlib_array(arrays["nextmove_row"]),
    )


def langid_model_copy(source: Path) -> Path:
    """The uncompressed copy of py3langid's model file ``source`` in kg's cache (written if missing).

    ``$KG_CACHE_DIR/langid`` (else ``$XDG_CACHE_HOME/kg/langid``, else ``~/.cache/kg/langid``), named by
    the compressed file's size and modification time, so another py3langid version gets its own copy.
    """
    import lzma

    from kg.files import atomic_write

    info = source.stat()
    base = os.environ.get("KG_CACHE_DIR") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg"
    copy = Path(base) / "langid" / f"model-{info.st_size}-{info.st_mtime_ns}.npz"
    if not copy.is_file():
        with lzma.open(source) as compressed:
            atomic_write(copy, compressed.read())
    return copy


def _stdlib_array(values: Any) -> array.array[int]:
    """An unsigned integer NumPy array as the ``array.array`` py3langid's tokenizer indexes."""
    out = array.array({2: "H", 4: "I", 8: "L"}[values.dtype.itemsize])
    out.frombytes(values.tobytes())
    return out


def detect_language(text: str) -> LanguageGuess:
    """py3langid's guess over its 97 languages, on the first 20,000 characters of ``text``.

    >>> detect_language("The minister arrived in Manila on Monday to meet the president.").code
    'en'
    """
    ranked = _identifier().rank(text[:20_000])
    scores = dict(ranked)
    return LanguageGuess(ranked[0][0], float(ranked[0][1]), float(sum(scores.get(c, 0.0) for c in INDONESIAN)))


def _language_problem(article: Article) -> InputProblem | None:
    """A ``not_indonesian`` problem for a text of at least 200 letters that is confidently in another language."""
    if sum(ch.isalpha() for ch in article.text[:20_000]) < MIN_LANGUAGE_LETTERS:
        return None  # too short to tell
    guess = detect_language(article.text)
    if guess.code in INDONESIAN or guess.indonesian >= 0.5:
        return None
    where = article.path or article.id
    return InputProblem(
        article.id,
        "not_indonesian",
        f"{where} looks like {guess.name} ({guess.code}, p={guess.probability:.2f}), not Indonesian: "
        "skipped (--any-language builds it anyway)",
        article.path,
    )


# -- reading ---------------------------------------------------------------------------------
def _file_problem(path: Path, policy: InputPolicy, article_id: str) -> InputProblem | None:
    """``unreadable`` or ``too_large`` for a file that must not be read, from its ``stat`` alone."""
    shown = _shown(str(path))
    try:
        info = path.stat()
    except OSError as exc:
        why = "a broken link" if path.is_symlink() and not path.exists() else exc.strerror or str(exc)
        return InputProblem(article_id, "unreadable", f"cannot read {shown}: {why}: skipped", shown)
    if not stat.S_ISREG(info.st_mode):
        return InputProblem(
            article_id, "unreadable", f"cannot read {shown}: not a regular file (a FIFO, socket or device): skipped", shown
        )
    if info.st_size > policy.max_bytes and path.suffix.lower() not in JSONL_SUFFIXES:
        return InputProblem(
            article_id,
            "too_large",
            f"{shown} is {info.st_size:,} bytes, over the limit of {policy.max_bytes:,} (--max-bytes): skipped",
            shown,
        )
    return None


def _unreadable(path: Path, article_id: str, exc: OSError) -> InputProblem:
    shown = _shown(str(path))
    return InputProblem(article_id, "unreadable", f"cannot read {shown}: {exc.strerror or exc}: skipped", shown)


def _read_text_file(path: Path, policy: InputPolicy) -> Iterator[Article | InputProblem]:
    article_id = slug_for_path(path)
    shown = _shown(str(path))
    problem = _file_problem(path, policy, article_id)
    if problem is not None:
        yield problem
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield _unreadable(path, article_id, exc)
        return
    binary = _binary_reason(data[:8192]) if not data.startswith(tuple(b for b, _ in _BOMS)) else None
    if binary:
        yield InputProblem(article_id, "binary", f"{shown} is a binary file, not text ({binary}): skipped", shown)
        return
    text, warnings = _decode(data)
    if not text.strip():
        yield InputProblem(article_id, "empty", f"{shown} is empty: skipped", shown)
        return
    article = article_from_text(
        article_id, text, path=shown, warnings=warnings, max_line_chars=policy.max_line_chars, find_headline=True
    )
    if not article.text:
        yield InputProblem(article_id, "empty", f"{shown} holds no article text ({'; '.join(article.warnings)}): skipped", shown)
        return
    yield article


def _field(value: object) -> str | None:
    """A JSONL title, source or id as clean one-line text (markup stripped), or ``None``."""
    if value is None or value == "":
        return None
    text, _ = _strip_markup(str(value))
    text, _ = _clean(text)
    return " ".join(text.split()) or None


def _lines(handle: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | int]]:
    """(line number, bytes) for each line, or (line number, its size) for a line over ``limit`` bytes, never held whole."""
    number = 0
    while True:
        raw = handle.readline(limit + 2)
        if not raw:
            return
        number += 1
        content = raw.rstrip(b"\r\n")
        if len(content) > limit:
            size = len(content)
            while raw and not raw.endswith(b"\n"):
                raw = handle.readline(1 << 20)
                size += len(raw.rstrip(b"\r\n"))
            yield number, size
        else:
            yield number, content


def _read_jsonl(path: Path, policy: InputPolicy) -> Iterator[Article | InputProblem]:
    file_id = slug_for_path(path)
    shown = _shown(str(path))
    problem = _file_problem(path, policy, file_id)
    if problem is not None:
        yield problem
        return
    try:
        with path.open("rb") as handle:
            head = handle.read(8192)
            if head.startswith(tuple(b for b, _ in _BOMS)):
                yield InputProblem(
                    file_id, "invalid", f"{shown} is UTF-16/32 text: JSONL must be UTF-8; re-save it as UTF-8", shown
                )
                return
            binary = _binary_reason(head)
            if binary:
                yield InputProblem(file_id, "binary", f"{shown} is a binary file, not JSONL ({binary}): skipped", shown)
                return
            handle.seek(0)
            yield from _jsonl_records(_lines(handle, policy.max_bytes), shown, policy)
    except OSError as exc:
        yield _unreadable(path, file_id, exc)


def _jsonl_records(lines: Iterable[tuple[int, bytes | int]], shown: str, policy: InputPolicy) -> Iterator[Article | InputProblem]:
    for number, raw in lines:
        where = f"{shown}:{number}"
        if isinstance(raw, int):
            yield InputProblem(
                where,
                "too_large",
                f"{where} is {raw:,} bytes, over the limit of {policy.max_bytes:,} (--max-bytes): skipped",
                shown,
            )
            continue
        line, warnings = _decode(raw)
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            msg = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
            yield InputProblem(where, "invalid", f"{where} is not valid JSON ({msg}): skipped", shown)
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield InputProblem(where, "invalid", f"{where} has no 'text' string: skipped", shown)
            continue
        article_id = _field(record.get("id")) or where
        url = _field(record.get("url") or record.get("source_url"))
        date, date_warning = _parse_date(record.get("date"))
        article = article_from_text(
            article_id,
            record["text"],
            title=_field(record.get("title")),
            source=_field(record.get("source")),
            url=url,
            date=date,
            path=where,
            warnings=(*warnings, date_warning) if date_warning else warnings,
            max_line_chars=policy.max_line_chars,
        )
        if not article.text:
            yield InputProblem(article_id, "empty", f"{where}: article {article_id} has empty text: skipped", shown)
            continue
        yield article


def read_articles(inputs: Iterable[str | Path], policy: InputPolicy | None = None) -> Iterator[Article | InputProblem]:
    """Yield an ``Article`` or an ``InputProblem`` for every article found in ``inputs``.

    Raises ``InputError`` (before yielding anything) when an input path matches nothing.
    """
    policy = policy or InputPolicy()
    for path in expand_inputs(inputs):
        items = _read_jsonl(path, policy) if path.suffix.lower() in JSONL_SUFFIXES else _read_text_file(path, policy)
        for item in items:
            if isinstance(item, Article) and policy.check_language:
                yield _language_problem(item) or item
            else:
                yield item
