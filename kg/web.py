"""The browser app of ``kg serve``: what its pages show, read from a store or a built folder.

``open_source(path)`` names where the graph comes from: a kg store (``kg serve --store DIR``) or the
output folder of ``kg build`` (``kg serve OUTDIR``, its graph.ttl and report.json). ``SiteCache``
keeps one ``Site`` (the actor network, every event, article and role) for the source as it is now and
builds a new one when the source changes (a completed ``kg build --store``, a rewritten graph.ttl),
so a page shows what the store holds when it is loaded. ``Site`` answers the pages: the network
JSON, an actor, an article with its highlights, a timeline, and downloads of a network selection.

Nothing here writes HTML: ``kg.serve`` renders these dicts with Jinja2 templates (autoescaped).
"""

from __future__ import annotations

import json
import re
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast
from urllib.parse import quote

import networkx as nx

from kg.errors import InputError, StoreError

__all__ = [
    "NetworkFilter",
    "Site",
    "SiteCache",
    "Source",
    "filter_network",
    "open_source",
]

KG_NS = "https://w3id.org/kg-news/ontology#"
_ACTOR_PAGES_KEPT = 256
EGO_PHYSICS_THRESHOLD = 60
"""Above this many actors an actor page's ego network is laid out in Python, not by the browser's physics."""
_PREFIXES = (
    "PREFIX kg: <https://w3id.org/kg-news/ontology#>\n"
    "PREFIX prov: <http://www.w3.org/ns/prov#>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
)

_EVENTS = """
SELECT ?event ?type ?agent ?target ?agentText ?targetText ?date ?place ?modality ?according ?confidence ?trigger
       ?sentenceIndex ?sentenceText ?articleId ?published WHERE {
  ?event a kg:Event ; kg:eventType ?type ; kg:modality ?modality ; kg:inArticle ?article ; prov:wasDerivedFrom ?sentence .
  ?article kg:articleId ?articleId .
  ?sentence kg:text ?sentenceText ; kg:sentenceIndex ?sentenceIndex .
  OPTIONAL { ?event kg:agent ?agent }
  OPTIONAL { ?event kg:target ?target }
  OPTIONAL { ?event kg:unresolvedAgent ?agentText }
  OPTIONAL { ?event kg:unresolvedTarget ?targetText }
  OPTIONAL { ?event kg:date ?date }
  OPTIONAL { ?event kg:place ?place }
  OPTIONAL { ?event kg:accordingTo ?according }
  OPTIONAL { ?event kg:confidence ?confidence }
  OPTIONAL { ?event kg:trigger ?trigger }
  OPTIONAL { ?article kg:published ?published }
}
"""
_ARTICLES = """
SELECT ?articleId ?title ?publisher ?published ?url ?file WHERE {
  ?article a kg:Article ; kg:articleId ?articleId .
  OPTIONAL { ?article kg:title ?title }
  OPTIONAL { ?article kg:publisher ?publisher }
  OPTIONAL { ?article kg:published ?published }
  OPTIONAL { ?article kg:url ?url }
  OPTIONAL { ?article kg:file ?file }
}
"""
_SENTENCES = """
SELECT ?articleId ?index ?text ?start ?end WHERE {
  ?sentence a kg:Sentence ; kg:inArticle ?article ; kg:sentenceIndex ?index ; kg:text ?text ;
            kg:startChar ?start ; kg:endChar ?end .
  ?article kg:articleId ?articleId .
}
"""
_ROLES = """
SELECT ?holder ?title ?of ?articleId ?published WHERE {
  ?role a kg:Role ; kg:holder ?holder ; kg:roleTitle ?title ; kg:inArticle ?article .
  ?article kg:articleId ?articleId .
  OPTIONAL { ?role kg:roleOf ?of }
  OPTIONAL { ?article kg:published ?published }
}
"""
_MENTIONS = """
SELECT ?actor ?articleId WHERE { ?actor kg:mentionedIn ?article . ?article kg:articleId ?articleId }
"""


def _local(iri: str | None) -> str:
    return (iri or "").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def article_href(article_id: str, sentence: int | None = None) -> str:
    """The URL of an article's page (any id, percent-encoded), at a sentence when given.

    >>> article_href("uji <&>", 3)
    '/article/uji%20%3C%26%3E#s3'
    """
    return "/article/" + quote(article_id, safe="") + (f"#s{sentence}" if sentence is not None else "")


# ----------------------------------------------------------------------------- sources


class Source:
    """Where the graph comes from; ``stamp()`` moves whenever what it holds changes."""

    path: Path
    kind: str

    def stamp(self) -> tuple[Any, ...]:
        raise NotImplementedError

    def open(self) -> Backend:
        raise NotImplementedError


class Backend:
    """One opened snapshot of a source: SELECT rows of plain strings, CONSTRUCT as Turtle, stored parses."""

    merges: list[dict[str, str]]

    def rows(self, query: str) -> list[dict[str, str | None]]:
        raise NotImplementedError

    def construct_turtle(self, query: str) -> str:
        raise NotImplementedError

    def parsed_doc(self, article_id: str) -> Any:
        """The stored parse (``ParsedDoc``) of an article, or None where the source keeps none."""
        return None

    def query(self, text: str, initNs: Mapping[str, Any] | None = None) -> SimpleNamespace:
        """What ``kg.sparql.select`` needs of an rdflib graph: ``vars`` and ``bindings`` (values as strings)."""
        rows = self.rows(text)
        names = list(rows[0]) if rows else re.findall(r"\?(\w+)", text.split("WHERE", 1)[0])
        return SimpleNamespace(vars=names, bindings=[{n: r.get(n) for n in names} for r in rows])

    def close(self) -> None:
        pass


class StoreSource(Source):
    kind = "store"

    def __init__(self, path: Path) -> None:
        self.path = path

    def stamp(self) -> tuple[Any, ...]:
        from kg.store import generation_stamp

        return generation_stamp(self.path)

    def open(self) -> Backend:
        return _StoreBackend(self.path)


class _StoreBackend(Backend):
    def __init__(self, path: Path) -> None:
        from kg.store import KGStore, index_generation, read_merges

        self.store = KGStore.open(path, read_only=True)
        self.graphs = self.store.content_graphs()
        self.merges = read_merges(self.store.path, self.store.generation)
        # known where the actor index describes the database as it is (not one a stopped change left behind)
        self.merges_known = index_generation(self.store.path) == self.store.generation

    def rows(self, query: str) -> list[dict[str, str | None]]:
        result: Any = self.store.oxigraph.query(_PREFIXES + query, named_graphs=self.graphs)  # default graph: the union
        names = [v.value for v in result.variables]
        return [
            {n: (None if value is None else value.value) for n, value in zip(names, solution, strict=True)} for solution in result
        ]

    def construct_turtle(self, query: str) -> str:
        import pyoxigraph as ox

        result: Any = self.store.oxigraph.query(_PREFIXES + query, named_graphs=self.graphs)  # default graph: the union
        return cast(bytes, ox.serialize(result, format=ox.RdfFormat.TURTLE)).decode("utf-8")

    def parsed_doc(self, article_id: str) -> Any:
        try:
            return self.store.stored_doc(article_id)
        except StoreError:
            return None

    def close(self) -> None:
        self.store.close()


class OutdirSource(Source):
    kind = "outdir"

    def __init__(self, path: Path) -> None:
        self.path = path

    def stamp(self) -> tuple[Any, ...]:
        out = []
        for name in ("graph.ttl", "report.json"):
            try:
                st = (self.path / name).stat()
                out.append((st.st_mtime_ns, st.st_size))
            except OSError:
                out.append((0, 0))
        return tuple(out)

    def open(self) -> Backend:
        return _GraphBackend(self.path)


class _GraphBackend(Backend):
    def __init__(self, path: Path | None, graph: Any = None) -> None:
        from kg.query import load_graph

        self.graph = graph if path is None else load_graph(path)
        self.merges = []
        if path is None:
            return
        try:
            report = json.loads((path / "report.json").read_text(encoding="utf-8"))
            self.merges = [m for m in report.get("merges", []) if isinstance(m, dict)]
        except (OSError, ValueError, AttributeError):
            pass

    def rows(self, query: str) -> list[dict[str, str | None]]:
        result = self.graph.query(_PREFIXES + query)
        names = [str(v) for v in result.vars or []]
        return [
            {n: (None if b.get(v) is None else str(b.get(v))) for n, v in zip(names, result.vars or [], strict=True)}
            for b in result.bindings
        ]

    def construct_turtle(self, query: str) -> str:
        from kg.mapper import bind_prefixes

        graph = bind_prefixes(cast(Any, self.graph.query(_PREFIXES + query).graph))
        return graph.serialize(format="turtle")


def open_source(path: str | Path, store: bool) -> Source:
    """The source at ``path``: a kg store (``store``) or the output folder of ``kg build`` (its graph.ttl).

    Raises ``StoreError`` / ``InputError`` when ``path`` holds neither.
    """
    folder = Path(path)
    if store:
        from kg.store import KGStore

        KGStore.open(folder, read_only=True).close()
        return StoreSource(folder)
    if not (folder / "graph.ttl").is_file():
        raise InputError(
            f"No graph.ttl in {folder}: give the output folder of `kg build --out DIR`, or a store with --store DIR."
        )
    return OutdirSource(folder)


# ----------------------------------------------------------------------------- the site


@dataclass(frozen=True)
class NetworkFilter:
    """A selection of the network, as the network page's filters make it (and its download links carry)."""

    type: str = ""
    article: str = ""
    date: str = ""
    date_from: str = ""
    date_to: str = ""
    actor_type: str = ""
    quad: str = ""
    search: str = ""
    isolated: bool = True

    @classmethod
    def from_params(cls, params: Mapping[str, list[str]]) -> NetworkFilter:
        def one(name: str) -> str:
            return (params.get(name) or [""])[0].strip()

        return cls(
            one("type"), one("article"), one("date"), one("from"), one("to"), one("actor_type"), one("quad"),
            one("q").lower(), one("isolated") in ("1", "true", "yes"),
        )  # fmt: skip


def filter_network(net: nx.MultiDiGraph, selection: NetworkFilter, quad_of: Callable[[str], str]) -> nx.MultiDiGraph:
    """The part of ``net`` the network page shows under ``selection`` (the same rules as kg/static/network.js)."""

    def edge_ok(u: str, v: str, data: dict[str, Any]) -> bool:
        s = selection
        if s.type and data["type"] != s.type:
            return False
        if s.quad and quad_of(data["type"]) != s.quad:
            return False
        if s.article and s.article not in data.get("articles", []):
            return False
        if s.date and s.date not in data.get("dates", []):
            return False
        if (s.date_from or s.date_to) and not any(
            not d.startswith("--") and (not s.date_from or d >= s.date_from) and (not s.date_to or d <= s.date_to)
            for d in data.get("dates", [])
        ):
            return False
        return not s.actor_type or net.nodes[u].get("type") == net.nodes[v].get("type") == s.actor_type

    edges = [(u, v, k) for u, v, k, d in net.edges(keys=True, data=True) if edge_ok(u, v, d)]
    edge_filter = any((selection.type, selection.article, selection.date, selection.date_from, selection.date_to,
                       selection.quad, selection.actor_type))  # fmt: skip
    ends = {u for u, _, _ in edges} | {v for _, v, _ in edges}

    def node_ok(node: str) -> bool:
        data = net.nodes[node]
        names = [data.get("label", ""), *data.get("aliases", [])]
        if selection.search and not any(selection.search in str(n).lower() for n in names):
            return False
        if selection.actor_type and data.get("type") != selection.actor_type:
            return False
        if net.degree(node) == 0 and not selection.isolated and not selection.search:
            return False
        return not edge_filter or node in ends

    nodes = [n for n in net if node_ok(n)]
    keep = set(nodes)
    out = nx.MultiDiGraph()
    out.add_nodes_from((n, net.nodes[n]) for n in nodes)
    out.add_edges_from((u, v, k, net.edges[u, v, k]) for u, v, k in edges if u in keep and v in keep)
    return out


@dataclass
class Site:
    """One snapshot of the source: the actor network and indexes for the pages."""

    backend: Backend
    net: nx.MultiDiGraph
    events: list[dict[str, Any]]
    articles: dict[str, dict[str, Any]]
    sentences: dict[str, list[dict[str, Any]]]
    roles: dict[str, list[dict[str, Any]]]
    mentions: dict[str, list[str]]
    actors: dict[str, str] = field(default_factory=dict)  # slug -> IRI
    _network_json: bytes | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _actor_pages: dict[str, dict[str, Any] | None] = field(default_factory=dict)

    @classmethod
    def from_graph(cls, graph: Any) -> Site:
        """The site of an in-memory rdflib graph (no stored parses, no merges)."""
        return cls.load(_GraphBackend(None, graph))

    @classmethod
    def load(cls, backend: Backend) -> Site:
        from kg.network import actor_network

        net = actor_network(cast(Any, backend))
        events = []
        for row in backend.rows(_EVENTS):
            ev: dict[str, Any] = dict(row)
            ev["type"] = _local(row["type"])
            ev["modality"] = _local(row["modality"])
            ev["sentenceIndex"] = int(row["sentenceIndex"] or 0)
            events.append(ev)
        events.sort(key=lambda e: (e["articleId"], e["sentenceIndex"], e["event"]))
        articles = {}
        for row in backend.rows(_ARTICLES):
            articles[str(row["articleId"])] = dict(row)
        sentences: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in backend.rows(_SENTENCES):
            sentences[str(row["articleId"])].append(
                {
                    "index": int(row["index"] or 0),
                    "text": row["text"] or "",
                    "start": int(row["start"] or 0),
                    "end": int(row["end"] or 0),
                }
            )
        for items in sentences.values():
            items.sort(key=lambda s: s["index"])
        roles: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in backend.rows(_ROLES):
            roles[str(row["holder"])].append(dict(row))
        mentions: dict[str, list[str]] = defaultdict(list)
        for row in backend.rows(_MENTIONS):
            mentions[str(row["articleId"])].append(str(row["actor"]))
        actors = {_local(node): node for node in net}
        return cls(backend, net, events, articles, dict(sentences), dict(roles), dict(mentions), actors)

    # -- helpers

    def label(self, iri: str | None) -> str:
        if not iri:
            return ""
        return str(self.net.nodes[iri].get("label", _local(iri))) if iri in self.net else _local(iri)

    def actor_link(self, iri: str | None, text: str | None = None) -> dict[str, Any] | None:
        if not iri and not text:
            return None
        if iri and iri in self.net:
            return {"text": self.label(iri), "href": "/actor/" + quote(_local(iri), safe="")}
        return {"text": text or self.label(iri), "href": None}

    # -- pages

    def network_json(self) -> bytes:
        """The network page's data (computed once per snapshot)."""
        with self._lock:
            if self._network_json is None:
                from kg.render import network_data, safe_json

                self._network_json = safe_json(network_data(self.net, links=True)).encode("utf-8")
            return self._network_json

    def find_actor(self, name: str) -> str | None:
        """The slug of the actor with this label or alias (case- and accent-insensitive), if one."""
        from kg.errors import UnknownActorError
        from kg.network import find_actor

        try:
            return _local(find_actor(self.net, name))
        except UnknownActorError:
            return None

    def actor(self, slug: str) -> dict[str, Any] | None:
        """Everything the actor page shows, or None for an unknown slug (kept for the snapshot's life)."""
        if slug not in self._actor_pages:
            page = self._actor(slug)
            if len(self._actor_pages) >= _ACTOR_PAGES_KEPT:
                self._actor_pages.pop(next(iter(self._actor_pages)), None)
            self._actor_pages[slug] = page
        return self._actor_pages[slug]

    def _actor(self, slug: str) -> dict[str, Any] | None:
        from kg.network import ego_network
        from kg.render import network_data

        iri = self.actors.get(slug)
        if iri is None:
            return None
        data = self.net.nodes[iri]
        label = str(data.get("label", slug))
        rows = []
        for ev in self.events:
            if iri not in (ev.get("agent"), ev.get("target")):
                continue
            as_agent = ev.get("agent") == iri
            other = ev.get("target") if as_agent else ev.get("agent")
            other_text = ev.get("targetText") if as_agent else ev.get("agentText")
            rows.append(
                {
                    "type": ev["type"],
                    "role": "agent" if as_agent else "target",
                    "other": self.actor_link(other, other_text),
                    "pair": ("/timeline?actor=" + quote(slug, safe="") + "&other=" + quote(_local(other), safe=""))
                    if other in self.net and other != iri
                    else None,
                    "date": ev.get("date") or "",
                    "place": self.actor_link(ev.get("place")),
                    "modality": ev["modality"],
                    "according": self.actor_link(ev.get("according")),
                    "confidence": ev.get("confidence") or "",
                    "sentence": ev["sentenceText"],
                    "trigger": ev.get("trigger") or "",
                    "article": ev["articleId"],
                    "href": article_href(ev["articleId"], ev["sentenceIndex"]),
                }
            )
        roles = []
        seen = set()
        for role in sorted(self.roles.get(iri, []), key=lambda r: (r.get("published") or "", r["title"])):
            key = (role["title"], role.get("of"), role["articleId"])
            if key in seen:
                continue
            seen.add(key)
            roles.append(
                {
                    "title": role["title"],
                    "of": self.actor_link(role.get("of")),
                    "date": role.get("published") or "",
                    "article": role["articleId"],
                    "href": article_href(role["articleId"]),
                }
            )
        names = {label, *data.get("aliases", [])}
        merges = [
            m
            for m in self.backend.merges
            if m.get("actor") in (slug, label, iri) or (m.get("name") in names and m.get("actor") in names)
        ]
        ego = ego_network(self.net, iri, depth=1)
        return {
            "slug": slug,
            "iri": iri,
            "label": label,
            "type": data.get("type", ""),
            "aliases": sorted(a for a in data.get("aliases", []) if a != label),
            "roles": roles,
            "merges": merges,
            "merges_known": getattr(self.backend, "merges_known", True),
            "events": rows,
            "articles": sorted({r["article"] for r in rows} | {r["article"] for r in roles}),
            "ego": network_data(ego, physics_threshold=EGO_PHYSICS_THRESHOLD, links=True),
            "timeline": self.timeline(slug),
        }

    def timeline(self, slug: str, other: str | None = None) -> dict[str, Any]:
        """Events per month and type of one actor (as agent or target), or between a pair of actors.

        An event's month is its own date's, else its article's publication date's; events with
        neither are counted as ``undated``.
        """
        iri = self.actors.get(slug)
        other_iri = self.actors.get(other) if other else None
        counts: Counter[tuple[str, str]] = Counter()
        undated = 0
        for ev in self.events:
            ends = {ev.get("agent"), ev.get("target")}
            if iri not in ends or (other_iri is not None and other_iri not in ends):
                continue
            if ev["modality"] != "Asserted":
                continue
            date = ev.get("date") or ""
            month = date[:7] if len(date) >= 7 and not date.startswith("--") else (ev.get("published") or "")[:7]
            if not month:
                undated += 1
                continue
            counts[(month, ev["type"])] += 1
        months = _month_range(sorted({m for m, _ in counts}))
        types = sorted({t for _, t in counts})
        return {
            "actor": self.label(iri),
            "other": self.label(other_iri) if other_iri else None,
            "months": months,
            "series": [{"type": t, "counts": [counts[(m, t)] for m in months]} for t in types],
            "undated": undated,
        }

    def article(self, article_id: str) -> dict[str, Any] | None:
        """The article page: its text in paragraphs of sentences, with actors and triggers marked, and its events."""
        meta = self.articles.get(article_id)
        if meta is None:
            return None
        events = [ev for ev in self.events if ev["articleId"] == article_id]
        doc = self.backend.parsed_doc(article_id)
        actors_here = self.mentions.get(article_id, [])
        if doc is not None:
            text = doc.article.text
            spans = [(s.index, s.start_char, s.end_char) for s in doc.sentences]
            marks = _doc_marks(doc, events, {iri: self._names(iri) for iri in actors_here})
        else:  # a built folder keeps only the sentences that gave something, at their offsets
            stored = self.sentences.get(article_id, [])
            text, spans = _stitch(stored)
            marks = _text_marks(text, spans, events, {iri: self._names(iri) for iri in actors_here})
        paragraphs = _paragraphs(text, spans, marks, self)
        rows = [
            {
                "type": ev["type"],
                "agent": self.actor_link(ev.get("agent"), ev.get("agentText")),
                "target": self.actor_link(ev.get("target"), ev.get("targetText")),
                "date": ev.get("date") or "",
                "place": self.actor_link(ev.get("place")),
                "modality": ev["modality"],
                "according": self.actor_link(ev.get("according")),
                "confidence": ev.get("confidence") or "",
                "trigger": ev.get("trigger") or "",
                "sentence": ev["sentenceIndex"],
            }
            for ev in events
        ]
        return {
            "id": article_id,
            "meta": meta,
            "paragraphs": paragraphs,
            "events": rows,
            "full_text": doc is not None,
            "actors": sorted((self.actor_link(a) for a in actors_here if a in self.net), key=lambda x: x["text"] if x else ""),  # type: ignore[index]
        }

    def _names(self, iri: str) -> list[str]:
        if iri not in self.net:
            return []
        data = self.net.nodes[iri]
        return sorted({data.get("label", ""), *data.get("aliases", [])} - {""}, key=len, reverse=True)

    def download(self, selection: NetworkFilter, fmt: str) -> tuple[str, str]:
        """The selected part of the network as (media type, text): Turtle, GraphML or GEXF."""
        from kg.lexicon import get_lexicon
        from kg.network import write_gexf, write_graphml

        quads = {name: et.quad_class or "other" for name, et in get_lexicon().event_types.items()}
        part = filter_network(self.net, selection, lambda t: quads.get(t, "other"))
        if fmt == "graphml":
            return "application/graphml+xml", write_graphml(part)
        if fmt == "gexf":
            return "application/gexf+xml", write_gexf(part)
        return "text/turtle", self._turtle(part)

    def _turtle(self, part: nx.MultiDiGraph) -> str:
        actors = " ".join(f"<{n}>" for n in part)
        triples = " ".join(
            f"(<{u}> <https://w3id.org/kg-news/event-type/{d['type']}> <{v}>)" for u, v, d in part.edges(data=True)
        )
        chunks = []
        if actors:
            chunks.append(
                self.backend.construct_turtle(f"CONSTRUCT {{ ?a ?p ?o }} WHERE {{ VALUES ?a {{ {actors} }} ?a ?p ?o }}")
            )
        if triples:
            chunks.append(
                self.backend.construct_turtle(
                    "CONSTRUCT { ?e ?p ?o . ?s ?sp ?so } WHERE { VALUES (?agent ?type ?target) { " + triples + " } "
                    "?e kg:agent ?agent ; kg:eventType ?type ; kg:target ?target ; kg:modality kg:Asserted ; ?p ?o . "
                    "OPTIONAL { ?e prov:wasDerivedFrom ?s . ?s ?sp ?so } }"
                )
            )
        from rdflib import Graph

        from kg.mapper import bind_prefixes

        graph = bind_prefixes(Graph())
        for chunk in chunks:
            graph.parse(data=chunk, format="turtle")
        return graph.serialize(format="turtle")


def _month_range(months: list[str]) -> list[str]:
    """Every month from the first to the last of ``months`` ('YYYY-MM'), so the chart's gaps show.

    >>> _month_range(["2024-11", "2025-02"])
    ['2024-11', '2024-12', '2025-01', '2025-02']
    """
    if not months:
        return []
    year, month = map(int, months[0].split("-"))
    out: list[str] = []
    while f"{year:04d}-{month:02d}" <= months[-1] and len(out) < 1200:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


# ----------------------------------------------------------------------------- article highlights

Mark = tuple[int, int, str, str | None, str]  # start, end, kind ("actor" / "trigger"), actor IRI, title


def _trigger_word(event_iri: str) -> int | None:
    """The trigger's word id, from an event IRI ``.../event/{sentence}-{word}-{n}``."""
    parts = _local(event_iri).split("-")
    return int(parts[1]) if len(parts) == 3 and parts[1].isdigit() else None


def _alias_spans(text: str, start: int, end: int, names: Mapping[str, list[str]]) -> list[Mark]:
    found: list[Mark] = []
    for iri, aliases in names.items():
        for alias in aliases:
            if len(alias) < 2:
                continue
            for m in re.finditer(r"(?<!\w)" + re.escape(alias) + r"(?!\w)", text[start:end]):
                found.append((start + m.start(), start + m.end(), "actor", iri, alias))
    return found


def _no_overlaps(marks: Iterable[Mark]) -> list[Mark]:
    """Triggers first, then longer spans: a span that overlaps one already kept is dropped."""
    kept: list[Mark] = []
    for mark in sorted(marks, key=lambda m: (m[2] != "trigger", -(m[1] - m[0]), m[0])):
        if all(mark[1] <= k[0] or mark[0] >= k[1] for k in kept):
            kept.append(mark)
    return sorted(kept)


def _doc_marks(doc: Any, events: list[dict[str, Any]], names: Mapping[str, list[str]]) -> list[Mark]:
    """Highlights from the stored parse: trigger words by their character offsets, actor names in each sentence."""
    by_index = {s.index: s for s in doc.sentences}
    marks: list[Mark] = []
    for ev in events:
        sentence = by_index.get(ev["sentenceIndex"])
        word_id = _trigger_word(ev["event"])
        if sentence is None or word_id is None or not 0 < word_id <= len(sentence.words):
            continue
        word = sentence.word(word_id)
        start, end = word.start_char, word.end_char
        trigger = ev.get("trigger") or ""
        if trigger and doc.article.text[start : start + len(trigger)].lower() == trigger.lower():
            end = start + len(trigger)
        marks.append((start, end, "trigger", None, ev["type"]))
    for sentence in doc.sentences:
        marks += _alias_spans(doc.article.text, sentence.start_char, sentence.end_char, names)
    return _no_overlaps(marks)


def _text_marks(
    text: str, spans: list[tuple[int, int, int]], events: list[dict[str, Any]], names: Mapping[str, list[str]]
) -> list[Mark]:
    """Highlights where no parse is stored: each trigger found in its sentence, actor names in each sentence."""
    where = {index: (start, end) for index, start, end in spans}
    marks: list[Mark] = []
    for ev in events:
        start, end = where.get(ev["sentenceIndex"], (0, 0))
        trigger = ev.get("trigger") or ""
        at = text.lower().find(trigger.lower(), start, end) if trigger else -1
        if at >= 0:
            marks.append((at, at + len(trigger), "trigger", None, ev["type"]))
    for _index, start, end in spans:
        marks += _alias_spans(text, start, end, names)
    return _no_overlaps(marks)


def _stitch(sentences: list[dict[str, Any]]) -> tuple[str, list[tuple[int, int, int]]]:
    """A text with the stored sentences at their offsets (the gaps become an ellipsis paragraph)."""
    parts: list[str] = []
    spans = []
    at = 0
    for s in sentences:
        if parts:
            parts.append("\n\n…\n\n" if s["start"] > at + 2 else " ")
        start = sum(map(len, parts))
        parts.append(s["text"])
        spans.append((s["index"], start, start + len(s["text"])))
        at = s["end"]
    return "".join(parts), spans


def _paragraphs(text: str, spans: list[tuple[int, int, int]], marks: list[Mark], site: Site) -> list[list[dict[str, Any]]]:
    """Paragraphs of sentences of pieces: ``{"text", "kind", "href", "title"}`` for the template to escape."""
    paragraphs: list[list[dict[str, Any]]] = [[]]
    at = 0
    mark_i = 0
    for index, start, end in sorted(spans, key=lambda s: s[1]):
        if start < at:
            continue
        if "\n" in text[at:start] and paragraphs[-1]:
            paragraphs.append([])
        pieces: list[dict[str, Any]] = []
        cursor = start
        while mark_i < len(marks) and marks[mark_i][0] < end:
            m_start, m_end, kind, iri, title = marks[mark_i]
            mark_i += 1
            if m_start < cursor or m_end > end:
                continue
            if m_start > cursor:
                pieces.append({"text": text[cursor:m_start], "kind": "text"})
            link = site.actor_link(iri) if iri else None
            pieces.append(
                {
                    "text": text[m_start:m_end],
                    "kind": kind,
                    "href": link["href"] if link else None,
                    "title": site.label(iri) if iri else title,
                }
            )
            cursor = m_end
        if cursor < end:
            pieces.append({"text": text[cursor:end], "kind": "text"})
        paragraphs[-1].append({"index": index, "pieces": pieces})
        at = end
    return [p for p in paragraphs if p]


# ----------------------------------------------------------------------------- the cache


class SiteCache:
    """The ``Site`` of a source as it is now: rebuilt (once, under a lock) when the source's stamp moves."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self._lock = threading.Lock()
        self._site: Site | None = None
        self._stamp: tuple[Any, ...] | None = None

    def get(self) -> Site:
        stamp = self.source.stamp()
        with self._lock:
            if self._site is None or stamp != self._stamp:
                old = self._site
                backend = self.source.open()
                try:
                    self._site = Site.load(backend)
                except Exception:
                    backend.close()
                    raise
                self._stamp = stamp
                del old  # its store closes when the last page that uses it is done
            return self._site

    def close(self) -> None:
        with self._lock:
            if self._site is not None:
                self._site.backend.close()
                self._site = None
