"""Restricted-party screening: check names against export-control and sanctions lists.

An aid to compliance review, not a legal determination. Typical use::

    from datetime import date
    from pathlib import Path
    from screening import load_lists, lookup, screen_file

    lists = load_lists([Path("consolidated.csv")])
    result, _ = screen_file(Path("suppliers.csv"), lists, as_of=date.today())
    for finding in result.findings:
        print(finding.match.supplier.name, finding.match.entry.name, finding.status)
"""

from screening.errors import ConfigError, InputFileError, ListDataError, ScreeningError
from screening.gate import fails_gate, result_failures
from screening.lists import BUNDLED_SAMPLE_NOTE, load_bundled_sample, load_list
from screening.match import DEFAULT_THRESHOLD, ListMatcher, score_pair
from screening.models import (
    EntryStatus,
    FailOn,
    Finding,
    ListEntry,
    ListSnapshot,
    Match,
    ScreeningResult,
    Supplier,
)
from screening.normalize import normalize_name
from screening.screen import load_lists, lookup, screen_file, screen_suppliers
from screening.status import entry_status

__all__ = [
    "BUNDLED_SAMPLE_NOTE",
    "DEFAULT_THRESHOLD",
    "ConfigError",
    "EntryStatus",
    "FailOn",
    "Finding",
    "InputFileError",
    "ListDataError",
    "ListEntry",
    "ListMatcher",
    "ListSnapshot",
    "Match",
    "ScreeningError",
    "ScreeningResult",
    "Supplier",
    "entry_status",
    "fails_gate",
    "load_bundled_sample",
    "load_list",
    "load_lists",
    "lookup",
    "normalize_name",
    "result_failures",
    "score_pair",
    "screen_file",
    "screen_suppliers",
]
