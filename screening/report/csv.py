"""The CSV report: one row per match, the JSON match fields as columns.

Ownership findings follow as extra rows in the same columns; the last column, `finding`,
says which kind a row is (`name` or `ownership`).

Cells that a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage
return) get a leading apostrophe, the OWASP advice against CSV injection, since list and
input names come from outside.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from screening.models import ScreeningResult
from screening.report.fields import MATCH_FIELDS, match_record, ownership_match_record

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: Any) -> str:
    """Text of one cell, made inert for spreadsheets; lists joined with '; '."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    text = str(value)
    if isinstance(value, str) and text.startswith(_FORMULA_START):
        return "'" + text
    return text


def render_csv(result: ScreeningResult) -> str:
    """The matches, then the ownership findings, as CSV with a header row (a header alone
    when nothing matched)."""
    buffer = io.StringIO()
    # CRLF as RFC 4180 asks; it also makes the writer quote any cell holding a bare CR.
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow((*MATCH_FIELDS, "finding"))
    for finding in result.findings:
        record = match_record(finding, result)
        writer.writerow([*(neutralise_cell(record[field]) for field in MATCH_FIELDS), "name"])
    for ownership in result.ownership:
        record = ownership_match_record(ownership, result)
        writer.writerow([*(neutralise_cell(record[field]) for field in MATCH_FIELDS), "ownership"])
    return buffer.getvalue()
