"""The baseline: the hits of an earlier `screen --format json` report, which do not fail
the gate again (they are reported, marked `in_baseline`). Hits are matched as decisions are
(`screening.review.keys`)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from screening.errors import InputFileError
from screening.models import Finding
from screening.review.keys import HitKey, finding_key, hit_key


class _DuplicateKeyError(ValueError):
    """A JSON object names one key twice (json would keep the last silently)."""


def _refuse_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise _DuplicateKeyError(f"key {key!r} appears twice in one object")
        found[key] = value
    return found


def _load_report(path: Path) -> Any:
    """The parsed JSON of a baseline report; anything unreadable is one error."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputFileError(f"baseline report {path} does not exist") from None
    except UnicodeDecodeError as exc:
        raise InputFileError(
            f"{path}: the baseline report is not UTF-8 text ({exc.reason})"
        ) from None
    except OSError as exc:
        raise InputFileError(f"cannot read baseline report {path}: {exc.strerror}") from None
    try:
        return json.loads(text, object_pairs_hook=_refuse_duplicate_keys)
    except RecursionError:
        raise InputFileError(
            f"{path}: the baseline report nests too deeply to be a `screen --format json` report"
        ) from None
    except json.JSONDecodeError as exc:
        raise InputFileError(
            f"{path}: the baseline report is not JSON ({exc.msg} at line {exc.lineno}, "
            f"column {exc.colno})"
        ) from None
    except ValueError as exc:  # a duplicated key, or an integer too long to read
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputFileError(f"{path}: the baseline report is not usable JSON ({reason})") from None


def _text_field(match: dict[str, Any], field: str, where: str) -> str:
    value = match.get(field)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputFileError(f"{where}: {field} is {type(value).__name__} {value!r:.40}, not text")
    return value


def baseline_keys(path: Path) -> set[HitKey]:
    """The hits of an earlier `--format json` report, filed like decisions: under the input
    id when the hit carries one, and under the normalised name (used only when the screened
    input has no id column; see `mark_baseline`). A report of another shape is one error
    naming the file and what is wrong."""
    report = _load_report(path)
    if not isinstance(report, dict) or not isinstance(report.get("matches"), list):
        raise InputFileError(
            f"{path}: not a JSON report of `screen --format json` (no 'matches' list)"
        )
    keys: set[HitKey] = set()
    for number, match in enumerate(report["matches"], start=1):
        where = f"{path}, match {number}"
        if not isinstance(match, dict):
            raise InputFileError(
                f"{where}: is {type(match).__name__}, not an object of `screen --format json`"
            )
        entry_id = _text_field(match, "entry_id", where)
        if not entry_id.strip():
            raise InputFileError(f"{where}: has no entry_id")
        input_id = _text_field(match, "input_id", where)
        input_name = _text_field(match, "input_name", where)
        for by_name in (False, True):
            key = hit_key(entry_id, input_id, input_name, by_name=by_name)
            if key is not None:
                keys.add(key)
    return keys


def mark_baseline(
    findings: Iterable[Finding], keys: set[HitKey], *, by_name: bool = False
) -> tuple[Finding, ...]:
    """The findings, those already in the baseline report marked so: by entry and input
    id, or, when the screened input has no id column (`by_name`), by entry and name."""
    marked = []
    for finding in findings:
        key = finding_key(finding, by_name=by_name)
        marked.append(replace(finding, in_baseline=True) if key in keys else finding)
    return tuple(marked)
