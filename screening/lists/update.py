"""Download the official list files into a new snapshot, safely.

Each source is fetched into a `.partial-*` directory beside its snapshots, with a timeout,
an overall deadline, a size cap and bounded retries (exponential backoff) on network errors
and 5xx/429 answers. Compressed bodies are decoded here, a bounded piece at a time, so a
gzip bomb stops at the cap instead of filling the disk. A file that comes back short (the
connection dropped), too small, in the wrong format (an HTML error page) or cut short by the
publisher's own signs (OFAC's end-of-file byte, a CSV's last line break, a JSON record
count) fails the update before anything is installed, and so does a list that lost more
entries than a real update does. Only a complete, checked set of files is renamed into
place, with a manifest of its hashes and final addresses (credentials removed). The
snapshot in use is never written to, so a failed or interrupted update leaves it exactly as
it was.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

import httpx

from screening.defaults import DEADLINE_SECONDS, MAX_FILE_BYTES
from screening.errors import DownloadError, ListDataError
from screening.files import file_sha256, write_atomic
from screening.lists import detect_format, files_sha256, load_list
from screening.lists.store import (
    MANIFEST,
    PARTIAL_PREFIX,
    InstalledSnapshot,
    Manifest,
    ManifestFile,
    install_snapshot,
    previous_snapshot,
    remove_stale_partials,
    snapshot_name,
    source_dir,
)

#: Called while a file downloads with (label, bytes so far, total bytes or None).
ProgressCallback = Callable[[str, int, int | None], None]
#: Told one sentence per attempt that failed and will be tried again, so a slow or absent
#: network is not a silent wait (14 s per file with the default retries).
NoticeCallback = Callable[[str], None]

# Seconds to wait for a connection or between bytes; the official servers answer in well
# under a second, so 30 s only trips on a dead link.
TIMEOUT_SECONDS = 30.0
# Attempts per file (1 + 3 retries) and the first backoff: waits 2, 4, 8 s, about 14 s in
# all before giving up, enough to ride out a brief outage without hanging a CI job.
ATTEMPTS = 4
BACKOFF_SECONDS = 2.0
# Most bytes a compressed body may decode to per byte received. List text gzips 4x to 13x
# (measured with gzip -9 on ../shared/data: OFAC alt.csv 3.9, sdn.csv 5.8, the derived CSL
# 7.7, the UN XML 9.9, a JSON list 13.4); deflate's ceiling is about 1032x, which is what a
# gzip bomb uses (185 KB that decode to 190 MB). Checked past EXPANSION_FLOOR_BYTES of
# output, so a small, very regular file cannot trip it.
MAX_EXPANSION = 100
EXPANSION_FLOOR_BYTES = 2**20
# Share of the entries of the snapshot in use that a new download may lose before the
# update is refused (--accept-shrink overrides). Lists shrink only when parties are
# delisted, and the largest delisting we know of, JCPOA Implementation Day (16 Jan 2016),
# took over 400 parties off an SDN list of some 6,000 (the July 2021 file has 8,976,
# PROVENANCE.md), well under 10%; a cut-short file loses whatever followed the cut (45% in
# issue 12's reproduction: 8,132 of 14,756 entries). A body whose length nobody announced
# may lose nothing at all (see _check_shrink).
MAX_SHRINK = 0.10
# Redirects followed per file. An official address needs a couple at most (a moved file, a
# CDN); 10 leaves room for a mirror's and still stops a redirect loop at once.
MAX_REDIRECTS = 10
_CHUNK = 64 * 1024
_FEED_BYTES = 4096
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
# OFAC's legacy CSV files end with this byte (Ctrl-Z, PROVENANCE.md): its absence means
# the file was cut short, even at a line boundary.
_OFAC_END = b"\x1a"
# Query parameters whose values are secrets, found by the words their names contain: API
# keys and tokens (token, access_token, api_key, apikey), passwords, signed-URL parts
# (X-Amz-Signature, X-Amz-Credential, X-Amz-Security-Token, sig), sessions, auth codes.
_SECRET_PARAM = re.compile(r"token|key|secret|pass|pwd|auth|sig|credential|session|code", re.I)
_REDACTED = "REDACTED"

_OFAC = "https://www.treasury.gov/ofac/downloads/"


@dataclass(frozen=True, slots=True)
class Source:
    """An official list to download: its files, the formats accepted and a size floor.

    `url` is the main file's address; companion files are fetched from the same folder.
    `min_bytes` is a floor far below the real file's size (noted per source), so a stub
    or an error page never replaces a real list. `file_name` names the main file when its
    URL's does not say what it holds (the eCFR's is title-15.xml whatever the date);
    `version_date` is the date a list served as of any date is as of (see
    `screening.lists.update_api`), which orders its snapshots.
    """

    key: str
    title: str
    url: str
    formats: tuple[str, ...]
    min_bytes: int
    companions: tuple[str, ...] = ()
    file_name: str = ""
    version_date: date | None = None

    @property
    def main(self) -> str:
        """File name of the main file: `file_name`, else the last part of its URL."""
        return self.file_name or Path(urlsplit(self.url).path).name or f"{self.key}.dat"

    def file_urls(self) -> tuple[tuple[str, str], ...]:
        """(file name, URL) of every file, main first."""
        return ((self.main, self.url), *((n, urljoin(self.url, n)) for n in self.companions))


#: The official sources `screen update` knows, in download order.
SOURCES: dict[str, Source] = {
    s.key: s
    for s in (
        Source(
            key="csl",
            title="Consolidated Screening List (trade.gov)",
            url="https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv",
            formats=("csl-csv", "csl-json"),
            min_bytes=1_000_000,  # the full CSL has been over 4 MiB since 2024 (PROVENANCE.md)
        ),
        Source(
            key="sdn",
            title="OFAC SDN list (legacy CSV set)",
            url=_OFAC + "sdn.csv",
            formats=("ofac-csv",),
            min_bytes=1_000_000,  # sdn.csv was 2 MB in 2021 and 3.9 MB in 2024
            companions=("add.csv", "alt.csv", "sdn_comments.csv"),
        ),
        Source(
            key="un",
            title="UN Security Council Consolidated List (XML)",
            url="https://scsanctions.un.org/resources/xml/en/consolidated.xml",
            formats=("un-xml",),
            min_bytes=500_000,  # 2.0 MB for 1003 entries in 2026-02
        ),
    )
}


@dataclass(frozen=True, slots=True)
class UpdateOptions:
    """How an update downloads and what it accepts; the CLI builds one from its options.

    `min_bytes` None keeps each source's own floor. `accept_shrink` installs a list that
    lost more entries than MAX_SHRINK allows (after someone checked the drop is real).
    """

    timeout: float = TIMEOUT_SECONDS
    attempts: int = ATTEMPTS
    backoff: float = BACKOFF_SECONDS
    deadline: float = DEADLINE_SECONDS
    max_bytes: int = MAX_FILE_BYTES
    min_bytes: int | None = None
    accept_shrink: bool = False


def redact_url(url: str) -> str:
    """`url` fit to store or print: user and password, and secret query values, replaced.

    A mirror may need `https://user:pass@host/...` or `?token=...`; the request uses them,
    but manifest.json, messages and logs get REDACTED in their place.
    """
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        netloc = f"{_REDACTED}@{netloc.rpartition('@')[2]}"
    pairs = []
    for pair in parts.query.split("&") if parts.query else ():
        name, equals, _value = pair.partition("=")
        secret = equals and _SECRET_PARAM.search(unquote(name.replace("+", " ")))
        pairs.append(f"{name}={_REDACTED}" if secret else pair)
    return urlunsplit(parts._replace(netloc=netloc, query="&".join(pairs)))


def source_for(key: str, *, url: str | None = None) -> Source:
    """The named source, with its main URL replaced when a mirror is given."""
    if key not in SOURCES:
        raise DownloadError(f"unknown list source {key!r}; choose from {', '.join(SOURCES)}")
    source = SOURCES[key]
    if url:
        if urlsplit(url).scheme not in ("http", "https"):
            raise DownloadError(f"--url {redact_url(url)!r} is not an http(s) address")
        source = replace(source, url=url)
    return source


class _Incomplete(Exception):
    """A body that ended early or did not decode; the attempt is retried."""


class _Inflater:
    """Decode a gzip or deflate body a bounded piece at a time (never more than _CHUNK).

    zlib checks the gzip trailer (CRC-32 and length) and the zlib one (Adler-32), so a
    compressed body cut short is caught even when the server gave no length.
    """

    def __init__(self, encoding: str) -> None:
        self._wbits = 31 if encoding in ("gzip", "x-gzip") else 15
        self._z = zlib.decompressobj(self._wbits)

    def feed(self, data: bytes) -> Iterator[bytes]:
        """The decoded bytes of `data`, in pieces of at most _CHUNK."""
        while True:
            out = self._z.decompress(data, _CHUNK)
            if out:
                yield out
            if self._z.eof:
                data = self._z.unused_data
                if not data:
                    return
                if self._wbits != 31:
                    raise _Incomplete("data after the end of the compressed body")
                self._z = zlib.decompressobj(self._wbits)  # gzip allows several members
                continue
            data = self._z.unconsumed_tail
            if not data and len(out) < _CHUNK:
                return

    def finish(self) -> None:
        """Raise _Incomplete unless the compressed body ended where its format says."""
        if not self._z.eof:
            raise _Incomplete("the compressed body ended before its end marker")


@dataclass(slots=True)
class Fetched:
    """What one file's download said about itself, for the manifest: its final address
    (credentials removed), the redirects that led there, and warnings."""

    final_url: str
    redirected_from: tuple[str, ...]
    warnings: list[str] = field(default_factory=list)
    #: No length announced, no chunked framing, no compressed trailer: only the content's
    #: own checks can tell the body is complete.
    unframed: bool = False


@dataclass(slots=True)
class _Download:
    """The downloads of one update: its options, deadline and callbacks."""

    options: UpdateOptions
    deadline_at: float
    clock: Callable[[], float]
    sleep: Callable[[float], None]
    progress: ProgressCallback | None
    notice: NoticeCallback | None = None

    def _past_deadline(self, shown: str, problem: str = "", tried: int = 0) -> DownloadError:
        after = f"after {_attempts(tried)}, " if tried else ""
        why = f" ({after}last problem: {problem})" if problem else ""
        return DownloadError(
            f"{shown} did not download within the {self.options.deadline:g} s deadline{why}; "
            "try again later, raise --deadline for a slow link, or use --url with a mirror. "
            "The lists in use were left unchanged"
        )

    def _timeout(self, shown: str) -> httpx.Timeout:
        left = self.deadline_at - self.clock()
        if left <= 0:
            raise self._past_deadline(shown)
        return httpx.Timeout(min(self.options.timeout, left))

    def fetch(self, client: httpx.Client, url: str, target: Path, *, label: str) -> Fetched:
        """Download one URL to `target`, retrying transient failures a bounded number of
        times; refuse at once what retrying cannot mend (a redirect loop, an oversized or
        undecodable body, the deadline)."""
        shown = redact_url(url)
        problem = ""
        attempts = self.options.attempts
        for attempt in range(attempts):
            if attempt:
                self._back_off(attempt, shown, problem, label=label)
            outcome = self._attempt(client, url, target, shown=shown, label=label)
            if isinstance(outcome, Fetched):
                return outcome
            problem = outcome
        raise DownloadError(
            f"could not download {shown} after {_attempts(attempts)} ({problem}); check the "
            "network connection or use --url with a mirror. The lists in use were left unchanged"
        )

    def _back_off(self, attempt: int, shown: str, problem: str, *, label: str) -> None:
        """Wait before retry `attempt` (2, 4, 8... s), saying so, or give up if the wait would
        pass the deadline."""
        wait = self.options.backoff * 2 ** (attempt - 1)
        if self.clock() + wait >= self.deadline_at:
            raise self._past_deadline(shown, problem, tried=attempt)
        if self.notice is not None:
            self.notice(
                f"{label}: attempt {attempt} of {self.options.attempts} failed ({problem}); "
                f"trying again in {wait:g} s"
            )
        self.sleep(wait)

    def _attempt(
        self, client: httpx.Client, url: str, target: Path, *, shown: str, label: str
    ) -> Fetched | str:
        """One try at the file: what it said about itself, or (a str) the problem a retry
        may not meet again. What retrying cannot mend is raised."""
        try:
            with client.stream("GET", url, timeout=self._timeout(shown)) as response:
                if response.status_code in _RETRY_STATUS:
                    return f"HTTP {response.status_code}"
                if response.status_code != 200:
                    raise DownloadError(
                        f"{shown} answered HTTP {response.status_code}; check the address "
                        "(or --url) and try again later"
                    )
                return self._save(response, target, shown=shown, label=label)
        except _Incomplete as exc:
            return str(exc)
        except zlib.error as exc:
            return f"the compressed body is damaged ({exc})"
        except httpx.TooManyRedirects as exc:
            last = redact_url(str(exc.request.url))
            raise DownloadError(
                f"{shown} redirected more than {MAX_REDIRECTS} times (a redirect loop? the "
                f"last was to {last}); check the address or use --url with a mirror"
            ) from None
        except httpx.TimeoutException:
            if self.clock() >= self.deadline_at:
                raise self._past_deadline(shown, "no answer") from None
            return f"no answer within {self.options.timeout:g} s"
        except httpx.TransportError as exc:
            return str(exc) or type(exc).__name__

    def _save(self, response: httpx.Response, target: Path, *, shown: str, label: str) -> Fetched:
        """Write the body to `target`, decoded and within the size cap and the deadline."""
        inflater = _inflater(response, shown)
        length = response.headers.get("content-length", "").strip()
        total = int(length) if length.isdigit() else None
        if total is not None and total > self.options.max_bytes:
            raise self._too_big(shown, f"announces {total} bytes")
        with target.open("wb") as handle:
            self._write_body(response, handle, inflater, shown=shown, label=label, total=total)
        if inflater is not None:
            inflater.finish()
        chunked = "chunked" in response.headers.get("transfer-encoding", "").lower()
        framed = total is not None or chunked or inflater is not None
        return _fetched(response, target.name, shown, framed=framed)

    def _write_body(
        self,
        response: httpx.Response,
        handle: BinaryIO,
        inflater: _Inflater | None,
        *,
        shown: str,
        label: str,
        total: int | None,
    ) -> None:
        """Copy the body, decoded, to `handle` as it arrives, checking the size cap, the
        expansion of a compressed body and the deadline as it goes."""
        received = written = 0
        for raw in response.iter_raw():  # as it arrives: a chunk size would wait to fill it
            # A compressed read is decoded a slice at a time, so the expansion check sees a
            # bomb within its first MiB, not after one whole read (64 KiB of a bomb decode to
            # 64 MiB).
            step = _FEED_BYTES if inflater else max(len(raw), 1)
            for start in range(0, len(raw), step):
                part = raw[start : start + step]
                received += len(part)
                for piece in inflater.feed(part) if inflater else (part,):
                    written += len(piece)
                    self._guard(shown, received, written, compressed=inflater is not None)
                    handle.write(piece)
                    if self.progress is not None:
                        self.progress(label, written, None if inflater else total)
            if self.clock() > self.deadline_at:
                raise self._past_deadline(shown)

    def _guard(self, shown: str, received: int, written: int, *, compressed: bool) -> None:
        """Stop a body before it passes the size cap or, compressed, MAX_EXPANSION."""
        if written > self.options.max_bytes:
            raise self._too_big(shown, f"gave more than {self.options.max_bytes} bytes")
        if compressed and written > max(EXPANSION_FLOOR_BYTES, MAX_EXPANSION * received):
            raise DownloadError(
                f"{shown} decompresses {received} bytes into more than {written}, over "
                f"{MAX_EXPANSION} times: a compression bomb, not a list; not installed"
            )

    def _too_big(self, shown: str, what: str) -> DownloadError:
        return DownloadError(
            f"{shown} {what}, over the {self.options.max_bytes / 2**20:g} MiB limit; not "
            "installed. Check the address, or raise --max-size if the list really grew"
        )


def _attempts(count: int) -> str:
    return f"{count} attempt" if count == 1 else f"{count} attempts"


def _inflater(response: httpx.Response, shown: str) -> _Inflater | None:
    """The decoder of the body's Content-Encoding (None: sent as it is); an encoding this
    tool does not decode is refused."""
    encoding = response.headers.get("content-encoding", "").strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise DownloadError(
            f"{shown} came with Content-Encoding {encoding!r}, which this tool does not "
            "decode; use --url with another mirror"
        )
    return _Inflater(encoding)


def _fetched(response: httpx.Response, name: str, shown: str, *, framed: bool) -> Fetched:
    """What a finished download says about itself: its final address, the redirects that
    led there, and warnings (a fall from https to http; a body whose end nothing but the
    closing of the connection marked, when not `framed`)."""
    history = tuple(redact_url(str(r.url)) for r in response.history)
    fetched = Fetched(final_url=redact_url(str(response.url)), redirected_from=history)
    if history and urlsplit(shown).scheme == "https" and response.url.scheme == "http":
        fetched.warnings.append(f"{name} was redirected from https to plain http")
    if not framed:
        fetched.unframed = True
        fetched.warnings.append(
            f"{name} came without Content-Length or chunked encoding (the server "
            "closed the connection to end it), so only its content shows it is complete"
        )
    return fetched


def _check(source: Source, folder: Path, *, min_bytes: int) -> tuple[str, int]:
    """Check the main file's size and format; return its format key and entry count."""
    main = folder / source.main
    size = main.stat().st_size
    if size < min_bytes:
        raise DownloadError(
            f"{redact_url(source.url)} gave only {size} bytes (a real {source.title} file is "
            f"at least {min_bytes}); not installed. Try again later or use --url with a mirror"
        )
    try:
        fmt = detect_format(main)
        if fmt.key not in source.formats:
            raise ListDataError(f"it reads as {fmt.key}, not {' or '.join(source.formats)}")
        entries = load_list(main).entry_count
    except ListDataError as exc:
        head = main.read_bytes()[:512].lstrip().lower()
        what = "an HTML page" if head.startswith((b"<!doctype html", b"<html")) else "not a list"
        raise DownloadError(
            f"{redact_url(source.url)} did not give a {source.title} file ({what}: {exc}); "
            "not installed"
        ) from None
    return fmt.key, entries


def _tail(path: Path, size: int = 16) -> bytes:
    with path.open("rb") as handle:
        handle.seek(max(0, path.stat().st_size - size))
        return handle.read()


def _check_complete(fmt: str, folder: Path, files: list[ManifestFile]) -> bool:
    """Check the publisher's own signs that each file is whole, where its format has them;
    return whether those signs prove it (else only the entry count can show a cut).

    A body cut at a line boundary parses cleanly, so parsing alone cannot tell. OFAC ends
    every legacy CSV file with a Ctrl-Z byte; XML and a JSON document must parse whole
    (`load_list` has done so), and a JSON document that states its record count ("total")
    must hold that many: each proves the file whole. A CSV's last record must end with a
    line break, which catches a cut inside a record but not one between records.
    """
    cut = "so the download was cut short; not installed. Try again later or use --url"
    if fmt == "ofac-csv":
        for item in files:
            if not _tail(folder / item.name).rstrip(b"\r\n \t").endswith(_OFAC_END):
                raise DownloadError(
                    f"{item.url}: {item.name} does not end with OFAC's end-of-file byte "
                    f"(0x1A), {cut} with a mirror"
                )
        return True
    main = files[0]
    if fmt == "csl-json":
        data = json.loads((folder / main.name).read_text(encoding="utf-8-sig"))
        if isinstance(data, dict) and isinstance(data.get("results"), list):
            stated = data.get("total")
            if isinstance(stated, int) and stated != len(data["results"]):
                raise DownloadError(
                    f"{main.url}: {main.name} says it holds {stated} records but has "
                    f"{len(data['results'])}, {cut} with a mirror"
                )
        return True
    if fmt == "un-xml":
        return True
    if not _tail(folder / main.name).endswith(b"\n"):
        raise DownloadError(
            f"{main.url}: {main.name} does not end with a line break after its last record, "
            f"{cut} with a mirror"
        )
    return False


def _check_shrink(
    previous: InstalledSnapshot | None,
    entries: int,
    *,
    shown: str,
    unframed: bool,
    accept: bool,
    compared: str = "the snapshot in use",
) -> list[str]:
    """Refuse a list that lost more entries than a real update does; return warnings.

    Compared with the newest readable snapshot of the same source (for a list as of a date,
    the newest version dated on or before it: `compared` names which). When the body came with
    no announced length and its format cannot prove it whole (`unframed`), a drop of any
    size is refused: the server's closing of the connection was the only sign the file had
    ended, and a cut between two records looks exactly like a list that lost its last ones.
    """
    if previous is None:
        return []
    old = previous.manifest.entries
    allowed = 0.0 if unframed else MAX_SHRINK
    if old <= 0 or entries >= old * (1 - allowed):
        return []
    drop = (old - entries) / old
    if accept:
        kept = previous.directory.name
        return [f"accepted {entries} entries where {kept} had {old} (--accept-shrink)"]
    why = (
        "and the server did not say how long the file was"
        if unframed
        else f"more than the {MAX_SHRINK:.0%} a real update loses"
    )
    raise DownloadError(
        f"{shown} gave {entries} entries where {compared} ({previous.directory}) has "
        f"{old}: {drop:.1%} fewer, {why}; not installed. If the list really shrank, run again "
        "with --accept-shrink"
    )


def _check_options(opts: UpdateOptions) -> None:
    if opts.attempts < 1:
        raise DownloadError("attempts must be at least 1")
    if opts.deadline <= 0 or opts.max_bytes <= 0:
        raise DownloadError("the deadline and the size limit must be above 0")


class Downloads:
    """The downloads of one update: one HTTP client, one deadline, and the options'
    timeout, retries, size cap and redirect limit for every file fetched.

    `update_source` fetches a list's files with it; `screening.lists.update_api` fetches
    the answers of the eCFR and Federal Register APIs with it, under the same rules. Use it
    as a context manager (the client is closed on leaving).
    """

    def __init__(
        self,
        options: UpdateOptions,
        *,
        progress: ProgressCallback | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        notice: NoticeCallback | None = None,
    ) -> None:
        _check_options(options)
        self._download = _Download(
            options, clock() + options.deadline, clock, sleep, progress, notice
        )
        self._client = httpx.Client(
            timeout=options.timeout,
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            headers={"Accept-Encoding": "gzip"},
        )

    def __enter__(self) -> Downloads:
        return self

    def __exit__(self, *exc: object) -> None:
        self._client.close()

    def fetch(self, url: str, target: Path, *, label: str) -> Fetched:
        """Download `url` to `target` (see `_Download.fetch`); DownloadError when it cannot."""
        return self._download.fetch(self._client, url, target, label=label)


def update_source(
    source: Source,
    data_dir: Path,
    *,
    now: datetime,
    options: UpdateOptions | None = None,
    progress: ProgressCallback | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
    notice: NoticeCallback | None = None,
) -> Manifest:
    """Download one source into a new snapshot and install it; return its manifest.

    `now` (UTC) names the snapshot and is recorded as its download time; it also dates the
    `.partial-*` leftovers of killed updates, which are removed first. `clock` (seconds,
    monotonic) measures the deadline. `notice` is told of each failed attempt before the
    next. On any failure (DownloadError, or an interruption) the partial download is
    deleted and nothing else changes.

    A source with a `version_date` (a list as it stood on a date) gets a snapshot named by
    that date first, kept beside the other versions; its shrink check compares it with the
    newest installed version dated on or before it, not with a later one.
    """
    opts = options or UpdateOptions()
    _check_options(opts)
    parent = source_dir(data_dir, source.key)
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DownloadError(f"cannot create the data directory {parent}: {exc.strerror}") from None
    remove_stale_partials(parent, now=now)
    name = snapshot_name(now, source.version_date)
    versioned = source.version_date is not None
    previous = previous_snapshot(data_dir, source.key, before=name if versioned else None)
    partial = Path(tempfile.mkdtemp(prefix=PARTIAL_PREFIX, dir=parent))
    try:
        files: list[ManifestFile] = []
        warnings: list[str] = []
        unframed = False
        with Downloads(
            opts, progress=progress, sleep=sleep, clock=clock, notice=notice
        ) as downloads:
            for file_name, url in source.file_urls():
                target = partial / file_name
                got = downloads.fetch(url, target, label=f"{source.key}: {file_name}")
                files.append(
                    ManifestFile(
                        name=file_name,
                        url=got.final_url,
                        sha256=file_sha256(target),
                        size=target.stat().st_size,
                        redirected_from=got.redirected_from,
                    )
                )
                warnings.extend(got.warnings)
                unframed = unframed or got.unframed
        floor = source.min_bytes if opts.min_bytes is None else opts.min_bytes
        fmt, entries = _check(source, partial, min_bytes=floor)
        proven = _check_complete(fmt, partial, files)
        warnings.extend(
            _check_shrink(
                previous,
                entries,
                shown=files[0].url,
                unframed=unframed and not proven,
                accept=opts.accept_shrink,
                compared="the version before it" if versioned else "the snapshot in use",
            )
        )
        manifest = Manifest(
            source=source.key,
            url=files[0].url,
            downloaded_at=now,
            sha256=files_sha256(tuple(partial / f.name for f in files)),
            size=sum(f.size for f in files),
            entries=entries,
            format=fmt,
            main=source.main,
            files=tuple(files),
            warnings=tuple(warnings),
            version_date=source.version_date,
        )
        write_atomic(partial / MANIFEST, manifest.to_json())
        final = parent / name
        suffix = 1
        while final.exists():
            suffix += 1
            final = parent / f"{name}-{suffix}"
        install_snapshot(partial, final)
        return manifest
    finally:
        shutil.rmtree(partial, ignore_errors=True)
