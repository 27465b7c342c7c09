"""Extraction: ``ParsedDoc -> Extraction`` (actor mentions with roles, and events).

One module per step, each small enough to read:

- ``mentions``, ``spans``, ``roles``: actor mentions from the NER spans and a gazetteer of known
  names (CLDR country names via Babel, aliases), with the titles glued to names read as roles;
- ``article``: article-level passes (names by their parts, initials, retold claims);
- ``view``: a sentence as the event rules see it; ``triggers``: the trigger phrases of
  ``ontology/event-types.ttl`` found in it;
- ``finders``: the registered ways of finding an agent and a target, tried in the order
  ``kg/data/rules.toml [order]`` gives; ``agents``, ``targets``, ``participants`` and ``setting``
  (place, date, modality) do the reading they ask for;
- ``events``: each trigger with its roles, as events;

then ``kg.coref`` resolves pronouns and role nouns to the actors they stand for.
"""

from __future__ import annotations

from dataclasses import replace

from kg.coref import resolve_references
from kg.document import ParsedDoc, Sentence, Word
from kg.extract.article import (
    hedged_retellings,
    implicit_agents,
    with_initials,
    with_name_parts,
    with_unnamed_institutions,
    without_press,
)
from kg.extract.events import SentenceReading
from kg.extract.finders import check_order
from kg.extract.mentions import MentionFinder
from kg.extract.view import SentenceView, TriggerMatch
from kg.lexicon import Lexicon, Trigger, get_lexicon
from kg.types import (
    COUNTRY,
    ORGANIZATION,
    PERSON,
    PLACE,
    EventMention,
    Extraction,
    Mention,
    Participant,
    QuoteMention,
    RoleMention,
)

# the types are re-exported for code written against this module; new code imports them from kg.types
__all__ = [
    "COUNTRY",
    "ORGANIZATION",
    "PERSON",
    "PLACE",
    "EventMention",
    "Extraction",
    "Mention",
    "Participant",
    "QuoteMention",
    "RoleMention",
    "extract",
    "modality_at",
]


def extract(doc: ParsedDoc, lexicon: Lexicon | None = None, disabled: frozenset[str] = frozenset()) -> Extraction:
    """Find the mentions and events of one parsed article, without the rules named in ``disabled``
    (ids of ``kg rules``; ``Lexicon.check_rules`` validates them)."""
    lex = lexicon or get_lexicon()
    lex.check_rules(disabled)
    check_order(lex)
    found = [MentionFinder(lex, sentence).find() for sentence in doc.sentences]
    found = with_name_parts(doc, found, lex)
    found = with_initials(doc, found, lex)
    found = found if "unnamed-institution" in disabled else with_unnamed_institutions(doc, found, lex)
    mentions: list[Mention] = []
    events: list[EventMention] = []
    for sentence, here in zip(doc.sentences, found, strict=True):
        mentions.extend(here)
        events.extend(SentenceReading(SentenceView(lex, sentence, here, doc.article.date, disabled)).find())
    if "retold" not in disabled:
        events = hedged_retellings(events)
    resolved = resolve_references(Extraction(doc, tuple(mentions), tuple(events)), lex, disabled)
    final = resolved.events if "implicit-agent" in disabled else implicit_agents(resolved.events, lex)
    final = final if "outlet-party" in disabled else without_press(final, lex)
    return replace(resolved, events=tuple(replace(ev, number=n) for n, ev in enumerate(final)))


def modality_at(sentence: Sentence, word: Word, event_type: str, lexicon: Lexicon | None = None) -> str:
    """The modality the rules give an event whose trigger is ``word`` (negated, future ... or asserted)."""
    lex = lexicon or get_lexicon()
    match = TriggerMatch(Trigger((word.lower,), event_type), word.id - 1, word.id)
    return SentenceReading(SentenceView(lex, sentence, [], None)).setting.modality_of(match, word)
