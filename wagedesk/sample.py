"""A complete, valid draft for a fictional enterprise: what ``wagedesk sample`` prints, the
fixture most tests start from, and the seed of the demo data."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from wagedesk.model import (
    Allowances, Coverage, Draft, EconomicType, Enterprise, Growth, Implementation, Incentives,
    Ladder, LevelRow, LongTermIncentive, Meeting, MinimumForm, OfferParty, OptionalAllowance, Pay,
    PaySystem, Person, PostCategory, Procedure, Side, SkillLevel, Term, TopTalent, TradeUnion,
    Training, Vote, VoteBody,
)

# level, sub-levels, post category, monthly minimum, monthly skill-level allowance
_LEVELS = [
    (SkillLevel.junior, 3, PostCategory.basic, "2900", "100"),
    (SkillLevel.intermediate, 3, PostCategory.important, "3300", "200"),
    (SkillLevel.senior, 3, PostCategory.important, "3600", "300"),
    (SkillLevel.technician, 2, PostCategory.key, "4200", "600"),
    (SkillLevel.senior_technician, 2, PostCategory.key, "4800", "900"),
    (SkillLevel.chief_technician, 1, PostCategory.core, "5600", "1500"),
]


def sample_draft() -> Draft:
    """A fictional pilot unit's finished, signed-ready draft (all rules pass)."""
    return Draft(
        enterprise=Enterprise(
            name="上海浦江精工装备有限公司", uscc="91310115MA1K4C8Q7L",
            address="上海市浦东新区张江路 1288 号", legal_representative="陈志远",
            economic_type=EconomicType.state_owned, industry="通用设备制造",
            employee_count=680, skilled_count=412, high_skilled_count=96),
        union=TradeUnion(name="上海浦江精工装备有限公司工会委员会", chair="王慧敏"),
        employer_side=Side(
            chief=Person(name="陈志远", position="总经理"),
            members=[Person(name="李建华", position="人力资源部经理"),
                     Person(name="赵敏", position="财务部经理"),
                     Person(name="孙立群", position="生产制造部经理"),
                     Person(name="周晓峰", position="技术中心主任")]),
        worker_side=Side(
            chief=Person(name="王慧敏", position="工会主席"),
            members=[Person(name="张国强", position="数控车工、高级技师"),
                     Person(name="刘芳", position="装配钳工、技师"),
                     Person(name="吴海涛", position="焊工班组长"),
                     Person(name="郑丽娟", position="质检员、高级工")]),
        term=Term(start_date=date(2026, 7, 1), end_date=date(2029, 6, 30)),
        coverage=Coverage(
            posts="从事数控加工、装配、焊接、电气维修、质量检验等生产技能岗位的职工",
            covered_count=412),
        ladder=Ladder(
            levels=[LevelRow(level=lv, sub_levels=sub, post_category=cat,
                             minimum_amount=Decimal(mn), skill_allowance=Decimal(al))
                    for lv, sub, cat, mn, al in _LEVELS],
            self_evaluation=True, competition_certification=True, fast_track=True,
            promotion_path="职工取得上一等级证书并在本等级岗位工作满规定年限、考核合格的，"
                           "次月起按新等级执行；在市级以上技能竞赛中获奖的，可破格晋升一级。"),
        pay=Pay(system=PaySystem.position_performance,
                key_post_tilt="工资总额增量优先用于关键技能岗位，关键类、核心类岗位的岗位工资系数"
                              "不低于同层级管理岗位。",
                minimum_form=MinimumForm.minimum_wage),
        allowances=Allowances(
            skill_level_enabled=True,
            mentoring=OptionalAllowance(enabled=True, monthly_amount=Decimal("500"),
                                        conditions="签订师带徒协议并经考核合格，带徒期内按月发放"),
            team_leader=OptionalAllowance(enabled=True, monthly_amount=Decimal("800"),
                                          conditions="经聘任担任生产班组长期间按月发放"),
            expert=OptionalAllowance(enabled=True, monthly_amount=Decimal("2000"),
                                     conditions="经企业聘任的首席技师、技能专家在聘期内按月发放")),
        top_talent=TopTalent(
            enabled=True, annual_salary=True, negotiated_salary=True,
            eligibility="获得“大国工匠”“上海工匠”称号或聘任为首席技师的高技能领军人才",
            benchmark="不低于本企业中层管理人员平均薪酬水平"),
        incentives=Incentives(
            enabled=True,
            innovation_award="技术革新、工艺改进成果经评审产生经济效益的，按当年新增效益的 5% 给予"
                             "项目团队一次性奖励，单项最高 20 万元",
            competition_award="在市级以上职业技能竞赛中获得前三名的，给予 5000 元至 30000 元奖励",
            promotion_award=Decimal("2000"),
            long_term=[LongTermIncentive.profit_sharing, LongTermIncentive.co_investment]),
        growth=Growth(
            last_year_average_wage=Decimal("9800"), adjustment_rate=Decimal("5.5"),
            skilled_growth_rate=Decimal("6.0"), manager_growth_rate=Decimal("5.0")),
        training=Training(
            enabled=True, frontline_fund_share=Decimal("75"), annual_training_hours=80,
            measures="依托企业工匠学院开展岗位练兵、师带徒和技能竞赛，支持职工参加学历继续教育"),
        implementation=Implementation(
            supervision="由双方代表组成工资集体合同监督检查小组，每半年检查一次履行情况",
            annual_review=True,
            dispute_resolution="因履行本合同发生争议的，双方协商解决；协商不成的，可依法申请劳动人事争议仲裁",
            other_terms="本合同未尽事宜，按国家和本市有关规定执行"),
        procedure=Procedure(
            offer_party=OfferParty.union, offer_date=date(2026, 4, 10),
            reply_date=date(2026, 4, 24),
            meetings=[Meeting(meeting_date=date(2026, 5, 8), place="公司行政楼三楼会议室",
                              summary="就等级工资标准和津贴项目交换意见"),
                      Meeting(meeting_date=date(2026, 5, 20), place="公司行政楼三楼会议室",
                              summary="就分级最低工资标准和工资增幅达成一致")],
            vote=Vote(body=VoteBody.congress, vote_date=date(2026, 6, 2), total=120,
                      attending=112, in_favour=104, against=3),
            signing_date=date(2026, 6, 5), signing_place="上海市浦东新区"),
    )
