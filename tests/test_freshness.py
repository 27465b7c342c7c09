"""kg/freshness.py and the no-change rebuild of `kg build`: nothing to do when nothing changed."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers import corpus_conllu, write_corpus
from typer.testing import CliRunner, Result

from kg.cli import app
from kg.freshness import STAMP_FILE, build_key, fingerprint_files, inputs_digest, is_current, software_fingerprint

runner = CliRunner()
OUTPUTS = ("graph.ttl", "report.json", "network.html", "graph.graphml", "graph.gexf")


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture corpus on disk, with its hand-made parses standing in for Stanza."""
    parses = tmp_path / "parses"
    parses.mkdir()
    for aid, text in corpus_conllu().items():
        (parses / f"{aid}.conllu").write_text(text, encoding="utf-8")
    monkeypatch.setenv("KG_CONLLU_DIR", str(parses))
    return write_corpus(tmp_path / "corpus")


def _build(*args: str | Path) -> Result:
    return runner.invoke(app, ["build", *map(str, args), "--no-validate"])


def _mtimes(out: Path) -> dict[str, int]:
    return {name: (out / name).stat().st_mtime_ns for name in OUTPUTS}


def _built(result: Result) -> bool:
    assert result.exit_code == 0, result.output
    return "articles built" in result.stdout and "up to date" not in result.stdout


def test_freshness_second_build_with_nothing_changed_does_nothing(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _built(_build(corpus, "--out", out))
    before = _mtimes(out)
    again = _build(corpus, "--out", out)
    assert not _built(again)
    assert "up to date" in again.stdout and "3/3 articles built" in again.stdout
    assert _mtimes(out) == before


def test_freshness_a_changed_input_file_builds_again(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _built(_build(corpus, "--out", out))
    article = corpus / "kecaman-ban.txt"
    os.utime(article)  # touched, same bytes: still up to date
    assert not _built(_build(corpus, "--out", out))
    article.write_text(article.read_text(encoding="utf-8") + "\nKalimat tambahan.\n", encoding="utf-8")
    assert _built(_build(corpus, "--out", out))


def test_freshness_other_settings_force_or_an_edited_output_build_again(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _built(_build(corpus, "--out", out))
    assert _built(_build(corpus, "--out", out, "--select", "kecaman-ban"))
    assert not _built(_build(corpus, "--out", out, "--select", "kecaman-ban"))
    assert _built(_build(corpus, "--out", out, "--select", "kecaman-ban", "--force"))
    (out / "graph.ttl").write_text("# edited by hand\n", encoding="utf-8")
    assert _built(_build(corpus, "--out", out, "--select", "kecaman-ban"))
    (out / STAMP_FILE).write_text("not json", encoding="utf-8")
    assert _built(_build(corpus, "--out", out, "--select", "kecaman-ban"))


def test_freshness_a_store_changed_elsewhere_builds_again(corpus: Path, tmp_path: Path) -> None:
    out, store = tmp_path / "out", tmp_path / "store"
    assert _built(_build(corpus, "--out", out, "--store", store))
    assert not _built(_build(corpus, "--out", out, "--store", store))
    removed = runner.invoke(app, ["remove", "kecaman-ban", "--store", str(store)])
    assert removed.exit_code == 0, removed.output
    rebuilt = _build(corpus, "--out", out, "--store", store)
    assert _built(rebuilt)
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["totals"]["ok"] == 3
    assert not _built(_build(corpus, "--out", out, "--store", store))


def test_freshness_strict_still_fails_when_the_last_build_had_failures(corpus: Path, tmp_path: Path) -> None:
    (corpus / "kosong.txt").write_text("  \n", encoding="utf-8")  # an empty article: status "empty"
    out = tmp_path / "out"
    first = _build(corpus, "--out", out, "--strict")
    assert first.exit_code == 1
    again = _build(corpus, "--out", out, "--strict")
    assert again.exit_code == 1 and "up to date" in again.stdout and "1 failed" in again.stdout


def test_freshness_key_depends_on_inputs_and_context(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Satu.", encoding="utf-8")
    digest = inputs_digest([tmp_path])
    assert build_key(digest, {"validate": True}) == build_key(digest, {"validate": True})
    assert build_key(digest, {"validate": True}) != build_key(digest, {"validate": False})
    (tmp_path / "a.txt").write_text("Dua.", encoding="utf-8")
    assert inputs_digest([tmp_path]) != digest
    assert software_fingerprint() == software_fingerprint()
    assert not is_current(tmp_path / "never-built", build_key(digest, {}))


def test_software_fingerprint_covers_the_event_models_not_stanzas() -> None:
    """The event proposer and scorer change what an extraction is (a store caches extractions under the
    fingerprint); the Stanza models are left to ``model_identity``."""
    names = {p.name for p in fingerprint_files()}
    assert {"proposer.npz", "scorer.npz", "lexicon.toml", "kg.ttl"} <= names
    assert not any(p.suffix == ".pt" for p in fingerprint_files())
