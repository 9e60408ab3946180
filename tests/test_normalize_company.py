"""Normalisation rules for the parts of company names vendor masters write their own way:
numbers, legal forms written out or glued, and branch or office qualifiers. Each rule with
several members of its class and the negatives it must not create."""

from __future__ import annotations

import pytest

from screening.chinese import split_han_branch
from screening.match import DEFAULT_THRESHOLD
from screening.normalize import (
    canonical_numbers,
    name_form,
    normalize_name,
    place_reading,
    roman_value,
    without_courtesy_prefix,
)
from screening.similarity import reading_forms, score_pair


def score(query: str, listed: str) -> float:
    return score_pair(name_form(query), name_form(listed)).score


# --- numbers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("First Oil JV Co Ltd", "1st Oil JV Co Ltd"),
        ("Three Rivers Trading", "3 Rivers Trading"),
        ("Forty-Four Holdings", "44 Holdings"),
        ("Twenty-First Century Shipping", "21st Century Shipping"),
        ("Kvant Fund II", "Kvant Fund 2"),
        ("Kvant Fund III", "Kvant Fund Three"),
        ("Kvant-IV Plant", "Kvant 4 Plant"),
        ("Thirteenth Research Institute", "13th Research Institute"),
        ("One Hundred Acres Farm", "100 Acres Farm"),
    ],
)
def test_numbers_written_in_one_form(one, other):
    assert normalize_name(one) == normalize_name(other)


def test_number_words_join_only_as_one_number():
    assert canonical_numbers(["seven", "eleven"]) == ["seven", "eleven"]
    assert canonical_numbers(["nineteen", "eighty", "four"]) == ["nineteen", "eightyfour"]
    assert canonical_numbers(["three", "hundred", "forty", "five"]) == ["345"]
    assert canonical_numbers(["twenty", "first", "century"]) == ["twentyfirst", "century"]


def test_a_typo_in_a_number_word_still_meets_it():
    """Numbers are written as words, not digits, so a typo in 'First' is still one edit."""
    assert score("Firts Oil JV Co Ltd", "FIRST OIL JV CO LTD") >= DEFAULT_THRESHOLD
    assert score("Secnod Academy of Natural Sciences", "2nd Academy of Natural Sciences") >= (
        DEFAULT_THRESHOLD
    )


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Fortyfour Holdings", "Fortyfive Holdings"),
        ("44 Holdings", "45 Holdings"),
        ("Plant 2024", "Plant 2025"),
        ("3rd Navigation Bureau", "4th Navigation Bureau"),
    ],
)
def test_other_numbers_stay_apart(one, other):
    assert normalize_name(one) != normalize_name(other)
    assert score(one, other) < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("word", "value"),
    [("ii", 2), ("iii", 3), ("iv", 4), ("ix", 9), ("xiv", 14), ("xxxix", 39)],
)
def test_roman_numerals(word, value):
    assert roman_value(word) == value


@pytest.mark.parametrize("word", ["i", "v", "x", "xi", "mix", "civ", "dix", "vx", "iiii", "il"])
def test_not_roman_numerals(word):
    """Single letters are initials, 'Xi' a surname, 'Mix' a word, 'IIII' no numeral."""
    assert roman_value(word) is None


def test_roman_numeral_only_after_a_name():
    assert normalize_name("II Fund") == "ii fund"
    assert normalize_name("Xi Jinping") == "xi jinping"
    assert normalize_name("Mix II") == "mix two"


def test_written_words_keep_numbers_as_spelled():
    """A number word cut in two ('Sec ond') is found by the spelling without spaces."""
    form = name_form("CCCC Second Navigation")
    assert form.tokens == ("cccc", "second", "navigation")
    assert score("CCCC Sec ond Navigation", "CCCC Second Navigation") == 100.0
    assert name_form("Fund 2").spelled == ("fund", "2")


# --- legal forms written out in full or glued ---------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "Kvant Aktiengesellschaft",
        "Kvant Gesellschaft mit beschränkter Haftung",
        "Kvant Societatea cu Răspundere Limitată",
        "Kvant Sociedad Anónima",
        "Kvant Limited Liability Company",
        "Obshchestvo s Ogranichennoy Otvetstvennostyu Kvant",
        "Kvant Spółka z ograniczoną odpowiedzialnością",
        "Kvant Besloten Vennootschap",
        "Kvant Anonim Şirketi",
        "Kvant Sendirian Berhad",
        "Kvant Pty Ltd",
        # glued to each other
        "AKTSIONERNOEOBSHCHESTVO KVANT",
        "Kvant COLTD",
        "Kvant SdnBhd",
        "Kvant JointStockCompany",
        # glued to the name: a capital after a small letter starts the form
        "KvantAG",
        "KvantGmbH",
        "KvantSA",
        "KvantAB",
        # glued to the name in any case: forms no word of a name ends with
        "KVANTGMBH",
        "KVANTLTD",
        "KvantLLC",
    ],
)
def test_legal_forms_written_out_or_glued_are_dropped(name):
    assert normalize_name(name) == "kvant"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # Words that merely end in a form's letters stay whole, in any case.
        ("Predrag Holdings", "predrag holdings"),
        ("Empresa Nacional", "empresa nacional"),
        ("ZIGZAG", "zigzag"),
        ("Vargas Trading", "vargas trading"),
        ("Francisco Foods", "francisco foods"),
        ("Zinc One", "zinc one"),
        ("NOVATEK", "novatek"),
        ("MORSKOY FLOT", "morskoy flot"),
        # Too little left before the form: a short word is kept whole.
        ("BigAG", "bigag"),
        ("ALTD", "altd"),
        # Brands made with "Co" and "Corp" keep it.
        ("PepsiCo", "pepsico"),
        ("StoneCo Ltd", "stoneco"),
        ("BanCorp", "bancorp"),
        # All capitals: no case shows where a form would start.
        ("SIEMENSAG", "siemensag"),
    ],
)
def test_words_ending_like_a_legal_form_are_kept(name, expected):
    assert normalize_name(name) == expected


def test_glued_form_meets_the_listing():
    assert score("SiemensAG", "Siemens AG") == 100.0
    assert score("EVERTOP SERVICES SDNBHD", "Evertop Services Sdn. Bhd.") == 100.0
    assert score("Kvant Aktsionernoe Obshchestvo", "AO Kvant") == 100.0


def test_the_russian_state_corporation_is_a_legal_form():
    """Госкорпорация (Federal Law No. 7-FZ, art. 7.1) in English, transliterated or Cyrillic."""
    for name in (
        "Rostec State Corporation",
        "State Corporation Rostec",
        "Goskorporatsiya Rostec",
        "Государственная корпорация Rostec",
    ):
        assert normalize_name(name) == "rostec", name
    # The words apart are words of the name: "China State Construction Engineering Corp".
    assert "state" in normalize_name("China State Construction Engineering Corporation")


# --- branch and office qualifiers ---------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "qualifier"),
    [
        ("Kvant Optics Co., Ltd. Shanghai Branch", "shanghai branch"),
        ("Kvant Optics (Hong Kong Office)", "hong kong office"),
        ("Kvant Optics - Dubai Branch", "dubai branch"),
        ("Kvant Optics (Representative Office)", "representative office"),
        ("Kvant Optics (Main Office)", "main office"),
        ("Kvant Optics (Panama City)", "panama city"),
        ("Kvant Optics GmbH Zweigniederlassung Hamburg", "zweigniederlassung hamburg"),
        ("Kvant Optics, Filial", "filial"),
        ("Kvant Optics Co., Ltd. Shanghai", "shanghai"),
        ("Kvant Optics Sales Office", "sales office"),
        # Beginning with a branch phrase, no legal form before it.
        ("Kvant Optics Representative Office in Beijing", "representative office in beijing"),
        # A place written as one word ("Xi'an": "xi an" in places.txt).
        ("Kvant Optics Xi'an Branch", "xian branch"),
        # A place places.txt lacks, beside a branch word: set apart by punctuation, after a
        # branch phrase, or after a legal form ending the name.
        ("Kvant Optics (Warwick Office)", "warwick office"),
        ("Kvant Optics - Kingstowne Branch", "kingstowne branch"),
        ("Kvant Optics, Tver Branch", "tver branch"),
        ("Kvant Optics (Juba Representative Office)", "juba representative office"),
        ("Kvant Optics Liaison Office Warwickshire", "liaison office warwickshire"),
        ("Kvant Optics Co., Ltd. Tortola Office", "tortola office"),
        # A country named in another language (places.txt: iso-codes translations).
        ("Kvant Optics Co., Ltd. (Schweiz)", "schweiz"),
        ("Kvant Optics Co., Ltd., Sucursal en España", "sucursal en espana"),
        ("Kvant Optics Co., Ltd. Niederlassung Österreich", "niederlassung osterreich"),
    ],
)
def test_branch_of_a_listed_company_scores_like_the_listing(query, qualifier):
    """All the listing's words and a qualifier: the branch is the listed company."""
    listed = "Kvant Optics Co., Ltd."
    assert name_form(query).qualifier == qualifier
    pair = score_pair(name_form(query), name_form(listed))
    assert pair.score == score(listed, listed) == 100.0
    assert pair.qualifier == qualifier


def test_chinese_branch_and_representative_office():
    assert score("华为技术有限公司上海分公司", "华为技术有限公司") == 100.0
    assert score("华为技术有限公司北京代表处", "华为技术有限公司") == 100.0
    # Chinese branch words are split by screening.chinese, not by the Latin qualifier rule.
    assert split_han_branch("华为技术有限公司上海分公司") == ("华为技术有限公司", "上海分公司")


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        # The other way round: the listing has words the query lacks, a partial match.
        ("Kvant Optics", "Kvant Optics Shanghai Branch"),
        # The query's own words are not a qualifier: "Sales" alone, "Bank" before a place.
        ("Kvant Sales", "Kvant"),
        ("Royal Bank of Canada", "Royal Bank"),
        # A qualifier set aside never leaves generic words alone to match.
        ("Beijing Technology Shanghai Branch", "Beijing Technology Innovation"),
    ],
)
def test_qualifier_rule_creates_no_other_matches(query, listed):
    assert score(query, listed) < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("query", "qualifier"),
    [
        # Without punctuation, a branch phrase or a legal form before it, a word before
        # "Office" may be the name's own: only the branch word is set aside.
        ("Kvant Optics Warwick Office", "office"),
        ("Kvant Electronics Office", "office"),
        # A legal form opening the name ("Joint Stock Company Kvant") is not followed by a
        # place: the name is.
        ("Joint Stock Company Kvant Branch Office", "branch office"),
        # Trade words and legal forms are no place names.
        ("Kvant Optics (Electronics Office)", ""),
        ("Kvant Optics Co., Ltd. Shanghai Branch", "shanghai branch"),
        # A branch word followed by other words is part of the name.
        ("Kvant Office Supplies", ""),
    ],
)
def test_unknown_places_only_where_a_branch_phrase_sets_them_apart(query, qualifier):
    assert name_form(query).qualifier == qualifier


def test_a_listed_name_of_trade_words_keeps_its_branches():
    """A listed group named only by trade words and places (CETC) is a name of its own."""
    listed = "China Electronics Technology Group Corporation"
    query = f"{listed} Guangzhou Branch"
    assert name_form(query).without_qualifier is not None
    assert score(query, listed) == 100.0


def test_nothing_left_is_no_qualifier():
    """'Hong Kong Branch' alone, or only generic words left: no name without a qualifier."""
    assert name_form("Hong Kong Branch").without_qualifier is None
    assert name_form("Technology Co., Ltd. Shanghai Branch").without_qualifier is None
    # A company named after a place in the middle of its name keeps it.
    assert name_form("Bank of China (Hong Kong) Limited").without_qualifier is None


def test_two_branches_in_two_places_do_not_meet():
    """Against a listing whose own place is left out (a partial name), the query keeps its
    place: "Bank of China (Hong Kong)" is not "Bank of China (Singapore)"."""
    from screening.match import ListMatcher
    from screening.models import ListEntry, Supplier
    from tests.test_match import snapshot

    listed = ListEntry("1", "EL", "Kvant Optics (Singapore)", entity_type="Entity")
    matcher = ListMatcher([snapshot(listed)])
    assert not matcher.match(Supplier(1, "Kvant Optics (Hong Kong)"), min_score=DEFAULT_THRESHOLD)
    found = matcher.match(Supplier(1, "Kvant Optics (Singapore) Moscow Branch"), min_score=85)
    assert found and found[0].score == 100.0
    assert "branch or office 'moscow branch'" in found[0].explanation


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("M/S Hamza Enterprises", "Hamza Enterprises"),
        ("M/s. Hamza Enterprises", "Hamza Enterprises"),
        ("m / s hamza enterprises", "hamza enterprises"),
        ("Messrs. Hamza Enterprises", "Hamza Enterprises"),
        ("M/V Sea Star", "Sea Star"),
        ("M/T: Sea Star", "Sea Star"),
        # Kept: no slash (initials), a word that only starts so, or nothing after it.
        ("MS Amlin", "MS Amlin"),
        ("MV Agusta", "MV Agusta"),
        ("M/Shipping Co", "M/Shipping Co"),
        ("M/S", "M/S"),
        ("Hamza Enterprises M/S", "Hamza Enterprises M/S"),
    ],
)
def test_courtesy_prefix_before_a_name(name, expected):
    assert without_courtesy_prefix(name) == expected
    assert name_form(name).original == name  # explanations show the name as given


def test_places_initials_are_a_reading_of_company_names_only():
    form = name_form("H.K. Electronics Trading Co., Ltd.")
    assert form.tokens == ("hk", "electronics", "trading")  # the words as written
    assert place_reading(form.tokens) == ("hong", "kong", "electronics", "trading")
    assert [f.tokens for f in reading_forms(form, person=False)] == [place_reading(form.tokens)]
    # In a person's name the letters are initials of given names: no such reading.
    assert reading_forms(name_form("U. S. Khan"), person=True) == []
    assert place_reading(("uae",)) is None  # initials alone stay as they are


def test_misspelt_legal_forms_are_found_alike_by_scan_and_by_table():
    """The first words asked about are compared with each legal form's first word; later
    ones are looked up in a table of deletions: both find the same first words one edit
    away ("limted", "jont", "aktsionernoe" misspelt), and none for a name's own words."""
    import random

    from screening import normalize

    firsts = normalize._long_first_words()
    rng = random.Random(7)
    words = ["huawei", "trading", "limted", "lmited", "jont", "obshchestvo", "compnay"]
    for first in rng.sample(firsts, 60):
        i = rng.randrange(len(first))
        words += [first[:i] + first[i + 1 :], first[:i] + "x" + first[i + 1 :]]
    scanning, tabled = normalize._NearFirstWords(), normalize._NearFirstWords()
    tabled._scanned = normalize.FORM_SCAN_WORDS  # as after a batch's first words
    found = 0
    for word in words:
        scanning._scanned = 0
        by_scan = {f for f in scanning.near(word) if normalize._one_edit(word, f)}
        by_table = {f for f in tabled.near(word) if normalize._one_edit(word, f)}
        assert by_scan == by_table, word
        found += bool(by_scan)
    assert scanning._table is None and tabled._table is not None
    assert found >= 100
    assert {f for f in scanning.near("limted") if normalize._one_edit("limted", f)} == {"limited"}


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("AO Kontsern Avtomatika", "Joint Stock Company Concern Avtomatika"),
        ("Nauchno-Proizvodstvennoe Obedinenie Strela", "Scientific Production Association Strela"),
        (
            "Federal State Unitary Enterprise Almaz",
            "Federalnoe Gosudarstvennoe Unitarnoe Predpriyatie Almaz",
        ),
        ("Kazanskiy Vertoletny Zavod", "Kazanskiy Vertoletny Plant"),
    ],
)
def test_romanised_russian_words_of_organisations_meet_their_english_words(query, listed):
    """OFAC and BIS give Russian parties both ways ("Kontsern" and "Concern"); a vendor
    master has one or the other."""
    assert score_pair(name_form(query), name_form(listed)).score >= DEFAULT_THRESHOLD


def test_romanised_russian_words_stay_themselves():
    """Each meets its English word and stays a word of its own, so that a misspelling or
    another romanisation of it still meets it; a brand-like word is not in the table."""
    from screening.normalize import abbreviation_meanings

    assert name_form("AO Kontsern Avtomatika").tokens == ("kontsern", "avtomatika")
    assert abbreviation_meanings()["kontsern"] == {"concern"}
    assert "sistema" not in abbreviation_meanings()
    misspelt = score_pair(name_form("AO Kontsren Avtomatika"), name_form("AO Kontsern Avtomatika"))
    assert misspelt.score >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("query", "listed"),
    [("Mahan Air", "MAHAN AIRLINES"), ("Caspian Airways", "CASPIAN AIR")],
)
def test_an_airline_is_x_air_and_x_airlines_alike(query, listed):
    assert score_pair(name_form(query), name_form(listed)).score >= DEFAULT_THRESHOLD
    assert score_pair(name_form("Mahan Trading"), name_form(listed)).score < DEFAULT_THRESHOLD
