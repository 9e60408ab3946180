"""Names in other scripts against their Latin listings (`screening/scripts.py` and the script
parts of `screening/normalize.py`): each script's readings, the transliteration systems
the lists use, and the negatives those readings must not create."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from screening.index import AllNames
from screening.match import DEFAULT_THRESHOLD, ListMatcher
from screening.models import ListEntry, ListSnapshot, Supplier
from screening.normalize import name_form, normalize_name, transliterate_scripts
from screening.scripts import (
    baltic_reading,
    half_met_given_names,
    hangul_given_names,
    hangul_readings,
    hangul_spellings,
    hangul_syllables,
    japanese_reading,
    loanword_reading,
    script_readings,
    skeleton_keys,
    skeleton_reading,
    skeleton_readings,
    ukrainian,
    wade_giles,
    wade_giles_marked,
    wade_giles_readings,
)
from screening.similarity import score_pair, word_similarity


def person_score(query: str, listed: str) -> float:
    return score_pair(name_form(query), name_form(listed), person=True).score


# --- Cyrillic: the lists' transliteration systems -------------------------------------------------


@pytest.mark.parametrize(
    "listed",
    [
        "KHODORKOVSKIY, Mikhail",  # BGN/PCGN
        "Mikhail Khodorkovskii",  # ICAO 9303 (passports)
        "Mihail Hodorkovskij",  # ISO 9 without its diacritics
        "Mixail Xodorkovskij",  # GOST 7.79 system B
        "Michail Chodorkowski",  # German
        "Mikhail Khodorkovsky",  # the usual English spelling
    ],
)
def test_a_cyrillic_name_meets_its_renderings_in_each_system(listed):
    assert person_score("Михаил Ходорковский", listed) >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    "listed", ["Yuriy Kovalchuk", "Jurij Koval'chuk", "Iurii Kovalchuk", "Juri Kowaltschuk"]
)
def test_short_given_names_meet_in_every_system(listed):
    assert person_score("Юрий Ковальчук", listed) >= DEFAULT_THRESHOLD


def test_ukrainian_names_are_read_by_the_ukrainian_system():
    assert ukrainian("володимир") == "volodymyr"
    assert ukrainian("юлія") == "yuliia"
    assert person_score("Володимир Зеленський", "Volodymyr Zelenskyy") >= DEFAULT_THRESHOLD
    assert person_score("Юлія Тимошенко", "TYMOSHENKO, Yulia") >= DEFAULT_THRESHOLD
    assert person_score("Володимир Зеленський", "Volodymyr Groysman") < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Джи Санг Джун", "JI, Sang Jun"),  # a Korean name in Russian writing
        ("Джамал Хасан", "Jamal Hasan"),  # an Arabic one
        ("Абу Джандаль", "Abu Jandal"),
    ],
)
def test_a_foreign_name_in_russian_writing_reads_its_j(query, listed):
    """Russian and Ukrainian write the j of foreign names дж, which BGN/PCGN reads "dzh"."""
    assert person_score(query, listed) >= DEFAULT_THRESHOLD


def test_dzh_stays_the_main_reading():
    form = name_form("Джанелидзе")
    assert form.tokens == ("dzhanelidze",)  # BGN/PCGN, as OFAC writes Russian names
    assert ("janelidze",) in form.readings
    assert person_score("Джанелидзе Георгий", "DZHANELIDZE, Georgiy") >= DEFAULT_THRESHOLD


def test_other_cyrillic_names_stay_apart():
    assert person_score("Юрий Ковальчук", "Mayra Kovalchuk") < DEFAULT_THRESHOLD
    assert person_score("Михаил Ходорковский", "Mikhail Fridman") < DEFAULT_THRESHOLD


# --- Arabic, Hebrew, Thai: consonants -----------------------------------------------------------


def test_arabic_words_become_consonant_words():
    assert skeleton_reading("محمد علي") == ("=m·h·m·d", "=l·Y")
    # the article apart, as lists write it; the word after it marked so (an empty letter)
    assert skeleton_reading("الأسد") == ("al", "=·s·d")
    assert skeleton_keys("=·s·d") == skeleton_keys("=s·d")
    assert skeleton_reading("acme") is None
    assert skeleton_keys("=m·h·m·W·d") == {"MHMVT", "MHMT"}  # waw a consonant or a vowel
    assert skeleton_keys("mohamed") == {"MHMT"}


def company_score(query: str, listed: str) -> float:
    return score_pair(name_form(query), name_form(listed), person=False).score


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("المرابطون", "AL MOURABITOUN"),  # the UN's Latin spelling of a group's Arabic name
        ("طارق گیدڑ گروپ", "TARIQ GIDAR GROUP"),  # Urdu: "group" written in Urdu letters
    ],
)
def test_a_companys_name_read_by_its_consonants_meets_its_latin_spelling(query, listed):
    assert company_score(query, listed) >= DEFAULT_THRESHOLD


def test_a_companys_words_meet_by_three_consonants_at_least():
    """In a company's name a word read by its consonants needs a key of three consonants, a
    y not counted: فيض (Faiz) is no "Fudia Ltda." nor "FYIT", as it may be a person's."""
    from screening.scripts import skeleton_similarity

    assert skeleton_similarity("=F·Y·D", "fudia", person=False) == 0.0
    assert skeleton_similarity("=F·Y·D", "fyit", person=False) == 0.0
    assert skeleton_similarity("=m·r·B·t·W·n", "mourabitoun", person=False) > 0.0
    assert company_score("فيض", "FUDIA LTDA.") < DEFAULT_THRESHOLD
    assert company_score("مائده رسولی", "IRISL MTI") < DEFAULT_THRESHOLD


def test_ta_marbuta_is_read_as_nothing_or_as_t():
    """ة ends a word as a vowel (فاطمة Fatima) and is said t before the noun that owns the
    word (the construct state): قرية النجمة Qaryat al-Najma."""
    keys = skeleton_keys(skeleton_reading("قرية")[0])
    assert {"KR", "KRT"} <= keys
    assert person_score("فاطمة الزهراء", "FATIMA AL-ZAHRA") >= DEFAULT_THRESHOLD
    assert company_score("قرية النجمة", "QARYAT AL-NAJMA") >= DEFAULT_THRESHOLD


def test_a_companys_word_after_the_article_meets_by_two_consonants():
    """After al- a word of a company's name meets a listed word by two consonants, so that
    the listing must write the article too ("AL-SUNNA"): one word of two consonants alone
    meets too many."""
    assert company_score("جماعة أنصار السنة", "JAMAAT ANSAR AL-SUNNA") >= DEFAULT_THRESHOLD
    assert company_score("النور", "AL NOOR") >= DEFAULT_THRESHOLD
    assert company_score("النور", "NOOR") < DEFAULT_THRESHOLD
    assert company_score("الفيض", "FUDIA LTDA.") < DEFAULT_THRESHOLD
    assert company_score("نور", "AL NOOR") < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("الجماعة الإسلامية المسلحة", "Armed Islamic Group"),
        ("جمعية إحياء التراث الإسلامي", "Revival of Islamic Heritage Society"),
        ("مكتب حنيفة للصرافة", "Hanifa Money Exchange Office"),  # li- + al- before the word
        ("شركة الرشيد للتجارة", "Al Rashid Trading Company"),  # شركة: a legal form
        # adjectives of places (the nisba)
        ("الجماعة الإسلامية المقاتلة الليبية", "Libyan Islamic Fighting Group"),
        ("الجماعة الإسلامية المصرية", "Egyptian Islamic Group"),
    ],
)
def test_arabic_names_of_organisations_meet_their_english_names(query, listed):
    assert company_score(query, listed) >= DEFAULT_THRESHOLD


def test_the_english_reading_of_organisation_words():
    from screening.normalize import fold_text
    from screening.scripts import arabic_org_words, gloss_reading

    assert gloss_reading(fold_text("الجماعة الإسلامية المسلحة")) == ("group", "islamic", "armed")
    assert gloss_reading(fold_text("شبكة محمد")) == ("network", "=m·h·m·d")
    assert gloss_reading(fold_text("محمد علي")) is None  # no word of an organisation
    assert gloss_reading(fold_text("acme group")) is None
    glossary = arabic_org_words()
    assert len(glossary) >= 90
    assert all(word.isalpha() and not word.isascii() for word in glossary)
    assert all(
        english and all(w.isascii() and w.islower() for w in english)
        for english in glossary.values()
    )


def test_organisation_words_are_not_read_in_english_in_persons_names():
    """A person's name is never read with organisation words in English (a gloss of a
    given name would meet other persons): the reading is for companies' names only."""
    from screening.similarity import reading_forms

    form = name_form("شبكة محمد")
    assert ("network", "=m·h·m·d") in form.readings
    assert all(r.tokens != ("network", "=m·h·m·d") for r in reading_forms(form, person=True))
    assert any(r.tokens == ("network", "=m·h·m·d") for r in reading_forms(form, person=False))


def test_legal_forms_read_in_english_are_left_out_as_from_any_name():
    from screening.normalize import org_reading

    assert org_reading("شركة الرشيد للتجارة") == ("al", "=·r·sh·Y·d", "trading")


def test_the_letters_of_a_consonant_word_are_read_apart():
    # The z and h of زاهد (Zahid) are two letters, not the digraph zh of ژ.
    assert skeleton_keys("=z·h·d") & skeleton_keys("zahid")
    assert person_score("محمد زاهد", "MOHAMMAD ZAHID") >= DEFAULT_THRESHOLD
    # ... and a Latin digraph may be two letters of the name: Is-haq, Akhund-zada.
    assert person_score("عبدالمنان محمد اسحاق", "ABDUL MANAN MOHAMMAD ISHAK") >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("فضل رحيم", "FAZAL RAHIM"),  # ض is z in Persian and Urdu
        ("ثاقب محمد", "SAQIB MOHAMMAD"),  # ث is s
        ("ذاكر حسين", "ZAKIR HUSSAIN"),  # ذ is z
        ("كاظم حسين", "KADHIM HUSSAIN"),  # ظ is dh in Iraqi spellings
    ],
)
def test_letters_persian_and_urdu_say_otherwise(query, listed):
    assert person_score(query, listed) >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("يحيى حقاني", "YAHYA HAQQANI"),  # ya a consonant: Yahya is not the lone h of Haya
        ("محمد رسول ایوب", "MOHAMMAD RASUL AYYUB"),
        ("يحيى جوادي", "YAHIA DJOUADI"),  # French ou before a vowel is waw
        ("قصي صدام حسين", "QUSAY SADDAM HUSSEIN"),  # qu: q and a vowel, not kv
    ],
)
def test_waw_and_ya_may_be_consonants(query, listed):
    assert person_score(query, listed) >= DEFAULT_THRESHOLD


def test_consonant_y_is_a_consonant_of_the_key():
    assert skeleton_keys("yahya") == {"YHY"}  # not the lone H of a y read as a vowel
    assert skeleton_keys("ayyub") == {"YB"}
    assert skeleton_keys("husayn") == {"HSN"}  # a y before a consonant is a vowel


def test_a_j_before_a_vowel_is_a_consonant_of_the_key():
    """Ya or jim, never a vowel: "Jafari" (J, F, R) shares no key with فرجي (F, R, J)."""
    assert skeleton_keys("jusuf") & skeleton_keys("=Y·W·s·F")  # Jusuf / يوسف
    assert "FR" not in skeleton_keys("jafari")
    assert not skeleton_keys("jafari") & skeleton_keys("=F·r·J·Y")
    assert skeleton_keys("sergej") >= {"SRG"}  # a final j stays free to be a vowel


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("محمد عمر ځدران", "MUHAMMAD OMAR ZADRAN"),  # ځ dz, written z ...
        ("ځدران", "JADRAN"),  # ... or j
        ("ښاغلی", "SHAGHALI"),  # ښ sh
    ],
)
def test_pashto_letters_are_read(query, listed):
    assert name_form(query).readings
    assert person_score(query, listed) >= 80


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("عبد الرحمن ياسين", "ABDUL RAHMAN YASIN"),  # Abd apart, written Abdul
        ("عبد الرحمن ياسين", "ABDULRAHMAN YASIN"),  # ... or as one word with the article
        ("عبد الرحمن ياسين", "ABDURRAHMAN YASIN"),  # ... or without it
        ("عبدالرحمن ياسين", "ABD AL-RAHMAN YASIN"),  # written as one word in Arabic
        ("عادل عبد الله مهدي", "ADIL ABDALLAH MAHDI"),  # Abd Allah
        ("عادل عبد الله مهدي", "ADIL ABD ALLAH MAHDI"),
        ("حمد الله نعماني", "HAMDULLAH NOMANI"),  # a name with Allah after it
        ("ثناء اللہ غفاری", "SANAULLAH GHAFARI"),  # Urdu ha
        ("جلال الدين حقاني", "JALALUDDIN HAQQANI"),  # a name with al-Din after it
        ("راضي عبد السميع أبواليزيد", "RADI ABD EL SAMIE ABOU EL YAZID"),  # Abu joined
        ("عبد الله میرزا زاده", "ABDULLAH MIRZAZADA"),  # the Persian suffix zada apart
        ("محمد ولی جان", "MOHAMMAD WALIJAN"),  # ... and jan
    ],
)
def test_compound_names_meet_their_latin_spellings(query, listed):
    assert person_score(query, listed) >= DEFAULT_THRESHOLD


def test_compound_names_are_read_both_ways():
    assert skeleton_readings("عبد الله") == [("=B·d", "al", "=·l·h"), ("=B·d·L·l·h",)]
    assert skeleton_readings("نور الدين") == [("=n·W·r", "al", "=·d·Y·n"), ("=n·W·r·L·d·Y·n",)]
    # Abd written joined to its name is apart in the first reading.
    assert skeleton_readings("عبدالمنان")[0] == ("=B·d", "al", "=·m·n·n")


def test_each_compound_is_also_read_joined_alone():
    """A Latin spelling may join one compound and write another apart."""
    readings = skeleton_readings("عبد الرحمن نور الدين")
    assert ("=B·d", "al", "=·r·h·m·n", "=n·W·r·L·d·Y·n") in readings
    assert ("=B·d·L·r·h·m·n", "=n·W·r", "al", "=·d·Y·n") in readings
    assert person_score("عبد الرحمن نور الدين", "ABDUL RAHMAN NURUDDIN") >= DEFAULT_THRESHOLD
    assert person_score("عبد الرحمن نور الدين", "ABDULRAHMAN NUR AL-DIN") >= DEFAULT_THRESHOLD


def test_bin_is_read_joined_to_the_name_after_it():
    assert person_score("أسامة بن لادن", "USAMA BINLADIN") >= DEFAULT_THRESHOLD
    assert person_score("أسامة بن لادن", "USAMA BIN LADIN") >= DEFAULT_THRESHOLD
    # Abu is not: joined to a name with a waw, it would read as Abd joined to it.
    assert all(len(r) == 3 for r in skeleton_readings("سجا أبو داوود"))


def test_a_letter_alone_in_arabic_script_is_an_initial():
    """Initials beside names read by their consonants count, as beside names that sound
    alike (`persons.SOUND_ANCHOR`)."""
    assert skeleton_reading("عدنان س. حسن") == ("=d·n·n", "s", "=h·s·n")
    assert skeleton_reading("محمد ع. الحسن")[1] == "a"  # ayn: Abdul, Ali, Omar ...
    assert person_score("محمد ع. الحسن", "MOHAMMED A. AL-HASSAN") >= DEFAULT_THRESHOLD
    assert person_score("محمد ع. الحسن", "MOHAMMED B. AL-HASSAN") < DEFAULT_THRESHOLD


def test_ta_marbuta_may_be_written_h_after_a_consonant():
    from screening.scripts import skeleton_similarity

    assert skeleton_similarity("=·sh·Y·B·T", "shibh") > 0  # الشيبة, "Shibh"


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("عبد الرحمن ياسين", "ABDUL AZIZ YASIN"),  # another name after Abd
        ("حمد الله نعماني", "HABIBULLAH NOMANI"),  # another name before Allah
        ("يحيى حقاني", "YUNUS HAQQANI"),
        ("فضل رحيم", "FAISAL RAHIM"),
        ("عبدالمنان محمد اسحاق", "ABDUL MANAN MOHAMMAD ISMAIL"),
    ],
)
def test_compounds_and_consonant_readings_keep_other_names_apart(query, listed):
    assert person_score(query, listed) < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("محمد علي", "Mohamed Ali"),
        ("أحمد حسن", "Ahmed Hassan"),
        ("خالد محمود", "Khaled Mahmoud"),
        ("فلاديمير بوتين", "Vladimir Putin"),  # ف and ب write v and p in foreign names
        ("ולדימיר פוטין", "Vladimir Putin"),  # Hebrew
        ("דוד בן גוריון", "David Ben-Gurion"),
        ("ทักษิณ ชินวัตร", "Thaksin Shinawatra"),  # Thai
        ("สมศักดิ์ ชินวัตร", "Somsak Shinawatra"),  # ดิ์ marked silent: not said
        ("วลาดีมีร์ ปูติน", "Vladimir Putin"),  # ร์ marked silent: the foreign name's r
        ("สมชาย วงศ์สวัสดิ์", "Somchai Wongsawat"),  # ส ending a syllable is t
    ],
)
def test_vowelless_scripts_meet_latin_names_by_their_consonants(query, listed):
    assert person_score(query, listed) >= DEFAULT_THRESHOLD


def test_consonants_alone_are_weak_evidence():
    assert person_score("محمد علي", "Ahmed Hassan") < DEFAULT_THRESHOLD
    assert person_score("משה", "Moshe") < DEFAULT_THRESHOLD  # a lone name part
    # In company names, words meet by consonants only by three of them at least (a y not
    # counted): too many words share two.
    assert word_similarity("=F·Y·D", "fudia") == 0.0
    assert word_similarity("=F·Y·D", "fudia", person=True) > 0.8
    assert word_similarity("=m·h·m·d", "mohamed") > 0.8


# --- Greek ----------------------------------------------------------------------------------------


def test_greek_is_written_by_elot_743():
    assert transliterate_scripts("πουτιν") == "poutin"  # ου ou, not anyascii's oy
    assert transliterate_scripts("χατζηδακης") == "chatzidakis"
    assert normalize_name("Αθήνα Α.Ε.") == "athina"


def test_greek_spoken_reading_meets_english_spellings():
    assert person_score("Βλαντίμιρ Πούτιν", "Vladimir Putin") == 100.0
    assert person_score("Νικόλαος", "Nikolaos") == 100.0


# --- Korean ---------------------------------------------------------------------------------------


def test_hangul_readings_in_both_systems_and_usual_surnames():
    readings = hangul_readings("문재인")
    assert ("moon", "jae", "in") in readings  # usual surname spelling, Revised Romanization
    assert ("mun", "jae", "in") in readings  # Revised Romanization throughout
    assert ("mun", "chae", "in") in readings  # McCune-Reischauer
    assert ("kim", "jong", "un") in hangul_readings("김정은")  # North Korea's spelling


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("문재인", "Moon Jae-in"),
        ("김정은", "KIM JONG UN"),
        ("이민호", "Lee Min-ho"),
        ("박지성", "Park Ji-sung"),
        ("리병철", "RI PYONG CHOL"),  # North Korean initial r
        ("최룡해", "CHOE RYONG HAE"),
    ],
)
def test_korean_names_meet_their_listings(query, listed):
    assert person_score(query, listed) >= DEFAULT_THRESHOLD


def test_other_korean_names_stay_apart():
    assert person_score("김정은", "KIM JONG NAM") < DEFAULT_THRESHOLD
    assert person_score("김정은", "KIM YO JONG") < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("박근혜", "Park Geun-hye"),
        ("반기문", "Ban Ki-moon"),  # ㅜ written oo
        ("이명박", "Lee Myung-bak"),  # ㅕ written yu
        ("정주영", "Chung Ju-yung"),
        ("신동빈", "Shin Dong-bin"),  # ㅅ before i written sh
        ("김영희", "Kim Young-hee"),  # ㅢ written ee
    ],
)
def test_korean_names_meet_the_usual_spellings_of_their_syllables(query, listed):
    assert person_score(query, listed) >= DEFAULT_THRESHOLD


def test_a_hangul_syllable_meets_its_spellings_only():
    spellings = hangul_spellings("정영")
    assert {"jeong", "jung", "chung", "jong"} <= spellings["jeong"]
    assert "yong" in spellings["jeong"] | spellings["yeong"]
    assert "sung" not in spellings["jeong"]
    # A syllable a letter from the listed one is another syllable: 영숙 (yeong-suk) is not
    # "Jong Sik", 성훈 (seong-hun) not "Jong Hun"; the same names spelt as they are meet.
    assert person_score("김영숙", "KIM JONG SIK") < DEFAULT_THRESHOLD
    assert person_score("김성훈", "KIL JONG HUN") < DEFAULT_THRESHOLD
    assert person_score("김영숙", "KIM YONG SUK") >= DEFAULT_THRESHOLD
    assert person_score("김성훈", "KIM SONG HUN") >= DEFAULT_THRESHOLD


def test_a_korean_given_name_is_one_name():
    assert hangul_given_names("김정은") == ("정은",)
    assert hangul_given_names("정은 김") == ("정은",)  # surname last, written apart
    assert hangul_given_names("남궁민수") == ("민수",)  # a surname of two syllables
    assert hangul_given_names("김정") == ()  # a given name of one syllable
    assert half_met_given_names("김성훈", ("kim", "song")) == {"song"}
    assert half_met_given_names("김성훈", ("kim", "song", "hun")) == frozenset()
    # A listing that holds one syllable of the given name is another person's name ...
    assert person_score("김성훈", "KIM, Song") < DEFAULT_THRESHOLD
    assert person_score("성훈 김", "KIM, Song") < DEFAULT_THRESHOLD
    # ... while the whole given name meets, however the listing writes it.
    for listed in ("KIM SONG HUN", "Kim Song-hun", "Kim Songhun", "KIM Seong Hun"):
        assert person_score("김성훈", listed) >= DEFAULT_THRESHOLD, listed


def test_hangul_names_are_cut_into_syllables_for_hangul_to_hangul():
    assert hangul_syllables("이정호", ("ijeongho",)) == ("i", "jeong", "ho")
    # a legal form the name's words left out stays out; Latin letters in a word stay words
    assert hangul_syllables("lg전자 주식회사", ("lgjeonja",)) == ("lg", "jeon", "ja")
    assert hangul_syllables("park ji sung", ("park", "ji", "sung")) is None


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("이종호", "이정호"),  # 종 jong / 정 jeong: one "chong" in McCune-Reischauer
        ("박지상", "박지성"),  # 상 sang / 성 seong
        ("최용수", "최영수"),  # 용 yong / 영 yeong: both "yong" without diacritics
    ],
)
def test_hangul_names_a_syllable_apart_are_other_names(query, listed):
    assert person_score(query, listed) < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("이정호", "이정호"),
        ("이 정호", "이정호"),  # surname written apart
        ("삼성전자", "삼성전자 주식회사"),  # legal form
        ("lg전자", "LG전자(주)"),
    ],
)
def test_hangul_names_written_alike_still_meet(query, listed):
    assert score_pair(name_form(query), name_form(listed)).score >= DEFAULT_THRESHOLD


# --- Japanese -------------------------------------------------------------------------------------


def test_kana_keep_their_voicing_marks():
    assert normalize_name("すずき いちろう") == "suzuki ichirou"
    assert normalize_name("ガス") == "gasu"
    assert unicodedata.normalize("NFC", "ず") in name_form("すず").original


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("鈴木一郎", "Suzuki Ichiro"),  # kanji-only, read as a Japanese name
        ("山田太郎", "YAMADA Taro"),
        ("すずき いちろう", "Suzuki Ichiro"),  # kana
    ],
)
def test_japanese_names_are_read_the_japanese_way(query, listed):
    assert person_score(query, listed) >= DEFAULT_THRESHOLD


def test_kanji_names_keep_their_chinese_reading():
    # 习近平 is read in pinyin (its primary words) and IPADIC does not read it as a
    # Japanese person's name: no Japanese reading, and it still meets Xi Jinping.
    assert japanese_reading("习近平") is None
    assert person_score("习近平", "Xi Jinping") == 100.0
    # A long kanji text is a company name, not a person's: no Japanese reading.
    assert japanese_reading("三菱重工業株式会社") is None


def test_japanese_reader_loads_only_for_names_that_need_it():
    code = (
        "import sys; from screening.normalize import name_form; "
        "name_form('Vladimir Putin'); name_form('Путин'); name_form('华为技术有限公司'); "
        "print('fugashi' in sys.modules)"
    )
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True
    )
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("kana", "hepburn"),
    [
        ("ジョー", "jo"),  # a small yo makes one syllable with the kana before it
        ("チャン", "chan"),
        ("きょう", "kyou"),  # hiragana too
        ("ティム", "timu"),  # the extended katakana of loanwords
        ("ファイサル", "faisaru"),
        ("バッハ", "bahha"),  # the sokuon doubles the next consonant
        ("マッチ", "matchi"),  # ... tch before ch
    ],
)
def test_kana_are_written_in_modified_hepburn(kana, hepburn):
    assert transliterate_scripts(kana) == hepburn


def test_a_name_in_katakana_is_read_without_the_vowels_japanese_adds():
    assert loanword_reading("バラク オバマ", ("baraku", "obama")) == ("barak", "obama")
    assert loanword_reading("すずき", ("suzuki",)) is None  # a Japanese name keeps them
    assert person_score("バラク・オバマ", "OBAMA, Barack") >= DEFAULT_THRESHOLD
    assert person_score("バラク・オバマ", "OBAMA, Michelle") < DEFAULT_THRESHOLD


# --- Wade-Giles -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Hsi Chin-p'ing", "Xi Jinping"),
        ("Hsi Chin-ping", "XI Jinping"),
        ("Mao Tse-tung", "Mao Zedong"),
        ("Teng Hsiao-p'ing", "Deng Xiaoping"),
    ],
)
def test_wade_giles_names_meet_their_pinyin(query, listed):
    assert person_score(query, listed) >= DEFAULT_THRESHOLD


def test_only_names_in_wade_giles_are_read_in_pinyin():
    assert wade_giles_readings(["john", "smith"]) == []  # not Wade-Giles syllables
    assert wade_giles_readings(["li", "peng"]) == []  # pinyin already
    assert ("mao", "ze", "dong") in wade_giles_readings(["mao", "tse", "tung"])
    assert script_readings("vladimir putin", ("vladimir", "putin")) == ()


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Chou En-lai", "ZHOU, Enlai"),  # every syllable a pinyin one too: the hyphen tells
        ("Ch'en Ch'üan-kuo", "CHEN, Quanguo"),  # the apostrophe: ch' is ch or q, not zh or j
        ("Teng Hsiao-p'ing", "DENG, Xiaoping"),  # p' is p, so ping is not bing
    ],
)
def test_a_name_written_the_wade_giles_way_is_read_in_pinyin(query, listed):
    assert person_score(query, listed) >= DEFAULT_THRESHOLD


def test_wade_giles_is_told_by_its_apostrophes_and_hyphens():
    assert wade_giles_marked("ch'en ch'uan-kuo") and wade_giles_marked("chou en-lai")
    assert not wade_giles_marked("kim jong-un")  # no syllables of the table
    assert not wade_giles_marked("chen quanguo")
    assert person_score("Chou En-lai", "ZHOU, Enlin") < DEFAULT_THRESHOLD
    # The apostrophe chooses: ch' is not zh, so Ch'en is no Zhen.
    assert all(reading[0] != "zhen" for reading in script_readings("ch'en ch'uan-kuo", ()))


def test_wade_giles_table_agrees_with_pypinyin():
    from pypinyin.style.wadegiles import _convert_table  # the table the file was made from

    def fold(text: str) -> str:
        text = unicodedata.normalize("NFKD", text.replace("'", ""))
        return "".join(c for c in text if not unicodedata.combining(c)).lower()

    table = wade_giles()
    for pinyin, wg in _convert_table:
        assert fold(pinyin).replace("v", "u") in table[fold(wg)], (pinyin, wg)


# --- through the matcher and its index ---------------------------------------------------------


def _snapshot() -> ListSnapshot:
    names = [
        ("p1", "KIM JONG UN"),
        ("p2", "PUTIN, Vladimir Vladimirovich"),
        ("p3", "Mohamed ALI"),
        ("p4", "CHIANG Ching-kuo"),  # a listing in Wade-Giles
        ("p5", "SUZUKI Ichiro"),
        ("p6", "KHODORKOVSKY, Mikhail"),
        ("p7", "ABDUL RAHMAN YASIN"),  # Abd's Latin form, met by عبد
        ("p8", "HAMDULLAH NOMANI"),  # a compound written as one word
        ("p9", "YAHYA HAQQANI"),
    ]
    entries = tuple(
        ListEntry(entry_id=i, source="test", name=n, entity_type="Individual") for i, n in names
    ) + (ListEntry(entry_id="c1", source="test", name="Mohamed Ali Trading", entity_type="Entity"),)
    return ListSnapshot(
        name="test", path=Path("test.csv"), sha256="0", format="csl_csv", entries=entries
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("김정은", "p1"),
        ("Βλαντίμιρ Πούτιν", "p2"),
        ("محمد علي", "p3"),
        ("Jiang Jingguo", "p4"),  # pinyin query, Wade-Giles listing
        ("鈴木一郎", "p5"),
        ("Михаил Ходорковский", "p6"),
        ("عبد الرحمن ياسين", "p7"),
        ("عبدالرحمن ياسين", "p7"),
        ("حمد الله نعمانى", "p8"),
        ("يحيى حقانی", "p9"),
    ],
)
def test_the_index_proposes_what_the_readings_meet(query, expected):
    snapshot = _snapshot()
    indexed = ListMatcher([snapshot])
    brute = ListMatcher([snapshot], candidate_source=AllNames)
    supplier = Supplier(row=1, name=query)
    hits = indexed.match(supplier, min_score=DEFAULT_THRESHOLD)
    assert expected in {m.entry.entry_id for m in hits}
    assert "c1" not in {m.entry.entry_id for m in hits}  # no consonant rule for companies
    for floor in (70.0, DEFAULT_THRESHOLD):
        got = {(m.entry.entry_id, m.score) for m in indexed.match(supplier, min_score=floor)}
        want = {(m.entry.entry_id, m.score) for m in brute.match(supplier, min_score=floor)}
        assert got == want


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Sergejs Lavrovs", "Sergey Viktorovich LAVROV"),  # Latvian -s
        ("Vladimirs Putins", "PUTIN, Vladimir Vladimirovich"),
        ("Vladimiras Putinas", "PUTIN, Vladimir Vladimirovich"),  # Lithuanian -as
        ("Sergejus Lavrovas", "Sergey Lavrov"),  # Lithuanian -us
    ],
)
def test_latvian_and_lithuanian_endings_meet_the_name(query, listed):
    assert person_score(query, listed) >= DEFAULT_THRESHOLD


def test_a_name_is_read_without_baltic_endings_only_when_every_part_has_one():
    assert baltic_reading(["sergejs", "lavrovs"]) == ("sergej", "lavrov")
    assert baltic_reading(["boriss", "jelcins"]) == ("boris", "jelcin")  # Latvian -s after s
    assert baltic_reading(["james", "johnson"]) is None  # an English name
    assert baltic_reading(["lavrovs"]) is None  # one part says too little
    assert baltic_reading(["ras", "putins"]) is None  # too little left
    assert person_score("Sergejs Lavrovs", "Sergey Ivanov") < DEFAULT_THRESHOLD


def test_baltic_endings_are_read_off_persons_names_only():
    """The endings are those Latvian and Lithuanian give a person's name: a company's name
    whose words end in -s is not read without them, on either side."""
    company = score_pair(name_form("Lotus Systems"), name_form("LOT SYSTEM LTD")).score
    assert company < DEFAULT_THRESHOLD
    assert person_score("Lotus Systems", "Lot System") >= DEFAULT_THRESHOLD
    lot = ListEntry(entry_id="c1", name="LOT SYSTEM LTD", source="test", entity_type="Entity")
    snapshot = ListSnapshot(
        name="test", path=Path("test.csv"), sha256="0", format="csl_csv", entries=(lot,)
    )
    matcher = ListMatcher([snapshot])
    assert not matcher.match(Supplier(1, "Lotus Systems"), min_score=DEFAULT_THRESHOLD)


# --- Foreign words in katakana and Hangul -------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("ガスプロム", "GAZPROM"),  # s and z written ス alike, the vowel after a consonant
        ("가스프롬", "GAZPROM"),  # ㅅ for z, 으 after a consonant
        ("ロステック", "ROSTEC"),  # ラ行 for r and l, the doubled consonant
        ("로스텍", "ROSTEC"),
        ("カスペルスキー", "KASPERSKY"),
    ],
)
def test_foreign_companies_in_katakana_and_hangul_meet_their_latin_names(query, listed):
    assert company_score(query, listed) >= DEFAULT_THRESHOLD


@pytest.mark.parametrize("query", ["ウラジーミル・プーチン", "블라디미르 푸틴"])
def test_foreign_persons_in_katakana_and_hangul_meet_their_latin_names(query):
    assert person_score(query, "PUTIN, Vladimir Vladimirovich") >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("query", "listed"),
    [("インテル", "UNITREE"), ("ネスレ", "ANSARU"), ("エヌビディア", "NEOBIT")],
)
def test_a_loanword_in_a_companys_name_needs_four_consonants(query, listed):
    """Intel, Nestlé and Nvidia share three consonants with those listed names."""
    assert company_score(query, listed) < DEFAULT_THRESHOLD


def test_korean_names_are_not_read_as_loanwords():
    from screening.normalize import fold_text
    from screening.scripts import loanword_consonant_reading

    # No syllable with ㅡ and no final: a Korean name, read by its own systems.
    assert loanword_consonant_reading(fold_text("김정은"), ("gimjeongeun",)) is None
    reading = loanword_consonant_reading(fold_text("로스텍"), ("loseuteg",))
    assert reading is not None and reading[0].startswith("=")


def test_consonant_words_are_shown_as_their_consonants():
    from screening.scripts import shown_word

    assert shown_word("=m·h·m·W·d") == "m-h-m-(w)-d"  # waw: w or a vowel
    assert shown_word("=·s·d") == "s-d"  # after the article
    assert shown_word("=LOAN·g·SZ·p·RL·m") == "g-s/z-p-r/l-m"
    assert shown_word("gazprom") == "gazprom"
