"""Validate the event corpus files against docs/annotation.md and the article texts (stdlib only).

Usage: python tests/gold/events/check.py [articles.jsonl]   (exit 1 on any error)
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
TYPES = {
    "Statement", "Appeal", "Invite", "Agree", "Meet", "Coordinate", "Visit", "Negotiate", "Praise", "Thank",
    "Congratulate", "Support", "Apologize", "Condole", "Concede", "Cooperate", "Aid", "Retreat", "Demand",
    "Criticize", "Accuse", "Reject", "Threaten", "Protest", "Mobilize", "Sanction", "Coerce", "Arrest", "Assault",
    "Attack",
}  # fmt: skip
MODALITIES = {"asserted", "negated", "future", "hypothetical", "obligation", "failed", "demanded"}
ACTOR_TYPES = {"Person", "Organization", "Country", "Place"}


def check_file(path: Path, texts: dict[str, str], errors: list[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    data = json.loads(path.read_text(encoding="utf-8"))
    where = f"{path.relative_to(HERE)}"
    text = texts.get(data.get("article", ""))
    if text is None:
        errors.append(f"{where}: unknown article {data.get('article')!r}")
        return counts
    if path.stem != data["article"] and not path.stem.startswith(data["article"]):
        errors.append(f"{where}: file name does not match article id")
    actors = {a["id"]: a for a in data.get("actors", [])}
    for actor in data.get("actors", []):
        if actor.get("type") not in ACTOR_TYPES:
            errors.append(f"{where}: actor {actor.get('id')} has type {actor.get('type')!r}")
        for start, end in actor.get("mentions", []):
            if not (0 <= start < end <= len(text)):
                errors.append(f"{where}: actor {actor['id']} mention {start}-{end} outside the text")
    ids = set()
    for ev in data.get("events", []):
        eid = ev.get("id")
        if eid in ids:
            errors.append(f"{where}: duplicate event id {eid}")
        ids.add(eid)
        if ev.get("type") not in TYPES:
            errors.append(f"{where}: {eid} has unknown type {ev.get('type')!r}")
        if ev.get("modality") not in MODALITIES:
            errors.append(f"{where}: {eid} has unknown modality {ev.get('modality')!r}")
        start, end = ev.get("trigger") or (-1, -1)
        if not (0 <= start < end <= len(text)):
            errors.append(f"{where}: {eid} trigger {start}-{end} outside the text")
        for role in ("agent", "target"):
            for actor in ev.get(role) or []:
                if actor not in actors:
                    errors.append(f"{where}: {eid} {role} {actor!r} is no actor of the file")
        if not ev.get("agent"):
            errors.append(f"{where}: {eid} has no agent")
        if ev.get("type") != "Statement" and not ev.get("target"):
            errors.append(f"{where}: {eid} ({ev.get('type')}) has no target")
        for role in ("according_to", "place"):
            if ev.get(role) and ev[role] not in actors:
                errors.append(f"{where}: {eid} {role} {ev[role]!r} is no actor of the file")
        counts[ev.get("type", "?")] += 1
    return counts


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared" / "data" / "corpus" / "indosum" / "articles.jsonl"
    split = json.loads((HERE / "split.json").read_text(encoding="utf-8"))
    wanted = {a for name in ("train", "dev", "test", "fresh") for a in split[name]}
    texts = {}
    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["id"] in wanted:
                texts[record["id"]] = record["text"]
    errors: list[str] = []
    for name in ("train", "dev", "test", "double", "fresh"):
        folder = HERE / name
        files = sorted(folder.glob("*.json")) if folder.is_dir() else []
        counts: Counter[str] = Counter()
        for path in files:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("article") not in split[name]:
                errors.append(f"{name}/{path.name}: article not in the {name} split")
            counts += check_file(path, texts, errors)
        total = sum(counts.values())
        print(f"{name:<6} {len(files):>3}/{len(split[name])} articles, {total} events: {dict(sorted(counts.items()))}")
    for error in errors:
        print("ERROR", error)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
