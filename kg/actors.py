"""Actor resolution: ``Extractions -> Actors``, one node per real-world actor.

Recomputed from all articles at once, so the result does not depend on their order.
Merge rules, each recorded with its reason:

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
- ``unique-owned-name``: an organisation named without its owner ("Dewan Keamanan") that matches
  exactly one owned name across the corpus ("Dewan Keamanan PBB"); with two ("Kementerian Luar
  Negeri RI", "... Turki") it stays apart.
- ``same-name-other-kind``: one name read as an organisation in one place and as a place in
  another ("Tel Aviv"); a person is never joined this way, so namesakes stay apart.
- ``unique-short-name``: a short person name that matches exactly one full name in the corpus.
- ``spelling-variant-in-article``: two names of one article that differ by one vowel in one word
  ("Kane" / "Ali Baghi Kani", "Abdul" / "Abdel Fattah al-Sisi", "Ikhawanul" / "Ikhwanul Muslimin"):
  transliteration and translation noise. Only where the name has no exact match in the article,
  and only with one candidate; names that differ in a consonant ("Rahman", "Rahmat") stay apart.
- ``owned-name-owner-in-article``: an organisation named without its owner ("Kementerian Luar
  Negeri") that matches several owned names in the corpus, of which exactly one has its owner
  named in the same article.

Organisation names are compared with their short forms written out (``[organizations.abbreviations]``
in lexicon.toml: "Kemlu RI" is "Kementerian Luar Negeri RI") and an owner country by its code
("... RI" and "... Indonesia" are one name). The honorifics written before a person's name
("Sheikh", "Dato Sri") are kept as an alias, never as the canonical name.

The canonical name is the fullest name seen (or the table's / CLDR's name); the IRI is
minted from it, so rebuilding gives the same IRIs.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from kg.lexicon import Lexicon, get_lexicon, normalize_name, slugify
from kg.types import COUNTRY, ORGANIZATION, PERSON, PLACE, Extraction, Mention

__all__ = ["Actor", "ActorIndex", "ArticleFacts", "Merge", "article_facts", "resolve_actors", "resolve_facts"]

_SCOPE = "@"  # joins a node's name to the article it is scoped to


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

    actors: dict[str, Actor]
    by_mention: dict[tuple[str, int, int, int], str]
    merges: tuple[Merge, ...]
    role_owners: dict[tuple[str, str], str] = field(default_factory=dict)

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


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


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


def _adds_owner(short: tuple[str, ...], full: tuple[str, ...], owners: frozenset[str] | set[str]) -> bool:
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


def _scope_ambiguous_names(
    reasons: list[tuple[str, str, str, str]],
    reason_article: dict[int, str],
    mention_node: dict[tuple[str, int, int, int], str],
    kind_of: dict[str, str],
    surface: dict[str, set[str]],
    articles_of: dict[str, set[str]],
    code_of: dict[str, str],
    scoped: dict[str, str],
) -> None:
    """A name that articles join to different fuller names ("BPBD" to "BPBD DKI Jakarta" in one article and
    to "BPBD Biak" in another, "Widodo" to two persons) stands for another actor in each: its mentions and
    those joins are scoped to their article, so the fuller names are never joined through it."""
    targets: dict[str, set[str]] = defaultdict(set)
    for k, (a, b, rule, _reason) in enumerate(reasons):
        if k in reason_article and rule in _IN_ARTICLE_RULES:
            targets[a].add(b)
    ambiguous = {a for a, found in targets.items() if len(found) > 1}
    if not ambiguous:
        return

    def scope(node: str, aid: str) -> str:
        local = f"{node}{_SCOPE}{aid}"
        if local not in kind_of:
            kind_of[local] = kind_of[node]
            surface[local] = set(surface[node])
            articles_of[local] = {aid}
            if node in code_of:
                code_of[local] = code_of[node]
            scoped[local] = aid
        return local

    for k, (a, b, rule, reason) in enumerate(reasons):
        aid = reason_article.get(k)
        if a in ambiguous and aid is not None and rule in _IN_ARTICLE_RULES:
            reasons[k] = (scope(a, aid), b, rule, f"{reason} (the name stands for another actor in other articles)")
    for key, node in list(mention_node.items()):
        if node in ambiguous:
            mention_node[key] = scope(node, key[0])
    for node in ambiguous:  # every mention moved to its article's node
        for table in (kind_of, surface, articles_of, code_of):
            table.pop(node, None)  # type: ignore[attr-defined]


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


def _link_owners(actors: dict[str, Actor], lex: Lexicon) -> None:
    """Give each organisation whose names end with one country (``_owner_code``) that country as ``country``.

    A country named only inside such names ("Militer Myanmar") becomes an actor of its own, mentioned in
    those organisations' articles.
    """
    country_slug = {a.country_code: slug for slug, a in sorted(actors.items()) if a.kind == COUNTRY and a.country_code}
    minted: dict[str, set[str]] = defaultdict(set)  # code of a country named only inside names -> articles
    owned: dict[str, str] = {}
    for slug, actor in sorted(actors.items()):
        if actor.kind != ORGANIZATION:
            continue
        codes = {code for name in actor.aliases if (code := _owner_code(name, lex))}
        if len(codes) == 1:
            owned[slug] = code = codes.pop()
            if code not in country_slug:
                minted[code].update(actor.articles)
    for code, articles in sorted(minted.items()):
        name = lex.country_names.get(code, code)
        slug = slugify(name)
        if slug in actors:
            slug = f"{slug}-{COUNTRY.lower()}"
        actors[slug] = Actor(slug, name, COUNTRY, (name,), tuple(sorted(articles)), code)
        country_slug[code] = slug
    for slug, code in owned.items():
        actors[slug] = replace(actors[slug], country=country_slug[code])


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
    """Spelling-variant merges, kept unless their first node is in a reason of an earlier article or in ``reasons``."""
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
        if m.initials:
            node = f"{node}{_SCOPE}{aid}"  # a suspect's initials: this article's person only
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
        alias = None if m.initials else lex.aliases.get(_norm(m.text))
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
    # unless the first name is already in a merge: ``resolve_facts``)
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
    lex = lexicon or get_lexicon()
    uf = _UnionFind()
    merges: list[Merge] = []
    kind_of: dict[str, str] = {}
    surface: dict[str, set[str]] = defaultdict(set)
    articles_of: dict[str, set[str]] = defaultdict(set)
    code_of: dict[str, str] = {}
    mention_node: dict[tuple[str, int, int, int], str] = {}
    fixed_name: dict[str, str] = {}
    reasons: list[tuple[str, str, str, str]] = []  # (node a, node b, rule, reason)
    scoped: dict[str, str] = {}  # node -> the one article it belongs to (initials)
    known_owners = _known_owners(lex)
    written: dict[str, set[str]] = defaultdict(set)
    owners_named: dict[str, frozenset[str]] = {}  # article -> the countries and organisations it names
    reason_article: dict[int, str] = {}  # index of an in-article reason -> its article
    in_reasons: set[str] = set()  # the nodes of the reasons so far
    node_words: dict[str, tuple[str, ...]] = {}
    name_words: dict[str, int] = {}

    def tokens(node: str) -> tuple[str, ...]:
        found = node_words.get(node)
        return found if found is not None else _tokens(node.split("|", 1)[1])

    def length(name: str) -> int:
        found = name_words.get(name)
        return found if found is not None else len(_tokens(name))

    ordered = sorted(facts, key=lambda f: f.article)
    for fact in ordered:
        aid = fact.article
        first_reason = len(reasons)
        node_words.update(fact.node_words)
        name_words.update(fact.name_words)
        owners_named[aid] = fact.owners
        for node, kind, replaces in fact.kinds:
            if replaces:
                kind_of[node] = kind
            else:
                kind_of.setdefault(node, kind)
        for node, text in fact.surface:
            surface[node].add(text)
        for node, text in fact.written:
            written[node].add(text)
        for node in fact.present:
            articles_of[node].add(aid)
        for key, node in fact.mentions:
            mention_node[(aid, *key)] = node
        code_of.update(fact.codes)
        fixed_name.update(fact.fixed)
        scoped.update(dict.fromkeys(fact.scoped, aid))
        reasons.extend(fact.reasons)
        for a, b, _rule, _reason in fact.reasons:
            in_reasons.update((a, b))
        kept = [variant for variant in fact.variants if variant[0] not in in_reasons]
        reasons.extend(kept)
        for a, b, _rule, _reason in kept:
            in_reasons.update((a, b))
        reason_article.update(dict.fromkeys(range(first_reason, len(reasons)), aid))
    _scope_ambiguous_names(reasons, reason_article, mention_node, kind_of, surface, articles_of, code_of, scoped)
    # one name read as an organisation here and as a place there
    by_name: dict[str, list[str]] = defaultdict(list)
    for node, kind in kind_of.items():
        if kind in (ORGANIZATION, PLACE):
            by_name[node.split("|", 1)[1]].append(node)
    for name, nodes in sorted(by_name.items()):
        first, *others = sorted(nodes)
        for other in others:
            reason = f"{name!r} is read both as {kind_of[first]} and as {kind_of[other]}"
            reasons.append((first, other, "same-name-other-kind", reason))
    # a name with its classifier and without it across articles: "Partai Golkar" and "Golkar", "Kabupaten Maros"
    # and "Maros" (``[names] classifiers``, which an article also leaves out when it repeats a name), when only
    # one classifier goes with the name: "Kota Bogor" and "Kabupaten Bogor" are two places, "Bogor" either
    classified: dict[str, list[str]] = defaultdict(list)
    for name in by_name:
        words = name.split()
        if len(words) >= 2 and words[0] in lex.name_classifiers and _SCOPE not in name and " ".join(words[1:]) in by_name:
            classified[" ".join(words[1:])].append(name)
    for bare, names in sorted(classified.items()):
        if len(names) == 1:
            reason = f"{names[0]!r} is {bare!r} with its classifier"
            reasons.append((sorted(by_name[bare])[0], sorted(by_name[names[0]])[0], "classifier-name", reason))
    # acronyms written without their expansion elsewhere may have been read with another kind
    for a, b, rule, reason in reasons:
        if kind_of.get(a) and kind_of.get(b):
            uf.union(a, b)
            merges.append(Merge(b, a.split("|", 1)[1].split(_SCOPE, 1)[0], rule, reason))
    already_merged = {a for a, _b, _rule, _reason in reasons}
    # a short person name that matches exactly one full name across the corpus
    suffixes = lex.name_suffixes
    person_nodes = [n for n in kind_of if kind_of[n] == PERSON and n not in scoped]
    org_nodes = sorted(n for n in kind_of if kind_of[n] == ORGANIZATION and n not in scoped)
    tokens_of = {n: tokens(n) for n in (*person_nodes, *org_nodes)}
    full_names = {uf.find(n) for n in person_nodes if len(tokens_of[n]) >= 2}
    having_word: dict[str, list[str]] = defaultdict(list)  # a fuller name must contain the short name's first word
    for n in person_nodes:
        for token in dict.fromkeys(tokens_of[n]):
            having_word[token].append(n)
    for node in person_nodes:
        toks = tokens_of[node]
        if node in already_merged or not toks:
            continue
        longer = {
            f: tokens_of[f]
            for f in having_word[toks[0]]
            if _is_part_of(toks, tokens_of[f], suffixes) and uf.find(f) in full_names and uf.find(f) != uf.find(node)
        }
        matches = {uf.find(f) for f in _maximal(longer, suffixes)}
        if len(matches) == 1:
            target = matches.pop()
            uf.union(node, target)
            name = " ".join(toks)
            merges.append(Merge(target, name, "unique-short-name", f"{name!r} matches only one fuller name in the corpus"))
    # an organisation named without its owner that matches exactly one owned name across the corpus
    corpus_owners = {n.split("|", 1)[1] for n in kind_of if kind_of[n] not in (PERSON, PLACE)} | known_owners
    starting_with: dict[str, list[str]] = defaultdict(list)  # an owned name starts with the short name's first word
    for n in org_nodes:
        if tokens_of[n]:
            starting_with[tokens_of[n][0]].append(n)
    for node in org_nodes:
        short = tokens_of[node]
        if node in already_merged or not short:
            continue
        owner_of = {
            other: " ".join(tokens_of[other][len(short) :])
            for other in starting_with[short[0]]
            if _adds_owner(short, tokens_of[other], corpus_owners) and uf.find(other) != uf.find(node)
        }
        owned = {uf.find(other) for other in owner_of}
        rule, reason = "unique-owned-name", f"{' '.join(short)!r} matches only one name with its owner in the corpus"
        if len(owned) > 1:
            # several owners in the corpus: keep the one named in the same article (an article on Indonesia)
            named_here = set().union(*(owners_named[a] for a in articles_of[node]))
            owned = {uf.find(other) for other, owner in owner_of.items() if owner in named_here}
            rule = "owned-name-owner-in-article"
            reason = f"{' '.join(short)!r} matches one name whose owner is named in the same article"
        if len(owned) == 1:
            target = owned.pop()
            uf.union(node, target)
            merges.append(Merge(target, " ".join(short), rule, reason))
    # build actors
    groups: dict[str, list[str]] = defaultdict(list)
    for node in kind_of:
        groups[uf.find(node)].append(node)
    actors: dict[str, Actor] = {}
    root_slug: dict[str, str] = {}
    for root, nodes in groups.items():
        names = sorted({s for n in nodes for s in surface[n]} | {fixed_name[n] for n in nodes if n in fixed_name})
        if not names:
            continue
        fixed = sorted(fixed_name[n] for n in nodes if n in fixed_name)
        name = fixed[0] if fixed else max(names, key=lambda s: (length(s), len(s), s))
        if name[:1].islower() and PERSON not in {kind_of[n] for n in nodes}:
            name = name[:1].upper() + name[1:]  # a label is a name: "pasukan Israel" mid-sentence is "Pasukan Israel"
        names = sorted(set(names) | {w for n in nodes for w in written[n]})
        kinds = [kind_of[n] for n in nodes]
        kind = COUNTRY if COUNTRY in kinds else min(kinds, key=lambda k: (kinds.count(k) * -1, k))
        if kind == PLACE and any(k != PLACE for k in kinds):
            kind = next(k for k in kinds if k != PLACE)
        slug = slugify(name)
        home = scoped[nodes[0]] if all(n in scoped for n in nodes) else None
        if home is not None:
            slug = (
                f"{slug}-{slugify(home)[:40].rstrip('-')}-{hashlib.sha1(home.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"
            )
        code = next((code_of[n] for n in nodes if n in code_of), None)
        aids = sorted({a for n in nodes for a in articles_of[n]})
        previous = actors.get(slug)
        if previous is not None:  # two groups with one canonical name (e.g. a person and an org): keep apart
            base, count = f"{slug}-{kind.lower()}", 1
            slug = base
            while slug in actors:  # a third group with that name and kind must not replace the second
                count += 1
                slug = f"{base}-{count}"
        actors[slug] = Actor(slug, name, kind, tuple(names), tuple(aids), code)
        root_slug[root] = slug
    _link_owners(actors, lex)
    by_mention = {key: root_slug[uf.find(node)] for key, node in mention_node.items() if uf.find(node) in root_slug}
    final_merges = tuple(Merge(root_slug.get(uf.find(m.actor), m.actor), m.name, m.rule, m.reason) for m in merges)
    held: dict[tuple[str, str], set[str]] = defaultdict(set)  # (person, title) -> what it is of
    for fact in ordered:
        for key, title, of_key in fact.roles:
            person = by_mention.get((fact.article, *key))
            of = by_mention.get((fact.article, *of_key)) if person and of_key is not None else None
            if person and of:
                held[(person, title)].add(of)
    role_owners = {key: next(iter(slugs)) for key, slugs in held.items() if len(slugs) == 1}
    return ActorIndex(actors, by_mention, final_merges, role_owners)
