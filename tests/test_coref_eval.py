"""Coreference evaluation: reading CoIN's TSV, the MUC / B³ / CEAF-e scores, kg's predicted clusters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import FIXTURES, FakeParser, conllu
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from kg.cli import app
from kg.coref_eval import (
    CoinDocument,
    MetricScore,
    b_cubed,
    ceaf_e,
    conll_scores,
    evaluate_coref,
    format_coref,
    muc,
    named_view,
    predict_clusters,
    read_coin,
)
from kg.document import Article, ParsedDoc, from_conllu
from kg.errors import EvaluationError, InputError

MINI = FIXTURES / "coin" / "mini.tsv"


def clusters(*groups: str) -> list[frozenset[str]]:
    """Clusters of one-letter mentions: clusters("a", "bc") -> [{a}, {b, c}]."""
    return [frozenset(g) for g in groups]


def rp(score: MetricScore) -> tuple[float, float]:
    return round(score.recall, 5), round(score.precision, 5)


# ----------------------------------------------------------------------------- metrics


def test_coref_eval_muc_vilain_example() -> None:
    # Vilain et al. (1995): one entity of four split in two loses one of three links
    assert rp(muc(clusters("ABCD"), clusters("AB", "CD"))) == (0.66667, 1.0)


def test_coref_eval_pradhan_2014_example() -> None:
    # the worked example of Pradhan et al. (2014), figure 1
    key = clusters("abc", "defg")
    response = clusters("ab", "cd", "fghi")
    assert rp(muc(key, response)) == (0.4, 0.4)
    assert rp(b_cubed(key, response)) == (round(35 / 84, 5), 0.5)
    assert rp(ceaf_e(key, response)) == (0.65, round(1.3 / 3, 5))


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        # the CEAF-e test cases TC1-TC4 of the CoNLL-2012 reference scorer (test/TestCases.README)
        (("a", "bc", "def"), (1.0, 1.0)),
        (("a", "de"), (0.6, 0.9)),
        (("a", "bcx", "defy", "z"), (0.88571, 0.66429)),
        (("a", "bcx", "dy", "z"), (0.73333, 0.55)),
    ],
)
def test_coref_eval_ceafe_reference_scorer_cases(response: tuple[str, ...], expected: tuple[float, float]) -> None:
    assert rp(ceaf_e(clusters("a", "bc", "def"), clusters(*response))) == expected


def test_coref_eval_singletons_count_in_b3_and_ceafe_not_in_muc() -> None:
    key = clusters("a", "b", "cd")
    assert rp(muc(key, clusters("a", "cd"))) == (1.0, 1.0)
    assert rp(b_cubed(key, clusters("a", "cd"))) == (0.75, 1.0)
    assert rp(ceaf_e(key, clusters("a", "cd"))) == (round(2 / 3, 5), 1.0)


def test_coref_eval_empty_response_scores_zero() -> None:
    scores = conll_scores([(clusters("ab", "c"), [])])
    assert all(s.f1 == 0.0 for s in scores.values())


def test_coref_eval_mention_in_two_clusters_is_an_error() -> None:
    with pytest.raises(EvaluationError, match="two response clusters"):
        conll_scores([(clusters("ab"), clusters("ab", "b"))])


partitions = st.lists(st.integers(0, 6), min_size=1, max_size=12).map(
    lambda labels: [frozenset(f"m{i}" for i, lab in enumerate(labels) if lab == c) for c in sorted(set(labels))]
)


@given(key=partitions, response=partitions)
def test_coref_eval_scores_are_bounded_and_perfect_on_identity(key: list[frozenset[str]], response: list[frozenset[str]]) -> None:
    for metric in (muc, b_cubed, ceaf_e):
        score = metric(key, response)
        assert 0.0 <= score.recall <= 1.0 + 1e-9
        assert 0.0 <= score.precision <= 1.0 + 1e-9
    assert b_cubed(key, key).f1 == pytest.approx(1.0)
    assert ceaf_e(key, key).f1 == pytest.approx(1.0)


@given(first=partitions, second=partitions)
def test_coref_eval_documents_add_up_like_one_corpus(first: list[frozenset[str]], second: list[frozenset[str]]) -> None:
    """Scores summed over documents equal the scores of the documents' disjoint union (the reference scorer's micro average)."""
    tag = lambda cs, t: [frozenset(f"{t}{m}" for m in c) for c in cs]  # noqa: E731
    summed = conll_scores([(tag(first, "x"), tag(second, "x")), (tag(second, "y"), tag(first, "y"))])
    union = conll_scores([(tag(first, "x") + tag(second, "y"), tag(second, "x") + tag(first, "y"))])
    for name in ("b3", "ceafe"):
        assert summed[name].recall == pytest.approx(union[name].recall)
        assert summed[name].precision == pytest.approx(union[name].precision)


# ----------------------------------------------------------------------------- reading CoIN


def test_coref_eval_read_coin_clusters_and_conventions() -> None:
    first, second = read_coin(MINI)
    assert (first.id, second.id) == ("mini-0000", "mini-0001")
    assert first.tokens[0].start == 0 and first.text[first.tokens[5].start : first.tokens[5].end] == "Dia"
    assert set(first.clusters) == {frozenset({(0, 2), (5, 6)}), frozenset({(3, 4), (7, 8)})}
    # APPOS concatenated ("Partai Maju ( PM"), EXAPPOS and ALIAS anaphors dropped, the singleton kept
    assert set(second.clusters) == {frozenset({(0, 4), (10, 11), (14, 16)}), frozenset({(7, 8)})}
    assert {m.text: m.type for m in second.mentions} == {
        "Partai Maju ( PM": "PROPER",
        "partai": "NOUN",
        "Partai itu": "NOUN",
        "Joko": "PROPER",
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1-1\t0-4\tBudi\tPROPER[1]\n", "after a '#Text=' line"),
        ("#Text=Budi\n1-1\t0-4\tBudi\tPERSON\n", "unknown label"),
        ("#Text=Budi datang\n1-1\t0-4\tBudi\t_\n1-2\t6-12\tdatang\t_\n", "does not sit at its offsets"),
        ("#Text=Budi\n1-1\t0-4\tBudi\tIDENT[1_2]|PROPER[1]\n", "has no tokens"),
        ("nothing here\n", "after a '#Text=' line"),
        ("", "no '#Text=' documents"),
    ],
)
def test_coref_eval_read_coin_rejects_malformed_files(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EvaluationError, match=message):
        read_coin(path)


def test_coref_eval_read_coin_missing_file_says_what_to_give(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"dev\.tsv"):
        read_coin(tmp_path / "nope.tsv")


# ----------------------------------------------------------------------------- predicting and scoring

# "Budi Santoso bertemu Ani . Dia memuji Ani ." parsed by hand: Stanza-like sentences and NER
MINI_FIRST = """
    # text = Budi Santoso bertemu Ani .
    1 Budi Budi PROPN _ _ 3 nsubj _ start_char=0|end_char=4|ner=B-PER
    2 Santoso Santoso PROPN _ _ 1 flat _ start_char=5|end_char=12|ner=E-PER
    3 bertemu temu VERB _ _ 0 root _ start_char=13|end_char=20|ner=O
    4 Ani Ani PROPN _ _ 3 obj _ start_char=21|end_char=24|ner=S-PER
    5 . . PUNCT _ _ 3 punct _ start_char=25|end_char=26|ner=O

    # text = Dia memuji Ani .
    # start_char = 27
    1 Dia dia PRON _ _ 2 nsubj _ start_char=27|end_char=30|ner=O
    2 memuji puji VERB _ _ 0 root _ start_char=31|end_char=37|ner=O
    3 Ani Ani PROPN _ _ 2 obj _ start_char=38|end_char=41|ner=S-PER
    4 . . PUNCT _ _ 2 punct _ start_char=42|end_char=43|ner=O
"""


def parsed_first(doc: CoinDocument) -> ParsedDoc:
    return from_conllu(conllu(MINI_FIRST), Article(id=doc.id, text=doc.text))


def test_coref_eval_predict_clusters_maps_kg_chains_to_coin_tokens() -> None:
    doc = read_coin(MINI)[0]
    # the pronoun joins the person named last before it; the two "Ani" are one actor
    clusters, unaligned = predict_clusters(doc, parsed_first(doc))
    assert unaligned == 0
    assert set(clusters) == {frozenset({(0, 2), (5, 6)}), frozenset({(3, 4), (7, 8)})}


def test_coref_eval_named_view_keeps_proper_name_clusters() -> None:
    second = read_coin(MINI)[1]
    key, response = named_view(second, [frozenset({(0, 4), (7, 8)}), frozenset({(20, 21)})])
    assert set(key) == set(second.clusters)  # both clusters hold a proper name
    assert response == [frozenset({(0, 4), (7, 8)}), frozenset({(20, 21)})]


def fake_parses() -> dict[str, str]:
    # the second document parsed as one sentence of nouns, with no entity the tagger found
    second = read_coin(MINI)[1]
    rows = [
        f"{n} {t.text} {t.text} NOUN _ _ {0 if n == 1 else 1} {'root' if n == 1 else 'dep'} _ "
        f"start_char={t.start}|end_char={t.end}|ner=O"
        for n, t in enumerate(second.tokens, 1)
    ]
    return {"mini-0000": conllu(MINI_FIRST), "mini-0001": conllu("\n".join(rows))}


def test_coref_eval_evaluate_coref_scores_and_caches_parses(tmp_path: Path) -> None:
    cache = tmp_path / "coin.conllu"
    parser = FakeParser(fake_parses())
    result = evaluate_coref(MINI, parser=parser, cache=cache)
    assert parser.calls == ["mini-0000", "mini-0001"]
    assert result.documents == 2
    # kg finds the first document exactly and nothing in the second
    assert result.all.gold_mentions == 8 and result.all.predicted_mentions == 4
    assert result.all.muc.precision == 1.0 and result.all.muc.recall == pytest.approx(2 / 4)
    assert result.all.b3.precision == 1.0 and result.all.mentions.recall == pytest.approx(4 / 8)
    assert 0 < result.all.conll_f1 < 1
    again = FakeParser({})
    assert evaluate_coref(MINI, parser=again, cache=cache).as_dict()["all"] == result.as_dict()["all"]
    assert again.calls == []  # every parse came from the cache
    assert "CoNLL F1" in format_coref(result)


def test_coref_eval_cache_of_changed_text_is_parsed_again(tmp_path: Path) -> None:
    cache = tmp_path / "coin.conllu"
    evaluate_coref(MINI, parser=FakeParser(fake_parses()), cache=cache)
    changed = tmp_path / "mini.tsv"
    changed.write_text(MINI.read_text(encoding="utf-8").replace("bertemu", "menemui"), encoding="utf-8")
    parser = FakeParser({"mini-0000": conllu(MINI_FIRST).replace("bertemu", "menemui")})
    evaluate_coref(changed, parser=parser, cache=cache)
    assert parser.calls == ["mini-0000"]


def test_coref_eval_cli_prints_scores_and_json(tmp_path: Path) -> None:
    cache = tmp_path / "coin.conllu"
    evaluate_coref(MINI, parser=FakeParser(fake_parses()), cache=cache)  # fills the cache: the CLI needs no model
    result = CliRunner().invoke(app, ["evaluate-coref", str(MINI), "--cache", str(cache), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output.strip().splitlines()[-1])
    assert summary["documents"] == 2 and 0 < summary["all"]["conll_f1"] < 1
    assert "clusters with a proper name" in result.output


def test_coref_eval_cli_bad_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("not coin\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate-coref", str(bad)])
    assert result.exit_code == 2
    assert "#Text=" in result.output
