"""The entity cell of the Entity List split into name, aliases, addresses and notes: each
form the real text uses, and the verbatim text of 60 real rows (read in place)."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from screening.lists.ecfr_entity import number_word, split_entity_cell

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
REAL_CELLS = DATA / "bis" / "ecfr_docs" / "kaixinol_data.json_partial_entity_list_text.json"

#: Words that only the alias markers use, and so belong to no part.
MARKER_WORDS = {
    "a", "k", "and", "the", "following", "alias", "aliases", "subordinate", "institution",
    "institutions", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
}  # fmt: skip


def words(text: str) -> Counter[str]:
    return Counter(w.lower() for w in re.findall(r"[^\W_]+", text))


def test_the_announced_dash_list_and_the_addresses():
    cell = split_entity_cell(
        "Beijing Academy of Artificial Intelligence, a.k.a., the following four aliases: "
        "—BAAI; —Zhiyuan Research Institute; —Beijing Zhiyuan Artificial Intelligence "
        "Research Institute; and —Zhiyuan. No. 150 Chengfu Road, Haidian District, Beijing, "
        "China; and Building 8 No. 1, B201D-1, 3rd Floor, Zhongguancun East Road, Haidian "
        "District, Beijing, China."
    )
    assert cell.name == "Beijing Academy of Artificial Intelligence"
    assert cell.aliases == (
        "BAAI",
        "Zhiyuan Research Institute",
        "Beijing Zhiyuan Artificial Intelligence Research Institute",
        "Zhiyuan",
    )
    assert cell.stated_aliases == 4
    assert cell.addresses == (
        "No. 150 Chengfu Road, Haidian District, Beijing, China",
        "Building 8 No. 1, B201D-1, 3rd Floor, Zhongguancun East Road, Haidian District, "
        "Beijing, China",
    )


@pytest.mark.parametrize(
    "marker",
    [
        "a.k.a., the following two aliases:",
        "a.k.a, the following two aliases:",
        "a.k.a. the following two aliases:",
        "and the following two aliases:",
        "a.k.a., the following 2 aliases:",
    ],
)
def test_every_way_of_writing_the_alias_marker(marker):
    cell = split_entity_cell(
        f"Example Works, {marker} —EW; and —Works Example. 5 Main Road, Kabul."
    )
    assert (cell.name, cell.aliases, cell.addresses) == (
        "Example Works",
        ("EW", "Works Example"),
        ("5 Main Road, Kabul",),
    )
    assert cell.stated_aliases == 2


def test_a_dash_inside_a_word_does_not_open_an_alias():
    cell = split_entity_cell(
        "Inspur Taiwan, a.k.a., the following three aliases: —Number Media Ltd.; —Inspur "
        "Taiwan—R&D Center; and —Digital Cloud Ltd. No. 16 Xinzhan Rd, New Taipei City, Taiwan."
    )
    assert cell.aliases == ("Number Media Ltd.", "Inspur Taiwan—R&D Center", "Digital Cloud Ltd.")
    assert cell.addresses == ("No. 16 Xinzhan Rd, New Taipei City, Taiwan",)


def test_hyphen_and_en_dash_open_aliases_too():
    cell = split_entity_cell("Example, a.k.a., the following two aliases: -A Co.; and –B Co.")
    assert cell.aliases == ("A Co.", "B Co.")


def test_without_a_period_the_first_address_start_ends_the_last_alias():
    cell = split_entity_cell(
        "Example Institute, a.k.a., the following two aliases: —Example Control Institute "
        "(ECI); and —12th Institute 51 Yong Ding Road, Beijing; and No. 50 Yongding Road, "
        "Haidian District, Beijing 100854"
    )
    assert cell.aliases == ("Example Control Institute (ECI)", "12th Institute")
    assert cell.addresses == (
        "51 Yong Ding Road, Beijing",
        "No. 50 Yongding Road, Haidian District, Beijing 100854",
    )


def test_an_abbreviation_ends_the_list_only_where_an_address_starts():
    cell = split_entity_cell(
        "Example, a.k.a., the following two aliases: —IEIT Systems Co. Ltd.; and —Example "
        "Tech Co. No. 1 Haiying Rd, Beijing"
    )
    assert cell.aliases == ("IEIT Systems Co. Ltd.", "Example Tech Co.")
    assert cell.addresses == ("No. 1 Haiying Rd, Beijing",)


def test_a_nested_aka_is_one_more_alias_and_a_remark_is_a_note():
    cell = split_entity_cell(
        "Example Academy, a.k.a., the following three aliases: —Ninth Academy; —Southwest "
        "Institute (a.k.a., Example Academy (EA)'s 902 Institute); —Institute of Materials; "
        "(all of preceding located in or near Mianyang) —High Power Laboratory, Shanghai. "
        "6 Huayuan Road, Beijing, China; and; 1 Fenghao East Road, Beijing, China."
    )
    assert cell.aliases == (
        "Ninth Academy",
        "Southwest Institute",
        "Example Academy (EA)'s 902 Institute",
        "Institute of Materials",
        "High Power Laboratory, Shanghai",
    )
    assert cell.notes == ("(all of preceding located in or near Mianyang)",)
    assert cell.addresses == (
        "6 Huayuan Road, Beijing, China",
        "1 Fenghao East Road, Beijing, China",
    )


def test_subordinate_institutions_are_names_of_the_entry():
    cell = split_entity_cell(
        "Example Second Academy, a.k.a., the following two aliases, and two subordinate "
        "institutions: —ESA; and —Second Example Academy. Subordinate institution Second "
        "Design Department, a.k.a., the following one alias: —Beijing Design Institute. "
        "Subordinate institution 23rd Research Institute, a.k.a., the following one alias: "
        "—BIRM."
    )
    assert cell.stated_aliases == 2 and cell.main_aliases == 2
    assert cell.aliases == (
        "ESA",
        "Second Example Academy",
        "Second Design Department",
        "Beijing Design Institute",
        "23rd Research Institute",
        "BIRM",
    )
    assert cell.addresses == ()


@pytest.mark.parametrize(
    ("text", "name", "addresses"),
    [
        (
            "Academy of Military Medical Sciences, Field Blood Transfusion Institution, 27 "
            "Taiping Road, Haidian District, Beijing, 100850, China.",
            "Academy of Military Medical Sciences, Field Blood Transfusion Institution",
            ("27 Taiping Road, Haidian District, Beijing, 100850, China",),
        ),
        (  # the name ends before a place word, not only before a number
            "Xinjiang Police College, Xinshi District, Changsha Road, No. 1108, Urumqi, China.",
            "Xinjiang Police College",
            ("Xinshi District, Changsha Road, No. 1108, Urumqi, China",),
        ),
        (  # or before the row's country
            "Example Coöperatief U.A., Netherlands.",
            "Example Coöperatief U.A.",
            ("Netherlands",),
        ),
        ("Example Person", "Example Person", ()),
    ],
)
def test_without_aliases_the_name_ends_where_an_address_begins(text, name, addresses):
    cell = split_entity_cell(text, "Netherlands")
    assert (cell.name, cell.aliases, cell.addresses) == (name, (), addresses)


def test_a_bare_aka_and_a_cross_reference():
    cell = split_entity_cell(
        "Example Shipping Lines, a.k.a. ESL, 100 Port Street, Bandar Abbas, Iran. (See "
        "alternate address under United Arab Emirates.)"
    )
    assert (cell.name, cell.aliases) == ("Example Shipping Lines", ("ESL",))
    assert cell.addresses == ("100 Port Street, Bandar Abbas, Iran",)
    assert cell.notes == ("(See alternate address under United Arab Emirates.)",)


@pytest.mark.parametrize(
    ("word", "number"),
    [("one", 1), ("sixteen", 16), ("twenty-one", 21), ("6", 6), ("thirty", 30), ("many", None)],
)
def test_number_words(word, number):
    assert number_word(word) == number


@pytest.fixture(scope="module")
def real_cells() -> list[dict[str, str]]:
    if not REAL_CELLS.is_file():
        pytest.skip("../shared/data/bis/ecfr_docs/ (kaixinol entity cells) not present")
    return json.loads(REAL_CELLS.read_text(encoding="utf-8"))["entries"]


@pytest.mark.shared_data
def test_sixty_real_cells_lose_no_word_and_invent_none(real_cells):
    assert len(real_cells) == 60
    for entry in real_cells:
        raw = entry["raw"]
        cell = split_entity_cell(raw, "China")
        assert cell.name and raw.startswith(cell.name), raw
        parts = [cell.name, *cell.aliases, *cell.addresses, *cell.notes]
        for part in parts:
            assert " ".join(part.split()) in " ".join(raw.split()), (part, raw)
        found = words(" ".join(parts))
        assert not found - words(raw), raw  # no word made up
        left = set(words(raw) - found)
        assert left <= MARKER_WORDS | {str(cell.stated_aliases)}, (left, raw)  # none lost
        for alias in cell.aliases:
            assert not alias.startswith(("—", "-", "–")) and "a.k.a" not in alias.lower(), alias


@pytest.mark.shared_data
def test_real_alias_counts_match_what_the_list_announces(real_cells):
    """Where the text says "the following N aliases", N aliases come out: in all 49 such
    cells but one, where the list itself announces thirteen and gives fourteen."""
    announced = [
        (e["name"], split_entity_cell(e["raw"], "China"))
        for e in real_cells
        if "the following" in e["raw"]
    ]
    assert len(announced) == 49
    miscounted = {
        name: (c.stated_aliases, c.main_aliases)
        for name, c in announced
        if c.stated_aliases != c.main_aliases
    }
    assert miscounted == {"Tianjin University": (13, 14)}


@pytest.mark.shared_data
def test_real_cells_with_a_missing_period_or_subordinate_institutions(real_cells):
    by_name = {}
    for entry in real_cells:
        cell = split_entity_cell(entry["raw"], "China")
        by_name[cell.name] = cell
    casc = "China Aerospace Science and Technology Corporation (CASC)"
    missing_period = by_name[f"{casc} 1st Academy 12 Research Institute"]
    assert missing_period.aliases == (
        "Beijing Aerospace Automatic Control Institute (BICD)",
        "12th Institute",
    )
    assert missing_period.addresses[0] == "51 Yong Ding Road, Beijing"
    casic = by_name["China Aerospace Science and Industry Corporation Second Academy"]
    assert casic.stated_aliases == casic.main_aliases == 8
    assert {
        "Second Design Department",
        "BIRM",
        "Beijing Institute of Remote Sensing Equipment",
    } <= set(casic.aliases)
    caeit = by_name["China Academy of Electronics and Information Technology"]
    assert caeit.notes == ("(See alternative address under United Kingdom.)",)
    nscc = by_name["National Supercomputing Center Guangzhou (NSCC-GZ), Sun Yat-Sen University"]
    assert nscc.addresses == ("University City, Guangzhou, China",)
