"""Every list format on its real published file: counts, and known entries field by field."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from screening.errors import ListDataError
from screening.lists import detect_format, files_sha256, load_list
from screening.models import ListSnapshot

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"

pytestmark = pytest.mark.shared_data


def real(relative: str) -> Path:
    path = DATA / relative
    if not path.is_file():
        pytest.skip(f"{relative} not present in ../shared/data")
    return path


def entry(snapshot: ListSnapshot, entry_id: str):
    return next(e for e in snapshot.entries if e.entry_id == entry_id)


@pytest.fixture(scope="module")
def sdn_2021() -> ListSnapshot:
    return load_list(real("ofac/sdn_set_2021-07/sdn.csv"))


def test_ofac_sdn_set_reads_every_row_and_its_companions(sdn_2021):
    assert sdn_2021.format == "ofac-csv"
    assert sdn_2021.entry_count == 8976  # PROVENANCE.md
    assert [p.name for p in sdn_2021.files] == ["sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"]
    assert sdn_2021.sha256 == files_sha256(sdn_2021.files)
    bnc = entry(sdn_2021, "sdn-306")
    assert bnc.source == "Specially Designated Nationals (SDN) - Treasury Department"
    assert bnc.name == "BANCO NACIONAL DE CUBA"
    assert set(bnc.aliases) == {"NATIONAL BANK OF CUBA", "BNC"}  # alt.csv and the remarks
    assert bnc.addresses[0] == "Zweierstrasse 35, Zurich CH-8022, CH"
    assert bnc.countries == ("CH", "ES", "JP", "PA")
    assert bnc.programs == ("CUBA",)
    assert bnc.entity_type == "Entity"  # "-0-" in SDN_Type


def test_ofac_remarks_give_dates_of_birth_and_packed_programs(sdn_2021):
    abbas = entry(sdn_2021, "sdn-2674")
    assert abbas.entity_type == "Individual"
    assert abbas.dates_of_birth == ("1948-12-10",)  # "DOB 10 Dec 1948"
    packed = [e for e in sdn_2021.entries if len(e.programs) > 1]
    assert packed and all("]" not in p and "[" not in p for e in packed for p in e.programs)
    assert not any(e.name.startswith("-0-") or "\x1a" in e.remarks for e in sdn_2021.entries)


def test_ofac_comments_continue_the_remarks(sdn_2021):
    # sdn_comments.csv row 28263 continues mid-word: "...hn'; Linked To: LAZARUS GROUP."
    assert entry(sdn_2021, "sdn-28263").remarks.endswith("Linked To: LAZARUS GROUP.")


def test_ofac_consolidated_non_sdn_by_program():
    cons = load_list(real("ofac/consolidated_nonsdn_2025-12/cons_prim.csv"))
    assert cons.entry_count == 442
    assert [p.name for p in cons.files][1:] == ["cons_add.csv", "cons_alt.csv", "cons_comments.csv"]
    counts: dict[str, int] = {}
    for e in cons.entries:
        counts[e.source_code] = counts.get(e.source_code, 0) + 1
    assert counts == {"PLC": 78, "SSI": 286, "CMIC": 68, "CAPTA": 1, "NS-MBS List": 9}
    shanti = entry(cons, "cons-9641")
    assert shanti.name == "AL-SHANTI, Jamileh Abdullah"
    assert shanti.dates_of_birth == ("1955",)
    assert shanti.places_of_birth == ("Jabalia Camp",)


def test_ofac_sdn_alone_loads_without_companions():
    alone = load_list(real("ofac/sdn_2024-05-03/sdn.csv"))
    assert alone.entry_count == 14965
    assert [p.name for p in alone.files] == ["sdn.csv"]


def test_bis_dpl_with_both_date_forms():
    dpl = load_list(real("bis/dpl.txt"))
    assert dpl.format == "bis-dpl"
    assert dpl.entry_count == 581
    assert len({e.entry_id for e in dpl.entries}) == 581
    villa = next(e for e in dpl.entries if e.name == "AARON ABRAHAM VILLA")
    assert villa.start_date == date(2022, 8, 24)  # MM/DD/YYYY
    assert villa.end_date == date(2026, 1, 14)
    assert villa.federal_register_notice == "87 F.R. 52741 8/29/2022"
    assert villa.addresses == ("3415 RIVERA AVENUE, EL PASO, TX 79905",)
    assert "Last update: 2022-08-29" in villa.remarks  # YYYY-MM-DD kept as published
    assert villa.source == "Denied Persons List (DPL) - Bureau of Industry and Security"


def test_un_consolidated_xml():
    un = load_list(real("un/UN_consolidated.xml"))
    assert un.format == "un-xml"
    kinds = [e.entity_type for e in un.entries]
    assert (kinds.count("Individual"), kinds.count("Entity")) == (730, 273)
    frank = entry(un, "un-6907994")
    assert frank.name == "FRANK KAKOLELE BWAMBALE"  # FIRST_NAME + SECOND_NAME
    assert frank.aliases == ("FRANK KAKORERE", "FRANK KAKORERE BWAMBALE", "AIGLE BLANC")
    assert frank.start_date == date(2005, 11, 1)
    assert frank.addresses == ("Kinshasa, CD (as of June 2016)",)
    assert frank.programs == ("DRC",)
    adf = entry(un, "un-6908402")
    assert adf.entity_type == "Entity"
    assert "Allied Democratic Forces" in adf.aliases


def test_opensanctions_ftm_lines_keep_parties_only():
    t1 = load_list(real("opensanctions/yente_fixture_t1_entities.ftm.json"))
    assert t1.format == "ftm-json"
    assert t1.entry_count == 6  # 4 Person + 2 Organization; the Address is not a party
    tobacco = entry(t1, "NK-2GdmHtZTeNXjNVrBGEXZNj")
    assert tobacco.name == "LLC “Inter Tobacco”"
    assert "“Inter Tobacco” LLC" in tobacco.aliases
    assert tobacco.countries == ("BY",)
    assert tobacco.identifiers == ("808000714",)
    assert tobacco.source == "OpenSanctions: eu_fsf"
    donations = load_list(real("opensanctions/nomenklatura_fixture_donations.ijson.jsonl"))
    assert donations.entry_count == 56 + 22 + 17  # Company + Person + Organization


def test_targets_simple_csv(tmp_path):
    path = tmp_path / "targets.simple.csv"
    path.write_text(
        "id,schema,name,aliases,birth_date,countries,addresses,identifiers,sanctions,phones,"
        "emails,dataset,first_seen,last_seen,last_change\n"
        'NK-1,Company,Acme Trading LLC,"Acme LLC;ACME",,ru;ae,"Moscow, RU",1027700000000,'
        '"OFAC SDN - 2022",,,US OFAC SDN List,2022-03-01,2026-01-01,2024-01-01\n',
        encoding="utf-8",
    )
    (acme,) = load_list(path).entries
    assert load_list(path).format == "opensanctions-simple-csv"
    assert (acme.name, acme.aliases, acme.countries) == (
        "Acme Trading LLC",
        ("Acme LLC", "ACME"),
        ("RU", "AE"),
    )
    assert acme.identifiers == ("1027700000000",)
    assert acme.source == "OpenSanctions: US OFAC SDN List"


def test_custom_list(tmp_path):
    path = tmp_path / "blocked.csv"
    path.write_text(
        "name,aliases,country,type,start_date,end_date,source,id,notes\n"
        "Example Holdings Ltd,Example HK; 示例控股,HK;CN,Entity,2024-05-01,,,B-1,internal\n",
        encoding="utf-8",
    )
    (row,) = load_list(path).entries
    assert row.entry_id == "B-1"
    assert row.aliases == ("Example HK", "示例控股")
    assert row.countries == ("HK", "CN")
    assert row.start_date == date(2024, 5, 1)
    assert row.source == "Custom list (blocked.csv)"


def test_custom_list_rejects_unknown_column(tmp_path):
    path = tmp_path / "blocked.csv"
    path.write_text("name,aliases,start date\nX,,2024-01-01\n", encoding="utf-8")
    with pytest.raises(ListDataError, match="unknown: start date"):
        load_list(path)


@pytest.mark.parametrize(
    ("relative", "key"),
    [
        ("csl/watchman_csl_format_sample_2025-06.csv", "csl-csv"),
        ("ofac/consolidated_nonsdn_2025-12/cons_prim.csv", "ofac-csv"),
        ("bis/dpl.txt", "bis-dpl"),
        ("un/UN_consolidated.xml", "un-xml"),
        ("opensanctions/yente_fixture_parteispenden_entities.ftm.json", "ftm-json"),
    ],
)
def test_format_is_detected_from_content_not_name(relative, key, tmp_path):
    renamed = tmp_path / "list.dat"
    renamed.write_bytes(real(relative).read_bytes())
    assert detect_format(renamed).key == key


def test_companion_files_alone_are_not_a_list():
    with pytest.raises(ListDataError, match="format not recognised"):
        detect_format(real("ofac/sdn_set_2021-07/add.csv"))


def test_csl_json_is_not_mistaken_for_ftm(tmp_path):
    path = tmp_path / "consolidated.json"
    path.write_text(json.dumps({"results": [{"id": "x", "source": "S", "name": "N"}]}))
    assert detect_format(path).key == "csl-json"
