"""The Chinese interface: `--lang zh`, SCREEN_LANG, the config file's `lang` and the locale
give Chinese headings, statuses, verdicts, summary, warnings and errors; what programs
read (JSON, CSV fields) stays English."""

from __future__ import annotations

import json

import pytest
from clirun import REPO, invoke, runner
from screening_cli.app import app

SUPPLIERS = REPO / "fixtures" / "suppliers.csv"
AS_OF = ("--as-of", "2026-12-01")


def run(*args: object, **env: str | None):
    return runner.invoke(app, [str(a) for a in args], env=env)


def test_a_run_in_chinese():
    result = invoke(SUPPLIERS, *AS_OF, "--lang", "zh")
    assert result.exit_code == 1, result.stderr
    out = result.stdout
    assert out.startswith("潜在匹配（截至 2026-12-01）")
    for header in ("行", "编号", "输入名称", "列名方", "名单", "得分", "状态", "门禁", "条目编号"):
        assert f" {header} " in out, header
    assert "│ 生效 " in out and "│ 未通过 " in out
    assert "名单：sample_csl.csv（24 个条目，sha256 " in out
    lines = result.stderr.splitlines()
    assert lines[0] == "警告：内置样例名单：不是完整的筛查名单"
    assert lines[-1] == (
        "已对照 1 份名单（24 个条目）筛查 53 行，截至 2026-12-01：29 行中有 34 个潜在匹配，"
        "30 个未通过门禁（阈值 85，门禁条件 pending）"
    )


def test_cards_on_a_narrow_terminal_in_chinese():
    result = run(SUPPLIERS, *AS_OF, "--lang", "zh", COLUMNS="80")
    assert result.exit_code == 1
    out = result.stdout.splitlines()
    assert out[0] == "潜在匹配（截至 2026-12-01）"
    first = out[out.index("第 1 行 · V0001 · Huawei Technologies Co Ltd") :][:4]
    assert first[1] == "  门禁     未通过 · 得分 100 · 生效"
    assert first[2] == "  列名方   Huawei Technologies Co., Ltd."
    assert first[3] == "  名单条目 EL sample-el-015"


@pytest.mark.parametrize(
    ("name", "as_of", "status"),
    [
        ("Huawei Technologies", "2026-12-01", "生效"),
        ("Inspur Software Co., Ltd.", "2025-03-01", "2025-03-25 起生效"),
        ("Zhongxing Telecommunications Equipment", "2026-12-01", "已于 2017-03-29 移出"),
    ],
)
def test_a_lookup_in_chinese_shows_the_status_in_the_chosen_terms(name, as_of, status):
    result = invoke("lookup", name, "--as-of", as_of, "--lang", "zh", "--show-from", "90")
    assert result.exit_code in (0, 1), result.stderr
    assert result.stdout.startswith(f"潜在匹配（截至 {as_of}）")
    assert status in result.stdout
    assert "列名方" in result.stdout and "条目编号" in result.stdout
    assert result.stderr.splitlines()[-1].startswith("已对照 1 份名单（24 个条目）筛查 1 行")


def test_an_error_in_chinese_is_one_line_with_exit_2(tmp_path):
    missing = tmp_path / "没有.csv"
    result = invoke(missing, "--lang", "zh")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == f"错误：输入文件 {missing} 不存在\n"


def test_a_library_error_with_values_in_chinese(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("code,city\nA1,Beijing\n", encoding="utf-8")
    result = invoke(path, "--lang", "zh")
    assert result.exit_code == 2
    assert result.stderr == (
        f"错误：{path}：在这些列中找不到名称列：code, city；请用 --name-column 指明哪一列是名称\n"
    )


def test_no_lists_installed_in_chinese():
    result = run(SUPPLIERS, "--lang", "zh", SCREEN_LIST=None)
    assert result.exit_code == 2
    assert result.stderr == "错误：未安装筛查名单：请运行 `screen update`，或用 --list 给出名单\n"


def test_an_error_of_a_module_without_translations_stays_whole_english(tmp_path):
    """A list parser's message ("PATH, line 2: the name field is empty") would fit the
    shape of other modules' templates ("{key}: {warning}"); it is shown as written, not
    half translated."""
    sample = (REPO / "fixtures" / "lists" / "sample_csl.csv").read_text(encoding="utf-8")
    bad = tmp_path / "list.csv"
    row = '"x","Entity List (EL) - Bureau of Industry and Security"' + ',""' * 27
    bad.write_text(sample.splitlines()[0] + "\n" + row + "\n", encoding="utf-8")
    english = invoke("lookup", "Huawei", "--list", bad)
    chinese = invoke("lookup", "Huawei", "--list", bad, "--lang", "zh")
    assert english.exit_code == chinese.exit_code == 2
    assert english.stderr == f"error: {bad}, line 2: the name field is empty\n"
    assert chinese.stderr == "错误：" + english.stderr.removeprefix("error: ")


@pytest.mark.parametrize(
    ("env", "chinese"),
    [
        ({"LANG": "zh_CN.UTF-8"}, True),
        ({"LANG": "zh_TW.UTF-8"}, True),
        ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, False),  # LC_ALL over LANG
        ({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, True),
        ({"LANGUAGE": "fr:zh_CN", "LANG": "en_US.UTF-8"}, True),  # the first it has
        ({"LANG": "zh_CN.UTF-8", "SCREEN_LANG": "en"}, False),  # SCREEN_LANG over the locale
        ({"LANG": "en_US.UTF-8", "SCREEN_LANG": "zh"}, True),
    ],
)
def test_the_locale_and_screen_lang(env, chinese):
    result = run("lookup", "Huawei Technologies", *AS_OF, **env)
    assert result.exit_code == 1
    assert result.stdout.startswith("潜在匹配" if chinese else "Potential matches"), env


def test_the_option_over_the_environment_over_the_config_file(tmp_path, monkeypatch):
    (tmp_path / "screen.toml").write_text('lang = "zh"\nlists = "sample"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    from_file = run("lookup", "Huawei Technologies", *AS_OF, SCREEN_CONFIG=None)
    assert from_file.stdout.startswith("潜在匹配"), from_file.stderr
    env = run("lookup", "Huawei Technologies", *AS_OF, SCREEN_CONFIG=None, SCREEN_LANG="en")
    assert env.stdout.startswith("Potential matches")
    option = run(
        "lookup", "Huawei Technologies", *AS_OF, "--lang", "zh", SCREEN_CONFIG=None,
        SCREEN_LANG="en",
    )  # fmt: skip
    assert option.stdout.startswith("潜在匹配")
    shown = json.loads(run("config", "-f", "json", SCREEN_CONFIG=None).stdout)
    assert shown["settings"]["lang"] == {"value": "zh", "from": "config file"}


def test_screen_config_names_the_locale_as_the_source(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shown = json.loads(run("config", "-f", "json", LANG="zh_CN.UTF-8").stdout)
    assert shown["settings"]["lang"] == {"value": "zh", "from": "locale LANG"}


def test_an_unknown_language_is_a_usage_error():
    result = invoke("lookup", "Huawei", "--lang", "fr")
    assert result.exit_code == 2
    assert "'fr' is not a language of the interface; use one of en, zh" in result.stderr


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_reports_for_programs_stay_english(fmt):
    english = invoke(SUPPLIERS, *AS_OF, "-f", fmt)
    chinese = invoke(SUPPLIERS, *AS_OF, "-f", fmt, "--lang", "zh")
    assert english.exit_code == chinese.exit_code == 1
    assert chinese.stdout == english.stdout
    assert chinese.stderr.splitlines()[-1].startswith("已对照")


def test_html_junit_sarif_github_in_chinese(tmp_path):
    html = invoke(SUPPLIERS, *AS_OF, "-f", "html", "--lang", "zh").stdout
    assert '<html lang="zh-Hans">' in html and "<h1>筛查报告（截至 2026-12-01）</h1>" in html
    assert "<th>列名方</th>" not in html and "<th>名单条目</th>" in html
    assert "<td>生效</td>" in html and 'class="in_force fail"' in html  # the class stays
    junit = invoke(SUPPLIERS, *AS_OF, "-f", "junit", "--lang", "zh").stdout
    assert "得分 100，生效" in junit and 'name="row 1: Huawei Technologies Co Ltd"' in junit
    sarif = json.loads(invoke(SUPPLIERS, *AS_OF, "-f", "sarif", "--lang", "zh").stdout)
    first = sarif["runs"][0]["results"][0]
    assert first["message"]["text"].startswith("第 1 行 'Huawei Technologies Co Ltd' 可能是 ")
    assert first["properties"]["status"] == "in_force"  # machine fields stay English
    github = invoke(SUPPLIERS, *AS_OF, "-f", "github", "--lang", "zh").stdout
    assert "title=第 1 行：Huawei Technologies Co Ltd 可能被列名（EL）::" in github


def test_why_in_chinese_names_the_country_in_chinese():
    result = invoke("why", "Huawei Technologes", "--country", "CN", *AS_OF, "--lang", "zh")
    assert result.exit_code in (0, 1), result.stderr
    out = result.stdout
    assert out.startswith("Huawei Technologes (CN) 为何与名单匹配（截至 2026-12-01）")
    assert "  国家     中国 (CN) 与名单所列 CN 一致: +0.8" in out
    assert "相差一个字母（拼写错误）" in out


def test_ownership_look_through_in_chinese():
    result = invoke(
        SUPPLIERS, *AS_OF, "--ownership", REPO / "fixtures" / "ownership.csv", "--lang", "zh"
    )
    assert result.exit_code == 1
    assert "股权穿透（截至 2026-12-01，50% 规则）" in result.stdout
    assert "个股权穿透发现（50% 规则）" in result.stderr.splitlines()[-1]


@pytest.mark.parametrize(
    "args",
    [
        ("--lang", "zh", "lookup", "Huawei Technologies"),
        ("--lang=zh", "lookup", "Huawei Technologies"),
        ("lookup", "--lang", "zh", "Huawei Technologies"),
    ],
)
def test_lang_before_or_after_the_command(args):
    result = invoke(*args, *AS_OF)
    assert result.exit_code == 1, result.stderr
    assert result.stdout.startswith("潜在匹配（截至 2026-12-01）")


def test_lang_before_a_file_screens_it():
    result = invoke("--lang", "zh", SUPPLIERS, *AS_OF)
    assert result.exit_code == 1 and result.stdout.startswith("潜在匹配")
