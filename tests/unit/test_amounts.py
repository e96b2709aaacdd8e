"""Tests for etl.normalize.amounts.

The CSV holds money expressions as they appear in Chinese funding prose; the
inline sentences check span finding; hypothesis checks the never-raise and
span invariants the ETL relies on.
"""
from __future__ import annotations

import csv
import pathlib
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.normalize.amounts import Money, find_amounts, parse_money, parse_number

ROOT = pathlib.Path(__file__).resolve().parents[2]
CSV_PATH = ROOT / "tests" / "data" / "money_expressions.csv"


def _rows():
    with CSV_PATH.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


ROWS = _rows()
POSITIVES = [r for r in ROWS if r["currency"] != "NONE"]
NEGATIVES = [r for r in ROWS if r["currency"] == "NONE"]


def test_csv_shape():
    assert len(ROWS) >= 150
    assert len(NEGATIVES) >= 15
    for r in POSITIVES:
        assert r["qualifier"] in {"exact", "approx", "at_least", "at_most", "range"}, r
        assert (r["value_max"] != "") == (r["qualifier"] == "range"), r


@pytest.mark.parametrize("row", POSITIVES, ids=[r["expression"] for r in POSITIVES])
def test_parse_money_csv(row):
    m = parse_money(row["expression"])
    assert m is not None, row["expression"]
    assert m.value == Decimal(row["value"])
    if row["value_max"]:
        assert m.value_max == Decimal(row["value_max"])
    else:
        assert m.value_max is None
    assert m.currency == (row["currency"] or None)
    assert m.qualifier == row["qualifier"]
    assert m.text == row["expression"].strip()


@pytest.mark.parametrize("row", NEGATIVES, ids=[r["expression"] for r in NEGATIVES])
def test_parse_money_negatives(row):
    assert parse_money(row["expression"]) is None
    assert find_amounts(row["expression"]) == []


# ---------------------------------------------------------------- parse_number

@pytest.mark.parametrize(
    "text,expected",
    [
        ("1,855", "1855"),
        ("１２", "12"),
        ("一千五百万", "15000000"),
        ("两亿", "200000000"),
        ("兩億", "200000000"),
        ("壹亿", "100000000"),
        ("贰仟万", "20000000"),
        ("3.5", "3.5"),
        ("十", "10"),
        ("二十三", "23"),
        ("零", "0"),
        ("一千零五十", "1050"),
        ("3.5万亿", "3500000000000"),
        ("1亿5000万", "150000000"),
        ("五十万", "500000"),
        ("一万五", "15000"),  # colloquial: trailing digit takes the next lower unit
        ("三点五亿", "350000000"),
        ("二十三点五万", "235000"),
    ],
)
def test_parse_number(text, expected):
    assert parse_number(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "abc", "1,2345", "五零", "-5", "二〇二五", "亿万富翁", "1.2.3"])
def test_parse_number_rejects(text):
    assert parse_number(text) is None


# ---------------------------------------------------------------- find_amounts

def _one(s: str) -> Money:
    found = find_amounts(s)
    assert len(found) == 1, found
    return found[0]


def test_sentence_series_b():
    m = _one("该公司宣布完成1.5亿元B轮融资，由红杉中国领投")
    assert (m.value, m.currency, m.qualifier, m.text) == (Decimal(150000000), "CNY", "exact", "1.5亿元")


def test_sentence_conversion_is_one_money():
    s = "全球风险投资交易总价值达1263亿美元(约合人民币9180亿元)，同比上涨约53.46%"
    m = _one(s)
    assert m.value == Decimal("126300000000")
    assert m.currency == "USD"
    assert m.cny_stated == Decimal("918000000000")
    assert m.text == "1263亿美元(约合人民币9180亿元)"


def test_sentence_range_words():
    m = _one("单笔投资金额普遍在数亿至数十亿元人民币区间")
    assert (m.value, m.value_max, m.currency, m.qualifier) == (
        Decimal(10**8), Decimal(10**10), "CNY", "range")


def test_sentence_hedge_included_in_span():
    s = "2025年上半年共发生297起融资事件，披露金额合计约1,855亿元"
    m = _one(s)
    assert m.text == "约1,855亿元"
    assert m.qualifier == "approx"
    assert m.value == Decimal("185500000000")


def test_sentence_two_deals():
    found = find_amounts("蝴蝶效应完成7500万美元融资；RockFlow获得1000万美元A轮融资")
    assert [(m.value, m.currency) for m in found] == [
        (Decimal(75000000), "USD"), (Decimal(10000000), "USD")]


def test_sentence_years_are_not_ranges():
    m = _one("公司计划在3-5年内投入超过10亿元用于研发")
    assert (m.text, m.qualifier, m.value) == ("超过10亿元", "at_least", Decimal(10**9))


def test_sentence_parameters_are_not_money():
    assert find_amounts("该模型拥有5万亿参数，训练算力达3500P，覆盖20万家企业") == []


def test_sentence_counts_and_percent_are_not_money():
    assert find_amounts("融资总额同比增长53.46%，共发生297起事件，获得1440项专利，排名第3") == []


def test_sentence_bare_range():
    m = _one("获得数千万元天使轮融资")
    assert (m.value, m.value_max, m.qualifier) == (Decimal(10**7), Decimal(10**8), "range")


def test_sentence_bare_unit():
    m = _one("完成近亿元Pre-A轮融资")
    assert (m.text, m.value, m.qualifier, m.currency) == ("近亿元", Decimal(10**8), "approx", "CNY")


def test_sentence_range_inherits_currency():
    m = _one("A轮融资额为7500万-8000万美元，估值翻倍")
    assert (m.value, m.value_max, m.currency) == (Decimal(75000000), Decimal(80000000), "USD")


def test_sentence_per_person():
    found = find_amounts("人均薪酬44.4万元/人，高于行业平均的3.2万美元/人")
    assert [(m.value, m.currency, m.text) for m in found] == [
        (Decimal(444000), "CNY", "44.4万元"), (Decimal(32000), "USD", "3.2万美元")]


def test_sentence_traditional_with_conversion():
    m = _one("投資金額約為5億港元（約合人民幣4.6億元），創歷史新高")
    assert (m.value, m.currency, m.qualifier) == (Decimal(5 * 10**8), "HKD", "approx")
    assert m.cny_stated == Decimal(46 * 10**7)
    assert m.text.endswith("）")


def test_sentence_english():
    found = find_amounts("It raised US$ 1.2 billion in Series C after a $50M seed.")
    assert [(m.value, m.currency) for m in found] == [
        (Decimal(1200000000), "USD"), (Decimal(50000000), "USD")]


def test_sentence_at_least_inside_number():
    found = find_amounts("基金规模300余亿元，单笔投资1000多万元")
    assert [(m.value, m.qualifier) for m in found] == [
        (Decimal(3 * 10**10), "at_least"), (Decimal(10**7), "at_least")]


def test_sentence_from_to_is_two_amounts():
    found = find_amounts("估值从10亿美元到20亿美元")
    assert [m.value for m in found] == [Decimal(10**9), Decimal(2 * 10**9)]


def test_sentence_verb_compounds_are_not_hedges():
    # 签约 / 通过 end in the hedge characters 约 / 过 but are verbs here
    assert _one("双方签约10亿元").qualifier == "exact"
    assert _one("通过2亿元可转债融资").text == "2亿元"


def test_sentence_upstream_downstream_is_not_approx():
    m = _one("估值上亿元，上下游企业超过100家")
    assert (m.text, m.qualifier) == ("上亿元", "at_least")


def test_sentence_bare_without_currency_is_not_money():
    assert find_amounts("营收过亿，估值上百亿") == []


def test_sentence_table_unit_header_is_not_money():
    assert find_amounts("融资额（亿元）｜单位：万元") == []


def test_sentence_prefix_currency_and_hedge():
    m = _one("本轮融资人民币约10亿元，将用于研发")
    assert (m.text, m.qualifier, m.currency) == ("人民币约10亿元", "approx", "CNY")


def test_sentence_range_from_to_words():
    m = _one("单笔融资多在1000万元至5000万元之间")
    assert (m.value, m.value_max, m.text) == (Decimal(10**7), Decimal(5 * 10**7), "1000万元至5000万元之间")


def test_sentence_diversification_is_not_at_least():
    m = _one("推进多元化战略，募资10亿元")
    assert (m.value, m.qualifier) == (Decimal(10**9), "exact")


def test_sentence_negative_sign_never_negative():
    m = _one("净利润为-1.5亿元")
    assert m.value == Decimal(150000000)


def test_sentence_multiple_currencies():
    found = find_amounts("A公司获1亿港元，B公司获2000万欧元，C公司获30亿日元，D公司获5000万新加坡元")
    assert [m.currency for m in found] == ["HKD", "EUR", "JPY", "SGD"]


def test_sentence_just_over():
    found = find_amounts("估值一度超过300亿美金，而现在只有100亿美元出头")
    assert [(m.text, m.qualifier) for m in found] == [
        ("超过300亿美金", "at_least"), ("100亿美元出头", "at_least")]


def test_sentence_chinese_decimal():
    m = _one("完成三点五亿元融资")
    assert (m.text, m.value) == ("三点五亿元", Decimal(350000000))
    # an unsupported decimal must give nothing rather than the tail "五亿元"
    assert find_amounts("二三点五亿元") == []


def test_sentence_rejected_number_leaves_no_bare_unit():
    assert find_amounts("1" * 40 + "亿元") == []


def test_parse_money_bare_number_without_currency():
    m = parse_money("10亿")
    assert m is not None and m.currency is None and m.value == Decimal(10**9)
    assert find_amounts("10亿") == []


def test_parse_money_cny_stated():
    m = parse_money("5亿港元（约为4.6亿元人民币）")
    assert m is not None and m.cny_stated == Decimal(46 * 10**7)


def test_parse_money_rejects_non_str():
    assert parse_money(None) is None  # type: ignore[arg-type]
    assert parse_money("   ") is None


# ---------------------------------------------------------------- properties

PIECES = [
    "1", "2", "3", "5", "0", "10", "1.5", "1,855", "７", "一", "两", "十", "百", "千",
    "万", "亿", "千万", "万亿", "萬", "億", "元", "美元", "人民币", "港元", "$", "US$",
    "¥", "约", "超过", "近", "逾", "不超过", "数", "几", "上", "余", "多", "左右", "以上",
    "起", "-", "至", "～", "(", "（", ")", "）", "约合", "，", "。", "%", "年", "家", " ",
    "M", "billion", "B", "的", "融资", "过", "亿元", "万元",
]


def _check_invariants(s: str) -> None:
    for m in find_amounts(s):
        assert m.text == s[m.start:m.end]
        assert 0 <= m.start < m.end <= len(s)
        assert m.value >= 0
        if m.value_max is not None:
            assert m.value_max >= m.value
            assert m.qualifier == "range"
        assert m.qualifier in {"exact", "approx", "at_least", "at_most", "range"}
        assert m.currency is None or len(m.currency) == 3
    found = find_amounts(s)
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_on_arbitrary_text(s):
    _check_invariants(s)
    parse_money(s)
    parse_number(s)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_never_raises_on_money_like_mixtures(s):
    _check_invariants(s)
    m = parse_money(s)
    if m is not None:
        assert m.value >= 0
        assert m.text == s.strip()
        if m.value_max is not None:
            assert m.value_max >= m.value
    n = parse_number(s)
    assert n is None or n >= 0


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=10**6))
def test_wan_yuan_exact(n):
    m = parse_money(f"{n}万元")
    assert m is not None
    assert m.value == n * 10000
    assert (m.currency, m.qualifier) == ("CNY", "exact")


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_comma_round_trip(n):
    m = parse_money(f"{n:,}元")
    assert m is not None and m.value == n
    assert parse_number(f"{n:,}") == n
    found = find_amounts(f"融资金额为{n:,}美元。")
    assert len(found) == 1 and found[0].value == n and found[0].currency == "USD"
