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
    """Runs of the CLI cache parsed lists and indexes in a folder of the test session's own,
    never in the user's cache folder."""
    import os

    previous = os.environ.get("SCREEN_CACHE_DIR")
    os.environ["SCREEN_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if previous is None:
        del os.environ["SCREEN_CACHE_DIR"]
    else:
        os.environ["SCREEN_CACHE_DIR"] = previous
