"""Turn a party name into a comparable form: the same name written two ways should meet.

The steps run in this order, each a plain function:
1. `fold_text`: Unicode NFKC (full-width letters, ligatures), case folding, accents removed.
2. Only for text with Chinese characters: `to_simplified` (Traditional characters made
   Simplified), `strip_han_legal_forms` (有限公司, 股份有限公司 ... removed),
   `translate_han_ordinals` (第十三 -> 13th) and `transliterate_han`: words cut by jieba,
   common company words glossed into English, the other words written in pinyin.
3. Only for text with other non-ASCII letters: `transliterate_scripts` writes Cyrillic,
   Greek, Arabic, Hebrew, Kana, Hangul ... in Latin letters (anyascii).
4. `tokenize`: dots dropped ("Co." -> "co", "S.A." -> "sa"), other punctuation split words,
   letters written apart joined ("B R C" -> "brc").
5. `drop_legal_forms`: abbreviations written out first (`expand_abbreviations`: "Mfg" ->
   manufacturing, "Intl" -> international, "Ltd" -> limited), then "Co., Ltd.", "Company
   Limited", "GmbH", "OOO"... removed, also with a typo in a long word ("Lmited",
   "Akisionernoe"); a name made only of legal forms is left as it is. Stop words ("of",
   "the", "and") go too.
Reference data (legal forms, generic words, the Chinese glossary) lives in `screening/data/`.
Latin-script names take a fast path: steps 2 and 3 cost nothing when a name has no
characters for them, and jieba and OpenCC are loaded only when the first Chinese name comes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources

from anyascii import anyascii
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

# The Chinese steps live in screening/chinese.py; their names stay importable from here.
from screening.chinese import HAN as _HAN
from screening.chinese import HAN_PLACE_SUFFIXES as HAN_PLACE_SUFFIXES
from screening.chinese import HanReadings, han_readings, load_han_tools, romanize_han
from screening.chinese import gloss_han_word as gloss_han_word
from screening.chinese import han_glossary as han_glossary
from screening.chinese import han_legal_forms as han_legal_forms
from screening.chinese import han_number as han_number
from screening.chinese import ordinal as ordinal
from screening.chinese import strip_han_legal_forms as strip_han_legal_forms
from screening.chinese import to_simplified as to_simplified
from screening.chinese import translate_han_ordinals as translate_han_ordinals
from screening.chinese import transliterate_han as transliterate_han
from screening.phonetic import TWO_EDIT_MIN
from screening.scripts import KANA, elot, gloss_reading, romaji, script_readings

#: Words that join a name but tell nothing about it ("Bank of China" = "China Bank").
STOP_WORDS = frozenset({"of", "the", "and", "for", "de", "du", "des", "la", "le", "und", "der"})

#: Legal-form words long enough that one wrong letter still shows what was meant: a vendor
#: master's "Lmited" or "Compnay" is removed like the word itself. Shorter forms ("ltd",
#: "llc") are left alone: one letter off, they may be a word of the name.
MISSPELT_LEGAL_FORM_WORDS = ("limited", "company", "corporation", "incorporated")
MISSPELT_LEGAL_FORM_MIN = 6

#: A legal form of this many words or more ("joint stock company", "obshchestvo s
#: ogranichennoy otvetstvennostyu") is still recognised with one letter wrong, missing,
#: extra or swapped in one of its words of `MISSPELT_FORM_WORD_MIN` letters or more, the
#: other words being written right: "Jont Stock Company" is the form, not a name word. In
#: benchmarks/eval_full.py, 40 of the 70 typo variants missed at the default threshold had
#: their typo in "Joint" or "Stock" and kept the misspelt word as a word of the name.
MISSPELT_FORM_WORDS = 3
MISSPELT_FORM_WORD_MIN = 4

#: Legal forms that are removed only after a name's first word: before it, the same letters
#: say something else. Italian law puts "S.p.A." after the name (Codice civile, art. 2326:
#: the name must state the company's type), while the Russian names of the Entity List write
#: НПО (nauchno-proizvodstvennoe ob'edinenie, a scientific production association: no
#: legal form) as "SPA" before the name: "JSC SPA Orion", "SPA Strela" (and "NPO Orion").
#: Taken for the legal form there, "SPA Orion" was "Orion", any company called Orion.
TRAILING_ONLY_FORMS = frozenset({("spa",)})

_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_GREEK = re.compile(r"[\u0370-\u03ff]")
_KANA_VOICING = "\u3099\u309a"  # combining dakuten and handakuten
_TOKEN = re.compile(r"[^\W_]+")


def _data_lines(filename: str) -> list[str]:
    text = (resources.files("screening") / "data" / filename).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


@cache
def legal_forms() -> tuple[tuple[str, ...], ...]:
    """Legal forms outside Chinese as word tuples, longest first.

    The file lists forms as names write them ("S.p.A.", "ООО"); each goes through the same
    steps as a name, so it meets the form as it comes out of one ("spa", "ooo").
    """
    forms = set()
    for line in _legal_form_lines():
        if not _HAN.search(line):
            written = tokenize(transliterate_scripts(fold_text(line)))
            words = tuple(expand_abbreviations(written))
            if words:
                forms.add(words)
            if len(words) > 1:  # glued: "AKTSIONERNOEOBSHCHESTVO", "COLTD", "SDNBHD"
                forms.update({("".join(words),), ("".join(written),)})
    return tuple(sorted(forms, key=len, reverse=True))


def _legal_form_lines() -> list[str]:
    """The lines of both legal-form tables: chosen by hand (abbreviations and the common
    names), and written out in full from rigour (`build_legal_forms_rigour.py`)."""
    return _data_lines("legal_forms.txt") + _data_lines("legal_forms_rigour.txt")


#: A legal form glued to the end of a name's word is split off only when this many letters
#: are left before it: what remains must still be a name ("SiemensAG" -> "Siemens", but
#: "Vag" or "Visa" are words).
GLUED_STEM_MIN = 4

#: Legal forms split off a word's end whatever its case ("SIEMENSGMBH", "NORDLTD"): those no
#: word of a name ends with. Measured on the 35,881 names and aliases of
#: ../shared/data/derived/real_lists_csl.csv and 7,854 SEC company names: no word of four
#: letters or more before one of these ends with it. Forms that end words ("ag": Predrag;
#: "sa": Empresa; "as": Vargas; "co": Francisco; "inc": Zinc; "oy": Morskoy) and English
#: words ("spa", "too") are split off only where the case shows the join (`CAMEL_GLUED`).
GLUED_ANY_CASE = frozenset(
    "ltd llc llp plc pllc gmbh jsc ojsc pjsc cjsc bhd sdnbhd tbk kft zrt nyrt srl sro sarl "
    "ltda pvt pte oyj fze fzc fzco wll coltd pteltd pvtltd spzoo ltdsti ooo oao".split()
)
#: Legal forms split off a word's start whatever its case ("OOOALKON", "JSCROSNEFT"): the
#: Russian forms that come before a name, which no word of four letters or more after them
#: begins with in the names and aliases of ../shared/data/derived/real_lists_csl.csv
#: ("zao" and "pao" left out: "Zaozhuang", "Paoletti"; "ooo" and "oao" end no word there
#: either, hence their place in `GLUED_ANY_CASE`).
GLUED_LEADING = frozenset("ooo oao jsc ojsc cjsc pjsc".split())
#: Glued after a small letter, a capital starts a legal form ("SiemensAG", "VolvoAB",
#: "PhilipsNV"): any single-word form but "Co" and "Corp", with which brands are made
#: ("PepsiCo", "StoneCo", "BanCorp" among the SEC names).
CAMEL_KEPT = frozenset({"co", "corp", "company", "corporation"})
_CAMEL = re.compile(r"[A-Za-z]*[a-z][A-Z][A-Za-z]*")


@cache
def _one_word_forms() -> frozenset[str]:
    """Legal forms of one word, as written and written out ("ag", "ltd", "limited")."""
    return frozenset(form[0] for form in legal_forms() if len(form) == 1)


def split_camel_glued_forms(text: str) -> str:
    """Split a legal form off a word where a capital after a small letter starts it:
    "SiemensAG" -> "Siemens AG", "BoschGmbH" -> "Bosch GmbH" (on the text as given, before
    case is folded). Words that merely end in a form's letters ("Predrag") are left alone."""
    if text.isupper() or text.islower() or not _CAMEL.search(text):
        return text
    forms = _one_word_forms()

    def split(match: re.Match[str]) -> str:
        word = match.group()
        for i in range(GLUED_STEM_MIN, len(word)):
            tail = word[i:].lower()
            if word[i - 1].islower() and word[i].isupper() and expand_word(tail) in forms:
                return word if tail in CAMEL_KEPT else f"{word[:i]} {word[i:]}"
        return word

    return _CAMEL.sub(split, text)


def split_glued_forms(tokens: list[str]) -> list[str]:
    """Split a legal form of `GLUED_ANY_CASE` off the end of a word ("siemensgmbh" ->
    "siemens gmbh"), when `GLUED_STEM_MIN` letters or more are left."""
    out: list[str] = []
    for token in tokens:
        for size in (6, 5, 4, 3):
            if len(token) - size >= GLUED_STEM_MIN and token[-size:] in GLUED_ANY_CASE:
                out.extend((token[:-size], token[-size:]))
                break
        else:
            for size in (4, 3):
                if len(token) - size >= GLUED_STEM_MIN and token[:size] in GLUED_LEADING:
                    out.extend((token[:size], token[size:]))
                    break
            else:
                out.append(token)
    return out


#: A dotted legal form glued to the word before it ("RICOS.A. DE C.V.", "AMAZONICOSS.A.S."):
#: single letters each with its dot, right after two letters, where a space belongs; split
#: off, all the dotted letters, when they spell a legal form ("CIA.S.A." reads "CI A.S.A.":
#: which of the letters begins the form the text does not say).
_DOTTED_GLUED = re.compile(r"(?<=[^\W\d_]{2})((?:[^\W\d_]\.){2,})")


def split_dotted_glued_forms(text: str) -> str:
    """Put a space before a dotted legal form glued to the word before it ("Rico S.A."),
    when its letters spell a legal form ("S.A.", "S.A.S."); other dotted letters are left
    alone."""
    if "." not in text:
        return text

    def split(match: re.Match[str]) -> str:
        letters = match.group(1).replace(".", "").lower()
        return f" {match.group(1)}" if (letters,) in _one_word_form_tuples() else match.group(1)

    return _DOTTED_GLUED.sub(split, text)


@cache
def _one_word_form_tuples() -> frozenset[tuple[str, ...]]:
    return frozenset(form for form in legal_forms() if len(form) == 1)


@cache
def _legal_forms_by_first_word() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The legal forms grouped by their first word, longest first, for a quick look-up."""
    grouped: dict[str, list[tuple[str, ...]]] = {}
    for form in legal_forms():
        grouped.setdefault(form[0], []).append(form)
    return {word: tuple(forms) for word, forms in grouped.items()}


@cache
def generic_words() -> frozenset[str]:
    """Low-information words, weighted down when names are compared."""
    return frozenset(_data_lines("generic_words.txt"))


def load_tools_for(names: Iterable[str]) -> None:
    """Load the Chinese tools (OpenCC, jieba, pypinyin, CC-CEDICT) now if any name needs
    them: before worker processes are forked, so that they share them instead of each
    loading its own."""
    for name in names:
        if _HAN.search(name):
            load_han_tools()
            return


def fold_text(text: str) -> str:
    """NFKC, case folding and accent removal, so "ＨＵＡＷＥＩ" and "Huawéi" read "huawei"."""
    if text.isascii():  # NFKC and accent removal change nothing in ASCII
        return text.lower()
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    decomposed = unicodedata.normalize("NFKD", folded)
    # Kana voicing marks are letters' parts, not accents: ず is not す.
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c) or c in _KANA_VOICING)
    return unicodedata.normalize("NFKC", stripped)


def _ascii_run(match: re.Match[str]) -> str:
    return "".join(map(_ascii_char, match.group()))


@lru_cache(maxsize=1 << 14)
def _ascii_char(char: str) -> str:
    # Letters, marks and digits are transliterated; symbols and punctuation ("®", "«")
    # separate words. anyascii writes Arabic ayn as "`" and soft signs as "'": both dropped.
    if unicodedata.category(char)[0] in "LMN":
        return anyascii(char).replace("`", "").replace("'", "")
    return " "


def transliterate_scripts(text: str) -> str:
    """Write the letters of any other script in Latin ones (anyascii): Газпром -> gazprom.

    Cyrillic comes out close to the BGN/PCGN spellings OFAC uses (Ж zh, Х kh, Щ shch, Й y);
    Greek by ELOT 743, Greece's standard (ου ou, η i, χ ch: `screening.scripts.elot`);
    Hebrew and Arabic letter by letter (Arabic without its unwritten vowels). Other
    readings of these scripts are `screening.scripts.script_readings`.
    """
    text = text.translate(_APOSTROPHES)
    if text.isascii():
        return text
    if _GREEK.search(text):
        text = elot(text.lower())
    if KANA.search(text):  # kana in Hepburn (`screening.scripts.romaji`)
        text = romaji(text)
    if "\u0582" in text or "\u0552" in text:  # Armenian ու is one vowel, u (BGN/PCGN 1981)
        text = text.replace(_ARMENIAN_U, "u").replace(_ARMENIAN_U.upper(), "u")
    return _NON_ASCII.sub(_ascii_run, text).lower()


#: The Armenian digraph for the vowel u, which letter by letter would read "ow" ("Պուտին"
#: is Putin, not "Powtin").
_ARMENIAN_U = "ու"


#: Quotation marks written for the apostrophe of a name ("Sa’d", "Mus’ab", "‘Abd", the ayn
#: and hamza of romanised Arabic; "O’Brien"): read as the ASCII apostrophe, which `tokenize`
#: drops inside a word, not as punctuation that cuts the word in two ("sa d", whose "sa"
#: would then go as a legal form).
_APOSTROPHES = str.maketrans(dict.fromkeys("\u2018\u2019\u201b\u2032", "'"))

#: A question mark or the replacement character between two letters: a letter lost when the
#: name went through a code page without it (Windows' conversions write "?" for a
#: character the code page lacks, Unicode decoders U+FFFD): "Mus?ab" for "Mus’ab", "Garc?a"
#: for "García". Read as an apostrophe, so the word stays whole ("musab", "garca": one
#: letter from "garcia") instead of falling into pieces.
_LOST_LETTER = re.compile(r"(?<=[^\W\d_])[?\ufffd]+(?=[^\W\d_])")


def tokenize(text: str) -> list[str]:
    """Split folded text into words; dots inside abbreviations join ("s.a." -> "sa"), and
    so do letters written apart ("B R C" -> "brc", "I A C International" -> "iac ...")."""
    words = _TOKEN.findall(text.replace(".", "").replace("'", "").replace("\u2019", ""))
    return join_spaced_letters(words)


def join_spaced_letters(words: list[str]) -> list[str]:
    """Join runs of two or more one-character words into one word: an initialism."""
    if not any(len(w) == 1 for w in words):
        return words
    joined: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        if len(word) == 1:
            run.append(word)
            continue
        if len(run) >= 2:
            joined.append("".join(run))
        else:
            joined.extend(run)
        run = []
        if word:
            joined.append(word)
    return joined


#: English number words, as names write numbers out ("Three Rivers", "Forty-Four", "First
#: Bank"); with the digits they are written in one form on both sides of a comparison.
_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDINAL_UNITS = (
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh "
    "twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
).split()
_ORDINAL_TENS = "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth"
#: Number word -> (value, ordinal?); "hundred" and "thousand" multiply what comes before.
NUMBER_WORDS: dict[str, tuple[int, bool]] = {
    **{word: (value, False) for value, word in enumerate(_UNITS)},
    **{word: (20 + 10 * i, False) for i, word in enumerate(_TENS)},
    **{word: (value, True) for value, word in enumerate(_ORDINAL_UNITS)},
    **{word: (20 + 10 * i, True) for i, word in enumerate(_ORDINAL_TENS.split())},
    "hundred": (100, False),
    "thousand": (1000, False),
    "hundredth": (100, True),
    "thousandth": (1000, True),
}
#: Numbers below this are written as one English word ("44" -> "fortyfour", "1st" ->
#: "first"): a typo in a number word still meets it ("Firts"), and two numbers never share
#: a word ("fortyfour" / "fortyfive"). Larger ones are written in digits ("One Hundred"
#: -> "100"), as names mostly give them.
NUMBER_AS_WORD_BELOW = 100
_NUMBER_TOKEN = re.compile(r"([0-9]{1,2})(st|nd|rd|th)?")
#: Roman numerals read as numbers after a name ("Fund II", "Kvant-IV"): two letters or more
#: of I, V and X up to 39, never a name's first word. Single letters ("I", "V", "X") are
#: initials or words, and "XI" is a Chinese surname and syllable, so they stay as written.
_ROMAN = re.compile(r"x{0,3}(ix|iv|v?i{0,3})")
ROMAN_KEPT = frozenset({"xi"})


def roman_value(word: str) -> int | None:
    """The value of a Roman numeral of I, V and X (2-39) of two letters or more, else None."""
    if len(word) < 2 or word in ROMAN_KEPT or not _ROMAN.fullmatch(word):
        return None
    value, previous = 0, 0
    for char in reversed(word):
        digit = {"i": 1, "v": 5, "x": 10}[char]
        value += -digit if digit < previous else digit
        previous = max(previous, digit)
    return value if value >= 2 else None


def number_word(value: int, is_ordinal: bool = False) -> str:
    """A number as one word: English below `NUMBER_AS_WORD_BELOW` ("fortyfour", "first",
    "twentyfirst"), digits above ("100", "101st")."""
    if value >= NUMBER_AS_WORD_BELOW:
        return ordinal(value) if is_ordinal else str(value)
    words = _ORDINAL_UNITS if is_ordinal else _UNITS
    if value < 20:
        return words[value]
    tens, unit = divmod(value, 10)
    if unit == 0:
        return (_ORDINAL_TENS.split() if is_ordinal else _TENS)[tens - 2]
    return _TENS[tens - 2] + words[unit]


def canonical_numbers(tokens: list[str]) -> list[str]:
    """Numbers in one form (`number_word`), whichever way a name writes them.

    "3" and "Three" -> "three", "44" and "Forty Four" (from "Forty-Four") -> "fortyfour",
    "1st" and "First" -> "first", "Twenty First" -> "twentyfirst", "One Hundred" -> "100",
    and a Roman numeral after a name's first word, "II" -> "two". Number words join only as
    English writes one number ("Seven Eleven" stays two). Both names of a comparison go
    through it, so "3 Rivers" meets "Three Rivers" and "Fund II" meets "Fund 2".
    """
    if not any(t in NUMBER_WORDS or t[0].isdigit() or roman_value(t) for t in tokens):
        return tokens
    out: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token in NUMBER_WORDS:
            value, is_ordinal, i = _read_number(tokens, i)
            out.append(number_word(value, is_ordinal))
            continue
        digits = _NUMBER_TOKEN.fullmatch(token)
        roman = roman_value(token) if i else None
        if digits:
            out.append(number_word(int(digits.group(1)), digits.group(2) is not None))
        elif roman:
            out.append(number_word(roman))
        else:
            out.append(token)
        i += 1
    return out


def _read_number(tokens: list[str], i: int) -> tuple[int, bool, int]:
    """The number written in words from `tokens[i]`: its value, whether it is an ordinal,
    and where the words after it start. A word joins the number only where English puts it:
    a unit after a ten ("forty four"), anything under a hundred after "hundred", "hundred"
    after a unit, "thousand" after anything; an ordinal ends it."""
    total = group = 0
    last = ""  # the kind of the last word read: "unit", "ten", "hundred", "thousand"
    while i < len(tokens) and tokens[i] in NUMBER_WORDS:
        value, is_ordinal = NUMBER_WORDS[tokens[i]]
        kind = (
            "unit"
            if value < 20
            else "ten"
            if value < 100
            else "hundred"
            if value == 100
            else "thousand"
        )
        follows = {
            "unit": last in ("", "hundred", "thousand") or (last == "ten" and 0 < value < 10),
            "ten": last in ("", "hundred", "thousand"),
            "hundred": last == "" or (last == "unit" and 0 < group < 10),
            "thousand": last != "thousand",
        }[kind]
        if not follows:
            break
        if kind == "hundred":
            group = (group or 1) * 100
        elif kind == "thousand":
            total, group = (total + (group or 1)) * 1000, 0
        else:
            group += value
        last = kind
        i += 1
        if is_ordinal:
            return total + group, True, i
    return total + group, False, i


@cache
def abbreviations() -> dict[str, str]:
    """Abbreviation -> word, from `abbreviations.tsv` (those with one meaning)."""
    pairs = (line.split("\t", 1) for line in _data_lines("abbreviations.tsv"))
    return {short.strip(): word.strip() for short, word in pairs if "|" not in word}


@cache
def abbreviation_meanings() -> dict[str, frozenset[str]]:
    """Abbreviations of several words and those words, each mapped to the others' side:
    "elec" -> {"electric", "electronic", ...} and "electronic" -> {"elec"}.

    Such an abbreviation cannot be written out (which word?); instead it meets any of its
    words when two names are compared (`screening.similarity.word_similarity`).
    """
    meanings: dict[str, set[str]] = {}
    for line in _data_lines("abbreviations.tsv"):
        short, _, words = (part.strip() for part in line.partition("\t"))
        if "|" in words:
            for word in words.split("|"):
                meanings.setdefault(short, set()).add(word)
                meanings.setdefault(word, set()).add(short)
    # The romanised Russian words of organisations' names meet their English words the
    # same way, each staying itself (so that its misspellings and other romanisations
    # still meet it).
    for word, others in translated_words().items():
        meanings.setdefault(word, set()).update(others)
    return {word: frozenset(others) for word, others in meanings.items()}


@cache
def translated_words() -> dict[str, frozenset[str]]:
    """Romanised Russian words of organisations' names and their English words, each
    mapped to the other side ("kontsern" <-> "concern": `russian_org_words.tsv`)."""
    pairs: dict[str, set[str]] = {}
    for line in _data_lines("russian_org_words.tsv"):
        romanised, _, english = (part.strip() for part in line.partition("\t"))
        pairs.setdefault(romanised, set()).add(english)
        pairs.setdefault(english, set()).add(romanised)
    return {word: frozenset(others) for word, others in pairs.items()}


def expand_word(token: str) -> str:
    """One word with its abbreviation written out ("ltd" -> "limited")."""
    return abbreviations().get(token, token)


def expand_abbreviations(tokens: list[str]) -> list[str]:
    """Write out abbreviations of common company words ("mfg" -> "manufacturing")."""
    table = abbreviations()
    return [table.get(token, token) for token in tokens]


def _near(word: str, form_word: str) -> bool:
    """The same legal-form word, or one letter off in a word long enough to tell."""
    return word == form_word or _one_edit(word, form_word, MISSPELT_LEGAL_FORM_MIN)


def _near_in_form(word: str, form_word: str) -> bool:
    """`_near`, or two letters off in a long word (`two_edits_from`): within a legal form
    of several words, whose other words show what was meant ("Limited Liaibliny Company")."""
    return _near(word, form_word) or two_edits_from(word, form_word)


def two_edits_from(word: str, form_word: str) -> bool:
    """Whether `word` is a legal-form word of `TWO_EDIT_MIN` letters or more with two letters
    wrong, missing, extra or swapped, as any long word may be
    (`screening.phonetic.two_edit_similarity`): "corpoatoin", "liaibliny"."""
    return (
        len(form_word) >= TWO_EDIT_MIN
        and len(word) >= TWO_EDIT_MIN - 2
        and word != form_word
        and DamerauLevenshtein.distance(word, form_word, score_cutoff=2) <= 2
    )


@lru_cache(maxsize=1 << 16)
def is_misspelt_last_form(word: str) -> bool:
    """A long one-word legal form two letters off (`two_edits_from`: "corpoatoin"), taken for
    one only where legal forms stand, at the end of a name: elsewhere a word two letters from
    "corporation" may be the name's own ("Korea Cooperation Fund")."""
    return any(two_edits_from(word, form) for form in MISSPELT_LEGAL_FORM_WORDS)


def _one_edit(word: str, form_word: str, shortest: int = MISSPELT_FORM_WORD_MIN) -> bool:
    """One letter wrong, missing, extra or swapped, both words of `shortest` letters or more."""
    return (
        min(len(word), len(form_word)) >= shortest
        and DamerauLevenshtein.distance(word, form_word, score_cutoff=1) == 1
    )


@lru_cache(maxsize=1 << 16)
def is_misspelt_legal_form(word: str) -> bool:
    """A long legal-form word with one letter wrong, missing or extra ("lmited", "compnay")."""
    return word not in MISSPELT_LEGAL_FORM_WORDS and any(
        _near(word, form) for form in MISSPELT_LEGAL_FORM_WORDS
    )


@lru_cache(maxsize=1 << 16)
def _forms_starting(word: str) -> tuple[tuple[str, ...], ...]:
    """Legal forms that may start with `word`, longest first: those whose first word it is
    and, for a word of `MISSPELT_FORM_WORD_MIN` letters or more, those whose first word it
    may be misspelt. A word may be both: the tables hold misspelt forms too (rigour writes
    "Publc Limited Company"), and "Publc Joint Stock Company" is still a misspelt "Public
    Joint Stock Company"."""
    own = _legal_forms_by_first_word().get(word, ())
    if len(word) < MISSPELT_FORM_WORD_MIN:
        return own
    near = _forms_near(word)
    if not own or not near:
        return own or near
    return tuple(sorted(dict.fromkeys((*own, *near)), key=len, reverse=True))


@lru_cache(maxsize=1 << 16)
def _forms_near(word: str) -> tuple[tuple[str, ...], ...]:
    """Legal forms whose first word may be `word` misspelt (remembered: words repeat): a
    long word one letter off, or a shorter one starting a form of several words (the forms
    whose first word `word` is are `_forms_starting`'s)."""
    by_first_word = _legal_forms_by_first_word()
    firsts = _NEAR_FIRST_WORDS.near(word)
    return tuple(
        form
        for first in sorted(firsts)
        if _one_edit(word, first)
        for form in by_first_word[first]
        if len(form) >= MISSPELT_FORM_WORDS or _near(word, first)
    )


def _deletions(word: str) -> set[str]:
    """A word and its forms with one letter removed: two words one edit apart (a letter
    changed, added, dropped or two swapped) share one of them."""
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


#: Words whose misspelt legal forms are looked for by comparing them with each form's first
#: word, before the table of those words' deletions is built: a one-name lookup never pays
#: for the table (about 0.03 s, as long as the rest of normalising its name), a batch
#: builds it after these many words.
FORM_SCAN_WORDS = 32


class _NearFirstWords:
    """The legal forms' first words of `MISSPELT_FORM_WORD_MIN` letters or more within one
    edit of a word (or equal to it): by comparing it with each of them for the first
    `FORM_SCAN_WORDS` words asked about, then from a table of their `_deletions`, where
    two words one edit apart share a key, found in a few look-ups."""

    def __init__(self) -> None:
        self._scanned = 0
        self._table: dict[str, tuple[str, ...]] | None = None

    def near(self, word: str) -> set[str]:
        if self._table is None and self._scanned < FORM_SCAN_WORDS:
            self._scanned += 1
            found = process.extract(
                word,
                _long_first_words(),
                scorer=DamerauLevenshtein.distance,
                score_cutoff=1,
                limit=None,
            )
            return {first for first, _, _ in found}
        if self._table is None:
            filed: dict[str, list[str]] = {}
            for first in _long_first_words():
                for key in _deletions(first):
                    filed.setdefault(key, []).append(first)
            self._table = {key: tuple(words) for key, words in filed.items()}
        table = self._table
        return {first for key in _deletions(word) for first in table.get(key, ())}


_NEAR_FIRST_WORDS = _NearFirstWords()


@cache
def _long_first_words() -> tuple[str, ...]:
    return tuple(w for w in _legal_forms_by_first_word() if len(w) >= MISSPELT_FORM_WORD_MIN)


def is_legal_form_at(words: Sequence[str], form: tuple[str, ...]) -> bool:
    """Do `words` spell the legal form `form`? Its long words may each have a letter wrong
    (`_near`); in a form of `MISSPELT_FORM_WORDS` words or more, one shorter word may too
    when all the others are written right ("jont stock company")."""
    if len(words) != len(form):
        return False
    if all(map(_near_in_form if len(form) > 1 else _near, words, form)):
        return True
    if len(form) < MISSPELT_FORM_WORDS:
        return False
    wrong = [(w, f) for w, f in zip(words, form, strict=True) if w != f]
    return len(wrong) == 1 and _one_edit(*wrong[0])


#: The legal-form words vendor masters shorten other than the usual way ("Co.", "Corp.",
#: "Inc.", "Ltd.", written out by `abbreviations.tsv`): "Comp", "Compy", "Corpn", "Corpo",
#: "Incorp", "Lmtd". A word is taken for one of them when it abbreviates it (`abbreviates`)
#: and is at least `SHORTENED_FORM_MIN` letters long, inside a legal form of several words
#: ("Joint Stock Comp") or ending the name ("Hesong Trading Comp"); elsewhere "Comp" may
#: begin a word cut in two ("Comp uting") and stays a word.
SHORTENED_FORM_WORDS = ("company", "corporation", "incorporated", "limited")
SHORTENED_FORM_MIN = 4


@lru_cache(maxsize=1 << 16)
def abbreviated_form_word(word: str) -> str:
    """The legal-form word of `SHORTENED_FORM_WORDS` that `word` abbreviates, or ""."""
    if len(word) < SHORTENED_FORM_MIN or word in SHORTENED_FORM_WORDS:
        return ""
    return next((form for form in SHORTENED_FORM_WORDS if abbreviates(word, form)), "")


_VOWELS = frozenset("aeiou")


@lru_cache(maxsize=1 << 16)
def abbreviates(short: str, word: str) -> bool:
    """Whether `short` is an abbreviation of `word` made the ways abbreviations are made
    (Chicago Manual of Style, 10.2-10.4; USPS Publication 28, 3510-3512: truncation, last
    letters and vowel removal): `word`'s first letter and then some of its letters in
    order, and either its beginning ("electr", "mach", "equip"), or ending with its last
    letter ("corpn", "prods", "servs", "ctr", "grp"), or consonants only after the first
    letter ("entpr", "mfg"). Three letters at least, two fewer than the word."""
    if len(short) < 3 or len(short) > len(word) - 2 or short[0] != word[0]:
        return False
    if word.startswith(short):
        return True
    position = 1
    for char in short[1:]:
        position = word.find(char, position) + 1
        if not position:
            return False
    return short[-1] == word[-1] or not _VOWELS.intersection(short[1:])


def _ends_name(words: list[str], i: int) -> bool:
    """Whether nothing but legal forms follows `words[i - 1]` ("United Comp. OJSC")."""
    return i >= len(words) or only_legal_forms(words[i:])


def _shortened_forms(
    words: list[str], i: int, shortened: dict[int, str]
) -> tuple[tuple[str, ...], ...]:
    """Legal forms starting at `words[i]` when it is a shortened form word (`shortened`)."""
    first = shortened.get(i)
    return _legal_forms_by_first_word().get(first, ()) if first else ()


def drop_legal_forms(tokens: list[str]) -> list[str]:
    """Remove legal forms and stop words, unless nothing would be left of the name.

    Abbreviations are written out first (`expand_abbreviations`), as they are in the
    legal forms; a name made only of legal forms comes back as it was given.

    A form matches with a letter wrong in its long words ("Otkrytoe Akisionernoe
    Obshchestvo") or in one word of a form of several ("Jont Stock Company"), and a lone
    long legal-form word misspelt ("Lmited") goes too.
    """
    return split_legal_forms(tokens)[0]


def split_legal_forms(tokens: list[str]) -> tuple[list[str], list[str]]:
    """`drop_legal_forms`, and beside it the words left as they were written: legal forms
    removed, but abbreviations not written out and stop words kept ("Des ign", "Tech
    nology" and "La Paix" keep the letters a name written without spaces has)."""
    kept, written = _without_legal_forms(tokens)
    return (kept, written) if kept else (tokens, tokens)


def only_legal_forms(tokens: list[str]) -> bool:
    """Whether no word is left once legal forms and stop words are taken out ("Co., Ltd.",
    "The Company"): words that name no one in particular, where `split_legal_forms` would
    keep them all rather than leave a name empty."""
    return not _without_legal_forms(tokens)[0]


def _without_legal_forms(tokens: list[str]) -> tuple[list[str], list[str]]:
    """`split_legal_forms` without its fall-back: both lists may be empty."""
    expanded = expand_abbreviations(tokens)
    shortened = {i: word for i, t in enumerate(expanded) if (word := abbreviated_form_word(t))}
    kept: list[str] = []
    written: list[str] = []
    i = 0
    while i < len(expanded):
        for form in _forms_starting(expanded[i]) or _shortened_forms(expanded, i, shortened):
            if form in TRAILING_ONLY_FORMS and not kept and i + len(form) < len(expanded):
                continue  # "JSC SPA Orion": the association, not the Italian form
            words = [shortened.get(j, w) for j, w in enumerate(expanded[i : i + len(form)], i)]
            if len(form) == 1 and i in shortened and not _ends_name(expanded, i + 1):
                continue  # alone, a shortened form word only ends a name ("Comp uting")
            if is_legal_form_at(words, form):
                i += len(form)
                break
        else:
            misspelt = is_misspelt_legal_form(expanded[i]) or (
                is_misspelt_last_form(expanded[i]) and _ends_name(expanded, i + 1)
            )
            if not misspelt:
                written.append(tokens[i])
                if expanded[i] not in STOP_WORDS:
                    kept.append(expanded[i])
            i += 1
    return kept, written


@dataclass(frozen=True, slots=True)
class NameForm:
    """A name ready for comparison: its words and those words joined without spaces.

    `written` holds the words as the name spells them (see `split_legal_forms`), when they
    differ from `tokens`; the view without spaces is made from them.
    """

    original: str
    tokens: tuple[str, ...]
    written: tuple[str, ...] = ()
    #: When the name ends with a branch or office qualifier ("Shanghai Branch"): the words
    #: of the name without it (comparable, and as written), and the qualifier's words.
    base: tuple[str, ...] = ()
    base_written: tuple[str, ...] = ()
    qualifier: str = ""

    @property
    def without_qualifier(self) -> NameForm | None:
        """The name without its branch or office qualifier, when it has one."""
        if not self.base:
            return None
        return NameForm(self.original, self.base, self.base_written)

    han: HanReadings | None = None  # other readings of its Chinese words (screening.chinese)
    #: Other readings of the name, each its comparable words (`scripts.script_readings`):
    #: a Korean name in other romanisations, an Arabic one by its consonants ...
    readings: tuple[tuple[str, ...], ...] = ()

    @property
    def text(self) -> str:
        """The comparable form, words separated by single spaces."""
        return " ".join(self.tokens)

    @property
    def spelled(self) -> tuple[str, ...]:
        """The words as the name writes them, legal forms left out."""
        return self.written or self.tokens

    @property
    def joined(self) -> str:
        """The written words run together, so "Inspur Tai Wan" meets "Inspur Taiwan" and
        "MGITech" meets "MGI Tech" (whose comparable words are "mgi technology")."""
        return "".join(self.spelled)


def romanize(text: str) -> str:
    """Steps 2 and 3 on folded text: Chinese to English and pinyin, other scripts to Latin;
    a letter lost in a code page (`_LOST_LETTER`) marked as an apostrophe first."""
    if "?" in text or "\ufffd" in text:
        text = _LOST_LETTER.sub("'", text)
    if text.isascii():
        return text
    return transliterate_scripts(romanize_han(text))


def name_tokens(name: str) -> tuple[str, ...]:
    """Every normalisation step in order; returns the comparable words of a name."""
    return name_words(name)[0]


def name_words(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Every normalisation step in order: the comparable words of a name, and its words as
    written (`split_legal_forms`)."""
    glued = split_dotted_glued_forms(split_camel_glued_forms(name))
    tokens = split_glued_forms(tokenize(romanize(fold_text(glued))))
    kept, written = split_legal_forms(tokens)
    # Letters written apart are joined again once legal forms are gone ("0 AE 0" -> "00");
    # numbers are written in one form in the comparable words, as written in the others.
    kept = canonical_numbers(join_spaced_letters(kept))
    return tuple(kept), tuple(join_spaced_letters(written))


def normalize_name(name: str) -> str:
    """The comparable form of a name, as one string ("" when it has no letters or digits)."""
    return " ".join(name_tokens(name))


_PARENTHESES = re.compile(r"\(([^()]*)\)")


def without_repeated_short_form(name: str) -> str:
    """The name without texts in parentheses that only repeat its words outside them.

    Lists and vendor masters follow a name with its short form ("Markel Closed Joint Stock
    Company (Markel CJSC)", "Huawei Technologies Co., Ltd. (Huawei)"): the same company
    named twice, whose words would otherwise count twice in a score ("Markel Group" met
    "markel markel" at 88 through its one word "markel")."""
    if "(" not in name:
        return name
    inner = _PARENTHESES.findall(name)
    if not inner:
        return name
    outside = " ".join(_PARENTHESES.sub(" ", name).split())
    words = set(name_words(outside)[0])
    if words and all(set(name_words(text)[0]) <= words for text in inner):
        return outside
    return name


#: What vendor masters write before the name of a firm or a ship and is no part of it: the
#: courtesy title of firms, Messrs, written "M/s." in India, Pakistan and Bangladesh ("M/s.
#: Hamza Enterprises": Wikipedia, "Messrs"), and the ship prefixes of a motor vessel and a
#: motor tanker written with their slash, "M/V" and "M/T" (Wikipedia, "Ship prefix"). "MS",
#: "MV" and "MT" without the slash stay: they are as often a company's initials.
_COURTESY_PREFIX = re.compile(r"^\s*(?:m\s*/\s*[svt]\b\.?|messrs\b\.?)[\s.,:;-]*", re.IGNORECASE)


def without_courtesy_prefix(name: str) -> str:
    """The name without a courtesy title or ship prefix before it (`_COURTESY_PREFIX`),
    unless nothing would be left of it."""
    rest = _COURTESY_PREFIX.sub("", name, count=1)
    return rest if rest != name and any(c.isalnum() for c in rest) else name


#: Places company names write by their initials, with or without dots, and the words the
#: initials stand for: the ISO 3166-1 codes English uses as abbreviations (U.S., U.K.,
#: U.A.E.; HK in the names of Hong Kong's companies: "Po Ying Jewellery (HK) Co. Limited"
#: on the Entity List), and USA.
PLACE_INITIALS = {
    "hk": ("hong", "kong"),
    "us": ("united", "states"),
    "usa": ("united", "states"),
    "uk": ("united", "kingdom"),
    "uae": ("united", "arab", "emirates"),
}


def place_reading(words: Sequence[str]) -> tuple[str, ...] | None:
    """The words of a company's name with the initials of places written out (`PLACE_INITIALS`:
    "hk electronics" -> "hong kong electronics"), or None when it has none. A reading, not
    the name's own words: two letters of a person's name are initials of given names ("U.
    S. Khan"), and a name that is only initials ("UAE") stays as it is."""
    if len(words) < 2 or not any(w in PLACE_INITIALS for w in words):
        return None
    return tuple(part for w in words for part in PLACE_INITIALS.get(w, (w,)))


@lru_cache(maxsize=1 << 12)
def org_reading(name: str) -> tuple[str, ...] | None:
    """A company's name in Arabic script read with its words of organisations in English
    (`scripts.gloss_reading`: "الجماعة الإسلامية المسلحة" -> "group islamic armed"), legal
    forms left out as from any name (شركة is "company"); None when it has no such word.
    A reading for companies' names only (`screening.similarity.reading_forms`)."""
    if name.isascii():  # the usual case, answered before any folding
        return None
    text = fold_text(without_repeated_short_form(without_courtesy_prefix(name)))
    gloss = gloss_reading(text)
    return tuple(drop_legal_forms(list(gloss))) if gloss else None


def name_form(name: str) -> NameForm:
    """Normalise a name and keep the original beside it for explanations; a name followed
    by a branch or office qualifier (`split_qualifier`) also keeps its words without it.
    A courtesy title or ship prefix before it is left out (`without_courtesy_prefix`), as
    is a short form in parentheses that repeats the name (`without_repeated_short_form`)."""
    original, name = name, without_repeated_short_form(without_courtesy_prefix(name))
    tokens, written = name_words(name)
    text = fold_text(name)
    han = han_readings(text, tokens, _reading_words) if _HAN.search(name) else None
    readings = script_readings(text, tokens)
    others = [r for r in (org_reading(original), place_reading(tokens)) if r is not None]
    form = NameForm(
        original=original,
        tokens=tokens,
        written=() if written == tokens else written,
        han=han,
        readings=(*readings, *(r for r in others if r not in readings and r != tokens)),
    )
    split = split_qualifier(name)
    if split is None:
        return form
    base, base_written = name_words(split[0])
    if base == tokens or not _names_a_company(base):
        return form  # what is left is no name of its own ("Hong Kong Branch")
    base_written = () if base_written == base else base_written
    return replace(form, base=base, base_written=base_written, qualifier=split[1])


def _names_a_company(words: Sequence[str]) -> bool:
    """Whether what is left of a name without its qualifier still names a company: a
    distinctive word, or trade words that are more than places ("China Electronics
    Technology Group" is a listed group's name; "Hong Kong", "Shanghai" are no names)."""
    long_words = [w for w in words if len(w) > 1]
    if any(w not in generic_words() for w in long_words):
        return True
    return len(long_words) >= 2 and not is_qualifier(long_words)


# --- branch and office qualifiers ---------------------------------------------------------

_TRAILING_GROUP = re.compile(r"\(([^()]*)\)[\s.,;]*$")
_TRAILING_PART = re.compile(r"(?:\s[-\u2013\u2014]+|,)\s*([^,()\u2013\u2014-]+?)\s*$")
#: Longest place name in words ("special administrative region" is not one: its words are
#: modifiers), for the greedy reading of a qualifier.
PLACE_WORDS_MAX = 4


@cache
def places() -> frozenset[str]:
    """Countries, provinces and large cities, as names write them (`places.txt`), a name of
    several words also written as one ("xi an" / "Xi'an", "hong kong" / "Hongkong")."""
    names = _data_lines("places.txt")
    return frozenset(names) | {name.replace(" ", "") for name in names if " " in name}


@cache
def branch_words() -> tuple[frozenset[str], frozenset[str]]:
    """The branch words and the modifier words of `branch_words.txt`."""
    kinds: dict[str, set[str]] = {"[branch]": set(), "[modifier]": set()}
    current = kinds["[branch]"]
    for line in _data_lines("branch_words.txt"):
        if line in kinds:
            current = kinds[line]
        else:
            current.add(line)
    return frozenset(kinds["[branch]"]), frozenset(kinds["[modifier]"])


def is_qualifier(words: Sequence[str]) -> bool:
    """Whether words are only places and branch words, with a branch word or a place among
    them: "shanghai branch", "representative office", "panama city", "hong kong"."""
    branch, modifier = branch_words()
    known = places()
    i = 0
    found = False
    while i < len(words):
        for size in range(min(PLACE_WORDS_MAX, len(words) - i), 0, -1):
            if " ".join(words[i : i + size]) in known:
                i += size
                found = True
                break
        else:
            if words[i] in branch:
                found = True
            elif words[i] not in modifier:
                return False
            i += 1
    return found


#: A branch is often named after a place `places.txt` lacks (a town, a district: "X (Warwick
#: Office)", "X - Kingstowne Branch", "X Representative Office in Warwickshire"): beside a
#: branch word, up to this many other words are read as such a place's name (most place
#: names are one or two words).
UNKNOWN_PLACE_WORDS = 2


def is_branch_phrase(words: Sequence[str]) -> bool:
    """Whether words are a qualifier (`is_qualifier`), or a branch phrase with the name of a
    place not in `places.txt` on one side: up to `UNKNOWN_PLACE_WORDS` words before a
    qualifier ending with a branch word ("warwick office", "juba representative office"),
    or after one starting with a modifier ("liaison office frankfurt", "representative
    office in warwickshire")."""
    if is_qualifier(words):
        return True
    branch, modifier = branch_words()
    for size in range(1, min(UNKNOWN_PLACE_WORDS, len(words) - 1) + 1):
        rest = words[size:]
        if rest[-1] in branch and is_qualifier(rest) and _may_be_place(words[:size]):
            return True
        rest = words[:-size]
        if (
            rest[0] in modifier
            and any(w in branch for w in rest)
            and is_qualifier(rest)
            and _may_be_place(words[-size:])
        ):
            return True
    return False


def _may_be_place(words: Sequence[str]) -> bool:
    """Whether words may name a place: letters only, and none a branch, modifier, trade,
    legal-form or stop word ("electronics office" is no branch in a place)."""
    other = _no_place_words()
    return all(
        w.isalpha() and len(w) > 1 and w not in other and expand_word(w) not in other  # "ltd"
        for w in words
    )


@cache
def _no_place_words() -> frozenset[str]:
    """Branch, modifier, trade, legal-form and stop words: none is a place's name."""
    branch, modifier = branch_words()
    return branch | modifier | generic_words() | _one_word_forms() | STOP_WORDS


def _words(text: str) -> list[str]:
    return tokenize(transliterate_scripts(text))


def split_qualifier(name: str) -> tuple[str, str] | None:
    """The name without a branch or office qualifier, and the qualifier, or None.

    A qualifier is made of places (`places.txt`) and branch words (`branch_words.txt`): in
    parentheses at the end ("X (Representative Office)", "X (Panama City)"; not "X (Hong
    Kong) Co., Ltd.", the name of a company of its own), after a
    dash or a comma, at the end ("X - Dubai Branch", "X, Beijing"), at the end ending with a
    branch word ("X Co., Ltd. Shanghai Branch") or after a legal form ("X Co., Ltd.
    Shanghai"). A name in Chinese characters is left to `screening.chinese`, which splits
    its branch words (X上海分公司) itself.
    """
    text = fold_text(name)
    if _HAN.search(text):
        return None
    dropped: list[str] = []
    while (group := _TRAILING_GROUP.search(text)) and is_branch_phrase(words := _words(group[1])):
        dropped[:0] = words
        text = text[: group.start()]
    trailing = _TRAILING_PART.search(text)
    if trailing and is_branch_phrase(words := _words(trailing.group(1))):
        dropped.extend(words)
        text = text[: trailing.start()]
    # An unpunctuated qualifier does not reach back into a text in parentheses, which is
    # the name's own ("X (Singapore) Moscow Branch": the qualifier is "Moscow Branch").
    closing = text.rfind(")") + 1
    words = _words(text[closing:])
    end = (_qualifier_at_end(words) or None) if not closing else _qualifier_after_group(words)
    if end is not None and words[end:]:
        dropped[:0] = words[end:]
        text = text[:closing] + " " + " ".join(words[:end])
    return (text, " ".join(dropped)) if dropped else None


def _qualifier_after_group(words: list[str]) -> int | None:
    """Where a qualifier starts in the words after a text in parentheses, or None."""
    if words and words[-1] in branch_words()[0] and is_qualifier(words):
        return 0
    if _opens_branch(words) and is_branch_phrase(words):  # "(DICO) Liaison Office London"
        return 0
    return _qualifier_at_end(words) or None


def _qualifier_at_end(words: list[str]) -> int:
    """Where an unpunctuated qualifier at the end of the words starts (0: none): one that
    ends with a branch word, starts with a branch phrase ("representative office in
    beijing"), or follows a legal form; one naming a place `places.txt` lacks
    (`is_branch_phrase`) only when it starts with a branch phrase or follows a legal form
    ("liaison office frankfurt", "Caprikat Limited Tortola Office"), since a word before
    "Office" may as well be the name's ("Acme Electronics Office")."""
    if len(words) < 2:
        return 0
    branch, _ = branch_words()
    if words[-1] not in _place_last_words() and not any(w in branch for w in words):
        return 0  # every qualifier holds a branch word or ends with a place
    forms = _one_word_forms()
    start = 0
    for k in range(len(words) - 1, 0, -1):
        tail = words[k:]
        after_form = expand_word(words[k - 1]) in forms
        if is_qualifier(tail):
            if tail[-1] in branch or after_form or _opens_branch(tail):
                start = k
        elif _opens_branch(tail) and is_branch_phrase(tail):
            start = k
        elif after_form and not only_legal_forms(words[:k]) and is_branch_phrase(tail):
            start = k  # a legal form ending a name ("Caprikat Limited"), not opening it
    return start


@cache
def _place_last_words() -> frozenset[str]:
    return frozenset(place.rsplit(" ", 1)[-1] for place in places())


def _opens_branch(words: Sequence[str]) -> bool:
    """Whether words start with a modifier and a branch word ("representative office",
    "liaison office", "sales office")."""
    branch, modifier = branch_words()
    return len(words) >= 2 and words[0] in modifier and words[1] in branch


def _reading_words(text: str) -> list[str]:
    """The comparable words of one reading of a Chinese word (`han_readings`)."""
    return drop_legal_forms(tokenize(text))
