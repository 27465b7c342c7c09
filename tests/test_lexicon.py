"""kg/lexicon.py: name normalisation, IRI slugs, countries, titles, aliases and rule confidence."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.lexicon import get_lexicon, normalize_name, slugify


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("  Ali  Baghi-Kani ", "ali baghi kani"),
        ("Türkiye", "turkiye"),
        ("Ismaïl  HANIYEH", "ismail haniyeh"),
        ("“Hamas”", "hamas"),
        ("Al_Quds", "al quds"),
    ],
)
def test_lexicon_normalize_name(name: str, expected: str) -> None:
    assert normalize_name(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Badan Antariksa Nasional (BAN)", "badan-antariksa-nasional-ban"),
        ("Perserikatan Bangsa-Bangsa", "perserikatan-bangsa-bangsa"),
        ("Türkiye", "turkiye"),
        ("  Ahmad   Zaki ", "ahmad-zaki"),
    ],
)
def test_lexicon_slugify(name: str, expected: str) -> None:
    assert slugify(name) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_lexicon_slugify_is_always_iri_safe(name: str) -> None:
    slug = slugify(name)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), slug
    assert slugify(name) == slug


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=40))
def test_lexicon_normalize_name_is_idempotent(name: str) -> None:
    once = normalize_name(name)
    assert normalize_name(once) == once
    assert once == once.strip() and "  " not in once


_SLUG_SCRIPT = "import json, sys\nfrom kg.lexicon import slugify\nprint(json.dumps([slugify(n) for n in json.load(sys.stdin)]))\n"
_NAMES = ["Ahmad Zaki", "Badan Antariksa Nasional (BAN)", "Türkiye", "حماس", "北京"]


@pytest.fixture(scope="module")
def slugs_in_two_runs(run_seeded: Callable[[int, str, str], str]) -> tuple[list[str], list[str]]:
    first, second = (json.loads(run_seeded(seed, _SLUG_SCRIPT, json.dumps(_NAMES))) for seed in (1, 2))
    return first, second


def test_lexicon_slugify_of_latin_names_is_stable_across_runs(slugs_in_two_runs: tuple[list[str], list[str]]) -> None:
    first, second = slugs_in_two_runs
    assert first[:3] == second[:3] == ["ahmad-zaki", "badan-antariksa-nasional-ban", "turkiye"]


def test_lexicon_slugify_of_other_scripts_is_stable_across_runs(slugs_in_two_runs: tuple[list[str], list[str]]) -> None:
    first, second = slugs_in_two_runs
    assert first[3:] == second[3:]


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Libanon", "LB"),
        ("Lebanon", "LB"),
        ("Filipina", "PH"),
        ("Amerika Serikat", "US"),
        ("AS", "US"),
        ("Republik Islam Iran", "IR"),
        ("Tiongkok", "CN"),
        ("Perancis", "FR"),  # the spelling Indonesian news often uses beside CLDR's "Prancis"
        ("Afghanistan", "AF"),
        ("Palestina", "PS"),
        ("Teheran", None),
        ("libanon", None),
    ],
)
def test_lexicon_country_codes(name: str, code: str | None) -> None:
    assert get_lexicon().country_code(name) == code


@pytest.mark.parametrize(("code", "name"), [("LB", "Lebanon"), ("CN", "China"), ("PS", "Palestina"), ("GB", "Inggris")])
def test_lexicon_canonical_country_names(code: str, name: str) -> None:
    assert get_lexicon().country_names[code] == name


@pytest.mark.parametrize(
    ("words", "is_title"),
    [
        (("Menteri", "Luar", "Negeri"), True),
        (("Presiden",), True),
        (("perdana", "menteri"), True),
        (("Prof",), True),
        (("Brigjen", "Pol"), True),  # "Brigjen Pol Rikwanto" is Rikwanto, not "Pol Rikwanto"
        (("Ahmad",), False),
        (("Menteri", "Luar"), False),
    ],
)
def test_lexicon_titles(words: tuple[str, ...], is_title: bool) -> None:
    assert get_lexicon().is_title(words) is is_title


@pytest.mark.parametrize(
    ("alias", "canonical", "kind"),
    [
        ("Tehran", "Teheran", "places"),
        ("Teheran", "Teheran", "places"),
        ("hezbollah", "Hizbullah", "organizations"),
        ("Ismail Haniyah", "Ismail Haniyeh", "people"),
        ("PBB", "Perserikatan Bangsa-Bangsa", "organizations"),
    ],
)
def test_lexicon_aliases(alias: str, canonical: str, kind: str) -> None:
    assert get_lexicon().aliases[normalize_name(alias)] == (canonical, kind)


@pytest.mark.parametrize("rule", ["verb", "phrase", "passive", "statement", "verb+reported", "phrase+pronoun", "nonsense"])
def test_lexicon_rule_confidence_is_a_probability(rule: str) -> None:
    confidence = get_lexicon().rule_confidence(rule)
    assert isinstance(confidence, float) and 0.0 < confidence < 1.0


def test_lexicon_certain_rule_confidence_is_refused(tmp_path: Path) -> None:
    from kg.errors import OntologyError
    from kg.lexicon import DATA_DIR, ONTOLOGY_DIR, Lexicon

    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    rules = data / "rules.toml"
    rules.write_text(re.sub(r"(?m)^verb = .*$", "verb = 1.0", rules.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(OntologyError, match="strictly between 0 and 1"):
        Lexicon(data, ONTOLOGY_DIR)


def test_lexicon_reported_rule_shares_its_base_confidence() -> None:
    lex = get_lexicon()
    assert lex.rule_confidence("verb+reported") == lex.rule_confidence("verb")
    assert lex.rule_confidence("unknown-rule") == lex.confidence["default"]


def test_lexicon_modality_and_dates_loaded() -> None:
    lex = get_lexicon()
    assert ("tidak",) in lex.modality["negated"] and ("tidak", "jadi") in lex.modality["failed"]
    assert (lex.months["mei"], lex.months["nopember"], lex.weekdays["senin"]) == (5, 11, 0)
    assert {"dia", "mereka", "nya"} <= lex.pronouns
    assert "delegasi" in lex.group_nouns and "dipimpin" in lex.leader_forms


def test_lexicon_is_loaded_once() -> None:
    assert get_lexicon() is get_lexicon()


def test_lexicon_speech_content_of_an_unknown_event_type_is_refused(tmp_path: Path) -> None:
    from kg.errors import OntologyError
    from kg.lang import language_pack
    from kg.lexicon import DATA_DIR, ONTOLOGY_DIR, Lexicon

    shutil.copytree(language_pack().folder, tmp_path / "id")
    lexicon = tmp_path / "id" / "lexicon.toml"
    lexicon.write_text(lexicon.read_text(encoding="utf-8").replace("\nThreaten = [", "\nThreat = ["), encoding="utf-8")
    with pytest.raises(OntologyError, match=r"unknown event types \['Threat'\]"):
        Lexicon(DATA_DIR, ONTOLOGY_DIR, language_pack("id", root=tmp_path))
