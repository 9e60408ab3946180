"""Moved to the `screening.audit` package: import `record_run` from there. This module only
keeps `cli/` working until it does, and then goes."""

from screening.audit import record_run

__all__ = ["record_run"]
