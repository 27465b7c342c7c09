"""Triggers: lexicon phrases found in a sentence, speech tags, framing and conjoined triggers."""

from __future__ import annotations

import functools

from kg.document import Word
from kg.extract.view import Component, TriggerMatch
from kg.extract.words import QUOTE_MARKS, word_triggers
from kg.types import PERSON, Mention


class Triggers(Component):
    """The trigger phrases of a sentence and how they relate."""

    def _matches_at(self, i: int) -> TriggerMatch | None:
        """The longest trigger starting at word ``i`` (surface forms before lemmas on ties)."""
        word = self.words[i]
        found: list[TriggerMatch] = []
        for trig in word_triggers(word, self.lex):
            n = len(trig.words)
            if i + n > len(self.words):
                continue
            # a form's first word is read as written: "tambah" (the tag of "..., tambahnya") is not "ditambah",
            # "bilang" not "terbilang"; only a kg:triggerLemma stands for every derivation of a root
            ok = (trig.lemma or trig.words[0] == word.lower) and all(
                trig.words[j] in (self.words[i + j].lower, self.words[i + j].lemma.lower()) for j in range(n)
            )
            if not ok or (trig.tail and not self._tail_follows(i, n, trig.tail)):
                continue
            if trig.quote_tag:
                if word.upos == "PUNCT" or not self.view.after_closing_quote(i):
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
            found.append(TriggerMatch(trig, i, i + n))
        if not found:
            return None
        return min(
            found,
            key=lambda m: (-len(m.trigger.words) - len(m.trigger.tail), m.trigger.lemma, m.trigger.passive, m.trigger.event_type),
        )

    def _tail_follows(self, i: int, n: int, tail: tuple[str, ...]) -> bool:
        """Whether the words ``tail`` come after the ``n`` trigger words at ``i``, inside the first word's phrase
        ("menetapkan Novanto sebagai tersangka", "menetapkan dua pemimpin ..., A dan B, sebagai tersangka")."""
        phrase = set(self.view.subtree(i + 1))
        size = len(tail)
        return any(
            tuple(w.lower for w in self.words[k : k + size]) == tail and all(k + j + 1 in phrase for j in range(size))
            for k in range(i + n, len(self.words) - size + 1)
        )

    def person_after_tag(self, match: TriggerMatch) -> Mention | None:
        """The one person named in the speaker phrase after a post-quote speech tag, if there is exactly one.

        The phrase runs from the tag to the first preposition of place, setting or addressee ("di",
        "dalam", "kepada"), a quote mark or the end of the sentence.
        """
        stops = self.lex.place_prepositions | self.lex.setting_prepositions | self.lex.addressee_markers
        persons: dict[tuple[int, int, int], Mention] = {}
        for word in self.words[match.end :]:
            if word.lower in stops or word.text in QUOTE_MARKS or word.text in (".", "!", "?"):
                break
            mention = self.by_word.get(word.id)
            if mention is not None and mention.kind == PERSON and mention.start >= match.end:
                persons[mention.key] = mention
        return next(iter(persons.values())) if len(persons) == 1 else None

    @functools.cached_property
    def phrase_words(self) -> frozenset[int]:
        """The words (1-based ids) of a trigger phrase written without a gap, but its head: "rasa" of "berunjuk
        rasa". They name the event, never one of its parties, however the parser hung them."""
        return frozenset(
            wid
            for m in self._matches
            if len(m.trigger.words) == m.end - m.start > 1
            for wid in m.ids()
            if wid != self.view.phrase_head(m).id and wid not in self.by_word
        )

    def all_matches(self) -> list[TriggerMatch]:
        """The sentence's trigger matches, left to right, none overlapping another (a new list each call)."""
        return list(self._matches)

    @functools.cached_property
    def _matches(self) -> tuple[TriggerMatch, ...]:
        found = []
        i = 0
        while i < len(self.words):
            best = self._matches_at(i)
            if best is not None:
                found.append(best)
                i = best.end
            else:
                i += 1
        return tuple(found)

    def conjoined_types(self, match: TriggerMatch) -> list[tuple[str, str]]:
        """(event type, phrase) of the nouns conjoined to a light-verb phrase's noun.

        "mengadakan pertemuan dan koordinasi" is "mengadakan pertemuan" (Meet) and "mengadakan
        koordinasi" (Coordinate), with the same participants.
        """
        trig = match.trigger
        if len(trig.words) < 2 or trig.lemma or trig.nominal or trig.passive:
            return []
        out = []
        for conj in self.view.kids(match.end):
            if not conj.deprel.startswith("conj") or conj.upos != "NOUN":
                continue
            words = (*trig.words[:-1], conj.lower)
            other = next((t for t in self.lex.triggers_starting(words[0]) if t.words == words and not t.passive), None)
            if other is not None and other.event_type != trig.event_type:
                out.append((other.event_type, " ".join(words)))
        return out

    def framing_triggers(self, matches: list[TriggerMatch], phrase_heads: list[Word]) -> set[int]:
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
                serial = self.agents.serial_predecessor(other)
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
