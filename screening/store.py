"""Installed list snapshots on disk: the directory layout, manifests and which one is in use.

Layout under the data directory (the CLI picks it: `--data-dir`, `SCREEN_DATA_DIR`, else
the platform's user data directory)::

    snapshots/<source>/<YYYYMMDDTHHMMSSZ>/manifest.json   what was downloaded, and its hashes
    snapshots/<source>/<YYYYMMDDTHHMMSSZ>/<files>         the files exactly as downloaded
    snapshots/<source>/.partial-*/                        a download in progress

A snapshot directory only ever appears complete: `screening.update` downloads into a
`.partial-*` directory and renames it into place once every file has been checked, so the
newest complete snapshot is always the one with the greatest name that has a manifest.
Older snapshots are kept, for `screen diff` and to fall back on by hand.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from screening.errors import ListDataError
from screening.lists import load_list
from screening.models import ListSnapshot

MANIFEST = "manifest.json"
SNAPSHOTS = "snapshots"
PARTIAL_PREFIX = ".partial-"
#: Snapshot directory names: the download time in UTC, sortable as text.
STAMP_FORMAT = "%Y%m%dT%H%M%SZ"


@dataclass(frozen=True, slots=True)
class ManifestFile:
    """One downloaded file of a snapshot, with where it came from and its hash."""

    name: str
    url: str
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class Manifest:
    """What a snapshot is: source, origin, time, identity (sha256) and what it held."""

    source: str
    url: str
    downloaded_at: datetime
    sha256: str
    size: int
    entries: int
    format: str
    main: str  # the file to load; the others are its companions (OFAC's add.csv...)
    files: tuple[ManifestFile, ...]

    def to_json(self) -> str:
        """The manifest as pretty JSON, dates in ISO 8601."""
        data = asdict(self)
        data["downloaded_at"] = self.downloaded_at.isoformat()
        return json.dumps(data, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str, *, where: Path) -> Manifest:
        """Read a manifest; a damaged one is a ListDataError naming the file."""
        try:
            data: dict[str, Any] = json.loads(text)
            files = tuple(ManifestFile(**f) for f in data.pop("files"))
            downloaded_at = datetime.fromisoformat(data.pop("downloaded_at"))
            return cls(downloaded_at=downloaded_at, files=files, **data)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise ListDataError(
                f"{where}: damaged snapshot manifest ({exc}); delete that snapshot folder "
                "and run `screen update`"
            ) from None


@dataclass(frozen=True, slots=True)
class InstalledSnapshot:
    """A complete snapshot directory and its manifest."""

    directory: Path
    manifest: Manifest

    @property
    def main_path(self) -> Path:
        """The list file to load."""
        return self.directory / self.manifest.main

    def age_days(self, today: date) -> int:
        """Whole days between the download and `today`."""
        return (today - self.manifest.downloaded_at.date()).days


def source_dir(data_dir: Path, source: str) -> Path:
    """Where the snapshots of one source live."""
    return data_dir / SNAPSHOTS / source


def snapshot_name(downloaded_at: datetime) -> str:
    """The directory name of a snapshot downloaded at that time."""
    return downloaded_at.strftime(STAMP_FORMAT)


def read_snapshot(directory: Path) -> InstalledSnapshot:
    """A snapshot directory with its manifest; ListDataError when it is not one."""
    manifest_path = directory / MANIFEST
    if not manifest_path.is_file():
        raise ListDataError(f"{directory} is not a list snapshot (no {MANIFEST})")
    manifest = Manifest.from_json(manifest_path.read_text(encoding="utf-8"), where=manifest_path)
    return InstalledSnapshot(directory=directory, manifest=manifest)


def installed_snapshots(data_dir: Path) -> tuple[InstalledSnapshot, ...]:
    """Every complete snapshot, by source, oldest first; partial downloads are ignored."""
    root = data_dir / SNAPSHOTS
    if not root.is_dir():
        return ()
    found = []
    for source in sorted(p for p in root.iterdir() if p.is_dir()):
        for directory in sorted(source.iterdir()):
            if directory.is_dir() and not directory.name.startswith("."):
                if (directory / MANIFEST).is_file():
                    found.append(read_snapshot(directory))
    return tuple(found)


def newest_snapshots(data_dir: Path) -> tuple[InstalledSnapshot, ...]:
    """The snapshot in use for each source: the newest complete one."""
    newest: dict[str, InstalledSnapshot] = {}
    for snap in installed_snapshots(data_dir):
        newest[snap.manifest.source] = snap  # oldest first, so the last one wins
    return tuple(newest.values())


def load_snapshot(snap: InstalledSnapshot, cache_dir: Path | None = None) -> ListSnapshot:
    """Load an installed snapshot, checking its files still match the manifest's sha256."""
    loaded = load_list(
        snap.main_path, data_date=snap.manifest.downloaded_at.date(), cache_dir=cache_dir
    )
    if loaded.sha256 != snap.manifest.sha256:
        raise ListDataError(
            f"{snap.directory}: files changed since download (sha256 {loaded.sha256[:12]}, "
            f"manifest says {snap.manifest.sha256[:12]}); run `screen update` to replace it"
        )
    return loaded


def load_installed(data_dir: Path, cache_dir: Path | None = None) -> tuple[ListSnapshot, ...]:
    """The newest installed snapshot of every source, loaded; () when none is installed."""
    return tuple(load_snapshot(snap, cache_dir) for snap in newest_snapshots(data_dir))


def resolve_list_path(path: Path) -> tuple[Path, date | None]:
    """A list given by path: a file, or a snapshot directory (its main file and date)."""
    if path.is_dir() and (path / MANIFEST).is_file():
        snap = read_snapshot(path)
        return snap.main_path, snap.manifest.downloaded_at.date()
    return path, None


def stale_snapshots(
    snapshots: tuple[ListSnapshot, ...], *, today: date, max_age_days: int
) -> tuple[ListSnapshot, ...]:
    """The snapshots whose data date is more than `max_age_days` before `today`."""
    return tuple(
        s
        for s in snapshots
        if not s.bundled and s.data_date and (today - s.data_date).days > max_age_days
    )


def install_snapshot(partial: Path, final: Path) -> None:
    """Move a fully checked download into place in one step (a rename on one filesystem)."""
    os.replace(partial, final)
