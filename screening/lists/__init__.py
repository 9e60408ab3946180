"""List loading: recognise a list file's format from its content and read it into a snapshot.

Each published format is one module implementing `ListFormat`; `load_list` picks the format
by looking at the file's first bytes, so a file's name or extension does not matter.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path

from screening.cache import cache_name, code_digest, read_cached, write_cached
from screening.errors import ListDataError
from screening.files import file_sha256
from screening.lists.base import (
    SNIFF_BYTES,
    UNEXPECTED_ERRORS,
    ListFormat,
    UnexpectedContentError,
    unexpected_content,
)
from screening.lists.csl import CSL_COLUMNS, CslCsv, CslJson
from screening.lists.custom import CUSTOM_COLUMNS, CustomCsv
from screening.lists.dpl import BisDpl
from screening.lists.ecfr import EcfrXml
from screening.lists.ofac import OfacCsv
from screening.lists.opensanctions import FtmJson, TargetsSimpleCsv
from screening.lists.un import UnXml
from screening.models import (
    DATE_FROM_CONTENT,
    DATE_FROM_MANIFEST,
    DATE_FROM_MTIME,
    EntryRows,
    ListEntry,
    ListSnapshot,
)

__all__ = [
    "CSL_COLUMNS",
    "CUSTOM_COLUMNS",
    "FORMATS",
    "BUNDLED_SAMPLE_NOTE",
    "BisDpl",
    "EcfrXml",
    "CslCsv",
    "CslJson",
    "CustomCsv",
    "FtmJson",
    "OfacCsv",
    "TargetsSimpleCsv",
    "UnXml",
    "files_sha256",
    "ListFormat",
    "bundled_sample_path",
    "detect_format",
    "load_bundled_sample",
    "load_list",
    "missing_files",
]

#: Every format the tool reads, tried in this order when recognising a file: the most
#: specific signature first (FtM lines before CSL JSON, which only asks for "source" and
#: "name"; the OpenSanctions and CSL CSV headers before the custom layout, which is the
#: loosest; the header-less OFAC CSV by its shape).
FORMATS: tuple[ListFormat, ...] = (
    FtmJson(),
    CslJson(),
    UnXml(),
    EcfrXml(),
    BisDpl(),
    OfacCsv(),
    TargetsSimpleCsv(),
    CslCsv(),
    CustomCsv(),
)

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
    if not path.is_file():
        # A pipe would be read up to three times (to recognise, hash and load it), each
        # read seeing a different part; a FIFO without a writer would block for ever.
        raise ListDataError(
            f"list file {path} is not a regular file (a pipe or a device); save the list "
            "to a file and pass that"
        )
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


def missing_files(snapshot: ListSnapshot) -> tuple[str, ...]:
    """The files of a published set that `snapshot` was read without, each with what it
    holds ("alt.csv (aliases)"), for formats published as a set (OFAC's legacy CSV);
    () when it is whole. Reading goes on without them, so the caller should say so."""
    for fmt in FORMATS:
        missing = getattr(fmt, "missing", None)
        if fmt.key == snapshot.format and callable(missing):
            return tuple(str(m) for m in missing(snapshot.path))
    return ()


def files_sha256(paths: tuple[Path, ...]) -> str:
    """One file's sha256; for a set of files, the sha256 of their `sha256sum` lines.

    So a set can be checked by hand: `sha256sum sdn.csv add.csv alt.csv sdn_comments.csv |
    sha256sum`, run in the set's folder, prints the same digest.
    """
    if len(paths) == 1:
        return file_sha256(paths[0])
    lines = "".join(f"{file_sha256(p)}  {p.name}\n" for p in paths)
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()


def _with_fr_rules(fmt: ListFormat, fr_rules: Path | None) -> ListFormat:
    """The format reading its Federal Register rules table from `fr_rules`, when it reads
    one (the eCFR Entity List dates its entries with it); any other format as it is."""
    with_rules = getattr(fmt, "with_fr_rules", None)
    if fr_rules is None or not callable(with_rules):
        return fmt
    replaced: ListFormat = with_rules(fr_rules)
    return replaced


def _files_read(fmt: ListFormat, path: Path) -> tuple[Path, ...]:
    """The files a format reads for `path`: more than one for a set such as OFAC's CSVs."""
    files = getattr(fmt, "files", None)
    return tuple(files(path)) if callable(files) else (path,)


@contextmanager
def _reading(path: Path) -> Iterator[None]:
    """Around the reading of a list file: what goes wrong there is the file's, told in one line.

    The last line of defence: each loader checks the shapes it knows and names the record;
    whatever slips past them still ends as a ListDataError (exit code 2), not a traceback.
    """
    try:
        yield
    except OSError as exc:
        raise ListDataError(f"list file {path}: {exc.strerror or exc}") from None
    except UNEXPECTED_ERRORS as exc:
        raise UnexpectedContentError(unexpected_content(f"list file {path}", exc)) from exc


def load_list(
    path: Path,
    *,
    bundled: bool = False,
    data_date: date | None = None,
    cache_dir: Path | None = None,
    fr_rules: Path | None = None,
) -> ListSnapshot:
    """Read one list file into a snapshot carrying its sha256, entry count and date.

    The date is the publisher's own where the format carries one (the UN list's
    dateGenerated, OpenSanctions' last_seen), else `data_date` (an installed snapshot
    passes its manifest's download date), else the file's modification date (UTC), which
    a copy or a checkout resets, so `date_source` says which it is and callers can treat
    such a list's age as unknown. With a `cache_dir`, the parsed entries (and the date) of
    this exact file version are kept there for next time. `fr_rules` is a Federal Register
    rules table for the formats that date entries by it (the eCFR Entity List), in place of
    the packaged one; it is hashed with the list.
    """
    with _reading(path):
        fmt = _with_fr_rules(detect_format(path), fr_rules)
    files = _files_read(fmt, path)
    sha256 = files_sha256(files)
    # The packaged FR rules table shapes eCFR entries' start dates: a new table, a new key.
    key = cache_name(
        "list", [sha256, fmt.key, code_digest("lists", "models.py", "data/fr_rules.csv")]
    )
    cached = read_cached(cache_dir, key)
    entries: Sequence[ListEntry]
    if isinstance(cached, tuple) and len(cached) == 2:
        entries = EntryRows(*cached)
    else:
        with _reading(path):
            entries = fmt.load(path)
        write_cached(cache_dir, key, EntryRows.pack(entries))
    if not entries:
        raise ListDataError(f"list file {path} has a header but no entries")
    date_source = ""
    content = None if bundled else _content_date(fmt, path, key, cache_dir)
    if content is not None:
        data_date, date_source = content, DATE_FROM_CONTENT
    elif data_date is not None:
        date_source = DATE_FROM_MANIFEST
    elif not bundled:
        data_date = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC).date()
        date_source = DATE_FROM_MTIME
    return ListSnapshot(
        name=path.name,
        path=path,
        sha256=sha256,
        format=fmt.key,
        entries=entries,
        bundled=bundled,
        data_date=data_date,
        files=files,
        date_source=date_source,
    )


def _content_date(fmt: ListFormat, path: Path, key: str, cache_dir: Path | None) -> date | None:
    """The date the list's own content gives, for a format that has one (an optional
    `dated` method); kept in the cache beside the entries, since finding it may mean
    reading the whole file."""
    dated = getattr(fmt, "dated", None)
    if not callable(dated):
        return None
    name = "date-" + key
    cached = read_cached(cache_dir, name)
    if cached == "":
        return None
    if isinstance(cached, str):
        try:
            return date.fromisoformat(cached)
        except ValueError:  # not what this function wrote: found again below
            pass
    with _reading(path):
        found = dated(path)
    day = found if isinstance(found, date) else None
    write_cached(cache_dir, name, day.isoformat() if day else "")
    return day


def load_bundled_sample() -> ListSnapshot:
    """The hand-written sample list shipped with the tool (see fixtures/README.md)."""
    return load_list(bundled_sample_path(), bundled=True)
