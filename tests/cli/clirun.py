"""What the CLI tests share: a runner with a fixed terminal and no installed lists, and the
check that a run failed as an input error should."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from screening_cli.app import app
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parents[2]

#: Wide, colourless output; SCREEN_DATA_DIR points nowhere, so nothing installed on the
#: machine is used, and SCREEN_LIST asks for the bundled sample (a run without a list would
#: stop with exit 2); no config file is read; runs are recorded in an audit database of the
#: test session's own, never in the data directory. The interface is English whatever the
#: machine's locale (tests of other languages ask for them).
runner = CliRunner(
    env={
        "COLUMNS": "200",
        "NO_COLOR": "1",
        "TERM": "dumb",
        "SCREEN_DATA_DIR": str(REPO / ".none"),
        "SCREEN_LIST": "sample",
        "SCREEN_CONFIG": "",
        "SCREEN_DB": f"sqlite:///{tempfile.mkdtemp(prefix='screen-audit-')}/audit.sqlite3",
        "SCREEN_LANG": None,
        "LANGUAGE": None,
        "LC_ALL": None,
        "LC_MESSAGES": None,
        "LANG": "C.UTF-8",
    }
)


def invoke(*args: object) -> Any:
    """Run `screen` with these arguments (paths allowed)."""
    return runner.invoke(app, [str(a) for a in args])


def one_line_error(result: Any) -> str:
    """Assert the run failed as an input error: exit 2, one line on stderr, no traceback."""
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stdout == ""
    return lines[0]
