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
from screening.evidence import (
    SupplierFacts,
    bonus_ceiling,
    compare_fields,
    describe,
    settle,
    supplier_facts,
)
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
from screening.models import (
    EMPTY_NAME,
    Agreement,
    Basis,
    Evidence,
    ListEntry,
    ListSnapshot,
    Match,
    Supplier,
    entry_field,
)
from screening.normalize import NameForm, name_form, only_legal_forms
from screening.party_index import PartyIndex
from screening.scripts import shown_word
from screening.similarity import (
    GENERIC_WEIGHT,
    SHORT_WORD,
    WORD_MATCH_FLOOR,
    PairScore,
    reading_forms,
    score_pair,
    word_similarity,
    word_weight,
)
from screening.truncation import PrefixTable

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


def scored_reading(query: NameForm, listed: NameForm, *, person: bool, whole: bool) -> NameForm:
    """The form of a query name its best score against `listed` came from: the name as
    written or one of its other readings (`score_pair` takes the best)."""
    if not query.readings:
        return query
    forms = (replace(query, readings=()), *reading_forms(query, person=person))
    return max(
        forms, key=lambda f: score_pair(f, listed, person=person, whole=whole).score
    )  # the first of equals: the name as written


def explain(
    query: NameForm,
    listed: NameForm,
    pair: PairScore,
    *,
    partial: bool = False,
    country: str = "",
    entry_countries: Sequence[str] = (),
) -> str:
    """A sentence a reviewer can read: what was compared (`query` as `scored_reading`
    gives it) and what made the score."""
    query_words, listed_words = pair.read_as or (query.tokens, listed.tokens)
    parts = [
        f"compared '{' '.join(map(shown_word, query_words))}' with '{' '.join(listed_words)}'",
        f"words in common {pair.word_overlap:.0f}",
    ]
    if pair.joined_similarity:
        parts.append(f"spelling without spaces {pair.joined_similarity:.0f}")
    if pair.qualifier:
        parts.append(f"branch or office '{pair.qualifier}' after the name set aside")
    if pair.truncated:
        parts.append("the name is the listed name's beginning, cut inside a word")
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
        self._extra: PartyIndex | None = None
        self._prefixes: PrefixTable | None = None

    def prepare_batch(self) -> None:
        """Build now what a long batch needs (the index's deletion tables, the table of
        names in folded order), e.g. before forking worker processes that then share it."""
        build = getattr(self.source, "build_tables", None)
        if callable(build):
            build()
        self._prefix_table()

    def _prefix_table(self) -> PrefixTable:
        """The listed names in folded order, for names cut at a field's length
        (`screening.truncation`): the name index's, else made on the first long name."""
        if self._prefixes is None:
            saved = getattr(self.source, "prefixes", None)  # the name index keeps one
            self._prefixes = (
                saved
                if isinstance(saved, PrefixTable)
                else PrefixTable((self._prepared(p).form.original, p) for p in range(self._count))
            )
        return self._prefixes

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
        name that cannot be screened (`name_query`, or its `prepared_query` when given).

        The row's second name is scored too, an entry keeping the better of the two. The
        row's other fields (`screening.evidence`) then move each score; an identifier the
        listing carries makes a match whatever the names score (`Basis.IDENTIFIER`), and
        an address it carries makes one when the names do not reach `min_score`
        (`Basis.ADDRESS`), both found by their own indexes (`screening.party_index`)."""
        scored = prepared_query or name_query(supplier.name)
        if scored.skip_reason:
            return []
        country = country_code(supplier.country) if supplier.country else ""
        facts = supplier_facts(supplier) if has_fields(supplier) else None
        # A name this far under the minimum may still reach it with its fields' bonuses.
        lift = (COUNTRY_AGREES_BONUS if country else 0.0) + (bonus_ceiling(facts) if facts else 0.0)
        floor = max(0.0, min_score - lift)
        queries = [("name", scored.form)]
        if supplier.second_name.strip():
            second = name_query(supplier.second_name)
            if not second.skip_reason and second.form.tokens != scored.form.tokens:
                queries.append(("second_name", second.form))
        best = self._best_names(queries, floor)
        found = dict.fromkeys(best)
        if facts is not None and (facts.identifiers or facts.address is not None):
            extra = self._party_index()
            found.update(dict.fromkeys(extra.identifier_entries(facts.identifiers)))
            if facts.address is not None:
                found.update(dict.fromkeys(extra.address_entries(facts.address)))
        matches = []
        for index in found:
            named = best.get(index) or self._name_against(index, queries)
            judged = self._judge(supplier, index, named, country, facts, min_score)
            if judged is not None:
                matches.append(judged)
        matches.sort(key=lambda m: (-m.score, m.entry.name))
        return matches

    def _best_names(
        self, queries: Sequence[tuple[str, NameForm]], floor: float
    ) -> dict[int, _Named]:
        """For each entry proposed for any of the queries, its best-scoring name and which
        query (input column) scored it; the first query wins a tie."""
        best: dict[int, _Named] = {}
        for column, query in queries:
            # Word similarities met again in this query's candidates: one memo for company
            # names, one for persons' names (short words one edit apart count only there).
            memos: tuple[dict[tuple[str, str], float], ...] = ({}, {})
            positions = set(self.source.candidates(query, floor))
            table = self._prefix_table()
            # Listed names a name cut short begins, and those with its letters, spaced
            # otherwise (a legal form glued on): their words do not lead to them.
            positions.update(table.find(query.original))
            positions.update(table.same_letters(query.original))
            # In the order of the prepared names, so that of two names of an entry that score
            # the same the one listed first is shown, unless the other's words met more.
            for position in sorted(positions):
                prepared = self._prepared(position)
                pair = self._pair(query, prepared, memos)
                current = best.get(prepared.entry_index)
                if current is None or _better(pair, current.pair):
                    best[prepared.entry_index] = _Named(pair, prepared, column, query)
        return {i: named for i, named in best.items() if named.pair.score >= floor}

    @staticmethod
    def _pair(
        query: NameForm,
        prepared: PreparedName,
        memos: tuple[dict[tuple[str, str], float], ...],
    ) -> PairScore:
        pair = score_pair(query, prepared.form, memos[prepared.person],
                          person=prepared.person, whole=not prepared.partial)  # fmt: skip
        if prepared.partial:
            pair = replace(pair, score=max(0.0, pair.score - PARTIAL_NAME_PENALTY))
        return pair

    def _name_against(self, index: int, queries: Sequence[tuple[str, NameForm]]) -> _Named | None:
        """The best name of one entry for the queries, scored directly: for an entry met
        by an identifier or an address, whose names the index did not propose."""
        best: _Named | None = None
        memos: tuple[dict[tuple[str, str], float], ...] = ({}, {})
        for prepared in prepare_names([self.entry(index)]):
            for column, query in queries:
                pair = self._pair(query, prepared, memos)
                if best is None or _better(pair, best.pair):
                    best = _Named(pair, replace(prepared, entry_index=index), column, query)
        return best

    def _party_index(self) -> PartyIndex:
        """The identifier and address indexes, built on the first row that needs them."""
        if self._extra is None:
            self._extra = PartyIndex([self.entry(i) for i in range(len(self._kept))])
        return self._extra

    def _judge(
        self,
        supplier: Supplier,
        index: int,
        named: _Named | None,
        country: str,
        facts: SupplierFacts | None,
        min_score: float,
    ) -> Match | None:
        """The match of one entry, or None when nothing makes it one (see `match`)."""
        entry = self.entry(index)
        name_score = named.pair.score if named is not None else 0.0
        evidence = [country_evidence(supplier.country, country, entry.countries, name_score)]
        if facts is not None:
            evidence.extend(compare_fields(facts, supplier, entry))
        score, settled = settle(name_score, [e for e in evidence if e is not None])
        shared_id = next((e for e in settled if _agrees(e, "identifier")), None)
        shared_address = next((e for e in settled if _agrees(e, "address")), None)
        basis = Basis.NAME
        if shared_id is not None:
            basis = Basis.NAME if score >= min_score else Basis.IDENTIFIER
            score = 100.0
        elif score < min_score:
            if shared_address is None:
                return None
            basis = Basis.ADDRESS
        why = []
        if basis is Basis.IDENTIFIER:
            why.append(f"shares an identifier with {entry.name}: decides the match")
        elif basis is Basis.ADDRESS:
            why.append(f"shares an address with {entry.name}")
        if named is not None:
            prepared = named.prepared
            reading = scored_reading(
                named.query, prepared.form, person=prepared.person, whole=not prepared.partial
            )
            why.append(
                explain(
                    reading,
                    named.prepared.form,
                    named.pair,
                    partial=named.prepared.partial,
                    country=supplier.country,
                    entry_countries=entry.countries,
                )  # fmt: skip
            )
        if others := describe([e for e in settled if e.field != "country"]):
            why.append(others)
        snapshot = self.snapshots[self._kept[index][0]]
        return Match(
            supplier=supplier,
            entry=entry,
            list_name=snapshot.name,
            matched_name=named.prepared.listed_name if named is not None else entry.name,
            score=score,
            explanation="; ".join(why),
            basis=basis,
            input_column=named.column if named is not None else "name",
            evidence=settled,
        )


def _better(pair: PairScore, than: PairScore) -> bool:
    """Whether a name's score beats another's of the same entry: a higher score, or the same
    with more of the words met as words (not only by the letters without spaces)."""
    return pair.score > than.score or (
        pair.score == than.score and pair.word_overlap > than.word_overlap
    )


@dataclass(frozen=True, slots=True)
class _Named:
    """An entry's best-scoring name for a row: the score, the listed name, the input column
    ("name" or "second_name") and that column's query form."""

    pair: PairScore
    prepared: PreparedName
    column: str
    query: NameForm


def _agrees(evidence: Evidence, field: str) -> bool:
    return evidence.field == field and evidence.agreement is Agreement.AGREES


def has_fields(supplier: Supplier) -> bool:
    """Whether a row has fields beyond its name and country to compare."""
    return bool(
        supplier.address or supplier.identifiers or supplier.date_of_birth or supplier.nationality
    )


def country_evidence(
    given: str, code: str, entry_countries: Sequence[str], name_score: float
) -> Evidence | None:
    """The country compared as `country_adjustment` does, as evidence for the reports."""
    if not given and not entry_countries:
        return None
    listed = "; ".join(entry_countries)
    if not given:
        return Evidence("country", Agreement.INPUT_MISSING, "", listed)
    if not entry_countries:
        return Evidence("country", Agreement.LISTING_MISSING, given, "")
    codes = country_codes(*entry_countries)
    if not code or not codes:
        return Evidence("country", Agreement.UNCOMPARED, given, listed)
    points = country_adjustment(name_score, code, entry_countries)
    agreement = Agreement.AGREES if code in codes else Agreement.DIFFERS
    return Evidence("country", agreement, given, listed, points)
