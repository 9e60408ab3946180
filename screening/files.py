"""Files written whole or not at all, and files named by their content.

Every file the tool writes (a report, a decisions file, a snapshot manifest, a cache entry)
goes through `atomic_file`: the bytes go to a temporary file beside the target, which
replaces the target in one step, so a reader (another run, a CI step, a reviewer's
spreadsheet) sees the old file or the whole new one, never half of it. Every file the tool
identifies (a list version, an ownership file, the input of an audited run) is named by
`file_sha256`, and shown to people by `short_digest`.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TextIO

from screening.errors import ConfigError

#: Bytes hashed per read: large enough that a list of hundreds of MiB takes few calls,
#: small enough that hashing holds little memory.
_HASH_BLOCK = 1 << 20

#: Hex digits of a sha256 shown where people read it (`screen lists`, `screen history`, a
#: message about a changed snapshot): 48 bits, so two versions of a list share the prefix
#: by chance about once in 2**48 pairs, and it still fits beside a name in a table column.
#: Reports and the audit trail keep the whole 64.
SHORT_DIGEST_CHARS = 12

#: Permissions of a new file before the process umask: what `open(path, "w")` gives.
_NEW_FILE_MODE = 0o666
#: Permissions of the temporary file while it is written, when the file it replaces (or
#: the caller) asks for fewer than a new file gets: nobody reads it in between.
_PRIVATE_MODE = 0o600


def file_sha256(path: Path) -> str:
    """Hex sha256 of a file's bytes: the identity of a list version (and of an ownership
    file) in every report. Raises OSError when the file cannot be read: the callers have
    just read the file, so a failure here is worth a traceback, not a guess."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(_HASH_BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()


def short_digest(sha256: str) -> str:
    """The first SHORT_DIGEST_CHARS hex digits of a digest, for people to compare by eye."""
    return sha256[:SHORT_DIGEST_CHARS]


def _cannot_write(path: Path, exc: OSError) -> ConfigError:
    return ConfigError(f"cannot write {path}: {exc.strerror or exc}")


def write_target(path: Path) -> Path:
    """The file writing `path` replaces: through a symbolic link, the file it names (the
    link stays a link). ConfigError when its folder is missing or it is a directory; called
    by `atomic_file`, and before it by a writer that must lock the target first."""
    target = Path(os.path.realpath(path))
    folder = target.parent
    if not folder.is_dir():
        raise ConfigError(f"cannot write {path}: folder {folder} does not exist")
    if target.is_dir():
        raise ConfigError(f"cannot write {path}: it is a directory")
    return target


def _final_mode(target: Path, mode: int | None) -> int | None:
    """The permissions the new file gets: `mode`, else those of the file it replaces, else
    None (the umask's, which the temporary file was created with)."""
    if mode is not None:
        return mode
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        return None


@contextmanager
def atomic_file(
    path: Path, *, mode: int | None = None, durable: bool = False
) -> Iterator[IO[bytes]]:
    """A file opened for writing bytes, that appears at `path` only if the block succeeds.

    The bytes go to a temporary file beside the target, which replaces it in one step (a
    rename) when the block ends normally; on an error or an interruption (Ctrl-C, SIGTERM
    turned into an exception) the temporary file is removed and the target is left as it
    was. The new file keeps the permissions of the one it replaces, or gets `mode`, or for
    a new file what `open` would give (0666 less the umask); the temporary file is private
    until then when the final mode is. `durable` flushes the bytes to the disk before the
    rename (fsync), so a power cut cannot leave an empty file where a reviewer's decisions
    were. A symbolic link is written through; a device or a named pipe (`/dev/null`,
    `/dev/stdout`, a FIFO) is written to directly, since replacing it with a file would
    break it for everyone.

    An OSError (a full disk, a folder without write permission) is a ConfigError naming
    `path`; other exceptions pass through once the temporary file is gone.
    """
    target = write_target(path)
    if path.exists() and not path.is_file():
        # Asked of `path` itself: `/dev/stdout` on a pipe resolves to `/proc/N/fd/pipe:[M]`,
        # a name that opens nothing, while `path` opens the pipe.
        try:
            with path.open("wb") as device:
                yield device
        except OSError as exc:
            raise _cannot_write(path, exc) from None
        return
    final_mode = _final_mode(target, mode)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    created = _NEW_FILE_MODE if final_mode is None else _PRIVATE_MODE
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, created)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    try:
        with os.fdopen(descriptor, "wb") as stream:
            yield stream
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        if final_mode is not None:
            os.chmod(temporary, final_mode)
        os.replace(temporary, target)
    except BaseException as exc:
        temporary.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _cannot_write(path, exc) from None
        raise


@contextmanager
def atomic_text(
    path: Path, *, encoding: str = "utf-8", mode: int | None = None, durable: bool = False
) -> Iterator[TextIO]:
    """`atomic_file` for text in `encoding`, newlines written as given (a CSV writer's
    CRLF stays CRLF)."""
    with atomic_file(path, mode=mode, durable=durable) as raw:
        text = io.TextIOWrapper(raw, encoding=encoding, newline="")
        try:
            yield text
        finally:
            text.detach()  # flushes; `atomic_file` then closes (or drops) the file


def write_atomic(path: Path, data: str | bytes, *, mode: int | None = None) -> None:
    """Write a whole file atomically (see `atomic_file`): text as UTF-8, or bytes."""
    with atomic_file(path, mode=mode) as stream:
        stream.write(data if isinstance(data, bytes) else data.encode("utf-8"))
