"""The Excel report: sheet "Hits" with the CSV columns, sheet "Run" with the settings,
lists and counts. Returns the workbook's bytes.

Names come from outside, so a cell starting with =, +, - or @ is stored as text (never a
formula), and characters a worksheet cannot hold are replaced.
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from screening.models import ScreeningResult
from screening.report.fields import (
    MATCH_FIELDS,
    flat,
    match_record,
    ownership_match_record,
    result_record,
)

HITS_COLUMNS: tuple[str, ...] = (*MATCH_FIELDS, "finding")
_FORMULA_START = ("=", "+", "-", "@")
#: Column width cap (characters): explanations run long; the cell keeps all the text.
MAX_WIDTH = 60


def _value(value: Any) -> Any:
    if value is None:
        return None
    value = flat(value)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    return value


def _append(sheet: Worksheet, values: list[Any], bold: bool = False) -> None:
    sheet.append([_value(v) for v in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith(_FORMULA_START):
            cell.data_type = "s"  # text, never a formula
            cell.quotePrefix = True
        if bold:
            cell.font = Font(bold=True)


def _fit_columns(sheet: Worksheet) -> None:
    for index, column in enumerate(sheet.iter_cols(values_only=True), start=1):
        width = max((len(str(v)) for v in column if v is not None), default=8)
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, MAX_WIDTH)


def _hits_sheet(sheet: Worksheet, result: ScreeningResult) -> None:
    _append(sheet, list(HITS_COLUMNS), bold=True)
    for finding in result.findings:
        record = match_record(finding, result.gate)
        _append(sheet, [*(record[f] for f in MATCH_FIELDS), record["finding"]])
    for owned in result.ownership:
        record = ownership_match_record(owned, result.gate)
        _append(sheet, [*(record[f] for f in MATCH_FIELDS), record["finding"]])
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(HITS_COLUMNS))}{sheet.max_row}"
    _fit_columns(sheet)


def _run_sheet(sheet: Worksheet, result: ScreeningResult) -> None:
    record = result_record(result)
    for key in ("as_of", "threshold", "fail_on"):
        _append(sheet, [key, record[key]])
    _append(sheet, [])
    _append(sheet, ["summary"], bold=True)
    for key, value in record["summary"].items():
        _append(sheet, [key, value])
    _append(sheet, [])
    list_columns = ["name", "path", "format", "date", "entries", "sha256"]
    _append(sheet, ["lists"], bold=True)
    _append(sheet, list_columns, bold=True)
    for snapshot in record["lists"]:
        _append(sheet, [snapshot[c] for c in list_columns])
    _fit_columns(sheet)


def render_xlsx(result: ScreeningResult) -> bytes:
    """The result as an .xlsx workbook."""
    book = Workbook()
    hits = book.active
    assert hits is not None  # a new workbook has one sheet
    hits.title = "Hits"
    _hits_sheet(hits, result)
    _run_sheet(book.create_sheet("Run"), result)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
