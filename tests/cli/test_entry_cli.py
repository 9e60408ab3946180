"""How `screen` is called: --version, -h, several FILEs in one run, and the pre-commit hook
(which passes every changed file at once)."""

from __future__ import annotations

import re
import shlex
from importlib.metadata import version

import pytest
from clirun import REPO, invoke, one_line_error, runner
from screening_cli.app import app
from typer.testing import CliRunner

SUPPLIERS = REPO / "fixtures" / "suppliers.csv"
HOOKS = REPO / ".pre-commit-hooks.yaml"


def test_version_is_the_package_version():
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"screen {version('screening')}\n"


@pytest.mark.parametrize("command", [[], ["check"], ["lookup"], ["config"], ["update"]])
def test_h_is_help(command):
    short, long = invoke(*command, "-h"), invoke(*command, "--help")
    assert short.exit_code == long.exit_code == 0
    assert short.stdout == long.stdout and "Usage: " in short.stdout


def clean_and_listed(tmp_path):
    clean = tmp_path / "a" / "vendors.csv"
    listed = tmp_path / "b" / "vendors.csv"
    rows = {clean: "V1,Acme Widgets GmbH,DE\n", listed: "V2,Huawei Technologies Co Ltd,CN\n"}
    for path, row in rows.items():
        path.parent.mkdir()
        path.write_text("id,name,country\n" + row, encoding="utf-8")
    return clean, listed


def test_several_files_are_each_screened_and_the_worst_code_wins(tmp_path):
    clean, listed = clean_and_listed(tmp_path)
    result = invoke(clean, listed)
    assert result.exit_code == 1, result.stderr
    starts = [line for line in result.stderr.splitlines() if line.startswith("Screening ")]
    assert starts == [f"Screening {clean}", f"Screening {listed}"]
    assert result.stderr.count("Screened 1 row against") == 2
    assert invoke(clean, clean).exit_code == 0
    missing = invoke(tmp_path / "nope.csv", listed)  # the next file is still screened
    assert missing.exit_code == 2 and "nope.csv" in missing.stderr
    assert "Huawei" in missing.stdout


def test_several_files_without_lists_stop_at_the_first(tmp_path):
    clean, listed = clean_and_listed(tmp_path)
    result = runner.invoke(app, [str(clean), str(listed)], env={"SCREEN_LIST": None})
    assert result.exit_code == 2
    assert result.stderr.count("no screening lists installed") == 1


@pytest.mark.parametrize(
    ("options", "says"),
    [
        (["-o", "out.txt"], "--output takes one report: give one FILE, not 2 FILEs"),
        (["-f", "json"], "--format json makes one document per run: give one FILE, not 2 FILEs"),
    ],
)
def test_several_files_refuse_one_document_reports(tmp_path, options, says):
    clean, listed = clean_and_listed(tmp_path)
    assert says in one_line_error(invoke(clean, listed, *options))


def _hook() -> dict[str, str]:
    """The hook's fields, read from the YAML's `key: value` lines."""
    text = HOOKS.read_text(encoding="utf-8")
    return dict(re.findall(r"^\s*-?\s*(\w+): (.+)$", text, re.M))


def test_the_pre_commit_hook_screens_every_file_it_is_given(tmp_path, monkeypatch):
    hook = _hook()
    assert hook["pass_filenames"] == "true" and hook["entry"].split()[0] == "screen"
    clean, listed = clean_and_listed(tmp_path)
    assert re.search(hook["files"], str(clean)) and re.search(hook["files"], str(listed))
    monkeypatch.chdir(tmp_path)
    # pre-commit runs: entry, then the args of the user's config, then the changed files.
    argv = [*shlex.split(hook["entry"])[1:], "--decisions", "decisions.csv", "a/vendors.csv",
            "b/vendors.csv"]  # fmt: skip
    runner = CliRunner(env={"SCREEN_LIST": "sample", "SCREEN_CONFIG": "", "SCREEN_NO_AUDIT": "1"})
    result = runner.invoke(app, argv)
    assert result.exit_code == 1, result.stderr
    assert "Screening b/vendors.csv" in result.stderr and "Huawei" in result.stdout
    assert result.stderr.count("Screened 1 row against") == 2
