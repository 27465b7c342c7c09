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
from dataclasses import dataclass, field, replace

from kg.document import Entity, ParsedDoc, Sentence, Word
from kg.lexicon import Lexicon, Trigger, get_lexicon, normalize_name

__all__ = ["EventMention", "Extraction", "Mention", "Participant", "RoleMention", "extract"]

PERSON, ORGANIZATION, COUNTRY, PLACE = "Person", "Organization", "Country", "Place"
_KIND_PREFERENCE = {PERSON: 0, ORGANIZATION: 1, COUNTRY: 2, PLACE: 3}
_NOMINAL_LINKS = {"flat", "compound", "nmod", "appos", "amod", "det", "nummod", "acl", "case"}
_SUBJECTS = ("nsubj", "csubj")
_PASSIVE_SUBJECTS = ("nsubj:pass", "csubj:pass")
_PUNCT_BREAK = {",", ";", ":", ".", "!", "?", '"', "“", "”", "'"}
_CONNECTORS = {"dan", "serta", "&"}


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

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.sentence, self.start, self.end)


@dataclass(frozen=True)
class Participant:
    """An event's agent or target: a resolved mention, or the words that could not be resolved."""

    mention: Mention | None
    text: str
    word: int


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


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article."""

    doc: ParsedDoc
    mentions: tuple[Mention, ...]
    events: tuple[EventMention, ...]
    warnings: tuple[str, ...] = field(default_factory=tuple)


# ============================================================================ mentions


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
        spans = self._merge_gazetteer(spans, gazetteer)
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
            out.append(mention)
        return out

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
        if ent.label in ("ORG", "LOC"):
            # "Panglima Korps ...": a person's title tagged into an organisation belongs to the role
            length = self.title_at(s, e)
            if 0 < length < e - s and _is_capitalized(self.words[s + length]):
                s += length
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
        if not text or normalize_name(text) in self.lex.pronouns:
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
        elif label == "PER":
            kind = PERSON
        elif label == "ORG":
            kind = ORGANIZATION
        else:
            kind = PLACE
        return Mention(self.sent.index, s, e, text, kind, s, code, acronym)

    def _with_roles(self, person: Mention, by_start: dict[int, Mention]) -> Mention:
        """Read the titles (and what they belong to) written right before a person's name."""
        i = person.start
        window_start = i
        while window_start > 0:
            prev = self.words[window_start - 1]
            if prev.text in _PUNCT_BREAK or (prev.upos in ("VERB", "AUX", "ADP", "SCONJ") and prev.lower not in _CONNECTORS):
                break
            owner = next((m for m in by_start.values() if m.start <= window_start - 1 < m.end + (1 if m.acronym else 0)), None)
            if owner is not None and owner.kind != PERSON:
                window_start = owner.start
                continue
            if owner is not None:
                break
            if prev.lower in _CONNECTORS or prev.text in "()":
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
        return Mention(
            person.sentence,
            person.start,
            person.end,
            person.text,
            person.kind,
            min(window_start, person.start),
            person.country_code,
            person.acronym,
            tuple(roles),
        )

    def _parse_roles(self, start: int, end: int, by_start: dict[int, Mention]) -> list[RoleMention]:
        # skip leading words until the first title
        k = start
        while k < end and self.title_at(k, end) == 0:
            k += 1
        roles: list[RoleMention] = []
        title_words: list[str] = []
        of: Mention | None = None
        of_text: list[str] = []

        def flush() -> None:
            if title_words:
                title = " ".join(title_words)
                roles.append(RoleMention(title, of, of.text if of else (" ".join(of_text) or None)))

        while k < end:
            word = self.words[k]
            # a title stops where a known organisation or country starts ("Panglima | Korps ...")
            limit = min((m.start for m in by_start.values() if m.kind != PERSON and k < m.start < end), default=end)
            length = self.title_at(k, limit)
            if length and " ".join(w.lower.rstrip(".") for w in self.words[k : k + length]) in self.lex.honorifics:
                k += length  # "Bapak", "Prof. Dr.": a form of address, not an office
                continue
            if word.lower in _CONNECTORS:
                flush()
                title_words, of, of_text = [], None, []
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
                    of = owner
                k = owner.end + (3 if owner.acronym else 0)
                continue
            if word.text in "()":
                k += 1
                continue
            if title_words and of is None:
                title_words.append(word.text)
            k += 1
        flush()
        return roles


# ============================================================================ events


@dataclass
class _TriggerMatch:
    trigger: Trigger
    start: int  # 0-based word index
    end: int

    def ids(self) -> range:
        return range(self.start + 1, self.end + 1)


class _EventFinder:
    def __init__(self, lexicon: Lexicon, sentence: Sentence, mentions: list[Mention], article_date: dt.date | None):
        self.lex = lexicon
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
                if trig.lemma:
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
        out = [word]
        for child in self.kids(word.id):
            if child.deprel.startswith("conj"):
                out.extend(self.conjuncts(child))
        return out

    # -- resolving words to actors -----------------------------------------------
    def resolve(self, word: Word) -> Participant:
        """The actor a nominal word stands for: itself, its leader, its owner, or nobody."""
        mention = self.by_word.get(word.id)
        if mention is not None:
            return Participant(mention, mention.text, word.id)
        text = self.nominal_text(word)
        if word.lower in self.lex.pronouns or word.upos == "PRON":
            return Participant(None, text, word.id)
        # a group led by someone: "delegasi ... yang dipimpin oleh X"
        if word.lower in self.lex.group_nouns:
            for child in self.kids(word.id):
                if child.deprel.startswith("acl") and child.lower in self.lex.leader_forms:
                    for obl in self.kids(child.id):
                        if self.case_of(obl) == "oleh" or obl.deprel.startswith("obl"):
                            led = self.resolve(obl)
                            if led.mention is not None:
                                return led
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
            return Participant(best, best.text, word.id)
        return Participant(None, text, word.id)

    def is_particle(self, word: Word) -> bool:
        """The clitic -nya of an adverb or conjunction ("sebelumnya", "akhirnya"): no one is meant."""
        if word.lower != "nya" or word.id < 2:
            return False
        return self.sent.word(word.id - 1).upos in ("ADV", "SCONJ", "CCONJ", "DET", "NUM", "PART", "ADJ")

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
        hops = 0
        while node is not None and hops < 4:
            subjects = [c for c in self.kids(node.id) if c.deprel in _SUBJECTS]
            pass_subjects = [c for c in self.kids(node.id) if c.deprel in _PASSIVE_SUBJECTS]
            if passive and not pass_subjects and subjects:
                pass_subjects, subjects = subjects, []
            agents = [
                c
                for c in self.kids(node.id)
                if c.deprel.startswith("obl") and (self.case_of(c) == "oleh" or (c.deprel == "obl:agent" and passive))
            ]
            if passive and agents and not subjects and not pass_subjects and node.deprel.startswith(("xcomp", "conj")):
                # "Retno mengaku dihubungi oleh Menlu Inggris": the controller is the one contacted
                governor = self.sent.word(node.head)
                pass_subjects = [c for c in self.kids(governor.id) if c.deprel in _SUBJECTS + _PASSIVE_SUBJECTS]
            if subjects or pass_subjects or agents:
                return subjects + agents, pass_subjects
            if node.upos in ("NOUN", "PROPN"):  # "kunjungannya ke Teheran": the owner did it
                owners = [c for c in self.kids(node.id) if c.deprel in ("nmod:poss", "det:poss") or c.lower == "nya"]
                if owners:
                    return owners, []
            if node.deprel.startswith("xcomp") and node.head:
                # object control: "menuding Amerika Serikat mengeskalasi ...": the object does the complement
                controllers = [
                    c
                    for c in self.kids(node.head)
                    if c.deprel == "obj" and c.id < node.id and c.upos in ("PROPN", "NOUN", "PRON") and self.case_of(c) is None
                ]
                if controllers:
                    return ([], controllers) if passive else (controllers, [])
            if node.deprel.startswith(("conj", "xcomp", "advcl", "ccomp")) and node.head:
                node = self.sent.word(node.head)
            elif node.deprel.startswith("acl") and node.head:
                return [self.sent.word(node.head)], []
            else:
                node = None
            hops += 1
        return [], []

    def objects_of(self, match: _TriggerMatch, head: Word) -> list[Word]:
        ids = set(match.ids())
        destination = match.trigger.event_type == "Visit"
        out = []
        holders = [self.sent.word(i) for i in ids] + ([head] if head.id not in ids else [])
        for holder in holders:
            for child in self.kids(holder.id):
                if child.id in ids:
                    continue
                rel = child.deprel
                marker = self.case_of(child) or ""
                if marker == "atas" and child.lower == "nama":
                    continue  # "atas nama X": on behalf of X
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

    def owners_of(self, match: _TriggerMatch) -> list[Word]:
        """Who an event noun belongs to: its -nya or possessor, or an actor named right after it."""
        ids = set(match.ids())
        out = []
        for wid in match.ids():
            for child in self.kids(wid):
                if child.id in ids or self.case_of(child) is not None:
                    continue
                if child.deprel in ("nmod:poss", "det:poss") or (child.lower == "nya" and not self.is_particle(child)):
                    out.append(child)
                elif child.deprel.split(":")[0] in ("nmod", "appos", "flat") and child.id == match.end + 1:
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
        visits, which leave that place behind.
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
        if match.trigger.event_type == "Visit":
            return None
        for clause in self.kids(head.id):
            if clause.deprel.startswith("advcl") and any(
                c.deprel == "mark" and c.lower in self.lex.occasion_markers for c in self.kids(clause.id)
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
        governor = self.sent.word(head.head) if head.head and head.deprel.startswith("xcomp") else None
        if governor is not None:
            markers.append(governor.lower)
            markers.extend(c.lower for c in self.kids(governor.id) if c.deprel in ("advmod", "aux"))
        negations = {m[0] for m in self.lex.modality.get("negated", ()) + self.lex.modality.get("failed", ()) if len(m) == 1}
        for wid in match.ids():
            for child in self.kids(wid):
                if (
                    child.deprel.startswith(("advcl", "conj", "xcomp"))
                    and child.id > wid
                    and (child.lower,) in self.lex.modality.get("outcome", ())
                    and any(c.lower in negations for c in self.kids(child.id))
                ):
                    return "failed"  # "menghubungi Filipina belum berhasil"
        left = [w.lower for w in self.words[max(0, match.start - 4) : match.start]]
        candidates = []
        for name in ("failed", "negated", "obligation", "future", "hypothetical"):
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
        speech_words = {i for m in matches if m.trigger.event_type == "Statement" for i in m.ids()}
        pending: list[tuple[int, EventMention]] = []
        for n, (match, head) in enumerate(zip(matches, phrase_heads, strict=True)):
            trig = match.trigger
            agents, passive_subjects = self.subject_of(head, trig.passive)
            if trig.nominal:
                # "pernyataan Mogherini", "kunjungannya ke Myanmar": only an owned event noun is an event
                agents, passive_subjects = self.owners_of(match), []
                if not agents and head.deprel.startswith("obl") and self.case_of(head) in ("dalam", "pada") and head.head:
                    # "Dalam pernyataan pers bersama, Mogherini dan Hahn meminta ...": the setting of what
                    # the subject does is the subject's own
                    agents = self.subject_of(self.sent.word(head.head), False)[0]
                if not agents:
                    continue
            targets = self.objects_of(match, head)
            if trig.passive and trig.words[0].startswith("di") and not agents:
                # a di- passive without "oleh": a bare nominal after the verb is the agent
                # ("Retno dihubungi Menlu Belanda")
                agents = [t for t in targets if t.deprel == "obj" and t.id > head.id and self.case_of(t) is None]
                targets = [t for t in targets if t not in agents]
            if trig.passive:
                targets = passive_subjects + targets
            elif not targets:
                targets = self.raised_objects(head)
            if not agents and len(match.trigger.words) == 1 and head.deprel in ("case", "mark") and head.head:
                # "Menurut X, ...": the trigger is the preposition of its speaker (not of a document: "menurut draf")
                speaker = self.sent.word(head.head)
                if (
                    speaker.id in self.by_word
                    or speaker.lower in self.lex.group_nouns
                    or speaker.lower in self.lex.pronouns
                    or self.is_title_word(speaker)
                ):
                    agents = [speaker]
            trigger_text = self.sent.span_text(match.start, match.end)
            modality = self.modality_of(match, head)
            rule = "passive" if trig.passive else "nominal" if trig.nominal else ("phrase" if len(trig.words) > 1 else "verb")
            agent_parts = _unique(
                [self.resolve(a) for w in agents for a in self.with_partners(self.conjuncts(w)) if not self.is_particle(a)]
            )
            if trig.event_type == "Statement":
                content_ids = [
                    i
                    for c in self.kids(head.id)
                    if c.deprel.startswith(("ccomp", "parataxis", "xcomp"))
                    for i in self.subtree(c.id)
                ]
                content = self.sent.span_text(min(content_ids) - 1, max(content_ids)) if content_ids else None
                agent_parts = [a for a in agent_parts if a.mention is None or a.mention.kind != PLACE]
                # where it was said: "kata X di Kompleks Istana", "tutur X usai bertemu Y di Gedung Kemlu"
                speech_place = self.place_of(match, head, [])
                for agent in agent_parts or [None]:  # type: ignore[list-item]
                    ev = EventMention(
                        self.sent.index,
                        "Statement",
                        trigger_text,
                        head.id,
                        agent,
                        None,
                        speech_place,
                        dates.get(n),
                        modality,
                        None,
                        content,
                        "statement",
                    )
                    pending.append((n, ev))
                    if agent is not None:
                        speakers.setdefault(n, agent)
                    for event_type, about in self.said_against(head, speech_words):
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
                if (part := self.resolve(t)).mention is not None or self.could_be_actor(t, oblique=not t.deprel.startswith("obj"))
            ]
            target_parts = _unique([more for part in target_parts for more in self.with_owner_conjuncts(part)])
            target_parts = [
                t for t in target_parts if t.mention is None or t.mention.kind != PLACE or trig.event_type in ("Visit", "Attack")
            ]
            if not target_parts and trig.event_type == "Visit" and place is not None:
                # "kunjungannya di Teheran": the place visited is the target
                target_parts, place = [Participant(place, place.text, place.start + 1)], None
            doers: list[Participant | None] = [*agent_parts] or [None]
            pairs: list[tuple[Participant | None, Participant]] = [(a, t) for a in doers for t in target_parts]
            kind = self.lex.event_types.get(trig.event_type)
            if not target_parts and kind is not None and kind.symmetric:
                # "Trump dan Abe bertemu", "Indonesia bersama Malaysia bekerja sama": the agents with each other
                named = [a for a in agent_parts if a.mention is not None]
                pairs = [(a, b) for k, a in enumerate(named) for b in named[k + 1 :]]
                rule += "+pair" if pairs else ""
            if not pairs:
                continue
            if place is not None and any(t.mention is not None and t.mention.key == place.key for t in target_parts):
                place = None  # "kelompok di Lebanon": where the target is, not where the event was
            for doer, target in pairs:
                if _same_actor(doer, target):
                    continue
                pending.append(
                    (
                        n,
                        EventMention(
                            self.sent.index,
                            trig.event_type,
                            trigger_text,
                            head.id,
                            doer,
                            target,
                            place,
                            dates.get(n),
                            modality,
                            None,
                            None,
                            rule,
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
                node = self.sent.word(node.head)
                owner = heads.get(node.id)
                if owner is not None and owner != n and owner in speakers and matches[owner].trigger.event_type == "Statement":
                    source = speakers[owner]
                    break
            if source is not None and ev.event_type != "Statement":
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


def extract(doc: ParsedDoc, lexicon: Lexicon | None = None) -> Extraction:
    """Find the mentions and events of one parsed article."""
    lex = lexicon or get_lexicon()
    mentions: list[Mention] = []
    events: list[EventMention] = []
    for sentence in doc.sentences:
        found = _MentionFinder(lex, sentence).find()
        mentions.extend(found)
        events.extend(_EventFinder(lex, sentence, found, doc.article.date).find())
    events = _hedged_retellings(events)
    from kg.coref import resolve_references

    return resolve_references(Extraction(doc, tuple(mentions), tuple(events)), lex)


_IRREALIS = ("obligation", "future", "hypothetical")


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
