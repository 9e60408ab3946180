"""Build a labelled set of query names for evaluating name matching, from ../shared/data.

Nothing here is stored in the repository: the set is rebuilt at run time, deterministically
for a given seed, from the real files under ../shared/data (see its PROVENANCE.md).

Positives are variants of real listed ENTITY names of `derived/real_lists_csl.csv` (persons,
vessels and aircraft are left out), each labelled with the entry ids it must hit:
legal-form changes, abbreviations, word-order swaps, one-letter typos, spacing changes and
case/punctuation noise; plus Chinese-script names from `bis/casslab_restricted_parties.json`
whose English name is a name of an entry of the derived list.

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
import json
import random
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from screening.models import ListEntry

#: The real data folder beside the checkout (../shared/data), as the tests find it.
DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
LIST_FILE = Path("derived") / "real_lists_csl.csv"
CASSLAB_FILE = Path("bis") / "casslab_restricted_parties.json"
SEC_FILE = Path("negatives") / "sec_company_tickers.json"
SP500_FILE = Path("negatives") / "sp500_constituents.csv"

DEFAULT_SEED = 20260325

#: Listed entity names taken per list (a few thousand in all, every list represented; the
#: smaller lists are taken whole).
BASE_NAMES_PER_SOURCE = 600

#: A word found in at least this many listed entity names counts as generic ("technology",
#: "international", "china"): chosen so that the hard negatives are the SEC names built on
#: the trade and place words listed names are built on, not on rarer words.
GENERIC_MIN_ENTRIES = 25

POSITIVE = "positive"
NEGATIVE = "negative"

#: Variant types of the positives, in the order they are reported.
VARIANT_TYPES = (
    "legal_form",
    "abbreviation",
    "word_order",
    "typo",
    "spacing",
    "case_punct",
    "chinese_script",
)
NEGATIVE_TYPES = ("plain", "hard_generic")

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
    """One query name, whether it must hit the list, and which entries it must hit."""

    query: str
    kind: str  # POSITIVE or NEGATIVE
    variant: str  # one of VARIANT_TYPES or NEGATIVE_TYPES
    expected: tuple[str, ...]  # entry ids a positive must hit; empty for negatives
    note: str


@dataclass(frozen=True, slots=True)
class LabelledSet:
    """The queries, and what was left out building them (reported by the scripts)."""

    queries: tuple[LabelledQuery, ...]
    base_names: Counter[str]  # listed entity names varied, per list
    negatives_dropped: tuple[str, ...]  # real negatives whose normalised form is listed
    generic_words: frozenset[str]
    chinese_ambiguous: int  # Chinese names left out: one name for several English names

    def of(self, kind: str, variant: str | None = None) -> list[LabelledQuery]:
        return [
            q for q in self.queries if q.kind == kind and (variant is None or q.variant == variant)
        ]


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


def variant_positives(
    bases: Sequence[ListEntry], index: dict[str, set[str]], rng: random.Random
) -> list[LabelledQuery]:
    """Every applicable variant of every base name, labelled with its entries."""
    queries: list[LabelledQuery] = []
    for entry in bases:
        expected = tuple(sorted(index.get(_key(entry.name), set()) | {entry.entry_id}))
        for variant, generate in GENERATORS.items():
            made = generate(entry.name, rng)
            if made is None or made[0].strip() == entry.name.strip() or not made[0].strip():
                continue
            query, note = made
            queries.append(
                LabelledQuery(
                    query=query,
                    kind=POSITIVE,
                    variant=variant,
                    expected=expected,
                    note=f"{source_label(entry)} {entry.entry_id} '{entry.name}': {note}",
                )
            )
    return queries


def chinese_positives(
    data: Path, entries: Sequence[ListEntry], index: dict[str, set[str]]
) -> tuple[list[LabelledQuery], int]:
    """Chinese-script names (casslab `name.native`) whose English name is a listed name, and
    how many were left out because they stand for several different English names."""
    records = json.loads((data / CASSLAB_FILE).read_text(encoding="utf-8"))
    ids = {entry.entry_id for entry in entries}
    found: dict[str, tuple[set[str], set[str], list[str]]] = {}
    for record in records:
        native = ((record.get("name") or {}).get("native") or "").strip()
        english = (record.get("name") or {}).get("english") or ""
        if not _HAN.search(native) or not english:
            continue
        expected = set(index.get(_key(english), set()))
        source = record.get("source") or {}
        if source.get("list_id") == "us-bis-entity-list":
            # The derived list's EL rows carry the casslab row as "el-<source_row>".
            own = f"el-{source.get('source_row')}"
            if own in ids:
                expected.add(own)
        if not expected:
            continue
        slot = found.setdefault(native, (set(), set(), []))
        slot[0].update(expected)
        slot[1].add(_key(english))
        slot[2].append(f"{source.get('list_id')} row {source.get('source_row')} '{english}'")
    queries = [
        LabelledQuery(
            query=native,
            kind=POSITIVE,
            variant="chinese_script",
            expected=tuple(sorted(expected)),
            note="casslab " + "; ".join(notes),
        )
        for native, (expected, english_forms, notes) in sorted(found.items())
        # One Chinese name given to several different English names (a parent group's name
        # on each of its institutes) says which group, not which entry: left out.
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
            )
        )
    return queries, dropped


#: yente's candidate-generation benchmark: UN-listed persons, and the same rows "treated"
#: with typos and names reordered (row i of one file is row i of the other).
UN_PERSONS = Path("labelled_pairs") / "yente_benchmark_positives_un_untreated.csv"
UN_PERSONS_TREATED = Path("labelled_pairs") / "yente_benchmark_positives_un_treated.csv"


def un_person_positives(data: Path, entries: Sequence[ListEntry]) -> list[LabelledQuery]:
    """Persons: each treated UN name that differs from its untreated one, expected to hit
    the entries carrying the untreated name. Kept apart from the labelled set (which varies
    entity names only), so that its figures stay comparable from run to run."""
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
        LabelledQuery(query=n, kind=NEGATIVE, variant="us_congress", expected=(), note="")
        for n in names
    ]


def build_labelled_set(
    data: Path, entries: Sequence[ListEntry], seed: int = DEFAULT_SEED
) -> LabelledSet:
    """The whole labelled set: the same data and seed always give the same queries."""
    rng = random.Random(seed)
    index = entries_by_name(entries)
    bases = base_entities(entries, rng)
    chinese, chinese_ambiguous = chinese_positives(data, entries, index)
    positives = variant_positives(bases, index, rng) + chinese
    generic = listed_generic_words(entries)
    negative_queries, dropped = negatives(data, index, generic)
    return LabelledSet(
        queries=tuple(positives + negative_queries),
        base_names=Counter(source_label(e) for e in bases),
        negatives_dropped=tuple(dropped),
        generic_words=generic,
        chinese_ambiguous=chinese_ambiguous,
    )


def sample_queries(
    labelled: LabelledSet, per_kind: int, seed: int
) -> tuple[list[LabelledQuery], list[LabelledQuery]]:
    """Up to `per_kind` positives, spread evenly over variant types, and `per_kind` negatives
    drawn uniformly (so the share of hard negatives is that of the real names)."""
    rng = random.Random(seed)
    pools = {v: labelled.of(POSITIVE, v) for v in VARIANT_TYPES}
    for pool in pools.values():
        rng.shuffle(pool)
    positives: list[LabelledQuery] = []
    while len(positives) < per_kind and any(pools.values()):
        for variant in VARIANT_TYPES:
            if pools[variant] and len(positives) < per_kind:
                positives.append(pools[variant].pop())
    negative_pool = labelled.of(NEGATIVE)
    negative_sample = rng.sample(negative_pool, min(per_kind, len(negative_pool)))
    return positives, negative_sample


def describe(labelled: LabelledSet) -> list[str]:
    """Lines saying what the set holds."""
    counts = Counter((q.kind, q.variant) for q in labelled.queries)
    bases = ", ".join(f"{s} {n}" for s, n in sorted(labelled.base_names.items()))
    lines = [
        f"positives: {sum(n for (k, _), n in counts.items() if k == POSITIVE)} "
        f"({', '.join(f'{v} {counts[(POSITIVE, v)]}' for v in VARIANT_TYPES)})",
        f"  varied listed entity names: {sum(labelled.base_names.values())} ({bases})",
        f"  chinese_script: casslab native names whose English name is listed; "
        f"{labelled.chinese_ambiguous} left out (one Chinese name for several English names)",
        f"negatives: {sum(n for (k, _), n in counts.items() if k == NEGATIVE)} "
        f"({', '.join(f'{v} {counts[(NEGATIVE, v)]}' for v in NEGATIVE_TYPES)}); "
        f"{len(labelled.negatives_dropped)} real names dropped because their normalised "
        "form is a normalised listed name",
        f"  generic words (in >= {GENERIC_MIN_ENTRIES} listed entity names): "
        f"{len(labelled.generic_words)}",
    ]
    return lines


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
            print(f"  e.g. {variant:14} {q.query!r}  [{q.note}]")
    if args.out:
        with args.out.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["query", "kind", "variant", "expected_entry_ids", "note"])
            for q in labelled.queries:
                writer.writerow([q.query, q.kind, q.variant, ";".join(q.expected), q.note])
        print(f"wrote {len(labelled.queries)} rows to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
