"""How fast a large actor network draws: a graph of 3,000+ actors from IndoSum, timed in headless Chromium.

    python bench/network_view.py [--corpus ../shared/data/corpus/indosum/articles.jsonl]
                                 [--min-actors 3000] [--runs 5] [--out output/bench-network]

Parsing thousands of articles with the Stanza pipeline takes hours on a busy 2-core machine
(about 500 tokens/s), so this bench does NOT run kg's NLP. It builds the graph cheaply, and
says so in its output:

- sentences: split at ``.``, ``!`` and ``?``; tokens: a regular expression;
- actors: maximal runs of capitalised tokens (a country when the lexicon knows the name, an
  organisation when all in capitals, otherwise a person);
- events: a trigger form of ``ontology/event-types.ttl`` between two names in one sentence
  (agent: the nearest name before it, target: the nearest name after it).

From there on it is kg's own path: ``Extraction`` and ``EventMention`` data, ``resolve_actors``,
the RDF mapper, ``actor_network`` and ``render_html``, exactly as ``kg build`` runs them.
The page is then opened in headless Chromium (Debian's ``chromium`` and ``chromedriver``) and
timed from navigation start to vis-network's first ``afterDrawing`` of the laid-out network
(``window.kgReadyMs``, set by the page), median of ``--runs``. The figure goes in the README,
never in a test.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import shutil
import statistics
import time
from pathlib import Path

import networkx as nx

from kg.actors import resolve_actors
from kg.articles import read_articles
from kg.document import Article, ParsedDoc, Sentence, Word
from kg.extract import COUNTRY, ORGANIZATION, PERSON, EventMention, Extraction, Mention, Participant
from kg.lexicon import Lexicon, get_lexicon
from kg.mapper import map_corpus
from kg.network import actor_network, write_graphml
from kg.render import PHYSICS_THRESHOLD, layout_positions, render_html

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_TOKEN = re.compile(r"\w+(?:[-'.]\w+)*|[^\w\s]")
RULE = "bench-window"


def _words(text: str, offset: int) -> tuple[Word, ...]:
    return tuple(
        Word(i, m.group(), m.group().lower(), "X", 0, "dep", offset + m.start(), offset + m.end())
        for i, m in enumerate(_TOKEN.finditer(text), start=1)
    )


def _names(words: tuple[Word, ...], lex: Lexicon) -> list[tuple[int, int]]:
    """Maximal runs of capitalised tokens (0-based, end exclusive); a lone capitalised first word is skipped."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        if words[i].text[:1].isupper():
            j = i
            while j < len(words) and words[j].text[:1].isupper():
                j += 1
            lowered = tuple(w.text.lower() for w in words[i:j])
            if not (i == 0 and j == 1) and not lex.is_title(lowered) and not (j - i == 1 and lowered[0] in lex.pronouns):
                spans.append((i, j))
            i = j
        else:
            i += 1
    return spans


def _kind(text: str, lex: Lexicon) -> tuple[str, str | None]:
    code = lex.country_code(text)
    if code:
        return COUNTRY, code
    if text.replace(" ", "").isupper():
        return ORGANIZATION, None
    return PERSON, None


def cheap_extraction(article: Article, lex: Lexicon) -> Extraction:
    """Sentences, names and trigger-window events of one article, as kg's extraction data."""
    sentences: list[Sentence] = []
    mentions: list[Mention] = []
    events: list[EventMention] = []
    for match in _SENTENCE.finditer(article.text):
        text = match.group().strip()
        if not text:
            continue
        start = match.start() + match.group().index(text)
        index = len(sentences)
        words = _words(text, start)
        sentences.append(Sentence(index, text, start, start + len(text), words))
        spans = _names(words, lex)
        if len(spans) < 2:
            continue
        lowered = [w.text.lower() for w in words]
        used: dict[tuple[int, int], Mention] = {}
        for k in range(len(words)):
            trigger = next(
                (
                    t
                    for t in lex.triggers_starting(lowered[k])
                    if not t.lemma and not t.passive and tuple(lowered[k : k + len(t.words)]) == t.words
                ),
                None,
            )
            if trigger is None:
                continue
            before = [s for s in spans if s[1] <= k]
            after = [s for s in spans if s[0] >= k + len(trigger.words)]
            if not before or not after:
                continue
            parts = []
            for s in (before[-1], after[0]):
                if s not in used:
                    name = " ".join(w.text for w in words[s[0] : s[1]])
                    kind, code = _kind(name, lex)
                    used[s] = Mention(index, s[0], s[1], name, kind, s[0], code)
                parts.append(Participant(used[s], used[s].text, s[1]))
            if parts[0].mention == parts[1].mention:
                continue
            events.append(EventMention(index, trigger.event_type, " ".join(trigger.words), k + 1, parts[0], parts[1], rule=RULE))
        mentions.extend(used.values())
    return Extraction(ParsedDoc(article, tuple(sentences)), tuple(mentions), tuple(events))


def _driver():  # type: ignore[no-untyped-def]
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, chromedriver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and chromedriver):
        raise SystemExit("needs Debian's chromium and chromium-driver (bash setup.sh installs them)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--window-size=1400,900"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(chromedriver), options=options)


def time_page(page: Path, runs: int) -> list[float]:
    """Milliseconds from navigation start to the first drawing of the laid-out network, one per run."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver = _driver()
    try:
        times = []
        for _ in range(runs):
            driver.get("about:blank")
            driver.get(page.resolve().as_uri())
            WebDriverWait(driver, 120, poll_frequency=0.05).until(lambda d: d.execute_script("return window.kgReady === true"))
            times.append(float(driver.execute_script("return window.kgReadyMs")))
            drawn = driver.execute_script("return Object.keys(window.kgNetwork.getPositions()).length")
            if drawn == 0:
                raise SystemExit("the page drew no nodes")
        return times
    finally:
        driver.quit()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=Path("../shared/data/corpus/indosum/articles.jsonl"))
    ap.add_argument("--min-actors", type=int, default=3000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--out", type=Path, default=Path("output/bench-network"))
    args = ap.parse_args()
    lex = get_lexicon()
    t0 = time.perf_counter()
    extractions: list[Extraction] = []
    names: set[str] = set()
    for article in read_articles([args.corpus]):
        if not isinstance(article, Article):
            continue
        extraction = cheap_extraction(article, lex)
        if extraction.events:
            extractions.append(extraction)
            names |= {m.text for m in extraction.mentions}
        if len(names) >= args.min_actors * 1.3:  # resolution merges some names
            break
    t1 = time.perf_counter()
    index = resolve_actors(extractions, lex)
    graph = map_corpus(extractions, index, lex)
    t2 = time.perf_counter()
    net = actor_network(graph)
    t3 = time.perf_counter()
    layout_positions(net)
    t4 = time.perf_counter()
    page = render_html(net, title=f"IndoSum, {net.number_of_nodes()} actors (cheap extraction, bench)")
    t5 = time.perf_counter()
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "graph.graphml").write_text(write_graphml(net), encoding="utf-8")
    path = args.out / "network.html"
    path.write_text(page, encoding="utf-8")
    times = time_page(path, args.runs)
    print(
        json.dumps(
            {
                "note": "graph built by a cheap regex extraction (capitalised names, trigger between two names), "
                "not by kg's Stanza pipeline; everything from the extraction data on is kg's own code",
                "machine": f"{platform.machine()} {__import__('os').cpu_count()} cores",
                "articles": len(extractions),
                "actors": net.number_of_nodes(),
                "edges": net.number_of_edges(),
                "largest_component": max((len(c) for c in nx.weakly_connected_components(net)), default=0),
                "events": sum(len(e.events) for e in extractions),
                "triples": len(graph),
                "layout_precomputed": net.number_of_nodes() > PHYSICS_THRESHOLD,
                "page_bytes": len(page.encode("utf-8")),
                "seconds": {
                    "extract": round(t1 - t0, 2),
                    "resolve_and_map": round(t2 - t1, 2),
                    "actor_network": round(t3 - t2, 2),
                    "layout": round(t4 - t3, 2),
                    "render_html (with the layout)": round(t5 - t4, 2),
                },
                "browser_ms_to_first_draw": [round(t) for t in times],
                "browser_median_ms": round(statistics.median(times)),
                "page": str(path),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
