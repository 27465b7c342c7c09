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


def test_models_keep_names_and_lexicalised_words_whole(parser: StanzaParser) -> None:
    text = "Menteri Saifullah dan Hidayatullah bertanya kepada warga Kenya. Umumnya mereka setuju."
    doc = parser.parse(Article("names", text))
    texts = [w.text for s in doc.sentences for w in s.words]
    assert {"Saifullah", "Hidayatullah", "bertanya", "Kenya", "Umumnya"} <= set(texts)
    assert "lah" not in texts and "nya" not in texts


def test_models_unknown_setting_is_a_clear_error() -> None:
    from kg.errors import ModelError

    with pytest.raises(ModelError, match="shipped"):
        StanzaParser(NlpSettings(models="nonsense")).parse(Article("x", "Halo."))


def test_models_retag_keeps_the_tree_and_predicts_tags() -> None:
    from kg.nlp.pipeline import retag_conllu

    gold = (
        "# text = Presiden bertemu rakyatnya\n"
        "1\tPresiden\tpresiden\tX\t_\t_\t2\tnsubj\t_\t_\n"
        "2\tbertemu\tbertemu\tX\t_\t_\t0\troot\t_\t_\n"
        "3-4\trakyatnya\t_\t_\t_\t_\t_\t_\t_\t_\n"
        "3\trakyat\trakyat\tX\t_\t_\t2\tobj\t_\t_\n"
        "4\tnya\tnya\tX\t_\t_\t3\tnmod:poss\t_\t_\n"
    )
    rows = [line.split("\t") for line in retag_conllu(gold, shipped_model_dir()).splitlines() if "\t" in line]
    assert rows[0][0] == "1" and rows[2][0] == "3-4" and rows[2][3] == "_"
    words = [r for r in rows if r[0].isdigit()]
    assert [r[3] for r in words] == ["NOUN", "VERB", "NOUN", "PRON"]
    assert words[1][2] == "temu"
    assert [(r[6], r[7]) for r in words] == [("2", "nsubj"), ("0", "root"), ("2", "obj"), ("3", "nmod:poss")]
