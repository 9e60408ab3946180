"""`--bom`: a CSV report Excel opens as UTF-8 (on Chinese Windows it would read GBK)."""

from __future__ import annotations

import csv
import io

import pytest
from clirun import REPO, invoke

SUPPLIERS = REPO / "fixtures" / "suppliers.csv"
BOM = b"\xef\xbb\xbf"


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("streamed", [True, False], ids=["check", "lookup"])
def test_bom_starts_the_csv_file_and_nothing_else_changes(tmp_path, streamed):
    """The mark and then the same bytes as without it: the header, the Chinese names."""
    args = (SUPPLIERS,) if streamed else ("lookup", "华为技术有限公司")
    plain, marked = tmp_path / "plain.csv", tmp_path / "marked.csv"
    first = invoke(*args, "--as-of", "2026-12-01", "-f", "csv", "-o", plain)
    second = invoke(*args, "--as-of", "2026-12-01", "-f", "csv", "-o", marked, "--bom")
    assert first.exit_code == second.exit_code == 1, second.stderr
    data, without = marked.read_bytes(), plain.read_bytes()
    assert data.startswith(BOM) and not without.startswith(BOM)
    assert data[len(BOM) :] == without
    rows = _rows(data)
    assert rows[0][0] == "row"  # the mark is not part of the first header
    assert any("华为技术有限公司" in row for row in rows)


def test_bom_on_standard_output_and_from_the_environment(tmp_path):
    from clirun import runner
    from screening_cli.app import app

    result = runner.invoke(
        app, ["lookup", "Huawei Technologies", "-f", "csv"], env={"SCREEN_CSV_BOM": "1"}
    )
    assert result.exit_code == 1, result.stderr
    assert result.stdout_bytes.startswith(BOM)
    assert _rows(result.stdout_bytes)[0][0] == "row"


def test_bom_leaves_other_formats_alone():
    result = invoke("lookup", "Huawei Technologies", "-f", "json", "--bom")
    assert result.exit_code == 1 and result.stdout.startswith("{")
