"""Scale: the whole `screen check` process on 100,000 and 1,000,000 rows, against the real lists.

Runs the real CLI as a subprocess, as a user would, so that what is measured is everything a
run costs: start-up, reading the file in chunks, the forked workers, rendering the report.
Checks the scale targets on the 2-core development machine: 1,000,000 rows
against the full real lists (`derived/real_lists_csl.csv` of ../shared/data, ~14,700
entries) in under 5 minutes; peak memory under 2 GiB; the same hits with `--jobs 2` as with
`--jobs 1`; `--jobs 2` at least 1.7x as fast as `--jobs 1`.

From a fresh clone (`python3 -m venv .venv && .venv/bin/pip install -e ".[test]"`):

    .venv/bin/python benchmarks/bench_scale.py

Every size is screened with `--jobs 1` and `--jobs 2`, for the speed-up and the same-hits
check (about 12 minutes in all for the default sizes). Options: `--sizes 100000,1000000`
(rows per generated file); `--no-verify` (run `--jobs 1` on the smallest size only, which
saves ~5 minutes at 1,000,000 rows but leaves the same-hits check and the speed-up there
out); `--parquet` (also write each file as Parquet and screen that with `--jobs 2`); `--quick`
(one file of 20,000 rows: a smoke run); `--data DIR` (the shared data folder, default
../shared/data beside the checkout); `--workdir DIR` (keep the generated files, reports and
each run's stderr there instead of a temporary folder); `--json` (a last line of JSON with
every number); `--seed N`; `--no-pss` (poll RSS only); `--timeout S` (kill a run after S
seconds, default 3600). Without the data folder it prints `skipped: ...` and exits 0. It
exits 1 when a run failed (exit code 2, or killed), else 0: a missed target is a result,
printed as FAIL. Timings are only meaningful on an otherwise quiet machine: each run says how
many cores other processes kept busy meanwhile, with a warning when that is not negligible.

Supplier files are generated (seeded) by `bench_screen.supplier_names`: ~2% variants of
listed names from the labelled set (capped at the number of positives there, so at
1,000,000 rows the share is lower; printed), the rest real non-listed company names and
recombinations of their words. The positives are known, so the recall on them is printed.
Generation is timed apart and not counted.

Memory is the peak of the whole process tree (the CLI and its forked workers), polled with
psutil: the sum of RSS counts copy-on-write pages the workers share with the parent once per
process, so it overstates; the sum of PSS shares each page among the processes mapping it,
which is what the tree really holds. Both are printed, with the polled peak RSS of the
largest single process (the kernel's `ru_maxrss` of a child is no use here: a child started
by fork and exec keeps the high-water mark of this, larger, process).

The speed-up target is judged on the largest size run both ways; the ratio of every such
size is printed. The start-up (imports, the cached lists, index and look-up tables, the
Chinese word segmenter) is serial, so the ratio grows with the size of the file.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import random
import shlex
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import bench_screen as bs
import labelled_set as ls
import psutil

from screening.lists import load_list

#: The scale targets.
TARGET_ROWS = 1_000_000
TARGET_SECONDS = 300.0  # for TARGET_ROWS rows with PARALLEL_JOBS processes
TARGET_PEAK_BYTES = 2 * 1024**3
TARGET_SPEEDUP = 1.7  # jobs PARALLEL_JOBS over jobs 1, same file

#: Processes of the parallel runs: the cores of the 2-core development machine.
PARALLEL_JOBS = 2
DEFAULT_SIZES = "100000,1000000"
QUICK_SIZE = 20_000
#: Rows of the warm-up batch (more than screening.screen.BATCH_ROWS, so it is a batch).
WARM_UP_ROWS = 500
#: Seconds between two readings of the process tree's RSS, and at most between two of its
#: PSS, which is costly (see `sample_tree`) and read sooner when RSS grew by PSS_GROWTH.
POLL_SECONDS = 0.2
PSS_SECONDS = 2.0
PSS_GROWTH = 0.05
#: Linux 3.5+ lists a task's children in /proc (see `descendants`).
HAS_CHILDREN_FILES = os.path.exists(f"/proc/{os.getpid()}/task/{os.getpid()}/children")
#: A run taking longer is killed and reported as such (a hung run must not hang the bench).
DEFAULT_TIMEOUT = 3600.0
#: Cores kept busy by other processes during a run above which the timings are flagged.
OTHER_WORK_WARNING = 0.2
#: Screening date: fixed, so that runs on different days give the same statuses.
AS_OF = "2026-01-01"
#: Share of rows with a country; the others leave it empty, as many vendor files do.
COUNTRY_SHARE = 0.3
COUNTRIES = ("US", "CN", "DE", "GB", "JP", "FR", "IN", "KR", "RU", "AE", "HK", "SG", "TR")
#: Key of a hit when comparing two runs' reports.
HIT_FIELDS = ("row", "input_id", "entry_id", "score", "status")
MIB = 1024**2


@dataclass
class Memory:
    """Peaks of the process tree, as polled (bytes), and what polling cost."""

    rss_tree: int = 0
    pss_tree: int = 0
    rss_process: int = 0
    processes: int = 0
    samples: int = 0
    sample_seconds: float = 0.0


@dataclass
class Run:
    """One CLI process: what was run and what it measured."""

    label: str
    rows: int
    jobs: int
    input_format: str
    exit_code: int
    seconds: float
    cpu_seconds: float
    # The polled peak RSS of the largest process. Not the kernel's ru_maxrss: a child
    # started by fork and exec inherits the high-water mark of this (large) process.
    max_process_rss: int
    load_before: float  # 1-minute load average when the run started (the machine is shared)
    other_cores: float  # cores other processes kept busy during the run, on average
    memory: Memory = field(default_factory=Memory)
    findings: int = 0
    summary: str = ""
    output: str = ""

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


def cli_command() -> list[str]:
    """The `screen` console script beside this Python, else `python -m screening_cli` (the same
    program; the script is preferred since `-m` costs an extra import)."""
    script = Path(sys.executable).parent / "screen"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "screening_cli"]


def child_env(workdir: Path) -> dict[str, str]:
    """This environment without SCREEN_* settings (a SCREEN_JOBS or SCREEN_LIST of the
    caller would change what is measured), with the cache and data folders in `workdir`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCREEN_")}
    env["SCREEN_CACHE_DIR"] = str(workdir / "cache")
    env["SCREEN_DATA_DIR"] = str(workdir / "data")
    return env


def descendants(pid: int) -> list[int]:
    """Process ids of `pid`'s descendants. From /proc/PID/task/TID/children where the kernel
    has them: a few small reads, cheap enough for every sample; else psutil, which scans
    all of /proc."""
    if not HAS_CHILDREN_FILES:
        try:
            return [p.pid for p in psutil.Process(pid).children(recursive=True)]
        except psutil.Error:
            return []
    found: list[int] = []
    queue = [pid]
    while queue:
        parent = queue.pop()
        try:
            tasks = os.listdir(f"/proc/{parent}/task")
        except OSError:
            continue  # gone
        for task in tasks:
            try:
                with open(f"/proc/{parent}/task/{task}/children", encoding="ascii") as handle:
                    children = [int(child) for child in handle.read().split()]
            except OSError:
                continue  # gone
            found.extend(children)
            queue.extend(children)
    return found


def sample_tree(pid: int, memory: Memory, stop: threading.Event, with_pss: bool) -> None:
    """Poll the memory of process `pid` and its descendants until `stop` is set.

    RSS is cheap to read (statm), and so is the list of descendants: both are read every
    POLL_SECONDS, so that short-lived workers are seen. PSS is not (the kernel walks every
    page: ~10 ms per 400 MiB process): it is read when the tree's RSS has grown by
    PSS_GROWTH since the last reading, else every PSS_SECONDS, so that polling takes about
    one percent of a core, not tens, from the runs it measures on 2 cores."""
    known: dict[int, psutil.Process] = {}
    pss_at, pss_rss = float("-inf"), 0
    while not stop.is_set():
        start = time.perf_counter()
        rss = largest = count = 0
        processes = []
        for each in (pid, *descendants(pid)):
            try:
                process = known.get(each) or known.setdefault(each, psutil.Process(each))
                info = process.memory_info()
            except psutil.Error:
                continue  # gone since the listing
            processes.append(process)
            rss += info.rss
            largest = max(largest, info.rss)
            count += 1
        if not count:
            break
        if with_pss and (start - pss_at >= PSS_SECONDS or rss > pss_rss * (1 + PSS_GROWTH)):
            pss = 0
            for process in processes:
                try:
                    pss += process.memory_full_info().pss
                except psutil.Error:
                    continue
            pss_at, pss_rss = start, rss
            memory.pss_tree = max(memory.pss_tree, pss)
        memory.rss_tree = max(memory.rss_tree, rss)
        memory.rss_process = max(memory.rss_process, largest)
        memory.processes = max(memory.processes, count)
        memory.samples += 1
        memory.sample_seconds += time.perf_counter() - start
        stop.wait(POLL_SECONDS)


def busy_seconds() -> float:
    """CPU seconds all cores have spent busy since boot (steal included: time the host gave
    to others is time taken from the runs)."""
    times = psutil.cpu_times()
    return sum(
        getattr(times, f, 0.0) for f in ("user", "nice", "system", "irq", "softirq", "steal")
    )


def kill_group(pid: int) -> None:
    """End the process group led by `pid`, our CLI run (it may have just exited)."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def run_cli(
    label: str,
    arguments: list[str],
    rows: int,
    jobs: int,
    input_format: str,
    workdir: Path,
    *,
    with_pss: bool,
    timeout: float,
) -> Run:
    """Run the CLI once; wall time from start to exit (`wait4`, not the polling), CPU time
    of the process and its waited-for workers from the kernel, polled memory, and the cores
    other processes kept busy meanwhile (the machine is shared: they slow the run down)."""
    command = [*cli_command(), *arguments]
    out, err = workdir / f"{label}.stdout", workdir / f"{label}.stderr"
    load = os.getloadavg()[0]
    memory = Memory()
    stop = threading.Event()
    with out.open("wb") as stdout, err.open("wb") as stderr:
        busy, start = busy_seconds(), time.perf_counter()
        process = subprocess.Popen(
            command, stdout=stdout, stderr=stderr, env=child_env(workdir), start_new_session=True
        )
        sampler = threading.Thread(target=sample_tree, args=(process.pid, memory, stop, with_pss))
        sampler.start()
        # The CLI leads its own process group (new session): killing the group ends its
        # workers too, and nothing else.
        killer = threading.Timer(timeout, kill_group, (process.pid,))
        killer.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        busy = busy_seconds() - busy
        killer.cancel()
        stop.set()
        sampler.join()
    code = os.waitstatus_to_exitcode(status)
    process.returncode = code  # reaped here: Popen must not wait for it again
    lines = err.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    cpu_seconds = usage.ru_utime + usage.ru_stime
    other = max(0.0, busy - cpu_seconds - memory.sample_seconds) / seconds
    return Run(
        label=label,
        rows=rows,
        jobs=jobs,
        input_format=input_format,
        exit_code=code,
        seconds=seconds,
        cpu_seconds=cpu_seconds,
        max_process_rss=memory.rss_process,
        load_before=load,
        other_cores=other,
        memory=memory,
        summary=lines[-1] if lines else "",
        output="\n".join(lines[-20:]) if code not in (0, 1) else "",
    )


def write_suppliers(
    labelled: ls.LabelledSet, size: int, seed: int, folder: Path, parquet: bool
) -> tuple[Path, Path | None, dict[str, str], int]:
    """Write `size` suppliers (id,name,country) as CSV, and Parquet when asked. Returns the
    paths, id -> name of every row, and how many names are recombined."""
    names, recombined = bs.supplier_names(labelled, size, seed)
    rng = random.Random(f"{seed}-countries-{size}")
    ids = [f"S{i:07d}" for i in range(1, size + 1)]
    countries = [rng.choice(COUNTRIES) if rng.random() < COUNTRY_SHARE else "" for _ in ids]
    csv_path = folder / f"suppliers_{size}.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(("id", "name", "country"))
        writer.writerows(zip(ids, names, countries, strict=True))
    parquet_path = None
    if parquet:
        import pyarrow as pa
        import pyarrow.parquet as pq

        parquet_path = folder / f"suppliers_{size}.parquet"
        table = pa.table({"id": ids, "name": names, "country": countries})
        pq.write_table(table, parquet_path)
    return csv_path, parquet_path, dict(zip(ids, names, strict=True)), recombined


def read_hits(report: Path) -> list[tuple[str, ...]]:
    """The name hits of a `--format csv` report, as HIT_FIELDS tuples."""
    with report.open(encoding="utf-8", newline="") as handle:
        return [
            tuple(row[f] for f in HIT_FIELDS)
            for row in csv.DictReader(handle)
            if row.get("finding", "name") == "name"
        ]


def recall(
    hits: Sequence[tuple[str, ...]], names: dict[str, str], expected: dict[str, set[str]]
) -> tuple[int, int, int, int]:
    """(known listed-name variants among the rows, of them hit on an expected entry, hit on
    any entry, rows of other names with a hit)."""
    entries_hit: dict[str, set[str]] = defaultdict(set)
    for hit in hits:
        entries_hit[hit[1]].add(hit[2])
    positives = {i for i, name in names.items() if name in expected}
    found = sum(1 for i in positives if entries_hit.get(i, set()) & expected[names[i]])
    anything = sum(1 for i in positives if i in entries_hit)
    others = sum(1 for i in entries_hit if i not in positives)
    return len(positives), found, anything, others


def check_arguments(source: Path, report: Path, list_path: Path, jobs: int) -> list[str]:
    """Arguments of one timed `screen check` run (no audit record: nothing but the screening
    is measured; a fixed date, so that runs compare)."""
    return ["check", str(source), "--list", str(list_path), "--format", "csv", "--output",
            str(report), "--jobs", str(jobs), "--no-audit", "--as-of", AS_OF]  # fmt: skip


def mib(value: float) -> str:
    return f"{value / MIB:,.0f}" if value else "-"


def print_table(runs: Sequence[Run]) -> None:
    header = (
        f"{'run':<22} {'rows':>9} {'jobs':>4} {'wall s':>8} {'rows/s':>8} {'CPU s':>7} "
        f"{'cores':>5} {'RSS sum':>8} {'PSS sum':>8} {'max RSS':>8} {'hits':>6} {'exit':>4} "
        f"{'other':>5}"
    )
    print(header + "\n" + "-" * len(header))
    for run in runs:
        print(
            f"{run.label:<22} {run.rows:>9,} {run.jobs:>4} {run.seconds:>8.1f} "
            f"{run.rows_per_second:>8,.0f} {run.cpu_seconds:>7.1f} "
            f"{run.cpu_seconds / run.seconds:>5.2f} {mib(run.memory.rss_tree):>8} "
            f"{mib(run.memory.pss_tree):>8} {mib(run.max_process_rss):>8} {run.findings:>6,} "
            f"{run.exit_code:>4} {run.other_cores:>5.2f}"
        )
    print(
        "memory in MiB: RSS sum / PSS sum = polled peak of the tree (CLI + workers); max RSS = "
        "polled peak of its largest process; cores = CPU s / wall s of the tree; other "
        "= cores kept busy by other processes meanwhile"
    )
    other = max(run.other_cores for run in runs)
    if other > OTHER_WORK_WARNING:
        print(
            f"WARNING: other processes kept up to {other:.2f} cores busy during the runs: the "
            "timings and the speed-up are not this program's alone; run again on a quiet machine"
        )


@dataclass
class Bench:
    """What the steps share: options, the list, the generated files, the runs so far."""

    args: argparse.Namespace
    sizes: list[int]
    list_path: Path
    workdir: Path
    expected: dict[str, set[str]] = field(default_factory=dict)  # variant -> its entry ids
    files: dict[int, tuple[Path, Path | None, dict[str, str]]] = field(default_factory=dict)
    generated: dict[int, dict[str, float]] = field(default_factory=dict)
    runs: list[Run] = field(default_factory=list)
    reports: dict[tuple[int, str, int], Path] = field(default_factory=dict)  # size, format, jobs
    startup: float = 0.0  # seconds of a warm `screen lookup`: the start-up every run pays

    def run(self, label: str, arguments: list[str], rows: int, jobs: int, fmt: str) -> Run:
        return run_cli(
            label,
            arguments,
            rows,
            jobs,
            fmt,
            self.workdir,
            with_pss=not self.args.no_pss,
            timeout=self.args.timeout,
        )


def generate(bench: Bench, data: Path) -> None:
    """The labelled set's positives, then one supplier file per size."""
    start = time.perf_counter()
    snapshot = load_list(bench.list_path)
    labelled = ls.build_labelled_set(data, snapshot.entries, bench.args.seed)
    expected: dict[str, set[str]] = defaultdict(set)
    positives = [q for q in labelled.of(ls.POSITIVE) if not q.against]
    for query in positives:
        expected[query.query].update(query.expected)
    bench.expected = dict(expected)
    print(
        f"list: {bench.list_path}: {snapshot.entry_count} entries, "
        f"{sum(len(e.names) for e in snapshot.entries)} names and aliases; labelled set: "
        f"{len(expected):,} distinct listed-name variants, seed {bench.args.seed} "
        f"({time.perf_counter() - start:.1f} s, not counted)"
    )
    print(f"\n== Generating supplier files in {bench.workdir} (not counted)")
    for size in bench.sizes:
        start = time.perf_counter()
        csv_path, parquet_path, names, recombined = write_suppliers(
            labelled, size, bench.args.seed, bench.workdir, bench.args.parquet
        )
        seconds = time.perf_counter() - start
        listed = sum(1 for name in names.values() if name in expected)
        short = len(positives) < round(size * bs.LISTED_SHARE)
        capped = f" (under {bs.LISTED_SHARE:.0%}: the labelled set has no more)" if short else ""
        parquet = f", {parquet_path.stat().st_size / MIB:.1f} MiB Parquet" if parquet_path else ""
        print(
            f"{size:>9,} rows: {listed:,} listed-name variants ({listed / size:.2%}){capped}, "
            f"{recombined:,} recombined names, {size - listed - recombined:,} real non-listed; "
            f"{csv_path.stat().st_size / MIB:.1f} MiB CSV{parquet}; {seconds:.1f} s"
        )
        bench.files[size] = (csv_path, parquet_path, names)
        bench.generated[size] = {"listed": listed, "recombined": recombined, "seconds": seconds}


def warm_up(bench: Bench) -> list[Run] | None:
    """Two `screen lookup` runs: the first fills the cache (parsed list, name index), so that
    every timed run starts warm; the second shows the warm start-up every run pays."""
    cache = bench.workdir / "cache"
    print(f"\n== Warm-up: the cache in {cache}, so that every timed run starts warm")
    lookup = ["lookup", bs.LOOKUP_NAME, "--list", str(bench.list_path), "--format", "json",
              "--no-audit", "--as-of", AS_OF]  # fmt: skip
    print("$", f"SCREEN_CACHE_DIR={shlex.quote(str(cache))}", shlex.join([*cli_command(), *lookup]))
    runs = []
    for label in ("lookup-cold", "lookup-warm"):
        run = bench.run(label, lookup, 1, 1, "-")
        runs.append(run)
        print(
            f"{label}: {run.seconds:.2f} s, exit code {run.exit_code}, "
            f"peak RSS {mib(run.max_process_rss)} MiB"
        )
        if run.exit_code not in (0, 1):
            print(f"FAILED; stderr:\n{run.output}")
            return None
    bench.startup = runs[1].seconds
    print(f"(a warm start-up of ~{runs[1].seconds:.1f} s is in every run and is not parallel)")
    # A lookup never needs the index's deletion tables; a batch builds and caches them. A
    # small batch now, so that the first timed run does not pay for building them.
    smallest = bench.files[bench.sizes[0]][0]
    sample = bench.workdir / "warm-up.csv"
    with smallest.open(encoding="utf-8") as source:
        sample.write_text("".join(itertools.islice(source, WARM_UP_ROWS + 1)), encoding="utf-8")
    batch = bench.run(
        "batch-warm-up",
        check_arguments(sample, bench.workdir / "warm-up.report.csv", bench.list_path, 1),
        WARM_UP_ROWS,
        1,
        "csv",
    )
    print(f"batch-warm-up ({WARM_UP_ROWS} rows; caches the look-up tables): {batch.seconds:.2f} s")
    if batch.exit_code not in (0, 1):
        print(f"FAILED; stderr:\n{batch.output}")
        return None
    runs.append(batch)
    return runs


def screen_all(bench: Bench) -> None:
    """Each size: jobs 1 (all sizes, or the smallest with --no-verify), jobs PARALLEL_JOBS, and
    jobs PARALLEL_JOBS on the Parquet file with --parquet."""
    print("\n== Screening runs")
    for size in bench.sizes:
        csv_path, parquet_path, _ = bench.files[size]
        plan = [("csv", csv_path, PARALLEL_JOBS)]
        if size == bench.sizes[0] or not bench.args.no_verify:
            plan.insert(0, ("csv", csv_path, 1))
        if parquet_path is not None:
            plan.append(("parquet", parquet_path, PARALLEL_JOBS))
        for fmt, source, jobs in plan:
            label = f"{fmt}-{size}-jobs{jobs}"
            report = bench.workdir / f"{label}.report.csv"
            arguments = check_arguments(source, report, bench.list_path, jobs)
            if not bench.runs:
                print("$", shlex.join([*cli_command(), *arguments]))
            run = bench.run(label, arguments, size, jobs, fmt)
            if run.exit_code in (0, 1) and report.is_file():
                run.findings = len(read_hits(report))
                bench.reports[(size, fmt, jobs)] = report
            bench.runs.append(run)
            print(
                f"{label}: {run.seconds:.1f} s, {run.rows_per_second:,.0f} rows/s, "
                f"exit code {run.exit_code}; {run.summary}"
            )
            if run.exit_code == -signal.SIGKILL:
                print(f"FAILED: killed after --timeout {bench.args.timeout:g} s")
            elif run.exit_code not in (0, 1):
                print(f"FAILED (exit code {run.exit_code}); stderr:\n{run.output}")
    print()
    print_table(bench.runs)
    polled = [r for r in bench.runs if r.memory.samples]
    if polled:
        share = sum(r.memory.sample_seconds for r in polled) / sum(r.seconds for r in polled)
        pss = f", PSS on {PSS_GROWTH:.0%} growth or every {PSS_SECONDS:g} s"
        pss = "" if bench.args.no_pss else pss
        print(
            f"polling (in this process): RSS every {POLL_SECONDS:g} s{pss}, "
            f"{share:.1%} of one core while the runs ran"
        )


def compare(bench: Bench) -> tuple[dict[str, bool | None], dict[int, dict[str, int]]]:
    """Same hits across the runs of each size (reference: jobs 1 where it ran), and the
    recall on the known listed-name variants."""
    print("\n== Same hits (sets of " + ", ".join(HIT_FIELDS) + ")")
    same: dict[str, bool | None] = {}
    recalls: dict[int, dict[str, int]] = {}
    for size in bench.sizes:
        reference_key = next(
            (k for k in ((size, "csv", 1), (size, "csv", PARALLEL_JOBS)) if k in bench.reports),
            None,
        )
        if reference_key is None:
            print(f"{size:,} rows: no report to compare")
            continue
        reference = read_hits(bench.reports[reference_key])
        for key, report in bench.reports.items():
            if key[0] != size or key == reference_key:
                continue
            hits = read_hits(report)
            ok = set(hits) == set(reference) and len(hits) == len(reference)
            name = f"{key[1]} jobs {key[2]} vs {reference_key[1]} jobs {reference_key[2]}"
            name += f", {size:,} rows"
            same[name] = ok
            if not ok:
                name += (
                    f" ({len(set(hits) - set(reference))} only in the first, "
                    f"{len(set(reference) - set(hits))} only in the second)"
                )
            print(f"{'PASS' if ok else 'FAIL'}  {name}: {len(hits):,} / {len(reference):,} hits")
        if reference_key[2] != 1:
            same[f"jobs 1 vs jobs {PARALLEL_JOBS}, {size:,} rows (not run: --no-verify)"] = None
            print(f"not checked: jobs 1 on {size:,} rows (not run: --no-verify)")
        positives, found, anything, others = recall(reference, bench.files[size][2], bench.expected)
        recalls[size] = {"positives": positives, "expected_entry_hit": found,
                         "any_hit": anything, "other_rows_hit": others}  # fmt: skip
        print(
            f"{size:,} rows: {len(reference):,} hits in {len({h[0] for h in reference}):,} rows; "
            f"listed-name variants hit on an expected entry {found:,} / {positives:,} "
            f"({found / max(positives, 1):.1%}; {anything:,} with any hit); other rows with "
            f"a hit {others:,} ({others * 1000 / max(size - positives, 1):.1f} per 1,000)"
        )
    return same, recalls


def targets(
    bench: Bench, same: dict[str, bool | None]
) -> tuple[list[tuple[str, bool | None]], float]:
    """PASS/FAIL (None: not run) of each target, and the speed-up."""
    runs = bench.runs
    results: list[tuple[str, bool | None]] = []
    big = next(
        (
            r
            for r in runs
            if (r.rows, r.input_format, r.jobs) == (TARGET_ROWS, "csv", PARALLEL_JOBS)
        ),
        None,
    )
    label = f"{TARGET_ROWS:,} rows, jobs {PARALLEL_JOBS}, under {TARGET_SECONDS:g} s"
    if big is None:
        results.append((f"{label}: not run (sizes {', '.join(map(str, bench.sizes))})", None))
    else:
        ok = big.exit_code in (0, 1) and big.seconds < TARGET_SECONDS
        results.append((f"{label}: {big.seconds:.1f} s", ok))
    limit = f"peak memory under {TARGET_PEAK_BYTES / 1024**3:g} GiB"
    rss = max(runs, key=lambda r: r.memory.rss_tree)
    results.append((
        f"{limit}, RSS summed over the tree (shared pages counted once per process): "
        f"{mib(rss.memory.rss_tree)} MiB ({rss.label})",
        rss.memory.rss_tree < TARGET_PEAK_BYTES,
    ))  # fmt: skip
    if not bench.args.no_pss:
        pss = max(runs, key=lambda r: r.memory.pss_tree)
        results.append((
            f"{limit}, PSS summed over the tree: {mib(pss.memory.pss_tree)} MiB ({pss.label})",
            pss.memory.pss_tree < TARGET_PEAK_BYTES,
        ))  # fmt: skip
    results.extend((f"same hits: {name}", ok) for name, ok in same.items())
    speedups = speedups_by_size(bench)
    for size, ratio in speedups.items():
        print(f"speed-up, jobs {PARALLEL_JOBS} over jobs 1, {size:,} rows: {ratio:.2f}x")
    if not speedups:
        results.append((f"jobs {PARALLEL_JOBS} at least {TARGET_SPEEDUP:g}x jobs 1: not run", None))
        return results, 0.0
    largest = max(speedups)
    speedup = speedups[largest]
    results.append((
        f"jobs {PARALLEL_JOBS} at least {TARGET_SPEEDUP:g}x as fast as jobs 1 on "
        f"{largest:,} rows (the largest size run both ways): {speedup:.2f}x",
        speedup >= TARGET_SPEEDUP,
    ))  # fmt: skip
    return results, speedup


def speedups_by_size(bench: Bench) -> dict[int, float]:
    """Wall time of jobs 1 over jobs PARALLEL_JOBS (CSV input), for each size run both ways."""
    ratios = {}
    for size in bench.sizes:
        one, two = (
            next(
                (r for r in bench.runs if (r.rows, r.input_format, r.jobs) == (size, "csv", j)),
                None,
            )
            for j in (1, PARALLEL_JOBS)
        )
        if one and two and {one.exit_code, two.exit_code} <= {0, 1}:
            ratios[size] = one.seconds / two.seconds
    return ratios


def screening_speedup(bench: Bench) -> str:
    """The speed-up less the start-up both runs pay in one process (Amdahl): what the
    parallel part gains, to tell a slow start-up from a poor split of the rows."""
    one, two = (
        next(
            r for r in bench.runs if (r.rows, r.input_format, r.jobs) == (bench.sizes[0], "csv", j)
        )
        for j in (1, PARALLEL_JOBS)
    )
    serial = bench.startup
    if min(one.seconds, two.seconds) <= serial:
        return "the runs are no longer than the start-up: no speed-up of the screening itself"
    return (
        f"less the ~{serial:.1f} s warm start-up (a `screen lookup`) from both runs, jobs "
        f"{PARALLEL_JOBS} is {(one.seconds - serial) / (two.seconds - serial):.2f}x jobs 1; "
        f"the start-up is {serial / two.seconds:.0%} of the jobs {PARALLEL_JOBS} run"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ls.DEFAULT_DATA, help="shared data folder")
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help="rows per generated file")
    parser.add_argument("--quick", action="store_true", help=f"one file of {QUICK_SIZE} rows")
    parser.add_argument("--parquet", action="store_true", help="also screen Parquet inputs")
    parser.add_argument(
        "--no-verify",
        action="store_true",
        help="run --jobs 1 on the smallest size only (saves ~5 minutes; no same-hits check "
        "and no speed-up on the larger sizes)",
    )
    parser.add_argument("--seed", type=int, default=ls.DEFAULT_SEED)
    parser.add_argument("--workdir", type=Path, help="keep files here (default: a temp folder)")
    parser.add_argument("--no-pss", action="store_true", help="poll RSS only (cheaper)")
    parser.add_argument(
        "--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds before a run is killed"
    )
    parser.add_argument("--json", action="store_true", help="end with one line of JSON")
    args = parser.parse_args(argv)
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    if args.quick:
        sizes = [QUICK_SIZE]
    print("$", shlex.join([sys.executable, *sys.argv]))
    data = ls.data_dir_or_exit(args.data)
    with tempfile.TemporaryDirectory(prefix="screen-bench-scale-") as temporary:
        workdir = (args.workdir or Path(temporary)).resolve()
        workdir.mkdir(parents=True, exist_ok=True)
        bench = Bench(args, sizes, (data / ls.LIST_FILE).resolve(), workdir)
        generate(bench, data)
        warm = warm_up(bench)
        if warm is None:
            return 1
        screen_all(bench)
        same, recalls = compare(bench)
        results, speedup = targets(bench, same)
    print("\n== Targets")
    for name, ok in results:
        print(f"{'SKIP' if ok is None else 'PASS' if ok else 'FAIL'}  {name}")
    if speedup:
        print(f"note: {screening_speedup(bench)}")
    other = max(run.other_cores for run in bench.runs)
    if other > OTHER_WORK_WARNING:
        print(f"note: other processes kept up to {other:.2f} cores busy: see the WARNING above")
    if args.json:
        record = {
            "sizes": sizes,
            "list": str(bench.list_path),
            "generated": bench.generated,
            "warm_up_seconds": [r.seconds for r in warm],
            "runs": [{**asdict(r), "rows_per_second": r.rows_per_second} for r in bench.runs],
            "speedup": speedup,
            "startup_seconds": bench.startup,
            "recall": recalls,
            "targets": [{"target": name, "ok": ok} for name, ok in results],
        }
        print(json.dumps(record))
    # A missed target is a result, not an error; a run that failed (exit code 2, killed) is.
    return 1 if any(r.exit_code not in (0, 1) for r in bench.runs) else 0


if __name__ == "__main__":
    sys.exit(main())
