"""Law news: initials of suspects as persons of one article, and arrests, on hand-made parses."""

from __future__ import annotations

from collections.abc import Callable

from kg.actors import resolve_actors
from kg.document import Article, ParsedDoc
from kg.extract import COUNTRY, PERSON, extract

Parse = Callable[..., ParsedDoc]

DETAINED = """
    # text = Kejaksaan Agung menahan tersangka berinisial RW dalam kasus suap.
    1 Kejaksaan Kejaksaan PROPN _ _ 3 nsubj _ ner=B-ORG
    2 Agung Agung PROPN _ _ 1 flat:name _ ner=E-ORG
    3 menahan tahan VERB _ _ 0 root _ ner=O
    4 tersangka sangka NOUN _ _ 3 obj _ ner=O
    5 berinisial inisial VERB _ _ 4 acl _ ner=O
    6 RW RW PROPN _ _ 4 nmod _ ner=S-ORG
    7 dalam dalam ADP _ _ 8 case _ ner=O
    8 kasus kasus NOUN _ _ 3 obl _ ner=O
    9 suap suap NOUN _ _ 8 nmod _ ner=O
    10 . . PUNCT _ _ 3 punct _ ner=O

    # text = Persib menahan imbang Persija.
    1 Persib Persib PROPN _ _ 2 nsubj _ ner=S-ORG
    2 menahan tahan VERB _ _ 0 root _ ner=O
    3 imbang imbang NOUN _ _ 2 obj _ ner=O
    4 Persija Persija PROPN _ _ 3 nmod _ ner=S-ORG
    5 . . PUNCT _ _ 2 punct _ ner=O
"""

# Initials that look like a country code ("AS" is Amerika Serikat), with an age after them.
AGED = """
    # text = Polisi menangkap AS (45) di Medan.
    1 Polisi polisi NOUN _ _ 2 nsubj _ ner=O
    2 menangkap tangkap VERB _ _ 0 root _ ner=O
    3 AS AS PROPN _ _ 2 obj _ ner=S-LOC
    4 ( ( PUNCT _ _ 5 punct _ ner=O
    5 45 45 NUM _ _ 3 appos _ ner=O
    6 ) ) PUNCT _ _ 5 punct _ ner=O
    7 di di ADP _ _ 8 case _ ner=O
    8 Medan Medan PROPN _ _ 2 obl _ ner=S-LOC
    9 . . PUNCT _ _ 2 punct _ ner=O

    # text = Saudara AS diduga menerima suap.
    1 Saudara saudara NOUN _ _ 3 nsubj:pass _ ner=O
    2 AS AS PROPN _ _ 1 nmod _ ner=S-LOC
    3 diduga duga VERB _ _ 0 root _ ner=O
    4 menerima terima VERB _ _ 3 xcomp _ ner=O
    5 suap suap NOUN _ _ 4 obj _ ner=O
    6 . . PUNCT _ _ 3 punct _ ner=O
"""

# "AS" as the United States, in another article.
COUNTRY_AS = """
    # text = AS mengecam Iran.
    1 AS AS PROPN _ _ 2 nsubj _ ner=S-LOC
    2 mengecam kecam VERB _ _ 0 root _ ner=O
    3 Iran Iran PROPN _ _ 2 obj _ ner=S-LOC
    4 . . PUNCT _ _ 2 punct _ ner=O
"""


def test_law_initials_after_a_marker_are_a_person(parse: Parse) -> None:
    mentions = {m.text: m for m in extract(parse(DETAINED)).mentions}
    assert mentions["RW"].kind == PERSON and mentions["RW"].initials
    assert mentions["RW"].extent_start == 3  # "tersangka berinisial RW": the noun stands for the person


def test_law_detaining_a_person_is_an_arrest_but_held_to_a_draw_is_none(parse: Parse) -> None:
    arrests = [
        (ev.agent.mention.text, ev.target.mention.text)  # type: ignore[union-attr]
        for ev in extract(parse(DETAINED)).events
        if ev.event_type == "Arrest"
    ]
    assert arrests == [("Kejaksaan Agung", "RW")]


def test_law_initials_with_an_age_are_a_person_not_the_country(parse: Parse) -> None:
    ex = extract(parse(AGED))
    found = [(m.sentence, m.text, m.kind, m.country_code) for m in ex.mentions if m.text == "AS"]
    assert found == [(0, "AS", PERSON, None), (1, "AS", PERSON, None)]
    assert [ev.target.mention.text for ev in ex.events if ev.event_type == "Arrest"] == ["AS"]  # type: ignore[union-attr]


def test_law_initials_stay_in_their_article(parse: Parse) -> None:
    one = extract(parse(AGED, Article("kasus-medan", "")))
    two = extract(parse(AGED, Article("kasus-bogor", "")))
    usa = extract(parse(COUNTRY_AS, Article("amerika", "")))
    index = resolve_actors([one, two, usa])
    suspects = {index.actor_of(ex.doc.article.id, m).slug for ex in (one, two) for m in ex.mentions if m.text == "AS"}  # type: ignore[union-attr]
    assert len(suspects) == 2  # the same initials in two articles are two persons
    country = index.actor_of("amerika", usa.mentions[0])
    assert country is not None and country.kind == COUNTRY and country.slug not in suspects
    for slug in suspects:
        assert index.actors[slug].kind == PERSON and index.actors[slug].name == "AS"
    assert not [m for m in index.merges if m.name.startswith("as")]
