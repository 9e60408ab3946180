"""The pipeline: screening in several processes gives exactly the one-process result."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from screening.errors import ConfigError
from screening.inputs import CHUNK_ROWS, read_suppliers
from screening.screen import PARALLEL_CHUNK, screen_suppliers

SUPPLIERS = Path(__file__).resolve().parents[1] / "fixtures" / "suppliers.csv"


@pytest.fixture(scope="module")
def many_suppliers():
    """The sample suppliers over and over, renumbered: more rows than one parallel task."""
    base, _ = read_suppliers(SUPPLIERS)
    rows = []
    while len(rows) <= CHUNK_ROWS + 2 * PARALLEL_CHUNK:  # two chunks, several tasks each
        rows.extend(base)
    return [type(s)(row=i, name=s.name, country=s.country, input_id=s.input_id)
            for i, s in enumerate(rows, start=1)]  # fmt: skip


def test_two_processes_give_the_one_process_result(many_suppliers, sample_list):
    seen: list[tuple[int, int]] = []
    serial = screen_suppliers(many_suppliers, [sample_list], as_of=date(2025, 3, 26))
    parallel = screen_suppliers(
        many_suppliers,
        [sample_list],
        as_of=date(2025, 3, 26),
        jobs=2,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert parallel.findings == serial.findings
    assert parallel.skipped == serial.skipped
    assert len(serial.findings) > len(many_suppliers) // 2  # the sample holds many hits
    assert seen[-1] == (len(many_suppliers), len(many_suppliers))
    assert len(seen) == -(-len(many_suppliers) // CHUNK_ROWS)  # once per chunk


def test_jobs_must_be_positive(sample_list):
    base, _ = read_suppliers(SUPPLIERS)
    with pytest.raises(ConfigError, match="--jobs"):
        screen_suppliers(base, [sample_list], as_of=date(2025, 3, 26), jobs=0)
