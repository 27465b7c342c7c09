"""Extraction time per article now against a reference revision of kg, measured in one run.

    python bench/extract_speed.py [--ref 5c0ca17] [--rounds 5] [--corpus ../shared/data/corpus/indosum/articles.jsonl]

The seeds and the IndoSum gold articles (tests/gold/indosum*.json) are parsed once, with the
current code and the shipped models; their parses go to CoNLL-U in a temporary folder. Then each
revision (the reference checked out with ``git worktree`` in a temporary folder, and the working
tree) extracts every article ``--rounds`` times in a fresh process, alternating, and the median
per-article time of each is printed as JSON with their ratio (the goal of the extraction-as-data
work: within 1.20 of the reference). The working tree is also timed with the shipped event scorer
applied after extraction, as ``kg build`` does, against Stanza's parse time of the same articles
(models loaded first, not counted): the issue-16 goal is at most 0.10. Numbers go in the README,
never in a test.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

TIMER = r"""
import json, sys, time
from pathlib import Path
from kg.document import Article, from_conllu
from kg.extract import extract
from kg.lexicon import get_lexicon
folder = Path(sys.argv[1])
meta = json.loads((folder / "articles.json").read_text(encoding="utf-8"))
docs = [
    from_conllu((folder / f"{n}.conllu").read_text(encoding="utf-8"), Article(a["id"], a["text"]))
    for n, a in enumerate(meta)
]
lex = get_lexicon()
scoring = None
if len(sys.argv) > 2:  # with the shipped event scorer, as kg build applies it
    from kg.event_scorer import EventScoring
    scoring = EventScoring("shipped")
    if scoring.scorer() is None:
        raise SystemExit("no event scorer shipped in this tree")
def run(doc):
    ex = extract(doc, lex)
    return scoring.apply(ex) if scoring is not None else ex
for doc in docs:
    run(doc)  # warm up
start = time.perf_counter()
for doc in docs:
    run(doc)
import kg
print(json.dumps({"seconds": time.perf_counter() - start, "articles": len(docs), "kg": kg.__file__}))
"""


def _parse(corpus: Path, folder: Path) -> tuple[int, float]:
    """Parse the articles into ``folder``; (count, Stanza's seconds per article with its models loaded)."""
    from kg.articles import read_articles
    from kg.document import Article, to_conllu
    from kg.nlp.pipeline import StanzaParser

    ids: list[str] = []
    for gold in ("indosum.json", "indosum-heldout.json"):
        ids += json.loads((ROOT / "tests" / "gold" / gold).read_text(encoding="utf-8"))["articles"]
    articles = [a for a in read_articles([ROOT.parent / "shared" / "seeds"]) if isinstance(a, Article)]
    wanted = set(ids)
    articles += [a for a in read_articles([corpus]) if isinstance(a, Article) and a.id in wanted]
    meta = []
    parser = StanzaParser()
    list(parser.parse_many([Article("warm-up", "Presiden bertemu Menteri di Jakarta.")]))  # load the models
    start = time.perf_counter()
    docs = list(parser.parse_many(articles))
    parse_seconds = time.perf_counter() - start
    for n, doc in enumerate(docs):
        (folder / f"{n}.conllu").write_text(to_conllu(doc), encoding="utf-8")
        meta.append({"id": doc.article.id, "text": doc.article.text})
    (folder / "articles.json").write_text(json.dumps(meta), encoding="utf-8")
    return len(meta), parse_seconds / len(meta)


def _time(tree: Path, folder: Path, scorer: bool = False) -> float:
    run = subprocess.run(
        [sys.executable, "-c", TIMER, str(folder), *(["scorer"] if scorer else [])],
        cwd=tree, env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True, check=True,
    )  # fmt: skip
    result = json.loads(run.stdout.strip().splitlines()[-1])
    if not Path(result["kg"]).resolve().is_relative_to(tree.resolve()):
        raise SystemExit(f"the timed code came from {result['kg']}, not from {tree}")
    return float(result["seconds"]) / int(result["articles"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ref", default="5c0ca17", help="the revision to compare with (default: main before session 7)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "data" / "corpus" / "indosum" / "articles.jsonl")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-extract-bench-") as tmp:
        folder, ref_tree = Path(tmp) / "parses", Path(tmp) / "ref"
        folder.mkdir()
        count, parse_per_article = _parse(args.corpus, folder)
        subprocess.run(["git", "worktree", "add", "--detach", str(ref_tree), args.ref], cwd=ROOT, check=True, capture_output=True)
        try:
            now, ref, scored = [], [], []
            for _ in range(args.rounds):
                ref.append(_time(ref_tree, folder))
                now.append(_time(ROOT, folder))
                scored.append(_time(ROOT, folder, scorer=True))
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(ref_tree)], cwd=ROOT, check=False, capture_output=True)
    ratio = statistics.median(n / r for n, r in zip(now, ref, strict=True))
    print(
        json.dumps(
            {
                "articles": count,
                "rounds": args.rounds,
                "reference": args.ref,
                "ms_per_article_reference": round(1000 * statistics.median(ref), 2),
                "ms_per_article_now": round(1000 * statistics.median(now), 2),
                "ratio_now_to_reference": round(ratio, 3),
                "ms_per_article_now_with_scorer": round(1000 * statistics.median(scored), 2),
                "ms_per_article_stanza_parse": round(1000 * parse_per_article, 1),
                "ratio_extraction_with_scorer_to_parse": round(statistics.median(scored) / parse_per_article, 4),
            }
        )
    )


if __name__ == "__main__":
    main()
