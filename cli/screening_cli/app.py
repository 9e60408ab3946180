"""The `screen` application: the commands, and `screen FILE` as short for `screen check FILE`.

Exit codes: 0 screened and nothing fails the gate; 1 at least one match fails the gate;
2 usage or input error, or any failure (one line on stderr, no traceback); 130 interrupted
(Ctrl-C), with no report left behind.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from screening_cli.check import check
from screening_cli.config import config, config_default_map
from screening_cli.explain import explain
from screening_cli.history import history
from screening_cli.lists import diff, lists, update
from screening_cli.lookup import lookup
from screening_cli.review import review
from screening_cli.watch import rescreen, watch_app
from screening_cli.why import why

DEFAULT_COMMAND = "check"
HELP_OPTIONS = ["-h", "--help"]
#: Group-level arguments that must not be routed to the default command.
_GROUP_ARGS = {*HELP_OPTIONS, "--version", "--install-completion", "--show-completion"}


class DefaultCommandGroup(TyperGroup):
    """Route `screen FILE ...` to `screen check FILE ...` when FILE is not a command name,
    and give the command the project config file's settings as defaults (Click's
    default_map: an option, then its environment variable, then the file decide)."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        args = self._language_after_command(args)
        if args and args[0] not in self.commands and args[0] not in _GROUP_ARGS:
            args = [DEFAULT_COMMAND, *args]
        if args and args[0] in self.commands and not set(args[1:]) & set(HELP_OPTIONS):
            ctx.default_map = config_default_map(self, args[0])
        return super().parse_args(ctx, args)

    def _language_after_command(self, args: list[str]) -> list[str]:
        """`screen --lang zh lookup NAME` as `screen lookup --lang zh NAME`: every command
        takes --lang, so it may come before the command's name too."""
        if args[:1] == ["--lang"] and len(args) > 1:
            given, rest = args[:2], args[2:]
        elif args[:1] and args[0].startswith("--lang="):
            given, rest = args[:1], args[1:]
        else:
            return args
        if rest and rest[0] in self.commands:
            return [rest[0], *given, *rest[1:]]
        return [*given, *rest]


def _version(value: bool) -> None:
    """--version: the installed package's version, from its metadata."""
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"screen {version('screening')}")
        except PackageNotFoundError:
            typer.echo("screen (version unknown: the screening package is not installed)")
        raise typer.Exit()


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
    context_settings={"help_option_names": HELP_OPTIONS},
)


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """The options of `screen` itself, before any command."""


app.command(DEFAULT_COMMAND)(check)
app.command()(lookup)
app.command()(explain)
app.command()(why)
app.command()(update)
app.command("lists")(lists)
app.command()(diff)
app.command()(history)
app.command()(review)
app.command()(config)
app.add_typer(watch_app, name="watch")
app.command()(rescreen)


def main() -> None:
    """Console-script entry point."""
    app()
