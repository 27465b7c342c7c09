"""The mapper: ``Extractions + ActorIndex -> rdflib.Graph`` under the kg ontology.

IRIs are minted from names and positions only (article id, sentence index, word id),
so a rebuild of the same input gives an identical graph: no timestamps, no random ids.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from decimal import Decimal

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, SKOS

from kg.actors import Actor, ActorIndex
from kg.iri import url_iri
from kg.lexicon import Lexicon, get_lexicon, slugify
from kg.namespace import KG, KGET, KGR
from kg.types import COUNTRY, ORGANIZATION, PERSON, PLACE, EventMention, Extraction, Participant, QuoteMention

__all__ = [
    "actor_iri",
    "article_iri",
    "bind_prefixes",
    "event_iri",
    "graph_events",
    "map_actors",
    "map_article",
    "map_corpus",
    "quote_iri",
    "sentence_iri",
]

_KIND_CLASS = {PERSON: KG.Person, ORGANIZATION: KG.Organization, COUNTRY: KG.Country, PLACE: KG.Place}
_MODALITY = {
    "asserted": KG.Asserted,
    "negated": KG.Negated,
    "future": KG.Future,
    "obligation": KG.Obligation,
    "failed": KG.Failed,
    "hypothetical": KG.Hypothetical,
    "demanded": KG.Demanded,
}


def _safe(text: str) -> str:
    """A path segment that is a valid IRI piece for any article id."""
    slug = slugify(text)
    if slug == text:
        return slug
    return f"{slug[:60]}-{hashlib.sha1(text.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"


def article_iri(article_id: str) -> URIRef:
    return KGR[f"article/{_safe(article_id)}"]


def sentence_iri(article_id: str, index: int) -> URIRef:
    return KGR[f"article/{_safe(article_id)}/sentence/{index}"]


def actor_iri(slug: str) -> URIRef:
    return KGR[f"actor/{slug}"]


def event_iri(article_id: str, event: EventMention, n: int) -> URIRef:
    return KGR[f"article/{_safe(article_id)}/event/{event.sentence}-{event.trigger_word}-{n}"]


def role_iri(person: str, title: str, of: str | None) -> URIRef:
    """The IRI of a person's role: one per exact title, so that a role has one ``kg:roleTitle``.

    Titles written as their slug's words capitalised ("Presiden", "Juru Bicara") keep the slug;
    others ("presiden", "Ketua Umum KADIN"), which would share it, add 8 hex digits of their hash.

    >>> str(role_iri("retno", "Menteri Luar Negeri", "indonesia")).rsplit("/", 1)[1]
    'menteri-luar-negeri-of-indonesia'
    >>> str(role_iri("retno", "menteri luar negeri", None)).rsplit("/", 1)[1]
    'menteri-luar-negeri-ae201765'
    """
    slug = slugify(title)
    if title != " ".join(word.capitalize() for word in slug.split("-")):
        slug = f"{slug}-{hashlib.sha1(title.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"
    tail = f"{slug}-of-{of}" if of else slug
    return KGR[f"role/{person}/{tail}"]


def bind_prefixes(graph: Graph) -> Graph:
    graph.bind("kg", KG, override=True)
    graph.bind("kget", KGET)
    graph.bind("kgr", KGR)
    graph.bind("prov", PROV)
    graph.bind("skos", SKOS)
    graph.bind("owl", OWL)
    return graph


def _actor_triples(graph: Graph, actor: Actor) -> None:
    iri = actor_iri(actor.slug)
    graph.add((iri, RDF.type, _KIND_CLASS[actor.kind]))
    graph.add((iri, RDFS.label, Literal(actor.name)))
    for alias in actor.aliases:
        graph.add((iri, SKOS.altLabel, Literal(alias)))
    if actor.country_code:
        graph.add((iri, KG.countryCode, Literal(actor.country_code)))
    if actor.country:
        graph.add((iri, KG.country, actor_iri(actor.country)))
    for aid in actor.articles:
        graph.add((iri, KG.mentionedIn, article_iri(aid)))


def _participant(index: ActorIndex, article_id: str, part: Participant | None) -> URIRef | None:
    actor = index.actor_of(article_id, part.mention if part else None)
    return actor_iri(actor.slug) if actor else None


def graph_events(extraction: Extraction, index: ActorIndex) -> list[tuple[int, EventMention]]:
    """The events of ``extraction`` that become graph events, each with its number in the extraction (as
    extracted, ``EventMention.number``, so that dropping an event renumbers no other).

    An event needs a resolved agent or target, and not the same actor as both. An event that says again what an earlier one of the
    same sentence and trigger says, once its participants are resolved, is left out: "memuji rakyat
    Palestina dan perlawanan Palestina" is one Praise of Palestine, not two.
    """
    aid = extraction.doc.article.id
    seen: set[tuple[object, ...]] = set()
    kept = []
    for position, event in enumerate(extraction.events):
        n = event.number if event.number is not None else position
        agent = _participant(index, aid, event.agent)
        target = _participant(index, aid, event.target)
        if (agent is None and target is None) or agent == target:
            continue  # no event of an actor with itself: two mentions of one actor ("Miryam ... bertemu Miryam H S Haryani")
        key = (
            event.sentence,
            event.trigger_word,
            event.event_type,
            event.modality,
            agent or (event.agent.text if event.agent else None),
            target or (event.target.text if event.target else None),
            _participant(index, aid, event.according_to),
        )
        if key not in seen:
            seen.add(key)
            kept.append((n, event))
    return kept


def map_article(graph: Graph, extraction: Extraction, index: ActorIndex, lexicon: Lexicon | None = None) -> Graph:
    """Add one article's article, sentence, role and event triples to ``graph``."""
    lex = lexicon or get_lexicon()
    article = extraction.doc.article
    aid = article.id
    a_iri = article_iri(aid)
    graph.add((a_iri, RDF.type, KG.Article))
    graph.add((a_iri, KG.articleId, Literal(aid)))
    if article.title:
        graph.add((a_iri, KG.title, Literal(article.title)))
    if article.source:
        graph.add((a_iri, KG.publisher, Literal(article.source)))
    url = url_iri(article.url) if article.url else None
    if url is not None:  # the reader warned about a URL that is none
        graph.add((a_iri, KG.url, URIRef(url)))
    if article.date:
        graph.add((a_iri, KG.published, Literal(article.date, datatype=XSD.date)))
    if article.path:
        graph.add((a_iri, KG.file, Literal(article.path)))
    quotes = [(q, actor) for q in extraction.quotes if (actor := index.actor_of(aid, q.speaker.mention)) is not None]
    used_sentences = {ev.sentence for ev in extraction.events} | {m.sentence for m in extraction.mentions}
    used_sentences |= {s for q, _ in quotes for s in range(q.opening[0], q.closing[0] + 1)}
    for sent in extraction.doc.sentences:
        if sent.index not in used_sentences:
            continue
        s_iri = sentence_iri(aid, sent.index)
        graph.add((s_iri, RDF.type, KG.Sentence))
        graph.add((s_iri, KG.inArticle, a_iri))
        graph.add((s_iri, KG.text, Literal(sent.text)))
        graph.add((s_iri, KG.sentenceIndex, Literal(sent.index)))
        graph.add((s_iri, KG.startChar, Literal(sent.start_char)))
        graph.add((s_iri, KG.endChar, Literal(sent.end_char)))
    roles = [
        (
            mention.sentence,
            person,
            role.title,
            index.actor_of(aid, role.of) if role.of else index.role_owner(person.slug, role.title),
        )
        for mention in extraction.mentions
        if (person := index.actor_of(aid, mention)) is not None and person.kind == PERSON  # kg:holder is a kg:Person
        for role in mention.roles
    ]
    titles_with_owner = {(person.slug, title.lower()) for _, person, title, of_actor in roles if of_actor is not None}
    for sentence, person, title, of_actor in roles:
        if of_actor is None and (person.slug, title.lower()) in titles_with_owner:
            continue  # "Presiden Raisi" after "Presiden ... Iran Ebrahim Raisi": the same role
        r_iri = role_iri(person.slug, title, of_actor.slug if of_actor else None)
        graph.add((r_iri, RDF.type, KG.Role))
        graph.add((r_iri, KG.holder, actor_iri(person.slug)))
        graph.add((actor_iri(person.slug), KG.role, r_iri))
        graph.add((r_iri, KG.roleTitle, Literal(title)))
        graph.add((r_iri, KG.inArticle, a_iri))
        graph.add((r_iri, PROV.wasDerivedFrom, sentence_iri(aid, sentence)))
        if of_actor is not None:
            graph.add((r_iri, KG.roleOf, actor_iri(of_actor.slug)))
    event_iris: dict[tuple[int, int], URIRef] = {}
    for n, event in graph_events(extraction, index):
        agent = _participant(index, aid, event.agent)
        target = _participant(index, aid, event.target)
        e_iri = event_iri(aid, event, n)
        if lex.is_speech(event.event_type):
            event_iris.setdefault((event.sentence, event.trigger_word), e_iri)
        graph.add((e_iri, RDF.type, KG.Event))
        graph.add((e_iri, KG.eventType, KGET[event.event_type]))
        graph.add((e_iri, KG.inArticle, a_iri))
        graph.add((e_iri, PROV.wasDerivedFrom, sentence_iri(aid, event.sentence)))
        graph.add((e_iri, KG.trigger, Literal(event.trigger)))
        graph.add((e_iri, KG.modality, _MODALITY[event.modality]))
        graph.add((e_iri, KG.extractedBy, Literal(event.rule)))
        confidence = event.confidence if event.confidence is not None else lex.rule_confidence(event.rule)
        graph.add((e_iri, KG.confidence, _decimal(confidence)))
        if agent is not None:
            graph.add((e_iri, KG.agent, agent))
        elif event.agent is not None:
            graph.add((e_iri, KG.unresolvedAgent, Literal(event.agent.text)))
        if target is not None:
            graph.add((e_iri, KG.target, target))
        elif event.target is not None:
            graph.add((e_iri, KG.unresolvedTarget, Literal(event.target.text)))
        place = index.actor_of(aid, event.place)
        if place is not None and place.kind in (PLACE, COUNTRY):  # a name the corpus merged into another kind is no kg:Place
            graph.add((e_iri, KG.place, actor_iri(place.slug)))
        if event.date:
            dtype = XSD.gMonthDay if event.date.startswith("--") else XSD.date
            graph.add((e_iri, KG.date, Literal(event.date, datatype=dtype)))
        source = _participant(index, aid, event.according_to)
        if source is not None:
            graph.add((e_iri, KG.accordingTo, source))
        if event.content:
            graph.add((e_iri, KG.content, Literal(event.content)))
    for quote, speaker in quotes:
        _quote_triples(graph, extraction, quote, speaker, event_iris.get(quote.cue) if quote.cue else None)
    return graph


def quote_iri(article_id: str, quote: QuoteMention) -> URIRef:
    return KGR[f"article/{_safe(article_id)}/quote/{quote.opening[0]}-{quote.opening[1]}"]


def _quote_triples(graph: Graph, extraction: Extraction, quote: QuoteMention, speaker: Actor, cue: URIRef | None) -> None:
    """A ``kg:Quotation``: the words between the quote marks, who said them, the sentences and the speech tag."""
    article = extraction.doc.article
    sentences = extraction.doc.sentences
    start = sentences[quote.opening[0]].word(quote.opening[1]).end_char
    end = sentences[quote.closing[0]].word(quote.closing[1]).start_char
    q_iri = quote_iri(article.id, quote)
    graph.add((q_iri, RDF.type, KG.Quotation))
    graph.add((q_iri, KG.speaker, actor_iri(speaker.slug)))
    graph.add((q_iri, KG.text, Literal(article.text[start:end].strip())))
    graph.add((q_iri, KG.startChar, Literal(start)))
    graph.add((q_iri, KG.endChar, Literal(end)))
    graph.add((q_iri, KG.inArticle, article_iri(article.id)))
    graph.add((q_iri, KG.extractedBy, Literal(f"quote-{quote.rule}")))
    for index in range(quote.opening[0], quote.closing[0] + 1):
        graph.add((q_iri, PROV.wasDerivedFrom, sentence_iri(article.id, index)))
    if cue is not None:
        graph.add((q_iri, KG.attributedBy, cue))


def map_actors(graph: Graph, index: ActorIndex) -> Graph:
    """Add the corpus-level triples to ``graph``: each actor with its canonical label, aliases and articles."""
    for actor in index.actors.values():
        _actor_triples(graph, actor)
    return graph


def map_corpus(extractions: Sequence[Extraction], index: ActorIndex, lexicon: Lexicon | None = None) -> Graph:
    """The whole corpus as one graph: actors, merges and every article."""
    graph = map_actors(bind_prefixes(Graph()), index)
    for extraction in extractions:
        map_article(graph, extraction, index, lexicon)
    return graph


def _decimal(value: float) -> Literal:
    """An ``xsd:decimal`` in the lexical form every store writes back unchanged (``1``, ``0.928``).

    >>> str(_decimal(1.0)), str(_decimal(0.9280))
    ('1', '0.928')
    """
    text = f"{Decimal(str(value)).normalize():f}"
    return Literal(text, datatype=XSD.decimal)
