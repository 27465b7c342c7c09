"""The actor network: ``rdflib.Graph -> networkx.MultiDiGraph``, with analytics and exports.

Nodes are actors with their type; edges are events aggregated per (agent, event type,
target), carrying counts, dates and evidence. Only asserted events make edges unless
``include_all=True``.
"""

from __future__ import annotations

import io
from collections import defaultdict
from typing import Any

import networkx as nx
from rdflib import Graph

from kg.sparql import select

__all__ = ["actor_network", "centrality_table", "write_gexf", "write_graphml"]

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
        net.add_node(node, label=str(row.label), type=_local(row.cls), roles=[])
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


def centrality_table(net: nx.MultiDiGraph, top: int = 20) -> list[dict[str, Any]]:
    """Top actors by PageRank, with degree, betweenness and Louvain community."""
    simple = nx.Graph()
    simple.add_nodes_from(net.nodes)
    for u, v, data in net.edges(data=True):
        if u != v:
            w = simple.get_edge_data(u, v, {"weight": 0})["weight"]
            simple.add_edge(u, v, weight=w + data.get("count", 1))
    if simple.number_of_nodes() == 0:
        return []
    pagerank = nx.pagerank(simple, weight="weight") if simple.number_of_edges() else {n: 1 / len(simple) for n in simple}
    betweenness = nx.betweenness_centrality(simple)
    communities = nx.community.louvain_communities(simple, weight="weight", seed=1) if simple.number_of_edges() else [set(simple)]
    community_of = {
        node: i for i, members in enumerate(sorted(communities, key=lambda c: (-len(c), sorted(c)))) for node in members
    }
    rows = [
        {
            "actor": net.nodes[n].get("label", n),
            "iri": n,
            "type": net.nodes[n].get("type"),
            "pagerank": round(pagerank[n], 6),
            "degree": simple.degree(n),
            "betweenness": round(betweenness[n], 6),
            "community": community_of.get(n, -1),
        }
        for n in simple.nodes
    ]
    rows.sort(key=lambda r: (-r["pagerank"], r["actor"]))
    return rows[:top]


def _flat_copy(net: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes are plain strings and numbers (GraphML and GEXF need that)."""
    flat = nx.MultiDiGraph()
    for node, data in net.nodes(data=True):
        flat.add_node(node, label=data.get("label", ""), type=data.get("type", ""), roles="; ".join(data.get("roles", [])))
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
    buffer = io.BytesIO()
    nx.write_graphml(_flat_copy(net), buffer)
    return buffer.getvalue().decode("utf-8")


def write_gexf(net: nx.MultiDiGraph) -> str:
    buffer = io.BytesIO()
    nx.write_gexf(_flat_copy(net), buffer)
    return buffer.getvalue().decode("utf-8")
