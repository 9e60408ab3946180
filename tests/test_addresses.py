"""Addresses brought to one form and compared street by street (`screening.addresses`)."""

from __future__ import annotations

import pytest

from screening.addresses import AddressIndex, address_form, addresses_agree, best_listed

LISTED = "Room 605, No. 215 Meiling Avenue, Hefei, CN"


@pytest.mark.parametrize(
    "written",
    [
        "215 Meiling Ave., Rm 605, Hefei, Anhui 230000, China",  # abbreviations, postal code
        "ROOM 605 NO.215 MEILING AVENUE HEFEI",  # case and punctuation
        "Ｒｍ ６０５， Ｎｏ． ２１５ Ｍｅｉｌｉｎｇ Ａｖｅ， Ｈｅｆｅｉ",  # full width
        "No. 215 Meiling Avenue, Hefei",  # no room: the building still agrees
    ],
)
def test_one_place_written_many_ways_agrees(written):
    assert addresses_agree(address_form(written), address_form(LISTED))


@pytest.mark.parametrize(
    "other",
    [
        "Rm 606, 215 Meiling Ave, Hefei",  # another suite of the building
        "12 Changjiang West Road, Hefei",  # another street of the city
        "Room 605, No. 215 Meiling Avenue, Hefei, Japan",  # another country
        "Hefei",  # a city alone is not compared
    ],
)
def test_other_places_do_not(other):
    assert not addresses_agree(address_form(other), address_form(LISTED))


def test_abbreviations_floors_and_chinese_markers():
    form = address_form("15 DANLONG RD, BLDG 3, 19/F, CHONGQING")
    listed = address_form("19th Floor, Unit 2, Building 3, No. 15 Danlong Road, Chongqing, CN")
    assert addresses_agree(form, listed)
    assert {"19", "3", "15"} <= form.numbers and form.words == {"danlong", "chongqing"}
    chinese = address_form("北京市海淀区中关村大街１号")
    assert chinese.numbers == {"1"} and {"北京", "海淀"} <= chinese.words
    assert addresses_agree(chinese, address_form("中关村大街1号 海淀区 北京"))
    assert address_form("Shenzhen, CN").country == "CN"
    assert not address_form("Shenzhen, CN").street_level


def test_best_listed_names_the_agreeing_or_the_closest_address():
    query = address_form("Rm 605, 215 Meiling Ave, Hefei")
    listed = ["No. 1, East Third Road, Chengdu, CN", LISTED]
    assert best_listed(query, listed) == (LISTED, True)
    assert best_listed(address_form("9 Meiling Ave, Hefei"), listed) == (LISTED, False)
    assert best_listed(query, ["Hefei, CN"]) == ("", False)


def test_index_finds_every_entry_at_an_address_and_only_those():
    addresses = [
        ["Suite 12, 88 Example Road, Wan Chai, Hong Kong, HK"],
        ["HK"],
        ["Flat B, 3/F, 7 Other Street, Kowloon, HK", "Suite 12, 88 Example Rd, Wan Chai, HK"],
        ["Suite 13, 88 Example Road, Wan Chai, Hong Kong, HK"],
    ]
    index = AddressIndex(addresses)
    query = address_form("Ste 12, 88 Example Rd., Wan Chai, Hong Kong")
    assert index.entries_at(query, addresses) == [0, 2]
    assert index.entries_at(address_form("Wan Chai, Hong Kong"), addresses) == []
