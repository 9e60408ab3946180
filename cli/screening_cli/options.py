"""The options several commands share, declared once; each command module takes the ones it
needs. Defaults come from `screening.defaults`, the library's own, which imports nothing
else, so `screen --help` stays quick."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer


class FormatChoice(StrEnum):
    """Report formats on stdout or --output."""

    table = "table"
    json = "json"
    csv = "csv"
    junit = "junit"
    sarif = "sarif"
    github = "github"
    xlsx = "xlsx"
    html = "html"
    parquet = "parquet"


class FailOnChoice(StrEnum):
    """Listing statuses that fail the gate (exit code 1)."""

    any = "any"
    pending = "pending"
    in_force = "in-force"
    never = "never"


class EngineChoice(StrEnum):
    """Where a batch is screened."""

    local = "local"
    dask = "dask"


class TextFormatChoice(StrEnum):
    """Output of `screen history` and `screen diff`."""

    table = "table"
    json = "json"


ListOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--list",
        "-l",
        envvar="SCREEN_LIST",
        metavar="PATH",
        help="List file (CSL, OFAC CSV, DPL, UN XML, eCFR XML, OpenSanctions, custom CSV) or "
        "snapshot folder, or `sample` for the bundled sample; repeatable. Default: the "
        "installed lists (`screen update`).",
    ),
]
MaxAgeOption = Annotated[
    int,
    typer.Option(
        envvar="SCREEN_MAX_AGE_DAYS",
        metavar="DAYS",
        help="Largest age of a list in days, counted to --as-of (or today, if earlier): an "
        "older list fails a run nobody watches (exit 2) and warns at a terminal.",
    ),
]
AllowStaleOption = Annotated[
    bool,
    typer.Option(
        "--allow-stale",
        envvar="SCREEN_ALLOW_STALE",
        help="Screen against lists older than --max-age-days, or of unknown age, with a "
        "warning instead of failing.",
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        envvar="SCREEN_AS_OF",
        metavar="YYYY-MM-DD",
        help="Date on which listing status is judged. Default: today.",
    ),
]
ThresholdOption = Annotated[
    float,
    typer.Option(
        "--threshold",
        "-t",
        envvar="SCREEN_THRESHOLD",
        metavar="0-100",
        help="Score at or above which a match counts and can fail the gate.",
    ),
]
ShowFromOption = Annotated[
    float | None,
    typer.Option(
        "--show-from",
        metavar="0-100",
        min=0.0,
        max=100.0,
        help="Also report matches from this lower score, for review; they never fail the gate.",
    ),
]
FormatOption = Annotated[
    FormatChoice,
    typer.Option("--format", "-f", envvar="SCREEN_FORMAT", help="Report format."),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="PATH",
        help="Write the report to this file (atomically) instead of stdout.",
    ),
]
IncludeVesselsOption = Annotated[
    bool,
    typer.Option(
        "--include-vessels",
        help="Also match vessel and aircraft names (left out by default: they are not "
        "counterparties, and ship names such as VISTA or FREEDOM collide with company names).",
    ),
]
FailOnOption = Annotated[
    FailOnChoice,
    typer.Option(
        "--fail-on",
        envvar="SCREEN_FAIL_ON",
        help="Which listings fail the gate: any status, in force or pending "
        "(default), in force only, or never.",
    ),
]
OwnershipRulesOption = Annotated[
    Path | None,
    typer.Option(
        "--ownership-rules",
        metavar="FILE",
        help="Ownership rule windows (CSV) replacing or adding to the bundled ones "
        "(OFAC 50 Percent Rule, BIS Affiliates Rule).",
    ),
]
DataDirOption = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        envvar="SCREEN_DATA_DIR",
        metavar="PATH",
        help="Where downloaded list snapshots live. Default: the user data directory.",
    ),
]
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="SCREEN_DB",
        metavar="URL",
        help="Audit database (sqlite:///path or postgresql+psycopg://...). "
        "Default: audit.sqlite3 in the data directory.",
    ),
]
NoAuditOption = Annotated[
    bool,
    typer.Option(
        "--no-audit",
        envvar="SCREEN_NO_AUDIT",
        help="Do not record this run in the audit database.",
    ),
]


def skipped_types(include_vessels: bool) -> frozenset[str]:
    """The entry types left out of matching: none with --include-vessels."""
    from screening.defaults import SKIPPED_TYPES

    return frozenset() if include_vessels else SKIPPED_TYPES


#: Locale variables that name the interface language when nothing else does, in the order
#: GNU gettext (and Python's `gettext`) reads them: the first one set decides.
LOCALE_ENV = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def locale_language() -> tuple[str, str] | None:
    """The interface language the locale asks for, and the variable that says so: the
    first of `LOCALE_ENV` that is set (LANGUAGE may list several: the first the tool has),
    or None when it names no language of the tool's (C, POSIX, fr_FR...)."""
    from screening.i18n import language_of

    for name in LOCALE_ENV:
        value = os.environ.get(name, "").strip()
        if not value:
            continue
        for tag in value.split(":") if name == "LANGUAGE" else [value]:
            if language := language_of(tag):
                return language, name
        if name != "LANGUAGE":
            return None
    return None


def interface_language(value: str | None) -> str:
    """The language of a command's output: `--lang` (or SCREEN_LANG, or the config file's
    `lang`, which Click has already put in `value`), else the locale's, else English."""
    from screening.i18n import DEFAULT_LANGUAGE, LANGUAGES, language_of

    if value is not None and value.strip():
        language = language_of(value)
        if language is None:
            raise typer.BadParameter(
                f"{value!r} is not a language of the interface; use one of {', '.join(LANGUAGES)}"
            )
        return language
    found = locale_language()
    return found[0] if found else DEFAULT_LANGUAGE


def _use_language(ctx: Any, param: Any, value: str | None) -> str | None:
    """Set the interface language before the command's other options are read, so that
    their errors are in it too."""
    from screening.i18n import set_language

    set_language(interface_language(value))
    return value


LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        envvar="SCREEN_LANG",
        metavar="LANG",
        is_eager=True,
        callback=_use_language,
        help="Language of the output people read: en or zh (Simplified Chinese). Default: "
        "the config file's lang, else the locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else "
        "en. Report fields for programs (JSON, CSV) stay English.",
    ),
]


class TableView(StrEnum):
    """What one line of the table report stands for."""

    ROWS = "rows"  # an input row: its verdict and the party it comes from (screen FILE)
    PARTIES = "parties"  # a listed party met by a row, its listings grouped (screen lookup)
    HITS = "hits"  # one listing met under one name (--all-hits)


#: The library's `screening.monitor.notify` defaults, written here so that `screen --help`
#: does not import the HTTP client (tests/cli/test_watch_cli.py checks they agree).
WEBHOOK_TIMEOUT_S = 10.0
WEBHOOK_ATTEMPTS = 4


# --- reading a supplier file and reviewing its hits (screen FILE, screen watch add) -------

JobsOption = Annotated[
    int | None,
    typer.Option(
        metavar="N",
        envvar="SCREEN_JOBS",
        help="Processes for large files (over 1,000 rows). Default: one per core.",
    ),
]
DecisionsOption = Annotated[
    Path | None,
    typer.Option(
        metavar="FILE",
        envvar="SCREEN_DECISIONS",
        help="Reviewers' decisions (CSV), read at each run: a false positive there no longer "
        "fails the gate while its decision holds. `screen review` adds to it.",
    ),
]
BaselineOption = Annotated[
    Path | None,
    typer.Option(
        metavar="REPORT",
        help="An earlier `--format json` report: hits already in it do not fail the gate.",
    ),
]
SheetOption = Annotated[
    str | None,
    typer.Option(metavar="NAME", help="Sheet of an XLSX file to read. Default: the first."),
]
NameColumnOption = Annotated[
    str | None,
    typer.Option(
        metavar="COLUMN", help="Column holding the names. Default: detected from the header."
    ),
]
CountryColumnOption = Annotated[
    str | None,
    typer.Option(
        metavar="COLUMN", help="Column holding the country. Default: detected from the header."
    ),
]
IdColumnOption = Annotated[
    str | None,
    typer.Option(
        metavar="COLUMN",
        help="Column holding your own id of each row (which also tells a changed row from a "
        "new one). Default: detected from the header.",
    ),
]
EncodingOption = Annotated[
    str | None,
    typer.Option(
        metavar="ENCODING",
        help="Text encoding of FILE. Default: UTF-8, else detected (GB18030, cp1252...).",
    ),
]
