"""Score the quotations of a built graph against a stand-off gold of attributed quotes.

Gold shape (``tests/gold/quotes/*.json``): ``{"articles": [ids], "quotes": [{"id", "article",
"start", "end", "speaker", "speaker_aliases", ...}]}``, offsets into the article texts of a
corpus (JSONL with ``id`` and ``text``), which stays outside the repository and is read at run
time. kg rewrites whitespace and drops furniture, so gold and system quotes are matched by their
words, not their offsets: a system ``kg:Quotation`` of the same article matches a gold quote when
at least half of the longer one's words are shared (one to one, best overlap first).

- correct: matched, and one of the system speaker's names equals one of the gold aliases
  (normalised);
- wrong speaker: matched, another speaker (or a speaker where the gold names none);
- missed: a gold quote with a speaker and no matching system quote;
- spurious: a system quote that matches no gold quote.

Precision is correct / system quotes; recall correct / gold quotes with a speaker.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph

from kg.errors import EvaluationError
from kg.lexicon import normalize_name
from kg.sparql import select

__all__ = ["QuoteScores", "evaluate_quotes", "format_quote_scores", "is_quote_gold", "read_corpus_texts"]

_QUOTES = """
SELECT ?quote ?article ?text ?rule ?label ?alias WHERE {
  ?quote a kg:Quotation ; kg:text ?text ; kg:inArticle ?a ; kg:speaker ?speaker ; kg:extractedBy ?rule .
  ?a kg:articleId ?article .
  ?speaker rdfs:label ?label .
  OPTIONAL { ?speaker skos:altLabel ?alias }
}
"""
_WORD = re.compile(r"\w+")
_MIN_OVERLAP = 0.5


@dataclass
class QuoteScores:
    """Counts of a quote-attribution evaluation, with the items behind them."""

    gold_with_speaker: int = 0
    correct: int = 0
    wrong: int = 0
    missed: int = 0
    spurious: int = 0
    gold_without_speaker: int = 0
    details: list[str] = field(default_factory=list)
    by_rule: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))  # rule -> [right, fired]

    @property
    def system(self) -> int:
        return self.correct + self.wrong + self.spurious

    @property
    def precision(self) -> float:
        return self.correct / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold_with_speaker if self.gold_with_speaker else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def wrong_rate(self) -> float:
        """Wrong-speaker attributions per gold quote with a speaker."""
        return self.wrong / self.gold_with_speaker if self.gold_with_speaker else 0.0

    def summary(self) -> dict[str, Any]:
        return {
            "gold_with_speaker": self.gold_with_speaker,
            "gold_without_speaker": self.gold_without_speaker,
            "correct": self.correct,
            "wrong_speaker": self.wrong,
            "missed": self.missed,
            "spurious": self.spurious,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "wrong_speaker_rate": round(self.wrong_rate, 3),
            "by_rule": {rule: {"right": r, "fired": n} for rule, (r, n) in sorted(self.by_rule.items())},
        }


def is_quote_gold(gold: dict[str, Any]) -> bool:
    """Whether ``gold`` is a quote-attribution gold (it has ``quotes`` and no ``events``)."""
    return isinstance(gold.get("quotes"), list) and "events" not in gold


def read_corpus_texts(path: Path, ids: set[str]) -> dict[str, str]:
    """The ``text`` of each article of a JSONL corpus whose ``id`` is in ``ids``."""
    if not path.is_file():
        raise EvaluationError(f"Corpus {path} is not a file: pass the JSONL the gold's offsets point into with --corpus.")
    texts: dict[str, str] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            if record.get("id") in ids:
                texts[record["id"]] = record["text"]
    missing = sorted(ids - set(texts))
    if missing:
        raise EvaluationError(
            f"{len(missing)} gold article(s) are not in {path} (first: {missing[0]!r}): is it the right corpus?"
        )
    return texts


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _overlap(a: list[str], b: list[str]) -> float:
    if not a or not b:
        return 0.0
    common = sum(min(a.count(w), b.count(w)) for w in set(a))
    return common / max(len(a), len(b))


def evaluate_quotes(gold: dict[str, Any], graph: Graph, texts: dict[str, str]) -> QuoteScores:
    """Score the ``kg:Quotation`` nodes of ``graph`` against ``gold`` (``texts``: article id -> corpus text)."""
    articles = set(gold.get("articles", [])) | {q["article"] for q in gold["quotes"]}
    system: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)  # article -> quote -> {text, names, rule}
    for row in select(graph, _QUOTES):
        article = str(row.article)
        if article not in articles:
            continue
        item = system[article].setdefault(
            str(row.quote), {"text": str(row.text), "names": set(), "rule": str(row.rule), "label": str(row.label)}
        )
        item["names"].add(normalize_name(str(row.label)))
        if row.alias is not None:
            item["names"].add(normalize_name(str(row.alias)))
    scores = QuoteScores()
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for quote in gold["quotes"]:
        by_article[quote["article"]].append(quote)
    for article in sorted(articles):
        golds = by_article.get(article, [])
        text = texts.get(article)
        if text is None and golds:
            raise EvaluationError(f"No text for gold article {article!r}.")
        candidates = [
            (_overlap(_words(text[g["start"] : g["end"]]), _words(s["text"])), n, key)  # type: ignore[index]
            for n, g in enumerate(golds)
            for key, s in system.get(article, {}).items()
        ]
        matched: dict[int, str] = {}
        used: set[str] = set()
        for overlap, n, key in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
            if overlap < _MIN_OVERLAP or n in matched or key in used:
                continue
            matched[n] = key
            used.add(key)
        for n, g in enumerate(golds):
            speaker = g.get("speaker")
            if speaker:
                scores.gold_with_speaker += 1
            else:
                scores.gold_without_speaker += 1
            hit = matched.get(n)
            if hit is None:
                if speaker:
                    scores.missed += 1
                    scores.details.append(f"missed  {g['id']} ({article}): {speaker}")
                continue
            found = system[article][hit]
            aliases = {normalize_name(a) for a in [speaker, *g.get("speaker_aliases", [])] if a}
            right = bool(aliases & found["names"])
            scores.by_rule[found["rule"]][1] += 1
            if right:
                scores.correct += 1
                scores.by_rule[found["rule"]][0] += 1
            else:
                scores.wrong += 1
                scores.details.append(
                    f"wrong   {g['id']} ({article}): {found['label']} instead of {speaker or 'no named speaker'}"
                )
        for key, s in sorted(system.get(article, {}).items()):
            if key not in used:
                scores.spurious += 1
                scores.by_rule[s["rule"]][1] += 1
                scores.details.append(f"spurious {article}: {s['label']} said {s['text'][:60]!r}")
    return scores


def format_quote_scores(scores: QuoteScores) -> str:
    """A readable report of ``scores``."""
    lines = [
        "measure                     P      R     F1   correct/wrong/missed/spurious",
        f"quote attribution       {scores.precision:.3f}  {scores.recall:.3f}  {scores.f1:.3f}   "
        f"{scores.correct}/{scores.wrong}/{scores.missed}/{scores.spurious}",
        f"wrong speaker: {scores.wrong} of {scores.gold_with_speaker} gold quotes with a speaker ({scores.wrong_rate:.1%}); "
        f"{scores.gold_without_speaker} gold quotes name no speaker",
    ]
    for rule, (right, fired) in sorted(scores.by_rule.items()):
        lines.append(f"rule {rule:<20} precision {right / fired if fired else 0:.3f} ({right}/{fired})")
    if scores.details:
        lines += ["", *scores.details]
    return "\n".join(lines)
