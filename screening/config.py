"""A project's screening settings, kept in a file beside its supplier data.

`[tool.screen]` in a `pyproject.toml`, or the top level of a `screen.toml`, in the folder
a command runs in or one above it up to the repository root (the folder holding `.git`):
the nearest wins, and in one folder `screen.toml` before `pyproject.toml`. Outside a
repository only the folder itself is looked in, so a file in some parent folder of a
home directory never changes a run by surprise. A `pyproject.toml` without `[tool.screen]`
is passed over.

    [tool.screen]
    lists = ["lists/consolidated.csv"]   # or "sample"; default: the installed lists
    threshold = 90
    fail_on = "in-force"                 # any | pending | in-force | never
    decisions = "decisions.csv"
    max_age_days = 7
    allow_stale = false
    lang = "zh"                          # the interface language: en | zh

Paths are relative to the file's folder, so a setting means the same file from any folder
below it. Keys are written as here or with hyphens (`fail-on`); an unknown key is an error,
so a misspelt one is not silently ignored. The command line and the SCREEN_* environment
variables override the file (option > environment > file > default); the CLI applies that
order, this module only reads and checks the file.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from screening.errors import ConfigError
from screening.models import FailOn

CONFIG_FILE = "screen.toml"
PYPROJECT = "pyproject.toml"
#: The word that names the bundled sample list in `lists` (as `--list sample` does).
SAMPLE_LIST = "sample"
#: Interface languages a `lang` setting may name (a region may follow: zh-CN, zh_TW).
LANGUAGES = ("en", "zh")
_LANG = re.compile(r"^(?P<primary>[A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{2,8})*$")
_REPO_MARKER = ".git"


@dataclass(frozen=True, slots=True)
class ProjectConfig:
    """The settings a config file gives; None where it says nothing. `path` is the file
    read (None: no file), `where` how messages name it ("pyproject.toml [tool.screen]")."""

    path: Path | None = None
    lists: tuple[str, ...] | None = None
    threshold: float | None = None
    fail_on: str | None = None
    decisions: Path | None = None
    max_age_days: int | None = None
    allow_stale: bool | None = None
    lang: str | None = None

    @property
    def where(self) -> str:
        """The file and table the settings come from, as messages name them."""
        if self.path is None:
            return ""
        return f"{self.path} [tool.screen]" if self.path.name == PYPROJECT else str(self.path)

    def given(self) -> dict[str, Any]:
        """The settings the file gives, by key."""
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if f.name != "path" and getattr(self, f.name) is not None
        }


#: Every key a config file may hold.
KEYS: tuple[str, ...] = tuple(f.name for f in fields(ProjectConfig) if f.name != "path")


def search_folders(start: Path) -> tuple[Path, ...]:
    """The folders looked in for a config file, nearest first: `start` and its parents up
    to the repository root, or `start` alone outside a repository."""
    chain = (start, *start.parents)
    for depth, folder in enumerate(chain):
        if (folder / _REPO_MARKER).exists():
            return chain[: depth + 1]
    return chain[:1]


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}); fix the file") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text ({exc.reason}); save it as UTF-8") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def _table(path: Path) -> dict[str, Any] | None:
    """The settings table of a config file: all of screen.toml, `[tool.screen]` of a
    pyproject.toml (None when it has none)."""
    data = _read_toml(path)
    if path.name != PYPROJECT:
        return data
    tool = data.get("tool")
    table = tool.get("screen") if isinstance(tool, dict) else None
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{path}: tool.screen must be a table ([tool.screen]), not a value")
    return table


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest config file from `start` upwards (see the module's docstring) and its
    settings table, or None when there is none."""
    for folder in search_folders(start):
        for name in (CONFIG_FILE, PYPROJECT):
            path = folder / name
            if path.is_file() and (table := _table(path)) is not None:
                return path, table
    return None


def load_config(start: Path) -> ProjectConfig:
    """The settings of the nearest config file from `start` (none found: every setting None)."""
    found = find_config(start)
    return read_settings(*found) if found else ProjectConfig()


def read_config(path: Path) -> ProjectConfig:
    """The settings of this config file (a screen.toml, or a pyproject.toml's [tool.screen])."""
    if not path.is_file():
        raise ConfigError(f"config file {path} does not exist")
    return read_settings(path, _table(path) or {})


def read_settings(path: Path, table: dict[str, Any]) -> ProjectConfig:
    """Check the settings table of the file `path` and make it a ProjectConfig; the first
    bad key is a ConfigError naming the file and the key."""
    where = str(ProjectConfig(path=path).where)
    values: dict[str, Any] = {}
    for raw, value in table.items():
        key = raw.replace("-", "_")
        if key not in KEYS:
            raise ConfigError(
                f"{where}: unknown key {raw!r}; the keys are {', '.join(KEYS)} (hyphens allowed)"
            )
        if key in values:
            raise ConfigError(f"{where}: {key} is given twice (as {key} and with hyphens)")
        values[key] = _CHECKS[key](value, f"{where}: {raw}", path.parent)
    return ProjectConfig(path=path, **values)


def _type_name(value: object) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", str: "a string"}
    return names.get(type(value), "a " + type(value).__name__)


def _lists(value: object, where: str, base: Path) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        raise ConfigError(f'{where}: give a list file or an array of them (["a.csv"]), or "sample"')
    paths = []
    for item in items:
        if not isinstance(item, str) or not item.strip():
            raise ConfigError(f"{where}: each list is a path (a string), got {_type_name(item)}")
        text = item.strip()
        paths.append(text if text == SAMPLE_LIST else str(_path(text, base)))
    return tuple(paths)


def _path(text: str, base: Path) -> Path:
    path = Path(text).expanduser()
    return path if path.is_absolute() else base / path


def _threshold(value: object, where: str, base: Path) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
        raise ConfigError(f"{where}: must be a number from 0 to 100, got {value!r}")
    return float(value)


def _fail_on(value: object, where: str, base: Path) -> str:
    choices = [f.value for f in FailOn]
    if value not in choices:
        raise ConfigError(f"{where}: must be one of {', '.join(choices)}, got {value!r}")
    return str(value)


def _decisions(value: object, where: str, base: Path) -> Path:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: must be the path of the decisions file (a string)")
    return _path(value.strip(), base)


def _max_age_days(value: object, where: str, base: Path) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(f"{where}: must be a whole number of days, 0 or more, got {value!r}")
    return value


def _allow_stale(value: object, where: str, base: Path) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: must be true or false, got {value!r}")
    return value


def _lang(value: object, where: str, base: Path) -> str:
    found = _LANG.match(value) if isinstance(value, str) else None
    if found is None or found["primary"].lower() not in LANGUAGES:
        raise ConfigError(f"{where}: must be one of {', '.join(LANGUAGES)}, got {value!r}")
    return str(value)


_CHECKS = {
    "lists": _lists,
    "threshold": _threshold,
    "fail_on": _fail_on,
    "decisions": _decisions,
    "max_age_days": _max_age_days,
    "allow_stale": _allow_stale,
    "lang": _lang,
}
