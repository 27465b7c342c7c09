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
from kg.sparql import select, with_values

__all__ = [
    "actor_network",
    "actor_table",
    "centrality_table",
    "ego_network",
    "event_counts",
    "find_actor",
    "linked_network",
    "node_metrics",
    "write_gexf",
    "write_graphml",
]

_EDGE_PATTERN = """
  ?event kg:target ?target ; kg:agent ?agent ; kg:eventType ?type ; kg:modality ?modality ; kg:trigger ?trigger ;
         kg:inArticle ?article ; prov:wasDerivedFrom ?sentence .
  FILTER EXISTS { ?event a kg:Event }
  ?sentence kg:text ?text .
  ?article kg:articleId ?articleId .
  OPTIONAL { ?event kg:date ?date }
"""
# Oxigraph joins the patterns in the order written: the rarest first (kg:target), and the type as a
# test (as a pattern it joined all 17,000 events: 0.24 s instead of 0.10 s on the whole of IndoSum).

_EDGES = f"""
SELECT ?event ?agent ?type ?target ?date ?modality ?sentence ?text ?article ?articleId ?trigger WHERE {{{_EDGE_PATTERN}}}
"""

_EDGE_COUNTS = f"""
SELECT ?agent ?target ?type ?modality (COUNT(*) AS ?n) WHERE {{{_EDGE_PATTERN}}} GROUP BY ?agent ?target ?type ?modality
"""
"""The rows of ``_EDGES`` counted per edge and modality: what the analytics need of the edges."""

_NODES = """
SELECT ?actor ?label ?cls WHERE {
  ?actor a ?cls ; rdfs:label ?label .
  FILTER(?cls IN (kg:Person, kg:Organization, kg:Country, kg:Place))
}
"""
# FILTER, not a VALUES block of the classes: with a VALUES block of actors added (``linked_network``),
# Oxigraph took 1.06 s instead of 0.03 s on the whole of IndoSum.

_TYPED = "{ ?actor a kg:Person } UNION { ?actor a kg:Organization } UNION { ?actor a kg:Country } UNION { ?actor a kg:Place }"

_ACTOR_COUNT = f"""
SELECT ?typed ?unlabelled WHERE {{
  {{ SELECT (COUNT(DISTINCT ?actor) AS ?typed) WHERE {{ {_TYPED} }} }}
  {{ SELECT (COUNT(DISTINCT ?actor) AS ?unlabelled) WHERE {{ {_TYPED} MINUS {{ ?actor rdfs:label ?label }} }} }}
}}
"""
"""How many actors ``_NODES`` gives: those typed, less those without a label. (Oxigraph looks up
a label for each of IndoSum's 21,512 actors in 0.11 s, and subtracts the labelled in 0.02 s.)"""

_ALIASES = """
SELECT ?actor ?alias WHERE { ?actor skos:altLabel ?alias }
"""

_ROLES = """
SELECT ?actor ?title ?ofLabel WHERE {
  ?actor kg:role ?role . ?role kg:roleTitle ?title .
  OPTIONAL { ?role kg:roleOf ?of . ?of rdfs:label ?ofLabel }
}
"""

_COUNTRIES = """
SELECT ?actor ?countryLabel WHERE { ?actor kg:country ?country . ?country rdfs:label ?countryLabel }
"""


def _local(iri: Any) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _add_actors(net: nx.MultiDiGraph, rows: list[Any]) -> None:
    """The actors of ``_NODES`` rows as nodes with their label and type (Country over the others)."""
    for row in rows:
        node = str(row.actor)
        if net.has_node(node) and net.nodes[node]["type"] == "Country":
            continue
        net.add_node(node, label=str(row.label), type=_local(row.cls), roles=[], aliases=[])


def actor_network(graph: Graph, include_all: bool = False) -> nx.MultiDiGraph:
    """The actor network of a kg graph (asserted events only, unless ``include_all``)."""
    net = nx.MultiDiGraph()
    _add_actors(net, select(graph, _NODES))
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
    for row in select(graph, _COUNTRIES):  # "Militer Myanmar" is Myanmar's
        if str(row.actor) in net:
            net.nodes[str(row.actor)]["country"] = str(row.countryLabel)
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


def linked_network(graph: Graph, include_all: bool = False) -> nx.MultiDiGraph:
    """What ``node_metrics`` needs of ``actor_network(graph, include_all)``: its actors with an edge to
    another actor, with their label and type, and its edges with their type and count.

    Most of a corpus's actors have no edge (20,137 of IndoSum's 21,512): they are counted, not
    loaded. ``net.graph["actors"]`` is the number of actors in the graph, which ``node_metrics``
    reads to give the linked actors the values they have in the whole network.
    """
    counts: dict[tuple[str, str, str], int] = defaultdict(int)
    for row in select(graph, _EDGE_COUNTS):
        if include_all or _local(row.modality) == "Asserted":
            counts[(str(row.agent), str(row.target), _local(row.type))] += int(row.n)
    ends = sorted({actor for agent, target, _ in counts if agent != target for actor in (agent, target)})
    (count,) = select(graph, _ACTOR_COUNT)
    net = nx.MultiDiGraph(actors=int(count.typed) - int(count.unlabelled))
    if ends:
        _add_actors(net, select(graph, with_values(_NODES, ["actor"], [[f"<{iri}>"] for iri in ends])))
    for (agent, target, etype), count in sorted(counts.items()):
        if agent in net and target in net:
            net.add_edge(agent, target, key=etype, type=etype, count=count)
    # actors whose every edge lost its other end, or leads back to them, are isolated after all
    net.remove_nodes_from([node for node in list(net) if net.degree(node) == 2 * net.number_of_edges(node, node)])
    return net


def _weighted_simple(net: nx.MultiDiGraph) -> nx.Graph:
    """The undirected graph of ``net`` with one edge per pair, weighted by its number of events.

    Nodes and edges go in sorted, so that the analytics (Louvain's seeded order) do not depend on
    the order in which a store returned the actors.
    """
    weights: dict[tuple[str, str], int] = defaultdict(int)
    for u, v, data in net.edges(data=True):
        if u != v:
            weights[(u, v) if u <= v else (v, u)] += data.get("count", 1)
    simple = nx.Graph()
    simple.add_nodes_from(sorted(net.nodes))
    simple.add_weighted_edges_from((u, v, w) for (u, v), w in sorted(weights.items()))
    return simple


def _part(simple: nx.Graph, nodes: list[Any]) -> nx.Graph:
    """The subgraph of ``simple`` on ``nodes`` (which no edge leaves), built in the order of ``nodes``.

    Not ``simple.subgraph(nodes).copy()``: a subgraph view may list its nodes in the order of a set,
    which varies between processes with the hash seed, and Louvain's seeded order follows it.
    """
    part = nx.Graph()
    part.add_nodes_from(nodes)
    part.add_edges_from(simple.edges(nodes, data=True))
    return part


def _brandes(adjacency: list[list[int]]) -> list[float]:
    """Unnormalised betweenness of each node of a connected undirected graph given as adjacency lists
    (Brandes' algorithm, as ``nx.betweenness_centrality(normalized=False)`` computes it)."""
    n = len(adjacency)
    between = [0.0] * n
    for source in range(n):
        order = [source]
        preds: list[list[int]] = [[] for _ in range(n)]
        sigma = [0.0] * n
        sigma[source] = 1.0
        dist = [-1] * n
        dist[source] = 0
        for v in order:  # breadth first: ``order`` grows while it is read
            step = dist[v] + 1
            for w in adjacency[v]:
                if dist[w] < 0:
                    dist[w] = step
                    order.append(w)
                if dist[w] == step:
                    sigma[w] += sigma[v]
                    preds[w].append(v)
        delta = [0.0] * n
        for w in reversed(order):
            coeff = (1 + delta[w]) / sigma[w]
            for v in preds[w]:
                delta[v] += sigma[v] * coeff
            if w != source:
                between[w] += delta[w]
    return [value / 2 for value in between]  # undirected: each path was counted from both ends


def _betweenness(simple: nx.Graph, actors: int | None = None) -> dict[Any, float]:
    """``nx.betweenness_centrality`` of a graph of ``actors`` nodes (``simple`` and isolated ones not in
    it), computed one connected component at a time.

    An isolated actor lies on no path, so its betweenness is 0 and it changes no other's; no
    shortest path leaves its component either. networkx walks every node from every node, and sets up
    a table of every node for each, which took minutes for IndoSum's 19,000 isolated actors and
    0.7 s for its 1,375 linked ones in 363 components (0.05 s here). Same values: the path counts
    within each component, scaled by the whole graph's size.
    """
    n = max(len(simple), actors or 0)
    if n <= 2:
        return dict(nx.betweenness_centrality(simple))
    scale = 2 / ((n - 1) * (n - 2))  # networkx's normalisation for n nodes
    between = dict.fromkeys(simple, 0.0)
    for component in nx.connected_components(simple):
        if len(component) > 2:  # in one or two actors no path has an inner actor
            nodes = sorted(component)
            index = {v: i for i, v in enumerate(nodes)}
            counts = _brandes([[index[w] for w in simple[v]] for v in nodes])
            between.update((v, value * scale) for v, value in zip(nodes, counts, strict=True))
    return between


_DAMPING = 0.85


def _isolated_rank(linked: int, actors: int) -> float:
    """networkx's PageRank of an isolated actor among ``actors``, ``linked`` of them with an edge.

    With networkx's defaults (uniform teleport, dangling nodes spreading their rank evenly) all ``i``
    isolated actors have one rank ``y = (1 - a) / (n - a * i)`` for damping ``a``, and the ranks of
    the linked actors are those of the linked graph alone times ``linked * y / (1 - a)``.
    """
    return (1 - _DAMPING) / (actors - _DAMPING * (actors - linked))


def _pagerank(simple: nx.Graph, actors: int, tol: float = 1e-12, max_iter: int = 1000) -> dict[Any, float]:
    """``nx.pagerank(weight="weight")`` of a graph of ``actors`` nodes (``simple`` and isolated ones not
    in it), computed over the actors with an edge (``_isolated_rank``).

    The power iteration of networkx in plain Python: for 1,375 actors that is quicker than importing
    scipy (0.3 s), and its tolerance is tighter (networkx stops when the change summed over all nodes
    is below ``n * 1e-6``, which at 21,512 actors was after a few steps).
    """
    linked = [v for v in simple if simple.degree(v)]
    n = len(linked)
    alone = _isolated_rank(n, actors)
    ranks = dict.fromkeys(simple, alone)
    if not n:
        return ranks
    index = {v: i for i, v in enumerate(linked)}
    links: list[tuple[int, int, float]] = []  # (from, to, share of from's rank): each undirected edge both ways, by weight
    for v in linked:
        strength = sum(data["weight"] for data in simple[v].values())
        links.extend((index[v], index[w], data["weight"] / strength) for w, data in simple[v].items())
    x = [1 / n] * n
    for _ in range(max_iter):
        new = [(1 - _DAMPING) / n] * n
        for i, j, share in links:
            new[j] += _DAMPING * x[i] * share
        err = sum(abs(a - b) for a, b in zip(new, x, strict=True))
        x = new
        if err < n * tol:
            break
    else:
        raise nx.PowerIterationFailedConvergence(max_iter)
    scale = n * alone / (1 - _DAMPING)
    ranks.update((v, x[i] * scale) for v, i in index.items())
    return ranks


def node_metrics(net: nx.MultiDiGraph, betweenness: bool = True) -> dict[str, dict[str, Any]]:
    """PageRank, degree, betweenness and Louvain community (fixed seed) of every actor.

    Computed on the undirected graph with one edge per pair of actors, weighted by its number of
    events, over the actors with an edge: an isolated actor's values follow from their number
    (``net.graph["actors"]`` counts those ``linked_network`` did not load). Communities are
    numbered by size, largest first, those of linked actors before the isolated actors (one each).

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
    actors = max(len(simple), net.graph.get("actors", 0))
    pagerank = _pagerank(simple, actors)
    linked = _part(simple, [v for v in simple if simple.degree(v)])
    communities = nx.community.louvain_communities(linked, weight="weight", seed=1) if len(linked) else []
    ranked = sorted(communities, key=lambda c: (-len(c), sorted(c))) + [{v} for v in simple if v not in linked]
    between = _betweenness(simple, actors) if betweenness else {}
    community_of = {node: i for i, members in enumerate(ranked) for node in members}
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


def actor_table(graph: Graph, top: int = 20, include_all: bool = False) -> list[dict[str, Any]]:
    """``centrality_table(actor_network(graph, include_all), top)``, loading only the linked actors
    (``linked_network``) unless the table reaches the isolated ones, whose rank is the lowest.

    On the whole of IndoSum: 1,375 actors of 21,512.
    """
    net = linked_network(graph, include_all=include_all)
    rows = centrality_table(net, top)
    if net.graph["actors"] > len(net) and top > 0:
        simple = _weighted_simple(net)
        alone = _isolated_rank(len(simple), net.graph["actors"])
        if len(rows) < top or rows[-1]["pagerank"] <= round(alone, 6):  # isolated actors may be in it: load them
            rows = centrality_table(actor_network(graph, include_all=include_all), top)
    return rows


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
            country=data.get("country", ""),
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
