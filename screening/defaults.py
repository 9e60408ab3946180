"""The library's default settings, defined once: the command line shows and uses these same
values. Plain numbers only, so reading them (for `screen --help`) loads nothing else."""

from __future__ import annotations

#: Default gate: a name scoring at or above this is a potential match to review. Chosen on
#: the labelled set of benchmarks/ (benchmarks/eval_full.py, variants of the real lists'
#: names and real unlisted company names): 85 is where recall stays highest for a false-alarm
#: rate a reviewer can work through (the figures of each threshold are in benchmarks/README.md).
#: On the bundled sample every true variant reaches it and no near miss does (test_match.py).
DEFAULT_THRESHOLD = 85.0

#: Entry types not matched against supplier names by default. Ships and aircraft are listed
#: by their own names (the SDN list has hundreds: "VISTA", "DOVER", "FREEDOM"), which are
#: not counterparties and collide with company names; their owners and operators are
#: listed as entities. `--include-vessels` matches them too.
SKIPPED_TYPES: frozenset[str] = frozenset({"vessel", "aircraft"})

#: `screen lookup` also shows near matches down to this score, for review; the gate stays at
#: the threshold. 70 keeps a name's few best candidates on the bundled sample visible.
LOOKUP_SHOW_FROM = 70.0
#: `screen lookup` shows at most this many matches, best first.
LOOKUP_LIMIT = 10

#: Rows read, screened and reported per step of a batch: memory holds about this many rows.
CHUNK_ROWS = 5_000

#: Installed lists older than this many days get a warning: OFAC and BIS publish changes
#: most weeks, so a week-old list may miss a designation.
MAX_AGE_DAYS = 7

# Seconds one source may take in all (every file, every retry). The files fetched are a few
# MiB each (the CSL and sdn.csv over 4 MiB since 2024, PROVENANCE.md): about a minute on a
# 1 Mbit/s line. Ten minutes only trips on a server that trickles bytes just fast enough to
# beat the read timeout, which would otherwise hold a CI job forever (--deadline).
DEADLINE_SECONDS = 600.0
# Largest list file accepted, counted after decompression. The largest file fetched today is
# a few MiB (see above), so 256 MiB leaves decades of growth while a lying or runaway server
# (10 GB announced, an endless body) is stopped (--max-size, in MiB).
MAX_FILE_BYTES = 256 * 2**20
