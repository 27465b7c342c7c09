"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over a kg store.

``make_server(store_dir, settings)`` returns a ``ThreadingHTTPServer`` answering at
``http://HOST:PORT/sparql``:

- GET ``?query=``, POST ``application/x-www-form-urlencoded`` (``query=``) and POST
  ``application/sparql-query``; results as SPARQL JSON, XML, CSV or TSV (SELECT, ASK) and Turtle,
  N-Triples or RDF/XML (CONSTRUCT, DESCRIBE), chosen by the ``Accept`` header (or a ``format``
  parameter: json, xml, csv, tsv, turtle, nt, rdfxml);
- read-only: UPDATE (``update=``, ``application/sparql-update``), LOAD and the Graph Store
  Protocol methods get 403/405, a query naming SERVICE gets 403 (Oxigraph would fetch the remote
  endpoint: the server must not make requests on a client's behalf);
- a request over ``max_query_bytes`` gets 413 (and a URL over 64 KiB 414, from ``http.server``);
- queries run in worker processes that open the store read-only; one that runs past
  ``timeout_s`` is killed (503) and its worker replaced; a result over ``max_result_bytes`` gets 400.

The workers re-open the store when ``kg-store.json`` changes, i.e. after every completed
``kg build --store`` / ``kg remove``: they see each change whole, never half of one.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import queue
import re
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from kg.errors import StoreError
from kg.sparql import SPARQL_LITERALS

__all__ = ["ServeSettings", "SparqlServer", "make_server", "negotiate", "uses_service"]

ENDPOINT = "/sparql"
_DRAIN_LIMIT = 64 * 1024 * 1024  # read and drop at most this much of a refused body, so the client gets our answer

SOLUTION_TYPES = {
    "application/sparql-results+json": "JSON",
    "application/json": "JSON",
    "application/sparql-results+xml": "XML",
    "application/xml": "XML",
    "text/xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
}
GRAPH_TYPES = {
    "text/turtle": "TURTLE",
    "application/turtle": "TURTLE",
    "application/x-turtle": "TURTLE",
    "application/n-triples": "N_TRIPLES",
    "text/plain": "N_TRIPLES",
    "application/rdf+xml": "RDF_XML",
}
_FORMAT_PARAM = {
    "json": ("application/sparql-results+json", None),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv", None),
    "tsv": ("text/tab-separated-values", None),
    "turtle": (None, "text/turtle"),
    "ttl": (None, "text/turtle"),
    "nt": (None, "application/n-triples"),
    "rdfxml": (None, "application/rdf+xml"),
}


@dataclass(frozen=True)
class ServeSettings:
    """How to serve: where, and the limits that keep one client from exhausting the machine."""

    host: str = "127.0.0.1"
    port: int = 7878
    timeout_s: float = 30.0
    max_query_bytes: int = 1_000_000
    max_result_bytes: int = 50_000_000
    workers: int = 2


def negotiate(accept: str | None, kind: str, format_param: str | None = None) -> str | None:
    """The media type to answer with, for a result of ``kind`` ('solutions' or 'graph'); None: nothing acceptable.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+json", "solutions")
    'application/sparql-results+json'
    >>> negotiate(None, "graph"), negotiate("text/csv", "graph"), negotiate("*/*", "solutions", "tsv")
    ('text/turtle', None, 'text/tab-separated-values')
    """
    table = SOLUTION_TYPES if kind == "solutions" else GRAPH_TYPES
    default = "application/sparql-results+json" if kind == "solutions" else "text/turtle"
    if format_param:
        choice = _FORMAT_PARAM.get(format_param.lower().strip())
        if choice is not None and choice[0 if kind == "solutions" else 1] is not None:
            return choice[0 if kind == "solutions" else 1]
    if not accept or not accept.strip():
        return default
    ranked: list[tuple[float, int, str]] = []
    for position, item in enumerate(accept.split(",")):
        media, *params = (part.strip() for part in item.split(";"))
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0:
            ranked.append((-q, position, media.lower()))
    for _q, _pos, media in sorted(ranked):
        if media in table:
            return media
        if media in ("*/*", "application/*") or (media == "text/*" and kind == "graph"):
            return default
        if media == "text/*":
            return "text/csv"
    return None


# Strings, IRIs, comments and escapes in prefixed names are skipped before looking for the keyword.
_SERVICE = re.compile(r"(?<![\w:?$.-])SERVICE(?![\w:.-])", re.IGNORECASE)


def uses_service(query: str) -> bool:
    """True when ``query`` has a SERVICE clause (a keyword, not a word inside a string, IRI or name).

    >>> uses_service("SELECT * { SERVICE <http://x/sparql> { ?s ?p ?o } }"), uses_service('SELECT * { ?s ex:service "SERVICE" }')
    (True, False)
    """
    return bool(_SERVICE.search(SPARQL_LITERALS.sub(" ", query)))


# ----------------------------------------------------------------------------- workers


def _worker_main(store_dir: str, conn: Any, max_result_bytes: int) -> None:
    """A query worker: opens the store read-only, answers (query, accept, format) messages until None."""
    from kg.store import KGStore, generation_stamp

    folder = Path(store_dir)
    store: KGStore | None = None
    stamp: tuple[int, int] | None = None
    graphs: list[Any] = []
    try:  # open before the first query, so start-up never counts against a query's timeout
        stamp = generation_stamp(folder)
        store = KGStore.open(folder, read_only=True)
        graphs = store.content_graphs()
    except Exception:  # reported on the first query instead
        store = None
    conn.send("ready")
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        try:
            now = generation_stamp(folder)
            if store is None or now != stamp:
                store = KGStore.open(folder, read_only=True)
                stamp, graphs = now, store.content_graphs()
            reply = _answer(store.oxigraph, graphs, *message, max_result_bytes=max_result_bytes)
        except StoreError as exc:
            reply = (503, f"The store cannot be read: {exc}")
        except Exception as exc:  # the client gets an answer whatever happens
            reply = (500, f"The query failed: {exc}")
        conn.send(reply)


class _Bounded:
    """A binary sink that refuses to grow past ``cap`` bytes."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.data = bytearray()

    def write(self, chunk: bytes) -> int:
        if len(self.data) + len(chunk) > self.cap:
            raise OverflowError
        self.data += chunk
        return len(chunk)

    def flush(self) -> None:
        pass


def _answer(
    database: Any, graphs: list[Any], query: str, accept: str | None, format_param: str | None, *, max_result_bytes: int
) -> tuple[int, str] | tuple[int, str, bytes]:
    import pyoxigraph as ox

    try:
        result = database.query(query, default_graph=graphs, named_graphs=graphs)
    except SyntaxError as exc:
        return (400, f"The query is not valid SPARQL 1.1 (this endpoint is read-only: no updates): {exc}")
    kind = "graph" if isinstance(result, ox.QueryTriples) else "solutions"
    media = negotiate(accept, kind, format_param)
    if media is None:
        offered = ", ".join(SOLUTION_TYPES if kind == "solutions" else GRAPH_TYPES)
        return (406, f"No acceptable format for this result in Accept {accept!r}: use one of {offered}.")
    name = (SOLUTION_TYPES if kind == "solutions" else GRAPH_TYPES)[media]
    fmt = getattr(ox.QueryResultsFormat if kind == "solutions" else ox.RdfFormat, name)
    sink = _Bounded(max_result_bytes)
    try:
        result.serialize(sink, fmt)
    except OverflowError:
        return (400, f"The result is larger than {max_result_bytes} bytes: add a LIMIT, or ask the operator for --max-result-mb.")
    charset = "" if name == "XML" or name == "RDF_XML" else "; charset=utf-8"
    return (200, media + charset, bytes(sink.data))


_STARTUP_S = 120.0  # how long a new worker may take to import and open the store


@dataclass(eq=False)
class _Worker:
    process: Any
    conn: Any

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class _Pool:
    """Worker processes, each with the store open read-only; a worker that runs too long is killed and replaced."""

    def __init__(self, store_dir: Path, settings: ServeSettings) -> None:
        self.store_dir = store_dir
        self.settings = settings
        self.context = multiprocessing.get_context("spawn")
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self.all: set[_Worker] = set()
        self.lock = threading.Lock()
        for _ in range(max(1, settings.workers)):
            self.idle.put(self._start())

    def _start(self) -> _Worker:
        parent, child = self.context.Pipe()
        process = self.context.Process(
            target=_worker_main, args=(str(self.store_dir), child, self.settings.max_result_bytes), daemon=True
        )
        process.start()
        child.close()
        if parent.poll(_STARTUP_S):
            with contextlib.suppress(EOFError, OSError):
                parent.recv()  # "ready"
        worker = _Worker(process, parent)
        with self.lock:
            self.all.add(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        with self.lock:
            self.all.discard(worker)
        worker.kill()
        self.idle.put(self._start())

    def run(self, query: str, accept: str | None, format_param: str | None) -> tuple[int, str] | tuple[int, str, bytes]:
        timeout = self.settings.timeout_s
        try:
            worker = self.idle.get(timeout=timeout)
        except queue.Empty:
            return (503, f"All {self.settings.workers} query workers stayed busy for {timeout:g} s: try again later.")
        try:
            worker.conn.send((query, accept, format_param))
            if not worker.conn.poll(timeout):
                self._replace(worker)
                return (503, f"The query ran longer than {timeout:g} s and was stopped: narrow it or add a LIMIT.")
            reply: tuple[int, str] | tuple[int, str, bytes] = worker.conn.recv()
        except (EOFError, OSError):
            self._replace(worker)
            return (500, "The query worker died; it has been replaced: try again.")
        self.idle.put(worker)
        return reply

    def close(self) -> None:
        with self.lock:
            workers = list(self.all)
            self.all.clear()
        for worker in workers:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
            worker.process.join(2)
            if worker.process.is_alive():
                worker.kill()


# ----------------------------------------------------------------------------- HTTP


class SparqlServer(ThreadingHTTPServer):
    """The endpoint's HTTP server; ``close()`` stops it and its workers."""

    daemon_threads = True

    def __init__(self, store_dir: Path, settings: ServeSettings) -> None:
        self.settings = settings
        self.store_dir = store_dir
        self.pool = _Pool(store_dir, settings)
        self.on_log: Any = None
        try:
            super().__init__((settings.host, settings.port), _Handler)
        except OSError:
            self.pool.close()
            raise

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}{ENDPOINT}"

    def close(self) -> None:
        self.shutdown()
        self.server_close()
        self.pool.close()


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "kg-sparql"

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.on_log is not None:
            self.server.on_log(format % args)

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        if status == 405:
            self.send_header("Allow", "GET, POST")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))

    def _path_ok(self) -> bool:
        if urlsplit(self.path).path != ENDPOINT:
            self._error(404, f"Not found: the SPARQL endpoint is {ENDPOINT}.")
            return False
        return True

    def do_GET(self) -> None:
        if self._path_ok():
            self._handle(parse_qs(urlsplit(self.path).query, keep_blank_values=True))

    def do_POST(self) -> None:
        if not self._path_ok():
            return
        limit = self.server.settings.max_query_bytes
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            self._error(400, "Content-Length is not a number.")
            return
        if length > limit:
            self._drain(length)
            self._error(413, f"The request body has {length} bytes; this endpoint takes at most {limit}.")
            return
        body = self.rfile.read(length) if length > 0 else b""
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
        if ctype == "application/sparql-update":
            self._error(403, "This endpoint is read-only: SPARQL updates (INSERT, DELETE, LOAD, CLEAR ...) are refused.")
            return
        if ctype == "application/x-www-form-urlencoded":
            try:
                form = parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
            except UnicodeDecodeError:
                self._error(400, "The form is not UTF-8.")
                return
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
        elif ctype == "application/sparql-query":
            try:
                params["query"] = [body.decode("utf-8")]
            except UnicodeDecodeError:
                self._error(400, "The query is not UTF-8.")
                return
        else:
            self._error(415, "POST a form (application/x-www-form-urlencoded, query=...) or application/sparql-query.")
            return
        self._handle(params)

    def _refuse_method(self) -> None:
        self._error(405, "This endpoint is read-only and answers GET and POST queries only (no Graph Store Protocol).")

    do_PUT = do_DELETE = do_PATCH = _refuse_method

    def _drain(self, length: int) -> None:
        remaining = min(length, _DRAIN_LIMIT)
        self.close_connection = True
        try:
            while remaining > 0:
                chunk = self.rfile.read(min(remaining, 1 << 16))
                if not chunk:
                    break
                remaining -= len(chunk)
        except OSError:
            pass

    def _handle(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            self._error(403, "This endpoint is read-only: SPARQL updates (INSERT, DELETE, LOAD, CLEAR ...) are refused.")
            return
        if "default-graph-uri" in params or "named-graph-uri" in params:
            self._error(400, "default-graph-uri and named-graph-uri are not supported: use FROM, FROM NAMED or GRAPH.")
            return
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            self._error(400, "Give exactly one query: ?query=... (GET), a query= form field or an application/sparql-query body.")
            return
        query = queries[0]
        limit = self.server.settings.max_query_bytes
        if len(query.encode("utf-8")) > limit:
            self._error(413, f"The query is longer than {limit} bytes.")
            return
        if uses_service(query):
            self._error(403, "SERVICE is refused: this endpoint does not query other endpoints on a client's behalf.")
            return
        formats = params.get("format") or params.get("output") or []
        reply = self.server.pool.run(query, self.headers.get("Accept"), formats[0] if formats else None)
        if len(reply) == 3:
            status, ctype, body = reply  # type: ignore[misc]
            self._send(status, ctype, body)
        else:
            self._error(reply[0], reply[1])


def make_server(store_dir: str | Path, settings: ServeSettings | None = None) -> SparqlServer:
    """A SPARQL endpoint over the store in ``store_dir`` (call ``serve_forever()``; ``close()`` to stop).

    Raises ``StoreError`` when ``store_dir`` holds no kg store.
    """
    from kg.store import KGStore

    folder = Path(store_dir)
    KGStore.open(folder, read_only=True).close()  # a clear error now rather than in every worker
    return SparqlServer(folder, settings or ServeSettings())
