"""`screen FOLDER --engine dask`: a folder of files screened on a Dask cluster gives the
local engine's hits, file by file; options it cannot honour are refused up front."""

from __future__ import annotations

import csv
import io

import pytest
from clirun import REPO, invoke, one_line_error

SUPPLIERS = REPO / "fixtures" / "suppliers.csv"
KEY = ("row", "input_id", "entry_id", "score", "status", "fails_gate")


def _split(folder, parts=2):
    lines = SUPPLIERS.read_text(encoding="utf-8").splitlines(keepends=True)
    header, body = lines[0], lines[1:]
    size = -(-len(body) // parts)
    folder.mkdir()
    for i in range(parts):
        (folder / f"part{i}.csv").write_text(
            header + "".join(body[i * size : (i + 1) * size]), encoding="utf-8"
        )
    return sorted(folder.iterdir())


def _csv_keys(text):
    return {tuple(str(r[k]) for k in KEY) for r in csv.DictReader(io.StringIO(text))}


@pytest.mark.slow
def test_dask_results_are_the_local_results_file_by_file(tmp_path):
    pytest.importorskip("distributed")
    pq = pytest.importorskip("pyarrow.parquet")
    files = _split(tmp_path / "in")
    out = tmp_path / "results"
    ran = invoke(tmp_path / "in", "--engine", "dask", "--jobs", "1", "-o", out, "--no-audit",
                 "--as-of", "2025-03-26")  # fmt: skip
    assert ran.exit_code == 1, ran.stderr
    assert "Screened 53 rows in 2 files on Dask" in ran.stderr
    table = pq.read_table(out).to_pylist()
    for path in files:
        local = invoke(path, "--format", "csv", "--as-of", "2025-03-26", "--no-audit")
        assert local.exit_code == 1
        expected = _csv_keys(local.stdout)
        got = {tuple(str(r[k]) for k in KEY) for r in table if r["partition"] == path.name}
        assert got == expected and expected


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        (["-o", "x", "--decisions", "d.csv"], "--decisions cannot be used with --engine dask"),
        (["-o", "x", "--format", "json"], "not --format json"),
        ([], "give --output FOLDER"),
    ],
)
def test_what_the_dask_engine_cannot_do_is_refused(tmp_path, extra, words):
    _split(tmp_path / "in")
    assert words in one_line_error(invoke(tmp_path / "in", "--engine", "dask", *extra))


def test_scheduler_without_the_dask_engine_is_refused():
    assert "--scheduler applies to --engine dask" in one_line_error(
        invoke(SUPPLIERS, "--scheduler", "tcp://127.0.0.1:1")
    )


def test_local_parquet_report_holds_the_csv_rows(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "hits.parquet"
    ran = invoke(SUPPLIERS, "--format", "parquet", "-o", out, "--as-of", "2025-03-26")
    as_csv = invoke(SUPPLIERS, "--format", "csv", "--as-of", "2025-03-26")
    assert ran.exit_code == as_csv.exit_code == 1
    rows = pq.read_table(out).to_pylist()
    assert {tuple(str(r[k]) for k in KEY) for r in rows} == _csv_keys(as_csv.stdout)
    assert all(isinstance(r["row"], int) and r["finding"] == "name" for r in rows)
    assert "give --output FILE.parquet" in one_line_error(invoke(SUPPLIERS, "-f", "parquet"))
