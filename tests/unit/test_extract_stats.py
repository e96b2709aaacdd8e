"""Funding-statistics rules on inline examples (written for the tests)."""
from decimal import Decimal

from etl.extract import extract
from etl.read import read_text


def stats(text, metric=None):
    ss = extract(read_text(text)).stats
    return [s for s in ss if metric is None or s.metric == metric]


def key(s):
    return (s.geo_name, s.sector, s.round, s.metric, s.value)


def test_national_totals_with_period_and_hedge():
    ss = stats("2025年1月至6月，全国共发生4172起投融资事件，披露融资金额共计约2423亿元。")
    assert {key(s) for s in ss} == {("中国", None, None, "deal_count", Decimal(4172)),
                                   ("中国", None, None, "amount", Decimal("242300000000"))}
    amount = next(s for s in ss if s.metric == "amount")
    assert amount.qualifier == "approx" and amount.currency == "CNY"
    assert (str(amount.period_start), str(amount.period_end)) == ("2025-01-01", "2025-06-30")


def test_bracketed_city_counts():
    ss = stats("融资事件中，北京(520起)、上海(500起)、深圳(402起)领先。", "deal_count")
    assert [(s.geo_name, s.value) for s in ss] == [("北京", 520), ("上海", 500), ("深圳", 402)]


def test_fenbie_distributes_over_sectors():
    ss = stats("东莞投融资活跃，新能源汽车、储能、机器人三个领域分别发生12起、9起、7起。", "deal_count")
    assert [(s.geo_name, s.sector, s.value) for s in ss] == [
        ("东莞", "新能源汽车", 12), ("东莞", "储能", 9), ("东莞", "机器人", 7)]


def test_thresholds_differences_and_extremes_are_not_counts():
    text = ("Top50城市中事件数最低仅有8起，50起以下城市占比超过60%。北京以20起的小差距反超上海，"
            "相较深圳高出近100起投融资。")
    assert stats(text, "deal_count") == []


def test_investor_activity_is_not_a_market_count():
    assert stats("联想创投在国内人工智能行业出手86起，投资了57个项目。") == []
    assert stats("海外仅谷歌一家公司，自2014年以来对外投资1586起，AI领域271起，占比17.1%。", "deal_count") == []


def test_usd_global_amount_with_conversion_is_one_figure():
    ss = stats("2025年第一季度，全球风险投资交易总价值达1263亿美元(约合人民币9180亿元)，同比上涨约53.46%，但交易数量达7551件。")
    got = {key(s) for s in ss}
    assert ("全球", None, None, "amount", Decimal("126300000000")) in got
    assert ("全球", None, None, "deal_count", Decimal(7551)) in got
    assert ("全球", None, None, "amount_yoy", Decimal("53.46")) in got
    assert not any(s.value == Decimal("918000000000") for s in ss)


def test_round_groups_from_clause():
    ss = stats("从轮次分布看，天使轮与A轮合计约2150起，B轮及以后约960起的融资。", "deal_count")
    assert [(s.round, s.value) for s in ss] == [("天使轮+A轮", 2150), ("B轮及以后", 960)]


def test_label_sets_geo_and_scope_sector():
    text = ("报告标题:2025年11月全球AIGC投融资报告\n"
            "国外:共发生83起(含美国、加拿大、以色列等)，占全球约27.9%\n"
            "国内:融资金额约141亿元人民币，占全球仅7.6%")
    ss = stats(text)
    got = {key(s) for s in ss if s.metric in ("deal_count", "amount")}
    assert got == {("海外", "AIGC", None, "deal_count", Decimal(83)), ("中国", "AIGC", None, "amount", Decimal("14100000000"))}


def test_group_geo():
    ss = stats("投融资事件数前50名城市发生3769起融资，占比90.3%。", "deal_count")
    assert [(s.geo_level, s.geo_name, s.value) for s in ss] == [("group", "Top50城市", 3769)]


def test_hong_kong_traditional_yoy():
    ss = stats("2019年香港初創企業共錄得融資交易236宗，按年增長12.6%；融資總額約為152億港元。")
    got = {(s.geo_name, s.metric, s.value, s.currency) for s in ss}
    assert ("香港", "deal_count", Decimal(236), None) in got
    assert ("香港", "deal_count_yoy", Decimal("12.6"), None) in got
    assert ("香港", "amount", Decimal("15200000000"), "HKD") in got


def test_non_funding_money_is_not_a_stat():
    text = ("2024年北京全社会研发经费投入总量为3278.4亿元。北京私募股权创业投资基金资产规模达3.79万亿元，位居全国首位。"
            "设立总规模500亿元的政府引导基金。")
    assert stats(text, "amount") == []


def test_yici_values_and_fund_raising_is_not_investment():
    text = ("2025年第三季度中国创投市场报告\n分地区看，北京、上海、江苏的事件数依次为412起、398起、356起。"
            "2024年新募基金数量3981支，募资总额14449.19亿元；退出案例3612笔。")
    ss = stats(text)
    assert [(s.geo_name, s.value) for s in ss if s.metric == "deal_count"] == [("北京", 412), ("上海", 398), ("江苏", 356)]
    assert not any(s.metric == "amount" for s in ss)


def test_unknown_list_member_makes_fenbie_ambiguous():
    assert stats("2025年，金融、医疗健康和先进制造分别发生578起、421起、399起投资。", "deal_count") == []


def test_latin_alias_is_a_whole_word():
    ss = stats("IT桔子数据显示，2024年全年，上海以1862亿元的融资规模拔得头筹。", "amount")
    assert [(s.geo_name, s.sector) for s in ss] == [("上海", None)]
