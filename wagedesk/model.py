"""The draft: everything the skilled-talent special wage contract needs, as pydantic models.

Each field carries its Chinese label (``title``), a one-line help text (``description``) and the
chapter step it belongs to (``x-step``), once, here: the JSON Schema, the rules' findings and the
desktop editor all read them from this module. Money is ``Decimal``, dates are ``date``. Almost
every field may be empty (``None``) because drafts are filled in over several sittings; the rules
tell "not yet filled" from "wrong". Value checks (ranges, formats, checksums) live in
``wagedesk.rules``, not in validators, so a wrong value becomes a finding and not a refusal.
"""
from __future__ import annotations

import typing
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, Iterator, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema
from pydantic.fields import FieldInfo

FORMAT = "wagedesk.draft"
SCHEMA_VERSION = 1

# The chapter steps, in the order the editor walks through them: code -> Chinese title.
STEPS: dict[str, str] = {
    "parties": "合同双方",
    "representatives": "协商代表",
    "term": "期限与适用范围",
    "ladder": "技能等级体系",
    "pay": "工资结构与最低工资",
    "allowances": "津贴",
    "top_talent": "高技能领军人才薪酬",
    "incentives": "奖励与中长期激励",
    "growth": "工资增长",
    "training": "职业培训",
    "implementation": "履行、变更与争议处理",
    "procedure": "协商程序记录",
}

USCC_PATTERN = r"^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$"


def fld(label: str, help: str, step: str, default: Any = None, **extra: Any) -> Any:
    """A field with its Chinese label, help text and chapter step (and optional schema extras
    such as ``pattern`` or ``format`` that document but do not validate)."""
    if step not in STEPS:
        raise ValueError(f"unknown step {step!r}")
    schema_extra = {"x-step": step, **extra}
    if isinstance(default, (list, dict)) or (isinstance(default, type) and issubclass(default, BaseModel)):
        factory = default if callable(default) else (lambda d=default: type(d)(d))
        return Field(default_factory=factory, title=label, description=help,
                     json_schema_extra=schema_extra)
    return Field(default=default, title=label, description=help, json_schema_extra=schema_extra)


class _Enum(str, Enum):
    """A coded value: English code in files and the CLI, Chinese label for people."""

    @property
    def label(self) -> str:
        return LABELS[self]


class Status(_Enum):
    drafting = "drafting"
    submitted = "submitted"
    returned = "returned"
    approved = "approved"
    signed = "signed"
    filed = "filed"


class EconomicType(_Enum):
    state_owned = "state_owned"
    collective = "collective"
    private = "private"
    foreign = "foreign"
    hk_macao_taiwan = "hk_macao_taiwan"
    joint_stock = "joint_stock"
    other = "other"


class SkillLevel(_Enum):
    """The new eight-level ladder (新八级工), low to high; the order is meaningful."""

    apprentice = "apprentice"
    junior = "junior"
    intermediate = "intermediate"
    senior = "senior"
    technician = "technician"
    senior_technician = "senior_technician"
    special_technician = "special_technician"
    chief_technician = "chief_technician"

    @property
    def rank(self) -> int:
        return list(SkillLevel).index(self)


class PostCategory(_Enum):
    basic = "basic"
    important = "important"
    key = "key"
    core = "core"


class MinimumForm(_Enum):
    minimum_wage = "minimum_wage"
    minimum_skill_allowance = "minimum_skill_allowance"


class PaySystem(_Enum):
    position_performance = "position_performance"
    position_skill = "position_skill"
    skill_based = "skill_based"
    other = "other"


class VoteBody(_Enum):
    congress = "congress"
    all_employees = "all_employees"


class OfferParty(_Enum):
    union = "union"
    employer = "employer"


class LongTermIncentive(_Enum):
    equity = "equity"
    options = "options"
    profit_sharing = "profit_sharing"
    co_investment = "co_investment"


LABELS: dict[Enum, str] = {
    Status.drafting: "起草中", Status.submitted: "待审查", Status.returned: "退回修改",
    Status.approved: "审查通过", Status.signed: "已签订", Status.filed: "已报送",
    EconomicType.state_owned: "国有企业", EconomicType.collective: "集体企业",
    EconomicType.private: "民营企业", EconomicType.foreign: "外商投资企业",
    EconomicType.hk_macao_taiwan: "港澳台投资企业", EconomicType.joint_stock: "股份制企业",
    EconomicType.other: "其他",
    SkillLevel.apprentice: "学徒工", SkillLevel.junior: "初级工", SkillLevel.intermediate: "中级工",
    SkillLevel.senior: "高级工", SkillLevel.technician: "技师",
    SkillLevel.senior_technician: "高级技师", SkillLevel.special_technician: "特级技师",
    SkillLevel.chief_technician: "首席技师",
    PostCategory.basic: "基础类", PostCategory.important: "重要类", PostCategory.key: "关键类",
    PostCategory.core: "核心类",
    MinimumForm.minimum_wage: "分级月最低工资", MinimumForm.minimum_skill_allowance: "分级月最低技能津贴",
    PaySystem.position_performance: "岗位绩效工资制", PaySystem.position_skill: "岗位技能工资制",
    PaySystem.skill_based: "技能等级工资制", PaySystem.other: "其他工资制度",
    VoteBody.congress: "职工代表大会", VoteBody.all_employees: "全体职工大会",
    OfferParty.union: "工会（职工方）", OfferParty.employer: "企业方",
    LongTermIncentive.equity: "股权激励", LongTermIncentive.options: "期权激励",
    LongTermIncentive.profit_sharing: "超额利润分享", LongTermIncentive.co_investment: "项目跟投",
}

# Money and percentages are Decimal; files carry them as decimal strings ("2740", "5.5") though
# plain JSON numbers are read too. The schema documents the valid form; the parser is lenient
# and the rules report a wrong value, so the last marker ("money"/"percent") tells them apart.
MONEY_PATTERN = r"^[0-9]+(\.[0-9]{1,2})?$"
PERCENT_PATTERN = r"^(100(\.0+)?|[0-9]{1,2}(\.[0-9]+)?)$"
Money = Optional[Annotated[Decimal, WithJsonSchema(
    {"type": ["string", "number"], "pattern": MONEY_PATTERN, "minimum": 0, "x-unit": "元"}), "money"]]
Percent = Optional[Annotated[Decimal, WithJsonSchema(
    {"type": ["string", "number"], "pattern": PERCENT_PATTERN, "minimum": 0, "maximum": 100,
     "x-unit": "%"}), "percent"]]


def value_kind(info: FieldInfo) -> str | None:
    """``"money"`` or ``"percent"`` for a Money or Percent field, else None."""
    stack = [info.annotation]
    while stack:
        tp = stack.pop()
        for meta in getattr(tp, "__metadata__", ()):
            if meta in ("money", "percent"):
                return meta  # type: ignore[no-any-return]
        stack.extend(typing.get_args(tp))
    return None


class Section(BaseModel):
    """Base of every part of the draft: unknown keys are refused so typos surface."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, use_enum_values=False)


class Enterprise(Section):
    name: Optional[str] = fld("企业名称", "与营业执照一致的企业全称", "parties")
    uscc: Optional[str] = fld("统一社会信用代码", "18 位，见营业执照", "parties", pattern=USCC_PATTERN)
    address: Optional[str] = fld("企业地址", "企业住所或主要经营场所", "parties")
    legal_representative: Optional[str] = fld("法定代表人", "营业执照上的法定代表人", "parties")
    economic_type: Optional[EconomicType] = fld("经济类型", "企业的登记经济类型", "parties")
    industry: Optional[str] = fld("所属行业", "如：汽车制造、集成电路、电力", "parties")
    employee_count: Optional[int] = fld("职工总数", "签订时在册职工人数", "parties", minimum=0)
    skilled_count: Optional[int] = fld("技能人才人数", "本专章覆盖的技能岗位职工人数", "parties", minimum=0)
    high_skilled_count: Optional[int] = fld("高技能人才人数", "技师及以上等级人数", "parties", minimum=0)


class TradeUnion(Section):
    name: Optional[str] = fld("工会名称", "企业工会全称", "parties")
    chair: Optional[str] = fld("工会主席", "企业工会主席姓名", "parties")


class Person(Section):
    name: Optional[str] = fld("姓名", "代表姓名", "representatives")
    position: Optional[str] = fld("职务", "在本单位的职务或岗位", "representatives")


class Side(Section):
    chief: Optional[Person] = fld("首席代表", "本方首席协商代表", "representatives")
    members: list[Person] = fld("其他协商代表", "除首席代表外的本方代表", "representatives", default=[])

    def count(self) -> int:
        """Representatives on this side, the chief included."""
        return (1 if self.chief is not None and self.chief.name else 0) + sum(
            1 for m in self.members if m.name)


class Term(Section):
    start_date: Optional[date] = fld("生效起始日期", "合同期限的第一天", "term", format="date")
    end_date: Optional[date] = fld("期限届满日期", "合同期限的最后一天（一般 1 至 3 年）", "term", format="date")


class Coverage(Section):
    posts: Optional[str] = fld("适用岗位", "本专章所称技能人才的岗位范围", "term")
    covered_count: Optional[int] = fld("覆盖职工人数", "本合同覆盖的职工人数", "term", minimum=0)


class LevelRow(Section):
    level: SkillLevel = fld("技能等级", "新八级工中的一级", "ladder")
    sub_levels: Optional[int] = fld("档次数", "本等级内细分的档次（无细分填 1）", "ladder", minimum=1)
    post_category: Optional[PostCategory] = fld("岗位类别", "基础类、重要类、关键类或核心类", "ladder")
    minimum_amount: Money = fld("月最低标准（元）", "该等级月最低工资或月最低技能津贴", "pay")
    skill_allowance: Money = fld("技能等级津贴（元/月）", "该等级每月技能等级津贴", "allowances")


class Ladder(Section):
    levels: list[LevelRow] = fld("采用的技能等级", "企业采用的等级，从低到高", "ladder", default=[])
    self_evaluation: bool = fld("企业自主评价", "企业依规开展技能等级自主评价", "ladder", default=True)
    competition_certification: bool = fld("赛证融合", "技能竞赛成绩可用于取得等级证书", "ladder", default=False)
    fast_track: bool = fld("破格晋升", "对业绩突出者可破格晋升等级", "ladder", default=True)
    promotion_path: Optional[str] = fld("晋升通道", "等级晋升的条件与程序", "ladder")


class Pay(Section):
    system: Optional[PaySystem] = fld("工资制度", "企业实行的基本工资制度", "pay")
    position_unit: bool = fld("岗位工资单元", "工资结构含岗位工资", "pay", default=True)
    skill_unit: bool = fld("技能工资单元", "工资结构含技能（能力）工资", "pay", default=True)
    performance_unit: bool = fld("绩效工资单元", "工资结构含绩效工资", "pay", default=True)
    allowance_unit: bool = fld("津贴单元", "工资结构含津贴补贴", "pay", default=True)
    key_post_tilt: Optional[str] = fld("向关键岗位倾斜", "向关键技能岗位和高技能人才倾斜的办法", "pay")
    minimum_form: Optional[MinimumForm] = fld("最低标准形式", "按等级约定月最低工资，或月最低技能津贴", "pay")
    region: str = fld("最低工资地区", "法定最低工资标准所在地区", "pay", default="shanghai")


class OptionalAllowance(Section):
    enabled: bool = fld("约定此项", "关闭后合同中不出现此条款", "allowances", default=False)
    monthly_amount: Money = fld("标准（元/月）", "每月发放标准", "allowances")
    conditions: Optional[str] = fld("发放条件", "享受条件与考核办法", "allowances")


class Allowances(Section):
    skill_level_enabled: bool = fld("技能等级津贴", "按等级发放技能等级津贴（标准见等级表）", "allowances", default=True)
    mentoring: OptionalAllowance = fld("师带徒津贴", "承担带徒任务的技能人才津贴", "allowances", default=OptionalAllowance)
    team_leader: OptionalAllowance = fld("班组长津贴", "担任班组长的技能人才津贴", "allowances", default=OptionalAllowance)
    expert: OptionalAllowance = fld("专家（特殊技能）津贴", "首席技师、技能专家等特殊津贴", "allowances", default=OptionalAllowance)


class TopTalent(Section):
    enabled: bool = fld("约定此章节", "关闭后合同中不出现高技能领军人才薪酬条款", "top_talent", default=False)
    annual_salary: bool = fld("年薪制", "对大国工匠、高技能领军人才实行年薪制", "top_talent", default=False)
    negotiated_salary: bool = fld("协议工资制", "一人一议的协议工资", "top_talent", default=False)
    eligibility: Optional[str] = fld("适用对象", "适用年薪制或协议工资制的人员范围", "top_talent")
    benchmark: Optional[str] = fld("对标水平", "如：不低于本企业中层管理人员薪酬水平", "top_talent")


class Incentives(Section):
    enabled: bool = fld("约定此章节", "关闭后合同中不出现奖励与激励条款", "incentives", default=False)
    innovation_award: Optional[str] = fld("创新成果专项奖励", "奖励范围与标准", "incentives")
    competition_award: Optional[str] = fld("技能竞赛奖励", "竞赛获奖的奖励标准", "incentives")
    promotion_award: Money = fld("晋级一次性奖励（元）", "晋升技能等级时的一次性奖励", "incentives")
    long_term: list[LongTermIncentive] = fld("中长期激励方式", "纳入中长期激励的方式", "incentives", default=[])


class Growth(Section):
    last_year_average_wage: Money = fld("上年度职工平均工资（元/月）", "上年度本企业职工月平均工资", "growth")
    adjustment_rate: Percent = fld("本年度工资调整幅度（%）", "本年度职工工资总体调整幅度", "growth")
    skilled_growth_rate: Percent = fld("技能人才工资增幅（%）", "技能人才年度工资增长幅度", "growth")
    manager_growth_rate: Percent = fld("同级管理人员工资增幅（%）", "同层级管理人员年度工资增长幅度", "growth")
    guideline_base: Percent = fld("工资指导线基准线（%）", "政府发布的企业工资指导线基准线", "growth")
    guideline_upper: Percent = fld("工资指导线上线（%）", "企业工资指导线上线", "growth")
    guideline_lower: Percent = fld("工资指导线下线（%）", "企业工资指导线下线", "growth")


class Training(Section):
    enabled: bool = fld("约定此章节", "关闭后合同中不出现职业培训条款", "training", default=True)
    frontline_fund_share: Percent = fld("一线职工教育经费占比（%）", "职工教育经费用于一线职工的比例", "training")
    annual_training_hours: Optional[int] = fld("年培训学时", "每名技能人才每年培训学时", "training", minimum=0)
    measures: Optional[str] = fld("培训措施", "培训、带徒、竞赛等措施", "training")


class Implementation(Section):
    supervision: Optional[str] = fld("监督检查", "双方共同监督履行的方式", "implementation")
    annual_review: bool = fld("年度检查", "每年对履行情况检查一次", "implementation", default=True)
    dispute_resolution: Optional[str] = fld("争议处理", "履行争议的处理办法", "implementation")
    other_terms: Optional[str] = fld("其他约定", "双方约定的其他事项", "implementation")


class Meeting(Section):
    meeting_date: Optional[date] = fld("会议日期", "协商会议日期", "procedure", format="date")
    place: Optional[str] = fld("会议地点", "协商会议地点", "procedure")
    summary: Optional[str] = fld("会议纪要摘要", "本次协商的主要结果", "procedure")


class Vote(Section):
    body: Optional[VoteBody] = fld("审议机构", "职工代表大会或全体职工大会", "procedure")
    vote_date: Optional[date] = fld("审议日期", "大会表决日期", "procedure", format="date")
    total: Optional[int] = fld("应到人数", "职工代表或全体职工总数", "procedure", minimum=0)
    attending: Optional[int] = fld("实到人数", "出席会议人数", "procedure", minimum=0)
    in_favour: Optional[int] = fld("赞成票", "赞成人数", "procedure", minimum=0)
    against: Optional[int] = fld("反对票", "反对人数", "procedure", minimum=0)


class Procedure(Section):
    offer_party: Optional[OfferParty] = fld("要约方", "提出协商要约的一方", "procedure")
    offer_date: Optional[date] = fld("要约日期", "书面要约送达日期", "procedure", format="date")
    reply_date: Optional[date] = fld("回应日期", "对方书面回应日期（20 日内）", "procedure", format="date")
    meetings: list[Meeting] = fld("协商会议", "各次协商会议", "procedure", default=[])
    vote: Vote = fld("职代会（职工大会）表决", "草案审议表决情况", "procedure", default=Vote)
    signing_date: Optional[date] = fld("签订日期", "双方首席代表签字日期", "procedure", format="date")
    signing_place: Optional[str] = fld("签订地点", "签字地点", "procedure")
    filing_date: Optional[date] = fld("报送日期", "报送人力资源社会保障部门的日期", "procedure", format="date")


class Draft(Section):
    """One special wage contract with its skilled-talent chapter, complete or not."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True,
                              title="技能人才工资专项集体合同草案")

    format: Literal["wagedesk.draft"] = FORMAT
    schema_version: int = SCHEMA_VERSION
    status: Status = Status.drafting
    supersedes: Optional[str] = Field(
        default=None, title="所变更的已签合同", description="变更已签合同时，原合同的指纹")
    enterprise: Enterprise = fld("企业", "合同一方：企业", "parties", default=Enterprise)
    union: TradeUnion = fld("工会", "合同一方：工会", "parties", default=TradeUnion)
    employer_side: Side = fld("企业方协商代表", "企业方首席代表和其他代表", "representatives", default=Side)
    worker_side: Side = fld("职工方协商代表", "职工方首席代表和其他代表", "representatives", default=Side)
    term: Term = fld("合同期限", "合同起止日期", "term", default=Term)
    coverage: Coverage = fld("适用范围", "适用的技能岗位与人数", "term", default=Coverage)
    ladder: Ladder = fld("技能等级体系", "新八级工等级与晋升", "ladder", default=Ladder)
    pay: Pay = fld("工资结构", "工资制度、单元与最低标准形式", "pay", default=Pay)
    allowances: Allowances = fld("津贴", "技能等级、师带徒、班组长、专家津贴", "allowances", default=Allowances)
    top_talent: TopTalent = fld("高技能领军人才薪酬", "年薪制与协议工资制", "top_talent", default=TopTalent)
    incentives: Incentives = fld("奖励与中长期激励", "创新、竞赛奖励与中长期激励", "incentives", default=Incentives)
    growth: Growth = fld("工资增长", "工资水平与增长机制", "growth", default=Growth)
    training: Training = fld("职业培训", "培训经费与学时", "training", default=Training)
    implementation: Implementation = fld("履行与争议", "监督、检查与争议处理", "implementation", default=Implementation)
    procedure: Procedure = fld("协商程序", "要约、协商、表决与签订", "procedure", default=Procedure)


# --- field metadata, for findings and forms -------------------------------------------------

def _field_at(model: type[BaseModel], name: str) -> FieldInfo:
    return model.model_fields[name]


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside ``X``, ``Optional[X]`` or ``list[X]``, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def field_info(path: str) -> FieldInfo | None:
    """The field at a dotted path such as ``enterprise.uscc`` or ``ladder.levels.2.minimum_amount``
    (list indexes are skipped). ``None`` when the path names no field."""
    model: type[BaseModel] | None = Draft
    info: FieldInfo | None = None
    for part in path.split("."):
        if part.isdigit():
            continue
        if model is None or part not in model.model_fields:
            return None
        info = _field_at(model, part)
        model = _inner_model(info.annotation)
    return info


def label_for(path: str) -> str:
    """The Chinese label for a path, with its parents, e.g. ``企业 › 统一社会信用代码``;
    list items are numbered from 1 (``技能等级体系 › 采用的技能等级 第 2 项 › 月最低标准（元）``)."""
    model: type[BaseModel] | None = Draft
    parts: list[str] = []
    for part in path.split("."):
        if part.isdecimal():  # "¹".isdigit() is true but int() refuses it
            if parts:
                parts[-1] += f" 第 {int(part) + 1} 项"
            continue
        if model is None or part not in model.model_fields:
            parts.append(part)
            model = None
            continue
        info = _field_at(model, part)
        parts.append(info.title or part)
        model = _inner_model(info.annotation)
    return " › ".join(parts)


def step_for(path: str) -> str | None:
    """The chapter step code a path belongs to (from the field's ``x-step``)."""
    info = field_info(path)
    extra = info.json_schema_extra if info is not None else None
    return extra.get("x-step") if isinstance(extra, dict) else None  # type: ignore[return-value]


def iter_fields(model: type[BaseModel] = Draft, prefix: str = "") -> Iterator[tuple[str, FieldInfo]]:
    """Every leaf and section field, depth first, with its dotted path (lists not expanded)."""
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        yield path, info
        inner = _inner_model(info.annotation)
        if inner is not None:
            yield from iter_fields(inner, prefix=path + ".")
