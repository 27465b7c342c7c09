"""Frames and finders for threats, nominal attacks and law news, on hand-made parses (kg/extract/finders.py)."""

from __future__ import annotations

from collections.abc import Callable

from kg.coref import resolve_references
from kg.document import Article, ParsedDoc
from kg.extract import extract
from kg.types import Participant

Parse = Callable[..., ParsedDoc]


def _who(part: Participant | None) -> str | None:
    if part is None:
        return None
    return part.mention.text if part.mention is not None else f"?{part.text}"


def _events(doc: ParsedDoc, disabled: frozenset[str] = frozenset()) -> list[tuple[str, str | None, str | None, str, str]]:
    ex = extract(doc, disabled=disabled)
    return [(e.event_type, _who(e.agent), _who(e.target), e.modality, e.rule) for e in ex.events]


THREAT = """
    # text = Korea Utara mengancam akan menyerang Korea Selatan.
    1 Korea Korea PROPN _ _ 3 nsubj _ ner=B-LOC
    2 Utara Utara PROPN _ _ 1 flat:name _ ner=E-LOC
    3 mengancam ancam VERB _ _ 0 root _ ner=O
    4 akan akan AUX _ _ 5 aux _ ner=O
    5 menyerang serang VERB _ _ 3 xcomp _ ner=O
    6 Korea Korea PROPN _ _ 5 obj _ ner=B-LOC
    7 Selatan Selatan PROPN _ _ 6 flat:name _ ner=E-LOC
    8 . . PUNCT _ _ 3 punct _ ner=O
"""


def test_a_threat_of_an_act_threatens_the_acts_target_and_the_act_is_not_asserted(parse: Parse) -> None:
    doc = parse(THREAT, Article("uji", ""))
    assert _events(doc) == [
        ("Threaten", "Korea Utara", "Korea Selatan", "asserted", "phrase+act-target"),
        ("Attack", "Korea Utara", "Korea Selatan", "future", "verb"),
    ]
    # without the finder the threat has no target, so no edge; the threatened act is still only future
    assert _events(doc, frozenset({"act-target"})) == [("Attack", "Korea Utara", "Korea Selatan", "future", "verb")]


THREAT_TO_FORCES = """
    # text = Israel mengancam akan menyerang pasukan Hamas.
    1 Israel Israel PROPN _ _ 2 nsubj _ ner=S-LOC
    2 mengancam ancam VERB _ _ 0 root _ ner=O
    3 akan akan AUX _ _ 4 aux _ ner=O
    4 menyerang serang VERB _ _ 2 xcomp _ ner=O
    5 pasukan pasukan NOUN _ _ 4 obj _ ner=O
    6 Hamas Hamas PROPN _ _ 5 nmod _ ner=S-ORG
    7 . . PUNCT _ _ 2 punct _ ner=O
"""


def test_a_threat_against_a_noun_that_is_aimed_nowhere_threatens_what_the_noun_stands_for(parse: Parse) -> None:
    """ "menyerang pasukan Hamas": the forces are not a mention, and have no "ke"/"terhadap" phrase: the
    noun itself is the act's target, resolved to Hamas (it gave no Threaten before)."""
    doc = parse(THREAT_TO_FORCES, Article("uji", ""))
    assert ("Threaten", "Israel", "Hamas", "asserted", "phrase+act-target") in _events(doc)


def test_a_threat_against_a_countrys_forces_threatens_the_forces(parse: Parse) -> None:
    """ "menyerang pasukan Israel": a country's forces are an actor of their own (``[organizations] forces``)."""
    swapped = THREAT_TO_FORCES.replace("Israel", "ISRAEL").replace("Hamas", "Israel").replace("ISRAEL", "Hamas")
    swapped = swapped.replace("ner=S-LOC", "ner=S-X").replace("ner=S-ORG", "ner=S-LOC").replace("ner=S-X", "ner=S-ORG")
    doc = parse(swapped, Article("uji", ""))
    assert ("Threaten", "Hamas", "pasukan Israel", "asserted", "phrase+act-target") in _events(doc)
    assert ("Attack", "Hamas", "pasukan Israel", "future", "verb") in _events(doc)


RELATIVE_AS_PASSIVE_SUBJECT = """
    # text = Fredrich mundur karena ada pengacara Maqdir Ismail yang ikut membela Setnov.
    1 Fredrich Fredrich PROPN _ _ 2 nsubj _ ner=S-PER
    2 mundur mundur VERB _ _ 0 root _ ner=O
    3 karena karena SCONJ _ _ 4 mark _ ner=O
    4 ada ada VERB _ _ 2 xcomp _ ner=O
    5 pengacara acara NOUN _ _ 4 obj _ ner=O
    6 Maqdir Maqdir PROPN _ _ 5 nmod _ ner=B-PER
    7 Ismail Ismail PROPN _ _ 6 flat:name _ ner=E-PER
    8 yang yang PRON _ _ 9 nsubj:pass _ ner=O
    9 ikut ikut VERB _ _ 5 acl:relcl _ ner=O
    10 membela bela VERB _ _ 9 xcomp _ ner=O
    11 Setnov Setnov PROPN _ _ 10 obj _ ner=S-PER
    12 . . PUNCT _ _ 2 punct _ ner=O
"""


def test_a_relative_pronoun_parsed_as_a_passive_subject_of_an_active_verb_is_its_subject(parse: Parse) -> None:
    """Stanza hangs "yang" on the active "ikut" as nsubj:pass; the lawyer named is who defends (no agent before)."""
    doc = parse(RELATIVE_AS_PASSIVE_SUBJECT, Article("uji", ""))
    assert ("Support", "Maqdir Ismail", "Setnov", "asserted", "verb") in _events(doc)


NOMINAL_ATTACK = """
    # text = Menteri Luar Negeri Indonesia Sugiono mengecam keras serangan Israel terhadap Iran.
    1 Menteri Menteri PROPN _ _ 6 nsubj _ ner=O
    2 Luar Luar PROPN _ _ 1 flat:name _ ner=O
    3 Negeri Negeri PROPN _ _ 1 flat:name _ ner=O
    4 Indonesia Indonesia PROPN _ _ 1 flat:name _ ner=O
    5 Sugiono Sugiono PROPN _ _ 1 flat:name _ ner=S-PER
    6 mengecam kecam VERB _ _ 0 root _ ner=O
    7 keras keras ADJ _ _ 6 advmod _ ner=O
    8 serangan serang NOUN _ _ 6 obj _ ner=O
    9 Israel Israel PROPN _ _ 8 nmod _ ner=S-LOC
    10 terhadap hadap ADP _ _ 11 case _ ner=O
    11 Iran Iran PROPN _ _ 8 nmod _ ner=S-LOC
    12 . . PUNCT _ _ 6 punct _ ner=O
"""


def test_an_attack_named_by_a_noun_is_an_event_between_its_owner_and_its_target(parse: Parse) -> None:
    doc = parse(NOMINAL_ATTACK, Article("uji", ""))
    assert _events(doc) == [
        ("Criticize", "Sugiono", "Israel", "asserted", "phrase"),
        ("Attack", "Israel", "Iran", "asserted", "nominal"),
    ]


def test_an_unowned_attack_noun_is_no_event(parse: Parse) -> None:
    doc = parse(
        """
        # text = Sugiono mengecam serangan terhadap Iran.
        1 Sugiono Sugiono PROPN _ _ 2 nsubj _ ner=S-PER
        2 mengecam kecam VERB _ _ 0 root _ ner=O
        3 serangan serang NOUN _ _ 2 obj _ ner=O
        4 terhadap hadap ADP _ _ 5 case _ ner=O
        5 Iran Iran PROPN _ _ 3 nmod _ ner=S-LOC
        6 . . PUNCT _ _ 2 punct _ ner=O
        """,
        Article("uji", ""),
    )
    assert [e[0] for e in _events(doc)] == ["Criticize"]


def _named_as_suspect(tail: str) -> str:
    return f"""
    # text = KPK menetapkan Budi Santoso sebagai {tail}.
    1 KPK KPK PROPN _ _ 2 nsubj _ ner=S-ORG
    2 menetapkan tetap VERB _ _ 0 root _ ner=O
    3 Budi Budi PROPN _ _ 2 obj _ ner=B-PER
    4 Santoso Santoso PROPN _ _ 3 flat:name _ ner=E-PER
    5 sebagai bagai ADP _ _ 6 case _ ner=O
    6 {tail} {tail} NOUN _ _ 2 obl _ ner=O
    7 . . PUNCT _ _ 2 punct _ ner=O
    """


def test_naming_someone_a_suspect_is_an_arrest_and_naming_them_anything_else_is_not(parse: Parse) -> None:
    assert _events(parse(_named_as_suspect("tersangka"), Article("uji", ""))) == [
        ("Arrest", "KPK", "Budi Santoso", "asserted", "verb")
    ]
    assert _events(parse(_named_as_suspect("ketua"), Article("uji", ""))) == []


PASSIVE_SUSPECT = """
    # text = Budi Santoso ditetapkan sebagai tersangka oleh Komisi Pemberantasan Korupsi.
    1 Budi Budi PROPN _ _ 3 nsubj:pass _ ner=B-PER
    2 Santoso Santoso PROPN _ _ 1 flat:name _ ner=E-PER
    3 ditetapkan tetap VERB _ _ 0 root _ ner=O
    4 sebagai bagai ADP _ _ 5 case _ ner=O
    5 tersangka sangka NOUN _ _ 3 obl _ ner=O
    6 oleh oleh ADP _ _ 7 case _ ner=O
    7 Komisi Komisi PROPN _ _ 5 nmod _ ner=B-ORG
    8 Pemberantasan Pemberantasan PROPN _ _ 7 flat:name _ ner=I-ORG
    9 Korupsi Korupsi PROPN _ _ 8 flat:name _ ner=E-ORG
    10 . . PUNCT _ _ 3 punct _ ner=O
"""


def test_the_agent_of_a_passive_can_hang_on_its_complement(parse: Parse) -> None:
    doc = parse(PASSIVE_SUSPECT, Article("uji", ""))
    assert _events(doc) == [
        ("Arrest", "Komisi Pemberantasan Korupsi", "Budi Santoso", "asserted", "passive+complement-passive-agent")
    ]


HELD_THEN_CHARGED = """
    # text = KPK menahan Budi Santoso.
    1 KPK KPK PROPN _ _ 2 nsubj _ ner=S-ORG
    2 menahan tahan VERB _ _ 0 root _ ner=O
    3 Budi Budi PROPN _ _ 2 obj _ ner=B-PER
    4 Santoso Santoso PROPN _ _ 3 flat:name _ ner=E-PER
    5 . . PUNCT _ _ 2 punct _ ner=O

    # text = Andi Wijaya dijerat dengan Pasal 2.
    1 Andi Andi PROPN _ _ 3 nsubj:pass _ ner=B-PER
    2 Wijaya Wijaya PROPN _ _ 1 flat:name _ ner=E-PER
    3 dijerat jerat VERB _ _ 0 root _ ner=O
    4 dengan dengan ADP _ _ 5 case _ ner=O
    5 Pasal Pasal PROPN _ _ 3 obl _ ner=O
    6 2 2 NUM _ _ 5 nummod _ ner=O
    7 . . PUNCT _ _ 3 punct _ ner=O
"""


def test_an_agentless_arrest_is_done_by_the_article_s_arresting_actor(parse: Parse) -> None:
    doc = parse(HELD_THEN_CHARGED, Article("uji", ""))
    assert _events(doc) == [
        ("Arrest", "KPK", "Budi Santoso", "asserted", "verb"),
        ("Arrest", "KPK", "Andi Wijaya", "asserted", "passive+implicit-agent"),
    ]
    assert _events(doc, frozenset({"implicit-agent"}))[1] == ("Arrest", None, "Andi Wijaya", "asserted", "passive")


def test_without_an_arresting_actor_in_the_article_the_agent_stays_empty(parse: Parse) -> None:
    second_only = HELD_THEN_CHARGED.split("\n\n")[1]
    assert _events(parse(second_only, Article("uji", ""))) == [("Arrest", None, "Andi Wijaya", "asserted", "passive")]


HELD_AS_SAID = """
    # text = Ahmad Zaki mengatakan KPK menahan Budi Santoso.
    1 Ahmad Ahmad PROPN _ _ 3 nsubj _ ner=B-PER
    2 Zaki Zaki PROPN _ _ 1 flat:name _ ner=E-PER
    3 mengatakan kata VERB _ _ 0 root _ ner=O
    4 KPK KPK PROPN _ _ 5 nsubj _ ner=S-ORG
    5 menahan tahan VERB _ _ 3 ccomp _ ner=O
    6 Budi Budi PROPN _ _ 5 obj _ ner=B-PER
    7 Santoso Santoso PROPN _ _ 6 flat:name _ ner=E-PER
    8 . . PUNCT _ _ 3 punct _ ner=O
"""


def test_an_agentless_arrest_takes_a_reported_arresting_actor_where_the_article_says_none_itself(parse: Parse) -> None:
    """The article reports KPK's arrest as what Ahmad Zaki said ("kliennya yang ditahan oleh KPK" in a lawyer's
    words): KPK still does the charge of the agentless passive, failing an arrest the article tells itself."""
    second = HELD_THEN_CHARGED.split("\n\n")[1]
    doc = parse(HELD_AS_SAID + "\n" + second, Article("uji", ""))
    arrests = [e for e in _events(doc) if e[0] == "Arrest"]
    assert arrests[-1] == ("Arrest", "KPK", "Andi Wijaya", "asserted", "passive+implicit-agent")


TITLE_COMMA_PERSON = """
    # text = Kepala Humas Polda Metro Jaya, Budiyanto mengatakan hal itu.
    1 Kepala kepala NOUN _ _ 8 nsubj _ ner=O
    2 Humas Humas PROPN _ _ 1 flat:name _ ner=O
    3 Polda Polda PROPN _ _ 1 flat:name _ ner=B-ORG
    4 Metro Metro PROPN _ _ 3 flat:name _ ner=I-ORG
    5 Jaya Jaya PROPN _ _ 4 flat:name _ ner=E-ORG
    6 , , PUNCT _ _ 1 punct _ ner=O
    7 Budiyanto Budiyanto PROPN _ _ 8 nsubj _ ner=S-PER
    8 mengatakan kata VERB _ _ 0 root _ ner=O
    9 hal hal NOUN _ _ 8 obj _ ner=O
    10 itu itu DET _ _ 9 det _ ner=O
    11 . . PUNCT _ _ 8 punct _ ner=O
"""


def test_a_title_phrase_before_a_comma_and_its_holder_is_no_second_speaker(parse: Parse) -> None:
    assert [(e[0], e[1]) for e in _events(parse(TITLE_COMMA_PERSON, Article("uji", "")))] == [("Statement", "Budiyanto")]


def test_a_person_name_never_starts_inside_a_known_name(parse: Parse) -> None:
    doc = parse(
        """
        # text = Juru Bicara Gedung Putih Sarah Sanders mengatakan hal itu.
        1 Juru juru NOUN _ _ 7 nsubj _ ner=O
        2 Bicara bicara PROPN _ _ 1 flat:name _ ner=O
        3 Gedung Gedung PROPN _ _ 1 nmod _ ner=O
        4 Putih Putih PROPN _ _ 3 flat:name _ ner=B-PER
        5 Sarah Sarah PROPN _ _ 4 flat:name _ ner=I-PER
        6 Sanders Sanders PROPN _ _ 5 flat:name _ ner=E-PER
        7 mengatakan kata VERB _ _ 0 root _ ner=O
        8 hal hal NOUN _ _ 7 obj _ ner=O
        9 . . PUNCT _ _ 7 punct _ ner=O
        """,
        Article("uji", ""),
    )
    ex = extract(doc)
    assert sorted((m.text, m.kind) for m in ex.mentions) == [("Gedung Putih", "Organization"), ("Sarah Sanders", "Person")]
    assert [(e.event_type, _who(e.agent)) for e in ex.events] == [("Statement", "Sarah Sanders")]


def _reported(head: str) -> str:
    return f"""
    # text = Baharuzaman melaporkan Megawati Soekarnoputri ke {head}.
    1 Baharuzaman Baharuzaman PROPN _ _ 2 nsubj _ ner=S-PER
    2 melaporkan lapor VERB _ _ 0 root _ ner=O
    3 Megawati Megawati PROPN _ _ 2 obj _ ner=B-PER
    4 Soekarnoputri Soekarnoputri PROPN _ _ 3 flat:name _ ner=E-PER
    5 ke ke ADP _ _ 6 case _ ner=O
    6 {head} {head} NOUN _ _ 2 obl _ ner=O
    7 . . PUNCT _ _ 2 punct _ ner=O
    """


def test_reporting_someone_to_the_police_accuses_them_and_reporting_to_anyone_else_does_not(parse: Parse) -> None:
    assert _events(parse(_reported("polisi"), Article("uji", ""))) == [
        ("Accuse", "Baharuzaman", "Megawati Soekarnoputri", "asserted", "verb")
    ]
    assert _events(parse(_reported("atasannya"), Article("uji", ""))) == []


DEMANDED_RELEASE = """
    # text = Amerika Serikat mendesak China membebaskan Liu.
    1 Amerika Amerika PROPN _ _ 3 nsubj _ ner=B-LOC
    2 Serikat Serikat PROPN _ _ 1 flat:name _ ner=E-LOC
    3 mendesak desak VERB _ _ 0 root _ ner=O
    4 China China PROPN _ _ 3 obj _ ner=S-LOC
    5 membebaskan bebas VERB _ _ 3 xcomp _ ner=O
    6 Liu Liu PROPN _ _ 5 obj _ ner=S-PER
    7 . . PUNCT _ _ 3 punct _ ner=O
"""


def test_what_a_demand_asks_for_is_demanded_not_done(parse: Parse) -> None:
    """Demand and Appeal frames demand their complement (kg:demandsComplement): no release is asserted."""
    events = _events(parse(DEMANDED_RELEASE, Article("uji", "")))
    assert ("Demand", "Amerika Serikat", "China", "asserted", "verb") in events
    assert ("Retreat", "China", "Liu", "demanded", "verb") in events


NOBODY_THREATENED = """
    # text = Tak ada anggota DPR yang mengancam Miryam.
    1 Tak tak PART _ _ 2 advmod _ ner=O
    2 ada ada VERB _ _ 0 root _ ner=O
    3 anggota anggota NOUN _ _ 2 nsubj _ ner=O
    4 DPR DPR PROPN _ _ 3 nmod _ ner=S-ORG
    5 yang yang PRON _ _ 6 nsubj _ ner=O
    6 mengancam ancam VERB _ _ 3 acl:relcl _ ner=O
    7 Miryam Miryam PROPN _ _ 6 obj _ ner=S-PER
    8 . . PUNCT _ _ 2 punct _ ner=O
"""


def test_a_relative_clause_of_what_does_not_exist_is_negated(parse: Parse) -> None:
    """ "tak ada anggota DPR yang mengancam Miryam": nobody threatened her (the lexicon's ``existential``)."""
    events = _events(parse(NOBODY_THREATENED, Article("uji", "")))
    assert [e[3] for e in events if e[0] == "Threaten"] == ["negated"]


POLICE = """
    # text = Polda Metro Jaya memeriksa saksi.
    1 Polda Polda PROPN _ _ 4 nsubj _ ner=B-ORG
    2 Metro Metro PROPN _ _ 1 flat:name _ ner=I-ORG
    3 Jaya Jaya PROPN _ _ 1 flat:name _ ner=E-ORG
    4 memeriksa periksa VERB _ _ 0 root _ ner=O
    5 saksi saksi NOUN _ _ 4 obj _ ner=O
    6 . . PUNCT _ _ 4 punct _ ner=O

    # text = Polisi menangkap Budi.
    1 Polisi polisi NOUN _ _ 2 nsubj _ ner=O
    2 menangkap tangkap VERB _ _ 0 root _ ner=O
    3 Budi Budi PROPN _ _ 2 obj _ ner=S-PER
    4 . . PUNCT _ _ 2 punct _ ner=O
"""


def test_a_common_noun_for_an_institution_is_the_organisation_the_article_names(parse: Parse) -> None:
    """ "Polisi menangkap Budi" after "Polda Metro Jaya ...": the police named before ([organizations.generic])."""
    doc = parse(POLICE, Article("uji", ""))
    assert ("Arrest", "Polda Metro Jaya", "Budi", "asserted", "verb+institution") in _events(doc)
    # without an organisation of that kind in the article, the police are the article's own (rule
    # ``unnamed-institution``), never another article's police
    alone = parse(POLICE.split("\n\n")[1], Article("uji", ""))
    assert [e[1] for e in _events(alone)] == ["Polisi"]
    assert [e[1] for e in _events(alone, frozenset({"unnamed-institution"}))] == ["?Polisi"]
    assert ("Arrest", "?Polisi", "Budi", "asserted", "verb") in _events(doc, frozenset({"institution"}))


def _sentence(text: str, rows: list[tuple[str, str, str, int, str, str]]) -> str:
    """A one-sentence CoNLL-U block from (form, lemma, upos, head, deprel, ner) rows."""
    lines = [f"# text = {text}"]
    lines += [
        f"{k} {f} {lemma} {upos} _ _ {head} {rel} _ ner={ner}" for k, (f, lemma, upos, head, rel, ner) in enumerate(rows, 1)
    ]
    return "\n".join(lines) + "\n"


def test_a_demand_not_to_act_keeps_the_act_negated(parse: Parse) -> None:
    """ "mendesak Israel tidak menyerang Gaza": the attack is negated, not demanded."""
    block = _sentence(
        "Amerika Serikat mendesak Israel tidak menyerang Gaza.",
        [
            ("Amerika", "Amerika", "PROPN", 3, "nsubj", "B-LOC"),
            ("Serikat", "Serikat", "PROPN", 1, "flat:name", "E-LOC"),
            ("mendesak", "desak", "VERB", 0, "root", "O"),
            ("Israel", "Israel", "PROPN", 3, "obj", "S-LOC"),
            ("tidak", "tidak", "PART", 6, "advmod", "O"),
            ("menyerang", "serang", "VERB", 3, "xcomp", "O"),
            ("Gaza", "Gaza", "PROPN", 6, "obj", "S-LOC"),
            (".", ".", "PUNCT", 3, "punct", "O"),
        ],
    )
    assert [e[3] for e in _events(parse(block, Article("uji", ""))) if e[0] == "Attack"] == ["negated"]


def test_refusing_negates_only_what_the_refusal_governs(parse: Parse) -> None:
    """ "menolak berkomentar" is no comment; in "menolak dan menyerang Budi" the attack happened."""
    refused = _sentence(
        "Guterres menolak berkomentar.",
        [
            ("Guterres", "Guterres", "PROPN", 2, "nsubj", "S-PER"),
            ("menolak", "tolak", "VERB", 0, "root", "O"),
            ("berkomentar", "komentar", "VERB", 2, "xcomp", "O"),
            (".", ".", "PUNCT", 2, "punct", "O"),
        ],
    )
    assert [e[3] for e in _events(parse(refused, Article("uji", ""))) if e[0] == "Statement"] == ["negated"]
    coordinated = _sentence(
        "Demonstran menolak dan menyerang Budi.",
        [
            ("Demonstran", "demonstran", "NOUN", 2, "nsubj", "O"),
            ("menolak", "tolak", "VERB", 0, "root", "O"),
            ("dan", "dan", "CCONJ", 4, "cc", "O"),
            ("menyerang", "serang", "VERB", 2, "conj", "O"),
            ("Budi", "Budi", "PROPN", 4, "obj", "S-PER"),
            (".", ".", "PUNCT", 2, "punct", "O"),
        ],
    )
    doc = parse(coordinated, Article("uji", ""))
    assert "negated" not in [e[3] for e in _events(doc) if e[0] in ("Attack", "Assault")]


def test_a_relative_clause_of_someone_absent_is_not_denied(parse: Parse) -> None:
    """ "Budi yang menyerang Ahmad tidak ada di lokasi": a locative "ada" after its noun denies no attack."""
    block = _sentence(
        "Budi yang menyerang Ahmad tidak ada di lokasi.",
        [
            ("Budi", "Budi", "PROPN", 6, "nsubj", "S-PER"),
            ("yang", "yang", "PRON", 3, "nsubj", "O"),
            ("menyerang", "serang", "VERB", 1, "acl:relcl", "O"),
            ("Ahmad", "Ahmad", "PROPN", 3, "obj", "S-PER"),
            ("tidak", "tidak", "PART", 6, "advmod", "O"),
            ("ada", "ada", "VERB", 0, "root", "O"),
            ("di", "di", "ADP", 8, "case", "O"),
            ("lokasi", "lokasi", "NOUN", 6, "obl", "O"),
            (".", ".", "PUNCT", 6, "punct", "O"),
        ],
    )
    modalities = [e[3] for e in _events(parse(block, Article("uji", ""))) if e[2] == "Ahmad"]
    assert modalities and "negated" not in modalities


def test_a_threatened_act_with_a_target_does_not_also_threaten_its_noun(parse: Parse) -> None:
    """ "mengancam akan mengirim pasukan ke Suriah": Suriah, not the troops."""
    block = _sentence(
        "Rusia mengancam akan mengirim pasukan ke Suriah.",
        [
            ("Rusia", "Rusia", "PROPN", 2, "nsubj", "S-LOC"),
            ("mengancam", "ancam", "VERB", 0, "root", "O"),
            ("akan", "akan", "AUX", 4, "aux", "O"),
            ("mengirim", "kirim", "VERB", 2, "xcomp", "O"),
            ("pasukan", "pasukan", "NOUN", 4, "obj", "O"),
            ("ke", "ke", "ADP", 7, "case", "O"),
            ("Suriah", "Suriah", "PROPN", 4, "obl", "S-LOC"),
            (".", ".", "PUNCT", 2, "punct", "O"),
        ],
    )
    threats = [e for e in _events(parse(block, Article("uji", ""))) if e[0] == "Threaten"]
    assert [(e[1], e[2]) for e in threats] == [("Rusia", "Suriah")]


def test_an_institution_noun_must_head_the_phrase(parse: Parse) -> None:
    """ "Mantan polisi menembak Budi" is a former policeman, not the police named before."""
    first = _sentence(
        "Polda Metro Jaya memeriksa saksi.",
        [
            ("Polda", "Polda", "PROPN", 4, "nsubj", "B-ORG"),
            ("Metro", "Metro", "PROPN", 1, "flat:name", "I-ORG"),
            ("Jaya", "Jaya", "PROPN", 1, "flat:name", "E-ORG"),
            ("memeriksa", "periksa", "VERB", 0, "root", "O"),
            ("saksi", "saksi", "NOUN", 4, "obj", "O"),
            (".", ".", "PUNCT", 4, "punct", "O"),
        ],
    )
    block = (
        first
        + "\n"
        + _sentence(
            "Mantan polisi menembak Budi.",
            [
                ("Mantan", "mantan", "NOUN", 3, "nsubj", "O"),
                ("polisi", "polisi", "NOUN", 1, "compound", "O"),
                ("menembak", "tembak", "VERB", 0, "root", "O"),
                ("Budi", "Budi", "PROPN", 3, "obj", "S-PER"),
                (".", ".", "PUNCT", 3, "punct", "O"),
            ],
        )
    )
    agents = [e[1] for e in _events(parse(block, Article("uji", ""))) if e[0] == "Assault"]
    assert agents and "Polda Metro Jaya" not in agents


def test_a_description_beside_a_person_is_not_a_second_speaker(parse: Parse) -> None:
    """Two subjects of one verb with a comma between, one a named person and the other a description of them (a title
    phrase before, an apposition after): the person speaks, not the organisation inside the description."""
    before = _sentence(
        "Kasat Reskrim Polres Bogor, AKP Dimas Pratama mengatakan pelaku kabur.",
        [
            ("Kasat", "Kasat", "PROPN", 9, "nsubj", "O"),
            ("Reskrim", "Reskrim", "PROPN", 1, "flat:name", "O"),
            ("Polres", "Polres", "PROPN", 1, "flat:name", "B-ORG"),
            ("Bogor", "Bogor", "PROPN", 3, "flat:name", "E-ORG"),
            (",", ",", "PUNCT", 1, "punct", "O"),
            ("AKP", "AKP", "PROPN", 9, "nsubj", "O"),
            ("Dimas", "Dimas", "PROPN", 6, "flat:name", "B-PER"),
            ("Pratama", "Pratama", "PROPN", 7, "flat:name", "E-PER"),
            ("mengatakan", "kata", "VERB", 0, "root", "O"),
            ("pelaku", "laku", "NOUN", 11, "nsubj", "O"),
            ("kabur", "kabur", "VERB", 9, "ccomp", "O"),
            (".", ".", "PUNCT", 9, "punct", "O"),
        ],
    )
    after = _sentence(
        "Rina Kusuma, yang memimpin UNAMID, misi Uni Afrika di negara itu, mengatakan pasukan mundur.",
        [
            ("Rina", "Rina", "PROPN", 15, "nsubj", "B-PER"),
            ("Kusuma", "Kusuma", "PROPN", 1, "flat:name", "E-PER"),
            (",", ",", "PUNCT", 5, "punct", "O"),
            ("yang", "yang", "PRON", 5, "nsubj", "O"),
            ("memimpin", "pimpin", "VERB", 1, "acl:relcl", "O"),
            ("UNAMID", "UNAMID", "PROPN", 5, "obj", "S-ORG"),
            (",", ",", "PUNCT", 8, "punct", "O"),
            ("misi", "misi", "NOUN", 15, "nsubj", "O"),
            ("Uni", "Uni", "PROPN", 8, "nmod", "B-ORG"),
            ("Afrika", "Afrika", "PROPN", 9, "flat:name", "E-ORG"),
            ("di", "di", "ADP", 12, "case", "O"),
            ("negara", "negara", "NOUN", 8, "nmod", "O"),
            ("itu", "itu", "DET", 12, "det", "O"),
            (",", ",", "PUNCT", 15, "punct", "O"),
            ("mengatakan", "kata", "VERB", 0, "root", "O"),
            ("pasukan", "pasukan", "NOUN", 17, "nsubj", "O"),
            ("mundur", "mundur", "VERB", 15, "ccomp", "O"),
            (".", ".", "PUNCT", 15, "punct", "O"),
        ],
    )
    assert [e[1] for e in _events(parse(before, Article("uji", ""))) if e[0] == "Statement"] == ["Dimas Pratama"]
    assert [e[1] for e in _events(parse(after, Article("uji", ""))) if e[0] == "Statement"] == ["Rina Kusuma"]


def test_an_organisation_conjoined_inside_a_title_is_not_a_speaker(parse: Parse) -> None:
    """ "kata Direktur Perlindungan WNI dan Badan Hukum Indonesia Kementerian Luar Negeri Iqbal ..." with the
    directorate's second half parsed as a conjunct of the title: the director speaks, not the directorate."""
    block = _sentence(
        "Kata Direktur Pelayanan dan Badan Perlindungan Warga Kementerian Sosial Andi Saputra kemarin.",
        [
            ("Kata", "kata", "VERB", 0, "root", "O"),
            ("Direktur", "Direktur", "PROPN", 1, "nsubj", "O"),
            ("Pelayanan", "Pelayanan", "PROPN", 2, "flat:name", "O"),
            ("dan", "dan", "CCONJ", 5, "cc", "O"),
            ("Badan", "Badan", "PROPN", 2, "conj", "B-ORG"),
            ("Perlindungan", "Perlindungan", "PROPN", 5, "flat:name", "I-ORG"),
            ("Warga", "Warga", "PROPN", 6, "flat:name", "E-ORG"),
            ("Kementerian", "Kementerian", "PROPN", 2, "flat:name", "B-ORG"),
            ("Sosial", "Sosial", "PROPN", 8, "flat:name", "E-ORG"),
            ("Andi", "Andi", "PROPN", 9, "flat:name", "B-PER"),
            ("Saputra", "Saputra", "PROPN", 10, "flat:name", "E-PER"),
            ("kemarin", "kemarin", "ADV", 1, "advmod", "O"),
            (".", ".", "PUNCT", 1, "punct", "O"),
        ],
    )
    assert [e[1] for e in _events(parse(block, Article("uji", ""))) if e[0] == "Statement"] == ["Andi Saputra"]


def test_a_title_whose_words_are_conjoined_stands_for_the_person_named_at_its_end(parse: Parse) -> None:
    """ "Menteri Koordinator Bidang Politik, Hukum, dan Keamanan Wiranto mengatakan ..." with the name hung on the
    last conjunct of the title: the minister speaks."""
    block = _sentence(
        "Menteri Koordinator Bidang Ekonomi, Keuangan, dan Industri Budi Santoso mengatakan harga naik.",
        [
            ("Menteri", "menteri", "NOUN", 12, "nsubj", "O"),
            ("Koordinator", "Koordinator", "PROPN", 1, "nmod", "O"),
            ("Bidang", "Bidang", "PROPN", 1, "nmod", "O"),
            ("Ekonomi", "ekonomi", "NOUN", 1, "nmod", "O"),
            (",", ",", "PUNCT", 6, "punct", "O"),
            ("Keuangan", "Keuangan", "PROPN", 1, "appos", "O"),
            (",", ",", "PUNCT", 6, "punct", "O"),
            ("dan", "dan", "CCONJ", 9, "cc", "O"),
            ("Industri", "Industri", "PROPN", 6, "conj", "O"),
            ("Budi", "Budi", "PROPN", 9, "flat:name", "B-PER"),
            ("Santoso", "Santoso", "PROPN", 10, "flat:name", "E-PER"),
            ("mengatakan", "kata", "VERB", 0, "root", "O"),
            ("harga", "harga", "NOUN", 14, "nsubj", "O"),
            ("naik", "naik", "VERB", 12, "ccomp", "O"),
            (".", ".", "PUNCT", 12, "punct", "O"),
        ],
    )
    assert [e[1] for e in _events(parse(block, Article("uji", ""))) if e[0] == "Statement"] == ["Budi Santoso"]


def test_a_role_noun_with_a_demonstrative_is_a_person_never_its_party(parse: Parse) -> None:
    """ "Politisi Partai Maju itu mengatakan ...": the phrase points back at a person; with nobody to point at it
    stays unresolved instead of making the party the speaker."""
    block = _sentence(
        "Politisi Partai Maju itu mengatakan harga naik.",
        [
            ("Politisi", "politisi", "NOUN", 5, "nsubj", "O"),
            ("Partai", "Partai", "PROPN", 1, "nmod", "B-ORG"),
            ("Maju", "Maju", "PROPN", 2, "flat:name", "E-ORG"),
            ("itu", "itu", "DET", 1, "det", "O"),
            ("mengatakan", "kata", "VERB", 0, "root", "O"),
            ("harga", "harga", "NOUN", 7, "nsubj", "O"),
            ("naik", "naik", "VERB", 5, "ccomp", "O"),
            (".", ".", "PUNCT", 5, "punct", "O"),
        ],
    )
    ex = resolve_references(extract(parse(block, Article("uji", ""))))
    speakers = [e.agent for e in ex.events if e.event_type == "Statement"]
    assert [(p.mention, p.text) for p in speakers if p is not None] == [(None, "Politisi Partai Maju itu")]


def test_a_wish_for_what_someone_should_do_is_an_appeal_to_them(parse: Parse) -> None:
    """ "Budi berharap KPK segera memeriksa ...": a Statement, and an Appeal to KPK ([speech.addressed]); the
    pronoun "Ia pun" is the pronoun "Ia" (the emphasis particle is no part of the phrase)."""
    block = (
        _sentence(
            "Budi Santoso berharap KPK segera memeriksa saksi.",
            [
                ("Budi", "Budi", "PROPN", 3, "nsubj", "B-PER"),
                ("Santoso", "Santoso", "PROPN", 1, "flat:name", "E-PER"),
                ("berharap", "harap", "VERB", 0, "root", "O"),
                ("KPK", "KPK", "PROPN", 6, "nsubj", "S-ORG"),
                ("segera", "segera", "ADV", 6, "advmod", "O"),
                ("memeriksa", "periksa", "VERB", 3, "ccomp", "O"),
                ("saksi", "saksi", "NOUN", 6, "obj", "O"),
                (".", ".", "PUNCT", 3, "punct", "O"),
            ],
        )
        + "\n"
        + _sentence(
            "Ia pun berharap KPK memanggil saksi.",
            [
                ("Ia", "ia", "PRON", 3, "nsubj", "O"),
                ("pun", "pun", "PART", 1, "advmod:emph", "O"),
                ("berharap", "harap", "VERB", 0, "root", "O"),
                ("KPK", "KPK", "PROPN", 5, "nsubj", "S-ORG"),
                ("memanggil", "panggil", "VERB", 3, "ccomp", "O"),
                ("saksi", "saksi", "NOUN", 5, "obj", "O"),
                (".", ".", "PUNCT", 3, "punct", "O"),
            ],
        )
    )
    ex = resolve_references(extract(parse(block, Article("uji", ""))))
    appeals = [(e.sentence, _who(e.agent), _who(e.target), e.rule) for e in ex.events if e.event_type == "Appeal"]
    assert appeals == [(0, "Budi Santoso", "KPK", "addressed"), (1, "Budi Santoso", "KPK", "addressed+pronoun")]


def _judgement(subject: tuple[str, str], predicate: list[tuple[str, str, str, int, str, str]]) -> str:
    """ "Rudi Hartono menilai <subject> <predicate>." with the subject parsed as the speech verb's object."""
    rows = [
        ("Rudi", "Rudi", "PROPN", 3, "nsubj", "B-PER"),
        ("Hartono", "Hartono", "PROPN", 1, "flat:name", "E-PER"),
        ("menilai", "nilai", "VERB", 0, "root", "O"),
        (subject[0], subject[0], "PROPN", 3, "obj", subject[1]),
        *predicate,
        (".", ".", "PUNCT", 3, "punct", "O"),
    ]
    text = " ".join(r[0] for r in rows[:-1]) + "."
    return _sentence(text, rows)


def test_a_negative_judgement_of_an_actor_is_a_criticism_but_not_when_negated(parse: Parse) -> None:
    """ "menilai KPK terlalu terburu-buru": a Statement and a Criticize of KPK ([speech.content] Criticize, the
    predicate read from the adverb before its head); "menilai KPK tidak gagal" is no criticism."""
    hasty = _judgement(
        ("KPK", "S-ORG"),
        [("terlalu", "terlalu", "ADV", 6, "advmod", "O"), ("terburu-buru", "buru", "VERB", 3, "ccomp", "O")],
    )
    not_failed = _judgement(
        ("KPK", "S-ORG"),
        [("tidak", "tidak", "PART", 6, "advmod", "O"), ("gagal", "gagal", "VERB", 3, "ccomp", "O")],
    )
    assert [e[:3] for e in _events(parse(hasty, Article("uji", ""))) if e[0] == "Criticize"] == [
        ("Criticize", "Rudi Hartono", "KPK")
    ]
    assert [e for e in _events(parse(not_failed, Article("uji", ""))) if e[0] == "Criticize"] == []


def test_a_reporting_verb_parsed_as_the_subject_is_no_speaker(parse: Parse) -> None:
    """ "Mengutip Harian Kompas, Juru Bicara Dewi Lestari mengatakan ...": the newspaper is the source, the
    spokeswoman after the comma the speaker."""
    block = _sentence(
        "Mengutip Harian Kompas, Juru Bicara Dewi Lestari mengatakan harga naik.",
        [
            ("Mengutip", "Mengutip", "PROPN", 9, "nsubj", "O"),
            ("Harian", "Harian", "PROPN", 1, "flat:name", "B-ORG"),
            ("Kompas", "Kompas", "PROPN", 1, "flat:name", "E-ORG"),
            (",", ",", "PUNCT", 5, "punct", "O"),
            ("Juru", "Juru", "PROPN", 1, "appos", "O"),
            ("Bicara", "Bicara", "PROPN", 5, "flat:name", "O"),
            ("Dewi", "Dewi", "PROPN", 5, "flat:name", "B-PER"),
            ("Lestari", "Lestari", "PROPN", 7, "flat:name", "E-PER"),
            ("mengatakan", "kata", "VERB", 0, "root", "O"),
            ("harga", "harga", "NOUN", 11, "nsubj", "O"),
            ("naik", "naik", "VERB", 9, "ccomp", "O"),
            (".", ".", "PUNCT", 9, "punct", "O"),
        ],
    )
    assert [e[1] for e in _events(parse(block, Article("uji", ""))) if e[0] == "Statement"] == ["Dewi Lestari"]


def test_a_rank_begun_before_a_persons_span_is_no_part_of_the_name(parse: Parse) -> None:
    """ "Brigadir Jenderal | Pol Rikwanto": the tagger started the name inside the rank "Brigadir Jenderal Pol"."""
    block = _sentence(
        "Brigadir Jenderal Pol Rikwanto mengatakan hal itu.",
        [
            ("Brigadir", "Brigadir", "PROPN", 5, "nsubj", "O"),
            ("Jenderal", "Jenderal", "PROPN", 1, "flat:name", "O"),
            ("Pol", "Pol", "PROPN", 1, "flat:name", "B-PER"),
            ("Rikwanto", "Rikwanto", "PROPN", 1, "flat:name", "E-PER"),
            ("mengatakan", "kata", "VERB", 0, "root", "O"),
            ("hal", "hal", "NOUN", 5, "obj", "O"),
            ("itu", "itu", "DET", 6, "det", "O"),
            (".", ".", "PUNCT", 5, "punct", "O"),
        ],
    )
    assert [e[1] for e in _events(parse(block, Article("uji", ""))) if e[0] == "Statement"] == ["Rikwanto"]


def _unit_rank_name(last: str, upos: str) -> str:
    return _sentence(
        f"Direktorat Reserse Polda Jatim Ajun Komisaris Besar Polisi {last} mengatakan hal itu.",
        [
            ("Direktorat", "Direktorat", "PROPN", 10, "nsubj", "B-ORG"),
            ("Reserse", "Reserse", "PROPN", 1, "flat:name", "I-ORG"),
            ("Polda", "Polda", "PROPN", 1, "flat:name", "I-ORG"),
            ("Jatim", "Jatim", "PROPN", 1, "flat:name", "I-ORG"),
            ("Ajun", "Ajun", "PROPN", 1, "flat:name", "I-ORG"),
            ("Komisaris", "Komisaris", "PROPN", 1, "flat:name", "I-ORG"),
            ("Besar", "Besar", "PROPN", 1, "flat:name", "I-ORG"),
            ("Polisi", "Polisi", "PROPN", 1, "flat:name", "I-ORG"),
            (last, last, upos, 1, "flat:name", "E-ORG"),
            ("mengatakan", "kata", "VERB", 0, "root", "O"),
            ("hal", "hal", "NOUN", 10, "obj", "O"),
            ("itu", "itu", "DET", 11, "det", "O"),
            (".", ".", "PUNCT", 10, "punct", "O"),
        ],
    )


def test_a_rank_and_name_inside_an_organisations_span_are_its_officer(parse: Parse) -> None:
    """One ORG span over the unit, the rank written out and the officer: the unit is an organisation and the
    officer a person; an organisation's name after the rank is no person."""
    ex = resolve_references(extract(parse(_unit_rank_name("Yudhistira", "PROPN"), Article("uji", ""))))
    assert [(m.text, m.kind) for m in ex.mentions] == [
        ("Direktorat Reserse Polda Jatim", "Organization"),
        ("Yudhistira", "Person"),
    ]
    party = extract(parse(_unit_rank_name("Partai", "PROPN"), Article("uji", "")))
    assert [m.kind for m in party.mentions] == ["Organization"]


def test_a_pair_of_candidates_written_as_one_name_is_two_persons(parse: Parse) -> None:
    """ "Dodi Reza Alex - Giri Ramanda": the tagger reads a candidate pair joined by a dash as one name."""
    block = _sentence(
        "Dodi Reza Alex - Giri Ramanda mengatakan hal itu.",
        [
            ("Dodi", "Dodi", "PROPN", 7, "nsubj", "B-PER"),
            ("Reza", "Reza", "PROPN", 1, "flat:name", "I-PER"),
            ("Alex", "Alex", "PROPN", 1, "flat:name", "I-PER"),
            ("-", "-", "PUNCT", 5, "punct", "I-PER"),
            ("Giri", "Giri", "PROPN", 1, "conj", "I-PER"),
            ("Ramanda", "Ramanda", "PROPN", 5, "flat:name", "E-PER"),
            ("mengatakan", "kata", "VERB", 0, "root", "O"),
            ("hal", "hal", "NOUN", 7, "obj", "O"),
            ("itu", "itu", "DET", 8, "det", "O"),
            (".", ".", "PUNCT", 7, "punct", "O"),
        ],
    )
    ex = extract(parse(block, Article("uji", "")))
    assert [m.text for m in ex.mentions] == ["Dodi Reza Alex", "Giri Ramanda"]


def test_a_dash_after_a_name_particle_joins_one_name(parse: Parse) -> None:
    """ "Abdul Ghani al - Asadi": the tokenizer split "al-Asadi"; the dash after the particle is inside one name."""
    block = _sentence(
        "Abdul Ghani al - Asadi mengatakan hal itu.",
        [
            ("Abdul", "Abdul", "PROPN", 6, "nsubj", "B-PER"),
            ("Ghani", "Ghani", "PROPN", 1, "flat:name", "I-PER"),
            ("al", "al", "PROPN", 1, "flat:name", "I-PER"),
            ("-", "-", "PUNCT", 5, "punct", "I-PER"),
            ("Asadi", "Asadi", "PROPN", 1, "flat:name", "E-PER"),
            ("mengatakan", "kata", "VERB", 0, "root", "O"),
            ("hal", "hal", "NOUN", 6, "obj", "O"),
            ("itu", "itu", "DET", 7, "det", "O"),
            (".", ".", "PUNCT", 6, "punct", "O"),
        ],
    )
    assert len(extract(parse(block, Article("uji", ""))).mentions) == 1


def test_both_persons_of_a_pair_written_with_a_dash_are_targets(parse: Parse) -> None:
    """ "Golkar mengusung Edy Rahmayadi - Musa Rajekshah": the party supports both candidates of the pair."""
    block = _sentence(
        "Golkar mengusung Edy Rahmayadi - Musa Rajekshah.",
        [
            ("Golkar", "Golkar", "PROPN", 2, "nsubj", "S-ORG"),
            ("mengusung", "usung", "VERB", 0, "root", "O"),
            ("Edy", "Edy", "PROPN", 2, "obj", "B-PER"),
            ("Rahmayadi", "Rahmayadi", "PROPN", 3, "flat:name", "I-PER"),
            ("-", "-", "PUNCT", 6, "punct", "I-PER"),
            ("Musa", "Musa", "PROPN", 3, "flat:name", "I-PER"),
            ("Rajekshah", "Rajekshah", "PROPN", 6, "flat:name", "E-PER"),
            (".", ".", "PUNCT", 2, "punct", "O"),
        ],
    )
    support = [(e[1], e[2]) for e in _events(parse(block, Article("uji", ""))) if e[0] == "Support"]
    assert support == [("Golkar", "Edy Rahmayadi"), ("Golkar", "Musa Rajekshah")]
