"""Continuous monitoring: files kept on a watch list and re-screened for what is new.

A compliance team screens its vendor master again at every list update and every date a
listing takes effect. The package reads in the order a re-screening runs:

    settings    what a watched file is screened with, stored with it (JSON)
    watchlist   the watch list and each file's last screening, in the audit database
    state       what a last screening leaves: list versions, known hits, row digests
    rows        which rows are new or changed since then (64-bit digests, numpy)
    plan        which entries each list added or changed since then (the list diff)
    narrow      rows matched against those entries only when a word of theirs meets one
    rescreen    the re-screening: new entries, new rows, statuses changed with time
    notify      the new hits as JSON to a command or a webhook
"""

from screening.monitor.notify import (
    EXEC_TIMEOUT_S,
    WEBHOOK_ATTEMPTS,
    WEBHOOK_BACKOFF_S,
    WEBHOOK_TIMEOUT_S,
    FileNotice,
    NotificationError,
    check_webhook,
    notice_json,
    notice_record,
    post_webhook,
    run_exec,
    webhook_label,
)
from screening.monitor.rescreen import Change, NewFinding, Rescreening, describe, rescreen_file
from screening.monitor.settings import WatchSettings
from screening.monitor.state import KnownHit, LastScreening, ListVersion
from screening.monitor.watchlist import (
    ScreeningSummary,
    WatchedFile,
    check_file,
    check_name,
    default_name,
    last_screening,
    record_rescreening,
    screening_summaries,
    unwatch,
    watch_file,
    watched_files,
)

__all__ = [
    "EXEC_TIMEOUT_S",
    "WEBHOOK_ATTEMPTS",
    "WEBHOOK_BACKOFF_S",
    "WEBHOOK_TIMEOUT_S",
    "Change",
    "FileNotice",
    "KnownHit",
    "LastScreening",
    "ListVersion",
    "NewFinding",
    "NotificationError",
    "Rescreening",
    "ScreeningSummary",
    "WatchSettings",
    "WatchedFile",
    "check_file",
    "check_name",
    "check_webhook",
    "default_name",
    "describe",
    "last_screening",
    "notice_json",
    "notice_record",
    "post_webhook",
    "record_rescreening",
    "rescreen_file",
    "run_exec",
    "screening_summaries",
    "unwatch",
    "watch_file",
    "watched_files",
    "webhook_label",
]
