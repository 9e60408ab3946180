"""How a command runs and ends: its body's errors become one line on stderr and exit code 2,
Ctrl-C ends with 130, a report on standard output is checked to have got there."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import NoReturn

import typer

#: Set (to anything) to let an unexpected error end with its traceback, for a bug report.
TRACEBACK_ENV = "SCREEN_TRACEBACK"
#: Exit code of a run stopped by Ctrl-C: 128 + SIGINT, as shells report it.
EXIT_INTERRUPTED = 130
#: Exit code of a run stopped by SIGTERM: 128 + 15, as shells report it.
EXIT_TERMINATED = 143


def fail(message: str, origins: tuple[str, ...] = ()) -> NoReturn:
    """End the command: one red line on stderr, exit code 2. `origins`: the modules an
    error's message was raised in, which its translation is looked for among
    (`screening.i18n.translate_message`)."""
    from screening_cli.render import console, print_error

    print_error(console(stderr=True), message, origins)
    raise typer.Exit(code=2)


def unexpected_error(exc: Exception) -> str:
    """The one line shown for an error the tool did not foresee (a bug, or input of a shape
    no check caught): what it was, and how to see where it happened."""
    from screening.audit import error_reason

    return (
        f"unexpected {type(exc).__name__}: {error_reason(exc)}; the run stopped. "
        f"Set {TRACEBACK_ENV}=1 to see where it happened, and please report it"
    )


def run_command(action: Callable[[], int]) -> NoReturn:
    """Run a command body and end with the exit code it returns. Library errors become one
    line on stderr and exit code 2; so does any other exception (exit code 1 means only that
    a hit fails the gate, so an error must never end with it), unless SCREEN_TRACEBACK asks
    for the traceback."""
    from screening.errors import ScreeningError
    from screening.i18n import error_origins

    try:
        code = action()
    except ScreeningError as exc:
        fail(str(exc), error_origins(exc))
    except KeyboardInterrupt:
        from screening_cli.render import console

        console(stderr=True).print("interrupted: no report was written", style="red")
        raise typer.Exit(code=EXIT_INTERRUPTED) from None
    except Exception as exc:
        if os.environ.get(TRACEBACK_ENV):
            raise
        fail(unexpected_error(exc))
    raise typer.Exit(code=code)


def parse_date(value: str | None, option: str) -> date:
    """A date option as the user typed it (YYYY-MM-DD); None is today. The error names the
    option."""
    from screening.dates import iso_date
    from screening.errors import ConfigError

    day = iso_date(value, option, ConfigError) if value is not None else None
    if day is None and value is not None:
        raise ConfigError(f"{option}: the date is empty; write it as YYYY-MM-DD")
    return day or date.today()


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
