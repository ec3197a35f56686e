"""The roster import (GBK CSV, UTF-8 BOM CSV, XLSX with bad rows, idempotent) and the storage
commands (JSON lists, draft import/export round trip, refused transitions, demo)."""
from __future__ import annotations

import json
from collections import Counter

import openpyxl
import pytest

from store_helpers import new_db
from wagedesk import draftfile
from wagedesk.cli import main
from wagedesk.errors import UnreadableFileError
from wagedesk.model import Status
from wagedesk.sample import sample_draft
from stdnum.cn import uscc

from wagedesk.store import queries, roster

def _code(body: str) -> str:
    return body + uscc.calc_check_digit(body)


HEADER = ["序号", "企业名称", "统一社会信用代码", "所在区", "所属行业", "工会主席", "联系人", "联系电话"]
ROWS = [
    ["1", "上海浦江精工装备有限公司", _code("91310115MA1K4C8Q7"), "浦东新区", "通用设备制造", "王慧敏", "李明", "021-58881234"],
    ["2", "上海申联电气设备有限公司", "9131011X", "闵行区", "电气机械", "张强", "", ""],       # bad format
    ["3", "上海华程汽车零部件有限公司", "91310114MA1K4C8Q7A", "嘉定区", "汽车制造", "刘芳", "", ""],  # bad checksum: warning
    ["1", "上海重复序号有限公司", "91310101MA1K4C8Q70", "黄浦区", "钢铁", "", "", ""],          # duplicate seq
    ["4", "", "91310104MA1K4C8Q7X", "徐汇区", "电力", "", "", ""],                         # no name
    ["200", "上海超范围有限公司", "91310104MA1K4C8Q7X", "徐汇区", "电力", "", "", ""],         # seq out of range
    ["5", "上海鼎源微电子有限公司", _code("91310115798954681"), "浦东新区", "集成电路", "周敏", "", ""],
]


def _csv(path, encoding, rows=ROWS, header=HEADER):
    text = "\n".join(",".join(r) for r in [header] + rows) + "\n"
    path.write_bytes(text.encode(encoding))
    return path


def _numbers(items):
    return [n for n, _ in items]


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig", "utf-8"])
def test_a_csv_in_gbk_or_utf8_imports_good_rows_and_reports_bad_ones(tmp_path, encoding):
    db = new_db(tmp_path)
    report = roster.import_roster(db, _csv(tmp_path / "名单.csv", encoding))
    assert _numbers(report.errors) == [3, 5, 6, 7]
    assert _numbers(report.warnings) == [4]
    assert report.added == 3
    units = queries.list_units(db)
    assert [(u.seq, u.name) for u in units] == [
        (1, "上海浦江精工装备有限公司"), (3, "上海华程汽车零部件有限公司"), (5, "上海鼎源微电子有限公司")]
    assert units[0].district == "浦东新区" and units[0].phone == "021-58881234"


def test_an_xlsx_with_a_title_row_and_bad_rows_imports_the_rest(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["2026 年技能人才工资专项集体合同试点单位名单"])
    sheet.append(["序号", "单位名称", "社会信用代码", "区", "行业"])
    sheet.append([1, "上海浦江精工装备有限公司", _code("91310115MA1K4C8Q7"), "浦东新区", "通用设备制造"])
    sheet.append([2.0, "上海申联电气设备有限公司", "not a code", "闵行区", "电气机械"])
    sheet.append([3, "上海鼎源微电子有限公司", _code("91310115798954681"), "浦东新区", "集成电路"])
    sheet.append(["三", "上海文字序号有限公司", "91310104MA1K4C8Q7X", "徐汇区", "电力"])
    book.save(tmp_path / "roster.xlsx")
    db = new_db(tmp_path)
    report = roster.import_roster(db, tmp_path / "roster.xlsx")
    assert _numbers(report.errors) == [4, 6] and report.added == 2
    assert [u.seq for u in queries.list_units(db)] == [1, 3]


def test_reimporting_the_same_roster_updates_and_never_duplicates(tmp_path):
    db = new_db(tmp_path)
    path = _csv(tmp_path / "r.csv", "gbk")
    roster.import_roster(db, path)
    again = roster.import_roster(db, path)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
    changed = [list(r) for r in ROWS]
    changed[0][5] = "新主席"
    again = roster.import_roster(db, _csv(tmp_path / "r2.csv", "utf-8", changed))
    assert (again.added, again.updated) == (0, 1)
    units = queries.list_units(db)
    assert len(units) == 3 and units[0].union_chair == "新主席"


def test_a_roster_without_the_required_columns_is_refused(tmp_path):
    db = new_db(tmp_path)
    path = _csv(tmp_path / "r.csv", "utf-8", [["1", "甲"]], header=["序号", "企业名称"])
    with pytest.raises(UnreadableFileError, match="统一社会信用代码"):
        roster.import_roster(db, path)


def test_units_import_cli_reports_rows_and_exits_nonzero_when_some_are_bad(tmp_path, capsys):
    code = main(["--db", str(tmp_path / "c.db"), "units", "import", str(_csv(tmp_path / "r.csv", "gbk"))])
    out = capsys.readouterr()
    assert code == 1 and "新增 3" in out.out
    assert "第 3 行（未导入）" in out.err and "第 4 行（提醒）" in out.err


def test_drafts_import_export_round_trip_is_exact_and_lists_are_json_arrays(tmp_path, capsys):
    db_arg = ["--db", str(tmp_path / "c.db")]
    source = tmp_path / "in.json"
    draftfile.save(sample_draft(), source)
    assert main(db_arg + ["drafts", "import", str(source)]) == 0
    draft_id = int(capsys.readouterr().out.strip())
    out = tmp_path / "out.json"
    assert main(["drafts", "export", str(draft_id), "-o", str(out), "--db", str(tmp_path / "c.db")]) == 0
    assert out.read_bytes() == source.read_bytes()
    capsys.readouterr()
    assert main(db_arg + ["drafts", "list", "--json"]) == 0
    drafts = json.loads(capsys.readouterr().out)
    assert isinstance(drafts, list) and drafts[0]["id"] == draft_id
    assert drafts[0]["status"] == "drafting" and drafts[0]["status_label"] == "起草中"
    assert main(db_arg + ["units", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_drafts_status_refuses_a_wrong_step_with_a_chinese_message(tmp_path, capsys):
    db_arg = ["--db", str(tmp_path / "c.db")]
    draftfile.save(sample_draft(), tmp_path / "in.json")
    main(db_arg + ["drafts", "import", str(tmp_path / "in.json")])
    capsys.readouterr()
    assert main(db_arg + ["drafts", "status", "1", "signed"]) == 1
    assert "不能把草案 1 从「起草中」改为「已签订」" in capsys.readouterr().err
    assert main(db_arg + ["drafts", "status", "1", "待审查", "--by", "王慧敏"]) == 0
    assert main(db_arg + ["drafts", "status", "1", "nonsense"]) == 2
    assert main(db_arg + ["drafts", "history", "1"]) == 0
    out = capsys.readouterr().out
    assert "第 2 版" in out and "王慧敏" in out and "状态：起草中 → 待审查" in out
    assert main(db_arg + ["drafts", "export", "99", "-o", str(tmp_path / "x.json")]) == 1


def test_a_damaged_database_gives_a_message_not_a_traceback(tmp_path, capsys):
    path = tmp_path / "bad.db"
    path.write_bytes(b"this is not a database at all" * 100)
    assert main(["--db", str(path), "drafts", "list"]) == 2
    err = capsys.readouterr().err
    assert "无法打开数据库" in err and "Traceback" not in err


def test_demo_fills_102_units_across_every_status_deterministically(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "d.db"), "demo"]) == 0
    assert main(["--db", str(tmp_path / "d.db"), "units", "list", "--json"]) == 0
    capsys.readouterr()
    db = new_db(tmp_path, "d.db")
    units = queries.list_units(db)
    assert len(units) == 102 and [u.seq for u in units] == list(range(1, 103))
    assert set(Counter(u.status for u in units)) == {s.value for s in Status}
    assert all(uscc.is_valid(u.uscc) for u in units)
    assert len({u.name for u in units}) == 102
    assert main(["--db", str(tmp_path / "d.db"), "demo"]) == 1  # refuses a non-empty database
    db2 = new_db(tmp_path, "e.db")
    from wagedesk.store.demo import fill_demo
    fill_demo(db2)
    assert [(u.name, u.uscc, u.status) for u in queries.list_units(db2)] == \
        [(u.name, u.uscc, u.status) for u in units]
