"""Dates as the tool's own files and options write them: ISO 8601 calendar dates, YYYY-MM-DD.
One parser serves decisions, ownership files and rules, list timestamps and the command
line, so each says the same thing about a bad date."""

from __future__ import annotations

from datetime import date

from screening.errors import InputFileError, ScreeningError


def iso_date(
    value: str,
    where: str,
    error: type[ScreeningError] = InputFileError,
    *,
    leading: bool = False,
) -> date | None:
    """The date written in `value`, None when it is blank. `leading` reads only the first ten
    characters (a timestamp, or a date followed by an offset). Anything else is `error`, one
    line starting with `where` (a file and line, or an option)."""
    text = value.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10] if leading else text)
    except ValueError:
        raise error(f"{where}: {text!r} is not a date; write it as YYYY-MM-DD") from None
