"""Re-screening a large watched file after a list update, against a full screening of it.

Issue 18's scale figure: a watched file of many rows (1,000,000 in the issue), a list
update that adds 80 entries; `screen rescreen` screens the rows against those 80 entries
only (and judges the hits it knew again on the date), so it should take a small fraction
of screening the file against the whole list again. Both are measured here, in the same
run, on the same machine, through the library calls the CLI makes (`screen_file` for the
full screening, `screening.monitor.rescreen_file` for the re-screening), each with the
list and its index already in the on-disk cache.

The list is the real one: `derived/real_lists_csl.csv` of ../shared/data (~14,700 entries),
read in place. Its earlier version is that file without `--added` entries drawn at random
(seeded) among its companies, written to a temporary folder at run time. The supplier file
(`id,name,country`) is generated: real company names from the SEC's list of registrants
(`negatives/sec_company_tickers.json`) and recombinations of their words, about 1% names
of the earlier version's entries (hits known before the update), and one row each with the
name of the first `PLANTED` added entries (the hits the update brings).

    .venv/bin/python benchmarks/bench_rescreen.py                  # 100,000 rows, a few minutes
    .venv/bin/python benchmarks/bench_rescreen.py --rows 1000000   # the issue's figure

Steps: the first screening of the file against the earlier version (the watch's starting
point; timed, not compared), the full screening against the new version, then the
re-screening against the new version. It checks that the re-screening reports exactly the
full screening's hits on the added entries, and prints both times (wall, and CPU of the
process tree), their ratios, and PASS or FAIL against `TARGET_RATIO` (on CPU time).
Without the data folder it prints `skipped: ...` and exits 0. Options: `--rows`,
`--added`, `--jobs` (default 2: the development machine's cores), `--seed`, `--data DIR`,
`--workdir DIR` (keep the generated files), `--json` (a last line of JSON with every
number). Timings are indicative on a shared machine: the load average before and after
each step is printed.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import resource
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from screening.lists import load_list
from screening.match import ListMatcher
from screening.models import ListSnapshot
from screening.monitor import LastScreening, WatchSettings, rescreen_file
from screening.screen import screen_file

#: The re-screening should take at most this share of a full screening's work ("a small
#: fraction", issue 18), judged on the CPU time of the process tree, which what else runs on
#: a shared machine does not change (the wall time is printed beside it). A fifth leaves
#: room for what both must do: reading and normalising every row, some 14% of a full
#: screening's CPU time on the 1,000,000-row file.
TARGET_RATIO = 0.2
DEFAULT_ROWS = 100_000
DEFAULT_ADDED = 80
#: Added entries whose exact name is given to one supplier row each.
PLANTED = 10
#: Share of rows named after an entry of the earlier version (hits known before).
LISTED_SHARE = 0.01
AS_OF = date(2026, 1, 1)
DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
LIST_FILE = Path("derived") / "real_lists_csl.csv"
SEC_FILE = Path("negatives") / "sec_company_tickers.json"
COUNTRIES = ("", "", "", "US", "CN", "DE", "GB", "JP", "IN", "AE", "HK", "SG", "TR")
_WORD = re.compile(r"[^\W_]+")


def earlier_version(source: Path, target: Path, drop: set[str]) -> int:
    """Write `source` (a CSL CSV) to `target` without the entries whose `_id` is in `drop`;
    returns how many rows it left out."""
    left_out = 0
    with (
        source.open(encoding="utf-8", newline="") as read,
        target.open("w", encoding="utf-8", newline="") as write,
    ):
        rows = csv.reader(read)
        out = csv.writer(write, lineterminator="\n")
        out.writerow(next(rows))
        for row in rows:
            if row and row[0] in drop:
                left_out += 1
                continue
            out.writerow(row)
    return left_out


def supplier_names(data: Path, count: int, rng: random.Random) -> list[str]:
    """`count` company names: real SEC registrants, then recombinations of their words."""
    records = json.loads((data / SEC_FILE).read_text(encoding="utf-8"))
    real = list(dict.fromkeys(r["title"] for r in records.values()))
    names = rng.sample(real, min(count, len(real)))
    words = [w for w in (_WORD.findall(n) for n in real) if len(w) >= 2]
    seen = {n.casefold() for n in names}
    while len(names) < count:
        head, tail = rng.choice(words), rng.choice(words)
        cut_head, cut_tail = rng.randrange(1, len(head)), rng.randrange(1, len(tail))
        name = " ".join(head[:cut_head] + tail[cut_tail - 1 :])
        if name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


def write_suppliers(
    path: Path, rows: int, data: Path, old: ListSnapshot, planted: list[str], rng: random.Random
) -> None:
    listed = [e.name for e in old.entries if e.entity_type.lower() not in ("vessel", "aircraft")]
    known = rng.sample(listed, min(len(listed), round(rows * LISTED_SHARE)))
    names = supplier_names(data, rows - len(known) - len(planted), rng) + known + planted
    rng.shuffle(names)
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(["vendor_id", "name", "country"])
        for number, name in enumerate(names, start=1):
            out.writerow([f"V{number:07d}", name, rng.choice(COUNTRIES)])


def load() -> float:
    return os.getloadavg()[0]


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the worker processes, which
    end with each screening): what a step cost, whatever else the machine was doing."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(label: str, step):  # type: ignore[no-untyped-def]
    """Run `step`; print and return its value, wall seconds and CPU seconds."""
    before, started, cpu = load(), time.perf_counter(), cpu_seconds()
    value = step()
    seconds, used = time.perf_counter() - started, cpu_seconds() - cpu
    print(
        f"  {label}: {seconds:,.1f} s, CPU {used:,.1f} s "
        f"(load average {before:.1f} -> {load():.1f})",
        flush=True,
    )
    return value, seconds, used


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS)
    parser.add_argument("--added", type=int, default=DEFAULT_ADDED)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    source = args.data / LIST_FILE
    if not source.is_file() or not (args.data / SEC_FILE).is_file():
        print(f"skipped: {source} or {args.data / SEC_FILE} not found")
        return 0
    work = args.workdir or Path(tempfile.mkdtemp(prefix="bench-rescreen-"))
    work.mkdir(parents=True, exist_ok=True)
    cache = work / "cache"
    rng = random.Random(args.seed)

    print(f"Re-screening {args.rows:,} rows after an update adding {args.added} entries "
          f"(--jobs {args.jobs}, files in {work})")  # fmt: skip
    new = load_list(source, cache_dir=cache)
    companies = [e for e in new.entries if e.entity_type.lower() in ("entity", "")]
    added = rng.sample(companies, args.added)
    (work / "old").mkdir(exist_ok=True)
    old_path = work / "old" / source.name  # the same file name: one list, two versions
    left_out = earlier_version(source, old_path, {e.entry_id for e in added})
    old = load_list(old_path, cache_dir=cache)
    print(f"  list: {new.entry_count:,} entries; earlier version without {left_out} of them")
    suppliers = work / "suppliers.csv"
    planted = [e.name for e in added[:PLANTED]]
    timed(
        "supplier file generated (not counted)",
        lambda: write_suppliers(suppliers, args.rows, args.data, old, planted, rng),
    )
    for snapshot in (old, new):  # both indexes built once and cached, as after any run
        ListMatcher([snapshot], cache_dir=cache).prepare_batch()

    settings = WatchSettings()
    options = settings.screen_options(AS_OF, jobs=args.jobs, cache_dir=cache)
    first, first_s, _ = timed(
        "first screening, earlier version (the watch's start)",
        lambda: rescreen_file(suppliers, settings, [old], options, None),
    )
    last = LastScreening(screened_at=datetime.now(UTC), as_of=AS_OF,
                         input_sha256=first.input_sha256, rows=first.result.rows,
                         lists=first.lists, hits=first.hits, prints=first.prints)  # fmt: skip
    full, full_s, full_cpu = timed(
        "full screening, new version", lambda: screen_file(suppliers, [new], options)[0]
    )
    again, again_s, again_cpu = timed(
        "re-screening, new version",
        lambda: rescreen_file(suppliers, settings, [new], options, last),
    )

    ids = {e.entry_id for e in added}
    expected = {(f.match.supplier.row, f.match.entry.entry_id) for f in full.findings
                if f.match.entry.entry_id in ids}  # fmt: skip
    reported = {(n.finding.match.supplier.row, n.finding.match.entry.entry_id)
                for n in again.changes}  # fmt: skip
    ratio, cpu_ratio = again_s / full_s, again_cpu / full_cpu
    same = reported == expected
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  hits: full screening {len(full.findings):,}, known before {len(first.hits):,}; "
          f"re-screening reported {len(again.changes)} new "
          f"({len(expected)} expected on the added entries), screened against "
          f"{again.entries_screened} entries")  # fmt: skip
    print(
        f"  full {full_s:,.1f} s ({args.rows / full_s:,.0f} rows/s, CPU {full_cpu:,.1f} s), "
        f"re-screening {again_s:,.1f} s ({args.rows / again_s:,.0f} rows/s, CPU "
        f"{again_cpu:,.1f} s): ratio {ratio:.3f} of the time, {cpu_ratio:.3f} of the CPU; "
        f"peak RSS of this process {peak:,.0f} MiB"
    )
    print(f"{'PASS' if same else 'FAIL'}: the re-screening reports exactly the full "
          "screening's hits on the added entries")  # fmt: skip
    print(
        f"{'PASS' if cpu_ratio <= TARGET_RATIO else 'FAIL'}: re-screening at most "
        f"{TARGET_RATIO:.0%} of a full screening's CPU time ({cpu_ratio:.1%}; wall time "
        f"{ratio:.1%})"
    )
    if args.json:
        print(json.dumps({
            "rows": args.rows, "added": args.added, "jobs": args.jobs, "entries": new.entry_count,
            "first_seconds": first_s, "full_seconds": full_s, "rescreen_seconds": again_s,
            "ratio": ratio, "full_cpu_seconds": full_cpu, "rescreen_cpu_seconds": again_cpu,
            "cpu_ratio": cpu_ratio, "same_hits": same, "new_findings": len(again.changes),
            "expected": len(expected), "peak_rss_mib": peak,
        }))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
