"""The rules: one pure function, ``check``, from a draft to a list of findings, each with a field
path, a severity, a Chinese message that names the field and the legal or policy basis. The
rules themselves are small named functions in ``rules_parties``, ``rules_pay`` and
``rules_procedure``; ``RULES`` lists them in the order findings are reported. Incomplete drafts
are normal: a missing value is reported only with ``for_signing=True``, a wrong one always.
"""
from __future__ import annotations

from wagedesk import rules_parties, rules_pay, rules_procedure
from wagedesk.model import Draft
from wagedesk.rules_base import ComputedDates, Ctx, Finding, Rule
from wagedesk.rules_procedure import computed_dates
from wagedesk.settings import Settings

__all__ = ["RULES", "ComputedDates", "Finding", "check", "computed_dates", "has_errors"]

RULES: tuple[Rule, ...] = rules_parties.RULES + rules_pay.RULES + rules_procedure.RULES


def check(draft: Draft, *, for_signing: bool = False, settings: Settings | None = None) -> list[Finding]:
    """Every finding on ``draft``; ``for_signing`` also reports what is not yet filled. Pure: the
    settings (default: built-in) are passed in, nothing is read or written."""
    settings = settings or Settings()
    ctx = Ctx(draft, for_signing, settings, computed_dates(draft, settings))
    findings: list[Finding] = []
    for rule in RULES:
        for finding in rule(ctx):
            findings.append(Finding(finding.path, finding.severity, finding.message, finding.basis,
                                    rule=rule.__name__))
    return findings


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)
