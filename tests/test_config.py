"""The project config file (`screening.config`): which file is found, what it may hold, and
one-line errors that name the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from screening.config import (
    ProjectConfig,
    find_config,
    load_config,
    read_config,
    search_folders,
)
from screening.errors import ConfigError


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository (a folder with .git) holding a folder two levels down."""
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "a" / "b").mkdir(parents=True)
    return tmp_path / "repo"


def test_the_nearest_file_up_to_the_repository_root_wins(repo):
    (repo / "screen.toml").write_text("threshold = 90\n")
    (repo / "a" / "pyproject.toml").write_text("[tool.screen]\nthreshold = 95\n")
    assert load_config(repo / "a" / "b").threshold == 95
    assert load_config(repo).threshold == 90
    assert search_folders(repo / "a" / "b") == (repo / "a" / "b", repo / "a", repo)


def test_a_pyproject_without_tool_screen_is_passed_over(repo):
    (repo / "a" / "pyproject.toml").write_text(
        '[project]\nname = "x"\n[tool.ruff]\nline-length = 9\n'
    )
    (repo / "pyproject.toml").write_text("[tool.screen]\nfail_on = 'never'\n")
    found = load_config(repo / "a")
    assert found.path == repo / "pyproject.toml" and found.fail_on == "never"
    assert found.where == f"{repo / 'pyproject.toml'} [tool.screen]"


def test_screen_toml_comes_before_pyproject_in_one_folder(repo):
    (repo / "pyproject.toml").write_text("[tool.screen]\nthreshold = 95\n")
    (repo / "screen.toml").write_text("threshold = 70\n")
    assert load_config(repo).threshold == 70


def test_nothing_above_the_repository_root_is_read(tmp_path, repo):
    (tmp_path / "screen.toml").write_text("threshold = 50\n")
    assert find_config(repo / "a") is None
    assert load_config(repo / "a") == ProjectConfig()


def test_outside_a_repository_only_the_folder_itself_is_read(tmp_path):
    (tmp_path / "screen.toml").write_text("threshold = 50\n")
    (tmp_path / "sub").mkdir()
    assert load_config(tmp_path / "sub") == ProjectConfig()
    assert load_config(tmp_path).threshold == 50


def test_every_key_read_with_paths_relative_to_the_file(repo):
    (repo / "screen.toml").write_text(
        'lists = ["lists/csl.csv", "sample", "/abs/sdn.csv"]\n'
        "threshold = 90\n"
        'fail-on = "in-force"\n'
        'decisions = "review/decisions.csv"\n'
        "max_age_days = 3\n"
        "allow-stale = true\n"
        'lang = "zh-CN"\n'
    )
    found = load_config(repo / "a" / "b")
    assert found.given() == {
        "lists": (str(repo / "lists" / "csl.csv"), "sample", "/abs/sdn.csv"),
        "threshold": 90.0,
        "fail_on": "in-force",
        "decisions": repo / "review" / "decisions.csv",
        "max_age_days": 3,
        "allow_stale": True,
        "lang": "zh-CN",
    }
    assert read_config(repo / "screen.toml") == found


def test_one_list_may_be_given_as_a_string(repo):
    (repo / "screen.toml").write_text('lists = "sample"\n')
    assert load_config(repo).lists == ("sample",)


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("treshold = 90", "unknown key 'treshold'; the keys are lists, threshold,"),
        ("threshold = 120", "threshold: must be a number from 0 to 100, got 120"),
        ("threshold = true", "threshold: must be a number from 0 to 100, got True"),
        ('threshold = "90"', "threshold: must be a number from 0 to 100, got '90'"),
        ('fail_on = "in_force"', "fail_on: must be one of any, pending, in-force, never"),
        ("decisions = 3", "decisions: must be the path of the decisions file"),
        ("max_age_days = -1", "max_age_days: must be a whole number of days, 0 or more, got -1"),
        ("max-age-days = 2.5", "max-age-days: must be a whole number of days"),
        ('allow_stale = "yes"', "allow_stale: must be true or false, got 'yes'"),
        ('lang = "fr"', "lang: must be one of en, zh, got 'fr'"),
        ("lists = []", "lists: give a list file or an array of them"),
        ("lists = [3]", "lists: each list is a path (a string), got a number"),
        ("fail_on = 'any'\nfail-on = 'never'", "fail_on is given twice"),
    ],
)
def test_a_bad_setting_is_one_line_naming_the_file_and_key(repo, line, says):
    (repo / "pyproject.toml").write_text(f"[tool.screen]\n{line}\n")
    with pytest.raises(ConfigError) as raised:
        load_config(repo)
    message = str(raised.value)
    assert message.startswith(f"{repo / 'pyproject.toml'} [tool.screen]: ")
    assert says in message and "\n" not in message


def test_a_file_that_is_not_toml_is_named(repo):
    (repo / "screen.toml").write_text("threshold = = 3\n")
    with pytest.raises(ConfigError, match=r"screen.toml: not valid TOML \(.*line 1"):
        load_config(repo)


def test_tool_screen_must_be_a_table(repo):
    (repo / "pyproject.toml").write_text("[tool]\nscreen = 3\n")
    with pytest.raises(ConfigError, match=r"tool.screen must be a table"):
        load_config(repo)


def test_a_named_config_file_must_exist(tmp_path):
    with pytest.raises(ConfigError, match="config file .*nope.toml does not exist"):
        read_config(tmp_path / "nope.toml")
