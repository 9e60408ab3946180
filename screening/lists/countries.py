"""Country names as lists and supplier files write them, mapped to ISO 3166-1 alpha-2 codes.

OFAC's add.csv, the UN XML and OpenSanctions give countries as names or codes, and a
supplier file's country column holds a code, an English name or a name in the supplier's
own language (中国, 台灣, 日本, Deutschland, Россия); the matcher compares ISO-2 codes, so
loaders and the matcher turn names into codes here. A name not found gives "" (it is still
shown in the address, and the supplier's row is screened without country points).

The names come from pycountry (the Debian iso-codes data: ISO 3166-1 names and their
translations, kept up to date by its translators), in English and in the languages of
`NAME_LANGUAGES`, plus the spellings the lists use that ISO does not (`_ALIASES`) and the
short Chinese forms people write that iso-codes translates only in full (`_CHINESE`).
Traditional Chinese is folded to Simplified before the look-up (`screening.chinese`), so
台灣 and 台湾 are one name.
"""

from __future__ import annotations

import gettext
import importlib.util
import json
import re
import unicodedata
from collections.abc import Iterator
from functools import cache, lru_cache
from pathlib import Path

#: The languages whose names of countries (pycountry's catalogs `iso3166-1`) are read, as
#: supplier masters are written in them: Chinese (mainland, Taiwan, Hong Kong), the
#: languages of the other large trading partners of Chinese and US buyers, and those of the
#: lists' own addresses. Every catalog adds about 1 ms to the first look-up of a name; a name
#: that two languages give to two countries is dropped (`_translated`).
NAME_LANGUAGES = (
    "zh_CN", "zh_TW", "zh_HK", "ja", "ko", "vi", "th", "id", "ms", "ru", "uk", "de", "fr",
    "es", "pt", "it", "nl", "pl", "tr", "ar", "fa", "he",
)  # fmt: skip

# Spellings the lists use that ISO 3166 does not (OFAC add.csv, UN XML, DPL), checked by
# reading the distinct values of ../shared/data/ofac/*/add.csv and un/UN_consolidated.xml,
# and the IANA tz table's short names (iso3166.tab), which this module read before.
# "XK" (Kosovo) and "AN" (Netherlands Antilles) are the codes the lists themselves use.
_ALIASES: dict[str, str] = {
    "Antigua and Barbuda": "AG",
    "Antigua & Barbuda": "AG",
    "Bahamas, The": "BS",
    "Bolivia (Plurinational State of)": "BO",
    "Bosnia & Herzegovina": "BA",
    "Britain (UK)": "GB",
    "British Virgin Islands": "VG",
    "Burma": "MM",
    "Cape Verde": "CV",
    "Caribbean NL": "BQ",
    "Central African Rep.": "CF",
    "China, Hong Kong Special Administrative Region": "HK",
    "Congo (Dem. Rep.)": "CD",
    "Congo (Rep.)": "CG",
    "Congo, Democratic Republic of the": "CD",
    "Congo, Republic of the": "CG",
    "Cote d Ivoire": "CI",
    "Democratic Republic of the Congo": "CD",
    "East Timor": "TL",
    "Eswatini (Swaziland)": "SZ",
    "Falkland Islands": "FK",
    "French S. Terr.": "TF",
    "Gambia, The": "GM",
    "Gaza": "PS",
    "Heard Island & McDonald Islands": "HM",
    "Holy See": "VA",
    "Hong Kong": "HK",
    "Iran (Islamic Republic of)": "IR",
    "Korea (North)": "KP",
    "Korea (South)": "KR",
    "Korea, North": "KP",
    "Korea, South": "KR",
    "Kosovo": "XK",
    "Libyan Arab Jamahiriya": "LY",
    "Macau": "MO",
    "Man, Isle of": "IM",
    "Micronesia, Federated States of": "FM",
    "Moldova, Republic of": "MD",
    "Myanmar (Burma)": "MM",
    "Netherlands Antilles": "AN",
    "North Macedonia, The Republic of": "MK",
    "Palestine": "PS",
    "Palestinian": "PS",
    "Republic of Korea": "KR",
    "Russia": "RU",
    "Saint Kitts and Nevis": "KN",
    "Saint Vincent and the Grenadines": "VC",
    "Samoa (American)": "AS",
    "Samoa (western)": "WS",
    "Sao Tome & Principe": "ST",
    "South Georgia & the South Sandwich Islands": "GS",
    "Sint Maarten": "SX",
    "St Barthelemy": "BL",
    "St Helena": "SH",
    "St Kitts & Nevis": "KN",
    "St Lucia": "LC",
    "St Maarten (Dutch)": "SX",
    "St Martin (French)": "MF",
    "St Pierre & Miquelon": "PM",
    "St Vincent": "VC",
    "State of Palestine": "PS",
    "Svalbard & Jan Mayen": "SJ",
    "Swaziland": "SZ",
    "The Gambia": "GM",
    "Trinidad & Tobago": "TT",
    "Turkey": "TR",
    "Turks & Caicos Is": "TC",
    "United Kingdom": "GB",
    "United States": "US",
    "US minor outlying islands": "UM",
    "Vatican City": "VA",
    "Venezuela (Bolivarian Republic of)": "VE",
    "Virgin Islands (UK)": "VG",
    "Virgin Islands (US)": "VI",
    "Virgin Islands, British": "VG",
    "West Bank": "PS",
    "Wallis & Futuna": "WF",
}

# Short Chinese names in everyday use that iso-codes translates only in full (朝鲜民主主义人民
# 共和国) or not at all, in Simplified (Traditional is folded first): 北韩/南韩 as Hong Kong
# and Taiwan write them, the mainland's 中国大陆/中国内地, and the forms PRC style guides give
# for Taiwan, Hong Kong and Macao (中国台湾, 台湾地区, 中国香港, 中国澳门).
_CHINESE: dict[str, str] = {
    "中国大陆": "CN",
    "中国内地": "CN",
    "中华人民共和国": "CN",
    "朝鲜": "KP",
    "北朝鲜": "KP",
    "北韩": "KP",
    "韩国": "KR",
    "南韩": "KR",
    "南朝鲜": "KR",
    "台湾": "TW",
    "中国台湾": "TW",
    "台湾地区": "TW",
    "中华民国": "TW",
    "中国香港": "HK",
    "香港特别行政区": "HK",
    "中国澳门": "MO",
    "澳门特别行政区": "MO",
    "美利坚合众国": "US",
    "俄国": "RU",
    "俄罗斯联邦": "RU",
    "英国": "GB",
}

#: Codes the lists use that ISO has not assigned (Kosovo, Netherlands Antilles).
_EXTRA_CODES = frozenset({"XK", "AN"})
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"\w+")


def _key(name: str) -> str:
    """A name as it is looked up: Latin accents, case, punctuation and spacing folded, other
    scripts kept (Devanagari's vowel signs are letters, not accents), Traditional Chinese
    made Simplified."""
    text = unicodedata.normalize("NFKC", name)
    if _HAN.search(text):
        from screening.chinese import to_simplified

        text = to_simplified(text)
    folded = []
    for char in text.casefold():
        base = unicodedata.normalize("NFKD", char)
        folded.append(base[0] if base[0].isascii() and len(base) > 1 else char)
    return " ".join(_WORD.findall("".join(folded).replace("_", " ")))


@cache
def _pycountry_dir() -> Path:
    """pycountry's folder, found without importing the package: its ISO data files (the
    same that `pycountry.countries` and `pycountry.LOCALES_DIR` read) are read from there
    directly, since importing it costs about 50 ms, a tenth of a one-name lookup."""
    spec = importlib.util.find_spec("pycountry")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("pycountry is not installed")
    return Path(spec.origin).parent


def _locales_dir() -> str:
    return str(_pycountry_dir() / "locales")


@cache
def iso_countries() -> tuple[dict[str, str], ...]:
    """The ISO 3166-1 records (alpha_2, name, official_name, common_name ...) as pycountry
    ships them."""
    path = _pycountry_dir() / "databases" / "iso3166-1.json"
    return tuple(json.loads(path.read_text(encoding="utf-8"))["3166-1"])


def _english() -> Iterator[tuple[str, str]]:
    """(name, code): each country's ISO name, official and common name (pycountry)."""
    for country in iso_countries():
        for attr in ("name", "official_name", "common_name"):
            if name := country.get(attr):
                yield name, country["alpha_2"]


def _translated() -> dict[str, str]:
    """Keys of the names of `NAME_LANGUAGES`, without those two countries share."""
    english = list(_english())
    found: dict[str, set[str]] = {}
    for language in NAME_LANGUAGES:
        catalog = gettext.translation(
            "iso3166-1", _locales_dir(), languages=[language], fallback=True
        )
        for name, code in english:
            found.setdefault(_key(catalog.gettext(name)), set()).add(code)
    return {key: codes.pop() for key, codes in found.items() if len(codes) == 1 and key}


@cache
def _by_name() -> dict[str, str]:
    """Every known name's key and its code: translations first, so that English names and
    the lists' own spellings win a clash."""
    return {
        **_translated(),
        **{_key(name): code for name, code in _english()},
        **{_key(name): code for name, code in _ALIASES.items()},
        **{_key(name): code for name, code in _CHINESE.items()},
    }


@cache
def _codes() -> frozenset[str]:
    return frozenset(c["alpha_2"] for c in iso_countries()) | _EXTRA_CODES


@lru_cache(maxsize=4096)
def country_code(value: str) -> str:
    """The ISO-2 code of a country name or code, or "" when it is not a country we know."""
    text = value.strip()
    if len(text) == 2 and text.upper() in _codes():
        return text.upper()
    return _by_name().get(_key(text), "") if text else ""


def country_codes(*values: str) -> tuple[str, ...]:
    """ISO-2 codes of the given names or codes, in order, without repeats or unknowns."""
    return tuple(dict.fromkeys(c for c in (country_code(v) for v in values) if c))


def english_names() -> tuple[str, ...]:
    """Every English name and spelling known (ISO names, official and common names, the
    lists' spellings): the countries `screening/data/build_places.py` writes as places."""
    return tuple(dict.fromkeys([*(name for name, _ in _english()), *_ALIASES]))


@cache
def _by_code() -> dict[str, dict[str, str]]:
    return {country["alpha_2"]: country for country in iso_countries()}


#: pycountry's catalogs for the interface languages `country_name` is asked for.
_CATALOG_LANGUAGE = {"zh": "zh_CN", "zh-hans": "zh_CN", "zh-hant": "zh_TW"}


@cache
def _country_catalog(language: str) -> gettext.NullTranslations:
    code = _CATALOG_LANGUAGE.get(language.lower().replace("_", "-"), language)
    return gettext.translation("iso3166-1", _locales_dir(), [code], fallback=True)


def country_name(code: str, language: str = "en") -> str:
    """The short name of the country `code` (ISO-2) in `language` (a pycountry locale such
    as "zh_CN", "de", or "zh" for Simplified Chinese): its common name where ISO gives one
    (Taiwan, not "Taiwan, Province of China"), else its ISO name; the code itself when it
    is not an ISO country."""
    country = _by_code().get(code.strip().upper())
    if country is None:
        return code
    name = country.get("common_name") or country["name"]
    return name if language == "en" else _country_catalog(language).gettext(name)
