"""kg/mapper.py: extractions and actors to RDF; IRIs minted from names and positions only."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, SKOS

from kg.actors import Actor, ActorIndex, resolve_actors
from kg.document import Article, ParsedDoc, Sentence, Word
from kg.extract import EventMention, Extraction, Mention, Participant, RoleMention, extract
from kg.lexicon import get_lexicon, normalize_name, slugify
from kg.mapper import actor_iri, article_iri, event_iri, graph_events, map_corpus, role_iri, sentence_iri
from kg.namespace import KG, KGET, KGR

Parse = Callable[..., ParsedDoc]
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # rdflib's XSD warns when pytest inspects it

MEETING = """
    # text = Presiden Filipina Maria Santos bertemu dengan mereka di Manila.
    1 Presiden presiden NOUN _ _ 5 nsubj _ ner=O
    2 Filipina Filipina PROPN _ _ 1 nmod _ ner=S-LOC
    3 Maria Maria PROPN _ _ 1 flat:name _ ner=B-PER
    4 Santos Santos PROPN _ _ 1 flat:name _ ner=E-PER
    5 bertemu temu VERB _ _ 0 root _ ner=O
    6 dengan dengan ADP _ _ 7 case _ ner=O
    7 mereka mereka PRON _ _ 5 obl _ ner=O
    8 di di ADP _ _ 9 case _ ner=O
    9 Manila Manila PROPN _ _ 5 obl _ ner=S-LOC
    10 . . PUNCT _ _ 5 punct _ ner=O

    # text = Cuaca cerah.
    1 Cuaca cuaca NOUN _ _ 2 nsubj _ ner=O
    2 cerah cerah ADJ _ _ 0 root _ ner=O
    3 . . PUNCT _ _ 2 punct _ ner=O

    # text = Mereka mengecam Ahmad Zaki.
    1 Mereka mereka PRON _ _ 2 nsubj _ ner=O
    2 mengecam kecam VERB _ _ 0 root _ ner=O
    3 Ahmad Ahmad PROPN _ _ 2 obj _ ner=B-PER
    4 Zaki Zaki PROPN _ _ 3 flat:name _ ner=E-PER
    5 . . PUNCT _ _ 2 punct _ ner=O
"""


@pytest.fixture
def mapped(parse: Parse) -> Graph:
    article = Article(
        "rapat-1",
        "",
        title="Rapat",
        source="Warta Contoh",
        url="https://contoh.example/rapat 1",
        date=dt.date(2024, 5, 10),
        path="/data/rapat-1.txt",
    )
    ex = extract(parse(MEETING, article))
    return map_corpus([ex], resolve_actors([ex]))


def test_mapper_article_triples(mapped: Graph) -> None:
    a = article_iri("rapat-1")
    assert str(a) == "https://w3id.org/kg-news/id/article/rapat-1"
    assert set(mapped.predicate_objects(a)) == {
        (RDF.type, KG.Article),
        (KG.articleId, Literal("rapat-1")),
        (KG.title, Literal("Rapat")),
        (KG.publisher, Literal("Warta Contoh")),
        (KG.url, URIRef("https://contoh.example/rapat%201")),
        (KG.published, Literal(dt.date(2024, 5, 10), datatype=XSD.date)),
        (KG.file, Literal("/data/rapat-1.txt")),
    }


def test_mapper_actor_and_role_triples(mapped: Graph) -> None:
    santos = actor_iri("maria-santos")
    assert (santos, RDF.type, KG.Person) in mapped
    assert mapped.value(santos, RDFS.label) == Literal("Maria Santos")
    assert set(mapped.objects(santos, SKOS.altLabel)) == {Literal("Maria Santos")}
    assert set(mapped.objects(santos, KG.mentionedIn)) == {article_iri("rapat-1")}
    role = role_iri("maria-santos", "Presiden", "filipina")
    assert str(role) == "https://w3id.org/kg-news/id/role/maria-santos/presiden-of-filipina"
    assert set(mapped.predicate_objects(role)) == {
        (RDF.type, KG.Role),
        (KG.holder, santos),
        (KG.roleTitle, Literal("Presiden")),
        (KG.roleOf, actor_iri("filipina")),
        (KG.inArticle, article_iri("rapat-1")),
        (PROV.wasDerivedFrom, sentence_iri("rapat-1", 0)),
    }
    assert (santos, KG.role, role) in mapped
    assert mapped.value(actor_iri("filipina"), KG.countryCode) == Literal("PH")
    assert (actor_iri("manila"), RDF.type, KG.Place) in mapped


def test_mapper_event_triples_with_unresolved_participants(mapped: Graph) -> None:
    events = sorted(mapped.subjects(RDF.type, KG.Event))
    assert [str(e).rsplit("/", 1)[-1] for e in events] == ["0-5-0", "2-2-1"]
    meet, criticism = events
    assert mapped.value(meet, KG.eventType) == KGET.Meet
    assert mapped.value(meet, KG.agent) == actor_iri("maria-santos")
    assert mapped.value(meet, KG.target) is None
    assert mapped.value(meet, KG.unresolvedTarget) == Literal("mereka")
    assert mapped.value(meet, KG.place) == actor_iri("manila")
    assert mapped.value(meet, KG.modality) == KG.Asserted
    assert mapped.value(meet, KG.trigger) == Literal("bertemu dengan")
    assert mapped.value(meet, KG.extractedBy) == Literal("phrase")
    confidence = mapped.value(meet, KG.confidence)
    assert isinstance(confidence, Literal) and confidence.datatype == XSD.decimal
    assert Decimal(str(confidence)) == Decimal(str(get_lexicon().rule_confidence("phrase")))
    assert 0 < get_lexicon().rule_confidence("phrase") <= 1
    assert mapped.value(criticism, KG.unresolvedAgent) == Literal("Mereka")
    assert mapped.value(criticism, KG.target) == actor_iri("ahmad-zaki")


def test_mapper_no_actor_for_pronouns_or_titles(mapped: Graph) -> None:
    labels = {str(o) for o in mapped.objects(None, RDFS.label)}
    assert labels == {"Maria Santos", "Filipina", "Manila", "Ahmad Zaki"}


def test_mapper_only_sentences_with_mentions_or_events(mapped: Graph) -> None:
    sentences = set(mapped.subjects(RDF.type, KG.Sentence))
    assert sentences == {sentence_iri("rapat-1", 0), sentence_iri("rapat-1", 2)}
    second = sentence_iri("rapat-1", 2)
    assert mapped.value(second, KG.text) == Literal("Mereka mengecam Ahmad Zaki.")
    assert (mapped.value(second, KG.startChar), mapped.value(second, KG.endChar)) == (Literal(77), Literal(104))
    assert mapped.value(second, KG.sentenceIndex) == Literal(2)


def test_mapper_event_with_no_resolved_participant_is_left_out() -> None:
    words = (
        Word(1, "Mereka", "mereka", "PRON", 2, "nsubj", 0, 6),
        Word(2, "memuji", "puji", "VERB", 0, "root", 7, 13),
        Word(3, "dia", "dia", "PRON", 2, "obj", 14, 17),
    )
    doc = ParsedDoc(Article("x", "Mereka memuji dia"), (Sentence(0, "Mereka memuji dia", 0, 17, words),))
    event = EventMention(0, "Praise", "memuji", 2, Participant(None, "Mereka", 1), Participant(None, "dia", 3))
    graph = map_corpus([Extraction(doc, (), (event,))], ActorIndex({}, {}, ()))
    assert list(graph.subjects(RDF.type, KG.Event)) == []


PRAISE_TWICE = """
    # text = Ahmad Zaki memuji delegasi Filipina dan pemerintah Filipina.
    1 Ahmad Ahmad PROPN _ _ 3 nsubj _ ner=B-PER
    2 Zaki Zaki PROPN _ _ 1 flat:name _ ner=E-PER
    3 memuji puji VERB _ _ 0 root _ ner=O
    4 delegasi delegasi NOUN _ _ 3 obj _ ner=O
    5 Filipina Filipina PROPN _ _ 4 nmod _ ner=S-LOC
    6 dan dan CCONJ _ _ 7 cc _ ner=O
    7 pemerintah pemerintah NOUN _ _ 4 conj _ ner=O
    8 Filipina Filipina PROPN _ _ 7 nmod _ ner=S-LOC
    9 . . PUNCT _ _ 3 punct _ ner=O
"""


def test_mapper_one_event_where_conjoined_mentions_name_one_actor(parse: Parse) -> None:
    ex = extract(parse(PRAISE_TWICE, Article("puji", "")))
    index = resolve_actors([ex])
    praises = [e for e in ex.events if e.event_type == "Praise"]
    assert len(praises) == 2  # one per conjoined object: both resolve to the Philippines
    graph = map_corpus([ex], index)
    mapped = list(graph.subjects(KG.eventType, KGET.Praise))
    assert len(mapped) == 1
    assert graph.value(mapped[0], KG.target) == actor_iri("filipina")
    assert [n for n, e in graph_events(ex, index) if e.event_type == "Praise"] == [ex.events.index(praises[0])]


@pytest.mark.parametrize("article_id", ["berita 1", "Berita_1", "berita/1", "Ǆakarta", "لبنان", "a" * 200])
def test_mapper_article_iri_of_odd_ids(article_id: str) -> None:
    iri = str(article_iri(article_id))
    assert re.fullmatch(re.escape(str(KGR)) + r"article/[a-z0-9-]+", iri), iri
    assert iri != str(article_iri("berita-1"))


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=1, max_size=60))
def test_mapper_article_iri_is_iri_safe(article_id: str) -> None:
    iri = str(article_iri(article_id))
    assert re.fullmatch(re.escape(str(KGR)) + r"article/[a-z0-9-]+", iri), iri
    assert iri == str(article_iri(article_id))


def test_mapper_article_ids_differing_in_case_get_distinct_iris() -> None:
    assert article_iri("Berita") != article_iri("berita")


def test_mapper_event_iri_from_positions() -> None:
    event = EventMention(3, "Meet", "bertemu", 7, None, None)
    assert str(event_iri("rapat-1", event, 12)) == "https://w3id.org/kg-news/id/article/rapat-1/event/3-7-12"


def test_mapper_dropping_an_event_keeps_the_iris_of_the_others(parse: Parse) -> None:
    """The event scorer drops events after extraction; the others keep their IRIs (``EventMention.number``)."""
    ex = extract(parse(MEETING, Article("rapat-1", "")))
    assert [e.number for e in ex.events] == list(range(len(ex.events))) and len(ex.events) == 2
    iris = {str(s) for s in map_corpus([ex], resolve_actors([ex])).subjects(RDF.type, KG.Event)}
    fewer = Extraction(ex.doc, ex.mentions, ex.events[1:], ex.quotes)
    kept = {str(s) for s in map_corpus([fewer], resolve_actors([fewer])).subjects(RDF.type, KG.Event)}
    assert len(kept) == 1 and kept < iris


def test_mapper_no_event_of_an_actor_with_itself(parse: Parse) -> None:
    """Two mentions of one actor as agent and target ("Miryam ... Miryam Haryani") make no graph event."""
    doc = parse(
        """
        # text = Miryam Haryani hadir.
        1 Miryam Miryam PROPN _ _ 3 nsubj _ ner=B-PER
        2 Haryani Haryani PROPN _ _ 1 flat:name _ ner=E-PER
        3 hadir hadir VERB _ _ 0 root _ ner=O
        4 . . PUNCT _ _ 3 punct _ ner=O

        # text = Miryam bertemu Miryam Haryani.
        1 Miryam Miryam PROPN _ _ 2 nsubj _ ner=S-PER
        2 bertemu temu VERB _ _ 0 root _ ner=O
        3 Miryam Miryam PROPN _ _ 2 obj _ ner=B-PER
        4 Haryani Haryani PROPN _ _ 3 flat:name _ ner=E-PER
        5 . . PUNCT _ _ 2 punct _ ner=O
        """,
        Article("rapat-2", ""),
    )
    ex = extract(doc)
    assert [(e.event_type, e.agent.text, e.target.text) for e in ex.events if e.agent and e.target] == [
        ("Meet", "Miryam", "Miryam Haryani")
    ]
    assert graph_events(ex, resolve_actors([ex])) == []


# ----------------------------------------------------------------------------- Turtle round trip

_TEXT = st.text(max_size=30)
_NAME = st.text(min_size=1, max_size=30).filter(lambda s: s.strip() != "")


@st.composite
def _corpus(draw: st.DrawFn) -> tuple[list[Extraction], ActorIndex]:
    aid = draw(_NAME)
    name = draw(_NAME)
    sentence_text = draw(_TEXT)
    article = Article(
        aid,
        sentence_text,
        title=draw(_TEXT) or None,
        source=draw(_TEXT) or None,
        url="https://contoh.example/" + draw(_TEXT),
        date=dt.date(2024, 5, 10),
        path=draw(_TEXT) or None,
    )
    words = (Word(1, "x", "x", "PROPN", 2, "nsubj", 0, 1), Word(2, "y", "y", "VERB", 0, "root", 2, 3))
    doc = ParsedDoc(article, (Sentence(0, sentence_text, 0, len(sentence_text), words),))
    person = Mention(0, 0, 1, name, "Person", 0, roles=(RoleMention(draw(_NAME), None, None),))
    event = EventMention(
        0,
        "Statement",
        draw(_TEXT),
        2,
        Participant(person, name, 1),
        Participant(None, draw(_TEXT), 1),
        content=draw(_TEXT) or None,
    )
    slug = slugify(name)
    actor = Actor(slug, name, "Person", tuple(sorted({name, *draw(st.lists(_NAME, max_size=3))})), (aid,))
    index = ActorIndex({slug: actor}, {(aid, *person.key): slug}, ())
    return [Extraction(doc, (person,), (event,))], index


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_corpus())
def test_mapper_turtle_round_trip_of_arbitrary_strings(corpus: tuple[list[Extraction], ActorIndex]) -> None:
    extractions, index = corpus
    graph = map_corpus(extractions, index)
    back = Graph().parse(data=graph.serialize(format="turtle"), format="turtle")
    assert isomorphic(graph, back)
    assert len(back) == len(graph)


def test_mapper_url_without_scheme_round_trips() -> None:
    doc = ParsedDoc(Article("b1", "", url="contoh.example/berita/1"))
    graph = map_corpus([Extraction(doc, (), ())], ActorIndex({}, {}, ()))
    back = Graph().parse(data=graph.serialize(format="turtle"), format="turtle")
    assert isomorphic(graph, back)


# ----------------------------------------------------------------------------- hostile text

# Pieces that break naive serialisers, IRI minting or HTML: quotes, backslashes, markup, line and
# paragraph separators, zero-width and bidi characters, emoji, controls, Turtle syntax, 10k-character tokens.
HOSTILE = (
    '"',
    "'",
    '"""',
    "'''",
    "\\",
    "\\u0022",
    "<script>alert(1)</script>",
    "</script>",
    ">",
    "<",
    "&amp;",
    "\n",
    "\r\n",
    "\t",
    "\u2028",
    "\u2029",
    "\u200b",
    "\u200d",
    "\u202e",
    "\u2066",
    "\ufeff",
    "😀",
    "👨\u200d👩\u200d👧",
    "\x00",
    "\x07",
    "\x7f",
    "\x85",
    "%zz",
    "{}|^`",
    "#",
    "@prefix x: <y> .",
    " ;,. ",
    "Ǆakarta",
    "北京",
    "لبنان",
    "x" * 10_000,
    "ä" * 10_000,
)
_HOSTILE_TEXT = st.lists(st.sampled_from(HOSTILE) | st.text(max_size=12), min_size=1, max_size=4).map("".join)
_HOSTILE_NAME = _HOSTILE_TEXT.filter(lambda s: s.strip() != "")
_MINTED = re.compile(re.escape(str(KGR)) + r"[a-z0-9/-]+")


@st.composite
def _hostile_corpus(draw: st.DrawFn) -> tuple[list[Extraction], ActorIndex]:
    """One article whose every string field (id and url included), two persons and an organisation come from ``HOSTILE``."""
    aid = draw(_HOSTILE_NAME)
    sentence_text = draw(_HOSTILE_TEXT)
    article = Article(
        aid,
        sentence_text,
        title=draw(_HOSTILE_TEXT),
        source=draw(_HOSTILE_TEXT),
        url=draw(st.sampled_from(["https://contoh.example/", "http://[::1]:80/", "contoh.example/", "https://x:y/"]))
        + draw(_HOSTILE_TEXT),
        date=dt.date(2024, 5, 10),
        path=draw(_HOSTILE_TEXT),
    )
    words = tuple(Word(i, f"w{i}", f"w{i}", "PROPN", 0, "dep", 2 * i, 2 * i + 1) for i in range(1, 7))
    doc = ParsedDoc(article, (Sentence(0, sentence_text, 0, len(sentence_text), words),))
    names = [draw(_HOSTILE_NAME) for _ in range(3)]
    org = Mention(0, 4, 5, names[2], "Organization", 4)
    people = [
        Mention(0, 0, 1, names[0], "Person", 0, roles=(RoleMention(draw(_HOSTILE_NAME), org, names[2]),)),
        Mention(0, 2, 3, names[1], "Person", 2, roles=(RoleMention(draw(_HOSTILE_NAME), None, None),)),
    ]
    actors: dict[str, Actor] = {}
    by_mention = {}
    for mention, name in zip([*people, org], names, strict=True):
        slug = slugify(name)
        actors[slug] = Actor(slug, name, mention.kind, tuple(sorted({name, draw(_HOSTILE_NAME)})), (aid,))
        by_mention[(aid, *mention.key)] = slug
    event = EventMention(
        0,
        "Statement",
        draw(_HOSTILE_TEXT),
        2,
        Participant(people[0], names[0], 1),
        Participant(people[1], names[1], 3),
        according_to=Participant(org, names[2], 5),
        content=draw(_HOSTILE_TEXT) or None,
    )
    unresolved = EventMention(
        0, "Criticize", draw(_HOSTILE_NAME), 4, Participant(people[1], names[1], 3), Participant(None, draw(_HOSTILE_NAME), 6)
    )
    return [Extraction(doc, (*people, org), (event, unresolved))], ActorIndex(actors, by_mention, ())


def _oxigraph_graph(turtle: str) -> Graph:
    """``turtle`` as Oxigraph reads it, back in rdflib terms."""
    import pyoxigraph as ox

    def term(node: object) -> URIRef | BNode | Literal:
        if isinstance(node, ox.NamedNode):
            return URIRef(node.value)
        if isinstance(node, ox.BlankNode):
            return BNode(node.value)
        assert isinstance(node, ox.Literal)
        if node.language:
            return Literal(node.value, lang=node.language)
        datatype = node.datatype.value
        return Literal(node.value, datatype=None if datatype == str(XSD.string) else URIRef(datatype))

    graph = Graph()
    for triple in ox.parse(turtle.encode("utf-8"), format=ox.RdfFormat.TURTLE):
        graph.add((term(triple.subject), term(triple.predicate), term(triple.object)))  # type: ignore[arg-type]
    return graph


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
@given(_hostile_corpus())
def test_mapper_hostile_text_gives_valid_iris_and_turtle_that_rdflib_and_oxigraph_read_alike(
    corpus: tuple[list[Extraction], ActorIndex],
) -> None:
    import pyoxigraph as ox

    extractions, index = corpus
    graph = map_corpus(extractions, index)
    minted = {t for triple in graph for t in triple if isinstance(t, URIRef) and t.startswith(str(KGR))}
    assert all(_MINTED.fullmatch(iri) for iri in minted), minted
    for iri in {t for triple in graph for t in triple if isinstance(t, URIRef)}:
        ox.NamedNode(str(iri))  # Oxigraph's IRI parser is strict: it raises on an invalid IRI
    assert len({actor_iri(a.slug) for a in index.actors.values()}) == len(index.actors)
    turtle = graph.serialize(format="turtle")
    from_rdflib = Graph().parse(data=turtle, format="turtle")
    from_oxigraph = _oxigraph_graph(turtle)
    assert len(from_rdflib) == len(from_oxigraph) == len(graph)
    assert isomorphic(graph, from_rdflib)
    assert isomorphic(graph, from_oxigraph)
    assert {str(o) for o in from_oxigraph.objects(None, KG.articleId)} == {extractions[0].doc.article.id}


@settings(max_examples=300, deadline=None)
@given(_HOSTILE_NAME, _HOSTILE_NAME)
def test_mapper_slugs_of_different_names_differ(first: str, second: str) -> None:
    a, b = slugify(first), slugify(second)
    assert re.fullmatch(r"[a-z0-9-]{1,80}", a), a
    assert (a == b) == (normalize_name(first) == normalize_name(second)) or not normalize_name(first)


def test_mapper_actors_with_names_that_lose_letters_in_ascii_stay_apart() -> None:
    names = ["Ali 北京", "Ali 東京", "Ali 大阪"]
    words = tuple(Word(i, f"w{i}", f"w{i}", "PROPN", 0, "dep", 2 * i, 2 * i + 1) for i in range(1, 7))
    text = " ".join(names)
    doc = ParsedDoc(Article("a", text), (Sentence(0, text, 0, len(text), words),))
    mentions = tuple(Mention(0, 2 * i, 2 * i + 1, name, "Person", 2 * i) for i, name in enumerate(names))
    index = resolve_actors([Extraction(doc, mentions, ())])
    assert sorted(a.name for a in index.actors.values()) == sorted(names)
    graph = map_corpus([Extraction(doc, mentions, ())], index)
    assert len(set(graph.subjects(RDF.type, KG.Person))) == 3
