"""`screen update` against a local server that misbehaves on purpose.

Every fault ends in one of two ways: a complete, checked snapshot, or exit code 2 with one
line on stderr and the data directory exactly as it was (no new snapshot, no `.partial-*`
folder). The server runs on 127.0.0.1 in a thread; limits are shrunk so the suite is fast.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from screening_cli.app import app
from typer.testing import CliRunner

from screening.errors import DownloadError
from screening.lists.store import MANIFEST, installed_snapshots, newest_snapshots, read_snapshot
from screening.lists.update import SOURCES, UpdateOptions, source_for, update_source

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_update import csl_bytes

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
LATER = datetime(2026, 3, 8, 12, 0, tzinfo=UTC)
FAST = UpdateOptions(attempts=1, backoff=0.0, timeout=5.0, min_bytes=100)
NAMES = tuple(f"PARTY NUMBER {i} TRADING CO" for i in range(100))

Handler = BaseHTTPRequestHandler
Route = Callable[[Handler], None]


class FaultServer:
    """Serves each path with a behaviour (a function of the request handler)."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[str] = []
        self.stop = threading.Event()
        server = self

        class Handle(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                path = self.path.split("?")[0]
                server.requests.append(self.path)
                route = server.routes.get(path)
                try:
                    if route is None:
                        self.send_error(404)
                    else:
                        route(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up, as it should

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handle)
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        # A short poll interval: shutdown() waits for it, once per test.
        serve = lambda: self.httpd.serve_forever(poll_interval=0.02)  # noqa: E731
        self.thread = threading.Thread(target=serve, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[FaultServer]:
    running = FaultServer()
    yield running
    running.close()


# Behaviours ---------------------------------------------------------------------------


def sized(body: bytes, *, headers: dict[str, str] | None = None) -> Route:
    """A normal answer: Content-Length, then the whole body."""

    def route(h: Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            h.send_header(key, value)
        h.end_headers()
        h.wfile.write(body)

    return route


def unframed(body: bytes, *, headers: dict[str, str] | None = None) -> Route:
    """No Content-Length and no chunked encoding: the body ends when the server closes the
    connection (HTTP/1.0, http.server's default), so a cut is invisible to HTTP."""

    def route(h: Handler) -> None:
        h.send_response(200)
        for key, value in (headers or {}).items():
            h.send_header(key, value)
        h.end_headers()
        h.wfile.write(body)

    return route


def dropped(body: bytes, at: int) -> Route:
    """Announces the whole body, sends `at` bytes of it, then drops the connection."""

    def route(h: Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body[:at])
        h.wfile.flush()
        h.connection.close()

    return route


def redirect(location: str) -> Route:
    def route(h: Handler) -> None:
        h.send_response(302)
        h.send_header("Location", location)
        h.send_header("Content-Length", "0")
        h.end_headers()

    return route


def trickle(server: FaultServer, *, announce: int | None, delay: float) -> Route:
    """A CSL header, then one byte every `delay` seconds until the client leaves."""

    def route(h: Handler) -> None:
        h.send_response(200)
        if announce is not None:
            h.send_header("Content-Length", str(announce))
        h.end_headers()
        h.wfile.write(csl_bytes())
        h.wfile.flush()
        while not server.stop.is_set():
            h.wfile.write(b" ")
            h.wfile.flush()
            time.sleep(delay)

    return route


def endless(server: FaultServer) -> Route:
    """A CSL header, then as much as the client will read, with no length announced."""
    block = b"x" * 65536

    def route(h: Handler) -> None:
        h.send_response(200)
        h.end_headers()
        h.wfile.write(csl_bytes())
        while not server.stop.is_set():
            h.wfile.write(block)

    return route


def gzip_bomb(decoded_mib: int) -> bytes:
    """A gzip body of `decoded_mib` MiB of zeros (about 1 KB of it per MiB)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(2**20)
    return b"".join(packer.compress(zeros) for _ in range(decoded_mib)) + packer.flush()


# Helpers ------------------------------------------------------------------------------


@pytest.fixture
def small_floor(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI keeps each source's real size floor (1 MB for the CSL); these bodies are small."""
    for key in ("csl", "sdn"):
        monkeypatch.setitem(SOURCES, key, replace(SOURCES[key], min_bytes=20))


def cli(data_dir: Path, url: str, *extra: str, source: str = "csl") -> Any:
    runner = CliRunner(
        env={"COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb", "SCREEN_DATA_DIR": str(data_dir)}
    )
    args = ["update", "-s", source, "--retries", "0", "--url", url, *extra]
    return runner.invoke(app, args)


#: The progress lines `screen update` prints before an error: the source it starts.
PROGRESS = re.compile(r"^[a-z]+: downloading \S+$")


def one_line(result: Any) -> str:
    """Exit 2 and, after the progress line, exactly one line on stderr, no traceback; that
    line."""
    assert result.exit_code == 2, (result.exit_code, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert PROGRESS.match(lines[0]), result.stderr
    lines = lines[1:]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    return lines[0]


def tree(folder: Path) -> dict[str, str]:
    """Every file and folder under `folder` (hidden ones too), with each file's sha256."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        if p.is_file()
        else ""
        for p in sorted(folder.rglob("*"))
    }


def install(server: FaultServer, data_dir: Path, names: tuple[str, ...] = NAMES) -> dict[str, str]:
    """Install a good snapshot of `names` (the one in use) and return the tree to compare."""
    server.routes["/first.csv"] = sized(csl_bytes(*names))
    update_source(
        source_for("csl", url=f"{server.base}/first.csv"), data_dir, now=NOW, options=FAST
    )
    return tree(data_dir)


def body_lines(names: tuple[str, ...], keep: int) -> bytes:
    """The CSL file of `names` cut at a line boundary after `keep` records."""
    return b"".join(csl_bytes(*names).splitlines(keepends=True)[: keep + 1])


# Truncation (issue item 3) --------------------------------------------------------------


def test_close_delimited_body_cut_at_a_line_boundary_is_refused(server, tmp_path, small_floor):
    before = install(server, tmp_path)
    server.routes["/consolidated.csv"] = unframed(body_lines(NAMES, 55))
    line = one_line(cli(tmp_path, f"{server.base}/consolidated.csv"))
    assert "gave 55 entries where the snapshot in use" in line and "has 100" in line
    assert "--accept-shrink" in line and "/consolidated.csv" in line
    assert tree(tmp_path) == before

    accepted = cli(tmp_path, f"{server.base}/consolidated.csv", "--accept-shrink")
    assert accepted.exit_code == 0, accepted.stderr
    (in_use,) = newest_snapshots(tmp_path)
    assert in_use.manifest.entries == 55
    assert any("without Content-Length" in w for w in in_use.manifest.warnings)
    assert any("--accept-shrink" in w for w in in_use.manifest.warnings)
    assert "warning: csl:" in accepted.stderr and "without Content-Length" in accepted.stderr


def test_a_small_drop_passes_only_with_a_length(server, tmp_path, small_floor):
    """99 of 100 entries is a plausible delisting when the server said how long the file is;
    without that, the missing last line may be a cut, so it is refused."""
    before = install(server, tmp_path)
    server.routes["/consolidated.csv"] = unframed(body_lines(NAMES, 99))
    assert "any drop" not in one_line(cli(tmp_path, f"{server.base}/consolidated.csv"))
    assert tree(tmp_path) == before
    server.routes["/consolidated.csv"] = sized(body_lines(NAMES, 99))
    result = cli(tmp_path, f"{server.base}/consolidated.csv")
    assert result.exit_code == 0, result.stderr
    assert newest_snapshots(tmp_path)[0].manifest.entries == 99


def test_a_shrink_past_the_threshold_is_refused_even_with_a_length(server, tmp_path, small_floor):
    before = install(server, tmp_path)
    server.routes["/consolidated.csv"] = sized(body_lines(NAMES, 80))
    line = one_line(cli(tmp_path, f"{server.base}/consolidated.csv"))
    assert "20.0% fewer, more than the 10%" in line
    assert tree(tmp_path) == before


def test_csv_cut_inside_its_last_record_is_refused(server, tmp_path, small_floor):
    # Cut just after the last comma: the record has every field, the last one empty.
    body = csl_bytes("ACME TRADING", "BETA LTD").rstrip(b"\n")
    server.routes["/consolidated.csv"] = unframed(body)
    line = one_line(cli(tmp_path, f"{server.base}/consolidated.csv"))
    assert "does not end with a line break" in line
    assert installed_snapshots(tmp_path) == ()


def test_json_with_fewer_records_than_it_states_is_refused(server, tmp_path, small_floor):
    record = {"source": "Entity List (EL) - Bureau of Industry and Security", "name": "ACME"}
    body = json.dumps({"total": 3, "results": [record, {**record, "name": "BETA"}]}).encode()
    server.routes["/consolidated.json"] = unframed(body)
    line = one_line(cli(tmp_path, f"{server.base}/consolidated.json"))
    assert "says it holds 3 records but has 2" in line


OFAC_ROWS = (
    '1,"ACME SHIPPING CO",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'
    '2,"BETA TRADING LLC",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'
)
OFAC_SET = {
    "sdn.csv": OFAC_ROWS.encode() + b"\x1a",
    "add.csv": b'1,1,-0- ,"Havana",-0- ,-0- \r\n\x1a',
    "alt.csv": b'2,1,"aka","BETA TRADE",-0- \r\n\x1a',
    "sdn_comments.csv": b'1,"more remarks"\r\n\x1a',
}


@pytest.mark.parametrize("cut", ["sdn.csv", "alt.csv"])
def test_ofac_file_without_its_end_byte_is_refused(server, tmp_path, small_floor, cut):
    for name, body in OFAC_SET.items():
        cut_body = body.splitlines(keepends=True)[0] if name == cut else body
        server.routes[f"/ofac/{name}"] = unframed(cut_body)
    line = one_line(cli(tmp_path, f"{server.base}/ofac/sdn.csv", source="sdn"))
    assert f"{cut} does not end with OFAC's end-of-file byte (0x1A)" in line
    assert installed_snapshots(tmp_path) == ()
    server.routes[f"/ofac/{cut}"] = unframed(OFAC_SET[cut])
    result = cli(tmp_path, f"{server.base}/ofac/sdn.csv", source="sdn")
    assert result.exit_code == 0, result.stderr
    assert newest_snapshots(tmp_path)[0].manifest.entries == 2


def ofac_primary(count: int) -> bytes:
    rows = "".join(
        f'{i},"PARTY {i} SHIPPING",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'
        for i in range(1, count + 1)
    )
    return rows.encode() + b"\x1a"


def test_ofac_set_whole_by_its_end_byte_may_shrink_without_a_length(server, tmp_path, small_floor):
    """OFAC's end byte proves the file whole, so a small real delisting (20 to 19) installs
    even from a server that gives no length; the same drop in a CSV without such a sign
    is refused (test_a_small_drop_passes_only_with_a_length)."""
    for name, body in OFAC_SET.items():
        server.routes[f"/ofac/{name}"] = unframed(body)
    server.routes["/ofac/sdn.csv"] = unframed(ofac_primary(20))
    assert cli(tmp_path, f"{server.base}/ofac/sdn.csv", source="sdn").exit_code == 0
    server.routes["/ofac/sdn.csv"] = unframed(ofac_primary(19))
    result = cli(tmp_path, f"{server.base}/ofac/sdn.csv", source="sdn")
    assert result.exit_code == 0, result.stderr
    assert newest_snapshots(tmp_path)[0].manifest.entries == 19
    server.routes["/ofac/sdn.csv"] = unframed(ofac_primary(10))
    assert "47.4% fewer, more than the 10%" in one_line(
        cli(tmp_path, f"{server.base}/ofac/sdn.csv", source="sdn")
    )


def test_issue_reproduction_real_list_cut_to_8132_of_14756(server, tmp_path, shared_data):
    """The reproduction of issue 12 with the derived real CSL: the cut list is refused."""
    full = (shared_data / "derived" / "real_lists_csl.csv").read_bytes()
    server.routes["/first.csv"] = sized(full)
    source = source_for("csl", url=f"{server.base}/first.csv")
    assert update_source(source, tmp_path, now=NOW, options=FAST).entries == 14756
    before = tree(tmp_path)
    # Cut after the record that holds the 8,132nd entry (records may span lines).
    import csv
    import io

    reader = csv.reader(io.StringIO(full.decode("utf-8"), newline=""))
    for _ in range(8133):
        next(reader)
    text = full.decode("utf-8")
    lines = text.splitlines(keepends=True)
    cut = "".join(lines[: reader.line_num]).encode()
    server.routes["/consolidated.csv"] = unframed(cut)
    line = one_line(cli(tmp_path, f"{server.base}/consolidated.csv"))
    assert "gave 8132 entries" in line and "has 14756" in line and "--accept-shrink" in line
    assert tree(tmp_path) == before


# Broken transfers ---------------------------------------------------------------------


def test_connection_dropped_mid_body(server, tmp_path, small_floor):
    before = install(server, tmp_path)
    body = csl_bytes(*NAMES)
    server.routes["/consolidated.csv"] = dropped(body, len(body) // 2)
    line = one_line(cli(tmp_path, f"{server.base}/consolidated.csv"))
    assert line.startswith("error: could not download") and "/consolidated.csv" in line
    assert tree(tmp_path) == before


def test_gzip_body_installs_decoded(server, tmp_path, small_floor):
    body = csl_bytes(*NAMES)
    server.routes["/consolidated.csv"] = sized(
        gzip.compress(body), headers={"Content-Encoding": "gzip"}
    )
    result = cli(tmp_path, f"{server.base}/consolidated.csv")
    assert result.exit_code == 0, result.stderr
    (snap,) = installed_snapshots(tmp_path)
    assert snap.main_path.read_bytes() == body
    assert snap.manifest.entries == 100 and snap.manifest.size == len(body)


def test_gzip_body_cut_short_without_a_length_is_refused(server, tmp_path, small_floor):
    before = install(server, tmp_path)
    packed = gzip.compress(csl_bytes(*NAMES))
    server.routes["/consolidated.csv"] = unframed(
        packed[: len(packed) - 20], headers={"Content-Encoding": "gzip"}
    )
    line = one_line(cli(tmp_path, f"{server.base}/consolidated.csv"))
    assert "ended before its end marker" in line
    assert tree(tmp_path) == before


def test_gzip_bomb_stops_at_the_size_cap(server, tmp_path):
    """A gzip bomb of 64 MiB: with a 1 MiB cap no more than the cap (and one piece) is
    ever written, and the download stops there."""
    server.routes["/consolidated.csv"] = sized(gzip_bomb(64), headers={"Content-Encoding": "gzip"})
    written: list[int] = []
    options = replace(FAST, max_bytes=2**20)
    source = source_for("csl", url=f"{server.base}/consolidated.csv")
    with pytest.raises(DownloadError, match=r"more than 1048576 bytes, over the 1 MiB limit"):
        update_source(
            source, tmp_path, now=NOW, options=options, progress=lambda *a: written.append(a[1])
        )
    assert max(written) <= 2**20 + 65536
    assert not list((tmp_path / "snapshots" / "csl").iterdir())


def test_gzip_bomb_stops_on_its_expansion_below_the_cap(server, tmp_path):
    """Under the default 256 MiB cap, a bomb is still stopped within its first MiBs."""
    server.routes["/consolidated.csv"] = sized(gzip_bomb(64), headers={"Content-Encoding": "gzip"})
    written: list[int] = []
    source = source_for("csl", url=f"{server.base}/consolidated.csv")
    with pytest.raises(DownloadError, match="a compression bomb"):
        update_source(
            source, tmp_path, now=NOW, options=FAST, progress=lambda *a: written.append(a[1])
        )
    assert max(written) < 2 * 2**20


def test_gzip_bomb_through_the_cli(server, tmp_path, small_floor):
    before = install(server, tmp_path)
    server.routes["/consolidated.csv"] = sized(gzip_bomb(16), headers={"Content-Encoding": "gzip"})
    line = one_line(cli(tmp_path, f"{server.base}/consolidated.csv", "--max-size", "1"))
    assert "over the 1 MiB limit" in line and "--max-size" in line
    assert tree(tmp_path) == before


def test_announced_size_over_the_cap_is_refused_at_once(server, tmp_path, small_floor):
    before = install(server, tmp_path)
    server.routes["/consolidated.csv"] = trickle(server, announce=10 * 2**30, delay=1.0)
    started = time.monotonic()
    line = one_line(cli(tmp_path, f"{server.base}/consolidated.csv", "--max-size", "1"))
    assert time.monotonic() - started < 5
    assert "announces 10737418240 bytes, over the 1 MiB limit" in line
    assert tree(tmp_path) == before


def test_endless_body_stops_at_the_cap(server, tmp_path, small_floor):
    before = install(server, tmp_path)
    server.routes["/consolidated.csv"] = endless(server)
    line = one_line(cli(tmp_path, f"{server.base}/consolidated.csv", "--max-size", "2"))
    assert "gave more than 2097152 bytes, over the 2 MiB limit" in line
    assert tree(tmp_path) == before


def test_slow_body_stops_at_the_deadline(server, tmp_path, small_floor):
    """Bytes arrive just often enough to beat the read timeout; the deadline ends it."""
    before = install(server, tmp_path)
    server.routes["/consolidated.csv"] = trickle(server, announce=10 * 2**20, delay=0.05)
    started = time.monotonic()
    line = one_line(cli(tmp_path, f"{server.base}/consolidated.csv", "--deadline", "1"))
    assert time.monotonic() - started < 10
    assert "did not download within the 1 s deadline" in line and "--deadline" in line
    assert tree(tmp_path) == before


def test_slow_headers_stop_at_the_deadline_not_the_read_timeout(server, tmp_path):
    """A server that never answers: the deadline (1 s) cuts the 5 s read timeout short."""

    def silent(h: Handler) -> None:
        server.stop.wait(10)

    server.routes["/consolidated.csv"] = silent
    started = time.monotonic()
    with pytest.raises(DownloadError, match="deadline"):
        update_source(
            source_for("csl", url=f"{server.base}/consolidated.csv"),
            tmp_path,
            now=NOW,
            options=replace(FAST, deadline=1.0, attempts=3),
        )
    assert time.monotonic() - started < 4


# Redirects and addresses --------------------------------------------------------------


def test_same_host_redirect_records_the_final_url(server, tmp_path, small_floor):
    server.routes["/old/consolidated.csv"] = redirect("/new/consolidated.csv")
    server.routes["/new/consolidated.csv"] = sized(csl_bytes(*NAMES))
    result = cli(tmp_path, f"{server.base}/old/consolidated.csv")
    assert result.exit_code == 0, result.stderr
    (snap,) = installed_snapshots(tmp_path)
    (item,) = snap.manifest.files
    assert item.url == snap.manifest.url == f"{server.base}/new/consolidated.csv"
    assert item.redirected_from == (f"{server.base}/old/consolidated.csv",)
    assert f"from {server.base}/new/consolidated.csv" in result.stderr


def test_cross_host_redirect_records_the_final_url(server, tmp_path, small_floor):
    other = FaultServer()
    try:
        other.routes["/mirror.csv"] = sized(csl_bytes(*NAMES))
        # "localhost" is another host name for the same machine: a cross-host redirect.
        final = f"http://localhost:{other.port}/mirror.csv"
        server.routes["/consolidated.csv"] = redirect(final)
        result = cli(tmp_path, f"{server.base}/consolidated.csv")
        assert result.exit_code == 0, result.stderr
        manifest = json.loads((installed_snapshots(tmp_path)[0].directory / MANIFEST).read_text())
        assert manifest["url"] == manifest["files"][0]["url"] == final
        assert manifest["files"][0]["redirected_from"] == [f"{server.base}/consolidated.csv"]
    finally:
        other.close()


def test_redirect_loop_is_one_line_exit_2(server, tmp_path, small_floor):
    before = install(server, tmp_path)
    server.routes["/a.csv"] = redirect("/b.csv")
    server.routes["/b.csv"] = redirect("/a.csv")
    line = one_line(cli(tmp_path, f"{server.base}/a.csv"))
    assert "redirected more than 10 times (a redirect loop?" in line
    assert tree(tmp_path) == before
    assert len(server.requests) <= 1 + 11 + 1  # the first install, then bounded


def test_credentials_in_the_url_are_not_stored(server, tmp_path, small_floor):
    server.routes["/consolidated.csv"] = sized(csl_bytes(*NAMES))
    url = f"http://reader:pa55word@127.0.0.1:{server.port}/consolidated.csv?token=t0ps3cret&v=2"
    result = cli(tmp_path, url)
    assert result.exit_code == 0, result.stderr
    (snap,) = installed_snapshots(tmp_path)
    text = (snap.directory / MANIFEST).read_text()
    for secret in ("reader", "pa55word", "t0ps3cret"):
        assert secret not in text and secret not in result.stderr
    assert snap.manifest.url == (
        f"http://REDACTED@127.0.0.1:{server.port}/consolidated.csv?token=REDACTED&v=2"
    )
    assert server.requests[-1].endswith("token=t0ps3cret&v=2")  # still used to download
    # A failure names the address without its secrets too.
    missing = url.replace("consolidated", "missing")
    line = one_line(cli(tmp_path, missing))
    assert "missing.csv?token=REDACTED&v=2 answered HTTP 404" in line
    assert "pa55word" not in line and "t0ps3cret" not in line


# Leftovers ----------------------------------------------------------------------------


def test_stale_partial_folders_are_removed_at_the_next_update(server, tmp_path, small_floor):
    folder = tmp_path / "snapshots" / "csl"
    stale, live = folder / ".partial-killed", folder / ".partial-running"
    for path in (stale, live):
        path.mkdir(parents=True)
        (path / "consolidated.csv").write_bytes(b"half a list")
    old = time.time() - 2 * 3600
    for path in (stale / "consolidated.csv", stale):
        os.utime(path, (old, old))
    server.routes["/consolidated.csv"] = sized(csl_bytes(*NAMES))
    result = cli(tmp_path, f"{server.base}/consolidated.csv")
    assert result.exit_code == 0, result.stderr
    assert not stale.exists()
    assert live.exists()  # written to a moment ago: an update running now owns it


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or os.name != "posix", reason="POSIX signals")
def test_sigterm_during_a_download_leaves_nothing_behind(server, tmp_path, checkout_env):
    before = install(server, tmp_path)
    server.routes["/consolidated.csv"] = trickle(server, announce=10 * 2**20, delay=0.02)
    env = {**checkout_env, "SCREEN_DATA_DIR": str(tmp_path)}
    command = [sys.executable, "-c", "from screening_cli.app import main; main()"]
    command += ["update", "-s", "csl", "--retries", "0", "--url", f"{server.base}/consolidated.csv"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    folder = tmp_path / "snapshots" / "csl"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        partial = [p for p in folder.iterdir() if p.name.startswith(".partial-")]
        if partial and any(partial[0].iterdir()):  # the body is being written
            break
        time.sleep(0.05)
    time.sleep(0.3)
    assert process.poll() is None, process.communicate()
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=30)
    text = stderr.decode("utf-8", "replace")
    assert process.returncode == 143, text
    assert "Traceback" not in text
    lines = [line for line in text.splitlines() if line.strip()]
    assert PROGRESS.match(lines[0]), text
    assert len(lines) == 2 and lines[1].startswith("interrupted:"), text
    assert tree(tmp_path) == before


def test_snapshot_in_use_is_untouched_by_every_failure(server, tmp_path, small_floor):
    """One pass over the faults above against one data directory: each fails alone."""
    before = install(server, tmp_path)
    body = csl_bytes(*NAMES)
    faults: dict[str, Route] = {
        "/drop.csv": dropped(body, 1000),
        "/cut.csv": unframed(body_lines(NAMES, 10)),
        "/html.csv": sized(b"<!DOCTYPE html><html><body>maintenance</body></html>" * 5),
        "/bomb.csv": sized(gzip_bomb(8), headers={"Content-Encoding": "gzip"}),
        "/brotli.csv": sized(b"xx" * 100, headers={"Content-Encoding": "br"}),
        "/loop.csv": redirect("/loop.csv"),
    }
    server.routes.update(faults)
    for path in faults:
        one_line(cli(tmp_path, f"{server.base}{path}", "--max-size", "1"))
        assert tree(tmp_path) == before, path
    assert read_snapshot(newest_snapshots(tmp_path)[0].directory).manifest.entries == 100
