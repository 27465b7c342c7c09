"""Coreference evaluation on CoIN: ``kg evaluate-coref FILE``.

CoIN (Coreference in Indonesian) gives, per document, its tokens with character offsets and
mention and link labels in a TSV file (see ``../shared/data/coref/coin/README.md``).
``read_coin`` reads it the way CoIN's own preprocessing does by default:

- a mention is the run of tokens carrying one mention id (``PROPER[7]``, ``NOUN[8]``, ``PRONOUN[9]`` ...);
- ``IDENT[a_b]`` puts ``a`` and ``b`` in one cluster;
- ``APPOS[a_b]`` concatenates the appositive ``b`` with ``a`` into one mention;
- ``EXAPPOS[a_b]`` and ``ALIAS[a_b]`` keep the antecedent ``a`` only (the anaphor is dropped);
- singletons are kept (CoIN's default; its ``--remove_singletons`` is off).

``evaluate_coref`` parses each document's text with kg's parser, runs kg's own mention
detection and coreference (``kg.chains.coreference_chains``), maps kg's references to CoIN
tokens by character offsets and scores the clusters with MUC, B³ and CEAF-e (Pradhan et al.
2014), summed over documents as the CoNLL-2012 reference scorer does; CoNLL F1 is their mean.

Two views are reported:

- ``all``: every gold mention and cluster (the task's score). kg only looks for actors
  (people, organisations, countries, places) and the pronouns and role nouns that stand for
  them, so the many gold mentions of other things ("sekolah", "kisruh") count as missed.
- ``named``: the gold clusters that contain a proper-name mention (``PROPER``); from kg's chains
  the mentions that belong to other gold clusters are left out (they are outside this view),
  while mentions gold does not have at all still count against precision.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from kg import __version__
from kg.document import Article, ParsedDoc, Word, from_conllu, to_conllu
from kg.errors import EvaluationError, InputError
from kg.lexicon import Lexicon, get_lexicon

__all__ = [
    "CoinDocument",
    "CorefResult",
    "GoldMention",
    "MetricScore",
    "ViewScores",
    "b_cubed",
    "ceaf_e",
    "conll_scores",
    "evaluate_coref",
    "format_coref",
    "muc",
    "predict_clusters",
    "read_coin",
]

Span = tuple[int, int]  # CoIN token indices, start inclusive, end exclusive
Cluster = frozenset[Hashable]

_LABEL = re.compile(r"([A-Z]+)\[(\d+)(?:_(\d+))?\]")
_MERGE_INTO_ANTECEDENT = {"EXAPPOS", "ALIAS"}


class Parser(Protocol):
    """Anything that turns articles into parsed documents (Stanza, or a test double)."""

    def parse_many(self, articles: Iterable[Article]) -> Iterable[ParsedDoc]: ...


# ============================================================================ reading CoIN


@dataclass(frozen=True)
class Token:
    """A CoIN token with its offsets in the document text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class GoldMention:
    """A gold mention: tokens ``start..end`` (end exclusive) and CoIN's mention type."""

    start: int
    end: int
    type: str
    text: str

    @property
    def span(self) -> Span:
        return (self.start, self.end)


@dataclass(frozen=True)
class CoinDocument:
    """One CoIN document: its text, tokens, mentions and clusters (sets of mention spans)."""

    id: str
    text: str
    tokens: tuple[Token, ...]
    mentions: tuple[GoldMention, ...]
    clusters: tuple[frozenset[Span], ...]

    @property
    def sha1(self) -> str:
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()


def _find(parent: dict[str, str], x: str) -> str:
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def _document(doc_id: str, text: str, rows: list[tuple[str, int, int, str, str]], where: str) -> CoinDocument:
    if not rows:
        raise EvaluationError(f"{where}: document {doc_id} has no tokens; check that the file is CoIN's TSV.")
    base = rows[0][1]
    tokens = tuple(Token(tok, s - base, e - base) for _tid, s, e, tok, _labels in rows)
    for number, t in enumerate(tokens):
        if text[t.start : t.end] != t.text:
            raise EvaluationError(
                f"{where}: token {rows[number][0]} {t.text!r} does not sit at its offsets in the #Text line of {doc_id}; "
                "the file is not CoIN's TSV or was edited."
            )
    positions: dict[str, list[int]] = defaultdict(list)
    kinds: dict[str, str] = {}
    links: list[tuple[str, str, str]] = []
    for i, (_tid, _s, _e, _tok, labels) in enumerate(rows):
        if labels == "_":
            continue
        for label in labels.split("|"):
            m = _LABEL.fullmatch(label)
            if m is None:
                raise EvaluationError(f"{where}: unknown label {label!r} on token {rows[i][0]} of {doc_id}.")
            kind, first, second = m.groups()
            if second is None:
                positions[first].append(i)
                kinds[first] = kind
            else:
                links.append((kind, first, second))
    links = list(dict.fromkeys(links))
    spans: dict[str, Span] = {}
    for mid, idx in positions.items():
        spans[mid] = (min(idx), max(idx) + 1)
    parent = {mid: mid for mid in spans}
    # the appositive joins the antecedent's span; dropped anaphors are folded into their antecedent
    merged: dict[str, str] = {}
    for kind, a, b in links:
        if kind == "APPOS" or kind in _MERGE_INTO_ANTECEDENT:
            if a not in spans or b not in spans:
                raise EvaluationError(f"{where}: {kind}[{a}_{b}] in {doc_id} names a mention that has no tokens.")
            merged[b] = a

    def owner(mid: str) -> str:
        seen = set()
        while mid in merged and mid not in seen:
            seen.add(mid)
            mid = merged[mid]
        return mid

    for kind, a, b in links:
        if kind == "APPOS":
            root = owner(a)
            spans[root] = (min(spans[root][0], spans[b][0]), max(spans[root][1], spans[b][1]))
    for kind, a, b in links:
        if kind != "IDENT":
            continue
        if a not in spans or b not in spans:
            raise EvaluationError(f"{where}: IDENT[{a}_{b}] in {doc_id} names a mention that has no tokens.")
        ra, rb = _find(parent, owner(a)), _find(parent, owner(b))
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    kept = [mid for mid in spans if mid not in merged]
    groups: dict[str, set[Span]] = defaultdict(set)
    by_span: dict[Span, GoldMention] = {}
    for mid in kept:
        s, e = spans[mid]
        groups[_find(parent, mid)].add((s, e))
        by_span.setdefault((s, e), GoldMention(s, e, kinds[mid], text[tokens[s].start : tokens[e - 1].end]))
    # one span in two clusters (it never happens in CoIN's files): the clusters are one entity
    clusters: list[set[Span]] = []
    for group in groups.values():
        touching = [c for c in clusters if c & group]
        for c in touching:
            clusters.remove(c)
            group |= c
        clusters.append(group)
    return CoinDocument(
        doc_id,
        text,
        tokens,
        tuple(sorted(by_span.values(), key=lambda m: m.span)),
        tuple(sorted((frozenset(c) for c in clusters), key=min)),
    )


def read_coin(path: Path | str) -> tuple[CoinDocument, ...]:
    """Read a CoIN TSV file (``#Text=`` line, then one token a line) into documents.

    Documents are numbered in file order: ``<file stem>-0000``, ``<file stem>-0001`` ...
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"Cannot read the CoIN file {path}: {exc}. Give the path of dev.tsv or test.tsv.") from exc
    docs: list[CoinDocument] = []
    text: str | None = None
    rows: list[tuple[str, int, int, str, str]] = []

    def flush() -> None:
        if text is not None:
            docs.append(_document(f"{path.stem}-{len(docs):04d}", text, rows, str(path)))

    for number, line in enumerate(lines, 1):
        if line.startswith("#Text="):
            flush()
            text, rows = line[len("#Text=") :], []
            continue
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        offsets = cols[1].split("-") if len(cols) >= 4 else []
        if text is None or len(offsets) != 2 or not all(o.isdigit() for o in offsets):
            raise EvaluationError(
                f"{path}:{number}: expected 'ID<TAB>START-END<TAB>TOKEN<TAB>LABELS' after a '#Text=' line, got {line[:60]!r}."
            )
        rows.append((cols[0], int(offsets[0]), int(offsets[1]), cols[2], cols[3]))
    flush()
    if not docs:
        raise EvaluationError(f"{path} has no '#Text=' documents; give CoIN's dev.tsv or test.tsv.")
    return tuple(docs)


# ============================================================================ metrics


@dataclass(frozen=True)
class MetricScore:
    """Recall and precision as sums (numerator / denominator), so documents add up."""

    recall_num: float = 0.0
    recall_den: float = 0.0
    precision_num: float = 0.0
    precision_den: float = 0.0

    def __add__(self, other: MetricScore) -> MetricScore:
        return MetricScore(
            self.recall_num + other.recall_num,
            self.recall_den + other.recall_den,
            self.precision_num + other.precision_num,
            self.precision_den + other.precision_den,
        )

    @property
    def recall(self) -> float:
        return self.recall_num / self.recall_den if self.recall_den else 0.0

    @property
    def precision(self) -> float:
        return self.precision_num / self.precision_den if self.precision_den else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        return {"recall": round(self.recall, 4), "precision": round(self.precision, 4), "f1": round(self.f1, 4)}


def _partitions(cluster: Cluster, other: Sequence[Cluster]) -> int:
    """How many parts ``cluster`` falls into under ``other`` (mentions ``other`` lacks are parts of one)."""
    where = {m: n for n, c in enumerate(other) for m in c}
    return len({where.get(m, ("alone", m)) for m in cluster})


def muc(key: Sequence[Cluster], response: Sequence[Cluster]) -> MetricScore:
    """MUC (Vilain et al. 1995): links kept, counted per cluster as size minus parts.

    >>> s = muc([frozenset("ABCD")], [frozenset("AB"), frozenset("CD")])
    >>> round(s.recall, 4), s.precision
    (0.6667, 1.0)
    """
    return MetricScore(
        sum(len(k) - _partitions(k, response) for k in key),
        sum(len(k) - 1 for k in key),
        sum(len(r) - _partitions(r, key) for r in response),
        sum(len(r) - 1 for r in response),
    )


def b_cubed(key: Sequence[Cluster], response: Sequence[Cluster]) -> MetricScore:
    """B³ (Bagga and Baldwin 1998), with mentions one side lacks as in the reference scorer.

    >>> s = b_cubed([frozenset("abc")], [frozenset("ab"), frozenset("c")])
    >>> round(s.recall, 4), s.precision
    (0.5556, 1.0)
    """
    recall = sum(len(k & r) ** 2 / len(k) for k in key for r in response)
    precision = sum(len(k & r) ** 2 / len(r) for k in key for r in response)
    return MetricScore(recall, sum(len(k) for k in key), precision, sum(len(r) for r in response))


def ceaf_e(key: Sequence[Cluster], response: Sequence[Cluster]) -> MetricScore:
    """Entity-based CEAF (Luo 2005): the best one-to-one alignment of clusters under φ4 (Dice).

    The alignment is Kuhn–Munkres (``scipy.optimize.linear_sum_assignment``).

    >>> s = ceaf_e([frozenset("a"), frozenset("bc"), frozenset("def")], [frozenset("a"), frozenset("de")])
    >>> round(s.recall, 4), round(s.precision, 4)
    (0.6, 0.9)
    """
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    total = 0.0
    if key and response:
        index: dict[Hashable, int] = {m: n for n, r in enumerate(response) for m in r}
        similarity = np.zeros((len(key), len(response)))
        for i, k in enumerate(key):
            for j in {index[m] for m in k if m in index}:
                r = response[j]
                similarity[i, j] = 2 * len(k & r) / (len(k) + len(r))
        rows, cols = linear_sum_assignment(similarity, maximize=True)
        total = float(similarity[rows, cols].sum())
    return MetricScore(total, len(key), total, len(response))


def mention_detection(key: Sequence[Cluster], response: Sequence[Cluster]) -> MetricScore:
    """Mention detection: response mentions that are gold mentions, by exact span."""
    gold = {m for k in key for m in k}
    found = {m for r in response for m in r}
    common = len(gold & found)
    return MetricScore(common, len(gold), common, len(found))


def conll_scores(pairs: Iterable[tuple[Sequence[Cluster], Sequence[Cluster]]]) -> dict[str, MetricScore]:
    """MUC, B³, CEAF-e and mention detection summed over (key, response) pairs of documents."""
    totals = {name: MetricScore() for name in ("muc", "b3", "ceafe", "mentions")}
    for key, response in pairs:
        _check_disjoint(key, "key")
        _check_disjoint(response, "response")
        totals["muc"] += muc(key, response)
        totals["b3"] += b_cubed(key, response)
        totals["ceafe"] += ceaf_e(key, response)
        totals["mentions"] += mention_detection(key, response)
    return totals


def _check_disjoint(clusters: Sequence[Cluster], side: str) -> None:
    seen: set[Hashable] = set()
    for c in clusters:
        if seen & c:
            raise EvaluationError(f"A mention is in two {side} clusters ({sorted(map(str, seen & c))[:3]}); merge them first.")
        seen |= c


# ============================================================================ predicting


def _token_span(doc: CoinDocument, start_char: int, end_char: int) -> Span | None:
    """The CoIN tokens that cover characters ``start_char..end_char`` (None if none do)."""
    first = next((n for n, t in enumerate(doc.tokens) if t.end > start_char), None)
    last = next((n for n in range(len(doc.tokens) - 1, -1, -1) if doc.tokens[n].start < end_char), None)
    if first is None or last is None or last < first:
        return None
    return (first, last + 1)


def _whole_tokens(words: Sequence[Word], start: int, end: int) -> bool:
    """Whether words ``start..end`` begin and end on token boundaries (not inside a multiword token)."""
    if start >= end:
        return False
    first, last = words[start], words[end - 1]
    split_before = start > 0 and words[start - 1].start_char == first.start_char and words[start - 1].end_char == first.end_char
    split_after = end < len(words) and words[end].start_char == last.start_char and words[end].end_char == last.end_char
    return not split_before and not split_after


def predict_clusters(
    doc: CoinDocument, parsed: ParsedDoc, lexicon: Lexicon | None = None
) -> tuple[tuple[frozenset[Span], ...], int]:
    """kg's coreference chains of ``parsed`` as clusters of CoIN token spans (singletons included).

    Also returns how many of kg's references could not be put on CoIN's tokens: a clitic inside
    a word CoIN keeps whole ("rumahnya": kg's "-nya" is part of one CoIN token).
    """
    from kg.chains import coreference_chains
    from kg.extract import extract

    lex = lexicon or get_lexicon()
    chains = coreference_chains(extract(parsed, lex), lex)
    sentences = {s.index: s for s in parsed.sentences}
    clusters: list[set[Span]] = []
    taken: set[Span] = set()
    unaligned = 0
    for chain in chains:
        spans: set[Span] = set()
        for ref in chain.references:
            sentence = sentences[ref.sentence]
            if not _whole_tokens(sentence.words, ref.start, ref.end):
                unaligned += 1
                continue  # part of a word CoIN keeps whole ("rumah|nya"): no CoIN span can hold it
            words = sentence.words[ref.start : ref.end]
            span = _token_span(doc, words[0].start_char, words[-1].end_char) if words else None
            if span is not None and span not in taken:
                spans.add(span)
        if spans:
            taken |= spans
            clusters.append(spans)
    return tuple(frozenset(c) for c in clusters), unaligned


# ============================================================================ parse cache


def _read_cache(path: Path) -> dict[str, tuple[str, str]]:
    """doc id -> (text sha1, CoNLL-U) from a cache file written by ``_write_cache``."""
    out: dict[str, tuple[str, str]] = {}
    if not path.is_file():
        return out
    current: str | None = None
    sha = ""
    lines: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc id = "):
            if current is not None:
                out[current] = (sha, "\n".join(lines) + "\n")
            current, sha, lines = line.split("=", 1)[1].strip(), "", []
        elif line.startswith("# text_sha1 = ") and current is not None and not lines:
            sha = line.split("=", 1)[1].strip()
        elif current is not None:
            lines.append(line)
    if current is not None:
        out[current] = (sha, "\n".join(lines) + "\n")
    return out


def _write_cache(path: Path, parses: dict[str, tuple[str, str]]) -> None:
    from kg.files import atomic_write

    chunks = [f"# newdoc id = {doc_id}\n# text_sha1 = {sha}\n{conllu}" for doc_id, (sha, conllu) in parses.items()]
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, "\n".join(chunks))


def parse_documents(
    docs: Sequence[CoinDocument], parser: Parser, cache: Path | None = None
) -> Iterator[tuple[CoinDocument, ParsedDoc]]:
    """Parse each document's text, reusing the parses in ``cache`` whose text is unchanged."""
    cached = _read_cache(cache) if cache is not None else {}
    todo = [d for d in docs if cached.get(d.id, ("", ""))[0] != d.sha1]
    if todo:
        articles = [Article(id=d.id, text=d.text) for d in todo]
        for doc, parsed in zip(todo, parser.parse_many(articles), strict=True):
            cached[doc.id] = (doc.sha1, to_conllu(parsed))
        if cache is not None:
            _write_cache(cache, cached)
    for doc in docs:
        yield doc, from_conllu(cached[doc.id][1], Article(id=doc.id, text=doc.text))


# ============================================================================ evaluating


@dataclass(frozen=True)
class ViewScores:
    """The scores of one view (all gold clusters, or those with a proper name)."""

    muc: MetricScore
    b3: MetricScore
    ceafe: MetricScore
    mentions: MetricScore
    gold_mentions: int
    gold_clusters: int
    predicted_mentions: int
    predicted_clusters: int

    @property
    def conll_f1(self) -> float:
        """The CoNLL-2012 score: the mean of the MUC, B³ and CEAF-e F1."""
        return (self.muc.f1 + self.b3.f1 + self.ceafe.f1) / 3

    def as_dict(self) -> dict[str, object]:
        return {
            "conll_f1": round(self.conll_f1, 4),
            "muc": self.muc.as_dict(),
            "b3": self.b3.as_dict(),
            "ceafe": self.ceafe.as_dict(),
            "mentions": self.mentions.as_dict(),
            "gold_mentions": self.gold_mentions,
            "gold_clusters": self.gold_clusters,
            "predicted_mentions": self.predicted_mentions,
            "predicted_clusters": self.predicted_clusters,
        }


@dataclass(frozen=True)
class CorefResult:
    """What ``evaluate_coref`` measured, on which file, with which kg."""

    path: str
    documents: int
    all: ViewScores
    named: ViewScores
    seconds: float
    unaligned: int = 0
    version: str = __version__

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.path,
            "documents": self.documents,
            "all": self.all.as_dict(),
            "named": self.named.as_dict(),
            "unaligned_references": self.unaligned,
            "seconds": round(self.seconds, 1),
            "kg_version": self.version,
        }


def _view(pairs: list[tuple[Sequence[Cluster], Sequence[Cluster]]]) -> ViewScores:
    totals = conll_scores(pairs)
    return ViewScores(
        totals["muc"],
        totals["b3"],
        totals["ceafe"],
        totals["mentions"],
        sum(len(c) for k, _r in pairs for c in k),
        sum(len(k) for k, _r in pairs),
        sum(len(c) for _k, r in pairs for c in r),
        sum(len(r) for _k, r in pairs),
    )


def named_view(doc: CoinDocument, response: Sequence[frozenset[Span]]) -> tuple[list[Cluster], list[Cluster]]:
    """(key, response) restricted to the gold clusters that contain a proper name (see the module docstring)."""
    proper = {m.span for m in doc.mentions if m.type == "PROPER"}
    key = [c for c in doc.clusters if c & proper]
    outside = {m for c in doc.clusters if not c & proper for m in c}
    kept = [frozenset(c - outside) for c in response]
    return list(key), [c for c in kept if c]


def evaluate_coref(
    path: Path | str,
    parser: Parser | None = None,
    cache: Path | None = None,
    lexicon: Lexicon | None = None,
) -> CorefResult:
    """Score kg's coreference on a CoIN file (see the module docstring for what is scored)."""
    started = time.perf_counter()
    docs = read_coin(path)
    if parser is None:
        from kg.nlp.pipeline import StanzaParser

        parser = StanzaParser()
    lex = lexicon or get_lexicon()
    every: list[tuple[Sequence[Cluster], Sequence[Cluster]]] = []
    named: list[tuple[Sequence[Cluster], Sequence[Cluster]]] = []
    unaligned = 0
    for doc, parsed in parse_documents(docs, parser, cache):
        response, dropped = predict_clusters(doc, parsed, lex)
        unaligned += dropped
        every.append((list(doc.clusters), list(response)))
        named.append(named_view(doc, response))
    return CorefResult(str(path), len(docs), _view(every), _view(named), time.perf_counter() - started, unaligned)


def format_coref(result: CorefResult) -> str:
    """A plain-text table of a ``CorefResult``."""
    lines = [
        f"{result.path}: {result.documents} documents, kg {result.version}; "
        f"{result.unaligned} of kg's references lie inside a CoIN token (a clitic of a word kept whole) and are not scored"
    ]
    for name, view in (("all gold clusters", result.all), ("clusters with a proper name", result.named)):
        lines.append("")
        lines.append(
            f"{name}: CoNLL F1 {view.conll_f1:.4f}  (gold {view.gold_mentions} mentions in {view.gold_clusters} clusters; "
            f"kg {view.predicted_mentions} in {view.predicted_clusters})"
        )
        lines.append(f"  {'':10s} {'recall':>8s} {'precision':>9s} {'F1':>8s}")
        for label, score in (("MUC", view.muc), ("B3", view.b3), ("CEAF-e", view.ceafe), ("mentions", view.mentions)):
            lines.append(f"  {label:10s} {score.recall:8.4f} {score.precision:9.4f} {score.f1:8.4f}")
    return "\n".join(lines)
