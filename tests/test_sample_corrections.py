"""Facts of the bundled sample list checked against the Entity List text and the Federal
Register records (sources in fixtures/README.md): one test per corrected value."""

from __future__ import annotations

from datetime import date

import pytest

from screening.lists.citations import parse_citations
from screening.lists.ecfr_license import read_license_requirement
from screening.models import EntryStatus
from screening.options import ScreenOptions
from screening.screen import lookup
from screening.status import entry_status

MARCH_2025 = [f"sample-el-{n:03d}" for n in range(1, 13)]  # FR Doc 2025-05427


def entry(sample_list, entry_id):
    return next(e for e in sample_list.entries if e.entry_id == entry_id)


@pytest.mark.parametrize("entry_id", MARCH_2025)
def test_fr_doc_2025_05427_entries_carry_the_footnote_4_license_requirement(sample_list, entry_id):
    listed = entry(sample_list, entry_id)
    assert listed.license_requirement == (
        "For all items subject to the EAR. (See §§ 734.9(e)(2) and 744.11 of the EAR)⁴"
    )
    assert read_license_requirement(listed.license_requirement).footnotes == (4,)
    assert "footnote 4" in listed.remarks and "734.9(e)(2)" in listed.remarks
    assert listed.start_date == date(2025, 3, 25)  # effective before its 2025-03-28 publication


def test_the_zte_entity_list_row_cites_its_listing_not_its_removal(sample_list):
    zte = entry(sample_list, "sample-el-016")
    assert zte.federal_register_notice == "81 FR 12004"  # FR Doc 2016-05104, 2016-03-08
    assert (zte.start_date, zte.end_date) == (date(2016, 3, 8), date(2017, 3, 29))
    assert "82 FR 15458" in zte.remarks  # the removal stays on record, as the removal


@pytest.mark.parametrize("entry_id", ["sample-dpl-001", "sample-dpl-002"])
def test_the_zte_denied_persons_rows_cite_the_denial_order_not_its_termination(
    sample_list, entry_id
):
    denied = entry(sample_list, entry_id)
    assert denied.federal_register_notice == "83 F.R. 17644 4/23/2018"
    (cited,) = parse_citations(denied.federal_register_notice)
    assert cited.published == date(2018, 4, 23)
    assert (denied.start_date, denied.end_date) == (date(2018, 4, 15), date(2018, 7, 13))
    assert "83 FR 34825" in denied.remarks  # the termination order, as such


def test_suma_is_listed_under_its_misspelt_name_and_found_by_the_right_one(sample_list):
    suma = entry(sample_list, "sample-el-010")
    assert suma.name == "Suma Techology Co., Ltd."  # [sic], as the Entity List writes it
    assert suma.aliases[0] == "Suma Technology Co., Ltd."
    found = lookup(
        "Suma Technology Co., Ltd.", [sample_list], ScreenOptions(as_of=date(2025, 4, 1))
    )
    assert found.findings[0].match.entry.entry_id == "sample-el-010"
    assert found.findings[0].match.matched_name == "Suma Technology Co., Ltd."


@pytest.mark.parametrize(
    ("entry_id", "first_address"),
    [
        ("sample-el-013", "Room 605, No. 215 Meiling Avenue, Hefei, CN"),
        ("sample-el-014", "19th Floor, Unit 2, Building 3, No. 15 Danlong Road, Chongqing, CN"),
    ],
)
def test_fr_doc_2025_05426_entries_cite_the_list_page_and_carry_their_addresses(
    sample_list, entry_id, first_address
):
    listed = entry(sample_list, entry_id)
    assert listed.federal_register_notice == "90 FR 14035, 3/28/25"
    assert listed.addresses[0] == first_address
    assert listed.countries == ("CN",)
    # Its effective date is not confirmed: no start date, so it counts as in force on any date.
    assert listed.start_date is None
    assert entry_status(listed, date(2025, 3, 24)) is EntryStatus.IN_FORCE
    assert "not confirmed" in listed.remarks


def test_huawei_carries_the_footnote_1_and_2_license_requirement_of_the_list(sample_list):
    huawei = entry(sample_list, "sample-el-015")
    assert huawei.license_requirement == (
        "For all items subject to the EAR, see §§ 734.9(e)¹ and 744.11 of the EAR²"
    )
    assert read_license_requirement(huawei.license_requirement).footnotes == (1, 2)


@pytest.mark.parametrize("entry_id", ["sample-el-013", "sample-el-014"])
def test_fr_doc_2025_05426_entries_have_the_license_requirement_as_the_list_writes_it(
    sample_list, entry_id
):
    assert entry(sample_list, entry_id).license_requirement == (
        "For all items subject to the EAR. (See § 744.11 of the EAR)"
    )
