"""The candidate index: which listed names are worth scoring for a query name.

Scoring a name against every name on the lists (tens of thousands) is exact but slow. The
index proposes only the listed names that could reach the score asked for:

* every word of every listed name is indexed, with its one-letter deletions, so a query
  word finds the listed words within one edit ("huawai" -> "huawei") in a few look-ups,
  and the words an abbreviation of several words stands for ("elec" -> "electronics");
* names reached through an informative word are kept when an upper bound of their score
  (all their generic words counted as found) reaches the minimum score;
* names reached only through generic words ("china", "trading") are looked at only when
  the query itself is made mostly of generic words, since otherwise they cannot reach it;
* names written with the query's letters once their spaces are taken out are always
  scored, from a table of every listed name so written: "Inspur Taiwan" / "InspurTaiwan",
  "Myong Chin" / "Myongc Hin"; words are taken as the names write them, abbreviations not
  written out ("MGI Tech" / "MGITech");
* a query followed by a branch or office qualifier ("X - Dubai Branch") is looked up
  without it too, as it is scored.

`AllNames` is the exact reference: it proposes every name. Tests compare the two.
The index (with the prepared names) is saved to disk keyed by the lists' sha256 and the
normalisation code and data, so a second run starts without rebuilding it.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import chain
from pathlib import Path
from typing import Protocol, TypeGuard

from rapidfuzz import process
from rapidfuzz.distance import Indel

from screening.cache import cache_name, code_digest, read_cached, write_cached
from screening.chinese import HAN, reading_weights
from screening.models import ListEntry
from screening.normalize import (
    NameForm,
    abbreviation_meanings,
    name_form,
    name_tokens,
    only_legal_forms,
)
from screening.persons import (
    ARTICLE_SPELLINGS,
    INITIAL_WEIGHT,
    PERSON_QUERY_SHARE,
    abd_form,
    is_droppable,
    is_patronymic,
    least_part_weight,
    may_be_initials,
    name_structure,
    person_words,
)
from screening.phonetic import (
    PERSON_KEY_CONSONANTS,
    PERSON_PHONETIC_LENGTH,
    PERSON_SHORTEST,
    TWO_EDIT_MIN,
    consonants,
    phonetic_keys,
    short_name_key,
)
from screening.scripts import SKELETON_MARK, skeleton_keys
from screening.similarity import (
    ABBREVIATION_SIMILARITY,
    GENERIC_WEIGHT,
    JOINED_SCORE,
    PERSON_SHORT_MIN,
    every_reading,
    reading_forms,
    shortened_generic,
    singular,
    word_similarity,
    word_weight,
)
from screening.truncation import PrefixTable

#: Bumped whenever the layout of the saved index or the way names are prepared changes,
#: so that an index saved by another version is rebuilt rather than misread.
INDEX_FORMAT = 13

#: The package files whose code or data shape a saved index (its prepared names, readings,
#: phonetic and consonant keys, person columns): their digest is part of the cache key, so
#: a change to any of them rebuilds the index. Every module of `screening` that this one
#: imports, directly or through another, is here (tests/test_index.py checks it).
INDEX_SOURCES = (
    "normalize.py", "chinese.py", "similarity.py", "index.py", "persons.py", "phonetic.py",
    "scripts.py", "truncation.py", "data",
)  # fmt: skip

#: Queries answered by scanning the vocabulary before the deletion tables are built: a
#: one-name lookup never pays the ~0.2 s the tables take, a batch builds them at once.
SCAN_QUERIES = 3

#: How many query words' similar listed words are remembered (a few MB at most).
SIMILAR_MEMO = 50_000

#: Indel distance within which a scan looks for near words: one edit costs at most 2 (two
#: edits in a long word at most 4: `screening.phonetic.TWO_EDIT_MIN`), a
#: plural at most 4 ("agency"/"agencies": three letters out, one in); every candidate is
#: then checked exactly.
_SCAN_DISTANCE = 4

#: A query word matches at most this many listed words of one name in the score's
#: coverage sum ("trading" meets both "trade" and "trading"); used in the generic bound.
MAX_WORDS_PER_QUERY_WORD = 2

_PARENTHESES = re.compile(r"\(([^()]*)\)")

#: Letters a query word needs to be looked up as an abbreviation of generic listed words
#: (`screening.normalize.abbreviates` takes three).
SHORTENED_MIN = 3

#: Marks the keys of short names (`screening.phonetic.short_name_key`) among phonetic keys.
_SHORT = "\x01"

#: Letters a text in parentheses needs to be compared alone as a partial name. Three-letter
#: acronyms ("(TSS)" of "Tadbir Sanaat Sharif ...", "(ATS)") are shared by hundreds of
#: companies: alone they raised most alarms of that kind on benchmarks/eval_full.py.
MIN_PARENTHESISED = 4


def name_variants(name: str) -> list[tuple[str, bool]]:
    """The forms of a listed name worth comparing on their own, each flagged when partial.

    Lists put acronyms and qualifiers in parentheses ("Academy of Aerospace Solid
    Propulsion Technology (AASPT)", "Inspur (Beijing) ...") and follow some names with
    "; and any successor...". The name without the trailing clause is compared as a whole
    name; the name without its parentheses, and an acronym inside them, are compared as
    partial names (they leave part of the listed name out). A part made only of generic
    words ("(Hong Kong)", "(Beijing)"; "Financial Corporation" before "(FINCORP ...)") is no
    name of its own and is not compared alone, nor is an acronym of fewer than
    `MIN_PARENTHESISED` letters ("(TSS)", "(ATS)"), which a great many names share.
    """
    head = name.split(";", 1)[0].strip()
    variants = [(name, False), (head, False)]
    inners = _PARENTHESES.findall(head)
    if inners:
        outside = " ".join(_PARENTHESES.sub(" ", head).split())
        if _is_a_name(name_tokens(outside)):
            # Only an acronym of the name itself in parentheses: the name without it is
            # the whole name, written out ("MUHAMMAD JAMAL NETWORK (MJN)").
            whole = all(acronym_of(inner, outside) for inner in inners)
            variants.append((outside, not whole))
        for inner in inners:
            words = name_tokens(inner)
            if _is_a_name(words) and len("".join(words)) >= MIN_PARENTHESISED:
                variants.append((inner.strip(), True))
    seen: dict[str, bool] = {}
    for text, partial in variants:
        if text and text not in seen:
            seen[text] = partial
    return list(seen.items())


_LETTERS = re.compile(r"[^\W\d_]+")


def acronym_of(text: str, name: str) -> bool:
    """Whether `text` is an acronym of `name`: the first letters of its words in order
    from the first, the words that acronyms leave out skipped (`_skippable`): "AQAP" of
    "Al-Qaida in the Arabian Peninsula", "JuA" of "Jamaat-ul-Ahrar", "CETC" of "China
    Electronics Technology Group Corporation", "TSS" of "Tadbir Sanaat Sharif Technology
    Development Center" (of its first words). The text is one word of two letters or more."""
    letters = text.strip().lower()
    if len(letters) < 2 or not letters.isalpha():
        return False
    words = [w.lower() for w in _LETTERS.findall(name)]

    @cache
    def covers(i: int, j: int) -> bool:  # letters[i:] by words[j:]
        if i == len(letters):
            return True
        if j == len(words):
            return False
        word = words[j]
        if word[0] == letters[i] and covers(i + 1, j + 1):
            return True
        return _skippable(word) and covers(i, j + 1)

    return covers(0, 0)


def _skippable(word: str) -> bool:
    """A word an acronym may leave out: a short word (articles, prepositions: al, ul, wal,
    of, in), a generic word ("Group") or a legal form ("Corporation", "Ltd")."""
    return len(word) <= 3 or word_weight(word) < 1.0 or only_legal_forms([word])


def _is_a_name(words: Sequence[str]) -> bool:
    """Whether words hold something that names a party: an informative word, not a letter."""
    return any(word_weight(w) == 1.0 and len(w) > 1 for w in words)


@dataclass(frozen=True, slots=True)
class PreparedName:
    """One comparable form of one name of one entry."""

    entry_index: int
    listed_name: str
    form: NameForm
    partial: bool = False
    person: bool = False  # the name of an individual (`word_similarity`'s person rule)


def prepare_names(entries: Sequence[ListEntry]) -> tuple[PreparedName, ...]:
    """Every comparable form of every name and alias of the entries, without repeats."""
    names: list[PreparedName] = []
    for index, entry in enumerate(entries):
        seen: set[tuple[str, ...]] = set()
        person = entry.entity_type.lower() == "individual"
        forms = []
        for listed in entry.names:
            for variant, partial in name_variants(listed):
                form = name_form(variant)
                if person:  # initials written apart are letters (`persons.person_words`)
                    form = replace(form, tokens=person_words(variant, form.tokens))
                forms.append((listed, partial, form))
        # A reading that repeats another name of the entry as written ("Inspur (HK)" read as
        # "Inspur (Hong Kong)", also listed) is left to that name, which is shown so.
        written = {form.tokens for _, _, form in forms}
        for listed, partial, form in forms:
            # A listed name read other ways (Wade-Giles in pinyin, Hangul romanised ...) is
            # compared in each reading; readings by consonants only are for queries.
            others = [
                each
                for each in reading_forms(form, person=person)
                if not any(w.startswith(SKELETON_MARK) for w in each.tokens)
                and each.tokens not in written
            ]
            for each in (replace(form, readings=()), *others):
                if each.tokens and each.tokens not in seen:
                    seen.add(each.tokens)
                    names.append(PreparedName(index, listed, each, partial, person))
    return tuple(names)


class CandidateSource(Protocol):
    """Proposes which prepared names are worth scoring for a query."""

    def candidates(self, query: NameForm, min_score: float) -> Iterable[int]:
        """Positions in the prepared names that may score at least `min_score`."""
        ...


class AllNames:
    """Proposes every prepared name: nothing is missed, at the cost of scoring everything."""

    def __init__(self, names: Sequence[PreparedName]) -> None:
        self._count = len(names)

    def candidates(self, query: NameForm, min_score: float) -> Iterable[int]:
        return range(self._count)


def _lookup_keys(word: str) -> set[str]:
    """Keys under which a word is filed: itself, every form with one letter removed, and
    its singular. Two words one edit apart, or a word and its plural, share a key."""
    keys = {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}
    keys.add("\x00" + singular(word))
    return keys


def _two_edit_keys(word: str) -> set[str]:
    """Keys under which a long word is filed, and looked up: itself and its forms with one
    or two letters removed. Two words two edits apart (letters changed, added, dropped or
    swapped: `screening.phonetic.TWO_EDIT_MIN`) share one."""
    ones = {word[:i] + word[i + 1 :] for i in range(len(word))}
    twos = {one[:i] + one[i + 1 :] for one in ones for i in range(len(one))}
    return {word, *ones, *twos}


def flatten_runs(runs: Iterable[Sequence[int]]) -> tuple[array[int], array[int]]:
    """Runs of integers as two arrays: run i is values[offsets[i]:offsets[i + 1]]."""
    offsets, values = array("i", [0]), array("i")
    for run in runs:
        values.extend(run)
        offsets.append(len(values))
    return offsets, values


class KeyTable:
    """Look-up keys to runs of integers (word ids or name positions), in flat arrays.

    A dict of a million small lists takes seconds to build and as long to unpickle; this
    form saves the keys as one list and the values as two arrays, and rebuilds only the
    key-to-slot dict on load (a fraction of a second), so the tables can be cached.
    """

    __slots__ = ("_keys", "_offsets", "_values")

    def __init__(self, keys: list[str], offsets: array[int], values: array[int]) -> None:
        self._keys = dict(zip(keys, range(len(keys)), strict=True))
        self._offsets = offsets
        self._values = values

    @classmethod
    def build(cls, filed: dict[str, list[int]]) -> KeyTable:
        """The table of `filed` (each key with its values, in order)."""
        return cls(list(filed), *flatten_runs(filed.values()))

    def get(self, key: str) -> Sequence[int]:
        """The values filed under `key` (none when it is absent)."""
        slot = self._keys.get(key)
        if slot is None:
            return ()
        return self._values[self._offsets[slot] : self._offsets[slot + 1]]

    def filed(self, keys: set[str]) -> set[str]:
        """Those of `keys` the table holds (a set operation: for many keys, few filed)."""
        return keys & self._keys.keys()

    def __len__(self) -> int:
        return len(self._keys)

    def __getstate__(self) -> tuple[list[str], array[int], array[int]]:
        return list(self._keys), self._offsets, self._values

    def __setstate__(self, state: tuple[list[str], array[int], array[int]]) -> None:
        keys, self._offsets, self._values = state
        self._keys = dict(zip(keys, range(len(keys)), strict=True))


def _sound_keys(words: Sequence[str]) -> defaultdict[str, list[int]]:
    """The ids of `words` by their keys of sound (`_word_sound_keys`)."""
    sounds: defaultdict[str, list[int]] = defaultdict(list)
    for token_id, word in enumerate(words):
        for key in _word_sound_keys(word):
            sounds[key].append(token_id)
    return sounds


def _word_sound_keys(word: str) -> list[str]:
    """The keys a word is filed under by its sound, and looked up by: its phonetic keys
    (`screening.phonetic`) with consonants enough, a short word's key, and one key for the
    written forms of Abd al- (`persons.ABD_FORMS`)."""
    keys = []
    if len(word) >= PERSON_SHORTEST:
        keys = [k for k in phonetic_keys(word) if consonants(k) >= PERSON_KEY_CONSONANTS]
    if len(word) < PERSON_PHONETIC_LENGTH and word.isalpha():
        keys.append(_SHORT + short_name_key(word))
    if abd_form(word) != word:
        keys.append(_SHORT + "abd")
    return keys


@dataclass(slots=True)
class _QueryWords:
    """A query's words with how often each comes (and, for a Chinese name, the words of
    its other readings), its weight and the weights of its heaviest readings."""

    counts: dict[str, int]
    total: float
    most: float
    most_uncut: float
    exact: frozenset[str] = frozenset()  # words met only as themselves (pinyin of characters)
    single: frozenset[str] = frozenset()  # pinyin words that never meet persons' names

    @classmethod
    def of(cls, query: NameForm) -> _QueryWords:
        counts: dict[str, int] = {}
        for token in query.tokens:
            counts[token] = counts.get(token, 0) + 1
        total = sum(word_weight(t) * n for t, n in counts.items())
        han = query.han
        if han is None:
            return cls(counts, total, total, total)
        # A Chinese name may be read in other words (`screening.chinese`): look them up too
        # (pinyin made of its characters only as itself: `score_pair` allows it no typo),
        # and bound its size by its lightest reading.
        for word in han.words:
            counts.setdefault(word, 1)
        total, most = reading_weights(han, query.tokens, word_weight, query=True)
        most_uncut = reading_weights(han, query.tokens, word_weight, cut=False, query=True)[1]
        return cls(counts, total, most, most_uncut, han.pinyin, han.single)


@dataclass(slots=True)
class _Walk:
    """What the query's words found: query and listed weight found per name, the weight of
    titles and articles found, the generic words deferred and what they may add."""

    found_q: defaultdict[int, float] = field(default_factory=lambda: defaultdict(float))
    found_l: defaultdict[int, float] = field(default_factory=lambda: defaultdict(float))
    found_dropped: defaultdict[int, float] = field(default_factory=lambda: defaultdict(float))
    deferred: list[tuple[float, int, float]] = field(default_factory=list)
    generic_q: float = 0.0  # query weight that generic listed words may account for
    generic_words_q: int = 0  # how many query words meet a generic listed word
    meet_generic: set[str] = field(default_factory=set)


class NameIndex:
    """Blocking index over prepared names (see the module docstring for how it decides).

    Two ways to find the listed words near a query word give the same answer: look-up
    tables of one-letter deletions (fast per query, built on first need) and a scan of the
    vocabulary with rapidfuzz (no set-up). A one-name lookup scans; a batch builds the
    tables after `SCAN_QUERIES` queries. Only the compact part of the index is saved.
    """

    def __init__(self, names: Sequence[PreparedName]) -> None:
        vocab: dict[str, int] = {}
        postings: list[list[int]] = []
        # One column per attribute of a name: compact to save and quick to load.
        self.entry_of = array("i")
        self.listed: list[str] = []
        self.variants: list[str | None] = []  # the compared text, when not the listed name
        self.texts: list[str] = []  # the comparable words, space-separated
        self.spelled: list[str | None] = []  # the written words, when not the same
        self.partial = bytearray()
        self.person = bytearray()
        self.initials: list[str] = []  # letters of a person's name that may be initials
        self.first_letters: list[str] = []  # the first letters of a person's name parts
        self.name_total = array("d")
        self.name_generic = array("d")
        for position, prepared in enumerate(names):
            self._file_name(position, prepared, vocab, postings)
        self.words: list[str] = list(vocab)
        self.vocab = vocab
        self.generic = bytes(word_weight(w) < 1.0 for w in self.words)
        # Words by their phonetic keys (`screening.phonetic`): other spellings of a sound.
        self.sounds = KeyTable.build(_sound_keys(self.words))
        # Words found in persons' names: the only ones a short word one edit away can meet.
        self.in_person = bytes(any(self.person[p] for p in run) for run in postings)
        # Listed words by their consonants, for names read by their consonants.
        skeletons: defaultdict[str, list[int]] = defaultdict(list)
        for token_id, word in enumerate(self.words):
            keys = skeleton_keys(word)
            if self.in_person[token_id]:  # the forms of Abd al- by Abd's (`word_similarity`)
                keys = keys | skeleton_keys(abd_form(word))
            for key in keys:
                skeletons[key].append(token_id)
        self.skeletons = KeyTable.build(skeletons)
        # Postings in one array, word by word: positions[offsets[t]:offsets[t + 1]].
        self.offsets, self.positions = flatten_runs(postings)
        # The names in folded order, for names cut at a field's length (saved with the rest).
        self.prefixes = PrefixTable((self.original(p), p) for p in range(len(self.texts)))
        # The names by their letters written without spaces (`joined_similarity`).
        spellings: defaultdict[str, list[int]] = defaultdict(list)
        for position in range(len(self.texts)):
            spellings[self._joined_text(position)].append(position)
        self.spellings = KeyTable.build(spellings)
        self._tables: tuple[KeyTable, KeyTable] | None = None
        #: Where the deletion tables are cached (set by `load_index`; none: not cached).
        self.tables_cache: tuple[Path | None, str] = (None, "")
        self._queries = 0
        self._similar: dict[str, list[tuple[int, float, float]]] = {}
        self._han_forms: dict[str, NameForm] = {}
        self._generic_by_first: dict[str, list[int]] | None = None  # by first letter

    def _file_name(
        self,
        position: int,
        prepared: PreparedName,
        vocab: dict[str, int],
        postings: list[list[int]],
    ) -> None:
        """Add the name at `position` to the columns, and its words to `vocab` and
        `postings`."""
        form = prepared.form
        tokens = form.tokens
        self.entry_of.append(prepared.entry_index)
        self.listed.append(prepared.listed_name)
        self.variants.append(None if form.original == prepared.listed_name else form.original)
        self.texts.append(form.text)
        self.spelled.append(" ".join(form.written) if form.written else None)
        self.partial.append(prepared.partial)
        self.person.append(prepared.person)
        # A Chinese name is also filed under the words of its other readings (pinyin or
        # English, `screening.chinese`), and its size bounded by its lightest reading.
        others = sorted(form.han.words.difference(tokens)) if form.han else []
        for token in (*tokens, *others):
            token_id = vocab.setdefault(token, len(vocab))
            if token_id == len(postings):
                postings.append([])
            postings[token_id].append(position)
        weights = [word_weight(t) for t in (*tokens, *others)]
        # The lightest the name can weigh in a score: its lightest reading (Chinese), a
        # person's parts without titles and initials at half (`persons`), else all words.
        lightest = [sum(weights)]
        if form.han:
            lightest.append(reading_weights(form.han, tokens, word_weight)[0])
        if prepared.person:
            least = sum(least_part_weight(t, word_weight, listed=True) for t in tokens)
            lightest.append(least or sum(weights))
        self.name_total.append(min(lightest))
        self.name_generic.append(sum(w for w in weights if w < 1.0))
        letters = "".join(t for t in tokens if may_be_initials(t)) if prepared.person else ""
        self.initials.append(letters)
        firsts = "".join(sorted({t[0] for t in tokens})) if prepared.person else ""
        self.first_letters.append(firsts)

    def __getstate__(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in _SAVED}

    def __setstate__(self, state: dict[str, object]) -> None:
        for name, value in state.items():
            setattr(self, name, value)
        self.vocab = {word: token_id for token_id, word in enumerate(self.words)}
        self._tables = None
        self.tables_cache = (None, "")
        self._queries = 0
        self._similar = {}
        self._han_forms = {}
        self._generic_by_first = None

    def __len__(self) -> int:
        return len(self.texts)

    def postings(self, token_id: int) -> array[int]:
        """Positions of the names holding the word `token_id` (once per occurrence)."""
        return self.positions[self.offsets[token_id] : self.offsets[token_id + 1]]

    def original(self, position: int) -> str:
        """The text of the prepared name at `position` as compared (the listed name, or
        the variant of it made for comparison)."""
        return self.variants[position] or self.listed[position]

    def prepared(self, position: int) -> PreparedName:
        """The prepared name at `position`, rebuilt from its columns."""
        listed = self.listed[position]
        text = self.texts[position]
        spelled = self.spelled[position]
        original = self.variants[position] or listed
        if HAN.search(original):
            # A Chinese name's other readings are not saved: made again (rare on lists).
            form = self._han_forms.get(original) or name_form(original)
            self._han_forms[original] = form
        else:
            form = NameForm(
                original,
                tuple(text.split(" ")),
                tuple(spelled.split(" ")) if spelled is not None else (),
            )
        return PreparedName(
            self.entry_of[position],
            listed,
            form,
            bool(self.partial[position]),
            bool(self.person[position]),
        )

    def _joined_text(self, position: int) -> str:
        """The name at `position` as written, without spaces (`NameForm.joined`)."""
        spelled = self.spelled[position]
        return (self.texts[position] if spelled is None else spelled).replace(" ", "")

    def build_tables(self) -> None:
        """Build the deletion tables now, as after `SCAN_QUERIES` queries."""
        self._queries = max(self._queries, SCAN_QUERIES + 1)
        self._key_tables()

    def _key_tables(self) -> tuple[KeyTable, KeyTable] | None:
        """The deletion tables, made once this index has answered enough queries: read
        from the cache when it holds them, else built (and saved there)."""
        if self._tables is None:
            if self._queries <= SCAN_QUERIES:
                return None
            cache_dir, key = self.tables_cache
            cached = read_cached(cache_dir, key) if key else None
            if _are_tables(cached):
                self._tables = cached
            else:
                self._tables = self._build_tables()
                if key:
                    write_cached(cache_dir, key, self._tables)
        return self._tables

    def _build_tables(self) -> tuple[KeyTable, KeyTable]:
        deletions: defaultdict[str, list[int]] = defaultdict(list)
        two_edits: defaultdict[str, list[int]] = defaultdict(list)
        for word, token_id in self.vocab.items():
            if len(word) >= PERSON_SHORT_MIN:
                for key in _lookup_keys(word):
                    deletions[key].append(token_id)
            if len(word) >= TWO_EDIT_MIN:
                for key in _two_edit_keys(word):
                    two_edits[key].append(token_id)
        return KeyTable.build(deletions), KeyTable.build(two_edits)

    def similar_words(self, word: str) -> list[tuple[int, float, float]]:
        """Listed words similar to `word` (equal, plural, one edit), with their similarity in
        company names and in persons' names (`word_similarity`), one of them not 0.

        Remembered for the most recent `SIMILAR_MEMO` words: a batch meets the same words
        ("holdings", "capital", city names) again and again.
        """
        memo = self._similar
        known = memo.get(word)
        if known is not None:
            return known
        found_words = self._similar_words(word)
        if len(memo) >= SIMILAR_MEMO:
            memo.clear()
        memo[word] = found_words
        return found_words

    def _similar_words(self, word: str) -> list[tuple[int, float, float]]:
        found = self._written_forms(word)
        ids: Iterable[int] = ()
        if word.startswith(SKELETON_MARK):  # consonants only: meets words by them
            ids = (t for key in skeleton_keys(word) for t in self.skeletons.get(key))
        elif len(word) >= PERSON_SHORT_MIN:
            ids = chain(self._near_ids(word), self._sounding_ids(word))
        for token_id in ids:
            if token_id not in found:
                other = self.words[token_id]
                similarity = word_similarity(word, other)
                in_person = (
                    word_similarity(word, other, person=True)
                    if self.in_person[token_id]
                    else similarity
                )
                if similarity or in_person:
                    found[token_id] = (similarity, in_person)
        return [(token_id, *similarity) for token_id, similarity in found.items()]

    def _written_forms(self, word: str) -> dict[int, tuple[float, float]]:
        """The listed words that are `word` written another way (itself, the article spelt
        otherwise, an abbreviation or what it abbreviates), with their similarities."""
        found: dict[int, tuple[float, float]] = {}
        exact = self.vocab.get(word)
        if exact is not None:
            found[exact] = (1.0, 1.0)
        if word in ARTICLE_SPELLINGS:  # the article spelt the other way (`same_article`)
            for other in ARTICLE_SPELLINGS - {word}:
                if other in self.vocab:
                    found[self.vocab[other]] = (1.0, 1.0)
        for meaning in abbreviation_meanings().get(word, ()):  # "elec" <-> "electronics"
            token_id = self.vocab.get(meaning)
            if token_id is not None:
                similarity = word_similarity(word, meaning)
                found[token_id] = (similarity, similarity)
        for token_id in self._generic_shortened(word):  # "electr" -> "electronics"
            found.setdefault(token_id, (ABBREVIATION_SIMILARITY, 0.0))
        return found

    def _near_ids(self, word: str) -> Iterable[int]:
        """Ids of the listed words a few edits from `word` (a superset of those that score):
        from the deletion tables once built, else by a scan of the vocabulary."""
        tables = self._key_tables()
        if tables is None:
            near = process.extract(
                word, self.words, scorer=Indel.distance, score_cutoff=_SCAN_DISTANCE, limit=None
            )
            return (token_id for _, _, token_id in near)
        token_ids: Iterable[int] = (t for key in _lookup_keys(word) for t in tables[0].get(key))
        if len(word) >= TWO_EDIT_MIN - 2:  # a long word two edits apart (`two_edit_similarity`)
            filed = tables[1].filed(_two_edit_keys(word))
            token_ids = chain(token_ids, (t for key in filed for t in tables[1].get(key)))
        return token_ids

    def _sounding_ids(self, word: str) -> Iterable[int]:
        """Ids of the listed words that sound like `word` (its phonetic keys)."""
        return (t for key in _word_sound_keys(word) for t in self.sounds.get(key))

    def _generic_shortened(self, word: str) -> list[int]:
        """The generic listed words `word` abbreviates (`similarity.shortened_generic`)."""
        if len(word) < SHORTENED_MIN or not word.isalpha() or word_weight(word) < 1.0:
            return []  # a generic word abbreviates no other (`shortened_generic`)
        if self._generic_by_first is None:
            by_first: dict[str, list[int]] = {}
            for t, generic in enumerate(self.generic):
                if generic:
                    by_first.setdefault(self.words[t][:1], []).append(t)
            self._generic_by_first = by_first
        words = self.words
        # An abbreviation starts with its word's first letter and is two letters shorter at
        # least (`normalize.abbreviates`): only those generic words are tried.
        return [
            t
            for t in self._generic_by_first.get(word[0], ())
            if len(words[t]) >= len(word) + 2 and shortened_generic(word, words[t])
        ]

    def _han_listed(self, position: int) -> bool:
        """Whether the name at `position` is written in Chinese characters."""
        return bool(HAN.search(self.variants[position] or self.listed[position]))

    def same_word(self, word: str, person: bool = True) -> list[tuple[int, float, float]]:
        """The listed word equal to `word`, if any, in the form of `similar_words`; found in
        persons' names only if `person`."""
        token_id = self.vocab.get(word)
        return [] if token_id is None else [(token_id, 1.0, 1.0 if person else 0.0)]

    def candidates(self, query: NameForm, min_score: float) -> Iterable[int]:
        self._queries += 1  # a name read several ways is one query (`SCAN_QUERIES`)
        forms = (
            [query] if not query.readings else [replace(query, readings=()), *every_reading(query)]
        )
        base = query.without_qualifier
        if base is not None:  # "X Shanghai Branch" is also scored as "X" (`score_pair`)
            forms.append(base)
        forms.extend(_person_forms(query))
        found: set[int] = set()  # every reading of the name proposes its own candidates
        for form in forms:
            found.update(self._candidates(form, min_score))
        return found

    def _candidates(self, query: NameForm, min_score: float) -> set[int]:
        floor = min_score / 100.0
        words = _QueryWords.of(query)
        walk = self._walk_words(words)
        # Reached through an informative word: keep when the score could reach the floor
        # with every generic word of both names counted as found.
        reaches = self._reach_test(
            words.counts, words.total, floor, walk.found_dropped, self._meets_ends(query)
        )
        chosen = self._chosen(words, walk, reaches, floor)
        if walk.deferred and self._generic_may(query, words, walk, floor):
            self._add_generic(walk, reaches, chosen)
        if query.han is not None:
            chosen = self._han_bound(words, walk, chosen, floor)
        if min_score <= JOINED_SCORE:  # and the names spelled with the query's letters
            chosen.update(self.spellings.get(query.joined))
        return chosen

    def _walk_words(self, words: _QueryWords) -> _Walk:
        """Look up each query word and count what it finds in the names holding it (words
        that meet a generic listed word are deferred: their postings are long)."""
        walk = _Walk()
        for token, count in words.counts.items():
            weight = word_weight(token) * count
            similar = (
                self.same_word(token, token not in words.single)
                if token in words.exact
                else self.similar_words(token)
            )
            if any(self.generic[t] for t, _, _ in similar) or (weight < count and not similar):
                walk.generic_q += weight
                walk.generic_words_q += count
                walk.meet_generic.add(token)
            # In a person's name a query word counts once, by its best listed word there
            # (`_reach_test` needs it); short words one edit away count only there.
            informative = [t for t in similar if not self.generic[t[0]]]
            walk.deferred.extend(
                (weight, t, max(similarity, in_person))
                for t, similarity, in_person in similar
                if self.generic[t]
            )
            # A title or article found counts in both the found and the total weight of a
            # person's name (`persons.part_weights`): kept apart for `_reach_test`.
            into = walk.found_dropped if is_droppable(token) else walk.found_q
            if len(informative) == 1:  # the usual case: a name's repeats of one word
                self._add_word(informative[0], weight, into, walk.found_l)
            elif informative:
                self._add_words(informative, weight, into, walk.found_l)
        for position, dropped in walk.found_dropped.items():
            walk.found_q[position] += dropped
        return walk

    def _chosen(
        self,
        words: _QueryWords,
        walk: _Walk,
        reaches: Callable[[int, float, float, float], bool],
        floor: float,
    ) -> set[int]:
        """The names reached through informative words that may reach the floor."""
        found_q, found_l, found_dropped = walk.found_q, walk.found_l, walk.found_dropped
        generic_q, total_q = walk.generic_q, words.total
        person, name_total, name_generic = self.person, self.name_total, self.name_generic
        # A person's name reached only through titles or articles, without initials that
        # might meet the query's other words, cannot reach it (unless the query is all
        # titles): it is not looked at further.
        initials = self.initials
        all_dropped = all(is_droppable(token) for token in words.counts)
        return {
            position
            for position in found_q
            if (
                (
                    found_q[position] > found_dropped.get(position, 0.0)
                    or initials[position]
                    or all_dropped
                )
                and reaches(position, found_q[position], generic_q, found_l[position])
                if person[position]
                else found_q[position] + generic_q + found_l[position] + name_generic[position]
                >= floor * (total_q + name_total[position])
            )
        }

    def _generic_may(self, query: NameForm, words: _QueryWords, walk: _Walk, floor: float) -> bool:
        """Whether the query may reach the floor through generic words alone: the listed
        side can add at most MAX_WORDS_PER_QUERY_WORD generic words per such query word.
        (A person's name may weigh less than the query: its titles may count for nothing.)"""
        spread = GENERIC_WEIGHT * MAX_WORDS_PER_QUERY_WORD * walk.generic_words_q
        han = query.han
        if han is None:
            least_q = min(words.total, self._person_total(words.counts) or words.total)
            return walk.generic_q + spread >= floor * (least_q + spread)

        # The same test for the reading most made of such words: some reading may reach
        # the floor through them when its weight W and its weight U that they cannot
        # account for have U - (1 - floor) * W <= (1 - floor) * spread.
        def unaccounted(word: str) -> float:
            weight = word_weight(word)
            return (0.0 if word in walk.meet_generic else weight) - (1.0 - floor) * weight

        least = reading_weights(han, query.tokens, unaccounted, query=True)[0]
        return least <= (1.0 - floor) * spread

    def _add_generic(
        self,
        walk: _Walk,
        reaches: Callable[[int, float, float, float], bool],
        chosen: set[int],
    ) -> None:
        """Walk the deferred generic words: add to `chosen` the names they bring within
        reach."""
        generic_found_q: defaultdict[int, float] = defaultdict(float)
        generic_found_l: defaultdict[int, float] = defaultdict(float)
        for weight, token_id, similarity in walk.deferred:
            for position in self.postings(token_id):
                generic_found_q[position] += weight * similarity
                generic_found_l[position] += GENERIC_WEIGHT * similarity
        found_q, found_l, name_generic = walk.found_q, walk.found_l, self.name_generic
        for position, listed_found in generic_found_l.items():
            bound_q = found_q[position] + generic_found_q[position]
            bound_l = found_l[position] + listed_found - name_generic[position]
            if reaches(position, bound_q, 0.0, bound_l):
                chosen.add(position)

    def _han_bound(
        self, words: _QueryWords, walk: _Walk, chosen: set[int], floor: float
    ) -> set[int]:
        """The chosen names a Chinese query may still reach. The words looked up are those
        of every reading at once, so the bound counts too many as found. A query word is at
        most found, so the score is also at most (Q + found in the listed name) / (Q +
        listed name's size), Q being the query's heaviest reading: this drops names that
        only a few words meet."""
        found_l = walk.found_l
        name_total, generic, person = self.name_total, self.name_generic, self.person
        return {
            position
            for position in chosen
            if self._han_listed(position)
            or (most := words.most_uncut if person[position] else words.most)
            + min(found_l[position] + generic[position], name_total[position])
            >= floor * (most + name_total[position])
        }

    def _add_word(
        self,
        word: tuple[int, float, float],
        weight: float,
        found_q: defaultdict[int, float],
        found_l: defaultdict[int, float],
    ) -> None:
        """Count one listed word met by a query word in the names holding it (in a person's
        name once however often it comes: a position's repeats are neighbours)."""
        token_id, similarity, in_person = word
        person = self.person
        previous = -1
        for position in self.postings(token_id):
            if person[position]:
                if in_person:
                    found_l[position] += in_person
                    if position != previous:
                        found_q[position] += weight * in_person
            elif similarity:
                found_q[position] += weight * similarity
                found_l[position] += similarity
            previous = position

    def _add_words(
        self,
        words: list[tuple[int, float, float]],
        weight: float,
        found_q: defaultdict[int, float],
        found_l: defaultdict[int, float],
    ) -> None:
        """`_add_word` for several listed words met by one query word: in a person's name
        the query word counts by the best of them."""
        best: dict[int, float] = {}
        person = self.person
        for token_id, similarity, in_person in words:
            for position in self.postings(token_id):
                if person[position]:
                    if in_person:
                        found_l[position] += in_person
                        if in_person > best.get(position, 0.0):
                            best[position] = in_person
                elif similarity:
                    found_q[position] += weight * similarity
                    found_l[position] += similarity
        for position, near in best.items():
            found_q[position] += weight * near

    @staticmethod
    def _person_total(counts: dict[str, int]) -> float:
        """The least a query weighs against a person's name (`persons.least_part_weight`)."""
        return sum(least_part_weight(token, word_weight) * n for token, n in counts.items())

    def _meets_ends(self, query: NameForm) -> Callable[[int], bool]:
        """A test of whether a listed person's name may meet both ends of the query (its
        first and last parts, `persons.name_structure`), as the rule of a query holding
        the listing amid more parts needs (`persons._holds_listing_amid`): by a word of
        the listing similar to each end, or by an initial."""
        vocab, texts, initials = self.vocab, self.texts, self.initials
        known: list[tuple[str, set[int]]] = []  # made on the first need: most queries have none

        def meets(position: int) -> bool:
            if not known:
                tokens = query.tokens
                ends = set(name_structure(query.original)[0]) & set(tokens)
                if not ends and tokens:  # another reading of the name: its own ends
                    ends = {tokens[0], tokens[-1]}
                known.extend(
                    (end, {t for t, _, in_person in self.similar_words(end) if in_person})
                    for end in ends
                    if len(end) > 1 and not is_droppable(end) and not is_patronymic(end)
                )
                known.append(("", set()))  # made, even when the query has no such end
            ids = {vocab.get(word) for word in texts[position].split(" ")}
            letters = initials[position]
            return all(
                not ids.isdisjoint(found) or end[0] in letters for end, found in known if end
            )

        return meets

    def _reach_test(
        self,
        counts: dict[str, int],
        total_q: float,
        floor: float,
        found_dropped: dict[int, float],
        meets_ends: Callable[[int], bool],
    ) -> Callable[[int, float, float, float], bool]:
        """A test of whether the name at a position may reach `floor` (0-1), given the query
        weight found in it, the query weight its generic words may add (none when it has
        none), and an upper bound of its own words found (its generic words are added).

        A company name scores the share of both names' weights found. A person's name may
        score more (`screening.persons.person_overlap`): its titles may weigh nothing, its
        initials half, and a query all found in it (or a listing all found in the query)
        weighs `PERSON_QUERY_SHARE`; initials are found without a shared word, so beside
        them every word counts as found.
        """
        person_q = self._person_total(counts) or total_q
        # Each initial letter meets one part at most (`persons._match_initials`).
        letters_q = Counter(
            letter for t, n in counts.items() if may_be_initials(t) for letter in t * n
        )
        # The query weight listed initials may meet: its words starting with their letters.
        by_letter: defaultdict[str, float] = defaultdict(float)
        for token, n in counts.items():
            if not may_be_initials(token):
                by_letter[token[0]] += word_weight(token) * n
        query_share, listed_share = PERSON_QUERY_SHARE, 1.0 - PERSON_QUERY_SHARE
        person, initials, totals = self.person, self.initials, self.name_total
        first_letters = self.first_letters
        name_generic = self.name_generic

        def reaches(position: int, found: float, generic: float, bound_l: float) -> bool:
            total_l = totals[position]
            bound_l += name_generic[position]
            if not person[position]:
                return found + generic + bound_l >= floor * (total_q + total_l)
            # The listed words met, at most: the rule the other way round needs two parts
            # of the listing met by whole words (each at least 0.75 alike, so more than 1).
            whole_l = bound_l
            # A person's name without generic words cannot meet the query's through them.
            bound_q = found + generic if name_generic[position] else found
            letters_l = initials[position]
            if letters_l:
                bound_q += sum(by_letter[letter] for letter in set(letters_l))
                bound_l += INITIAL_WEIGHT * len(letters_l)
            if letters_q:
                met = sum(n for letter, n in letters_q.items() if letter in first_letters[position])
                bound_q += INITIAL_WEIGHT * met
                bound_l += met
            bound_q = total_q if bound_q > total_q else bound_q
            bound_l = total_l if bound_l > total_l else bound_l
            # Titles and articles found weigh in the total too (they count only when found).
            least_q = person_q + found_dropped.get(position, 0.0)
            if bound_q + bound_l >= floor * (least_q + total_l):
                return True
            share_q = 1.0 if bound_q > least_q else bound_q / least_q
            share_l = bound_l / total_l
            if share_l > share_q and whole_l > 1.0 and meets_ends(position):
                # A query holding the listing amid more parts: the listing's share weighs
                # `PERSON_QUERY_SHARE` (`persons._holds_listing_amid`).
                return share_l * query_share + share_q * listed_share >= floor
            return share_q * query_share + share_l * listed_share >= floor

        return reaches


#: The attributes of a NameIndex saved in the cache (the deletion tables are rebuilt).
_SAVED = (
    "entry_of", "listed", "variants", "texts", "spelled", "partial", "person", "initials",
    "first_letters", "sounds", "skeletons", "prefixes", "spellings",
    "name_total",
    "name_generic", "words", "generic", "in_person",
    "offsets",
    "positions",
)  # fmt: skip


def load_index(
    entries: Sequence[ListEntry] | Callable[[], Sequence[ListEntry]],
    list_digests: Sequence[str],
    cache_dir: Path | None,
) -> NameIndex:
    """The index of these entries' names, from the cache when it holds it.

    `entries` may be a function giving them, called only when the index must be built.
    The cache file's name covers the lists' digests and the code and data that prepare
    names (normalisation, legal forms, glossary), so any change to either rebuilds it.
    """
    key = cache_name(
        "index",
        [f"format-{INDEX_FORMAT}",
         code_digest(*INDEX_SOURCES),
         *list_digests],
    )  # fmt: skip
    cached = read_cached(cache_dir, key)
    if isinstance(cached, NameIndex) and len(cached.texts) == len(cached.entry_of):
        index = cached
    else:
        index = NameIndex(prepare_names(entries() if callable(entries) else entries))
        write_cached(cache_dir, key, index)
    # The tables are saved apart: a one-name lookup never reads them, a batch does.
    index.tables_cache = (cache_dir, key.replace("index-", "index-tables-", 1))
    return index


def _person_forms(query: NameForm) -> list[NameForm]:
    """The query as persons' names are scored, when that differs from its words: with its
    initials written apart read as letters (`screening.persons.person_words`)."""
    if query.han is not None:
        return []
    words = person_words(query.original, query.tokens)
    return [NameForm(query.original, words)] if words != query.tokens else []


def _are_tables(value: object) -> TypeGuard[tuple[KeyTable, KeyTable]]:
    return (
        isinstance(value, tuple)
        and len(value) == 2
        and all(isinstance(table, KeyTable) for table in value)
    )
