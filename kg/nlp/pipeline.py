"""The Stanza pipeline: the only place that runs Stanza on articles.

Models load once, lazily, on the first ``parse``. Which models:

- ``shipped`` (default): the models trained by ``kg models train`` and shipped in
  ``kg/resources/stanza`` (or ``$KG_MODELS_DIR``); no network access.
- ``official``: Stanza's own Indonesian models for tokenize, mwt, pos, lemma and depparse,
  downloaded by Stanza into ``$STANZA_RESOURCES_DIR`` when online (Stanza has no Indonesian
  NER model, so NER stays kg's). Select it with ``KG_STANZA_MODELS=official`` or
  ``NlpSettings(models="official")``.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.collector import collector_paused
from kg.document import Article, ParsedDoc, Sentence, Word, entities_from_tags
from kg.errors import ModelError

__all__ = [
    "CHARLM_FILES",
    "UNSPLIT_FILE",
    "NeverSplit",
    "NlpSettings",
    "StanzaParser",
    "charlm_paths",
    "model_identity",
    "model_paths",
    "retag_conllu",
    "shipped_model_dir",
]

PROCESSORS = "tokenize,mwt,pos,lemma,depparse,ner"
_SHIPPED = Path(__file__).resolve().parent.parent / "resources" / "stanza"
_FILES = {
    "tokenize": "tokenize/kg.pt",
    "mwt": "mwt/kg.pt",
    "pos": "pos/kg.pt",
    "lemma": "lemma/kg.pt",
    "depparse": "depparse/kg.pt",
    "ner": "ner/kg.pt",
    "pretrain": "pretrain/kg.pt",
}


CHARLM_FILES = {"forward": "charlm/forward.pt", "backward": "charlm/backward.pt"}
"""Character language models (``kg models train``), read by the tagger and the parser when present."""
UNSPLIT_FILE = "tokenize/unsplit.txt"
"""Beside the tokenizer: word forms the treebanks keep whole, which the tokenizer must not split (see ``NeverSplit``)."""


_CLAUSE_OPENERS = frozenset(
    {".", "!", "?", ":", ";", "``", "''", '"', "'", "“", "”", "‘", "’", "«", "»", "(", "[", "-", "–", "—"}
)
"""Tokens after which a capitalised word may start a sentence or a quotation rather than be a name."""


class NeverSplit:
    """A Stanza tokenize postprocessor: listed forms and names are never multiword tokens.

    The tokenizer learns from its character context that a word ending in a clitic (-nya, -lah,
    -pun, -ku ...) is usually two words, and so also splits lexicalised words that end in the same
    letters ("bertanya", "selanjutnya", "umumnya") and names ("Hidayatullah" -> "Hidayatul" +
    "lah"). ``kg models train`` lists the forms that the training treebanks annotate as one word at
    least as often as split, with the hand-listed ones of ``kg/lang/id/never_split.toml``
    (``UNSPLIT_FILE``); the pipeline keeps those whole, and also every capitalised word inside a
    sentence (not its first word, nor the first after a full stop, colon or quotation mark): there
    it is a name, and a clitic on a name is rare in news.
    """

    def __init__(self, forms: Iterable[str]) -> None:
        self.forms = frozenset(f.lower() for f in forms)

    @classmethod
    def from_file(cls, path: Path) -> NeverSplit:
        lines = path.read_text(encoding="utf-8").splitlines()
        return cls(line.strip() for line in lines if line.strip() and not line.startswith("#"))

    def __call__(self, sentences: list[list[Any]]) -> list[list[Any]]:
        return [self._sentence(sent) for sent in sentences]

    def _sentence(self, sent: list[Any]) -> list[Any]:
        """``(text, True)`` marks a multiword token: plain ``text`` when it is listed or a name."""
        out = []
        first_word = True
        for token in sent:
            text = token[0] if isinstance(token, tuple) else token
            if isinstance(token, tuple) and token[1] is True:
                name = not first_word and text[:1].isupper()
                if name or text.lower() in self.forms:
                    token = text
            if text in _CLAUSE_OPENERS:
                first_word = True
            elif any(ch.isalnum() for ch in text):
                first_word = False
            out.append(token)
        return out


def charlm_paths(model_dir: Path) -> tuple[Path, Path] | None:
    """The forward and backward character language models in ``model_dir``, or None without both."""
    forward, backward = (model_dir / CHARLM_FILES[d] for d in ("forward", "backward"))
    return (forward, backward) if forward.is_file() and backward.is_file() else None


def _charlm_config(model_dir: Path, processors: Iterable[str]) -> dict[str, str]:
    """Pipeline options that hand ``processors`` the character language models in ``model_dir``, if any."""
    found = charlm_paths(model_dir)
    if found is None:
        return {}
    forward, backward = found
    config: dict[str, str] = {}
    for processor in processors:
        config |= {f"{processor}_forward_charlm_path": str(forward), f"{processor}_backward_charlm_path": str(backward)}
    return config


def shipped_model_dir() -> Path:
    """The folder the shipped models are loaded from (``$KG_MODELS_DIR`` overrides it)."""
    override = os.environ.get("KG_MODELS_DIR")
    return Path(override) if override else _SHIPPED


def model_paths(model_dir: Path) -> dict[str, Path]:
    """The model file of each processor under ``model_dir``."""
    return {name: model_dir / rel for name, rel in _FILES.items()}


@dataclass(frozen=True)
class NlpSettings:
    """Which Stanza models to use and how."""

    models: str = "shipped"
    model_dir: Path | None = None
    batch_size: int = 64

    @classmethod
    def from_env(cls) -> NlpSettings:
        return cls(models=os.environ.get("KG_STANZA_MODELS", "shipped"))


def _stanza_resources_dir() -> Path:
    return Path(os.environ.get("STANZA_RESOURCES_DIR") or Path.home() / "stanza_resources")


def model_identity(settings: NlpSettings | None = None) -> str:
    """A fingerprint of the models that ``settings`` selects, for the parse cache.

    It covers the model setting, Stanza's version and the name, size and modification time of every
    model file (kg's folder, and for ``official`` Stanza's Indonesian downloads too), so retraining
    or swapping models changes it. No model is loaded and no file is read.
    """
    from importlib.metadata import PackageNotFoundError, version

    settings = settings or NlpSettings.from_env()
    model_dir = settings.model_dir or shipped_model_dir()
    try:
        stanza_version = version("stanza")
    except PackageNotFoundError:
        stanza_version = "none"
    files = [model_dir / "resources.json", *model_paths(model_dir).values(), model_dir / UNSPLIT_FILE]
    files += [model_dir / rel for rel in CHARLM_FILES.values()]
    if settings.models == "official":
        official = _stanza_resources_dir() / "id"
        files += sorted(p for p in official.rglob("*") if p.is_file()) if official.is_dir() else []
    parts = [f"models={settings.models}", f"stanza={stanza_version}"]
    for path in files:
        try:
            info = path.stat()
        except OSError:
            parts.append(f"{path.parent.name}/{path.name}:missing")
            continue
        parts.append(f"{path.parent.name}/{path.name}:{info.st_size}:{info.st_mtime_ns}")
    return "\n".join(parts)


class StanzaParser:
    """Turns ``Article``s into ``ParsedDoc``s with one lazily built Stanza pipeline."""

    def __init__(self, settings: NlpSettings | None = None) -> None:
        self.settings = settings or NlpSettings.from_env()
        self._pipeline: Any = None
        self._ner: Any = None
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        """Only the settings travel to another process (``kg build --workers``); models load there."""
        return {"settings": self.settings}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.settings = state["settings"]
        self._pipeline = None
        self._ner = None
        self._lock = threading.Lock()

    # -- loading ----------------------------------------------------------------
    def _config(self) -> dict[str, Any]:
        model_dir = self.settings.model_dir or shipped_model_dir()
        paths = model_paths(model_dir)
        if self.settings.models not in ("shipped", "official"):
            raise ModelError(
                f"Unknown model setting {self.settings.models!r}: use 'shipped' (kg's own models) "
                "or 'official' (Stanza's downloaded Indonesian models)."
            )
        needed = ["ner", "pretrain"] if self.settings.models == "official" else list(paths)
        missing = [str(paths[k]) for k in needed if not paths[k].is_file()]
        if missing or not (model_dir / "resources.json").is_file():
            raise ModelError(
                f"kg's Stanza models are missing in {model_dir} ({', '.join(missing) or 'resources.json'}). "
                "Reinstall kg, set KG_MODELS_DIR to a folder made by `kg models train`, or train them."
            )
        common = {
            "lang": "id",
            "processors": PROCESSORS,
            "logging_level": "WARN",
            "ner_model_path": str(paths["ner"]),
            "ner_pretrain_path": str(paths["pretrain"]),
            "tokenize_batch_size": self.settings.batch_size,
            "pos_batch_size": 3000,
            "depparse_batch_size": 3000,
            "use_gpu": False,
        }
        if self.settings.models == "official":
            from stanza import DownloadMethod

            return common | {"download_method": DownloadMethod.REUSE_RESOURCES}
        unsplit = model_dir / UNSPLIT_FILE
        return (
            common
            | _charlm_config(model_dir, ("pos", "depparse"))
            | {
                "dir": str(model_dir),
                "download_method": None,
                **({"tokenize_postprocessor": NeverSplit.from_file(unsplit)} if unsplit.is_file() else {}),
                "tokenize_model_path": str(paths["tokenize"]),
                "mwt_model_path": str(paths["mwt"]),
                "pos_model_path": str(paths["pos"]),
                "pos_pretrain_path": str(paths["pretrain"]),
                "lemma_model_path": str(paths["lemma"]),
                "depparse_model_path": str(paths["depparse"]),
                "depparse_pretrain_path": str(paths["pretrain"]),
            }
        )

    @property
    def pipeline(self) -> Any:
        """The Stanza pipeline, built on first use."""
        with self._lock:
            if self._pipeline is None:
                config = self._config()
                import stanza

                try:
                    self._pipeline = stanza.Pipeline(**config)
                except Exception as exc:  # stanza raises many types while loading
                    raise ModelError(f"Stanza could not load the models: {exc}") from exc
            return self._pipeline

    def _ner_pipeline(self) -> Any:
        """A pipeline of the NER model alone, over pre-tokenized sentences."""
        with self._lock:
            if getattr(self, "_ner", None) is None:
                config = self._config()
                import stanza

                keep = {
                    k: v
                    for k, v in config.items()
                    if k.startswith(("ner_", "tokenize_model"))
                    or k in ("lang", "dir", "download_method", "logging_level", "use_gpu")
                }
                try:
                    self._ner = stanza.Pipeline(**keep, processors="tokenize,ner", tokenize_pretokenized=True)
                except Exception as exc:
                    raise ModelError(f"Stanza could not load the NER model: {exc}") from exc
            return self._ner

    def ner_tag(self, sentences: list[list[str]]) -> list[list[str]]:
        """BIOES tags for sentences given as token lists."""
        doc = self._ner_pipeline()(sentences)
        return [[token.ner for token in sent.tokens] for sent in doc.sentences]

    def parse_to_conllu(self, text: str) -> str:
        """Parse raw text and return Stanza's own CoNLL-U (with multiword-token lines)."""
        doc = self.pipeline(text)
        return f"{doc:C}" + "\n\n"

    # -- parsing ----------------------------------------------------------------
    def parse(self, article: Article) -> ParsedDoc:
        """Parse one article."""
        return next(iter(self.parse_many([article])))

    def parse_many(self, articles: Iterable[Article]) -> Iterator[ParsedDoc]:
        """Parse articles in batches with Stanza's bulk processing."""
        import stanza

        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= self.settings.batch_size:
                yield from self._parse_batch(batch, stanza)
                batch = []
        if batch:
            yield from self._parse_batch(batch, stanza)

    def _parse_batch(self, batch: list[Article], stanza: Any) -> Iterator[ParsedDoc]:
        docs = [stanza.Document([], text=a.text) for a in batch]
        pipeline = self.pipeline
        with collector_paused():
            processed = pipeline.bulk_process(docs)
        for article, doc in zip(batch, processed, strict=True):
            yield convert_document(article, doc)


def retag_conllu(conllu_text: str, model_dir: Path) -> str:
    """Replace the lemma, UPOS and FEATS columns of a treebank with what the models in ``model_dir`` predict.

    Tokens, words, heads and relations stay gold. Training the parser on predicted rather than gold
    tags teaches it the tagger's mistakes it will meet at run time.
    """
    paths = model_paths(model_dir)
    missing = [str(paths[k]) for k in ("pos", "lemma", "pretrain") if not paths[k].is_file()]
    if missing:
        raise ModelError(f"Retagging needs trained pos, lemma and pretrain models; missing {', '.join(missing)}.")
    blocks = [b for b in conllu_text.strip("\n").split("\n\n") if b.strip()]
    rows = [[line.split("\t") for line in b.splitlines()] for b in blocks]

    def is_word(cols: list[str]) -> bool:
        return len(cols) == 10 and cols[0].isdigit()

    sentences = [[cols[1] for cols in sent if is_word(cols)] for sent in rows]
    import stanza

    try:
        nlp = stanza.Pipeline(
            lang="id",
            dir=str(model_dir),
            download_method=None,
            processors="tokenize,pos,lemma",
            tokenize_pretokenized=True,
            pos_model_path=str(paths["pos"]),
            pos_pretrain_path=str(paths["pretrain"]),
            lemma_model_path=str(paths["lemma"]),
            pos_batch_size=3000,
            logging_level="WARN",
            use_gpu=False,
            **_charlm_config(model_dir, ("pos",)),
        )
    except Exception as exc:  # stanza raises many types while loading
        raise ModelError(f"Stanza could not load the models in {model_dir}: {exc}") from exc
    doc = nlp(sentences)
    out: list[str] = []
    for sent, tagged in zip(rows, doc.sentences, strict=True):
        predicted = iter(tagged.words)
        lines = []
        for cols in sent:
            if is_word(cols):
                w = next(predicted)
                cols = [*cols[:2], w.lemma or cols[1], w.upos or "X", cols[4], w.feats or "_", *cols[6:]]
            lines.append("\t".join(cols))
        out.append("\n".join(lines))
    return "\n\n".join(out) + "\n\n"


def convert_document(article: Article, doc: Any) -> ParsedDoc:
    """Convert a processed ``stanza.Document`` into a ``ParsedDoc``."""
    sentences = []
    for index, sent in enumerate(doc.sentences):
        words: list[Word] = []
        for token in sent.tokens:
            ner = getattr(token, "ner", None) or "O"
            for w in token.words:
                words.append(
                    Word(
                        id=int(w.id),
                        text=w.text,
                        lemma=w.lemma or w.text,
                        upos=w.upos or "X",
                        head=int(w.head or 0),
                        deprel=w.deprel or "dep",
                        start_char=token.start_char,
                        end_char=token.end_char,
                        feats=w.feats or "_",
                        ner=ner,
                    )
                )
        start = sent.tokens[0].start_char if sent.tokens else 0
        end = sent.tokens[-1].end_char if sent.tokens else 0
        frozen = tuple(words)
        sentences.append(Sentence(index, article.text[start:end], start, end, frozen, entities_from_tags(frozen)))
    return ParsedDoc(article, tuple(sentences))
