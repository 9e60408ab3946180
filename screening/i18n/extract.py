"""Find the messages a person reads in the source: what the catalogs must translate.

Two kinds, found by reading the code (its syntax tree), never by running it:

* strings marked for translation: the first argument of `_(...)` or `N_(...)` (a literal);
* messages written as f-strings where they are raised or shown: the message of
  `raise SomethingError(...)`, of `fail(...)`, of `print_warning(console, ...)` and of
  `warnings.append(...)`. Each becomes a *template*: its text with every `{expression}`
  kept as written (`{path}`, `{exc.strerror or exc}`, `{value!r}`, `{share:g}`), the names
  a translation keeps and `screening.i18n.translate_message` fills back in. A raised
  message's template has the raising module as its gettext context (msgctxt), so that an
  error is only ever read as a message of the module that raised it.

Messages built from pieces elsewhere (a variable holding a sentence) are not found; they stay
English unless marked with `N_`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

#: Calls whose first argument is a message to translate as it stands.
MARKERS = frozenset({"_", "N_"})
#: Calls whose message argument is shown to a person as it is (by position).
SHOWN_AT = {"fail": 0, "print_warning": 1}


@dataclass(frozen=True, slots=True)
class Message:
    """A message, where it is written (`path:line`), and its context: the raising module's
    name for a raised template, "" for the others."""

    msgid: str
    where: str
    context: str = ""


def _expression(node: ast.FormattedValue) -> str:
    """A formatted value as written between its braces: expression, conversion, spec."""
    text = ast.unparse(node.value)
    if node.conversion != -1:
        text += "!" + chr(node.conversion)
    if node.format_spec is not None:
        spec = node.format_spec
        assert isinstance(spec, ast.JoinedStr)
        text += ":" + "".join(
            str(v.value) if isinstance(v, ast.Constant) else "{" + _expression(v) + "}"
            for v in spec.values
            if isinstance(v, ast.Constant | ast.FormattedValue)
        )
    return text


def template(node: ast.expr) -> str | None:
    """The template of a message expression: a string, an f-string, or several joined
    with `+`; None for anything else (a variable, a call)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.replace("{", "{{").replace("}", "}}")
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value).replace("{", "{{").replace("}", "}}"))
            elif isinstance(value, ast.FormattedValue):
                parts.append("{" + _expression(value) + "}")
        return "".join(parts)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = template(node.left), template(node.right)
        return None if left is None or right is None else left + right
    return None


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _marked(node: ast.Call) -> str | None:
    """The literal a marker call marks (braces as written: it is formatted later)."""
    if _name(node.func) in MARKERS and node.args:
        first = node.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return first.value
    return None


def _shown(node: ast.Call) -> ast.expr | None:
    """The message argument of a call that raises or shows one."""
    name = _name(node.func)
    if name.endswith("Error") and node.args:
        return node.args[0]
    if name in SHOWN_AT and len(node.args) > SHOWN_AT[name]:
        return node.args[SHOWN_AT[name]]
    func = node.func
    if (
        name == "append"
        and isinstance(func, ast.Attribute)
        and _name(func.value) == "warnings"
        and node.args
    ):
        return node.args[0]
    return None


def module_name(path: Path) -> str:
    """The module a source file is imported as (`cli/screening_cli/check.py` is
    `screening_cli.check`, `screening/lists/__init__.py` is `screening.lists`)."""
    parts = list(path.with_suffix("").parts)
    start = max(i for i, part in enumerate(parts) if part in ("screening", "screening_cli"))
    parts = parts[start:]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def messages_in(path: Path, *, templates: bool = True) -> Iterator[Message]:
    """The messages of one source file, in order; with `templates`, the raised and shown
    f-strings as well as the marked strings."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    raised = {id(n.exc) for n in ast.walk(tree) if isinstance(n, ast.Raise) and n.exc}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        where = f"{path.as_posix()}:{node.lineno}"
        if (marked := _marked(node)) is not None:
            yield Message(marked, where)
            continue
        if not templates:
            continue
        name = _name(node.func)
        if name.endswith("Error") and id(node) not in raised:
            continue  # an error built, not raised here (its message may be changed first)
        argument = _shown(node)
        if argument is None:
            continue
        text = template(argument)
        if text and any(c.isalpha() for c in text):
            context = module_name(path) if name.endswith("Error") else ""
            yield Message(text, where, context)


def extract(files: list[Path], *, templates_in: frozenset[Path] | None = None) -> list[Message]:
    """The messages of `files`; raised and shown f-strings only from `templates_in` (None:
    from every file)."""
    found: list[Message] = []
    for path in files:
        found.extend(messages_in(path, templates=templates_in is None or path in templates_in))
    return found


#: The packages whose marked strings the catalogs translate (paths from the project root).
PACKAGES = ("screening", "cli/screening_cli")
#: Where the raised and shown f-strings are translated too: the CLI, and the library modules
#: whose errors and warnings a person screening a file meets (the supplier file, the config
#: file, options and dates, list resolution, decisions, ownership, row warnings). Errors of
#: the list parsers, downloads, the Dask engine and the audit database stay English.
TEMPLATE_MODULES = (
    "cli/screening_cli",
    "screening/inputs.py",
    "screening/workbook.py",
    "screening/files.py",
    "screening/config.py",
    "screening/options.py",
    "screening/dates.py",
    "screening/screen.py",
    "screening/models.py",
    "screening/lists/__init__.py",
    "screening/lists/store.py",
    "screening/review/decisions.py",
    "screening/ownership/input.py",
    "screening/ownership/lookthrough.py",
    "screening/engines/local.py",
    "screening/report/__init__.py",
)


#: Messages kept in module constants and shown as they are (an error raised with the
#: constant, a row's skip reason): the constants' names, by module.
CONSTANTS = {
    "cli/screening_cli/places.py": ("NO_LISTS",),
    "screening/lists/__init__.py": ("BUNDLED_SAMPLE_NOTE",),
    "screening/models.py": ("EMPTY_NAME",),
    "screening/match.py": ("NO_LETTERS", "ONLY_LEGAL_FORMS"),
}


def constants_in(path: Path, names: tuple[str, ...]) -> Iterator[Message]:
    """The string values of the module-level constants `names` of one source file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in tree.body:
        target = node.targets[0] if isinstance(node, ast.Assign) else getattr(node, "target", None)
        value = getattr(node, "value", None)
        if (
            isinstance(target, ast.Name)
            and target.id in names
            and isinstance(value, ast.Constant)
            and isinstance(value.value, str)
        ):
            yield Message(value.value, f"{path.as_posix()}:{node.lineno}")


def project_messages(root: Path) -> dict[tuple[str, str], list[str]]:
    """Every message of the project under `root` the catalogs translate, as (msgid,
    context), with where each is written (paths relative to `root`), in the order first
    found."""
    files = sorted(p for package in PACKAGES for p in (root / package).rglob("*.py"))
    templated = frozenset(
        p
        for module in TEMPLATE_MODULES
        for p in ((root / module).rglob("*.py") if (root / module).is_dir() else [root / module])
    )
    found: dict[tuple[str, str], list[str]] = {}
    constants = [m for path, names in CONSTANTS.items() for m in constants_in(root / path, names)]
    for message in [*extract(files, templates_in=templated), *constants]:
        where = (
            Path(message.where).relative_to(root).as_posix() if root != Path() else message.where
        )
        found.setdefault((message.msgid, message.context), []).append(where)
    return found
