"""Every command-line default that stands for a library default equals it.

The options are read from the Typer app itself (the click command it builds), so a default
typed into the command line by hand, or a library default changed without the option,
fails here rather than in a user's run."""

from __future__ import annotations

import inspect
from typing import Any

import pytest
import typer.main
from screening_cli.app import app
from typer.core import TyperGroup

from screening import defaults
from screening.lists.update import UpdateOptions
from screening.models import Gate
from screening.options import ReadOptions, ScreenOptions
from screening.screen import lookup


def option_defaults(command: str) -> dict[str, Any]:
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    return {param.name: param.default for param in group.commands[command].params}


@pytest.mark.parametrize("command", ["check", "lookup", "explain"])
def test_the_gate_options_default_to_the_library_gate(command):
    options = option_defaults(command)
    assert options["threshold"] == defaults.DEFAULT_THRESHOLD == Gate().threshold
    assert options["fail_on"].value == Gate().fail_on.value


def test_check_reads_and_warns_as_the_library_does_by_default():
    options = option_defaults("check")
    assert options["chunk_rows"] == defaults.CHUNK_ROWS == ReadOptions().chunk_rows
    assert options["max_age_days"] == defaults.MAX_AGE_DAYS
    show_from = ScreenOptions.__dataclass_fields__["show_from"].default
    assert options["show_from"] is show_from is None  # near misses only when asked


def test_lookup_shows_what_the_library_lookup_shows():
    options = option_defaults("lookup")
    assert options["show_from"] == defaults.LOOKUP_SHOW_FROM
    library_limit = inspect.signature(lookup).parameters["limit"].default
    assert options["limit"] == defaults.LOOKUP_LIMIT == library_limit


def test_update_downloads_within_the_library_limits():
    options = option_defaults("update")
    library = UpdateOptions()
    assert options["deadline"] == defaults.DEADLINE_SECONDS == library.deadline
    assert options["max_size"] * 2**20 == defaults.MAX_FILE_BYTES == library.max_bytes
    assert options["retries"] + 1 == library.attempts  # one first try, then the retries
