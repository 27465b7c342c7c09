"""Extraction rules as named, measurable, switchable units (``kg rules``, ``--disable-rule``)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from test_quotes import QUOTE_TAGS, SALIENT

from kg.document import ParsedDoc
from kg.errors import RuleError
from kg.extract import extract
from kg.lexicon import get_lexicon

Parse = Callable[..., ParsedDoc]


def test_rules_every_rule_id_an_event_carries_is_registered(parse: Parse) -> None:
    registered = set(get_lexicon().rules)
    for text in (QUOTE_TAGS, SALIENT):
        ex = extract(parse(text))
        used = {part for ev in ex.events for part in ev.rule.split("+")} | {f"quote-{q.rule}" for q in ex.quotes}
        assert used <= registered, used - registered


def test_rules_disabled_base_rule_makes_no_event(parse: Parse) -> None:
    doc = parse(QUOTE_TAGS)
    assert [ev for ev in extract(doc).events if ev.event_type == "Statement"]
    assert not [ev for ev in extract(doc, disabled=frozenset({"statement"})).events if ev.event_type == "Statement"]


def test_rules_disabled_modifier_leaves_the_participant_unresolved(parse: Parse) -> None:
    doc = parse(SALIENT)

    def tag_agent(disabled: frozenset[str]) -> str | None:
        (ev,) = [ev for ev in extract(doc, disabled=disabled).events if ev.trigger == "ujar"]
        return ev.agent.mention.text if ev.agent and ev.agent.mention else None

    assert tag_agent(frozenset()) == "Habiburokhman"
    assert tag_agent(frozenset({"pronoun"})) is None


def test_rules_disabled_quote_rule_drops_those_quotes(parse: Parse) -> None:
    doc = parse(SALIENT)
    assert {q.rule for q in extract(doc).quotes} == {"tag-after", "continued"}
    assert {q.rule for q in extract(doc, disabled=frozenset({"quote-continued"})).quotes} == {"tag-after"}


def test_rules_unknown_id_is_a_clear_error(parse: Parse) -> None:
    with pytest.raises(RuleError, match="kg rules"):
        extract(parse(QUOTE_TAGS), disabled=frozenset({"no-such-rule"}))
