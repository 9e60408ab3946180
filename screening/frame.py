"""Screening from pandas: a DataFrame of suppliers in, a DataFrame of findings out.

For data teams who hold their suppliers in a notebook rather than a file. The frame's
columns are chosen as a file's header is (`screening.inputs.table_suppliers`: the same
names in English and Chinese, `ReadOptions` columns first), its rows screened as a file's
rows are, and the findings come back with the report's match fields (`MATCH_FIELDS`),
typed as in the Parquet report (`screening.report.parquet.typed_columns`): `row` an integer,
`score` a float, `fails_gate`, `cleared` and `in_baseline` booleans, the rest text, lists
joined with "; ", and `finding` ("name", or "ownership" for a look-through finding).

`row` is the supplier's position in the frame counted from 1 (`frame.iloc[row - 1]`), as
a file's data rows are numbered, whatever the frame's index. The frame's `attrs` carry what
the JSON report says of the run beside its matches (`as_of`, `threshold`, `fail_on`,
`lists` with their sha256, `summary` with the rows not screened), so a saved frame still
says which list versions it came from.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from screening.inputs import SupplierChunks, table_suppliers
from screening.models import ListSnapshot, ScreeningResult, Supplier
from screening.options import ReadOptions, ScreenOptions
from screening.report.fields import result_record
from screening.report.parquet import Kind, result_columns
from screening.screen import screen_chunks

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FRAME_SOURCE", "frame_suppliers", "result_frame", "screen_frame"]

#: How a DataFrame is named in messages, where a file would be named by its path.
FRAME_SOURCE = Path("DataFrame")

#: The pandas type of each kind of column but text: what `pandas.read_parquet` gives for
#: the Parquet report's columns, so a result's frame and its Parquet report read back agree.
_DTYPES = {Kind.INTEGER: "int64", Kind.FLOAT: "float64", Kind.BOOLEAN: "bool"}

#: The parts of the JSON report kept in a result frame's `attrs` (its matches are the rows).
_RUN_FIELDS = ("as_of", "threshold", "fail_on", "lists", "summary", "warnings")


def _texts(frame: pd.DataFrame, position: int) -> list[str]:
    """The cells of the frame's column at `position` as text: a missing value (None, NaN,
    NaT, pd.NA) is empty, anything else as `str` writes it (an integer id 123 is "123")."""
    column = frame.iloc[:, position]
    cells = zip(column.tolist(), column.isna().tolist(), strict=True)
    return ["" if missing else str(value) for value, missing in cells]


def _open(frame: pd.DataFrame, read: ReadOptions | None) -> SupplierChunks:
    headers = [str(label) for label in frame.columns]
    return table_suppliers(headers, lambda i: _texts(frame, i), len(frame), FRAME_SOURCE, read)


def frame_suppliers(frame: pd.DataFrame, read: ReadOptions | None = None) -> list[Supplier]:
    """The frame's rows as Suppliers (blank names included), numbered from 1 in the frame's
    order; its name, country and id columns found as in a file's header, or named by `read`.

    An InputFileError says so when no column holds names, a column `read` names is absent,
    two columns share a name, or the frame has no rows. To screen them with reviewers'
    decisions or a look-through, or to read the rows that could not be screened, pass them
    to `screening.screen_suppliers` and read its result.
    """
    return [supplier for chunk in _open(frame, read) for supplier in chunk]


def screen_frame(
    frame: pd.DataFrame,
    lists: Sequence[ListSnapshot],
    options: ScreenOptions,
    read: ReadOptions | None = None,
) -> pd.DataFrame:
    """Screen a DataFrame of suppliers against the lists; one row per finding.

    The same findings, scores and statuses as `screening.screen_file` gives for a file of
    the same rows, in the same order, with the columns of `result_frame`. The frame is read
    in chunks of `read.chunk_rows` rows and screened in `options.jobs` processes, as a file
    is.
    """
    opened = _open(frame, read)
    result = screen_chunks(opened, lists, options, rows_estimate=opened.rows_estimate)
    return result_frame(result)


def result_frame(result: ScreeningResult) -> pd.DataFrame:
    """A result's findings as a DataFrame (`ScreeningResult.to_pandas`): one row per finding,
    the report's match fields, then `finding`; the run's settings and lists in `attrs`."""
    import pandas as pd

    # Text as pandas holds text by default: `object` in pandas 2, `str` from pandas 3 on
    # (or with `future.infer_string`), which is also what `read_parquet` gives.
    text = pd.Series(["text"]).dtype
    frame = pd.DataFrame(
        {
            name: pd.Series(cells, dtype=_DTYPES.get(kind, text))
            for name, kind, cells in result_columns(result)
        }
    )
    record = result_record(result)
    frame.attrs.update({key: record[key] for key in _RUN_FIELDS if key in record})
    return frame
