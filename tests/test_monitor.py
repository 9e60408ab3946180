"""`screening.monitor.rescreen`: what a re-screening reports as new (entries added or changed
in a list, rows added or changed in the file, statuses changed with the date, entries gone)
and that it screens the rows already screened against the new entries only."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from monitoring import ACME, FILLER, HUAWEI, SUPPLIERS, ZETA, write_list, write_suppliers

import screening.monitor.rescreen as rescreen_module
from screening.errors import ConfigError, InputFileError
from screening.gate import result_failures
from screening.lists import load_list
from screening.models import EntryStatus, ListSnapshot
from screening.monitor import (
    LastScreening,
    Rescreening,
    WatchSettings,
    describe,
    rescreen_file,
)
from screening.monitor.rows import RowPrints, RowTracker
from screening.monitor.state import hits_from_json, hits_json, lists_from_json, lists_json
from screening.options import ReadOptions, ReviewFiles, ScreenOptions
from screening.screen import screen_file

BEFORE = date(2025, 3, 1)  # HUAWEI pending (from 2025-03-25)
AFTER = date(2025, 4, 1)  # HUAWEI in force


@dataclass
class Watch:
    """A watched file screened again and again, its last screening kept in memory (the
    database part is tests/test_audit_watchlist.py)."""

    path: Path
    settings: WatchSettings = WatchSettings()
    last: LastScreening | None = None

    def run(self, lists: list[Path], as_of: date = BEFORE) -> Rescreening:
        snapshots = [load_list(p) for p in lists]
        options = self.settings.screen_options(as_of)
        done = rescreen_file(self.path, self.settings, snapshots, options, self.last)
        self.last = LastScreening(
            screened_at=datetime.now(UTC),
            as_of=as_of,
            input_sha256=done.input_sha256,
            rows=done.result.rows,
            lists=done.lists,
            hits=done.hits,
            prints=done.prints,
        )
        return done


def found(done: Rescreening) -> list[tuple[int, str, str, str]]:
    """Each new finding as (row, entry id, status, why new)."""
    return [
        (n.finding.match.supplier.row, n.finding.match.entry.entry_id, n.finding.status.value,
         n.change.value)
        for n in done.changes
    ]  # fmt: skip


def held(done: Rescreening) -> set[tuple[int, str, str]]:
    """Every hit the file now has, as (row, entry id, status)."""
    return {
        (h.finding.match.supplier.row, h.finding.match.entry.entry_id, h.finding.status.value)
        for h in done.hits
    }


def full(path: Path, lists: list[Path], as_of: date) -> set[tuple[int, str, str]]:
    """The hits of a whole screening of the file, as `held` gives them."""
    result, _ = screen_file(path, [load_list(p) for p in lists], ScreenOptions(as_of=as_of))
    return {(f.match.supplier.row, f.match.entry.entry_id, f.status.value) for f in result.findings}


@pytest.fixture
def versions(tmp_path: Path) -> dict[str, Path]:
    """Snapshots of one list in folders of their own, as `screen update` keeps them."""
    made = {}
    for name, listings in {
        "v1": (HUAWEI, ACME, FILLER),
        "v2": (HUAWEI, ACME, FILLER, ZETA),  # adds ZETA
        "v3": (HUAWEI, FILLER, replace(ZETA, license_policy="Case-by-case review.")),
    }.items():
        folder = tmp_path / name
        folder.mkdir()
        made[name] = write_list(folder / "consolidated.csv", *listings)
    return made


def test_the_first_screening_reports_every_hit_and_the_next_nothing(tmp_path, versions):
    watch = Watch(write_suppliers(tmp_path / "s.csv", SUPPLIERS))
    first = watch.run([versions["v1"]])
    assert found(first) == [(1, "el-1", "pending", "first_screening")]
    assert first.first and "first screening" in describe(first)
    again = watch.run([versions["v1"]])
    assert found(again) == [] and not result_failures(again.result)
    assert held(again) == {(1, "el-1", "pending")}


def test_an_added_entry_is_the_only_thing_the_old_rows_are_screened_against(
    tmp_path, versions, monkeypatch
):
    watch = Watch(write_suppliers(tmp_path / "s.csv", SUPPLIERS))
    watch.run([versions["v1"]])
    screened: list[list[ListSnapshot]] = []
    real = rescreen_module.screen_chunks

    def spy(chunks, lists, options, **kwargs):  # type: ignore[no-untyped-def]
        screened.append(list(lists))
        return real(chunks, lists, options, **kwargs)

    monkeypatch.setattr(rescreen_module, "screen_chunks", spy)
    done = watch.run([versions["v2"]])
    assert found(done) == [(2, "el-3", "in_force", "new_entry")]
    # one screening, of the rows already there, against the one entry added
    assert [[e.entry_id for s in lists for e in s.entries] for lists in screened] == [["el-3"]]
    assert done.entries_screened == 1 and result_failures(done.result)
    assert held(done) == full(watch.path, [versions["v2"]], BEFORE)
    assert "against 1 of 4 list entries" in describe(done)


def test_a_changed_entry_and_a_removed_one(tmp_path, versions):
    watch = Watch(write_suppliers(tmp_path / "s.csv", [*SUPPLIERS, ("V4", "Acme Trading Co", "")]))
    watch.run([versions["v2"]])
    done = watch.run([versions["v3"]])  # ZETA's policy changed, ACME removed
    assert found(done) == [
        (2, "el-3", "in_force", "changed_entry"),
        (4, "el-2", "removed", "delisted"),
    ]
    changed, gone = done.changes
    assert changed.detail == "entry changed: license_policy"
    assert changed.previous_status is EntryStatus.IN_FORCE
    assert changed.finding.match.entry.license_policy == "Case-by-case review."
    assert gone.previous_status is EntryStatus.IN_FORCE and "no longer on" in gone.detail
    assert held(done) == full(watch.path, [versions["v3"]], BEFORE)


def test_statuses_change_with_the_date_without_any_list_change(tmp_path):
    lists = [write_list(tmp_path / "list.csv", HUAWEI, replace(ZETA, end_date="2025-03-15"))]
    watch = Watch(write_suppliers(tmp_path / "s.csv", SUPPLIERS))
    watch.run(lists, BEFORE)
    done = watch.run(lists, AFTER)
    assert found(done) == [
        (1, "el-1", "in_force", "status_changed"),
        (2, "el-3", "removed", "status_changed"),
    ]
    assert [n.detail for n in done.changes] == ["pending -> in force", "in force -> removed"]
    assert done.entries_screened == 0
    assert found(watch.run(lists, AFTER)) == []


def test_rows_added_and_changed_in_the_file(tmp_path, versions):
    path = write_suppliers(tmp_path / "s.csv", SUPPLIERS)
    watch = Watch(path)
    watch.run([versions["v2"]])
    write_suppliers(path, [
        ("V3", "Acme Trading Company Ltd", "US"),  # changed: now a hit
        ("V2", "Zeta Robotics GmbH", "AT"),  # changed country only: same hit, not new
        ("V1", "Huawei Technologies Co Ltd", "CN"),  # moved to the top: nothing new
        ("V9", "Northern Lights Shipping Ltd", ""),  # added
    ])  # fmt: skip
    done = watch.run([versions["v2"]])
    assert found(done) == [
        (1, "el-2", "in_force", "changed_row"),
        (4, "el-4", "in_force", "new_row"),
    ]
    assert (done.rows_new, done.rows_changed) == (1, 2)
    assert held(done) == full(path, [versions["v2"]], BEFORE)


def test_a_file_without_ids_knows_rows_by_their_content(tmp_path, versions):
    path = write_suppliers(tmp_path / "s.csv", [(n, c) for _, n, c in SUPPLIERS], ids=False)
    watch = Watch(path)
    watch.run([versions["v1"]])
    write_suppliers(path, [("Blue Ocean Furniture", "US"), ("Acme Trading Company", "US"),
                           ("Huawei Technologies Co Ltd", "CN")], ids=False)  # fmt: skip
    done = watch.run([versions["v1"]])
    assert found(done) == [(2, "el-2", "in_force", "new_row")]
    assert (done.rows_new, done.rows_changed) == (1, 0)
    assert held(done) == {(2, "el-2", "in_force"), (3, "el-1", "pending")}


def test_a_list_version_gone_is_screened_whole_and_only_unknown_hits_reported(tmp_path):
    path = write_list(tmp_path / "list.csv", HUAWEI, ACME)
    watch = Watch(write_suppliers(tmp_path / "s.csv", SUPPLIERS))
    watch.run([path])
    write_list(path, HUAWEI, ACME, ZETA)  # edited in place: the old version is gone
    done = watch.run([path])
    assert found(done) == [(2, "el-3", "in_force", "new_list")]
    assert any("no longer there to compare with" in note for note in done.notes)


def test_a_renamed_list_file_is_paired_with_its_earlier_version(tmp_path, versions):
    watch = Watch(write_suppliers(tmp_path / "s.csv", SUPPLIERS))
    watch.run([versions["v1"]])
    renamed = write_list(tmp_path / "entity_list_0315.csv", HUAWEI, ACME, FILLER, ZETA)
    done = watch.run([renamed])
    assert found(done) == [(2, "el-3", "in_force", "new_entry")] and done.entries_screened == 1


def test_a_decision_clears_a_new_hit_from_the_gate(tmp_path, versions):
    decisions = tmp_path / "decisions.csv"
    decisions.write_text(
        "input_id,input_name,entry_id,decision,reviewer,date,reason\n"
        "V2,Zeta Robotics GmbH,el-3,false_positive,ana,2025-02-01,another Zeta\n",
        encoding="utf-8",
    )
    read, review = ReadOptions(), ReviewFiles(decisions=decisions)
    settings = WatchSettings.of(read, ScreenOptions(as_of=BEFORE), review)
    watch = Watch(write_suppliers(tmp_path / "s.csv", SUPPLIERS), settings)
    watch.run([versions["v1"]])
    done = watch.run([versions["v2"]])
    (new,) = done.changes
    assert new.finding.cleared and not result_failures(done.result)


def test_a_file_changed_while_it_is_screened_is_an_error(tmp_path, versions, monkeypatch):
    watch = Watch(write_suppliers(tmp_path / "s.csv", SUPPLIERS))
    digests = iter(["a" * 64, "b" * 64])
    monkeypatch.setattr(rescreen_module, "_sha256", lambda path: next(digests))
    with pytest.raises(InputFileError, match="changed while it was being screened"):
        watch.run([versions["v1"]])


def test_many_edits_leave_the_hits_a_whole_screening_finds(tmp_path):
    """After any sequence of list updates, file edits and dates, the hits a file holds are
    those a whole screening of it finds (bounded: 12 steps of a seeded walk)."""
    rng = random.Random(7)
    names = ["Huawei Technologies Co Ltd", "Zeta Robotics GmbH", "Acme Trading Company",
             "Northern Lights Shipping", "Blue Ocean Furniture", "Orion Tools"]  # fmt: skip
    orion = replace(ACME, entry_id="el-5", name="Orion Tools Ltd", start_date="2025-03-20",
                    end_date="2025-03-28")  # fmt: skip
    pool = [HUAWEI, ACME, ZETA, FILLER, orion]
    path = tmp_path / "s.csv"
    watch = Watch(path)
    for step in range(12):
        listings = [e for e in pool if rng.random() < 0.7] or [HUAWEI]
        if rng.random() < 0.3:
            listings = [replace(e, aliases="Alias " + e.name) for e in listings]
        folder = tmp_path / f"v{step}"
        folder.mkdir()
        lists = [write_list(folder / "consolidated.csv", *listings)]
        rows = [(f"V{i}", rng.choice(names), rng.choice(["", "CN", "US"])) for i in range(6)]
        write_suppliers(path, rows)
        as_of = date(2025, 3, rng.randrange(15, 31))
        done = watch.run(lists, as_of)
        assert held(done) == full(path, lists, as_of), step


def test_a_duplicated_list_name_is_refused(tmp_path):
    a = write_list(tmp_path / "list.csv", HUAWEI)
    (tmp_path / "other").mkdir()
    b = write_list(tmp_path / "other" / "list.csv", ACME)
    with pytest.raises(ConfigError, match="both named list.csv"):
        Watch(write_suppliers(tmp_path / "s.csv", SUPPLIERS)).run([a, b])


# --- what is stored ------------------------------------------------------------------------


def test_row_prints_round_trip_and_a_damaged_blob_is_refused():
    tracker = RowTracker(None, by_id=True)
    from screening.models import Supplier

    tracker.sort([Supplier(row=i, name=f"n{i}", input_id=f"V{i}") for i in range(1, 6)])
    prints = tracker.prints()
    again = RowPrints.unpack(prints.pack(), name="x")
    assert again.rows == 5 and (again.keys == prints.keys).all()
    assert (again.prints == prints.prints).all()
    with pytest.raises(ConfigError, match="watched file 'x'"):
        RowPrints.unpack(prints.pack()[:-3], name="x")


def test_known_hits_and_lists_round_trip_through_json(tmp_path, versions):
    watch = Watch(write_suppliers(tmp_path / "s.csv", SUPPLIERS))
    done = watch.run([versions["v2"]])
    assert hits_from_json(hits_json(done.hits), name="s") == done.hits
    assert lists_from_json(lists_json(done.lists), name="s") == done.lists
    with pytest.raises(ConfigError, match="cannot be read"):
        hits_from_json('[{"key": "zz"}]', name="s")


def test_settings_round_trip_with_absolute_paths(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lists").mkdir()
    write_list(tmp_path / "lists" / "el.csv", HUAWEI)
    read = ReadOptions(name_column="Vendor", id_column="No", sheet="Q1")
    screen = ScreenOptions(as_of=BEFORE, show_from=70.0)
    settings = WatchSettings.of(read, screen, ReviewFiles(decisions=Path("d.csv")),
                                (Path("lists/el.csv"), Path("sample")))  # fmt: skip
    again = WatchSettings.from_json(settings.to_json(), name="w")
    assert again == settings
    # a decisions file not written yet still names this folder's; a list that is no file
    # here (a name the command line reads as a list of its own) stays as it was given
    assert again.review.decisions == tmp_path / "d.csv"
    assert again.lists == (tmp_path / "lists" / "el.csv", Path("sample"))
    assert again.screen_options(AFTER).show_from == 70.0
    with pytest.raises(ConfigError, match="watched file 'w'"):
        WatchSettings.from_json('{"version": 1}', name="w")
    with pytest.raises(ConfigError, match="--ownership"):
        WatchSettings(review=ReviewFiles(ownership=Path("o.csv")))
