"""Events of a sentence: each trigger with the agents and targets its finders give, its place, date and modality."""

from __future__ import annotations

from kg.document import Word
from kg.extract.agents import Agents
from kg.extract.finders import AGENT_FINDERS, TARGET_FINDERS, UNRECORDED_FINDERS, Finder, RoleSearch
from kg.extract.participants import Participants
from kg.extract.setting import Setting
from kg.extract.targets import Targets
from kg.extract.triggers import Triggers
from kg.extract.view import Component, SentenceView, TriggerMatch
from kg.extract.words import SUBJECTS, same_actor, unique_participants, word_triggers
from kg.lexicon import EventType
from kg.types import PERSON, PLACE, EventMention, Mention, Participant

__all__ = ["EventFinder", "SentenceReading"]

Pending = list[tuple[int, EventMention]]  # (trigger number, event) before reported speech is attributed


class SentenceReading:
    """The parts that read one sentence's events, bound to each other."""

    def __init__(self, view: SentenceView) -> None:
        self.view = view
        self.lex, self.sent = view.lex, view.sent
        self.parts = Participants(view)
        self.agents = Agents(view)
        self.targets = Targets(view)
        self.setting = Setting(view)
        self.matcher = Triggers(view)
        self.events = EventFinder(view)
        for part in (self.parts, self.agents, self.targets, self.setting, self.matcher, self.events):
            part.parts, part.agents, part.targets = self.parts, self.agents, self.targets
            part.setting, part.matcher, part.reading = self.setting, self.matcher, self

    def find(self) -> list[EventMention]:
        return self.events.find()


class EventFinder(Component):
    """Events from the triggers of a sentence (``find``)."""

    reading: SentenceReading

    def find(self) -> list[EventMention]:
        matches = self.matcher.all_matches()
        phrase_heads = [self.view.phrase_head(m) for m in matches]
        heads = {head.id: n for n, head in enumerate(phrase_heads)}
        for n, m in enumerate(matches):
            for wid in m.ids():
                heads.setdefault(wid, n)
        dates = self._dates(matches, phrase_heads, heads)
        speakers: dict[int, Participant] = {}
        speech_words = {i for m in matches if self.lex.is_speech(m.trigger.event_type) for i in m.ids()}
        pending: Pending = []
        framing = self.matcher.framing_triggers(matches, phrase_heads)
        for n, (match, head) in enumerate(zip(matches, phrase_heads, strict=True)):
            frame = self.lex.frame(match.trigger.event_type)
            if n in framing or self._says_nothing(frame, head):
                continue
            search = self._roles(match, head, frame)
            if search is None:
                continue
            if frame.speech:
                pending.extend(self._statements(n, search, dates.get(n), speech_words, speakers))
            else:
                pending.extend(self._relations(n, search, dates.get(n)))
        return [self._with_source(n, ev, matches, heads, speakers) for n, ev in pending]

    def _dates(self, matches: list[TriggerMatch], phrase_heads: list[Word], heads: dict[int, int]) -> dict[int, str]:
        """Trigger number -> the date of its event: the date under it, or the one trigger's, or its governor's."""
        dates: dict[int, str] = {}
        for wid, literal in self.setting.dates():
            owner = self.matcher.governing_trigger(wid, heads)
            if owner is None and len(matches) == 1:
                owner = 0
            if owner is not None:
                dates.setdefault(owner, literal)
        return self.setting.shared_dates(phrase_heads, heads, dates)

    def _says_nothing(self, frame: EventType, head: Word) -> bool:
        """A speech trigger that says nothing here: "mengakui Yerusalem sebagai ibu kota Israel" recognises,
        "polisi mengungkap kasus itu" uncovers (``SentenceView.says_nothing``)."""
        return frame.speech and self.view.says_nothing(head)

    def _roles(self, match: TriggerMatch, head: Word, frame: EventType) -> RoleSearch | None:
        """The trigger's agent and target words, found by the finders in ``rules.toml [order]``; None for an
        event noun without an owner (only an owned event noun is an event)."""
        search = RoleSearch(self.reading, match, head, frame, self.targets.objects_of(match, head))
        agents = self._first_found(AGENT_FINDERS, self.lex.role_order["agent"], search)
        if match.trigger.nominal and not agents:
            return None
        # what is said has no target
        targets = [] if frame.speech else self._first_found(TARGET_FINDERS, self.lex.role_order["target"], search)
        search.agents, search.targets = agents, targets
        return search

    def _first_found(self, finders: dict[str, Finder], order: tuple[str, ...], search: RoleSearch) -> list[Word]:
        """The words of the first enabled finder in ``order`` that applies and gives some, recording its id."""
        for rule_id in order:
            finder = finders[rule_id]
            if rule_id in self.disabled or not finder.applies(search):
                continue
            found = finder.find(search)
            if found:
                if finder.takes_from_targets:
                    search.targets = [t for t in search.targets if t not in found]
                if rule_id not in UNRECORDED_FINDERS:
                    search.recorded.append(rule_id)
                return found
        return []

    def _base_rule(self, match: TriggerMatch) -> str:
        trig = match.trigger
        return "passive" if trig.passive else "nominal" if trig.nominal else ("phrase" if len(trig.words) > 1 else "verb")

    def _agent_parts(self, search: RoleSearch) -> list[Participant]:
        parts, view = self.parts, self.view
        # a group noun spelt out by a list stands for its named members ("tiga fraksi, yakni Demokrat, PKB, dan PPP");
        # not a pronoun, which a list after it does not spell out ("dihubunginya yakni Malaysia, Laos ...": whom)
        return unique_participants(
            [
                part
                for w in search.agents
                for a in parts.with_partners(parts.conjuncts(w))
                if not view.is_particle(a)
                for part in ((a.upos == "NOUN" and parts.listed(a)) or [parts.resolve(a)])
            ]
        )

    def _statements(
        self, n: int, search: RoleSearch, date: str | None, speech_words: set[int], speakers: dict[int, Participant]
    ) -> Pending:
        """A Statement by each speaker, and what they say against someone (``[speech.content]``)."""
        match, head = search.match, search.head
        if "statement" in self.disabled:
            return []
        content_ids = [
            i
            for c in self.view.kids(head.id)
            if c.deprel.startswith(("ccomp", "parataxis", "xcomp"))
            for i in self.view.subtree(c.id)
        ]
        content = self.sent.span_text(min(content_ids) - 1, max(content_ids)) if content_ids else None
        agent_parts = [a for a in self._agent_parts(search) if a.mention is None or a.mention.kind != PLACE]
        named_after = self.matcher.person_after_tag(match) if self.view.after_closing_quote(match.start) else None
        rule = "statement"
        persons = [a for a in agent_parts if a.mention is not None and a.mention.kind == PERSON]
        if named_after is not None and "tag-phrase" not in self.disabled and len(persons) < len(agent_parts):
            # '"...," kata Kanit I Ditnarkoba Polda Bengkulu, AKP Agus Gunawan kepada wartawan': the person named in
            # the tag's speaker phrase, however the parser hung the title's words, and not the organisations of the
            # title ("kata Direktur Perlindungan WNI dan Badan Hukum Indonesia Lalu Muhammad Iqbal")
            agent_parts = persons or [Participant(named_after, named_after.text, named_after.start + 1)]
            rule += "+tag-phrase"
        rule += "".join(f"+{p}" for p in search.recorded)
        trigger_text = self.sent.span_text(match.start, match.end)
        modality = self.setting.modality_of(match, head)
        # where it was said: "kata X di Kompleks Istana", "tutur X usai bertemu Y di Gedung Kemlu"
        place = self.setting.place_of(match, head, [])
        out: Pending = []
        speaking: list[Participant | None] = [*agent_parts] or [None]
        # whom it was said to ("melapor kepada Presiden Joko Widodo"): the Statement's target
        addressees = [] if "addressee" in self.disabled else self.targets.addressees(match, head)
        for agent in speaking:
            event = match.trigger.event_type
            spoken_to: list[Participant | None] = [a for a in addressees if not same_actor(agent, a)]
            for addressee in spoken_to or [None]:
                said = rule + ("+addressee" if addressee is not None else "")
                out.append(
                    (
                        n,
                        EventMention(
                            self.sent.index,
                            event,
                            trigger_text,
                            head.id,
                            agent,
                            addressee,
                            place,
                            date,
                            modality,
                            None,
                            content,
                            said,
                        ),
                    )
                )
            if agent is None:
                continue
            speakers.setdefault(n, agent)
            # events of the speaker towards someone the reported clause names: a wish ([speech.addressed], a
            # pronoun speaker resolved later) or what they say against them ([speech.content], named speakers)
            towards: list[tuple[str, Participant, str]] = []
            if "addressed" not in self.disabled:
                towards += [(t, who, "addressed") for t, who in self.targets.addressed(head)]
            if "content" not in self.disabled and agent.mention is not None:
                towards += [(t, who, "content") for t, who in self.targets.said_against(head, speech_words)]
            if "denial" not in self.disabled and agent.mention is not None:
                towards += [(t, who, "denial") for t, who in self.targets.denied(head)]
            for event_type, other, how in towards:
                if not same_actor(agent, other):
                    towards_event = EventMention(
                        self.sent.index, event_type, trigger_text, head.id, agent, other, place, date, modality, rule=how
                    )
                    out.append((n, towards_event))
        return out

    def _target_parts(self, search: RoleSearch) -> list[Participant]:
        """The named (or resolvable) actors of the target words, with an owner's conjuncts; persons only where the
        trigger says so; places only where the frame allows them or they act."""
        parts = self.parts
        found = [
            part
            for w in search.targets
            for t in parts.conjuncts(w)
            for part in (parts.listed(t) or [parts.resolve(t)])
            if part.mention is not None or parts.could_be_actor(t, oblique=not t.deprel.startswith("obj"))
        ]
        found = unique_participants([more for part in found for more in parts.with_owner_conjuncts(part)])
        if search.match.trigger.person_target:  # "menahan tersangka berinisial HS", not "menahan imbang Persija"
            found = [t for t in found if t.mention is not None and t.mention.kind == PERSON]
        return [
            t
            for t in found
            if t.mention is None
            or t.mention.kind != PLACE
            or search.frame.place_target
            or self.sent.word(t.word).deprel in SUBJECTS  # "bahwa Doha mendukung ...": a place that acts is its government
        ]

    def _relations(self, n: int, search: RoleSearch, date: str | None) -> Pending:
        """Events between actors: each agent with each target, or the parties of a symmetric event with each other."""
        match, head = search.match, search.head
        rule = self._base_rule(match)
        if rule in self.disabled:
            return []
        rule += "".join(f"+{p}" for p in search.recorded)
        agent_parts = self._agent_parts(search)
        place = self.setting.place_of(match, head, search.targets)
        target_parts = self._target_parts(search)
        visited_place = None
        if not target_parts and search.frame.destination and place is not None:
            # "kunjungannya di Teheran": the place visited is the target, and where the visit was
            target_parts, visited_place = [Participant(place, place.text, place.start + 1)], place
        doers: list[Participant | None] = [*agent_parts] or [None]
        pairs: list[tuple[Participant | None, Participant]] = [(a, t) for a in doers for t in target_parts]
        kind = self.lex.event_types.get(match.trigger.event_type)
        symmetric = kind is not None and kind.symmetric
        among = self.parts.among(match, head) if symmetric and "among" not in self.disabled else []
        named_among = [p for p in among if p.mention is not None and p.mention.kind != PLACE]
        if len(named_among) >= 2:
            # "mengadakan pertemuan di antara semua kelompok, mulai dari A, B, C": they meet each other
            pairs = [(a, b) for k, a in enumerate(named_among) for b in named_among[k + 1 :]]
            rule += "+among"
        elif not target_parts and symmetric and "pair" not in self.disabled:
            # "Trump dan Abe bertemu", "Indonesia bersama Malaysia bekerja sama": the agents with each other
            named = [a for a in agent_parts if a.mention is not None]
            pairs = [(a, b) for k, a in enumerate(named) for b in named[k + 1 :]]
            rule += "+pair" if pairs else ""
        if not pairs:
            return []
        if (
            place is not None
            and place is not visited_place
            and any(t.mention is not None and t.mention.key == place.key for t in target_parts)
        ):
            place = None  # "kelompok di Lebanon": where the target is, not where the event was
        trigger_text = self.sent.span_text(match.start, match.end)
        modality = self.setting.modality_of(match, head)
        types = [(match.trigger.event_type, trigger_text, rule)]
        if "conj" not in self.disabled:
            types += [(other, text, rule + "+conj") for other, text in self.matcher.conjoined_types(match)]
        out: Pending = [
            (n, EventMention(self.sent.index, event_type, text, head.id, doer, target, place, date, modality, None, None, how))
            for doer, target in pairs
            if not same_actor(doer, target)
            for event_type, text, how in types
        ]
        return out + self._refused_answers(n, search, pairs, place, date, rule)

    def _refused_answers(
        self,
        n: int,
        search: RoleSearch,
        pairs: list[tuple[Participant | None, Participant]],
        place: Mention | None,
        date: str | None,
        rule: str,
    ) -> Pending:
        """ "Novanto tidak pernah memenuhi panggilan KPK": who refuses to answer a summons or an invitation rejects its
        maker (``[targets] refusing``, ``refusal_type``), besides the summons itself."""
        refusal = self.lex.refusal_type
        if refusal is None or "answerer" not in search.recorded or "refused-answer" in self.disabled:
            return []
        verb = self.sent.word(search.head.head)
        if verb.lower in self.lex.receiving:
            return []  # "tidak mendapatkan dukungan": not given, not refused
        if (verb.lower in self.lex.refusing) == self.setting.negated(verb):
            return []  # answered ("memenuhi"), or a refusal negated ("tidak mangkir dari panggilan")
        if any(t.event_type == refusal for t in word_triggers(verb, self.lex)):
            return []  # a trigger of the refusal itself ("mengabaikan"): its own event says it
        text = self.sent.span_text(verb.id - 1, search.match.end)
        modality = self.setting.refusal_modality(verb)
        return [
            (
                n,
                EventMention(
                    self.sent.index,
                    refusal,
                    text,
                    verb.id,
                    answerer,
                    maker,
                    place,
                    date,
                    modality,
                    None,
                    None,
                    rule + "+refused-answer",
                ),
            )
            for maker, answerer in pairs
            if maker is not None and not same_actor(answerer, maker)
        ]

    def _with_source(
        self, n: int, ev: EventMention, matches: list[TriggerMatch], heads: dict[int, int], speakers: dict[int, Participant]
    ) -> EventMention:
        """An event inside what someone said carries who said it (``accordingTo``)."""
        if self.lex.is_speech(ev.event_type) or "reported" in self.disabled:
            return ev
        source = None
        node = self.sent.word(ev.trigger_word)
        for _ in range(len(self.words)):
            if node.head == 0:
                break
            child, node = node, self.sent.word(node.head)
            owner = heads.get(node.id)
            if owner is not None and owner != n and owner in speakers and self.lex.is_speech(matches[owner].trigger.event_type):
                # not what the speaker says when it hangs on the speaker ("Trump lewat panggilan telepon menyatakan")
                source = None if child.deprel in SUBJECTS else speakers[owner]
                break
        if source is None:
            return ev
        return EventMention(
            ev.sentence, ev.event_type, ev.trigger, ev.trigger_word, ev.agent, ev.target, ev.place, ev.date,
            ev.modality, source, ev.content, ev.rule + "+reported",
        )  # fmt: skip
