"""`screening.lists.store`: which snapshot is in use, damaged manifests, leftovers of killed
updates. Snapshots are written by hand here (no download needed)."""

from __future__ import annotations

import json
import os
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from screening_cli.app import app
from typer.testing import CliRunner

from screening.errors import ListDataError
from screening.lists import files_sha256
from screening.lists.store import (
    MANIFEST,
    DamagedManifestError,
    Manifest,
    ManifestFile,
    load_installed,
    load_snapshot,
    newest_snapshots,
    previous_snapshot,
    read_snapshot,
    remove_stale_partials,
    scan_snapshots,
    snapshot_name,
    snapshots_as_of,
    source_dir,
    stale_snapshots,
)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_update import csl_bytes

SUPPLIERS = Path(__file__).resolve().parents[1] / "fixtures" / "suppliers.csv"
JAN = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
FEB = datetime(2026, 2, 5, 12, 0, tzinfo=UTC)
MAR = datetime(2026, 3, 5, 12, 0, tzinfo=UTC)


def put_snapshot(data_dir: Path, when: datetime, *names: str) -> Path:
    """A complete CSL snapshot of `names`, as `screen update` leaves one."""
    folder = source_dir(data_dir, "csl") / snapshot_name(when)
    folder.mkdir(parents=True)
    main = folder / "consolidated.csv"
    main.write_bytes(csl_bytes(*names))
    digest = files_sha256((main,))
    size = main.stat().st_size
    manifest = Manifest(
        source="csl",
        url="https://example.org/consolidated.csv",
        downloaded_at=when,
        sha256=digest,
        size=size,
        entries=len(names),
        format="csl-csv",
        main=main.name,
        files=(ManifestFile(main.name, "https://example.org/consolidated.csv", digest, size),),
    )
    (folder / MANIFEST).write_text(manifest.to_json(), encoding="utf-8")
    return folder


def damage(folder: Path, content: bytes = b'{"source": "csl", "files": [') -> None:
    (folder / MANIFEST).write_bytes(content)


def test_a_damaged_old_manifest_is_skipped_with_a_warning(tmp_path):
    old = put_snapshot(tmp_path, JAN, "OLD PARTY")
    put_snapshot(tmp_path, FEB, "ACME TRADING", "BETA LTD")
    damage(old)
    scan = scan_snapshots(tmp_path)
    (in_use,) = scan.in_use
    assert in_use.directory.name == snapshot_name(FEB)
    assert [s.directory for s in scan.snapshots] == [in_use.directory]
    (warning,) = scan.skipped
    assert warning.startswith(f"{old / MANIFEST}: damaged manifest (")
    assert "older snapshot, not in use, skipped" in warning and "\n" not in warning
    (loaded,) = load_installed(tmp_path)
    assert loaded.entry_count == 2


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"\xff\xfe\x00garbage", b"[]", b'{"files": 5}', b"[" * 100_000],
    ids=["syntax", "not-utf8", "array", "wrong-type", "deeply-nested"],
)
def test_a_damaged_manifest_in_use_stops_with_one_line(tmp_path, content):
    put_snapshot(tmp_path, JAN, "OLD PARTY")
    newest = put_snapshot(tmp_path, FEB, "ACME TRADING")
    damage(newest, content)
    with pytest.raises(DamagedManifestError) as caught:
        newest_snapshots(tmp_path)
    message = str(caught.value)
    assert isinstance(caught.value, ListDataError)
    assert message.startswith(f"{newest / MANIFEST}: damaged snapshot manifest (")
    assert message.endswith("delete that snapshot folder and run `screen update`")
    assert "\n" not in message


def test_update_compares_with_the_newest_readable_snapshot(tmp_path):
    put_snapshot(tmp_path, JAN, "A", "B", "C")
    damage(put_snapshot(tmp_path, FEB, "A"))
    previous = previous_snapshot(tmp_path, "csl")
    assert previous is not None and previous.manifest.entries == 3
    assert previous_snapshot(tmp_path, "un") is None


def test_manifest_round_trip_and_older_manifests(tmp_path):
    folder = put_snapshot(tmp_path, JAN, "ACME TRADING")
    snap = read_snapshot(folder)
    richer = Manifest(
        **{
            **{f: getattr(snap.manifest, f) for f in snap.manifest.__slots__},
            "files": (ManifestFile("a.csv", "https://b.example/a.csv", "00", 1, ("https://a/x",)),),
            "warnings": ("came without Content-Length",),
        }
    )
    assert Manifest.from_json(richer.to_json(), where=folder) == richer
    # A manifest written before `redirected_from` and `warnings` existed still reads.
    data = json.loads((folder / MANIFEST).read_text())
    del data["warnings"]
    for item in data["files"]:
        del item["redirected_from"]
    old = Manifest.from_json(json.dumps(data), where=folder)
    assert old.warnings == () and old.files[0].redirected_from == ()


def test_stale_partials_are_removed_and_live_ones_kept(tmp_path):
    folder = tmp_path / "snapshots" / "csl"
    killed, running = folder / ".partial-a1", folder / ".partial-b2"
    for path in (killed, running):
        path.mkdir(parents=True)
        (path / "sdn.csv").write_bytes(b"part")
    now = datetime.now(UTC)
    two_hours_ago = (now - timedelta(hours=2)).timestamp()
    for path in (killed / "sdn.csv", killed):
        os.utime(path, (two_hours_ago, two_hours_ago))
    (folder / "20260101T000000Z").mkdir()  # a snapshot is never touched
    assert remove_stale_partials(folder, now=now) == (killed,)
    assert not killed.exists() and running.exists()
    assert (folder / "20260101T000000Z").is_dir()
    # A download still writing into an old folder is live: its newest file counts.
    os.utime(running, (two_hours_ago, two_hours_ago))
    assert remove_stale_partials(folder, now=now) == ()


def _cli(data_dir: Path) -> CliRunner:
    return CliRunner(
        env={"COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb", "SCREEN_DATA_DIR": str(data_dir)}
    )


def test_screening_and_lists_run_past_a_damaged_old_snapshot(tmp_path):
    today = datetime.now(UTC).replace(microsecond=0)
    old = put_snapshot(tmp_path, today - timedelta(days=2), "OLD PARTY")
    put_snapshot(tmp_path, today, "HUAWEI TECHNOLOGIES CO., LTD.", "BETA LTD")
    damage(old)
    runner = _cli(tmp_path)
    result = runner.invoke(app, [str(SUPPLIERS), "--format", "json", "--as-of", "2025-03-26"])
    assert result.exit_code == 1, result.stderr  # Huawei is on the list in use: a hit
    assert json.loads(result.stdout)["lists"][0]["entries"] == 2
    assert f"warning: {old / MANIFEST}: damaged manifest" in result.stderr
    shown = runner.invoke(app, ["lists"])
    assert shown.exit_code == 0, shown.stderr
    assert "csl (in use)" in shown.stdout
    assert f"warning: {old / MANIFEST}: damaged manifest" in shown.stderr


EL_XML = Path(__file__).resolve().parents[1] / "fixtures" / "lists"


def put_el_version(data_dir: Path, when: datetime, version: str) -> Path:
    """An eCFR Entity List snapshot of the fixture of `version`'s date, as `screen update
    --source el --date` leaves one; returns its folder."""
    day = date.fromisoformat(version)
    folder = source_dir(data_dir, "el") / snapshot_name(when, day)
    folder.mkdir(parents=True)
    main = folder / f"ecfr-part744-{version}.xml"
    main.write_bytes((EL_XML / f"ecfr_part744_{version}.xml").read_bytes())
    digest = files_sha256((main,))
    size = main.stat().st_size
    manifest = Manifest(
        source="el",
        url=f"https://example.org/full/{version}/title-15.xml?part=744",
        downloaded_at=when,
        sha256=digest,
        size=size,
        entries=11 if version == "2025-04-01" else 8,
        format="ecfr-xml",
        main=main.name,
        files=(ManifestFile(main.name, "https://example.org/x.xml", digest, size),),
        version_date=day,
    )
    (folder / MANIFEST).write_text(manifest.to_json(), encoding="utf-8")
    return folder


def test_a_version_date_names_the_snapshot_and_survives_the_manifest(tmp_path):
    assert snapshot_name(JAN, date(2025, 3, 20)) == "2025-03-20_20260105T120000Z"
    folder = put_el_version(tmp_path, JAN, "2025-03-20")
    snap = read_snapshot(folder)
    assert snap.manifest.version_date == date(2025, 3, 20)
    assert snap.content_date == date(2025, 3, 20)
    assert Manifest.from_json(snap.manifest.to_json(), where=folder) == snap.manifest
    # the other sources' manifests have no version_date key, and read back without one
    csl = read_snapshot(put_snapshot(tmp_path, JAN, "ACME TRADING"))
    assert "version_date" not in (csl.directory / MANIFEST).read_text()
    assert csl.manifest.version_date is None and csl.content_date == JAN.date()


def test_the_version_in_force_on_a_date_is_chosen_and_said(tmp_path):
    put_el_version(tmp_path, FEB, "2025-04-01")
    put_el_version(tmp_path, MAR, "2025-03-20")  # downloaded last, dated first
    put_snapshot(tmp_path, JAN, "ACME TRADING")
    scan = scan_snapshots(tmp_path)
    by_source = {s.manifest.source: s for s in scan.in_use}
    assert by_source["el"].manifest.version_date == date(2025, 4, 1)

    def choose(as_of: date | None) -> tuple[dict[str, date | None], tuple[str, ...]]:
        chosen = snapshots_as_of(scan, as_of)
        return {s.manifest.source: s.manifest.version_date for s in chosen.snapshots}, (
            chosen.warnings
        )

    assert choose(None) == ({"csl": None, "el": date(2025, 4, 1)}, ())
    assert choose(date(2025, 4, 1)) == ({"csl": None, "el": date(2025, 4, 1)}, ())
    assert choose(date(2026, 1, 1))[0]["el"] == date(2025, 4, 1)
    versions, (said,) = choose(date(2025, 3, 31))
    assert versions == {"csl": None, "el": date(2025, 3, 20)}  # the CSL has no versions
    assert said.startswith("el: using the version of 2025-03-20 (2025-03-20_20260305T120000Z)")
    assert "on or before --as-of 2025-03-31; the version of 2025-04-01 is newer" in said
    versions, (said,) = choose(date(2025, 3, 19))
    assert versions["el"] == date(2025, 3, 20)
    assert said.startswith("el: no installed version is as old as --as-of 2025-03-19; using")
    assert "`screen update --source el --date 2025-03-19`" in said and "\n" not in said


def test_two_downloads_of_one_version_the_later_is_used(tmp_path):
    put_el_version(tmp_path, JAN, "2025-03-20")
    later = put_el_version(tmp_path, FEB, "2025-03-20")
    put_el_version(tmp_path, MAR, "2025-04-01")
    chosen = snapshots_as_of(scan_snapshots(tmp_path), date(2025, 3, 24))
    assert [s.directory for s in chosen.snapshots] == [later]


def test_a_version_chosen_for_an_earlier_date_is_never_stale(tmp_path):
    old = put_el_version(tmp_path, JAN, "2025-03-20")
    put_el_version(tmp_path, JAN, "2025-04-01")
    scan = scan_snapshots(tmp_path)
    for as_of, stale in (
        (date(2025, 3, 24), []),
        (date(2025, 4, 2), ["ecfr-part744-2025-04-01.xml"]),
    ):
        chosen = snapshots_as_of(scan, as_of)
        lists = tuple(load_snapshot(s) for s in chosen.snapshots)
        found = stale_snapshots(lists, today=MAR.date(), max_age_days=7, past=chosen.past)
        assert [s.name for s in found] == stale
    assert snapshots_as_of(scan, date(2025, 3, 24)).past == {old / "ecfr-part744-2025-03-20.xml"}


def test_the_previous_version_is_the_one_dated_before(tmp_path):
    put_el_version(tmp_path, JAN, "2025-03-20")
    put_el_version(tmp_path, FEB, "2025-04-01")
    before = previous_snapshot(tmp_path, "el", before=snapshot_name(MAR, date(2025, 3, 24)))
    assert before is not None and before.manifest.version_date == date(2025, 3, 20)
    assert previous_snapshot(tmp_path, "el", before=snapshot_name(MAR, date(2025, 1, 1))) is None
    newest = previous_snapshot(tmp_path, "el")
    assert newest is not None and newest.manifest.version_date == date(2025, 4, 1)
