"""List loading: recognise a list file's format from its content and read it into a snapshot.

Each published format is one module implementing `ListFormat`; `load_list` picks the format
by looking at the file's first bytes, so a file's name or extension does not matter.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from screening.errors import ListDataError
from screening.lists.base import SNIFF_BYTES, ListFormat, file_sha256
from screening.lists.csl import CSL_COLUMNS, CslCsv, CslJson
from screening.models import ListSnapshot

__all__ = [
    "CSL_COLUMNS",
    "FORMATS",
    "BUNDLED_SAMPLE_NOTE",
    "CslCsv",
    "CslJson",
    "ListFormat",
    "bundled_sample_path",
    "detect_format",
    "load_bundled_sample",
    "load_list",
]

#: Every format the tool reads, tried in this order when recognising a file.
FORMATS: tuple[ListFormat, ...] = (CslJson(), CslCsv())

#: Said on every run that uses the bundled sample, so nobody mistakes it for a real list.
BUNDLED_SAMPLE_NOTE = "bundled sample list: not a complete screening list"

_SAMPLE_FILE = "sample_csl.csv"


def bundled_sample_path() -> Path:
    """Where the bundled sample list lives: package data when installed, else the checkout."""
    packaged = resources.files("screening") / "data" / _SAMPLE_FILE
    if packaged.is_file():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[2] / "fixtures" / "lists" / _SAMPLE_FILE
    if checkout.is_file():
        return checkout
    raise ListDataError(
        "the bundled sample list is missing from this installation; pass a list with --list"
    )


def _check_readable(path: Path) -> None:
    if not path.exists():
        raise ListDataError(f"list file {path} does not exist")
    if path.is_dir():
        raise ListDataError(f"list file {path} is a directory; pass the list file itself")
    if path.stat().st_size == 0:
        raise ListDataError(f"list file {path} is empty")


def detect_format(path: Path) -> ListFormat:
    """Return the format whose signature matches the file's first bytes."""
    _check_readable(path)
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    for fmt in FORMATS:
        if fmt.sniff(head):
            return fmt
    known = ", ".join(fmt.key for fmt in FORMATS)
    raise ListDataError(f"list file {path}: format not recognised (this version reads {known})")


def load_list(path: Path, *, bundled: bool = False) -> ListSnapshot:
    """Read one list file into a snapshot carrying its sha256 and entry count."""
    fmt = detect_format(path)
    try:
        entries = fmt.load(path)
    except OSError as exc:
        raise ListDataError(f"list file {path}: {exc.strerror or exc}") from None
    if not entries:
        raise ListDataError(f"list file {path} has a header but no entries")
    return ListSnapshot(
        name=path.name,
        path=path,
        sha256=file_sha256(path),
        format=fmt.key,
        entries=entries,
        bundled=bundled,
    )


def load_bundled_sample() -> ListSnapshot:
    """The hand-written sample list shipped with the tool (see fixtures/README.md)."""
    return load_list(bundled_sample_path(), bundled=True)
