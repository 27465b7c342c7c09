"""The persistent store: an embedded Oxigraph database in a folder, queried like an rdflib graph.

Layout of a store folder ``DIR``:

- ``DIR/kg-store.json``: what the folder is (format version) and its *generation*, a counter
  raised after every completed change (readers such as ``kg serve`` re-open when it moves);
- ``DIR/oxigraph/``: the Oxigraph (RocksDB) database, opened with pyoxigraph;
- ``DIR/extractions/``: each article's extraction, keyed by its parse and kg's software fingerprint;
- ``DIR/actor-index.sqlite``: actor resolution's state, kept from one change to the next (``ACTOR_INDEX_FILE``);
- ``DIR/summaries/``: whole-store summaries (``kg stats``' table), each valid for one generation.

The database holds one named graph per article (named by the article's IRI, as in
``kg export --format trig``), one corpus graph (``kgr:graph/corpus``: every actor with its
canonical label, aliases and articles), the bookkeeping graph ``kgs:records`` (each article's
parse as JSON of its ``ParsedDoc``, its text hash and signature, a hash of every named graph and
actor), and the knowledge graph itself in the default graph: the union of the article and corpus
graphs, which the queries match.

After every change the corpus level is resolved again from the actor index, not from the
articles: only new or changed articles are extracted (the others come from the extraction cache),
so the result does not depend on the order in which articles were added, and an article's graph
is mapped again only when its signature (its mentions' actors) changed. One change (added,
replaced and removed articles, the graphs they touch, the corpus graph and the records) is written
in **one** Oxigraph transaction (one SPARQL update, or one ``Store.extend`` when the change only
adds): a crash leaves the store as it was before the change or as it is after it, and a reader
never sees half a change.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from rdflib import RDF, BNode, Graph, Literal, URIRef, Variable
from rdflib.query import Result

from kg.collector import collector_paused
from kg.document import Article, Entity, ParsedDoc, Sentence, Word
from kg.errors import StoreError
from kg.freshness import STORE_MARKER as MARKER_FILE
from kg.mapper import actor_iri, article_iri, bind_prefixes, map_actors, map_article
from kg.namespace import KG, KGR, KGS
from kg.remote import is_url, normalise_url
from kg.sparql import SPARQL_LITERALS, with_values

if TYPE_CHECKING:
    import pyoxigraph as ox

    from kg.actors import Actor, ActorIndex, ActorResolver
    from kg.build import Analysis, ArticleReport, BuildResult, BuildSettings
    from kg.cache import ExtractionCache, ParseCache
    from kg.extract import Extraction
    from kg.kvtables import SqliteTables
    from kg.lexicon import Lexicon
    from kg.remote import SparqlServer
    from kg.types import Parser
    from kg.workers import Execution

__all__ = [
    "CORPUS_GRAPH",
    "KGStore",
    "StoreChange",
    "StoreState",
    "build_into_store",
    "doc_from_json",
    "doc_to_json",
    "remove_from_store",
]

STORE_FORMAT = 2
DATABASE_DIR = "oxigraph"
EXTRACTIONS_DIR = "extractions"
ACTOR_INDEX_FILE = "actor-index.sqlite"
"""The actor index: actor resolution's state (``kg.actors.ActorResolver`` in SQLite tables: each article's
``ArticleFacts``, the names, merges and actors), each article's parse hash and signature and each graph's hash,
for the generation of the database it describes; a change reads from it only the keys it touches. A cache:
losing it costs one rebuild from the extraction cache."""
_OLD_INDEX_FILE = "actor-index.pickle"  # what kg kept before (removed when the index is built again)
OPTIMIZE_AFTER_GRAPHS = 200
"""A change that writes this many article graphs compacts the database after it (``Store.optimize``): the
named queries on all of IndoSum right after building it took 1.3 s (actors-by-degree) and 0.07 s
(who-met-whom), 0.37 and 0.024 s after compacting it (3 s there)."""
OPTIMIZE_AFTER_FILES = 40
"""So does a change after which the database has this many more table files than after the last compaction:
each small change leaves one or two (a kg process ends before RocksDB compacts them in the background), and
twelve adds and removes on all of IndoSum made who-met-whom 2.5 times slower (0.062 s against 0.024 s)."""
SUMMARIES_DIR = "summaries"  # whole-store summaries (``kg stats``), each valid for one generation
CORPUS_GRAPH = KGR["graph/corpus"]
"""The named graph of the corpus level: actors, canonical labels, aliases, the articles they appear in."""
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
T = TypeVar("T")


def article_graph(article_id: str) -> URIRef:
    """The name of an article's graph: the article's own IRI (as in ``kg export --format trig``)."""
    return article_iri(article_id)


def text_hash(text: str) -> str:
    """SHA-256 of an article text, as ``kg build`` uses to find duplicates."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ----------------------------------------------------------------------------- records


def doc_to_json(doc: ParsedDoc) -> str:
    """A lossless JSON text of ``doc`` (its article, sentences, words and entities)."""
    a = doc.article
    data = {
        "article": {
            "id": a.id,
            "text": a.text,
            "title": a.title,
            "source": a.source,
            "url": a.url,
            "date": a.date.isoformat() if a.date else None,
            "path": a.path,
            "warnings": list(a.warnings),
        },
        "sentences": [
            {
                "index": s.index,
                "text": s.text,
                "start": s.start_char,
                "end": s.end_char,
                "words": [
                    [w.id, w.text, w.lemma, w.upos, w.head, w.deprel, w.start_char, w.end_char, w.feats, w.ner] for w in s.words
                ],
                "entities": [[e.label, e.start, e.end, e.text] for e in s.entities],
            }
            for s in doc.sentences
        ],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def doc_from_json(text: str) -> ParsedDoc:
    """The ``ParsedDoc`` of a ``doc_to_json`` text."""
    import datetime as dt

    data = json.loads(text)
    a = data["article"]
    article = Article(
        a["id"],
        a["text"],
        a["title"],
        a["source"],
        a["url"],
        dt.date.fromisoformat(a["date"]) if a["date"] else None,
        a["path"],
        tuple(a["warnings"]),
    )
    sentences = tuple(
        Sentence(
            s["index"],
            s["text"],
            s["start"],
            s["end"],
            tuple(Word(*w) for w in s["words"]),
            tuple(Entity(*e) for e in s["entities"]),
        )
        for s in data["sentences"]
    )
    return ParsedDoc(article, sentences)


def graph_hash(triples: Iterable[tuple[Any, Any, Any]]) -> str:
    """SHA-256 of the sorted N-Triples lines of ``triples`` (kg graphs have no blank nodes)."""
    lines = sorted(" ".join(term.n3() for term in triple) for triple in triples)
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


# ----------------------------------------------------------------------------- terms


def _ox_term(term: Any) -> Any:
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)
    raise StoreError(f"Cannot store the term {term!r}: only IRIs, blank nodes and literals are RDF terms.")


def _rdf_term(term: Any) -> Any:
    """An rdflib term from a pyoxigraph one; ``xsd:string`` literals become plain literals, as kg writes them."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value) if datatype == _XSD_STRING else Literal(term.value, datatype=URIRef(datatype))
    raise StoreError(f"Unexpected term in the store: {term!r}.")


def _nt(triple: tuple[Any, Any, Any]) -> str:
    return " ".join(str(_ox_term(t)) for t in triple) + " ."


def _quads(named: Iterable[tuple[URIRef | None, Iterable[tuple[Any, Any, Any]]]]) -> Iterator[Any]:
    """pyoxigraph quads of (graph name, triples) pairs; None names the default graph."""
    import pyoxigraph as ox

    for name, triples in named:
        graph = ox.DefaultGraph() if name is None else ox.NamedNode(str(name))
        for s, p, o in triples:
            yield ox.Quad(_ox_term(s), _ox_term(p), _ox_term(o), graph)


# ----------------------------------------------------------------------------- the store


@dataclass(frozen=True)
class StoreChange:
    """What one write did."""

    added: tuple[str, ...] = ()
    replaced: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    graphs_written: int = 0
    graphs_unchanged: int = 0
    generation: int = 0
    articles: int = 0
    """Articles in the store after the change."""
    extracted: tuple[str, ...] = ()
    """Stored articles extracted again from their parses (missing from the extraction cache)."""
    remapped: tuple[str, ...] = ()
    """Stored articles whose graph was mapped again because their actors moved (written when it changed)."""
    actors_written: int = 0
    actors_removed: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    """Where the change's time went: records, facts, resolve, signatures, map, diff, write, touched."""


@dataclass(frozen=True)
class StoreState:
    """What a write did: the extractions it mapped (new articles and those whose actors moved), the
    corpus-level actor index, and the touched part of the graph (the graphs it mapped, the actors
    it wrote and the actors those graphs name: what SHACL validates)."""

    extractions: tuple[Extraction, ...]
    index: ActorIndex
    change: StoreChange
    graph: Graph


class KGStore:
    """A kg store folder, opened read-write (one process at a time) or read-only (any number).

    ``oxigraph`` is the pyoxigraph database (or the SPARQL server's client); ``graph()`` gives the
    knowledge graph (every article graph and the corpus graph, without the bookkeeping), ``query()``
    runs SPARQL on it inside Oxigraph.
    """

    def __init__(self, path: Path, database: ox.Store | SparqlServer, read_only: bool, url: str | None = None) -> None:
        self.path = path
        self.oxigraph = database
        self.read_only = read_only
        self.url = url
        """The SPARQL server's URL for a store on a server (``path`` is then a local folder for its extraction cache)."""

    # -- opening

    @classmethod
    def open(cls, path: str | Path, read_only: bool = False) -> KGStore:
        """Open the store in ``path``; read-write creates it when ``path`` is missing or empty.

        A URL (``http://HOST:7878``) opens a store on a SPARQL 1.1 server instead (``kg.remote``).
        """
        import pyoxigraph as ox

        if is_url(path):
            from kg.remote import SparqlServer

            url = normalise_url(path)
            server = SparqlServer(url)
            server.ping()
            return cls(remote_cache_dir(url), server, read_only, url)
        folder = Path(path)
        marker = folder / MARKER_FILE
        if read_only:
            _check_marker(folder)
            attempts = 20
            for attempt in range(attempts):
                try:
                    return cls(folder, ox.Store.read_only(str(folder / DATABASE_DIR)), True)
                except (OSError, RuntimeError) as exc:  # a writer compacting files while we open: try again
                    if attempt == attempts - 1:
                        raise StoreError(f"Cannot open the store {folder} read-only: {exc}") from exc
                    time.sleep(0.02 * (attempt + 1))
        if folder.exists() and not folder.is_dir():
            raise StoreError(f"{folder} is a file, not a store folder: give a folder for --store.")
        if not marker.is_file():
            if folder.is_dir() and any(folder.iterdir()):
                raise StoreError(
                    f"{folder} is not empty and is no kg store (no {MARKER_FILE}): give a new or empty folder for --store."
                )
            _write_marker(folder, 0)
        _check_marker(folder)
        try:
            database = ox.Store(str(folder / DATABASE_DIR))
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise StoreError(
                    f"Another process is writing the store {folder} (Oxigraph allows one writer): "
                    "wait for it to finish, then run this again."
                ) from exc
            raise StoreError(f"Cannot open the store {folder}: {exc}") from exc
        return cls(folder, database, False)

    def close(self) -> None:
        """Release the database (a read-write store's lock goes with it)."""
        if self.url is None and hasattr(self, "oxigraph"):
            del self.oxigraph  # the only reference: pyoxigraph closes the database

    def __enter__(self) -> KGStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def generation(self) -> int:
        """How many changes have completed (from ``kg-store.json``; on a server, from the records graph)."""
        if self.url is not None:
            import pyoxigraph as ox

            records = ox.NamedNode(str(KGS.records))
            found = self.oxigraph.quads_for_pattern(records, ox.NamedNode(str(KGS.generation)), None, records)
            return max((int(q.object.value) for q in found), default=0)  # type: ignore[union-attr]
        return int(_check_marker(self.path).get("generation", 0))

    # -- reading

    def summary(self, name: str, compute: Callable[[], Any]) -> Any:
        """A JSON-able summary of the whole store (``kg stats``' table), computed once per change.

        Kept in ``DIR/summaries/NAME.json`` with the store's generation and kg's software fingerprint;
        any completed change (or other kg code) makes it stale, and the next call computes it again.
        A store folder that cannot be written still answers, computing each time.
        """
        from kg.files import atomic_write
        from kg.freshness import software_fingerprint

        stamp = {"generation": self.generation, "software": software_fingerprint()}
        path = self.path / SUMMARIES_DIR / f"{re.sub(r'[^A-Za-z0-9_.-]', '_', name)}.json"
        try:
            kept = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(kept, dict) and kept.get("stamp") == stamp:
                return kept["value"]
        except (OSError, ValueError, KeyError):
            pass
        value = compute()
        with contextlib.suppress(OSError):  # a read-only folder: no cache, the same answer
            atomic_write(path, json.dumps({"stamp": stamp, "value": value}, ensure_ascii=False))
        return value

    def text_hashes(self) -> dict[str, str]:
        """Article id -> SHA-256 of its text, for every article in the store."""
        return {aid: row.text for aid, row in self._article_rows().items()}

    def article_ids(self) -> list[str]:
        """The ids of the articles in the store, sorted."""
        return sorted(self.text_hashes())

    def docs(self) -> list[ParsedDoc]:
        """The stored parse of every article, sorted by id."""
        return [self.stored_doc(aid) for aid in self.article_ids()]

    def content_graphs(self) -> list[Any]:
        """The pyoxigraph names of the graphs that make the knowledge graph (all but ``kgs:records``)."""
        records = str(KGS.records)
        return sorted((g for g in self.oxigraph.named_graphs() if g.value != records), key=lambda g: g.value)

    def graph(self) -> Graph:
        """The knowledge graph in the store (its default graph), as an in-memory rdflib ``Graph``."""
        import pyoxigraph as ox

        graph = bind_prefixes(Graph())
        for quad in self._triples(ox.DefaultGraph()):
            graph.add((_rdf_term(quad.subject), _rdf_term(quad.predicate), _rdf_term(quad.object)))
        return graph

    def _triples(self, name: Any) -> Iterable[Any]:
        """The triples (or quads) of one graph: a server sends it whole through the Graph Store Protocol."""
        if self.url is not None:
            return self.oxigraph.graph_triples(name)  # type: ignore[union-attr]
        return self.oxigraph.quads_for_pattern(None, None, None, name)

    def named_graph(self, name: URIRef) -> Graph:
        """One named graph of the store (an article's, or ``CORPUS_GRAPH``), as an in-memory ``Graph``."""
        import pyoxigraph as ox

        graph = bind_prefixes(Graph(identifier=name))
        for quad in self._triples(ox.NamedNode(str(name))):
            graph.add((_rdf_term(quad.subject), _rdf_term(quad.predicate), _rdf_term(quad.object)))
        return graph

    def query(self, text: str, initBindings: Mapping[str, Any] | None = None, initNs: Mapping[str, Any] | None = None) -> Result:
        """Run a SPARQL query inside Oxigraph over the knowledge graph; an rdflib ``Result`` back.

        The default graph is the knowledge graph (the store keeps it as the union of the article
        and corpus graphs: one graph to match, however many articles), ``GRAPH`` reaches each
        article's graph and the corpus graph; ``initBindings`` substitutes variables (as
        ``Graph.query`` does).
        """
        import pyoxigraph as ox

        prefixes = {p: str(ns) for p, ns in bind_prefixes(Graph()).namespaces()}
        prefixes |= {p: str(ns) for p, ns in (initNs or {}).items()}
        # a list of named graphs makes Oxigraph several times slower on every query (0.11 -> 0.70 s for
        # article-events on 3,437 articles): give it only to queries that use GRAPH, to hide the records
        named = self.content_graphs() if uses_graph_clause(text) else None
        raw = self.oxigraph.query(_bind(text, initBindings or {}), prefixes=prefixes, named_graphs=named)
        if isinstance(raw, ox.QueryBoolean):
            out = Result("ASK")
            out.askAnswer = bool(raw)
        elif isinstance(raw, ox.QuerySolutions):
            out = Result("SELECT")
            names = [Variable(v.value) for v in raw.variables]
            out.vars = names
            terms: dict[Any, Any] = {}  # one rdflib term per distinct value: labels and types recur in most answers

            def term(value: Any) -> Any:
                found = terms.get(value)
                if found is None:
                    found = terms[value] = _rdf_term(value)
                return found

            out.bindings = [
                {n: term(value) for n, value in zip(names, solution, strict=True) if value is not None} for solution in raw
            ]
        else:
            out = Result("CONSTRUCT")
            out.graph = bind_prefixes(Graph())
            for t in raw:
                out.graph.add((_rdf_term(t.subject), _rdf_term(t.predicate), _rdf_term(t.object)))
        return out

    # -- writing

    def _article_rows(self) -> dict[str, _Row]:
        """Article id -> its record (text hash, parse hash, signature), for every article in the store."""
        import pyoxigraph as ox

        records = ox.NamedNode(str(KGS.records))
        rows: dict[str, dict[str, str]] = {}
        wanted = {str(KG.articleId): "id", str(KGS.textHash): "text", str(KGS.parseHash): "parse", str(KGS.signature): "sig"}
        for predicate, field_name in wanted.items():
            for quad in self.oxigraph.quads_for_pattern(None, ox.NamedNode(predicate), None, records):
                rows.setdefault(quad.subject.value, {})[field_name] = quad.object.value  # type: ignore[union-attr]
        return {r["id"]: _Row(r.get("text", ""), r.get("parse", ""), r.get("sig", "")) for r in rows.values() if "id" in r}

    def _hashes(self, predicate: URIRef) -> dict[str, str]:
        """Subject IRI -> value of ``predicate`` in the records graph (graph hashes, actor hashes)."""
        import pyoxigraph as ox

        records = ox.NamedNode(str(KGS.records))
        quads = self.oxigraph.quads_for_pattern(None, ox.NamedNode(str(predicate)), None, records)
        return {q.subject.value: q.object.value for q in quads}  # type: ignore[union-attr]

    def stored_doc(self, article_id: str) -> ParsedDoc:
        """The stored parse of one article."""
        import pyoxigraph as ox

        subject, predicate = ox.NamedNode(str(article_iri(article_id))), ox.NamedNode(str(KGS.parsedDoc))
        for quad in self.oxigraph.quads_for_pattern(subject, predicate, None, ox.NamedNode(str(KGS.records))):
            return doc_from_json(quad.object.value)  # type: ignore[union-attr]
        raise StoreError(f"The store {self.path} has no parse of article {article_id}: rebuild it with `kg build --store`.")

    def extractions_cache(self) -> ExtractionCache:
        """The store's extraction cache (``DIR/extractions``), for kg's current code and data."""
        from kg.cache import ExtractionCache
        from kg.freshness import software_fingerprint

        return ExtractionCache(self.path / EXTRACTIONS_DIR, software_fingerprint())

    def _index_tables(self) -> SqliteTables:
        """The actor index (``DIR/actor-index.sqlite``), opened read-write."""
        from kg.kvtables import SqliteTables

        path = self.path / ACTOR_INDEX_FILE
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            try:
                return SqliteTables(path)
            except sqlite3.DatabaseError:  # damaged, or not kg's: a cache, built again
                path.unlink()
                return SqliteTables(path)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(
                f"Cannot open the actor index {self.path / ACTOR_INDEX_FILE}: {exc}. "
                "Delete the file (kg builds it again from the store) or check the folder's permissions."
            ) from exc

    def _stored_generation(self) -> int | None:
        """The generation written in the records graph with the last change (None for a store without it)."""
        import pyoxigraph as ox

        records = ox.NamedNode(str(KGS.records))
        found = self.oxigraph.quads_for_pattern(records, ox.NamedNode(str(KGS.generation)), None, records)
        values = [int(q.object.value) for q in found]  # type: ignore[union-attr]
        return max(values) if values else None

    def stored_ids_of_texts(self, hashes: Iterable[str]) -> dict[str, str]:
        """Text hash -> the id of a stored article with that text, for the hashes of ``hashes`` the store holds."""
        import pyoxigraph as ox

        records = ox.NamedNode(str(KGS.records))
        found: dict[str, str] = {}
        for digest in dict.fromkeys(hashes):
            for quad in self.oxigraph.quads_for_pattern(None, ox.NamedNode(str(KGS.textHash)), ox.Literal(digest), records):
                ids = self.oxigraph.quads_for_pattern(quad.subject, ox.NamedNode(str(KG.articleId)), None, records)
                for row in ids:
                    found[digest] = row.object.value  # type: ignore[union-attr]
        return found

    def extraction(
        self, article_id: str, parse_hash: str, lexicon: Lexicon | None = None, counter: list[str] | None = None
    ) -> Extraction:
        """A stored article's extraction: from the extraction cache, else extracted from its stored parse (and cached)."""
        from kg import extract as extract_module

        cache = self.extractions_cache()
        found = cache.get(parse_hash)
        if found is not None:
            return found
        from kg.event_scorer import EventScoring

        extraction = EventScoring().apply(extract_module.extract(self.stored_doc(article_id), lexicon))  # as kg build
        if counter is not None:
            counter.append(article_id)
        cache.put(parse_hash, extraction)
        return extraction

    def actor_index(self) -> ActorIndex:
        """The whole corpus level (every actor, mention and merge), read from the actor index."""
        from kg.actors import ActorResolver

        return ActorResolver(self._index_tables()).index()

    def write(self, put: Sequence[Extraction] = (), remove: Sequence[str] = (), lexicon: Lexicon | None = None) -> StoreState:
        """Add or replace the articles of ``put``, delete those of ``remove``, update the corpus level.

        The actor index (``DIR/actor-index.sqlite``) keeps actor resolution's state from one change to the
        next (``kg.actors.ActorResolver`` over SQLite tables, with each article's parse hash, signature and
        graph hash), so a change reads and resolves only the names it touches: the new articles are
        extracted, no other article is read, and only the article graphs whose actors moved and the actors
        that changed are written. Where the index is missing or does not describe the database (another
        kg version, a change that did not finish), it is built again from every stored article's cached
        extraction. Everything is written in one transaction. Raises ``StoreError`` for an id in ``remove``
        that is not in the store (nothing is changed then).
        """
        from kg.actors import ActorResolver, article_facts
        from kg.freshness import software_fingerprint
        from kg.kvtables import PLAIN
        from kg.lexicon import get_lexicon

        if self.read_only:
            raise StoreError(f"The store {self.path} is open read-only: open it read-write to change it.")
        lex = lexicon or get_lexicon()
        software = software_fingerprint()
        seconds: dict[str, float] = {}
        clock = [time.perf_counter()]

        def lap(stage: str) -> None:
            now = time.perf_counter()
            seconds[stage] = now - clock[0]
            clock[0] = now

        new = {ex.doc.article.id: ex for ex in put}
        payloads = {aid: doc_to_json(ex.doc) for aid, ex in new.items()}
        new_parses = {aid: text_hash(p) for aid, p in payloads.items()}
        cache = self.extractions_cache()
        for aid, ex in new.items():
            if not cache.has(new_parses[aid]):
                cache.put(new_parses[aid], ex)
        full: dict[str, Extraction] = dict(new)
        extracted: list[str] = []
        stored_generation = self._stored_generation()
        tables = self._index_tables()
        trusted = (
            stored_generation is not None
            and tables.meta("software") == software
            and tables.meta("generation") == str(stored_generation)
        )
        gone = {aid for aid in remove if aid not in new}
        if trusted:  # the index describes the database: read only what the change touches
            parses: MutableMapping[str, str] = tables("parses", PLAIN)
            kept_signatures: MutableMapping[str, str] = tables("signatures", PLAIN)
            graph_hashes: MutableMapping[str, str] = tables("graphs", PLAIN)
            _check_removable(self.path, remove, parses)
            old_parses = {aid: parses.get(aid) for aid in {*new, *gone}}
            lap("records")
            facts = {aid: article_facts(ex, lex) for aid, ex in new.items()}
            lap("facts")
            resolver = ActorResolver(tables)
            with collector_paused():
                moved = resolver.update(put=facts.values(), remove=gone, lexicon=lex)
            affected = set(new) | moved.articles
            changed_slugs = sorted(moved.actors)
            stale_actors = sorted(str(actor_iri(s)) for s in moved.actors | moved.removed)
            dropped_actors = len(moved.removed)
        else:  # resolve everything again from every article's cached extraction, and compare hashes
            rows = self._article_rows()
            _check_removable(self.path, remove, rows)
            parses = {aid: row.parse for aid, row in rows.items() if aid not in gone}
            kept_signatures = {aid: row.signature for aid, row in rows.items() if aid not in gone}
            graph_hashes = self._hashes(KGS.graphHash)
            old_parses = {aid: row.parse for aid, row in rows.items()}
            lap("records")
            facts = {aid: article_facts(ex, lex) for aid, ex in new.items()}
            for aid in sorted(set(rows) - set(new) - gone):
                view = cache.view(rows[aid].parse)
                if view is None:
                    full[aid] = self.extraction(aid, rows[aid].parse, lex, extracted)
                    view = full[aid]
                facts[aid] = article_facts(view, lex)
            lap("facts")
            resolver = ActorResolver()
            with collector_paused():
                moved = resolver.update(put=facts.values(), lexicon=lex)
            affected = set(facts)
            actor_hashes = {slug: _actor_hash(actor, software) for slug, actor in resolver.view().actors.items()}
            old_actor_hashes = self._hashes(KGS.actorHash)
            changed_slugs = sorted(s for s, h in actor_hashes.items() if old_actor_hashes.get(str(actor_iri(s))) != h)
            dropped = set(old_actor_hashes) - {str(actor_iri(s)) for s in actor_hashes}
            stale_actors = sorted(set(old_actor_hashes) & {*(str(actor_iri(s)) for s in changed_slugs), *dropped})
            dropped_actors = len(dropped)
        lap("resolve")
        index = resolver.view()
        parse_of = {aid: new_parses.get(aid) or parses[aid] for aid in affected}
        signatures = {aid: _signature(resolver, aid, index, software) for aid in affected}
        # an article's graph depends on its parse (and kg's code) and on its signature: map it when either moved
        unchanged_record = {aid for aid in affected if aid not in new or old_parses.get(aid) == new_parses[aid]}
        to_map = sorted(aid for aid in affected if aid not in unchanged_record or signatures[aid] != kept_signatures.get(aid))
        lap("signatures")
        graphs: dict[URIRef, Graph] = {}
        mapped: list[Extraction] = []
        for aid in to_map:
            ex = full.get(aid) or self.extraction(aid, parse_of[aid], lex, extracted)
            mapped.append(ex)
            graphs[article_graph(aid)] = map_article(Graph(), ex, index, lex)
        lap("map")

        deletes: list[str] = []
        inserts: list[tuple[URIRef | None, Iterable[tuple[Any, Any, Any]]]] = []
        record_triples: list[tuple[Any, Any, Any]] = []
        hashes_now: dict[str, str | None] = {}
        written = unchanged = 0
        for name, graph in graphs.items():
            digest = graph_hash(graph)
            before = graph_hashes.get(str(name))
            if before == digest:
                unchanged += 1
                continue
            written += 1
            if before is not None:
                deletes += _drop_graph(name)
            inserts += [(name, graph), (None, graph)]
            record_triples.append((name, KGS.graphHash, Literal(digest)))
            hashes_now[str(name)] = digest
        for aid in sorted(gone):
            deletes += _drop_graph(article_graph(aid))
            hashes_now[str(article_graph(aid))] = None
        changed_actors = [str(actor_iri(s)) for s in changed_slugs]
        actor_of_iri = {str(actor_iri(s)): index.actors[s] for s in changed_slugs}
        corpus_part = Graph()
        for iri in changed_actors:
            _actor_graph(corpus_part, actor_of_iri[iri])
        if stale_actors:
            deletes += _drop_subjects(CORPUS_GRAPH, [URIRef(i) for i in stale_actors], KGS.actorHash)
        if changed_actors:
            inserts += [(CORPUS_GRAPH, corpus_part), (None, corpus_part)]
            record_triples += [
                (URIRef(i), KGS.actorHash, Literal(_actor_hash(actor_of_iri[i], software))) for i in changed_actors
            ]
        for aid in sorted(affected | gone):
            subject = article_iri(aid)
            if aid in new:
                if old_parses.get(aid) == new_parses[aid] and kept_signatures.get(aid) == signatures[aid]:
                    continue  # the same parse again: its record stands (a no-change rebuild writes nothing)
                if (
                    old_parses.get(aid) is not None
                ):  # its record goes, not its graph's hash (the graph may be unchanged, and stays)
                    records, kept = _nt_term(KGS.records), _nt_term(KGS.graphHash)
                    deletes.append(
                        f"DELETE {{ GRAPH {records} {{ {_nt_term(subject)} ?p ?o }} }} "
                        f"WHERE {{ GRAPH {records} {{ {_nt_term(subject)} ?p ?o }} FILTER (?p != {kept}) }}"
                    )
                doc = new[aid].doc
                record_triples += [
                    (subject, RDF.type, KG.Article),
                    (subject, KG.articleId, Literal(aid)),
                    (subject, KGS.textHash, Literal(text_hash(doc.article.text))),
                    (subject, KGS.parseHash, Literal(new_parses[aid])),
                    (subject, KGS.parsedDoc, Literal(payloads[aid])),
                    (subject, KGS.signature, Literal(signatures[aid])),
                ]
            elif aid in gone:
                deletes.append(f"DELETE WHERE {{ GRAPH {_nt_term(KGS.records)} {{ {_nt_term(subject)} ?p ?o }} }}")
            elif signatures[aid] != kept_signatures.get(aid):
                signature = f"{_nt_term(subject)} {_nt_term(KGS.signature)} ?o"
                deletes.append(f"DELETE WHERE {{ GRAPH {_nt_term(KGS.records)} {{ {signature} }} }}")
                record_triples.append((subject, KGS.signature, Literal(signatures[aid])))
        # past both counters: a change stopped after the database's commit leaves the marker behind the records
        new_generation = max(self.generation, stored_generation or 0) + 1
        if deletes or inserts or record_triples:  # the records keep the generation with the data (a server reads it there)
            records = _nt_term(KGS.records)
            if stored_generation is not None:
                deletes.append(f"DELETE WHERE {{ GRAPH {records} {{ {records} {_nt_term(KGS.generation)} ?g }} }}")
            record_triples.append((KGS.records, KGS.generation, Literal(str(new_generation))))
        if record_triples:
            inserts.append((KGS.records, record_triples))
        lap("diff")
        changed = bool(deletes or inserts)
        if changed:
            try:
                if deletes:  # one SPARQL update: one transaction
                    body = "\n".join(_insert_block(name, triples) for name, triples in inserts)
                    self.oxigraph.update(" ;\n".join([*deletes, *([f"INSERT DATA {{\n{body}\n}}"] if inserts else [])]))
                else:  # only additions: one extend, also one transaction, without a SPARQL text to parse
                    self.oxigraph.extend(_quads(inserts))
                self.oxigraph.flush()
            except (OSError, RuntimeError, SyntaxError) as exc:
                tables.close()  # the index is left as it was, with the database
                raise StoreError(f"Writing to the store {self.path} failed, nothing was changed: {exc}") from exc
        lap("write")
        files = _table_files(self.path) if self.url is None and changed else None
        compacted = tables.meta("table_files")
        if files is not None and (written >= OPTIMIZE_AFTER_GRAPHS or files - int(compacted or 0) >= OPTIMIZE_AFTER_FILES):
            with contextlib.suppress(OSError, RuntimeError):  # a slower store, not a wrong one
                self.oxigraph.optimize()  # type: ignore[union-attr]
                compacted = str(_table_files(self.path))
            lap("optimize")
        touched = bind_prefixes(Graph())
        for graph in graphs.values():
            touched += graph
        prefix = str(actor_iri(""))
        referenced = {str(o) for g in graphs.values() for o in g.objects() if isinstance(o, URIRef) and str(o).startswith(prefix)}
        for iri in sorted(referenced - set(changed_actors)):
            actor = index.actors.get(iri[len(prefix) :])
            if actor is not None:
                _actor_graph(touched, actor)
        touched += corpus_part
        generation = new_generation if changed else self.generation
        if changed and self.url is None:
            _write_marker(self.path, generation)
        for aid in new:
            parses[aid] = new_parses[aid]
        for aid in gone:
            parses.pop(aid, None)
            kept_signatures.pop(aid, None)
        for aid in affected:
            kept_signatures[aid] = signatures[aid]
        for graph_name, new_hash in hashes_now.items():
            if new_hash is None:
                graph_hashes.pop(graph_name, None)
            else:
                graph_hashes[graph_name] = new_hash
        merges = resolver.merges_of(changed_slugs)
        meta = {"software": software, "generation": str(generation if changed else stored_generation)}
        meta |= {"table_files": compacted} if compacted is not None else {}
        try:
            if trusted:
                tables.commit(meta)
            else:
                books = {"parses": (PLAIN, parses), "signatures": (PLAIN, kept_signatures), "graphs": (PLAIN, graph_hashes)}
                tables.replace_all(resolver.tables() | books, meta)
                with contextlib.suppress(OSError):
                    (self.path / _OLD_INDEX_FILE).unlink()
        except sqlite3.Error as exc:  # the database is written: without its index, the next change builds one again
            tables.close()
            for suffix in ("", "-journal", "-wal", "-shm"):
                with contextlib.suppress(OSError):
                    (self.path / f"{ACTOR_INDEX_FILE}{suffix}").unlink()
            raise StoreError(
                f"The change was written to the store {self.path}, but its actor index could not be saved ({exc}): "
                "the next change builds the index again from the store. Check the folder's free space and permissions."
            ) from exc
        lap("touched")
        change = StoreChange(
            added=tuple(sorted(set(new) - {a for a, p in old_parses.items() if p is not None})),
            replaced=tuple(sorted(set(new) & {a for a, p in old_parses.items() if p is not None})),
            removed=tuple(sorted(gone)),
            graphs_written=written,
            graphs_unchanged=unchanged,
            generation=generation,
            articles=len(parses),
            extracted=tuple(sorted(set(extracted))),
            remapped=tuple(aid for aid in to_map if aid in unchanged_record),
            actors_written=len(changed_actors),
            actors_removed=dropped_actors,
            seconds={k: round(v, 3) for k, v in seconds.items()},
        )
        return StoreState(tuple(mapped), replace(index, merges=merges), change, touched)

    def all_extractions(self, lexicon: Lexicon | None = None) -> list[Extraction]:
        """Every stored article's extraction (from the cache, else extracted again), sorted by id."""
        rows = self._article_rows()
        return [self.extraction(aid, rows[aid].parse, lexicon) for aid in sorted(rows)]


@dataclass(frozen=True)
class _Row:
    text: str
    parse: str
    signature: str


def _signature(resolver: ActorResolver, aid: str, index: ActorIndex, software: str) -> str:
    """What an article's graph takes from the corpus level: the actor (IRI, kind, label) of each of its
    mentions and the owners the corpus gives its roles, with kg's software fingerprint.

    ``map_article`` reads nothing else of the index, so an article whose signature is unchanged has
    an unchanged graph and is not mapped again.
    """
    facts = resolver.facts(aid)
    resolved = resolver.mentions_of(aid)
    parts = [software]
    for key, slug in sorted(resolved.items()):
        actor = index.actors.get(slug)
        parts.append(f"{key}={slug}:{actor.kind if actor else '-'}:{actor.name if actor else '-'}")
    for role_key, title, _of in facts.roles if facts else ():
        person = resolved.get(role_key)
        if person is not None and person in index.actors:
            owner = index.role_owners.get((person, title))
            parts.append(f"role {role_key} {title}={owner if owner in index.actors else '-'}")
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def _table_files(folder: Path) -> int:
    """How many table files (RocksDB's ``.sst``) the store's database has."""
    try:
        return sum(1 for name in os.listdir(folder / DATABASE_DIR) if name.endswith(".sst"))
    except OSError:
        return 0


def _check_removable(folder: Path, remove: Iterable[str], stored: Mapping[str, Any]) -> None:
    """Raise ``StoreError`` for the ids of ``remove`` that are not stored (nothing is removed then)."""
    missing = sorted({aid for aid in remove if aid not in stored})
    if missing:
        ids = sorted(stored)
        raise StoreError(
            f"Not in the store {folder}: {', '.join(missing)}; nothing was removed. "
            f"It holds {len(ids)} articles: {', '.join(ids[:10])}{' ...' if len(ids) > 10 else ''}."
        )


def _actor_hash(actor: Actor, software: str) -> str:
    return hashlib.sha256(f"{software}\n{actor!r}".encode()).hexdigest()


def _actor_graph(graph: Graph, actor: Actor) -> Graph:
    """Add the corpus-graph triples of one actor to ``graph``."""
    from kg.actors import ActorIndex

    return map_actors(graph, ActorIndex({actor.slug: actor}, {}, ()))


# Strings, IRIs and comments are masked before looking for the keyword WHERE and the opening brace.


def _bind(text: str, bindings: Mapping[str, Any]) -> str:
    """``text`` with ``bindings`` pre-bound, as rdflib's ``initBindings``: a VALUES block opening the WHERE clause.

    >>> _bind("SELECT ?x WHERE { ?x ?p ?v }", {"v": Literal(1)})
    'SELECT ?x WHERE { VALUES (?v) { ("1"^^<http://www.w3.org/2001/XMLSchema#integer>) } ?x ?p ?v }'
    """
    if not bindings:
        return text
    return with_values(text, list(bindings), [[_nt_term(term) for term in bindings.values()]])


def uses_graph_clause(query: str) -> bool:
    """Whether a SPARQL text has a ``GRAPH`` clause (outside strings, IRIs and comments).

    Only such queries need the list of article graphs (it hides the records graph); given to any
    query, the list makes Oxigraph several times slower at full size.

    >>> uses_graph_clause("SELECT * { GRAPH ?g { ?s ?p ?o } }"), uses_graph_clause('SELECT * { ?s ?p "GRAPH" }')
    (True, False)
    """
    return re.search(r"\bGRAPH\b", SPARQL_LITERALS.sub(" ", query), re.IGNORECASE) is not None


def _nt_term(term: Any) -> str:
    return str(_ox_term(term))


def _unless_elsewhere(graph: str, pattern: str) -> str:
    """A SPARQL update that deletes from the default graph the triples of ``pattern`` in ``graph``
    that no other content graph holds (the default graph is their union)."""
    records = _nt_term(KGS.records)
    return (
        f"DELETE {{ ?s ?p ?o }} WHERE {{ {pattern} GRAPH {graph} {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} FILTER (?h != {graph} && ?h != {records}) }} }}"
    )


def _insert_block(name: URIRef | None, triples: Iterable[tuple[Any, Any, Any]]) -> str:
    """The part of an INSERT DATA body that puts ``triples`` in graph ``name`` (None: the default graph)."""
    lines = "\n".join(_nt(t) for t in triples)
    return lines if name is None else f"GRAPH {_nt_term(name)} {{\n{lines}\n}}"


def _drop_graph(name: URIRef) -> list[str]:
    """SPARQL update operations that delete a named graph, its share of the default graph and its recorded hash."""
    records, name_nt, predicate = _nt_term(KGS.records), _nt_term(name), _nt_term(KGS.graphHash)
    return [
        _unless_elsewhere(name_nt, ""),
        f"DROP SILENT GRAPH {name_nt}",
        f"DELETE WHERE {{ GRAPH {records} {{ {name_nt} {predicate} ?h }} }}",
    ]


def _drop_subjects(name: URIRef, subjects: Sequence[URIRef], predicate: URIRef) -> list[str]:
    """SPARQL update operations that delete the triples of ``subjects`` from a named graph (and the
    default graph), and their recorded ``predicate`` (a hash)."""
    values = "VALUES ?s { " + " ".join(_nt_term(s) for s in subjects) + " }"
    hashed = f"?s {_nt_term(predicate)} ?o"
    graph, records = _nt_term(name), _nt_term(KGS.records)
    return [
        _unless_elsewhere(graph, values),
        f"DELETE {{ GRAPH {graph} {{ ?s ?p ?o }} }} WHERE {{ {values} GRAPH {graph} {{ ?s ?p ?o }} }}",
        f"DELETE {{ GRAPH {records} {{ {hashed} }} }} WHERE {{ {values} GRAPH {records} {{ {hashed} }} }}",
    ]


def _read_index(folder: Path, read: Callable[[SqliteTables], T]) -> T | None:
    """``read`` over the actor index in ``folder``, opened read-only; None without a readable index."""
    from kg.kvtables import SqliteTables

    if not (folder / ACTOR_INDEX_FILE).is_file():
        return None
    try:
        tables = SqliteTables(folder / ACTOR_INDEX_FILE, read_only=True)
        try:
            return read(tables)
        finally:
            tables.close()
    except (OSError, sqlite3.Error, pickle.UnpicklingError, AttributeError, EOFError, ValueError, SyntaxError):
        return None


def index_generation(folder: Path) -> int | None:
    """The generation of the database the actor index in ``folder`` describes (None without a readable index)."""
    value = _read_index(folder, lambda tables: tables.meta("generation"))
    return int(value) if value is not None and value.isdigit() else None


def read_merges(folder: Path, generation: int | None = None) -> list[dict[str, str]]:
    """The actor merges of the store in ``folder``, read (read-only) from its actor index; empty where it has
    none, or where ``generation`` is given and the index describes another generation of the database."""
    from dataclasses import asdict

    from kg.actors import ActorResolver

    def merges(tables: SqliteTables) -> list[dict[str, str]]:
        if generation is not None and tables.meta("generation") != str(generation):
            return []
        return [asdict(m) for m in ActorResolver(tables).merges()]

    return _read_index(folder, merges) or []


def _write_marker(folder: Path, generation: int) -> None:
    from kg.files import atomic_write

    atomic_write(folder / MARKER_FILE, json.dumps({"kg_store_format": STORE_FORMAT, "generation": generation}) + "\n")


def _check_marker(folder: Path) -> dict[str, Any]:
    marker = folder / MARKER_FILE
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StoreError(f"No kg store at {folder}: build one with `kg build ARTICLES --store {folder}`.") from None
    except (OSError, json.JSONDecodeError) as exc:
        raise StoreError(f"{marker} is unreadable ({exc}): is {folder} a kg store?") from exc
    if not isinstance(data, dict) or data.get("kg_store_format") != STORE_FORMAT:
        raise StoreError(f"{folder} is a kg store of another format ({data!r}): rebuild it with this kg version.")
    return data


def remote_cache_dir(url: str) -> Path:
    """The local folder of a server store's extraction cache: ``$KG_CACHE_DIR/stores/<hash of the URL>``
    (default ``~/.cache/kg``). The cache is keyed by content, so losing it costs time, never correctness."""
    base = Path(os.environ.get("KG_CACHE_DIR") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg")
    return base / "stores" / hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


def generation_stamp(folder: Path) -> tuple[int, int]:
    """A cheap stamp of ``kg-store.json`` (modification time, size): it moves when a change completes."""
    try:
        stat = os.stat(folder / MARKER_FILE)
    except OSError:
        return (0, 0)
    return (stat.st_mtime_ns, stat.st_size)


# ----------------------------------------------------------------------------- build and remove


def _store_result(
    store: KGStore,
    state: StoreState,
    run_reports: Sequence[ArticleReport],
    settings: BuildSettings,
    timings: dict[str, float],
    start: float,
    run: Analysis | None = None,
    outputs: bool = True,
    lexicon: Lexicon | None = None,
) -> BuildResult:
    """The ``BuildResult`` of a change to the store.

    With ``outputs`` it describes the whole store (its graph read back, one report per stored
    article plus the run's problems), for graph.ttl, network.html and report.json; without, only
    what the change touched (the run's reports and the touched part of the graph), so that adding
    an article to a large store reads nothing else back. SHACL validates the touched part either
    way: the new and changed article graphs with the actors they name, and the changed actors.
    """
    from kg.build import BuildResult, Validation, _counts, _with_message
    from kg.workers import Execution

    t0 = time.perf_counter()
    extractions = store.all_extractions(lexicon) if outputs else list(state.extractions)
    graph = store.graph() if outputs else state.graph
    index = store.actor_index() if outputs else state.index  # the whole corpus level: every merge in report.json
    timings["read_back"] = time.perf_counter() - t0
    by_id = {ex.doc.article.id: ex for ex in extractions} | {ex.doc.article.id: ex for ex in state.extractions}
    reports: list[ArticleReport] = []
    seen: set[str] = set()
    for report in run_reports:
        ex = by_id.get(report.id)
        if ex is not None and report.status == "ok" and report.id not in seen:
            report = replace(report, sentences=len(ex.doc.sentences), **_counts(ex, index))  # type: ignore[arg-type]
            seen.add(report.id)
        reports.append(report)
    from kg.build import ArticleReport as Report

    for aid in sorted(set(by_id) - seen) if outputs else ():
        ex = by_id[aid]
        a = ex.doc.article
        reports.append(
            Report(aid, "ok", a.path, a.source, len(ex.doc.sentences), warnings=a.warnings, **_counts(ex, index))  # type: ignore[arg-type]
        )
    validation = Validation(state.graph) if settings.validate else None
    timings["total"] = time.perf_counter() - start
    return BuildResult(
        graph,
        tuple(_with_message(r) for r in reports),
        tuple(extractions),
        index,
        settings,
        timings,
        validation,
        cache=run.cache if run is not None else None,
        execution=run.execution if run is not None else Execution(),
        store=state.change,
        event_scorer=run.event_scorer if run is not None else settings.scoring.describe(),  # a store keeps the shipped one
    )


def build_into_store(
    inputs: Sequence[str | Path],
    store_dir: str | Path,
    settings: BuildSettings | None = None,
    parser: Parser | None = None,
    progress: Callable[..., None] | None = None,
    execution: Execution | None = None,
    cache: ParseCache | None = None,
    outputs: bool = True,
) -> BuildResult:
    """``kg build --store``: analyse ``inputs`` as ``build()`` does, add them to the store, update the corpus level.

    An article already in the store is replaced; an article whose text is already stored under
    another id is reported as ``duplicate`` and not added. With ``outputs`` the result describes
    the whole store; without (``--no-outputs``), only what changed.
    """
    from kg.build import BuildSettings, analyse

    settings = settings or BuildSettings()
    start = time.perf_counter()
    run = analyse(inputs, settings, parser=parser, progress=progress, execution=execution, cache=cache)
    timings = {k: v for k, v in run.timings.items() if k != "total"}
    t0 = time.perf_counter()
    with KGStore.open(store_dir) as store:
        owner = store.stored_ids_of_texts(text_hash(ex.doc.article.text) for ex in run.extractions)
        reports = {r.id: r for r in run.reports}
        put = []
        for ex in run.extractions:
            aid = ex.doc.article.id
            other = owner.get(text_hash(ex.doc.article.text))
            if other is not None and other != aid:
                reports[aid] = replace(
                    reports[aid], status="duplicate", warnings=(f"same text as article {other} in the store: built once",)
                )
                continue
            put.append(ex)
        state = store.write(put=put)
        timings["store"] = time.perf_counter() - t0
        ordered = [reports[r.id] if r.status == "ok" else r for r in run.reports]
        return _store_result(store, state, ordered, settings, timings, start, run, outputs)


def remove_from_store(
    ids: Sequence[str], store_dir: str | Path, settings: BuildSettings | None = None, outputs: bool = True
) -> BuildResult:
    """``kg remove``: delete articles from the store and update the corpus level (``outputs``: as ``build_into_store``)."""
    from kg.build import BuildSettings

    settings = settings or BuildSettings()
    start = time.perf_counter()
    store_path = Path(store_dir)
    if not is_url(store_dir) and not (store_path / MARKER_FILE).is_file():
        raise StoreError(f"No kg store at {store_path}: build one with `kg build ARTICLES --store {store_path}`.")
    with KGStore.open(store_dir if is_url(store_dir) else store_path) as store:
        state = store.write(remove=list(ids))
        return _store_result(store, state, (), settings, {"store": time.perf_counter() - start}, start, outputs=outputs)
