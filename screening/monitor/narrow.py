"""Matching the rows already screened against the few entries a list update brought.

Against a few dozen new entries most rows have no candidate at all, yet each still pays the
candidate index's set-up of a query: its words' weights and bounds, and every word and
every two neighbouring words looked up (the pairs, unique to each name, cost the most):
about 130 us a row, a third of what screening it against the whole list costs. `WordGate`
answers most of those rows from the few things the index's own rules (`screening.index`,
`NameIndex._candidates`) say a candidate needs, each cheap to know:

1. a query word that meets an informative listed word (`NameIndex.similar_words`, asked
   once per distinct word and remembered), in a company name whose score could reach the
   floor with every generic word of both names counted as found (the index's own bound,
   redone here from its postings and weights; a person's name reached this way always
   sends the query on, its bound being the index's business);
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
with other readings (Chinese, other scripts), a branch qualifier or a word that may be
initials, a floor of 0, or an index whose rules look different, always goes to the index.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from screening.index import MAX_WORDS_PER_QUERY_WORD, NameIndex
from screening.normalize import NameForm
from screening.persons import least_part_weight, may_be_initials, person_words
from screening.similarity import GENERIC_WEIGHT, joined_similarity, word_weight

#: Distinct words whose answer is remembered before the memo starts again: like the index's
#: own `SIMILAR_MEMO`, a few MB at most, and far more words than a batch meets again.
GATE_MEMO = 200_000

#: What a query word meets in the index: the informative listed words (id, similarity in
#: company names, in persons' names), and whether it meets a generic one too.
Met = tuple[tuple[tuple[int, float, float], ...], bool]
_NOTHING: Met = ((), False)


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
        self._memo: dict[str, Met] = {}

    def build_tables(self) -> None:
        """Build the index's look-up tables now (before worker processes are forked)."""
        self.index.build_tables()

    def candidates(self, query: NameForm, min_score: float) -> Iterable[int]:
        """The index's candidates, or none for a query that cannot have any."""
        plain = query.han is None and not query.readings and not query.base
        # Initials ("C & F", "A. N.") meet persons' names by their letters, a rule of the
        # index (`persons.may_be_initials`) the gate does not redo: such a query goes on.
        plain = plain and not any(may_be_initials(t) for t in query.tokens)
        # ... as do a person's name's written forms: initials written apart, titles, digits
        # for letters (`persons.person_words`), which the index reads too.
        plain = plain and person_words(query.original, query.tokens) == query.tokens
        if plain and self.sound and min_score > 0 and not self.may_meet(query, min_score):
            return ()
        return self.index.candidates(query, min_score)

    def may_meet(self, query: NameForm, min_score: float) -> bool:
        """Whether the query may have a candidate by rule 1, 2 or 3 of the module."""
        counts = Counter(query.tokens)
        met = {token: self._meets(token) for token in counts}
        floor = min_score / 100.0
        total = sum(word_weight(t) * n for t, n in counts.items())
        # the query weight generic listed words may account for: the words meeting one,
        # and generic words meeting nothing (as the index counts it)
        generic = [
            (t, n)
            for t, n in counts.items()
            if met[t][1] or (met[t] == _NOTHING and word_weight(t) < 1.0)
        ]
        generic_q = sum(word_weight(t) * n for t, n in generic)
        if any(informative for informative, _ in met.values()):
            if self._bound_reached(counts, met, generic_q, total, floor):
                return True
        if any(meets_generic for _, meets_generic in met.values()):
            if self._mostly_generic(counts, generic, generic_q, total, floor):
                return True
        return query.joined in self.joined

    def _meets(self, word: str) -> Met:
        known = self._memo.get(word)
        if known is None:
            if len(self._memo) >= GATE_MEMO:
                self._memo.clear()
            generic = self.index.generic
            similar = self.index.similar_words(word)
            informative = tuple(t for t in similar if not generic[t[0]])
            known = self._memo[word] = (informative, any(generic[t[0]] for t in similar))
        return known

    def _bound_reached(
        self,
        counts: Counter[str],
        met: dict[str, Met],
        generic_q: float,
        total: float,
        floor: float,
    ) -> bool:
        """Rule 1: a name reached through an informative word whose score could reach
        `floor` (0-1) with every generic word of both names counted as found."""
        index = self.index
        person, name_total, name_generic = index.person, index.name_total, index.name_generic
        found_q: defaultdict[int, float] = defaultdict(float)
        found_l: defaultdict[int, float] = defaultdict(float)
        for token, n in counts.items():
            weight = word_weight(token) * n
            for token_id, similarity, _ in met[token][0]:
                for position in index.postings(token_id):
                    if person[position]:
                        return True  # a person's name: the index bounds it
                    if similarity:
                        found_q[position] += weight * similarity
                        found_l[position] += similarity
        return any(
            found + generic_q + found_l[position] + name_generic[position]
            >= floor * (total + name_total[position])
            for position, found in found_q.items()
        )

    @staticmethod
    def _mostly_generic(
        counts: Counter[str],
        generic: list[tuple[str, int]],
        generic_q: float,
        total: float,
        floor: float,
    ) -> bool:
        """Rule 2, the index's test of whether names met only through generic words may
        reach `floor` (0-1): the query weight such words account for, with the generic
        words a listed name may add, against the query's least weight as a company or a
        person."""
        spread = GENERIC_WEIGHT * MAX_WORDS_PER_QUERY_WORD * sum(n for _, n in generic)
        person = sum(least_part_weight(t, word_weight) * n for t, n in counts.items())
        least = min(total, person or total)
        return generic_q + spread >= floor * (least + spread)
