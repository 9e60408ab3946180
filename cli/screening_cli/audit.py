"""Recording `check` and `lookup` runs in the audit trail: who ran what, against which list
versions, with what result. The database work is in `screening.audit`; this module reads the
clock, the user, the host and the environment.
"""

from __future__ import annotations

import getpass
import socket
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from screening_cli.places import resolve_data_dir
from screening_cli.runner import EXIT_INTERRUPTED, unexpected_error

if TYPE_CHECKING:
    from screening.audit import AuditLog
    from screening.models import ScreeningResult


def audit_url(db: str | None, data_dir: Path | None, *, create: bool) -> str | None:
    """--db, else SCREEN_DB, else the SQLite file in the data directory. With `create`, the
    data directory is made if absent; without, None when the default file does not exist."""
    from screening.audit import DEFAULT_DB_NAME, sqlite_url

    if db and db.strip():
        return db.strip()
    folder = resolve_data_dir(data_dir)
    path = folder / DEFAULT_DB_NAME
    if create:
        folder.mkdir(parents=True, exist_ok=True)
    elif not path.exists():
        return None
    return sqlite_url(path)


def _now() -> datetime:
    return datetime.now(UTC)


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers)
        return ""


def _warn(message: str) -> None:
    from screening_cli.render import console, print_warning

    print_warning(console(stderr=True), message)


class RunAudit:
    """Records one `check` or `lookup` run: `wrap` the command's action, and pass its
    result through `finish` after the report is written."""

    def __init__(
        self,
        command: str,
        *,
        db: str | None,
        enabled: bool,
        data_dir: Path | None = None,
        input_path: Path | None = None,
        input_name: str | None = None,
        threshold: float | None = None,
        fail_on: str | None = None,
    ) -> None:
        self.command, self.db, self.enabled, self.data_dir = command, db, enabled, data_dir
        self.input_path, self.input_name = input_path, input_name
        self.threshold, self.fail_on = threshold, fail_on
        self.started_at = _now()
        self.run_id: int | None = None

    def _record(
        self, *, code: int, result: ScreeningResult | None = None, error: str | None = None
    ) -> None:
        if not self.enabled:
            return
        from screening.audit import RunInfo, input_sha256, record_run
        from screening.errors import ScreeningError

        path = self.input_path
        info = RunInfo(
            command=self.command,
            started_at=self.started_at,
            user=_user(),
            host=socket.gethostname(),
            input_path=str(path) if path is not None else None,
            input_name=self.input_name,
            input_sha256=input_sha256(path) if path is not None else None,
            threshold=self.threshold,
            fail_on=self.fail_on,
        )
        try:
            url = audit_url(self.db, self.data_dir, create=True)
            assert url is not None
            self.run_id = record_run(
                url, info, finished_at=_now(), exit_code=code, result=result, error=error
            )
        except (ScreeningError, OSError) as exc:
            _warn(f"the run was not recorded in the audit database: {exc}")

    def check_database(self) -> None:
        """Refuse, before any work, a --db that names a database the tool cannot write (a
        driver not installed): the run would otherwise go unrecorded."""
        from screening.audit import sqlite_path

        url = (self.db or "").strip()
        if self.enabled and url and sqlite_path(url) is None:
            from screening.audit import check_database_url

            check_database_url(url)

    def database_file(self) -> Path | None:
        """The SQLite file this run will be recorded in, if it is one."""
        from screening.audit import sqlite_path

        url = audit_url(self.db, self.data_dir, create=False) if self.enabled else None
        return sqlite_path(url) if url else None

    def finish(self, result: ScreeningResult, code: int) -> int:
        """Record a run that produced its report; returns its exit code unchanged."""
        self._record(code=code, result=result)
        return code

    def wrap(self, action: Callable[[], int]) -> Callable[[], int]:
        """The action, recording it as failed when it stops on an input error or Ctrl-C."""
        from screening.errors import ScreeningError

        def run() -> int:
            self.check_database()
            try:
                return action()
            except KeyboardInterrupt:
                self._record(code=EXIT_INTERRUPTED, error="interrupted")
                raise
            except ScreeningError as exc:
                self._record(code=2, error=str(exc))
                raise
            except Exception as exc:  # exits 2 too (runner.run_command): recorded as it ends
                self._record(code=2, error=unexpected_error(exc))
                raise

        return run


def now() -> datetime:
    """The time of this run, in UTC (the library reads no clock)."""
    return datetime.now(UTC)


def open_log(db: str | None, data_dir: Path | None) -> AuditLog:
    """The audit database holding the watch list (created if absent)."""
    from screening.audit import AuditLog

    url = audit_url(db, data_dir, create=True)
    assert url is not None
    return AuditLog(url)
