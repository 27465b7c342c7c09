"""SPARQL over a built graph, the named queries in ``kg/queries/``, and exports."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV
from rdflib.query import Result

from kg.errors import InputError, QueryError
from kg.mapper import article_iri, bind_prefixes
from kg.namespace import KG
from kg.sparql import CANDIDATES, with_values

if TYPE_CHECKING:
    from kg.store import KGStore

__all__ = ["EXPORT_FORMATS", "export_graph", "format_rows", "load_graph", "named_queries", "run_query"]

QUERY_DIR = Path(__file__).resolve().parent / "queries"
EXPORT_FORMATS = {
    "turtle": "turtle",
    "ttl": "turtle",
    "nt": "nt",
    "ntriples": "nt",
    "json-ld": "json-ld",
    "jsonld": "json-ld",
    "trig": "trig",
}


def named_queries() -> dict[str, Path]:
    """The named queries shipped with kg, by name."""
    return {p.stem: p for p in sorted(QUERY_DIR.glob("*.rq"))}


def load_graph(path: Path) -> Graph:
    """Load a graph written by ``kg build`` (a file, or an output folder with graph.ttl)."""
    if path.is_dir():
        path = path / "graph.ttl"
    if not path.is_file():
        raise InputError(f"No graph at {path}: run `kg build ... --out DIR` first, then pass DIR or DIR/graph.ttl.")
    graph = bind_prefixes(Graph())
    try:
        graph.parse(path)
    except Exception as exc:
        raise InputError(f"{path} is not a readable RDF file: {exc}") from exc
    return graph


def run_query(graph: Graph | KGStore, query: str, params: Mapping[str, str] | None = None, include_all: bool = False) -> Result:
    """Run SPARQL ``query`` (text, a named query, or a .rq file path) with ``params`` bound."""
    queries = named_queries()
    if query in queries:
        text = queries[query].read_text(encoding="utf-8")
    elif query.endswith(".rq") and Path(query).is_file():
        text = Path(query).read_text(encoding="utf-8")
    else:
        text = query
    bindings: dict[str, Any] = {k: Literal(v) for k, v in (params or {}).items()}
    if include_all:
        bindings["includeAll"] = Literal(True)
    try:
        narrowed, remaining = _narrowed(graph, text, bindings)
        return graph.query(narrowed, initBindings=remaining)
    except Exception as exc:
        hint = f" Named queries: {', '.join(queries)}." if len(text.split()) < 3 else ""
        raise QueryError(f"The SPARQL query failed: {exc}.{hint}") from exc


def _narrowed(graph: Graph | KGStore, text: str, bindings: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """``text`` with each of its ``# @candidates ?x QUERY`` hints run and given to it as ``VALUES ?x { ... }``.

    The hint lists every value ``?x`` takes in the answers (actor-events: the actors with that name,
    in any case), so the answers are the same; Oxigraph then starts from those few instead of joining
    every event with every label (2.6 s -> 0.1 s on all of IndoSum). For a store the parameters go into
    the text too, after the candidates: Oxigraph follows the order of the VALUES blocks, and starting
    from an article's id rather than from the article made article-events 100 times slower. rdflib
    keeps them as ``initBindings`` (as VALUES in the text they made it 40 times slower).
    """
    hints = CANDIDATES.findall(text)
    if not hints:
        return text, bindings
    prologue = "\n".join(line for line in text.splitlines() if line.strip().upper().startswith(("PREFIX", "BASE")))
    in_text = bool(bindings) and not isinstance(graph, Graph)
    if in_text:
        text = with_values(text, list(bindings), [[term.n3() for term in bindings.values()]])
    for name, hint in hints:
        found = graph.query(f"{prologue}\n{hint}", initBindings=bindings)
        values = sorted({row[0].n3() for row in found if row[0] is not None})  # type: ignore[index, union-attr]
        text = with_values(text, [name], [[value] for value in values])  # opens the WHERE clause: read first
    return text, {} if in_text else bindings


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def format_rows(result: Result, fmt: str = "table") -> str:
    """Format SELECT results as a text table, CSV or JSON (ASK/CONSTRUCT as Turtle or a boolean)."""
    if result.type == "ASK":
        return json.dumps(bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        assert result.graph is not None
        return result.graph.serialize(format="turtle")
    names = [str(v) for v in (result.vars or [])]
    rows = [[_cell(row[i]) for i in range(len(names))] for row in result]  # type: ignore[index]
    if fmt == "json":
        return json.dumps([dict(zip(names, r, strict=True)) for r in rows], ensure_ascii=False, indent=2)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(names)
        writer.writerows(rows)
        return buffer.getvalue()
    if fmt != "table":
        raise QueryError(f"Unknown output format {fmt!r}: use table, csv or json.")
    widths = [min(60, max([len(n)] + [len(r[i]) for r in rows])) for i, n in enumerate(names)]

    def line(cells: list[str]) -> str:
        return "  ".join((c if len(c) <= w else c[: w - 1] + "…").ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    out = [line(names), line(["-" * w for w in widths])] + [line(r) for r in rows]
    out.append(f"({len(rows)} rows)")
    return "\n".join(out)


def export_graph(graph: Graph, fmt: str = "turtle") -> str:
    """Serialise ``graph``; ``trig`` puts each article's triples into a named graph of its own."""
    name = EXPORT_FORMATS.get(fmt.lower())
    if name is None:
        raise InputError(f"Unknown export format {fmt!r}: use one of {', '.join(sorted(set(EXPORT_FORMATS)))}.")
    if name != "trig":
        return graph.serialize(format=name)
    dataset = Dataset()
    for prefix, ns in graph.namespaces():
        dataset.bind(prefix, ns)
    # events and sentences belong to one article; a role belongs to each article that states it
    homes: dict[Any, set[Any]] = {}
    for subject, article in graph.subject_objects(KG.inArticle):
        homes.setdefault(subject, set()).add(article)
    for article in graph.subjects(predicate=KG.articleId):
        homes.setdefault(article, set()).add(article)
    corpus = dataset.graph(URIRef(str(article_iri("corpus")).replace("/article/", "/graph/")))
    for s, p, o in graph:
        places = homes.get(s)
        if not places:
            corpus.add((s, p, o))
            continue
        for article in places:
            if p == KG.inArticle and o != article:
                continue
            if p == PROV.wasDerivedFrom and homes.get(o) and article not in homes[o]:
                continue
            dataset.graph(URIRef(str(article))).add((s, p, o))
    return dataset.serialize(format="trig")
