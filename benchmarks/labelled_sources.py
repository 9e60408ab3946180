"""Real names from ../shared/data that the labelled set takes as they are: the UN list's
names in their original script and its persons' name parts and titles, the cross-script
pairs of rigour and watchman, and the Chinese names of listed Chinese companies (casslab's
native names, the bilingual pairs, the A-share list).

Nothing here is stored in the repository; every function reads the files in place.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import defusedxml.ElementTree as SafeET
import labelled_tables as tables
from labelled_persons import Person

from screening.models import ListEntry

UN_FILE = Path("un") / "UN_consolidated.xml"
PUTIN_FILE = Path("labelled_pairs") / "rigour_putin_names.txt"
WATCHMAN_PAIRS = Path("labelled_pairs") / "watchman_cross_script_pairs.csv"
CASSLAB_FILE = Path("bis") / "casslab_restricted_parties.json"
BILINGUAL_FILE = Path("bilingual") / "zh_en_company_names.csv"
A_SHARE_FILE = Path("bilingual") / "a_share_companies_half.csv"

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

#: Country names of the UN list's NATIONALITY values -> ISO-2, for the ones the variant
#: rules look at (name order, transliteration family).
_UN_NATIONALITIES = {
    "democratic people's republic of korea": "KP",
    "republic of korea": "KR",
    "china": "CN",
    "viet nam": "VN",
    "japan": "JP",
    "russian federation": "RU",
    "ukraine": "UA",
    "belarus": "BY",
    "iraq": "IQ",
    "syrian arab republic": "SY",
    "afghanistan": "AF",
    "pakistan": "PK",
    "yemen": "YE",
    "saudi arabia": "SA",
    "libya": "LY",
    "egypt": "EG",
    "iran (islamic republic of)": "IR",
    "lebanon": "LB",
    "jordan": "JO",
    "kuwait": "KW",
    "somalia": "SO",
    "sudan": "SD",
    "tunisia": "TN",
    "algeria": "DZ",
    "morocco": "MA",
    "qatar": "QA",
    "bahrain": "BH",
    "united arab emirates": "AE",
    "mauritania": "MR",
    "kazakhstan": "KZ",
    "uzbekistan": "UZ",
    "tajikistan": "TJ",
    "kyrgyzstan": "KG",
    "azerbaijan": "AZ",
    "georgia": "GE",
    "turkey": "TR",
    "türkiye": "TR",
}


def script_of(text: str) -> str:
    """The script most of the letters are in, by their Unicode names (LATIN, ARABIC,
    CYRILLIC, CJK, HANGUL...)."""
    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            script = unicodedata.name(ch, "?").split()[0]
            counts[script] = counts.get(script, 0) + 1
    return max(counts, key=lambda s: counts[s]) if counts else ""


@dataclass(frozen=True, slots=True)
class UnRecord:
    """One UN list record: its entry id in the derived list, name parts, titles, original
    script name, nationality codes."""

    entry_id: str
    parts: tuple[str, ...]
    titles: tuple[str, ...]
    original: str
    countries: tuple[str, ...]
    individual: bool


def un_records(data: Path) -> list[UnRecord]:
    """Every individual and entity of the UN list, as `UnRecord`s (empty without the file)."""
    if not (data / UN_FILE).is_file():
        return []
    root = SafeET.parse(data / UN_FILE).getroot()
    records = []
    for group, individual in (("INDIVIDUALS", True), ("ENTITIES", False)):
        found = root.find(group)
        for element in found if found is not None else []:
            parts = tuple(
                " ".join((element.findtext(tag) or "").split())
                for tag in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
            )
            titles = tuple(
                " ".join((v.text or "").split())
                for t in element.findall("TITLE")
                for v in t.findall("VALUE")
                if (v.text or "").strip()
            )
            nationalities = [
                " ".join((v.text or "").split()).lower()
                for t in element.findall("NATIONALITY")
                for v in t.findall("VALUE")
            ]
            countries = tuple(_UN_NATIONALITIES[n] for n in nationalities if n in _UN_NATIONALITIES)
            records.append(
                UnRecord(
                    entry_id=f"un-{element.findtext('DATAID')}",
                    parts=tuple(p for p in parts if p),
                    titles=titles,
                    original=" ".join((element.findtext("NAME_ORIGINAL_SCRIPT") or "").split()),
                    countries=countries,
                    individual=individual,
                )
            )
    return records


def un_person(record: UnRecord, entry: ListEntry) -> Person | None:
    """A UN individual's name in parts: the family name is the last word (with its
    particle: "AL-FADHLI", "ABU MINYAR") except for names written family name first (UN
    names of Korean, Chinese, Vietnamese, Japanese nationals: the FIRST_NAME part)."""
    words = " ".join(record.parts).split()
    if len(words) < 2:
        return None
    titles = tuple(t.strip('"') for t in record.titles if not re.search(r"[\d(]", t))
    countries = record.countries or tuple(c for c in entry.countries if len(c) == 2)
    if any(c in tables.FAMILY_NAME_FIRST for c in record.countries):
        family = record.parts[0].split()
        given = words[len(family) :]
        if not given:
            return None
        return Person(entry, tuple(given), tuple(family), titles, True, countries)
    cut = len(words) - 1
    if cut > 1 and words[cut - 1].lower() in tables.NAME_PARTICLES:
        cut -= 1
    return Person(entry, tuple(words[:cut]), tuple(words[cut:]), titles, False, countries)


#: A title with a surname alone names no one (the "Präsident Putin" lines): lines whose words
#: are fewer than two once these are left out are not taken.
_PAIR_TITLE_WORDS = frozenset(
    {
        "präsident",
        "president",
        "predsjednik",
        "președintele",
        "presiden",
        "presidente",
        "elnök",
        "президент",
    }
)

#: The OFAC form of the name rigour's file spells in many scripts (SDN, 2022).
PUTIN_LISTED = "PUTIN, Vladimir Vladimirovich"


@dataclass(frozen=True, slots=True)
class Pair:
    """A name and the listed form it must meet, from a file of true pairs."""

    query: str
    listed: str
    source: str


def cross_script_pairs(data: Path) -> Iterator[Pair]:
    """rigour's spellings of one person's name (each against its OFAC form) and watchman's
    cross-script test pairs (each against its expected Latin name)."""
    if (data / PUTIN_FILE).is_file():
        for line in (data / PUTIN_FILE).read_text(encoding="utf-8").splitlines():
            name = " ".join(line.split())
            words = [w for w in re.split(r"[\s,]+", name) if w]
            if len([w for w in words if w.lower() not in _PAIR_TITLE_WORDS]) < 2:
                continue
            if name and name.casefold() != PUTIN_LISTED.casefold():
                yield Pair(name, PUTIN_LISTED, "rigour_putin_names")
    if (data / WATCHMAN_PAIRS).is_file():
        lines = (data / WATCHMAN_PAIRS).read_text(encoding="utf-8").splitlines()
        rows = [line for line in lines if line.strip() and not line.startswith("#")]
        for row in csv.reader(rows):
            if len(row) >= 2 and row[0].strip() and row[1].strip():
                yield Pair(row[0].strip(), row[1].strip(), "watchman_cross_script_pairs")


@dataclass(frozen=True, slots=True)
class ChineseName:
    """A Chinese-script name and the English name its source gives for the same company."""

    chinese: str
    english: str
    source: str  # "casslab", "zh_en_company_names" or "a_share_companies_half"
    entry_hint: str = ""  # the derived list's id for the same record, when known
    detail: str = ""


def chinese_names(data: Path) -> list[ChineseName]:
    """Every Chinese-script company name with its English name: casslab's native names
    (Entity List records carry the derived list's `el-<source_row>`), the bilingual pairs,
    the A-share list's full names with the registered English names."""
    names: list[ChineseName] = []
    if (data / CASSLAB_FILE).is_file():
        for record in json.loads((data / CASSLAB_FILE).read_text(encoding="utf-8")):
            native = ((record.get("name") or {}).get("native") or "").strip()
            english = (record.get("name") or {}).get("english") or ""
            if not _HAN.search(native) or not english:
                continue
            source = record.get("source") or {}
            hint = ""
            if source.get("list_id") == "us-bis-entity-list":
                hint = f"el-{source.get('source_row')}"
            detail = f"{source.get('list_id')} row {source.get('source_row')}"
            names.append(ChineseName(native, english, "casslab", hint, detail))
    for path, column, source in (
        (BILINGUAL_FILE, "chinese_name", "zh_en_company_names"),
        (A_SHARE_FILE, "chinese_name", "a_share_companies_half"),
    ):
        if not (data / path).is_file():
            continue
        with (data / path).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                chinese = (row.get(column) or "").strip()
                english = (row.get("english_name") or "").strip()
                if _HAN.search(chinese) and english:
                    detail = row.get("source") or row.get("code") or ""
                    names.append(ChineseName(chinese, english, source, "", detail))
    return names


def a_share_companies(data: Path) -> list[dict[str, str]]:
    """The rows of the A-share half-list (code, short_name, chinese_name, english_name)."""
    if not (data / A_SHARE_FILE).is_file():
        return []
    with (data / A_SHARE_FILE).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
