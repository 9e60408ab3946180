"""Report formats for CI systems and reviewers: JUnit XML, SARIF, GitHub workflow commands,
Excel and HTML; validated against the published schemas where ../shared has them."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from screening.models import EntryStatus, Supplier
from screening.report import REPORTERS, ReportContext, write_report
from screening.report.github import escape_data, escape_property, render_github
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
    found, _ = screen_file(SUPPLIERS, load_lists([SAMPLE]), as_of=date(2026, 12, 1),
                           ownership=OWNERSHIP, show_from=80)  # fmt: skip
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
        supplier = replace(f.match.supplier, row=f.match.supplier.row + 5)
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


# --- GitHub workflow commands -------------------------------------------------------------


def test_github_escapes_as_the_runner_asks():
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_github_errors_and_notices_on_the_input_lines(result, context):
    lines = render_github(result, context).splitlines()
    assert len(lines) == len(result.findings) + len(result.ownership)
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
