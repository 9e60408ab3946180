"""The labelled set's queries with the fields of a whole party beside their names: an
address, an identifier or a date of birth (issue 15's evaluation, `eval_party.py`).

The queries themselves are those of `labelled_set.py` (same names, same halves); this module
only gives each one more fields, always from real data:

- a **positive** carries one field of the listing it varies, chosen at random among those
  the listing has: a street address (`screening.addresses`: a number and a street or
  building name), an identifier (`screening.identifiers`), or a date of birth; half of
  them exactly as listed, half perturbed the way vendor masters write them (an address
  abbreviated, upper-cased or without its country; an identifier spaced, dashed or in
  lower case; a full date of birth as its year only). A positive whose listing has none of
  these carries nothing more (it is still counted, as a name with its country);
- a **negative** (a real SEC filer or S&P 500 company, on no list) carries a real street
  address on no list: one of the addresses of the German party-donations data of
  OpenSanctions' test fixtures (`opensanctions/yente_fixture_parteispenden_entities`,
  `nomenklatura_fixture_donations`, 89 distinct addresses, cycled), and an SEC filer its
  real SEC Central Index Key as a registration number. These addresses and numbers are on
  no list, so they can only differ from a listing's; the listed parties' own addresses
  were not used, since a company at a listed party's address is a red flag, not a
  negative.

The field chosen, and its perturbation, depend only on the seed and the query.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

import labelled_set as ls

from screening.addresses import address_form
from screening.evidence import parse_birth
from screening.identifiers import Identifier, listed_identifiers
from screening.models import ListEntry

#: OpenSanctions FtM fixtures with real street addresses of German donors (PROVENANCE.md).
ADDRESS_FILES = (
    Path("opensanctions") / "yente_fixture_parteispenden_entities.ftm.json",
    Path("opensanctions") / "nomenklatura_fixture_donations.ijson.jsonl",
)
#: A column kind (`screening.inputs.IDENTIFIER_HEADERS`) for each scheme; numbers of no
#: known scheme go in a registration-number column.
KIND_OF_SCHEME = {"other": "registration"}

#: The abbreviations vendor masters use, as (pattern, short form).
_SHORT = (
    (r"\bRoad\b", "Rd"), (r"\bStreet\b", "St"), (r"\bAvenue\b", "Ave"), (r"\bFloor\b", "Fl"),
    (r"\bRoom\b", "Rm"), (r"\bBuilding\b", "Bldg"), (r"\bDistrict\b", "Dist"),
    (r"\bSuite\b", "Ste"), (r"\bBoulevard\b", "Blvd"),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class PartyFields:
    """The fields a query carries beside its name (empty: none)."""

    address: str = ""
    identifiers: tuple[tuple[str, str], ...] = ()
    date_of_birth: str = ""
    field: str = (
        ""  # which of the listing's fields a positive carries: address, identifier, date_of_birth
    )
    perturbed: bool = False


def real_addresses(data: Path) -> list[str]:
    """The distinct street addresses ("street, postal code city") of the donations data."""
    found: dict[str, None] = {}
    for relative in ADDRESS_FILES:
        path = data / relative
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            entity = json.loads(line)
            if entity.get("schema") != "Address":
                continue
            props = entity.get("properties", {})
            for street, city in zip(props.get("street", []), props.get("city", []), strict=False):
                found[f"{street.strip()}, {city.strip()}"] = None
    return sorted(found)


def sec_ciks(data: Path) -> dict[str, str]:
    """The SEC Central Index Key of each SEC company title, ten digits as the SEC writes it."""
    sec = json.loads((data / ls.SEC_FILE).read_text(encoding="utf-8"))
    return {
        str(v.get("title", "")).strip(): f"{int(v['cik_str']):010d}"
        for v in sec.values()
        if v.get("title") and v.get("cik_str") is not None
    }


def _perturb_address(text: str, rng: random.Random) -> str:
    for pattern, short in _SHORT:
        text = re.sub(pattern, short, text, flags=re.I)
    parts = [p.strip() for p in text.split(",")]
    if len(parts) > 2 and len(parts[-1]) == 2:  # ", CN": the country column says it
        parts = parts[:-1]
    text = ", ".join(parts)
    return text.upper() if rng.random() < 0.5 else text


def _perturb_number(identifier: Identifier, rng: random.Random) -> str:
    number = identifier.number
    how = rng.randrange(3)
    if how == 0:
        return " ".join(number[i : i + 4] for i in range(0, len(number), 4))
    if how == 1:
        return number.lower()
    return "-".join(number[i : i + 3] for i in range(0, len(number), 3))


def _street_addresses(entry: ListEntry) -> list[str]:
    return [a for a in entry.addresses if address_form(a).street_level]


def positive_fields(query: ls.LabelledQuery, entry: ListEntry, seed: int) -> PartyFields:
    """One field of the listing `entry` for the positive `query` (see the module's doc)."""
    rng = random.Random(f"{seed}\x00party\x00{query.query}\x00{entry.entry_id}")
    choices = []
    if streets := _street_addresses(entry):
        choices.append("address")
    if identifiers := listed_identifiers(entry.identifiers):
        choices.append("identifier")
    births = [b for b in entry.dates_of_birth if parse_birth(b, listed=True)]
    if births:
        choices.append("date_of_birth")
    if not choices:
        return PartyFields()
    field = rng.choice(choices)
    perturbed = rng.random() < 0.5
    if field == "address":
        text = rng.choice(streets)
        return PartyFields(address=_perturb_address(text, rng) if perturbed else text,
                           field=field, perturbed=perturbed)  # fmt: skip
    if field == "identifier":
        chosen = rng.choice(identifiers)
        kind = KIND_OF_SCHEME.get(chosen.scheme, chosen.scheme)
        written = _perturb_number(chosen, rng) if perturbed else chosen.number
        return PartyFields(identifiers=((kind, written),), field=field, perturbed=perturbed)
    text = rng.choice(births)
    birth = parse_birth(text, listed=True)
    assert birth is not None
    if birth.day and not perturbed:
        written = "-".join(f"{p:02d}" for p in birth.day)
    else:
        written = str(birth.first_year if birth.first_year == birth.last_year else
                      (birth.first_year + birth.last_year) // 2)  # fmt: skip
    return PartyFields(date_of_birth=written, field=field, perturbed=perturbed)


def negative_fields(
    query: ls.LabelledQuery, addresses: list[str], ciks: dict[str, str], seed: int
) -> PartyFields:
    """A real address on no list, and the SEC key of an SEC filer (see the module's doc)."""
    rng = random.Random(f"{seed}\x00party\x00{query.query}")
    address = rng.choice(addresses) if addresses else ""
    cik = ciks.get(query.query, "")
    return PartyFields(address=address, identifiers=(("registration", cik),) if cik else ())
