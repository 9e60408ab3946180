"""Identifiers of a party (LEI, ISIN, IMO, Chinese USCC, D-U-N-S, registration and tax
numbers, passports...) read from the lists and from supplier files, in one comparable form.

The lists write identifiers in three ways, all read here:

- the CSL's `ids` column: "type, number, country" ("Passport, 836238033, KP"; "Registration
  ID, C122790"), or in its pre-2020 layout "country, number, type" ("US, 80-0890696, Tax
  ID No.");
- OFAC's remarks and the UN's documents: "type number (country)" ("Tax ID No. 100036386
  (Serbia)", "Unified Social Credit Code (USCC) 9113100033607322XK (China)", "alt. ISIN
  CNE1000002V2", "Passport L 191609 issued 28 Feb 1996");
- FollowTheMoney properties: the number alone.

Each becomes an `Identifier`: its scheme (from the type's words, or from the number itself
when it validates as one of the schemes with a check digit), its number compacted to
letters and digits, and its country when given. The schemes with a check digit or a
global register are validated with python-stdnum, on both sides: a supplier's LEI that
fails its check digits is no LEI, and is reported (`input_identifiers`), never compared.

Two identifiers are the same when their compacted numbers are, and their schemes and
countries do not contradict each other. A number of fewer than `MIN_DIGITS` digits is no
identity unless its scheme has a check digit: the lists' identifier fields also hold years,
order numbers and bare types (see `screening.report.groups.MIN_IDENTIFIER_DIGITS`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from types import ModuleType

#: A number needs this many digits to identify a party when its scheme has no check digit:
#: the rule the reports use to link two listings by an identifier
#: (`screening.report.groups.MIN_IDENTIFIER_DIGITS`, which says where it comes from).
MIN_DIGITS = 6

LEI, ISIN, IMO, USCC, DUNS, BIC = "lei", "isin", "imo", "uscc", "duns", "bic"
PASSPORT, NATIONAL_ID, TAX, REGISTRATION, OTHER = (
    "passport", "national_id", "tax", "registration", "other",
)  # fmt: skip
#: Schemes whose numbers are checked (check digits, or a fixed form) on both sides: a
#: number of one of them identifies a party anywhere, so two of them that differ say the
#: parties differ (nomenklatura's `orgid_disjoint` reasons the same way).
CHECKED_SCHEMES = frozenset({LEI, ISIN, IMO, USCC, DUNS, BIC})
#: What each scheme is called in reports.
SCHEME_NAMES = {
    LEI: "LEI", ISIN: "ISIN", IMO: "IMO number", USCC: "Unified Social Credit Code",
    DUNS: "D-U-N-S number", BIC: "SWIFT/BIC", PASSPORT: "passport",
    NATIONAL_ID: "national id", TAX: "tax id", REGISTRATION: "registration number",
    OTHER: "identifier",
}  # fmt: skip

#: The words of a type label that give its scheme, tried in this order (the first found
#: wins: "Vessel Registration Identification IMO" is an IMO number). Drawn from the types
#: the real lists carry (../shared/data: the OFAC remarks of sdn_2024-05-03 and the non-SDN
#: list, the UN documents, the CSL sample's ids), with the common names of the schemes.
_LABEL_SCHEMES: tuple[tuple[str, str], ...] = (
    (r"\bignore\b|\bdob\b|\bpob\b|birth date|date of birth|place of birth|nationality"
     r"|citizen|gender|website|e-?mail|phone|fax|executive order|secondary sanctions"
     r"|transactions prohibited|established|model|manufacture date|listing date"
     r"|effective date|purchase/sales|linked to|caatsa|directive|digital currency"
     r"|construction number|tail number|transponder|serial|call sign|mmsi", "ignore"),
    (r"\blei\b|legal entity (?:number|identifier)", LEI),
    (r"\bisin\b", ISIN),
    (r"\bimo\b", IMO),
    (r"unified social credit|\buscc\b|统一社会信用代码|信用代码", USCC),
    (r"d-?u-?n-?s|\bduns\b", DUNS),
    (r"swift|\bbic\b", BIC),
    (r"passport|护照", PASSPORT),
    (r"tax|\bv\.?a\.?t\b|\bnit\b|\brfc\b|r\.f\.c|\bruc\b|\brif\b|\binn\b|\bkpp\b|税号|纳税", TAX),
    (r"registration|registry|register|company (?:number|no)|\bogrn\b|trade licen[cs]e"
     r"|chamber of commerce|gazette|folio mercantil|matricula|\bc\.?r\.? no|注册号|登记",
     REGISTRATION),
    (r"national id|identification|identity|cedula|c\.u\.r\.p|\bcurp\b|d\.n\.i|\bssn\b"
     r"|personal id|residency|birth certificate|driver|electoral|身份证|\bid\b", NATIONAL_ID),
)  # fmt: skip
_LABEL_PATTERNS = tuple((re.compile(p, re.I), scheme) for p, scheme in _LABEL_SCHEMES)

_ALT = re.compile(r"^alt\.\s*", re.I)
# "... (Serbia)", "... issued 28 Feb 1996 expires ...": what follows the number.
_TAIL = re.compile(r"\s+(?:issued|expires|expiring|valid)\b.*$", re.I)
_PARENTHESES = re.compile(r"\s*\(([^()]*)\)")
_NOT_ALNUM = re.compile(r"[\W_]+")
_DIGIT = re.compile(r"\d")
# A word before a number that belongs to it ("HRA 738077"), unless it ends the label.
_PREFIX = re.compile(r"[A-Z]{1,4}[-.]?")
_LABEL_ENDS = frozenset({"NO", "NO.", "ID", "NR", "NR.", "N", "N."})


@dataclass(frozen=True, slots=True)
class Identifier:
    """One identifier: scheme (see SCHEME_NAMES), number compacted to upper-case letters and
    digits, the issuing country (ISO-2) when known, and the text it was read from."""

    scheme: str
    number: str
    country: str = ""
    text: str = ""

    @property
    def label(self) -> str:
        """How a report names it: "LEI 5493001KJTIIGC8Y1R12"."""
        return f"{SCHEME_NAMES.get(self.scheme, 'identifier')} {self.number}"


def compact(number: str) -> str:
    """The number as compared: upper case, letters and digits only."""
    return _NOT_ALNUM.sub("", number).upper()


def _stdnum(scheme: str) -> ModuleType | None:
    """python-stdnum's module for a scheme with a check digit (imported on first use)."""
    if scheme == LEI:
        from stdnum import lei

        return lei
    if scheme == ISIN:
        from stdnum import isin

        return isin
    if scheme == IMO:
        from stdnum import imo

        return imo
    if scheme == USCC:
        from stdnum.cn import uscc

        return uscc
    if scheme == BIC:
        from stdnum import bic

        return bic
    return None


def is_valid(scheme: str, number: str) -> bool:
    """Whether `number` is a well-formed number of `scheme`: check digits by python-stdnum
    for LEI, ISIN, IMO, USCC and BIC; nine digits for a D-U-N-S number (it has no check
    digit); any other scheme needs `MIN_DIGITS` digits."""
    module = _stdnum(scheme)
    if module is not None:
        return bool(module.is_valid(number))
    if scheme == DUNS:
        return len(number) == 9 and number.isdigit()
    return len(_DIGIT.findall(number)) >= MIN_DIGITS


def _checked_scheme_of(number: str) -> str:
    """The scheme with a check digit that `number` is valid in, or "" (tried by length:
    an 18-character USCC, a 20-character LEI, a 12-character ISIN)."""
    by_length = {18: USCC, 20: LEI, 12: ISIN}
    scheme = by_length.get(len(number), "")
    return scheme if scheme and is_valid(scheme, number) else ""


def scheme_of_label(label: str) -> str:
    """The scheme a type label names ("Tax ID No." -> tax), "" when none does, "ignore"
    for a field that is no identifier ("Gender", "Website", "Aircraft Model")."""
    for pattern, scheme in _LABEL_PATTERNS:
        if pattern.search(label):
            return scheme
    return ""


def _make(scheme: str, number: str, country: str, text: str) -> Identifier | None:
    """An identifier when the number can identify a party (`is_valid`), else None."""
    if scheme == "ignore":
        return None
    number = compact(number)
    if scheme == IMO:
        number = number.removeprefix("IMO")
    if not number:
        return None
    found = _checked_scheme_of(number) if scheme not in CHECKED_SCHEMES else scheme
    if found and is_valid(found, number):
        return Identifier(found, number, country, text)
    if found:  # a list's typo, or a number of another register (an IMO company number)
        scheme = REGISTRATION
    if not is_valid(scheme, number):
        return None
    return Identifier(scheme or OTHER, number, country, text)


def _country(text: str) -> str:
    # Imported here: the list loaders import this module, and the countries module is
    # part of their package.
    from screening.lists.countries import country_code

    return country_code(text.strip()) if text.strip() else ""


def parse_listed(text: str) -> Identifier | None:
    """One identifier as a list writes it (any of the forms in the module's docstring), or
    None when it identifies nothing (a year, a gender, a website, a type with no number)."""
    clean = " ".join(_ALT.sub("", text.strip()).split())
    if not clean:
        return None
    parts = [p.strip() for p in clean.split(",")]
    if 2 <= len(parts) <= 3 and sum(bool(_DIGIT.search(p)) for p in parts) == 1:
        return _from_csl(parts, clean)
    if len(parts) == 2 and scheme_of_label(parts[0]) == BIC:  # "SWIFT/BIC, RUDVRUMM"
        return _make(BIC, parts[1], "", clean)
    return _from_words(clean)


def _from_csl(parts: list[str], text: str) -> Identifier | None:
    """The CSL's "type, number[, country]" or its older "country, number, type"."""
    number_at = next(i for i, p in enumerate(parts) if _DIGIT.search(p))
    others = [p for i, p in enumerate(parts) if i != number_at]
    country = next((_country(p) for p in others if _country(p)), "")
    label = " ".join(p for p in others if not _country(p)) or (others[0] if others else "")
    scheme = scheme_of_label(label)
    if label and not scheme:
        return None
    return _make(scheme, parts[number_at], country, text)


def _from_words(text: str) -> Identifier | None:
    """ "type number (country)", the OFAC and UN form; a bare number (FtM) too.

    The number starts at the first word holding a digit, with the word before it when that
    is a short upper-case prefix of the number ("HRA 738077", "Passport L 191609"), not a
    word of the label ("No.", "ID", "#") or a scheme's name ("ISIN", "IMO")."""
    body = _TAIL.sub("", text)
    notes = _PARENTHESES.findall(body)
    country = next((c for c in map(_country, reversed(notes)) if c), "")
    # "(USCC)" names the scheme; "(Stuttgart)" a place: only the last is the country.
    words = _PARENTHESES.sub(" ", body).split()
    at = next((i for i, w in enumerate(words) if _DIGIT.search(w)), None)
    if at is None:  # a SWIFT/BIC code has no digit: "SWIFT/BIC RUDVRUMM"
        if len(words) >= 2 and scheme_of_label(" ".join(words[:-1])) == BIC:
            return _make(BIC, words[-1], country, text)
        return None
    before = words[at - 1] if at > 0 else ""
    if _PREFIX.fullmatch(before) and before.upper() not in _LABEL_ENDS:
        at -= 1 if not scheme_of_label(before) else 0  # "ISIN", "IMO" name the scheme
    label, number = " ".join(words[:at]), "".join(words[at:])
    scheme = scheme_of_label(" ".join([label, *notes, words[at]]))
    if label and not scheme:  # a field of some other kind ("Listing Date (EO 14024)")
        return None
    return _make(scheme, number.lstrip("#:"), country, text)


def listed_identifiers(identifiers: Iterable[str]) -> tuple[Identifier, ...]:
    """The identifiers of a listing's `identifiers` field that identify it, without repeats."""
    found: dict[tuple[str, str], Identifier] = {}
    for text in identifiers:
        parsed = _parse_listed_cached(text)
        if parsed is not None:
            found.setdefault((parsed.scheme, parsed.number), parsed)
    return tuple(found.values())


@lru_cache(maxsize=1 << 16)
def _parse_listed_cached(text: str) -> Identifier | None:
    return parse_listed(text)


#: Column kinds of a supplier file (`screening.inputs.IDENTIFIER_HEADERS`) and the scheme
#: each one's values are checked in; "registration" and "tax" columns hold numbers of any
#: scheme, recognised by their form when they have a check digit.
COLUMN_SCHEMES = {
    "lei": LEI, "isin": ISIN, "imo": IMO, "uscc": USCC, "duns": DUNS, "bic": BIC,
    "registration": REGISTRATION, "tax": TAX, "passport": PASSPORT, "national_id": NATIONAL_ID,
}  # fmt: skip


@lru_cache(maxsize=1 << 14)
def input_identifier(kind: str, value: str) -> Identifier | str | None:
    """A supplier's identifier from a column of `kind`: the Identifier; a message saying
    why it is not one (an LEI with wrong check digits, a D-U-N-S number not of nine
    digits); or None for a number too short to identify anyone (fewer than MIN_DIGITS
    digits, no check digit), which is kept in the report but not compared."""
    scheme = COLUMN_SCHEMES.get(kind, OTHER)
    number = compact(value)
    if scheme == IMO:
        number = number.removeprefix("IMO")
    if not number:
        return None
    if scheme in CHECKED_SCHEMES:
        if is_valid(scheme, number):
            return Identifier(scheme, number, "", value)
        return f"{SCHEME_NAMES[scheme]} {value!r} is not valid ({_why_invalid(scheme, number)})"
    checked = _checked_scheme_of(number)
    if checked:
        return Identifier(checked, number, "", value)
    return Identifier(scheme, number, "", value) if is_valid(scheme, number) else None


def _why_invalid(scheme: str, number: str) -> str:
    if scheme == DUNS:
        return "a D-U-N-S number has nine digits"
    module = _stdnum(scheme)
    if module is None:
        return "not in the expected form"
    try:
        module.validate(number)
    except Exception as exc:  # stdnum raises its ValidationError subclasses
        return str(exc).rstrip(".").lower() or type(exc).__name__
    return "not in the expected form"


def supplier_identifiers(
    pairs: Sequence[tuple[str, str]],
) -> tuple[tuple[Identifier, ...], tuple[str, ...]]:
    """A supplier's (kind, value) identifiers as Identifiers, and a message for each value
    that is not valid in its column's scheme (`input_identifier`)."""
    found: list[Identifier] = []
    problems: list[str] = []
    for kind, value in pairs:
        if not value.strip():
            continue
        parsed = input_identifier(kind, value.strip())
        if isinstance(parsed, Identifier):
            found.append(parsed)
        elif isinstance(parsed, str):
            problems.append(parsed)
    return tuple(found), tuple(problems)


def same_identifier(a: Identifier, b: Identifier) -> bool:
    """Whether two identifiers are one: the same number, schemes that do not contradict
    each other (two checked schemes must be the same; a number of a checked scheme was
    recognised by its check digit whatever its label said) and countries that do not
    (either unknown, or the same)."""
    if a.number != b.number:
        return False
    if a.scheme != b.scheme and a.scheme in CHECKED_SCHEMES and b.scheme in CHECKED_SCHEMES:
        return False
    return not (a.country and b.country and a.country != b.country)
