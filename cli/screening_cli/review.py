"""`screen review`: record a reviewer's decision about a hit in the decisions file."""

from __future__ import annotations

import getpass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from screening.i18n import _
from screening_cli.options import LangOption, ListOption
from screening_cli.places import resolve_lists
from screening_cli.runner import parse_date, run_command

if TYPE_CHECKING:
    from screening.models import ListEntry, ListSnapshot


def review(
    decisions: Annotated[
        Path,
        typer.Option(metavar="FILE", envvar="SCREEN_DECISIONS", help="Decisions file to add to."),
    ],
    entry_id: Annotated[
        str | None,
        typer.Option(help="The list entry id of the hit (its entry_id). Asked when missing."),
    ] = None,
    decision: Annotated[
        str | None,
        typer.Option(
            metavar="false_positive|confirmed", help="What the review found. Asked when missing."
        ),
    ] = None,
    reason: Annotated[
        str | None,
        typer.Option(help="Why, in a sentence a later reader follows. Asked when missing."),
    ] = None,
    input_id: Annotated[str, typer.Option(help="Your id of the supplier (input_id).")] = "",
    input_name: Annotated[
        str,
        typer.Option(
            help="The supplier's name: matched (normalised) only in input files without an "
            "id column."
        ),
    ] = "",
    reviewer: Annotated[
        str | None, typer.Option(help="Who decided. Default: the current user.")
    ] = None,
    expires: Annotated[
        str | None,
        typer.Option(metavar="YYYY-MM-DD", help="Review again after this date (optional)."),
    ] = None,
    lists: ListOption = None,
    lang: LangOption = None,
) -> None:
    """Record a reviewer's decision about one hit (a false positive, or a confirmed match).

    Run with all options from a script, or without some of them to be asked for each."""

    def action() -> int:
        from screening.errors import ConfigError
        from screening.review import DECISIONS, Decision, append_decision, entry_digest
        from screening_cli.render import console, print_warning

        wanted = _ask(entry_id, "List entry id of the hit", "--entry-id")
        verdict = _ask(decision, f"Decision ({' or '.join(DECISIONS)})", "--decision")
        why = _ask(reason, "Reason", "--reason")
        if verdict not in DECISIONS:
            raise ConfigError(f"--decision must be one of {', '.join(DECISIONS)}")
        if not (input_id or input_name):
            raise ConfigError("give --input-id or --input-name of the supplier")
        entry = _find_entry(wanted, resolve_lists(lists))
        made = Decision(
            entry_id=wanted,
            decision=verdict,
            reviewer=reviewer or getpass.getuser(),
            decided_on=date.today(),
            input_id=input_id,
            input_name=input_name,
            reason=why,
            expires=parse_date(expires, "--expires") if expires else None,
            entry_digest=entry_digest(entry),
        )
        append_decision(decisions, made)
        stderr = console(stderr=True)
        if not input_id:
            print_warning(
                stderr,
                "recorded by name only: it applies when the screened file has no id column; "
                "give --input-id for a file with one",
            )
        recorded = _("Recorded {decision} for {supplier} / {entry_id} ({entry}) in {file}")
        stderr.print(
            recorded.format(
                decision=verdict,
                supplier=input_id or input_name,
                entry_id=wanted,
                entry=entry.name,
                file=decisions,
            ),
            highlight=False,
            soft_wrap=True,
        )
        return 0

    run_command(action)


def _ask(value: str | None, question: str, option: str) -> str:
    """An option's value, or the answer to a prompt on stderr when it was not given."""
    from screening.errors import ConfigError

    if value is not None:
        return value
    try:
        return str(typer.prompt(question, err=True)).strip()
    except typer.Abort:
        raise ConfigError(f"{option} is missing; give it, or answer the prompt") from None


def _find_entry(entry_id: str, lists: tuple[ListSnapshot, ...]) -> ListEntry:
    """The list entry of this id (found by the id column: entries read from the cache are
    built only for this one)."""
    from screening.errors import ConfigError
    from screening.models import entry_field

    for snapshot in lists:
        for position, listed in enumerate(entry_field(snapshot.entries, "entry_id")):
            if listed == entry_id:
                return snapshot.entries[position]
    raise ConfigError(f"no entry {entry_id!r} in the lists; check --entry-id and --list")
