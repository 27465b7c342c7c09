"""The training path: data policies, NER repairs, and a tiny end-to-end training run."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.nlp.pipeline import NeverSplit
from kg.nlp.training import (
    STEPS,
    NerRepairCounts,
    TrainingConfig,
    TrainingError,
    apply_treebank_policy,
    never_split_lexicon,
    read_ner_file,
    store_half_precision,
    train_models,
    unsplit_forms,
    write_unsplit_forms,
)

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def test_training_policy_blanks_xpos_and_keeps_propn_case() -> None:
    conllu = (
        "# text = Jakarta ramai\n"
        "1\tJakarta\tjakarta\tPROPN\tNSD\t_\t2\tnsubj\t_\t_\n"
        "2\tramai\tramai\tADJ\tASP\t_\t0\troot\t_\t_\n"
    )
    rows = [line.split("\t") for line in apply_treebank_policy(conllu).splitlines() if "\t" in line]
    assert [r[4] for r in rows] == ["_", "_"]
    assert rows[0][2] == "Jakarta"
    assert rows[1][2] == "ramai"
    assert apply_treebank_policy(conllu).startswith("# text = Jakarta ramai\n")


def test_training_ner_labels_mapped_and_repaired(tmp_path: Path) -> None:
    path = tmp_path / "ner.tsv"
    path.write_text(
        "Budi\tB-PERSON\nSantoso\tI-PERSON\nke\tO\nBandung\tI-LOCATION\npada\tO\nSenin\tB-TIME\n\n"
        "PT\tB-ORGANISATION\nMaju\tI-ORGANISATION\n",
        encoding="utf-8",
    )
    sentences, counts = read_ner_file(path)
    assert sentences[0] == [
        ("Budi", "B-PER"),
        ("Santoso", "I-PER"),
        ("ke", "O"),
        ("Bandung", "B-LOC"),
        ("pada", "O"),
        ("Senin", "O"),
    ]
    assert sentences[1] == [("PT", "B-ORG"), ("Maju", "I-ORG")]
    assert counts == NerRepairCounts(sentences=2, tokens=8, relabelled_to_o=1, stray_inside_fixed=1, malformed_lines=0)


def test_training_space_separated_three_columns(tmp_path: Path) -> None:
    path = tmp_path / "idner.txt"
    path.write_text("Presiden NOUN O\nJoko PROPN B-PER\nWidodo PROPN I-PER\n", encoding="utf-8")
    sentences, _ = read_ner_file(path)
    assert sentences == [[("Presiden", "O"), ("Joko", "B-PER"), ("Widodo", "I-PER")]]


def test_training_tagger_weighs_treebanks_its_own_way(tmp_path: Path) -> None:
    from kg.errors import TrainingError
    from kg.nlp.training import _prepare

    (tmp_path / "ud").mkdir()
    for name, word in (("a", "Jakarta"), ("b", "Bandung")):
        (tmp_path / "ud" / f"{name}.conllu").write_text(f"# text = {word}\n1\t{word}\t{word}\tPROPN\t_\t_\t0\troot\t_\t_\n\n")

    def prepare(pos_counts: int) -> tuple[str, str]:
        config = TrainingConfig(
            data_dir=tmp_path,
            out_dir=tmp_path / "out",
            work_dir=tmp_path / "work",
            processors=("pos", "depparse"),
            vectors=False,
            ud_train=("ud/a.conllu", "ud/b.conllu"),
            ud_dev="ud/a.conllu",
            ud_repeat=(("ud/b.conllu", 2),),
            pos_ud_repeat=(("ud/b.conllu", pos_counts),),
            depparse_ud_repeat=(("ud/a.conllu", 2),),
        )
        prep, _ = _prepare(config, {})
        assert dict(prep.pos_weights) == {"ud/b.conllu": pos_counts}
        assert words(prep.depparse_train.read_text(encoding="utf-8")) == ["Jakarta", "Bandung", "Bandung", "Jakarta"]
        return prep.train.read_text(encoding="utf-8"), prep.pos_train.read_text(encoding="utf-8")

    def words(text: str) -> list[str]:
        return [line.split("\t")[1] for line in text.splitlines() if "\t" in line]

    shared, tagger = prepare(3)
    assert words(shared) == ["Jakarta", "Bandung", "Bandung"]
    assert words(tagger) == ["Jakarta", "Bandung", "Bandung", "Bandung"]  # the shared file, then the extra copy
    shared, tagger = prepare(2)
    assert tagger == shared
    with pytest.raises(TrainingError, match="pos_ud_repeat"):
        prepare(1)


@given(count=st.integers(min_value=0, max_value=200), folds=st.integers(min_value=2, max_value=5), seed=st.integers())
def test_training_jackknife_folds_partition_the_sentences(count: int, folds: int, seed: int) -> None:
    from kg.nlp.training import jackknife_folds

    parts = jackknife_folds(count, folds, seed)
    assert len(parts) == folds
    assert sorted(i for part in parts for i in part) == list(range(count))
    assert max(map(len, parts)) - min(map(len, parts)) <= 1
    assert parts == jackknife_folds(count, folds, seed)


def test_training_jackknife_needs_two_folds() -> None:
    from kg.errors import TrainingError
    from kg.nlp.training import jackknife_folds

    with pytest.raises(TrainingError, match="at least 2"):
        jackknife_folds(10, 1, 0)


def _first_sentences(path: Path, n: int) -> str:
    blocks = path.read_text(encoding="utf-8").strip().split("\n\n")
    return "\n\n".join(blocks[:n]) + "\n\n"


@pytest.mark.slow
@pytest.mark.skipif(not SHARED.is_dir(), reason="needs ../shared/data beside the repo")
def test_training_tiny_models_end_to_end(tmp_path: Path) -> None:
    """Train every processor on a handful of sentences with Stanza's trainers, then load and parse."""
    data = tmp_path / "data"
    (data / "ud").mkdir(parents=True)
    (data / "ner").mkdir()
    (data / "corpus").mkdir()
    (data / "ud" / "train.conllu").write_text(_first_sentences(SHARED / "ud" / "id_csui-ud-train.conllu", 40), encoding="utf-8")
    (data / "ud" / "dev.conllu").write_text(_first_sentences(SHARED / "ud" / "id_gsd-ud-test.conllu", 10), encoding="utf-8")
    ner_lines = (SHARED / "ner" / "idner_news_2k" / "train.txt").read_text(encoding="utf-8").split("\n\n")
    (data / "ner" / "train.txt").write_text("\n\n".join(ner_lines[:40]) + "\n", encoding="utf-8")
    (data / "ner" / "dev.txt").write_text("\n\n".join(ner_lines[40:50]) + "\n", encoding="utf-8")
    (data / "corpus" / "text.txt").write_text(
        "Presiden bertemu dengan menteri di Jakarta.\nMenteri itu memuji dukungan rakyat.\n", encoding="utf-8"
    )
    out = tmp_path / "models"
    config = TrainingConfig(
        data_dir=data,
        out_dir=out,
        work_dir=tmp_path / "work",
        profile="tiny",
        jobs=2,
        ud_train=("ud/train.conllu",),
        ud_dev="ud/dev.conllu",
        vector_corpora=("corpus/text.txt",),
        ner_train=("ner/train.txt",),
        ner_dev="ner/dev.txt",
        depparse_tags="jackknife",  # the parser trains on what taggers that never saw each sentence predict
        depparse_ud_repeat=(("ud/train.conllu", 2),),
        processors=STEPS,  # with the optional character language models
    )
    result = train_models(config)
    assert {s.processor for s in result.steps} == {"charlm", "tokenize", "mwt", "lemma", "pos", "depparse", "ner"}
    assert (out / "charlm" / "forward.pt").is_file() and (out / "charlm" / "backward.pt").is_file()
    pos_log = (tmp_path / "work" / "logs" / "pos.log").read_text(encoding="utf-8")
    assert "--charlm_forward_file" in pos_log.splitlines()[0]  # the tagger was trained with them
    for step in result.steps:
        assert step.model_path.is_file(), step.processor
    assert (out / "resources.json").is_file()
    assert (out / "pretrain" / "kg.pt").is_file()
    assert (out / "tokenize" / "unsplit.txt").is_file()
    assert not list(out.rglob("*checkpoint*"))
    jackknifed = (tmp_path / "work" / "ud" / "train.jackknife.conllu").read_text(encoding="utf-8")
    assert jackknifed.count("\n\n") == 80  # every training sentence twice, tree kept, tags predicted
    assert {line.split("\t")[6] for line in jackknifed.splitlines() if "\t" in line} != {"_"}
    for k in (0, 1):  # one tagger for each fold, trained on the other
        assert (tmp_path / "work" / "jackknife" / f"models{k}" / "pos" / "kg.pt").is_file()
        assert (tmp_path / "work" / "jackknife" / f"tagger{k}.conllu").read_text(encoding="utf-8").count("\n\n") == 20
    assert (tmp_path / "work" / "ud" / "dev.retagged.conllu").is_file()
    import torch

    parser_weights = torch.load(out / "depparse" / "kg.pt", map_location="cpu", weights_only=False)["model"]
    assert {t.dtype for t in parser_weights.values() if t.is_floating_point()} == {torch.float16}  # half_precision
    assert not (tmp_path / "work" / "ud" / "train.jackknife.retagged.conllu").exists()  # only the dev file is retagged whole

    from kg.document import Article
    from kg.nlp.pipeline import NlpSettings, StanzaParser

    parser = StanzaParser(NlpSettings(model_dir=out))
    doc = parser.parse(Article("t", "Menteri itu bertemu dengan presiden di Jakarta."))
    words = [w for s in doc.sentences for w in s.words]
    assert words, "the tiny pipeline produced no words"
    assert all(w.upos for w in words)
    assert all(0 <= w.head <= len(s.words) for s in doc.sentences for w in s.words)


UNSPLIT_TREEBANK = """# text = Umumnya mobilnya bertemu.
1\tUmumnya\tumum\tADV\t_\t_\t3\tadvmod\t_\t_
2-3\tmobilnya\t_\t_\t_\t_\t_\t_\t_\t_
2\tmobil\tmobil\tNOUN\t_\t_\t4\tnsubj\t_\t_
3\tnya\tnya\tPRON\t_\t_\t2\tnmod\t_\t_
4\tbertemu\ttemu\tVERB\t_\t_\t0\troot\t_\t_

1\twafatnya\twafat\tNOUN\t_\t_\t0\troot\t_\t_
2\tmenempatkannya\ttempat\tVERB\t_\t_\t1\tacl\t_\t_
3-4\tlainnya\t_\t_\t_\t_\t_\t_\t_\t_
3\tlain\tlain\tADJ\t_\t_\t1\tamod\t_\t_
4\tnya\tnya\tPRON\t_\t_\t3\tnmod\t_\t_
5\tlainnya\tlain\tADJ\t_\t_\t1\tamod\t_\t_
6\tmobilnya\tmobil\tNOUN\t_\t_\t1\tnmod\t_\t_
7\tpemerintah\tpemerintah\tNOUN\t_\t_\t1\tnmod\t_\t_
8\tsebagiannya\tbagian\tADV\t_\t_\t1\tadvmod\t_\t_
9\tsebagiannya\tbagian\tNOUN\t_\t_\t1\tnmod\t_\t_
"""


def test_training_unsplit_forms_are_whole_words_more_often_than_split() -> None:
    # umumnya: whole once, never split; lainnya: once each (a tie keeps it whole); mobilnya:
    # split once and whole once, but a noun; wafatnya (noun) and menempatkannya (verb with an
    # object clitic) keep the clitic the graph needs; bertemu ends in "mu" and pemerintah in
    # "tah", but only -nya marks a possessor or object, so they are kept whole whatever their tag;
    # sebagiannya is a noun once and an adverb once (a tie keeps it whole)
    assert unsplit_forms(UNSPLIT_TREEBANK) == ["bertemu", "lainnya", "pemerintah", "sebagiannya", "umumnya"]


def test_training_unsplit_file_adds_the_hand_listed_forms(tmp_path: Path) -> None:
    target = write_unsplit_forms(UNSPLIT_TREEBANK, tmp_path / "unsplit.txt")
    forms = NeverSplit.from_file(target).forms
    assert {"umumnya", "pemerintah"} <= forms  # learned from the treebank
    assert {"bertanya", "punya", "kenya"} <= forms  # kg/lang/id/never_split.toml
    assert set(never_split_lexicon()) <= forms


def test_training_never_split_postprocessor_keeps_listed_forms_whole(tmp_path: Path) -> None:
    target = write_unsplit_forms(UNSPLIT_TREEBANK, tmp_path / "tokenize" / "unsplit.txt")
    keep = NeverSplit.from_file(target)
    draft = [["Umumnya", ("kunjungannya", True), ("Lainnya", True), "ke", "Jakarta"]]
    assert keep(draft) == [["Umumnya", ("kunjungannya", True), "Lainnya", "ke", "Jakarta"]]


def test_training_never_split_postprocessor_keeps_names_whole() -> None:
    keep = NeverSplit([])
    # inside a sentence a capitalised word is a name ("Hidayatul" + "lah" would be wrong) ...
    draft = [["Menteri", ("Hidayatullah", True), ("datangnya", True), ":", ("Jadilah", True), ("Jadilah", True)]]
    assert keep(draft) == [["Menteri", "Hidayatullah", ("datangnya", True), ":", ("Jadilah", True), "Jadilah"]]
    # ... but the first word of a sentence or of a quotation is capitalised anyway
    draft = [[("Apakah", True), "dia", "berkata", "``", ("Benarkah", True), "?"]]
    assert keep(draft) == draft


def test_training_half_precision_halves_float_weights_only(tmp_path: Path) -> None:
    import torch

    model_file = tmp_path / "kg.pt"
    weights = {"w": torch.ones(64, 64), "steps": torch.tensor([3])}
    torch.save({"model": weights, "config": {"hidden_dim": 64}}, model_file)
    before = model_file.stat().st_size
    store_half_precision(model_file)
    loaded = torch.load(model_file, map_location="cpu", weights_only=False)
    assert loaded["model"]["w"].dtype == torch.float16 and loaded["model"]["steps"].dtype == torch.int64
    assert loaded["config"] == {"hidden_dim": 64}
    assert model_file.stat().st_size < before * 0.6


def test_training_half_precision_refuses_a_file_without_weights(tmp_path: Path) -> None:
    import torch

    model_file = tmp_path / "kg.pt"
    torch.save({"vectors": [1, 2]}, model_file)
    with pytest.raises(TrainingError, match="not a Stanza model file"):
        store_half_precision(model_file)
