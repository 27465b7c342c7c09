"""Speech tags, quote attribution and quotations in the graph, on hand-made parses."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import Literal

from kg.actors import resolve_actors
from kg.document import ParsedDoc
from kg.extract import extract
from kg.mapper import map_corpus
from kg.namespace import KG
from kg.quote_eval import evaluate_quotes, is_quote_gold

Parse = Callable[..., ParsedDoc]

QUOTE_TAGS = """
    # text = "Pemeriksaan berlanjut pekan depan," lanjut Kepala Pusat Penerangan Hukum Ketut Sumedana.
    1 " " PUNCT _ _ 3 punct _ ner=O
    2 Pemeriksaan Pemeriksaan PROPN _ _ 3 nsubj _ ner=O
    3 berlanjut lanjut VERB _ _ 0 root _ ner=O
    4 pekan pekan NOUN _ _ 3 obj _ ner=O
    5 depan depan NOUN _ _ 4 amod _ ner=O
    6 , , PUNCT _ _ 3 punct _ ner=O
    7 " " PUNCT _ _ 3 punct _ ner=O
    8 lanjut lanjut VERB _ _ 3 parataxis _ ner=O
    9 Kepala Kepala PROPN _ _ 8 nsubj _ ner=O
    10 Pusat Pusat PROPN _ _ 9 flat:name _ ner=O
    11 Penerangan Penerangan PROPN _ _ 10 flat:name _ ner=O
    12 Hukum Hukum PROPN _ _ 10 flat:name _ ner=O
    13 Ketut Ketut PROPN _ _ 12 flat:name _ ner=B-PER
    14 Sumedana Sumedana PROPN _ _ 13 flat:name _ ner=E-PER
    15 . . PUNCT _ _ 3 punct _ ner=O

    # text = "Kami tidak akan berhenti," tegas Ketut.
    1 " " PUNCT _ _ 5 punct _ ner=O
    2 Kami kami PRON _ _ 5 nsubj _ ner=O
    3 tidak tidak PART _ _ 5 advmod _ ner=O
    4 akan akan AUX _ _ 5 aux _ ner=O
    5 berhenti henti VERB _ _ 0 root _ ner=O
    6 , , PUNCT _ _ 5 punct _ ner=O
    7 " " PUNCT _ _ 5 punct _ ner=O
    8 tegas tegas VERB _ _ 5 parataxis _ ner=O
    9 Ketut Ketut PROPN _ _ 8 nsubj _ ner=S-PER
    10 . . PUNCT _ _ 5 punct _ ner=O

    # text = Pemerintah bersikap tegas terhadap pelanggar.
    1 Pemerintah perintah NOUN _ _ 2 nsubj _ ner=O
    2 bersikap sikap VERB _ _ 0 root _ ner=O
    3 tegas tegas ADJ _ _ 2 amod _ ner=O
    4 terhadap hadap ADP _ _ 5 case _ ner=O
    5 pelanggar pelanggar NOUN _ _ 2 obl _ ner=O
    6 . . PUNCT _ _ 2 punct _ ner=O
"""

# A "-nya" tag after a person who spoke in indirect speech, and a source speaking to a news agency.
SALIENT = """
    # text = "Kami sudah memeriksa dua saksi," kata Ade Ary.
    1 " " PUNCT _ _ 4 punct _ ner=O
    2 Kami kami PRON _ _ 4 nsubj _ ner=O
    3 sudah sudah AUX _ _ 4 aux _ ner=O
    4 memeriksa periksa VERB _ _ 0 root _ ner=O
    5 dua dua NUM _ _ 6 nummod _ ner=O
    6 saksi saksi NOUN _ _ 4 obj _ ner=O
    7 , , PUNCT _ _ 4 punct _ ner=O
    8 " " PUNCT _ _ 4 punct _ ner=O
    9 kata kata VERB _ _ 4 parataxis _ ner=O
    10 Ade Ade PROPN _ _ 9 nsubj _ ner=B-PER
    11 Ary Ary PROPN _ _ 10 flat:name _ ner=E-PER
    12 . . PUNCT _ _ 4 punct _ ner=O

    # text = Ketua Komisi Habiburokhman meminta polisi bekerja terbuka.
    1 Ketua Ketua NOUN _ _ 4 nsubj _ ner=O
    2 Komisi Komisi PROPN _ _ 1 flat:name _ ner=O
    3 Habiburokhman Habiburokhman PROPN _ _ 2 flat:name _ ner=S-PER
    4 meminta minta VERB _ _ 0 root _ ner=O
    5 polisi polisi NOUN _ _ 4 obj _ ner=O
    6 bekerja kerja VERB _ _ 4 xcomp _ ner=O
    7 terbuka buka VERB _ _ 6 xcomp _ ner=O
    8 . . PUNCT _ _ 4 punct _ ner=O

    # text = "Publik harus tahu," ujarnya.
    1 " " PUNCT _ _ 4 punct _ ner=O
    2 Publik Publik NOUN _ _ 4 nsubj _ ner=O
    3 harus harus AUX _ _ 4 aux _ ner=O
    4 tahu tahu VERB _ _ 0 root _ ner=O
    5 , , PUNCT _ _ 4 punct _ ner=O
    6 " " PUNCT _ _ 4 punct _ ner=O
    7 ujar ujar VERB _ _ 4 parataxis _ ner=O
    8 nya nya PRON _ _ 7 nsubj _ ner=O
    9 . . PUNCT _ _ 4 punct _ ner=O

    # text = "Penyidikan terus berjalan."
    1 " " PUNCT _ _ 3 punct _ ner=O
    2 Penyidikan Penyidikan NOUN _ _ 3 nsubj _ ner=O
    3 berjalan jalan VERB _ _ 0 root _ ner=O
    4 . . PUNCT _ _ 3 punct _ ner=O
    5 " " PUNCT _ _ 3 punct _ ner=O

    # text = "Dia sudah pergi," kata seorang sumber kepada kantor berita Reuters.
    1 " " PUNCT _ _ 4 punct _ ner=O
    2 Dia dia PRON _ _ 4 nsubj _ ner=O
    3 sudah sudah AUX _ _ 4 aux _ ner=O
    4 pergi pergi VERB _ _ 0 root _ ner=O
    5 , , PUNCT _ _ 4 punct _ ner=O
    6 " " PUNCT _ _ 4 punct _ ner=O
    7 kata kata VERB _ _ 4 parataxis _ ner=O
    8 seorang orang DET _ _ 9 det _ ner=O
    9 sumber sumber NOUN _ _ 7 nsubj _ ner=O
    10 kepada kepada ADP _ _ 11 case _ ner=O
    11 kantor kantor NOUN _ _ 9 nmod _ ner=O
    12 berita berita NOUN _ _ 11 nmod _ ner=O
    13 Reuters Reuters PROPN _ _ 12 flat:name _ ner=S-ORG
    14 . . PUNCT _ _ 4 punct _ ner=O
"""


def statements(doc: ParsedDoc) -> list[tuple[str, str | None]]:
    return [
        (ev.trigger, ev.agent.mention.text if ev.agent and ev.agent.mention else None)
        for ev in extract(doc).events
        if ev.event_type == "Statement"
    ]


def test_quotes_tag_without_nya_after_a_quote_is_a_statement_by_the_titled_speaker(parse: Parse) -> None:
    assert statements(parse(QUOTE_TAGS)) == [("lanjut", "Ketut Sumedana"), ("tegas", "Ketut")]


def test_quotes_tag_word_elsewhere_is_no_statement(parse: Parse) -> None:
    # "bersikap tegas" (firm): the quote-tag form only fires right after a closing quote mark
    assert all(trigger != "tegas" or agent for trigger, agent in statements(parse(QUOTE_TAGS)))
    doc = parse(QUOTE_TAGS)
    assert not [ev for ev in extract(doc).events if ev.sentence == 2]


def test_quotes_nya_tag_goes_to_the_person_who_spoke_since_in_indirect_speech(parse: Parse) -> None:
    found = statements(parse(SALIENT))
    assert found[0] == ("kata", "Ade Ary")
    assert ("ujar", "Habiburokhman") in found


def test_quotes_addressee_of_a_source_is_not_the_speaker(parse: Parse) -> None:
    agents = [agent for trigger, agent in statements(parse(SALIENT)) if trigger == "kata"]
    assert "Reuters" not in agents


def test_quotes_attribution_and_continuation(parse: Parse) -> None:
    quotes = extract(parse(SALIENT)).quotes
    spoken = [(q.opening[0], q.speaker.mention.text if q.speaker.mention else None, q.rule) for q in quotes]
    assert spoken == [
        (0, "Ade Ary", "tag-after"),
        (2, "Habiburokhman", "tag-after"),
        (3, "Habiburokhman", "continued"),  # a quote of its own paragraph right after, with no tag: the same speaker
    ]


def test_quotes_are_quotations_in_the_graph(parse: Parse) -> None:
    doc = parse(QUOTE_TAGS)
    ex = extract(doc)
    graph = map_corpus([ex], resolve_actors([ex]))
    quotes = sorted(graph.subjects(KG.speaker, None))
    assert len(quotes) == 2
    texts = sorted(str(graph.value(q, KG.text)) for q in quotes)
    assert texts == ["Kami tidak akan berhenti,", "Pemeriksaan berlanjut pekan depan,"]
    for q in quotes:
        start, end = int(graph.value(q, KG.startChar)), int(graph.value(q, KG.endChar))  # type: ignore[arg-type]
        assert doc.article.text[start:end].strip() == str(graph.value(q, KG.text))
        cue = graph.value(q, KG.attributedBy)
        assert cue is not None and (cue, KG.agent, graph.value(q, KG.speaker)) in graph
        assert graph.value(q, KG.extractedBy) == Literal("quote-tag-after")


def test_quotes_evaluation_counts_right_wrong_missed_and_spurious(parse: Parse) -> None:
    doc = parse(QUOTE_TAGS)
    ex = extract(doc)
    graph = map_corpus([ex], resolve_actors([ex]))
    text = doc.article.text
    aid = doc.article.id

    def span(words: str) -> tuple[int, int]:
        start = text.index(words)
        return start, start + len(words)

    first, second = span("Pemeriksaan berlanjut pekan depan,"), span("Kami tidak akan berhenti,")
    gold = {
        "articles": [aid],
        "quotes": [
            {
                "id": "q1",
                "article": aid,
                "start": first[0],
                "end": first[1],
                "speaker": "Ketut Sumedana",
                "speaker_aliases": ["Ketut"],
            },
            {"id": "q2", "article": aid, "start": second[0], "end": second[1], "speaker": "Ade Ary", "speaker_aliases": []},
            {"id": "q3", "article": aid, "start": 0, "end": 0, "speaker": "Someone", "speaker_aliases": []},
        ],
    }
    assert is_quote_gold(gold)
    scores = evaluate_quotes(gold, graph, {aid: text})
    assert (scores.correct, scores.wrong, scores.missed, scores.spurious) == (1, 1, 1, 0)
    assert scores.precision == pytest.approx(0.5)
    assert scores.recall == pytest.approx(1 / 3)
    gold["quotes"] = gold["quotes"][:1]
    assert evaluate_quotes(gold, graph, {aid: text}).spurious == 1
