"""Score one name against one other name with the library's public matcher, as a user would
see it: a `ListMatcher` over a list holding that one name alone (default candidate index,
default scoring). Used for pairs of names (nomenklatura's name_bench, cross-script pairs),
where there is no list to screen against.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from screening.match import ListMatcher
from screening.models import ListEntry, ListSnapshot, Supplier

#: The entity type a pair's listed name gets: an individual's name is matched with the
#: matcher's rules for persons' names, anything else as a company's name.
INDIVIDUAL = "Individual"
ENTITY = "Entity"


@lru_cache(maxsize=4096)
def one_name_matcher(name: str, entity_type: str) -> ListMatcher:
    """A matcher over a list of one entry named `name` (kept for names met again)."""
    digest = hashlib.sha256(f"{entity_type}\x00{name}".encode()).hexdigest()
    entry = ListEntry(entry_id="pair-1", source="pair", name=name, entity_type=entity_type)
    snapshot = ListSnapshot(
        name="pair", path=Path("pair.csv"), sha256=digest, format="pair", entries=(entry,)
    )
    # Nothing is skipped: a vessel's name of a pair is compared like any other name.
    return ListMatcher([snapshot], skip_types=())


def pair_score(query: str, listed: str, entity_type: str, min_score: float = 0.0) -> float:
    """The score `query` gets against `listed` (0 when it is not proposed at all)."""
    matches = one_name_matcher(listed, entity_type).match(
        Supplier(row=1, name=query), min_score=min_score
    )
    return max((m.score for m in matches), default=0.0)
