"""The event scorer (``kg.event_scorer``) on hand-made extractions, hand-made scorers and the fixture corpus."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from helpers import FakeParser, corpus_conllu

import kg.event_scorer as es
from kg.build import BuildResult, BuildSettings, build, write_outputs
from kg.document import ParsedDoc
from kg.errors import InputError, ModelError
from kg.event_scorer import (
    EventScorer,
    EventScoring,
    TrainingSet,
    event_features,
    expected_calibration_error,
    score_extraction,
    train_event_scorer,
)
from kg.extract import extract
from kg.lexicon import get_lexicon
from kg.types import EventMention, Extraction, Mention, Participant

Parse = Callable[..., ParsedDoc]

SAID = """
    # text = Ia mengatakan Menteri Retno bertemu Wang Yi.
    1 Ia ia PRON _ _ 2 nsubj _ ner=O
    2 mengatakan kata VERB _ _ 0 root _ ner=O
    3 Menteri menteri NOUN _ _ 5 nsubj _ ner=O
    4 Retno Retno PROPN _ _ 3 flat:name _ ner=S-PER
    5 bertemu temu VERB _ _ 2 ccomp _ ner=O
    6 Wang Wang PROPN _ _ 5 obj _ ner=B-PER
    7 Yi Yi PROPN _ _ 6 flat:name _ ner=E-PER
    8 . . PUNCT _ _ 2 punct _ ner=O
"""


def _extraction(parse: Parse) -> Extraction:
    doc = parse(SAID)
    retno = Mention(0, 3, 4, "Retno", "Person", 2)
    wang = Mention(0, 5, 7, "Wang Yi", "Person", 5)
    said = EventMention(0, "Statement", "mengatakan", 2, Participant(retno, "Ia", 1), None, rule="statement+pronoun")
    met = EventMention(0, "Meet", "bertemu", 5, Participant(retno, "Retno", 4), Participant(wang, "Wang Yi", 6), rule="verb")
    planned = replace(met, modality="future")
    return Extraction(doc, (retno, wang), (said, met, planned))


def _scorer(weights: dict[str, float], bias: float = 0.0, threshold: float = 0.5) -> EventScorer:
    """A logistic scorer with the given feature weights and an identity Platt calibration."""
    vocabulary = {name: i for i, name in enumerate(weights)}
    return EventScorer(
        "logistic",
        vocabulary,
        bias,
        "platt",
        np.array([1.0, 0.0]),
        np.zeros(0),
        threshold,
        weights=np.array(list(weights.values()), np.float32),
    )


def test_event_scorer_features_name_each_rule_of_the_chain(parse: Parse) -> None:
    ex = _extraction(parse)
    feats = event_features(ex, ex.events[0])
    assert {"base=statement", "rule=pronoun", "chain=statement+pronoun", "t=Statement"} <= set(feats)
    assert "agent.via=ia" in feats  # the speaker was named through the pronoun "Ia"
    assert "target=none" in feats
    meet = event_features(ex, ex.events[1])
    assert {"base=verb", "lemma=temu", "agent.kind=Person", "kinds=Person>Person", "modifiers=<=0"} <= set(meet)
    assert not [f for f in meet if f.startswith("agent.via")]


def test_event_scorer_drops_asserted_events_under_the_threshold(parse: Parse) -> None:
    ex = _extraction(parse)
    scorer = _scorer({"rule=pronoun": -4.0}, bias=2.0)  # pronoun-resolved events: p = 0.12, others 0.88
    scored = score_extraction(ex, scorer)
    assert [(e.event_type, e.modality, e.confidence) for e in scored.events] == [
        ("Meet", "asserted", pytest.approx(0.881, abs=1e-3)),
        ("Meet", "future", None),  # only asserted events are scored, and never dropped
    ]
    assert [(e.event_type, e.confidence) for e in scored.dropped_events] == [("Statement", pytest.approx(0.119, abs=1e-3))]
    assert len(score_extraction(ex, scorer, threshold=0.1).events) == 3
    assert len(score_extraction(ex, scorer, threshold=0.95).dropped_events) == 2


@pytest.mark.parametrize("kind", ["logistic", "boosted"])
def test_event_scorer_trains_and_round_trips_through_its_file(kind: str, tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    rows, labels, groups = [], [], []
    for n in range(200):  # "rule=bad" events are wrong four times in five, the others right four times in five
        bad = n % 2 == 0
        right = bool(rng.random() < (0.2 if bad else 0.8))
        rows.append(["base=verb", "rule=bad" if bad else "rule=good", f"noise={n % 7}"])
        labels.append(right)
        groups.append(f"a{n % 10}")
    data = TrainingSet(rows, labels, groups, [(0, n) for n in range(200)])
    scorer = train_event_scorer(data, kind, "platt", threshold=0.4)
    bad, good = scorer.probabilities([["base=verb", "rule=bad"], ["base=verb", "rule=good"]])
    assert bad < 0.4 < good
    assert 0.1 < bad < 0.35 and 0.65 < good < 0.9  # calibrated near the true rates
    path = tmp_path / "events" / "scorer.npz"
    scorer.save(path)
    loaded = EventScorer.load(path)
    assert loaded.kind == kind and loaded.threshold == 0.4
    assert np.allclose(loaded.probabilities(rows[:20]), scorer.probabilities(rows[:20]), atol=1e-4)


def test_event_scorer_isotonic_calibration_is_monotone() -> None:
    rows = [["x"] if n % 3 else ["y"] for n in range(90)]
    data = TrainingSet(rows, [n % 3 != 0 for n in range(90)], [f"a{n % 6}" for n in range(90)], [])
    scorer = train_event_scorer(data, "logistic", "isotonic")
    low, high = scorer.probabilities([["y"], ["x"]])
    assert scorer.calibration == "isotonic" and low < high


def test_event_scorer_unreadable_file_is_a_model_error(tmp_path: Path) -> None:
    bad = tmp_path / "scorer.npz"
    bad.write_bytes(b"not a zip")
    with pytest.raises(ModelError, match="cannot be read"):
        EventScorer.load(bad)
    with pytest.raises(ModelError, match="cannot be read"):
        EventScoring(str(bad)).describe()
    with pytest.raises(ModelError, match="No event scorer"):
        EventScoring(str(tmp_path / "none.npz")).scorer()


def test_event_scoring_checks_its_threshold() -> None:
    with pytest.raises(InputError, match="between 0 and 1"):
        EventScoring("shipped", 1.5)
    with pytest.raises(InputError, match="leave out --no-event-model"):
        EventScoring(None, 0.5)


def test_event_scoring_without_a_shipped_scorer_says_so(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(es, "SHIPPED_SCORER", tmp_path / "absent.npz")
    assert EventScoring().scorer() is None
    described = EventScoring().describe()
    assert {k: v for k, v in described.items() if k != "proposer"} == {
        "used": False,
        "reason": f"no event scorer shipped at {tmp_path / 'absent.npz'}",
    }
    with pytest.raises(ModelError, match="ships none"):
        EventScoring("shipped", 0.5).scorer()  # a threshold with nothing to apply it: no silent fallback


def test_expected_calibration_error_of_a_calibrated_scorer_is_small() -> None:
    rng = np.random.default_rng(1)
    probs = rng.random(20000)
    labels = list(rng.random(20000) < probs)
    assert expected_calibration_error(probs, labels) < 0.02
    assert expected_calibration_error(np.full(1000, 0.9), [n % 2 == 0 for n in range(1000)]) == pytest.approx(0.4)


def _build(corpus_dir: Path, settings: BuildSettings) -> BuildResult:
    return build([corpus_dir], replace(settings, validate=False), parser=FakeParser(corpus_conllu()))


def test_build_event_threshold_drops_events_and_reports_it(corpus_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "scorer.npz"
    _scorer({"base=statement": 3.0}, bias=-1.0, threshold=0.5).save(path)  # statements 0.88, all else 0.27
    rules = _build(corpus_dir, BuildSettings(event_model=None))
    asserted = {r.id: r.asserted_events for r in rules.reports}
    result = _build(corpus_dir, BuildSettings(event_model=str(path)))
    report = result.report_dict()
    scorer = report["event_scorer"]
    assert isinstance(scorer, dict) and scorer["used"] is True and scorer["threshold"] == 0.5
    statements = sum(e.event_type == "Statement" for ex in rules.extractions for e in ex.events if e.modality == "asserted")
    dropped = sum(r.dropped_events for r in result.reports)
    assert dropped > 0 and scorer["dropped"] == dropped == report["totals"]["dropped_events"]  # type: ignore[index]
    assert sum(r.asserted_events for r in result.reports) <= statements < sum(asserted.values())
    confidences = {str(o) for o in result.graph.objects(None, es_confidence())}
    assert "0.881" in confidences and "0.269" not in confidences  # other modalities keep their rule's confidence
    keep_all = _build(corpus_dir, BuildSettings(event_model=str(path), event_threshold=0.0))
    assert sum(r.dropped_events for r in keep_all.reports) == 0
    assert {r.id: r.asserted_events for r in keep_all.reports} == asserted


def test_build_without_the_scorer_is_the_rules_alone(corpus_dir: Path, tmp_path: Path) -> None:
    result = _build(corpus_dir, BuildSettings(event_model=None))
    assert result.report_dict()["event_scorer"] == {
        "used": False,
        "reason": "--no-event-model",
        "proposer": {"used": False, "reason": "--no-event-model"},
        "dropped": 0,
    }
    confidences = {str(o) for o in result.graph.objects(None, es_confidence())}
    rule_precisions = {f"{float(c):g}" for c in get_lexicon().confidence.values()}
    assert confidences and confidences <= rule_precisions  # the rules' measured precisions, as before the scorer
    write_outputs(result, tmp_path)
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["settings"]["event_model"] is None and report["event_scorer"]["used"] is False


def test_build_with_a_corrupt_scorer_fails_before_parsing(corpus_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "scorer.npz"
    bad.write_text("garbage", encoding="utf-8")
    parser = FakeParser(corpus_conllu())
    with pytest.raises(ModelError, match="cannot be read"):
        build([corpus_dir], BuildSettings(event_model=str(bad), validate=False), parser=parser)
    assert parser.calls == []


def es_confidence() -> object:
    from kg.namespace import KG

    return KG.confidence


def test_choose_threshold_keeps_the_floors(built: BuildResult) -> None:
    extractions = list(built.extractions)
    gold = {"articles": [ex.doc.article.id for ex in extractions], "actors": [], "events": []}
    scorer = _scorer({"base=statement": 3.0}, bias=-1.0)
    # nothing is right against an empty gold: every threshold ties at F1 0, the highest wins
    assert es.choose_threshold(scorer, extractions, gold, (0.0, 0.5, 0.9))[0] == 0.9
    unreachable = es.Floor("impossible", extractions, gold, 1.01)
    threshold, sweep = es.choose_threshold(scorer, extractions, gold, (0.0, 0.5, 0.9), floors=[unreachable])
    assert threshold == 0.0 and [row["breaks"] for row in sweep] == [[], ["impossible"], ["impossible"]]


def test_event_proposer_adds_the_events_the_rules_lack_and_says_so(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, parse: Callable[..., ParsedDoc]
) -> None:
    """The proposer's events are added before scoring; report.json names its file; a missing or unreadable proposer
    file asked for is a ModelError saying what to do; --no-event-proposer, --disable-rule model and --no-event-model
    (the rules alone) leave it out, and say which did; a news outlet stays no party of its events."""
    from kg.event_model import EventModel, LinearModel

    text = """
        # text = Partai Hijau menyomasi Komisi Pemilihan.
        1 Partai Partai PROPN _ _ 3 nsubj _ ner=B-ORG
        2 Hijau Hijau PROPN _ _ 1 flat:name _ ner=E-ORG
        3 menyomasi somasi VERB _ _ 0 root _ ner=O
        4 Komisi Komisi PROPN _ _ 3 obj _ ner=B-ORG
        5 Pemilihan Pemilihan PROPN _ _ 4 flat:name _ ner=E-ORG
        6 . . PUNCT _ _ 3 punct _ ner=O

        # text = Reuters menyomasi Komisi Pemilihan.
        1 Reuters Reuters PROPN _ _ 2 nsubj _ ner=S-ORG
        2 menyomasi somasi VERB _ _ 0 root _ ner=O
        3 Komisi Komisi PROPN _ _ 2 obj _ ner=B-ORG
        4 Pemilihan Pemilihan PROPN _ _ 3 flat:name _ ner=E-ORG
        5 . . PUNCT _ _ 2 punct _ ner=O
    """
    triggers = LinearModel(("O", "Accuse"), {"w=menyomasi": 0}, np.array([[0.0, 6.0]], dtype=np.float32), np.zeros(2, np.float32))
    arguments = LinearModel(
        ("O", "agent", "target"),
        {"o=before": 0, "o=after": 1},
        np.array([[0.0, 6.0, -6.0], [0.0, -6.0, 6.0]], dtype=np.float32),
        np.zeros(3, np.float32),
    )
    path = tmp_path / "proposer.npz"
    EventModel(triggers, arguments, 0.5, 0.5).save(path)
    monkeypatch.setattr(es, "SHIPPED_SCORER", tmp_path / "no-scorer.npz")  # the proposer alone, no scorer to drop
    extraction = extract(parse(text))
    assert extraction.events == ()  # the rules know no "menyomasi"
    proposing = EventScoring("shipped", None, str(path))
    assert [(e.event_type, _text(e.agent), _text(e.target), e.rule) for e in proposing.apply(extraction).events] == [
        ("Accuse", "Partai Hijau", "Komisi Pemilihan", "model")  # not Reuters's: an outlet is no doer
    ]
    assert proposing.describe()["proposer"]["model"] == str(path)
    assert proposing.apply(extraction, frozenset({"model"})).events == ()
    assert proposing.describe(frozenset({"model"}))["proposer"] == {"used": False, "reason": "--disable-rule model"}
    assert EventScoring("shipped", None, None).apply(extraction).events == ()
    assert EventScoring("shipped", None, None).describe()["proposer"] == {"used": False, "reason": "--no-event-proposer"}
    assert EventScoring(None, None, str(path)).apply(extraction).events == ()  # the rules alone
    assert EventScoring(None, None, str(path)).describe()["proposer"] == {"used": False, "reason": "--no-event-model"}
    with pytest.raises(ModelError, match="--no-event-proposer"):
        EventScoring("shipped", None, str(tmp_path / "absent.npz")).proposer_model()
    (tmp_path / "bad.npz").write_bytes(b"not a model")
    with pytest.raises(ModelError, match=r"Cannot read the event model .* --no-event-proposer"):
        EventScoring("shipped", None, str(tmp_path / "bad.npz")).proposer_model()
    monkeypatch.setattr("kg.event_model.SHIPPED_PROPOSER", tmp_path / "absent.npz")
    assert EventScoring().describe()["proposer"] == {
        "used": False,
        "reason": f"no event model shipped at {tmp_path / 'absent.npz'}",
    }


def _text(part: Participant | None) -> str | None:
    return part.mention.text if part is not None and part.mention is not None else None
