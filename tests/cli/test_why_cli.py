"""`screen why ROW|NAME` (the features of a match, from the cached index) and `--format
json` for `why`, `explain`, `lists` and `history`."""

from __future__ import annotations

import json

import pytest
from clirun import REPO, invoke, one_line_error

SUPPLIERS = REPO / "fixtures" / "suppliers.csv"
OWNERSHIP = REPO / "fixtures" / "ownership.csv"
#: The sample list named by its path, so these tests read it whatever the default list is.
SAMPLE = REPO / "fixtures" / "lists" / "sample_csl.csv"
LISTS = ("--list", SAMPLE, "--as-of", "2025-03-26")


def test_why_a_row_shows_the_words_their_rules_and_the_country_points():
    result = invoke("why", "2", "--suppliers", SUPPLIERS, *LISTS)
    assert result.exit_code == 1, result.stderr  # the match fails the gate
    out = result.stdout
    assert out.startswith("Why Row 2 · V0002 · 华为技术有限公司 (CN) meets the lists")
    assert "compared huawei technology (its Chinese words in English or pinyin)" in out
    assert "with     huawei technologies" in out
    assert "technology = technologies: the same word, singular and plural (0.95)" in out
    assert "generic, counts 0.4" in out
    assert "country  CN agrees with the listing's CN: +0.4" in out
    assert "listing  EL sample-el-015" in out and "fails · score 99 · in force" in out


def test_why_a_row_by_its_id_and_a_partial_listed_name():
    result = invoke("why", "V0011", "--suppliers", SUPPLIERS, *LISTS, "--limit", "2")
    out = result.stdout
    assert "(compared as 'Inspur Electronic Information Industry Co., Ltd.')" in " ".join(
        out.split()
    )
    assert "name     95 (words in common 100.0; part of the listed name, -5)" in out
    assert "country  CN agrees with the listing's CN: +3.0" in out


def test_why_a_listed_name_without_its_own_acronym_is_whole():
    """ "Academy of Aerospace Solid Propulsion Technology (AASPT)": the name written out
    without its acronym is the whole listed name, not part of it."""
    result = invoke("why", "V0026", "--suppliers", SUPPLIERS, *LISTS, "--limit", "1")
    assert "name     100 (words in common 100.0)" in result.stdout
    assert "part of the listed name" not in result.stdout


def test_why_json_is_the_lookup_report_with_features_per_match():
    result = invoke("why", "V0011", "--suppliers", SUPPLIERS, *LISTS, "--format", "json")
    report = json.loads(result.stdout)
    assert report["query"] == {
        "row": 11,
        "input_id": "V0011",
        "input_name": "Inspur Electronic Information Industry Co Ltd",
        "input_country": "CN",
        "words": ["inspur", "electronic", "information", "industry"],
    }
    second = report["matches"][1]
    assert second["entry_id"] == "sample-el-004" and second["score"] == 98.0
    features = second["features"]
    assert features["partial"] is True and features["partial_penalty"] == 5.0
    assert features["name_score"] == 95.0 and features["country"]["points"] == 3.0
    assert features["score"] == second["score"]
    assert [w["rule"] for w in features["words"]] == ["same"] * 4
    assert [g["entry_ids"] for g in report["groups"][:2]] == [["sample-el-007"], ["sample-el-004"]]


def test_why_entry_explains_a_listing_below_the_report():
    result = invoke("why", "Atlas Copco AB", "--country", "SE", *LISTS,
                    "--entry", "sample-uvl-001", "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.stderr  # far under the gate
    (match,) = json.loads(result.stdout)["matches"]
    features = match["features"]
    assert features["words"][0] == {
        "query": "atlas", "listed": "atlas", "similarity": 1.0, "rule": "same",
        "rule_text": "the same word", "weight": 1.0,
    }  # fmt: skip
    assert features["listed_unmet"] == ["sanatgaran"]
    assert features["country"]["verdict"] == "differs"
    assert match["score"] < 85


def test_why_a_name_with_a_branch_set_aside():
    result = invoke("why", "Inspur Software Co., Ltd. Shanghai Branch", *LISTS, "--limit", "1")
    assert "(branch 'shanghai branch' set aside)" in result.stdout
    assert result.stdout.count("\n  gate ") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("why", "V9999", "--suppliers", SUPPLIERS), "no supplier with id or row number"),
        (("why", "2", "--suppliers", SUPPLIERS, "--country", "CN"), "--country is for a NAME"),
        (("why", "Huawei", "--entry", "nope-1"), "no entry 'nope-1'"),
        (("why", "Co., Ltd."), "only legal forms"),
    ],
)
def test_why_bad_input_is_one_line_exit_2(args, message):
    result = invoke(*args, "--list", SAMPLE)
    assert message in one_line_error(result)


def test_why_reads_the_matching_index_from_the_cache(monkeypatch):
    """Warm, `why` loads the index saved by an earlier run instead of building it: that
    is what makes it quick on the real lists (0.35 s for a whole warm run there)."""
    from screening.index import NameIndex

    assert invoke("lookup", "Huawei", *LISTS).exit_code == 1  # warms the cache

    def rebuilt(*args, **kwargs):
        raise AssertionError("the index was built again")

    monkeypatch.setattr(NameIndex, "__init__", rebuilt)
    result = invoke("why", "Huawei Technologies", *LISTS)
    assert result.exit_code == 1, result.stderr
    assert "listing  EL sample-el-015" in result.stdout
    explained = invoke("explain", "V0047", "--suppliers", SUPPLIERS, "--ownership", OWNERSHIP,
                       *LISTS)  # fmt: skip
    assert explained.exit_code in (0, 1), explained.stderr  # explain reads it too


def test_explain_json_has_the_tree_the_rules_and_the_findings():
    result = invoke("explain", "V0047", "--suppliers", SUPPLIERS, "--ownership", OWNERSHIP,
                    "--list", SAMPLE, "--as-of", "2026-12-01", "--format", "json")  # fmt: skip
    assert result.exit_code == 1, result.stderr
    record = json.loads(result.stdout)
    assert record["supplier"]["input_id"] == "V0047" and record["supplier"]["row"] == 47
    tree = record["tree"]
    assert tree["name"] == "Texas Instruments Incorporated" and tree["percent"] is None
    (owner,) = tree["owners"]
    assert (owner["name"], owner["percent"], owner["line"]) == ("Ridgeway Trading LLC", 60.0, 15)
    listed = [o for o in owner["owners"][0]["owners"] if o["listings"]]
    assert listed[0]["listings"][0]["entry_id"] == "sample-el-011"
    (finding,) = record["ownership"]
    assert finding["rule"] == "bis_affiliates" and finding["share"] == 60.0
    assert finding["fails_gate"] is True
    rules = {r["rule"]: r["status"] for r in record["ownership_input"]["rules"]}
    assert rules["bis_affiliates"] == "in_force"
    assert any("cycle" in w for w in record["warnings"])


def test_lists_json_names_every_list_with_its_digest(tmp_path):
    result = invoke("lists", "--format", "json", "--data-dir", tmp_path)
    assert result.exit_code == 0
    listing = json.loads(result.stdout)
    assert listing["data_dir"] == str(tmp_path)
    (sample,) = listing["lists"]
    assert sample["bundled_sample"] is True and sample["entries"] == 24
    assert len(sample["sha256"]) == 64


def test_history_json_of_runs_and_of_one_run(tmp_path):
    db = f"sqlite:///{tmp_path / 'audit.sqlite3'}"
    invoke("lookup", "Huawei Technologies", *LISTS, "--db", db)
    (run,) = json.loads(invoke("history", "--format", "json", "--db", db).stdout)
    assert run["command"] == "lookup" and run["exit_code"] == 1
    one = json.loads(invoke("history", str(run["id"]), "--format", "json", "--db", db).stdout)
    assert one["id"] == run["id"] and one["hits"]
