"""Names cut at a field's length: a vendor master that keeps a name in a field of fixed
width (SAP's vendor name, NAME1, holds 35 characters; other systems 30, 40 or 50) cuts a
longer name wherever the width ends, often inside a word: "VTB REAL ESTATE LIMITED
LIABILITY C", "JSC Scientific Research Institute o". Such a name is the beginning of the
listed one, and its words alone would score it as a name with most of the listing's words
missing.

A supplier's name of at least `TRUNCATED_MIN_CHARS` letters, digits and spaces (compared
folded: case, accents, punctuation and spacing aside) and `TRUNCATED_MIN_WORDS` word of its
own before the last, that a listed name begins with, the listed name going on inside the
supplier's last word, scores `TRUNCATED_FLOOR` and up by how much of the listed name it
holds (`truncated_score`; by the texts alone, `cut_score`). A name cut between two words is
not told from a shorter name, and stays scored by its words. `PrefixTable` finds the
listed names a cut name begins, which the word index would not propose: their missing
words put them out of its reach.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import lru_cache

from screening.normalize import NameForm, fold_text

#: Fewest letters, digits and spaces of a name read as cut at a field's length: below the
#: narrowest usual field (30), a name cut inside a word is as likely a short name of its own
#: with an abbreviation at its end.
TRUNCATED_MIN_CHARS = 30

#: Fewest words of the name itself (legal forms aside, of two letters or more) before the
#: cut word: a legal form written out is long enough to reach the width with a name of a few
#: letters after it ("OBSHCHESTVO S OGRANICHENNOY OTVETSTVENNOSTYU BAI" is no cut
#: "BAIKAL"), where "JOINT STOCK COMPANY RUSSIAN AGRICUL" has a word of its own.
TRUNCATED_MIN_WORDS = 1

#: Score of a cut name that holds none of the listed name (the least possible) ...
TRUNCATED_FLOOR = 90.0
#: ... and the most it gains by holding all of it: a cut name never scores as the whole
#: name written out (99 at most, as `screening.match.BELOW_EXACT`).
TRUNCATED_GAIN = 9.0

_NOT_WORD = re.compile(r"[^\w]+")


@lru_cache(maxsize=1 << 16)
def folded(text: str) -> str:
    """A name's letters and digits, folded (`fold_text`), lower case, words one space
    apart: the form cut names are compared in."""
    return " ".join(_NOT_WORD.sub(" ", fold_text(text).lower().replace("_", " ")).split())


def may_be_cut(query: str) -> bool:
    """Whether a supplier's name is long enough to be read as cut (`TRUNCATED_MIN_CHARS`)."""
    return len(query) >= TRUNCATED_MIN_CHARS and len(folded(query)) >= TRUNCATED_MIN_CHARS


def names_before_cut(tokens: Sequence[str]) -> bool:
    """Whether a name's comparable words (`NameForm.tokens`) hold `TRUNCATED_MIN_WORDS`
    before its last, the one a cut would fall in."""
    return sum(len(token) > 1 for token in tokens[:-1]) >= TRUNCATED_MIN_WORDS


def cut_inside_word(query: str, listed: str) -> bool:
    """Whether `listed` begins with `query`, both folded, and goes on inside its last word."""
    return _goes_on_inside(folded(query), folded(listed))


def _goes_on_inside(head: str, whole: str) -> bool:
    """Whether the folded `whole` begins with the folded `head` and goes on inside its last
    word (a folded text has no space at its ends)."""
    return len(whole) > len(head) and whole.startswith(head) and whole[len(head)] != " "


def cut_score(query: str, listed: str) -> float:
    """The score of a supplier's name cut at a field's length against a listed name it is
    the beginning of (`cut_inside_word`), by their texts: `TRUNCATED_FLOOR` plus
    `TRUNCATED_GAIN` times the share of the listed name it holds; 0 for any other pair."""
    if not may_be_cut(query) or not cut_inside_word(query, listed):
        return 0.0
    return TRUNCATED_FLOOR + TRUNCATED_GAIN * len(folded(query)) / len(folded(listed))


def truncated_score(query: NameForm, listed: NameForm) -> float:
    """`cut_score` of two names when the query holds a word of its own before the cut
    (`names_before_cut`), else 0. The length test comes first: a pair of every batch
    comes here."""
    if not may_be_cut(query.original) or not names_before_cut(query.tokens):
        return 0.0
    return cut_score(query.original, listed.original)


def letters(text: str) -> str:
    """A name's letters and digits alone, folded (`folded` without its spaces): "SiemensAG",
    "Siemens AG" and "SIEMENS, A.G." are one name written with other spaces."""
    return folded(text).replace(" ", "")


class PrefixTable:
    """The listed names in folded order, to find those a cut name begins (`find`), and by
    their letters alone, to find those a name is with other spaces (`same_letters`: a legal
    form glued to the name, "ELMONTAG" for "ELMONT AG", which its words cannot find). Saved
    with the name index as texts and arrays, quick to load; the lists searched are made
    from them on the first call."""

    def __init__(self, names: Iterable[tuple[str, int]]) -> None:
        rows = sorted((folded(text), position) for text, position in names)
        self._joined = "\n".join(key for key, _ in rows)  # a folded name holds no newline
        self._positions = array("i", (position for _, position in rows))
        bare = sorted((key.replace(" ", ""), position) for key, position in rows)  # `letters`
        self._bare_joined = "\n".join(key for key, _ in bare)
        self._bare_positions = array("i", (position for _, position in bare))
        self._keys: list[str] | None = None
        self._bare: list[str] | None = None

    def __getstate__(self) -> tuple[str, array[int], str, array[int]]:
        return self._joined, self._positions, self._bare_joined, self._bare_positions

    def __setstate__(self, state: tuple[str, array[int], str, array[int]]) -> None:
        self._joined, self._positions, self._bare_joined, self._bare_positions = state
        self._keys = self._bare = None

    def find(self, query: str) -> list[int]:
        """Positions of the names `query` is the beginning of, cut inside a word; none for
        a name too short to be read as cut (`may_be_cut`)."""
        if not may_be_cut(query):
            return []
        if self._keys is None:
            self._keys = self._joined.split("\n") if self._joined else []
        keys = self._keys
        head = folded(query)
        found = []
        at = bisect_left(keys, head)
        while at < len(keys) and keys[at].startswith(head):
            if _goes_on_inside(head, keys[at]):
                found.append(self._positions[at])
            at += 1
        return found

    def same_letters(self, query: str) -> list[int]:
        """Positions of the names with the same letters and digits as `query` (`letters`)."""
        key = letters(query)
        if not key:
            return []
        if self._bare is None:
            self._bare = self._bare_joined.split("\n") if self._bare_joined else []
        bare = self._bare
        found = []
        at = bisect_left(bare, key)
        while at < len(bare) and bare[at] == key:
            found.append(self._bare_positions[at])
            at += 1
        return found
