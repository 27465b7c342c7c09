"""What keeps kg's corpus-level steps fast on the whole corpus, with the same results."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from kg.network import _betweenness


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
