"""`screening.monitor.notify`: the JSON a team receives, through a command or a webhook (a
local server), and every way it can fail loudly."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest
from monitoring import HUAWEI, SUPPLIERS, ZETA, Hub, write_list, write_suppliers

from screening.errors import ConfigError
from screening.lists import load_list
from screening.monitor import (
    FileNotice,
    NotificationError,
    WatchSettings,
    notice_json,
    notice_record,
    post_webhook,
    rescreen_file,
    run_exec,
    webhook_label,
)

AS_OF = date(2025, 3, 1)


@pytest.fixture
def hub():
    running = Hub()
    yield running
    running.close()


@pytest.fixture
def payload(tmp_path: Path) -> bytes:
    suppliers = write_suppliers(tmp_path / "s.csv", SUPPLIERS)
    settings = WatchSettings()
    listed = load_list(write_list(tmp_path / "l.csv", HUAWEI, ZETA))
    done = rescreen_file(suppliers, settings, [listed], settings.screen_options(AS_OF), None)
    notices = [
        FileNotice("vendors", suppliers, done, report=tmp_path / "out" / "vendors.json"),
        FileNotice("other", tmp_path / "other.csv", None, error="other.csv does not exist"),
    ]
    return notice_json(notice_record(AS_OF, notices))


def test_the_notice_says_what_is_new_and_why(payload: bytes) -> None:
    notice = json.loads(payload)
    assert notice["summary"] == {"files": 2, "new_hits": 2, "failing": 2, "errors": 1}
    vendors, other = notice["files"]
    assert [(h["row"], h["entry_id"], h["status"], h["change"]) for h in vendors["hits"]] == [
        (1, "el-1", "pending", "first_screening"),
        (2, "el-3", "in_force", "first_screening"),
    ]
    assert vendors["hits"][0]["license_policy"] == "Presumption of denial."
    assert vendors["report"].endswith("vendors.json") and vendors["rows"] == 3
    assert (other["error"], other["hits"], other["rows"]) == ("other.csv does not exist", [], None)


def test_a_command_gets_the_json_on_its_standard_input(tmp_path: Path, payload: bytes) -> None:
    got = tmp_path / "got.json"
    run_exec(f"cat > {got}", payload)
    assert got.read_bytes() == payload


@pytest.mark.parametrize(
    ("command", "words"),
    [
        ("echo 'mail relay refused' >&2; exit 3", "exited with status 3: mail relay refused"),
        ("no-such-command-anywhere", "exited with status 127"),
    ],
)
def test_a_failing_command_is_an_error(payload: bytes, command: str, words: str) -> None:
    with pytest.raises(NotificationError, match=words):
        run_exec(command, payload)


def test_a_command_that_hangs_is_stopped(payload: bytes) -> None:
    with pytest.raises(NotificationError, match="did not finish within 0.5 s"):
        run_exec(f"{sys.executable} -c 'import time; time.sleep(30)'", payload, timeout=0.5)


def test_a_webhook_gets_the_json(hub: Hub, payload: bytes) -> None:
    assert post_webhook(f"{hub.base}/hooks/T0/secret", payload) == 1
    assert hub.posts == [payload]


def test_a_webhook_is_retried_on_5xx_and_429(hub: Hub, payload: bytes) -> None:
    hub.post_answers = [503, 429]
    waits: list[float] = []
    assert post_webhook(f"{hub.base}/x", payload, sleep=waits.append, backoff=1.0) == 3
    assert waits == [1.0, 2.0] and hub.posts == [payload]


def test_a_webhook_that_refuses_fails_at_once_without_its_secret(hub: Hub, payload: bytes) -> None:
    hub.post_answers = [404]
    with pytest.raises(NotificationError) as caught:
        post_webhook(f"{hub.base}/hooks/T0/secret", payload, sleep=lambda s: None)
    message = str(caught.value)
    assert "HTTP 404, 1 attempt)" in message and "secret" not in message
    assert "the next `screen rescreen` reports them again" in message


def test_an_unreachable_webhook_fails_after_its_attempts(payload: bytes) -> None:
    closed = Hub()
    closed.close()
    waits: list[float] = []
    with pytest.raises(NotificationError, match="ConnectError.*3 attempts"):
        post_webhook(f"{closed.base}/x", payload, attempts=3, sleep=waits.append, timeout=2)
    assert len(waits) == 2


def test_a_webhook_address_must_be_http(payload: bytes) -> None:
    with pytest.raises(ConfigError, match="--webhook"):
        post_webhook("ftp://example.org/x", payload)
    assert webhook_label("https://hooks.example.org:8443/services/T/B/s?k=v") == (
        "https://hooks.example.org:8443/..."
    )
