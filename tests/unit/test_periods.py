"""Tests for etl.normalize.periods."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.normalize.periods import Period, find_dates, find_periods

D = date


def _one(s: str, ref_year=None, ref_month=None) -> Period:
    found = find_periods(s, ref_year=ref_year, ref_month=ref_month)
    assert len(found) == 1, found
    return found[0]


CASES = [
    # (text, ref_year, kind, start, end, span text)
    ("2025年", None, "year", D(2025, 1, 1), D(2025, 12, 31), "2025年"),
    ("2024全年", None, "year", D(2024, 1, 1), D(2024, 12, 31), "2024全年"),
    ("2025年度", None, "year", D(2025, 1, 1), D(2025, 12, 31), "2025年度"),
    ("今年", 2025, "year", D(2025, 1, 1), D(2025, 12, 31), "今年"),
    ("去年", 2025, "year", D(2024, 1, 1), D(2024, 12, 31), "去年"),
    ("2025年上半年", None, "half", D(2025, 1, 1), D(2025, 6, 30), "2025年上半年"),
    ("2025上半年", None, "half", D(2025, 1, 1), D(2025, 6, 30), "2025上半年"),
    ("25年上半年", None, "half", D(2025, 1, 1), D(2025, 6, 30), "25年上半年"),
    ("上半年", 2025, "half", D(2025, 1, 1), D(2025, 6, 30), "上半年"),
    ("下半年", 2024, "half", D(2024, 7, 1), D(2024, 12, 31), "下半年"),
    ("2025年下半年", None, "half", D(2025, 7, 1), D(2025, 12, 31), "2025年下半年"),
    ("2025H1", None, "half", D(2025, 1, 1), D(2025, 6, 30), "2025H1"),
    ("2025年1至6月", None, "months", D(2025, 1, 1), D(2025, 6, 30), "2025年1至6月"),
    ("2025年1月至6月", None, "months", D(2025, 1, 1), D(2025, 6, 30), "2025年1月至6月"),
    ("2025年1-6月", None, "months", D(2025, 1, 1), D(2025, 6, 30), "2025年1-6月"),
    ("1—6月", 2025, "months", D(2025, 1, 1), D(2025, 6, 30), "1—6月"),
    ("2024年11月至2025年2月", None, "months", D(2024, 11, 1), D(2025, 2, 28), "2024年11月至2025年2月"),
    ("2025年第一季度", None, "quarter", D(2025, 1, 1), D(2025, 3, 31), "2025年第一季度"),
    ("一季度", 2025, "quarter", D(2025, 1, 1), D(2025, 3, 31), "一季度"),
    ("2025Q1", None, "quarter", D(2025, 1, 1), D(2025, 3, 31), "2025Q1"),
    ("Q1", 2025, "quarter", D(2025, 1, 1), D(2025, 3, 31), "Q1"),
    ("第二季度", 2025, "quarter", D(2025, 4, 1), D(2025, 6, 30), "第二季度"),
    ("2025年第四季度", None, "quarter", D(2025, 10, 1), D(2025, 12, 31), "2025年第四季度"),
    ("前三季度", 2025, "quarter", D(2025, 1, 1), D(2025, 9, 30), "前三季度"),
    ("25年第一季度", None, "quarter", D(2025, 1, 1), D(2025, 3, 31), "25年第一季度"),
    ("2025年11月", None, "month", D(2025, 11, 1), D(2025, 11, 30), "2025年11月"),
    ("11月", 2025, "month", D(2025, 11, 1), D(2025, 11, 30), "11月"),
    ("2月", 2024, "month", D(2024, 2, 1), D(2024, 2, 29), "2月"),
    ("25年4月", None, "month", D(2025, 4, 1), D(2025, 4, 30), "25年4月"),
    ("2025年11月份", None, "month", D(2025, 11, 1), D(2025, 11, 30), "2025年11月份"),
    ("前8个月", 2025, "ytd", D(2025, 1, 1), D(2025, 8, 31), "前8个月"),
    ("2024年前8个月", None, "ytd", D(2024, 1, 1), D(2024, 8, 31), "2024年前8个月"),
    ("今年前10个月", 2025, "ytd", D(2025, 1, 1), D(2025, 10, 31), "今年前10个月"),
    ("前十个月", 2023, "ytd", D(2023, 1, 1), D(2023, 10, 31), "前十个月"),
    ("截至2025年11月30日", None, "as_of", None, D(2025, 11, 30), "截至2025年11月30日"),
    ("截至2025年6月", None, "as_of", None, D(2025, 6, 30), "截至2025年6月"),
    ("截至2024年底", None, "as_of", None, D(2024, 12, 31), "截至2024年底"),
    ("2024年1月1日—8月27日", None, "range", D(2024, 1, 1), D(2024, 8, 27), "2024年1月1日—8月27日"),
    ("2024年1月1日至8月27日", None, "range", D(2024, 1, 1), D(2024, 8, 27), "2024年1月1日至8月27日"),
    ("自2014年以来", None, "range", D(2014, 1, 1), None, "自2014年以来"),
    ("2022—2024年", None, "range", D(2022, 1, 1), D(2024, 12, 31), "2022—2024年"),
    ("2022年到2024年", None, "range", D(2022, 1, 1), D(2024, 12, 31), "2022年到2024年"),
    ("从2022年到2024年", None, "range", D(2022, 1, 1), D(2024, 12, 31), "从2022年到2024年"),
    ("2025年11月20日", None, "day", D(2025, 11, 20), D(2025, 11, 20), "2025年11月20日"),
    ("2025-08-28", None, "day", D(2025, 8, 28), D(2025, 8, 28), "2025-08-28"),
    ("24年同期", None, "year", D(2024, 1, 1), D(2024, 12, 31), "24年"),
    ("２０２５年上半年", None, "half", D(2025, 1, 1), D(2025, 6, 30), "２０２５年上半年"),
    ("2024年下半年", None, "half", D(2024, 7, 1), D(2024, 12, 31), "2024年下半年"),
    ("今年以来", 2025, "ytd", D(2025, 1, 1), None, "今年以来"),
    ("2024年Q1至Q3", None, "quarter", D(2024, 1, 1), D(2024, 9, 30), "2024年Q1至Q3"),
    ("2025年一至三季度", None, "quarter", D(2025, 1, 1), D(2025, 9, 30), "2025年一至三季度"),
    ("去年四季度", 2025, "quarter", D(2024, 10, 1), D(2024, 12, 31), "去年四季度"),
    ("一月至三月", 2025, "months", D(2025, 1, 1), D(2025, 3, 31), "一月至三月"),
    ("截至11月底", 2025, "as_of", None, D(2025, 11, 30), "截至11月底"),
    ("7月1日—15日", 2025, "range", D(2025, 7, 1), D(2025, 7, 15), "7月1日—15日"),
]


@pytest.mark.parametrize("text,ref,kind,start,end,span", CASES, ids=[c[0] for c in CASES])
def test_phrase(text, ref, kind, start, end, span):
    p = _one(text, ref_year=ref)
    assert (p.kind, p.period_start, p.period_end, p.text) == (kind, start, end, span)
    assert text[p.start:p.end] == p.text


@pytest.mark.parametrize("text", ["10年前", "连续四年", "5年", "连续11年", "6年", "1989年", "2100年",
                                  "第3名", "297起", "53.46%", "20万家"])
def test_not_periods(text):
    assert [p for p in find_periods(text, ref_year=2025) if p.kind != "relative"] == []


def test_relative_has_no_dates():
    for p in find_periods("近10年，投资数量持续增长", ref_year=2025):
        assert p.period_start is None and p.period_end is None


def test_half_without_ref_year_has_no_dates():
    p = _one("上半年")
    assert p.kind == "half" and p.period_start is None and p.period_end is None


def test_sentence_mix():
    s = "2025年上半年，全国共发生297起融资事件；截至2025年11月30日，累计披露金额超1万亿元。"
    found = find_periods(s)
    assert [(p.kind, p.text) for p in found] == [("half", "2025年上半年"), ("as_of", "截至2025年11月30日")]


def test_sentence_two_digit_year_guard():
    s = "近10年来，该机构连续11年获评最佳投资机构，25年上半年投资额同比增长"
    kinds = [(p.kind, p.text) for p in find_periods(s)]
    assert ("half", "25年上半年") in kinds
    assert all(k != "year" for k, _ in kinds)


def test_ref_month_rolls_back_year():
    # a January report that mentions 12月 means the previous December
    p = _one("12月", ref_year=2025, ref_month=1)
    assert p.period_start == D(2024, 12, 1)


def test_cn_month_inside_word_is_not_a_month():
    assert find_periods("统一月度口径", ref_year=2025) == []


def test_invalid_day_is_skipped():
    assert [p for p in find_periods("2025年2月30日") if p.kind == "day"] == []


# ---------------------------------------------------------------- find_dates

def test_find_dates():
    s = "2025年11月20日发布；7月2日完成；2025年4月；25年4月；2025-08-28；2025/8/28；2025.8.28"
    got = [(d, prec, s[a:b]) for a, b, d, prec in find_dates(s, ref_year=2025)]
    assert got == [
        (D(2025, 11, 20), "day", "2025年11月20日"),
        (D(2025, 7, 2), "day", "7月2日"),
        (D(2025, 4, 1), "month", "2025年4月"),
        (D(2025, 4, 1), "month", "25年4月"),
        (D(2025, 8, 28), "day", "2025-08-28"),
        (D(2025, 8, 28), "day", "2025/8/28"),
        (D(2025, 8, 28), "day", "2025.8.28"),
    ]


def test_find_dates_year_precision_and_no_ref():
    got = find_dates("2024年融资回暖，7月2日完成交割")
    assert [(d, p) for _, _, d, p in got] == [(D(2024, 1, 1), "year")]


def test_find_dates_decimal_is_not_date():
    assert find_dates("同比增长2025.8%") == [] or all(p != "day" for *_, p in find_dates("同比增长2025.8%"))


# ---------------------------------------------------------------- properties

PIECES = ["2025", "2024", "25", "1", "6", "11", "30", "年", "月", "日", "上半年", "下半年", "第",
          "一", "季度", "Q", "Q1", "前", "个月", "至", "-", "—", "截至", "自", "以来", "从", "到",
          "全年", "今年", "近", "10", "年前", "号", "/", ".", " ", "，", "H1", "份", "底"]


def _check(s, ref_year, ref_month):
    found = find_periods(s, ref_year=ref_year, ref_month=ref_month)
    for p in found:
        assert p.text == s[p.start:p.end]
        assert 0 <= p.start < p.end <= len(s)
        if p.period_start is not None and p.period_end is not None:
            assert p.period_start <= p.period_end
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start
    for a, b, d, prec in find_dates(s, ref_year=ref_year):
        assert 0 <= a < b <= len(s)
        assert isinstance(d, date) and prec in {"day", "month", "year"}


@settings(max_examples=300, deadline=None)
@given(st.text(), st.one_of(st.none(), st.integers(1990, 2099)), st.one_of(st.none(), st.integers(1, 12)))
def test_never_raises(s, ref_year, ref_month):
    _check(s, ref_year, ref_month)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=10).map("".join),
       st.one_of(st.none(), st.integers(1990, 2099)), st.one_of(st.none(), st.integers(1, 12)))
def test_never_raises_on_date_like(s, ref_year, ref_month):
    _check(s, ref_year, ref_month)


@settings(max_examples=50, deadline=None)
@given(st.integers(-10**6, 10**6), st.integers(-100, 100))
def test_odd_reference_values_do_not_raise(ref_year, ref_month):
    _check("上半年11月前8个月Q1今年", ref_year, ref_month)
