"""A typed helper for SELECT queries: rows as plain dicts of variable name -> RDF term."""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

from rdflib import Graph

from kg.namespace import KG

__all__ = ["PREFIXES", "SPARQL_LITERALS", "select"]

# The parts of a SPARQL text in which keywords are not keywords: escapes, strings (long and short),
# IRIs and comments. Replace its matches before scanning a query for SERVICE, WHERE or braces.
SPARQL_LITERALS = re.compile(
    r"\\."
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r"|<[^<>\"{}|^`\\\x00-\x20]*>"
    r"|#[^\n\r]*",
    re.DOTALL,
)

PREFIXES = {
    "kg": KG._NS,
    "prov": "http://www.w3.org/ns/prov#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
}


def select(graph: Graph, query: str) -> list[Any]:
    """Run a SELECT query with kg's prefixes; each row has one attribute per variable (None when unbound)."""
    result = graph.query(query, initNs=PREFIXES)
    names = [str(v) for v in result.vars or []]
    return [SimpleNamespace(**{n: b.get(v) for n, v in zip(names, result.vars or [], strict=True)}) for b in result.bindings]
