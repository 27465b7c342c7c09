"""kg/render.py: the network page works offline and never lets article text become HTML."""

from __future__ import annotations

import json
import math
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph

from kg.actors import Actor, ActorIndex
from kg.document import Article, ParsedDoc, Sentence, Word
from kg.extract import EventMention, Extraction, Mention, Participant
from kg.mapper import map_corpus
from kg.network import actor_network
from kg.render import QUAD_COLOURS, TYPE_COLOURS, _safe_json, layout_positions, render_html

PAYLOAD = "<img src=x onerror=alert(1)>"
SCRIPT_PAYLOAD = "</script><script>alert('x')</script>"


class _Resources(HTMLParser):
    """Every src/href/action attribute, and the scripts and styles of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href", "action", "data", "poster") and value is not None:
                self.refs.append((tag, name, value))


def _resources(page: str) -> _Resources:
    parser = _Resources()
    parser.feed(page)
    return parser


def _data(page: str) -> dict[str, Any]:
    match = re.search(r"const DATA = (\{.*?\});\n", page, re.DOTALL)
    assert match is not None
    return json.loads(match.group(1))


def _graph_with(name: str, sentence: str) -> Graph:
    """A graph (through the mapper) with one person named ``name`` praising Malaysia in ``sentence``."""
    words = (
        Word(1, "X", "x", "PROPN", 2, "nsubj", 0, 1),
        Word(2, "memuji", "puji", "VERB", 0, "root", 2, 8),
        Word(3, "Malaysia", "Malaysia", "PROPN", 2, "obj", 9, 17),
    )
    doc = ParsedDoc(Article("uji<>&", sentence), (Sentence(0, sentence, 0, len(sentence), words),))
    person = Mention(0, 0, 1, name, "Person", 0)
    country = Mention(0, 2, 3, "Malaysia", "Country", 2, "MY")
    event = EventMention(0, "Praise", "memuji", 2, Participant(person, name, 1), Participant(country, "Malaysia", 3))
    actors = {
        "orang": Actor("orang", name, "Person", (name,), ("uji<>&",)),
        "malaysia": Actor("malaysia", "Malaysia", "Country", ("Malaysia",), ("uji<>&",), "MY"),
    }
    by_mention = {("uji<>&", *person.key): "orang", ("uji<>&", *country.key): "malaysia"}
    return map_corpus([Extraction(doc, (person, country), (event,))], ActorIndex(actors, by_mention, ()))


@pytest.fixture(scope="module")
def hostile_page() -> str:
    return render_html(actor_network(_graph_with(PAYLOAD + SCRIPT_PAYLOAD, f"Dia berkata {PAYLOAD} & {SCRIPT_PAYLOAD}.")))


def test_render_page_has_no_remote_resources(built_out: Path) -> None:
    page = (built_out / "network.html").read_text(encoding="utf-8")
    found = _resources(page)
    remote = [r for r in found.refs if re.match(r"\s*(https?:)?//", r[2], re.IGNORECASE)]
    assert remote == []
    assert "script" in found.tags and not any(tag == "script" and name == "src" for tag, name, _ in found.refs)
    assert not any(tag == "link" for tag in found.tags)
    assert not re.search(r"@import|url\(\s*['\"]?\s*(https?:)?//", page, re.IGNORECASE)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_render_page_carries_the_network(built_out: Path) -> None:
    data = _data((built_out / "network.html").read_text(encoding="utf-8"))
    labels = {n["label"] for n in data["nodes"]}
    assert {"Ahmad Zaki", "Maria Santos", "Badan Antariksa Nasional", "Lebanon"} <= labels
    assert len(data["nodes"]) == 12 and len(data["edges"]) == 8
    assert {e["eventType"] for e in data["edges"]} == {"Meet", "Praise", "Thank", "Criticize"}
    assert "vis.Network" in (built_out / "network.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("raw", [PAYLOAD, SCRIPT_PAYLOAD, "<img", "</script"])
def test_render_hostile_text_never_appears_raw(hostile_page: str, raw: str) -> None:
    rest = _outside_vis(hostile_page)
    assert rest.count("</script") == 2  # the closing tags of the library's script and of kg's own
    if raw != "</script":
        assert raw.lower() not in rest.lower()


def _outside_vis(page: str) -> str:
    """The page without the inlined vis-network library (whose minified code has its own markup strings)."""
    start = page.index("<script>") + len("<script>")
    end = page.index("</script>", start)
    return page[:start] + page[end:]


def test_render_hostile_text_reaches_the_page_as_data(hostile_page: str) -> None:
    data = _data(hostile_page)
    labels = {n["label"] for n in data["nodes"]}
    assert PAYLOAD + SCRIPT_PAYLOAD in labels
    [edge] = data["edges"]
    assert PAYLOAD in edge["title"] and SCRIPT_PAYLOAD in edge["title"]
    assert edge["articles"] == ["uji<>&"]
    assert len(re.findall(r"<script", _outside_vis(hostile_page))) == 2


def test_render_title_is_escaped(built_graph: Graph) -> None:
    page = render_html(actor_network(built_graph), title=PAYLOAD)
    assert PAYLOAD not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(_JSON)
def test_render_safe_json_never_lets_markup_through(data: Any) -> None:
    text = _safe_json(data)
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(text) == data


@pytest.mark.parametrize("text", ["</script>", "<!--", "a & b", "x\u2028y"])
def test_render_safe_json_examples(text: str) -> None:
    out = _safe_json({"k": text})
    assert json.loads(out) == {"k": text}
    assert "<" not in out and ">" not in out and "&" not in out


# ----------------------------------------------------------------------------- the hostile set

HOSTILE = [
    "</script><script>alert(1)</script>",
    "</SCRIPT >",
    "<!--<script>",
    "<img src=x onerror=alert(1)>",
    "\"'`\\\\\\",
    "a > b & c < d",
    "baris\nbaru\r\n",
    "\u2028\u2029",
    "zero\u200bwidth\u200d\ufeff",
    "\u202eabc\u202c \u2067rtl\u2069 لبنان",
    "emoji 😀 👨\u200d👩\u200d👧",
    "{{DATA}} {{VIS_JS}} {{TITLE}}",
    "${alert(1)} `${x}`",
    "x" * 10_000,
]


@pytest.fixture(scope="module")
def hostile_set_page() -> str:
    text = " | ".join(HOSTILE)
    return render_html(actor_network(_graph_with(text, f"Dia berkata {text}.")), title=text)


def test_render_hostile_set_cannot_close_or_open_a_script(hostile_set_page: str) -> None:
    rest = _outside_vis(hostile_set_page)
    assert len(re.findall(r"</script", rest, re.IGNORECASE)) == 2
    assert len(re.findall(r"<script", rest, re.IGNORECASE)) == 2
    assert "<!--" not in rest and "<img" not in rest.lower()
    start = rest.index('"use strict"')
    own_script = rest[start : rest.index("</script>", start)]
    assert "\u2028" not in own_script and "\u2029" not in own_script  # line terminators end a JS string in old engines


def test_render_hostile_set_reaches_the_page_unchanged_as_data(hostile_set_page: str) -> None:
    text = " | ".join(HOSTILE)
    data = _data(hostile_set_page)
    assert text in {n["label"] for n in data["nodes"]}
    [edge] = data["edges"]
    assert f"Dia berkata {text}." in edge["title"]
    assert any(text in n["title"] for n in data["nodes"])


def test_render_placeholders_in_text_are_not_filled(hostile_set_page: str) -> None:
    assert hostile_set_page.count("const DATA = ") == 1
    [title] = re.findall(r"<title>(.*?)</title>", hostile_set_page, re.DOTALL)
    assert "{{DATA}} {{VIS_JS}} {{TITLE}}" in title and "vis" not in title.replace("{{VIS_JS}}", "")
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in title


def test_render_hostile_page_is_well_formed_html(hostile_set_page: str) -> None:
    """The page parses into the template's elements only: no element comes from article text."""
    found = _resources(hostile_set_page)
    assert found.tags.count("script") == 2 and "img" not in found.tags
    assert not any(tag in ("iframe", "object", "embed", "a", "link") for tag in found.tags)


@pytest.mark.parametrize("text", HOSTILE)
def test_render_safe_json_round_trips_the_hostile_set(text: str) -> None:
    out = _safe_json({"label": text, "title": [text, {text: text}]})
    assert json.loads(out) == {"label": text, "title": [text, {text: text}]}
    assert not set(out) & {"<", ">", "&", "\u2028", "\u2029"}


def _star_forest() -> nx.MultiDiGraph:
    """Two stars (hubs h0, h1 with 4 and 3 leaves) joined hub to hub, a separate pair, and one lone actor."""
    net = nx.MultiDiGraph()
    for hub, leaves in (("h0", 4), ("h1", 3)):
        for i in range(leaves):
            net.add_edge(hub, f"{hub}-{i}", key="Meet", type="Meet", count=1, dates=[], articles=["a"], evidence=[])
    net.add_edge("h0", "h1", key="Meet", type="Meet", count=1, dates=[], articles=["a"], evidence=[])
    net.add_edge("p", "q", key="Praise", type="Praise", count=1, dates=[], articles=["b"], evidence=[])
    net.add_node("alone")
    for node in net:
        net.nodes[node].update(label=f"Actor {node}", type="Person", roles=[], aliases=[])
    return net


def test_render_layout_positions_every_node_apart() -> None:
    net = _star_forest()
    pos = layout_positions(net)
    assert set(pos) == set(net)
    points = list(pos.values())
    closest = min(math.dist(a, b) for i, a in enumerate(points) for b in points[i + 1 :])
    assert closest > 10  # no two actors drawn on top of each other
    assert layout_positions(net) == pos  # fixed seed
    # a leaf lies on a ring round its hub; components do not overlap
    assert {round(math.dist(pos["h0"], pos[f"h0-{i}"])) for i in range(4)} == {60}
    star = [pos[n] for n in net if str(n).startswith("h")]
    assert min(math.dist(a, pos["p"]) for a in star) > 60 and min(math.dist(a, pos["alone"]) for a in star) > 60


_LAYOUT_IN_A_PROCESS = """
import json, sys
import networkx as nx
from kg.render import layout_positions
net = nx.MultiDiGraph()
# a component with a core (a ring with chords) and leaves, among many isolated actors: networkx lists a small
# subgraph's nodes in set order, which follows the string hash seed
ring = [f"actor-{i}" for i in range(12)]
for i, a in enumerate(ring):
    net.add_edge(a, ring[(i + 1) % 12], key="Meet")
    net.add_edge(a, ring[(i + 5) % 12], key="Praise")
    net.add_edge(a, f"leaf-{i}", key="Meet")
net.add_nodes_from(f"alone-{i}" for i in range(60))
print(json.dumps(sorted(layout_positions(net).items())))
"""


def test_render_layout_is_the_same_whatever_the_hash_seed() -> None:
    """A rebuild draws the same picture: the layout does not follow Python's string hash seed (it did, through
    networkx's subgraph views, at the full corpus's size)."""
    import os
    import subprocess
    import sys

    def layout(seed: str) -> str:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", _LAYOUT_IN_A_PROCESS], env=env, capture_output=True, text=True, check=True)
        return done.stdout

    first = layout("1")
    assert json.loads(first) and all(layout(seed) == first for seed in ("2", "3"))


def test_render_large_graph_is_laid_out_in_advance() -> None:
    net = _star_forest()
    small, large = _data(render_html(net)), _data(render_html(net, physics_threshold=5))
    assert small["options"]["physics"]["enabled"] is True and "x" not in small["nodes"][0]
    assert large["options"]["physics"]["enabled"] is False
    assert {n["id"]: (n["x"], n["y"]) for n in large["nodes"]} == layout_positions(net)


def test_render_node_size_colour_and_tooltip(built_graph: Graph) -> None:
    data = _data(render_html(actor_network(built_graph)))
    nodes = {n["label"]: n for n in data["nodes"]}
    zaki, dewi = nodes["Ahmad Zaki"], nodes["Dewi Lestari"]
    assert zaki["color"] == TYPE_COLOURS["Person"] and nodes["Lebanon"]["color"] == TYPE_COLOURS["Country"]
    assert zaki["size"] > dewi["size"]  # sized by PageRank: the most central actor against an isolated one
    assert zaki["title"].splitlines()[:4] == [
        "Ahmad Zaki (Person)",
        "role: Menteri Luar Negeri (Malaysia)",
        "also: Zaki",
        "events: 2 as agent, 2 as target",
    ]
    assert zaki["names"] == ["Ahmad Zaki", "Zaki"]
    edges = {(e["eventType"], e["color"]) for e in data["edges"]}
    assert ("Meet", QUAD_COLOURS["VerbalCooperation"]) in edges and ("Criticize", QUAD_COLOURS["VerbalConflict"]) in edges
    assert all(e["label"] == e["eventType"] for e in data["edges"])


def test_render_edge_tooltip_lists_evidence_with_articles() -> None:
    net = _star_forest()
    evidence = [{"article": f"berita-{i}", "sentence": f"Kalimat {i}.", "trigger": "bertemu"} for i in range(7)]
    net.add_edge("p", "q", key="Meet", type="Meet", count=7, dates=["2024-05-08"], articles=["x"], evidence=evidence)
    [edge] = [e for e in _data(render_html(net))["edges"] if e["eventType"] == "Meet" and e["from"] == "p"]
    lines = edge["title"].splitlines()
    assert lines[0] == "Actor p → Meet → Actor q (7x)" and lines[1] == "dates: 2024-05-08"
    assert lines[2:] == [f"[berita-{i}] Kalimat {i}." for i in range(5)] + ["… and 2 more sentences"]
