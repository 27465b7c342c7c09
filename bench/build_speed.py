"""End-to-end speed of `kg build` on a sample of IndoSum articles, against Stanza alone.

    python bench/build_speed.py [--articles 5] [--corpus ../shared/data/corpus/indosum/articles.jsonl]
                                [--store DIR] [--workers N] [--work DIR] [--repeat N]

From one run it prints (JSON, like bench/stanza_speed.py):

- articles per second end to end: a full `kg build` (SHACL validation and every output) in a fresh
  process, with an empty parse cache;
- the ratio of that time to Stanza alone on the same texts, also in a fresh process (interpreter
  start, model loading and parsing: what `kg build` cannot avoid), both sides with the same torch
  thread count (``--threads``; default the CPUs this process may use). Goal <= 1.10. With
  ``--repeat N`` the two are timed N times, alternating, and the median of the N ratios is the
  figure (a busy machine moves either time by 10 % or more between runs);
- the ratio of a rebuild with nothing changed to the first build. Goal <= 0.03;
- the time to add one article to the built corpus (one more article in the input; the others
  come from the cache, or from the store);
- peak RSS of each step (``ru_maxrss`` of the child process, from ``os.wait4``);
- with ``--store DIR`` (passed on to `kg build --store DIR`): each named query's latency on the
  store against rdflib in memory (graph.ttl loaded), as a ratio.

The sample and the build outputs go to a temporary folder (or ``--work DIR``), never into the
repository. Numbers go in the README's performance section, never in a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from kg.articles import read_articles
from kg.document import Article
from kg.workers import available_cpus

GOAL_END_TO_END = 1.10
GOAL_REBUILD = 0.03


def run_child(args: list[str]) -> dict[str, Any]:
    """Run a command; return its wall time, peak RSS (MiB) and output. Raises when it fails."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(args, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(proc.pid, 0)  # wait() would reap the child without its rusage
        seconds = time.perf_counter() - t0
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if code != 0:
            raise SystemExit(f"{' '.join(args)} failed ({code}):\n{err.read()[-3000:]}")
        return {"seconds": seconds, "peak_rss_mib": usage.ru_maxrss / 1024, "stdout": out.read()}


def stanza_only(sample: Path, threads: int) -> None:
    """Child mode: load the Stanza pipeline kg uses and parse the sample's texts with ``threads`` torch threads;
    print JSON timings."""
    import stanza
    import torch

    torch.set_num_threads(threads)

    from kg.nlp.pipeline import StanzaParser

    t0 = time.perf_counter()
    articles = [a for a in read_articles([sample]) if isinstance(a, Article)]
    parser = StanzaParser()
    pipeline = parser.pipeline
    load = time.perf_counter() - t0
    t1 = time.perf_counter()
    size = parser.settings.batch_size
    for start in range(0, len(articles), size):
        pipeline.bulk_process([stanza.Document([], text=a.text) for a in articles[start : start + size]])
    print(json.dumps({"articles": len(articles), "load_seconds": load, "parse_seconds": time.perf_counter() - t1}))


def sample_lines(corpus: Path, count: int) -> list[str]:
    """The first ``count`` lines of the JSONL ``corpus`` with an article text."""
    lines = []
    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict) and isinstance(record.get("text"), str) and record["text"].strip():
                lines.append(line if line.endswith("\n") else line + "\n")
            if len(lines) == count:
                break
    return lines


def _median_seconds(run: Any, text: str, bindings: dict[str, Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        list(run(text, initBindings=bindings))
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def query_latencies(out: Path, store: Path, repeat: int = 5) -> dict[str, dict[str, float]]:
    """Median latency of each named query on rdflib in memory and on the store, and their ratio."""
    from rdflib import Literal, Variable

    from kg.namespace import KG
    from kg.query import load_graph, named_queries, run_query

    try:
        from kg.store import KGStore  # the persistent store behind `kg build --store`
    except ImportError as exc:
        raise SystemExit(f"--store needs kg.store, the persistent store ({exc})") from exc

    graph = load_graph(out)
    top = run_query(graph, "actors-by-degree").bindings
    article = next(iter(graph.objects(None, KG.articleId)), "")
    params = {"actor": Literal(str(top[0][Variable("actor")]) if top else ""), "article": Literal(str(article))}
    results = {}
    with KGStore.open(store, read_only=True) as opened:
        for name, path in named_queries().items():
            text = path.read_text(encoding="utf-8")
            bindings = {k: v for k, v in params.items() if f"?{k}" in text}
            memory = _median_seconds(graph.query, text, bindings, repeat)
            stored = _median_seconds(opened.query, text, bindings, repeat)
            results[name] = {"rdflib_s": round(memory, 4), "store_s": round(stored, 4), "ratio": round(stored / memory, 3)}
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=5)
    ap.add_argument("--corpus", type=Path, default=Path("../shared/data/corpus/indosum/articles.jsonl"))
    ap.add_argument("--store", type=Path, help="Pass --store DIR to kg build and time the named queries on it.")
    ap.add_argument("--workers", type=int, default=1, help="Pass --workers N to kg build.")
    ap.add_argument("--work", type=Path, help="Folder for the sample and the outputs (default: a temporary one).")
    ap.add_argument("--repeat", type=int, default=1, help="Time Stanza alone and the first build N times, alternating.")
    ap.add_argument(
        "--threads",
        type=int,
        help="Torch threads for each side (default: the CPUs this process may use, over the workers): both sides "
        "get the same count, never one chosen from the machine's load at the moment it starts.",
    )
    ap.add_argument("--stanza-only", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    threads = args.threads or max(1, available_cpus() // max(1, args.workers))
    if args.stanza_only:
        stanza_only(args.stanza_only, threads)
        return
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    lines = sample_lines(args.corpus, args.articles + 1)
    if len(lines) < 2:
        raise SystemExit(f"{args.corpus} has fewer than 2 articles")
    sample, out, cache = work / "sample.jsonl", work / "out", work / "cache"
    sample.write_text("".join(lines[:-1]), encoding="utf-8")
    kg_build = [sys.executable, "-m", "kg.cli", "build", str(sample), "--out", str(out), "--cache", str(cache), "--no-progress"]
    kg_build += ["--threads", str(threads)]
    if args.store:
        kg_build += ["--store", str(args.store)]
    if args.workers > 1:
        kg_build += ["--workers", str(args.workers)]

    ratios = []
    for trial in range(1, args.repeat):  # earlier trials build into their own folders, then the last one counts on
        folder = work / f"trial-{trial}"
        moved = {str(out): str(folder / "out"), str(cache): str(folder / "cache")}
        if args.store:
            moved[str(args.store)] = str(folder / "store")
        trial_build = [moved.get(a, a) for a in kg_build]
        alone_t = run_child([sys.executable, __file__, "--stanza-only", str(sample), "--threads", str(threads)])
        first_t = run_child(trial_build)
        ratios.append(first_t["seconds"] / alone_t["seconds"])
    alone = run_child([sys.executable, __file__, "--stanza-only", str(sample), "--threads", str(threads)])
    first = run_child(kg_build)
    ratios.append(first["seconds"] / alone["seconds"])
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    again = run_child(kg_build)
    sample.write_text("".join(lines), encoding="utf-8")
    added = run_child(kg_build)
    inner = json.loads(alone["stdout"])
    articles = len(lines) - 1
    result = {
        "machine": f"{platform.machine()} {platform.processor() or ''} {os.cpu_count()} cores".strip(),
        "articles": articles,
        "workers": args.workers,
        "threads": threads,
        "store": str(args.store) if args.store else None,
        "end_to_end_seconds": round(first["seconds"], 2),
        "articles_per_second": round(articles / first["seconds"], 3),
        "stanza_only_seconds": round(alone["seconds"], 2),
        "stanza_only_load_seconds": round(inner["load_seconds"], 2),
        "stanza_only_parse_seconds": round(inner["parse_seconds"], 2),
        "ratio_end_to_end_to_stanza": round(statistics.median(ratios), 3),
        "ratios_end_to_end_to_stanza": [round(r, 3) for r in ratios],
        "goal_end_to_end_to_stanza": GOAL_END_TO_END,
        "first_build_timings_s": report.get("timings_s"),
        "rebuild_no_change_seconds": round(again["seconds"], 2),
        "ratio_rebuild_to_first": round(again["seconds"] / first["seconds"], 4),
        "goal_rebuild_to_first": GOAL_REBUILD,
        "add_one_article_seconds": round(added["seconds"], 2),
        "peak_rss_mib": {
            "stanza_only": round(alone["peak_rss_mib"], 1),
            "first_build": round(first["peak_rss_mib"], 1),
            "rebuild": round(again["peak_rss_mib"], 1),
            "add_one": round(added["peak_rss_mib"], 1),
        },
    }
    if args.store:
        result["named_query_latency"] = query_latencies(out, args.store)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
