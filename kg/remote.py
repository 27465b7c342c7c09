"""A SPARQL 1.1 server as kg's store: the part of ``pyoxigraph.Store`` that ``kg.store.KGStore`` uses, over HTTP.

``kg build --store URL`` (and ``kg remove``, ``kg query``, ``kg stats``, ``kg export``) keep the same
layout on a server as in the embedded store: one named graph per article, the corpus graph, the
bookkeeping graph, and the knowledge graph itself in the default graph. Every change is **one**
SPARQL Update request (the embedded store's one transaction): Oxigraph server and Apache Jena Fuseki
apply a request atomically. Reads are SPARQL queries; whole graphs are read through the Graph Store
Protocol.

``URL`` is the dataset's base: ``URL/query`` and ``URL/update`` are its SPARQL query and update
services (Oxigraph server: ``oxigraph serve --location DIR``, URL ``http://HOST:7878``; Fuseki:
``fuseki-server --update --loc DIR /kg``, URL ``http://HOST:3030/kg``), and ``URL/store`` or
``URL/data`` its Graph Store Protocol service. Results come back in SPARQL JSON (or N-Triples) and
are parsed by pyoxigraph, so the store's code sees the same terms as with the embedded database.

Uses the standard library's ``urllib`` only; no credentials are handled here (put the server behind
a proxy that adds them, or on a private network).
"""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from kg.errors import StoreError

__all__ = ["SparqlServer", "is_url", "normalise_url"]

_URL = re.compile(r"^(https?):/+(?=[^/])", re.IGNORECASE)


def is_url(location: object) -> bool:
    """Whether a ``--store`` value names a server rather than a folder.

    >>> is_url("http://127.0.0.1:7878"), is_url("output/store"), is_url("http:/127.0.0.1:7878")
    (True, False, True)
    """
    return bool(_URL.match(str(location)))


def normalise_url(location: object) -> str:
    """The URL of a ``--store`` value, also after ``pathlib.Path`` collapsed its ``//``; no trailing slash.

    >>> normalise_url("http:/127.0.0.1:7878/"), normalise_url("https://h/kg")
    ('http://127.0.0.1:7878', 'https://h/kg')
    """
    return _URL.sub(lambda m: f"{m.group(1).lower()}://", str(location)).rstrip("/")


class SparqlServer:
    """A SPARQL 1.1 server, answering the calls of ``pyoxigraph.Store`` that kg's store makes."""

    def __init__(self, url: str, timeout: float = 600.0) -> None:
        self.url = normalise_url(url)
        self.timeout = timeout
        self._gsp: str | None = None

    # -- HTTP

    def _request(self, endpoint: str, body: bytes | None, headers: Mapping[str, str], method: str = "POST") -> tuple[str, bytes]:
        request = urllib.request.Request(f"{self.url}/{endpoint}", data=body, headers=dict(headers), method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read()[:500].decode("utf-8", "replace")
            raise StoreError(f"The SPARQL server at {self.url} answered {exc.code} to {endpoint}: {detail}") from exc
        except (urllib.error.URLError, OSError) as exc:
            raise StoreError(
                f"Cannot reach the SPARQL server at {self.url} ({exc}): is it running, and is {self.url}/query its query service?"
            ) from exc

    def ping(self) -> None:
        """Raise ``StoreError`` unless the server answers a query."""
        self.query("ASK { }")

    # -- the pyoxigraph.Store calls

    def query(self, query: str, *, prefixes: Mapping[str, str] | None = None, **_ignored: Any) -> Any:
        """Run a query; SELECT/ASK give pyoxigraph ``QuerySolutions``/``QueryBoolean``, CONSTRUCT/DESCRIBE a list of triples.

        ``named_graphs`` and the other dataset options of ``pyoxigraph.Store.query`` are ignored: the
        server's default graph is the knowledge graph, as in the embedded store.
        """
        import pyoxigraph as ox

        head = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in (prefixes or {}).items())
        kind, body = self._request(
            "query",
            (head + query).encode("utf-8"),
            {
                "Content-Type": "application/sparql-query; charset=utf-8",
                "Accept": "application/sparql-results+json, application/n-triples;q=0.9",
            },
        )
        if "json" in kind:
            return ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
        return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(body, ox.RdfFormat.N_TRIPLES)]

    def update(self, update: str) -> None:
        """Run a SPARQL Update (one request: applied whole or not at all)."""
        self._request("update", update.encode("utf-8"), {"Content-Type": "application/sparql-update; charset=utf-8"})

    def extend(self, quads: Iterable[Any]) -> None:
        """Add quads, in one SPARQL Update request."""
        import pyoxigraph as ox

        default: list[str] = []
        named: dict[str, list[str]] = {}
        for quad in quads:
            line = f"{quad.subject} {quad.predicate} {quad.object} ."
            if isinstance(quad.graph_name, ox.DefaultGraph):
                default.append(line)
            else:
                named.setdefault(str(quad.graph_name), []).append(line)
        blocks = ["\n".join(default)] + [f"GRAPH {name} {{\n" + "\n".join(lines) + "\n}" for name, lines in named.items()]
        self.update("INSERT DATA {\n" + "\n".join(blocks) + "\n}")

    def flush(self) -> None:
        """Nothing to do: the server has applied each request when it answers."""

    def named_graphs(self) -> Iterator[Any]:
        import pyoxigraph as ox

        for solution in self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"):
            if isinstance(solution["g"], ox.NamedNode):
                yield solution["g"]

    def quads_for_pattern(self, subject: Any, predicate: Any, obj: Any, graph: Any = None) -> Iterator[Any]:
        """The quads that match (None matches anything; the graph must be given: a named node or the default graph)."""
        import pyoxigraph as ox

        if graph is None:
            raise StoreError("kg reads the server one graph at a time: give the graph.")
        terms = [str(t) if t is not None else f"?{n}" for t, n in ((subject, "s"), (predicate, "p"), (obj, "o"))]
        pattern = " ".join(terms)
        where = pattern if isinstance(graph, ox.DefaultGraph) else f"GRAPH {graph} {{ {pattern} }}"
        fixed = {n: t for t, n in ((subject, "s"), (predicate, "p"), (obj, "o")) if t is not None}
        variables = " ".join(f"?{n}" for n in ("s", "p", "o") if n not in fixed) or "*"
        for solution in self.query(f"SELECT {variables} WHERE {{ {where} }}"):
            values = {n: fixed.get(n) or solution[n] for n in ("s", "p", "o")}
            yield ox.Quad(values["s"], values["p"], values["o"], graph)

    def _gsp_endpoint(self) -> str:
        """``store`` (Oxigraph server) or ``data`` (Fuseki): whichever serves the default graph."""
        if self._gsp is None:
            for endpoint in ("store", "data"):
                try:
                    self._request(f"{endpoint}?default", None, {"Accept": "application/n-triples"}, method="GET")
                except StoreError:
                    continue
                self._gsp = endpoint
                break
            else:
                raise StoreError(f"The SPARQL server at {self.url} has no Graph Store Protocol service at /store or /data.")
        return self._gsp

    def graph_triples(self, graph: Any) -> list[Any]:
        """Every triple of one graph (a named node or the default graph), through the Graph Store Protocol."""
        import pyoxigraph as ox

        query = "default" if isinstance(graph, ox.DefaultGraph) else "graph=" + urllib.parse.quote(graph.value, safe="")
        try:
            _, body = self._request(f"{self._gsp_endpoint()}?{query}", None, {"Accept": "application/n-triples"}, method="GET")
        except StoreError as exc:
            if "answered 404" in str(exc):  # no such graph: an empty one
                return []
            raise
        return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(body, ox.RdfFormat.N_TRIPLES)]
