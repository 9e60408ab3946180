"""A lock beside a small shared file, held while one process reads, changes and rewrites it.

Several `screen review` runs may add to one decisions file at once (a team reviewing a
report together, a script looping over hits). Each rewrites the whole file and moves it
into place, so without a lock the last writer drops what the others added meanwhile.

The lock is the operating system's own on a lock file beside the data file (`flock` on
POSIX, `msvcrt.locking` on Windows), not a lock file whose mere existence means "locked"
(O_CREAT|O_EXCL). The kernel releases it when its holder exits however it exits (kill -9,
a crash, a lost SSH session), so there is never a stale lock to guess about: an O_EXCL lock
file needs its age or process id judged, and breaking one judged stale races with a
process that has just taken it. The lock file itself is left in place: removing it would
let a waiter lock the removed file while a newcomer locks a new one.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from screening.errors import InputFileError

#: How long to wait for another writer, in seconds. A writer holds the lock only while it
#: reads and rewrites a decisions file (a few milliseconds for thousands of rows), so a
#: wait this long means the holder is stuck, not busy.
LOCK_WAIT_SECONDS = 10.0
#: Pause between attempts, in seconds: short beside the milliseconds a writer holds it.
LOCK_POLL_SECONDS = 0.005


def lock_path(path: Path) -> Path:
    """The lock file that guards `path`: a hidden file beside it."""
    return path.with_name(f".{path.name}.lock")


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(descriptor: int) -> bool:
        os.lseek(descriptor, 0, os.SEEK_SET)
        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(descriptor: int) -> None:
        os.lseek(descriptor, 0, os.SEEK_SET)
        msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(descriptor: int) -> bool:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(descriptor: int) -> None:
        fcntl.flock(descriptor, fcntl.LOCK_UN)


@contextmanager
def locked(path: Path, *, wait: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Hold the lock beside `path` for the body of a `with` block.

    Waits up to `wait` seconds for another holder (counted in attempts, not read from the
    clock); then raises `InputFileError` naming the lock file. Locks taken through separate
    calls exclude each other between threads of one process as well as between processes.
    """
    lock = lock_path(path)
    try:
        descriptor = os.open(lock, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise InputFileError(f"cannot create the lock file {lock}: {exc.strerror}") from None
    try:
        for _ in range(max(1, round(wait / LOCK_POLL_SECONDS))):
            if _try_lock(descriptor):
                break
            time.sleep(LOCK_POLL_SECONDS)
        else:
            raise InputFileError(
                f"{path} is being changed by another process (it has held {lock} for over "
                f"{wait:g} s); try again once it has finished"
            )
        try:
            yield
        finally:
            _unlock(descriptor)
    finally:
        os.close(descriptor)
