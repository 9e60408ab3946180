"""Score supplier names against list entries and keep the best-scoring name of each entry.

`ListMatcher` prepares every name and alias of every entry once (or loads them, with the
candidate index, from the on-disk cache), then scores a query name against the candidates
the index proposes. Word-level scoring lives in `screening.similarity`, the index in
`screening.index`; both are re-exported here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from screening.defaults import DEFAULT_THRESHOLD, SKIPPED_TYPES
from screening.index import (
    AllNames,
    CandidateSource,
    NameIndex,
    PreparedName,
    load_index,
    name_variants,
    prepare_names,
)
from screening.lists.countries import country_code, country_codes
from screening.models import EMPTY_NAME, ListEntry, ListSnapshot, Match, Supplier, entry_field
from screening.normalize import NameForm, name_form, only_legal_forms
from screening.similarity import (
    GENERIC_WEIGHT,
    SHORT_WORD,
    WORD_MATCH_FLOOR,
    PairScore,
    score_pair,
    word_similarity,
    word_weight,
)

__all__ = [
    "COUNTRY_AGREES_BONUS",
    "COUNTRY_DIFFERS_PENALTY",
    "DEFAULT_THRESHOLD",
    "GENERIC_WEIGHT",
    "MAX_SCORED_WORDS",
    "PARTIAL_NAME_PENALTY",
    "SKIPPED_TYPES",
    "SHORT_WORD",
    "WORD_MATCH_FLOOR",
    "AllNames",
    "CandidateSource",
    "ListMatcher",
    "NameIndex",
    "PairScore",
    "PreparedName",
    "Query",
    "country_adjustment",
    "explain",
    "name_query",
    "name_variants",
    "score_pair",
    "word_similarity",
    "word_weight",
]


#: Taken off the score of a match on part of a listed name (the name without its text in
#: parentheses, or an acronym from them): a full-name match must rank first, and "Inspur
#: Electronic Information" must not tie with "Inspur (Beijing) Electronic Information".
PARTIAL_NAME_PENALTY = 5.0

#: Added to a name score when the supplier's country is one of the listing's countries:
#: the country corroborates the name. Small: it lifts a near miss (one typo in a short
#: name) over the gate, never a name that shares only generic words. Chosen with
#: benchmarks/eval_full.py --countries (see the README for its figures).
COUNTRY_AGREES_BONUS = 3.0
#: Taken off a name score when the supplier's country is none of the listing's countries:
#: "Canon Inc, JP" against "CANCON" (Iran). Never taken off a name that scores 100, so a
#: country alone never hides a hit: it only weakens a name that is already not exact.
COUNTRY_DIFFERS_PENALTY = 5.0


#: A bonus lifts a score to this at most: 100 stays the mark of an exact name.
BELOW_EXACT = 99.0

#: Words of a supplier's name that are scored; the words after them are left out, with a
#: warning naming the row. The longest listed names in the real lists of ../shared/data
#: have 56 words (derived/real_lists_csl.csv: BIS's entry for Russia's Ministry of
#: Defence, 43 once normalised) and 46 normalised words (the UN list's Hay'at Tahrir
#: al-Sham with its Arabic name); 64 holds them with room to spare. A name of more words
#: than a listed name of L words, its other words distinct and not generic, scores at most
#: 200 L / (words + L) against it (`score_pair`): past 1.35 L words (62 for the longest)
#: it cannot reach the default threshold. Each word scored costs a look-up in the
#: candidate index, ~6 ms against the real lists before its tables are built (a lookup, a
#: small file): a name of 15,000 words took 47 to 87 s of CPU, its first 64 take ~0.5 s.
MAX_SCORED_WORDS = 64
#: Words of the raw name normalised before the cut: normalising costs per word too (~45 us,
#: 0.7 s for 15,000 words), and it can drop or join words (legal forms, stop words, letters
#: written apart) but not make one word of four, so four times the scored words always
#: leave `MAX_SCORED_WORDS` to score.
RAW_WORDS_NORMALISED = 4 * MAX_SCORED_WORDS
#: The same bound in characters, for scripts written without spaces (a Chinese name of
#: thousands of characters is one "word" to `str.split`): 16 characters a word.
RAW_CHARS_NORMALISED = 16 * RAW_WORDS_NORMALISED

#: Why a row is not screened (besides `EMPTY_NAME`): its name has nothing to compare.
NO_LETTERS = "no letters or digits in the name"
ONLY_LEGAL_FORMS = "only legal forms or stop words in the name"


@dataclass(frozen=True, slots=True)
class Query:
    """A supplier's name as it is scored: its comparable form, cut to `MAX_SCORED_WORDS`
    words; how many comparable words the whole name has; and, when the name cannot be
    screened at all, why (`EMPTY_NAME`, `NO_LETTERS`, `ONLY_LEGAL_FORMS`)."""

    form: NameForm
    words: int
    skip_reason: str = ""

    @property
    def cut(self) -> bool:
        """Whether words past `MAX_SCORED_WORDS` were left out of the scoring."""
        return self.words > MAX_SCORED_WORDS


def name_query(name: str) -> Query:
    """Prepare a supplier's name for scoring, or say why it cannot be screened.

    A name of legal forms and stop words only ("Ltd.", "Co., Ltd.", "The Company",
    "有限公司") names no one: scored as it is, it would only meet the legal forms of listed
    names, so it is not screened, like a blank name, and a report says so.
    """
    if not name.strip():
        return Query(NameForm(original=name, tokens=()), 0, EMPTY_NAME)
    raw = name.split()
    long_name = len(raw) > RAW_WORDS_NORMALISED
    text = " ".join(raw[:RAW_WORDS_NORMALISED]) if long_name else name
    form = name_form(text[:RAW_CHARS_NORMALISED])
    if not form.tokens or (not form.written and only_legal_forms(list(form.tokens))):
        reason = ONLY_LEGAL_FORMS if any(c.isalnum() for c in name) else NO_LETTERS
        return Query(form, len(form.tokens), reason)
    words = len(raw) if long_name else len(form.tokens)
    if words > MAX_SCORED_WORDS:
        cut = form.written[:MAX_SCORED_WORDS]
        form = NameForm(name, form.tokens[:MAX_SCORED_WORDS], cut)
    return Query(form, words)


def country_adjustment(score: float, country: str, entry_countries: Sequence[str]) -> float:
    """Points a name score gains or loses by the supplier's country (an ISO-2 code) against
    the listing's countries; nothing when either is unknown or the name scores 100."""
    if not country or score >= 100.0:
        return 0.0
    listed = country_codes(*entry_countries)
    if not listed:
        return 0.0
    if country in listed:
        return max(0.0, min(COUNTRY_AGREES_BONUS, BELOW_EXACT - score))
    return -COUNTRY_DIFFERS_PENALTY


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
    query_words, listed_words = pair.read_as or (query.tokens, listed.tokens)
    parts = [
        f"compared '{' '.join(query_words)}' with '{' '.join(listed_words)}'",
        f"words in common {pair.word_overlap:.0f}",
    ]
    if pair.joined_similarity:
        parts.append(f"spelling without spaces {pair.joined_similarity:.0f}")
    if pair.qualifier:
        parts.append(f"branch or office '{pair.qualifier}' after the name set aside")
    if pair.generic_only:
        parts.append("shares only generic words")
    if partial:
        parts.append(f"part of the listed name (-{PARTIAL_NAME_PENALTY:g})")
    if country and entry_countries:
        code = country_code(country)
        agrees = bool(code) and code in country_codes(*entry_countries)
        verdict = "agrees with" if agrees else "differs from" if code else "is not known to"
        change = country_adjustment(pair.score, code, entry_countries)
        points = f" ({change:+g})" if change else ""
        parts.append(
            f"country {country} {verdict} the listing's {', '.join(entry_countries)}{points}"
        )
    return "; ".join(parts)


def _kept_entries(
    snapshots: Sequence[ListSnapshot], skip_types: Collection[str]
) -> tuple[list[tuple[int, int]], list[str]]:
    """Which entries are matched against, as (snapshot, entry) positions, and the digest
    that identifies them: each file's sha256 and the ids of the entries taken from it (not
    always all: vessels are left out, a diff keeps a few). Read from the entries' fields,
    so that entries loaded from the cache need not be built."""
    skipped = {t.lower() for t in skip_types}
    kept: list[tuple[int, int]] = []
    digests: list[str] = []
    for number, snapshot in enumerate(snapshots):
        kinds = entry_field(snapshot.entries, "entity_type")
        ids = entry_field(snapshot.entries, "entry_id")
        chosen = [i for i, kind in enumerate(kinds) if kind.lower() not in skipped]
        kept.extend((number, i) for i in chosen)
        listed = "\n".join(ids[i] for i in chosen).encode("utf-8")
        digests.append(f"{snapshot.sha256}:{len(chosen)}:{hashlib.sha256(listed).hexdigest()}")
    return kept, digests


class ListMatcher:
    """Scores names against every entry of the given list snapshots.

    `candidate_source` decides which listed names are scored for a query: the candidate
    index by default, or `AllNames` to score every name (the exact, slow reference).
    `cache_dir`, when given, keeps the prepared names and index between runs. Entries of
    the `skip_types` (by default vessels and aircraft) are not matched.
    """

    def __init__(
        self,
        snapshots: Sequence[ListSnapshot],
        candidate_source: Callable[[Sequence[PreparedName]], CandidateSource] | None = None,
        *,
        cache_dir: Path | None = None,
        skip_types: Collection[str] = SKIPPED_TYPES,
    ) -> None:
        self.snapshots = tuple(snapshots)
        self._kept, digests = _kept_entries(self.snapshots, skip_types)
        self.source: CandidateSource
        if candidate_source is None:
            index = load_index(lambda: [self.entry(i) for i in range(len(self._kept))],
                               digests, cache_dir)  # fmt: skip
            self.source = index
            self._prepared: Callable[[int], PreparedName] = index.prepared
            self._count = len(index)
        else:
            names = prepare_names([self.entry(i) for i in range(len(self._kept))])
            self.source = candidate_source(names)
            self._prepared = names.__getitem__
            self._count = len(names)

    def prepare_batch(self) -> None:
        """Build now what a long batch needs (the index's deletion tables), e.g. before
        forking worker processes that then share it."""
        build = getattr(self.source, "build_tables", None)
        if callable(build):
            build()

    def entry(self, index: int) -> ListEntry:
        """The `index`-th entry matched against (entries of skipped types not counted)."""
        snapshot, position = self._kept[index]
        return self.snapshots[snapshot].entries[position]

    @property
    def names(self) -> tuple[PreparedName, ...]:
        """Every prepared name (built on demand: the matcher itself reads only candidates)."""
        return tuple(self._prepared(position) for position in range(self._count))

    def match(
        self, supplier: Supplier, *, min_score: float, prepared_query: Query | None = None
    ) -> list[Match]:
        """Every entry whose best name scores at least `min_score`, best first; none for a
        name that cannot be screened (`name_query`, or its `prepared_query` when given)."""
        scored = prepared_query or name_query(supplier.name)
        if scored.skip_reason:
            return []
        query = scored.form
        country = country_code(supplier.country) if supplier.country else ""
        # A name this far under the minimum may still reach it with its country's bonus.
        floor = max(0.0, min_score - COUNTRY_AGREES_BONUS) if country else min_score
        best: dict[int, tuple[PairScore, PreparedName]] = {}
        # Word similarities met again in this query's candidates: one memo for company names,
        # one for persons' names (short words one edit apart count only there).
        memos: tuple[dict[tuple[str, str], float], ...] = ({}, {})
        for position in self.source.candidates(query, floor):
            prepared = self._prepared(position)
            pair = score_pair(query, prepared.form, memos[prepared.person],
                              person=prepared.person, whole=not prepared.partial)  # fmt: skip
            if prepared.partial:
                pair = replace(pair, score=max(0.0, pair.score - PARTIAL_NAME_PENALTY))
            current = best.get(prepared.entry_index)
            if current is None or pair.score > current[0].score:
                best[prepared.entry_index] = (pair, prepared)
        matches = []
        for index, (pair, prepared) in best.items():
            if pair.score < floor:
                continue
            snapshot = self.snapshots[self._kept[index][0]]
            entry = self.entry(index)
            score = pair.score + country_adjustment(pair.score, country, entry.countries)
            if score < min_score:
                continue
            matches.append(
                Match(
                    supplier=supplier,
                    entry=entry,
                    list_name=snapshot.name,
                    matched_name=prepared.listed_name,
                    score=score,
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
