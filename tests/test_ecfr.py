"""The eCFR Entity List loader on the hand-made fixture (fixtures/lists/ecfr_part744_*.xml):
rows, inherited countries, footnotes, dated actions and effective dates; malformed XML as
one-line errors; the versioner helpers the update command will use."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from screening.errors import ListDataError
from screening.lists import detect_format, files_sha256, load_list
from screening.lists.ecfr import EL_SOURCE, actions, entity_list_entries, read_entity_list
from screening.lists.ecfr_versions import latest_issue_date, part744_url, version_in_force
from screening.lists.fr_rules import load_fr_rules
from screening.models import EntryStatus
from screening.options import ScreenOptions
from screening.screen import lookup

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lists"
APRIL = FIXTURES / "ecfr_part744_2025-04-01.xml"
MARCH = FIXTURES / "ecfr_part744_2025-03-20.xml"


def by_name(snapshot, name):
    return next(e for e in snapshot.entries if e.name == name)


@pytest.fixture(scope="module")
def april():
    return load_list(APRIL)


def test_the_fixture_is_recognised_by_its_content_and_every_entity_row_read(april):
    assert detect_format(APRIL).key == "ecfr-xml"
    version = read_entity_list(APRIL)
    assert len(version.rows) == april.entry_count == 11
    assert version.reserved_rows == 1  # the "[Reserved]" row holds no entity
    assert {e.source for e in april.entries} == {EL_SOURCE}
    assert {e.source_code for e in april.entries} == {"EL"}
    assert len({e.entry_id for e in april.entries}) == 11


def test_an_empty_country_cell_takes_the_country_of_the_row_above():
    rows = {r.entity.name: r for r in read_entity_list(APRIL).rows}
    assert rows["Example Logistics Group, Industrial Services Division"].country == "AFGHANISTAN"
    anhui = rows["Anhui Kehua Sci-Tech Trading Co., Ltd."]
    assert (anhui.country, anhui.country_code) == ("CHINA, PEOPLE'S REPUBLIC OF", "CN")
    assert rows["Example Research Academy"].country_code == "CN"  # four rows below its country
    assert rows["Example Avia Plant"].country_code == "RU"


def test_the_listing_of_fr_doc_2025_05427_takes_its_effective_date_not_its_publication(april):
    baai = by_name(april, "Beijing Academy of Artificial Intelligence")
    assert baai.start_date == date(2025, 3, 25)
    assert baai.federal_register_notice == "90 FR 14048, 3/28/25."
    assert "listing 90 FR 14048 (published 2025-03-28)" in baai.remarks
    assert "start date 2025-03-25, the effective date of FR Doc 2025-05427" in baai.remarks
    assert baai.aliases == (
        "BAAI",
        "Zhiyuan Research Institute",
        "Beijing Zhiyuan Artificial Intelligence Research Institute",
        "Zhiyuan",
    )
    assert baai.countries == ("CN",)
    # So the list of 2025-04-01 shows it pending on 2025-03-24 and in force from 2025-03-25.
    for day, status in (
        (date(2025, 3, 24), EntryStatus.PENDING),
        (date(2025, 3, 25), EntryStatus.IN_FORCE),
    ):
        result = lookup(
            "Beijing Academy of Artificial Intelligence", [april], ScreenOptions(as_of=day)
        )
        assert [f.status for f in result.findings][:1] == [status]


def test_a_rule_whose_effective_date_is_not_confirmed_keeps_the_publication_date(april):
    anhui = by_name(april, "Anhui Kehua Sci-Tech Trading Co., Ltd.")
    assert anhui.start_date == date(2025, 3, 28)
    assert (
        "the publication date (the effective date of FR Doc 2025-05426 is not confirmed)"
        in anhui.remarks
    )


def test_a_citation_with_no_rule_on_record_is_labelled_a_publication_date(april):
    logistics = by_name(april, "Example Logistics Group, Industrial Services Division")
    assert logistics.start_date == date(2011, 11, 21)
    assert (
        "start date 2011-11-21, the publication date (no effective date on record)"
        in logistics.remarks
    )
    assert "amendment 83 FR 12345 (published 2018-03-02)" in logistics.remarks
    assert "(See alternate address under Pakistan.)" in logistics.remarks
    row = next(r for r in read_entity_list(APRIL).rows if r.entity.name == logistics.name)
    history = actions(row, load_fr_rules())
    assert [(a.kind, a.citation.published, a.effective.basis) for a in history] == [
        ("listing", date(2011, 11, 21), "publication"),
        ("amendment", date(2018, 3, 2), "publication"),
    ]


def test_a_listing_without_a_date_has_no_start_date(april):
    academy = by_name(april, "Example Research Academy")
    assert academy.start_date is None
    assert "no listing date given" in academy.remarks
    assert academy.aliases == (
        "Example Academy of Sciences",
        "EAS",
        "Ninth Example Institute",
        "Example Design Department",
        "EDD",
    )


@pytest.mark.parametrize(
    ("name", "text", "footnotes", "section"),
    [
        (
            "Beijing Academy of Artificial Intelligence",
            "(See §§ 734.9(e)(2) and 744.11 of the EAR)⁴",
            (4,),
            "734.9(e)(2)",
        ),
        (
            "Example Telecom Devices Co., Ltd.",
            "see §§ 734.9(e)¹ and 744.11 of the EAR²",
            (1, 2),
            "734.9(e)(1)",
        ),
        (
            "Example Avia Plant",
            "(See §§ 734.9(g),³ 746.8(a)(3), and 744.21(b) of the EAR)",
            (3,),
            "734.9(g)",
        ),
        ("Example Semiconductor Equipment Co.", "744.11 of the EAR)⁵", (5,), "734.9(e)(3)"),
    ],
)
def test_license_footnotes_are_kept_in_place_and_explained(april, name, text, footnotes, section):
    row = next(r for r in read_entity_list(APRIL).rows if r.entity.name == name)
    assert row.license.footnotes == footnotes
    entry = by_name(april, name)
    assert text in entry.license_requirement
    assert f"Footnote {footnotes[0]} (15 CFR {section}" in entry.remarks


def test_footnote_2_is_named_not_explained_and_the_supplement_text_is_read(april):
    entry = by_name(april, "Example Telecom Devices Co., Ltd.")
    assert "Footnote 2: its text could not be checked" in entry.remarks
    version = read_entity_list(APRIL)
    assert version.footnotes[4] == "Fixture text standing for the Supplement's footnote 4."


def test_a_line_break_and_a_four_digit_year_in_the_citation_cell(april):
    semi = by_name(april, "Example Semiconductor Equipment Co.")
    assert semi.federal_register_notice == "89 FR 96837 12/5/2024. 90 FR 561, 1/6/25"
    assert semi.start_date == date(2024, 12, 5)
    assert semi.addresses == (
        "No. 8 Chip Road, Wuxi, China",
        "Unit 5, 22 Harbour Street, Kowloon, Hong Kong",
    )
    assert semi.countries == ("CN", "HK")  # listed under China, one address in Hong Kong
    telecom = by_name(april, "Example Telecom Devices Co., Ltd.")
    assert telecom.start_date == date(2019, 5, 16)  # 84 FR 22963 lies in 84 FR 22961-22963


def test_the_earlier_version_lacks_the_march_2025_listings():
    march = load_list(MARCH)
    assert "Beijing Academy of Artificial Intelligence" not in {e.name for e in march.entries}
    assert (
        lookup(
            "Beijing Academy of Artificial Intelligence",
            [march],
            ScreenOptions(as_of=date(2025, 3, 24)),
        ).findings
        == ()
    )


def test_an_fr_rules_table_beside_the_xml_is_used_and_hashed_with_it(tmp_path):
    xml = tmp_path / "title-15.xml"
    shutil.copy(APRIL, xml)
    plain = load_list(xml)
    assert plain.files == (xml,)
    table = tmp_path / "fr_rules.csv"
    table.write_text(
        "document_number,volume,pages,publication_date,effective_date,subject,source,note\n"
        "2025-05426,90,14029-14045,2025-03-28,2025-03-25,test,hand-written for this test,\n",
        encoding="utf-8",
    )
    confirmed = load_list(xml)
    assert confirmed.files == (xml, table)
    assert confirmed.sha256 == files_sha256((xml, table)) != plain.sha256
    anhui = by_name(confirmed, "Anhui Kehua Sci-Tech Trading Co., Ltd.")
    assert anhui.start_date == date(2025, 3, 25)
    # this table knows nothing of FR Doc 2025-05427: BAAI falls back to its publication date
    assert by_name(confirmed, "Beijing Academy of Artificial Intelligence").start_date == date(
        2025, 3, 28
    )


def test_the_supplement_alone_is_recognised_too(tmp_path):
    text = APRIL.read_text(encoding="utf-8")
    start = text.index("<DIV9")
    end = text.index("</DIV9>") + len("</DIV9>")
    alone = tmp_path / "supplement4.xml"
    alone.write_text('<?xml version="1.0" encoding="UTF-8"?>\n' + text[start:end], encoding="utf-8")
    assert detect_format(alone).key == "ecfr-xml"
    assert load_list(alone).entry_count == 11
    # written with a no-break space, as some renderings of the eCFR do
    spaced = tmp_path / "nbsp.xml"
    spaced.write_text(alone.read_text(encoding="utf-8").replace("No. 4", "No.\u00a04"), "utf-8")
    assert detect_format(spaced).key == "ecfr-xml"
    assert load_list(spaced).entry_count == 11


ROW = (
    "<TR><TD>{}</TD><TD>{}</TD><TD>For all items subject to the EAR.</TD>"
    "<TD>Presumption of denial.</TD><TD>{}</TD></TR>"
)
HEADER = (
    "<TR><TH>Country</TH><TH>Entity</TH><TH>License requirement</TH>"
    "<TH>License review policy</TH><TH>Federal Register citation</TH></TR>"
)


def supplement(tmp_path: Path, body: str, header: str = HEADER) -> Path:
    path = tmp_path / "part744.xml"
    path.write_text(
        '<DIV5 N="744" TYPE="PART"><DIV9 N="Supplement No. 4 to Part 744" TYPE="APPENDIX">'
        f"<TABLE><THEAD>{header}</THEAD><TBODY>{body}</TBODY></TABLE></DIV9></DIV5>",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("body", "header", "message"),
    [
        (
            "<TR><TD>IRAN</TD><TD>Example</TD><TD>x</TD><TD>y</TD></TR>",
            HEADER,
            "table row 2: 4 cells where the Entity List has 5",
        ),
        (
            ROW.format("", "Example", "81 FR 1, 1/4/16."),
            HEADER,
            "table row 2: the first row names no country",
        ),
        (
            ROW.format("IRAN", "Example", "81 FR 1, 1/4/16. Removed."),
            HEADER,
            "table row 2, Federal Register citation: 'Removed.' is not a Federal Register citation",
        ),
        (
            ROW.format("IRAN", "Example", "81 FR 1"),
            "<TR><TH>Name</TH><TH>Address</TH></TR>",
            "table row 1: the table's header is Name | Address",
        ),
        ("", HEADER, "table has no rows"),
    ],
)
def test_malformed_tables_are_one_line_errors_naming_the_row(tmp_path, body, header, message):
    path = supplement(tmp_path, body, header)
    with pytest.raises(ListDataError) as caught:
        load_list(path)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value) and str(path) in str(caught.value)


def test_part_744_without_the_supplement_is_refused(tmp_path):
    path = tmp_path / "part744.xml"
    path.write_text('<DIV5 N="744" TYPE="PART"><DIV8 N="744.1"/></DIV5>', encoding="utf-8")
    with pytest.raises(ListDataError, match="no 'Supplement No. 4 to Part 744' in this XML"):
        load_list(path)


def test_not_well_formed_xml_is_refused(tmp_path):
    path = tmp_path / "part744.xml"
    path.write_text('<DIV5 N="744" TYPE="PART"><DIV9>', encoding="utf-8")
    with pytest.raises(ListDataError, match="not well-formed XML"):
        load_list(path)


def test_a_name_listed_twice_under_one_country_keeps_an_id_for_each_row(tmp_path):
    path = supplement(
        tmp_path,
        ROW.format("IRAN", "Example Co., 1 A Street, Tehran, Iran.", "81 FR 1, 1/4/16.")
        + ROW.format("", "Example Co., 2 B Street, Tehran, Iran.", "82 FR 2, 1/3/17."),
    )
    first, second = load_list(path).entries
    assert second.entry_id == f"{first.entry_id}-2"
    # and the id comes from country and name only: the same in another version of the list
    again = entity_list_entries(read_entity_list(path))
    assert again[0].entry_id == first.entry_id


def test_versioner_helpers():
    assert part744_url(date(2025, 3, 24)) == (
        "https://www.ecfr.gov/api/versioner/v1/full/2025-03-24/title-15.xml?part=744"
    )
    assert part744_url(date(2025, 3, 24), supplement_only=True).endswith(
        "&appendix=Supplement%20No.%204%20to%20Part%20744"
    )
    titles = json.dumps(
        {
            "titles": [
                {"number": 14, "up_to_date_as_of": "2026-06-01"},
                {
                    "number": 15,
                    "name": "Commerce and Foreign Trade",
                    "latest_issue_date": "2026-06-11",
                    "up_to_date_as_of": "2026-06-16",
                },
            ]
        }
    )
    assert latest_issue_date(titles) == date(2026, 6, 16)
    with pytest.raises(ListDataError, match="title 15 is not listed"):
        latest_issue_date('{"titles": []}')
    versions = {date(2025, 3, 20): "march", date(2025, 4, 1): "april"}
    assert version_in_force(versions, date(2025, 3, 24)) == (date(2025, 3, 20), "march")
    assert version_in_force(versions, date(2025, 4, 1)) == (date(2025, 4, 1), "april")
    assert version_in_force(versions, date(2025, 1, 1)) is None


def test_a_rules_table_passed_in_dates_the_entries_and_one_beside_the_xml_wins(tmp_path):
    given = tmp_path / "data" / "fr_rules.csv"
    given.parent.mkdir()
    given.write_text(
        "document_number,volume,pages,publication_date,effective_date,subject,source,note\n"
        "2025-05426,90,14035-14045,2025-03-28,2025-03-26,test,hand-written for this test,\n",
        encoding="utf-8",
    )
    loaded = load_list(APRIL, fr_rules=given)
    assert loaded.files == (APRIL, given)
    assert loaded.sha256 == files_sha256((APRIL, given))
    assert by_name(loaded, "Anhui Kehua Sci-Tech Trading Co., Ltd.").start_date == date(2025, 3, 26)
    # other formats ignore it
    sample = FIXTURES / "sample_csl.csv"
    assert load_list(sample, fr_rules=given).files == (sample,)
    # a table beside the XML belongs to that file and is read instead
    xml = tmp_path / "title-15.xml"
    shutil.copy(APRIL, xml)
    beside = tmp_path / "fr_rules.csv"
    beside.write_text(given.read_text(encoding="utf-8").replace("03-26", "03-25"), "utf-8")
    near = load_list(xml, fr_rules=given)
    assert near.files == (xml, beside)
    assert by_name(near, "Anhui Kehua Sci-Tech Trading Co., Ltd.").start_date == date(2025, 3, 25)
