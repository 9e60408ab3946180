"""Which rows of a watched file are new or changed since its last screening.

Each row leaves two digests: its *key*, what identifies the row over time (its id, when the
file has an id column; else its content), and its *print*, the key with what is screened
(name and country). A row whose print was there last time is unchanged; one whose key was
there but not its print has changed (an id whose name or country was edited); any other is
new. A file without ids has no changed rows: an edited row is a new one, and the row it
replaced is gone. Rows are told apart this way, not by their position, so that sorting the
file or inserting a row at the top changes nothing.

Only the digests are kept (`RowPrints`): two sorted arrays of 64-bit numbers, 16 bytes a
row, looked up a chunk at a time with numpy, so that a file of a million rows costs 16 MB
in the database and about a second to compare, not a dictionary of a million strings.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum

import numpy as np
import numpy.typing as npt

from screening.errors import ConfigError
from screening.models import Supplier

#: Bytes of each digest: 64 bits, so that two different rows of a million share a digest by
#: chance about once in 40 million files (n^2 / 2^65 for n = 10^6), and a row costs 16 bytes.
DIGEST_BYTES = 8
#: What starts a packed `RowPrints`: a name, then the format's version (1).
_MAGIC = b"screening-rows\x00\x01"
_HEADER = struct.Struct("<Q")  # the number of rows
_UNIT = np.dtype("<u8")  # little-endian on every machine, as stored

Digests = npt.NDArray[np.uint64]


class RowChange(Enum):
    """What became of a row since the last screening."""

    SAME = "same"
    NEW = "new"
    CHANGED = "changed"


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=DIGEST_BYTES).digest()


def row_digests(supplier: Supplier, *, by_id: bool) -> tuple[bytes, bytes]:
    """A row's key and print (see the module): by its id when `by_id`, else by content."""
    content = f"{supplier.name}\x1f{supplier.country}".encode()
    if not by_id:
        key = _digest(b"row\x1f" + content)
        return key, key
    key_text = b"id\x1f" + supplier.input_id.encode()
    return _digest(key_text), _digest(key_text + b"\x1e" + content)


def _as_array(digests: list[bytes]) -> Digests:
    return np.frombuffer(b"".join(digests), dtype=_UNIT).astype(np.uint64)


def _contains(sorted_values: Digests, values: Digests) -> npt.NDArray[np.bool_]:
    """For each of `values`, whether it is in `sorted_values`."""
    if not len(sorted_values):
        return np.zeros(len(values), dtype=bool)
    at = np.searchsorted(sorted_values, values)
    at[at == len(sorted_values)] = 0
    return np.asarray(sorted_values[at] == values)


@dataclass(frozen=True, slots=True)
class RowPrints:
    """The keys and prints of every row of a file as screened, each array sorted."""

    keys: Digests = field(default_factory=lambda: np.empty(0, dtype=np.uint64))
    prints: Digests = field(default_factory=lambda: np.empty(0, dtype=np.uint64))

    @property
    def rows(self) -> int:
        return len(self.prints)

    def pack(self) -> bytes:
        """The digests as bytes, for the database."""
        return (
            _MAGIC
            + _HEADER.pack(self.rows)
            + self.keys.astype(_UNIT).tobytes()
            + self.prints.astype(_UNIT).tobytes()
        )

    @classmethod
    def unpack(cls, data: bytes, *, name: str) -> RowPrints:
        """Digests packed by `pack`; ConfigError naming the watched file when damaged."""
        start = len(_MAGIC) + _HEADER.size
        if not data.startswith(_MAGIC) or len(data) < start:
            raise ConfigError(_damaged(name))
        (rows,) = _HEADER.unpack_from(data, len(_MAGIC))
        if len(data) != start + 2 * rows * DIGEST_BYTES:
            raise ConfigError(_damaged(name))
        values = np.frombuffer(data, dtype=_UNIT, offset=start).astype(np.uint64)
        return cls(keys=values[:rows], prints=values[rows:])


def _damaged(name: str) -> str:
    return (
        f"watched file {name!r}: the digests of its rows in the watch list are damaged; "
        f"`screen watch remove {name}` and add it again"
    )


class RowTracker:
    """Sorts the rows of a file, chunk by chunk as it is read, into unchanged, new and
    changed ones against `previous` (None: the file was never screened, every row is new),
    and gathers the digests of the whole file for next time."""

    def __init__(self, previous: RowPrints | None, *, by_id: bool) -> None:
        self.previous = previous
        self.by_id = by_id
        self._keys: list[Digests] = []
        self._prints: list[Digests] = []

    def sort(self, chunk: Sequence[Supplier]) -> list[tuple[Supplier, RowChange, bytes, bytes]]:
        """Each row of the chunk with what became of it, its key and its print."""
        pairs = [row_digests(s, by_id=self.by_id) for s in chunk]
        keys = _as_array([k for k, _ in pairs])
        prints = _as_array([p for _, p in pairs])
        self._keys.append(keys)
        self._prints.append(prints)
        if self.previous is None:
            return [(s, RowChange.NEW, k, p) for s, (k, p) in zip(chunk, pairs, strict=True)]
        same = _contains(self.previous.prints, prints)
        known = _contains(self.previous.keys, keys)
        changes = [
            RowChange.SAME if is_same else RowChange.CHANGED if is_known else RowChange.NEW
            for is_same, is_known in zip(same.tolist(), known.tolist(), strict=True)
        ]
        return [(s, c, k, p) for s, c, (k, p) in zip(chunk, changes, pairs, strict=True)]

    def prints(self) -> RowPrints:
        """The digests of every row sorted so far."""
        if not self._prints:
            return RowPrints()
        return RowPrints(
            keys=np.sort(np.concatenate(self._keys)), prints=np.sort(np.concatenate(self._prints))
        )
