"""What the tests of continuous monitoring share: list versions and supplier files written
by hand, small enough to read in the test that uses them."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from test_lists import CSL_HEADER  # the header the CSL publishes, written once

EL = "Entity List (EL) - Bureau of Industry and Security"


@dataclass(frozen=True)
class Listing:
    """One entry of a hand-written CSL file (the columns a test changes)."""

    entry_id: str
    name: str
    start_date: str = ""
    end_date: str = ""
    license_policy: str = "Presumption of denial."
    aliases: str = ""
    remarks: str = ""


def csl_text(*listings: Listing) -> str:
    """A CSL CSV file holding `listings`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    for e in listings:
        cells = [""] * 29
        cells[0], cells[1], cells[5] = e.entry_id, EL, e.name
        cells[9], cells[10], cells[13] = e.start_date, e.end_date, e.license_policy
        cells[20], cells[22] = e.remarks, e.aliases
        writer.writerow(cells)
    return CSL_HEADER + out.getvalue()


def write_list(path: Path, *listings: Listing) -> Path:
    path.write_text(csl_text(*listings), encoding="utf-8")
    return path


def write_suppliers(path: Path, rows: list[tuple[str, ...]], *, ids: bool = True) -> Path:
    """A supplier CSV: (id, name, country) rows, or (name, country) without `ids`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["vendor_id", "name", "country"] if ids else ["name", "country"])
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


HUAWEI = Listing("el-1", "Huawei Technologies Co., Ltd.", start_date="2025-03-25")
ACME = Listing("el-2", "Acme Trading Company", start_date="2020-01-01")
ZETA = Listing("el-3", "Zeta Robotics GmbH", start_date="2024-06-01")
FILLER = Listing("el-4", "Northern Lights Shipping Limited", start_date="2019-05-05")

SUPPLIERS = [
    ("V1", "Huawei Technologies Co Ltd", "CN"),
    ("V2", "Zeta Robotics GmbH", "DE"),
    ("V3", "Blue Ocean Furniture", "US"),
]


class Hub:
    """A local HTTP server for one test: serves `files` by path (a list for `screen
    update`) and keeps every POST body (a webhook); `post_answers` are the statuses the
    next POSTs get (then 204)."""

    def __init__(self) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.files: dict[str, bytes] = {}
        self.posts: list[bytes] = []
        self.post_answers: list[int] = []
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = hub.files.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                status = hub.post_answers.pop(0) if hub.post_answers else 204
                if status < 300:
                    hub.posts.append(body)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )
        self._thread.start()
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
