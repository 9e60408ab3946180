"""`screening.monitor.narrow.WordGate`: a query it turns away has no candidate in the index,
so a re-screening against new entries finds what the index alone finds; and it turns most
rows away."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from screening.index import NameIndex
from screening.lists import load_list
from screening.match import DEFAULT_THRESHOLD, ListMatcher, name_query
from screening.models import ListEntry, ListSnapshot, Supplier
from screening.monitor.narrow import WordGate

LISTED = (
    "Inspur Taiwan Co., Ltd.",
    "International Holdings Group Limited",  # generic words only
    "Acme Rocket Works",
    "Mohammad Ali Rezaei",  # a person
    "Beijing Zhiyuan Research Institute",
    "Ocean Network Express",
    "Zeta Global Holdings Group",  # one informative word, three generic ones
)
PERSONS = frozenset({"Mohammad Ali Rezaei"})
QUERIES = (
    "InspurTaiwan",  # the same letters cut elsewhere: found only by rule 3
    "Inspur Tai Wan",
    "Holdings Group International Ltd",  # generic words only: rule 2
    "Global Holdings Group",
    "Acme Rockets",
    "Acmee Rocket Works",
    "Acme Rocket Works - Dubai Branch",  # a qualifier: always asked
    "Rezaei Mohammad Ali",
    "Mr Mohammad Rezaei",
    "Ali Rezaei",  # a person's name reached: the index bounds it
    "Zeta Holdings",  # within the bound only with the listed name's generic words
    "Zeta Holdings Group International",  # ... and with the query's
    "Zeta Robotics",  # an informative word met, the bound out of reach
    "Zeta Industries Technology Trading",  # within it only by generic words met by none
    "浪潮台湾",  # Chinese: always asked
    "Blue Ocean Furniture",
    "Rezaei Trading",
    "Vanguard Total Bond Fund",
    "Northern Trust Corp",
    "",
)


def _snapshot(*names: str) -> ListSnapshot:
    entries = tuple(
        ListEntry(
            entry_id=f"e{i}",
            source="SDN",
            name=n,
            entity_type="Individual" if n in PERSONS else "Entity",
        )  # fmt: skip
        for i, n in enumerate(names)
    )
    return ListSnapshot(name="t.csv", path=Path("t.csv"), sha256="0" * 64, format="csl-csv",
                        entries=entries, data_date=date(2025, 1, 1))  # fmt: skip


def _compare(snapshot: ListSnapshot, queries: list[str], floors: tuple[float, ...]) -> int:
    """Check the gate against the index alone; returns how many queries it turned away."""
    plain = ListMatcher([snapshot])
    gated = ListMatcher([snapshot])
    assert isinstance(gated.source, NameIndex)
    gate = WordGate(gated.source)
    gated.source = gate
    turned_away = 0
    for floor in floors:
        for row, name in enumerate(queries, start=1):
            query = name_query(name)
            if query.skip_reason:
                continue
            index_says = set(plain.source.candidates(query.form, floor))
            gate_says = set(gate.candidates(query.form, floor))
            assert gate_says == index_says, (name, floor)
            turned_away += not gate_says and not index_says and not gate.may_meet(query.form, floor)
            supplier = Supplier(row=row, name=name)
            assert [
                (m.entry.entry_id, m.score) for m in gated.match(supplier, min_score=floor)
            ] == [(m.entry.entry_id, m.score) for m in plain.match(supplier, min_score=floor)], (
                name,
                floor,
            )
    return turned_away


def test_the_gate_finds_what_the_index_finds_on_hand_made_names():
    turned_away = _compare(_snapshot(*LISTED), list(QUERIES), (DEFAULT_THRESHOLD, 70.0, 50.0))
    assert turned_away >= 2  # the bond fund and Northern Trust at least


def test_a_floor_of_zero_asks_the_index_about_everything():
    matcher = ListMatcher([_snapshot(*LISTED)])
    assert isinstance(matcher.source, NameIndex)
    gate = WordGate(matcher.source)
    form = name_query("Quiet Meadow Bakery").form
    assert not gate.may_meet(form, 85.0)
    assert set(gate.candidates(form, 0.0)) == set(matcher.source.candidates(form, 0.0))


@pytest.mark.shared_data
def test_the_gate_finds_what_the_index_finds_on_the_real_lists(shared_data: Path):
    """200 real entries as the new ones; real company names (SEC registrants), the new
    entries' names slightly misspelt, other listed names and Chinese names as queries."""
    full = load_list(shared_data / "derived" / "real_lists_csl.csv")
    rng = random.Random(18)
    new = rng.sample(list(full.entries), 200)
    others = rng.sample(list(full.entries), 300)
    tickers = json.loads((shared_data / "negatives" / "sec_company_tickers.json").read_text())
    companies = rng.sample(sorted({v["title"] for v in tickers.values()}), 1500)
    misspelt = [e.name[:-1] + ("x" if e.name[-1:] != "x" else "y") for e in new]
    joined = [e.name.replace(" ", "", 1) for e in new]
    queries = companies + misspelt + joined + [e.name for e in new + others]
    turned_away = _compare(replace(full, entries=tuple(new)), queries, (DEFAULT_THRESHOLD,))
    assert turned_away > len(companies) // 2
