"""The audit trail: every screening run, the lists it used and every hit, in a database.

SQLite by default (one file in the data directory), or a PostgreSQL database a team
shares (`postgresql+psycopg://...`). The package reads in the order a run is recorded:

    records   what a run is, as plain data, and the rows it becomes
    schema    the tables, defined once (DDL, and the columns every statement names)
    db        the two databases: URLs, drivers (sqlite3, psycopg), and what differs
    store     `AuditLog`, the one path that writes runs and reads them back

Importing it costs only Python's sqlite3: PostgreSQL's driver is imported when such a
database is used, so a one-name `screen lookup` is recorded in milliseconds.
"""

from screening.audit.db import (
    SQLITE_BUSY_TIMEOUT_S,
    check_database_url,
    display_url,
    sqlite_path,
    sqlite_url,
)
from screening.audit.records import (
    DEFAULT_DB_NAME,
    SCHEMA_VERSION,
    AuditError,
    HitRecord,
    ListRecord,
    RunInfo,
    RunRecord,
    error_reason,
    input_sha256,
    run_json,
)
from screening.audit.store import AuditLog, record_run

__all__ = [
    "DEFAULT_DB_NAME",
    "SCHEMA_VERSION",
    "SQLITE_BUSY_TIMEOUT_S",
    "AuditError",
    "AuditLog",
    "HitRecord",
    "ListRecord",
    "RunInfo",
    "RunRecord",
    "check_database_url",
    "display_url",
    "error_reason",
    "input_sha256",
    "record_run",
    "run_json",
    "sqlite_path",
    "sqlite_url",
]
