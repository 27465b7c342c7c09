"""Speed of the full Stanza pipeline (all six processors) on a sample of IndoSum articles.

    python bench/stanza_speed.py [--articles 60] [--corpus ../shared/data/corpus/indosum/articles.jsonl]

Prints tokens per second and articles per second on this machine; the figures go in the
model card, never in a test.
"""

from __future__ import annotations

import argparse
import itertools
import json
import platform
import time
from pathlib import Path

from kg.articles import read_articles
from kg.document import Article
from kg.nlp.pipeline import StanzaParser


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=60)
    ap.add_argument("--corpus", type=Path, default=Path("../shared/data/corpus/indosum/articles.jsonl"))
    args = ap.parse_args()
    articles = [a for a in itertools.islice(read_articles([args.corpus]), args.articles) if isinstance(a, Article)]
    parser = StanzaParser()
    t0 = time.perf_counter()
    parser.parse(Article("warmup", "Presiden bertemu menteri."))
    load = time.perf_counter() - t0
    t1 = time.perf_counter()
    docs = list(parser.parse_many(articles))
    seconds = time.perf_counter() - t1
    tokens = sum(len({(w.start_char, w.end_char) for w in s.words}) for d in docs for s in d.sentences)
    words = sum(len(s.words) for d in docs for s in d.sentences)
    print(
        json.dumps(
            {
                "machine": f"{platform.machine()} {platform.processor() or ''} {__import__('os').cpu_count()} cores".strip(),
                "articles": len(docs),
                "tokens": tokens,
                "words": words,
                "load_seconds": round(load, 2),
                "parse_seconds": round(seconds, 2),
                "tokens_per_second": round(tokens / seconds, 1),
                "articles_per_second": round(len(docs) / seconds, 2),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
