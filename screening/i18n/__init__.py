"""The language people read: messages translated through gettext catalogs, English the source.

The catalogs are `screening/locale/<lang>/LC_MESSAGES/screening.po` (the translations, edited
by people) and the `.mo` compiled from each (read here by the standard library's `gettext`);
both are committed and shipped as package data, and a test checks that the `.mo` is the
`.po` compiled (`tools/catalog.py compile` rewrites it).

What is translated, and what stays English:

* what a person reads in the terminal and in the reports made for people (table and card
  headings and labels, statuses, gate verdicts, the summary line, HTML/JUnit/SARIF/GitHub
  messages): written as `_("...")` where it is drawn;
* the library's error and warning messages: written as English f-strings where they are
  raised (`raise InputFileError(f"{path}: ...")`), and translated where they are shown by
  `translate_message`, which finds the raising f-string's *template* in the catalog
  (`screening.i18n.extract`) and fills its Chinese template with the values the English
  message holds. A raised message's template is filed under the raising module (its
  msgctxt), and an error is matched only against the templates of the modules it was
  raised in (`error_origins`), so a message of another module that happens to fit a
  template is never half translated; a message without a translated template is shown
  in English;
* never: the JSON, CSV and Parquet reports' field names and values (a machine contract),
  list data (names, citations, license policies), file paths, option names and commands.

The language is the caller's to choose (`set_language`, or `use_language` for a block); the
library never reads the environment for it. It lives in a context variable, so a thread or
task may use its own; worker processes forked by a run inherit it.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from importlib import resources

#: The gettext domain: the catalogs' file name.
DOMAIN = "screening"
DEFAULT_LANGUAGE = "en"
#: The interface's languages: English (the messages as written) and Simplified Chinese.
LANGUAGES = ("en", "zh")
#: Locale names that carry no language (the POSIX defaults).
_NO_LANGUAGE = frozenset({"", "c", "posix"})
#: Values substituted into a template are themselves translated when they are a whole
#: message of their own (a row's skip reason inside a summary): this deep at most.
MAX_NESTING = 2

_language: ContextVar[str] = ContextVar("screening_language", default=DEFAULT_LANGUAGE)
_TAG = re.compile(r"^(?P<primary>[A-Za-z]{2,3})(?:[-_.@].*)?$")


def language_of(tag: str | None) -> str | None:
    """The interface language a locale or language tag asks for ("zh_CN.UTF-8", "zh-TW",
    "zh", "en_US"): one of `LANGUAGES`, or None when it names none of them ("C", "fr_FR",
    "")."""
    text = (tag or "").strip()
    if text.lower() in _NO_LANGUAGE:
        return None
    found = _TAG.match(text.split(":")[0])
    primary = found["primary"].lower() if found else ""
    return primary if primary in LANGUAGES else None


def set_language(language: str) -> None:
    """Use `language` ("en", "zh", or a tag such as "zh_CN") from now on in this context;
    a language the tool has no catalog for is English."""
    _language.set(language_of(language) or DEFAULT_LANGUAGE)


def current_language() -> str:
    """The language messages are translated to now."""
    return _language.get()


@contextmanager
def use_language(language: str) -> Iterator[None]:
    """Translate to `language` inside the block, then go back to the language before."""
    token = _language.set(language_of(language) or DEFAULT_LANGUAGE)
    try:
        yield
    finally:
        _language.reset(token)


@cache
def catalog(language: str) -> gettext.NullTranslations:
    """The compiled catalog of `language`: the messages unchanged when there is none."""
    if language == DEFAULT_LANGUAGE:
        return gettext.NullTranslations()
    path = resources.files("screening") / "locale" / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with path.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    except OSError:
        return gettext.NullTranslations()


def _(message: str) -> str:
    """`message` in the current language (itself when the catalog has no translation)."""
    return catalog(current_language()).gettext(message)


def N_(message: str) -> str:
    """Mark `message` for the catalog without translating it yet: it is translated where
    it is shown, with `_`."""
    return message


# --- messages written as f-strings: found by their template ------------------------------

#: A placeholder of a template: `{...}` with its braces balanced, not `{{` or `}}`.
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{((?:[^{}]|\{[^{}]*\})+)\}")


#: gettext's separator of a message's context and its id in a compiled catalog.
_CONTEXT_END = "\x04"


@dataclass(frozen=True, slots=True)
class _Template:
    """A catalog message with placeholders, compiled to find the values in English text."""

    context: str  # the module that raises it; "" for a message shown, not raised
    pattern: re.Pattern[str]
    names: tuple[str, ...]  # the placeholders, in the order of the pattern's groups
    translation: str
    literal: int  # characters of fixed text: the more, the surer a match


def _pattern(msgid: str) -> tuple[str, tuple[str, ...], int]:
    parts: list[str] = []
    names: list[str] = []
    literal = end = 0
    for found in _PLACEHOLDER.finditer(msgid):
        text = msgid[end : found.start()]
        parts.append(re.escape(text))
        literal += len(text)
        if found.group(1) is None:  # an escaped brace
            parts.append(re.escape(found.group(0)[0]))
            literal += 1
        else:
            parts.append(f"(?P<g{len(names)}>.*?)")
            names.append(found.group(1))
        end = found.end()
    parts.append(re.escape(msgid[end:]))
    literal += len(msgid) - end
    return "".join(parts), tuple(names), literal


def placeholders(text: str) -> list[str]:
    """The placeholders of a template, in order (`{path}` gives "path")."""
    return [m.group(1) for m in _PLACEHOLDER.finditer(text) if m.group(1) is not None]


@cache
def _templates(language: str) -> tuple[_Template, ...]:
    """The catalog's messages with placeholders, the most specific (most fixed text) first."""
    messages = getattr(catalog(language), "_catalog", {})
    found = []
    for key, translation in messages.items():
        if not isinstance(key, str) or not key or "{" not in key:
            continue
        context, _sep, msgid = key.rpartition(_CONTEXT_END)
        pattern, names, literal = _pattern(msgid)
        if names:
            compiled = re.compile(pattern, re.DOTALL)
            found.append(_Template(context, compiled, names, translation, literal))
    return tuple(sorted(found, key=lambda t: -t.literal))


def _fill(translation: str, values: dict[str, str]) -> str:
    def value(found: re.Match[str]) -> str:
        if found.group(1) is None:
            return found.group(0)[0]
        return values.get(found.group(1), found.group(0))

    return _PLACEHOLDER.sub(value, translation)


#: Longer messages are not matched against the templates: a regular expression with several
#: lazy groups may take time of a high power of the length, and a message this long holds
#: data (a pasted name, a parser's dump) more than words to translate.
MAX_TEMPLATE_MATCH = 2_000


def error_origins(exc: BaseException) -> tuple[str, ...]:
    """The modules of this project an error was raised in: the innermost frame of its
    traceback that is the project's (`screening...`, `screening_cli...`), for it and for
    each error it was raised from (`raise ... from`, or during the handling of)."""
    origins: list[str] = []
    seen: set[int] = set()
    error: BaseException | None = exc
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        frame, module = error.__traceback__, ""
        while frame is not None:
            name = str(frame.tb_frame.f_globals.get("__name__", ""))
            if name.split(".")[0] in ("screening", "screening_cli"):
                module = name
            frame = frame.tb_next
        if module and module not in origins:
            origins.append(module)
        error = error.__cause__ or error.__context__
    return tuple(origins)


def translate_message(text: str, origins: tuple[str, ...] = (), *, _depth: int = 0) -> str:
    """A message built in English in the current language: the catalog's translation of
    the message itself, else of the template it was made from, with the values it holds
    put back (a value that is itself a known message of several words translated too); the
    English text when neither is known.

    `origins`: for an error, the modules it was raised in (`error_origins`): its templates
    are looked for among those raised there. Without, among the messages shown as they are
    (warnings, the CLI's own lines)."""
    language = current_language()
    if language == DEFAULT_LANGUAGE or not text:
        return text
    translations = catalog(language)
    for context in origins:
        translated = translations.pgettext(context, text)
        if translated != text:
            return translated
    translated = translations.gettext(text)
    if translated != text or len(text) > MAX_TEMPLATE_MATCH:
        return translated
    contexts = set(origins) or {""}
    for template in _templates(language):
        found = template.pattern.fullmatch(text) if template.context in contexts else None
        if found is not None:
            return _fill(template.translation, _values(template, found, _depth))
    return text


def _values(template: _Template, found: re.Match[str], depth: int) -> dict[str, str]:
    """The values a message holds, by placeholder; a value of several words that is a
    message of its own translated too."""
    values: dict[str, str] = {}
    for i, name in enumerate(template.names):
        value = found.group(f"g{i}")
        if depth < MAX_NESTING and " " in value:
            value = translate_message(value, _depth=depth + 1)
        values.setdefault(name, value)
    return values
