"""The data passed between kg's stages: mentions, participants, event mentions, quotes, extractions.

Frozen dataclasses with no logic, so every stage (extraction, coreference, actor resolution, the
mapper, caches and stores) can share them without importing each other.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from kg.document import Article, ParsedDoc

__all__ = [
    "ACTOR_KINDS",
    "COUNTRY",
    "ORGANIZATION",
    "PERSON",
    "PLACE",
    "EventMention",
    "Extraction",
    "Mention",
    "Parser",
    "Participant",
    "QuoteMention",
    "RoleMention",
]

PERSON, ORGANIZATION, COUNTRY, PLACE = "Person", "Organization", "Country", "Place"
ACTOR_KINDS = (PERSON, ORGANIZATION, COUNTRY, PLACE)


@dataclass(frozen=True)
class RoleMention:
    """A title before a person's name, with the organisation or country it belongs to."""

    title: str
    of: Mention | None = None
    of_text: str | None = None


@dataclass(frozen=True)
class Mention:
    """A named actor or place mentioned in one sentence.

    ``start``/``end`` delimit the name (0-based word indices, end exclusive);
    ``extent_start`` also covers the titles before it, so the title word that heads the
    phrase in the parse still leads to the person.
    """

    sentence: int
    start: int
    end: int
    text: str
    kind: str
    extent_start: int
    country_code: str | None = None
    acronym: str | None = None
    roles: tuple[RoleMention, ...] = ()
    written: str | None = None  # the name with the honorifics written before it ("Sheikh Tamim ...")
    initials: bool = False  # a suspect's or witness's initials ("tersangka berinisial HS"): a person of one article
    unnamed: bool = False  # an institution named by a common noun only ("kata polisi"): an organisation of one article

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.sentence, self.start, self.end)


@dataclass(frozen=True)
class Participant:
    """An event's agent or target: a resolved mention, or the words that could not be resolved."""

    mention: Mention | None
    text: str
    word: int
    # "Menteri Iran": the mention is only the owner of a title that names nobody; coreference
    # replaces it with the person who holds that title in the article, if one does
    title_phrase: str | None = None


@dataclass(frozen=True)
class EventMention:
    """One event read from one sentence."""

    sentence: int
    event_type: str
    trigger: str
    trigger_word: int
    agent: Participant | None
    target: Participant | None
    place: Mention | None = None
    date: str | None = None
    modality: str = "asserted"
    according_to: Participant | None = None
    content: str | None = None
    rule: str = "svo"
    # the event scorer's calibrated probability that this event is right (``kg.event_scorer``); None: not scored,
    # the graph then gives the base rule's measured precision
    confidence: float | None = None
    # the event's place among its article's events as extracted: its IRI keeps it when the scorer drops others
    number: int | None = None


@dataclass(frozen=True)
class QuoteMention:
    """A direct quote of an article and who said it.

    ``opening`` and ``closing`` are the (sentence, 1-based word id) of its quote marks; ``cue`` the
    (sentence, word id) of the speech tag's trigger that attributes it, None for a quote that goes on
    from the one before it (``rule`` "continued").
    """

    opening: tuple[int, int]
    closing: tuple[int, int]
    speaker: Participant
    cue: tuple[int, int] | None
    rule: str


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article."""

    doc: ParsedDoc
    mentions: tuple[Mention, ...]
    events: tuple[EventMention, ...]
    warnings: tuple[str, ...] = field(default_factory=tuple)
    quotes: tuple[QuoteMention, ...] = field(default_factory=tuple)
    # asserted events the event scorer put below the build's threshold: left out of ``events`` and the graph
    dropped_events: tuple[EventMention, ...] = ()


class Parser(Protocol):
    """Anything that turns articles into parsed documents (Stanza, or a test double)."""

    def parse_many(self, articles: Iterable[Article]) -> Iterable[ParsedDoc]: ...
