"""The Entity List's entity cell split into name, aliases, addresses and notes.

BIS writes each cell as one paragraph: the name, then the aliases, then the addresses:

    Beijing Academy of Artificial Intelligence, a.k.a., the following four aliases: —BAAI;
    —Zhiyuan Research Institute; —Beijing Zhiyuan Artificial Intelligence Research
    Institute; and —Zhiyuan. No. 150 Chengfu Road, Haidian District, Beijing, China; and
    Building 8 No. 1, B201D-1, 3rd Floor, Zhongguancun East Road, Haidian District, ...

The forms the real text uses, all read here (tests/test_ecfr_entity.py runs them on 60
real cells):

- the alias marker "a.k.a., the following N aliases:", also written "a.k.a, the following",
  "a.k.a. the following", "and the following N aliases:", "... aliases, and thirteen
  subordinate institutions:", or a bare "a.k.a." before the aliases themselves;
- each alias opened by a dash (—, – or -) after a space, the last one after "; and" or
  " and"; a dash inside a word ("Inspur Taiwan—R&D Center") does not open an alias;
- "(a.k.a., X)" inside an alias: X is one more alias;
- the last alias ended by a period, or (where the period was left out) by the first
  thing that starts an address ("No. 30", "51 Yong Ding Road", "Room 5");
- "Subordinate institution X, a.k.a., ...: —A; and —B." after the aliases: X, A and B are
  names of the entry too;
- addresses separated by "; and", ";" or "; and;"; a "(See ... under X.)" cross-reference
  and a parenthetical remark between aliases are kept as notes.

Nothing is dropped: every word of the cell lands in the name, an alias, an address or a
note, apart from the words of the markers themselves ("a.k.a.", "the following four
aliases"); the test checks that word for word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Number words BIS uses to announce how many aliases follow ("the following sixteen
#: aliases"); compounds such as "twenty-one" are read from their parts.
_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip

# "a.k.a., the following N aliases:" and its variants, up to and including the colon.
_FOLLOWING = re.compile(
    r",?\s*(?:\ba\.?k\.?a\b\.?,?|\band\b)\s+the\s+following\s+(?P<count>[\w-]+)\s+"
    r"alias(?:es)?\b(?P<extra>[^:—]{0,80}?):\s*",
    re.IGNORECASE,
)
# A bare "a.k.a." (no announced list): the aliases follow directly.
_BARE_AKA = re.compile(r",?\s*\ba\.?k\.?a\b\.?,?\s*", re.IGNORECASE)
# A dash that opens an alias: at the start, or after a space, and before a non-space.
_ALIAS_DASH = re.compile(r"(?:^|(?<=\s))[—–-](?=\S)")
# "(a.k.a., X)" inside an alias.
_NESTED_AKA = re.compile(r"\s*\(\s*a\.?k\.?a\b\.?,?\s*(?P<alias>[^()]*(?:\([^()]*\)[^()]*)*)\)")
# Another named party after the aliases: "Subordinate institution X, a.k.a., ...".
_SUBORDINATE = re.compile(r"^subordinate\s+institutions?\s+", re.IGNORECASE)
# What starts an address, for the places where the text does not say where one starts.
_ADDRESS_START = re.compile(
    r"(?:No\.?\s*\d|\d+[A-Za-z]?\b(?![./]\d)|#\s?\d|"
    r"(?:Room|Rm|Building|Bldg|Floor|Fl|Unit|Flat|Block|Suite|Apartment|Apt|"
    r"P\.?\s?O\.?\s?Box)\b)"
)
# Words that make a comma-separated part of the text a place rather than part of a name.
_PLACE_WORD = re.compile(
    r"\b(?:Road|Rd|Street|St|Avenue|Ave|Lu|Jie|Dajie|Dadao|Lane|Boulevard|Blvd|Highway|"
    r"District|Dist|Province|Prefecture|City|Town|Township|Village|County|Zone|Campus|"
    r"Square|Building|Bldg|Floor|Room|Suite|Block|P\.?\s?O\.?\s?Box)\b\.?"
)
# Abbreviations whose period does not end an alias unless an address starts right after.
_ABBREVIATIONS = frozenset(
    "co corp inc ltd llc jsc plc pvt pte bhd sdn no nos st mt ft dr mr mrs ms jr sr int "
    "intl tech dept univ inst ave rd blvd bldg bros".split()
)
# Words after a period that continue a name ("Co. Ltd.", "Corp. of ...").
_CONTINUATIONS = frozenset(
    "ltd limited llc inc corp corporation co company gmbh sa jsc plc pvt pte sdn bhd of "
    "and & (".split()
)
# Separators between addresses: "; and", ";", "; and;".
_ADDRESS_SEPARATOR = re.compile(r"\s*;\s*(?:and\b\s*;?\s*)?")
# A cross-reference or remark in parentheses: "(See alternate address under Pakistan.)".
_CROSS_REFERENCE = re.compile(r"\(\s*see\b[^()]*\)\.?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class EntityCell:
    """An entity cell in its parts. `stated_aliases` is the number the text announces
    ("the following two aliases"), None where it announces none; it can differ from
    `len(aliases)` where BIS miscounted or where subordinate institutions add names."""

    name: str
    aliases: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    stated_aliases: int | None = None
    main_aliases: int = 0  # how many aliases the first alias list gave


def number_word(word: str) -> int | None:
    """`word` ("two", "sixteen", "twenty-one", "6") as a number, or None."""
    text = word.lower().strip()
    if text.isdigit():
        return int(text)
    if text in _UNITS:
        return _UNITS[text]
    tens, _, unit = text.partition("-")
    if tens in _TENS and (not unit or unit in _UNITS and _UNITS[unit] < 10):
        return _TENS[tens] + (_UNITS[unit] if unit else 0)
    return None


def _depth_zero(text: str, index: int) -> bool:
    """Whether `index` of `text` stands outside every parenthesis."""
    return text.count("(", 0, index) <= text.count(")", 0, index)


def _clean(part: str) -> str:
    """A name, alias or address without the separators around it."""
    text = part.strip()
    text = re.sub(r"^(?:and\b|;|,)\s*", "", text)
    text = re.sub(r"(?:\s*[;,]|\s+and)+\s*$", "", text)
    return text.strip()


def _address_start(text: str, after: int = 1) -> int | None:
    """Where the first address starts in `text` (at a word after `after`), if anywhere."""
    for found in _ADDRESS_START.finditer(text, after):
        start = found.start()
        if text[start - 1].isspace() and _depth_zero(text, start):
            return start
    return None


def _without_end_period(text: str) -> str:
    """`text` without a final period, unless the period ends an abbreviation ("Co.",
    "U.A."), where it is part of the name."""
    stripped = text.rstrip()
    if not stripped.endswith("."):
        return stripped
    words = re.findall(r"[\w&]+", stripped)
    last = words[-1].lower() if words else ""
    return stripped if last in _ABBREVIATIONS or len(last) == 1 else stripped[:-1].rstrip()


def _alias_end(item: str, *, last: bool = True, dashed: bool = True) -> tuple[str, str]:
    """An alias of a list and, when the list ends with it, the text after it.

    The list ends at a period that closes a sentence (`_period_end`). In the `last` alias,
    where the period was left out, the first address start ends it instead; in a list
    without dashes (`dashed` False), where nothing else marks where an alias stops, an
    address start ends it even before a period.
    """
    if last and not dashed and (split := _split_at_address(item)):
        return split
    if split := _period_end(item):
        return split
    if last:
        # No period ends it: the alias runs to the first address start, when the text
        # after it has the commas or semicolons of an address, or to the first comma
        # before a place; else it is all alias.
        if split := _split_at_address(item):
            return split
        end = _name_end(item, "")
        if end < len(item):
            return _clean(item[:end]), item[end:].lstrip(", ")
    return _clean(_without_end_period(item)), ""


def _split_at_address(item: str) -> tuple[str, str] | None:
    """The alias before the first address start and the text from it, when that text has
    the commas or semicolons of an address; None otherwise."""
    start = _address_start(item)
    if start is not None and re.search(r"[,;]", item[start:]):
        return _clean(item[:start]), item[start:].strip()
    return None


def _period_end(item: str) -> tuple[str, str] | None:
    """The alias and the text after it, split at the period that closes the sentence: not
    the period of an abbreviation ("Co. Ltd.", "No. 5") unless an address starts right
    after it, and not one followed by a word that continues a name. None when no period
    before the text's own end does."""
    for found in re.finditer(r"\.(?=\s+\S)|\.\s*$", item):
        cut = found.start()
        if not _depth_zero(item, cut):
            continue
        rest = item[found.end() :].lstrip()
        if not rest:
            return None  # the text's own end: the caller's fallbacks decide
        words = re.findall(r"[\w&(]+", item[:cut])
        word = words[-1].lower() if words else ""
        if word in ("no", "nos"):  # "No. 50": the period belongs to an address
            continue
        if _ADDRESS_START.match(rest):
            return _clean(_without_end_period(item[: cut + 1])), rest
        if not _name_goes_on(word, rest):
            return _clean(item[:cut]), rest
    return None


def _name_goes_on(word: str, rest: str) -> bool:
    """Whether a name goes on past the period after `word`: the period ends an abbreviation
    or an initial, or the next word is in lower case or one that continues a name."""
    if word in _ABBREVIATIONS or len(word) == 1:
        return True
    next_word = re.match(r"[\w&(]+", rest)
    return rest[0].islower() or bool(next_word and next_word[0].lower() in _CONTINUATIONS)


def _split_items(block: str) -> tuple[list[str], str]:
    """The aliases of a list and the text after the list."""
    starts = [m.start() for m in _ALIAS_DASH.finditer(block) if _depth_zero(block, m.start())]
    if not starts:
        # A list written without dashes: "; "-separated, ended like a dash list.
        bounds = [0, *(m.end() for m in re.finditer(r";\s*(?:and\s+)?", block))]
        ends = [*(m.start() for m in re.finditer(r";\s*(?:and\s+)?", block)), len(block)]
        items: list[str] = []
        for number, (start, end) in enumerate(zip(bounds, ends, strict=True)):
            last = number == len(bounds) - 1
            alias, rest = _alias_end(block[start:end], last=last, dashed=False)
            items.append(alias)
            if rest:  # the list ended inside this alias; the text after it follows as is
                return items, (rest + block[end:]).strip()
        return items, ""
    items = [_clean(block[: starts[0]])] if block[: starts[0]].strip() else []
    ends = [*starts[1:], len(block)]
    for number, (start, end) in enumerate(zip(starts, ends, strict=True)):
        alias, rest = _alias_end(block[start + 1 : end], last=number == len(starts) - 1)
        items.append(alias)
        if rest:  # the list ended inside this alias; the rest is addresses and more
            return items, (rest + block[end:]).strip()
    return items, ""


def _expand(items: list[str]) -> tuple[list[str], list[str]]:
    """Aliases with "(a.k.a., X)" made separate, and remarks in parentheses moved to notes."""
    aliases: list[str] = []
    notes: list[str] = []
    for item in items:
        text = item
        remark = re.search(r";\s*(\([^()]*\))\s*$", text)
        if remark:  # "X; (all of preceding located in or near Mianyang)"
            notes.append(remark.group(1))
            text = _clean(text[: remark.start()])
        nested = _NESTED_AKA.search(text)
        if nested:
            aliases.append(_clean(text[: nested.start()] + text[nested.end() :]))
            aliases.append(_clean(nested.group("alias")))
        elif text:
            aliases.append(text)
    return [a for a in aliases if a], notes


def _aliases_after(text: str) -> tuple[list[str], str, int | None]:
    """Aliases at the start of `text` (just after a marker) and the text after them."""
    following = _FOLLOWING.match(text)
    if following:
        items, rest = _split_items(text[following.end() :])
        return items, rest, number_word(following.group("count"))
    bare = _BARE_AKA.match(text)
    items, rest = _split_items(text[bare.end() :] if bare else text)
    return items, rest, None


def _name_end(text: str, country: str) -> int:
    """Where the name stops when no alias marker says so: at the first comma whose next
    part is a place (a number, an address word, a place word or the row's country)."""
    for found in re.finditer(r",\s+", text):
        if not _depth_zero(text, found.start()):
            continue
        part = re.split(r"[,;]", text[found.end() :], maxsplit=1)[0].strip().rstrip(".")
        if (
            _ADDRESS_START.match(part)
            or re.search(r"\d", part)
            or _PLACE_WORD.search(part)
            or (country and part.lower() == country.lower())
        ):
            return found.start()
    return len(text)


def _find_marker(text: str) -> re.Match[str] | None:
    """The first alias marker outside parentheses ("the following" form on a tie)."""
    found = [
        next((m for m in pattern.finditer(text) if _depth_zero(text, m.start())), None)
        for pattern in (_FOLLOWING, _BARE_AKA)
    ]
    present = [m for m in found if m is not None]
    return min(present, key=lambda m: m.start()) if present else None


def split_entity_cell(text: str, country: str = "") -> EntityCell:
    """The parts of one entity cell; `country` (the row's) helps tell an address's last part."""
    cell = " ".join(text.split())
    if not cell:
        return EntityCell(name="")
    notes: list[str] = []
    aliases: list[str] = []
    stated: int | None = None
    main = 0
    marker = _find_marker(cell)
    if marker is not None:
        name = _clean(cell[: marker.start()])
        items, rest, stated = _aliases_after(cell[marker.start() :].lstrip(", "))
        found, remarks = _expand(items)
        aliases += found
        notes += remarks
        main = len(found)
    else:
        end = _name_end(cell, country)
        name, rest = _clean(_without_end_period(cell[:end])), cell[end:].lstrip(", ")
    # Further named parties ("Subordinate institution X, a.k.a., ...").
    while (sub := _SUBORDINATE.match(rest)) is not None:
        body = rest[sub.end() :]
        inner = _find_marker(body)
        if inner is None:
            end = _name_end(body, country)
            aliases.append(_clean(body[:end]))
            rest = body[end:].lstrip(", ")
            break
        aliases.append(_clean(body[: inner.start()]))
        items, rest, _ = _aliases_after(body[inner.start() :].lstrip(", "))
        found, remarks = _expand(items)
        aliases += found
        notes += remarks
    for reference in _CROSS_REFERENCE.finditer(rest):
        notes.append(reference.group(0).rstrip("."))
    rest = _CROSS_REFERENCE.sub(";", rest)  # a separator: never joins the text around it
    addresses = [_clean(a).rstrip(".").strip() for a in _ADDRESS_SEPARATOR.split(rest)]
    return EntityCell(
        name=name,
        aliases=tuple(dict.fromkeys(a for a in aliases if a and a != name)),
        addresses=tuple(a for a in addresses if a),
        notes=tuple(notes),
        stated_aliases=stated,
        main_aliases=main,
    )
