"""The candidate index: which listed names are worth scoring for a query name.

Scoring a name against every name on the lists (tens of thousands) is exact but slow. The
index proposes only the listed names that could reach the score asked for:

* every word of every listed name is indexed, with its one-letter deletions, so a query
  word finds the listed words within one edit ("huawai" -> "huawei") in a few look-ups;
* names reached through an informative word are kept when an upper bound of their score
  (all their generic words counted as found) reaches the minimum score;
* names reached only through generic words ("china", "trading") are looked at only when
  the query itself is made mostly of generic words, since otherwise they cannot reach it;
* names whose two neighbouring words, written together, equal a query word (or the other
  way round) are always scored: "Inspur Taiwan" / "InspurTaiwan".

`AllNames` is the exact reference: it proposes every name. Tests compare the two.
The prepared names and the index are saved to disk keyed by the lists' sha256 and the
normalisation data, so a second run starts without rebuilding them.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Protocol

from rapidfuzz import fuzz

from screening.models import ListEntry
from screening.normalize import NameForm, name_form, name_tokens
from screening.similarity import (
    GENERIC_WEIGHT,
    JOINED_FLOOR,
    SHORT_WORD,
    singular,
    word_similarity,
    word_weight,
)

#: Bumped whenever the layout of the saved index or the way names are prepared changes,
#: so that an index saved by another version is rebuilt rather than misread.
INDEX_FORMAT = 1

#: A query word matches at most this many listed words of one name in the score's
#: coverage sum ("trading" meets both "trade" and "trading"); used in the generic bound.
MAX_WORDS_PER_QUERY_WORD = 2

_PARENTHESES = re.compile(r"\(([^()]*)\)")


def name_variants(name: str) -> list[tuple[str, bool]]:
    """The forms of a listed name worth comparing on their own, each flagged when partial.

    Lists put acronyms and qualifiers in parentheses ("Academy of Aerospace Solid
    Propulsion Technology (AASPT)", "Inspur (Beijing) ...") and follow some names with
    "; and any successor...". The name without the trailing clause is compared as a whole
    name; the name without its parentheses, and an acronym inside them, are compared as
    partial names (they leave part of the listed name out). Text in parentheses made only of
    generic words ("(Hong Kong)", "(Beijing)") is no name of its own and is not compared alone.
    """
    head = name.split(";", 1)[0].strip()
    variants = [(name, False), (head, False)]
    if _PARENTHESES.search(head):
        variants.append((" ".join(_PARENTHESES.sub(" ", head).split()), True))
        for inner in _PARENTHESES.findall(head):
            words = name_tokens(inner)
            if any(word_weight(w) == 1.0 and len(w) > 1 for w in words):
                variants.append((inner.strip(), True))
    seen: dict[str, bool] = {}
    for text, partial in variants:
        if text and text not in seen:
            seen[text] = partial
    return list(seen.items())


@dataclass(frozen=True, slots=True)
class PreparedName:
    """One comparable form of one name of one entry."""

    entry_index: int
    listed_name: str
    form: NameForm
    partial: bool = False


def prepare_names(entries: Sequence[ListEntry]) -> tuple[PreparedName, ...]:
    """Every comparable form of every name and alias of the entries, without repeats."""
    names: list[PreparedName] = []
    for index, entry in enumerate(entries):
        seen: set[tuple[str, ...]] = set()
        for listed in entry.names:
            for variant, partial in name_variants(listed):
                form = name_form(variant)
                if form.tokens and form.tokens not in seen:
                    seen.add(form.tokens)
                    names.append(PreparedName(index, listed, form, partial))
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


class NameIndex:
    """Blocking index over prepared names (see the module docstring for how it decides)."""

    def __init__(self, names: Sequence[PreparedName]) -> None:
        vocab: dict[str, int] = {}
        postings: list[list[int]] = []
        joins: defaultdict[str, list[int]] = defaultdict(list)
        self.name_total: list[float] = []
        self.name_generic: list[float] = []
        self.token_count: list[int] = []
        self.joined: list[str] = []
        for position, prepared in enumerate(names):
            tokens = prepared.form.tokens
            self.token_count.append(len(tokens))
            self.joined.append(prepared.form.joined)
            for token in tokens:
                token_id = vocab.setdefault(token, len(vocab))
                if token_id == len(postings):
                    postings.append([])
                postings[token_id].append(position)
            weights = [word_weight(t) for t in tokens]
            self.name_total.append(sum(weights))
            self.name_generic.append(sum(w for w in weights if w < 1.0))
            for left, right in zip(tokens, tokens[1:], strict=False):
                for key in _lookup_keys(left + right):
                    joins[key].append(position)
        self.vocab = vocab
        self.words: list[str] = list(vocab)
        self.generic: list[bool] = [word_weight(w) < 1.0 for w in self.words]
        self.postings = postings
        self.joins: dict[str, list[int]] = dict(joins)
        deletions: defaultdict[str, list[int]] = defaultdict(list)
        for word, token_id in vocab.items():
            if len(word) > SHORT_WORD:
                for key in _lookup_keys(word):
                    deletions[key].append(token_id)
        self.deletions: dict[str, list[int]] = dict(deletions)

    def similar_words(self, word: str) -> list[tuple[int, float]]:
        """Listed words similar to `word` (equal, plural, one edit), with their similarity."""
        found: dict[int, float] = {}
        exact = self.vocab.get(word)
        if exact is not None:
            found[exact] = 1.0
        if len(word) > SHORT_WORD:
            for key in _lookup_keys(word):
                for token_id in self.deletions.get(key, ()):
                    if token_id not in found:
                        similarity = word_similarity(word, self.words[token_id])
                        if similarity:
                            found[token_id] = similarity
        return list(found.items())

    def candidates(self, query: NameForm, min_score: float) -> Iterable[int]:
        floor = min_score / 100.0
        counts: dict[str, int] = {}
        for token in query.tokens:
            counts[token] = counts.get(token, 0) + 1
        total_q = sum(word_weight(t) * n for t, n in counts.items())
        found_q: defaultdict[int, float] = defaultdict(float)
        found_l: defaultdict[int, float] = defaultdict(float)
        # Query words that meet a generic listed word: their postings are long, so they are
        # walked only when the query could reach `min_score` through such words alone.
        deferred: list[tuple[float, int, float]] = []
        generic_q = 0.0  # query weight that generic listed words may account for
        generic_words_q = 0  # how many query words meet a generic listed word
        for token, count in counts.items():
            weight = word_weight(token) * count
            similar = self.similar_words(token)
            if any(self.generic[t] for t, _ in similar) or (weight < count and not similar):
                generic_q += weight
                generic_words_q += count
            for token_id, similarity in similar:
                if self.generic[token_id]:
                    deferred.append((weight, token_id, similarity))
                    continue
                for position in self.postings[token_id]:
                    found_q[position] += weight * similarity
                    found_l[position] += similarity
        # Reached through an informative word: keep when the score could reach the floor
        # with every generic word of both names counted as found.
        chosen = {
            position
            for position in found_q
            if found_q[position] + generic_q + found_l[position] + self.name_generic[position]
            >= floor * (total_q + self.name_total[position])
        }
        # Reached only through generic words: the listed side can add at most
        # MAX_WORDS_PER_QUERY_WORD generic words per such query word.
        spread = GENERIC_WEIGHT * MAX_WORDS_PER_QUERY_WORD * generic_words_q
        reached = set(found_q)
        if deferred and generic_q + spread >= floor * (total_q + spread):
            generic_found_q: defaultdict[int, float] = defaultdict(float)
            generic_found_l: defaultdict[int, float] = defaultdict(float)
            for weight, token_id, similarity in deferred:
                for position in self.postings[token_id]:
                    generic_found_q[position] += weight * similarity
                    generic_found_l[position] += GENERIC_WEIGHT * similarity
            for position, listed_found in generic_found_l.items():
                reached.add(position)
                bound = found_q[position] + generic_found_q[position]
                bound += found_l[position] + listed_found
                if bound >= floor * (total_q + self.name_total[position]):
                    chosen.add(position)
        # Spelling without spaces scores names cut into a different number of words: check
        # it for every name reached, and propose names whose neighbouring words joined equal
        # a query word, or whose word equals two query words joined.
        size = len(query.tokens)
        joined = query.joined
        cutoff = max(min_score, JOINED_FLOOR)
        for position in reached - chosen:
            if self.token_count[position] != size and (
                fuzz.ratio(joined, self.joined[position], score_cutoff=cutoff)
            ):
                chosen.add(position)
        for token in counts:
            for key in _lookup_keys(token):
                chosen.update(self.joins.get(key, ()))
        for left, right in zip(query.tokens, query.tokens[1:], strict=False):
            for token_id, _ in self.similar_words(left + right):
                chosen.update(self.postings[token_id])
        return chosen


def normalisation_fingerprint() -> str:
    """A digest of everything that decides how names are prepared: data files and format."""
    digest = hashlib.sha256(f"index-format-{INDEX_FORMAT}".encode())
    data = resources.files("screening") / "data"
    for item in sorted(data.iterdir(), key=lambda p: p.name):
        if item.is_file() and item.name.endswith((".txt", ".tsv", ".csv")):
            digest.update(item.name.encode())
            digest.update(item.read_bytes())
    for module in ("normalize.py", "similarity.py", "index.py"):
        digest.update((resources.files("screening") / module).read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class PreparedLists:
    """The prepared names of a set of list snapshots and their index, as saved on disk."""

    names: tuple[PreparedName, ...]
    index: NameIndex


def cache_key(list_digests: Sequence[str]) -> str:
    """The file name under which the prepared lists of these list versions are saved."""
    digest = hashlib.sha256(normalisation_fingerprint().encode())
    for item in list_digests:
        digest.update(item.encode())
    return f"index-{digest.hexdigest()[:32]}.pickle"


def load_prepared(
    entries: Sequence[ListEntry], list_digests: Sequence[str], cache_dir: Path | None
) -> PreparedLists:
    """Prepared names and index for these entries, from the cache when it holds them.

    A cache file that cannot be read (another version, a partial write from elsewhere) is
    ignored and replaced; the cache is written atomically so readers never see half a file.
    """
    path = cache_dir / cache_key(list_digests) if cache_dir is not None else None
    if path is not None and path.is_file():
        try:
            with path.open("rb") as handle:
                cached = pickle.load(handle)
            if isinstance(cached, PreparedLists) and len(cached.index.name_total) == len(
                cached.names
            ):
                return cached
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
            pass
    names = prepare_names(entries)
    prepared = PreparedLists(names=names, index=NameIndex(names))
    if path is not None:
        _write_atomically(path, prepared)
    return prepared


def _write_atomically(path: Path, prepared: PreparedLists) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".index-", suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(prepared, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        # A cache that cannot be written only costs time on the next run.
        Path(locals().get("temporary", path.with_suffix(".none"))).unlink(missing_ok=True)
