"""The network view in a real browser: headless Chromium from Debian, driven by selenium."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import networkx as nx
import pytest

from kg.render import layout_positions, render_html

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
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})  # every request, read through get_log
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


def _requests(driver) -> list[str]:  # type: ignore[no-untyped-def]
    """The URLs the browser requested since the last call (Chrome's performance log), but for ``data:`` URLs.

    ``data:`` URLs never leave the page (Chromium's own date-picker icon is one).
    """
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent" and not message["params"]["request"]["url"].startswith("data:"):
            urls.append(message["params"]["request"]["url"])
    return urls


def test_browser_page_loads_offline_with_every_node(driver, page: Path) -> None:  # type: ignore[no-untyped-def]
    driver.get_log("performance")
    _open(driver, page)
    assert _requests(driver) == [page.as_uri()]  # the page itself, and nothing else
    resources = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert resources == []
    drawn = driver.execute_script("return window.kgNetwork.getPositions()")
    assert set(drawn) == {"a", "b", "c", "x"}
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


@pytest.mark.parametrize(
    ("select", "value", "nodes", "edges"), [("article-filter", "berita-2", 4, 2), ("date-filter", "--05-03", 2, 1)]
)
def test_browser_article_and_date_filters(driver, page: Path, select: str, value: str, nodes: int, edges: int) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.support.ui import Select

    _open(driver, page)
    Select(driver.find_element("id", select)).select_by_value(value)
    assert driver.execute_script("return window.kgNetwork.body.data.edges.length") == edges
    assert driver.execute_script("return window.kgNetwork.body.data.nodes.length") == nodes
    Select(driver.find_element("id", select)).select_by_value("")
    assert driver.execute_script("return window.kgNetwork.body.data.edges.length") == 3


def test_browser_search_matches_aliases(driver, page: Path) -> None:  # type: ignore[no-untyped-def]
    _open(driver, page)
    driver.find_element("id", "search").send_keys("zaki")
    assert driver.execute_script("return window.kgNetwork.body.data.nodes.getIds()") == ["a"]


def test_browser_clicked_actor_shows_its_tooltip_as_text(driver, page: Path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.action_chains import ActionChains

    _open(driver, page)
    x, y = driver.execute_script(
        "const p = window.kgNetwork.canvasToDOM(window.kgNetwork.getPositions(['x']).x);"
        "const r = document.querySelector('#network canvas').getBoundingClientRect();"
        "return [p.x + r.left, p.y + r.top];"
    )
    body = driver.find_element("tag name", "body")
    ActionChains(driver).move_to_element_with_offset(body, 0, 0).perform()  # the body's centre
    size = body.size
    ActionChains(driver).move_to_element_with_offset(
        body, int(x - size["width"] / 2), int(y - size["height"] / 2)
    ).click().perform()
    details = driver.find_element("id", "details").text
    assert details.startswith(f"{XSS} (Organization)") and f"role: {XSS}" in details
    assert driver.execute_script("return document.querySelectorAll('img').length") == 0
    assert driver.execute_script("return window.alerted") is False


def test_browser_large_network_draws_precomputed_layout(driver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    net = nx.MultiDiGraph()
    for hub in range(40):
        for leaf in range(9):
            net.add_edge(
                f"h{hub}", f"h{hub}-{leaf}", key="Meet", type="Meet", count=1, dates=[], articles=[f"a{hub}"], evidence=[]
            )
    for node in net:
        net.nodes[node].update(label=node, type="Person", roles=[], aliases=[])
    path = tmp_path / "large.html"
    path.write_text(render_html(net, physics_threshold=300), encoding="utf-8")
    _open(driver, path)
    assert driver.execute_script("return window.kgNetwork.physics.options.enabled") is False
    drawn = driver.execute_script("return window.kgNetwork.getPositions()")
    expected = layout_positions(net)
    assert len(drawn) == 400 and all(  # vis rounds to whole pixels
        abs(drawn[n]["x"] - expected[n][0]) <= 1 for n in expected
    )
    assert driver.execute_script("return window.kgReadyMs") > 0
    shot = tmp_path / "large.png"
    driver.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
