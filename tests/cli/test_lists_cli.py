"""`screen update`, `screen lists`, `screen diff`, and the default list resolution."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from screening_cli.app import app
from typer.testing import CliRunner

from screening.lists.update import UpdateOptions, source_for, update_source

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from test_update import Server, csl_bytes

REPO = Path(__file__).resolve().parents[2]
SUPPLIERS = REPO / "fixtures" / "suppliers.csv"
OLD = datetime(2020, 1, 1, tzinfo=UTC)


def runner(data_dir: Path) -> CliRunner:
    return CliRunner(
        env={"COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb", "SCREEN_DATA_DIR": str(data_dir)}
    )


@pytest.fixture
def server():
    running = Server()
    yield running
    running.close()


def install(data_dir: Path, server: Server, names: tuple[str, ...], when: datetime) -> None:
    server.files["/consolidated.csv"] = csl_bytes(*names)
    source = source_for("csl", url=f"{server.base}/consolidated.csv")
    options = UpdateOptions(attempts=1, backoff=0, min_bytes=100)
    update_source(source, data_dir, now=when, options=options)


def test_update_then_lists_then_screen_uses_the_snapshot(server, tmp_path):
    server.files["/consolidated.csv"] = csl_bytes("HUAWEI TECHNOLOGIES CO., LTD.", "BETA LTD")
    cli = runner(tmp_path)
    args = [
        "update",
        "--source",
        "csl",
        "--retries",
        "0",
        "--url",
        f"{server.base}/consolidated.csv",
    ]
    # The 1 MB floor is for the real CSL; this small file must be refused.
    refused = cli.invoke(app, args)
    assert refused.exit_code == 2 and "gave only" in refused.stderr
    install(tmp_path, server, ("HUAWEI TECHNOLOGIES CO., LTD.", "BETA LTD"), datetime.now(UTC))

    shown = cli.invoke(app, ["lists"])
    assert shown.exit_code == 0, shown.stderr
    assert "csl (in use)" in shown.stdout and "bundled sample" in shown.stdout

    result = cli.invoke(app, [str(SUPPLIERS), "--format", "json", "--as-of", "2025-03-26"])
    assert result.exit_code == 1, result.stderr
    report = json.loads(result.stdout)
    (used,) = report["lists"]
    assert used["entries"] == 2 and used["date"] == datetime.now(UTC).date().isoformat()
    assert not used["bundled_sample"]
    assert "bundled sample" not in result.stderr and "warning" not in result.stderr


def test_stale_snapshot_warns_with_allow_stale(server, tmp_path):
    install(tmp_path, server, ("ACME TRADING",), OLD)
    args = [str(SUPPLIERS), "--max-age-days", "30", "--allow-stale"]
    result = runner(tmp_path).invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert "over --max-age-days 30; run `screen update`" in result.stderr
    assert "dated 2020-01-01 from manifest" in result.stdout


def test_no_snapshot_and_no_list_is_exit_2(tmp_path):
    result = runner(tmp_path).invoke(app, [str(SUPPLIERS), "--as-of", "2025-03-26"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.strip() == (
        "error: no screening lists installed: run `screen update`, or pass --list"
    )


def test_update_offline_is_one_line_exit_2(tmp_path):
    closed = Server()
    closed.close()
    args = ["update", "-s", "un", "--retries", "0", "--url", f"{closed.base}/consolidated.xml"]
    result = runner(tmp_path).invoke(app, args)
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines[0] == f"un: downloading {closed.base}/consolidated.xml"
    assert len(lines) == 2 and lines[1].startswith("error: could not download")
    assert "after 1 attempt (" in lines[1]  # --retries 0: one attempt, said as one
    assert not (tmp_path / "snapshots" / "un").exists() or not any(
        p for p in (tmp_path / "snapshots" / "un").iterdir()
    )


def test_url_needs_one_source(tmp_path):
    result = runner(tmp_path).invoke(app, ["update", "--url", "http://127.0.0.1:9/x.csv"])
    assert result.exit_code == 2
    assert "--url needs exactly one --source" in result.stderr


def test_diff_and_only_new_since(server, tmp_path):
    install(tmp_path, server, ("ACME TRADING", "HUAWEI TECHNOLOGIES CO., LTD."), OLD)
    install(tmp_path, server, ("ACME TRADING", "ZTE CORPORATION", "NEW PARTY GMBH"), OLD.now(UTC))
    old, new = sorted((tmp_path / "snapshots" / "csl").iterdir())
    cli = runner(tmp_path)

    table = cli.invoke(app, ["diff", str(old), str(new)])
    assert table.exit_code == 0, table.stderr
    assert "changed" in table.stdout and "HUAWEI" in table.stdout
    assert "1 added, 0 removed, 1 changed, 1 unchanged" in table.stderr

    data = json.loads(cli.invoke(app, ["diff", str(old), str(new), "-f", "json"]).stdout)
    assert [a["name"] for a in data["added"]] == ["NEW PARTY GMBH"]
    (changed,) = data["changed"]
    assert changed["changes"]["name"] == {
        "old": "HUAWEI TECHNOLOGIES CO., LTD.",
        "new": "ZTE CORPORATION",
    }

    result = cli.invoke(
        app, [str(SUPPLIERS), "--only-new-since", str(old), "-f", "json", "--as-of", "2025-03-26"]
    )
    report = json.loads(result.stdout)
    assert report["lists"][0]["entries"] == 2  # ZTE (changed) and NEW PARTY (added)
    assert {m["entry_name"] for m in report["matches"]} <= {"ZTE CORPORATION", "NEW PARTY GMBH"}


def test_diff_of_different_lists_is_an_error(tmp_path):
    other = tmp_path / "blocked.csv"
    other.write_text("name,aliases\nX,\n", encoding="utf-8")
    result = runner(tmp_path).invoke(
        app, ["diff", str(REPO / "fixtures" / "lists" / "sample_csl.csv"), str(other)]
    )
    assert result.exit_code == 2
    assert "different list formats" in result.stderr
