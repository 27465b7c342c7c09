"""kg/articles.py: files, directories, globs and JSONL in, ``Article`` or ``InputProblem`` out."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest
from helpers import ENGLISH_TEXT, PNG_BYTES
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.articles import (
    InputPolicy,
    InputProblem,
    _split_long,
    article_from_text,
    detect_language,
    expand_inputs,
    normalised_text,
    read_articles,
)
from kg.document import Article
from kg.errors import InputError


def _read(*inputs: str | Path, policy: InputPolicy | None = None) -> list[Article | InputProblem]:
    return list(read_articles(inputs, policy))


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


# ----------------------------------------------------------------------------- input policy

# About 330 letters of invented Indonesian news text: long enough for the language check.
INDONESIAN = (
    "Menteri Luar Negeri bertemu dengan Duta Besar Malaysia di Jakarta pada hari Senin untuk membahas kerja sama "
    "perdagangan kedua negara. Dalam pertemuan itu, kedua pejabat sepakat memperkuat hubungan ekonomi dan budaya, "
    "serta berjanji akan bertemu kembali bulan depan di Kuala Lumpur untuk menandatangani perjanjian baru."
)


def _status(item: Article | InputProblem) -> str:
    return item.status if isinstance(item, InputProblem) else "ok"


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >>", "PDF"),
        (b"\xff\xd8\xff\xe0JFIF", "JPEG"),
        (b"\x1f\x8b\x08\x08gzip", "gzip"),
        (bytes(range(1, 32)) * 8, "control bytes"),
    ],
    ids=["pdf", "jpeg", "gzip", "controls"],
)
def test_articles_binary_without_nul_bytes_is_binary(tmp_path: Path, content: bytes, kind: str) -> None:
    (tmp_path / "berkas.txt").write_bytes(content)
    [problem] = _read(tmp_path / "berkas.txt")
    assert isinstance(problem, InputProblem) and problem.status == "binary"
    assert kind in problem.message


@pytest.mark.parametrize("codec", ["utf-16", "utf-32"])
def test_articles_utf16_and_utf32_with_a_byte_order_mark_are_text(tmp_path: Path, codec: str) -> None:
    (tmp_path / "lebar.txt").write_bytes("Presiden tiba di Café Nusantara.".encode(codec))
    [article] = _read(tmp_path / "lebar.txt")
    assert isinstance(article, Article)
    assert (article.text, article.warnings) == ("Presiden tiba di Café Nusantara.", ())


def test_articles_bytes_undefined_in_cp1252_are_counted(tmp_path: Path) -> None:
    (tmp_path / "rusak.txt").write_bytes(b"Caf\xe9 \x81 dan \x9d tutup.")
    [article] = _read(tmp_path / "rusak.txt")
    assert isinstance(article, Article)
    assert article.text == "Café \ufffd dan \ufffd tutup."
    assert article.warnings == (
        "not valid UTF-8: decoded as cp1252 (Windows Latin-1); 2 bytes undefined in cp1252 became U+FFFD",
    )


def test_articles_file_over_the_size_cap_is_too_large(tmp_path: Path) -> None:
    text = "Presiden tiba. " * 20  # 300 bytes
    _write(tmp_path / "besar.txt", text)
    _write(tmp_path / "pas.txt", text[:100])
    big, fits = _read(tmp_path, policy=InputPolicy(max_bytes=100, check_language=False))
    assert isinstance(big, InputProblem) and (big.id, big.status) == ("besar", "too_large")
    assert big.message == f"{tmp_path / 'besar.txt'} is 300 bytes, over the limit of 100 (--max-bytes): skipped"
    assert isinstance(fits, Article) and fits.id == "pas"


def test_articles_jsonl_line_over_the_size_cap_is_too_large_and_the_rest_read(tmp_path: Path) -> None:
    records = [{"id": "a", "text": "Presiden tiba."}, {"id": "b", "text": "Menteri " * 500}, {"id": "c", "text": "Warga senang."}]
    path = _write(tmp_path / "b.jsonl", "".join(json.dumps(r) + "\n" for r in records))
    items = _read(path, policy=InputPolicy(max_bytes=1000))
    assert [(i.id, _status(i)) for i in items] == [("a", "ok"), (f"{path}:2", "too_large"), ("c", "ok")]
    assert "4,0" in items[1].message and "limit of 1,000" in items[1].message


@pytest.mark.parametrize(
    "line",
    [
        "Presiden Joko tiba di Istana untuk rapat kabinet. " * 2_000,  # 100k characters of sentences
        "kata " * 20_000,  # no sentence end
        "x" * 100_000,  # one token
    ],
    ids=["sentences", "words", "one-token"],
)
def test_articles_a_100k_character_line_reaches_the_parser_split(tmp_path: Path, line: str) -> None:
    _write(tmp_path / "panjang.txt", line)
    [article] = _read(tmp_path / "panjang.txt", policy=InputPolicy(check_language=False))
    assert isinstance(article, Article)
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) >= 20
    assert max(map(len, paragraphs)) <= 5_000
    assert "".join(article.text.split()) == "".join(line.split())
    assert any("split into pieces of at most 5000" in w for w in article.warnings)
    if line.startswith("Presiden"):
        assert all(p.endswith("kabinet.") for p in paragraphs)


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("ab .!?\n\u00a0\u3000"), max_size=600), st.integers(min_value=1, max_value=80))
def test_articles_split_long_pieces_fit_and_keep_every_character(text: str, limit: int) -> None:
    pieces = _split_long(text, limit)
    assert all(0 < len(p) <= limit for p in pieces)
    assert "".join("".join(pieces).split()) == "".join(text.split())


def test_articles_html_is_stripped_to_text_with_a_warning(tmp_path: Path) -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Judul</title><style>p { color: red }</style></head><body>"
        "<script>alert('x')</script><p>Presiden tiba &amp; menyapa &quot;warga&quot;.</p>"
        "<p>Menteri <b>bertemu</b>\n   wartawan.<br>Sumber: Warta Contoh</p><!-- komentar --></body></html>"
    )
    _write(tmp_path / "halaman.html", page)
    [article] = _read(tmp_path / "halaman.html")
    assert isinstance(article, Article)
    assert article.text == 'Presiden tiba & menyapa "warga".\n\nMenteri bertemu wartawan.'
    assert article.source == "Warta Contoh"
    assert article.warnings[0].startswith("HTML markup stripped to text (")
    assert "contents of head, script, style, title dropped" in article.warnings[0]


@pytest.mark.parametrize(
    ("raw", "text", "warned"),
    [
        ("AT&amp;T dan P&amp;G bertemu.", "AT&T dan P&G bertemu.", True),
        ("Jika a < b dan c > d, maka harga & biaya naik.", "Jika a < b dan c > d, maka harga & biaya naik.", False),
        ("Skor &#x202E;3 &#8211; 1&#x200B;.", "Skor 3 – 1.", True),
    ],
    ids=["entities", "not-markup", "entity-controls"],
)
def test_articles_character_references_and_plain_angle_brackets(raw: str, text: str, warned: bool) -> None:
    article = article_from_text("x", raw)
    assert article.text == text
    assert any("HTML" in w for w in article.warnings) == warned


def test_articles_html_with_only_a_script_is_empty(tmp_path: Path) -> None:
    _write(tmp_path / "skrip.html", "<html><script>document.write('Presiden tiba.')</script></html>")
    [problem] = _read(tmp_path / "skrip.html")
    assert isinstance(problem, InputProblem) and problem.status == "empty"
    assert "HTML markup stripped" in problem.message


def test_articles_control_and_invisible_characters_are_removed() -> None:
    article = article_from_text("x", "Jo\u200bko Wi\u00addodo \u202emenang\u202c\x07 di Cafe\u0301\x00.\u2066\u2069")
    assert article.text == "Joko Widodo menang di Café."
    assert article.warnings == (
        "2 control characters removed",
        "6 invisible formatting characters (zero-width, soft hyphen, bidi controls) removed",
    )
    kept = article_from_text("x", "Keluarga 👨\u200d👩\u200d👧 dan می\u200cخواهم.")
    assert (kept.text, kept.warnings) == ("Keluarga 👨\u200d👩\u200d👧 dan می\u200cخواهم.", ())


def test_articles_mojibake_is_repaired_with_a_warning() -> None:
    article = article_from_text("x", "Korea Utara (Democratic Peopleâ€™s Republic of Korea) menolak â€œsanksiâ€ itu.")
    assert article.text == "Korea Utara (Democratic People’s Republic of Korea) menolak “sanksi” itu."
    assert any("mojibake" in w for w in article.warnings)
    clean = article_from_text("x", "Presiden “Joko Widodo” berkata: rakyat’s café — naïve.")
    assert clean.text == "Presiden “Joko Widodo” berkata: rakyat’s café — naïve." and clean.warnings == ()


def test_articles_mojibake_split_by_a_tokenizer_is_repaired() -> None:
    # IndoSum's tokenizer put a space inside the three characters of a mis-decoded "’"
    article = article_from_text("x", "nama resmi Korea Utara, Democratic Peopleâ€ ™ s Republic of Korea.")
    assert article.text == "nama resmi Korea Utara, Democratic People’ s Republic of Korea."
    assert any("mojibake" in w for w in article.warnings)


def test_articles_jsonl_lone_surrogates_and_markup_in_fields(tmp_path: Path) -> None:
    line = '{"id": "a\\ud800<b>1</b>", "title": "<i>Judul</i> &amp; lain", "text": "Teks \\udc00 di sini."}\n'
    path = _write(tmp_path / "s.jsonl", line)
    [article] = _read(path)
    assert isinstance(article, Article)
    assert (article.id, article.title, article.text) == ("a\ufffd1", "Judul & lain", "Teks \ufffd di sini.")
    assert article.warnings == ("1 lone surrogate code points replaced by U+FFFD",)
    json.dumps(article.__dict__, default=str, ensure_ascii=False).encode("utf-8")  # reports can be written


def test_articles_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    try:
        fd = os.open(folder + b"/caf\xe9.txt", os.O_WRONLY | os.O_CREAT)
    except OSError:
        pytest.skip("this file system wants UTF-8 file names")
    os.write(fd, b"Presiden tiba.")
    os.close(fd)
    [article] = _read(tmp_path)
    assert isinstance(article, Article)
    assert article.id == "caf\ufffd" and article.path is not None and article.path.endswith("caf\ufffd.txt")
    article.path.encode("utf-8")


def test_articles_not_indonesian_is_skipped_unless_asked(tmp_path: Path) -> None:
    _write(tmp_path / "inggris.txt", ENGLISH_TEXT)
    _write(tmp_path / "indonesia.txt", INDONESIAN)
    _write(tmp_path / "pendek.txt", "The minister arrived.")  # too short to tell: built
    indonesian, english, short = _read(tmp_path)
    assert isinstance(english, InputProblem) and english.status == "not_indonesian"
    assert re.search(r"looks like English \(en, p=[01]\.\d\d\), not Indonesian: skipped \(--any-language", english.message)
    assert isinstance(indonesian, Article) and isinstance(short, Article)
    assert [_status(i) for i in _read(tmp_path, policy=InputPolicy(check_language=False))] == ["ok", "ok", "ok"]


def test_articles_detect_language_counts_malay_as_indonesian() -> None:
    guess = detect_language(INDONESIAN)
    assert guess.code in ("id", "ms") and guess.indonesian > 0.9
    assert detect_language(ENGLISH_TEXT).indonesian < 0.1


def test_articles_unreadable_entries_inside_a_folder(tmp_path: Path) -> None:
    _write(tmp_path / "a-baik.txt", "Presiden tiba.")
    (tmp_path / "b-putus.txt").symlink_to(tmp_path / "tidak-ada.txt")
    (tmp_path / "c-lingkar.txt").symlink_to(tmp_path / "c-lingkar.txt")
    os.mkfifo(tmp_path / "d-pipa.txt")
    _write(tmp_path / "e-baik.txt", "Menteri bertemu.")
    items = _read(tmp_path)
    assert [(i.id, _status(i)) for i in items] == [
        ("a-baik", "ok"),
        ("b-putus", "unreadable"),
        ("c-lingkar", "unreadable"),
        ("d-pipa", "unreadable"),
        ("e-baik", "ok"),
    ]
    assert items[1].message == f"cannot read {tmp_path / 'b-putus.txt'}: a broken link: skipped"
    assert "not a regular file" in items[3].message


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_articles_file_without_read_permission_is_unreadable(tmp_path: Path) -> None:
    path = _write(tmp_path / "rahasia.txt", "Presiden tiba.")
    path.chmod(0)
    try:
        [problem] = _read(path)
    finally:
        path.chmod(0o644)
    assert isinstance(problem, InputProblem) and problem.status == "unreadable"
    assert "Permission denied" in problem.message


def test_articles_folder_with_no_files_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "kosong" / "dalam").mkdir(parents=True)
    with pytest.raises(InputError, match=r"Nothing to read in .*kosong.*: no files there"):
        _read(tmp_path / "kosong")


def test_articles_url_that_is_no_iri_is_reported() -> None:
    article = article_from_text("x", "Presiden tiba.", url="https://contoh.example:port/a")
    assert article.url == "https://contoh.example:port/a"
    assert article.warnings == (
        "url 'https://contoh.example:port/a' is not an absolute http(s)-style URL: not linked in the graph",
    )


def test_articles_normalised_text_ignores_case_spacing_and_composition() -> None:
    assert normalised_text("Presiden  tiba di Cafe\u0301.\n\nMenteri") == normalised_text("PRESIDEN tiba di Café. menteri")
    assert normalised_text("Presiden tiba.") != normalised_text("Presiden pergi.")


def test_articles_policy_rejects_nonsense_limits() -> None:
    with pytest.raises(InputError, match="max_bytes must be at least 1"):
        InputPolicy(max_bytes=0)


@pytest.mark.parametrize(
    ("raw", "source", "text"),
    [
        ("Kabarkita - Polisi menangkap dua orang.", "kabarkita", "Polisi menangkap dua orang."),
        ("Kabar Kita - Polisi menangkap dua orang.", "kabarkita", "Polisi menangkap dua orang."),
        ("Mercedes - Benz merilis mobil baru.", "kabarkita", "Mercedes - Benz merilis mobil baru."),
    ],
    ids=["publisher", "publisher-spaced", "name-with-dash"],
)
def test_articles_bare_dateline_naming_the_articles_own_source_is_removed(raw: str, source: str, text: str) -> None:
    """ "Rimanews - Kepolisian Prancis menangkap ...": the publisher of a rimanews article, not the arrester."""
    assert article_from_text("d", raw, source=source).text == text


def test_language_model_copy_is_written_once_and_ranks_as_py3langid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """kg reads py3langid's model from an uncompressed copy in its cache: the same rankings as py3langid's loader."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    import kg.articles

    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    kg.articles._identifier.cache_clear()
    try:
        ours = kg.articles._identifier()
        copy = kg.articles.langid_model_copy(MODEL_DIR / MODEL_FILE)
        assert copy.parent == tmp_path / "langid" and copy.stat().st_size > 10_000_000
        written = copy.stat().st_mtime_ns
        kg.articles._identifier.cache_clear()
        kg.articles._identifier()
        assert copy.stat().st_mtime_ns == written  # read, not written again
        theirs = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        for text in (
            ENGLISH_TEXT,
            "Presiden Joko Widodo bertemu Perdana Menteri Malaysia di Istana Bogor.",
            "Le ministre est arrivé.",
        ):
            assert ours.rank(text) == theirs.rank(text)
    finally:
        kg.articles._identifier.cache_clear()


def test_articles_a_menu_bar_is_furniture_and_the_headline_and_dateline_come_after_it() -> None:
    """A site's menu bar ("Beranda | Nasional | Hukum ...") is no headline: the headline after it is the title, and the
    bare dateline that opens the story ("Jakarta - ") no actor."""
    raw = (
        "Beranda | Nasional | Hukum | Politik | Video | Indeks\n\n"
        "Kejagung Tahan Mantan Direktur Utama\n\n"
        "Jakarta - Kejaksaan Agung menahan Andi Prasetyo, Sabtu.\n"
    )
    article = article_from_text("menu", raw, find_headline=True)
    assert article.title == "Kejagung Tahan Mantan Direktur Utama"
    assert article.text == "Kejaksaan Agung menahan Andi Prasetyo, Sabtu."
    assert any("menu 1" in w for w in article.warnings)
