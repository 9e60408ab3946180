"""Matching the rows already screened against the few entries a list update brought.

Against a few dozen new entries most rows have no candidate at all, yet each still pays the
candidate index's set-up of a query: its words' weights and bounds, and every word and
every two neighbouring words looked up (the pairs, unique to each name, cost the most):
about 130 us a row, a third of what screening it against the whole list costs. `WordGate`
answers most of those rows from the few things the index's own rules (`screening.index`,
`NameIndex._candidates`) say a candidate needs, each cheap to know:

1. a query word that meets an informative listed word (`NameIndex.similar_words`, asked
   once per distinct word and remembered): the names reached that way are bounded, then
   scored;
2. else a query word that meets a generic listed word ("holdings", "technology"), when the
   query is made mostly of such words (the index's test `generic_may`, redone here with
   the same public weights): otherwise no name reached only through generic words can
   reach the score;
3. else a listed name spelled with the same letters as the query, spaces aside: the names
   cut into other words ("Inspur Tai Wan" / "Inspur Taiwan") are scored only then
   (`joined_similarity` counts only identical letters; checked when the gate is made).

A query that has none of the three has no candidate, and is not looked at further; any
other goes to the index as usual, so what is found is what the index alone finds
(tests/test_monitor_narrow.py compares the two on the real lists). It fails open: a name
with other readings (Chinese, other scripts) or a branch qualifier, a floor of 0, or an
index whose rules look different, always goes to the index.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from screening.index import MAX_WORDS_PER_QUERY_WORD, NameIndex
from screening.normalize import NameForm
from screening.persons import least_part_weight
from screening.similarity import GENERIC_WEIGHT, joined_similarity, word_weight

#: Distinct words whose answer is remembered before the memo starts again: like the index's
#: own `SIMILAR_MEMO`, a few MB at most, and far more words than a batch meets again.
GATE_MEMO = 200_000

#: What a query word meets in the index: an informative listed word, only generic ones,
#: or nothing.
_INFORMATIVE, _GENERIC, _NOTHING = 2, 1, 0


def _identical_letters_only() -> bool:
    """Whether names cut into other words still count only when their letters are the
    same (rule 3 rests on it)."""
    return joined_similarity("abcdef", "abcdeg") == 0.0 and joined_similarity("ab", "ab") > 0


class WordGate:
    """A candidate source that asks `index` only about queries that may have a candidate
    (see the module)."""

    def __init__(self, index: NameIndex) -> None:
        self.index = index
        # each listed name written without spaces, as the index compares it
        self.joined = frozenset(
            (text if spelled is None else spelled).replace(" ", "")
            for text, spelled in zip(index.texts, index.spelled, strict=True)
        )
        self.sound = _identical_letters_only()
        self._memo: dict[str, int] = {}

    def build_tables(self) -> None:
        """Build the index's look-up tables now (before worker processes are forked)."""
        self.index.build_tables()

    def candidates(self, query: NameForm, min_score: float) -> Iterable[int]:
        """The index's candidates, or none for a query that cannot have any."""
        plain = query.han is None and not query.readings and not query.base
        if plain and self.sound and min_score > 0 and not self.may_meet(query, min_score):
            return ()
        return self.index.candidates(query, min_score)

    def may_meet(self, query: NameForm, min_score: float) -> bool:
        """Whether the query may have a candidate by rule 1, 2 or 3 of the module."""
        counts = Counter(query.tokens)
        met = {token: self._meets(token) for token in counts}
        if _INFORMATIVE in met.values():
            return True
        if _GENERIC in met.values() and self._mostly_generic(counts, met, min_score / 100.0):
            return True
        return query.joined in self.joined

    def _meets(self, word: str) -> int:
        known = self._memo.get(word)
        if known is None:
            if len(self._memo) >= GATE_MEMO:
                self._memo.clear()
            generic = self.index.generic
            met = [generic[token_id] for token_id, _, _ in self.index.similar_words(word)]
            known = _NOTHING if not met else _GENERIC if all(met) else _INFORMATIVE
            self._memo[word] = known
        return known

    @staticmethod
    def _mostly_generic(counts: Counter[str], met: dict[str, int], floor: float) -> bool:
        """The index's test of whether names met only through generic words may reach
        `floor` (0-1): the query weight such words account for, with the generic words a
        listed name may add, against the query's least weight as a company or a person."""
        total = sum(word_weight(t) * n for t, n in counts.items())
        # words meeting generic listed words, and generic words meeting nothing
        generic = [
            (t, n)
            for t, n in counts.items()
            if met[t] == _GENERIC or (met[t] == _NOTHING and word_weight(t) < 1.0)
        ]
        generic_q = sum(word_weight(t) * n for t, n in generic)
        spread = GENERIC_WEIGHT * MAX_WORDS_PER_QUERY_WORD * sum(n for _, n in generic)
        person = sum(least_part_weight(t, word_weight) * n for t, n in counts.items())
        least = min(total, person or total)
        return generic_q + spread >= floor * (least + spread)
