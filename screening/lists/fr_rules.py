"""Effective dates of Federal Register rules, as data: which pages each rule covers.

The Entity List cites each action by page and PUBLICATION date, but a rule takes effect
on the date its DATES section gives, which can be days before publication (FR Doc
2025-05427, effective 2025-03-25, was published 2025-03-28) or after it. The table in
`screening/data/fr_rules.csv` records such rules with their pages, so that a citation of
any page inside a rule ("90 FR 14048", inside 14046-14052) gets that rule's effective date.

A citation with no rule on record keeps its publication date, and says so; a rule whose
effective date is not confirmed is kept in the table with that field empty, so reports say
"not confirmed" instead of guessing.

The table can be refreshed from the Federal Register API (`parse_fr_documents` reads its
documents JSON); `merge_fr_rules` and `render_fr_rules` make the new table to install.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from screening.errors import ListDataError
from screening.lists.base import shown
from screening.lists.citations import FR_VOLUME_YEAR_OFFSET, FrCitation

#: The columns of the table, in file order.
FR_RULE_COLUMNS = (
    "document_number", "volume", "pages", "publication_date", "effective_date", "subject",
    "source", "note",
)  # fmt: skip

#: The table shipped with the tool; an installed refresh of the same name replaces it.
FR_RULES_FILE = "fr_rules.csv"

#: The Federal Register API's document search (https://www.federalregister.gov/developers/
#: documentation/api/v1). Rules of BIS that amend 15 CFR part 744 carry the Entity List.
FR_API_DOCUMENTS = "https://www.federalregister.gov/api/v1/documents.json"
#: The fields `parse_fr_documents` reads; asking for only these keeps the answer small.
FR_API_FIELDS = (
    "document_number", "citation", "publication_date", "effective_on", "start_page",
    "end_page", "title", "html_url",
)  # fmt: skip
#: The API returns at most 1,000 documents a page (its documented per_page maximum).
FR_API_PAGE_SIZE = 1000


@dataclass(frozen=True, slots=True)
class FrRule:
    """One Federal Register document: its pages, publication date and effective date."""

    document_number: str
    volume: int
    first_page: int | None
    last_page: int | None
    published: date
    effective: date | None  # None: not confirmed
    subject: str = ""
    source: str = ""
    note: str = ""

    def covers(self, volume: int, page: int) -> bool:
        """Whether a citation of `volume` FR `page` points inside this document."""
        if self.first_page is None or volume != self.volume:
            return False
        return self.first_page <= page <= (self.last_page or self.first_page)

    @property
    def label(self) -> str:
        """How reports name the document: "FR Doc 2025-05427", else its first page."""
        if self.document_number:
            return f"FR Doc {self.document_number}"
        return f"{self.volume} FR {self.first_page}" if self.first_page else f"{self.volume} FR"


@dataclass(frozen=True, slots=True)
class EffectiveDate:
    """The date a cited action took effect, and what that date rests on.

    `basis` is "effective" (a rule on record gives it), "publication" (no rule on record:
    the citation's publication date stands in), "unconfirmed" (the rule is on record but
    its effective date is not confirmed: the publication date stands in) or "none" (the
    citation has no date at all).
    """

    day: date | None
    basis: str
    rule: FrRule | None = None

    def describe(self) -> str:
        """What the date is, for reports: "2025-03-25, the effective date of FR Doc
        2025-05427", or the publication date standing in, labelled as such."""
        if self.day is None:
            return "no date given"
        when = self.day.isoformat()
        if self.basis == "effective" and self.rule is not None:
            return f"{when}, the effective date of {self.rule.label}"
        if self.basis == "unconfirmed" and self.rule is not None:
            return (
                f"{when}, the publication date (the effective date of {self.rule.label} "
                "is not confirmed)"
            )
        return f"{when}, the publication date (no effective date on record)"


class FrRules:
    """The table of rules, looked up by a citation's volume and page."""

    def __init__(self, rules: Iterable[FrRule]) -> None:
        self.rules: tuple[FrRule, ...] = tuple(rules)

    def __len__(self) -> int:
        return len(self.rules)

    def rule_for(self, volume: int, page: int) -> FrRule | None:
        """The document that holds page `page` of volume `volume`, if one is on record."""
        return next((r for r in self.rules if r.covers(volume, page)), None)

    def effective_date(self, citation: FrCitation) -> EffectiveDate:
        """When the action a citation points at took effect, as far as the table knows."""
        rule = self.rule_for(citation.volume, citation.page)
        if rule is not None and rule.effective is not None:
            return EffectiveDate(rule.effective, "effective", rule)
        published = citation.published or (rule.published if rule else None)
        if published is None:
            return EffectiveDate(None, "none", rule)
        return EffectiveDate(published, "unconfirmed" if rule else "publication", rule)


# --- the table file -----------------------------------------------------------------------

_PAGES = re.compile(r"^(\d+)(?:\s*-\s*(\d+))?$")


def _iso(value: str, where: str, field: str) -> date | None:
    text = value.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ListDataError(
            f"{where}: {field} '{shown(text)}' is not a date in the form YYYY-MM-DD"
        ) from None


def _pages(value: str, where: str) -> tuple[int | None, int | None]:
    text = value.strip()
    if not text:
        return None, None
    found = _PAGES.match(text)
    if found is None:
        raise ListDataError(
            f"{where}: pages '{shown(text)}' is not a page or a range such as 14046-14052"
        )
    first = int(found[1])
    last = int(found[2]) if found[2] else first
    if last < first:
        raise ListDataError(f"{where}: pages '{text}' end before they start")
    return first, last


def _rule(row: Mapping[str, str], where: str) -> FrRule:
    volume_text = row["volume"].strip()
    if not volume_text.isdigit():
        raise ListDataError(f"{where}: volume '{shown(volume_text)}' is not a number")
    published = _iso(row["publication_date"], where, "publication_date")
    if published is None:
        raise ListDataError(f"{where}: publication_date is empty")
    first, last = _pages(row["pages"], where)
    return FrRule(
        document_number=row["document_number"].strip(),
        volume=int(volume_text),
        first_page=first,
        last_page=last,
        published=published,
        effective=_iso(row["effective_date"], where, "effective_date"),
        subject=row["subject"].strip(),
        source=row["source"].strip(),
        note=(row.get("note") or "").strip(),
    )


def read_fr_rules(text: str, *, where: str) -> FrRules:
    """The rules of a table's text (lines starting with '#' are comments)."""
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    reader = csv.DictReader(lines)
    missing = [c for c in FR_RULE_COLUMNS[:-1] if c not in (reader.fieldnames or ())]
    if missing:
        raise ListDataError(f"{where}: not a table of Federal Register rules, missing {missing}")
    rules = []
    for number, row in enumerate(reader, start=1):
        if None in row or any(value is None for value in row.values()):
            raise ListDataError(f"{where}, rule {number}: not as many fields as the header")
        rules.append(_rule(row, f"{where}, rule {number}"))
    return FrRules(rules)


def load_fr_rules(path: Path | None = None) -> FrRules:
    """The table at `path`, or the one shipped with the tool."""
    if path is not None:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise ListDataError(f"{path}: cannot read the rules table ({exc})") from None
        return read_fr_rules(text, where=str(path))
    packaged = resources.files("screening") / "data" / FR_RULES_FILE
    return read_fr_rules(packaged.read_text(encoding="utf-8"), where=FR_RULES_FILE)


def render_fr_rules(rules: Iterable[FrRule], *, header: str = "") -> str:
    """The text of a table holding `rules` (what an update writes), `header` as comments."""
    out = io.StringIO()
    for line in header.splitlines():
        out.write(f"# {line}".rstrip() + "\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FR_RULE_COLUMNS)
    for r in rules:
        pages = ""
        if r.first_page is not None:
            last = r.last_page or r.first_page
            pages = str(r.first_page) if last == r.first_page else f"{r.first_page}-{last}"
        writer.writerow(
            (
                r.document_number,
                r.volume,
                pages,
                r.published.isoformat(),
                r.effective.isoformat() if r.effective else "",
                r.subject,
                r.source,
                r.note,
            )
        )
    return out.getvalue()


def merge_fr_rules(table: Iterable[FrRule], fetched: Iterable[FrRule]) -> tuple[FrRule, ...]:
    """The table with the fetched documents in it: a fetched document replaces the row of
    the same document number, or else a row with no document number on record whose first
    page it holds (a rule the table knew only by its pages), except that an effective date
    the API leaves empty keeps the one already confirmed; new documents are added. No row
    is ever dropped. Sorted by volume and page."""
    merged: dict[str, FrRule] = {}
    for rule in table:
        merged[_merge_key(rule)] = rule
    for rule in fetched:
        key = _merge_key(rule)
        if key not in merged and rule.document_number:
            key = next((k for k, old in merged.items() if _known_by_pages(old, rule)), key)
        old = merged.pop(key, None)
        if old is not None and rule.effective is None and old.effective is not None:
            rule = replace(rule, effective=old.effective, note=old.note or rule.note)
        merged[_merge_key(rule)] = rule
    return tuple(
        sorted(merged.values(), key=lambda r: (r.volume, r.first_page or 0, r.document_number))
    )


def _known_by_pages(row: FrRule, document: FrRule) -> bool:
    """Whether `row` has no document number and its first page lies inside `document`."""
    return (
        not row.document_number
        and row.first_page is not None
        and document.covers(row.volume, row.first_page)
    )


def _merge_key(rule: FrRule) -> str:
    return rule.document_number or f"{rule.volume} FR {rule.first_page}"


# --- the Federal Register API -------------------------------------------------------------


def fr_documents_url(
    *, since: date | None = None, page: int = 1, api: str = FR_API_DOCUMENTS
) -> str:
    """The API query for BIS rules amending 15 CFR part 744 (the Entity List's part),
    newest first, published on or after `since` when given; `api` is the documents
    search's address, or a mirror's."""
    query: list[tuple[str, str]] = [
        ("conditions[agencies][]", "industry-and-security-bureau"),
        ("conditions[type][]", "RULE"),
        ("conditions[cfr][title]", "15"),
        ("conditions[cfr][part]", "744"),
        ("order", "newest"),
        ("per_page", str(FR_API_PAGE_SIZE)),
        ("page", str(page)),
        *(("fields[]", field) for field in FR_API_FIELDS),
    ]
    if since is not None:
        query.append(("conditions[publication_date][gte]", since.isoformat()))
    return f"{api}{'&' if '?' in api else '?'}{urlencode(query)}"


@dataclass(frozen=True, slots=True)
class FrDocumentsPage:
    """One page of the API's answer: its documents and the address of the next page."""

    rules: tuple[FrRule, ...]
    count: int
    next_page_url: str | None


_CITATION_TEXT = re.compile(r"^\s*(\d{1,3})\s*FR\s*(\d{1,6})\s*$")


def _api_int(doc: Mapping[str, Any], key: str, where: str) -> int | None:
    value = doc.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).isdigit():
        raise ListDataError(f"{where}: {key} {shown(repr(value))} is not a page number")
    return int(value)


def _api_document(doc: Any, where: str) -> FrRule:
    if not isinstance(doc, dict):
        raise ListDataError(f"{where}: a document is not a JSON object")
    number = doc.get("document_number")
    if not isinstance(number, str) or not number.strip():
        raise ListDataError(f"{where}: the document has no document_number")
    where = f"{where} (FR Doc {shown(number)})"
    published_text = doc.get("publication_date")
    if not isinstance(published_text, str):
        raise ListDataError(f"{where}: publication_date is missing")
    published = _iso(published_text, where, "publication_date")
    assert published is not None  # a str that is not blank, or _iso raised
    effective_text = doc.get("effective_on")
    if effective_text is not None and not isinstance(effective_text, str):
        raise ListDataError(f"{where}: effective_on is not a date")
    effective = _iso(effective_text or "", where, "effective_on")
    first = _api_int(doc, "start_page", where)
    last = _api_int(doc, "end_page", where)
    citation = doc.get("citation")
    volume = published.year - FR_VOLUME_YEAR_OFFSET
    if isinstance(citation, str) and citation.strip():
        found = _CITATION_TEXT.match(citation)
        if found is None:
            raise ListDataError(f"{where}: citation '{shown(citation)}' is not 'NN FR PPPP'")
        volume = int(found[1])
        first = first if first is not None else int(found[2])
    if first is not None and last is not None and last < first:
        raise ListDataError(f"{where}: end_page {last} is before start_page {first}")
    title = doc.get("title")
    url = doc.get("html_url")
    return FrRule(
        document_number=number.strip(),
        volume=volume,
        first_page=first,
        last_page=last if last is not None else first,
        published=published,
        effective=effective,
        subject=title.strip() if isinstance(title, str) else "",
        source=url.strip() if isinstance(url, str) else "Federal Register API",
        note="" if effective else "the Federal Register API gives no effective date",
    )


def parse_fr_documents(
    data: bytes | str, *, where: str = "Federal Register API"
) -> FrDocumentsPage:
    """The documents of one answer of the Federal Register API, as rules for the table.

    Reads the search answer ({"count", "results": [...], "next_page_url"}) and the answer
    for a single document (the document object itself). Raises ListDataError naming the
    document for anything that is not what the API documents.
    """
    try:
        payload = json.loads(data)
    except (ValueError, RecursionError) as exc:
        raise ListDataError(f"{where}: not JSON ({shown(str(exc))})") from None
    if isinstance(payload, dict) and ("results" in payload or payload.get("count") == 0):
        # The API leaves "results" out of an answer that found nothing.
        results = payload.get("results", [])
        if not isinstance(results, list):
            raise ListDataError(f"{where}: 'results' is not a list")
        next_url = payload.get("next_page_url")
        count = payload.get("count")
        rules = tuple(
            _api_document(doc, f"{where}, result {n}") for n, doc in enumerate(results, 1)
        )
        return FrDocumentsPage(
            rules=rules,
            count=count if isinstance(count, int) and not isinstance(count, bool) else len(rules),
            next_page_url=next_url if isinstance(next_url, str) and next_url else None,
        )
    if isinstance(payload, dict) and "document_number" in payload:
        return FrDocumentsPage((_api_document(payload, where),), 1, None)
    raise ListDataError(
        f"{where}: neither a document search answer (no 'results') nor a single document"
    )
