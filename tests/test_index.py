"""The candidate index proposes every listed name that could reach the score asked for:
screening through it finds exactly what scoring every name finds."""

from __future__ import annotations

import json
import random
import re
from dataclasses import replace
from pathlib import Path

import pytest

from screening.index import (
    SCAN_QUERIES,
    AllNames,
    NameIndex,
    acronym_of,
    load_index,
    name_variants,
    prepare_names,
)
from screening.lists import load_list
from screening.match import DEFAULT_THRESHOLD, ListMatcher
from screening.models import ListEntry, ListSnapshot, Supplier
from screening.normalize import name_form


def _variants(name: str, rng: random.Random) -> list[str]:
    """A listed name as vendors might write it: words swapped, a typo, joined words."""
    words = name.split()
    out = [name, " ".join(reversed(words))]
    long_words = [i for i, w in enumerate(words) if len(w) >= 5]
    if long_words:
        i = rng.choice(long_words)
        w = words[i]
        j = rng.randrange(1, len(w) - 1)
        out.append(" ".join([*words[:i], w[:j] + w[j + 1 :], *words[i + 1 :]]))
    if len(words) >= 2:
        out.append(" ".join([words[0] + words[1], *words[2:]]))
    if long_words:  # a long word split in two ("Tech nology", "Des ign")
        i = rng.choice(long_words)
        w = words[i]
        j = rng.randrange(2, len(w) - 1)
        out.append(" ".join([*words[:i], w[:j], w[j:], *words[i + 1 :]]))
    cuts = [i for i in range(len(words) - 1) if len(words[i + 1]) >= 3]
    if cuts:  # a letter moved over a space ("Myong Chin" -> "Myongc Hin")
        i = rng.choice(cuts)
        left, right = words[i] + words[i + 1][0], words[i + 1][1:]
        out.append(" ".join([*words[:i], left, right, *words[i + 2 :]]))
    return out


#: Brute force scores every name in Python (about a second a query on the full lists), so
#: the comparison runs on a random part of the real list, large enough to hold many names
#: that share words with each other.
SUBSET = 1000


@pytest.fixture(scope="module")
def real_list(shared_data: Path):
    full = load_list(shared_data / "derived" / "real_lists_csl.csv")
    rng = random.Random(7)
    return replace(full, entries=tuple(rng.sample(full.entries, SUBSET)))


@pytest.fixture(scope="module")
def queries(shared_data: Path, real_list) -> list[str]:
    rng = random.Random(20250325)
    entities = [e for e in real_list.entries if e.entity_type != "Individual"]
    listed = [v for e in rng.sample(entities, 30) for v in _variants(e.name, rng)]
    persons = [e for e in real_list.entries if e.entity_type == "Individual"]
    people = [v for e in rng.sample(persons, 20) for v in _person_variants(e.name, rng)]
    tickers = json.loads((shared_data / "negatives" / "sec_company_tickers.json").read_text())
    clean = rng.sample(sorted({v["title"] for v in tickers.values()}), 40)
    return listed + people + clean


def _person_variants(name: str, rng: random.Random) -> list[str]:
    """A listed person's name with one short part misspelt (letters swapped or changed)."""
    words = name.split()
    short = [i for i, w in enumerate(words) if 3 <= len(w) <= 5 and w.isalpha()]
    if not short:
        return [name]
    i = rng.choice(short)
    w = words[i]
    swapped = w[0] + w[2] + w[1] + w[3:]
    changed = w[:-1] + ("x" if w[-1].lower() != "x" else "y")
    return [" ".join([*words[:i], new, *words[i + 1 :]]) for new in (swapped, changed)]


@pytest.mark.slow
@pytest.mark.parametrize("min_score", [DEFAULT_THRESHOLD, 70.0])
def test_index_finds_what_brute_force_finds(real_list, queries, min_score):
    indexed = ListMatcher([real_list])
    brute = ListMatcher([real_list], candidate_source=AllNames)
    differing = []
    for row, name in enumerate(queries, start=1):
        supplier = Supplier(row=row, name=name)
        got = {(m.entry.entry_id, m.score) for m in indexed.match(supplier, min_score=min_score)}
        want = {(m.entry.entry_id, m.score) for m in brute.match(supplier, min_score=min_score)}
        if got != want:
            differing.append((name, sorted(want - got), sorted(got - want)))
    assert not differing, differing[:5]
    assert len(queries) >= 100


def test_index_proposes_few_names(real_list, queries):
    """Blocking pays: a query is scored against a small share of the names."""
    names = prepare_names(real_list.entries)
    index = NameIndex(names)
    sizes = [len(list(index.candidates(name_form(q), DEFAULT_THRESHOLD))) for q in queries]
    assert sum(sizes) / len(sizes) < 0.02 * len(names), sum(sizes) / len(sizes)


def test_cache_round_trip(tmp_path, sample_list):
    digests = [sample_list.sha256]
    first = load_index(sample_list.entries, digests, tmp_path)
    (saved,) = list(tmp_path.iterdir())
    second = load_index(sample_list.entries, digests, tmp_path)
    assert second is not first
    assert [second.prepared(i) for i in range(len(second))] == [
        first.prepared(i) for i in range(len(first))
    ]
    assert list(tmp_path.iterdir()) == [saved]
    saved.write_bytes(b"not a pickle")  # a damaged cache is rebuilt, not trusted
    third = load_index(sample_list.entries, digests, tmp_path)
    assert len(third) == len(first)
    assert saved.read_bytes() != b"not a pickle"


def test_scan_and_tables_agree(real_list, queries):
    """The vocabulary scan (first queries) and the deletion tables find the same words."""
    scanning = NameIndex(prepare_names(real_list.entries))
    tabled = NameIndex(prepare_names(real_list.entries))
    tabled._queries = SCAN_QUERIES + 1  # as after a few queries of a batch
    words = sorted({w for q in queries for w in name_form(q).tokens})
    for word in words:
        assert sorted(scanning.similar_words(word)) == sorted(tabled.similar_words(word)), word
    assert scanning._tables is None and tabled._tables is not None


def test_cached_tables_answer_as_built_ones(sample_list, tmp_path):
    """A batch saves the deletion tables beside the index; the next batch reads them and
    finds the same near words as tables it builds itself."""
    digests = [sample_list.sha256]
    first = load_index(sample_list.entries, digests, tmp_path)
    first.build_tables()
    saved = {p.name for p in tmp_path.iterdir()}
    assert any(name.startswith("index-tables-") for name in saved)
    second = load_index(sample_list.entries, digests, tmp_path)
    second.build_tables()
    assert {p.name for p in tmp_path.iterdir()} == saved
    uncached = NameIndex(prepare_names(sample_list.entries))
    uncached.build_tables()
    words = sorted({w for e in sample_list.entries for n in e.names for w in name_form(n).tokens})
    probes = words + [w[:-1] for w in words if len(w) > 4] + ["huawai", "inspurtaiwan"]
    for word in probes:
        assert second.similar_words(word) == uncached.similar_words(word), word
    assert second._tables is not None and len(second._tables[0]) == len(uncached._tables[0])


@pytest.mark.parametrize(
    ("listed", "outside_partial", "compared_alone"),
    [
        # An acronym of four letters or more is compared alone, as a partial name; the
        # name it abbreviates is the whole name written out.
        ("Semiconductor Manufacturing International Corporation (SMIC)", False, ["SMIC"]),
        # Three letters are shared by too many companies ("TSS Inc." is not this party).
        # (It abbreviates the first words: the name is still written out in full.)
        ("Tadbir Sanaat Sharif Technology Development Center (TSS)", False, []),
        # Generic words alone name nobody: "(Hong Kong)" is not compared alone; the name
        # without them leaves a place out: partial.
        ("Arrow Electronics (Hong Kong) Co., Ltd.", True, []),
        ("Inspur (HK) Electronics", True, []),
    ],
)
def test_parenthesised_parts_compared_alone(listed, outside_partial, compared_alone):
    variants = name_variants(listed)
    outside = " ".join(re.sub(r"\([^()]*\)", " ", listed).split())
    assert (outside, outside_partial) in variants
    assert [text for text, is_partial in variants if is_partial and text != outside] == (
        compared_alone
    )


@pytest.mark.parametrize(
    ("acronym", "name"),
    [
        ("MJN", "Muhammad Jamal Network"),
        ("AQAP", "Al-Qaida in the Arabian Peninsula"),  # "in", "the" left out
        ("JuA", "Jamaat-ul-Ahrar"),  # the article ul left out
        ("CETC", "China Electronics Technology Group Corporation"),  # a generic word
        ("IRGC", "Islamic Revolutionary Guard Corps"),
        ("TSS", "Tadbir Sanaat Sharif Technology Development Center"),  # its first words
    ],
)
def test_acronyms_of_the_name(acronym, name):
    assert acronym_of(acronym, name)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("HK", "Inspur Electronics"),
        ("Beijing", "Inspur Electronics"),
        ("ABC", "Alpha Beta Gamma"),  # a distinctive word cannot be left out
        ("RGC", "Islamic Revolutionary Guard Corps"),  # nor the first one
        ("X", "Xeon"),
    ],
)
def test_other_parenthesised_texts_are_no_acronyms(text, name):
    assert not acronym_of(text, name)


def test_a_name_without_its_own_acronym_scores_as_the_whole_name():
    entries = (
        ListEntry(entry_id="1", source="test", name="MUHAMMAD JAMAL NETWORK (MJN)"),
        ListEntry(entry_id="2", source="test", name="Jamal Trading (Dubai)"),
    )
    snapshot = ListSnapshot(
        name="test", path=Path("test.csv"), sha256="0", format="csl_csv", entries=entries
    )
    matcher = ListMatcher([snapshot])

    def score(name: str, entry_id: str) -> float:
        found = matcher.match(Supplier(row=1, name=name), min_score=50)
        return max(m.score for m in found if m.entry.entry_id == entry_id)

    assert score("Muhammad Jamal Network", "1") == 100.0
    assert score("Jamal Trading", "2") < 100.0  # a place left out: partial


def test_a_part_made_of_generic_words_is_not_compared_alone():
    """Outside its parentheses "FINANCIAL CORPORATION (FINCORP INTERNATIONAL), S.A." is
    only "financial" (a legal form and a generic word): that names no party."""
    variants = dict(name_variants("FINANCIAL CORPORATION (FINCORP INTERNATIONAL), S.A."))
    assert variants == {
        "FINANCIAL CORPORATION (FINCORP INTERNATIONAL), S.A.": False,
        "FINCORP INTERNATIONAL": True,
    }


@pytest.mark.slow
def test_index_finds_branches_as_brute_force_does(real_list):
    """A name followed by a branch or office qualifier is looked up without it too."""
    rng = random.Random(14)
    entities = [e for e in real_list.entries if e.entity_type != "Individual"]
    qualifiers = ("{} Shanghai Branch", "{} (Representative Office)", "{} - Dubai Branch")
    queries = [rng.choice(qualifiers).format(e.name) for e in rng.sample(entities, 40)]
    indexed = ListMatcher([real_list])
    brute = ListMatcher([real_list], candidate_source=AllNames)
    for row, name in enumerate(queries, start=1):
        supplier = Supplier(row=row, name=name)
        got = {(m.entry.entry_id, m.score) for m in indexed.match(supplier, min_score=80.0)}
        want = {(m.entry.entry_id, m.score) for m in brute.match(supplier, min_score=80.0)}
        assert got == want, name
    assert sum(bool(name_form(q).qualifier) for q in queries) >= 30


def _screening_imports(module: str) -> set[str]:
    """The modules of `screening` that `screening/<module>.py` imports at its top level."""
    import ast

    import screening

    source = Path(screening.__file__).parent / f"{module}.py"
    found = set()
    for node in ast.parse(source.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("screening."):
            found.add(node.module.split(".")[1])
    return found


def test_the_saved_index_is_keyed_by_every_module_that_shapes_it():
    """A change to the persons', phonetic or script rules changes the words, keys and
    readings an index holds: an index saved before it must not be read after it."""
    from screening.index import INDEX_SOURCES

    seen, todo = set(), ["index"]
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo.extend(_screening_imports(module))
    # The cache (and the file helpers it writes with), the records, the defaults they carry
    # and the errors do not prepare names.
    shaping = {f"{m}.py" for m in seen} - {
        "cache.py", "models.py", "defaults.py", "errors.py", "files.py"
    }  # fmt: skip
    assert shaping <= set(INDEX_SOURCES), shaping - set(INDEX_SOURCES)
    assert {"persons.py", "phonetic.py", "scripts.py", "data"} <= set(INDEX_SOURCES)


def test_the_index_proposes_the_arabic_article_spelt_the_other_way():
    from screening.models import ListEntry, ListSnapshot

    entry = ListEntry(entry_id="e1", source="t", name="AL-SALAM SOCIETY", entity_type="Entity")
    snapshot = ListSnapshot(
        name="t", path=Path("t.csv"), sha256="0", format="csl_csv", entries=(entry,)
    )
    supplier = Supplier(row=1, name="El-Salam Society")
    hits = ListMatcher([snapshot]).match(supplier, min_score=DEFAULT_THRESHOLD)
    assert [(m.entry.entry_id, m.score) for m in hits] == [("e1", 100.0)]


@pytest.mark.parametrize("scanning", [True, False])
def test_the_index_proposes_names_spelled_with_the_querys_letters_cut_elsewhere(scanning):
    """No word of the query meets a listed word, none within an edit or two, yet the two
    are the same letters: the index proposes the name, as scoring every name would."""
    from screening.models import ListEntry, ListSnapshot

    listed = ListEntry(entry_id="e1", source="t", name="Karamelo Vostrikant", entity_type="Entity")
    other = ListEntry(entry_id="e2", source="t", name="Karamelo Trading", entity_type="Entity")
    snapshot = ListSnapshot(
        name="t", path=Path("t.csv"), sha256="0", format="csl_csv", entries=(listed, other)
    )
    query = name_form("Kara Melovos Trikant")
    index = NameIndex(prepare_names(snapshot.entries))
    if not scanning:
        index.build_tables()
    assert not any(index.similar_words(word) for word in query.tokens)
    proposed = {index.entry_of[p] for p in index.candidates(query, DEFAULT_THRESHOLD)}
    assert proposed == {0}
    supplier = Supplier(row=1, name="Kara Melovos Trikant")
    hits = ListMatcher([snapshot]).match(supplier, min_score=DEFAULT_THRESHOLD)
    assert [(m.entry.entry_id, m.score) for m in hits] == [("e1", 100.0)]
