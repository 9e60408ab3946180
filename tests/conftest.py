"""Shared fixtures: the real list files beside the repository, and the bundled sample."""

from __future__ import annotations

from pathlib import Path

import pytest

from screening.lists import load_bundled_sample
from screening.models import ListSnapshot


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
