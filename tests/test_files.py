"""The one atomic writer and the one file digest every part of the tool uses."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest

from screening.audit import input_sha256
from screening.errors import ConfigError
from screening.files import (
    SHORT_DIGEST_CHARS,
    atomic_file,
    atomic_text,
    file_sha256,
    short_digest,
    write_atomic,
)
from screening.report import write_report


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_027():
    previous = os.umask(0o027)
    yield
    os.umask(previous)


def test_a_file_is_replaced_whole_and_no_temporary_file_stays(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old\n", encoding="utf-8")
    with atomic_text(target) as out:
        out.write("a,b\r\n")
        assert target.read_text(encoding="utf-8") == "old\n"  # nothing shows before the end
    assert target.read_bytes() == b"a,b\r\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_an_error_in_the_block_keeps_the_old_file_and_removes_the_temporary_one(tmp_path):
    target = tmp_path / "out.bin"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_file(target) as out:
        out.write(b"half")
        raise RuntimeError("stop")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.bin"]


def test_a_replaced_report_keeps_its_permissions(tmp_path, umask_027):
    target = tmp_path / "report.json"
    target.write_text("{}", encoding="utf-8")
    target.chmod(0o604)
    write_report(target, "[]")
    assert _mode(target) == 0o604


def test_a_new_file_gets_what_open_would_give(tmp_path, umask_027):
    write_atomic(tmp_path / "new.txt", "x")
    assert _mode(tmp_path / "new.txt") == 0o640


def test_a_mode_asked_for_is_given_whatever_the_umask(tmp_path):
    previous = os.umask(0)
    try:
        write_atomic(tmp_path / "private.bin", b"x", mode=0o600)
    finally:
        os.umask(previous)
    assert _mode(tmp_path / "private.bin") == 0o600


def test_a_report_through_a_symlink_replaces_the_file_it_names(tmp_path):
    real = tmp_path / "reports" / "latest.json"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "latest.json"
    link.symlink_to(real)
    write_report(link, "new")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new"


def test_durable_writes_reach_the_disk_before_the_rename(tmp_path, monkeypatch):
    synced: list[int] = []
    monkeypatch.setattr(os, "fsync", synced.append)
    with atomic_file(tmp_path / "a", durable=True) as out:
        out.write(b"x")
    assert len(synced) == 1
    with atomic_file(tmp_path / "b") as out:
        out.write(b"x")
    assert len(synced) == 1  # a report or a cache entry is not worth the wait


def test_a_failed_rename_is_one_error_naming_the_file(tmp_path, monkeypatch):
    def refuse(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ConfigError, match=r"cannot write .*out\.txt: No space left on device"):
        write_atomic(tmp_path / "out.txt", "x")
    assert list(tmp_path.iterdir()) == []


def test_file_sha256_is_the_sha256_of_the_bytes_and_raises_on_a_missing_file(tmp_path):
    data = bytes(range(256)) * 5000  # more than one read block
    (tmp_path / "f").write_bytes(data)
    assert file_sha256(tmp_path / "f") == hashlib.sha256(data).hexdigest()
    with pytest.raises(FileNotFoundError):
        file_sha256(tmp_path / "missing")


def test_an_input_that_cannot_be_read_again_has_no_digest(tmp_path):
    (tmp_path / "f").write_bytes(b"abc")
    assert input_sha256(tmp_path / "f") == hashlib.sha256(b"abc").hexdigest()
    os.mkfifo(tmp_path / "pipe")
    assert input_sha256(tmp_path / "pipe") is None  # never opened: it would wait for a writer
    assert input_sha256(tmp_path / "missing") is None


def test_short_digest_is_the_start_of_the_digest():
    digest = hashlib.sha256(b"x").hexdigest()
    assert short_digest(digest) == digest[:SHORT_DIGEST_CHARS]
    assert SHORT_DIGEST_CHARS == 12  # what `screen lists` and `screen history` show


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_a_pipe_named_through_proc_is_written_to(tmp_path):
    # `-o /dev/stdout` when stdout is a pipe: the link resolves to a name that opens nothing.
    read_end, write_end = os.pipe()
    try:
        write_report(Path(f"/proc/self/fd/{write_end}"), "through the pipe")
        os.close(write_end)
        with os.fdopen(read_end, "rb") as received:
            assert received.read() == b"through the pipe"
    finally:
        for fd in (read_end, write_end):
            try:
                os.close(fd)
            except OSError:
                pass
    assert list(tmp_path.iterdir()) == []
