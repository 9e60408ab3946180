"""Name normalisation: each step on its own, then properties of the whole pipeline."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screening.normalize import (
    drop_legal_forms,
    fold_text,
    name_form,
    normalize_name,
    strip_han_legal_forms,
    tokenize,
    transliterate_han,
)

# Deterministic examples keep CI stable; no deadline since the first call loads pypinyin.
PROPERTY = settings(deadline=None, derandomize=True)


# --- fold_text ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("ＨＵＡＷＥＩ", "huawei"),  # full-width letters
        ("Huawéi", "huawei"),
        ("Société Générale", "societe generale"),
        ("Würth Elektronik", "wurth elektronik"),
        ("Straße", "strasse"),  # case folding, not just lower()
        ("ﬁnance", "finance"),  # ligature
        ("Ｃｏ．，Ｌｔｄ．", "co.,ltd."),  # full-width punctuation too
    ],
)
def test_fold_text(raw, folded):
    assert fold_text(raw) == folded


# --- legal forms and stop words ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Huawei Technologies Co., Ltd.", "huawei technologies"),
        ("Huawei Technologies Company Limited", "huawei technologies"),
        ("Robert Bosch GmbH", "robert bosch"),
        ("Siemens AG", "siemens"),
        ("OOO Gazprom", "gazprom"),
        ("Acme S.p.A.", "acme"),
        ("Société Générale S.A.", "societe generale"),
        ("Omron Kabushiki Kaisha", "omron"),
        ("ACME, LLC", "acme"),
        ("Acme Limited Liability Company", "acme"),
        ("Ｔｅｓｔ　Ｃｏ．，Ｌｔｄ．", "test"),
    ],
)
def test_legal_forms_removed(name, expected):
    assert normalize_name(name) == expected


def test_name_made_only_of_legal_forms_is_kept():
    assert drop_legal_forms(["co", "ltd"]) == ["co", "ltd"]
    assert drop_legal_forms(["acme", "co", "ltd"]) == ["acme"]
    assert normalize_name("Co., Ltd.") == "co ltd"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Jont Stock Company Polar Optics", "polar optics"),
        ("Open Joitn Stock Company Kvant", "kvant"),
        ("PUBLIC JOINT STOKC COMPANY KVANT", "kvant"),
        ("Joint-Stcok Company Kvant", "kvant"),
        # "Publc" starts a misspelt form of the tables too ("Publc Limited Company"): it is
        # still the first word of another form misspelt.
        ("Publc Joint Stock Company Rushydro", "rushydro"),
        ("Publc Limited Company Rushydro", "rushydro"),
        # Two words of a form misspelt, or a typo in a short form: words of the name.
        ("Jont Stokc Company Kvant", "jont stokc kvant"),
        ("Kvant Gmbg", "kvant gmbg"),
        # A name that is only a near form stays a name.
        ("Point Stock Company", "point stock company"),
    ],
)
def test_legal_form_with_a_typo_in_one_word(name, expected):
    assert normalize_name(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # Two letters off in a long word of a legal form of several words.
        ("Kvant Limited Liaibliny Company", "kvant"),
        ("Aktsionernoe Obhcxestvo Kvant", "kvant"),
        # A one-word form two letters off where legal forms stand: ending the name.
        ("Kvant Optics Corpoatoin", "kvant optics"),
        ("Kvant Optics Coruoratin Limited", "kvant optics"),
        # Elsewhere the word may be the name's own: two letters from "corporation".
        ("Korea Cooperation Fund", "korea cooperation fund"),
        # Short form words keep the one-letter rule; three letters off is another word.
        ("Kvant Lmtdd", "kvant lmtdd"),
        ("Kvant Optics Cxrpxratixn", "kvant optics cxrpxratixn"),
    ],
)
def test_legal_form_with_two_letters_off_in_a_long_word(name, expected):
    assert normalize_name(name) == expected


def test_written_words_keep_abbreviations_and_stop_words():
    form = name_form("Nordvik Tech nology Des ign Co., Ltd.")
    assert form.tokens == ("nordvik", "technology", "nology", "ign")
    assert form.spelled == ("nordvik", "tech", "nology", "des", "ign")
    assert form.joined == "nordviktechnologydesign"
    # When nothing differs, the written words are not kept twice.
    assert name_form("Nordvik Optics Ltd").written == ()


def test_stop_words_removed():
    assert drop_legal_forms(["bank", "of", "the", "china"]) == ["bank", "china"]
    assert normalize_name("Bank of the China") == "bank china"
    assert normalize_name("Academy of Artificial Intelligence") == "academy artificial intelligence"


def test_dots_join_abbreviations():
    assert tokenize(fold_text("S.A.")) == ["sa"]
    assert tokenize("co.,ltd.") == ["co", "ltd"]
    assert tokenize("o'brien & sons-ltd") == ["obrien", "sons", "ltd"]
    assert normalize_name("S.A.") == "sa"  # only a legal form: kept, as its comparable form


# --- Chinese ------------------------------------------------------------------------------


def test_chinese_legal_forms_stripped():
    assert "有限公司" not in strip_han_legal_forms("华为技术有限公司")
    stripped = strip_han_legal_forms("浪潮软件股份有限公司")
    assert "股份" not in stripped and "公司" not in stripped
    assert stripped.strip() == "浪潮软件"


def test_chinese_glossary_and_pinyin():
    assert transliterate_han("华为技术").split() == ["huawei", "technology"]
    assert normalize_name("华为技术有限公司") == "huawei technology"
    assert normalize_name("北京智源人工智能研究院") == (
        "beijing zhiyuan artificial intelligence academy"
    )


def test_chinese_next_to_latin_letters_splits_words():
    assert normalize_name("ABC华为") == "abc huawei"


# --- properties ---------------------------------------------------------------------------


@PROPERTY
@given(st.text())
def test_normalize_never_raises(text):
    assert isinstance(normalize_name(text), str)


@PROPERTY
@given(st.text())
def test_normalize_is_idempotent(text):
    once = normalize_name(text)
    assert normalize_name(once) == once


def test_normalize_is_idempotent_for_han_without_pinyin():
    once = normalize_name("㐂㐨")
    assert normalize_name(once) == once


@PROPERTY
@given(st.text(alphabet=string.ascii_letters + " "))
def test_normalize_ignores_case_and_surrounding_space(text):
    expected = normalize_name(text)
    assert normalize_name(text.upper()) == expected
    assert normalize_name(text.lower()) == expected
    assert normalize_name(f"  {text}\t ") == expected


@PROPERTY
@given(st.text())
def test_normalize_has_single_spaces_only(text):
    result = normalize_name(text)
    assert "  " not in result
    assert result == result.strip()
    assert not any(c.isspace() and c != " " for c in result)


@PROPERTY
@given(st.text(alphabet=string.punctuation + " \t\n"))
def test_punctuation_only_normalises_to_empty(text):
    assert normalize_name(text) == ""
