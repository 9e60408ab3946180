"""Installed list snapshots on disk: the directory layout, manifests and which one is in use.

Layout under the data directory (the CLI picks it: `--data-dir`, `SCREEN_DATA_DIR`, else
the platform's user data directory)::

    snapshots/<source>/<YYYYMMDDTHHMMSSZ>/manifest.json   what was downloaded, and its hashes
    snapshots/<source>/<YYYYMMDDTHHMMSSZ>/<files>         the files exactly as downloaded
    snapshots/<source>/.partial-*/                        a download in progress
    snapshots/el/<YYYY-MM-DD>_<YYYYMMDDTHHMMSSZ>/         a list published as of a date
    fr_rules.csv                                          the refreshed Federal Register table

A snapshot directory only ever appears complete: `screening.lists.update` downloads into a
`.partial-*` directory and renames it into place once every file has been checked, so the
newest complete snapshot is always the one with the greatest name that has a manifest.
A list served as of any date (the Entity List from the eCFR) puts that date first in the
name, so its snapshots sort by the date of the text, not of the download: the newest
version is the one in use, and `snapshots_as_of` picks the one in force on an earlier date.
Older snapshots are kept, for `screen diff` and to fall back on by hand; only the snapshot
in use needs a readable manifest, so a damaged old one is skipped with a warning instead of
stopping every run. A `.partial-*` folder left by a killed update is removed by the next.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Collection
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from screening.errors import ListDataError
from screening.files import short_digest
from screening.lists import files_sha256, load_list
from screening.lists.ecfr_versions import version_in_force
from screening.lists.fr_rules import FR_RULES_FILE
from screening.models import ListSnapshot

MANIFEST = "manifest.json"
SNAPSHOTS = "snapshots"
PARTIAL_PREFIX = ".partial-"
#: Snapshot directory names: the download time in UTC, sortable as text.
STAMP_FORMAT = "%Y%m%dT%H%M%SZ"
#: A `.partial-*` folder that nothing has written to for this long belongs to no running
#: update, and the next update removes it. A live download writes at least once per read
#: timeout plus backoff (under a minute with the defaults of `screening.lists.update`) and checks
#: its files in seconds, so an hour of silence means its process was killed (kill -9, a
#: power cut) and will never clean up after itself.
STALE_PARTIAL_SECONDS = 3600.0


class DamagedManifestError(ListDataError):
    """A snapshot's manifest.json cannot be read; `path` names it and `reason` says why."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            f"{path}: damaged snapshot manifest ({reason}); delete that snapshot folder and "
            "run `screen update`"
        )
        self.path = path
        self.reason = reason


@dataclass(frozen=True, slots=True)
class ManifestFile:
    """One downloaded file of a snapshot, with where it came from and its hash."""

    name: str
    url: str  # where the bytes came from, after any redirect; credentials removed
    sha256: str
    size: int
    #: The addresses asked for before `url`, in order, when the server redirected.
    redirected_from: tuple[str, ...] = ()


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
    #: What the download did that a reviewer may want to know (a body without a length,
    #: a shrink accepted with --accept-shrink...), one sentence each.
    warnings: tuple[str, ...] = ()
    #: The date the list's text is as of, for a source served as of any date (the eCFR's
    #: Part 744); None for a list that is simply the latest one published.
    version_date: date | None = None

    def to_json(self) -> str:
        """The manifest as pretty JSON, dates in ISO 8601 (no `version_date` key when there is
        none, so manifests of the other sources read as before)."""
        data = asdict(self)
        data["downloaded_at"] = self.downloaded_at.isoformat()
        if self.version_date is None:
            del data["version_date"]
        else:
            data["version_date"] = self.version_date.isoformat()
        return json.dumps(data, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str, *, where: Path) -> Manifest:
        """Read a manifest; a damaged one is a DamagedManifestError naming the file.

        Lists in JSON become tuples, so a manifest read back equals the one written.
        """
        try:
            data: dict[str, Any] = json.loads(text)
            files = tuple(
                ManifestFile(**{**f, "redirected_from": tuple(f.get("redirected_from", ()))})
                for f in data.pop("files")
            )
            downloaded_at = datetime.fromisoformat(data.pop("downloaded_at"))
            warnings = tuple(str(w) for w in data.pop("warnings", ()))
            version = data.pop("version_date", None)
            return cls(
                downloaded_at=downloaded_at,
                files=files,
                warnings=warnings,
                version_date=date.fromisoformat(version) if version is not None else None,
                **data,
            )
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
            raise DamagedManifestError(where, str(exc) or type(exc).__name__) from None


@dataclass(frozen=True, slots=True)
class InstalledSnapshot:
    """A complete snapshot directory and its manifest."""

    directory: Path
    manifest: Manifest

    @property
    def main_path(self) -> Path:
        """The list file to load."""
        return self.directory / self.manifest.main

    @property
    def content_date(self) -> date:
        """The date the list's content is as of: the version date of a list served as of a
        date (the eCFR's), else the download date."""
        return self.manifest.version_date or self.manifest.downloaded_at.date()

    def age_days(self, today: date) -> int:
        """Whole days between the download and `today`."""
        return (today - self.manifest.downloaded_at.date()).days


def source_dir(data_dir: Path, source: str) -> Path:
    """Where the snapshots of one source live."""
    return data_dir / SNAPSHOTS / source


def snapshot_name(downloaded_at: datetime, version: date | None = None) -> str:
    """The directory name of a snapshot downloaded at that time; a list's text dated
    `version` puts that date first, so the versions of one source sort by it."""
    stamp = downloaded_at.strftime(STAMP_FORMAT)
    return f"{version.isoformat()}_{stamp}" if version is not None else stamp


def read_snapshot(directory: Path) -> InstalledSnapshot:
    """A snapshot directory with its manifest; ListDataError when it is not one."""
    manifest_path = directory / MANIFEST
    if not manifest_path.is_file():
        raise ListDataError(f"{directory} is not a list snapshot (no {MANIFEST})")
    try:
        text = manifest_path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise DamagedManifestError(manifest_path, exc.strerror or str(exc)) from None
    except UnicodeDecodeError as exc:
        raise DamagedManifestError(manifest_path, f"not UTF-8: {exc.reason}") from None
    manifest = Manifest.from_json(text, where=manifest_path)
    return InstalledSnapshot(directory=directory, manifest=manifest)


@dataclass(frozen=True, slots=True)
class SnapshotScan:
    """What a data directory holds.

    `snapshots`: every readable snapshot, by source, oldest first. `in_use`: the newest
    snapshot of each source. `skipped`: one line per older snapshot whose manifest could
    not be read; it is not in use, so it warns instead of blocking the run. `fr_rules`: the
    Federal Register rules table `screen update --source fr` installed, if any, for
    `load_snapshot` to date eCFR entries with.
    """

    snapshots: tuple[InstalledSnapshot, ...]
    in_use: tuple[InstalledSnapshot, ...]
    skipped: tuple[str, ...]
    fr_rules: Path | None = None


def _snapshot_folders(folder: Path) -> list[Path]:
    """The complete snapshot folders of one source, oldest first (partial ones left out)."""
    return [
        d
        for d in sorted(folder.iterdir())
        if d.is_dir() and not d.name.startswith(".") and (d / MANIFEST).is_file()
    ]


def _skipped(error: DamagedManifestError) -> str:
    return (
        f"{error.path}: damaged manifest ({error.reason}) of an older snapshot, not in use, "
        "skipped; delete that snapshot folder"
    )


def scan_snapshots(data_dir: Path) -> SnapshotScan:
    """Every snapshot under `data_dir`, which one of each source is in use, and damaged ones.

    Only the snapshot in use (the newest of its source) must have a readable manifest: a
    damaged one there raises DamagedManifestError, since falling back to an older list
    without being asked would screen against stale data. A damaged older one is skipped.
    """
    root = data_dir / SNAPSHOTS
    rules = installed_fr_rules(data_dir)
    if not root.is_dir():
        return SnapshotScan((), (), (), rules)
    found: list[InstalledSnapshot] = []
    in_use: list[InstalledSnapshot] = []
    skipped: list[str] = []
    for source in sorted(p for p in root.iterdir() if p.is_dir()):
        folders = _snapshot_folders(source)
        for position, directory in enumerate(folders, start=1):
            try:
                snap = read_snapshot(directory)
            except DamagedManifestError as exc:
                if position == len(folders):
                    raise
                skipped.append(_skipped(exc))
                continue
            found.append(snap)
            if position == len(folders):
                in_use.append(snap)
    return SnapshotScan(tuple(found), tuple(in_use), tuple(skipped), rules)


def installed_snapshots(data_dir: Path) -> tuple[InstalledSnapshot, ...]:
    """Every readable snapshot, by source, oldest first; partial downloads are ignored."""
    return scan_snapshots(data_dir).snapshots


def newest_snapshots(data_dir: Path) -> tuple[InstalledSnapshot, ...]:
    """The snapshot in use for each source: the newest complete one."""
    return scan_snapshots(data_dir).in_use


def previous_snapshot(
    data_dir: Path, source: str, *, before: str | None = None
) -> InstalledSnapshot | None:
    """The newest snapshot of `source` with a readable manifest, to compare a download with;
    with `before` (a snapshot name), the newest of those whose names sort before it: for a
    list served as of a date, the installed version that the new one follows.

    Unlike `scan_snapshots` this passes over a damaged newest one: `screen update` is how
    such a snapshot gets replaced, so it must not be blocked by it.
    """
    folder = source_dir(data_dir, source)
    if not folder.is_dir():
        return None
    folders = _snapshot_folders(folder)
    if before is not None:
        folders = [d for d in folders if d.name < before]
    for directory in reversed(folders):
        try:
            return read_snapshot(directory)
        except DamagedManifestError:
            continue
    return None


def load_snapshot(
    snap: InstalledSnapshot, cache_dir: Path | None = None, *, fr_rules: Path | None = None
) -> ListSnapshot:
    """Load an installed snapshot, checking its files still match the manifest's sha256.

    `fr_rules` is a Federal Register rules table to date eCFR entries with instead of the
    packaged one (the table `screen update --source fr` installs, `installed_fr_rules`);
    other formats ignore it. It shapes what the entries say, so the loaded list's sha256
    covers it too, while the check against the manifest covers the snapshot's own files.
    """
    loaded = load_list(
        snap.main_path,
        data_date=snap.manifest.downloaded_at.date(),
        cache_dir=cache_dir,
        fr_rules=fr_rules,
    )
    own = tuple(p for p in loaded.files if p.parent == snap.directory)
    digest = loaded.sha256 if own == loaded.files else files_sha256(own)
    if digest != snap.manifest.sha256:
        raise ListDataError(
            f"{snap.directory}: files changed since download (sha256 "
            f"{short_digest(digest)}, manifest says {short_digest(snap.manifest.sha256)});"
            " run `screen update` to replace it"
        )
    return loaded


def load_installed(
    data_dir: Path, cache_dir: Path | None = None, *, as_of: date | None = None
) -> tuple[ListSnapshot, ...]:
    """The installed snapshot of every source to screen with on `as_of` (default: the
    newest of each), loaded with the data directory's rules table; () when none is
    installed. What `snapshots_as_of` has to say about its choice is not reported here."""
    scan = scan_snapshots(data_dir)
    chosen = snapshots_as_of(scan, as_of)
    return tuple(load_snapshot(s, cache_dir, fr_rules=scan.fr_rules) for s in chosen.snapshots)


def installed_fr_rules(data_dir: Path) -> Path | None:
    """The Federal Register rules table `screen update --source fr` installed in `data_dir`,
    or None when there is none (the packaged table is then used)."""
    path = data_dir / FR_RULES_FILE
    return path if path.is_file() else None


@dataclass(frozen=True, slots=True)
class SnapshotChoice:
    """The snapshots to screen with on a date, one per source, and what to say about them.

    `warnings`: one line per source whose newest version is not the one used: which version
    is, because it was in force on that date, or because none installed is that old.
    `past`: the main files of snapshots chosen for an earlier date; a newer version is
    installed, so their age says nothing about how fresh the lists are.
    """

    snapshots: tuple[InstalledSnapshot, ...]
    warnings: tuple[str, ...] = ()
    past: frozenset[Path] = frozenset()


def snapshots_as_of(scan: SnapshotScan, as_of: date | None) -> SnapshotChoice:
    """The snapshot of each source to screen with on `as_of`.

    A list served as of a date (its manifests carry `version_date`) uses the newest version
    dated on or before `as_of`: the list as it stood that day, so a party listed later is
    absent and one delisted later is still there. When every installed version is dated
    after `as_of`, the oldest is used with a warning, since parties removed before it are
    missing. Other lists are published only as their latest state: their newest snapshot
    is used whatever the date, as without `as_of`, and the listings' own dates decide
    their status.
    """
    if as_of is None:
        return SnapshotChoice(scan.in_use)
    chosen: list[InstalledSnapshot] = []
    warnings: list[str] = []
    past: set[Path] = set()
    for newest in scan.in_use:
        newest_date = newest.manifest.version_date
        if newest_date is None or newest_date <= as_of:
            chosen.append(newest)
            continue
        # Snapshots sort by version, then download time: the last of a date wins.
        versions: dict[date, InstalledSnapshot] = {}
        for snap in scan.snapshots:
            if snap.directory.parent == newest.directory.parent and snap.manifest.version_date:
                versions[snap.manifest.version_date] = snap
        source = newest.manifest.source
        found = version_in_force(versions, as_of)
        if found is None:
            day = min(versions)
            pick = versions[day]
            warnings.append(
                f"{source}: no installed version is as old as --as-of {as_of.isoformat()}; "
                f"using the oldest, of {day.isoformat()}, which lacks any party removed before "
                f"then. `screen update --source {source} --date {as_of.isoformat()}` installs "
                "the version of that date"
            )
        else:
            day, pick = found
            warnings.append(
                f"{source}: using the version of {day.isoformat()} ({pick.directory.name}), "
                f"the newest installed on or before --as-of {as_of.isoformat()}; the version "
                f"of {newest_date.isoformat()} is newer"
            )
        chosen.append(pick)
        past.add(pick.main_path)
    return SnapshotChoice(tuple(chosen), tuple(warnings), frozenset(past))


def resolve_list_path(path: Path) -> tuple[Path, date | None]:
    """A list given by path: a file, or a snapshot directory (its main file and date)."""
    if path.is_dir() and (path / MANIFEST).is_file():
        snap = read_snapshot(path)
        return snap.main_path, snap.manifest.downloaded_at.date()
    return path, None


def stale_snapshots(
    snapshots: tuple[ListSnapshot, ...],
    *,
    today: date,
    max_age_days: int,
    past: Collection[Path] = (),
) -> tuple[ListSnapshot, ...]:
    """The snapshots whose data date is more than `max_age_days` before `today`, leaving
    out those chosen as the version in force on an earlier date (`past`, from
    `SnapshotChoice`): a newer version of them is installed."""
    return tuple(
        s
        for s in snapshots
        if not s.bundled
        and s.data_date
        and (today - s.data_date).days > max_age_days
        and s.path not in past
    )


def install_snapshot(partial: Path, final: Path) -> None:
    """Move a fully checked download into place in one step (a rename on one filesystem)."""
    os.replace(partial, final)


def _last_written(path: Path) -> float:
    """The newest modification time of a folder and of the files directly in it."""
    times = [path.stat().st_mtime]
    times.extend(p.stat().st_mtime for p in path.iterdir())
    return max(times)


def remove_stale_partials(
    folder: Path, *, now: datetime, older_than: float = STALE_PARTIAL_SECONDS
) -> tuple[Path, ...]:
    """Delete the `.partial-*` folders in `folder` not written to for `older_than` seconds.

    They are what an update killed without a chance to clean up leaves behind; one still
    being written to belongs to an update running now and is left alone. `now` is the
    caller's clock (the library reads none). Returns the folders removed.
    """
    removed = []
    for path in sorted(folder.glob(PARTIAL_PREFIX + "*")):
        try:
            stale = now.timestamp() - _last_written(path) > older_than
        except OSError:  # gone meanwhile, or not a folder
            continue
        if stale:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return tuple(removed)
