"""kg/network.py: the actor network of a graph, its analytics and its GraphML / GEXF exports."""

from __future__ import annotations

import io

import networkx as nx
import pytest
from rdflib import Graph

from kg.errors import UnknownActorError
from kg.mapper import actor_iri
from kg.network import (
    actor_network,
    centrality_table,
    ego_network,
    event_counts,
    find_actor,
    node_metrics,
    write_gexf,
    write_graphml,
)

ZAKI, SANTOS, HADDAD = (str(actor_iri(s)) for s in ("ahmad-zaki", "maria-santos", "karim-haddad"))


def test_network_nodes_are_actors_with_types_and_roles(built_graph: Graph) -> None:
    net = actor_network(built_graph)
    assert net.number_of_nodes() == 12
    assert net.nodes[ZAKI] == {
        "label": "Ahmad Zaki",
        "type": "Person",
        "roles": ["Menteri Luar Negeri (Malaysia)"],
        "aliases": ["Ahmad Zaki", "Zaki"],
    }
    assert net.nodes[HADDAD]["roles"] == ["Perdana Menteri (Lebanon)"]
    assert net.nodes[str(actor_iri("lebanon"))]["type"] == "Country"
    assert net.nodes[str(actor_iri("manila"))]["type"] == "Place"


def test_network_edges_are_asserted_events_only(built_graph: Graph) -> None:
    net = actor_network(built_graph)
    edges = {(net.nodes[u]["label"], k, net.nodes[v]["label"]) for u, v, k in net.edges(keys=True)}
    assert edges == {
        ("Ahmad Zaki", "Meet", "Maria Santos"),
        ("Ahmad Zaki", "Praise", "Filipina"),
        ("Lebanon", "Criticize", "Badan Antariksa Nasional"),
        ("Badan Antariksa Nasional", "Thank", "Maria Santos"),
        ("Badan Antariksa Nasional", "Thank", "Ahmad Zaki"),
        ("Karim Haddad", "Meet", "Ahmad Zaki"),
        ("Kevin Lasut", "Praise", "Malaysia"),
        ("Kevin Lasut", "Praise", "Filipina"),
    }
    meet = net.edges[ZAKI, SANTOS, "Meet"]
    assert (meet["count"], meet["dates"], meet["articles"], meet["modalities"]) == (
        1,
        ["--05-03"],
        ["pertemuan-manila"],
        ["Asserted"],
    )
    assert meet["evidence"] == [
        {
            "article": "pertemuan-manila",
            "trigger": "bertemu dengan",
            "sentence": "Menteri Luar Negeri Malaysia Ahmad Zaki bertemu dengan Presiden Filipina Maria Santos di Manila "
            "pada tanggal 3 Mei.",
        }
    ]


def test_network_include_all_aggregates_modalities(built_graph: Graph) -> None:
    net = actor_network(built_graph, include_all=True)
    assert net.number_of_edges() == 9
    assert net.has_edge(SANTOS, HADDAD, "Meet")
    assert net.edges[SANTOS, HADDAD, "Meet"]["modalities"] == ["Negated"]
    both = net.edges[HADDAD, ZAKI, "Meet"]
    assert (both["count"], both["modalities"]) == (2, ["Asserted", "Future"])
    assert both["articles"] == ["dukungan-2024", "pertemuan-manila"]
    assert both["dates"] == ["2024-05-08"]


def test_network_centrality_table(built_graph: Graph) -> None:
    rows = centrality_table(actor_network(built_graph), top=3)
    assert len(rows) == 3
    assert (rows[0]["actor"], rows[0]["degree"], rows[0]["type"]) == ("Ahmad Zaki", 4, "Person")
    assert rows[0]["pagerank"] >= rows[1]["pagerank"] >= rows[2]["pagerank"]
    full = centrality_table(actor_network(built_graph), top=100)
    assert len(full) == 12
    isolated = {r["actor"] for r in full if r["degree"] == 0}
    assert isolated == {"Dewi Lestari", "Manila", "Kuala Lumpur", "Jakarta"}
    assert centrality_table(nx.MultiDiGraph()) == []


def test_network_graphml_and_gexf_round_trip(built_graph: Graph) -> None:
    net = actor_network(built_graph)
    for text, reader in ((write_graphml(net), nx.read_graphml), (write_gexf(net), nx.read_gexf)):
        back = reader(io.BytesIO(text.encode("utf-8")))
        assert back.number_of_nodes() == 12 and back.number_of_edges() == 8
        assert back.nodes[ZAKI]["label"] == "Ahmad Zaki"
        assert back.nodes[ZAKI]["roles"] == "Menteri Luar Negeri (Malaysia)"
        assert back.nodes[ZAKI]["aliases"] == "Ahmad Zaki; Zaki"


def test_network_of_an_empty_graph() -> None:
    net = actor_network(Graph())
    assert (net.number_of_nodes(), net.number_of_edges()) == (0, 0)


def _path_graph() -> nx.MultiDiGraph:
    """a -> b -> c -> d, and e alone; b is also known as "Bee"."""
    net = nx.MultiDiGraph()
    for node, label in zip("abcde", ("Ahmad Zaki", "Maria Santos", "Karim Haddad", "Dewi Lestari", "Kevin Lasut"), strict=True):
        net.add_node(node, label=label, type="Person", roles=[], aliases=[label])
    net.nodes["b"]["aliases"].append("Bee")
    for u, v, n in (("a", "b", 3), ("b", "c", 1), ("c", "d", 1)):
        net.add_edge(u, v, key="Meet", type="Meet", count=n)
    net.add_edge("b", "a", key="Praise", type="Praise", count=2)
    return net


def test_network_node_metrics_of_a_path() -> None:
    metrics = node_metrics(_path_graph())
    assert {n: m["degree"] for n, m in metrics.items()} == {"a": 1, "b": 2, "c": 2, "d": 1, "e": 0}
    # on the path a-b-c-d, b and c each lie on 2 of the 10 shortest paths between other pairs (normalised: 2/6)
    assert metrics["b"]["betweenness"] == pytest.approx(1 / 3) and metrics["a"]["betweenness"] == 0
    assert metrics["b"]["pagerank"] > metrics["d"]["pagerank"] > metrics["e"]["pagerank"]
    assert metrics["e"]["community"] not in {metrics[n]["community"] for n in "abcd"}
    assert node_metrics(_path_graph()) == metrics  # Louvain has a fixed seed
    assert node_metrics(_path_graph(), betweenness=False)["b"]["betweenness"] is None


def test_network_event_counts_sum_aggregated_edges() -> None:
    net = _path_graph()
    assert event_counts(net, "a") == (3, 2)
    assert event_counts(net, "b") == (3, 3)
    assert event_counts(net, "e") == (0, 0)


@pytest.mark.parametrize("name", ["Maria Santos", "maria santos", "  MARIA   santos ", "bee"])
def test_network_find_actor_by_label_or_alias(name: str) -> None:
    assert find_actor(_path_graph(), name) == "b"


def test_network_find_actor_unknown_lists_close_matches() -> None:
    with pytest.raises(UnknownActorError, match=r"No actor named 'Maria Santo'.*Close matches: Maria Santos"):
        find_actor(_path_graph(), "Maria Santo")
    with pytest.raises(UnknownActorError, match="No actor has a similar name"):
        find_actor(_path_graph(), "Zzyzx Qwerty")


def test_network_find_actor_shared_alias_is_ambiguous() -> None:
    net = _path_graph()
    net.nodes["c"]["aliases"].append("Bee")
    with pytest.raises(UnknownActorError, match="several actors: Karim Haddad, Maria Santos"):
        find_actor(net, "Bee")
    net.nodes["c"]["label"] = "Bee"
    assert find_actor(net, "Bee") == "c"


@pytest.mark.parametrize(
    ("center", "depth", "nodes"),
    [("a", 0, "a"), ("a", 1, "ab"), ("a", 2, "abc"), ("d", 2, "bcd"), ("a", 5, "abcd"), ("e", 2, "e")],
)
def test_network_ego_network_follows_edges_both_ways(center: str, depth: int, nodes: str) -> None:
    ego = ego_network(_path_graph(), center, depth)
    assert set(ego) == set(nodes)
    kept = {(u, v, k) for u, v, k in _path_graph().edges(keys=True) if u in ego and v in ego}
    assert set(ego.edges(keys=True)) == kept
    assert all(ego.nodes[n] == _path_graph().nodes[n] for n in ego)


def test_network_ego_network_of_the_fixture(built_graph: Graph) -> None:
    net = actor_network(built_graph)
    ego = ego_network(net, find_actor(net, "Zaki"), 1)
    labels = {ego.nodes[n]["label"] for n in ego}
    assert labels == {"Ahmad Zaki", "Maria Santos", "Filipina", "Badan Antariksa Nasional", "Karim Haddad"}
