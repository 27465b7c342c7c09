"""The dependency-pattern engine (``kg.patterns``) and the rules written with it (``kg/lang/id/patterns.toml``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kg.document import ParsedDoc, Sentence, Word
from kg.errors import OntologyError
from kg.extract import extract
from kg.patterns import PatternNode, PatternRule, load_patterns

Parse = Callable[..., ParsedDoc]

MENURUT = """
    # text = Menurut Retno, Indonesia siap membantu.
    1 Menurut turut ADP _ _ 2 case _ ner=O
    2 Retno Retno PROPN _ _ 5 obl _ ner=S-PER
    3 , , PUNCT _ _ 2 punct _ ner=O
    4 Indonesia Indonesia PROPN _ _ 5 nsubj _ ner=S-LOC
    5 siap siap VERB _ _ 0 root _ ner=O
    6 membantu bantu VERB _ _ 5 xcomp _ ner=O
    7 . . PUNCT _ _ 5 punct _ ner=O

    # text = Menurut draf itu, dana naik.
    1 Menurut turut ADP _ _ 2 case _ ner=O
    2 draf draf NOUN _ _ 6 obl _ ner=O
    3 itu itu DET _ _ 2 det _ ner=O
    4 , , PUNCT _ _ 2 punct _ ner=O
    5 dana dana NOUN _ _ 6 nsubj _ ner=O
    6 naik naik VERB _ _ 0 root _ ner=O
    7 . . PUNCT _ _ 6 punct _ ner=O
"""


class _Context:
    """A MatchContext over a bare sentence: mentions are the PROPN words."""

    def __init__(self, sent: Sentence) -> None:
        self.sent = sent

    def is_mention(self, word: Word) -> bool:
        return word.upos == "PROPN"

    def is_title(self, word: Word) -> bool:
        return False

    def word_class(self, name: str) -> frozenset[str]:
        return frozenset({"dana"}) if name == "group_nouns" else frozenset()


def _rule(*nodes: PatternNode, assign: str) -> PatternRule:
    return PatternRule("r", "", "agent", assign, tuple(nodes))


@pytest.mark.parametrize(
    ("nodes", "assign", "expected"),
    [
        ((PatternNode("v", {"upos": "VERB"}), PatternNode("s", {"deprel": "nsubj"}, "v", ">")), "s", "Indonesia"),
        ((PatternNode("v", {"lemma": "siap"}), PatternNode("o", {"deprel": "obl:"}, "v", ">")), "o", None),  # prefix "obl:"
        ((PatternNode("v", {"lemma": "siap"}), PatternNode("o", {"deprel": "obl"}, "v", ">")), "o", "Retno"),
        ((PatternNode("v", {"upos": "VERB"}), PatternNode("d", {"lower": "menurut"}, "v", ">>")), "d", "Menurut"),
        ((PatternNode("c", {"upos": "ADP"}), PatternNode("h", {"test": "mention"}, "c", "<")), "h", "Retno"),
        ((PatternNode("c", {"upos": "ADP"}), PatternNode("n", {}, "c", ".")), "n", "Retno"),
        ((PatternNode("v", {"lemma": "bantu"}), PatternNode("p", {"upos": "PROPN"}, "v", "~")), "p", "Retno"),
        ((PatternNode("v", {"lemma": "bantu"}), PatternNode("h", {}, "v", "<<")), "h", "siap"),
    ],
)
def test_patterns_operators_and_attributes(
    parse: Parse, nodes: tuple[PatternNode, ...], assign: str, expected: str | None
) -> None:
    sent = parse(MENURUT).sentences[0]
    ctx = _Context(sent)
    found = [rule_word for word in sent.words if (rule_word := _rule(*nodes, assign=assign).first(ctx, word)) is not None]
    assert (found[0].text if found else None) == expected


def test_patterns_according_to_rule_makes_the_speaker_the_agent(parse: Parse) -> None:
    doc = parse(MENURUT)
    said = [(e.sentence, e.agent.text, e.rule) for e in extract(doc).events if e.trigger == "Menurut" and e.agent]
    assert said == [(0, "Retno", "statement+according-to")]  # "menurut draf": a document says nothing
    ablated = extract(doc, disabled=frozenset({"according-to"})).events
    assert not [e for e in ablated if e.trigger == "Menurut" and e.agent]


def test_patterns_file_errors_name_the_rule(tmp_path: Path) -> None:
    path = tmp_path / "patterns.toml"
    path.write_text('[[rule]]\nid = "x"\nassign = "b"\npattern = [{ name = "a" }, { name = "b", rel = ">" }]\n', encoding="utf-8")
    with pytest.raises(OntologyError, match=r"'x'.*'of'"):
        load_patterns(path, frozenset())
    path.write_text('[[rule]]\nid = "y"\nassign = "a"\npattern = [{ name = "a", test = "no-such" }]\n', encoding="utf-8")
    with pytest.raises(OntologyError, match=r"'y'.*unknown test"):
        load_patterns(path, frozenset())
    path.write_text('[[rule]]\nid = "z"\nassign = "q"\npattern = [{ name = "a" }]\n', encoding="utf-8")
    with pytest.raises(OntologyError, match=r"'z'.*assign"):
        load_patterns(path, frozenset())
