"""What a watched file is screened with, every time: kept with it in the watch list.

A watched file is re-screened weeks later, by cron or a CI job, from another folder: so the
settings it was added with are stored whole, as JSON, with every path made absolute.
`ReadOptions` and `ReviewFiles` are stored field by field; of `ScreenOptions`, what judges
the findings (gate, show-from, entry types left out). The screening date, the number of
processes and the cache folder belong to each run, not to the file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any

from screening.defaults import SKIPPED_TYPES
from screening.errors import ConfigError
from screening.models import FailOn, Gate
from screening.options import ReadOptions, ReviewFiles, ScreenOptions

#: Bumped when the stored form changes in a way an older reader would misread.
SETTINGS_VERSION = 1


@dataclass(frozen=True, slots=True)
class WatchSettings:
    """How a watched file is read, judged and reviewed, and against which lists (`lists`
    empty: the lists in use at each run, the installed snapshots unless `--list` says)."""

    read: ReadOptions = field(default_factory=ReadOptions)
    gate: Gate = field(default_factory=Gate)
    show_from: float | None = None
    skip_types: frozenset[str] = SKIPPED_TYPES
    review: ReviewFiles = field(default_factory=ReviewFiles)
    lists: tuple[Path, ...] = ()

    def __post_init__(self) -> None:
        if self.review.ownership is not None:
            raise ConfigError(
                "a watched file cannot be looked through to its owners (--ownership): "
                "screen it with `screen check --ownership` instead"
            )

    @classmethod
    def of(
        cls,
        read: ReadOptions,
        screen: ScreenOptions,
        review: ReviewFiles,
        lists: tuple[Path, ...] = (),
    ) -> WatchSettings:
        """The settings of a screening (its date, processes and cache left out), with every
        path made absolute so that a run from another folder finds the same files (a
        decisions file may not exist yet: `screen review` writes it later)."""
        absolute = {f.name: _absolute(getattr(review, f.name)) for f in fields(ReviewFiles)}
        return cls(
            read=read,
            gate=screen.gate,
            show_from=screen.show_from,
            skip_types=screen.skip_types,
            review=ReviewFiles(**absolute),
            lists=tuple(_list_path(p) for p in lists),
        )

    def screen_options(
        self, as_of: date, *, jobs: int = 1, cache_dir: Path | None = None
    ) -> ScreenOptions:
        """The screening options of one run on `as_of`."""
        return ScreenOptions(
            as_of=as_of,
            gate=self.gate,
            show_from=self.show_from,
            skip_types=self.skip_types,
            jobs=jobs,
            cache_dir=cache_dir,
        )

    def to_json(self) -> str:
        """The settings as JSON text (keys sorted, so equal settings store equal text)."""
        record = {
            "version": SETTINGS_VERSION,
            "read": {f.name: getattr(self.read, f.name) for f in fields(ReadOptions)},
            "screen": {
                "threshold": self.gate.threshold,
                "fail_on": self.gate.fail_on.value,
                "show_from": self.show_from,
                "skip_types": sorted(self.skip_types),
            },
            "review": {f.name: _text(getattr(self.review, f.name)) for f in fields(ReviewFiles)},
            "lists": [str(p) for p in self.lists],
        }
        return json.dumps(record, sort_keys=True, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str, *, name: str) -> WatchSettings:
        """Settings stored by `to_json`; ConfigError naming the watched file when they
        cannot be read (stored by a newer version, or damaged)."""
        try:
            record = json.loads(text)
            version = record["version"]
            if version != SETTINGS_VERSION:
                raise ConfigError(
                    f"watched file {name!r}: its settings were stored by another version of "
                    f"screening (settings version {version}); remove it and add it again"
                )
            screen = record["screen"]
            return cls(
                read=ReadOptions(**record["read"]),
                gate=Gate(float(screen["threshold"]), FailOn(screen["fail_on"])),
                show_from=screen["show_from"],
                skip_types=frozenset(screen["skip_types"]),
                review=ReviewFiles(**{k: _path(v) for k, v in record["review"].items()}),
                lists=tuple(Path(p) for p in record["lists"]),
            )
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise ConfigError(
                f"watched file {name!r}: its stored settings cannot be read ({exc}); remove it "
                "and add it again"
            ) from None


def _list_path(path: Path) -> Path:
    """A list as given to `--list`, absolute when it names a file or folder here; a name
    that does not (a word the command line reads as a list of its own) is kept as given."""
    path = path.expanduser()
    return path.absolute() if path.exists() else path


def _absolute(path: Path | None) -> Path | None:
    return None if path is None else path.expanduser().absolute()


def _text(path: Path | None) -> str | None:
    return None if path is None else str(path)


def _path(value: Any) -> Path | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"a path must be text, got {value!r}")
    return Path(value)
