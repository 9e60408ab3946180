"""screening.frame: screening a pandas DataFrame, and a result as a DataFrame."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import screening
from screening.errors import ConfigError, InputFileError
from screening.frame import frame_suppliers, result_frame, screen_frame
from screening.models import ListSnapshot, ScreeningResult
from screening.options import ReadOptions, ScreenOptions
from screening.report.fields import MATCH_FIELDS, match_record
from screening.report.parquet import render_parquet
from screening.screen import screen_file

SUPPLIERS = Path(__file__).resolve().parents[1] / "fixtures" / "suppliers.csv"
OPTIONS = ScreenOptions(as_of=date(2025, 3, 24), show_from=70.0)


@pytest.fixture(scope="module")
def from_file(sample_list: ListSnapshot) -> ScreeningResult:
    result, _ = screen_file(SUPPLIERS, [sample_list], OPTIONS)
    return result


def test_screen_frame_finds_what_screen_file_finds(
    sample_list: ListSnapshot, from_file: ScreeningResult
) -> None:
    frame = pd.read_csv(SUPPLIERS, dtype=str, keep_default_na=False)
    found = screen_frame(frame, [sample_list], OPTIONS)
    assert len(found) == len(from_file.findings) > 30
    assert list(found.columns) == [*MATCH_FIELDS, "finding"]
    expected = [match_record(f, from_file.gate) for f in from_file.findings]
    for field in ("row", "input_id", "input_name", "input_country", "entry_id", "matched_name",
                  "score", "status", "fails_gate", "explanation"):  # fmt: skip
        assert found[field].tolist() == [r[field] for r in expected], field
    assert "pending" in set(found["status"])  # as of the day before 2025-03-25
    assert found["finding"].eq("name").all()


def test_a_frame_read_with_pandas_defaults_gives_the_same_findings(
    sample_list: ListSnapshot, from_file: ScreeningResult
) -> None:
    """Read without dtype=str: missing cells are NaN, which count as empty, as in the file."""
    frame = pd.read_csv(SUPPLIERS)
    frame.loc[0, "country"] = None
    found = screen_frame(frame, [sample_list], OPTIONS)
    expected = pd.read_csv(SUPPLIERS, dtype=str, keep_default_na=False)
    expected.loc[0, "country"] = ""
    assert found["input_country"].tolist()[0] == ""
    assert found.equals(screen_frame(expected, [sample_list], OPTIONS))


def test_to_pandas_is_the_same_frame(sample_list: ListSnapshot, from_file: ScreeningResult) -> None:
    frame = pd.read_csv(SUPPLIERS, dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(
        screen_frame(frame, [sample_list], OPTIONS), from_file.to_pandas()
    )


def test_to_pandas_matches_the_parquet_report_read_back(from_file: ScreeningResult) -> None:
    back = pd.read_parquet(io.BytesIO(render_parquet(from_file)))
    pd.testing.assert_frame_equal(from_file.to_pandas(), back)
    empty = replace(from_file, findings=())
    assert len(empty.to_pandas()) == 0
    pd.testing.assert_frame_equal(
        empty.to_pandas(), pd.read_parquet(io.BytesIO(render_parquet(empty)))
    )


def test_frame_column_types(from_file: ScreeningResult) -> None:
    frame = result_frame(from_file)
    assert frame["row"].dtype == "int64"
    assert frame["score"].dtype == "float64"
    assert frame["fails_gate"].dtype == bool
    # lists are joined as in the CSV and Parquet reports
    assert "CN" in frame["entry_countries"].tolist()


def test_the_run_s_settings_and_lists_travel_in_attrs(
    sample_list: ListSnapshot, from_file: ScreeningResult
) -> None:
    attrs = from_file.to_pandas().attrs
    assert attrs["as_of"] == "2025-03-24"
    assert attrs["threshold"] == 85.0
    assert attrs["lists"][0]["sha256"] == sample_list.sha256
    assert attrs["summary"]["rows"] == from_file.rows == 53


def test_columns_are_found_like_a_file_s_header(sample_list: ListSnapshot) -> None:
    # Chinese headers, an integer id, a column of no role, labels that are not text.
    frame = pd.DataFrame(
        {
            "供应商名称": ["华为技术有限公司", "Acme Widgets"],
            "国家": ["CN", "US"],
            "编号": [7, 8],
            3: ["x", "y"],
        }
    )
    suppliers = frame_suppliers(frame)
    assert [(s.row, s.name, s.country, s.input_id, s.line) for s in suppliers] == [
        (1, "华为技术有限公司", "CN", "7", 0),
        (2, "Acme Widgets", "US", "8", 0),
    ]
    found = screen_frame(frame, [sample_list], OPTIONS)
    assert found["row"].tolist() == [1]
    assert found["entry_name"].tolist() == ["Huawei Technologies Co., Ltd."]


def test_read_options_name_the_columns() -> None:
    frame = pd.DataFrame({"legal": ["Huawei"], "name": ["Trading name"], "ctry": ["CN"]})
    read = ReadOptions(name_column="legal", country_column="ctry")
    [supplier] = frame_suppliers(frame, read)
    assert (supplier.name, supplier.country) == ("Huawei", "CN")
    with pytest.raises(InputFileError, match="DataFrame: no column 'nope' for --id-column"):
        frame_suppliers(frame, ReadOptions(id_column="nope"))


def test_rows_are_positions_whatever_the_index() -> None:
    frame = pd.DataFrame({"name": ["A Co", "B Co", "C Co"]}, index=[10, 5, 99])
    assert [s.row for s in frame_suppliers(frame)] == [1, 2, 3]


def test_rows_are_chunked_and_capped_as_a_file_s(sample_list: ListSnapshot) -> None:
    frame = pd.read_csv(SUPPLIERS, dtype=str, keep_default_na=False)
    small = screen_frame(frame, [sample_list], OPTIONS, ReadOptions(chunk_rows=7))
    assert small.equals(screen_frame(frame, [sample_list], OPTIONS))
    with pytest.raises(InputFileError, match="DataFrame: more than 10 data rows"):
        screen_frame(frame, [sample_list], OPTIONS, ReadOptions(max_rows=10))


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        (pd.DataFrame({"city": ["Paris"]}), "DataFrame: no name column found among: city"),
        (pd.DataFrame([["a", "b"]], columns=["name", "name"]), "column name.s. repeated.*name"),
        (pd.DataFrame({"name": []}), "DataFrame has a header but no data rows"),
    ],
)
def test_frames_that_cannot_be_read_say_why(frame: pd.DataFrame, message: str) -> None:
    with pytest.raises(InputFileError, match=message):
        frame_suppliers(frame)


def test_file_options_are_refused() -> None:
    frame = pd.DataFrame({"name": ["Acme"]})
    with pytest.raises(ConfigError, match="encoding and sheet apply to files"):
        frame_suppliers(frame, ReadOptions(encoding="latin-1"))


def test_blank_names_are_counted_as_not_screened(sample_list: ListSnapshot) -> None:
    frame = pd.DataFrame({"name": ["Huawei Technologies", None, "   "]})
    found = screen_frame(frame, [sample_list], OPTIONS)
    assert found["row"].tolist() == [1]
    assert found.attrs["summary"]["rows_skipped"] == 2
    result = screening.screen_suppliers(frame_suppliers(frame), [sample_list], OPTIONS)
    assert [(s.row, reason) for s, reason in result.skipped_rows] == [
        (2, "empty name"),
        (3, "empty name"),
    ]


def test_the_package_root_exports_the_frame_api() -> None:
    assert screening.screen_frame is screen_frame
    assert screening.frame_suppliers is frame_suppliers
