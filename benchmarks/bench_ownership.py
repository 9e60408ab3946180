"""Time the ownership look-through on a synthetic graph of 100,000 stakes.

    python benchmarks/bench_ownership.py [--edges 100000] [--seed 7]

Builds a layered ownership graph (holding companies own operating companies, a few stakes
point back up to make cycles, a few percentages are unknown), writes it as an ownership CSV,
and times each step: reading and checking the file, building the graph (cycles found), the
shares for both rules (least and most, for unknown percentages), and the findings with their
paths for every owned party. Listed owners are picked by a lookup table standing in for the
name matcher, whose cost depends on the lists and is measured by bench_screen.py.
Prints the times; nothing is asserted (this is not a test).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import date
from pathlib import Path

from screening.models import ListEntry, Match, Supplier
from screening.ownership import LookThrough
from screening.ownership.input import read_ownership
from screening.ownership.rules import packaged_rules

AS_OF = date(2026, 12, 1)
SOURCES = (
    "Specially Designated Nationals (SDN) - Treasury Department",
    "Entity List (EL) - Bureau of Industry and Security",
)


class TableMatcher:
    """Matches a name when it is in a table of listed names, in O(1)."""

    def __init__(self, listed: dict[str, ListEntry]) -> None:
        self.listed = listed

    def match(self, supplier: Supplier, *, min_score: float) -> list[Match]:
        entry = self.listed.get(supplier.name)
        if entry is None:
            return []
        return [Match(supplier, entry, "synthetic", supplier.name, 100.0, "table")]


def synthetic_csv(path: Path, edges: int, rng: random.Random) -> dict[str, ListEntry]:
    """Write `edges` stakes; return the listed parties among the owners."""
    parties = max(10, int(edges * 0.6))
    lines = ["owned,owner,percent,as_of"]
    written = 0
    owned = parties // 10
    while written < edges:
        owners = rng.randint(1, 4)
        split = [rng.random() for _ in range(owners)]
        scale = rng.uniform(60, 100) / sum(split)
        for share in split:
            owner = rng.randrange(0, owned)  # owners come before what they own...
            percent = "unknown" if rng.random() < 0.01 else f"{share * scale:.2f}"
            lines.append(f"P{owned},P{owner},{percent},2024-12-31")
            written += 1
            if rng.random() < 0.005:  # ...except a few cross-holdings, which make cycles
                lines.append(f"P{owner},P{owned},{rng.uniform(1, 20):.2f},2024-12-31")
                written += 1
        owned = owned + 1 if owned + 1 < parties else parties // 10
    path.write_text("\n".join(lines[: edges + 1]) + "\n", encoding="utf-8")
    listed = rng.sample(range(parties // 10), k=max(1, parties // 200))
    return {
        f"P{p}": ListEntry(entry_id=f"syn-{p}", source=SOURCES[p % 2], name=f"P{p}") for p in listed
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--edges", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ownership.csv"
        listed = synthetic_csv(path, args.edges, rng)
        started, cpu = time.perf_counter(), time.process_time()
        data = read_ownership(path)
        read = time.perf_counter()
        look = LookThrough(
            data,
            TableMatcher(listed),  # type: ignore[arg-type]
            as_of=AS_OF,
            threshold=85.0,
            rules=packaged_rules(),
        )
        computed = time.perf_counter()
        names = sorted({row.owned for row in data.rows})
        suppliers = [Supplier(row=n, name=name) for n, name in enumerate(names, start=1)]
        findings = look.findings(suppliers)
        done, cpu = time.perf_counter(), time.process_time() - cpu
    graph = look.graph
    cycles = sum(1 for c in graph.order if len(c) > 1)
    print(
        f"{len(data.rows):,} stakes, {len(graph.parties):,} parties, {len(listed):,} listed, "
        f"{cycles} cycles"
    )
    print(f"read and check the file      {read - started:6.2f} s")
    print(f"graph + shares (2 rules)     {computed - read:6.2f} s")
    print(f"findings for {len(suppliers):,} parties  {done - computed:6.2f} s  ({len(findings):,})")
    print(f"total                        {done - started:6.2f} s  (CPU {cpu:.2f} s)")


if __name__ == "__main__":
    main()
