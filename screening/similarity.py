"""How alike two comparable names are: word-level similarity and the pair score.

The score reads like a reviewer's judgement: a name matches when most of its informative
words are found in the other name (in any order, allowing a typo), and sharing only generic
words ("Beijing", "Technology") is weak evidence.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from screening.chinese import resolve_readings
from screening.normalize import (
    NameForm,
    abbreviates,
    abbreviation_meanings,
    fold_text,
    generic_words,
    only_legal_forms,
    org_reading,
    place_reading,
)
from screening.persons import (
    ARTICLE_SPELLINGS,
    abd_form,
    person_overlap,
    person_words,
    same_article,
)
from screening.phonetic import (
    PHONETIC_SIMILARITY,
    short_name_key,
    shortened_by_two,
    variant_similarity,
)
from screening.scripts import (
    HANGUL,
    SKELETON_MARK,
    baltic_reading,
    half_met_given_names,
    hangul_spellings,
    hangul_syllables,
    skeleton_similarity,
)
from screening.truncation import folded, letters, truncated_score

#: A listed word set aside (`half_met_given_names`): it meets no word.
_UNMET = "\u2205"
#: No Hangul syllables' spellings (`_score_words`).
_NO_SPELLINGS: Mapping[str, frozenset[str]] = {}

#: Two words whose similarity (rapidfuzz ratio, 0-100) is below this do not count as the
#: same word: 80 lets one edit through in words of five or more letters ("informaton").
WORD_MATCH_FLOOR = 80.0

#: Words of this length or shorter must be equal to count: one edit in "zte" is another name.
SHORT_WORD = 3

#: Most a one-edit pair of short words (the longer of five letters or fewer) counts for:
#: "chna"/"china" is a typo inside a longer name, but alone "visa"/"vista" or "macs"/"macys"
#: are other names (false alarms on SEC company names), so such a pair alone stays below
#: the default threshold.
SHORT_TYPO_SIMILARITY = 0.8
SHORT_TYPO_LENGTH = 5

#: The parts of a person's name are often short ("Kim Sok Chol", "Abd", "Abid"), and one
#: letter wrong in one of them, the other parts found, still names the person: in the
#: names of individuals, two words of this many letters or more, and of at most
#: `SHORT_TYPO_LENGTH`, one edit apart count `SHORT_TYPO_SIMILARITY` whatever their ratio
#: ("sok"/"sko", "abid"/"baid"). Company names keep the stricter rule: one edit in "ZTE" is
#: another company. On the UN persons of benchmarks/eval_full.py (yente's benchmark names
#: with typos) this took recall at 85 from 93.5% to 97.6%, and the US Congress names
#: of the same benchmark (persons on no list) still raise 1 alarm in 1,251.
PERSON_SHORT_MIN = 3

#: Two words that differ by one edit (a letter added, dropped, replaced, or two neighbours
#: swapped: rapidfuzz's OSA distance) may be a typo of each other; more than that is
#: another word. A letter dropped in one place and another added elsewhere ("maris" /
#: "abris", "astra" / "strap") is two edits, though it costs only 2 in Indel distance like
#: one replaced letter: counting it as a typo raised false alarms on real company names.
MAX_WORD_EDIT = 1

#: Similarity of a word and its plural ("technology"/"technologies"): the same word.
PLURAL_SIMILARITY = 0.95

#: Similarity of an abbreviation of several words and one of them ("elec"/"electronics",
#: "res"/"resources": `screening.normalize.abbreviation_meanings`): the same word, as for a
#: plural, a little under an equal one since the abbreviation could have meant another.
ABBREVIATION_SIMILARITY = PLURAL_SIMILARITY

#: Weight of a generic word ("technology", "beijing") against 1.0 for any other word, so
#: that two names sharing only generic words score low while the words still count. At 0.4
#: a name that differs from a listed one by a generic word alone ("MKS" / "MKS
#: International") scores 83, under the default threshold, shown for review from
#: --show-from; on the labelled set of benchmarks/ 0.4 against 0.3 cut false alarms at 85
#: from 5.4 to 4.0 per 1,000 real company names, with recall (outside Chinese script)
#: 98.5% -> 98.7%.
GENERIC_WEIGHT = 0.4


@dataclass(frozen=True, slots=True)
class PairScore:
    """The score of one query against one listed name, with the features behind it."""

    score: float
    word_overlap: float
    joined_similarity: float
    generic_only: bool
    #: The query's branch or office qualifier, when the name without it scored best.
    qualifier: str = ""
    #: The words compared when a Chinese name was read otherwise than by default (in
    #: pinyin, English, a brand...: `read_alike`), query's then listed name's; else None.
    read_as: tuple[tuple[str, ...], tuple[str, ...]] | None = None
    #: The query is the listed name's beginning, cut inside a word at a field's length
    #: (`screening.truncation`), and scored so.
    truncated: bool = False


def word_weight(word: str) -> float:
    """How much a word says about identity: generic words count for less, and so does the
    Arabic article (al-, el-: "the"), which English usage and vendor files often leave out
    ("Nour Trading" for "Al-Nour Trading": Wikipedia, "Al- (Arabic)") and which, shared,
    says no more than a shared "the". On the labelled set's held-out half this took
    transliteration 94.9% -> 95.3% (arabic_article 85.7% -> 95.2%), false alarms unchanged."""
    return GENERIC_WEIGHT if word in generic_words() or word in ARTICLE_SPELLINGS else 1.0


#: What two names spelled with the same letters score (`joined_similarity`).
JOINED_SCORE = 100.0


def joined_similarity(a: str, b: str) -> float:
    """Similarity of two names written without spaces: 100 when they are the same, else 0.

    Names cut into other words ("Inspur Tai Wan" / "Inspur Taiwan") are compared this way,
    and it counts only when the letters are the same: a name cut differently and misspelt
    as well is two differences, and a one-edit allowance here raised alarms like "Micron
    Technology" / "Microtechnology" (no variant of benchmarks/eval_full.py needed it).
    """
    return JOINED_SCORE if a == b else 0.0


@lru_cache(maxsize=1 << 16)
def singular(word: str) -> str:
    """The English singular of a plural-looking word ("industries" -> "industry")."""
    if len(word) <= SHORT_WORD:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def word_similarity(a: str, b: str, person: bool = False) -> float:
    """0-1 similarity of two words (`person`: words of an individual's name).

    1 when equal; `ABBREVIATION_SIMILARITY` for an abbreviation of several words and one of
    them ("elec"/"electric"); `PLURAL_SIMILARITY` for a word and its plural; for two words
    of more than `SHORT_WORD` letters one edit apart, their rapidfuzz ratio when it reaches
    the floor,
    at most `SHORT_TYPO_SIMILARITY` for short ones; in a person's name, two short words
    one edit apart count `SHORT_TYPO_SIMILARITY` (see `PERSON_SHORT_MIN`); words further
    apart may be two edits apart in a long word or other spellings of the same sounds
    (`screening.phonetic.variant_similarity`); otherwise 0.
    The candidate index finds exactly the pairs this gives credit to.
    """
    if a == b or same_article(a, b):  # "al-Salah" / "el-Salah"
        return 1.0
    alike = _written_alike(a, b, person)
    if alike is not None:
        return alike
    if (
        person
        and min(len(a), len(b)) >= PERSON_SHORT_MIN
        and max(len(a), len(b)) <= SHORT_TYPO_LENGTH
    ):
        if OSA.distance(a, b, score_cutoff=MAX_WORD_EDIT) > MAX_WORD_EDIT:
            return variant_similarity(a, b, True, generic_words())
        # One letter apart: a typo, or another spelling of the same sounds ("Tareq" /
        # "Tariq"), which counts as words that sound alike do.
        return variant_similarity(a, b, True, generic_words()) or SHORT_TYPO_SIMILARITY
    if len(a) <= SHORT_WORD or len(b) <= SHORT_WORD:
        return 0.0
    return _longer_words(a, b, person)


def _longer_words(a: str, b: str, person: bool) -> float:
    """`word_similarity` of two words of more than `SHORT_WORD` letters each, not equal and
    not written alike. Words in other romanisations of one word ("Nour" / "Nuur", "Imam" /
    "Emam", "Iargeo" / "Yargeo") count at least as words that sound alike, as in persons'
    names (a company's word two letters shorter still counts only beside a word met as
    itself: `shortened_by_two`)."""
    short = max(len(a), len(b)) <= SHORT_TYPO_LENGTH
    if short and _romanised_alike(a, b):
        return PHONETIC_SIMILARITY
    if abs(len(a) - len(b)) > 1 or OSA.distance(a, b, score_cutoff=MAX_WORD_EDIT) > MAX_WORD_EDIT:
        variant = variant_similarity(a, b, person, generic_words())
        if variant < PHONETIC_SIMILARITY and _spelt_apart(a, b) and _romanised_alike(a, b):
            return PHONETIC_SIMILARITY
        return variant
    similarity = fuzz.ratio(a, b, score_cutoff=WORD_MATCH_FLOOR) / 100.0
    if short:
        return min(similarity, SHORT_TYPO_SIMILARITY)
    if similarity < PHONETIC_SIMILARITY and _romanised_alike(a, b):
        return PHONETIC_SIMILARITY
    return similarity


#: The most letters the spellings of one word differ by: "shch" / "s", three.
_ROMANISED_EDITS = 3


def _spelt_apart(a: str, b: str) -> bool:
    """Whether two words are near enough to be one word's spellings (`_ROMANISED_EDITS`): a
    cheap test before the keys are made."""
    return OSA.distance(a, b, score_cutoff=_ROMANISED_EDITS) <= _ROMANISED_EDITS


def _romanised_alike(a: str, b: str) -> bool:
    """Whether two words are one word in other romanisations (`phonetic.short_name_key`)."""
    return short_name_key(a) == short_name_key(b)


def _written_alike(a: str, b: str, person: bool) -> float | None:
    """The similarity of two unequal words that are forms of one another (read by their
    consonants, Abd al- written another way, an abbreviation, a plural), or None."""
    if a[0] == SKELETON_MARK or b[0] == SKELETON_MARK:  # a word read by its consonants
        # ... the Latin forms of Abd al- read as Abd ("abdul" / عبد).
        if person:
            return skeleton_similarity(abd_form(a), abd_form(b))
        return skeleton_similarity(a, b, person=False)
    if person and abd_form(a) == abd_form(b):  # "Abd al-Aziz" / "Abdul Aziz"
        return 1.0
    if b in abbreviation_meanings().get(a, ()):
        return ABBREVIATION_SIMILARITY
    if len(a) > SHORT_WORD and len(b) > SHORT_WORD and singular(a) == singular(b):
        return PLURAL_SIMILARITY
    return None


def read_alike(
    query: NameForm, listed: NameForm, *, person: bool = False
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words of two names with their Chinese words read as the other name reads them:
    each run of characters in English or in pinyin, whichever meets the other name's words
    (`screening.chinese.resolve_readings`); the query is read first, against the listed
    name as it stands, then the listed name against the query so read (`person`: the
    listed name is an individual's)."""
    query_words, listed_words = query.tokens, listed.tokens
    if query.han is not None:
        query_words = resolve_readings(
            query.han, query_words, *_meets(listed_words), person=person, query=True
        )
    if listed.han is not None:
        listed_words = resolve_readings(
            listed.han, listed_words, *_meets(query_words), person=person
        )
    return query_words, listed_words


def _meets(words: tuple[str, ...]) -> tuple[frozenset[str], Callable[[str], bool]]:
    """The words a reading may meet exactly, and a test for an English word found among
    them as it is, in the singular ("systems" / "system") or as the verb a participle of
    theirs comes from (`participle_stems`: "united" / "unite")."""
    exact = frozenset(words)
    found = {singular(w) for w in words} | {s for w in words for s in participle_stems(w)}
    return exact, lambda word: word in exact or singular(word) in found


def participle_stems(word: str) -> tuple[str, ...]:
    """The verbs a word in -ed may be the past participle of: names use participles as
    adjectives ("United", "Integrated", "Advanced", "Applied", "Developed") where a
    dictionary gives the verb (CC-CEDICT: 联合 "to unite", 集成 "to integrate"). English
    forms them by adding -d after an e, -ed, or -ied for a y."""
    if len(word) <= SHORT_WORD + 2 or not word.endswith("ed"):
        return ()
    stems = [word[:-1], word[:-2]]
    if word.endswith("ied"):
        stems.append(word[:-3] + "y")
    return tuple(stems)


def score_pair(
    query: NameForm,
    listed: NameForm,
    memo: dict[tuple[str, str], float] | None = None,
    *,
    person: bool = False,
    whole: bool = True,
) -> PairScore:
    """Score two comparable names 0-100 (`_score_names`); a query cut at a field's length
    inside a word of the listed name scores as such when that is more
    (`screening.truncation.truncated_score`)."""
    pair = _score_names(query, listed, memo, person=person, whole=whole)
    cut = truncated_score(query, listed)
    if cut > pair.score:
        return PairScore(cut, pair.word_overlap, pair.joined_similarity, False, truncated=True)
    return pair


def _score_names(
    query: NameForm,
    listed: NameForm,
    memo: dict[tuple[str, str], float] | None = None,
    *,
    person: bool = False,
    whole: bool = True,
) -> PairScore:
    """Score two comparable names 0-100.

    The score is the better of two views: how much of each name's weighted words the other
    contains (word order free, typos within the word floor), and, when the names are
    written in other words, 100 if they have the same letters with their spaces removed
    (joined, split or re-cut words: "Inspur Tai Wan" / "Inspur Taiwan").
    `memo` keeps word similarities between calls that share a query (a batch of candidates)
    and the same `person` flag (the listed name is an individual's: `word_similarity`).
    A query followed by a branch or office qualifier is also scored without it, against a
    `whole` listed name only: not against a listed name with its own qualifier left out
    ("Bank of China (Singapore)" compared as "Bank of China"), or two branches in two places
    would meet.
    """
    if memo is None:
        memo = {}
    if query.readings:  # a name read several ways scores by its best reading
        # The syllables a Hangul name's readings make meet only their own spellings: the
        # readings are the systems' spellings of exact characters (`scripts.hangul_spellings`).
        spellings = {}
        if HANGUL.search(query.original):
            both_hangul = _hangul_pair(query, listed, memo, person)
            if both_hangul is not None:
                return both_hangul
            folded = fold_text(query.original)
            spellings = hangul_spellings(folded)
            blocked = half_met_given_names(folded, listed.tokens) if person else frozenset()
            if blocked:  # words meeting part of a given name meet none of it
                kept = tuple(t if t not in blocked else _UNMET for t in listed.tokens)
                listed = replace(listed, tokens=kept, written=())
        plain = _score_names(replace(query, readings=()), listed, memo, person=person, whole=whole)
        others = (
            _score_words(form, listed, memo, person, spellings=spellings)
            for form in reading_forms(query, person=person)
        )
        return max((plain, *others), key=lambda pair: pair.score)
    pair = _score_words(query, listed, memo, person)
    base = query.without_qualifier if whole else None
    if base is not None:
        # A branch of a listed company is the listed company: "X Shanghai Branch" scores as
        # "X" would (`screening.normalize.split_qualifier`); the other way round, a listing
        # with words the query lacks, stays a partial match.
        unqualified = _score_words(base, listed, memo, person)
        if unqualified.score > pair.score:
            return replace(unqualified, qualifier=query.qualifier)
    return pair


def _hangul_pair(
    query: NameForm, listed: NameForm, memo: dict[tuple[str, str], float], person: bool
) -> PairScore | None:
    """Two names written in Hangul scored syllable by syllable, each syllable meeting only
    itself (`screening.scripts.hangul_syllables`); None unless both are in Hangul."""
    if not HANGUL.search(listed.original):
        return None
    listed_syllables = hangul_syllables(fold_text(listed.original), listed.tokens)
    query_syllables = hangul_syllables(fold_text(query.original), query.tokens)
    if listed_syllables is None or query_syllables is None:
        return None
    exact = frozenset(query_syllables) | frozenset(listed_syllables)
    return _score_words(
        NameForm(query.original, query_syllables),
        NameForm(listed.original, listed_syllables),
        memo,
        person,
        exact,
    )


def _score_words(
    query: NameForm,
    listed: NameForm,
    memo: dict[tuple[str, str], float],
    person: bool,
    exact: frozenset[str] = frozenset(),
    *,
    spellings: Mapping[str, frozenset[str]] = _NO_SPELLINGS,
) -> PairScore:
    query_words, listed_words = query.tokens, listed.tokens
    read_as = None
    if query.han is not None or listed.han is not None:
        query_words, listed_words = read_alike(query, listed, person=person)
        if (query_words, listed_words) != (query.tokens, listed.tokens):
            read_as = (query_words, listed_words)
    if not query_words or not listed_words:
        return PairScore(0.0, 0.0, 0.0, False)
    # Pinyin made from Chinese characters meets only the same word: the characters were
    # exact, so "xiangxin" (祥鑫) one letter from "xiangxun" is another name, not a typo.
    exact_q = (query.han.pinyin if query.han is not None else frozenset()) | exact
    exact_l = (listed.han.pinyin if listed.han is not None else frozenset()) | exact
    if person:
        if read_as is None:  # initials written apart read as initials ("A. N." / "an")
            query_words = person_words(query.original, query_words)
            listed_words = person_words(listed.original, listed_words)
            if (query_words, listed_words) != (query.tokens, listed.tokens):
                read_as = (query_words, listed_words)
        exact_words = exact_q | exact_l
        overlap = _person_overlap(
            query_words,
            listed_words,
            memo,
            (query.original, listed.original),
            exact_words,
            spellings,
        )
        return _with_joined(query, listed, overlap, generic_only=False, read_as=read_as)
    overlap, generic_only, shortened = _company_overlap(
        query_words, listed_words, memo, (exact_q, exact_l), shorten=True, spellings=spellings
    )
    if shortened:  # met shortened only beside a distinctive word met as itself (see below)
        overlap, generic_only, _ = _company_overlap(
            query_words,
            listed_words,
            memo,
            (exact_q, exact_l),
            shorten=False,
            spellings=spellings,
        )
    return _with_joined(query, listed, overlap, generic_only=generic_only, read_as=read_as)


def _company_overlap(
    query_words: tuple[str, ...],
    listed_words: tuple[str, ...],
    memo: dict[tuple[str, str], float],
    exact: tuple[frozenset[str], frozenset[str]],
    *,
    shorten: bool,
    spellings: Mapping[str, frozenset[str]] = _NO_SPELLINGS,
) -> tuple[float, bool, bool]:
    """The word overlap of two company names (0-100), whether they share only generic
    words, and whether a query word met a listed generic word only as its abbreviation
    (`shortened_generic`, when `shorten`) while no distinctive listed word was met as
    itself: such a score is to be made again without them, since a shortened word counts
    only beside the name's own words ("Intel" is no abbreviation of "DES International").
    `exact` holds the pinyin made from characters of each name, which meets only itself;
    a query's word of `spellings` (a Hangul syllable) meets only the spellings given it."""
    exact_q, exact_l = exact
    best_listed = [0.0] * len(listed_words)
    found_q = total_q = 0.0
    generic_only = True
    shared = used_short = False
    for word in query_words:
        weight = word_weight(word)
        total_q += weight
        best = 0.0
        from_characters = word in exact_q
        spelt = spellings.get(word)
        for position, other in enumerate(listed_words):
            if spelt is not None:
                similarity, short = (1.0 if other in spelt else 0.0), False
            else:
                similarity, short = _company_word(
                    word, other, memo, from_characters or other in exact_l, shorten
                )
            used_short = used_short or short
            if similarity > best:
                best = similarity
            if similarity > best_listed[position]:
                best_listed[position] = similarity
        if best:
            found_q += weight * best
            shared = True
            generic_only = generic_only and weight < 1.0

    found_l = total_l = 0.0
    anchored = False
    for position, other in enumerate(listed_words):
        weight = word_weight(other)
        total_l += weight
        found_l += weight * best_listed[position]
        anchored = anchored or (weight == 1.0 and best_listed[position] == 1.0)
    overlap = 100.0 * (found_q + found_l) / (total_q + total_l)
    return overlap, shared and generic_only, used_short and not anchored


def _company_word(
    word: str, other: str, memo: dict[tuple[str, str], float], exact: bool, shorten: bool
) -> tuple[float, bool]:
    """How alike a query word and a listed word of company names are, and whether they met
    only as an abbreviation (`shortened_generic`). An `exact` word (pinyin made from
    characters) meets only itself."""
    if word == other:
        return 1.0, False
    if exact:
        return 0.0, False
    key = (word, other)
    similarity = memo.get(key)
    if similarity is None:
        similarity = memo[key] = word_similarity(word, other)
    if not similarity and shorten:
        short = shortened_generic(word, other)
        return short, short > 0.0
    if similarity and shortened_by_two(word, other):  # only beside a word met as itself
        return (similarity, True) if shorten else (0.0, False)
    return similarity, False


def shortened_generic(word: str, other: str) -> float:
    """`ABBREVIATION_SIMILARITY` when a query's word abbreviates a listed generic word (a
    trade noun: "electr" / "electronics", "entprs" / "enterprises", "mach" / "machinery"),
    the ways abbreviations are made (`screening.normalize.abbreviates`); else 0.

    Vendor masters shorten the common words of long names to fit a field, each its own way,
    more ways than a table holds; only the trade nouns of `generic_words.txt` are met so,
    which weigh little; a generic word is no abbreviation of another ("electric" /
    "electronic"), and the credit counts only beside a distinctive word of the listed name
    met as itself (`_company_overlap`)."""
    if word_weight(other) < 1.0 and word_weight(word) == 1.0 and abbreviates(word, other):
        return ABBREVIATION_SIMILARITY
    return 0.0


def reading_forms(form: NameForm, *, person: bool = True) -> list[NameForm]:
    """The other readings of a name (`NameForm.readings`) as names of their own; compared
    with a company's name (not `person`), without the reading of Latvian and Lithuanian
    endings, which those languages give persons' names (`scripts.baltic_reading`):
    "Citius Pharmaceuticals" is no "Citi Pharmaceutical"; compared with a person's, without
    the reading of places' initials (`normalize.place_reading`), which in a person's name
    are given names' initials."""
    if person:
        left_out = {place_reading(form.tokens), org_reading(form.original)}
    else:
        left_out = {baltic_reading(form.tokens)}
    return [NameForm(form.original, r) for r in form.readings if r not in left_out]


def every_reading(form: NameForm) -> list[NameForm]:
    """Every other reading of a name as a name of its own, for whichever kind of name it
    may be compared with (`reading_forms`)."""
    return [NameForm(form.original, reading) for reading in form.readings]


def _with_joined(
    query: NameForm,
    listed: NameForm,
    overlap: float,
    *,
    generic_only: bool,
    read_as: tuple[tuple[str, ...], tuple[str, ...]] | None = None,
) -> PairScore:
    """The pair's score: its word overlap, or its spelling without spaces when better."""
    # Spelling without spaces speaks when the names are written in other words: cut in
    # other places ("Inspur Tai Wan", "Myongc Hin") or into another number of words.
    joined = (
        joined_similarity(query.joined, listed.joined) if query.spelled != listed.spelled else 0.0
    )
    if not joined and round(overlap, 1) < 100.0 and _same_letters(query, listed):
        joined = JOINED_SCORE
    return PairScore(round(max(overlap, joined), 1), overlap, joined, generic_only, read_as=read_as)


def _same_letters(query: NameForm, listed: NameForm) -> bool:
    """Whether two names are the same letters and digits with their legal forms in, spaced
    otherwise: a form glued to the end of the name or to another form ("ELMONTAG" / "ELMONT
    AG", "GAZPROM PROMGAZAO" / "GAZPROM PROMGAZ, AO"). Not a form glued to the word after
    it, which may as well be the word's own beginning ("Zaozhuang Mining", a Chinese city's
    name, is no "ZAO Zhuang Mining")."""
    first, other = query.spelled, listed.spelled
    if not first or not other or first[0][:2] != other[0][:2]:
        return False  # the cheap test first: a pair of every batch comes here
    if letters(query.original) != letters(listed.original):
        return False
    return not (_form_glued_before(query, listed) or _form_glued_before(listed, query))


def _form_glued_before(glued: NameForm, apart: NameForm) -> bool:
    """Whether `apart` starts with a legal form that `glued` joins to the word after it."""
    first = folded(glued.original).split(" ", 1)[0]
    words = folded(apart.original).split(" ")
    return (
        len(words) > 1
        and len(first) > len(words[0])
        and first.startswith(words[0])
        and only_legal_forms([words[0]])
    )


def _person_overlap(
    query_words: tuple[str, ...],
    listed_words: tuple[str, ...],
    memo: dict[tuple[str, str], float],
    names: tuple[str, str],
    exact: frozenset[str] = frozenset(),
    spellings: Mapping[str, frozenset[str]] = _NO_SPELLINGS,
) -> float:
    """`screening.persons.person_overlap` with this module's word similarity, remembered;
    words of `exact` (pinyin made from characters) meet only themselves, a query's words
    of `spellings` (Hangul syllables) only the spellings given them."""

    def similar(a: str, b: str) -> float:
        spelt = spellings.get(a)
        if spelt is not None:
            return 1.0 if b in spelt else 0.0
        if a != b and (a in exact or b in exact):
            return 0.0
        key = (a, b)
        known = memo.get(key)
        if known is None:
            known = memo[key] = word_similarity(a, b, person=True)
        return known

    query_name, listed_name = names  # as written (`persons.name_structure`)
    return person_overlap(query_words, listed_words, similar, word_weight, listed_name, query_name)[
        0
    ]
