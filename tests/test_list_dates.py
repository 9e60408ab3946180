"""A list's date: the publisher's own from the file's content where the format has one,
else the download manifest's, else the file's modification time, and `date_source` says
which; and a list published as a set says which of its files it was read without."""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from test_fuzz_lists import CSL_CSV, FTM, FTM_ENTITIES, OFAC_SET, TARGETS, UN_XML

from screening.lists import FtmJson, load_bundled_sample, load_list, missing_files
from screening.models import DATE_FROM_CONTENT, DATE_FROM_MANIFEST, DATE_FROM_MTIME

MANIFEST_DAY = date(2026, 11, 30)
#: A modification time none of the contents carry, so a date taken from it shows.
MTIME = datetime(2020, 6, 15, 12, tzinfo=UTC).timestamp()


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    os.utime(path, (MTIME, MTIME))
    return path


@pytest.mark.parametrize(
    ("name", "data", "day"),
    [
        ("un.xml", UN_XML, date(2026, 1, 1)),  # dateGenerated="2026-01-01T00:00:00Z"
        ("targets.simple.csv", TARGETS, date(2026, 1, 1)),  # last_seen
    ],
)
def test_a_dated_format_is_dated_by_its_content_over_the_manifest(tmp_path, name, data, day):
    path = _write(tmp_path, name, data)
    for given in (None, MANIFEST_DAY):
        loaded = load_list(path, data_date=given)
        assert (loaded.data_date, loaded.date_source) == (day, DATE_FROM_CONTENT)


def test_ftm_is_dated_by_its_newest_last_seen(tmp_path):
    seen = ["2025-05-01T10:00:00", "2025-06-02T08:30:00", "2024-12-31", "2025-01-01"]
    lines = [{**e, "last_seen": s} for e, s in zip(FTM_ENTITIES, seen, strict=True)]
    text = "".join(json.dumps(e) + "\n" for e in lines).encode()
    loaded = load_list(_write(tmp_path, "entities.ftm.json", text))
    assert (loaded.data_date, loaded.date_source) == (date(2025, 6, 2), DATE_FROM_CONTENT)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("consolidated.csv", CSL_CSV),  # the CSL carries no date of the list
        ("entities.ftm.json", FTM),  # entities without last_seen
        ("un.xml", UN_XML.replace(b' dateGenerated="2026-01-01T00:00:00Z"', b"")),
    ],
)
def test_an_undated_file_takes_the_manifest_date_else_its_mtime(tmp_path, name, data):
    path = _write(tmp_path, name, data)
    installed = load_list(path, data_date=MANIFEST_DAY)
    assert (installed.data_date, installed.date_source) == (MANIFEST_DAY, DATE_FROM_MANIFEST)
    bare = load_list(path)
    assert (bare.data_date, bare.date_source) == (date(2020, 6, 15), DATE_FROM_MTIME)


def test_the_bundled_sample_is_not_dated():
    sample = load_bundled_sample()
    assert (sample.data_date, sample.date_source) == (None, "")


def test_the_content_date_is_read_once_then_cached(tmp_path, monkeypatch):
    lines = [{**e, "last_seen": "2025-06-02"} for e in FTM_ENTITIES]
    text = "".join(json.dumps(e) + "\n" for e in lines).encode()
    path = _write(tmp_path, "entities.ftm.json", text)
    cache = tmp_path / "cache"
    assert load_list(path, cache_dir=cache).data_date == date(2025, 6, 2)

    def unread(self: FtmJson, path: Path) -> date:
        raise AssertionError("the date was read again instead of from the cache")

    monkeypatch.setattr(FtmJson, "dated", unread)
    again = load_list(path, cache_dir=cache)
    assert (again.data_date, again.date_source) == (date(2025, 6, 2), DATE_FROM_CONTENT)


def test_an_ofac_file_without_its_companions_says_which_are_missing(tmp_path):
    sdn = _write(tmp_path, "sdn.csv", OFAC_SET["sdn.csv"])
    assert missing_files(load_list(sdn)) == (
        "add.csv (addresses)",
        "alt.csv (aliases)",
        "sdn_comments.csv (the end of long remarks)",
    )
    _write(tmp_path, "alt.csv", OFAC_SET["alt.csv"])
    assert missing_files(load_list(sdn)) == (
        "add.csv (addresses)",
        "sdn_comments.csv (the end of long remarks)",
    )
    for name in ("add.csv", "sdn_comments.csv"):
        _write(tmp_path, name, OFAC_SET[name])
    assert missing_files(load_list(sdn)) == ()


def test_a_list_of_one_file_misses_nothing(tmp_path):
    assert missing_files(load_list(_write(tmp_path, "consolidated.csv", CSL_CSV))) == ()
