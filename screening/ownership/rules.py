"""Ownership rules as data: which lists each rule looks through, and when it applied.

Rules change (BIS suspended its Affiliates Rule a few weeks after it took effect), so their
windows live in `screening/data/ownership_rules.csv`, each with its source, rather than in
code. A user's own file (`--ownership-rules`) replaces packaged rules of the same id and
adds new ones, so a new suspension or extension needs no new release.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

from screening.dates import iso_date
from screening.errors import ConfigError
from screening.models import RuleStatus

#: The columns a rules file must have, in any order.
RULE_COLUMNS = ("rule", "title", "lists", "threshold", "status", "from", "through", "source")

#: Statuses a window may state; `pending` is never written, it is the time before the first.
_WINDOW_STATUSES = {RuleStatus.IN_FORCE.value, RuleStatus.SUSPENDED.value}

_PACKAGED = "ownership_rules.csv"


@dataclass(frozen=True, slots=True)
class RuleWindow:
    """A stretch of time during which a rule was in force or suspended (`end` inclusive)."""

    status: RuleStatus
    start: date
    end: date | None
    source: str

    def covers(self, day: date) -> bool:
        """Whether `day` falls inside this window."""
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class OwnershipRule:
    """One look-through rule: the lists whose parties' ownership counts, and its windows."""

    rule: str
    title: str
    lists: frozenset[str]
    threshold: float
    windows: tuple[RuleWindow, ...]

    def window_on(self, day: date) -> RuleWindow | None:
        """The window covering `day`, if any."""
        return next((w for w in self.windows if w.covers(day)), None)

    def status_on(self, day: date) -> RuleStatus:
        """In force or suspended as its window says; pending before the first window; a date
        in no window after that counts as suspended (the rule did not apply)."""
        window = self.window_on(day)
        if window is not None:
            return window.status
        if not self.windows or day < self.windows[0].start:
            return RuleStatus.PENDING
        return RuleStatus.SUSPENDED

    def source_on(self, day: date) -> str:
        """The source of the window covering `day`, else of the first window."""
        window = self.window_on(day) or (self.windows[0] if self.windows else None)
        return window.source if window else ""


def _date(value: str, where: str, column: str) -> date | None:
    return iso_date(value, f"{where}, column {column}", ConfigError)


def _rows(text: str, name: str) -> list[tuple[int, dict[str, str]]]:
    """Data rows with their line numbers; lines starting with '#' are comments."""
    lines = text.splitlines()
    kept = [(n, line) for n, line in enumerate(lines, start=1) if not line.lstrip().startswith("#")]
    kept = [(n, line) for n, line in kept if line.strip()]
    if not kept:
        raise ConfigError(f"ownership rules file {name} has no header row")
    header = [h.strip() for h in next(csv.reader([kept[0][1]]))]
    missing = [c for c in RULE_COLUMNS if c not in header]
    if missing:
        raise ConfigError(
            f"{name}, line {kept[0][0]}: ownership rules file lacks column(s) {', '.join(missing)}"
        )
    rows = []
    for number, line in kept[1:]:
        cells = next(csv.reader(io.StringIO(line)))
        if len(cells) != len(header):
            raise ConfigError(
                f"{name}, line {number}: {len(cells)} cells but the header has {len(header)}"
            )
        rows.append((number, dict(zip(header, (c.strip() for c in cells), strict=True))))
    return rows


def _head(row: dict[str, str], where: str) -> tuple[str, frozenset[str], float]:
    """What every row of one rule repeats, checked: its title, list codes and threshold.
    The row's status is checked here too, so errors come in column order."""
    if not row["rule"]:
        raise ConfigError(f"{where}, column rule: empty rule id")
    if row["status"] not in _WINDOW_STATUSES:
        raise ConfigError(f"{where}, column status: {row['status']!r} is not in_force or suspended")
    try:
        threshold = float(row["threshold"])
    except ValueError:
        threshold = -1.0
    if not 0.0 < threshold <= 100.0:
        raise ConfigError(f"{where}, column threshold: {row['threshold']!r} is not 0-100")
    lists = frozenset(code.strip() for code in row["lists"].split(";") if code.strip())
    if not lists:
        raise ConfigError(f"{where}, column lists: no list source code")
    return (row["title"] or row["rule"], lists, threshold)


def _window(row: dict[str, str], where: str) -> RuleWindow:
    """The row's window of dates, checked: a start, and no end before it."""
    start = _date(row["from"], where, "from")
    if start is None:
        raise ConfigError(f"{where}, column from: a window needs a start date")
    end = _date(row["through"], where, "through")
    if end is not None and end < start:
        raise ConfigError(f"{where}: window ends ({end}) before it starts ({start})")
    return RuleWindow(RuleStatus(row["status"]), start, end, row["source"])


def parse_rules(text: str, name: str) -> tuple[OwnershipRule, ...]:
    """Rules from the text of a rules file; `name` is used in error messages."""
    heads: dict[str, tuple[str, frozenset[str], float]] = {}
    windows: dict[str, list[RuleWindow]] = {}
    for number, row in _rows(text, name):
        where = f"{name}, line {number}"
        rule, head = row["rule"], _head(row, where)
        if heads.setdefault(rule, head) != head:
            raise ConfigError(f"{where}: rule {rule} has another title, lists or threshold above")
        window = _window(row, where)
        for other in windows.get(rule, []):
            if other.covers(window.start) or window.covers(other.start):
                raise ConfigError(f"{where}: window of rule {rule} overlaps another one")
        windows.setdefault(rule, []).append(window)
    return tuple(
        OwnershipRule(rule, title, lists, threshold, tuple(sorted(windows[rule], key=_start)))
        for rule, (title, lists, threshold) in heads.items()
    )


def _start(window: RuleWindow) -> date:
    return window.start


def packaged_rules() -> tuple[OwnershipRule, ...]:
    """The rules shipped with the tool (`screening/data/ownership_rules.csv`)."""
    text = (resources.files("screening") / "data" / _PACKAGED).read_text(encoding="utf-8")
    return parse_rules(text, _PACKAGED)


def load_rules(path: Path | None = None) -> tuple[OwnershipRule, ...]:
    """The packaged rules, with those of the file at `path` replacing or adding to them."""
    rules = {r.rule: r for r in packaged_rules()}
    if path is not None:
        if not path.is_file():
            raise ConfigError(f"ownership rules file {path} does not exist or is not a file")
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read ownership rules file {path}: {exc}") from None
        rules.update({r.rule: r for r in parse_rules(text, str(path))})
    return tuple(rules.values())


def rules_for(rules: Sequence[OwnershipRule], source_code: str) -> list[OwnershipRule]:
    """The rules under which a party listed with this CSL source code counts as an owner."""
    return [r for r in rules if source_code in r.lists]
