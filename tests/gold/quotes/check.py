#!/usr/bin/env python3
"""Validate tests/gold/quotes/{dev,test}.json against the corpus (stdlib only).

Usage: python3 tests/gold/quotes/check.py [path/to/articles.jsonl]
Exit status 1 if any problem is found.
"""

import itertools
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
DEFAULT = os.path.join(REPO, "..", "shared", "data", "corpus", "indosum", "articles.jsonl")
MARKS = "\"\u201c\u201d\u2018\u2019'"
TYPES = {"Person", "Organization", "Country", "Place"}


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT
    texts = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                texts[r["id"]] = r.get("text") or ""
    errors = []
    seen_articles = {}
    for split, prefix in (("dev", "d"), ("test", "t")):
        fn = os.path.join(HERE, split + ".json")
        with open(fn, encoding="utf-8") as f:
            d = json.load(f)
        if d.get("split") != split:
            errors.append("{}: split field is {!r}".format(split, d.get("split")))
        arts = d.get("articles", [])
        if len(set(arts)) != len(arts):
            errors.append(f"{split}: duplicate article ids")
        for a in arts:
            if a not in texts:
                errors.append(f"{split}: article {a} not in corpus")
            if a in seen_articles:
                errors.append(f"{split}: article {a} also in {seen_articles[a]}")
            seen_articles[a] = split
        ids, spans = set(), set()
        n_null = 0
        for q in d.get("quotes", []):
            qid = q.get("id")
            where = f"{split}:{qid}"
            if not qid or not qid.startswith(prefix) or qid in ids:
                errors.append(f"{where}: bad or duplicate id")
            ids.add(qid)
            a = q.get("article")
            if a not in arts:
                errors.append(f"{where}: article {a} not listed in articles")
            if a not in texts:
                errors.append(f"{where}: article {a} not in corpus")
                continue
            t = texts[a]
            s, e = q.get("start"), q.get("end")
            if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(t)):
                errors.append(f"{where}: bad span {s!r}-{e!r} (len {len(t)})")
                continue
            content = t[s:e]
            if content[0] in MARKS or content[-1] in MARKS:
                errors.append(f"{where}: content starts/ends with a quote mark")
            if (a, s, e) in spans:
                errors.append(f"{where}: duplicate span")
            spans.add((a, s, e))
            sp = q.get("speaker")
            if sp is None:
                n_null += 1
                if q.get("speaker_type") is not None:
                    errors.append(f"{where}: speaker null but speaker_type set")
            else:
                if q.get("speaker_type") not in TYPES:
                    errors.append("{}: bad speaker_type {!r}".format(where, q.get("speaker_type")))
                aliases = q.get("speaker_aliases") or []
                if not aliases:
                    errors.append(f"{where}: no speaker_aliases")
                for al in aliases:
                    if al not in t:
                        errors.append(f"{where}: alias {al!r} not in article text")
            cue = q.get("cue")
            if cue is not None:
                if not (
                    isinstance(cue, list)
                    and len(cue) == 2
                    and all(isinstance(x, int) for x in cue)
                    and 0 <= cue[0] < cue[1] <= len(t)
                ):
                    errors.append(f"{where}: bad cue {cue!r}")
                elif cue[0] < e and s < cue[1]:
                    errors.append(f"{where}: cue overlaps the quote")
        # overlapping spans within the split
        by_art = {}
        for a, s, e in spans:
            by_art.setdefault(a, []).append((s, e))
        for a, lst in by_art.items():
            lst.sort()
            for (_s1, e1), (s2, _e2) in itertools.pairwise(lst):
                if s2 < e1:
                    errors.append(f"{split}: overlapping spans in {a}")
        n_q = len(d.get("quotes", []))
        print(f"{split:<5} articles={len(arts)} quotes={n_q} null_speaker={n_null} articles_with_quotes={len(by_art)}")
    for err in errors:
        print("ERROR", err)
    if errors:
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
