"""The kg ontology terms, mirroring ``ontology/kg.ttl`` (a test keeps the two in step)."""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = ["KG", "KGET", "KGR", "KGS", "SCHEMA", "SEM"]


class KG(DefinedNamespace):
    """kg: the ontology namespace; a misspelt term raises ``AttributeError``."""

    _fail = True
    _NS = Namespace("https://w3id.org/kg-news/ontology#")

    Actor: URIRef
    Article: URIRef
    Asserted: URIRef
    Country: URIRef
    Demanded: URIRef
    Event: URIRef
    EventType: URIRef
    Failed: URIRef
    Future: URIRef
    Hypothetical: URIRef
    MaterialConflict: URIRef
    MaterialCooperation: URIRef
    Modality: URIRef
    Negated: URIRef
    Obligation: URIRef
    Organization: URIRef
    Person: URIRef
    Place: URIRef
    QuadClass: URIRef
    Quotation: URIRef
    Role: URIRef
    Sentence: URIRef
    VerbalConflict: URIRef
    VerbalCooperation: URIRef
    accordingTo: URIRef
    agentFromReason: URIRef
    agent: URIRef
    articleId: URIRef
    attributedBy: URIRef
    cameoCode: URIRef
    confidence: URIRef
    content: URIRef
    country: URIRef
    countryCode: URIRef
    date: URIRef
    destination: URIRef
    endChar: URIRef
    eventType: URIRef
    extractedBy: URIRef
    file: URIRef
    holder: URIRef
    inArticle: URIRef
    mentionedIn: URIRef
    modality: URIRef
    nominalForm: URIRef
    passiveForm: URIRef
    personTargetForm: URIRef
    place: URIRef
    placeTarget: URIRef
    ploverCategory: URIRef
    published: URIRef
    publisher: URIRef
    quadClass: URIRef
    quoteTagForm: URIRef
    reasonPreposition: URIRef
    role: URIRef
    roleOf: URIRef
    roleTitle: URIRef
    sentenceIndex: URIRef
    speaker: URIRef
    speech: URIRef
    startChar: URIRef
    symmetric: URIRef
    target: URIRef
    targetFromGift: URIRef
    targetFromAct: URIRef
    demandsComplement: URIRef
    targetPreposition: URIRef
    implicitAgent: URIRef
    text: URIRef
    title: URIRef
    trigger: URIRef
    triggerForm: URIRef
    triggerLemma: URIRef
    unresolvedAgent: URIRef
    unresolvedTarget: URIRef
    url: URIRef


KGET = Namespace("https://w3id.org/kg-news/event-type/")
"""Event-type concepts (``ontology/event-types.ttl``)."""
KGR = Namespace("https://w3id.org/kg-news/id/")
"""Resources minted by kg: actors, articles, sentences, events, roles."""
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
SCHEMA = Namespace("https://schema.org/")


class KGS(DefinedNamespace):
    """kgs: the bookkeeping of kg's persistent store (``kg/store.py``), kept in its own named graph.

    Not part of the knowledge graph: queries through the store and the endpoint never see it.
    """

    _fail = True
    _NS = Namespace("https://w3id.org/kg-news/store#")

    records: URIRef
    """The named graph that holds the store's records (never queried as content)."""
    parsedDoc: URIRef
    """An article's parse (JSON of ``ParsedDoc``): corpus-level merges are recomputed from it, not re-parsed."""
    textHash: URIRef
    """SHA-256 of an article's text (duplicates across builds)."""
    graphHash: URIRef
    """SHA-256 of a named graph's sorted N-Triples (a graph is rewritten only when it changes)."""
    parseHash: URIRef
    """SHA-256 of an article's stored parse: the key of its cached extraction."""
    signature: URIRef
    """What an article's graph depends on at the corpus level (its mentions' actors): rewritten when it moves."""
    actorHash: URIRef
    """SHA-256 of an actor as the corpus graph writes it: its triples are rewritten when it changes."""
    generation: URIRef
    """How many changes a store on a SPARQL server has completed (the embedded store keeps it in kg-store.json)."""
