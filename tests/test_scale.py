"""What keeps kg's corpus-level steps fast on the whole corpus, with the same results."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from kg.network import _betweenness, _pagerank, node_metrics


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_network_betweenness_skips_isolated_actors_with_the_same_values(seed: int) -> None:
    rng = random.Random(seed)
    graph = nx.gnm_random_graph(30, 25, seed=seed)
    graph.add_nodes_from(range(30, 30 + rng.randint(1, 40)))  # isolated actors
    expected = nx.betweenness_centrality(graph)
    got = _betweenness(graph)
    assert got.keys() == expected.keys()
    assert all(got[v] == pytest.approx(expected[v], rel=1e-12, abs=1e-15) for v in graph)


def test_network_betweenness_of_tiny_and_fully_linked_graphs() -> None:
    for graph in (nx.Graph([(1, 2)]), nx.path_graph(4), nx.empty_graph(2)):
        assert _betweenness(graph) == nx.betweenness_centrality(graph)


def _random_net(seed: int, actors: int = 40, events: int = 30, isolated: int = 25) -> nx.MultiDiGraph:
    """A random actor network: ``events`` edges among ``actors`` actors, ``isolated`` more with none."""
    rng = random.Random(seed)
    net = nx.MultiDiGraph()
    for i in range(actors + isolated):
        net.add_node(f"a{i:03d}", label=f"Actor {i}", type="Person", roles=[], aliases=[])
    for _ in range(events):
        u, v = rng.sample(range(actors), 2)
        etype = rng.choice(["Meet", "Praise"])
        if net.has_edge(f"a{u:03d}", f"a{v:03d}", etype):
            net.edges[f"a{u:03d}", f"a{v:03d}", etype]["count"] += 1
        else:
            net.add_edge(f"a{u:03d}", f"a{v:03d}", key=etype, type=etype, count=rng.randint(1, 3))
    net.add_edge("a000", "a000", key="Meet", type="Meet", count=1)  # a self-loop counts for nothing
    return net


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_network_pagerank_over_linked_actors_is_networkx_pagerank(seed: int) -> None:
    simple = nx.Graph(nx.gnm_random_graph(30, 25, seed=seed))
    for u, v in simple.edges:
        simple.edges[u, v]["weight"] = 1 + (u * v) % 3
    simple.add_nodes_from(range(30, 30 + random.Random(seed).randint(1, 40)))  # isolated actors
    expected = nx.pagerank(simple, weight="weight", tol=1e-14, max_iter=10_000)
    assert _pagerank(simple, len(simple)) == pytest.approx(expected, rel=1e-9, abs=1e-15)
    # the isolated actors counted, not given: the same ranks for the others
    linked = nx.Graph(simple.subgraph(v for v in simple if simple.degree(v)))
    assert _pagerank(linked, len(simple)) == pytest.approx({v: expected[v] for v in linked}, rel=1e-9)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_network_betweenness_over_components_and_counted_actors(seed: int) -> None:
    graph = nx.disjoint_union_all([nx.gnm_random_graph(12, 14, seed=seed), nx.path_graph(5), nx.star_graph(4)])
    graph.add_nodes_from(range(100, 130))
    expected = nx.betweenness_centrality(graph)
    linked = nx.Graph(graph.subgraph(v for v in graph if graph.degree(v)))
    got = _betweenness(linked, len(graph))
    assert got.keys() == set(linked)
    assert all(got[v] == pytest.approx(expected[v], rel=1e-12, abs=1e-15) for v in linked)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_network_metrics_ignore_node_order_and_unloaded_isolated_actors(seed: int) -> None:
    net = _random_net(seed)
    metrics = node_metrics(net)
    shuffled = nx.MultiDiGraph()
    nodes = list(net.nodes(data=True))
    random.Random(seed).shuffle(nodes)
    shuffled.add_nodes_from(nodes)
    shuffled.add_edges_from(reversed(list(net.edges(keys=True, data=True))))
    assert node_metrics(shuffled) == metrics
    linked = nx.MultiDiGraph(net.subgraph(v for v in net if v in {x for e in net.edges if e[0] != e[1] for x in e[:2]}))
    linked.graph["actors"] = len(net)
    assert node_metrics(linked) == {v: metrics[v] for v in linked}
    isolated = sorted(v for v in net if v not in linked)  # a community each, numbered after the others
    last = max(m["community"] for m in metrics.values())
    assert [metrics[v]["community"] for v in isolated] == list(range(last + 1 - len(isolated), last + 1))
