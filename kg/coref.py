"""Coreference within an article: pronouns and role nouns that stand for a named person.

Resolves the unresolved participants of events, conservatively; what stays unresolved
keeps its words (``kg:unresolvedAgent`` / ``kg:unresolvedTarget``) and never becomes an actor.

- A singular pronoun (dia, ia, beliau, dirinya) is the most salient person before it:
  the agent of the latest event with a named agent, else the latest person named.
- A role noun ("Kepala Bidang Politik Hamas", "Pemimpin Hamas", "Menteri Iran", "presiden
  AS itu") is the person the article has already given that title (and organisation or
  country); a bare generic noun ("pejabat Iran") only when exactly one person holds a
  role of that organisation or country.
"""

from __future__ import annotations

from dataclasses import replace

from kg.extract import PERSON, EventMention, Extraction, Mention, Participant
from kg.lexicon import Lexicon, get_lexicon, normalize_name

__all__ = ["resolve_references"]

_GENERIC = {"pejabat", "petinggi", "tokoh", "wakil", "juru", "utusan", "perwakilan", "pihak"}
_DEMONSTRATIVES = {"itu", "tersebut", "ini"}


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

    def pronoun(self, sentence: int, part: Participant, events: list[EventMention]) -> Mention | None:
        if normalize_name(part.text) not in {"dia", "ia", "beliau", "dirinya"}:
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
        self, sentence: int, part: Participant | None, events: list[EventMention]
    ) -> tuple[Participant | None, str | None]:
        if part is None or part.mention is not None:
            return part, None
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
    for ev in extraction.events:
        agent, how_a = resolver.resolve(ev.sentence, ev.agent, done)
        target, how_t = resolver.resolve(ev.sentence, ev.target, done)
        source, how_s = resolver.resolve(ev.sentence, ev.according_to, done)
        same = agent is not None and target is not None and agent.mention is not None and target.mention is not None
        if same and agent.mention.key == target.mention.key:  # type: ignore[union-attr]  # "X bertemu dengan dia"
            target, how_t = ev.target, None
        hows = sorted({h for h in (how_a, how_t, how_s) if h})
        if hows:
            ev = replace(ev, agent=agent, target=target, according_to=source, rule=ev.rule + "".join(f"+{h}" for h in hows))
        done.append(ev)
    return replace(extraction, events=tuple(done))
