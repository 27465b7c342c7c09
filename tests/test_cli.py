"""kg/cli.py through typer's CliRunner: query, export, evaluate and build (with the fake parser)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from helpers import ENGLISH_TEXT, FakeParser, corpus_conllu, write_corpus
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from typer.testing import CliRunner, Result

import kg.build
from kg.cli import app

runner = CliRunner()


def _kg(*args: str | Path) -> Result:
    return runner.invoke(app, [str(a) for a in args])


def _clean_failure(result: Result, *needles: str) -> None:
    """A usage error: non-zero exit, a one-line 'error: ...' message, no traceback."""
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    for needle in needles:
        assert needle in result.stderr


# ----------------------------------------------------------------------------- query


def test_cli_query_list_without_a_graph() -> None:
    result = _kg("query", "--list")
    assert result.exit_code == 0, result.output
    assert "who-met-whom" in result.stdout


def test_cli_query_list(built_out: Path) -> None:
    result = _kg("query", built_out, "--list")
    assert result.exit_code == 0
    names = [line.split()[0] for line in result.stdout.splitlines()]
    assert names == ["actor-events", "actors-by-degree", "article-events", "who-met-whom"]
    assert "Who met whom: every Meet event" in result.stdout


def test_cli_query_named_query_as_json(built_out: Path) -> None:
    result = _kg("query", built_out, "who-met-whom", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["agent"], r["target"], r["date"]) for r in rows] == [
        ("Ahmad Zaki", "Maria Santos", "--05-03"),
        ("Karim Haddad", "Ahmad Zaki", "2024-05-08"),
    ]


def test_cli_query_with_param_as_csv(built_out: Path) -> None:
    result = _kg("query", built_out / "graph.ttl", "actor-events", "--param", "actor=Santos", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert sorted((r["agentName"], r["type"], r["targetName"]) for r in rows) == [
        ("Ahmad Zaki", "Meet", "Maria Santos"),
        ("Badan Antariksa Nasional", "Thank", "Maria Santos"),
    ]


def test_cli_query_all_includes_negated_and_future(built_out: Path) -> None:
    plain = _kg("query", built_out, "article-events", "-p", "article=pertemuan-manila", "-f", "json")
    everything = _kg("query", built_out, "article-events", "-p", "article=pertemuan-manila", "-f", "json", "--all")
    assert [r["modality"] for r in json.loads(plain.stdout)] == ["Asserted", "Asserted"]
    assert [r["modality"] for r in json.loads(everything.stdout)] == ["Asserted", "Asserted", "Negated", "Future"]


def test_cli_query_sparql_text_as_table(built_out: Path) -> None:
    query = "PREFIX kg: <https://w3id.org/kg-news/ontology#> SELECT (COUNT(?e) AS ?n) WHERE { ?e a kg:Event }"
    result = _kg("query", built_out, query)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[2].strip() == "13"
    assert result.stdout.rstrip().endswith("(1 rows)")


def test_cli_query_param_without_equals_sign(built_out: Path) -> None:
    result = _kg("query", built_out, "actor-events", "--param", "Zaki")
    assert result.exit_code == 2
    assert "NAME=VALUE" in result.output and "Traceback" not in result.output


def test_cli_query_bad_sparql(built_out: Path) -> None:
    _clean_failure(_kg("query", built_out, "SELECT ?x WHERE {"), "error: The SPARQL query failed")


def test_cli_query_missing_graph(tmp_path: Path) -> None:
    _clean_failure(_kg("query", tmp_path / "tidak-ada", "who-met-whom"), "error: No graph at", "kg build")


# ----------------------------------------------------------------------------- export


def test_cli_export_turtle_to_stdout(built_out: Path) -> None:
    result = _kg("export", built_out)
    assert result.exit_code == 0
    assert isomorphic(Graph().parse(data=result.stdout, format="turtle"), Graph().parse(built_out / "graph.ttl"))


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's own TriG plugin
def test_cli_export_trig_to_file(built_out: Path, tmp_path: Path) -> None:
    target = tmp_path / "keluar" / "graph.trig"
    result = _kg("export", built_out, "--format", "trig", "--out", target)
    assert result.exit_code == 0 and result.stdout == ""
    dataset = Dataset()
    dataset.parse(target, format="trig")
    names = {str(g.identifier).rsplit("/", 1)[-1] for g in dataset.graphs() if len(g)}
    assert names == {"dukungan-2024", "kecaman-ban", "pertemuan-manila", "corpus"}


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize(("fmt", "rdf_format"), [("nt", "nt"), ("json-ld", "json-ld")])
def test_cli_export_other_formats(built_out: Path, fmt: str, rdf_format: str) -> None:
    result = _kg("export", built_out, "-f", fmt)
    assert result.exit_code == 0
    assert len(Graph().parse(data=result.stdout, format=rdf_format)) == len(Graph().parse(built_out / "graph.ttl"))


def test_cli_export_unknown_format(built_out: Path) -> None:
    _clean_failure(_kg("export", built_out, "--format", "rdfxml"), "error: Unknown export format 'rdfxml'")


# ----------------------------------------------------------------------------- evaluate

GOLD = {
    "articles": ["kecaman-ban"],
    "actors": [
        {"id": "ban", "type": "Organization", "aliases": ["Badan Antariksa Nasional", "BAN"]},
        {"id": "santos", "type": "Person", "aliases": ["Maria Santos"]},
        {"id": "zaki", "type": "Person", "aliases": ["Ahmad Zaki"]},
    ],
    "events": [
        {"id": "e1", "article": "kecaman-ban", "type": "Thank", "agent": ["ban"], "target": ["santos"]},
        {"id": "e2", "article": "kecaman-ban", "type": "Thank", "agent": ["ban"], "target": ["zaki"]},
    ],
}


def test_cli_evaluate(built_out: Path, tmp_path: Path) -> None:
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(GOLD), encoding="utf-8")
    result = _kg("evaluate", gold, built_out, "--json")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[2].split() == ["events", "0.500", "1.000", "0.667", "2/2/0"]
    summary = json.loads(lines[-1])
    assert summary["actors"] == {"precision": 0.25, "recall": 1.0, "f1": 0.4, "tp": 3, "fp": 9, "fn": 0}
    assert (summary["events"]["tp"], summary["events"]["fp"], summary["events"]["fn"]) == (2, 2, 0)


@pytest.mark.parametrize(
    "content",
    [
        None,
        "{bukan json",
        '{"actors": []}',
        pytest.param('{"actors": [], "events": [{"type": "Meet", "agent": ["a"], "target": ["b"]}]}'),
    ],
    ids=["missing", "not-json", "no-events", "event-without-article"],
)
def test_cli_evaluate_bad_gold(built_out: Path, tmp_path: Path, content: str | None) -> None:
    gold = tmp_path / "gold.json"
    if content is not None:
        gold.write_text(content, encoding="utf-8")
    _clean_failure(_kg("evaluate", gold, built_out), "error: ")


# ----------------------------------------------------------------------------- build


def test_cli_build_missing_input_is_a_clean_usage_error(tmp_path: Path) -> None:
    missing = tmp_path / "tidak-ada.txt"
    result = _kg("build", missing, "--out", tmp_path / "out")
    _clean_failure(result, f"error: Input '{missing}' does not exist")
    assert not (tmp_path / "out").exists()


def test_cli_build_unreadable_gold_list(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c")
    _clean_failure(_kg("build", corpus, "--gold", tmp_path / "tidak-ada.json"), "error: cannot read the article list")


@pytest.fixture
def fake_stanza(monkeypatch: pytest.MonkeyPatch) -> list[FakeParser]:
    """`kg build` gets the fake parser instead of loading Stanza."""
    made: list[FakeParser] = []

    def make(settings: kg.build.BuildSettings) -> FakeParser:
        made.append(FakeParser(corpus_conllu()))
        return made[-1]

    monkeypatch.setattr(kg.build, "_default_parser", make)
    return made


def test_cli_build_with_the_fake_parser(tmp_path: Path, fake_stanza: list[FakeParser]) -> None:
    corpus = write_corpus(tmp_path / "c")
    out = tmp_path / "out"
    result = _kg("build", corpus, "--out", out, "--no-validate")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("3/3 articles built: 12 actors, 13 events (10 asserted)")
    outputs = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert outputs == ["graph.gexf", "graph.graphml", "graph.ttl", "network.html", "report.json"]
    assert len(fake_stanza) == 1 and sorted(fake_stanza[0].calls) == ["dukungan-2024", "kecaman-ban", "pertemuan-manila"]
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["settings"] == {
        "validate": False,
        "select": [],
        "models": "shipped",
        "input_policy": {"max_bytes": 2_000_000, "max_line_chars": 5_000, "check_language": True},
        "disabled_rules": [],
        "event_model": "shipped",
        "event_threshold": None,
        "event_proposer": "shipped",
    }
    scorer = report["event_scorer"]
    assert scorer["used"] is True and scorer["threshold"] == scorer["default_threshold"]  # the shipped scorer, its default
    assert scorer["proposer"]["used"] is True and scorer["proposer"]["model"].endswith("proposer.npz")


def test_cli_build_select_and_gold_list(tmp_path: Path, fake_stanza: list[FakeParser]) -> None:
    corpus = write_corpus(tmp_path / "c")
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"articles": ["kecaman-ban"]}), encoding="utf-8")
    result = _kg("build", corpus, "--out", tmp_path / "out", "--no-validate", "--select", "pertemuan-manila", "--gold", gold)
    assert result.exit_code == 0, result.output
    assert sorted(fake_stanza[0].calls) == ["kecaman-ban", "pertemuan-manila"]
    assert result.stdout.startswith("2/2 articles built")


@pytest.mark.parametrize(("strict", "code"), [(False, 0), (True, 1)])
def test_cli_build_bad_article_and_strict(tmp_path: Path, fake_stanza: list[FakeParser], strict: bool, code: int) -> None:
    corpus = write_corpus(tmp_path / "c")
    (corpus / "kosong.txt").write_text("", encoding="utf-8")
    out = tmp_path / "out"
    result = _kg("build", corpus, "--out", out, "--no-validate", *(["--strict"] if strict else []))
    assert result.exit_code == code, result.output
    assert "  kosong: empty: " in result.stderr
    assert result.stdout.startswith("3/4 articles built")
    assert (out / "graph.ttl").is_file()


def test_cli_build_folder_with_no_files_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "kosong" / "dalam").mkdir(parents=True)
    _clean_failure(_kg("build", tmp_path / "kosong", "--out", tmp_path / "out"), "error: Nothing to read in", "no files there")
    assert not (tmp_path / "out").exists()


def test_cli_build_max_bytes_and_any_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = write_corpus(tmp_path / "c")
    (corpus / "inggris.txt").write_text(ENGLISH_TEXT, encoding="utf-8")
    monkeypatch.setattr(kg.build, "_default_parser", lambda settings: FakeParser({**corpus_conllu(), "inggris": ""}))
    out = tmp_path / "out"
    result = _kg("build", corpus, "--out", out, "--no-validate")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("3/4 articles built")
    assert "  inggris: not_indonesian: " in result.stderr and "looks like English" in result.stderr
    (corpus / "besar.txt").write_text("Presiden tiba. " * 100, encoding="utf-8")  # 1,500 bytes; the others are below 400
    result = _kg("build", corpus, "--out", out, "--no-validate", "--any-language", "--max-bytes", 1000, "--strict")
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith("4/5 articles built")
    assert f"  besar: too_large: {corpus / 'besar.txt'} is 1,500 bytes, over the limit of 1,000" in result.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["settings"]["input_policy"] == {"max_bytes": 1000, "max_line_chars": 5_000, "check_language": False}
    statuses = {a["id"]: (a["status"], a["message"]) for a in report["articles"]}
    assert statuses["inggris"] == ("ok", "built: 0 sentences, 0 actors, 0 events")
    assert _kg("build", corpus, "--max-bytes", 0).exit_code == 2


def test_cli_stats_ranks_actors_by_pagerank(built_out: Path) -> None:
    result = _kg("stats", built_out, "--format", "json", "--top", "3")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) == 3
    assert [r["pagerank"] for r in rows] == sorted((r["pagerank"] for r in rows), reverse=True)
    assert set(rows[0]) == {"actor", "iri", "type", "pagerank", "degree", "betweenness", "community"}
    assert all(r["degree"] >= 1 for r in rows)


def test_cli_stats_csv_and_table(built_out: Path) -> None:
    table = _kg("stats", built_out)
    assert table.exit_code == 0 and table.output.splitlines()[0].split()[:2] == ["actor", "type"]
    rows = list(csv.DictReader(io.StringIO(_kg("stats", built_out, "-f", "csv").output)))
    assert rows and rows[0]["iri"].startswith("https://w3id.org/kg-news/id/actor/")


def test_cli_build_second_run_parses_nothing(tmp_path: Path, fake_stanza: list[FakeParser]) -> None:
    corpus = write_corpus(tmp_path / "c")
    out = tmp_path / "out"
    first = _kg("build", corpus, "--out", out, "--no-validate")
    second = _kg("build", corpus, "--out", out, "--no-validate", "--force")  # OUT is current: build anyway
    assert first.exit_code == second.exit_code == 0, second.output
    assert len(fake_stanza[0].calls) == 3 and fake_stanza[1].calls == []
    assert "  articles: 3 ok, 0 failed, 0 skipped; parse cache: 0 hits, 3 misses" in first.stdout
    assert "  articles: 3 ok, 0 failed, 0 skipped; parse cache: 3 hits, 0 misses" in second.stdout
    [seconds] = [line for line in second.stdout.splitlines() if line.startswith("  seconds: ")]
    assert [part.split()[0] for part in seconds[len("  seconds: ") :].split(", ")] == [
        "read",
        "parse",
        "extract",
        "cache",
        "map",
        "write",
    ]
    assert len(list((out / ".cache" / "parses").rglob("*.conllu"))) == 3
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["cache"] == {"directory": str(out / ".cache" / "parses"), "hits": 3, "misses": 0}
    assert set(report["timings_s"]) >= {"parse", "extract", "map", "write", "total"}


def test_cli_build_cache_folder_and_no_cache(tmp_path: Path, fake_stanza: list[FakeParser]) -> None:
    corpus = write_corpus(tmp_path / "c")
    shared = tmp_path / "shared-cache"
    assert _kg("build", corpus, "--out", tmp_path / "a", "--cache", shared, "--no-validate").exit_code == 0
    assert _kg("build", corpus, "--out", tmp_path / "b", "--cache", shared, "--no-validate").exit_code == 0
    off = _kg("build", corpus, "--out", tmp_path / "c-out", "--no-cache", "--no-validate")
    assert off.exit_code == 0 and "parse cache: off" in off.stdout
    assert [len(p.calls) for p in fake_stanza] == [3, 0, 3]
    assert len(list(shared.rglob("*.conllu"))) == 3
    assert not (tmp_path / "a" / ".cache").exists() and not (tmp_path / "c-out" / ".cache").exists()


def test_cli_build_progress_bars_on_stderr(tmp_path: Path, fake_stanza: list[FakeParser]) -> None:
    corpus = write_corpus(tmp_path / "c")
    shown = _kg("build", corpus, "--out", tmp_path / "a", "--progress")
    assert shown.exit_code == 0, shown.output
    assert "parse + extract" in shown.stderr and "3/3" in shown.stderr and "SHACL" in shown.stderr
    assert "parse + extract" not in shown.stdout
    hidden = _kg("build", corpus, "--out", tmp_path / "b")  # not a terminal: no bars unless asked
    assert hidden.exit_code == 0 and "parse + extract" not in hidden.stderr


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--workers", "0"], "1 or more"),
        (["--workers", "2", "--scheduler", "tcp://127.0.0.1:8786"], "not both"),
        (["--event-proposer", "p.npz", "--no-event-proposer"], "not both"),
        (["--event-proposer", "p.npz", "--no-event-model"], "the rules alone"),
    ],
)
def test_cli_build_bad_execution_options(tmp_path: Path, options: list[str], message: str) -> None:
    _clean_failure(_kg("build", write_corpus(tmp_path / "c"), "--out", tmp_path / "out", *options), message)


def test_cli_models_train_rejects_a_malformed_parser_weighting(tmp_path: Path) -> None:
    result = _kg("models", "train", "--out", tmp_path / "m", "--work-dir", tmp_path / "w", "--depparse-repeat", "gsd4")
    assert result.exit_code == 2, result.output
    assert "TREEBANK=N" in result.output
    assert not (tmp_path / "m").exists()


def test_cli_build_disable_rule_is_an_ablation(tmp_path: Path, fake_stanza: list[FakeParser]) -> None:
    corpus = write_corpus(tmp_path / "c")
    full = _kg("build", corpus, "--out", tmp_path / "full", "--no-validate")
    # the event proposer may propose what a disabled rule gave: the rules' ablation leaves it out too
    ablated = _kg(
        "build", corpus, "--out", tmp_path / "ablated", "--no-validate", "--disable-rule", "statement", "--disable-rule", "model"
    )
    assert full.exit_code == 0 and ablated.exit_code == 0, ablated.output
    report = json.loads((tmp_path / "ablated" / "report.json").read_text(encoding="utf-8"))
    assert report["settings"]["disabled_rules"] == ["model", "statement"]
    assert report["event_scorer"]["proposer"] == {"used": False, "reason": "--disable-rule model"}
    graph = (tmp_path / "ablated" / "graph.ttl").read_text(encoding="utf-8")
    assert "kget:Statement" in (tmp_path / "full" / "graph.ttl").read_text(encoding="utf-8")
    assert "kget:Statement" not in graph
    unknown = _kg("build", corpus, "--out", tmp_path / "x", "--disable-rule", "no-such-rule")
    assert unknown.exit_code == 2 and "kg rules" in unknown.output
    with_store = _kg("build", corpus, "--out", tmp_path / "y", "--store", tmp_path / "s", "--disable-rule", "statement")
    assert with_store.exit_code == 2 and "--store" in with_store.output
