"""Other ways to read a name written in another script (or in an older romanisation), so
that it meets the Latin spelling a list gives it.

`normalize.transliterate_scripts` writes every script in Latin letters one way. A name may
be read several ways, and lists use other systems than that one way; `script_readings`
gives the other readings of a name, each a tuple of comparable words, and the matcher
keeps the best score of them all (`screening.similarity.score_pair`):

* Arabic, Hebrew and Thai names (`skeleton_reading`): these scripts leave vowels out (Thai
  writes many of them around the consonants), so their words are compared by consonants
  only: a word of the reading starting with `SKELETON_MARK` holds the consonants, with the
  letters that may be a vowel or a consonant (Arabic و and ي, Hebrew ו and י, Thai ว and
  ย) in upper case (`skeleton_keys`). A company's name in Arabic script is also read with
  its words of organisations in English (`gloss_reading`): lists give many such names
  translated ("Armed Islamic Group"). A Thai word's last consonant is also read as it
  sounds ending a syllable (ส s is t), and a Thai name is also read with the letters it
  marks silent, which foreign names keep (วลาดีมีร์ Vladimir).
* Korean Hangul (`hangul_readings`): the Revised Romanization of 2000 (South Korea's
  official system), McCune-Reischauer without its diacritics (the older system, and the
  base of North Korea's spellings in the lists: Kim Jong Un, Ri Pyong Chol), and the usual
  spellings of the common surnames (Kim, Lee, Park, Choi ...), the syllables of the given
  name as words, as lists write them ("Moon Jae-in", "Kim Jong Un").
* Cyrillic (`cyrillic_readings`): the Ukrainian national system beside the main
  transliteration, which is close to the Russian BGN/PCGN one (Володимир is Volodymyr,
  not Volodimir; Г is h); the other systems are met through phonetic keys.
* Greek (`greek_readings`): besides ELOT 743 (Greece's standard, the passports' spelling,
  which `transliterate_scripts` writes), the spoken values of the digraphs: ντ d, μπ b,
  γκ g, ου u ("Βλαντίμιρ Πούτιν" is Vladimir Putin).
* Japanese (`japanese_reading`): Japanese readings of kanji from the IPADIC dictionary
  (through fugashi, loaded on the first name that needs it): for text with kana, and for
  kanji-only names the dictionary reads entirely as a Japanese person's name (a surname
  and a given name). Kanji-only text is Chinese and Japanese alike, so such a name keeps
  its pinyin reading too and the listing's Latin spelling decides which one meets it.
* Foreign words in katakana and in Hangul (`loanword_consonant_reading`): Japanese and
  Korean write foreign names and brands by their sounds (ガスプロム, 가스프롬 Gazprom;
  プーチン, 푸틴 Putin), with vowels of their own after consonants; such words are also
  read by their consonants, each read the ways the script writes foreign sounds (one
  liquid for r and l ...), and meet by four consonants in a company's name, three in a
  person's.
* Chinese persons' names in Wade-Giles (`wade_giles_readings`): a Latin name made of
  Wade-Giles syllables, one of them impossible in pinyin, is also read in pinyin
  ("Hsi Chin-p'ing" is Xi Jinping, "Mao Tse-tung" Mao Zedong).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import cache, lru_cache
from importlib import resources
from itertools import product

from anyascii import anyascii

from screening.phonetic import VOWEL, consonant_y_keys

#: The first character of a word compared by its consonants only (`skeleton_keys`).
SKELETON_MARK = "="

#: The most readings one name gets; the first ones (the usual readings) are kept.
MAX_READINGS = 8

#: The most consonant keys one consonant word gets from its letters read two ways (waw and
#: ya a vowel or a consonant, b or p ...; the usual readings come first).
MAX_SKELETON_KEYS = 16

_FRENCH_WAW = re.compile(r"ou(?=[aeiy])")


#: How alike a consonant word and a Latin word with the same consonants are, in persons'
#: names (as two words that sound alike: `screening.phonetic.PHONETIC_SIMILARITY`). Their
#: keys must have `SKELETON_CONSONANTS` consonants, or one when the Latin word has at most
#: `SKELETON_SHORT` letters ("علي" is Ali: a word with its vowels is that short).
SKELETON_SIMILARITY = 0.85
SKELETON_CONSONANTS = 2
SKELETON_SHORT = 4
#: In a company's name, the words of a name read by its consonants meet a listed word
#: only by a key of this many consonants: the UN and OFAC write Arabic names of groups
#: and firms in Latin letters ("Asbat al-Ansar", "Al-Mourabitoun", "Tariq Gidar Group"),
#: but a company's name has no structure of given name and surname to hold a match of
#: two consonants to the rest ("فيض", Faiz, is no "Fudia Ltda."); a y, which may be a
#: vowel, is not counted ("FYIT"). A word after the article al- meets by one consonant
#: fewer (القاعدة, "AL-QAIDA"): its "al" must then meet the listing's too, or the name
#: falls short of a match.
SKELETON_COMPANY_CONSONANTS = 3

_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_HEBREW = re.compile(r"[\u0590-\u05ff\ufb1d-\ufb4f]")
_THAI = re.compile(r"[\u0e00-\u0e7f]")
#: A Hangul syllable block.
HANGUL = re.compile(r"[\uac00-\ud7a3]")
_HANGUL_OR_NOT = re.compile(r"[\uac00-\ud7a3]+|[^\uac00-\ud7a3]+")
_GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
KANA = _KANA
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[^\W_]+")

# --- Arabic, Hebrew, Thai: consonants ----------------------------------------------------------

#: Arabic, Persian and Urdu letters as the consonants of their usual English renderings;
#: "" for alif, hamza and ayn (written as vowels or not at all); T for ta marbuta, a vowel
#: at the end of a name (فاطمة Fatima, or Fatimah: romanisations write it h) but a t before
#: the noun that owns the word, the construct state (Wikipedia, "Ta marbuta": عصبة الأنصار
#: Usbat al-Ansar); W and Y for waw and ya, which are long vowels or consonants; B, F and
#: J for ba, fa and jim, which also write the p, v and g of foreign names (بوتن Putin,
#: فلاديمير Vladimir); S, Z and D for tha, dhal and za, and dad, which Persian, Urdu and
#: Pashto say s, z and z (Wikipedia, "Persian alphabet": ث se, ذ zâl, ض zâd, ظ zâ), so
#: that Afghan and Pakistani names are spelt with them: ثاقب Saqib, ذاکر Zakir, فضل Fazal,
#: ضیا Zia, and Iraqi ones with dh (ظ in كاظم Kadhim / Kazem).
_ARABIC_LETTERS = {
    **dict.fromkeys("اأإآٱءؤئىعۀ", ""), "ة": "T",
    "ب": "B", "ت": "t", "ث": "S", "ج": "J", "ح": "h", "خ": "kh", "د": "d", "ذ": "Z",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "D", "ط": "t", "ظ": "Z",
    "غ": "gh", "ف": "F", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h",
    "و": "W", "ي": "Y", "پ": "p", "چ": "ch", "ژ": "zh", "گ": "g", "ک": "k", "ی": "Y",
    "ٹ": "t", "ڈ": "d", "ڑ": "r", "ں": "n", "ہ": "h", "ھ": "h", "ے": "Y",
    # Pashto's own letters (Wikipedia, "Pashto alphabet"): ځ dz, written z or j (Zadran,
    # Jadran), څ ts or s, the retroflex ټ ډ ړ ڼ, ږ zh or g, ښ sh or kh, ې and ۍ ya.
    "ځ": "J", "څ": "s", "ټ": "t", "ډ": "d", "ړ": "r", "ڼ": "n", "ږ": "zh", "ښ": "sh",
    "ې": "Y", "ۍ": "Y",
}  # fmt: skip

#: Hebrew letters as in the usual English renderings of names; ב, כ and פ are b, k, p at
#: the start of a word and v, kh, f elsewhere (`_hebrew_consonants`); ו and י W and Y.
_HEBREW_LETTERS = {
    **dict.fromkeys("אע", ""),
    "ב": "v", "ג": "g", "ד": "d", "ה": "h", "ו": "W", "ז": "z", "ח": "kh", "ט": "t",
    "י": "Y", "כ": "kh", "ך": "kh", "ל": "l", "מ": "m", "ם": "m", "נ": "n", "ן": "n",
    "ס": "s", "פ": "f", "ף": "f", "צ": "ts", "ץ": "ts", "ק": "k", "ר": "r", "ש": "sh",
    "ת": "t",
}  # fmt: skip
_HEBREW_INITIAL = {"ב": "b", "כ": "k", "פ": "p", "ו": "v"}

#: Thai consonants by their Royal Thai General System values; ย and ว Y and W; อ a vowel
#: carrier; จ ch, which also writes the j of foreign names (จอร์จ George, จอห์น John: the
#: Royal Institute's transcription of English). Vowel signs and tone marks are left out.
_THAI_LETTERS = {
    **dict.fromkeys("กขฃคฅฆ", "k"),
    "ง": "ng", "จ": "CHJ", **dict.fromkeys("ฉชฌ", "ch"), **dict.fromkeys("ซศษส", "s"),
    "ญ": "Y", **dict.fromkeys("ฎด", "d"), **dict.fromkeys("ฏต", "t"),
    **dict.fromkeys("ฐฑฒถทธ", "th"), **dict.fromkeys("ณน", "n"), "บ": "b", "ป": "p",
    **dict.fromkeys("ผพภ", "ph"), **dict.fromkeys("ฝฟ", "f"), "ม": "m", "ย": "Y", "ร": "r",
    **dict.fromkeys("ลฬ", "l"), "ว": "W", **dict.fromkeys("หฮ", "h"), "อ": "",
}  # fmt: skip
#: Thai consonants that end a syllable with another sound than they begin one, and that
#: sound, as the Royal Thai General System writes it (สวัสดิ์ wat: ส s is t there; ศักดิ์
#: sak, ณ n): a word's last consonant is read both ways.
_THAI_FINALS = {
    **dict.fromkeys("จฉชซฌฎฏฐฑฒดตถทธศษส", "t"), **dict.fromkeys("ขฃคฅฆ", "k"),
    **dict.fromkeys("บปผพฟภ", "p"), **dict.fromkeys("ญณรลฬ", "n"),
}  # fmt: skip
#: Marks a Thai letter read both ways (`_THAI_FINALS`) in a consonant word.
_THAI_FINAL_CODE = "FINAL"
_THAI_SILENCED = re.compile("[\u0e01-\u0e2e][\u0e34-\u0e3a]?\u0e4c")  # with thanthakhat
_THAI_MARKS = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")  # vowel signs, tone marks


#: Separates the letters of a consonant word: each is read alone, so that two letters never
#: read as one digraph (the z and h of زاهد Zahid are not the zh of ژ).
LETTER_BREAK = "\u00b7"


def _hebrew_consonants(word: str) -> str:
    out = []
    for i, char in enumerate(word):
        if i == 0 and char in _HEBREW_INITIAL:
            out.append(_HEBREW_INITIAL[char])
        elif char == "ו" and i + 1 < len(word) and word[i + 1] == "ו":
            out.append("v")
        elif char == "ו" and i and word[i - 1] == "ו":
            continue
        else:
            out.append(_HEBREW_LETTERS.get(char, ""))
    return _consonant_word(out)


def _thai_consonants(word: str) -> str:
    """A Thai word as a consonant word, its last consonant read as it sounds at the end of
    a syllable too (`_THAI_FINALS`)."""
    letters = [_THAI_LETTERS.get(char, "") for char in word]
    last = next((i for i in range(len(word) - 1, -1, -1) if letters[i]), None)
    if last is not None and word[last] in _THAI_FINALS and len([c for c in letters if c]) > 1:
        letters[last] = _THAI_FINAL_CODE + word[last]
    return _consonant_word(letters)


def _consonant_word(letters: Iterable[str]) -> str:
    """A consonant word from the values of its letters ("" for a letter read as a vowel)."""
    return SKELETON_MARK + LETTER_BREAK.join(letter for letter in letters if letter)


#: Begins a consonant word that follows the article al- (`_article_words`), before its
#: letters: an empty first letter, which `skeleton_keys` reads as nothing.
_AFTER_ARTICLE = SKELETON_MARK + LETTER_BREAK


def _article_words(article: bool, letters: Iterable[str]) -> list[str]:
    """A consonant word, after "al" when the word had the article (marked `_AFTER_ARTICLE`,
    for `skeleton_similarity`)."""
    word = _consonant_word(letters)
    if not article:
        return [word]
    return ["al"] + ([_AFTER_ARTICLE + word[1:]] if word != SKELETON_MARK else [])


def _arabic_consonants(word: str) -> list[str]:
    return [_ARABIC_LETTERS.get(c, "") for c in word]


#: "Abd" (servant of), which begins the theophoric names: Abd al-Rahman, Abd Allah.
_ABD = "عبد"
#: Words Persian and Urdu writing joins to the article of the name after them, which Latin
#: spellings write apart: Abd (عبدالرحمن Abdul Rahman) and Abu, father of (أبواليزيد Abou
#: el Yazid).
_JOINED_HEADS = (_ABD, "أبو", "ابو")


def _joined_head(word: str) -> str:
    """The head of `_JOINED_HEADS` a word starts with before the article, or ""."""
    for head in _JOINED_HEADS:
        if word.startswith(head + "ال") and len(word) > len(head) + 2:
            return head
    return ""


#: Words that close compound names with the word before them: Allah (Hamd Allah,
#: Hamdullah) and al-Din (Nur al-Din, Nuruddin, Noureddine), as Arabic writes them, and the
#: Persian and Pashto name suffixes Latin spellings join to the name: zada, "born of" (آخوند
#: زاده Akhundzada, میرزا زاده Mirzazadeh), and jan, "dear" (ولی جان Walijan), written
#: apart in Persian script (Wikipedia, "Persian name" and "Pashtun name"). The Persian and
#: Urdu forms of ya, kaf and ha are read as Arabic's: `_ARABIC_FORMS`.
_COMPOUND_ENDS = frozenset({"الله", "الدين", "زاده", "جان"})
_ARABIC_FORMS = str.maketrans({"ی": "ي", "ے": "ي", "ک": "ك", "ہ": "ه", "ھ": "ه"})
#: The article's l inside a compound written as one word, as Latin spellings keep it
#: (Abdulrahman, Nuruddin's assimilated d aside) or not (Abdurrahman).
_ARTICLE_L = "L"


def _arabic_parts(words: Sequence[str]) -> list[tuple[bool, list[str]]]:
    """The Arabic words of a name as parts (article?, letter values): the article al- apart
    (as lists write it: "al-Assad"), and "Abd" apart from the name it is joined to in
    Persian and Urdu writing (عبدالرحمن, as عبد الرحمن)."""
    parts: list[tuple[bool, list[str]]] = []
    for word in words:
        head = _joined_head(word)
        if head:
            parts.append((False, _arabic_consonants(head)))
            word = word[len(head) :]
        if word.startswith("ال") and len(word) > 3:
            parts.append((True, _arabic_consonants(word[2:])))
        else:
            parts.append((False, _arabic_consonants(word)))
    return parts


#: Words that begin compound names with the name after them, as Latin spellings often
#: write them: Abd, servant of (عبد الله Abdullah, عبد الرحمن Abdulrahman), and bin or ibn,
#: son of (بن لادن Binladin, بن الشيبة Binalshibh). Source: Wikipedia, "Arabic name"
#: (nasab, theophoric names) and "Abd (Arabic)". Not Abu, father of (أبو بكر Abubakar):
#: its waw read as a vowel, Abu joined to a name reads as Abd joined to it (أبو داوود,
#: "Abudawud", would meet "Abdul").
_COMPOUND_HEADS = frozenset({_ABD, "بن", "ابن"})


def _junctions(words: Sequence[str], parts: list[tuple[bool, list[str]]]) -> list[int]:
    """The parts (`_arabic_parts` of `words`, by index) that a Latin spelling may write
    joined to the part before them: the name after a head (`_COMPOUND_HEADS`), a word of
    `_COMPOUND_ENDS` after its name (حمد الله Hamdullah, نور الدين Nuruddin)."""
    owners = [i for i, word in enumerate(words) for _ in range(2 if _joined_head(word) else 1)]
    junctions = []
    for k in range(1, len(parts)):
        before, word = words[owners[k - 1]], words[owners[k]]
        after_head = owners[k - 1] == owners[k] or (
            not parts[k - 1][0] and before.translate(_ARABIC_FORMS) in _COMPOUND_HEADS
        )
        closes = owners[k - 1] != owners[k] and word.translate(_ARABIC_FORMS) in _COMPOUND_ENDS
        if after_head or closes:
            junctions.append(k)
    return junctions


def _compounds_joined(parts: list[tuple[bool, list[str]]], joined: Iterable[int]) -> list[str]:
    """Consonant words of the Arabic words of a name (`parts` as `_arabic_parts` made them)
    with the parts of `joined` (`_junctions`) written as one word with the part before."""
    join = frozenset(joined)
    groups: list[tuple[bool, list[str]]] = []
    for k, (article, letters) in enumerate(parts):
        values = [c for c in letters if c]
        if groups and k in join:
            previous_article, previous = groups[-1]
            groups[-1] = (
                previous_article,
                [*previous, *([_ARTICLE_L] if article else []), *values],
            )
        else:
            groups.append((article, values))
    return [w for article, values in groups for w in _article_words(article, values)]


def _joinings(junctions: Sequence[int]) -> list[tuple[int, ...]]:
    """Which junctions to join, in the readings of a name (at most `MAX_READINGS`): none,
    all, then each alone and all but each (a name may write one compound joined and
    another apart: "Sayed Esmatullah Asem Abdul Quddus")."""
    every = tuple(junctions)
    choices = [(), every]
    for j in every:
        choices.extend([(j,), tuple(k for k in every if k != j)])
    return list(dict.fromkeys(choices))[:MAX_READINGS]


def _arabic_words(word: str) -> list[str]:
    """An Arabic word as consonant words: the article al- written apart, as lists do."""
    return [
        w for article, letters in _arabic_parts([word]) for w in _article_words(article, letters)
    ]


#: A piece of a name for `skeleton_readings`: a run of Arabic words as its parts
#: (`_arabic_parts`), or another word as its words read one way.
_Piece = tuple[list[tuple[bool, list[str]]], list[str]]


def skeleton_readings(folded: str) -> list[tuple[str, ...]]:
    """The words of a name with its Arabic, Hebrew and Thai words as consonant words
    (none when it has none): "محمد علي" -> ("=m·h·m·d", "=l·Y"); for an Arabic name with
    compound names, also readings with them written as one word (`_junctions`): all of
    them, then one at a time (`_joinings`). A Thai letter marked silent (thanthakhat) is
    not said: it goes with its mark; but Thai writes foreign names with the letters of
    their spelling it does not say, marked so (วลาดีมีร์ Vladimir, จอร์จ George), so a name
    with one is also read with those letters."""
    if not (_ARABIC.search(folded) or _HEBREW.search(folded) or _THAI.search(folded)):
        return []
    readings = _consonant_readings(_THAI_SILENCED.sub("", folded))
    if _THAI_SILENCED.search(folded):
        readings += _consonant_readings(folded)
    return [r for i, r in enumerate(readings) if r and r not in readings[:i]]


def _consonant_readings(folded: str) -> list[tuple[str, ...]]:
    """`skeleton_readings` of a name, its Thai letters marked silent dealt with."""
    pieces: list[_Piece] = []
    junctions: list[tuple[int, int]] = []  # (piece, part)
    arabic: list[str] = []  # a run of Arabic words, read as one when it ends

    def flush() -> None:
        if arabic:
            parts = _arabic_parts(arabic)
            junctions.extend((len(pieces), k) for k in _junctions(arabic, parts))
            pieces.append((parts, []))
            arabic.clear()

    for word in _WORD.findall(_THAI_MARKS.sub("", folded)):
        if _ARABIC.search(word) and len(word) > 1:
            arabic.append(word)
            continue
        flush()
        if _ARABIC.search(word):
            pieces.append(([], [_arabic_initial(word)]))
        elif _HEBREW.search(word):
            pieces.append(([], [_hebrew_consonants(word)]))
        elif _THAI.search(word):
            pieces.append(([], [_thai_consonants(word)]))
        else:
            pieces.append(([], _WORD.findall(anyascii(word).lower())))
    flush()
    return [
        _pieces_read(pieces, [junctions[i] for i in chosen])
        for chosen in _joinings(range(len(junctions)))
    ]


def _arabic_initial(letter: str) -> str:
    """A letter standing alone in an Arabic-script name, an initial ("عدنان س. حسن", Adnan S.
    Hasan), as the Latin initial of the names it begins: its usual reading's first letter,
    a for the letters read as vowels (alif, ayn: Ahmad, Ali, Omar)."""
    value = _ARABIC_LETTERS.get(letter.translate(_ARABIC_FORMS), "")
    spelled = next((r for r in _READ_TWO_WAYS.get(value, (value,)) if r), "")
    return spelled[:1] or "a"


def _pieces_read(pieces: Sequence[_Piece], joined: Sequence[tuple[int, int]]) -> tuple[str, ...]:
    """The reading of a name's pieces with the junctions `joined` (piece, part) joined."""
    words: list[str] = []
    for i, (parts, other) in enumerate(pieces):
        if parts:
            words.extend(_compounds_joined(parts, (k for p, k in joined if p == i)))
        else:
            words.extend(other)
    return tuple(w for w in words if w.strip(SKELETON_MARK))


#: Letters joined before an Arabic word that are words of their own: wa- "and", li-
#: "for", bi- "with, in", the article al- and those with it, longest first.
_ARABIC_PREFIXES = ("وال", "بال", "لل", "ال", "و", "ل", "ب")


@cache
def arabic_org_words() -> dict[str, tuple[str, ...]]:
    """Words of organisations' names in Arabic script and their English words
    (`data/arabic_org_words.tsv`, with its sources)."""
    text = (resources.files("screening") / "data" / "arabic_org_words.tsv").read_text("utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and line[0] != "#")
    return {arabic: tuple(english.split()) for arabic, english in rows}


def _org_word(word: str) -> tuple[str, ...] | None:
    """The English words of an Arabic word of `arabic_org_words`, itself or after a prefix
    (`_ARABIC_PREFIXES`), or None."""
    glossary = arabic_org_words()
    word = word.translate(_ARABIC_FORMS)
    if word in glossary:
        return glossary[word]
    for prefix in _ARABIC_PREFIXES:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= 2 and rest in glossary:
            return glossary[rest]
    return None


@lru_cache(maxsize=1 << 12)
def gloss_reading(folded: str) -> tuple[str, ...] | None:
    """A reading of a name in Arabic script for a company's name: its words of
    organisations (`arabic_org_words`) in English, its other words by their consonants as
    `skeleton_readings` writes them ("الجماعة الاسلامية المسلحة" -> ("group", "islamic",
    "armed")); None when no word has an English one. `screening.normalize.org_reading`
    takes legal forms out of it; it is not for persons' names."""
    if not _ARABIC.search(folded):
        return None
    words: list[str] = []
    glossed = 0
    for word in _WORD.findall(folded):
        if not _ARABIC.search(word):
            words.extend(_WORD.findall(anyascii(word).lower()))
            continue
        english = _org_word(word)
        if english is None:
            for article, letters in _arabic_parts([word]):
                words.extend(_article_words(article, letters))
        else:
            words.extend(english)
            glossed += 1
    reading = tuple(w for w in words if w.strip(SKELETON_MARK))
    return reading if glossed else None


def skeleton_reading(folded: str) -> tuple[str, ...] | None:
    """The first of `skeleton_readings` (the words as written), or None."""
    readings = skeleton_readings(folded)
    return readings[0] if readings else None


#: The consonants of Japanese romaji (`romaji`) as the sounds of the foreign words katakana
#: writes (Wikipedia, "Transcription into Japanese"), as letters of `_READ_TWO_WAYS`.
#: Japanese has one liquid for r and l (ラ ra is "la": ウラジーミル Vladimir); ス su and ズ zu
#: write s and z alike (ガスプロム Gazprom, テクノロジーズ technologies); チ chi is ti (プーチン
#: Putin); ジ ji is di and soft g (ウラジーミル, テクノロジー); フ fu is f and h (ファーウェイ
#: Huawei); バ ba is b and v.
_ROMAJI_LETTERS = {
    "ch": "CHT", "sh": "SHS", "ts": "TST", "j": "JDG", "f": "FH", "r": "RL", "s": "SZ",
    "z": "SZ", "b": "BV", "w": "W", "y": "Y",
}  # fmt: skip
#: The consonants of Hangul as anyascii romanises it (the Revised Romanization's letters)
#: as the sounds of the foreign words Hangul writes (Wikipedia, "Hangul orthography" and
#: the National Institute of Korean Language's rules for loanwords): ㅂ b writes b and v
#: (블라디미르 Vladimir), ㅍ p p and f, ㄹ l and r, ㅅ s s, sh and z (가스프롬 Gazprom), ㅈ j j
#: and z, ㅊ ch ch and ts; a plain stop may be voiced or not (ㄱ g, k).
_HANGUL_LETTERS = {
    "ch": "CHTS", "l": "RL", "r": "RL", "b": "BVP", "p": "PF", "g": "GK", "s": "SZSH",
    "j": "JZ", "w": "W", "y": "Y",
}  # fmt: skip


#: How the upper-case letters of a consonant word may be read, the usual reading first
#: (the letters are those of `_ARABIC_LETTERS`, `_HEBREW_LETTERS` and `_THAI_LETTERS`, the
#: article's l inside a compound name, `_ARTICLE_L`, and those of foreign words in katakana
#: and Hangul, `_ROMAJI_LETTERS` and `_HANGUL_LETTERS`).
_READ_TWO_WAYS = {
    "W": ("w", ""),
    "T": ("", "t", "h"),
    "Y": ("", "y"),
    "B": ("b", "p"),
    "F": ("f", "v"),
    "J": ("j", "g"),
    "S": ("th", "s"),
    "Z": ("z", "dh"),
    "D": ("d", "z"),
    _ARTICLE_L: ("l", ""),
    "CHJ": ("ch", "j"),
    "LOAN": ("",),
    "CHT": ("ch", "t"),
    "SHS": ("sh", "s"),
    "TST": ("ts", "t"),
    "JDG": ("j", "d", "g"),
    "FH": ("f", "h"),
    "RL": ("r", "l"),
    "SZ": ("s", "z"),
    "BV": ("b", "v"),
    "CHTS": ("ch", "ts"),
    "BVP": ("b", "v", "p"),
    "PF": ("p", "f"),
    "GK": ("g", "k"),
    "SZSH": ("s", "z", "sh"),
    "JZ": ("j", "z"),
}
# A Thai word's last consonant: its readings, then the sound it has ending a syllable.
_READ_TWO_WAYS.update(
    {
        _THAI_FINAL_CODE + letter: (
            *_READ_TWO_WAYS.get(_THAI_LETTERS[letter], (_THAI_LETTERS[letter],)),
            final,
        )
        for letter, final in _THAI_FINALS.items()
    }
)


def _strip(key: str) -> str:
    """A phonetic key without its vowel marks and repeats."""
    out: list[str] = []
    for char in key:
        if char != VOWEL and (not out or out[-1] != char):
            out.append(char)
    return "".join(out)


def _without_final_h(key: str) -> str:
    """A key without the H a word ends with: a final ha is often silent (زاده Zada,
    Zadeh), as the phonetic keys leave out an h ending a Latin word after a vowel."""
    return key[:-1] if len(key) > 1 and key[-1] == "H" else key


#: Latin digraphs that may also be two letters of an Arabic or Persian name: s and h of
#: Is-haq (Ishaq), d and z of -zada (Akhundzada), t and s, k and h, and so on.
_DIGRAPHS = re.compile("sh|kh|th|dh|gh|zh|ts|dz")
#: The most spellings of a Latin word with its digraphs read as two letters.
MAX_DIGRAPH_SPLITS = 4


def _digraphs_apart(word: str) -> list[str]:
    """A Latin word, then the word with each of its digraphs (`_DIGRAPHS`) read as two
    letters, then with all of them so: "ishak" -> ["ishak", "isahak"]."""
    found = [m.start() for m in _DIGRAPHS.finditer(word)]
    spellings = [word]
    for cut in [[i] for i in found] + ([found] if len(found) > 1 else []):
        spelled = word
        for i in reversed(cut):
            spelled = spelled[: i + 1] + VOWEL + spelled[i + 1 :]
        spellings.append(spelled)
    return spellings[:MAX_DIGRAPH_SPLITS]


@lru_cache(maxsize=1 << 16)
def skeleton_keys(word: str) -> frozenset[str]:
    """The consonant keys of a word: of a consonant word (`SKELETON_MARK`), each reading
    of its upper-case letters (W and Y a consonant or a vowel, B b or p ...); of a Latin
    word, its phonetic keys (`screening.phonetic`) without their vowel marks: "mohamed"
    -> {"MHMT"}."""
    if not word.startswith(SKELETON_MARK):
        # A y before a vowel is ya (Yahya, Ayyub, Sayed), and so is the French ou before a
        # vowel waw (Aouadi, Oualid: Awadi, Walid).
        latin = _FRENCH_WAW.sub("w", word)
        return frozenset(
            _strip(key) for spelled in _digraphs_apart(latin) for key in consonant_y_keys(spelled)
        )
    letters = word[1:].split(LETTER_BREAK)
    options = [_READ_TWO_WAYS.get(c, (c,)) for c in letters]
    keys: set[str] = set()
    for reading in product(*options):
        # Letters read apart: a vowel mark between them (and after the last, where a
        # Latin spelling writes one: يحيى Yahya) keeps two from making a digraph.
        spelled = VOWEL.join(r for r in reading if r) + VOWEL
        for key in consonant_y_keys(spelled):
            keys.update({_strip(key), _without_final_h(_strip(key))})
        if len(keys) >= MAX_SKELETON_KEYS:
            break
    return frozenset(k for k in keys if k)


def shown_word(word: str) -> str:
    """A word as a reviewer reads it: a consonant word as its consonants, each letter read
    two ways as its readings ("=m·h·m·W·d" -> "m-h-m-(w)-d", "=LOAN·g·SZ·p·RL·m" ->
    "g-s/z-p-r/l-m"); any other word as it is."""
    if not word.startswith(SKELETON_MARK):
        return word
    shown = []
    for letter in word[1:].split(LETTER_BREAK):
        options = _READ_TWO_WAYS.get(letter, (letter,))
        spelled = "/".join(o for o in options if o)
        if spelled:
            shown.append(spelled if all(options) else f"({spelled})")
    return "-".join(shown)


def is_loanword(word: str) -> bool:
    """Whether a consonant word is a foreign word's in katakana or Hangul
    (`loanword_consonant_reading`)."""
    return word.startswith(_LOANWORD_START)


def skeleton_similarity(a: str, b: str, *, person: bool = True) -> float:
    """`SKELETON_SIMILARITY` when a consonant word and another word (Latin or consonant)
    share a consonant key long enough to tell names apart, else 0: in a company's name
    `SKELETON_COMPANY_CONSONANTS` consonants (`person` False), one fewer after the
    article."""
    shared = skeleton_keys(a) & skeleton_keys(b)
    if is_loanword(a) or is_loanword(b):
        least = LOANWORD_CONSONANTS[person]
        return SKELETON_SIMILARITY if any(len(key) >= least for key in shared) else 0.0
    if not person:
        article = a.startswith(_AFTER_ARTICLE) or b.startswith(_AFTER_ARTICLE)
        least = SKELETON_COMPANY_CONSONANTS - article
        firm = (key for key in shared if len(key) - key.count("Y") >= least)
        return SKELETON_SIMILARITY if any(firm) else 0.0
    latin = b if a.startswith(SKELETON_MARK) else a
    short = len(_collapse_doubles(latin)) <= SKELETON_SHORT  # Ali, Allah
    if any(len(key) >= SKELETON_CONSONANTS or short for key in shared):
        return SKELETON_SIMILARITY
    return 0.0


def _collapse_doubles(word: str) -> str:
    return "".join(c for i, c in enumerate(word) if i == 0 or c != word[i - 1])


# --- Korean ------------------------------------------------------------------------------------

_RR_INITIALS = "g kk n d tt r m b pp s ss - j jj ch k t p h".split()
_MR_INITIALS = "k kk n t tt r m p pp s ss - ch tch ch k t p h".split()
_RR_VOWELS = "a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i".split()
_MR_VOWELS = "a ae ya yae o e yo ye o wa wae oe yo u wo we wi yu u ui i".split()
_FINALS = "- k k k n n n t l k m l l l p l m p p t t ng t t k t p t".split()

#: The usual spellings of common Korean surnames, South and North, from the National
#: Institute of the Korean Language's survey of 2009 as summarised in Wikipedia's "List of
#: Korean surnames"; the first is the most common. Others are written by the systems.
KOREAN_SURNAMES = {
    "김": ("kim",), "이": ("lee", "yi", "rhee", "ri"), "리": ("ri", "lee"),
    "박": ("park", "pak", "bak"), "최": ("choi", "choe"), "정": ("jung", "jeong", "chung", "chong"),
    "강": ("kang",), "조": ("cho", "jo"), "윤": ("yoon", "yun"), "장": ("jang", "chang"),
    "임": ("lim", "im"), "림": ("rim", "lim"), "한": ("han",), "오": ("oh", "o"),
    "서": ("seo", "suh", "so"), "신": ("shin", "sin"), "권": ("kwon",), "황": ("hwang",),
    "안": ("ahn", "an"), "송": ("song",), "류": ("ryu", "yoo", "yu"), "유": ("yoo", "yu"),
    "전": ("jeon", "jun", "chon", "chun"), "홍": ("hong",), "고": ("ko", "go"),
    "문": ("moon", "mun"), "양": ("yang", "ryang"), "손": ("son", "sohn"), "배": ("bae", "pae"),
    "백": ("baek", "paek", "paik"), "허": ("heo", "huh", "ho"), "노": ("noh", "roh", "no"),
    "로": ("ro",), "남": ("nam",), "심": ("shim", "sim"), "하": ("ha",), "곽": ("kwak",),
    "성": ("sung", "seong", "song"), "차": ("cha",), "주": ("joo", "ju", "chu"),
    "우": ("woo", "u"), "구": ("koo", "ku", "gu"), "민": ("min",), "진": ("jin", "chin"),
    "지": ("ji", "chi"), "엄": ("um", "eom"), "채": ("chae",), "원": ("won",),
    "천": ("cheon", "chun"), "방": ("bang", "pang"), "공": ("kong",), "현": ("hyun", "hyon"),
    "함": ("ham",), "변": ("byun", "pyon"), "염": ("yeom", "yom"), "여": ("yeo", "yo"),
    "추": ("choo", "chu"), "도": ("do", "to"), "석": ("seok", "sok"), "소": ("so",),
    "설": ("seol", "sol"), "마": ("ma",), "길": ("gil", "kil"), "표": ("pyo",),
    "명": ("myung", "myong"), "기": ("ki", "gi"), "반": ("ban", "pan"), "왕": ("wang",),
    "금": ("keum", "kum"), "옥": ("ok",), "인": ("in",), "탁": ("tak",), "국": ("kook", "kuk"),
}  # fmt: skip

#: Surnames of two syllables (Namgung, Hwangbo, Jegal, Seonu, Dokgo).
_KOREAN_DOUBLE_SURNAMES = frozenset({"남궁", "황보", "제갈", "선우", "독고"})


def _jamo(char: str) -> tuple[int, int, int]:
    """The initial, vowel and final (0: none) of a Hangul syllable block, by index."""
    code = ord(char) - 0xAC00
    return code // 588, (code % 588) // 28, code % 28


def _syllable(char: str, initials: Sequence[str], vowels: Sequence[str]) -> str:
    initial, vowel, final = _jamo(char)
    return (
        initials[initial].strip("-") + vowels[vowel] + (_FINALS[final] if final else "")
    ).replace("-", "")


def _romanize_hangul(word: str, initials: Sequence[str], vowels: Sequence[str]) -> list[str]:
    return [_syllable(c, initials, vowels) for c in word if HANGUL.match(c)]


def hangul_readings(folded: str) -> list[tuple[str, ...]]:
    """Readings of a Korean name in Hangul: surname and given-name syllables as words, in
    the Revised Romanization, McCune-Reischauer (without diacritics, and with the voiced
    initials of North Korea's spellings) and with the surname's usual spellings."""
    words = _WORD.findall(folded)
    if not any(HANGUL.search(w) for w in words):
        return []
    systems = (
        (_RR_INITIALS, _RR_VOWELS),
        (_RR_INITIALS, _MR_VOWELS),  # North Korean spellings: Jong Un, Pyong Chol
        (_MR_INITIALS, _MR_VOWELS),
    )
    readings: list[tuple[str, ...]] = []
    for initials, vowels in systems:
        options: list[list[tuple[str, ...]]] = []
        for word in words:
            if not HANGUL.search(word):
                options.append([tuple(_WORD.findall(anyascii(word).lower()))])
                continue
            syllables = _romanize_hangul(word, initials, vowels)
            split = 2 if word[:2] in _KOREAN_DOUBLE_SURNAMES else 1
            if len(word) in (2, 3, 4) and len(syllables) == len(word):
                surname = "".join(syllables[:split])
                given = tuple(syllables[split:])
                spellings = KOREAN_SURNAMES.get(word[:split], ()) + (surname,)
                options.append([(s, *given) for s in dict.fromkeys(spellings)])
            else:
                options.append([tuple(syllables)])
        for combination in product(*options):
            reading = tuple(w for part in combination for w in part)
            if reading not in readings:
                readings.append(reading)
    return readings


def hangul_syllables(folded: str, tokens: Sequence[str]) -> tuple[str, ...] | None:
    """The comparable words `tokens` of a name in Hangul (`folded`, as written) with each
    word written in Hangul cut into its syllables by the Revised Romanization, or None when
    the name has no Hangul: the form two Hangul names are compared in.

    Romanisations are for meeting a Latin spelling; between two names written in Hangul they
    lose what tells syllables apart (정 jeong and 종 jong are both "chong" in
    McCune-Reischauer without diacritics). Each syllable block is written exactly, so a
    syllable that differs is another syllable, not a typo: like pinyin made from Chinese
    characters (`screening.chinese`), these words are to meet only themselves.
    """
    cut: dict[str, list[str]] = {}
    for word in _WORD.findall(folded):
        if HANGUL.search(word):  # the token a word becomes (anyascii) -> its syllables
            parts: list[str] = []
            for run in _HANGUL_OR_NOT.findall(word):
                if HANGUL.match(run):
                    parts.extend(_romanize_hangul(run, _RR_INITIALS, _RR_VOWELS))
                else:
                    parts.extend(_WORD.findall(anyascii(run).lower()))
            cut[anyascii(word).lower()] = parts
    if not cut:
        return None
    return tuple(part for token in tokens for part in cut.get(token, (token,)))


#: Spellings of Korean vowels that names use beside the two systems (Wikipedia, "Korean
#: name", romanisation: Jung, Sung, Hyun, Young, Moon, Soo, Hee): ㅓ eo as u, ㅕ yeo as yu
#: or you, ㅜ u as oo, ㅡ eu as u, ㅢ ui as eui or ee. Keyed by the Revised Romanization.
_POPULAR_VOWELS = {
    "eo": ("u",),
    "yeo": ("yu", "you"),
    "u": ("oo",),
    "eu": ("u",),
    "ui": ("eui", "ee"),
}
#: ㅅ s before an i or a y sound written sh (Shin, Shim), as names often do.
_SH_BEFORE = ("i", "y", "wi")


@lru_cache(maxsize=1 << 12)
def _syllable_spellings(char: str) -> frozenset[str]:
    """Every spelling of one Hangul syllable: initials and vowels of the Revised
    Romanization, McCune-Reischauer (without diacritics) and the usual spellings of names,
    and the surname's spellings when it is a common surname."""
    initial, vowel, final = _jamo(char)
    vowels = {_RR_VOWELS[vowel], _MR_VOWELS[vowel], *_POPULAR_VOWELS.get(_RR_VOWELS[vowel], ())}
    initials = {_RR_INITIALS[initial].strip("-"), _MR_INITIALS[initial].strip("-")}
    if _RR_INITIALS[initial] == "s" and _RR_VOWELS[vowel].startswith(_SH_BEFORE):
        initials.add("sh")
    end = _FINALS[final] if final else ""
    spellings = {(i + v + end).replace("-", "") for i in initials for v in vowels}
    return frozenset(spellings | set(KOREAN_SURNAMES.get(char, ())))


@lru_cache(maxsize=1 << 12)
def hangul_spellings(folded: str) -> dict[str, frozenset[str]]:
    """The words the readings of a name (`hangul_readings`) make of its Hangul syllables,
    each with every spelling of its syllable (`_syllable_spellings`): made from exact
    characters, such a word meets only these, not a word a letter away (영 yeong is not 종
    jong, 숙 suk not 식 sik), while "Jung", "Chung" and "Jeong" all meet 정."""
    found: dict[str, frozenset[str]] = {}
    for char in dict.fromkeys(c for c in folded if HANGUL.match(c)):
        spellings = _syllable_spellings(char)
        for spelling in spellings:
            found[spelling] = found.get(spelling, frozenset()) | spellings
    return found


def hangul_given_names(folded: str) -> tuple[str, ...]:
    """The given names of a Korean name in Hangul that have two syllables or more: the
    syllables after the surname in a word of three or four (김정은: 정은), or a word of two
    or three beside a word of one, the surname, on either side (김 정은, 정은 김)."""
    words = [w for w in _WORD.findall(folded) if HANGUL.search(w)]
    given: list[str] = []
    surname_apart = any(len(w) == 1 for w in words) or any(
        w in _KOREAN_DOUBLE_SURNAMES for w in words
    )
    for word in words:
        if surname_apart and len(word) in (2, 3) and word not in _KOREAN_DOUBLE_SURNAMES:
            given.append(word)
        elif len(word) in (3, 4):
            given.append(word[2 if word[:2] in _KOREAN_DOUBLE_SURNAMES else 1 :])
    return tuple(g for g in given if len(g) >= 2)


def half_met_given_names(folded: str, tokens: Sequence[str]) -> frozenset[str]:
    """The words of another name (`tokens`) that meet some syllables of a Korean given name
    of `folded` (`hangul_given_names`) but not all: a given name is one name, so 성훈
    (Seong-hun) meeting "Song" alone is another person's name, not Seong-hun's with a part
    left out. Those words are not to meet it."""
    blocked: set[str] = set()
    for given in hangul_given_names(folded):
        spellings = [_syllable_spellings(c) for c in given if HANGUL.match(c)]
        met = [{t for t in tokens if t in spelt} for spelt in spellings]
        if any(met) and not all(met):
            blocked.update(*met)
    return frozenset(blocked)


# --- Cyrillic: the Ukrainian national system ---------------------------------------------------

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")

#: Ukrainian letters by the national transliteration of 2010 (Resolution No. 55 of the
#: Cabinet of Ministers of Ukraine), which Ukrainian passports and the lists use for
#: Ukrainians: и y, г h, і i, х kh, й y or i; the second value is the one at a word's start.
_UKRAINIAN = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": ("ie", "ye"),
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": ("i", "yi"), "й": ("i", "y"), "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "",
    "ю": ("iu", "yu"), "я": ("ia", "ya"), "ъ": "", "ы": "y", "э": "e", "ё": ("io", "yo"),
}  # fmt: skip


def ukrainian(word: str) -> str:
    """A Cyrillic word by the Ukrainian national system: "зеленський" -> "zelenskyi"."""
    out = []
    for i, char in enumerate(word.replace("зг", "зґг")):  # зг is zgh
        value = _UKRAINIAN.get(char, char)
        out.append(value if isinstance(value, str) else value[i == 0])
    return "".join(out).replace("zgg", "zgh")


def cyrillic_readings(folded: str) -> list[tuple[str, ...]]:
    """The reading of a Cyrillic name by the Ukrainian national system (the main one,
    close to BGN/PCGN, is `transliterate_scripts`'s): "Володимир" is Volodymyr there; and,
    for a name with дж, the reading of a foreign name written in Russian or Ukrainian, where
    дж writes the j of English, Arabic or Korean (Джон Смит / John Smith, Джамал / Jamal,
    Джи Санг Джун / Ji Sang Jun) that BGN/PCGN writes "dzh"."""
    if not _CYRILLIC.search(folded):
        return []
    words = [ukrainian(w) if _CYRILLIC.search(w) else w for w in _WORD.findall(folded)]
    readings = [tuple(_WORD.findall(anyascii(" ".join(words)).lower()))]
    if _CYRILLIC_J in folded:
        foreign = anyascii(folded.replace(_CYRILLIC_J, "j")).lower()
        readings.append(tuple(_WORD.findall(foreign.replace("'", ""))))
    return readings


#: Cyrillic дж: the j of a foreign name in Russian and Ukrainian writing.
_CYRILLIC_J = "дж"


# --- Greek -------------------------------------------------------------------------------------

#: Greek letters by ELOT 743 (Greece's standard, used in passports); digraphs first.
_ELOT = (
    ("ου", "ou"), ("αυ", "av"), ("ευ", "ev"), ("ηυ", "iv"), ("γγ", "ng"), ("γκ", "gk"),
    ("γξ", "nx"), ("γχ", "nch"), ("μπ", "mp"), ("ντ", "nt"),
    ("α", "a"), ("β", "v"), ("γ", "g"), ("δ", "d"), ("ε", "e"), ("ζ", "z"), ("η", "i"),
    ("θ", "th"), ("ι", "i"), ("κ", "k"), ("λ", "l"), ("μ", "m"), ("ν", "n"), ("ξ", "x"),
    ("ο", "o"), ("π", "p"), ("ρ", "r"), ("σ", "s"), ("ς", "s"), ("τ", "t"), ("υ", "y"),
    ("φ", "f"), ("χ", "ch"), ("ψ", "ps"), ("ω", "o"),
)  # fmt: skip
#: The spoken values the lists' English spellings follow where ELOT keeps the letters.
_GREEK_SPOKEN = (
    ("ου", "u"), ("μπ", "b"), ("ντ", "d"), ("γκ", "g"), ("αι", "e"), ("ει", "i"), ("οι", "i"),
    ("υι", "i"), ("υ", "i"), ("χ", "kh"),
)  # fmt: skip


def _greek(text: str, table: Iterable[tuple[str, str]]) -> str:
    for greek, latin in table:
        text = text.replace(greek, latin)
    return text


def elot(text: str) -> str:
    """Greek letters of folded text in Latin ones by ELOT 743: "αθηνα" -> "athina"."""
    return _greek(text, _ELOT)


def greek_readings(folded: str) -> list[tuple[str, ...]]:
    """The spoken reading of a name with Greek letters (ELOT 743 is the main one)."""
    if not _GREEK.search(folded):
        return []
    spoken = elot(_greek(folded, _GREEK_SPOKEN))
    return [tuple(_WORD.findall(anyascii(spoken).lower()))]


# --- Japanese ----------------------------------------------------------------------------------


@cache
def _japanese_reader() -> Callable[[str], list[tuple[str, str, str]]]:
    """fugashi with IPADIC: (surface, part-of-speech detail, katakana reading) per word."""
    import fugashi  # type: ignore[import-untyped]  # loaded on the first Japanese name
    import ipadic  # type: ignore[import-untyped]

    tagger = fugashi.GenericTagger(ipadic.MECAB_ARGS)

    def read(text: str) -> list[tuple[str, str, str]]:
        words = []
        for word in tagger(text):
            feature = word.feature
            reading = feature[7] if len(feature) > 7 and feature[7] != "*" else word.surface
            words.append((word.surface, feature[2] if len(feature) > 2 else "", reading))
        return words

    return read


#: Characters of a kanji-only name: a Japanese person's name is two to five of them.
JAPANESE_NAME_LENGTH = (2, 5)


def japanese_reading(folded: str) -> tuple[str, ...] | None:
    """The Japanese reading of a name with kana, or of a kanji-only name IPADIC reads as a
    Japanese person's name (every word a name, 人名): "鈴木一郎" -> ("suzuki", "ichirou")."""
    kana = _KANA.search(folded)
    if not kana:
        han = "".join(_HAN.findall(folded))
        if not han or not JAPANESE_NAME_LENGTH[0] <= len(han) <= JAPANESE_NAME_LENGTH[1]:
            return None
        if _WORD.sub("", folded).strip() or len(_WORD.findall(folded)) > 2:
            return None
    words = _japanese_reader()(folded)
    if not kana and not all(detail == "人名" for surface, detail, _ in words if surface.strip()):
        return None
    reading = " ".join(anyascii(romaji(katakana)) for _, _, katakana in words)
    return tuple(_WORD.findall(reading.lower())) or None


#: Kana that modified Hepburn writes as one syllable with the small kana after them
#: (Wikipedia, "Hepburn romanization": yōon, and the extended katakana of loanwords),
#: which anyascii writes kana by kana ("ジョー" jiyo, "ティ" tei): the i-column kana as
#: their consonant before a small ya, yu, yo ...
_YOON = {
    "キ": "ky", "ギ": "gy", "シ": "sh", "ジ": "j", "チ": "ch", "ヂ": "j", "ニ": "ny",
    "ヒ": "hy", "ビ": "by", "ピ": "py", "ミ": "my", "リ": "ry",
}  # fmt: skip
_SMALL_Y = {"ャ": "a", "ュ": "u", "ョ": "o"}
#: ... and the kana before a small vowel in loanwords: ファ fa, ティ ti, ウィ wi, ヴァ va,
#: シェ she, ジェ je, チェ che, ツァ tsa, デュ dyu.
_LOAN = {
    "フ": "f", "テ": "t", "デ": "d", "ト": "t", "ド": "d", "ウ": "w", "ヴ": "v", "シ": "sh",
    "ジ": "j", "チ": "ch", "ツ": "ts", "ク": "kw", "グ": "gw", "イ": "y",
}  # fmt: skip
_SMALL_VOWELS = {"ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o"}
_HIRAGANA = re.compile("[\u3041-\u3096]")
_KANA_PAIR = re.compile(
    f"([{''.join(_YOON)}])([{''.join(_SMALL_Y)}])|([{''.join(_LOAN)}])([{''.join(_SMALL_VOWELS)}])"
)


def romaji(text: str) -> str:
    """Kana in modified Hepburn where it writes two kana as one syllable, the rest (and
    the sokuon ッ, doubling the next consonant) left to anyascii: "ジョー" -> "jo",
    "チャン" -> "chan", "ティム" -> "timu", "バッハ" -> "bahha"."""
    text = _HIRAGANA.sub(lambda m: chr(ord(m.group()) + 0x60), text)  # as katakana

    def pair(match: re.Match[str]) -> str:
        if match.group(1):
            return _YOON[match.group(1)] + _SMALL_Y[match.group(2)]
        return _LOAN[match.group(3)] + _SMALL_VOWELS[match.group(4)]

    text = _KANA_PAIR.sub(pair, text)
    out = []
    for i, char in enumerate(text):
        if char in "ッっ":  # the next consonant doubled: ch becomes tch in Hepburn
            following = anyascii(text[i + 1 : i + 2])[:1]
            out.append("t" if following == "c" else following if following.isalpha() else "")
        else:
            out.append(char)
    return "".join(out)


#: Katakana words of loanwords end in a vowel Japanese adds after a final consonant, u
#: (o after t and d): "Barack" バラク baraku, "Donald" ドナルド donarudo (Wikipedia,
#: "Transcription into Japanese": epenthetic vowels).
_EPENTHETIC = re.compile(r"(?<=[^aeiou\W\d_])u$|(?<=[td])o$")
_KATAKANA = re.compile("[\u30a0-\u30ff]")
_KATAKANA_RUN = re.compile("[\u30a0-\u30ff]+")


def loanword_reading(folded: str, words: Sequence[str]) -> tuple[str, ...] | None:
    """The words of a name written in katakana with the vowels Japanese adds after a final
    consonant left out ("baraku obama" -> ("barak", "obama")), or None."""
    if not _KATAKANA.search(folded):
        return None
    reading = tuple(_EPENTHETIC.sub("", w) if len(w) > 3 else w for w in words)
    return reading if reading != tuple(words) else None


# --- Foreign words in katakana and Hangul: consonants ---------------------------------------------

#: A syllable of Hangul with the vowel ㅡ eu and no final consonant (스 seu, 르 reu, 트 teu):
#: the vowel Korean adds after a consonant of a foreign word ("Vladimir" 블라디미르), rare
#: in Korean names.
_EPENTHETIC_HANGUL = frozenset(chr(0xAC00 + initial * 588 + 18 * 28) for initial in range(19))


def _latin_consonants(word: str, values: dict[str, str]) -> list[str]:
    """The consonants of a romanised word (romaji or the Revised Romanization) as letters
    of a consonant word: digraphs first, vowels left out, a doubled letter once."""
    letters: list[str] = []
    i = 0
    while i < len(word):
        pair = word[i : i + 2]
        if pair in values:
            letters.append(values[pair])
            i += 2
            continue
        char = word[i]
        if char not in "aeiou" and not (i and word[i - 1] == char):
            letters.append(values.get(char, char))
        i += 1
    return letters


#: Begins the consonant word of a foreign word in katakana or Hangul, as its first letter,
#: read as nothing (`skeleton_keys`): Japanese and Korean write the vowels too, and their
#: loanwords are short, so that such a word meets a listed word by more consonants than
#: an Arabic one (`LOANWORD_CONSONANTS`).
_LOANWORD = "LOAN"
#: The consonants a key shared with a loanword must have, in a person's name and in a
#: company's: with three in a company's name, brands in katakana met listed names at 85
#: (インテル Intel "Unitree", ネスレ Nestlé "ANSARU", エヌビディア Nvidia "NEOBIT").
LOANWORD_CONSONANTS = {True: 3, False: 4}


_LOANWORD_START = SKELETON_MARK + _LOANWORD + LETTER_BREAK


def loanword_consonant_reading(folded: str, words: Sequence[str]) -> tuple[str, ...] | None:
    """A name's words with those written in katakana, or in Hangul spelling a foreign word
    (a syllable of `_EPENTHETIC_HANGUL` in the name), as consonant words: foreign names
    and brands, which Japanese and Korean write by their sounds, meet their Latin
    spellings by consonants as Arabic names do (`skeleton_keys`): プーチン and 푸틴 Putin,
    ガスプロム and 가스프롬 Gazprom. A katakana word that begins with ウ u before a consonant
    may have lost a v or w there (ウラジーミル Vladimir). None without such words."""
    loanwords: dict[str, list[str]] = {}
    for run in _KATAKANA_RUN.findall(folded):
        for word in _WORD.findall(anyascii(romaji(run)).lower()):
            letters = _latin_consonants(word, _ROMAJI_LETTERS)
            if word[0] == "u" and len(word) > 1 and word[1] not in "aeiou":
                letters.insert(0, "W")
            loanwords[word] = letters
    if any(char in _EPENTHETIC_HANGUL for char in folded):
        for run in _HANGUL_OR_NOT.findall(folded):
            if HANGUL.match(run):
                for word in _WORD.findall(anyascii(run).lower()):
                    loanwords[word] = _latin_consonants(word, _HANGUL_LETTERS)
    if not loanwords:
        return None
    # A word of vowels alone ("アイ") has no consonant word: it is left out.
    read = {w: _consonant_word([_LOANWORD, *c]) if c else "" for w, c in loanwords.items()}
    reading = tuple(r for w in words if (r := read.get(w, w)))
    return reading if reading != tuple(words) else None


# --- Wade-Giles --------------------------------------------------------------------------------


@cache
def wade_giles() -> dict[str, tuple[str, ...]]:
    """Wade-Giles syllable -> the pinyin syllables it may be (`data/wade_giles.tsv`)."""
    text = (resources.files("screening") / "data" / "wade_giles.tsv").read_text("utf-8")
    table = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            syllable, _, pinyin = line.partition("\t")
            table[syllable] = tuple(pinyin.split())
    return table


@cache
def pinyin_syllables() -> frozenset[str]:
    """Every pinyin syllable (the right column of `data/wade_giles.tsv`)."""
    return frozenset(p for options in wade_giles().values() for p in options)


#: Words of a Chinese person's name in Wade-Giles: a surname and one or two given-name
#: syllables, hyphenated or not ("Hsi Chin-p'ing", "Mao Tse-tung", "Chiang Kai-shek").
WADE_GILES_WORDS = (2, 4)


def wade_giles_readings(
    words: Sequence[str], marked: bool = False, aspirated: Sequence[bool] = ()
) -> list[tuple[str, ...]]:
    """Pinyin readings of a name whose words are all Wade-Giles syllables, one of them no
    pinyin syllable (so an English or pinyin name is left alone), or `marked` as Wade-Giles
    by how it is written (`wade_giles_marked`): at most `MAX_READINGS`, the apostrophe-less
    syllables being ambiguous ("ping" is bing or ping) unless `aspirated` says, word by
    word, whether the name wrote an apostrophe (`_by_aspiration`)."""
    table = wade_giles()
    if not WADE_GILES_WORDS[0] <= len(words) <= WADE_GILES_WORDS[1]:
        return []
    if not all(word in table for word in words):
        return []
    if not marked and all(word in pinyin_syllables() for word in words):
        return []
    options = [
        _by_aspiration(word, table[word], aspirated[i] if aspirated else None)
        for i, word in enumerate(words)
    ]
    readings = []
    for reading in product(*options):
        readings.append(tuple(reading))
        if len(readings) == MAX_READINGS:
            break
    return readings


#: The initials Wade-Giles writes with or without the apostrophe of aspiration, and the
#: pinyin initials of each: ch' is ch or q, ch zh or j; k' k, k g; p' p, p b; t' t, t d;
#: ts' and tz' c, ts and tz z (Wikipedia, "Wade-Giles": initials).
_WG_ASPIRATES = ("ch", "ts", "tz", "k", "p", "t")
_PINYIN_ASPIRATED = ("ch", "q", "k", "p", "t", "c")


def _by_aspiration(word: str, options: tuple[str, ...], aspirated: bool | None) -> tuple[str, ...]:
    """The pinyin syllables a Wade-Giles syllable may be, knowing whether its initial was
    written aspirated (None: not known, all of them)."""
    if aspirated is None or not word.startswith(_WG_ASPIRATES):
        return options
    kept = tuple(o for o in options if o.startswith(_PINYIN_ASPIRATED) == aspirated)
    return kept or options


#: Wade-Giles writes the aspirated initials with an apostrophe (ch', k', p', t', ts', tz')
#: and the syllables of a given name joined by a hyphen ("Chou En-lai", "Ch'en Ch'üan-kuo"),
#: where pinyin writes them as one word (Zhou Enlai): a name written so is read in pinyin
#: even when each syllable is a pinyin syllable too (Wikipedia, "Wade-Giles").
_WG_APOSTROPHE = re.compile(r"\b(?:ch|k|p|t|ts|tz)['\u2019]")
_WG_HYPHEN = re.compile(r"\b([a-z]+)-([a-z]+)\b")
_WG_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")


def wade_giles_marked(folded: str) -> bool:
    """Whether a name is written the Wade-Giles way: an aspirate's apostrophe, or two
    syllables of the table joined by a hyphen."""
    if _WG_APOSTROPHE.search(folded):
        return True
    table = wade_giles()
    return any(a in table and b in table for a, b in _WG_HYPHEN.findall(folded))


# --- all readings ------------------------------------------------------------------------------


#: Latvian and Lithuanian give a foreign man's name their own nominative endings: Latvian -s
#: (Vladimirs Putins, Sergejs Lavrovs, Boriss), Lithuanian -as, -is, -us, -ys (Vladimiras
#: Putinas, Sergejus Lavrovas): both languages decline foreign names and write them with
#: the endings of their grammar (Wikipedia, "Latvian declension" and "Lithuanian
#: declension"; the Lithuanian language commission's rules on foreign names).
_LITHUANIAN_ENDINGS = ("as", "is", "us", "ys")
#: Letters at least left of a name part without its ending.
BALTIC_STEM_MIN = 3


def baltic_reading(words: Sequence[str]) -> tuple[str, ...] | None:
    """A name of two parts or more, each with a Latvian or Lithuanian ending, read without
    the endings ("sergejs lavrovs" -> "sergej lavrov", "vladimiras putinas" -> "vladimir
    putin"); None for any other name. One part without such an ending (most English names:
    "James Adams" has one on each, "James Johnson" not) leaves the name as it is."""
    if len(words) < 2:
        return None
    stems = []
    for word in words:
        if not word.isalpha() or not word.endswith("s"):
            return None
        cut = 2 if word.endswith(_LITHUANIAN_ENDINGS) and not word.endswith("ss") else 1
        if len(word) - cut < BALTIC_STEM_MIN:
            return None
        stems.append(word[:-cut])
    return tuple(stems)


def script_readings(folded: str, words: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """The other readings of a folded name whose comparable words are `words`, best first,
    none repeating `words` (see the module docstring for which scripts have them)."""
    readings: list[tuple[str, ...]] = []
    plain = folded.replace("\u2019", "'").replace("'", "")
    if plain.isascii():
        words_wg = _WORD.findall(plain)
        aspirated: list[bool] = []
        if _WG_APOSTROPHE.search(folded):  # the name marks aspiration: each word says
            written = _WG_WORD.findall(folded)
            if len(written) == len(words_wg):
                aspirated = [bool(_WG_APOSTROPHE.match(w)) for w in written]
        readings.extend(wade_giles_readings(words_wg, wade_giles_marked(folded), aspirated))
        baltic = baltic_reading(words)
        if baltic:
            readings.append(baltic)
    else:
        readings.extend(skeleton_readings(folded))
        loanword = loanword_consonant_reading(folded, words)
        if loanword:
            readings.append(loanword)
        readings.extend(cyrillic_readings(folded))
        readings.extend(hangul_readings(folded))
        readings.extend(greek_readings(folded))
        if _HAN.search(folded) or _KANA.search(folded):
            japanese = japanese_reading(unicodedata.normalize("NFKC", folded))
            if japanese:
                readings.append(japanese)
            loanword = loanword_reading(folded, japanese or words)
            if loanword:
                readings.append(loanword)
    unique = dict.fromkeys(r for r in readings if r and r != tuple(words))
    return tuple(unique)[:MAX_READINGS]
