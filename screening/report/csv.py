"""The CSV report: one row per match, the JSON match fields as columns.

Ownership findings follow as extra rows in the same columns; the last column, `finding`,
says which kind a row is (`name`, `identifier` or `address` for a listing the row meets by
its name, an identifier or an address alone; `ownership`).

With `bom`, the text begins with a UTF-8 byte-order mark (U+FEFF): Excel opens a CSV file
without one in the system's code page (GBK on Chinese Windows, cp1252 in Western Europe),
which garbles every Chinese name; with it, Excel reads UTF-8. Other readers (pandas with
`utf-8-sig`, Python's csv with the same, LibreOffice) skip the mark; plain `utf-8` readers
see it at the start of the first header, so it is asked for, not the default.

Cells that a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage
return) get a leading apostrophe, the OWASP advice against CSV injection, since list and
input names come from outside.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any, TextIO

from screening.models import Finding, Gate, ScreeningResult
from screening.report.fields import MATCH_FIELDS, flat, match_record, ownership_match_record

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: The byte-order mark that tells Excel a CSV file is UTF-8.
BOM = "\ufeff"


def neutralise_cell(value: Any) -> str:
    """Text of one cell, made inert for spreadsheets; lists joined with '; '."""
    if value is None:
        return ""
    value = flat(value)
    text = str(value)
    if isinstance(value, str) and text.startswith(_FORMULA_START):
        return "'" + text
    return text


class CsvStream:
    """The CSV report written as findings arrive: the header at once, then each chunk's rows,
    then (`finish`) the ownership findings. `gate` is the run's, which each row's
    `fails_gate` column reports; `bom` starts the text with the UTF-8 byte-order mark."""

    def __init__(self, out: TextIO, gate: Gate, *, bom: bool = False) -> None:
        if bom:
            out.write(BOM)
        # CRLF as RFC 4180 asks; it also makes the writer quote any cell holding a bare CR.
        self._writer = csv.writer(out, lineterminator="\r\n")
        self._gate = gate
        self._writer.writerow((*MATCH_FIELDS, "finding"))

    def write(self, findings: Iterable[Finding]) -> None:
        """Rows for some findings of the run."""
        for finding in findings:
            record = match_record(finding, self._gate)
            self._writer.writerow(
                [*(neutralise_cell(record[f]) for f in MATCH_FIELDS), record["finding"]]
            )

    def finish(self, result: ScreeningResult) -> None:
        """Rows for the ownership findings, which come once every row has been screened."""
        for ownership in result.ownership:
            record = ownership_match_record(ownership, result.gate)
            self._writer.writerow(
                [*(neutralise_cell(record[f]) for f in MATCH_FIELDS), record["finding"]]
            )


def render_csv(result: ScreeningResult, *, bom: bool = False) -> str:
    """The matches, then the ownership findings, as CSV with a header row (a header alone
    when nothing matched); with `bom`, after a byte-order mark for Excel."""
    buffer = io.StringIO()
    stream = CsvStream(buffer, result.gate, bom=bom)
    stream.write(result.findings)
    stream.finish(result)
    return buffer.getvalue()
