"""License requirement footnotes: marked by the XML or written as bare digits in copied
text, kept in place as superscripts, explained; checked on every real entry."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from screening.lists.ecfr_license import FOOTNOTES, read_license_requirement

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
REAL_LIST = DATA / "bis" / "ecfr_entity_list_2026-07-09.json"


@pytest.mark.parametrize(
    ("text", "shown", "footnotes"),
    [
        (
            "For all items subject to the EAR. (See §§ 734.9(e)(2) and 744.11 of the EAR) 4",
            "For all items subject to the EAR. (See §§ 734.9(e)(2) and 744.11 of the EAR)⁴",
            (4,),
        ),
        (
            "For all items subject to the EAR. (See §§ 734.9(g),3 746.8(a)(3), and 744.21(b) of "
            "the EAR)",
            "For all items subject to the EAR. (See §§ 734.9(g),³ 746.8(a)(3), and 744.21(b) of "
            "the EAR)",
            (3,),
        ),
        (
            "For all items subject to the EAR, see §§ 734.9(e) 1 and 744.11 of the EAR 2",
            "For all items subject to the EAR, see §§ 734.9(e)¹ and 744.11 of the EAR²",
            (1, 2),
        ),
        (  # numbers that are no footnotes stay as they are
            "For all items subject to the EAR. (See §§ 744.8(b), 744.11, 734.9(g),3 746.8(a)(3), "
            "and 744.21(b) of the EAR). This license requirement may be overcome by License "
            "Exception GOV under § 740.11(b)(2) and (e)",
            "For all items subject to the EAR. (See §§ 744.8(b), 744.11, 734.9(g),³ 746.8(a)(3), "
            "and 744.21(b) of the EAR). This license requirement may be overcome by License "
            "Exception GOV under § 740.11(b)(2) and (e)",
            (3,),
        ),
        ("For all items subject to the EAR. (See § 744.11 of the EAR)", None, ()),
    ],
)
def test_bare_footnote_digits_of_copied_text(text, shown, footnotes):
    license = read_license_requirement(text)
    assert license.text == (shown or text)
    assert license.footnotes == footnotes


def test_footnotes_marked_by_the_xml_are_taken_as_marked():
    license = read_license_requirement(
        "For all items subject to the EAR (See §§ 734.9(e)(3))⁵", (5,)
    )
    assert license.footnotes == (5,)
    (said,) = license.explanations()
    assert said.startswith("Footnote 5 (15 CFR 734.9(e)(3), Entity List FDP rule, footnote 5): ")


def test_every_footnote_1_to_5_has_an_entry_and_an_unknown_one_is_named():
    assert sorted(FOOTNOTES) == [1, 2, 3, 4, 5]
    assert all(FOOTNOTES[n].section for n in FOOTNOTES)
    assert read_license_requirement("x (a)", (7,)).explanations() == (
        "Footnote 7: not one of the footnotes this version knows (1-5)",
    )


@pytest.mark.shared_data
def test_real_license_requirements_footnotes_and_the_sections_they_go_with():
    """On the 3,409 entries: each footnote found goes with its section of 15 CFR 734.9,
    and no digit of any other entry is taken for a footnote."""
    if not REAL_LIST.is_file():
        pytest.skip("../shared/data/bis/ecfr_entity_list_2026-07-09.json not present")
    entities = json.loads(REAL_LIST.read_text(encoding="utf-8"))["entities"]
    seen: Counter[tuple[int, ...]] = Counter()
    for entity in entities:
        license = read_license_requirement(entity["notes"] or "")
        seen[license.footnotes] += 1
        text = license.text
        if license.footnotes == (3,):
            assert "734.9(g)" in text
        elif license.footnotes == (4,):
            assert "734.9(e)" in text
        elif license.footnotes == (5,):
            assert "734.9(e)(3)" in text and "734.4(a)(9)" in text
        elif license.footnotes == (1, 2):
            assert "734.9(e)¹" in text
        else:
            assert license.footnotes == () and "734.9(" not in text
    assert seen == Counter({(): 2394, (3,): 773, (1, 2): 130, (4,): 96, (5,): 16})
