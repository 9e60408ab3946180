"""Typed errors the library raises; the CLI turns each into one line and exit code 2.

Every message names what was wrong (file, row, column or option) and, where there is one,
what the user can do about it.
"""

from __future__ import annotations


class ScreeningError(Exception):
    """Base of every error the tool reports to a user instead of a traceback."""


class InputFileError(ScreeningError):
    """The supplier file could not be read or understood."""


class ListDataError(ScreeningError):
    """A list file is missing, malformed or in a format the tool does not read."""


class ConfigError(ScreeningError):
    """An option or setting has a value the tool cannot use."""


class DownloadError(ScreeningError):
    """A list could not be downloaded or the download was not a usable list."""


class WorkerError(ScreeningError):
    """A process screening rows in parallel stopped before it finished its rows."""
