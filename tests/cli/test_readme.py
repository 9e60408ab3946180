"""The README's pasted help and commands stay true to the tool."""

from __future__ import annotations

import re
from pathlib import Path

from screening_cli.app import app
from typer.testing import CliRunner

README = Path(__file__).resolve().parents[2] / "README.md"
CI_RUN = Path(__file__).resolve().parents[2] / ".ci" / "run"


def test_readme_help_block_matches_screen_help():
    text = README.read_text(encoding="utf-8")
    block = re.search(r"<!-- help:start -->\n```\n(.*?)```\n<!-- help:end -->", text, re.S)
    assert block, "README has no help block between the markers"
    result = CliRunner(env={"COLUMNS": "80"}).invoke(app, ["--help"])
    assert result.exit_code == 0
    assert block.group(1).strip() == result.stdout.strip()


def test_ci_runs_the_readme_test_command():
    readme = README.read_text(encoding="utf-8")
    command = next(line for line in readme.splitlines() if "pytest" in line and "pip" in line)
    assert command in CI_RUN.read_text(encoding="utf-8").splitlines()
