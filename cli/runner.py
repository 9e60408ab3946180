"""How a command ends: the one line shown for an error, and the exit code."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

#: Set (to anything) to let an unexpected error end with its traceback, for a bug report.
TRACEBACK_ENV = "SCREEN_TRACEBACK"


def unexpected_error(exc: Exception) -> str:
    """The one line shown for an error the tool did not foresee (a bug, or input of a shape
    no check caught): what it was, and how to see where it happened."""
    from screening.audit_records import error_reason

    return (
        f"unexpected {type(exc).__name__}: {error_reason(exc)}; the run stopped. "
        f"Set {TRACEBACK_ENV}=1 to see where it happened, and please report it"
    )


@contextmanager
def stdout_report() -> Iterator[None]:
    """Write a report to standard output and make sure it got there: a full disk or a
    closed pipe is an error of the run (exit code 2), not a report silently lost. Once
    stdout has failed, it is pointed at the null device so the interpreter does not fail a
    second time (with a traceback) when it flushes stdout at exit."""
    from screening.errors import ConfigError

    try:
        yield
        sys.stdout.flush()
    except OSError as exc:
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):  # no descriptor (a test's buffer)
            pass
        reason = exc.strerror or str(exc)
        raise ConfigError(f"cannot write the report to standard output: {reason}") from None
