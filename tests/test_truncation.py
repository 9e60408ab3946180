"""Names cut at a field's length (`screening.truncation`): the beginning of a listed name,
cut inside a word, scores as that name's beginning; a name cut between words does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from screening.features import features_record, match_features
from screening.match import DEFAULT_THRESHOLD, ListMatcher
from screening.models import ListEntry, ListSnapshot, Supplier
from screening.normalize import name_form
from screening.similarity import score_pair
from screening.truncation import (
    TRUNCATED_FLOOR,
    TRUNCATED_MIN_CHARS,
    PrefixTable,
    cut_inside_word,
    cut_score,
    folded,
    letters,
    may_be_cut,
    names_before_cut,
    truncated_score,
)

LISTED = "Northern Star Precision Instruments Manufacturing Company (Tianjin)"
#: The listed name as a vendor master's 40-character field keeps it.
CUT = LISTED[:40]


def matcher(*names: str) -> ListMatcher:
    entries = tuple(
        ListEntry(entry_id=f"e-{i}", source="test", name=name, entity_type="Entity")
        for i, name in enumerate(names)
    )
    snapshot = ListSnapshot(
        name="test", path=Path("test.csv"), sha256="x", format="test", entries=entries
    )
    return ListMatcher([snapshot])


def test_folded_form():
    assert folded("  Société  Générale, S.A. ") == "societe generale s a"
    assert folded("JSC “KRASNY”-Plant_1") == "jsc krasny plant 1"


def test_a_name_cut_inside_a_word_is_the_listed_name_beginning():
    assert CUT == "Northern Star Precision Instruments Manu"
    assert cut_inside_word(CUT, LISTED)
    score = cut_score(CUT, LISTED)
    assert TRUNCATED_FLOOR < score < 99.0
    # On its words alone it is a name with most of the listing's words missing.
    plain = score_pair(name_form(CUT), name_form(LISTED))
    assert plain.truncated and plain.score == score
    assert (
        score_pair(name_form("Northern Star Precision Instruments"), name_form(LISTED)).score
        < score
    )


@pytest.mark.parametrize(
    ("query", "why"),
    [
        ("Northern Star Precision Instruments", "cut between two words"),
        ("Northern Star Precision Inst", "too short to be a field's width"),
        ("Northern Star Precision Instruments Manufacturing Company (NSPIM) Ltd", "longer"),
        ("Southern Star Precision Instruments Manufactu", "another beginning"),
    ],
)
def test_other_names_are_not_read_as_cut(query, why):
    assert cut_score(query, LISTED) == 0.0, why


def test_a_legal_form_written_out_is_no_name_before_the_cut():
    listed = "Obshchestvo s Ogranichennoy Otvetstvennostyu Baikal"
    query = "Obshchestvo s Ogranichennoy Otvetstvennostyu Bai"
    assert cut_score(query, listed) > 0.0  # the texts alone would say cut
    assert not names_before_cut(name_form(query).tokens)  # but only "bai" is a name
    assert truncated_score(name_form(query), name_form(listed)) == 0.0
    assert score_pair(name_form(query), name_form(listed)).score < DEFAULT_THRESHOLD


def test_may_be_cut_counts_letters_digits_and_spaces():
    assert not may_be_cut("A" * (TRUNCATED_MIN_CHARS - 1))
    assert not may_be_cut("A. " * 12)  # long, but few letters
    assert may_be_cut("A" * TRUNCATED_MIN_CHARS)


def test_prefix_table_finds_the_names_a_cut_name_begins():
    table = PrefixTable(
        [
            (LISTED, 0),
            ("Northern Star Precision Instruments", 1),
            ("Northern Star Ltd", 2),
            ("Northern Star Precision Instrumentation Works Co", 3),
        ]  # fmt: skip
    )
    assert table.find(CUT) == [0]
    # In folded order, each going on inside the cut word.
    assert table.find("Northern Star Precision Instrumen") == [3, 1, 0]
    assert table.find("Northern Star Precision Instruments") == []  # cut between words
    assert table.find("Northern Star") == []  # too short to be read as cut


def test_the_matcher_finds_and_explains_a_cut_name():
    found = matcher(LISTED, "Northern Star Logistics").match(
        Supplier(row=1, name=CUT), min_score=DEFAULT_THRESHOLD
    )
    assert [m.entry.entry_id for m in found] == ["e-0"]
    assert "cut inside a word" in found[0].explanation
    features = match_features(Supplier(row=1, name=CUT), found[0].entry, found[0].matched_name)
    assert features is not None and features_record(features)["truncated"] is True


def test_letters_alone():
    assert letters("SIEMENS, A.G.") == letters("SiemensAG") == "siemensag"


def test_prefix_table_finds_the_names_with_the_same_letters():
    table = PrefixTable([("ELMONT AG", 0), ("Elmont", 1), ("ELMONT-AG", 2), ("Elmonta G", 3)])
    assert table.same_letters("ELMONTAG") == [0, 2, 3]
    assert table.same_letters("Elmont") == [1]
    assert table.same_letters("...") == []


def test_the_matcher_finds_a_name_with_its_legal_form_glued_on():
    found = matcher("ELMONT AG", "Elmont Logistics").match(
        Supplier(row=1, name="ELMONTAG"), min_score=DEFAULT_THRESHOLD
    )
    assert [m.entry.entry_id for m in found] == ["e-0"]
    assert "spelling without spaces 100" in found[0].explanation
