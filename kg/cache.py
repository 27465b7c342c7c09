"""The parse cache: parsed articles stored as CoNLL-U, keyed by content hash.

The key is the SHA-256 of the article text together with the identity of the models that parsed
it (``kg.nlp.pipeline.model_identity``: the model files' names, sizes and modification times, the
model setting and Stanza's version), so an unchanged article is never parsed twice and changing
the models invalidates every entry. The value is the ``ParsedDoc`` as CoNLL-U
(``kg.document.to_conllu``: NER tags and character offsets travel in MISC); the article itself is
not stored, it is the one being built. Entries are written atomically (a temporary file and a
rename), so a killed build never leaves half an entry, and several builds may share one folder.

Layout: ``DIR/ab/abcdef....conllu`` (the first two hex digits of the key name a subfolder).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from kg.document import Article, ParsedDoc, from_conllu, to_conllu
from kg.errors import CacheError, InputError

__all__ = ["CACHE_FORMAT", "CacheStats", "ParseCache", "doc_from_cache"]

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
