"""Telling a team what a re-screening found: a command run with the new hits as JSON on its
standard input (`--exec`), or the same JSON POSTed to a webhook (`--webhook`).

A notification that does not arrive is an error of the run, never a silent success: the
command must exit with status 0 within `EXEC_TIMEOUT_S`; the webhook must answer 2xx,
with `WEBHOOK_ATTEMPTS` tries on network errors and on the answers that mean "later" (5xx,
429), each bounded by a timeout. The caller keeps the new hits new when it fails (the
watched files' last screenings are not advanced), so the next run reports them again.

The JSON (`notice_record`): `version`, `as_of`, `summary` (`files`, `new_hits`,
`failing`, `errors`) and `files`, each with `name`, `path`, `report` (where its report was
written, or null), `rows`, `new_hits`, `failing`, `error` (null, or why the file could not
be screened) and `hits`: the report's match fields (`screening.report.match_record`) plus
`change` (why it is new: `screening.monitor.rescreen.Change`), `change_detail` and
`previous_status`.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from screening.errors import ConfigError, ScreeningError
from screening.gate import fails_gate
from screening.monitor.rescreen import Rescreening
from screening.report.fields import match_record

#: Bumped when a field of the notification changes meaning or goes away.
NOTICE_VERSION = 1
#: Seconds the `--exec` command may take. Sending a mail or a chat message takes seconds;
#: two minutes leaves room for a slow relay and still ends a hung command before the next
#: cron run (hourly at the most frequent in docs/monitoring.md).
EXEC_TIMEOUT_S = 120.0
#: Seconds a webhook may take to connect and to answer, per attempt. Chat and incident
#: services answer in well under a second; ten rides out a slow one.
WEBHOOK_TIMEOUT_S = 10.0
#: Attempts at a webhook (1 + 3 retries) and the first wait, doubled each time: 1, 2, 4 s,
#: enough to ride out a restart of the receiving service without holding a CI job long.
WEBHOOK_ATTEMPTS = 4
WEBHOOK_BACKOFF_S = 1.0
#: Answers that mean "try again later" (rate limited, or the service is unwell).
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class NotificationError(ScreeningError):
    """A notification could not be delivered."""


@dataclass(frozen=True, slots=True)
class FileNotice:
    """One watched file in a notification: what its re-screening found (None when it
    failed, with `error` saying why) and where its report went."""

    name: str
    path: Path
    done: Rescreening | None
    report: Path | None = None
    error: str | None = None


def _file_record(notice: FileNotice) -> dict[str, Any]:
    done = notice.done
    hits: list[dict[str, Any]] = []
    failing = 0
    if done is not None:
        gate = done.result.gate
        for new in done.changes:
            hits.append(
                {
                    **match_record(new.finding, gate),
                    "change": new.change.value,
                    "change_detail": new.detail,
                    "previous_status": new.previous_status.value if new.previous_status else None,
                }
            )
            failing += fails_gate(new.finding, gate)
    return {
        "name": notice.name,
        "path": str(notice.path),
        "report": str(notice.report) if notice.report is not None else None,
        "rows": done.result.rows if done is not None else None,
        "new_hits": len(hits),
        "failing": failing,
        "error": notice.error,
        "hits": hits,
    }


def notice_record(as_of: date, notices: Sequence[FileNotice]) -> dict[str, Any]:
    """The notification of a re-screening of `notices` on `as_of`, as one JSON object."""
    files = [_file_record(n) for n in notices]
    return {
        "version": NOTICE_VERSION,
        "as_of": as_of.isoformat(),
        "summary": {
            "files": len(files),
            "new_hits": sum(f["new_hits"] for f in files),
            "failing": sum(f["failing"] for f in files),
            "errors": sum(f["error"] is not None for f in files),
        },
        "files": files,
    }


def notice_json(record: dict[str, Any]) -> bytes:
    """The notification as UTF-8 JSON bytes."""
    return (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _first_line(data: bytes) -> str:
    lines = [line.strip() for line in data.decode("utf-8", "replace").splitlines()]
    return next((line for line in reversed(lines) if line), "")


def run_exec(command: str, payload: bytes, *, timeout: float = EXEC_TIMEOUT_S) -> None:
    """Run `command` through the shell with `payload` on its standard input; its output is
    kept from the report. NotificationError unless it exits with status 0 in time (a
    command still running then is stopped, with whatever it started)."""
    try:
        process = subprocess.Popen(
            command,
            shell=True,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,  # its own process group: stopped whole on a timeout
        )
    except OSError as exc:
        raise NotificationError(f"--exec {command!r} could not start: {exc.strerror}") from None
    with process:
        try:
            _, err = process.communicate(payload, timeout=timeout)
        except subprocess.TimeoutExpired:
            _stop(process)
            raise NotificationError(
                f"--exec {command!r} did not finish within {timeout:g} s; it was stopped"
            ) from None
    if process.returncode != 0:
        said = _first_line(err)
        raise NotificationError(
            f"--exec {command!r} exited with status {process.returncode}"
            + (f": {said}" if said else "")
        )


def _stop(process: subprocess.Popen[bytes]) -> None:
    killpg = getattr(os, "killpg", None)
    try:
        if killpg is not None:
            killpg(process.pid, signal.SIGKILL)
        else:  # no process groups (Windows)
            process.kill()
    except ProcessLookupError:
        pass
    process.communicate()


def webhook_label(url: str) -> str:
    """A webhook's address as shown in messages: scheme, host and port only, since the path
    and query of a chat or incident webhook are its secret."""
    parts = urlsplit(url)
    host = parts.hostname or "?"
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}/..."


def check_webhook(url: str) -> None:
    """ConfigError, before any work, for a webhook address that is not http(s)."""
    try:
        parts = urlsplit(url)
        usable = parts.scheme in ("http", "https") and bool(parts.hostname)
        parts.port  # noqa: B018  # raises ValueError for a port that is not a number
    except ValueError:
        usable = False
    if not usable:
        raise ConfigError("--webhook must be an http:// or https:// address with a host")


def post_webhook(
    url: str,
    payload: bytes,
    *,
    timeout: float = WEBHOOK_TIMEOUT_S,
    attempts: int = WEBHOOK_ATTEMPTS,
    backoff: float = WEBHOOK_BACKOFF_S,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """POST `payload` (JSON) to `url` until it answers 2xx; returns how many attempts it
    took. Network errors and 5xx/429 answers are tried again after `backoff`, doubled each
    time, `attempts` times in all; another answer ends it at once. NotificationError when
    it was not delivered, naming the host only (see `webhook_label`)."""
    check_webhook(url)
    shown, problem = webhook_label(url), ""
    headers = {"Content-Type": "application/json", "User-Agent": "screening"}
    with httpx.Client(timeout=timeout, follow_redirects=False) as client:
        for attempt in range(1, max(attempts, 1) + 1):
            if attempt > 1:
                sleep(backoff * 2 ** (attempt - 2))
            try:
                answer = client.post(url, content=payload, headers=headers)
            except httpx.HTTPError as exc:
                problem = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
                continue
            if 200 <= answer.status_code < 300:
                return attempt
            problem = f"it answered HTTP {answer.status_code}"
            if answer.status_code not in _RETRY_STATUS:
                break
    raise NotificationError(
        f"webhook {shown} did not take the notification ({problem}, {attempt} attempt"
        f"{'s' if attempt != 1 else ''}); the new hits were not marked as seen: the next "
        "`screen rescreen` reports them again"
    )
