"""The `screen` application: the commands, and `screen FILE` as short for `screen check FILE`.

Exit codes: 0 screened and nothing fails the gate; 1 at least one match fails the gate;
2 usage or input error, or any failure (one line on stderr, no traceback); 130 interrupted
(Ctrl-C), with no report left behind.
"""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperGroup

from screening_cli.check import check
from screening_cli.explain import explain
from screening_cli.history import history
from screening_cli.lists import diff, lists, update
from screening_cli.lookup import lookup
from screening_cli.review import review
from screening_cli.watch import rescreen, watch_app

DEFAULT_COMMAND = "check"
#: Group-level arguments that must not be routed to the default command.
_GROUP_ARGS = {"--help", "-h", "--version", "--install-completion", "--show-completion"}


class DefaultCommandGroup(TyperGroup):
    """Route `screen FILE ...` to `screen check FILE ...` when FILE is not a command name."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in _GROUP_ARGS:
            args = [DEFAULT_COMMAND, *args]
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=DefaultCommandGroup,
    name="screen",
    help=(
        "Screen suppliers and customers against export-control and sanctions lists, and say "
        "whether each listing is in force on a date. An aid to compliance review, not a "
        "legal determination.\n\n`screen FILE` is short for `screen check FILE`."
    ),
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_show_locals=False,
)
app.command(DEFAULT_COMMAND)(check)
app.command()(lookup)
app.command()(explain)
app.command()(update)
app.command("lists")(lists)
app.command()(diff)
app.command()(history)
app.command()(review)
app.add_typer(watch_app, name="watch")
app.command()(rescreen)


def main() -> None:
    """Console-script entry point."""
    app()
