"""Identifiers as the lists write them and as supplier files give them
(`screening.identifiers`)."""

from __future__ import annotations

import pytest

from screening.identifiers import (
    Identifier,
    input_identifier,
    listed_identifiers,
    parse_listed,
    same_identifier,
    supplier_identifiers,
)


@pytest.mark.parametrize(
    ("text", "scheme", "number", "country"),
    [
        # the CSL's ids column, current and pre-2020 layouts
        ("Passport, 836238033, KP", "passport", "836238033", "KP"),
        ("Registration ID, C122790", "registration", "C122790", ""),
        ("US, 80-0890696, Tax ID No.", "tax", "800890696", "US"),
        ("V.A.T. Number, CHE-267.936.404, CH", "tax", "CHE267936404", "CH"),
        ("SWIFT/BIC, RUDVRUMM", "bic", "RUDVRUMM", ""),
        # OFAC remarks and UN documents
        ("Tax ID No. 100036386 (Serbia)", "tax", "100036386", "RS"),
        ("Unified Social Credit Code (USCC) 9113100033607322XK (China)", "uscc",
         "9113100033607322XK", "CN"),
        ("Vessel Registration Identification IMO 7406784", "imo", "7406784", ""),
        ("alt. ISIN CNE1000002V2", "isin", "CNE1000002V2", ""),
        ("Legal Entity Number 253400V1H6ART1UQ0N98 (Russia)", "lei", "253400V1H6ART1UQ0N98", "RU"),
        ("Passport L 191609 issued 28 Feb 1996 expires 27 Feb 2001", "passport", "L191609", ""),
        ("Registration Number HRA 738077 (Stuttgart) (Germany)", "registration", "HRA738077", "DE"),
        ("D-U-N-S Number 542957624", "duns", "542957624", ""),
        ("NIT # 800018928-0 (Colombia)", "tax", "8000189280", "CO"),
        # an FtM property: the number alone, its scheme found by its check digits
        ("9113100033607322XK", "uscc", "9113100033607322XK", ""),
        ("1027739108649", "other", "1027739108649", ""),
    ],
)  # fmt: skip
def test_listed_identifiers_are_read_in_every_form(text, scheme, number, country):
    found = parse_listed(text)
    assert found is not None
    assert (found.scheme, found.number, found.country) == (scheme, number, country)


@pytest.mark.parametrize(
    "text",
    [
        "Gender, Male",
        "Website, mspbank.ru",
        "Organization Established Date 1969",
        "DOB 01 Jan 1958",
        "Phone Number 982188526300",
        "Registration Number 26740 (Iran)",  # five digits and no check digit: no identity
        "Aircraft Model IL76-TD",
        "National Identification Number",
    ],
)
def test_what_identifies_nobody_is_left_out(text):
    assert parse_listed(text) is None


def test_a_listing_s_identifiers_without_repeats():
    found = listed_identifiers(["Passport 1084010 (Egypt)", "alt. Passport 1084010 (Egypt)",
                                "Gender, Male"])  # fmt: skip
    assert [(i.scheme, i.number) for i in found] == [("passport", "1084010")]


def test_input_identifiers_are_validated_by_their_column():
    assert input_identifier("lei", "2534 00V1 H6AR T1UQ 0N98") == Identifier(
        "lei", "253400V1H6ART1UQ0N98", "", "2534 00V1 H6AR T1UQ 0N98"
    )
    problem = input_identifier("lei", "253400V1H6ART1UQ0N99")
    assert isinstance(problem, str) and problem.startswith(
        "LEI '253400V1H6ART1UQ0N99' is not valid"
    )
    assert "nine digits" in str(input_identifier("duns", "12345"))
    assert input_identifier("imo", "IMO 7406784") == Identifier("imo", "7406784", "", "IMO 7406784")
    # a registration column holding a USCC is read as one; a short number is kept out
    uscc = input_identifier("registration", "9113100033607322XK")
    assert isinstance(uscc, Identifier) and uscc.scheme == "uscc"
    assert input_identifier("registration", "A-123") is None


def test_supplier_identifiers_split_the_good_from_the_bad():
    found, problems = supplier_identifiers(
        [("lei", "253400V1H6ART1UQ0N98"), ("uscc", "9113100033607322XX"), ("tax", " ")]
    )
    assert [i.scheme for i in found] == ["lei"]
    assert len(problems) == 1 and problems[0].startswith("Unified Social Credit Code")


def test_same_identifier_needs_the_number_and_no_contradiction():
    lei = Identifier("lei", "253400V1H6ART1UQ0N98")
    assert same_identifier(lei, Identifier("lei", "253400V1H6ART1UQ0N98", "RU"))
    assert not same_identifier(lei, Identifier("lei", "253400V1H6ART1UQ0N97"))
    passport = Identifier("passport", "1084010", "EG")
    assert same_identifier(passport, Identifier("passport", "1084010"))
    assert not same_identifier(passport, Identifier("passport", "1084010", "IR"))
    assert not same_identifier(Identifier("isin", "X1"), Identifier("lei", "X1"))
    assert same_identifier(Identifier("registration", "X1"), Identifier("tax", "X1"))
