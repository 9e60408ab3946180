"""Word and pair similarity: the rules of `screening.similarity`, each with members of its
class and the negatives it must not create."""

from __future__ import annotations

import pytest

from screening.match import DEFAULT_THRESHOLD
from screening.normalize import abbreviation_meanings, name_form, normalize_name
from screening.similarity import ABBREVIATION_SIMILARITY, score_pair, word_similarity


def score(query: str, listed: str) -> float:
    return score_pair(name_form(query), name_form(listed)).score


# --- vendor-master abbreviations -----------------------------------------------------------


@pytest.mark.parametrize(
    ("abbreviated", "written"),
    [
        # Abbreviations with one meaning are written out before names are compared.
        ("Shenzhen Kaifa TRDG Co", "Shenzhen Kaifa Trading Co., Ltd."),
        ("Starwave COMMS Tech Corp", "Starwave Communications Technology Corporation"),
        ("Cambricon INFO Tech", "Cambricon Information Technology"),
        ("Wuhan Sanjiang IMP. & EXP. Co", "Wuhan Sanjiang Import & Export Co., Ltd."),
        ("Harbin Natl Engg Research Ctr", "Harbin National Engineering Research Center"),
        ("Tula MFRS ASSN", "Tula Manufacturers Association"),
        ("Ningbo Inst of Materials", "Ningbo Institute of Materials"),
        # Abbreviations of several words meet whichever of them the other name has.
        ("Hebei Poshing ELEC.", "Hebei Poshing Electronics Co., Ltd."),
        ("Hebei Poshing ELEC.", "Hebei Poshing Electric Co., Ltd."),
        ("Yazd Metallurgical IND. Co", "Yazd Metallurgical Industries"),
        ("Yazd Metallurgical IND. Co", "Yazd Metallurgical Industrial Company"),
        ("China Mobile COMM", "China Mobile Communications"),
        ("Nordwind RES Ltd", "Nordwind Resources Limited"),
        ("Nordwind RES Ltd", "Nordwind Research Limited"),
    ],
)
def test_abbreviations_meet_their_words(abbreviated, written):
    assert score(abbreviated, written) >= DEFAULT_THRESHOLD


def test_abbreviation_of_several_words_is_not_written_out():
    """'Elec' may be electric or electronic: it stays as written, and meets both."""
    assert normalize_name("Poshing Elec") == "poshing elec"
    assert word_similarity("elec", "electronics") == ABBREVIATION_SIMILARITY
    assert word_similarity("electric", "elec") == ABBREVIATION_SIMILARITY
    # Two of its words are not made the same word through it.
    assert word_similarity("electric", "electronics") == 0.0
    assert "elec" in abbreviation_meanings()["electrical"]


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        # An abbreviation meets only the words it stands for.
        ("Hebei Poshing Elec", "Hebei Poshing Energy"),
        ("Nordwind Res", "Nordwind Resorts"),
        ("Nordwind Comm", "Nordwind Community"),
        # "Comp" is not taken as "company" (a legal form, dropped): the name keeps it.
        ("Sovtest Comp", "Sovtest Group"),
        # Generic-weight abbreviations alone do not make a match of two other names.
        ("Alpha Elec Ind", "Omega Electronics Industries"),
    ],
)
def test_abbreviations_create_no_other_matches(query, listed):
    assert score(query, listed) < DEFAULT_THRESHOLD


def test_comp_kept_where_it_starts_a_word_cut_in_two():
    """'Comp uting' is 'Computing' written with a space: its letters stay as written."""
    assert name_form("Institute of Comp uting Machinery").joined == "instituteofcomputingmachinery"
