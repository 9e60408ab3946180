"""Variants of listed persons' names, and spellings of names in other romanisations and in
Cyrillic (issue 14: persons, spelling variants beyond one edit, other scripts).

Persons are built from the real listed individuals: the SDN and non-SDN lists write them
"SURNAME, Given Middle"; the UN list gives the parts of the name apart (FIRST_NAME to
FOURTH_NAME), its TITLE values and its NATIONALITY. Vendor files write persons in their
natural order ("Sergey Lavrov"), with titles, initials and without the middle names,
patronymics and second surnames that lists carry in full.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import cache

import labelled_tables as tables
from labelled_companies import Made, same_case

from screening.models import ListEntry


@dataclass(frozen=True, slots=True)
class Person:
    """A listed individual's name in parts: given names (first one first) and surname words,
    with the titles the list gives and whether the family name is written first."""

    entry: ListEntry
    given: tuple[str, ...]
    surname: tuple[str, ...]
    titles: tuple[str, ...] = ()
    family_first: bool = False
    countries: tuple[str, ...] = ()


def person_from_listing(entry: ListEntry) -> Person | None:
    """A person from a "SURNAME, Given Middle" name (SDN and non-SDN lists); None when the
    name is not written that way."""
    if entry.name.count(",") != 1:
        return None
    surname, given = (part.strip() for part in entry.name.split(","))
    if not surname or not given or not re.search(r"[A-Za-z]", surname + given):
        return None
    countries = person_countries(entry)
    # Korean, Chinese... names are written family name first, in lists' natural order too.
    family_first = any(c in tables.FAMILY_NAME_FIRST for c in countries)
    return Person(entry, tuple(given.split()), tuple(surname.split()), (), family_first, countries)


def person_countries(entry: ListEntry) -> tuple[str, ...]:
    """The countries a person's name comes from: nationalities and citizenships when the
    list gives them, else the countries of the addresses (a national of one country often
    lives in another: the name follows the nationality)."""
    nationals = tuple(c for c in entry.nationalities if len(c) == 2)
    return nationals or tuple(c for c in entry.countries if len(c) == 2)


def _words(text: str) -> str:
    return " ".join(text.split())


def _natural_case(word: str) -> str:
    """A word in capitals written with a capital first letter ("AL-TIKRITI" -> "Al-Tikriti")."""
    if not word.isupper():
        return word
    return "-".join(part[:1] + part[1:].lower() for part in word.split("-"))


def natural(person: Person, given: Sequence[str] | None = None) -> str:
    """The name as vendor files write it: given names then surname (family name first for
    the names whose order is that)."""
    first = list(person.given if given is None else given)
    parts = [*person.surname, *first] if person.family_first else [*first, *person.surname]
    return " ".join(_natural_case(p) for p in parts)


def _styled(text: str, rng: random.Random) -> str:
    """As written, or in capitals (vendor masters keep many names in capitals)."""
    return text.upper() if rng.random() < 0.35 else text


def title_variant(person: Person, rng: random.Random) -> Made | None:
    """A title or honorific before the name: the person's own UN TITLE, else a religious
    title for names of Arabic-script countries (half the time), else a general one."""
    own = [t for t in person.titles if len(t.split()) <= tables.MAX_TITLE_WORDS]
    if own:
        title, rule = rng.choice(own), "title_own"
    elif any(c in tables.ARABIC_SCRIPT_COUNTRIES for c in person.countries) and rng.random() < 0.5:
        title, rule = rng.choice(tables.ISLAMIC_TITLES), "title_islamic"
    else:
        gender = re.search(r"(?i)\bgender:?\s*(male|female)\b", person.entry.remarks)
        honorifics = ()
        if gender:
            male = gender.group(1).lower() == "male"
            honorifics = tables.MALE_TITLES if male else tables.FEMALE_TITLES
        title = rng.choice(tables.GENERAL_TITLES + honorifics * 3)
        rule = "title_honorific" if title in honorifics else "title_general"
    return Made(_styled(f"{title} {natural(person)}", rng), rule, f"title '{title}' added")


def given_units(person: Person) -> list[str]:
    """The given names as units: a particle joins the word after it ("Abu Bakr", "Abd
    al-Rahman"), which is one name and is not cut or initialled apart."""
    if person.family_first:
        # Korean and Chinese given names are one name written in syllables ("Se Gon").
        return [" ".join(person.given)]
    units: list[str] = []
    for word in person.given:
        if units and units[-1].split()[-1].lower().strip(".") in tables.NAME_PARTICLES:
            units[-1] += f" {word}"
        else:
            units.append(word)
    return units


def initials_variant(person: Person, rng: random.Random) -> Made | None:
    """Given names other than the first written as initials ("Ali A. Velayati"), or, a third
    of the time, every given name ("S. V. Lavrov", as Russian usage writes names). Only
    single-word names are initialled."""
    units = given_units(person)
    if len(units) < 2 or not any(" " not in u and u[:1].isalpha() for u in units[1:]):
        return None
    dot = "." if rng.random() < 0.7 else ""

    def initial(unit: str) -> str:
        return unit[0].upper() + dot if " " not in unit and unit[:1].isalpha() else unit

    if rng.random() < 1 / 3 and all(" " not in u for u in units):
        new, rule = [initial(u) for u in units], "all_initials"
    else:
        new, rule = [units[0], *(initial(u) for u in units[1:])], "middle_initials"
    query = natural(person, new)
    return Made(_styled(query, rng), rule, f"given names {' '.join(units)} -> {' '.join(new)}")


def _droppable_second_surname(person: Person) -> bool:
    words = [w.lower().strip(".") for w in person.surname]
    spanish = not person.countries or any(c in tables.TWO_SURNAMES for c in person.countries)
    return spanish and len(words) == 2 and not set(words) & tables.NAME_PARTICLES


def short_variant(person: Person, rng: random.Random) -> Made | None:
    """The name without what lists carry in full: middle names or patronymic (all given
    names but the first), or the second surname of a Spanish-style name."""
    options: list[tuple[str, str, str]] = []
    units = given_units(person)
    if len(units) >= 2:
        options.append(
            (natural(person, units[:1]), "middle_dropped", f"dropped '{' '.join(units[1:])}'")
        )
    if _droppable_second_surname(person) and not person.family_first:
        short = Person(person.entry, person.given, person.surname[:1], (), False, person.countries)
        options.append(
            (
                natural(short),
                "second_surname_dropped",
                f"dropped second surname '{person.surname[1]}'",
            )
        )
    if not options:
        return None
    query, rule, note = rng.choice(options)
    return Made(_styled(query, rng), rule, note)


def order_variant(person: Person, rng: random.Random, listed_with_comma: bool) -> Made | None:
    """The other order: a name listed "SURNAME, Given" written "Given Surname"; a name listed
    in natural order written "SURNAME, Given" (or "SURNAME Given")."""
    if listed_with_comma:
        return Made(_styled(natural(person), rng), "natural_order", "given names first")
    if person.family_first or len(person.given) + len(person.surname) < 2:
        return None
    comma = "," if rng.random() < 0.7 else ""
    query = f"{' '.join(person.surname).upper()}{comma} {' '.join(person.given)}"
    return Made(query, "surname_first", "surname first" + (" with a comma" if comma else ""))


# -- other romanisations --------------------------------------------------------------------


def _apply_sets(word: str, rng: random.Random) -> str | None:
    low = word.lower()
    for spellings in tables.ARABIC_NAME_SETS:
        if low in spellings:
            return same_case(rng.choice([s for s in spellings if s != low]), word)
    return None


def _alternate_letters(word: str, rng: random.Random) -> str | None:
    low = word.lower()
    places = [
        (i, old, new)
        for old, new in tables.ARABIC_LETTER_ALTERNATIONS
        for i in range(len(low))
        if low.startswith(old, i)
    ]
    if len(low) < 4 or not places:
        return None
    i, old, new = rng.choice(places)
    return same_case(low[:i] + new + low[i + len(old) :], word)


def _arabic_word(word: str, rng: random.Random) -> tuple[str, str] | None:
    core = word.strip(".,'()")
    article = re.match(r"(?i)^(al|el)[- ]", core)
    if article and rng.random() < 0.4:
        new_article = rng.choice(
            [a for a in tables.ARABIC_ARTICLES if a.strip("- ") != article.group(1).lower()]
        )
        rest = core[article.end() :]
        return word.replace(core, same_case(new_article, core) + rest), "arabic_article"
    new = _apply_sets(core, rng)
    if new:
        return word.replace(core, new), "arabic_name_spelling"
    new = _alternate_letters(core, rng)
    if new and new.lower() != core.lower():
        return word.replace(core, new), "arabic_letters"
    return None


def _cyrillic_word(word: str, rng: random.Random) -> tuple[str, str] | None:
    core = word.strip(".,'()")
    low = core.lower()
    options = [(p, r) for p, r in tables.CYRILLIC_ALTERNATIONS if re.search(p, low)]
    if len(low) < 3 or not options:
        return None
    pattern, replacement = rng.choice(options)
    new = re.sub(pattern, replacement, low, count=1)
    return word.replace(core, same_case(new, core)), "cyrillic_romanisation"


def romanisation_family(countries: Collection[str]) -> str:
    """Which romanisation a name of these countries comes through: "cyrillic", "arabic",
    "chinese", or "" (a Latin-script country: nothing to romanise)."""
    if any(c in tables.CYRILLIC_COUNTRIES for c in countries):
        return "cyrillic"
    if any(c in tables.ARABIC_SCRIPT_COUNTRIES for c in countries):
        return "arabic"
    if any(c in tables.CHINESE_COUNTRIES for c in countries):
        return "chinese"
    return ""


def romanisation_variant(
    name: str,
    countries: Collection[str],
    rng: random.Random,
    may_change: Callable[[str, str], bool],
    *,
    person: bool,
) -> Made | None:
    """The name as another romanisation writes it: for names of Arabic-script countries the
    spellings of one Arabic name and the letter alternations (Mohammed / Muhammad, Hezbollah
    / Hizballah, Youssef / Yusuf), for Cyrillic countries the alternations between BGN/PCGN,
    passport, German and French romanisation (Sergey / Sergei / Sergej...), for Chinese
    persons Wade-Giles for pinyin (company names keep pinyin). One or two words change, those
    `may_change(word, family)` allows (the caller keeps English words and acronyms as they
    are: a romanisation changes only words romanised from the other script)."""
    family = romanisation_family(countries)
    if family == "chinese":
        return wade_giles_variant(name, rng) if person else None
    change: Callable[[str, random.Random], tuple[str, str] | None]
    if family == "arabic":
        change = _arabic_word
    elif family == "cyrillic":
        change = _cyrillic_word
    else:
        return None
    words = name.split(" ")
    positions = [
        i
        for i, w in enumerate(words)
        if re.search(r"[A-Za-z]{2}", w) and may_change(w.strip(".,'()").lower(), family)
    ]
    rng.shuffle(positions)
    rules, notes = [], []
    for i in positions:
        made = change(words[i], rng)
        if made and made[0] != words[i]:
            notes.append(f"{words[i]} -> {made[0]}")
            words[i] = made[0]
            rules.append(made[1])
            if len(rules) == 2 or rng.random() < 0.5:
                break
    if not rules:
        return None
    return Made(" ".join(w for w in words if w), rules[0], "; ".join(notes))


# -- Wade-Giles ------------------------------------------------------------------------------

_INITIALS = sorted(tables.WADE_GILES_INITIALS, key=len, reverse=True)
_FINALS = (
    "a o e i u v ai ei ao ou an en ang eng ong er ia ie iao iu ian in iang ing iong ua "
    "uo uai ui uan un uang ue ve"
).split()


@cache
def _pinyin_syllables() -> frozenset[str]:
    """Every initial + final: a superset of pinyin syllables, enough to cut a name."""
    return frozenset(i + f for i in tables.WADE_GILES_INITIALS for f in _FINALS)


def split_pinyin(word: str) -> list[str] | None:
    """A run of pinyin syllables cut into syllables ("jinping" -> ["jin", "ping"]), longest
    syllables first; None when it is not pinyin."""
    low = word.lower()
    syllables = _pinyin_syllables()

    @cache
    def cut(start: int) -> tuple[str, ...] | None:
        if start == len(low):
            return ()
        for end in range(min(len(low), start + 6), start, -1):
            piece = low[start:end]
            if piece in syllables:
                rest = cut(end)
                if rest is not None:
                    return (piece, *rest)
        return None

    result = cut(0)
    return list(result) if result else None


def wade_giles(syllable: str, apostrophes: bool) -> str:
    """One pinyin syllable in Wade-Giles ("xi" -> "hsi", "jin" -> "chin", "ping" -> "p'ing")."""
    if syllable in tables.WADE_GILES_SYLLABLES:
        out = tables.WADE_GILES_SYLLABLES[syllable]
    elif syllable[0] in "yw" and syllable in tables.WADE_GILES_FINALS:
        out = tables.WADE_GILES_FINALS[syllable]
    else:
        initial = next((i for i in _INITIALS if i and syllable.startswith(i)), "")
        final = syllable[len(initial) :]
        if initial in ("j", "q", "x") and final.startswith("u"):
            final = "ü" + final[1:]
        if final == "e" and initial not in ("g", "k", "h"):
            final = "e"
        elif final == "uo":
            final = "uo" if initial in ("g", "k", "h", "sh") else "o"
        elif final == "ui" and initial not in ("g", "k"):
            final = "ui"
        elif final in tables.WADE_GILES_FINALS:
            final = tables.WADE_GILES_FINALS[final]
        final = final.replace("üe", "üeh")
        out = tables.WADE_GILES_INITIALS[initial][0] + final
    return out if apostrophes else out.replace("'", "")


def wade_giles_variant(name: str, rng: random.Random) -> Made | None:
    """A Chinese person's pinyin name in Wade-Giles ("Xi Jinping" -> "Hsi Chin-p'ing"), the
    syllables of a given name joined by a hyphen as Wade-Giles writes them."""
    apostrophes = rng.random() < 0.5
    words = name.replace(",", " ").split()
    out = []
    for word in words:
        syllables = split_pinyin(word)
        if syllables is None:
            return None
        converted = "-".join(wade_giles(s, apostrophes) for s in syllables)
        out.append(same_case(converted, word) if word.isupper() else converted.capitalize())
    query = " ".join(out)
    if query.lower().replace("-", "") == " ".join(words).lower():
        return None
    return Made(query, "wade_giles", f"pinyin '{name}' in Wade-Giles")


# -- Cyrillic ----------------------------------------------------------------------------------

_VOWELS = "aeiouy"
#: Word-final pairs of Russian romanisation read back: -ii, -ei, -ai, -oi, -ui, -yi.
_FINAL_PAIRS = {"ii": "ий", "ei": "ей", "ai": "ай", "oi": "ой", "ui": "уй", "yi": "ый"}


def to_cyrillic(
    word: str, ukrainian: bool = False, company: bool = False, acronym: bool = False
) -> str:
    """A romanised Russian (BGN/PCGN) or Ukrainian (2010 national system) word written back
    in Cyrillic, in its letter case. The contextual rules of the systems are read backwards:
    y-vowels (ya, yu, ye, yo) after a consonant take a soft sign in Russian, y after a vowel
    is й; an initial e is э in company names (Elektro-) and е in persons' (Elena). An
    acronym ("NII") is read letter by letter."""
    low = word.lower()
    if acronym:
        letters = dict(tables.RUSSIAN_FROM_LATIN) | {"y": "ы", "e": "э"}
        return "".join(letters.get(ch, ch) for ch in low).upper()
    out: list[str] = []
    i = 0
    table = tables.UKRAINIAN_FROM_LATIN if ukrainian else tables.RUSSIAN_FROM_LATIN
    while i < len(low):
        rest = low[i:]
        prev = low[i - 1] if i else ""
        after_vowel = not prev or prev in _VOWELS or not prev.isalpha()
        if not rest[0].isalpha():
            out.append("ь" if rest[0] == "'" and not ukrainian else rest[0])
            i += 1
            continue
        if ukrainian:
            if not i and rest[:2] in ("ye", "yi", "yu", "ya"):
                out.append({"ye": "є", "yi": "ї", "yu": "ю", "ya": "я"}[rest[:2]])
                i += 2
                continue
            if rest[:2] in ("ii", "iy") and len(rest) == 2:
                out.append("ій")
                i += 2
                continue
            if rest[:2] == "iy":
                out.append("ій")
                i += 2
                continue
            if not i and rest[0] == "y" and len(rest) > 1 and rest[1] in "ao":
                out.append("й")
                i += 1
                continue
        else:
            if rest[:2] in ("ya", "yu", "ye", "yo"):
                soft = "" if after_vowel else "ь"
                out.append(soft + {"ya": "я", "yu": "ю", "ye": "е", "yo": "ё"}[rest[:2]])
                i += 2
                continue
            if len(rest) == 2 and rest in _FINAL_PAIRS:
                # -ii ends persons' names (Dmitrii: ий) and company names' genitives
                # (Aviatsii, Akademii: ии).
                out.append("ии" if company and rest == "ii" else _FINAL_PAIRS[rest])
                i += 2
                continue
            if rest == "y" and prev in "kgh":
                out.append("ий")  # -sky, -tsky: Russian words do not end in кы
                i += 1
                continue
            if rest[0] == "y":
                out.append("й" if i and prev in _VOWELS else "ы")
                i += 1
                continue
            if rest[:2] == "ts" and rest[2:3] == "k" or rest[:4] == "tstv":
                out.append("тс")  # -tsk-, -tstv-: Якутск, ответственность (т + с, not ц)
                i += 2
                continue
            if not i and rest[0] == "e":
                out.append("э" if company else "е")
                i += 1
                continue
        for latin, cyrillic in table:
            if rest.startswith(latin):
                out.append(cyrillic)
                i += len(latin)
                break
        else:
            out.append(rest[0])
            i += 1
    text = "".join(out)
    if word.isupper() and len(word) > 1:
        return text.upper()
    if word[:1].isupper():
        return text[:1].upper() + text[1:]
    return text


def _ukrainian_romanisation(name: str, countries: Collection[str]) -> bool:
    """A Ukrainian name in the 2010 national system: the patronymic endings -ovych, -evych,
    -ivna, or a final -ii (Serhii, Andrii), which the Russian systems write otherwise."""
    return "UA" in countries and bool(re.search(r"(?i)ovych|evych|ivna\b|ii\b", name))


def cyrillic_person(person: Person, rng: random.Random) -> Made | None:
    """A Russian, Ukrainian or Belarusian listed person written in Cyrillic, given names
    first or family name first (as Russian documents write "Фамилия Имя Отчество")."""
    name = " ".join((*person.given, *person.surname))
    ukrainian = _ukrainian_romanisation(name, person.countries)
    given = [to_cyrillic(_natural_case(w), ukrainian) for w in person.given]
    surname = [to_cyrillic(_natural_case(w), ukrainian) for w in person.surname]
    if rng.random() < 0.5:
        query, order = " ".join([*surname, *given]), "surname first"
    else:
        query, order = " ".join([*given, *surname]), "given names first"
    rule = "ukrainian_2010_reversed" if ukrainian else "bgn_pcgn_reversed"
    return Made(query, rule, f"in Cyrillic, {order}")


#: Letters BGN/PCGN never writes for Russian: c outside ch, h outside kh/zh/ch/sh, q, w, x.
#: A word spelled with them is no romanisation of Russian (an English word, a Latin brand),
#: and writing it back in Cyrillic would be a spelling nobody uses.
_NOT_BGN = re.compile(r"c(?!h)|[qwx]|(?<![kzcs])h")


def cyrillic_company(
    name: str, countries: Collection[str], english: Collection[str]
) -> Made | None:
    """A Russian-style company name written in Cyrillic: its legal form translated as Russian
    registers write it, every other word transliterated back; None when a word is English
    or spelled with letters the romanisation does not use (a name in English is translated,
    not transliterated, and no table can do that)."""
    text = " " + re.sub(r"[\"'«»]", " ", name).replace(",", " ") + " "
    low = text.lower()
    pieces: list[tuple[int, int, str]] = []
    for latin, cyrillic in tables.RUSSIAN_FORM_WORDS:
        for match in re.finditer(rf"(?<=\s){re.escape(latin)}(?=\s)", low):
            if not any(s < match.end() and match.start() < e for s, e, _ in pieces):
                pieces.append((match.start(), match.end(), cyrillic))
    pieces.sort()
    out, last = [], 0
    for start, end, cyrillic in pieces:
        out += [text[last:start], cyrillic]
        last = end
    out.append(text[last:])
    words = " ".join("".join(out).split()).split(" ")
    result = []
    for word in words:
        if re.search(r"[A-Za-z]", word):
            parts = word.strip(".()-").lower().split("-")
            if not re.fullmatch(r"[A-Za-z][A-Za-z'-]*", word.strip(".()")) or any(
                part in english or _NOT_BGN.search(part) for part in parts
            ):
                return None
            bare_word = word.strip(".()-")
            acronym = not name.isupper() and (
                word.isupper()
                and len(bare_word) <= 5
                or sum(ch.isupper() for ch in bare_word[1:]) >= 2  # "GosNIIP"
            )
            ukrainian = _ukrainian_romanisation(name, countries)
            result.append(to_cyrillic(word, ukrainian, company=True, acronym=acronym))
        else:
            result.append(word)
    if not pieces and len(result) < 2:
        return None
    return Made(" ".join(result), "bgn_pcgn_reversed_company", "in Cyrillic")
