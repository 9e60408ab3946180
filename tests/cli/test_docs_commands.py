"""The docs run as written: every `screen` command in a ```bash block of README.md and
docs/*.md is run through the app, in a copy of the repository's fixtures with the sample list
installed as `screen update` would install a list, and ends with the exit code its comment
states (`# ... exit code 1`), else 0 or 1. A command whose comment says `placeholder` (it
names files of the reader's) or `needs the network`, or that holds `<...>`, is skipped.
Shown output (`$ screen ...` transcripts, the first table) matches what the tool prints; the
README's Python examples run; `pip install` names extras this project has, from a checkout;
and the CI recipe fails (exit 2) on a runner without lists and exits 1 on the sample
suppliers once lists are installed."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from clirun import REPO
from screening_cli.app import app
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_gate_cli import NO_LISTS, install

README = REPO / "README.md"
DOCS = (README, *sorted((REPO / "docs").glob("*.md")))
#: Words in a command's comment that say it cannot run here as written.
SKIP_MARKERS = ("placeholder", "needs the network")
EXPECTED = re.compile(r"exit code (\d+)")
FENCE = re.compile(r"^```(\w*)\s*$")


@dataclass(frozen=True)
class Command:
    """One `screen` command of the docs: where it stands, its arguments, its stated code."""

    doc: Path
    line: int
    argv: tuple[str, ...]
    expected: int | None
    skip: str

    @property
    def id(self) -> str:
        return f"{self.doc.name}:{self.line}"


def blocks(path: Path, language: str) -> Iterator[tuple[int, list[str]]]:
    """The fenced blocks of `language` ("" for plain ones): their first line number and
    lines."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start, kind, body = 0, None, []
    for number, line in enumerate(lines, start=1):
        fence = FENCE.match(line)
        if fence is None:
            body.append(line)
        elif kind is None:
            start, kind, body = number + 1, fence[1], []
        else:
            if kind == language:
                yield start, body
            kind, body = None, []


def logical_lines(start: int, body: list[str]) -> Iterator[tuple[int, str]]:
    """The block's lines with backslash continuations joined, each with its first line."""
    pending, first = "", start
    for number, line in enumerate(body, start=start):
        if not pending:
            first = number
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        yield first, pending + line
        pending = ""


def commands(doc: Path) -> list[Command]:
    """Every `screen` command of the doc's bash blocks (also one after `&&`)."""
    found = []
    for start, body in blocks(doc, "bash"):
        for number, text in logical_lines(start, body):
            code, _, comment = text.partition(" # ")
            if not code.strip() or code.lstrip().startswith("#"):
                continue
            marker = next((m for m in SKIP_MARKERS if m in comment), "")
            if re.search(r"<[^>]+>", code):
                marker = "angle brackets"
            stated = EXPECTED.search(comment)
            for part in code.split("&&"):
                argv = shlex.split(part)
                if argv and Path(argv[0]).name == "screen":
                    found.append(Command(doc, number, tuple(argv[1:]),
                                         int(stated[1]) if stated else None, marker))  # fmt: skip
    return found


ALL = [c for doc in DOCS for c in commands(doc)]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with a copy of fixtures/, the sample list installed in its data folder (as
    `screen update` leaves a list) and one run in its audit database."""
    folder = tmp_path_factory.mktemp("docs")
    shutil.copytree(REPO / "fixtures", folder / "fixtures")
    install(folder / "data", days_old=0)
    seeded = CliRunner(env=environment(folder)).invoke(app, ["fixtures/suppliers.csv"])
    assert seeded.exit_code == 1, seeded.stderr
    return folder


def environment(folder: Path, **extra: str | None) -> dict[str, str | None]:
    return {
        "COLUMNS": "250",
        "NO_COLOR": "1",
        "TERM": "dumb",
        "SCREEN_DATA_DIR": str(folder / "data"),
        "SCREEN_DB": f"sqlite:///{folder / 'audit.sqlite3'}",
        "SCREEN_LIST": None,
        "SCREEN_CONFIG": None,
        "SCREEN_DECISIONS": None,
        "SCREEN_ALLOW_STALE": None,
        "SCREEN_MAX_AGE_DAYS": None,
        **extra,
    }


def run(folder: Path, argv: list[str] | tuple[str, ...], **env: str | None) -> Any:
    return CliRunner(env=environment(folder, **env)).invoke(app, list(argv))


def test_the_docs_have_commands_to_run():
    runnable = [c for c in ALL if not c.skip]
    assert len(runnable) >= 15 and {c.doc for c in ALL} >= {README, REPO / "docs" / "dask.md"}
    assert commands(README)[0].argv == ("fixtures/suppliers.csv", "--list", "sample")


@pytest.mark.parametrize("command", ALL, ids=[c.id for c in ALL])
def test_a_docs_command_runs_as_written(command, workspace, monkeypatch):
    if command.skip:
        pytest.skip(f"{command.id}: {command.skip}")
    monkeypatch.chdir(workspace)
    result = run(workspace, command.argv)
    where = f"{command.id}: screen {shlex.join(command.argv)}\n{result.stderr}"
    if command.expected is None:
        assert result.exit_code in (0, 1), where
    else:
        assert result.exit_code == command.expected, where
    assert "Traceback" not in result.stderr + result.stdout


def test_placeholders_are_only_files_of_the_reader(workspace):
    """A skipped command names something that is not in the fixtures (so it could not run
    here); every file a runnable command reads exists under fixtures/."""
    for command in ALL:
        inputs = [a for a in command.argv if re.search(r"\.(csv|xlsx|parquet|xml|json)$", a)]
        outputs = {b for a, b in zip(command.argv, command.argv[1:], strict=False)
                   if a in ("-o", "--output", "--decisions")}  # fmt: skip
        read = [a for a in inputs if a not in outputs]
        if command.skip == "placeholder":
            assert any(not (workspace / a).exists() for a in [*read, *outputs]) or (
                "--db" in command.argv or "--engine" in command.argv
            ), f"{command.id} is marked placeholder but names only fixtures: run it instead"
        elif not command.skip:
            for name in read:
                assert name.startswith("fixtures/"), f"{command.id}: {name} is not a fixture"


def _transcripts() -> Iterator[tuple[Path, int, list[str], list[str]]]:
    """`$ screen ...` lines of plain blocks, each with the lines shown after it."""
    for doc in DOCS:
        for start, body in blocks(doc, ""):
            current: tuple[int, list[str]] | None = None
            shown: list[str] = []
            for number, line in enumerate(body, start=start):
                if line.startswith("$ "):
                    if current:
                        yield doc, current[0], current[1], shown
                    current, shown = (number, shlex.split(line[2:])), []
                elif current and line.strip() != "...":
                    shown.append(line.rstrip())
            if current:
                yield doc, current[0], current[1], shown


TRANSCRIPTS = list(_transcripts())


@pytest.mark.parametrize(
    ("doc", "line", "argv", "shown"), TRANSCRIPTS, ids=[f"{t[0].name}:{t[1]}" for t in TRANSCRIPTS]
)
def test_a_transcript_shows_what_the_command_prints(doc, line, argv, shown, workspace, monkeypatch):
    assert argv[0] == "screen"
    monkeypatch.chdir(workspace)
    result = run(workspace, argv[1:])
    printed = {text.rstrip() for text in (result.stdout + result.stderr).splitlines()}
    missing = [text for text in shown if text not in printed]
    assert not missing, f"{doc.name}:{line} shows lines the tool does not print: {missing}"


def _first_output() -> list[str]:
    """The README's first plain block: what the first command prints."""
    return next(body for _, body in blocks(README, ""))


def test_the_first_table_shows_the_scores_the_tool_gives(workspace, monkeypatch):
    monkeypatch.chdir(workspace)
    argv = commands(README)[0].argv
    report = json.loads(run(workspace, [*argv, "--format", "json"]).stdout)
    best: dict[int, float] = {}
    for match in report["matches"]:
        best[match["row"]] = max(best.get(match["row"], 0), match["score"])
    shown = _first_output()
    rows = 0
    header = next((line for line in shown if "Row" in line and "Score" in line), None)
    if header is not None:  # a table: a row number and a score in their columns
        names = [cell.strip() for cell in re.split(r"[┃│|]", header)]
        row_at, score_at = names.index("Row"), names.index("Score")
        for line in shown:
            cells = [cell.strip() for cell in re.split(r"[│|]", line)]
            if len(cells) > score_at and cells[row_at].isdigit():
                rows += 1
                assert float(cells[score_at]) == round(best[int(cells[row_at])]), line
    else:  # cards: "Row N · ..." then "  gate ... · score S · ..."
        row = None
        for line in shown:
            if found := re.match(r"Row (\d+) · ", line):
                row = int(found.group(1))
            elif row is not None and (score := re.search(r"· score (\d+) ·", line)):
                rows += 1
                assert float(score.group(1)) == round(best[row]), line
                row = None
    assert rows >= 3
    printed = run(workspace, argv)
    today = report["as_of"]
    for text in (shown[-1], next(line for line in shown if line.startswith("List: "))):
        expected = re.sub(r"as of \d{4}-\d{2}-\d{2}", f"as of {today}", text)
        assert expected in (printed.stdout + printed.stderr).splitlines(), text


def test_the_readme_python_examples_run(workspace, monkeypatch, capsys):
    monkeypatch.chdir(workspace)
    scope: dict[str, Any] = {}
    examples = [body for _, body in blocks(README, "python")]
    assert len(examples) >= 2
    for body in examples:
        exec(compile("\n".join(body), str(README), "exec"), scope)
    assert "Huawei Technologies" in capsys.readouterr().out
    assert (workspace / "hits.csv").read_text(encoding="utf-8").startswith("row,")


def test_pip_installs_name_this_projects_extras_from_a_checkout():
    """screening is on no package index: its extras are installed from a checkout,
    `pip install '.[dask]'`, and only extras pyproject.toml has."""
    from screening.engines.dask import DASK_MISSING

    extras = tomllib.loads((REPO / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]
    texts = [doc.read_text(encoding="utf-8") for doc in DOCS] + [DASK_MISSING]
    found = [
        (name, extra)
        for text in texts
        for line in text.splitlines()
        if "pip install" in line
        for name, extra in re.findall(r"([\w.-]+)\[([\w-]+)\]", line.split("pip install", 1)[1])
    ]
    assert ("screening", "dask") not in found and ("screening", "postgres") not in found
    ours = [extra for name, extra in found if name == "."]
    assert {"dask", "postgres", "test"} <= set(ours) <= set(extras)


# --- the CI recipe ------------------------------------------------------------------------------


def _ci_steps() -> list[list[str]]:
    """The `screen` steps of the README's GitHub Actions recipe, in order."""
    text = README.read_text(encoding="utf-8")
    recipe = text.split("## Use in CI", 1)[1].split("```yaml", 1)[1].split("```", 1)[0]
    steps = re.findall(r"^\s*- run: (screen .+?)(?:\s+#.*)?$", recipe, re.M)
    return [shlex.split(step)[1:] for step in steps]


def _runner_folder(tmp_path: Path) -> Path:
    """A fresh runner's checkout: a vendors.csv (the sample suppliers) and nothing else."""
    shutil.copy(REPO / "fixtures" / "suppliers.csv", tmp_path / "vendors.csv")
    return tmp_path


def test_the_ci_recipe_updates_then_screens():
    steps = _ci_steps()
    assert steps[0] == ["update"]
    assert steps[1][0] == "vendors.csv" and "sarif" in steps[1]


def test_the_ci_recipe_fails_on_a_runner_without_lists(tmp_path, monkeypatch):
    monkeypatch.chdir(_runner_folder(tmp_path))
    screen = _ci_steps()[1]
    result = run(tmp_path, screen, CI="true")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.strip().splitlines()[-1] == NO_LISTS
    assert not (tmp_path / "screen.sarif").exists()


def test_the_ci_recipe_fails_on_a_listed_party_once_lists_are_installed(tmp_path, monkeypatch):
    monkeypatch.chdir(_runner_folder(tmp_path))
    install(tmp_path / "data", days_old=0)  # what `screen update` leaves
    result = run(tmp_path, _ci_steps()[1], CI="true")
    assert result.exit_code == 1, result.stderr
    sarif = json.loads((tmp_path / "screen.sarif").read_text(encoding="utf-8"))
    alerts = sarif["runs"][0]["results"]
    assert any("Huawei" in json.dumps(alert) for alert in alerts)


def test_the_ci_recipe_fails_on_a_stale_list(tmp_path, monkeypatch):
    monkeypatch.chdir(_runner_folder(tmp_path))
    install(tmp_path / "data", days_old=8)  # a cached list the update step did not refresh
    result = run(tmp_path, _ci_steps()[1], CI="true")
    assert result.exit_code == 2 and "8 days old" in result.stderr
    assert not (tmp_path / "screen.sarif").exists()
