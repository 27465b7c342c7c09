"""kg/render.py's network data: parallel edges drawn apart, isolated actors behind a toggle when many."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.render import ISOLATED_SHOWN, network_data


def _edge(net: nx.MultiDiGraph, u: str, v: str, etype: str) -> None:
    net.add_edge(u, v, key=etype, type=etype, count=1, dates=["2024-05-03"], articles=["a"], modalities=["Asserted"], evidence=[])


def _net(isolated: int = 0) -> nx.MultiDiGraph:
    net = nx.MultiDiGraph()
    _edge(net, "a", "b", "Coordinate")
    _edge(net, "a", "b", "Meet")
    _edge(net, "b", "a", "Praise")
    _edge(net, "b", "c", "Meet")
    for i in range(isolated):
        net.add_node(f"z{i}")
    for node in net:
        net.nodes[node].update(label=f"Actor {node}", type="Person", roles=[], aliases=[])
    return net


def test_render_view_parallel_edges_are_curved_apart() -> None:
    edges = {(e["from"], e["to"], e["eventType"]): e for e in network_data(_net())["edges"]}
    assert edges[("b", "c", "Meet")]["smooth"] is False  # alone between its pair: straight
    pair = [edges[("a", "b", "Coordinate")]["smooth"], edges[("a", "b", "Meet")]["smooth"], edges[("b", "a", "Praise")]["smooth"]]
    assert all(s["enabled"] for s in pair)
    # no two edges of the pair share a curve (same side and bend, seen from the pair's first actor)
    seen = set()
    for (u, _v, _t), s in zip([("a", "b", 0), ("a", "b", 1), ("b", "a", 2)], pair, strict=True):
        side = s["type"] if u == "a" else {"curvedCW": "curvedCCW", "curvedCCW": "curvedCW"}[s["type"]]
        seen.add((side, s["roundness"]))
    assert len(seen) == 3


def test_render_view_edge_labels_have_a_background() -> None:
    font = network_data(_net())["options"]["edges"]["font"]
    assert font["background"].startswith("rgba(255,255,255") and font["strokeWidth"] == 0


@pytest.mark.parametrize(("isolated", "shown"), [(0, True), (ISOLATED_SHOWN, True), (ISOLATED_SHOWN + 1, False)])
def test_render_view_many_isolated_actors_start_hidden(isolated: int, shown: bool) -> None:
    data = network_data(_net(isolated))
    assert data["isolated"] == isolated and data["showIsolated"] is shown
    assert sum(n["isolated"] for n in data["nodes"]) == isolated
    assert {n["slug"] for n in data["nodes"]} >= {"a", "b", "c"}


def test_render_view_links_only_in_the_app() -> None:
    assert network_data(_net())["links"] is False and network_data(_net(), links=True)["links"] is True
