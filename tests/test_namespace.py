"""kg/namespace.py and ontology/kg.ttl stay in step; every kg: term the other files use is declared."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from kg.lang import LANG_DIR
from kg.lexicon import ONTOLOGY_DIR
from kg.namespace import KG, KGET
from kg.query import QUERY_DIR

KG_NS = str(KG._NS)
KG_TTL = ONTOLOGY_DIR / "kg.ttl"
KG_DIR = Path(__file__).resolve().parents[1] / "kg"


def _local_names(graph: Graph, namespace: str, subjects_only: bool = False) -> set[str]:
    names = set()
    for triple in graph:
        for term in triple[:1] if subjects_only else triple:
            if isinstance(term, URIRef) and str(term).startswith(namespace):
                names.add(str(term)[len(namespace) :])
    return names


@pytest.fixture(scope="module")
def defined() -> set[str]:
    """The kg: terms kg.ttl defines (those it says something about)."""
    return _local_names(Graph().parse(KG_TTL), KG_NS, subjects_only=True)


def _code_terms() -> set[str]:
    return set(KG.__annotations__)


def test_namespace_every_python_term_is_defined_in_kg_ttl(defined: set[str]) -> None:
    assert sorted(_code_terms() - defined) == []


def test_namespace_every_kg_ttl_term_is_in_python(defined: set[str]) -> None:
    assert sorted(defined - _code_terms()) == []


def test_namespace_known_terms_are_full_iris() -> None:
    assert KG.agent == URIRef("https://w3id.org/kg-news/ontology#agent")
    assert KG.Person == URIRef("https://w3id.org/kg-news/ontology#Person")
    assert KGET.Meet == URIRef("https://w3id.org/kg-news/event-type/Meet")


@pytest.mark.parametrize("misspelt", ["Persn", "agnet", "evenType", "Acter"])
def test_namespace_misspelt_term_raises_attribute_error(misspelt: str) -> None:
    with pytest.raises(AttributeError):
        getattr(KG, misspelt)


@pytest.mark.parametrize(
    "path", [ONTOLOGY_DIR / "shapes.ttl", ONTOLOGY_DIR / "event-types.ttl", *LANG_DIR.glob("*/triggers.ttl")]
)
def test_namespace_terms_used_in_ontology_files_exist(path: Path, defined: set[str]) -> None:
    name = path.name
    used = _local_names(Graph().parse(path), KG_NS)
    assert used, f"{name} uses no kg: term at all"
    assert sorted(used - defined) == []


_PREFIXED = re.compile(r"(?<![\w/#])kg:([A-Za-z_]\w*)")
_FULL = re.compile(re.escape("<" + KG_NS) + r"([A-Za-z_]\w*)>")


def _terms_in_text(text: str) -> set[str]:
    return set(_PREFIXED.findall(text)) | set(_FULL.findall(text))


@pytest.mark.parametrize("path", sorted(QUERY_DIR.glob("*.rq")), ids=lambda p: p.name)
def test_namespace_terms_used_in_named_queries_exist(path: Path, defined: set[str]) -> None:
    used = _terms_in_text(path.read_text(encoding="utf-8"))
    assert used
    assert sorted(used - defined) == []


@pytest.mark.parametrize("module", ["network.py", "evaluate.py"])
def test_namespace_terms_in_inline_sparql_exist(module: str, defined: set[str]) -> None:
    used = _terms_in_text((KG_DIR / module).read_text(encoding="utf-8"))
    assert {"Event", "agent", "target"} <= used
    assert sorted(used - defined) == []


def test_namespace_event_types_used_in_queries_exist() -> None:
    scheme = Graph().parse(ONTOLOGY_DIR / "event-types.ttl")
    known = _local_names(scheme, str(KGET), subjects_only=True)
    used = set()
    for path in QUERY_DIR.glob("*.rq"):
        used |= set(re.findall(r"kget:(\w+)", path.read_text(encoding="utf-8")))
    assert "Meet" in used
    assert sorted(used - known) == []
