"""Download the official list files into a new snapshot, safely.

Each source is fetched into a `.partial-*` directory beside its snapshots, with a timeout
and bounded retries (exponential backoff) on network errors and 5xx/429 answers. A file
that comes back short (the connection dropped), too small, or in the wrong format (an HTML
error page) fails the update before anything is installed; only a complete, checked set
of files is renamed into place, with a manifest of its hashes. The snapshot in use is never
written to, so a failed or interrupted update leaves it exactly as it was.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx

from screening.errors import DownloadError, ListDataError
from screening.lists import detect_format, files_sha256, load_list
from screening.lists.base import file_sha256
from screening.store import (
    MANIFEST,
    PARTIAL_PREFIX,
    Manifest,
    ManifestFile,
    install_snapshot,
    snapshot_name,
    source_dir,
)

#: Called while a file downloads with (label, bytes so far, total bytes or None).
ProgressCallback = Callable[[str, int, int | None], None]

# Seconds to wait for a connection or between bytes; the official servers answer in well
# under a second, so 30 s only trips on a dead link.
TIMEOUT_SECONDS = 30.0
# Attempts per file (1 + 3 retries) and the first backoff: waits 2, 4, 8 s, about 14 s in
# all before giving up, enough to ride out a brief outage without hanging a CI job.
ATTEMPTS = 4
BACKOFF_SECONDS = 2.0
_CHUNK = 64 * 1024
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})

_OFAC = "https://www.treasury.gov/ofac/downloads/"


@dataclass(frozen=True, slots=True)
class Source:
    """An official list to download: its files, the formats accepted and a size floor.

    `url` is the main file's address; companion files are fetched from the same folder.
    `min_bytes` is a floor far below the real file's size (noted per source), so a stub
    or an error page never replaces a real list.
    """

    key: str
    title: str
    url: str
    formats: tuple[str, ...]
    min_bytes: int
    companions: tuple[str, ...] = ()

    @property
    def main(self) -> str:
        """File name of the main file, from its URL."""
        return Path(urlsplit(self.url).path).name or f"{self.key}.dat"

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


def source_for(key: str, *, url: str | None = None) -> Source:
    """The named source, with its main URL replaced when a mirror is given."""
    if key not in SOURCES:
        raise DownloadError(f"unknown list source {key!r}; choose from {', '.join(SOURCES)}")
    source = SOURCES[key]
    if url:
        if urlsplit(url).scheme not in ("http", "https"):
            raise DownloadError(f"--url {url!r} is not an http(s) address")
        source = replace(source, url=url)
    return source


def _fetch(
    client: httpx.Client,
    url: str,
    target: Path,
    *,
    label: str,
    attempts: int,
    backoff: float,
    sleep: Callable[[float], None],
    progress: ProgressCallback | None,
) -> None:
    """Download one URL to `target`, retrying transient failures a bounded number of times."""
    problem = ""
    for attempt in range(attempts):
        if attempt:
            sleep(backoff * 2 ** (attempt - 1))
        try:
            with client.stream("GET", url) as response:
                if response.status_code in _RETRY_STATUS:
                    problem = f"HTTP {response.status_code}"
                    continue
                if response.status_code != 200:
                    raise DownloadError(
                        f"{url} answered HTTP {response.status_code}; check the address "
                        "(or --url) and try again later"
                    )
                length = response.headers.get("content-length")
                total = int(length) if length and length.isdigit() else None
                done = 0
                with target.open("wb") as handle:
                    for chunk in response.iter_bytes(_CHUNK):
                        handle.write(chunk)
                        done += len(chunk)
                        if progress is not None:
                            progress(label, done, total)
                if total is not None and done != total:
                    problem = f"the download stopped after {done} of {total} bytes"
                    continue
                return
        except httpx.TimeoutException:
            problem = f"no answer within {client.timeout.read or TIMEOUT_SECONDS:g} s"
        except httpx.TransportError as exc:
            problem = str(exc) or type(exc).__name__
    raise DownloadError(
        f"could not download {url} after {attempts} attempts ({problem}); check the network "
        "connection or use --url with a mirror. The lists in use were left unchanged"
    )


def _check(source: Source, folder: Path, *, min_bytes: int) -> tuple[str, int]:
    """Check the main file's size and format; return its format key and entry count."""
    main = folder / source.main
    size = main.stat().st_size
    if size < min_bytes:
        raise DownloadError(
            f"{source.url} gave only {size} bytes (a real {source.title} file is at least "
            f"{min_bytes}); not installed. Try again later or use --url with a mirror"
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
            f"{source.url} did not give a {source.title} file ({what}: {exc}); not installed"
        ) from None
    return fmt.key, entries


def update_source(
    source: Source,
    data_dir: Path,
    *,
    now: datetime,
    progress: ProgressCallback | None = None,
    timeout: float = TIMEOUT_SECONDS,
    attempts: int = ATTEMPTS,
    backoff: float = BACKOFF_SECONDS,
    min_bytes: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Manifest:
    """Download one source into a new snapshot and install it; return its manifest.

    `now` (UTC) names the snapshot and is recorded as its download time. On any failure
    (DownloadError, or an interruption) the partial download is deleted and nothing else
    changes.
    """
    if attempts < 1:
        raise DownloadError("attempts must be at least 1")
    parent = source_dir(data_dir, source.key)
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DownloadError(f"cannot create the data directory {parent}: {exc.strerror}") from None
    partial = Path(tempfile.mkdtemp(prefix=PARTIAL_PREFIX, dir=parent))
    try:
        files = []
        with httpx.Client(timeout=timeout, follow_redirects=True) as client:
            for name, url in source.file_urls():
                target = partial / name
                _fetch(
                    client,
                    url,
                    target,
                    label=f"{source.key}: {name}",
                    attempts=attempts,
                    backoff=backoff,
                    sleep=sleep,
                    progress=progress,
                )
                files.append(
                    ManifestFile(
                        name=name, url=url, sha256=file_sha256(target), size=target.stat().st_size
                    )
                )
        fmt, entries = _check(
            source, partial, min_bytes=source.min_bytes if min_bytes is None else min_bytes
        )
        manifest = Manifest(
            source=source.key,
            url=source.url,
            downloaded_at=now,
            sha256=files_sha256(tuple(partial / f.name for f in files)),
            size=sum(f.size for f in files),
            entries=entries,
            format=fmt,
            main=source.main,
            files=tuple(files),
        )
        (partial / MANIFEST).write_text(manifest.to_json(), encoding="utf-8")
        final = parent / snapshot_name(now)
        suffix = 1
        while final.exists():
            suffix += 1
            final = parent / f"{snapshot_name(now)}-{suffix}"
        install_snapshot(partial, final)
        return manifest
    finally:
        shutil.rmtree(partial, ignore_errors=True)
