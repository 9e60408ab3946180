"""Score supplier names against list entries and keep the best-scoring name of each entry.

`ListMatcher` prepares every name and alias of every entry once, then scores a query name
against the candidates a `CandidateSource` proposes. `AllNames` proposes every name (exact,
slow on big lists); a blocking index can implement the same protocol and slot in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from rapidfuzz import fuzz

from screening.models import ListEntry, ListSnapshot, Match, Supplier
from screening.normalize import NameForm, generic_words, name_form, name_tokens

#: Default gate: a name scoring at or above this is a potential match to review. Chosen on
#: the bundled sample and its supplier file (tests/cases/suppliers_expected.csv): every
#: true variant there scores 88 or more, every near miss 75 or less.
DEFAULT_THRESHOLD = 85.0

#: Two words whose similarity (rapidfuzz ratio, 0-100) is below this do not count as the
#: same word: 80 lets one edit through in words of five or more letters ("informaton").
WORD_MATCH_FLOOR = 80.0

#: Words of this length or shorter must be equal to count: one edit in "zte" is another name.
SHORT_WORD = 3

#: Weight of a generic word ("technology", "beijing") against 1.0 for any other word, so
#: that two names sharing only generic words score low while the words still count.
GENERIC_WEIGHT = 0.3

#: Taken off the score of a match on part of a listed name (the name without its text in
#: parentheses, or an acronym from them): a full-name match must rank first, and "Inspur
#: Electronic Information" must not tie with "Inspur (Beijing) Electronic Information".
PARTIAL_NAME_PENALTY = 5.0

_PARENTHESES = re.compile(r"\(([^()]*)\)")


def name_variants(name: str) -> list[tuple[str, bool]]:
    """The forms of a listed name worth comparing on their own, each flagged when partial.

    Lists put acronyms and qualifiers in parentheses ("Academy of Aerospace Solid
    Propulsion Technology (AASPT)", "Inspur (Beijing) ...") and follow some names with
    "; and any successor...". The name without the trailing clause is compared as a whole
    name; the name without its parentheses, and an acronym inside them, are compared as
    partial names (they leave part of the listed name out). Text in parentheses made only of
    generic words ("(Hong Kong)", "(Beijing)") is no name of its own and is not compared alone.
    """
    head = name.split(";", 1)[0].strip()
    variants = [(name, False), (head, False)]
    if _PARENTHESES.search(head):
        variants.append((" ".join(_PARENTHESES.sub(" ", head).split()), True))
        for inner in _PARENTHESES.findall(head):
            words = name_tokens(inner)
            if any(word_weight(w) == 1.0 and len(w) > 1 for w in words):
                variants.append((inner.strip(), True))
    seen: dict[str, bool] = {}
    for text, partial in variants:
        if text and text not in seen:
            seen[text] = partial
    return list(seen.items())


@dataclass(frozen=True, slots=True)
class PreparedName:
    """One comparable form of one name of one entry."""

    entry_index: int
    listed_name: str
    form: NameForm
    partial: bool = False


@dataclass(frozen=True, slots=True)
class PairScore:
    """The score of one query against one listed name, with the features behind it."""

    score: float
    word_overlap: float
    joined_similarity: float
    generic_only: bool


class CandidateSource(Protocol):
    """Proposes which prepared names are worth scoring for a query."""

    def candidates(self, query: NameForm) -> Iterable[int]:
        """Indexes into the matcher's prepared names."""
        ...


class AllNames:
    """Proposes every prepared name: nothing is missed, at the cost of scoring everything."""

    def __init__(self, names: Sequence[PreparedName]) -> None:
        self._count = len(names)

    def candidates(self, query: NameForm) -> Iterable[int]:
        return range(self._count)


def word_weight(word: str) -> float:
    """How much a word says about identity: generic words count for less."""
    return GENERIC_WEIGHT if word in generic_words() else 1.0


def word_similarity(a: str, b: str) -> float:
    """0-1 similarity of two words: 1 when equal, 0 below the floor or for unequal short words."""
    if a == b:
        return 1.0
    if len(a) <= SHORT_WORD or len(b) <= SHORT_WORD:
        return 0.0
    ratio = fuzz.ratio(a, b)
    return ratio / 100.0 if ratio >= WORD_MATCH_FLOOR else 0.0


def _coverage(words: Sequence[str], other: Sequence[str]) -> tuple[float, float]:
    found = total = 0.0
    for word in words:
        weight = word_weight(word)
        total += weight
        found += weight * max((word_similarity(word, o) for o in other), default=0.0)
    return found, total


def score_pair(query: NameForm, listed: NameForm) -> PairScore:
    """Score two comparable names 0-100.

    The score is the better of two views: how much of each name's weighted words the other
    contains (word order free, typos within the word floor), and, when the names have a
    different number of words, the similarity of the two with their spaces removed (catches
    joined or split words: "Inspur Tai Wan" / "Inspur Taiwan").
    """
    if not query.tokens or not listed.tokens:
        return PairScore(0.0, 0.0, 0.0, False)
    found_q, total_q = _coverage(query.tokens, listed.tokens)
    found_l, total_l = _coverage(listed.tokens, query.tokens)
    overlap = 100.0 * (found_q + found_l) / (total_q + total_l)
    # Spelling without spaces only speaks when the words were cut differently; with the same
    # number of words it would give partial credit to different words ("inspire"/"inspur").
    joined = (
        fuzz.ratio(query.joined, listed.joined) if len(query.tokens) != len(listed.tokens) else 0.0
    )
    shared = {w for w in query.tokens if any(word_similarity(w, o) for o in listed.tokens)}
    generic_only = bool(shared) and all(word_weight(w) < 1.0 for w in shared)
    return PairScore(round(max(overlap, joined), 1), overlap, joined, generic_only)


def explain(
    query: NameForm,
    listed: NameForm,
    pair: PairScore,
    *,
    partial: bool = False,
    country: str = "",
    entry_countries: Sequence[str] = (),
) -> str:
    """A sentence a reviewer can read: what was compared and what made the score."""
    parts = [
        f"compared '{query.text}' with '{listed.text}'",
        f"words in common {pair.word_overlap:.0f}",
    ]
    if pair.joined_similarity:
        parts.append(f"spelling without spaces {pair.joined_similarity:.0f}")
    if pair.generic_only:
        parts.append("shares only generic words")
    if partial:
        parts.append(f"part of the listed name (-{PARTIAL_NAME_PENALTY:g})")
    if country and entry_countries:
        agrees = country.strip().upper() in entry_countries
        verdict = "agrees with" if agrees else "differs from"
        parts.append(f"country {country} {verdict} the listing's {', '.join(entry_countries)}")
    return "; ".join(parts)


class ListMatcher:
    """Scores names against every entry of the given list snapshots."""

    def __init__(
        self,
        snapshots: Sequence[ListSnapshot],
        candidate_source: Callable[[Sequence[PreparedName]], CandidateSource] = AllNames,
    ) -> None:
        self.entries: list[tuple[ListSnapshot, ListEntry]] = [
            (snapshot, entry) for snapshot in snapshots for entry in snapshot.entries
        ]
        names: list[PreparedName] = []
        for index, (_, entry) in enumerate(self.entries):
            for listed in entry.names:
                seen: set[tuple[str, ...]] = set()
                for variant, partial in name_variants(listed):
                    form = name_form(variant)
                    if form.tokens and form.tokens not in seen:
                        seen.add(form.tokens)
                        names.append(PreparedName(index, listed, form, partial))
        self.names: tuple[PreparedName, ...] = tuple(names)
        self.source = candidate_source(self.names)

    def match(self, supplier: Supplier, *, min_score: float) -> list[Match]:
        """Every entry whose best name scores at least `min_score`, best first."""
        query = name_form(supplier.name)
        if not query.tokens:
            return []
        best: dict[int, tuple[PairScore, PreparedName]] = {}
        for position in self.source.candidates(query):
            prepared = self.names[position]
            pair = score_pair(query, prepared.form)
            if prepared.partial:
                pair = replace(pair, score=max(0.0, pair.score - PARTIAL_NAME_PENALTY))
            current = best.get(prepared.entry_index)
            if current is None or pair.score > current[0].score:
                best[prepared.entry_index] = (pair, prepared)
        matches = []
        for index, (pair, prepared) in best.items():
            if pair.score < min_score:
                continue
            snapshot, entry = self.entries[index]
            matches.append(
                Match(
                    supplier=supplier,
                    entry=entry,
                    list_name=snapshot.name,
                    matched_name=prepared.listed_name,
                    score=pair.score,
                    explanation=explain(
                        query,
                        prepared.form,
                        pair,
                        partial=prepared.partial,
                        country=supplier.country,
                        entry_countries=entry.countries,
                    ),
                )
            )
        matches.sort(key=lambda m: (-m.score, m.entry.name))
        return matches
