"""GitHub Actions workflow commands: each listed party a row meets as an annotation on the
input file's line (one per row and party, its listings named together:
`screening.report.groups`).

`::error` for parties that fail the gate, `::notice` for those shown for review. GitHub reads
`%`, CR and LF as escapes in the message, and also `:` and `,` in property values, so
those are written as %25, %0D, %0A, %3A and %2C.
"""

from __future__ import annotations

from screening.gate import ownership_fails
from screening.i18n import _
from screening.models import ScreeningResult, Supplier
from screening.report.context import ReportContext, input_file, input_line
from screening.report.groups import Verdict, party_groups
from screening.report.junit import ownership_message, party_message
from screening.report.printable import without_controls


def escape_data(text: str) -> str:
    """A workflow command's message, escaped; control characters (ESC starts the colour
    and cursor codes a log viewer obeys) are replaced (`screening.report.printable`)."""
    safe = without_controls(text)
    return safe.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value (file, title...), escaped."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(
    level: str, supplier: Supplier, title: str, message: str, context: ReportContext | None
) -> str:
    properties = []
    path = input_file(context)
    if path is not None:
        properties += [f"file={escape_property(path)}", f"line={input_line(supplier)}"]
    properties.append(f"title={escape_property(title)}")
    return f"::{level} {','.join(properties)}::{escape_data(message)}\n"


def render_github(result: ScreeningResult, context: ReportContext | None = None) -> str:
    """One workflow command line per row and listed party, and per ownership finding."""
    lines = []
    for group in party_groups(result.findings, result.gate):
        supplier, entry = group.supplier, group.entry
        level = "error" if group.verdict is Verdict.FAILS else "notice"
        title = _("Row {row}: {name} may be listed ({lists})").format(
            row=supplier.row, name=supplier.name, lists=", ".join(group.lists)
        )
        message = party_message(group)
        if entry.federal_register_notice:
            notice = entry.federal_register_notice
            message += "; " + _("Federal Register: {notice}").format(notice=notice)
        message += f"\n{group.lead.match.explanation}"
        lines.append(_command(level, supplier, title, message, context))
    for owned in result.ownership:
        level = "error" if ownership_fails(owned, result.gate) else "notice"
        title = _("Row {row}: {name} owned by listed parties").format(
            row=owned.supplier.row, name=owned.supplier.name
        )
        lines.append(_command(level, owned.supplier, title, ownership_message(owned), context))
    return "".join(lines)
