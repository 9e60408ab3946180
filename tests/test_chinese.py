"""Chinese company names against their listings (screening/chinese.py): each word read both
ways, in pinyin and in English, and the candidate index finding what those readings meet."""

from __future__ import annotations

import csv
import random
import re
from pathlib import Path

import pytest

from screening.chinese import (
    cedict_proper_names,
    han_pieces,
    reading_weights,
    split_han_branch,
)
from screening.index import AllNames
from screening.lists import load_list
from screening.match import DEFAULT_THRESHOLD, ListMatcher
from screening.models import ListEntry, ListSnapshot, Supplier
from screening.normalize import name_form
from screening.similarity import read_alike, score_pair, word_weight


def score(query: str, listed: str, *, person: bool = False) -> float:
    return score_pair(name_form(query), name_form(listed), person=person).score


def snapshot(*entries: ListEntry) -> ListSnapshot:
    return ListSnapshot(name="test.csv", path=Path("test.csv"), sha256="0" * 64,
                        format="csl-csv", entries=entries)  # fmt: skip


# --- each word read both ways ---------------------------------------------------------------


def test_a_glossed_character_keeps_its_pinyin_reading():
    """芯 is "chip" in the glossary, but in a trade name it is the syllable xin: the listing
    writes the trade name 鼎芯 in pinyin as one word."""
    query = name_form("河南鼎芯信息产业有限公司")
    assert query.tokens == ("henan", "ding", "chip", "information", "industry")
    listed = name_form("Henan Dingxin Information Industry Co., Ltd.")
    assert read_alike(query, listed)[0] == ("henan", "dingxin", "information", "industry")
    assert score_pair(query, listed).score == 100.0


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        # 云 "cloud" read as the syllable yun of the trade name 云从
        ("云从科技集团股份有限公司", "Yun Cong Technology"),
        # a trade name split into its syllables by the listing (Da-Jiang)
        ("深圳市大疆创新科技有限公司", "Shenzhen Da-Jiang Innovation Technology"),
        # the gloss meets an English listing, the pinyin a pinyin one, in one name
        ("北京格灵深瞳信息技术股份有限公司", "Beijing Geling Shentong Information Technology"),
    ],
)
def test_either_reading_meets_the_listing(query, listed):
    assert score(query, listed) >= DEFAULT_THRESHOLD


def test_the_english_reading_still_meets_english_listings():
    assert score("中国电子科技集团公司", "China Electronics Technology Group Corporation") == 100.0
    assert score("华为技术有限公司", "Huawei Technologies Co., Ltd.") >= 98.0


def test_a_piece_is_cut_only_where_every_part_meets():
    """国网英大 is not "Guo Wang Ying" and "da": a trade name is split into syllables only
    when each of them is a word of the other name, and never against a person's name."""
    assert score("国网英大股份有限公司", "WANG, Guo Ying", person=True) < DEFAULT_THRESHOLD
    assert score("国网英大股份有限公司", "Guo Wang Ying Trading") < DEFAULT_THRESHOLD
    # cut into syllables that all meet a company's name: the listing's own spelling
    assert score("华为技术有限公司", "Hua Wei Technologies") >= DEFAULT_THRESHOLD


def test_a_reading_unlike_the_listing_does_not_help():
    """Other readings only ever bring the names closer where the listing has the words."""
    assert score("河南鼎芯信息产业有限公司", "Henan Xinding Information Industry") < 85.0
    assert score("鼎芯", "Dingxun") == 0.0


def test_pieces_carry_their_syllables():
    (piece,) = han_pieces("芯")
    assert piece.readings == (("chip",),) and piece.syllables == ("xin",)
    assert [p.chars for p in han_pieces("深圳市")] == ["深圳", "市"]
    assert han_pieces("深圳市")[1].readings == ((),)  # the place suffix reads as nothing


def test_reading_weights_bound_every_reading():
    form = name_form("河南鼎芯信息产业有限公司")
    assert form.han is not None
    least, most = reading_weights(form.han, form.tokens, word_weight)
    default = sum(map(word_weight, form.tokens))
    assert least <= default <= most
    dingxin = sum(map(word_weight, ("henan", "dingxin", "information", "industry")))
    assert least <= dingxin <= most


# --- the candidate index finds what the readings meet -----------------------------------------


LISTED = (
    ListEntry(source="test", entry_id="e1", name="Henan Dingxin Information Industry Co., Ltd."),
    ListEntry(
        source="test", entry_id="e2", name="Yun Cong Technology", aliases=("CloudWalk Technology",)
    ),
    ListEntry(source="test", entry_id="e3", name="Hua Wei Technologies"),
    ListEntry(
        source="test",
        entry_id="e4",
        name="Beijing Geling Shentong Information Technology Co., Ltd.",
    ),
    ListEntry(source="test", entry_id="p1", name="WANG Guo Ying", entity_type="Individual"),
    ListEntry(source="test", entry_id="e5", name="Guo Wang Ying Trading"),
    ListEntry(source="test", entry_id="e6", name="China Electronics Technology Group Corporation"),
    ListEntry(
        source="test", entry_id="z1", name="鼎芯信息产业", aliases=("华为技术",)
    ),  # a list in Chinese
)

QUERIES = (
    "河南鼎芯信息产业有限公司",
    "鼎芯信息产业有限公司",
    "云从科技集团股份有限公司",
    "华为技术有限公司",
    "北京格灵深瞳信息技术股份有限公司",
    "国网英大股份有限公司",
    "中国电子科技集团公司第十三研究所",
    "王国英",
    "Henan Dingxin Information Industry",
    "Dingxin Information Industry",
    "Huawei Technologies",
    "华为技术有限公司上海分公司",
    "北京格灵深瞳信息技术股份有限公司北京代表处",
    "格灵深瞳信息技术有限公司",
    "Huawei Technologies 北京代表处",
)


@pytest.mark.parametrize("min_score", [DEFAULT_THRESHOLD, 60.0])
def test_index_finds_the_readings_brute_force_finds(min_score):
    indexed = ListMatcher([snapshot(*LISTED)])
    brute = ListMatcher([snapshot(*LISTED)], candidate_source=AllNames)
    for row, name in enumerate(QUERIES, start=1):
        supplier = Supplier(row=row, name=name)
        got = {(m.entry.entry_id, m.score) for m in indexed.match(supplier, min_score=min_score)}
        want = {(m.entry.entry_id, m.score) for m in brute.match(supplier, min_score=min_score)}
        assert got == want, name
    found = indexed.match(Supplier(1, "河南鼎芯信息产业有限公司"), min_score=DEFAULT_THRESHOLD)
    assert [m.entry.entry_id for m in found] == ["e1"]
    found = indexed.match(Supplier(1, "鼎芯信息产业有限公司"), min_score=DEFAULT_THRESHOLD)
    assert [m.entry.entry_id for m in found] == ["z1"]  # e1 has a word more: partial
    latin = indexed.match(Supplier(1, "Dingxin Information Industry"), min_score=DEFAULT_THRESHOLD)
    assert "z1" in {m.entry.entry_id for m in latin}  # a Chinese listing read in pinyin


@pytest.mark.shared_data
def test_index_finds_what_brute_force_finds_for_chinese_names(shared_data: Path):
    """On part of the real lists, unlisted A-share companies by their Chinese names (and a
    few listed ones written in Chinese) find through the index what scoring every name finds."""
    full = load_list(shared_data / "derived" / "real_lists_csl.csv")
    rng = random.Random(11)
    part = ListSnapshot(
        name=full.name, path=full.path, sha256=full.sha256, format=full.format,
        entries=tuple(rng.sample(full.entries, 1500)),
    )  # fmt: skip
    with (shared_data / "bilingual" / "a_share_companies_half.csv").open(encoding="utf-8") as f:
        names = [row["chinese_name"] for row in csv.DictReader(f)]
    queries = [*rng.sample(names, 60), *QUERIES]
    indexed = ListMatcher([part])
    brute = ListMatcher([part], candidate_source=AllNames)
    for min_score in (DEFAULT_THRESHOLD, 70.0):
        for row, name in enumerate(queries, start=1):
            supplier = Supplier(row=row, name=name)
            got = {
                (m.entry.entry_id, m.score) for m in indexed.match(supplier, min_score=min_score)
            }
            want = {(m.entry.entry_id, m.score) for m in brute.match(supplier, min_score=min_score)}
            assert got == want, name


# --- pinyin made from characters meets only the same word ---------------------------------------


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("祥鑫科技股份有限公司", "Xiangxun Technology Co., Ltd."),  # 祥鑫 is xiangxin
        ("鼎芯信息产业有限公司", "Dingxun Information Industry"),
        ("华为技术有限公司", "Huawai Technologies"),
    ],
)
def test_pinyin_from_characters_has_no_typo_allowance(query, listed):
    """The characters were exact: a pinyin word one letter from the listing's is another
    name, whichever side is in characters."""
    assert score(query, listed) < DEFAULT_THRESHOLD
    assert score(listed, query) < DEFAULT_THRESHOLD


def test_english_glosses_keep_their_typo_allowance():
    """Only pinyin is exact: the English of a glossary word meets a misspelt listing."""
    assert score("华为技术有限公司", "Huawei Tecnology") >= DEFAULT_THRESHOLD
    assert score("祥鑫科技股份有限公司", "Xiangxin Technology Co., Ltd.") == 100.0


# --- short names and brands of the large groups (zh_names.tsv) ---------------------------------


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("中芯国际", "SMIC"),
        ("中芯国际", "Semiconductor Manufacturing International Corporation"),
        ("杭州海康威视数字技术股份有限公司", "Hangzhou Hikvision Digital Technology Co., Ltd."),
        ("海康威视", "Hikvision"),
        ("大疆", "DJI"),
        ("深圳市大疆创新科技有限公司", "Shenzhen DJI Innovation Technology Co., Ltd."),
        ("中航工业", "AVIC"),
        ("中国电子科技集团", "CETC"),
        ("中国电子科技集团公司第十三研究所", "CETC 13th Research Institute"),
        ("浪潮集团有限公司", "Inspur Group Co., Ltd."),
        ("曙光信息产业股份有限公司", "Sugon Information Industry"),
        ("中科曙光", "Sugon"),
        ("华为", "Huawei"),
        ("中兴通讯股份有限公司", "ZTE Corporation"),
        ("科大讯飞股份有限公司", "IFLYTEK"),
        ("商汤集团", "SenseTime Group"),
        ("北京旷视科技有限公司", "Beijing Megvii Technology Co., Ltd."),
        ("上海依图网络科技有限公司", "Shanghai Yitu Network Technology Co., Ltd."),
        ("華為技術有限公司", "Huawei Technologies Co., Ltd."),  # Traditional characters
        ("海康威視", "Hikvision"),
    ],
)
def test_short_names_and_brands_meet_their_listing(query, listed):
    assert score(query, listed) >= DEFAULT_THRESHOLD


def test_a_brand_keeps_its_plain_readings():
    """A short name is also read as its characters say: 中国电子 is CEC, and still "China
    Electronics" in 中国电子进出口 (another company, CEIEC); 浪潮 is also Langchao."""
    assert score("中国电子进出口有限公司", "China Electronics Import Export") == 100.0
    langchao = "Shandong Langchao Qilu Software Industry"
    assert score("山东浪潮齐鲁软件产业股份有限公司", langchao) == 100.0


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("中兴建设有限公司", "ZTE Corporation"),  # 中兴 in another trade name
        ("纵横通信有限公司", "JOUAV"),  # a brand's characters inside another name
        ("中芯国际", "SMIC Northern Integrated Circuit Manufacturing (Beijing) Co., Ltd."),
    ],
)
def test_a_brand_alone_is_not_the_whole_listing(query, listed):
    """A brand met inside a longer name is part of the name, scored as such."""
    assert score(query, listed) < DEFAULT_THRESHOLD


def test_names_table_rows_are_sourced():
    """Every row pairs a Chinese short name with its English names and names the public
    document that states the pairing."""
    text = (Path(__file__).parents[1] / "screening" / "data" / "zh_names.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    assert len(rows) >= 50
    for row in rows:
        assert len(row) == 3, row
        chinese, english, source = row
        assert chinese and all("\u4e00" <= c <= "\u9fff" for c in chinese), row
        assert all(e.strip() for e in english.split("|")), row
        assert len(source) > 20, row


#: A registered Chinese company name cited in a row's source, and the English name cited
#: beside it in quotes: `北京旷视科技有限公司 "Beijing Megvii Technology Co., Ltd."`.
_CITED_PAIR = re.compile(r'([\u4e00-\u9fff()（）]+?(?:股份)?有限(?:责任)?公司)\s*"([^"]+)"')


def cited_registered_names() -> list[tuple[str, str]]:
    text = (Path(__file__).parents[1] / "screening" / "data" / "zh_names.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return sorted({pair for row in rows for pair in _CITED_PAIR.findall(row[2])})


def test_the_table_cites_registered_names():
    assert len(cited_registered_names()) >= 40


@pytest.mark.parametrize(("chinese", "english"), cited_registered_names())
def test_each_cited_registered_name_meets_its_english_name(chinese, english):
    """The table's own evidence: a company's registered Chinese name meets the English name
    its exchange listing or its own usage gives it, words the English leaves out included
    ("中国远洋海运集团有限公司" / "China COSCO Shipping Corporation Limited")."""
    assert score(chinese, english) >= DEFAULT_THRESHOLD


# --- institutions by the English name CC-CEDICT gives them -------------------------------------


def test_an_institution_meets_its_english_name_from_cc_cedict():
    """Word by word 哈尔滨工业大学 is "Harbin Industry University"; CC-CEDICT names it
    "Harbin Institute of Technology", as the lists do."""
    assert cedict_proper_names("哈尔滨工业大学") == (("harbin", "institute", "of", "technology"),)
    assert score("哈尔滨工业大学", "Harbin Institute of Technology") >= DEFAULT_THRESHOLD
    assert score("哈爾濱工業大學", "Harbin Institute of Technology") >= DEFAULT_THRESHOLD
    # The word-by-word reading still meets a listing written so.
    assert score("哈尔滨工业大学", "Harbin Industry University") >= DEFAULT_THRESHOLD


def test_only_proper_names_of_long_words_are_taken_from_cc_cedict():
    # Lower-case senses are explanations, not names; short words keep the glossary's reading.
    assert cedict_proper_names("空气动力") == ()  # "aerodynamic force"
    assert cedict_proper_names("中国") == ()  # "China": one word, two characters
    assert score("哈尔滨工业大学", "Harbin Engineering University") < DEFAULT_THRESHOLD


# --- a branch or an office after a company's name is the company -------------------------------


@pytest.mark.parametrize(
    ("name", "company", "qualifier"),
    [
        ("华为技术有限公司上海分公司", "华为技术有限公司", "上海分公司"),
        ("华为技术有限公司北京代表处", "华为技术有限公司", "北京代表处"),
        ("中国银行股份有限公司上海市分行", "中国银行股份有限公司", "上海市分行"),
        ("华为技术有限公司(深圳)分公司", "华为技术有限公司", "(深圳)分公司"),
        ("华为技术有限公司第二分公司", "华为技术有限公司", "第二分公司"),
        (
            "某某证券股份有限公司北京中关村大街营业部",
            "某某证券股份有限公司",
            "北京中关村大街营业部",
        ),
        ("华为上海分公司", "华为", "上海分公司"),  # no legal form: a place and the branch word
        ("华为上海市办事处", "华为", "上海市办事处"),
        ("上海分公司", "上海分公司", ""),  # only a qualifier: nothing to cut
        ("华为技术有限公司", "华为技术有限公司", ""),
        ("分公司管理有限公司", "分公司管理有限公司", ""),  # the word is not at the end
    ],
)
def test_split_han_branch(name, company, qualifier):
    assert split_han_branch(name) == (company, qualifier)


@pytest.mark.parametrize(
    ("branch", "company"),
    [
        ("华为技术有限公司上海分公司", "华为技术有限公司"),
        ("华为技术有限公司北京代表处", "华为技术有限公司"),
        ("华为技术有限公司深圳市办事处", "华为技术有限公司"),
        ("华为技术有限公司第二分公司", "华为技术有限公司"),
        ("华为技术有限公司杭州研发中心分部", "华为技术有限公司"),
        ("華為技術有限公司上海分公司", "华为技术有限公司"),  # Traditional characters
        ("华为上海分公司", "华为"),
        ("Huawei Technologies Co., Ltd. 北京代表处", "Huawei Technologies Co., Ltd."),
    ],
)
def test_a_branch_of_a_listed_company_scores_like_the_company(branch, company):
    for listed in ("Huawei Technologies Co., Ltd.", "华为技术有限公司", "Huawei"):
        assert score(branch, listed) == score(company, listed), (branch, listed)
    listing = "Huawei" if company == "华为" else "Huawei Technologies Co., Ltd."
    assert score(branch, listing) >= DEFAULT_THRESHOLD


def test_a_listed_branch_is_not_its_company():
    """The reverse stays partial: the listing names the branch, the supplier the company."""
    assert score("华为技术有限公司", "华为技术有限公司北京代表处") < DEFAULT_THRESHOLD
    assert score("华为技术有限公司北京代表处", "华为技术有限公司北京代表处") == 100.0
    # another branch of the same company is the company too
    assert score("华为技术有限公司上海分公司", "华为技术有限公司北京代表处") < 100.0


def test_a_branch_qualifier_needs_the_company_before_it():
    """Without the listed company's words, a branch word makes no match of its own."""
    assert score("中兴通讯股份有限公司上海分公司", "Huawei Technologies Co., Ltd.") < 50.0


# --- English readings from CC-CEDICT for words the glossary does not have ----------------------


def test_cedict_readings():
    from screening.chinese import cedict_readings

    assert cedict_readings("银行") == (("bank",),)
    assert ("security",) in cedict_readings("安全")
    assert cedict_readings("理工") == ()  # only an explanation, no name for it
    assert cedict_readings("格灵") == ()  # not a word of the dictionary
    # A character jieba cuts as a word of its own is read in CC-CEDICT too (新 new).
    assert ("new",) in cedict_readings("新")


def test_a_character_of_its_own_may_meet_in_english_or_in_pinyin():
    assert score("新科达电子有限公司", "New Keda Electronics Co., Ltd.") >= DEFAULT_THRESHOLD
    assert score("新科达电子有限公司", "Xin Keda Electronics Co., Ltd.") >= DEFAULT_THRESHOLD


def test_a_verb_of_the_dictionary_meets_its_participle_in_a_name():
    """CC-CEDICT gives 联合 "to unite"; names write "United"."""
    from screening.similarity import participle_stems

    assert "unite" in participle_stems("united")
    assert "apply" in participle_stems("applied")
    assert "develop" in participle_stems("developed")
    assert participle_stems("red") == participle_stems("united states"[:4]) == ()
    assert score("中国联合科技有限公司", "China United Technology Co., Ltd.") >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("上海银行股份有限公司", "Shanghai Bank"),
        ("北京安全技术有限公司", "Beijing Security Technology"),
        ("湖南集装箱运输有限公司", "Hunan Container Transportation"),
    ],
)
def test_words_outside_the_glossary_are_read_in_english_too(query, listed):
    assert score(query, listed) >= DEFAULT_THRESHOLD
    # and still in pinyin, as the listing may write them
    assert score("上海银行股份有限公司", "Shanghai Yinhang") == 100.0


# --- Wade-Giles, as Taiwan's names and older English usage write pinyin --------------------------


@pytest.mark.parametrize(
    ("pinyin", "wade_giles"),
    [
        (["xi", "jin", "ping"], ["hsi", "chin", "ping"]),  # Hsi Chin-p'ing
        (["mao", "ze", "dong"], ["mao", "tse", "tung"]),
        (["gao", "xiong"], ["kao", "hsiung"]),  # Kaohsiung
        (["jiang", "jie", "shi"], ["chiang", "chieh", "shih"]),
        (["zhong", "shan"], ["chung", "shan"]),
        (
            ["guo", "gui", "hui", "duo", "zi", "si", "er"],
            ["kuo", "kuei", "hui", "to", "tzu", "ssu", "erh"],
        ),
    ],
)
def test_wade_giles(pinyin, wade_giles):
    from screening.chinese import wade_giles as convert

    assert [convert(s) for s in pinyin] == wade_giles


@pytest.mark.parametrize(
    ("query", "listed", "misspelt"),
    [
        ("新竹科技有限公司", "Hsinchu Technology Co., Ltd.", "Hsinchou Technology Co., Ltd."),
        ("台北电子股份有限公司", "Taipei Electronics Corp.", "Taipai Electronics Corp."),
        (
            "高雄中山贸易有限公司",
            "Kaohsiung Chung-Shan Trading Co., Ltd.",
            "Kaohsiung Chang-Shan Trading Co., Ltd.",
        ),
    ],
)
def test_wade_giles_spellings_meet_the_characters(query, listed, misspelt):
    assert score(query, listed) == 100.0
    assert score(query, misspelt) < DEFAULT_THRESHOLD  # still exact: another name


def test_glossary_words_are_also_read_in_their_other_cedict_senses():
    """The glossary gives each word the English most lists use (学院 "academy"); its other
    senses in CC-CEDICT ("college") are readings too."""
    assert score("武汉航空学院", "Wuhan Aviation Academy") == 100.0
    assert score("武汉航空学院", "Wuhan Aviation College") == 100.0
    assert score("武汉航空学院", "Wuhan Aviation College Hospital") < DEFAULT_THRESHOLD


def test_a_brand_is_not_read_into_another_company_sharing_its_first_characters():
    """中微半导体设备 is AMEC; 中微半导体(深圳) is another company (a chip designer)."""
    amec = "Advanced Micro-Fabrication Equipment Inc. China"
    assert score("中微半导体设备(上海)股份有限公司", amec) >= DEFAULT_THRESHOLD
    assert score("中微半导体(深圳)股份有限公司", amec) < DEFAULT_THRESHOLD


def test_the_explanation_shows_the_reading_that_was_scored():
    """A reviewer sees the words compared, as the Chinese name was read for that listing."""
    listed = ListEntry(source="test", entry_id="e1", name="Henan Dingxin Information Industry")
    (found,) = ListMatcher([snapshot(listed)]).match(
        Supplier(1, "河南鼎芯信息产业有限公司"), min_score=DEFAULT_THRESHOLD
    )
    assert "compared 'henan dingxin information industry' with" in found.explanation
    pair = score_pair(
        name_form("河南鼎芯信息产业"), name_form("Henan Dingxin Information Industry")
    )
    assert pair.read_as == (("henan", "dingxin", "information", "industry"),) * 2
    assert score_pair(name_form("Huawei"), name_form("Huawei")).read_as is None
