"""A phonetic key for names written in Latin letters from another language: the spellings
one name gets from different transliteration systems share a key.

Names from Arabic, Persian, Russian or Ukrainian reach the lists through several ways of
writing them in Latin letters: Mohammed / Muhammad / Mohamed, Hezbollah / Hizballah,
Bashar / Bachar, Khodorkovsky / Chodorkowski, Tekhnopromeksport / Technopromexport. The
differences are the documented alternations of those systems, not typos, and often more
than one edit apart. `phonetic_keys` reduces a word to its consonants in classes, with one
mark where vowels stand:

* vowels (a e i o u y, and their groups: "ou", "ei", "iy") are one mark, whatever they
  are: the short vowels of Arabic are not written and each system renders them its way;
* doubled letters are one (Mohammed / Mohamed), and an h ending a word after a vowel goes
  (Hizballah / Hizballa);
* consonants in classes, from the Latin renderings of Cyrillic letters in BGN/PCGN (the
  lists' usual system), ISO 9 and GOST 7.79 without diacritics, ICAO 9303 (passports), and
  the German, French and Polish conventions, and of Arabic letters in the usual English and
  French ones: Х kh / h / ch; Ч ch / tch / tsch / cz / c; Ш sh / ch / sch / sz; Щ shch /
  sch / shh; Ц ts / tz / c / cz; Ж zh / j / z / sch; Й y / j / i; В v / w; ج j / dj / dzh;
  ث th / t; ذ dh / d; ق q / k / g (Qadhafi, Kadhafi, Gaddafi); ks / x, and x for Х in
  GOST 7.79 (Mixail); a final e
  after a consonant may be mute (French Poutine);
* where a spelling is read two ways, the word gets a key for each (at most `MAX_KEYS`):
  "ch" is Ч in English (Chekhov), Х in German (Chodorkowski) and k before n/r or in Greek
  loans (Technopromexport); "j" is Й in German (Sergej) and ج or Ж in English and
  French (Jamal, Joukov); a "c" ending a word is Ч in ISO 9 (Vladimirovic).

Two words meet phonetically when their key sets share a key. It is a name-specific key, not
English Soundex or Metaphone: those drop letters that tell names apart in other languages
(Metaphone makes "ch" one sound) and keep the vowels' letters out of the comparison
entirely. The comparison is loose by design; `screening.similarity` gives it less than an
exact word and only in the places where it helps (persons' names, long company words).
"""

from __future__ import annotations

from collections.abc import Container
from functools import lru_cache
from itertools import product

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

#: The most keys one word gets from its ambiguous spellings; the first ones (the usual
#: readings) are kept when there are more.
MAX_KEYS = 4

#: The mark standing for a group of vowels.
VOWEL = "a"

_VOWELS = frozenset("aeiouy")

#: Spellings of several letters, longest first, and the classes they stand for (several
#: when the spelling is read several ways, the usual reading first). Classes: S the hissing
#: and hushing sounds (s, sh, ch, ts), Z the voiced ones (z, zh, French j), H the rough h
#: (h, kh, German ch), K (k, q, hard c), T (t, d, th, dh), V (v, w), F (f, ph), G (g, gh),
#: and B P L M N R themselves; "" a vowel.
_GRAPHEMES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("shch", ("S",)),
    ("tsch", ("S",)),
    ("dzh", ("Z",)),
    ("sch", ("S", "Z")),
    ("shh", ("S",)),
    ("tch", ("S",)),
    ("chr", ("KR", "HR")),
    ("chn", ("KN", "HN", "SN")),
    ("ch", ("S", "H", "K")),
    ("sh", ("S",)),
    ("sz", ("S",)),
    ("cz", ("S",)),
    ("ts", ("S",)),
    ("tz", ("S",)),
    ("zh", ("Z",)),
    ("dj", ("Z",)),
    ("dz", ("Z",)),
    ("kh", ("H",)),
    ("gh", ("G",)),
    ("ph", ("F",)),
    ("th", ("T",)),
    ("dh", ("T", "Z")),  # ذ and ظ: dh in Arabic spellings, z in Persian ones (Jadhran, Jazran)
    ("ck", ("K",)),
    ("qu", ("KV", "Ka")),  # kv in German and English, q and a vowel in Arabic (Qusay)
    ("q", ("K", "G")),
    ("ks", ("KS",)),
    ("x", ("KS", "H")),
)

_LETTERS = {
    "b": "B",
    "d": "T",
    "f": "F",
    "g": "G",
    "h": "H",
    "k": "K",
    "l": "L",
    "m": "M",
    "n": "N",
    "p": "P",
    "r": "R",
    "s": "S",
    "t": "T",
    "v": "V",
    "w": "V",
    "z": "Z",
}


_BY_FIRST_LETTER: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    first: tuple(g for g in _GRAPHEMES if g[0][0] == first)
    for first in {g[0][0] for g in _GRAPHEMES}
}


def _collapse_doubles(word: str) -> str:
    return "".join(c for i, c in enumerate(word) if i == 0 or c != word[i - 1])


#: The class of a y read as a consonant (`consonant_y_keys`).
CONSONANT_Y = "Y"


def _classes(word: str, consonant_y: bool = False) -> list[tuple[str | None, ...]]:
    """The word as a sequence of class alternatives, one slot per grapheme (`consonant_y`:
    a y before a vowel is the consonant `CONSONANT_Y`, not a vowel)."""
    slots: list[tuple[str | None, ...]] = []
    i = 0
    while i < len(word):
        grapheme = _grapheme_at(word, i)
        if grapheme is not None:
            spelling, classes = grapheme
            slots.append(classes)
            i += len(spelling)
            continue
        slot = _letter_in_place(word, i, consonant_y)
        if slot is None:
            slot = _letter(word[i], word[i + 1 : i + 2])
        if slot:  # an empty slot: a letter read as nothing
            slots.append(slot)
        i += 1
    return slots


def _grapheme_at(word: str, i: int) -> tuple[str, tuple[str | None, ...]] | None:
    """The spelling of several letters starting at `i` and its classes, if one is there."""
    for spelling, classes in _BY_FIRST_LETTER.get(word[i], ()):
        if word.startswith(spelling, i):
            return spelling, classes
    return None


def _letter_in_place(word: str, i: int, consonant_y: bool) -> tuple[str | None, ...] | None:
    """The classes of the letter at `i` read by its place in the word (an empty tuple: read
    as nothing), or None when its place does not change it."""
    char, following = word[i], word[i + 1 : i + 2]
    previous = word[i - 1] if i else ""
    if previous and not following:
        if char == "e" and previous not in _VOWELS:
            return ("", None)  # the mute e of French spellings: Poutine
        if char == "f" and previous in "oe":
            # -ov, -ev written -off, -eff (the doubled f is one by now) in French and
            # older English renderings of Russian names: Smirnoff, Krasnoff, Medvedeff.
            return ("F", "V")
        if char == "h" and previous in _VOWELS:
            return ()  # Hizballah / Hizballa, Abdullah / Abdulla
    if consonant_y and char in "yj" and following and following in "aeiou":
        # Before a vowel a y is ya, and a j ya or jim (Jusuf, Jafar): a consonant, as an
        # Arabic syllable always opens with one.
        return (CONSONANT_Y,) if char == "y" else (CONSONANT_Y, "Z")
    if char == "s" and not previous and following and following in _VOWELS:
        # З written s before a vowel in the German rendering of Russian and
        # Ukrainian (Duden): Selenskyj / Zelensky, Sacharow / Zakharov.
        return ("S", "Z")
    return None


def _letter(char: str, following: str) -> tuple[str | None, ...] | None:
    """The classes of one letter wherever it stands (None: a letter of no class)."""
    if char in _VOWELS:
        return ("",)
    if char == "c":
        if following and following in "eiy":
            return ("S",)
        return ("K",) if following else ("K", "S")  # ISO 9 and Croatian c for Ч at the end
    if char == "j":
        return ("", "Z")  # Й of German and Polish; ج, Ж of English, French
    if char in _LETTERS:
        return (_LETTERS[char],)
    return None


def _spell(classes: tuple[str | None, ...]) -> str:
    """A key from one reading: vowel groups as one mark, repeated classes as one; None is
    a letter read as nothing."""
    key: list[str] = []
    for symbol in classes:
        if symbol is None:
            continue
        for part in symbol or VOWEL:
            if not key or key[-1] != part:
                key.append(part)
    return "".join(key)


@lru_cache(maxsize=1 << 16)
def phonetic_keys(word: str) -> frozenset[str]:
    """The phonetic keys of one folded word (empty for a word with digits or other
    characters than a-z): "mohammed" and "muhammad" both give {"aMaHaMaT"}."""
    return _keys(word, consonant_y=False)


@lru_cache(maxsize=1 << 16)
def consonant_y_keys(word: str) -> frozenset[str]:
    """`phonetic_keys` with a y before a vowel read as a consonant ("yahya", "ayyub",
    "sayed"): for the consonant comparison of names written in Arabic script, whose ya
    is a letter of its own (`screening.scripts.skeleton_keys`)."""
    return _keys(word, consonant_y=True)


def _keys(word: str, consonant_y: bool) -> frozenset[str]:
    if not word.isascii() or not word.isalpha():
        return frozenset()
    slots = _classes(_collapse_doubles(word.lower()), consonant_y)
    keys: list[str] = []
    for reading in product(*slots):
        key = _spell(reading)
        if key not in keys:
            keys.append(key)
        if len(keys) == MAX_KEYS:
            break
    return frozenset(keys)


def consonants(key: str) -> int:
    """How many consonant classes a key has: a key of one consonant ("aLa": Ali, Eli, Ola)
    says too little to tell names apart."""
    return sum(1 for c in key if c != VOWEL)


def sound_alike(a: str, b: str, least_consonants: int) -> bool:
    """Whether two words share a phonetic key of at least `least_consonants` consonants."""
    shared = phonetic_keys(a) & phonetic_keys(b)
    return any(consonants(key) >= least_consonants for key in shared)


#: How alike two words that sound alike are (`variant_similarity`): below a word one letter
#: off in a long name (0.86-0.95) and above the default threshold's share (0.85 is the
#: least that keeps a two-part name both of whose parts are other spellings, "Mahmood
#: Ahmadinezhad" / "Mahmoud Ahmadinejad", at the default threshold of 85).
PHONETIC_SIMILARITY = 0.85

#: In a person's name a shared key counts for two words of at least `PERSON_SHORTEST`
#: letters, one of them `PERSON_PHONETIC_LENGTH` or more (Putin / Poutine), whose key has
#: `PERSON_KEY_CONSONANTS` consonants, and which share at least `PERSON_PHONETIC_RATIO`
#: of their letters (rapidfuzz ratio). Two short names read alike too easily once their
#: vowels are one mark ("Mayra" / "Mario" / "Maria", "Dave" / "Daw", "Young" / "Jung": US
#: Congress members' names that met listed persons this way in benchmarks/eval_full.py);
#: the ratio keeps the letters mostly the same while letting through the usual
#: renderings (Husayn / Hussein 62, Mohammed / Muhammad 75). Short names meet their other
#: spellings one edit away (Omar / Umar).
PERSON_PHONETIC_LENGTH = 6
PERSON_SHORTEST = 5
PERSON_KEY_CONSONANTS = 2
PERSON_PHONETIC_RATIO = 60.0

#: In a company name a shared key counts only for long words (`COMPANY_PHONETIC_LENGTH`
#: letters or more) whose key has `COMPANY_KEY_CONSONANTS` consonants and whose letters are
#: mostly the same (ratio `COMPANY_PHONETIC_RATIO`): shorter English company words with
#: the same consonants are other words ("SuperCom" / "Superkam", "Chemed" / "Chimmed",
#: "Nexscient" / "Nexiant" raised false alarms on the real company names of
#: benchmarks/eval_full.py at 6 letters), and long ones too when their letters differ
#: ("Meridian" / "Marathon" share a key, ratio 50); transliterated names keep most letters
#: ("Hezbollah" / "Hizballah" 78, "Tekhnopromeksport" / "Technopromexport" 85).
COMPANY_PHONETIC_LENGTH = 9
COMPANY_KEY_CONSONANTS = 3
COMPANY_PHONETIC_RATIO = 75.0

#: A listed word of at least `TWO_EDIT_MIN` letters and a query's word at most two edits
#: from it (letters added, dropped, changed or swapped) count as one word, by their ratio
#: when it reaches `TWO_EDIT_FLOOR` (two letters changed in eight: 75), in company and
#: persons' names alike: a keyboard slip and a dropped letter in one long word
#: ("Corpoatoin", "Aicrft"), and the spellings of one transliterated word
#: ("Tekhnopromeksport" / "Technopromexport"). Most misspellings are one or two edits from
#: the word meant (Damerau 1964: 80% are one), and spelling tools allow two from this length
#: (Elasticsearch's `AUTO` fuzziness: two edits past five letters; we wait for eight, as a
#: company name's words are often one of a few thousand trade words). Two words that are
#: both known trade words (`screening.normalize.generic_words`) are two words, not a slip:
#: "Electric" / "Electronic" (Kukich 1992: real-word errors are not caught by distance). In
#: a person's name a lone part so far off stays partial (`persons.LONE_PART_SIMILARITY`).
TWO_EDIT_MIN = 8
TWO_EDIT_FLOOR = 75.0


#: Spellings a short name may have in the Latin renderings of Cyrillic (BGN/PCGN, ISO 9,
#: GOST 7.79, ICAO, German), written one way for `short_name_key`: Й, Ю, Я, Е as y / j / i,
#: Х as kh / h / x, Ж as zh / z, Ш and Щ as sh / sch / shch, Ч as ch / tch / tsch, Ц as
#: ts / tz / c, В as v / w; and of Arabic (Wikipedia, "Romanization of Arabic": ALA-LC and
#: the spellings of French, Turkish and Persian usage): ق as q / k (Qadir / Kadir, Tariq /
#: Tarik), ذ as dh / z (Dhakir / Zakir).
_SHORT_NAME_SPELLINGS = (
    ("shch", "s"), ("tsch", "c"), ("sch", "s"), ("tch", "c"), ("ch", "c"), ("sh", "s"),
    ("zh", "z"), ("kh", "h"), ("dh", "z"), ("ts", "c"), ("tz", "c"), ("ph", "f"), ("w", "v"),
    ("x", "h"), ("y", "i"), ("j", "i"), ("q", "k"),
)  # fmt: skip


@lru_cache(maxsize=1 << 16)
def short_name_key(word: str) -> str:
    """A short name with its letters' transliteration alternatives written one way and its
    doubled letters as one, vowels kept but for the alternations of romanised Arabic
    (`_fold_arabic_vowels`): "yuriy", "jurij", "iurii", "juri" all "iuri"; "tareq" and
    "tariq" both "tariq"; "mayra" and "mario" stay apart, as do "dave" and "daw"."""
    for spelling, one_way in _SHORT_NAME_SPELLINGS:
        word = word.replace(spelling, one_way)
    return _collapse_doubles(_fold_arabic_vowels(word))


def _fold_arabic_vowels(word: str) -> str:
    """The vowels of a romanised Arabic name written one way where the systems differ:
    Arabic writes three short vowels, or none, and English, French and Persian-based
    spellings render i as i or e and u as u, o or ou (Tariq / Tareq, Hafiz / Hafez, Umar /
    Omar / Oumar, Dost / Dust: Wikipedia, "Romanization of Arabic", vowels). Not a vowel
    after another (the ou of Young), nor a final e, which English writes silent (Dave)."""
    out: list[str] = []
    i = 0
    while i < len(word):
        char = word[i]
        free = not out or out[-1] not in "aeiou"
        if free and word.startswith("ou", i):
            out.append("u")
            i += 2
            continue
        if free and char == "o":
            char = "u"
        elif free and char == "e" and i + 1 < len(word):
            char = "i"
        out.append(char)
        i += 1
    return "".join(out)


def variant_similarity(
    a: str, b: str, person: bool = False, known: Container[str] = frozenset()
) -> float:
    """0-1 similarity of two different words more than a typo apart: two edits in a long
    word (their ratio, `two_edit_similarity`; `known`: the known trade words), or the same
    sounds in other letters (`PHONETIC_SIMILARITY`, on the conditions above for persons'
    and company names), the better of the two. 0 otherwise."""
    shortest = min(len(a), len(b))
    two_edits = two_edit_similarity(a, b, known)
    if person and max(len(a), len(b)) < PERSON_PHONETIC_LENGTH:
        # Two short names read alike too easily by sound: they meet only when they are
        # the same letters but for the systems' alternatives ("Yuri" / "Jurij").
        same = len(a) > 2 and short_name_key(a) == short_name_key(b)
        return PHONETIC_SIMILARITY if same else 0.0
    if person:
        length, least, ratio_floor = (
            PERSON_SHORTEST,
            PERSON_KEY_CONSONANTS,
            PERSON_PHONETIC_RATIO,
        )
    else:
        length, least, ratio_floor = (
            COMPANY_PHONETIC_LENGTH,
            COMPANY_KEY_CONSONANTS,
            COMPANY_PHONETIC_RATIO,
        )
    if shortest >= length and sound_alike(a, b, least) and fuzz.ratio(a, b) >= ratio_floor:
        return max(PHONETIC_SIMILARITY, two_edits)
    return two_edits


def shortened_by_two(a: str, b: str) -> bool:
    """Whether two words are two edits apart with the shorter under `TWO_EDIT_MIN` letters
    (two letters added to, or dropped from, a word): in a company name such a meeting counts
    only beside a distinctive word met as itself (`screening.similarity`), since a short
    word takes two letters from another's ("EnerSys" / "Enterysys") as readily as it loses
    two by a slip."""
    return min(len(a), len(b)) < TWO_EDIT_MIN and OSA.distance(a, b, score_cutoff=2) == 2


def two_edit_similarity(a: str, b: str, known: Container[str] = frozenset()) -> float:
    """The ratio (0-1) of a query's word `a` at most two edits from a listed word `b` of
    `TWO_EDIT_MIN` letters or more (the word meant: a slip may also drop letters), when it
    reaches `TWO_EDIT_FLOOR` and they are not both `known` words
    (`screening.normalize.generic_words`); else 0."""
    if len(b) < TWO_EDIT_MIN or abs(len(a) - len(b)) > 2:
        return 0.0
    ratio = fuzz.ratio(a, b, score_cutoff=TWO_EDIT_FLOOR)
    if not ratio or OSA.distance(a, b, score_cutoff=2) > 2:
        return 0.0
    return 0.0 if a in known and b in known else ratio / 100.0
