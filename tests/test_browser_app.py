"""The ``kg serve`` app in a real browser (headless Chromium from Debian, driven by selenium).

One browser for the module; the store is the fixture corpus (fake parser). Screenshots of every page
are saved under ``output/screenshots/`` (``KG_SCREENSHOTS`` overrides) as test artefacts.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import FakeParser, corpus_conllu, write_corpus

from kg.build import BuildSettings
from kg.serve import ServeSettings, SparqlServer, make_server
from kg.store import build_into_store

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
PAGES = {
    "network": "/",
    "actor": "/actor/ahmad-zaki",
    "article": "/article/pertemuan-manila",
    "timeline": "/timeline?actor=Zaki",
    "query": "/query",
}


def screenshot_dir() -> Path:
    folder = Path(os.environ.get("KG_SCREENSHOTS") or ROOT / "output" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip("needs Debian's chromium and chromium-driver (bash setup.sh installs them)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,900",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    browser = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield browser
    browser.quit()


def _serve(store: Path) -> SparqlServer:
    srv = make_server(store, ServeSettings(port=0, workers=1, timeout_s=20.0))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparqlServer]:
    root = tmp_path_factory.mktemp("browser-app")
    corpus = write_corpus(root / "corpus")
    build_into_store([corpus], root / "store", BuildSettings(validate=False), parser=FakeParser(corpus_conllu()))
    srv = _serve(root / "store")
    yield srv
    srv.close()


def _base(srv: SparqlServer) -> str:
    return srv.app_url.rstrip("/")


def _open(driver: Any, url: str) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get_log("performance")
    driver.get_log("browser")
    driver.get(url)
    # pages with a script set kgReady when drawn (the network page: false until then); the others are ready when loaded
    WebDriverWait(driver, 30).until(
        lambda d: d.execute_script("return document.readyState === 'complete' && window.kgReady !== false")
    )


def _requests(driver: Any) -> list[str]:
    """The URLs requested since the last call (Chrome's performance log), but for ``data:`` URLs."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            url = message["params"]["request"]["url"]
            if not url.startswith("data:"):
                urls.append(url)
    return urls


def _console_errors(driver: Any) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]


def _click_node(driver: Any, node_id: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    x, y = driver.execute_script(
        "const n = window.kgNetwork; const p = n.canvasToDOM(n.getPositions([arguments[0]])[arguments[0]]);"
        "const r = document.querySelector('#network canvas').getBoundingClientRect();"
        "return [p.x + r.left, p.y + r.top];",
        node_id,
    )
    body = driver.find_element("tag name", "body")
    size = body.size
    ActionChains(driver).move_to_element_with_offset(body, 0, 0).perform()
    ActionChains(driver).move_to_element_with_offset(
        body, int(x - size["width"] / 2), int(y - size["height"] / 2)
    ).click().perform()


def _wait_settled(driver: Any) -> None:
    """Wait until the network stops moving (physics), so a node's position can be clicked."""
    driver.execute_script("window.kgNetwork.stopSimulation(); window.kgNetwork.fit({animation: false});")
    time.sleep(0.2)


@pytest.mark.parametrize("page", list(PAGES))
def test_browser_app_page_loads_offline_without_console_errors(driver: Any, server: SparqlServer, page: str) -> None:
    base = _base(server)
    _open(driver, base + PAGES[page])
    if page == "query":
        from selenium.webdriver.support.ui import WebDriverWait

        WebDriverWait(driver, 20).until(lambda d: d.find_elements("css selector", ".yasqe .CodeMirror"))
    time.sleep(0.3)  # late requests (fonts, images) would show now
    requests = _requests(driver)
    assert requests and all(url.startswith(base + "/") for url in requests), requests
    assert _console_errors(driver) == []
    shot = screenshot_dir() / f"app-{page}.png"
    driver.save_screenshot(str(shot))
    assert shot.stat().st_size > 5_000


def test_browser_app_node_click_opens_the_actor_page(driver: Any, server: SparqlServer) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    _open(driver, _base(server) + "/")
    _wait_settled(driver)
    node = driver.execute_script("return window.kgNetwork.body.data.nodes.get().find(n => n.slug === 'maria-santos').id")
    _click_node(driver, node)
    WebDriverWait(driver, 10).until(lambda d: d.current_url.endswith("/actor/maria-santos"))
    assert driver.find_element("id", "actor-label").text.startswith("Maria Santos")


def test_browser_app_evidence_link_opens_the_article_at_its_sentence(driver: Any, server: SparqlServer) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    _open(driver, _base(server) + "/actor/ahmad-zaki")
    link = driver.find_element("css selector", "#events a.evidence-link")
    href = link.get_attribute("href")
    link.click()
    WebDriverWait(driver, 10).until(lambda d: "/article/" in d.current_url)
    assert driver.current_url == href
    sentence = href.rsplit("#", 1)[1]
    target = driver.execute_script("const t = document.querySelector(':target'); return t && t.id")
    assert target == sentence
    colour = driver.execute_script("return getComputedStyle(document.querySelector(':target')).backgroundColor")
    assert colour == "rgb(255, 242, 168)"  # highlighted
    marks = driver.execute_script("return [...document.querySelectorAll(':target mark.trigger')].map(m => m.textContent)")
    assert marks
    driver.save_screenshot(str(screenshot_dir() / "app-article-evidence.png"))


def test_browser_app_search_finds_an_actor_by_alias(driver: Any, server: SparqlServer) -> None:
    _open(driver, _base(server) + "/")
    driver.find_element("id", "search").send_keys("BAN")
    shown = driver.execute_script("return window.kgNetwork.body.data.nodes.get().map(n => [n.slug, n.label, n.names])")
    slugs = {slug for slug, _, _ in shown}
    assert "badan-antariksa-nasional" in slugs
    label = next(label for slug, label, _ in shown if slug == "badan-antariksa-nasional")
    assert "ban" not in label.lower()  # found by its other name, not its label
    assert all(any("ban" in name.lower() for name in names) for _, _, names in shown)


def test_browser_app_isolated_actors_toggle(driver: Any, server: SparqlServer) -> None:
    _open(driver, _base(server) + "/")
    isolated = driver.execute_script("return window.kgNetwork.body.data.nodes.get().filter(n => n.isolated).length")
    total = driver.execute_script("return window.kgNetwork.body.data.nodes.length")
    assert isolated > 0 and driver.find_element("id", "show-isolated").is_selected()  # few of them: shown
    driver.find_element("id", "show-isolated").click()
    assert driver.execute_script("return window.kgNetwork.body.data.nodes.length") == total - isolated
    href = driver.find_element("id", "download-graphml").get_attribute("href")
    assert href.endswith("/download/network.graphml")  # no isolated=1 in the link: the download follows the toggle


def test_browser_app_sparql_editor_runs_a_named_query(driver: Any, server: SparqlServer) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    _open(driver, _base(server) + "/query")
    names = driver.execute_script(
        "return window.kgYasgui.persistentConfig.getTabs().map(id => window.kgYasgui.getTab(id).getName())"
    )
    assert {"who-met-whom", "actor-events", "article-events", "actors-by-degree"} <= set(names)
    driver.execute_script(
        "const y = window.kgYasgui; const id = y.persistentConfig.getTabs().find(i => y.getTab(i).getName() === 'who-met-whom');"
        "y.selectTabId(id); y.getTab(id).getYasqe().query();"
    )
    WebDriverWait(driver, 30).until(lambda d: d.find_elements("css selector", ".yasr table.dataTable tbody tr td"))
    rows = driver.execute_script("return document.querySelectorAll('.yasr table.dataTable tbody tr').length")
    text = driver.find_element("css selector", ".yasr table.dataTable").text
    assert rows >= 1 and "Ahmad Zaki" in text and "Maria Santos" in text
    assert _console_errors(driver) == []
    assert all(url.startswith(_base(server) + "/") for url in _requests(driver))
    driver.save_screenshot(str(screenshot_dir() / "app-query-results.png"))


def test_browser_app_store_change_is_visible_on_reload(driver: Any, tmp_path: Path) -> None:
    parses = corpus_conllu()
    corpus = write_corpus(tmp_path / "corpus")
    store = tmp_path / "store"
    build_into_store([corpus / "kecaman-ban.txt"], store, BuildSettings(validate=False), parser=FakeParser(parses))
    srv = _serve(store)
    try:
        labels = "return window.kgNetwork.body.data.nodes.get().map(n => n.label)"
        _open(driver, _base(srv) + "/")
        assert "Kevin Lasut" not in driver.execute_script(labels)
        build_into_store([corpus], store, BuildSettings(validate=False), parser=FakeParser(parses))
        _open(driver, _base(srv) + "/")
        assert "Kevin Lasut" in driver.execute_script(labels)
    finally:
        srv.close()


@pytest.mark.models
@pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared/seeds")
def test_browser_app_seeds_screenshots(driver: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The seeds' network, Ismail Haniyeh's page and an article, built with the shipped models, as screenshots."""
    store = tmp_path_factory.mktemp("seeds") / "store"
    build_into_store([SEEDS], store, BuildSettings(validate=False))
    srv = _serve(store)
    try:
        _open(driver, _base(srv) + "/")
        _wait_settled(driver)
        positions = driver.execute_script("return window.kgNetwork.getPositions()")
        haniyeh = next(k for k in positions if k.endswith("/ismail-haniyeh"))
        degree = driver.execute_script("return window.kgNetwork.getConnectedNodes(arguments[0]).length", haniyeh)
        degrees = driver.execute_script(
            "const n = window.kgNetwork; return n.body.data.nodes.getIds().map(id => n.getConnectedNodes(id).length)"
        )
        assert degree == max(degrees)  # the hub of the seeds
        driver.save_screenshot(str(screenshot_dir() / "seeds-network.png"))
        for name, path in (("seeds-actor", "/actor/ismail-haniyeh"), ("seeds-article", "/article/000_a2d85fb3686cb30e#s3")):
            _open(driver, _base(srv) + path)
            assert _console_errors(driver) == []
            driver.save_screenshot(str(screenshot_dir() / f"{name}.png"))
    finally:
        srv.close()
