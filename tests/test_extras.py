"""Optional dependencies (screening.extras): without pyarrow, every Parquet path stops with
one line naming the `parquet` extra; the rest of the tool works without it.

pyarrow is installed for the tests, so its absence is simulated in a child interpreter:
`sys.modules["pyarrow"] = None` makes every `import pyarrow...` fail as if not installed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from screening.errors import ConfigError, InputFileError
from screening.extras import import_optional, install_hint

REPO = Path(__file__).resolve().parents[1]
SUPPLIERS = REPO / "fixtures" / "suppliers.csv"
HINT = "pip install pyarrow (in a checkout of screening: pip install '.[parquet]')"

#: Run first in the child: pyarrow cannot be imported.
WITHOUT_PYARROW = "import sys\nsys.modules['pyarrow'] = None\n"


def _child(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "cli")]),
        "SCREEN_DATA_DIR": str(tmp_path / "data"),
        "SCREEN_LIST": "sample",
        "COLUMNS": "200",
        "NO_COLOR": "1",
    }
    script = WITHOUT_PYARROW + textwrap.dedent(code)
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=tmp_path
    )


def _screen(tmp_path: Path, *args: object) -> subprocess.CompletedProcess[str]:
    argv = ["screen", *(str(a) for a in args)]
    return _child(f"sys.argv = {argv!r}\nfrom screening_cli.app import main\nmain()", tmp_path)


def _one_line(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 2, (done.returncode, done.stdout, done.stderr)
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr
    return lines[0]


def _write_parquet(path: Path, columns: dict[str, list[str]]) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table(columns), path)
    return path


def test_a_parquet_supplier_file_names_the_extra(tmp_path: Path) -> None:
    path = _write_parquet(tmp_path / "vendors.parquet", {"name": ["Huawei Technologies"]})
    line = _one_line(_screen(tmp_path, path))
    assert line == (
        f"error: {path} is a Parquet file: reading it needs pyarrow, which is not installed: {HINT}"
    )


def test_format_parquet_is_refused_before_screening(tmp_path: Path) -> None:
    output = tmp_path / "hits.parquet"
    done = _screen(tmp_path, SUPPLIERS, "--format", "parquet", "--output", output)
    message = f"error: --format parquet needs pyarrow, which is not installed: {HINT}"
    assert _one_line(done) == message
    assert not output.exists()
    assert list(tmp_path.iterdir()) == []  # nor a temporary file, nor an audit database
    done = _screen(tmp_path, "lookup", "Huawei", "--format", "parquet", "--output", output)
    assert "--format parquet needs pyarrow" in _one_line(done)
    # Checked before the input is even opened: not after a long run.
    done = _screen(tmp_path, tmp_path / "absent.csv", "--format", "parquet", "--output", output)
    assert "--format parquet needs pyarrow" in _one_line(done)


def test_a_parquet_ownership_file_names_the_extra(tmp_path: Path) -> None:
    path = _write_parquet(
        tmp_path / "owners.parquet", {"owned": ["A Co"], "owner": ["Huawei"], "percent": ["60"]}
    )
    line = _one_line(_screen(tmp_path, SUPPLIERS, "--ownership", path))
    assert f"{path} is a Parquet file: reading it needs pyarrow" in line
    assert line.endswith(HINT)


def test_csv_and_the_other_formats_work_without_pyarrow(tmp_path: Path) -> None:
    done = _screen(tmp_path, SUPPLIERS, "--format", "json", "--as-of", "2026-01-01")
    assert done.returncode == 1, done.stderr  # the sample suppliers hold listed parties
    assert '"matches"' in done.stdout


def test_the_library_says_it_too(tmp_path: Path) -> None:
    done = _child(
        """
        from datetime import date
        import screening
        from screening.report.parquet import render_parquet
        result = screening.lookup("Huawei", screening.load_lists([]),
                                  screening.ScreenOptions(as_of=date(2026, 1, 1)))
        try:
            render_parquet(result)
        except screening.ConfigError as exc:
            print(exc)
        print(len(result.to_pandas()))  # the DataFrame needs no pyarrow
        """,
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"--format parquet needs pyarrow, which is not installed: {HINT}"
    assert int(lines[1]) >= 1


def test_the_dask_engine_checks_before_starting_a_cluster(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "part.csv").write_text("name\nHuawei\n", encoding="utf-8")
    done = _child(
        """
        from datetime import date
        from pathlib import Path
        import screening
        from screening.engines.dask import screen_dataset
        try:
            screen_dataset(Path("in"), Path("out"), screening.load_lists([]),
                           screening.ScreenOptions(as_of=date(2026, 1, 1)))
        except screening.ConfigError as exc:
            print(exc)
        """,
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (
        "--engine dask with Parquet results (the default; --format csv writes CSV) needs "
        f"pyarrow, which is not installed: {HINT}"
    )
    assert not (tmp_path / "out").exists()


def test_import_optional_names_the_extra_only_for_the_missing_package(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        import_optional("no_such_package_here.sub", "parquet", "--thing")
    assert str(caught.value) == (
        f"--thing needs no_such_package_here, which is not installed: {install_hint('parquet')}"
    )
    with pytest.raises(InputFileError):
        import_optional("no_such_package_here", "parquet", "a.parquet", InputFileError)
    # An installed package that fails to import for a reason of its own keeps its error.
    (tmp_path / "broken_pkg_for_test").mkdir()
    (tmp_path / "broken_pkg_for_test" / "__init__.py").write_text("import missing_dep_xyz\n")
    sys.path.insert(0, str(tmp_path))
    try:
        with pytest.raises(ModuleNotFoundError, match="missing_dep_xyz"):
            import_optional("broken_pkg_for_test", "parquet", "--thing")
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("broken_pkg_for_test", None)
