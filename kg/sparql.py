"""A typed helper for SELECT queries: rows as plain dicts of variable name -> RDF term."""

from __future__ import annotations

import re
from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any

from rdflib import Graph

from kg.namespace import KG

__all__ = ["CANDIDATES", "PREFIXES", "SPARQL_LITERALS", "select", "with_values"]

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

CANDIDATES = re.compile(r"^#\s*@candidates\s+\?(\w+)\s+(\S.*)$", re.MULTILINE)
"""A named query's hint ``# @candidates ?x SELECT DISTINCT ?x WHERE { ... }``: a small query giving every value
``?x`` can take in the query's answers (the query itself must require that pattern), which ``kg.query.run_query``
runs first and gives the query as a ``VALUES`` block, so that a store matches those few rather than all of them."""

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


def with_values(query: str, names: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """``query`` with a ``VALUES`` block of ``rows`` (terms in SPARQL syntax) opening its WHERE clause.

    >>> with_values("SELECT ?x WHERE { ?x ?p ?v }", ["v"], [['"1"'], ['"2"']])
    'SELECT ?x WHERE { VALUES (?v) { ("1") ("2") } ?x ?p ?v }'
    >>> with_values("SELECT * { ?x ?p '{' }", ["x"], [])  # no row, no answer (rdflib cannot read an empty VALUES)
    "SELECT * { FILTER(false) ?x ?p '{' }"
    """
    masked = SPARQL_LITERALS.sub(lambda m: " " * len(m.group(0)), query)
    where = re.search(r"\bWHERE\s*\{", masked, re.IGNORECASE)
    brace = where.end() - 1 if where else masked.find("{")
    if brace < 0:
        return query
    variables = " ".join(f"?{name}" for name in names)
    values = " ".join(f"({' '.join(row)})" for row in rows)
    block = f" VALUES ({variables}) {{ {values} }}" if values else " FILTER(false)"
    return f"{query[: brace + 1]}{block}{query[brace + 1 :]}"
