"""kg/extract/finders.py: agent and target finders tried in the order rules.toml [order] gives."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator

import pytest

from kg.document import Article, ParsedDoc
from kg.errors import OntologyError
from kg.extract import extract
from kg.extract.finders import AGENT_FINDERS, TARGET_FINDERS, Finder, RoleSearch, check_order
from kg.lexicon import Lexicon, get_lexicon

Parse = Callable[..., ParsedDoc]

BARE_PASSIVE = """
    # text = Kevin Lasut dihubungi Menlu Malaysia Ahmad Zaki.
    1 Kevin Kevin PROPN _ _ 3 nsubj:pass _ ner=B-PER
    2 Lasut Lasut PROPN _ _ 1 flat:name _ ner=E-PER
    3 dihubungi hubung VERB _ _ 0 root _ ner=O
    4 Menlu Menlu PROPN _ _ 3 obj _ ner=O
    5 Malaysia Malaysia PROPN _ _ 4 flat:name _ ner=S-LOC
    6 Ahmad Ahmad PROPN _ _ 4 flat:name _ ner=B-PER
    7 Zaki Zaki PROPN _ _ 6 flat:name _ ner=E-PER
    8 . . PUNCT _ _ 3 punct _ ner=O
"""


def _edges(
    doc: ParsedDoc, lex: Lexicon | None = None, disabled: frozenset[str] = frozenset()
) -> list[tuple[str, str | None, str | None, str]]:
    ex = extract(doc, lex, disabled)
    name = lambda p: None if p is None or p.mention is None else p.mention.text  # noqa: E731
    return [(e.event_type, name(e.agent), name(e.target), e.rule) for e in ex.events]


def _with_order(agent: tuple[str, ...] | None = None, target: tuple[str, ...] | None = None) -> Lexicon:
    lex = copy.copy(get_lexicon())
    lex.role_order = {"agent": agent or lex.role_order["agent"], "target": target or lex.role_order["target"]}
    return lex


def test_finders_every_registered_finder_is_ordered_and_described() -> None:
    lex = get_lexicon()
    check_order(lex)
    assert set(lex.role_order["agent"]) == set(AGENT_FINDERS)
    assert set(lex.role_order["target"]) == set(TARGET_FINDERS)
    assert set(AGENT_FINDERS) | set(TARGET_FINDERS) <= set(lex.rules)  # `kg rules` lists them; --disable-rule takes them


def test_finders_an_order_that_leaves_one_out_or_names_an_unknown_one_is_an_error() -> None:
    with pytest.raises(OntologyError, match=r"missing \['patterns'\]"):
        check_order(_with_order(agent=tuple(f for f in get_lexicon().role_order["agent"] if f != "patterns")))
    with pytest.raises(OntologyError, match=r"unknown \['nobody'\]"):
        check_order(_with_order(target=(*get_lexicon().role_order["target"], "nobody")))


def test_finders_the_bare_passive_agent_is_recorded_and_can_be_disabled(parse: Parse) -> None:
    doc = parse(BARE_PASSIVE, Article("uji", ""))
    assert _edges(doc) == [("Meet", "Ahmad Zaki", "Kevin Lasut", "passive+bare-passive-object")]
    # without it, the bare nominal is a second target, and nobody is the agent
    assert _edges(doc, disabled=frozenset({"bare-passive-object"})) == [
        ("Meet", None, "Kevin Lasut", "passive"),
        ("Meet", None, "Ahmad Zaki", "passive"),
    ]


@pytest.fixture
def two_fakes() -> Iterator[list[str]]:
    """Two agent finders that each give the first word of the sentence, and note when they are asked."""
    asked: list[str] = []

    def finder(name: str) -> Finder:
        def find(search: RoleSearch) -> list:
            asked.append(name)
            return [search.reading.sent.words[0]]

        return Finder(name, lambda s: not s.nominal, find, takes_from_targets=True)

    AGENT_FINDERS["fake-a"], AGENT_FINDERS["fake-b"] = finder("fake-a"), finder("fake-b")
    yield asked
    del AGENT_FINDERS["fake-a"], AGENT_FINDERS["fake-b"]


def test_finders_the_first_in_the_order_that_gives_words_wins(parse: Parse, two_fakes: list[str]) -> None:
    doc = parse(BARE_PASSIVE, Article("uji", ""))
    rest = tuple(f for f in get_lexicon().role_order["agent"] if f != "subject")
    lex_a = _with_order(agent=("fake-a", "fake-b", *rest, "subject"))
    lex_a.rules = {**lex_a.rules, "fake-a": "test", "fake-b": "test"}
    # fake-a wins over the bare passive object: Kevin Lasut (word 1) is the agent, and is no target now
    assert _edges(doc, lex_a) == [("Meet", "Kevin Lasut", "Ahmad Zaki", "passive+fake-a")]
    assert two_fakes == ["fake-a"]
    two_fakes.clear()
    assert _edges(doc, lex_a, frozenset({"fake-a"})) == [("Meet", "Kevin Lasut", "Ahmad Zaki", "passive+fake-b")]
    assert two_fakes == ["fake-b"]
