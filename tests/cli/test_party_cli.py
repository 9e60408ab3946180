"""`screen FILE` on a supplier file with a second name, addresses, identifiers, dates of
birth and nationalities (fixtures/party_suppliers.csv against fixtures/lists/party_csl.csv):
the whole party screened end to end, the address finding of two parties at one address
and its own gate setting, the evidence in every report format."""

from __future__ import annotations

import csv
import io
import json

from clirun import REPO, invoke, one_line_error

SUPPLIERS = REPO / "fixtures" / "party_suppliers.csv"
LIST = REPO / "fixtures" / "lists" / "party_csl.csv"
AS_OF = "2025-06-01"


def _run(*args: object, source=SUPPLIERS):  # type: ignore[no-untyped-def]
    return invoke(source, "--list", LIST, "--as-of", AS_OF, *args)


def _report(*args: object, source=SUPPLIERS):  # type: ignore[no-untyped-def]
    result = _run("--format", "json", *args, source=source)
    return result, json.loads(result.stdout)


def _by_row(report: dict) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {}
    for match in report["matches"]:
        rows.setdefault(match["input_id"], []).append(match)
    return rows


def test_whole_party_file_screened_end_to_end():
    result, report = _report()
    assert result.exit_code == 1, result.stderr
    rows = _by_row(report)
    # The second (English) name meets the listing; the address corroborates it.
    (p001,) = rows["P001"]
    assert (p001["entry_id"], p001["matched_column"], p001["finding"]) == (
        "party-el-003", "second_name", "name",
    )  # fmt: skip
    assert p001["input_second_name"] == "Example Precision Machinery Co Ltd"
    assert "address" in p001["evidence_agrees"] and p001["fails_gate"]
    # An LEI the listing carries decides, whatever the name says.
    (p003,) = rows["P003"]
    assert (p003["entry_id"], p003["finding"], p003["score"]) == (
        "party-el-003",
        "identifier",
        100.0,
    )
    assert p003["fails_gate"]
    shared = next(e for e in p003["evidence"] if e["field"] == "identifier")
    assert shared["agreement"] == "agrees"
    assert shared["input"] == "TEST00EXAMPLE0000189"
    assert "TEST00EXAMPLE0000189" in shared["listed"]
    # A date of birth and a nationality that agree are reported with their points.
    (p005,) = rows["P005"]
    fields = {e["field"]: e for e in p005["evidence"]}
    assert fields["date_of_birth"]["agreement"] == "agrees"
    assert fields["nationality"]["agreement"] == "agrees"
    # A valid LEI on no list, and a namesake born in another year, find nothing.
    assert "P007" not in rows and "P006" not in rows


def test_invalid_identifier_is_a_warning_naming_the_row():
    result, report = _report()
    assert result.exit_code == 1
    (warning,) = report["warnings"]
    assert warning.startswith("row 4: Unified Social Credit Code '91990000MA5EXAMP17'")
    assert "not valid" in warning
    assert "row 4: Unified Social Credit Code" in result.stderr
    # The row is still screened by its name.
    assert [m["entry_id"] for m in _by_row(report)["P004"]] == ["party-el-003"]


def test_namesake_with_another_birth_year_drops_below_the_gate():
    _, report = _report("--show-from", "50")
    (p006,) = _by_row(report)["P006"]
    birth = next(e for e in p006["evidence"] if e["field"] == "date_of_birth")
    assert (birth["agreement"], birth["points"]) == ("differs", -10.0)
    assert p006["score"] < 85 and not p006["fails_gate"]
    assert "date of birth '1988-02-03' differs" in p006["explanation"]


def _only(tmp_path, *rows: str):  # type: ignore[no-untyped-def]
    header = SUPPLIERS.read_text(encoding="utf-8").splitlines()[0]
    lines = SUPPLIERS.read_text(encoding="utf-8").splitlines()[1:]
    path = tmp_path / "some.csv"
    kept = [line for line in lines if line.split(",", 1)[0] in rows]
    path.write_text("\n".join([header, *kept]) + "\n", encoding="utf-8")
    return path


def test_two_parties_at_one_address_give_address_findings(tmp_path):
    source = _only(tmp_path, "P002")
    result, report = _report(source=source)
    # Reported, not failing: an address finding is for review unless asked otherwise.
    assert result.exit_code == 0, result.stderr
    found = [(m["entry_id"], m["finding"], m["fails_gate"]) for m in report["matches"]]
    assert found == [("party-el-001", "address", False), ("party-el-002", "address", False)]
    assert all(m["explanation"].startswith("shares an address with") for m in report["matches"])
    failing = _run("--format", "json", "--fail-on-address", source=source)
    assert failing.exit_code == 1
    assert all(m["fails_gate"] for m in json.loads(failing.stdout)["matches"])


def test_address_finding_in_the_table_and_sarif(tmp_path):
    source = _only(tmp_path, "P002")
    table = _run(source=source)
    assert table.exit_code == 0
    assert "by address" in table.stdout
    sarif = json.loads(_run("--format", "sarif", source=source).stdout)
    results = sarif["runs"][0]["results"]
    assert {r["properties"]["finding"] for r in results} == {"address"}
    assert all("shares an address with" in r["message"]["text"] for r in results)
    assert all(r["level"] == "note" for r in results)


def test_csv_and_html_carry_the_evidence():
    rows = list(csv.DictReader(io.StringIO(_run("--format", "csv").stdout)))
    p003 = next(r for r in rows if r["input_id"] == "P003")
    assert (p003["finding"], p003["evidence_agrees"]) == ("identifier", "identifier")
    assert p003["evidence_differs"] == "country; address"
    html = _run("--format", "html").stdout
    assert "Found by" in html and "<td>identifier</td>" in html


def test_columns_named_by_option(tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text(
        "name,where,code\nLotus Garden Supplies Ltd,"
        '"Rm 1203, 12F, Example Commercial Bldg, 88 Example Rd, Wan Chai, Hong Kong",'
        "TEST00EXAMPLE0000189\n",
        encoding="utf-8",
    )
    result, report = _report("--address-column", "where", "--identifier-column", "code",
                             source=path)  # fmt: skip
    assert result.exit_code == 1, result.stderr  # the LEI decides
    found = {(m["entry_id"], m["finding"]) for m in report["matches"]}
    assert found == {
        ("party-el-001", "address"),
        ("party-el-002", "address"),
        ("party-el-003", "identifier"),
    }
    # Against the bundled sample: a list file of no date of its own adds a warning line.
    missing = invoke(path, "--list", "sample", "--address-column", "nowhere")
    assert "no column 'nowhere' for --address-column" in one_line_error(missing)
