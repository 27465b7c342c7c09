"""Roles written around a person's name: titles and what they are of."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kg.extract.words import PUNCT_BREAK, is_capitalized
from kg.types import COUNTRY, ORGANIZATION, PERSON, Mention, RoleMention

if TYPE_CHECKING:
    from kg.extract.mentions import MentionFinder


class RoleReader:
    """The titles written before, after or in apposition to a person's name, each with its owner."""

    def __init__(self, finder: MentionFinder) -> None:
        self.finder = finder
        self.lex = finder.lex
        self.sent = finder.sent
        self.words = finder.words

    def with_apposed_roles(self, person: Mention, by_start: dict[int, Mention]) -> Mention:
        """Roles written after a name, in brackets or after a comma: "Kofi Annan (mantan Sekjen PBB)",
        "Robert Kraft, pemilik klub New England Patriots"."""
        k = person.end
        if k >= len(self.words) - 1 or self.words[k].text not in ("(", ","):
            return person
        first = k + 1 + (1 if self.words[k + 1].lower in self.lex.title_prefixes else 0)
        if not self.finder.title_at(first, len(self.words)):
            return person
        end = k + 1
        stops = (")", ",", ".", ";")
        while end < len(self.words) and self.words[end].text not in stops and self.words[end].upos not in ("VERB", "AUX"):
            end += 1
        if any(m.kind == PERSON and k < m.start < end for m in by_start.values()):
            return person  # ", Menlu Malaysia Anifah": the title of the next name
        roles = self._parse_roles(k + 1, end, by_start)
        return replace(person, roles=person.roles + tuple(roles)) if roles else person

    def with_title_before_comma(self, person: Mention, by_start: dict[int, Mention]) -> Mention:
        """A title phrase that names nobody, then a comma and the name: "bertemu Menlu Yordania, Ayman
        Safadi, ...". The name holds the title (coreference then reads the phrase as its holder)."""
        comma = person.start - 1
        if person.roles or comma < 1 or self.words[comma].text != ",":
            return person
        k = comma
        while k > 0:
            prev = self.words[k - 1]
            if (
                prev.text in PUNCT_BREAK
                or prev.upos in ("VERB", "AUX", "ADP", "SCONJ", "CCONJ")
                or prev.lower in self.lex.connectors
            ):
                break
            k -= 1
        first = k + (1 if self.words[k].lower in self.lex.title_prefixes else 0)
        if comma - k > 8 or not self.finder.title_at(first, comma):
            return person
        client = next((m for m in by_start.values() if m.kind == PERSON and k <= m.start < comma), None)
        if client is not None:
            # "Kuasa hukum Rizieq Shihab, Sugito ...": the lawyer of the person named before the comma
            title = self._parse_roles(k, client.start, by_start)
            if client.end == comma and self._relational(title):
                return replace(person, roles=(RoleMention(title[0].title, client, client.text),))
            return person  # "Presiden Jokowi, Menlu Retno": a list of titled names
        roles = self._parse_roles(k, comma, by_start)
        return replace(person, roles=tuple(roles)) if roles else person

    def with_roles(self, person: Mention, by_start: dict[int, Mention]) -> Mention:
        """Read the titles (and what they belong to) written right before a person's name."""
        i = person.start
        window_start = i
        while window_start > 0:
            prev = self.words[window_start - 1]
            accredited = (
                prev.lower in self.lex.accredited_to and window_start >= 2 and window_start - 2 in self._owner_words(by_start)
            )
            title_start = self._title_ending_at(window_start)
            if title_start is not None and title_start < window_start - 1 and prev.text not in PUNCT_BREAK:
                window_start = title_start  # a title of several words holds its own preposition: "Menteri Dalam Negeri"
                continue
            if prev.text in PUNCT_BREAK or (
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
            if title_start is not None or is_capitalized(prev) or prev.lower in self.lex.honorifics:
                window_start -= 1
                continue
            break
        roles = self._parse_roles(window_start, i, by_start)
        if not roles or self._for_the_next_name(person, roles, by_start):
            return person
        # The extent starts at the first title actually found.
        return replace(person, extent_start=min(window_start, person.start), roles=tuple(roles))

    def _for_the_next_name(self, person: Mention, roles: list[RoleMention], by_start: dict[int, Mention]) -> bool:
        """Whether the title before ``person`` is the next name's, of this person: a relational title
        (``[titles] relational``) and, after a comma, another person ("Kuasa hukum Rizieq Shihab, Sugito ...")."""
        after = by_start.get(person.end + 1)
        return (
            self._relational(roles)
            and person.end < len(self.words)
            and self.words[person.end].text == ","
            and after is not None
            and after.kind == PERSON
        )

    def _relational(self, roles: list[RoleMention]) -> bool:
        """Whether ``roles`` is one relational title (``[titles] relational``) that names no owner itself: "Kuasa
        hukum", not "Juru bicara KPK" (KPK's spokesman)."""
        return (
            len(roles) == 1
            and roles[0].of is None
            and roles[0].of_text is None
            and roles[0].title.lower() in self.lex.relational_titles
        )

    def _title_ending_at(self, end: int) -> int | None:
        """Where the longest known title that ends right before word ``end`` starts (None without one)."""
        return next(
            (k for k in range(max(0, end - self.lex.max_title_len), end) if self.finder.title_at(k, end) == end - k),
            None,
        )

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
        while k < end and self.finder.title_at(k, end) == 0:
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
            length = self.finder.title_at(k, limit)
            if length and " ".join(w.lower.rstrip(".") for w in self.words[k : k + length]) in self.lex.honorifics:
                k += length  # "Bapak", "Prof. Dr.": a form of address, not an office
                continue
            if word.lower in self.lex.connectors:
                flush(connector=True)
                title_words, of, of_text = [], None, []
                k += 1
                continue
            if not title_words and word.lower in self.lex.title_prefixes and self.finder.title_at(k + 1, limit):
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
        for gs, ge, label, code in self.finder.gazetteer:
            if label == "COUNTRY" and code and owner.start < gs and ge == owner.end:
                country = Mention(self.sent.index, gs, ge, self.sent.span_text(gs, ge), COUNTRY, gs, code)
                self.finder.owners[country.key] = country
                return country
        return None
