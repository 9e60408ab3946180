"""The table of Federal Register rules and their effective dates, and the reader of the
Federal Register API's documents JSON that will refresh it (on a hand-written sample)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from screening.errors import ListDataError
from screening.lists.citations import parse_citations
from screening.lists.fr_rules import (
    FR_RULE_COLUMNS,
    FrRules,
    fr_documents_url,
    load_fr_rules,
    merge_fr_rules,
    parse_fr_documents,
    read_fr_rules,
    render_fr_rules,
)

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "lists" / "fr_documents_sample.json"
HEADER = ",".join(FR_RULE_COLUMNS)


@pytest.fixture(scope="module")
def packaged() -> FrRules:
    return load_fr_rules()


def test_the_packaged_table_holds_the_march_2025_pair_and_the_rules_design_names(packaged):
    rules = {r.document_number: r for r in packaged.rules}
    assert {"2025-05426", "2025-05427", "2025-19001", "2025-19846"} <= set(rules)
    march = rules["2025-05427"]
    assert (march.volume, march.first_page, march.last_page) == (90, 14046, 14052)
    assert (march.published, march.effective) == (date(2025, 3, 28), date(2025, 3, 25))
    unconfirmed = rules["2025-05426"]
    assert unconfirmed.published == date(2025, 3, 28)
    assert unconfirmed.effective is None and "NOT CONFIRMED" in unconfirmed.note
    assert rules["2025-19001"].effective == date(2025, 9, 29)
    assert all(r.source for r in packaged.rules)  # every row says where it was read


@pytest.mark.parametrize(
    ("citation", "document"),
    [
        ("90 FR 14046, 3/28/25", "2025-05427"),  # first page
        ("90 FR 14048, 3/28/25", "2025-05427"),  # the page the Entity List cites
        ("90 FR 14052, 3/28/25", "2025-05427"),  # last page
        ("90 FR 14053, 3/28/25", None),
        ("89 FR 14048, 3/28/24", None),  # same page, another volume
        ("90 FR 14035, 3/28/25", "2025-05426"),
    ],
)
def test_a_citation_finds_the_rule_whose_pages_hold_it(packaged, citation, document):
    (cited,) = parse_citations(citation)
    rule = packaged.rule_for(cited.volume, cited.page)
    assert (rule.document_number if rule else None) == document


def test_effective_dates_and_what_they_rest_on(packaged):
    def effective(text):
        (cited,) = parse_citations(text)
        return packaged.effective_date(cited)

    confirmed = effective("90 FR 14048, 3/28/25")
    assert (confirmed.day, confirmed.basis) == (date(2025, 3, 25), "effective")
    assert confirmed.describe() == "2025-03-25, the effective date of FR Doc 2025-05427"
    unconfirmed = effective("90 FR 14035, 3/28/25")
    assert (unconfirmed.day, unconfirmed.basis) == (date(2025, 3, 28), "unconfirmed")
    assert "FR Doc 2025-05426 is not confirmed" in unconfirmed.describe()
    unknown = effective("76 FR 71869, 11/21/11")
    assert (unknown.day, unknown.basis) == (date(2011, 11, 21), "publication")
    assert unknown.describe() == "2011-11-21, the publication date (no effective date on record)"
    undated = effective("73 FR 54508")
    assert (undated.day, undated.basis) == (None, "none")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            "2025-1,90,14046-14052,2025-03-28,2025-3-25,s,src,",
            "effective_date '2025-3-25' is not a date",
        ),
        ("2025-1,90,14052-14046,2025-03-28,,s,src,", "pages '14052-14046' end before they start"),
        ("2025-1,90,p. 14046,2025-03-28,,s,src,", "pages 'p. 14046' is not a page or a range"),
        ("2025-1,XC,14046,2025-03-28,,s,src,", "volume 'XC' is not a number"),
        ("2025-1,90,14046,,,s,src,", "publication_date is empty"),
        ("2025-1,90,14046,2025-03-28,,s,src,,extra", "not as many fields as the header"),
    ],
)
def test_a_malformed_table_row_is_one_line_naming_the_rule(row, message):
    with pytest.raises(ListDataError) as caught:
        read_fr_rules(f"# comment\n{HEADER}\n{row}\n", where="fr_rules.csv")
    assert str(caught.value).startswith("fr_rules.csv, rule 1: ")
    assert message in str(caught.value)


def test_a_table_missing_a_column_is_refused():
    with pytest.raises(ListDataError, match="missing"):
        read_fr_rules("document_number,volume\n1,2\n", where="x.csv")


def test_the_table_written_by_an_update_reads_back_the_same(packaged):
    text = render_fr_rules(packaged.rules, header="Refreshed from the Federal Register API")
    assert text.startswith("# Refreshed from the Federal Register API\n")
    assert read_fr_rules(text, where="refreshed").rules == packaged.rules


def test_the_api_answer_is_read_into_rules_with_its_next_page():
    page = parse_fr_documents(SAMPLE.read_bytes())
    assert page.count == 3
    assert (
        page.next_page_url
        == "https://www.federalregister.gov/api/v1/documents.json?page=2&per_page=3"
    )
    by_number = {r.document_number: r for r in page.rules}
    march = by_number["2025-05427"]
    assert (march.volume, march.first_page, march.last_page) == (90, 14046, 14052)
    assert (march.published, march.effective) == (date(2025, 3, 28), date(2025, 3, 25))
    assert march.subject == "Additions to the Entity List"
    assert march.source.startswith("https://www.federalregister.gov/documents/2025/03/28/")
    blank = by_number["0000-00001"]
    assert blank.effective is None and "no effective date" in blank.note


def test_a_single_document_and_an_empty_answer():
    document = json.loads(SAMPLE.read_text(encoding="utf-8"))["results"][1]
    (rule,) = parse_fr_documents(json.dumps(document)).rules
    assert rule.document_number == "2025-05427"
    empty = parse_fr_documents('{"count": 0, "description": "none", "total_pages": 0}')
    assert (empty.rules, empty.count, empty.next_page_url) == ((), 0, None)


def test_a_document_without_pages_takes_its_first_page_from_the_citation():
    (rule,) = parse_fr_documents(
        '{"document_number": "2025-1", "citation": "90 FR 14046", "publication_date": '
        '"2025-03-28", "effective_on": "2025-03-25"}'
    ).rules
    assert (rule.volume, rule.first_page, rule.last_page) == (90, 14046, 14046)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "not JSON"),
        ('{"results": {}}', "'results' is not a list"),
        ('{"results": [{"citation": "90 FR 1"}]}', "result 1: the document has no document_number"),
        (
            '{"results": [{"document_number": "2025-1", "publication_date": "2025-03-28", '
            '"citation": "90 F.R. page 1"}]}',
            "citation '90 F.R. page 1' is not 'NN FR PPPP'",
        ),
        (
            '{"results": [{"document_number": "2025-1", "publication_date": "2025-03-28", '
            '"start_page": 9, "end_page": 3}]}',
            "end_page 3 is before start_page 9",
        ),
        (
            '{"results": [{"document_number": "2025-1", "publication_date": "28/03/2025"}]}',
            "publication_date '28/03/2025' is not a date",
        ),
        ("[1, 2]", "neither a document search answer"),
    ],
)
def test_an_api_answer_of_another_shape_is_one_line_naming_the_document(text, message):
    with pytest.raises(ListDataError) as caught:
        parse_fr_documents(text)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_merging_a_refresh_keeps_confirmed_dates_the_api_leaves_empty(packaged):
    fetched = parse_fr_documents(SAMPLE.read_bytes()).rules
    no_date = replace(
        fetched[1], effective=None, note="the Federal Register API gives no effective date"
    )
    merged = {
        r.document_number: r
        for r in merge_fr_rules(packaged.rules, [fetched[0], no_date, fetched[2]])
    }
    assert merged["2025-05427"].effective == date(2025, 3, 25)  # kept from the table
    assert merged["2025-05427"].source.startswith("https://www.federalregister.gov/")  # refreshed
    assert merged["2025-19001"].subject.startswith("Expansion of End-User Controls")
    assert merged["0000-00001"].effective is None  # new, added
    assert merged["2025-05426"].effective is None  # untouched rows stay
    assert len(merged) == len(packaged.rules) + 1
    order = [(r.volume, r.first_page or 0) for r in merge_fr_rules(packaged.rules, fetched)]
    assert order == sorted(order)


def test_the_api_query_asks_for_bis_rules_on_part_744_and_the_fields_read():
    url = fr_documents_url(since=date(2025, 1, 1), page=2)
    query = parse_qs(urlsplit(url).query)
    assert url.startswith("https://www.federalregister.gov/api/v1/documents.json?")
    assert query["conditions[agencies][]"] == ["industry-and-security-bureau"]
    assert query["conditions[cfr][part]"] == ["744"]
    assert query["conditions[publication_date][gte]"] == ["2025-01-01"]
    assert query["page"] == ["2"]
    assert {"citation", "publication_date", "effective_on", "start_page", "end_page"} <= set(
        query["fields[]"]
    )


def test_a_fetched_document_replaces_the_row_known_only_by_its_pages(packaged):
    # The packaged Huawei row of 84 FR 22961 has no document number on record; a document
    # the API gives for those pages takes its place instead of standing beside it.
    (known,) = [r for r in packaged.rules if r.volume == 84 and r.first_page == 22961]
    assert known.document_number == ""
    fetched = replace(
        known,
        document_number="0000-00002",  # hand-written for this test, not the real number
        effective=None,
        source="https://example.invalid/0000-00002",
        note="",
    )
    merged = merge_fr_rules(packaged.rules, [fetched])
    assert len(merged) == len(packaged.rules)
    (rule,) = [r for r in merged if r.covers(84, 22963)]
    assert rule.document_number == "0000-00002" and rule.source.endswith("0000-00002")
    assert rule.effective == known.effective  # the API gave none: the one on record stays
    # a document of other pages leaves the row alone
    elsewhere = replace(fetched, first_page=30000, last_page=30001)
    assert len(merge_fr_rules(packaged.rules, [elsewhere])) == len(packaged.rules) + 1


def test_the_api_query_goes_to_a_mirror_when_given():
    url = fr_documents_url(api="http://127.0.0.1:8/api/v1/documents.json")
    assert url.startswith("http://127.0.0.1:8/api/v1/documents.json?conditions")
    keyed = fr_documents_url(api="https://mirror.example/documents.json?key=1")
    assert keyed.startswith("https://mirror.example/documents.json?key=1&conditions")
