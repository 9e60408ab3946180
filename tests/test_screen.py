"""The pipeline: screening in several processes gives exactly the one-process result; rows
that cannot be screened are reported with the reason; a very long name is cut, with a
warning naming its row."""

from __future__ import annotations

import random
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from screening.defaults import CHUNK_ROWS
from screening.engines.local import PARALLEL_CHUNK
from screening.errors import ConfigError
from screening.inputs import read_suppliers
from screening.lists import load_list
from screening.match import MAX_SCORED_WORDS, NO_LETTERS, ONLY_LEGAL_FORMS, ListMatcher
from screening.models import EMPTY_NAME, Supplier
from screening.options import ScreenOptions
from screening.screen import lookup, screen_suppliers

SUPPLIERS = Path(__file__).resolve().parents[1] / "fixtures" / "suppliers.csv"
AS_OF = date(2025, 3, 26)
#: A name of many words, as the one that took 87 s of CPU against the real lists.
LONG_NAME_WORDS = 15_000


@pytest.fixture(scope="module")
def many_suppliers():
    """The sample suppliers over and over, renumbered: more rows than one parallel task;
    a few rows in later tasks have names that cannot be screened or are very long."""
    base, _ = read_suppliers(SUPPLIERS)
    rows = []
    while len(rows) <= CHUNK_ROWS + 2 * PARALLEL_CHUNK:  # two chunks, several tasks each
        rows.extend(base)
    odd = {1_234: "---", 2_345: "Co., Ltd.", 3_456: "Huawei " * 200, CHUNK_ROWS + 1_500: "()"}
    return [Supplier(row=i, name=odd.get(i, s.name), country=s.country, input_id=s.input_id)
            for i, s in enumerate(rows, start=1)]  # fmt: skip


def test_two_processes_give_the_one_process_result(many_suppliers, sample_list):
    seen: list[tuple[int, int]] = []
    serial = screen_suppliers(many_suppliers, [sample_list], ScreenOptions(as_of=AS_OF))
    parallel = screen_suppliers(
        many_suppliers,
        [sample_list],
        ScreenOptions(as_of=AS_OF, jobs=2),
        progress=lambda done, total: seen.append((done, total)),
    )
    assert parallel.findings == serial.findings
    assert parallel.skipped == serial.skipped
    assert parallel.skipped_rows == serial.skipped_rows
    assert parallel.warnings == serial.warnings
    reasons = {s.row: why for s, why in parallel.skipped_rows}
    assert (reasons[1_234], reasons[2_345], reasons[CHUNK_ROWS + 1_500]) == (
        NO_LETTERS,
        ONLY_LEGAL_FORMS,
        NO_LETTERS,
    )
    assert [w.split(":")[0] for w in parallel.warnings] == ["row 3456"]
    assert len(serial.findings) > len(many_suppliers) // 2  # the sample holds many hits
    assert seen[-1] == (len(many_suppliers), len(many_suppliers))
    assert len(seen) == -(-len(many_suppliers) // CHUNK_ROWS)  # once per chunk


def test_jobs_must_be_positive(sample_list):
    base, _ = read_suppliers(SUPPLIERS)
    with pytest.raises(ConfigError, match="--jobs"):
        screen_suppliers(base, [sample_list], ScreenOptions(as_of=AS_OF, jobs=0))


def test_names_with_nothing_to_compare_are_skipped_with_the_reason(sample_list):
    names = ["Huawei Technologies Co Ltd", "---", "Ltd.", "", "The Company", "有限公司", "()",
             "Inspur Group"]  # fmt: skip
    suppliers = [Supplier(row=i, name=n) for i, n in enumerate(names, start=1)]
    result = screen_suppliers(suppliers, [sample_list], ScreenOptions(as_of=AS_OF, show_from=0.0))
    assert [(s.row, why) for s, why in result.skipped_rows] == [
        (2, NO_LETTERS),
        (3, ONLY_LEGAL_FORMS),
        (4, EMPTY_NAME),
        (5, ONLY_LEGAL_FORMS),
        (6, ONLY_LEGAL_FORMS),
        (7, NO_LETTERS),
    ]
    assert result.rows == len(names)  # counted, never dropped
    assert {f.match.supplier.row for f in result.findings} <= {1, 8}
    assert {1, 8} <= {f.match.supplier.row for f in result.findings}
    one = lookup("Co., Ltd.", [sample_list], ScreenOptions(as_of=AS_OF, show_from=0.0))
    assert (one.findings, one.skipped_rows) == ((), ((Supplier(row=1, name="Co., Ltd."),
                                                     ONLY_LEGAL_FORMS),))  # fmt: skip


def test_a_result_without_reasons_skipped_its_rows_for_an_empty_name(sample_list):
    result = screen_suppliers([Supplier(row=1, name="")], [sample_list], ScreenOptions(as_of=AS_OF))
    older = replace(result, skip_reasons=())  # as made by hand or by earlier versions
    assert older.skipped_rows == result.skipped_rows == ((Supplier(row=1, name=""), EMPTY_NAME),)


def test_a_long_name_gets_a_warning_naming_its_row(sample_list):
    suppliers = [Supplier(row=1, name="Huawei Technologies"),
                 Supplier(row=2, name=" ".join(["Huawei"] * 100), input_id="V2")]  # fmt: skip
    result = screen_suppliers(suppliers, [sample_list], ScreenOptions(as_of=AS_OF))
    assert result.warnings == (
        f"row 2: the name has 100 words; only its first {MAX_SCORED_WORDS} were compared "
        "with the lists",
    )
    assert {f.match.supplier.row for f in result.findings} == {1, 2}  # still screened


@pytest.fixture(scope="module")
def real_list(shared_data: Path):
    return load_list(shared_data / "derived" / "real_lists_csl.csv")


@pytest.mark.slow
def test_a_name_of_15000_words_is_screened_in_well_under_a_second(real_list, tmp_path):
    words = sorted({w for e in real_list.entries for n in e.names for w in n.split()
                    if w.isascii()})  # fmt: skip
    rng = random.Random(15_000)
    name = " ".join(rng.choice(words) for _ in range(LONG_NAME_WORDS))
    suppliers = [Supplier(row=1, name="Acme Tools"), Supplier(row=2, name=name)]
    # As a lookup or a small file meets it: a fresh index, its look-up tables not built.
    matcher = ListMatcher([real_list], cache_dir=tmp_path)
    started = time.process_time()
    result = screen_suppliers(suppliers, [real_list], ScreenOptions(as_of=AS_OF), matcher=matcher)
    spent = time.process_time() - started
    assert spent < 1.0, f"{spent:.1f} s of CPU for one long name"
    (warning,) = result.warnings
    assert warning.startswith("row 2: the name has ") and str(MAX_SCORED_WORDS) in warning
