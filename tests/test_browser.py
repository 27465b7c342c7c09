"""The network view in a real browser: headless Chromium from Debian, driven by selenium."""

from __future__ import annotations

import shutil
from pathlib import Path

import networkx as nx
import pytest

from kg.render import render_html

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def driver():  # type: ignore[no-untyped-def]
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
        "--window-size=1200,800",
    ):
        options.add_argument(flag)
    browser = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield browser
    browser.quit()


def _network() -> nx.MultiDiGraph:
    net = nx.MultiDiGraph()
    net.add_node("a", label="Ahmad Zaki", type="Person", roles=["Menteri Luar Negeri (Malaysia)"])
    net.add_node("b", label="Maria Santos", type="Person", roles=[])
    net.add_node("c", label="Filipina", type="Country", roles=[])
    net.add_node("x", label=XSS, type="Organization", roles=[XSS])
    evidence = [{"article": "berita-1", "sentence": f"Kalimat {XSS} bukti.", "trigger": "bertemu"}]
    net.add_edge(
        "a",
        "b",
        key="Meet",
        type="Meet",
        count=2,
        dates=["--05-03"],
        articles=["berita-1"],
        modalities=["Asserted"],
        evidence=evidence,
    )
    net.add_edge(
        "a",
        "c",
        key="Praise",
        type="Praise",
        count=1,
        dates=[],
        articles=["berita-2"],
        modalities=["Asserted"],
        evidence=evidence,
    )
    net.add_edge(
        "x",
        "b",
        key="Criticize",
        type="Criticize",
        count=1,
        dates=[],
        articles=["berita-2"],
        modalities=["Asserted"],
        evidence=evidence,
    )
    return net


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "network.html"
    path.write_text(render_html(_network()), encoding="utf-8")
    return path


def _open(driver, page: Path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.support.ui import WebDriverWait

    # catch any alert, also one fired while the page loads
    driver.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument",
        {"source": "window.alerted = false; window.alert = () => { window.alerted = true; };"},
    )
    driver.get(page.as_uri())
    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return window.kgReady === true"))


def test_browser_page_loads_offline_with_every_node(driver, page: Path) -> None:  # type: ignore[no-untyped-def]
    _open(driver, page)
    resources = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert resources == []
    assert driver.execute_script("return window.kgNetwork.body.data.nodes.length") == 4
    assert driver.execute_script("return window.kgNetwork.body.data.edges.length") == 3


def test_browser_filter_changes_what_is_visible(driver, page: Path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.support.ui import Select

    _open(driver, page)
    Select(driver.find_element("id", "type-filter")).select_by_value("Meet")
    assert driver.execute_script("return window.kgNetwork.body.data.edges.length") == 1
    assert driver.execute_script("return window.kgNetwork.body.data.nodes.length") == 2
    assert "2 actors, 1 edges" in driver.find_element("id", "counts").text


def test_browser_search_finds_an_actor(driver, page: Path) -> None:  # type: ignore[no-untyped-def]
    _open(driver, page)
    driver.find_element("id", "search").send_keys("santos")
    assert driver.execute_script("return window.kgNetwork.body.data.nodes.getIds()") == ["b"]


def test_browser_xss_payload_stays_text(driver, page: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _open(driver, page)
    assert driver.execute_script("return document.querySelectorAll('img').length") == 0
    assert driver.execute_script("return window.alerted") is False
    assert XSS not in page.read_text(encoding="utf-8")
    shot = tmp_path / "network.png"
    driver.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
