"""Scoring names against list entries, and the supplier fixture against the bundled sample."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from screening.inputs import read_suppliers
from screening.lists import load_bundled_sample
from screening.match import (
    COUNTRY_AGREES_BONUS,
    COUNTRY_DIFFERS_PENALTY,
    DEFAULT_THRESHOLD,
    MAX_SCORED_WORDS,
    NO_LETTERS,
    ONLY_LEGAL_FORMS,
    ListMatcher,
    country_adjustment,
    name_query,
    score_pair,
    word_similarity,
)
from screening.models import EMPTY_NAME, ListEntry, ListSnapshot, Supplier
from screening.normalize import name_form, normalize_name
from screening.options import ScreenOptions
from screening.phonetic import PHONETIC_SIMILARITY
from screening.screen import screen_suppliers
from screening.similarity import SHORT_TYPO_SIMILARITY

ROOT = Path(__file__).resolve().parents[1]


def score(a: str, b: str) -> float:
    return score_pair(name_form(a), name_form(b)).score


def snapshot(*entries: ListEntry) -> ListSnapshot:
    return ListSnapshot(name="test.csv", path=Path("test.csv"), sha256="0" * 64,
                        format="csl-csv", entries=entries)  # fmt: skip


@pytest.mark.parametrize(
    ("query", "listed", "why"),
    [
        ("Academy of Artificial Intelligence, Beijing",
         "Beijing Academy of Artificial Intelligence", "word order"),
        ("Huawei Technologies Company Limited", "Huawei Technologies Co., Ltd.", "legal form"),
        ("Huawei Technologies GmbH", "Huawei Technologies Co., Ltd.", "other legal form"),
        ("Huawei Technologes Co., Ltd.", "Huawei Technologies Co., Ltd.", "one letter missing"),
        ("Netrix Information Industry Co Ltd", "Nettrix Information Industry Co., Ltd.",
         "one letter missing"),
        ("Inspur Tai Wan", "Inspur Taiwan", "split word"),
        ("Inspur Taiwan", "Inspur Tai Wan", "joined word"),
        ("ZHUHAI ZHENRONG CO", "Zhu Hai Zhen Rong Company", "joined words, legal form"),
        ("Nordvik Tech nology Co., Ltd.", "Nordvik Technology Co., Ltd.",
         "a word split where its first part is an abbreviation (tech)"),
        ("KelvinTech Co., Ltd.", "Kelvin Tech Co., Ltd.", "an abbreviation joined on"),
        ("Arden Des ign Bureau", "Arden Design Bureau", "a word split at a stop word (des)"),
        ("Tous pour Lapaix", "Tous pour la Paix", "a stop word joined on"),
        ("Kim Myongc Hin", "KIM MYONG CHIN", "a letter moved over a space"),
        ("Jont Stock Company Polar Optics", "Joint Stock Company Polar Optics",
         "a typo in a short word of a legal form"),
    ],
)  # fmt: skip
def test_variants_reach_threshold(query, listed, why):
    assert score(query, listed) >= DEFAULT_THRESHOLD, why


def test_score_is_symmetric_for_word_order():
    a, b = (
        "Academy of Artificial Intelligence, Beijing",
        "Beijing Academy of Artificial Intelligence",
    )
    assert score(a, b) == score(b, a) == 100.0


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Beijing Technology Trading Co., Ltd.", "Beijing Innovation Wisdom Technology Co., Ltd."),
        ("Shenzhen Electronic Equipment Trading Co., Ltd.",
         "Zhongxing Telecommunications Equipment Corporation"),
        ("Inspire Software GmbH", "Inspur Software Co., Ltd."),
        ("ZTF", "ZTE"),  # a one-letter edit in a short word is another name
    ],
)  # fmt: skip
def test_different_names_stay_below_threshold(query, listed):
    assert score(query, listed) < DEFAULT_THRESHOLD


def test_empty_names_score_zero():
    assert score("", "Huawei") == 0.0
    assert score("!!!", "Huawei") == 0.0


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("", EMPTY_NAME),
        (" \t ", EMPTY_NAME),
        ("---", NO_LETTERS),
        ("()", NO_LETTERS),
        ("& / . , #", NO_LETTERS),
        ("\u200b", NO_LETTERS),  # a zero-width space: not blank, but nothing to read
        ("Ltd.", ONLY_LEGAL_FORMS),
        ("Co., Ltd.", ONLY_LEGAL_FORMS),
        ("LLC", ONLY_LEGAL_FORMS),
        ("g.m.b.h", ONLY_LEGAL_FORMS),
        ("Sp. z o.o.", ONLY_LEGAL_FORMS),
        ("Limited Liability Company", ONLY_LEGAL_FORMS),
        ("ООО", ONLY_LEGAL_FORMS),  # Cyrillic
        ("有限公司", ONLY_LEGAL_FORMS),
        ("株式会社", ONLY_LEGAL_FORMS),
        ("The Company", ONLY_LEGAL_FORMS),  # a stop word and a legal form
        ("and", ONLY_LEGAL_FORMS),  # stop words only
        ("of the", ONLY_LEGAL_FORMS),
    ],
)
def test_a_name_with_nothing_to_compare_is_not_screened(name, reason):
    assert name_query(name).skip_reason == reason
    # BIS lists el-1263 with the alias "and" (a stray piece of its alias list): a supplier
    # named "And" met it at 100. Such names now meet nothing, whatever the list holds.
    junk = ListEntry(entry_id="el-x", source="EL", name=name or "-", aliases=("and", "Co Ltd"))
    matcher = ListMatcher([snapshot(junk, HUAWEI)])
    assert matcher.match(Supplier(row=1, name=name), min_score=0.0) == []


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("X", ("x",)),
        ("3M", ("3m",)),
        ("A1 Ltd", ("a1",)),
        ("Bank of", ("bank",)),  # a stop word left out, a word left
        ("AB Volvo", ("volvo",)),
        ("Limited Brands", ("brands",)),
        ("Group", ("group",)),  # generic, but not a legal form
        ("华为技术有限公司", ("huawei", "technology")),
    ],
)
def test_a_name_with_a_word_besides_its_legal_form_is_screened(name, words):
    query = name_query(name)
    assert (query.skip_reason, query.form.tokens) == ("", words)


def test_a_long_name_is_scored_on_its_first_words():
    words = [f"word{i}" for i in range(MAX_SCORED_WORDS * 3)]
    query = name_query(" ".join(words))
    assert query.form.tokens == tuple(words[:MAX_SCORED_WORDS])
    assert (query.words, query.cut) == (MAX_SCORED_WORDS * 3, True)
    whole = name_query(" ".join(words[:MAX_SCORED_WORDS]))
    assert (whole.words, whole.cut) == (MAX_SCORED_WORDS, False)
    # The explanation a reviewer reads compares the words that were scored, no more.
    listed = ListEntry(entry_id="el-w", source="EL", name=" ".join(words[:3]))
    (match,) = ListMatcher([snapshot(listed)]).match(
        Supplier(row=1, name=" ".join(words)), min_score=0.0
    )
    assert f"word{MAX_SCORED_WORDS - 1}'" in match.explanation
    assert f"word{MAX_SCORED_WORDS} " not in match.explanation


ZTE = ListEntry(
    entry_id="el-016",
    source="Entity List (EL) - Bureau of Industry and Security",
    name="Zhongxing Telecommunications Equipment Corporation",
    aliases=("ZTE Corporation", "ZTE Kangxun"),
)
HUAWEI = ListEntry(
    entry_id="el-015",
    source="Entity List (EL) - Bureau of Industry and Security",
    name="Huawei Technologies Co., Ltd.",
    aliases=("Huawei",),
)


def test_best_alias_is_matched_name():
    matcher = ListMatcher([snapshot(HUAWEI, ZTE)])
    matches = matcher.match(Supplier(row=7, name="ZTE Corp."), min_score=DEFAULT_THRESHOLD)
    assert [m.entry.entry_id for m in matches] == ["el-016"]
    match = matches[0]
    assert match.matched_name == "ZTE Corporation"
    assert match.score == 100.0
    assert match.list_name == "test.csv"
    assert match.supplier.row == 7


def test_one_match_per_entry_with_its_best_score():
    matcher = ListMatcher([snapshot(HUAWEI, ZTE)])
    matches = matcher.match(Supplier(row=1, name="Huawei Technologies"), min_score=0.0)
    assert len({m.entry.entry_id for m in matches}) == len(matches)
    best = {m.entry.entry_id: m for m in matches}["el-015"]
    assert best.score == 100.0
    assert best.matched_name == "Huawei Technologies Co., Ltd."
    assert matches == sorted(matches, key=lambda m: -m.score)


def test_min_score_filters_matches():
    matcher = ListMatcher([snapshot(HUAWEI, ZTE)])
    assert matcher.match(Supplier(row=1, name="Robert Bosch GmbH"), min_score=50.0) == []
    assert matcher.match(Supplier(row=1, name="   "), min_score=0.0) == []


def test_explanation_mentions_both_comparable_forms():
    matcher = ListMatcher([snapshot(HUAWEI)])
    query = "Huawei Technologes Company Limited"
    (match,) = matcher.match(Supplier(row=1, name=query), min_score=DEFAULT_THRESHOLD)
    assert normalize_name(query) == "huawei technologes"
    assert "huawei technologes" in match.explanation
    assert normalize_name(match.matched_name) in match.explanation
    assert "huawei technologies" in match.explanation


# --- the supplier fixture against the bundled sample -------------------------------------


def test_supplier_fixture_hits_and_misses():
    with (ROOT / "tests" / "cases" / "suppliers_expected.csv").open(encoding="utf-8") as handle:
        expected = {row["vendor_id"]: row for row in csv.DictReader(handle)}
    suppliers, _ = read_suppliers(ROOT / "fixtures" / "suppliers.csv")
    assert {s.input_id for s in suppliers} == set(expected)
    # Findings from 50 up are kept only to make a failure message informative.
    result = screen_suppliers(
        suppliers, [load_bundled_sample()], ScreenOptions(as_of=date(2025, 3, 26), show_from=50.0)
    )
    assert result.threshold == DEFAULT_THRESHOLD
    by_row: dict[int, dict[str, float]] = {}
    for finding in result.findings:
        scores = by_row.setdefault(finding.match.supplier.row, {})
        scores[finding.match.entry.entry_id] = finding.match.score

    problems = []
    for supplier in suppliers:
        want = expected[supplier.input_id]
        scores = by_row.get(supplier.row, {})
        above = {k: v for k, v in scores.items() if v >= DEFAULT_THRESHOLD}
        shown = ", ".join(f"{k}={v:g}" for k, v in sorted(scores.items(), key=lambda i: -i[1]))
        if want["expected"] == "hit":
            if want["entry_id"] not in above:
                problems.append(f"{supplier.input_id} {supplier.name!r}: expected a hit on "
                                f"{want['entry_id']}, got [{shown}]")  # fmt: skip
        elif above:
            problems.append(f"{supplier.input_id} {supplier.name!r} ({want['expected']}): "
                            f"should not match, got [{shown}]")  # fmt: skip
    assert not problems, f"threshold {DEFAULT_THRESHOLD:g}:\n" + "\n".join(problems)
    assert sum(1 for row in expected.values() if row["expected"] == "hit") == 29


@pytest.mark.parametrize(
    ("score", "country", "listed", "change"),
    [
        (90.0, "CN", ("CN",), COUNTRY_AGREES_BONUS),  # corroborated
        (97.5, "CN", ("HK", "CN"), 1.5),  # lifted to 99 at most: 100 means an exact name
        (99.5, "CN", ("CN",), 0.0),
        (90.0, "US", ("CN",), -COUNTRY_DIFFERS_PENALTY),  # weakened
        (100.0, "US", ("CN",), 0.0),  # an exact name is never lowered by its country
        (90.0, "", ("CN",), 0.0),  # no country in the input
        (90.0, "US", (), 0.0),  # none on the listing
        (90.0, "CN", ("China",), COUNTRY_AGREES_BONUS),  # listings may spell countries out
    ],
)
def test_country_adjustment(score, country, listed, change):
    assert country_adjustment(score, country, listed) == pytest.approx(change)


def test_country_corroborates_or_weakens_but_never_hides_an_exact_name():
    matcher = ListMatcher([load_bundled_sample()])

    def score(name, country):
        (best,) = matcher.match(Supplier(1, name, country), min_score=50)[:1]
        return best.score, best.explanation

    typo = "Huawei Technologes Co Ltd"
    plain, _ = score(typo, "")
    agreeing, why = score(typo, "China")
    differing, why_not = score(typo, "US")
    assert differing == plain - COUNTRY_DIFFERS_PENALTY < plain < agreeing
    assert "country China agrees with the listing's CN (+" in why
    assert "country US differs from the listing's CN (-5)" in why_not
    exact, _ = score("Huawei Technologies Co., Ltd.", "US")
    assert exact == 100.0


@pytest.mark.parametrize(
    ("a", "b", "in_company", "in_person"),
    [
        ("sok", "sko", 0.0, SHORT_TYPO_SIMILARITY),  # swapped letters in a short part
        ("son", "sxon", 0.0, SHORT_TYPO_SIMILARITY),  # a letter added
        # A letter doubled: the same short name written one way (`phonetic.short_name_key`).
        ("son", "sson", 0.0, PHONETIC_SIMILARITY),
        ("abid", "baid", 0.0, SHORT_TYPO_SIMILARITY),  # ratio 75: under the floor
        ("zte", "zta", 0.0, SHORT_TYPO_SIMILARITY),
        ("yu", "yyu", 0.0, 0.0),  # two letters: too short to tell
        ("sok", "sam", 0.0, 0.0),  # two edits
        ("hamid", "hamod", 0.8, 0.8),  # five letters: the same rule for both
    ],
)
def test_short_words_one_edit_apart_count_in_persons_names_only(a, b, in_company, in_person):
    assert word_similarity(a, b) == pytest.approx(in_company)
    assert word_similarity(a, b, person=True) == pytest.approx(in_person)


def test_a_persons_short_name_part_may_carry_a_typo():
    person = ListEntry(entry_id="p1", name="KIM SOK CHOL", source="test", entity_type="Individual")
    company = ListEntry(entry_id="c1", name="SOK TRADING LLC", source="test", entity_type="Entity")
    matcher = ListMatcher([snapshot(person, company)])

    def best(name):
        found = matcher.match(Supplier(1, name), min_score=50)
        return {m.entry.entry_id: m.score for m in found}

    assert best("Kim Sko Chol")["p1"] >= DEFAULT_THRESHOLD
    assert best("Sko Trading LLC").get("c1", 0.0) < DEFAULT_THRESHOLD


def test_a_native_script_alias_meets_the_name_in_either_chinese_script():
    """Lists that carry Chinese-script aliases (OpenSanctions data does) catch the name in
    either script (海康威视 is Hikvision also by the names table, screening/chinese.py)."""
    listed = ListEntry(entry_id="h1", name="Hangzhou Hikvision Digital Technology Co., Ltd.",
                       aliases=("杭州海康威视数字技术股份有限公司",), source="test")  # fmt: skip
    matcher = ListMatcher([snapshot(listed)])
    for name in ("海康威视数字技术股份有限公司", "海康威視數字技術股份有限公司"):
        (found,) = matcher.match(Supplier(1, name), min_score=DEFAULT_THRESHOLD)
        assert found.matched_name in {listed.name, *listed.aliases}, name
        assert found.score >= DEFAULT_THRESHOLD
    assert not matcher.match(Supplier(1, "大华技术股份有限公司"), min_score=DEFAULT_THRESHOLD)


def test_a_long_name_is_cut_before_it_is_normalised():
    """Normalising costs per word: a name of thousands of words (or of thousands of
    characters in a script written without spaces) is cut before, and says so."""
    from screening.match import MAX_SCORED_WORDS, RAW_CHARS_NORMALISED, name_query

    spaced = name_query("Acme Trading " * 5_000)
    assert spaced.cut and spaced.words == 10_000
    assert len(spaced.form.tokens) == MAX_SCORED_WORDS
    unspaced = name_query("华为技术有限公司" * 2_000)
    assert unspaced.cut and len(unspaced.form.tokens) == MAX_SCORED_WORDS
    assert len(unspaced.form.original) <= 16_000 and RAW_CHARS_NORMALISED < 16_000
