"""The ownership look-through: reading the file, the 50% rules, their windows, the findings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screening.errors import ConfigError, InputFileError
from screening.gate import ownership_fails, run_fails_gate
from screening.match import ListMatcher
from screening.models import FailOn, Gate, ListEntry, ListSnapshot, RuleStatus, Supplier
from screening.options import ReviewFiles, ScreenOptions
from screening.ownership import (
    LookThrough,
    aggregate_shares,
    build_graph,
    explain_party,
    restrictiveness,
)
from screening.ownership.input import OwnershipData, OwnershipRow, read_ownership
from screening.ownership.rules import load_rules, packaged_rules, parse_rules
from screening.screen import load_lists, screen_file

REPO = Path(__file__).resolve().parents[1]
SUPPLIERS = REPO / "fixtures" / "suppliers.csv"
OWNERSHIP = REPO / "fixtures" / "ownership.csv"

#: Dates either side of the BIS Affiliates Rule's windows (in force 2025-09-29 to
#: 2025-11-09, suspended 2025-11-10 to 2026-11-09, in force again from 2026-11-10).
BEFORE_AFFILIATES = date(2025, 6, 1)
AFFILIATES_FIRST_WINDOW = date(2025, 10, 15)
AFFILIATES_SUSPENDED = date(2026, 3, 1)
AFFILIATES_BACK = date(2026, 12, 1)

EL = "Entity List (EL) - Bureau of Industry and Security"
SDN = "Specially Designated Nationals (SDN) - Treasury Department"
MEU = "Military End User (MEU) List - Bureau of Industry and Security"


def _entry(entry_id: str, source: str, name: str, policy: str = "") -> ListEntry:
    return ListEntry(
        entry_id=entry_id,
        source=source,
        name=name,
        license_requirement="For all items subject to the EAR." if policy else "",
        license_policy=policy,
    )


#: A tiny list of made-up parties, so that narrow cases do not depend on the sample list.
TINY = ListSnapshot(
    name="tiny.csv",
    path=Path("tiny.csv"),
    sha256="0" * 64,
    format="test",
    entries=(
        _entry("t-sdn-1", SDN, "Quillmark Shipping"),
        _entry("t-sdn-2", SDN, "Vostrell Petrochemical"),
        _entry("t-el-1", EL, "Zarnovia Microsystems", "Presumption of denial."),
        _entry("t-el-2", EL, "Kelbrith Avionics", "Case-by-case review."),
        _entry("t-meu-1", MEU, "Draventa Propulsion Institute", "Case-by-case review."),
    ),
)


def _data(*stakes: tuple[str, str, float | None] | OwnershipRow) -> OwnershipData:
    rows = tuple(
        s
        if isinstance(s, OwnershipRow)
        else OwnershipRow(line=n, owned=s[0], owner=s[1], percent=s[2])
        for n, s in enumerate(stakes, start=2)
    )
    return OwnershipData(path=Path("own.csv"), sha256="", rows=rows)


def _look(*stakes: tuple[str, str, float | None] | OwnershipRow, as_of: date = date(2027, 1, 1)):
    return LookThrough(
        _data(*stakes), ListMatcher([TINY]), as_of=as_of, threshold=85.0, rules=packaged_rules()
    )


def _findings(look: LookThrough, name: str):
    return look.findings([Supplier(row=1, name=name)])


# --- the look-through ----------------------------------------------------------------------


def test_direct_owner_at_50_percent():
    (finding,) = _findings(_look(("Acme Trading", "Quillmark Shipping", 50)), "Acme Trading")
    assert finding.rule == "ofac_50" and finding.share == 50
    assert [o.entry.entry_id for o in finding.owners] == ["t-sdn-1"]
    assert finding.path == (
        "Acme Trading ← 50% Quillmark Shipping (Specially Designated Nationals t-sdn-1, in force)"
    )


def test_below_threshold_is_no_finding():
    look = _look(("Acme Trading", "Quillmark Shipping", 49.9))
    assert _findings(look, "Acme Trading") == ()


def test_two_listed_owners_add_up():
    look = _look(
        ("Acme Trading", "Quillmark Shipping", 25),
        ("Acme Trading", "Vostrell Petrochemical", 25),
    )
    (finding,) = _findings(look, "Acme Trading")
    assert finding.share == 50
    assert {o.entry.entry_id for o in finding.owners} == {"t-sdn-1", "t-sdn-2"}
    assert " + " in finding.path


def test_owners_under_different_rules_do_not_add_up():
    look = _look(
        ("Acme Trading", "Quillmark Shipping", 30),  # SDN: OFAC
        ("Acme Trading", "Zarnovia Microsystems", 30),  # EL: BIS
    )
    assert _findings(look, "Acme Trading") == ()


def test_chain_through_a_blocked_company_propagates():
    """A owns 50% of B, B owns 50% of C: B is blocked, so C is too (OFAC's own example)."""
    look = _look(
        ("Middle Holdings", "Quillmark Shipping", 50),
        ("Acme Trading", "Middle Holdings", 50),
    )
    (finding,) = _findings(look, "Acme Trading")
    assert finding.share == 50
    assert finding.path.startswith("Acme Trading ← 50% Middle Holdings ← 50% Quillmark")


def test_chain_through_an_unblocked_company_multiplies():
    look = _look(
        ("Middle Holdings", "Quillmark Shipping", 40),
        ("Acme Trading", "Middle Holdings", 100),
        ("Acme Trading", "Vostrell Petrochemical", 15),
    )
    (finding,) = _findings(look, "Acme Trading")
    assert finding.share == pytest.approx(55.0)  # 100% x 40% + 15%
    look_short = _look(
        ("Middle Holdings", "Quillmark Shipping", 40),
        ("Acme Trading", "Middle Holdings", 80),
    )
    assert _findings(look_short, "Acme Trading") == ()  # 80% x 40% = 32%


def test_bis_finding_carries_the_strictest_license_terms():
    look = _look(
        ("Acme Trading", "Kelbrith Avionics", 30),
        ("Acme Trading", "Zarnovia Microsystems", 20),
        ("Acme Trading", "Draventa Propulsion Institute", 10),
    )
    (finding,) = _findings(look, "Acme Trading")
    assert finding.rule == "bis_affiliates" and finding.share == 60
    assert finding.license_policy == "Presumption of denial."
    assert {o.entry.entry_id for o in finding.owners} == {"t-el-1", "t-el-2", "t-meu-1"}


def test_restrictiveness_orders_policies():
    deny = _entry("a", EL, "a", "Policy of denial.")
    presume = _entry("b", EL, "b", "Presumption of denial.")
    case = _entry("c", EL, "c", "Case-by-case review.")
    assert restrictiveness(deny) > restrictiveness(presume) > restrictiveness(case)


def test_unknown_percentage_is_a_red_flag_not_a_guess():
    look = _look(
        ("Acme Trading", "Quillmark Shipping", None),
        ("Acme Trading", "Public Float", 30),
    )
    (finding,) = _findings(look, "Acme Trading")
    assert finding.percent_unknown
    assert finding.share == 0 and finding.share_max == 70
    assert "?% Quillmark Shipping" in finding.path


def test_unknown_percentage_that_cannot_reach_50_is_no_finding():
    look = _look(
        ("Acme Trading", "Quillmark Shipping", None),
        ("Acme Trading", "Public Float", 60),
    )
    assert _findings(look, "Acme Trading") == ()


def test_cycle_terminates_and_is_reported():
    look = _look(
        ("Loop One", "Quillmark Shipping", 40),
        ("Loop Two", "Loop One", 70),
        ("Loop One", "Loop Two", 30),
        ("Acme Trading", "Loop Two", 60),
    )
    (finding,) = _findings(look, "Acme Trading")
    assert finding.share == 60
    assert any("ownership cycle among Loop One, Loop Two" in w for w in look.review().warnings)
    assert "(cycle)" in finding.path


def test_cycle_without_listed_owner_has_no_finding():
    look = _look(("Loop One", "Loop Two", 100), ("Loop Two", "Loop One", 100))
    assert _findings(look, "Loop One") == ()


def test_owners_over_100_percent_warn():
    look = _look(("Acme Trading", "Owner A", 70), ("Acme Trading", "Owner B", 40))
    (warning,) = look.review().warnings
    assert "hold 110% in all, over 100%" in warning and "lines 2, 3" in warning


def test_supplier_found_by_id_before_name():
    row = OwnershipRow(line=2, owned="Acme (renamed)", owned_id="V9", owner="Quillmark Shipping",
                       percent=60)  # fmt: skip
    look = _look(row)
    assert look.findings([Supplier(row=4, name="Acme Trading", input_id="V9")])
    assert not look.findings([Supplier(row=4, name="Acme Trading", input_id="V8")])


def test_dated_stakes_use_the_latest_on_or_before_the_date():
    rows = (
        OwnershipRow(2, "Acme Trading", "Quillmark Shipping", 40, as_of=date(2024, 1, 1)),
        OwnershipRow(3, "Acme Trading", "Quillmark Shipping", 60, as_of=date(2025, 6, 1)),
    )
    early = _look(*rows, as_of=date(2025, 1, 1))
    late = _look(*rows, as_of=date(2025, 7, 1))
    assert _findings(early, "Acme Trading") == ()
    (finding,) = _findings(late, "Acme Trading")
    assert finding.share == 60 and finding.evidence_as_of == date(2025, 6, 1)


def test_removed_listing_does_not_count(sample_list):
    look = LookThrough(
        _data(("Acme Trading", "ZTE Corporation", 80)),
        ListMatcher([sample_list]),
        as_of=date(2026, 1, 1),
        threshold=85.0,
        rules=packaged_rules(),
    )
    assert _findings(look, "Acme Trading") == ()


# --- the fixture, through screen_file --------------------------------------------------------


def _screen(as_of: date, fail_on: FailOn = FailOn.PENDING):
    result, _ = screen_file(
        SUPPLIERS,
        load_lists([]),
        ScreenOptions(as_of=as_of, gate=Gate(fail_on=fail_on)),
        files=ReviewFiles(ownership=OWNERSHIP),
    )
    return result, {(f.supplier.input_id, f.rule): f for f in result.ownership}


def test_fixture_cases_are_found():
    result, found = _screen(AFFILIATES_BACK)
    assert set(found) == {
        ("V0052", "bis_affiliates"),  # direct: Huawei 60%
        ("V0053", "ofac_50"),  # direct: Zhuhai Zhenrong 51% (SDN)
        ("V0051", "bis_affiliates"),  # chain: Inspur 50% of Harbour Crest 50% of Delta
        ("V0050", "bis_affiliates"),  # aggregate: Nettrix 25% + Suma 25%
        ("V0048", "bis_affiliates"),  # unknown percentage of Henan Dingxin
        ("V0047", "bis_affiliates"),  # through a cycle
    }
    assert ("V0049", "bis_affiliates") not in found  # 49%: below
    assert not any(k[0] == "V0046" for k in found)  # ZTE's listing was removed in 2017
    assert found[("V0051", "bis_affiliates")].share == 50
    assert found[("V0050", "bis_affiliates")].owners
    assert found[("V0048", "bis_affiliates")].percent_unknown
    assert result.ownership_review is not None
    assert any("cycle" in w for w in result.ownership_review.warnings)
    # Owned parties are clean suppliers: none of them is a name match.
    owned_rows = {f.supplier.row for f in result.ownership}
    assert not owned_rows & {f.match.supplier.row for f in result.findings}


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        (BEFORE_AFFILIATES, RuleStatus.PENDING),
        (AFFILIATES_FIRST_WINDOW, RuleStatus.IN_FORCE),
        (AFFILIATES_SUSPENDED, RuleStatus.SUSPENDED),
        (date(2026, 11, 9), RuleStatus.SUSPENDED),
        (date(2026, 11, 10), RuleStatus.IN_FORCE),
        (AFFILIATES_BACK, RuleStatus.IN_FORCE),
    ],
)
def test_affiliates_rule_windows_decide_the_gate(as_of, status):
    result, found = _screen(as_of)
    huawei = found[("V0052", "bis_affiliates")]
    assert huawei.rule_status is status
    assert ownership_fails(huawei, result.gate) is (status is RuleStatus.IN_FORCE)
    flex = found[("V0053", "ofac_50")]
    assert flex.rule_status is RuleStatus.IN_FORCE and ownership_fails(flex, result.gate)


def test_fail_on_any_fails_on_a_suspended_rule_and_never_fails_nothing():
    result, found = _screen(AFFILIATES_SUSPENDED, FailOn.ANY)
    assert ownership_fails(found[("V0052", "bis_affiliates")], result.gate)
    never, _ = _screen(AFFILIATES_SUSPENDED, FailOn.NEVER)
    assert not run_fails_gate(never)


def test_ofac_rule_is_pending_before_its_guidance():
    (ofac,) = [r for r in packaged_rules() if r.rule == "ofac_50"]
    assert ofac.status_on(date(2014, 8, 12)) is RuleStatus.PENDING
    assert ofac.status_on(date(2014, 8, 13)) is RuleStatus.IN_FORCE


def test_explain_draws_owners_up_to_the_listed_party(sample_list):
    suppliers = [Supplier(row=1, name="Delta Electronics, Inc.", input_id="V0051")]
    explanation = explain_party(
        "V0051",
        read_ownership(OWNERSHIP),
        ListMatcher([sample_list]),
        as_of=AFFILIATES_BACK,
        threshold=85.0,
        rules=packaged_rules(),
        suppliers=suppliers,
    )
    (holding,) = explanation.tree.children
    assert holding.name == "Harbour Crest Holdings Ltd" and holding.percent == 50
    (inspur,) = holding.children
    assert [o.entry.entry_id for o in inspur.listings] == ["sample-el-007"]
    assert explanation.findings[0].rule_status is RuleStatus.IN_FORCE


def test_explain_unknown_id_is_an_error(sample_list):
    with pytest.raises(ConfigError, match="no supplier with id or row number 'V9999'"):
        explain_party(
            "V9999",
            read_ownership(OWNERSHIP),
            ListMatcher([sample_list]),
            as_of=AFFILIATES_BACK,
            threshold=85.0,
            rules=packaged_rules(),
            suppliers=[Supplier(row=1, name="x", input_id="V1")],
        )


# --- reading and checking the ownership file -------------------------------------------------


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "own.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_read_fixture_keeps_unknown_percentages():
    data = read_ownership(OWNERSHIP)
    unknown = [r for r in data.rows if r.percent is None]
    assert [r.owner for r in unknown] == ["Henan Dingxin Information Industry Company Limited"]
    assert all(r.as_of == date(2024, 12, 31) for r in data.rows)


@pytest.mark.parametrize("value", ["", "unknown", "?", "Unknown "])
def test_unknown_percent_spellings(tmp_path, value):
    data = read_ownership(_write(tmp_path, f'owned,owner,percent\nA Co,B Co,"{value}"\n'))
    assert data.rows[0].percent is None


def test_percent_with_sign(tmp_path):
    data = read_ownership(_write(tmp_path, "owned,owner,percent\nA Co,B Co,30.5 %\n"))
    assert data.rows[0].percent == 30.5


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("owned,owner,percent\nA Co,B Co,30\nA Co,C Co,120\n", "line 3, column percent"),
        ("owned,owner,percent\nA Co,B Co,-5\n", "outside 0-100"),
        ("owned,owner,percent\nA Co,B Co,lots\n", "is not a percentage"),
        ("owned,owner,percent\nA Co,A Company Limited,30\n", "line 2: 'A Company Limited' is"),
        ("owned,owner,percent\nA Co,,30\n", "line 2, column owner: empty party name"),
        ("owned,holder,percent\nA Co,B Co,30\n", "needs columns owned, owner and percent"),
        ("owned,owner,percent,as_of\nA Co,B Co,30,31/12/2024\n", "column as_of"),
    ],
)
def test_bad_rows_are_errors_naming_the_line(tmp_path, text, message):
    with pytest.raises(InputFileError, match=message.replace("(", r"\(")) as caught:
        read_ownership(_write(tmp_path, text))
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("owned,owner,percent,Owner\nA Co,B Co,60,C Co\n", "'owner' and 'Owner' are one column"),
        (
            "owned,owner,percent,as of,as_of\nA Co,B Co,60,2020-01-01,2024-01-01\n",
            "'as of' and 'as_of' are one column",
        ),
        ("Owned,owner,percent,OWNED\nA Co,B Co,60,C Co\n", "'Owned' and 'OWNED' are one column"),
    ],
    ids=["case", "space", "upper"],
)
def test_columns_read_as_one_are_refused_not_first_wins(tmp_path, text, message):
    path = _write(tmp_path, text)
    with pytest.raises(InputFileError) as caught:
        read_ownership(path)
    assert str(caught.value).startswith(f"{path}, line 1: the columns {message}")


def test_a_column_the_reader_ignores_may_repeat(tmp_path):
    data = read_ownership(_write(tmp_path, "owned,owner,percent,Note,note\nA Co,B Co,60,x,y\n"))
    assert [(r.owned, r.owner, r.percent) for r in data.rows] == [("A Co", "B Co", 60.0)]


def test_parquet_ownership_file_with_a_repeated_column(tmp_path):
    """Parquet keeps repeated names (the CSV reader refuses them); the last would be read."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "own.parquet"
    columns = [pa.array([v]) for v in ("A Co", "B Co", "60", "C Co")]
    pq.write_table(pa.table(columns, names=["owned", "owner", "percent", "owner"]), path)
    with pytest.raises(InputFileError, match=r"line 1: the column 'owner' appears twice"):
        read_ownership(path)


def _damaged_parquet(tmp_path: Path, damage: Callable[[bytes], bytes]) -> Path:
    import io

    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({"owned": ["Sub Ltd"], "owner": ["Parent Co"], "percent": ["60"]})
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="NONE")
    path = tmp_path / "own.csv"  # recognised by its content, whatever its name
    path.write_bytes(damage(buffer.getvalue()))
    return path


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        # the first page header (after the 4-byte magic): pyarrow says so in two lines
        (lambda raw: raw[:4] + bytes([raw[4] ^ 0xFF]) + raw[5:], "Deserializing page header"),
        # a name that is not UTF-8: pyarrow raises its own ArrowException
        (lambda raw: raw.replace(b"Sub Ltd", b"Sub\xffLtd"), "Wrapping Sub"),
    ],
    ids=["page-header", "not-utf8"],
)
def test_damaged_parquet_is_one_line_not_a_traceback(tmp_path, damage, words):
    path = _damaged_parquet(tmp_path, damage)
    with pytest.raises(InputFileError) as caught:
        read_ownership(path)
    message = str(caught.value)
    assert message.startswith(f"ownership file {path} cannot be read: ")
    assert words in message
    assert len(message.splitlines()) == 1


def test_header_with_a_line_break_is_told_on_one_line(tmp_path):
    path = _write(tmp_path, 'owned,"hold\ner",percent\nA Co,B Co,30\n')
    with pytest.raises(InputFileError, match="needs columns owned") as caught:
        read_ownership(path)
    assert "hold\\ner" in str(caught.value)
    assert len(str(caught.value).splitlines()) == 1


def test_unforeseen_error_in_a_row_is_one_line_naming_it(tmp_path, monkeypatch):
    """The last line of defence: an error no check foresaw is still one line and exit 2."""
    import screening.ownership.input as reader

    def broken(value: str, where: str) -> float:
        raise TypeError("unforeseen\nsecond line")

    monkeypatch.setattr(reader, "parse_percent", broken)
    path = _write(tmp_path, "owned,owner,percent\nA Co,B Co,30\n")
    with pytest.raises(reader.UnexpectedOwnershipError) as caught:
        read_ownership(path)
    assert str(caught.value).startswith(
        f"{path}, line 2: unexpected content (TypeError: unforeseen)"
    )
    assert isinstance(caught.value.__cause__, TypeError)


def test_self_ownership_by_id(tmp_path):
    path = _write(tmp_path, "owned_id,owned,owner_id,owner,percent\nX1,A Co,X1,B Co,30\n")
    with pytest.raises(InputFileError, match="owning itself"):
        read_ownership(path)


def test_missing_ownership_file(tmp_path):
    with pytest.raises(InputFileError, match="does not exist"):
        read_ownership(tmp_path / "nope.csv")


# --- rule windows as data --------------------------------------------------------------------


HEADER = "rule,title,lists,threshold,status,from,through,source\n"


def test_packaged_rules_have_sources():
    rules = {r.rule: r for r in packaged_rules()}
    assert set(rules) == {"ofac_50", "bis_affiliates"}
    assert rules["ofac_50"].lists == {"SDN"} and rules["bis_affiliates"].lists == {"EL", "MEU"}
    assert all(w.source for r in rules.values() for w in r.windows)
    assert rules["bis_affiliates"].source_on(date(2025, 10, 1)) == "90 FR 47201"


def test_user_rules_replace_packaged_ones(tmp_path):
    path = tmp_path / "rules.csv"
    path.write_text(
        "# the suspension extended by a year (made-up)\n"
        + HEADER
        + "bis_affiliates,BIS Affiliates Rule,EL;MEU,50,in_force,2025-09-29,2025-11-09,a\n"
        + "bis_affiliates,BIS Affiliates Rule,EL;MEU,50,suspended,2025-11-10,2027-11-09,b\n"
        + "uk_50,UK ownership and control,UKSL,50,in_force,2017-04-01,,c\n",
        encoding="utf-8",
    )
    rules = {r.rule: r for r in load_rules(path)}
    assert rules["bis_affiliates"].status_on(AFFILIATES_BACK) is RuleStatus.SUSPENDED
    assert rules["bis_affiliates"].status_on(date(2027, 12, 1)) is RuleStatus.SUSPENDED
    assert "ofac_50" in rules and "uk_50" in rules


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("r,R,EL,50,revoked,2025-01-01,,s", "not in_force or suspended"),
        ("r,R,EL,150,in_force,2025-01-01,,s", "threshold"),
        ("r,R,,50,in_force,2025-01-01,,s", "no list source code"),
        ("r,R,EL,50,in_force,,,s", "needs a start date"),
        ("r,R,EL,50,in_force,2025-02-01,2025-01-01,s", "before it starts"),
        ("r,R,EL,50,in_force,1 Jan 2025,,s", "column from"),
    ],
)
def test_bad_rules_are_errors_naming_the_line(row, message):
    with pytest.raises(ConfigError, match=message) as caught:
        parse_rules(HEADER + row + "\n", "rules.csv")
    assert "rules.csv, line 2" in str(caught.value)


def test_overlapping_windows_are_an_error():
    text = HEADER + "r,R,EL,50,in_force,2025-01-01,,s\nr,R,EL,50,suspended,2025-06-01,,s\n"
    with pytest.raises(ConfigError, match="line 3: window of rule r overlaps"):
        parse_rules(text, "rules.csv")


def test_gap_after_first_window_counts_as_suspended():
    (rule,) = parse_rules(HEADER + "r,R,EL,50,in_force,2025-01-01,2025-01-31,s\n", "x")
    assert rule.status_on(date(2024, 12, 31)) is RuleStatus.PENDING
    assert rule.status_on(date(2025, 1, 31)) is RuleStatus.IN_FORCE
    assert rule.status_on(date(2025, 2, 1)) is RuleStatus.SUSPENDED


# --- properties --------------------------------------------------------------------------------


@st.composite
def graphs(draw, max_parties: int = 7):
    """Random ownership graphs where no party's owners hold more than 100% (cycles allowed)."""
    size = draw(st.integers(2, max_parties))
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, size - 1), st.integers(0, size - 1)).filter(
                lambda p: p[0] != p[1]
            ),
            unique=True,
            max_size=size * 3,
        )
    )
    percents = draw(st.lists(st.floats(0, 100), min_size=len(pairs), max_size=len(pairs)))
    totals: dict[int, float] = {}
    for (_, owned), percent in zip(pairs, percents, strict=True):
        totals[owned] = totals.get(owned, 0.0) + percent
    stakes = [
        (owner, owned, percent * min(1.0, 100.0 / totals[owned]) if totals[owned] else 0.0)
        for (owner, owned), percent in zip(pairs, percents, strict=True)
    ]
    listed = draw(st.sets(st.integers(0, size - 1), max_size=size))
    return size, stakes, listed


def _shares(size: int, stakes, listed) -> tuple[float, ...]:
    rows = tuple(
        OwnershipRow(
            line=n,
            owned=f"party{owned}",
            owner=f"party{owner}",
            percent=p,
            owned_id=str(owned),
            owner_id=str(owner),
        )  # fmt: skip
        for n, (owner, owned, p) in enumerate(stakes, start=2)
    )
    for index in range(size):  # every party present, in a fixed order
        rows += (
            OwnershipRow(
                line=0,
                owned=f"x{index}",
                owned_id=f"x{index}",
                owner=f"party{index}",
                owner_id=str(index),
                percent=0.0,
            ),
        )
    graph = build_graph(OwnershipData(Path("g.csv"), "", rows), as_of=date(2026, 1, 1))
    seeds = {graph.by_key[f"id:{i}"] for i in listed}
    run = aggregate_shares(graph, seeds, 50.0)
    return tuple(run.share[graph.by_key[f"id:{i}"]] for i in range(size))


@settings(max_examples=200, deadline=None)
@given(graphs())
def test_aggregate_never_exceeds_100_for_valid_inputs(graph):
    size, stakes, listed = graph
    assert all(0.0 <= share <= 100.0 + 1e-6 for share in _shares(size, stakes, listed))


@settings(max_examples=200, deadline=None)
@given(graphs(), st.integers(0, 6), st.integers(0, 6), st.floats(0, 100))
def test_aggregate_never_decreases_when_a_stake_is_added(graph, owner, owned, percent):
    size, stakes, listed = graph
    owner, owned = owner % size, owned % size
    if owner == owned or any((o, d) == (owner, owned) for o, d, _ in stakes):
        return
    before = _shares(size, stakes, listed)
    after = _shares(size, [*stakes, (owner, owned, percent)], listed)
    assert all(a >= b - 1e-6 for a, b in zip(after, before, strict=True))


@pytest.mark.parametrize(
    ("header", "encoding"),
    [
        # a data vendor's shareholder export (企查查/天眼查 style), GB18030 as Excel saves it
        ("被投资企业名称,股东名称,持股比例,股东国别,截止日期", "gb18030"),
        # the plain words, UTF-8 with the byte-order mark Excel writes
        ("被持有方,所有者,持股比例(%),股东国籍,日期", "utf-8-sig"),
        # an annual report's note on parents
        ("子公司名称,母公司名称,持股比例（%）,股东国家/地区,统计日期", "utf-8"),
    ],
)
def test_chinese_headers_are_read(tmp_path, header, encoding):
    path = tmp_path / "股权.csv"
    rows = "海尔智家股份有限公司,华为技术有限公司,60％,中国,2024-12-31\n甲公司,乙公司,未知,,\n"
    path.write_bytes(f"{header}\n{rows}".encode(encoding))
    data = read_ownership(path)
    first, second = data.rows
    assert (first.owned, first.owner) == ("海尔智家股份有限公司", "华为技术有限公司")
    assert first.percent == 60.0
    assert first.owner_country == "中国" and first.as_of == date(2024, 12, 31)
    assert (second.owned, second.owner, second.percent) == ("甲公司", "乙公司", None)


def test_a_missing_column_names_the_chinese_headers_too(tmp_path):
    with pytest.raises(InputFileError, match="被持有方, 所有者 and 持股比例"):
        read_ownership(_write(tmp_path, "公司,股东名称,持股比例\nA Co,B Co,30\n"))
