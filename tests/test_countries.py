"""Country names and codes as lists write them, to ISO 3166-1 alpha-2
(screening/lists/countries.py)."""

from __future__ import annotations

from datetime import date

import pytest

from screening.lists.countries import country_code, country_codes


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("CN", "CN"),
        (" cn ", "CN"),  # a code in any case, with spaces
        ("China", "CN"),  # the tz table's name
        ("Iran (Islamic Republic of)", "IR"),  # the UN's spelling
        ("Korea, North", "KP"),  # OFAC's
        ("Côte d'Ivoire", "CI"),  # accents and apostrophes ignored
        ("cote d ivoire", "CI"),
        ("UNITED  KINGDOM", "GB"),  # case and spacing ignored
        ("Kosovo", "XK"),  # codes the lists use that ISO has not assigned
        ("XK", "XK"),
        ("Netherlands Antilles", "AN"),
        ("Hong Kong", "HK"),
    ],
)
def test_names_and_codes_the_lists_write_become_iso_codes(written, code):
    assert country_code(written) == code


@pytest.mark.parametrize("written", ["", "Atlantis", "ZZ", "C", "region of somewhere"])
def test_what_is_not_a_known_country_has_no_code(written):
    assert country_code(written) == ""


def test_codes_keep_their_order_without_repeats_or_unknowns():
    assert country_codes("Russia", "China", "CN", "Atlantis", "Hong Kong") == ("RU", "CN", "HK")
    assert country_codes() == ()


@pytest.mark.parametrize(
    ("written", "code"),
    [
        # Chinese as supplier masters write it, Simplified and Traditional (pycountry's zh
        # catalogs and the short forms iso-codes gives only in full)
        ("中国", "CN"),
        ("中國", "CN"),
        ("中华人民共和国", "CN"),
        ("中国大陆", "CN"),
        ("台湾", "TW"),
        ("臺灣", "TW"),
        ("台灣", "TW"),
        ("中国台湾", "TW"),
        ("香港", "HK"),
        ("中国香港", "HK"),
        ("澳門", "MO"),
        ("日本", "JP"),
        ("美国", "US"),
        ("美國", "US"),
        ("俄罗斯", "RU"),
        ("俄羅斯", "RU"),
        ("伊朗", "IR"),
        ("朝鲜", "KP"),
        ("北韓", "KP"),
        ("韩国", "KR"),
        ("越南", "VN"),
        (" 德国 ", "DE"),
        # other languages
        ("Deutschland", "DE"),
        ("Allemagne", "DE"),
        ("Japon", "JP"),
        ("Российская Федерация", "RU"),
        ("대한민국", "KR"),
        ("イラン・イスラム共和国", "IR"),
        # English: ISO names, official and common names, the lists' spellings
        ("Russian Federation", "RU"),
        ("Russia", "RU"),
        ("Taiwan, Province of China", "TW"),
        ("Korea, Democratic People's Republic of", "KP"),
        ("North Korea", "KP"),
        ("United States of America", "US"),
        ("Türkiye", "TR"),
        ("Viet Nam", "VN"),
        ("Iran", "IR"),
        # ISO codes
        ("tw", "TW"),
        ("KP", "KP"),
    ],
)
def test_names_in_chinese_and_other_languages_become_iso_codes(written, code):
    assert country_code(written) == code


@pytest.mark.parametrize("written", ["中", "中国人", "北京", "火星", "Nord"])
def test_chinese_words_that_are_not_countries_have_no_code(written):
    assert country_code(written) == ""


def test_a_name_two_languages_give_to_two_countries_is_not_guessed():
    # iso-codes' Persian catalog names Eritrea and Palestine alike: neither is chosen.
    from screening.lists.countries import _by_name, _key

    assert _key("فلسطین") not in _by_name()
    assert country_code("فلسطین") == ""
    assert country_code("Palestine") == "PS"


@pytest.mark.parametrize(
    ("code", "language", "name"),
    [
        ("CN", "zh", "中国"),
        ("TW", "zh", "台湾"),
        ("KP", "zh", "朝鲜"),
        ("RU", "zh", "俄罗斯"),
        ("TW", "en", "Taiwan"),
        ("DE", "de", "Deutschland"),
        ("XK", "zh", "XK"),  # not an ISO country: the code as given
    ],
)
def test_country_names_in_a_language(code, language, name):
    from screening.lists.countries import country_name

    assert country_name(code, language) == name


@pytest.mark.parametrize("country", ["中国", "中國", "CN", "China"])
def test_a_supplier_country_written_in_chinese_gets_the_country_points(country):
    """A country column saying 中国 is China, as CN is: a near miss on a listed Chinese
    company gains the country's points (it was "not known" and ignored)."""
    from screening.lists import load_bundled_sample
    from screening.models import Supplier
    from screening.options import ScreenOptions
    from screening.screen import screen_suppliers

    supplier = Supplier(row=1, name="Huawei Technologes", country=country)
    options = ScreenOptions(as_of=date(2026, 1, 1))
    result = screen_suppliers([supplier], (load_bundled_sample(),), options)
    best = max(result.findings, key=lambda f: f.match.score)
    assert best.match.entry.name == "Huawei Technologies Co., Ltd."
    assert f"country {country} agrees with the listing's CN (+" in best.match.explanation


def test_the_iso_data_read_directly_is_pycountrys():
    """The countries are read from pycountry's own files without importing it (its import
    is slow): the same records, names and translations as pycountry gives."""
    import gettext

    import pycountry

    from screening.lists import countries

    read = {c["alpha_2"]: c for c in countries.iso_countries()}
    assert len(read) == len(pycountry.countries) >= 249
    for country in pycountry.countries:
        assert read[country.alpha_2]["name"] == country.name
        assert read[country.alpha_2].get("common_name") == getattr(country, "common_name", None)
    assert countries._locales_dir() == pycountry.LOCALES_DIR
    german = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, ["de"])
    assert countries.country_name("DE", "de") == german.gettext("Germany") == "Deutschland"
    assert countries.country_name("TW") == "Taiwan"
