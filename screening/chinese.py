"""Chinese names made comparable with Latin ones: Simplified characters, legal forms, ordinals,
words cut by jieba and read in English (a sourced glossary) or in pinyin.

`screening.normalize` calls `romanize_han` for a name with Chinese characters; everything
here loads its tools (OpenCC, jieba, pypinyin) on the first Chinese name, so a run that meets
none never pays for them.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from functools import cache
from importlib import resources

#: Characters after a Chinese place name that English names leave out (深圳市 = Shenzhen).
HAN_PLACE_SUFFIXES = ("市", "省")

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_HAN_NUMERAL = "零〇一二两三四五六七八九十百千"
_HAN_ORDINAL = re.compile(rf"第([{_HAN_NUMERAL}]+|[0-9]+)")
_HAN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_HAN_UNITS = {"十": 10, "百": 100, "千": 1000}


@cache
def han_legal_forms() -> tuple[str, ...]:
    """Chinese legal forms in Simplified characters, longest first."""
    forms = {to_simplified(line) for line in _data_lines("legal_forms.txt") if HAN.search(line)}
    return tuple(sorted(forms, key=len, reverse=True))


@cache
def han_glossary() -> dict[str, tuple[str, ...]]:
    """Chinese word (Simplified) -> the English words lists use for it, from `zh_glossary.tsv`.

    A gloss of "-" is an empty tuple: the word is dropped (市 "city" after a place name).
    """
    glossary: dict[str, tuple[str, ...]] = {}
    for line in _data_lines("zh_glossary.tsv"):
        zh, _, en = line.partition("\t")
        english = en.strip()
        glossary[to_simplified(zh.strip())] = () if english == "-" else tuple(english.split())
    return glossary


@cache
def _simplifier() -> Callable[[str], str]:
    import opencc  # loaded on the first Chinese name: Latin-only runs never pay for it

    return opencc.OpenCC("t2s").convert


@cache
def _segmenter() -> Callable[[str], list[str]]:
    """A jieba tokenizer of its own that also knows the glossary's words."""
    import jieba  # type: ignore[import-untyped]  # loaded on the first Chinese name (~1 s)

    jieba.setLogLevel(logging.WARNING)  # it logs its dictionary loading at INFO/DEBUG
    tokenizer = jieba.Tokenizer()
    for word in han_glossary():
        if len(word) > 1:
            tokenizer.add_word(word)
    return lambda text: list(tokenizer.cut(text))


def to_simplified(text: str) -> str:
    """Traditional Chinese characters made Simplified (OpenCC t2s): 華為 -> 华为, 國際 -> 国际.

    Hong Kong and Taiwan names are written in Traditional characters, lists and most
    mainland suppliers in Simplified; the glossary and legal forms are kept in Simplified.
    """
    return _simplifier()(text) if HAN.search(text) else text


def strip_han_legal_forms(text: str) -> str:
    """Remove Chinese legal forms (有限公司, 股份有限公司 ...) wherever they stand."""
    if not HAN.search(text):
        return text
    for form in han_legal_forms():
        text = text.replace(form, " ")
    return text


def han_number(numeral: str) -> int:
    """The value of a Chinese numeral up to 9999, or of ASCII digits: 二十三 -> 23."""
    if numeral.isascii():
        return int(numeral)
    total = digit = 0
    for char in numeral:
        if char in _HAN_UNITS:
            total += (digit or 1) * _HAN_UNITS[char]
            digit = 0
        else:
            digit = _HAN_DIGITS[char]
    return total + digit


def ordinal(number: int) -> str:
    """An ordinal as English list names write it: 1st, 2nd, 3rd, 11th, 13th, 23rd."""
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


def translate_han_ordinals(text: str) -> str:
    """Write Chinese ordinals as lists do: 第十三研究所 -> "13th 研究所"."""
    return _HAN_ORDINAL.sub(lambda m: f" {ordinal(han_number(m.group(1)))} ", text)


def pinyin(word: str) -> str:
    """One word in toneless pinyin, its syllables joined ("华为" -> "huawei"; ü -> u)."""
    # Imported here: loading pypinyin's dictionaries takes about 0.3 s, which a run that
    # meets no Chinese name (and `screen lookup`) should not pay.
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(word, v_to_u=True)).replace("ü", "u")


def gloss_han_word(word: str) -> list[str]:
    """English for one jieba word: its gloss, else its glossed parts and pinyin for the rest.

    jieba keeps some compounds whole (电子科技, 中国人民解放军空军); these are split at the
    glossary's words of two or more characters (single characters like 核 or 云 are glossed
    only as words of their own, so 云南 stays Yunnan). A place suffix (深圳市) is dropped.
    """
    glossary = han_glossary()
    if word in glossary:
        return list(glossary[word])
    if len(word) > 2 and word.endswith(HAN_PLACE_SUFFIXES):
        word = word[:-1]
    words: list[str] = []
    pending = ""  # characters with no gloss, written in pinyin as one word
    i = 0
    while i < len(word):
        for size in range(len(word) - i, 1, -1):
            gloss = glossary.get(word[i : i + size])
            if gloss is not None and not (i == 0 and size == len(word) and word in glossary):
                if pending:
                    words.append(pinyin(pending))
                    pending = ""
                words.extend(gloss)
                i += size
                break
        else:
            pending += word[i]
            i += 1
    if pending:
        words.append(pinyin(pending))
    return words


def transliterate_han(text: str) -> str:
    """Write Chinese characters in Latin letters: glossary words in English, others in pinyin.

    "华为技术" becomes "huawei technology": jieba cuts the words, each unglossed word is one
    pinyin word, the way pinyin company names are written ("Huawei", not "Hua Wei").
    """
    if not HAN.search(text):
        return text
    segment = _segmenter()

    def run_words(match: re.Match[str]) -> str:
        words = [w for part in segment(match.group()) for w in gloss_han_word(part)]
        return " " + " ".join(words) + " "

    return HAN.sub(run_words, text)


def _data_lines(filename: str) -> list[str]:
    text = (resources.files("screening") / "data" / filename).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def romanize_han(text: str) -> str:
    """Chinese characters of folded text in Latin letters: Simplified, legal forms removed,
    ordinals as lists write them, then glossary words in English and the rest in pinyin."""
    if not HAN.search(text):
        return text
    text = strip_han_legal_forms(to_simplified(text))
    return transliterate_han(translate_han_ordinals(text))
