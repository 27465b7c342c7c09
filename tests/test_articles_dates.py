"""JSONL ``date`` fields: every accepted format, and a bad date as a warning in report.json (the article is still built)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from helpers import FakeParser, article_text, corpus_conllu

from kg.articles import DATE_FORMATS, read_articles
from kg.build import BuildSettings, build, write_outputs

MAY_3 = dt.date(2024, 5, 3)


def _dated(tmp_path: Path, date: object) -> tuple[dt.date | None, tuple[str, ...]]:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "Presiden tiba di Manila.", "date": date}) + "\n", encoding="utf-8")
    [article] = list(read_articles([path]))
    return article.date, article.warnings  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "value",
    [
        "2024-05-03",
        "20240503",
        "2024-05-03T10:15:00+07:00",
        "2024-05-03T23:30:00Z",
        "2024-05-03 10:15",
        "2024/05/03",
        "2024.05.03",
        "03/05/2024",
        "3.5.2024",
        "03-05-2024",
        "3 Mei 2024",
        "Jumat, 3 Mei 2024 10:15 WIB",
        "3 Mei. 2024",
        "03 May 2024",
        "May 3, 2024",
        "Fri, 03 May 2024 10:15:00 +0700",
        "  3   mei   2024 ",
    ],
)
def test_articles_date_accepted_formats(tmp_path: Path, value: str) -> None:
    assert _dated(tmp_path, value) == (MAY_3, ())


def test_articles_date_formats_list_examples_that_parse(tmp_path: Path) -> None:
    examples = [example for _, examples in DATE_FORMATS for example in examples]
    assert len(examples) >= 12
    for example in examples:
        assert _dated(tmp_path, example)[0] is not None, example


@pytest.mark.parametrize(
    "value", ["not-a-date", "2024-13-45", "31 Februari 2024", "kemarin", "2024-02-30T10:00", 20240503, ["2024"]]
)
def test_articles_date_bad_value_is_a_warning(tmp_path: Path, value: object) -> None:
    date, warnings = _dated(tmp_path, value)
    assert date is None
    assert len(warnings) == 1 and "no valid date" in warnings[0] and "the article has no date" in warnings[0]


@pytest.mark.parametrize("value", [None, ""])
def test_articles_date_missing_is_no_warning(tmp_path: Path, value: object) -> None:
    assert _dated(tmp_path, value) == (None, ())


def test_articles_date_bad_value_in_report_json_and_article_still_built(tmp_path: Path) -> None:
    parses = corpus_conllu()
    path = tmp_path / "berita.jsonl"
    record = {"id": "dukungan-2024", "text": article_text(parses["dukungan-2024"]), "date": "2024-13-45"}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = build([path], BuildSettings(validate=False), parser=FakeParser(parses))
    write_outputs(result, tmp_path / "out")
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    [entry] = [a for a in report["articles"] if a["id"] == "dukungan-2024"]
    assert entry["status"] == "ok" and entry["events"] > 0
    assert any("'2024-13-45' is no valid date" in w for w in entry["warnings"])
