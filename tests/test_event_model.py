"""The learned event classifiers (``kg.event_model``) on hand-made parses and a hand-made annotation."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from helpers import article_text, conllu

from kg.document import Article, ParsedDoc
from kg.errors import ModelError
from kg.event_model import EventModel, LinearModel, hybrid, train_event_model, trigger_features
from kg.extract import extract
from kg.lexicon import get_lexicon

Parse = Callable[..., ParsedDoc]

# invented sentences: one verb kg's lexicon does not list ("menyomasi": to send a legal warning)
SUED = """
    # text = Partai Hijau menyomasi Komisi Pemilihan.
    1 Partai Partai PROPN _ _ 3 nsubj _ ner=B-ORG
    2 Hijau Hijau PROPN _ _ 1 flat:name _ ner=E-ORG
    3 menyomasi somasi VERB _ _ 0 root _ ner=O
    4 Komisi Komisi PROPN _ _ 3 obj _ ner=B-ORG
    5 Pemilihan Pemilihan PROPN _ _ 4 flat:name _ ner=E-ORG
    6 . . PUNCT _ _ 3 punct _ ner=O

    # text = Partai Biru berdiri di Jakarta.
    1 Partai Partai PROPN _ _ 3 nsubj _ ner=B-ORG
    2 Biru Biru PROPN _ _ 1 flat:name _ ner=E-ORG
    3 berdiri diri VERB _ _ 0 root _ ner=O
    4 di di ADP _ _ 5 case _ ner=O
    5 Jakarta Jakarta PROPN _ _ 3 obl _ ner=S-LOC
    6 . . PUNCT _ _ 3 punct _ ner=O
"""


def _annotation(text: str, aid: str) -> dict[str, object]:
    def at(words: str) -> list[int]:
        start = text.index(words)
        return [start, start + len(words)]

    return {
        "article": aid,
        "actors": [
            {"id": "hijau", "type": "Organization", "name": "Partai Hijau", "mentions": [at("Partai Hijau")]},
            {"id": "komisi", "type": "Organization", "name": "Komisi Pemilihan", "mentions": [at("Komisi Pemilihan")]},
        ],
        "events": [
            {
                "id": "e1",
                "type": "Accuse",
                "trigger": at("menyomasi"),
                "agent": ["hijau"],
                "target": ["komisi"],
                "modality": "asserted",
            }
        ],
    }


@pytest.fixture
def trained(parse: Parse) -> tuple[EventModel, ParsedDoc]:
    text = article_text(conllu(SUED))
    docs = {f"a{n}": parse(SUED, Article(f"a{n}", text)) for n in range(3)}
    annotations = [_annotation(text, aid) for aid in docs]
    model = train_event_model(annotations, docs, {aid: text for aid in docs}, c_trigger=10.0, c_argument=10.0)
    return model, docs["a0"]


def test_event_model_learns_a_trigger_the_lexicon_lacks(trained: tuple[EventModel, ParsedDoc]) -> None:
    model, doc = trained
    events = model.events(extract(doc))
    assert [(e.event_type, e.agent.mention.text, e.target.mention.text, e.rule) for e in events] == [  # type: ignore[union-attr]
        ("Accuse", "Partai Hijau", "Komisi Pemilihan", "model")
    ]
    assert not [e for e in extract(doc).events if e.trigger == "menyomasi"]  # the rules alone miss it
    assert [e.trigger for e in hybrid(extract(doc), model).events] == ["menyomasi"]


def test_event_model_round_trips_through_its_file(trained: tuple[EventModel, ParsedDoc], tmp_path: Path) -> None:
    model, doc = trained
    path = tmp_path / "events" / "kg.npz"
    model.save(path)
    loaded = EventModel.load(path)
    row = [trigger_features(doc.sentences[0], doc.sentences[0].word(3), get_lexicon())]
    assert np.allclose(loaded.triggers.probabilities(row), model.triggers.probabilities(row), atol=1e-2)
    assert loaded.events(extract(doc)) == model.events(extract(doc))


def test_event_model_missing_file_says_how_to_train(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="kg models train --processor events"):
        EventModel.load(tmp_path / "none.npz")


def test_event_model_unknown_features_are_ignored() -> None:
    model = LinearModel(("O", "Meet"), {"w=bertemu": 0}, np.array([[0.0, 4.0]], dtype=np.float32), np.zeros(2, np.float32))
    probs = model.probabilities([["w=bertemu"], ["w=tidur", "x=y"]])
    assert probs[0, 1] > 0.9 and probs[1, 1] == pytest.approx(0.5)


PRONOUN = """
    # text = Ahmad Zaki hadir.
    1 Ahmad Ahmad PROPN _ _ 3 nsubj _ ner=B-PER
    2 Zaki Zaki PROPN _ _ 1 flat:name _ ner=E-PER
    3 hadir hadir VERB _ _ 0 root _ ner=O
    4 . . PUNCT _ _ 3 punct _ ner=O

    # text = Dia menyomasi Komisi Pemilihan.
    1 Dia dia PRON _ _ 2 nsubj _ ner=O
    2 menyomasi somasi VERB _ _ 0 root _ ner=O
    3 Komisi Komisi PROPN _ _ 2 obj _ ner=B-ORG
    4 Pemilihan Pemilihan PROPN _ _ 3 flat:name _ ner=E-ORG
    5 . . PUNCT _ _ 2 punct _ ner=O
"""


def test_event_model_candidates_are_the_actors_words_stand_for(parse: Parse) -> None:
    """An argument candidate is a named mention or a word the rules' coreference resolves: "Dia" is Ahmad Zaki."""
    from kg.coref import Resolver
    from kg.event_model import sentence_candidates

    extraction = extract(parse(PRONOUN, Article("a", article_text(conllu(PRONOUN)))))
    lex = get_lexicon()
    found = sentence_candidates(extraction, extraction.doc.sentences[1], Resolver(extraction, lex), lex)
    assert [(c.word.text, c.mention.text, c.how) for c in found] == [
        ("Komisi", "Komisi Pemilihan", "named"),
        ("Dia", "Ahmad Zaki", "pronoun"),
    ]
