"""The benchmark scripts' own logic: the labelled set's variant rules, its development /
held-out split, and the figures the evaluation scripts compute from scores. The rules are
checked on hand-written names; one test builds the real set from ../shared/data and skips
without it."""

from __future__ import annotations

import random
import re
import sys
from collections import defaultdict
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import eval_full
import eval_name_bench
import labelled_companies as companies
import labelled_persons as persons
import labelled_set as ls
import scoring

from screening.models import ListEntry


def entry(name: str, *, countries: tuple[str, ...] = (), kind: str = "Entity", **more) -> ListEntry:
    return ListEntry(
        entry_id=more.pop("entry_id", "t-1"),
        source="test",
        name=name,
        entity_type=kind,
        countries=countries,
        **more,
    )


def all_made(generate, listing: ListEntry, name: str | None = None, tries: int = 60) -> list:
    """What a generator makes over many seeds (it draws its choices at random)."""
    made = [generate(listing, name or listing.name, random.Random(i)) for i in range(tries)]
    return [m for m in made if m is not None]


# -- the split ---------------------------------------------------------------------------


def test_half_is_fixed_by_the_listing_and_near_even():
    keys = [f"company {i}" for i in range(2000)]
    halves = [ls.half_of(k) for k in keys]
    assert halves == [ls.half_of(k) for k in keys]  # the same on every call
    assert set(halves) == {ls.DEV, ls.HELDOUT}
    assert 0.45 < halves.count(ls.HELDOUT) / len(halves) < 0.55


def test_every_variant_of_a_listing_falls_in_its_listings_half():
    builder = ls._Builder({})
    listing = entry("Nord Trading Company", countries=("RU",))
    for variant in ("branch_qualifier", "trade_abbreviation", "typo"):
        for made in all_made(ls.COMPANY_GENERATORS[variant], listing, tries=5):
            builder.add(variant, made, listing, listing.name, "T")
    assert builder.queries
    assert {q.half for q in builder.queries} == {ls.half_of(ls._key(listing.name))}
    assert {q.listing for q in builder.queries} == {"t-1"}


def test_in_half_keeps_one_half_or_all():
    queries = [
        ls.LabelledQuery("a", ls.POSITIVE, "typo", ("x",), "", half=ls.DEV),
        ls.LabelledQuery("b", ls.POSITIVE, "typo", ("x",), "", half=ls.HELDOUT),
    ]
    assert [q.query for q in ls.in_half(queries, ls.HELDOUT)] == ["b"]
    assert [q.query for q in ls.in_half(queries, "all")] == ["a", "b"]


# -- company classes --------------------------------------------------------------------


def test_branch_qualifier_keeps_the_whole_name_and_adds_a_place_or_office():
    listing = entry("Hangzhou Hikvision Digital Technology Co., Ltd.", countries=("CN",))
    made = all_made(companies.branch_variant, listing)
    assert all(m.query.startswith(listing.name) and len(m.query) > len(listing.name) for m in made)
    english = [m.query[len(listing.name) :] for m in made if m.rule == "branch_english"]
    assert any(re.search(r"Branch|Office|\(", q) for q in english)
    chinese = [m.query for m in made if m.rule == "branch_chinese"]
    assert chinese and all(re.search(r"(分公司|代表处|办事处)$", q) for q in chinese)


def test_branch_place_prefers_the_listings_own_city():
    listing = entry("Aerocaribbean Airlines", addresses=("Havana, CU",), countries=("CU",))
    places = {companies.branch_place(listing, random.Random(i)) for i in range(30)}
    assert "Havana" in places


def test_trade_abbreviations_come_from_the_table():
    listing = entry("Orient Trading and Engineering Services Company")
    made = all_made(companies.trade_abbreviation_variant, listing)
    assert made
    for m in made:
        assert re.search(r"\b(TRDG|ENGG|ENGRG|SVCS|SERVS|CO|COMP)\b", m.query.upper())
        assert "ORIENT" in m.query.upper()
    assert companies.trade_abbreviation_variant(entry("Nord"), "Nord", random.Random(1)) is None


def test_legal_form_in_full_follows_the_listings_country():
    siemens = entry("Siemens AG", countries=("DE",))
    queries = {m.query for m in all_made(companies.legal_form_full_variant, siemens)}
    assert {"Siemens Aktiengesellschaft", "SiemensAG"} <= queries
    # AG is a German, Austrian or Swiss form: a listing elsewhere is not given it in full.
    assert not all_made(companies.legal_form_full_variant, entry("Acme AG", countries=("IR",)))
    nord = entry("OOO Nord", countries=("RU",))
    queries = {m.query for m in all_made(companies.legal_form_full_variant, nord)}
    assert "Obshchestvo s Ogranichennoy Otvetstvennostyu Nord" in queries
    assert "ObshchestvosOgranichennoyOtvetstvennostyu Nord" in queries


def test_numbers_in_words_ordinals_and_roman_numerals():
    assert companies.number_words(44) == "forty-four"
    assert companies.number_words(3) == "three"
    assert companies.ordinal_words(22) == "twenty-second"
    assert companies.ordinal_words(40) == "fortieth"
    assert companies.ordinal_suffix(1) == "1st"
    assert companies.ordinal_suffix(11) == "11th"
    assert companies.ordinal_suffix(23) == "23rd"
    assert companies.roman(14) == "XIV"

    def queries(name: str) -> set[str]:
        return {m.query for m in all_made(companies.numbers_variant, entry(name))}

    assert queries("Plant 44") == {"Plant Forty-Four", "Plant Forty Four"}
    assert queries("FIRST BRANCH OF THE COURT") == {"1st BRANCH OF THE COURT"}
    assert queries("Pyramid Three Holding") == {"Pyramid 3 Holding"}
    assert queries("Ocean II Shipping") == {"Ocean 2 Shipping"}
    assert queries("Building 1.5 Complex") == set()  # a figure, not a number word's place


def test_two_edits_change_one_long_word_twice():
    listing = entry("Tekhnopromeksport Company")
    for m in all_made(companies.two_edit_variant, listing):
        word = m.query.split()[0]
        assert m.query.endswith(" Company") and word != "Tekhnopromeksport"
        assert abs(len(word) - len("Tekhnopromeksport")) <= 2
    assert companies.two_edit_variant(entry("Nord Ltd"), "Nord Ltd", random.Random(1)) is None


# -- persons ------------------------------------------------------------------------------


def lavrov() -> persons.Person:
    listed = entry("LAVROV, Sergey Viktorovich", kind="Individual", nationalities=("RU",))
    person = persons.person_from_listing(listed)
    assert person is not None
    return person


def test_person_parts_and_natural_order():
    person = lavrov()
    assert person.given == ("Sergey", "Viktorovich") and person.surname == ("LAVROV",)
    assert persons.natural(person) == "Sergey Viktorovich Lavrov"
    assert persons.person_from_listing(entry("Nord Trading", kind="Individual")) is None


def test_person_short_initials_title_and_order():
    person = lavrov()
    rng = [random.Random(i) for i in range(40)]
    short = {persons.short_variant(person, r).query.lower() for r in rng}
    assert short == {"sergey lavrov"}
    initials = {persons.initials_variant(person, r).query.lower() for r in rng}
    assert initials <= {"sergey v. lavrov", "sergey v lavrov", "s. v. lavrov", "s v lavrov"}
    assert "sergey v. lavrov" in initials
    titles = {persons.title_variant(person, r).query for r in rng}
    assert all(t.lower().endswith("sergey viktorovich lavrov") for t in titles)
    assert persons.order_variant(person, rng[0], True).query.lower() == "sergey viktorovich lavrov"


def test_second_surname_dropped_only_in_the_two_surname_convention():
    colombian = persons.person_from_listing(
        entry("HERRERA BUITRAGO, Helmer", kind="Individual", nationalities=("CO",))
    )
    made = {persons.short_variant(colombian, random.Random(i)).query.lower() for i in range(20)}
    assert made == {"helmer herrera"}
    arab = persons.person_from_listing(
        entry("AL TIKRITI, Rukan", kind="Individual", nationalities=("IQ",))
    )
    assert persons.short_variant(arab, random.Random(1)) is None  # "AL" is no surname


def test_a_korean_listing_is_written_family_name_first():
    listed = entry("KANG, Song Nam", kind="Individual", nationalities=("KP",))
    person = persons.person_from_listing(listed)
    assert person is not None and person.family_first
    assert persons.natural(person) == "Kang Song Nam"
    assert persons.short_variant(person, random.Random(1)) is None


def test_family_name_first_keeps_the_given_name_whole():
    korean = persons.Person(entry("KIM SE GON"), ("SE", "GON"), ("KIM",), (), True, ("KP",))
    assert persons.short_variant(korean, random.Random(1)) is None
    assert persons.initials_variant(korean, random.Random(1)) is None
    assert persons.natural(korean) == "Kim Se Gon"


# -- romanisations and scripts ----------------------------------------------------------


def test_cyrillic_from_bgn_pcgn_and_the_ukrainian_system():
    assert persons.to_cyrillic("Sergey") == "Сергей"
    assert persons.to_cyrillic("Viktorovich") == "Викторович"
    assert persons.to_cyrillic("Natalya") == "Наталья"
    assert persons.to_cyrillic("Vasilyev") == "Васильев"
    assert persons.to_cyrillic("Khodorkovsky") == "Ходорковский"
    assert persons.to_cyrillic("OTVETSTVENNOSTYU") == "ОТВЕТСТВЕННОСТЬЮ"
    assert persons.to_cyrillic("Aviatsii", company=True) == "Авиации"
    assert persons.to_cyrillic("Serhii", ukrainian=True) == "Сергій"
    assert persons.to_cyrillic("Yuliia", ukrainian=True) == "Юлія"
    made = persons.cyrillic_company(
        "Joint Stock Company Kontsern Avtomatika", ("RU",), frozenset({"company"})
    )
    assert made and made.query == "Акционерное общество Концерн Автоматика"
    # An English word cannot be written back by a table: no Cyrillic variant.
    english = frozenset({"research", "institute"})
    assert persons.cyrillic_company("AO Research Institute", ("RU",), english) is None
    # Spelled with letters BGN/PCGN does not use for Russian: not a romanisation either.
    assert persons.cyrillic_company("KALASHNIKOV CONCERN", ("RU",), frozenset()) is None
    # Each part of a hyphenated word is looked up.
    assert (
        persons.cyrillic_company("VR-Technologies LLC", ("RU",), english | {"technologies"}) is None
    )


def test_wade_giles_for_pinyin_names():
    assert persons.split_pinyin("jinping") == ["jin", "ping"]
    assert persons.split_pinyin("smith") is None
    made = {persons.wade_giles_variant("Xi Jinping", random.Random(i)).query for i in range(20)}
    assert made == {"Hsi Chin-p'ing", "Hsi Chin-ping"}
    assert persons.wade_giles_variant("Mao Zedong", random.Random(1)).query == "Mao Tse-tung"


def test_romanisation_follows_the_names_country():
    def anyword(word: str, family: str) -> bool:
        return True

    arabic = set()
    for i in range(40):
        made = persons.romanisation_variant(
            "Mohammed Hassan", ("IQ",), random.Random(i), anyword, person=True
        )
        assert made is not None and made.query != "Mohammed Hassan"
        arabic.add(made.query.split()[0])
    assert {"Muhammad", "Mohamed"} & arabic
    russian = {
        persons.romanisation_variant("Sergey Lavrov", ("RU",), random.Random(i), anyword,
                                     person=True).query
        for i in range(40)
    }  # fmt: skip
    assert "Sergei Lavrov" in russian
    assert persons.romanisation_variant("John Smith", ("US",), random.Random(1), anyword,
                                        person=True) is None  # fmt: skip


# -- figures --------------------------------------------------------------------------------


def test_pinyin_runs_hold_every_distinctive_word_of_a_listed_name():
    listed = [
        entry("Huahai Qingke", entry_id="el-1"),
        entry("Beijing Geling Shentong Information Technology Co., Ltd.", entry_id="el-2"),
        entry("Chengdu Huawei Technologies Co., Ltd.", entry_id="el-3"),
    ]
    generic = frozenset({"beijing", "information", "technology", "chengdu", "huawei",
                         "technologies"})  # fmt: skip
    runs = ls._pinyin_runs(listed, generic)
    assert runs["huahaiqingke"] == {"el-1"}
    assert runs["gelingshentong"] == {"el-2"}
    assert runs["beijinggelingshentonginformation"] == {"el-2"}
    assert "geling" not in runs  # one distinctive word of two
    assert not any("el-3" in ids for ids in runs.values())  # nothing distinctive at all


def test_weighted_recall_uses_the_class_shares():
    recall = {"case_punct": 1.0, "branch_qualifier": 0.0}
    expected = ls.CLASS_SHARES["case_punct"] / (
        ls.CLASS_SHARES["case_punct"] + ls.CLASS_SHARES["branch_qualifier"]
    )
    assert ls.weighted_recall(recall) == pytest.approx(expected)
    assert sum(ls.CLASS_SHARES.values()) == pytest.approx(100)
    assert set(ls.CLASS_SHARES) == set(ls.VARIANT_TYPES)


def test_eval_full_summary_leaves_out_classes_with_their_own_target():
    def scored(variant: str, score: float, kind: str = ls.POSITIVE) -> eval_full.Scored:
        query = ls.LabelledQuery("q", kind, variant, ("e",) if kind == ls.POSITIVE else (), "")
        return eval_full.Scored(query, score)

    results = [
        scored("typo", 90.0),
        scored("typo", 50.0),
        scored("chinese_script", 0.0),
        scored("plain", 86.0, ls.NEGATIVE),
        scored("plain", 10.0, ls.NEGATIVE),
    ]
    weighted, per_query, per_1000, per_class = eval_full.summary(results, 85.0)
    assert weighted == pytest.approx(0.5) and per_query == pytest.approx(0.5)
    assert per_1000 == pytest.approx(500.0)
    assert per_class["chinese_script"] == (0, 1)


def test_name_bench_confusion_and_f1():
    def case(is_match: bool, score: float) -> eval_name_bench.Case:
        return eval_name_bench.Case("g", "Person", "a", "b", is_match, "MEDIUM", "", score)

    cases = [case(True, 90), case(True, 80), case(False, 86), case(False, 10)]
    c = eval_name_bench.confusion(cases, 85.0)
    assert (c.tp, c.fp, c.tn, c.fn) == (1, 1, 1, 1)
    assert c.precision == c.recall == c.f1 == pytest.approx(0.5)
    assert eval_name_bench.entity_type("Person") == scoring.INDIVIDUAL
    assert eval_name_bench.entity_type("Company") == scoring.ENTITY


def test_pair_score_screens_a_name_against_a_list_of_one():
    assert scoring.pair_score("Olaf Scholz", "Olaf Scholz", scoring.INDIVIDUAL) == 100.0
    assert scoring.pair_score("Angela Merkel", "Olaf Scholz", scoring.INDIVIDUAL) < 85.0


@pytest.mark.parametrize("script", ["eval_full", "eval_name_bench", "eval_chinese"])
def test_scripts_skip_without_the_data(script, tmp_path, capsys):
    module = __import__(script)
    try:
        code = module.main(["--data", str(tmp_path)])
    except SystemExit as stop:
        code = stop.code
    assert code == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("skipped: ")


# -- the real set --------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.shared_data
def test_real_set_has_every_class_in_both_halves_and_never_splits_a_listing(shared_data):
    from screening.lists import load_list

    snapshot = load_list(shared_data / ls.LIST_FILE)
    labelled = ls.build_labelled_set(shared_data, snapshot.entries)
    positives = labelled.of(ls.POSITIVE)
    for variant in ls.VARIANT_TYPES:
        halves = {q.half for q in positives if q.variant == variant}
        assert halves == {ls.DEV, ls.HELDOUT}, variant
    by_listing: dict[str, set[str]] = defaultdict(set)
    for q in positives:
        by_listing[q.listing].add(q.half)
    assert all(len(halves) == 1 for halves in by_listing.values())
    assert {q.half for q in labelled.of(ls.NEGATIVE)} == {ls.DEV, ls.HELDOUT}
    ids = {e.entry_id for e in snapshot.entries}
    assert all(q.against or set(q.expected) <= ids and q.expected for q in positives)


@pytest.mark.shared_data
def test_synthetic_person_negatives_are_read_with_their_script(shared_data):
    queries = ls.synthetic_person_negatives(shared_data)
    if not queries:
        pytest.skip("yente's synthetic person names not present")
    assert len(queries) <= ls.SYNTHETIC_PERSONS * len(ls.SYNTHETIC_PERSON_FILES)
    assert {q.kind for q in queries} == {ls.NEGATIVE}
    assert {q.half for q in queries} == {ls.DEV, ls.HELDOUT}
    scripts = {q.note for q in queries}
    assert {"LATIN", "ARABIC", "HANGUL"} <= scripts


def test_plurals_folded_only_for_the_listed_test_of_a_shares():
    assert ls._plurals_folded("haige communications group") == "haige communication group"
    assert ls._plurals_folded("swiss glass works") == "swiss glass work"  # ss kept
    assert ls._plurals_folded("ges bus") == "ges bus"  # short words kept
