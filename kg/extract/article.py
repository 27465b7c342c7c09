"""Article-level passes: names by their parts, initials, and retold claims."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from kg.document import ParsedDoc, Sentence
from kg.extract.words import is_outlet
from kg.lexicon import Lexicon, normalize_name
from kg.types import ORGANIZATION, PERSON, EventMention, Mention, Participant


def name_parts(persons: list[Mention], lex: Lexicon) -> dict[str, str]:
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
                or _known_name(word, lex)
            ):
                continue
            owners.setdefault(word, set()).add(normalize_name(m.text))
    return {word: next(iter(names)) for word, names in owners.items() if len(names) == 1}


def with_name_parts(doc: ParsedDoc, found: list[list[Mention]], lex: Lexicon) -> list[list[Mention]]:
    """Mentions of a person by one part of a name the article gives in full.

    "Trump dan Abe datang ke Florida" after "Donald Trump" and "Shinzo Abe": a capitalised word that
    is the first or last word of exactly one full person name of the article (see ``name_parts``) is
    a mention of that person, whether the tagger missed it or took it for an organisation or a place.
    """
    persons = [m for here in found for m in here if m.kind == PERSON]
    parts = name_parts(persons, lex)
    # a full name the tagger gives a person at least as often as anything else is that person where it took it for an
    # organisation or a place ("La Nyalla")
    tagged = Counter((normalize_name(m.text), m.kind == PERSON) for here in found for m in here)
    full = {
        name
        for name, person in tagged
        if person and len(name.split()) >= 2 and tagged[(name, True)] >= tagged[(name, False)] and name not in lex.aliases
    }
    full |= {normalize_name(m.acronym) for m in persons if m.acronym}  # "Oesman Sapta Odang (OSO)", then "OSO ..."
    if not parts and not full:
        return found
    out = []
    for sentence, here in zip(doc.sentences, found, strict=True):
        mentions = [
            replace(m, kind=PERSON)
            if m.kind != PERSON and not m.country_code and (m.text in parts or normalize_name(m.text) in full)
            else m
            for m in here
        ]
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


def initials_at(sentence: Sentence, lex: Lexicon) -> dict[int, int]:
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
        # "tersangka HS", but not "tahanan KPK" nor "oknum TNI" (an organisation's detainee, member); two letters
        # ("tersangka AS", "tersangka MA") are initials far more often than a known name
        known = len(word.text) >= 3 and _known_name(word.text, lex)
        if start is None and i >= 1 and lowered[i - 1] in lex.initials_titles and not known:
            start = i - 1
        if start is None:
            continue
        if start >= 1 and lowered[start - 1] in lex.initials_titles:
            start -= 1  # "tersangka berinisial HS": the extent covers the noun that stands for the person
        found[i] = start
    return found


def _known_name(text: str, lex: Lexicon) -> bool:
    """Whether ``text`` is a country's or a known actor's name (``countries.toml``, ``aliases.toml``)."""
    return lex.country_code(text) is not None or normalize_name(text) in lex.aliases


def with_initials(doc: ParsedDoc, found: list[list[Mention]], lex: Lexicon) -> list[list[Mention]]:
    """Mentions of suspects and witnesses by their initials (``initials_at``): persons of this article only.

    Initials once introduced ("tersangka berinisial HS") are that person wherever the article repeats
    them ("HS diduga ..."), even where the tagger took them for an organisation or a country.
    """
    introduced = [initials_at(sentence, lex) for sentence in doc.sentences]
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


_INSTITUTION_ROLES = ("nsubj", "obj", "iobj", "obl", "root", "conj")


def with_unnamed_institutions(doc: ParsedDoc, found: list[list[Mention]], lex: Lexicon) -> list[list[Mention]]:
    """Institutions an article names only by a common noun ("Polisi mengatakan ..."): each noun of
    ``[organizations.unnamed]`` whose article names no organisation it could stand for (``[organizations.generic]``)
    is an organisation of that article alone, named by its table's key (``Mention.unnamed``: "polisi" and
    "kepolisian" are one). Where the article names one ("Polda Metro Jaya"), the noun stays a word for coreference
    to resolve (rule ``institution``). Only the noun as an argument, and the force, not officers: not "kantor
    polisi", "mantan polisi", "seorang polisi", nor a title before a name.
    """
    named_words = {w for here in found for m in here if m.kind == ORGANIZATION for w in normalize_name(m.text).split()}
    nouns = {noun: name for noun, name in lex.unnamed_institutions.items() if not lex.generic_organizations[noun] & named_words}
    if not nouns:
        return found
    out = []
    for sentence, here in zip(doc.sentences, found, strict=True):
        taken = {k for m in here for k in range(m.extent_start, m.end)}
        added = []
        for i, word in enumerate(sentence.words):
            if word.lower not in nouns or i in taken:
                continue
            kids = sentence.children(word.id)
            before = sentence.words[i - 1].lower if i else ""
            if (
                word.upos not in ("NOUN", "PROPN")
                or word.deprel.split(":")[0] not in _INSTITUTION_ROLES
                or any(k.lower in lex.clitic_pronouns for k in kids)  # "polisinya"
                or before in lex.title_prefixes
                or any(k.lower in lex.title_prefixes for k in kids)  # "mantan polisi": a person
                # "seorang polisi", "dua polisi", "para polisi": officers, not the force
                or any(k.deprel == "nummod" or (k.deprel == "det" and k.lower not in lex.demonstratives) for k in kids)
            ):
                continue
            name = nouns[word.lower]
            added.append(
                Mention(sentence.index, i, i + 1, name[:1].upper() + name[1:], ORGANIZATION, i, written=word.text, unnamed=True)
            )
        out.append(sorted(here + added, key=lambda m: (m.start, -m.end)) if added else here)
    return out


_IRREALIS = ("obligation", "demanded", "future", "hypothetical")


def hedged_retellings(events: list[EventMention]) -> list[EventMention]:
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


def implicit_agents(events: tuple[EventMention, ...], lex: Lexicon) -> tuple[EventMention, ...]:
    """Agentless passives of a type whose frame has ``kg:implicitAgent`` get the agent the article shows doing it.

    "Miryam dijerat dengan Pasal 22 ..." after "kliennya yang ditahan oleh KPK": the agent of the
    nearest event of the same type with a named agent (an earlier one on a tie) that is not the
    event's own target, and that is asserted (not hedged): one the article says itself, or failing
    that one it reports someone saying ("Dia beralasan, ... kliennya yang ditahan oleh KPK"). Without
    such an event the agent stays empty: the rule never guesses.
    """
    doers = [
        (ev, ev.agent.mention)
        for ev in events
        if ev.agent is not None
        and ev.agent.mention is not None
        and ev.modality == "asserted"
        and lex.frame(ev.event_type).implicit_agent
    ]
    if not doers:
        return events
    out = []
    for ev in events:
        if (
            ev.agent is None
            and ev.target is not None
            and ev.rule.startswith("passive")
            and lex.frame(ev.event_type).implicit_agent
        ):
            target = ev.target.mention.key if ev.target.mention is not None else None
            same = [(d, who) for d, who in doers if d.event_type == ev.event_type and who.key != target]
            told = [(d, who) for d, who in same if d.according_to is None]  # what the article itself says happened
            same = told or same
            if same:
                _, agent = min(same, key=lambda pair: (abs(pair[0].sentence - ev.sentence), pair[0].sentence > ev.sentence))
                ev = replace(ev, agent=Participant(agent, agent.text, ev.trigger_word), rule=ev.rule + "+implicit-agent")
        out.append(ev)
    return tuple(out)


def without_press(events: tuple[EventMention, ...], lex: Lexicon) -> tuple[EventMention, ...]:
    """The reporting is not the news: events done by a news outlet ("Reuters melaporkan", "ditemui CNNIndonesia.com",
    "kontributor Metro TV" misread as a doer), and speech or meetings with one as the other party ("kata X kepada
    Reuters"), are left out. An outlet remains a party of other events ("Arab Saudi menutup Al Jazeera"), a mention,
    and the ``accordingTo`` of "dilansir Reuters"."""

    def outlet(part: Participant | None) -> bool:
        return part is not None and part.mention is not None and is_outlet(part.mention, lex)

    def press_contact(event_type: str) -> bool:
        kind = lex.event_types.get(event_type)
        return kind is not None and (kind.speech or kind.symmetric)

    return tuple(ev for ev in events if not outlet(ev.agent) and not (outlet(ev.target) and press_contact(ev.event_type)))
