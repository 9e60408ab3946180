"""Where the tool keeps things on this machine (data and cache folders), and which lists a
run screens against: the ones named, else the newest installed snapshots, else the sample."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from screening.models import ListSnapshot

APP_NAME = "screening"


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


def load_path(path: Path, cache_dir: Path | None = None) -> ListSnapshot:
    """A list named on the command line: a list file or an installed snapshot's folder."""
    from screening.lists import load_list
    from screening.lists.store import resolve_list_path

    main, day = resolve_list_path(path)
    return load_list(main, data_date=day, cache_dir=cache_dir)


def resolve_lists(
    paths: list[Path] | None,
    data_dir: Path | None = None,
    max_age_days: int | None = None,
    as_of: date | None = None,
) -> tuple[ListSnapshot, ...]:
    """The lists to screen against: those given, else the installed ones in force on `as_of`
    (`snapshots_as_of`: the newest, or the eCFR Entity List of that date), else the sample.

    Installed lists older than `max_age_days` (default: screening.defaults.MAX_AGE_DAYS) get
    a warning on stderr, so a CI job that stopped running `screen update` is noticed.
    """
    from screening.defaults import MAX_AGE_DAYS
    from screening.errors import ConfigError
    from screening.lists import load_bundled_sample
    from screening.lists.store import (
        load_snapshot,
        scan_snapshots,
        snapshots_as_of,
        stale_snapshots,
    )
    from screening_cli.render import console, print_warning

    max_age = MAX_AGE_DAYS if max_age_days is None else max_age_days
    if max_age < 0:
        raise ConfigError(f"--max-age-days must be 0 or more, got {max_age}")
    cache_dir = resolve_cache_dir()
    if paths:
        return tuple(load_path(p, cache_dir) for p in paths)
    scan = scan_snapshots(resolve_data_dir(data_dir))
    chosen = snapshots_as_of(scan, as_of)
    stderr = console(stderr=True)
    for skipped in (*scan.skipped, *chosen.warnings):
        print_warning(stderr, skipped)
    installed = tuple(load_snapshot(s, cache_dir, fr_rules=scan.fr_rules) for s in chosen.snapshots)
    if not installed:
        return (load_bundled_sample(),)
    today = date.today()
    for stale in stale_snapshots(installed, today=today, max_age_days=max_age, past=chosen.past):
        age = (today - stale.data_date).days if stale.data_date else 0
        print_warning(
            stderr,
            f"list {stale.name} ({stale.path.parent}) was downloaded {age} days ago, over "
            f"--max-age-days {max_age}; run `screen update`",
        )
    return installed
