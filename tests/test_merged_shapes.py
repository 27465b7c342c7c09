"""The merged graph conforms to ontology/shapes.ttl when corpus-level merges change an actor's kind.

"Sentosa" is a place in one article and an organisation in another: ``same-name-other-kind`` makes
one organisation of them, and the first article's meeting must not keep a ``kg:place`` that is no
``kg:Place`` (issue 18: 82 such violations on the whole of IndoSum).
"""

from __future__ import annotations

from pathlib import Path

from helpers import article_text, conllu
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.actors import resolve_actors
from kg.build import validate
from kg.document import Article, from_conllu
from kg.extract import Extraction, extract
from kg.mapper import actor_iri, map_corpus
from kg.namespace import KG
from kg.store import KGStore

PLACE_HERE = conllu("""
    # text = Zaki bertemu Hamid di Sentosa.
    1 Zaki Zaki PROPN _ _ 2 nsubj _ ner=S-PER
    2 bertemu temu VERB _ _ 0 root _ ner=O
    3 Hamid Hamid PROPN _ _ 2 obj _ ner=S-PER
    4 di di ADP _ _ 5 case _ ner=O
    5 Sentosa Sentosa PROPN _ _ 2 obl _ ner=S-LOC
    6 . . PUNCT _ _ 2 punct _ ner=O
""")
ORGANISATION_THERE = conllu("""
    # text = Sentosa memuji Malaysia.
    1 Sentosa Sentosa PROPN _ _ 2 nsubj _ ner=S-ORG
    2 memuji puji VERB _ _ 0 root _ ner=O
    3 Malaysia Malaysia PROPN _ _ 2 obj _ ner=S-LOC
    4 . . PUNCT _ _ 2 punct _ ner=O
""")


def _extraction(aid: str, parse: str) -> Extraction:
    return extract(from_conllu(parse, Article(aid, article_text(parse))))


def test_mapper_place_merged_into_an_organisation_is_no_kg_place(tmp_path: Path) -> None:
    alone = [_extraction("tempat", PLACE_HERE)]
    graph = map_corpus(alone, resolve_actors(alone))
    assert (None, KG.place, actor_iri("sentosa")) in graph  # a place while no article says otherwise
    both = [*alone, _extraction("organisasi", ORGANISATION_THERE)]
    index = resolve_actors(both)
    assert index.actors["sentosa"].kind == "Organization"
    merged = map_corpus(both, index)
    assert (None, KG.place, None) not in merged
    assert validate(merged) == (True, ())
    with KGStore.open(tmp_path / "store") as store:  # the store follows the kind change: the first graph is rewritten
        store.write(put=alone)
        change = store.write(put=both[1:]).change
        assert change.remapped == ("tempat",)
        assert isomorphic(store.graph(), merged)


def test_mapper_role_of_a_name_merged_into_an_organisation_has_no_holder() -> None:
    """A person's title stays with people: where a merge made the name an organisation, no kg:Role is written for it."""
    from dataclasses import replace

    from kg.actors import ActorIndex
    from kg.mapper import map_article
    from kg.types import RoleMention

    ex = _extraction("tempat", PLACE_HERE)
    zaki = next(m for m in ex.mentions if m.text == "Zaki")
    titled = replace(zaki, roles=(RoleMention("Direktur"),))
    ex = replace(ex, mentions=tuple(titled if m is zaki else m for m in ex.mentions))
    index = resolve_actors([ex])
    assert (None, KG.holder, None) in map_article(Graph(), ex, index)
    as_org = {**index.actors, "zaki": replace(index.actors["zaki"], kind="Organization")}
    merged = map_article(Graph(), ex, ActorIndex(as_org, index.by_mention, index.merges, index.role_owners))
    assert (None, KG.holder, None) not in merged and (None, KG.roleTitle, None) not in merged


def test_mapper_titles_that_slugify_alike_are_two_roles_with_one_title_each() -> None:
    """ "Presiden Zaki" here and "presiden Zaki" there: one role node per exact title, each with one kg:roleTitle
    (issue 18: 38 roles with two titles on the whole of IndoSum, when both shared the slug's IRI)."""
    from dataclasses import replace

    from kg.types import RoleMention

    def titled(aid: str, title: str) -> Extraction:
        ex = _extraction(aid, PLACE_HERE)
        zaki = next(m for m in ex.mentions if m.text == "Zaki")
        return replace(ex, mentions=tuple(replace(m, roles=(RoleMention(title),)) if m is zaki else m for m in ex.mentions))

    both = [titled("satu", "Presiden"), titled("dua", "presiden"), titled("tiga", "Presiden")]
    graph = map_corpus(both, resolve_actors(both))
    roles = set(graph.objects(actor_iri("zaki"), KG.role))
    assert len(roles) == 2
    assert sorted(str(t) for r in roles for t in graph.objects(r, KG.roleTitle)) == ["Presiden", "presiden"]
    assert str(actor_iri("zaki")).replace("actor", "role") + "/presiden" in {str(r) for r in roles}
    assert validate(graph) == (True, ())
