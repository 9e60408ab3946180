"""What installing `screening` costs: disk space, and the start-up time of `screen`.

    python benchmarks/bench_install.py [--baseline-ref GITREV] [--runs 7] [--extras parquet,...]

Measured in one run, for this tree and (with `--baseline-ref`) for another revision, each
installed as a user would install it (`python -m venv`, then `pip install <tree>[extra]`,
not editable) in a fresh virtual environment of its own:

- the size of the environment's site-packages (`du -sk`) with the base install and with
  each extra, less the site-packages of an empty environment (pip and setuptools), and
  the largest distributions of the base install;
- the wall-clock time of the whole `screen --help` process (the imports it needs), median of
  `--runs` runs after one to warm the file cache;
- the same for a warm one-name `screen lookup NAME --format json` against the bundled
  sample (no lists installed): a first run fills the on-disk cache of parsed lists, the
  timed runs find it filled.

The trees' runs alternate (one of each, then again), so that a busy machine slows them alike.

The baseline is checked out with `git worktree add --detach` in a temporary folder (removed
at the end) and installed the same way; each figure is printed with its ratio to the
baseline's. An extra the baseline does not have is compared with the baseline's base
install, which then held what the extra holds now (pyarrow was a base dependency).

Installs packages from PyPI (or the index pip is set up with); needs no other network.
Each environment takes a minute or two to install: about 10 minutes for the default
extras with a baseline. Timings on a shared machine are indicative only. A benchmark, not
a test: nothing is asserted, the exit code is 0 unless an install or a command fails.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: The extras a user installs to use the tool (the `test` and `fuzz` extras are for
#: developing it).
DEFAULT_EXTRAS = ("parquet", "postgres", "dask")
#: Timed runs of each command; the median is printed.
DEFAULT_RUNS = 7
#: The name looked up: an exact listed name of the bundled sample.
LOOKUP_NAME = "Huawei Technologies Co., Ltd."
#: A fixed date, so every run of the lookup does the same work.
AS_OF = "2026-01-01"
#: Distributions listed per base install, largest first.
LARGEST = 10
MIB = 1024 * 1024

#: Sizes of every installed distribution, printed as JSON by the environment's Python.
_SIZES = """
import json, importlib.metadata as md
sizes = {}
for dist in md.distributions():
    total = 0
    for file in dist.files or ():
        try:
            total += file.locate().stat().st_size
        except OSError:
            pass
    sizes[dist.metadata["Name"]] = total
print(json.dumps(sizes))
"""


@dataclass
class Install:
    """One tree installed with one extra (or none) in an environment of its own."""

    label: str
    extra: str | None
    kib: int = 0  # site-packages, less an empty environment's
    note: str = ""
    python: Path | None = None
    largest: list[tuple[str, int]] = field(default_factory=list)


@dataclass(frozen=True)
class Empty:
    """An environment before anything is installed: pip (and setuptools) only."""

    kib: int
    distributions: frozenset[str]


@dataclass
class Tree:
    """A source tree to install (this one, or the baseline's worktree) and its figures."""

    name: str
    path: Path
    extras: frozenset[str]
    installs: dict[str | None, Install] = field(default_factory=dict)
    help_seconds: float = 0.0
    help_modules: int = 0
    lookup_modules: int = 0
    lookup_seconds: float = 0.0
    lookup_summary: str = ""


def run(command: Sequence[str | Path]) -> subprocess.CompletedProcess[str]:
    """Run a command; stop with its error output when it fails."""
    words = [str(c) for c in command]
    done = subprocess.run(words, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {shlex.join(words)}\n{done.stderr[-3000:]}")
    return done


def du_kib(path: Path) -> int:
    """Disk usage of a folder in KiB, as `du -sk` reports it."""
    return int(run(["du", "-sk", path]).stdout.split()[0])


def new_venv(folder: Path, python: str) -> tuple[Path, Path]:
    """A fresh virtual environment: its Python and its site-packages folder."""
    run([python, "-m", "venv", folder])
    venv_python = folder / "bin" / "python"
    purelib = run([venv_python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"])
    return venv_python, Path(purelib.stdout.strip())


def declared_extras(tree: Path) -> frozenset[str]:
    """The extras a tree's pyproject.toml declares."""
    project = tomllib.loads((tree / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return frozenset(project.get("optional-dependencies", {}))


def distribution_sizes(python: Path) -> dict[str, int]:
    """Bytes of every distribution installed in the environment of `python`."""
    sizes: dict[str, int] = json.loads(run([python, "-c", _SIZES]).stdout)
    return sizes


def install(tree: Tree, extra: str | None, work: Path, python: str, empty: Empty) -> Install:
    """Install `tree` (with `extra`) in a new environment under `work` and measure it."""
    label = f"{tree.name}[{extra}]" if extra else tree.name
    if extra is not None and extra not in tree.extras:
        base = tree.installs[None]
        return Install(label, extra, base.kib, note="no such extra: its base install")
    folder = work / f"venv-{tree.name}-{extra or 'base'}"
    venv_python, site = new_venv(folder, python)
    spec = f"{tree.path}[{extra}]" if extra else str(tree.path)
    print(f"  installing {label} ...", flush=True, file=sys.stderr)
    start = time.perf_counter()
    run([venv_python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", spec])
    print(f"  ... {time.perf_counter() - start:.0f} s", flush=True, file=sys.stderr)
    sizes = distribution_sizes(venv_python)
    mine = [(name, size) for name, size in sizes.items() if name not in empty.distributions]
    largest = sorted(mine, key=lambda kv: -kv[1])[:LARGEST]
    return Install(label, extra, du_kib(site) - empty.kib, python=venv_python, largest=largest)


def clean_env(home: Path) -> dict[str, str]:
    """The environment `screen` runs in: the installed package only (no PYTHONPATH), and
    its data, cache and audit database in a folder of this run (no lists installed, so
    the default list is the bundled sample)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SCREEN_", "PYTHON"))}
    env.update(
        HOME=str(home),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_DATA_HOME=str(home / "data"),
        SCREEN_DATA_DIR=str(home / "screen-data"),
        SCREEN_CACHE_DIR=str(home / "screen-cache"),
        COLUMNS="80",
        NO_COLOR="1",
    )
    return env


def timed(
    command: Sequence[str], env: dict[str, str], cwd: Path, codes: Sequence[int]
) -> tuple[float, str]:
    """Wall-clock seconds of one whole run of `command`, and its standard output; a run
    exiting with a code not in `codes` stops the benchmark."""
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd)
    elapsed = time.perf_counter() - start
    if done.returncode not in codes:
        sys.exit(f"{shlex.join(command)} exited {done.returncode}:\n{done.stderr[-2000:]}")
    return elapsed, done.stdout


def time_commands(trees: Sequence[Tree], work: Path, runs: int) -> None:
    """Time `screen --help` and a warm `screen lookup` of each tree's base install: one
    untimed run of each (it warms the file cache, and the lookup fills the list cache),
    then `runs` rounds, each running every tree in turn, so that the load of a shared
    machine falls on all of them alike; the median of each is kept."""
    commands = []
    for tree in trees:
        python = tree.installs[None].python
        assert python is not None
        screen = str(python.parent / "screen")
        home = work / f"home-{tree.name}"
        home.mkdir()
        lookup = [screen, "lookup", LOOKUP_NAME, "--as-of", AS_OF, "--format", "json"]
        commands.append(([screen, "--help"], lookup, clean_env(home), home))
    helps: list[list[float]] = [[] for _ in trees]
    lookups: list[list[float]] = [[] for _ in trees]
    outputs = [""] * len(trees)
    for attempt in range(runs + 1):
        for number, (help_command, lookup, env, home) in enumerate(commands):
            seconds, _ = timed(help_command, env, home, (0,))
            # Exit 1: the name matches a listing in force, which fails the gate.
            more, outputs[number] = timed(lookup, env, home, (0, 1))
            if attempt:
                helps[number].append(seconds)
                lookups[number].append(more)
    for number, tree in enumerate(trees):
        tree.help_seconds = statistics.median(helps[number])
        tree.lookup_seconds = statistics.median(lookups[number])
        tree.lookup_summary = _summary(outputs[number])
        python = tree.installs[None].python
        assert python is not None
        help_command, lookup, env, home = commands[number]
        tree.help_modules = modules_imported(python, help_command, env, home)
        tree.lookup_modules = modules_imported(python, lookup, env, home)


def modules_imported(python: Path, command: Sequence[str], env: dict[str, str], cwd: Path) -> int:
    """How many modules a run of the `screen` script `command` imports (`-X importtime`
    writes a line for each): a count that a busy machine does not blur, as it does times."""
    done = subprocess.run(
        [str(python), "-X", "importtime", *command],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
    )
    return sum(line.startswith("import time:") for line in done.stderr.splitlines()) - 1


def _summary(stdout: str) -> str:
    """What a lookup's JSON report found, to show the runs did the same work."""
    try:
        report = json.loads(stdout)
        top = report["matches"][0]
        return f"{len(report['matches'])} match(es), top {top['entry_id']} {top['score']}"
    except (ValueError, KeyError, IndexError):
        return "unreadable report: " + stdout[:200]


def ratio(value: float, baseline: float | None) -> str:
    if baseline is None:
        return ""
    if baseline == 0:
        return "n/a"
    return f"{value / baseline:.2f}x"


def report(current: Tree, baseline: Tree | None, extras: Sequence[str], runs: int) -> None:
    """Print every figure beside the baseline's, with the ratio."""
    width = 34
    head = f"{'':{width}} {'this tree':>14}"
    if baseline is not None:
        head += f" {'baseline ' + baseline.name:>22} {'ratio':>7}"
    print(head)

    def shown(value: float) -> str:
        return f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"

    def line(what: str, value: float, base: float | None, unit: str, note: str = "") -> None:
        text = f"{what:{width}} {shown(value):>10} {unit:<3}"
        if base is not None:
            text += f" {shown(base):>18} {unit:<3} {ratio(value, base):>7}"
        print(text + (f"  ({note})" if note else ""))

    for extra in (None, *extras):
        mine = current.installs[extra]
        theirs = baseline.installs.get(extra) if baseline is not None else None
        what = f"installed, [{extra}]" if extra else "installed, base"
        note = f"baseline: {theirs.note}" if theirs is not None and theirs.note else mine.note
        line(what, mine.kib / 1024, theirs.kib / 1024 if theirs else None, "MiB", note)
    for what, attr in ((f"screen --help, median of {runs}", "help_seconds"),
                       (f"screen lookup (warm), median of {runs}", "lookup_seconds")):  # fmt: skip
        base = getattr(baseline, attr) * 1000 if baseline is not None else None
        line(what, getattr(current, attr) * 1000, base, "ms")
    for what, attr in (("modules imported by --help", "help_modules"),
                       ("modules imported by the lookup", "lookup_modules")):  # fmt: skip
        line(what, getattr(current, attr), getattr(baseline, attr, None), "")
    for tree in (current, baseline):
        if tree is None:
            continue
        print(f"\nlookup of {tree.name}: {tree.lookup_summary}")
        print(f"largest distributions of the base install of {tree.name} (MiB):")
        for name, size in tree.installs[None].largest:
            print(f"  {name:<28} {size / MIB:8.1f}")


def git(*args: str) -> str:
    return run(["git", "-C", REPO, *args]).stdout.strip()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline-ref", help="a git revision to compare with (e.g. a commit)")
    parser.add_argument("--runs", type=int, default=DEFAULT_RUNS, help="timed runs per command")
    parser.add_argument("--extras", default=",".join(DEFAULT_EXTRAS),
                        help="extras to install one at a time (comma-separated)")  # fmt: skip
    parser.add_argument("--python", default=sys.executable, help="the Python the venvs use")
    parser.add_argument("--keep", type=Path, help="make the environments in this new folder, "
                        "and leave them there (default: a temporary folder, removed)")  # fmt: skip
    args = parser.parse_args(argv)
    extras = [e for e in args.extras.split(",") if e]
    with tempfile.TemporaryDirectory(prefix="screen-bench-install-") as scratch:
        work = Path(scratch) if args.keep is None else args.keep
        work.mkdir(parents=True, exist_ok=True)
        empty_python, empty_site = new_venv(work / "venv-empty", args.python)
        empty = Empty(du_kib(empty_site), frozenset(distribution_sizes(empty_python)))
        print(f"empty environment's site-packages: {empty.kib / 1024:.1f} MiB (subtracted below)")
        # This tree as it is on disk: its commit, marked "+" when files differ from it.
        changed = git("status", "--porcelain", "--untracked-files=no")
        name = git("rev-parse", "--short", "HEAD") + ("+" if changed else "")
        current = Tree(name, REPO, declared_extras(REPO))
        trees = [current]
        baseline = None
        checkout = work / "baseline"
        if args.baseline_ref:
            rev = git("rev-parse", "--short", args.baseline_ref)
            git("worktree", "add", "--detach", str(checkout), rev)
            baseline = Tree(rev, checkout, declared_extras(checkout))
            trees.append(baseline)
        try:
            for tree in trees:
                print(f"{tree.name}: {tree.path}", file=sys.stderr)
                for extra in (None, *extras):
                    tree.installs[extra] = install(tree, extra, work, args.python, empty)
            print("timing ...", file=sys.stderr)
            time_commands(trees, work, args.runs)
        finally:
            if baseline is not None:
                git("worktree", "remove", "--force", str(checkout))
        print(f"python {args.python}; sizes: du -sk of site-packages; times: whole process\n")
        report(current, baseline, extras, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
