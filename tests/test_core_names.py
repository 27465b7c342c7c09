"""The core names no event type and no Indonesian word: types behave by their frames in
ontology/event-types.ttl, and the words are data in the language pack (kg/lang/id: lexicon.toml, triggers.ttl)."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

from kg.lang import language_pack
from kg.lexicon import get_lexicon

KG = Path(__file__).resolve().parents[1] / "kg"


def _string_literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def test_core_names_no_event_type_name_in_python() -> None:
    names = set(get_lexicon().event_types)
    found = [
        f"{path.relative_to(KG.parent)}:{line}: {value!r}"
        for path in sorted(KG.rglob("*.py"))
        for line, value in _string_literals(path)
        if value in names
    ]
    assert found == [], "event types are read from their frame (kg:speech, kg:destination ...), not compared by name"


# string literals of the core that happen to equal a lexicon entry but are no Indonesian word
NOT_LANGUAGE = {
    "ms": "a language code (Malay) in the language check",
    "ul": "an HTML tag",
    "alias": "a CoIN link label",
    "organization": "an actor kind",
    "at": "the lexicon's own key [places] at",
    "id": "a record's key; the lexicon's [organizations] home_country is the country code ID",
    "data": "a folder and a record's key (the lexicon's [speech] sources lists the Indonesian noun 'data')",
}


def _lexicon_words() -> set[str]:
    words: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            words.add(value.lower())

    with language_pack().file("lexicon.toml").open("rb") as handle:
        walk(tomllib.load(handle))
    words |= {" ".join(t.words) for t in get_lexicon().triggers}
    return {w for w in words if len(w) > 1}


def test_core_names_no_indonesian_word_in_python() -> None:
    # kg/nlp trains and runs the language's Stanza models and reads its treebanks: not the core
    words = _lexicon_words()
    found = [
        f"{path.relative_to(KG.parent)}:{line}: {value!r}"
        for path in sorted(KG.rglob("*.py"))
        if "nlp" not in path.relative_to(KG).parts
        for line, value in _string_literals(path)
        if value.lower() in words and value.lower() not in NOT_LANGUAGE
    ]
    assert found == [], "language knowledge belongs in the language pack (kg/lang/<code>/lexicon.toml, triggers.ttl)"
