"""Spelling variants beyond one edit (`screening/phonetic.py`): the renderings of one name by
different transliteration systems share a phonetic key, long words may be two edits apart,
and neither lifts short or merely similar-sounding company words to a hit."""

from __future__ import annotations

from pathlib import Path

import pytest

from screening.index import AllNames
from screening.match import DEFAULT_THRESHOLD, ListMatcher
from screening.models import ListEntry, ListSnapshot, Supplier
from screening.normalize import generic_words, name_form
from screening.phonetic import (
    PHONETIC_SIMILARITY,
    phonetic_keys,
    short_name_key,
    shortened_by_two,
    sound_alike,
    two_edit_similarity,
    variant_similarity,
)
from screening.similarity import score_pair, word_similarity


@pytest.mark.parametrize(
    "spellings",
    [
        ("mohammed", "muhammad", "mohamed", "mokhammed"),  # Arabic vowels, doubled letters
        ("hezbollah", "hizballah", "hizbollah"),  # vowels, final h
        ("bashar", "bachar"),  # French ch for sh
        ("sergey", "sergei", "sergej"),  # Й as y, i, j
        ("khodorkovsky", "chodorkowski"),  # Х kh / German ch; В v / w
        ("tekhnopromeksport", "technopromexport"),  # kh / ch before n; ks / x
        ("zhukov", "joukov"),  # Ж zh / French j
        ("prigozhin", "prigoschin"),  # Ж zh / German sch
        ("chekhov", "tschechow"),  # Ч ch / German tsch
        ("gadhafi", "qadhafi", "kadhafi"),  # ق q / g / k
        ("yevgeny", "evgeniy"),  # Е ye / e
        ("dmitry", "dmitrii", "dmitriy"),  # -ий y / ii / iy
        ("putin", "poutine"),  # French mute e
        ("krasnov", "krasnoff"),  # -ov / -off of French and older English renderings
        ("medvedev", "medvedeff"),
        ("jadhran", "jazran"),  # ذ dh / Persian z
        ("selenskyj", "zelenskyy"),  # З s before a vowel in German renderings
        ("sinowjew", "zinoviev"),
    ],
)
def test_renderings_of_one_name_share_a_key(spellings):
    keys = [phonetic_keys(word) for word in spellings]
    for word, other in zip(spellings, spellings[1:], strict=False):
        assert sound_alike(word, other, 2), (word, other, keys)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("mahmoud", "mohamed"),  # other names: the vowels stand elsewhere
        ("hassan", "hussain"),  # a diphthong is a vowel group too: these do share a key ...
    ],
)
def test_keys_keep_the_consonants_and_where_vowels_stand(a, b):
    if (a, b) == ("mahmoud", "mohamed"):
        assert not sound_alike(a, b, 2)
    else:  # ... which is why a shared key is never worth an exact word
        assert sound_alike(a, b, 2)
        assert word_similarity(a, b, person=True) < 0.9


def test_words_with_digits_or_other_letters_have_no_key():
    assert phonetic_keys("1st") == frozenset()
    assert phonetic_keys("") == frozenset()


def test_persons_words_that_sound_alike_count_below_an_exact_word():
    assert word_similarity("mohammed", "muhammad", person=True) == PHONETIC_SIMILARITY
    # Not by sound in company names: there two letters changed in eight count by their ratio.
    assert word_similarity("mohammed", "muhammad") == 0.75
    assert word_similarity("khodorkovsky", "chodorkowski", person=True) == PHONETIC_SIMILARITY


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("mayra", "mario"),  # short names read alike too easily
        ("dave", "daw"),
        ("young", "jung"),
        ("ali", "eli"),  # a key of one consonant
    ],
)
def test_short_persons_names_do_not_meet_by_sound(a, b):
    assert variant_similarity(a, b, person=True) == 0.0


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("tekhnopromeksport", "technopromexport", PHONETIC_SIMILARITY),  # long, mostly same
        ("hezbollah", "hizballah", PHONETIC_SIMILARITY),
        ("meridian", "marathon", 0.0),  # same consonants, other letters: other words
        ("supercom", "superkam", 0.75),  # not by sound: two letters changed in eight
        ("chemed", "chimmed", 0.0),
    ],
)
def test_company_words_meet_by_sound_only_when_long_and_alike(a, b, expected):
    assert variant_similarity(a, b) == expected


def test_long_words_may_be_two_edits_apart():
    assert word_similarity("rosoboroneksport", "rosoboronexport") == pytest.approx(0.903, 0.01)
    assert word_similarity("informaton", "infromation") == pytest.approx(0.857, 0.01)
    assert word_similarity("corpoatoin", "corporation") == pytest.approx(0.857, 0.01)
    assert word_similarity("shgnghia", "shanghai") == 0.75  # two changed in eight letters
    assert word_similarity("aicrft", "aircraft") == pytest.approx(0.857, 0.01)  # two dropped
    # Three edits, or a shorter word, stay apart.
    assert word_similarity("corpatin", "corporation") == 0.0
    assert word_similarity("sinotek", "sintech") == 0.0
    # Two known trade words are two words, not a slip.
    assert word_similarity("electric", "electronic") == 0.0
    assert two_edit_similarity("electric", "electronic") == pytest.approx(0.889, 0.01)
    assert two_edit_similarity("electric", "electronic", generic_words()) == 0.0


def test_a_word_two_letters_shorter_counts_only_beside_a_word_met_as_itself():
    assert shortened_by_two("enersys", "enterysys") and shortened_by_two("aicrft", "aircraft")
    assert not shortened_by_two("corpoatoin", "corporation")  # both long: a slip
    # Alone it is another company's name; beside a distinctive word it is a slip.
    alone = score_pair(name_form("EnerSys"), name_form("ENTERYSYS CORPORATION")).score
    assert alone < DEFAULT_THRESHOLD
    beside = score_pair(name_form("Xian Aicrft Hongyuan"), name_form("Xian Aircraft Hongyuan"))
    assert beside.score >= DEFAULT_THRESHOLD
    # One long word two letters changed is still not a one-word hit (84.6).
    pair = score_pair(name_form("Techprecision"), name_form("Testprecision"))
    assert pair.score < DEFAULT_THRESHOLD


def test_a_phonetic_match_alone_does_not_make_a_one_word_hit():
    # A company name against a listed person's one-word alias that sounds alike: a lone
    # name part more than a typo away counts at most as a short typo.
    pair = score_pair(name_form("Garmin Ltd"), name_form("Qerman"), person=True)
    assert pair.score < DEFAULT_THRESHOLD


def _snapshot() -> ListSnapshot:
    entries = (
        ListEntry(entry_id="e1", source="test", name="TECHNOPROMEXPORT", entity_type="Entity"),
        ListEntry(entry_id="e2", source="test", name="HIZBALLAH", entity_type="Entity"),
        ListEntry(
            entry_id="p1", source="test", name="MUHAMMAD BIN SALMAN", entity_type="Individual"
        ),
        ListEntry(
            entry_id="p2",
            source="test",
            name="KHODORKOVSKY, Mikhail",
            entity_type="Individual",
        ),
        ListEntry(entry_id="e3", source="test", name="ROSOBORONEXPORT", entity_type="Entity"),
        ListEntry(entry_id="e4", source="test", name="Superkam LLC", entity_type="Entity"),
        ListEntry(entry_id="p3", source="test", name="TARIQ AZIZ", entity_type="Individual"),
        ListEntry(
            entry_id="p4", source="test", name="KRASNOV, Igor Victorovich", entity_type="Individual"
        ),
    )
    return ListSnapshot(
        name="test", path=Path("test.csv"), sha256="0", format="csl_csv", entries=entries
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Tekhnopromeksport", "e1"),
        ("Hezbollah", "e2"),
        ("Mohammed bin Salman", "p1"),
        ("Michail Chodorkowski", "p2"),
        ("Rosoboroneksport", "e3"),
        ("SuperCom Ltd", None),
        ("Tareq Azez", "p3"),
        ("Igor Krasnoff", "p4"),
    ],
)
def test_the_index_proposes_variants_and_they_hit(query, expected):
    snapshot = _snapshot()
    indexed = ListMatcher([snapshot])
    brute = ListMatcher([snapshot], candidate_source=AllNames)
    supplier = Supplier(row=1, name=query)
    hits = indexed.match(supplier, min_score=DEFAULT_THRESHOLD)
    assert [m.entry.entry_id for m in hits] == ([expected] if expected else [])
    for floor in (70.0, DEFAULT_THRESHOLD):
        got = {(m.entry.entry_id, m.score) for m in indexed.match(supplier, min_score=floor)}
        want = {(m.entry.entry_id, m.score) for m in brute.match(supplier, min_score=floor)}
        assert got == want


# --- the vowels of short romanised Arabic names ---------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("tariq", "tareq"),  # i / e
        ("hafiz", "hafez"),
        ("aziz", "azez"),
        ("umar", "omar"),  # u / o / ou
        ("omar", "oumar"),
        ("dost", "dust"),
        ("diaby", "deaby"),
        ("ali", "aly"),  # a final y
    ],
)
def test_short_names_in_other_vowels_of_romanised_arabic_sound_alike(a, b):
    assert short_name_key(a) == short_name_key(b)
    # One letter apart, they count as words that sound alike, not as a typo.
    assert word_similarity(a, b, person=True) == PHONETIC_SIMILARITY


@pytest.mark.parametrize(("a", "b"), [("hafiz", "hafez"), ("umar", "omar"), ("sami", "samy")])
def test_short_company_words_in_other_vowels_of_romanised_arabic_sound_alike(a, b):
    """A company's short word spelt in another romanisation counts as in a person's name."""
    assert short_name_key(a) == short_name_key(b)
    assert word_similarity(a, b) == PHONETIC_SIMILARITY
    listed = "HAFIZ SHIPPING COMPANY"
    assert score_pair(name_form("Hafez Shipping Co"), name_form(listed)).score >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("iargeo", "yargeo"),  # Я as ia (ICAO) or ya (BGN/PCGN): one letter in six
        ("iakhont", "yakhont"),
    ],
)
def test_longer_words_in_other_romanisations_count_as_sounding_alike(a, b):
    assert word_similarity(a, b) >= PHONETIC_SIMILARITY
    entry = ListEntry(entry_id="c1", name=f"{b.upper()} OOO", source="t", entity_type="Entity")
    snapshot = ListSnapshot(
        name="t", path=Path("t.csv"), sha256="0", format="csl_csv", entries=(entry,)
    )
    # The candidate index finds the pair it gives credit to.
    found = ListMatcher([snapshot]).match(Supplier(1, f"{a} OOO"), min_score=DEFAULT_THRESHOLD)
    assert [m.entry.entry_id for m in found] == ["c1"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("dave", "davi"),  # English writes a final e silent
        ("young", "jung"),  # the ou after a vowel
        ("mario", "maria"),  # o / a: other vowels
        ("hamid", "hamad"),
    ],
)
def test_other_vowels_stay_apart(a, b):
    assert short_name_key(a) != short_name_key(b)
    assert word_similarity(a, b, person=True) < PHONETIC_SIMILARITY
    assert word_similarity(a, b) < PHONETIC_SIMILARITY


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Tareq Azez", "TARIQ AZIZ"),
        ("Umar Deaby", "OUMAR DIABY"),
        ("Igor Victorowitsch Krasnoff", "KRASNOV, Igor Victorovich"),
        ("Ibrahim Saeed Salim Jazran", "Ibrahim Saeed Salim Jadhran"),
        ("Wolodymyr Selenskyj", "ZELENSKYY, Volodymyr"),
    ],
)
def test_other_romanisations_of_persons_names_hit(query, listed):
    assert score_pair(name_form(query), name_form(listed), person=True).score >= DEFAULT_THRESHOLD


# --- two edits in a long part of a person's name ------------------------------------------------


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Hatem Qxfeeisheh", "QFEISHEH, Hatem"),  # two letters added
        ("Mbhgmmed Abu Teir", "ABU TEIR, Mohammed"),  # two changed
        ("Julio Cesar Aviles Csatilulo", "AVILES CASTILLO, Julio Cesar"),  # swapped, added
    ],
)
def test_a_long_part_of_a_persons_name_two_edits_off_is_found(query, listed):
    assert score_pair(name_form(query), name_form(listed), person=True).score >= DEFAULT_THRESHOLD


def test_two_edits_count_only_in_long_parts_of_persons_names_and_not_alone():
    assert word_similarity("mbhgmmed", "mohammed", person=True) == 0.75
    assert word_similarity("petrova", "petrenko", person=True) == 0.0  # under eight letters
    lone = score_pair(name_form("Qxfeeisheh"), name_form("QFEISHEH"), person=True).score
    assert lone < DEFAULT_THRESHOLD  # a lone part


def test_the_index_finds_long_parts_two_edits_off_with_its_tables():
    entries = tuple(
        ListEntry(entry_id=f"p{i}", source="test", name=name, entity_type="Individual")
        for i, name in enumerate(("QFEISHEH, Hatem", "CASTILLO, Julio", "PETROV, Hatem"))
    )
    snapshot = ListSnapshot(
        name="test", path=Path("test.csv"), sha256="1", format="csl_csv", entries=entries
    )
    indexed = ListMatcher([snapshot])
    indexed.source.build_tables()  # a batch's path, not the one-name scan
    brute = ListMatcher([snapshot], candidate_source=AllNames)
    for name in ("Hatem Qxfeeisheh", "Julio Csatilulo"):
        supplier = Supplier(row=1, name=name)
        got = {(m.entry.entry_id, m.score) for m in indexed.match(supplier, min_score=70.0)}
        want = {(m.entry.entry_id, m.score) for m in brute.match(supplier, min_score=70.0)}
        assert got == want and got, name


def test_the_index_finds_company_words_two_edits_off_with_its_tables():
    names = (
        "Xian Aircraft Hongyuan Co",
        "Heilongjiang Northern Tools Co., Ltd.",
        "Enterysys Corporation",
        "Aerosun Electronics Corporation",
    )
    entries = tuple(
        ListEntry(entry_id=f"e{i}", source="test", name=name, entity_type="Entity")
        for i, name in enumerate(names)
    )
    snapshot = ListSnapshot(
        name="test", path=Path("test.csv"), sha256="2", format="csl_csv", entries=entries
    )
    indexed = ListMatcher([snapshot])
    indexed.source.build_tables()  # a batch's path, not the one-name scan
    brute = ListMatcher([snapshot], candidate_source=AllNames)
    queries = {
        "Xian Aicrft Hongyuan Co": "e0",  # two letters dropped, beside words met as they are
        "Heilongjiang Norhen Tools": "e1",
        "EnerSys": None,  # another company: a lone word two letters shorter
        "Aerosun Elqcronics": "e3",  # two letters changed in a long word
    }
    for name, expected in queries.items():
        supplier = Supplier(row=1, name=name)
        hits = indexed.match(supplier, min_score=DEFAULT_THRESHOLD)
        assert [m.entry.entry_id for m in hits] == ([expected] if expected else []), name
        for floor in (60.0, DEFAULT_THRESHOLD):
            got = {(m.entry.entry_id, m.score) for m in indexed.match(supplier, min_score=floor)}
            want = {(m.entry.entry_id, m.score) for m in brute.match(supplier, min_score=floor)}
            assert got == want, name
