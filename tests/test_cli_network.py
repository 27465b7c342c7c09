"""``kg network``: the whole network or one actor's ego network, as HTML, GraphML and GEXF."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner, Result

from kg.cli import app

runner = CliRunner()


def _kg(*args: str | Path) -> Result:
    return runner.invoke(app, [str(a) for a in args])


def _labels(out: Path) -> set[str]:
    back = nx.read_graphml(io.BytesIO((out / "graph.graphml").read_bytes()))
    return {data["label"] for _, data in back.nodes(data=True)}


@pytest.mark.parametrize("name", ["Ahmad Zaki", "zaki", "AHMAD ZAKI"])
def test_cli_network_ego_by_label_or_alias(built_out: Path, tmp_path: Path, name: str) -> None:
    result = _kg("network", "--from", built_out, "--ego", name, "--depth", "1", "--out", tmp_path / "ego")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("5 actors, 5 edges")
    assert _labels(tmp_path / "ego") == {"Ahmad Zaki", "Maria Santos", "Filipina", "Badan Antariksa Nasional", "Karim Haddad"}
    page = (tmp_path / "ego" / "network.html").read_text(encoding="utf-8")
    assert "<title>Ahmad Zaki: ego network, depth 1</title>" in page
    assert (tmp_path / "ego" / "graph.gexf").is_file()


def test_cli_network_ego_depth_two_reaches_further(built_out: Path, tmp_path: Path) -> None:
    result = _kg("network", built_out / "graph.ttl", "--ego", "Maria Santos", "--depth", "2", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    one = _kg("network", built_out, "--ego", "Maria Santos", "--depth", "1", "--out", tmp_path / "one")
    assert _labels(tmp_path / "one") < _labels(tmp_path)
    assert one.exit_code == 0 and "Karim Haddad" in _labels(tmp_path) - _labels(tmp_path / "one")


def test_cli_network_whole_graph_with_all_modalities(built_out: Path, tmp_path: Path) -> None:
    asserted = _kg("network", built_out, "--out", tmp_path / "a")
    everything = _kg("network", built_out, "--all", "--out", tmp_path / "b")
    assert asserted.stdout.startswith("12 actors, 8 edges")
    assert everything.stdout.startswith("12 actors, 9 edges")


def test_cli_network_unknown_actor_lists_close_matches(built_out: Path, tmp_path: Path) -> None:
    result = _kg("network", "--from", built_out, "--ego", "Ahmad Zakki", "--out", tmp_path)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "No actor named 'Ahmad Zakki'" in result.stderr and "Close matches: Ahmad Zaki" in result.stderr
    assert not (tmp_path / "network.html").exists()


@pytest.mark.parametrize("args", [[], ["GRAPH", "--from", "GRAPH"]])
def test_cli_network_needs_exactly_one_graph(built_out: Path, tmp_path: Path, args: list[str]) -> None:
    result = _kg("network", *[str(built_out) if a == "GRAPH" else a for a in args], "--out", tmp_path)
    assert result.exit_code == 2 and "exactly one of GRAPH or --from" in result.output


def test_cli_network_missing_graph(tmp_path: Path) -> None:
    result = _kg("network", "--from", tmp_path / "nothing", "--out", tmp_path)
    assert result.exit_code == 2 and "run `kg build" in result.stderr
