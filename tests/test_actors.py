"""kg/actors.py: mentions of all articles grouped into actors, whatever the order of the articles."""

from __future__ import annotations

import itertools
import random

import pytest
from helpers import ACRONYM, conllu

from kg.actors import ActorIndex, article_facts, resolve_actors, resolve_facts
from kg.document import Article, from_conllu
from kg.extract import Extraction, extract
from kg.mapper import actor_iri


def _name_rows(first_id: int, head: int, deprel: str, name: str, label: str) -> list[str]:
    """Rows of a name: the first word heads the phrase, the others hang off it as flat:name."""
    words = name.split()
    rows = []
    for k, word in enumerate(words):
        if len(words) == 1:
            tag = f"S-{label}"
        else:
            tag = f"B-{label}" if k == 0 else f"E-{label}" if k == len(words) - 1 else f"I-{label}"
        row_head, rel = (head, deprel) if k == 0 else (first_id, "flat:name")
        rows.append(f"{first_id + k} {word} {word} PROPN _ _ {row_head} {rel} _ ner={tag}")
    return rows


def praise(agent: str, agent_label: str, target: str, target_label: str, verb: str = "memuji") -> str:
    """CoNLL-U of '<agent> <verb> <target>.' with agent as nsubj and target as obj."""
    n_agent = len(agent.split())
    verb_id = n_agent + 1
    rows = _name_rows(1, verb_id, "nsubj", agent, agent_label)
    rows.append(f"{verb_id} {verb} {verb} VERB _ _ 0 root _ ner=O")
    rows += _name_rows(verb_id + 1, verb_id, "obj", target, target_label)
    rows.append(f"{verb_id + 1 + len(target.split())} . . PUNCT _ _ {verb_id} punct _ ner=O")
    return f"# text = {agent} {verb} {target}.\n" + "\n".join(rows) + "\n"


def _extraction(article_id: str, *sentences: str) -> Extraction:
    text = "\n".join(conllu(s) for s in sentences)
    return extract(from_conllu(text, Article(article_id, "")))


def _summary(index: ActorIndex) -> dict[str, tuple[str, str, tuple[str, ...], tuple[str, ...], str | None]]:
    return {slug: (a.name, a.kind, a.aliases, a.articles, a.country_code) for slug, a in index.actors.items()}


def _actor_of(index: ActorIndex, ex: Extraction, text: str) -> str:
    [mention] = [m for m in ex.mentions if m.text == text]
    actor = index.actor_of(ex.doc.article.id, mention)
    assert actor is not None
    return actor.slug


def test_actors_short_name_in_one_article_is_the_full_name() -> None:
    ex = _extraction("a1", praise("Ismail Zaid", "PER", "Libanon", "LOC"), praise("Zaid", "PER", "Iran", "LOC"))
    index = resolve_actors([ex])
    assert _summary(index)["ismail-zaid"] == ("Ismail Zaid", "Person", ("Ismail Zaid", "Zaid"), ("a1",), None)
    assert _actor_of(index, ex, "Zaid") == _actor_of(index, ex, "Ismail Zaid") == "ismail-zaid"
    assert [(m.actor, m.name, m.rule) for m in index.merges if m.rule == "short-name-in-article"] == [
        ("ismail-zaid", "zaid", "short-name-in-article")
    ]
    assert "zaid" not in index.actors


GENERAL = """# text = {title} {name} memuji {other}.
1 {title} {title} PROPN _ _ {verb} nsubj _ ner=O
{rows}
{verb} memuji puji VERB _ _ 0 root _ ner=O
{obj} {other} {other} PROPN _ _ {verb} obj _ ner=S-LOC
{end} . . PUNCT _ _ {verb} punct _ ner=O
"""


def _general(name: str, other: str, title: str = "Jenderal") -> str:
    n = len(name.split())
    rows = "\n".join(
        f"{2 + k} {w} {w} PROPN _ _ 1 flat:name _ ner={'B' if k == 0 else 'E' if k == n - 1 else 'I'}-PER"
        for k, w in enumerate(name.split())
    )
    return GENERAL.format(title=title, name=name, other=other, rows=rows, verb=n + 2, obj=n + 3, end=n + 4)


def test_actors_a_generational_suffix_tells_father_and_son_apart() -> None:
    """ "Presiden Donald Trump" and "Donald Trump Jr" in one article are two persons, their titles differ
    (``[names] suffixes``); "Trump" is the father."""
    ex = _extraction(
        "a1",
        _general("Donald Trump", "Suriah", title="Presiden"),
        praise("Donald Trump Jr", "PER", "Rusia", "LOC"),
        praise("Trump", "PER", "Iran", "LOC"),
    )
    index = resolve_actors([ex])
    assert _actor_of(index, ex, "Donald Trump") == _actor_of(index, ex, "Trump") == "donald-trump"
    assert _actor_of(index, ex, "Donald Trump Jr") == "donald-trump-jr"


def test_actors_a_generational_suffix_without_titles_is_the_same_person() -> None:
    """ "Floyd Mayweather Jr" and "Floyd Mayweather" in one article, neither with a title: one boxer."""
    ex = _extraction("a1", praise("Floyd Mayweather Jr", "PER", "Irak", "LOC"), praise("Floyd Mayweather", "PER", "Iran", "LOC"))
    index = resolve_actors([ex])
    assert _actor_of(index, ex, "Floyd Mayweather") == _actor_of(index, ex, "Floyd Mayweather Jr")


def test_actors_a_generational_suffix_with_the_same_title_is_the_same_person() -> None:
    """ "Jenderal Joseph Dunford Jr" and "Jenderal Joseph Dunford" in one article: one general."""
    ex = _extraction("a1", _general("Joseph Dunford Jr", "Irak"), _general("Joseph Dunford", "Iran"))
    index = resolve_actors([ex])
    assert _actor_of(index, ex, "Joseph Dunford") == _actor_of(index, ex, "Joseph Dunford Jr")


@pytest.mark.parametrize("second", ["Ismail Zaid", "Ismaïl Zaid"])
def test_actors_same_full_name_across_articles_is_one_actor(second: str) -> None:
    a1 = _extraction("a1", praise("Ismail Zaid", "PER", "Libanon", "LOC"))
    a2 = _extraction("a2", praise("Malaysia", "LOC", second, "PER"))
    index = resolve_actors([a1, a2])
    persons = [a for a in index.actors.values() if a.kind == "Person"]
    assert len(persons) == 1
    assert (persons[0].slug, persons[0].articles) == ("ismail-zaid", ("a1", "a2"))
    assert set(persons[0].aliases) == {"Ismail Zaid", second}
    assert _actor_of(index, a1, "Ismail Zaid") == _actor_of(index, a2, second) == "ismail-zaid"


def test_actors_short_name_matching_one_full_name_in_the_corpus() -> None:
    a1 = _extraction("a1", praise("Ismail Zaid", "PER", "Libanon", "LOC"))
    a2 = _extraction("a2", praise("Zaid", "PER", "Iran", "LOC"))
    index = resolve_actors([a1, a2])
    assert _actor_of(index, a2, "Zaid") == "ismail-zaid"
    assert index.actors["ismail-zaid"].articles == ("a1", "a2")
    assert ("ismail-zaid", "zaid", "unique-short-name") in {(m.actor, m.name, m.rule) for m in index.merges}


def test_actors_ambiguous_short_name_stays_apart() -> None:
    a1 = _extraction("a1", praise("Ismail Zaid", "PER", "Libanon", "LOC"))
    a2 = _extraction("a2", praise("Yusuf Zaid", "PER", "Iran", "LOC"))
    a3 = _extraction("a3", praise("Zaid", "PER", "Malaysia", "LOC"))
    index = resolve_actors([a1, a2, a3])
    assert {"ismail-zaid", "yusuf-zaid", "zaid"} <= set(index.actors)
    assert _actor_of(index, a3, "Zaid") == "zaid"


@pytest.mark.parametrize(("first", "second"), [("Libanon", "Lebanon"), ("Lebanon", "Libanon")])
def test_actors_country_variants_are_one_country(first: str, second: str) -> None:
    a1 = _extraction("a1", praise("Ismail Zaid", "PER", first, "LOC"))
    a2 = _extraction("a2", praise(second, "LOC", "Iran", "LOC"))
    index = resolve_actors([a1, a2])
    assert _summary(index)["lebanon"] == ("Lebanon", "Country", ("Lebanon", "Libanon"), ("a1", "a2"), "LB")
    assert _actor_of(index, a1, first) == _actor_of(index, a2, second) == "lebanon"
    assert "libanon" not in index.actors


def test_actors_alias_table_joins_place_names() -> None:
    a1 = _extraction("a1", praise("Ismail Zaid", "PER", "Malaysia", "LOC", verb="mengunjungi").replace("Malaysia", "Teheran"))
    a2 = _extraction("a2", praise("Yusuf Amin", "PER", "Tehran", "LOC", verb="mengunjungi"))
    index = resolve_actors([a1, a2])
    assert _summary(index)["teheran"] == ("Teheran", "Place", ("Teheran", "Tehran"), ("a1", "a2"), None)
    assert _actor_of(index, a2, "Tehran") == "teheran"
    assert ("teheran", "tehran", "alias-table") in {(m.actor, m.name, m.rule) for m in index.merges}


def test_actors_acronym_in_text_joins_the_acronym() -> None:
    a1 = _extraction("a1", ACRONYM)
    a2 = _extraction("a2", praise("BAN", "ORG", "Filipina", "LOC"))
    index = resolve_actors([a1, a2])
    slug = "badan-antariksa-nasional"
    assert _summary(index)[slug] == (
        "Badan Antariksa Nasional",
        "Organization",
        ("BAN", "Badan Antariksa Nasional"),
        ("a1", "a2"),
        None,
    )
    assert _actor_of(index, a2, "BAN") == slug
    assert "ban" not in index.actors
    assert (slug, "ban", "acronym-in-text") in {(m.actor, m.name, m.rule) for m in index.merges}


ALIAS = """# text = Polisi memeriksa Ahmad Zaki Santoso alias Jojo .
1 Polisi polisi NOUN _ _ 2 nsubj _ ner=O
2 memeriksa periksa VERB _ _ 0 root _ ner=O
3 Ahmad Ahmad PROPN _ _ 2 obj _ ner=B-PER
4 Zaki Zaki PROPN _ _ 3 flat:name _ ner=I-PER
5 Santoso Santoso PROPN _ _ 3 flat:name _ ner=E-PER
6 alias alias ADP _ _ 7 case _ ner=O
7 Jojo Jojo PROPN _ _ 3 nmod _ ner=S-PER
8 . . PUNCT _ _ 2 punct _ ner=O
"""


@pytest.mark.parametrize(("marker", "joined"), [("alias", True), ("dan", False)])
def test_actors_alias_in_text_joins_the_second_name(marker: str, joined: bool) -> None:
    """ "Ahmad Zaki Santoso alias Jojo ... Jojo memuji Iran": one person; "X dan Y" are two."""
    a1 = _extraction("a1", ALIAS.replace("alias", marker), praise("Jojo", "PER", "Iran", "LOC"))
    index = resolve_actors([a1])
    actors = {index.actor_of("a1", m).slug for m in a1.mentions if m.text == "Jojo"}  # type: ignore[union-attr]
    assert actors == ({"ahmad-zaki-santoso"} if joined else {"jojo"})
    assert (("ahmad-zaki-santoso", "jojo", "alias-in-text") in {(m.actor, m.name, m.rule) for m in index.merges}) is joined


def _corpus() -> list[Extraction]:
    return [
        _extraction("a1", praise("Ismail Zaid", "PER", "Libanon", "LOC"), praise("Zaid", "PER", "Iran", "LOC"), ACRONYM),
        _extraction("a2", praise("Lebanon", "LOC", "Yusuf Amin", "PER"), praise("BAN", "ORG", "Teheran", "LOC", "mengunjungi")),
        _extraction("a3", praise("Amin", "PER", "Tehran", "LOC", "mengunjungi"), praise("Ismail Zaid", "PER", "Malaysia", "LOC")),
        _extraction("a4", praise("Yusuf Zaid", "PER", "Filipina", "LOC")),
    ]


@pytest.fixture(scope="module")
def corpus() -> list[Extraction]:
    return _corpus()


def test_actors_do_not_depend_on_the_order_of_the_extractions(corpus: list[Extraction]) -> None:
    reference = resolve_actors(corpus)
    orders = list(itertools.permutations(corpus))
    rng = random.Random(7)
    for order in [*rng.sample(orders, 8), tuple(reversed(corpus))]:
        index = resolve_actors(list(order))
        assert _summary(index) == _summary(reference)
        assert index.by_mention == reference.by_mention
        assert sorted(index.merges, key=repr) == sorted(reference.merges, key=repr)


def test_actors_from_kept_article_facts_are_those_of_the_articles(corpus: list[Extraction]) -> None:
    """A store keeps each article's facts (pickled) and resolves from them: the same index, in any order, to
    the order of the actors and merges; a subset of the facts resolves as that subset of the articles."""
    import pickle

    facts = pickle.loads(pickle.dumps([article_facts(ex) for ex in corpus]))
    reference = resolve_actors(corpus)
    rng = random.Random(3)
    for _ in range(4):
        rng.shuffle(facts)
        index = resolve_facts(facts)
        assert index == reference and list(index.actors) == list(reference.actors)
    part = [f for f in facts if f.article != "a2"]
    assert resolve_facts(part) == resolve_actors([ex for ex in corpus if ex.doc.article.id != "a2"])


def test_actors_of_the_mixed_corpus(corpus: list[Extraction]) -> None:
    index = resolve_actors(corpus)
    assert sorted(index.actors) == [
        "badan-antariksa-nasional",
        "filipina",
        "iran",
        "ismail-zaid",
        "lebanon",
        "malaysia",
        "teheran",
        "yusuf-amin",
        "yusuf-zaid",
    ]
    assert index.actors["yusuf-amin"].aliases == ("Amin", "Yusuf Amin")
    assert index.actors["ismail-zaid"].articles == ("a1", "a3")


def test_actors_iris_are_stable_across_runs(corpus: list[Extraction]) -> None:
    first = resolve_actors(corpus)
    second = resolve_actors(_corpus())
    assert {actor_iri(s) for s in first.actors} == {actor_iri(s) for s in second.actors}
    assert first.by_mention == second.by_mention
    assert str(actor_iri("ismail-zaid")) == "https://w3id.org/kg-news/id/actor/ismail-zaid"


def test_actors_each_merge_is_recorded_once() -> None:
    ex = _extraction("a1", praise("Karim Haddad", "PER", "Libanon", "LOC"), praise("Haddad", "PER", "Iran", "LOC"))
    merges = [(m.actor, m.name) for m in resolve_actors([ex]).merges]
    assert merges == [("karim-haddad", "haddad")]


def test_actors_organisation_named_without_its_owner_joins_the_one_owned_name() -> None:
    a1 = _extraction("a1", praise("Dewan Keamanan PBB", "ORG", "Iran", "LOC"))
    a2 = _extraction("a2", praise("Dewan Keamanan", "ORG", "Libanon", "LOC"))
    index = resolve_actors([a1, a2])
    assert _actor_of(index, a2, "Dewan Keamanan") == _actor_of(index, a1, "Dewan Keamanan PBB")
    assert any(m.rule == "unique-owned-name" for m in index.merges)


def test_actors_an_organisation_named_with_its_country_is_of_that_country() -> None:
    a1 = _extraction("a1", praise("Militer Myanmar", "ORG", "Bangladesh", "LOC"), praise("Myanmar", "LOC", "Rohingya", "ORG"))
    a2 = _extraction("a2", praise("Tentara Israel", "ORG", "Gaza", "LOC"), praise("Kemlu RI", "ORG", "Hamas", "ORG"))
    index = resolve_actors([a1, a2])
    myanmar = _actor_of(index, a1, "Myanmar")
    assert index.actors[_actor_of(index, a1, "Militer Myanmar")].country == myanmar
    assert index.actors[myanmar].articles == ("a1",)
    # a country named only inside an organisation's name is an actor of the articles that name it so
    israel = index.actors[_actor_of(index, a2, "Tentara Israel")].country
    assert israel is not None and (index.actors[israel].name, index.actors[israel].kind) == ("Israel", "Country")
    assert index.actors[israel].articles == ("a2",) and index.actors[israel].country_code == "IL"
    assert index.actors[index.actors[_actor_of(index, a2, "Kemlu RI")].country or ""].country_code == "ID"
    assert index.actors[_actor_of(index, a2, "Hamas")].country is None


def test_actors_label_of_a_name_written_in_lowercase_starts_with_a_capital() -> None:
    ex = _extraction("a1", praise("militer Myanmar", "ORG", "Iran", "LOC"))
    actor = resolve_actors([ex]).actors[_actor_of(resolve_actors([ex]), ex, "militer Myanmar")]
    assert (actor.name, actor.aliases) == ("Militer Myanmar", ("militer Myanmar",))


def test_actors_a_party_named_without_its_region_is_not_that_regions_branch() -> None:
    """ "Golkar Jatim" (with "Jatim", a place, named as such elsewhere) is a provincial branch: a bare "Golkar" in
    another article is the party, not the only branch the corpus names."""
    a1 = _extraction("a1", praise("Golkar Jatim", "ORG", "Jatim", "LOC"))
    a2 = _extraction("a2", praise("Golkar", "ORG", "Iran", "LOC"))
    index = resolve_actors([a1, a2])
    assert _actor_of(index, a2, "Golkar") != _actor_of(index, a1, "Golkar Jatim")


def test_actors_a_region_owns_only_the_institutions_every_region_has() -> None:
    """In an article naming "Golkar Jabar", a bare "Golkar" is the party, not its branch: it stays one actor across
    articles that name other branches; a bare "Polda" is the article's "Polda Jatim"."""
    a1 = _extraction("a1", praise("Golkar", "ORG", "Jabar", "LOC"), praise("Golkar Jabar", "ORG", "Iran", "LOC"))
    a2 = _extraction("a2", praise("Golkar", "ORG", "Gorontalo", "LOC"), praise("Golkar Gorontalo", "ORG", "Iran", "LOC"))
    a3 = _extraction("a3", praise("Polda", "ORG", "Jatim", "LOC"), praise("Polda Jatim", "ORG", "Iran", "LOC"))
    index = resolve_actors([a1, a2, a3])
    party = _actor_of(index, a1, "Golkar")
    assert party == _actor_of(index, a2, "Golkar")
    assert party not in {_actor_of(index, a1, "Golkar Jabar"), _actor_of(index, a2, "Golkar Gorontalo")}
    assert _actor_of(index, a3, "Polda") == _actor_of(index, a3, "Polda Jatim")


def test_actors_organisation_with_two_possible_owners_stays_apart() -> None:
    a1 = _extraction("a1", praise("Kementerian Luar Negeri Turki", "ORG", "Iran", "LOC"))
    a2 = _extraction("a2", praise("Kementerian Luar Negeri Mesir", "ORG", "Iran", "LOC"))
    a3 = _extraction("a3", praise("Kementerian Luar Negeri", "ORG", "Libanon", "LOC"))
    index = resolve_actors([a1, a2, a3])
    slugs = {
        _actor_of(index, ex, name)
        for ex, name in (
            (a1, "Kementerian Luar Negeri Turki"),
            (a2, "Kementerian Luar Negeri Mesir"),
            (a3, "Kementerian Luar Negeri"),
        )
    }
    assert len(slugs) == 3


def test_actors_organisation_suffix_that_is_no_owner_is_another_organisation() -> None:
    a1 = _extraction(
        "a1", praise("Partai Demokrat Baru", "ORG", "Iran", "LOC"), praise("Partai Demokrat", "ORG", "Libanon", "LOC")
    )
    index = resolve_actors([a1])
    assert _actor_of(index, a1, "Partai Demokrat") != _actor_of(index, a1, "Partai Demokrat Baru")


def test_actors_one_name_read_as_organisation_and_place_is_one_actor() -> None:
    a1 = _extraction("a1", praise("Tel Aviv", "ORG", "Iran", "LOC"))
    a2 = _extraction("a2", praise("Mesir", "LOC", "Tel Aviv", "LOC"))
    index = resolve_actors([a1, a2])
    assert _actor_of(index, a1, "Tel Aviv") == _actor_of(index, a2, "Tel Aviv")
    assert any(m.rule == "same-name-other-kind" for m in index.merges)


def test_actors_person_and_place_namesakes_stay_apart() -> None:
    a1 = _extraction("a1", praise("Jordan", "PER", "Iran", "LOC"))
    a2 = _extraction("a2", praise("Mesir", "LOC", "Jordan", "LOC"))
    index = resolve_actors([a1, a2])
    assert _actor_of(index, a1, "Jordan") != _actor_of(index, a2, "Jordan")


def test_actors_spelling_variant_in_one_article_is_the_same_person() -> None:
    ex = _extraction("a1", praise("Ali Baghi Kani", "PER", "Libanon", "LOC"), praise("Kane", "PER", "Iran", "LOC"))
    index = resolve_actors([ex])
    assert _actor_of(index, ex, "Kane") == _actor_of(index, ex, "Ali Baghi Kani") == "ali-baghi-kani"
    assert ("ali-baghi-kani", "kane", "spelling-variant-in-article") in {(m.actor, m.name, m.rule) for m in index.merges}


def test_actors_spelling_variants_of_a_full_name_across_kinds_are_one_actor() -> None:
    first, second = praise("Ikhawanul Muslimin", "PER", "Libanon", "LOC"), praise("Ikhwanul Muslimin", "ORG", "Iran", "LOC")
    ex = _extraction("a1", first, second)
    index = resolve_actors([ex])
    assert _actor_of(index, ex, "Ikhawanul Muslimin") == _actor_of(index, ex, "Ikhwanul Muslimin")


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Ahmad Rahman", "Ahmad Rahmat"),  # a consonant: another name
        ("Harry Kane", "Ali Baghi Kani"),  # "Kane" has its exact full name
    ],
)
def test_actors_namesakes_that_differ_in_spelling_stay_apart(first: str, second: str) -> None:
    short = first.split()[-1]
    ex = _extraction(
        "a1", praise(first, "PER", "Libanon", "LOC"), praise(second, "PER", "Iran", "LOC"), praise(short, "PER", "Mesir", "LOC")
    )
    index = resolve_actors([ex])
    assert _actor_of(index, ex, first) != _actor_of(index, ex, second)
    assert _actor_of(index, ex, short) == _actor_of(index, ex, first)
    assert not [m for m in index.merges if m.rule == "spelling-variant-in-article"]


def test_actors_organisation_short_forms_and_owner_country_are_one_name() -> None:
    a1 = _extraction("a1", praise("Kemlu RI", "ORG", "Filipina", "LOC"))
    a2 = _extraction("a2", praise("Kementerian Luar Negeri Indonesia", "ORG", "Malaysia", "LOC"))
    index = resolve_actors([a1, a2])
    assert _actor_of(index, a1, "Kemlu RI") == _actor_of(index, a2, "Kementerian Luar Negeri Indonesia")


def test_actors_bare_short_form_joins_the_owned_name_of_its_article() -> None:
    ex = _extraction(
        "a1", praise("Kementerian Luar Negeri Turki", "ORG", "Belanda", "LOC"), praise("Kemlu", "ORG", "Uni Eropa", "ORG")
    )
    index = resolve_actors([ex])
    assert _actor_of(index, ex, "Kemlu") == _actor_of(index, ex, "Kementerian Luar Negeri Turki")


def test_actors_organisation_with_owners_in_the_corpus_joins_the_one_named_in_its_article() -> None:
    a1 = _extraction("a1", praise("Kementerian Luar Negeri RI", "ORG", "Filipina", "LOC"))
    a2 = _extraction("a2", praise("Kementerian Luar Negeri Turki", "ORG", "Belanda", "LOC"))
    a3 = _extraction("a3", praise("Kementerian Luar Negeri", "ORG", "Indonesia", "LOC"))
    a4 = _extraction("a4", praise("Kementerian Luar Negeri", "ORG", "Mesir", "LOC"))
    index = resolve_actors([a1, a2, a3])
    assert _actor_of(index, a3, "Kementerian Luar Negeri") == _actor_of(index, a1, "Kementerian Luar Negeri RI")
    assert any(m.rule == "owned-name-owner-in-article" for m in index.merges)
    # named where neither owner is: it stays apart
    index = resolve_actors([a1, a2, a4])
    assert _actor_of(index, a4, "Kementerian Luar Negeri") not in {
        _actor_of(index, a1, "Kementerian Luar Negeri RI"),
        _actor_of(index, a2, "Kementerian Luar Negeri Turki"),
    }


TITLED = """
    # text = Menlu RI Retno Marsudi memuji Filipina.
    1 Menlu Menlu PROPN _ _ 5 nsubj _ ner=O
    2 RI RI PROPN _ _ 1 flat:name _ ner=S-LOC
    3 Retno Retno PROPN _ _ 1 flat:name _ ner=B-PER
    4 Marsudi Marsudi PROPN _ _ 1 flat:name _ ner=E-PER
    5 memuji puji VERB _ _ 0 root _ ner=O
    6 Filipina Filipina PROPN _ _ 5 obj _ ner=S-LOC
    7 . . PUNCT _ _ 5 punct _ ner=O
"""


def test_actors_title_without_owner_takes_the_one_owner_the_corpus_gives() -> None:
    a1 = _extraction("a1", TITLED)
    country = "2 RI RI PROPN _ _ 1 flat:name _ ner=S-LOC"
    untitled = TITLED.replace("Menlu RI", "Menlu Bu").replace(country, "2 Bu bu PROPN _ _ 1 flat:name _ ner=O")
    a2 = _extraction("a2", untitled)
    a3 = _extraction("a3", TITLED.replace("Menlu RI", "Menlu Mesir").replace("RI RI", "Mesir Mesir"))
    [role_a2] = [r for m in a2.mentions for r in m.roles]
    assert (role_a2.title, role_a2.of, role_a2.of_text) == ("Menteri Luar Negeri", None, None)
    index = resolve_actors([a1, a2])
    owner = index.role_owner("retno-marsudi", "Menteri Luar Negeri")
    assert owner is not None and owner.country_code == "ID"
    # two owners in the corpus: none is taken
    assert resolve_actors([a1, a3]).role_owner("retno-marsudi", "Menteri Luar Negeri") is None


def test_actors_honorifics_as_written_are_an_alias_not_the_name() -> None:
    ex = _extraction("a1", praise("Sheikh Tamim", "PER", "Iran", "LOC"))
    [tamim] = [m for m in ex.mentions if m.kind == "Person"]
    assert (tamim.text, tamim.written) == ("Tamim", "Sheikh Tamim")
    actor = resolve_actors([ex]).actors["tamim"]
    assert (actor.name, actor.aliases) == ("Tamim", ("Sheikh Tamim", "Tamim"))


def test_actors_a_name_with_its_one_classifier_is_the_name_without_it() -> None:
    """ "Partai Golkar" in one article and "Golkar" in another are one party; "Bogor" stays apart from "Kota Bogor"
    and "Kabupaten Bogor", two places."""
    a1 = _extraction("a1", praise("Partai Golkar", "ORG", "Iran", "LOC"), praise("Kota Bogor", "LOC", "Iran", "LOC"))
    a2 = _extraction("a2", praise("Golkar", "ORG", "Libanon", "LOC"), praise("Bogor", "LOC", "Iran", "LOC"))
    a3 = _extraction("a3", praise("Kabupaten Bogor", "LOC", "Iran", "LOC"))
    index = resolve_actors([a1, a2, a3])
    assert _actor_of(index, a2, "Golkar") == _actor_of(index, a1, "Partai Golkar")
    assert any(m.rule == "classifier-name" for m in index.merges)
    places = {_actor_of(index, a1, "Kota Bogor"), _actor_of(index, a2, "Bogor"), _actor_of(index, a3, "Kabupaten Bogor")}
    assert len(places) == 3
