"""Streamed batches: files read in chunks, screened chunk by chunk, reported as they go."""

from __future__ import annotations

import csv
import io
import itertools
import multiprocessing
import os
import stat
import threading
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from processes import running

from screening.engines.local import CHUNKS_IN_FLIGHT, PARALLEL_CHUNK, match_chunks
from screening.errors import InputFileError
from screening.inputs import SAMPLE_BYTES, open_suppliers, read_suppliers
from screening.match import ListMatcher
from screening.options import ReadOptions, ScreenOptions
from screening.report import CsvStream, render_csv, report_file, report_text, write_report
from screening.screen import screen_file

SUPPLIERS = Path(__file__).resolve().parents[1] / "fixtures" / "suppliers.csv"
AS_OF = date(2025, 3, 26)


def test_chunks_number_rows_across_the_file_and_hold_every_row():
    whole, columns = read_suppliers(SUPPLIERS)
    opened = open_suppliers(SUPPLIERS, ReadOptions(chunk_rows=10))
    chunks = list(opened)
    assert [len(c) for c in chunks] == [10] * (len(whole) // 10) + [len(whole) % 10]
    assert [s for c in chunks for s in c] == whole
    assert [s.row for c in chunks for s in c] == list(range(1, len(whole) + 1))
    assert opened.columns == columns
    assert opened.rows_estimate == len(whole)  # one line per row in this file


def test_a_bad_row_late_in_the_file_stops_the_stream_where_it_is(tmp_path):
    path = tmp_path / "s.csv"
    body = "".join(f"{i},Company {i}\n" for i in range(1, 26))
    path.write_text("id,name\n" + body + "26,Widget, Inc\n", encoding="utf-8")
    chunks = iter(open_suppliers(path, ReadOptions(chunk_rows=10)))
    assert [s.row for s in next(chunks)] == list(range(1, 11))  # read before the bad row
    assert len(next(chunks)) == 10
    with pytest.raises(InputFileError, match=r"s\.csv, line 27: 3 cells but the header has 2"):
        next(chunks)


def test_header_problems_are_found_when_the_file_is_opened(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("ident,label\n1,a\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="no name column"):
        open_suppliers(path)


def test_a_header_without_rows_is_reported_at_the_end(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("id,name\n", encoding="utf-8")
    opened = open_suppliers(path)
    with pytest.raises(InputFileError, match="no data rows"):
        list(opened)


def test_parquet_gives_the_rows_of_the_same_csv(tmp_path):
    whole, _ = read_suppliers(SUPPLIERS)
    frame = pa.table(
        {
            "vendor_id": [s.input_id for s in whole],
            "name": [s.name or None for s in whole],  # missing names arrive as nulls
            "country": [s.country for s in whole],
            "city": [s.address for s in whole],  # the file's only address column
        }
    )
    path = tmp_path / "suppliers.parquet"
    pq.write_table(frame, path, row_group_size=7)
    opened = open_suppliers(path, ReadOptions(chunk_rows=10))
    assert opened.rows_estimate == len(whole)
    assert [s for c in opened for s in c] == whole


def test_parquet_cells_that_are_not_text_become_text(tmp_path):
    path = tmp_path / "numbers.parquet"
    pq.write_table(pa.table({"id": [7, 8], "name": ["Acme", None]}), path)
    suppliers, columns = read_suppliers(path)
    assert columns.input_id == "id"
    assert [(s.input_id, s.name) for s in suppliers] == [("7", "Acme"), ("8", "")]


def test_a_damaged_parquet_file_is_one_clear_error(tmp_path):
    path = tmp_path / "bad.parquet"
    path.write_bytes(b"PAR1" + b"\0" * 20)
    with pytest.raises(InputFileError, match=r"bad\.parquet: not a readable Parquet file"):
        open_suppliers(path)


def test_bytes_outside_the_encoding_later_in_a_stream_name_the_place(tmp_path):
    path = tmp_path / "s.csv"
    good = "".join(f"{i},Company {i}\n" for i in range(1, 70_000)).encode("utf-8")
    path.write_bytes(b"id,name\n" + good + b"70000,Caf\xe9\n")  # past the sampled first MiB
    with pytest.raises(InputFileError, match=r"s\.csv, after line \d+: bytes that are not valid"):
        list(open_suppliers(path))


def test_the_sink_gets_every_finding_chunk_by_chunk(sample_list):
    seen: list[int] = []
    findings = []

    def sink(rows, chunk):
        assert rows  # each chunk's rows come with its findings
        seen.append(len(chunk))
        findings.extend(chunk)

    result, _ = screen_file(
        SUPPLIERS, [sample_list], ScreenOptions(as_of=AS_OF), ReadOptions(chunk_rows=10), sink=sink
    )
    assert len(seen) == 6  # 53 rows in chunks of 10
    assert tuple(findings) == result.findings
    whole, _ = screen_file(SUPPLIERS, [sample_list], ScreenOptions(as_of=AS_OF))
    assert whole.findings == result.findings and whole.rows == result.rows == 53


def test_the_streamed_csv_is_the_whole_csv(sample_list):
    whole, _ = screen_file(SUPPLIERS, [sample_list], ScreenOptions(as_of=AS_OF))
    buffer = io.StringIO()
    stream = CsvStream(buffer, whole.gate)  # what a stream knows before any row
    result, _ = screen_file(
        SUPPLIERS,
        [sample_list],
        ScreenOptions(as_of=AS_OF),
        ReadOptions(chunk_rows=7),
        sink=lambda rows, found: stream.write(found),
    )
    stream.finish(result)
    assert buffer.getvalue() == render_csv(whole)
    assert len(list(csv.reader(io.StringIO(buffer.getvalue())))) == len(whole.findings) + 1


def test_an_interrupted_report_leaves_nothing_and_keeps_the_old_file(tmp_path):
    path = tmp_path / "report.csv"
    path.write_text("old\n", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt), report_text(path) as out:
        out.write("half a report")
        raise KeyboardInterrupt
    assert path.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.csv"]
    with report_file(tmp_path / "new.bin") as raw:
        raw.write(b"whole")
    assert (tmp_path / "new.bin").read_bytes() == b"whole"


def test_workers_take_only_a_few_chunks_ahead_of_the_reader(sample_list):
    base, _ = read_suppliers(SUPPLIERS)
    chunk = [type(s)(row=i, name=s.name) for i, s in enumerate(base * 40, start=1)]
    assert len(chunk) > PARALLEL_CHUNK
    pulled = 0

    def endless():
        nonlocal pulled
        while True:
            pulled += 1
            yield chunk

    matcher = ListMatcher([sample_list])
    # Children of earlier tests (a Dask cluster still closing) are not this pool's.
    before = set(multiprocessing.active_children())
    results = match_chunks(matcher, endless(), 85.0, jobs=2)
    for _ in itertools.islice(results, 3):
        pass
    results.close()  # stops the pool
    assert pulled <= 3 + CHUNKS_IN_FLIGHT
    left = set(multiprocessing.active_children()) - before
    assert running(left) == []  # its workers ended, not left running
    # ... and the pool's own thread with them: one left running would be waited for when
    # the interpreter exits.
    pool_threads = [t for t in threading.enumerate() if type(t).__name__.endswith("ManagerThread")]
    assert [t for t in pool_threads if t.is_alive()] == []


def test_a_device_is_written_to_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    with report_text(fifo) as out:
        out.write("through the pipe")
    reader.join(timeout=10)
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # still a pipe, not a file put in its place
    write_report(Path(os.devnull), "nothing")
    assert stat.S_ISCHR(Path(os.devnull).stat().st_mode)


def test_the_row_estimate_of_a_large_file_comes_from_its_first_bytes(tmp_path):
    path = tmp_path / "big.csv"
    rows = 60_000  # a few MiB: more than the sample read to choose the encoding
    path.write_text(
        "id,name\n" + "".join(f"{i},Company number {i}\n" for i in range(rows)), encoding="utf-8"
    )
    assert path.stat().st_size > SAMPLE_BYTES
    estimate = open_suppliers(path).rows_estimate
    assert abs(estimate - rows) < 0.05 * rows, estimate


def test_a_large_gb18030_file_is_detected_from_its_first_bytes_and_streamed(tmp_path):
    path = tmp_path / "供应商.csv"
    body = "".join(f"{i},华为技术有限公司第{i}分公司,中国\n" for i in range(40_000))
    path.write_bytes(("编号,供应商名称,国家\n" + body).encode("gb18030"))
    assert path.stat().st_size > SAMPLE_BYTES  # the encoding is chosen from a sample
    opened = open_suppliers(path, ReadOptions(chunk_rows=7_000))
    suppliers = [s for chunk in opened for s in chunk]
    assert opened.columns.name == "供应商名称"
    assert len(suppliers) == 40_000
    assert suppliers[-1].name == "华为技术有限公司第39999分公司"
    assert suppliers[-1].country == "中国" and suppliers[-1].input_id == "39999"
