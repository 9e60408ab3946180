"""Shared fixtures (the real list files beside the repository, the bundled sample) and the
`--update-golden` option."""

from __future__ import annotations

from pathlib import Path

import pytest

from screening.lists import load_bundled_sample
from screening.models import ListSnapshot


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite tests/golden/* from the current output (review the diff before committing).",
    )


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """`../shared/data` beside the checkout; tests using it skip when it is absent."""
    folder = Path(__file__).resolve().parents[1].parent / "shared" / "data"
    if not folder.is_dir():
        pytest.skip("../shared/data not present")
    return folder


@pytest.fixture(scope="session")
def sample_list() -> ListSnapshot:
    """The hand-written sample list shipped with the tool."""
    return load_bundled_sample()


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory):
    """Runs of the CLI cache parsed lists and indexes, and record their audit trail, in
    folders of the test session's own, never in the user's folders or the repository."""
    import os

    private = {
        "SCREEN_CACHE_DIR": str(tmp_path_factory.mktemp("cache")),
        # runs are recorded in a database of the session's own, not in the data folder
        "SCREEN_DB": f"sqlite:///{tmp_path_factory.mktemp('audit') / 'audit.sqlite3'}",
    }
    previous = {name: os.environ.get(name) for name in private}
    os.environ.update(private)
    yield
    for name, value in previous.items():
        if value is None:
            del os.environ[name]
        else:
            os.environ[name] = value


@pytest.fixture(scope="session")
def checkout_env() -> dict[str, str]:
    """The environment for a Python subprocess that must import this checkout's `screening`
    and `screening_cli` (the CLI package lives in cli/), whatever is installed."""
    import os

    repo = Path(__file__).resolve().parents[1]
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(repo), str(repo / "cli")])}


@pytest.fixture
def cli_env(tmp_path: Path, checkout_env: dict[str, str]) -> dict[str, str]:
    """The environment for a `screen` subprocess: this checkout's packages, an audit
    database, cache and data folder of the test's own (no lists installed there), the
    bundled sample list asked for by name, and no config file."""
    return {
        **checkout_env,
        "SCREEN_DB": f"sqlite:///{tmp_path / 'audit.sqlite3'}",
        "SCREEN_CACHE_DIR": str(tmp_path / "cache"),
        "SCREEN_DATA_DIR": str(tmp_path / "data"),
        "SCREEN_LIST": "sample",
        "SCREEN_CONFIG": "",
    }
