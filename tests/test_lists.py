"""List loaders: the real CSL files, CSL JSON built from them, errors, the bundled sample."""

from __future__ import annotations

import csv
import hashlib
import json
from datetime import date
from pathlib import Path

import pytest

from screening.errors import ListDataError
from screening.lists import detect_format, load_list
from screening.lists.base import parse_list_date, split_multi
from screening.models import ListSnapshot

CSL_2025 = "csl/watchman_csl_format_sample_2025-06.csv"
CSL_2019 = "csl/watchman_csl_format_sample_2019-12.csv"
DERIVED = "derived/real_lists_csl.csv"

AASPT = "Academy of Aerospace Solid Propulsion Technology (AASPT)"


def csv_records(path: Path) -> tuple[list[str], list[list[str]]]:
    """The header and the non-blank data records of a CSV file, read with the csv module."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        return header, [row for row in reader if any(cell.strip() for cell in row)]


def entry_named(snapshot: ListSnapshot, name: str):
    found = [e for e in snapshot.entries if e.name == name]
    assert len(found) == 1, f"expected one entry named {name!r}, found {len(found)}"
    return found[0]


# --- the real CSL CSV files -------------------------------------------------------------


@pytest.mark.shared_data
@pytest.mark.parametrize(("relative", "columns", "rows"), [(CSL_2025, 29, 13), (CSL_2019, 28, 115)])
def test_real_csl_csv_loads_every_record(shared_data, relative, columns, rows):
    path = shared_data / relative
    header, records = csv_records(path)
    assert len(header) == columns
    assert len(records) == rows  # PROVENANCE.md's count agrees with the csv module's
    snapshot = load_list(path)
    assert snapshot.format == "csl-csv"
    assert snapshot.entry_count == len(records)
    assert [e.name for e in snapshot.entries] == [r[header.index("name")].strip() for r in records]
    assert snapshot.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert snapshot.bundled is False


@pytest.mark.shared_data
@pytest.mark.parametrize("relative", [CSL_2025, CSL_2019])
def test_detect_format_reads_both_csl_layouts_as_csl_csv(shared_data, relative):
    assert detect_format(shared_data / relative).key == "csl-csv"


@pytest.mark.shared_data
def test_real_csl_meu_entry_fields(shared_data):
    entry = entry_named(load_list(shared_data / CSL_2025), AASPT)
    assert entry.entry_id == "66f6ab3f26234b75a9093fce79ef0ce0"
    assert entry.source_code == "MEU"
    assert entry.start_date == date(2020, 12, 23)
    assert entry.end_date is None
    assert entry.federal_register_notice == "85 FR 83799"
    assert entry.countries == ("CN",)
    assert entry.license_requirement.startswith("For any item subject to the EAR")
    assert "744.21" in entry.license_policy


@pytest.mark.shared_data
def test_real_csl_ssi_entry_aliases(shared_data):
    entry = entry_named(load_list(shared_data / CSL_2025), "SME BANK")
    assert entry.source_code == "SSI"
    assert "JSC SME BANK" in entry.aliases
    assert len(entry.aliases) == 5
    assert all(alias == alias.strip() and alias for alias in entry.aliases)
    assert entry.countries == ("RU",)
    assert entry.start_date is None


@pytest.mark.shared_data
def test_old_layout_gets_stable_unique_ids(shared_data):
    path = shared_data / CSL_2019
    first = [e.entry_id for e in load_list(path).entries]
    second = [e.entry_id for e in load_list(path).entries]
    assert first == second
    assert len(set(first)) == len(first)
    assert all(first)


@pytest.mark.shared_data
def test_old_layout_dates_and_aliases(shared_data):
    path = shared_data / CSL_2019
    header, records = csv_records(path)
    assert "_id" not in header
    snapshot = load_list(path)
    for record, entry in zip(records, snapshot.entries, strict=True):
        cells = dict(zip(header, record, strict=True))
        assert entry.source == cells["source"].strip()
        assert entry.aliases == split_multi(cells["alt_names"])
        start = cells["start_date"].strip()
        assert (entry.start_date.isoformat() if entry.start_date else "") == start[:10]


# --- the derived 14756-row file --------------------------------------------------------


@pytest.mark.shared_data
def test_derived_real_lists_csl_loads(shared_data):
    path = shared_data / DERIVED
    header, records = csv_records(path)
    assert len(records) == 14756
    snapshot = load_list(path)
    assert snapshot.entry_count == len(records)
    assert all(entry.name.strip() for entry in snapshot.entries)
    assert [e.entry_id for e in snapshot.entries] == [r[header.index("_id")] for r in records]
    assert snapshot.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    # UN LISTED_ON values carry a time-zone offset ("2015-04-07-04:00"): the date is kept.
    un = {e.entry_id: e for e in snapshot.entries if e.entry_id.startswith("un-")}
    assert un["un-6908452"].start_date == date(2015, 4, 7)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2015-04-07", date(2015, 4, 7)),
        ("2015-04-07-04:00", date(2015, 4, 7)),
        ("2015-04-07+08:00", date(2015, 4, 7)),
        ("2015-04-07Z", date(2015, 4, 7)),
        ("2015-04-07T23:59:59", date(2015, 4, 7)),
        ("  ", None),
    ],
)
def test_parse_list_date(text, expected):
    assert parse_list_date(text, where="f.csv, line 2, start_date") == expected


@pytest.mark.parametrize("text", ["2015-02-30", "07/04/2015", "2015-04-07x", "2015-4-7"])
def test_parse_list_date_rejects(text):
    with pytest.raises(ListDataError, match="f.csv, line 2, start_date"):
        parse_list_date(text, where="f.csv, line 2, start_date")


# --- CSL JSON, built from the real CSV rows --------------------------------------------

MULTI = ("alt_names", "programs", "addresses")


def _json_records(shared_data: Path, *, id_key: str) -> list[dict]:
    header, records = csv_records(shared_data / CSL_2025)
    converted = []
    for record in records:
        cells = dict(zip(header, record, strict=True))
        item: dict = {k: (v if v.strip() else None) for k, v in cells.items()}
        for key in MULTI:
            item[key] = list(split_multi(cells[key]))
        item[id_key] = item.pop("_id")
        if cells["name"] == "SME BANK":  # one record with address objects
            assert cells["addresses"] == "79 ul. Sadovnicheskaya, Moscow, 115035, RU"
            item["addresses"] = [
                {
                    "address": "79 ul. Sadovnicheskaya",
                    "city": "Moscow",
                    "state": None,
                    "postal_code": "115035",
                    "country": "RU",
                }
            ]
        converted.append(item)
    return converted


@pytest.mark.shared_data
@pytest.mark.parametrize("shape", ["array", "results"])
def test_csl_json_loads_like_the_csv(shared_data, tmp_path, shape):
    from_csv = load_list(shared_data / CSL_2025)
    if shape == "array":
        data: object = _json_records(shared_data, id_key="_id")
    else:
        data = {"total": 13, "results": _json_records(shared_data, id_key="id")}
    path = tmp_path / f"consolidated_{shape}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")

    assert detect_format(path).key == "csl-json"
    from_json = load_list(path)
    assert from_json.format == "csl-json"
    assert from_json.entry_count == from_csv.entry_count == 13
    for a, b in zip(from_csv.entries, from_json.entries, strict=True):
        assert (b.entry_id, b.name, b.source) == (a.entry_id, a.name, a.source)
        assert b.aliases == a.aliases
        assert (b.start_date, b.end_date) == (a.start_date, a.end_date)
        assert b.programs == a.programs
        assert b.addresses == a.addresses
        assert b.countries == a.countries
        assert b.federal_register_notice == a.federal_register_notice
        assert b.license_requirement == a.license_requirement
    bank = entry_named(from_json, "SME BANK")
    assert bank.addresses == ("79 ul. Sadovnicheskaya, Moscow, 115035, RU",)
    assert bank.countries == ("RU",)
    assert entry_named(from_json, AASPT).start_date == date(2020, 12, 23)


# --- errors --------------------------------------------------------------------------

CSL_HEADER = (
    "_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,"
    "start_date,end_date,standard_order,license_requirement,license_policy,call_sign,"
    "vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,"
    "source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,"
    "source_information_url,ids\n"
)


def csl_row(*, name: str = "Acme Trading", start_date: str = "2025-03-25", cut: int = 0) -> str:
    cells = [""] * 29
    cells[0], cells[1], cells[5], cells[9] = "x-1", "Entity List (EL) - BIS", name, start_date
    cells = cells[: len(cells) - cut]
    return ",".join(f'"{c}"' for c in cells) + "\n"


def _error_case(tmp_path: Path, case: str) -> Path:
    path = tmp_path / f"{case}.csv"
    if case == "missing":
        return path
    if case == "directory":
        path.mkdir()
    elif case == "empty":
        path.write_bytes(b"")
    elif case == "header_only":
        path.write_text(CSL_HEADER, encoding="utf-8")
    elif case == "unknown_format":
        path = tmp_path / "notes.txt"
        path.write_text("These are my notes.\nNot a list at all.\n", encoding="utf-8")
    elif case == "invalid_json":
        path = tmp_path / "broken.json"
        path.write_text('[{"source": "EL", "name": "Acme",]', encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("case", "words"),
    [
        ("missing", "does not exist"),
        ("directory", "directory"),
        ("empty", "empty"),
        ("header_only", "no entries"),
        ("unknown_format", "not recognised"),
        ("invalid_json", "invalid JSON"),
    ],
)
def test_unreadable_list_files_raise_list_data_error(tmp_path, case, words):
    path = _error_case(tmp_path, case)
    with pytest.raises(ListDataError) as caught:
        load_list(path)
    message = str(caught.value)
    assert str(path) in message
    assert words in message


def test_bad_start_date_names_file_line_and_field(tmp_path):
    path = tmp_path / "bad_date.csv"
    path.write_text(CSL_HEADER + csl_row() + csl_row(start_date="2025-02-30"), encoding="utf-8")
    with pytest.raises(ListDataError) as caught:
        load_list(path)
    message = str(caught.value)
    assert str(path) in message
    assert "line 3" in message
    assert "start_date" in message
    assert "2025-02-30" in message


def test_wrong_field_count_names_file_and_line(tmp_path):
    path = tmp_path / "short_row.csv"
    path.write_text(CSL_HEADER + csl_row() + csl_row() + csl_row(cut=3), encoding="utf-8")
    with pytest.raises(ListDataError) as caught:
        load_list(path)
    message = str(caught.value)
    assert str(path) in message
    assert "line 4" in message
    assert "26 fields" in message


def test_wellformed_hand_written_csl_loads(tmp_path):
    """The error cases above differ from this valid file in one thing only."""
    path = tmp_path / "ok.csv"
    path.write_text(CSL_HEADER + csl_row() + csl_row(name="Beta Ltd", start_date=""))
    snapshot = load_list(path)
    assert [e.name for e in snapshot.entries] == ["Acme Trading", "Beta Ltd"]
    assert [e.start_date for e in snapshot.entries] == [date(2025, 3, 25), None]


# --- the bundled sample ----------------------------------------------------------------


def test_bundled_sample(sample_list):
    assert sample_list.bundled is True
    assert sample_list.format == "csl-csv"
    assert sample_list.entry_count >= 20
    ids = [e.entry_id for e in sample_list.entries]
    assert len(set(ids)) == len(ids)
    assert any(e.end_date is not None for e in sample_list.entries)
    assert any(e.start_date == date(2025, 3, 25) for e in sample_list.entries)
    assert all(e.name for e in sample_list.entries)
