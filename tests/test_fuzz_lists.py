"""Property-based tests over every list loader and the ownership reader: whatever the bytes,
the result is a snapshot (or table of stakes) or a ScreeningError of one line naming the
file, never another exception, within a bounded time and memory.

Inputs come three ways: small hand-written valid files with byte-level mutations (the
likeliest damage: truncation, a stray quote or bracket, bytes from another encoding),
valid headers over random bodies (so the loader, not only format detection, runs), and,
for the JSON formats, valid records whose fields hold arbitrary JSON values. Errors from
the loaders' last line of defence (UnexpectedContentError) fail the test: every shape
these generate should meet a specific check with a message of its own.
"""

from __future__ import annotations

import functools
import json
import tempfile
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import mutations
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screening.errors import ScreeningError
from screening.lists import load_list
from screening.lists.base import UnexpectedContentError
from screening.ownership.input import UnexpectedOwnershipError, read_ownership

#: Bounded so the whole file runs in a few seconds (about 4 s of CPU measured on the shared
#: 2-core machine): 60 examples per property, derandomised so CI sees the same inputs.
#: The deadline is a hang detector, not a benchmark: a valid sample loads in milliseconds.
FUZZ = settings(
    max_examples=60,
    deadline=timedelta(seconds=5),
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
#: Peak memory one load may take (tracemalloc): the inputs are a few kilobytes, so this
#: only trips on amplification (an entity bomb, a size field believed).
PEAK_BYTES = 64 << 20

# --- hand-written valid samples (invented parties, the layouts of the published files) --

CSL_CSV = (
    b"_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,"
    b"start_date,end_date,standard_order,license_requirement,license_policy,call_sign,"
    b"vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,"
    b"source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,"
    b"source_information_url,ids\n"
    b"e1,Entity List (EL) - Bureau of Industry and Security,,Entity,,Example Optics Co,,"
    b'"1 Lake Rd, Wuhan, CN",90 FR 1,2025-03-25,,,For all items,Presumption of denial,,,,,,,,'
    b",Example Optical; EOC,,,,,,\n"
    b"e2,Specially Designated Nationals (SDN) - Treasury Department,77,Individual,SDGT,"
    b"DOE John,,,,,2026-01-01,,,,,,,,,,,,,,1970-01-01,RU,,,Passport 123\n"
)

CSL_RECORD = {
    "id": "e1",
    "source": "Entity List (EL) - Bureau of Industry and Security",
    "name": "Example Optics Co",
    "type": "Entity",
    "alt_names": ["Example Optical", "EOC"],
    "programs": ["EAR"],
    "addresses": [{"address": "1 Lake Rd", "city": "Wuhan", "country": "CN"}],
    "ids": [{"type": "Registration", "number": "91420100", "country": "CN"}],
    "start_date": "2025-03-25",
    "end_date": None,
    "nationalities": ["CN"],
}
CSL_JSON = json.dumps({"total": 2, "results": [CSL_RECORD, {**CSL_RECORD, "id": "e2"}]}).encode()

FTM_ENTITIES = [
    {
        "id": "p1",
        "schema": "Person",
        "caption": "Ivan Example",
        "datasets": ["us_ofac_sdn"],
        "properties": {
            "name": ["Ivan Example"],
            "alias": ["I. Example"],
            "nationality": ["ru"],
            "addressEntity": ["a1"],
            "birthDate": ["1970-01-01"],
        },
    },
    {"id": "a1", "schema": "Address", "properties": {"full": ["1 Main St, Moscow"]}},
    {
        "id": "s1",
        "schema": "Sanction",
        "properties": {"entity": ["p1"], "startDate": ["2022-02-24"], "program": ["RUSSIA"]},
    },
    {"id": "d1", "schema": "Passport", "properties": {"holder": ["p1"], "number": ["X123"]}},
]
FTM = "".join(json.dumps(e) + "\n" for e in FTM_ENTITIES).encode()

TARGETS_HEADER = (
    b"id,schema,name,aliases,birth_date,countries,addresses,identifiers,sanctions,phones,"
    b"emails,dataset,first_seen,last_seen,last_change\n"
)
TARGETS = TARGETS_HEADER + (
    b'NK-1,Company,Example Trading LLC,"Example LLC;EXT",,ru;ae,"Moscow, RU",1027700000000,'
    b"OFAC SDN,,,US OFAC SDN List,2022-03-01,2026-01-01,2024-01-01\n"
)

CUSTOM_HEADER = b"name,aliases,country,type,start_date,end_date,source,id,notes\n"
CUSTOM = (
    CUSTOM_HEADER
    + "Example Holdings Ltd,Example HK; 示例控股,HK;CN,Entity,2024-05-01,,,B-1,x\n".encode()
)

DPL_HEADER = (
    b'"Name"\t"Street_Address"\t"City"\t"State"\t"Country"\t"Postal_Code"\t"Effective_Date"\t'
    b'"Expiration_Date"\t"Standard_Order"\t"Last_Update"\t"Action"\t"FR_Citation"\r\n'
)
DPL = DPL_HEADER + (
    b'"JOHN EXAMPLE"\t"1 MAIN ST"\t"EL PASO"\t"TX"\t"US"\t"79905"\t"08/24/2022"\t'
    b'"01/14/2026"\t"Y"\t"2022-08-29"\t"F.R. NOTICE ADDED"\t"87 F.R. 1 8/29/2022"\r\n'
)

UN_XML = b"""<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z"><INDIVIDUALS><INDIVIDUAL>
<DATAID>1</DATAID><FIRST_NAME>JOHN</FIRST_NAME><SECOND_NAME>EXAMPLE</SECOND_NAME>
<UN_LIST_TYPE>DRC</UN_LIST_TYPE><LISTED_ON>2012-12-31</LISTED_ON>
<NATIONALITY><VALUE>Rwanda</VALUE></NATIONALITY>
<INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>J. EXAMPLE</ALIAS_NAME></INDIVIDUAL_ALIAS>
<INDIVIDUAL_ADDRESS><CITY>Kigali</CITY><COUNTRY>Rwanda</COUNTRY></INDIVIDUAL_ADDRESS>
<INDIVIDUAL_DATE_OF_BIRTH><YEAR>1971</YEAR></INDIVIDUAL_DATE_OF_BIRTH>
<INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT><NUMBER>A1</NUMBER>
</INDIVIDUAL_DOCUMENT></INDIVIDUAL></INDIVIDUALS><ENTITIES><ENTITY><DATAID>2</DATAID>
<FIRST_NAME>EXAMPLE FORCES</FIRST_NAME><LISTED_ON>2014-06-30</LISTED_ON>
<ENTITY_ALIAS><ALIAS_NAME>EF</ALIAS_NAME></ENTITY_ALIAS></ENTITY></ENTITIES>
</CONSOLIDATED_LIST>
"""

OFAC_SET = {
    "sdn.csv": (
        b'101,"EXAMPLE SHIPPING CO.",-0- ,"IRAN] [SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
        b"\"a.k.a. 'EXSHIP'; DOB 12 Dec 1960; nationality Iran.\"\r\n"
        b'102,"DOE, Jane",individual,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\x1a'
    ),
    "add.csv": b'101,1,"1 Port Rd","Bandar Abbas","Iran",-0- \r\n',
    "alt.csv": b'101,1,"aka","EXAMPLE SHIP",-0- \r\n',
    "sdn_comments.csv": b'101,"; Linked To: EXAMPLE GROUP."\r\n',
}

OWNERSHIP = (
    b"owned,owner,percent,owned_id,owner_id,owned_country,owner_country,as_of\n"
    b"Example Sub Ltd,Example Parent Co,60,S1,P1,HK,CN,2024-12-31\n"
    b"Example Sub Ltd,Someone Else,unknown,S1,,HK,,\n"
)

SAMPLES = {
    "csl.csv": CSL_CSV,
    "csl.json": CSL_JSON,
    "entities.ftm.json": FTM,
    "targets.simple.csv": TARGETS,
    "custom.csv": CUSTOM,
    "dpl.txt": DPL,
    "un.xml": UN_XML,
    "sdn.csv": OFAC_SET["sdn.csv"],
}

# --- strategies ---------------------------------------------------------------------------

#: Bytes that break parsers: quotes, separators and line ends, brackets, a byte-order mark,
#: OFAC's empty marker and Ctrl-Z, invalid UTF-8, XML markup, long runs of nesting.
TOKENS = [
    b'"', b",", b"\t", b"\n", b"\r", b"\r\n", b"\x00", b"\x1a", b"\xef\xbb\xbf", b"\xff\xfe",
    b"[", b"]", b"{", b"}", b":", b"null", b"5", b"-0-", b"\x81", b"\xc3", b"<", b">", b"&",
    b"&amp;", b"<!DOCTYPE x>", b"]]>", b"[" * 40, b"{\"a\":" * 30, b";", b"\\", b"'",
]  # fmt: skip


def mutated(sample: bytes) -> st.SearchStrategy[bytes]:
    """`sample` with one to five edits, inserting this format's TOKENS among others."""
    return mutations.mutated(sample, TOKENS)


def random_body(header: bytes) -> st.SearchStrategy[bytes]:
    """A valid header over random bytes, so the loader itself (not detection) meets them."""
    return st.binary(max_size=400).map(lambda body: header + body)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=8,
)


@st.composite
def reshaped(draw: st.DrawFn, record: dict[str, object], keys: list[str]) -> dict[str, object]:
    """`record` with a few of its fields (or its properties) holding arbitrary JSON values."""
    result = json.loads(json.dumps(record))
    for _ in range(draw(st.integers(1, 3))):
        target = result
        props = result.get("properties")
        if isinstance(props, dict) and draw(st.booleans()):
            target = props
        target[draw(st.sampled_from(keys))] = draw(json_values)
    return result


CSL_KEYS = [*CSL_RECORD, "_id", "title", "remarks", "federal_register_notice"]
FTM_KEYS = [
    "id", "schema", "properties", "datasets", "caption", "name", "alias", "entity",
    "addressEntity", "full", "holder", "number", "startDate", "endDate", "country",
]  # fmt: skip

# --- the property -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    """One folder for the module's examples (pytest's tmp_path is per test, not per example)."""
    with tempfile.TemporaryDirectory(prefix="fuzz-lists-") as name:
        yield Path(name)


def _loads_or_refuses(path: Path, read: Callable[[Path], object] = load_list) -> None:
    """Read `path`: a result, or a ScreeningError on one line naming the file's folder,
    from a specific check; in bounded memory. Anything else fails the example."""
    tracemalloc.start()
    try:
        read(path)
    except (UnexpectedContentError, UnexpectedOwnershipError) as exc:
        raise AssertionError(f"no specific check met this content: {exc}") from exc
    except ScreeningError as exc:
        message = str(exc)
        assert len(message.splitlines()) == 1, message
        assert str(path.parent) in message, message
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert peak < PEAK_BYTES, f"{peak:,} bytes to read {path.stat().st_size:,}"


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name", list(SAMPLES))
def test_every_sample_is_valid(folder, name):
    """The samples the properties start from load, so mutations start from a real list."""
    snapshot = load_list(_write(folder, name, SAMPLES[name]))
    assert snapshot.entry_count >= 1


@pytest.mark.parametrize("name", list(SAMPLES))
@FUZZ
@given(data=st.data())
def test_mutated_list_file(folder, name, data):
    _loads_or_refuses(_write(folder, name, data.draw(mutated(SAMPLES[name]))))


@pytest.mark.parametrize(
    "header",
    [CSL_CSV.split(b"\n")[0] + b"\n", TARGETS_HEADER, CUSTOM_HEADER, DPL_HEADER,
     b'{"id": "x", "schema": "Person", "properties": {}}\n', b'[{"source": "S", "name": "N"}',
     b"<CONSOLIDATED_LIST>", b'1,"A",-0- ,"B",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'],
    ids=["csl-csv", "targets", "custom", "dpl", "ftm", "csl-json", "un-xml", "ofac"],
)  # fmt: skip
@FUZZ
@given(data=st.data())
def test_valid_header_over_random_bytes(folder, header, data):
    _loads_or_refuses(_write(folder, "list.dat", data.draw(random_body(header))))


@FUZZ
@given(raw=st.binary(max_size=600))
def test_raw_random_bytes(folder, raw):
    _loads_or_refuses(_write(folder, "list.dat", raw or b"x"))


@FUZZ
@given(records=st.lists(reshaped(CSL_RECORD, CSL_KEYS), min_size=1, max_size=3))
def test_csl_json_records_of_any_shape(folder, records):
    _loads_or_refuses(_write(folder, "csl.json", json.dumps({"results": records}).encode()))


@FUZZ
@given(
    entities=st.lists(
        st.sampled_from(FTM_ENTITIES).flatmap(lambda e: reshaped(e, FTM_KEYS)), max_size=6
    )
)
def test_ftm_entities_of_any_shape(folder, entities):
    # the first line must still look like FtM, or the file is not recognised as FtM at all
    lines = [json.dumps(FTM_ENTITIES[0])] + [json.dumps(e) for e in entities]
    _loads_or_refuses(_write(folder, "entities.ftm.json", "\n".join(lines).encode()))


@FUZZ
@given(data=st.data())
def test_ofac_set_with_damaged_companions(folder, data):
    """OFAC's set is read as one: any of its four files may be the damaged one."""
    ofac = folder / "ofac"
    ofac.mkdir(exist_ok=True)
    for name, sample in OFAC_SET.items():
        damaged = data.draw(st.booleans(), label=f"damage {name}")
        _write(ofac, name, data.draw(mutated(sample)) if damaged else sample)
    _loads_or_refuses(ofac / "sdn.csv")


@functools.cache
def _binary_ownership_samples() -> dict[str, bytes]:
    """The ownership sample as Parquet and as XLSX: the reader recognises both by content.
    Made once per session (an XLSX carries its time of writing; each example must start
    from the same bytes)."""
    import io

    import openpyxl
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [line.split(",") for line in OWNERSHIP.decode().splitlines()]
    table = pa.table({name: [r[i] for r in rows[1:]] for i, name in enumerate(rows[0])})
    parquet = io.BytesIO()
    pq.write_table(table, parquet, compression="NONE")
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    xlsx = io.BytesIO()
    book.save(xlsx)
    return {"parquet": parquet.getvalue(), "xlsx": xlsx.getvalue()}


@pytest.mark.parametrize("kind", ["parquet", "xlsx"])
@settings(FUZZ, max_examples=30)  # each costs a pyarrow or openpyxl parse
@given(data=st.data())
def test_ownership_file_in_a_binary_format(folder, kind, data):
    sample = _binary_ownership_samples()[kind]
    _loads_or_refuses(_write(folder, "ownership.csv", data.draw(mutated(sample))), read_ownership)


@FUZZ
@given(data=st.data())
def test_ownership_file(folder, data):
    header = OWNERSHIP.split(b"\n")[0] + b"\n"
    content = data.draw(
        mutated(OWNERSHIP) | random_body(header) | st.binary(max_size=400), label="content"
    )
    _loads_or_refuses(_write(folder, "ownership.csv", content or b"x"), read_ownership)
