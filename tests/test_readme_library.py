"""The README's "Using it as a library" examples run as written, against the repository's
fixtures, and their commented results hold."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"


def _library_blocks() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Using it as a library\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.S)


def test_the_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    blocks = _library_blocks()
    assert len(blocks) == 4
    monkeypatch.chdir(tmp_path)
    (tmp_path / "fixtures").symlink_to(REPO / "fixtures")
    namespace: dict[str, object] = {}
    for number, block in enumerate(blocks):
        exec(compile(block, str(README), "exec"), namespace)
        if number == 0:  # its commented output is what it prints
            printed = capsys.readouterr().out.splitlines()
            assert printed == [line[2:] for line in block.splitlines() if line.startswith("# ")]
        if number == 1:  # the frame equals the result's, as its comment says
            assert eval("result.to_pandas().equals(hits)", namespace) is True
            assert eval("len(hits) > 0", namespace)
    result = namespace["result"]
    # The streaming block wrote a CSV report of every finding.
    with (tmp_path / "hits.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(result.findings) > 0  # type: ignore[attr-defined]


def test_the_commented_values_are_the_values() -> None:
    """`expression  # value` lines of the examples evaluate to that value."""
    blocks = _library_blocks()
    namespace: dict[str, object] = {}
    checked = 0
    for block in blocks[2:3]:  # score_names: no files needed
        exec(compile(block, str(README), "exec"), namespace)
        statements = re.findall(r"^(score_names\(.*?\))\s*# ([\d.]+)", block, re.S | re.M)
        for expression, value in statements:
            assert eval(expression, namespace) == float(value), expression
            checked += 1
    assert checked == 2
