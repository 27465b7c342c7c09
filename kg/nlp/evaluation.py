"""Scoring the Stanza models: CoNLL 2018 measures (udtools.udeval) and entity-level NER F1."""

from __future__ import annotations

import io
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kg.errors import EvaluationError

__all__ = ["conllu_raw_text", "entity_spans", "evaluate_conllu", "evaluate_ner", "format_scores", "ner_scores"]

CONLL_METRICS = (
    "Tokens",
    "Sentences",
    "Words",
    "UPOS",
    "XPOS",
    "UFeats",
    "AllTags",
    "Lemmas",
    "UAS",
    "LAS",
    "CLAS",
    "MLAS",
    "BLEX",
)


def conllu_raw_text(text: str) -> str:
    """The raw text of a CoNLL-U file from its ``# text`` lines; documents split by a blank line."""
    docs: list[list[str]] = [[]]
    for line in text.splitlines():
        if line.startswith("# newdoc") and docs[-1]:
            docs.append([])
        elif line.startswith("# text = "):
            docs[-1].append(line[len("# text = ") :].strip())
    return "\n\n".join(" ".join(d) for d in docs if d)


def evaluate_conllu(path: Path, parser: Any, apply_policy: bool = False) -> dict[str, Any]:
    """Parse the raw text of ``path`` with ``parser`` and score it against the file (F1, 0-100)."""
    from udtools import udeval

    if not path.is_file():
        raise EvaluationError(f"No CoNLL-U file at {path}.")
    gold_text = path.read_text(encoding="utf-8")
    if apply_policy:
        from kg.nlp.training import apply_treebank_policy

        gold_text = apply_treebank_policy(gold_text)
    raw = conllu_raw_text(gold_text)
    if not raw:
        raise EvaluationError(f"{path} has no '# text = ' lines to parse.")
    start = time.perf_counter()
    system_text = parser.parse_to_conllu(raw)
    seconds = time.perf_counter() - start
    try:
        gold = udeval.load_conllu(io.StringIO(gold_text), str(path), {})
        system = udeval.load_conllu(io.StringIO(system_text), "system", {})
        result = udeval.evaluate(gold, system)
    except udeval.UDError as exc:
        raise EvaluationError(f"The CoNLL 2018 scorer rejected the files: {exc}") from exc
    scores: dict[str, Any] = {m.lower(): round(100 * result[m].f1, 2) for m in CONLL_METRICS if m in result}
    words = result["Words"].system_total if "Words" in result else 0
    scores["file"] = str(path)
    scores["seconds"] = round(seconds, 2)
    scores["words_per_second"] = round(words / seconds, 1) if seconds else None
    return scores


def entity_spans(tags: Sequence[str]) -> set[tuple[int, int, str]]:
    """Entity spans (start, end, label) from BIO or BIOES tags.

    >>> sorted(entity_spans(["B-PER", "I-PER", "O", "S-LOC", "I-ORG"]))
    [(0, 2, 'PER'), (3, 4, 'LOC'), (4, 5, 'ORG')]
    """
    spans = set()
    start, label = None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, name = tag.partition("-")
        continues = prefix in ("I", "E") and name == label and start is not None
        if not continues and start is not None:
            spans.add((start, i, label or ""))
            start, label = None, None
        if prefix in ("B", "S") or (prefix in ("I", "E") and not continues):
            start, label = i, name
        if prefix in ("S", "E") and start is not None:
            spans.add((start, i + 1, label or ""))
            start, label = None, None
    return spans


def ner_scores(gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]]) -> dict[str, Any]:
    """Entity-level precision, recall and F1 (0-100), overall and per label."""
    counts: dict[str, Counter[str]] = {}
    for g_tags, p_tags in zip(gold, predicted, strict=True):
        g, p = entity_spans(g_tags), entity_spans(p_tags)
        for span in g | p:
            c = counts.setdefault(span[2], Counter())
            c["tp"] += span in g and span in p
            c["fn"] += span in g and span not in p
            c["fp"] += span in p and span not in g

    def prf(c: Counter[str]) -> dict[str, float]:
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "precision": round(100 * p, 2),
            "recall": round(100 * r, 2),
            "f1": round(100 * f, 2),
            "support": c["tp"] + c["fn"],
        }

    total: Counter[str] = Counter()
    for c in counts.values():
        total.update(c)
    return prf(total) | {"per_label": {label: prf(c) for label, c in sorted(counts.items())}}


def evaluate_ner(path: Path, parser: Any) -> dict[str, Any]:
    """Tag the tokens of an IOB file with the NER model and score entities against its tags."""
    from kg.nlp.training import read_ner_file

    if not path.is_file():
        raise EvaluationError(f"No NER file at {path}.")
    sentences, _repairs = read_ner_file(path)
    if not sentences:
        raise EvaluationError(f"{path} holds no tagged sentences (one token a line, tag in the last column).")
    tokens = [[tok for tok, _ in s] for s in sentences]
    gold = [[tag for _, tag in s] for s in sentences]
    start = time.perf_counter()
    predicted = parser.ner_tag(tokens)
    seconds = time.perf_counter() - start
    scores = ner_scores(gold, predicted)
    scores["file"] = str(path)
    scores["sentences"] = len(sentences)
    scores["seconds"] = round(seconds, 2)
    return scores


def format_scores(scores: dict[str, Any]) -> str:
    """A readable table of either kind of scores."""
    lines = []
    if "per_label" in scores:
        lines.append(f"{'label':8s} {'P':>7s} {'R':>7s} {'F1':>7s} {'n':>6s}")
        for label, s in scores["per_label"].items():
            lines.append(f"{label:8s} {s['precision']:7.2f} {s['recall']:7.2f} {s['f1']:7.2f} {s['support']:6d}")
        lines.append(
            f"{'overall':8s} {scores['precision']:7.2f} {scores['recall']:7.2f} {scores['f1']:7.2f} {scores['support']:6d}"
        )
    else:
        for m in CONLL_METRICS:
            if m.lower() in scores:
                lines.append(f"{m:10s} {scores[m.lower()]:6.2f}")
        lines.append(f"parsed in {scores['seconds']} s ({scores['words_per_second']} words/s)")
    return "\n".join(lines)
