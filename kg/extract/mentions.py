"""Actor mentions of a sentence: NER spans and gazetteer names made whole, with their roles."""

from __future__ import annotations

import functools
import re

from kg.document import Sentence, Word
from kg.extract.roles import RoleReader
from kg.extract.spans import NameSpans
from kg.extract.words import acronym_of_tail, is_capitalized, looks_like_acronym, name_starts
from kg.lexicon import Lexicon, normalize_name
from kg.types import COUNTRY, ORGANIZATION, PERSON, PLACE, Mention

_ROMAN = re.compile(r"^[IVX]{2,}$")  # a Roman numeral written alone ("II", "IX"; not the "I" of Balinese names)


class MentionFinder:
    """The actor mentions of one sentence: NER spans and known names, with the roles written around persons."""

    def __init__(self, lexicon: Lexicon, sentence: Sentence) -> None:
        self.lex = lexicon
        self.sent = sentence
        self.words = sentence.words
        self.owners: dict[tuple[int, int, int], Mention] = {}  # countries that end an organisation's name and own a role
        self.spans = NameSpans(self)
        self.roles = RoleReader(self)

    @functools.cached_property
    def gazetteer(self) -> list[tuple[int, int, str, str | None]]:
        """Longest matches of country names (CLDR + countries.toml) and aliases.toml names, as written."""
        out: list[tuple[int, int, str, str | None]] = []
        hit: tuple[int, int, str, str | None] | None
        i = 0
        n = len(self.words)
        longest = max(self.lex.max_country_len, self.lex.max_alias_len)
        starts = name_starts(self.lex)
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
        if i >= len(self.words) or self.words[i].lower.rstrip(".") not in self.lex.title_first_words:
            return 0
        for length in range(min(self.lex.max_title_len, limit - i), 0, -1):
            if tuple(w.lower.rstrip(".") for w in self.words[i : i + length]) in self.lex.titles:
                return length
        return 0

    def find(self) -> list[Mention]:
        gazetteer = self.gazetteer
        countries = {(s, e): code for s, e, label, code in gazetteer if label == "COUNTRY" and code}
        spans: list[tuple[int, int, str]] = []  # (start, end, NER label or COUNTRY)
        for ent in self.sent.entities:
            spans.extend(self.spans.split_entity(ent))
        spans = self.spans.join_names(spans)
        spans = self.spans.merge_gazetteer(spans, gazetteer)
        spans = self.spans.with_heads(spans)
        spans = self.spans.headed_names(spans)
        base: list[Mention] = []
        for s, e, label in spans:
            mention = self._make_mention(s, e, label, countries)
            if mention is not None:
                base.append(mention)
        by_start = {m.start: m for m in base}
        out = []
        for mention in base:
            if mention.kind == PERSON:
                mention = self.roles.with_roles(mention, by_start)
                mention = self.roles.with_apposed_roles(mention, by_start)
                mention = self.roles.with_title_before_comma(mention, by_start)
            out.append(mention)
        known = {m.key for m in out}
        out.extend(m for key, m in self.owners.items() if key not in known)  # "RI" of "Kemlu RI", holding a role
        return sorted(out, key=lambda m: (m.start, -m.end))

    def _make_mention(self, s: int, e: int, label: str, countries: dict[tuple[int, int], str]) -> Mention | None:
        while s < e - 1 and (
            self.words[s].upos == "PUNCT" or self.words[s].lower in self.lex.not_name_starts or _ROMAN.match(self.words[s].text)
        ):
            # "KH. Ma'ruf Amin" after its title, "Biarpun Barack Obama" at a sentence start, the numeral of what came
            # before ("Tingkat II Akademi Kepolisian"): not the name's
            s += 1
        words = self.words[s:e]
        acronym = None
        if len(words) >= 4 and words[-1].text == ")" and "(" in [w.text for w in words]:
            k = max(i for i, w in enumerate(words) if w.text == "(")
            inner = self.sent.span_text(s + k + 1, e - 1)
            if k > 0 and inner and len(inner) <= 12:
                e = s + k
                words = self.words[s:e]
                if not acronym_of_tail(inner, [w.text for w in words]):
                    acronym = inner
        text = self.sent.span_text(s, e).strip(" -\"'“”")
        if not text or self._pronoun(normalize_name(text)) or normalize_name(text) in self.lex.not_actors:
            return None
        if self._is_no_name(s, e, words):
            return None
        if all(w.upos == "PUNCT" for w in words):
            return None
        if label == "PER" and not any(is_capitalized(w) for w in words):
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

    def _pronoun(self, name: str) -> bool:
        """A pronoun, also with a particle the tokenizer left on it ("Iapun", ``[names] pronoun_particles``)."""
        return name in self.lex.pronouns or any(
            name.endswith(p) and name[: -len(p)] in self.lex.pronouns for p in self.lex.pronoun_particles
        )

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
        if len(words) == 1 and looks_like_acronym(words[0].text):
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
