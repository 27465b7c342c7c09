"""Read articles from files, directories, globs and JSONL, in any mix.

Every input yields either an ``Article`` or an ``InputProblem`` with a status, so one bad
file never sinks a batch. Policies:

- plain text: one article per file, id = file name without extension; each non-empty
  line is a paragraph. ``Sumber: X`` / ``(Sumber: X)`` markers are removed from the text;
  the last one names the publisher. A dateline opening the text ("Jakarta, CNN Indonesia --")
  is removed too, and names the publisher when nothing else does.
- JSONL: one article per line with ``id`` and ``text``; optional ``title``, ``source``,
  ``url`` (or ``source_url``) and ``date``; other fields are ignored.
- empty or whitespace-only: status ``empty``; binary (NUL bytes): ``binary``;
  unreadable: ``unreadable``; invalid UTF-8 is decoded as cp1252 with a warning.
"""

from __future__ import annotations

import datetime as dt
import glob
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.document import Article
from kg.errors import InputError

__all__ = ["InputProblem", "article_from_text", "expand_inputs", "read_articles", "slug_for_path"]

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
_SOURCE = re.compile(
    r"\(\s*Sumber\s*:\s*(?P<paren>[^)\n]+?)\s*\)|^[ \t]*Sumber\s*:\s*(?P<line>[^\n]+?)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# A news dateline opening the text: "Jakarta, CNN Indonesia -- ", "JAKARTA (Pos Kota) – ",
# "Seoul (ANTARA News) - ", "PBB, New York (ANTARA News) - ", "Suara.com - " (the dash may touch
# the first word: "JAKARTA (Pos Kota) –Wakil ..."). It names the place of writing and the publisher; it is
# no sentence of the article, and its names are no actors of it.
_DATELINE = re.compile(
    r"^\s*(?:(?P<place>[A-Z][\w.'/ -]{1,40}?)\s*(?:,\s*(?P<pub>[A-Z][\w. ]{1,40}?)"
    r"|(?:,\s*[A-Z][\w.' -]{1,30}?\s*)?\((?P<pub2>[^)\n]{1,60})\))"
    r"|(?P<site>[A-Z][\w-]*\.(?:com|co\.id|id|net)))\s*(?:--|[-–—])(?:\s+|(?=[A-Z\"“]))"
)
_URL_DATE = re.compile(r"/(20\d\d|19\d\d)/(\d{1,2})/(\d{1,2})/")


@dataclass(frozen=True)
class InputProblem:
    """An input that could not be turned into an article."""

    id: str
    status: str
    message: str
    path: str | None = None


def slug_for_path(path: Path) -> str:
    return path.stem if path.suffix else path.name


def expand_inputs(inputs: Iterable[str | Path]) -> list[Path]:
    """Expand files, directories (recursively) and globs into a sorted, de-duplicated file list.

    Raises ``InputError`` for an input that matches nothing at all.
    """
    files: list[Path] = []
    for raw in inputs:
        text = str(raw)
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
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


def _files_under(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
    return [path]


def _decode(data: bytes) -> tuple[str, tuple[str, ...]]:
    try:
        return data.decode("utf-8-sig"), ()
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), ("not valid UTF-8: decoded as cp1252 (Windows Latin-1)",)


def _parse_date(value: object) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


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
) -> Article:
    """Normalise raw article text: strip source markers, one paragraph per non-empty line."""
    found = list(_SOURCE.finditer(raw))
    notes = list(warnings)
    if found:
        last = found[-1]
        source = source or (last.group("paren") or last.group("line")).strip()
        notes.extend(f"source marker {m.group(0).strip()!r} removed from the text" for m in found[:-1])
        raw = _SOURCE.sub(lambda m: " " if m.group("paren") else "", raw)
    dateline = _DATELINE.match(raw)
    if dateline:
        source = source or (dateline.group("pub") or dateline.group("pub2") or dateline.group("site") or "").strip() or None
        notes.append(f"dateline {dateline.group(0).strip()!r} removed from the text")
        raw = raw[dateline.end() :]
    paragraphs = [" ".join(line.split()) for line in raw.splitlines()]
    text = "\n\n".join(p for p in paragraphs if p)
    if date is None and url:
        m = _URL_DATE.search(url)
        if m:
            try:
                date = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                date = None
    return Article(article_id, text, title, source, url, date, path, tuple(notes))


def _read_text_file(path: Path) -> Iterator[Article | InputProblem]:
    article_id = slug_for_path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield InputProblem(article_id, "unreadable", f"cannot read {path}: {exc.strerror or exc}", str(path))
        return
    if b"\x00" in data[:8192]:
        yield InputProblem(article_id, "binary", f"{path} is a binary file, not text: skipped", str(path))
        return
    text, warnings = _decode(data)
    if not text.strip():
        yield InputProblem(article_id, "empty", f"{path} is empty: skipped", str(path))
        return
    yield article_from_text(article_id, text, path=str(path), warnings=warnings)


def _read_jsonl(path: Path) -> Iterator[Article | InputProblem]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield InputProblem(slug_for_path(path), "unreadable", f"cannot read {path}: {exc.strerror or exc}", str(path))
        return
    text, warnings = _decode(data)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputProblem(where, "invalid", f"{where} is not valid JSON ({exc.msg}): skipped", str(path))
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield InputProblem(where, "invalid", f"{where} has no 'text' string: skipped", str(path))
            continue
        article_id = str(record.get("id") or where)
        if not record["text"].strip():
            yield InputProblem(article_id, "empty", f"{where}: article {article_id} has empty text", str(path))
            continue
        yield article_from_text(
            article_id,
            record["text"],
            title=record.get("title") or None,
            source=record.get("source") or None,
            url=record.get("url") or record.get("source_url") or None,
            date=_parse_date(record.get("date")),
            path=where,
            warnings=warnings,
        )


def read_articles(inputs: Iterable[str | Path]) -> Iterator[Article | InputProblem]:
    """Yield an ``Article`` or an ``InputProblem`` for every article found in ``inputs``."""
    for path in expand_inputs(inputs):
        if path.suffix.lower() in JSONL_SUFFIXES:
            yield from _read_jsonl(path)
        else:
            yield from _read_text_file(path)
