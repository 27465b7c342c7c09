"""Site furniture and headlines (``kg.furniture``) and how the article reader applies them."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.articles import article_from_text, read_articles
from kg.document import Article
from kg.errors import OntologyError
from kg.furniture import furniture_patterns, site_of, split_headline, strip_furniture

# A page as a reader copies it from a news site (invented).
PAGE = """Polisi Tangkap Pengedar Narkoba di Medan

Medan - Kepolisian Daerah Sumatera Utara menangkap tersangka berinisial RW di Medan.

SCROLL TO CONTINUE WITH CONTENT

"Tersangka kami tahan selama 20 hari," kata Kepala Bidang Humas Polda Sumut Hadi Wahyudi.

ADVERTISEMENT

Baca juga: Hadi Temui Bupati, Bahas Keamanan

Tonton juga video "Momen Polisi Gerebek Gudang di Belawan" di sini:

Foto: Dok. Humas Polda Sumut

(rdp/rdp)
"""


def test_furniture_every_pattern_matches_its_example() -> None:
    for pattern in furniture_patterns():
        assert pattern.regex.fullmatch(" ".join(pattern.example.split())), pattern.id


def test_furniture_page_lines_are_removed_and_counted() -> None:
    stripped = strip_furniture(PAGE)
    assert "SCROLL" not in stripped.text
    assert "Baca juga" not in stripped.text
    assert "Tonton" not in stripped.text
    assert "Foto:" not in stripped.text
    assert "(rdp/rdp)" not in stripped.text
    assert '"Tersangka kami tahan selama 20 hari," kata' in stripped.text
    assert stripped.count == 6
    assert dict(stripped.removed) == {
        "advertisement": 1,
        "byline-code": 1,
        "photo-credit": 1,
        "read-also": 2,
        "scroll-prompt": 1,
    }
    assert stripped.warning() == (
        "site furniture removed: 6 line(s) (advertisement 1, byline-code 1, photo-credit 1, read-also 2, scroll-prompt 1)"
    )


@pytest.mark.parametrize(
    "line",
    [
        "Bacaan juga penting bagi anak, kata Menteri Pendidikan.",
        "Lihat saja hasilnya nanti, ujar Retno.",
        "Iklan kampanye itu dikritik banyak pihak.",
        "Foto itu diambil di Jakarta pada Senin.",
        "Dia bercerita tentang halaman rumahnya.",
        "(Sumber: Antara)",
        "Pada 5 Desember 2026 pukul 14.20 WIB, Retno tiba di Jakarta.",
        "Topik pembicaraan mereka: perdagangan dan keamanan.",
        "Simak pernyataan lengkap Menteri Retno berikut ini.",
    ],
)
def test_furniture_story_sentences_stay(line: str) -> None:
    assert strip_furniture(f"Paragraf pertama.\n{line}").text.endswith(line)


def test_furniture_byline_is_only_furniture_at_the_end() -> None:
    text = "Paragraf pertama.\n(ant)\nParagraf kedua."
    assert strip_furniture(text).text == text
    assert strip_furniture("Paragraf pertama.\n(ant)").text == "Paragraf pertama."


def test_furniture_site_patterns_apply_to_their_site_or_an_unknown_one() -> None:
    text = "Paragraf pertama.\n[Gambas:Video 20detik]"
    assert strip_furniture(text, site="news.detik.com").count == 1
    assert strip_furniture(text, site=None).count == 1
    assert strip_furniture(text, site="kompas.com").count == 0


def test_furniture_site_of_url_and_source() -> None:
    assert site_of("https://www.kompas.com/read/2025/01/01/x", None) == "kompas.com"
    assert site_of(None, "Detik.com") == "detik.com"
    assert site_of(None, "Buaian") is None


def test_furniture_broken_pattern_file_names_the_entry(tmp_path: Path) -> None:
    path = tmp_path / "furniture.toml"
    path.write_text('[[pattern]]\nid = "x"\nwhere = "line"\nregex = "("\n', encoding="utf-8")
    with pytest.raises(OntologyError, match="'x'"):
        furniture_patterns(path)
    path.write_text('[[pattern]]\nid = "x"\nwhere = "middle"\nregex = "a"\n', encoding="utf-8")
    with pytest.raises(OntologyError, match="where"):
        furniture_patterns(path)


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ("Jaksa Agung Tahan Tersangka Korupsi Tambang\nJakarta - Kejaksaan ...", "Jaksa Agung Tahan Tersangka Korupsi Tambang"),
        ("KPK Periksa 3 Saksi Kasus Suap Bupati\nIsi berita.", "KPK Periksa 3 Saksi Kasus Suap Bupati"),
        ("Kementerian Pertahanan Iran mengatakan X meminta maaf.\nKalimat kedua.", None),
        ("Menlu bertemu mitra dari Malaysia di Jakarta hari ini\nIsi berita.", None),
        ("Jaksa Agung Tahan Tersangka Korupsi Tambang", None),
    ],
)
def test_furniture_headline_is_a_short_capitalised_first_line(text: str, headline: str | None) -> None:
    found, rest = split_headline(text)
    assert found == headline
    assert rest == (text.split("\n", 1)[1] if headline else text)


def test_furniture_article_keeps_the_headline_as_title_and_drops_furniture(tmp_path: Path) -> None:
    path = tmp_path / "polisi.txt"
    path.write_text(PAGE, encoding="utf-8")
    (article,) = read_articles([path])
    assert isinstance(article, Article)
    assert article.title == "Polisi Tangkap Pengedar Narkoba di Medan"
    assert article.text.startswith("Kepolisian Daerah Sumatera Utara menangkap")  # headline and dateline gone
    assert "Baca juga" not in article.text and "Tonton" not in article.text
    assert any(w.startswith("site furniture removed: 6 line(s)") for w in article.warnings)
    assert any(w.startswith("headline 'Polisi Tangkap") for w in article.warnings)


def test_furniture_jsonl_title_repeated_as_first_line_is_not_parsed() -> None:
    article = article_from_text("a", "Judul Berita\nIsi berita di sini.", title="Judul Berita")
    assert article.text == "Isi berita di sini."
    plain = article_from_text("b", "Judul Berita Panjang Sekali\nIsi berita di sini.")
    assert plain.title is None and plain.text.startswith("Judul Berita")  # JSONL without a title: left alone


@pytest.mark.parametrize(
    ("text", "headline", "kept"),
    [
        ("JAKARTA - Presiden bertemu menteri.\nKalimat.", False, "Presiden bertemu menteri."),
        ("Mercedes - Benz meluncurkan model baru.\nKalimat.", False, "Mercedes - Benz meluncurkan model baru."),
        ("GO - JEK melebarkan sayap.\nKalimat.", False, "GO - JEK melebarkan sayap."),
        ("Jakarta - Presiden bertemu menteri.\nKalimat.", False, "Jakarta - Presiden bertemu menteri."),
        ("Berita Penting Hari Ini Sekali\nJakarta - Presiden bertemu menteri.\nKalimat.", True, "Presiden bertemu menteri."),
    ],
)
def test_furniture_bare_dateline_is_a_place_not_a_detokenised_name(text: str, headline: bool, kept: str) -> None:
    assert article_from_text("a", text, find_headline=headline).text.split("\n\n")[0] == kept


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Reporter: Tim Redaksi | Editor: Dewi Lestari", "byline-name"),
        ("Bagikan: Facebook | X | WhatsApp | Salin tautan", "share-prompt"),
        ("Simak berita terkini lainnya di Google News dan saluran WhatsApp kami.", "app-prompt"),
        ("Beranda > Internasional > Timur Tengah", "breadcrumb"),
        ("Sabtu, 5 Desember 2026 14:20 WIB", "timestamp"),
        ("Tag: Iran, Arab Saudi, Oman, Laut Merah", "tags"),
    ],
)
def test_furniture_page_header_and_footer_lines_are_removed(line: str, kind: str) -> None:
    """A page's breadcrumb, bylines, time stamp, share bar and tags are no story: the dateline after them is found."""
    stripped = strip_furniture(f"{line}\nJakarta - Retno bertemu Wang Yi di Beijing.")
    assert stripped.text.strip() == "Jakarta - Retno bertemu Wang Yi di Beijing." and dict(stripped.removed) == {kind: 1}
