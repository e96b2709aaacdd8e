"""The BI star: dim_* views and the flat bi_deals / bi_funding_stats, on the loaded samples."""
from click.testing import CliRunner

from etl.cli import cli
from tests.conftest import rows


def _types(url, view):
    return dict((r["attname"], r["t"]) for r in rows(url, """
        select a.attname, format_type(a.atttypid, a.atttypmod) as t from pg_attribute a
         where a.attrelid = cast(%s as regclass) and a.attnum > 0 and not a.attisdropped""", (view,)))


def test_bi_views_have_no_arrays_and_typed_measures(loaded_url):
    for view in ("bi_deals", "bi_funding_stats", "dim_city", "dim_province", "dim_sector", "dim_round"):
        types = _types(loaded_url, view)
        assert not [c for c, t in types.items() if t.endswith("[]")], view
    d = _types(loaded_url, "bi_deals")
    assert d["amount_cny"].startswith("numeric") and d["announced_on"] == "date" and d["n_investors"] == "integer"
    assert d["investors"] == "text" and d["year"] == d["quarter"] == d["stage_order"] == "integer"
    s = _types(loaded_url, "bi_funding_stats")
    assert s["value"].startswith("numeric") and s["value_cny"].startswith("numeric") and s["period_start"] == "date"


def test_bi_views_have_one_row_per_contract_row(loaded_url):
    one = lambda sql: rows(loaded_url, sql)[0]["n"]  # noqa: E731
    assert one("select count(*) n from bi_deals") == one("select count(*) n from v_deals") > 0
    assert one("select count(*) n from bi_funding_stats") == one("select count(*) n from v_funding_stats") > 0
    assert one("select count(*) n from bi_deals b join v_deals v using (deal_id) where b.amount_cny is distinct from v.amount_cny"
               " or b.city is distinct from v.city or b.sector is distinct from v.sector or b.round is distinct from v.round"
               " or b.n_investors <> cardinality(v.investors)"
               " or b.investors is distinct from nullif(array_to_string(v.investors, ', '), '')") == 0


def test_deal_attributes(loaded_url):
    d = rows(loaded_url, "select * from bi_deals where company = '智谱'")[0]
    assert (d["round"], d["stage_order"], d["year"], d["half"], d["quarter"], d["month"]) == ("战略投资", 150, 2025, 2, 3, 7)
    assert (d["period_grain"], d["period_label"], d["city"], d["province"], d["macro_region"]) == ("month", "2025-07", "上海", "上海", "东部")
    assert d["investors"] == "浦东创投集团, 张江集团" and d["n_investors"] == 2
    assert d["longitude"] is not None and d["latitude"] is not None
    # no announcement date: dated by the report's covered period (2025H1), so year and half but no quarter
    d = rows(loaded_url, "select * from bi_deals where company = '杉川谐波'")[0]
    assert (d["year"], d["half"], d["quarter"], d["month"], d["period_label"]) == (2025, 1, None, None, "2025H1")
    assert (d["sector"], d["top_sector"], d["province"], d["macro_region"]) == ("机器人", "机器人", "广东", "东部")
    d = rows(loaded_url, "select * from bi_deals where company = '傲势科技'")[0]
    assert (d["city"], d["province"], d["macro_region"], d["sector"], d["parent_sector"]) == ("成都", "四川", "西部", "无人机", "航空航天")


def test_stat_attributes(loaded_url):
    s = rows(loaded_url, "select * from bi_funding_stats where geo_name = '美国' and metric = 'amount'")[0]
    assert (s["period_label"], s["period_grain"], s["year"], s["half"], s["quarter"], s["month"]) == ("2025-11", "month", 2025, 2, 4, 11)
    assert (s["sector"], s["parent_sector"], s["top_sector"], s["country"]) == ("AIGC", "人工智能", "人工智能", "美国")
    labels = {r["period_label"]: r["period_grain"] for r in rows(loaded_url, "select distinct period_label, period_grain from bi_funding_stats")}
    assert labels["2025H1"] == "half" and labels["2024"] == "year" and labels["2025Q1"] == "quarter"
    s = rows(loaded_url, "select * from bi_funding_stats where geo_level = 'city' and geo_name = '苏州' and metric = 'deal_count' and sector is null")[0]
    assert (s["province"], s["macro_region"], s["value"]) == ("江苏", "东部", 309)


def test_dimensions(loaded_url):
    c = rows(loaded_url, "select * from dim_city where city = '深圳'")[0]
    assert (c["province"], c["macro_region"], c["level"]) == ("广东", "东部", "prefecture")
    assert "粤港澳大湾区" in c["economic_zones"] and 113 < c["longitude"] < 115 and 22 < c["latitude"] < 23
    assert rows(loaded_url, "select count(*) n from dim_city")[0]["n"] == rows(loaded_url, "select count(*) n from city")[0]["n"]
    s = rows(loaded_url, "select * from dim_sector where sector = '人形机器人'")[0]
    assert (s["parent_sector"], s["top_sector"], s["sector_depth"]) == ("机器人", "机器人", 2)
    assert rows(loaded_url, "select count(*) n from dim_sector")[0]["n"] == rows(loaded_url, "select count(*) n from sector")[0]["n"]
    r = {x["round"]: x["stage_order"] for x in rows(loaded_url, "select * from dim_round")}
    assert r["种子轮"] < r["A轮"] < r["B轮"] < r["D轮"] < r["IPO"]
    p = rows(loaded_url, "select * from dim_province where province = '江苏'")[0]
    assert p["macro_region"] == "东部" and "长三角" in p["economic_zones"]


def test_a_macro_region_figure_has_its_macro_region(empty_url, tmp_path):
    f = tmp_path / "west.txt"
    f.write_text("2025年上半年，西部地区共发生300起投融资事件。\n", encoding="utf-8")
    assert CliRunner().invoke(cli, ["load", str(f), "--database-url", empty_url, "-q"]).exit_code == 0
    s = rows(empty_url, "select * from bi_funding_stats")
    assert [(x["geo_level"], x["region"], x["macro_region"], x["province"], x["period_label"], x["value"]) for x in s] == [
        ("region", "西部", "西部", None, "2025H1", 300)]
