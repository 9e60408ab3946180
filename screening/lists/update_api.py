"""`screen update` for the two sources reached through an API: the eCFR and the Federal
Register.

The eCFR versioner serves 15 CFR Part 744, and so the Entity List, as it stood on any
date, but takes no `current`: `update_el` asks titles.json for the latest date when none
is given, then downloads that version into its own snapshot, named by its date, with every
check `screening.lists.update` makes of a list (size floor, format, completeness, shrink,
manifest, atomic install). Several versions live side by side; `screening.lists.store`
picks the one in force on a run's `--as-of` date.

The Federal Register's documents API gives each BIS rule amending Part 744 with its pages,
publication date and effective date. `refresh_fr_rules` reads every page of it, merges
the documents into the packaged rules table (`screening.lists.fr_rules`) and installs the
result as `fr_rules.csv` in the data directory, in one step, for the eCFR loader to date
entries with. The packaged file is never written.

Both fetch through `screening.lists.update.Downloads`: timeouts, bounded retries, one
deadline per source, a size cap, redirects recorded with credentials removed.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from screening.errors import DownloadError, ListDataError
from screening.files import write_atomic
from screening.lists.ecfr_versions import (
    ECFR_API,
    PART744_MIN_BYTES,
    latest_issue_date,
    part744_url,
    titles_url,
)
from screening.lists.fr_rules import (
    FR_API_DOCUMENTS,
    FR_RULES_FILE,
    FrRule,
    fr_documents_url,
    load_fr_rules,
    merge_fr_rules,
    parse_fr_documents,
    read_fr_rules,
    render_fr_rules,
)
from screening.lists.store import PARTIAL_PREFIX, Manifest, remove_stale_partials
from screening.lists.update import (
    Downloads,
    NoticeCallback,
    ProgressCallback,
    Source,
    UpdateOptions,
    redact_url,
    update_source,
)

# Largest answer of either API accepted. titles.json lists some 50 titles in about 10 KB;
# a documents page of 1,000 rules with the eight fields asked for is under 1 MB. 16 MiB
# leaves room for both and stops a runaway body long before the lists' own cap.
API_ANSWER_MAX_BYTES = 16 * 2**20
# Most pages of documents read in one refresh. BIS has published a few hundred rules
# amending Part 744 since the API's records begin (1994): one page at 1,000 a page. Fifty
# pages is far past any real answer and stops a server whose next_page_url never ends.
MAX_FR_PAGES = 50

#: The sources `screen update` reaches through an API, with the official addresses; the
#: Entity List's `url` is the versioner's address, which `el_source` turns into the URL
#: of one date's version.
API_SOURCES: dict[str, Source] = {
    "el": Source(
        key="el",
        title="Entity List (eCFR, 15 CFR Part 744, Supplement No. 4)",
        url=ECFR_API,
        formats=("ecfr-xml",),
        min_bytes=PART744_MIN_BYTES,
    ),
}
#: The key of the Federal Register rules table, which is not a list.
FR_SOURCE = "fr"


def _check_address(url: str, option: str = "--url") -> None:
    if urlsplit(url).scheme not in ("http", "https"):
        raise DownloadError(f"{option} {redact_url(url)!r} is not an http(s) address")


def el_source(day: date, *, api: str | None = None) -> Source:
    """The Entity List as it stood on `day`, from the versioner at `api` (default the
    eCFR's): Part 744 of that date, saved as ecfr-part744-YYYY-MM-DD.xml, so every report
    naming the list names its version."""
    template = API_SOURCES["el"]
    base = api or template.url
    _check_address(base)
    return replace(
        template,
        url=part744_url(day, api=base),
        file_name=f"ecfr-part744-{day.isoformat()}.xml",
        version_date=day,
    )


def _answer_options(options: UpdateOptions) -> UpdateOptions:
    return replace(options, max_bytes=min(options.max_bytes, API_ANSWER_MAX_BYTES))


def latest_el_date(downloads: Downloads, folder: Path, *, api: str = ECFR_API) -> date:
    """The latest date the versioner serves title 15 for, from its titles.json (fetched
    into `folder`); DownloadError when the answer is not that list."""
    url = titles_url(api)
    target = folder / "titles.json"
    downloads.fetch(url, target, label="el: titles.json")
    try:
        return latest_issue_date(target.read_bytes())
    except ListDataError as exc:
        raise DownloadError(
            f"{redact_url(url)} did not give the eCFR's list of titles ({exc}); nothing was "
            "installed. Try again later, or give the date with --date"
        ) from None


def update_el(
    data_dir: Path,
    *,
    now: datetime,
    day: date | None = None,
    api: str | None = None,
    options: UpdateOptions | None = None,
    progress: ProgressCallback | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
    notice: NoticeCallback | None = None,
) -> Manifest:
    """Download the Entity List as it stood on `day` (default: the latest date the eCFR
    serves) into a snapshot of that version, and install it; return its manifest.

    The look-up of the latest date counts against the same deadline as the download.
    A version dated before the newest installed one is kept beside it, not in its place.
    """
    opts = options or UpdateOptions()
    base = api or API_SOURCES["el"].url
    _check_address(base)
    if day is None:
        started = clock()
        with (
            Downloads(_answer_options(opts), sleep=sleep, clock=clock, notice=notice) as downloads,
            tempfile.TemporaryDirectory(prefix="screen-ecfr-") as folder,
        ):
            day = latest_el_date(downloads, Path(folder), api=base)
        left = opts.deadline - (clock() - started)
        if left <= 0:
            raise DownloadError(
                f"the eCFR did not answer within the {opts.deadline:g} s deadline; try again "
                "later or raise --deadline. The lists in use were left unchanged"
            )
        opts = replace(opts, deadline=left)
    return update_source(
        el_source(day, api=base),
        data_dir,
        now=now,
        options=opts,
        progress=progress,
        sleep=sleep,
        clock=clock,
        notice=notice,
    )


@dataclass(frozen=True, slots=True)
class FrRefresh:
    """What a refresh of the Federal Register rules table did.

    `documents` the API gave over `pages` pages, the first asked for at `url` of the search
    at `api` (both with credentials removed); the table written at `path` holds `rules`
    rows, `added` of them new to the table used before and `changed` with other pages or
    dates than it gave. `warnings`: one sentence each, for the person running it.
    """

    path: Path
    api: str
    url: str
    pages: int
    documents: int
    rules: int
    added: int
    changed: int
    warnings: tuple[str, ...] = ()


def _read_pages(
    downloads: Downloads, first: str, folder: Path
) -> tuple[tuple[FrRule, ...], int, int | None]:
    """Every document of the search starting at `first`, the number of pages read and the
    count the API stated; DownloadError for an answer that is not the API's, a page loop
    or a count the pages fall short of."""
    url: str | None = first
    seen: set[str] = set()
    rules: list[FrRule] = []
    count: int | None = None
    while url is not None:
        if url in seen or len(seen) >= MAX_FR_PAGES:
            raise DownloadError(
                f"{redact_url(first)}: the pages of the answer did not end after {len(seen)} "
                "(a next_page_url loop?); the rules table was left unchanged"
            )
        seen.add(url)
        _check_address(url, "next_page_url")
        target = folder / f"page-{len(seen)}.json"
        downloads.fetch(url, target, label=f"fr: page {len(seen)}")
        try:
            page = parse_fr_documents(target.read_bytes(), where=redact_url(url))
        except ListDataError as exc:
            head = target.read_bytes()[:512].lstrip().lower()
            what = "an HTML page" if head.startswith((b"<!doctype html", b"<html")) else "not it"
            raise DownloadError(
                f"{redact_url(url)} did not give a Federal Register documents answer ({what}: "
                f"{exc}); the rules table was left unchanged"
            ) from None
        count = page.count if count is None else count
        rules.extend(page.rules)
        url = page.next_page_url
    return tuple(rules), len(seen), count


def _table_in_use(path: Path) -> tuple[tuple[FrRule, ...], tuple[FrRule, ...], list[str]]:
    """The rows a refresh starts from (the packaged table with the installed one's rows in
    it), the rows in use until now, and a warning when the installed one cannot be read."""
    packaged = load_fr_rules().rules
    if not path.is_file():
        return packaged, packaged, []
    try:
        installed = load_fr_rules(path).rules
    except ListDataError as exc:
        return (
            packaged,
            packaged,
            [f"the installed table could not be read, so it was rebuilt ({exc})"],
        )
    return merge_fr_rules(installed, packaged), installed, []


def _key(rule: FrRule) -> str:
    return rule.document_number or f"{rule.volume} FR {rule.first_page}"


def _differs(old: FrRule, new: FrRule) -> bool:
    return (old.first_page, old.last_page, old.published, old.effective) != (
        new.first_page,
        new.last_page,
        new.published,
        new.effective,
    )


def refresh_fr_rules(
    data_dir: Path,
    *,
    now: datetime,
    url: str | None = None,
    options: UpdateOptions | None = None,
    progress: ProgressCallback | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
    notice: NoticeCallback | None = None,
) -> FrRefresh:
    """Refresh the Federal Register rules table from the API's documents search at `url`
    (default the official one) and install it in `data_dir`; return what changed.

    Every page is read and checked before anything is written: each must be the API's
    documents answer, together they must hold at least as many documents as the API
    counted and at least one. The new table is the packaged one with the documents
    merged in (`merge_fr_rules`: the API's pages and dates, an effective date it leaves
    empty keeping the one on record) and with every row of the table installed before,
    so a refresh never loses a rule; it replaces the old file in one step.
    """
    opts = _answer_options(options or UpdateOptions())
    api = url or FR_API_DOCUMENTS
    _check_address(api)
    first = fr_documents_url(api=api)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DownloadError(
            f"cannot create the data directory {data_dir}: {exc.strerror}"
        ) from None
    remove_stale_partials(data_dir, now=now)
    with (
        Downloads(opts, progress=progress, sleep=sleep, clock=clock, notice=notice) as downloads,
        tempfile.TemporaryDirectory(prefix=PARTIAL_PREFIX, dir=data_dir) as folder,
    ):
        fetched, pages, count = _read_pages(downloads, first, Path(folder))
    numbers = {r.document_number for r in fetched}
    if not numbers or (count is not None and len(numbers) < count):
        raise DownloadError(
            f"{redact_url(first)} gave {len(numbers)} documents where the API counts "
            f"{count}, so the answer was cut short or the query found nothing; the rules "
            "table was left unchanged. Try again later or use --url with a mirror"
        )
    path = data_dir / FR_RULES_FILE
    base, before, warnings = _table_in_use(path)
    merged = merge_fr_rules(base, fetched)
    header = (
        "Federal Register rules: the table shipped with screening "
        "(screening/data/fr_rules.csv, which explains the columns), refreshed by "
        f"`screen update --source fr` at {now.isoformat()} from {redact_url(first)}: "
        f"{len(numbers)} documents in {pages} pages."
    )
    text = render_fr_rules(merged, header=header)
    if read_fr_rules(text, where=str(path)).rules != merged:  # the file must read back whole
        raise DownloadError(f"{path}: the refreshed table does not read back; not installed")
    write_atomic(path, text)
    old = {_key(r): r for r in before}
    added = sum(1 for r in merged if _key(r) not in old)
    changed = sum(1 for r in merged if _key(r) in old and _differs(old[_key(r)], r))
    return FrRefresh(
        path=path,
        api=redact_url(api),
        url=redact_url(first),
        pages=pages,
        documents=len(numbers),
        rules=len(merged),
        added=added,
        changed=changed,
        warnings=tuple(warnings),
    )
