"""Learned event extraction: a trigger classifier and an argument classifier over kg's parses.

Both are multinomial logistic regressions over sparse, named features (the word, its lemma, part of
speech and relations for a trigger; the dependency path, case marker, voice, order and mention kind
for an argument), trained from kg's event corpus (``tests/gold/events``, docs/annotation.md) and
stored as weights and a feature vocabulary in one ``.npz`` file, so that using them needs numpy only.

- ``train_event_model`` aligns the corpus's stand-off annotations with kg's parses of the same
  articles and fits both classifiers (scikit-learn, at training time only).
- ``EventModel.events`` reads an ``Extraction``'s parse and mentions and proposes events (rule id
  ``model``), each with the product of its trigger's and its arguments' probabilities as confidence.
- ``hybrid`` adds the model's events that the rules did not find.
"""

from __future__ import annotations

import difflib
import json
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from kg.document import ParsedDoc, Sentence, Word
from kg.errors import ModelError
from kg.extract import modality_at
from kg.extract.article import without_press
from kg.extract.view import SentenceView
from kg.extract.words import word_triggers
from kg.lexicon import Lexicon, get_lexicon, normalize_name
from kg.types import PLACE, EventMention, Extraction, Mention, Participant

__all__ = ["SHIPPED_PROPOSER", "Candidate", "EventModel", "LinearModel", "hybrid", "sentence_candidates", "train_event_model"]

SHIPPED_PROPOSER = Path(__file__).resolve().parent / "resources" / "events" / "proposer.npz"
"""The event model a build adds the events of that the rules lack (``kg.event_scorer.EventScoring``)."""
CHOSEN_THRESHOLDS = (0.3, 0.7)
"""Trigger and argument probabilities of the shipped proposer: the best dev event F1 of the rules, the proposer and
the shipped scorer together, and the best of 5-fold cross-validation on the train split (README, "The event model")."""
PRUNE_WEIGHT = 0.2
"""Features whose weights all stay under this are left out of a saved model: the same dev scores, a tenth of the file."""
NONE = "O"
AGENT, TARGET = "agent", "target"
_PATH_LIMIT = 4


@dataclass(frozen=True)
class LinearModel:
    """A multinomial logistic regression over named binary features."""

    classes: tuple[str, ...]
    vocabulary: dict[str, int]
    weights: np.ndarray  # features x classes
    bias: np.ndarray  # classes

    def pruned(self, min_weight: float) -> LinearModel:
        """The model without the features whose weights are all under ``min_weight`` in size."""
        keep = np.where(np.abs(self.weights).max(axis=1) >= min_weight)[0]
        names = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        return LinearModel(self.classes, {names[i]: k for k, i in enumerate(keep)}, self.weights[keep], self.bias)

    def probabilities(self, rows: Sequence[Sequence[str]]) -> np.ndarray:
        """One row of class probabilities per feature list (unknown features are ignored)."""
        scores = np.tile(self.bias.astype(np.float64), (len(rows), 1))
        for n, row in enumerate(rows):
            ids = [self.vocabulary[f] for f in set(row) if f in self.vocabulary]
            if ids:
                scores[n] += self.weights[ids].astype(np.float64).sum(axis=0)
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)


def _fit(rows: list[list[str]], labels: list[str], c: float) -> LinearModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([dict.fromkeys(row, 1) for row in rows])
    classifier = LogisticRegression(C=c, max_iter=2000)  # unweighted: balanced classes over-propose (dev)
    classifier.fit(matrix, labels)
    classes = tuple(str(c) for c in classifier.classes_)
    weights = classifier.coef_.T if len(classes) > 2 else np.hstack([-classifier.coef_.T / 2, classifier.coef_.T / 2])
    bias = classifier.intercept_ if len(classes) > 2 else np.array([-classifier.intercept_[0] / 2, classifier.intercept_[0] / 2])
    vocabulary = {str(name): int(i) for name, i in vectorizer.vocabulary_.items()}
    return LinearModel(classes, vocabulary, weights.astype(np.float32), bias.astype(np.float32))


# -- features --------------------------------------------------------------------------------------


def trigger_features(sentence: Sentence, word: Word, lex: Lexicon) -> list[str]:
    """What a classifier may know about a word as a possible event trigger."""
    lower, lemma = word.lower, word.lemma.lower()
    kids = sentence.children(word.id)
    feats = [
        f"w={lower}",
        f"l={lemma}",
        f"u={word.upos}",
        f"d={word.deprel.split(':')[0]}",
        f"lu={lemma}|{word.upos}",
        f"p3={lower[:3]}",
        f"p2={lower[:2]}",
        f"s3={lower[-3:]}",
        *(f"k={k.deprel.split(':')[0]}" for k in kids),
        *(f"ka={k.lower}" for k in kids if k.upos in ("ADP", "AUX", "PART")),
    ]
    if word.feats != "_":
        feats += [f"f={f}" for f in word.feats.split("|")]
    before = sentence.words[word.id - 2] if word.id > 1 else None
    after = sentence.words[word.id] if word.id < len(sentence.words) else None
    feats += [f"b={before.lower if before else '<s>'}", f"a={after.lower if after else '</s>'}"]
    if after is not None:
        feats.append(f"wa={lower}|{after.lower}")
    feats += [f"lex={trig.event_type}" for trig in word_triggers(word, lex)]
    return feats


def _path(sentence: Sentence, a: Word, b: Word) -> str:
    """The dependency path from ``a`` to ``b``: relations up to their common ancestor, then down."""

    def ancestors(w: Word) -> list[Word]:
        out = [w]
        while out[-1].head and len(out) < 40:
            out.append(sentence.word(out[-1].head))
        return out

    up, down = ancestors(a), ancestors(b)
    down_ids = [w.id for w in down]
    for i, w in enumerate(up):
        if w.id in down_ids:
            j = down_ids.index(w.id)
            steps = [f"^{x.deprel.split(':')[0]}" for x in up[:i]] + [f"v{x.deprel.split(':')[0]}" for x in reversed(down[:j])]
            return " ".join(steps[:_PATH_LIMIT]) + (" ..." if len(steps) > _PATH_LIMIT else "")
    return "none"


def _head_of(sentence: Sentence, mention: Mention) -> Word:
    span = range(mention.start + 1, mention.end + 1)
    for wid in span:
        w = sentence.word(wid)
        if w.head not in span:
            return w
    return sentence.word(mention.start + 1)


@dataclass(frozen=True)
class Candidate:
    """A possible agent or target of a trigger: the word it is read at, and the actor that word stands for.

    ``how`` says how the word stands for the actor: ``named`` (the head of the actor's name), ``owner`` (a
    noun whose owner or leader is named: "juru bicara KPK"), or the coreference rule that resolved it
    (``pronoun``, ``role-noun``, ``institution``, ``government``, ``demonstrative``).
    """

    word: Word
    mention: Mention
    how: str


def sentence_candidates(extraction: Extraction, sentence: Sentence, resolver: Any, lex: Lexicon) -> list[Candidate]:
    """Every actor a word of ``sentence`` names or stands for, as the rules' participant and coreference readers
    resolve it (``resolver``: a ``kg.coref.Resolver`` of the extraction); places are no candidates."""
    from kg.extract.events import SentenceReading

    here = [m for m in extraction.mentions if m.sentence == sentence.index]
    out = [Candidate(_head_of(sentence, m), m, "named") for m in here if m.kind != PLACE]
    inside = {k for m in here for k in range(m.extent_start + 1, m.end + 1)}
    parts = SentenceReading(SentenceView(lex, sentence, here, extraction.doc.article.date)).parts
    for word in sentence.words:
        if word.id in inside or word.upos not in _NOMINAL:
            continue
        part = parts.resolve(word)
        how = "owner"
        if part.mention is None or part.title_phrase is not None:
            resolved, rule = resolver.resolve(sentence.index, part, [])
            part, how = resolved, rule or how
        if part is not None and part.mention is not None and part.mention.kind != PLACE:
            out.append(Candidate(word, part.mention, how))
    return out


_NOMINAL = ("NOUN", "PROPN", "PRON", "DET")
_TRIGGER_UPOS = ("VERB", "NOUN", "ADJ", "ADP")


def trigger_words(extraction: Extraction) -> Iterator[tuple[Sentence, list[Word]]]:
    """Each sentence of ``extraction`` with the words a trigger may be: verbs, nouns, adjectives and prepositions
    outside an actor's name (the same words for training and for reading)."""
    names: dict[int, set[int]] = {}
    for m in extraction.mentions:
        names.setdefault(m.sentence, set()).update(range(m.start + 1, m.end + 1))
    for sentence in extraction.doc.sentences:
        inside = names.get(sentence.index, set())
        yield sentence, [w for w in sentence.words if w.upos in _TRIGGER_UPOS and w.id not in inside]


def _besides(candidates: list[Candidate], trigger: Word) -> list[Candidate]:
    """The argument candidates of a trigger: its sentence's, but the trigger itself."""
    return [c for c in candidates if c.word.id != trigger.id]


def argument_features(sentence: Sentence, trigger: Word, event_type: str, candidate: Candidate) -> list[str]:
    """What a classifier may know about a candidate as the agent or target of a trigger."""
    head = candidate.word
    case = next((k.lower for k in sentence.children(head.id) if k.deprel in ("case", "mark")), "-")
    path = _path(sentence, trigger, head)
    order = "before" if head.id < trigger.id else "after"
    distance = abs(head.id - trigger.id)
    bucket = "1" if distance <= 1 else "2-3" if distance <= 3 else "4-7" if distance <= 7 else "8+"
    voice = "pass" if "Voice=Pass" in trigger.feats else "act"
    between = sentence.words[min(head.id, trigger.id) : max(head.id, trigger.id) - 1]
    feats = [
        f"t={event_type}",
        f"k={candidate.mention.kind}",
        f"how={candidate.how}",
        f"thow={event_type}|{candidate.how}",
        f"path={path}",
        f"tpath={event_type}|{path}",
        f"case={case}",
        f"tcase={event_type}|{case}",
        f"o={order}",
        f"to={event_type}|{order}",
        f"dist={bucket}",
        f"v={voice}",
        f"vo={voice}|{order}",
        f"vpath={voice}|{path}",
        f"hd={head.deprel.split(':')[0]}",
        f"l={trigger.lemma.lower()}",
        f"lhd={trigger.lemma.lower()}|{head.deprel.split(':')[0]}",
    ]
    if candidate.how != "named":
        feats.append(f"hw={head.lower}")
    if any(w.text in {'"', "“", "”"} for w in between):
        feats.append("quote-between")
    if any(w.text == "," for w in between):
        feats.append("comma-between")
    return feats


# -- the model -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventModel:
    """The trigger and argument classifiers, with the probabilities at which they propose an event."""

    triggers: LinearModel
    arguments: LinearModel
    trigger_threshold: float = 0.5
    argument_threshold: float = 0.5

    def save(self, path: Path) -> None:
        arrays: dict[str, Any] = {}
        for name, model in (("triggers", self.triggers), ("arguments", self.arguments)):
            arrays[f"{name}_weights"] = model.weights.astype(np.float16)
            arrays[f"{name}_bias"] = model.bias.astype(np.float32)
            arrays[f"{name}_classes"] = np.array(model.classes)
            names = sorted(model.vocabulary, key=model.vocabulary.__getitem__)
            arrays[f"{name}_vocabulary"] = np.array(names)
        arrays["thresholds"] = np.array([self.trigger_threshold, self.argument_threshold])
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(path, **arrays)

    @classmethod
    def load(cls, path: Path) -> EventModel:
        if not path.is_file():
            raise ModelError(f"No event model at {path}: train one with `kg models train --processor events`.")
        try:
            return cls._read(path)
        except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
            raise ModelError(
                f"Cannot read the event model {path} ({exc}): train it again with `kg models train --processor events`."
            ) from exc

    @classmethod
    def _read(cls, path: Path) -> EventModel:
        with np.load(path, allow_pickle=False) as data:
            models = []
            for name in ("triggers", "arguments"):
                vocabulary = {str(f): i for i, f in enumerate(data[f"{name}_vocabulary"])}
                models.append(
                    LinearModel(
                        tuple(str(c) for c in data[f"{name}_classes"]),
                        vocabulary,
                        data[f"{name}_weights"].astype(np.float32),
                        data[f"{name}_bias"],
                    )
                )
            trigger_threshold, argument_threshold = (float(x) for x in data["thresholds"])
        return cls(models[0], models[1], trigger_threshold, argument_threshold)

    def with_thresholds(self, trigger: float, argument: float) -> EventModel:
        return replace(self, trigger_threshold=trigger, argument_threshold=argument)

    def pruned(self, min_weight: float) -> EventModel:
        """The model without the features whose every weight is under ``min_weight`` in size (a smaller file)."""
        return replace(self, triggers=self.triggers.pruned(min_weight), arguments=self.arguments.pruned(min_weight))

    def events(self, extraction: Extraction, lexicon: Lexicon | None = None) -> list[EventMention]:
        """The events the model reads in ``extraction``'s sentences, between the actors its words name or stand for."""
        from kg.coref import Resolver

        lex = lexicon or get_lexicon()
        resolver = Resolver(extraction, lex)
        out: list[EventMention] = []
        for sentence, candidates in trigger_words(extraction):
            if not candidates:
                continue
            probs = self.triggers.probabilities([trigger_features(sentence, w, lex) for w in candidates])
            arguments: list[Candidate] | None = None
            for word, row in zip(candidates, probs, strict=True):
                best = int(np.argmax(row))
                event_type, p_trigger = self.triggers.classes[best], float(row[best])
                if event_type == NONE or p_trigger < self.trigger_threshold or event_type not in lex.event_types:
                    continue
                if lex.is_speech(event_type) and SentenceView(lex, sentence, [], None).says_nothing(word):
                    continue  # "mengakui Yerusalem sebagai ibu kota Israel" says nothing, as the rules read it
                if arguments is None:
                    arguments = sentence_candidates(extraction, sentence, resolver, lex)
                others = _besides(arguments, word)
                if others:
                    out.extend(self._arguments(sentence, word, event_type, p_trigger, others, lex))
        return out

    def _arguments(
        self, sentence: Sentence, word: Word, event_type: str, p_trigger: float, candidates: list[Candidate], lex: Lexicon
    ) -> list[EventMention]:
        rows = [argument_features(sentence, word, event_type, c) for c in candidates]
        probs = self.arguments.probabilities(rows)
        column = {c: i for i, c in enumerate(self.arguments.classes)}
        agent_p = probs[:, column[AGENT]] if AGENT in column else np.zeros(len(candidates))
        target_p = probs[:, column[TARGET]] if TARGET in column else np.zeros(len(candidates))
        a = int(np.argmax(agent_p))
        if agent_p[a] < self.argument_threshold:
            return []
        agent = candidates[a]
        participant = _participant(agent)
        modality = modality_at(sentence, word, event_type, lex)
        kind = lex.event_types[event_type]

        def event(target: Candidate | None, p_target: float = 1.0) -> EventMention:
            return EventMention(
                sentence.index,
                event_type,
                word.text,
                word.id,
                participant,
                _participant(target) if target is not None else None,
                modality=modality,
                rule="model",
                confidence=round(p_trigger * float(agent_p[a]) * p_target, 4),
            )

        if kind.quad_class is None:  # a statement: the speaker alone
            return [event(None)]
        targets: dict[str, tuple[Candidate, float]] = {}
        for t in np.argsort(-target_p):
            c = candidates[t]
            if target_p[t] < self.argument_threshold:
                break
            key = normalize_name(c.mention.text)
            if key != normalize_name(agent.mention.text) and key not in targets:
                targets[key] = (c, float(target_p[t]))
        return [event(t, p) for t, p in list(targets.values())[:3]]


def _participant(candidate: Candidate) -> Participant:
    """The participant an event gets for a candidate: its actor, read at its word."""
    text = candidate.mention.text if candidate.how == "named" else candidate.word.text
    return Participant(candidate.mention, text, candidate.word.id)


def hybrid(extraction: Extraction, model: EventModel, lexicon: Lexicon | None = None) -> Extraction:
    """``extraction`` with the model's events that no rule event of the same sentence already gives."""
    seen = {(ev.sentence, ev.event_type, _key(ev.agent), _key(ev.target)) for ev in extraction.events}
    seen_words = {(ev.sentence, ev.trigger_word) for ev in extraction.events}
    added = [
        ev
        for ev in model.events(extraction, lexicon)
        if (ev.sentence, ev.event_type, _key(ev.agent), _key(ev.target)) not in seen
        and (ev.sentence, ev.trigger_word) not in seen_words
    ]
    added = list(without_press(tuple(added), lexicon or get_lexicon()))  # the article-level filters hold for it too
    first = 1 + max((ev.number for ev in extraction.events if ev.number is not None), default=-1)
    numbered = tuple(replace(ev, number=first + k) for k, ev in enumerate(added))  # after the rules' events
    return replace(extraction, events=extraction.events + numbered)


def _key(part: Participant | None) -> str | None:
    if part is None:
        return None
    return normalize_name(part.mention.text) if part.mention is not None else normalize_name(part.text)


# -- training --------------------------------------------------------------------------------------


def _offset_map(raw: str, normalised: str) -> list[int | None]:
    """For each character of ``raw``, its offset in ``normalised`` (None where the reader dropped it)."""
    out: list[int | None] = [None] * (len(raw) + 1)
    matcher = difflib.SequenceMatcher(None, raw, normalised, autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            out[block.a + k] = block.b + k
    return out


def _word_at(doc: ParsedDoc, start: int, end: int) -> tuple[Sentence, Word] | None:
    """The syntactic head of the words of ``doc`` between two character offsets of its text."""
    for sentence in doc.sentences:
        if sentence.end_char <= start or sentence.start_char >= end:
            continue
        words = [w for w in sentence.words if w.start_char < end and w.end_char > start]
        if not words:
            continue
        ids = {w.id for w in words}
        head = next((w for w in words if w.head not in ids), words[0])
        return sentence, head
    return None


def training_instances(
    annotations: Iterable[dict[str, Any]], docs: dict[str, ParsedDoc], texts: dict[str, str], lex: Lexicon
) -> tuple[list[list[str]], list[str], list[list[str]], list[str]]:
    """Trigger rows and labels, argument rows and labels, from annotated articles and kg's parses of them."""
    from kg.coref import Resolver
    from kg.extract import extract

    trig_rows: list[list[str]] = []
    trig_labels: list[str] = []
    arg_rows: list[list[str]] = []
    arg_labels: list[str] = []
    for data in annotations:
        doc = docs.get(str(data["article"]))
        if doc is None:
            continue
        mapping = _offset_map(texts[str(data["article"])], doc.article.text)

        def moved(start: int, end: int, mapping: list[int | None] = mapping) -> tuple[int, int] | None:
            inside = [k for k in (mapping[i] for i in range(start, end)) if k is not None]
            return (min(inside), max(inside) + 1) if inside else None

        spans: dict[str, list[tuple[int, int]]] = {}
        for actor in data.get("actors", []):
            spans[actor["id"]] = [s for s in (moved(a, b) for a, b in actor.get("mentions", [])) if s]
        labelled: dict[tuple[int, int], str] = {}
        roles: dict[tuple[int, int], dict[str, set[str]]] = {}
        for event in data.get("events", []):
            span = moved(*event["trigger"])
            found = _word_at(doc, *span) if span else None
            if found is None:
                continue
            sentence, word = found
            labelled[(sentence.index, word.id)] = event["type"]
            slot = roles.setdefault((sentence.index, word.id), {AGENT: set(), TARGET: set()})
            slot[AGENT].update(event.get("agent") or [])
            slot[TARGET].update(event.get("target") or [])
        extraction = extract(doc, lex)
        resolver = Resolver(extraction, lex)
        for sentence, candidates in trigger_words(extraction):
            arguments: list[Candidate] | None = None
            for word in candidates:
                label = labelled.get((sentence.index, word.id), NONE)
                trig_rows.append(trigger_features(sentence, word, lex))
                trig_labels.append(label)
                if label == NONE:
                    continue
                if arguments is None:
                    arguments = sentence_candidates(extraction, sentence, resolver, lex)
                slot = roles[(sentence.index, word.id)]
                for c in _besides(arguments, word):
                    m = c.mention
                    words = extraction.doc.sentences[m.sentence].words
                    first, last = words[m.start].start_char, words[m.end - 1].end_char
                    role = (
                        AGENT
                        if _names_span(spans, slot[AGENT], first, last)
                        else TARGET
                        if _names_span(spans, slot[TARGET], first, last)
                        else NONE
                    )
                    arg_rows.append(argument_features(sentence, word, label, c))
                    arg_labels.append(role)
    return trig_rows, trig_labels, arg_rows, arg_labels


def _names_span(spans: dict[str, list[tuple[int, int]]], actors: set[str], first: int, last: int) -> bool:
    """Whether one of ``actors`` has a mention overlapping the characters ``first`` to ``last``."""
    return any(a < last and b > first for actor in actors for a, b in spans.get(actor, []))


def read_annotations(folder: Path) -> list[dict[str, Any]]:
    """The annotated articles of a split of the event corpus (an error when it holds none)."""
    from kg.event_corpus import annotation_files

    return [json.loads(path.read_text(encoding="utf-8")) for path in annotation_files(folder)]


def train_event_model(
    annotations: list[dict[str, Any]], docs: dict[str, ParsedDoc], texts: dict[str, str], lexicon: Lexicon | None = None,
    c_trigger: float = 0.5, c_argument: float = 0.5,
) -> EventModel:  # fmt: skip
    """Fit the trigger and argument classifiers on annotated articles (``docs``: kg's parses of them)."""
    lex = lexicon or get_lexicon()
    trig_rows, trig_labels, arg_rows, arg_labels = training_instances(annotations, docs, texts, lex)
    if not arg_rows:
        raise ModelError("No annotated event could be aligned with the parses: check the corpus and the texts.")
    return EventModel(_fit(trig_rows, trig_labels, c_trigger), _fit(arg_rows, arg_labels, c_argument))


def parse_articles(
    ids: Sequence[str], corpus: Path, parser: Any, cache: Any = None
) -> tuple[dict[str, ParsedDoc], dict[str, str]]:
    """kg's parses of the corpus articles ``ids`` (read as ``kg build`` reads them; from ``cache``, a
    ``kg.cache.ParseCache``, where it has them), and their raw texts."""
    from kg.articles import read_articles
    from kg.document import Article
    from kg.event_scorer import parses_of
    from kg.quote_eval import read_corpus_texts

    texts = read_corpus_texts(corpus, set(ids))  # the raw texts the offsets point into; every id must be there
    articles = [a for a in read_articles([corpus]) if isinstance(a, Article) and a.id in texts]
    return {doc.article.id: doc for doc in parses_of(articles, cache, parser)}, texts


def compare(
    model: EventModel, folder: Path, docs: dict[str, ParsedDoc], texts: dict[str, str], lexicon: Lexicon | None = None
) -> dict[str, Any]:
    """Event scores of the rules alone, the model alone and the hybrid on one split of the corpus."""
    from kg.actors import resolve_actors
    from kg.evaluate import evaluate_graph
    from kg.event_corpus import load_event_corpus
    from kg.extract import extract
    from kg.mapper import map_corpus

    lex = lexicon or get_lexicon()
    gold = load_event_corpus(folder, texts, lex)
    rules = [extract(docs[a], lex) for a in gold["articles"] if a in docs]
    runs = {
        "rules": rules,
        "model": [replace(ex, events=tuple(model.events(ex, lex))) for ex in rules],
        "hybrid": [hybrid(ex, model, lex) for ex in rules],
    }
    out: dict[str, Any] = {}
    for name, extractions in runs.items():
        scores = evaluate_graph(gold, map_corpus(extractions, resolve_actors(extractions, lex), lex))
        out[name] = scores.events.as_dict() | {"negative_asserted": len(scores.negative_asserted)}
    return out
