"""A gate that cannot pass by accident: no lists is exit 2, the bundled sample only when
asked for, a stale list fails a run nobody watches, a list's date says where it came from,
and --strict refuses what the run cannot vouch for."""

from __future__ import annotations

import io
import json
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from clirun import REPO
from screening_cli import places
from screening_cli.app import app
from typer.testing import CliRunner

from screening.files import file_sha256
from screening.lists.store import MANIFEST, Manifest, ManifestFile, snapshot_name

sys.path.insert(0, str(REPO / "tests"))
from test_fuzz_lists import OFAC_SET, UN_XML

SUPPLIERS = REPO / "fixtures" / "suppliers.csv"
SAMPLE = REPO / "fixtures" / "lists" / "sample_csl.csv"
NO_LISTS = "error: no screening lists installed: run `screen update`, or pass --list"
TODAY = date.today()


def cli(data_dir: Path, *args: object, **env: str | None) -> Any:
    """`screen` with nothing installed but what the test puts in `data_dir`, no list named
    in the environment and no config file."""
    runner = CliRunner(
        env={
            "COLUMNS": "200",
            "NO_COLOR": "1",
            "TERM": "dumb",
            "SCREEN_DATA_DIR": str(data_dir),
            "SCREEN_LIST": None,
            "SCREEN_CONFIG": "",
            "SCREEN_NO_AUDIT": "1",
            "SCREEN_ALLOW_STALE": None,
            "SCREEN_MAX_AGE_DAYS": None,
            **env,
        }
    )
    return runner.invoke(app, [str(a) for a in args])


def install(data_dir: Path, days_old: int, source: str = "csl") -> Path:
    """A snapshot of the sample list (a CSL file: no date of its own) downloaded `days_old`
    days ago, as `screen update` leaves one."""
    when = datetime.now(UTC).replace(microsecond=0) - timedelta(days=days_old)
    folder = data_dir / "snapshots" / source / snapshot_name(when)
    folder.mkdir(parents=True)
    data = SAMPLE.read_bytes()
    (folder / "consolidated.csv").write_bytes(data)
    digest = file_sha256(folder / "consolidated.csv")
    url = "https://data.trade.gov/consolidated.csv"
    files = (ManifestFile("consolidated.csv", url, digest, len(data)),)
    manifest = Manifest(source=source, url=url, downloaded_at=when, sha256=digest,
                        size=len(data), entries=24, format="csl-csv", main="consolidated.csv",
                        files=files)  # fmt: skip
    (folder / MANIFEST).write_text(manifest.to_json(), encoding="utf-8")
    return folder


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


# --- no lists, and the sample only when asked for ---------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        [SUPPLIERS],
        ["check", SUPPLIERS, "--format", "sarif", "-o", "screen.sarif"],
        ["lookup", "Huawei Technologies"],
        ["explain", "V0051", "--ownership", REPO / "fixtures" / "ownership.csv"],
    ],
)
def test_no_list_installed_and_none_given_is_exit_2(tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    result = cli(tmp_path / "data", *args)
    assert result.exit_code == 2 and result.stdout == ""
    assert lines(result.stderr) == [NO_LISTS]
    assert not (tmp_path / "screen.sarif").exists()


@pytest.mark.parametrize("how", ["option", "environment"])
def test_the_bundled_sample_is_used_when_asked_for(tmp_path, how):
    asked: dict[str, str] = {"SCREEN_LIST": "sample"} if how == "environment" else {}
    extra = ["--list", "sample"] if how == "option" else []
    result = cli(tmp_path, SUPPLIERS, *extra, "--format", "json", **asked)
    assert result.exit_code == 1, result.stderr
    (used,) = json.loads(result.stdout)["lists"]
    assert used["bundled_sample"] and used["entries"] == 24 and used["date_source"] is None
    assert "warning: bundled sample list: not a complete screening list" in result.stderr


def test_the_sample_beside_installed_lists_only_when_named(tmp_path):
    install(tmp_path, days_old=0)
    alone = json.loads(cli(tmp_path, SUPPLIERS, "-f", "json").stdout)
    assert [s["bundled_sample"] for s in alone["lists"]] == [False]
    both = json.loads(cli(tmp_path, SUPPLIERS, "-f", "json", "-l", "sample", "-l", SAMPLE).stdout)
    assert [s["bundled_sample"] for s in both["lists"]] == [True, False]


# --- stale lists -----------------------------------------------------------------------------


def test_a_stale_installed_list_fails_a_run_nobody_watches(tmp_path):
    folder = install(tmp_path, days_old=30)
    result = cli(tmp_path, SUPPLIERS)
    assert result.exit_code == 2 and result.stdout == ""
    (error,) = lines(result.stderr)
    on = TODAY.isoformat()
    assert error == (
        f"error: list consolidated.csv ({folder}) is 30 days old (dated "
        f"{(TODAY - timedelta(days=30)).isoformat()} by its download manifest) on {on}, over "
        "--max-age-days 7: run `screen update`, or pass --allow-stale"
    )


def test_ci_true_counts_as_nobody_watching(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr(sys, "stdout", Terminal())
    monkeypatch.delenv("CI", raising=False)
    assert places.interactive()
    monkeypatch.setenv("CI", "true")
    assert not places.interactive()
    monkeypatch.setattr(sys, "stdout", io.StringIO())  # a pipe
    monkeypatch.delenv("CI")
    assert not places.interactive()


def test_a_stale_list_only_warns_at_a_terminal(tmp_path, monkeypatch):
    install(tmp_path, days_old=30)
    monkeypatch.setattr(places, "interactive", lambda: True)
    result = cli(tmp_path, SUPPLIERS)
    assert result.exit_code == 1, result.stderr  # screened: the sample suppliers have hits
    assert "over --max-age-days 7; run `screen update`" in lines(result.stderr)[0]
    strict = cli(tmp_path, SUPPLIERS, "--strict")  # --strict fails it even there
    assert strict.exit_code == 2 and "--allow-stale" in strict.stderr


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--allow-stale"], {}),
        ([], {"SCREEN_ALLOW_STALE": "1"}),
        (["--strict", "--allow-stale"], {}),
    ],
)
def test_allow_stale_screens_with_a_warning(tmp_path, args, env):
    install(tmp_path, days_old=30)
    result = cli(tmp_path, SUPPLIERS, *args, **env)
    assert result.exit_code == 1, result.stderr
    assert "warning: list consolidated.csv" in result.stderr and "30 days old" in result.stderr


def test_the_age_limit_is_an_option_and_an_environment_variable(tmp_path):
    install(tmp_path, days_old=30)
    assert cli(tmp_path, SUPPLIERS, "--max-age-days", "30").exit_code == 1
    assert cli(tmp_path, SUPPLIERS, SCREEN_MAX_AGE_DAYS="29").exit_code == 2
    assert cli(tmp_path, SUPPLIERS, SCREEN_MAX_AGE_DAYS="31").exit_code == 1
    negative = cli(tmp_path, SUPPLIERS, "--max-age-days", "-1")
    assert lines(negative.stderr) == ["error: --max-age-days must be 0 or more, got -1"]


def test_age_is_counted_to_the_as_of_date_when_earlier(tmp_path):
    install(tmp_path, days_old=30)
    back_then = (TODAY - timedelta(days=25)).isoformat()  # 5 days after the download
    assert cli(tmp_path, SUPPLIERS, "--as-of", back_then).exit_code == 1
    later = (TODAY + timedelta(days=365)).isoformat()  # still counted to today
    assert "30 days old" in cli(tmp_path, SUPPLIERS, "--as-of", later).stderr


@pytest.mark.parametrize("command", [["lookup", "Huawei Technologies"], ["explain", "V0051"]])
def test_lookup_and_explain_gate_on_fresh_lists_too(tmp_path, command):
    install(tmp_path, days_old=30)
    extra = ["--ownership", REPO / "fixtures" / "ownership.csv"] if command[0] == "explain" else []
    stale = cli(tmp_path, *command, *extra)
    assert stale.exit_code == 2 and "30 days old" in stale.stderr
    allowed = cli(tmp_path, *command, *extra, "--allow-stale")
    assert allowed.exit_code in (0, 1) and "30 days old" in allowed.stderr


# --- where a list's date comes from -----------------------------------------------------------


def test_the_report_says_where_each_date_came_from(tmp_path):
    install(tmp_path, days_old=2)
    un = tmp_path / "un.xml"
    un.write_bytes(UN_XML.replace(b"2026-01-01", TODAY.isoformat().encode()))
    copied = tmp_path / "consolidated.csv"
    copied.write_bytes(SAMPLE.read_bytes())
    snapshot = next((tmp_path / "snapshots" / "csl").iterdir())
    args = ["-l", snapshot, "-l", un, "-l", copied, "-f", "json"]
    result = cli(tmp_path, SUPPLIERS, *args)
    assert result.exit_code == 1, result.stderr
    dated = [(s["name"], s["date"], s["date_source"]) for s in json.loads(result.stdout)["lists"]]
    assert dated == [
        ("consolidated.csv", (TODAY - timedelta(days=2)).isoformat(), "manifest"),
        ("un.xml", TODAY.isoformat(), "content"),
        ("consolidated.csv", TODAY.isoformat(), "file mtime"),
    ]
    (warning,) = lines(result.stderr)[:-1]
    assert warning == (
        f"warning: list consolidated.csv ({tmp_path}) carries no date of its own and no "
        "download manifest: its age is unknown (the report gives its file's modification date)"
    )
    table = cli(tmp_path, SUPPLIERS, *args[:-2])
    assert f"dated {TODAY.isoformat()} from content" in table.stdout


def test_a_list_dated_by_its_content_is_stale_by_that_date(tmp_path):
    un = tmp_path / "un.xml"
    un.write_bytes(UN_XML)  # generated 2026-01-01, whatever the file's modification time
    result = cli(tmp_path, SUPPLIERS, "-l", un)
    assert result.exit_code == 2
    assert "(dated 2026-01-01 by its content)" in result.stderr


def test_strict_refuses_a_list_of_unknown_age_unless_allowed(tmp_path):
    copied = tmp_path / "consolidated.csv"
    copied.write_bytes(SAMPLE.read_bytes())
    assert cli(tmp_path, SUPPLIERS, "-l", copied).exit_code == 1
    strict = cli(tmp_path, SUPPLIERS, "-l", copied, "--strict")
    assert strict.exit_code == 2 and strict.stdout == ""
    (error,) = lines(strict.stderr)
    assert "carries no date of its own" in error and error.endswith("--allow-stale (--strict)")
    assert cli(tmp_path, SUPPLIERS, "-l", copied, "--strict", "--allow-stale").exit_code == 1


def test_strict_refuses_a_row_that_could_not_be_screened(tmp_path):
    suppliers = tmp_path / "s.csv"
    suppliers.write_text("id,name\nV1,Acme Widgets\nV2,\n", encoding="utf-8")
    assert cli(tmp_path, suppliers, "-l", "sample").exit_code == 0
    assert cli(tmp_path, suppliers, "-l", "sample", "--strict").exit_code == 2


# --- OFAC files without their companions -----------------------------------------------------


def test_an_ofac_list_without_its_companions_warns_and_strict_refuses_it(tmp_path):
    (tmp_path / "sdn.csv").write_bytes(OFAC_SET["sdn.csv"])
    (tmp_path / "add.csv").write_bytes(OFAC_SET["add.csv"])
    args = [SUPPLIERS, "-l", tmp_path / "sdn.csv", "--allow-stale"]
    result = cli(tmp_path, *args)
    assert result.exit_code == 0, result.stderr
    expected = (
        f"list {tmp_path / 'sdn.csv'} was read without alt.csv (aliases), sdn_comments.csv "
        "(the end of long remarks), which belong beside it: those parts of its entries are "
        "missing; put the whole published set in one folder"
    )
    assert f"warning: {expected}" in lines(result.stderr)
    strict = cli(tmp_path, *args, "--strict")
    assert strict.exit_code == 2 and lines(strict.stderr) == [f"error: {expected} (--strict)"]


def test_diff_warns_of_a_missing_companion(tmp_path):
    whole, bare = tmp_path / "whole", tmp_path / "bare"
    for folder, names in ((whole, OFAC_SET), (bare, ["sdn.csv"])):
        folder.mkdir()
        for name in names:
            (folder / name).write_bytes(OFAC_SET[name])
    result = cli(tmp_path, "diff", whole / "sdn.csv", bare / "sdn.csv")
    assert result.exit_code == 0
    warnings = [line for line in lines(result.stderr) if line.startswith("warning:")]
    assert len(warnings) == 1 and f"list {bare / 'sdn.csv'} was read without" in warnings[0]


def test_diff_of_identical_lists_says_no_changes(tmp_path):
    copy = tmp_path / "copy.csv"
    copy.write_bytes(SAMPLE.read_bytes())
    result = cli(tmp_path, "diff", SAMPLE, copy)
    assert result.exit_code == 0 and result.stdout == ""
    assert lines(result.stderr) == ["no changes: the 24 entries are the same"]
    data = json.loads(cli(tmp_path, "diff", SAMPLE, copy, "-f", "json").stdout)
    assert data["summary"] == {"added": 0, "removed": 0, "changed": 0, "unchanged": 24}


def test_screen_lists_does_not_call_the_sample_in_use(tmp_path):
    result = cli(tmp_path, "lists")
    assert result.exit_code == 0
    (sample,) = [line for line in result.stdout.splitlines() if "bundled sample" in line]
    assert "(only with --list sample)" in sample and "(in use)" not in sample
    assert "screening stops with exit code 2 unless given --list" in result.stderr
