"""How alike two comparable names are: word-level similarity and the pair score.

The score reads like a reviewer's judgement: a name matches when most of its informative
words are found in the other name (in any order, allowing a typo), and sharing only generic
words ("Beijing", "Technology") is weak evidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from screening.normalize import NameForm, generic_words

#: Two words whose similarity (rapidfuzz ratio, 0-100) is below this do not count as the
#: same word: 80 lets one edit through in words of five or more letters ("informaton").
WORD_MATCH_FLOOR = 80.0

#: Words of this length or shorter must be equal to count: one edit in a short word makes
#: another name ("visa"/"vista", "iren"/"biren" were false alarms on SEC company names).
SHORT_WORD = 4

#: Two words that differ by one edit (a letter added, dropped, replaced, or two neighbours
#: swapped) may be a typo of each other; more than that is another word. In rapidfuzz's
#: Indel distance a replaced or swapped letter costs 2 and an added or dropped one 1.
MAX_WORD_EDIT = 2

#: Names cut into a different number of words ("Inspur Tai Wan" / "Inspur Taiwan") are also
#: compared with their spaces removed; that view counts only from this similarity, since
#: below it two long names that merely share letters score well ("myohyangshipping").
JOINED_FLOOR = 90.0

#: Similarity of a word and its plural ("technology"/"technologies"): the same word.
PLURAL_SIMILARITY = 0.95

#: Weight of a generic word ("technology", "beijing") against 1.0 for any other word, so
#: that two names sharing only generic words score low while the words still count.
GENERIC_WEIGHT = 0.3


@dataclass(frozen=True, slots=True)
class PairScore:
    """The score of one query against one listed name, with the features behind it."""

    score: float
    word_overlap: float
    joined_similarity: float
    generic_only: bool


def word_weight(word: str) -> float:
    """How much a word says about identity: generic words count for less."""
    return GENERIC_WEIGHT if word in generic_words() else 1.0


def singular(word: str) -> str:
    """The English singular of a plural-looking word ("industries" -> "industry")."""
    if len(word) <= SHORT_WORD:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def word_similarity(a: str, b: str) -> float:
    """0-1 similarity of two words.

    1 when equal; `PLURAL_SIMILARITY` for a word and its plural; for two words of more than
    `SHORT_WORD` letters one edit apart, their rapidfuzz ratio when it reaches the floor;
    otherwise 0. The candidate index finds exactly the pairs this gives credit to.
    """
    if a == b:
        return 1.0
    if len(a) <= SHORT_WORD or len(b) <= SHORT_WORD:
        return 0.0
    if singular(a) == singular(b):
        return PLURAL_SIMILARITY
    if abs(len(a) - len(b)) > 1 or Indel.distance(a, b, score_cutoff=MAX_WORD_EDIT) > MAX_WORD_EDIT:
        return 0.0
    return fuzz.ratio(a, b, score_cutoff=WORD_MATCH_FLOOR) / 100.0


def _coverage(words: Sequence[str], other: Sequence[str]) -> tuple[float, float]:
    found = total = 0.0
    for word in words:
        weight = word_weight(word)
        total += weight
        if word in other:
            found += weight
        else:
            found += weight * max((word_similarity(word, o) for o in other), default=0.0)
    return found, total


def score_pair(query: NameForm, listed: NameForm) -> PairScore:
    """Score two comparable names 0-100.

    The score is the better of two views: how much of each name's weighted words the other
    contains (word order free, typos within the word floor), and, when the names have a
    different number of words, the similarity of the two with their spaces removed when it
    reaches `JOINED_FLOOR` (joined or split words: "Inspur Tai Wan" / "Inspur Taiwan").
    """
    if not query.tokens or not listed.tokens:
        return PairScore(0.0, 0.0, 0.0, False)
    found_q, total_q = _coverage(query.tokens, listed.tokens)
    found_l, total_l = _coverage(listed.tokens, query.tokens)
    overlap = 100.0 * (found_q + found_l) / (total_q + total_l)
    # Spelling without spaces only speaks when the words were cut differently; with the same
    # number of words it would give partial credit to different words ("inspire"/"inspur").
    joined = (
        fuzz.ratio(query.joined, listed.joined, score_cutoff=JOINED_FLOOR)
        if len(query.tokens) != len(listed.tokens)
        else 0.0
    )
    shared = {w for w in query.tokens if any(word_similarity(w, o) for o in listed.tokens)}
    generic_only = bool(shared) and all(word_weight(w) < 1.0 for w in shared)
    return PairScore(round(max(overlap, joined), 1), overlap, joined, generic_only)
