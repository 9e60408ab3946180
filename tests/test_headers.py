"""How every reader finds its columns by header (screening/headers.py)."""

from __future__ import annotations

from screening.headers import find_column, header_key, repeated_columns


def test_a_header_key_ignores_case_space_and_the_joiner_used():
    assert header_key("  Supplier Name ") == "supplier_name"
    assert header_key("supplier-name") == header_key("SUPPLIER_NAME") == "supplier_name"


def test_the_first_wanted_name_the_file_has_wins_as_the_file_writes_it():
    headers = ["Vendor", "Supplier Name", "country"]
    assert find_column(headers, ["name", "supplier_name", "vendor"]) == "Supplier Name"
    assert find_column(headers, ["owner"]) is None


def test_of_two_headers_with_one_key_the_first_is_found():
    assert find_column(["as of", "as_of"], ["as_of"]) == "as of"


def test_repeats_are_positions_of_the_first_and_the_repeat_in_file_order():
    headers = ["a", "b", "", "b", "", "a", "a"]
    assert repeated_columns(headers) == [(1, 3), (0, 5), (0, 6)]  # blank ones never count


def test_repeats_by_key_only_among_the_columns_read():
    headers = ["Owner", "note", "owner", "Note"]
    assert repeated_columns(headers, key=header_key, only={"owner"}) == [(0, 2)]
    assert repeated_columns(headers) == []  # as written, no header repeats
