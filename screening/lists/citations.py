"""Federal Register citations as the Entity List writes them, parsed without loss.

The last column of Supplement No. 4 to Part 744 lists every rule that touched an entry:
`76 FR 71869, 11/21/11. 83 FR 12345, 3/2/18.` The first citation is the rule that put the
entry on the list, the later ones amended it. Each gives the page of the rule where the
entry's text stands (not always the rule's first page) and the rule's PUBLICATION date,
which can differ from the date the rule took effect (see `screening.lists.fr_rules`).

The column was typed by hand over three decades, and copies of it have passed through text
extraction, so the parser accepts the variants found in all 3,409 citation cells of a
complete copy of the list (tests/test_ecfr_citations.py): citations separated by ". ",
", ", a line break or nothing; a comma or only a space between page and date; two- and
four-digit years, with or without leading zeros; a citation with no date; and the words
"preview citation details" that the eCFR web page puts after each page link. Anything
else is refused with one line quoting the text, never skipped: a citation dropped without
a word would move an entry's listing date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from screening.errors import ListDataError
from screening.lists.base import shown

#: The Federal Register's volume N covers the calendar year 1935 + N (volume 1 is 1936,
#: volume 90 is 2025); a two-digit year is read in the century the volume gives.
FR_VOLUME_YEAR_OFFSET = 1935

#: When the volume and a two-digit year disagree (one real citation does: "83 FR 61541,
#: 11/13/19"), the year alone decides: 97-99 are 1997-1999, the rest 2000-2096. The Entity
#: List began in February 1997 (62 FR 4910), so it cites nothing older.
TWO_DIGIT_YEAR_PIVOT = 97

#: Words the eCFR web page shows after each citation's page link; text copied from the
#: page carries them ("81 FR 61601 preview citation details, 9/7/16").
WEB_PAGE_NOTE = "preview citation details"

# One citation and everything up to the next: volume, "FR", page, then optionally the web
# page's note and a date, then the separators that end it.
_CITATION = re.compile(
    r"(?P<head>(?P<volume>\d{1,3})\s*F\.?\s?R\.?\s*(?P<page>\d{1,6}))"
    r"(?P<gap>[\s,]*)"
    rf"(?:(?P<note>{re.escape(WEB_PAGE_NOTE)})(?P<gap2>[\s,]*))?"
    r"(?P<date>(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4}|\d{2})(?!\d))?"
    r"(?P<end>[\s.,;]*)"
)


@dataclass(frozen=True, slots=True)
class FrCitation:
    """One citation of the column, in the parts it was written with.

    Joining `text` of every citation of a cell gives the cell back exactly; `published` is
    the date as written (None when the citation has none), and `issue` says what looked
    wrong about it (the year disagreeing with the volume), or is empty.
    """

    volume: int
    page: int
    published: date | None
    text: str  # the citation as written, with the separators after it
    date_text: str = ""  # "11/21/11" as written, or ""
    issue: str = ""

    @property
    def reference(self) -> str:
        """The citation in its usual form: "76 FR 71869"."""
        return f"{self.volume} FR {self.page}"

    def describe(self) -> str:
        """The citation with its date, labelled for what it is: the publication date."""
        when = f"published {self.published.isoformat()}" if self.published else "no date given"
        return f"{self.reference} ({when})"


def _year(volume: int, written: str) -> tuple[int, str]:
    """The four-digit year of a citation's date, and what disagreed (or "")."""
    expected = FR_VOLUME_YEAR_OFFSET + volume
    if len(written) == 4:
        year = int(written)
    elif expected % 100 == int(written):
        return expected, ""
    else:
        short = int(written)
        year = (1900 if short >= TWO_DIGIT_YEAR_PIVOT else 2000) + short
    if year == expected:
        return year, ""
    return year, (
        f"the year {year} disagrees with volume {volume} (published in {expected}); "
        "the date is taken as written"
    )


def parse_citations(text: str, *, where: str = "citation") -> tuple[FrCitation, ...]:
    """Every citation of a Federal Register citation cell, in order, losing nothing.

    Raises ListDataError naming `where` when any part of the text is not a citation, or a
    date is not a calendar date. An empty cell has no citations.
    """
    if not text.strip():
        return ()
    found: list[FrCitation] = []
    position = len(text) - len(text.lstrip())
    leading = text[:position]
    while position < len(text):
        match = _CITATION.match(text, position)
        if match is None:
            rest = text[position:]
            raise ListDataError(
                f"{where}: '{shown(rest.strip())}' is not a Federal Register citation "
                "(expected the form '76 FR 71869, 11/21/11')"
            )
        volume, page = int(match["volume"]), int(match["page"])
        published: date | None = None
        issue = ""
        if match["date"]:
            year, issue = _year(volume, match["year"])
            try:
                published = date(year, int(match["month"]), int(match["day"]))
            except ValueError:
                raise ListDataError(
                    f"{where}: '{match['date']}' in '{shown(match[0].strip())}' is not a "
                    "date (month/day/year)"
                ) from None
        found.append(
            FrCitation(
                volume=volume,
                page=page,
                published=published,
                text=(leading if not found else "") + match[0],
                date_text=match["date"] or "",
                issue=issue,
            )
        )
        position = match.end()
    return tuple(found)


def normalized(text: str) -> str:
    """A citation cell with its line breaks and runs of spaces made single spaces."""
    return " ".join(text.split())
