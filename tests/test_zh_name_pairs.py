"""Chinese company names against listings, as data: `tests/cases/zh_name_pairs.csv` holds
pairs labelled by what is true (the same party or not), each with the rule of
screening/chinese.py it exercises; every pair must land on its side of the default gate."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from screening.match import DEFAULT_THRESHOLD, score_pair
from screening.normalize import name_form

CASES = Path(__file__).parent / "cases" / "zh_name_pairs.csv"
RULES = {"both readings", "names table", "exact pinyin", "branch qualifier"}


def load_pairs() -> list[dict[str, str]]:
    with CASES.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_cases_file_is_well_formed() -> None:
    pairs = load_pairs()
    assert {p["rule"] for p in pairs} == RULES
    assert {p["expected"] for p in pairs} == {"match", "no_match"}
    for rule in RULES:  # each rule with members of its class and the negatives it must avoid
        kinds = [p["expected"] for p in pairs if p["rule"] == rule]
        assert kinds.count("match") >= 3 and kinds.count("no_match") >= 1, rule
    assert all(p["query"] and p["candidate"] and p["note"] for p in pairs)


@pytest.mark.parametrize(
    "pair", load_pairs(), ids=lambda p: f"{p['rule']}: {p['query']} / {p['candidate']}"
)
def test_pair_lands_on_its_side_of_the_gate(pair: dict[str, str]) -> None:
    score = score_pair(name_form(pair["query"]), name_form(pair["candidate"])).score
    if pair["expected"] == "match":
        assert score >= DEFAULT_THRESHOLD, (score, pair["note"])
    else:
        assert score < DEFAULT_THRESHOLD, (score, pair["note"])
