"""Coverage-guided fuzzing of the supplier-file readers with atheris (not run by pytest).

The property tests (tests/test_fuzz_inputs.py) draw a few hundred inputs the same way on
every run; this harness searches for as long as it is given, steered by code coverage.
Any input must give rows or a ScreeningError whose message prints on one line; anything
else (another exception, a message over several lines) stops the run and saves the input.

    pip install atheris
    python tests/fuzz/fuzz_inputs.py --seed tests/fuzz/corpus      # write starting inputs
    python tests/fuzz/fuzz_inputs.py tests/fuzz/corpus -max_total_time=600 \\
        -rss_limit_mb=2048 -timeout=10

The first byte of an input chooses the file name the bytes are read as (.csv, .tsv, .xlsx,
.parquet); XLSX and Parquet are recognised by content, the name only chooses TSV. A found
input replays with `python tests/fuzz/fuzz_inputs.py crash-<hash>`.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from screening.errors import ScreeningError
    from screening.inputs import read_suppliers
    from screening.options import ReadOptions
    from screening.workbook import MAX_CELL_CHARS  # noqa: F401  (instrumented with the rest)

NAMES = ("s.csv", "s.tsv", "s.xlsx", "s.parquet")
#: Rows per sheet for a run: well under the default, so a long sheet costs little.
MAX_ROWS = 10_000


def one_input(data: bytes) -> None:
    """Read one input; raise unless it gave rows or a one-line ScreeningError."""
    if not data:
        return
    name = NAMES[data[0] % len(NAMES)]
    try:
        read_suppliers(Path(name), ReadOptions(max_rows=MAX_ROWS), data=data[1:])
    except ScreeningError as error:
        message = str(error)
        if not message or not message.isprintable():
            raise AssertionError(f"message not on one printable line: {message!r}") from error


def seed(folder: Path) -> None:
    """Write a valid file of each format into `folder`, to start the search from."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from workbooks import xlsx_rows

    folder.mkdir(parents=True, exist_ok=True)
    rows = [["id", "name", "country"], ["V1", "Huawei Technologies", "CN"], ["V2", "Acme", "US"]]
    text = "\n".join(",".join(r) for r in rows) + "\n"
    samples = {
        "csv": bytes([0]) + text.encode(),
        "tsv": bytes([1]) + text.replace(",", "\t").encode("utf-16"),
        "xlsx": bytes([2]) + xlsx_rows(rows, method=zipfile.ZIP_STORED),
    }
    try:
        import pyarrow as pa
        from pyarrow import parquet

        buffer = io.BytesIO()
        table = pa.table({h: [r[i] for r in rows[1:]] for i, h in enumerate(rows[0])})
        parquet.write_table(table, buffer, compression="NONE")
        samples["parquet"] = bytes([3]) + buffer.getvalue()
    except ImportError:
        pass
    for kind, data in samples.items():
        (folder / f"seed-{kind}").write_bytes(data)


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--seed":
        seed(Path(sys.argv[2]))
        return
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
