"""How fast the ``kg serve`` app answers: article, actor and network pages, timed in headless Chromium.

    python bench/app_pages.py [--articles 1000] [--runs 5] [--store output/bench-app/store] [--seeds ../shared/seeds]

The store is SYNTHETIC, and the output says so: parsing 1,000 real articles with Stanza takes
hours on a busy 2-core machine, so the articles are the three hand-parsed fixture articles of the
test suite (``tests/fixtures/corpus``) with their person names replaced by names drawn from a pool
(so actors recur across articles and the network is connected) and a publication date spread over
2023-2024. From there on it is kg's own path: ``build_into_store`` (extraction, actor resolution,
RDF, the Oxigraph store), then ``kg serve``'s server.

It prints one JSON object:

- ``store``: articles, actors, edges, how long the store took to build;
- ``site_load_s``: the server's first load of the store (network, events, articles), paid once
  after each change of the store;
- ``article_page_ms`` / ``actor_page_ms``: navigation start to the load event in Chromium
  (median of ``--runs``, warm server), for several articles and actors;
- ``network_page_ms``: navigation start until the network is drawn (``window.kgReadyMs``), and
  ``network_search_ms``: typing a name into the search box until the view is filtered;
- with ``--seeds``: the same article and actor page timings on the seeds built with the shipped
  models (the figure the issue asks for: under 1 s).

The figures go in the README, never in a test.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import re
import shutil
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "corpus"
PEOPLE = ("Ahmad Zaki", "Maria Santos", "Karim Haddad", "Kevin Lasut", "Dewi Lestari")
FIRST = ["Budi", "Siti", "Agus", "Rina", "Joko", "Sri", "Andi", "Dian", "Hendra", "Wati", "Yusuf", "Nur", "Rudi", "Ani"]
# surnames from two syllable lists: 400 distinct ones, so people are told apart across articles
HEAD = ["Su", "Wi", "Ha", "Pra", "Ku", "Ra", "Sa", "Ti", "Ma", "Da", "Ja", "Li", "No", "Pu", "Se", "Ta", "Ga", "Be", "Lu", "Ri"]
TAIL = ["harto", "jaya", "lim", "tama", "suma", "wan", "putra", "dinata", "sastro", "negoro", "kusumo", "wibowo", "santo",
        "gara", "mulya", "pranata", "saputra", "lubis", "rangga", "diharja"]  # fmt: skip


class _Parses:
    """A stand-in for the Stanza parser: hands out the synthetic parses by article id."""

    def __init__(self, parses: dict[str, str]) -> None:
        self.parses = parses

    def parse_many(self, articles: Any) -> Any:
        from kg.document import from_conllu

        for article in articles:
            yield from_conllu(self.parses[article.id], article)


def synthetic_corpus(n: int, folder: Path, seed: int = 1) -> tuple[Path, dict[str, str]]:
    """``n`` articles (JSONL) and their parses: the fixture parses with person names from a pool of about n/3."""
    rng = random.Random(seed)
    templates = {p.stem: p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.conllu"))}
    surnames = [h + t for h in HEAD for t in TAIL]
    rng.shuffle(surnames)
    pool = [f"{FIRST[i % len(FIRST)]} {surname}" for i, surname in enumerate(surnames[: max(10, n // 3)])]
    parses, lines = {}, []
    for i in range(n):
        name, conllu = list(templates.items())[i % len(templates)]
        chosen = rng.sample(pool, len(PEOPLE))
        for old, new in zip(PEOPLE, chosen, strict=True):
            for old_part, new_part in zip(old.split(), new.split(), strict=True):
                conllu = re.sub(rf"\b{old_part}\b", new_part, conllu)
        aid = f"{name}-{i:04d}"
        parses[aid] = conllu
        text = " ".join(line.split("=", 1)[1].strip() for line in conllu.splitlines() if line.startswith("# text"))
        date = f"{2023 + (i % 24) // 12}-{(i % 12) + 1:02d}-{rng.randint(1, 28):02d}"
        lines.append(json.dumps({"id": aid, "text": text, "date": date}, ensure_ascii=False))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "articles.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, parses


def _driver() -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,900", "--disable-background-networking"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver") or "chromedriver"), options=options)


def _page_ms(driver: Any, url: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        driver.get(url)
        times.append(driver.execute_script("const t = performance.getEntriesByType('navigation')[0]; return t.loadEventEnd;"))
    return round(statistics.median(times), 1)


def _network(driver: Any, url: str, runs: int, name: str) -> tuple[float, float]:
    from selenium.webdriver.support.ui import WebDriverWait

    drawn, search = [], []
    for _ in range(runs):
        driver.get(url)
        WebDriverWait(driver, 120).until(lambda d: d.execute_script("return window.kgReady === true"))
        drawn.append(driver.execute_script("return window.kgReadyMs"))
        search.append(
            driver.execute_script(
                "const box = document.getElementById('search'); const t0 = performance.now();"
                "box.value = arguments[0]; box.dispatchEvent(new Event('input'));"
                "const shown = window.kgNetwork.body.data.nodes.length; return [performance.now() - t0, shown];",
                name,
            )[0]
        )
    return round(statistics.median(drawn), 1), round(statistics.median(search), 1)


def _serve(store: Path) -> Any:
    from kg.serve import ServeSettings, make_server

    srv = make_server(store, ServeSettings(port=0, workers=1))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


def _time_site(srv: Any) -> float:
    start = time.perf_counter()
    srv.site.get().network_json()
    return round(time.perf_counter() - start, 2)


def _pages(srv: Any, driver: Any, runs: int, count: int = 3) -> dict[str, Any]:
    from urllib.parse import quote

    site = srv.site.get()
    base = srv.app_url.rstrip("/")
    hubs = sorted(site.net, key=site.net.degree, reverse=True)[:count]
    articles = sorted(site.articles)[:count]
    actor_ms = {site.net.nodes[h]["label"]: _page_ms(driver, f"{base}/actor/{h.rsplit('/', 1)[-1]}", runs) for h in hubs}
    article_ms = {a: _page_ms(driver, f"{base}/article/{quote(a, safe='')}", runs) for a in articles}
    return {"actor_page_ms": actor_ms, "article_page_ms": article_ms, "top_actor": site.net.nodes[hubs[0]]["label"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--store", type=Path, default=ROOT / "output" / "bench-app" / "store")
    parser.add_argument("--seeds", type=Path, default=None, help="also time the pages of these articles built with the models")
    args = parser.parse_args()

    from kg.build import BuildSettings
    from kg.store import build_into_store

    out: dict[str, Any] = {"machine": f"{platform.machine()}, {platform.python_version()}", "synthetic": True}
    shutil.rmtree(args.store, ignore_errors=True)
    corpus, parses = synthetic_corpus(args.articles, args.store.parent / "corpus")
    start = time.perf_counter()
    build_into_store([corpus], args.store, BuildSettings(validate=False), parser=_Parses(parses))
    build_s = round(time.perf_counter() - start, 1)
    print(f"store of {args.articles} synthetic articles built in {build_s} s", file=sys.stderr)
    driver = _driver()
    srv = _serve(args.store)
    try:
        site_s = _time_site(srv)
        site = srv.site.get()
        out["store"] = {
            "articles": len(site.articles),
            "actors": site.net.number_of_nodes(),
            "edges": site.net.number_of_edges(),
            "events": len(site.events),
            "build_s": build_s,
        }
        out["site_load_s"] = site_s
        out.update(_pages(srv, driver, args.runs))
        drawn, search = _network(driver, srv.app_url, args.runs, out["top_actor"].split()[0])
        out["network_page_ms"], out["network_search_ms"] = drawn, search
    finally:
        srv.close()
    if args.seeds is not None:
        seeds_store = args.store.parent / "seeds-store"
        shutil.rmtree(seeds_store, ignore_errors=True)
        build_into_store([args.seeds], seeds_store, BuildSettings(validate=False))
        srv = _serve(seeds_store)
        try:
            out["seeds"] = {"site_load_s": _time_site(srv), **_pages(srv, driver, args.runs)}
        finally:
            srv.close()
    driver.quit()
    print(json.dumps(out, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
