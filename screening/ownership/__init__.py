"""Ownership look-through: suppliers restricted because listed parties own 50% or more of
them (OFAC's 50 Percent Rule, BIS's Affiliates Rule).

`input` reads the ownership file, `rules` the rule windows (when each rule applied, as
data with its sources), `lookthrough` builds the graph, aggregates the shares along every
chain and says which suppliers each rule reaches on a date.
"""

from __future__ import annotations

from screening.ownership.input import OwnershipData, OwnershipRow, read_ownership
from screening.ownership.lookthrough import (
    Explanation,
    LookThrough,
    OwnershipNode,
    add_ownership,
    aggregate_shares,
    build_graph,
    explain_party,
    restrictiveness,
)
from screening.ownership.rules import OwnershipRule, load_rules, packaged_rules

__all__ = [
    "Explanation",
    "LookThrough",
    "OwnershipData",
    "OwnershipNode",
    "OwnershipRow",
    "OwnershipRule",
    "add_ownership",
    "aggregate_shares",
    "build_graph",
    "explain_party",
    "load_rules",
    "packaged_rules",
    "read_ownership",
    "restrictiveness",
]
