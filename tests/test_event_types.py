"""The SKOS scheme of event types (ontology/event-types.ttl), its Indonesian words (kg/lang/id/triggers.ttl), the lexicon."""

from __future__ import annotations

import re
import shutil
from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from kg.errors import OntologyError
from kg.lang import language_pack
from kg.lexicon import DATA_DIR, ONTOLOGY_DIR, Lexicon, get_lexicon
from kg.namespace import KG, KGET

REQUIRED = [
    "Meet",
    "Visit",
    "Statement",
    "Praise",
    "Thank",
    "Congratulate",
    "Apologize",
    "Support",
    "Criticize",
    "Accuse",
    "Threaten",
    "Attack",
    "Negotiate",
    "Coordinate",
    "Appeal",
    "Aid",
    "Reject",
]
QUADS = {KG.VerbalCooperation, KG.MaterialCooperation, KG.VerbalConflict, KG.MaterialConflict}


@pytest.fixture(scope="module")
def scheme() -> Graph:
    """The scheme with the Indonesian pack's words, as the lexicon reads them."""
    graph = Graph().parse(ONTOLOGY_DIR / "event-types.ttl")
    graph.parse(language_pack("id").file("triggers.ttl"))
    return graph


WORD_PROPERTIES = [
    KG.triggerForm,
    KG.passiveForm,
    KG.nominalForm,
    KG.triggerLemma,
    KG.quoteTagForm,
    KG.personTargetForm,
    KG.reasonPreposition,
    KG.targetPreposition,
]


def test_event_types_words_live_in_the_language_pack_not_the_ontology() -> None:
    ontology = Graph().parse(ONTOLOGY_DIR / "event-types.ttl")
    words = Graph().parse(language_pack("id").file("triggers.ttl"))
    assert not [t for p in WORD_PROPERTIES for t in ontology.triples((None, p, None))]
    assert {p for _, p, _ in words} <= set(WORD_PROPERTIES)
    assert {o.language for o in words.objects() if isinstance(o, Literal)} == {"id"}


def test_event_types_words_for_an_undefined_type_are_refused(tmp_path: Path) -> None:
    shutil.copytree(language_pack("id").folder, tmp_path / "id")
    words = tmp_path / "id" / "triggers.ttl"
    words.write_text(words.read_text(encoding="utf-8") + '\nkget:Nope kg:triggerForm "tidak ada"@id .\n', encoding="utf-8")
    with pytest.raises(OntologyError, match="Nope"):
        Lexicon(DATA_DIR, ONTOLOGY_DIR, language_pack("id", root=tmp_path))


def _types(scheme: Graph) -> set[URIRef]:
    return {s for s in scheme.subjects(RDF.type, KG.EventType) if isinstance(s, URIRef)}


@pytest.mark.parametrize("name", REQUIRED)
def test_event_types_scheme_has_type(scheme: Graph, name: str) -> None:
    concept = KGET[name]
    assert (concept, RDF.type, SKOS.Concept) in scheme
    assert (concept, RDF.type, KG.EventType) in scheme
    assert (concept, SKOS.inScheme, KGET.scheme) in scheme
    assert Literal(name, lang="en") in set(scheme.objects(concept, SKOS.prefLabel))


@pytest.mark.parametrize("name", REQUIRED)
def test_event_types_each_has_cameo_triggers_and_quad_class(scheme: Graph, name: str) -> None:
    concept = KGET[name]
    cameo = list(scheme.objects(concept, KG.cameoCode))
    assert len(cameo) == 1 and re.fullmatch(r"\d{3}", str(cameo[0]))
    assert list(scheme.objects(concept, KG.triggerForm)), f"{name} has no trigger form"
    quads = set(scheme.objects(concept, KG.quadClass))
    assert len(quads) <= 1 and quads <= QUADS


@pytest.mark.parametrize(
    ("name", "cameo", "quad"),
    [
        ("Meet", "040", "VerbalCooperation"),
        ("Statement", "010", None),
        ("Criticize", "111", "VerbalConflict"),
        ("Threaten", "130", "VerbalConflict"),
        ("Attack", "190", "MaterialConflict"),
        ("Aid", "070", "MaterialCooperation"),
        ("Reject", "120", "VerbalConflict"),
    ],
)
def test_event_types_lexicon_reads_codes_and_quad_classes(name: str, cameo: str, quad: str | None) -> None:
    event_type = get_lexicon().event_types[name]
    assert (event_type.cameo, event_type.quad_class) == (cameo, quad)
    assert event_type.label == name


@pytest.mark.parametrize(
    ("name", "symmetric"),
    [("Meet", True), ("Negotiate", True), ("Coordinate", True), ("Praise", False), ("Visit", False), ("Attack", False)],
)
def test_event_types_symmetry(name: str, symmetric: bool) -> None:
    assert get_lexicon().event_types[name].symmetric is symmetric


def test_event_types_lexicon_loads_every_concept(scheme: Graph) -> None:
    lex = get_lexicon()
    names = {str(c).rsplit("/", 1)[-1] for c in _types(scheme)}
    assert set(lex.event_types) == names
    assert set(REQUIRED) <= names
    with_triggers = {t.event_type for t in lex.triggers}
    assert with_triggers == names


@pytest.mark.parametrize(
    ("words", "event_type", "passive", "lemma"),
    [
        (("bertemu", "dengan"), "Meet", False, False),
        (("berterima", "kasih", "kepada"), "Thank", False, False),
        (("meminta", "maaf"), "Apologize", False, False),
        (("meminta",), "Appeal", False, False),
        (("dikecam",), "Criticize", True, False),
        (("kecam",), "Criticize", False, True),
    ],
)
def test_event_types_lexicon_triggers(words: tuple[str, ...], event_type: str, passive: bool, lemma: bool) -> None:
    found = [t for t in get_lexicon().triggers_starting(words[0]) if t.words == words]
    assert [(t.event_type, t.passive, t.lemma) for t in found] == [(event_type, passive, lemma)]


def test_event_types_triggers_starting_lists_longest_first() -> None:
    lengths = [len(t.words) for t in get_lexicon().triggers_starting("meminta")]
    assert lengths == sorted(lengths, reverse=True)
    assert lengths[0] == 3 and lengths[-1] == 1


def test_event_types_no_trigger_belongs_to_two_types() -> None:
    owners: dict[tuple[tuple[str, ...], bool, bool], set[str]] = defaultdict(set)
    for trig in get_lexicon().triggers:
        owners[(trig.words, trig.passive, trig.lemma or trig.nominal)].add(trig.event_type)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


@pytest.mark.parametrize(
    "prop", [KG.triggerForm, KG.passiveForm, KG.triggerLemma, KG.nominalForm], ids=["form", "passive", "lemma", "nominal"]
)
def test_event_types_trigger_literals_are_lowercase_single_spaced(scheme: Graph, prop: URIRef) -> None:
    bad = [str(o) for o in scheme.objects(None, prop) if str(o) != " ".join(str(o).lower().split())]
    assert bad == []
