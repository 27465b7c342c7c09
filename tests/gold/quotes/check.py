#!/usr/bin/env python3
"""Validate tests/gold/quotes/{dev,test}.json against the corpus (stdlib only).

Usage: python3 tests/gold/quotes/check.py [path/to/articles.jsonl]
Exit status 1 if any problem is found.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
DEFAULT = os.path.join(REPO, "..", "shared", "data", "corpus", "indosum", "articles.jsonl")
MARKS = '"\u201c\u201d\u2018\u2019\''
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
            errors.append("%s: split field is %r" % (split, d.get("split")))
        arts = d.get("articles", [])
        if len(set(arts)) != len(arts):
            errors.append("%s: duplicate article ids" % split)
        for a in arts:
            if a not in texts:
                errors.append("%s: article %s not in corpus" % (split, a))
            if a in seen_articles:
                errors.append("%s: article %s also in %s" % (split, a, seen_articles[a]))
            seen_articles[a] = split
        ids, spans = set(), set()
        n_null = 0
        for q in d.get("quotes", []):
            qid = q.get("id")
            where = "%s:%s" % (split, qid)
            if not qid or not qid.startswith(prefix) or qid in ids:
                errors.append("%s: bad or duplicate id" % where)
            ids.add(qid)
            a = q.get("article")
            if a not in arts:
                errors.append("%s: article %s not listed in articles" % (where, a))
            if a not in texts:
                errors.append("%s: article %s not in corpus" % (where, a))
                continue
            t = texts[a]
            s, e = q.get("start"), q.get("end")
            if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(t)):
                errors.append("%s: bad span %r-%r (len %d)" % (where, s, e, len(t)))
                continue
            content = t[s:e]
            if content[0] in MARKS or content[-1] in MARKS:
                errors.append("%s: content starts/ends with a quote mark" % where)
            if (a, s, e) in spans:
                errors.append("%s: duplicate span" % where)
            spans.add((a, s, e))
            sp = q.get("speaker")
            if sp is None:
                n_null += 1
                if q.get("speaker_type") is not None:
                    errors.append("%s: speaker null but speaker_type set" % where)
            else:
                if q.get("speaker_type") not in TYPES:
                    errors.append("%s: bad speaker_type %r" % (where, q.get("speaker_type")))
                aliases = q.get("speaker_aliases") or []
                if not aliases:
                    errors.append("%s: no speaker_aliases" % where)
                for al in aliases:
                    if al not in t:
                        errors.append("%s: alias %r not in article text" % (where, al))
            cue = q.get("cue")
            if cue is not None:
                if not (isinstance(cue, list) and len(cue) == 2 and all(isinstance(x, int) for x in cue)
                        and 0 <= cue[0] < cue[1] <= len(t)):
                    errors.append("%s: bad cue %r" % (where, cue))
                elif cue[0] < e and s < cue[1]:
                    errors.append("%s: cue overlaps the quote" % where)
        # overlapping spans within the split
        by_art = {}
        for (a, s, e) in spans:
            by_art.setdefault(a, []).append((s, e))
        for a, lst in by_art.items():
            lst.sort()
            for (s1, e1), (s2, e2) in zip(lst, lst[1:]):
                if s2 < e1:
                    errors.append("%s: overlapping spans in %s" % (split, a))
        n_q = len(d.get("quotes", []))
        print("%-5s articles=%d quotes=%d null_speaker=%d articles_with_quotes=%d"
              % (split, len(arts), n_q, n_null, len(by_art)))
    for err in errors:
        print("ERROR", err)
    if errors:
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
