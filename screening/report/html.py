"""The HTML report: one self-contained page for reviewers (inline CSS, a few lines of inline
script that sort a table by the clicked column header, no external resources).

Summary, hits with their status in colour, ownership findings, and the lists used with
their date and sha256. Every value from the input or the lists is escaped.
"""

from __future__ import annotations

from html import escape
from typing import Any

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

HIT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("row", "Row"),
    ("input_id", "Input id"),
    ("input_name", "Input name"),
    ("entry_name", "Listed entry"),
    ("matched_name", "Matched name"),
    ("entry_id", "Entry id"),
    ("list", "List"),
    ("score", "Score"),
    ("status", "Status"),
    ("start_date", "Start"),
    ("end_date", "End"),
    ("federal_register_notice", "FR citation"),
    ("license_requirement", "License requirement"),
    ("license_policy", "License policy"),
    ("fails_gate", "Fails gate"),
    ("finding", "Found by"),
    ("matched_column", "Input column"),
    ("evidence_agrees", "Agrees"),
    ("evidence_differs", "Differs"),
    ("evidence_missing", "Missing"),
    ("explanation", "Why"),
)


def _text(value: Any) -> str:
    if value is None:
        return ""
    value = flat(value)
    if isinstance(value, bool):
        value = "yes" if value else "no"
    if isinstance(value, float):
        value = f"{value:g}"
    return escape(str(value))


def _table(table_id: str, columns: list[tuple[str, str]], rows: list[dict[str, Any]]) -> str:
    head = "".join(f"<th>{escape(title)}</th>" for _, title in columns)
    body = []
    for record in rows:
        status = str(record.get("status") or record.get("rule_status") or "")
        gate = " fail" if record.get("fails_gate") else ""
        cells = "".join(
            f'<td class="num">{_text(record.get(key))}</td>'
            if key in ("row", "score", "share", "entries")
            else f"<td>{_text(record.get(key))}</td>"
            for key, _ in columns
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
    title = f"Screening report as of {result.as_of.isoformat()}"
    parts = [
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f'<p id="summary">{escape(summary_line(result))}</p>',
    ]
    if source is not None:
        parts.append(f"<p>Input: <code>{escape(source)}</code></p>")
    parts.append(
        "<p>An aid to compliance review, not a legal determination: every hit needs a "
        "person to look at it.</p>"
    )
    parts.append(f"<h2>Potential matches ({len(result.findings)})</h2>")
    hits = [match_record(f, result.gate) for f in result.findings]
    parts.append(_table("hits", list(HIT_COLUMNS), hits))
    if result.ownership_review is not None:
        parts.append(f"<h2>Ownership findings ({len(result.ownership)})</h2>")
        owned = [ownership_record(f, result.gate) for f in result.ownership]
        columns = [("row", "Row"), ("input_name", "Input name"), ("share", "Share %"),
                   ("rule_title", "Rule"), ("rule_status", "Rule status"), ("owners", "Owners"),
                   ("path", "Path"), ("fails_gate", "Fails gate")]  # fmt: skip
        parts.append(_table("ownership", columns, owned))
    parts.append("<h2>Lists used</h2>")
    list_columns = [("name", "List"), ("entries", "Entries"), ("date", "Date"),
                    ("format", "Format"), ("sha256", "sha256")]  # fmt: skip
    parts.append(_table("lists", list_columns, record["lists"]))
    parts.append(f"<script>{_SCRIPT}</script></body></html>\n")
    return "\n".join(parts)
