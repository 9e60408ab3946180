"""What changed between two snapshots of one list (screening/lists/diff.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from screening.errors import ConfigError
from screening.lists.diff import (
    COMPARED_FIELDS,
    FieldChange,
    diff_snapshots,
    entry_changes,
    only_new_since,
)
from screening.models import ListEntry, ListSnapshot

EL = "Entity List (EL) - Bureau of Industry and Security"


def entry(entry_id: str, name: str, **more) -> ListEntry:
    return ListEntry(entry_id=entry_id, source=EL, name=name, **more)


def snapshot(name: str, *entries: ListEntry, fmt: str = "csl-csv") -> ListSnapshot:
    return ListSnapshot(name=name, path=Path(name), sha256=name, format=fmt, entries=entries)


KEPT = entry("1", "Alpha Trading Co", aliases=("Alpha Co", "AT Co"))
RENAMED = entry("2", "Beta Industries", start_date=date(2024, 1, 1))
GONE = entry("3", "Gamma Ltd")
NEW = entry("4", "Delta LLC")
OLD = snapshot("old.csv", KEPT, RENAMED, GONE)
CURRENT = snapshot(
    "new.csv",
    replace(KEPT, aliases=("AT Co", "Alpha Co"), remarks="a remark nobody compares"),
    replace(RENAMED, name="Beta Industrial Group"),
    NEW,
)


def test_entries_pair_by_id_so_a_renamed_entry_is_changed_not_removed_and_added():
    diff = diff_snapshots(OLD, CURRENT)
    assert diff.added == (NEW,)
    assert diff.removed == (GONE,)
    assert [c.new.entry_id for c in diff.changed] == ["2"]
    assert diff.changed[0].changes == (
        FieldChange("name", "Beta Industries", "Beta Industrial Group"),
    )
    assert diff.unchanged == 1  # the entry whose aliases only moved


def test_multi_value_fields_compare_as_sets_and_only_compared_fields_count():
    assert "remarks" not in COMPARED_FIELDS
    moved = replace(KEPT, aliases=tuple(reversed(KEPT.aliases)), remarks="other")
    assert entry_changes(KEPT, moved) == ()
    dated = replace(KEPT, end_date=date(2025, 3, 25), aliases=("Alpha Co",))
    assert [c.field for c in entry_changes(KEPT, dated)] == ["aliases", "end_date"]


def test_two_formats_are_two_lists_not_two_versions():
    with pytest.raises(ConfigError, match="different list formats"):
        diff_snapshots(OLD, snapshot("sdn.csv", KEPT, fmt="ofac-csv"))


def test_only_new_since_keeps_the_added_and_changed_entries_of_lists_of_that_format():
    other = snapshot("sdn.csv", entry("sdn-1", "Epsilon"), fmt="ofac-csv")
    (cut,) = only_new_since((CURRENT, other), OLD)
    assert [e.entry_id for e in cut.entries] == ["4", "2"]
    assert cut.name == "new.csv (new since old.csv)"
    assert cut.sha256 == CURRENT.sha256  # still names the list version screened


def test_only_new_since_without_a_list_of_that_format_is_one_error():
    other = snapshot("sdn.csv", entry("sdn-1", "Epsilon"), fmt="ofac-csv")
    with pytest.raises(ConfigError, match=r"is a csl-csv list, but the lists in use are ofac-csv"):
        only_new_since((other,), OLD)
