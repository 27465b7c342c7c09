"""bench/build_speed.py on two IndoSum articles: every figure is there and the rebuild parses nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "indosum" / "articles.jsonl"


@pytest.mark.slow
@pytest.mark.models
def test_bench_build_speed_on_two_articles(tmp_path: Path) -> None:
    if not CORPUS.is_file():
        pytest.skip(f"the IndoSum corpus is not at {CORPUS}")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "build_speed.py"),
            "--articles",
            "2",
            "--corpus",
            str(CORPUS),
            "--work",
            str(tmp_path),
            "--repeat",
            "2",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
        check=True,
    )
    figures = json.loads(done.stdout)
    assert figures["articles"] == 2
    assert figures["articles_per_second"] > 0 and figures["stanza_only_seconds"] > 0
    assert figures["rebuild_no_change_seconds"] < figures["end_to_end_seconds"]
    assert 0 < figures["ratio_rebuild_to_first"] < 1
    assert len(figures["ratios_end_to_end_to_stanza"]) == 2 and (tmp_path / "trial-1" / "out" / "graph.ttl").is_file()
    assert set(figures["peak_rss_mib"]) == {"stanza_only", "first_build", "rebuild", "add_one"}
    assert figures["peak_rss_mib"]["first_build"] > figures["peak_rss_mib"]["rebuild"]  # the rebuild loads no model
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["totals"]["articles"] == 3 and report["cache"]["hits"] == 2 and report["cache"]["misses"] == 1
