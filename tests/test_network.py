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
    actor_table,
    centrality_table,
    ego_network,
    event_counts,
    find_actor,
    linked_network,
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


def test_network_linked_network_is_the_linked_part_of_the_network(built_graph: Graph) -> None:
    for include_all in (False, True):
        net, linked = actor_network(built_graph, include_all), linked_network(built_graph, include_all)
        assert linked.graph["actors"] == len(net) == 12
        assert set(linked) == {v for u, w in net.edges() if u != w for v in (u, w)}
        assert {(u, v, k, d["count"]) for u, v, k, d in linked.edges(keys=True, data=True)} == {
            (u, v, k, d["count"]) for u, v, k, d in net.edges(keys=True, data=True)
        }
        assert all(linked.nodes[v]["label"] == net.nodes[v]["label"] for v in linked)
        assert all(linked.nodes[v]["type"] == net.nodes[v]["type"] for v in linked)
        full = {r["iri"]: r for r in centrality_table(net, 100)}
        assert all(full[r["iri"]] == r for r in centrality_table(linked, 100))  # the same values, isolated ones counted


@pytest.mark.parametrize("top", [0, 1, 3, 8, 9, 12, 100])
def test_network_actor_table_is_the_centrality_table(built_graph: Graph, top: int) -> None:
    assert len(linked_network(built_graph)) == 8  # from 9 rows on, the isolated actors are loaded too
    assert actor_table(built_graph, top) == centrality_table(actor_network(built_graph), top)


def test_network_linked_network_counts_actors_as_the_network_does(built_graph: Graph) -> None:
    from rdflib import RDF, RDFS, Literal, URIRef

    from kg.namespace import KG

    graph = Graph()
    for triple in built_graph:
        graph.add(triple)
    graph.add((URIRef(ZAKI), RDF.type, KG.Place))  # two classes: one actor
    graph.add((URIRef("urn:x:unnamed"), RDF.type, KG.Person))  # no label: no actor
    graph.add((URIRef("urn:x:role"), RDFS.label, Literal("not an actor")))
    assert linked_network(graph).graph["actors"] == len(actor_network(graph)) == 12


def test_network_graphml_and_gexf_round_trip(built_graph: Graph) -> None:
    net = actor_network(built_graph)
    for text, reader in ((write_graphml(net), nx.read_graphml), (write_gexf(net), nx.read_gexf)):
        back = reader(io.BytesIO(text.encode("utf-8")))
        assert back.number_of_nodes() == 12 and back.number_of_edges() == 8
        assert back.nodes[ZAKI]["label"] == "Ahmad Zaki"
        assert back.nodes[ZAKI]["roles"] == "Menteri Luar Negeri (Malaysia)"
        assert back.nodes[ZAKI]["aliases"] == "Ahmad Zaki; Zaki"


def test_network_node_says_which_country_an_organisation_is_of(built_graph: Graph) -> None:
    from kg.namespace import KG
    from kg.render import _tooltip_node

    graph = Graph() + built_graph
    agency, lebanon = actor_iri("badan-antariksa-nasional"), actor_iri("lebanon")
    graph.add((agency, KG.country, lebanon))
    net = actor_network(graph)
    assert net.nodes[str(agency)]["country"] == "Lebanon" and "country" not in net.nodes[ZAKI]
    back = nx.read_graphml(io.BytesIO(write_graphml(net).encode("utf-8")))
    assert (back.nodes[str(agency)]["country"], back.nodes[ZAKI]["country"]) == ("Lebanon", "")
    assert "country: Lebanon" in _tooltip_node(net.nodes[str(agency)], 1, 0, None).splitlines()


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
