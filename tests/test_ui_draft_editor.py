"""The draft editor: generated from the model, round-trips drafts, keeps money as Decimal,
never drops unreadable input, greys out switched-off sections and jumps to finding paths."""
from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from ui.draft_editor import DraftEditor
from ui.field_widgets import DecimalEditor, parse_decimal
from wagedesk.model import STEPS, Draft, Status
from wagedesk.sample import sample_draft


@pytest.fixture
def editor(qtbot):
    widget = DraftEditor(debounce_ms=50)
    qtbot.addWidget(widget)
    widget.set_draft(sample_draft())
    widget.resize(1280, 800)
    widget.show()
    return widget


def _field(editor, path):
    return editor._bindings[path].widget


def test_sample_draft_round_trips_exactly(editor):
    assert editor.draft() == sample_draft()


def test_fields_not_shown_pass_through_untouched(qtbot):
    widget = DraftEditor()
    qtbot.addWidget(widget)
    draft = sample_draft().model_copy(update={"status": Status.returned, "supersedes": "abc"})
    widget.set_draft(draft)
    assert widget.draft() == draft


def test_an_empty_draft_round_trips(qtbot):
    widget = DraftEditor()
    qtbot.addWidget(widget)
    widget.set_draft(Draft())
    assert widget.draft() == Draft()


def test_every_step_has_a_page_titled_from_the_model(editor):
    assert editor.pages.count() == len(STEPS) == editor.step_list.count()
    titles = [lbl.text() for lbl in editor.findChildren(QLabel) if lbl.objectName() == "pageTitle"]
    assert sorted(titles) == sorted(f"{i}. {t}" for i, t in enumerate(STEPS.values(), start=1))


def test_typing_into_a_money_field_changes_the_draft_with_a_decimal(editor, qtbot):
    field = _field(editor, "growth.last_year_average_wage")
    assert isinstance(field, DecimalEditor) and field.unit == "元/月"
    field.line.clear()
    qtbot.keyClicks(field.line, "10,250.50")
    value = editor.draft().growth.last_year_average_wage
    assert value == Decimal("10250.50") and isinstance(value, Decimal)


def test_full_width_digits_are_understood():
    assert parse_decimal("２７４０．５", percent=False) == Decimal("2740.5")
    assert parse_decimal("5.5%", percent=True) == Decimal("5.5")
    assert parse_decimal("  ", percent=False) is None


@pytest.mark.parametrize(("text", "kept"), [("abc", "2000"), ("-5", "2000"), ("12.345", "12.34"),
                                           ("1e5", "1")])
def test_unreadable_money_is_kept_red_with_a_chinese_tooltip(editor, qtbot, text, kept):
    field = _field(editor, "incentives.promotion_award")
    field.line.clear()
    qtbot.keyClicks(field.line, text)
    assert field.line.text() == text  # nothing the user typed disappears
    assert field.line.property("invalid") is True
    assert "无法识别" in field.line.toolTip()
    # the draft keeps the last readable value typed (or the old one), never the unreadable text
    assert editor.draft().incentives.promotion_award == Decimal(kept)
    assert [p.path for p in editor.input_problems()] == ["incentives.promotion_award"]


def test_unreadable_cell_in_the_ladder_is_reported_with_its_row(editor, qtbot):
    table = _field(editor, "ladder.levels")
    cell = table.editors()[2]["minimum_amount"]
    cell.line.clear()
    qtbot.keyClicks(cell.line, "3k6")
    assert [p.path for p in editor.input_problems()] == ["ladder.levels.2.minimum_amount"]


def test_clearing_a_date_yields_none(editor):
    field = _field(editor, "procedure.signing_date")
    field.check.click()
    assert editor.draft().procedure.signing_date is None
    assert field.edit.text() == "未填写"
    field.check.click()  # ticking again brings the date back
    assert editor.draft().procedure.signing_date == sample_draft().procedure.signing_date


def test_dates_show_in_chinese(editor):
    assert _field(editor, "term.start_date").edit.text() == "2026年7月1日"


def test_clearing_a_count_yields_none(editor, qtbot):
    spin = _field(editor, "enterprise.employee_count").spin
    spin.lineEdit().selectAll()
    qtbot.keyClick(spin, Qt.Key.Key_Backspace)
    assert editor.draft().enterprise.employee_count is None


def test_choices_show_chinese_labels_and_may_be_unset(editor):
    combo = _field(editor, "enterprise.economic_type").combo
    assert combo.currentText() == "国有企业"
    assert combo.itemText(0) == "未选择"
    combo.setCurrentIndex(0)
    assert editor.draft().enterprise.economic_type is None


def test_switching_off_an_optional_section_disables_its_fields_and_keeps_values(editor):
    switch = _field(editor, "top_talent.enabled")
    eligibility = _field(editor, "top_talent.eligibility")
    assert eligibility.isEnabled()
    switch.check.click()
    assert not eligibility.isEnabled()
    draft = editor.draft()
    assert draft.top_talent.enabled is False
    assert draft.top_talent.eligibility == sample_draft().top_talent.eligibility
    switch.check.click()
    assert eligibility.isEnabled()


def test_nested_optional_allowance_switch_greys_only_its_own_fields(editor):
    _field(editor, "allowances.mentoring.enabled").check.click()
    assert not _field(editor, "allowances.mentoring.monthly_amount").isEnabled()
    assert _field(editor, "allowances.team_leader.monthly_amount").isEnabled()


def test_long_term_incentives_are_check_boxes_that_keep_order(editor):
    field = _field(editor, "incentives.long_term")
    field._boxes[next(iter(field._boxes))].click()  # equity on
    assert [m.value for m in editor.draft().incentives.long_term] == [
        "profit_sharing", "co_investment", "equity"]


def test_adding_a_ladder_row_picks_the_next_level(qtbot):
    widget = DraftEditor()
    qtbot.addWidget(widget)
    table = widget._bindings["ladder.levels"].widget
    table.add_row()
    table.add_row()
    assert [r.level.value for r in widget.draft().ladder.levels] == ["junior", "intermediate"]


def test_removing_and_moving_rows(editor):
    table = _field(editor, "employer_side.members")
    table.table.selectRow(0)
    table.down_button.click()
    assert editor.draft().employer_side.members[1].name == "李建华"
    table.remove_selected()
    assert [m.name for m in editor.draft().employer_side.members] == ["赵敏", "孙立群", "周晓峰"]


def test_focus_path_selects_the_step_and_the_cell(editor, qtbot):
    assert editor.focus_path("ladder.levels.2.minimum_amount")
    assert editor.current_step() == "ladder"
    table = _field(editor, "ladder.levels")
    assert table.table.currentRow() == 2
    qtbot.waitUntil(lambda: table.editors()[2]["minimum_amount"].line.hasFocus())


def test_focus_path_for_a_plain_field_and_a_section(editor, qtbot):
    assert editor.focus_path("procedure.vote.attending")
    assert editor.current_step() == "procedure"
    qtbot.waitUntil(lambda: _field(editor, "procedure.vote.attending").spin.hasFocus())
    assert editor.focus_path("worker_side")
    assert editor.current_step() == "representatives"
    assert not editor.focus_path("no.such.path")


def test_changed_is_debounced(editor, qtbot):
    field = _field(editor, "enterprise.name")
    seen = []
    editor.changed.connect(lambda: seen.append(1))
    with qtbot.waitSignal(editor.changed, timeout=2000):
        qtbot.keyClicks(field.line, " Ltd")
    assert seen == [1]  # many keystrokes, one signal
    qtbot.wait(120)
    assert seen == [1]


def test_loading_a_draft_is_not_an_edit(editor, qtbot):
    with qtbot.assertNotEmitted(editor.changed, wait=150):
        editor.set_draft(Draft())


def test_read_only_mode_blocks_typing_and_shows_a_banner(editor, qtbot):
    editor.set_read_only(True, "此合同已签订，只能查看。")
    assert editor.banner.isVisible() and "已签订" in editor.banner.text()
    field = _field(editor, "enterprise.name")
    qtbot.keyClicks(field.line, "X")
    assert editor.draft() == sample_draft()
    assert not _field(editor, "ladder.levels").add_button.isVisible()


def test_findings_mark_fields_and_count_on_steps(editor):
    class F:
        def __init__(self, path, severity):
            self.path, self.severity, self.message, self.basis = path, severity, "问题", "依据"
    editor.set_findings([F("ladder.levels.1.minimum_amount", "warning"), F("enterprise.uscc", "error")])
    assert _field(editor, "enterprise.uscc").line.property("finding") == "error"
    cell = _field(editor, "ladder.levels").editors()[1]["minimum_amount"]
    assert cell.line.property("finding") == "warning"
    item = editor.step_list.item(0)
    assert "1 个错误" in item.toolTip()
