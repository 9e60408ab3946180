"""Report formats: each turns a ScreeningResult into text (or bytes, for xlsx) for a file
or stdout.

One module per format; `REPORTERS` maps the `--format` names to them. Each is callable with
the result alone; the CLI also passes a `ReportContext` (input file, time, host), which
json, csv and xlsx do not need. The terminal table is drawn by the CLI (it needs rich);
every other format lives here.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Protocol, TextIO

from screening.errors import ConfigError
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


def _file_mode() -> int:
    """Read-write for all, less the process umask: what `open` would have given."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


_FILE_MODE = _file_mode()


@contextmanager
def report_file(path: Path) -> Iterator[IO[bytes]]:
    """A report file opened for writing, that appears at `path` only if the block succeeds.

    The bytes go to a temporary file beside `path`, which replaces `path` in one step when
    the block ends normally; on an error or an interruption (Ctrl-C) the temporary file is
    removed and `path` is left as it was. A reader sees the old file or the whole new one.
    A device or a named pipe (`/dev/null`) is written to directly.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ConfigError(f"cannot write {path}: folder {folder} does not exist")
    if path.is_dir():
        raise ConfigError(f"cannot write {path}: it is a directory")
    if path.exists() and not path.is_file():
        # A device or a pipe (/dev/null, /dev/stdout, a FIFO): written to as it is; replacing
        # it with a file would break it for everyone.
        try:
            with path.open("wb") as device:
                yield device
        except OSError as exc:
            raise ConfigError(f"cannot write {path}: {exc.strerror or exc}") from None
        return
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ConfigError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
        os.chmod(temporary, _FILE_MODE)  # mkstemp makes it private; a report is a normal file
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise ConfigError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextmanager
def report_text(path: Path) -> Iterator[TextIO]:
    """`report_file` for text: UTF-8, newlines written as given (the CSV writer's CRLF)."""
    with report_file(path) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        try:
            yield text
        finally:
            text.detach()  # flushes; `report_file` then closes (or drops) the file


def write_report(path: Path, text: str | bytes) -> None:
    """Write a whole report atomically (see `report_file`): text as UTF-8, or bytes."""
    with report_file(path) as stream:
        stream.write(text if isinstance(text, bytes) else text.encode("utf-8"))


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
