"""Sending a result where it goes: the report to stdout or --output (streamed as rows are
screened where the format allows), the warnings and the one-line summary to stderr, and the
exit code."""

from __future__ import annotations

import io
import socket
import sys
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from screening_cli.options import FormatChoice, TableView
from screening_cli.runner import stdout_report

if TYPE_CHECKING:
    from screening.models import Finding, Gate, ScreeningResult, Supplier
    from screening.report import CsvStream, ReportContext
    from screening.screen import ChunkSink


AllHitsOption = Annotated[
    bool,
    typer.Option(
        "--all-hits",
        help="Table: one line per listing that matched, instead of one per row (or per party "
        "for a lookup) with its listings grouped.",
    ),
]

BomOption = Annotated[
    bool,
    typer.Option(
        "--bom",
        envvar="SCREEN_CSV_BOM",
        help="CSV: begin with a UTF-8 byte-order mark, so that Excel (on Chinese Windows, "
        "and elsewhere) reads the file as UTF-8 instead of the system code page. Other "
        "formats are not changed.",
    ),
]

#: Formats written as bytes: they need --output.
_BINARY = {FormatChoice.xlsx: "FILE.xlsx", FormatChoice.parquet: "FILE.parquet"}


def check_output(fmt: FormatChoice, output: Path | None) -> None:
    """Refuse, before any work, a binary format without a file to write it to, and
    `--format parquet` without pyarrow (an optional dependency)."""
    from screening.errors import ConfigError

    if fmt in _BINARY and output is None:
        raise ConfigError(
            f"--format {fmt.value} writes a binary file: give --output {_BINARY[fmt]}"
        )
    if fmt is FormatChoice.parquet:
        from screening.report.parquet import check_parquet

        check_parquet()


def context(
    file: Path | None, started: datetime, elapsed: float, rows: Sequence[Supplier] | None = None
) -> ReportContext:
    """What the reports need beyond the result: the input file, the time and the host, and
    every input row for a format with one item per row."""
    from screening.report import ReportContext

    return ReportContext(
        input_path=None if file is None or str(file) == "-" else file,
        base_dir=Path.cwd(),
        timestamp=started.replace(microsecond=0),
        hostname=socket.gethostname(),
        elapsed=elapsed,
        suppliers=tuple(rows or ()),
    )


class Streaming:
    """What a report needs while the rows are screened: a CSV report is written chunk by
    chunk (`csv`), a JUnit report keeps the rows it has one test case for (`rows`), so the
    input is read once, standard input and pipes included."""

    def __init__(self, csv: CsvStream | None, keep_rows: bool) -> None:
        self.csv = csv
        self.rows: list[Supplier] | None = [] if keep_rows else None

    def sink(self) -> ChunkSink | None:
        """The callback `screen_file` gives each chunk to, if this report needs one."""
        if self.csv is None and self.rows is None:
            return None
        return self._take

    def _take(self, chunk: Sequence[Supplier], findings: Sequence[Finding]) -> None:
        if self.csv is not None:
            self.csv.write(findings)
        if self.rows is not None:
            self.rows.extend(chunk)


@contextmanager
def streaming(
    fmt: FormatChoice, output: Path | None, gate: Gate, *, bom: bool = False
) -> Iterator[Streaming]:
    """Set up the streamed part of a report for the block that screens the rows (`bom`: a
    CSV report starts with a byte-order mark)."""
    from screening.report import CsvStream, report_text

    with ExitStack() as scope:
        csv = None
        if fmt is FormatChoice.csv:  # written as the rows are screened
            if output is not None:
                out = scope.enter_context(report_text(output))
            else:
                scope.enter_context(stdout_report())
                out = sys.stdout
            csv = CsvStream(out, gate, bom=bom)
        yield Streaming(csv, keep_rows=fmt is FormatChoice.junit)


def emit(
    result: ScreeningResult,
    fmt: FormatChoice,
    output: Path | None,
    where: ReportContext | None = None,
    *,
    written: bool = False,
    view: TableView = TableView.ROWS,
    bom: bool = False,
) -> None:
    """Send the report to stdout or --output (unless already `written` as it was made),
    then the warnings and the summary line to stderr. `view` says what a line of the table
    report stands for; `bom` starts a CSV report with a byte-order mark."""
    from screening.lists import BUNDLED_SAMPLE_NOTE
    from screening.report import REPORTERS, render_csv, summary_line, write_report
    from screening_cli.render import (
        console,
        file_console,
        print_table,
        print_warning,
        print_warnings,
    )

    if written:  # streamed to its destination while the rows were screened
        pass
    elif fmt is FormatChoice.table and output is None:
        with stdout_report():
            print_table(console(), result, view)
    elif fmt is FormatChoice.table:
        assert output is not None
        buffer = io.StringIO()
        print_table(file_console(buffer), result, view)
        lines = buffer.getvalue().splitlines()  # rich pads the title to the full width
        write_report(output, "".join(line.rstrip() + "\n" for line in lines))
    else:
        check_output(fmt, output)
        if fmt is FormatChoice.csv:
            text: str | bytes = render_csv(result, bom=bom)
        else:
            text = REPORTERS[fmt.value](result, where)
        if output is not None:
            write_report(output, text)
        else:
            assert isinstance(text, str)  # binary formats need --output (check_output)
            with stdout_report():
                sys.stdout.write(text)
    stderr = console(stderr=True)
    if any(s.bundled for s in result.lists):
        print_warning(stderr, BUNDLED_SAMPLE_NOTE)
    if result.ownership_review is not None:
        for warning in result.ownership_review.warnings:
            print_warning(stderr, warning)
    print_warnings(stderr, result.warnings)
    stderr.print(summary_line(result), highlight=False, soft_wrap=True)


def exit_code(result: ScreeningResult, strict: bool = False) -> int:
    """2 when `strict` and a row could not be screened; 1 when the run fails its gate."""
    from screening.gate import run_fails_gate

    if strict and result.skipped:
        return 2
    return 1 if run_fails_gate(result) else 0
