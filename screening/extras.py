"""Optional dependencies: imported only by the feature that needs them, and, when they are
not installed, a one-line error naming the extra that installs them.

pyarrow (about 170 MB installed) serves only Parquet: supplier or ownership files in
Parquet, `--format parquet` and the Dask engine's results. It is the `parquet` extra
(`pip install '.[parquet]'` from a checkout), also pulled in by the `dask` extra.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from screening.errors import ConfigError, ScreeningError

#: The extra that installs pyarrow, and what it is called in messages.
PARQUET_EXTRA = "parquet"


#: The packages of each extra, for a hint that works where screening is on no index.
EXTRA_PACKAGES = {PARQUET_EXTRA: "pyarrow"}


def install_hint(extra: str) -> str:
    """How to install an extra, as a user types it: its packages, or from a checkout of
    screening (which is on no package index) the extra itself, quoted for the shell."""
    packages = EXTRA_PACKAGES[extra]
    return f"pip install {packages} (in a checkout of screening: pip install '.[{extra}]')"


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
