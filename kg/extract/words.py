"""Small shared pieces of the extractor: relation sets, punctuation, name shapes, participant lists."""

from __future__ import annotations

import functools
import re

from kg.document import Word
from kg.lexicon import Lexicon, Trigger
from kg.types import COUNTRY, ORGANIZATION, PERSON, PLACE, Mention, Participant

KIND_PREFERENCE = {PERSON: 0, ORGANIZATION: 1, COUNTRY: 2, PLACE: 3}
NOMINAL_LINKS = {"flat", "compound", "nmod", "appos", "amod", "det", "nummod", "acl", "case"}
SUBJECTS = ("nsubj", "csubj")
PASSIVE_SUBJECTS = ("nsubj:pass", "csubj:pass")
PUNCT_BREAK = {",", ";", ":", ".", "!", "?", '"', "“", "”", "'"}
QUOTE_MARKS = {'"', "“", "”", "''", "``"}


def is_preposition(word: Word) -> bool:
    """Whether ``word`` is the preposition of a nominal ("ke" of "ke Korsel")."""
    return word.deprel == "case" and word.upos == "ADP"


PAIR_DASHES = frozenset({"-", "–", "—", "/"})  # a dash or slash written as a word of its own, between two names


def is_capitalized(word: Word) -> bool:
    return bool(word.text[:1].isupper()) or bool(re.match(r"^[A-Z0-9][A-Za-z0-9.\-]*$", word.text))


@functools.lru_cache(maxsize=4)
def name_starts(lexicon: Lexicon) -> frozenset[str]:
    """Every prefix of the first word of a gazetteer name (countries and aliases, as written).

    A name found at word ``i`` starts with that word's text (the next words may be glued to it),
    so a word outside this set starts no name.
    """
    firsts = {name.split()[0] for name in (*lexicon.countries, *lexicon.alias_surface) if name.split()}
    return frozenset(first[:k] for first in firsts for k in range(1, len(first) + 1))


def looks_like_acronym(text: str) -> bool:
    """A short word of two or more capitals: "MoU", "VEOs", "PBB".

    >>> looks_like_acronym("MoU"), looks_like_acronym("Mesir")
    (True, False)
    """
    return 2 <= len(text) <= 8 and sum(ch.isupper() for ch in text) >= 2 and text.isalpha()


def acronym_of(acronym: str, words: list[str]) -> bool:
    """Whether ``acronym`` spells the initials of ``words`` (capitalised words; small words may be skipped).

    >>> acronym_of("QNA", ["Qatari", "News", "Agency"])
    True
    >>> acronym_of("CPOPC", ["Council", "of", "Palm", "Oil", "Producer", "Countries"])
    True
    >>> acronym_of("AFP", ["Qatari", "News", "Agency"])
    False
    """
    letters = acronym.replace(".", "").upper()
    full = "".join(w[0] for w in words if w[:1].isalnum()).upper()
    capitals = "".join(w[0] for w in words if w[:1].isupper()).upper()
    return len(letters) >= 2 and letters in (full, capitals)


def acronym_of_tail(acronym: str, words: list[str]) -> bool:
    """Whether ``acronym`` spells only the last words of a name, so it names the nested organisation.

    >>> acronym_of_tail("PBB", ["Dewan", "Keamanan", "Perserikatan", "Bangsa-Bangsa"])
    True
    >>> acronym_of_tail("IRGC", ["Korps", "Pengawal", "Revolusi", "Islam"])
    False
    """
    parts = [p for w in words for p in re.split(r"[-/]", w) if p and p[0].isalnum()]
    letters = acronym.replace(".", "").upper()
    return any("".join(p[0] for p in parts[k:]).upper() == letters for k in range(1, len(parts) - 1))


@functools.lru_cache(maxsize=4)
def title_heads(lex: Lexicon) -> frozenset[str]:
    """The first words of the titles that are offices, not forms of address."""
    return frozenset(t[0] for t in lex.titles if " ".join(t) not in lex.honorifics)


def same_actor(agent: Participant | None, target: Participant) -> bool:
    """Whether agent and target are one actor mention (no event of an actor with itself)."""
    if agent is None or agent.mention is None or target.mention is None:
        return False
    return agent.mention.key == target.mention.key


def unique_participants(parts: list[Participant]) -> list[Participant]:
    """Participants with one entry per actor mention (a conjoined title leads to its own person)."""
    seen: set[object] = set()
    out = []
    for part in parts:
        key = part.mention.key if part.mention is not None else ("word", part.word)
        if key not in seen:
            seen.add(key)
            out.append(part)
    return out


def is_outlet(mention: Mention, lex: Lexicon) -> bool:
    """Whether an actor mention is a news outlet (``Lexicon.is_media``): never a person ("Wartawan Ahmad" is one)."""
    return mention.kind != PERSON and lex.is_media(mention.text)


def word_triggers(word: Word, lex: Lexicon) -> list[Trigger]:
    """The lexicon's triggers whose first word is ``word`` as written or its lemma (as written first)."""
    return [trig for key in dict.fromkeys((word.lower, word.lemma.lower())) for trig in lex.triggers_starting(key)]
