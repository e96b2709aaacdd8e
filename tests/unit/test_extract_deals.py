"""Deal rules on small inline examples of real phrasing (written for the tests)."""
from decimal import Decimal

import pytest

from etl.extract import extract
from etl.read import read_text


def deals(text):
    return extract(read_text(text)).deals


def one(text):
    ds = deals(text)
    assert len(ds) == 1, [d.company for d in ds]
    return ds[0]


def test_huo_amount_round():
    d = one("其中，傲势科技获2亿元C轮融资。")
    assert (d.company, d.amount, d.currency, d.round, d.qualifier) == ("傲势科技", Decimal("200000000"), "CNY", "C轮", "exact")


def test_announce_completed_with_lead_and_followers():
    d = one("近日，杭州具身智能企业灵犀动力宣布完成数亿元B轮融资，由红杉中国领投，高瓴创投、经纬创投跟投。")
    assert d.company == "灵犀动力"
    assert d.round == "B轮" and d.qualifier == "range"
    assert d.amount == Decimal("100000000") and d.amount_max == Decimal("1000000000")
    assert d.lead_investors == ["红杉中国"]
    assert d.investors == ["红杉中国", "高瓴创投", "经纬创投"]
    assert d.city == "杭州" and d.sector == "人形机器人"


def test_descriptor_stripped_and_bare_financing_verb():
    d = one("AI助手产品研发商蝴蝶效应融资7500万美元，落地场景明确。")
    assert d.company == "蝴蝶效应" and d.amount == Decimal("75000000") and d.currency == "USD"


def test_bare_unit_is_approx():
    d = one("电商内容工厂极睿科技融资亿元。")
    assert d.amount == Decimal("100000000") and d.qualifier == "approx"


def test_rongzhi_round_then_amount_in_next_clause():
    d = one("云鲸智能已融至E轮，25年4月斩获1亿美元融资。")
    assert d.round == "E轮" and d.amount == Decimal("100000000") and d.currency == "USD"
    assert str(d.announced_on) == "2025-04-01"


def test_strategic_investment_towards_company():
    d = one("7月2日，两家国资——浦东创投集团和张江集团联合宣布对智谱进行总额10亿元的战略投资。")
    assert d.company == "智谱" and d.round == "战略投资" and d.amount == Decimal("1000000000")
    assert d.investors == ["浦东创投集团", "张江集团"]


def test_acquisition_is_ma_with_acquirer():
    d = one("以智谱为例，此前，智谱花了数亿元收购聆心智能，因为这家公司在对话系统方面有经验。")
    assert d.company == "聆心智能" and d.round == "并购" and d.qualifier == "range" and d.investors == ["智谱"]


def test_participated_in_several_companies():
    ds = deals("商汤分别参与了特斯联、灵宇宙、人工生产力、优地科技四家公司的融资。")
    assert [d.company for d in ds] == ["特斯联", "灵宇宙", "人工生产力", "优地科技"]
    assert all(d.investors == ["商汤"] for d in ds)


def test_ipo_with_proceeds_in_next_sentence():
    d = one("2025年7月9日，上海医疗器械企业深睿智影正式在港交所主板挂牌上市。本次全球发售募资净额约12.3亿港元。")
    assert d.round == "IPO" and d.currency == "HKD" and d.qualifier == "approx"
    assert d.amount == Decimal("1230000000") and str(d.announced_on) == "2025-07-09"


def test_investors_from_follow_up_sentence():
    d = one("2024年11月，苏州创新药企迈博锐生物斩获近5亿元C轮融资。本轮由高瓴创投领投，礼来亚洲基金跟投。")
    assert d.company == "迈博锐生物" and d.lead_investors == ["高瓴创投"] and "礼来亚洲基金" in d.investors
    assert d.evidence.endswith("跟投。")


def test_traditional_script_names_are_simplified():
    d = one("台中機器人廠商聯鈞智動科技今日宣佈完成新一輪融資，金額達新台幣8億元，由國發基金領投。")
    assert d.company == "联钧智动科技" and d.currency == "TWD" and d.lead_investors == ["国发基金"]
    assert d.city == "台中"


@pytest.mark.parametrize("text", [
    "该公司拟融资5亿元用于扩产。",
    "据传，某大模型公司正在寻求新一轮融资，估值或达50亿美元。",
    "印度AI独角兽Builder.ai正式进入破产清算程序，16亿美元估值一夜归零。",
    "2024全年6家头部大模型公司共拿到超250亿元融资。",
    "北京人工智能产业获得融资的细分场景包括智慧医疗、儿童陪伴。",
    "国内大量早期项目持续获得融资，但整体仍处于验证阶段。",
    "软银愿景基金2024财年税前亏损1150.2亿日元。",
    "某创投机构完成50亿元人民币基金募集。",
])
def test_no_deal_from_plans_failures_and_aggregates(text):
    assert deals(text) == []


def test_evidence_is_verbatim_slice():
    text = "第一段。\n其中，傲势科技获2亿元C轮融资。"
    doc = read_text(text)
    d = extract(doc).deals[0]
    assert doc.text[d.evidence_start:d.evidence_end] == d.evidence


@pytest.mark.parametrize("text", [
    "截至11月25日，沪深两市融资余额为1.82万亿元。贵州茅台获融资买入3.5亿元，位居榜首。",
    "宁德时代公告称，公司拟发行不超过50亿元公司债券。",
    "比亚迪获得多家银行合计500亿元授信额度。",
    "恒大汽车此前获得的投资者青睐已不复存在。",
    "成都某医疗科技公司日前获得超亿元人民币B轮融资。",
])
def test_other_markets_and_anonymous_companies_give_no_deal(text):
    ex = extract(read_text(text))
    assert ex.deals == [] and ex.rankings == []


def test_short_name_and_investor_from_phrase():
    d = one("北京星河智源科技有限公司（以下简称“星河智源”）近日宣布完成了由君联资本领投的数亿元A轮融资，招银国际跟投。")
    assert d.company == "星河智源" and d.lead_investors == ["君联资本"] and "招银国际" in d.investors
    d = one("深圳市云帆机器人有限公司于2024年12月获得来自深创投的数千万元天使轮投资。")
    assert (d.company, d.city, d.round, str(d.announced_on)) == ("云帆机器人", "深圳", "天使轮", "2024-12-01")
    assert d.investors == ["深创投"]


def test_list_items_and_generic_investors():
    ds = deals("【今日融资速递】\n1. 杭州云深处科技有限公司宣布完成近5亿元C轮融资，投资方包括中国电信、国新基金等。\n"
               "2. 宇树科技完成C轮融资，中国移动、腾讯共同领投，绝大部分老股东跟投。")
    assert [d.company for d in ds] == ["云深处科技", "宇树科技"]
    assert ds[0].investors == ["中国电信", "国新基金"] and ds[1].lead_investors == ["中国移动", "腾讯"]
    assert ds[1].investors == ["中国移动", "腾讯"]


@pytest.mark.parametrize("text", [
    "比亚迪获得投资收益3.2亿元，主要来自参股公司。",
    "隆基绿能完成定增募资45亿元，用于扩产。",
    "京东方发布公告称，拟非公开发行股票募集资金不超过100亿元。",
])
def test_listed_company_income_and_refinancing_are_not_deals(text):
    assert deals(text) == []


def test_huotou_still_works():
    d = one("绵阳工业级无人机企业翔腾航空获投，投资方为四川发展、中金资本。")
    assert d.company == "翔腾航空" and d.investors == ["四川发展", "中金资本"]
