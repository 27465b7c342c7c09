"""kg/network.py: the actor network of a graph, its analytics and its GraphML / GEXF exports."""

from __future__ import annotations

import io

import networkx as nx
from rdflib import Graph

from kg.mapper import actor_iri
from kg.network import actor_network, centrality_table, write_gexf, write_graphml

ZAKI, SANTOS, HADDAD = (str(actor_iri(s)) for s in ("ahmad-zaki", "maria-santos", "karim-haddad"))


def test_network_nodes_are_actors_with_types_and_roles(built_graph: Graph) -> None:
    net = actor_network(built_graph)
    assert net.number_of_nodes() == 12
    assert net.nodes[ZAKI] == {"label": "Ahmad Zaki", "type": "Person", "roles": ["Menteri Luar Negeri (Malaysia)"]}
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


def test_network_of_an_empty_graph() -> None:
    net = actor_network(Graph())
    assert (net.number_of_nodes(), net.number_of_edges()) == (0, 0)
