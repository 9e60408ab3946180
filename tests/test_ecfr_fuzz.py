"""Property-based tests of the eCFR Entity List loader and the text parsers under it:
whatever the bytes or the cell text, a snapshot or one ScreeningError line naming the
file, never another exception (nor the loaders' last-line-of-defence error)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import mutations
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screening.errors import ListDataError, ScreeningError
from screening.lists import load_list
from screening.lists.base import UnexpectedContentError
from screening.lists.citations import parse_citations
from screening.lists.ecfr_entity import split_entity_cell
from screening.lists.ecfr_license import read_license_requirement

#: Bounded like tests/test_fuzz_lists.py: 60 derandomised examples per property, a deadline
#: that only catches a hang.
FUZZ = settings(
    max_examples=60,
    deadline=timedelta(seconds=5),
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<DIV5 N="744" TYPE="PART">'
    b'<DIV9 N="Supplement No. 4 to Part 744" TYPE="APPENDIX"><TABLE><THEAD><TR><TH>Country</TH>'
    b"<TH>Entity</TH><TH>License requirement</TH><TH>License review policy</TH>"
    b"<TH>Federal Register citation</TH></TR></THEAD><TBODY>"
)
SAMPLE = (
    HEAD
    + (
        "<TR><TD>IRAN</TD><TD>Example Co., a.k.a., the following two aliases: —EC; and —Co "
        "Example. 1 Port Road, Bandar Abbas, Iran; and 2 Dock Street, Bushehr, Iran.</TD>"
        "<TD>For all items subject to the EAR. (See §§ 734.9(g),<SU>3</SU> and 744.11 of the "
        "EAR)</TD><TD>Presumption of denial.</TD>"
        "<TD>81 FR 12006, 3/8/16. 83 FR 1, 1/2/18.</TD></TR>"
        "<TR><TD/><TD>Example Person, 5 Main Road, Tehran, Iran.</TD><TD>For all items.</TD>"
        "<TD>Case by case.</TD><TD>90 FR 14048,\n3/28/25</TD></TR>"
        "</TBODY></TABLE></DIV9></DIV5>"
    ).encode()
)

TOKENS = [
    b"<", b">", b"&", b"&amp;", b"</TD>", b"<TD>", b"<TR>", b"</TR>", b"<SU>9</SU>", b"<SU>x</SU>",
    b"<!DOCTYPE x [<!ENTITY a 'b'>]>", b"\x00", b"\xff", b"\xc3", b";", b"\xe2\x80\x94", b"(",
    b")", b"a.k.a., the following 0 aliases:", b" FR ", b"13/45/99", b"/", b"[Reserved]",
]  # fmt: skip


def mutated(sample: bytes) -> st.SearchStrategy[bytes]:
    """`sample` with one to five edits, inserting this format's TOKENS among others."""
    return mutations.mutated(sample, TOKENS)


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="fuzz-ecfr-") as name:
        yield Path(name)


def loads_or_refuses(path: Path) -> None:
    try:
        load_list(path)
    except UnexpectedContentError as exc:
        raise AssertionError(f"no specific check met this content: {exc}") from exc
    except ScreeningError as exc:
        assert len(str(exc).splitlines()) == 1 and str(path.parent) in str(exc), str(exc)


def test_the_sample_is_valid(folder):
    path = folder / "part744.xml"
    path.write_bytes(SAMPLE)
    assert load_list(path).entry_count == 2


@FUZZ
@given(data=st.data())
def test_mutated_part_744(folder, data):
    path = folder / "part744.xml"
    path.write_bytes(data.draw(mutated(SAMPLE)))
    loads_or_refuses(path)


@FUZZ
@given(body=st.binary(max_size=400))
def test_the_supplement_header_over_random_bytes(folder, body):
    path = folder / "part744.xml"
    path.write_bytes(HEAD + body)
    loads_or_refuses(path)


#: Cell text built from the pieces the real cells are made of, so the parsers' rules meet.
CELL_TEXT = st.lists(
    st.sampled_from(
        [*"aA1 .,;:()—-–/#&", "a.k.a.", " the following two aliases: ", " FR ", "No. ",
         "Subordinate institution ", "Co.", "12/5/24", "83 FR 1", "(See x)"]
    ),
    max_size=30,
).map("".join)  # fmt: skip


@FUZZ
@given(text=CELL_TEXT)
def test_any_entity_cell_splits_without_error_and_invents_no_text(text):
    cell = split_entity_cell(text, "Iran")
    flat = " ".join(text.split())
    for part in (cell.name, *cell.aliases, *cell.addresses, *cell.notes):
        assert part in flat


@FUZZ
@given(text=CELL_TEXT)
def test_any_citation_cell_parses_or_is_refused_in_one_line(text):
    try:
        cited = parse_citations(text, where="cell")
    except ListDataError as exc:
        assert str(exc).startswith("cell: ") and "\n" not in str(exc)
    else:
        assert "".join(c.text for c in cited) == (text if cited else "")


@FUZZ
@given(text=CELL_TEXT)
def test_any_license_text_keeps_its_words(text):
    license = read_license_requirement(text)
    assert all(n in range(1, 6) for n in license.footnotes)
    assert len(license.text) <= len(" ".join(text.split()))
