"""The project config file on the command line: which file applies (SCREEN_CONFIG, else the
nearest from the current folder up, see `screening.config`), its settings given to the
commands as Click's `default_map` (so an option, then its SCREEN_* variable, then the file,
then the built-in default decide), and `screen config`, which shows the outcome."""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from screening_cli.options import LangOption, TextFormatChoice
from screening_cli.runner import run_command

if TYPE_CHECKING:
    from screening.config import ProjectConfig

#: A config file to read instead of searching for one; set but empty: read none.
CONFIG_ENV = "SCREEN_CONFIG"
#: The interface language, over the file's `lang` (`--lang` is over both).
LANG_ENV = "SCREEN_LANG"
DEFAULT_LANG = "en"
#: Where a setting came from when the config file gave it.
FROM_FILE = "config file"
#: The settings `screen config` shows, in this order: the config file's keys, each an option
#: of `screen check` of the same name.
SETTINGS = ("lists", "threshold", "fail_on", "decisions", "max_age_days", "allow_stale", "lang")


def project_config() -> ProjectConfig:
    """The settings of the config file that applies to a run from the current folder."""
    from screening.config import ProjectConfig, load_config, read_config

    named = os.environ.get(CONFIG_ENV)
    if named is not None:
        return read_config(Path(named).expanduser()) if named.strip() else ProjectConfig()
    return load_config(Path.cwd())


def command_defaults(command: TyperCommand, config: ProjectConfig) -> dict[str, Any]:
    """The config file's settings that `command` has an option for, as its default_map."""
    names = {p.name for p in command.params}
    defaults: dict[str, Any] = {}
    for key, value in config.given().items():
        if key in names:
            defaults[key] = [str(v) for v in value] if key == "lists" else _plain(value)
    return defaults


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Path) else value


def config_default_map(group: TyperGroup, name: str) -> dict[str, Any] | None:
    """The default_map of the group's context for running the command `name`: the config
    file's settings for it. A config file that cannot be used ends the run (exit 2, one
    line naming the file and key)."""
    from screening.errors import ScreeningError
    from screening_cli.runner import fail

    command = group.commands.get(name)
    names = {p.name for p in command.params} if isinstance(command, TyperCommand) else set()
    shared = names & set(SETTINGS)
    if not isinstance(command, TyperCommand) or not shared:
        return None
    try:
        config = project_config()
    except ScreeningError as exc:
        if shared <= {"lang"}:
            return None  # a command the file gives only its language (update, diff...) runs
        from screening.i18n import error_origins

        fail(str(exc), error_origins(exc))
    defaults = command_defaults(command, config)
    return {name: defaults} if defaults else None


def _shown(value: Any) -> Any:
    """A setting's value as JSON shows it."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, list | tuple):
        return [_shown(v) for v in value] or None
    return value


def _source(ctx: Any, name: str, envvar: object) -> str:
    """Where Click took a parameter's value from, in words."""
    source = getattr(ctx.get_parameter_source(name), "name", "")
    if source == "ENVIRONMENT":
        return f"environment {envvar}"
    if source == "DEFAULT_MAP":
        return FROM_FILE
    return "default"


def effective_settings(group: TyperGroup, config: ProjectConfig) -> dict[str, dict[str, Any]]:
    """Each setting's value for a `screen check` run from here, and where it came from:
    worked out by Click itself from the same default_map a run gets, so it cannot differ."""
    check = group.commands["check"]
    assert isinstance(check, TyperCommand)
    defaults = command_defaults(check, config)
    try:
        ctx = check.make_context("check", ["-"], default_map=defaults)
    except typer.BadParameter as exc:  # a SCREEN_* variable Click cannot read
        from screening.errors import ConfigError

        raise ConfigError(exc.format_message()) from None
    params = {p.name: p for p in check.params}
    found: dict[str, dict[str, Any]] = {}
    for name in SETTINGS:
        param = params[name]
        if name == "lang":
            found[name] = _lang(ctx, param.envvar)
            continue
        found[name] = {
            "value": _shown(ctx.params.get(name)),
            "from": _source(ctx, name, param.envvar),
        }
    return found


def _lang(ctx: Any, envvar: object) -> dict[str, Any]:
    """The interface language: SCREEN_LANG, the file's `lang`, the locale, else English.
    SCREEN_LANG is checked like the file's, so a typo shows here before a run uses it."""
    from screening.config import read_settings
    from screening_cli.options import locale_language

    value = ctx.params.get("lang")
    if value:
        source = _source(ctx, "lang", envvar)
        if source.startswith("environment"):
            read_settings(Path(LANG_ENV), {"lang": value})  # the same check as the file's
        return {"value": value, "from": source}
    found = locale_language()
    if found is not None:
        return {"value": found[0], "from": f"locale {found[1]}"}
    return {"value": DEFAULT_LANG, "from": "default"}


def _text(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def config(
    ctx: typer.Context,
    fmt: Annotated[
        TextFormatChoice, typer.Option("--format", "-f", help="Output format.")
    ] = TextFormatChoice.table,
    lang: LangOption = None,
) -> None:
    """Show the settings a run from this folder uses, and where each comes from."""

    def action() -> int:
        from screening.config import CONFIG_FILE, PYPROJECT, search_folders

        group = ctx.parent.command if ctx.parent is not None else None
        assert isinstance(group, TyperGroup)
        project = project_config()
        settings = effective_settings(group, project)
        if fmt is TextFormatChoice.json:
            record = {
                "config_file": str(project.path) if project.path else None,
                "settings": settings,
            }
            sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
            return 0
        if project.path is not None:
            typer.echo(f"Config file: {project.where}")
        elif os.environ.get(CONFIG_ENV) is not None:
            typer.echo(f"Config file: none ({CONFIG_ENV} is empty)")
        else:
            looked = search_folders(Path.cwd())
            typer.echo(
                f"Config file: none (no {CONFIG_FILE} or [tool.screen] in {PYPROJECT} from "
                f"{looked[0]} up to {looked[-1]})"
            )
        width = max(len(name) for name in settings)
        for name, setting in settings.items():
            value = _text(setting["value"])
            if name == "lists" and setting["value"] is None:
                value = "(the installed lists, from `screen update`)"
            typer.echo(f"  {name.ljust(width)}  {value}  ({setting['from']})")
        return 0

    run_command(action)
