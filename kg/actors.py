"""Actor resolution: ``Extractions -> Actors``, one node per real-world actor.

The result is a function of the set of articles, whatever their order: ``ActorResolver`` keeps it up
to date as articles come and go (``update`` recomputes only the rules whose inputs a change touched),
and ``resolve_facts`` is one update from empty. Merge rules, each recorded with its reason, in three
stages, each reading the actors the stages before it made (never its own, so no rule depends on the
order in which names are visited):

1. merges found inside an article and between names of the corpus:

   - ``same-name``: the same normalised name (and kind).
   - ``country-code``: country names with one ISO code (Libanon / Lebanon).
   - ``alias-table``: names listed together in ``kg/data/aliases.toml`` (Teheran / Tehran).
   - ``acronym-in-text``: "Korps Pengawal Revolusi Islam (IRGC)" joins IRGC to its expansion.
   - ``alias-in-text``: "Basuki Tjahaja Purnama alias Ahok": two person names joined by a word of
     ``[names] alias_markers`` in lexicon.toml.
   - ``short-name-in-article``: "Haniyeh" after "Ismail Haniyeh" in the same article.
   - ``classifier-name``: "Partai Golkar" and "Golkar" across articles (``[names] classifiers``).
   - ``owner-suffix-in-article``: "Dewan Keamanan" after "Dewan Keamanan PBB" in the same article,
     when what the longer name adds is an actor of the article or a country ("Kementerian Luar Negeri RI").
   - ``same-name-other-kind``: one name read as an organisation in one place and as a place in
     another ("Tel Aviv"); a person is never joined this way, so namesakes stay apart.
   - ``spelling-variant-in-article``: two names of one article that differ by one vowel in one word
     ("Kane" / "Ali Baghi Kani", "Abdul" / "Abdel Fattah al-Sisi", "Ikhawanul" / "Ikhwanul Muslimin"):
     transliteration and translation noise. Only where the name has no exact match in the article,
     only with one candidate, and only for a name that no rule of any article joins to another name;
     names that differ in a consonant ("Rahman", "Rahmat") stay apart.

     A name that articles join to different fuller names ("BPBD" to "BPBD DKI Jakarta" in one article
     and to "BPBD Biak" in another) stands for another actor in each: it is scoped to its articles.
2. ``unique-short-name``: a short person name that matches exactly one full name (one actor of the
   first stage) in the corpus.
3. ``unique-owned-name``: an organisation named without its owner ("Dewan Keamanan") that matches
   exactly one owned name across the corpus ("Dewan Keamanan PBB"); with two ("Kementerian Luar
   Negeri RI", "... Turki") it stays apart; ``owned-name-owner-in-article``: of several, the one
   whose owner the same article names.

Organisation names are compared with their short forms written out (``[organizations.abbreviations]``
in lexicon.toml: "Kemlu RI" is "Kementerian Luar Negeri RI") and an owner country by its code
("... RI" and "... Indonesia" are one name). The honorifics written before a person's name
("Sheikh", "Dato Sri") are kept as an alias, never as the canonical name.

The canonical name is the fullest name seen (or the table's / CLDR's name); the IRI is
minted from it, so rebuilding gives the same IRIs. Where two actors' names slugify alike (a person
and a place), the one whose first name node sorts first keeps the plain slug and the others add
their kind ("gatot-subroto-place").
"""

from __future__ import annotations

import functools
import hashlib
import itertools
from collections import Counter, defaultdict
from collections.abc import Container, Iterable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from kg.kvtables import COUNT, COUNTERS, PLAIN, SETS, TableFactory, memory_table
from kg.lexicon import Lexicon, get_lexicon, normalize_name, slugify
from kg.types import COUNTRY, ORGANIZATION, PERSON, PLACE, Extraction, Mention

__all__ = [
    "Actor",
    "ActorIndex",
    "ActorResolver",
    "ArticleFacts",
    "Merge",
    "ResolutionChange",
    "article_facts",
    "resolve_actors",
    "resolve_facts",
]

_SCOPE = "@"  # joins a suspect's initials to the article they are scoped to
_COPY = "#"  # joins an ambiguous name to the article a copy of it is scoped to


@dataclass(frozen=True)
class Merge:
    """Why two names were joined into one actor."""

    actor: str
    name: str
    rule: str
    reason: str


@dataclass(frozen=True)
class Actor:
    """A resolved actor."""

    slug: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    articles: tuple[str, ...]
    country_code: str | None = None
    country: str | None = None  # an organisation's country, as its name says ("Militer Myanmar"): its slug


@dataclass(frozen=True)
class ActorIndex:
    """All actors of a corpus, and which actor each mention resolved to."""

    actors: Mapping[str, Actor]
    by_mention: Mapping[tuple[str, int, int, int], str]
    merges: tuple[Merge, ...]
    role_owners: Mapping[tuple[str, str], str] = field(default_factory=dict)

    def actor_of(self, article_id: str, mention: Mention | None) -> Actor | None:
        if mention is None:
            return None
        slug = self.by_mention.get((article_id, *mention.key))
        return self.actors.get(slug) if slug else None

    def role_owner(self, person: str, title: str) -> Actor | None:
        """What a person's title is of, where the corpus gives it once and the mention at hand does not.

        "Menteri Luar Negeri Retno" is of Indonesia where another article writes "Menlu RI Retno"
        and none gives her that title of another country.
        """
        slug = self.role_owners.get((person, normalize_name(title)))
        return self.actors.get(slug) if slug else None


_norm = functools.lru_cache(maxsize=1 << 17)(normalize_name)
"""``normalize_name``, remembered: resolution folds the same few thousand names again and again."""


@functools.lru_cache(maxsize=1 << 17)
def _tokens(name: str) -> tuple[str, ...]:
    return tuple(_norm(name).split())


def _is_part_of(short: tuple[str, ...], full: tuple[str, ...], suffixes: frozenset[str] = frozenset()) -> bool:
    """True when ``short`` is a shorter form of ``full``: its words in order, sharing the first or last word; a
    generational suffix of ``full`` (``suffixes``: "Jr") must end ``short`` too ("Donald Trump" is not "Donald Trump Jr").

    >>> _is_part_of(("retno",), ("retno", "lp", "marsudi")), _is_part_of(("baghi", "kani"), ("ali", "baghi", "kani"))
    (True, True)
    >>> _is_part_of(("lp",), ("retno", "lp", "marsudi"))
    False
    >>> _is_part_of(("donald", "trump"), ("donald", "trump", "jr"), frozenset({"jr"}))
    False
    """
    if not short or len(short) >= len(full) or (short[0] != full[0] and short[-1] != full[-1]):
        return False
    if full[-1] in suffixes and short[-1] != full[-1]:
        return False
    position = 0
    for word in short:
        try:
            position = full.index(word, position) + 1
        except ValueError:
            return False
    return True


_VOWELS = frozenset("aeiouy")


def _vowel_variant(a: str, b: str) -> bool:
    """Whether two words (of four letters or more, with one first letter) differ by one vowel only.

    >>> _vowel_variant("kane", "kani"), _vowel_variant("ikhawanul", "ikhwanul"), _vowel_variant("abdul", "abdel")
    (True, True, True)
    >>> _vowel_variant("rahman", "rahmat"), _vowel_variant("kim", "kin"), _vowel_variant("putin", "putri")
    (False, False, False)
    """
    if a == b or min(len(a), len(b)) < 4 or a[0] != b[0]:
        return False
    if len(a) == len(b):
        diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        return len(diff) == 1 and diff[0][0] in _VOWELS and diff[0][1] in _VOWELS
    short, long = sorted((a, b), key=len)
    if len(long) - len(short) != 1:
        return False
    return any(long[:i] + long[i + 1 :] == short and long[i] in _VOWELS for i in range(len(long)))


def _variant_of(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether ``a`` is ``b`` or a shorter form of it with one word spelt with another vowel.

    >>> _variant_of(("kane",), ("ali", "baghi", "kani")), _variant_of(("abdul", "fattah"), ("abdel", "fattah"))
    (True, True)
    >>> _variant_of(("ahmad", "rahman"), ("ahmad", "rahmat"))
    False
    """
    for i, word in enumerate(a):
        for other in dict.fromkeys(b):
            if _vowel_variant(word, other):
                fixed = (*a[:i], other, *a[i + 1 :])
                if fixed == b or _is_part_of(fixed, b):
                    return True
    return False


def _maximal(names: dict[str, tuple[str, ...]], suffixes: frozenset[str] = frozenset()) -> set[str]:
    """The names that are not a shorter form of another one in ``names``."""
    return {n for n, toks in names.items() if not any(o != n and _is_part_of(toks, t, suffixes) for o, t in names.items())}


def _adds_owner(short: tuple[str, ...], full: tuple[str, ...], owners: Container[str]) -> bool:
    """Whether ``full`` is ``short`` followed by the (normalised) name of its owner.

    >>> _adds_owner(("dewan", "keamanan"), ("dewan", "keamanan", "pbb"), {"pbb"})
    True
    >>> _adds_owner(("partai", "demokrat"), ("partai", "demokrat", "baru"), {"pbb"})
    False
    """
    n = len(short)
    return 0 < n < len(full) and full[:n] == short and " ".join(full[n:]) in owners


def _aliased_persons(ex: Extraction, lex: Lexicon) -> list[tuple[Mention, Mention]]:
    """Pairs of person mentions of one sentence with only an alias marker between them ("X alias Y")."""
    out = []
    sentences = {s.index: s for s in ex.doc.sentences}
    persons = sorted((m for m in ex.mentions if m.kind == PERSON), key=lambda m: (m.sentence, m.start))
    for first, second in itertools.pairwise(persons):
        if first.sentence != second.sentence or second.start <= first.end:
            continue
        words = sentences[first.sentence].words[first.end : second.extent_start]
        between = tuple(w.text.lower() for w in words if w.text not in (",", "(", ")", '"', "“", "”"))
        if between in lex.alias_markers:
            out.append((first, second))
    return out


_IN_ARTICLE_RULES = frozenset(
    {"acronym-in-text", "acronym-in-article", "short-name-in-article", "owner-suffix-in-article", "spelling-variant-in-article"}
)


def _is_acronym(text: str) -> bool:
    """A short word of capitals ("BPBD", "KPK"): a name that several organisations may share."""
    return 2 <= len(text) <= 8 and text.isalpha() and text.isupper()


def _org_key(name: str, lex: Lexicon) -> str:
    """The name an organisation is known by: with an owner country, short forms written out and the country as its code.

    Without an owner the name stays as written: a bare "Kemlu" is the ministry of whichever country
    its article is about, so it is joined to an owned name only by the owner rules.

    >>> lex = get_lexicon()
    >>> _org_key("Kemlu RI", lex), _org_key("Kementerian Luar Negeri Indonesia", lex), _org_key("Kemlu", lex)
    ('kementerian luar negeri id', 'kementerian luar negeri id', 'kemlu')
    """
    words = lex.full_org_name(name).split()
    owner = _owner_at(words, lex)
    if owner is not None:
        return f"{_norm(' '.join(words[: owner[0]]))} {owner[1].lower()}"
    return _norm(name)


def _owner_at(words: list[str], lex: Lexicon) -> tuple[int, str] | None:
    """Where the country that ends an organisation's name begins, and its code (None without one)."""
    for k in range(1, len(words)):
        code = lex.country_code(" ".join(words[k:]))
        if code:
            return k, code
    return None


def _owner_code(name: str, lex: Lexicon) -> str | None:
    """The country an organisation's name ends with, after its own words ("Militer Myanmar" -> "MM").

    >>> lex = get_lexicon()
    >>> _owner_code("Kemlu RI", lex), _owner_code("Kedutaan Besar Amerika Serikat", lex), _owner_code("Golkar", lex)
    ('ID', 'US', None)
    """
    owner = _owner_at(lex.full_org_name(name).split(), lex)
    return owner[1] if owner else None


@dataclass(frozen=True)
class ArticleFacts:
    """What one article gives actor resolution: its name nodes, mentions and in-article merges.

    Computed from the article alone (``article_facts``), so a store can keep it per article and
    resolve the corpus again from these facts without reading any article (``resolve_facts``).
    The tables are replayed in article order; ``kinds`` entries with ``replace`` False only set a
    node's kind where it has none.
    """

    article: str
    kinds: tuple[tuple[str, str, bool], ...]
    surface: tuple[tuple[str, str], ...]
    written: tuple[tuple[str, str], ...]
    present: tuple[str, ...]
    """The nodes this article's mentions are."""
    mentions: tuple[tuple[tuple[int, int, int], str], ...]
    codes: tuple[tuple[str, str], ...]
    fixed: tuple[tuple[str, str], ...]
    scoped: tuple[str, ...]
    owners: frozenset[str]
    """The (normalised) countries and organisations the article names."""
    reasons: tuple[tuple[str, str, str, str], ...]
    variants: tuple[tuple[str, str, str, str], ...]
    """Spelling-variant merges, kept unless their first node starts a reason of any article."""
    roles: tuple[tuple[tuple[int, int, int], str, tuple[int, int, int] | None], ...]
    """(person mention, normalised title, the mention of what the title is of)."""
    node_words: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """The words of each node's name (normalised once, here)."""
    name_words: tuple[tuple[str, int], ...] = ()
    """How many words each name and fixed name has."""


def _node_for(kind: str, name: str, lex: Lexicon) -> str:
    if kind == ORGANIZATION:
        return f"{kind}|{_org_key(name, lex)}"
    return f"{kind}|{_norm(name)}"


def _known_owners(lex: Lexicon) -> frozenset[str]:
    """The countries and known organisations, which own the institutions named after them ("Kemlu RI", "Dewan
    Keamanan PBB"). Not places: "Partai Golkar Jatim" is a provincial branch, and a "Golkar" elsewhere the party."""
    organizations = frozenset(alias for alias, (_name, kind) in lex.aliases.items() if kind == "organizations")
    owners = frozenset(_norm(name) for name in lex.countries) | organizations
    return owners | frozenset(code.lower() for code in lex.countries.values())


def article_facts(ex: Extraction, lexicon: Lexicon | None = None) -> ArticleFacts:
    """The ``ArticleFacts`` of one extraction (or its ``kg.cache.resolution_view``)."""
    lex = lexicon or get_lexicon()
    aid = ex.doc.article.id
    kinds: list[tuple[str, str, bool]] = []
    surface: list[tuple[str, str]] = []
    written: list[tuple[str, str]] = []
    codes: list[tuple[str, str]] = []
    fixed: list[tuple[str, str]] = []
    scoped: list[str] = []
    reasons: list[tuple[str, str, str, str]] = []
    variants: list[tuple[str, str, str, str]] = []
    mention_node: dict[tuple[int, int, int], str] = {}
    owners = {_norm(m.text) for m in ex.mentions if m.kind != PERSON}
    owners |= {m.country_code.lower() for m in ex.mentions if m.country_code}
    for m in ex.mentions:
        node = _node_for(m.kind, m.text, lex)
        if m.initials or m.unnamed:
            node = f"{node}{_SCOPE}{aid}"  # a suspect's initials, an unnamed institution: this article's actor only
            scoped.append(node)
        if m.kind == COUNTRY and m.country_code:
            node = f"{COUNTRY}|{m.country_code}"
            codes.append((node, m.country_code))
            fixed.append((node, lex.country_names.get(m.country_code, m.text)))
        kinds.append((node, m.kind, True))
        surface.append((node, m.text))
        if m.written:
            written.append((node, m.written))
        mention_node[m.key] = node
        alias = None if m.initials or m.unnamed else lex.aliases.get(_norm(m.text))
        if alias is not None and m.kind != COUNTRY:
            canonical_node = _node_for(m.kind, alias[0], lex)
            kinds.append((canonical_node, m.kind, False))
            fixed.append((canonical_node, alias[0]))
            if canonical_node != node:
                reasons.append(
                    (node, canonical_node, "alias-table", f"{m.text!r} and {alias[0]!r} are listed together in aliases.toml")
                )
        if m.acronym:
            acr = _node_for(m.kind, m.acronym, lex)
            kinds.append((acr, m.kind, False))
            surface.append((acr, m.acronym))
            reasons.append((acr, node, "acronym-in-text", f"{m.text} ({m.acronym}) in article {aid}"))
    for named_person, aliased in _aliased_persons(ex, lex):
        reasons.append(
            (
                mention_node[aliased.key],
                mention_node[named_person.key],
                "alias-in-text",
                f"{named_person.text!r} and {aliased.text!r} in article {aid}",
            )
        )
    # an acronym standing alone for the organisation of the article that spells it out ("BPBD" after
    # "Badan Penanggulangan Bencana Daerah (BPBD) Biak"); not one that only names it as its owner
    # ("AHA Center ASEAN" is no ASEAN)
    for m in ex.mentions:
        if m.kind != ORGANIZATION or m.acronym or m.country_code or not _is_acronym(m.text):
            continue  # a country ("RI", "AS") is named by its code, never by an organisation
        spelled = {
            mention_node[o.key]: o.text
            for o in ex.mentions
            if o.kind == ORGANIZATION and o is not m and (o.acronym == m.text or f"({m.text})" in o.text.replace(" ", ""))
        }
        spelled.pop(mention_node[m.key], None)
        if len(spelled) == 1:
            ((other, text),) = spelled.items()
            reasons.append((mention_node[m.key], other, "acronym-in-article", f"{m.text!r} and {text!r} in article {aid}"))
    # short person names inside one article
    suffixes = lex.name_suffixes
    persons = {mention_node[m.key]: m.text for m in ex.mentions if m.kind == PERSON}
    person_tokens = {node: _tokens(name) for node, name in persons.items()}
    # a generational suffix ("Jr") tells two names apart only when their titles differ: "Presiden Donald Trump"
    # and "Donald Trump Jr" are father and son; "Jenderal Joseph F Dunford, Jr" and "Jenderal Joseph F Dunford",
    # or "Floyd Mayweather Jr" and "Floyd Mayweather" with no title, are one person
    titles: dict[str, set[str]] = defaultdict(set)
    for m in ex.mentions:
        if m.kind == PERSON:
            titles[mention_node[m.key]].update(_norm(r.title) for r in m.roles)

    def shorter(toks: tuple[str, ...], node: str, other: str) -> bool:
        t = person_tokens[other]
        return _is_part_of(toks, t, suffixes) or (titles[node] == titles[other] and _is_part_of(toks, t))

    for node, toks in person_tokens.items():
        longer = {other: t for other, t in person_tokens.items() if other != node and shorter(toks, node, other)}
        candidates = _maximal(longer)
        if len(candidates) == 1:
            other = candidates.pop()
            reasons.append((node, other, "short-name-in-article", f"{persons[node]!r} and {persons[other]!r} in article {aid}"))
    # a one-word name the tagger read as a place or organisation, standing for a person of the article
    for m in ex.mentions:
        if m.kind == PERSON or m.country_code or len(_tokens(m.text)) != 1:
            continue
        if lex.aliases.get(_norm(m.text)) is not None:
            continue
        word = _tokens(m.text)
        found = _maximal({p: t for p, t in person_tokens.items() if _is_part_of(word, t, suffixes)}, suffixes)
        if len(found) == 1:
            other = found.pop()
            node = mention_node[m.key]
            kinds.append((node, PERSON, True))
            reasons.append((node, other, "short-name-in-article", f"{m.text!r} stands for {persons[other]!r} in article {aid}"))
    # an organisation named without its owner: "Dewan Keamanan" after "Dewan Keamanan PBB"
    orgs = {mention_node[m.key]: m.text for m in ex.mentions if m.kind == ORGANIZATION}
    org_tokens = {node: _tokens(lex.full_org_name(node.split("|", 1)[1])) for node in orgs}
    known = _known_owners(lex)
    article_owners = known | {_norm(m.text) for m in ex.mentions if m.kind != PERSON}
    article_owners |= {_norm(m.acronym) for m in ex.mentions if m.acronym}
    not_regions = article_owners - {_norm(m.text) for m in ex.mentions if m.kind == PLACE} | known
    for node, short in org_tokens.items():
        # a region owns only the institutions every region has: "Polda" is the article's "Polda Jatim", but
        # "Golkar" is not "Golkar Jabar", the party's branch
        possible = article_owners if short[0] in lex.regional_institutions else not_regions
        owned_by = [other for other, full in org_tokens.items() if _adds_owner(short, full, possible)]
        if len(owned_by) == 1:
            other = owned_by[0]
            reasons.append((node, other, "owner-suffix-in-article", f"{orgs[node]!r} and {orgs[other]!r} in article {aid}"))
    # spelling variants of one name in one article: "Kane" and "Ali Baghi Kani" (kept at resolution
    # unless the first name starts another merge: ``ActorResolver``)
    named = {mention_node[m.key]: m.kind for m in ex.mentions if m.kind in (PERSON, ORGANIZATION)}
    named_tokens = {node: _tokens(node.split("|", 1)[1]) for node in named}
    for node, toks in sorted(named_tokens.items()):
        if any(o != node and (_is_part_of(toks, t) or t == toks) for o, t in named_tokens.items()):
            continue
        found_variants = {
            o: t
            for o, t in named_tokens.items()
            if o != node and _variant_of(toks, t) and (named[o] == named[node] or (len(toks) >= 2 and len(t) >= 2))
        }
        candidates = _maximal(found_variants)
        if len(candidates) == 1:
            other = candidates.pop()
            if len(found_variants[other]) == len(toks) and other < node:
                continue  # two full names: recorded once, from the first
            reason = f"{' '.join(toks)!r} and {' '.join(named_tokens[other])!r} differ by one vowel in article {aid}"
            variants.append((node, other, "spelling-variant-in-article", reason))
    roles = tuple(
        (m.key, _norm(role.title), role.of.key if role.of is not None else None) for m in ex.mentions for role in m.roles
    )
    node_words = {node: _tokens(node.split("|", 1)[1]) for node, _kind, _replace in kinds}
    name_words = {text: len(_tokens(text)) for _node, text in (*surface, *fixed)}
    return ArticleFacts(
        aid,
        tuple(kinds),
        tuple(surface),
        tuple(written),
        tuple(dict.fromkeys(mention_node.values())),
        tuple(mention_node.items()),
        tuple(codes),
        tuple(fixed),
        tuple(scoped),
        frozenset(owners),
        tuple(reasons),
        tuple(variants),
        roles,
        tuple(node_words.items()),
        tuple(name_words.items()),
    )


def resolve_actors(extractions: Sequence[Extraction], lexicon: Lexicon | None = None) -> ActorIndex:
    """Group the mentions of all articles into actors."""
    lex = lexicon or get_lexicon()
    return resolve_facts([article_facts(ex, lex) for ex in extractions], lex)


def resolve_facts(facts: Iterable[ArticleFacts], lexicon: Lexicon | None = None) -> ActorIndex:
    """Group the mentions of all articles into actors, from each article's ``ArticleFacts``.

    The same index as ``resolve_actors`` over the articles, whatever the order of ``facts``.
    """
    resolver = ActorResolver()
    resolver.update(put=facts, lexicon=lexicon)
    return resolver.index()


_MERGE_STAGE, _SHORT_STAGE, _OWNED_STAGE = 1, 2, 3
"""Merges found in the articles and between names; short person names; organisations without their owner.
Each stage reads the actors the stages before it made (its candidates' components), never its own."""
_AMBIGUOUS = " (the name stands for another actor in other articles)"


@dataclass(frozen=True)
class _Node:
    """A name node as the whole corpus gives it."""

    kind: str
    surface: frozenset[str]
    written: frozenset[str]
    articles: frozenset[str]
    """The articles where a mention is this node."""
    code: str | None
    fixed: str | None
    scoped: str | None
    """The one article this node belongs to (a suspect's initials, a name scoped to its article)."""


@dataclass(frozen=True)
class _Gives:
    """What one article gives one node (the tables of its ``ArticleFacts``, in order)."""

    kinds: tuple[tuple[str, bool], ...]
    surface: frozenset[str]
    written: frozenset[str]
    present: bool
    code: str | None
    fixed: str | None
    scoped: bool


@dataclass(frozen=True)
class _Edge:
    """One reason to join two nodes, and the stage that found it."""

    a: str
    b: str
    rule: str
    reason: str
    stage: int


@dataclass(frozen=True)
class ResolutionChange:
    """What one ``ActorResolver.update`` moved."""

    articles: frozenset[str]
    """Articles (still in the corpus) whose mentions' actors, their kinds or labels, or their roles' owners changed."""
    actors: frozenset[str]
    """Actors added or changed (slugs)."""
    removed: frozenset[str]
    """Actors that are no more."""


class _Owners:
    """The names that own an institution named after them: known ones, and organisations and countries of the corpus."""

    def __init__(self, known: frozenset[str], counts: dict[str, int]) -> None:
        self.known, self.counts = known, counts

    def __contains__(self, name: object) -> bool:
        return name in self.known or self.counts.get(name, 0) > 0  # type: ignore[call-overload]


def _gives(fact: ArticleFacts) -> dict[str, _Gives]:
    kinds: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    surface: dict[str, set[str]] = defaultdict(set)
    written: dict[str, set[str]] = defaultdict(set)
    for node, kind, replaces in fact.kinds:
        kinds[node].append((kind, replaces))
    for node, text in fact.surface:
        surface[node].add(text)
    for node, text in fact.written:
        written[node].add(text)
    codes, fixed, present, scoped = dict(fact.codes), dict(fact.fixed), set(fact.present), set(fact.scoped)
    nodes = {*kinds, *surface, *written, *codes, *fixed, *present, *scoped}
    return {
        n: _Gives(
            tuple(kinds.get(n, ())),
            frozenset(surface.get(n, ())),
            frozenset(written.get(n, ())),
            n in present,
            codes.get(n),
            fixed.get(n),
            n in scoped,
        )
        for n in nodes
    }


def _name(node: str) -> str:
    return node.split("|", 1)[1]


@functools.lru_cache(maxsize=1 << 17)
def _words(node: str) -> tuple[str, ...]:
    return _tokens(_name(node))


_slug = functools.lru_cache(maxsize=1 << 16)(slugify)


class ActorResolver:
    """Actor resolution kept up to date as articles come and go.

    ``update`` costs time in proportion to the articles it changes and the names they touch, not to the
    corpus, and leaves the resolver as it would be after resolving the whole corpus at once, in any
    order (``resolve_facts`` is that: one update from empty). The rules are those of the module's
    docstring; each corpus-level stage reads the actors of the stages before it, so no rule depends on
    the order in which articles or names are visited, and an update recomputes only the rules whose
    inputs it changed. Its tables are dicts, or SQLite tables a store keeps from one change to the next
    (``kg.kvtables``); the lexicon is passed to each update.
    """

    def __init__(self, tables: TableFactory | None = None) -> None:
        make = tables or memory_table
        self._tables: dict[str, tuple[str, Any]] = {}

        def t(name: str, kind: str) -> Any:
            table = make(name, kind)
            self._tables[name] = (kind, table)
            return table

        self._facts: dict[str, ArticleFacts] = t("facts", PLAIN)
        self._gives: dict[str, dict[str, _Gives]] = t("gives", PLAIN)  # node -> article -> what it gives the node
        self._base: dict[str, _Node] = t("base", PLAIN)  # every node of the articles, before names are scoped
        self._endpoints: Counter[str] = t("endpoints", COUNT)  # node -> how many articles' reasons join it
        self._variants_from: dict[str, set[tuple[str, int]]] = t("variants_from", SETS)
        self._raw: dict[tuple[str, str, int], tuple[str, str, str, str]] = t("raw", PLAIN)  # in-article reasons kept
        self._raw_from: dict[str, set[tuple[str, str, int]]] = t("raw_from", SETS)
        self._raw_of: dict[str, set[tuple[str, str, int]]] = t("raw_of", SETS)
        self._in_targets: dict[str, Counter[str]] = t("in_targets", COUNTERS)  # source -> its in-article targets
        self._in_articles: dict[str, Counter[str]] = t("in_articles", COUNTERS)  # source -> the articles of those
        self._ambiguous: dict[str, bool] = t("ambiguous", PLAIN)
        self._copies: dict[str, set[str]] = t("copies", PLAIN)  # an ambiguous node -> its copies scoped to its articles
        self._copy_of: dict[str, tuple[str, str]] = t("copy_of", PLAIN)  # copy -> (node, article)
        self._nodes: dict[str, _Node] = t("nodes", PLAIN)  # the nodes that resolution joins
        self._edges: dict[tuple[str, ...], _Edge] = t("edges", PLAIN)
        self._edges_at: dict[str, set[tuple[str, ...]]] = t("edges_at", SETS)
        self._sources: Counter[str] = t("sources", COUNT)  # node -> merges of the first stage that start at it
        self._name_edge_ids: dict[str, set[tuple[str, ...]]] = t("name_edge_ids", SETS)
        self._by_name: dict[str, set[str]] = t("by_name", SETS)  # organisations and places by name
        self._having_word: dict[str, set[str]] = t("having_word", SETS)  # persons by each word
        self._first_word: dict[str, set[str]] = t("first_word", SETS)  # persons by their first word
        self._starting_with: dict[str, set[str]] = t("starting_with", SETS)  # organisations by their first word
        self._org_words: dict[tuple[str, ...], set[str]] = t("org_words", SETS)  # organisations by their words
        self._org_ending: dict[str, set[str]] = t("org_ending", SETS)  # organisations by each end of their name
        self._owner_count: Counter[str] = t("owner_count", COUNT)
        self._comp: dict[int, dict[str, str]] = {  # stage -> node -> the smallest node of its group
            stage: t(f"comp{stage}", PLAIN) for stage in (_MERGE_STAGE, _SHORT_STAGE, _OWNED_STAGE)
        }
        self._members: dict[str, set[str]] = t("members", SETS)  # last stage: root -> nodes
        self._groups: dict[str, Actor] = t("groups", PLAIN)  # root -> its actor, with the slug its name gives
        self._families: dict[str, set[str]] = t("families", SETS)  # base slug -> roots
        self._root_slug: dict[str, str] = t("root_slug", PLAIN)
        self._slug_root: dict[str, str] = t("slug_root", PLAIN)
        self._own_actors: dict[str, Actor] = t("own_actors", PLAIN)  # the groups' actors, before owners are linked
        self._owned: dict[str, str] = t("owned", PLAIN)  # organisation -> the code of the one country its names end with
        self._owned_by_code: dict[str, set[str]] = t("owned_by_code", SETS)
        self._countries: dict[str, set[str]] = t("countries", SETS)  # code -> the country actors with it
        # code of a country named only inside names -> (the slugs it looked at, the one it took)
        self._minted: dict[str, tuple[tuple[str, ...], str]] = t("minted", PLAIN)
        self._minted_plain: dict[str, set[str]] = t("minted_plain", SETS)  # a slug looked at -> those codes
        self._country_of: dict[str, str] = t("country_of", PLAIN)  # code -> the slug its organisations point to
        self._actors: dict[str, Actor] = t("actors", PLAIN)
        self._node_slug: dict[str, str] = t("node_slug", PLAIN)
        self._by_mention: dict[str, dict[tuple[int, int, int], str]] = t("by_mention", PLAIN)  # article -> key -> slug
        self._roles: dict[str, list[tuple[str, str, str | None]]] = t("roles", PLAIN)  # article -> (person, title, of)
        self._held: dict[tuple[str, str], Counter[str]] = t("held", COUNTERS)
        self._role_articles: dict[tuple[str, str], Counter[str]] = t("role_articles", COUNTERS)
        self._role_owners: dict[tuple[str, str], str] = t("role_owners", PLAIN)
        # derived from the facts as needed, never kept
        self._known_words: dict[str, tuple[str, ...]] = {}  # node -> its words, as the facts give them
        self._known_lengths: dict[str, int] = {}  # name -> how many words
        self._read: dict[str, tuple[dict[str, _Gives], dict[str, list[tuple[int, int, int]]]]] = {}
        # what one update has moved so far
        self._source_flips: set[str] = set()
        self._owner_flips: set[str] = set()
        self._sources_changed: set[str] = set()
        self._stale_pairs: set[tuple[str, str]] = set()  # (article, node) whose mentions to look up again
        self._actors_before: dict[str, Actor | None] = {}
        self._own_before: dict[str, Actor | None] = {}

    def _w(self, node: str) -> tuple[str, ...]:
        found = self._known_words.get(node)
        return found if found is not None else _words(node)

    def _length(self, name: str) -> int:
        found = self._known_lengths.get(name)
        return found if found is not None else len(_tokens(name))

    def _article(self, aid: str) -> tuple[dict[str, _Gives], dict[str, list[tuple[int, int, int]]]]:
        """What an article gives each node, and its mentions' keys by node (read from its facts once)."""
        found = self._read.get(aid)
        if found is None:
            fact = self._facts[aid]
            self._known_words.update(fact.node_words)
            self._known_lengths.update(fact.name_words)
            mentions: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
            for key, node in fact.mentions:
                mentions[node].append(key)
            found = self._read[aid] = (_gives(fact), dict(mentions))
        return found

    def __len__(self) -> int:
        """How many articles the corpus has."""
        return len(self._facts)

    def facts(self, article: str) -> ArticleFacts | None:
        return self._facts.get(article)

    def mentions_of(self, article: str) -> dict[tuple[int, int, int], str]:
        """The slug of each resolved mention of ``article`` (by mention key)."""
        return dict(self._by_mention.get(article, {}))

    def index(self) -> ActorIndex:
        """The ``ActorIndex`` of the corpus as it stands (a copy: later updates do not change it)."""
        by_mention = {(aid, *key): slug for aid, row in self._by_mention.items() for key, slug in row.items()}
        return ActorIndex(dict(self._actors), by_mention, self.merges(), dict(self._role_owners))

    def tables(self) -> dict[str, tuple[str, Any]]:
        """Every table of the resolver by name: (kind, table), for ``kg.kvtables.SqliteTables.replace_all``."""
        return dict(self._tables)

    def view(self) -> ActorIndex:
        """An ``ActorIndex`` that reads the resolver as it goes (nothing copied; no merges: ``merges_of``)."""
        return ActorIndex(self._actors, _MentionView(self._by_mention), (), self._role_owners)

    # -- the update -----------------------------------------------------------------------------------

    def update(
        self, put: Iterable[ArticleFacts] = (), remove: Iterable[str] = (), lexicon: Lexicon | None = None
    ) -> ResolutionChange:
        """Add or replace the articles of ``put`` and drop those of ``remove`` (ids not in the corpus are ignored)."""
        lex = lexicon or get_lexicon()
        new = {f.article: f for f in put}
        changed = set(new) | {a for a in remove if a in self._facts}
        everything = not self._facts  # from empty: every node is looked at anyway
        nodes, endpoint_flips = self._replace_articles(new, changed)
        raw_changed = self._refresh_raw(changed, new, endpoint_flips)
        seeds: set[str] = set()
        candidates = self._refresh_scoping(raw_changed, nodes, seeds)
        identity, attributes = self._refresh_nodes(candidates)  # what the rules read; what only the actors read
        seeds |= identity
        self._name_edges(identity, seeds, lex)
        moved = set(self._components(_MERGE_STAGE, seeds)[0])
        flips, self._source_flips = self._source_flips, set()
        self._short_names(identity | moved | flips, seeds, lex, everything)
        moved = set(self._components(_SHORT_STAGE, seeds)[0])
        owner_flips, self._owner_flips = self._owner_flips, set()
        flips |= self._source_flips
        self._source_flips = set()
        # an organisation's own articles say which owner they name: looked at again, not the names it extends
        self._owned_names(identity | moved | flips, owner_flips, seeds, lex, everything, candidates | attributes)
        last = self._comp[_OWNED_STAGE]
        moved_last, visited = self._components(_OWNED_STAGE, seeds)
        roots = {r for r in moved_last.values() if r is not None} | {last[n] for n in visited | attributes if n in last}
        for node, root in moved_last.items():
            if root is not None:
                self._members[root].discard(node)
            if node in last:
                self._members[last[node]].add(node)
        renamed = self._refresh_groups(roots)
        self._link_owners(lex)
        members = {n for r in roots | renamed for n in self._members.get(r, ())}
        articles = self._refresh_mentions(self._refresh_node_slugs(members | set(moved_last)), changed)
        articles |= self._refresh_roles(articles | changed)
        return self._change(articles)

    def _replace_articles(self, new: dict[str, ArticleFacts], changed: set[str]) -> tuple[set[str], set[str]]:
        """Swap the changed articles' facts; the nodes they give, and those whose reason count crossed zero."""
        nodes: set[str] = set()
        delta: Counter[str] = Counter()
        for aid in sorted(changed):
            old = self._facts.get(aid)
            if old is not None:
                for node in self._article(aid)[0]:
                    nodes.add(node)
                    row = dict(self._gives.get(node, {}))
                    row.pop(aid, None)
                    if row:
                        self._gives[node] = row
                    else:
                        self._gives.pop(node, None)
                del self._facts[aid]
                self._read.pop(aid, None)
                self._by_mention.pop(aid, None)
                for a, _b, _rule, _reason in old.reasons:
                    delta[a] -= 1
                for i, variant in enumerate(old.variants):
                    _file(self._variants_from, variant[0], (aid, i), -1)
            fact = new.get(aid)
            if fact is not None:
                self._facts[aid] = fact
                for node, gives in self._article(aid)[0].items():
                    nodes.add(node)
                    self._gives[node] = {**self._gives.get(node, {}), aid: gives}
                for a, _b, _rule, _reason in fact.reasons:
                    delta[a] += 1
                for i, variant in enumerate(fact.variants):
                    _file(self._variants_from, variant[0], (aid, i), 1)
        for node in nodes:
            found = self._gather(node)
            if found is None:
                self._base.pop(node, None)
            else:
                self._base[node] = found
        flips: set[str] = set()
        for node, d in delta.items():
            _tally(self._endpoints, node, d, flips)
        return nodes, flips

    def _gather(self, node: str) -> _Node | None:
        """A node as the articles that give it give it, in article order (a node without a kind is none)."""
        kind = code = fixed = scoped = None
        surface: set[str] = set()
        written: set[str] = set()
        articles: set[str] = set()
        for aid, gives in sorted(self._gives.get(node, {}).items()):
            for k, replaces in gives.kinds:
                if replaces or kind is None:
                    kind = k
            surface |= gives.surface
            written |= gives.written
            if gives.present:
                articles.add(aid)
            code = gives.code or code
            fixed = gives.fixed or fixed
            scoped = aid if gives.scoped else scoped
        if kind is None:
            return None
        return _Node(kind, frozenset(surface), frozenset(written), frozenset(articles), code, fixed, scoped)

    def _refresh_raw(self, changed: set[str], new: dict[str, ArticleFacts], flips: set[str]) -> set[tuple[str, str, int]]:
        """The in-article reasons kept: every reason, and a spelling variant whose first name is in no reason."""
        moved: set[tuple[str, str, int]] = set()
        for aid in changed:
            for rid in list(self._raw_of.get(aid, ())):
                self._set_raw(rid, None, moved)
            fact = new.get(aid)
            if fact is not None:
                for i, reason in enumerate(fact.reasons):
                    self._set_raw((aid, "r", i), reason, moved)
                for i, variant in enumerate(fact.variants):
                    self._set_raw((aid, "v", i), variant if not self._endpoints[variant[0]] else None, moved)
        for node in flips:
            for aid, i in list(self._variants_from.get(node, ())):
                if aid not in changed:
                    variant = self._facts[aid].variants[i]
                    self._set_raw((aid, "v", i), variant if not self._endpoints[node] else None, moved)
        return moved

    def _set_raw(
        self, rid: tuple[str, str, int], value: tuple[str, str, str, str] | None, moved: set[tuple[str, str, int]]
    ) -> None:
        old = self._raw.get(rid)
        if old == value:
            return
        moved.add(rid)
        aid = rid[0]
        if old is not None:
            del self._raw[rid]
            _file(self._raw_of, aid, rid, -1)
            _file(self._raw_from, old[0], rid, -1)
            if old[2] in _IN_ARTICLE_RULES:
                _count(self._in_targets, old[0], old[1], -1)
                _count(self._in_articles, old[0], aid, -1)
            self._sources_changed.add(old[0])
        if value is not None:
            self._raw[rid] = value
            _file(self._raw_of, aid, rid, 1)
            _file(self._raw_from, value[0], rid, 1)
            if value[2] in _IN_ARTICLE_RULES:
                _count(self._in_targets, value[0], value[1], 1)
                _count(self._in_articles, value[0], aid, 1)
            self._sources_changed.add(value[0])

    def _refresh_scoping(self, raw: set[tuple[str, str, int]], nodes: set[str], seeds: set[str]) -> set[str]:
        """Scope the names that articles join to different fuller names; the first stage's in-article merges.

        Returns the nodes whose attributes may have changed (``_refresh_nodes`` compares them)."""
        sources, self._sources_changed = self._sources_changed, set()
        flipped = set()
        for node in sources:
            ambiguous = len(self._in_targets.get(node, ())) > 1
            if ambiguous != (node in self._ambiguous):
                flipped.add(node)
                if ambiguous:
                    self._ambiguous[node] = True
                else:
                    del self._ambiguous[node]
        for rid in raw | {rid for node in flipped for rid in self._raw_from.get(node, ())}:
            value = self._raw.get(rid)
            edge = None
            if value is not None:
                a, b, rule, reason = value
                if a in self._ambiguous and rule in _IN_ARTICLE_RULES:
                    a, reason = f"{a}{_COPY}{rid[0]}", reason + _AMBIGUOUS
                edge = _Edge(a, b, rule, reason, _MERGE_STAGE)
            self._put_edge(("art", *map(str, rid)), edge, seeds)
        candidates = set(nodes) | flipped
        for node in sources | nodes:
            if node not in self._ambiguous and node not in self._copies:
                continue
            base = self._base.get(node)
            homes = set(self._in_articles.get(node, ())) | set(base.articles if base else ())
            new = {f"{node}{_COPY}{aid}": aid for aid in homes} if node in self._ambiguous and base else {}
            old = self._copies.pop(node, set())
            for copy in old - new.keys():
                aid = self._copy_of.pop(copy)[1]
                self._stale_pairs.add((aid, node))
            for copy, aid in new.items():
                self._copy_of[copy] = (node, aid)
                self._stale_pairs.add((aid, node))
            if new:
                self._copies[node] = set(new)
            candidates |= old | new.keys()
        for node in flipped:  # its mentions are its copies now, or itself again
            base = self._base.get(node)
            self._stale_pairs.update((aid, node) for aid in (base.articles if base else ()))
        return candidates

    def _effective(self, node: str) -> _Node | None:
        if node in self._base and node not in self._ambiguous:
            return self._base[node]
        if node in self._copy_of:
            of, aid = self._copy_of[node]
            base = self._base.get(of)
            if base is not None:
                return _Node(base.kind, base.surface, frozenset(), frozenset({aid}), base.code, None, aid)
        return None

    def _refresh_nodes(self, candidates: set[str]) -> tuple[set[str], set[str]]:
        """Bring the nodes of ``candidates`` and the tables over them up to date.

        Returns the nodes that came, went or changed kind or scope (what the rules read), and those of
        which only names, articles or codes changed (what only their actor reads)."""
        identity, attributes = set(), set()
        for node in candidates:
            new = self._effective(node)
            old = self._nodes.get(node)
            if new == old:
                continue
            if old is None or new is None or (old.kind, old.scoped) != (new.kind, new.scoped):
                identity.add(node)
                if old is not None:
                    self._index_node(node, old, -1)
                if new is not None:
                    self._index_node(node, new, 1)
            else:
                attributes.add(node)
            if new is None:
                del self._nodes[node]
            else:
                self._nodes[node] = new
        return identity, attributes

    def _index_node(self, node: str, found: _Node, sign: int) -> None:
        name, words = _name(node), self._w(node)
        if found.kind in (ORGANIZATION, PLACE):
            _file(self._by_name, name, node, sign)
        if found.kind not in (PERSON, PLACE):
            _tally(self._owner_count, name, sign, self._owner_flips)
        if found.scoped is not None or not words:
            return
        if found.kind == PERSON:
            for word in dict.fromkeys(words):
                _file(self._having_word, word, node, sign)
            _file(self._first_word, words[0], node, sign)
        elif found.kind == ORGANIZATION:
            _file(self._starting_with, words[0], node, sign)
            _file(self._org_words, words, node, sign)
            for k in range(1, len(words)):
                _file(self._org_ending, " ".join(words[k:]), node, sign)

    def _put_edge(self, eid: tuple[str, ...], edge: _Edge | None, seeds: set[str]) -> None:
        old = self._edges.get(eid)
        if old == edge:
            return
        for e, sign in ((old, -1), (edge, 1)):
            if e is None:
                continue
            seeds.update((e.a, e.b))
            if sign > 0:
                self._edges[eid] = e
            else:
                del self._edges[eid]
            for end in dict.fromkeys((e.a, e.b)):
                _file(self._edges_at, end, eid, sign)
            if e.stage == _MERGE_STAGE:
                _tally(self._sources, e.a, sign, self._source_flips)

    def _name_edges(self, changed: set[str], seeds: set[str], lex: Lexicon) -> None:
        """``same-name-other-kind`` and ``classifier-name`` for the names of the nodes that changed."""
        names = {_name(node) for node in changed}
        bares = set(names)
        for name in names:
            words = name.split()
            if len(words) >= 2 and words[0] in lex.name_classifiers:
                bares.add(" ".join(words[1:]))
        for name in names:
            first, *others = sorted(self._by_name.get(name, ())) or [""]
            new = {
                ("same", name, other): _Edge(
                    first,
                    other,
                    "same-name-other-kind",
                    f"{name!r} is read both as {self._nodes[first].kind} and as {self._nodes[other].kind}",
                    _MERGE_STAGE,
                )
                for other in others
            }
            for eid in self._name_edge_ids.pop(name, set()) - new.keys():
                self._put_edge(eid, None, seeds)
            for eid, found in new.items():
                self._put_edge(eid, found, seeds)
            if new:
                self._name_edge_ids[name] = set(new)
        for bare in bares:
            edge: _Edge | None = None
            if self._by_name.get(bare):
                named = [
                    f"{word} {bare}"
                    for word in sorted(lex.name_classifiers)
                    if " " not in word and self._by_name.get(f"{word} {bare}") and not {_SCOPE, _COPY} & set(bare)
                ]
                if len(named) == 1:
                    a, b = min(self._by_name[bare]), min(self._by_name[named[0]])
                    edge = _Edge(a, b, "classifier-name", f"{named[0]!r} is {bare!r} with its classifier", _MERGE_STAGE)
            self._put_edge(("classifier", bare), edge, seeds)

    def _components(self, stage: int, seeds: set[str]) -> tuple[dict[str, str | None], set[str]]:
        """Recompute the groups of ``stage`` around ``seeds``: the nodes whose group moved (with the root of the
        group they were in, None for a new node), and those visited."""
        comp = self._comp[stage]
        moved: dict[str, str | None] = {}
        visited: set[str] = set()
        todo = list(seeds)
        while todo:
            seed = todo.pop()
            if seed in visited:
                continue
            if seed not in self._nodes:  # gone: the groups it held together are looked at from its neighbours
                if seed in comp:
                    moved[seed] = comp.pop(seed)
                    for eid in self._edges_at.get(seed, ()):
                        edge = self._edges[eid]
                        todo.append(edge.b if edge.a == seed else edge.a)
                continue
            group, stack = {seed}, [seed]
            while stack:
                x = stack.pop()
                for eid in self._edges_at.get(x, ()):
                    edge = self._edges[eid]
                    if edge.stage <= stage:
                        y = edge.b if edge.a == x else edge.a
                        if y not in group and y in self._nodes:
                            group.add(y)
                            stack.append(y)
            root = min(group)
            for node in group:
                before = comp.get(node)
                if before != root:
                    comp[node] = root
                    moved[node] = before
            visited |= group
        return moved, visited

    def _short_names(self, nodes: set[str], seeds: set[str], lex: Lexicon, everything: bool) -> None:
        """``unique-short-name`` for ``nodes`` and the shorter names of them."""
        suffixes = lex.name_suffixes
        todo = set(nodes)
        if not everything:
            for full in nodes:
                words = self._w(full)
                for word in set(words):
                    todo.update(n for n in self._first_word.get(word, ()) if _is_part_of(self._w(n), words, suffixes))
        comp = self._comp[_MERGE_STAGE]
        for node in todo:
            edge = None
            found, words = self._nodes.get(node), self._w(node)
            if found and found.kind == PERSON and found.scoped is None and words and not self._sources[node]:
                longer = {
                    f: self._w(f)
                    for f in self._having_word.get(words[0], ())
                    if comp[f] != comp[node] and _is_part_of(words, self._w(f), suffixes)
                }
                matches = {comp[f] for f in _maximal(longer, suffixes)}
                if len(matches) == 1:
                    name = " ".join(words)
                    reason = f"{name!r} matches only one fuller name in the corpus"
                    edge = _Edge(node, matches.pop(), "unique-short-name", reason, _SHORT_STAGE)
            self._put_edge(("short", node), edge, seeds)

    def _owned_names(
        self, nodes: set[str], owner_flips: set[str], seeds: set[str], lex: Lexicon, everything: bool, alone: set[str]
    ) -> None:
        """``unique-owned-name`` and ``owned-name-owner-in-article`` for ``nodes`` and the names they extend, and for
        the nodes of ``alone``."""
        todo = set(nodes) | alone
        if not everything:
            fuller = set(nodes) | {n for owner in owner_flips for n in self._org_ending.get(owner, ())}
            for full in fuller:
                words = self._w(full)
                for k in range(1, len(words)):
                    todo.update(self._org_words.get(words[:k], ()))
        owners = _Owners(_known_owners(lex), self._owner_count)
        comp = self._comp[_SHORT_STAGE]
        for node in todo:
            edge = None
            found, short = self._nodes.get(node), self._w(node)
            if found and found.kind == ORGANIZATION and found.scoped is None and short and not self._sources[node]:
                owner_of = {
                    other: " ".join(self._w(other)[len(short) :])
                    for other in self._starting_with.get(short[0], ())
                    if comp[other] != comp[node] and _adds_owner(short, self._w(other), owners)
                }
                owned = {comp[other] for other in owner_of}
                rule, reason = "unique-owned-name", f"{' '.join(short)!r} matches only one name with its owner in the corpus"
                if len(owned) > 1:
                    # several owners in the corpus: keep the one named in the same article (an article on Indonesia)
                    named_here = set().union(*(self._facts[a].owners for a in found.articles))
                    owned = {comp[other] for other, owner in owner_of.items() if owner in named_here}
                    rule = "owned-name-owner-in-article"
                    reason = f"{' '.join(short)!r} matches one name whose owner is named in the same article"
                if len(owned) == 1:
                    edge = _Edge(node, owned.pop(), rule, reason, _OWNED_STAGE)
            self._put_edge(("owned", node), edge, seeds)

    def _group(self, nodes: list[str]) -> Actor | None:
        """The actor of a group of nodes (sorted), slugged by its name alone (the family its slug is chosen in); None
        for a group without a name."""
        found = [self._nodes[n] for n in nodes]
        names = sorted({s for f in found for s in f.surface} | {f.fixed for f in found if f.fixed})
        if not names:
            return None
        fixed = sorted(f.fixed for f in found if f.fixed)
        kinds = [f.kind for f in found]
        name = fixed[0] if fixed else max(names, key=lambda s: (self._length(s), len(s), s))
        if name[:1].islower() and PERSON not in kinds:
            name = name[:1].upper() + name[1:]  # a label is a name: "pasukan Israel" mid-sentence is "Pasukan Israel"
        aliases = tuple(sorted(set(names) | {w for f in found for w in f.written}))
        kind = COUNTRY if COUNTRY in kinds else min(kinds, key=lambda k: (kinds.count(k) * -1, k))
        if kind == PLACE and any(k != PLACE for k in kinds):
            kind = next(k for k in kinds if k != PLACE)
        base = _slug(name)
        home = found[0].scoped if all(f.scoped is not None for f in found) else None
        if home is not None:
            digest = hashlib.sha1(home.encode("utf-8", "surrogatepass")).hexdigest()[:8]
            base = f"{base}-{slugify(home)[:40].rstrip('-')}-{digest}"
        code = next((f.code for f in found if f.code), None)
        articles = tuple(sorted({a for f in found for a in f.articles}))
        return Actor(base, name, kind, aliases, articles, code)

    def _refresh_groups(self, roots: set[str]) -> set[str]:
        """Rebuild the actors of ``roots``; the roots of every family of slugs looked at again."""
        families: set[str] = set()
        last = self._comp[_OWNED_STAGE]
        for root in roots:
            old = self._groups.pop(root, None)
            if old is not None:
                families.add(old.slug)
                self._families[old.slug].discard(root)
            members = self._members.get(root)
            if not members:
                self._members.pop(root, None)
            elif last.get(root) == root:
                group = self._group(sorted(members))
                if group is not None:
                    self._groups[root] = group
                    self._families[group.slug].add(root)
                    families.add(group.slug)
            if root in self._root_slug and root not in self._groups:
                self._drop_slug(root)
        for base in list(families):  # a slug another family may have taken with a suffix: "x-person" of "x"
            families.update(base[:i] for i, ch in enumerate(base) if ch == "-" and base[:i] in self._families)
        reassigned: set[str] = set()
        for base in families:
            family = sorted(self._families.get(base, ()))
            if not family:
                self._families.pop(base, None)
                continue
            reassigned.update(family)
            for root in family:
                if root in self._root_slug:
                    self._drop_slug(root)
            taken: set[str] = set()
            for root in family:
                group = self._groups[root]
                slug = base
                if taken:  # two groups with one canonical name (e.g. a person and an org): keep apart
                    stem, count = f"{base}-{group.kind.lower()}", 1
                    slug = stem
                    while slug in taken or self._families.get(slug):
                        count += 1
                        slug = f"{stem}-{count}"
                taken.add(slug)
                self._root_slug[root] = slug
                self._slug_root[slug] = root
                self._set_own_actor(slug, replace(group, slug=slug))
        return reassigned

    def _drop_slug(self, root: str) -> None:
        """Take a group's slug back (its actor goes, unless another group has the slug already)."""
        slug = self._root_slug.pop(root)
        if self._slug_root.get(slug) == root:
            del self._slug_root[slug]
            self._set_own_actor(slug, None)

    def _set_own_actor(self, slug: str, actor: Actor | None) -> None:
        self._own_before.setdefault(slug, self._own_actors.get(slug))
        if actor is None:
            self._own_actors.pop(slug, None)
        else:
            self._own_actors[slug] = actor

    def _set_actor(self, slug: str, actor: Actor | None) -> None:
        self._actors_before.setdefault(slug, self._actors.get(slug))
        if actor is None:
            self._actors.pop(slug, None)
        else:
            self._actors[slug] = actor

    def _link_owners(self, lex: Lexicon) -> None:
        """Give each organisation whose names end with one country (``_owner_code``) that country as ``country``.

        A country named only inside such names ("Militer Myanmar") becomes an actor of its own, mentioned in
        those organisations' articles.
        """
        codes: set[str] = set()
        changed, self._own_before = self._own_before, {}
        for slug, old in changed.items():
            new = self._own_actors.get(slug)
            if old == new:
                continue
            if old is not None:
                if old.kind == COUNTRY and old.country_code:
                    _file(self._countries, old.country_code, slug, -1)
                    codes.add(old.country_code)
                if slug in self._owned:
                    code = self._owned.pop(slug)
                    _file(self._owned_by_code, code, slug, -1)
                    codes.add(code)
            if new is not None:
                if new.kind == COUNTRY and new.country_code:
                    _file(self._countries, new.country_code, slug, 1)
                    codes.add(new.country_code)
                if new.kind == ORGANIZATION:
                    ends = {c for name in new.aliases if (c := _owner_code(name, lex))}
                    if len(ends) == 1:
                        owner = self._owned[slug] = ends.pop()
                        _file(self._owned_by_code, owner, slug, 1)
                        codes.add(owner)
            codes.update(self._minted_plain.get(slug, ()))  # a minted country's slug taken or freed
            self._set_actor(slug, new)
        freed: set[str] = set()  # slugs minted countries gave back: their own actors again, after the links
        minted_now: set[str] = set()
        for code in sorted(codes):
            owned = sorted(self._owned_by_code.get(code, ()))
            countries = self._countries.get(code)
            country: str | None = max(countries) if countries else None
            old_minted = self._minted.pop(code, None)
            if old_minted is not None:
                for looked in old_minted[0]:
                    _file(self._minted_plain, looked, code, -1)
                freed.add(old_minted[1])
            if country is None and owned:
                name = lex.country_names.get(code, code)
                looked_at = [slugify(name)]  # the slugs it looked at: one taken later moves it
                while looked_at[-1] in self._own_actors or self._families.get(looked_at[-1]):
                    stem = f"{looked_at[0]}-{COUNTRY.lower()}"
                    looked_at.append(stem if len(looked_at) == 1 else f"{stem}-{len(looked_at)}")
                country = looked_at[-1]
                articles = tuple(sorted({a for s in owned for a in self._own_actors[s].articles}))
                self._minted[code] = (tuple(looked_at), country)
                for looked in looked_at:
                    _file(self._minted_plain, looked, code, 1)
                minted_now.add(country)
                self._set_actor(country, Actor(country, name, COUNTRY, (name,), articles, code))
            if self._country_of.get(code) != country:  # every organisation of the country points elsewhere now
                relink = owned
                if country is None:
                    self._country_of.pop(code, None)
                else:
                    self._country_of[code] = country
            else:
                relink = [slug for slug in owned if slug in changed]
            for slug in relink:
                self._set_actor(slug, replace(self._own_actors[slug], country=country))
        for slug in freed - minted_now:
            own = self._own_actors.get(slug)
            if own is not None and slug in self._owned:
                own = replace(own, country=self._country_of.get(self._owned[slug]))
            self._set_actor(slug, own)

    def _refresh_node_slugs(self, nodes: set[str]) -> set[str]:
        """The slug of each node of ``nodes``; those whose slug changed."""
        moved = set()
        last = self._comp[_OWNED_STAGE]
        for node in nodes:
            root = last.get(node) if node in self._nodes else None
            slug = self._root_slug.get(root) if root is not None else None
            if slug != self._node_slug.get(node):
                moved.add(node)
                if slug is None:
                    del self._node_slug[node]
                else:
                    self._node_slug[node] = slug
        return moved

    def _refresh_mentions(self, moved: set[str], changed: set[str]) -> set[str]:
        """Resolve again the mentions of the nodes whose slug moved and those of the changed articles.

        Returns the articles whose mentions moved."""
        pairs, self._stale_pairs = self._stale_pairs, set()
        for node in moved:
            if node in self._copy_of:
                pairs.add(self._copy_of[node][::-1])
            else:
                base = self._base.get(node)
                pairs.update((aid, node) for aid in (base.articles if base else ()))
        by_article: dict[str, set[str]] = defaultdict(set)
        for aid, node in pairs:
            by_article[aid].add(node)
        for aid in changed:
            if aid in self._facts:
                by_article[aid].update(self._article(aid)[1])
        articles = set()
        for aid, nodes in by_article.items():
            if aid not in self._facts:
                continue
            mentions = self._article(aid)[1]
            row = dict(self._by_mention.get(aid, {}))
            before = dict(row)
            for node in nodes:
                here = f"{node}{_COPY}{aid}" if node in self._ambiguous else node
                slug = self._node_slug.get(here)
                for key in mentions.get(node, ()):
                    if slug is None:
                        row.pop(key, None)
                    else:
                        row[key] = slug
            if row != before:
                articles.add(aid)
                if row:
                    self._by_mention[aid] = row
                else:
                    self._by_mention.pop(aid, None)
        return articles

    def _refresh_roles(self, articles: set[str]) -> set[str]:
        """The owners the corpus gives to titles, again for the roles of ``articles``; the articles whose role owners moved."""
        keys: set[tuple[str, str]] = set()
        for aid in articles:
            for person, title, of in self._roles.pop(aid, ()):
                keys.add((person, title))
                _count(self._role_articles, (person, title), aid, -1)
                if of is not None:
                    _count(self._held, (person, title), of, -1)
            fact = self._facts.get(aid)
            resolved = self._by_mention.get(aid, {})
            rows: list[tuple[str, str, str | None]] = []
            for key, title, of_key in fact.roles if fact else ():
                found = resolved.get(key)
                if found is None:
                    continue
                person = found
                of = resolved.get(of_key) if of_key is not None else None
                rows.append((person, title, of))
                keys.add((person, title))
                _count(self._role_articles, (person, title), aid, 1)
                if of is not None:
                    _count(self._held, (person, title), of, 1)
            if rows:
                self._roles[aid] = rows
        moved: set[str] = set()
        for role in keys:
            held: Mapping[str, int] = self._held.get(role, {})
            owner = next(iter(held)) if len(held) == 1 else None
            if owner != self._role_owners.get(role):
                moved.update(self._role_articles.get(role, ()))
                if owner is None:
                    del self._role_owners[role]
                else:
                    self._role_owners[role] = owner
        return moved

    def _change(self, articles: set[str]) -> ResolutionChange:
        before, self._actors_before = self._actors_before, {}
        changed: set[str] = set()
        removed: set[str] = set()
        for slug, old in before.items():
            new = self._actors.get(slug)
            if old == new:
                continue
            (removed if new is None else changed).add(slug)
            if old is None or new is None or (old.kind, old.name) != (new.kind, new.name):
                articles.update(old.articles if old else ())
                articles.update(new.articles if new else ())
        return ResolutionChange(frozenset(a for a in articles if a in self._facts), frozenset(changed), frozenset(removed))

    def merges(self) -> tuple[Merge, ...]:
        """Why each name joined its actor, in a stable order (reads every merge)."""
        return self._as_merges(self._edges.values())

    def merges_of(self, slugs: Iterable[str]) -> tuple[Merge, ...]:
        """Why each name of the actors ``slugs`` joined it."""
        edges: dict[tuple[str, ...], _Edge] = {}
        for slug in slugs:
            root = self._slug_root.get(slug)
            for node in self._members.get(root, ()) if root is not None else ():
                edges.update((eid, self._edges[eid]) for eid in self._edges_at.get(node, ()))
        return self._as_merges(edges.values())

    def _as_merges(self, edges: Iterable[_Edge]) -> tuple[Merge, ...]:
        found = []
        for edge in edges:
            if edge.a in self._nodes and edge.b in self._nodes:
                name = _name(edge.a).split(_COPY, 1)[0].split(_SCOPE, 1)[0]
                if edge.stage != _MERGE_STAGE:
                    name = " ".join(self._w(edge.a))
                found.append(Merge(self._node_slug.get(edge.b, edge.b), name, edge.rule, edge.reason))
        return tuple(sorted(found, key=lambda m: (m.actor, m.name, m.rule, m.reason)))


class _MentionView(Mapping[tuple[str, int, int, int], str]):
    """``ActorIndex.by_mention`` over a resolver's table of each article's mentions, read as asked."""

    def __init__(self, rows: Mapping[str, Mapping[tuple[int, int, int], str]]) -> None:
        self._rows = rows

    def __getitem__(self, key: tuple[str, int, int, int]) -> str:
        row = self._rows.get(key[0])
        if row is None:
            raise KeyError(key)
        return row[tuple(key[1:])]  # type: ignore[index]

    def __iter__(self) -> Iterator[tuple[str, int, int, int]]:
        for aid, row in self._rows.items():
            for key in row:
                yield (aid, *key)

    def __len__(self) -> int:
        return sum(len(row) for row in self._rows.values())


def _count(table: MutableMapping[Any, Counter[str]], key: Any, item: str, sign: int) -> None:
    counts = table[key]
    counts[item] += sign
    if not counts[item]:
        del counts[item]
    if not counts:
        del table[key]


def _tally(counts: MutableMapping[str, int], key: str, delta: int, flips: set[str]) -> None:
    """Add ``delta`` to ``counts[key]`` (a zero count is no entry); ``key`` joins ``flips`` where it crossed zero."""
    before = counts.get(key, 0)
    after = before + delta
    if (before > 0) != (after > 0):
        flips.add(key)
    if after:
        counts[key] = after
    else:
        counts.pop(key, None)


def _file(table: MutableMapping[Any, set[Any]], key: Any, item: Any, sign: int) -> None:
    if sign > 0:
        table[key].add(item)
    else:
        table[key].discard(item)
        if not table[key]:
            del table[key]
