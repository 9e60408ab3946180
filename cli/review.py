"""`screen review`: record a reviewer's decision about a hit in the decisions file."""

from __future__ import annotations

import getpass
from datetime import date
from pathlib import Path
from typing import Annotated

import typer


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
    lists: Annotated[
        list[Path] | None,
        typer.Option(
            "--list",
            "-l",
            envvar="SCREEN_LIST",
            metavar="PATH",
            help="Lists holding the entry, to record its digest so that a change to the entry "
            "brings the hit back. Default: as for screening.",
        ),
    ] = None,
) -> None:
    """Record a reviewer's decision about one hit (a false positive, or a confirmed match).

    Run with all options from a script, or without some of them to be asked for each."""

    def action() -> int:
        from cli.main import _load_lists, _parse_as_of, _stderr
        from screening.decisions import DECISIONS, Decision, append_decision, entry_digest
        from screening.errors import ConfigError
        from screening.models import entry_field

        def ask(value: str | None, question: str, option: str) -> str:
            if value is not None:
                return value
            try:
                return str(typer.prompt(question, err=True)).strip()
            except typer.Abort:
                raise ConfigError(f"{option} is missing; give it, or answer the prompt") from None

        wanted = ask(entry_id, "List entry id of the hit", "--entry-id")
        verdict = ask(decision, f"Decision ({' or '.join(DECISIONS)})", "--decision")
        why = ask(reason, "Reason", "--reason")
        if verdict not in DECISIONS:
            raise ConfigError(f"--decision must be one of {', '.join(DECISIONS)}")
        if not (input_id or input_name):
            raise ConfigError("give --input-id or --input-name of the supplier")
        # Found by the id column: entries read from the cache are built only for this one.
        entry = next(
            (
                snapshot.entries[position]
                for snapshot in _load_lists(lists)
                for position, listed in enumerate(entry_field(snapshot.entries, "entry_id"))
                if listed == wanted
            ),
            None,
        )
        if entry is None:
            raise ConfigError(f"no entry {wanted!r} in the lists; check --entry-id and --list")
        made = Decision(
            entry_id=wanted,
            decision=verdict,
            reviewer=reviewer or getpass.getuser(),
            decided_on=date.today(),
            input_id=input_id,
            input_name=input_name,
            reason=why,
            expires=_parse_as_of(expires) if expires else None,
            entry_digest=entry_digest(entry),
        )
        append_decision(decisions, made)
        if not input_id:
            from cli.render import print_warning

            print_warning(
                _stderr(),
                "recorded by name only: it applies when the screened file has no id column; "
                "give --input-id for a file with one",
            )
        _stderr().print(
            f"Recorded {verdict} for {input_id or input_name} / {wanted} ({entry.name}) "
            f"in {decisions}",
            highlight=False,
            soft_wrap=True,
        )
        return 0

    from cli.main import _run

    _run(action)


def register(app: typer.Typer) -> None:
    """Add `screen review` to the app."""
    app.command()(review)
