"""What a reviewed hit is filed under, shared by decisions and baselines.

Which hit a decision (or a hit of the baseline report) applies to: the one whose entry_id
and input_id both agree. The normalised input_name stands in for the id only when the
screened input has no id column at all (`by_name`): otherwise two suppliers whose names
normalise alike would share one review. A blank id, or a name that normalises to nothing,
never matches anything.
"""

from __future__ import annotations

from screening.models import Finding
from screening.normalize import normalize_name

#: What decisions and baseline hits are filed under: (entry id, "id:" + input id) or, for
#: an input without an id column, (entry id, "name:" + normalised name). The prefixes keep
#: an id that happens to read "name:..." apart from a name.
HitKey = tuple[str, str]


def hit_key(entry_id: str, input_id: str, input_name: str, *, by_name: bool) -> HitKey | None:
    """The key a hit is filed under, or None when it has nothing to be matched by.

    `by_name` says the screened input has no id column, so the normalised name stands in
    for the id. Otherwise only the id counts: a blank id matches nothing, so a decision
    without an id can never clear a supplier that has one (nor one whose id cell is blank).
    """
    entry_id = entry_id.strip()
    if not entry_id:
        return None
    if by_name:
        name = normalize_name(input_name)
        return (entry_id, "name:" + name) if name else None
    input_id = input_id.strip()
    return (entry_id, "id:" + input_id) if input_id else None


def finding_key(finding: Finding, *, by_name: bool) -> HitKey | None:
    """The key a finding's hit is filed under (see `hit_key`)."""
    supplier = finding.match.supplier
    return hit_key(finding.match.entry.entry_id, supplier.input_id, supplier.name, by_name=by_name)
