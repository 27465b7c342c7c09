"""kg/articles.py: files, directories, globs and JSONL in, ``Article`` or ``InputProblem`` out."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from helpers import PNG_BYTES

from kg.articles import InputProblem, article_from_text, expand_inputs, read_articles
from kg.document import Article
from kg.errors import InputError


def _read(*inputs: str | Path) -> list[Article | InputProblem]:
    return list(read_articles(inputs))


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ----------------------------------------------------------------------------- source markers


@pytest.mark.parametrize(
    "raw",
    [
        "Menteri Luar Negeri tiba di Manila.\nSumber: Kantor Berita Nusantara\n",
        "Menteri Luar Negeri tiba di Manila. (Sumber: Kantor Berita Nusantara)",
        "Menteri Luar Negeri tiba di Manila.\n(Sumber: Kantor Berita Nusantara)\n",
        "Menteri Luar Negeri tiba di Manila.\n  sumber :  Kantor Berita Nusantara  \n",
    ],
    ids=["line", "paren-inline", "paren-line", "lowercase-spaced"],
)
def test_articles_source_marker_becomes_publisher(tmp_path: Path, raw: str) -> None:
    _write(tmp_path / "berita-1.txt", raw)
    [article] = _read(tmp_path / "berita-1.txt")
    assert isinstance(article, Article)
    assert article.source == "Kantor Berita Nusantara"
    assert article.text == "Menteri Luar Negeri tiba di Manila."
    assert "Sumber" not in article.text and "sumber" not in article.text


def test_articles_last_source_marker_wins_and_earlier_ones_are_reported() -> None:
    article = article_from_text("x", "(Sumber: Warta Contoh)\nPresiden tiba.\nSumber: Harian Contoh")
    assert article.source == "Harian Contoh"
    assert article.text == "Presiden tiba."
    assert article.warnings == ("source marker '(Sumber: Warta Contoh)' removed from the text",)


def test_articles_given_source_is_kept_over_marker() -> None:
    article = article_from_text("x", "Presiden tiba.\nSumber: Harian Contoh", source="Warta Contoh")
    assert (article.source, article.text) == ("Warta Contoh", "Presiden tiba.")


def test_articles_inline_source_marker_does_not_split_the_paragraph() -> None:
    article = article_from_text("x", "Presiden tiba di Jakarta (Sumber: Antara), kata juru bicara itu.")
    assert article.source == "Antara"
    assert "\n" not in article.text


def test_articles_paragraphs_one_per_nonempty_line_with_spacing_normalised() -> None:
    article = article_from_text("x", "  Paragraf   pertama.\n\n\n\tParagraf kedua  di sini.\r\nKetiga.\n")
    assert article.text == "Paragraf pertama.\n\nParagraf kedua di sini.\n\nKetiga."


def test_articles_text_file_id_is_file_name_without_extension(tmp_path: Path) -> None:
    path = _write(tmp_path / "2024-05-10_pertemuan.txt", "Presiden tiba.")
    [article] = _read(path)
    assert article == Article("2024-05-10_pertemuan", "Presiden tiba.", path=str(path))


def test_articles_utf8_bom_is_dropped(tmp_path: Path) -> None:
    (tmp_path / "bom.txt").write_bytes("\ufeffPresiden tiba.".encode())
    [article] = _read(tmp_path / "bom.txt")
    assert isinstance(article, Article)
    assert (article.text, article.warnings) == ("Presiden tiba.", ())


# ----------------------------------------------------------------------------- JSONL


def test_articles_jsonl_fields_and_unknown_fields(tmp_path: Path) -> None:
    lines = [
        {
            "id": "a1",
            "text": "Presiden tiba di Manila.",
            "title": "Kunjungan",
            "source": "Harian Contoh",
            "url": "https://contoh.example/a1",
            "date": "2024-05-10",
            "kategori": "politik",
            "penulis": ["X"],
        },
        {"id": "a2", "text": "Menteri bertemu.", "source_url": "https://contoh.example/a2", "date": "2024-05-11T08:30:00+07:00"},
        {"id": "a3", "text": "Tanpa tanggal.", "url": "https://contoh.example/2023/12/31/a3"},
        {"id": "a4", "text": "Tanggal rusak.", "date": "kemarin"},
    ]
    path = _write(tmp_path / "berita.jsonl", "".join(json.dumps(r) + "\n" for r in lines))
    a1, a2, a3, a4 = _read(path)
    assert a1 == Article(
        "a1",
        "Presiden tiba di Manila.",
        "Kunjungan",
        "Harian Contoh",
        "https://contoh.example/a1",
        dt.date(2024, 5, 10),
        f"{path}:1",
    )
    assert (a2.id, a2.url, a2.date, a2.title, a2.source) == ("a2", "https://contoh.example/a2", dt.date(2024, 5, 11), None, None)
    assert a3.date == dt.date(2023, 12, 31)
    assert (a4.id, a4.date) == ("a4", None)


def test_articles_jsonl_source_marker_in_text_used_when_no_source_field(tmp_path: Path) -> None:
    path = _write(tmp_path / "b.jsonl", json.dumps({"id": "s", "text": "Presiden tiba.\nSumber: Warta Contoh"}) + "\n")
    [article] = _read(path)
    assert (article.text, article.source) == ("Presiden tiba.", "Warta Contoh")


def test_articles_jsonl_invalid_line_is_reported_and_others_read(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "campur.jsonl",
        json.dumps({"id": "ok-1", "text": "Presiden tiba."})
        + "\n"
        + '{"id": "rusak", "text": "tanpa penutup\n'
        + "\n"
        + json.dumps({"id": "tanpa-teks"})
        + "\n"
        + json.dumps(["bukan", "objek"])
        + "\n"
        + json.dumps({"id": "kosong", "text": "   "})
        + "\n"
        + json.dumps({"text": "Tanpa id."})
        + "\n"
        + json.dumps({"id": "ok-2", "text": "Menteri bertemu."})
        + "\n",
    )
    items = _read(path)
    summary = [(i.id, i.status) if isinstance(i, InputProblem) else (i.id, "ok") for i in items]
    assert summary == [
        ("ok-1", "ok"),
        (f"{path}:2", "invalid"),
        (f"{path}:4", "invalid"),
        (f"{path}:5", "invalid"),
        ("kosong", "empty"),
        (f"{path}:7", "ok"),
        ("ok-2", "ok"),
    ]
    assert "not valid JSON" in items[1].message


# ----------------------------------------------------------------------------- bad inputs


@pytest.mark.parametrize(
    ("content", "status"), [(b"", "empty"), (b"  \n\t\n ", "empty"), (PNG_BYTES, "binary")], ids=["empty", "whitespace", "png"]
)
def test_articles_bad_file_gets_a_status(tmp_path: Path, content: bytes, status: str) -> None:
    path = tmp_path / "buruk.txt"
    path.write_bytes(content)
    [problem] = _read(path)
    assert isinstance(problem, InputProblem)
    assert (problem.id, problem.status, problem.path) == ("buruk", status, str(path))
    assert str(path) in problem.message


def test_articles_latin1_bytes_decoded_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Menteri bertemu di Café Nusantara – kata “pejabat”.".encode("cp1252"))
    [article] = _read(path)
    assert isinstance(article, Article)
    assert article.text == "Menteri bertemu di Café Nusantara – kata “pejabat”."
    assert len(article.warnings) == 1 and "cp1252" in article.warnings[0]


def test_articles_latin1_jsonl_warns_on_every_article(tmp_path: Path) -> None:
    path = tmp_path / "latin.jsonl"
    path.write_bytes(b'{"id": "a", "text": "Caf\xe9 A."}\n{"id": "b", "text": "Caf\xe9 B."}\n')
    a, b = _read(path)
    assert (a.text, b.text) == ("Café A.", "Café B.")
    assert a.warnings == b.warnings and len(a.warnings) == 1


# ----------------------------------------------------------------------------- expanding inputs


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    _write(tmp_path / "a" / "satu.txt", "Satu.")
    _write(tmp_path / "a" / "dua.txt", "Dua.")
    _write(tmp_path / "a" / "dalam" / "tiga.md", "Tiga.")
    _write(tmp_path / "a" / ".tersembunyi.txt", "Jangan dibaca.")
    _write(tmp_path / "b" / "empat.txt", "Empat.")
    _write(tmp_path / "b" / "berita.jsonl", json.dumps({"id": "lima", "text": "Lima."}) + "\n")
    return tmp_path


def _ids(items: list[Article | InputProblem]) -> list[str]:
    return [i.id for i in items]


def test_articles_directory_is_read_recursively_sorted_without_hidden_files(tree: Path) -> None:
    assert _ids(_read(tree / "a")) == ["tiga", "dua", "satu"]


def test_articles_glob(tree: Path) -> None:
    assert _ids(_read(str(tree / "*" / "*.txt"))) == ["dua", "satu", "empat"]
    assert _ids(_read(str(tree / "**" / "*.md"))) == ["tiga"]


def test_articles_mix_of_file_directory_glob_and_jsonl_without_duplicates(tree: Path) -> None:
    items = _read(tree / "b" / "empat.txt", tree / "a", str(tree / "a" / "*.txt"), tree / "b" / "berita.jsonl")
    assert _ids(items) == ["empat", "tiga", "dua", "satu", "lima"]
    assert len(expand_inputs([tree / "a", tree / "a" / "satu.txt"])) == 3


@pytest.mark.parametrize("missing", ["tidak-ada.txt", "tidak-ada-folder", "*.tidakada"])
def test_articles_missing_path_raises_input_error(tmp_path: Path, missing: str) -> None:
    with pytest.raises(InputError, match="tidak"):
        _read(str(tmp_path / missing))


@pytest.mark.parametrize(
    ("raw", "text", "source"),
    [
        ("Jakarta, CNN Indonesia -- Menteri itu bertemu Presiden.", "Menteri itu bertemu Presiden.", "CNN Indonesia"),
        ("BANDUNG (Kabar Kota) – Wali kota berbicara.", "Wali kota berbicara.", "Kabar Kota"),
        ("Contoh.com - Gubernur memuji warga.", "Gubernur memuji warga.", "Contoh.com"),
        ("KOTA (Warta Kita) –Wakil Duta Besar tiba.", "Wakil Duta Besar tiba.", "Warta Kita"),
        ("Badan Dunia/BD, Kota Baru (Kabar Kita) - Utusan itu berbicara.", "Utusan itu berbicara.", "Kabar Kita"),
        ("Menteri Ahmad Zaki -Yang baru tiba.", "Menteri Ahmad Zaki -Yang baru tiba.", None),
        ("Menteri Ahmad Zaki - yang baru tiba - bertemu warga.", "Menteri Ahmad Zaki - yang baru tiba - bertemu warga.", None),
    ],
)
def test_articles_dateline_is_removed_and_names_the_publisher(raw: str, text: str, source: str | None) -> None:
    article = article_from_text("d", raw)
    assert article.text == text
    assert article.source == source
    assert any("dateline" in w for w in article.warnings) == (source is not None)
