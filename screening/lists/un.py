"""The UN Security Council Consolidated List, as the official XML (sc-sanctions.xsd).

Published at https://scsanctions.un.org/resources/xml/en/consolidated.xml: a
CONSOLIDATED_LIST with INDIVIDUALS and ENTITIES. A person's name is split over FIRST_NAME ..
FOURTH_NAME; aliases carry a QUALITY ("Good" or "Low", both kept: a low-quality alias is
still a name the party used); LISTED_ON is the date of listing. The file comes from the
internet, so it is parsed with defusedxml (no entity expansion, no external entities).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from xml.etree.ElementTree import Element

from screening.dates import iso_date
from screening.errors import ListDataError
from screening.lists.base import (
    SNIFF_BYTES,
    UNEXPECTED_ERRORS,
    UnexpectedContentError,
    parse_xml,
    unexpected_content,
)
from screening.lists.countries import country_code, country_codes
from screening.models import ListEntry

UN_SOURCE = "UN Security Council Consolidated List"
UN_URL = "https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list"
_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")


def _text(node: Element | None, tag: str) -> str:
    found = node.find(tag) if node is not None else None
    return " ".join((found.text or "").split()) if found is not None else ""


def _values(node: Element, tag: str) -> list[str]:
    """The VALUE children of every `tag` element (NATIONALITY, TITLE, DESIGNATION...)."""
    return [
        " ".join((v.text or "").split())
        for group in node.findall(tag)
        for v in group.findall("VALUE")
        if (v.text or "").strip()
    ]


def _join(node: Element, *tags: str) -> str:
    return ", ".join(t for t in (_text(node, tag) for tag in tags) if t)


def _iso_date(text: str, where: str) -> date | None:
    """YYYY-MM-DD, ignoring a time or UTC offset after it (some rows say 2015-04-07-04:00)."""
    return iso_date(text, where, ListDataError, leading=True)


def _birth_date(node: Element) -> str:
    if day := _text(node, "DATE"):
        return day[:10]
    if year := _text(node, "YEAR"):
        return year
    span = (_text(node, "FROM_YEAR"), _text(node, "TO_YEAR"))
    return " to ".join(p for p in span if p)


def _entry(node: Element, kind: str, where: str) -> ListEntry:
    data_id = _text(node, "DATAID")
    name = " ".join(p for p in (_text(node, part) for part in _NAME_PARTS) if p)
    if not name:
        raise ListDataError(f"{where}: DATAID {data_id or '?'} has no name")
    alias_tag = f"{kind}_ALIAS"
    aliases = [_text(a, "ALIAS_NAME") for a in node.findall(alias_tag)]
    if original := _text(node, "NAME_ORIGINAL_SCRIPT"):
        aliases.append(original)
    addresses, address_countries = [], []
    for address in node.findall(f"{kind}_ADDRESS"):
        country = _text(address, "COUNTRY")
        code = country_code(country)
        text = ", ".join(
            p
            for p in (
                _join(address, "STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE"),
                code or country,
            )
            if p
        )
        if note := _text(address, "NOTE"):
            text = f"{text} ({note})" if text else note
        if text:
            addresses.append(text)
        if code:
            address_countries.append(code)
    nationalities = _values(node, "NATIONALITY")
    identifiers = []
    for doc in node.findall("INDIVIDUAL_DOCUMENT"):
        kind_of = _text(doc, "TYPE_OF_DOCUMENT") or _text(doc, "TYPE_OF_DOCUMENT2")
        country = _text(doc, "ISSUING_COUNTRY") or _text(doc, "COUNTRY_OF_ISSUE")
        if number := _text(doc, "NUMBER"):
            identifiers.append(f"{kind_of} {number}".strip() + (f" ({country})" if country else ""))
    births = [b for b in (_birth_date(d) for d in node.findall("INDIVIDUAL_DATE_OF_BIRTH")) if b]
    places = [
        p
        for p in (
            _join(place, "STREET", "CITY", "STATE_PROVINCE", "COUNTRY")
            for place in node.findall("INDIVIDUAL_PLACE_OF_BIRTH")
        )
        if p
    ]
    designations = _values(node, "DESIGNATION")
    remarks = "; ".join(
        p
        for p in (
            f"Reference {_text(node, 'REFERENCE_NUMBER')}"
            if _text(node, "REFERENCE_NUMBER")
            else "",
            "Designation: " + ", ".join(designations) if designations else "",
            _text(node, "COMMENTS1"),
        )
        if p
    )
    return ListEntry(
        entry_id=f"un-{data_id}",
        source=UN_SOURCE,
        name=name,
        aliases=tuple(dict.fromkeys(a for a in aliases if a and a != name)),
        entity_type="Individual" if kind == "INDIVIDUAL" else "Entity",
        addresses=tuple(addresses),
        countries=tuple(dict.fromkeys([*address_countries, *country_codes(*nationalities)])),
        programs=tuple(p for p in (_text(node, "UN_LIST_TYPE"),) if p),
        start_date=_iso_date(_text(node, "LISTED_ON"), f"{where}, LISTED_ON"),
        remarks=remarks,
        source_url=UN_URL,
        identifiers=tuple(identifiers),
        dates_of_birth=tuple(births),
        places_of_birth=tuple(places),
        nationalities=tuple(nationalities),
        title=", ".join(_values(node, "TITLE")),
    )


#: The list's own date on its root element: `dateGenerated="2026-02-27T00:00:09.554Z"`.
_GENERATED = re.compile(rb'<CONSOLIDATED_LIST\b[^>]*?\bdateGenerated="(\d{4}-\d{2}-\d{2})')


class UnXml:
    """The UN Security Council Consolidated List XML."""

    key = "un-xml"

    def sniff(self, head: bytes) -> bool:
        return b"<CONSOLIDATED_LIST" in head

    def dated(self, path: Path) -> date | None:
        """The day the UN generated the file (its root's dateGenerated), read from the first
        bytes: how old the list is, whenever it was downloaded."""
        with path.open("rb") as handle:
            found = _GENERATED.search(handle.read(SNIFF_BYTES))
        try:
            return date.fromisoformat(found[1].decode()) if found else None
        except ValueError:
            return None

    def load(self, path: Path) -> tuple[ListEntry, ...]:
        root = parse_xml(path, encoding_note="the UN list is UTF-8")
        if root.tag != "CONSOLIDATED_LIST":
            raise ListDataError(f"{path}: not a UN consolidated list (root element {root.tag})")
        entries = []
        for kind in ("INDIVIDUAL", "ENTITY"):
            for number, node in enumerate(root.iter(kind), start=1):
                where = f"{path}, {kind.lower()} {number}"
                try:
                    entries.append(_entry(node, kind, where))
                except UNEXPECTED_ERRORS as exc:
                    raise UnexpectedContentError(unexpected_content(where, exc)) from exc
        return tuple(entries)
