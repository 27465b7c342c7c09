"""Train kg's Indonesian Stanza models from ``../shared/data`` with Stanza's own entry points.

Every processor is trained by running ``python -m stanza.models.<trainer>`` in a
subprocess, so the results are ordinary Stanza model files. Data policies
(applied to every treebank before training, see MODEL_CARD.md):

- XPOS is blanked: the three treebanks' XPOS tagsets do not overlap.
- PROPN lemmas keep the case of the word form (CSUI and PUD do; GSD lowercases).
- ``compound`` is kept as annotated (only GSD uses it); extraction treats it
  like ``flat`` and ``nmod`` inside a noun phrase.
- NER labels are mapped to PER / ORG / LOC by ``kg/data/ner_labels.toml``;
  stray ``I-`` tags after ``O`` become ``B-`` and are counted.
- The parser can be trained on predicted, not gold, lemmas, UPOS and features
  (``[data] depparse_tags`` in ``training.toml``), so that it learns the input it meets
  at run time. "jackknife" (the shipped parser) splits the training sentences into folds
  and tags each fold with a tagger trained on the other folds; "predicted" retags them with
  the tagger trained on all of them.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.errors import ModelError, TrainingError
from kg.lang import language_pack
from kg.nlp.pipeline import CHARLM_FILES, UNSPLIT_FILE, charlm_paths

__all__ = [
    "PROCESSORS",
    "STEPS",
    "NerRepairCounts",
    "TrainingConfig",
    "TrainingResult",
    "apply_treebank_policy",
    "load_ner_label_map",
    "never_split_lexicon",
    "read_ner_file",
    "train_models",
    "unsplit_forms",
    "write_unsplit_forms",
]

PROCESSORS = ("tokenize", "mwt", "lemma", "pos", "depparse", "ner")
STEPS = ("charlm", *PROCESSORS)
"""What ``kg models train`` can train: the pipeline's processors, and character language models
(forward and backward, trained first) that the tagger and the parser then read. The shipped models
use no character models (they did not help here, see MODEL_CARD.md), so the default is
``PROCESSORS``; ask for ``charlm`` explicitly."""
CHARLM_USERS = ("pos", "depparse")
UD_TRAIN = ("ud/id_csui-ud-train.conllu", "ud/id_gsd-ud-dev.conllu", "ud/id_pud-ud-test.conllu")
UD_DEV = "ud/id_gsd-ud-test.conllu"
VECTOR_CORPORA = ("corpus/indosum/articles.jsonl", "corpus/kumparan/sentences.txt")
SHORTHAND = "id_kg"
MODEL_FILES = {p: f"{p}/kg.pt" for p in PROCESSORS} | {"pretrain": "pretrain/kg.pt"}
_HERE = Path(__file__).parent
_NER_LABELS = _HERE.parent / "data" / "ner_labels.toml"
_NEVER_SPLIT = language_pack().file("never_split.toml")
_HYPERPARAMETERS = _HERE / "training.toml"


@dataclass(frozen=True)
class TrainingConfig:
    """Where the data is, where the models go, and which profile of hyperparameters to use."""

    data_dir: Path
    out_dir: Path
    work_dir: Path
    profile: str = "full"
    processors: tuple[str, ...] = PROCESSORS
    jobs: int = 1
    seed: int = 1234
    ud_train: tuple[str, ...] = UD_TRAIN
    ud_dev: str = UD_DEV
    vector_corpora: tuple[str, ...] = VECTOR_CORPORA
    ner_train: tuple[str, ...] | None = None
    ner_dev: str | None = None
    vectors: bool = True
    ud_repeat: tuple[tuple[str, int], ...] | None = None
    pos_ud_repeat: tuple[tuple[str, int], ...] | None = None  # the tagger's own weighting; None reads training.toml
    pretrain_file: Path | None = None
    depparse_ud_repeat: tuple[tuple[str, int], ...] | None = None  # the parser's own weighting; None reads training.toml
    depparse_tags: str | None = None  # "gold", "predicted" or "jackknife"; None reads training.toml


@dataclass(frozen=True)
class StepResult:
    """One processor's training run."""

    processor: str
    seconds: float
    model_path: Path
    log_path: Path


@dataclass(frozen=True)
class NerRepairCounts:
    """What was changed while normalising NER files."""

    sentences: int = 0
    tokens: int = 0
    relabelled_to_o: int = 0
    stray_inside_fixed: int = 0
    malformed_lines: int = 0


@dataclass(frozen=True)
class TrainingResult:
    """What ``train_models`` produced."""

    config: TrainingConfig
    steps: tuple[StepResult, ...]
    ner_repairs: NerRepairCounts | None
    hyperparameters: dict[str, list[str]] = field(default_factory=dict)


# --------------------------------------------------------------------------- UD policy


def apply_treebank_policy(conllu_text: str) -> str:
    """Apply the project's treebank policy to one CoNLL-U text.

    >>> line = "1\\tJakarta\\tjakarta\\tPROPN\\tNSD\\t_\\t0\\troot\\t_\\t_"
    >>> apply_treebank_policy(line + "\\n").split("\\t")[2:5]
    ['Jakarta', 'PROPN', '_']
    """
    out: list[str] = []
    for line in conllu_text.splitlines():
        cols = line.split("\t")
        if len(cols) == 10 and not line.startswith("#"):
            cols[4] = "_"
            if cols[3] == "PROPN" and cols[2].lower() == cols[1].lower():
                cols[2] = cols[1]
            line = "\t".join(cols)
        out.append(line)
    return "\n".join(out) + "\n"


def _write_policy_conllu(sources: Iterable[Path], target: Path) -> int:
    target.parent.mkdir(parents=True, exist_ok=True)
    parts = []
    for source in sources:
        if not source.is_file():
            raise TrainingError(f"Treebank file {source} is missing: pass --data-dir pointing at shared/data.")
        parts.append(apply_treebank_policy(source.read_text(encoding="utf-8")).strip("\n") + "\n\n")
    text = "".join(parts)
    target.write_text(text, encoding="utf-8")
    return text.count("\n\n")


# --------------------------------------------------------------------------- NER data


def load_ner_label_map(path: Path = _NER_LABELS) -> dict[str, str]:
    """Return the data set label -> kg label map from ``ner_labels.toml``."""
    with path.open("rb") as handle:
        return dict(tomllib.load(handle)["labels"])


def _ner_training_files(path: Path = _NER_LABELS) -> tuple[tuple[str, ...], str]:
    with path.open("rb") as handle:
        data = tomllib.load(handle)["training"]
    return tuple(data["train"]), str(data["dev"])


def read_ner_file(path: Path, label_map: dict[str, str] | None = None) -> tuple[list[list[tuple[str, str]]], NerRepairCounts]:
    """Read an IOB file (tag in the last column) into sentences of (token, kg tag).

    Labels are mapped with ``label_map``; an ``I-`` tag that does not continue an
    entity of the same label becomes ``B-``. Returns the sentences and a count of repairs.
    """
    labels = load_ner_label_map() if label_map is None else label_map
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    relabelled = stray = malformed = tokens = 0
    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip():
                if current:
                    sentences.append(current)
                    current = []
                continue
            if line.startswith("-DOCSTART-"):
                continue
            cols = line.split("\t") if "\t" in line else line.split()
            if len(cols) < 2:
                malformed += 1
                continue
            token, tag = cols[0].strip(), cols[-1].strip()
            if not token:
                malformed += 1
                continue
            new_tag = "O"
            if tag != "O":
                prefix, _, label = tag.partition("-")
                mapped = labels.get(label)
                if prefix not in ("B", "I") or mapped is None:
                    malformed += 1
                    mapped = "O"
                if mapped == "O":
                    relabelled += 1
                else:
                    previous = current[-1][1] if current else "O"
                    if prefix == "I" and previous[2:] != mapped:
                        stray += 1
                        prefix = "B"
                    new_tag = f"{prefix}-{mapped}"
            current.append((token, new_tag))
            tokens += 1
    if current:
        sentences.append(current)
    return sentences, NerRepairCounts(len(sentences), tokens, relabelled, stray, malformed)


def _merge_counts(counts: Sequence[NerRepairCounts]) -> NerRepairCounts:
    return NerRepairCounts(*(sum(getattr(c, name) for c in counts) for name in NerRepairCounts.__dataclass_fields__))


def _write_ner_json(sentences: list[list[tuple[str, str]]], target: Path) -> None:
    document = [[{"text": token, "ner": tag} for token, tag in sentence] for sentence in sentences]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


# --------------------------------------------------------------------------- word vectors

_WORD = re.compile(r"\w+(?:[-']\w+)*|[^\w\s]", re.UNICODE)


def _corpus_texts(config: TrainingConfig) -> Iterator[str]:
    """The raw texts of the corpora for word vectors and character models (``config.vector_corpora``)."""
    for rel in config.vector_corpora:
        path = config.data_dir / rel
        if not path.is_file():
            raise TrainingError(f"Corpus file {path} is missing: pass --data-dir pointing at shared/data.")
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                text = json.loads(line).get("text", "") if path.suffix == ".jsonl" else line
                if text.strip():
                    yield text.strip()


def _vector_sentences(config: TrainingConfig) -> Iterator[list[str]]:
    for text in _corpus_texts(config):
        for chunk in text.split("\n"):
            words = _WORD.findall(chunk.lower())
            if words:
                yield words
    for rel in config.ud_train:
        for line in (config.data_dir / rel).read_text(encoding="utf-8").splitlines():
            if line.startswith("# text = "):
                yield _WORD.findall(line[9:].lower())


def _train_vectors(config: TrainingConfig, settings: dict[str, int], target: Path) -> Path:
    from gensim.models import Word2Vec

    sentences = list(_vector_sentences(config))
    model = Word2Vec(
        sentences=sentences,
        vector_size=settings["dim"],
        window=settings["window"],
        min_count=settings["min_count"],
        epochs=settings["epochs"],
        sg=1,
        workers=1,
        seed=config.seed,
        max_final_vocab=settings["max_vocab"],
    )
    text_path = target.with_suffix(".txt")
    text_path.parent.mkdir(parents=True, exist_ok=True)
    model.wv.save_word2vec_format(str(text_path), binary=False)
    # Stanza's Pretrain converts the text vectors into its own .pt format on first load.
    code = "import sys\nfrom stanza.models.common.pretrain import Pretrain\nPretrain(sys.argv[1], sys.argv[2], -1).load()\n"
    subprocess.run([sys.executable, "-c", code, str(target), str(text_path)], check=True)
    text_path.unlink()
    return target


# --------------------------------------------------------------------------- processors


def _data_settings() -> dict[str, object]:
    """The ``[data]`` table of training.toml."""
    with _HYPERPARAMETERS.open("rb") as handle:
        return dict(tomllib.load(handle).get("data", {}))


def _load_repeats(key: str = "ud_repeat") -> dict[str, int]:
    """How many times each treebank enters a training file (``[data] ud_repeat`` or ``pos_ud_repeat``)."""
    repeats = _data_settings().get(key, {})
    assert isinstance(repeats, dict)
    return {k: int(v) for k, v in repeats.items()}


def _retagged(source: Path, out_dir: Path, work_dir: Path) -> Path:
    """A copy of ``source`` with the lemmas, UPOS and features of the tagger and lemmatizer in ``out_dir``."""
    from kg.nlp.pipeline import retag_conllu

    target = work_dir / "ud" / f"{source.stem}.retagged.conllu"
    try:
        target.write_text(retag_conllu(source.read_text(encoding="utf-8"), out_dir), encoding="utf-8")
    except ModelError as exc:
        raise TrainingError(
            f'{exc} Train pos and lemma first (or in the same run), or set depparse_tags = "gold" in training.toml.'
        ) from exc
    return target


def _retag_for_parser(prep: _Prepared, out_dir: Path, work_dir: Path) -> _Prepared:
    """Copies of the parser's training and dev files with the trained tagger's lemmas, UPOS and features."""
    return replace(
        prep, depparse_train=_retagged(prep.depparse_train, out_dir, work_dir), dev=_retagged(prep.dev, out_dir, work_dir)
    )


def jackknife_folds(count: int, folds: int, seed: int) -> list[list[int]]:
    """Split sentence indices ``0..count-1`` into ``folds`` folds after a seeded shuffle (each fold sorted)."""
    if folds < 2:
        raise TrainingError(f"jackknife_folds must be at least 2, not {folds}.")
    order = list(range(count))
    random.Random(seed).shuffle(order)
    return [sorted(order[k::folds]) for k in range(folds)]


def _policy_sentences(config: TrainingConfig) -> list[tuple[str, str]]:
    """Each training sentence once, as (treebank, CoNLL-U block) with the treebank policy applied."""
    sentences: list[tuple[str, str]] = []
    for rel in config.ud_train:
        text = apply_treebank_policy((config.data_dir / rel).read_text(encoding="utf-8"))
        sentences.extend((rel, block.strip("\n")) for block in text.strip("\n").split("\n\n") if block.strip())
    return sentences


def _jackknife_for_parser(config: TrainingConfig, prep: _Prepared, pos_flags: list[str], threads: int) -> _Prepared:
    """The parser's training file with each fold of sentences tagged by a tagger that never saw it.

    The training sentences are split into ``[data] jackknife_folds`` folds; for each fold a tagger
    (the pos flags plus ``pos_jackknife``) is trained on the other folds, weighted as the shipped
    tagger is, and it and the trained lemmatizer retag the fold. The parser thus learns from tags
    as wrong as the ones it meets at run time. The dev file is retagged by the full tagger.
    """
    from kg.nlp.pipeline import retag_conllu

    settings = _data_settings()
    sentences = _policy_sentences(config)
    folds, seed = settings.get("jackknife_folds", 2), settings.get("jackknife_seed", 1)
    if not isinstance(folds, int) or not isinstance(seed, int):
        raise TrainingError("jackknife_folds and jackknife_seed in training.toml must be whole numbers.")
    parts = jackknife_folds(len(sentences), folds, seed)
    work = config.work_dir / "jackknife"
    pos_weights = dict(prep.pos_weights)

    def fold_models(k: int) -> Path:
        others = sorted(i for j, part in enumerate(parts) if j != k for i in part)
        train = work / f"tagger{k}.conllu"
        train.parent.mkdir(parents=True, exist_ok=True)
        blocks = [sentences[i][1] for i in others for _ in range(pos_weights.get(sentences[i][0], 1))]
        train.write_text("\n\n".join(blocks) + "\n\n", encoding="utf-8")
        model_dir = work / f"models{k}"
        save = model_dir / MODEL_FILES["pos"]
        save.parent.mkdir(parents=True, exist_ok=True)
        _, args = _step_args("pos", config, replace(prep, pos_train=train), save)
        args[args.index("--output_file") + 1] = str(work / f"pos{k}.dev.pred.conllu")
        log = config.work_dir / "logs" / f"pos.jackknife{k}.log"
        _run_stanza("stanza.models.tagger", [*args, *pos_flags], log, threads)
        if not save.is_file():
            raise TrainingError(f"The jackknife tagger {k} wrote no model at {save}; read {log}.")
        shared = [MODEL_FILES["lemma"], MODEL_FILES["pretrain"], *CHARLM_FILES.values(), "resources.json"]
        for rel in shared:
            source, link = config.out_dir / rel, model_dir / rel
            if source.is_file() and not link.exists():
                link.parent.mkdir(parents=True, exist_ok=True)
                link.symlink_to(source)
        return model_dir

    with ThreadPoolExecutor(max_workers=max(1, config.jobs)) as pool:
        model_dirs = list(pool.map(fold_models, range(len(parts))))
    depparse_weights = dict(prep.depparse_weights)
    out: list[str] = []
    for part, model_dir in zip(parts, model_dirs, strict=True):
        text = retag_conllu("\n\n".join(sentences[i][1] for i in part) + "\n\n", model_dir)
        blocks = [b for b in text.strip("\n").split("\n\n") if b.strip()]
        for i, block in zip(part, blocks, strict=True):
            out.extend([block] * depparse_weights.get(sentences[i][0], 1))
    target = config.work_dir / "ud" / "train.jackknife.conllu"
    target.write_text("\n\n".join(out) + "\n\n", encoding="utf-8")
    return replace(prep, depparse_train=target, dev=_retagged(prep.dev, config.out_dir, config.work_dir))


def _load_hyperparameters(profile: str) -> tuple[dict[str, list[str]], dict[str, int]]:
    with _HYPERPARAMETERS.open("rb") as handle:
        data = tomllib.load(handle)
    if profile not in data:
        known = sorted(k for k in data if k not in ("vectors", "data"))
        raise TrainingError(f"Unknown training profile {profile!r}; choose one of {known}.")
    return {k: list(v) for k, v in data[profile].items()}, dict(data["vectors"][profile])


def _run_stanza(module: str, args: list[str], log_path: Path, threads: int) -> None:
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads), PYTHONHASHSEED="0")
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("w", encoding="utf-8") as log:
        log.write(f"$ python -m {module} {' '.join(args)}\n")
        log.flush()
        proc = subprocess.run([sys.executable, "-m", module, *args], stdout=log, stderr=subprocess.STDOUT, env=env)
    if proc.returncode != 0:
        raise TrainingError(f"Training with {module} failed (exit {proc.returncode}); read {log_path}.")


@dataclass(frozen=True)
class _Prepared:
    train: Path
    dev: Path
    pos_train: Path  # the tagger's training file: ``train`` unless the tagger weighs the treebanks its own way
    depparse_train: Path  # the parser's, likewise
    ner_train: Path | None
    ner_dev: Path | None
    pretrain: Path | None
    tokenize_dir: Path | None
    pos_weights: tuple[tuple[str, int], ...] = ()  # how often each treebank enters the tagger's file
    depparse_weights: tuple[tuple[str, int], ...] = ()  # and the parser's


def _prepare_tokenizer_data(config: TrainingConfig, train: Path, dev: Path) -> Path:
    """Lay the treebank out as Stanza's tokenizer data preparation expects, and run it."""
    udbase = config.work_dir / "udbase"
    treebank = udbase / "UD_Indonesian-KG"
    treebank.mkdir(parents=True, exist_ok=True)
    shutil.copy(train, treebank / f"{SHORTHAND}-ud-train.conllu")
    shutil.copy(dev, treebank / f"{SHORTHAND}-ud-dev.conllu")
    shutil.copy(dev, treebank / f"{SHORTHAND}-ud-test.conllu")
    out = config.work_dir / "tokenize"
    env = dict(os.environ, UDBASE=str(udbase), TOKENIZE_DATA_DIR=str(out), PYTHONHASHSEED="0")
    log = config.work_dir / "logs" / "tokenize-prepare.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as handle:
        proc = subprocess.run(
            [sys.executable, "-m", "stanza.utils.datasets.prepare_tokenizer_treebank", "UD_Indonesian-KG"],
            stdout=handle,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=config.work_dir,
        )
    if proc.returncode != 0:
        raise TrainingError(f"Preparing tokenizer data failed; read {log}.")
    return out


def _prepare_charlm_data(config: TrainingConfig, dev_share: float) -> tuple[Path, Path]:
    """Shuffle the corpus texts (seeded) into a training folder and a held-out dev file."""
    import random

    texts = list(_corpus_texts(config))  # case kept: capitals mark names
    random.Random(config.seed).shuffle(texts)
    held = max(1, round(len(texts) * dev_share)) if len(texts) > 1 else 0
    folder = config.work_dir / "charlm"
    train_dir = folder / "train"
    train_dir.mkdir(parents=True, exist_ok=True)
    (train_dir / "corpus.txt").write_text("\n".join(texts[held:]) + "\n", encoding="utf-8")
    dev = folder / "dev.txt"
    dev.write_text("\n".join(texts[:held] or texts) + "\n", encoding="utf-8")
    return train_dir, dev


def _train_charlm(config: TrainingConfig, flags: list[str], dev_share: float, threads: int) -> Path:
    """Train the forward and the backward character language model; return the forward one's path."""
    train_dir, dev = _prepare_charlm_data(config, dev_share)
    vocab = (config.out_dir / CHARLM_FILES["forward"]).parent / "vocab.pt"  # Stanza writes it beside the models
    vocab.unlink(missing_ok=True)  # built from this corpus by the forward run, reused by the backward one
    for direction in ("forward", "backward"):
        save = config.out_dir / CHARLM_FILES[direction]
        save.parent.mkdir(parents=True, exist_ok=True)
        args = [
            "--train_dir",
            str(train_dir),
            "--eval_file",
            str(dev),
            "--shorthand",
            SHORTHAND,
            "--direction",
            direction,
            "--save_dir",
            str(save.parent),
            "--save_name",
            save.name,
            "--vocab_save_name",
            vocab.name,
            "--checkpoint_save_name",
            str(config.work_dir / "charlm" / f"checkpoint_{direction}.pt"),
            "--cpu",
            "--seed",
            str(config.seed),
            *flags,
        ]
        log = config.work_dir / "logs" / f"charlm_{direction}.log"
        _run_stanza("stanza.models.charlm", args, log, threads)
        if not save.is_file():
            raise TrainingError(f"charlm ({direction}) training wrote no model at {save}; read {log}.")
    vocab.unlink(missing_ok=True)  # each model holds its vocabulary
    return config.out_dir / CHARLM_FILES["forward"]


def _step_args(processor: str, config: TrainingConfig, prep: _Prepared, save: Path) -> tuple[str, list[str]]:
    common = ["--save_dir", str(save.parent), "--save_name", save.name, "--cpu", "--seed", str(config.seed)]
    pretrain = ["--wordvec_pretrain_file", str(prep.pretrain)] if prep.pretrain else ["--no_pretrain"]
    charlm = charlm_paths(config.out_dir) if processor in CHARLM_USERS else None
    if charlm is not None:
        forward, backward = charlm
        pretrain += [
            "--charlm",
            "--charlm_shorthand",
            SHORTHAND,
            "--charlm_forward_file",
            str(forward),
            "--charlm_backward_file",
            str(backward),
        ]
    if processor == "tokenize":
        assert prep.tokenize_dir is not None
        t = prep.tokenize_dir
        return "stanza.models.tokenizer", [
            "--label_file",
            str(t / f"{SHORTHAND}-ud-train.toklabels"),
            "--txt_file",
            str(t / f"{SHORTHAND}.train.txt"),
            "--lang",
            "id",
            "--shorthand",
            SHORTHAND,
            "--max_seqlen",
            "300",
            "--mwt_json_file",
            str(t / f"{SHORTHAND}-ud-dev-mwt.json"),
            "--dev_txt_file",
            str(t / f"{SHORTHAND}.dev.txt"),
            "--dev_label_file",
            str(t / f"{SHORTHAND}-ud-dev.toklabels"),
            "--dev_conll_gold",
            str(t / f"{SHORTHAND}.dev.gold.conllu"),
            "--conll_file",
            str(config.work_dir / "tokenize.dev.pred.conllu"),
            *common,
        ]
    if processor == "mwt":
        return "stanza.models.mwt_expander", [
            "--train_file",
            str(prep.train),
            "--eval_file",
            str(prep.dev),
            "--output_file",
            str(config.work_dir / "mwt.dev.pred.conllu"),
            "--gold_file",
            str(prep.dev),
            "--lang",
            "id",
            "--shorthand",
            SHORTHAND,
            *common,
        ]
    if processor == "lemma":
        return "stanza.models.lemmatizer", [
            "--train_file",
            str(prep.train),
            "--eval_file",
            str(prep.dev),
            "--output_file",
            str(config.work_dir / "lemma.dev.pred.conllu"),
            "--shorthand",
            SHORTHAND,
            "--mode",
            "train",
            *common,
        ]
    if processor == "pos":
        return "stanza.models.tagger", [
            "--train_file",
            str(prep.pos_train),
            "--eval_file",
            str(prep.dev),
            "--output_file",
            str(config.work_dir / "pos.dev.pred.conllu"),
            "--shorthand",
            SHORTHAND,
            "--mode",
            "train",
            *pretrain,
            *common,
        ]
    if processor == "depparse":
        return "stanza.models.parser", [
            "--train_file",
            str(prep.depparse_train),
            "--eval_file",
            str(prep.dev),
            "--output_file",
            str(config.work_dir / "depparse.dev.pred.conllu"),
            "--lang",
            "id",
            "--shorthand",
            SHORTHAND,
            "--mode",
            "train",
            "--no_checkpoint",
            *pretrain,
            *common,
        ]
    if processor == "ner":
        assert prep.ner_train is not None and prep.ner_dev is not None
        return "stanza.models.ner_tagger", [
            "--train_file",
            str(prep.ner_train),
            "--eval_file",
            str(prep.ner_dev),
            "--shorthand",
            SHORTHAND,
            "--mode",
            "train",
            *pretrain,
            *common,
        ]
    raise TrainingError(f"Unknown processor {processor!r}; choose from {', '.join(PROCESSORS)}.")


def _prepare(config: TrainingConfig, vector_settings: dict[str, int]) -> tuple[_Prepared, NerRepairCounts | None]:
    data = config.data_dir
    work = config.work_dir
    train = work / "ud" / "train.conllu"
    dev = work / "ud" / "dev.conllu"
    repeat = _load_repeats() if config.ud_repeat is None else dict(config.ud_repeat)
    shared = [data / rel for rel in config.ud_train for _ in range(repeat.get(rel, 1))]
    _write_policy_conllu(shared, train)

    def weighted(key: str, override: tuple[tuple[str, int], ...] | None, processor: str) -> tuple[Path, dict[str, int]]:
        weights = {**repeat, **(_load_repeats(key) if override is None else dict(override))}
        extra = {rel: weights.get(rel, 1) - repeat.get(rel, 1) for rel in config.ud_train}
        if min(extra.values(), default=0) < 0:
            raise TrainingError(f"{key} in training.toml may only count a treebank more often than ud_repeat.")
        if processor not in config.processors or not any(extra.values()):
            return train, weights
        # the shared training file, then the extra copies
        target = work / "ud" / f"train.{processor}.conllu"
        _write_policy_conllu(shared + [data / rel for rel in config.ud_train for _ in range(extra[rel])], target)
        return target, weights

    pos_train, pos_weights = weighted("pos_ud_repeat", config.pos_ud_repeat, "pos")
    depparse_train, depparse_weights = weighted("depparse_ud_repeat", config.depparse_ud_repeat, "depparse")
    _write_policy_conllu([data / config.ud_dev], dev)
    ner_train_path = ner_dev_path = None
    repairs = None
    if "ner" in config.processors:
        default_train, default_dev = _ner_training_files()
        train_files = config.ner_train or default_train
        dev_file = config.ner_dev or default_dev
        sentences: list[list[tuple[str, str]]] = []
        counts = []
        for rel in train_files:
            path = data / rel
            if not path.is_file():
                raise TrainingError(f"NER file {path} is missing: pass --data-dir pointing at shared/data.")
            got, count = read_ner_file(path)
            sentences.extend(got)
            counts.append(count)
        dev_sentences, dev_count = read_ner_file(data / dev_file)
        counts.append(dev_count)
        repairs = _merge_counts(counts)
        ner_train_path = work / "ner" / "train.json"
        ner_dev_path = work / "ner" / "dev.json"
        _write_ner_json(sentences, ner_train_path)
        _write_ner_json(dev_sentences, ner_dev_path)
    pretrain = None
    needs_vectors = {"pos", "depparse", "ner"} & set(config.processors)
    if config.pretrain_file is not None and needs_vectors:
        pretrain = config.out_dir / MODEL_FILES["pretrain"]
        if config.pretrain_file.resolve() != pretrain:
            pretrain.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(config.pretrain_file, pretrain)
    elif config.vectors and needs_vectors:
        pretrain = config.out_dir / MODEL_FILES["pretrain"]
        _train_vectors(config, vector_settings, pretrain)
    tokenize_dir = None
    if "tokenize" in config.processors:
        tokenize_dir = _prepare_tokenizer_data(config, train, dev)
        write_unsplit_forms(train.read_text(encoding="utf-8"), config.out_dir / UNSPLIT_FILE)
    prepared = _Prepared(
        train,
        dev,
        pos_train,
        depparse_train,
        ner_train_path,
        ner_dev_path,
        pretrain,
        tokenize_dir,
        tuple(sorted(pos_weights.items())),
        tuple(sorted(depparse_weights.items())),
    )
    return prepared, repairs


_CLITIC_ENDING = re.compile(r"(?:nya|lah|kah|tah|pun|ku|mu)$")


def unsplit_forms(conllu_text: str) -> list[str]:
    """Lowercase forms ending like a clitic that the treebank has as one word at least as often as split.

    Counted over ``conllu_text`` as it is (a treebank counted twice in the training file weighs twice).
    Nouns and verbs ending in -nya are left out when at least half their whole occurrences are
    nouns or verbs: kept whole ("wafatnya", "menempatkannya") they are annotation slips more often
    than lexicalised words, and the possessor or object that their clitic carries matters to the graph.
    """
    whole: dict[str, int] = {}
    split: dict[str, int] = {}
    carrying: dict[str, int] = {}
    inside = 0
    for line in conllu_text.splitlines():
        cols = line.split("\t")
        if len(cols) < 4 or line.startswith("#"):
            continue
        if "-" in cols[0]:
            first, _, last = cols[0].partition("-")
            inside = int(last) - int(first) + 1
            form = cols[1].lower()
            split[form] = split.get(form, 0) + 1
        elif inside:
            inside -= 1
        elif "." not in cols[0]:
            form = cols[1].lower()
            whole[form] = whole.get(form, 0) + 1
            carries = form.endswith("nya") and cols[3] in ("NOUN", "PROPN", "X", "VERB")
            carrying[form] = carrying.get(form, 0) + carries
    return sorted(
        f for f, n in whole.items() if _CLITIC_ENDING.search(f) and len(f) > 4 and n >= split.get(f, 0) and carrying[f] * 2 <= n
    )


def never_split_lexicon(path: Path = _NEVER_SPLIT) -> list[str]:
    """The hand-listed forms of ``kg/lang/id/never_split.toml`` (lowercase)."""
    with path.open("rb") as handle:
        forms = tomllib.load(handle)["never_split"]["forms"]
    return sorted({str(f).lower() for f in forms})


def write_unsplit_forms(conllu_text: str, target: Path) -> Path:
    """Write ``unsplit_forms`` of the training treebank and the hand-listed forms beside the tokenizer."""
    target.parent.mkdir(parents=True, exist_ok=True)
    forms = sorted(set(unsplit_forms(conllu_text)) | set(never_split_lexicon()))
    header = (
        "# Word forms the tokenizer never splits into clitics (kg.nlp.pipeline.NeverSplit): those the training\n"
        "# treebanks annotate as one word at least as often as split, and kg/lang/id/never_split.toml.\n"
        "# Written by `kg models train`; one lowercase form a line.\n"
    )
    target.write_text(header + "".join(f"{f}\n" for f in forms), encoding="utf-8")
    return target


def train_models(config: TrainingConfig, on_step: Callable[[StepResult], None] | None = None) -> TrainingResult:
    """Train the requested processors; return where the models and logs are."""
    unknown = set(config.processors) - set(STEPS)
    if unknown:
        raise TrainingError(f"Unknown processor(s) {sorted(unknown)}; choose from {', '.join(STEPS)}.")
    hyper, vector_settings = _load_hyperparameters(config.profile)
    config = replace(
        config,
        data_dir=config.data_dir.resolve(),
        out_dir=config.out_dir.resolve(),
        work_dir=config.work_dir.resolve(),
        pretrain_file=config.pretrain_file.resolve() if config.pretrain_file else None,
    )
    config.work_dir.mkdir(parents=True, exist_ok=True)
    write_resources(config.out_dir)  # the parser's retagging loads the new tagger from there
    prep, repairs = _prepare(config, vector_settings)
    threads = max(1, (os.cpu_count() or 1) // max(1, config.jobs))
    data_settings = _data_settings()
    tags = config.depparse_tags or str(data_settings.get("depparse_tags", "gold"))
    charlm_dev_share = float(data_settings.get("charlm_dev_share", 0.01))  # type: ignore[arg-type]
    if tags not in ("gold", "predicted", "jackknife"):
        raise TrainingError(f"depparse_tags must be 'gold', 'predicted' or 'jackknife', not {tags!r}.")
    half_precision = data_settings.get("half_precision", [])
    if not isinstance(half_precision, list) or set(half_precision) - set(PROCESSORS):
        raise TrainingError(f"half_precision in training.toml must list processors from {', '.join(PROCESSORS)}.")

    def run_one(processor: str) -> StepResult:
        if processor == "charlm":
            start = time.monotonic()
            model = _train_charlm(config, hyper.get("charlm", []), charlm_dev_share, threads)
            step = StepResult("charlm", time.monotonic() - start, model, config.work_dir / "logs" / "charlm_forward.log")
            if on_step is not None:
                on_step(step)
            return step
        if processor in CHARLM_USERS and "charlm" in futures:
            futures["charlm"].result()  # the tagger and the parser read the character language models
        save = config.out_dir / MODEL_FILES[processor]
        save.parent.mkdir(parents=True, exist_ok=True)
        data = prep
        if processor == "depparse" and tags != "gold":
            for needed in ("pos", "lemma"):
                if needed in futures:
                    futures[needed].result()  # the parser's input comes from these models
            if tags == "jackknife":
                data = _jackknife_for_parser(config, prep, [*hyper.get("pos", []), *hyper.get("pos_jackknife", [])], threads)
            else:
                data = _retag_for_parser(prep, config.out_dir, config.work_dir)
        module, args = _step_args(processor, config, data, save)
        log = config.work_dir / "logs" / f"{processor}.log"
        start = time.monotonic()
        _run_stanza(module, [*args, *hyper.get(processor, [])], log, threads)
        if not save.is_file():
            raise TrainingError(f"{processor} training wrote no model at {save}; read {log}.")
        if processor in half_precision:
            store_half_precision(save)
        step = StepResult(processor, time.monotonic() - start, save, log)
        if on_step is not None:
            on_step(step)
        return step

    # the character models go first (the tagger and the parser wait for them), the parser last
    # (with predicted tags it waits for the tagger and lemmatizer)
    order = sorted(config.processors, key=lambda p: (p != "charlm", p in CHARLM_USERS, p == "depparse"))
    futures: dict[str, Future[StepResult]] = {}
    try:
        with ThreadPoolExecutor(max_workers=max(1, config.jobs)) as pool:
            for processor in order:
                futures[processor] = pool.submit(run_one, processor)
            steps = tuple(futures[p].result() for p in config.processors)
    finally:
        write_resources(config.out_dir)  # the models that did finish stay loadable
    return TrainingResult(config, steps, repairs, hyper)


def store_half_precision(model_file: Path) -> None:
    """Rewrite a Stanza model file with its float32 weights stored as float16 (half the size).

    Stanza copies the saved tensors into the model's float32 parameters when it loads, so the
    model computes as before; only the weights are rounded (session 5: parser LAS 72.89 -> 72.88).
    """
    import torch

    checkpoint = torch.load(model_file, map_location="cpu", weights_only=False)
    weights = checkpoint.get("model") if isinstance(checkpoint, dict) else None
    if not isinstance(weights, dict):
        raise TrainingError(f"{model_file} is not a Stanza model file with a 'model' state dict.")
    for name, tensor in weights.items():
        if isinstance(tensor, torch.Tensor) and tensor.dtype == torch.float32:
            weights[name] = tensor.half()
    torch.save(checkpoint, model_file)


def write_resources(model_dir: Path) -> Path:
    """Write the ``resources.json`` Stanza needs to load models from ``model_dir`` offline."""
    path = model_dir / "resources.json"
    model_dir.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"id": {"lang_name": "Indonesian"}}, indent=1) + "\n", encoding="utf-8")
    return path
