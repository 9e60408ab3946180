"""Normalisation across scripts and legal systems: each step of screening/normalize.py alone."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screening.normalize import (
    drop_legal_forms,
    gloss_han_word,
    han_number,
    legal_forms,
    name_tokens,
    normalize_name,
    ordinal,
    to_simplified,
    translate_han_ordinals,
    transliterate_han,
    transliterate_scripts,
)

PROPERTY = settings(deadline=None, derandomize=True, max_examples=300)


# --- legal forms in many languages ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Acme Sp. z o.o.", "acme"),  # Poland
        ("Acme S.p.A.", "acme"),  # Italy
        ("Acme S.R.L.", "acme"),  # Romania, Italy
        ("Acme S.A. de C.V.", "acme"),  # Mexico
        ("Acme s.r.o.", "acme"),  # Czechia, Slovakia
        ("Acme Kft.", "acme"),  # Hungary
        ("Acme Pte. Ltd.", "acme"),  # Singapore
        ("Acme Pvt Ltd", "acme"),  # India
        ("Acme Sdn. Bhd.", "acme"),  # Malaysia
        ("Acme FZCO", "acme"),  # UAE free zone
        ("Acme GmbH & Co. KG", "acme"),  # Germany
        ("TOO Acme", "acme"),  # Kazakhstan
        ("PAO Acme", "acme"),  # Russia, Latin spelling
        ("ООО Ромашка", "romashka"),  # Russia, Cyrillic
        ('ОАО "Газпром"', "gazprom"),
        ("Публичное акционерное общество «Газпром»", "gazprom"),
        ("Общество с ограниченной ответственностью Ромашка", "romashka"),
        ("Αθήνα Α.Ε.", "athina"),  # Greece
    ],
)
def test_legal_forms_of_many_languages_removed(name, expected):
    assert normalize_name(name) == expected


def test_dotted_forms_in_the_file_come_out_as_names_write_them():
    forms = set(legal_forms())
    # Abbreviations in forms are written out, as they are in names ("Ltd" -> "limited").
    assert {("spa",), ("sp", "z", "oo"), ("srl",), ("ooo",), ("pte", "limited")} <= forms
    assert drop_legal_forms(["acme", "sp", "z", "oo"]) == ["acme"]
    assert drop_legal_forms(["acme", "pte", "ltd"]) == ["acme"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("华为技术有限公司", "huawei technology"),
        ("浪潮软件股份有限公司", "langchao software"),
        ("華為技術有限責任公司", "huawei technology"),  # Traditional characters
        ("中国电子科技集团公司", "china electronics technology group"),
        ("ソニー株式会社", "soni"),  # Japanese kabushiki kaisha in kanji
    ],
)
def test_chinese_legal_forms_removed(name, expected):
    assert normalize_name(name) == expected


# --- Traditional to Simplified ----------------------------------------------------------------


def test_traditional_made_simplified():
    assert to_simplified("華為技術") == "华为技术"
    assert to_simplified("億電國際香港") == "亿电国际香港"
    assert to_simplified("Acme") == "Acme"


def test_traditional_and_simplified_names_meet():
    assert name_tokens("億電國際香港有限公司") == name_tokens("亿电国际香港有限公司")


# --- other scripts ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("газпром", "gazprom"),
        ("ромашка", "romashka"),
        ("жуков", "zhukov"),  # Ж -> zh
        ("хабаровск", "khabarovsk"),  # Х -> kh, as OFAC writes it
        ("щука", "shchuka"),
        ("αθηνα", "athina"),  # Greek
        ("νικολαος", "nikolaos"),
        ("خالد محمود", "khld mhmwd"),  # Arabic: letters only, its vowels are not written
        ("משה", "msh"),  # Hebrew
        ("պուտին", "putin"),  # Armenian: ու is one vowel, u
        ("ՊՈՒՏԻՆ", "putin"),
        ("խաչատրյան", "khachatryan"),
        ("acme®", "acme "),  # symbols separate words, they are not spelled out
    ],
)
def test_transliterate_scripts(text, expected):
    assert transliterate_scripts(text) == expected


@pytest.mark.parametrize(
    ("curly", "straight"),
    [
        ("Sa\u2019d Al-Tikriti", "Sa'd Al-Tikriti"),  # "sa d" lost "sa" as a legal form
        ("Mus\u2019ab Mustafa", "Mus'ab Mustafa"),
        ("\u2018Abd Al-Rahman", "'Abd Al-Rahman"),  # ayn written as an opening quote
        ("O\u2019Brien Holdings", "O'Brien Holdings"),
    ],
)
def test_quotation_marks_for_an_apostrophe_read_as_the_apostrophe(curly, straight):
    assert name_tokens(curly) == name_tokens(straight)


@pytest.mark.parametrize(
    ("damaged", "whole"),
    [
        ("Mus?ab Mustafa", "musab mustafa"),  # ’ lost in a code page without it
        ("Jos? Garc?a", "jos garca"),  # é and í: a letter missing, the words whole
        ("Mus\ufffdab Mustafa", "musab mustafa"),  # the replacement character
        ("Who? What Co", "who what"),  # not between letters: punctuation
    ],
)
def test_a_letter_lost_in_a_code_page_leaves_the_word_whole(damaged, whole):
    assert normalize_name(damaged) == whole


def test_a_quotation_mark_inside_a_word_keeps_it_whole():
    assert normalize_name("Sa\u2019d Al-Tikriti") == "sad al tikriti"
    assert normalize_name("\u2018Ubayd Juday\u2019") == "ubayd juday"


def test_cyrillic_names_meet_their_ofac_spelling():
    assert normalize_name("Путин Владимир Владимирович") == "putin vladimir vladimirovich"
    assert normalize_name("Газпром") == "gazprom"


# --- Chinese: ordinals, jieba words, glossary, pinyin -------------------------------------------


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("一", 1),
        ("十", 10),
        ("十三", 13),
        ("二十", 20),
        ("二十三", 23),
        ("一百零五", 105),
        ("32", 32),
    ],
)
def test_han_number(numeral, value):
    assert han_number(numeral) == value


@pytest.mark.parametrize(
    ("number", "text"),
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (13, "13th"), (23, "23rd")],
)
def test_ordinal(number, text):
    assert ordinal(number) == text


def test_chinese_ordinals_written_as_lists_write_them():
    assert translate_han_ordinals("第十三研究所").split() == ["13th", "研究所"]
    assert translate_han_ordinals("第二十三研究所").split() == ["23rd", "研究所"]


def test_gloss_han_word():
    assert gloss_han_word("研究所") == ["research", "institute"]
    assert gloss_han_word("华为技术") == ["huawei", "technology"]  # a jieba compound, split
    assert gloss_han_word("深圳市") == ["shenzhen"]  # place suffix dropped
    assert gloss_han_word("云南") == ["yunnan"]  # single-character glosses only stand alone
    assert gloss_han_word("哈尔滨") == ["harbin"]  # English spelling, not pinyin "haerbin"


def test_unglossed_words_are_one_pinyin_word_each():
    assert transliterate_han("华为").split() == ["huawei"]


def test_cetc_13th_research_institute():
    words = set(name_tokens("中国电子科技集团公司第十三研究所"))
    # "13th" as the list writes it, in the one form numbers take ("thirteenth").
    expected = {"china", "electronics", "technology", "group", *name_tokens("13th")}
    assert expected | {"research", "institute"} <= words


def test_beijing_academy_of_artificial_intelligence():
    words = set(name_tokens("北京智源人工智能研究院"))
    assert {"beijing", "artificial", "intelligence"} <= words
    assert words <= set(name_tokens("Beijing Zhiyuan Artificial Intelligence Academy"))


def test_pla_university_meets_most_of_its_english_name():
    chinese = set(name_tokens("中国人民解放军空军工程大学"))
    assert {"air", "force", "engineering", "university"} <= chinese


# --- properties, whatever the script ----------------------------------------------------------

SCRIPTS = st.text(
    alphabet=st.sampled_from(
        "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгджзийклмнопрстуфхцчшщъыьэюяёЁ"
        "ΑΒΓΔΕΖΗΘαβγδεζηθλμνξοπρστυφχψωά"
        "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
        "中国电子科技集团公司有限第十三研究所华为北京市國際億電香港㐂㐨株式会社"
        "ｱｲｳあいうカタカナ한국어 .,-()&'\"«»"
    )
)


@PROPERTY
@given(SCRIPTS)
def test_mixed_scripts_never_raise_and_are_idempotent(text):
    once = normalize_name(text)
    assert normalize_name(once) == once
    assert once.isascii()
    assert "  " not in once and once == once.strip()


@PROPERTY
@given(st.text())
def test_any_text_normalises_idempotently_to_single_spaces(text):
    once = normalize_name(text)
    assert normalize_name(once) == once
    assert "  " not in once and once == once.strip()
