"""The seeds, end to end with the shipped models: what a user must find in the graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDFS, Graph, Literal

from kg.build import BuildResult, BuildSettings, build
from kg.namespace import KG, KGET

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

pytestmark = [pytest.mark.models, pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared/seeds")]


@pytest.fixture(scope="module")
def result() -> BuildResult:
    return build([SEEDS], BuildSettings())


def _actor(graph: Graph, name: str) -> object:
    found = [s for s in graph.subjects(RDFS.label, Literal(name))]
    assert len(found) == 1, f"expected one actor labelled {name!r}, got {found}"
    return found[0]


def _events(graph: Graph, etype: str, a: object, b: object, symmetric: bool = False) -> list[object]:
    out = []
    for ev in graph.subjects(KG.eventType, KGET[etype]):
        pair = (graph.value(ev, KG.agent), graph.value(ev, KG.target))
        if graph.value(ev, KG.modality) != KG.Asserted:
            continue
        if pair == (a, b) or (symmetric and pair == (b, a)):
            out.append(ev)
    return out


def test_seeds_haniyeh_is_one_node_across_both_articles(result: BuildResult) -> None:
    g = result.graph
    haniyeh = _actor(g, "Ismail Haniyeh")
    assert len(set(g.objects(haniyeh, KG.mentionedIn))) == 2
    assert not list(g.subjects(RDFS.label, Literal("Haniyeh")))


@pytest.mark.parametrize("other", ["Ali Baghi Kani", "Ebrahim Raisi", "Hossein Salami", "Ali Akbar Ahmadian"])
def test_seeds_haniyeh_meets(result: BuildResult, other: str) -> None:
    g = result.graph
    haniyeh, person = _actor(g, "Ismail Haniyeh"), _actor(g, other)
    hamas = next(iter(g.subjects(RDFS.label, Literal("Hamas"))), None)
    meets = _events(g, "Meet", haniyeh, person, symmetric=True)
    if hamas is not None:
        meets += _events(g, "Meet", hamas, person, symmetric=True)
    assert meets, f"no asserted Meet between Haniyeh (or Hamas) and {other}"


def test_seeds_kani_meeting_in_qatar_on_20_june(result: BuildResult) -> None:
    g = result.graph
    meets = _events(g, "Meet", _actor(g, "Ali Baghi Kani"), _actor(g, "Ismail Haniyeh"), symmetric=True)
    qatar = _actor(g, "Qatar")
    assert any(g.value(ev, KG.place) == qatar and str(g.value(ev, KG.date)) == "--06-20" for ev in meets)


def test_seeds_haniyeh_thanks_khamenei_and_praises_iran(result: BuildResult) -> None:
    g = result.graph
    haniyeh = _actor(g, "Ismail Haniyeh")
    assert _events(g, "Thank", haniyeh, _actor(g, "Ali Khamenei"))
    assert _events(g, "Praise", haniyeh, _actor(g, "Iran"))


@pytest.mark.parametrize(
    ("person", "title"),
    [
        ("Ali Baghi Kani", "Menteri Luar Negeri"),
        ("Ebrahim Raisi", "Presiden"),
        ("Hossein Salami", "Panglima"),
        ("Hassan Nasrallah", "Sekretaris Jenderal"),
    ],
)
def test_seeds_roles_of_officials(result: BuildResult, person: str, title: str) -> None:
    g = result.graph
    titles = {str(g.value(r, KG.roleTitle)) for r in g.objects(_actor(g, person), KG.role)}
    assert title in titles


def test_seeds_ahmadian_has_two_roles(result: BuildResult) -> None:
    g = result.graph
    assert len(set(g.objects(_actor(g, "Ali Akbar Ahmadian"), KG.role))) >= 2


@pytest.mark.parametrize("word", ["Dia", "Ia", "Presiden", "Menteri", "Pemimpin Hamas", "mereka"])
def test_seeds_no_pronoun_or_bare_title_actors(result: BuildResult, word: str) -> None:
    g = result.graph
    assert not list(g.subjects(RDFS.label, Literal(word)))


def test_seeds_graph_validates(result: BuildResult) -> None:
    assert result.shacl_conforms is True, result.shacl_violations
    assert [r.status for r in result.reports] == ["ok", "ok"]
