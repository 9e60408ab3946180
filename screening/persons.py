"""How the name of an individual is compared: the rules persons' names need and company
names must not have.

A listed person's name is usually longer than the name a vendor file gives: lists carry
the patronymic, the second surname, the middle names and the titles ("PUTIN, Vladimir
Vladimirovich"), vendor files "Vladimir Putin". The score of a person's name therefore
reads the names part by part (`person_overlap`):

* a title or honorific ("Dr", "General", "Sheikh", "Haji", from `data/person_titles.txt`)
  that the other name does not have counts for nothing;
* an initial meets a name part starting with its letter ("Ali A. Velayati" / "Ali Akbar
  Velayati"; "V. V. Putin"), for less than a whole part;
* when every part of the query is found in the listed name, and at least two of them are
  whole parts (a lone given name or surname is never enough), the parts the listing has
  beyond them weigh little (`PERSON_QUERY_SHARE`): "John Smith" is a strong match for
  "John Michael Smith"; an East Slavic patronymic the query leaves out weighs nothing
  ("Sergey Lavrov" / "Sergey Viktorovich Lavrov"). The reverse stays a partial match: a
  query with parts the listing lacks may be another person ("Abdul Ghani Baradar" is not
  "Abdul Ghani").

Word order is free, as for every name, so "SURNAME, Given" meets "Given Surname".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from importlib import resources

from rapidfuzz.distance import OSA

from screening.normalize import expand_word, fold_text, name_tokens, transliterate_scripts

#: What an initial weighs against a whole name part (1.0): a letter says less about who is
#: meant than a name does, so a query's middle initial the listing lacks ("Jennifer L.
#: McClellan" / "Jennifer McClellan") costs half what a missing part costs.
INITIAL_WEIGHT = 0.5

#: How alike an initial and a name part starting with its letter are ("v" / "vladimir").
#: Below 1: "V. Putin" should rank under "Vladimir Putin" for the listing "Vladimir
#: Putin", and above the default threshold.
INITIAL_SIMILARITY = 0.9

#: When the listed name holds every part of the query, the query's coverage counts this
#: share of the score and the listing's coverage the rest. A query of two of the three
#: parts of a listed name ("John Smith" / "John Michael Smith") scores 93, two of six
#: parts 87: above the default threshold of 85, below an exact name (a patronymic left out
#: weighs nothing: `part_weights`). The symmetric score of the two names (80 for two parts
#: of three) is what any other pair of names gets.
PERSON_QUERY_SHARE = 0.8

#: How alike a whole part of the query and of the listed name must be for initials beside
#: it to count: a letter is weak evidence, and beside a part one letter off ("I-Mab" /
#: "SA'B, Ilyas") it would make a near miss of nothing. 0.9 keeps exact parts, plurals and
#: one letter off in a part of ten letters or more.
INITIAL_ANCHOR = 0.9
#: Two parts at least this alike anchor initials as one at `INITIAL_ANCHOR` does: parts
#: that sound alike (`screening.phonetic.PHONETIC_SIMILARITY`) or share their consonants
#: (`screening.scripts.SKELETON_SIMILARITY`).
SOUND_ANCHOR = 0.85

#: When either name has a single part, two parts more than a typo apart (other spellings
#: of the sounds, two letters off) count at most this: a lone name is a weak identifier,
#: and one word another spelling of another ("Dow" / "Dave", "Garmin" / "Qerman") is no
#: hit. The same as a short word one letter off (`similarity.SHORT_TYPO_SIMILARITY`).
LONE_PART_SIMILARITY = 0.8

#: Whole parts (not initials, not titles) of the query that must be found before the rule
#: above applies: a lone given name or surname ("Mohammed", "Putin") never scores as a
#: strong match for a longer listed name.
PERSON_MIN_PARTS = 2

#: Letters a run of initials written together may have ("V.V." -> "vv", "J.-C." -> "jc").
MAX_JOINED_INITIALS = 3

_VOWELS = frozenset("aeiouy")

#: Words inside hyphenated Arabic name parts that vendor files often leave out: the
#: article (al-, el-, ad-, as-, ash-, an-, ar-, at-, az-, ul-) and the words of descent and
#: kinship (bin, ibn, bint, abu, abd). From the structure of Arabic names (Wikipedia,
#: "Arabic name": nasab, kunya, nisba).
NAME_PARTICLES = frozenset(
    {"al", "el", "ul", "ur", "ad", "ud", "as", "ash", "an", "ar", "at", "az"}
    | {"bin", "ibn", "bint", "ben", "abu", "abd"}
)

_HYPHENATED = re.compile(r"[^\W_]+(?:[-\u2010\u2011][^\W_]+)+")


@cache
def person_titles() -> frozenset[str]:
    """Titles and honorifics of persons (`data/person_titles.txt`, with its sources)."""
    text = (resources.files("screening") / "data" / "person_titles.txt").read_text("utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def is_title(word: str) -> bool:
    """Whether a word is a title or honorific ("dr", "general", "sheikh", "haji")."""
    return word in person_titles()


#: The Arabic article as lists write it before a name part ("al-Nuristani", "el-Sisi",
#: "ash-Shami"); vendor files often leave it out ("Nuristani"). From the structure of
#: Arabic names (Wikipedia, "Arabic name"); its assimilated forms (ar-, as-, ash-, ad-,
#: an-, at-, az-) included, and ur- of South Asian spellings ("Shams ur-Rahman", "Habib
#: ur-Rehman": Wikipedia, "Ur-Rahman"); not un-, a syllable of Korean names.
ARABIC_ARTICLES = frozenset({"al", "el", "ul", "ur", "ar", "ash", "ad", "az"})

#: The two usual Latin spellings of the Arabic article, in persons' and organisations'
#: names alike: al- (English and the standard systems) and el- (French and Egyptian
#: spellings): "AL-SALAH SOCIETY" / "EL-SALAH SOCIETY" (Wikipedia, "Al- (Arabic)").
ARTICLE_SPELLINGS = frozenset({"al", "el"})


def same_article(a: str, b: str) -> bool:
    """Whether two words are the Arabic article spelt two ways ("al" / "el")."""
    return a in ARTICLE_SPELLINGS and b in ARTICLE_SPELLINGS


#: "Abd" ("servant of") joined to the article of the name that follows, as it is written
#: in one word ("Abdul Aziz", "Abdel Aziz", "Abdur Rahman") or apart ("Abd al-Aziz"): the
#: forms of one name part (Wikipedia, "Abd (Arabic)"), all read as "abd".
ABD_FORMS = frozenset(
    {"abd", "abdu"}
    | {
        "abd" + vowel + article
        for vowel in ("u", "e", "a", "ou", "o", "i")
        for article in ("l", "r", "s", "n", "d", "z", "sh", "t")
    }
)


def abd_form(word: str) -> str:
    """ "abd" for the written forms of Abd al- ("abdul", "abdel", "abdur"), else the word."""
    return "abd" if word in ABD_FORMS else word


def is_droppable(word: str) -> bool:
    """A title, or the Arabic article: a part that counts for nothing when unmatched."""
    return word in ARABIC_ARTICLES or is_title(word)


def _joined_initials(word: str, others: Sequence[str]) -> list[str] | None:
    """The letters of `word` when it reads as initials written together ("vv" of "V. V.",
    "jc" of "J.-C."): two or three letters without a vowel, each the first letter of a
    different part of the other name, and no part of the other name met otherwise."""
    if len(word) < 2 or not may_be_initials(word):
        return None
    firsts = [other[0] for other in others if len(other) > 1]
    for letter in word:
        if letter not in firsts:
            return None
        firsts.remove(letter)
    return list(word)


def split_initials(words: Sequence[str], others: Sequence[str]) -> list[str]:
    """`words` with initials written together split into single letters, where they can
    read as initials of the other name's parts and are no word of it."""
    split: list[str] = []
    for word in words:
        letters = None if word in others or is_droppable(word) else _joined_initials(word, others)
        split.extend(letters or [word])
    return split


#: What separates the pieces of a name as written, full stops and letters aside.
_CHUNK_SEPARATOR = re.compile(r"[^\w.]+")


@cache
def title_abbreviations() -> dict[str, str]:
    """Titles abbreviated with a full stop -> the title (`data/title_abbreviations.tsv`)."""
    text = (resources.files("screening") / "data" / "title_abbreviations.tsv").read_text("utf-8")
    lines = (line for line in text.splitlines() if line and not line.startswith("#"))
    return dict(line.split("\t", 1) for line in lines)


#: The most characters of a name read for its written structure (titles, initials, ends,
#: hyphenated parts): the longest listed person's name has about 120. A longer text is no
#: person's name, and reading all of it cost a supplier name of 15,000 words (cut to
#: `match.MAX_SCORED_WORDS` for scoring) a tenth of a second for each reading.
NAME_TEXT_LIMIT = 300


@lru_cache(maxsize=1 << 16)
def _written_pieces(original: str) -> tuple[tuple[str, tuple[str, ...], bool], ...]:
    """The pieces of a name as written (between spaces, hyphens and other marks), each as
    the word the tokenizer makes of it (full stops dropped: "a.n." -> "an"), with its
    letters when it is only single letters with full stops ("a.n.", "v."), and whether it
    has a full stop (of the first `NAME_TEXT_LIMIT` characters)."""
    original = original[:NAME_TEXT_LIMIT]
    text = transliterate_scripts(fold_text(original)).replace("'", "").replace("\u2019", "")
    read = []
    for piece in _CHUNK_SEPARATOR.split(text):
        parts = [p for p in piece.split(".") if p]
        if parts:
            single = all(len(p) == 1 and p.isalpha() for p in parts)
            read.append(("".join(parts), tuple(parts) if single else (), "." in piece))
    return tuple(read)


@lru_cache(maxsize=1 << 16)
def _leading_titles(original: str) -> tuple[int, tuple[tuple[str, str], ...]]:
    """How many pieces the titles a name starts with take, and its abbreviated ones."""
    found = []
    pieces = _written_pieces(original)
    for count, (word, _, dotted) in enumerate(pieces):
        title = title_abbreviations().get(word) if dotted else None
        if title is not None:
            found.append((word, title))
        elif not is_title(word):
            return count, tuple(found)
    return len(pieces), tuple(found)


def written_titles(original: str) -> tuple[tuple[str, str], ...]:
    """The abbreviated titles a name starts with, written with a full stop ("Gen. Sun Wei",
    "H.E. Denis Pushilin", "Lt. Gen. ..."), as (the word normalisation makes of each, the
    title it stands for: `title_abbreviations`); titles written out before them are passed
    over. Nothing for an abbreviation without its stop or after a name part."""
    return _leading_titles(original)[1]


@lru_cache(maxsize=1 << 16)
def written_initials(original: str) -> tuple[tuple[str, tuple[str, ...], bool], ...]:
    """The runs of letters a name writes apart ("A. N.", "A.N.", "I V", "M M A"), each as
    the word normalisation makes of it ("an", "iv", "mma": `normalize.tokenize` drops the
    full stops and joins letters written apart, as initialisms of company names are
    written), with its letters and whether it is the name's last piece. An abbreviated
    title ("H.E.": `written_titles`) is no initials.

    In a person's name such a run is initials, whatever its letters: "A. N. Sheshenya" is
    Alexei Nikolaevich Sheshenya, although "an" has a vowel and "as" of "A. S. Essa" is a
    legal form to normalisation."""
    read = list(_written_pieces(original))
    lead, titles = _leading_titles(original)
    runs: list[tuple[str, tuple[str, ...], bool]] = []
    i = lead if titles else 0
    while i < len(read):
        word, letters, _ = read[i]
        j = i + 1
        if len(word) == 1 and letters:  # single letters in a row are joined into one word
            while j < len(read) and len(read[j][0]) == 1 and read[j][1]:
                j += 1
            word = "".join(w for w, _, _ in read[i:j])
            letters = tuple(word)
        if len(letters) >= 2:
            runs.append((word, letters, j == len(read)))
        i = j
    return tuple(runs)


def person_words(original: str, words: tuple[str, ...]) -> tuple[str, ...]:
    """The words of a person's name as written: an abbreviated title as the title
    (`written_titles`: "gen" of "Gen." as "general"), initials written apart as initials
    (`written_initials`: "an" of "A. N. Sheshenya" as "a", "n"). A run normalisation
    dropped as a legal form or stop word ("as", "sa", "de") is put back as letters unless
    it ends the name, where legal forms stand ("Hansen A/S"), or its letters are words
    already (another reading of the name). Digits inside a word of letters are the
    letters they stand in for (`letters_for_digits`: "Sech1n" is Sechin)."""
    if any(not word.isalpha() and not word.isdigit() for word in words):
        words = tuple(letters_for_digits(word) for word in words)
    titles = written_titles(original)
    runs = written_initials(original)
    if not titles and not runs:
        return words
    out = list(words)
    for word, title in titles:  # the name's first such word, as normalisation wrote it
        written = word if word in out else expand_word(word)
        if written in out:
            out[out.index(written)] = title
    letters_of = {word: letters for word, letters, _ in runs}
    out = [letter for word in out for letter in letters_of.get(word, (word,))]
    present = set(words)
    for word, letters, last in runs:
        if word not in present and not last and not present.issuperset(letters):
            out.extend(letters)
    return tuple(out)


#: Digits written for the letters they look like, to slip a name past a filter or by a
#: slip of the keyboard ("Ig0r Sech1n"): the usual substitutions of leetspeak (Wikipedia,
#: "Leet": 0 o, 1 i, 3 e, 4 a, 5 s, 7 t, 8 b, 6 and 9 g). A person's name has no digits.
_DIGIT_LETTERS = str.maketrans("013457896", "oieastbgg")


def letters_for_digits(word: str) -> str:
    """A word of letters with digits in it, its digits read as the letters they look like;
    any other word as it is ("sech1n" -> "sechin"; "1990" and "igor" unchanged)."""
    if word.isalpha() or not any(c.isalpha() for c in word):
        return word
    return word.translate(_DIGIT_LETTERS)


def _match_initials(
    initials: Sequence[int],
    words: Sequence[str],
    others: Sequence[str],
    best: list[float],
    best_other: list[float],
) -> None:
    """Give each initial among `words` (positions `initials`) the first part of `others`
    starting with its letter that nothing has met yet: an initial stands for one part, and
    one the other name does not already hold ("Vladimir V. Putin": the V. is not
    Vladimir again). Failing that, a part met only less well than by an initial: a short
    part one letter from another part of the name ("Ali" beside "Amli", "Baqi" beside
    "Bari") is not held by it (`R. A. Amli` / `AMLI, Riyad Ali`)."""
    for position in initials:
        if best[position]:
            continue
        letter = words[position]
        starting = [j for j, other in enumerate(others) if other.startswith(letter)]
        free = [j for j in starting if not best_other[j]]
        weak = [j for j in starting if best_other[j] < INITIAL_SIMILARITY and j not in free]
        for other_position in (*free, *weak)[:1]:
            found = 1.0 if others[other_position] == letter else INITIAL_SIMILARITY
            best[position] = best_other[other_position] = found


@lru_cache(maxsize=1 << 16)
def name_structure(original: str) -> tuple[frozenset[str], tuple[frozenset[str], ...]]:
    """The parts at the ends of a person's name and its hyphenated compounds, read from
    the name as written.

    Ends: the first and last part; for "SURNAME, Given Middle" the surname's parts and the
    first given name (the comma moves the surname from the end to the front). Compounds:
    parts written with hyphens ("Young-Chol", "Jean-Claude", "Abd-al-Latif") are one name
    part; the Arabic article and the words of descent or kinship in them (`NAME_PARTICLES`)
    are left out, so "al-Tikriti" is the part Tikriti. (The first `NAME_TEXT_LIMIT`
    characters of the name.)
    """
    original = original[:NAME_TEXT_LIMIT]
    parts = _surname_first(original)
    if parts is not None:
        surname, given = parts
        ends = {surname[0], surname[-1], given[0]}
    else:
        tokens = name_tokens(original)
        ends = {tokens[0], tokens[-1]} if tokens else set()
    compounds = []
    for written in _HYPHENATED.findall(fold_text(original)):
        pieces = frozenset(name_tokens(written)) - NAME_PARTICLES
        if len(pieces) >= 2:
            compounds.append(pieces)
    return frozenset(ends), tuple(compounds)


def _surname_first(original: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The surname's words and the given names' of a name written "SURNAME, Given Middle"
    (one comma, words on both sides), or None."""
    head, comma, tail = original[:NAME_TEXT_LIMIT].partition(",")
    if comma and "," not in tail:
        surname, given = name_tokens(head), name_tokens(tail)
        if surname and given:
            return surname, given
    return None


@lru_cache(maxsize=1 << 16)
def listed_surname(original: str) -> frozenset[str]:
    """The surname's parts of a person's name written "SURNAME, Given Middle" (the lists'
    convention where they say which part is the family name); empty for any other name."""
    parts = _surname_first(original)
    return frozenset(parts[0]) - NAME_PARTICLES if parts is not None else frozenset()


def _holds_whole_parts(
    query: Sequence[str],
    listed: Sequence[str],
    met: Sequence[Sequence[int]],
    structure: tuple[frozenset[str], tuple[frozenset[str], ...]],
) -> bool:
    """Whether the listed name holds enough of the query for the rule of
    `PERSON_QUERY_SHARE`: `PERSON_MIN_PARTS` of its whole parts met by whole parts (not
    titles, not initials, not one piece of a hyphenated part: "Young" is not
    "Young-Chol"), one at an end of the listed name (`name_structure`). The family name
    stands at one end of a full name in the conventions lists write (given names first,
    or the surname first, patronymics and second surnames after), and so does the first
    given name; two parts from the middle of a longer name ("John James" / "Jeffrey John
    James Ashfield") are middle names of someone else.

    `met[i]`: the positions of the listed words the query's whole word i met.
    """
    ends, compounds = structure
    found_words = {listed[j] for parts in met for j in parts}
    broken = {piece for c in compounds if not c <= found_words for piece in c}
    met_whole = {
        j
        for i, word in enumerate(query)
        if not is_droppable(word)
        for j in met[i]
        if listed[j] not in broken
    }
    at_end = any(listed[j] in ends for j in met_whole)
    # The pieces of a hyphenated part are one part ("Jong Un" is the given name "Jong-un").
    parts = {next((c for c in compounds if listed[j] in c), listed[j]) for j in met_whole}
    return at_end and len(parts) >= PERSON_MIN_PARTS


def _holds_listing_amid(
    query: Sequence[str],
    listed: Sequence[str],
    met_by: Sequence[Sequence[int]],
    best_query: Sequence[float],
    best_listed: Sequence[float],
    weights_l: Sequence[float],
    query_name: str,
) -> bool:
    """Whether the query holds every part of the listed name with more parts between them
    only: a middle name or patronymic the listing does not give ("Vladimir Vladimirovich
    Putin" / "Vladimir Putin"). The rule of `PERSON_QUERY_SHARE` the other way round, on
    the same conditions (`_holds_whole_parts`), and with both ends of the query found: a
    part the listing lacks at an end is a surname or a first name of someone else ("Abdul
    Ghani Baradar" / "Abdul Ghani"), unless it is a patronymic, last in Russian order
    (`is_patronymic`)."""
    if not query_name or not all(b > 0 for b, w in zip(best_listed, weights_l, strict=True) if w):
        return False
    structure = name_structure(query_name)
    ends = structure[0]
    if any(
        not best_query[i] and word in ends and not is_patronymic(word)
        for i, word in enumerate(query)
    ):
        return False
    return _holds_whole_parts(listed, query, met_by, structure)


#: The endings of East Slavic patronymics, which Russian order writes last ("Lukashenko
#: Alexander Grigoryevich") and lists often leave out: -ovich, -evich, -ich (sons), -ovna,
#: -evna, -ichna, -inichna (daughters), in the usual romanisations (Wikipedia, "Eastern
#: Slavic naming customs": patronymic).
PATRONYMIC_ENDINGS = ("ovich", "evich", "ovitch", "evitch", "ovna", "evna", "ichna")

#: Letters a patronymic has at least besides its ending ("Ilyich" aside: too short to tell).
PATRONYMIC_STEM = 3


def is_patronymic(word: str) -> bool:
    """Whether a name part is an East Slavic patronymic by its ending ("vladimirovich")."""
    return any(
        word.endswith(end) and len(word) - len(end) >= PATRONYMIC_STEM for end in PATRONYMIC_ENDINGS
    )


def _lone_part_similarity(word: str, other: str, found: float) -> float:
    """`found`, or `LONE_PART_SIMILARITY` for two words more than one edit apart (other
    spellings of the sounds, two letters off): for a lone name part."""
    return found if OSA.distance(word, other, score_cutoff=1) <= 1 else LONE_PART_SIMILARITY


def _parts(words: Sequence[str]) -> int:
    """How many whole parts a name has besides its titles and initials."""
    return sum(1 for word in words if len(word) > 1 and not is_droppable(word))


def may_be_initials(word: str) -> bool:
    """Whether a word may read as one initial or initials written together."""
    return len(word) == 1 or (len(word) <= MAX_JOINED_INITIALS and not _VOWELS.intersection(word))


#: What the words of descent and the Arabic article weigh when both names have them
#: (`PARTICLES`), against 1 for a name: they stand in a great many names ("bin", "abu",
#: "abd", "al"), so two long Arabic names that differ in one name but share their
#: particles ("Noureddine ben Mohamed ben Belkassem" / "Noureddine ben Ali ben Belkassem")
#: are not made alike by them. The weight of generic words in company names
#: (`similarity.GENERIC_WEIGHT`), for the same reason.
PARTICLE_WEIGHT = 0.4

#: Words of Arabic names shared by very many of them: the words of descent and kinship
#: (bin, ibn, bint, ben, abu, and Abd in its written forms) and the article (Wikipedia,
#: "Arabic name": nasab, kunya, theophoric names).
PARTICLES = NAME_PARTICLES | ABD_FORMS | ARABIC_ARTICLES


def name_part_weight(word: str, weight: Callable[[str], float]) -> float:
    """What a whole part of a person's name weighs: `PARTICLE_WEIGHT` for a particle, else
    its word weight."""
    return PARTICLE_WEIGHT if word in PARTICLES else weight(word)


def least_part_weight(word: str, weight: Callable[[str], float], *, listed: bool = False) -> float:
    """The least one part of a person's name can weigh (`part_weights`): nothing for a title
    or, in a `listed` name, a patronymic (the query may give none), `INITIAL_WEIGHT` for a
    letter; a bound for the candidate index."""
    if is_droppable(word) or (listed and is_patronymic(word)):
        return 0.0
    return INITIAL_WEIGHT if len(word) == 1 else name_part_weight(word, weight)


def part_weights(
    words: Sequence[str],
    found: Sequence[float],
    weight: Callable[[str], float],
    *,
    patronymic_left_out: bool = False,
) -> list[float]:
    """What each part of a person's name weighs: a title or the Arabic article the other
    name lacks nothing (when the name has `PERSON_MIN_PARTS` other parts: "Hajji Iman"
    without its title would be a lone name), nor a listed name's patronymic where the
    query gives none (`patronymic_left_out`; `is_patronymic`: lists write it, vendor files
    and the press in other scripts leave it out, "Vladimir Putin", "فلاديمير بوتين"; a
    patronymic of its own that differs is another father's son); an initial
    `INITIAL_WEIGHT`, any other part `name_part_weight`."""
    drop = sum(1 for word in words if not is_droppable(word)) >= PERSON_MIN_PARTS
    # A patronymic goes only where two parts besides it are left (a surname among them).
    kept = sum(1 for word in words if not is_droppable(word) and not is_patronymic(word))
    drop_patronymic = patronymic_left_out and kept >= PERSON_MIN_PARTS
    return [
        0.0
        if not met and ((drop and is_droppable(word)) or (drop_patronymic and is_patronymic(word)))
        else INITIAL_WEIGHT
        if len(word) == 1
        else name_part_weight(word, weight)
        for word, met in zip(words, found, strict=True)
    ]


#: Words of descent that chain a person's name to his or her father's and forefathers'
#: ("Salman bin Muhammad": Salman, son of Muhammad; Maghrebi ben, Mauritanian ould), from
#: the structure of Arabic names (Wikipedia, "Arabic name": nasab).
DESCENT_WORDS = frozenset({"bin", "ibn", "bint", "ben", "ould"})


def descent_places(words: Sequence[str]) -> dict[int, int]:
    """The place in the chain of descent of the parts beside a word of descent: the part
    before the first is the person (0), the part after the k-th is the k-th forefather
    ("Salman bin Muhammad bin Ali": Salman 0, Muhammad 1, Ali 2)."""
    places: dict[int, int] = {}
    links = [i for i, word in enumerate(words) if word in DESCENT_WORDS]
    if links and links[0] > 0:
        places[links[0] - 1] = 0
    for k, i in enumerate(links, start=1):
        if i + 1 < len(words) and words[i + 1] not in DESCENT_WORDS:
            places[i + 1] = k
    return places


def _meet_parts(
    query: Sequence[str], listed: Sequence[str], similarity: Callable[[str, str], float]
) -> tuple[list[float], list[float], list[list[int]], list[list[int]]]:
    """How well each whole part (not an initial) of each name is met by the other's, and
    which parts of the other name each part met (query's, then listed name's)."""
    best_query = [0.0] * len(query)
    best_listed = [0.0] * len(listed)
    met: list[list[int]] = [[] for _ in query]  # listed words each query word met
    met_by: list[list[int]] = [[] for _ in listed]  # and the other way round
    lone = min(_parts(query), _parts(listed)) == 1
    # The person's own name in a chain of descent meets no forefather's name of the other
    # chain: "Salman bin Muhammad" (Salman, son of Muhammad) is not "Muhammad bin Salman".
    # Forefathers may meet each other at other places: a vendor file leaves some out, and
    # the last is often a family name ("Mounir ben Helal", "Mounir ben Dhaou ben Helal").
    chain_q, chain_l = descent_places(query), descent_places(listed)
    for i, word in enumerate(query):
        if len(word) == 1:
            continue
        place = chain_q.get(i)
        for j, other in enumerate(listed):
            if place is not None and j in chain_l and (place == 0) != (chain_l[j] == 0):
                continue
            if len(other) > 1:
                found = 1.0 if word == other else similarity(word, other)
                if lone and LONE_PART_SIMILARITY < found < INITIAL_ANCHOR:
                    found = _lone_part_similarity(word, other, found)
                if found:
                    met[i].append(j)
                    met_by[j].append(i)
                    best_query[i] = max(best_query[i], found)
                    best_listed[j] = max(best_listed[j], found)
    return best_query, best_listed, met, met_by


def _anchors_initials(words: Sequence[str], best: Sequence[float]) -> bool:
    """Whether the parts found let initials beside them count: one met at
    `INITIAL_ANCHOR`, or two at `SOUND_ANCHOR` (initials and titles aside)."""
    alike = 0
    for word, found in zip(words, best, strict=True):
        if found < SOUND_ANCHOR or is_droppable(word):
            continue
        if found >= INITIAL_ANCHOR:
            return True
        alike += len(word) > 1
    return alike >= 2


def person_overlap(
    query_words: Sequence[str],
    listed_words: Sequence[str],
    similarity: Callable[[str, str], float],
    weight: Callable[[str], float],
    listed_name: str = "",
    query_name: str = "",
) -> tuple[float, bool]:
    """Score (0-100) of two persons' names by their parts, and whether the listed name holds
    every part of the query while having more (the rule of `PERSON_QUERY_SHARE` applied).

    `similarity` compares two whole words (typos, plurals); initials are compared here.
    `listed_name`: the listed name as written (its comma and hyphens, `name_structure`);
    without it, its words in their order. `query_name` the same for the query, for the
    rule the other way round (`_holds_listing_amid`; without it, not applied).
    """
    query = split_initials(query_words, listed_words)
    listed = split_initials(listed_words, query_words)
    best_query, best_listed, met, met_by = _meet_parts(query, listed, similarity)
    # Initials speak only beside a whole part found: "V. V." alone names nobody; or beside
    # two parts that sound alike (as two read by their consonants: "عدنان س. حسن", Adnan
    # S. Hasan), as strong together as one part met as written.
    initials_q = [i for i, w in enumerate(query) if len(w) == 1]
    initials_l = [j for j, w in enumerate(listed) if len(w) == 1]
    if (initials_q or initials_l) and _anchors_initials(query, best_query):
        _match_initials(initials_q, query, listed, best_query, best_listed)
        _match_initials(initials_l, listed, query, best_listed, best_query)
    weights_q = part_weights(query, best_query, weight)
    left_out = not any(is_patronymic(word) for word in query)
    weights_l = part_weights(listed, best_listed, weight, patronymic_left_out=left_out)
    total_q, total_l = sum(weights_q), sum(weights_l)
    found_q = sum(w * b for w, b in zip(weights_q, best_query, strict=True))
    found_l = sum(w * b for w, b in zip(weights_l, best_listed, strict=True))
    symmetric = (found_q + found_l) / (total_q + total_l)
    holds_query = all(b > 0 for b, w in zip(best_query, weights_q, strict=True) if w) and (
        _holds_whole_parts(query, listed, met, name_structure(listed_name))
    )
    surname = listed_surname(listed_name)
    if holds_query and surname and not any(listed[j] in surname for js in met for j in js):
        # A vendor file leaves out middle names and second surnames, never the family
        # name: given names alone ("Hector Manuel" / "AVENDANO OJEDA, Hector Manuel") are
        # some other person's as well.
        holds_query = False
    if holds_query and found_l < total_l:
        shared = PERSON_QUERY_SHARE * found_q / total_q
        shared += (1.0 - PERSON_QUERY_SHARE) * found_l / total_l
        if shared > symmetric:
            return 100.0 * shared, True
    if found_q < total_q and _holds_listing_amid(
        query, listed, met_by, best_query, best_listed, weights_l, query_name
    ):
        shared = PERSON_QUERY_SHARE * found_l / total_l
        shared += (1.0 - PERSON_QUERY_SHARE) * found_q / total_q
        if shared > symmetric:
            return 100.0 * shared, False
    return 100.0 * symmetric, False
