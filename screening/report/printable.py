"""Data shown to people, made safe to show: names and fields come from supplier files and
lists that nobody here controls.

A terminal obeys escape sequences (ESC ] 0 ; sets the window title, ESC ] 8 ; makes a
hyperlink, others move the cursor or rewrite earlier lines) and a log viewer may too;
Unicode's bidirectional overrides make text read in another order than it is stored (the
"Trojan Source" class, CVE-2021-42574). None of these belongs in a party's name, so every
human-facing output passes its data through `printable` first. Line breaks and tabs become
spaces; other control and bidi-control characters become U+FFFD, visibly, so a reviewer
sees that the data held something odd rather than nothing.
"""

from __future__ import annotations

import re

#: Replaces characters that must not reach a terminal or viewer as they are.
REPLACEMENT = "\ufffd"

# C0 controls but tab, LF and CR; DEL; C1 controls (U+0080-U+009F, which include CSI
# and OSC in their 8-bit forms); the bidirectional embeddings, overrides and isolates
# (U+202A-U+202E, U+2066-U+2069), which Unicode's UAX #9 lists as explicit formatting.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_BREAKS = re.compile("[\t\n\r]+")


def printable(text: str) -> str:
    """`text` with line breaks and tabs as one space and every other control or
    bidi-control character as U+FFFD: safe to print to a terminal or a CI log."""
    return without_controls(_BREAKS.sub(" ", text))


def without_controls(text: str) -> str:
    """`text` with every control or bidi-control character but tab, LF and CR as U+FFFD,
    for formats that carry line breaks themselves (escaped, as GitHub's commands do)."""
    return _UNSAFE.sub(REPLACEMENT, text)
