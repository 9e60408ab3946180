"""Report formats for CI systems and reviewers: JUnit XML, SARIF, GitHub workflow commands,
Excel and HTML; validated against the published schemas where ../shared has them."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from screening.models import EntryStatus, Supplier
from screening.options import ReviewFiles, ScreenOptions
from screening.report import REPORTERS, ReportContext, write_report
from screening.report.github import escape_data, escape_property, render_github
from screening.report.groups import party_groups
from screening.report.html import render_html
from screening.report.junit import render_junit
from screening.report.sarif import FINGERPRINT_KEY, render_sarif, sarif_record
from screening.report.xlsx import HITS_COLUMNS, render_xlsx
from screening.screen import load_lists, screen_file

REPO = Path(__file__).resolve().parents[1]
SCHEMAS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "schemas"
SUPPLIERS = REPO / "fixtures" / "suppliers.csv"
OWNERSHIP = REPO / "fixtures" / "ownership.csv"
SAMPLE = REPO / "fixtures" / "lists" / "sample_csl.csv"
CHROMIUM = Path("/usr/bin/chromium")
DANGEROUS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)"]


@pytest.fixture(scope="module")
def result():
    """The fixture suppliers with ownership, on a date all rules are in force."""
    found, _ = screen_file(
        SUPPLIERS,
        load_lists([SAMPLE]),
        ScreenOptions(as_of=date(2026, 12, 1), show_from=80),
        files=ReviewFiles(ownership=OWNERSHIP),
    )
    return found


@pytest.fixture(scope="module")
def context():
    return ReportContext(input_path=SUPPLIERS, base_dir=REPO,
                         timestamp=datetime(2026, 12, 1, 9, 30, 5), hostname="ci-runner",
                         elapsed=1.25)  # fmt: skip


def odd_result(result):
    """The result with a skipped row and names that would be formulas or break markup."""
    findings = list(result.findings[: len(DANGEROUS) + 1])
    names = [*DANGEROUS, '<script>alert(1)</script> & "Co"\x01']
    findings = [
        replace(f, match=replace(f.match, supplier=replace(f.match.supplier, name=name)))
        for f, name in zip(findings, names, strict=True)
    ]
    skipped = (Supplier(row=result.rows, name="", input_id="V9999"),)
    return replace(result, findings=tuple(findings), skipped=skipped, ownership=())


def test_every_format_renders_from_the_result_alone(result):
    for name, reporter in REPORTERS.items():
        assert reporter(result), name


# --- JUnit --------------------------------------------------------------------------------


def test_junit_one_testcase_per_row_failures_and_properties(result, context):
    suite = ET.fromstring(render_junit(result, context))
    cases = suite.findall("testcase")
    assert len(cases) == result.rows == int(suite.get("tests"))
    assert cases[0].get("name") == "row 1: Huawei Technologies Co Ltd"
    assert cases[0].get("classname") == "fixtures/suppliers.csv"
    failing = [c for c in cases if c.find("failure") is not None]
    assert len(failing) == int(suite.get("failures")) > 0
    failure = cases[0].find("failure")
    assert "sample-el-015" in failure.get("message") and "in force" in failure.get("message")
    assert "84 FR 22961" in failure.text and "words in common" in failure.text
    props = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert props["as_of"] == "2026-12-01" and props["threshold"] == "85"
    assert props["list.sample_csl.csv.sha256"] == result.lists[0].sha256
    assert suite.get("timestamp") == "2026-12-01T09:30:05" and suite.get("hostname") == "ci-runner"
    # ownership findings fail their rows too: Delta Electronics (row 51) is held by Inspur
    assert "held by listed parties" in cases[50].find("failure").text


def test_junit_skipped_row_and_odd_names(result, context):
    text = render_junit(odd_result(result), context)
    suite = ET.fromstring(text)
    assert suite.get("skipped") == "1"
    assert suite.findall("testcase")[-1].find("skipped") is not None
    assert "<script>" not in text and "\x01" not in text


def test_junit_validates_against_the_schema(result, context):
    xmlschema = pytest.importorskip("xmlschema")
    if not (SCHEMAS / "JUnit.xsd").is_file():
        pytest.skip("shared/data/schemas/JUnit.xsd absent")
    schema = xmlschema.XMLSchema(SCHEMAS / "JUnit.xsd")
    for document in (render_junit(result, context), render_junit(odd_result(result)),
                     render_junit(result)):  # fmt: skip
        schema.validate(io.StringIO(document))


# --- SARIF --------------------------------------------------------------------------------


def test_sarif_results_levels_locations_and_fingerprints(result, context):
    log = sarif_record(result, context)
    run = log["runs"][0]
    assert run["tool"]["driver"]["name"] == "screen"
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert "EL" in rule_ids and "bis_affiliates" in rule_ids
    first = run["results"][0]
    assert first["level"] == "error" and first["ruleId"] == "EL"
    location = first["locations"][0]["physicalLocation"]
    assert location == {"artifactLocation": {"uri": "fixtures/suppliers.csv"},
                        "region": {"startLine": 2}}  # fmt: skip
    assert "sample-el-015" in first["message"]["text"] and "84 FR 22961" in first["message"]["text"]
    levels = {r["level"] for r in run["results"]}
    assert levels == {"error", "note"}  # removed listings and near misses are notes
    prints = [r["partialFingerprints"][FINGERPRINT_KEY] for r in run["results"]]
    assert len(set(prints)) == len(prints)
    assert rule_ids[first["ruleIndex"]] == "EL"


def test_sarif_fingerprint_survives_a_moved_row(result, context):
    def down(f):
        moved = f.match.supplier
        supplier = replace(moved, row=moved.row + 5, line=moved.line + 5)
        return replace(f, match=replace(f.match, supplier=supplier))

    moved = replace(result, findings=tuple(down(f) for f in result.findings))
    before = sarif_record(result, context)["runs"][0]["results"][0]
    after = sarif_record(moved, context)["runs"][0]["results"][0]
    assert before["partialFingerprints"] == after["partialFingerprints"]
    assert after["locations"][0]["physicalLocation"]["region"]["startLine"] == 7


def test_sarif_validates_against_the_schema(result, context):
    jsonschema = pytest.importorskip("jsonschema")
    path = SCHEMAS / "sarif-schema-2.1.0.json"
    if not path.is_file():
        pytest.skip("shared/data/schemas/sarif-schema-2.1.0.json absent")
    schema = json.loads(path.read_text(encoding="utf-8"))
    for log in (
        render_sarif(result, context),
        render_sarif(result),
        render_sarif(odd_result(result)),
    ):
        jsonschema.validate(json.loads(log), schema)


# RFC 3986 appendix A, the URI-reference rule, for the schema's "uri-reference" format
# (jsonschema checks it only with an optional package, which the project does not need).
_HEX = r"%[0-9A-Fa-f]{2}"
_PCHAR = rf"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|{_HEX})"
_SEGMENT, _SEGMENT_NZ_NC = rf"{_PCHAR}*", rf"(?:[A-Za-z0-9\-._~!$&'()*+,;=@]|{_HEX})+"
_AUTHORITY = rf"(?:(?:[A-Za-z0-9\-._~!$&'()*+,;=:]|{_HEX})*@)?(?:\[[0-9A-Fa-f:.vV]+\]|(?:[A-Za-z0-9\-._~!$&'()*+,;=]|{_HEX})*)(?::[0-9]*)?"  # noqa: E501
_ABEMPTY, _ROOTLESS = rf"(?:/{_SEGMENT})*", rf"{_PCHAR}+(?:/{_SEGMENT})*"
_TAIL = rf"(?:\?(?:{_PCHAR}|[/?])*)?(?:#(?:{_PCHAR}|[/?])*)?"
URI_REFERENCE = re.compile(
    rf"(?:[A-Za-z][A-Za-z0-9+\-.]*:(?://{_AUTHORITY}{_ABEMPTY}|/(?:{_ROOTLESS})?|{_ROOTLESS}|)"
    rf"|//{_AUTHORITY}{_ABEMPTY}|/(?:{_ROOTLESS})?|{_SEGMENT_NZ_NC}(?:/{_SEGMENT})*|){_TAIL}"
)


def _validate_sarif(log: dict) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    path = SCHEMAS / "sarif-schema-2.1.0.json"
    if not path.is_file():
        pytest.skip("shared/data/schemas/sarif-schema-2.1.0.json absent")
    checker = jsonschema.FormatChecker(formats=())
    checker.checks("uri-reference")(lambda text: bool(URI_REFERENCE.fullmatch(text)))
    schema = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(log, schema, format_checker=checker)


@pytest.mark.parametrize(
    "name",
    ["supplier list #2 (100% Ü).csv", "a:b.csv", "Lieferanten 2026/März.csv", "x%41.csv"],
)
def test_sarif_uri_is_percent_encoded_and_valid(result, tmp_path, name):
    # A space, "#", "%" or "Ü" written as is gave a broken URI, or another file's: "#2"
    # starts a fragment, "%41" reads as "A", "a:" as a scheme.
    context = ReportContext(input_path=tmp_path / name, base_dir=tmp_path)
    log = sarif_record(result, context)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    uri = uri["uri"]
    parts = urlsplit(uri)
    assert (parts.scheme, parts.query, parts.fragment) == ("", "", "")
    assert unquote(parts.path) == name and " " not in uri
    _validate_sarif(log)
    assert URI_REFERENCE.fullmatch("fixtures/suppliers.csv")  # the rule itself accepts...
    assert not URI_REFERENCE.fullmatch("supplier list #2 (100% Ü).csv")  # ...and refuses


def test_sarif_uri_of_a_file_outside_the_repository_is_an_encoded_file_uri(result, tmp_path):
    context = ReportContext(input_path=tmp_path / "my suppliers #1.csv", base_dir=REPO)
    log = sarif_record(result, context)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"].startswith("file:///")
    assert location["artifactLocation"]["uri"].endswith("/my%20suppliers%20%231.csv")
    _validate_sarif(log)


def test_sarif_and_github_point_at_the_line_a_row_starts_on(tmp_path):
    """A quoted cell spanning lines above a hit moved every annotation up: the line was
    computed as row + 1."""
    text = (
        "id,name,address\n"
        'V1,Acme Widgets,"Unit 5\nHarbour Road\nShenzhen"\n'
        "V2,Huawei Technologies Co Ltd,Shenzhen\n"
    )
    path = tmp_path / "suppliers.csv"
    path.write_text(text, encoding="utf-8")
    found, _ = screen_file(path, load_lists([SAMPLE]), ScreenOptions(as_of=date(2026, 12, 1)))
    (hit,) = [f for f in found.findings if f.match.supplier.input_id == "V2"][:1]
    assert hit.match.supplier.row == 2
    line = text.splitlines().index("V2,Huawei Technologies Co Ltd,Shenzhen") + 1
    assert line == 5
    context = ReportContext(input_path=path, base_dir=tmp_path)
    results = sarif_record(found, context)["runs"][0]["results"]
    lines = {
        r["properties"]["input_id"]: r["locations"][0]["physicalLocation"]["region"]["startLine"]
        for r in results
    }
    assert lines["V2"] == line
    annotations = render_github(found, context).splitlines()
    assert any(a.startswith(f"::error file=suppliers.csv,line={line},") for a in annotations)
    assert not any(",line=3," in a for a in annotations)


# --- GitHub workflow commands -------------------------------------------------------------


def test_github_escapes_as_the_runner_asks():
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_github_messages_carry_no_terminal_codes():
    assert escape_data("ACME \x1b[31mred\x1b]0;title\x07 \u202eLtd") == (
        "ACME \ufffd[31mred\ufffd]0;title\ufffd \ufffdLtd"
    )


def test_github_errors_and_notices_on_the_input_lines(result, context):
    lines = render_github(result, context).splitlines()
    parties = party_groups(result.findings, result.gate)
    assert len(parties) < len(result.findings)  # ZTE on the EL and the DPL is one party
    assert len(lines) == len(parties) + len(result.ownership)
    assert lines[0].startswith("::error file=fixtures/suppliers.csv,line=2,title=Row 1%3A Huawei")
    assert any(line.startswith("::notice ") for line in lines)
    assert all(line.count("::") == 2 for line in lines)  # nothing unescaped breaks a command


# --- Excel --------------------------------------------------------------------------------


def test_xlsx_hits_and_run_sheets_read_back(result):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(odd_result(result))))
    assert book.sheetnames == ["Hits", "Run"]
    hits = book["Hits"]
    header = [c.value for c in hits[1]]
    assert tuple(header) == HITS_COLUMNS
    assert all(c.font.bold for c in hits[1])
    assert hits.freeze_panes == "A2" and hits.auto_filter.ref.startswith("A1:")
    names = [hits.cell(row=r, column=header.index("input_name") + 1) for r in range(2, 6)]
    assert [c.value for c in names] == DANGEROUS
    assert all(c.data_type == "s" for c in names)  # text, not formulas
    run = {r[0]: r[1] for r in book["Run"].iter_rows(values_only=True) if r and r[0]}
    assert run["as_of"] == "2026-12-01" and run["threshold"] == 85 and run["fail_on"] == "pending"
    assert run["sample_csl.csv"] == str(SAMPLE)
    assert any(result.lists[0].sha256 in (c or "") for r in book["Run"].iter_rows(values_only=True)
               for c in r if isinstance(c, str))  # fmt: skip


def test_write_report_writes_bytes_atomically(tmp_path):
    target = tmp_path / "report.xlsx"
    write_report(target, b"PK\x03\x04")
    assert target.read_bytes() == b"PK\x03\x04"
    assert [p.name for p in tmp_path.iterdir()] == ["report.xlsx"]


# --- HTML ---------------------------------------------------------------------------------


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.tables: dict[str, int] = {}
        self._table = ""
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "table":
            self._table = attributes.get("id", "")
            self.tables[self._table] = 0
        if tag == "tr" and self._table:
            self.tables[self._table] += 1
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def test_html_is_self_contained_and_escaped(result, context):
    text = render_html(odd_result(result), context)
    page = _Page()
    page.feed(text)
    assert page.tables["hits"] == len(DANGEROUS) + 1 + 1  # header row + hits
    assert page.tables["lists"] == 2
    for tag, attributes in page.tags:
        assert "src" not in attributes, tag
        assert not (tag == "link"), "no external stylesheet"
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;" in text
    assert "sortable" in "".join(page.scripts) or "querySelectorAll" in "".join(page.scripts)
    assert result.lists[0].sha256 in text


def test_html_shows_ownership_findings(result, context):
    page = _Page()
    page.feed(render_html(result, context))
    assert page.tables["ownership"] == len(result.ownership) + 1


@pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium absent")
def test_html_rows_are_in_the_dom_of_headless_chromium(result, context, tmp_path):
    page = tmp_path / "report.html"
    page.write_text(render_html(result, context), encoding="utf-8")
    dom = subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout  # fmt: skip
    assert dom.count('<tr class="in_force') >= 1
    assert "Huawei Technologies Co Ltd" in dom
    assert shutil.which(str(CHROMIUM))


def test_statuses_have_colours():
    assert all(f".{s.value}{{" in render_html.__globals__["_STYLE"] for s in EntryStatus)
