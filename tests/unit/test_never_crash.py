"""Extraction never crashes on text, and evidence is always a verbatim slice."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.extract import extract
from etl.read import ReadError, read_text

PIECES = ["北京", "上海", "深圳", "全国", "全球", "海外", "苏州", "江苏", "获", "完成", "宣布完成", "融资", "亿元", "万美元",
          "约", "超", "近", "数", "1.5", "2,000", "3", "起", "笔", "A轮", "B轮及以后", "天使轮", "领投", "跟投", "由",
          "分别", "、", "，", "。", "；", ":", "(", ")", "第", "名", "位居", "榜首", "依次为", "上榜", "个", "座城市",
          "同比增长", "%", "占比", "2025年", "上半年", "11月", "截至", "收购", "对", "进行", "战略投资", "人工智能", "机器人",
          "\n", "国外:", "仅次于", "并列", "均为", "拟", "估值"]


def check(text):
    try:
        doc = read_text(text)
    except ReadError:
        return
    ex = extract(doc)
    for f in ex.deals + ex.stats + ex.rankings:
        assert doc.text[f.evidence_start:f.evidence_end] == f.evidence
        assert len(f.evidence) <= 400


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
def test_funding_vocabulary_mixtures(text):
    check(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_unicode(text):
    check(text)
