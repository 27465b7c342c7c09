"""Coreference chains of an article, for scoring kg's coreference (``kg evaluate-coref``).

A chain is one named actor of the article (by kg's actor rules) with the names, pronouns and role
nouns that refer to it; what ``kg.coref`` leaves unresolved is in no chain.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.actors import resolve_actors
from kg.coref import Resolver, role_phrase_end, title_length
from kg.lexicon import Lexicon, get_lexicon, normalize_name
from kg.types import PERSON, Extraction, Mention

__all__ = ["Chain", "Reference", "coreference_chains"]


@dataclass(frozen=True)
class Reference:
    """One expression of an actor in an article: words ``start..end`` (0-based, end exclusive) of a sentence.

    ``how`` is ``name`` (a named mention, with its titles and a bracketed acronym's opening),
    ``pronoun`` or ``role-noun``.
    """

    sentence: int
    start: int
    end: int
    text: str
    how: str


@dataclass(frozen=True)
class Chain:
    """All references of one actor within one article, in text order."""

    actor: str
    kind: str
    references: tuple[Reference, ...]


def _name_reference(m: Mention, extraction: Extraction) -> Reference:
    sentence = next(s for s in extraction.doc.sentences if s.index == m.sentence)
    end = m.end + 2 if m.acronym else m.end  # "Partai Persatuan Pembangunan ( PPP": the name and its acronym
    end = min(end, len(sentence.words))
    return Reference(m.sentence, m.extent_start, end, sentence.span_text(m.extent_start, end), "name")


def coreference_chains(extraction: Extraction, lexicon: Lexicon | None = None) -> tuple[Chain, ...]:
    """The coreference chains of one article: its named actors with the pronouns and role nouns resolved to them.

    Named mentions of one actor (by kg's actor rules, within the article) form one chain, also
    when the actor is named once; a pronoun or role noun joins the chain of the person
    ``resolve_references`` would give it; what stays unresolved is in no chain.
    """
    lex = lexicon or get_lexicon()
    aid = extraction.doc.article.id
    index = resolve_actors([extraction], lex)
    slug_of = {m.key: index.by_mention.get((aid, *m.key), f"mention-{m.sentence}-{m.start}") for m in extraction.mentions}
    same = _same_names(extraction.mentions, slug_of, lex)
    slug_of = {key: same.get(slug, slug) for key, slug in slug_of.items()}
    kind_of: dict[str, str] = {}
    refs: dict[str, list[Reference]] = {}
    covered: dict[int, set[int]] = {}
    by_person: dict[int, set[int]] = {}
    for m in extraction.mentions:
        slug = slug_of[m.key]
        ref = _name_reference(m, extraction)
        refs.setdefault(slug, []).append(ref)
        actor = index.actors.get(slug)
        kind_of.setdefault(slug, actor.kind if actor is not None else m.kind)
        covered.setdefault(m.sentence, set()).update(range(ref.start, ref.end))
        if m.kind == PERSON:
            by_person.setdefault(m.sentence, set()).update(range(ref.start, ref.end))
    resolver = Resolver(extraction, lex)
    for sentence in extraction.doc.sentences:
        inside = covered.get(sentence.index, set())
        persons = by_person.get(sentence.index, set())
        words = sentence.words
        i = 0
        while i < len(words):
            if i in inside:
                i += 1
                continue
            word = words[i]
            found: Mention | None = None
            end, how = i + 1, "pronoun"
            if word.lower in lex.person_pronouns:
                found = resolver.pronoun(sentence.index, word.id, word.text)
            else:
                length = title_length(words, i, lex)
                if length:
                    end, how = role_phrase_end(words, i, length), "role-noun"
                    # what the role is of may be a named organisation or country, never a named person
                    if any(k in persons for k in range(i, end)):
                        end = min(k for k in range(i, end) if k in persons)
                    found = resolver.role_noun(sentence.index, word.id, sentence.span_text(i, end))
            start = i
            if how == "pronoun" and word.lower in lex.clitic_pronouns and i > 0 and words[i - 1].lower in lex.reflexives:
                start = i - 1  # "dirinya" = "diri" + "nya": the reflexive is one reference
            if found is not None:
                refs[slug_of[found.key]].append(Reference(sentence.index, start, end, sentence.span_text(start, end), how))
            i = end if found is not None else i + 1
    chains = [
        Chain(slug, kind_of[slug], tuple(sorted(rs, key=lambda r: (r.sentence, r.start, r.end)))) for slug, rs in refs.items()
    ]
    return tuple(sorted(chains, key=lambda c: (c.references[0].sentence, c.references[0].start)))


def _initials(name: str) -> str:
    """The capitals that begin the capitalised words of a name: "Badan Intelijen Negara" -> "BIN"."""
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _same_names(mentions: tuple[Mention, ...], slug_of: dict[tuple[int, int, int], str], lex: Lexicon) -> dict[str, str]:
    """Actors of one article that are one entity for coreference, though kg keeps their names apart.

    - the same name, whatever kind the tagger gave each mention ("Maros" as a place and as an organisation);
    - an acronym written as the initials of exactly one longer name ("BIN", "Badan Intelijen Negara");
    - a name repeated without its classifier ("Maros", "Kabupaten Maros"; see ``[names]`` in lexicon.toml).
    """
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    names: dict[str, set[str]] = {}
    for m in mentions:
        names.setdefault(normalize_name(m.text), set()).add(slug_of[m.key])
    for slugs in names.values():
        first, *rest = sorted(slugs)
        for other in rest:
            union(first, other)
    texts = {m.text for m in mentions}
    for m in mentions:
        if m.kind == PERSON:
            continue
        short = m.text
        if short.isupper() and 2 <= len(short) <= 6:
            longer = {t for t in texts if len(t.split()) == len(short) and _initials(t) == short}
            if len(longer) == 1:
                union(slug_of[m.key], next(iter(names[normalize_name(longer.pop())])))
        classified = {n for n in names if n.endswith(" " + normalize_name(short)) and n.split()[0] in lex.name_classifiers}
        classified = {n for n in classified if len(n.split()) == len(normalize_name(short).split()) + 1}
        if len(classified) == 1 and not m.country_code:
            union(slug_of[m.key], next(iter(names[classified.pop()])))
    return {slug: find(slug) for slug in parent}
