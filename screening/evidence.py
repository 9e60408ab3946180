"""The fields of a supplier row beyond its name, each compared with the listing's: what
agrees raises a name's score, what conflicts lowers it, and the comparison is kept as
`Evidence` for the reports.

- **Identifier** (`screening.identifiers`): one the listing carries decides, whatever the
  name says (the match scores 100); two numbers of the same checked scheme (LEI, USCC,
  IMO...) that differ say the parties differ.
- **Address** (`screening.addresses`): one of the listing's addresses corroborates the
  name; a street address unlike all of the listing's street addresses weakens it. Alone,
  it makes an address finding (`screening.match`).
- **Date of birth** (a full date or a year) and **nationality**: a namesake born another
  year, or of another nationality, is less likely the listed person; the same, more.
- **Country**: as before (`screening.match.country_adjustment`), reported here too.

As with the country, nothing here ever lowers a name that scores 100: a conflicting field
only weakens a name that is already not exact, and no bonus lifts a name to 100.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from screening.addresses import AddressForm, address_form, addresses_agree, best_listed
from screening.identifiers import (
    CHECKED_SCHEMES,
    Identifier,
    listed_identifiers,
    same_identifier,
    supplier_identifiers,
)
from screening.models import Agreement, Evidence, ListEntry, Supplier

#: Added to a name score when the supplier's address is one of the listing's: a second,
#: independent field agrees. Larger than the country's bonus (3), as an address names a
#: place where a country names millions; small enough that a name sharing only generic
#: words (scoring 60-70) stays under the default gate of 85. Chosen with
#: benchmarks/eval_party.py (its figures are in benchmarks/README.md).
ADDRESS_AGREES_BONUS = 10.0
#: Taken off when both sides give a street address and none of the listing's is the
#: supplier's: as much as a differing country (companies move and keep several offices,
#: and listed addresses age, so a different street is weak evidence of a different party).
ADDRESS_DIFFERS_PENALTY = 5.0
#: Taken off when both sides carry a number of the same checked scheme (LEI, USCC, IMO,
#: ISIN, D-U-N-S, BIC) and none is the same: such numbers name one party each, so this is
#: strong evidence of two parties (nomenklatura's `orgid_disjoint` reasons alike).
IDENTIFIER_DIFFERS_PENALTY = 10.0
#: A person's date of birth: the same year (or day) corroborates; another year is a
#: namesake more often than not, so it weighs twice a differing country; the same year
#: with another day weighs like a differing country (a list's typo is likelier there).
BIRTH_AGREES_BONUS = 5.0
BIRTH_YEAR_DIFFERS_PENALTY = 10.0
BIRTH_DAY_DIFFERS_PENALTY = 5.0
#: A "circa" year of a list covers this many years either side of it.
CIRCA_YEARS = 1
#: A nationality weighs like a country (screening.match.COUNTRY_AGREES_BONUS and
#: COUNTRY_DIFFERS_PENALTY: 3 and 5).
NATIONALITY_AGREES_BONUS = 3.0
NATIONALITY_DIFFERS_PENALTY = 5.0
#: A bonus lifts a score to this at most: 100 stays the mark of an exact name (or an
#: identifier the listing carries).
BELOW_EXACT = 99.0

#: Fields compared, in report order.
FIELDS = ("identifier", "address", "date_of_birth", "nationality")

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_FULL = re.compile(r"\b(1[89]\d\d|20\d\d)[-/.年](\d{1,2})[-/.月](\d{1,2})日?")
_MONTH = re.compile(r"^(1[89]\d\d|20\d\d)[-/.年](\d{1,2})月?$")


@dataclass(frozen=True, slots=True)
class Birth:
    """A date of birth as compared: a range of years and, when known, the day."""

    first_year: int
    last_year: int
    day: tuple[int, int, int] | None = None


def parse_birth(text: str, *, listed: bool = False) -> Birth | None:
    """A date of birth written YYYY-MM-DD (also with / . or 年月日), YYYY-MM or YYYY; a
    list's "circa YYYY" and "YYYY to YYYY" too (`listed`). None when it is none of these."""
    clean = text.strip()
    if not clean:
        return None
    if full := _FULL.search(clean[:10] if clean[:4].isdigit() else clean):
        year, month, day = (int(g) for g in full.groups())
        if 1 <= month <= 12 and 1 <= day <= 31:
            return Birth(year, year, (year, month, day))
    if (month_only := _MONTH.match(clean)) or (clean.isdigit() and len(clean) == 4):
        year = int(month_only.group(1) if month_only else clean)
        return Birth(year, year)
    if not listed:
        return None
    years = [int(y) for y in _YEAR.findall(clean)]
    if not years:
        return None
    if "circa" in clean.lower() or "approx" in clean.lower():
        return Birth(min(years) - CIRCA_YEARS, max(years) + CIRCA_YEARS)
    return Birth(min(years), max(years))


@dataclass(frozen=True, slots=True)
class SupplierFacts:
    """A supplier's fields beyond the name, read once for all its candidates."""

    identifiers: tuple[Identifier, ...]
    address: AddressForm | None
    birth: Birth | None
    nationality: str  # ISO-2, "" when absent or not a country we know
    problems: tuple[str, ...]  # what could not be read, for a warning naming the row

    @property
    def any(self) -> bool:
        """Whether the supplier has any field to compare beyond the name and country."""
        return bool(self.identifiers or self.address or self.birth or self.nationality)


def supplier_facts(supplier: Supplier) -> SupplierFacts:
    """What of a supplier row can be compared (see `SupplierFacts`)."""
    from screening.lists.countries import country_code

    identifiers, problems = supplier_identifiers(supplier.identifiers)
    birth = parse_birth(supplier.date_of_birth)
    if supplier.date_of_birth.strip() and birth is None:
        problems += (
            f"date of birth {supplier.date_of_birth!r} is not YYYY-MM-DD, YYYY-MM or YYYY",
        )
    address = address_form(supplier.address) if supplier.address.strip() else None
    nationality = country_code(supplier.nationality) if supplier.nationality.strip() else ""
    return SupplierFacts(identifiers, address, birth, nationality, problems)


def input_warnings(supplier: Supplier) -> list[str]:
    """One warning naming the row for each of its fields that cannot be compared as
    written (an LEI with wrong check digits, a date of birth in another form)."""
    if not (supplier.identifiers or supplier.date_of_birth):
        return []
    return [f"row {supplier.row}: {p}; not compared" for p in supplier_facts(supplier).problems]


@lru_cache(maxsize=1 << 14)
def _listed_births(texts: tuple[str, ...]) -> tuple[Birth, ...]:
    return tuple(b for b in (parse_birth(t, listed=True) for t in texts) if b)


def identifier_match(
    facts: SupplierFacts, entry: ListEntry
) -> tuple[Identifier, Identifier] | None:
    """The supplier's identifier and the listing's that are one, when there is one."""
    if not facts.identifiers or not entry.identifiers:
        return None
    listed = listed_identifiers(entry.identifiers)
    for mine in facts.identifiers:
        for theirs in listed:
            if same_identifier(mine, theirs):
                return mine, theirs
    return None


def _identifier(facts: SupplierFacts, supplier: Supplier, entry: ListEntry) -> Evidence | None:
    given = "; ".join(v for _, v in supplier.identifiers if v.strip())
    listed = listed_identifiers(entry.identifiers) if entry.identifiers else ()
    if not given and not listed:
        return None
    listed_text = "; ".join(i.text for i in listed)
    if not given:
        return Evidence("identifier", Agreement.INPUT_MISSING, "", listed_text)
    if not listed:
        return Evidence("identifier", Agreement.LISTING_MISSING, given, "")
    found = identifier_match(facts, entry)
    if found is not None:
        return Evidence("identifier", Agreement.AGREES, found[0].text, found[1].text)
    for mine in facts.identifiers:
        same = [t for t in listed if t.scheme == mine.scheme and mine.scheme in CHECKED_SCHEMES]
        if same:
            other = "; ".join(t.text for t in same)
            points = -IDENTIFIER_DIFFERS_PENALTY
            return Evidence("identifier", Agreement.DIFFERS, mine.text, other, points)
    return Evidence("identifier", Agreement.UNCOMPARED, given, listed_text)


def _address(facts: SupplierFacts, supplier: Supplier, entry: ListEntry) -> Evidence | None:
    given = supplier.address.strip()
    if not given and not entry.addresses:
        return None
    if not given:
        return Evidence("address", Agreement.INPUT_MISSING, "", "; ".join(entry.addresses))
    if not entry.addresses:
        return Evidence("address", Agreement.LISTING_MISSING, given, "")
    assert facts.address is not None
    closest, agrees = best_listed(facts.address, entry.addresses)
    if agrees:
        return Evidence("address", Agreement.AGREES, given, closest, ADDRESS_AGREES_BONUS)
    if closest and facts.address.street_level:
        return Evidence("address", Agreement.DIFFERS, given, closest, -ADDRESS_DIFFERS_PENALTY)
    return Evidence("address", Agreement.UNCOMPARED, given, "; ".join(entry.addresses))


def address_agrees(facts: SupplierFacts, entry: ListEntry) -> str:
    """The listing's address that the supplier's agrees with, or ""."""
    if facts.address is None or not facts.address.street_level:
        return ""
    for text in entry.addresses:
        if addresses_agree(facts.address, address_form(text)):
            return text
    return ""


def _birth(facts: SupplierFacts, supplier: Supplier, entry: ListEntry) -> Evidence | None:
    given = supplier.date_of_birth.strip()
    listed_text = "; ".join(entry.dates_of_birth)
    if not given and not entry.dates_of_birth:
        return None
    if not given:
        return Evidence("date_of_birth", Agreement.INPUT_MISSING, "", listed_text)
    listed = _listed_births(tuple(entry.dates_of_birth))
    if not entry.dates_of_birth:
        return Evidence("date_of_birth", Agreement.LISTING_MISSING, given, "")
    if facts.birth is None or not listed:
        return Evidence("date_of_birth", Agreement.UNCOMPARED, given, listed_text)
    mine = facts.birth
    years = [b for b in listed if b.first_year <= mine.last_year and mine.first_year <= b.last_year]
    if not years:
        return Evidence("date_of_birth", Agreement.DIFFERS, given, listed_text,
                        -BIRTH_YEAR_DIFFERS_PENALTY)  # fmt: skip
    if mine.day and all(b.day and b.day != mine.day for b in years):
        return Evidence("date_of_birth", Agreement.DIFFERS, given, listed_text,
                        -BIRTH_DAY_DIFFERS_PENALTY)  # fmt: skip
    return Evidence("date_of_birth", Agreement.AGREES, given, listed_text, BIRTH_AGREES_BONUS)


def _nationality(facts: SupplierFacts, supplier: Supplier, entry: ListEntry) -> Evidence | None:
    from screening.lists.countries import country_codes

    given = supplier.nationality.strip()
    if not given and not entry.nationalities:
        return None
    listed_text = "; ".join(entry.nationalities)
    if not given:
        return Evidence("nationality", Agreement.INPUT_MISSING, "", listed_text)
    if not entry.nationalities:
        return Evidence("nationality", Agreement.LISTING_MISSING, given, "")
    listed = country_codes(*entry.nationalities)
    if not facts.nationality or not listed:
        return Evidence("nationality", Agreement.UNCOMPARED, given, listed_text)
    if facts.nationality in listed:
        return Evidence("nationality", Agreement.AGREES, given, listed_text,
                        NATIONALITY_AGREES_BONUS)  # fmt: skip
    return Evidence("nationality", Agreement.DIFFERS, given, listed_text,
                    -NATIONALITY_DIFFERS_PENALTY)  # fmt: skip


def compare_fields(
    facts: SupplierFacts, supplier: Supplier, entry: ListEntry
) -> tuple[Evidence, ...]:
    """Every field of `FIELDS` that either side has, compared (points as the constants say,
    before `settle` applies the rules for exact names)."""
    found = (
        _identifier(facts, supplier, entry),
        _address(facts, supplier, entry),
        _birth(facts, supplier, entry),
        _nationality(facts, supplier, entry),
    )
    return tuple(e for e in found if e is not None)


def settle(name_score: float, evidence: Sequence[Evidence]) -> tuple[float, tuple[Evidence, ...]]:
    """The score a name of `name_score` ends with given the evidence's points, and the
    evidence as applied: a name scoring 100 keeps it, every point set to 0 (nothing hides
    an exact name, and it needs no support); otherwise the points are added, the sum held
    under BELOW_EXACT (a bonus never makes an exact name) and above 0."""
    if name_score >= 100.0:
        return name_score, tuple(_with_points(e, 0.0) if e.points else e for e in evidence)
    total = sum(e.points for e in evidence)
    score = name_score + total
    if total > 0:
        score = min(score, max(name_score, BELOW_EXACT))
    return max(0.0, score), tuple(evidence)


def _with_points(item: Evidence, points: float) -> Evidence:
    return Evidence(item.field, item.agreement, item.input_value, item.listed_value, points)


def bonus_ceiling(facts: SupplierFacts) -> float:
    """The most the supplier's fields can add to a name whose listing the name index must
    propose: how far under the gate a name can be and still reach it. An address is left
    out: the listings whose address agrees are found by the address index and scored
    whatever their names (`screening.party_index`), so the name index need not search
    lower for them, which would cost every row (half the throughput on the labelled set)."""
    most = 0.0
    if facts.birth is not None:
        most += BIRTH_AGREES_BONUS
    if facts.nationality:
        most += NATIONALITY_AGREES_BONUS
    return most


def describe(evidence: Sequence[Evidence]) -> str:
    """The fields that agree or differ in words, for the explanation sentence ("address
    'Rm 605, ...' agrees with the listing's 'Room 605, ...' (+10)"); what is missing or
    not comparable is left to the structured evidence."""
    parts = []
    for item in evidence:
        if item.agreement not in (Agreement.AGREES, Agreement.DIFFERS):
            continue  # missing or not comparable: in the structured evidence only
        name = item.field.replace("_", " ")
        points = f" ({item.points:+g})" if item.points else ""
        verb = "agrees with" if item.agreement is Agreement.AGREES else "differs from"
        parts.append(f"{name} '{item.input_value}' {verb} the listing's "
                     f"'{item.listed_value}'{points}")  # fmt: skip
    return "; ".join(parts)
