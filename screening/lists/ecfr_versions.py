"""The eCFR versioner API, for `screen update --source el`: which URL serves Part 744 as it
stood on a date, which date is the latest, and which installed version was in force on a
date (`screen FILE --as-of DATE`).

The versioner serves a title's text as of any date
(`/api/versioner/v1/full/{YYYY-MM-DD}/title-15.xml?part=744`); it does not accept `current`,
so the latest date is read from `/api/versioner/v1/titles.json` (`up_to_date_as_of`). Both
forms are documented in ../shared/data/bis/ecfr_docs/ (the entity-explorer notes and the
versioner's OpenAPI description).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import TypeVar

from screening.errors import ListDataError
from screening.lists.base import shown

ECFR_API = "https://www.ecfr.gov/api/versioner/v1"
#: A size floor for a downloaded Part 744: the XML is about 2.5 MB (reported in
#: ../shared/data/bis/ecfr_docs/README.md) and most of it is the Supplement's 3,400-odd
#: rows, so anything under 1 MB is an error page or a cut-off download, not the list.
PART744_MIN_BYTES = 1_000_000


def part744_url(day: date, *, supplement_only: bool = False, api: str = ECFR_API) -> str:
    """The versioner URL of Part 744 as it stood on `day` (`current` is not accepted).

    The whole Part is asked for by default, the form both documents describe; with
    `supplement_only`, the `appendix` parameter (documented in the OpenAPI description)
    narrows it to Supplement No. 4. `api` is the versioner's address, or a mirror's.
    """
    url = f"{api.rstrip('/')}/full/{day.isoformat()}/title-15.xml?part=744"
    return url + "&appendix=Supplement%20No.%204%20to%20Part%20744" if supplement_only else url


def titles_url(api: str = ECFR_API) -> str:
    """The versioner's list of titles, with the date each is up to date as of."""
    return f"{api.rstrip('/')}/titles.json"


#: The list of titles with the date each is up to date as of.
ECFR_TITLES_URL = titles_url()


def latest_issue_date(data: bytes | str, *, title: int = 15) -> date:
    """The date title 15 is up to date as of, from the versioner's titles.json
    (`up_to_date_as_of`), the latest date the full-text URL accepts."""
    where = "eCFR titles.json"
    try:
        payload = json.loads(data)
    except (ValueError, RecursionError) as exc:
        raise ListDataError(f"{where}: not JSON ({shown(str(exc))})") from None
    titles = payload.get("titles") if isinstance(payload, dict) else None
    if not isinstance(titles, list):
        raise ListDataError(f"{where}: no 'titles' list")
    for entry in titles:
        if isinstance(entry, dict) and entry.get("number") == title:
            value = entry.get("up_to_date_as_of") or entry.get("latest_issue_date")
            try:
                return date.fromisoformat(str(value))
            except ValueError:
                raise ListDataError(
                    f"{where}: title {title} has no date 'up_to_date_as_of' ({shown(str(value))})"
                ) from None
    raise ListDataError(f"{where}: title {title} is not listed")


T = TypeVar("T")


def version_in_force(versions: Mapping[date, T], as_of: date) -> tuple[date, T] | None:
    """The version dated on or before `as_of` that is latest: the list as it stood then.
    None when every version is dated after `as_of`."""
    earlier = [day for day in versions if day <= as_of]
    if not earlier:
        return None
    day = max(earlier)
    return day, versions[day]
