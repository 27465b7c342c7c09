"""Today's news pages end to end with the shipped models: furniture, headlines, initials, speech tags, arrests.

The two articles are written for this test (invented events, real-looking names), in the shape of the
pages users copy from news sites.
"""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, Graph, Literal

from kg.build import BuildResult, BuildSettings, build
from kg.namespace import KG, KGET

pytestmark = pytest.mark.models

KPK = "\n\n".join(
    [
        "KPK Tahan Bupati Tersangka Suap Proyek Jalan",
        (
            "Jakarta - Komisi Pemberantasan Korupsi menahan tersangka berinisial AR dalam kasus suap proyek jalan "
            "di Kalimantan Timur. Saudara AR diduga menerima uang dari kontraktor."
        ),
        "ADVERTISEMENT",
        "SCROLL TO CONTINUE WITH CONTENT",
        ('"Tersangka ditahan untuk 20 hari pertama," ujar Juru Bicara Komisi Pemberantasan Korupsi Budi Prasetyo.'),
        ('Menurut Budi, penyidik masih mencari tersangka lain. "Kami akan menelusuri aliran dananya," tutup Budi.'),
        ("Ketua Komisi Pemberantasan Korupsi Setyo Budiyanto bertemu dengan Jaksa Agung Sanitiar Burhanuddin di Jakarta."),
        'Simak juga video "Detik-detik Penangkapan Bupati di Samarinda" di sini:',
        "Baca juga: Setyo Temui Burhanuddin, Bahas Kasus Tambang",
    ]
)

POLISI = "\n\n".join(
    [
        "Polisi Bekuk Pengedar Sabu di Medan",
        (
            "Medan - Kepolisian Daerah Sumatera Utara menahan tersangka berinisial DS dalam kasus peredaran "
            "narkoba. Saudara DS ditangkap di rumahnya."
        ),
        "Foto: Dok. Humas Polda Sumut",
        ('"Barang bukti sudah kami amankan," jelas Kepala Bidang Humas Kepolisian Daerah Sumatera Utara Hadi Wahyudi.'),
        ('Hadi menambahkan, polisi masih memburu pemasok. "Kami akan terus mengejar jaringannya," tegas Hadi.'),
        ("Gubernur Sumatera Utara Bobby Nasution bertemu dengan Kapolda Sumatera Utara Whisnu Hermawan di Medan."),
        'Tonton juga video "Gubernur Sumut Sambut Kapolda Baru di Medan" di sini:',
        "Baca juga: Bobby Temui Whisnu, Bahas Narkoba",
    ]
)


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    folder = tmp_path_factory.mktemp("pages")
    (folder / "kpk.txt").write_text(KPK, encoding="utf-8")
    (folder / "polisi.txt").write_text(POLISI, encoding="utf-8")
    return build([folder], BuildSettings())


def _actor(graph: Graph, name: str) -> object:
    found = list(graph.subjects(RDFS.label, Literal(name)))
    assert len(found) == 1, f"expected one actor labelled {name!r}, got {found}"
    return found[0]


def _events(graph: Graph, etype: str) -> list[tuple[object, object, str]]:
    return [
        (graph.value(ev, KG.agent), graph.value(ev, KG.target), str(graph.value(ev, KG.trigger)))
        for ev in graph.subjects(KG.eventType, KGET[etype])
        if graph.value(ev, KG.modality) == KG.Asserted
    ]


@pytest.mark.parametrize("furniture", ["Simak", "Tonton", "Baca", "Foto", "Temui", "Video"])
def test_news_pages_furniture_names_no_actor(result: BuildResult, furniture: str) -> None:
    labels = [str(o) for o in result.graph.objects(None, RDFS.label)] + [str(o) for o in result.graph.objects(None, KG.text)]
    assert not [label for label in labels if furniture in label.split()]


def test_news_pages_headline_is_the_title(result: BuildResult) -> None:
    titles = sorted(str(t) for t in result.graph.objects(None, KG.title))
    assert titles == ["KPK Tahan Bupati Tersangka Suap Proyek Jalan", "Polisi Bekuk Pengedar Sabu di Medan"]
    report = {r.id: r for r in result.reports}
    assert any(w.startswith("site furniture removed: 4 line(s)") for w in report["kpk"].warnings)


@pytest.mark.parametrize(
    ("initials", "agency"), [("AR", "Komisi Pemberantasan Korupsi"), ("DS", "Kepolisian Daerah Sumatera Utara")]
)
def test_news_pages_initials_are_a_person_arrested_by_the_agency(result: BuildResult, initials: str, agency: str) -> None:
    graph = result.graph
    suspect = _actor(graph, initials)
    assert (suspect, RDF.type, KG.Person) in graph
    assert (_actor(graph, agency), suspect) in [(a, t) for a, t, _ in _events(graph, "Arrest")]


@pytest.mark.parametrize(
    ("speaker", "cues"), [("Budi Prasetyo", {"ujar", "Menurut", "tutup"}), ("Hadi Wahyudi", {"jelas", "menambahkan", "tegas"})]
)
def test_news_pages_every_speech_tag_is_a_statement_of_the_official(result: BuildResult, speaker: str, cues: set[str]) -> None:
    graph = result.graph
    person = _actor(graph, speaker)
    assert {cue for agent, _, cue in _events(graph, "Statement") if agent == person} == cues
    quotes = list(graph.subjects(KG.speaker, person))
    assert len(quotes) == 2  # both direct quotes are the official's


@pytest.mark.parametrize(
    ("agent", "target"), [("Setyo Budiyanto", "Sanitiar Burhanuddin"), ("Bobby Nasution", "Whisnu Hermawan")]
)
def test_news_pages_meeting_target_is_the_named_person_not_the_related_link(result: BuildResult, agent: str, target: str) -> None:
    graph = result.graph
    meets = [(a, t) for a, t, _ in _events(graph, "Meet")]
    assert (_actor(graph, agent), _actor(graph, target)) in meets
