"""`screening.lists.update_api` against a local HTTP server: the Entity List from the eCFR
versioner (the latest date from titles.json, or a given date, each into its own snapshot)
and the refresh of the Federal Register rules table. The eCFR and FR answers served are
the hand-made fixtures of fixtures/lists/ (see fixtures/README.md)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from test_update import Server

from screening.errors import DownloadError
from screening.lists.ecfr_versions import part744_url
from screening.lists.fr_rules import fr_documents_url, load_fr_rules
from screening.lists.store import (
    installed_snapshots,
    load_installed,
    newest_snapshots,
    scan_snapshots,
)
from screening.lists.update import UpdateOptions
from screening.lists.update_api import (
    API_SOURCES,
    el_source,
    refresh_fr_rules,
    update_el,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lists"
APRIL = FIXTURES / "ecfr_part744_2025-04-01.xml"
MARCH = FIXTURES / "ecfr_part744_2025-03-20.xml"
FR_SAMPLE = FIXTURES / "fr_documents_sample.json"
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
LATER = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
FAST = UpdateOptions(attempts=1, backoff=0.0, timeout=5.0)
API = "/api/versioner/v1"
DOCUMENTS = "/api/v1/documents.json"


def titles(day: str) -> bytes:
    """titles.json as the versioner answers it (shape: ../shared/data/bis/ecfr_docs/)."""
    return json.dumps(
        {
            "titles": [
                {"number": 14, "up_to_date_as_of": "2026-01-01"},
                {"number": 15, "latest_issue_date": day, "up_to_date_as_of": day},
            ]
        }
    ).encode()


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


@pytest.fixture(scope="module")
def _running():
    running = Server()
    yield running
    running.close()


@pytest.fixture
def server(_running: Server) -> Server:
    """One server for the module (each shutdown waits half a second), emptied per test."""
    _running.files.clear()
    _running.mode = "ok"
    _running.requests = 0
    return _running


@pytest.fixture
def small_el_floor(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real floor is 1 MB (the Part's XML is about 2.5 MB); the fixtures are 5-7 KB."""
    monkeypatch.setitem(API_SOURCES, "el", replace(API_SOURCES["el"], min_bytes=1000))


def serve_ecfr(server: Server, latest: str = "2025-04-01") -> str:
    """The versioner at `server`: titles.json and both fixture versions; its address."""
    base = server.base + API
    server.files[f"{API}/titles.json"] = titles(latest)
    for day, xml in (("2025-04-01", APRIL), ("2025-03-20", MARCH)):
        server.files[path_of(part744_url(date.fromisoformat(day), api=base))] = xml.read_bytes()
    return base


def test_el_latest_then_a_dated_version_each_in_its_own_snapshot(server, tmp_path, small_el_floor):
    base = serve_ecfr(server)
    latest = update_el(tmp_path, now=NOW, api=base, options=FAST)
    assert latest.version_date == date(2025, 4, 1) and latest.entries == 11
    assert latest.main == "ecfr-part744-2025-04-01.xml" and latest.format == "ecfr-xml"
    assert latest.url == f"{base}/full/2025-04-01/title-15.xml?part=744"
    # downloaded later, but dated earlier: kept beside the latest, not in its place
    march = update_el(tmp_path, now=LATER, day=date(2025, 3, 20), api=base, options=FAST)
    assert march.version_date == date(2025, 3, 20) and march.entries == 8
    names = [s.directory.name for s in installed_snapshots(tmp_path)]
    assert names == ["2025-03-20_20260302T120000Z", "2025-04-01_20260301T120000Z"]
    (in_use,) = newest_snapshots(tmp_path)
    assert in_use.manifest.version_date == date(2025, 4, 1)
    (loaded,) = load_installed(tmp_path)
    assert loaded.name == "ecfr-part744-2025-04-01.xml" and loaded.data_date == NOW.date()
    (older,) = load_installed(tmp_path, as_of=date(2025, 3, 24))
    assert older.name == "ecfr-part744-2025-03-20.xml" and older.entry_count == 8
    # only titles.json and the two XML files were asked for
    assert server.requests == 3


def test_el_real_size_floor_refuses_a_fixture_sized_file(server, tmp_path):
    base = serve_ecfr(server)
    with pytest.raises(DownloadError, match="gave only 6686 bytes .* at least 1000000"):
        update_el(tmp_path, now=NOW, api=base, options=FAST)
    assert scan_snapshots(tmp_path).snapshots == ()


def test_el_shrink_is_checked_against_the_version_before_not_a_later_one(
    server, tmp_path, small_el_floor
):
    base = serve_ecfr(server)
    update_el(tmp_path, now=NOW, api=base, options=FAST)  # 11 entries, of 2025-04-01
    # 8 entries dated 2025-03-20: fewer than the later version, which is not its predecessor
    update_el(tmp_path, now=LATER, day=date(2025, 3, 20), api=base, options=FAST)
    # a version after 2025-04-01 with 8 entries lost 27% of the one before it
    server.files[path_of(part744_url(date(2025, 4, 2), api=base))] = MARCH.read_bytes()
    with pytest.raises(DownloadError, match="where the version before it .*2025-04-01_") as caught:
        update_el(tmp_path, now=LATER, day=date(2025, 4, 2), api=base, options=FAST)
    assert "gave 8 entries" in str(caught.value) and "has 11" in str(caught.value)
    assert len(installed_snapshots(tmp_path)) == 2


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"<!DOCTYPE html><html><body>Service unavailable</body></html>", "not JSON"),
        (json.dumps({"titles": [{"number": 14}]}).encode(), "title 15 is not listed"),
    ],
)
def test_el_titles_answer_that_is_not_the_list_of_titles(server, tmp_path, body, message):
    server.files[f"{API}/titles.json"] = body
    with pytest.raises(DownloadError) as caught:
        update_el(tmp_path, now=NOW, api=server.base + API, options=FAST)
    text = str(caught.value)
    assert "did not give the eCFR's list of titles" in text and message in text
    assert "--date" in text and "\n" not in text
    assert not (tmp_path / "snapshots").exists()


def test_el_source_refuses_an_address_that_is_not_http():
    with pytest.raises(DownloadError, match="is not an http"):
        el_source(date(2025, 3, 20), api="ftp://mirror.example/api")


def serve_fr(server: Server, pages: list[dict]) -> str:
    """The documents search at `server`, answering `pages` in turn (each one's
    next_page_url pointing at the next); the search's address."""
    api = server.base + DOCUMENTS
    first = fr_documents_url(api=api)
    for number, page in enumerate(pages, start=1):
        url = first if number == 1 else f"{api}?page={number}"
        nxt = f"{api}?page={number + 1}" if number < len(pages) else None
        server.files[path_of(url)] = json.dumps({**page, "next_page_url": nxt}).encode()
    return api


def sample_pages() -> list[dict]:
    """The hand-made sample as page 1 of 2, and an empty page 2 (the sample counts 3)."""
    sample = json.loads(FR_SAMPLE.read_text(encoding="utf-8"))
    return [sample, {"count": sample["count"], "results": []}]


def test_fr_refresh_merges_every_page_into_the_table_in_the_data_dir(server, tmp_path):
    api = serve_fr(server, sample_pages())
    done = refresh_fr_rules(tmp_path, now=NOW, url=api, options=FAST)
    assert (done.pages, done.documents) == (2, 3)
    assert done.path == tmp_path / "fr_rules.csv"
    packaged = load_fr_rules()
    refreshed = load_fr_rules(done.path)
    assert done.rules == len(refreshed) == len(packaged) + 1  # 0000-00001 is new
    assert (done.added, done.changed) == (1, 0)  # the other two agree with the table
    rows = {r.document_number: r for r in refreshed.rules}
    assert rows["0000-00001"].effective is None and rows["0000-00001"].first_page == 99001
    assert rows["2025-05427"].effective == date(2025, 3, 25)
    assert f"at {NOW.isoformat()} from {api}?" in done.path.read_text(encoding="utf-8")
    # the packaged table is never written
    assert load_fr_rules().rules == packaged.rules


def test_fr_refresh_keeps_rows_of_the_table_installed_before(server, tmp_path):
    first = serve_fr(server, sample_pages())
    refresh_fr_rules(tmp_path, now=NOW, url=first, options=FAST)
    # the next answer no longer holds the invented document: its row stays
    later = json.loads(FR_SAMPLE.read_text(encoding="utf-8"))
    later["results"] = later["results"][:2]
    later["count"] = 2
    serve_fr(server, [later])
    done = refresh_fr_rules(tmp_path, now=LATER, url=first, options=FAST)
    assert done.documents == 2 and (done.added, done.changed) == (0, 0)
    numbers = {r.document_number for r in load_fr_rules(done.path).rules}
    assert "0000-00001" in numbers


def test_fr_refresh_fills_an_unconfirmed_effective_date(server, tmp_path):
    # A hand-written answer for this test (not the Federal Register's record): FR Doc
    # 2025-05426 with an effective date, which the packaged table leaves unconfirmed.
    doc = {
        "citation": "90 FR 14035",
        "document_number": "2025-05426",
        "effective_on": "2025-03-25",
        "start_page": 14035,
        "end_page": 14045,
        "publication_date": "2025-03-28",
        "title": "hand-written for this test",
        "html_url": "https://example.invalid/2025-05426",
    }
    api = serve_fr(server, [{"count": 1, "results": [doc]}])
    done = refresh_fr_rules(tmp_path, now=NOW, url=api, options=FAST)
    assert (done.added, done.changed) == (0, 1)
    rule = load_fr_rules(done.path).rule_for(90, 14035)
    assert rule is not None and rule.effective == date(2025, 3, 25)


@pytest.mark.parametrize(
    ("pages", "message"),
    [
        ([{"count": 5, "results": []}], "gave 0 documents where the API counts 5"),
        ([{"count": 0}], "gave 0 documents"),
        ("html", "did not give a Federal Register documents answer (an HTML page"),
        ("loop", "did not end after 1 (a next_page_url loop?)"),
    ],
)
def test_fr_refresh_refuses_an_answer_it_cannot_trust(server, tmp_path, pages, message):
    api = server.base + DOCUMENTS
    if pages == "html":
        serve_fr(server, [{}])
        server.mode = "html"
    elif pages == "loop":
        first = fr_documents_url(api=api)
        page = {**json.loads(FR_SAMPLE.read_text(encoding="utf-8")), "next_page_url": first}
        server.files[path_of(first)] = json.dumps(page).encode()
    else:
        serve_fr(server, pages)
    table = tmp_path / "fr_rules.csv"
    table.write_text("kept as it was", encoding="utf-8")
    with pytest.raises(DownloadError) as caught:
        refresh_fr_rules(tmp_path, now=NOW, url=api, options=FAST)
    assert message in str(caught.value) and "\n" not in str(caught.value)
    assert table.read_text(encoding="utf-8") == "kept as it was"
    assert [p.name for p in tmp_path.iterdir()] == ["fr_rules.csv"]  # no temporary left


def test_installed_el_snapshots_are_dated_with_the_refreshed_table(
    server, tmp_path, small_el_floor
):
    update_el(tmp_path, now=NOW, api=serve_ecfr(server), options=FAST)
    (before,) = load_installed(tmp_path)
    anhui = next(e for e in before.entries if e.name.startswith("Anhui Kehua"))
    assert anhui.start_date == date(2025, 3, 28)  # publication date: effective not confirmed
    table = tmp_path / "fr_rules.csv"
    table.write_text(
        "document_number,volume,pages,publication_date,effective_date,subject,source,note\n"
        "2025-05426,90,14035-14045,2025-03-28,2025-03-25,test,hand-written for this test,\n",
        encoding="utf-8",
    )
    (after,) = load_installed(tmp_path)
    anhui = next(e for e in after.entries if e.name.startswith("Anhui Kehua"))
    assert anhui.start_date == date(2025, 3, 25)
    assert after.files == (after.path, table) and after.sha256 != before.sha256
    # the snapshot's own files still match its manifest: only the XML was downloaded
    (snap,) = newest_snapshots(tmp_path)
    assert snap.manifest.sha256 == before.sha256
