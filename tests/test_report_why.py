"""The features of a match (screening/report/why.py): the words that met and by which
rule, the forms compared, the country's points, and a score that is the matcher's own."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from screening.lists import load_list
from screening.match import PARTIAL_NAME_PENALTY, ListMatcher
from screening.models import ListEntry, Supplier
from screening.options import ScreenOptions
from screening.report.why import RULES, features_record, match_features, word_rule
from screening.screen import load_lists, screen_file, screen_suppliers

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "fixtures" / "lists" / "sample_csl.csv"
SUPPLIERS = REPO / "fixtures" / "suppliers.csv"


def test_features_give_the_matchers_score_and_sentence_for_every_fixture_match():
    result, _ = screen_file(
        SUPPLIERS, load_lists([SAMPLE]), ScreenOptions(as_of=date(2025, 3, 26), show_from=60)
    )
    assert len(result.findings) > 34  # near misses too, down to 60
    for finding in result.findings:
        match = finding.match
        found = match_features(match.supplier, match.entry, match.matched_name)
        assert found is not None
        assert found.score == pytest.approx(match.score), match
        assert found.explanation == match.explanation
        assert found.listed_name == match.matched_name


@pytest.mark.parametrize(
    ("a", "b", "person", "rule"),
    [
        ("huawei", "huawei", False, "same"),
        ("technology", "technologies", False, "plural"),
        ("elec", "electronics", False, "abbreviation"),
        ("kontsern", "concern", False, "translation"),  # romanised Russian and English
        ("zavod", "plant", False, "translation"),
        ("huawai", "huawei", False, "typo"),
        ("abdul", "abd", True, "name_form"),
        ("zte", "zta", False, "none"),  # one letter in a short company word is another name
        ("suma", "usi", False, "none"),
        ("=m·h·m·d", "mohamed", True, "consonants"),  # Arabic read by its consonants
        ("=LOAN·g·SZ·p·RL·m", "gazprom", False, "loanword"),  # ガスプロム
    ],
)
def test_word_rule_names_the_rule_that_lets_two_words_meet(a, b, person, rule):
    assert word_rule(a, b, person) == rule
    assert rule in RULES


def entry(name: str, **fields: object) -> ListEntry:
    return ListEntry(entry_id="x-1", source="Entity List (EL) - BIS", name=name, **fields)  # type: ignore[arg-type]


def test_words_read_by_their_consonants_are_shown_as_such():
    found = match_features(Supplier(row=1, name="ガスプロム"), entry("GAZPROM"))
    assert found is not None and found.score >= 85
    assert found.query_words == ("g-s/z-p-r/l-m",)
    assert [(w.query, w.listed, w.rule) for w in found.words] == [
        ("g-s/z-p-r/l-m", "gazprom", "loanword")
    ]
    # The sentence names the reading the score came from, as the matcher's does.
    assert found.explanation.startswith("compared 'g-s/z-p-r/l-m' with 'gazprom'")


def test_words_weights_and_unmet_listed_words():
    found = match_features(
        Supplier(row=1, name="Inspur Electronic Information Co Ltd"),
        entry("Inspur Electronic Information Industry Co., Ltd."),
    )
    assert found is not None
    assert found.query_words == ("inspur", "electronic", "information")
    assert found.listed_words == ("inspur", "electronic", "information", "industry")
    assert [(w.query, w.listed, w.rule) for w in found.words] == [
        ("inspur", "inspur", "same"),
        ("electronic", "electronic", "same"),
        ("information", "information", "same"),
    ]
    assert [w.weight for w in found.words] == [1.0, 0.4, 0.4]  # generic words count less
    assert found.listed_unmet == ("industry",)
    assert found.name_score == found.score < 100


def test_partial_name_penalty_country_points_and_a_qualifier_set_aside():
    found = match_features(
        Supplier(row=1, name="Academy of Aerospace Solid Propulsion Technology", country="CN"),
        # Not the name's own acronym: the name without it is part of the listed name.
        entry("Academy of Aerospace Solid Propulsion Technology (CASC)", countries=("CN",)),
    )
    assert found is not None and found.partial
    assert found.compared_name == "Academy of Aerospace Solid Propulsion Technology"
    assert found.name_score == 100 - PARTIAL_NAME_PENALTY
    assert (found.country.verdict, found.country.points) == ("agrees", 3.0)
    assert found.score == 98.0
    branch = match_features(
        Supplier(row=1, name="Inspur Software Co., Ltd. Shanghai Branch", country="FR"),
        entry("Inspur Software Co., Ltd.", countries=("CN",)),
    )
    assert branch is not None and branch.qualifier == "shanghai branch"
    assert branch.query_words == ("inspur", "software")
    assert branch.country.verdict == "differs" and branch.country.points == 0  # 100 stays


def test_a_chinese_name_says_how_it_was_read():
    found = match_features(
        Supplier(row=1, name="华为技术有限公司", country="CN"),
        entry("Huawei Technologies Co., Ltd.", countries=("CN",)),
    )
    assert found is not None
    assert found.reading and "Chinese" in found.reading
    assert found.query_words == ("huawei", "technology")
    plural = found.words[1]
    assert (plural.listed, plural.rule, plural.similarity) == ("technologies", "plural", 0.95)


def test_record_is_json_ready_with_documented_fields():
    found = match_features(Supplier(row=1, name="Suma Technology Co Ltd"), entry("Suma Techology"))
    assert found is not None
    record = features_record(found)
    assert record["words"][1]["rule"] == "typo" and record["words"][1]["rule_text"] == RULES["typo"]
    assert record["country"]["verdict"] == "not compared"
    assert record["score"] == round(found.score, 2)


def test_nothing_to_compare_gives_none():
    assert match_features(Supplier(row=1, name="Co., Ltd."), entry("Anything Ltd")) is None


@pytest.mark.slow
def test_features_agree_with_the_matcher_on_the_real_lists(shared_data, tmp_path):
    """Chinese and English names of listed Chinese institutions against the real Entity
    List: every match's features give the matcher's own score."""
    lists = load_list(shared_data / "derived" / "real_lists_csl.csv")
    real = replace(lists, entries=tuple(e for e in lists.entries if e.source_code == "EL"))
    with (shared_data / "bilingual" / "zh_en_company_names.csv").open(encoding="utf-8") as f:
        pairs = list(csv.DictReader(f))[:40]
    suppliers = [
        Supplier(row=i + 1, name=name, country="CN")
        for i, name in enumerate(n for p in pairs for n in (p["chinese_name"], p["english_name"]))
    ]
    options = ScreenOptions(as_of=date(2025, 3, 26), show_from=70, jobs=1)
    matcher = ListMatcher([real], cache_dir=tmp_path)
    result = screen_suppliers(suppliers, [real], options, matcher=matcher)
    assert len(result.findings) > 20
    for finding in result.findings:
        match = finding.match
        found = match_features(match.supplier, match.entry, match.matched_name)
        assert found is not None and found.score == pytest.approx(match.score), match
