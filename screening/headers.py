"""Finding columns by their header: one way for supplier files, ownership files and lists.

People write the same column many ways ("Supplier Name", "supplier-name",
"supplier_name"), so a wanted column is looked up by a key that ignores case, surrounding
space, and the difference between spaces, hyphens and underscores. A header that names a
column twice is refused by every reader, each in its own words: read by name, one of the
two would be dropped without a word, and nothing says which held what was meant.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence


def header_key(header: str) -> str:
    """`header` as columns are compared: trimmed, lower case, spaces and hyphens as `_`."""
    return header.strip().lower().replace("-", "_").replace(" ", "_")


def find_column(headers: Sequence[str], wanted: Sequence[str]) -> str | None:
    """The header of the first of `wanted` that the file has (compared by `header_key`),
    as the file writes it; where two headers give one key, the first. None when absent."""
    by_key = {header_key(h): h for h in reversed(headers)}
    return next((by_key[k] for k in map(header_key, wanted) if k in by_key), None)


def repeated_columns(
    headers: Sequence[str],
    *,
    key: Callable[[str], str] = str,
    only: Collection[str] | None = None,
) -> list[tuple[int, int]]:
    """Every header that repeats an earlier one, as (position of the first, position of
    this one), counted from 0, in the order of the repeats. Headers are compared by `key`
    (as written, by default); blank ones, and with `only` those whose key is not in it (a
    column the reader ignores), never count. One pass: a header of 100,000 columns is
    checked as fast as it is read."""
    first: dict[str, int] = {}
    repeats: list[tuple[int, int]] = []
    for position, header in enumerate(headers):
        name = key(header)
        if not header or (only is not None and name not in only):
            continue
        if name in first:
            repeats.append((first[name], position))
        else:
            first[name] = position
    return repeats
