"""notebooks/: the notebooks run top to bottom with nbclient, so they cannot rot."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "seeds.ipynb"
SEEDS = ROOT.parent / "shared" / "seeds"


def test_notebook_is_committed_without_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.outputs == [] and c.execution_count is None for c in code)


@pytest.mark.models
@pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared/seeds")
def test_notebook_seeds_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from nbclient import NotebookClient

    # a kernel spec running this interpreter: the one ipykernel installs says "python", whatever that is on PATH
    spec = tmp_path / "jupyter" / "kernels" / "kg-python"
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "kg", "language": "python"}))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.setenv("KG_SEEDS", str(SEEDS))
    monkeypatch.setenv("KG_NOTEBOOK_OUT", str(tmp_path / "out"))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="kg-python", resources={"metadata": {"path": str(ROOT)}}).execute()

    def text(i: int) -> str:
        outputs = [o for o in nb.cells[i].outputs if o.get("name") != "stderr"]
        return "".join(o.get("text", "") + o.get("data", {}).get("text/plain", "") for o in outputs)

    code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    build, queries, table, plot, view = code[1:]
    assert text(build).startswith("2/2 articles:") and "SHACL conforms: True" in text(build)
    for name in ("actor-events", "actors-by-degree", "article-events", "who-met-whom"):
        assert f"### {name}" in text(queries)
    assert "Ismail Haniyeh" in text(queries) and "(0 rows)" not in text(queries).split("### actor-events")[1].split("###")[0]
    assert "Ismail Haniyeh" in text(table) and text(table).splitlines()[0].split()[:2] == ["actor", "type"]
    assert any("image/png" in o.get("data", {}) for o in nb.cells[plot].outputs)
    html = "".join(o.get("data", {}).get("text/html", "") for o in nb.cells[view].outputs)
    assert "<iframe" in html and "network.html" in html
    assert (tmp_path / "out" / "network.html").is_file() and (tmp_path / "out" / "graph.graphml").is_file()
