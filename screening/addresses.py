"""Addresses in one comparable form, compared street by street, and an index of the listed
ones for the suppliers that share an address with a listed party.

BIS names diversion through front companies that share an address with a listed party (an
office suite in Hong Kong that many listed shells use) as a red flag, even when the
supplier's name is new. Vendor masters and lists write one address many ways, so both
sides are brought to one form (`address_form`):

- width and case folded (full-width digits and letters, "Ｎｏ．１２" -> "no 12");
- punctuation dropped, ordinals to numbers ("19th" -> "19"), letters glued to a number kept
  as written ("b1");
- the usual abbreviations written out (`ABBREVIATIONS`: Rd/Road, Fl/Floor, Rm/Room,
  Bldg/Building, Ave/Avenue, St/Street...), and the Chinese markers of an address read
  as the same words (路 road, 号 number, 室 room, 楼/层 floor, 大厦 building...), so that
  "12号" is the number 12 and a Han run is a word of its own;
- a trailing country (", CN", ", China"), which the listing's countries already say, set
  apart.

Two addresses are compared at the level of a street: each must hold a number and a
distinctive word (a street or building name, a city: not "road", "floor", "room"); they
agree when every number of the one with fewer numbers is in the other (a room number or a
postal code may be missing on one side) and at least half of the distinctive words of the
one with fewer words are in the other. An address without a number (a city alone) is not
compared. rigour (OpenSanctions) has address helpers of the same kind; they bring a large
dependency for a few rules, so these are our own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

#: Abbreviations written out before comparing, both sides alike. The common postal
#: abbreviations of English street addresses (USPS Publication 28, Appendix C) that the
#: lists and vendor masters use, and the address words of the lists' Chinese, Russian and
#: Latin American addresses ("ul." ulitsa, "av." avenida) and pinyin ("lu" road, "hao"
#: number); pinyin place words that are also names or places ("xi", "dong", "xian") are
#: left alone.
ABBREVIATIONS = {
    "rd": "road", "st": "street", "str": "street", "ave": "avenue", "av": "avenue",
    "blvd": "boulevard", "hwy": "highway", "ln": "lane", "dr": "drive", "ct": "court",
    "sq": "square", "pl": "place", "ctr": "center", "centre": "center", "cntr": "center",
    "fl": "floor", "flr": "floor", "rm": "room", "bldg": "building", "bld": "building",
    "blk": "block", "ste": "suite", "apt": "apartment", "flat": "apartment", "dist": "district",
    "distr": "district", "pr": "province", "prov": "province", "ind": "industrial",
    "indl": "industrial", "tech": "technology", "sci": "science", "pk": "park",
    "twr": "tower", "ul": "street", "ulitsa": "street", "avenida": "avenue",
    "calle": "street", "strasse": "street", "straße": "street", "lu": "road",
    "jie": "street", "dajie": "avenue", "hao": "number", "dasha": "building",
}  # fmt: skip
#: Chinese address markers read as the words above ("路" road): they end the place name
#: before them, so "中关村大街1号" reads "中关村 avenue 1 number". Longest first.
CHINESE_MARKERS = {
    "大街": "avenue", "大道": "avenue", "大厦": "building", "大楼": "building",
    "中心": "center", "园区": "park", "工业园": "industrial park", "开发区": "zone",
    "自治区": "province", "特别行政区": "province", "路": "road", "街": "street",
    "道": "road", "巷": "lane", "弄": "lane", "号": "number", "室": "room",
    "楼": "floor", "层": "floor", "栋": "building", "幢": "building", "座": "block",
    "区": "district", "市": "city", "省": "province", "县": "county", "镇": "town",
    "乡": "town", "村": "village", "单元": "unit",
}  # fmt: skip
#: Words that say what a part of an address is, not which: they never decide an agreement.
ADDRESS_WORDS = frozenset(
    {
        "road", "street", "avenue", "boulevard", "highway", "lane", "drive", "court", "square",
        "place", "center", "floor", "room", "building", "block", "suite", "apartment", "unit",
        "district", "province", "city", "county", "town", "village", "zone", "park",
        "industrial", "number", "no", "nr", "the", "of", "and", "de", "la", "del", "po",
        "box", "p", "o", "east", "west", "south", "north", "office", "house", "tower",
        "level", "area", "new", "state", "region", "oblast", "kraj", "at", "in",
    }
)  # fmt: skip
#: Of the distinctive words of the address that has fewer, the share the other must have
#: for the two to agree: half lets one side name a district or a building the other
#: leaves out, while two streets of one city (one word in common, the city) do not agree.
ADDRESS_WORD_SHARE = 0.5

_MARKERS = re.compile("|".join(sorted(map(re.escape, CHINESE_MARKERS), key=len, reverse=True)))
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_TOKEN = re.compile(r"[^\W_]+")
# "19th" (an ordinal), "12f" and "12fl" (a floor, as "12/F" is written): the number.
_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th|f|fl|flr)$")
_DIGIT = re.compile(r"\d")
_HAN_DIGIT_SPLIT = re.compile(r"(?<=\d)(?=[^\d\W])|(?<=[^\d\W])(?=\d)")


@dataclass(frozen=True, slots=True)
class AddressForm:
    """An address as compared: its numbers, its distinctive words, the country it ends
    with (ISO-2, "" when none) and the text it came from."""

    numbers: frozenset[str]
    words: frozenset[str]
    country: str
    text: str

    @property
    def street_level(self) -> bool:
        """Whether it names a place in a street (a number and a distinctive word): only
        such addresses are compared."""
        return bool(self.numbers and self.words)


def _country_of(part: str) -> str:
    from screening.lists.countries import country_code

    return country_code(part) if part else ""


def _chinese(text: str) -> str:
    """Han runs with their address markers read as words, spaced from what surrounds them."""

    def run(found: re.Match[str]) -> str:
        marked = _MARKERS.sub(lambda m: f" {CHINESE_MARKERS[m.group(0)]} ", found.group(0))
        return f" {marked} "

    return _HAN.sub(run, text)


@lru_cache(maxsize=1 << 15)
def address_form(text: str) -> AddressForm:
    """`text` in the comparable form the module's docstring describes."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    parts = [p.strip() for p in folded.split(",")]
    country = ""
    while parts and (code := _country_of(parts[-1].strip(" .()"))):
        country = country or code.upper()
        parts.pop()
    body = _chinese(" , ".join(parts))
    numbers: set[str] = set()
    words: set[str] = set()
    for raw in _TOKEN.findall(body):
        for token in _HAN_DIGIT_SPLIT.split(raw) if _HAN.search(raw) else [raw]:
            ordinal = _ORDINAL.match(token)
            token = ordinal.group(1) if ordinal else token
            if _DIGIT.search(token):
                numbers.add(token.lstrip("0") or "0")
                continue
            word = ABBREVIATIONS.get(token, token)
            for piece in word.split():
                if piece not in ADDRESS_WORDS and (len(piece) > 1 or _HAN.match(piece)):
                    words.add(piece)
    return AddressForm(frozenset(numbers), frozenset(words), country, text)


def addresses_agree(a: AddressForm, b: AddressForm) -> bool:
    """Whether two street-level addresses name one place (the rule in the module's
    docstring); False when either is not street-level, or their countries differ."""
    if not (a.street_level and b.street_level):
        return False
    if a.country and b.country and a.country != b.country:
        return False
    few, many = sorted((a.numbers, b.numbers), key=len)
    if not few <= many:
        return False
    fewer, more = sorted((a.words, b.words), key=len)
    shared = len(fewer & more)
    return shared >= 1 and shared >= ADDRESS_WORD_SHARE * len(fewer)


def best_listed(query: AddressForm, listed: Iterable[str]) -> tuple[str, bool]:
    """The listed address that agrees with `query` (True), else the street-level one that
    shares the most with it (False), or "" when the listing has no street-level address."""
    closest, shared = "", -1
    for text in listed:
        form = address_form(text)
        if not form.street_level:
            continue
        if addresses_agree(query, form):
            return text, True
        common = len(query.words & form.words) + len(query.numbers & form.numbers)
        if common > shared:
            closest, shared = text, common
    return closest, False


class AddressIndex:
    """The street-level addresses of a list's entries, found by what an address has in
    common with them: each is filed under every (number, distinctive word) pair it holds,
    so a supplier's address meets only the listed addresses that share one such pair."""

    def __init__(self, addresses: Sequence[Sequence[str]]) -> None:
        self._filed: dict[tuple[str, str], list[tuple[int, int]]] = {}
        for entry, texts in enumerate(addresses):
            for position, text in enumerate(texts):
                form = address_form(text)
                if not form.street_level:
                    continue
                for key in _keys(form):
                    self._filed.setdefault(key, []).append((entry, position))

    def entries_at(self, query: AddressForm, addresses: Sequence[Sequence[str]]) -> list[int]:
        """The entries (their places in `addresses`, as given to the index) with an address
        that agrees with `query`, in their order."""
        if not query.street_level:
            return []
        seen: set[tuple[int, int]] = set()
        found: set[int] = set()
        for key in _keys(query):
            for place in self._filed.get(key, ()):
                if place in seen or place[0] in found:
                    continue
                seen.add(place)
                if addresses_agree(query, address_form(addresses[place[0]][place[1]])):
                    found.add(place[0])
        return sorted(found)


def _keys(form: AddressForm) -> Iterable[tuple[str, str]]:
    return ((number, word) for number in form.numbers for word in form.words)
