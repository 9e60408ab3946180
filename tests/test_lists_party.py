"""What the list loaders read beyond names for screening the whole party: identifiers,
dates of birth and nationalities (CSL `ids` and person columns, OFAC remarks), checked on
the hand-written fixture and on the real files of ../shared/data."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from screening.identifiers import listed_identifiers
from screening.lists import load_list

REPO = Path(__file__).resolve().parents[1]


def test_csl_fixture_reads_ids_births_and_nationalities():
    entries = {e.entry_id: e for e in load_list(REPO / "fixtures/lists/party_csl.csv").entries}
    schemes = {i.scheme: i.number for i in listed_identifiers(entries["party-el-003"].identifiers)}
    assert schemes == {"uscc": "91990000MA5EXAMP16", "lei": "TEST00EXAMPLE0000189"}
    person = entries["party-sdn-001"]
    assert (person.dates_of_birth, person.nationalities) == (("1970-05-12",), ("RU",))
    assert entries["party-el-001"].addresses == entries["party-el-002"].addresses


def test_real_csl_sample_ids_column(shared_data):
    entries = load_list(shared_data / "csl" / "watchman_csl_format_sample_2025-06.csv").entries
    found = {i.number: i.scheme for e in entries for i in listed_identifiers(e.identifiers)}
    # "Passport, 836238033, KP"; "Public Registration Number, 1027739108649"; a BIC
    assert found["836238033"] == "passport"
    assert found["1027739108649"] == "registration"
    assert found["RUDVRUMM"] == "bic"
    assert any(e.dates_of_birth == ("1978-12-05",) for e in entries)


def test_real_ofac_remarks_give_isins_uscc_and_leis(shared_data):
    cons = load_list(shared_data / "ofac" / "consolidated_nonsdn_2025-12" / "cons_prim.csv")
    schemes = Counter(i.scheme for e in cons.entries for i in listed_identifiers(e.identifiers))
    # The CMIC list names its companies' securities; Chinese companies carry their USCC.
    assert schemes["isin"] >= 100 and schemes["uscc"] >= 50 and schemes["lei"] >= 10


def test_derived_csl_keeps_ofac_identifiers_from_remarks(shared_data):
    entries = load_list(shared_data / "derived" / "real_lists_csl.csv").entries
    sdn = [e for e in entries if e.entry_id.startswith("sdn-")]
    with_ids = [e for e in sdn if listed_identifiers(e.identifiers)]
    assert len(with_ids) > 1000
    assert not any("DOB" in i for e in with_ids for i in e.identifiers)


def test_custom_list_carries_addresses_and_identifiers(tmp_path):
    path = tmp_path / "blocked.csv"
    path.write_text(
        "name,aliases,addresses,identifiers\n"
        'Harbour Shell Ltd,,"Suite 12, 88 Example Road, Wan Chai, HK; 9 Other St, Kowloon, HK",'
        '"LEI TEST00EXAMPLE0000189; Registration Number 12345678"\n',
        encoding="utf-8",
    )
    (entry,) = load_list(path).entries
    assert len(entry.addresses) == 2
    assert [i.scheme for i in listed_identifiers(entry.identifiers)] == ["lei", "registration"]
