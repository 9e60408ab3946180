"""Turn a party name into a comparable form: the same name written two ways should meet.

The steps run in this order, each a plain function:
1. `fold_text`: Unicode NFKC (full-width letters, ligatures), case folding, accents removed.
2. Only for text with Chinese characters: `to_simplified` (Traditional characters made
   Simplified), `strip_han_legal_forms` (有限公司, 股份有限公司 ... removed),
   `translate_han_ordinals` (第十三 -> 13th) and `transliterate_han`: words cut by jieba,
   common company words glossed into English, the other words written in pinyin.
3. Only for text with other non-ASCII letters: `transliterate_scripts` writes Cyrillic,
   Greek, Arabic, Hebrew, Kana, Hangul ... in Latin letters (anyascii).
4. `tokenize`: dots dropped ("Co." -> "co", "S.A." -> "sa"), other punctuation split words,
   letters written apart joined ("B R C" -> "brc").
5. `drop_legal_forms`: abbreviations written out first (`expand_abbreviations`: "Mfg" ->
   manufacturing, "Intl" -> international, "Ltd" -> limited), then "Co., Ltd.", "Company
   Limited", "GmbH", "OOO"... removed, also with a typo in a long word ("Lmited",
   "Akisionernoe"); a name made only of legal forms is left as it is. Stop words ("of",
   "the", "and") go too.
Reference data (legal forms, generic words, the Chinese glossary) lives in `screening/data/`.
Latin-script names take a fast path: steps 2 and 3 cost nothing when a name has no
characters for them, and jieba and OpenCC are loaded only when the first Chinese name comes.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from anyascii import anyascii
from rapidfuzz.distance import DamerauLevenshtein

from screening.scripts import elot, script_readings

#: Words that join a name but tell nothing about it ("Bank of China" = "China Bank").
STOP_WORDS = frozenset({"of", "the", "and", "for", "de", "du", "des", "la", "le", "und", "der"})

#: Legal-form words long enough that one wrong letter still shows what was meant: a vendor
#: master's "Lmited" or "Compnay" is removed like the word itself. Shorter forms ("ltd",
#: "llc") are left alone: one letter off, they may be a word of the name.
MISSPELT_LEGAL_FORM_WORDS = ("limited", "company", "corporation", "incorporated")
MISSPELT_LEGAL_FORM_MIN = 6

#: A legal form of this many words or more ("joint stock company", "obshchestvo s
#: ogranichennoy otvetstvennostyu") is still recognised with one letter wrong, missing,
#: extra or swapped in one of its words of `MISSPELT_FORM_WORD_MIN` letters or more, the
#: other words being written right: "Jont Stock Company" is the form, not a name word. In
#: benchmarks/eval_full.py, 40 of the 70 typo variants missed at the default threshold had
#: their typo in "Joint" or "Stock" and kept the misspelt word as a word of the name.
MISSPELT_FORM_WORDS = 3
MISSPELT_FORM_WORD_MIN = 4

#: Characters after a Chinese place name that English names leave out (深圳市 = Shenzhen).
HAN_PLACE_SUFFIXES = ("市", "省")

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_HAN_NUMERAL = "零〇一二两三四五六七八九十百千"
_HAN_ORDINAL = re.compile(rf"第([{_HAN_NUMERAL}]+|[0-9]+)")
_HAN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_HAN_UNITS = {"十": 10, "百": 100, "千": 1000}
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_GREEK = re.compile(r"[\u0370-\u03ff]")
_KANA_VOICING = "\u3099\u309a"  # combining dakuten and handakuten
_TOKEN = re.compile(r"[^\W_]+")


def _data_lines(filename: str) -> list[str]:
    text = (resources.files("screening") / "data" / filename).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


@cache
def legal_forms() -> tuple[tuple[str, ...], ...]:
    """Legal forms outside Chinese as word tuples, longest first.

    The file lists forms as names write them ("S.p.A.", "ООО"); each goes through the same
    steps as a name, so it meets the form as it comes out of one ("spa", "ooo").
    """
    forms = set()
    for line in _data_lines("legal_forms.txt"):
        if not _HAN.search(line):
            words = tuple(expand_abbreviations(tokenize(transliterate_scripts(fold_text(line)))))
            if words:
                forms.add(words)
    return tuple(sorted(forms, key=len, reverse=True))


@cache
def _legal_forms_by_first_word() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The legal forms grouped by their first word, longest first, for a quick look-up."""
    grouped: dict[str, list[tuple[str, ...]]] = {}
    for form in legal_forms():
        grouped.setdefault(form[0], []).append(form)
    return {word: tuple(forms) for word, forms in grouped.items()}


@cache
def han_legal_forms() -> tuple[str, ...]:
    """Chinese legal forms in Simplified characters, longest first."""
    forms = {to_simplified(line) for line in _data_lines("legal_forms.txt") if _HAN.search(line)}
    return tuple(sorted(forms, key=len, reverse=True))


@cache
def generic_words() -> frozenset[str]:
    """Low-information words, weighted down when names are compared."""
    return frozenset(_data_lines("generic_words.txt"))


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


def load_tools_for(names: Iterable[str]) -> None:
    """Load the Chinese tools (OpenCC, jieba, pypinyin) now if any name needs them: before
    worker processes are forked, so that they share them instead of each loading its own."""
    for name in names:
        if _HAN.search(name):
            name_tokens(name)
            _pinyin("中")
            return


def fold_text(text: str) -> str:
    """NFKC, case folding and accent removal, so "ＨＵＡＷＥＩ" and "Huawéi" read "huawei"."""
    if text.isascii():  # NFKC and accent removal change nothing in ASCII
        return text.lower()
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    decomposed = unicodedata.normalize("NFKD", folded)
    # Kana voicing marks are letters' parts, not accents: ず is not す.
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c) or c in _KANA_VOICING)
    return unicodedata.normalize("NFKC", stripped)


def to_simplified(text: str) -> str:
    """Traditional Chinese characters made Simplified (OpenCC t2s): 華為 -> 华为, 國際 -> 国际.

    Hong Kong and Taiwan names are written in Traditional characters, lists and most
    mainland suppliers in Simplified; the glossary and legal forms are kept in Simplified.
    """
    return _simplifier()(text) if _HAN.search(text) else text


def strip_han_legal_forms(text: str) -> str:
    """Remove Chinese legal forms (有限公司, 股份有限公司 ...) wherever they stand."""
    if not _HAN.search(text):
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


def _pinyin(word: str) -> str:
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
                    words.append(_pinyin(pending))
                    pending = ""
                words.extend(gloss)
                i += size
                break
        else:
            pending += word[i]
            i += 1
    if pending:
        words.append(_pinyin(pending))
    return words


def transliterate_han(text: str) -> str:
    """Write Chinese characters in Latin letters: glossary words in English, others in pinyin.

    "华为技术" becomes "huawei technology": jieba cuts the words, each unglossed word is one
    pinyin word, the way pinyin company names are written ("Huawei", not "Hua Wei").
    """
    if not _HAN.search(text):
        return text
    segment = _segmenter()

    def run_words(match: re.Match[str]) -> str:
        words = [w for part in segment(match.group()) for w in gloss_han_word(part)]
        return " " + " ".join(words) + " "

    return _HAN.sub(run_words, text)


def _ascii_run(match: re.Match[str]) -> str:
    # Letters, marks and digits are transliterated; symbols and punctuation ("®", "«")
    # separate words. anyascii writes Arabic ayn as "`" and soft signs as "'": both dropped.
    return "".join(
        anyascii(c).replace("`", "").replace("'", "")
        if unicodedata.category(c)[0] in "LMN"
        else " "
        for c in match.group()
    )


def transliterate_scripts(text: str) -> str:
    """Write the letters of any other script in Latin ones (anyascii): Газпром -> gazprom.

    Cyrillic comes out close to the BGN/PCGN spellings OFAC uses (Ж zh, Х kh, Щ shch, Й y);
    Greek by ELOT 743, Greece's standard (ου ou, η i, χ ch: `screening.scripts.elot`);
    Hebrew and Arabic letter by letter (Arabic without its unwritten vowels). Other
    readings of these scripts are `screening.scripts.script_readings`.
    """
    if text.isascii():
        return text
    if _GREEK.search(text):
        text = elot(text.lower())
    return _NON_ASCII.sub(_ascii_run, text).lower()


def tokenize(text: str) -> list[str]:
    """Split folded text into words; dots inside abbreviations join ("s.a." -> "sa"), and
    so do letters written apart ("B R C" -> "brc", "I A C International" -> "iac ...")."""
    words = _TOKEN.findall(text.replace(".", "").replace("'", "").replace("\u2019", ""))
    return join_spaced_letters(words)


def join_spaced_letters(words: list[str]) -> list[str]:
    """Join runs of two or more one-character words into one word: an initialism."""
    if not any(len(w) == 1 for w in words):
        return words
    joined: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        if len(word) == 1:
            run.append(word)
            continue
        if len(run) >= 2:
            joined.append("".join(run))
        else:
            joined.extend(run)
        run = []
        if word:
            joined.append(word)
    return joined


@cache
def abbreviations() -> dict[str, str]:
    """Abbreviation -> word, from `abbreviations.tsv`."""
    pairs = (line.split("\t", 1) for line in _data_lines("abbreviations.tsv"))
    return {short.strip(): word.strip() for short, word in pairs}


def expand_abbreviations(tokens: list[str]) -> list[str]:
    """Write out abbreviations of common company words ("mfg" -> "manufacturing")."""
    table = abbreviations()
    return [table.get(token, token) for token in tokens]


def _near(word: str, form_word: str) -> bool:
    """The same legal-form word, or one letter off in a word long enough to tell."""
    return word == form_word or _one_edit(word, form_word, MISSPELT_LEGAL_FORM_MIN)


def _one_edit(word: str, form_word: str, shortest: int = MISSPELT_FORM_WORD_MIN) -> bool:
    """One letter wrong, missing, extra or swapped, both words of `shortest` letters or more."""
    return (
        min(len(word), len(form_word)) >= shortest
        and DamerauLevenshtein.distance(word, form_word, score_cutoff=1) == 1
    )


@lru_cache(maxsize=1 << 16)
def is_misspelt_legal_form(word: str) -> bool:
    """A long legal-form word with one letter wrong, missing or extra ("lmited", "compnay")."""
    return word not in MISSPELT_LEGAL_FORM_WORDS and any(
        _near(word, form) for form in MISSPELT_LEGAL_FORM_WORDS
    )


def _forms_at(tokens: list[str], i: int) -> tuple[tuple[str, ...], ...]:
    """Legal forms that may start at `tokens[i]`: by its first word, or a misspelt one."""
    by_first_word = _legal_forms_by_first_word()
    forms = by_first_word.get(tokens[i])
    if forms is not None:
        return forms
    if len(tokens[i]) < MISSPELT_FORM_WORD_MIN:
        return ()
    return _forms_near(tokens[i])


@lru_cache(maxsize=1 << 16)
def _forms_near(word: str) -> tuple[tuple[str, ...], ...]:
    """Legal forms whose first word may be `word` misspelt (remembered: words repeat): a
    long word one letter off, or a shorter one starting a form of several words."""
    # `word` is no form's first word (`_forms_at` looked), so `_near` means one edit here.
    return tuple(
        form
        for first, found in _legal_forms_by_first_word().items()
        if _one_edit(word, first)
        for form in found
        if len(form) >= MISSPELT_FORM_WORDS or _near(word, first)
    )


def is_legal_form_at(words: Sequence[str], form: tuple[str, ...]) -> bool:
    """Do `words` spell the legal form `form`? Its long words may each have a letter wrong
    (`_near`); in a form of `MISSPELT_FORM_WORDS` words or more, one shorter word may too
    when all the others are written right ("jont stock company")."""
    if len(words) != len(form):
        return False
    if all(map(_near, words, form)):
        return True
    if len(form) < MISSPELT_FORM_WORDS:
        return False
    wrong = [(w, f) for w, f in zip(words, form, strict=True) if w != f]
    return len(wrong) == 1 and _one_edit(*wrong[0])


def drop_legal_forms(tokens: list[str]) -> list[str]:
    """Remove legal forms and stop words, unless nothing would be left of the name.

    Abbreviations are written out first (`expand_abbreviations`), as they are in the
    legal forms; a name made only of legal forms comes back as it was given.

    A form matches with a letter wrong in its long words ("Otkrytoe Akisionernoe
    Obshchestvo") or in one word of a form of several ("Jont Stock Company"), and a lone
    long legal-form word misspelt ("Lmited") goes too.
    """
    return split_legal_forms(tokens)[0]


def split_legal_forms(tokens: list[str]) -> tuple[list[str], list[str]]:
    """`drop_legal_forms`, and beside it the words left as they were written: legal forms
    removed, but abbreviations not written out and stop words kept ("Des ign", "Tech
    nology" and "La Paix" keep the letters a name written without spaces has)."""
    expanded = expand_abbreviations(tokens)
    kept: list[str] = []
    written: list[str] = []
    i = 0
    while i < len(expanded):
        for form in _forms_at(expanded, i):
            if is_legal_form_at(expanded[i : i + len(form)], form):
                i += len(form)
                break
        else:
            if not is_misspelt_legal_form(expanded[i]):
                written.append(tokens[i])
                if expanded[i] not in STOP_WORDS:
                    kept.append(expanded[i])
            i += 1
    return (kept, written) if kept else (tokens, tokens)


@dataclass(frozen=True, slots=True)
class NameForm:
    """A name ready for comparison: its words and those words joined without spaces.

    `written` holds the words as the name spells them (see `split_legal_forms`), when they
    differ from `tokens`; the view without spaces is made from them.
    """

    original: str
    tokens: tuple[str, ...]
    written: tuple[str, ...] = ()
    #: Other readings of the name, each its comparable words (`scripts.script_readings`):
    #: a Korean name in other romanisations, an Arabic one by its consonants ...
    readings: tuple[tuple[str, ...], ...] = ()

    @property
    def text(self) -> str:
        """The comparable form, words separated by single spaces."""
        return " ".join(self.tokens)

    @property
    def spelled(self) -> tuple[str, ...]:
        """The words as the name writes them, legal forms left out."""
        return self.written or self.tokens

    @property
    def joined(self) -> str:
        """The written words run together, so "Inspur Tai Wan" meets "Inspur Taiwan" and
        "MGITech" meets "MGI Tech" (whose comparable words are "mgi technology")."""
        return "".join(self.spelled)


def romanize(text: str) -> str:
    """Steps 2 and 3 on folded text: Chinese to English and pinyin, other scripts to Latin."""
    if text.isascii():
        return text
    if _HAN.search(text):
        text = strip_han_legal_forms(to_simplified(text))
        text = transliterate_han(translate_han_ordinals(text))
    return transliterate_scripts(text)


def name_tokens(name: str) -> tuple[str, ...]:
    """Every normalisation step in order; returns the comparable words of a name."""
    return name_words(name)[0]


def name_words(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Every normalisation step in order: the comparable words of a name, and its words as
    written (`split_legal_forms`)."""
    kept, written = split_legal_forms(tokenize(romanize(fold_text(name))))
    # Letters written apart are joined again once legal forms are gone ("0 AE 0" -> "00").
    return tuple(join_spaced_letters(kept)), tuple(join_spaced_letters(written))


def normalize_name(name: str) -> str:
    """The comparable form of a name, as one string ("" when it has no letters or digits)."""
    return " ".join(name_tokens(name))


def name_form(name: str) -> NameForm:
    """Normalise a name and keep the original beside it for explanations."""
    tokens, written = name_words(name)
    return NameForm(
        original=name,
        tokens=tokens,
        written=() if written == tokens else written,
        readings=script_readings(fold_text(name), tokens),
    )
