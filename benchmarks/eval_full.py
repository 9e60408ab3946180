"""Our matcher on the whole labelled set (no baseline): recall per variant type and false
alarms per 1,000 real non-listed names, at a few thresholds.

`eval_matching.py` compares with the brute-force baseline on a sample, since the baseline
scores about ten names a second; this script scores all ~19,000 queries in well under a
minute, so small differences in false alarms (a few per 1,000) can be seen.

    .venv/bin/python benchmarks/eval_full.py [--data DIR] [--seed N] [--show-misses]
        [--countries]

With `--countries`, each query also carries a country, as a supplier file's country column
would: a positive the first country of the entry it varies, a negative "US" (the negatives
are SEC filers and S&P 500 companies; most, not all, are American). This measures how the
country corroborates or weakens a name (`screening.match.COUNTRY_AGREES_BONUS`,
`COUNTRY_DIFFERS_PENALTY`); the figures without it are the names alone.
"""

from __future__ import annotations

import argparse
import shlex
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import labelled_set as ls

from screening.lists import load_list
from screening.match import DEFAULT_THRESHOLD, ListMatcher
from screening.models import Match, Supplier

THRESHOLDS = (80.0, 85.0, 90.0)
#: The country given to negatives with --countries: where SEC filers mostly are.
NEGATIVE_COUNTRY = "US"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ls.DEFAULT_DATA, help="shared data folder")
    parser.add_argument("--seed", type=int, default=ls.DEFAULT_SEED)
    parser.add_argument("--show-misses", action="store_true", help="list misses and alarms")
    parser.add_argument(
        "--countries", action="store_true", help="give each query a country (see above)"
    )
    args = parser.parse_args(argv)
    print("$", shlex.join([sys.executable, *sys.argv]))
    data = ls.data_dir_or_exit(args.data)
    snapshot = load_list(data / ls.LIST_FILE)
    labelled = ls.build_labelled_set(data, snapshot.entries, args.seed)
    matcher = ListMatcher([snapshot])
    floor = min(THRESHOLDS)
    start = time.perf_counter()
    countries = {e.entry_id: e.countries for e in snapshot.entries}

    def country(query: ls.LabelledQuery) -> str:
        if not args.countries:
            return ""
        if query.kind == ls.NEGATIVE:
            return NEGATIVE_COUNTRY
        listed = [c for entry_id in query.expected for c in countries.get(entry_id, ())]
        return listed[0] if listed else ""

    results = [
        (query, matcher.match(Supplier(row, query.query, country(query)), min_score=floor))
        for row, query in enumerate(labelled.queries, start=1)
    ]
    seconds = time.perf_counter() - start
    print(f"{len(results)} queries scored in {seconds:.1f} s ({len(results) / seconds:.0f}/s)")
    for threshold in THRESHOLDS:
        hits: Counter[str] = Counter()
        totals: Counter[str] = Counter()
        alarms: Counter[str] = Counter()
        negatives: Counter[str] = Counter()
        shown: list[str] = []
        for query, matches in results:
            good = [m for m in matches if m.score >= threshold]
            if query.kind == ls.POSITIVE:
                totals[query.variant] += 1
                if any(m.entry.entry_id in query.expected for m in good):
                    hits[query.variant] += 1
                elif query.variant != "chinese_script":
                    shown.append(f"  miss [{query.variant}] {query.query!r}: {query.note}")
            else:
                negatives[query.variant] += 1
                if good:
                    alarms[query.variant] += 1
                    top = good[0]
                    shown.append(f"  alarm {query.query!r} -> {top.matched_name!r} {top.score}")
        positives = sum(totals.values())
        latin = positives - totals["chinese_script"]
        latin_hits = sum(hits.values()) - hits["chinese_script"]
        per_type = ", ".join(f"{v} {hits[v] / totals[v]:.1%}" for v in sorted(totals))
        false_alarms = sum(alarms.values())
        print(
            f"threshold {threshold:g}: recall {sum(hits.values()) / positives:.2%} "
            f"(Latin-script variants {latin_hits / latin:.2%}); {per_type}; false alarms "
            f"{1000 * false_alarms / sum(negatives.values()):.2f} per 1000 "
            f"({false_alarms} of {sum(negatives.values())}: "
            + ", ".join(f"{k} {alarms[k]}" for k in sorted(negatives))
            + ")"
        )
        if args.show_misses:
            print("\n".join(shown))
    persons = ls.un_person_positives(data, snapshot.entries)
    if persons:
        found = [
            (q, matcher.match(Supplier(row, q.query, ""), min_score=floor))
            for row, q in enumerate(persons, start=1)
        ]
        print(
            f"persons (kept apart: {len(persons)} yente UN names with typos or reordered words, "
            "against the entries of their untreated names): "
            + ", ".join(f"recall at {t:g} {_recall(found, t):.1%}" for t in THRESHOLDS)
        )
        clean = ls.person_negatives(data)
        alarms = [
            (q.query, m[0])
            for q in clean
            if (m := matcher.match(Supplier(1, q.query, ""), min_score=DEFAULT_THRESHOLD))
        ]
        if clean:
            print(
                f"persons on no list ({len(clean)} US Congress members' names): "
                f"{len(alarms)} alarms at {DEFAULT_THRESHOLD:g} "
                f"({1000 * len(alarms) / len(clean):.2f} per 1000)"
            )
        if args.show_misses:
            for name, top in alarms:
                print(f"  alarm [us_congress] {name!r} -> {top.matched_name!r} {top.score}")
            for query, matches in found:
                best = max(
                    (m.score for m in matches if m.entry.entry_id in query.expected), default=0.0
                )
                if best < DEFAULT_THRESHOLD:
                    print(f"  miss [un_person] {query.query!r} {best}: {query.note}")
    return 0


def _recall(results: list[tuple[ls.LabelledQuery, list[Match]]], threshold: float) -> float:
    hits = sum(
        any(m.entry.entry_id in q.expected and m.score >= threshold for m in matches)
        for q, matches in results
    )
    return hits / len(results)


if __name__ == "__main__":
    raise SystemExit(main())
