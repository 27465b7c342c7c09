"""kg/evaluate.py: scores of the fixture graph against a hand-written gold file."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from rdflib import Graph

from kg.errors import EvaluationError
from kg.evaluate import PRF, evaluate_graph, format_by_rule, format_evaluation

GOLD: dict[str, Any] = {
    "articles": ["pertemuan-manila", "kecaman-ban"],
    "actors": [
        {"id": "ahmad_zaki", "type": "Person", "aliases": ["Ahmad Zaki", "Zaki"]},
        {"id": "maria_santos", "type": "Person", "aliases": ["Maria Santos", "Santos"]},
        {"id": "karim_haddad", "type": "Person", "aliases": ["Karim Haddad"]},
        {"id": "lebanon", "type": "Country", "aliases": ["Libanon", "Lebanon"]},
        {"id": "ban", "type": "Organization", "aliases": ["Badan Antariksa Nasional", "BAN"]},
        {"id": "filipina", "type": "Country", "aliases": ["Filipina"]},
        {"id": "manila", "type": "Place", "aliases": ["Manila"]},
        {"id": "siti_rahma", "type": "Person", "aliases": ["Siti Rahma"]},
    ],
    "events": [
        {
            "id": "e1",
            "article": "pertemuan-manila",
            "type": "Meet",
            "agent": ["maria_santos"],
            "target": ["ahmad_zaki"],
            "symmetric": True,
            "date": "--05-03",
            "place": "manila",
        },
        {"id": "e2", "article": "pertemuan-manila", "type": "Praise", "agent": ["ahmad_zaki"], "target": ["filipina"]},
        {"id": "e3", "article": "pertemuan-manila", "type": "Visit", "agent": ["ahmad_zaki"], "target": ["manila"]},
        {"id": "e4", "article": "kecaman-ban", "type": "Criticize", "agent": ["lebanon"], "target": ["ban"]},
        {"id": "e5", "article": "kecaman-ban", "type": "Thank", "agent": ["ban"], "target": ["maria_santos"]},
        {"id": "e6", "article": "kecaman-ban", "type": "Thank", "agent": ["ban"], "target": ["ahmad_zaki"]},
        {"id": "e7", "article": "kecaman-ban", "type": "Thank", "agent": ["ban"], "target": ["ahmad_zaki"], "same_as": "e6"},
    ],
    "negative_events": [],
    "roles": [
        {"person": "maria_santos", "title": "Presiden", "of": "filipina"},
        {"person": "karim_haddad", "title": "perdana  menteri", "of": "lebanon"},
        {"person": "ahmad_zaki", "title": "Menteri Luar Negeri", "of": "malaysia"},
    ],
}


def _counts(prf: PRF) -> tuple[int, int, int]:
    return prf.tp, prf.fp, prf.fn


def test_evaluate_precision_and_recall(built_graph: Graph) -> None:
    scores = evaluate_graph(GOLD, built_graph)
    # actors: 7 of the 12 system actors are gold actors; Siti Rahma is missed
    assert _counts(scores.actors) == (7, 5, 1)
    assert (scores.actors.precision, scores.actors.recall) == (pytest.approx(7 / 12), pytest.approx(7 / 8))
    # events: Meet (reversed, symmetric), Praise, Criticize and both Thanks match; the Statement of
    # Dewi Lestari (no gold actor) is spurious; the Visit is missed; e7 repeats e6 and counts once
    assert _counts(scores.events) == (5, 1, 1)
    assert scores.events.precision == pytest.approx(5 / 6) and scores.events.recall == pytest.approx(5 / 6)
    assert scores.events.f1 == pytest.approx(5 / 6)
    assert _counts(scores.events_date_place) == (5, 1, 1)
    assert scores.events.missed == ["[pertemuan-manila] ['ahmad_zaki'] Visit ['manila'] ()"]
    assert scores.events.spurious == ["[kecaman-ban] Dewi Lestari Statement None date=None place=None"]
    # roles: Malaysia is no gold actor, so Zaki's role is both spurious and missed
    assert _counts(scores.roles) == (2, 1, 1)
    assert scores.negative_asserted == []
    assert scores.summary() == {
        "actors": {"precision": 0.5833, "recall": 0.875, "f1": 0.7, "tp": 7, "fp": 5, "fn": 1},
        "events": {"precision": 0.8333, "recall": 0.8333, "f1": 0.8333, "tp": 5, "fp": 1, "fn": 1},
        "events_date_place": {"precision": 0.8333, "recall": 0.8333, "f1": 0.8333, "tp": 5, "fp": 1, "fn": 1},
        "roles": {"precision": 0.6667, "recall": 0.6667, "f1": 0.6667, "tp": 2, "fp": 1, "fn": 1},
        "negative_asserted": 0,
        "rule_precision": {"phrase": 1.0, "statement": 0.0, "verb": 1.0},
        "by_rule": {
            "phrase": {"fired": 3, "right": 3},
            "reported": {"fired": 1, "right": 1},
            "statement": {"fired": 1, "right": 0},
            "verb": {"fired": 2, "right": 2},
        },
        "by_type": {
            "Criticize": {"tp": 1, "fp": 0, "fn": 0},
            "Meet": {"tp": 1, "fp": 0, "fn": 0},
            "Praise": {"tp": 1, "fp": 0, "fn": 0},
            "Statement": {"tp": 0, "fp": 1, "fn": 0},
            "Thank": {"tp": 2, "fp": 0, "fn": 0},
            "Visit": {"tp": 0, "fp": 0, "fn": 1},
        },
    }
    # every rule id of an event is counted, the "+" modifiers too (kg evaluate --by-rule)
    table = format_by_rule(scores)
    assert table.splitlines()[1].split() == ["phrase", "3", "3", "1.000"]
    assert "reported" in table


@pytest.mark.parametrize(("agent", "target"), [("maria_santos", "ahmad_zaki"), ("ahmad_zaki", "maria_santos")])
def test_evaluate_symmetric_event_matches_in_both_directions(built_graph: Graph, agent: str, target: str) -> None:
    gold = copy.deepcopy(GOLD)
    gold["events"][0].update(agent=[agent], target=[target], symmetric=True)
    assert _counts(evaluate_graph(gold, built_graph).events) == (5, 1, 1)


def test_evaluate_asymmetric_event_matches_one_direction_only(built_graph: Graph) -> None:
    gold = copy.deepcopy(GOLD)
    gold["events"][0]["symmetric"] = False
    scores = evaluate_graph(gold, built_graph)
    assert _counts(scores.events) == (4, 2, 2)
    assert "[pertemuan-manila] Ahmad Zaki Meet Maria Santos date=--05-03 place=manila" in scores.events.spurious


def test_evaluate_date_and_place_must_match_for_the_strict_measure(built_graph: Graph) -> None:
    gold = copy.deepcopy(GOLD)
    gold["events"][0]["date"] = "--05-04"
    scores = evaluate_graph(gold, built_graph)
    assert _counts(scores.events) == (5, 1, 1)
    assert _counts(scores.events_date_place) == (4, 2, 2)


def test_evaluate_negative_event_asserted_is_reported(built_graph: Graph) -> None:
    gold = copy.deepcopy(GOLD)
    gold["negative_events"] = [
        # asserted in the graph: an error
        {"article": "pertemuan-manila", "type": "Praise", "agent": ["ahmad_zaki"], "target": ["filipina"], "modality": "negated"},
        # negated in the graph too: fine
        {
            "article": "pertemuan-manila",
            "type": "Meet",
            "agent": ["maria_santos"],
            "target": ["karim_haddad"],
            "modality": "negated",
        },
    ]
    scores = evaluate_graph(gold, built_graph)
    assert scores.negative_asserted == [
        "[pertemuan-manila] Ahmad Zaki Praise Filipina date=None place=None asserted, but gold says negated"
    ]
    assert scores.summary()["negative_asserted"] == 1
    report = format_evaluation(scores)
    assert "negative events asserted: 1" in report
    assert "  ! [pertemuan-manila] Ahmad Zaki Praise Filipina" in report


@pytest.mark.parametrize(
    ("evidence", "hits"),
    [("Zaki memuji dukungan", 1), ("memuji", 1), ("dukungan", 0), ("Santos tidak bertemu", 0), ("", 1)],
)
def test_evaluate_negative_event_with_evidence_is_one_mention(built_graph: Graph, evidence: str, hits: int) -> None:
    # a negative event is asserted only by a system event read from the sentence holding its evidence, with a
    # trigger that shares a word with it ("dukungan" is another mention of that sentence than "memuji")
    gold = copy.deepcopy(GOLD)
    negative = {"article": "pertemuan-manila", "type": "Praise", "agent": ["ahmad_zaki"], "target": ["filipina"]}
    gold["negative_events"] = [{**negative, "evidence": evidence, "modality": "negated"}]
    assert len(evaluate_graph(gold, built_graph).negative_asserted) == hits


def test_evaluate_second_node_for_one_gold_actor_is_spurious(built_graph: Graph) -> None:
    gold = copy.deepcopy(GOLD)
    gold["actors"][0]["aliases"].append("Kevin Lasut")  # pretend Kevin Lasut is another name of Ahmad Zaki
    scores = evaluate_graph(gold, built_graph)
    assert _counts(scores.actors) == (7, 5, 1)
    assert any("second node for gold 'ahmad_zaki'" in s for s in scores.actors.spurious)


def test_evaluate_format(built_graph: Graph) -> None:
    text = format_evaluation(evaluate_graph(GOLD, built_graph))
    lines = text.splitlines()
    assert lines[1].split() == ["actors", "0.583", "0.875", "0.700", "7/5/1"]
    assert lines[2].split() == ["events", "0.833", "0.833", "0.833", "5/1/1"]
    assert "missed events:" in text and "spurious actors:" in text


@pytest.mark.parametrize("gold", [[], {"actors": []}, {"events": []}, "gold"])
def test_evaluate_malformed_gold(built_graph: Graph, gold: Any) -> None:
    with pytest.raises(EvaluationError, match="'actors' and 'events'"):
        evaluate_graph(gold, built_graph)


_MAPPING_IN_A_PROCESS = """
from rdflib import RDF, RDFS, Graph, Literal
from rdflib.namespace import SKOS
from kg.evaluate import _match_actors
from kg.mapper import actor_iri
from kg.namespace import KG
graph, node = Graph(), actor_iri("lebanon")
graph.add((node, RDF.type, KG.Country))
graph.add((node, RDFS.label, Literal("Lebanon")))
for name in ("Lebanon", "Libanon", "Lubnan"):
    graph.add((node, SKOS.altLabel, Literal(name)))
gold = {"actors": [{"id": f"{n}:{name}", "aliases": [name]} for n, name in enumerate(("Lubnan", "Libanon", "Lebanon"))]}
print(_match_actors(gold, graph)[0])
"""


def test_evaluate_actor_matching_is_the_same_whatever_the_hash_seed() -> None:
    """One kg node whose names of one length are three gold actors (the gold joins no two spellings across articles):
    every process maps it to the same one (it followed the order of a set of strings, so scores moved by an edge or
    two from one run to the next)."""
    import os
    import subprocess
    import sys

    def mapping(seed: str) -> str:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", _MAPPING_IN_A_PROCESS], env=env, capture_output=True, text=True, check=True)
        return done.stdout.strip()

    assert all(mapping(seed) == "{'https://w3id.org/kg-news/id/actor/lebanon': '2:Lebanon'}" for seed in ("1", "2", "3", "4"))


def test_evaluate_empty_prf() -> None:
    assert (PRF().precision, PRF().recall, PRF().f1) == (0.0, 0.0, 0.0)


def test_evaluate_a_name_of_several_gold_actors_is_the_one_of_the_nodes_article() -> None:
    """The event corpus's gold actors say where they are ("articles"): an unnamed "Polisi" of two articles is two kg
    nodes and two gold actors, and each node is the gold actor of its own article, not the first of that name."""
    from rdflib import RDF, RDFS, Literal, URIRef

    from kg.evaluate import _match_actors
    from kg.mapper import actor_iri
    from kg.namespace import KG

    graph = Graph()
    for n, article in enumerate(("berita-a", "berita-b")):
        node, page = actor_iri(f"polisi-{n}"), URIRef(f"https://example.org/article/{article}")
        graph.add((node, RDF.type, KG.Organization))
        graph.add((node, RDFS.label, Literal("Polisi")))
        graph.add((node, KG.mentionedIn, page))
        graph.add((page, KG.articleId, Literal(article)))
    gold = {
        "actors": [
            {"id": "0:polisi", "type": "Organization", "aliases": ["Polisi"], "articles": ["berita-a"]},
            {"id": "1:polisi", "type": "Organization", "aliases": ["Polisi"], "articles": ["berita-b"]},
        ]
    }
    mapping, score, _, _ = _match_actors(gold, graph)
    assert mapping == {str(actor_iri("polisi-0")): "0:polisi", str(actor_iri("polisi-1")): "1:polisi"}
    assert (score.tp, score.fp, score.fn) == (2, 0, 0)
    # without the articles, as in the hand-written gold files, the first of the name, as before
    for actor in gold["actors"]:
        del actor["articles"]
    assert set(_match_actors(gold, graph)[0].values()) == {"0:polisi"}


def test_evaluate_one_node_two_spellings_is_each_articles_gold_actor() -> None:
    """The gold joins no two spellings across articles ("Agun Gunandjar" here, "Agun Gunanjar" there: two gold
    actors); kg's one node for the person is, in each article, the gold actor of that article its names match."""
    from rdflib import RDF, RDFS, Literal, URIRef
    from rdflib.namespace import SKOS

    from kg.mapper import actor_iri
    from kg.namespace import KG, KGET

    graph, node = Graph(), actor_iri("agun")
    graph.add((node, RDF.type, KG.Person))
    graph.add((node, RDFS.label, Literal("Agun Gunandjar Sudarsa")))
    graph.add((node, SKOS.altLabel, Literal("Agun Gunanjar Sudarsa")))
    for article in ("berita-a", "berita-b"):
        page, event = URIRef(f"https://example.org/article/{article}"), URIRef(f"https://example.org/event/{article}")
        graph.add((node, KG.mentionedIn, page))
        graph.add((page, KG.articleId, Literal(article)))
        graph.add((event, RDF.type, KG.Event))
        graph.add((event, KG.eventType, KGET.Statement))
        graph.add((event, KG.inArticle, page))
        graph.add((event, KG.modality, KG.Asserted))
        graph.add((event, KG.extractedBy, Literal("statement")))
        graph.add((event, KG.agent, node))
    gold = {
        "actors": [
            {"id": "0:agun", "type": "Person", "aliases": ["Agun Gunandjar Sudarsa"], "articles": ["berita-a"]},
            {"id": "1:agun", "type": "Person", "aliases": ["Agun Gunanjar Sudarsa"], "articles": ["berita-b"]},
        ],
        "events": [
            {"article": "berita-a", "type": "Statement", "agent": ["0:agun"], "target": []},
            {"article": "berita-b", "type": "Statement", "agent": ["1:agun"], "target": []},
        ],
    }
    assert _counts(evaluate_graph(gold, graph).events) == (2, 0, 0)


def test_evaluate_a_node_named_by_part_of_a_gold_name_is_that_actor_in_its_article() -> None:
    """kg names a person "Abidin" where the gold says "M. Abidin": in the event corpus (gold actors say their
    articles) a node that matches no gold name whole is the one gold actor of its article whose name has all its
    words, and of its kind; where two actors of the article have them (or in another article) it matches no one."""
    from rdflib import RDF, RDFS, Literal, URIRef

    from kg.evaluate import _match_actors
    from kg.mapper import actor_iri
    from kg.namespace import KG

    def graph_of(label: str, article: str, kind: URIRef = KG.Person) -> Graph:
        graph, node, page = Graph(), actor_iri("node"), URIRef(f"https://example.org/article/{article}")
        graph.add((node, RDF.type, kind))
        graph.add((node, RDFS.label, Literal(label)))
        graph.add((node, KG.mentionedIn, page))
        graph.add((page, KG.articleId, Literal(article)))
        return graph

    gold = {
        "actors": [
            {"id": "0:abidin", "type": "Person", "name": "M. Abidin", "aliases": ["M. Abidin"], "articles": ["berita-a"]},
            {"id": "0:rudi", "type": "Person", "name": "Rudi Alfonso", "aliases": ["Rudi (Alfonso)"], "articles": ["berita-a"]},
            {"id": "0:rudi_h", "type": "Person", "name": "Rudi Hartono", "aliases": [], "articles": ["berita-a"]},
        ]
    }
    node = str(actor_iri("node"))
    mapping, score, _, in_article = _match_actors(gold, graph_of("Abidin", "berita-a"))
    assert mapping == {node: "0:abidin"} and in_article == {(node, "berita-a"): "0:abidin"} and score.tp == 1
    assert _match_actors(gold, graph_of("Rudi", "berita-a"))[0] == {}  # two gold Rudis: no one
    assert _match_actors(gold, graph_of("Abidin", "berita-b"))[0] == {}  # not an actor of that article
    # a place named in a person's title is not that person
    gold["actors"].append(
        {"id": "0:aher", "type": "Person", "name": "Gubernur Jawa Barat Aher", "aliases": [], "articles": ["berita-a"]}
    )
    assert _match_actors(gold, graph_of("Jawa Barat", "berita-a", KG.Place))[0] == {}
