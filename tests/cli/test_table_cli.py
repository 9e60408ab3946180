"""The table report: one line per input row with its verdict, a layout that reads at any
width (cards under 120 columns, a table above, never a word broken), empty columns left
out, `--all-hits` for every listing, and `lookup` one line per party."""

from __future__ import annotations

import csv
import re
import tempfile
from pathlib import Path

import pytest
from rich.cells import cell_len
from screening_cli.app import app
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parents[2]
SUPPLIERS = REPO / "fixtures" / "suppliers.csv"
#: The sample list named by its path, so these tests read it whatever the default list is.
SAMPLE = REPO / "fixtures" / "lists" / "sample_csl.csv"
AS_OF = ("--as-of", "2025-03-26")
#: Box-drawing characters a table draws between its cells.
_RULES = re.compile("[\u2500-\u257f]")


def run(*args: object, width: int = 200) -> object:
    runner = CliRunner(
        env={
            "COLUMNS": str(width),
            "NO_COLOR": "1",
            "TERM": "dumb",
            "SCREEN_DATA_DIR": str(REPO / ".none"),
            "SCREEN_DB": f"sqlite:///{tempfile.mkdtemp(prefix='screen-audit-')}/audit.sqlite3",
        }
    )
    return runner.invoke(app, [str(a) for a in args])


def screen(*args: object, width: int) -> str:
    result = run(SUPPLIERS, "--list", SAMPLE, *AS_OF, *args, width=width)
    assert result.exit_code == 1, result.stderr  # type: ignore[attr-defined]
    return str(result.stdout)  # type: ignore[attr-defined]


def tokens(text: str) -> set[str]:
    """The words of a rendered report, table rules taken for spaces."""
    return set(_RULES.sub(" ", text).split())


def matched_rows() -> list[dict[str, str]]:
    """The fixture rows the sample list matches (rows 1-29 of fixtures/suppliers.csv)."""
    with SUPPLIERS.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))[:29]


@pytest.mark.parametrize("width", [80, 100, 160, 200])
def test_no_word_of_the_input_or_the_lists_is_broken_across_lines(width):
    """The default report of fixtures/suppliers.csv at 80 columns (cards) and 160 (a table)
    holds every word of every matched row's id and name whole, and every word of each
    listed name it shows, and no line is wider than the terminal."""
    out = screen(width=width)
    found = tokens(out)
    for row in matched_rows():
        for word in (*row["name"].split(), row["vendor_id"]):
            assert word in found, (width, word)
    for listed in ("Zhongxing Telecommunications Equipment Corporation",
                   "Academy of Aerospace Solid Propulsion Technology (AASPT)",
                   "SEMICONDUCTOR MANUFACTURING INTERNATIONAL CORPORATION"):  # fmt: skip
        assert set(listed.split()) <= found, (width, listed)
    assert max(cell_len(line) for line in out.splitlines()) <= width


def test_narrow_output_is_cards_one_per_row_with_what_review_needs():
    out = screen(width=80)
    assert "┃" not in out and "│" not in out  # no table squeezed into 80 columns
    assert out.count("\nRow ") == 29  # one card per matched row, not one per hit (34)
    card = out.split("\nRow 21 · ")[1].split("\n\n")[0]
    assert card.startswith("V0021 · ZTE Corporation")
    assert "below gate · score 100 · removed 2017-03-29" in card
    assert "listing  EL sample-el-016; DPL sample-dpl-001" in card  # one party, two lists
    nine = out.split("\nRow 9 · ")[1].split("\n\n")[0]
    assert "gate     fails · score 100 · in force" in nine
    assert "+1 other party (--all-hits)" in nine
    assert len(out.splitlines()) < 348 * 2 / 3  # the old table took 348 lines at 80 columns


def test_wide_output_is_a_table_one_line_per_row_with_id_verdict_and_entry_id():
    out = screen(width=160)
    header = next(line for line in out.splitlines() if "Row" in line and "┃" in line)
    for column in ("Row", "Id", "Input name", "Listed party", "Score", "Status", "Gate"):
        assert column in header
    assert "Entry id" in out and "FR citation" in out
    assert "Start" not in header  # shown with --all-hits; a pending listing says its date
    zte = [line for line in out.splitlines() if "│  21 │" in line]
    assert len(zte) == 1 and "EL, DPL" in zte[0] and "below gate" in zte[0]
    assert "sample-el-016" in zte[0]
    rows = [line for line in out.splitlines() if re.match(r"│ +\d+ │", line)]
    assert len(rows) == 29


def test_all_hits_shows_every_listing_on_its_own_line():
    out = screen("--all-hits", width=200)
    rows = [line for line in out.splitlines() if re.match(r"│ +\d+ │", line)]
    assert len(rows) == 34
    assert sum("│  21 │" in line for line in rows) == 2  # ZTE: its EL and its DPL listing
    assert "Listed entry (matched name)" in out and "Start" in out


def test_columns_empty_on_every_line_are_left_out(tmp_path):
    file = tmp_path / "two.csv"
    file.write_text('name,country\n"Zhuhai Zhenrong Co., Ltd.",CN\nATLAS SANATGARAN,AM\n')
    result = run(file, "--list", SAMPLE, *AS_OF, width=160)
    out = str(result.stdout)  # type: ignore[attr-defined]
    header = next(line for line in out.splitlines() if "Row" in line and "┃" in line)
    assert "Input name" in header and "Gate" in header
    for empty in ("Id", "FR citation", "License policy"):  # no id column; SDN, UVL: none
        assert empty not in header.replace("Entry id", ""), empty


def test_decisions_and_baseline_show_in_the_gate_column(tmp_path):
    decisions = tmp_path / "decisions.csv"
    decisions.write_text(
        "input_id,input_name,entry_id,decision,reviewer,date,reason\n"
        "V0001,,sample-el-015,false_positive,ana,2025-03-01,another company\n"
    )
    out = screen("--decisions", decisions, width=80)
    first = out.split("\nRow 1 · ")[1].split("\n\n")[0]
    assert "gate     cleared by decision · score 100" in first
    baseline = tmp_path / "base.json"
    baseline.write_text(screen("--format", "json", width=80), encoding="utf-8")
    result = run(SUPPLIERS, "--list", SAMPLE, *AS_OF, "--baseline", baseline, width=80)
    assert result.exit_code == 0  # type: ignore[attr-defined]
    assert "gate     in baseline · score 100" in str(result.stdout)  # type: ignore[attr-defined]


def test_lookup_shows_one_line_per_party():
    result = run("lookup", "Inspur Electronic Information", "--list", SAMPLE, *AS_OF, width=160)
    out = str(result.stdout)  # type: ignore[attr-defined]
    rows = [line for line in out.splitlines() if re.match(r"│ +1 │", line)]
    assert len(rows) == 4
    assert "below gate" in rows[-1] and "fails" in rows[0]


@pytest.mark.parametrize("width", [80, 160])
def test_ownership_findings_read_at_any_width(width):
    out = screen("--ownership", REPO / "fixtures" / "ownership.csv", width=width)
    found = tokens(out)
    path = (
        "Delta Electronics, Inc. ← 50% Harbour Crest Holdings Ltd ← 50% Inspur Electronic "
        "Information Industry Co Ltd (Entity List sample-el-007, in force)"
    )
    assert set(path.split()) <= found
    assert {"Samsung", "Electro-Mechanics", "V0051", "sample-el-009", "sample-el-010"} <= found
    assert ("Row 51 · V0051 · Delta Electronics, Inc." in out) is (width < 120)
    assert max(cell_len(line) for line in out.splitlines()) <= width
