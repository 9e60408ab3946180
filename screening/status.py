"""Whether a listing applies on a date, from its start and end dates.

A listing is pending before its start date, in force from its start date through its end
date, and removed after its end date. A listing with no start date (SDN rows in the CSL
carry none) counts as in force since before any date asked about.
"""

from __future__ import annotations

from datetime import date

from screening.models import EntryStatus, ListEntry


def entry_status(entry: ListEntry, as_of: date) -> EntryStatus:
    """The status of `entry` on `as_of`."""
    if entry.start_date is not None and as_of < entry.start_date:
        return EntryStatus.PENDING
    if entry.end_date is not None and as_of > entry.end_date:
        return EntryStatus.REMOVED
    return EntryStatus.IN_FORCE
