"""The HTML network view (pyvis + vis-network), fully offline.

pyvis assembles the nodes and edges; the page comes from kg's own template with
vis-network's script and stylesheet inlined, so it loads with no network access.
All text from articles reaches the page only as JSON with ``<``, ``>`` and ``&``
escaped, and vis-network shows tooltips as text, never as HTML.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from kg.lexicon import get_lexicon
from kg.network import event_counts, node_metrics, write_gexf, write_graphml

__all__ = [
    "ISOLATED_SHOWN",
    "PHYSICS_THRESHOLD",
    "QUAD_COLOURS",
    "TYPE_COLOURS",
    "layout_positions",
    "network_data",
    "network_script",
    "render_html",
    "safe_json",
    "vis_dir",
    "write_view",
]

TYPE_COLOURS = {"Person": "#4e79a7", "Organization": "#f28e2b", "Country": "#59a14f", "Place": "#9c755f"}
QUAD_COLOURS = {
    "VerbalCooperation": "#2ca02c",
    "MaterialCooperation": "#1f77b4",
    "VerbalConflict": "#ff7f0e",
    "MaterialConflict": "#d62728",
    None: "#7f7f7f",
}
_TEMPLATE = Path(__file__).resolve().parent / "templates" / "network.html"
_SLOT = re.compile(r"\{\{(?:TITLE|VIS_CSS|VIS_JS|DATA|APP_JS)\}\}")
_STATIC = Path(__file__).resolve().parent / "static"
PHYSICS_THRESHOLD = 300
"""Above this many actors the layout is computed in Python and the page draws with physics off."""
_EVIDENCE_SHOWN = 5


def vis_dir() -> Path:
    """pyvis's copy of vis-network (its script and stylesheet)."""
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "lib"
    return sorted(lib.glob("vis-*"))[-1]


def _vis_assets() -> tuple[str, str]:
    folder = vis_dir()
    return (folder / "vis-network.min.js").read_text(encoding="utf-8"), (folder / "vis-network.css").read_text(encoding="utf-8")


def safe_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: ``<``, ``>``, ``&``, U+2028 and U+2029 escaped."""
    return _safe_json(data)


def _safe_json(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _tooltip_node(data: dict[str, Any], events_out: int, events_in: int, community: int | None) -> str:
    lines = [f"{data.get('label', '')} ({data.get('type', '')})"]
    if data.get("country"):
        lines.append(f"country: {data['country']}")
    lines += [f"role: {r}" for r in data.get("roles", [])]
    others = [a for a in data.get("aliases", []) if a != data.get("label")]
    if others:
        lines.append("also: " + ", ".join(others))
    lines.append(f"events: {events_out} as agent, {events_in} as target")
    if community is not None:
        lines.append(f"community: {community}")
    return "\n".join(lines)


def _tooltip_edge(source: str, target: str, data: dict[str, Any]) -> str:
    lines = [f"{source} → {data['type']} → {target} ({data['count']}x)"]
    if data.get("dates"):
        lines.append("dates: " + ", ".join(data["dates"]))
    if data.get("modalities") and data["modalities"] != ["Asserted"]:
        lines.append("modalities: " + ", ".join(data["modalities"]))
    evidence = data.get("evidence", [])
    for ev in evidence[:_EVIDENCE_SHOWN]:
        lines.append(f"[{ev['article']}] {ev['sentence']}")
    if len(evidence) > _EVIDENCE_SHOWN:
        lines.append(f"… and {len(evidence) - _EVIDENCE_SHOWN} more sentences")
    return "\n".join(lines)


_SPACING = 60.0  # pixels between neighbouring actors in a precomputed layout
_LEAF_GAP = 22.0  # pixels between the leaves around one actor


def _ordered_subgraph(graph: nx.Graph, nodes: Iterable[Any]) -> nx.Graph:
    """The subgraph of ``nodes`` as a graph of its own, its nodes and edges in sorted order.

    networkx's ``subgraph`` view lists a small subgraph's nodes in the order of a set, which follows
    Python's string hash seed, so the spring layout (seeded, but over the nodes in that order) drew
    another picture in every process.
    """
    members = sorted(nodes, key=str)
    inside = set(members)
    sub = nx.Graph()
    sub.add_nodes_from(members)
    sub.add_edges_from((u, v) for u in members for v in sorted(graph[u], key=str) if v in inside)
    return sub


def _component_layout(comp: nx.Graph, seed: int) -> dict[Any, tuple[float, float]]:
    """A connected component laid out around (0, 0): a spring layout of its core, its leaves in rings round their actor.

    Most actors of a news network are leaves (named once, linked to one other actor); leaving them
    out of the spring layout keeps its quadratic cost down to the core.
    """
    if comp.number_of_nodes() == 1:
        return {next(iter(comp)): (0.0, 0.0)}
    leaves = {v for v in comp if comp.degree(v) == 1 and comp.degree(next(iter(comp[v]))) > 1}
    core = _ordered_subgraph(comp, [v for v in comp if v not in leaves])
    if core.number_of_nodes() == 1:
        pos = {next(iter(core)): (0.0, 0.0)}
    else:
        raw = nx.spring_layout(core, seed=seed, iterations=50, scale=_SPACING * core.number_of_nodes() ** 0.5)
        pos = {v: (float(x), float(y)) for v, (x, y) in raw.items()}
    children: dict[Any, list[Any]] = {}
    for leaf in sorted(leaves, key=str):
        children.setdefault(next(iter(comp[leaf])), []).append(leaf)
    for parent, kids in children.items():
        radius = max(_SPACING, len(kids) * _LEAF_GAP / (2 * math.pi))
        px, py = pos[parent]
        for i, kid in enumerate(kids):
            angle = 2 * math.pi * i / len(kids)
            pos[kid] = (px + radius * math.cos(angle), py + radius * math.sin(angle))
    return pos


def layout_positions(net: nx.MultiDiGraph, seed: int = 1) -> dict[Any, tuple[float, float]]:
    """A layout of ``net`` in vis-network's pixels: each connected component laid out alone, packed in rows.

    Deterministic (fixed seed), so a rebuild draws the same picture.
    """
    simple = nx.Graph(net)
    simple.remove_edges_from(list(nx.selfloop_edges(simple)))
    boxes = []
    for members in sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(map(str, c)))):
        pos = _component_layout(_ordered_subgraph(simple, members), seed)
        cx = sum(x for x, _ in pos.values()) / len(pos)
        cy = sum(y for _, y in pos.values()) / len(pos)
        radius = max(math.hypot(x - cx, y - cy) for x, y in pos.values()) + _SPACING / 2
        boxes.append(({v: (x - cx, y - cy) for v, (x, y) in pos.items()}, radius))
    width = 1.2 * math.sqrt(sum((2 * r) ** 2 for _, r in boxes)) if boxes else 0.0
    out: dict[Any, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for pos, radius in boxes:
        if x > 0 and x + 2 * radius > width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for v, (dx, dy) in pos.items():
            out[v] = (round(x + radius + dx, 1), round(y + radius + dy, 1))
        x += 2 * radius
        row_height = max(row_height, 2 * radius)
    return out


def _parallel_smooth(net: nx.MultiDiGraph) -> dict[tuple[str, str, str], Any]:
    """vis-network's ``smooth`` for each edge: straight when alone, else curved apart from the others of its pair.

    The edges of one pair of actors (either direction) alternate sides and bend further one after the
    other, so their labels sit apart instead of on top of each other ("Coordinate" over "Meet").
    """
    pairs: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for u, v, key in net.edges(keys=True):
        if u != v:
            pairs.setdefault((min(u, v), max(u, v)), []).append((u, v, key))
    smooth: dict[tuple[str, str, str], Any] = {}
    for (low, _high), edges in pairs.items():
        if len(edges) == 1:
            continue
        for i, (u, v, key) in enumerate(sorted(edges, key=lambda e: (e[2], e[0]))):
            clockwise = (i % 2 == 0) == (u == low)  # the same side of the pair, whichever way the edge points
            smooth[(u, v, key)] = {
                "enabled": True,
                "type": "curvedCW" if clockwise else "curvedCCW",
                "roundness": 0.25 * (i // 2 + 1),
            }
    return smooth


ISOLATED_SHOWN = 10
"""Up to this many actors without events are shown when a page opens; above it they are behind the toggle."""


def network_data(net: nx.MultiDiGraph, physics_threshold: int = PHYSICS_THRESHOLD, links: bool = False) -> dict[str, Any]:
    """What the network page draws: vis-network nodes, edges and options, the legends and the filters' defaults.

    Nodes carry ``names`` (label and aliases, for search), ``type``, ``slug`` and ``isolated`` (no event);
    edges carry ``eventType``, ``quad``, ``articles`` and ``dates``. With ``links`` (``kg serve``), a click
    on an actor opens its page.
    """
    from pyvis.network import Network

    lex = get_lexicon()
    quad_of = {name: et.quad_class for name, et in lex.event_types.items()}
    metrics = node_metrics(net, betweenness=False)
    top = max((m["pagerank"] for m in metrics.values()), default=1.0) or 1.0
    precomputed = net.number_of_nodes() > physics_threshold
    positions = layout_positions(net) if precomputed else {}
    smooth = _parallel_smooth(net)
    vis = Network(directed=True)
    isolated = 0
    for node, data in net.nodes(data=True):
        extra = {"x": positions[node][0], "y": positions[node][1]} if precomputed else {}
        metric = metrics.get(node, {})
        alone = net.degree(node) == 0
        isolated += alone
        vis.add_node(
            node,
            label=data.get("label", node),
            title=_tooltip_node(data, *event_counts(net, node), metric.get("community")),
            color=TYPE_COLOURS.get(data.get("type", ""), "#bab0ac"),
            size=round(10 + 30 * metric.get("pagerank", 0) / top, 2),
            names=sorted({data.get("label", node), *data.get("aliases", [])}),
            type=data.get("type", ""),
            slug=str(node).rsplit("/", 1)[-1],
            isolated=alone,
            **extra,
        )
    for u, v, key, data in net.edges(keys=True, data=True):
        quad = quad_of.get(data["type"])
        vis.add_edge(
            u,
            v,
            id=f"{u} {data['type']} {v}",
            label=data["type"],
            title=_tooltip_edge(net.nodes[u].get("label", u), net.nodes[v].get("label", v), data),
            color=QUAD_COLOURS.get(quad),
            width=1 + min(data["count"], 10) / 2,
            eventType=data["type"],
            quad=quad or "other",
            articles=data["articles"],
            dates=data["dates"],
            smooth=smooth.get((u, v, key), False),
        )
    nodes, edges, *_ = vis.get_network_data()
    options = {
        "physics": {"enabled": not precomputed, "stabilization": {"iterations": 200}},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "font": {"size": 10, "background": "rgba(255,255,255,0.85)", "strokeWidth": 0, "align": "middle"},
            "smooth": False,
        },
        "nodes": {"shape": "dot", "font": {"size": 14}},
        "interaction": {"hover": True, "tooltipDelay": 100, "hideEdgesOnDrag": precomputed, "hideEdgesOnZoom": precomputed},
        "layout": {"improvedLayout": not precomputed},
    }
    return {
        "nodes": nodes,
        "edges": edges,
        "options": options,
        "types": [{"name": k, "colour": c} for k, c in TYPE_COLOURS.items()],
        "quads": [{"name": k or "other", "colour": c} for k, c in QUAD_COLOURS.items()],
        "isolated": isolated,
        "showIsolated": isolated <= ISOLATED_SHOWN,
        "links": links,
    }


def network_script() -> str:
    """The network page's own script (``kg/static/network.js``), shared by network.html and ``kg serve``."""
    return _STATIC.joinpath("network.js").read_text(encoding="utf-8")


def render_html(net: nx.MultiDiGraph, title: str = "kg actor network", physics_threshold: int = PHYSICS_THRESHOLD) -> str:
    """Render the actor network as one self-contained HTML page.

    Nodes are coloured by actor type and sized by PageRank; edges are coloured by the quad
    class of their event type and labelled by it, the edges of one pair curved apart. Above
    ``physics_threshold`` actors the layout is precomputed (``layout_positions``) and the page
    draws with physics off. Many actors without events start hidden behind a toggle.
    """
    js, css = _vis_assets()
    page = _TEMPLATE.read_text(encoding="utf-8")
    replacements = {
        "{{TITLE}}": html.escape(title),
        "{{VIS_CSS}}": css,
        "{{VIS_JS}}": js.replace("</script", "<\\/script"),
        "{{DATA}}": _safe_json(network_data(net, physics_threshold)),
        "{{APP_JS}}": network_script().replace("</script", "<\\/script"),
    }
    # one pass: a placeholder written inside the title or the data is text, not a slot to fill
    return _SLOT.sub(lambda m: replacements[m.group(0)], page)


def write_view(net: nx.MultiDiGraph, out_dir: Path, title: str = "kg actor network") -> dict[str, Path]:
    """Write ``network.html``, ``graph.graphml`` and ``graph.gexf`` of ``net`` into ``out_dir``."""
    from kg.files import atomic_write

    paths = {"html": out_dir / "network.html", "graphml": out_dir / "graph.graphml", "gexf": out_dir / "graph.gexf"}
    atomic_write(paths["html"], render_html(net, title=title))
    atomic_write(paths["graphml"], write_graphml(net))
    atomic_write(paths["gexf"], write_gexf(net))
    return paths
