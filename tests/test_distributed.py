"""The Dask engine: a folder of files screened on a cluster gives, file by file, exactly what
the local engine gives for each file, and leaves a complete results folder or none."""

from __future__ import annotations

import csv
import json
import logging
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

distributed = pytest.importorskip("distributed")

import dask  # noqa: E402
import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

from screening.defaults import SKIPPED_TYPES  # noqa: E402
from screening.engines.dask import (  # noqa: E402
    DASK_MISSING,
    MATCHERS_KEPT,
    SUMMARY_FILE,
    _matcher,
    screen_dataset,
)
from screening.errors import ConfigError, InputFileError  # noqa: E402
from screening.gate import result_failures  # noqa: E402
from screening.models import FailOn, Gate, ListSnapshot, ScreeningResult  # noqa: E402
from screening.options import ScreenOptions  # noqa: E402
from screening.report.csv import neutralise_cell  # noqa: E402
from screening.report.fields import MATCH_FIELDS, match_record  # noqa: E402
from screening.screen import screen_file  # noqa: E402

SUPPLIERS = Path(__file__).resolve().parents[1] / "fixtures" / "suppliers.csv"
AS_OF = date(2025, 3, 26)
OPTIONS = ScreenOptions(as_of=AS_OF)
#: The fields compared between the engines (the rest follow from the entry and the row).
KEY_FIELDS = ("partition", "row", "input_id", "entry_id", "score", "status", "fails_gate")


@pytest.fixture(scope="module")
def scheduler():
    """One small cluster for the module: starting one costs a second or two per test."""
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},  # not 8787: may be taken
        silence_logs=logging.CRITICAL,
    ) as cluster:
        yield cluster.scheduler_address


def _partitions() -> tuple[list[str], list[tuple[str, list[list[str]]]]]:
    """The header, and the sample suppliers (hits in rows 1-29) in three parts, each with hits,
    an empty name added to the second, and a fourth part that matches nothing."""
    with SUPPLIERS.open(encoding="utf-8", newline="") as stream:
        header, *rows = list(csv.reader(stream))
    empty = ["V9999", "", "CN", "Nowhere"]
    nothing = [["A0001", "Quiet Meadow Bakery", "US", "Dayton"],
               ["A0002", "Blue Lantern Stationers", "GB", "Leeds"]]  # fmt: skip
    parts = [rows[:12], [*rows[12:16], empty, *rows[16:24]], rows[24:], nothing]
    return header, [(f"part{i}", part) for i, part in enumerate(parts, start=1)]


def _write_csv_dataset(folder: Path) -> list[Path]:
    folder.mkdir()
    header, parts = _partitions()
    paths = []
    for stem, rows in parts:
        path = folder / f"{stem}.csv"
        with path.open("w", encoding="utf-8", newline="") as stream:
            csv.writer(stream).writerows([header, *rows])
        paths.append(path)
    return paths


def _write_parquet_dataset(folder: Path) -> list[Path]:
    folder.mkdir()
    header, parts = _partitions()
    paths = []
    for stem, rows in parts:
        path = folder / f"{stem}.parquet"
        columns = {
            name: pa.array([r[i] for r in rows], pa.string()) for i, name in enumerate(header)
        }
        pq.write_table(pa.table(columns), path)
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def csv_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("csv") / "suppliers"
    _write_csv_dataset(folder)
    return folder


@pytest.fixture(scope="module")
def parquet_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("parquet") / "suppliers"
    _write_parquet_dataset(folder)
    return folder


def _local(
    dataset: Path, lists: list[ListSnapshot], options: ScreenOptions = OPTIONS
) -> list[tuple[str, ScreeningResult]]:
    """The local engine's result for each file of the dataset."""
    return [(path.name, screen_file(path, lists, options)[0]) for path in sorted(dataset.iterdir())]


def _keys(records: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return sorted(tuple(r[f] for f in KEY_FIELDS) for r in records)


def _local_keys(local: list[tuple[str, ScreeningResult]]) -> list[tuple[Any, ...]]:
    records = [
        {"partition": name, **match_record(f, result.gate)}
        for name, result in local
        for f in result.findings
    ]
    return _keys(records)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".partial-" in p.name)


@pytest.mark.slow
def test_csv_partitions_give_the_local_results(scheduler, csv_dataset, sample_list, tmp_path):
    seen: list[tuple[int, int]] = []
    destination = tmp_path / "results"
    result = screen_dataset(
        csv_dataset,
        destination,
        [sample_list],
        OPTIONS,
        scheduler=scheduler,
        progress=lambda done, total: seen.append((done, total)),
    )
    local = _local(csv_dataset, [sample_list])
    written = pq.read_table(destination).to_pylist()  # the folder read as one dataset
    assert _keys(written) == _local_keys(local)
    assert len(written) > 30  # the sample holds many hits
    assert result.rows == sum(r.rows for _, r in local) == 56  # 53 rows, an empty name, 2 misses
    assert result.findings == sum(len(r.findings) for _, r in local) == len(written)
    assert result.failing == sum(len(result_failures(r)) for _, r in local)
    assert result.failing == sum(r["fails_gate"] for r in written) > 0
    assert [p.partition for p in result.partitions] == [name for name, _ in local]
    for summary, (_, one) in zip(result.partitions, local, strict=True):
        assert (summary.rows, summary.findings, summary.failing) == (
            one.rows, len(one.findings), len(result_failures(one)),
        )  # fmt: skip
        assert summary.skipped_rows == tuple(s.row for s in one.skipped)
        assert summary.columns.name == "name" and summary.columns.input_id == "vendor_id"
    assert result.partitions[1].skipped_rows == (5,)  # numbered within its own file
    assert result.skipped == 1
    assert seen[0] == (0, 4) and seen[-1] == (4, 4) and len(seen) == 5
    assert sorted(p.name for p in destination.iterdir()) == [
        "_summary.json", "part-00000.parquet", "part-00001.parquet", "part-00002.parquet",
        "part-00003.parquet",
    ]  # fmt: skip
    assert result.outputs == tuple(destination / f"part-0000{i}.parquet" for i in range(4))
    assert pq.read_table(result.outputs[3]).num_rows == 0  # a file without hits: no rows
    summary = json.loads((destination / SUMMARY_FILE).read_text(encoding="utf-8"))
    assert (summary["rows"], summary["partitions"], summary["findings"], summary["failing"]) == (
        result.rows, 4, result.findings, result.failing,
    )  # fmt: skip
    assert summary["as_of"] == "2025-03-26" and summary["threshold"] == 85.0
    assert summary["lists"][0]["sha256"] == sample_list.sha256
    assert summary["partition_files"][1]["skipped_rows"] == [5]
    assert _leftovers(tmp_path) == []


def test_rows_are_numbered_from_one_in_each_file(scheduler, csv_dataset, sample_list, tmp_path):
    destination = tmp_path / "results"
    screen_dataset(csv_dataset, destination, [sample_list], OPTIONS, scheduler=scheduler)
    written = pq.read_table(destination).to_pylist()
    positions = {
        (f"{stem}.csv", row[0]): number
        for stem, rows in _partitions()[1]
        for number, row in enumerate(rows, start=1)
    }
    for record in written:
        assert record["row"] == positions[record["partition"], record["input_id"]]
    third = [r["row"] for r in written if r["partition"] == "part3.csv"]
    assert third and min(third) == 1  # not continued from the files before it


def test_parquet_partitions_give_the_local_results(scheduler, parquet_dataset, sample_list,
                                                   tmp_path):  # fmt: skip
    """With settings other than the defaults, so that they are seen to reach the workers."""
    options = ScreenOptions(as_of=AS_OF, gate=Gate(90.0, FailOn.IN_FORCE), show_from=80.0)
    destination = tmp_path / "results"
    result = screen_dataset(
        parquet_dataset, destination, [sample_list], options, scheduler=scheduler
    )
    local = _local(parquet_dataset, [sample_list], options)
    written = pq.read_table(destination).to_pylist()
    assert _keys(written) == _local_keys(local)
    assert min(r["score"] for r in written) < 90.0  # shown from 80, below the threshold
    assert not all(r["fails_gate"] for r in written)
    assert {r["partition"] for r in written} == {f"part{i}.parquet" for i in (1, 2, 3)}
    assert (result.rows, result.findings, result.failing) == (
        sum(r.rows for _, r in local),
        sum(len(r.findings) for _, r in local),
        sum(len(result_failures(r)) for _, r in local),
    )


def test_csv_output_reads_back_as_the_parquet_output(scheduler, csv_dataset, sample_list,
                                                     tmp_path):  # fmt: skip
    as_parquet, as_csv = tmp_path / "parquet", tmp_path / "csv"
    screen_dataset(csv_dataset, as_parquet, [sample_list], OPTIONS, scheduler=scheduler)
    result = screen_dataset(
        csv_dataset, as_csv, [sample_list], OPTIONS, scheduler=scheduler, output_format="csv"
    )
    assert [p.name for p in result.outputs] == [f"part-0000{i}.csv" for i in range(4)]
    expected = [
        {name: neutralise_cell(value) for name, value in record.items()}
        for record in pq.read_table(as_parquet).to_pylist()
    ]
    read: list[dict[str, str]] = []
    for path in result.outputs:
        raw = path.read_bytes()
        assert raw.startswith(b"partition,row,input_id,") and raw.endswith(b"\r\n")
        with path.open(encoding="utf-8", newline="") as stream:
            reader = csv.DictReader(stream)
            assert reader.fieldnames == ["partition", *MATCH_FIELDS]  # even with no rows
            read.extend(reader)
    assert read == expected
    assert result.outputs[3].read_bytes().count(b"\r\n") == 1  # the header alone


def test_a_bad_partition_fails_the_run_and_leaves_nothing(scheduler, sample_list, tmp_path):
    dataset = tmp_path / "data"
    paths = _write_csv_dataset(dataset)
    with paths[1].open("a", encoding="utf-8", newline="") as stream:
        stream.write("V0100,Wide Row Trading,CN,Shenzhen,one cell too many\r\n")
    destination = tmp_path / "results"
    with pytest.raises(InputFileError) as raised:
        screen_dataset(dataset, destination, [sample_list], OPTIONS, scheduler=scheduler)
    assert type(raised.value) is InputFileError  # the worker's own error, not a wrapper
    message = str(raised.value)
    assert str(paths[1]) in message and "5 cells but the header has 4" in message
    assert "\n" not in message
    assert not destination.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]  # no temporary folder


def test_refusals_before_any_work(sample_list, tmp_path, csv_dataset):
    def run(source: Path, destination: Path, output_format: str = "parquet") -> None:
        # An address nobody listens on: each refusal must come before connecting.
        screen_dataset(source, destination, [sample_list], OPTIONS,
                       output_format=output_format, scheduler="tcp://127.0.0.1:9")  # fmt: skip

    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ConfigError, match="already exists and is not empty"):
        run(csv_dataset, taken)
    assert (taken / "keep.txt").read_text(encoding="utf-8") == "mine"
    with pytest.raises(ConfigError, match="is not a folder"):
        run(csv_dataset / "part1.csv", tmp_path / "out")
    with pytest.raises(ConfigError, match="does not exist"):
        run(tmp_path / "missing", tmp_path / "out")
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "_SUCCESS").write_text("", encoding="utf-8")
    with pytest.raises(ConfigError, match="holds no CSV, TSV or Parquet files"):
        run(empty, tmp_path / "out")
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    (mixed / "a.csv").write_text("name\nAcme\n", encoding="utf-8")
    (mixed / "b.xlsx").write_bytes(b"PK\x03\x04")
    with pytest.raises(ConfigError, match=r"not CSV, TSV or Parquet files \(b\.xlsx\)"):
        run(mixed, tmp_path / "out")
    with pytest.raises(ConfigError, match="unknown output format 'json'"):
        run(csv_dataset, tmp_path / "out", output_format="json")
    with pytest.raises(ConfigError, match="--threshold"):
        ScreenOptions(as_of=AS_OF, gate=Gate(120))
    with pytest.raises(ConfigError, match="folder .* does not exist"):
        run(csv_dataset, tmp_path / "no" / "out")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty", "mixed", "taken"]


def test_an_unreachable_scheduler_is_one_line(sample_list, csv_dataset, tmp_path):
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        with pytest.raises(ConfigError, match="cannot connect to the Dask scheduler") as raised:
            screen_dataset(csv_dataset, tmp_path / "out", [sample_list], OPTIONS,
                           scheduler="tcp://127.0.0.1:9")  # fmt: skip
    assert "\n" not in str(raised.value)
    assert list(tmp_path.iterdir()) == []


def test_without_dask_the_message_says_what_to_install(monkeypatch, sample_list, csv_dataset,
                                                       tmp_path):  # fmt: skip
    monkeypatch.setitem(sys.modules, "distributed", None)  # makes `import distributed` fail
    with pytest.raises(ConfigError) as raised:
        screen_dataset(csv_dataset, tmp_path / "out", [sample_list], OPTIONS)
    assert str(raised.value) == DASK_MISSING
    assert list(tmp_path.iterdir()) == []


def test_a_worker_builds_its_matcher_once(sample_list):
    first = _matcher([sample_list], SKIPPED_TYPES)
    assert _matcher([sample_list], set(SKIPPED_TYPES)) is first
    other = _matcher([sample_list], ())
    assert other is not first
    for kinds in (("vessel",), ("aircraft",)):
        _matcher([sample_list], kinds)
    from screening.engines import dask as engine

    assert len(engine._matchers) == MATCHERS_KEPT


def test_a_local_cluster_when_no_scheduler_is_given(sample_list, tmp_path):
    dataset = tmp_path / "data"
    dataset.mkdir()
    (dataset / "one.csv").write_text(
        "id,name,country\nX1,Huawei Technologies Co Ltd,CN\nX2,Quiet Meadow Bakery,US\n",
        encoding="utf-8",
    )
    started = time.monotonic()
    result = screen_dataset(dataset, tmp_path / "out", [sample_list], replace(OPTIONS, jobs=1))
    assert time.monotonic() - started < 30
    assert (result.rows, result.failing) == (2, 1)
    assert [r["input_id"] for r in pq.read_table(result.outputs[0]).to_pylist()] == ["X1"]


def test_an_interruption_leaves_nothing(scheduler, csv_dataset, sample_list, tmp_path):
    def interrupt(done: int, total: int) -> None:
        if done == 1:
            raise KeyboardInterrupt  # as Ctrl-C while the partitions are being screened

    destination = tmp_path / "results"
    with pytest.raises(KeyboardInterrupt):
        screen_dataset(csv_dataset, destination, [sample_list], OPTIONS,
                       scheduler=scheduler, progress=interrupt)  # fmt: skip
    assert list(tmp_path.iterdir()) == []


def test_a_cluster_without_workers_is_one_line(sample_list, csv_dataset, tmp_path):
    with (
        dask.config.set({"distributed.comm.timeouts.connect": "1s"}),
        distributed.LocalCluster(
            n_workers=0,
            processes=False,
            dashboard_address=None,
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
            silence_logs=logging.CRITICAL,
        ) as empty,
        pytest.raises(ConfigError, match="has no running workers; start them with") as raised,
    ):
        screen_dataset(csv_dataset, tmp_path / "out", [sample_list], OPTIONS,
                       scheduler=empty.scheduler_address)  # fmt: skip
    assert "\n" not in str(raised.value)
    assert list(tmp_path.iterdir()) == []


def test_workers_keep_the_prepared_index_in_the_cache_given(
    scheduler, csv_dataset, sample_list, tmp_path
):
    cache = tmp_path / "cache"
    # Vessels included: settings no worker has built a matcher for yet in this module.
    options = ScreenOptions(as_of=AS_OF, skip_types=frozenset(), cache_dir=cache)
    screen_dataset(csv_dataset, tmp_path / "out", [sample_list], options, scheduler=scheduler)
    saved = sorted(p.name.split("-")[0] + ("-tables" if "tables" in p.name else "")
                   for p in cache.iterdir())  # fmt: skip
    assert saved == ["index", "index-tables"]
