"""Place boundaries and document metadata."""
import datetime as dt

from etl.extract.document import extract_document
from etl.normalize.places import find_places
from etl.read import read_text


def names(s):
    return [(h.value.level, h.value.name) for h in find_places(s)]


def test_university_and_district_are_not_cities():
    assert names("中山大学与西安交通大学的团队") == []
    assert names("北京朝阳区") == [("city", "北京")]


def test_word_boundary_by_segmentation():
    assert ("city", "成都") not in names("八成都是高新技术企业")
    assert names("成都先进制造业") == [("city", "成都")]


def test_similar_names_both_real():
    assert names("台州和泰州") == [("city", "台州"), ("city", "泰州")]


def test_scopes_and_traditional_forms():
    assert names("全国") == [("country", "中国")]
    assert names("海外市场") == [("overseas", "海外")]
    assert names("台北、新竹") == [("city", "台北"), ("city", "新竹")]


def test_groups():
    assert names("前50名城市") == [("group", "Top50城市")]
    assert names("TOP 20城市") == [("group", "Top20城市")]


def meta(text):
    return extract_document(read_text(text))


def test_report_title_publisher_and_data_source():
    m = meta("2025年上半年资本角逐尘埃落定。某某研究院依托某某数据库，重磅推出《2025年上半年投融资Top50城市榜单》，剖析数据。")
    assert m.title == "2025年上半年投融资Top50城市榜单"
    assert m.publisher == "某某研究院" and m.data_source == "某某数据库"
    assert (m.period_start, m.period_end) == (dt.date(2025, 1, 1), dt.date(2025, 6, 30))


def test_report_fields():
    m = meta("报告要素\n报告标题:2025年11月全球AIGC投融资报告\n发布机构:某产研 & 某数据\n数据周期:截至2025年11月30日\n")
    assert m.title == "2025年11月全球AIGC投融资报告" and m.publisher == "某产研 & 某数据"
    assert (m.period_start, m.period_end) == (dt.date(2025, 11, 1), dt.date(2025, 11, 30))
    assert m.scope_geo == "全球" and m.scope_sector == "AIGC"


def test_source_line_publisher_simplified_and_edition_year_is_no_period():
    m = meta("文 / 某作者\n來源 / 節點財經\n正文。")
    assert m.publisher == "节点财经"
    m = meta("8月28日，某国际品牌研究院独家编制的2025年度中国科创城市100强榜单在首届大会上全球首发。\n2025年度中国科创城市100强解读报告\n")
    assert m.publisher == "某国际品牌研究院" and m.published_on == dt.date(2025, 8, 28)
    assert m.period_start is None and m.period_end is None


def test_dateline():
    m = meta("财联社2026年3月5日电，某公司宣布完成融资。")
    assert m.published_on == dt.date(2026, 3, 5) and m.publisher == "财联社"


def test_unknown_phrases_are_reported_not_dropped():
    from etl.extract import extract

    ex = extract(read_text("据统计，在殡葬服务赛道融资活跃，某公司获G轮融资5000万元。"))
    kinds = {(w.kind, w.phrase) for w in ex.warnings}
    assert ("unknown_round", "G轮") in kinds
    assert ("unknown_sector", "殡葬服务赛道融资") in kinds


def test_web_page_fields():
    m = meta("某AI公司完成新一轮融资\n发布时间：2025-11-26 10:23\n本文来源：36氪\n正文第一段。")
    assert m.title == "某AI公司完成新一轮融资" and m.publisher == "36氪" and m.published_on == dt.date(2025, 11, 26)
