"""Optional dependencies: imported only by the feature that needs them, and, when they are
not installed, a one-line error naming the extra that installs them.

pyarrow (about 170 MB installed) serves only Parquet: supplier or ownership files in
Parquet, `--format parquet` and the Dask engine's results. It is the `parquet` extra
(`pip install 'screening[parquet]'`), also pulled in by the `dask` extra.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from screening.errors import ConfigError, ScreeningError

#: The extra that installs pyarrow, and what it is called in messages.
PARQUET_EXTRA = "parquet"


def install_hint(extra: str) -> str:
    """The command that installs an extra, as a user types it (quoted for the shell)."""
    return f"pip install 'screening[{extra}]'"


def import_optional(
    module: str, extra: str, needed_by: str, error: type[ScreeningError] = ConfigError
) -> ModuleType:
    """`module`, imported; when its package is not installed, `error` saying that
    `needed_by` (a file, an option) needs it and how to install it.

    Only a missing package is turned into that message: an installed package that fails to
    import (a broken build, a missing library of its own) keeps its own error and traceback,
    as telling the user to install what is installed would mislead.
    """
    package = module.partition(".")[0]
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if (exc.name or "").partition(".")[0] != package:
            raise
        message = f"{needed_by} needs {package}, which is not installed: {install_hint(extra)}"
        raise error(message) from None


def parquet_module(needed_by: str, error: type[ScreeningError] = ConfigError) -> ModuleType:
    """`pyarrow.parquet`, or `error` naming the `parquet` extra (see `import_optional`)."""
    return import_optional("pyarrow.parquet", PARQUET_EXTRA, needed_by, error)
