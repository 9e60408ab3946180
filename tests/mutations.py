"""Byte-level mutations of a valid file, for the fuzz tests of the list, eCFR and ownership
readers: each test supplies the tokens its format is most sensitive to."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st


@st.composite
def mutated(draw: st.DrawFn, sample: bytes, tokens: Sequence[bytes]) -> bytes:
    """`sample` with one to five edits: a byte replaced, one of `tokens` or a few random
    bytes inserted, a run deleted or repeated, or the rest cut off."""
    data = bytearray(sample)
    for _ in range(draw(st.integers(1, 5))):
        op = draw(st.sampled_from(["replace", "insert", "delete", "repeat", "cut"]))
        at = draw(st.integers(0, len(data)))
        if op == "replace" and data:
            data[min(at, len(data) - 1)] = draw(st.integers(0, 255))
        elif op == "insert":
            data[at:at] = draw(st.sampled_from(tokens) | st.binary(min_size=1, max_size=12))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif op == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 80))]
        elif op == "cut":
            del data[at:]
    return bytes(data)
