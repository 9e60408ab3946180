"""The HTML report: one self-contained page for reviewers (inline CSS, a few lines of inline
script that sort a table by the clicked column header, no external resources).

Summary, hits with their status in colour, ownership findings, and the lists used with
their date and sha256. Every value from the input or the lists is escaped.
"""

from __future__ import annotations

from html import escape
from typing import Any

from screening.i18n import N_, _, current_language
from screening.models import ScreeningResult
from screening.report.context import ReportContext, input_file
from screening.report.fields import flat, match_record, ownership_record, result_record
from screening.report.summary import summary_line

_STYLE = """
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.3em .5em;
vertical-align:top;text-align:left}th{background:#eee;cursor:pointer;user-select:none}
td.num{text-align:right}.in_force{background:#f8d7da}.pending{background:#fff3cd}
.removed{background:#e2e3e5}.suspended{background:#e2e3e5}.fail{font-weight:bold;color:#a00}
code{font-size:12px}
"""
#: Click a header to sort its table by that column (numbers as numbers); again to reverse.
_SCRIPT = """
document.querySelectorAll("table.sortable th").forEach(function (th, col) {
  th.addEventListener("click", function () {
    var body = th.closest("table").tBodies[0], up = th.dataset.dir !== "asc";
    var key = function (r) { var t = r.cells[col].textContent, n = parseFloat(t);
      return isNaN(n) ? t.toLowerCase() : n; };
    Array.from(body.rows).sort(function (a, b) { var x = key(a), y = key(b);
      return (x < y ? -1 : x > y ? 1 : 0) * (up ? 1 : -1); })
      .forEach(function (r) { body.appendChild(r); });
    th.dataset.dir = up ? "asc" : "desc";
  });
});
"""
_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"

#: The hits table's columns: the JSON field shown, and its heading (marked for the catalog).
HIT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("row", N_("Row")),
    ("input_id", N_("Input id")),
    ("input_name", N_("Input name")),
    ("entry_name", N_("Listed entry")),
    ("matched_name", N_("Matched name")),
    ("entry_id", N_("Entry id")),
    ("list", N_("List")),
    ("score", N_("Score")),
    ("status", N_("Status")),
    ("start_date", N_("Start")),
    ("end_date", N_("End")),
    ("federal_register_notice", N_("FR citation")),
    ("license_requirement", N_("License requirement")),
    ("license_policy", N_("License policy")),
    ("fails_gate", N_("Fails gate")),
    ("finding", N_("Found by")),
    ("matched_column", N_("Input column")),
    ("evidence_agrees", N_("Agrees")),
    ("evidence_differs", N_("Differs")),
    ("evidence_missing", N_("Missing")),
    ("explanation", N_("Why")),
)
OWNERSHIP_COLUMNS: tuple[tuple[str, str], ...] = (
    ("row", N_("Row")),
    ("input_name", N_("Input name")),
    ("share", N_("Share %")),
    ("rule_title", N_("Rule")),
    ("rule_status", N_("Rule status")),
    ("owners", N_("Owners")),
    ("path", N_("Path")),
    ("fails_gate", N_("Fails gate")),
)
LIST_COLUMNS: tuple[tuple[str, str], ...] = (
    ("name", N_("List")),
    ("entries", N_("Entries")),
    ("date", N_("Date")),
    ("format", N_("Format")),
    ("sha256", "sha256"),
)
#: Cells whose value is shown in words: a status keeps its value as the row's CSS class.
_WORDS = {
    "in_force": N_("in force"),
    "pending": N_("pending"),
    "removed": N_("removed"),
    "suspended": N_("suspended"),
}


#: The columns whose values are statuses, shown in words.
_STATUS_KEYS = frozenset({"status", "rule_status"})


def _text(value: Any, key: str = "") -> str:
    if value is None:
        return ""
    value = flat(value)
    if isinstance(value, bool):
        value = _("yes") if value else _("no")
    if key in _STATUS_KEYS and isinstance(value, str) and value in _WORDS:
        value = _(_WORDS[value])
    if isinstance(value, float):
        value = f"{value:g}"
    return escape(str(value))


def _table(table_id: str, columns: tuple[tuple[str, str], ...], rows: list[dict[str, Any]]) -> str:
    head = "".join(f"<th>{escape(_(title))}</th>" for _key, title in columns)
    body = []
    for record in rows:
        status = str(record.get("status") or record.get("rule_status") or "")
        gate = " fail" if record.get("fails_gate") else ""
        cells = "".join(
            f'<td class="num">{_text(record.get(key))}</td>'
            if key in ("row", "score", "share", "entries")
            else f"<td>{_text(record.get(key), key)}</td>"
            for key, _title in columns
        )
        body.append(f'<tr class="{escape(status)}{gate}">{cells}</tr>')
    return (
        f'<table id="{table_id}" class="sortable"><thead><tr>{head}</tr></thead>'
        f"<tbody>\n" + "\n".join(body) + "\n</tbody></table>\n"
    )


def render_html(result: ScreeningResult, context: ReportContext | None = None) -> str:
    """The result as one HTML page."""
    record = result_record(result)
    source = input_file(context)
    title = _("Screening report as of {date}").format(date=result.as_of.isoformat())
    lang = "zh-Hans" if current_language() == "zh" else "en"
    parts = [
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f'<p id="summary">{escape(summary_line(result))}</p>',
    ]
    if source is not None:
        label = _("Input: {path}").format(path="\0")
        before, _nul, after = escape(label).partition("\0")
        parts.append(f"<p>{before}<code>{escape(source)}</code>{after}</p>")
    aid = _(
        "An aid to compliance review, not a legal determination: every hit needs a "
        "person to look at it."
    )
    parts.append(f"<p>{escape(aid)}</p>")
    heading = _("Potential matches ({count})").format(count=len(result.findings))
    parts.append(f"<h2>{escape(heading)}</h2>")
    hits = [match_record(f, result.gate) for f in result.findings]
    parts.append(_table("hits", HIT_COLUMNS, hits))
    if result.ownership_review is not None:
        heading = _("Ownership findings ({count})").format(count=len(result.ownership))
        parts.append(f"<h2>{escape(heading)}</h2>")
        owned = [ownership_record(f, result.gate) for f in result.ownership]
        parts.append(_table("ownership", OWNERSHIP_COLUMNS, owned))
    parts.append(f"<h2>{escape(_('Lists used'))}</h2>")
    parts.append(_table("lists", LIST_COLUMNS, record["lists"]))
    parts.append(f"<script>{_SCRIPT}</script></body></html>\n")
    return "\n".join(parts)
