"""Restricted-party screening: check names against export-control and sanctions lists.

An aid to compliance review, not a legal determination. Typical use::

    from datetime import date
    from pathlib import Path
    from screening import ScreenOptions, load_lists, screen_file

    lists = load_lists([Path("consolidated.csv")])
    result, _ = screen_file(Path("suppliers.csv"), lists, ScreenOptions(as_of=date.today()))
    for finding in result.findings:
        print(finding.match.supplier.name, finding.match.entry.name, finding.status)

The names below are loaded when first used (PEP 562), not when the package is imported:
`import screening.errors` or `import screening.defaults` (which `screen --help` needs)
then costs a few milliseconds, where the whole pipeline (the list readers, the matcher,
rapidfuzz: over 200 modules) takes more than a tenth of a second.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # what type checkers and editors see; at run time, `__getattr__` below
    from screening.compare import score_names
    from screening.defaults import DEFAULT_THRESHOLD
    from screening.errors import ConfigError, InputFileError, ListDataError, ScreeningError
    from screening.frame import frame_suppliers, screen_frame
    from screening.gate import fails_gate, result_failures
    from screening.lists import BUNDLED_SAMPLE_NOTE, load_bundled_sample, load_list
    from screening.match import ListMatcher
    from screening.models import (
        EntryStatus,
        FailOn,
        Finding,
        Gate,
        ListEntry,
        ListSnapshot,
        Match,
        ScreeningResult,
        Supplier,
    )
    from screening.normalize import normalize_name
    from screening.options import ReadOptions, ReviewFiles, ScreenOptions
    from screening.screen import load_lists, lookup, screen_file, screen_suppliers
    from screening.status import entry_status

#: Where each public name (`__all__`, spelled out for type checkers) is defined: imported
#: from there on first use.
_SOURCES: dict[str, str] = {
    "BUNDLED_SAMPLE_NOTE": "screening.lists",
    "DEFAULT_THRESHOLD": "screening.defaults",
    "ConfigError": "screening.errors",
    "EntryStatus": "screening.models",
    "FailOn": "screening.models",
    "Finding": "screening.models",
    "Gate": "screening.models",
    "InputFileError": "screening.errors",
    "ListDataError": "screening.errors",
    "ListEntry": "screening.models",
    "ListMatcher": "screening.match",
    "ListSnapshot": "screening.models",
    "Match": "screening.models",
    "ReadOptions": "screening.options",
    "ReviewFiles": "screening.options",
    "ScreenOptions": "screening.options",
    "ScreeningError": "screening.errors",
    "ScreeningResult": "screening.models",
    "Supplier": "screening.models",
    "entry_status": "screening.status",
    "fails_gate": "screening.gate",
    "frame_suppliers": "screening.frame",
    "load_bundled_sample": "screening.lists",
    "load_list": "screening.lists",
    "load_lists": "screening.screen",
    "lookup": "screening.screen",
    "normalize_name": "screening.normalize",
    "result_failures": "screening.gate",
    "score_names": "screening.compare",
    "screen_file": "screening.screen",
    "screen_frame": "screening.frame",
    "screen_suppliers": "screening.screen",
}

__all__ = [
    "BUNDLED_SAMPLE_NOTE",
    "DEFAULT_THRESHOLD",
    "ConfigError",
    "EntryStatus",
    "FailOn",
    "Finding",
    "Gate",
    "InputFileError",
    "ListDataError",
    "ListEntry",
    "ListMatcher",
    "ListSnapshot",
    "Match",
    "ReadOptions",
    "ReviewFiles",
    "ScreenOptions",
    "ScreeningError",
    "ScreeningResult",
    "Supplier",
    "entry_status",
    "fails_gate",
    "frame_suppliers",
    "load_bundled_sample",
    "load_list",
    "load_lists",
    "lookup",
    "normalize_name",
    "result_failures",
    "score_names",
    "screen_file",
    "screen_frame",
    "screen_suppliers",
]


def __getattr__(name: str) -> Any:
    """Import a public name from its module the first time it is asked for, and keep it."""
    source = _SOURCES.get(name)
    if source is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(source), name)
    globals()[name] = value  # later look-ups find it without calling this again
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
