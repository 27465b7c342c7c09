"""The shipped Stanza models: they load offline and give sensible analyses of a seed sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.document import Article
from kg.nlp.pipeline import NlpSettings, StanzaParser, model_paths, shipped_model_dir

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_a2d85fb3686cb30e.txt"

pytestmark = pytest.mark.models


@pytest.fixture(scope="module")
def parser() -> StanzaParser:
    return StanzaParser(NlpSettings(models="shipped"))


def test_models_shipped_files_exist_and_are_small() -> None:
    paths = model_paths(shipped_model_dir())
    assert (shipped_model_dir() / "resources.json").is_file()
    total = 0
    for name, path in paths.items():
        assert path.is_file(), f"{name} model missing at {path}"
        total += path.stat().st_size
    assert total < 100 * 1024 * 1024


@pytest.mark.skipif(not SEED.is_file(), reason="needs ../shared/seeds beside the repo")
def test_models_tag_a_seed_sentence(parser: StanzaParser, monkeypatch: pytest.MonkeyPatch) -> None:
    # no network: Stanza must not try to download anything
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(shipped_model_dir()))
    line = next(line for line in SEED.read_text(encoding="utf-8").splitlines() if "bertemu dengan" in line)
    doc = parser.parse(Article("seed", line))
    words = [w for s in doc.sentences for w in s.words]
    by_text = {w.text: w for w in words}
    assert by_text["bertemu"].upos == "VERB"
    assert by_text["bertemu"].lemma == "temu"
    assert by_text["Qatar"].upos == "PROPN"
    assert by_text["dengan"].upos == "ADP"
    entities = {(e.label, e.text) for s in doc.sentences for e in s.entities}
    assert ("PER", "Ismail Haniyeh") in entities
    assert any(label == "PER" and text.endswith("Kani") for label, text in entities)
    assert any(label == "LOC" and text == "Qatar" for label, text in entities)
    roots = [w for s in doc.sentences for w in s.words if w.deprel == "root"]
    assert len(roots) == len(doc.sentences)


def test_models_split_clitics(parser: StanzaParser) -> None:
    doc = parser.parse(Article("mwt", "Presiden menyampaikan terima kasihnya kepada rakyat."))
    texts = [w.text for s in doc.sentences for w in s.words]
    assert "kasih" in texts and "nya" in texts


def test_models_unknown_setting_is_a_clear_error() -> None:
    from kg.errors import ModelError

    with pytest.raises(ModelError, match="shipped"):
        StanzaParser(NlpSettings(models="nonsense")).parse(Article("x", "Halo."))
