"""Demo data: 102 fictional pilot units (valid USCCs, Shanghai districts, plausible
industries) each with a draft derived from ``wagedesk.sample.sample_draft()`` — names, amounts
and dates varied — spread across every workflow status, with versions and review comments.
Seeded, so the same seed gives the same units and contents. For newcomers and benchmarks.
"""
from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Callable

from sqlalchemy import func, select
from stdnum.cn import uscc as uscc_check

from wagedesk.errors import UserError
from wagedesk.model import Draft, Status
from wagedesk.sample import sample_draft
from wagedesk.store import service
from wagedesk.store.db import Database
from wagedesk.store.roster import PILOT_UNIT_COUNT
from wagedesk.store.tables import PilotUnit

DISTRICTS = {
    "黄浦区": "310101", "徐汇区": "310104", "长宁区": "310105", "静安区": "310106",
    "普陀区": "310107", "虹口区": "310109", "杨浦区": "310110", "闵行区": "310112",
    "宝山区": "310113", "嘉定区": "310114", "浦东新区": "310115", "金山区": "310116",
    "松江区": "310117", "青浦区": "310118", "奉贤区": "310120", "崇明区": "310151",
}
# industry -> word used in the enterprise name
INDUSTRIES = {
    "汽车制造": "汽车零部件", "集成电路": "微电子", "电力": "电力工程", "通用设备制造": "精工装备",
    "生物医药": "生物制药", "船舶制造": "船舶重工", "钢铁": "特钢材料", "石油化工": "石化工程",
    "航空航天": "航空部件", "电气机械": "电气设备", "食品制造": "食品工业", "轨道交通装备": "轨道装备",
    "仪器仪表": "精密仪器", "建筑安装": "建设安装",
}
FIRST = "申沪浦江华鼎恒瑞城新海兴嘉松金青泰明远达宏润昌盛"
SECOND = "联通程诚源峰合力成科信宇创晟曜锦"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方邹熊孟秦白江阎薛尹段雷黎史龙陶贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "志建国华明伟芳敏静丽强磊军洋勇艳杰娟涛超秀霞平刚桂英文辉红玲海峰慧晓燕雪琳宇鹏飞斌"
REVIEWERS = ["市总工会 审查员 沈立", "浦东新区总工会 审查员 顾佳", "闵行区总工会 审查员 钱程"]
# the first six units show every status; the rest are drawn with these weights
WEIGHTS = {Status.drafting: 20, Status.submitted: 20, Status.returned: 12, Status.approved: 14,
           Status.signed: 20, Status.filed: 16}
PATHS: dict[Status, list[Status]] = {
    Status.drafting: [],
    Status.submitted: [Status.submitted],
    Status.returned: [Status.submitted, Status.returned],
    Status.approved: [Status.submitted, Status.approved],
    Status.signed: [Status.submitted, Status.approved, Status.signed],
    Status.filed: [Status.submitted, Status.returned, Status.submitted, Status.approved,
                   Status.signed, Status.filed],
}
FIELD_REMARKS = [
    ("ladder.levels.0.minimum_amount", "初级工月最低标准请对照本市最低工资标准再核对一次。"),
    ("growth.skilled_growth_rate", "技能人才工资增幅应不低于同级管理人员，请补充说明。"),
    ("procedure.vote", "请补充职代会表决的实到人数和赞成票数。"),
    ("training.frontline_fund_share", "一线职工教育经费占比建议不低于 60%。"),
]


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def make_uscc(rng: random.Random, district_code: str) -> str:
    """A USCC with a valid check digit (registered enterprise, Shanghai district code)."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    body = "91" + district_code + "".join(rng.choice(alphabet) for _ in range(9))
    return body + uscc_check.calc_check_digit(body)


def make_units(rng: random.Random) -> list[PilotUnit]:
    units, names, codes = [], set(), set()
    for seq in range(1, PILOT_UNIT_COUNT + 1):
        district = rng.choice(list(DISTRICTS))
        industry = rng.choice(list(INDUSTRIES))
        name = ""
        while not name or name in names:
            brand = rng.choice(FIRST) + rng.choice(SECOND)
            form = rng.choice(("有限公司", "有限公司", "股份有限公司"))
            name = f"上海{brand}{INDUSTRIES[industry]}{form}"
        code = make_uscc(rng, DISTRICTS[district])
        while code in codes:
            code = make_uscc(rng, DISTRICTS[district])
        names.add(name)
        codes.add(code)
        units.append(PilotUnit(seq=seq, name=name, uscc=code, district=district,
                               industry=industry, union_chair=person(rng), contact=person(rng),
                               phone=f"021-{rng.randint(5000, 6999)}{rng.randint(1000, 9999)}"))
    return units


def make_draft(rng: random.Random, unit: PilotUnit) -> Draft:
    """``sample_draft()`` turned into this unit's draft: names, counts, amounts and dates vary."""
    d = sample_draft()
    scale = Decimal(rng.choice(("0.96", "1.00", "1.04", "1.08", "1.12", "1.20")))
    start = date(rng.choice((2025, 2026)), rng.choice((1, 4, 7, 10)), 1)
    shift = start - date(2026, 7, 1)
    years = rng.choice((1, 2, 3))
    employees = rng.randint(120, 4000)
    skilled = int(employees * rng.uniform(0.4, 0.75))
    d.enterprise = d.enterprise.model_copy(update={
        "name": unit.name, "uscc": unit.uscc, "industry": unit.industry,
        "address": f"上海市{unit.district}{rng.choice(('工业', '科技', '创业', '园区'))}路 {rng.randint(1, 2999)} 号",
        "legal_representative": person(rng), "employee_count": employees,
        "skilled_count": skilled, "high_skilled_count": int(skilled * rng.uniform(0.1, 0.3))})
    d.union = d.union.model_copy(update={"name": f"{unit.name}工会委员会", "chair": unit.union_chair})
    d.worker_side.chief = d.worker_side.chief.model_copy(update={"name": unit.union_chair})  # type: ignore[union-attr]
    d.employer_side.chief = d.employer_side.chief.model_copy(  # type: ignore[union-attr]
        update={"name": d.enterprise.legal_representative})
    d.term = d.term.model_copy(update={"start_date": start, "end_date": date(
        start.year + years, start.month, 1) - timedelta(days=1)})
    d.coverage = d.coverage.model_copy(update={"covered_count": skilled})
    d.ladder.levels = [row.model_copy(update={
        "minimum_amount": (row.minimum_amount * scale).quantize(Decimal("10")),  # type: ignore[operator]
        "skill_allowance": (row.skill_allowance * scale).quantize(Decimal("10"))})  # type: ignore[operator]
        for row in d.ladder.levels]
    d.growth = d.growth.model_copy(update={
        "last_year_average_wage": Decimal(rng.randrange(7200, 16000, 100)),
        "adjustment_rate": Decimal(rng.choice(("3.5", "4.0", "4.5", "5.0", "5.5", "6.0")))})
    d.growth = d.growth.model_copy(update={
        "skilled_growth_rate": d.growth.adjustment_rate + Decimal("0.5"),  # type: ignore[operator]
        "manager_growth_rate": d.growth.adjustment_rate})
    p = d.procedure
    d.procedure = p.model_copy(update={
        "offer_date": p.offer_date + shift, "reply_date": p.reply_date + shift,  # type: ignore[operator]
        "meetings": [m.model_copy(update={"meeting_date": m.meeting_date + shift}) for m in p.meetings],  # type: ignore[operator]
        "vote": p.vote.model_copy(update={"vote_date": p.vote.vote_date + shift}),  # type: ignore[operator]
        "signing_date": p.signing_date + shift,  # type: ignore[operator]
        "signing_place": f"上海市{unit.district}"})
    return Draft.model_validate(d.model_dump())


class _Clock:
    """Demo time: starts months ago and moves a little on every call."""

    def __init__(self, rng: random.Random, start: datetime) -> None:
        self.rng, self.now = rng, start

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=self.rng.randint(5, 60 * 8))
        return self.now


def fill_demo(db: Database, seed: int = 20260430,
              progress: Callable[[int], None] | None = None) -> int:
    """Fill an empty database with the demo; returns the number of units created."""
    with db.session() as session:
        existing = session.execute(select(func.count()).select_from(PilotUnit)).scalar_one()
        if existing:
            raise UserError(f"数据库中已有 {existing} 家试点单位，演示数据只能放进空数据库。"
                            "请用 --db 指定一个新文件，例如 `wagedesk --db demo.db demo`。")
    rng = random.Random(seed)
    units = make_units(rng)
    with db.session() as session:
        session.add_all(units)
    real_clock = db.clock
    db.clock = _Clock(rng, real_clock().replace(microsecond=0) - timedelta(days=200))
    try:
        statuses = list(WEIGHTS)
        for unit in units:
            target = statuses[unit.seq - 1] if unit.seq <= len(statuses) else rng.choices(
                statuses, weights=list(WEIGHTS.values()))[0]
            _walk(db, rng, unit, target)
            if progress:
                progress(unit.seq)
    finally:
        db.clock = real_clock
    return len(units)


def _walk(db: Database, rng: random.Random, unit: PilotUnit, target: Status) -> None:
    draft = make_draft(rng, unit)
    chair = unit.union_chair
    draft_id = service.create_draft(db, draft, unit_seq=unit.seq, actor=chair)
    revision = 1
    for _ in range(rng.randint(1, 3)):  # a few sittings
        draft.growth.adjustment_rate = draft.growth.adjustment_rate + Decimal("0.5")  # type: ignore[operator]
        revision = service.save_draft(db, draft_id, draft, revision, chair, "现场协商后修改").revision
    reviewer = rng.choice(REVIEWERS)
    for step in PATHS[target]:
        if step is Status.returned:
            path, remark = rng.choice(FIELD_REMARKS)
            service.add_comment(db, draft_id, path, reviewer, remark)
            revision = service.transition(db, draft_id, step, reviewer, "请按审查意见修改后重新提交").revision
            if target is not Status.returned:  # the negotiator fixes it
                draft.growth.skilled_growth_rate = draft.growth.adjustment_rate + Decimal("1")  # type: ignore[operator]
                revision = service.save_draft(db, draft_id, draft, revision, chair, "按审查意见修改").revision
        else:
            actor = chair if step in (Status.submitted, Status.signed, Status.filed) else reviewer
            revision = service.transition(db, draft_id, step, actor).revision
