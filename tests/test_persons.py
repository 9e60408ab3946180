"""Persons' names (`screening/persons.py`): titles, initials, listed names longer than the
query, and the guards that keep common names from alarming."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from screening.index import AllNames
from screening.match import DEFAULT_THRESHOLD, ListMatcher
from screening.models import ListEntry, ListSnapshot, Supplier
from screening.normalize import name_form
from screening.persons import (
    descent_places,
    is_patronymic,
    is_title,
    letters_for_digits,
    name_structure,
    person_titles,
    person_words,
    split_initials,
    title_abbreviations,
    written_initials,
    written_titles,
)
from screening.similarity import score_pair, word_similarity

CASES = Path(__file__).parent / "cases" / "person_pairs.csv"


def person_score(query: str, listed: str) -> float:
    return score_pair(name_form(query), name_form(listed), person=True).score


def company_score(query: str, listed: str) -> float:
    return score_pair(name_form(query), name_form(listed)).score


# --- titles and honorifics --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Dr. Rami Makhlouf", "Rami Makhlouf"),  # academic
        ("Mr Rami Makhlouf", "Rami Makhlouf"),  # courtesy
        ("General Qasem Soleimani", "Qasem Soleimani"),  # military
        ("Sheikh Ahmed Yassin", "Ahmed Yassin"),  # Arabic honorific
        ("Haji Asad Khan Zarkari", "Asad Khan Zarkari"),  # one who made the Hajj
        ("Mullah Abdul Ghani", "Abdul Ghani"),  # UN TITLE field value
        ("Rami Makhlouf", "Prof. Rami Makhlouf"),  # on the listed side too
        ("President Vladimir Putin", "Vladimir Putin"),
    ],
)
def test_a_title_the_other_name_lacks_counts_for_nothing(query, listed):
    assert person_score(query, listed) == 100.0
    assert company_score(query, listed) < 100.0  # companies keep every word


def test_titles_come_from_the_sourced_list():
    titles = person_titles()
    assert {"mr", "dr", "general", "colonel", "president", "sheikh", "haji", "hajji"} <= titles
    assert {"mullah", "sayyid", "maulavi"} <= titles
    # Words that are names as often as titles are left out.
    assert not {"sultan", "amir", "malik", "king", "major", "wali"} & titles
    assert is_title("sheikh") and not is_title("putin")


def test_a_title_is_no_name_of_its_own():
    # "President Putin" is a lone surname once the title goes: partial, as "Putin" is.
    assert person_score("President Putin", "PUTIN, Vladimir Vladimirovich") < DEFAULT_THRESHOLD
    # A listed name that would be one part without its title keeps the title's weight:
    # "Iman" is not "Hajji Iman".
    assert person_score("Iman", "Hajji Iman") < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Gen. Sun Wei", "SUN, Wei"),  # military rank abbreviated
        ("GEN. SAFIA FARKASH", "FARKASH, Safia"),
        ("Lt. Gen. Ali Hassan", "Ali HASSAN"),  # after a title written out
        ("H.E. Denis Pushilin", "PUSHILIN, Denis"),  # His Excellency
        ("Eng. Ahmad Vahidi", "VAHIDI, Ahmad"),  # engineer ("eng" is also Engineering)
        ("Sen. Rami Makhlouf", "Rami Makhlouf"),
    ],
)
def test_a_title_abbreviated_with_a_full_stop_counts_for_nothing(query, listed):
    assert person_score(query, listed) == 100.0


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Gen Sun Wei", "SUN, Wei"),  # no stop: Gen is a syllable of names too
        ("Sun Wei Gen.", "SUN, Wei"),  # after a name part it is no title
        ("H. E. Smith", "SMITH, John"),  # letters written apart are initials
    ],
)
def test_an_abbreviation_without_its_stop_or_inside_the_name_is_no_title(query, listed):
    assert person_score(query, listed) < DEFAULT_THRESHOLD


def test_abbreviated_titles_come_from_the_sourced_table():
    table = title_abbreviations()
    assert {"gen": "general", "he": "excellency", "eng": "engineer"}.items() <= table.items()
    assert set(table.values()) <= person_titles()  # each stands for a listed title
    assert written_titles("Lt. Gen. Ali Hassan") == (("gen", "general"),)
    assert written_titles("Gen Kim") == ()
    assert person_words("Eng. Ali Hassan", ("engineering", "ali", "hassan")) == (
        "engineer",
        "ali",
        "hassan",
    )


# --- Arabic articles and Abd al- ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Abd al-Aziz al-Nuristani", "Abdul Aziz Nooristani"),  # Abd al- / Abdul; al- dropped
        ("Abdel Rahman Hassan", "ABD AL-RAHMAN HASSAN"),
        ("Abdur Rahman Hassan", "Abdul Rahman HASSAN"),
        ("Jamal Tikriti", "JAMAL AL-TIKRITI"),  # the article a vendor file leaves out
    ],
)
def test_arabic_articles_and_abd_forms(query, listed):
    assert person_score(query, listed) >= DEFAULT_THRESHOLD


def test_the_article_of_south_asian_spellings_counts_for_nothing_unmatched():
    # ur- ("Shams ur-Rahman") is the article before r, as ar- is in Arabic spellings.
    query, listed = "شمس الرحمن عبد الظاهر", "SHAMS UR-RAHMAN ABDUL ZAHIR"
    assert person_score(query, listed) >= DEFAULT_THRESHOLD
    assert person_score("Habib Rehman Khan", "HABIB UR-REHMAN KHAN") == 100.0
    # un is a syllable of Korean names, not an article.
    assert person_score("Kim Jong", "KIM JONG UN") < 100.0


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        # One name of the chain differs; the particles they share do not make them alike.
        ("Ahmed bin Ali bin Hassan al-Masri", "AHMED BIN OMAR BIN HASSAN AL-MASRI"),
        ("Youssef ben Mohamed ben Salah al-Tounsi", "YOUSSEF BEN KAMEL BEN SALAH AL-TOUNSI"),
        ("Abd al-Karim Abu Bakr al-Yamani", "ABD AL-KARIM ABU OMAR AL-YAMANI"),
    ],
)
def test_particles_shared_by_two_long_arabic_names_weigh_little(query, listed):
    assert person_score(query, listed) < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        # Son and father: the names of the chain of descent in the other order.
        ("Salman bin Khalid al-Harbi", "KHALID BIN SALMAN AL-HARBI"),
        ("Omar ben Youssef ben Ali", "YOUSSEF BEN OMAR BEN ALI"),
        ("HARBI, Salman bin Khalid", "KHALID BIN SALMAN AL-HARBI"),
    ],
)
def test_the_chain_of_descent_is_read_in_its_order(query, listed):
    assert person_score(query, listed) < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Mohammed bin Salman", "MUHAMMAD BIN SALMAN"),
        ("AL-HARBI, Salman bin Khalid", "SALMAN BIN KHALID AL-HARBI"),  # surname first
        ("Salman bin Khalid", "SALMAN BIN KHALID BIN ALI AL-HARBI"),  # a shorter chain
        ("Mounir ben Helal", "MOUNIR BEN DHAOU BEN BRAHIM BEN HELAL"),  # forefathers left out
    ],
)
def test_chains_of_descent_in_the_same_order_meet(query, listed):
    assert person_score(query, listed) >= DEFAULT_THRESHOLD


def test_descent_places():
    assert descent_places(["salman", "bin", "muhammad", "bin", "ali"]) == {0: 0, 2: 1, 4: 2}
    assert descent_places(["al", "rawi", "salman", "bin", "muhammad"]) == {2: 0, 4: 1}
    assert descent_places(["salman", "muhammad"]) == {}


def test_particles_still_count_where_the_names_agree():
    assert person_score("Ahmed bin Ali al-Masri", "AHMED BIN ALI AL-MASRI") == 100.0
    assert person_score("Ahmed bin Ali al-Masry", "AHMED BIN ALI AL-MASRI") >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("EL-SALAM TRADING SOCIETY", "AL-SALAM TRADING SOCIETY"),  # an organisation
        ("Asbat el-Ansar", "ASBAT AL-ANSAR"),
    ],
)
def test_the_two_spellings_of_the_arabic_article_are_one_word(query, listed):
    assert company_score(query, listed) == 100.0
    assert word_similarity("el", "al") == 1.0
    assert word_similarity("el", "le") == 0.0  # another word


def test_abd_forms_stay_apart_from_other_names():
    assert person_score("Abdul Rahman", "Abdul Aziz") < DEFAULT_THRESHOLD
    assert word_similarity("abdul", "abd", person=True) == 1.0
    assert word_similarity("abdul", "abd") == 0.0  # a persons' rule only
    # A lone name part left after the article is not a strong match.
    assert person_score("Al Lawson", "Tom Lawson") < DEFAULT_THRESHOLD


# --- initials ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Ali A. Velayati", "Ali Akbar Velayati"),  # a middle initial
        ("A. Khamenei", "Ali Khamenei"),  # the given name as an initial
        ("V. V. Putin", "Vladimir Vladimirovich Putin"),  # initials written apart ...
        ("Putin V.V.", "PUTIN, Vladimir Vladimirovich"),  # ... and together
        ("J.-C. Juncker", "Jean-Claude Juncker"),
        ("Vladimir V. Putin", "PUTIN, Vladimir Vladimirovich"),
    ],
)
def test_initials_meet_full_names(query, listed):
    assert person_score(query, listed) >= DEFAULT_THRESHOLD


def test_initials_alone_name_nobody():
    assert person_score("V. V.", "Viktor Vekselberg") == 0.0


def test_an_initial_stands_for_one_part_the_listing_has_not_matched_yet():
    # The V. of "Vladimir V. Putin" is a patronymic "Vladimir Putin" does not have.
    exact = person_score("Vladimir Putin", "Vladimir Putin")
    assert person_score("Vladimir V. Putin", "Vladimir Putin") < exact
    assert person_score("V. Putin", "Vladimir Putin") < exact


def test_initials_written_together_are_split_only_where_they_read_as_initials():
    assert split_initials(["vv", "putin"], ["vladimir", "vladimirovich", "putin"]) == [
        "v",
        "v",
        "putin",
    ]
    assert split_initials(["vv", "putin"], ["vladimir", "putin"]) == ["vv", "putin"]
    assert split_initials(["kim", "un"], ["kim", "ung", "nam"]) == ["kim", "un"]  # vowels


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        # Letters written apart are initials whatever they spell once joined: a vowel ...
        ("A. N. Sheshenya", "SHESHENYA, Alexei Nikolaevich"),
        ("I V Krasnov", "KRASNOV, Igor Victorovich"),
        ("M M A YUSUF", "YUSUF, Mohamed Mire Ali"),
        ("Fathi A. M. Hammad", "HAMMAD, Fathi Ahmad Mohammad"),
        ("A.R. Yasin", "ABDUL RAHMAN YASIN"),
        ("K M S A Al-Tikriti", "AL-TIKRITI, Kamal Mustafa Sultan Abdallah"),  # four letters
        # ... or a legal form or stop word normalisation would drop (AS, AB, SA, DE).
        ("A. S. Essa", "ESSA, Agila Saleh"),
        ("A B Bari", "BARI, Abdul Baqi"),
        ("S. A. Azam", "SULTAN AZIZ AZAM"),
    ],
)
def test_initials_written_apart_are_initials(query, listed):
    assert person_score(query, listed) >= DEFAULT_THRESHOLD
    assert person_score(query, listed) < 100.0  # letters, not the names


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("A. N. Sheshenya", "SHESHENYA, Boris Petrovich"),  # other given names
        ("Hansen A/S", "HANSEN, Anders Soren"),  # a legal form ends a name: not initials
        ("Essa A.S.", "ESSA, Agila Saleh"),
        ("A. S.", "ESSA, Agila Saleh"),  # initials alone
    ],
)
def test_letters_that_are_no_initials_of_the_listing_stay_partial(query, listed):
    assert person_score(query, listed) < DEFAULT_THRESHOLD


def test_written_initials_reads_the_name_as_normalisation_joins_it():
    assert written_initials("A. N. Sheshenya") == (("an", ("a", "n"), False),)
    assert written_initials("A.N. B. Smith") == (("an", ("a", "n"), False),)  # "an", "b"
    assert written_initials("Putin V.V.") == (("vv", ("v", "v"), True),)
    assert written_initials("Ali Akbar Velayati") == ()
    assert person_words("A. N. Sheshenya", ("an", "sheshenya")) == ("a", "n", "sheshenya")
    # "as" was dropped as a legal form: put back, unless it ends the name.
    assert person_words("A. S. Essa", ("essa",)) == ("essa", "a", "s")
    assert person_words("Hansen A/S", ("hansen",)) == ("hansen",)
    # Another reading of the name with the letters already apart is left as it is.
    assert person_words("A. S. Essa", ("a", "s", "essa")) == ("a", "s", "essa")


def test_an_initial_takes_a_part_met_only_by_a_typo_of_another():
    # "Ali" is one letter from "Amli", which "Amli" meets exactly: the A. is Ali.
    assert person_score("R. A. Amli", "AMLI, Riyad Ali") >= DEFAULT_THRESHOLD
    assert person_score("A. B. Bari", "BARI, Abdul Baqi") >= DEFAULT_THRESHOLD


# --- listed names with more parts than the query ------------------------------------------------


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Delia Ramirez", "RAMIREZ CORTES, Delia Nhora"),  # second surname, middle name
        ("John Smith", "John Michael Smith"),  # middle name
        ("Abdul Ghani Turk", "ABDUL GHANI BARADAR ABDUL AHMAD TURK"),  # Arabic name chain
        ("Sirajuddin Haqqani", "SIRAJUDDIN JALLALOUDINE HAQQANI"),
        ("Sergei Lavrov", "Sergey Viktorovich Lavrov"),  # a letter off in one part
    ],
)
def test_a_longer_listed_name_holding_every_part_is_a_strong_match(query, listed):
    score = person_score(query, listed)
    assert DEFAULT_THRESHOLD <= score < 100.0
    assert company_score(query, listed) < DEFAULT_THRESHOLD  # a company rule it is not


@pytest.mark.parametrize(
    ("query", "listed", "least"),
    [
        ("Sergey Lavrov", "Sergey Viktorovich Lavrov", 100.0),
        ("Vladimir Putin", "PUTIN, Vladimir Vladimirovich", 100.0),  # surname first
        ("Сергей Лавров", "LAVROV, Sergey Viktorovich", 90.0),  # Cyrillic, another system
        # Read by its consonants (0.85 a part at most), the name still meets the listing.
        ("فلاديمير بوتين", "PUTIN, Vladimir Vladimirovich", DEFAULT_THRESHOLD),
        ("ולדימיר פוטין", "PUTIN, Vladimir Vladimirovich", DEFAULT_THRESHOLD),
    ],
)
def test_a_patronymic_the_query_leaves_out_counts_for_nothing(query, listed, least):
    """Lists write the East Slavic patronymic; vendor files and the press, in Latin and in
    other scripts, write given name and surname: the patronymic left out is no difference,
    as a title left out is none."""
    assert person_score(query, listed) >= least


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Sergey Ivanovich Lavrov", "LAVROV, Sergey Viktorovich"),  # another father's son
        ("Vladimir Vladimirovich", "PUTIN, Vladimir Vladimirovich"),  # no surname
        ("Ivan Petrovich", "PETROV, Ivan Ivanovich"),
    ],
)
def test_a_patronymic_left_out_does_not_make_other_names_meet(query, listed):
    assert person_score(query, listed) < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        # A lone surname or given name.
        ("Putin", "PUTIN, Vladimir Vladimirovich"),
        ("Mohammed", "Mohammed Ali Hassan"),
        # The query has a part the listing lacks at an end: perhaps another person.
        ("Abdul Ghani Baradar", "Abdul Ghani"),
        ("Abdul Jalil Mohammad Rasul", "MOHAMMAD RASUL"),
        # Two middle names of a longer name, neither at its ends.
        ("John James", "ASHFIELD, Jeffrey John James"),
        # One syllable of a hyphenated given name is not the name.
        ("Young Kim", "Kim Young-Chol"),
        # The same word twice is one part.
        ("Johnson & Johnson", "JOHNSON ANDRE"),
        # A listed initial standing for the query's given name is weak evidence.
        ("Jimmy Gomez", "RODRIGUEZ GOMEZ, Jorge J"),
        # Given names alone, where the listing says which part is the family name.
        ("Pedro Luis", "ORTEGA BLANCO, Pedro Luis"),
    ],
)
def test_common_and_partial_names_stay_partial(query, listed):
    assert person_score(query, listed) < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Sergey Viktorovich Lavrov", "Sergey Lavrov"),  # a patronymic the listing lacks
        ("Vladimir Vladimirovich Putin", "PUTIN, Vladimir"),
        ("John Michael Smith", "SMITH, John"),  # a middle name
        ("LAVROV, Sergey Viktorovich", "Sergey Lavrov"),  # the ends read by the comma
    ],
)
def test_a_query_holding_the_listing_amid_more_parts_is_a_strong_match(query, listed):
    score = person_score(query, listed)
    assert DEFAULT_THRESHOLD <= score < 100.0


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Ig0r Sech1n", "SECHIN, Igor Ivanovich"),  # digits for the letters they look like
        ("V1ad1m1r Put1n", "PUTIN, Vladimir Vladimirovich"),
        ("5ergey 1avrov", "LAVROV, Sergey Viktorovich"),  # 1 for l is one letter off
    ],
)
def test_digits_in_a_persons_name_are_the_letters_they_stand_in_for(query, listed):
    assert person_score(query, listed) >= DEFAULT_THRESHOLD


def test_digits_stand_for_letters_only_inside_words_of_letters():
    assert letters_for_digits("sech1n") == "sechin"
    assert letters_for_digits("1990") == "1990" and letters_for_digits("igor") == "igor"
    assert company_score("3M Company", "3M Co") == 100.0  # company names keep their digits
    assert person_score("Ig0r Sech1n", "SECHIN, Oleg") < DEFAULT_THRESHOLD


def test_patronymics_are_told_by_their_endings():
    assert is_patronymic("grigoryevich") and is_patronymic("viktorovna")
    assert not is_patronymic("petrov") and not is_patronymic("ovich")


def test_surname_first_with_a_comma_is_the_same_name():
    assert person_score("PUTIN, Vladimir", "Vladimir Putin") == 100.0
    assert person_score("Randolph, Gena", "GENA RANDOLPH") == 100.0


def test_name_structure_reads_the_comma_and_hyphens():
    ends, compounds = name_structure("RAMIREZ CORTES, Delia Nhora")
    assert ends == {"ramirez", "cortes", "delia"}
    ends, compounds = name_structure("Kim Young-Chol")
    assert ends == {"kim", "chol"} and compounds == (frozenset({"young", "chol"}),)
    # The Arabic article inside a hyphenated part is not a piece of its own.
    assert name_structure("JAMAL AL-TIKRITI")[1] == ()


# --- through the matcher and its index ---------------------------------------------------------


def _persons_list() -> ListSnapshot:
    names = [
        ("p1", "PUTIN, Vladimir Vladimirovich", ()),
        ("p2", "LAVROV, Sergey Viktorovich", ()),
        ("p3", "Ali Akbar VELAYATI", ()),
        ("p4", "Hajji Iman", ()),
        ("p5", "KIM Young-Chol", ("V. V. KIM",)),
        ("p6", "RAMIREZ CORTES, Delia Nhora", ()),
        ("p7", "SHESHENYA, Alexei Nikolaevich", ()),
        ("p8", "ESSA, Agila Saleh", ("A. S. ESSA",)),
        ("p9", "A.K.M. RAHMAN", ()),
        ("p10", "Alexander LUKASHENKO", ()),
    ]
    entries = tuple(
        ListEntry(
            entry_id=entry_id, name=name, source="test", entity_type="Individual", aliases=aliases
        )
        for entry_id, name, aliases in names
    ) + (ListEntry(entry_id="c1", name="Putin Trading LLC", source="test", entity_type="Entity"),)
    return ListSnapshot(
        name="test", path=Path("test.csv"), sha256="0", format="csl_csv", entries=entries
    )


@pytest.mark.parametrize(
    "query",
    [
        "Vladimir Putin",
        "Dr. Vladimir V. Putin",
        "Sergei Lavrov",
        "Ali A. Velayati",
        "V. V. Putin",
        "Vitaly Kim",
        "Delia C. Ramirez",
        "General Putin",
        "Iman",
        "Young Kim",
        "A. N. Sheshenya",
        "A S Essa",
        "Agila Saleh Essa",
        "Abul Kalam Muhammad Rahman",
        "A K M Rahman",
        "Gen. Sergey Lavrov",
        "H.E. Ali A. Velayati",
        "Alexander Grigoryevich Lukashenko",
        "LUKASHENKO Alexander Grigoryevich",
        "Alexander Lukashenko Petrov",
        "V1ad1m1r Put1n",
    ],
)
def test_the_index_proposes_every_person_the_rules_can_reach(query):
    snapshot = _persons_list()
    indexed = ListMatcher([snapshot])
    brute = ListMatcher([snapshot], candidate_source=AllNames)
    for floor in (70.0, DEFAULT_THRESHOLD):
        supplier = Supplier(row=1, name=query)
        got = {(m.entry.entry_id, m.score) for m in indexed.match(supplier, min_score=floor)}
        want = {(m.entry.entry_id, m.score) for m in brute.match(supplier, min_score=floor)}
        assert got == want


def test_a_vendor_files_short_name_hits_the_listed_person():
    matcher = ListMatcher([_persons_list()])
    hits = matcher.match(Supplier(row=1, name="Vladimir Putin"), min_score=DEFAULT_THRESHOLD)
    assert [m.entry.entry_id for m in hits] == ["p1"]


# --- the cases file -----------------------------------------------------------------------------


def load_cases() -> list[dict[str, str]]:
    with CASES.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if not row["query"].startswith("#")]


def test_cases_file_is_well_formed():
    cases = load_cases()
    assert len(cases) >= 20
    assert {c["expected"] for c in cases} == {"match", "no_match"}
    assert all(c["query"] and c["listed"] and c["rule"] and c["note"] for c in cases)


@pytest.mark.parametrize("case", load_cases(), ids=lambda c: f"{c['query']}|{c['listed']}")
def test_person_pairs(case):
    """Each pair scores on the side of the default threshold its label says."""
    score = person_score(case["query"], case["listed"])
    if case["expected"] == "match":
        assert score >= DEFAULT_THRESHOLD, (score, case["note"])
    else:
        assert score < DEFAULT_THRESHOLD, (score, case["note"])
