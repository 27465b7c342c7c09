"""kg's event corpus (``tests/gold/events/<split>/*.json``, docs/annotation.md) as a gold for ``kg evaluate``.

Each file is one article's stand-off annotation: actors with aliases and mention offsets, events with
trigger offsets, agent and target actor ids, modality, attribution. Offsets point into the ``text``
of the article in a JSONL corpus that stays outside the repository. ``load_event_corpus`` turns a
folder of such files into the gold shape of ``kg.evaluate``: asserted events are the events to find,
every other modality a negative event that must not be asserted, and the trigger's words its evidence.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import EvaluationError
from kg.lexicon import Lexicon, get_lexicon, normalize_name
from kg.types import COUNTRY, PERSON

__all__ = [
    "Agreement",
    "agreement",
    "annotation_files",
    "article_ids",
    "format_agreement",
    "is_event_corpus",
    "load_event_corpus",
]


def is_event_corpus(path: Path) -> bool:
    """Whether ``path`` is a folder of event-corpus files (rather than one gold JSON)."""
    return path.is_dir()


def annotation_files(folder: Path) -> list[Path]:
    """The annotated articles' files of a split folder, in name order; an error when there are none."""
    files = sorted(folder.glob("*.json"))
    if not files:
        raise EvaluationError(f"{folder} holds no annotated articles (*.json): is it a split of tests/gold/events/?")
    return files


def _edge_key(event: dict[str, Any], symmetric: bool) -> tuple[object, ...]:
    """What makes two annotated events one edge of kg's graph: article, type, agents and targets."""
    agents, targets = frozenset(event.get("agent") or ()), frozenset(event.get("target") or ())
    sides: object = frozenset((agents, targets)) if symmetric else (agents, targets)
    return (event["article"], event["type"], sides)


def article_ids(folder: Path) -> list[str]:
    """The articles annotated in ``folder``, in file order."""
    return [str(json.loads(path.read_text(encoding="utf-8"))["article"]) for path in annotation_files(folder)]


def _is_proper(word: str, lex: Lexicon) -> bool:
    """Whether a word of an annotated name is part of a proper name: capitalised, and no title, pronoun or
    common noun of the language pack ("Pemerintah", "Penyidik", "Polisi" at the start of a sentence, the
    "Partai" of "Partai Golkar")."""
    bare = word.strip("()[].,;:'\"")
    if not bare or not bare[0].isupper():
        return False
    low = bare.lower()
    common = lex.governments | lex.populations | lex.pronouns | lex.demonstratives | lex.generic_titles | lex.org_classifiers
    common |= lex.institution_heads  # "Partai" of "Partai Golkar": "Golkar" is the whole name
    return (
        low not in common
        and low not in lex.generic_organizations
        and low not in lex.word_classes.get("group_nouns", frozenset())
        and not lex.is_title((low,))
    )


def _linking_names(names: set[str], lex: Lexicon) -> set[str]:
    """The names of an annotated actor that link it to actors of other articles: its proper names, not the common
    nouns ("pemerintah", "Penyidik") nor the short forms ("Andi" beside "Andi Agustinus", "Pimpinan" beside
    "Pimpinan KPK") an article uses for it. An acronym, or a name given in brackets ("Kepolisian Negara Republik
    Indonesia (Polri)"), links."""
    split = [re.sub(r"\([^)]*\)", " ", name).split() for name in names]
    # a longer name has two proper words: "Rikwanto" beside "Brigadir Jenderal Rikwanto" is no short form
    in_longer = {word for words in split if sum(_is_proper(w, lex) for w in words) > 1 for word in words}
    linking = set()
    for name in names:
        words = name.split()
        if not any(_is_proper(word, lex) for word in words):
            continue
        if len(words) == 1 and not name.isupper() and name in in_longer:
            continue
        linking.add(name)
    return linking


def _governed_country(name: str, lex: Lexicon) -> str | None:
    """The country a government is named after ("Pemerintah Indonesia" -> "Indonesia"); None for another name."""
    words = name.split()
    if len(words) < 2 or words[0].lower() not in lex.governments:
        return None
    rest = " ".join(words[1:])
    return rest if lex.country_code(rest) else None


def _without_titles(name: str, lex: Lexicon) -> str:
    """A person's name without the titles before it ("Kapolri Jenderal Tito Karnavian" -> "Tito Karnavian");
    empty when nothing but titles is left."""
    words = name.split()
    stripped = True
    while words and stripped:
        stripped = False
        for size in range(min(lex.max_title_len, len(words)), 0, -1):
            if lex.is_title(tuple(w.rstrip(".") for w in words[:size])):  # "Dr. Tito Karnavian"
                words, stripped = words[size:], True
                break
    return " ".join(words)


def load_event_corpus(folder: Path, texts: dict[str, str], lexicon: Lexicon | None = None) -> dict[str, Any]:
    """The annotated articles of ``folder`` as one gold dict for ``kg.evaluate.evaluate_graph``.

    ``texts`` maps article id to its corpus text. Actors of different articles that share a name (after
    normalisation) and a type are one gold actor, as one node of kg's corpus graph stands for them.
    """
    lex = lexicon or get_lexicon()
    files = [json.loads(path.read_text(encoding="utf-8")) | {"_path": str(path)} for path in annotation_files(folder)]
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    names_of: dict[str, set[str]] = {}
    type_of: dict[str, str] = {}
    article_of: dict[str, str] = {}
    for n, data in enumerate(files):
        text = texts.get(str(data["article"]))
        if text is None:
            raise EvaluationError(
                f"No corpus text for {data['article']!r} ({data['_path']}): pass the corpus it was annotated on with --corpus."
            )
        for actor in data.get("actors", []):
            local = f"{n}:{actor['id']}"
            article_of[local] = str(data["article"])
            names = [actor.get("name"), *actor.get("aliases", [])]
            names += [text[start:end] for start, end in actor.get("mentions", [])]
            names_of[local] = {" ".join(str(a).split()) for a in names if a}
            type_of[local] = str(actor.get("type"))
            governed = {rest for name in names_of[local] if (rest := _governed_country(name, lex))}
            if type_of[local] != PERSON:
                # "Partai Golkar" is "Golkar": kg joins a name with and without its classifier ([names] classifiers)
                names_of[local] |= {
                    " ".join(words[1:])
                    for name in names_of[local]
                    if len(words := name.split()) > 1 and words[0].lower() in lex.name_classifiers
                }
            if governed and type_of[local] != PERSON:
                # "Pemerintah Indonesia" is the country in kg's graph ("Pemerintah RI" stands for Indonesia)
                names_of[local] |= governed
                type_of[local] = COUNTRY
            if type_of[local] == PERSON:
                # titles are roles in kg's graph, not names: the gold's "AKBP Budiyanto" is kg's "Budiyanto", and
                # "Kapolri Jenderal Tito Karnavian" in one article and "Tito Karnavian" in another are one person
                names_of[local] |= {bare for name in names_of[local] if (bare := _without_titles(name, lex))}
            keys = {normalize_name(name) for name in _linking_names(names_of[local], lex)}
            for name_key in keys:
                parent.setdefault(local, local)
                other = find(f"{type_of[local]}|{name_key}")
                parent[find(local)] = other
    groups: dict[str, list[str]] = {}
    for local in names_of:
        groups.setdefault(find(local), []).append(local)
    gold_id = {local: min(members) for members in groups.values() for local in members}
    first_of: dict[tuple[object, ...], str] = {}
    gold: dict[str, Any] = {"articles": [], "actors": [], "events": [], "negative_events": [], "roles": []}
    for members in groups.values():
        gold["actors"].append(
            {
                "id": min(members),
                "type": type_of[members[0]],
                "aliases": sorted(set().union(*(names_of[m] for m in members))),
                "articles": sorted({article_of[m] for m in members}),
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
            elif item["modality"] == "asserted":
                # kg's graph has one edge per (article, type, agent, target): a second mention of the same
                # edge ("kata X" twice in an article) is scored once, as the gold files mark with same_as
                edge = _edge_key(item, kind.symmetric)
                if edge in first_of:
                    item["same_as"] = first_of[edge]
                else:
                    first_of[edge] = str(item["id"])
            gold["events" if item["modality"] == "asserted" else "negative_events"].append(item)
    return gold


@dataclass
class Agreement:
    """Event agreement between two annotations of the same articles: B scored against A, per type."""

    by_type: dict[str, list[int]] = field(default_factory=dict)  # type -> [both, only A, only B]
    articles: int = 0

    def add(self, event_type: str, both: int, only_a: int, only_b: int) -> None:
        counts = self.by_type.setdefault(event_type, [0, 0, 0])
        counts[0] += both
        counts[1] += only_a
        counts[2] += only_b

    @staticmethod
    def f1(both: int, only_a: int, only_b: int) -> float:
        return 2 * both / (2 * both + only_a + only_b) if both else 0.0

    def total(self) -> tuple[int, int, int]:
        both, only_a, only_b = (sum(c[i] for c in self.by_type.values()) for i in range(3))
        return both, only_a, only_b


def _actor_links(a: dict[str, Any], b: dict[str, Any], text: str) -> dict[str, set[str]]:
    """B's actor ids -> the A actor ids they name: a shared mention span or a shared normalised name."""

    def names(actor: dict[str, Any]) -> set[str]:
        found = [actor.get("name"), *actor.get("aliases", [])] + [text[s:e] for s, e in actor.get("mentions", [])]
        return {normalize_name(str(n)) for n in found if n}

    def spans(actor: dict[str, Any]) -> set[tuple[int, int]]:
        return {(int(s), int(e)) for s, e in actor.get("mentions", [])}

    links: dict[str, set[str]] = {}
    for actor_b in b.get("actors", []):
        links[actor_b["id"]] = {
            actor_a["id"] for actor_a in a.get("actors", []) if names(actor_a) & names(actor_b) or spans(actor_a) & spans(actor_b)
        }
    return links


def agreement(folder_a: Path, folder_b: Path, texts: dict[str, str], lexicon: Lexicon | None = None) -> Agreement:
    """How far two annotators of the same articles agree on asserted events as (type, agent, target).

    Events are matched one to one within an article when their types are equal and B's agent and
    target name one of A's (either order for symmetric types; agent only for a Statement without
    target). Repeated mentions (``same_as``) count once, as in ``kg evaluate``.
    """
    lex = lexicon or get_lexicon()
    result = Agreement()
    files_b = {path.name: path for path in annotation_files(folder_b)}
    for path_a in annotation_files(folder_a):
        if path_a.name not in files_b:
            continue
        a = json.loads(path_a.read_text(encoding="utf-8"))
        b = json.loads(files_b[path_a.name].read_text(encoding="utf-8"))
        text = texts[str(a["article"])]
        result.articles += 1
        links = _actor_links(a, b, text)

        def edges(data: dict[str, Any]) -> list[dict[str, Any]]:
            """The annotation's asserted edges: repeated mentions of one (type, agent, target) once."""
            seen: set[tuple[object, ...]] = set()
            out = []
            for e in data.get("events", []):
                if e.get("modality", "asserted") != "asserted" or e.get("same_as"):
                    continue
                kind = lex.event_types.get(e["type"])
                key = _edge_key({**e, "article": ""}, kind is not None and kind.symmetric)
                if key not in seen:
                    seen.add(key)
                    out.append(e)
            return out

        unmatched_a = edges(a)
        for event_b in edges(b):
            kind = lex.event_types.get(event_b["type"])
            symmetric = kind is not None and kind.symmetric
            agents = set().union(*(links.get(x, set()) for x in event_b.get("agent") or []))
            targets = set().union(*(links.get(x, set()) for x in event_b.get("target") or []))

            hit = next((e for e in unmatched_a if _same_event(e, event_b["type"], agents, targets, symmetric)), None)
            if hit is None:
                result.add(event_b["type"], 0, 0, 1)
            else:
                unmatched_a.remove(hit)
                result.add(event_b["type"], 1, 0, 0)
        for event_a in unmatched_a:
            result.add(event_a["type"], 0, 1, 0)
    return result


def _same_event(event_a: dict[str, Any], event_type: str, agents: set[str], targets: set[str], symmetric: bool) -> bool:
    """Whether A's ``event_a`` is the event B annotated as ``event_type`` between ``agents`` and ``targets`` (A's ids)."""
    if event_a["type"] != event_type:
        return False
    ag, tg = set(event_a.get("agent") or []), set(event_a.get("target") or [])
    if not tg and not targets:
        return bool(ag & agents)
    return (bool(ag & agents) and bool(tg & targets)) or (symmetric and bool(ag & targets) and bool(tg & agents))


def format_agreement(result: Agreement) -> str:
    """Per type and overall: events both annotators have, only A, only B, and the F1 between them."""
    lines = [f"{'type':14s} {'both':>5s} {'onlyA':>5s} {'onlyB':>5s} {'F1':>6s}"]
    for event_type, (both, only_a, only_b) in sorted(result.by_type.items(), key=lambda item: -sum(item[1])):
        lines.append(f"{event_type:14s} {both:5d} {only_a:5d} {only_b:5d} {Agreement.f1(both, only_a, only_b):6.3f}")
    both, only_a, only_b = result.total()
    lines.append(f"{'all':14s} {both:5d} {only_a:5d} {only_b:5d} {Agreement.f1(both, only_a, only_b):6.3f}")
    lines.append(f"({result.articles} articles annotated by both; asserted events, repeated mentions once)")
    return "\n".join(lines)
