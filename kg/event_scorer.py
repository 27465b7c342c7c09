"""The event scorer: the rules propose, a learned model decides.

A stage ``Extraction -> Extraction`` that runs after extraction and coreference and before actor
resolution and mapping. For every asserted event the rules produced it computes the probability that
the event is a right edge of the graph (agent, type and target as a reader of the article would give
them), from named binary features of the event: each rule id of its ``rule`` chain (base rule and the
modifiers and coreference rules that changed it), its type, its trigger's lemma and relation, its
agent's and target's kinds and how they were found (named in the sentence, a pronoun or role noun
resolved elsewhere, inside a quote), its sentence's place in the article, and so on.

- ``train_event_scorer`` labels the rules' events on annotated articles as right or wrong, exactly as
  ``kg evaluate`` scores them (``kg.evaluate.Scores.event_labels``), and fits the model (scikit-learn,
  at training time only) with a Platt or isotonic calibration fitted on out-of-fold scores of the
  training articles;
- ``EventScorer`` is the fitted model in a small ``.npz`` (feature names, weights or trees, the
  calibration, the default threshold and a JSON card); using it needs numpy only;
- ``EventScoring`` is what a build applies: which scorer (the shipped one, a file, or none) and at
  which threshold. ``EventScoring.apply`` gives each asserted event its calibrated probability as
  ``confidence`` and moves the asserted events below the threshold to ``Extraction.dropped_events``.
  Events of other modalities keep the base rule's measured precision as their confidence.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from kg.errors import InputError, ModelError
from kg.lexicon import get_lexicon, normalize_name
from kg.types import PERSON, EventMention, Extraction, Participant

__all__ = [
    "SHIPPED_SCORER",
    "EventScorer",
    "EventScoring",
    "Reliability",
    "event_features",
    "expected_calibration_error",
    "label_events",
    "parses_of",
    "reliability",
    "train_event_scorer",
]

SHIPPED_SCORER = Path(__file__).resolve().parent / "resources" / "events" / "scorer.npz"
ASSERTED = "asserted"
_FORMAT = 1


# -- features --------------------------------------------------------------------------------------


def _bucket(n: int, edges: Sequence[int]) -> str:
    """``n`` as the first of ``edges`` it does not exceed ("<=2"), or above the last (">8").

    >>> _bucket(0, (0, 1, 3)), _bucket(2, (0, 1, 3)), _bucket(9, (0, 1, 3))
    ('<=0', '<=3', '>3')
    """
    for edge in edges:
        if n <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


@dataclass(frozen=True)
class _Context:
    """What the features of one article's events share: the words inside quotes, events per sentence and trigger."""

    quoted: frozenset[tuple[int, int]]
    per_sentence: dict[int, int]
    per_trigger: dict[tuple[int, int], int]
    mentions: dict[int, int]

    @classmethod
    def of(cls, extraction: Extraction) -> _Context:
        sentences = extraction.doc.sentences
        quoted: set[tuple[int, int]] = set()
        for quote in extraction.quotes:
            (s0, w0), (s1, w1) = quote.opening, quote.closing
            for s in range(s0, min(s1, len(sentences) - 1) + 1):
                last = w1 if s == s1 else len(sentences[s].words)
                quoted.update((s, w) for w in range(w0 + 1 if s == s0 else 1, last))
        per_sentence: dict[int, int] = {}
        per_trigger: dict[tuple[int, int], int] = {}
        for ev in extraction.events:
            per_sentence[ev.sentence] = per_sentence.get(ev.sentence, 0) + 1
            per_trigger[(ev.sentence, ev.trigger_word)] = per_trigger.get((ev.sentence, ev.trigger_word), 0) + 1
        mentions: dict[int, int] = {}
        for m in extraction.mentions:
            mentions[m.sentence] = mentions.get(m.sentence, 0) + 1
        return cls(frozenset(quoted), per_sentence, per_trigger, mentions)


def _participant_features(role: str, part: Participant | None, event: EventMention, context: _Context, speech: bool) -> list[str]:
    if part is None:
        return [f"{role}=none"]
    if part.mention is None:
        return [f"{role}=unresolved"]
    m = part.mention
    feats = [f"{role}.kind={m.kind}", f"{role}.kind|t={m.kind}|{event.event_type}"]
    words = part.text.split()
    if normalize_name(part.text) != normalize_name(m.text) and normalize_name(part.text) not in normalize_name(
        m.written or m.text
    ):
        # named through other words: a pronoun, a role noun, a group noun
        feats.append(f"{role}.via={part.text.lower() if len(words) == 1 else 'phrase'}")
        feats.append(f"{role}.via-words={_bucket(len(words), (1, 2, 4))}")
    gap = event.sentence - m.sentence
    feats.append(f"{role}.sentence={'same' if gap == 0 else 'before' if gap == 1 else 'earlier' if gap > 1 else 'after'}")
    if gap == 0:
        order = "before" if m.start + 1 < event.trigger_word else "after"
        feats.append(f"{role}.order={order}")
        feats.append(f"{role}.dist={_bucket(abs(m.start + 1 - event.trigger_word), (1, 2, 4, 8))}")
        if speech:
            feats.append(f"{role}.order|speech={order}")
    if (m.sentence, m.start + 1) in context.quoted:
        feats.append(f"{role}.in-quote")
    if m.initials:
        feats.append(f"{role}.initials")
    if m.roles:
        feats.append(f"{role}.titled")
    if m.acronym:
        feats.append(f"{role}.acronym")
    if part.title_phrase:
        feats.append(f"{role}.title-phrase")
    feats.append(f"{role}.name-words={_bucket(len(m.text.split()), (1, 2, 3))}")
    return feats


def event_features(extraction: Extraction, event: EventMention, context: _Context | None = None) -> list[str]:
    """What the scorer knows about one event of ``extraction``: named binary features."""
    ctx = context or _Context.of(extraction)
    rules = event.rule.split("+")
    speech = get_lexicon().is_speech(event.event_type)
    feats = [
        f"base={rules[0]}",
        f"chain={event.rule}",
        f"t={event.event_type}",
        f"t|base={event.event_type}|{rules[0]}",
        *(f"rule={r}" for r in dict.fromkeys(rules[1:])),
        *(f"t|rule={event.event_type}|{r}" for r in dict.fromkeys(rules[1:])),
        f"modifiers={_bucket(len(rules) - 1, (0, 1, 2))}",
        f"modality={event.modality}",
    ]
    sentences = extraction.doc.sentences
    if 0 <= event.sentence < len(sentences):
        sentence = sentences[event.sentence]
        feats.append(f"sentence={_bucket(event.sentence, (0, 1, 3, 7, 15))}")
        feats.append(f"sentence-words={_bucket(len(sentence.words), (10, 20, 35, 60))}")
        if 1 <= event.trigger_word <= len(sentence.words):
            word = sentence.word(event.trigger_word)
            lemma = word.lemma.lower()
            feats += [
                f"lemma={lemma}",
                f"t|lemma={event.event_type}|{lemma}",
                f"upos={word.upos}",
                f"deprel={word.deprel}",
                f"t|deprel={event.event_type}|{word.deprel.split(':')[0]}",
            ]
            if "Voice=Pass" in word.feats:
                feats.append("passive-voice")
    feats.append(f"trigger-words={_bucket(len(event.trigger.split()), (1, 2, 3))}")
    if (event.sentence, event.trigger_word) in ctx.quoted:
        feats.append("trigger-in-quote")
    feats.append(f"events-in-sentence={_bucket(ctx.per_sentence.get(event.sentence, 0), (1, 2, 4, 8))}")
    feats.append(f"events-of-trigger={_bucket(ctx.per_trigger.get((event.sentence, event.trigger_word), 0), (1, 2, 4))}")
    feats.append(f"mentions-in-sentence={_bucket(ctx.mentions.get(event.sentence, 0), (0, 1, 2, 4, 8))}")
    feats += _participant_features("agent", event.agent, event, ctx, speech)
    feats += _participant_features("target", event.target, event, ctx, speech)
    agent = event.agent.mention if event.agent else None
    target = event.target.mention if event.target else None
    here = [m for m in extraction.mentions if m.sentence == event.sentence]
    feats.append(f"sentence-kinds={'+'.join(sorted({m.kind for m in here}))}")
    if agent is not None:  # "Polda ... kata Kabid Humas X": a body speaking beside a named person
        persons = _bucket(sum(m.kind == PERSON and m is not agent for m in here), (0, 1, 2))
        feats.append(f"agent.kind|other-persons={agent.kind}|{persons}")
        feats.append(f"t|agent.kind|other-persons={event.event_type}|{agent.kind}|{persons}")
    if agent is not None and target is not None:
        feats.append(f"kinds={agent.kind}>{target.kind}")
        if normalize_name(agent.text) == normalize_name(target.text):
            feats.append("agent-is-target")
    if event.according_to is not None:
        feats.append("according-to")
    if event.content:
        feats.append("content")
    if event.place is not None:
        feats.append("place")
    if event.date:
        feats.append("date")
    return feats


# -- the model -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventScorer:
    """A fitted event scorer: a raw score from features, then a calibration to a probability.

    ``kind`` is ``logistic`` (``weights`` per feature, ``bias``) or ``boosted`` (regression trees over
    the binary features, concatenated: ``tree_feature`` (-1 at a leaf), ``tree_left``,
    ``tree_right``, ``tree_value``, with ``tree_roots``; raw score = ``bias`` + sum of the leaves
    reached, a feature present goes right). ``calibration`` is ``platt`` (``calib_x`` = [a, b]:
    p = 1 / (1 + exp(-(a * raw + b)))) or ``isotonic`` (p interpolated from the points ``calib_x``,
    ``calib_y``).
    """

    kind: str
    vocabulary: dict[str, int]
    bias: float
    calibration: str
    calib_x: np.ndarray
    calib_y: np.ndarray
    threshold: float
    weights: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))
    tree_feature: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    tree_left: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    tree_right: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    tree_value: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))
    tree_roots: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    card: dict[str, Any] = field(default_factory=dict)

    def raw_scores(self, rows: Sequence[Iterable[str]]) -> np.ndarray:
        """The uncalibrated score of each feature list (unknown features are ignored)."""
        out = np.full(len(rows), self.bias, dtype=np.float64)
        for n, row in enumerate(rows):
            ids = {self.vocabulary[f] for f in row if f in self.vocabulary}
            if self.kind == "logistic":
                if ids:
                    out[n] += float(self.weights[sorted(ids)].astype(np.float64).sum())
                continue
            for root in self.tree_roots:
                node = int(root)
                while self.tree_feature[node] >= 0:
                    node = int(self.tree_right[node] if int(self.tree_feature[node]) in ids else self.tree_left[node])
                out[n] += float(self.tree_value[node])
        return out

    def calibrate(self, raw: np.ndarray) -> np.ndarray:
        """Probabilities from raw scores."""
        if self.calibration == "platt":
            a, b = (float(x) for x in self.calib_x)
            return 1.0 / (1.0 + np.exp(-(a * raw + b)))
        return np.interp(raw, self.calib_x, self.calib_y)

    def probabilities(self, rows: Sequence[Iterable[str]]) -> np.ndarray:
        return self.calibrate(self.raw_scores(rows))

    def score(self, extraction: Extraction) -> list[float | None]:
        """For each event of ``extraction``, its calibrated probability (None for events that are not asserted)."""
        context = _Context.of(extraction)
        asserted = [n for n, ev in enumerate(extraction.events) if ev.modality == ASSERTED]
        probs = self.probabilities([event_features(extraction, extraction.events[n], context) for n in asserted])
        out: list[float | None] = [None] * len(extraction.events)
        for n, p in zip(asserted, probs, strict=True):
            out[n] = round(float(p), 3)
        return out

    def save(self, path: Path) -> None:
        """Write the scorer as one compressed ``.npz`` (numpy arrays and a JSON card; no pickles)."""
        names = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        header = {
            "format": _FORMAT,
            "kind": self.kind,
            "calibration": self.calibration,
            "bias": self.bias,
            "threshold": self.threshold,
            "card": self.card,
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            np.savez_compressed(
                handle,
                header=np.array(json.dumps(header, sort_keys=True)),
                vocabulary=np.array(names if names else [""]),
                weights=self.weights.astype(np.float32),
                calib_x=self.calib_x.astype(np.float64),
                calib_y=self.calib_y.astype(np.float64),
                tree_feature=self.tree_feature.astype(np.int32),
                tree_left=self.tree_left.astype(np.int32),
                tree_right=self.tree_right.astype(np.int32),
                tree_value=self.tree_value.astype(np.float32),
                tree_roots=self.tree_roots.astype(np.int32),
            )

    @classmethod
    def load(cls, path: Path) -> EventScorer:
        """Read a scorer written by ``save``; a missing, unreadable or malformed file is a ``ModelError``."""
        if not path.is_file():
            raise ModelError(
                f"No event scorer at {path}: train one with `kg models train --processor event-scorer`, "
                "or build without it (`kg build --no-event-model`)."
            )
        try:
            with np.load(path, allow_pickle=False) as data:
                header = json.loads(str(data["header"]))
                if header.get("format") != _FORMAT or header.get("kind") not in ("logistic", "boosted"):
                    raise ValueError(f"unknown format {header.get('format')!r} or kind {header.get('kind')!r}")
                if header.get("calibration") not in ("platt", "isotonic"):
                    raise ValueError(f"unknown calibration {header.get('calibration')!r}")
                names = [str(x) for x in data["vocabulary"]]
                scorer = cls(
                    kind=str(header["kind"]),
                    vocabulary={name: i for i, name in enumerate(names) if name},
                    bias=float(header["bias"]),
                    calibration=str(header["calibration"]),
                    calib_x=data["calib_x"],
                    calib_y=data["calib_y"],
                    threshold=float(header["threshold"]),
                    weights=data["weights"],
                    tree_feature=data["tree_feature"],
                    tree_left=data["tree_left"],
                    tree_right=data["tree_right"],
                    tree_value=data["tree_value"],
                    tree_roots=data["tree_roots"],
                    card=dict(header.get("card") or {}),
                )
        except (OSError, ValueError, KeyError, TypeError, EOFError) as exc:
            raise ModelError(
                f"The event scorer {path} cannot be read ({exc}): train it again with "
                "`kg models train --processor event-scorer`, or build without it (`kg build --no-event-model`)."
            ) from exc
        if scorer.kind == "logistic" and len(scorer.weights) < len(names):
            raise ModelError(f"The event scorer {path} has fewer weights than features: train it again.")
        return scorer


@functools.lru_cache(maxsize=4)
def _load_cached(path: str, size: int, mtime_ns: int) -> EventScorer:
    return EventScorer.load(Path(path))


@functools.lru_cache(maxsize=4)
def _load_proposer(path: str, size: int, mtime_ns: int) -> Any:
    from kg.event_model import EventModel

    return EventModel.load(Path(path))


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass(frozen=True)
class EventScoring:
    """Which event proposer and scorer a build applies after the rules, and at what threshold.

    ``model``: ``"shipped"`` (``kg/resources/events/scorer.npz``: used when the installation has it,
    else the build runs without a scorer and says so), a path (which must hold a scorer), or None
    (``--no-event-model``: the rules alone, no proposer either). ``threshold``: asserted events the
    scorer gives a lower probability are left out of the graph; None takes the scorer's own default
    (chosen on dev). ``proposer``: the event model whose events the rules lack are added first
    (``kg/resources/events/proposer.npz``), likewise "shipped", a path or None.

    >>> EventScoring(None).describe()["used"]
    False
    """

    model: str | None = "shipped"
    threshold: float | None = None
    # the event model whose events the rules lack are added before scoring (``kg.event_model.hybrid``): "shipped"
    # (``kg/resources/events/proposer.npz``, used when the installation has it), a path, or None (``--no-event-proposer``)
    proposer: str | None = "shipped"

    def __post_init__(self) -> None:
        if self.threshold is not None and not 0.0 <= self.threshold <= 1.0:
            raise InputError(f"--event-threshold must be a probability between 0 and 1, got {self.threshold}.")
        if self.model is None and self.threshold is not None:
            raise InputError("--event-threshold needs the event scorer: leave out --no-event-model.")

    @property
    def path(self) -> Path | None:
        if self.model is None:
            return None
        return SHIPPED_SCORER if self.model == "shipped" else Path(self.model)

    def scorer(self) -> EventScorer | None:
        """The scorer (loaded once per process), or None when none is asked for or none is shipped."""
        path = self.path
        if path is None:
            return None
        if self.model == "shipped" and not path.exists():
            if self.threshold is not None:
                raise ModelError(
                    f"--event-threshold needs an event scorer, and this installation ships none ({path}): "
                    "pass --event-model PATH, or leave out --event-threshold."
                )
            return None
        try:
            info = path.stat()
        except OSError as exc:
            raise ModelError(f"No event scorer at {path} ({exc}): check --event-model, or build with --no-event-model.") from exc
        return _load_cached(str(path), info.st_size, info.st_mtime_ns)

    @property
    def proposer_path(self) -> Path | None:
        """The proposer's file; None without one, and with ``model`` None (the rules alone)."""
        from kg.event_model import SHIPPED_PROPOSER

        if self.proposer is None or self.model is None:
            return None
        return SHIPPED_PROPOSER if self.proposer == "shipped" else Path(self.proposer)

    def proposer_model(self) -> Any:
        """The event model (``kg.event_model.EventModel``, loaded once per process), or None when none is asked for
        or none is shipped."""
        path = self.proposer_path
        if path is None or (self.proposer == "shipped" and not path.exists()):
            return None
        hint = "check --event-proposer, or build with --no-event-proposer"
        try:
            info = path.stat()
        except OSError as exc:
            raise ModelError(f"No event model at {path} ({exc}): {hint}.") from exc
        try:
            return _load_proposer(str(path), info.st_size, info.st_mtime_ns)
        except ModelError as exc:
            raise ModelError(f"{exc} Or {hint}.") from exc

    def describe(self, disabled: frozenset[str] = frozenset()) -> dict[str, Any]:
        """What report.json says about the scorer and the proposer: used or not (and why), which file, the thresholds
        (``disabled``: the build's disabled rule ids; ``model`` leaves the proposer out)."""
        if "model" in disabled:
            return self._describe_scorer() | {"proposer": {"used": False, "reason": "--disable-rule model"}}
        return self._describe_scorer() | {"proposer": self._describe_proposer()}

    def _describe_scorer(self) -> dict[str, Any]:
        scorer = self.scorer()
        if scorer is None:
            reason = "--no-event-model" if self.model is None else f"no event scorer shipped at {self.path}"
            return {"used": False, "reason": reason}
        path = self.path
        assert path is not None  # a scorer was loaded from it
        return {
            "used": True,
            "model": str(path),
            "sha256": _file_digest(path),
            "kind": scorer.kind,
            "calibration": scorer.calibration,
            "threshold": self.threshold if self.threshold is not None else scorer.threshold,
            "default_threshold": scorer.threshold,
        }

    def _describe_proposer(self) -> dict[str, Any]:
        model = self.proposer_model()
        if model is None:
            if self.model is None:
                reason = "--no-event-model"
            else:
                reason = "--no-event-proposer" if self.proposer is None else f"no event model shipped at {self.proposer_path}"
            return {"used": False, "reason": reason}
        path = self.proposer_path
        assert path is not None  # a model was loaded from it
        return {
            "used": True,
            "model": str(path),
            "sha256": _file_digest(path),
            "trigger_threshold": model.trigger_threshold,
            "argument_threshold": model.argument_threshold,
        }

    def apply(self, extraction: Extraction, disabled: frozenset[str] = frozenset()) -> Extraction:
        """``extraction`` with the proposer's events that the rules lack, each asserted event's calibrated confidence,
        and those below the threshold dropped: the rules and the event model propose, the scorer decides. The rule id
        ``model`` in ``disabled`` leaves the proposer out (``kg build --disable-rule model``)."""
        from kg.event_model import hybrid

        proposer = None if "model" in disabled else self.proposer_model()
        if proposer is not None:
            extraction = hybrid(extraction, proposer)
        scorer = self.scorer()
        if scorer is None:
            return extraction
        return score_extraction(extraction, scorer, self.threshold)


def score_extraction(extraction: Extraction, scorer: EventScorer, threshold: float | None = None) -> Extraction:
    """Give each asserted event of ``extraction`` its probability; move those under ``threshold`` to ``dropped_events``."""
    cut = scorer.threshold if threshold is None else threshold
    kept: list[EventMention] = []
    dropped: list[EventMention] = []
    for event, p in zip(extraction.events, scorer.score(extraction), strict=True):
        scored = replace(event, confidence=p) if p is not None else event
        (dropped if p is not None and p < cut else kept).append(scored)
    return replace(extraction, events=tuple(kept), dropped_events=extraction.dropped_events + tuple(dropped))


# -- labels, calibration measures --------------------------------------------------------------------


def label_events(
    extractions: Sequence[Extraction], gold: dict[str, Any], lexicon: Any = None
) -> list[tuple[int, int, bool, tuple[str, ...]]]:
    """(extraction number, event number, right?, edge) for every asserted event that makes a scored edge of the graph.

    The graph is built as ``kg build`` builds it (actors resolved over all ``extractions``), and each
    event is labelled by its edge's match with ``gold`` as ``kg evaluate`` decides it. The edge is
    (article, type, agent actor, target actor): the events that give one edge share it.
    """
    from kg.actors import resolve_actors
    from kg.evaluate import evaluate_graph
    from kg.mapper import event_iri, graph_events, map_corpus

    index = resolve_actors(extractions, lexicon)
    labels = evaluate_graph(gold, map_corpus(extractions, index, lexicon)).event_labels
    out: list[tuple[int, int, bool, tuple[str, ...]]] = []
    for k, extraction in enumerate(extractions):
        aid = extraction.doc.article.id
        for n, event in graph_events(extraction, index):
            iri = str(event_iri(aid, event, n))
            if iri in labels:
                agent, target = (index.actor_of(aid, p.mention if p else None) for p in (event.agent, event.target))
                edge = (aid, event.event_type, agent.slug if agent else "-", target.slug if target else "-")
                out.append((k, n, labels[iri], edge))
    return out


@dataclass(frozen=True)
class Reliability:
    """One bin of a reliability table: events whose confidence is in [low, high), their mean confidence and accuracy."""

    low: float
    high: float
    count: int
    confidence: float
    accuracy: float


def reliability(probs: Sequence[float] | np.ndarray, labels: Sequence[bool], bins: int = 10) -> list[Reliability]:
    """The reliability table of ``probs`` against ``labels`` in ``bins`` equal-width bins (empty bins left out).

    >>> [(r.count, r.accuracy) for r in reliability([0.1, 0.15, 0.9], [False, True, True], bins=2)]
    [(2, 0.5), (1, 1.0)]
    """
    p = np.asarray(probs, dtype=np.float64)
    y = np.asarray(labels, dtype=np.float64)
    which = np.minimum((p * bins).astype(int), bins - 1)
    out = []
    for b in range(bins):
        inside = which == b
        if inside.any():
            out.append(Reliability(b / bins, (b + 1) / bins, int(inside.sum()), float(p[inside].mean()), float(y[inside].mean())))
    return out


def expected_calibration_error(probs: Sequence[float] | np.ndarray, labels: Sequence[bool], bins: int = 10) -> float:
    """The count-weighted mean gap between confidence and accuracy over the reliability bins.

    >>> expected_calibration_error([0.1, 0.15, 0.9], [False, True, True], bins=2)  # (2 * 0.375 + 0.1) / 3
    0.2833
    """
    table = reliability(probs, labels, bins)
    total = sum(r.count for r in table)
    return round(sum(r.count * abs(r.confidence - r.accuracy) for r in table) / total, 4) if total else 0.0


# -- training ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrainingSet:
    """Feature lists, labels and article groups of the labelled events of some extractions."""

    rows: list[list[str]]
    labels: list[bool]
    groups: list[str]
    events: list[tuple[int, int]]  # (extraction number, event number)
    edges: list[tuple[str, ...]] = field(default_factory=list)  # the graph edge each event gives

    def weights(self, by_edge: bool) -> np.ndarray:
        """Each event's training weight: 1, or with ``by_edge`` 1 / (events of its edge), so each edge counts once
        as ``kg evaluate`` counts it (scaled to a mean of 1)."""
        if not by_edge or not self.edges:
            return np.ones(len(self.rows))
        sizes: dict[tuple[str, ...], int] = {}
        for edge in self.edges:
            sizes[edge] = sizes.get(edge, 0) + 1
        w = np.array([1.0 / sizes[edge] for edge in self.edges])
        return w * len(w) / w.sum()


def training_set(extractions: Sequence[Extraction], gold: dict[str, Any], lexicon: Any = None) -> TrainingSet:
    """The labelled asserted events of ``extractions`` (see ``label_events``) with their features."""
    contexts = [_Context.of(ex) for ex in extractions]
    rows, labels, groups, events, edges = [], [], [], [], []
    for k, n, right, edge in label_events(extractions, gold, lexicon):
        ex = extractions[k]
        rows.append(event_features(ex, ex.events[n], contexts[k]))
        labels.append(right)
        groups.append(ex.doc.article.id)
        events.append((k, n))
        edges.append(edge)
    return TrainingSet(rows, labels, groups, events, edges)


def _vectorise(rows: Sequence[Sequence[str]], vocabulary: dict[str, int]) -> Any:
    from scipy.sparse import csr_matrix

    indptr, indices = [0], []
    for row in rows:
        ids = sorted({vocabulary[f] for f in row if f in vocabulary})
        indices.extend(ids)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float64)
    return csr_matrix((data, np.array(indices, dtype=np.int64), np.array(indptr)), shape=(len(rows), len(vocabulary)))


def _fit_raw(kind: str, rows: Sequence[Sequence[str]], labels: Sequence[bool], weights: np.ndarray, seed: int = 0) -> EventScorer:
    """An uncalibrated scorer (identity Platt calibration) of ``kind`` fitted on ``rows``."""
    counts: dict[str, int] = {}
    for row in rows:
        for f in set(row):
            counts[f] = counts.get(f, 0) + 1
    names = sorted(f for f, c in counts.items() if c >= 2)
    vocabulary = {f: i for i, f in enumerate(names)}
    matrix = _vectorise(rows, vocabulary)
    y = np.asarray(labels, dtype=int)
    identity: dict[str, Any] = {"calibration": "platt", "calib_x": np.array([1.0, 0.0]), "calib_y": np.zeros(0)}
    identity["threshold"] = 0.5
    if kind == "logistic":
        from sklearn.linear_model import LogisticRegression

        model = LogisticRegression(C=0.03, max_iter=5000)  # C chosen on dev (AP, AUC) among 0.03-1
        model.fit(matrix, y, sample_weight=weights)
        return EventScorer(
            "logistic", vocabulary, float(model.intercept_[0]), weights=model.coef_[0].astype(np.float32), **identity
        )
    from sklearn.ensemble import GradientBoostingClassifier

    boosted = GradientBoostingClassifier(
        n_estimators=150, max_depth=3, learning_rate=0.08, subsample=0.8, min_samples_leaf=5, random_state=seed
    )
    boosted.fit(matrix, y, sample_weight=weights)
    feature, left, right, value, roots = [], [], [], [], []
    offset = 0
    for (estimator,) in boosted.estimators_:
        tree = estimator.tree_
        roots.append(offset)
        leaf = tree.children_left == -1
        feature += [-1 if is_leaf else int(f) for f, is_leaf in zip(tree.feature, leaf, strict=True)]
        left += [-1 if is_leaf else int(c) + offset for c, is_leaf in zip(tree.children_left, leaf, strict=True)]
        right += [-1 if is_leaf else int(c) + offset for c, is_leaf in zip(tree.children_right, leaf, strict=True)]
        value += [float(v) * boosted.learning_rate for v in tree.value[:, 0, 0]]
        offset += tree.node_count
    prior = float(np.clip(np.average(y, weights=weights), 1e-6, 1 - 1e-6))
    scorer = EventScorer(
        "boosted",
        vocabulary,
        math.log(prior / (1 - prior)),
        tree_feature=np.array(feature, np.int32),
        tree_left=np.array(left, np.int32),
        tree_right=np.array(right, np.int32),
        tree_value=np.array(value, np.float32),
        tree_roots=np.array(roots, np.int32),
        **identity,
    )
    mine = scorer.raw_scores(rows[:50])
    theirs = boosted.decision_function(matrix[:50])
    if not np.allclose(mine, theirs, atol=1e-3):
        raise ModelError("The boosted event scorer's own trees disagree with scikit-learn's: report this as a bug.")
    return scorer


def _fit_calibration(method: str, raw: np.ndarray, labels: Sequence[bool], weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    y = np.asarray(labels, dtype=int)
    if method == "platt":
        from sklearn.linear_model import LogisticRegression

        platt = LogisticRegression(C=1e6, max_iter=1000).fit(raw.reshape(-1, 1), y, sample_weight=weights)
        return np.array([float(platt.coef_[0, 0]), float(platt.intercept_[0])]), np.zeros(0)
    from sklearn.isotonic import IsotonicRegression

    iso = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(raw, y, sample_weight=weights)
    return np.asarray(iso.X_thresholds_, np.float64), np.asarray(iso.y_thresholds_, np.float64)


def out_of_fold_scores(kind: str, data: TrainingSet, folds: int = 5, seed: int = 0, by_edge: bool = False) -> np.ndarray:
    """Raw scores of every training event from a model fitted without its article (grouped k-fold)."""
    from sklearn.model_selection import GroupKFold

    raw = np.zeros(len(data.rows))
    weights = data.weights(by_edge)
    splitter = GroupKFold(n_splits=folds)
    for fit_idx, held_idx in splitter.split(data.rows, data.labels, data.groups):
        rows, labels = [data.rows[i] for i in fit_idx], [data.labels[i] for i in fit_idx]
        model = _fit_raw(kind, rows, labels, weights[fit_idx], seed)
        raw[held_idx] = model.raw_scores([data.rows[i] for i in held_idx])
    return raw


def train_event_scorer(
    data: TrainingSet,
    kind: str,
    calibration: str,
    threshold: float = 0.5,
    folds: int = 5,
    seed: int = 0,
    card: dict[str, Any] | None = None,
    by_edge: bool = False,
) -> EventScorer:
    """Fit a scorer of ``kind`` (logistic, boosted) on ``data`` with a ``calibration`` (platt, isotonic)
    fitted on out-of-fold raw scores of the same articles (grouped ``folds``-fold cross-validation); with
    ``by_edge`` each graph edge weighs as much as any other, however many events give it."""
    if kind not in ("logistic", "boosted") or calibration not in ("platt", "isotonic"):
        raise ModelError(f"Unknown scorer {kind!r}/{calibration!r}: choose logistic or boosted, platt or isotonic.")
    if len(set(data.labels)) < 2 or len(set(data.groups)) < folds:
        raise ModelError(
            f"Cannot train the event scorer on {len(data.rows)} events of {len(set(data.groups))} articles: "
            f"it needs right and wrong events from at least {folds} articles."
        )
    raw = out_of_fold_scores(kind, data, folds, seed, by_edge)
    weights = data.weights(by_edge)
    calib_x, calib_y = _fit_calibration(calibration, raw, data.labels, weights)
    model = _fit_raw(kind, data.rows, data.labels, weights, seed)
    return replace(model, calibration=calibration, calib_x=calib_x, calib_y=calib_y, threshold=threshold, card=dict(card or {}))


def split_extractions(
    folder: Path,
    corpus: Path,
    cache: Any = None,
    parser: Any = None,
    lexicon: Any = None,
    disabled: frozenset[str] = frozenset(),
) -> tuple[list[Extraction], dict[str, Any]]:
    """The rules' extractions of one split of the event corpus (parses from ``cache`` where it has them) and its gold."""
    from kg.articles import read_articles
    from kg.document import Article
    from kg.event_corpus import article_ids, load_event_corpus
    from kg.extract import extract
    from kg.quote_eval import read_corpus_texts

    ids = article_ids(folder)
    texts = read_corpus_texts(corpus, set(ids))
    articles = {a.id: a for a in read_articles([corpus]) if isinstance(a, Article) and a.id in texts}
    docs = {doc.article.id: doc for doc in parses_of(list(articles.values()), cache, parser)}
    gold = load_event_corpus(folder, texts, lexicon)
    return [extract(docs[aid], lexicon, disabled) for aid in ids if docs.get(aid) is not None], gold


# -- choosing on dev, the model card ---------------------------------------------------------------------

THRESHOLDS = (0.0, 0.1, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)


@dataclass(frozen=True)
class Floor:
    """A gold the scorer must not make worse: its events F1 must stay at least ``f1`` (seeds 0.981, IndoSum 0.743)."""

    name: str
    extractions: Sequence[Extraction]
    gold: dict[str, Any]
    f1: float


def dev_scores(
    scorer: EventScorer | None, extractions: Sequence[Extraction], gold: dict[str, Any], threshold: float | None = None
) -> dict[str, Any]:
    """Event precision, recall and F1 of ``extractions`` on ``gold`` after the scorer (None: the rules alone)."""
    from kg.actors import resolve_actors
    from kg.evaluate import evaluate_graph
    from kg.mapper import map_corpus

    scored = [score_extraction(ex, scorer, threshold) for ex in extractions] if scorer is not None else list(extractions)
    scores = evaluate_graph(gold, map_corpus(scored, resolve_actors(scored)))
    return scores.events.as_dict() | {
        "negative_asserted": len(scores.negative_asserted),
        "dropped": sum(len(ex.dropped_events) for ex in scored),
    }


def choose_threshold(
    scorer: EventScorer,
    extractions: Sequence[Extraction],
    gold: dict[str, Any],
    thresholds: Sequence[float] = THRESHOLDS,
    floors: Sequence[Floor] = (),
) -> tuple[float, list[dict[str, Any]]]:
    """The threshold of highest dev F1 (ties: the higher threshold, so the higher precision), and the sweep.

    Only thresholds at which every one of ``floors`` keeps its F1 are eligible (threshold 0, which drops
    nothing, always is); each row of the sweep says which floors it breaks.
    """
    sweep = []
    for t in thresholds:
        row = dev_scores(scorer, extractions, gold, t) | {"threshold": t}
        row["breaks"] = [f.name for f in floors if t > 0 and dev_scores(scorer, f.extractions, f.gold, t)["f1"] < f.f1]
        sweep.append(row)
    eligible = [row for row in sweep if not row["breaks"]] or [dev_scores(scorer, extractions, gold, 0.0) | {"threshold": 0.0}]
    best = max(eligible, key=lambda row: (row["f1"], row["threshold"]))
    return float(best["threshold"]), sweep


def rule_table(scorer: EventScorer, extractions: Sequence[Extraction], threshold: float) -> list[dict[str, Any]]:
    """Per rule id of the events' ``rule`` chains: asserted events, their mean probability, how many are under ``threshold``."""
    probs: dict[str, list[float]] = {}
    for ex in extractions:
        for event, p in zip(ex.events, scorer.score(ex), strict=True):
            if p is None:
                continue
            for rule in dict.fromkeys(event.rule.split("+")):
                probs.setdefault(rule, []).append(p)
    rows = [
        {"rule": rule, "events": len(ps), "mean": round(float(np.mean(ps)), 3), "below": sum(p < threshold for p in ps)}
        for rule, ps in probs.items()
    ]
    return sorted(rows, key=lambda row: (row["mean"], -row["events"]))


def model_card(scorer: EventScorer) -> str:
    """The scorer's card (markdown) from what training recorded in ``scorer.card``."""
    card = scorer.card
    lines = [
        "# kg's event scorer",
        "",
        "A calibrated verifier of the events kg's rules produce (after coreference): for each asserted event, the",
        "probability that it is a right edge of the graph. `kg build` uses it as the event's `kg:confidence` and drops",
        "asserted events below `--event-threshold` (default below). Code: `kg/event_scorer.py`.",
        "",
        f"- model: {scorer.kind} over {len(scorer.vocabulary)} binary features, {scorer.calibration} calibration fitted on",
        f"  out-of-fold scores of the training articles ({card.get('folds', '?')}-fold, grouped by article);",
        f"- data: `tests/gold/events/train` ({card.get('train_articles', '?')} articles, "
        f"{card.get('train_events', '?')} labelled events, {card.get('train_right', '?')} right), "
        f"chosen on `dev` ({card.get('dev_articles', '?')} articles, "
        f"{card.get('dev_events', '?')} events);",
        f"- default threshold: {scorer.threshold} ({card.get('threshold_rule', '')});",
        f"- dev expected calibration error (10 bins): {card.get('dev_ece', '?')}.",
        "",
        "## Candidates on dev",
        "",
        "| model | calibration | weights | AP | ECE | best F1 (threshold) |",
        "|---|---|---|---|---|---|",
    ]
    for row in card.get("candidates", []):
        lines.append(
            f"| {row['kind']} | {row['calibration']} | {row['weights']} | {row['ap']:.3f} | {row['ece']:.3f} | "
            f"{row['f1']:.3f} ({row['threshold']}) |"
        )
    lines += [
        "",
        "## Dev, events (agent + type + target, asserted)",
        "",
        "| | P | R | F1 | tp/fp/fn | dropped |",
        "|---|---|---|---|---|---|",
    ]
    for name in ("rules", "scorer"):
        row = card.get(f"dev_{name}")
        if row:
            lines.append(
                f"| {name} | {row['precision']:.3f} | {row['recall']:.3f} | {row['f1']:.3f} | "
                f"{row['tp']}/{row['fp']}/{row['fn']} | {row.get('dropped', 0)} |"
            )
    lines += ["", "## Threshold sweep on dev", "", "| threshold | P | R | F1 | dropped | breaks |", "|---|---|---|---|---|---|"]
    for row in card.get("sweep", []):
        breaks = ", ".join(row.get("breaks", [])) or "-"
        lines.append(
            f"| {row['threshold']} | {row['precision']:.3f} | {row['recall']:.3f} | {row['f1']:.3f} | "
            f"{row['dropped']} | {breaks} |"
        )
    lines += ["", "## Reliability on dev", "", "| confidence | events | mean confidence | right |", "|---|---|---|---|"]
    for row in card.get("reliability", []):
        lines.append(f"| {row['low']:.1f}-{row['high']:.1f} | {row['count']} | {row['confidence']:.3f} | {row['accuracy']:.3f} |")
    lines += ["", "## Rules the scorer overrules (dev, mean probability; below: events under the threshold)", ""]
    lines += ["| rule | events | mean | below |", "|---|---|---|---|"]
    for row in card.get("rules", []):
        lines.append(f"| `{row['rule']}` | {row['events']} | {row['mean']:.3f} | {row['below']} |")
    return "\n".join(lines) + "\n"


def select_scorer(
    train: Sequence[Extraction],
    train_gold: dict[str, Any],
    dev: Sequence[Extraction],
    dev_gold: dict[str, Any],
    folds: int = 5,
    floors: Sequence[Floor] = (),
) -> EventScorer:
    """Train every candidate (logistic, boosted; Platt, isotonic) on ``train`` and keep the best on ``dev``.

    Best: the highest dev F1 at its own best threshold (``choose_threshold``); ties go to the lower
    expected calibration error. Events are weighted per event or per graph edge (both are tried). The
    returned scorer's ``card`` records every number of the choice.
    """
    from sklearn.metrics import average_precision_score

    data = training_set(train, train_gold)
    held = training_set(dev, dev_gold)
    candidates = []
    for kind, calibration, by_edge in itertools.product(("logistic", "boosted"), ("platt", "isotonic"), (False, True)):
        scorer = train_event_scorer(data, kind, calibration, folds=folds, by_edge=by_edge)
        probs = scorer.probabilities(held.rows)
        threshold, sweep = choose_threshold(scorer, dev, dev_gold, floors=floors)
        best = next(row for row in sweep if row["threshold"] == threshold)
        summary = {
            "kind": kind,
            "calibration": calibration,
            "weights": "per edge" if by_edge else "per event",
            "ap": round(float(average_precision_score(held.labels, probs)), 4),
            "ece": expected_calibration_error(probs, held.labels),
            "f1": best["f1"],
            "threshold": threshold,
        }
        candidates.append((summary, replace(scorer, threshold=threshold), sweep, probs))
    summary, scorer, sweep, probs = max(candidates, key=lambda c: (c[0]["f1"], -c[0]["ece"]))
    card = {
        "folds": folds,
        "train_articles": len(train),
        "train_events": len(data.labels),
        "train_right": sum(data.labels),
        "dev_articles": len(dev),
        "dev_events": len(held.labels),
        "threshold_rule": "the highest dev F1 among the thresholds that keep "
        + (", ".join(f"{f.name} events F1 >= {f.f1}" for f in floors) or "any gold")
        + "; among equal F1, the highest threshold",
        "dev_ece": summary["ece"],
        "candidates": [c[0] for c in candidates],
        "dev_rules": dev_scores(None, dev, dev_gold),
        "dev_scorer": next(row for row in sweep if row["threshold"] == scorer.threshold),
        "sweep": sweep,
        "reliability": [r.__dict__ for r in reliability(probs, held.labels)],
        "rules": rule_table(scorer, dev, scorer.threshold),
    }
    return replace(scorer, card=card)


def gold_extractions(
    inputs: Sequence[Path], gold_path: Path, cache: Any = None, parser: Any = None, lexicon: Any = None
) -> tuple[list[Extraction], dict[str, Any]]:
    """The rules' extractions of the articles a gold JSON file lists (read from ``inputs`` as ``kg build`` reads them)."""
    from kg.articles import read_articles
    from kg.document import Article
    from kg.extract import extract

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    wanted = set(gold.get("articles") or ())
    articles = [a for a in read_articles(inputs) if isinstance(a, Article) and a.id in wanted]
    return [extract(doc, lexicon) for doc in parses_of(articles, cache, parser)], gold


def parses_of(articles: Sequence[Any], cache: Any, parser: Any) -> list[Any]:
    """The parses of ``articles`` in order: from ``cache`` where it has them, else parsed (and cached)."""
    docs = {a.id: cache.get(a) for a in articles} if cache is not None else {}
    missing = [a for a in articles if docs.get(a.id) is None]
    if missing:
        if parser is None:
            from kg.nlp.pipeline import StanzaParser

            parser = StanzaParser()
        for doc in parser.parse_many(missing):
            docs[doc.article.id] = doc
            if cache is not None:
                cache.put(doc)
    return [docs[a.id] for a in articles if docs.get(a.id) is not None]
