"""Build a labelled set of query names for evaluating name matching, from ../shared/data.

Nothing here is stored in the repository: the set is rebuilt at run time, deterministically
for a given seed, from the real files under ../shared/data (see its PROVENANCE.md).

Positives are variants of real listed names of `derived/real_lists_csl.csv`, each labelled
with the entry ids it must hit, in classes (`VARIANT_TYPES`): the spelling changes of
company names (legal forms, abbreviations, word order, one-letter typos, spacing, case and
punctuation), the variations of issue 14 written from its class descriptions and from
published conventions (branch and office qualifiers, vendor-master trade abbreviations,
legal forms written out or glued, numbers, persons' titles, initials, short names and
order, two edits in a long word, other romanisations, other scripts), and real names as
their sources give them (the UN list's original-script names, cross-script pairs,
Chinese-script names of listed Chinese companies).

Every query belongs to a development half or a held-out half (`half_of`): a fixed hash of
the listing it varies, so all variants of one listing fall in the same half, and so do the
negatives (by their own name). The scripts report the held-out half unless asked.

Negatives are real company names that are not listed: SEC EDGAR ticker titles and S&P 500
security names, minus those whose normalised form equals a normalised listed name. A
negative is "hard" when it shares a generic word with listed names: a word found in many
listed entity names (see `GENERIC_MIN_ENTRIES`).

Run alone to print what the set holds, or to write it out (`--out set.csv`) for reading:
    .venv/bin/python benchmarks/labelled_set.py [--data DIR] [--seed N] [--out FILE]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import labelled_companies as companies
import labelled_persons as persons
import labelled_sources as sources
from labelled_companies import Made

from screening.models import ListEntry

#: The real data folder beside the checkout (../shared/data), as the tests find it.
DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
LIST_FILE = Path("derived") / "real_lists_csl.csv"
CASSLAB_FILE = sources.CASSLAB_FILE
SEC_FILE = Path("negatives") / "sec_company_tickers.json"
SP500_FILE = Path("negatives") / "sp500_constituents.csv"

DEFAULT_SEED = 20260325

#: Listed entity names taken per list (a few thousand in all, every list represented; the
#: smaller lists are taken whole).
BASE_NAMES_PER_SOURCE = 600
#: Listed individuals taken per list for the person classes (the SDN list has 4,600).
BASE_PERSONS_PER_SOURCE = 600

#: A word found in at least this many listed entity names counts as generic ("technology",
#: "international", "china"): chosen so that the hard negatives are the SEC names built on
#: the trade and place words listed names are built on, not on rarer words.
GENERIC_MIN_ENTRIES = 25

POSITIVE = "positive"
NEGATIVE = "negative"

DEV = "dev"
HELDOUT = "heldout"
HALVES = (DEV, HELDOUT)
#: The split: a query's half is the low bit of a BLAKE2b hash of this salt and the
#: normalised name of the listing it varies (of its own name, for a negative). Fixed once
#: and for all: changing it would put queries tuned on into the held-out half.
SPLIT_SALT = "screening labelled-set split 2026 (issue 14)"

#: Variant types (classes) of the positives, in the order they are reported.
VARIANT_TYPES = (
    "legal_form",
    "abbreviation",
    "word_order",
    "typo",
    "spacing",
    "case_punct",
    "branch_qualifier",
    "trade_abbreviation",
    "legal_form_full",
    "numbers",
    "two_edits",
    "person_title",
    "person_initials",
    "person_short",
    "person_order",
    "transliteration",
    "other_script",
    "chinese_script",
)
NEGATIVE_TYPES = ("plain", "hard_generic")

#: Each class's share of the listed-party names a real vendor master holds, in percent: the
#: weights of the overall recall (every class is also reported, and judged, on its own, so
#: the weights set only the one overall figure). No published count of these exists; they
#: are a judgement, stated so that it can be argued with:
#: - case and punctuation (16) and the legal form (16) differ in nearly every record copied
#:   from another system (ERP exports in capitals without punctuation; "Co., Ltd." /
#:   "Company Limited" / none);
#: - abbreviations (5 + 5 trade): name fields of 35 characters (SAP's vendor master) force
#:   long names to be shortened;
#: - branch or office qualifiers (6): a vendor master holds one record per ordering or
#:   remit-to address, so branches and offices appear as records of their own;
#: - keying errors: one-letter typos (7), two edits in a long word (2);
#: - spacing (3), word order (2), legal forms written out or glued (3), numbers (1);
#: - persons (15: titles 3, initials 3, short names 5, order 4): suppliers and customers that
#:   are individuals (sole traders, agents) are a minority of a vendor master;
#: - other romanisations (9) and other scripts (4): names of Arabic-script, Cyrillic and
#:   Chinese origin, spelled by whoever keyed them;
#: - Chinese script (6): suppliers in China recorded by their Chinese names.
CLASS_SHARES: dict[str, float] = {
    "legal_form": 16,
    "abbreviation": 5,
    "word_order": 2,
    "typo": 7,
    "spacing": 3,
    "case_punct": 16,
    "branch_qualifier": 6,
    "trade_abbreviation": 5,
    "legal_form_full": 3,
    "numbers": 1,
    "two_edits": 2,
    "person_title": 3,
    "person_initials": 3,
    "person_short": 5,
    "person_order": 4,
    "transliteration": 9,
    "other_script": 4,
    "chinese_script": 6,
}
#: Classes with a target of their own (issue 14: Chinese-script recall >= 50%), left out of
#: the overall recall and of the every-class target.
OWN_TARGET_CLASSES = frozenset({"chinese_script"})

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[^\W_]+")
_ALPHA_WORD = re.compile(r"[A-Za-z]+")

#: Words that make a name of a list without a `type` column (EL, DPL) a company's name.
_COMPANY_WORDS = re.compile(
    r"\b(co|company|corp|corporation|ltd|limited|inc|llc|group|holdings?|technolog(y|ies)|"
    r"industr(y|ies|ial)|institute|university|academy|bank|trading|enterprises?|"
    r"international|cent(er|re)|laborator(y|ies)|factory|plant|works|bureau|research|"
    r"engineering|electronics?|systems|shipping|airlines?|import|export|gmbh|fze|fzco|"
    r"jsc|ojsc|pjsc|cjsc|ooo|sarl|srl|llp|plc|pte|bhd|s\.?a|b\.?v|ag|firm|agency|"
    r"services|solutions|logistics|commerce|development|manufacturing)\b",
    re.IGNORECASE,
)

#: Spellings of one legal form, any of which a vendor file may use for another.
LEGAL_FORM_FAMILIES: tuple[tuple[str, ...], ...] = (
    ("Co., Ltd.", "Company Limited", "Co., Limited", "Co. Ltd", "Co Ltd", "Ltd.", "Ltd", "Limited"),
    ("Corporation", "Corp.", "Corp"),
    ("Incorporated", "Inc.", "Inc"),
    ("LLC", "L.L.C.", "Limited Liability Company"),
    ("JSC", "Joint Stock Company", "AO", "Aktsionernoe Obshchestvo"),
    ("OJSC", "Open Joint Stock Company", "OAO", "Otkrytoe Aktsionernoe Obshchestvo"),
    ("PJSC", "Public Joint Stock Company", "PAO", "Publichnoe Aktsionernoe Obshchestvo"),
    ("CJSC", "Closed Joint Stock Company", "ZAO", "Zakrytoe Aktsionernoe Obshchestvo"),
    ("OOO", "Obshchestvo s Ogranichennoi Otvetstvennostyu", "LLC"),
    ("GmbH",),
    ("S.A.", "SA"),
    ("FZE", "FZCO", "FZ-LLC"),
    ("Pte. Ltd.", "Pte Ltd", "Private Limited"),
)
#: Forms Russian-style names put in front ("OOO Nord", "JSC Sirius").
_PREFIX_FORMS = frozenset(
    form
    for family in LEGAL_FORM_FAMILIES
    for form in family
    if form.isupper() and len(form) <= 4 or "Obshchestvo" in form or "Joint Stock" in form
) - {"SA", "FZE"}
#: Forms added to a name written without one.
_ADDED_FORMS = ("Co., Ltd.", "Company Limited", "LLC", "Ltd", "Inc.", "Corporation")

#: Long word -> the abbreviation vendor files use for it (SEC titles use several of these).
ABBREVIATIONS = {
    "international": "Intl",
    "corporation": "Corp",
    "technology": "Tech",
    "technologies": "Tech",
    "manufacturing": "Mfg",
    "company": "Co",
    "limited": "Ltd",
    "incorporated": "Inc",
    "industries": "Inds",
    "association": "Assn",
    "development": "Dev",
    "equipment": "Equip",
    "brothers": "Bros",
    "engineering": "Eng",
}
_EXPANSIONS = {
    "intl": "International",
    "corp": "Corporation",
    "co": "Company",
    "ltd": "Limited",
    "inc": "Incorporated",
    "mfg": "Manufacturing",
    "tech": "Technology",
}

_STOP = frozenset({"of", "the", "and", "for", "de", "&"})
_LEGAL_WORDS = frozenset(
    {"sa", "ag", "plc", "llp", "lp", "bv", "nv", "srl", "sarl", "ltda"}
) | frozenset(
    w.casefold().strip(".,")
    for family in LEGAL_FORM_FAMILIES
    for form in family
    for w in re.split(r"[\s.,-]+", form)
    if w
)


@dataclass(frozen=True, slots=True)
class LabelledQuery:
    """One query name, whether it must hit the list, and which entries it must hit.

    `rule` says which rule of its class made it; `half` is DEV or HELDOUT. A query with
    `against` is a pair of names rather than a query against the lists: it must meet the
    name `against` (an individual's name when `against_person`), scored on a list holding
    that name alone, and `expected` is empty.
    """

    query: str
    kind: str  # POSITIVE or NEGATIVE
    variant: str  # one of VARIANT_TYPES or NEGATIVE_TYPES
    expected: tuple[str, ...]  # entry ids a positive must hit; empty for negatives
    note: str
    rule: str = ""
    half: str = ""
    against: str = ""
    against_person: bool = False
    listing: str = ""  # what the half was drawn from: the varied entry's id, or the name


@dataclass(frozen=True, slots=True)
class LabelledSet:
    """The queries, and what was left out building them (reported by the scripts)."""

    queries: tuple[LabelledQuery, ...]
    base_names: Counter[str]  # listed entity names varied, per list
    negatives_dropped: tuple[str, ...]  # real negatives whose normalised form is listed
    generic_words: frozenset[str]
    chinese_ambiguous: int  # Chinese names left out: one name for several English names
    base_persons: Counter[str] = field(default_factory=Counter)  # individuals varied, per list

    def of(
        self, kind: str, variant: str | None = None, half: str | None = None
    ) -> list[LabelledQuery]:
        return [
            q
            for q in self.queries
            if q.kind == kind
            and (variant is None or q.variant == variant)
            and (half is None or q.half == half)
        ]


def half_of(key: str) -> str:
    """DEV or HELDOUT for a listing's (or a negative's) normalised name: a fixed hash, the
    same on every machine and run, and independent of the variant seed."""
    digest = hashlib.blake2b(f"{SPLIT_SALT}\x00{key}".encode(), digest_size=8).digest()
    return DEV if digest[0] & 1 == 0 else HELDOUT


def in_half(queries: Iterable[LabelledQuery], half: str) -> list[LabelledQuery]:
    """The queries of one half ("all" keeps them all)."""
    return [q for q in queries if half == "all" or q.half == half]


def add_half_argument(parser: argparse.ArgumentParser) -> None:
    """The --half option every script shares (held-out by default)."""
    parser.add_argument(
        "--half",
        choices=(HELDOUT, DEV, "all"),
        default=HELDOUT,
        help="which half of the labelled queries to report (default: the held-out half)",
    )


def weighted_recall(recall: dict[str, float]) -> float:
    """The overall recall: each class's recall weighted by its share (CLASS_SHARES), over
    the classes given (those without queries are left out of the weights)."""
    weights = {v: CLASS_SHARES[v] for v in recall if v in CLASS_SHARES}
    total = sum(weights.values())
    return sum(recall[v] * w for v, w in weights.items()) / total if total else 0.0


def data_dir_or_exit(data: Path) -> Path:
    """The data folder, or a clean exit (code 0) saying why the benchmark is skipped."""
    if not (data / LIST_FILE).is_file():
        print(
            f"skipped: {data / LIST_FILE} not found (the real data lives in ../shared/data "
            "beside the checkout; pass --data DIR to point elsewhere)"
        )
        sys.exit(0)
    return data


def source_label(entry: ListEntry) -> str:
    """A short name for the list an entry comes from: EL, SDN, UN, DPL, 1260H, SSI..."""
    if "(" in entry.source:
        return entry.source_code
    return entry.entry_id.split("-", 1)[0].upper()


def is_company(entry: ListEntry) -> bool:
    """Entities only: typed Entity, or untyped with a company-like word in the name."""
    if entry.entity_type:
        return entry.entity_type == "Entity"
    return bool(_COMPANY_WORDS.search(entry.name))


def _key(name: str) -> str:
    """The labelling's own normal form: case, width and dots folded, legal forms and stop
    words dropped. Independent of `screening.normalize`, so the set stays the same while
    the matcher changes."""
    words = _WORD.findall(unicodedata.normalize("NFKC", name).casefold().replace(".", ""))
    return " ".join([w for w in words if w not in _LEGAL_WORDS | _STOP] or words)


def _plurals_folded(key: str) -> str:
    """A normal form (`_key`) with the plural -s of its longer words taken off: an A-share
    company's registered English name and its listing may differ by no more
    ("Communications Group" / "Communication Group")."""
    return " ".join(
        w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
        for w in key.split()
    )


def entries_by_name(entries: Sequence[ListEntry]) -> dict[str, set[str]]:
    """Normalised name or alias -> ids of every entry carrying it."""
    index: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        for name in entry.names:
            index[_key(name)].add(entry.entry_id)
    return index


# -- variants of one listed name ----------------------------------------------------------

Variant = tuple[str, str] | None  # (query, note), or None when the variant does not apply


def _same_case(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like.islower():
        return word.lower()
    return word


def _split_legal_form(name: str) -> tuple[str, str, int, bool]:
    """(name without its legal form, the form, its family index, form was in front)."""
    for family_index, family in enumerate(LEGAL_FORM_FAMILIES):
        for form in sorted(family, key=len, reverse=True):
            pattern = re.escape(form.rstrip(".")).replace(r"\ ", r"\s*")
            suffix = re.search(rf"[\s,]+{pattern}\.?\s*$", name, re.IGNORECASE)
            if suffix:
                return name[: suffix.start()].strip(" ,"), form, family_index, False
            if form in _PREFIX_FORMS:
                prefix = re.match(rf"^{pattern}\s+", name, re.IGNORECASE)
                if prefix:
                    return name[prefix.end() :].strip(), form, family_index, True
    return name, "", -1, False


def legal_form_variant(name: str, rng: random.Random) -> Variant:
    """Another spelling of the legal form, or none, or one added where there was none."""
    core, form, family_index, in_front = _split_legal_form(name)
    if not core or core == name and form:
        return None
    if not form:
        if any(w.casefold() in _LEGAL_WORDS for w in _WORD.findall(name)):
            return None  # a legal form inside the name: adding another would be no variant
        added = rng.choice(_ADDED_FORMS)
        return f"{name} {_same_case(added, name)}", f"added '{added}'"
    others = [f for f in LEGAL_FORM_FAMILIES[family_index] if f.casefold() != form.casefold()]
    choice = rng.choice([*others, ""])
    if not choice:
        return core, f"dropped '{form}'"
    choice = _same_case(choice, form)
    front = in_front and choice in _PREFIX_FORMS and rng.random() < 0.5
    query = f"{choice} {core}" if front else f"{core} {choice}"
    return query, f"'{form}' -> '{choice}'"


def abbreviation_variant(name: str, rng: random.Random) -> Variant:
    """Long words abbreviated (International -> Intl), or abbreviations written out."""
    words = name.split(" ")
    changed: list[str] = []
    for i, word in enumerate(words):
        bare = word.strip(".,()").casefold()
        table = ABBREVIATIONS if bare in ABBREVIATIONS else _EXPANSIONS
        if bare in table:
            new = _same_case(table[bare], word.strip(".,()"))
            words[i] = word.replace(word.strip(".,()"), new).replace(f"{new}.", new)
            changed.append(f"{word.strip('.,()')} -> {new}")
    if not changed:
        return None
    return " ".join(words), "; ".join(changed)


def _core_positions(words: list[str]) -> list[int]:
    return [
        i
        for i, w in enumerate(words)
        if _ALPHA_WORD.fullmatch(w.strip(".,()"))
        and w.strip(".,()").casefold() not in _STOP | _LEGAL_WORDS
    ]


def word_order_variant(name: str, rng: random.Random) -> Variant:
    """Two neighbouring words swapped, or the first word moved behind the rest."""
    core, form, _, in_front = _split_legal_form(name)
    words = core.split()
    positions = _core_positions(words)
    if len(positions) < 2:
        return None
    pairs = [(a, b) for a, b in zip(positions, positions[1:], strict=False) if b == a + 1]
    if pairs and rng.random() < 0.7:
        a, b = rng.choice(pairs)
        note = f"swapped '{words[a]}' and '{words[b]}'"
        words[a], words[b] = words[b], words[a]
    else:
        first = positions[0]
        note = f"moved '{words[first]}' to the end"
        words.append(words.pop(first))
    query = " ".join(words)
    if form:
        query = f"{form} {query}" if in_front else f"{query} {form}"
    return query, note


def typo_variant(name: str, rng: random.Random) -> Variant:
    """One deletion, substitution or transposition inside one word of five letters or more."""
    spans = [m for m in _ALPHA_WORD.finditer(name) if len(m.group()) >= 5]
    if not spans:
        return None
    match = rng.choice(spans)
    word = match.group()
    kind = rng.choice(("deletion", "substitution", "transposition"))
    i = rng.randrange(1, len(word) - 1)
    if kind == "deletion":
        new = word[:i] + word[i + 1 :]
    elif kind == "substitution":
        letter = rng.choice([c for c in "abcdefghijklmnopqrstuvwxyz" if c != word[i].lower()])
        new = word[:i] + (letter.upper() if word[i].isupper() else letter) + word[i + 1 :]
    else:
        if word[i] == word[i + 1]:
            i = next((j for j in range(1, len(word) - 1) if word[j] != word[j + 1]), i)
        new = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if new == word:
        return None
    return name[: match.start()] + new + name[match.end() :], f"{kind}: {word} -> {new}"


def spacing_variant(name: str, rng: random.Random) -> Variant:
    """Two neighbouring words joined into one, or one long word split in two."""
    words = name.split(" ")
    # Words of the name itself: a legal form or stop word run into a name is another variant.
    plain = [
        bool(_ALPHA_WORD.fullmatch(w)) and w.casefold() not in _STOP | _LEGAL_WORDS for w in words
    ]
    joinable = [i for i in range(len(words) - 1) if plain[i] and plain[i + 1]]
    splittable = [i for i, w in enumerate(words) if plain[i] and len(w) >= 6]
    if not joinable and not splittable:
        return None
    if joinable and (not splittable or rng.random() < 0.5):
        i = rng.choice(joinable)
        note = f"joined '{words[i]} {words[i + 1]}'"
        words[i : i + 2] = [words[i] + words[i + 1]]
    else:
        i = rng.choice(splittable)
        cut = rng.randrange(3, len(words[i]) - 2)
        note = f"split '{words[i]}'"
        words[i : i + 1] = [words[i][:cut], words[i][cut:]]
    return " ".join(words), note


def case_punct_variant(name: str, rng: random.Random) -> Variant:
    """Another letter case, with punctuation dropped or added."""
    cases: list[tuple[str, Callable[[str], str]]] = [
        ("upper", str.upper),
        ("lower", str.lower),
        ("title", lambda s: " ".join(w[:1].upper() + w[1:].lower() for w in s.split(" "))),
    ]
    label, change = rng.choice([c for c in cases if c[1](name) != name] or cases)
    text = change(name)
    if re.search(r"[.,()'\"&/-]", text) and rng.random() < 0.6:
        text = " ".join(re.sub(r"[.,()'\"/-]+", " ", text).split())
        return text, f"{label} case, punctuation removed"
    words = text.split(" ")
    if len(words) < 2:
        return text + ".", f"{label} case, trailing dot"
    i = rng.randrange(len(words) - 1)
    mark = rng.choice((",", " -", "."))
    words[i] += mark
    return " ".join(words), f"{label} case, '{mark.strip()}' added"


GENERATORS: dict[str, Callable[[str, random.Random], Variant]] = {
    "legal_form": legal_form_variant,
    "abbreviation": abbreviation_variant,
    "word_order": word_order_variant,
    "typo": typo_variant,
    "spacing": spacing_variant,
    "case_punct": case_punct_variant,
}


# -- positives ----------------------------------------------------------------------------


def base_entities(entries: Sequence[ListEntry], rng: random.Random) -> list[ListEntry]:
    """Listed entities whose names are varied: up to BASE_NAMES_PER_SOURCE per list."""
    by_source: dict[str, dict[str, ListEntry]] = defaultdict(dict)
    for entry in entries:
        if is_company(entry) and _ALPHA_WORD.search(entry.name):
            by_source[source_label(entry)].setdefault(_key(entry.name), entry)
    chosen: list[ListEntry] = []
    for source in sorted(by_source):
        pool = sorted(by_source[source].values(), key=lambda e: e.entry_id)
        chosen.extend(rng.sample(pool, min(len(pool), BASE_NAMES_PER_SOURCE)))
    return chosen


def _rng(seed: int, variant: str, key: str) -> random.Random:
    """The random generator of one class and one listing: a variant does not change when
    another class or listing is added."""
    return random.Random(f"{seed}:{variant}:{key}")


class _Builder:
    """Collects positives: each labelled with its entries and its listing's half."""

    def __init__(self, index: dict[str, set[str]]) -> None:
        self.index = index
        self.queries: list[LabelledQuery] = []
        self.seen: set[tuple[str, str]] = set()

    def expected(self, entry: ListEntry, *names: str) -> tuple[str, ...]:
        ids = {entry.entry_id}
        for name in names:
            ids |= self.index.get(_key(name), set())
        return tuple(sorted(ids))

    def add(
        self, variant: str, made: Made | None, entry: ListEntry, listed: str, source: str
    ) -> None:
        """A variant of `listed` (a name of `entry`): kept unless empty, unchanged or a
        repeat of the same query in the same class."""
        if made is None or not made.query.strip():
            return
        query = " ".join(made.query.split())
        if query == " ".join(listed.split()) or (variant, query) in self.seen:
            return
        self.seen.add((variant, query))
        self.queries.append(
            LabelledQuery(
                query=query,
                kind=POSITIVE,
                variant=variant,
                expected=self.expected(entry, listed, entry.name, query),
                note=f"{source} {entry.entry_id} '{listed}': {made.note}",
                rule=made.rule,
                half=half_of(_key(entry.name)),
                listing=entry.entry_id,
            )
        )


def _old(
    generate: Callable[[str, random.Random], Variant], variant: str
) -> Callable[[ListEntry, str, random.Random], Made | None]:
    """A generator of the original classes (name, rng) -> (query, note), as one of `Made`."""

    def made(entry: ListEntry, name: str, rng: random.Random) -> Made | None:
        result = generate(name, rng)
        return Made(result[0], variant, result[1]) if result else None

    return made


#: The classes varying listed company names, each with its generator.
COMPANY_GENERATORS: dict[str, Callable[[ListEntry, str, random.Random], Made | None]] = {
    **{variant: _old(generate, variant) for variant, generate in GENERATORS.items()},
    "branch_qualifier": companies.branch_variant,
    "trade_abbreviation": companies.trade_abbreviation_variant,
    "legal_form_full": companies.legal_form_full_variant,
    "two_edits": companies.two_edit_variant,
}


def variant_positives(
    bases: Sequence[ListEntry],
    entries: Sequence[ListEntry],
    builder: _Builder,
    seed: int,
    english: frozenset[str],
) -> None:
    """Every applicable company variant of every base name; numbers of every listed company
    name (few names have one); other romanisations of base names from Arabic-script and
    Cyrillic countries: of their Arabic name words (words of listed persons' names from
    those countries, and words with the article al-/el-), or of their words of 4 letters or
    more that are not English."""
    arabic = arabic_name_words(entries, english)

    def may_change(word: str, family: str) -> bool:
        if family == "arabic":
            return word in arabic or bool(re.match(r"(al|el)[- ]", word))
        return len(word) >= 4 and word not in english

    for entry in bases:
        countries = companies.entry_countries(entry)
        # A Cyrillic-country company's name is romanised Russian only when all its words
        # are (the test of writing it in Cyrillic); English names are left alone.
        russian = persons.cyrillic_company(entry.name, countries, english) is not None
        label = source_label(entry)
        for variant, generate in COMPANY_GENERATORS.items():
            builder.add(
                variant,
                generate(entry, entry.name, _rng(seed, variant, entry.entry_id)),
                entry,
                entry.name,
                label,
            )
        if persons.romanisation_family(countries) != "cyrillic" or russian:
            made = persons.romanisation_variant(
                entry.name,
                countries,
                _rng(seed, "transliteration", entry.entry_id),
                may_change,
                person=False,
            )
            builder.add("transliteration", made, entry, entry.name, label)
    seen: set[str] = set()
    for entry in entries:
        if is_company(entry) and _key(entry.name) not in seen:
            seen.add(_key(entry.name))
            made = companies.numbers_variant(
                entry, entry.name, _rng(seed, "numbers", entry.entry_id)
            )
            builder.add("numbers", made, entry, entry.name, source_label(entry))


def base_persons(
    data: Path, entries: Sequence[ListEntry], rng: random.Random
) -> list[tuple[persons.Person, bool]]:
    """Listed individuals whose names are varied, each with whether its list writes it
    "SURNAME, Given": up to BASE_PERSONS_PER_SOURCE per list from the SDN and non-SDN lists
    (names of that form), and from the UN list (name parts, titles and nationality of
    un/UN_consolidated.xml)."""
    by_source: dict[str, dict[str, persons.Person]] = defaultdict(dict)
    for entry in entries:
        if entry.entity_type == "Individual" and not entry.entry_id.startswith("un-"):
            person = persons.person_from_listing(entry)
            if person:
                by_source[source_label(entry)].setdefault(_key(entry.name), person)
    by_id = {e.entry_id: e for e in entries}
    for record in sources.un_records(data):
        entry = by_id.get(record.entry_id)
        if record.individual and entry is not None:
            person = sources.un_person(record, entry)
            if person:
                by_source["UN"].setdefault(_key(entry.name), person)
    chosen: list[tuple[persons.Person, bool]] = []
    for source in sorted(by_source):
        pool = sorted(by_source[source].values(), key=lambda p: p.entry.entry_id)
        picked = rng.sample(pool, min(len(pool), BASE_PERSONS_PER_SOURCE))
        chosen.extend((person, source != "UN") for person in picked)
    return chosen


def _name_word(word: str, family: str) -> bool:
    """Every word of a person's name is a name, and may be romanised otherwise."""
    return len(word) >= 2


def person_positives(
    people: Sequence[tuple[persons.Person, bool]],
    builder: _Builder,
    seed: int,
    english: frozenset[str],
) -> None:
    """The person classes of every base person, their other romanisations and two edits."""
    for person, with_comma in people:
        entry, listed = person.entry, person.entry.name
        label = source_label(entry)

        def rng(variant: str, entry_id: str = entry.entry_id) -> random.Random:
            return _rng(seed, variant, entry_id)

        builder.add(
            "person_title", persons.title_variant(person, rng("person_title")), entry, listed, label
        )
        builder.add(
            "person_initials",
            persons.initials_variant(person, rng("person_initials")),
            entry,
            listed,
            label,
        )
        builder.add(
            "person_short", persons.short_variant(person, rng("person_short")), entry, listed, label
        )
        builder.add(
            "person_order",
            persons.order_variant(person, rng("person_order"), with_comma),
            entry,
            listed,
            label,
        )
        written = persons.natural(person)
        made = persons.romanisation_variant(
            written, person.countries, rng("transliteration"), _name_word, person=True
        )
        builder.add("transliteration", made, entry, listed, label)
        made = companies.two_edit_variant(entry, written, rng("two_edits"))
        builder.add("two_edits", made, entry, listed, label)


#: Countries whose listings are written back in Cyrillic (issue 14: Russian, Ukrainian and
#: Belarusian entries).
CYRILLIC_TARGETS = ("RU", "UA", "BY")


def other_script_positives(
    data: Path,
    entries: Sequence[ListEntry],
    builder: _Builder,
    seed: int,
    english: frozenset[str],
) -> None:
    """Other scripts: every Russian, Ukrainian and Belarusian listing written back in
    Cyrillic (persons listed "SURNAME, Given"; companies by their first name or alias whose
    words are all romanised Russian), and the UN list's names in their original script."""
    for entry in entries:
        individual = entry.entity_type == "Individual"
        countries = (persons.person_countries if individual else companies.entry_countries)(entry)
        if not any(c in CYRILLIC_TARGETS for c in countries):
            continue
        rng = _rng(seed, "other_script", entry.entry_id)
        if individual:
            person = persons.person_from_listing(entry)
            if person:
                builder.add(
                    "other_script",
                    persons.cyrillic_person(person, rng),
                    entry,
                    entry.name,
                    source_label(entry),
                )
        elif is_company(entry):
            for name in entry.names:
                made = persons.cyrillic_company(name, countries, english)
                if made:
                    builder.add("other_script", made, entry, name, source_label(entry))
                    break
    by_id = {e.entry_id: e for e in entries}
    for record in sources.un_records(data):
        entry = by_id.get(record.entry_id)
        if entry is None or not record.original:
            continue
        script = sources.script_of(record.original)
        if script in ("LATIN", ""):
            continue
        made = Made(record.original, f"un_original_{script.lower()}", "UN NAME_ORIGINAL_SCRIPT")
        builder.add("other_script", made, entry, entry.name, "UN")


def pair_positives(data: Path) -> list[LabelledQuery]:
    """The cross-script pairs (rigour's spellings of one name, watchman's test pairs): each
    query against its listed form alone. A Latin-script spelling of rigour's file is another
    romanisation, the rest are other scripts."""
    queries = []
    for pair in sources.cross_script_pairs(data):
        latin = sources.script_of(pair.query) == "LATIN"
        queries.append(
            LabelledQuery(
                query=pair.query,
                kind=POSITIVE,
                variant="transliteration" if latin else "other_script",
                expected=(),
                note=f"{pair.source}: against '{pair.listed}'",
                rule=f"pair_{pair.source}",
                half=half_of(_key(pair.listed)),
                against=pair.listed,
                against_person=True,
                listing=pair.listed,
            )
        )
    return queries


def chinese_positives(
    data: Path, entries: Sequence[ListEntry], index: dict[str, set[str]]
) -> tuple[list[LabelledQuery], int]:
    """Chinese-script names whose English name is a listed name: casslab's native names
    (EL records also expect their own `el-<source_row>`), the bilingual pairs and the
    A-share list. Returns them, and how many were left out because one Chinese name stands
    for several different English names (a parent group's name on each of its institutes
    says which group, not which entry)."""
    ids = {entry.entry_id for entry in entries}
    found: dict[str, tuple[set[str], set[str], list[str], list[str]]] = {}
    for name in sources.chinese_names(data):
        expected = set(index.get(_key(name.english), set()))
        if name.entry_hint in ids:
            expected.add(name.entry_hint)
        if not expected:
            continue
        slot = found.setdefault(name.chinese, (set(), set(), [], []))
        slot[0].update(expected)
        slot[1].add(_key(name.english))
        slot[2].append(f"{name.source} {name.detail} '{name.english}'".replace("  ", " "))
        slot[3].append(name.source)
    queries = [
        LabelledQuery(
            query=chinese,
            kind=POSITIVE,
            variant="chinese_script",
            expected=tuple(sorted(expected)),
            note="; ".join(notes),
            rule="+".join(sorted(set(origins))),
            half=half_of(next(iter(english_forms))),
            listing=next(iter(english_forms)),
        )
        for chinese, (expected, english_forms, notes, origins) in sorted(found.items())
        if len(english_forms) == 1
    ]
    return queries, len(found) - len(queries)


# -- negatives ----------------------------------------------------------------------------


def real_company_names(data: Path) -> list[tuple[str, str]]:
    """(name, file) of every distinct SEC ticker title and S&P 500 security name."""
    names: dict[str, tuple[str, str]] = {}
    sec = json.loads((data / SEC_FILE).read_text(encoding="utf-8"))
    for value in sec.values():
        title = str(value.get("title", "")).strip()
        if title:
            names.setdefault(title.casefold(), (title, "sec_company_tickers"))
    with (data / SP500_FILE).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            security = (row.get("Security") or "").strip()
            if security:
                names.setdefault(security.casefold(), (security, "sp500_constituents"))
    return sorted(names.values())


#: Listings of these countries name themselves in English (with pinyin or other proper
#: nouns): the long words of their names are taken as English words, beside the real
#: English company names.
_ENGLISH_NAMING = ("CN", "HK", "SG", "GB", "US", "IN", "TW", "JP", "KR", "MY", "AU", "CA")


def english_words(data: Path, entries: Iterable[ListEntry] = ()) -> frozenset[str]:
    """Words of real English company names: the SEC titles and S&P 500 names (3 letters or
    more), and the words of 4 letters or more of listed company names from countries that
    name companies in English. A word found there is English, and a name written in another
    script or romanisation translates it rather than transliterating it."""
    words = {
        w
        for name, _ in real_company_names(data)
        for w in _ALPHA_WORD.findall(name.lower())
        if len(w) >= 3
    }
    for entry in entries:
        if is_company(entry) and any(c in _ENGLISH_NAMING for c in entry.countries):
            words.update(w for w in _ALPHA_WORD.findall(entry.name.lower()) if len(w) >= 4)
    return frozenset(words | {"of", "and", "the", "for"})


def arabic_name_words(entries: Iterable[ListEntry], english: frozenset[str]) -> frozenset[str]:
    """Words of listed individuals' names from Arabic-script countries (real romanised
    Arabic, Persian and Pashto names), less English words: the words of a company name that
    another romanisation of Arabic may spell otherwise."""
    from labelled_tables import ARABIC_SCRIPT_COUNTRIES

    words: set[str] = set()
    for entry in entries:
        if entry.entity_type == "Individual" and any(
            c in ARABIC_SCRIPT_COUNTRIES for c in companies.entry_countries(entry)
        ):
            for name in entry.names:
                words.update(w.strip("'-") for w in re.findall(r"[a-z'-]{3,}", name.lower()))
    return frozenset(words - english)


def listed_generic_words(entries: Iterable[ListEntry]) -> frozenset[str]:
    """Words found in at least GENERIC_MIN_ENTRIES listed entity names (legal forms aside)."""
    counts: Counter[str] = Counter()
    for entry in entries:
        if is_company(entry):
            counts.update({w for w in _WORD.findall(entry.name.casefold()) if len(w) >= 3})
    return frozenset(
        w
        for w, n in counts.items()
        if n >= GENERIC_MIN_ENTRIES and w not in _LEGAL_WORDS | _STOP and not w.isdigit()
    )


def negatives(
    data: Path, index: dict[str, set[str]], generic: frozenset[str]
) -> tuple[list[LabelledQuery], list[str]]:
    """Real company names not on the list, and those dropped because their form is listed."""
    queries: list[LabelledQuery] = []
    dropped: list[str] = []
    for name, origin in real_company_names(data):
        if _key(name) in index:
            dropped.append(name)
            continue
        shared = sorted(set(_WORD.findall(name.casefold())) & generic)
        note = origin + (f"; generic words shared: {', '.join(shared)}" if shared else "")
        queries.append(
            LabelledQuery(
                query=name,
                kind=NEGATIVE,
                variant="hard_generic" if shared else "plain",
                expected=(),
                note=note,
                half=half_of(_key(name)),
            )
        )
    return queries, dropped


#: Legal-form endings of Chinese company names (joint-stock limited company, limited
#: company, group...), left out when Chinese names of two sources are compared.
_CHINESE_FORMS = re.compile(r"(股份有限公司|有限责任公司|有限公司|集团|公司)+$")
#: A short name of this many characters or more is distinctive enough to be looked for, in
#: pinyin, among listed names (two or three characters are the names of many companies).
MIN_SHORT_NAME = 4


def _pinyin_runs(entries: Iterable[ListEntry], generic: frozenset[str]) -> dict[str, set[str]]:
    """Runs of consecutive words of listed names and aliases, written without spaces ->
    entry ids, for runs holding every distinctive (non-generic) word of their name."""
    runs: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        for name in entry.names:
            words = _key(name).split()
            distinctive = [i for i, w in enumerate(words) if w not in generic]
            if not distinctive:
                continue
            for i in range(distinctive[0] + 1):
                for j in range(distinctive[-1] + 1, len(words) + 1):
                    runs["".join(words[i:j])].add(entry.entry_id)
    return runs


def chinese_negatives(
    data: Path, entries: Sequence[ListEntry]
) -> tuple[list[LabelledQuery], list[tuple[str, str, str]]]:
    """Unlisted Chinese companies by their full Chinese names (the A-share list), and the
    A-share companies left out as listed, with the reason. An A-share company is listed when
    (1) its registered English name, in the labelling's normal form (`_key`: case, dots,
    legal forms and stop words folded), is a listed name or alias in that form, or differs
    from one only by plural endings ("Communications" / "Communication",
    `_plurals_folded`); or (2) another source (casslab's native names, the bilingual pairs)
    gives its Chinese name, legal form aside, to an English name that is listed; or (3) the
    pinyin of its short name
    (MIN_SHORT_NAME characters or more) is a run of whole words of a listed name holding all
    of that name's distinctive words: the Entity List names many Chinese companies by the
    pinyin of their names ("Huahai Qingke" for 华海清科). A generic word (in
    GENERIC_MIN_ENTRIES listed names or more: "Beijing", "Technology") is not distinctive."""
    from pypinyin import lazy_pinyin

    index = entries_by_name(entries)
    folded = {_plurals_folded(key) for key in index}
    others = {
        _CHINESE_FORMS.sub("", n.chinese): n.english
        for n in sources.chinese_names(data)
        if n.source != "a_share_companies_half" and _key(n.english) in index
    }
    runs = _pinyin_runs(entries, listed_generic_words(entries))
    queries: list[LabelledQuery] = []
    listed: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for row in sources.a_share_companies(data):
        chinese, english = row.get("chinese_name", "").strip(), row.get("english_name", "")
        if not chinese or chinese in seen:
            continue
        seen.add(chinese)
        short = re.sub(r"^\*?ST|[Ａ-Ｚa-zA-Z]+$", "", row.get("short_name", "")).strip()
        pinyin = "".join(lazy_pinyin(short)) if len(_HAN.findall(short)) >= MIN_SHORT_NAME else ""
        if _key(english) in index:
            reason = "English name listed"
        elif _plurals_folded(_key(english)) in folded:
            reason = "English name listed, but for a plural"
        elif _CHINESE_FORMS.sub("", chinese) in others:
            reason = f"Chinese name given to listed '{others[_CHINESE_FORMS.sub('', chinese)]}'"
        elif pinyin and pinyin in runs and len(_HAN.findall(short)) == len(short):
            reason = f"short name {short} in pinyin on {', '.join(sorted(runs[pinyin]))}"
        else:
            reason = ""
        if reason:
            listed.append((chinese, english, reason))
            continue
        queries.append(
            LabelledQuery(
                query=chinese,
                kind=NEGATIVE,
                variant="a_share",
                expected=(),
                note=f"{row.get('code', '')} '{english}'",
                half=half_of(_key(chinese)),
            )
        )
    return queries, listed


#: yente's candidate-generation benchmark: UN-listed persons, and the same rows "treated"
#: with typos and names reordered (row i of one file is row i of the other).
UN_PERSONS = Path("labelled_pairs") / "yente_benchmark_positives_un_untreated.csv"
UN_PERSONS_TREATED = Path("labelled_pairs") / "yente_benchmark_positives_un_treated.csv"


def un_person_positives(data: Path, entries: Sequence[ListEntry]) -> list[LabelledQuery]:
    """Persons: each treated UN name that differs from its untreated one, expected to hit
    the entries carrying the untreated name. Kept apart from the labelled set, so that its
    figures stay comparable from run to run; split in halves like it."""
    if not (data / UN_PERSONS).is_file() or not (data / UN_PERSONS_TREATED).is_file():
        return []
    index = entries_by_name(entries)
    with (data / UN_PERSONS).open(encoding="utf-8", newline="") as handle:
        plain = [row["full_name"] for row in csv.DictReader(handle)]
    with (data / UN_PERSONS_TREATED).open(encoding="utf-8", newline="") as handle:
        treated = [row["full_name"] for row in csv.DictReader(handle)]
    queries = []
    for listed, query in zip(plain, treated, strict=True):
        expected = index.get(_key(listed))
        if expected and query != listed:
            queries.append(
                LabelledQuery(
                    query=query,
                    kind=POSITIVE,
                    variant="un_person",
                    expected=tuple(sorted(expected)),
                    note=f"yente UN person '{listed}'",
                    half=half_of(_key(listed)),
                )
            )
    return queries


#: yente's benchmark of US Congress members: persons on no sanctions list, many with common
#: names, so a test of false alarms on persons.
US_CONGRESS = Path("labelled_pairs") / "yente_benchmark_positives_us_congress_untreated.csv"


def person_negatives(data: Path) -> list[LabelledQuery]:
    """US Congress members' names: persons who must not hit the lists."""
    if not (data / US_CONGRESS).is_file():
        return []
    with (data / US_CONGRESS).open(encoding="utf-8", newline="") as handle:
        names = sorted({row["full_name"].strip() for row in csv.DictReader(handle)} - {""})
    return [
        LabelledQuery(
            query=n,
            kind=NEGATIVE,
            variant="us_congress",
            expected=(),
            note="",
            half=half_of(_key(n)),
        )
        for n in names
    ]


#: yente's synthetic person names (qarin's screening fixtures): names made up in many
#: scripts, on no list by construction, though a common one may be a listed person's name
#: too (حسین موسوی, Hossein Mousavi). The first `SYNTHETIC_PERSONS` of each file are read.
SYNTHETIC_PERSON_FILES = tuple(
    Path("negatives") / f"yente_synthetic_persons_negatives_{region}.csv.gz"
    for region in ("global", "us")
)
SYNTHETIC_PERSONS = 5000


def synthetic_person_negatives(data: Path) -> list[LabelledQuery]:
    """yente's synthetic person names (`SYNTHETIC_PERSON_FILES`), the script of each name in
    its note."""
    import gzip

    queries: list[LabelledQuery] = []
    for path in SYNTHETIC_PERSON_FILES:
        if not (data / path).is_file():
            continue
        with gzip.open(data / path, "rt", encoding="utf-8", newline="") as handle:
            rows = islice(csv.DictReader(handle), SYNTHETIC_PERSONS)
            names = [row["full_name"].strip() for row in rows]
        queries.extend(
            LabelledQuery(
                query=n,
                kind=NEGATIVE,
                variant="synthetic_person",
                expected=(),
                note=sources.script_of(n) or "?",
                half=half_of(_key(n)),
            )
            for n in names
            if n
        )
    return queries


def build_labelled_set(
    data: Path, entries: Sequence[ListEntry], seed: int = DEFAULT_SEED
) -> LabelledSet:
    """The whole labelled set: the same data and seed always give the same queries, and the
    same listing always falls in the same half whatever the seed."""
    rng = random.Random(seed)
    index = entries_by_name(entries)
    bases = base_entities(entries, rng)
    people = base_persons(data, entries, rng)
    english = english_words(data, entries)
    builder = _Builder(index)
    variant_positives(bases, entries, builder, seed, english)
    person_positives(people, builder, seed, english)
    other_script_positives(data, entries, builder, seed, english)
    chinese, chinese_ambiguous = chinese_positives(data, entries, index)
    positives = builder.queries + pair_positives(data) + chinese
    order = {v: i for i, v in enumerate(VARIANT_TYPES)}
    positives.sort(key=lambda q: order[q.variant])
    generic = listed_generic_words(entries)
    negative_queries, dropped = negatives(data, index, generic)
    return LabelledSet(
        queries=tuple(positives + negative_queries),
        base_names=Counter(source_label(e) for e in bases),
        negatives_dropped=tuple(dropped),
        generic_words=generic,
        chinese_ambiguous=chinese_ambiguous,
        base_persons=Counter(source_label(p.entry) for p, _ in people),
    )


def sample_queries(
    labelled: LabelledSet, per_kind: int, seed: int, half: str = HELDOUT
) -> tuple[list[LabelledQuery], list[LabelledQuery]]:
    """Up to `per_kind` positives of one half, spread evenly over variant types (pairs of
    names left out: they are not queries against the lists), and `per_kind` negatives of
    that half drawn uniformly (so the share of hard negatives is that of the real names)."""
    rng = random.Random(seed)
    pools = {
        v: [q for q in in_half(labelled.of(POSITIVE, v), half) if not q.against]
        for v in VARIANT_TYPES
    }
    for pool in pools.values():
        rng.shuffle(pool)
    positives: list[LabelledQuery] = []
    while len(positives) < per_kind and any(pools.values()):
        for variant in VARIANT_TYPES:
            if pools[variant] and len(positives) < per_kind:
                positives.append(pools[variant].pop())
    negative_pool = in_half(labelled.of(NEGATIVE), half)
    negative_sample = rng.sample(negative_pool, min(per_kind, len(negative_pool)))
    return positives, negative_sample


def describe(labelled: LabelledSet) -> list[str]:
    """Lines saying what the set holds."""
    counts = Counter((q.kind, q.variant) for q in labelled.queries)
    halves = Counter((q.kind, q.half) for q in labelled.queries)
    bases = ", ".join(f"{s} {n}" for s, n in sorted(labelled.base_names.items()))
    people = ", ".join(f"{s} {n}" for s, n in sorted(labelled.base_persons.items()))
    positives = sum(n for (k, _), n in counts.items() if k == POSITIVE)
    negatives_ = sum(n for (k, _), n in counts.items() if k == NEGATIVE)
    return [
        f"positives: {positives} (held-out {halves[(POSITIVE, HELDOUT)]}, "
        f"dev {halves[(POSITIVE, DEV)]}): "
        + ", ".join(f"{v} {counts[(POSITIVE, v)]}" for v in VARIANT_TYPES),
        f"  varied listed entity names: {sum(labelled.base_names.values())} ({bases})",
        f"  varied listed individuals: {sum(labelled.base_persons.values())} ({people})",
        "  chinese_script: Chinese names (casslab, bilingual pairs, A-share list) whose English "
        f"name is listed; {labelled.chinese_ambiguous} left out (one Chinese name for several "
        "English names)",
        f"negatives: {negatives_} (held-out {halves[(NEGATIVE, HELDOUT)]}, "
        f"dev {halves[(NEGATIVE, DEV)]}): "
        + ", ".join(f"{v} {counts[(NEGATIVE, v)]}" for v in NEGATIVE_TYPES)
        + f"; {len(labelled.negatives_dropped)} real names dropped because their normalised "
        "form is a normalised listed name",
        f"  generic words (in >= {GENERIC_MIN_ENTRIES} listed entity names): "
        f"{len(labelled.generic_words)}",
        f"split: {SPLIT_SALT!r} hashed with the listing's normalised name (negatives: their "
        "own); all variants of one listing in one half",
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, help="write the set as CSV to this file")
    args = parser.parse_args(argv)
    data = data_dir_or_exit(args.data)

    from screening.lists import load_list

    snapshot = load_list(data / LIST_FILE)
    labelled = build_labelled_set(data, snapshot.entries, args.seed)
    print(f"list: {data / LIST_FILE} ({snapshot.entry_count} entries); seed {args.seed}")
    print("\n".join(describe(labelled)))
    print("  dropped negatives:", "; ".join(labelled.negatives_dropped) or "none")
    print("  generic words:", ", ".join(sorted(labelled.generic_words)))
    examples = random.Random(args.seed)
    for variant in (*VARIANT_TYPES, *NEGATIVE_TYPES):
        pool = [q for q in labelled.queries if q.variant == variant]
        for q in examples.sample(pool, min(3, len(pool))):
            print(f"  e.g. {variant:18} {q.query!r}  [{q.rule}: {q.note}]")
    if args.out:
        with args.out.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(
                [
                    "query",
                    "kind",
                    "variant",
                    "rule",
                    "half",
                    "expected_entry_ids",
                    "against",
                    "note",
                ]
            )
            for q in labelled.queries:
                writer.writerow(
                    [
                        q.query,
                        q.kind,
                        q.variant,
                        q.rule,
                        q.half,
                        ";".join(q.expected),
                        q.against,
                        q.note,
                    ]
                )
        print(f"wrote {len(labelled.queries)} rows to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
