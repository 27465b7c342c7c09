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
import functools
import multiprocessing
import queue
import re
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, cast
from urllib.parse import parse_qs, urlsplit

from kg.errors import KGError, StoreError
from kg.sparql import SPARQL_LITERALS

__all__ = ["APP_CSP", "ServeSettings", "SparqlServer", "make_server", "negotiate", "render_page", "uses_service"]

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


class _GraphFile:
    """A built folder's graph.ttl in an in-memory Oxigraph, reloaded when the file changes."""

    def __init__(self, folder: Path) -> None:
        import pyoxigraph as ox

        self.oxigraph = ox.Store()
        self.oxigraph.bulk_load(path=str(folder / "graph.ttl"), format=ox.RdfFormat.TURTLE)


def _stamp(folder: Path) -> tuple[int, int]:
    from kg.store import MARKER_FILE, generation_stamp

    if (folder / MARKER_FILE).exists():
        return generation_stamp(folder)
    try:
        st = (folder / "graph.ttl").stat()
    except OSError:
        return (0, 0)
    return (st.st_mtime_ns, st.st_size)


def _open_data(folder: Path) -> tuple[Any, list[Any] | None]:
    """The database to query and its default graphs: the store read-only, or a built folder's graph.ttl."""
    from kg.store import MARKER_FILE, KGStore

    if (folder / MARKER_FILE).exists():
        store = KGStore.open(folder, read_only=True)
        return store, store.content_graphs()
    try:
        return _GraphFile(folder), None
    except (OSError, SyntaxError, ValueError) as exc:
        raise StoreError(f"{folder / 'graph.ttl'} cannot be read: {exc}") from exc


def _worker_main(store_dir: str, conn: Any, max_result_bytes: int) -> None:
    """A query worker: opens the store read-only (or a built folder's graph), answers (query, accept, format) until None."""
    folder = Path(store_dir)
    store: Any = None
    stamp: tuple[int, int] | None = None
    graphs: list[Any] | None = []
    try:  # open before the first query, so start-up never counts against a query's timeout
        stamp = _stamp(folder)
        store, graphs = _open_data(folder)
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
            now = _stamp(folder)
            if store is None or now != stamp:
                store, graphs = _open_data(folder)
                stamp = now
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
    database: Any, graphs: list[Any] | None, query: str, accept: str | None, format_param: str | None, *, max_result_bytes: int
) -> tuple[int, str] | tuple[int, str, bytes]:
    import pyoxigraph as ox

    try:
        from kg.store import uses_graph_clause  # the store's default graph is the knowledge graph

        result = database.query(query, named_graphs=graphs if uses_graph_clause(query) else None)
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


APP_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
"""The Content-Security-Policy of every page: scripts, styles, fonts and requests from kg itself only."""
_QUERY_CSP = APP_CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")  # YASGUI sets style attributes
_STATIC_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml"}


class SparqlServer(ThreadingHTTPServer):
    """The endpoint's HTTP server and the browser app beside it; ``close()`` stops it and its workers."""

    daemon_threads = True

    def __init__(self, store_dir: Path, settings: ServeSettings, source: Any = None) -> None:
        from kg.web import SiteCache, StoreSource

        self.settings = settings
        self.store_dir = store_dir
        self.site = SiteCache(source if source is not None else StoreSource(store_dir))
        self.pool = _Pool(store_dir, settings)
        self.on_log: Any = None
        try:
            super().__init__((settings.host, settings.port), _Handler)
        except OSError:
            self.pool.close()
            raise
        threading.Thread(target=self._warm, daemon=True).start()

    def _warm(self) -> None:
        """Load the pages' data (and lay out the network) now, so the first visitor does not wait for it."""
        with contextlib.suppress(Exception):  # a page will report what is wrong
            self.site.get().network_json()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}{ENDPOINT}"

    @property
    def app_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}/"

    def render(self, name: str, **context: Any) -> bytes:
        """A page from kg/templates/app (Jinja2, every value autoescaped)."""
        return render_page(name, **context).encode("utf-8")

    def close(self) -> None:
        self.shutdown()
        self.server_close()
        self.pool.close()
        self.site.close()


_TEMPLATES = Path(__file__).resolve().parent / "templates" / "app"
_STATIC = Path(__file__).resolve().parent / "static"


@functools.cache
def _environment() -> Any:
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(_TEMPLATES)), autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters["json"] = _json_filter
    return env


def render_page(name: str, **context: Any) -> str:
    """The app's page ``name`` (a template of kg/templates/app) with ``context``; every value is autoescaped."""
    return cast(str, _environment().get_template(name).render(**context))


def _json_filter(data: Any) -> Any:
    """JSON for a ``<script type="application/json">`` element (markup characters escaped)."""
    import markupsafe

    from kg.render import safe_json

    return markupsafe.Markup(safe_json(data))


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "kg-sparql"

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.on_log is not None:
            self.server.on_log(format % args)

    def _send(self, status: int, content_type: str, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
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
        parts = urlsplit(self.path)
        if parts.path == ENDPOINT:
            self._handle(parse_qs(parts.query, keep_blank_values=True))
            return
        try:
            self._app(parts.path, parse_qs(parts.query, keep_blank_values=True))
        except KGError as exc:
            self._page(503, "error.html", title="Unavailable", message=f"The graph cannot be read: {exc}")

    do_HEAD = do_GET

    # -- the browser app

    def _page(self, status: int, template: str, csp: str = APP_CSP, **context: Any) -> None:
        body = self.server.render(template, **context)
        self._send(status, "text/html; charset=utf-8", body, _app_headers(csp))

    def _app(self, path: str, params: dict[str, list[str]]) -> None:
        from urllib.parse import unquote

        if path.startswith("/static/"):
            self._static(path[len("/static/") :])
            return
        if path in ("/", "/network"):
            self._page(200, "network.html", title="Actor network")
            return
        if path == "/query":
            from kg.query import named_queries

            site = self.server.site.get()
            tabs = [
                {"name": name, "query": _with_example(file.read_text(encoding="utf-8"), site)}
                for name, file in named_queries().items()
            ]
            self._page(200, "query.html", csp=_QUERY_CSP, title="SPARQL", tabs=tabs)
            return
        site = self.server.site.get()
        if path == "/api/network.json":
            self._send(200, "application/json", site.network_json(), _app_headers(APP_CSP))
            return
        if path.startswith("/download/network."):
            from kg.web import NetworkFilter

            fmt = path.rsplit(".", 1)[-1]
            if fmt not in ("ttl", "graphml", "gexf"):
                self._page(404, "error.html", title="Not found", message="Downloads: network.ttl, network.graphml, network.gexf.")
                return
            media, text = site.download(NetworkFilter.from_params(params), "turtle" if fmt == "ttl" else fmt)
            headers = _app_headers(APP_CSP) | {"Content-Disposition": f'attachment; filename="network.{fmt}"'}
            self._send(200, media + "; charset=utf-8", text.encode("utf-8"), headers)
            return
        if path.startswith("/actor/"):
            actor = site.actor(unquote(path[len("/actor/") :]))
            if actor is None:
                self._page(
                    404, "error.html", title="Unknown actor", message="No actor has this address; search the network page."
                )
                return
            self._page(200, "actor.html", title=actor["label"], actor=actor)
            return
        if path.startswith("/article/"):
            article = site.article(unquote(path[len("/article/") :]))
            if article is None:
                self._page(404, "error.html", title="Unknown article", message="No article has this id in the graph.")
                return
            self._page(200, "article.html", title=article["meta"].get("title") or article["id"], article=article)
            return
        if path == "/timeline":
            name = (params.get("actor") or [""])[0]
            other = (params.get("other") or [""])[0]
            slug = name if name in site.actors else site.find_actor(name)
            other_slug = (other if other in site.actors else site.find_actor(other)) if other else None
            if slug is None or (other and other_slug is None):
                self._page(
                    404, "error.html", title="Unknown actor", message="Give ?actor= (and ?other=) as an actor's name or address."
                )
                return
            chart = site.timeline(slug, other_slug)
            self._page(200, "timeline.html", title="Timeline", chart=chart, slug=slug, other=other_slug)
            return
        self._page(
            404,
            "error.html",
            title="Not found",
            message="Nothing here: the pages are /, /actor/…, /article/…, /timeline, /query.",
        )

    def _static(self, rel: str) -> None:
        from kg.render import vis_dir

        if rel in ("vendor/vis-network.min.js", "vendor/vis-network.css"):
            file = vis_dir() / rel.split("/", 1)[1]
        else:
            file = (_STATIC / rel).resolve()
            if _STATIC.resolve() not in file.parents:
                file = _STATIC / "missing"
        ctype = _STATIC_TYPES.get(file.suffix)
        if ctype is None or not file.is_file():
            self._error(404, "No such file.")
            return
        self._send(200, ctype, file.read_bytes(), {"Cache-Control": "max-age=300", "Content-Security-Policy": APP_CSP})

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


def _app_headers(csp: str) -> dict[str, str]:
    return {
        "Content-Security-Policy": csp,
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
        "Cache-Control": "no-store",
    }


def _with_example(query: str, site: Any) -> str:
    """A named query for the SPARQL editor: its parameters (?actor, ?article) bound to an example by VALUES."""
    values = []
    if re.search(r"[?$]actor\b", query) and "Bind ?actor" in query:
        top = max(site.net, key=site.net.degree, default=None)
        if top is not None:
            values.append(("actor", site.net.nodes[top].get("label", "")))
    if re.search(r"[?$]article\b", query) and "Bind ?article" in query and site.articles:
        values.append(("article", sorted(site.articles)[0]))
    for name, value in values:
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        query = query.rstrip() + f'\nVALUES ?{name} {{ "{escaped}" }}\n'
    return query


def make_server(store_dir: str | Path, settings: ServeSettings | None = None, *, store: bool = True) -> SparqlServer:
    """The SPARQL endpoint and the browser app over the store in ``store_dir`` (``serve_forever()``; ``close()`` stops).

    With ``store=False``, ``store_dir`` is the output folder of ``kg build`` and its graph.ttl is served.
    Raises ``StoreError`` (``InputError``) when ``store_dir`` holds no kg store (no graph.ttl).
    """
    from kg.web import open_source

    folder = Path(store_dir)
    source = open_source(folder, store)  # a clear error now rather than in every worker
    return SparqlServer(folder, settings or ServeSettings(), source)
