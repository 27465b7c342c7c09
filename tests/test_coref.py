"""Coreference chains within an article (``kg.chains.coreference_chains``), on hand-made parses."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kg.chains import coreference_chains
from kg.coref import resolve_references
from kg.document import ParsedDoc
from kg.extract import extract

Parse = Callable[..., ParsedDoc]


def chains_of(parse: Parse, text: str) -> list[list[tuple[str, str]]]:
    """Each chain as [(reference text, how)], in text order."""
    return [[(r.text, r.how) for r in chain.references] for chain in coreference_chains(extract(parse(text)))]


NAMED_THEN_PRONOUN = """
    # text = Ahmad Zaki tiba di Manila.
    1 Ahmad Ahmad PROPN _ _ 3 nsubj _ ner=B-PER
    2 Zaki Zaki PROPN _ _ 1 flat:name _ ner=E-PER
    3 tiba tiba VERB _ _ 0 root _ ner=O
    4 di di ADP _ _ 5 case _ ner=O
    5 Manila Manila PROPN _ _ 3 obl _ ner=S-LOC
    6 . . PUNCT _ _ 3 punct _ ner=O

    # text = Ia lalu bertemu Zaki Hasan.
    1 Ia dia PRON _ _ 3 nsubj _ ner=O
    2 lalu lalu ADV _ _ 3 advmod _ ner=O
    3 bertemu temu VERB _ _ 0 root _ ner=O
    4 Zaki Zaki PROPN _ _ 3 obj _ ner=B-PER
    5 Hasan Hasan PROPN _ _ 4 flat:name _ ner=E-PER
    6 . . PUNCT _ _ 3 punct _ ner=O

    # text = Zaki memuji Manila.
    1 Zaki Zaki PROPN _ _ 2 nsubj _ ner=S-PER
    2 memuji puji VERB _ _ 0 root _ ner=O
    3 Manila Manila PROPN _ _ 2 obj _ ner=S-LOC
    4 . . PUNCT _ _ 2 punct _ ner=O
"""


def test_coref_chains_pronoun_joins_the_person_named_before(parse: Parse) -> None:
    chains = chains_of(parse, NAMED_THEN_PRONOUN)
    assert [("Ahmad Zaki", "name"), ("Ia", "pronoun")] in chains
    assert [("Manila", "name"), ("Manila", "name")] in chains


def test_coref_chains_ambiguous_short_name_stays_apart(parse: Parse) -> None:
    # "Zaki" could be Ahmad Zaki or Zaki Hasan: it is its own chain
    chains = chains_of(parse, NAMED_THEN_PRONOUN)
    assert [("Zaki Hasan", "name")] in chains
    assert [("Zaki", "name")] in chains


def test_coref_chains_unresolved_pronoun_is_in_no_chain(parse: Parse) -> None:
    chains = chains_of(
        parse,
        """
        # text = Dia memuji Filipina.
        1 Dia dia PRON _ _ 2 nsubj _ ner=O
        2 memuji puji VERB _ _ 0 root _ ner=O
        3 Filipina Filipina PROPN _ _ 2 obj _ ner=S-LOC
        4 . . PUNCT _ _ 2 punct _ ner=O
    """,
    )
    assert chains == [[("Filipina", "name")]]


ROLE_NOUN = """
    # text = Presiden Indonesia Joko Widodo tiba di Manila.
    1 Presiden presiden NOUN _ _ 5 nsubj _ ner=O
    2 Indonesia Indonesia PROPN _ _ 1 nmod _ ner=S-LOC
    3 Joko Joko PROPN _ _ 1 appos _ ner=B-PER
    4 Widodo Widodo PROPN _ _ 3 flat:name _ ner=E-PER
    5 tiba tiba VERB _ _ 0 root _ ner=O
    6 di di ADP _ _ 7 case _ ner=O
    7 Manila Manila PROPN _ _ 5 obl _ ner=S-LOC
    8 . . PUNCT _ _ 5 punct _ ner=O

    # text = Presiden Indonesia itu memuji Filipina.
    1 Presiden presiden NOUN _ _ 4 nsubj _ ner=O
    2 Indonesia Indonesia PROPN _ _ 1 nmod _ ner=S-LOC
    3 itu itu DET _ _ 1 det _ ner=O
    4 memuji puji VERB _ _ 0 root _ ner=O
    5 Filipina Filipina PROPN _ _ 4 obj _ ner=S-LOC
    6 . . PUNCT _ _ 4 punct _ ner=O
"""


def test_coref_chains_role_noun_joins_the_title_holder(parse: Parse) -> None:
    chains = chains_of(parse, ROLE_NOUN)
    # the name's reference covers its titles; the role noun covers what hangs on the title
    assert [("Presiden Indonesia Joko Widodo", "name"), ("Presiden Indonesia itu", "role-noun")] in chains


@pytest.mark.parametrize("text", [NAMED_THEN_PRONOUN, ROLE_NOUN])
def test_coref_chains_no_reference_in_two_chains(parse: Parse, text: str) -> None:
    refs = [(r.sentence, r.start, r.end) for chain in coreference_chains(extract(parse(text))) for r in chain.references]
    assert len(refs) == len(set(refs))


SUBJECT_THEN_OBJECT = """
    # text = Budi Santoso bertemu Ani Lestari.
    1 Budi Budi PROPN _ _ 3 nsubj _ ner=B-PER
    2 Santoso Santoso PROPN _ _ 1 flat:name _ ner=E-PER
    3 bertemu temu VERB _ _ 0 root _ ner=O
    4 Ani Ani PROPN _ _ 3 obj _ ner=B-PER
    5 Lestari Lestari PROPN _ _ 4 flat:name _ ner=E-PER
    6 . . PUNCT _ _ 3 punct _ ner=O

    # text = Ia memuji rumahnya, biasanya.
    1 Ia dia PRON _ _ 2 nsubj _ ner=O
    2 memuji puji VERB _ _ 0 root _ ner=O
    3-4 rumahnya _ _ _ _ _ _ _ _
    3 rumah rumah NOUN _ _ 2 obj _ ner=O
    4 nya nya PRON _ _ 3 nmod:poss _ ner=O
    5 , , PUNCT _ _ 6 punct _ ner=O
    6-7 biasanya _ _ _ _ _ _ _ _
    6 biasa biasa ADJ _ _ 2 advmod _ ner=O
    7 nya nya DET _ _ 6 det _ ner=O
    8 . . PUNCT _ _ 2 punct _ ner=O

    # text = Ani menyalahkan dirinya.
    1 Ani Ani PROPN _ _ 2 nsubj _ ner=S-PER
    2 menyalahkan salah VERB _ _ 0 root _ ner=O
    3-4 dirinya _ _ _ _ _ _ _ _
    3 diri diri NOUN _ _ 2 obj _ ner=O
    4 nya nya PRON _ _ 3 nmod:poss _ ner=O
    5 . . PUNCT _ _ 2 punct _ ner=O
"""


def test_coref_chains_pronoun_prefers_the_latest_subject(parse: Parse) -> None:
    # "Ia" is Budi Santoso (the subject before), not Ani Lestari (named last); "-nya" then follows "Ia"
    chains = chains_of(parse, SUBJECT_THEN_OBJECT)
    assert [("Budi Santoso", "name"), ("Ia", "pronoun"), ("nya", "pronoun")] in chains


def test_coref_chains_nya_that_is_no_pronoun_is_left_alone(parse: Parse) -> None:
    # "biasa|nya" is an adverb: its "-nya" (a determiner here) stands for nobody
    refs = [r for chain in coreference_chains(extract(parse(SUBJECT_THEN_OBJECT))) for r in chain.references]
    assert not [r for r in refs if r.sentence == 1 and r.start == 6]


def test_coref_chains_dirinya_is_one_reference_to_the_subject(parse: Parse) -> None:
    chains = chains_of(parse, SUBJECT_THEN_OBJECT)
    assert [("Ani Lestari", "name"), ("Ani", "name"), ("dirinya", "pronoun")] in chains


SHORTER_NAMES = """
    # text = Badan Intelijen Negara memuji Kabupaten Maros.
    1 Badan Badan PROPN _ _ 4 nsubj _ ner=B-ORG
    2 Intelijen Intelijen PROPN _ _ 1 flat _ ner=I-ORG
    3 Negara Negara PROPN _ _ 1 flat _ ner=E-ORG
    4 memuji puji VERB _ _ 0 root _ ner=O
    5 Kabupaten Kabupaten PROPN _ _ 4 obj _ ner=B-LOC
    6 Maros Maros PROPN _ _ 5 flat _ ner=E-LOC
    7 . . PUNCT _ _ 4 punct _ ner=O

    # text = BIN mengunjungi Maros dan Universitas Indonesia.
    1 BIN BIN PROPN _ _ 2 nsubj _ ner=S-ORG
    2 mengunjungi kunjung VERB _ _ 0 root _ ner=O
    3 Maros Maros PROPN _ _ 2 obj _ ner=S-ORG
    4 dan dan CCONJ _ _ 5 cc _ ner=O
    5 Universitas Universitas PROPN _ _ 3 conj _ ner=B-ORG
    6 Indonesia Indonesia PROPN _ _ 5 flat _ ner=E-ORG
    7 . . PUNCT _ _ 2 punct _ ner=O

    # text = Indonesia memuji Maros.
    1 Indonesia Indonesia PROPN _ _ 2 nsubj _ ner=S-LOC
    2 memuji puji VERB _ _ 0 root _ ner=O
    3 Maros Maros PROPN _ _ 2 obj _ ner=S-LOC
    4 . . PUNCT _ _ 2 punct _ ner=O
"""


def test_coref_chains_acronym_of_initials_and_name_without_classifier(parse: Parse) -> None:
    chains = chains_of(parse, SHORTER_NAMES)
    assert [("Badan Intelijen Negara", "name"), ("BIN", "name")] in chains
    # "Maros" as a place and as an organisation, and "Kabupaten Maros": one entity
    assert [("Kabupaten Maros", "name"), ("Maros", "name"), ("Maros", "name")] in chains
    # "universitas" is no classifier to leave out: Indonesia is not Universitas Indonesia
    assert [("Universitas Indonesia", "name")] in chains
    assert [("Indonesia", "name")] in chains


def test_coref_nya_object_of_an_event_resolves_to_the_person(parse: Parse) -> None:
    ex = extract(
        parse(
            """
        # text = Ahmad Zaki tiba di Manila.
        1 Ahmad Ahmad PROPN _ _ 3 nsubj _ ner=B-PER
        2 Zaki Zaki PROPN _ _ 1 flat:name _ ner=E-PER
        3 tiba tiba VERB _ _ 0 root _ ner=O
        4 di di ADP _ _ 5 case _ ner=O
        5 Manila Manila PROPN _ _ 3 obl _ ner=S-LOC
        6 . . PUNCT _ _ 3 punct _ ner=O

        # text = Filipina memujinya.
        1 Filipina Filipina PROPN _ _ 2 nsubj _ ner=S-LOC
        2-3 memujinya _ _ _ _ _ _ _ _
        2 memuji puji VERB _ _ 0 root _ ner=O
        3 nya nya PRON _ _ 2 obj _ ner=O
        4 . . PUNCT _ _ 2 punct _ ner=O
    """
        )
    )
    [event] = ex.events
    assert event.target is not None and event.target.mention is not None
    assert (event.target.mention.text, event.target.text, event.rule) == ("Ahmad Zaki", "nya", "verb+pronoun")


def test_coref_pronoun_without_a_subject_nearby_is_the_earlier_subject(parse: Parse) -> None:
    """A pronoun three sentences after the last subject is that subject, not a person named in passing."""
    ex = extract(
        parse(
            """
    # text = Ahmad Zaki tiba di Manila .
    1 Ahmad Ahmad PROPN _ _ 3 nsubj _ ner=B-PER
    2 Zaki Zaki PROPN _ _ 1 flat:name _ ner=E-PER
    3 tiba tiba VERB _ _ 0 root _ ner=O
    4 di di ADP _ _ 5 case _ ner=O
    5 Manila Manila PROPN _ _ 3 obl _ ner=S-LOC
    6 . . PUNCT _ _ 3 punct _ ner=O

    # text = Rencana itu usulan Budi Santoso .
    1 Rencana rencana NOUN _ _ 3 nsubj _ ner=O
    2 itu itu DET _ _ 1 det _ ner=O
    3 usulan usul NOUN _ _ 0 root _ ner=O
    4 Budi Budi PROPN _ _ 3 nmod _ ner=B-PER
    5 Santoso Santoso PROPN _ _ 4 flat:name _ ner=E-PER
    6 . . PUNCT _ _ 3 punct _ ner=O

    # text = Rencana itu baik .
    1 Rencana rencana NOUN _ _ 3 nsubj _ ner=O
    2 itu itu DET _ _ 1 det _ ner=O
    3 baik baik ADJ _ _ 0 root _ ner=O
    4 . . PUNCT _ _ 3 punct _ ner=O

    # text = Malaysia menelepon nya .
    1 Malaysia Malaysia PROPN _ _ 2 nsubj _ ner=S-LOC
    2 menelepon telepon VERB _ _ 0 root _ ner=O
    3 nya nya PRON _ _ 2 obj _ ner=O
    4 . . PUNCT _ _ 2 punct _ ner=O
    """
        )
    )
    [meet] = [e for e in ex.events if e.event_type == "Meet"]
    assert meet.target is not None and meet.target.mention is not None
    assert meet.target.mention.text == "Ahmad Zaki"


def _said_by_them(second: str) -> str:
    return f"""
    # text = Kevin Lasut dan {second} tiba di Manila .
    1 Kevin Kevin PROPN _ _ 6 nsubj _ ner=B-PER
    2 Lasut Lasut PROPN _ _ 1 flat:name _ ner=E-PER
    3 dan dan CCONJ _ _ 4 cc _ ner=O
    4 {second.split()[0]} {second.split()[0]} PROPN _ _ 1 conj _ ner=B-PER
    5 {second.split()[1]} {second.split()[1]} PROPN _ _ 4 flat:name _ ner=E-PER
    6 tiba tiba VERB _ _ 0 root _ ner=O
    7 di di ADP _ _ 8 case _ ner=O
    8 Manila Manila PROPN _ _ 6 obl _ ner=S-LOC
    9 . . PUNCT _ _ 6 punct _ ner=O

    # text = Hubungan itu kuat , seperti yang dikatakan mereka .
    1 Hubungan hubung NOUN _ _ 3 nsubj _ ner=O
    2 itu itu DET _ _ 1 det _ ner=O
    3 kuat kuat ADJ _ _ 0 root _ ner=O
    4 , , PUNCT _ _ 7 punct _ ner=O
    5 seperti seperti SCONJ _ _ 7 mark _ ner=O
    6 yang yang PRON _ _ 7 nsubj:pass _ ner=O
    7 dikatakan kata VERB _ _ 3 advcl _ ner=O
    8 mereka mereka PRON _ _ 7 obl:agent _ ner=O
    9 . . PUNCT _ _ 3 punct _ ner=O
    """


@pytest.mark.parametrize(
    ("second", "speakers"),
    [("Dina Wibowo", ["Kevin Lasut", "Dina Wibowo"]), ("Kevin Lasut", ["?mereka"])],
    ids=["two-persons", "one-person-twice"],
)
def test_coref_plural_pronoun_is_each_person_named_together_before(parse: Parse, second: str, speakers: list[str]) -> None:
    ex = extract(parse(_said_by_them(second)))
    said = [e.agent for e in ex.events if e.event_type == "Statement"]
    assert [(a.mention.text if a.mention is not None else f"?{a.text}") for a in said if a is not None] == speakers


def test_coref_keduanya_is_a_person_and_the_partner_named_with_them(parse: Parse) -> None:
    """ "Nadir bersama Budi berangkat ke Istanbul. Keduanya bertolak menuju Lebanon." ("keduanya" is one token of two
    words, "kedua" + "nya", as Stanza splits it)."""
    ex = extract(
        parse(
            """
    # text = Nadir bersama Budi berangkat ke Istanbul .
    1 Nadir Nadir PROPN _ _ 4 nsubj _ ner=S-PER
    2 bersama bersama ADP _ _ 3 case _ ner=O
    3 Budi Budi PROPN _ _ 1 nmod _ ner=S-PER
    4 berangkat angkat VERB _ _ 0 root _ ner=O
    5 ke ke ADP _ _ 6 case _ ner=O
    6 Istanbul Istanbul PROPN _ _ 4 obl _ ner=S-LOC
    7 . . PUNCT _ _ 4 punct _ ner=O

    # text = Keduanya bertolak menuju Lebanon .
    1-2 Keduanya _ _ _ _ _ _ _ _
    1 Kedua dua NUM _ _ 3 nsubj _ ner=O
    2 nya nya PRON _ _ 1 nmod:poss _ ner=O
    3 bertolak tolak VERB _ _ 0 root _ ner=O
    4 menuju tuju ADP _ _ 5 case _ ner=O
    5 Lebanon Lebanon PROPN _ _ 3 obl _ ner=S-LOC
    6 . . PUNCT _ _ 3 punct _ ner=O
    """
        )
    )
    visits = sorted(
        (e.agent.mention.text, e.target.mention.text)
        for e in ex.events
        if e.sentence == 1 and e.agent is not None and e.agent.mention is not None and e.target is not None and e.target.mention
    )
    assert visits == [("Budi", "Lebanon"), ("Nadir", "Lebanon")]


STATEMENT_BY_A_TITLE = """
    # text = {first} Filipina mengatakan hal itu.
    1 {first} {lower} NOUN _ _ 3 nsubj _ ner=O
    2 Filipina Filipina PROPN _ _ 1 nmod _ ner=S-LOC
    3 mengatakan kata VERB _ _ 0 root _ ner=O
    4 hal hal NOUN _ _ 3 obj _ ner=O
    5 itu itu DET _ _ 4 det _ ner=O
    6 . . PUNCT _ _ 3 punct _ ner=O
"""

TITLE_OF_A_COUNTRY = (
    STATEMENT_BY_A_TITLE
    + """
    # text = Menteri Luar Negeri Filipina Ramon Cruz tiba di Jakarta.
    1 Menteri Menteri PROPN _ _ 7 nsubj _ ner=O
    2 Luar Luar PROPN _ _ 1 flat:name _ ner=O
    3 Negeri Negeri PROPN _ _ 1 flat:name _ ner=O
    4 Filipina Filipina PROPN _ _ 1 flat:name _ ner=S-LOC
    5 Ramon Ramon PROPN _ _ 1 flat:name _ ner=B-PER
    6 Cruz Cruz PROPN _ _ 5 flat:name _ ner=E-PER
    7 tiba tiba VERB _ _ 0 root _ ner=O
    8 di di ADP _ _ 9 case _ ner=O
    9 Jakarta Jakarta PROPN _ _ 7 obl _ ner=S-LOC
    10 . . PUNCT _ _ 7 punct _ ner=O
{more}
"""
    + STATEMENT_BY_A_TITLE
)

SECOND_HOLDER = """
    # text = Presiden Filipina Maria Santos tiba di Jakarta.
    1 Presiden Presiden PROPN _ _ 5 nsubj _ ner=O
    2 Filipina Filipina PROPN _ _ 1 flat:name _ ner=S-LOC
    3 Maria Maria PROPN _ _ 1 flat:name _ ner=B-PER
    4 Santos Santos PROPN _ _ 3 flat:name _ ner=E-PER
    5 tiba tiba VERB _ _ 0 root _ ner=O
    6 di di ADP _ _ 7 case _ ner=O
    7 Jakarta Jakarta PROPN _ _ 5 obl _ ner=S-LOC
    8 . . PUNCT _ _ 5 punct _ ner=O
"""


@pytest.mark.parametrize(
    ("first", "more", "speaker"),
    [
        ("Menteri", "", "Ramon Cruz"),  # the minister, named after the lead and before the second statement
        ("Menteri", SECOND_HOLDER, "Ramon Cruz"),  # the only minister of the two office holders
        ("Pejabat", "", "Ramon Cruz"),  # "an official of": the only office holder of that country
        ("Pejabat", SECOND_HOLDER, "Filipina"),  # two office holders: the country it stays
    ],
)
def test_coref_title_of_a_country_is_its_holder(parse: Parse, first: str, more: str, speaker: str) -> None:
    """ "Menteri Filipina mengatakan": the minister the article names, before or after; else the country."""
    ex = extract(parse(TITLE_OF_A_COUNTRY.format(first=first, lower=first.lower(), more=more)))
    statements = [e for e in ex.events if e.event_type == "Statement"]
    assert len(statements) == 2
    for event in statements:
        assert event.agent is not None and event.agent.mention is not None
        assert event.agent.mention.text == speaker
        assert event.rule.endswith("+role-noun") == (speaker != "Filipina")


@pytest.mark.parametrize(("pronoun_at", "resolved"), [("inside", None), ("outside", "Ahmad Zaki")])
def test_coref_third_person_pronoun_in_a_quote_is_not_its_speaker(parse: Parse, pronoun_at: str, resolved: str | None) -> None:
    """'"Polisi memujinya," ujar Ahmad Zaki': "nya" is someone else; outside the quote it is Zaki."""
    quote = '"' if pronoun_at == "inside" else ","
    ex = resolve_references(
        extract(
            parse(
                f"""
        # text = Ahmad Zaki tiba di Manila.
        1 Ahmad Ahmad PROPN _ _ 3 nsubj _ ner=B-PER
        2 Zaki Zaki PROPN _ _ 1 flat:name _ ner=E-PER
        3 tiba tiba VERB _ _ 0 root _ ner=O
        4 di di ADP _ _ 5 case _ ner=O
        5 Manila Manila PROPN _ _ 3 obl _ ner=S-LOC
        6 . . PUNCT _ _ 3 punct _ ner=O

        # text = {quote} Filipina memujinya , " ujar Ahmad Zaki .
        1 {quote} {quote} PUNCT _ _ 3 punct _ ner=O
        2 Filipina Filipina PROPN _ _ 3 nsubj _ ner=S-LOC
        3-4 memujinya _ _ _ _ _ _ _ _
        3 memuji puji VERB _ _ 0 root _ ner=O
        4 nya nya PRON _ _ 3 obj _ ner=O
        5 , , PUNCT _ _ 7 punct _ ner=O
        6 " " PUNCT _ _ 7 punct _ ner=O
        7 ujar ujar VERB _ _ 3 parataxis _ ner=O
        8 Ahmad Ahmad PROPN _ _ 7 nsubj _ ner=B-PER
        9 Zaki Zaki PROPN _ _ 8 flat:name _ ner=E-PER
        10 . . PUNCT _ _ 3 punct _ ner=O
    """
            )
        )
    )
    [praise] = [e for e in ex.events if e.event_type == "Praise"]
    assert praise.target is not None
    assert (praise.target.mention.text if praise.target.mention else None) == resolved


def test_coref_fronted_nya_is_the_subject_named_after_it(parse: Parse) -> None:
    """ "Dalam pernyataannya, Komite Nobel mengatakan ...": the committee's statement, not the last person's."""
    ex = resolve_references(
        extract(
            parse(
                """
        # text = Ahmad Zaki tiba di Manila.
        1 Ahmad Ahmad PROPN _ _ 3 nsubj _ ner=B-PER
        2 Zaki Zaki PROPN _ _ 1 flat:name _ ner=E-PER
        3 tiba tiba VERB _ _ 0 root _ ner=O
        4 di di ADP _ _ 5 case _ ner=O
        5 Manila Manila PROPN _ _ 3 obl _ ner=S-LOC
        6 . . PUNCT _ _ 3 punct _ ner=O

        # text = Dalam pernyataannya , Komite Nobel mengatakan hal itu .
        1 Dalam dalam ADP _ _ 2 case _ ner=O
        2-3 pernyataannya _ _ _ _ _ _ _ _
        2 pernyataan nyata NOUN _ _ 7 obl _ ner=O
        3 nya nya PRON _ _ 2 nmod:poss _ ner=O
        4 , , PUNCT _ _ 2 punct _ ner=O
        5 Komite Komite PROPN _ _ 7 nsubj _ ner=B-ORG
        6 Nobel Nobel PROPN _ _ 5 flat:name _ ner=E-ORG
        7 mengatakan kata VERB _ _ 0 root _ ner=O
        8 hal hal NOUN _ _ 7 obj _ ner=O
        9 itu itu DET _ _ 8 det _ ner=O
        10 . . PUNCT _ _ 7 punct _ ner=O
    """
            )
        )
    )
    speakers = {e.agent.mention.text for e in ex.events if e.event_type == "Statement" and e.agent and e.agent.mention}
    assert speakers == {"Komite Nobel"}


def test_coref_speech_pronoun_after_an_unnamed_spokesperson_is_that_spokespersons(parse: Parse) -> None:
    """'Ahmad Zaki ... "...," ucap seorang juru bicara Kementerian Luar Negeri Filipina. Ia juga mengatakan ...'."""
    ex = resolve_references(
        extract(
            parse(
                """
        # text = Ahmad Zaki mengatakan hal itu .
        1 Ahmad Ahmad PROPN _ _ 3 nsubj _ ner=B-PER
        2 Zaki Zaki PROPN _ _ 1 flat:name _ ner=E-PER
        3 mengatakan kata VERB _ _ 0 root _ ner=O
        4 hal hal NOUN _ _ 3 obj _ ner=O
        5 itu itu DET _ _ 4 det _ ner=O
        6 . . PUNCT _ _ 3 punct _ ner=O

        # text = " Kami siap , " ucap seorang juru bicara Kementerian Luar Negeri Filipina .
        1 " " PUNCT _ _ 3 punct _ ner=O
        2 Kami kami PRON _ _ 3 nsubj _ ner=O
        3 siap siap ADJ _ _ 0 root _ ner=O
        4 , , PUNCT _ _ 3 punct _ ner=O
        5 " " PUNCT _ _ 3 punct _ ner=O
        6 ucap ucap VERB _ _ 3 parataxis _ ner=O
        7 seorang seorang DET _ _ 8 det _ ner=O
        8 juru juru NOUN _ _ 6 nsubj _ ner=O
        9 bicara bicara VERB _ _ 8 compound _ ner=O
        10 Kementerian Kementerian PROPN _ _ 8 nmod _ ner=B-ORG
        11 Luar Luar PROPN _ _ 10 flat:name _ ner=I-ORG
        12 Negeri Negeri PROPN _ _ 10 flat:name _ ner=I-ORG
        13 Filipina Filipina PROPN _ _ 10 flat:name _ ner=E-ORG
        14 . . PUNCT _ _ 3 punct _ ner=O

        # text = Ia juga mengatakan hal itu .
        1 Ia dia PRON _ _ 3 nsubj _ ner=O
        2 juga juga ADV _ _ 3 advmod _ ner=O
        3 mengatakan kata VERB _ _ 0 root _ ner=O
        4 hal hal NOUN _ _ 3 obj _ ner=O
        5 itu itu DET _ _ 4 det _ ner=O
        6 . . PUNCT _ _ 3 punct _ ner=O
    """
            )
        )
    )
    speakers = [(e.sentence, e.agent.mention.text if e.agent and e.agent.mention else None) for e in ex.events]
    assert speakers == [(0, "Ahmad Zaki"), (1, "Kementerian Luar Negeri Filipina"), (2, "Kementerian Luar Negeri Filipina")]


SPEAKER_THEN_CLAUSE = """
    # text = Budi Santoso mengatakan hal itu.
    1 Budi Budi PROPN _ _ 3 nsubj _ ner=B-PER
    2 Santoso Santoso PROPN _ _ 1 flat:name _ ner=E-PER
    3 mengatakan kata VERB _ _ 0 root _ ner=O
    4 hal hal NOUN _ _ 3 obj _ ner=O
    5 itu itu DET _ _ 4 det _ ner=O
    6 . . PUNCT _ _ 3 punct _ ner=O

    # text = {middle}
    {rows}

    # text = Dia menilai hal itu wajar.
    1 Dia dia PRON _ _ 2 nsubj _ ner=O
    2 menilai nilai VERB _ _ 0 root _ ner=O
    3 hal hal NOUN _ _ 2 obj _ ner=O
    4 itu itu DET _ _ 3 det _ ner=O
    5 wajar wajar ADJ _ _ 2 xcomp _ ner=O
    6 . . PUNCT _ _ 2 punct _ ner=O
"""

ANDI_IN_A_CLAUSE = """1 Harga harga NOUN _ _ 2 nsubj _ ner=O
    2 naik naik VERB _ _ 0 root _ ner=O
    3 karena karena SCONJ _ _ 6 mark _ ner=O
    4 Andi Andi PROPN _ _ 6 nsubj _ ner=B-PER
    5 Wijaya Wijaya PROPN _ _ 4 flat:name _ ner=E-PER
    6 pergi pergi VERB _ _ 2 advcl _ ner=O
    7 . . PUNCT _ _ 2 punct _ ner=O"""

ANDI_AS_THE_SUBJECT = """1 Andi Andi PROPN _ _ 3 nsubj _ ner=B-PER
    2 Wijaya Wijaya PROPN _ _ 1 flat:name _ ner=E-PER
    3 pergi pergi VERB _ _ 0 root _ ner=O
    4 . . PUNCT _ _ 3 punct _ ner=O"""


@pytest.mark.parametrize(
    ("middle", "rows", "speaker"),
    [
        ("Harga naik karena Andi Wijaya pergi.", ANDI_IN_A_CLAUSE, "Budi Santoso"),
        ("Andi Wijaya pergi.", ANDI_AS_THE_SUBJECT, "Andi Wijaya"),
    ],
)
def test_a_speakers_pronoun_skips_persons_who_are_subjects_only_of_a_subordinate_clause(
    parse: Parse, middle: str, rows: str, speaker: str
) -> None:
    """ "Menurut dia, ... karena Ahok sulit diserang. Dia menilai ...": "Dia" is still the speaker; a person who
    has since been the subject of a main clause takes over."""
    doc = parse(SPEAKER_THEN_CLAUSE.format(middle=middle, rows=rows))
    events = resolve_references(extract(doc)).events
    said = [e.agent.mention.text for e in events if e.trigger == "menilai" and e.agent and e.agent.mention]
    assert said == [speaker]


_GOVERNMENT = """
    # text = {first}
    {rows}

    # text = Ahmad Zaki mendesak pemerintah .
    1 Ahmad Ahmad PROPN _ _ 3 nsubj _ ner=B-PER
    2 Zaki Zaki PROPN _ _ 1 flat:name _ ner=E-PER
    3 mendesak desak VERB _ _ 0 root _ ner=O
    4 pemerintah pemerintah NOUN _ _ 3 obj _ ner=O
    5 . . PUNCT _ _ 3 punct _ ner=O
"""


@pytest.mark.parametrize(
    ("first", "rows", "government"),
    [
        (
            "Pemerintah Malaysia membantah .",
            "1 Pemerintah Pemerintah PROPN _ _ 3 nsubj _ ner=B-ORG\n    2 Malaysia Malaysia PROPN _ _ 1 flat:name _ ner=E-ORG\n"
            "    3 membantah bantah VERB _ _ 0 root _ ner=O\n    4 . . PUNCT _ _ 3 punct _ ner=O",
            "Malaysia",
        ),
        (
            "Warga berkumpul .",
            "1 Warga warga NOUN _ _ 2 nsubj _ ner=O\n    2 berkumpul kumpul VERB _ _ 0 root _ ner=O\n"
            "    3 . . PUNCT _ _ 2 punct _ ner=O",
            "Indonesia",
        ),
        (
            "Warga Malaysia berkumpul .",
            "1 Warga warga NOUN _ _ 3 nsubj _ ner=O\n    2 Malaysia Malaysia PROPN _ _ 1 nmod _ ner=S-LOC\n"
            "    3 berkumpul kumpul VERB _ _ 0 root _ ner=O\n    4 . . PUNCT _ _ 3 punct _ ner=O",
            None,
        ),
    ],
    ids=["named-government", "domestic-article", "foreign-country-named"],
)
def test_coref_bare_government_is_the_country_governed(parse: Parse, first: str, rows: str, government: str | None) -> None:
    """ "mendesak pemerintah": the country named as a government before; in an article naming no country, the home
    country's (Indonesia for Indonesian news); with another country named but not as a government, nobody."""
    ex = extract(parse(_GOVERNMENT.format(first=first, rows=rows)))
    [demand] = [e for e in ex.events if e.event_type == "Demand"]
    assert demand.target is not None
    assert (demand.target.mention.text if demand.target.mention else None) == government
    if government is not None:
        assert demand.rule.endswith("+government")
        assert demand.target.mention in ex.mentions  # an implied country is one of the article's mentions


def test_coref_bare_authorities_are_a_government_too(parse: Parse) -> None:
    """ "meminta otoritas memeriksa ...", after "Otoritas Yordania menyebut ...": the authorities are Jordan's, as a
    bare "pemerintah" would be (``[organizations] governments``)."""
    first = "Otoritas Yordania membantah ."
    rows = (
        "1 Otoritas otoritas NOUN _ _ 3 nsubj _ ner=O\n    2 Yordania Yordania PROPN _ _ 1 nmod _ ner=S-LOC\n"
        "    3 membantah bantah VERB _ _ 0 root _ ner=O\n    4 . . PUNCT _ _ 3 punct _ ner=O"
    )
    text = _GOVERNMENT.format(first=first, rows=rows).replace("pemerintah", "otoritas")
    ex = extract(parse(text))
    [demand] = [e for e in ex.events if e.event_type == "Demand"]
    assert demand.target is not None and demand.target.mention is not None
    assert demand.target.mention.text == "Yordania"
    assert demand.rule.endswith("+government")
