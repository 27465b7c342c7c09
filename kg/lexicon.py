"""Language knowledge, loaded from the data files a linguist edits.

- ``ontology/event-types.ttl``: event types and their argument frames (SKOS).
- the language pack (``kg/lang/<code>/``, ``kg.lang``): ``lexicon.toml`` (titles, pronouns, group nouns,
  modality markers, months), ``countries.toml`` + CLDR through Babel (country names), ``aliases.toml``
  (spelling variants of organisations, places and people), ``patterns.toml``, ``triggers.ttl``.
- ``kg/data/rules.toml``: rule ids, their order and measured confidences (no language).

Everything is read once, on first use (``get_lexicon``).
"""

from __future__ import annotations

import functools
import hashlib
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, Graph, Literal
from rdflib.namespace import SKOS

from kg.errors import OntologyError, RuleError
from kg.lang import LanguagePack, language_pack
from kg.namespace import KG
from kg.patterns import PatternRule, load_patterns

__all__ = [
    "DATA_DIR",
    "ONTOLOGY_DIR",
    "EventType",
    "Lexicon",
    "Trigger",
    "get_lexicon",
    "normalize_name",
    "slugify",
]

DATA_DIR = Path(__file__).resolve().parent / "data"
ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
if not ONTOLOGY_DIR.is_dir():  # installed as a wheel: the ontology ships inside the package
    ONTOLOGY_DIR = Path(__file__).resolve().parent / "ontology"


@dataclass(frozen=True)
class Trigger:
    """A trigger phrase of an event type: lowercased words, and whether it is passive."""

    words: tuple[str, ...]
    event_type: str
    passive: bool = False
    lemma: bool = False
    nominal: bool = False
    quote_tag: bool = False  # fires only right after a closing quote mark (``kg:quoteTagForm``)
    person_target: bool = False  # an event only with a person as its target (``kg:personTargetForm``)
    tail: tuple[str, ...] = ()  # words that must follow inside the trigger's phrase: "menetapkan … sebagai tersangka"


@dataclass(frozen=True)
class EventType:
    """An event type of the SKOS scheme."""

    name: str
    label: str
    cameo: str | None
    plover: str | None
    quad_class: str | None
    symmetric: bool
    # the argument frame (ontology/event-types.ttl): how the type's arguments are read
    speech: bool = False
    destination: bool = False
    place_target: bool = False
    reason_prepositions: frozenset[str] = frozenset()
    target_from_gift: bool = False
    agent_from_reason: bool = False
    target_from_act: bool = False
    target_prepositions: frozenset[str] = frozenset()  # the type's own, beside the lexicon's: Attack "ke Gaza"
    implicit_agent: bool = False
    demands_complement: bool = False  # what its complement clause names is demanded, not done


MAX_SLUG = 80


@functools.lru_cache(maxsize=1 << 16)  # the same few thousand names come back for every mention and every IRI
def normalize_name(text: str) -> str:
    """Fold case, accents, quotes and spacing so variants of one name compare equal.

    >>> normalize_name("  Ali  Baghi-Kani ")
    'ali baghi kani'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[\W_]+", " ", text.lower())
    return " ".join(text.split())


@functools.lru_cache(maxsize=1 << 16)
def slugify(text: str) -> str:
    """An IRI-safe slug of a name: ASCII letters, digits and hyphens.

    Names that fold to ASCII keep a readable slug; one with letters that do not (``Ali 北京``),
    or a slug over 80 characters, gets a hash of its folded name, so two names never share a slug.

    >>> slugify("Gerakan Perlawanan Islam (IRGC)")
    'gerakan-perlawanan-islam-irgc'
    >>> slugify("Ali 北京") != slugify("Ali 東京")
    True
    """
    name = normalize_name(text)
    folded = name.encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    if not slug:
        return "x" + hashlib.sha1((name or text).encode("utf-8", "surrogatepass")).hexdigest()[:10]
    if folded != name or len(slug) > MAX_SLUG:  # letters were lost, or a 10k-character name: keep names apart
        return f"{slug[:60].rstrip('-')}-{hashlib.sha1(name.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"
    return slug


class Lexicon:
    """All language knowledge the extractor uses."""

    def __init__(
        self, data_dir: Path = DATA_DIR, ontology_dir: Path = ONTOLOGY_DIR, language: LanguagePack | None = None
    ) -> None:
        pack = language or language_pack()
        self.language = pack.code
        with pack.file("lexicon.toml").open("rb") as handle:
            lex = tomllib.load(handle)
        self.titles: frozenset[tuple[str, ...]] = frozenset(
            tuple(t.split()) for t in lex["titles"]["person"] + lex["titles"].get("honorific", [])
        )
        self.honorifics = frozenset(lex["titles"].get("honorific", []))
        self.relational_titles = frozenset(lex["titles"].get("relational", []))
        if stray := sorted(self.relational_titles - {" ".join(t) for t in self.titles}):
            raise OntologyError(f"lexicon.toml [titles] relational lists {stray}: each must be a title of [titles] person.")
        self.ranks = frozenset(tuple(r.split()) for r in lex["titles"].get("ranks", []))
        if stray := sorted(" ".join(r) for r in self.ranks - self.titles):
            raise OntologyError(f"lexicon.toml [titles] ranks lists {stray}: each must be a title of [titles] person.")
        self.max_title_len = max((len(t) for t in self.titles), default=1)
        self.title_first_words = frozenset(t[0] for t in self.titles)  # a word no title starts with needs no lookup
        pronouns = lex["pronouns"]
        self.pronouns = frozenset(w for key in pronouns for w in pronouns[key])
        self.speaker_pronouns = frozenset(pronouns.get("speaker", []))
        self.person_pronouns = frozenset(pronouns.get("person", []))
        self.reflexives = frozenset(pronouns.get("reflexive", []))
        self.demonstratives = frozenset(pronouns.get("demonstrative", []))
        self.generic_titles = frozenset(lex["titles"].get("generic", []))
        self.group_pronouns = frozenset(pronouns.get("group", []))
        self.group_nouns = frozenset(lex["groups"]["nouns"])
        self.sides = frozenset(lex["groups"].get("sides", []))
        self.comitative = frozenset(lex["groups"].get("comitative", []))
        self.leader_forms = frozenset(lex["groups"]["leader_forms"])
        self.gifts = frozenset(lex["groups"].get("gifts", []))
        self.populations = frozenset(lex["groups"].get("populations", []))
        self.peoples = frozenset(lex["groups"].get("peoples", []))
        self.giver_forms = frozenset(lex["groups"].get("giver_forms", []))
        self.maker_forms = frozenset(lex["groups"].get("maker_forms", []))
        self.enumeration = tuple(tuple(m.split()) for m in lex["groups"].get("enumeration", []))
        self.others = frozenset(lex["groups"].get("others", []))
        self.among = frozenset(lex["groups"].get("among", []))
        self.modality: dict[str, tuple[tuple[str, ...], ...]] = {
            name: tuple(tuple(m.split()) for m in markers) for name, markers in lex["modality"].items() if name != "refusals"
        }
        self.refusals = frozenset(lex["modality"].get("refusals", []))  # verbs whose complement is not done
        self.months: dict[str, int] = dict(lex["dates"]["months"])
        self.weekdays: dict[str, int] = dict(lex["dates"]["weekdays"])
        self.sequence_markers = frozenset(lex["dates"].get("sequence", []))
        self.time_nouns = frozenset(lex["dates"].get("time_nouns", []))
        self.weekday_markers = frozenset(lex["dates"].get("weekday_markers", []))
        self.place_prepositions = frozenset(lex["places"]["at"])
        self.destination_prepositions = frozenset(lex["places"]["to"])
        self.setting_prepositions = frozenset(lex["places"].get("setting", []))
        self.noun_settings = frozenset(lex["places"].get("noun_setting", []))
        self.occasion_markers = frozenset(lex["places"].get("occasion", []))
        self.occasion_verbs = frozenset(lex["places"].get("occasion_verbs", []))
        self.target_prepositions = frozenset(lex["targets"]["prepositions"])
        self.means_markers = frozenset(lex["targets"].get("means", []))
        self.addressee_markers = frozenset(lex["targets"].get("addressees", []))
        self.object_control = frozenset(lex["targets"].get("object_control", []))
        self.answering = frozenset(lex["targets"].get("answering", []))
        self.receiving = frozenset(lex["targets"].get("receiving", []))
        self.refusing = frozenset(lex["targets"].get("refusing", []))
        self.refusal_type: str | None = lex["targets"].get("refusal_type")
        self.according_to = frozenset(lex["speech"]["according_to"])
        self.recognition = frozenset(lex["speech"].get("recognition", []))
        self.recognition_markers = frozenset(lex["speech"].get("recognition_markers", []))
        uncovering = lex["speech"].get("uncovering", {})
        self.uncovering_verbs = frozenset(uncovering.get("verbs", []))
        self.uncovered_things = frozenset(uncovering.get("objects", []))
        self.sources = frozenset(lex["speech"].get("sources", []))
        self.denials = frozenset(lex["speech"].get("denials", []))
        self.denial_type: str | None = lex["speech"].get("denial_type")
        self.media_names = frozenset(normalize_name(n) for n in lex["speech"].get("media_names", []))
        self.media_heads = tuple(tuple(normalize_name(h).split()) for h in lex["speech"].get("media_heads", []))
        self.media_tails = tuple(tuple(normalize_name(t).split()) for t in lex["speech"].get("media_tails", []))
        self.reasons = frozenset(lex["speech"].get("reasons", []))
        self.speech_content: dict[str, tuple[tuple[str, ...], ...]] = {
            event_type: tuple(tuple(p.split()) for p in predicates)
            for event_type, predicates in lex["speech"].get("content", {}).items()
        }
        self.speech_addressed: dict[str, frozenset[str]] = {
            event_type: frozenset(verbs) for event_type, verbs in lex["speech"].get("addressed", {}).items()
        }
        self.speech_urging: dict[str, frozenset[str]] = {
            event_type: frozenset(verbs) for event_type, verbs in lex["speech"].get("urging", {}).items()
        }
        self.event_types, self.triggers = _load_event_types(ontology_dir / "event-types.ttl", pack.file("triggers.ttl"))
        self.framing_types = frozenset(lex.get("complements", {}).get("framing", []))
        for section, named in (
            ("speech.content", set(self.speech_content)),
            ("speech.addressed", set(self.speech_addressed)),
            ("speech.urging", set(self.speech_urging)),
            ("complements", set(self.framing_types)),
            ("targets.refusal_type", {self.refusal_type} - {None}),
            ("speech.denial_type", {self.denial_type} - {None}),
        ):
            unknown = sorted(named - set(self.event_types))
            if unknown:
                raise OntologyError(
                    f"[{section}] in {pack.file('lexicon.toml')} names unknown event types {unknown}: "
                    f"use one of {sorted(self.event_types)}."
                )
        self.countries, self.country_names = _load_countries(pack.file("countries.toml"), pack.code)
        self.aliases = _load_aliases(pack.file("aliases.toml"))
        self.alias_surface = _load_alias_surface(pack.file("aliases.toml"))
        self.max_alias_len = max((len(n.split()) for n in self.alias_surface), default=1)
        organizations = lex.get("organizations", {})
        self.org_heads = frozenset(organizations.get("heads", []))
        self.org_capitalised_heads = frozenset(organizations.get("capitalised_heads", []))
        self.institution_heads = self.org_heads | self.org_capitalised_heads  # either kind, where case is checked apart
        self.forces = frozenset(organizations.get("forces", []))
        self.branches = frozenset(organizations.get("branches", []))
        self.org_abbreviations: dict[str, str] = dict(organizations.get("abbreviations", {}))
        self.governments = frozenset(organizations.get("governments", []))
        self.home_country: str | None = organizations.get("home_country")
        # a common noun for an institution -> words of the organisation names it stands for ("polisi" -> "polda", ...)
        self.generic_organizations: dict[str, frozenset[str]] = {
            noun: frozenset(words) for noun, words in organizations.get("generic", {}).items()
        }
        # a common noun for an institution the article does not name -> the name of that unnamed institution
        self.unnamed_institutions: dict[str, str] = {
            noun: name for name, nouns in organizations.get("unnamed", {}).items() for noun in nouns
        }
        if stray := sorted(set(self.unnamed_institutions) - set(self.generic_organizations)):
            raise OntologyError(
                f"lexicon.toml [organizations.unnamed] lists {stray}: each must be a noun of "
                "[organizations.generic], which says what organisations it could stand for."
            )
        names = lex.get("names", {})
        self.name_classifiers = frozenset(names.get("classifiers", []))
        self.name_particles = frozenset(names.get("particles", []))
        self.name_suffixes = frozenset(names.get("suffixes", []))
        self.name_followers = frozenset(names.get("followers", []))
        self.connectors = frozenset(names.get("connectors", []))
        self.not_name_starts = frozenset(names.get("not_name_starts", []))
        grammar = lex.get("grammar", {})
        self.relatives = frozenset(grammar.get("relative", []))
        self.existential = frozenset(grammar.get("existential", []))
        self.directive_marks = frozenset(grammar.get("directive", []))
        self.passive_agent_markers = frozenset(grammar.get("passive_agent", []))
        self.source_markers = frozenset(grammar.get("source", []))
        self.copulas = frozenset(grammar.get("copulas", []))
        self.role_markers = frozenset(grammar.get("role_markers", []))
        self.raising = frozenset(grammar.get("raising", []))
        self.passive_prefixes = tuple(grammar.get("passive_prefix", []))
        self.complementizers = frozenset(grammar.get("complementizer", []))
        self.accredited_to = frozenset(grammar.get("accredited_to", []))
        self.missions = tuple(grammar.get("missions", []))
        self.clitic_pronouns = frozenset(grammar.get("clitic_pronoun", []))
        self.reflexives = frozenset(grammar.get("reflexive", []))
        self.on_behalf = frozenset(tuple(p.split()) for p in grammar.get("on_behalf", []))
        self.list_words = frozenset(grammar.get("list_words", []))
        self.gift_reasons = frozenset(grammar.get("gift_reason", []))
        self.glosses = frozenset(grammar.get("gloss", []))
        self.lowercase_in_titles = frozenset(grammar.get("lowercase_in_titles", []))
        self.patronymics = frozenset(names.get("patronymics", []))
        self.clitics = frozenset(names.get("clitics", []))
        self.pronoun_particles = tuple(names.get("pronoun_particles", []))
        self.initials_markers = frozenset(tuple(m.split()) for m in names.get("initials_markers", []))
        self.initials_titles = frozenset(names.get("initials_titles", []))
        self.alias_markers = frozenset(tuple(m.split()) for m in names.get("alias_markers", []))
        self.not_actors = frozenset(names.get("not_actors", []))
        self.vehicles = frozenset(names.get("vehicles", []))
        self.place_features = frozenset(names.get("features", []))
        self.title_abbreviations: dict[str, str] = dict(lex["titles"].get("abbreviations", {}))
        self.title_prefixes = frozenset(lex["titles"].get("prefixes", []))
        self.org_classifiers = frozenset(organizations.get("classifiers", []))
        self.regional_institutions = frozenset(organizations.get("regional", []))
        self.max_trigger_len = max((len(t.words) for t in self.triggers), default=1)
        self._trigger_index: dict[str, list[Trigger]] = {}
        for trig in self.triggers:
            self._trigger_index.setdefault(trig.words[0], []).append(trig)
        self.max_country_len = max((len(n.split()) for n in self.countries), default=1)
        with (data_dir / "rules.toml").open("rb") as handle:
            rules = tomllib.load(handle)
        self.confidence: dict[str, float] = dict(rules["confidence"])
        self.rules: dict[str, str] = dict(rules.get("rules", {}))
        # the order in which the agent and target finders (kg.extract.finders) are tried
        self.role_order: dict[str, tuple[str, ...]] = {role: tuple(ids) for role, ids in rules.get("order", {}).items()}
        # the word classes a pattern may name in ``lower_in``
        self.word_classes: dict[str, frozenset[str]] = {
            "group_nouns": self.group_nouns,
            "pronouns": self.pronouns,
            "connectors": self.connectors,
            "sources": self.sources,
        }
        self.patterns = load_patterns(pack.file("patterns.toml"), frozenset(self.word_classes))
        unlisted = sorted({p.id for p in self.patterns} - set(self.rules))
        if unlisted:
            raise OntologyError(
                f"Pattern rules {unlisted} of {pack.file('patterns.toml')} need a description in rules.toml [rules]."
            )
        bad = {rule: value for rule, value in self.confidence.items() if not 0 < float(value) < 1}
        if bad:
            raise OntologyError(f"Rule confidences in {data_dir / 'rules.toml'} must lie strictly between 0 and 1: {bad}.")

    def is_passive_form(self, word: str) -> bool:
        """Whether a verb form carries the passive prefix ("dihubungi")."""
        return word.lower().startswith(self.passive_prefixes) if self.passive_prefixes else False

    def patterns_for(self, role: str) -> tuple[PatternRule, ...]:
        """The pattern rules that fill ``role``, in file order."""
        return tuple(p for p in self.patterns if p.assigns == role)

    def check_rules(self, ids: frozenset[str] | set[str]) -> None:
        """Raise ``RuleError`` naming every id of ``ids`` that is no rule of ``rules.toml``."""
        unknown = sorted(set(ids) - set(self.rules))
        if unknown:
            raise RuleError(f"Unknown rule id(s) {unknown}: use one of {sorted(self.rules)} (`kg rules` describes them).")

    def rule_confidence(self, rule: str) -> float:
        """The measured precision of an extraction rule (``verb``, ``phrase+reported`` ...)."""
        base = rule.split("+", 1)[0]
        return float(self.confidence.get(base, self.confidence.get("default", 0.5)))

    def is_media(self, name: str) -> bool:
        """Whether a name is a news outlet's (``[speech] media_names``, or a phrase ``media_heads`` starts or
        ``media_tails`` ends)."""
        key = normalize_name(name)
        words = tuple(key.split())
        return (
            key in self.media_names
            or any(words[: len(h)] == h for h in self.media_heads)
            or any(len(words) > len(t) and words[-len(t) :] == t for t in self.media_tails)
        )

    def is_speech(self, event_type: str) -> bool:
        """Whether an event type is saying something (``kg:speech``): Statement."""
        kind = self.event_types.get(event_type)
        return kind is not None and kind.speech

    def frame(self, event_type: str) -> EventType:
        """The event type with its argument frame; an unknown type is an ``OntologyError``."""
        kind = self.event_types.get(event_type)
        if kind is None:
            raise OntologyError(f"Unknown event type {event_type!r}: use one of {sorted(self.event_types)}.")
        return kind

    def is_verbal(self, event_type: str) -> bool:
        """Whether an event type is said rather than done: a verbal quad class, or none (statements)."""
        kind = self.event_types.get(event_type)
        return kind is not None and (kind.quad_class is None or kind.quad_class.startswith("Verbal"))

    def triggers_starting(self, word: str) -> list[Trigger]:
        """Triggers whose first word is ``word`` (lowercased form or lemma), longest first."""
        return sorted(self._trigger_index.get(word, []), key=lambda t: -len(t.words))

    def full_title(self, title: str) -> str:
        """A title with its short forms written out (``[titles.abbreviations]``), in the case it was written.

        >>> get_lexicon().full_title("Menlu")
        'Menteri Luar Negeri'
        >>> get_lexicon().full_title("mantan Sekjen")
        'mantan Sekretaris Jenderal'
        """
        return _written_out(title, self.title_abbreviations, self.lowercase_in_titles)

    def full_org_name(self, name: str) -> str:
        """An organisation name with its short forms written out (``[organizations.abbreviations]``): "Kemlu RI"."""
        return _written_out(name, self.org_abbreviations, self.lowercase_in_titles)

    def is_title(self, words: tuple[str, ...]) -> bool:
        return tuple(w.lower() for w in words) in self.titles

    def country_code(self, name: str) -> str | None:
        """ISO code of a country name as written (exact words), or None."""
        name = " ".join(name.split())
        found = self.countries.get(name)
        if found is None and ("'" in name or "’" in name):
            found = self.countries.get(re.sub(r"['’] s\b", "'s", name.replace("’", "'")))  # "People’ s", tokenized
        return found


def _written_out(text: str, table: dict[str, str], small: frozenset[str] = frozenset()) -> str:
    """``text`` with the short forms of ``table`` written out: the whole text first, then word by word.

    A capitalised short form gives capitalised words ("Menlu" -> "Menteri Luar Negeri").
    """

    def cased(short: str, full: str) -> list[str]:
        words = full.split()
        if short[:1].isupper():
            return [w if w in small else w[:1].upper() + w[1:] for w in words]
        return words

    words = text.split()
    key = " ".join(w.lower().rstrip(".") for w in words)
    if key in table:
        return " ".join(cased(text, table[key]))
    out: list[str] = []
    for w in words:
        short = w.lower().rstrip(".")
        out.extend(cased(w, table[short]) if short in table else [w])
    return " ".join(out) if out != words else text


def _flag(graph: Graph, subject: object, prop: object) -> bool:
    value = graph.value(subject, prop)  # type: ignore[call-overload]
    return isinstance(value, Literal) and value.toPython() is True


def _literal_strings(graph: Graph, subject: object, prop: object) -> list[str]:
    return [str(o) for o in graph.objects(subject, prop) if isinstance(o, Literal)]  # type: ignore[arg-type]


def _trigger(form: str, event_type: str, **flags: bool) -> Trigger:
    """A trigger from a written form; "…" (or "...") splits it into its words and a tail that must follow them
    inside the trigger's phrase ("menetapkan … sebagai tersangka")."""
    head, _, tail = form.lower().replace("...", "…").partition("…")
    return Trigger(tuple(head.split()), event_type, tail=tuple(tail.split()), **flags)


def _load_event_types(path: Path, words: Path) -> tuple[dict[str, EventType], tuple[Trigger, ...]]:
    """The event types of the scheme at ``path``, with the words of a language pack's ``triggers.ttl``."""
    if not path.is_file():
        raise OntologyError(f"Event-type scheme {path} is missing: reinstall kg or restore ontology/.")
    graph = Graph().parse(path)
    if not words.is_file():
        raise OntologyError(f"The language pack's event words {words} are missing: reinstall kg or restore kg/lang/.")
    worded = Graph().parse(words)
    unknown = sorted({str(s) for s in worded.subjects() if (s, RDF.type, KG.EventType) not in graph})
    graph += worded
    if unknown:
        raise OntologyError(f"{words} gives words to {unknown}, which {path} does not define as event types.")
    types: dict[str, EventType] = {}
    triggers: list[Trigger] = []
    for concept in sorted(set(graph.subjects(RDF.type, KG.EventType)), key=str):
        name = str(concept).rsplit("/", 1)[-1]
        labels = [o for o in graph.objects(concept, SKOS.prefLabel) if getattr(o, "language", None) == "en"]
        quad = graph.value(concept, KG.quadClass)
        cameo = graph.value(concept, KG.cameoCode)
        plover = graph.value(concept, KG.ploverCategory)
        types[name] = EventType(
            name=name,
            label=str(labels[0]) if labels else name,
            cameo=str(cameo) if cameo is not None else None,
            plover=str(plover) if plover is not None else None,
            quad_class=str(quad).rsplit("#", 1)[-1] if quad is not None else None,
            symmetric=_flag(graph, concept, KG.symmetric),
            speech=_flag(graph, concept, KG.speech),
            destination=_flag(graph, concept, KG.destination),
            place_target=_flag(graph, concept, KG.placeTarget),
            reason_prepositions=frozenset(p.lower() for p in _literal_strings(graph, concept, KG.reasonPreposition)),
            target_from_gift=_flag(graph, concept, KG.targetFromGift),
            agent_from_reason=_flag(graph, concept, KG.agentFromReason),
            target_from_act=_flag(graph, concept, KG.targetFromAct),
            target_prepositions=frozenset(p.lower() for p in _literal_strings(graph, concept, KG.targetPreposition)),
            implicit_agent=_flag(graph, concept, KG.implicitAgent),
            demands_complement=_flag(graph, concept, KG.demandsComplement),
        )
        for form in _literal_strings(graph, concept, KG.triggerForm):
            triggers.append(_trigger(form, name))
        for form in _literal_strings(graph, concept, KG.passiveForm):
            triggers.append(_trigger(form, name, passive=True))
        for form in _literal_strings(graph, concept, KG.nominalForm):
            triggers.append(_trigger(form, name, nominal=True))
        for form in _literal_strings(graph, concept, KG.personTargetForm):
            triggers.append(_trigger(form, name, person_target=True))
        for form in _literal_strings(graph, concept, KG.quoteTagForm):
            triggers.append(Trigger(tuple(form.lower().split()), name, quote_tag=True))
        for lemma in _literal_strings(graph, concept, KG.triggerLemma):
            triggers.append(Trigger(tuple(lemma.lower().split()), name, lemma=True))
    if not types:
        raise OntologyError(f"No kg:EventType concepts in {path}.")
    return types, tuple(triggers)


def _load_countries(path: Path, locale: str) -> tuple[dict[str, str], dict[str, str]]:
    """Map every country name (CLDR's in ``locale`` + variants) to its code; and code to canonical name."""
    from babel import Locale

    with path.open("rb") as handle:
        data = tomllib.load(handle)
    skip = set(data.get("not_countries", {}).get("codes", []))
    names: dict[str, str] = {}
    canonical: dict[str, str] = {}
    for code, name in Locale(locale).territories.items():
        if len(code) != 2 or not code.isalpha() or code in skip:
            continue
        canonical[code] = data["canonical"].get(code, re.sub(r"\s*\(.*\)$", "", name))
        names[name] = code
        names[canonical[code]] = code
    for code, variants in data["variants"].items():
        for variant in variants:
            names[variant] = code
    return names, canonical


def _load_aliases(path: Path) -> dict[str, tuple[str, str]]:
    """Map the normalised form of every alias to (canonical name, kind)."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    out: dict[str, tuple[str, str]] = {}
    for kind, table in data.items():
        for canonical, variants in table.items():
            for name in [canonical, *variants]:
                out[normalize_name(name)] = (canonical, kind)
    return out


def _load_alias_surface(path: Path) -> dict[str, str]:
    """Map every alias as written (case kept) to its kind: organizations, places or people."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return {
        name: kind for kind, table in data.items() for canonical, variants in table.items() for name in [canonical, *variants]
    }


@functools.lru_cache(maxsize=1)
def get_lexicon() -> Lexicon:
    """The lexicon, loaded once."""
    return Lexicon()
