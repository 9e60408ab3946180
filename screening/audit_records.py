"""Moved to the `screening.audit` package: import these names from there. This module only
keeps `cli/` working until it does, and then goes."""

from screening.audit import (
    DEFAULT_DB_NAME,
    RunInfo,
    error_reason,
    file_sha256,
    sqlite_path,
    sqlite_url,
)

__all__ = ["DEFAULT_DB_NAME", "RunInfo", "error_reason", "file_sha256", "sqlite_path", "sqlite_url"]
