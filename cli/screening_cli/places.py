"""Where the tool keeps things on this machine (data and cache folders), which lists a run
screens against (the ones named, else the newest installed snapshots; the bundled sample
only when asked for by name), and whether they are fresh enough to gate on."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from screening.defaults import MAX_AGE_DAYS

if TYPE_CHECKING:
    from screening.models import ListSnapshot

APP_NAME = "screening"
#: `--list sample` (or SCREEN_LIST=sample, or `lists = ["sample"]` in the config file): the
#: bundled sample list. Never used unless named: a gate must not pass against 24 entries
#: because nobody installed the real lists.
SAMPLE = "sample"
NO_LISTS = "no screening lists installed: run `screen update`, or pass --list"
#: Environment variable CI services set (GitHub Actions, GitLab, CircleCI, Travis...): a run
#: nobody watches, so a stale list fails it instead of warning.
CI_ENV = "CI"
_DATE_SOURCES = {
    "content": "its content",
    "manifest": "its download manifest",
    "file mtime": "the file's modification time",
}


def resolve_data_dir(option: Path | None) -> Path:
    """--data-dir, else SCREEN_DATA_DIR, else the platform's user data directory."""
    if option is not None:
        return option.expanduser()
    if env := os.environ.get("SCREEN_DATA_DIR", "").strip():
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME)


def resolve_cache_dir() -> Path | None:
    """SCREEN_CACHE_DIR (empty: no cache), else the platform's user cache directory."""
    env = os.environ.get("SCREEN_CACHE_DIR")
    if env is not None:
        return Path(env).expanduser() if env.strip() else None
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME)


def interactive() -> bool:
    """Whether a person is watching this run: standard input and output are terminals and
    CI is not set. A stale list only warns such a person; anywhere else it fails the run."""
    if os.environ.get(CI_ENV, "").strip().lower() in ("1", "true", "yes"):
        return False
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):  # no stream, or a closed one
        return False


@dataclass(frozen=True, slots=True)
class Freshness:
    """How old the lists of a gating run may be, and what happens when one is older.

    A list's age is counted from its date (`ListSnapshot.data_date`) to `as_of`, or to
    `today` when `as_of` is later (a list cannot be fresher than today). Older than
    `max_age_days`: an error, unless `allow_stale` or the run is `interactive` (then a
    warning). A list dated only by its file's modification time has an unknown age: a
    warning, an error with `strict` (unless `allow_stale`). With `strict`, an OFAC list
    read without its companion files is an error too.
    """

    today: date
    as_of: date | None = None
    max_age_days: int = MAX_AGE_DAYS
    allow_stale: bool = False
    strict: bool = False
    interactive: bool = False

    def __post_init__(self) -> None:
        from screening.errors import ConfigError

        if self.max_age_days < 0:
            raise ConfigError(f"--max-age-days must be 0 or more, got {self.max_age_days}")

    @property
    def on(self) -> date:
        """The day ages are counted to."""
        return min(self.as_of, self.today) if self.as_of else self.today


def freshness(
    as_of: date | None,
    max_age_days: int = MAX_AGE_DAYS,
    allow_stale: bool = False,
    *,
    strict: bool = False,
) -> Freshness:
    """The freshness rules of a command run now, from its options."""
    return Freshness(
        today=date.today(),
        as_of=as_of,
        max_age_days=max_age_days,
        allow_stale=allow_stale,
        strict=strict,
        interactive=interactive(),
    )


def load_path(path: Path, cache_dir: Path | None = None, *, warn: bool = True) -> ListSnapshot:
    """A list named on the command line: a list file or an installed snapshot's folder.
    With `warn`, a list read without part of its published set says so on stderr."""
    from screening.lists import load_list
    from screening.lists.store import resolve_list_path

    main, day = resolve_list_path(path)
    loaded = load_list(main, data_date=day, cache_dir=cache_dir)
    if warn and (gap := missing_files_note(loaded)):
        from screening_cli.render import console, print_warning

        print_warning(console(stderr=True), gap)
    return loaded


def missing_files_note(snapshot: ListSnapshot) -> str:
    """What a list read without its companion files lacks, in one line ("" when whole)."""
    from screening.lists import missing_files

    missing = missing_files(snapshot)
    if not missing:
        return ""
    return (
        f"list {snapshot.path} was read without {', '.join(missing)}, which belong beside it: "
        "those parts of its entries are missing; put the whole published set in one folder"
    )


def load_named(name: Path, cache_dir: Path | None) -> ListSnapshot:
    """One --list value: the word `sample` for the bundled sample, else a file or folder."""
    if str(name) == SAMPLE:
        from screening.lists import load_bundled_sample

        return load_bundled_sample()
    return load_path(name, cache_dir, warn=False)


def resolve_lists(
    paths: list[Path] | None,
    data_dir: Path | None = None,
    fresh: Freshness | None = None,
) -> tuple[ListSnapshot, ...]:
    """The lists to screen against: those given, else the installed ones in force on the
    run's date (`snapshots_as_of`: the newest, or the eCFR Entity List version of that
    date); with none installed and none given, an error (exit 2) saying how to get them.
    With `fresh`, the lists are checked for age and completeness before any row is screened
    (`check_lists`).
    """
    from screening.errors import ConfigError
    from screening.lists.store import load_snapshot, scan_snapshots, snapshots_as_of
    from screening_cli.render import console, print_warning

    cache_dir = resolve_cache_dir()
    past: frozenset[Path] = frozenset()
    if paths:
        snapshots = tuple(load_named(p, cache_dir) for p in paths)
    else:
        scan = scan_snapshots(resolve_data_dir(data_dir))
        chosen = snapshots_as_of(scan, fresh.as_of if fresh is not None else None)
        for skipped in (*scan.skipped, *chosen.warnings):
            print_warning(console(stderr=True), skipped)
        snapshots = tuple(
            load_snapshot(snap, cache_dir, fr_rules=scan.fr_rules) for snap in chosen.snapshots
        )
        past = chosen.past
        if not snapshots:
            raise ConfigError(NO_LISTS)
    if fresh is not None:
        check_lists(snapshots, fresh, past=past)
    elif paths:
        for snapshot in snapshots:
            if gap := missing_files_note(snapshot):
                print_warning(console(stderr=True), gap)
    return snapshots


def _dated(snapshot: ListSnapshot) -> str:
    day = snapshot.data_date.isoformat() if snapshot.data_date else "?"
    return f"dated {day} by {_DATE_SOURCES.get(snapshot.date_source, 'nothing')}"


def _label(snapshot: ListSnapshot) -> str:
    return f"{snapshot.name} ({snapshot.path.parent})"


def check_lists(
    snapshots: tuple[ListSnapshot, ...], fresh: Freshness, *, past: frozenset[Path] = frozenset()
) -> None:
    """Warn about, or refuse (ConfigError, exit 2), lists too old or too incomplete to gate
    on, by the rules of `fresh`. Stale lists are named in one line, so a CI log shows at
    once what to refresh. `past`: versions chosen as in force on an earlier date, which a
    newer version replaces (`snapshots_as_of`): not stale."""
    from screening.errors import ConfigError
    from screening.lists.store import stale_snapshots
    from screening.models import DATE_FROM_MTIME
    from screening_cli.render import console, print_warning

    stderr = console(stderr=True)
    on = fresh.on
    for snapshot in snapshots:
        if gap := missing_files_note(snapshot):
            if fresh.strict:
                raise ConfigError(f"{gap} (--strict)")
            print_warning(stderr, gap)
    undated = [s for s in snapshots if not s.bundled and s.date_source == DATE_FROM_MTIME]
    for snapshot in undated:
        note = (
            f"list {_label(snapshot)} carries no date of its own and no download manifest: "
            f"its age is unknown (the report gives its file's modification date)"
        )
        if fresh.strict and not fresh.allow_stale:
            raise ConfigError(
                f"{note}; pass a snapshot folder from `screen update`, or --allow-stale (--strict)"
            )
        print_warning(stderr, note)
    dated = tuple(s for s in snapshots if s.date_source and s.date_source != DATE_FROM_MTIME)
    stale = stale_snapshots(dated, today=on, max_age_days=fresh.max_age_days, past=past)
    if not stale:
        return
    ages = [
        f"{_label(s)} is {(on - s.data_date).days} days old ({_dated(s)})"
        for s in stale
        if s.data_date
    ]
    over = f"on {on}, over --max-age-days {fresh.max_age_days}"
    if fresh.allow_stale or (fresh.interactive and not fresh.strict):
        for age in ages:
            print_warning(stderr, f"list {age} {over}; run `screen update`")
        return
    what = "list" if len(ages) == 1 else "lists"
    raise ConfigError(
        f"{what} {'; '.join(ages)} {over}: run `screen update`, or pass --allow-stale"
    )
