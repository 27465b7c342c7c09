"""Extraction: ``ParsedDoc -> Extraction`` (actor mentions with roles, and events).

Mentions come from the NER spans plus a gazetteer of country names (CLDR via Babel);
titles glued to names are split off into roles. Events come from the dependency tree
around trigger phrases listed in ``ontology/event-types.ttl``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import deque
from dataclasses import dataclass, replace

from kg.coref import resolve_references
from kg.document import Entity, ParsedDoc, Sentence, Word
from kg.lexicon import Lexicon, Trigger, get_lexicon, normalize_name
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

_KIND_PREFERENCE = {PERSON: 0, ORGANIZATION: 1, COUNTRY: 2, PLACE: 3}
_NOMINAL_LINKS = {"flat", "compound", "nmod", "appos", "amod", "det", "nummod", "acl", "case"}
_SUBJECTS = ("nsubj", "csubj")
_PASSIVE_SUBJECTS = ("nsubj:pass", "csubj:pass")
_PUNCT_BREAK = {",", ";", ":", ".", "!", "?", '"', "“", "”", "'"}
_QUOTE_MARKS = {"\"", "“", "”", "''", "``"}


# ============================================================================ mentions


def _is_preposition(word: Word) -> bool:
    """Whether ``word`` is the preposition of a nominal ("ke" of "ke Korsel")."""
    return word.deprel == "case" and word.upos == "ADP"


def _is_capitalized(word: Word) -> bool:
    return bool(word.text[:1].isupper()) or bool(re.match(r"^[A-Z0-9][A-Za-z0-9.\-]*$", word.text))


@functools.lru_cache(maxsize=4)
def _name_starts(lexicon: Lexicon) -> frozenset[str]:
    """Every prefix of the first word of a gazetteer name (countries and aliases, as written).

    A name found at word ``i`` starts with that word's text (the next words may be glued to it),
    so a word outside this set starts no name.
    """
    firsts = {name.split()[0] for name in (*lexicon.countries, *lexicon.alias_surface) if name.split()}
    return frozenset(first[:k] for first in firsts for k in range(1, len(first) + 1))


class _MentionFinder:
    def __init__(self, lexicon: Lexicon, sentence: Sentence) -> None:
        self.lex = lexicon
        self.sent = sentence
        self.words = sentence.words
        self.owners: dict[tuple[int, int, int], Mention] = {}  # countries that end an organisation's name and own a role

    # -- gazetteer ---------------------------------------------------------------
    @functools.cached_property
    def gazetteer(self) -> list[tuple[int, int, str, str | None]]:
        """Longest matches of country names (CLDR + countries.toml) and aliases.toml names, as written."""
        out: list[tuple[int, int, str, str | None]] = []
        hit: tuple[int, int, str, str | None] | None
        i = 0
        n = len(self.words)
        longest = max(self.lex.max_country_len, self.lex.max_alias_len)
        starts = _name_starts(self.lex)
        while i < n:
            text = self.words[i].text
            if text and text not in starts and not any(ch.isspace() for ch in text):
                i += 1  # no known name starts with this word: skip the span lookups
                continue
            hit = None
            for length in range(min(longest, n - i), 0, -1):
                name = self.sent.span_text(i, i + length)
                spaced = " ".join(w.text for w in self.words[i : i + length])
                code = self.lex.country_code(name) or self.lex.country_code(spaced)
                if code:
                    hit = (i, i + length, "COUNTRY", code)
                    break
                kind = self.lex.alias_surface.get(name) or self.lex.alias_surface.get(spaced)
                if kind:
                    hit = (i, i + length, {"organizations": "ORG", "places": "LOC", "people": "PER"}[kind], None)
                    break
            if hit:
                out.append(hit)
                i = hit[1]
            else:
                i += 1
        return out

    def title_at(self, i: int, limit: int) -> int:
        """Length of the longest title starting at word ``i`` (0 if none), not past ``limit``."""
        for length in range(min(self.lex.max_title_len, limit - i), 0, -1):
            if tuple(w.lower.rstrip(".") for w in self.words[i : i + length]) in self.lex.titles:
                return length
        return 0

    # -- main --------------------------------------------------------------------
    def find(self) -> list[Mention]:
        gazetteer = self.gazetteer
        countries = {(s, e): code for s, e, label, code in gazetteer if label == "COUNTRY" and code}
        spans: list[tuple[int, int, str]] = []  # (start, end, NER label or COUNTRY)
        for ent in self.sent.entities:
            spans.extend(self._split_entity(ent))
        spans = self._join_names(spans)
        spans = self._merge_gazetteer(spans, gazetteer)
        spans = self._with_heads(spans)
        spans.sort()
        base: list[Mention] = []
        for s, e, label in spans:
            mention = self._make_mention(s, e, label, countries)
            if mention is not None:
                base.append(mention)
        by_start = {m.start: m for m in base}
        out = []
        for mention in base:
            if mention.kind == PERSON:
                mention = self._with_roles(mention, by_start)
                mention = self._with_apposed_roles(mention, by_start)
                mention = self._with_title_before_comma(mention, by_start)
            out.append(mention)
        known = {m.key for m in out}
        out.extend(m for key, m in self.owners.items() if key not in known)  # "RI" of "Kemlu RI", holding a role
        return sorted(out, key=lambda m: (m.start, -m.end))

    def _with_apposed_roles(self, person: Mention, by_start: dict[int, Mention]) -> Mention:
        """Roles written after a name, in brackets or after a comma: "Kofi Annan (mantan Sekjen PBB)",
        "Robert Kraft, pemilik klub New England Patriots"."""
        k = person.end
        if k >= len(self.words) - 1 or self.words[k].text not in ("(", ","):
            return person
        first = k + 1 + (1 if self.words[k + 1].lower in self.lex.title_prefixes else 0)
        if not self.title_at(first, len(self.words)):
            return person
        end = k + 1
        stops = (")", ",", ".", ";")
        while end < len(self.words) and self.words[end].text not in stops and self.words[end].upos not in ("VERB", "AUX"):
            end += 1
        if any(m.kind == PERSON and k < m.start < end for m in by_start.values()):
            return person  # ", Menlu Malaysia Anifah": the title of the next name
        roles = self._parse_roles(k + 1, end, by_start)
        return replace(person, roles=person.roles + tuple(roles)) if roles else person

    def _with_title_before_comma(self, person: Mention, by_start: dict[int, Mention]) -> Mention:
        """A title phrase that names nobody, then a comma and the name: "bertemu Menlu Yordania, Ayman
        Safadi, ...". The name holds the title (coreference then reads the phrase as its holder)."""
        comma = person.start - 1
        if person.roles or comma < 1 or self.words[comma].text != ",":
            return person
        k = comma
        while k > 0:
            prev = self.words[k - 1]
            if (
                prev.text in _PUNCT_BREAK
                or prev.upos in ("VERB", "AUX", "ADP", "SCONJ", "CCONJ")
                or prev.lower in self.lex.connectors
            ):
                break
            k -= 1
        first = k + (1 if self.words[k].lower in self.lex.title_prefixes else 0)
        if comma - k > 8 or not self.title_at(first, comma):
            return person
        if any(m.kind == PERSON and k <= m.start < comma for m in by_start.values()):
            return person  # "Presiden Jokowi, Menlu Retno": a list of titled names
        roles = self._parse_roles(k, comma, by_start)
        return replace(person, roles=tuple(roles)) if roles else person

    def _starts_name(self, i: int, spans: list[tuple[int, int, str]]) -> bool:
        return any(sp[0] == i for sp in spans) or any(g[0] == i for g in self.gazetteer)

    def _name_end(self, s: int, e: int, label: str, spans: list[tuple[int, int, str]]) -> int:
        """Where a name really ends, past the words the tokenizer or the tagger cut off.

        "Abdul Fattah | al - Sisi", "Mar | - a - | Lago", "Kim Jong | - un" (split hyphens), and for
        a person a capitalised name word the tagger left out but the parse attaches to the name
        ("Dato Sri Anifah | Aman").
        """
        words, n = self.words, len(self.words)
        while e < n:
            w = words[e]
            after = [x.text for x in words[e + 1 : e + 4]]
            particle = w.text.islower() and w.lower in self.lex.name_particles
            if particle and after[:1] == ["-"] and after[1:2] and after[1][:1].isupper():
                e += 3  # "al - Sisi"
                continue
            bridge = len(after) >= 3 and after[0].isalpha() and after[0].islower() and len(after[0]) <= 3
            if w.text == "-" and bridge and after[1] == "-" and after[2][:1].isupper():
                e += 4  # "Mar - a - Lago"
                continue
            if (
                label == "PER"
                and w.text == "-"
                and after[:1]
                and after[0].isalpha()
                and after[0].islower()
                and len(after[0]) <= 3
                and after[0] not in self.lex.clitics
                and after[1:2] != ["-"]
            ):
                e += 2  # "Kim Jong - un"
                continue
            if (
                label == "PER"
                and w.upos == "PROPN"
                and w.text[:1].isupper()
                and w.deprel.startswith("flat")
                and (s < w.head <= e or w.head == words[e - 1].head)
                and not self._starts_name(e, spans)
                and w.lower not in self.lex.months
                and w.lower not in self.lex.weekdays
                and not self.title_at(e, n)
            ):
                e += 1  # "Anifah Aman"
                continue
            break
        return e

    def _join_names(self, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Names cut by the tokenizer or the tagger made whole: see ``_name_end``; and two person
        spans joined by a particle ("Tamim | bin | Hamad al - Thani") are one name."""
        out: list[tuple[int, int, str]] = []
        for s, e, label in sorted(spans):
            if out and out[-1][1] > s:
                continue  # inside a name already extended over it ("Lago" of "Mar - a - Lago")
            e = self._name_end(s, e, label, spans)
            if (
                out
                and label == out[-1][2] == "PER"
                and out[-1][1] == s - 1
                and self.words[s - 1].text.islower()
                and self.words[s - 1].lower in self.lex.name_particles
            ):
                s = out.pop()[0]
            elif (
                label == "PER"
                and s >= 2
                and self.words[s - 1].lower in self.lex.patronymics
                and self.words[s - 1].text.islower()
                and _is_capitalized(self.words[s - 2])
                and self.title_at(s - 2, s - 1) == 0
                and not any(sp[0] <= s - 2 < sp[1] for sp in spans)
            ):
                s -= 2  # "Osama | bin Mohammed Abdullah Al Shuaibi": the tagger left the given name out
            if (
                out
                and label != "PER"
                and out[-1][2] != "PER"
                and out[-1][1] == s - 1
                and e - s == 1
                and self.words[s - 1].text == "("
                and e < len(self.words)
                and self.words[e].text == ")"
                and _acronym_of(self.words[s].text, [w.text for w in self.words[out[-1][0] : out[-1][1]]])
            ):
                s, _end, label = out.pop()  # "Qatari News Agency ( QNA )": one name with its acronym
                e += 1
            out.append((s, e, label))
        return out

    def _with_heads(self, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Names that a head noun before them turns into another name.

        - an institution's head noun (``[organizations]``) makes an organisation: "Parlemen Eropa",
          "Forum Regional ASEAN", "kedutaan AS", "Kedutaan Besar Inggris untuk Israel";
        - a landform or water (``[names] features``) makes another place: "semenanjung Korea".
        """
        taken = {k for s, e, _ in spans for k in range(s, e)}
        out = []
        for s, e, label in sorted(spans):
            if label == "PER" or s == 0:
                out.append((s, e, label))
                continue
            start, new_label = s, label
            feature = self._head_before(s, self.lex.place_features, taken)
            if feature and self.words[s - feature].text.islower():
                start, new_label = s - feature, "LOC"
            else:
                k = s
                while k > 0 and s - k < 4 and k - 1 not in taken and self.words[k - 1].text[:1].isupper():
                    k -= 1  # the capitalised words before the name: "Forum Regional"
                for j in range(k, s):
                    length = self._head_at(j, s, self.lex.org_capitalised_heads | self.lex.org_heads)
                    if length:
                        start, new_label = j, "ORG"
                        break
                else:
                    head = self._head_before(s, self.lex.org_heads, taken)
                    if head:
                        start, new_label = s - head, "ORG"
                if new_label == "ORG" and e + 1 < len(self.words) and self.words[e].lower in self.lex.accredited_to:
                    head_words = self.words[start].lower
                    if head_words.startswith(self.lex.missions):
                        to = next((sp for sp in spans if sp[0] == e + 1 and sp[2] != "PER"), None)
                        if to is not None:
                            e = to[1]  # "Kedutaan Besar Inggris untuk Israel"
            if start != s:
                taken.update(range(start, e))
            out.append((start, e, new_label))
        kept = []
        for sp in out:  # a name swallowed by a longer one ("Israel" of "... untuk Israel") goes
            if not any(o != sp and o[0] <= sp[0] and sp[1] <= o[1] for o in out):
                kept.append(sp)
        return kept

    def _head_at(self, j: int, limit: int, heads: frozenset[str]) -> int:
        """Length of the longest of ``heads`` written from word ``j`` (any case), ending before ``limit``."""
        for length in (3, 2, 1):
            if j + length <= limit and " ".join(w.lower for w in self.words[j : j + length]) in heads:
                return length
        return 0

    def _head_before(self, s: int, heads: frozenset[str], taken: set[int]) -> int:
        """Length of one of ``heads`` that ends right before word ``s`` (0 if none)."""
        for length in (3, 2, 1):
            j = s - length
            if j >= 0 and not any(k in taken for k in range(j, s)) and self._head_at(j, s, heads) == length:
                return length
        return 0

    def _merge_gazetteer(
        self, spans: list[tuple[int, int, str]], gazetteer: list[tuple[int, int, str, str | None]]
    ) -> list[tuple[int, int, str]]:
        """Combine NER spans with known names.

        A known name that covers NER spans replaces them ("Republik Islam Iran" over "Iran");
        an ORG/LOC span made of several known names is split into them ("Hizbullah Libanon");
        a longer NER span that merely contains a known name wins ("Dewan Keamanan Nasional Iran").
        """
        known = [(s, e, "COUNTRY" if label == "COUNTRY" else label) for s, e, label, _ in gazetteer]
        out: list[tuple[int, int, str]] = []
        for s, e, label in spans:
            inside = [k for k in known if s <= k[0] and k[1] <= e]
            covered = sum(k[1] - k[0] for k in inside)
            if label != "PER" and len(inside) >= 2 and covered == e - s:
                out.extend(inside)
            else:
                out.append((s, e, label))
        result: list[tuple[int, int, str]] = []
        for k in sorted(known, key=lambda k: (k[0] - k[1], k[0])):  # longest first
            if any(r[0] < k[1] and k[0] < r[1] for r in result):
                continue
            # a known name followed by its acronym in brackets keeps the bracket: "... Islam (IRGC)"
            if k[1] < len(self.words) and self.words[k[1]].text == "(":
                close = next((j for j in range(k[1] + 1, min(k[1] + 4, len(self.words))) if self.words[j].text == ")"), None)
                if close is not None and close - k[1] == 2:
                    k = (k[0], close + 1, k[2])
            overlapping = [sp for sp in out if sp[0] < k[1] and k[0] < sp[1]]
            if all(k[0] <= sp[0] and sp[1] <= k[1] for sp in overlapping):
                out = [sp for sp in out if sp not in overlapping]
                result.append(k)
        return sorted(set(out + result))

    def _split_entity(self, ent: Entity) -> list[tuple[int, int, str]]:
        """Trim punctuation, split 'Name (ACR)' and strip leading titles off PER spans."""
        s, e = ent.start, ent.end
        while s < e and self.words[s].upos == "PUNCT":
            s += 1
        while e > s and self.words[e - 1].upos == "PUNCT" and self.words[e - 1].text != ")":
            e -= 1
        if s >= e:
            return []
        # Drop a trailing ")" that closes nothing inside the span.
        texts = [w.text for w in self.words[s:e]]
        if texts[-1] == ")" and "(" not in texts:
            e -= 1
        while e - s > 1 and self.words[e - 1].lower.rstrip(".") in self.lex.name_followers:
            e -= 1  # "Saudi cs": the others with Saudi Arabia are no part of its name
        if ent.label in ("ORG", "LOC"):
            # "Panglima Korps ...": a person's title tagged into an organisation belongs to the role
            length = self.title_at(s, e)
            after_title = 0 < length < e - s and _is_capitalized(self.words[s + length])
            if after_title:
                s += length
            after_title = after_title or any(self.title_at(k, s) == s - k for k in range(max(0, s - self.lex.max_title_len), s))
            # "Pemerintah RI": the government of a country stands for the country
            if e - s > 1 and self.words[s].lower in self.lex.governments and self.lex.country_code(self.sent.span_text(s + 1, e)):
                s += 1
            if after_title:
                # "Menteri Luar Negeri | Amerika Serikat Rex Tillerson": after a title, a known name
                # followed by capitalised names is the title's country and the person holding it
                for gs, ge, glabel, _code in self.gazetteer:
                    rest = self.words[ge:e]
                    names = all(w.upos == "PROPN" and w.text[:1].isupper() for w in rest)
                    if gs == s and ge < e and glabel in ("COUNTRY", "ORG") and names:
                        return [(gs, ge, glabel), (ge, e, "PER")]
        if ent.label == "PER":
            while s < e:
                length = self.title_at(s, e)
                if length == 0 or length == e - s:
                    break
                s += length
            # a country or organisation name between the title and the name ("Iran" in
            # "Menteri Luar Negeri Iran Ali Baghi Kani") belongs to the role, not the name
            after_title = any(self.title_at(k, s) == s - k for k in range(max(0, s - self.lex.max_title_len), s))
            for gs, ge, label, _code in self.gazetteer:
                # "Amerika Serikat Rex Tillerson": a known name before a full name belongs to the role
                if (after_title or e - ge >= 2) and gs == s and ge < e and label in ("COUNTRY", "ORG", "LOC"):
                    s = ge
                    while s < e and self.title_at(s, e) and self.title_at(s, e) < e - s:
                        s += self.title_at(s, e)
            if s < e and e - s == self.title_at(s, e):
                return []  # only a title: "Presiden" is not an actor
        return [(s, e, ent.label)]

    def _make_mention(self, s: int, e: int, label: str, countries: dict[tuple[int, int], str]) -> Mention | None:
        words = self.words[s:e]
        acronym = None
        if len(words) >= 4 and words[-1].text == ")" and "(" in [w.text for w in words]:
            k = max(i for i, w in enumerate(words) if w.text == "(")
            inner = self.sent.span_text(s + k + 1, e - 1)
            if k > 0 and inner and len(inner) <= 12:
                e = s + k
                words = self.words[s:e]
                if not _acronym_of_tail(inner, [w.text for w in words]):
                    acronym = inner
        text = self.sent.span_text(s, e).strip(" -\"'“”")
        if not text or normalize_name(text) in self.lex.pronouns or normalize_name(text) in self.lex.not_actors:
            return None
        if self._is_no_name(s, e, words):
            return None
        if all(w.upos == "PUNCT" for w in words):
            return None
        if label == "PER" and not any(_is_capitalized(w) for w in words):
            return None
        code = countries.get((s, e)) or self.lex.country_code(text)
        alias = self.lex.aliases.get(normalize_name(text))
        if code:
            kind = COUNTRY
        elif alias is not None and alias[1] != "people":
            kind = ORGANIZATION if alias[1] == "organizations" else PLACE
        elif label != "PER" and self.lex.full_org_name(text) != text:
            kind = ORGANIZATION  # "Kemlu RI": an institution, whatever the tagger said
        elif label == "PER":
            kind = PERSON
        elif label == "ORG":
            kind = ORGANIZATION
        else:
            kind = PLACE
        written = None
        if kind == PERSON:
            k = s  # honorifics written before the name ("Sheikh", "Dato Sri") stay with it as written
            while k > 0:
                back = next((j for j in range(max(0, k - self.lex.max_title_len), k) if self.title_at(j, k) == k - j), None)
                if back is None or " ".join(w.lower.rstrip(".") for w in self.words[back:k]) not in self.lex.honorifics:
                    break
                k = back
            if k < s:
                written = self.sent.span_text(k, e)
        return Mention(self.sent.index, s, e, text, kind, s, code, acronym, written=written)

    def _is_no_name(self, s: int, e: int, words: tuple[Word, ...]) -> bool:
        """Capitalised words the tagger took for a name that names no actor.

        - a lone verb: "Wilayah Palestina yang Diduduki";
        - a vehicle: "Pesawat Kepresidenan AS, Air Force One" (``[names] vehicles``);
        - the acronym of a common noun: "violent extremist organizations (VEOs)", "nota kesepahaman atau MoU".
        """
        if len(words) == 1 and words[0].upos in ("VERB", "AUX"):
            return True
        span = range(s + 1, e + 1)
        for w in words:
            attached = w.head not in span and w.head and w.deprel.split(":")[0] in ("appos", "flat", "compound", "nmod")
            if attached and self.sent.word(w.head).lower in self.lex.vehicles:
                return True
        if words[0].lower in self.lex.vehicles:
            return True
        if len(words) == 1 and _looks_like_acronym(words[0].text):
            acronym = words[0].text
            gloss = s >= 2 and self.words[s - 1].lower in self.lex.glosses and self.words[s - 2].upos == "NOUN"
            if gloss and self.words[s - 2].text.islower():
                return True
            if s >= 1 and self.words[s - 1].text == "(" and e < len(self.words) and self.words[e].text == ")":
                before = [w.text for w in self.words[max(0, s - 6) : s - 1]]
                letters = acronym[:-1] if acronym.endswith("s") else acronym
                for k in range(len(before)):
                    tail = before[k:]
                    if all(t.islower() and t.isalpha() for t in tail) and "".join(t[0] for t in tail).upper() == letters.upper():
                        return True
        return False

    def _with_roles(self, person: Mention, by_start: dict[int, Mention]) -> Mention:
        """Read the titles (and what they belong to) written right before a person's name."""
        i = person.start
        window_start = i
        while window_start > 0:
            prev = self.words[window_start - 1]
            accredited = (
                prev.lower in self.lex.accredited_to and window_start >= 2 and window_start - 2 in self._owner_words(by_start)
            )
            if prev.text in _PUNCT_BREAK or (
                prev.upos in ("VERB", "AUX", "ADP", "SCONJ") and prev.lower not in self.lex.connectors and not accredited
            ):
                break
            if accredited:  # "Duta Besar Inggris untuk PBB Matthew Rycroft"
                window_start -= 1
                continue
            owner = next((m for m in by_start.values() if m.start <= window_start - 1 < m.end + (1 if m.acronym else 0)), None)
            if owner is not None and owner.kind != PERSON:
                window_start = owner.start
                continue
            if owner is not None:
                break
            if prev.text == ")" and self._closes_apposition(window_start - 1, by_start):
                break  # "Kofi Annan (mantan Sekjen PBB) dan Robert Kraft": Annan's title, not Kraft's
            if prev.lower in self.lex.connectors or prev.text in "()":
                window_start -= 1
                continue
            title_here = any(
                self.title_at(k, window_start) == window_start - k
                for k in range(max(0, window_start - self.lex.max_title_len), window_start)
            )
            if title_here or _is_capitalized(prev) or prev.lower in self.lex.honorifics:
                window_start -= 1
                continue
            break
        roles = self._parse_roles(window_start, i, by_start)
        if not roles:
            return person
        # The extent starts at the first title actually found.
        return replace(person, extent_start=min(window_start, person.start), roles=tuple(roles))

    def _closes_apposition(self, close: int, by_start: dict[int, Mention]) -> bool:
        """Whether the ")" at ``close`` ends brackets opened right after a person's name."""
        opening = next((j for j in range(close - 1, -1, -1) if self.words[j].text in "()"), None)
        if opening is None or self.words[opening].text != "(":
            return False
        return any(m.kind == PERSON and m.end == opening for m in by_start.values())

    @staticmethod
    def _owner_words(by_start: dict[int, Mention]) -> set[int]:
        return {k for m in by_start.values() if m.kind != PERSON for k in range(m.start, m.end)}

    def _parse_roles(self, start: int, end: int, by_start: dict[int, Mention]) -> list[RoleMention]:
        """The roles written in words ``start..end``: titles, each with the organisation or country it is of.

        Titles are written out (``[titles.abbreviations]``: "Menlu" is "Menteri Luar Negeri"). Where the
        organisation ends with its country ("Juru Bicara | Kementerian Luar Negeri RI"), the office keeps
        the organisation's name and is of the country; "Duta Besar Inggris untuk PBB" is a "Duta Besar
        untuk PBB" of the United Kingdom; a title without an owner coordinated with a later one of a
        country is of that country too ("perwakilan Pemimpin Tertinggi dan Sekretaris ... Iran").
        """
        k = start
        while k < end and self.title_at(k, end) == 0:
            k += 1
        if k > start and self.words[k - 1].lower in self.lex.title_prefixes:
            k -= 1  # "mantan Sekjen PBB": a former office
        roles: list[RoleMention] = []
        joined: list[bool] = []  # whether each role is followed by "dan" and another role
        title_words: list[str] = []
        of: Mention | None = None
        of_text: list[str] = []

        def flush(connector: bool = False) -> None:
            if title_words:
                title = self.lex.full_title(" ".join(title_words))
                roles.append(RoleMention(title, of, of.text if of else (" ".join(of_text) or None)))
                joined.append(connector)

        while k < end:
            word = self.words[k]
            # a title stops where a known organisation or country starts ("Panglima | Korps ...")
            limit = min((m.start for m in by_start.values() if m.kind != PERSON and k < m.start < end), default=end)
            length = self.title_at(k, limit)
            if length and " ".join(w.lower.rstrip(".") for w in self.words[k : k + length]) in self.lex.honorifics:
                k += length  # "Bapak", "Prof. Dr.": a form of address, not an office
                continue
            if word.lower in self.lex.connectors:
                flush(connector=True)
                title_words, of, of_text = [], None, []
                k += 1
                continue
            if not title_words and word.lower in self.lex.title_prefixes and self.title_at(k + 1, limit):
                title_words.append(word.text)
                k += 1
                continue
            if length and of is None and not of_text:
                title_words.extend(w.text for w in self.words[k : k + length])
                k += length
                continue
            if length and (of is not None or of_text):
                # "perwakilan Pemimpin Tertinggi": a title of a title stays one title
                flush()
                title_words, of, of_text = [], None, []
                continue
            owner = by_start.get(k)
            if owner is not None and owner.kind != PERSON:
                if title_words and of is None:
                    country = self._owner_country(owner)
                    if country is not None:
                        title_words.extend(w.text for w in self.words[owner.start : country.start])
                    of = country or owner
                elif title_words and of is not None and of.kind == COUNTRY and self.words[k - 1].lower in self.lex.accredited_to:
                    title_words.extend([self.words[k - 1].lower, owner.text])  # "Duta Besar Inggris untuk PBB"
                k = owner.end + (3 if owner.acronym else 0)
                continue
            if word.text in "()":
                k += 1
                continue
            if title_words and of is None and word.lower not in self.lex.org_classifiers:
                title_words.append(word.text)
            k += 1
        flush()
        for n in range(len(roles) - 2, -1, -1):
            later = roles[n + 1]
            owned_later = later.of is not None and later.of.kind == COUNTRY
            if roles[n].of is None and roles[n].of_text is None and joined[n] and owned_later:
                roles[n] = replace(roles[n], of=later.of, of_text=later.of_text)
        return roles

    def _owner_country(self, owner: Mention) -> Mention | None:
        """The country an organisation's name ends with ("Kementerian Luar Negeri RI"), as a mention of its own."""
        if owner.kind != ORGANIZATION:
            return None
        for gs, ge, label, code in self.gazetteer:
            if label == "COUNTRY" and code and owner.start < gs and ge == owner.end:
                country = Mention(self.sent.index, gs, ge, self.sent.span_text(gs, ge), COUNTRY, gs, code)
                self.owners[country.key] = country
                return country
        return None


# ============================================================================ events


@dataclass
class _TriggerMatch:
    trigger: Trigger
    start: int  # 0-based word index
    end: int

    def ids(self) -> range:
        return range(self.start + 1, self.end + 1)


class _EventFinder:
    def __init__(
        self,
        lexicon: Lexicon,
        sentence: Sentence,
        mentions: list[Mention],
        article_date: dt.date | None,
        disabled: frozenset[str] = frozenset(),
    ):
        self.lex = lexicon
        self.disabled = disabled
        self.sent = sentence
        self.words = sentence.words
        self.mentions = mentions
        self.article_date = article_date
        self.by_word: dict[int, Mention] = {}
        for m in sorted(mentions, key=lambda m: m.end - m.extent_start, reverse=True):
            for k in range(m.extent_start, m.end + (3 if m.acronym else 0)):
                self.by_word[k + 1] = m
        self.children: dict[int, list[Word]] = {}
        for w in self.words:
            self.children.setdefault(w.head, []).append(w)

    # -- trigger matching ---------------------------------------------------------
    def _matches_at(self, i: int) -> _TriggerMatch | None:
        """The longest trigger starting at word ``i`` (surface forms before lemmas on ties)."""
        word = self.words[i]
        found: list[_TriggerMatch] = []
        for key in dict.fromkeys((word.lower, word.lemma.lower())):
            for trig in self.lex.triggers_starting(key):
                n = len(trig.words)
                if i + n > len(self.words):
                    continue
                ok = all(trig.words[j] in (self.words[i + j].lower, self.words[i + j].lemma.lower()) for j in range(n))
                if not ok:
                    continue
                if trig.quote_tag:
                    if word.upos == "PUNCT" or not self.after_closing_quote(i):
                        continue
                elif trig.lemma:
                    if word.upos != "VERB" or word.lemma.lower() != trig.words[0]:
                        continue
                elif trig.nominal:
                    if word.upos not in ("NOUN", "PROPN"):
                        continue
                elif (
                    n == 1
                    and word.upos not in ("VERB", "ADJ", "AUX")
                    and not (word.lower in self.lex.according_to and word.upos in ("VERB", "ADP", "NOUN"))
                ):
                    continue
                found.append(_TriggerMatch(trig, i, i + n))
        if not found:
            return None
        return min(found, key=lambda m: (-len(m.trigger.words), m.trigger.lemma, m.trigger.passive, m.trigger.event_type))

    def after_closing_quote(self, i: int) -> bool:
        """Whether word ``i`` (0-based) follows a quote mark, with at most a comma between: '"...," lanjut X'."""
        before = [w.text for w in self.words[max(0, i - 2) : i]]
        return bool(before) and (
            before[-1] in _QUOTE_MARKS or (before[-1] == "," and len(before) == 2 and before[0] in _QUOTE_MARKS)
        )

    def person_after_tag(self, match: _TriggerMatch) -> Mention | None:
        """The one person named in the speaker phrase after a post-quote speech tag, if there is exactly one.

        The phrase runs from the tag to the first preposition of place, setting or addressee ("di",
        "dalam", "kepada"), a quote mark or the end of the sentence.
        """
        stops = self.lex.place_prepositions | self.lex.setting_prepositions | self.lex.addressee_markers
        persons: dict[tuple[int, int, int], Mention] = {}
        for word in self.words[match.end :]:
            if word.lower in stops or word.text in _QUOTE_MARKS or word.text in (".", "!", "?"):
                break
            mention = self.by_word.get(word.id)
            if mention is not None and mention.kind == PERSON and mention.start >= match.end:
                persons[mention.key] = mention
        return next(iter(persons.values())) if len(persons) == 1 else None

    def triggers(self) -> list[_TriggerMatch]:
        found = []
        i = 0
        while i < len(self.words):
            best = self._matches_at(i)
            if best is not None:
                found.append(best)
                i = best.end
            else:
                i += 1
        return found

    # -- tree helpers ---------------------------------------------------------------
    def kids(self, word_id: int) -> list[Word]:
        return self.children.get(word_id, [])

    def phrase_head(self, match: _TriggerMatch) -> Word:
        ids = set(match.ids())
        for wid in match.ids():
            w = self.sent.word(wid)
            if w.head not in ids:
                return w
        return self.sent.word(match.start + 1)

    def case_of(self, word: Word) -> str | None:
        for child in self.kids(word.id):
            if child.deprel in ("case", "mark") and child.upos == "ADP":
                return child.lower
        return None

    def subtree(self, word_id: int) -> list[int]:
        out = [word_id]
        queue = deque([word_id])
        while queue:
            for child in self.kids(queue.popleft()):
                out.append(child.id)
                queue.append(child.id)
        return sorted(out)

    def conjuncts(self, word: Word) -> list[Word]:
        """The word and the words conjoined to it; in a list, a group noun after a comma too.

        "dengan Sekjen PBB, Kofi Annan, otoritas Myanmar, ... dan lain-lain": the parser often makes
        a list item that starts with a group noun ("otoritas", ``[groups] nouns``) an apposition of
        the first; in a list (a word with conjuncts) it is one more item, not another name for it.
        """
        out = [word]
        kids = self.kids(word.id)
        listed = any(c.deprel.startswith("conj") for c in kids) or word.deprel.startswith("conj")
        country = (m := self.by_word.get(word.id)) is not None and m.kind == COUNTRY
        for child in kids:
            # "Arab Saudi, Mesir, Uni Emirat Arab dan Bahrain" with a country parsed as apposition of the one before
            same_kind = country and (c := self.by_word.get(child.id)) is not None and c.kind == COUNTRY
            item = (
                listed
                and child.deprel == "appos"
                and (child.lower in self.lex.group_nouns or same_kind)
                and self.after_comma(child)
            )
            if child.deprel.startswith("conj") and self.across_a_preposition(word, child):
                continue
            if child.deprel.startswith("conj") or item:
                out.extend(self.conjuncts(child))
        out.extend(self.stray_conjuncts(word))
        if out == [word] and self.is_title_word(word):
            named = self.titled_names(word)
            if named:
                return named
        return sorted(out, key=lambda w: w.id)

    def across_a_preposition(self, word: Word, conjunct: Word) -> bool:
        """Whether a prepositional phrase of another word stands between ``word`` and its ``conjunct``:
        "kunjungan Menlu AS Rex Tillerson ke Korsel, China, dan Jepang" with Jepang conjoined to the
        minister is one more place visited, not one more visitor."""
        inside = set(self.subtree(word.id))
        return any(_is_preposition(w := self.sent.word(k)) and w.head not in inside for k in range(word.id + 1, conjunct.id))

    def stray_conjuncts(self, word: Word) -> list[Word]:
        """The conjuncts of an earlier word that a preposition of ``word`` cut off from it (see
        ``across_a_preposition``): "ke Korsel, China, dan Jepang" with Jepang hung on the visitor."""
        case = next((c for c in self.kids(word.id) if _is_preposition(c)), None)
        if case is None:
            return []
        inside = set(self.subtree(word.id))
        out = []
        for c in self.words:
            if not c.deprel.startswith("conj") or not c.head or c.id in inside or not c.head < case.id < c.id or c.id <= word.id:
                continue
            # ``word``'s preposition is the last one between the conjunct and the word it hangs on
            last = not any(_is_preposition(self.sent.word(k)) for k in range(case.id + 1, c.id))
            if last and self.across_a_preposition(self.sent.word(c.head), c):
                out.append(c)
        return out

    def titled_names(self, word: Word) -> list[Word]:
        """The persons a subject title names after commas, parsed as conjuncts inside the title phrase.

        "kepala bidang hubungan luar negeri Uni Eropa, Federica Mogherini dan komisioner
        pengembangan, Johannes Hahn, meminta ...": Mogherini and Hahn, when the title itself names
        no person and the parser hung the names as conjuncts of the title's words.
        """
        itself = self.resolve(word).mention
        if itself is not None and itself.kind == PERSON:
            return []
        out = []
        for i in sorted(self.subtree(word.id)):
            w = self.sent.word(i)
            m = self.by_word.get(i)
            if (
                m is not None
                and m.kind == PERSON
                and i == m.start + 1
                and w.deprel.startswith(("conj", "appos"))
                and self.after_comma(w)
            ):
                out.append(w)
        return out

    def after_comma(self, word: Word) -> bool:
        """Whether ``word`` follows a comma: where a list item or an apposition starts."""
        return word.id >= 2 and self.sent.word(word.id - 1).text == ","

    # -- resolving words to actors -----------------------------------------------
    def resolve(self, word: Word) -> Participant:
        """The actor a nominal word stands for: itself, its leader, its owner, or nobody."""
        mention = self.by_word.get(word.id)
        if mention is not None:
            return Participant(mention, mention.text, word.id)
        antecedent = self.relative_antecedent(word)
        if antecedent is not None:
            return self.resolve(antecedent)
        text = self.nominal_text(word)
        if word.lower in self.lex.pronouns or word.upos == "PRON":
            return Participant(None, text, word.id)
        # a group led by someone: "delegasi ... yang dipimpin oleh X"
        if word.lower in self.lex.group_nouns:
            for child in self.kids(word.id):
                if child.deprel.startswith("acl") and child.lower in self.lex.leader_forms:
                    for obl in self.kids(child.id):
                        if self.case_of(obl) in self.lex.passive_agent_markers or obl.deprel.startswith("obl"):
                            led = self.resolve(obl)
                            if led.mention is not None:
                                return led
        # a gift by its giver: "dukungan yang secara terus menerus diberikan Republik Islam Iran"
        if word.lower in self.lex.gifts:
            clauses = [c for c in self.kids(word.id) if c.deprel.startswith("acl")]
            # the giving verb, or (parsed as its complement) after an adverb: "yang terus menerus diberikan"
            clauses += [x for c in clauses for x in self.kids(c.id) if x.deprel.startswith(("xcomp", "conj"))]
            if word.id < len(self.words) and self.words[word.id].lower in self.lex.relatives:
                # the relative clause right after it, however the parser hung it
                clauses += [w for w in self.words[word.id + 1 : word.id + 6] if w.lower in self.lex.giver_forms][:1]
            for clause in (c for c in clauses if c.lower in self.lex.giver_forms):
                for giver in self.kids(clause.id):
                    if giver.id > clause.id and (giver.deprel == "obj" or self.case_of(giver) in self.lex.passive_agent_markers):
                        given = self.resolve(giver)
                        if given.mention is not None:
                            return given
        if word.lower in self.lex.populations:
            return Participant(None, text, word.id)  # "wisatawan Yordania": not Jordan
        best: Mention | None = None
        person: Mention | None = None
        best_depth = 99
        queue = deque([(word.id, 0)])
        seen = {word.id}
        while queue:
            wid, depth = queue.popleft()
            if depth > 3:
                break
            for child in self.kids(wid):
                if child.id in seen or child.deprel.split(":")[0] not in _NOMINAL_LINKS:
                    continue
                if child.deprel.startswith("acl") and child.lower not in self.lex.leader_forms:
                    continue
                if self.case_of(child) in self.lex.addressee_markers:
                    continue  # "sumber partai kepada kantor berita Reuters": whom the source speaks to
                seen.add(child.id)
                found = self.by_word.get(child.id)
                if found is not None:
                    if found.kind == PERSON and person is None:
                        person = found
                    if depth + 1 < best_depth or (
                        depth + 1 == best_depth
                        and best is not None
                        and _KIND_PREFERENCE[found.kind] < _KIND_PREFERENCE[best.kind]
                    ):
                        best, best_depth = found, depth + 1
                    if found.kind == PERSON:
                        continue
                queue.append((child.id, depth + 1))
        if person is not None and self.is_title_word(word):
            # "kata Duta Besar Inggris untuk PBB Matthew Rycroft": the title stands for the person it names
            return Participant(person, person.text, word.id)
        if best is not None and best.kind != PLACE:
            if person is None and best.kind in (COUNTRY, ORGANIZATION) and self.is_title_word(word):
                return Participant(best, best.text, word.id, title_phrase=text)
            return Participant(best, best.text, word.id)
        return Participant(None, text, word.id)

    def relative_antecedent(self, word: Word) -> Word | None:
        """The noun a relative "yang" stands for: "Negara yang sudah dihubunginya" (None for any other word)."""
        if word.lower not in self.lex.relatives or word.upos != "PRON" or not word.head:
            return None
        clause = self.sent.word(word.head)
        return self.sent.word(clause.head) if clause.deprel.startswith("acl") and clause.head else None

    def listed(self, word: Word) -> list[Participant]:
        """The named members a group noun is spelt out as (``[groups] enumeration`` in lexicon.toml).

        "Negara yang sudah dihubunginya yakni Malaysia, Laos, Vietnam dan Singapura", "semua kelompok,
        mulai dari gerakan Hizbullah, Gerakan Jihad Islam Palestina, Hamas, hingga kelompok-kelompok
        jihad Palestina lainnya": the list starts inside the noun's phrase or right after it (past a
        comma); each item is a name, maybe after one or two lowercase words ("gerakan Hizbullah");
        the list ends at a verb, a stop, an item without a name or the unnamed others ("lainnya").
        """
        word = self.relative_antecedent(word) or word
        if word.id in self.by_word or word.upos not in ("NOUN", "PRON", "DET"):
            return []
        phrase = self.subtree(word.id)
        last = max(phrase)
        n = len(self.words)
        for pos in range(word.id + 1, min(last + 2, n) + 1):
            if pos > last and not (pos == last + 1 or self.sent.word(last + 1).text == ","):
                break
            if pos <= last and pos not in phrase:
                continue
            for marker in self.lex.enumeration:
                if tuple(w.lower for w in self.words[pos - 1 : pos - 1 + len(marker)]) == marker:
                    return self._list_items(pos + len(marker), word.id)
        return []

    def _list_items(self, start: int, noun: int) -> list[Participant]:
        """The names of a list that starts at word ``start`` (1-based), as participants standing at ``noun``."""
        out: list[Participant] = []
        item: list[Word] = []

        def take(item: list[Word]) -> bool:
            """Add the item's name; False where the list ends."""
            if not item or any(w.lower in self.lex.others for w in item):
                return False
            for k, w in enumerate(item):
                found = self.by_word.get(w.id)
                if found is not None:
                    if k > 2 or any(not v.text.islower() for v in item[:k]):
                        return False
                    out.append(Participant(found, found.text, noun))
                    return True
            return False

        for w in self.words[start - 1 :]:
            if w.lower in self.lex.connectors or w.text == "," or w.lower in self.lex.list_words:
                if item and not take(item):
                    return _unique(out)
                item = []
                continue
            if w.text in _PUNCT_BREAK or w.text in "()" or (w.upos in ("VERB", "AUX") and w.id not in self.by_word):
                break
            item.append(w)
        if item:
            take(item)
        return _unique(out)

    def among(self, match: _TriggerMatch, head: Word) -> list[Participant]:
        """The participants of a symmetric event written after "antara" (``[groups] among``).

        "pertemuan di antara semua kelompok, mulai dari A, B, C, hingga ...", "perundingan antara
        Malaysia dan Filipina": each conjunct, and the members a group noun is spelt out as.
        """
        ids = set(match.ids())
        holders = [self.sent.word(i) for i in ids] + ([head] if head.id not in ids else [])
        # "pertemuan dan koordinasi di antara ...": the phrase may hang on the last conjoined noun
        holders += [c for h in list(holders) for c in self.kids(h.id) if c.deprel.startswith("conj") and c.upos == "NOUN"]
        for holder in holders:
            for child in self.kids(holder.id):
                if child.id in ids or not child.deprel.startswith(("nmod", "obl")):
                    continue
                before = [self.sent.word(i) for i in self.subtree(child.id) if i < child.id]
                if not any(w.text in self.lex.among for w in before):
                    continue
                out: list[Participant] = []
                for conj in self.conjuncts(child):
                    part = self.resolve(conj)
                    out.extend([part] if part.mention is not None else self.listed(conj))
                return _unique(out)
        return []

    def conjoined_types(self, match: _TriggerMatch) -> list[tuple[str, str]]:
        """(event type, phrase) of the nouns conjoined to a light-verb phrase's noun.

        "mengadakan pertemuan dan koordinasi" is "mengadakan pertemuan" (Meet) and "mengadakan
        koordinasi" (Coordinate), with the same participants.
        """
        trig = match.trigger
        if len(trig.words) < 2 or trig.lemma or trig.nominal or trig.passive:
            return []
        out = []
        for conj in self.kids(match.end):
            if not conj.deprel.startswith("conj") or conj.upos != "NOUN":
                continue
            words = (*trig.words[:-1], conj.lower)
            other = next((t for t in self.lex.triggers_starting(words[0]) if t.words == words and not t.passive), None)
            if other is not None and other.event_type != trig.event_type:
                out.append((other.event_type, " ".join(words)))
        return out

    def is_particle(self, word: Word) -> bool:
        """The clitic -nya of an adverb or conjunction ("sebelumnya", "akhirnya"): no one is meant."""
        if word.lower not in self.lex.clitic_pronouns or word.id < 2:
            return False
        return self.sent.word(word.id - 1).upos in ("ADV", "SCONJ", "CCONJ", "DET", "NUM", "PART", "ADJ")

    # -- what the pattern engine asks (kg.patterns.MatchContext) ----------------------------
    def is_mention(self, word: Word) -> bool:
        return word.id in self.by_word

    def is_title(self, word: Word) -> bool:
        return self.is_title_word(word)

    def word_class(self, name: str) -> frozenset[str]:
        return self.lex.word_classes[name]

    def agents_by_pattern(self, match: _TriggerMatch, head: Word) -> tuple[list[Word], list[str]]:
        """The agent the first matching enabled pattern rule for agents gives, with that rule's id."""
        for rule in self.lex.patterns_for("agent"):
            if rule.id in self.disabled or (
                rule.max_trigger_words is not None and len(match.trigger.words) > rule.max_trigger_words
            ):
                continue
            found = rule.first(self, head)
            if found is not None:
                return [found], [rule.id]
        return [], []

    def is_title_word(self, word: Word) -> bool:
        """Whether a title starts at ``word`` ("Duta" of "Duta Besar", "Menlu")."""
        return word.lower.rstrip(".") in _title_heads(self.lex)

    def with_partners(self, words: list[Word]) -> list[Word]:
        """Subjects with the partners named beside them: "Indonesia bersama Malaysia sepakat ..."."""
        out = list(words)
        for word in words:
            for child in self.kids(word.id):
                if child.deprel.startswith(("nmod", "obl")) and self.case_of(child) in self.lex.comitative:
                    out.extend(self.conjuncts(child))
        return out

    def with_owner_conjuncts(self, part: Participant) -> list[Participant]:
        """A target found through its owner brings the owner's conjuncts: "kelompok di Lebanon, Yaman dan Irak"."""
        mention = part.mention
        if mention is None or mention.extent_start <= part.word - 1 < mention.end:
            return [part]
        head = next((w for w in self.words[mention.start : mention.end] if not mention.start < w.head <= mention.end), None)
        if head is None:
            return [part]
        out = [part]
        for conj in self.conjuncts(head)[1:]:
            found = self.by_word.get(conj.id)
            if found is not None and found.kind == mention.kind:
                out.append(Participant(found, found.text, part.word))
        return out

    def could_be_actor(self, word: Word, oblique: bool) -> bool:
        """Whether an unresolved argument may still stand for an actor (a pronoun, a role noun)."""
        if any(
            self.sent.word(i).lower in self.lex.months or self.sent.word(i).lower in self.lex.weekdays
            for i in self.subtree(word.id)
        ):
            return False
        if word.upos == "PRON" or word.lower in self.lex.pronouns:
            return True
        if word.lower in self.lex.group_nouns or (word.lower,) in self.lex.titles:
            return True
        return not oblique and word.upos in ("PROPN",)

    def nominal_text(self, word: Word) -> str:
        ids = [
            i
            for i in self.subtree(word.id)
            if self.sent.word(i).deprel not in ("punct", "acl", "acl:relcl", "conj", "cc", "case")
        ]
        contiguous = [i for i in ids if abs(i - word.id) <= 4]
        if not contiguous:
            return word.text
        return self.sent.span_text(min(contiguous) - 1, max(contiguous))

    # -- arguments --------------------------------------------------------------------
    def subject_of(self, head: Word, passive: bool) -> tuple[list[Word], list[Word]]:
        """(agents, passive subjects) of a clause, inherited through conj/xcomp/advcl/relcl."""
        node: Word | None = head
        came_from: Word | None = None
        hops = 0
        while node is not None and hops < 4:
            misplaced = self.misattached_controller(node, came_from)
            if misplaced is not None:
                return ([], [misplaced]) if passive else ([misplaced], [])
            subjects = [c for c in self.kids(node.id) if c.deprel in _SUBJECTS and not self.quoted_after(node, c)]
            if len(subjects) > 1:
                subjects = [c for c in subjects if not self.apposed_to_an_object(c)] or subjects
            pass_subjects = [c for c in self.kids(node.id) if c.deprel in _PASSIVE_SUBJECTS and not self.quoted_after(node, c)]
            if passive and not pass_subjects and subjects:
                pass_subjects, subjects = subjects, []
            agents = [
                c
                for c in self.kids(node.id)
                if c.deprel.startswith("obl")
                and (
                    self.case_of(c) in self.lex.passive_agent_markers
                    or (c.deprel == "obl:agent" and (passive or self.lex.is_passive_form(node.lower)))
                )
            ]
            if passive and agents and not subjects and not pass_subjects and node.deprel.startswith(("xcomp", "conj")):
                # "Retno mengaku dihubungi oleh Menlu Inggris": the controller is the one contacted
                governor = self.sent.word(node.head)
                pass_subjects = [c for c in self.kids(governor.id) if c.deprel in _SUBJECTS + _PASSIVE_SUBJECTS]
            if subjects or pass_subjects or agents:
                return subjects + agents, pass_subjects
            if node.upos in ("NOUN", "PROPN"):  # "kunjungannya ke Teheran": the owner did it
                owners = [
                    c for c in self.kids(node.id) if c.deprel in ("nmod:poss", "det:poss") or c.lower in self.lex.clitic_pronouns
                ]
                if owners:
                    return owners, []
            marks = {c.lower for c in self.kids(node.id) if c.deprel == "mark"}
            controlled = (node.deprel.startswith("xcomp") and not marks & self.lex.means_markers) or (
                # a complement without "bahwa" of a verb like "menuding", parsed as ccomp; or of a speech
                # verb, whose "object" is the complement's own subject ("menyatakan kedua pemimpin menegaskan ...")
                node.deprel.startswith("ccomp")
                and not marks
                and node.head
                and (self.sent.word(node.head).lower in self.lex.object_control or self.is_speech(self.sent.word(node.head)))
            )
            if controlled and node.head:
                # object control: "menuding Amerika Serikat mengeskalasi ...": the object does the complement
                controllers = [
                    c
                    for c in self.kids(node.head)
                    if c.deprel == "obj" and c.id < node.id and c.upos in ("PROPN", "NOUN", "PRON") and self.case_of(c) is None
                ]
                if controllers:
                    return ([], controllers) if passive else (controllers, [])
            serial = self.serial_predecessor(node)
            came_from = node
            if serial is not None:
                # "Indonesia bersama Malaysia sepakat terus meningkatkan ..." parsed as two complements
                # of "mengatakan": the second verb shares the first one's subject
                node = serial
            elif (reporter := self.reporter_of_conjoined_speech(node)) is not None:
                node = reporter
            elif node.deprel.startswith(("conj", "xcomp", "advcl", "ccomp")) and node.head:
                node = self.sent.word(node.head)
            elif node.deprel.startswith("acl") and node.head:
                return [self.sent.word(node.head)], []
            elif node.deprel == "parataxis" and node.head and self.sent.word(node.head).deprel.startswith("acl"):
                # "delegasi ..., yang dipimpin oleh X, bertemu Y" parsed with the predicate hung on the
                # relative clause: the noun the clause describes is the subject
                relative = self.sent.word(node.head)
                return ([self.sent.word(relative.head)], []) if relative.head else ([], [])
            else:
                node = None
            hops += 1
        return [], []

    def name_right_before(self, verb: Word) -> list[Word]:
        """The actor named right before a verb that has no subject, hung by the parser on a noun:
        "saat Menteri Luar Negeri Retno Marsudi berkunjung ke Yordania" with the name under "saat"."""
        k = verb.id - 1
        while k >= 1 and self.sent.word(k).upos in ("ADV", "AUX", "PART") and self.sent.word(k).text not in _PUNCT_BREAK:
            k -= 1
        m = self.by_word.get(k) if k >= 1 else None
        if m is None or m.kind == PLACE or m.end != k:
            return []
        node = self.sent.word(k)
        while node.head and node.head in self.by_word and self.by_word[node.head] is m:
            node = self.sent.word(node.head)  # the word that heads the name's phrase
        governor = self.sent.word(node.head) if node.head else None
        if governor is None or governor.upos in ("VERB", "AUX") or not node.deprel.startswith(("nmod", "appos", "compound")):
            return []  # an argument of another verb ("bertemu Retno, berkunjung ...") is not this one's
        return [node]

    def apposed_to_an_object(self, word: Word) -> bool:
        """Whether ``word`` starts a name written after a comma and an object's title, parsed as a subject:
        "Ketika bertemu Menlu Yordania, Ayman Safadi, Retno menyampaikan ..." (Safadi is the one met)."""
        m = self.by_word.get(word.id)
        if m is None or m.kind != PERSON or not m.roles or m.start < 2 or self.words[m.start - 1].text != ",":
            return False
        node = self.words[m.start - 2]
        while node.deprel in ("flat", "flat:name", "compound", "nmod", "fixed") and node.head:
            node = self.sent.word(node.head)
        return node.deprel in ("obj", "iobj") or node.deprel.startswith("obl")

    def quoted_after(self, verb: Word, subject: Word) -> bool:
        """Whether a quote mark stands between ``verb`` and a ``subject`` after it: the subject is inside
        the quote, never the verb's ("X mengatakan, “China salah ...”" with China parsed as its subject)."""
        return any(self.sent.word(k).text in _QUOTE_MARKS for k in range(verb.id + 1, subject.id))

    def misattached_controller(self, node: Word, came_from: Word | None) -> Word | None:
        """The object of an object-control verb hung on ``node`` as a clause before it, right before it.

        "Korea Utara menuding Amerika Serikat mengeskalasi ketegangan" parsed with "mengeskalasi" as the
        root and "menuding Amerika Serikat" as its adverbial clause: Amerika Serikat escalates. Not when
        the search came up from that clause (Korea Utara does the accusing).
        """
        for clause in self.kids(node.id):
            if (
                (came_from is not None and clause.id == came_from.id)
                or not clause.deprel.startswith("advcl")
                or clause.id > node.id
                or clause.lower not in self.lex.object_control
                or any(c.deprel == "mark" for c in self.kids(clause.id))
            ):
                continue
            for obj in self.kids(clause.id):
                if (
                    obj.deprel == "obj"
                    and obj.upos in ("PROPN", "NOUN", "PRON")
                    and self.case_of(obj) is None
                    and max(self.subtree(obj.id)) == node.id - 1
                ):
                    return obj
        return None

    def reporter_of_conjoined_speech(self, node: Word) -> Word | None:
        """The reporting verb whose subject says ``node``, a speech verb conjoined to a reported clause.

        "Turki menyebut Uni Eropa menjalankan ... dan menilai ..." parsed with "menilai" conjoined to
        "menjalankan": the one who reports (Turki) also assesses, not the one reported on.
        """
        if not node.deprel.startswith("conj") or not node.head or not self.is_speech(node):
            return None
        clause = self.sent.word(node.head)
        if not clause.deprel.startswith(("ccomp", "xcomp")) or not clause.head or self.is_speech(clause):
            return None
        reporter = self.sent.word(clause.head)
        return reporter if self.is_speech(reporter) or reporter.lower in self.lex.object_control else None

    def serial_predecessor(self, node: Word) -> Word | None:
        """The verb right before a complement verb, hung on the same word with a subject of its own,
        with only adverbs, auxiliaries and particles between them ("sepakat terus meningkatkan")."""
        if not node.deprel.startswith(("ccomp", "xcomp", "parataxis")) or node.upos != "VERB":
            return None
        k = node.id - 1
        while k >= 1 and self.sent.word(k).upos in ("ADV", "AUX", "PART"):
            k -= 1
        before = self.sent.word(k) if k >= 1 else None
        if before is None or before.upos != "VERB" or before.head != node.head or before.id == node.head:
            return None
        return before if any(c.deprel in _SUBJECTS for c in self.kids(before.id)) else None

    def objects_of(self, match: _TriggerMatch, head: Word) -> list[Word]:
        ids = set(match.ids())
        frame = self.lex.frame(match.trigger.event_type)
        destination = frame.destination
        out = []
        holders = [self.sent.word(i) for i in ids] + ([head] if head.id not in ids else [])
        for holder in holders:
            for child in self.kids(holder.id):
                if child.id in ids:
                    continue
                rel = child.deprel
                marker = self.case_of(child) or ""
                if marker is not None and (marker, child.lower) in self.lex.on_behalf:
                    continue  # "atas nama X": on behalf of X
                if marker in frame.reason_prepositions and child.lower not in self.lex.gifts:
                    continue  # "berterima kasih ... atas hasil positif": what is thanked for, not whom
                if rel in ("obj", "iobj") or (
                    rel.startswith(("obl", "nmod"))
                    and (marker in self.lex.target_prepositions or (destination and marker in self.lex.destination_prepositions))
                ):
                    out.append(child)
        # a phrase that ends with its preposition ("bertemu dengan"): the nominal it marks
        last = self.sent.word(match.end)
        if last.upos == "ADP" and last.head and last.head not in ids:
            marked = self.sent.word(last.head)
            if marked not in out:
                out.append(marked)
        return out

    def thanked_for(self, match: _TriggerMatch) -> list[Word]:
        """The gift thanked for, where the parser hung it away from the thanks ("berterima kasih mewakili
        rakyat Palestina atas dukungan yang diberikan Iran"): the first "atas" phrase after the trigger."""
        for w in self.words[match.end :]:
            if w.text in _PUNCT_BREAK:
                return []
            if (
                w.lower in self.lex.gift_reasons
                and w.deprel == "case"
                and w.head > w.id
                and self.sent.word(w.head).lower in self.lex.gifts
            ):
                return [self.sent.word(w.head)]
        return []

    def owners_of(self, match: _TriggerMatch) -> list[Word]:
        """Who an event noun belongs to: its -nya or possessor, or an actor named right after it."""
        ids = set(match.ids())
        out = []
        for wid in match.ids():
            for child in self.kids(wid):
                if child.id in ids or self.case_of(child) is not None:
                    continue
                if child.deprel in ("nmod:poss", "det:poss") or (
                    child.lower in self.lex.clitic_pronouns and not self.is_particle(child)
                ):
                    out.append(child)
                elif child.deprel.split(":")[0] in ("nmod", "compound", "appos", "flat") and child.id == match.end + 1:
                    found = self.resolve(child)
                    if found.mention is not None and found.mention.kind != PLACE:
                        out.append(child)
        return out

    def said_against(self, head: Word, speech_words: set[int]) -> list[tuple[str, Participant]]:
        """(event type, target) for what a speaker says about an actor (lexicon.toml [speech.content]).

        "memperingatkan bahwa Amerika Serikat akan membayar harga": the subject of the reported
        clause, when its predicate is listed, is the target of a Threaten by the speaker.
        """
        out = []
        for clause in self.kids(head.id):
            if not clause.deprel.startswith(("ccomp", "parataxis")) or clause.upos != "VERB":
                continue
            if any(head.id < i < clause.id for i in speech_words):
                continue  # "X menyatakan kedua pemimpin menegaskan bahwa ...": the nearer speech verb's clause
            following = tuple(w.lower for w in self.words[clause.id - 1 :] if w.upos != "PUNCT")
            for event_type, predicates in self.lex.speech_content.items():
                if not any(following[: len(p)] == p for p in predicates):
                    continue
                for subject in (c for c in self.kids(clause.id) if c.deprel in _SUBJECTS):
                    for word in self.conjuncts(subject):
                        part = self.resolve(word)
                        if part.mention is not None and part.mention.kind != PLACE:
                            out.append((event_type, part))
        return out

    def is_speech(self, word: Word) -> bool:
        """Whether ``word`` starts a Statement trigger ("menyatakan", "mengatakan")."""
        keys = (word.lower, word.lemma.lower())
        return any(self.lex.is_speech(t.event_type) for key in keys for t in self.lex.triggers_starting(key))

    def accusers(self, head: Word) -> list[Word]:
        """Who makes an accusation that is the reason of what they do (``[speech] reasons``).

        "Arab Saudi, Mesir ... memutuskan hubungan dengan Qatar terkait dengan tudingan bahwa Doha
        ...": the subjects of the clause the accusation is the reason of. Not a passive clause ("Qatar
        dikucilkan atas tuduhan ...": Qatar is the accused), nor speech about it.
        """
        if not head.head:
            return []
        governor = self.sent.word(head.head)
        if governor.lower in self.lex.reasons and governor.upos in ("VERB", "ADP", "SCONJ") and governor.head:
            clause = self.sent.word(governor.head)  # "terkait dengan tudingan", "menyusul tuduhan"
        elif self.case_of(head) in self.lex.reasons or any(
            c.lower in self.lex.reasons for c in self.kids(head.id) if c.deprel in ("case", "mark")
        ):
            clause = governor  # "atas tuduhan", "karena tudingan"
        else:
            return []
        if clause.upos == "NOUN" and clause.deprel in ("obj", "nsubj:pass") and clause.head:
            clause = self.sent.word(clause.head)  # "memutuskan hubungan terkait dengan tudingan": hung on the object
        if clause.upos != "VERB" or self.lex.is_passive_form(clause.lower) or self.is_speech(clause):
            return []
        return [c for c in self.kids(clause.id) if c.deprel in _SUBJECTS]

    def claim_subjects(self, match: _TriggerMatch) -> list[Word]:
        """The subject of the clause an event noun introduces with "bahwa": "tudingan bahwa Doha mendukung ..."."""
        if match.end >= len(self.words) or self.words[match.end].lower not in self.lex.complementizers:
            return []
        mark = self.words[match.end]
        if not mark.head:
            return []
        return [c for c in self.kids(mark.head) if c.deprel in _SUBJECTS and c.id > mark.id]

    def raised_objects(self, head: Word) -> list[Word]:
        """The object of an object-control verb, parsed into its complement: "meminta Turki menghentikan ...".

        Also the subject of a complement clause, for verbs whose target is the one the clause is about
        ("menuduh bahwa Doha mendukung terorisme"); Statements never come here.
        """
        out: list[Word] = []
        for xcomp in self.kids(head.id):
            if not xcomp.deprel.startswith(("xcomp", "ccomp")):
                continue  # "menyeru Pemerintah AS mengajukan ...", "menuduh bahwa Doha mendukung ..."
            out.extend(
                c
                for c in self.kids(xcomp.id)
                if c.deprel in ("obj", "nsubj") and head.id < c.id < xcomp.id and self.case_of(c) is None
            )
        return out

    def place_of(self, match: _TriggerMatch, head: Word, targets: list[Word]) -> Mention | None:
        """Where the event took place.

        In order: a "di" place under the trigger, or under a target person (the parser often
        attaches "bertemu dengan X di Manila" to X; the place of an organisation, "Ikhwanul
        Muslimin di Mesir", is where it is, not where the event was); a "di" place under a setting
        or audience of the trigger ("kata X dalam Forum Regional ASEAN di Manila", "kepada wartawan
        di Kairo"); a place of a clause of the same occasion ("kata X saat tiba di Doha"), except for
        visits, which leave that place behind; for a quote's "kata X", such a clause after it on the
        quote's root counts as its own.
        """
        trigger_words = [head, *(self.sent.word(i) for i in match.ids() if i != head.id)]
        persons = [t for t in targets if (m := self.by_word.get(t.id)) is not None and m.kind == PERSON]
        for holder in [*trigger_words, *persons]:
            found = self._place_under(holder)
            if found is not None:
                return found
        settings = self.lex.setting_prepositions | self.lex.place_prepositions
        for holder in trigger_words:
            for child in self.kids(holder.id):
                if child.deprel.startswith(("obl", "nmod")) and self.case_of(child) in settings and child.id not in self.by_word:
                    found = self._place_under(child)
                    if found is not None:
                        return found
        if self.lex.frame(match.trigger.event_type).destination:
            return None
        clauses = self.kids(head.id)
        if head.deprel == "parataxis" and head.head:
            # '"...," kata X saat tiba di Doha' with the clause hung on the quote's root, after "kata"
            clauses += [c for c in self.kids(head.head) if c.id > head.id]
        for clause in clauses:
            if clause.deprel.startswith("advcl") and (
                clause.lower in self.lex.occasion_verbs
                or any(c.deprel == "mark" and c.lower in self.lex.occasion_markers for c in self.kids(clause.id))
            ):
                for holder in [clause, *(c for c in self.kids(clause.id) if c.deprel == "obj")]:
                    found = self._place_under(holder)
                    if found is not None:
                        return found
        return None

    def _place_under(self, holder: Word) -> Mention | None:
        """A place or country introduced by "di" right under ``holder``."""
        for child in self.kids(holder.id):
            if child.deprel.startswith(("obl", "nmod")) and self.case_of(child) in self.lex.place_prepositions:
                m = self.by_word.get(child.id)
                if m is not None and m.kind in (PLACE, COUNTRY):
                    return m
        return None

    def modality_of(self, match: _TriggerMatch, head: Word) -> str:
        markers: list[str] = []
        for wid in match.ids():
            for child in self.kids(wid):
                if child.deprel in ("advmod", "aux", "mark", "aux:pass", "cop") or child.upos in ("AUX", "PART"):
                    markers.append(child.lower)
        k = match.start - 1
        while k >= 0 and match.start - k <= 3:
            w = self.words[k]
            if w.upos in ("PUNCT", "NOUN", "PROPN", "PRON") or w.text in _PUNCT_BREAK:
                break
            markers.append(w.lower)
            k -= 1
        if head.head and head.deprel.startswith("conj"):
            # "agar Qatar memutuskan hubungan ... dan mengusir ...": a conjunct shares the first one's
            # subordinator and auxiliaries
            markers.extend(c.lower for c in self.kids(head.head) if c.deprel in ("mark", "aux") and c.id < head.head)
        governor = self.sent.word(head.head) if head.head and head.deprel.startswith("xcomp") else None
        if governor is not None:
            markers.append(governor.lower)
            markers.extend(c.lower for c in self.kids(governor.id) if c.deprel in ("advmod", "aux"))
            # "terdapat keinginan dari X untuk berkomunikasi": a noun of intent as the governor's object
            markers.extend(c.lower for c in self.kids(governor.id) if c.deprel == "obj" and c.upos == "NOUN" and c.id < head.id)
        elif head.head and head.deprel.startswith("acl") and self.sent.word(head.head).upos == "NOUN":
            markers.append(self.sent.word(head.head).lower)  # "keinginan Dunford untuk berkomunikasi dengan X"
        negations = {m[0] for m in self.lex.modality.get("negated", ()) + self.lex.modality.get("failed", ()) if len(m) == 1}
        # "menghubungi Filipina belum berhasil": the outcome hangs on the trigger, or (parsed as a
        # sibling clause) on the verb the trigger complements ("berusaha menghubungi ... belum berhasil")
        outcome_holders = [(wid, wid) for wid in match.ids()]
        if governor is not None:
            outcome_holders.append((governor.id, match.end))
        for holder, after in outcome_holders:
            for child in self.kids(holder):
                if (
                    child.deprel.startswith(("advcl", "conj", "xcomp", "ccomp"))
                    and child.id > after
                    and (child.lower,) in self.lex.modality.get("outcome", ())
                    and any(c.lower in negations for c in self.kids(child.id))
                ):
                    return "failed"
        left = [w.lower for w in self.words[max(0, match.start - 4) : match.start]]
        candidates = []
        for name in ("failed", "negated", "obligation", "demanded", "future", "hypothetical"):
            for marker in self.lex.modality.get(name, ()):
                n = len(marker)
                if (n == 1 and marker[0] in markers) or (
                    n > 1 and any(tuple(left[k : k + n]) == marker for k in range(len(left) - n + 1))
                ):
                    candidates.append((-n, name))
        return min(candidates)[1] if candidates else "asserted"

    # -- dates ---------------------------------------------------------------------------
    def dates(self) -> list[tuple[int, str]]:
        """(word id, date literal) for each date expression in the sentence; explicit dates first."""
        out = []
        weekdays = []
        words = self.words
        for i, w in enumerate(words):
            month = self.lex.months.get(w.lower)
            if month and i > 0 and words[i - 1].text.isdigit():
                day = int(words[i - 1].text)
                year = None
                if i + 1 < len(words) and re.fullmatch(r"(19|20)\d\d", words[i + 1].text):
                    year = int(words[i + 1].text)
                literal = self._date_literal(year, month, day)
                if literal:
                    out.append((w.id, literal))
            # "Kamis (18/8/2016)", "Rabu (14/6)": day/month[/year] in news datelines
            m = re.fullmatch(r"(\d{1,2})/(\d{1,2})(?:/((?:19|20)?\d\d))?", w.text)
            if m:
                year = None if m.group(3) is None else int(m.group(3)) + (2000 if len(m.group(3)) == 2 else 0)
                literal = self._date_literal(year, int(m.group(2)), int(m.group(1)))
                if literal:
                    out.append((w.id, literal))
                    continue
            named_day = w.text[:1].isupper() or (i > 0 and words[i - 1].lower == "hari")
            if w.lower in self.lex.weekdays and named_day and self.article_date is not None:
                back = (self.article_date.weekday() - self.lex.weekdays[w.lower]) % 7
                weekdays.append((w.id, (self.article_date - dt.timedelta(days=back)).isoformat()))
        return out + weekdays

    def _date_literal(self, year: int | None, month: int, day: int) -> str | None:
        if year is None and self.article_date is not None:
            year = self.article_date.year
            try:
                if dt.date(year, month, day) > self.article_date + dt.timedelta(days=31):
                    year -= 1
            except ValueError:
                return None
        try:
            if year is not None:
                return dt.date(year, month, day).isoformat()
            dt.date(2000, month, day)
        except ValueError:
            return None
        return f"--{month:02d}-{day:02d}"

    def shared_dates(self, phrase_heads: list[Word], heads: dict[int, int], dates: dict[int, str]) -> dict[int, str]:
        """Dates with those of events done on the same occasion as a dated governing event.

        "Mckee, Senin (23/10), mendatangi Kemlu menemui Menlu Retno": a trigger without a date of
        its own, in a conjunct, complement or adverbial clause of a dated trigger, shares its date,
        unless the clause says it came before or after ("setelah", "sebelum": lexicon.toml
        [dates] sequence).
        """
        out = dict(dates)
        for n, head in enumerate(phrase_heads):
            if n in dates:
                continue
            node = head
            for _ in range(3):
                if not node.head or not node.deprel.startswith(("conj", "xcomp", "advcl")):
                    break
                if node.deprel.startswith("advcl") and any(
                    c.deprel == "mark" and c.lower in self.lex.sequence_markers for c in self.kids(node.id)
                ):
                    break
                node = self.sent.word(node.head)
                owner = heads.get(node.id)
                if owner is not None:
                    if owner in dates:
                        out[n] = dates[owner]
                    break
        return out

    def framing_triggers(self, matches: list[_TriggerMatch], phrase_heads: list[Word]) -> set[int]:
        """Triggers of a framing event type (``[complements] framing``) with another trigger as complement.

        "sepakat terus meningkatkan kerja sama": the cooperation is the event; the complement is
        hung on the framing verb (xcomp, ccomp) or, parsed as its sibling, right after it.
        """
        out = set()
        for n, (match, head) in enumerate(zip(matches, phrase_heads, strict=True)):
            if match.trigger.event_type not in self.lex.framing_types:
                continue
            for k, other in enumerate(phrase_heads):
                if k == n or matches[k].trigger.event_type in self.lex.framing_types or other.upos != "VERB":
                    continue
                hung = other.head == head.id and other.deprel.startswith(("xcomp", "ccomp"))
                serial = self.serial_predecessor(other)
                if hung or (serial is not None and serial.id == head.id):
                    out.add(n)
        return out

    def governing_trigger(self, word_id: int, heads: dict[int, int]) -> int | None:
        node = word_id
        for _ in range(len(self.words)):
            if node in heads:
                return heads[node]
            parent = self.sent.word(node).head
            if parent == 0:
                return None
            node = parent
        return None

    # -- main ------------------------------------------------------------------------------
    def find(self) -> list[EventMention]:
        matches = self.triggers()
        phrase_heads = [self.phrase_head(m) for m in matches]
        heads = {head.id: n for n, head in enumerate(phrase_heads)}
        for n, m in enumerate(matches):
            for wid in m.ids():
                heads.setdefault(wid, n)
        dates: dict[int, str] = {}
        for wid, literal in self.dates():
            owner = self.governing_trigger(wid, heads)
            if owner is None and len(matches) == 1:
                owner = 0
            if owner is not None:
                dates.setdefault(owner, literal)
        dates = self.shared_dates(phrase_heads, heads, dates)
        events: list[EventMention] = []
        speakers: dict[int, Participant] = {}
        speech_words = {i for m in matches if self.lex.is_speech(m.trigger.event_type) for i in m.ids()}
        pending: list[tuple[int, EventMention]] = []
        framing = self.framing_triggers(matches, phrase_heads)
        for n, (match, head) in enumerate(zip(matches, phrase_heads, strict=True)):
            trig = match.trigger
            if n in framing:
                continue
            frame = self.lex.frame(trig.event_type)
            if frame.speech and head.lower in self.lex.recognition:
                kids = self.kids(head.id)
                if any(c.deprel in ("obj", "nsubj:pass") for c in kids) and any(self.case_of(c) == "sebagai" for c in kids):
                    continue  # "mengakui Yerusalem sebagai ibu kota Israel": recognition, not speech
            agents, passive_subjects = self.subject_of(head, trig.passive)
            if trig.nominal:
                # "pernyataan Mogherini", "kunjungannya ke Myanmar": only an owned event noun is an event
                agents, passive_subjects = self.owners_of(match), []
                if not agents and head.deprel.startswith("obl") and self.case_of(head) in self.lex.noun_settings and head.head:
                    # "Dalam pernyataan pers bersama, Mogherini dan Hahn meminta ...": the setting of what
                    # the subject does is the subject's own
                    agents = self.subject_of(self.sent.word(head.head), False)[0]
                if not agents and head.deprel.startswith("nmod") and self.case_of(head) in self.lex.noun_settings and head.head:
                    # "Trump dan Moon lewat panggilan telepon menyatakan ...": hung on the subject itself
                    governor = self.sent.word(head.head)
                    agents = [governor] if governor.deprel in _SUBJECTS else []
                if not agents and frame.agent_from_reason:
                    agents = self.accusers(head)
                if not agents:
                    continue
            if not agents and not trig.passive and not trig.nominal:
                agents = self.name_right_before(head)
            targets = self.objects_of(match, head)
            if trig.passive and self.lex.is_passive_form(trig.words[0]) and not agents:
                # a di- passive without "oleh": a bare nominal after the verb is the agent
                # ("Retno dihubungi Menlu Belanda")
                agents = [t for t in targets if t.deprel == "obj" and t.id > head.id and self.case_of(t) is None]
                if not agents:
                    # "lokasi yang dikunjungi Raja Salman" with the name parsed as a bare oblique
                    agents = [
                        c
                        for c in self.kids(head.id)
                        if c.id == head.id + 1
                        and c.deprel.startswith("obl")
                        and self.case_of(c) is None
                        and (agent_named := self.resolve(c).mention) is not None
                        and agent_named.kind != PLACE
                    ]
                targets = [t for t in targets if t not in agents]
            last = self.sent.word(match.end)
            if trig.passive and not agents and len(trig.words) > 1 and last.upos == "ADP" and last.head not in match.ids():
                # a passive form that ends in its preposition marks the agent with it: "Doha bergantung
                # pada Iran" (Iran aids Doha), "menerima bantuan dari Jepang"
                marked = self.sent.word(last.head)
                agents = [marked]
                targets = [t for t in targets if t.id != marked.id]
            if trig.passive:
                targets = passive_subjects + targets
            elif not targets:
                targets = self.raised_objects(head) or (self.claim_subjects(match) if trig.nominal else [])
            if not targets and frame.target_from_gift:
                targets = self.thanked_for(match)
            patterned: list[str] = []  # pattern rules (kg/data/patterns.toml) that filled a role
            if not agents:
                agents, patterned = self.agents_by_pattern(match, head)
            trigger_text = self.sent.span_text(match.start, match.end)
            modality = self.modality_of(match, head)
            rule = "passive" if trig.passive else "nominal" if trig.nominal else ("phrase" if len(trig.words) > 1 else "verb")
            if rule in self.disabled and not frame.speech:
                continue
            rule += "".join(f"+{p}" for p in patterned)
            agent_parts = _unique(
                [self.resolve(a) for w in agents for a in self.with_partners(self.conjuncts(w)) if not self.is_particle(a)]
            )
            if frame.speech:
                content_ids = [
                    i
                    for c in self.kids(head.id)
                    if c.deprel.startswith(("ccomp", "parataxis", "xcomp"))
                    for i in self.subtree(c.id)
                ]
                content = self.sent.span_text(min(content_ids) - 1, max(content_ids)) if content_ids else None
                agent_parts = [a for a in agent_parts if a.mention is None or a.mention.kind != PLACE]
                named_after = self.person_after_tag(match) if self.after_closing_quote(match.start) else None
                by_tag_phrase = named_after is not None and "tag-phrase" not in self.disabled
                if by_tag_phrase and not any(a.mention is not None and a.mention.kind == PERSON for a in agent_parts):
                    # '"...," kata Kanit I Ditnarkoba Polda Bengkulu, AKP Agus Gunawan kepada wartawan': the one
                    # person named in the tag's speaker phrase, however the parser hung the title's words
                    agent_parts = [Participant(named_after, named_after.text, named_after.start + 1)]  # type: ignore[union-attr]
                    statement_rule = "statement+tag-phrase"
                else:
                    statement_rule = "statement"
                statement_rule += "".join(f"+{p}" for p in patterned)
                if "statement" in self.disabled:
                    continue
                # where it was said: "kata X di Kompleks Istana", "tutur X usai bertemu Y di Gedung Kemlu"
                speech_place = self.place_of(match, head, [])
                for agent in agent_parts or [None]:  # type: ignore[list-item]
                    ev = EventMention(
                        self.sent.index,
                        trig.event_type,
                        trigger_text,
                        head.id,
                        agent,
                        None,
                        speech_place,
                        dates.get(n),
                        modality,
                        None,
                        content,
                        statement_rule,
                    )
                    pending.append((n, ev))
                    if agent is not None:
                        speakers.setdefault(n, agent)
                    for event_type, about in self.said_against(head, speech_words):
                        if "content" in self.disabled:
                            break
                        if agent is not None and agent.mention is not None and not _same_actor(agent, about):
                            said = EventMention(
                                self.sent.index, event_type, trigger_text, head.id, agent, about, speech_place,
                                dates.get(n), modality, None, None, "content",
                            )  # fmt: skip
                            pending.append((n, said))
                continue
            place = self.place_of(match, head, targets)
            target_parts = [
                part
                for w in targets
                for t in self.conjuncts(w)
                for part in (self.listed(t) or [self.resolve(t)])
                if part.mention is not None or self.could_be_actor(t, oblique=not t.deprel.startswith("obj"))
            ]
            target_parts = _unique([more for part in target_parts for more in self.with_owner_conjuncts(part)])
            if trig.person_target:  # "menahan tersangka berinisial HS", not "menahan imbang Persija"
                target_parts = [t for t in target_parts if t.mention is not None and t.mention.kind == PERSON]
            target_parts = [
                t
                for t in target_parts
                if t.mention is None
                or t.mention.kind != PLACE
                or frame.place_target
                or self.sent.word(t.word).deprel in _SUBJECTS  # "bahwa Doha mendukung ...": a place that acts is its government
            ]
            visited_place = None
            if not target_parts and frame.destination and place is not None:
                # "kunjungannya di Teheran": the place visited is the target, and where the visit was
                target_parts, visited_place = [Participant(place, place.text, place.start + 1)], place
            doers: list[Participant | None] = [*agent_parts] or [None]
            pairs: list[tuple[Participant | None, Participant]] = [(a, t) for a in doers for t in target_parts]
            kind = self.lex.event_types.get(trig.event_type)
            among = self.among(match, head) if kind is not None and kind.symmetric and "among" not in self.disabled else []
            named_among = [p for p in among if p.mention is not None and p.mention.kind != PLACE]
            if len(named_among) >= 2:
                # "mengadakan pertemuan di antara semua kelompok, mulai dari A, B, C": they meet each other
                pairs = [(a, b) for k, a in enumerate(named_among) for b in named_among[k + 1 :]]
                rule += "+among"
            elif not target_parts and kind is not None and kind.symmetric and "pair" not in self.disabled:
                # "Trump dan Abe bertemu", "Indonesia bersama Malaysia bekerja sama": the agents with each other
                named = [a for a in agent_parts if a.mention is not None]
                pairs = [(a, b) for k, a in enumerate(named) for b in named[k + 1 :]]
                rule += "+pair" if pairs else ""
            if not pairs:
                continue
            if (
                place is not None
                and place is not visited_place
                and any(t.mention is not None and t.mention.key == place.key for t in target_parts)
            ):
                place = None  # "kelompok di Lebanon": where the target is, not where the event was
            types = [(trig.event_type, trigger_text, rule)]
            if "conj" not in self.disabled:
                types += [(other, text, rule + "+conj") for other, text in self.conjoined_types(match)]
            for doer, target in pairs:
                if _same_actor(doer, target):
                    continue
                for event_type, text, how in types:
                    pending.append(
                        (
                            n,
                            EventMention(
                                self.sent.index,
                                event_type,
                                text,
                                head.id,
                                doer,
                                target,
                                place,
                                dates.get(n),
                                modality,
                                None,
                                None,
                                how,
                            ),
                        )
                    )
        # events inside what someone said carry who said it
        for n, ev in pending:
            source = None
            node = self.sent.word(ev.trigger_word)
            for _ in range(len(self.words)):
                if node.head == 0:
                    break
                child, node = node, self.sent.word(node.head)
                owner = heads.get(node.id)
                if (
                    owner is not None
                    and owner != n
                    and owner in speakers
                    and self.lex.is_speech(matches[owner].trigger.event_type)
                ):
                    # not what the speaker says when it hangs on the speaker ("Trump lewat panggilan telepon menyatakan")
                    source = None if child.deprel in _SUBJECTS else speakers[owner]
                    break
            if source is not None and not self.lex.is_speech(ev.event_type) and "reported" not in self.disabled:
                ev = EventMention(
                    ev.sentence,
                    ev.event_type,
                    ev.trigger,
                    ev.trigger_word,
                    ev.agent,
                    ev.target,
                    ev.place,
                    ev.date,
                    ev.modality,
                    source,
                    ev.content,
                    ev.rule + "+reported",
                )
            events.append(ev)
        return events


def _looks_like_acronym(text: str) -> bool:
    """A short word of two or more capitals: "MoU", "VEOs", "PBB".

    >>> _looks_like_acronym("MoU"), _looks_like_acronym("Mesir")
    (True, False)
    """
    return 2 <= len(text) <= 8 and sum(ch.isupper() for ch in text) >= 2 and text.isalpha()


def _acronym_of(acronym: str, words: list[str]) -> bool:
    """Whether ``acronym`` spells the initials of ``words`` (capitalised words; small words may be skipped).

    >>> _acronym_of("QNA", ["Qatari", "News", "Agency"])
    True
    >>> _acronym_of("CPOPC", ["Council", "of", "Palm", "Oil", "Producer", "Countries"])
    True
    >>> _acronym_of("AFP", ["Qatari", "News", "Agency"])
    False
    """
    letters = acronym.replace(".", "").upper()
    full = "".join(w[0] for w in words if w[:1].isalnum()).upper()
    capitals = "".join(w[0] for w in words if w[:1].isupper()).upper()
    return len(letters) >= 2 and letters in (full, capitals)


def _acronym_of_tail(acronym: str, words: list[str]) -> bool:
    """Whether ``acronym`` spells only the last words of a name, so it names the nested organisation.

    >>> _acronym_of_tail("PBB", ["Dewan", "Keamanan", "Perserikatan", "Bangsa-Bangsa"])
    True
    >>> _acronym_of_tail("IRGC", ["Korps", "Pengawal", "Revolusi", "Islam"])
    False
    """
    parts = [p for w in words for p in re.split(r"[-/]", w) if p and p[0].isalnum()]
    letters = acronym.replace(".", "").upper()
    return any("".join(p[0] for p in parts[k:]).upper() == letters for k in range(1, len(parts) - 1))


@functools.lru_cache(maxsize=4)
def _title_heads(lex: Lexicon) -> frozenset[str]:
    """The first words of the titles that are offices, not forms of address."""
    return frozenset(t[0] for t in lex.titles if " ".join(t) not in lex.honorifics)


def _same_actor(agent: Participant | None, target: Participant) -> bool:
    """Whether agent and target are one actor mention (no event of an actor with itself)."""
    if agent is None or agent.mention is None or target.mention is None:
        return False
    return agent.mention.key == target.mention.key


def _unique(parts: list[Participant]) -> list[Participant]:
    """Participants with one entry per actor mention (a conjoined title leads to its own person)."""
    seen: set[object] = set()
    out = []
    for part in parts:
        key = part.mention.key if part.mention is not None else ("word", part.word)
        if key not in seen:
            seen.add(key)
            out.append(part)
    return out


def extract(doc: ParsedDoc, lexicon: Lexicon | None = None, disabled: frozenset[str] = frozenset()) -> Extraction:
    """Find the mentions and events of one parsed article, without the rules named in ``disabled``
    (ids of ``kg rules``; ``Lexicon.check_rules`` validates them)."""
    lex = lexicon or get_lexicon()
    lex.check_rules(disabled)
    found = [_MentionFinder(lex, sentence).find() for sentence in doc.sentences]
    found = _with_name_parts(doc, found, lex)
    found = _with_initials(doc, found, lex)
    mentions: list[Mention] = []
    events: list[EventMention] = []
    for sentence, here in zip(doc.sentences, found, strict=True):
        mentions.extend(here)
        events.extend(_EventFinder(lex, sentence, here, doc.article.date, disabled).find())
    if "retold" not in disabled:
        events = _hedged_retellings(events)
    return resolve_references(Extraction(doc, tuple(mentions), tuple(events)), lex, disabled)


def modality_at(sentence: Sentence, word: Word, event_type: str, lexicon: Lexicon | None = None) -> str:
    """The modality the rules give an event whose trigger is ``word`` (negated, future ... or asserted)."""
    lex = lexicon or get_lexicon()
    finder = _EventFinder(lex, sentence, [], None)
    match = _TriggerMatch(Trigger((word.lower,), event_type), word.id - 1, word.id)
    return finder.modality_of(match, word)


def _name_parts(persons: list[Mention], lex: Lexicon) -> dict[str, str]:
    """Each first or last word of an article's full person names -> the one name it stands for.

    A word shared by two different names (namesakes: "Abdullah" of two persons) stands for neither;
    a word that is itself a country, a known name or a title, or a particle ("bin", "al"), for no one.
    """
    owners: dict[str, set[str]] = {}
    for m in persons:
        words = m.text.replace("-", " ").split()
        if len(words) < 2:
            continue
        for word in {words[0], words[-1]}:
            low = word.lower()
            if (
                len(word) < 3
                or not word[:1].isupper()
                or low in lex.name_particles
                or (low,) in lex.titles
                or lex.country_code(word)
                or normalize_name(word) in lex.aliases
            ):
                continue
            owners.setdefault(word, set()).add(normalize_name(m.text))
    return {word: next(iter(names)) for word, names in owners.items() if len(names) == 1}


def _with_name_parts(doc: ParsedDoc, found: list[list[Mention]], lex: Lexicon) -> list[list[Mention]]:
    """Mentions of a person by one part of a name the article gives in full.

    "Trump dan Abe datang ke Florida" after "Donald Trump" and "Shinzo Abe": a capitalised word that
    is the first or last word of exactly one full person name of the article (see ``_name_parts``) is
    a mention of that person, whether the tagger missed it or took it for an organisation or a place.
    """
    parts = _name_parts([m for here in found for m in here if m.kind == PERSON], lex)
    if not parts:
        return found
    out = []
    for sentence, here in zip(doc.sentences, found, strict=True):
        mentions = [replace(m, kind=PERSON) if m.kind != PERSON and m.text in parts and not m.country_code else m for m in here]
        taken = {k for m in mentions for k in range(m.extent_start, m.end + (3 if m.acronym else 0))}
        for i, word in enumerate(sentence.words):
            if i in taken or word.text not in parts or word.upos not in ("PROPN", "NOUN", "X"):
                continue
            nxt = sentence.words[i + 1] if i + 1 < len(sentence.words) else None
            if nxt is not None and nxt.text[:1].isupper() and nxt.upos == "PROPN" and i + 1 not in taken:
                continue  # "Abe Jr", another name that starts with the same word
            mentions.append(Mention(sentence.index, i, i + 1, word.text, PERSON, i))
        out.append(sorted(mentions, key=lambda m: (m.start, -m.end)))
    return out


_INITIALS = re.compile(r"(?:[A-Z]{1,4}|(?:[A-Z]\.){1,4})")


def _initials_at(sentence: Sentence, lex: Lexicon) -> dict[int, int]:
    """0-based word index of each initials token of ``sentence`` -> where its mention's extent starts.

    Initials are one to four capitals ("HS", "H.S.") after a marker ("berinisial") or a legal person
    noun ("tersangka", "Saudara"), each of a list after one ("berinisial HS dan AR"), or right before an
    age in brackets ("AS (45)").
    """
    words = sentence.words
    lowered = [w.lower.rstrip(".") for w in words]
    found: dict[int, int] = {}
    for i, word in enumerate(words):
        if not _INITIALS.fullmatch(word.text):
            continue
        aged = [w.text for w in words[i + 1 : i + 4]]
        if len(aged) == 3 and aged[0] == "(" and aged[1].isdigit() and aged[2] == ")":
            found[i] = i  # "AS (45)"
            continue
        if i >= 2 and (lowered[i - 1] == "," or lowered[i - 1] in lex.connectors) and (i - 2) in found:
            found[i] = i  # "berinisial HS dan AR"
            continue
        start = next((i - len(m) for m in lex.initials_markers if i >= len(m) and tuple(lowered[i - len(m) : i]) == m), None)
        if start is None and i >= 1 and lowered[i - 1] in lex.initials_titles:
            start = i - 1
        if start is None:
            continue
        if start >= 1 and lowered[start - 1] in lex.initials_titles:
            start -= 1  # "tersangka berinisial HS": the extent covers the noun that stands for the person
        found[i] = start
    return found


def _with_initials(doc: ParsedDoc, found: list[list[Mention]], lex: Lexicon) -> list[list[Mention]]:
    """Mentions of suspects and witnesses by their initials (``_initials_at``): persons of this article only.

    Initials once introduced ("tersangka berinisial HS") are that person wherever the article repeats
    them ("HS diduga ..."), even where the tagger took them for an organisation or a country.
    """
    introduced = [_initials_at(sentence, lex) for sentence in doc.sentences]
    known = {
        sentence.words[i].text.replace(".", "") for sentence, here in zip(doc.sentences, introduced, strict=True) for i in here
    }
    if not known:
        return found
    out = []
    for sentence, here, marked in zip(doc.sentences, found, introduced, strict=True):
        spots = dict(marked)
        for i, word in enumerate(sentence.words):
            if i not in spots and word.text.replace(".", "") in known and _INITIALS.fullmatch(word.text):
                spots[i] = i
        if not spots:
            out.append(here)
            continue
        kept = [m for m in here if not any(m.start <= i < m.end for i in spots)]
        for i, start in spots.items():
            word = sentence.words[i]
            kept.append(Mention(sentence.index, i, i + 1, word.text, PERSON, start, initials=True))
        out.append(sorted(kept, key=lambda m: (m.start, -m.end)))
    return out


_IRREALIS = ("obligation", "demanded", "future", "hypothetical")


def _hedged_retellings(events: list[EventMention]) -> list[EventMention]:
    """A reported claim told again in the article as an obligation, a plan or a possibility is one.

    News leads condense: "Iran mengatakan X meminta maaf kepada Israel" is spelt out later as
    "Iran mengatakan bahwa X harus meminta maaf kepada Israel". Both tellings are reported speech
    (``according_to``) of the same type, agent and target (by name), so the plain one takes the
    later marker instead of asserting what was only demanded, planned or supposed. Events that are
    not reported, and negations (a denial is another claim, not a retelling), are left alone.
    """

    def key(ev: EventMention) -> tuple[str, str, str] | None:
        if ev.according_to is None or ev.agent is None or ev.target is None:
            return None
        names = [normalize_name(p.mention.text if p.mention is not None else p.text) for p in (ev.agent, ev.target)]
        return (ev.event_type, names[0], names[1]) if all(names) else None

    hedged: dict[tuple[str, str, str], str] = {}
    for ev in events:
        k = key(ev)
        if k is not None and ev.modality in _IRREALIS:
            hedged.setdefault(k, ev.modality)
    out = []
    for ev in events:
        k = key(ev)
        if k is not None and ev.modality == "asserted" and k in hedged:
            ev = replace(ev, modality=hedged[k], rule=ev.rule + "+retold")
        out.append(ev)
    return out
