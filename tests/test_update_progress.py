"""`screen update` is never a silent wait: each failed attempt that will be retried is told
(which file, which attempt of how many, why, how long until the next), and the final error
counts the attempts actually made."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from test_update import Server

from screening.errors import DownloadError
from screening.lists.update import UpdateOptions, source_for, update_source

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)


@pytest.fixture
def closed() -> Server:
    """A server that stopped: its port refuses connections, as when offline."""
    server = Server()
    server.close()
    return server


def test_each_retry_is_told_and_the_count_is_honest(closed, tmp_path):
    notices: list[str] = []
    source = source_for("un", url=f"{closed.base}/consolidated.xml")
    with pytest.raises(DownloadError) as raised:
        update_source(source, tmp_path, now=NOW, notice=notices.append, sleep=lambda s: None,
                      options=UpdateOptions(attempts=4, backoff=2.0, timeout=2))  # fmt: skip
    assert [n.split(" failed (")[0] for n in notices] == [
        "un: consolidated.xml: attempt 1 of 4",
        "un: consolidated.xml: attempt 2 of 4",
        "un: consolidated.xml: attempt 3 of 4",
    ]
    assert [n.rsplit("trying again in ", 1)[1] for n in notices] == ["2 s", "4 s", "8 s"]
    assert " after 4 attempts (" in str(raised.value)


def test_one_attempt_is_said_as_one(closed, tmp_path):
    notices: list[str] = []
    source = source_for("un", url=f"{closed.base}/consolidated.xml")
    with pytest.raises(DownloadError, match=r" after 1 attempt \("):
        update_source(source, tmp_path, now=NOW, notice=notices.append,
                      options=UpdateOptions(attempts=1, timeout=2))  # fmt: skip
    assert notices == []  # nothing is retried


def test_the_deadline_says_how_many_attempts_were_made(closed, tmp_path):
    source = source_for("un", url=f"{closed.base}/consolidated.xml")
    waits = UpdateOptions(attempts=4, backoff=30.0, deadline=10.0, timeout=2)  # 30 s > 10 s
    with pytest.raises(DownloadError, match=r"deadline \(after 1 attempt, last problem: "):
        update_source(source, tmp_path, now=NOW, clock=lambda: 0.0, options=waits)
