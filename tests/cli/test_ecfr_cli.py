"""`screen update --source el [--date D]` and `--source fr` against a local server serving
the hand-made eCFR and Federal Register fixtures, then `screen FILE --as-of DATE` with two
versions of the Entity List installed: each date is screened against the version in
force on it."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from screening_cli.app import app
from typer.testing import CliRunner

from screening.lists.update_api import API_SOURCES

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from test_update import Server
from test_update_api import API, DOCUMENTS, sample_pages, serve_ecfr, serve_fr

REPO = Path(__file__).resolve().parents[2]
SUPPLIERS = REPO / "fixtures" / "suppliers.csv"
TODAY = date.today().isoformat()  # the download date: these tests download today
MARCH_ADDITIONS = {
    "Beijing Academy of Artificial Intelligence",
    "Anhui Kehua Sci-Tech Trading Co., Ltd.",
    "Inspur Taiwan",
}


@pytest.fixture(scope="module")
def _running():
    running = Server()
    yield running
    running.close()


@pytest.fixture
def server(_running: Server, monkeypatch: pytest.MonkeyPatch) -> Server:
    """The eCFR fixtures are 5-7 KB: the 1 MB floor of the real Part 744 is lowered."""
    monkeypatch.setitem(API_SOURCES, "el", replace(API_SOURCES["el"], min_bytes=1000))
    _running.files.clear()
    _running.mode = "ok"
    return _running


def screen(data_dir: Path, *args: str) -> Any:
    runner = CliRunner(
        env={"COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb", "SCREEN_DATA_DIR": str(data_dir)}
    )
    return runner.invoke(app, list(args))


def update(data_dir: Path, *args: str) -> Any:
    return screen(data_dir, "update", "--retries", "0", *args)


def report(data_dir: Path, as_of: str) -> tuple[dict[str, Any], Any]:
    result = screen(data_dir, str(SUPPLIERS), "--format", "json", "--as-of", as_of)
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout), result


def test_two_versions_installed_each_date_screens_against_its_own(server, tmp_path):
    base = serve_ecfr(server)
    latest = update(tmp_path, "--source", "el", "--url", base)
    assert latest.exit_code == 0, latest.stderr
    assert "el: 11 entries as of 2025-04-01, sha256 " in latest.stderr
    dated = update(tmp_path, "--source", "el", "--url", base, "--date", "2025-03-20")
    assert dated.exit_code == 0, dated.stderr
    assert "el: 8 entries as of 2025-03-20" in dated.stderr

    shown = screen(tmp_path, "lists")
    assert shown.exit_code == 0, shown.stderr
    assert "el (in use)" in shown.stdout and "2025-04-01" in shown.stdout
    assert "2025-03-20" in shown.stdout

    before, run = report(tmp_path, "2025-03-24")
    (used,) = before["lists"]
    assert used["name"] == "ecfr-part744-2025-03-20.xml" and used["date"] == TODAY
    assert used["entries"] == 8 and "/snapshots/el/2025-03-20_" in used["path"]
    assert not {m["entry_name"] for m in before["matches"]} & MARCH_ADDITIONS
    assert "el: using the version of 2025-03-20" in run.stderr
    assert "the newest installed on or before --as-of 2025-03-24" in run.stderr

    after, run = report(tmp_path, "2025-04-02")
    (used,) = after["lists"]
    assert used["name"] == "ecfr-part744-2025-04-01.xml" and used["date"] == TODAY
    found = {m["entry_name"]: m for m in after["matches"]}
    assert MARCH_ADDITIONS <= set(found)
    baai = found["Beijing Academy of Artificial Intelligence"]
    assert baai["status"] == "in_force" and baai["start_date"] == "2025-03-25"
    assert "warning" not in run.stderr  # the newest version, in force that day

    # The table says which version was used too, under the matches.
    table = screen(tmp_path, str(SUPPLIERS), "--as-of", "2025-03-24")
    assert (
        f"List: ecfr-part744-2025-03-20.xml (dated {TODAY} from manifest, 8 entries" in table.stdout
    )

    # `screen lookup` picks the version the same way.
    name = "Beijing Academy of Artificial Intelligence"
    absent = screen(tmp_path, "lookup", name, "--as-of", "2025-03-24", "--no-audit")
    assert absent.exit_code == 0 and "ecfr-part744-2025-03-20.xml" in absent.stdout
    listed = screen(tmp_path, "lookup", name, "--as-of", "2025-04-02", "--no-audit")
    assert listed.exit_code == 1 and "ecfr-part744-2025-04-01.xml" in listed.stdout


def test_a_date_older_than_every_version_warns_and_uses_the_oldest(server, tmp_path):
    base = serve_ecfr(server)
    assert update(tmp_path, "-s", "el", "--url", base, "--date", "2025-04-01").exit_code == 0
    data, run = report(tmp_path, "2024-01-01")
    assert data["lists"][0]["name"] == "ecfr-part744-2025-04-01.xml"
    assert "warning: el: no installed version is as old as --as-of 2024-01-01" in run.stderr
    assert "screen update --source el --date 2024-01-01" in run.stderr


def test_date_options_that_cannot_work_are_one_line_errors(server, tmp_path):
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    for args, message in (
        (["-s", "csl", "--date", "2025-03-20"], "--date needs --source el alone"),
        (["-s", "el", "--date", tomorrow], "is after today"),
        (["-s", "el", "--date", "2025-13-01"], "--date"),
        (["-s", "eu"], "unknown --source 'eu'; choose from csl, sdn, un, el, fr"),
    ):
        result = update(tmp_path, *args)
        assert result.exit_code == 2, (args, result.stderr)
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and message in lines[0], (args, result.stderr)
    assert not (tmp_path / "snapshots").exists()


def test_fr_refresh_then_installed_el_is_dated_with_it(server, tmp_path):
    assert update(tmp_path, "-s", "el", "--url", serve_ecfr(server)).exit_code == 0
    before, _ = report(tmp_path, "2025-04-02")
    anhui = next(m for m in before["matches"] if m["entry_name"].startswith("Anhui Kehua"))
    assert anhui["start_date"] == "2025-03-28"  # FR Doc 2025-05426: effective not confirmed

    pages = sample_pages()
    # A hand-written document for this test (not the Federal Register's record), giving
    # FR Doc 2025-05426 an effective date.
    pages[0]["results"].append(
        {
            "citation": "90 FR 14035",
            "document_number": "2025-05426",
            "effective_on": "2025-03-25",
            "start_page": 14035,
            "end_page": 14045,
            "publication_date": "2025-03-28",
            "title": "hand-written for this test",
            "html_url": "https://example.invalid/2025-05426",
        }
    )
    pages[0]["count"] = pages[1]["count"] = 4
    refreshed = update(tmp_path, "-s", "fr", "--url", serve_fr(server, pages))
    assert refreshed.exit_code == 0, refreshed.stderr
    assert f"fr: 4 documents from {server.base}{DOCUMENTS}; 10 rules in " in refreshed.stderr
    assert f"rules in {tmp_path / 'fr_rules.csv'} (1 new, 1 with new pages or dates)" in (
        refreshed.stderr.replace("\n", "")
    )

    after, _ = report(tmp_path, "2025-04-02")
    anhui = next(m for m in after["matches"] if m["entry_name"].startswith("Anhui Kehua"))
    assert anhui["start_date"] == "2025-03-25"
    assert after["lists"][0]["files"] == ["ecfr-part744-2025-04-01.xml", "fr_rules.csv"]
    assert after["lists"][0]["sha256"] != before["lists"][0]["sha256"]


def test_el_mirror_that_is_down_leaves_nothing_and_exits_2(tmp_path):
    closed = Server()
    closed.close()
    result = update(tmp_path, "-s", "el", "--url", closed.base + API)
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: could not download")
    assert "titles.json" in lines[0]
    assert not (tmp_path / "snapshots").exists()
