"""kg's event corpus (``tests/gold/events/<split>/*.json``, docs/annotation.md) as a gold for ``kg evaluate``.

Each file is one article's stand-off annotation: actors with aliases and mention offsets, events with
trigger offsets, agent and target actor ids, modality, attribution. Offsets point into the ``text``
of the article in a JSONL corpus that stays outside the repository. ``load_event_corpus`` turns a
folder of such files into the gold shape of ``kg.evaluate``: asserted events are the events to find,
every other modality a negative event that must not be asserted, and the trigger's words its evidence.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kg.errors import EvaluationError
from kg.lexicon import Lexicon, get_lexicon, normalize_name

__all__ = ["article_ids", "is_event_corpus", "load_event_corpus"]


def is_event_corpus(path: Path) -> bool:
    """Whether ``path`` is a folder of event-corpus files (rather than one gold JSON)."""
    return path.is_dir()


def _files(folder: Path) -> list[Path]:
    files = sorted(folder.glob("*.json"))
    if not files:
        raise EvaluationError(f"{folder} holds no annotated articles (*.json): is it a split of tests/gold/events/?")
    return files


def article_ids(folder: Path) -> list[str]:
    """The articles annotated in ``folder``, in file order."""
    return [str(json.loads(path.read_text(encoding="utf-8"))["article"]) for path in _files(folder)]


def load_event_corpus(folder: Path, texts: dict[str, str], lexicon: Lexicon | None = None) -> dict[str, Any]:
    """The annotated articles of ``folder`` as one gold dict for ``kg.evaluate.evaluate_graph``.

    ``texts`` maps article id to its corpus text. Actors of different articles that share a name (after
    normalisation) and a type are one gold actor, as one node of kg's corpus graph stands for them.
    """
    lex = lexicon or get_lexicon()
    files = [json.loads(path.read_text(encoding="utf-8")) | {"_path": str(path)} for path in _files(folder)]
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    names_of: dict[str, set[str]] = {}
    type_of: dict[str, str] = {}
    for n, data in enumerate(files):
        text = texts.get(str(data["article"]))
        if text is None:
            raise EvaluationError(
                f"No corpus text for {data['article']!r} ({data['_path']}): pass the corpus it was annotated on with --corpus."
            )
        for actor in data.get("actors", []):
            local = f"{n}:{actor['id']}"
            names = [actor.get("name"), *actor.get("aliases", [])]
            names += [text[start:end] for start, end in actor.get("mentions", [])]
            names_of[local] = {" ".join(str(a).split()) for a in names if a}
            type_of[local] = str(actor.get("type"))
            for name in names_of[local]:
                parent.setdefault(local, local)
                other = find(f"{type_of[local]}|{normalize_name(name)}")
                parent[find(local)] = other
    groups: dict[str, list[str]] = {}
    for local in names_of:
        groups.setdefault(find(local), []).append(local)
    gold_id = {local: min(members) for members in groups.values() for local in members}
    gold: dict[str, Any] = {"articles": [], "actors": [], "events": [], "negative_events": [], "roles": []}
    for members in groups.values():
        gold["actors"].append(
            {
                "id": min(members),
                "type": type_of[members[0]],
                "aliases": sorted(set().union(*(names_of[m] for m in members))),
            }
        )
    for n, data in enumerate(files):
        article = str(data["article"])
        text = texts[article]
        gold["articles"].append(article)

        def key(actor: str, n: int = n) -> str:
            return gold_id.get(f"{n}:{actor}", f"{n}:{actor}")

        for event in data.get("events", []):
            kind = lex.event_types.get(event["type"])
            if kind is None:
                raise EvaluationError(
                    f"{data['_path']}: event {event.get('id')} has type {event['type']!r}: not in the ontology."
                )
            start, end = event["trigger"]
            item = {
                "id": f"{n}:{event['id']}",
                "type": event["type"],
                "agent": [key(a) for a in event.get("agent") or []],
                "target": [key(t) for t in event.get("target") or []],
                "symmetric": kind.symmetric,
                "article": article,
                "evidence": " ".join(text[start:end].split()),
                "date": event.get("date"),
                "place": key(event["place"]) if event.get("place") else None,
                "modality": event.get("modality", "asserted"),
            }
            if event.get("same_as"):
                item["same_as"] = f"{n}:{event['same_as']}"
            gold["events" if item["modality"] == "asserted" else "negative_events"].append(item)
    return gold
