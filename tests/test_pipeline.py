"""How the Stanza pipeline is configured (no model is loaded here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import ModelError
from kg.nlp.pipeline import CHARLM_FILES, UNSPLIT_FILE, NeverSplit, NlpSettings, StanzaParser, model_identity, model_paths


def _fake_models(root: Path) -> Path:
    for path in model_paths(root).values():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    (root / "resources.json").write_text('{"id": {"lang_name": "Indonesian"}}', encoding="utf-8")
    return root


def test_pipeline_shipped_config_is_offline_and_names_every_model(tmp_path: Path) -> None:
    root = _fake_models(tmp_path)
    config = StanzaParser(NlpSettings(model_dir=root))._config()
    assert config["download_method"] is None
    assert config["dir"] == str(root)
    for name in ("tokenize", "mwt", "pos", "lemma", "depparse", "ner"):
        assert config[f"{name}_model_path"] == str(model_paths(root)[name])
    assert config["pos_pretrain_path"] == config["depparse_pretrain_path"] == config["ner_pretrain_path"]


def test_pipeline_official_config_downloads_all_but_ner(tmp_path: Path) -> None:
    from stanza import DownloadMethod

    root = _fake_models(tmp_path)
    config = StanzaParser(NlpSettings(models="official", model_dir=root))._config()
    assert config["download_method"] == DownloadMethod.REUSE_RESOURCES
    assert "tokenize_model_path" not in config and "depparse_model_path" not in config
    assert config["ner_model_path"] == str(model_paths(root)["ner"])


def test_pipeline_from_env_selects_official(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_STANZA_MODELS", "official")
    assert NlpSettings.from_env().models == "official"


def test_pipeline_missing_models_say_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="KG_MODELS_DIR"):
        StanzaParser(NlpSettings(model_dir=tmp_path))._config()


def test_pipeline_models_dir_from_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from kg.nlp.pipeline import shipped_model_dir

    monkeypatch.setenv("KG_MODELS_DIR", str(tmp_path))
    assert shipped_model_dir() == tmp_path


def test_pipeline_parser_travels_to_workers_as_its_settings(tmp_path: Path) -> None:
    import pickle

    settings = NlpSettings(models="shipped", model_dir=_fake_models(tmp_path), batch_size=8)
    parser = StanzaParser(settings)
    copy = pickle.loads(pickle.dumps(parser))
    assert copy.settings == settings and copy._pipeline is None and copy._ner is None
    assert copy._config() == parser._config()


def test_pipeline_model_identity_changes_with_the_model_files(tmp_path: Path) -> None:
    import os

    settings = NlpSettings(model_dir=_fake_models(tmp_path))
    first = model_identity(settings)
    assert model_identity(settings) == first
    assert model_identity(NlpSettings(models="official", model_dir=tmp_path)) != first
    depparse = model_paths(tmp_path)["depparse"]
    depparse.write_bytes(b"yy")
    resized = model_identity(settings)
    assert resized != first
    info = depparse.stat()
    os.utime(depparse, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
    assert model_identity(settings) != resized
    depparse.unlink()
    assert "depparse/kg.pt:missing" in model_identity(settings)


def test_pipeline_never_split_list_beside_the_tokenizer_is_used_and_identifies_the_models(tmp_path: Path) -> None:
    root = _fake_models(tmp_path)
    assert "tokenize_postprocessor" not in StanzaParser(NlpSettings(model_dir=root))._config()
    before = model_identity(NlpSettings(model_dir=root))
    (root / UNSPLIT_FILE).write_text("# comment\numumnya\n", encoding="utf-8")
    keep = StanzaParser(NlpSettings(model_dir=root))._config()["tokenize_postprocessor"]
    assert isinstance(keep, NeverSplit) and keep.forms == {"umumnya"}
    assert model_identity(NlpSettings(model_dir=root)) != before


def test_pipeline_character_models_go_to_the_tagger_and_the_parser(tmp_path: Path) -> None:
    root = _fake_models(tmp_path)
    assert not any("charlm" in key for key in StanzaParser(NlpSettings(model_dir=root))._config())
    for rel in CHARLM_FILES.values():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(b"x")
    config = StanzaParser(NlpSettings(model_dir=root))._config()
    for processor in ("pos", "depparse"):
        assert config[f"{processor}_forward_charlm_path"] == str(root / CHARLM_FILES["forward"])
        assert config[f"{processor}_backward_charlm_path"] == str(root / CHARLM_FILES["backward"])


class _RecordingPipeline:
    """Stands in for Stanza: records whether the garbage collector ran during each batch."""

    def __init__(self, fail: bool = False) -> None:
        self.collector_enabled: list[bool] = []
        self.fail = fail

    def bulk_process(self, docs: list[object]) -> list[object]:
        import gc
        from types import SimpleNamespace

        self.collector_enabled.append(gc.isenabled())
        if self.fail:
            raise RuntimeError("model crashed")
        return [SimpleNamespace(sentences=[]) for _ in docs]


@pytest.mark.parametrize("enabled_before", [True, False])
def test_pipeline_batches_parse_with_the_collector_paused_and_restore_it(enabled_before: bool) -> None:
    import gc

    from kg.document import Article

    parser = StanzaParser(NlpSettings(batch_size=2))
    recorder = _RecordingPipeline()
    parser._pipeline = recorder
    was = gc.isenabled()
    try:
        (gc.enable if enabled_before else gc.disable)()
        docs = list(parser.parse_many([Article(str(i), "teks") for i in range(3)]))
        assert [d.article.id for d in docs] == ["0", "1", "2"]
        assert recorder.collector_enabled == [False, False]  # two batches, neither collected during Stanza's work
        assert gc.isenabled() is enabled_before
        parser._pipeline = _RecordingPipeline(fail=True)
        with pytest.raises(RuntimeError, match="model crashed"):
            parser.parse(Article("x", "teks"))
        assert gc.isenabled() is enabled_before  # restored when the model fails too
    finally:
        (gc.enable if was else gc.disable)()
