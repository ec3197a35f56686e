"""Every rule fires on a sample broken in its own way, names the field, and stays silent on the
sample and right at its boundary."""
from __future__ import annotations

from datetime import date

import pytest
from rule_cases import FIRING, SILENT, Case

from wagedesk.model import label_for
from wagedesk.rules import RULES, check
from wagedesk.sample import sample_draft


def _broken(case: Case):
    draft = sample_draft()
    case.mutate(draft)
    return draft


def test_every_rule_has_a_firing_case():
    assert {r.__name__ for r in RULES} == {c.rule for c in FIRING}


@pytest.mark.parametrize("case", FIRING, ids=lambda c: c.id)
def test_rule_fires_and_names_the_field(case: Case):
    findings = [f for f in check(_broken(case), for_signing=case.for_signing) if f.rule == case.rule]
    assert [f.path for f in findings if f.path == case.path], findings
    finding = next(f for f in findings if f.path == case.path)
    assert finding.severity == case.severity
    assert label_for(case.path).split(" › ")[-1].split(" 第")[0] in finding.message
    assert finding.basis


@pytest.mark.parametrize("name", [r.__name__ for r in RULES])
def test_rule_is_silent_on_the_sample(name: str):
    assert [f for f in check(sample_draft(), for_signing=True) if f.rule == name] == []


@pytest.mark.parametrize("case", SILENT, ids=lambda c: c.id)
def test_rule_is_silent_at_its_boundary(case: Case):
    findings = [f for f in check(_broken(case), for_signing=case.for_signing) if f.rule == case.rule]
    assert findings == []


def test_sample_has_no_findings_at_all():
    assert check(sample_draft(), for_signing=True) == []


def test_missing_values_are_reported_only_for_signing():
    draft = sample_draft()
    draft.enterprise.uscc = None
    draft.procedure.vote.total = None
    assert check(draft) == []
    messages = [f.message for f in check(draft, for_signing=True)]
    assert "尚未填写「企业 › 统一社会信用代码」。签订前必须填写。" in messages
    assert any("应到人数" in m for m in messages)


def test_wrong_values_are_reported_while_drafting_too():
    draft = sample_draft()
    draft.enterprise.uscc = "123"
    assert [f.path for f in check(draft)] == ["enterprise.uscc"]


def test_start_date_before_the_minimum_wage_table_is_a_warning():
    draft = sample_draft()
    draft.term.start_date = date(2020, 1, 1)
    found = [f for f in check(draft) if f.rule == "statutory_minimum_known"]
    assert [(f.path, f.severity) for f in found] == [("term.start_date", "warning")]
