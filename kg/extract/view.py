"""The sentence as the event rules see it: the parse indexed by head, the mentions by word, tree helpers."""

from __future__ import annotations

import datetime as dt
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.document import Sentence, Word
from kg.extract.words import QUOTE_MARKS, title_heads
from kg.lexicon import Lexicon, Trigger
from kg.types import Mention

if TYPE_CHECKING:
    from kg.extract.agents import Agents
    from kg.extract.events import SentenceReading
    from kg.extract.participants import Participants
    from kg.extract.setting import Setting
    from kg.extract.targets import Targets
    from kg.extract.triggers import Triggers


@dataclass
class TriggerMatch:
    """A trigger of the lexicon found at words ``start``..``end`` (0-based, end exclusive)."""

    trigger: Trigger
    start: int  # 0-based word index
    end: int

    def ids(self) -> range:
        return range(self.start + 1, self.end + 1)


class SentenceView:
    """A parsed sentence with its mentions, indexed for the event rules (``kg.patterns.MatchContext`` too)."""

    def __init__(
        self,
        lexicon: Lexicon,
        sentence: Sentence,
        mentions: list[Mention],
        article_date: dt.date | None,
        disabled: frozenset[str] = frozenset(),
    ) -> None:
        self.lex = lexicon
        self.disabled = disabled
        self.sent = sentence
        self.words = sentence.words
        self.article_date = article_date
        self.by_word: dict[int, Mention] = {}
        for m in sorted(mentions, key=lambda m: m.end - m.extent_start, reverse=True):
            for k in range(m.extent_start, m.end + (3 if m.acronym else 0)):
                self.by_word[k + 1] = m
        self.children: dict[int, list[Word]] = {}
        for w in self.words:
            self.children.setdefault(w.head, []).append(w)

    def kids(self, word_id: int) -> list[Word]:
        return self.children.get(word_id, [])

    def subtree(self, word_id: int) -> list[int]:
        out = [word_id]
        queue = deque([word_id])
        while queue:
            for child in self.kids(queue.popleft()):
                out.append(child.id)
                queue.append(child.id)
        return sorted(out)

    def case_of(self, word: Word) -> str | None:
        for child in self.kids(word.id):
            if child.deprel in ("case", "mark") and child.upos == "ADP":
                return child.lower
        return None

    def says_nothing(self, head: Word) -> bool:
        """Whether a speech verb says nothing here (no Statement): "mengakui Yerusalem sebagai ibu kota Israel" (a verb
        of ``[speech] recognition`` with an object and a "sebagai" phrase recognises something as something);
        "polisi mengungkap kasus itu" (a verb of ``[speech.uncovering]`` with such an object uncovers it); a bare speech
        tag that modifies a noun and has no subject of its own is part of a phrase ("nilai tambah", "kata sambutan")."""
        kids = self.kids(head.id)
        if (
            head.deprel.startswith("acl")
            and head.lower == head.lemma.lower()
            and not any(c.deprel.startswith("nsubj") for c in kids)
        ):
            return True
        if head.lower in self.lex.uncovering_verbs:  # not when a clause says what ("mengungkapkan pelaku ... adalah X")
            return not any(c.deprel.startswith(("ccomp", "parataxis")) for c in kids) and any(
                c.deprel in ("obj", "nsubj:pass") and c.lower in self.lex.uncovered_things for c in kids
            )
        if head.lower not in self.lex.recognition:
            return False
        return any(c.deprel in ("obj", "nsubj:pass") for c in kids) and any(
            self.case_of(c) in self.lex.recognition_markers for c in kids
        )

    def after_comma(self, word: Word) -> bool:
        """Whether ``word`` follows a comma: where a list item or an apposition starts."""
        return word.id >= 2 and self.sent.word(word.id - 1).text == ","

    def nominal_text(self, word: Word) -> str:
        """The words of a nominal's phrase near it, without clauses, conjuncts, prepositions and emphasis
        particles ("Ia pun meminta ...": the pronoun "Ia")."""
        timed = self.time_words(word)
        ids = [
            i
            for i in self.subtree(word.id)
            if i not in timed
            and self.sent.word(i).deprel not in ("punct", "acl", "acl:relcl", "conj", "cc", "case", "advmod:emph", "discourse")
        ]
        contiguous = [i for i in ids if abs(i - word.id) <= 4]
        if not contiguous:
            return word.text
        return self.sent.span_text(min(contiguous) - 1, max(contiguous))

    def time_words(self, word: Word) -> set[int]:
        """The words of the time expressions inside ``word``'s phrase ("penyidik KPK hari ini"): no part of who."""
        return {k for i in self.subtree(word.id) if self.sent.word(i).deprel.endswith(":tmod") for k in self.subtree(i)}

    def is_particle(self, word: Word) -> bool:
        """The clitic -nya of an adverb or conjunction ("sebelumnya", "akhirnya"): no one is meant."""
        if word.lower not in self.lex.clitic_pronouns or word.id < 2:
            return False
        return self.sent.word(word.id - 1).upos in ("ADV", "SCONJ", "CCONJ", "DET", "NUM", "PART", "ADJ")

    def is_title_word(self, word: Word) -> bool:
        """Whether a title starts at ``word`` ("Duta" of "Duta Besar", "Menlu")."""
        return word.lower.rstrip(".") in title_heads(self.lex)

    def is_mention(self, word: Word) -> bool:
        return word.id in self.by_word

    def is_title(self, word: Word) -> bool:
        return self.is_title_word(word)

    def word_class(self, name: str) -> frozenset[str]:
        return self.lex.word_classes[name]

    def after_closing_quote(self, i: int) -> bool:
        """Whether word ``i`` (0-based) follows a quote mark, with at most a comma between: '"...," lanjut X'."""
        before = [w.text for w in self.words[max(0, i - 2) : i]]
        return bool(before) and (
            before[-1] in QUOTE_MARKS or (before[-1] == "," and len(before) == 2 and before[0] in QUOTE_MARKS)
        )

    def is_speech(self, word: Word) -> bool:
        """Whether ``word`` starts a Statement trigger ("menyatakan", "mengatakan")."""
        keys = (word.lower, word.lemma.lower())
        return any(self.lex.is_speech(t.event_type) for key in keys for t in self.lex.triggers_starting(key))

    def phrase_head(self, match: TriggerMatch) -> Word:
        ids = set(match.ids())
        for wid in match.ids():
            w = self.sent.word(wid)
            if w.head not in ids:
                return w
        return self.sent.word(match.start + 1)


class Component:
    """One part of the event reading of a sentence; ``kg.extract.events.SentenceReading`` binds the parts together."""

    reading: SentenceReading
    parts: Participants
    agents: Agents
    targets: Targets
    setting: Setting
    matcher: Triggers

    def __init__(self, view: SentenceView) -> None:
        self.view = view
        self.lex = view.lex
        self.sent = view.sent
        self.words = view.words
        self.by_word = view.by_word
        self.disabled = view.disabled
