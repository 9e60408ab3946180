"""screening.compare: one name against another, as strings, scored as a screening run does."""

from __future__ import annotations

import csv
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from screening.compare import explain_names, score_names
from screening.match import ListMatcher
from screening.models import ListEntry, ListSnapshot, Supplier

SUPPLIERS = Path(__file__).resolve().parents[1] / "fixtures" / "suppliers.csv"


def _supplier_names() -> list[str]:
    with SUPPLIERS.open(encoding="utf-8", newline="") as handle:
        return [row["name"] for row in csv.DictReader(handle)]


def test_agrees_with_the_matcher_on_the_bundled_sample(sample_list: ListSnapshot) -> None:
    """Every (supplier name, matched name) pair the matcher scores on the sample, near misses
    included, scores the same through the strings alone (country left out of both)."""
    matcher = ListMatcher([sample_list])
    pairs = 0
    for name in _supplier_names():
        for match in matcher.match(Supplier(row=1, name=name), min_score=50.0):
            person = match.entry.entity_type.lower() == "individual"
            assert score_names(name, match.matched_name, person=person) == match.score, (
                name,
                match.matched_name,
            )
            assert explain_names(name, match.matched_name, person=person) == match.explanation
            pairs += 1
    assert pairs >= 40  # the sample gives dozens of pairs, exact, near and far


def test_partial_listed_names_and_their_penalty_are_the_matcher_s() -> None:
    # Scored against the listed name without its text in parentheses, less 5 points.
    listed = "Inspur (Beijing) Electronic Information Industry Co., Ltd."
    assert score_names("Inspur Electronic Information Industry", listed) == 95.0
    assert "part of the listed name (-5)" in explain_names(
        "Inspur Electronic Information Industry", listed
    )


def test_person_names_use_the_person_rules_as_an_individual_s_entry_does() -> None:
    entry = ListEntry(entry_id="p1", source="t", name="SMITH, John", entity_type="Individual")
    snapshot = ListSnapshot(name="t", path=Path("t"), sha256="0", format="t", entries=(entry,))
    [match] = ListMatcher([snapshot]).match(Supplier(row=1, name="Jon Smith"), min_score=0.0)
    assert score_names("Jon Smith", "SMITH, John", person=True) == match.score == 90.0
    # As a company's name, a short word one letter apart does not count.
    assert score_names("Jon Smith", "SMITH, John") < 85.0


def test_the_supplier_s_country_is_left_out() -> None:
    listed = "Huawei Technologies Co., Ltd."
    name = "Huawei Technologes"
    entry = ListEntry(entry_id="h", source="t", name=listed, countries=("CN",))
    snapshot = ListSnapshot(name="t", path=Path("t"), sha256="0", format="t", entries=(entry,))
    matcher = ListMatcher([snapshot])
    [without] = matcher.match(Supplier(row=1, name=name), min_score=0.0)
    [with_country] = matcher.match(Supplier(row=1, name=name, country="CN"), min_score=0.0)
    assert with_country.score > without.score  # the country bonus
    assert score_names(name, listed) == without.score


def test_names_with_nothing_to_compare_score_zero() -> None:
    for name, listed in [("", "Huawei"), ("Huawei", ""), ("Co., Ltd.", "Huawei Co., Ltd."),
                         ("!!!", "Huawei"), (" ", "  ")]:  # fmt: skip
        assert score_names(name, listed) == 0.0
        assert explain_names(name, listed) == ""
    # A listed name of legal forms only is compared, as in a run, and shares nothing.
    assert score_names("Huawei", "Ltd.") == 0.0


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60), st.booleans())
def test_never_raises_and_stays_in_range(name: str, listed: str, person: bool) -> None:
    score = score_names(name, listed, person=person)
    assert isinstance(score, float)
    assert 0.0 <= score <= 100.0
