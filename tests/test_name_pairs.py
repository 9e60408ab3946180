"""Matching quality as data: hand-written name pairs scored by `screening.match.score_pair`.

`tests/cases/name_pairs.csv` holds pairs labelled by what is true (the two names are the same
party, or not), not by what the scorer can do today. A few cases are asserted exactly,
because their score follows from the design; the rest are asserted in aggregate.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from screening.match import DEFAULT_THRESHOLD, score_pair
from screening.normalize import name_form

CASES = Path(__file__).parent / "cases" / "name_pairs.csv"

#: Share of true pairs that must score at or above the default threshold.
MIN_POSITIVE_RATE = 0.95
#: Number of false pairs that may score at or above it.
MAX_NEGATIVES_OVER = 1


def load_pairs() -> list[dict[str, str]]:
    with CASES.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def pair_score(query: str, candidate: str) -> float:
    return score_pair(name_form(query), name_form(candidate)).score


def test_cases_file_is_well_formed() -> None:
    pairs = load_pairs()
    assert len(pairs) >= 50
    assert {p["expected"] for p in pairs} == {"match", "no_match"}
    assert all(p["query"] and p["candidate"] and p["note"] for p in pairs)


@pytest.mark.parametrize(
    ("query", "candidate", "score"),
    [
        # Legal forms carry no identity: once removed the names are the same words.
        ("Huawei Technologies Co Ltd", "Huawei Technologies Co., Ltd.", 100.0),
        # OOO is the Russian LLC: both go, in front or behind.
        ("OOO Sirius", "Sirius LLC", 100.0),
        # Word order is free: the same words in another order are the same name.
        ("Melli Bank Iran", "Bank Melli Iran", 100.0),
        # A run of Chinese characters with no gloss is written as one pinyin word.
        ("华为", "Huawei", 100.0),
        # Nothing in common once the legal form is gone.
        ("BELLETECH CORP", "11420 CORP.", 0.0),
    ],
)
def test_explained_cases(query: str, candidate: str, score: float) -> None:
    assert pair_score(query, candidate) == score


@pytest.mark.xfail(
    strict=True,
    reason=(
        "the matcher of 2026-12-01 misses acronyms (SMIC, IRISL, HK), Chinese brand names "
        "(海康威视 -> Hikvision, Shuguang -> Sugon) and "
        "names with words the other lacks (Bank Melli Iran, Hikvision's full name): "
        "43 of 52 true pairs (83%) reach the threshold; the "
        "assertion message lists every failing pair with its score. "
        "Remove this marker when the aggregate passes"
    ),
)
def test_pairs_in_aggregate() -> None:
    pairs = load_pairs()
    scored = [(p, pair_score(p["query"], p["candidate"])) for p in pairs]
    positives = [(p, s) for p, s in scored if p["expected"] == "match"]
    missed = [(p, s) for p, s in positives if s < DEFAULT_THRESHOLD]
    passed = [(p, s) for p, s in scored if p["expected"] == "no_match" and s >= DEFAULT_THRESHOLD]
    rate = 1 - len(missed) / len(positives)

    def lines(rows: list[tuple[dict[str, str], float]]) -> str:
        return "".join(f"\n  {s:5.1f}  {p['query']!r} / {p['candidate']!r}" for p, s in rows)

    message = (
        f"{len(positives) - len(missed)}/{len(positives)} true pairs at or above "
        f"{DEFAULT_THRESHOLD:g} ({rate:.0%}, need {MIN_POSITIVE_RATE:.0%}); missed:"
        f"{lines(missed)}\n{len(passed)} false pairs at or above it "
        f"(at most {MAX_NEGATIVES_OVER}):{lines(passed)}"
    )
    assert rate >= MIN_POSITIVE_RATE and len(passed) <= MAX_NEGATIVES_OVER, message
