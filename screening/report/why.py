"""`screen why --format json`: the report object of `screen lookup` for one supplier, each
match with its features (`screening.features`) and the supplier's name as compared."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from screening.features import (
    RULES,
    MatchFeatures,
    features_record,
    match_features,
    word_rule,
)
from screening.match import name_query
from screening.models import ScreeningResult, Supplier
from screening.report.fields import result_record

__all__ = [
    "RULES",
    "MatchFeatures",
    "features_record",
    "match_features",
    "why_record",
    "word_rule",
]


def why_record(
    result: ScreeningResult, supplier: Supplier, features: Sequence[MatchFeatures]
) -> dict[str, Any]:
    """`screen why --format json`: the report object `screen lookup` prints for the one
    supplier (the DESIGN.md contract), each match with its `features` added, and `query`:
    the supplier's name as compared."""
    record = result_record(result)
    for match, found in zip(record["matches"], features, strict=True):
        match["features"] = features_record(found)
    record["query"] = {
        "row": supplier.row,
        "input_id": supplier.input_id,
        "input_name": supplier.name,
        "input_country": supplier.country,
        "words": list(name_query(supplier.name).form.tokens),
    }
    return record
