"""The persistent store at full size: building, adding, removing and querying on all of IndoSum.

    python bench/full_corpus.py --cache DIR [--corpus ../shared/data/corpus/indosum/articles.jsonl]
                                [--sizes 100,1000] [--limit N] [--work DIR] [--query-timeout 300]

``--cache DIR`` is a parse cache holding the corpus's parses (fill it once with
``kg build CORPUS --out OUT --cache DIR``: 20-40 minutes on 2 cores); everything here then parses
only the one held-out article. The last article of the corpus is held out; stores are built from the
first 100, the first 1,000 and all the others. From one run it prints (JSON):

- building each store from cached parses (``kg build --store --no-outputs --no-validate``): seconds, peak RSS;
- adding the held-out article to each store (``kg build ONE --store S --no-outputs``, SHACL on what
  changed), against building that article alone (``kg build ONE``, every output): both parsing it
  (a fresh parse cache, models loaded: what following a feed costs) and both with its parse cached
  (what kg adds). Goal <= 1.5, and not growing with the store;
- removing it again (``kg remove``), against the same build alone (cached);
- SHACL over the whole full-size graph: seconds, conforms, the number of violations;
- each named query on the full store (inside Oxigraph, in this process, median of 3) against rdflib
  in memory (the store's graph loaded into an rdflib ``Graph`` in a child process, given
  ``--query-timeout`` seconds in all): seconds and ratio (goal: under 1 s and at least 10x faster);
- ``kg query --store`` and ``kg stats --store`` as commands (interpreter start included);
- peak RSS of each step (``ru_maxrss`` of the child, from ``os.wait4``) and the store's size on disk.

``--network-of STORE`` instead writes the whole store's outputs (``kg build ONE --store STORE --out
OUT``: graph.ttl, network.html, GraphML, GEXF, report.json) and times network.html in headless
Chromium as ``bench/network_view.py`` does (navigation to first drawing, median of 3).

The outputs go to a temporary folder (or ``--work DIR``). Numbers go in the README, never in a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_speed import run_child, sample_lines

GOAL_ADD = 1.5
GOAL_QUERY_SECONDS = 1.0
GOAL_QUERY_SPEEDUP = 10.0


def _kg(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg.cli", *args]


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _step(result: dict[str, Any]) -> dict[str, float]:
    return {"seconds": round(result["seconds"], 2), "peak_rss_mib": round(result["peak_rss_mib"], 1)}


def _article_id(line: str) -> str:
    return str(json.loads(line)["id"])


PARAMETERS = {"actor-events": ("actor",), "article-events": ("article",)}
"""The named queries' parameters (the other variables of their texts are their results)."""


def rdflib_child(store: str, params: str, repeat: int = 1) -> None:
    """Child mode: load the store's graph into rdflib, run one named query ``repeat`` times; print JSON (load and
    query seconds, one line per run: the first includes rdflib parsing the query, the later ones reuse it)."""
    from kg.query import run_query
    from kg.store import KGStore

    name, bindings = json.loads(params)
    t0 = time.perf_counter()
    with KGStore.open(store, read_only=True) as opened:
        graph = opened.graph()
    print(json.dumps({"load": time.perf_counter() - t0, "triples": len(graph)}), flush=True)
    for _ in range(max(1, repeat)):
        t1 = time.perf_counter()
        rows = len(list(run_query(graph, name, bindings)))
        print(json.dumps({"query": name, "seconds": time.perf_counter() - t1, "rows": rows}), flush=True)


def query_figures(store: Path, timeout: float, repeat: int = 3, only: str | None = None) -> dict[str, Any]:
    """Each named query's latency on the store (this process, median of ``repeat``) and on rdflib in memory (a child
    process per query that loads the graph, then has ``timeout`` seconds for the query: its first run, what a user
    running the query once gets, and with ``repeat`` > 3 the median of the later runs too, which reuse the parsed
    query); ``only``: that named query alone."""
    from kg.query import named_queries, run_query
    from kg.store import KGStore

    with KGStore.open(store, read_only=True) as opened:
        top = list(run_query(opened, "actors-by-degree"))
        actor = str(top[0][0]) if top else ""  # type: ignore[index]
        article = str(next(iter(opened.article_ids()), ""))
        params = {"actor": actor, "article": article}
        stored: dict[str, dict[str, Any]] = {}
        for name in named_queries():
            if only is not None and name != only:
                continue
            bindings = {k: params[k] for k in PARAMETERS.get(name, ())}
            times, rows = [], 0
            for _ in range(repeat):
                t0 = time.perf_counter()
                rows = len(list(run_query(opened, name, bindings)))
                times.append(time.perf_counter() - t0)
            stored[name] = {
                "store_s": round(statistics.median(times), 4),
                "store_first_s": round(times[0], 4),
                "rows": rows,
                "params": bindings,
            }
    out: dict[str, Any] = {"queries": {}}
    for name, figures in stored.items():
        with tempfile.TemporaryFile("w+") as log:
            child = subprocess.Popen(
                [
                    sys.executable,
                    __file__,
                    "--rdflib-child",
                    str(store),
                    "--params",
                    json.dumps([name, figures["params"]]),
                    "--query-repeat",
                    str(repeat if repeat > 3 else 1),
                ],
                stdout=log,
                text=True,
            )
            limit = time.monotonic() + timeout + 120  # the graph loads first (about 20 s at full size)
            while child.poll() is None and time.monotonic() < limit:
                time.sleep(0.5)
                log.seek(0)
                loaded = [json.loads(line) for line in log.read().splitlines() if line.strip()]
                if loaded and "load" in loaded[0]:
                    limit = min(limit, time.monotonic() + timeout)
            if child.poll() is None:
                child.kill()
            child.wait()
            log.seek(0)
            lines = [json.loads(line) for line in log.read().splitlines() if line.strip()]
        load = next((line["load"] for line in lines if "load" in line), None)
        runs = [line for line in lines if "query" in line]
        done = runs[0] if runs else None
        if len(runs) > 1:  # rdflib with the query already parsed
            again = statistics.median(line["seconds"] for line in runs[1:])
            figures |= {"rdflib_again_s": round(again, 4), "speedup_again": round(again / max(figures["store_s"], 1e-6), 1)}
        figures["rdflib_load_s"] = round(load, 1) if load is not None else None
        if done is not None:
            speedup = round(done["seconds"] / max(figures["store_s"], 1e-6), 1)
            figures |= {"rdflib_s": round(done["seconds"], 3), "speedup": speedup}
            figures["rows_match"] = done["rows"] == figures["rows"]
        else:
            figures |= {"rdflib_s": f"> {timeout:.0f} (stopped)", "speedup": f">= {timeout / max(figures['store_s'], 1e-6):.0f}"}
        speedup_ok = done is None or figures["speedup"] >= GOAL_QUERY_SPEEDUP
        figures["goal_met"] = figures["store_s"] < GOAL_QUERY_SECONDS and speedup_ok
        out["queries"][name] = figures
    return out


def network_figures(store: Path, work: Path, corpus: Path) -> None:
    """Write ``store``'s outputs (adding the corpus's last article again, a no-op) and time its network page."""
    from network_view import time_page

    work.mkdir(parents=True, exist_ok=True)
    one = work / "one.jsonl"
    one.write_text(sample_lines(corpus, 10**9)[-1], encoding="utf-8")
    out = work / "out"
    written = run_child(_kg("build", str(one), "--store", str(store), "--out", str(out), "--no-progress", "--force"))
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    page = out / "network.html"
    times = time_page(page, 3)
    print(
        json.dumps(
            {
                "outputs": _step(written),
                "timings_s": report.get("timings_s"),
                "actors": report["totals"].get("actors"),
                "triples": report["totals"].get("triples"),
                "page_mib": round(page.stat().st_size / 2**20, 2),
                "chromium_draw_ms": [round(t) for t in times],
                "chromium_draw_ms_median": round(statistics.median(times)),
            },
            indent=2,
        )
    )


def commands(store: Path, repeat: int = 3) -> dict[str, Any]:
    """``kg query --store`` and ``kg stats --store`` as commands (interpreter start included), median of ``repeat``
    runs each; ``kg stats`` first as after a change (its kept table deleted before each run), then again (the table
    kept in ``DIR/summaries``)."""

    def median(args: list[str], before: Any = None) -> dict[str, Any]:
        runs = []
        for _ in range(repeat):
            if before is not None:
                before()
            runs.append(_step(run_child(args)))
        return {
            "seconds": statistics.median(r["seconds"] for r in runs),
            "runs_s": [r["seconds"] for r in runs],
            "peak_rss_mib": max(r["peak_rss_mib"] for r in runs),
        }

    out = {}
    for name in ("who-met-whom", "actors-by-degree"):
        out[f"kg query --store {name}"] = median(_kg("query", "--store", str(store), name, "--format", "json"))
    stats = _kg("stats", "--store", str(store), "--format", "json")
    out["kg stats --store (first after a change)"] = median(stats, lambda: shutil.rmtree(store / "summaries", ignore_errors=True))
    out["kg stats --store (again)"] = median(stats)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=Path("../shared/data/corpus/indosum/articles.jsonl"))
    ap.add_argument("--cache", type=Path, required=False, help="A parse cache holding the corpus's parses.")
    ap.add_argument("--sizes", default="100,1000", help="Smaller stores to compare with the full one (comma-separated).")
    ap.add_argument("--limit", type=int, default=0, help="Use only the first N articles (a trial run).")
    ap.add_argument("--work", type=Path, help="Folder for the stores and outputs (default: a temporary one).")
    ap.add_argument("--query-timeout", type=float, default=300.0, help="Seconds for all named queries on rdflib.")
    ap.add_argument("--repeat", type=int, default=3, help="Time each add, remove and build alone N times, alternating.")
    ap.add_argument("--threads", type=int, default=1, help="Torch threads for the one parse (kg build --threads).")
    ap.add_argument("--network-of", type=Path, help="Write this store's outputs and time its network page.")
    ap.add_argument("--queries-of", type=Path, help="Only time the named queries and commands on this (full) store.")
    ap.add_argument(
        "--query-repeat", type=int, default=3, help="Runs of each named query on the store (median); above 3, rdflib too."
    )
    ap.add_argument("--only", help="With --queries-of: time this named query alone (no commands).")
    ap.add_argument("--no-queries", action="store_true", help="Skip the named queries and commands (stores and SHACL only).")
    ap.add_argument("--rdflib-child", help=argparse.SUPPRESS)
    ap.add_argument("--params", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.rdflib_child:
        rdflib_child(args.rdflib_child, args.params or "{}", args.query_repeat)
        return
    if args.network_of:
        network_figures(args.network_of, args.work or Path(tempfile.mkdtemp(prefix="kg-bench-net-")), args.corpus)
        return
    if args.queries_of:
        figures: dict[str, Any] = {"queries": query_figures(args.queries_of, args.query_timeout, args.query_repeat, args.only)}
        if args.only is None:
            figures["commands"] = commands(args.queries_of)
        print(json.dumps(figures, indent=2))
        return
    if args.cache is None:
        raise SystemExit("--cache DIR is needed: a parse cache with the corpus's parses (see the docstring)")
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-bench-full-"))
    work.mkdir(parents=True, exist_ok=True)
    lines = sample_lines(args.corpus, args.limit or 10**9)
    held, base = lines[-1], lines[:-1]
    held_id = _article_id(held)
    one = work / "one.jsonl"
    one.write_text(held, encoding="utf-8")
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip() and int(s) < len(base)} | {len(base)})
    common = ["--no-progress", "--threads", str(args.threads)]

    def fresh_cache(name: str) -> Path:
        folder = work / "caches" / name
        shutil.rmtree(folder, ignore_errors=True)
        return folder

    result: dict[str, Any] = {
        "machine": f"{platform.machine()} {platform.processor() or ''} {os.cpu_count()} cores".strip(),
        "load_average_at_start": os.getloadavg(),
        "held_out_article": held_id,
        "repeat": args.repeat,
        "stores": {},
        "goal_add_to_alone": GOAL_ADD,
    }

    def median(runs: list[dict[str, Any]]) -> dict[str, float]:
        return {
            "seconds": round(statistics.median(r["seconds"] for r in runs), 2),
            "peak_rss_mib": round(max(r["peak_rss_mib"] for r in runs), 1),
            "all_seconds": [round(r["seconds"], 2) for r in runs],  # type: ignore[dict-item]
        }

    for size in sizes:
        sample = work / f"sample-{size}.jsonl"
        sample.write_text("".join(base[:size]), encoding="utf-8")
        store, out = work / f"store-{size}", work / f"out-{size}"
        shutil.rmtree(store, ignore_errors=True)
        built = run_child(
            _kg(
                "build",
                str(sample),
                "--store",
                str(store),
                "--out",
                str(out),
                "--cache",
                str(args.cache),
                "--no-outputs",
                "--no-validate",
                *common,
            )
        )
        runs: dict[str, list[dict[str, Any]]] = {
            k: [] for k in ("alone_parsed", "add_parsed", "remove", "alone_cached", "add_cached", "remove_again")
        }
        report: dict[str, Any] = {}
        for trial in range(args.repeat):  # alternating, so that the machine's mood hits both sides alike
            alone_cache, add_cache = fresh_cache(f"alone-{size}-{trial}"), fresh_cache(f"add-{size}-{trial}")
            alone = ["build", str(one), "--out", str(work / "alone"), "--cache", str(alone_cache), "--force", *common]
            add = [
                "build",
                str(one),
                "--store",
                str(store),
                "--out",
                str(work / f"add-{size}"),
                "--cache",
                str(add_cache),
                "--no-outputs",
                "--force",
                *common,
            ]
            runs["alone_parsed"].append(run_child(_kg(*alone)))
            runs["add_parsed"].append(run_child(_kg(*add)))
            report = json.loads((work / f"add-{size}" / "report.json").read_text(encoding="utf-8"))
            runs["remove"].append(run_child(_kg("remove", held_id, "--store", str(store))))
            runs["alone_cached"].append(run_child(_kg(*alone)))
            runs["add_cached"].append(run_child(_kg(*add)))
            runs["remove_again"].append(run_child(_kg("remove", held_id, "--store", str(store))))
        steps = {name: median(values) for name, values in runs.items()}
        result["stores"][size] = {
            "articles": size,
            "build_from_cached_parses": _step(built),
            **steps,
            "ratio_add_parsed_to_alone_parsed": round(steps["add_parsed"]["seconds"] / steps["alone_parsed"]["seconds"], 3),
            "ratio_add_cached_to_alone_cached": round(steps["add_cached"]["seconds"] / steps["alone_cached"]["seconds"], 3),
            "ratio_remove_to_alone_cached": round(steps["remove"]["seconds"] / steps["alone_cached"]["seconds"], 3),
            "add_report": {
                "store": {
                    k: v if not isinstance(v, list) or len(v) < 5 else f"{len(v)} articles" for k, v in report["store"].items()
                },
                "timings_s": report.get("timings_s"),
                "shacl": report.get("shacl"),
            },
            "store_mib": round(_size(store) / 2**20, 1),
            "store_mib_oxigraph": round(_size(store / "oxigraph") / 2**20, 1),
        }
    full = work / f"store-{sizes[-1]}"
    shacl = run_child(
        [
            sys.executable,
            "-c",
            (
                "import json, time, sys\n"
                "from kg.store import KGStore\nfrom kg.build import validate\n"
                "t = time.perf_counter()\n"
                f"s = KGStore.open({str(full)!r}, read_only=True)\ng = s.graph()\ns.close()\n"
                "read = time.perf_counter() - t\nt = time.perf_counter()\nok, v = validate(g)\n"
                "print(json.dumps({'triples': len(g), 'read_s': read, 'validate_s': time.perf_counter() - t, "
                "'conforms': ok, 'violations': len(v), 'first': list(v[:5])}))"
            ),
        ]
    )
    result["shacl_full_graph"] = json.loads(shacl["stdout"]) | {"peak_rss_mib": round(shacl["peak_rss_mib"], 1)}
    if not args.no_queries:
        result["queries_full_store"] = query_figures(full, args.query_timeout)
        result["commands_full_store"] = commands(full)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
