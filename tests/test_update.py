"""`screening.lists.update` against a local HTTP server: success, a dropped connection, HTML,
an unreachable host. Never the internet; backoff is shrunk so the suite stays fast."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from test_lists import CSL_HEADER  # the header the CSL publishes, written once

from screening.errors import DownloadError, ListDataError
from screening.lists.store import (
    installed_snapshots,
    load_installed,
    newest_snapshots,
    read_snapshot,
)
from screening.lists.update import SOURCES, Source, UpdateOptions, source_for, update_source

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
LATER = datetime(2026, 3, 8, 12, 0, tzinfo=UTC)
FAST = UpdateOptions(attempts=2, backoff=0.0, timeout=5.0, min_bytes=100)


def csl_bytes(*names: str) -> bytes:
    rows = "".join(
        f'"id-{i}","Entity List (EL) - Bureau of Industry and Security",,,,"{n}"' + ",," * 11 + ","
        "\n"
        for i, n in enumerate(names)
    )
    return (CSL_HEADER + rows).encode()


class Server:
    """Serves `files` by path; `mode` "drop" cuts each body in half, "html" sends a page."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.mode = "ok"
        self.requests = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests += 1
                body = server.files.get(self.path)
                if server.mode == "html":
                    body = b"<!DOCTYPE html><html><body>Service unavailable</body></html>" * 10
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if server.mode == "drop":
                    self.wfile.write(body[: len(body) // 2])
                    self.wfile.flush()
                    self.connection.close()
                    return
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[Server]:
    running = Server()
    yield running
    running.close()


def csl_source(server: Server, names: tuple[str, ...] = ("ACME TRADING", "BETA LTD")) -> Source:
    server.files["/consolidated.csv"] = csl_bytes(*names)
    return source_for("csl", url=f"{server.base}/consolidated.csv")


def test_update_installs_a_snapshot_with_its_manifest(server, tmp_path):
    progress: list[tuple[str, int, int | None]] = []
    manifest = update_source(
        csl_source(server), tmp_path, now=NOW, progress=lambda *a: progress.append(a), options=FAST
    )
    assert manifest.entries == 2 and manifest.format == "csl-csv"
    (snap,) = installed_snapshots(tmp_path)
    assert snap.directory.name == "20260301T120000Z"
    assert read_snapshot(snap.directory).manifest == manifest
    assert manifest.files[0].sha256 == manifest.sha256  # one file: its own sha256
    assert progress[-1][1] == progress[-1][2] == manifest.size
    (loaded,) = load_installed(tmp_path)
    assert loaded.entry_count == 2 and str(loaded.data_date) == "2026-03-01"
    assert not [p for p in snap.directory.parent.iterdir() if p.name.startswith(".")]


def test_new_snapshot_wins_and_previous_is_kept(server, tmp_path):
    update_source(csl_source(server), tmp_path, now=NOW, options=FAST)
    # One entry of two is a shrink a real update does not have: it needs --accept-shrink.
    shrink = replace(FAST, accept_shrink=True)
    update_source(csl_source(server, ("ACME TRADING",)), tmp_path, now=LATER, options=shrink)
    assert len(installed_snapshots(tmp_path)) == 2
    (newest,) = newest_snapshots(tmp_path)
    assert newest.manifest.entries == 1 and newest.manifest.downloaded_at == LATER


def _unchanged_after(failing, server, tmp_path) -> None:
    update_source(csl_source(server), tmp_path, now=NOW, options=FAST)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    with pytest.raises(DownloadError) as caught:
        failing()
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
    (kept,) = load_installed(tmp_path)
    assert kept.entry_count == 2
    assert "\n" not in str(caught.value)
    return str(caught.value)


def test_dropped_connection_is_retried_then_fails_leaving_the_snapshot(server, tmp_path):
    source = csl_source(server)

    def failing():
        server.mode = "drop"
        server.requests = 0
        update_source(source, tmp_path, now=LATER, options=FAST)

    message = _unchanged_after(failing, server, tmp_path)
    assert server.requests == FAST.attempts  # bounded
    assert "after 2 attempts" in message and "closed connection" in message


def test_html_instead_of_a_list_is_refused(server, tmp_path):
    source = csl_source(server)

    def failing():
        server.mode = "html"
        update_source(source, tmp_path, now=LATER, options=FAST)

    assert "an HTML page" in _unchanged_after(failing, server, tmp_path)


def test_file_below_the_size_floor_is_refused(server, tmp_path):
    source = csl_source(server)
    with pytest.raises(DownloadError, match="gave only"):
        update_source(source, tmp_path, now=NOW, options=replace(FAST, min_bytes=10_000_000))
    assert installed_snapshots(tmp_path) == ()


def test_http_404_names_the_url(server, tmp_path):
    source = source_for("un", url=f"{server.base}/missing.xml")
    with pytest.raises(DownloadError, match="missing.xml answered HTTP 404"):
        update_source(source, tmp_path, now=NOW, options=FAST)


def test_offline_fails_with_one_line_and_changes_nothing(tmp_path):
    # A port nobody listens on: connection refused, as when offline.
    closed = Server()
    closed.close()
    source = source_for("csl", url=f"{closed.base}/consolidated.csv")
    sleeps: list[float] = []
    with pytest.raises(DownloadError, match="could not download .* after 3 attempts"):
        update_source(
            source,
            tmp_path,
            now=NOW,
            options=UpdateOptions(attempts=3, backoff=0.5, timeout=2),
            sleep=sleeps.append,
        )
    assert sleeps == [0.5, 1.0]  # exponential backoff, bounded
    assert installed_snapshots(tmp_path) == ()


def test_unknown_source_and_bad_url():
    with pytest.raises(DownloadError, match="unknown list source 'eu'"):
        source_for("eu")
    with pytest.raises(DownloadError, match="not an http"):
        source_for("csl", url="ftp://example.org/x.csv")
    assert set(SOURCES) == {"csl", "sdn", "un"}


@pytest.mark.slow
def test_sdn_set_downloads_its_companions(server, tmp_path):
    folder = DATA / "ofac" / "sdn_set_2021-07"
    if not folder.is_dir():
        pytest.skip("../shared/data not present")
    for name in ("sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"):
        server.files[f"/ofac/{name}"] = (folder / name).read_bytes()
    source = source_for("sdn", url=f"{server.base}/ofac/sdn.csv")
    # This copy of sdn_comments.csv lost the 0x1A byte OFAC ends every file with (the other
    # three have it), so it reads as cut short; served as OFAC publishes it, the set installs.
    with pytest.raises(DownloadError, match=r"sdn_comments.csv does not end with OFAC's .*0x1A"):
        update_source(source, tmp_path, now=NOW, options=FAST)
    assert installed_snapshots(tmp_path) == ()
    server.files["/ofac/sdn_comments.csv"] += b"\x1a"
    manifest = update_source(source, tmp_path, now=NOW, options=FAST)
    assert manifest.entries == 8976
    assert [f.name for f in manifest.files] == ["sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"]
    (loaded,) = load_installed(tmp_path)
    assert loaded.sha256 == manifest.sha256


def test_un_xml_from_the_shared_data(server, tmp_path):
    path = DATA / "un" / "UN_consolidated.xml"
    if not path.is_file():
        pytest.skip("../shared/data not present")
    server.files["/consolidated.xml"] = path.read_bytes()
    source = source_for("un", url=f"{server.base}/consolidated.xml")
    options = UpdateOptions(attempts=1, backoff=0)
    assert update_source(source, tmp_path, now=NOW, options=options).entries == 1003


def test_tampered_snapshot_is_refused(server, tmp_path):
    update_source(csl_source(server), tmp_path, now=NOW, options=FAST)
    (snap,) = installed_snapshots(tmp_path)
    with snap.main_path.open("ab") as handle:
        handle.write(b'"x","s",,,,"EXTRA"' + b"," * 23 + b"\n")
    with pytest.raises(ListDataError, match="files changed since download"):
        load_installed(tmp_path)
