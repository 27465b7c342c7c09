"""kg as a wheel: built from a copy of the sources, installed (not editable) into a fresh virtual environment,
it builds the seeds with its shipped models and serves the result, offline.

The fresh environment reuses the test environment's installed dependencies through a ``.pth`` line (a
path appended to ``sys.path``; the editable kg there is never imported: only ``.pth`` files of site
directories run, and that folder is no site directory of the new environment), so nothing is downloaded.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import sysconfig
import time
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"

pytestmark = [pytest.mark.slow, pytest.mark.models]


def _run(*args: str | Path, cwd: Path, timeout: float = 300, env: dict[str, str] | None = None) -> str:
    done = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)
    assert done.returncode == 0, f"{args} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built with pip from a copy of the sources (so the working tree gets no build/ folder)."""
    root = tmp_path_factory.mktemp("wheel")
    src = root / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    shutil.copytree(ROOT / "kg", src / "kg", ignore=ignore)
    shutil.copytree(ROOT / "ontology", src / "ontology", ignore=ignore)
    dist = root / "dist"
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q", "-w", dist, src, cwd=root)
    [built] = dist.glob("kg-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path) -> Path:
    """A fresh virtual environment with the wheel installed (not editable) and the test environment's dependencies."""
    env = wheel.parent.parent / "env"
    base = getattr(sys, "_base_executable", sys.executable)
    _run(base, "-m", "venv", "--without-pip", env, cwd=wheel.parent)
    python = env / "bin" / "python"
    purelib = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=env).strip()
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(purelib) / "kg-test-deps.pth").write_text("\n".join(sorted(deps)) + "\n", encoding="utf-8")
    _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "-q", wheel, cwd=env)
    return env


def test_wheel_holds_code_data_ontology_templates_static_and_models(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    sources = {p.relative_to(ROOT).as_posix() for p in (ROOT / "kg").rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    assert sources - names == set()  # every file of the package, models and vendored JavaScript included
    assert {f"kg/ontology/{p.name}" for p in (ROOT / "ontology").glob("*.ttl")} <= names
    vendored = {"kg/static/vendor/yasgui/yasgui.min.js", "kg/static/vendor/chartjs/chart.umd.js", "kg/templates/app/actor.html"}
    assert vendored <= names


@pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared/seeds")
def test_wheel_kg_builds_the_seeds_and_serves_them(venv: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KG_", "PYTHON"))}
    python, kg = venv / "bin" / "python", venv / "bin" / "kg"
    where = _run(python, "-c", "import kg.lexicon as l; print(l.__file__); print(l.ONTOLOGY_DIR)", cwd=tmp_path, env=env)
    assert str(venv) in where and "site-packages/kg/ontology" in where  # the installed copy, not the sources
    _run(kg, "build", SEEDS, "--store", "store", "--out", "out", cwd=tmp_path, env=env, timeout=600)
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["totals"]["by_status"] == {"ok": 2} and report["totals"]["events"] > 10
    server = subprocess.Popen(
        [str(kg), "serve", "--store", "store", "--port", "0", "--quiet", "--workers", "1"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = server.stdout.readline()  # type: ignore[union-attr]
        match = re.search(r"kg app at (http://\S+/) ", line)
        assert match, line + server.stderr.read()  # type: ignore[union-attr]
        base = match.group(1)
        pages = {}
        for path in ("", "actor/ismail-haniyeh", "api/network.json", "query", "static/vendor/yasgui/yasgui.min.js"):
            with urllib.request.urlopen(base + path, timeout=60) as answer:
                pages[path] = answer.read()
        assert b"Ismail Haniyeh" in pages["actor/ismail-haniyeh"] and b"Ismail Haniyeh" in pages["api/network.json"]
        query = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "format": "csv"})
        start = time.perf_counter()
        with urllib.request.urlopen(base + "sparql?" + query, timeout=120) as answer:
            assert int(answer.read().split()[1]) > 100
        assert time.perf_counter() - start < 120
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
