"""Site furniture: the lines of a news page that are not the story, and the headline above it.

The patterns are data (``kg/lang/<code>/furniture.toml``); this module only applies them. A line is
furniture when one pattern matches it whole ("Baca juga: ...", "SCROLL TO CONTINUE WITH
CONTENT", a photo credit, a byline at the end). The headline is the first line when it reads as
one: short, no closing punctuation, most words capitalised, and followed by the story.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from kg.errors import OntologyError
from kg.lang import language_pack

__all__ = ["FurniturePattern", "Stripped", "furniture_patterns", "split_headline", "strip_furniture"]

FURNITURE_FILE = language_pack().file("furniture.toml")
_WHERE = ("line", "trailing")
_HEADLINE_MAX_WORDS = 20
_HEADLINE_END = tuple(".!?;:,\"”’'")


@dataclass(frozen=True)
class FurniturePattern:
    """One named furniture rule of ``furniture.toml``."""

    id: str
    language: str
    sites: tuple[str, ...]
    where: str
    regex: re.Pattern[str]
    example: str

    def applies_to(self, language: str, site: str | None) -> bool:
        """Whether the rule is for this language and, where the site is known, this site."""
        if self.language not in ("*", language):
            return False
        return "*" in self.sites or site is None or any(site == s or site.endswith("." + s) for s in self.sites)


@dataclass(frozen=True)
class Stripped:
    """The text without its furniture, and how many lines each pattern removed."""

    text: str
    removed: tuple[tuple[str, int], ...] = ()

    @property
    def count(self) -> int:
        return sum(n for _, n in self.removed)

    def warning(self) -> str | None:
        """The report line for what was removed, or None when nothing was."""
        if not self.removed:
            return None
        parts = ", ".join(f"{rule} {n}" for rule, n in self.removed)
        return f"site furniture removed: {self.count} line(s) ({parts})"


@functools.cache
def furniture_patterns(path: Path = FURNITURE_FILE) -> tuple[FurniturePattern, ...]:
    """The furniture rules of ``path``, compiled; a broken entry is an ``OntologyError`` naming it."""
    with path.open("rb") as handle:
        entries = tomllib.load(handle).get("pattern", [])
    patterns: list[FurniturePattern] = []
    seen: set[str] = set()
    for n, entry in enumerate(entries, 1):
        rule = entry.get("id")
        if not rule or rule in seen:
            raise OntologyError(f"Furniture pattern {n} in {path} needs an id of its own (got {rule!r}).")
        seen.add(rule)
        if entry.get("where") not in _WHERE:
            raise OntologyError(f"Furniture pattern {rule!r} in {path}: 'where' must be one of {_WHERE}.")
        try:
            regex = re.compile(entry["regex"], re.IGNORECASE)
        except (KeyError, re.error) as exc:
            raise OntologyError(f"Furniture pattern {rule!r} in {path} has no valid 'regex': {exc}.") from exc
        patterns.append(
            FurniturePattern(
                id=rule,
                language=str(entry.get("language", "*")),
                sites=tuple(entry.get("sites", ["*"])),
                where=entry["where"],
                regex=regex,
                example=str(entry.get("example", "")),
            )
        )
    return tuple(patterns)


def site_of(url: str | None, source: str | None) -> str | None:
    """The host of ``url`` without "www.", else a source that looks like a host ("Detik.com"), else None."""
    if url:
        host = urlsplit(url if "//" in url else "//" + url).hostname
        if host:
            return host.removeprefix("www.")
    if source and re.fullmatch(r"[\w-]+(\.[\w-]+)+", source.strip()):
        return source.strip().lower().removeprefix("www.")
    return None


def strip_furniture(
    text: str,
    *,
    language: str = "id",
    site: str | None = None,
    patterns: tuple[FurniturePattern, ...] | None = None,
) -> Stripped:
    """Remove the lines of ``text`` that are furniture for ``language`` and ``site``."""
    rules = [p for p in (patterns if patterns is not None else furniture_patterns()) if p.applies_to(language, site)]
    anywhere = [p for p in rules if p.where == "line"]
    trailing = [p for p in rules if p.where == "trailing"]
    lines = text.splitlines()
    counts: Counter[str] = Counter()
    keep = [True] * len(lines)
    for i, line in enumerate(lines):
        rule = _match(anywhere, line)
        if rule is not None:
            keep[i] = False
            counts[rule] += 1
    for i in range(len(lines) - 1, -1, -1):  # the end of the article, upwards, until a line of the story
        if not keep[i] or not lines[i].strip():
            continue
        rule = _match(trailing, lines[i])
        if rule is None:
            break
        keep[i] = False
        counts[rule] += 1
    if not counts:
        return Stripped(text)
    kept = "\n".join(line for line, k in zip(lines, keep, strict=True) if k)
    return Stripped(kept, tuple(sorted(counts.items())))


def _match(patterns: list[FurniturePattern], line: str) -> str | None:
    words = " ".join(line.split())
    if not words:
        return None
    for pattern in patterns:
        if pattern.regex.fullmatch(words):
            return pattern.id
    return None


def split_headline(text: str) -> tuple[str | None, str]:
    """(headline, the rest) when the first line of ``text`` reads as a headline, else (None, text).

    A headline is one line of at most 20 words with no closing punctuation, whose words are
    capitalised (at least two thirds of those of four letters or more), and that is followed by
    more text.
    """
    lines = text.strip().splitlines()
    if len(lines) < 2:
        return None, text
    first = " ".join(lines[0].split())
    rest = "\n".join(lines[1:]).strip()
    words = first.split()
    if not words or not rest or len(words) > _HEADLINE_MAX_WORDS or first.endswith(_HEADLINE_END):
        return None, text
    long_words = [w for w in words if sum(c.isalpha() for c in w) >= 4]
    if len(long_words) < 2:
        return None, text
    capitalised = sum(1 for w in long_words if w[:1].isupper() or w[:1].isdigit())
    if capitalised * 3 < len(long_words) * 2:
        return None, text
    return first, rest
