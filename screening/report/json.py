"""The JSON report: one object, fields as in the DESIGN.md contract."""

from __future__ import annotations

import json

from screening.models import ScreeningResult
from screening.report.fields import result_record


def render_json(result: ScreeningResult) -> str:
    """The result as pretty-printed JSON, non-ASCII names kept readable."""
    return json.dumps(result_record(result), ensure_ascii=False, indent=2) + "\n"
