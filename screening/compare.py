"""Score one name against another, as plain strings, the way a screening run scores them.

`score_names` is for people checking the matcher by hand (a notebook, a review tool, a
test of their own): it gives the score a supplier name gets against one listed name or
alias, and a sentence saying why (`explain_names`). It runs the matcher itself on a list
of one entry (`ListMatcher` over every prepared form of that name, `AllNames`), so the
number cannot drift from what `screen` reports: the same normalisation, the same partial
forms of a listed name (without its text in parentheses, an acronym), the same rules for
persons' names. The supplier's country is left out: it only adds to or takes from a name
score (`screening.match.country_adjustment`) and needs the listing's countries.
"""

from __future__ import annotations

from pathlib import Path

from screening.index import AllNames
from screening.match import ListMatcher
from screening.models import ListEntry, ListSnapshot, Match, Supplier

__all__ = ["explain_names", "score_names"]

#: The entry type the lists give individuals: their names are scored by the person rules
#: (`screening.similarity.word_similarity`), as `screening.index.prepare_names` decides.
_PERSON_TYPE = "individual"


def _best_match(name: str, listed_name: str, person: bool) -> Match | None:
    """The matcher's match of `name` against a listing named `listed_name` alone, at any
    score; None when the supplier's name cannot be screened or the listed one has no words."""
    entry = ListEntry(
        entry_id="", source="", name=listed_name, entity_type=_PERSON_TYPE if person else ""
    )
    snapshot = ListSnapshot(name="", path=Path(), sha256="", format="", entries=(entry,))
    matcher = ListMatcher([snapshot], AllNames, skip_types=())
    found = matcher.match(Supplier(row=1, name=name), min_score=0.0)
    return found[0] if found else None


def score_names(name: str, listed_name: str, *, person: bool = False) -> float:
    """How well `name` (a supplier's) matches `listed_name` (a listed name or alias), 0-100.

    The score `screen` gives that pair before the supplier's country is weighed; `person`
    says the listed name is an individual's, as the list's entry type would. A supplier
    name with nothing to compare (blank, punctuation, only legal forms such as "Co., Ltd."),
    which a run does not screen, and a listed name without words score 0. Prepares both
    names on each call (tens of microseconds): to screen many names against a list, use
    `screening.screen_suppliers`, which prepares the list once.
    """
    match = _best_match(name, listed_name, person)
    return 0.0 if match is None else match.score


def explain_names(name: str, listed_name: str, *, person: bool = False) -> str:
    """The sentence a report gives for `score_names`' score: what was compared and what
    made the score; empty when the score is 0 for want of anything to compare."""
    match = _best_match(name, listed_name, person)
    return "" if match is None else match.explanation
