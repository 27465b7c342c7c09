"""The event corpus (``tests/gold/events``) as a gold for ``kg evaluate``, and what its guide defines."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import article_text, conllu

from kg.actors import resolve_actors
from kg.document import Article, ParsedDoc
from kg.errors import EvaluationError
from kg.evaluate import evaluate_graph
from kg.event_corpus import agreement, article_ids, format_agreement, load_event_corpus
from kg.extract import extract
from kg.lexicon import get_lexicon
from kg.mapper import map_corpus

Parse = Callable[..., ParsedDoc]

DEMAND = """
    # text = Mereka meminta agar Qatar memutuskan hubungan dengan Iran dan mengusir Hamas.
    1 Mereka mereka PRON _ _ 2 nsubj _ ner=O
    2 meminta minta VERB _ _ 0 root _ ner=O
    3 agar agar SCONJ _ _ 5 mark _ ner=O
    4 Qatar Qatar PROPN _ _ 5 nsubj _ ner=S-LOC
    5 memutuskan putus VERB _ _ 2 ccomp _ ner=O
    6 hubungan hubung NOUN _ _ 5 obj _ ner=O
    7 dengan dengan ADP _ _ 8 case _ ner=O
    8 Iran Iran PROPN _ _ 5 obl _ ner=S-LOC
    9 dan dan CCONJ _ _ 10 cc _ ner=O
    10 mengusir usir VERB _ _ 5 conj _ ner=O
    11 Hamas Hamas PROPN _ _ 10 obj _ ner=S-ORG
    12 . . PUNCT _ _ 2 punct _ ner=O

    # text = Arab Saudi memutuskan hubungan dengan Qatar.
    1 Arab Arab PROPN _ _ 3 nsubj _ ner=B-LOC
    2 Saudi Saudi PROPN _ _ 1 flat:name _ ner=E-LOC
    3 memutuskan putus VERB _ _ 0 root _ ner=O
    4 hubungan hubung NOUN _ _ 3 obj _ ner=O
    5 dengan dengan ADP _ _ 6 case _ ner=O
    6 Qatar Qatar PROPN _ _ 3 obl _ ner=S-LOC
    7 . . PUNCT _ _ 3 punct _ ner=O
"""


def test_event_corpus_new_plover_types_are_in_the_ontology() -> None:
    types = get_lexicon().event_types
    for name, plover in [("Sanction", "SANCTION"), ("Mobilize", "MOBILIZE"), ("Coerce", "COERCE"), ("Retreat", "RETREAT"),
                         ("Concede", "CONCEDE"), ("Assault", "ASSAULT")]:  # fmt: skip
        assert types[name].plover == plover and types[name].cameo and types[name].quad_class


def test_event_corpus_demanded_events_are_not_asserted(parse: Parse) -> None:
    events = {(ev.event_type, ev.target.text if ev.target else None): ev.modality for ev in extract(parse(DEMAND)).events}
    assert events[("Sanction", "Iran")] == "demanded"
    assert events[("Coerce", "Hamas")] == "demanded"  # a conjunct shares the subordinator "agar"
    assert events[("Sanction", "Qatar")] == "asserted"


def _corpus(tmp_path: Path, doc: ParsedDoc) -> tuple[Path, dict[str, str]]:
    text = doc.article.text
    folder = tmp_path / "dev"
    folder.mkdir()

    def at(words: str, after: int = 0) -> list[int]:
        start = text.index(words, after)
        return [start, start + len(words)]

    second = text.index("Arab Saudi")
    annotation = {
        "article": doc.article.id,
        "split": "dev",
        "actors": [
            {"id": "qatar", "type": "Country", "name": "Qatar", "aliases": ["Qatar"], "mentions": [at("Qatar")]},
            {"id": "iran", "type": "Country", "name": "Iran", "aliases": [], "mentions": [at("Iran")]},
            {"id": "saudi", "type": "Country", "name": "Arab Saudi", "aliases": [], "mentions": [at("Arab Saudi")]},
        ],
        "events": [
            {
                "id": "e1",
                "type": "Sanction",
                "trigger": at("memutuskan hubungan"),
                "agent": ["qatar"],
                "target": ["iran"],
                "modality": "demanded",
            },
            {
                "id": "e2",
                "type": "Sanction",
                "trigger": at("memutuskan hubungan", second),
                "agent": ["saudi"],
                "target": ["qatar"],
                "modality": "asserted",
            },
        ],
    }
    (folder / f"{doc.article.id}.json").write_text(json.dumps(annotation), encoding="utf-8")
    return folder, {doc.article.id: text}


def test_event_corpus_is_scored_by_kg_evaluate(parse: Parse, tmp_path: Path) -> None:
    doc = parse(DEMAND, Article("teluk", article_text(conllu(DEMAND))))
    folder, texts = _corpus(tmp_path, doc)
    assert article_ids(folder) == ["teluk"]
    gold = load_event_corpus(folder, texts)
    assert [e["type"] for e in gold["events"]] == ["Sanction"] and gold["negative_events"][0]["modality"] == "demanded"
    ex = extract(doc)
    scores = evaluate_graph(gold, map_corpus([ex], resolve_actors([ex])))
    assert (scores.events.tp, scores.events.fn) == (1, 0)
    assert scores.negative_asserted == []


def test_event_corpus_needs_the_texts(parse: Parse, tmp_path: Path) -> None:
    folder, _ = _corpus(tmp_path, parse(DEMAND, Article("teluk", article_text(conllu(DEMAND)))))
    with pytest.raises(EvaluationError, match="--corpus"):
        load_event_corpus(folder, {})


def test_event_corpus_agreement_matches_events_through_shared_names(parse: Parse, tmp_path: Path) -> None:
    doc = parse(DEMAND, Article("teluk", article_text(conllu(DEMAND))))
    first, texts = _corpus(tmp_path, doc)
    data = json.loads((first / "teluk.json").read_text(encoding="utf-8"))
    second = tmp_path / "double"
    second.mkdir()
    # the other annotator names the actors differently (ids), finds the same Sanction, and adds a Statement
    for actor in data["actors"]:
        actor["id"] = "x_" + actor["id"]
    for event in data["events"]:
        event["agent"] = ["x_" + a for a in event["agent"]]
        event["target"] = ["x_" + t for t in event["target"]]
    data["events"].append({"id": "e3", "type": "Statement", "trigger": [0, 6], "agent": ["x_saudi"], "modality": "asserted"})
    (second / "teluk.json").write_text(json.dumps(data), encoding="utf-8")
    result = agreement(first, second, texts)
    assert result.by_type == {"Sanction": [1, 0, 0], "Statement": [0, 0, 1]}
    assert result.total() == (1, 0, 1) and result.articles == 1
    assert "all                1     0     1  0.667" in format_agreement(result)


def test_event_corpus_one_person_named_with_and_without_titles_in_two_articles_is_one_gold_actor(tmp_path: Path) -> None:
    """ "Kapolri Jenderal Tito Karnavian" / "Tito" in one article, "Tito Karnavian" in another: kg's graph makes
    them one node, so the gold must too (else the node maps to one article's actor and the other's edges miss)."""
    folder = tmp_path / "dev"
    folder.mkdir()
    texts = {"a": "Kapolri Jenderal Tito Karnavian hadir. Tito diam.", "b": "Tito Karnavian hadir."}
    people = {"a": ("Kapolri Jenderal Tito Karnavian", [[0, 31], [39, 43]]), "b": ("Tito Karnavian", [[0, 14]])}
    for aid, (name, mentions) in people.items():
        actor = {"id": "tito", "type": "Person", "name": name, "aliases": [name], "mentions": mentions}
        annotation = {"article": aid, "split": "dev", "actors": [actor], "events": []}
        (folder / f"{aid}.json").write_text(json.dumps(annotation), encoding="utf-8")
    gold = load_event_corpus(folder, texts)
    assert len(gold["actors"]) == 1


def test_event_corpus_person_named_only_with_a_title_matches_kg_node_without_it(tmp_path: Path) -> None:
    """The gold's "AKBP Budiyanto" is kg's node "Budiyanto" (kg keeps titles as roles), so the bare name is an
    alias; an organisation's name keeps its words ("Ketua" is not stripped from a non-person)."""
    folder = tmp_path / "dev"
    folder.mkdir()
    text = "AKBP Budiyanto hadir di Komisi Ketua."
    actors = [
        {"id": "budi", "type": "Person", "name": "AKBP Budiyanto", "mentions": [[0, 14]]},
        {"id": "komisi", "type": "Organization", "name": "Komisi Ketua", "mentions": [[24, 36]]},
    ]
    annotation = {"article": "a", "split": "dev", "actors": actors, "events": []}
    (folder / "a.json").write_text(json.dumps(annotation), encoding="utf-8")
    aliases = {a["type"]: set(a["aliases"]) for a in load_event_corpus(folder, {"a": text})["actors"]}
    assert aliases["Person"] == {"AKBP Budiyanto", "Budiyanto"}
    assert aliases["Organization"] == {"Komisi Ketua"}


def test_event_corpus_links_articles_by_proper_names_only(tmp_path: Path) -> None:
    """Two articles' actors are one gold actor when they share a proper name ("Andi Agustinus", "KPK"), not when
    they share a common noun ("Penyidik", "pemerintah") or a short form ("Andi" beside "Andi Agustinus" in one
    article, "AKBP Andi Dady" in the other): those are different actors."""
    folder = tmp_path / "dev"
    folder.mkdir()
    actors = {
        "a": [
            {"id": "andi", "type": "Person", "name": "Andi Agustinus", "aliases": ["Andi"]},
            {"id": "kpk", "type": "Organization", "name": "KPK", "aliases": ["Penyidik", "Pimpinan KPK", "Pimpinan"]},
            {"id": "ri", "type": "Country", "name": "Indonesia", "aliases": ["pemerintah"]},
        ],
        "b": [
            {"id": "dady", "type": "Person", "name": "AKBP Andi Dady", "aliases": ["Andi"]},
            {"id": "polri", "type": "Organization", "name": "Polri", "aliases": ["Penyidik", "Pimpinan"]},
            {"id": "as", "type": "Country", "name": "Amerika Serikat", "aliases": ["pemerintah"]},
        ],
        "c": [
            {"id": "aa", "type": "Person", "name": "Andi Agustinus", "aliases": ["AA"]},
            {"id": "kpk", "type": "Organization", "name": "Komisi Pemberantasan Korupsi", "aliases": ["KPK"]},
        ],
    }
    for aid, listed in actors.items():
        annotation = {"article": aid, "split": "dev", "actors": listed, "events": []}
        (folder / f"{aid}.json").write_text(json.dumps(annotation), encoding="utf-8")
    gold = load_event_corpus(folder, dict.fromkeys(actors, "teks"))
    groups = sorted(sorted(a["aliases"]) for a in gold["actors"])
    assert len(gold["actors"]) == 6  # Andi Agustinus and KPK each link a and c; nothing links b to a
    assert ["AA", "Andi", "Andi Agustinus"] in groups
    assert ["AKBP Andi Dady", "Andi", "Andi Dady"] in groups


def test_event_corpus_a_name_beside_itself_with_titles_is_no_short_form(tmp_path: Path) -> None:
    """ "Rikwanto" beside "Brigadir Jenderal Rikwanto" is the whole name, not a short form of a longer one: it
    links the article to another that names "Rikwanto" (kg's graph has one node for both)."""
    actors = {
        "a": [{"id": "rikwanto", "type": "Person", "name": "Brigadir Jenderal Rikwanto", "aliases": ["Rikwanto"]}],
        "b": [{"id": "rikwanto", "type": "Person", "name": "Rikwanto"}],
    }
    assert len(load_event_corpus(_actors_only(tmp_path, actors), dict.fromkeys(actors, "teks"))["actors"]) == 1


def test_event_corpus_a_name_without_its_organisation_word_is_no_short_form(tmp_path: Path) -> None:
    """ "Golkar" beside "Partai Golkar" is the party's name, not a short form: it links the two articles."""
    actors = {
        "a": [{"id": "golkar", "type": "Organization", "name": "Partai Golkar", "aliases": ["Golkar"]}],
        "b": [{"id": "golkar", "type": "Organization", "name": "Golkar"}],
    }
    assert len(load_event_corpus(_actors_only(tmp_path, actors), dict.fromkeys(actors, "teks"))["actors"]) == 1


def _actors_only(tmp_path: Path, actors: dict[str, list[dict[str, object]]]) -> Path:
    """A dev split folder with one annotation file per article, listing ``actors`` and no events."""
    folder = tmp_path / "dev"
    folder.mkdir()
    for aid, listed in actors.items():
        annotation = {"article": aid, "split": "dev", "actors": listed, "events": []}
        (folder / f"{aid}.json").write_text(json.dumps(annotation), encoding="utf-8")
    return folder


def test_event_corpus_a_countrys_government_is_the_country(tmp_path: Path) -> None:
    """kg's graph reads "Pemerintah RI" as Indonesia: the gold's "Pemerintah Indonesia" is Indonesia too."""
    actors = {
        "a": [{"id": "pemerintah", "type": "Organization", "name": "Pemerintah Indonesia", "aliases": ["pemerintah"]}],
        "b": [{"id": "ri", "type": "Country", "name": "Indonesia"}],
    }
    gold = load_event_corpus(_actors_only(tmp_path, actors), dict.fromkeys(actors, "teks"))
    assert [(a["type"], "Indonesia" in a["aliases"]) for a in gold["actors"]] == [("Country", True)]


def test_event_corpus_a_name_with_its_classifier_is_the_name(tmp_path: Path) -> None:
    """kg joins "Partai Gerindra" and "Gerindra" ([names] classifiers): the gold's two names link too."""
    actors = {
        "a": [{"id": "gerindra", "type": "Organization", "name": "Partai Gerindra"}],
        "b": [{"id": "gerindra", "type": "Organization", "name": "Gerindra"}],
    }
    assert len(load_event_corpus(_actors_only(tmp_path, actors), dict.fromkeys(actors, "teks"))["actors"]) == 1
