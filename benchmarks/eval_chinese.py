"""Chinese-script names against the real lists: recall on listed Chinese companies' Chinese
names, and false alarms on unlisted Chinese companies' full Chinese names, on the held-out
half, with PASS/FAIL against issue 14's target (recall >= 50% at <= 2 flagged per 1,000).

    .venv/bin/python benchmarks/eval_chinese.py [--half heldout|dev|all] [--show-misses]
        [--data DIR] [--seed N]

Positives: the labelled set's `chinese_script` class, Chinese names whose English name (as
their source gives it) is a listed name: casslab's native names of restricted parties
(`bis/casslab_restricted_parties.json`), the bilingual pairs (`bilingual/zh_en_company_names
.csv`) and the A-share list (`bilingual/a_share_companies_half.csv`). A hit is an expected
entry at or above the default threshold. Recall is given per source: a name several sources
give counts in each.

Negatives: every A-share company's full Chinese name (公司全称), less the A-share companies
that are themselves listed (the script prints how many, which and why): those whose
registered English name, in the labelling's normal form (case, dots, legal forms and stop
words folded), equals a listed name or alias in that form; those whose Chinese name another
source (casslab, the bilingual pairs) gives to a listed English name; and those whose short
name (4 characters or more), in pinyin, is a run of whole words of a listed name holding all
its distinctive words (the Entity List names many Chinese companies by the pinyin of their
names: "Huahai Qingke" for 华海清科). A negative is flagged when any entry scores at or
above the default threshold.
"""

from __future__ import annotations

import argparse
import shlex
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import labelled_set as ls

from screening.lists import load_list
from screening.match import DEFAULT_THRESHOLD, ListMatcher
from screening.models import Supplier

#: Issue 14's targets for Chinese-script names, at the default threshold.
TARGET_RECALL = 0.50
TARGET_FLAGGED_PER_1000 = 2.0

SOURCES = ("casslab", "zh_en_company_names", "a_share_companies_half")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ls.DEFAULT_DATA, help="shared data folder")
    parser.add_argument("--seed", type=int, default=ls.DEFAULT_SEED)
    ls.add_half_argument(parser)
    parser.add_argument("--show-misses", action="store_true", help="list misses and alarms")
    args = parser.parse_args(argv)
    print("$", shlex.join([sys.executable, *sys.argv]))
    data = ls.data_dir_or_exit(args.data)
    snapshot = load_list(data / ls.LIST_FILE)
    index = ls.entries_by_name(snapshot.entries)
    positives, ambiguous = ls.chinese_positives(data, snapshot.entries, index)
    positives = ls.in_half(positives, args.half)
    negatives, listed = ls.chinese_negatives(data, snapshot.entries)
    negatives = ls.in_half(negatives, args.half)
    if not positives and not negatives:
        print(f"skipped: no Chinese-script names found under {data}")
        return 0
    matcher = ListMatcher([snapshot])
    start = time.perf_counter()
    hits: list[tuple[ls.LabelledQuery, float, str]] = []
    for row, query in enumerate(positives, start=1):
        matches = matcher.match(Supplier(row, query.query), min_score=DEFAULT_THRESHOLD)
        best = max((m.score for m in matches if m.entry.entry_id in query.expected), default=0.0)
        top = matches[0] if matches else None
        shown = f"{top.entry.entry_id} {top.matched_name!r} {top.score:g}" if top else ""
        hits.append((query, best, shown))
    alarms: list[tuple[ls.LabelledQuery, str]] = []
    for row, query in enumerate(negatives, start=1):
        matches = matcher.match(Supplier(row, query.query), min_score=DEFAULT_THRESHOLD)
        if matches:
            top = matches[0]
            alarms.append((query, f"{top.entry.entry_id} {top.matched_name!r} {top.score:g}"))
    seconds = time.perf_counter() - start
    found = sum(best >= DEFAULT_THRESHOLD for _, best, _ in hits)
    recall = found / len(hits) if hits else 0.0
    per_1000 = 1000 * len(alarms) / len(negatives) if negatives else 0.0

    print(
        f"half: {args.half}; {len(positives)} listed Chinese names, {len(negatives)} unlisted "
        f"A-share names; scored in {seconds:.1f} s; threshold {DEFAULT_THRESHOLD:g}"
    )
    print(
        f"\nrecall on listed companies' Chinese names: {recall:.1%} ({found} of {len(hits)}; "
        f"{ambiguous} Chinese names left out for standing for several English names)"
    )
    for source in SOURCES:
        mine = [(q, b) for q, b, _ in hits if source in q.rule.split("+")]
        if mine:
            got = sum(b >= DEFAULT_THRESHOLD for _, b in mine)
            print(f"  {source:24} {got / len(mine):6.1%} ({got} of {len(mine)})")
    print(
        f"unlisted Chinese companies flagged: {per_1000:.2f} per 1000 ({len(alarms)} of "
        f"{len(negatives)} full names of A-share companies)"
    )
    print(f"  left out as listed ({len(listed)}, all halves; see the module's docstring):")
    for chinese, english, reason in listed:
        print(f"    {chinese} ({english}): {reason}")
    if args.show_misses:
        print(f"\n== Misses and alarms at {DEFAULT_THRESHOLD:g}")
        for query, best, top in hits:
            if best < DEFAULT_THRESHOLD:
                print(
                    f"  miss {query.query!r} best expected {best:g} (top: {top or 'none'}): "
                    f"{query.note}"
                )
        for query, top in alarms:
            print(f"  alarm {query.query!r} ({query.note}) -> {top}")
    print(f"\n== Target (issue 14), {args.half} half, threshold {DEFAULT_THRESHOLD:g}")
    ok = recall >= TARGET_RECALL and per_1000 <= TARGET_FLAGGED_PER_1000
    print(
        f"{'PASS' if ok else 'FAIL'}  Chinese-script recall >= {TARGET_RECALL:.0%} "
        f"({recall:.1%}) at <= {TARGET_FLAGGED_PER_1000:g} flagged per 1000 unlisted Chinese "
        f"names ({per_1000:.2f})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
