"""What changed between two snapshots of one list: entries added, removed and changed.

Entries are paired by the list's own id (CSL `_id`, OFAC ent_num, UN DATAID...), so a
renamed entry shows as changed, not as one removed and one added. Multi-value fields
(aliases, addresses...) compare as sets: the order a list prints them in is not a change.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from screening.errors import ConfigError
from screening.models import ListEntry, ListSnapshot

#: The fields a reviewer needs to see change: who (names), where, when, and on what terms.
COMPARED_FIELDS: tuple[str, ...] = (
    "name",
    "aliases",
    "addresses",
    "countries",
    "programs",
    "start_date",
    "end_date",
    "federal_register_notice",
    "license_requirement",
    "license_policy",
    "dates_of_birth",
    "identifiers",
)


def _value(entry: ListEntry, field: str) -> str | date | frozenset[str] | None:
    value = getattr(entry, field)
    return frozenset(value) if isinstance(value, tuple) else value


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of one entry, before and after."""

    field: str
    old: str | date | tuple[str, ...] | None
    new: str | date | tuple[str, ...] | None


@dataclass(frozen=True, slots=True)
class EntryChange:
    """An entry present in both snapshots whose compared fields differ."""

    old: ListEntry
    new: ListEntry
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True, slots=True)
class ListDiff:
    """The difference between an older and a newer snapshot of the same list."""

    old: ListSnapshot
    new: ListSnapshot
    added: tuple[ListEntry, ...]
    removed: tuple[ListEntry, ...]
    changed: tuple[EntryChange, ...]

    @property
    def unchanged(self) -> int:
        """Entries present in both and identical in every compared field."""
        return self.new.entry_count - len(self.added) - len(self.changed)


def entry_changes(old: ListEntry, new: ListEntry) -> tuple[FieldChange, ...]:
    """The compared fields that differ between two versions of one entry."""
    return tuple(
        FieldChange(field=f, old=getattr(old, f), new=getattr(new, f))
        for f in COMPARED_FIELDS
        if _value(old, f) != _value(new, f)
    )


def _by_id(snapshot: ListSnapshot) -> dict[str, ListEntry]:
    return {e.entry_id: e for e in snapshot.entries}


def diff_snapshots(old: ListSnapshot, new: ListSnapshot) -> ListDiff:
    """Compare two snapshots of one list; ConfigError when they are different lists."""
    if old.format != new.format:
        raise ConfigError(
            f"{old.path} ({old.format}) and {new.path} ({new.format}) are different list "
            "formats; diff two snapshots of the same list"
        )
    before, after = _by_id(old), _by_id(new)
    changed = []
    for entry_id, entry in after.items():
        if entry_id in before and (changes := entry_changes(before[entry_id], entry)):
            changed.append(EntryChange(old=before[entry_id], new=entry, changes=changes))
    return ListDiff(
        old=old,
        new=new,
        added=tuple(e for i, e in after.items() if i not in before),
        removed=tuple(e for i, e in before.items() if i not in after),
        changed=tuple(changed),
    )


def only_new_since(lists: tuple[ListSnapshot, ...], old: ListSnapshot) -> tuple[ListSnapshot, ...]:
    """The lists in use cut down to the entries added or changed since `old`.

    Only lists of the same format as `old` are kept: "only what is new since that snapshot"
    means nothing for another list. ConfigError when no list in use has that format.
    """
    same = [s for s in lists if s.format == old.format]
    if not same:
        formats = ", ".join(sorted({s.format for s in lists})) or "none"
        raise ConfigError(
            f"--only-new-since {old.path} is a {old.format} list, but the lists in use are "
            f"{formats}; pass the matching --list"
        )
    result = []
    for snapshot in same:
        found = diff_snapshots(old, snapshot)
        keep = (*found.added, *(c.new for c in found.changed))
        result.append(
            replace(snapshot, name=f"{snapshot.name} (new since {old.name})", entries=keep)
        )
    return tuple(result)
