"""Choose and split the articles of kg's event corpus, before anyone annotates them (stdlib only).

Rule (written down and applied before annotation, see docs/annotation.md):
1. IndoSum articles of category "tajuk utama" (headline news) with 80 to 700 tokens;
2. on politics, international relations, security or law: the text names at least three of the
   KEYWORDS below (case-insensitive substrings);
3. not an article of another gold file (tests/gold/*.json, tests/gold/quotes/*.json);
4. sorted by id, shuffled with random.Random(16), the first 320 taken: the first 65 are `test`,
   the next 45 `dev`, the remaining 210 `train`; the first 30 of `train` are annotated twice
   (`double`), independently, for the agreement.
5. The next 30 of the same shuffle are `fresh` (added in session 17, annotated blind then by three helpers, 10
   articles each, after that session's rules were chosen, and scored for the final mains of sessions 16 and 17):
   a second unseen set.

Usage: python tests/gold/events/select.py [articles.jsonl] > tests/gold/events/split.json
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

KEYWORDS = (
    "presiden", "menteri", "dpr", "partai", "polisi", "polri", "kpk", "jaksa", "kejaksaan", "pengadilan",
    "hakim", "militer", "tni", "pemerintah", "diplomat", "duta besar", "gubernur", "bupati", "pbb", "korupsi",
    "tersangka", "pilkada", "pemilu", "kedutaan", "perdana menteri", "teroris", "demo", "unjuk rasa", "sanksi",
    "serangan",
)  # fmt: skip
SIZES = {"test": 65, "dev": 45, "train": 210}
DOUBLE = 30
FRESH = 30
REPO = Path(__file__).resolve().parents[3]


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared" / "data" / "corpus" / "indosum" / "articles.jsonl"
    gold = REPO / "tests" / "gold"
    taken: set[str] = set()
    for path in [*gold.glob("*.json"), *(gold / "quotes").glob("*.json")]:
        taken.update(json.loads(path.read_text(encoding="utf-8")).get("articles", []))
    chosen = []
    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            article = json.loads(line)
            text = article["text"].lower()
            if article.get("category") != "tajuk utama" or not 80 <= int(article.get("n_tokens", 0)) <= 700:
                continue
            if article["id"] in taken or sum(word in text for word in KEYWORDS) < 3:
                continue
            chosen.append(article["id"])
    chosen.sort()
    random.Random(16).shuffle(chosen)
    split, start = {}, 0
    for name, size in SIZES.items():
        split[name] = chosen[start : start + size]
        start += size
    split["double"] = split["train"][:DOUBLE]
    split["fresh"] = chosen[start : start + FRESH]
    json.dump({"rule": __doc__.split("Usage:")[0].strip(), "eligible": len(chosen), **split}, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
