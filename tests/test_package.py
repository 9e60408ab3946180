"""The package root (screening/__init__.py): light to import, every public name reachable."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import screening

REPO = Path(__file__).resolve().parents[1]

#: Modules a light import must not load: the pipeline and what it pulls in.
HEAVY = ("screening.screen", "screening.match", "rapidfuzz", "pandas", "pyarrow", "jieba")


def _modules_after(statement: str) -> set[str]:
    """The modules a fresh interpreter holds after running `statement`."""
    script = f"{statement}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "cli")])}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    return set(json.loads(done.stdout))


@pytest.mark.parametrize(
    "statement",
    [
        "import screening.errors",
        "import screening.defaults",
        "import screening",
        "from screening import ScreeningError, DEFAULT_THRESHOLD",
        "from screening_cli.app import app",  # what `screen --help` loads
    ],
)
def test_light_imports_do_not_load_the_pipeline(statement: str) -> None:
    loaded = _modules_after(statement)
    assert "screening" in loaded
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_a_public_name_loads_its_module_on_first_use() -> None:
    loaded = _modules_after("import screening\nscreening.score_names")
    assert {"screening.compare", "screening.match", "rapidfuzz"} <= loaded
    assert "pandas" not in loaded  # scoring names needs no DataFrame


def test_every_public_name_resolves_to_its_definition() -> None:
    assert sorted(screening.__all__) == sorted(screening._SOURCES)
    for name in screening.__all__:
        value = getattr(screening, name)
        module = sys.modules[screening._SOURCES[name]]
        assert value is getattr(module, name), name
    assert set(screening.__all__) <= set(dir(screening))


def test_star_import_gives_the_public_names() -> None:
    namespace: dict[str, object] = {}
    exec("from screening import *", namespace)
    assert set(screening.__all__) <= set(namespace)


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        screening.nothing_here  # noqa: B018


def test_score_pair_is_no_longer_exported_and_score_names_takes_strings() -> None:
    # `screening.score_pair("a", "b")` raised AttributeError: it takes internal NameForms.
    assert "score_pair" not in screening.__all__
    with pytest.raises(AttributeError):
        screening.score_pair  # noqa: B018
    assert screening.score_names("Huawei Technologies", "Huawei Technologies Co., Ltd.") == 100.0
