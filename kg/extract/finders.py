"""The ways of finding an event's agent and target, each a small function registered under a rule id.

Which is tried first is data, not code order: ``kg/data/rules.toml [order]`` lists the agent finders
and the target finders; the first finder that gives words wins. A finder whose id is not the
default of its role (``subject``, ``owner``, ``object``) is recorded in the event's
``kg:extractedBy``, and ``kg build --disable-rule ID`` builds without it. A finder says itself
when it applies (``applies``): to active, passive or nominal triggers, to frames that allow it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from kg.document import Word
from kg.errors import OntologyError
from kg.extract.words import SUBJECTS
from kg.lexicon import EventType, Lexicon
from kg.types import PLACE

if TYPE_CHECKING:
    from kg.extract.events import SentenceReading
    from kg.extract.view import TriggerMatch

__all__ = ["AGENT_FINDERS", "TARGET_FINDERS", "UNRECORDED_FINDERS", "Finder", "RoleSearch", "check_order"]


@dataclass
class RoleSearch:
    """What the finders of one trigger see: the trigger, its head word, its frame and the words found so far."""

    reading: SentenceReading
    match: TriggerMatch
    head: Word
    frame: EventType
    targets: list[Word]  # the trigger's objects and marked obliques (``Targets.objects_of``), then its targets
    agents: list[Word] = field(default_factory=list)  # the agent words, once the agent finders ran
    recorded: list[str] = field(default_factory=list)  # the ids of the finders and patterns that filled a role

    @cached_property
    def subject_and_passive_subjects(self) -> tuple[list[Word], list[Word]]:
        return self.reading.agents.subject_of(self.head, self.match.trigger.passive)

    @property
    def passive(self) -> bool:
        return self.match.trigger.passive

    @property
    def nominal(self) -> bool:
        return self.match.trigger.nominal


@dataclass(frozen=True)
class Finder:
    """A registered way of finding a role's words: ``find`` returns them, empty where it gives none."""

    rule_id: str
    applies: Callable[[RoleSearch], bool]
    find: Callable[[RoleSearch], list[Word]]
    takes_from_targets: bool = False  # the words it gives as agents are no targets (a bare passive agent)


AGENT_FINDERS: dict[str, Finder] = {}
TARGET_FINDERS: dict[str, Finder] = {}
UNRECORDED_FINDERS = frozenset({"subject", "owner", "object", "patterns"})
"""Finders not recorded in ``kg:extractedBy``: the base rule's own reading (subject, owner, object), and the
pattern rules' finder, whose matching rule records its own id."""


def _register(
    table: dict[str, Finder], rule_id: str, applies: Callable[[RoleSearch], bool], takes_from_targets: bool = False
) -> Callable[[Callable[[RoleSearch], list[Word]]], Callable[[RoleSearch], list[Word]]]:
    def register(find: Callable[[RoleSearch], list[Word]]) -> Callable[[RoleSearch], list[Word]]:
        table[rule_id] = Finder(rule_id, applies, find, takes_from_targets)
        return find

    return register


def check_order(lex: Lexicon) -> None:
    """Raise ``OntologyError`` when ``rules.toml [order]`` names a finder that is not registered, or leaves one out."""
    for role, table in (("agent", AGENT_FINDERS), ("target", TARGET_FINDERS)):
        order = lex.role_order.get(role, ())
        unknown, missing = sorted(set(order) - set(table)), sorted(set(table) - set(order))
        if unknown or missing:
            raise OntologyError(
                f"rules.toml [order] {role} must list each {role} finder once: unknown {unknown}, missing {missing} "
                f"(registered: {sorted(table)})."
            )


def _active(search: RoleSearch) -> bool:
    return not search.passive and not search.nominal


def _verbal(search: RoleSearch) -> bool:
    return not search.nominal


def _bare_passive(search: RoleSearch) -> bool:
    return search.passive and not search.nominal and search.reading.lex.is_passive_form(search.match.trigger.words[0])


# -- agents --------------------------------------------------------------------------------------


@_register(AGENT_FINDERS, "subject", _verbal)
def _subject(search: RoleSearch) -> list[Word]:
    """The clause's subject or oblique agent, inherited through conjuncts and complements."""
    return search.subject_and_passive_subjects[0]


@_register(AGENT_FINDERS, "owner", lambda s: s.nominal)
def _owner(search: RoleSearch) -> list[Word]:
    """An event noun's owner: "pernyataan Mogherini", "kunjungannya ke Myanmar"."""
    return search.reading.agents.owners_of(search.match)


@_register(AGENT_FINDERS, "source", lambda s: s.nominal)
def _source(search: RoleSearch) -> list[Word]:
    """An event noun's doer marked as its source or agent: "dukungan dari Partai Hanura", "penetapan tersangka oleh
    KPK" (``[grammar] source``, ``passive_agent``); never a place ("serangan dari Gaza"), while a country acts."""
    view, parts, lex = search.reading.view, search.reading.parts, search.reading.lex
    markers = lex.source_markers | lex.passive_agent_markers
    ids = set(search.match.ids())
    return [
        child
        for wid in search.match.ids()
        for child in view.kids(wid)
        if child.id not in ids
        and child.deprel.startswith(("nmod", "obl"))
        and view.case_of(child) in markers
        and (named := parts.resolve(child).mention) is not None
        and named.kind != PLACE
    ]


@_register(AGENT_FINDERS, "maker", lambda s: s.nominal)
def _maker(search: RoleSearch) -> list[Word]:
    """An event noun's doer named in its passive relative clause: "OTT yang dilakukan KPK terhadap ...",
    "praperadilan yang diajukan Setya Novanto", "dukungan yang diberikan Iran" (``[groups] maker_forms``,
    ``giver_forms``)."""
    lex = search.reading.lex
    return search.reading.parts.relative_doers(search.head, lex.maker_forms | lex.giver_forms)


def _in_setting(search: RoleSearch, relation: str) -> bool:
    head, view = search.head, search.reading.view
    return search.nominal and head.deprel.startswith(relation) and view.case_of(head) in view.lex.noun_settings and head.head > 0


@_register(AGENT_FINDERS, "setting-subject", lambda s: _in_setting(s, "obl"))
def _setting_subject(search: RoleSearch) -> list[Word]:
    """ "Dalam pernyataan pers bersama, Mogherini dan Hahn meminta ...": the setting of what the subject does is its own."""
    return search.reading.agents.subject_of(search.reading.sent.word(search.head.head), False)[0]


@_register(AGENT_FINDERS, "subject-beside", lambda s: _in_setting(s, "nmod"))
def _subject_beside(search: RoleSearch) -> list[Word]:
    """ "Trump dan Moon lewat panggilan telepon menyatakan ...": a setting hung on the subject itself."""
    governor = search.reading.sent.word(search.head.head)
    return [governor] if governor.deprel in SUBJECTS else []


@_register(AGENT_FINDERS, "reason-accuser", lambda s: s.nominal and s.frame.agent_from_reason)
def _reason_accuser(search: RoleSearch) -> list[Word]:
    """ "memutuskan hubungan ... terkait dengan tudingan bahwa ...": who acts on an accusation makes it."""
    return search.reading.agents.accusers(search.head)


@_register(AGENT_FINDERS, "complement-passive-agent", lambda s: s.passive and not s.nominal)
def _complement_passive_agent(search: RoleSearch) -> list[Word]:
    """A passive's "oleh" agent hung on its complement: "ditetapkan sebagai tersangka oleh KPK" ("oleh KPK" under "tersangka")."""
    view, head = search.reading.view, search.head
    holders = [c for c in view.kids(head.id) if c.deprel.startswith(("obl", "xcomp")) and c.id > head.id]
    return [
        agent
        for holder in holders
        for agent in view.kids(holder.id)
        if agent.deprel.startswith(("nmod", "obl")) and view.case_of(agent) in view.lex.passive_agent_markers
    ]


@_register(AGENT_FINDERS, "name-before", _active)
def _name_before(search: RoleSearch) -> list[Word]:
    """ "saat Menteri Luar Negeri Retno Marsudi berkunjung ke Yordania" with the name hung on "saat"."""
    return search.reading.agents.name_right_before(search.head)


@_register(AGENT_FINDERS, "bare-passive-object", _bare_passive, takes_from_targets=True)
def _bare_passive_object(search: RoleSearch) -> list[Word]:
    """A di- passive without "oleh": a bare nominal after the verb is the agent ("Retno dihubungi Menlu Belanda")."""
    view = search.reading.view
    return [t for t in search.targets if t.deprel == "obj" and t.id > search.head.id and view.case_of(t) is None]


@_register(AGENT_FINDERS, "bare-passive-oblique", _bare_passive, takes_from_targets=True)
def _bare_passive_oblique(search: RoleSearch) -> list[Word]:
    """ "lokasi yang dikunjungi Raja Salman" with the name parsed as a bare oblique right after the verb."""
    view, parts, head = search.reading.view, search.reading.parts, search.head
    return [
        c
        for c in view.kids(head.id)
        if c.id == head.id + 1
        and c.deprel.startswith("obl")
        and view.case_of(c) is None
        and (named := parts.resolve(c).mention) is not None
        and named.kind != PLACE
    ]


def _ends_in_its_preposition(search: RoleSearch) -> bool:
    match, sent = search.match, search.reading.sent
    last = sent.word(match.end)
    return (
        search.passive
        and not search.nominal
        and len(match.trigger.words) > 1
        and last.upos == "ADP"
        and last.head not in match.ids()
    )


@_register(AGENT_FINDERS, "marked-passive", _ends_in_its_preposition, takes_from_targets=True)
def _marked_passive(search: RoleSearch) -> list[Word]:
    """A passive form ending in its preposition marks the agent: "Doha bergantung pada Iran", "menerima bantuan dari Jepang"."""
    sent = search.reading.sent
    return [sent.word(sent.word(search.match.end).head)]


@_register(AGENT_FINDERS, "patterns", _verbal)
def _patterns(search: RoleSearch) -> list[Word]:
    """The first matching agent rule of ``kg/data/patterns.toml`` (its own id is recorded, not this one's)."""
    found, ids = search.reading.agents.agents_by_pattern(search.match, search.head)
    search.recorded.extend(ids)
    return found


# -- targets -------------------------------------------------------------------------------------


@_register(TARGET_FINDERS, "object", lambda s: True)
def _object(search: RoleSearch) -> list[Word]:
    """The trigger's objects and marked obliques; a passive's subject comes first."""
    passive_subjects = search.subject_and_passive_subjects[1] if search.passive and not search.nominal else []
    return passive_subjects + search.targets


@_register(TARGET_FINDERS, "raised-object", lambda s: not s.passive)
def _raised_object(search: RoleSearch) -> list[Word]:
    """An object-control verb's object parsed into its complement: "meminta Turki menghentikan ..."."""
    return search.reading.targets.raised_objects(search.head)


@_register(TARGET_FINDERS, "claim-subject", lambda s: s.nominal and not s.passive)
def _claim_subject(search: RoleSearch) -> list[Word]:
    """The subject of the clause an event noun introduces: "tudingan bahwa Doha mendukung ..."."""
    return search.reading.targets.claim_subjects(search.match)


@_register(TARGET_FINDERS, "answerer", lambda s: s.nominal and not s.passive)
def _answerer(search: RoleSearch) -> list[Word]:
    """Who answers or receives an event noun, the subject of the verb that has it as object ([targets] answering,
    receiving):
    "Setnov tak akan memenuhi panggilan penyidik KPK" is KPK's summons of Setnov."""
    head, reading = search.head, search.reading
    if not head.head:
        return []
    verb = reading.sent.word(head.head)
    refused = verb.lower in reading.lex.refusing and head.deprel.startswith("obl")  # "mangkir dari panggilan KPK"
    if verb.lower not in reading.lex.answering | reading.lex.receiving or not (head.deprel == "obj" or refused):
        return []
    return reading.agents.subject_of(verb, False)[0]


@_register(TARGET_FINDERS, "act-target", lambda s: s.frame.target_from_act and not s.passive)
def _act_target(search: RoleSearch) -> list[Word]:
    """The target of the act a threat names: "mengancam akan menyerang Korea Selatan", "mengancam meluncurkan
    serangan rudal ke Ukraina" (the complement clause's objects, and the places and targets its noun is aimed at;
    failing those, the noun itself: "menyerang pasukan Israel")."""
    view, lex = search.reading.view, search.reading.lex
    aimed = lex.target_prepositions | lex.destination_prepositions
    out: list[Word] = []
    nouns: list[Word] = []
    for act in view.kids(search.head.id):
        if not act.deprel.startswith(("xcomp", "ccomp")) or act.upos != "VERB":
            continue
        for child in view.kids(act.id):
            if child.deprel in ("obj", "iobj") and child.id not in view.by_word and child.upos == "NOUN":
                # "meluncurkan serangan rudal ke Ukraina": what the act's noun is aimed at
                out.extend(x for x in view.kids(child.id) if x.deprel.startswith("nmod") and view.case_of(x) in aimed)
                nouns.append(child)
            elif child.deprel in ("obj", "iobj") or (child.deprel.startswith("obl") and view.case_of(child) in aimed):
                out.append(child)
    # without any such target, the act's noun itself: "menyerang pasukan Israel" (the forces stand for Israel),
    # not "mengirim pasukan ke Suriah" (Suriah is the target)
    return out or nouns


@_register(TARGET_FINDERS, "gift", lambda s: s.frame.target_from_gift)
def _gift(search: RoleSearch) -> list[Word]:
    """The gift thanked for, hung away from the thanks: its giver is resolved as the target."""
    return search.reading.targets.thanked_for(search.match)
