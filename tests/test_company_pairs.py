"""Company names against listings, as data: `tests/cases/company_pairs.csv` holds pairs
labelled by what is true (the same party or not), each with the rule of the company-name
matcher it exercises. Every query is screened as a user screens it: against a list holding
the listed name alone (its variants, the candidate index and the score), and must land on
its side of the default gate."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from screening.match import DEFAULT_THRESHOLD, ListMatcher
from screening.models import ListEntry, ListSnapshot, Supplier

CASES = Path(__file__).parent / "cases" / "company_pairs.csv"
RULES = {
    "short form",
    "spa before the name",
    "shortened words",
    "shortened legal form",
    "glued legal form",
    "arabic article",
    "courtesy prefix",
    "place initials",
}


def load_pairs() -> list[dict[str, str]]:
    with CASES.open(encoding="utf-8", newline="") as handle:
        rows = (line for line in handle if not line.startswith("#"))
        return list(csv.DictReader(rows))


def screened_score(query: str, listed: str) -> float:
    """The best score `query` gets against a list of the one entity `listed`."""
    entry = ListEntry(entry_id="e-1", source="test", name=listed, entity_type="Entity")
    snapshot = ListSnapshot(
        name="test", path=Path("test.csv"), sha256=listed, format="test", entries=(entry,)
    )
    matches = ListMatcher([snapshot]).match(Supplier(row=1, name=query), min_score=0.0)
    return max((m.score for m in matches), default=0.0)


def test_cases_file_is_well_formed() -> None:
    pairs = load_pairs()
    assert {p["rule"] for p in pairs} == RULES
    for rule in RULES:  # each rule with members of its class and the negatives it must avoid
        kinds = [p["expected"] for p in pairs if p["rule"] == rule]
        assert kinds.count("match") >= 3 and kinds.count("no_match") >= 2, rule
    assert all(p["query"] and p["listed"] and p["note"] for p in pairs)


@pytest.mark.parametrize(
    "pair", load_pairs(), ids=lambda p: f"{p['rule']}: {p['query']} / {p['listed']}"
)
def test_pair_lands_on_its_side_of_the_gate(pair: dict[str, str]) -> None:
    score = screened_score(pair["query"], pair["listed"])
    if pair["expected"] == "match":
        assert score >= DEFAULT_THRESHOLD, (score, pair["note"])
    else:
        assert score < DEFAULT_THRESHOLD, (score, pair["note"])
