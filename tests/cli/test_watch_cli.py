"""`screen watch add|list|remove`, `screen rescreen` and `screen update --rescreen`, with a
local server standing in for the list publisher and for a team's webhook."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from screening_cli.app import app
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from monitoring import (
    ACME,
    HUAWEI,
    SUPPLIERS,
    ZETA,
    Hub,
    Listing,
    csl_text,
    write_list,
    write_suppliers,
)

#: Entries of long remarks that take a hand-written CSL past the 1 MB `screen update`
#: demands of the real one (its size floor), without names any supplier comes near.
PADDING = tuple(
    Listing(f"pad-{i}", f"Padding Entry {i:03d} Quxwv", remarks="Remarks of padding. " * 480)
    for i in range(110)
)


def csl(*listings: Listing) -> bytes:
    return csl_text(*listings, *PADDING).encode()


@pytest.fixture
def hub():
    running = Hub()
    yield running
    running.close()


class Screen:
    """`screen` with a data folder and an audit database of the test's own."""

    def __init__(self, tmp_path: Path, hub: Hub) -> None:
        self.tmp, self.hub = tmp_path, hub
        self.env = {
            "COLUMNS": "200",
            "NO_COLOR": "1",
            "TERM": "dumb",
            "SCREEN_DATA_DIR": str(tmp_path / "data"),
            "SCREEN_DB": f"sqlite:///{tmp_path / 'audit.sqlite3'}",
        }

    def __call__(self, *args: object, **env: str):  # type: ignore[no-untyped-def]
        runner = CliRunner(env={**self.env, **env})
        return runner.invoke(app, [str(a) for a in args])

    def update(self, *listings: Listing, rescreen: bool = False, **env: str):  # type: ignore[no-untyped-def]
        self.hub.files["/consolidated.csv"] = csl(*listings)
        args = [
            "update",
            "-s",
            "csl",
            "--retries",
            "0",
            "--url",
            f"{self.hub.base}/consolidated.csv",
        ]
        return self(*args, *(["--rescreen"] if rescreen else []), **env)


def matches(report: dict) -> list[tuple[int, str, str]]:  # type: ignore[type-arg]
    return [(m["row"], m["entry_id"], m["status"]) for m in report["matches"]]


def test_watch_update_rescreen_then_nothing_then_the_date_passes(tmp_path, hub):
    """Issue 18: watch a file; an update adds one entry matching a supplier: exactly that
    hit, exit 1, the webhook told; again: nothing, exit 0; past a pending listing's start
    date: its status change."""
    screen = Screen(tmp_path, hub)
    assert screen.update(HUAWEI, ACME).exit_code == 0
    suppliers = write_suppliers(tmp_path / "suppliers.csv", SUPPLIERS)
    added = screen("watch", "add", suppliers, "--name", "vendors", "--as-of", "2025-03-01")
    assert added.exit_code == 0, added.stderr
    assert "Watching vendors" in added.stderr and "1 new finding, 1 failing" in added.stderr

    out = tmp_path / "reports"
    updated = screen.update(HUAWEI, ACME, ZETA, rescreen=True, SCREEN_AS_OF="2025-03-01",
                            SCREEN_FORMAT="json", SCREEN_OUTPUT_DIR=str(out),
                            SCREEN_WEBHOOK=f"{hub.base}/hooks/team")  # fmt: skip
    assert updated.exit_code == 1, updated.stderr
    assert matches(json.loads((out / "vendors.json").read_text())) == [(2, "el-3", "in_force")]
    assert "against 1 of 113 list entries" in updated.stderr
    assert "notified by --webhook" in updated.stderr
    (told,) = [json.loads(p) for p in hub.posts]
    (hit,) = told["files"][0]["hits"]
    assert (hit["entry_id"], hit["input_name"], hit["change"]) == ("el-3", "Zeta Robotics GmbH",
                                                                  "new_entry")  # fmt: skip

    again = screen("rescreen", "--as-of", "2025-03-01", "--format", "json")
    assert again.exit_code == 0, again.stderr
    assert matches(json.loads(again.stdout)) == []

    later = screen("rescreen", "--as-of", "2025-04-01", "--format", "json",
                   "--webhook", f"{hub.base}/hooks/team")  # fmt: skip
    assert later.exit_code == 1, later.stderr
    assert matches(json.loads(later.stdout)) == [(1, "el-1", "in_force")]
    (hit,) = json.loads(hub.posts[-1])["files"][0]["hits"]
    assert (hit["change"], hit["change_detail"], hit["previous_status"]) == (
        "status_changed",
        "pending -> in force",
        "pending",
    )

    listed = json.loads(screen("watch", "list", "--format", "json").stdout)
    (vendors,) = listed
    assert vendors["name"] == "vendors" and vendors["path"] == str(suppliers)
    assert vendors["last_screening"]["as_of"] == "2025-04-01"
    assert (vendors["last_screening"]["hits"], vendors["last_screening"]["failing"]) == (2, 2)
    history = screen("history", "--format", "json")
    assert [r["command"] for r in json.loads(history.stdout)][:4] == [
        "rescreen",
        "rescreen",
        "rescreen",
        "watch add",
    ]


def test_a_failed_webhook_fails_the_run_and_the_hit_stays_new(tmp_path, hub):
    screen = Screen(tmp_path, hub)
    listed = write_list(tmp_path / "list.csv", HUAWEI)
    suppliers = write_suppliers(tmp_path / "suppliers.csv", SUPPLIERS)
    assert (
        screen("watch", "add", suppliers, "--list", listed, "--as-of", "2025-03-01").exit_code == 0
    )
    write_list(listed, HUAWEI, ZETA)
    hub.post_answers = [500, 500]
    failed = screen("rescreen", "--as-of", "2025-03-01", "--webhook", f"{hub.base}/h",
                    "--webhook-retries", "1")  # fmt: skip
    assert failed.exit_code == 2
    assert (
        "error: webhook http://127.0.0.1:" in failed.stderr
        and "HTTP 500, 2 attempts" in failed.stderr
    )
    assert "Traceback" not in failed.stderr
    # nothing was marked as seen: the next run reports the hit again
    again = screen("rescreen", "--as-of", "2025-03-01", "--format", "json")
    assert again.exit_code == 1 and matches(json.loads(again.stdout)) == [(2, "el-3", "in_force")]
    runs = json.loads(screen("history", "--format", "json").stdout)
    assert runs[1]["status"] == "failed" and runs[1]["error"].startswith("not notified: webhook")


def test_exec_gets_the_new_hits_and_a_failing_command_fails_the_run(tmp_path, hub):
    screen = Screen(tmp_path, hub)
    listed = write_list(tmp_path / "list.csv", HUAWEI)
    suppliers = write_suppliers(tmp_path / "suppliers.csv", SUPPLIERS)
    screen("watch", "add", suppliers, "--list", listed, "--name", "v", "--as-of", "2025-03-01")
    write_list(listed, HUAWEI, ZETA)
    bad = screen("rescreen", "--as-of", "2025-03-01", "--exec", "exit 4")
    assert bad.exit_code == 2 and "--exec 'exit 4' exited with status 4" in bad.stderr
    got = tmp_path / "got.json"
    good = screen("rescreen", "--as-of", "2025-03-01", "--exec", f"cat > {got}")
    assert good.exit_code == 1, good.stderr
    assert [h["entry_id"] for h in json.loads(got.read_text())["files"][0]["hits"]] == ["el-3"]
    got.unlink()
    quiet = screen("rescreen", "--as-of", "2025-03-01", "--exec", f"cat > {got}")
    assert quiet.exit_code == 0 and not got.exists()  # nothing new: nobody disturbed


def test_rows_added_to_a_watched_file_and_reports_per_file(tmp_path, hub):
    screen = Screen(tmp_path, hub)
    listed = write_list(tmp_path / "list.csv", HUAWEI, ACME)
    first = write_suppliers(tmp_path / "first.csv", SUPPLIERS)
    second = write_suppliers(tmp_path / "second.csv", [("B1", "Orion Tools", "")])
    for path in (first, second):
        assert (
            screen("watch", "add", path, "--list", listed, "--as-of", "2025-04-01").exit_code == 0
        )
    write_suppliers(second, [("B1", "Orion Tools", ""), ("B2", "Acme Trading Co", "US")])
    out = tmp_path / "out"
    done = screen("rescreen", "--as-of", "2025-04-01", "-f", "sarif", "--output-dir", out)
    assert done.exit_code == 1, done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["first.sarif", "second.sarif"]
    assert json.loads((out / "first.sarif").read_text())["runs"][0]["results"] == []
    (result,) = json.loads((out / "second.sarif").read_text())["runs"][0]["results"]
    assert "Acme Trading" in json.dumps(result)
    assert "second: 2 rows (1 new, 0 changed)" in done.stderr
    # several JSON reports need a folder each; one named file does not
    refused = screen("rescreen", "-f", "json")
    assert refused.exit_code == 2 and "give --output-dir" in refused.stderr
    one = screen("rescreen", "--name", "second", "-f", "json", "--as-of", "2025-04-01")
    assert one.exit_code == 0 and matches(json.loads(one.stdout)) == []


def test_a_watched_file_gone_is_an_error_of_its_own(tmp_path, hub):
    screen = Screen(tmp_path, hub)
    listed = write_list(tmp_path / "list.csv", HUAWEI, ZETA)
    kept = write_suppliers(tmp_path / "kept.csv", SUPPLIERS)
    gone = write_suppliers(tmp_path / "gone.csv", SUPPLIERS)
    for path in (kept, gone):
        screen("watch", "add", path, "--list", listed, "--as-of", "2025-03-01")
    gone.unlink()
    write_list(listed, HUAWEI, ZETA, ACME)
    done = screen("rescreen", "--as-of", "2025-03-01")
    assert done.exit_code == 2
    assert f"error: gone: cannot read watched file {gone}" in done.stderr
    assert "kept: 3 rows" in done.stderr and "1 could not be screened" in done.stderr


def test_watch_list_remove_and_names(tmp_path, hub):
    screen = Screen(tmp_path, hub)
    listed = write_list(tmp_path / "list.csv", HUAWEI)
    suppliers = write_suppliers(tmp_path / "Vendor Master 2025.csv", SUPPLIERS)
    assert screen("watch", "add", suppliers, "--list", listed).exit_code == 0
    table = screen("watch", "list")
    assert table.exit_code == 0 and "Vendor-Master-2025" in table.stdout
    (shown,) = json.loads(screen("watch", "list", "-f", "json").stdout)
    assert f"list.csv:{shown['last_screening']['lists'][0]['sha256'][:12]}" in table.stdout
    again = screen("watch", "add", suppliers, "--list", listed)
    assert again.exit_code == 2 and "already named 'Vendor-Master-2025'" in again.stderr
    bad = screen("watch", "add", suppliers, "--name", "../x")
    assert bad.exit_code == 2 and "--name '../x'" in bad.stderr
    for missing_file in (tmp_path / "none.csv", "-"):
        refused = screen("watch", "add", missing_file, "--name", "none")
        assert refused.exit_code == 2 and refused.stdout == ""
        assert [line for line in refused.stderr.splitlines() if line] == [
            f"error: {missing_file} is not a file: a watched file is read again at each run"
        ]
    assert screen("watch", "remove", "Vendor-Master-2025").exit_code == 0
    assert json.loads(screen("watch", "list", "-f", "json").stdout) == []
    missing = screen("watch", "remove", "Vendor-Master-2025")
    assert missing.exit_code == 2
    assert [line for line in missing.stderr.splitlines() if line] == [
        "error: no watched file named Vendor-Master-2025; watched: none yet "
        "(`screen watch add FILE`)"
    ]
    nothing = screen("rescreen")
    assert nothing.exit_code == 0 and "No watched files" in nothing.stderr


def test_the_webhook_defaults_are_the_librarys():
    from screening_cli import options

    from screening.monitor import notify

    assert options.WEBHOOK_TIMEOUT_S == notify.WEBHOOK_TIMEOUT_S
    assert options.WEBHOOK_ATTEMPTS == notify.WEBHOOK_ATTEMPTS


def test_list_given_to_rescreen_replaces_the_files_own(tmp_path, hub):
    screen = Screen(tmp_path, hub)
    own = write_list(tmp_path / "march.csv", HUAWEI, ACME)
    suppliers = write_suppliers(tmp_path / "suppliers.csv", SUPPLIERS)
    screen("watch", "add", suppliers, "--list", own, "--as-of", "2025-03-01")
    later = write_list(tmp_path / "april.csv", HUAWEI, ACME, ZETA)  # the same list, renamed
    done = screen("rescreen", "--list", later, "--as-of", "2025-03-01", "-f", "json",
                  SCREEN_LIST=str(own))  # fmt: skip
    assert done.exit_code == 1, done.stderr
    assert matches(json.loads(done.stdout)) == [(2, "el-3", "in_force")]
    assert "against 1 of 3 list entries" in done.stderr
    # SCREEN_LIST, set for `screen check`, does not replace a watched file's own lists:
    # back on march.csv, which does not have ZETA, its hit is reported as gone
    kept = screen("rescreen", "--as-of", "2025-03-01", "-f", "json", SCREEN_LIST=str(later))
    assert kept.exit_code == 0 and matches(json.loads(kept.stdout)) == [(2, "el-3", "removed")]
