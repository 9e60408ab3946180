"""Report formats: each turns a ScreeningResult into text (or bytes, for xlsx) for a file
or stdout.

One module per format; `REPORTERS` maps the `--format` names to them. Each is callable with
the result alone; the CLI also passes a `ReportContext` (input file, time, host), which
json, csv and xlsx do not need. The terminal table is drawn by the CLI (it needs rich);
every other format lives here.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import IO, Protocol, TextIO

from screening.errors import ConfigError
from screening.files import atomic_file, atomic_text, write_atomic
from screening.models import ScreeningResult
from screening.report.context import ReportContext
from screening.report.csv import CsvStream, render_csv
from screening.report.fields import MATCH_FIELDS, match_record, result_record
from screening.report.github import render_github
from screening.report.html import render_html
from screening.report.json import render_json
from screening.report.junit import render_junit
from screening.report.parquet import render_parquet
from screening.report.sarif import render_sarif
from screening.report.summary import summary_line

__all__ = [
    "BINARY_FORMATS",
    "check_output_path",
    "CsvStream",
    "MATCH_FIELDS",
    "REPORTERS",
    "ReportContext",
    "Reporter",
    "match_record",
    "render_csv",
    "render_github",
    "render_html",
    "render_json",
    "render_junit",
    "render_parquet",
    "render_sarif",
    "render_xlsx",
    "report_file",
    "report_text",
    "result_record",
    "summary_line",
    "write_report",
]


def render_xlsx(result: ScreeningResult) -> bytes:
    """The result as an .xlsx workbook (see `screening.report.xlsx`; openpyxl, which takes
    a third of a second to import, is loaded only for this format)."""
    from screening.report.xlsx import render_xlsx as render

    return render(result)


class Reporter(Protocol):
    """A report format: the result (and optionally the context) in, text or bytes out."""

    def __call__(
        self, result: ScreeningResult, context: ReportContext | None = None
    ) -> str | bytes: ...


def _without_context(render: Callable[[ScreeningResult], str | bytes]) -> Reporter:
    def reporter(result: ScreeningResult, context: ReportContext | None = None) -> str | bytes:
        return render(result)

    reporter.__doc__ = render.__doc__
    return reporter


REPORTERS: dict[str, Reporter] = {
    "json": _without_context(render_json),
    "csv": _without_context(render_csv),
    "junit": render_junit,
    "sarif": render_sarif,
    "github": render_github,
    "html": render_html,
    "xlsx": _without_context(render_xlsx),
    "parquet": _without_context(render_parquet),
}

#: Formats written as bytes: they need --output.
BINARY_FORMATS = frozenset({"xlsx", "parquet"})


def report_file(path: Path) -> AbstractContextManager[IO[bytes]]:
    """A report file opened for writing, that appears at `path` only if the block succeeds
    (`screening.files.atomic_file`: a reader sees the old file or the whole new one; a
    device or a named pipe such as `/dev/null` is written to directly)."""
    return atomic_file(path)


def report_text(path: Path) -> AbstractContextManager[TextIO]:
    """`report_file` for text: UTF-8, newlines written as given (the CSV writer's CRLF)."""
    return atomic_text(path)


def write_report(path: Path, text: str | bytes) -> None:
    """Write a whole report atomically (see `report_file`): text as UTF-8, or bytes."""
    write_atomic(path, text)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_output_path(output: Path, used: Iterable[tuple[str, Path | None]]) -> None:
    """Refuse a report path that is a file the run reads or writes: `used` names each (the
    supplier file, a decisions file, a list, the audit database...) with what it is.

    Writing the report there would replace the file with the report, silently, and the audit
    trail would record the report's digest as the input's. A folder in `used` (a list
    snapshot) covers every file inside it. Devices and pipes (`/dev/stdout`) are never the
    same as a file, so they stay allowed."""
    target = output.resolve()
    for what, path in used:
        if path is None or str(path) == "-":
            continue
        here = path.resolve()
        inside = here.is_dir() and target.is_relative_to(here)
        if target == here or inside or _same_file(output, path):
            raise ConfigError(
                f"--output {output} would overwrite the {what} {path}: write the report "
                "to another file"
            )
