"""OFAC's legacy CSV files: the SDN list (`sdn.csv` + `add.csv` + `alt.csv` +
`sdn_comments.csv`) and the consolidated non-SDN list (`cons_prim.csv` + `cons_add.csv` +
`cons_alt.csv` + `cons_comments.csv`).

The layout (https://ofac.treasury.gov/specially-designated-nationals-list-data-formats-data-schemas):
no header, CRLF, a trailing Ctrl-Z byte, "-0-" (often "-0- ") for an empty field. The primary
file has 12 columns; several programs are packed into one field as "IRAN] [SDGT"; aliases,
dates of birth, nationalities and identity documents sit in Remarks as "a.k.a. '...'; DOB
...". Remarks longer than the field continue, mid-word, in the comments file. The primary
file is recognised by its content; the companion files are read from the same folder when
present, so `--list path/sdn.csv` loads the whole set.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from screening.errors import ListDataError
from screening.identifiers import parse_listed
from screening.lists.base import head_fields
from screening.lists.countries import country_code, country_codes
from screening.models import ListEntry

#: The source names the trade.gov CSL gives OFAC's lists, so reports read the same.
SDN_SOURCE = "Specially Designated Nationals (SDN) - Treasury Department"
_TREASURY = " - Treasury Department"
#: Program -> CSL source for the non-SDN list (the split of ../shared/data/derived, PROVENANCE.md).
CONS_SOURCES: dict[str, str] = {
    "NS-PLC": "Palestinian Legislative Council List (PLC)" + _TREASURY,
    "UKRAINE-EO13662": "Sectoral Sanctions Identifications List (SSI)" + _TREASURY,
    "CMIC-EO13959": "Non-SDN Chinese Military-Industrial Complex Companies List (CMIC)" + _TREASURY,
    "561-RELATED": "Correspondent Account or Payable-Through Account Sanctions (CAPTA)" + _TREASURY,
}
CONS_DEFAULT_SOURCE = "Non-SDN Menu-Based Sanctions List (NS-MBS List)" + _TREASURY
SDN_URL = (
    "https://home.treasury.gov/policy-issues/financial-sanctions/"
    "specially-designated-nationals-and-blocked-persons-list-sdn-human-readable-lists"
)
CONS_URL = "https://ofac.treasury.gov/other-ofac-sanctions-lists"

#: Columns of the primary file (sdn.csv / cons_prim.csv), per OFAC's data schema.
PRIMARY_COLUMNS = 12
_EMPTY = "-0-"
_CTRL_Z = b"\x1a"

# Companion files per primary-file family: (addresses, aliases, remarks overflow).
_SDN_SET = ("add.csv", "alt.csv", "sdn_comments.csv")
_CONS_SET = ("cons_add.csv", "cons_alt.csv", "cons_comments.csv")
#: What each companion file of a set adds to the primary file's entries, in set order.
_COMPANION_HOLDS = ("addresses", "aliases", "the end of long remarks")

_AKA = re.compile(r"\b[afn]\.k\.a\.,?\s+'([^']+)'", re.I)
_DOB = re.compile(r"^(?:alt\. )?DOB (.+)$")
_POB = re.compile(r"^(?:alt\. )?POB (.+)$")
_NATIONALITY = re.compile(r"^(?:alt\. )?(?:nationality|citizen) (.+)$", re.I)
# Remarks items that identify a party: documents, registrations, vessel and bank codes.
_IDENTIFIER = re.compile(
    r"^(?:alt\. )?(?:Passport|National ID|Identification Number|Cedula|Tax ID|Registration"
    r"|C\.U\.R\.P\.|NIT #|RFC|D\.N\.I\.|SSN|Driver's License|Business Registration|IMO|MMSI"
    r"|Vessel Registration|SWIFT/BIC|Company Number|Unified Social Credit|Legal Entity Number"
    r"|Aircraft|Serial No|Personal ID|Residency Number|Kenyan ID|Birth Certificate|UK Company)",
    re.I,
)


def _is_identifier(item: str) -> bool:
    """Whether a remarks item is an identifier: one of the documents and registrations
    named above with a number, or any item `screening.identifiers` reads as one (an ISIN,
    a D-U-N-S number, a commercial registry or VAT number...)."""
    if _IDENTIFIER.match(item) and any(c.isdigit() for c in item):
        return True
    return parse_listed(item) is not None


def _cell(value: str) -> str:
    text = value.strip()
    return "" if text == _EMPTY else text


def _read_rows(path: Path, width: int) -> list[list[str]]:
    """Rows of one OFAC CSV: Ctrl-Z dropped, "-0-" emptied, each row exactly `width` wide."""
    raw = path.read_bytes().rstrip(b"\r\n\x1a \t").replace(_CTRL_Z, b"")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # OFAC files before 2020 were ANSI
    rows = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != width:
                raise ListDataError(
                    f"{path}, line {reader.line_num}: {len(row)} fields where OFAC's layout has "
                    f"{width}; the file may be truncated"
                )
            rows.append([_cell(c) for c in row])
    except csv.Error as exc:
        raise ListDataError(f"{path}, line {reader.line_num}: {exc}") from None
    return rows


def _us_date(text: str) -> str:
    """OFAC's "12 Dec 1960" as 1960-12-12 and "Dec 1960" as 1960-12; anything else as given."""
    for fmt, out in (("%d %b %Y", "%Y-%m-%d"), ("%b %Y", "%Y-%m")):
        try:
            return datetime.strptime(text, fmt).strftime(out)
        except ValueError:
            continue
    return text


def _remark_items(remarks: str) -> list[str]:
    return [item.strip().rstrip(".").strip() for item in remarks.split(";") if item.strip()]


def remark_identifiers(remarks: str) -> tuple[str, ...]:
    """The identifier items of an OFAC Remarks text ("Tax ID No. 100036386 (Serbia)"), as
    written; also what a CSL row converted from OFAC keeps in its remarks."""
    return tuple(i for i in _remark_items(remarks) if _is_identifier(i))


def companion_paths(path: Path) -> tuple[Path, ...]:
    """The companion files beside a primary file that exist (addresses, aliases, comments)."""
    names = _CONS_SET if path.name.lower().startswith("cons_") else _SDN_SET
    return tuple(p for p in (path.with_name(n) for n in names) if p.is_file())


class OfacCsv:
    """OFAC's legacy CSV set (SDN or consolidated non-SDN), read from its primary file."""

    key = "ofac-csv"

    def sniff(self, head: bytes) -> bool:
        fields = head_fields(head)
        return (
            len(fields) == PRIMARY_COLUMNS
            and fields[0].strip().isdigit()
            and any(f.strip() == _EMPTY for f in fields)
        )

    def files(self, path: Path) -> tuple[Path, ...]:
        """Every file this format reads for `path`: the primary file, then its companions."""
        return (path, *companion_paths(path))

    def missing(self, path: Path) -> tuple[str, ...]:
        """What the set lacks beside `path`, each as "file (what it holds)": without
        alt.csv and add.csv every alias and address is lost, so a name matches less and
        `screen diff` against a whole set counts each entry as changed."""
        names = _CONS_SET if path.name.lower().startswith("cons_") else _SDN_SET
        return tuple(
            f"{name} ({what})"
            for name, what in zip(names, _COMPANION_HOLDS, strict=True)
            if not path.with_name(name).is_file()
        )

    def load(self, path: Path) -> tuple[ListEntry, ...]:
        consolidated = path.name.lower().startswith("cons_")
        extra = _read_companions(path, _CONS_SET if consolidated else _SDN_SET)
        return tuple(
            _entry(row, extra, path, consolidated=consolidated)
            for row in _read_rows(path, PRIMARY_COLUMNS)
        )


@dataclass(frozen=True, slots=True)
class _Companions:
    """What the companion files add to the primary file's entries, by entity number."""

    addresses: dict[str, list[str]]
    address_countries: dict[str, list[str]]
    aliases: dict[str, list[str]]
    overflow: dict[str, str]  # the end of a Remarks field too long for its column


def _read_companions(path: Path, names: tuple[str, str, str]) -> _Companions:
    """The companion files `names` (addresses, aliases, comments) beside `path`, each read
    when present."""
    add, alt, comments = (path.with_name(name) for name in names)
    addresses: defaultdict[str, list[str]] = defaultdict(list)
    address_countries: defaultdict[str, list[str]] = defaultdict(list)
    for ent, _num, street, city, country, remark in _read_rows(add, 6) if add.is_file() else ():
        code = country_code(country)
        parts = [street, city, code or country]
        text = ", ".join(p for p in parts if p) + (f" ({remark})" if remark else "")
        if text:
            addresses[ent].append(text)
        if code:
            address_countries[ent].append(code)
    aliases: defaultdict[str, list[str]] = defaultdict(list)
    for ent, _num, _type, name, _remark in _read_rows(alt, 5) if alt.is_file() else ():
        if name:
            aliases[ent].append(name)
    overflow: defaultdict[str, str] = defaultdict(str)
    for ent, text in _read_rows(comments, 2) if comments.is_file() else ():
        overflow[ent] += text
    return _Companions(addresses, address_countries, aliases, overflow)


def _vessel(row: list[str]) -> str:
    """The vessel columns of a primary row (type, tonnage, GRT, flag, owner), in words."""
    labels = ("type", "tonnage", "GRT", "flag", "owner")
    return ", ".join(
        f"{label} {value}" for label, value in zip(labels, row[6:11], strict=True) if value
    )


def _source(programs: tuple[str, ...], *, consolidated: bool) -> str:
    """The CSL source name of an entry: SDN, or the non-SDN list its programs put it on."""
    if not consolidated:
        return SDN_SOURCE
    listed = (CONS_SOURCES[p.upper()] for p in programs if p.upper() in CONS_SOURCES)
    return next(listed, CONS_DEFAULT_SOURCE)


def _entry(row: list[str], extra: _Companions, path: Path, *, consolidated: bool) -> ListEntry:
    """One primary row, with what its companion files say, as an entry."""
    ent, name, sdn_type, program, title, call_sign = row[:6]
    if not name:
        raise ListDataError(f"{path}: entry {ent} has an empty name")
    remarks = row[11] + extra.overflow.get(ent, "")
    items = _remark_items(remarks)
    programs = tuple(p.strip(" []") for p in program.split("] [") if p.strip(" []"))
    nationalities = [m[1] for i in items if (m := _NATIONALITY.match(i))]
    identifiers = [i for i in items if _is_identifier(i)]
    if call_sign:
        identifiers.insert(0, f"Call Sign {call_sign}")
    vessel = _vessel(row)
    return ListEntry(
        entry_id=f"{'cons' if consolidated else 'sdn'}-{ent}",
        source=_source(programs, consolidated=consolidated),
        name=name,
        aliases=tuple(dict.fromkeys([*extra.aliases.get(ent, []), *_AKA.findall(remarks)])),
        entity_type=sdn_type.capitalize() if sdn_type else "Entity",
        addresses=tuple(extra.addresses.get(ent, [])),
        countries=tuple(
            dict.fromkeys([*extra.address_countries.get(ent, []), *country_codes(*nationalities)])
        ),
        programs=programs,
        remarks="; ".join(p for p in (remarks, f"Vessel: {vessel}" if vessel else "") if p),
        source_url=CONS_URL if consolidated else SDN_URL,
        identifiers=tuple(identifiers),
        dates_of_birth=tuple(_us_date(m[1]) for i in items if (m := _DOB.match(i))),
        places_of_birth=tuple(m[1] for i in items if (m := _POB.match(i))),
        nationalities=tuple(nationalities),
        title=title,
    )
