"""Coreference within an article: pronouns and role nouns that stand for a named person.

Resolves the unresolved participants of events, conservatively; what stays unresolved
keeps its words (``kg:unresolvedAgent`` / ``kg:unresolvedTarget``) and never becomes an actor.

- A singular pronoun (dia, ia, beliau, dirinya, the clitic -nya) is the most salient person before it:
  the agent of the latest event with a named agent, else the latest person named. The speaker of
  a speech tag ("tambahnya", "katanya", "Ia menambahkan") is the latest person quoted before it.
- A first-person pronoun inside a quote ("Saya bicara dengan ...", "kami") is the person the quote
  is attributed to: the speaker of the speech tag after the closing quote mark, or before the opening one.
- A role noun ("Kepala Bidang Politik Hamas", "Pemimpin Hamas", "Menteri Iran", "presiden
  AS itu") is the person the article has already given that title (and organisation or
  country); a bare generic noun ("pejabat Iran") only when exactly one person holds a
  role of that organisation or country.
"""

from __future__ import annotations

from dataclasses import replace

from kg.document import ParsedDoc
from kg.extract import PERSON, EventMention, Extraction, Mention, Participant
from kg.lexicon import Lexicon, get_lexicon, normalize_name

__all__ = ["resolve_references"]

_GENERIC = {"pejabat", "petinggi", "tokoh", "wakil", "juru", "utusan", "perwakilan", "pihak"}
_DEMONSTRATIVES = {"itu", "tersebut", "ini"}
_THIRD_PERSON = {"dia", "ia", "beliau", "dirinya", "nya"}
_OPEN_QUOTES, _CLOSE_QUOTES, _QUOTES = {"“"}, {"”"}, {'"', "''"}
_QUOTE_SENTENCES = 6  # a quote left open longer than this is a stray mark


def _role_index(mentions: tuple[Mention, ...], lex: Lexicon) -> list[tuple[Mention, str, str | None]]:
    """(person, normalised title, normalised name or country code of what the role is of)."""
    out = []
    for m in mentions:
        if m.kind != PERSON:
            continue
        for role in m.roles:
            of_key = None
            if role.of is not None:
                of_key = role.of.country_code or normalize_name(role.of.text)
            elif role.of_text:
                of_key = normalize_name(role.of_text)
            out.append((m, normalize_name(role.title), of_key))
    return out


def _phrase_key(text: str, lex: Lexicon) -> tuple[str, str | None]:
    """Split a role-noun phrase into (title words, what it is of)."""
    words = [w for w in normalize_name(text).split() if w not in _DEMONSTRATIVES]
    for cut in range(len(words), 0, -1):
        title = " ".join(words[:cut])
        if tuple(words[:cut]) in lex.titles or words[0] in _GENERIC:
            rest = " ".join(w for w in text.split()[cut:] if normalize_name(w) not in _DEMONSTRATIVES)
            code = lex.country_code(rest) if rest else None
            of_key = code or (normalize_name(rest) or None)
            return title, of_key
    return "", None


class _Resolver:
    def __init__(self, extraction: Extraction, lex: Lexicon) -> None:
        self.ex = extraction
        self.lex = lex
        self.roles = _role_index(extraction.mentions, lex)

    def _before(self, sentence: int, word: int) -> list[Mention]:
        """Person mentions before (sentence, word), latest first."""
        persons = [
            m
            for m in self.ex.mentions
            if m.kind == PERSON and (m.sentence < sentence or (m.sentence == sentence and m.end <= word - 1))
        ]
        return sorted(persons, key=lambda m: (m.sentence, m.start), reverse=True)

    def speaker(self, sentence: int, part: Participant, events: list[EventMention]) -> Mention | None:
        """The latest person quoted before a speech tag's pronoun ("tambahnya"), within a few sentences."""
        if normalize_name(part.text) not in _THIRD_PERSON:
            return None
        for ev in reversed(events):
            if ev.sentence < sentence - _QUOTE_SENTENCES:
                break
            if ev.sentence == sentence and ev.trigger_word >= part.word:
                continue
            said = ev.agent.mention if ev.event_type == "Statement" and ev.agent is not None else None
            if said is not None and said.kind == PERSON:
                return said
        return None

    def pronoun(self, sentence: int, part: Participant, events: list[EventMention]) -> Mention | None:
        if normalize_name(part.text) not in _THIRD_PERSON:
            return None
        for ev in reversed(events):
            if ev.sentence >= sentence and not (ev.sentence == sentence and ev.trigger_word < part.word):
                continue
            if ev.agent is not None and ev.agent.mention is not None and ev.agent.mention.kind == PERSON:
                if ev.sentence >= sentence - 2:
                    return ev.agent.mention
                break
        before = self._before(sentence, part.word)
        return before[0] if before else None

    def role_noun(self, sentence: int, part: Participant) -> Mention | None:
        title, of_key = _phrase_key(part.text, self.lex)
        if not title:
            return None
        earlier = {m.key for m in self._before(sentence, part.word + 50)}
        exact = [m for m, t, o in self.roles if t == title and (of_key is None or o == of_key) and m.key in earlier]
        if not exact:
            head = title.split()[0]
            exact = [
                m for m, t, o in self.roles if t.split()[0] == head and of_key is not None and o == of_key and m.key in earlier
            ]
        if not exact and of_key is not None and title.split()[0] in _GENERIC:
            holders = {m.text for m, _t, o in self.roles if o == of_key}
            if len(holders) == 1:
                exact = [m for m, _t, o in self.roles if o == of_key]
        if not exact:
            return None
        names = {normalize_name(m.text).split()[-1] for m in exact}
        if len(names) > 1:
            return max(exact, key=lambda m: (m.sentence, m.start)) if of_key else None
        return max(exact, key=lambda m: (m.sentence, m.start))

    def resolve(
        self, sentence: int, part: Participant | None, events: list[EventMention], speech_tag: bool = False
    ) -> tuple[Participant | None, str | None]:
        if part is None or part.mention is not None:
            return part, None
        found = self.speaker(sentence, part, events) if speech_tag else None
        if found is None:
            found = self.pronoun(sentence, part, events)
        how = "pronoun"
        if found is None:
            found = self.role_noun(sentence, part)
            how = "role-noun"
        if found is None:
            return part, None
        return Participant(found, part.text, part.word), how


def resolve_references(extraction: Extraction, lexicon: Lexicon | None = None) -> Extraction:
    """Resolve pronoun and role-noun participants of ``extraction``'s events where the text supports it."""
    lex = lexicon or get_lexicon()
    resolver = _Resolver(extraction, lex)
    done: list[EventMention] = []
    quoted = _quoted_words(extraction.doc)
    for ev in extraction.events:
        tag = ev.event_type == "Statement" and (ev.sentence, ev.trigger_word) not in quoted
        outside = [d for d in done if (d.sentence, d.trigger_word) not in quoted]
        agent, how_a = resolver.resolve(ev.sentence, ev.agent, outside, tag)
        target, how_t = resolver.resolve(ev.sentence, ev.target, done)
        source, how_s = resolver.resolve(ev.sentence, ev.according_to, done)
        same = agent is not None and target is not None and agent.mention is not None and target.mention is not None
        if same and agent.mention.key == target.mention.key:  # type: ignore[union-attr]  # "X bertemu dengan dia"
            target, how_t = ev.target, None
        hows = sorted({h for h in (how_a, how_t, how_s) if h})
        if hows:
            ev = replace(ev, agent=agent, target=target, according_to=source, rule=ev.rule + "".join(f"+{h}" for h in hows))
        done.append(ev)
    return replace(extraction, events=tuple(_quote_speakers(done, extraction.doc, lex)))


def _quote_spans(doc: ParsedDoc) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(opening, closing) positions (sentence, word id) of the quotes of an article, in order.

    A quote runs from an opening mark to the next closing one, across sentences; one left open
    for more than a few sentences is dropped.
    """
    spans = []
    opened: tuple[int, int] | None = None
    for sent in doc.sentences:
        for w in sent.words:
            if opened is not None and sent.index - opened[0] > _QUOTE_SENTENCES:
                opened = None
            opens = w.text in _OPEN_QUOTES or (w.text in _QUOTES and opened is None)
            if opens and opened is None:
                opened = (sent.index, w.id)
            elif opened is not None and (w.text in _CLOSE_QUOTES or w.text in _QUOTES):
                spans.append((opened, (sent.index, w.id)))
                opened = None
    return spans


def _quoted_words(doc: ParsedDoc) -> set[tuple[int, int]]:
    """(sentence, word id) of every word inside quote marks."""
    inside = set()
    for (s0, w0), (s1, w1) in _quote_spans(doc):
        for sent in doc.sentences[s0 : s1 + 1]:
            for w in sent.words:
                if (s0, w0) < (sent.index, w.id) < (s1, w1):
                    inside.add((sent.index, w.id))
    return inside


def _quote_speakers(events: list[EventMention], doc: ParsedDoc, lex: Lexicon) -> list[EventMention]:
    """Resolve first-person participants inside a quote to the speaker the quote is attributed to."""
    spans = _quote_spans(doc)
    tags = [
        ev
        for ev in events
        if ev.event_type == "Statement" and ev.agent is not None and ev.agent.mention is not None and ev.according_to is None
    ]

    def attributed(start: tuple[int, int], end: tuple[int, int]) -> Mention | None:
        # the speech tag right after the closing mark (", kata X"), else the one that opens the quote ("X mengatakan, ")
        after = [t for t in tags if t.sentence == end[0] and t.trigger_word > end[1]]
        before = [t for t in tags if t.sentence == start[0] and t.trigger_word < start[1]]
        first_after = min(after, key=lambda t: t.trigger_word, default=None)
        last_before = max(before, key=lambda t: t.trigger_word, default=None)
        for found in (first_after, last_before):
            if found is not None:
                return found.agent.mention  # type: ignore[union-attr]
        return None

    def speaker_of(sentence: int, part: Participant | None) -> Participant | None:
        if part is None or part.mention is not None or normalize_name(part.text) not in lex.speaker_pronouns:
            return None
        for start, end in spans:
            if start < (sentence, part.word) < end:
                here = (sentence, part.word)
                if any(ev.event_type == "Statement" and start < (ev.sentence, ev.trigger_word) < here for ev in events):
                    return None  # speech inside the quote ("mereka bilang, kami ..."): someone else's words
                found = attributed(start, end)
                return None if found is None else Participant(found, part.text, part.word)
        return None

    out = []
    for ev in events:
        agent, target = speaker_of(ev.sentence, ev.agent), speaker_of(ev.sentence, ev.target)
        if agent is not None or target is not None:
            new_agent, new_target = agent or ev.agent, target or ev.target
            if not (new_agent is not None and new_target is not None and new_agent.mention is new_target.mention):
                ev = replace(ev, agent=new_agent, target=new_target, rule=ev.rule + "+speaker")
        out.append(ev)
    return out
