"""Whatever bytes a decisions file or a baseline report holds, reading it gives either a
result or one `InputFileError` line, never another exception; a decisions file that reads
takes one more row and keeps every cell it had."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screening.errors import InputFileError
from screening.review import Decision, append_decision, baseline_keys, read_decisions

#: Enough cases to reach every branch of both readers in well under a second each.
FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["matches", "entry_id", "input_id", "input_name", "x"]),
            inner,
            max_size=4,
        )
    ),
    max_leaves=20,
)
_matches = st.fixed_dictionaries(
    {"entry_id": st.sampled_from(["el-1", "el-2", " "]) | st.text(max_size=6)},
    optional={"input_id": st.none() | st.text(max_size=6), "input_name": st.text(max_size=12)},
)
baselines = st.one_of(
    st.binary(max_size=300),
    _json.map(lambda value: json.dumps(value).encode()),
    st.lists(_json | _matches, max_size=5).map(lambda ms: json.dumps({"matches": ms}).encode()),
)

_junk = st.sampled_from(
    ["", " V2 ", "maybe", "2025-13-01", "Acme, Inc", "Ltd", '"', "\n", "\r", "\x00", "\ufeff"]
) | st.text(max_size=6)  # fmt: skip
#: A plausible value for each column, so that many rows read and get appended to.
_GOOD = {
    "input_id": st.sampled_from(["V1", "V2", ""]),
    "input_name": st.sampled_from(["Acme Trading", "Huawei GmbH", ""]),
    "entry_id": st.sampled_from(["el-1", "el-2"]),
    "decision": st.sampled_from(["confirmed", "false_positive"]),
    "reviewer": st.just("kim"),
    "date": st.just("2025-04-01"),
    "note": st.text(max_size=6),
}


@st.composite
def decision_tables(draw: st.DrawFn) -> bytes:
    """A header of known and other columns (some missing or twice), then rows of
    plausible or junk cells, some short or long."""
    names = draw(st.permutations(list(_GOOD)))
    header = names[draw(st.sampled_from([0, 0, 0, 1])) :]  # now and then one column missing
    header += draw(st.lists(st.sampled_from(names), max_size=1))
    rows = []
    for _ in range(draw(st.integers(0, 4))):
        row = [draw(_GOOD[n] if draw(st.integers(0, 9)) else _junk) for n in header]
        cut = len(row) if draw(st.integers(0, 4)) else draw(st.integers(0, len(row)))
        rows.append(row[:cut] + draw(st.lists(_junk, max_size=1)))
    lines = [",".join(header), *(",".join(row) for row in rows)]
    bom = "\ufeff" if draw(st.booleans()) else ""
    return (bom + "\n".join(lines)).encode("utf-8", "surrogatepass")


decision_files = st.one_of(st.binary(max_size=300), decision_tables())

NEW = Decision(
    entry_id="el-9", decision="confirmed", reviewer="kim", decided_on=date(2025, 4, 2),
    input_id="V9",
)  # fmt: skip


@FUZZ
@given(content=baselines)
def test_any_baseline_reads_or_is_one_error_line(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "old.json"
    path.write_bytes(content)
    try:
        keys = baseline_keys(path)
    except InputFileError as error:
        assert str(error).startswith(str(path)) and "\n" not in str(error)
    else:
        assert all(isinstance(k, tuple) and len(k) == 2 for k in keys)


def _cells_of(path: Path) -> list[list[str]]:
    text = path.read_bytes().decode("utf-8-sig")
    return [row for row in csv.reader(io.StringIO(text, newline="")) if row]


@FUZZ
@given(content=decision_files)
def test_any_decisions_file_reads_or_is_one_error_line(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "decisions.csv"
    path.write_bytes(content)
    try:
        before = read_decisions(path)
    except InputFileError as error:
        assert str(error).startswith(str(path)) and "\n" not in str(error)
        return
    rows = _cells_of(path)
    append_decision(path, NEW)
    after = read_decisions(path)
    assert after == [*before, NEW]
    kept = _cells_of(path)
    assert [row[: len(old)] for row, old in zip(kept, rows, strict=False)][1:] == rows[1:]
