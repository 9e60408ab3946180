"""The fields beyond the name compared with the listing's (`screening.evidence`), and how
the matcher uses them (`screening.match.ListMatcher`): an identifier decides, an address
corroborates or makes an address finding, a date of birth or nationality that conflicts
lowers a namesake's score; nothing hides an exact name."""

from __future__ import annotations

from pathlib import Path

import pytest

from screening.evidence import (
    ADDRESS_AGREES_BONUS,
    BIRTH_YEAR_DIFFERS_PENALTY,
    Birth,
    parse_birth,
    settle,
    supplier_facts,
)
from screening.match import ListMatcher
from screening.models import Agreement, Basis, Evidence, ListEntry, ListSnapshot, Supplier

PERSON = ListEntry(
    entry_id="p-1", source="SDN", name="IVANOV, Sergei Petrovich", entity_type="Individual",
    countries=("RU",), dates_of_birth=("1961-03-04", "circa 1965"), nationalities=("Russia",),
)  # fmt: skip
COMPANY = ListEntry(
    entry_id="c-1", source="EL", name="Zenith Microwave Components Co., Ltd.",
    addresses=("Room 605, No. 215 Meiling Avenue, Hefei, CN",), countries=("CN",),
    identifiers=("Legal Entity Number 253400V1H6ART1UQ0N98 (China)",),
)  # fmt: skip
NEIGHBOUR = ListEntry(
    entry_id="c-2", source="EL", name="Orbit Signal Systems Ltd",
    addresses=("No. 215 Meiling Avenue, Room 605, Hefei, CN",), countries=("CN",),
)  # fmt: skip


@pytest.fixture(scope="module")
def matcher() -> ListMatcher:
    snapshot = ListSnapshot("t", Path("t.csv"), "party-evidence-test", "test",
                            (PERSON, COMPANY, NEIGHBOUR))  # fmt: skip
    return ListMatcher([snapshot])


def _best(matcher: ListMatcher, supplier: Supplier, floor: float = 0.0):  # type: ignore[no-untyped-def]
    return {m.entry.entry_id: m for m in matcher.match(supplier, min_score=floor)}


@pytest.mark.parametrize(
    ("text", "listed", "birth"),
    [
        ("1961-03-04", False, Birth(1961, 1961, (1961, 3, 4))),
        ("1961/3/4", False, Birth(1961, 1961, (1961, 3, 4))),
        ("1961年3月4日", False, Birth(1961, 1961, (1961, 3, 4))),
        ("1961-03-04 00:00:00", False, Birth(1961, 1961, (1961, 3, 4))),  # a workbook's date
        ("1961", False, Birth(1961, 1961)),
        ("1961-03", False, Birth(1961, 1961)),
        ("04/03/1961", False, None),  # day or month first? not guessed
        ("circa 1965", True, Birth(1964, 1966)),
        ("1950 to 1955", True, Birth(1950, 1955)),
    ],
)
def test_dates_of_birth(text, listed, birth):
    assert parse_birth(text, listed=listed) == birth


def test_identifier_decides_whatever_the_name(matcher):
    supplier = Supplier(
        1, "Totally Different Trading GmbH", identifiers=(("lei", "253400V1H6ART1UQ0N98"),)
    )
    found = _best(matcher, supplier, 85.0)
    assert list(found) == ["c-1"]
    assert (found["c-1"].score, found["c-1"].basis) == (100.0, Basis.IDENTIFIER)
    assert found["c-1"].explanation.startswith("shares an identifier with Zenith")


def test_a_different_lei_weakens_the_name(matcher):
    alike = Supplier(1, "Zenith Microwave Component Co Ltd")
    other = Supplier(1, "Zenith Microwave Component Co Ltd",
                     identifiers=(("lei", "529900T8BM49AURSDO55"),))  # fmt: skip
    plain, weakened = _best(matcher, alike)["c-1"], _best(matcher, other)["c-1"]
    assert weakened.score == pytest.approx(plain.score - 10)
    (differs,) = [e for e in weakened.evidence if e.field == "identifier"]
    assert differs.agreement is Agreement.DIFFERS


def test_address_corroborates_a_name_and_alone_makes_an_address_finding(matcher):
    address = "Rm 605, 215 Meiling Ave, Hefei"
    near = Supplier(1, "Zenith Microwave Comp Trading", "CN", address=address)
    bare = Supplier(1, "Zenith Microwave Comp Trading", "CN")
    with_address, without = _best(matcher, near), _best(matcher, bare)
    assert with_address["c-1"].score == pytest.approx(
        min(99.0, without["c-1"].score + ADDRESS_AGREES_BONUS)
    )
    stranger = _best(matcher, Supplier(2, "Lotus Garden Supplies", "CN", address=address), 85.0)
    assert {k: m.basis for k, m in stranger.items()} == {"c-1": Basis.ADDRESS, "c-2": Basis.ADDRESS}


def test_birth_and_nationality_move_a_person_s_score(matcher):
    name = "Sergei Petrovich Ivanoff"
    bare = _best(matcher, Supplier(1, name))["p-1"].score
    agrees = _best(matcher, Supplier(1, name, date_of_birth="1961", nationality="RU"))["p-1"]
    differs = _best(matcher, Supplier(1, name, date_of_birth="1980-01-01"), 0.0)["p-1"]
    assert bare < agrees.score <= 99.0
    assert differs.score == pytest.approx(bare - BIRTH_YEAR_DIFFERS_PENALTY)
    circa = _best(matcher, Supplier(1, name, date_of_birth="1966"))["p-1"]
    assert (
        next(e for e in circa.evidence if e.field == "date_of_birth").agreement is Agreement.AGREES
    )


def test_nothing_hides_an_exact_name(matcher):
    exact = Supplier(1, "Sergei Petrovich Ivanov", "US", date_of_birth="1990-01-01",
                     nationality="US")  # fmt: skip
    match = _best(matcher, exact, 85.0)["p-1"]
    assert match.score == 100.0
    assert all(e.points == 0 for e in match.evidence)
    assert settle(100.0, [Evidence("address", Agreement.DIFFERS, "a", "b", -5.0)])[0] == 100.0
    assert settle(97.0, [Evidence("address", Agreement.AGREES, "a", "b", 10.0)])[0] == 99.0


def test_second_name_is_screened_and_named(matcher):
    supplier = Supplier(1, "北极星贸易有限公司", second_name="Zenith Microwave Components Co Ltd")
    match = _best(matcher, supplier, 85.0)["c-1"]
    assert (match.input_column, match.score) == ("second_name", 100.0)


def test_facts_and_warnings():
    facts = supplier_facts(Supplier(3, "x", identifiers=(("duns", "12"),), date_of_birth="3/4/61"))
    assert not facts.identifiers and facts.birth is None
    assert [p.split(" ")[0] for p in facts.problems] == ["D-U-N-S", "date"]
