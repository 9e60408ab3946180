"""The Parquet report: the CSV report's rows and columns, typed, for data tools.

`row` is an integer (rows sort in order), `score` a float, the yes/no fields booleans,
every other field text, lists joined with "; " as in the CSV report. Ownership findings
follow the matches, with `finding` saying which kind a row is. The Dask engine writes its
partitioned results with the same columns (`records_table`).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

from screening.models import ScreeningResult
from screening.report.fields import MATCH_FIELDS, flat, match_record, ownership_match_record

#: Columns that are not text.
_INTEGER_FIELDS = frozenset({"row"})
_FLOAT_FIELDS = frozenset({"score"})
_BOOL_FIELDS = frozenset({"fails_gate", "cleared", "in_baseline"})


def _text(value: Any) -> str | None:
    return None if value is None else str(flat(value))


def records_table(
    records: Sequence[Mapping[str, Any]],
    *,
    before: Mapping[str, Sequence[str]] | None = None,
    after: Mapping[str, Sequence[str]] | None = None,
) -> Any:
    """The records' `MATCH_FIELDS` as a pyarrow Table (a schema and no rows when empty),
    with text columns `before` and `after` them (one value per record)."""
    import pyarrow as pa

    fields, columns = [], []
    for name, values in (before or {}).items():
        fields.append(pa.field(name, pa.string()))
        columns.append(pa.array(list(values), pa.string()))
    for name in MATCH_FIELDS:
        cells: list[Any] = [r[name] for r in records]
        if name in _INTEGER_FIELDS:
            kind = pa.int64()
        elif name in _FLOAT_FIELDS:
            kind = pa.float64()
        elif name in _BOOL_FIELDS:
            kind = pa.bool_()
        else:
            kind, cells = pa.string(), [_text(v) for v in cells]
        fields.append(pa.field(name, kind))
        columns.append(pa.array(cells, kind))
    for name, values in (after or {}).items():
        fields.append(pa.field(name, pa.string()))
        columns.append(pa.array(list(values), pa.string()))
    return pa.Table.from_arrays(columns, schema=pa.schema(fields))


def render_parquet(result: ScreeningResult) -> bytes:
    """The matches, then the ownership findings, as one Parquet file."""
    import pyarrow.parquet as pq

    records = [match_record(f, result.gate) for f in result.findings]
    records += [ownership_match_record(o, result.gate) for o in result.ownership]
    kinds = ["name"] * len(result.findings) + ["ownership"] * len(result.ownership)
    buffer = io.BytesIO()
    pq.write_table(records_table(records, after={"finding": kinds}), buffer)
    return buffer.getvalue()
