"""``kg evaluate``: score a built graph against gold annotations (JSON).

Gold shape: ``{"actors": [{"id", "type", "aliases"}], "events": [{"id", "type", "agent": [ids],
"target": [ids], "symmetric", "article", "date", "place"}], "negative_events": [...],
"roles": [{"person", "title", "of"}]}``. Agent and target list every acceptable actor id.

- Actors: a system actor matches a gold actor when any of its names (label or alias)
  equals one of the gold aliases after normalisation. A second system actor for the same
  gold actor counts as spurious (one actor must be one node).
- Events: asserted system events, as (article, type, agent, target), matched against gold
  events (either direction when symmetric; Statement events have no target). Gold events
  marked ``same_as`` another are the same edge and are scored once.
- Negative events must not be asserted: each one that is counts as an error. A negative event is
  one mention: when it gives its ``evidence``, only a system event read from the sentence that holds
  that evidence, with a trigger that shares a word with it, asserts it ("Retno gave no explanation" is
  not contradicted by "kata Retno" elsewhere, nor by "kata Retno" in the same sentence).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph

from kg.errors import EvaluationError
from kg.lexicon import get_lexicon, normalize_name
from kg.sparql import select
from kg.types import PERSON

__all__ = ["Scores", "evaluate_graph", "format_by_rule", "format_by_type", "format_evaluation"]

_ACTORS = """
SELECT ?actor ?label ?alias ?cls WHERE {
  ?actor a ?cls ; rdfs:label ?label .
  VALUES ?cls { kg:Person kg:Organization kg:Country kg:Place }
  OPTIONAL { ?actor skos:altLabel ?alias }
}
"""
_MENTIONED = """
SELECT ?actor ?article WHERE { ?actor kg:mentionedIn ?a . ?a kg:articleId ?article . }
"""
_EVENTS = """
SELECT ?event ?article ?type ?agent ?target ?date ?place ?modality ?rule ?sentenceText ?trigger WHERE {
  ?event a kg:Event ; kg:eventType ?type ; kg:inArticle ?a ; kg:modality ?modality ; kg:extractedBy ?rule .
  ?a kg:articleId ?article .
  OPTIONAL { ?event kg:agent ?agent }
  OPTIONAL { ?event kg:target ?target }
  OPTIONAL { ?event kg:date ?date }
  OPTIONAL { ?event kg:place ?place }
  OPTIONAL { ?event prov:wasDerivedFrom ?sentence . ?sentence kg:text ?sentenceText }
  OPTIONAL { ?event kg:trigger ?trigger }
}
"""
_ROLES = """
SELECT ?person ?title ?of WHERE {
  ?role a kg:Role ; kg:holder ?person ; kg:roleTitle ?title .
  OPTIONAL { ?role kg:roleOf ?of }
}
"""


@dataclass
class PRF:
    """Precision, recall and F1 of one measure, with what was missed and what was spurious."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class Scores:
    actors: PRF
    events: PRF
    events_date_place: PRF
    roles: PRF
    negative_asserted: list[str]
    rules: dict[str, tuple[int, int]] = field(default_factory=dict)
    # every rule id that made or changed an event (base rules and "+" modifiers): (right, wrong) edges
    rule_ids: dict[str, tuple[int, int]] = field(default_factory=dict)
    # event type -> (right, spurious, missed) event edges
    by_type: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    # each asserted system event (its IRI) that makes a scored edge -> whether that edge matches a gold event
    event_labels: dict[str, bool] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        return {
            "actors": self.actors.as_dict(),
            "events": self.events.as_dict(),
            "events_date_place": self.events_date_place.as_dict(),
            "roles": self.roles.as_dict(),
            "negative_asserted": len(self.negative_asserted),
            "rule_precision": {r: round(tp / (tp + fp), 4) if tp + fp else None for r, (tp, fp) in self.rules.items()},
            "by_rule": {r: {"fired": tp + fp, "right": tp} for r, (tp, fp) in self.rule_ids.items()},
            "by_type": {t: {"tp": tp, "fp": fp, "fn": fn} for t, (tp, fp, fn) in self.by_type.items()},
        }


def _local(iri: Any) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _match_actors(gold: dict[str, Any], graph: Graph) -> tuple[dict[str, str], PRF, dict[str, str], dict[tuple[str, str], str]]:
    """Each actor node of ``graph`` -> the gold actor it is, by name: of the gold actors a name could be, one of an
    article the node is mentioned in where the gold says where its actors are ("articles": the event corpus, where
    "Polisi" of one article is not the police of another), else the first. Also (node, article) -> the gold actor of
    that article its names match, where the gold says where its actors are: one person whose name two articles spell
    differently ("Agun Gunandjar", "Agun Gunanjar") is two gold actors but one node, and is each in its article."""
    alias_to_gold: dict[str, list[str]] = {}
    gold_names: dict[str, set[str]] = {}
    # (article, kind) -> the gold actors of that kind the gold says are in that article
    gold_by_article: dict[tuple[str, str], list[str]] = defaultdict(list)
    for actor in gold.get("actors", []):
        for alias in {actor["id"], *actor.get("aliases", [])}:
            alias_to_gold.setdefault(normalize_name(alias), []).append(actor["id"])
        gold_names[actor["id"]] = {normalize_name(n) for n in (actor.get("name", ""), *actor.get("aliases", [])) if n}
        for article in actor.get("articles", []):
            gold_by_article[(article, str(actor.get("type", "")))].append(actor["id"])
    gold_articles = {actor["id"]: set(actor["articles"]) for actor in gold.get("actors", []) if "articles" in actor}
    node_articles: dict[str, set[str]] = defaultdict(set)
    if gold_articles:
        for row in select(graph, _MENTIONED):
            node_articles[str(row.actor)].add(str(row.article))
    names: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, str] = {}
    kinds: dict[str, str] = {}
    for row in select(graph, _ACTORS):
        iri = str(row.actor)
        labels[iri] = str(row.label)
        kinds[iri] = _local(row.cls)
        names[iri].add(str(row.label))
        if row.alias is not None:
            names[iri].add(str(row.alias))
    mapping: dict[str, str] = {}
    in_article: dict[tuple[str, str], str] = {}
    score = PRF()
    claimed: dict[str, str] = {}
    for iri in sorted(names, key=lambda i: (-len(names[i]), i)):
        candidates = [  # the longest name first, and of names as long, the first in order: the same in every process
            alias_to_gold[normalize_name(n)]
            for n in sorted(names[iri], key=lambda s: (-len(s), s))
            if normalize_name(n) in alias_to_gold
        ]
        here = [g for ids in candidates for g in ids if gold_articles.get(g, set()) & node_articles[iri]]
        for article in node_articles[iri]:
            local = next((g for g in here if article in gold_articles[g]), None)
            if local is not None:
                in_article[(iri, article)] = local
        hits = here or [ids[0] for ids in candidates]
        if not hits:
            part_of = _part_of_name(labels[iri], kinds[iri], node_articles[iri], gold_names, gold_by_article)
            for article, gold_id in part_of.items():
                in_article[(iri, article)] = gold_id
            hits = list(dict.fromkeys(part_of.values()))
        if not hits:
            score.fp += 1
            score.spurious.append(f"actor {labels[iri]!r} matches no gold actor")
            continue
        gold_id = hits[0]
        mapping[iri] = gold_id
        if gold_id in claimed:
            score.fp += 1
            score.spurious.append(f"actor {labels[iri]!r} is a second node for gold {gold_id!r} (first: {claimed[gold_id]!r})")
        else:
            claimed[gold_id] = labels[iri]
            score.tp += 1
    for actor in gold.get("actors", []):
        if actor["id"] not in claimed:
            score.fn += 1
            score.missed.append(f"actor {actor['id']!r} ({', '.join(actor.get('aliases', []))})")
    return mapping, score, labels, in_article


def _part_of_name(
    label: str,
    kind: str,
    articles: set[str],
    gold_names: dict[str, set[str]],
    gold_by_article: dict[tuple[str, str], list[str]],
) -> dict[str, str]:
    """Article -> the one gold actor of that article that a node matching no gold name whole is part of by name:
    each word of the node's label is a word of one of the actor's names ("Abidin" of "M. Abidin", "Rudi" of
    "Rudi (Alfonso)"), and no other gold actor of the article has them all. Only gold actors of the node's kind
    (a place named in a person's title is not that person), and a part of an organisation's name is two words at
    least ("Departemen Keamanan", not "Direktorat"). Only where the gold says where its actors are (the event
    corpus, ``gold_by_article``): across articles a part of a name names no one."""
    words = set(normalize_name(label).split())
    out: dict[str, str] = {}
    if not words or (kind != PERSON and len(words) < 2):
        return out
    for article in sorted(articles):
        local = gold_by_article.get((article, kind), [])
        fits = [g for g in local if any(words <= set(n.split()) for n in gold_names.get(g, ()))]
        if len(fits) == 1:
            out[article] = fits[0]
    return out


def _gold_edges(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Gold events, each repeated mention (``same_as``) scored once."""
    return [e for e in events if not e.get("same_as")]


def _event_matches(g: dict[str, Any], s: dict[str, Any], with_date_place: bool) -> bool:
    if g["article"] != s["article"]:
        return False
    if s["type"] != g["type"] and s["type"] not in g.get("alt_types", []):
        return False
    agents, targets = set(g.get("agent", [])), set(g.get("target", []))
    if get_lexicon().is_speech(g["type"]) and not targets:
        ok = s["agent"] in agents
    else:
        ok = s["agent"] in agents and s["target"] in targets
        if not ok and g.get("symmetric"):
            ok = s["agent"] in targets and s["target"] in agents
    if not ok or not with_date_place:
        return ok
    return _same_date(g.get("date"), s["date"]) and (g.get("place") or None) == (s["place"] or None)


def _same_mention(gold: dict[str, Any], system: dict[str, Any]) -> bool:
    """Whether a system event is the gold event's mention: read from the sentence that holds its evidence, and,
    when the system event gives its trigger, from a trigger that shares a word other than a preposition with it
    ("menyampaikan" in "Novel menyampaikan dia hanya akan membuka nama ... jika ..." is not the hypothetical
    "membuka nama"; "berbicara dengan" is not "bertemu dengan"). Any sentence when the gold gives no evidence."""
    evidence = " ".join(str(gold.get("evidence") or "").split())
    if not evidence or system.get("sentence_text") is None:
        return True
    if evidence not in " ".join(str(system["sentence_text"]).split()):
        return False
    trigger = system.get("trigger")
    if trigger is None:
        return True
    lex = get_lexicon()
    prepositions = lex.target_prepositions | lex.place_prepositions | lex.destination_prepositions | lex.passive_agent_markers
    return bool((set(evidence.lower().split()) & set(str(trigger).lower().split())) - prepositions)


def _same_date(gold: str | None, system: str | None) -> bool:
    """Dates agree at the precision of the gold: a gold '--06-20' accepts any year's 20 June."""
    if not gold or not system:
        return not gold and not system
    if gold.startswith("--"):
        return system.endswith(gold[1:]) or system == gold
    return gold == system


def _score_events(
    gold_events: list[dict[str, Any]], system: list[dict[str, Any]], with_date_place: bool
) -> tuple[PRF, list[bool]]:
    """The score, and for each system event whether it matched a gold event."""
    score = PRF()
    gold = _gold_edges(gold_events)
    matched_gold: set[int] = set()
    correct = []
    for s in system:
        hit = [i for i, g in enumerate(gold) if _event_matches(g, s, with_date_place)]
        correct.append(bool(hit))
        if hit:
            score.tp += 1
            matched_gold.update(hit)
        else:
            score.fp += 1
            score.spurious.append(_describe(s))
    for i, g in enumerate(gold):
        if i not in matched_gold:
            score.fn += 1
            extra = f" date={g.get('date')} place={g.get('place')}" if with_date_place else ""
            score.missed.append(
                f"[{g['article']}] {g.get('agent')} {g['type']} {g.get('target')}{extra} ({g.get('evidence', '')})"
            )
    return score, correct


def _describe(s: dict[str, Any]) -> str:
    return f"[{s['article']}] {s['agent_label']} {s['type']} {s['target_label']} date={s['date']} place={s['place']}"


def evaluate_graph(gold: dict[str, Any], graph: Graph) -> Scores:
    """Score ``graph`` against ``gold``."""
    if not isinstance(gold, dict) or "actors" not in gold or "events" not in gold:
        raise EvaluationError("Gold JSON needs 'actors' and 'events' lists (see `kg evaluate --help`).")
    for kind in ("events", "negative_events"):
        for n, ev in enumerate(gold.get(kind, [])):
            missing = [k for k in ("type", "agent", "article") if k not in ev]
            if missing:
                raise EvaluationError(
                    f"Gold {kind}[{n}] ({ev.get('id', '?')}) lacks {', '.join(missing)}: every event needs them."
                )
    articles = set(gold.get("articles") or {e["article"] for e in gold["events"]})
    mapping, actor_score, labels, in_article = _match_actors(gold, graph)

    def gid(iri: Any, article: str | None = None) -> str | None:
        if iri is None:
            return None
        local = in_article.get((str(iri), article)) if article is not None else None
        return local or mapping.get(str(iri), f"?{labels.get(str(iri), _local(iri))}")

    system: dict[tuple[Any, ...], dict[str, Any]] = {}
    events_of_edge: dict[tuple[Any, ...], list[str]] = {}
    negatives_hit: list[str] = []
    negative = gold.get("negative_events", [])
    for row in select(graph, _EVENTS):
        article = str(row.article)
        if articles and article not in articles:
            continue
        s = {
            "article": article,
            "type": _local(row.type),
            "agent": gid(row.agent, article),
            "target": gid(row.target, article),
            "agent_label": labels.get(str(row.agent), None),
            "target_label": labels.get(str(row.target), None),
            "date": str(row.date) if row.date is not None else None,
            "place": gid(row.place, article),
            "rule": str(row.rule).split("+", 1)[0],
            "rules": str(row.rule),
            "sentence_text": str(row.sentenceText) if row.sentenceText is not None else None,
            "trigger": str(row.trigger) if row.trigger is not None else None,
            "event": str(row.event),
        }
        asserted = _local(row.modality) == "Asserted"
        if s["agent"] is None or (s["target"] is None and not get_lexicon().is_speech(str(s["type"]))):
            continue  # unresolved participants are counted in report.json, not scored as edges
        if asserted:
            for n in negative:
                if _event_matches(n, s, False) and _same_mention(n, s):
                    negatives_hit.append(f"{_describe(s)} asserted, but gold says {n.get('modality', 'not asserted')}")
            key = (s["article"], s["type"], s["agent"], s["target"], s["date"], s["place"])
            system.setdefault(key, s)
            events_of_edge.setdefault((s["article"], s["type"], s["agent"], s["target"]), []).append(str(s["event"]))
    unique_edges: dict[tuple[Any, ...], dict[str, Any]] = {}
    for s in system.values():
        unique_edges.setdefault((s["article"], s["type"], s["agent"], s["target"]), s)
    edges = list(unique_edges.values())
    events, correct = _score_events(gold["events"], edges, False)
    event_labels = {
        iri: hit
        for s, hit in zip(edges, correct, strict=True)
        for iri in events_of_edge[(s["article"], s["type"], s["agent"], s["target"])]
    }
    by_rule: dict[str, list[int]] = {}
    by_component: dict[str, list[int]] = {}
    for s, hit in zip(edges, correct, strict=True):
        counts = by_rule.setdefault(str(s["rule"]), [0, 0])
        counts[0 if hit else 1] += 1
        for rule in dict.fromkeys(str(s["rules"]).split("+")):
            each = by_component.setdefault(rule, [0, 0])
            each[0 if hit else 1] += 1
    events_dp, _ = _score_events(gold["events"], list(system.values()), True)
    per_type: dict[str, list[int]] = {}
    for s, hit in zip(edges, correct, strict=True):
        per_type.setdefault(str(s["type"]), [0, 0, 0])[0 if hit else 1] += 1
    for g in _gold_edges(gold["events"]):
        if not any(_event_matches(g, s, False) for s in edges):
            per_type.setdefault(str(g["type"]), [0, 0, 0])[2] += 1
    roles = PRF()
    gold_roles = {(r["person"], normalize_name(r["title"]), r.get("of")) for r in gold.get("roles", [])}
    system_roles = set()
    for row in select(graph, _ROLES):
        person = gid(row.person)
        if person is None:
            continue
        system_roles.add((person, normalize_name(str(row.title)), gid(row.of)))
    for role in sorted(system_roles, key=str):
        if role in gold_roles:
            roles.tp += 1
        else:
            roles.fp += 1
            roles.spurious.append(f"role {role}")
    for role in sorted(gold_roles - system_roles, key=str):
        roles.fn += 1
        roles.missed.append(f"role {role}")
    return Scores(
        actor_score,
        events,
        events_dp,
        roles,
        negatives_hit,
        {r: (tp, fp) for r, (tp, fp) in sorted(by_rule.items())},
        {r: (tp, fp) for r, (tp, fp) in sorted(by_component.items())},
        {t: (tp, fp, fn) for t, (tp, fp, fn) in sorted(per_type.items())},
        event_labels,
    )


def format_by_rule(scores: Scores) -> str:
    """Each rule id's fired / right / precision over the scored event edges (``kg evaluate --by-rule``)."""
    lines = [f"{'rule':24s} {'fired':>5s} {'right':>5s} {'precision':>9s}"]
    for rule, (tp, fp) in sorted(scores.rule_ids.items(), key=lambda item: (-sum(item[1]), item[0])):
        lines.append(f"{rule:24s} {tp + fp:5d} {tp:5d} {tp / (tp + fp):9.3f}")
    return "\n".join(lines)


def format_by_type(scores: Scores) -> str:
    """Event precision, recall and F1 per event type (``kg evaluate --by-type``)."""
    lines = [f"{'type':14s} {'P':>6s} {'R':>6s} {'F1':>6s}   tp/fp/fn"]
    for event_type, (tp, fp, fn) in sorted(scores.by_type.items(), key=lambda item: -sum(item[1])):
        prf = PRF(tp, fp, fn)
        lines.append(f"{event_type:14s} {prf.precision:6.3f} {prf.recall:6.3f} {prf.f1:6.3f}   {tp}/{fp}/{fn}")
    return "\n".join(lines)


def format_evaluation(scores: Scores) -> str:
    lines = [f"{'measure':22s} {'P':>6s} {'R':>6s} {'F1':>6s}   tp/fp/fn"]
    for name, prf in (
        ("actors", scores.actors),
        ("events", scores.events),
        ("events+date+place", scores.events_date_place),
        ("roles", scores.roles),
    ):
        lines.append(f"{name:22s} {prf.precision:6.3f} {prf.recall:6.3f} {prf.f1:6.3f}   {prf.tp}/{prf.fp}/{prf.fn}")
    lines.append(f"negative events asserted: {len(scores.negative_asserted)}")
    for rule, (tp, fp) in scores.rules.items():
        lines.append(f"rule {rule:12s} precision {tp / (tp + fp):.3f} ({tp}/{tp + fp})")
    for name, prf in (
        ("actors", scores.actors),
        ("events", scores.events),
        ("events+date+place", scores.events_date_place),
        ("roles", scores.roles),
    ):
        if prf.missed:
            lines.append(f"\nmissed {name}:")
            lines.extend(f"  - {m}" for m in prf.missed)
        if prf.spurious:
            lines.append(f"\nspurious {name}:")
            lines.extend(f"  + {s}" for s in prf.spurious)
    if scores.negative_asserted:
        lines.append("\nnegative events asserted:")
        lines.extend(f"  ! {n}" for n in scores.negative_asserted)
    return "\n".join(lines)
