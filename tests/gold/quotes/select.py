#!/usr/bin/env python3
"""Select the articles of the blind quote-attribution gold set.

Usage: python3 tests/gold/quotes/select.py [path/to/articles.jsonl]

Rule: category "tajuk utama", at least 4 quotation marks (" + \u201c + \u201d),
not used by another gold set (tests/gold/seeds.json, indosum.json,
indosum-heldout.json); sorted ids shuffled with random.Random(19); the first
12 are `dev`, the next 12 `test`.
"""

import json
import os
import random
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
DEFAULT = os.path.join(REPO, "..", "shared", "data", "corpus", "indosum", "articles.jsonl")
EXCLUDE = ["seeds.json", "indosum.json", "indosum-heldout.json"]
N_DEV = 12
N_TEST = 12
SEED = 19


def excluded_ids():
    out = set()
    for name in EXCLUDE:
        with open(os.path.join(REPO, "tests", "gold", name), encoding="utf-8") as f:
            arts = json.load(f).get("articles", [])
        for a in arts:
            out.add(a if isinstance(a, str) else a.get("id"))
    return out


def n_marks(text):
    return text.count('"') + text.count("\u201c") + text.count("\u201d")


def select(path=DEFAULT):
    skip = excluded_ids()
    ids = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            r = json.loads(line)
            if r.get("category") != "tajuk utama":
                continue
            if n_marks(r.get("text") or "") < 4:
                continue
            if r["id"] in skip:
                continue
            ids.append(r["id"])
    ids = sorted(set(ids))
    random.Random(SEED).shuffle(ids)
    return {"dev": ids[:N_DEV], "test": ids[N_DEV : N_DEV + N_TEST]}


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT
    splits = select(path)
    for split in ("dev", "test"):
        for i in splits[split]:
            print(split, i)


if __name__ == "__main__":
    main()
