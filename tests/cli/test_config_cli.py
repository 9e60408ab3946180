"""The config file on the command line: each setting from the file, overridden by its SCREEN_*
variable, overridden by its option (option > environment > file > default), and
`screen config` showing the outcome."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from clirun import REPO
from screening_cli.app import app
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_gate_cli import NO_LISTS, install, lines

SUPPLIERS = REPO / "fixtures" / "suppliers.csv"
SAMPLE = REPO / "fixtures" / "lists" / "sample_csl.csv"
#: Every environment variable a setting has, unset unless a test sets it.
UNSET: dict[str, str | None] = dict.fromkeys(
    ("SCREEN_LIST", "SCREEN_THRESHOLD", "SCREEN_FAIL_ON", "SCREEN_DECISIONS",
     "SCREEN_MAX_AGE_DAYS", "SCREEN_ALLOW_STALE", "SCREEN_LANG", "SCREEN_CONFIG")
)  # fmt: skip


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with a folder `work` below it, the current folder of every run."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    return tmp_path


def settings(project: Path, text: str) -> None:
    (project / "pyproject.toml").write_text(f'[project]\nname = "p"\n\n[tool.screen]\n{text}\n')


def run(project: Path, *args: object, **env: str) -> Any:
    runner = CliRunner(
        env={
            "COLUMNS": "200",
            "NO_COLOR": "1",
            "TERM": "dumb",
            "SCREEN_DATA_DIR": str(project / "data"),
            "SCREEN_NO_AUDIT": "1",
            **UNSET,
            **env,
        }
    )
    return runner.invoke(app, [str(a) for a in args])


def report(result: Any) -> dict[str, Any]:
    assert result.exit_code in (0, 1), result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def shown(project: Path, **env: str) -> dict[str, dict[str, Any]]:
    result = run(project, "config", "--format", "json", **env)
    assert result.exit_code == 0, result.stderr
    found: dict[str, dict[str, Any]] = json.loads(result.stdout)["settings"]
    return found


def test_threshold_option_over_environment_over_file_over_default(project):
    args = [SUPPLIERS, "-l", "sample", "-f", "json"]
    assert report(run(project, *args))["threshold"] == 85
    settings(project, "threshold = 95")
    assert report(run(project, *args))["threshold"] == 95
    assert report(run(project, *args, SCREEN_THRESHOLD="90"))["threshold"] == 90
    assert report(run(project, *args, "-t", "99", SCREEN_THRESHOLD="90"))["threshold"] == 99
    assert shown(project)["threshold"] == {"value": 95, "from": "config file"}
    env = shown(project, SCREEN_THRESHOLD="90")["threshold"]
    assert env == {"value": 90, "from": "environment SCREEN_THRESHOLD"}


def test_fail_on_option_over_environment_over_file_over_default(project):
    args = [SUPPLIERS, "-l", "sample", "-f", "json"]
    assert report(run(project, *args))["fail_on"] == "pending"
    settings(project, 'fail-on = "never"')
    never = run(project, *args)
    assert never.exit_code == 0 and report(never)["fail_on"] == "never"
    assert report(run(project, *args, SCREEN_FAIL_ON="any"))["fail_on"] == "any"
    both = run(project, *args, "--fail-on", "in-force", SCREEN_FAIL_ON="any")
    assert report(both)["fail_on"] == "in-force"
    assert shown(project)["fail_on"] == {"value": "never", "from": "config file"}


def test_lists_option_over_environment_over_file_and_no_default(project):
    for name in ("file.csv", "env.csv", "option.csv"):
        (project / name).write_bytes(SAMPLE.read_bytes())
    args = [SUPPLIERS, "-f", "json", "--allow-stale"]
    assert lines(run(project, *args).stderr) == [NO_LISTS]
    settings(project, 'lists = ["file.csv"]')  # relative to the file's folder, not the run's

    def used(result: Any) -> list[str]:
        return [s["path"] for s in report(result)["lists"]]

    assert used(run(project, *args)) == [str(project / "file.csv")]
    env = str(project / "env.csv")
    assert used(run(project, *args, SCREEN_LIST=env)) == [env]
    chosen = run(project, *args, "-l", project / "option.csv", SCREEN_LIST=env)
    assert used(chosen) == [str(project / "option.csv")]
    assert shown(project)["lists"] == {"value": [str(project / "file.csv")], "from": "config file"}
    settings(project, 'lists = "sample"')
    assert report(run(project, *args))["lists"][0]["bundled_sample"]


def test_decisions_option_over_environment_over_file(project):
    args = [SUPPLIERS, "-l", "sample"]

    def decisions_used(result: Any) -> str:
        (line,) = [line for line in lines(result.stderr) if "decisions file" in line]
        return line.split("decisions file ")[1].split(" does not exist")[0]

    settings(project, 'decisions = "review/decisions.csv"')
    assert decisions_used(run(project, *args)) == str(project / "review" / "decisions.csv")
    assert decisions_used(run(project, *args, SCREEN_DECISIONS="env.csv")) == "env.csv"
    both = run(project, *args, "--decisions", "opt.csv", SCREEN_DECISIONS="env.csv")
    assert decisions_used(both) == "opt.csv"


def test_review_writes_to_the_decisions_file_the_config_names(project):
    settings(project, 'lists = ["sample"]\ndecisions = "decisions.csv"')
    args = ["review", "--entry-id", "sample-el-015", "--input-id", "V0001", "--decision",
            "false_positive", "--reason", "another company", "--reviewer", "kim"]  # fmt: skip
    result = run(project, *args)
    assert result.exit_code == 0, result.stderr
    assert (project / "decisions.csv").read_text().count("sample-el-015") == 1
    assert not (project / "work" / "decisions.csv").exists()
    screened = report(run(project, SUPPLIERS, "-f", "json"))
    (cleared,) = [m for m in screened["matches"] if m["cleared"]]
    assert (cleared["input_id"], cleared["entry_id"]) == ("V0001", "sample-el-015")


def test_max_age_days_option_over_environment_over_file_over_default(project):
    install(project / "data", days_old=30)
    assert run(project, SUPPLIERS).exit_code == 2  # default: 7 days
    settings(project, "max_age_days = 60")
    assert run(project, SUPPLIERS).exit_code == 1
    assert run(project, SUPPLIERS, SCREEN_MAX_AGE_DAYS="10").exit_code == 2
    both = run(project, SUPPLIERS, "--max-age-days", "60", SCREEN_MAX_AGE_DAYS="10")
    assert both.exit_code == 1
    assert shown(project)["max_age_days"] == {"value": 60, "from": "config file"}


def test_allow_stale_option_over_environment_over_file_over_default(project):
    install(project / "data", days_old=30)
    assert run(project, SUPPLIERS).exit_code == 2
    settings(project, "allow_stale = true")
    assert run(project, SUPPLIERS).exit_code == 1
    assert run(project, SUPPLIERS, SCREEN_ALLOW_STALE="false").exit_code == 2
    both = run(project, SUPPLIERS, "--allow-stale", SCREEN_ALLOW_STALE="false")
    assert both.exit_code == 1
    env = shown(project, SCREEN_ALLOW_STALE="false")["allow_stale"]
    assert env == {"value": False, "from": "environment SCREEN_ALLOW_STALE"}


def test_lang_environment_over_file_over_default(project):
    assert shown(project)["lang"] == {"value": "en", "from": "default"}
    settings(project, 'lang = "zh"')
    assert shown(project)["lang"] == {"value": "zh", "from": "config file"}
    env = shown(project, SCREEN_LANG="en")["lang"]
    assert env == {"value": "en", "from": "environment SCREEN_LANG"}
    bad = run(project, "config", SCREEN_LANG="klingon")
    assert bad.exit_code == 2 and "'klingon' is not a language of the interface" in bad.stderr


def test_screen_config_shows_the_file_and_each_source(project):
    settings(project, 'threshold = 90\nlists = "sample"')
    result = run(project, "config", SCREEN_FAIL_ON="any")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"Config file: {project / 'pyproject.toml'} [tool.screen]",
        "  lists         sample  (config file)",
        "  threshold     90  (config file)",
        "  fail_on       any  (environment SCREEN_FAIL_ON)",
        "  decisions     (none)  (default)",
        "  max_age_days  7  (default)",
        "  allow_stale   false  (default)",
        "  lang          en  (default)",
    ]


def test_screen_config_without_a_file_says_where_it_looked(project):
    result = run(project, "config")
    assert result.stdout.splitlines()[0] == (
        f"Config file: none (no screen.toml or [tool.screen] in pyproject.toml from "
        f"{project / 'work'} up to {project})"
    )
    assert "  lists         (the installed lists, from `screen update`)  (default)" in (
        result.stdout.splitlines()
    )


def test_screen_config_variable_names_a_file_or_none(project, tmp_path_factory):
    settings(project, "threshold = 95")
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "screen.toml"
    elsewhere.write_text("threshold = 70\n")
    assert shown(project, SCREEN_CONFIG=str(elsewhere))["threshold"]["value"] == 70
    assert shown(project, SCREEN_CONFIG="")["threshold"] == {"value": 85, "from": "default"}


@pytest.mark.parametrize(
    "args", [[SUPPLIERS, "-l", "sample"], ["lookup", "Huawei", "-l", "sample"], ["config"]]
)
def test_a_bad_config_file_stops_the_run_in_one_line(project, args):
    settings(project, "threshold = 900")
    result = run(project, *args)
    assert result.exit_code == 2 and result.stdout == ""
    assert lines(result.stderr) == [
        f"error: {project / 'pyproject.toml'} [tool.screen]: threshold: must be a number from "
        "0 to 100, got 900"
    ]


def test_help_and_version_work_whatever_the_config_file_holds(project):
    settings(project, "threshold = 900")
    assert run(project, "check", "--help").exit_code == 0
    assert run(project, "--version").exit_code == 0


def test_a_command_without_settings_does_not_read_the_config_file(project):
    (project / "pyproject.toml").write_text("not toml at all = = =\n")
    assert run(project, "lists").exit_code == 0
    assert run(project, "history").exit_code == 0
    refused = run(project, SUPPLIERS, "-l", "sample")
    assert refused.exit_code == 2 and "pyproject.toml: not valid TOML" in refused.stderr
