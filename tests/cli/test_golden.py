"""Golden reports of the bundled sample: any change in matching or output shows as a diff.

Rewrite them with `pytest --update-golden` and review the diff before committing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from screening_cli.app import app
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "golden"

runner = CliRunner(  # no installed lists: the bundled sample, asked for by name
    env={
        "COLUMNS": "200",
        "NO_COLOR": "1",
        "TERM": "dumb",
        "SCREEN_DATA_DIR": str(REPO / ".none"),
        "SCREEN_LIST": "sample",
        "SCREEN_CONFIG": "",
    }
)

CASES = {
    "suppliers_2025-03-26.json": [
        "fixtures/suppliers.csv",
        "--as-of",
        "2025-03-26",
        "--format",
        "json",
    ],
    "suppliers_2025-03-24.csv": [
        "fixtures/suppliers.csv",
        "--as-of",
        "2025-03-24",
        "--format",
        "csv",
    ],
    "suppliers_2025-03-26.txt": ["fixtures/suppliers.csv", "--as-of", "2025-03-26"],
}


def _stable(name: str, text: str) -> str:
    """Replace what depends on where the repository sits (the list's absolute path)."""
    if name.endswith(".json"):
        report = json.loads(text)
        for used in report["lists"]:
            path = Path(used["path"])
            used["path"] = (
                path.relative_to(REPO).as_posix() if path.is_relative_to(REPO) else path.name
            )
        return json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    return text


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name, request, monkeypatch):
    monkeypatch.chdir(REPO)
    result = runner.invoke(app, CASES[name])
    assert result.exit_code == 1, result.stderr
    actual = _stable(name, result.stdout)
    golden = GOLDEN / name
    if request.config.getoption("--update-golden"):
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"{golden} missing: run pytest --update-golden"
    assert actual == golden.read_text(encoding="utf-8")
