"""What people decided about hits, applied to a run: reviewers' decisions (a CSV beside the
vendor list, written by `screen review` under a lock) and the baseline of an earlier report.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from screening.models import Finding
from screening.review.baseline import baseline_keys, mark_baseline
from screening.review.decisions import (
    DECISIONS,
    Decision,
    append_decision,
    apply_decisions,
    entry_digest,
    read_decisions,
)
from screening.review.keys import HitKey

__all__ = [
    "DECISIONS",
    "Decision",
    "Reviews",
    "append_decision",
    "apply_decisions",
    "baseline_keys",
    "entry_digest",
    "mark_baseline",
    "read_decisions",
]


@dataclass(frozen=True, slots=True)
class Reviews:
    """Reviewers' decisions and a baseline's hits, read once and applied to each chunk's
    findings. `by_name` says the screened input has no id column, so names stand in for
    ids (see `screening.review.keys`)."""

    decisions: tuple[Decision, ...] | None = None
    baseline: frozenset[HitKey] | None = None
    by_name: bool = False

    @classmethod
    def read(cls, decisions: Path | None, baseline: Path | None, *, by_name: bool) -> Reviews:
        """The decisions file and the baseline report named (either may be None), read and
        checked: a malformed one is an error before any row is screened."""
        return cls(
            decisions=tuple(read_decisions(decisions)) if decisions is not None else None,
            baseline=frozenset(baseline_keys(baseline)) if baseline is not None else None,
            by_name=by_name,
        )

    def apply(self, findings: Iterable[Finding], as_of: date) -> Sequence[Finding]:
        """The findings with decisions applied and baseline hits marked."""
        found: Sequence[Finding] = tuple(findings)
        if self.decisions is not None:
            found = apply_decisions(found, self.decisions, as_of, by_name=self.by_name)
        if self.baseline is not None:
            found = mark_baseline(found, set(self.baseline), by_name=self.by_name)
        return found
