"""The interface's catalogs (screening/i18n): every message a person reads has a Chinese
translation that keeps its placeholders, the committed .mo is the .po compiled, and a
library message built as an English f-string comes back in Chinese with its values."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from screening.i18n import (
    _,
    current_language,
    language_of,
    placeholders,
    set_language,
    translate_message,
    use_language,
)
from screening.i18n.extract import project_messages

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "screening" / "locale" / "zh" / "LC_MESSAGES" / "screening.po"
MESSAGES = project_messages(ROOT)  # (msgid, context): context is the raising module
MSGIDS = {msgid for msgid, _context in MESSAGES}


@pytest.fixture(scope="module")
def catalog():
    with PO.open("rb") as handle:
        return read_po(handle, locale="zh", domain="screening")


@pytest.fixture(autouse=True)
def _english_after():
    yield
    set_language("en")


def test_the_scan_finds_the_messages_people_read():
    """The extraction itself: marked strings, raised f-strings of the chosen modules, the
    summary's parts and the constants shown as they are."""
    for expected in [
        "in force",  # a status (render.py, N_)
        "Listed party",  # a table header (_)
        "{path}: no name column found among: {_names(headers)}; pass --name-column to say "
        "which one holds the names",  # an InputFileError of inputs.py
        "{count} potential matches",  # the summary line (N_)
        "no screening lists installed: run `screen update`, or pass --list",  # a constant
        "empty name",  # a skip reason
    ]:
        assert expected in MSGIDS, expected
    assert len(MESSAGES) > 250


def _entry(catalog, msgid, context):
    return catalog.get(msgid, context or None)


def test_every_message_has_a_chinese_translation(catalog):
    missing = [
        f"{c or '-'}: {m}"
        for m, c in MESSAGES
        if not (_entry(catalog, m, c) and _entry(catalog, m, c).string.strip())
    ]
    assert not missing, "run `python tools/catalog.py update`, translate, then `compile`:\n" + (
        "\n".join(missing)
    )


def test_every_translation_keeps_the_placeholders_of_its_message(catalog):
    wrong = [
        (m.id, m.string)
        for m in catalog
        if m.id and m.string and sorted(placeholders(m.id)) != sorted(placeholders(m.string))
    ]
    assert not wrong


def test_the_catalog_holds_no_message_the_code_no_longer_has(catalog):
    stale = [m.id for m in catalog if m.id and (m.id, m.context or "") not in MESSAGES]
    assert not stale, "run `python tools/catalog.py update`"


def test_the_committed_mo_is_the_po_compiled(catalog):
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    assert PO.with_suffix(".mo").read_bytes() == buffer.getvalue(), (
        "run `python tools/catalog.py compile`"
    )


def _sample(template: str) -> tuple[str, dict[str, str]]:
    """`template` filled with a distinct value per placeholder, and those values."""
    values: dict[str, str] = {}

    def fill(found: re.Match[str]) -> str:
        if found.group(1) is None:
            return found.group(0)[0]
        return values.setdefault(found.group(1), f"<v{len(values)}>")

    pattern = re.compile(r"\{\{|\}\}|\{((?:[^{}]|\{[^{}]*\})+)\}")
    return pattern.sub(fill, template), values


def _filled(template: str, values: dict[str, str]) -> str:
    pattern = re.compile(r"\{\{|\}\}|\{((?:[^{}]|\{[^{}]*\})+)\}")
    return pattern.sub(
        lambda m: m.group(0)[0] if m.group(1) is None else values[m.group(1)], template
    )


@pytest.mark.parametrize(("msgid", "context"), [k for k in MESSAGES if placeholders(k[0])])
def test_a_message_built_from_a_template_comes_back_in_chinese_with_its_values(
    catalog, msgid, context
):
    """What `translate_message` does with a library error: the English text as the
    f-string of module `context` made it, matched to its template, the Chinese template
    filled with the same values."""
    english, values = _sample(msgid)
    expected = _filled(_entry(catalog, msgid, context).string, values)
    with use_language("zh"):
        assert translate_message(english, (context,) if context else ()) == expected


def test_a_real_library_error_is_shown_in_chinese(tmp_path):
    from screening.errors import InputFileError
    from screening.i18n import error_origins
    from screening.inputs import read_suppliers

    path = tmp_path / "suppliers.csv"
    path.write_text("code,city\nA1,Beijing\n", encoding="utf-8")
    with pytest.raises(InputFileError) as caught:
        read_suppliers(path)
    english = str(caught.value)
    assert "screening.inputs" in error_origins(caught.value)
    with use_language("zh"):
        chinese = translate_message(english, error_origins(caught.value))
    assert english.startswith(f"{path}: no name column found among: code, city")
    assert chinese == (
        f"{path}：在这些列中找不到名称列：code, city；请用 --name-column 指明哪一列是名称"
    )


def test_a_message_the_catalog_does_not_know_stays_english():
    """An error of a module whose messages are not translated (a list parser) stays whole
    English, even when it would fit a template of another module ("list file {path}:
    {reason}" of screening.lists): never half translated."""
    text = "list file x.csv, line 3: 'source' is missing; the CSL has 29 columns"
    with use_language("zh"):
        assert translate_message(text, ("screening.lists.csl",)) == text
        assert translate_message(text, ("screening.lists",)).startswith("名单文件 x.csv")
        assert translate_message("") == ""


def test_a_value_that_is_a_message_itself_is_translated_inside_another():
    """A skip reason inside the summary, a row warning inside a list name's note."""
    english = "input file a b.csv does not exist"
    with use_language("zh"):
        assert translate_message(english, ("screening.inputs",)) == "输入文件 a b.csv 不存在"
        assert translate_message("empty name") == "名称为空"


def test_english_is_left_as_written():
    assert current_language() == "en"
    assert _("in force") == "in force"
    assert translate_message("input file a.csv does not exist") == "input file a.csv does not exist"


@pytest.mark.parametrize(
    ("tag", "language"),
    [
        ("zh", "zh"),
        ("zh_CN.UTF-8", "zh"),
        ("zh-TW", "zh"),
        ("zh_HK.Big5", "zh"),
        ("ZH", "zh"),
        ("en_US.UTF-8", "en"),
        ("en", "en"),
        ("C", None),
        ("C.UTF-8", None),
        ("POSIX", None),
        ("fr_FR.UTF-8", None),
        ("", None),
        (None, None),
    ],
)
def test_language_of_a_locale_or_tag(tag, language):
    assert language_of(tag) == language


def test_use_language_sets_then_restores():
    with use_language("zh_CN"):
        assert current_language() == "zh" and _("in force") == "生效"
        with use_language("en"):
            assert _("in force") == "in force"
        assert _("pending") == "尚未生效"
    assert current_language() == "en"
    set_language("fr")  # no catalog: English
    assert current_language() == "en"


@pytest.mark.parametrize(
    ("english", "chinese"),
    [("in force", "生效"), ("pending", "尚未生效"), ("removed", "已移出")],
)
def test_statuses_use_the_chosen_compliance_terms(english, chinese):
    with use_language("zh"):
        assert _(english) == chinese
