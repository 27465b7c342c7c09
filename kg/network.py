"""The actor network: ``rdflib.Graph -> networkx.MultiDiGraph``, with analytics and exports.

Nodes are actors with their type; edges are events aggregated per (agent, event type,
target), carrying counts, dates and evidence. Only asserted events make edges unless
``include_all=True``.
"""

from __future__ import annotations

import difflib
import io
from collections import defaultdict
from typing import Any

import networkx as nx
from rdflib import Graph

from kg.errors import UnknownActorError
from kg.lexicon import normalize_name
from kg.sparql import select

__all__ = [
    "actor_network",
    "centrality_table",
    "ego_network",
    "event_counts",
    "find_actor",
    "node_metrics",
    "write_gexf",
    "write_graphml",
]

_EDGES = """
SELECT ?event ?agent ?type ?target ?date ?modality ?sentence ?text ?article ?articleId ?trigger WHERE {
  ?event a kg:Event ; kg:eventType ?type ; kg:agent ?agent ; kg:target ?target ;
         kg:modality ?modality ; kg:trigger ?trigger ; kg:inArticle ?article ;
         prov:wasDerivedFrom ?sentence .
  ?sentence kg:text ?text .
  ?article kg:articleId ?articleId .
  OPTIONAL { ?event kg:date ?date }
}
"""

_NODES = """
SELECT ?actor ?label ?cls WHERE {
  ?actor a ?cls ; rdfs:label ?label .
  VALUES ?cls { kg:Person kg:Organization kg:Country kg:Place }
}
"""

_ALIASES = """
SELECT ?actor ?alias WHERE { ?actor skos:altLabel ?alias }
"""

_ROLES = """
SELECT ?actor ?title ?ofLabel WHERE {
  ?actor kg:role ?role . ?role kg:roleTitle ?title .
  OPTIONAL { ?role kg:roleOf ?of . ?of rdfs:label ?ofLabel }
}
"""


def _local(iri: Any) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def actor_network(graph: Graph, include_all: bool = False) -> nx.MultiDiGraph:
    """The actor network of a kg graph (asserted events only, unless ``include_all``)."""
    net = nx.MultiDiGraph()
    for row in select(graph, _NODES):
        node = str(row.actor)
        if net.has_node(node) and net.nodes[node]["type"] == "Country":
            continue
        net.add_node(node, label=str(row.label), type=_local(row.cls), roles=[], aliases=[])
    for row in select(graph, _ALIASES):
        node = str(row.actor)
        if node in net and str(row.alias) not in net.nodes[node]["aliases"]:
            net.nodes[node]["aliases"].append(str(row.alias))
    for node in net:
        net.nodes[node]["aliases"].sort()
    for row in select(graph, _ROLES):
        node = str(row.actor)
        if node in net:
            title = str(row.title) + (f" ({row.ofLabel})" if row.ofLabel else "")
            if title not in net.nodes[node]["roles"]:
                net.nodes[node]["roles"].append(title)
    edges: dict[tuple[str, str, str], dict[str, Any]] = defaultdict(
        lambda: {"count": 0, "dates": set(), "evidence": [], "articles": set(), "modalities": set()}
    )
    for row in select(graph, _EDGES):
        modality = _local(row.modality)
        if not include_all and modality != "Asserted":
            continue
        key = (str(row.agent), str(row.target), _local(row.type))
        data = edges[key]
        data["count"] += 1
        if row.date is not None:
            data["dates"].add(str(row.date))
        data["articles"].add(str(row.articleId))
        data["modalities"].add(modality)
        data["evidence"].append({"article": str(row.articleId), "sentence": str(row.text), "trigger": str(row.trigger)})
    for (agent, target, etype), data in sorted(edges.items()):
        if agent not in net or target not in net:
            continue
        data["evidence"].sort(key=lambda e: (e["article"], e["sentence"]))
        net.add_edge(
            agent,
            target,
            key=etype,
            type=etype,
            count=data["count"],
            dates=sorted(data["dates"]),
            articles=sorted(data["articles"]),
            modalities=sorted(data["modalities"]),
            evidence=data["evidence"],
        )
    return net


def _weighted_simple(net: nx.MultiDiGraph) -> nx.Graph:
    """The undirected graph of ``net`` with one edge per pair, weighted by its number of events."""
    simple = nx.Graph()
    simple.add_nodes_from(net.nodes)
    for u, v, data in net.edges(data=True):
        if u != v:
            w = simple.get_edge_data(u, v, {"weight": 0})["weight"]
            simple.add_edge(u, v, weight=w + data.get("count", 1))
    return simple


def _betweenness(simple: nx.Graph) -> dict[Any, float]:
    """``nx.betweenness_centrality(simple)``, computed over the actors with an edge only.

    An isolated actor lies on no path, so its betweenness is 0 and it changes no other's; networkx
    still walks every actor from every actor, which took minutes for IndoSum's 19,000 isolated
    actors. Same values: the path counts of the linked actors, scaled by the whole graph's size.
    """
    n = len(simple)
    linked = [v for v in simple if simple.degree(v)]
    if n <= 2 or len(linked) == n:
        return dict(nx.betweenness_centrality(simple))
    halved = nx.betweenness_centrality(simple.subgraph(linked), normalized=False)  # undirected: halved
    scale = 1 / ((n - 1) * (n - 2))  # networkx's normalisation for n nodes
    return {v: (halved[v] * 2) * scale if v in halved else 0.0 for v in simple}


def node_metrics(net: nx.MultiDiGraph, betweenness: bool = True) -> dict[str, dict[str, Any]]:
    """PageRank, degree, betweenness and Louvain community (fixed seed) of every actor.

    Computed on the undirected graph with one edge per pair of actors, weighted by its
    number of events. Communities are numbered by size, largest first.

    >>> net = nx.MultiDiGraph()
    >>> net.add_edge("a", "b", key="Meet", count=2)
    'Meet'
    >>> net.add_node("c")
    >>> m = node_metrics(net)
    >>> m["a"]["degree"], m["c"]["degree"], m["a"]["community"] == m["b"]["community"] != m["c"]["community"]
    (1, 0, True)
    """
    simple = _weighted_simple(net)
    if simple.number_of_nodes() == 0:
        return {}
    if simple.number_of_edges():
        pagerank = nx.pagerank(simple, weight="weight")
        communities = nx.community.louvain_communities(simple, weight="weight", seed=1)
    else:
        pagerank = {n: 1 / len(simple) for n in simple}
        communities = [{n} for n in simple]
    between = _betweenness(simple) if betweenness else {}
    community_of = {
        node: i for i, members in enumerate(sorted(communities, key=lambda c: (-len(c), sorted(c)))) for node in members
    }
    return {
        n: {
            "pagerank": pagerank[n],
            "degree": simple.degree(n),
            "betweenness": between.get(n),
            "community": community_of[n],
        }
        for n in simple
    }


def centrality_table(net: nx.MultiDiGraph, top: int = 20) -> list[dict[str, Any]]:
    """Top actors by PageRank, with degree, betweenness and Louvain community."""
    rows = [
        {
            "actor": net.nodes[n].get("label", n),
            "iri": n,
            "type": net.nodes[n].get("type"),
            "pagerank": round(m["pagerank"], 6),
            "degree": m["degree"],
            "betweenness": round(m["betweenness"], 6),
            "community": m["community"],
        }
        for n, m in node_metrics(net).items()
    ]
    rows.sort(key=lambda r: (-r["pagerank"], r["actor"]))
    return rows[:top]


def event_counts(net: nx.MultiDiGraph, node: str) -> tuple[int, int]:
    """How many events ``node`` is the agent of, and the target of (summed over aggregated edges)."""
    out = sum(d.get("count", 1) for _, _, d in net.out_edges(node, data=True))
    inn = sum(d.get("count", 1) for _, _, d in net.in_edges(node, data=True))
    return out, inn


def find_actor(net: nx.MultiDiGraph, name: str) -> str:
    """The node whose label or any alias is ``name`` (compared case- and accent-insensitively).

    Raises ``UnknownActorError``, listing close matches, when no actor has that name.

    >>> net = nx.MultiDiGraph()
    >>> net.add_node("i", label="Ismail Haniyeh", aliases=["Haniyeh", "Ismail Haniyeh"])
    >>> find_actor(net, "haniyeh")
    'i'
    """
    wanted = normalize_name(name)
    names: dict[str, set[str]] = defaultdict(set)
    for node, data in net.nodes(data=True):
        for text in (data.get("label", ""), *data.get("aliases", ())):
            names[normalize_name(text)].add(node)
    found = names.get(wanted, set())
    if len(found) == 1:
        return next(iter(found))
    if found:  # an alias shared by several actors: prefer the one it is the label of
        by_label = sorted(n for n in found if normalize_name(net.nodes[n].get("label", "")) == wanted)
        if len(by_label) == 1:
            return by_label[0]
        labels = sorted(net.nodes[n].get("label", n) for n in found)
        raise UnknownActorError(f"{name!r} names several actors: {', '.join(labels)}. Use the full name.")
    close = difflib.get_close_matches(wanted, list(names), n=5, cutoff=0.6)
    suggestions = sorted({net.nodes[n].get("label", n) for c in close for n in names[c]})
    hint = f" Close matches: {', '.join(suggestions)}." if suggestions else " No actor has a similar name."
    raise UnknownActorError(f"No actor named {name!r}.{hint} List the actors with `kg stats GRAPH --top 1000`.")


def ego_network(net: nx.MultiDiGraph, center: str, depth: int = 2) -> nx.MultiDiGraph:
    """The actors within ``depth`` steps of ``center`` (edges in either direction) and the edges among them."""
    if depth < 0:
        raise ValueError("depth must be 0 or more")
    return nx.ego_graph(net, center, radius=depth, undirected=True).copy()


def _flat_copy(net: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes are plain strings and numbers (GraphML and GEXF need that)."""
    flat = nx.MultiDiGraph()
    for node, data in net.nodes(data=True):
        flat.add_node(
            node,
            label=data.get("label", ""),
            type=data.get("type", ""),
            roles="; ".join(data.get("roles", [])),
            aliases="; ".join(data.get("aliases", [])),
        )
    for u, v, key, data in net.edges(keys=True, data=True):
        flat.add_edge(
            u,
            v,
            key=key,
            type=data["type"],
            count=data["count"],
            dates=" ".join(data["dates"]),
            articles=" ".join(data["articles"]),
            label=data["type"],
        )
    return flat


def write_graphml(net: nx.MultiDiGraph) -> str:
    """The network as GraphML (list attributes joined into strings)."""
    buffer = io.BytesIO()
    nx.write_graphml(_flat_copy(net), buffer)
    return buffer.getvalue().decode("utf-8")


def write_gexf(net: nx.MultiDiGraph) -> str:
    """The network as GEXF for Gephi (list attributes joined into strings)."""
    buffer = io.BytesIO()
    nx.write_gexf(_flat_copy(net), buffer)
    return buffer.getvalue().decode("utf-8")
