"""The graphs of the seeds and of the IndoSum gold articles stay the same through refactoring.

Each graph is built with the shipped models, stripped of what may change without changing what kg
found (``kg:extractedBy``, ``kg:confidence``, and ``kg:file``, a path of this machine), canonicalised
(``rdflib.compare.to_canonical_graph``) and hashed; the hashes are in ``tests/fixtures/graph-hashes.json``
(no article text in the repository). A change meant to alter a graph updates them:
``KG_UPDATE_GRAPH_HASHES=1 pytest tests/test_graph_hashes.py``, and says why in its commit.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import to_canonical_graph

from kg.articles import read_articles
from kg.build import BuildSettings, build
from kg.document import Article
from kg.namespace import KG

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
HASHES = ROOT / "tests" / "fixtures" / "graph-hashes.json"
CORPUS = SHARED / "data" / "corpus" / "indosum" / "articles.jsonl"

pytestmark = [pytest.mark.models, pytest.mark.skipif(not CORPUS.is_file(), reason="needs ../shared")]


def _hash(graph: Graph) -> str:
    kept = Graph()
    for triple in graph:
        if triple[1] not in (KG.extractedBy, KG.confidence, KG.file):
            kept.add(triple)
    lines = sorted(to_canonical_graph(kept).serialize(format="nt").splitlines())
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def _inputs(name: str) -> list[Article]:
    if name == "seeds":
        return [a for a in read_articles([SHARED / "seeds"]) if isinstance(a, Article)]
    ids = set(json.loads((ROOT / "tests" / "gold" / "indosum.json").read_text(encoding="utf-8"))["articles"])
    return [a for a in read_articles([CORPUS]) if isinstance(a, Article) and a.id in ids]


@pytest.mark.parametrize("name", ["seeds", "indosum"])
def test_graph_hashes_are_those_recorded(name: str, tmp_path: Path) -> None:
    articles = _inputs(name)
    folder = tmp_path / name
    folder.mkdir()
    for article in articles:  # through files, as kg build reads them, so the graph is the CLI's
        (folder / f"{article.id}.jsonl").write_text(
            json.dumps({"id": article.id, "text": article.text, "source": article.source, "url": article.url}) + "\n",
            encoding="utf-8",
        )
    found = _hash(build([folder], BuildSettings(validate=False)).graph)
    recorded = json.loads(HASHES.read_text(encoding="utf-8")) if HASHES.is_file() else {}
    if os.environ.get("KG_UPDATE_GRAPH_HASHES"):
        recorded[name] = found
        HASHES.write_text(json.dumps(recorded, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    assert recorded.get(name) == found, f"the {name} graph changed: if that is meant, update the hashes (see the docstring)"
