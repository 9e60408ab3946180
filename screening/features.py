"""Why a name met a listing: the features behind one match's score, as data.

Every JSON report carries them on each name match (`features`), and `screen why` shows
them to a reviewer.

A `Match` carries its explanation as one sentence. A reviewer asking "why did this hit?"
needs more: which words of the two names met, by which rule (the same word, a plural, an
abbreviation, a typo, another spelling of the same sounds), what each weighed (generic
words such as "technology" count for less), which form of the listed name was compared (a
name without its parenthesised part scores as a partial name), how a Chinese name was read,
and the points the country added or took away.

The matcher does not keep these (its `PairScore` holds the totals), so they are worked out
again here for one supplier and one listing, with the matcher's own public functions:
`name_query` and `prepare_names` for the forms compared, `score_pair` for the score,
`word_similarity` for each pair of words, `country_adjustment` for the country. The score
found is the matcher's (`MatchFeatures.score`; tests hold the two equal on the fixtures), so
the words shown are the ones that made it. What cannot be read back from the matcher is how
`screening.persons` paired the parts of an individual's name; for individuals the words are
paired as for a company, each with its best partner, and `person` says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from rapidfuzz.distance import OSA

from screening.i18n import N_
from screening.index import PreparedName, prepare_names
from screening.lists.countries import country_code, country_codes
from screening.match import (
    PARTIAL_NAME_PENALTY,
    country_adjustment,
    explain,
    name_query,
    scored_reading,
)
from screening.models import ListEntry, Supplier
from screening.normalize import NameForm, abbreviation_meanings, translated_words
from screening.persons import abd_form
from screening.scripts import SKELETON_MARK, is_loanword, shown_word
from screening.similarity import (
    PairScore,
    score_pair,
    singular,
    word_similarity,
    word_weight,
)

#: The rules by which two different words count as the same, as `word_similarity` applies
#: them (in its order), with the sentence a reviewer reads (English here and in the JSON;
#: marked for the catalog, so the terminal shows it in the interface's language).
RULES = {
    "same": N_("the same word"),
    "consonants": N_("the same consonants (a script written without vowels)"),
    "loanword": N_("the same consonants (a foreign word written by its sounds in kana or Hangul)"),
    "name_form": N_("the same name in another form (Abd al- / Abdul)"),
    "abbreviation": N_("an abbreviation of the word"),
    "translation": N_("the same word in another language (romanised Russian and English)"),
    "plural": N_("the same word, singular and plural"),
    "typo": N_("one letter apart (a typo)"),
    "variant": N_("another spelling of the same sounds, or two letters apart in a long word"),
    "none": N_("no word of the other name meets it"),
}


@dataclass(frozen=True, slots=True)
class WordMeeting:
    """A word of the supplier's name, the listed word that met it best, and how."""

    query: str
    listed: str  # "" when none met it
    similarity: float  # 0-1, `word_similarity`'s
    rule: str  # a key of `RULES`
    weight: float  # what the word counts for: 1, or less for a generic word


@dataclass(frozen=True, slots=True)
class CountryPoints:
    """The supplier's country against the listing's, and the points that made."""

    country: str  # as the input wrote it
    code: str  # its ISO-2 code, "" when not a country known
    listed: tuple[str, ...]  # the listing's countries, ISO-2
    verdict: str  # "agrees", "differs", "not known", or "not compared"
    points: float


@dataclass(frozen=True, slots=True)
class MatchFeatures:
    """Everything that made one supplier's score against one listing."""

    supplier: Supplier
    entry: ListEntry
    listed_name: str  # the name or alias as the list publishes it
    compared_name: str  # the form of it compared (without a clause or parentheses)
    partial: bool  # part of the listed name: PARTIAL_NAME_PENALTY taken off
    person: bool  # the listing is an individual's: parts in any order (screening.persons)
    query_words: tuple[str, ...]  # the supplier's name as compared
    listed_words: tuple[str, ...]  # the listed name as compared
    reading: str  # how the supplier's name was read, when not as written
    qualifier: str  # a branch or office set aside from the supplier's name
    truncated: bool  # the supplier's name is the listed one's beginning, cut inside a word
    words: tuple[WordMeeting, ...]
    listed_unmet: tuple[str, ...]  # listed words no supplier word met
    word_overlap: float  # 0-100, weighted share of the words found both ways
    joined_similarity: float  # 100 when the names are the same letters without spaces
    generic_only: bool  # the names share only generic words
    name_score: float  # the better of the two above, less the partial penalty
    country: CountryPoints
    score: float  # name_score + country points: the match's score
    explanation: str  # the sentence the reports print


def word_rule(a: str, b: str, person: bool = False) -> str:
    """Which of `word_similarity`'s rules lets two words meet (a key of `RULES`); "none"
    when they do not."""
    if a == b:
        return "same"
    if not word_similarity(a, b, person):
        return "none"
    if is_loanword(a) or is_loanword(b):
        return "loanword"
    if SKELETON_MARK in (a[0], b[0]):
        return "consonants"
    if person and abd_form(a) == abd_form(b):
        return "name_form"
    if b in translated_words().get(a, ()):
        return "translation"
    if b in abbreviation_meanings().get(a, ()):
        return "abbreviation"
    if singular(a) == singular(b):
        return "plural"
    if OSA.distance(a, b, score_cutoff=1) <= 1:
        return "typo"
    return "variant"


def _meetings(
    query_words: Sequence[str],
    listed_words: Sequence[str],
    person: bool,
    exact: frozenset[str],
) -> tuple[tuple[WordMeeting, ...], tuple[str, ...]]:
    """Each query word with its best listed word, and the listed words no query word met
    (as in scoring, a listed word counts as found when any query word meets it). Words of
    `exact` (pinyin made from Chinese characters) meet only themselves, as in scoring."""

    def similar(a: str, b: str) -> float:
        if a != b and (a in exact or b in exact):
            return 0.0
        return word_similarity(a, b, person)

    met: set[int] = set()
    meetings = []
    for word in query_words:
        scored = [(similar(word, other), -i, other) for i, other in enumerate(listed_words)]
        met.update(-i for value, i, _ in scored if value > 0)
        best, _, other = max(scored, default=(0.0, 0, ""))
        rule = word_rule(word, other, person) if best > 0 else "none"
        meetings.append(
            WordMeeting(shown_word(word), other if best > 0 else "", best, rule, word_weight(word))
        )
    unmet = tuple(w for i, w in enumerate(listed_words) if i not in met)
    return tuple(meetings), unmet


def _scored(query: NameForm, prepared: PreparedName) -> PairScore:
    """The pair's score as the matcher gives it, the partial penalty taken off."""
    pair = score_pair(query, prepared.form, person=prepared.person, whole=not prepared.partial)
    if prepared.partial:
        pair = replace(pair, score=max(0.0, pair.score - PARTIAL_NAME_PENALTY))
    return pair


def _compared_form(read: NameForm, pair: PairScore) -> NameForm:
    """The form of the supplier's name the best score came from (`read`, as
    `scored_reading` gives it), without its branch or office when that was set aside."""
    if pair.qualifier and read.without_qualifier is not None:
        return read.without_qualifier
    return read


def _country(supplier: Supplier, entry: ListEntry, name_score: float) -> CountryPoints:
    code = country_code(supplier.country) if supplier.country else ""
    listed = country_codes(*entry.countries)
    if not supplier.country or not entry.countries:
        verdict = "not compared"
    elif not code:
        verdict = "not known"
    else:
        verdict = "agrees" if code in listed else "differs"
    points = country_adjustment(name_score, code, entry.countries)
    return CountryPoints(supplier.country, code, listed, verdict, points)


def match_features(
    supplier: Supplier, entry: ListEntry, matched_name: str | None = None
) -> MatchFeatures | None:
    """The features of `supplier` against `entry` through its best-scoring name (only
    `matched_name`'s forms when given: the name a `Match` reports); None when the supplier's
    name has nothing to compare."""
    query_form = name_query(supplier.name)
    if query_form.skip_reason:
        return None
    query = query_form.form
    names = [p for p in prepare_names([entry]) if matched_name in (None, p.listed_name)]
    if not names:
        return None
    scored = [(_scored(query, p), p) for p in names]
    pair, prepared = max(scored, key=lambda item: item[0].score)
    read = scored_reading(query, prepared.form, person=prepared.person, whole=not prepared.partial)
    form = _compared_form(read, pair)
    query_words, listed_words = pair.read_as or (form.tokens, prepared.form.tokens)
    exact = (form.han.pinyin if form.han is not None else frozenset()) | (
        prepared.form.han.pinyin if prepared.form.han is not None else frozenset()
    )
    words, unmet = _meetings(query_words, listed_words, prepared.person, exact)
    reading = ""
    if pair.read_as is not None:
        reading = N_("its Chinese words read as the listed name reads them (pinyin or English)")
    elif form.han is not None:
        reading = N_("its Chinese words in English or pinyin")
    elif form.tokens != query.tokens and not pair.qualifier:
        reading = N_("in another romanisation of its script")
    country = _country(supplier, entry, pair.score)
    return MatchFeatures(
        supplier=supplier,
        entry=entry,
        listed_name=prepared.listed_name,
        compared_name=prepared.form.original,
        partial=prepared.partial,
        person=prepared.person,
        query_words=tuple(shown_word(w) for w in query_words),
        listed_words=tuple(listed_words),
        reading=reading,
        qualifier=pair.qualifier,
        truncated=pair.truncated,
        words=words,
        listed_unmet=unmet,
        word_overlap=pair.word_overlap,
        joined_similarity=pair.joined_similarity,
        generic_only=pair.generic_only,
        name_score=pair.score,
        country=country,
        score=pair.score + country.points,
        explanation=explain(
            read,
            prepared.form,
            pair,
            partial=prepared.partial,
            country=supplier.country,
            entry_countries=entry.countries,
        ),
    )


def features_record(features: MatchFeatures) -> dict[str, Any]:
    """The features as one JSON-ready object (field names as in `MatchFeatures`; `rule`
    of a word is a key of `RULES`, `rule_text` its sentence)."""
    country = features.country
    return {
        "listed_name": features.listed_name,
        "compared_name": features.compared_name,
        "partial": features.partial,
        "partial_penalty": PARTIAL_NAME_PENALTY if features.partial else 0.0,
        "person": features.person,
        "query_words": list(features.query_words),
        "listed_words": list(features.listed_words),
        "reading": features.reading,
        "qualifier": features.qualifier,
        "truncated": features.truncated,
        "words": [
            {
                "query": w.query,
                "listed": w.listed,
                "similarity": round(w.similarity, 3),
                "rule": w.rule,
                "rule_text": RULES[w.rule],
                "weight": w.weight,
            }
            for w in features.words
        ],
        "listed_unmet": list(features.listed_unmet),
        "word_overlap": round(features.word_overlap, 1),
        "joined_similarity": features.joined_similarity,
        "generic_only": features.generic_only,
        "name_score": round(features.name_score, 2),
        "country": {
            "country": country.country,
            "code": country.code,
            "listed": list(country.listed),
            "verdict": country.verdict,
            "points": round(country.points, 2),
        },
        "score": round(features.score, 2),
    }
