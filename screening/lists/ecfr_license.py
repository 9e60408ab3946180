"""The Entity List's license requirement: its text, its footnotes and what they mean.

Some entries carry a superscript footnote number in the "License requirement" column. The
numbers 1, 3, 4 and 5 designate an entity for one of the foreign-direct product (FDP)
rules of 15 CFR 734.9: for such an entity the license requirement reaches foreign-made
items as well, which a reviewer must know. The eCFR XML marks a footnote reference with a
superscript element (`<SU>4</SU>`); text copied from the list shows it as a bare digit
("...of the EAR) 4", "734.9(g),3 746.8(a)(3)"). Both are read here; the license
requirement keeps the footnote at its place as a superscript digit ("...of the EAR)⁴").

Which section each footnote belongs to is read from the list itself: entries with
footnote 4 cite § 734.9(e)(2) (70 of 96; the other 26 cite § 734.9(e)), footnote 5
§ 734.9(e)(3) and § 734.4(a)(9), footnote 3 § 734.9(g) and § 746.8(a)(3), footnote 1
§ 734.9(e) (the 3,409 entries of a 2026 copy,
../shared/data/bis/ecfr_entity_list_2026-07-09.json; tests/test_ecfr_license.py). What
the sections say is summarised in our words from 15 CFR 734.9 and BIS's FDP guidance
(https://www.bis.gov/foreign-direct-product-rules). Footnote 2 appears on the Huawei
entries; its text could not be read when this was written, so it is not explained.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_FROM_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


@dataclass(frozen=True, slots=True)
class Footnote:
    """What one footnote of the license requirement column means."""

    number: int
    section: str  # where the rule is, e.g. "15 CFR 734.9(e)(2)"
    rule: str  # its name
    explanation: str  # in our words; empty where not confirmed

    def describe(self) -> str:
        """One sentence for reports."""
        if not self.explanation:
            return f"Footnote {self.number}: {self.rule}"
        return f"Footnote {self.number} ({self.section}, {self.rule}): {self.explanation}"


#: The footnotes of the license requirement column of Supplement No. 4 to Part 744.
FOOTNOTES: dict[int, Footnote] = {
    1: Footnote(
        1,
        "15 CFR 734.9(e)(1)",
        "Entity List FDP rule, footnote 1",
        "foreign-made items that are the direct product of certain U.S. software or "
        "technology of CCL Categories 3, 4 and 5 (or made by a plant that is) are subject "
        "to the EAR when this entity is a party to the transaction or the item goes into "
        "anything it produces, buys or orders; the license requirement is in "
        "15 CFR 744.11(a)(2). First used for Huawei and its affiliates.",
    ),
    2: Footnote(
        2,
        "Supplement No. 4 to Part 744",
        "its text could not be checked; read the footnote at the end of the Supplement",
        "",
    ),
    3: Footnote(
        3,
        "15 CFR 734.9(g)",
        "Russia/Belarus-Military End User and Procurement FDP rule",
        "this entity is a Russian or Belarusian military end user or procurement party: "
        "foreign-made items that are the direct product of U.S. software or technology of "
        "any CCL product group D or E (or made by a plant that is) are subject to the EAR "
        "when it is a party to the transaction or the item goes into anything it produces, "
        "buys or orders; license requirement and review policy in 15 CFR 746.8(a)(3) "
        "and (b).",
    ),
    4: Footnote(
        4,
        "15 CFR 734.9(e)(2)",
        "Entity List FDP rule, footnote 4",
        "foreign-made items that are the direct product of listed U.S. software or "
        "technology of CCL Categories 3, 4 and 5 (or made by a plant that is) are subject "
        "to the EAR when this entity is a party to the transaction or the item goes into "
        "anything it produces, buys or orders; the license requirement is in "
        "15 CFR 744.11(a)(2).",
    ),
    5: Footnote(
        5,
        "15 CFR 734.9(e)(3)",
        "Entity List FDP rule, footnote 5",
        "foreign-made semiconductor manufacturing equipment of the listed 3B ECCNs, made "
        "from listed U.S. software or technology or containing chips made by a plant "
        "that is, is subject to the EAR when destined to this entity, and no de minimis "
        "exclusion applies to it (15 CFR 734.4(a)(9)); the license requirement is in "
        "15 CFR 744.11(a)(2).",
    ),
}

# A bare footnote digit in copied text: 1-5 right after a closing parenthesis or after
# "EAR", optionally after a comma or a space, and followed by a space, a comma, a period or
# the end. "734.9(g),3 746.8" and "of the EAR) 4" match; "(a)(3)" and "§ 744.21" do not.
_BARE_FOOTNOTE = re.compile(r"(?<=\)|R)(?P<lead>,?)\s?(?P<number>[1-5])(?=[\s,.;]|$)")
_EAR_OR_PAREN = re.compile(r"(?:\)|\bEAR)$")


@dataclass(frozen=True, slots=True)
class LicenseRequirement:
    """The column's text, footnotes shown as superscript digits, and the footnote numbers."""

    text: str
    footnotes: tuple[int, ...] = ()

    def explanations(self) -> tuple[str, ...]:
        """One sentence per footnote, for reports; a number the table does not know is
        named as such, never dropped."""
        return tuple(
            FOOTNOTES[n].describe()
            if n in FOOTNOTES
            else f"Footnote {n}: not one of the footnotes this version knows (1-5)"
            for n in self.footnotes
        )


def superscript(number: int) -> str:
    """`number` as superscript digits: 4 -> "⁴"."""
    return str(number).translate(_SUPERSCRIPT)


def read_license_requirement(text: str, marked: tuple[int, ...] = ()) -> LicenseRequirement:
    """The license requirement of a cell.

    `marked` are footnote numbers the XML marked itself (already shown in `text` as
    superscripts). Where it marked none, bare footnote digits of copied text are read
    (see `_BARE_FOOTNOTE`) and turned into superscripts.
    """
    cell = " ".join(text.split())
    if marked:
        return LicenseRequirement(cell, tuple(dict.fromkeys(marked)))
    found: list[int] = []

    def mark(match: re.Match[str]) -> str:
        before = cell[: match.start()]
        if not _EAR_OR_PAREN.search(before):
            return match.group(0)
        found.append(int(match["number"]))
        return f"{match['lead']}{superscript(int(match['number']))}"

    shown = _BARE_FOOTNOTE.sub(mark, cell)
    supers = [int(c.translate(_FROM_SUPERSCRIPT)) for c in shown if c in "¹²³⁴⁵"]
    return LicenseRequirement(shown, tuple(dict.fromkeys(found or supers)))
