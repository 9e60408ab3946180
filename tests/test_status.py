"""Listing status on a date: pending before the start date, removed after the end date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from screening.models import EntryStatus, ListEntry
from screening.status import entry_status

START = date(2025, 3, 25)
END = date(2025, 7, 20)
DAY = timedelta(days=1)


def entry(start: date | None = None, end: date | None = None) -> ListEntry:
    return ListEntry(entry_id="t-1", source="test", name="Acme", start_date=start, end_date=end)


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (START - DAY, EntryStatus.PENDING),
        (START, EntryStatus.IN_FORCE),
        (START + DAY, EntryStatus.IN_FORCE),
    ],
)
def test_start_date_boundary(as_of, expected):
    assert entry_status(entry(start=START), as_of) is expected


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (END - DAY, EntryStatus.IN_FORCE),
        (END, EntryStatus.IN_FORCE),
        (END + DAY, EntryStatus.REMOVED),
    ],
)
def test_end_date_boundary(as_of, expected):
    assert entry_status(entry(start=START, end=END), as_of) is expected
    assert entry_status(entry(end=END), as_of) is expected


@pytest.mark.parametrize("as_of", [date(1900, 1, 1), START, date(2100, 1, 1)])
def test_no_dates_is_in_force(as_of):
    assert entry_status(entry(), as_of) is EntryStatus.IN_FORCE


def test_status_values_are_the_report_strings():
    assert [s.value for s in EntryStatus] == ["in_force", "pending", "removed"]


def test_sample_march_2025_entries_pending_then_in_force(sample_list):
    march = [e for e in sample_list.entries if e.start_date == START]
    assert len(march) >= 12  # the twelve of FR Doc 2025-05427
    assert all(entry_status(e, date(2025, 3, 24)) is EntryStatus.PENDING for e in march)
    assert all(entry_status(e, date(2025, 3, 26)) is EntryStatus.IN_FORCE for e in march)


def test_sample_ended_entries_removed(sample_list):
    ended = [e for e in sample_list.entries if e.end_date is not None]
    assert ended
    for e in ended:
        assert entry_status(e, e.end_date) is not EntryStatus.REMOVED
        assert entry_status(e, e.end_date + DAY) is EntryStatus.REMOVED
