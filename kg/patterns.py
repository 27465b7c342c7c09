"""A small dependency-pattern engine: extraction rules as data, matched over a parsed sentence.

A rule (``kg/data/patterns.toml``) is an id, a description, the role it assigns and a pattern: a
list of nodes in the manner of spaCy's DependencyMatcher. The first node is the anchor, the head word
of an event's trigger; every later node names a node already matched (``of``) and how it relates
to it (``rel``):

    ">"  a child of it        "<"  its head          ">>" a descendant      "<<" an ancestor
    "."  the word right after  "-"  the word right before  ";" a word after  "~" a word before

and what the word must be: ``upos``, ``deprel`` (one or a list; a value ending in ":" is a prefix),
``lower`` and ``lemma`` (one or a list), ``lower_in`` (a word class of the lexicon, e.g.
``group_nouns``), and ``test``: registered predicates, of which one must hold (``mention``: the word
is part of a named actor; ``title``: a title starts at it). What cannot be said this way is a
predicate of a few lines, registered here by name.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from kg.document import Sentence, Word
from kg.errors import OntologyError

__all__ = ["PREDICATES", "MatchContext", "PatternNode", "PatternRule", "load_patterns", "predicate"]

RELATIONS = (">", "<", ">>", "<<", ".", "-", ";", "~")


class MatchContext(Protocol):
    """What a predicate may ask about a sentence beyond its parse (the extractor provides it)."""

    sent: Sentence

    def is_mention(self, word: Word) -> bool: ...

    def is_title(self, word: Word) -> bool: ...

    def word_class(self, name: str) -> frozenset[str]: ...


PREDICATES: dict[str, Callable[[MatchContext, Word], bool]] = {}


def predicate(name: str) -> Callable[[Callable[[MatchContext, Word], bool]], Callable[[MatchContext, Word], bool]]:
    """Register a predicate that patterns can name in ``test``."""

    def register(function: Callable[[MatchContext, Word], bool]) -> Callable[[MatchContext, Word], bool]:
        PREDICATES[name] = function
        return function

    return register


@predicate("mention")
def _is_mention(ctx: MatchContext, word: Word) -> bool:
    return ctx.is_mention(word)


@predicate("title")
def _is_title(ctx: MatchContext, word: Word) -> bool:
    return ctx.is_title(word)


@predicate("group-noun")
def _is_group_noun(ctx: MatchContext, word: Word) -> bool:
    return word.lower in ctx.word_class("group_nouns")


@predicate("pronoun")
def _is_pronoun(ctx: MatchContext, word: Word) -> bool:
    return word.lower in ctx.word_class("pronouns")


@dataclass(frozen=True)
class PatternNode:
    """One word of a pattern: how it relates to a node matched before, and what it must be."""

    name: str
    attrs: Mapping[str, Any] = field(default_factory=dict)
    of: str | None = None
    rel: str | None = None

    def accepts(self, ctx: MatchContext, word: Word) -> bool:
        a = self.attrs
        if "upos" in a and word.upos not in _values(a["upos"]):
            return False
        if "deprel" in a and not any(
            word.deprel.startswith(v) if v.endswith(":") else word.deprel == v for v in _values(a["deprel"])
        ):
            return False
        if "lower" in a and word.lower not in _values(a["lower"]):
            return False
        if "lemma" in a and word.lemma.lower() not in _values(a["lemma"]):
            return False
        if "lower_in" in a and not any(word.lower in ctx.word_class(c) for c in _values(a["lower_in"])):
            return False
        return "test" not in a or any(PREDICATES[t](ctx, word) for t in _values(a["test"]))


@dataclass(frozen=True)
class PatternRule:
    """A named rule: when ``when`` holds, the word matched as ``assign_node`` takes the role ``assigns``."""

    id: str
    description: str
    assigns: str
    assign_node: str
    nodes: tuple[PatternNode, ...]
    when: str = "always"
    max_trigger_words: int | None = None

    def matches(self, ctx: MatchContext, anchor: Word) -> Iterator[dict[str, Word]]:
        """Every assignment of the pattern's nodes to words of ``ctx.sent`` with the first node on ``anchor``."""
        first, *rest = self.nodes
        if first.accepts(ctx, anchor):
            yield from _extend(ctx, rest, {first.name: anchor})

    def first(self, ctx: MatchContext, anchor: Word) -> Word | None:
        """The word the rule assigns in its first match at ``anchor``, or None."""
        for found in self.matches(ctx, anchor):
            return found[self.assign_node]
        return None


def _values(value: Any) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, list | tuple) else (value,)


def _related(sentence: Sentence, word: Word, rel: str) -> list[Word]:
    words = sentence.words
    if rel == ">":
        return [w for w in words if w.head == word.id]
    if rel == "<":
        return [sentence.word(word.head)] if word.head else []
    if rel == ">>":
        out, frontier = [], [word.id]
        while frontier:
            kids = [w for w in words if w.head in frontier]
            out += kids
            frontier = [w.id for w in kids]
        return out
    if rel == "<<":
        out = []
        while word.head:
            word = sentence.word(word.head)
            out.append(word)
        return out
    if rel == ".":
        return [words[word.id]] if word.id < len(words) else []
    if rel == "-":
        return [words[word.id - 2]] if word.id > 1 else []
    if rel == ";":
        return list(words[word.id :])
    return list(words[: word.id - 1])  # "~"


def _extend(ctx: MatchContext, nodes: list[PatternNode], bound: dict[str, Word]) -> Iterator[dict[str, Word]]:
    if not nodes:
        yield dict(bound)
        return
    node, *rest = nodes
    for word in _related(ctx.sent, bound[node.of], node.rel):  # type: ignore[index,arg-type]
        if node.accepts(ctx, word) and word.id not in {w.id for w in bound.values()}:
            yield from _extend(ctx, rest, {**bound, node.name: word})


def load_patterns(path: Path, word_classes: frozenset[str]) -> tuple[PatternRule, ...]:
    """The rules of a patterns file, checked: every node but the first relates to one before it."""
    with path.open("rb") as handle:
        entries = tomllib.load(handle).get("rule", [])
    rules = []
    for entry in entries:
        rule_id = entry.get("id", "?")
        raw = entry.get("pattern", [])
        nodes: list[PatternNode] = []
        for n, item in enumerate(raw):
            attrs = {k: v for k, v in item.items() if k not in ("name", "of", "rel")}
            node = PatternNode(item.get("name", f"n{n}"), attrs, item.get("of"), item.get("rel"))
            if n and (node.of not in {x.name for x in nodes} or node.rel not in RELATIONS):
                raise OntologyError(
                    f"Pattern rule {rule_id!r} in {path}: node {node.name!r} needs 'of' (an earlier node) and 'rel' {RELATIONS}."
                )
            unknown = [t for t in _values(attrs.get("test", [])) if t not in PREDICATES]
            classes = [c for c in _values(attrs.get("lower_in", [])) if c not in word_classes]
            if unknown or classes:
                raise OntologyError(f"Pattern rule {rule_id!r} in {path}: unknown test {unknown} or word class {classes}.")
            nodes.append(node)
        if not nodes or entry.get("assign") not in {x.name for x in nodes}:
            raise OntologyError(f"Pattern rule {rule_id!r} in {path} needs a pattern and 'assign' naming one of its nodes.")
        rules.append(
            PatternRule(
                id=rule_id,
                description=str(entry.get("description", "")),
                assigns=str(entry.get("assigns", "agent")),
                assign_node=str(entry["assign"]),
                nodes=tuple(nodes),
                when=str(entry.get("when", "always")),
                max_trigger_words=entry.get("max_trigger_words"),
            )
        )
    return tuple(rules)
