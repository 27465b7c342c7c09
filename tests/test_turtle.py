"""kg/turtle.py: graph.ttl written without rdflib's quadratic prefix search, with rdflib's own text."""

from __future__ import annotations

from rdflib import RDFS, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.build import BuildResult
from kg.mapper import actor_iri, article_iri, bind_prefixes, sentence_iri
from kg.namespace import KG, KGR
from kg.turtle import to_turtle


def test_turtle_same_text_as_rdflib_for_the_fixture_build(built: BuildResult) -> None:
    text = to_turtle(built.graph)
    assert text == built.graph.serialize(format="turtle")
    assert isomorphic(Graph().parse(data=text, format="turtle"), built.graph)


def test_turtle_prefixed_names_still_used_where_rdflib_uses_them() -> None:
    graph = bind_prefixes(Graph())
    graph.add((KGR["flat"], KG.articleId, Literal("a")))  # directly under kgr: a prefixed name
    graph.add((sentence_iri("a/b", 1), KG.inArticle, article_iri("a/b")))
    graph.add((actor_iri("zaki"), RDFS.label, Literal("Zaki")))
    graph.add((URIRef("http://example.org/x/y"), KG.text, Literal("t")))
    text = to_turtle(graph)
    assert text == graph.serialize(format="turtle")
    assert "kgr:flat" in text and f"<{actor_iri('zaki')}>" in text
