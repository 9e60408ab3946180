"""Which entries each list in use adds since a watched file's last screening.

For each list in use, the version the file was last screened against is found again (the
path and sha256 it was recorded with: `screen update` keeps the older snapshots) and the
two are compared by the diff machinery (`screening.lists.diff`): the rows the file already
had are then screened against the added and changed entries only. A list the file was not
screened against before, or whose earlier version can no longer be found or no longer has
its recorded sha256, is screened whole, and only the hits not already known are reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from screening.errors import ConfigError, ScreeningError
from screening.files import short_digest
from screening.lists import load_list
from screening.lists.diff import ListDiff, diff_snapshots
from screening.models import ListEntry, ListSnapshot, entry_field
from screening.monitor.state import ListKey, ListVersion, list_key


@dataclass(slots=True)
class ListPlan:
    """One list in use and what the rows already screened need of it.

    `delta`: what they are screened against (the added and changed entries; the whole list
    when `whole`; None when nothing is new). `diff` is there when the two versions could
    be compared; `note` says why a list is screened whole.
    """

    current: ListSnapshot
    previous: ListVersion | None
    diff: ListDiff | None = None
    whole: bool = False
    note: str = ""
    delta: ListSnapshot | None = None
    added: frozenset[str] = frozenset()
    changed: dict[str, tuple[str, ...]] = field(default_factory=dict)
    removed: dict[str, ListEntry] = field(default_factory=dict)
    _ids: dict[str, int] | None = None

    @property
    def key(self) -> ListKey:
        return list_key(self.current)

    def entry(self, entry_id: str) -> ListEntry | None:
        """The entry of the list in use with this id (the ids are read once, the entries
        built only when asked: a list from the cache stays mostly unbuilt)."""
        if self._ids is None:
            ids = entry_field(self.current.entries, "entry_id")
            self._ids = {entry: position for position, entry in enumerate(ids)}
        position = self._ids.get(entry_id)
        return None if position is None else self.current.entries[position]


def load_version(version: ListVersion, cache_dir: Path | None = None) -> ListSnapshot | None:
    """The list version a file was screened against, read again from where it was, or None
    when it is gone or is no longer that version (another sha256)."""
    path = Path(version.path)
    if not path.is_file():
        return None
    try:
        loaded = load_list(path, cache_dir=cache_dir)
    except ScreeningError:
        return None
    return loaded if loaded.sha256 == version.sha256 else None


def plan_lists(
    lists: Sequence[ListSnapshot],
    previous: Sequence[ListVersion] | None,
    cache_dir: Path | None = None,
) -> tuple[ListPlan, ...]:
    """A plan for each list in use against the versions of the last screening (None: the
    file was never screened, every list is screened whole)."""
    names = [s.name for s in lists]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise ConfigError(
            f"two lists in use are both named {twice[0]}: a watched file tells its lists "
            "apart by file name; give one of them another name"
        )
    pairs = _pair(lists, previous or ())
    return tuple(_plan(s, pairs.get(i), previous is None, cache_dir) for i, s in enumerate(lists))


def _pair(lists: Sequence[ListSnapshot], previous: Sequence[ListVersion]) -> dict[int, ListVersion]:
    """The earlier version of each list in use (by position): the one of the same format
    and file name, else the only one left of that format when only one list in use of that
    format is left too (a list whose file name carries its date: `entity_list_0301.csv`,
    then `entity_list_0315.csv`)."""
    by_key = {v.key: v for v in previous}
    found = {i: by_key[list_key(s)] for i, s in enumerate(lists) if list_key(s) in by_key}
    used = {v.key for v in found.values()}
    for fmt in {s.format for s in lists}:
        left = [i for i, s in enumerate(lists) if s.format == fmt and i not in found]
        old = [v for v in previous if v.format == fmt and v.key not in used]
        if len(left) == 1 and len(old) == 1:
            found[left[0]] = old[0]
    return found


def _plan(
    current: ListSnapshot, old: ListVersion | None, first: bool, cache_dir: Path | None
) -> ListPlan:
    if first:
        return ListPlan(current, None, whole=True, delta=current)
    if old is None:
        note = f"{current.name}: not screened against before; every row screened against it"
        return ListPlan(current, None, whole=True, note=note, delta=current)
    if old.sha256 == current.sha256:
        return ListPlan(current, old)
    loaded = load_version(old, cache_dir)
    if loaded is None:
        note = (
            f"{current.name}: the version last screened against ({old.path}, sha256 "
            f"{short_digest(old.sha256)}) is no longer there to compare with; every row "
            "screened against the whole list, hits known before not reported again"
        )
        return ListPlan(current, old, whole=True, note=note, delta=current)
    found = diff_snapshots(loaded, current)
    entries = (*found.added, *(c.new for c in found.changed))
    return ListPlan(
        current,
        old,
        diff=found,
        delta=replace(current, entries=entries) if entries else None,
        added=frozenset(e.entry_id for e in found.added),
        changed={c.new.entry_id: tuple(f.field for f in c.changes) for c in found.changed},
        removed={e.entry_id: e for e in found.removed},
    )
