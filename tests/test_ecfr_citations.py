"""Federal Register citation cells of the Entity List: every written form, and all 3,409 real
cells of a complete 2026 copy of the list parsed without loss."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from screening.errors import ListDataError
from screening.lists.citations import parse_citations

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
REAL_LIST = DATA / "bis" / "ecfr_entity_list_2026-07-09.json"


def squeeze(text: str) -> str:
    return "".join(text.split())


def test_the_first_citation_is_the_listing_and_dates_are_publication_dates():
    cited = parse_citations("76 FR 71869, 11/21/11. 83 FR 12345, 3/2/18.")
    assert [(c.volume, c.page, c.published) for c in cited] == [
        (76, 71869, date(2011, 11, 21)),
        (83, 12345, date(2018, 3, 2)),
    ]
    assert cited[0].describe() == "76 FR 71869 (published 2011-11-21)"
    assert "".join(c.text for c in cited) == "76 FR 71869, 11/21/11. 83 FR 12345, 3/2/18."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a line break between page and date, and between citations (copied text)
        ("77 FR 23116\n4/18/12", [(77, 23116, date(2012, 4, 18))]),
        # citations separated by a comma instead of a period
        (
            "77 FR 61249, 10/9/12, 78 FR 75463, 12/12/13",
            [(77, 61249, date(2012, 10, 9)), (78, 75463, date(2013, 12, 12))],
        ),
        # no comma between page and date; a four-digit year
        ("85 FR 83421 12/22/2020", [(85, 83421, date(2020, 12, 22))]),
        # leading zeros; a 1990s two-digit year
        (
            "63 FR 64322,\n11/19/98.\n65 FR 14444,\n03/17/00.",
            [(63, 64322, date(1998, 11, 19)), (65, 14444, date(2000, 3, 17))],
        ),
        # a citation without a date, last or between dated ones
        ("86 FR 67319", [(86, 67319, None)]),
        (
            "73 FR 54508 9/22/08.\n73 FR 74001 12/5/08.\n74 FR 8184",
            [(73, 54508, date(2008, 9, 22)), (73, 74001, date(2008, 12, 5)), (74, 8184, None)],
        ),
        # the eCFR web page's link text between page and date
        ("81 FR 61601 preview citation details, 9/7/16", [(81, 61601, date(2016, 9, 7))]),
        # a trailing comma after a date before the next citation
        (
            "84 FR 29373, 6/24/19,\n87 FR 38925, 6/30/22.",
            [(84, 29373, date(2019, 6, 24)), (87, 38925, date(2022, 6, 30))],
        ),
        ("", []),
    ],
)
def test_every_written_form_is_read(text, expected):
    cited = parse_citations(text)
    assert [(c.volume, c.page, c.published) for c in cited] == expected
    assert "".join(c.text for c in cited) == (text if cited else "")


def test_a_year_that_disagrees_with_the_volume_is_kept_as_written_and_flagged():
    # The one real case: volume 83 is 2018, the date says 2019.
    (cited,) = parse_citations("83 FR 61541, 11/13/19")
    assert cited.published == date(2019, 11, 13)
    assert "2019 disagrees with volume 83" in cited.issue
    (right,) = parse_citations("84 FR 61541, 11/13/19")
    assert right.issue == ""


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("76 FR 71869, 11/21/11. See also 77 FR 1", "See also 77 FR 1"),
        ("Removed 76 FR 71869", "Removed 76 FR 71869"),
        ("76 FR 71869, 13/40/11.", "13/40/11"),
    ],
)
def test_text_that_is_no_citation_is_refused_in_one_line_naming_the_place(text, fragment):
    with pytest.raises(ListDataError) as caught:
        parse_citations(text, where="list.xml, table row 7, Federal Register citation")
    message = str(caught.value)
    assert message.startswith("list.xml, table row 7, Federal Register citation: ")
    assert fragment in message and "\n" not in message


@pytest.mark.shared_data
def test_all_real_citation_cells_parse_without_loss():
    """Every `federal_register` cell of the 3,409 entries: each citation found (one per
    "NN FR" in the text), and the parsed parts joined give the text back."""
    if not REAL_LIST.is_file():
        pytest.skip("../shared/data/bis/ecfr_entity_list_2026-07-09.json not present")
    entities = json.loads(REAL_LIST.read_text(encoding="utf-8"))["entities"]
    assert len(entities) == 3409
    citations = undated = 0
    flagged = []
    for number, entity in enumerate(entities, start=1):
        text = entity["federal_register"]
        cited = parse_citations(text, where=f"entity {number}")
        assert cited, text
        assert squeeze("".join(c.text for c in cited)) == squeeze(text)
        assert len(cited) == len(re.findall(r"\bFR\b", text)), text
        citations += len(cited)
        undated += sum(1 for c in cited if c.published is None)
        flagged += [c.reference for c in cited if c.issue]
    assert citations == 3746
    assert undated == 3  # "86 FR 67319", "73 FR 54508", "74 FR 8184"
    assert flagged == ["83 FR 61541"]
