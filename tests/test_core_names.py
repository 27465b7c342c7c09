"""The core compares no event-type name: how a type behaves is its frame in ontology/event-types.ttl."""

from __future__ import annotations

import ast
from pathlib import Path

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
