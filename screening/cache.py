"""The on-disk cache: parsed lists and prepared indexes, keyed by what they were made from.

Reading a list of tens of thousands of entries and preparing its names takes seconds; a
second run on the same list version should not pay that again (`screen lookup` is meant to
answer at once). Every cache file name carries a digest of its inputs (the list files'
sha256 and the code and data that shaped the result), so a changed list or a new version
of the tool never reads a stale file. Files are written atomically; an unreadable file is
ignored and rebuilt. The cache holds pickles: keep it in a folder only you can write (the
platform's user cache folder is).
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from screening.errors import ConfigError
from screening.files import atomic_file

#: Raised by unpickling a file written by another version or damaged on disk.
_UNREADABLE = (OSError, EOFError, pickle.UnpicklingError, AttributeError, TypeError, ValueError,
               IndexError, ImportError)  # fmt: skip
#: Cache files are readable by their owner only: they hold pickles, which run code when
#: loaded, and what they hold (list entries, prepared names) is nobody else's business.
CACHE_FILE_MODE = 0o600


@cache
def code_digest(*parts: str) -> str:
    """A digest of the package files named by `parts` ("normalize.py", "data", "lists")."""
    digest = hashlib.sha256()
    root = resources.files("screening")
    for part in parts:
        item = root / part
        children = sorted(item.iterdir(), key=lambda p: p.name) if item.is_dir() else [item]
        for child in children:
            if child.is_file() and child.name.endswith((".py", ".txt", ".tsv", ".csv")):
                digest.update(child.name.encode())
                digest.update(child.read_bytes())
    return digest.hexdigest()


def cache_name(kind: str, inputs: Iterable[str]) -> str:
    """A cache file name for `kind` made from the digests of everything it depends on."""
    digest = hashlib.sha256("\n".join(inputs).encode("utf-8")).hexdigest()[:32]
    return f"{kind}-{digest}.pickle"


def read_cached(cache_dir: Path | None, name: str) -> Any | None:
    """The object saved under `name`, or None when absent or unreadable."""
    if cache_dir is None:
        return None
    path = cache_dir / name
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except FileNotFoundError:
        return None
    except _UNREADABLE:
        return None


def write_cached(cache_dir: Path | None, name: str, value: object) -> None:
    """Save `value` under `name` atomically; a cache that cannot be written is skipped."""
    if cache_dir is None:
        return
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        with atomic_file(cache_dir / name, mode=CACHE_FILE_MODE) as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
    except (OSError, ConfigError):
        pass  # only costs time on the next run
