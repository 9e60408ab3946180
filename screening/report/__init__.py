"""Report formats: each turns a ScreeningResult into text for a file or stdout.

One module per format; `REPORTERS` maps the `--format` names to them. The terminal table
is drawn by the CLI (it needs rich); every other format lives here.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from screening.errors import ConfigError
from screening.models import ScreeningResult
from screening.report.csv import render_csv
from screening.report.fields import MATCH_FIELDS, match_record, result_record
from screening.report.json import render_json
from screening.report.summary import summary_line

__all__ = [
    "MATCH_FIELDS",
    "REPORTERS",
    "match_record",
    "render_csv",
    "render_json",
    "result_record",
    "summary_line",
    "write_report",
]

REPORTERS: dict[str, Callable[[ScreeningResult], str]] = {
    "json": render_json,
    "csv": render_csv,
}


def write_report(path: Path, text: str) -> None:
    """Write a report atomically: a reader sees the old file or the whole new one, never half.

    The text goes to a temporary file beside `path`, which then replaces it in one step.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ConfigError(f"cannot write {path}: folder {folder} does not exist")
    if path.is_dir():
        raise ConfigError(f"cannot write {path}: it is a directory")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ConfigError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise ConfigError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
