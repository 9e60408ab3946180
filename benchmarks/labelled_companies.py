"""Variants of listed company names that vendor masters show (issue 14): branch and office
qualifiers, trade abbreviations, legal forms written out or glued, numbers written another
way, and two edits in one long word.

Each generator takes the listed entry, the name to vary and a random generator, and returns
`Made` (the query, the rule that made it, a note saying what changed) or None when it does
not apply to that name. The rules come from the tables of `labelled_tables`, which say
where they come from.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from typing import NamedTuple

import labelled_tables as tables

from screening.models import ListEntry


class Made(NamedTuple):
    query: str
    rule: str
    note: str


_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_LONG_WORD = re.compile(r"[A-Za-z]+")


def same_case(word: str, like: str) -> str:
    """`word` in the letter case of `like` (all capitals, all small, or as written)."""
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like.islower():
        return word.lower()
    if like[:1].isupper() and word.islower():
        return word[:1].upper() + word[1:]
    return word


def entry_countries(entry: ListEntry) -> tuple[str, ...]:
    """ISO-2 codes of the listing's countries and nationalities, as given."""
    return tuple(c for c in (*entry.countries, *entry.nationalities) if len(c) == 2)


# -- branches and offices -------------------------------------------------------------------


def _address_city(entry: ListEntry) -> str:
    """The city of the listing's first address ("street, city, CC"), when it is a plain name
    of one to three words; else ""."""
    for address in entry.addresses:
        parts = [p.strip() for p in address.split(",")]
        if len(parts) >= 2:
            city = parts[-2]
            if re.fullmatch(r"[A-Za-z][A-Za-z' .-]{2,30}", city) and len(city.split()) <= 3:
                return city.title() if city.isupper() else city
    return ""


def branch_place(entry: ListEntry, rng: random.Random) -> str:
    """A city where the company may have a branch: its own address's city, else a business
    city of its country, else a trade hub."""
    own = _address_city(entry)
    if own and rng.random() < 0.5:
        return own
    for country in entry_countries(entry):
        if country in tables.BRANCH_CITIES:
            return rng.choice(tables.BRANCH_CITIES[country])
    return own or rng.choice(tables.BRANCH_HUBS)


def branch_variant(entry: ListEntry, name: str, rng: random.Random) -> Made | None:
    """The name followed by a branch, office or place qualifier (English, or for a Chinese
    listing sometimes the Chinese 分公司/代表处/办事处 with the city in Chinese)."""
    place = branch_place(entry, rng)
    chinese = "CN" in entry_countries(entry) and place in tables.CHINESE_CITY_NAMES
    if chinese and rng.random() < 0.25:
        form = rng.choice(tables.CHINESE_BRANCH_FORMS)
        query = form.format(name=name, place=tables.CHINESE_CITY_NAMES[place])
        return Made(query, "branch_chinese", f"Chinese qualifier '{query[len(name) :].strip()}'")
    form = rng.choice(tables.BRANCH_FORMS)
    query = form.format(name=name, place=place)
    if name.isupper() and rng.random() < 0.5:
        query = query.upper()
    qualifier = form.format(name="", place=place).strip()
    return Made(query, "branch_english", f"qualifier '{qualifier}'")


# -- trade abbreviations ---------------------------------------------------------------------


def trade_abbreviation_variant(entry: ListEntry, name: str, rng: random.Random) -> Made | None:
    """Words of the trade-abbreviation table abbreviated, as a vendor master with a short name
    field does (SAP's vendor name fields hold 35 characters): all of them, or one; in
    capitals half the time, with or without the dot."""
    spans = [
        m for m in _LONG_WORD.finditer(name) if m.group().lower() in tables.TRADE_ABBREVIATIONS
    ]
    if not spans:
        return None
    chosen = spans if rng.random() < 0.5 else [rng.choice(spans)]
    upper = rng.random() < 0.5
    dot = rng.random() < 0.3
    out, last, changed = [], 0, []
    for match in chosen:
        word = match.group()
        short = rng.choice(tables.TRADE_ABBREVIATIONS[word.lower()])
        short = short if upper or word.isupper() else short.capitalize()
        if dot and not short.endswith("'L"):
            short += "."
        out += [name[last : match.start()], short]
        last = match.end()
        changed.append(f"{word} -> {short}")
    query = "".join([*out, name[last:]])
    query = re.sub(r"\.\.", ".", query)
    if upper:
        query = query.upper()
    return Made(query, "trade_abbreviation", "; ".join(changed))


# -- legal forms written out in full or glued -----------------------------------------------


def _form_rows(countries: Sequence[str]) -> list[tuple[str, tuple[str, ...]]]:
    """The (pattern, forms in full) rows that apply to a listing of these countries."""
    rows = []
    for pattern, bound, forms in tables.LEGAL_FORMS_IN_FULL:
        if not bound or any(c in bound for c in countries):
            rows.append((pattern, forms))
    return rows


def find_legal_form(name: str, countries: Sequence[str]) -> tuple[int, int, str, tuple[str, ...]]:
    """(start, end, form as written, its forms in full) of the legal form ending the name (or
    starting it, for the Russian forms written in front); (-1, -1, "", ()) when none."""
    for pattern, forms in _form_rows(countries):
        end = re.search(rf"(?:^|[\s,]+)({pattern})\s*$", name, re.IGNORECASE)
        if end and end.start(1) > 0:
            return end.start(1), end.end(1), end.group(1), forms
        if any(re.fullmatch(pattern, f) for f in tables.FRONT_FORMS):
            front = re.match(rf"^({pattern})\s+\S", name, re.IGNORECASE)
            if front:
                return 0, front.end(1), front.group(1), forms
    return -1, -1, "", ()


def legal_form_full_variant(entry: ListEntry, name: str, rng: random.Random) -> Made | None:
    """The legal form written out in full (AG -> Aktiengesellschaft, OOO -> Obshchestvo s
    Ogranichennoy Otvetstvennostyu), or glued to the name ("SiemensAG"), or written out with
    its words glued to each other ("AKTSIONERNOYEOBSHCHESTVO")."""
    start, end, form, forms = find_legal_form(name, entry_countries(entry))
    if start < 0:
        return None
    before, after = name[:start].rstrip(" ,"), name[end:].strip()
    full = same_case(rng.choice(forms), name if name.isupper() else "Aa")
    choice = rng.random()
    if choice < 0.6:
        new, rule = full, "written_out"
    elif choice < 0.8 and " " in full:
        new, rule = full.replace(" ", ""), "written_out_glued"
    else:
        # The abbreviation glued to the name: "SiemensAG", "OOONord".
        if start == 0:
            return Made(f"{form}{after}", "glued_to_name", f"'{form}' glued to the name")
        return Made(f"{before}{form}", "glued_to_name", f"'{form}' glued to the name")
    query = f"{new} {after}" if start == 0 else f"{before} {new}"
    return Made(query, rule, f"'{form}' -> '{new}'")


# -- numbers --------------------------------------------------------------------------------


def number_words(n: int) -> str:
    """An integer of 1-99 in English words, hyphenated as in "Forty-Four"."""
    if n < 20:
        return tables.ONES[n]
    tens, ones = divmod(n, 10)
    return tables.TENS[tens] + (f"-{tables.ONES[ones]}" if ones else "")


def ordinal_words(n: int) -> str:
    """1 -> "first", 22 -> "twenty-second", 44 -> "forty-fourth"."""
    words = number_words(n)
    head, _, last = words.rpartition("-")
    if last in tables.ORDINAL_WORDS:
        last = tables.ORDINAL_WORDS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return f"{head}-{last}" if head else last


def ordinal_suffix(n: int) -> str:
    """1 -> "1st", 2 -> "2nd", 11 -> "11th", 23 -> "23rd"."""
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def roman(n: int) -> str:
    out = ""
    for value, letters in tables.ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


_WORD_VALUES = {number_words(n): n for n in range(1, 100)} | {
    number_words(n).replace("-", " "): n for n in range(21, 100)
}
_ORDINAL_VALUES = {ordinal_words(n): n for n in range(1, 100)} | {
    ordinal_words(n).replace("-", " "): n for n in range(21, 100)
}
_ROMAN_VALUES = {roman(n): n for n in range(2, 21)}  # I alone is a letter, not a number
#: Roman numerals that are also pinyin syllables or place names in capitals (XI'AN).
_PINYIN_LIKE = frozenset({"XI"})
_NUMBER_TOKEN = re.compile(
    r"\b(?:(?P<digits>\d{1,2})(?P<suffix>\s?(?:st|nd|rd|th)\b)?"
    r"|(?P<roman>(?-i:[IVX]{2,5}))"
    r"|(?P<words>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ]"
    r"(?:one|two|three|four|five|six|seven|eight|nine|first|second|third|fourth|fifth|sixth|"
    r"seventh|eighth|ninth)|[a-z]+))\b",
    re.IGNORECASE,
)


def numbers_variant(entry: ListEntry, name: str, rng: random.Random) -> Made | None:
    """A number written another way: 3 <-> Three, 44 <-> Forty-Four, 1st <-> First,
    II <-> 2 (numbers 1-99; a Roman numeral from II)."""
    found: list[tuple[re.Match[str], str, str]] = []
    for match in _NUMBER_TOKEN.finditer(name):
        text = match.group()
        if match.group("digits"):
            n = int(match.group("digits"))
            # Not part of a longer figure ("1.5", "3/4", "7-11") or of a code.
            around = name[max(0, match.start() - 1) : match.start()] + name[match.end() :][:2]
            if not 1 <= n <= 99 or re.search(r"^[.,/-]|[.,/-]\d", around):
                continue
            if match.group("suffix"):
                new = ordinal_words(n).title()
                found.append((match, new.upper() if name.isupper() else new, "ordinal_to_words"))
            else:
                new = number_words(n).title()
                found.append((match, new.upper() if name.isupper() else new, "digits_to_words"))
        elif match.group("words"):
            low = text.lower()
            if low in _ORDINAL_VALUES:
                found.append((match, ordinal_suffix(_ORDINAL_VALUES[low]), "ordinal_to_digits"))
            elif low in _WORD_VALUES:
                found.append((match, str(_WORD_VALUES[low]), "words_to_digits"))
        elif match.group("roman") and text in _ROMAN_VALUES and text not in _PINYIN_LIKE:
            found.append((match, str(_ROMAN_VALUES[text]), "roman_to_digits"))
    if not found:
        return None
    match, new, rule = rng.choice(found)
    if rule == "digits_to_words" and rng.random() < 0.3:
        new = new.replace("-", " ")
    query = name[: match.start()] + new + name[match.end() :]
    return Made(query, rule, f"'{match.group()}' -> '{new}'")


# -- two edits in one long word ---------------------------------------------------------------

#: A word this long takes two edits and stays itself: at least three quarters of its letters
#: are untouched ("Tekhnopromeksport" / "Technopromexport").
TWO_EDIT_MIN_LETTERS = 8


def _edit(word: str, rng: random.Random, avoid: set[int]) -> tuple[str, int, str]:
    """One deletion, insertion, substitution or transposition inside the word (not at its
    first letter, nor next to a position in `avoid`)."""
    positions = [i for i in range(1, len(word) - 1) if not avoid & {i - 1, i, i + 1}]
    i = rng.choice(positions or list(range(1, len(word) - 1)))
    kind = rng.choice(("deletion", "insertion", "substitution", "transposition"))
    letters = "abcdefghijklmnopqrstuvwxyz"
    if kind == "deletion":
        new = word[:i] + word[i + 1 :]
    elif kind == "insertion":
        letter = rng.choice(letters)
        new = word[:i] + (letter.upper() if word[i].isupper() else letter) + word[i:]
    elif kind == "substitution":
        letter = rng.choice([c for c in letters if c != word[i].lower()])
        new = word[:i] + (letter.upper() if word[i].isupper() else letter) + word[i + 1 :]
    else:
        new = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return new, i, kind


def two_edit_variant(entry: ListEntry, name: str, rng: random.Random) -> Made | None:
    """Two edits, at places apart, in one word of TWO_EDIT_MIN_LETTERS letters or more."""
    spans = [m for m in _LONG_WORD.finditer(name) if len(m.group()) >= TWO_EDIT_MIN_LETTERS]
    if not spans:
        return None
    match = rng.choice(spans)
    word = match.group()
    once, first, kind1 = _edit(word, rng, set())
    twice, _, kind2 = _edit(once, rng, {first})
    if twice.lower() == word.lower() or once.lower() == word.lower():
        return None
    query = name[: match.start()] + twice + name[match.end() :]
    return Made(query, "two_edits", f"{kind1} + {kind2}: {word} -> {twice}")


__all__ = [
    "Made",
    "branch_variant",
    "entry_countries",
    "legal_form_full_variant",
    "number_words",
    "numbers_variant",
    "ordinal_suffix",
    "ordinal_words",
    "roman",
    "same_case",
    "trade_abbreviation_variant",
    "two_edit_variant",
]
