"""Country names and codes as lists write them, to ISO 3166-1 alpha-2
(screening/lists/countries.py)."""

from __future__ import annotations

import pytest

from screening.lists.countries import country_code, country_codes


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("CN", "CN"),
        (" cn ", "CN"),  # a code in any case, with spaces
        ("China", "CN"),  # the tz table's name
        ("Iran (Islamic Republic of)", "IR"),  # the UN's spelling
        ("Korea, North", "KP"),  # OFAC's
        ("Côte d'Ivoire", "CI"),  # accents and apostrophes ignored
        ("cote d ivoire", "CI"),
        ("UNITED  KINGDOM", "GB"),  # case and spacing ignored
        ("Kosovo", "XK"),  # codes the lists use that ISO has not assigned
        ("XK", "XK"),
        ("Netherlands Antilles", "AN"),
        ("Hong Kong", "HK"),
    ],
)
def test_names_and_codes_the_lists_write_become_iso_codes(written, code):
    assert country_code(written) == code


@pytest.mark.parametrize("written", ["", "Atlantis", "ZZ", "C", "region of somewhere"])
def test_what_is_not_a_known_country_has_no_code(written):
    assert country_code(written) == ""


def test_codes_keep_their_order_without_repeats_or_unknowns():
    assert country_codes("Russia", "China", "CN", "Atlantis", "Hong Kong") == ("RU", "CN", "HK")
    assert country_codes() == ()
