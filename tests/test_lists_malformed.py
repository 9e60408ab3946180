"""Malformed list files: every known bad shape is refused by its own check, in one line that
names the file, the record and what is wrong; nothing else escapes as a traceback."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from screening.errors import ListDataError
from screening.lists import load_list
from screening.lists.base import UnexpectedContentError, check_header

# Deeper than the interpreter's recursion limit (1000): json raises RecursionError.
TOO_DEEP = 5000
CSL_MIN = {"source": "Entity List (EL) - BIS", "name": "Acme Trading"}
FTM_MIN = {"id": "p1", "schema": "Person", "properties": {"name": ["Ivan Petrov"]}}


def _refused(path: Path, *words: str) -> str:
    """Load `path`, expect a ListDataError from a specific check, return its message."""
    with pytest.raises(ListDataError) as caught:
        load_list(path)
    message = str(caught.value)
    assert not isinstance(caught.value, UnexpectedContentError), message
    assert len(message.splitlines()) == 1, message
    assert str(path) in message
    for word in words:
        assert word in message, message
    return message


def _csl_json(tmp_path: Path, records: object) -> Path:
    path = tmp_path / "consolidated.json"
    text = records if isinstance(records, str) else json.dumps(records)
    path.write_text(text, encoding="utf-8")
    return path


def _ftm(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "entities.ftm.json"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _ftm_line(**fields: object) -> str:
    return json.dumps({**FTM_MIN, **fields})


# --- CSL JSON ----------------------------------------------------------------------------


def test_csl_json_nested_past_the_recursion_limit(tmp_path):
    deep = "[" * TOO_DEEP + "]" * TOO_DEEP
    path = _csl_json(tmp_path, f'[\n{{"source": "S", "name": "N", "addresses": {deep}}}\n]')
    _refused(path, "nested more than 64 levels deep at line 2, column 105")


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("addresses", [["Moscow"]], ("record 1, field 'addresses'", "a list inside a list")),
        ("ids", [{"number": {"x": "1"}}], ("record 1, field 'ids', 'number'", "an object")),
        ("name", ["Acme", "Acme Ltd"], ("record 1, field 'name'", "a list where")),
        ("name", {"first": "Acme"}, ("record 1, field 'name'", "an object where")),
        ("source", [], ("record 1, field 'source'", "a list where")),
    ],
)
def test_csl_json_wrong_field_shapes(tmp_path, field, value, words):
    path = _csl_json(tmp_path, [{**CSL_MIN, field: value}])
    _refused(path, *words)


def test_csl_json_record_that_is_not_an_object(tmp_path):
    _refused(_csl_json(tmp_path, [CSL_MIN, 5]), "record 2: expected an object, found the number 5")


def test_csl_json_repeated_key_is_refused_not_last_wins(tmp_path):
    path = _csl_json(tmp_path, '[{"source": "S", "name": "Real Name", "name": "Other"}]')
    _refused(path, "record 1", "the key 'name' appears twice")


def test_csl_json_number_too_long_to_convert(tmp_path):
    path = _csl_json(
        tmp_path, '[{"source": "S", "name": "N", "gross_tonnage": ' + "9" * 5000 + "}]"
    )
    _refused(path, "invalid JSON", "4300 digits")


def test_csl_json_scalars_and_address_objects_still_read(tmp_path):
    record = {
        **CSL_MIN,
        "entity_number": 42,
        "end_date": None,
        "addresses": [{"address": "1 Main St", "city": "Moscow", "country": "RU"}],
        "ids": [{"type": "Passport", "number": "123", "country": None}],
    }
    (entry,) = load_list(_csl_json(tmp_path, [record])).entries
    assert entry.addresses == ("1 Main St, Moscow, RU",)
    assert entry.countries == ("RU",)


# --- OpenSanctions FtM ------------------------------------------------------------------


def test_ftm_nested_past_the_recursion_limit(tmp_path):
    deep = "[" * TOO_DEEP + "]" * TOO_DEEP
    line = '{"id": "p2", "schema": "Person", "properties": {"name": ' + deep + "}}"
    _refused(_ftm(tmp_path, _ftm_line(), line), "line 2: JSON nested more than 64 levels")


@pytest.mark.parametrize(
    ("line", "words"),
    [
        (_ftm_line(schema=["Person"]), ('"schema" is a list',)),
        (_ftm_line(schema=""), ('"schema" is the text',)),
        (_ftm_line(id=7), ('"id" is the number 7',)),
        (_ftm_line(id=None), ('"id" is null',)),
        (_ftm_line(datasets=5), ("(id 'p1'), \"datasets\": the number 5",)),
        (_ftm_line(datasets=[["a"]]), ('"datasets": a list where FtM has strings',)),
        (_ftm_line(properties=["name"]), ('"properties" is a list, not an object',)),
        (_ftm_line(properties={"name": 5}), ("property 'name': the number 5",)),
        (_ftm_line(properties={"name": [True]}), ("property 'name': true/false",)),
        (
            _ftm_line(properties={"name": ["X"], "addressEntity": [{"id": "a1"}]}),
            ("property 'addressEntity': an object", "nested export"),
        ),
        (_ftm_line(caption=["X"]), ('"caption" is a list, not text',)),
        ('{"id": "p1", "schema": "Person", "schema": "Company", "properties": {}}', ("'schema'",)),
        ('{"id": "p1", "schema": "Person", "properties": {"name": ["A"], "name": ["B"]}}', ()),
        (
            '{"id": "p1", "schema": "Person", "properties": {"birthDate": [1' + "0" * 5000 + "]}}",
            (),
        ),
        ("[1, 2]", ("not a FollowTheMoney entity",)),
    ],
    ids=[
        "schema-list",
        "schema-empty",
        "id-number",
        "id-null",
        "datasets-number",
        "datasets-nested",
        "properties-list",
        "property-number",
        "property-bool",
        "property-object",
        "caption-list",
        "repeated-key",
        "repeated-property",
        "long-number",
        "not-an-object",
    ],  # fmt: skip
)
def test_ftm_wrong_shapes_name_the_line(tmp_path, line, words):
    path = _ftm(tmp_path, _ftm_line(id="p0"), line)
    _refused(path, "line 2", *words)


def test_ftm_name_as_a_lone_string_is_one_name_not_its_letters(tmp_path):
    path = _ftm(tmp_path, _ftm_line(properties={"name": "Vladimir Petrov", "alias": "Volodya"}))
    (entry,) = load_list(path).entries
    assert entry.name == "Vladimir Petrov"
    assert entry.aliases == ("Volodya",)


def test_ftm_nulls_are_no_values(tmp_path):
    path = _ftm(tmp_path, _ftm_line(properties={"name": [None, "Ivan"], "alias": None}))
    (entry,) = load_list(path).entries
    assert (entry.name, entry.aliases) == ("Ivan", ())


# --- duplicated columns in the CSV-based lists -------------------------------------------

CSL_CSV = "source,name,alt_names,start_date,end_date,name\nEntity List,Real Name,,,,Other Name\n"
DPL_HEADER = (
    "Name\tStreet_Address\tCity\tState\tCountry\tPostal_Code\tEffective_Date\t"
    "Expiration_Date\tStandard_Order\tLast_Update\tAction\tFR_Citation"
)
DPL = (
    f"{DPL_HEADER}\tCity\n"
    "JOHN DOE\t1 Main St\tEl Paso\tTX\tUS\t79905\t08/24/2022\t\tY\t\tDENY\t87 FR 1\tOther\n"
)
CUSTOM = "name,aliases,Name\nAcme Trading,,Other\n"
TARGETS = (
    "id,schema,name,aliases,dataset,first_seen,name\n"
    "NK-1,Company,Acme Trading,,us_ofac_sdn,2022-01-01,Other\n"
)


@pytest.mark.parametrize(
    ("text", "column", "positions"),
    [
        (CSL_CSV, "name", "columns 2 and 6"),
        (DPL, "City", "columns 3 and 13"),
        (CUSTOM, "name", "columns 1 and 3"),
        (TARGETS, "name", "columns 3 and 7"),
    ],
    ids=["csl-csv", "bis-dpl", "custom-csv", "opensanctions-simple-csv"],
)
def test_duplicated_column_is_refused_naming_it(tmp_path, text, column, positions):
    path = tmp_path / "list.csv"
    path.write_text(text, encoding="utf-8")
    _refused(path, f"line 1: the column '{column}' appears twice ({positions})")


def test_check_header_ignores_blank_names_and_is_linear():
    check_header(["name", "", "source", ""], Path("l.csv"))  # trailing empty columns: fine
    check_header([f"c{i}" for i in range(200_000)], Path("l.csv"))  # one pass, no count()
    with pytest.raises(ListDataError, match="'c5' appears twice"):
        check_header([f"c{i}" for i in range(200_000)] + ["c5"], Path("l.csv"))
    with pytest.raises(ListDataError) as caught:
        check_header(["a\nb", "a\nb"], Path("l.csv"))
    assert str(caught.value).startswith("l.csv, line 1: the column 'a\\nb' appears twice")


def test_targets_simple_csv_row_wider_than_header_is_refused(tmp_path):
    path = tmp_path / "targets.simple.csv"
    path.write_text(
        "id,schema,name,dataset,first_seen\nNK-1,Company,Acme,us_ofac_sdn,2022-01-01,extra\n",
        encoding="utf-8",
    )
    _refused(path, "line 2: 6 fields where the header has 5")


# --- other bad content -------------------------------------------------------------------

#: First bytes that upset a CSV reader: a carriage return inside the first line (what a
#: stray \r before a header looks like once lines are split on \n), a quote left open.
AWKWARD_HEADS = [b"\r_id,source,name,alt_names\n", b'name,"aliases\rx', b'"', b"", b"\xff\xfe\x00"]


@pytest.mark.parametrize("head", AWKWARD_HEADS)
def test_no_format_raises_while_recognising_a_file(head):
    from screening.lists import FORMATS

    for fmt in FORMATS:
        assert fmt.sniff(head) in (True, False)


def test_carriage_return_before_a_header_is_not_a_traceback(tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes(b"\r" + CSL_CSV.encode())
    _refused(path, "format not recognised")


def test_dpl_neither_utf8_nor_windows_1252(tmp_path):
    path = tmp_path / "dpl.txt"
    row = "\t".join(['"J\x81N DOE"'] + ['""'] * 11)
    path.write_bytes(f"{DPL_HEADER}\n".encode() + row.encode("latin-1") + b"\n")
    _refused(path, "neither UTF-8 nor Windows-1252", "b'\\x81'")


def test_custom_list_header_with_a_line_break_is_told_on_one_line(tmp_path):
    path = tmp_path / "blocked.csv"
    path.write_text('name,aliases,"start\ndate"\nAcme,,2024-01-01\n', encoding="utf-8")
    _refused(path, "unknown: start\\ndate")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_list_given_as_a_pipe_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "list.csv"
    os.mkfifo(fifo)  # nobody writes: opening it to read would wait for ever
    _refused(fifo, "not a regular file")


def test_unforeseen_error_in_a_loader_is_one_line_naming_the_record(tmp_path, monkeypatch):
    """The last line of defence: a shape no check knows yet still ends as a ListDataError."""
    import screening.lists.csl as csl

    def broken(*args: object, **kwargs: object) -> str:
        raise TypeError("unsupported operand\nsecond line")

    monkeypatch.setattr(csl, "countries_of", broken)
    path = _csl_json(tmp_path, [CSL_MIN])
    with pytest.raises(UnexpectedContentError) as caught:
        load_list(path)
    message = str(caught.value)
    assert message == (
        f"{path}, record 1: unexpected content (TypeError: unsupported operand); "
        "check that the file is a complete copy of the published list"
    )
    assert isinstance(caught.value.__cause__, TypeError)  # kept for whoever debugs it


def test_unforeseen_error_while_recognising_the_format(tmp_path, monkeypatch):
    from screening.lists import FORMATS

    def broken(head: bytes) -> bool:
        raise ValueError("bad head")

    monkeypatch.setattr(FORMATS[0], "sniff", broken)
    path = _csl_json(tmp_path, [CSL_MIN])
    with pytest.raises(UnexpectedContentError, match=r"^list file .*: unexpected content"):
        load_list(path)


# --- XML: defusedxml still stands between the file and the parser ------------------------

UN_OPEN = '<?xml version="1.0"?>\n'
UN_BODY = (
    "<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID>"
    "<FIRST_NAME>{name}</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>\n"
)


@pytest.mark.parametrize(
    "doctype",
    [
        # XXE: an external entity would read a local file into a listed name
        '<!DOCTYPE c [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n',
        # billion laughs: 10 levels of 10 references expand to 10^10 characters
        "<!DOCTYPE c [<!ENTITY a0 'lol'>"
        + "".join(f"<!ENTITY a{i} '{f'&a{i - 1};' * 10}'>" for i in range(1, 10))
        + "]>\n",
    ],
    ids=["xxe", "entity-bomb"],
)
def test_un_xml_refuses_entities(tmp_path, doctype):
    path = tmp_path / "consolidated.xml"
    reference = "&xxe;" if "xxe" in doctype else "&a9;"
    path.write_text(UN_OPEN + doctype + UN_BODY.format(name=reference), encoding="utf-8")
    _refused(path, "refused unsafe XML")


@pytest.mark.parametrize(
    ("encoding", "words"),
    [("TF-8", "unknown encoding: TF-8"), ("shift_jis", "multi-byte encodings are not supported")],
)
def test_un_xml_declaring_an_encoding_the_parser_cannot_read(tmp_path, encoding, words):
    path = tmp_path / "consolidated.xml"
    declaration = f'<?xml version="1.0" encoding="{encoding}"?>\n'
    path.write_text(declaration + UN_BODY.format(name="FRANK"), encoding="utf-8")
    _refused(path, "the XML declares an encoding this parser cannot read", words)


def test_un_xml_without_entities_reads(tmp_path):
    path = tmp_path / "consolidated.xml"
    path.write_text(UN_OPEN + UN_BODY.format(name="FRANK"), encoding="utf-8")
    assert [e.name for e in load_list(path).entries] == ["FRANK"]
