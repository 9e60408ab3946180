"""The Entity List from its primary source: the eCFR XML of 15 CFR Part 744, Supplement 4.

The eCFR versioner API serves Part 744 as it stood on any date:
`https://www.ecfr.gov/api/versioner/v1/full/{YYYY-MM-DD}/title-15.xml?part=744` (optionally
`&appendix=Supplement No. 4 to Part 744`). The Supplement is a DIV9 element with
N="Supplement No. 4 to Part 744" holding one table of five columns: country, entity (name,
aliases, addresses), license requirement (with footnotes), license review policy and
Federal Register citations. A row whose country cell is empty belongs to the country of
the row above; a row whose entity cell is empty or "[Reserved]" holds no entity.

`read_entity_list` gives the table row by row with every part parsed (`EntityListVersion`);
`entity_list_entries` turns it into `ListEntry` records for screening, with each entry's
start date taken from its listing citation: the effective date of the rule on record in
`screening/data/fr_rules.csv` (or in the refreshed table the caller passes, or in an
`fr_rules.csv` beside the XML), else the publication date the list gives, and the entry's
remarks say which. The XML comes from the internet, so it is parsed with defusedxml. The
versioner's URLs and the choice of the version in force on a date are in
`screening.lists.ecfr_versions`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from xml.etree.ElementTree import Element

from screening.errors import ListDataError
from screening.lists.base import (
    UNEXPECTED_ERRORS,
    UnexpectedContentError,
    parse_xml,
    shown,
    stable_id,
    unexpected_content,
    unique_ids,
)
from screening.lists.citations import FrCitation, normalized, parse_citations
from screening.lists.countries import country_code
from screening.lists.ecfr_entity import EntityCell, split_entity_cell
from screening.lists.ecfr_license import (
    LicenseRequirement,
    read_license_requirement,
    superscript,
)
from screening.lists.fr_rules import FR_RULES_FILE, EffectiveDate, FrRules, load_fr_rules
from screening.models import ListEntry

#: The source name the CSL gives Entity List entries, so that reports, `--fail-on` and the
#: ownership rules (which name lists by this code, "EL") treat both sources alike.
EL_SOURCE = "Entity List (EL) - Bureau of Industry and Security"
APPENDIX = "Supplement No. 4 to Part 744"
#: The eCFR page of the Supplement, given as every entry's source.
ECFR_SUPPLEMENT_URL = (
    "https://www.ecfr.gov/current/title-15/subtitle-B/chapter-VII/subchapter-C/part-744/"
    "appendix-Supplement%20No.%204%20to%20Part%20744"
)
#: The table's columns, by words each header must contain (the eCFR's own headers are
#: "Country", "Entity", "License requirement", "License review policy", "Federal Register
#: citation"), so that a table of another layout is refused instead of misread.
COLUMN_WORDS = ("country", "entit", "license requirement", "review policy", "federal register")
_RESERVED = re.compile(r"^\[?\s*reserved\s*\]?\.?$", re.IGNORECASE)
# Part 744 as its root, or the Supplement alone; a space may be a no-break one (\xc2\xa0).
_SNIFF = re.compile(
    rb'<DIV5\b[^>]*\bN="744"|\bN="Supplement(?:\s|\xc2\xa0)+No\.(?:\s|\xc2\xa0)+4'
    rb'(?:\s|\xc2\xa0)+to(?:\s|\xc2\xa0)+Part(?:\s|\xc2\xa0)+744"',
    re.IGNORECASE,
)
_FOOTNOTE_TAGS = frozenset({"SU", "SUP"})
_BLOCK_TAGS = frozenset({"P", "DIV", "BR", "LI", "FP"})


@dataclass(frozen=True, slots=True)
class EntityListRow:
    """One entity row of the table, every column parsed. `row` counts the table's rows
    from 1 (header rows included), as a reader of the XML would."""

    row: int
    country: str  # as the table writes it ("CHINA, PEOPLE'S REPUBLIC OF"), inherited if blank
    country_code: str  # ISO-2, "" when the name is not one we know
    entity_text: str
    entity: EntityCell
    license: LicenseRequirement
    license_policy: str
    citation_text: str
    citations: tuple[FrCitation, ...]


@dataclass(frozen=True, slots=True)
class EntityListVersion:
    """The Supplement as one file holds it: its rows, and what it holds besides entities."""

    rows: tuple[EntityListRow, ...]
    reserved_rows: int = 0  # rows with no entity ("[Reserved]" or empty)
    footnotes: Mapping[int, str] = field(default_factory=dict)  # the Supplement's own text


@dataclass(frozen=True, slots=True)
class FrAction:
    """One action of an entry's history: the first citation is its listing, later ones
    amend it. `published` is the date the list gives; `effective` what it rests on."""

    kind: str  # "listing" or "amendment"
    citation: FrCitation
    effective: EffectiveDate


def actions(row: EntityListRow, rules: FrRules) -> tuple[FrAction, ...]:
    """The dated actions of a row, listing first."""
    return tuple(
        FrAction("listing" if n == 0 else "amendment", c, rules.effective_date(c))
        for n, c in enumerate(row.citations)
    )


# --- reading the XML ----------------------------------------------------------------------


def _tag(node: Element) -> str:
    return node.tag.upper() if isinstance(node.tag, str) else ""


def cell_text(node: Element) -> tuple[str, tuple[int, ...]]:
    """A cell's text, whitespace made single spaces, footnote references (superscript
    elements holding a number) shown as superscript digits and returned as numbers."""
    parts: list[str] = []
    marks: list[int] = []

    def walk(element: Element) -> None:
        if element.text:
            parts.append(element.text)
        for child in element:
            tag = _tag(child)
            if tag in _FOOTNOTE_TAGS:
                inner = "".join(child.itertext()).strip()
                if inner.isdigit():
                    marks.append(int(inner))
                    parts.append(superscript(int(inner)))
                else:
                    parts.append(inner)
            elif tag in _BLOCK_TAGS:
                parts.append(" ")
                walk(child)
                parts.append(" ")
            else:
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(node)
    return " ".join("".join(parts).split()), tuple(marks)


def _appendix(root: Element, path: Path) -> Element:
    wanted = APPENDIX.lower()
    for node in root.iter():
        # Compared without case and with any run of spaces (a no-break one too) as one.
        if " ".join(node.get("N", "").split()).lower() == wanted:
            return node
    raise ListDataError(
        f"{path}: no '{APPENDIX}' in this XML; download Part 744 with its appendices "
        "(the versioner URL with ?part=744)"
    )


def _check_header(cells: list[str], where: str) -> None:
    if len(cells) != len(COLUMN_WORDS) or not all(
        word in cell.lower() for word, cell in zip(COLUMN_WORDS, cells, strict=True)
    ):
        raise ListDataError(
            f"{where}: the table's header is {shown(' | '.join(cells))}, not the Entity List's "
            "five columns (country, entity, license requirement, license review policy, "
            "Federal Register citation)"
        )


def _footnotes(appendix: Element) -> dict[int, str]:
    """The Supplement's own footnote texts (FTNT elements), by number."""
    found: dict[int, str] = {}
    for note in appendix.iter():
        if _tag(note) != "FTNT":
            continue
        text, marks = cell_text(note)
        if marks:
            found[marks[0]] = text.lstrip(superscript(marks[0])).strip()
    return found


def _rows(appendix: Element, path: Path) -> Iterator[tuple[int, list[Element]]]:
    """(row number, TD cells) of every body row of the Supplement's tables."""
    number = 0
    for table in (n for n in appendix.iter() if _tag(n) == "TABLE"):
        for tr in (n for n in table.iter() if _tag(n) == "TR"):
            number += 1
            headers = [c for c in tr if _tag(c) == "TH"]
            if headers:
                _check_header([cell_text(c)[0] for c in headers], f"{path}, table row {number}")
                continue
            yield number, [c for c in tr if _tag(c) == "TD"]


def _country_code(country: str) -> str:
    """The ISO-2 code of an eCFR destination name. The eCFR writes some names inverted
    ("CHINA, PEOPLE'S REPUBLIC OF"; "KOREA, DEMOCRATIC PEOPLE'S REPUBLIC OF"): the name as
    written is tried, then turned around, then its part before the comma."""
    head, comma, tail = country.partition(",")
    for candidate in (country, f"{tail} {head}" if comma else "", head if comma else ""):
        if candidate and (code := country_code(candidate.strip())):
            return code
    return ""


def read_entity_list(path: Path) -> EntityListVersion:
    """Every row of the Supplement in `path`, parsed; raises ListDataError naming the row
    for anything the Entity List's layout does not allow."""
    root = parse_xml(path)
    appendix = _appendix(root, path)
    rows: list[EntityListRow] = []
    reserved = 0
    country = ""
    for number, cells in _rows(appendix, path):
        where = f"{path}, table row {number}"
        texts = [cell_text(c) for c in cells]
        if not any(t for t, _ in texts):
            continue  # an empty row: a spacer, not data
        if len(cells) != len(COLUMN_WORDS):
            raise ListDataError(
                f"{where}: {len(cells)} cells where the Entity List has {len(COLUMN_WORDS)}"
            )
        (own_country, _), (entity, _), (license, marks), (policy, _), (cited, _) = texts
        country = own_country or country
        if not country:
            raise ListDataError(f"{where}: the first row names no country")
        if not entity or _RESERVED.match(entity):
            reserved += 1
            continue
        try:
            rows.append(
                EntityListRow(
                    row=number,
                    country=country,
                    country_code=_country_code(country),
                    entity_text=entity,
                    entity=split_entity_cell(entity, country),
                    license=read_license_requirement(license, marks),
                    license_policy=policy,
                    citation_text=cited,
                    citations=parse_citations(cited, where=f"{where}, Federal Register citation"),
                )
            )
        except UNEXPECTED_ERRORS as exc:
            raise UnexpectedContentError(unexpected_content(where, exc)) from exc
    if not rows and not reserved:
        raise ListDataError(f"{path}: the {APPENDIX} table has no rows")
    return EntityListVersion(tuple(rows), reserved, _footnotes(appendix))


# --- entries for screening ----------------------------------------------------------------


def _history(row: EntityListRow, rules: FrRules) -> tuple[date | None, list[str]]:
    """The entry's start date and the phrases that say what each action's date is."""
    said: list[str] = []
    start: date | None = None
    for action in actions(row, rules):
        cited = action.citation
        said.append(f"{action.kind} {cited.describe()}")
        if cited.issue:
            said.append(f"{cited.reference}: {cited.issue}")
        if action.kind == "listing":
            start = action.effective.day
            said.append(
                f"start date {action.effective.describe()}"
                if start
                else "no listing date given: in force on every date"
            )
    return start, said


def _address_countries(addresses: tuple[str, ...]) -> list[str]:
    """Codes of the countries the addresses end with ("..., Kowloon, Hong Kong" -> HK;
    "..., Beijing, China 100071" -> CN): BIS lists some parties under one destination
    with addresses in another."""
    found = []
    for address in addresses:
        tail = address.rsplit(",", 1)[-1]
        tail = re.sub(r"[\d.\s-]+$", "", tail).strip()
        if tail and (code := _country_code(tail)):
            found.append(code)
    return found


def _entry(row: EntityListRow, rules: FrRules, source_url: str) -> ListEntry:
    cell = row.entity
    if not cell.name:
        raise ListDataError(f"table row {row.row}: the entity cell gives no name")
    start, history = _history(row, rules)
    remarks = [
        f"Entity List table row {row.row}, listed under {row.country}",
        *history,
        *row.license.explanations(),
        *cell.notes,
    ]
    return ListEntry(
        entry_id="ecfr-" + stable_id(row.country, cell.name),
        source=EL_SOURCE,
        name=cell.name,
        aliases=cell.aliases,
        addresses=cell.addresses,
        countries=tuple(
            dict.fromkeys(c for c in (row.country_code, *_address_countries(cell.addresses)) if c)
        ),
        start_date=start,
        federal_register_notice=normalized(row.citation_text),
        license_requirement=row.license.text,
        license_policy=row.license_policy,
        remarks="; ".join(part.rstrip(".") for part in remarks),
        source_url=source_url,
    )


def entity_list_entries(
    version: EntityListVersion, rules: FrRules | None = None, *, source_url: str = ""
) -> tuple[ListEntry, ...]:
    """The version's rows as entries; `rules` defaults to the packaged FR rules table.

    Ids come from the country and the name, so an entry keeps its id from one version of
    the list to the next (`screen diff`); a name listed twice under one country (BIS does
    this for one party at two addresses) gets a suffix from its second row on.
    """
    table = rules if rules is not None else load_fr_rules()
    url = source_url or ECFR_SUPPLEMENT_URL
    return unique_ids(_entry(row, table, url) for row in version.rows)


class EcfrXml:
    """15 CFR Part 744 (or its Supplement No. 4 alone) as the eCFR versioner serves it.

    Entries are dated with a Federal Register rules table: an `fr_rules.csv` beside the XML,
    else the one given (`with_fr_rules`: the table `screen update --source fr` installed),
    else the packaged one.
    """

    key = "ecfr-xml"

    def __init__(self, fr_rules: Path | None = None) -> None:
        self.fr_rules = fr_rules

    def with_fr_rules(self, fr_rules: Path) -> EcfrXml:
        """This format dating entries with the table at `fr_rules`."""
        return EcfrXml(fr_rules)

    def sniff(self, head: bytes) -> bool:
        return _SNIFF.search(head) is not None

    def _rules_file(self, path: Path) -> Path | None:
        beside = path.parent / FR_RULES_FILE
        return beside if beside.is_file() else self.fr_rules

    def files(self, path: Path) -> tuple[Path, ...]:
        """The XML, and the rules table read with it when it is not the packaged one: its
        effective dates are part of what the entries say, so its hash is part of the
        snapshot's."""
        table = self._rules_file(path)
        return (path, table) if table is not None else (path,)

    def load(self, path: Path) -> tuple[ListEntry, ...]:
        rules = load_fr_rules(self._rules_file(path))
        return entity_list_entries(read_entity_list(path), rules)
