"""Re-screening a watched file: what is new since its last screening, and only that.

Four things can make yesterday's clean supplier today's hit, and each is found where it
can happen, not by screening everything again:

- entries added to or changed in a list since the version the file was last screened
  against: the rows the file already had are screened against those entries only
  (`screening.monitor.plan`), so a list update adding 80 entries costs 80 entries' work;
- a list the file was not screened against before (or whose earlier version is gone):
  screened whole, the hits already known left out;
- rows added to the file, or changed (same id, other name or country): screened against
  the whole lists (`screening.monitor.rows` tells them apart);
- the passing of time: every hit already known is judged again on the new date, against
  its entry as the list now has it (pending -> in force, in force -> removed), and a hit
  whose entry left the list is reported as removed.

The file is read twice when it has new or changed rows (the second time for those rows
only), so memory holds chunks and hits, never the whole file; its sha256 is checked before
and after, so both readings saw the same file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

from screening.errors import InputFileError
from screening.files import file_sha256
from screening.gate import result_failures
from screening.index import NameIndex
from screening.inputs import open_suppliers
from screening.match import ListMatcher
from screening.models import EntryStatus, Finding, ListSnapshot, ScreeningResult, Supplier
from screening.monitor.narrow import WordGate
from screening.monitor.plan import ListPlan, plan_lists
from screening.monitor.rows import RowChange, RowPrints, RowTracker, row_digests
from screening.monitor.settings import WatchSettings
from screening.monitor.state import KnownHit, LastScreening, ListVersion
from screening.options import ScreenOptions
from screening.review import Reviews
from screening.screen import ProgressCallback, screen_chunks
from screening.status import entry_status


class Change(StrEnum):
    """Why a finding is new since the file's last screening."""

    FIRST = "first_screening"  # the file had not been screened: every hit
    NEW_ENTRY = "new_entry"  # an unchanged row meets an entry added to the list
    CHANGED_ENTRY = "changed_entry"  # an unchanged row meets an entry changed in the list
    NEW_LIST = "new_list"  # a list screened whole (new to the file, or its old version gone)
    NEW_ROW = "new_row"  # a row added to the file
    CHANGED_ROW = "changed_row"  # a row whose name or country changed (same id)
    STATUS = "status_changed"  # a known hit whose listing's status changed on the new date
    DELISTED = "delisted"  # a known hit whose entry is no longer on the list


@dataclass(frozen=True, slots=True)
class NewFinding:
    """A finding reported by a re-screening, with why it is new; `previous_status` is the
    status the same hit had at the last screening, when it was known."""

    finding: Finding
    change: Change
    detail: str = ""
    previous_status: EntryStatus | None = None


@dataclass(frozen=True, slots=True)
class Rescreening:
    """What re-screening a watched file found, and what the next one compares with.

    `result` holds the new findings only (its `rows`: every row of the file); `changes`
    says why each is new, in the same order. `hits`, `lists`, `prints` and `input_sha256`
    are the file's screening as it now stands: every hit it has, new or not.
    """

    result: ScreeningResult
    changes: tuple[NewFinding, ...]
    hits: tuple[KnownHit, ...]
    lists: tuple[ListVersion, ...]
    prints: RowPrints
    input_sha256: str
    first: bool
    rows_new: int = 0
    rows_changed: int = 0
    entries_screened: int = 0  # entries the unchanged rows were screened against
    notes: tuple[str, ...] = ()


#: Which hit a known hit is: the row (by its key or its print), the listing's source and id.
HitId = tuple[bytes, str, str]


class _Walk:
    """The first reading of the file: sorts each row (`RowTracker`), passes on the rows to
    screen against the new entries, and keeps what the rest of the re-screening needs."""

    def __init__(self, tracker: RowTracker, wanted: set[bytes], *, first: bool) -> None:
        self.tracker, self.wanted, self.first = tracker, wanted, first
        self.rows = 0
        self.fresh: dict[int, RowChange] = {}  # new and changed rows, by row number
        self.carried: dict[bytes, list[Supplier]] = {}  # unchanged rows with known hits

    def unchanged(self, chunks: Iterable[Sequence[Supplier]]) -> Iterator[list[Supplier]]:
        """The unchanged rows of each chunk (every row, on a first screening)."""
        for chunk in chunks:
            self.rows += len(chunk)
            if self.first:
                self.tracker.sort(chunk)
                yield list(chunk)
                continue
            same = []
            for supplier, change, _, row_print in self.tracker.sort(chunk):
                if change is not RowChange.SAME:
                    self.fresh[supplier.row] = change
                    continue
                same.append(supplier)
                if row_print in self.wanted:
                    self.carried.setdefault(row_print, []).append(supplier)
            if same:
                yield same

    def fresh_rows(self, chunks: Iterable[Sequence[Supplier]]) -> Iterator[list[Supplier]]:
        """The new and changed rows of each chunk of a second reading."""
        for chunk in chunks:
            kept = [s for s in chunk if s.row in self.fresh]
            if kept:
                yield kept


def _drain(chunks: Iterable[Sequence[Supplier]]) -> None:
    for _ in chunks:
        pass


def _reviews(settings: WatchSettings, *, by_name: bool) -> tuple[Reviews, tuple[str, ...]]:
    """The decisions and baseline of the file; a decisions file not written yet is none."""
    decisions = settings.review.decisions
    notes: tuple[str, ...] = ()
    if decisions is not None and not decisions.exists():
        notes = (f"decisions file {decisions} does not exist yet: none applied",)
        decisions = None
    return Reviews.read(decisions, settings.review.baseline, by_name=by_name), notes


def rescreen_file(
    path: Path,
    settings: WatchSettings,
    lists: Sequence[ListSnapshot],
    options: ScreenOptions,
    last: LastScreening | None,
    *,
    progress: ProgressCallback | None = None,
) -> Rescreening:
    """Screen a watched file for what is new since `last` (None: screen it all, the first
    time), against `lists` as of `options.as_of`, with the file's `settings`."""
    before = _sha256(path)
    opened = open_suppliers(path, settings.read)
    by_id = opened.columns.input_id is not None
    reviews, notes = _reviews(settings, by_name=not by_id)
    plans = plan_lists(lists, last.lists if last is not None else None, options.cache_dir)
    known = _distinct(last.hits) if last is not None else ()
    walk = _Walk(RowTracker(last.prints if last is not None else None, by_id=by_id),
                 {h.print for h in known}, first=last is None)  # fmt: skip
    unchanged = _screen_unchanged(walk.unchanged(opened), plans, options, reviews, walk.first,
                                  progress, opened.rows_estimate)  # fmt: skip
    fresh = None
    if walk.fresh:  # read again for the new and changed rows only, screened whole
        again = walk.fresh_rows(open_suppliers(path, settings.read))
        fresh = screen_chunks(again, lists, options, reviews=reviews)
    if _sha256(path) != before:
        raise InputFileError(
            f"{path} changed while it was being screened; screen it again once it is written"
        )
    sorting = _Sorting(plans, known, by_id=by_id, first=walk.first)
    sorting.carry(walk.carried, options, reviews)
    if unchanged is not None:
        sorting.unchanged(unchanged.findings)
    if fresh is not None:
        sorting.fresh(fresh.findings, walk.fresh)
    reported = tuple(sorted(sorting.reported, key=_report_order))
    whole = unchanged if walk.first else fresh  # the rows screened whole: their skips
    changes = tuple(walk.fresh.values())
    return Rescreening(
        result=_result(options, lists, walk.rows, reported, whole),
        changes=reported,
        hits=tuple(sorted(sorting.hits, key=_hit_order)),
        lists=tuple(ListVersion.of(s) for s in lists),
        prints=walk.tracker.prints(),
        input_sha256=before,
        first=walk.first,
        rows_new=sum(c is RowChange.NEW for c in changes),
        rows_changed=sum(c is RowChange.CHANGED for c in changes),
        entries_screened=0 if walk.first else sum(
            p.delta.entry_count for p in plans if p.delta is not None
        ),
        notes=notes + tuple(p.note for p in plans if p.note),
    )  # fmt: skip


def _screen_unchanged(
    chunks: Iterable[Sequence[Supplier]],
    plans: Sequence[ListPlan],
    options: ScreenOptions,
    reviews: Reviews,
    first: bool,
    progress: ProgressCallback | None,
    rows_estimate: int,
) -> ScreeningResult | None:
    """The first reading: the unchanged rows (every row, the first time) screened against
    what is new in each list; None when nothing is (the rows are read all the same)."""
    targets = [p.delta for p in plans if p.delta is not None]
    if not targets:
        _drain(chunks)
        return None
    narrow = not first and not any(p.whole for p in plans)
    return screen_chunks(chunks, targets, options, reviews=reviews, progress=progress,
                         rows_estimate=rows_estimate,
                         matcher=_matcher(targets, options, narrow=narrow))  # fmt: skip


def _result(
    options: ScreenOptions,
    lists: Sequence[ListSnapshot],
    rows: int,
    reported: Sequence[NewFinding],
    whole: ScreeningResult | None,
) -> ScreeningResult:
    """The report's result: the new findings, the rows the file has, the lists in use, and
    the skipped rows and warnings of the rows screened whole."""
    return ScreeningResult(
        as_of=options.as_of,
        gate=options.gate,
        lists=tuple(lists),
        rows=rows,
        findings=tuple(n.finding for n in reported),
        skipped=whole.skipped if whole is not None else (),
        skip_reasons=whole.skip_reasons if whole is not None else (),
        warnings=whole.warnings if whole is not None else (),
    )


def _matcher(targets: list[ListSnapshot], options: ScreenOptions, *, narrow: bool) -> ListMatcher:
    """The matcher of the rows already screened: against new and changed entries only
    (`narrow`), a `WordGate` spares the index the rows that cannot have a candidate."""
    matcher = ListMatcher(targets, cache_dir=options.cache_dir, skip_types=options.skip_types)
    if narrow and isinstance(matcher.source, NameIndex):
        matcher.source = WordGate(matcher.source)
    return matcher


def _sha256(path: Path) -> str:
    try:
        return file_sha256(path)
    except OSError as exc:
        raise InputFileError(f"cannot read watched file {path}: {exc.strerror or exc}") from None


def _order(finding: Finding) -> tuple[int, float, str]:
    match = finding.match
    return (match.supplier.row, -match.score, match.entry.entry_id)


def _report_order(new: NewFinding) -> tuple[int, float, str]:
    return _order(new.finding)


def _hit_order(hit: KnownHit) -> tuple[int, float, str]:
    return _order(hit.finding)


def _entry_of(finding: Finding) -> tuple[str, str]:
    """The listing a finding is about: its list's source name and the list's own id (the
    list file's name may change from one version to the next; these do not)."""
    entry = finding.match.entry
    return (entry.source, entry.entry_id)


def _distinct(hits: Sequence[KnownHit]) -> tuple[KnownHit, ...]:
    """One known hit per row print and listing (identical rows share their hits)."""
    seen: dict[HitId, KnownHit] = {}
    for hit in hits:
        seen.setdefault((hit.print, *_entry_of(hit.finding)), hit)
    return tuple(seen.values())


def _status_words(status: EntryStatus) -> str:
    return status.value.replace("_", " ")


class _Sorting:
    """Sorts every finding of a re-screening into what is reported as new and what the
    file's screening now holds (`hits`)."""

    def __init__(
        self, plans: Sequence[ListPlan], known: Sequence[KnownHit], *, by_id: bool, first: bool
    ) -> None:
        self.by_name = {p.current.name: p for p in plans}
        # the plan of each list a known hit came from, by that list's key then
        self.by_previous = {p.previous.key: p for p in plans if p.previous is not None}
        self.by_id, self.first = by_id, first
        self.known = known
        self.by_print = {(h.print, *_entry_of(h.finding)): h.finding.status for h in known}
        self.by_key = {(h.key, *_entry_of(h.finding)): h.finding.status for h in known}
        self.reported: list[NewFinding] = []
        self.hits: list[KnownHit] = []

    def _hit(self, finding: Finding) -> tuple[KnownHit, ListPlan]:
        plan = self.by_name[finding.match.list_name]
        key, row_print = row_digests(finding.match.supplier, by_id=self.by_id)
        hit = KnownHit(key=key, print=row_print, list=plan.key, finding=finding)
        self.hits.append(hit)
        return hit, plan

    def carry(
        self, carried: dict[bytes, list[Supplier]], options: ScreenOptions, reviews: Reviews
    ) -> None:
        """Known hits of unchanged rows, judged on the new date against their entry as the
        list now has it; reported when their status changed or their entry left the list."""
        moved: list[tuple[KnownHit, ListPlan, bool, Finding]] = []
        for hit in self.known:
            plan = self.by_previous.get(hit.list)
            rows = carried.get(hit.print)
            if plan is None or plan.whole or not rows:
                continue  # list no longer used or screened whole; row gone or changed
            old = hit.finding
            entry_id = old.match.entry.entry_id
            if entry_id in plan.changed:
                continue  # screened again against the changed entry (`unchanged`)
            removed = entry_id in plan.removed
            entry = old.match.entry if removed else plan.entry(entry_id) or old.match.entry
            status = EntryStatus.REMOVED if removed else entry_status(entry, options.as_of)
            for supplier in rows:
                match = replace(old.match, supplier=supplier, entry=entry,
                                list_name=plan.current.name)  # fmt: skip
                moved.append((hit, plan, removed, Finding(match=match, status=status)))
        judged = reviews.apply([m[3] for m in moved], options.as_of)
        for (hit, plan, removed, _), finding in zip(moved, judged, strict=True):
            old_status = hit.finding.status
            if removed:
                detail = f"no longer on {plan.current.name}"
                self.reported.append(NewFinding(finding, Change.DELISTED, detail, old_status))
                continue
            self.hits.append(replace(hit, list=plan.key, finding=finding))
            if finding.status is not old_status:
                detail = f"{_status_words(old_status)} -> {_status_words(finding.status)}"
                self.reported.append(NewFinding(finding, Change.STATUS, detail, old_status))

    def unchanged(self, findings: Iterable[Finding]) -> None:
        """Findings of the unchanged rows (all rows, the first time) against the new
        entries, or the whole of a list screened whole."""
        for finding in findings:
            hit, plan = self._hit(finding)
            entry_id = finding.match.entry.entry_id
            previous = self.by_print.get((hit.print, *_entry_of(finding)))
            if self.first:
                self.reported.append(NewFinding(finding, Change.FIRST))
            elif plan.whole:
                self._unless_known(finding, previous, Change.NEW_LIST, plan.note)
            elif entry_id in plan.added:
                self.reported.append(NewFinding(finding, Change.NEW_ENTRY, "", previous))
            else:
                fields = ", ".join(plan.changed.get(entry_id, ()))
                detail = f"entry changed: {fields}" if fields else "entry changed"
                self.reported.append(NewFinding(finding, Change.CHANGED_ENTRY, detail, previous))

    def fresh(self, findings: Iterable[Finding], rows: dict[int, RowChange]) -> None:
        """Findings of the new and changed rows against the whole lists."""
        for finding in findings:
            hit, plan = self._hit(finding)
            if rows[finding.match.supplier.row] is RowChange.NEW:
                self.reported.append(NewFinding(finding, Change.NEW_ROW))
                continue
            previous = self.by_key.get((hit.key, *_entry_of(finding)))
            self._unless_known(finding, previous, Change.CHANGED_ROW, "")

    def _unless_known(
        self, finding: Finding, previous: EntryStatus | None, change: Change, detail: str
    ) -> None:
        """Report a finding unless the same hit was known with the same status (then as a
        status change when that changed)."""
        if previous is None:
            self.reported.append(NewFinding(finding, change, detail))
        elif previous is not finding.status:
            words = f"{_status_words(previous)} -> {_status_words(finding.status)}"
            self.reported.append(NewFinding(finding, Change.STATUS, words, previous))


def _count(number: int, word: str, words: str = "") -> str:
    return f"{number:,} {word if number == 1 else words or word + 's'}"


def describe(done: Rescreening) -> str:
    """What a re-screening looked at and found, in one line for people."""
    result = done.result
    failing = len(result_failures(result))
    found = f"{_count(len(done.changes), 'new finding')}, {failing} failing the gate"
    if done.first:
        return (
            f"{_count(result.rows, 'row')} screened against {_count(len(result.lists), 'list')}"
            f" (first screening): {found}"
        )
    statuses = sum(c.change in (Change.STATUS, Change.DELISTED) for c in done.changes)
    entries = sum(s.entry_count for s in result.lists)
    return (
        f"{_count(result.rows, 'row')} ({done.rows_new:,} new, {done.rows_changed:,} changed), "
        f"the others screened against {done.entries_screened:,} of {entries:,} list entries "
        f"(new or changed), {_count(len(done.hits), 'hit')} judged as of "
        f"{result.as_of.isoformat()} ({_count(statuses, 'status change')}): {found}"
    )
