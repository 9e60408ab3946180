"""The small interface every list format implements, and helpers they share."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Protocol

from screening.errors import ListDataError
from screening.models import ListEntry

# How much of a file a format may look at to recognise itself.
SNIFF_BYTES = 64 * 1024


class ListFormat(Protocol):
    """A published list format: recognise a file by its content, then read it."""

    #: Short name used in reports and `--list-format` (e.g. "csl-csv").
    key: str

    def sniff(self, head: bytes) -> bool:
        """Return True when the first bytes of a file look like this format."""
        ...

    def load(self, path: Path) -> tuple[ListEntry, ...]:
        """Read every entry of the file; raise ListDataError naming the row on bad data."""
        ...


def file_sha256(path: Path) -> str:
    """Hex sha256 of a file's bytes: the identity of a list version in every report."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# A date, optionally followed by a time or by a time-zone offset as XML Schema dates carry
# ("2015-04-07-04:00", as the UN list writes its LISTED_ON values).
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*|Z|[+-]\d{2}:\d{2})?$")


def parse_list_date(value: str, *, where: str) -> date | None:
    """Parse a YYYY-MM-DD date (a time or zone after it is ignored); empty means no date.

    `where` names the file, row and field for the error message.
    """
    text = value.strip()
    if not text:
        return None
    found = _ISO_DATE.match(text)
    if found:
        try:
            return date(int(found[1]), int(found[2]), int(found[3]))
        except ValueError:
            pass
    raise ListDataError(f"{where}: {text!r} is not a date in the form YYYY-MM-DD")


def split_multi(value: str) -> tuple[str, ...]:
    """Split a multi-value cell joined with '; ' into its non-empty, stripped parts."""
    return tuple(part.strip() for part in value.split(";") if part.strip())


_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")


def countries_of(addresses: Iterable[str], *extra: Iterable[str]) -> tuple[str, ...]:
    """ISO-2 country codes of an entry: the code that ends each address, plus `extra` codes."""
    found: list[str] = []
    for address in addresses:
        tail = address.rsplit(",", 1)[-1].strip()
        if _COUNTRY_CODE.match(tail):
            found.append(tail)
    for values in extra:
        found.extend(v.strip() for v in values if _COUNTRY_CODE.match(v.strip()))
    return tuple(dict.fromkeys(found))


def stable_id(*parts: str) -> str:
    """A short id derived from an entry's content, for list layouts that carry none."""
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


def records(
    rows: Iterable[tuple[int, Sequence[str]]], header: Sequence[str], path: Path, name_field: str
) -> Iterator[tuple[str, dict[str, str]]]:
    """The non-blank rows of a table as {column: stripped value}, each with where it stands
    ("file, line N"); a row of another width than the header, or with an empty name, is an
    error naming that line. `rows` pairs each row with its line number."""
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        where = f"{path}, line {line}"
        if len(row) != len(header):
            raise ListDataError(f"{where}: {len(row)} fields where the header has {len(header)}")
        cell = {key: value.strip() for key, value in zip(header, row, strict=True)}
        if not cell[name_field]:
            raise ListDataError(f"{where}: the {name_field} field is empty")
        yield where, cell
