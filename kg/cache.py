"""The parse cache: parsed articles stored as CoNLL-U, keyed by content hash.

The key is the SHA-256 of the article text together with the identity of the models that parsed
it (``kg.nlp.pipeline.model_identity``: the model files' names, sizes and modification times, the
model setting and Stanza's version), so an unchanged article is never parsed twice and changing
the models invalidates every entry. The value is the ``ParsedDoc`` as CoNLL-U
(``kg.document.to_conllu``: NER tags and character offsets travel in MISC); the article itself is
not stored, it is the one being built. Entries are written atomically (a temporary file and a
rename), so a killed build never leaves half an entry, and several builds may share one folder.

Layout: ``DIR/ab/abcdef....conllu`` (the first two hex digits of the key name a subfolder).

``ExtractionCache`` keeps extractions the same way (pickles), keyed by the parse they come from and
kg's software fingerprint (code, language data, rules, ontology): the persistent store uses it so
that adding an article re-extracts nothing else. Beside each extraction it keeps its *view* for
actor resolution (``resolution_view``: the mentions and the sentences they are in, no events),
which is what resolving the whole corpus again needs, at a fraction of the loading time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from kg.document import Article, ParsedDoc, from_conllu, to_conllu
from kg.errors import CacheError, InputError

if TYPE_CHECKING:
    from kg.extract import Extraction

__all__ = ["CACHE_FORMAT", "CacheStats", "ExtractionCache", "ParseCache", "doc_from_cache", "resolution_view"]

# Bump when the CoNLL-U written here, or how a ParsedDoc is made from Stanza's output, changes.
CACHE_FORMAT = 1


@dataclass(frozen=True)
class CacheStats:
    """How a build used the parse cache (the ``cache`` entry of report.json)."""

    directory: str
    hits: int = 0
    misses: int = 0


@dataclass(frozen=True)
class ParseCache:
    """A folder of parsed articles for one model identity.

    >>> cache = ParseCache(Path("/tmp/kg-cache"), "models-1")
    >>> cache.key("Presiden tiba.") == cache.key("Presiden tiba.") != ParseCache(Path("/tmp"), "models-2").key("Presiden tiba.")
    True
    """

    directory: Path
    model_identity: str

    def key(self, text: str) -> str:
        """The cache key of an article text under this cache's models."""
        digest = hashlib.sha256(f"kg-parse-cache {CACHE_FORMAT}\0{self.model_identity}\0".encode())
        digest.update(text.encode("utf-8"))
        return digest.hexdigest()

    def path(self, text: str) -> Path:
        key = self.key(text)
        return self.directory / key[:2] / f"{key}.conllu"

    def read(self, article: Article) -> str | None:
        """The cached CoNLL-U of ``article``, or None when it was never parsed with these models."""
        try:
            return self.path(article.text).read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise CacheError(
                f"Cannot read the parse cache entry of article {article.id} in {self.directory}: {exc}. "
                "Fix the folder's permissions, choose another one with --cache DIR, or build with --no-cache."
            ) from exc

    def get(self, article: Article) -> ParsedDoc | None:
        """The cached parse of ``article``, or None (never parsed, or an unreadable entry)."""
        text = self.read(article)
        if text is None:
            return None
        try:
            return doc_from_cache(text, article)
        except InputError:
            return None

    def put(self, doc: ParsedDoc) -> Path:
        """Store the parse of ``doc.article`` (atomically); return the entry's path."""
        path = self.path(doc.article.text)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(to_conllu(doc).encode("utf-8"))
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            raise CacheError(
                f"Cannot write the parse cache in {self.directory}: {exc}. "
                "Choose a writable folder with --cache DIR, or build with --no-cache."
            ) from exc
        return path


def doc_from_cache(text: str, article: Article) -> ParsedDoc:
    """The ``ParsedDoc`` of a cache entry, attached to ``article``.

    CoNLL-U keeps a sentence's text on one line; where the article's own text (which the cache key
    covers) differs only in whitespace, the sentence gets the article's text back, so a cached parse
    equals the fresh one. Raises ``InputError`` for an entry that is not valid CoNLL-U.
    """
    doc = from_conllu(text, article)
    sentences = []
    for sentence in doc.sentences:
        exact = article.text[sentence.start_char : sentence.end_char]
        if exact != sentence.text and " ".join(exact.split()) == sentence.text:
            sentence = replace(sentence, text=exact)
        sentences.append(sentence)
    return replace(doc, sentences=tuple(sentences))


def resolution_view(extraction: Extraction) -> Extraction:
    """What actor resolution reads of ``extraction``: its mentions, and only the sentences that hold one.

    ``kg.actors.resolve_actors`` reads an extraction's article id, its mentions and the words of the
    sentences they are in (names joined by "alias"); it gives the same index for the views as for
    the full extractions (``tests/test_cache.py`` checks it on the fixture corpus).
    """
    used = {m.sentence for m in extraction.mentions}
    doc = replace(extraction.doc, sentences=tuple(s for s in extraction.doc.sentences if s.index in used))
    return replace(extraction, doc=doc, events=())


@dataclass(frozen=True)
class ExtractionCache:
    """A folder of extractions (and their resolution views), keyed by a parse's hash and kg's software fingerprint.

    An entry is only ever read back by the kg code and data that wrote it (the key covers them), so
    pickles are safe here; an unreadable entry counts as missing.
    """

    directory: Path
    software: str

    def key(self, parse_hash: str) -> str:
        return hashlib.sha256(f"kg-extraction {CACHE_FORMAT}\0{self.software}\0{parse_hash}".encode()).hexdigest()

    def _path(self, parse_hash: str, kind: str) -> Path:
        key = self.key(parse_hash)
        return self.directory / key[:2] / f"{key}.{kind}.pickle"

    def _get(self, parse_hash: str, kind: str) -> Extraction | None:
        try:
            data = self._path(parse_hash, kind).read_bytes()
        except OSError:
            return None
        try:
            return pickle.loads(data)  # type: ignore[no-any-return]
        except Exception:  # a truncated or foreign entry: extract again
            return None

    def has(self, parse_hash: str) -> bool:
        """Whether the extraction of that parse is cached."""
        return self._path(parse_hash, "view").is_file() and self._path(parse_hash, "full").is_file()

    def get(self, parse_hash: str) -> Extraction | None:
        """The cached extraction of the parse with this hash, or None."""
        return self._get(parse_hash, "full")

    def view(self, parse_hash: str) -> Extraction | None:
        """The cached ``resolution_view`` of that extraction, or None."""
        return self._get(parse_hash, "view")

    def put(self, parse_hash: str, extraction: Extraction) -> None:
        """Keep ``extraction`` and its view (atomically, each)."""
        for kind, value in (("full", extraction), ("view", resolution_view(extraction))):
            path = self._path(parse_hash, kind)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
                try:
                    with os.fdopen(fd, "wb") as handle:
                        pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
                    os.replace(tmp, path)
                except BaseException:
                    Path(tmp).unlink(missing_ok=True)
                    raise
            except OSError as exc:
                raise CacheError(f"Cannot write the extraction cache in {self.directory}: {exc}.") from exc
