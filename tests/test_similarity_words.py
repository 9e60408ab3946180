"""Direct tests of the public functions of `screening.similarity`, one rule each:
`word_weight`, `joined_similarity`, `singular`, every branch of `word_similarity`, and
what `score_pair` reports beside its score. The matching cases live in test_similarity.py
and tests/cases/name_pairs.csv."""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz

from screening.normalize import generic_words, name_form
from screening.similarity import (
    GENERIC_WEIGHT,
    PLURAL_SIMILARITY,
    SHORT_TYPO_SIMILARITY,
    WORD_MATCH_FLOOR,
    joined_similarity,
    score_pair,
    singular,
    word_similarity,
    word_weight,
)


def test_generic_words_weigh_less_than_others():
    assert "technology" in generic_words() and "huawei" not in generic_words()
    assert word_weight("technology") == GENERIC_WEIGHT < 1.0
    assert word_weight("huawei") == 1.0


def test_joined_names_count_only_when_their_letters_are_the_same():
    assert joined_similarity("inspurtaiwan", "inspurtaiwan") == 100.0
    assert joined_similarity("microntechnology", "microtechnology") == 0.0  # one edit is not


@pytest.mark.parametrize(
    ("word", "expected"),
    [("industries", "industry"), ("systems", "system"), ("class", "class"), ("bus", "bus")],
)
def test_singular_takes_off_a_plural_ending_but_not_ss_or_from_short_words(word, expected):
    assert singular(word) == expected


def test_equal_words_and_plurals():
    assert word_similarity("huawei", "huawei") == 1.0
    assert word_similarity("technologies", "technology") == PLURAL_SIMILARITY


def test_one_edit_in_a_long_word_counts_its_ratio():
    expected = fuzz.ratio("informaton", "information") / 100.0
    assert WORD_MATCH_FLOOR / 100.0 <= expected < 1.0
    assert word_similarity("informaton", "information") == expected


def test_a_typo_in_a_short_word_counts_at_most_the_short_typo_similarity():
    assert fuzz.ratio("chna", "china") / 100.0 > SHORT_TYPO_SIMILARITY
    assert word_similarity("chna", "china") == SHORT_TYPO_SIMILARITY


def test_very_short_words_must_be_equal_except_in_a_persons_name():
    assert word_similarity("zte", "ztf") == 0.0
    assert word_similarity("sok", "sko") == 0.0
    assert word_similarity("sok", "sko", person=True) == SHORT_TYPO_SIMILARITY


def test_two_edits_are_another_word():
    # A letter dropped in one place and another added elsewhere: two OSA edits.
    assert word_similarity("maris", "abris") == 0.0


def test_a_pair_sharing_only_generic_words_says_so_and_scores_by_the_weights():
    pair = score_pair(name_form("Alpha Beijing Technology"), name_form("Omega Beijing Technology"))
    assert pair.generic_only
    # Each side finds its two generic words and misses its one distinctive word.
    expected = 100.0 * (2 * 2 * GENERIC_WEIGHT) / (2 * (1.0 + 2 * GENERIC_WEIGHT))
    assert pair.word_overlap == pytest.approx(expected)
    assert pair.score == round(expected, 1)


def test_names_cut_into_other_words_meet_by_their_joined_letters():
    pair = score_pair(name_form("Inspur Tai Wan"), name_form("Inspur Taiwan"))
    assert pair.joined_similarity == 100.0
    assert pair.word_overlap < 100.0
    assert pair.score == 100.0
    assert not pair.generic_only


def test_an_empty_name_scores_nothing():
    pair = score_pair(name_form(""), name_form("Huawei"))
    assert (pair.score, pair.word_overlap, pair.joined_similarity) == (0.0, 0.0, 0.0)
