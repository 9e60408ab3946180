"""Turn a party name into a comparable form: the same name written two ways should meet.

The steps run in this order, each a plain function:
1. `fold_text`: Unicode NFKC (full-width letters, ligatures), case folding, accents removed.
2. `strip_han_legal_forms` and `transliterate_han`: Chinese legal forms removed, common
   company words glossed into English, other Chinese characters written in pinyin.
3. `tokenize`: dots dropped ("Co." -> "co", "S.A." -> "sa"), other punctuation split words.
4. `drop_legal_forms`: "Co., Ltd.", "Company Limited", "GmbH", "OOO"... removed; a name
   made only of legal forms is left as it is. Stop words ("of", "the", "and") go too.
Reference data (legal forms, generic words, the Chinese glossary) lives in `screening/data/`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from pypinyin import lazy_pinyin

#: Words that join a name but tell nothing about it ("Bank of China" = "China Bank").
STOP_WORDS = frozenset({"of", "the", "and", "for", "de", "du", "des", "la", "le", "und", "der"})

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_TOKEN = re.compile(r"[^\W_]+")


def _data_lines(filename: str) -> list[str]:
    text = (resources.files("screening") / "data" / filename).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


@cache
def legal_forms() -> tuple[tuple[str, ...], ...]:
    """Latin-script legal forms as token tuples, longest first."""
    forms = {
        tuple(line.split()) for line in _data_lines("legal_forms.txt") if not _HAN.search(line)
    }
    return tuple(sorted(forms, key=len, reverse=True))


@cache
def han_legal_forms() -> tuple[str, ...]:
    """Chinese legal forms, longest first."""
    forms = {line for line in _data_lines("legal_forms.txt") if _HAN.search(line)}
    return tuple(sorted(forms, key=len, reverse=True))


@cache
def generic_words() -> frozenset[str]:
    """Low-information words, weighted down when names are compared."""
    return frozenset(_data_lines("generic_words.txt"))


@cache
def han_glossary() -> dict[str, str]:
    """Chinese word -> English gloss, from `zh_glossary.tsv`."""
    pairs = (line.split("\t", 1) for line in _data_lines("zh_glossary.tsv"))
    return {zh.strip(): en.strip() for zh, en in pairs}


def fold_text(text: str) -> str:
    """NFKC, case folding and accent removal, so "ＨＵＡＷＥＩ" and "Huawéi" read "huawei"."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    decomposed = unicodedata.normalize("NFKD", folded)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFKC", stripped)


def strip_han_legal_forms(text: str) -> str:
    """Remove Chinese legal forms (有限公司, 股份有限公司 ...) wherever they stand."""
    for form in han_legal_forms():
        text = text.replace(form, " ")
    return text


def _transliterate_run(run: str) -> list[str]:
    """Gloss known words of one run of Chinese characters (longest first), pinyin the rest."""
    glossary = han_glossary()
    longest = max((len(k) for k in glossary), default=0)
    words: list[str] = []
    pending = ""  # characters with no gloss, written in pinyin as one word
    i = 0
    while i < len(run):
        for size in range(min(longest, len(run) - i), 0, -1):
            gloss = glossary.get(run[i : i + size])
            if gloss is not None:
                if pending:
                    words.append("".join(lazy_pinyin(pending)))
                    pending = ""
                words.append(gloss)
                i += size
                break
        else:
            pending += run[i]
            i += 1
    if pending:
        words.append("".join(lazy_pinyin(pending)))
    return words


def transliterate_han(text: str) -> str:
    """Write Chinese characters in Latin letters: glossary words in English, others in pinyin.

    "华为技术" becomes "huawei technology"; the characters of one unglossed run form one
    word, the way pinyin company names are written ("Huawei", not "Hua Wei").
    """
    return _HAN.sub(lambda m: " " + " ".join(_transliterate_run(m.group())) + " ", text)


def tokenize(text: str) -> list[str]:
    """Split folded text into words; dots inside abbreviations join ("s.a." -> "sa")."""
    return _TOKEN.findall(text.replace(".", "").replace("'", "").replace("\u2019", ""))


def drop_legal_forms(tokens: list[str]) -> list[str]:
    """Remove legal forms and stop words, unless nothing would be left of the name."""
    forms = legal_forms()
    kept: list[str] = []
    i = 0
    while i < len(tokens):
        for form in forms:
            if tuple(tokens[i : i + len(form)]) == form:
                i += len(form)
                break
        else:
            if tokens[i] not in STOP_WORDS:
                kept.append(tokens[i])
            i += 1
    return kept or tokens


@dataclass(frozen=True, slots=True)
class NameForm:
    """A name ready for comparison: its words and those words joined without spaces."""

    original: str
    tokens: tuple[str, ...]

    @property
    def text(self) -> str:
        """The comparable form, words separated by single spaces."""
        return " ".join(self.tokens)

    @property
    def joined(self) -> str:
        """The words run together, so "Inspur Tai Wan" meets "Inspur Taiwan"."""
        return "".join(self.tokens)


def name_tokens(name: str) -> tuple[str, ...]:
    """Every normalisation step in order; returns the comparable words of a name."""
    text = transliterate_han(strip_han_legal_forms(fold_text(name)))
    return tuple(drop_legal_forms(tokenize(text)))


def normalize_name(name: str) -> str:
    """The comparable form of a name, as one string ("" when it has no letters or digits)."""
    return " ".join(name_tokens(name))


def name_form(name: str) -> NameForm:
    """Normalise a name and keep the original beside it for explanations."""
    return NameForm(original=name, tokens=name_tokens(name))
