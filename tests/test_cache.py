"""The on-disk cache (screening/cache.py): names made from what a value depends on, files
written whole and private, anything unreadable ignored."""

from __future__ import annotations

import os
import pickle
import stat

import pytest

from screening.cache import (
    CACHE_FILE_MODE,
    cache_name,
    code_digest,
    read_cached,
    write_cached,
)


def test_a_name_changes_with_any_input_and_with_their_order():
    name = cache_name("list", ["sha-a", "csl-csv"])
    assert name == cache_name("list", ["sha-a", "csl-csv"])
    assert name.startswith("list-") and name.endswith(".pickle")
    assert name != cache_name("list", ["sha-b", "csl-csv"])
    assert name != cache_name("list", ["csl-csv", "sha-a"])
    assert name != cache_name("index", ["sha-a", "csl-csv"])


def test_the_code_digest_depends_on_the_files_named():
    assert code_digest("normalize.py") == code_digest("normalize.py")
    assert code_digest("normalize.py") != code_digest("similarity.py")
    # A folder counts by its files: the lists package is not the same as one of its modules.
    assert code_digest("lists") != code_digest("lists/base.py")


def test_a_value_written_is_read_back(tmp_path):
    folder = tmp_path / "cache"  # created on the first write
    write_cached(folder, "x.pickle", {"entries": (1, 2, 3)})
    assert read_cached(folder, "x.pickle") == {"entries": (1, 2, 3)}
    assert [p.name for p in folder.iterdir()] == ["x.pickle"]  # no temporary file left


def test_cache_files_are_private_whatever_the_umask(tmp_path):
    previous = os.umask(0)
    try:
        write_cached(tmp_path, "x.pickle", [1])
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "x.pickle").stat().st_mode) == CACHE_FILE_MODE == 0o600


def test_no_folder_means_no_cache(tmp_path):
    write_cached(None, "x.pickle", [1])
    assert read_cached(None, "x.pickle") is None


@pytest.mark.parametrize(
    "content",
    [b"", b"not a pickle", pickle.dumps([1, 2, 3])[:-3], b"\x80\x05\x95garbage"],
    ids=["empty", "text", "cut short", "damaged"],
)
def test_an_unreadable_file_is_a_miss(tmp_path, content):
    (tmp_path / "x.pickle").write_bytes(content)
    assert read_cached(tmp_path, "x.pickle") is None


def test_a_missing_file_is_a_miss(tmp_path):
    assert read_cached(tmp_path, "absent.pickle") is None


def test_a_cache_that_cannot_be_written_is_skipped(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    write_cached(blocker / "cache", "x.pickle", [1])  # no error
    assert read_cached(blocker / "cache", "x.pickle") is None


def test_a_value_that_cannot_be_pickled_leaves_no_file(tmp_path):
    with pytest.raises((pickle.PicklingError, AttributeError, TypeError)):
        write_cached(tmp_path, "x.pickle", lambda: None)
    assert list(tmp_path.iterdir()) == []
