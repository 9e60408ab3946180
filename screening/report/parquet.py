"""The Parquet report: the CSV report's rows and columns, typed, for data tools.

`row` is an integer (rows sort in order), `score` a float, the yes/no fields booleans,
every other field text, lists joined with "; " as in the CSV report. Ownership findings
follow the matches, with `finding` saying which kind a row is. The Dask engine writes its
partitioned results with the same columns (`records_table`), and a result's pandas
DataFrame (`screening.frame.result_frame`) has the same columns and types (`typed_columns`).

pyarrow is an optional dependency (the `parquet` extra): without it, `--format parquet`
stops with a one-line error saying how to install it (`check_parquet`).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any

from screening.errors import ConfigError
from screening.extras import PARQUET_EXTRA, import_optional, parquet_module
from screening.models import ScreeningResult
from screening.report.fields import MATCH_FIELDS, flat, match_record, ownership_match_record

#: What `--format parquet` is called in the message when pyarrow is missing.
_NEEDED_BY = "--format parquet"
#: The column after the match fields saying which kind of finding a row is.
FINDING_FIELD = "finding"


class Kind(StrEnum):
    """The type of a column of the typed report."""

    INTEGER = "integer"
    FLOAT = "float"
    BOOLEAN = "boolean"
    TEXT = "text"


#: Columns that are not text.
_KINDS = {
    "row": Kind.INTEGER,
    "score": Kind.FLOAT,
    "fails_gate": Kind.BOOLEAN,
    "cleared": Kind.BOOLEAN,
    "in_baseline": Kind.BOOLEAN,
}


def _text(value: Any) -> str | None:
    return None if value is None else str(flat(value))


def typed_columns(
    records: Sequence[Mapping[str, Any]],
    *,
    before: Mapping[str, Sequence[str]] | None = None,
    after: Mapping[str, Sequence[str]] | None = None,
) -> list[tuple[str, Kind, list[Any]]]:
    """The records' `MATCH_FIELDS` as (name, kind, cells) columns, text cells made text
    (None stays None), with text columns `before` and `after` them (one value per record).
    What the Parquet report and the DataFrame of a result are both built from."""
    columns: list[tuple[str, Kind, list[Any]]] = [
        (name, Kind.TEXT, list(values)) for name, values in (before or {}).items()
    ]
    for name in MATCH_FIELDS:
        kind = _KINDS.get(name, Kind.TEXT)
        cells: list[Any] = [r[name] for r in records]
        columns.append((name, kind, [_text(v) for v in cells] if kind is Kind.TEXT else cells))
    columns += [(name, Kind.TEXT, list(values)) for name, values in (after or {}).items()]
    return columns


def result_columns(result: ScreeningResult) -> list[tuple[str, Kind, list[Any]]]:
    """The matches, then the ownership findings, as typed columns, `finding` last."""
    records = [match_record(f, result.gate) for f in result.findings]
    records += [ownership_match_record(o, result.gate) for o in result.ownership]
    kinds = [r["finding"] for r in records]
    return typed_columns(records, after={FINDING_FIELD: kinds})


def check_parquet(needed_by: str = _NEEDED_BY) -> None:
    """Raise ConfigError, before any work, when pyarrow is not installed."""
    parquet_module(needed_by, ConfigError)


def _arrow_table(columns: Sequence[tuple[str, Kind, list[Any]]]) -> Any:
    """Typed columns as a pyarrow Table (a schema and no rows when they are empty)."""
    pa = import_optional("pyarrow", PARQUET_EXTRA, _NEEDED_BY)
    types = {
        Kind.INTEGER: pa.int64(),
        Kind.FLOAT: pa.float64(),
        Kind.BOOLEAN: pa.bool_(),
        Kind.TEXT: pa.string(),
    }
    fields = [pa.field(name, types[kind]) for name, kind, _ in columns]
    arrays = [pa.array(cells, types[kind]) for _, kind, cells in columns]
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def records_table(
    records: Sequence[Mapping[str, Any]],
    *,
    before: Mapping[str, Sequence[str]] | None = None,
    after: Mapping[str, Sequence[str]] | None = None,
) -> Any:
    """The records' `MATCH_FIELDS` as a pyarrow Table (a schema and no rows when empty),
    with text columns `before` and `after` them (one value per record)."""
    return _arrow_table(typed_columns(records, before=before, after=after))


def render_parquet(result: ScreeningResult) -> bytes:
    """The matches, then the ownership findings, as one Parquet file."""
    pq = parquet_module(_NEEDED_BY)
    buffer = io.BytesIO()
    pq.write_table(_arrow_table(result_columns(result)), buffer)
    return buffer.getvalue()
