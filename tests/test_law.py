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


# One acronym for two provinces' agencies, each article spelling out its own (invented).
BPBD_JAKARTA = """
    # text = Badan Penanggulangan Bencana Daerah (BPBD) DKI Jakarta mengirim bantuan ke Bogor.
    1 Badan Badan NOUN _ _ 10 nsubj _ ner=B-ORG
    2 Penanggulangan Penanggulangan PROPN _ _ 1 nmod _ ner=I-ORG
    3 Bencana Bencana PROPN _ _ 2 flat:name _ ner=I-ORG
    4 Daerah Daerah PROPN _ _ 2 flat:name _ ner=I-ORG
    5 ( ( PUNCT _ _ 6 punct _ ner=I-ORG
    6 BPBD BPBD PROPN _ _ 1 appos _ ner=I-ORG
    7 ) ) PUNCT _ _ 6 punct _ ner=E-ORG
    8 DKI DKI PROPN _ _ 6 flat:name _ ner=B-LOC
    9 Jakarta Jakarta PROPN _ _ 8 flat:name _ ner=E-LOC
    10 mengirim kirim VERB _ _ 0 root _ ner=O
    11 bantuan bantu NOUN _ _ 10 obj _ ner=O
    12 ke ke ADP _ _ 13 case _ ner=O
    13 Bogor Bogor PROPN _ _ 11 nmod _ ner=S-LOC
    14 . . PUNCT _ _ 10 punct _ ner=O

    # text = BPBD juga mengecam Gubernur Banten.
    1 BPBD BPBD PROPN _ _ 3 nsubj _ ner=S-ORG
    2 juga juga ADV _ _ 3 advmod _ ner=O
    3 mengecam kecam VERB _ _ 0 root _ ner=O
    4 Gubernur Gubernur NOUN _ _ 3 obj _ ner=O
    5 Banten Banten PROPN _ _ 4 nmod _ ner=S-LOC
    6 . . PUNCT _ _ 3 punct _ ner=O
"""

BPBD_BIAK = """
    # text = Badan Penanggulangan Bencana Daerah (BPBD) Biak mengirim bantuan ke Nabire.
    1 Badan Badan NOUN _ _ 9 nsubj _ ner=B-ORG
    2 Penanggulangan Penanggulangan PROPN _ _ 1 nmod _ ner=I-ORG
    3 Bencana Bencana PROPN _ _ 2 flat:name _ ner=I-ORG
    4 Daerah Daerah PROPN _ _ 3 flat:name _ ner=I-ORG
    5 ( ( PUNCT _ _ 6 punct _ ner=I-ORG
    6 BPBD BPBD PROPN _ _ 1 appos _ ner=I-ORG
    7 ) ) PUNCT _ _ 6 punct _ ner=I-ORG
    8 Biak Biak PROPN _ _ 1 nmod _ ner=E-ORG
    9 mengirim kirim VERB _ _ 0 root _ ner=O
    10 bantuan bantu NOUN _ _ 9 obj _ ner=O
    11 ke ke ADP _ _ 12 case _ ner=O
    12 Nabire Nabire PROPN _ _ 10 nmod _ ner=S-LOC
    13 . . PUNCT _ _ 9 punct _ ner=O

    # text = BPBD juga mengecam Bupati Nabire.
    1 BPBD BPBD PROPN _ _ 3 nsubj _ ner=S-ORG
    2 juga juga ADV _ _ 3 advmod _ ner=O
    3 mengecam kecam VERB _ _ 0 root _ ner=O
    4 Bupati Bupati PROPN _ _ 3 obj _ ner=B-PER
    5 Nabire Nabire PROPN _ _ 4 flat:name _ ner=E-PER
    6 . . PUNCT _ _ 3 punct _ ner=O
"""


def test_law_acronym_joins_agencies_across_articles_only_when_they_agree(parse: Parse) -> None:
    jakarta = extract(parse(BPBD_JAKARTA, Article("banjir-jakarta", "")))
    biak = extract(parse(BPBD_BIAK, Article("banjir-biak", "")))
    index = resolve_actors([jakarta, biak])
    bare = {ex.doc.article.id: index.actor_of(ex.doc.article.id, ex.mentions[-2]) for ex in (jakarta, biak)}
    assert [ex.mentions[-2].text for ex in (jakarta, biak)] == ["BPBD", "BPBD"]
    assert bare["banjir-jakarta"] is not None and bare["banjir-biak"] is not None
    assert bare["banjir-jakarta"].slug != bare["banjir-biak"].slug  # the two agencies stay apart
    assert bare["banjir-biak"].name == "Badan Penanggulangan Bencana Daerah (BPBD) Biak"
    reasons = [m.reason for m in index.merges if m.name == "bpbd"]
    assert any("in article banjir-biak" in r and "another actor in other articles" in r for r in reasons)
    # one article alone: its acronym is its agency, as before
    alone = resolve_actors([biak])
    assert alone.actor_of("banjir-biak", biak.mentions[-2]).name == bare["banjir-biak"].name  # type: ignore[union-attr]


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
