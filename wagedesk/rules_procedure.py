"""Rules on the procedure record and the dates it implies: dates in a possible order (offer,
reply, meetings, vote, signing, filing; the term after signing), the reply within 20 days of the
offer, the vote (two thirds attending, more than half of all in favour, counts that add up),
filing within 10 days of signing, and the start date after the review period. Also
``computed_dates``: the filing deadline and the earliest effective date."""
from __future__ import annotations

from datetime import date
from typing import Iterable

from wagedesk.model import Draft, VoteBody
from wagedesk.rules_base import (
    B_CONSISTENT,
    B_FILING,
    B_OFFER,
    B_PROCEDURE,
    B_REVIEW,
    B_TERM,
    B_VOTE,
    ComputedDates,
    Ctx,
    Finding,
    cn,
    error,
    quoted,
    shift,
    warning,
)
from wagedesk.settings import Settings


def computed_dates(draft: Draft, settings: Settings | None = None) -> ComputedDates:
    """The filing deadline (signing + ``filing_days``) and the earliest effective date
    (``review_days`` after the filing date, or after the filing deadline while the filing date is
    unknown), plus the statutory minimum in force on the start date. Never raises."""
    settings = settings or Settings()
    proc = draft.procedure
    deadline = shift(proc.signing_date, settings.filing_days)
    counted_from = proc.filing_date or deadline
    day = draft.term.start_date or proc.signing_date
    statutory = settings.minimum_wage_on(draft.pay.region, day) if day is not None else None
    return ComputedDates(filing_deadline=deadline,
                         earliest_effective=shift(counted_from, settings.review_days),
                         effective_from_filing=proc.filing_date is not None,
                         statutory_minimum=statutory)


def _chain(draft: Draft) -> list[list[tuple[str, date | None]]]:
    """The procedure's dates in the only order they can happen, grouped by step."""
    p = draft.procedure
    return [[("procedure.offer_date", p.offer_date)], [("procedure.reply_date", p.reply_date)],
            [(f"procedure.meetings.{i}.meeting_date", m.meeting_date) for i, m in enumerate(p.meetings)],
            [("procedure.vote.vote_date", p.vote.vote_date)], [("procedure.signing_date", p.signing_date)],
            [("procedure.filing_date", p.filing_date)]]


def procedure_dates_in_order(ctx: Ctx) -> Iterable[Finding]:
    """Offer ≤ reply ≤ meetings ≤ vote ≤ signing ≤ filing."""
    latest: tuple[str, date] | None = None
    for group in _chain(ctx.draft):
        known = [(p, d) for p, d in group if d is not None]
        for path, day in known:
            if latest is not None and day < latest[1]:
                yield error(path, f"（{cn(day)}）早于{quoted(latest[0])}（{cn(latest[1])}）。"
                            "要约、回应、协商、表决、签订、报送应依次进行，请核对日期。", B_PROCEDURE)
        if known:
            top = max(known, key=lambda pd: pd[1])
            if latest is None or top[1] > latest[1]:
                latest = top


def term_starts_after_signing(ctx: Ctx) -> Iterable[Finding]:
    """The term does not start before the contract is signed."""
    start, signing = ctx.draft.term.start_date, ctx.draft.procedure.signing_date
    if start is not None and signing is not None and start < signing:
        yield error("term.start_date", f"（{cn(start)}）早于签订日期（{cn(signing)}）。合同不能在签订前生效。",
                    B_TERM)


def term_ends_after_start(ctx: Ctx) -> Iterable[Finding]:
    """The term's last day is after its first."""
    start, end = ctx.draft.term.start_date, ctx.draft.term.end_date
    if start is not None and end is not None and end <= start:
        yield error("term.end_date", f"（{cn(end)}）不晚于生效起始日期（{cn(start)}）。", B_TERM)


def offer_reply_in_time(ctx: Ctx) -> Iterable[Finding]:
    """The written reply comes within 20 days of the offer."""
    p, days = ctx.draft.procedure, ctx.settings.offer_reply_days
    limit = shift(p.offer_date, days)
    if limit is not None and p.reply_date is not None and p.reply_date > limit:
        yield error("procedure.reply_date", f"（{cn(p.reply_date)}）晚于要约后 {days} 日（{cn(limit)}）。"
                    f"对方应在收到要约之日起 {days} 日内书面回应。", B_OFFER)


def vote_counts_consistent(ctx: Ctx) -> Iterable[Finding]:
    """For + against ≤ attending ≤ total."""
    v = ctx.draft.procedure.vote
    if v.attending is not None and v.total is not None and v.attending > v.total:
        yield error("procedure.vote.attending", f"（{v.attending}）多于应到人数（{v.total}）。", B_CONSISTENT)
    cast = (v.in_favour or 0) + (v.against or 0)
    if v.attending is not None and (v.in_favour is not None or v.against is not None) and cast > v.attending:
        yield error("procedure.vote.in_favour", f"与反对票合计 {cast}，多于实到人数（{v.attending}）。",
                    B_CONSISTENT)


def vote_attendance_two_thirds(ctx: Ctx) -> Iterable[Finding]:
    """At least two thirds of all representatives (employees) attend."""
    v = ctx.draft.procedure.vote
    if v.attending is not None and v.total is not None and v.total > 0 and 3 * v.attending < 2 * v.total:
        yield error("procedure.vote.attending", f"（{v.attending}）不足应到人数（{v.total}）的三分之二，"
                    "会议不能审议通过合同草案。", B_VOTE)


def vote_majority_of_all(ctx: Ctx) -> Iterable[Finding]:
    """More than half of ALL representatives (employees), not of those present, vote for."""
    v = ctx.draft.procedure.vote
    if v.in_favour is not None and v.total is not None and v.total > 0 and 2 * v.in_favour <= v.total:
        yield error("procedure.vote.in_favour", f"（{v.in_favour}）未超过应到人数（{v.total}）的半数；"
                    "须经全体职工代表（职工）半数以上同意方获通过，而非出席者的半数。", B_VOTE)


def vote_total_matches_employees(ctx: Ctx) -> Iterable[Finding]:
    """An all-employee meeting counts every employee: its total equals the headcount (warning)."""
    v, staff = ctx.draft.procedure.vote, ctx.draft.enterprise.employee_count
    if v.body == VoteBody.all_employees and v.total is not None and staff is not None and v.total != staff:
        yield warning("procedure.vote.total", f"（{v.total}）与职工总数（{staff}）不一致；全体职工大会的应到人数"
                      "应为全体职工。请核对。", B_VOTE)


def filing_in_time(ctx: Ctx) -> Iterable[Finding]:
    """The contract was filed within the filing days after signing (a warning: it has happened)."""
    filed, deadline = ctx.draft.procedure.filing_date, ctx.dates.filing_deadline
    if filed is not None and deadline is not None and filed > deadline:
        yield warning("procedure.filing_date", f"（{cn(filed)}）晚于报送期限（{cn(deadline)}，签订后 "
                      f"{ctx.settings.filing_days} 日）。请向审查部门说明情况。", B_FILING)


def start_after_review(ctx: Ctx) -> Iterable[Finding]:
    """The term starts no earlier than the contract can take effect (review period; warning)."""
    start, effective = ctx.draft.term.start_date, ctx.dates.earliest_effective
    signing = ctx.draft.procedure.signing_date
    if start is None or effective is None or (signing is not None and start < signing):
        return
    if start < effective:
        basis_day = "报送日期" if ctx.dates.effective_from_filing else "报送期限"
        yield warning("term.start_date", f"（{cn(start)}）早于最早生效日期 {cn(effective)}（{basis_day}后 "
                      f"{ctx.settings.review_days} 日审查期满）。审查期内合同尚未生效，请考虑推后。", B_REVIEW)


RULES = (procedure_dates_in_order, term_starts_after_signing, term_ends_after_start,
         offer_reply_in_time, vote_counts_consistent, vote_attendance_two_thirds,
         vote_majority_of_all, vote_total_matches_employees, filing_in_time, start_after_review)
