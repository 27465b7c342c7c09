"""Setting: where and when an event happened, and its modality."""

from __future__ import annotations

import datetime as dt
import re

from kg.document import Word
from kg.extract.view import Component, TriggerMatch
from kg.extract.words import PUNCT_BREAK, word_triggers
from kg.lexicon import Trigger
from kg.types import COUNTRY, PERSON, PLACE, Mention


class Setting(Component):
    """The place, date and modality of events."""

    def place_of(self, match: TriggerMatch, head: Word, targets: list[Word]) -> Mention | None:
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
            for child in self.view.kids(holder.id):
                if (
                    child.deprel.startswith(("obl", "nmod"))
                    and self.view.case_of(child) in settings
                    and child.id not in self.by_word
                ):
                    found = self._place_under(child)
                    if found is not None:
                        return found
        if self.lex.frame(match.trigger.event_type).destination:
            return None
        clauses = self.view.kids(head.id)
        if head.deprel == "parataxis" and head.head:
            # '"...," kata X saat tiba di Doha' with the clause hung on the quote's root, after "kata"
            clauses += [c for c in self.view.kids(head.head) if c.id > head.id]
        for clause in clauses:
            if clause.deprel.startswith("advcl") and (
                clause.lower in self.lex.occasion_verbs
                or any(c.deprel == "mark" and c.lower in self.lex.occasion_markers for c in self.view.kids(clause.id))
            ):
                for holder in [clause, *(c for c in self.view.kids(clause.id) if c.deprel == "obj")]:
                    found = self._place_under(holder)
                    if found is not None:
                        return found
        return None

    def _place_under(self, holder: Word) -> Mention | None:
        """A place or country introduced by "di" right under ``holder``."""
        for child in self.view.kids(holder.id):
            if child.deprel.startswith(("obl", "nmod")) and self.view.case_of(child) in self.lex.place_prepositions:
                m = self.by_word.get(child.id)
                if m is not None and m.kind in (PLACE, COUNTRY):
                    return m
        return None

    def modality_of(self, match: TriggerMatch, head: Word) -> str:
        markers = self._markers(match, head)
        governor = self.sent.word(head.head) if head.head and head.deprel.startswith("xcomp") else None
        negations = {m[0] for m in self.lex.modality.get("negated", ()) + self.lex.modality.get("failed", ()) if len(m) == 1}
        if self._denied_by_existence(head, negations) or (match.trigger.nominal and self._said_not_to_exist(head, negations)):
            return "negated"
        if governor is not None and governor.lower in self.lex.refusals:
            return "negated"  # "menolak berkomentar": what one refuses to do is not done
        if governor is not None and self._demanding(governor) and not negations & set(markers):
            return "demanded"  # "mendesak Israel tidak menyerang Gaza" stays a negated attack
        # "menghubungi Filipina belum berhasil": the outcome hangs on the trigger, or (parsed as a
        # sibling clause) on the verb the trigger complements ("berusaha menghubungi ... belum berhasil")
        outcome_holders = [(wid, wid) for wid in match.ids()]
        if governor is not None:
            outcome_holders.append((governor.id, match.end))
        for holder, after in outcome_holders:
            for child in self.view.kids(holder):
                if (
                    child.deprel.startswith(("advcl", "conj", "xcomp", "ccomp"))
                    and child.id > after
                    and (child.lower,) in self.lex.modality.get("outcome", ())
                    and any(c.lower in negations for c in self.view.kids(child.id))
                ):
                    return "failed"
        candidates = self._marked(markers, self._left(match, head))
        return min(candidates)[1] if candidates else "asserted"

    def _markers(self, match: TriggerMatch, head: Word) -> list[str]:
        """The words that may mark a trigger's modality: its auxiliaries, adverbs and particles, the words right
        before it, a conjunct's shared ones, and those of the verb or noun it complements."""
        markers: list[str] = []
        for wid in match.ids():
            for child in self.view.kids(wid):
                if child.id > match.end:
                    continue  # "mengatakan Jepang ingin ...": a marker after the trigger is its complement's
                if child.deprel in ("advmod", "aux", "mark", "aux:pass", "cop") or child.upos in ("AUX", "PART"):
                    markers.append(child.lower)
        k = match.start - 1
        stop = self._answering_verb(match, head)
        while k >= 0 and match.start - k <= 3:
            w = self.words[k]
            if w.upos in ("PUNCT", "NOUN", "PROPN", "PRON") or w.text in PUNCT_BREAK:
                break
            if w.id == stop:
                break  # "tidak memenuhi panggilan KPK": the summons was made; what is negated is answering it
            markers.append(w.lower)
            k -= 1
        if head.head and head.deprel.startswith("conj"):
            # "agar Qatar memutuskan hubungan ... dan mengusir ...": a conjunct shares the first one's
            # subordinator and auxiliaries
            markers.extend(c.lower for c in self.view.kids(head.head) if c.deprel in ("mark", "aux") and c.id < head.head)
        governor = self.sent.word(head.head) if head.head and head.deprel.startswith("xcomp") else None
        if governor is not None:
            markers.append(governor.lower)
            markers.extend(c.lower for c in self.view.kids(governor.id) if c.deprel in ("advmod", "aux"))
            # "terdapat keinginan dari X untuk berkomunikasi": a noun of intent as the governor's object
            markers.extend(
                c.lower for c in self.view.kids(governor.id) if c.deprel == "obj" and c.upos == "NOUN" and c.id < head.id
            )
        elif head.head and head.deprel.startswith("acl") and self.sent.word(head.head).upos == "NOUN":
            markers.append(self.sent.word(head.head).lower)  # "keinginan Dunford untuk berkomunikasi dengan X"
        elif match.trigger.nominal and head.head:
            # the word an event noun hangs on: "merencanakan kunjungan ke ...", "rencana kunjungan ...", "upaya
            # pertemuan ..." (its own modifiers stay the answer's: "tidak memenuhi panggilan KPK")
            markers.append(self.sent.word(head.head).lower)
        return markers

    def _left(self, match: TriggerMatch, head: Word) -> list[str]:
        """The four words before a trigger, where multi-word markers are looked for (an answered noun's stop at the
        answering verb: "tidak pernah memenuhi panggilan KPK" are the verb's words)."""
        first = max(0, match.start - 4)
        stop = self._answering_verb(match, head)
        if stop is not None and first < stop <= match.start:
            first = stop
        return [w.lower for w in self.words[first : match.start]]

    def _answering_verb(self, match: TriggerMatch, head: Word) -> int | None:
        """The id of the word that governs an event noun, where the noun's own markers stop: what negates
        "tidak memenuhi panggilan KPK" is the answer, not the summons. None for a verb of receiving ("tidak
        mendapatkan dukungan": the support was not given, ``[targets] receiving``) and for other triggers."""
        if not match.trigger.nominal or not head.head or self.sent.word(head.head).lower in self.lex.receiving:
            return None
        return head.head

    def _marked(self, markers: list[str], left: list[str]) -> list[tuple[int, str]]:
        """(minus the marker's length, modality) of every ``[modality]`` marker among ``markers`` or in ``left``."""
        found = []
        for name in ("failed", "negated", "obligation", "demanded", "future", "hypothetical"):
            for marker in self.lex.modality.get(name, ()):
                n = len(marker)
                if (n == 1 and marker[0] in markers) or (
                    n > 1 and any(tuple(left[k : k + n]) == marker for k in range(len(left) - n + 1))
                ):
                    found.append((-n, name))
        return found

    def refusal_modality(self, verb: Word) -> str:
        """The modality of a refusal read from a negated or refusing verb: asserted ("tidak pernah memenuhi", "tak akan
        menghadiri": the refusal is said), unless a verb of demand governs it ("menyarankan Setnov tak memenuhi
        panggilan": demanded) or a marker makes it hypothetical, an obligation or a failure."""
        governor = self.sent.word(verb.head) if verb.head and verb.deprel.startswith(("xcomp", "ccomp")) else None
        if governor is not None and self._demanding(governor):
            return "demanded"
        found = self.modality_of(self._word_match(verb), verb)
        return "asserted" if found in ("negated", "future") else found

    def negated(self, word: Word) -> bool:
        """Whether a verb is negated ("tidak pernah memenuhi", "tak akan menghadiri"), whatever else it is (future)."""
        match = self._word_match(word)
        return any(name == "negated" for _, name in self._marked(self._markers(match, word), self._left(match, word)))

    @staticmethod
    def _word_match(word: Word) -> TriggerMatch:
        """A verb as a one-word trigger of no type, for reading its markers."""
        return TriggerMatch(Trigger((word.lower,), ""), word.id - 1, word.id)

    def _denied_by_existence(self, head: Word, negations: set[str]) -> bool:
        """ "tak ada anggota DPR yang mengancamnya": a relative clause of a noun that a negated verb of existence
        says is not there."""
        return head.deprel.startswith("acl") and bool(head.head) and self._said_not_to_exist(self.sent.word(head.head), negations)

    def _said_not_to_exist(self, noun: Word, negations: set[str]) -> bool:
        """ "Tidak ada permintaan Jokowi ...", "tak ada anggota DPR yang ...": a noun that a negated verb of existence
        before it says is not there ("X yang ... tidak ada di lokasi" is no denial)."""
        if not noun.head:
            return False
        verb = self.sent.word(noun.head)
        return (
            verb.id < noun.id
            and verb.lower in self.lex.existential
            and any(c.lower in negations for c in self.view.kids(verb.id))
        )

    def _demanding(self, governor: Word) -> bool:
        """ "mendesak China membebaskan janda Liu": the trigger is the complement of a verb of a type whose frame
        demands its complement (kg:demandsComplement), so it is asked for, not done."""
        return any(
            self.lex.frame(t.event_type).demands_complement
            for t in word_triggers(governor, self.lex)
            if len(t.words) == 1 and not t.nominal
        )

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
            named_day = w.text[:1].isupper() or (i > 0 and words[i - 1].lower in self.lex.weekday_markers)
            if w.lower in self.lex.weekdays and named_day and self.view.article_date is not None:
                back = (self.view.article_date.weekday() - self.lex.weekdays[w.lower]) % 7
                weekdays.append((w.id, (self.view.article_date - dt.timedelta(days=back)).isoformat()))
        return out + weekdays

    def _date_literal(self, year: int | None, month: int, day: int) -> str | None:
        if year is None and self.view.article_date is not None:
            year = self.view.article_date.year
            try:
                if dt.date(year, month, day) > self.view.article_date + dt.timedelta(days=31):
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
                    c.deprel == "mark" and c.lower in self.lex.sequence_markers for c in self.view.kids(node.id)
                ):
                    break
                node = self.sent.word(node.head)
                owner = heads.get(node.id)
                if owner is not None:
                    if owner in dates:
                        out[n] = dates[owner]
                    break
        return out
