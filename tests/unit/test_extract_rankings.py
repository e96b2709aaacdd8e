"""Ranking rules on inline examples (written for the tests)."""
from decimal import Decimal

from etl.extract import extract
from etl.read import read_text


def ranks(text):
    return [(r.entity_name, r.rank, r.value) for r in extract(read_text(text)).rankings]


def test_yici_list():
    got = ranks("排名榜单前五的科创城市依次为：深圳、北京、杭州、上海、香港。")
    assert got == [("深圳", 1, None), ("北京", 2, None), ("杭州", 3, None), ("上海", 4, None), ("香港", 5, None)]


def test_list_stops_at_comma_and_members_have_no_rank():
    got = ranks("《2023城市创新投资竞争力排行榜》发布。榜单前五名依次为：北京、上海、深圳、杭州、苏州，成都、武汉、西安也均上榜。")
    assert got[:5] == [("北京", 1, None), ("上海", 2, None), ("深圳", 3, None), ("杭州", 4, None), ("苏州", 5, None)]
    assert ("成都", None, None) in got and ("西安", None, None) in got


def test_first_claim_with_value_and_sector():
    r = extract(read_text("深圳在机器人行业以48起投融资事件拿下桂冠。")).rankings
    assert [(x.entity_name, x.rank, x.value, x.sector) for x in r] == [("深圳", 1, Decimal(48), "机器人")]


def test_second_only_to():
    got = ranks("2025上半年深圳先进制造业融资数量以87起仅次于北京91起。")
    assert ("北京", 1, Decimal(91)) in got and ("深圳", 2, Decimal(87)) in got


def test_nth_place_with_entries_before_it():
    got = ranks("融资事件中，北京(520起)、上海(500起)、深圳(402起)超第四名的苏州(309起)近百起。")
    assert got == [("苏州", 4, Decimal(309)), ("北京", 1, Decimal(520)), ("上海", 2, Decimal(500)), ("深圳", 3, Decimal(402))]


def test_province_counts():
    r = extract(read_text("江苏以11座城市上榜位居榜首。山东上榜8个，福建上榜6个。贵州、海南、黑龙江等省份则各有2座城市上榜。")).rankings
    got = {(x.entity_name, x.entity_level, x.value, x.basis) for x in r}
    assert ("江苏", "province", Decimal(11), "listed_city_count") in got
    assert ("山东", "province", Decimal(8), "listed_city_count") in got
    assert ("黑龙江", "province", Decimal(2), "listed_city_count") in got
    assert next(x.rank for x in r if x.entity_name == "江苏") == 1


def test_tie_and_split_ranks():
    got = ranks("按融资事件数量计，北京以1108起位居榜首，上海位居第二，深圳与杭州均为612起，并列第三，合肥位列第五。")
    assert ("北京", 1, Decimal(1108)) in got and ("上海", 2, None) in got
    assert ("深圳", 3, Decimal(612)) in got and ("杭州", 3, Decimal(612)) in got and ("合肥", 5, None) in got
    got = ranks("人工智能投融资事件的省级分布中，广东(158起)排名第三，四川(41起)和湖北(37起)分列第四、第五。")
    assert ("四川", 4, Decimal(41)) in got and ("湖北", 5, Decimal(37)) in got and ("湖北", 4, None) not in got


def test_sector_ordinal_is_not_a_place_ranking():
    assert ranks("2019年香港初創企業共錄得融資交易236宗。其中生物醫藥則以42宗位居各行業第二。") == []


def test_company_name_containing_a_city_is_not_a_place():
    assert ranks("近日，宁德时代旗下投资平台问鼎投资对东莞企业晶砺新能进行战略投资。") == []


def test_html_table_rows_are_rankings_and_stats():
    from etl.read import read_bytes

    html = ("<html><body><h1>2025年上半年城市投融资排行</h1><table><tr><th>排名</th><th>城市</th><th>融资事件数（起）</th>"
            "<th>融资金额（亿元）</th></tr><tr><td>1</td><td>北京</td><td>520</td><td>217</td></tr>"
            "<tr><td>2</td><td>上海</td><td>500</td><td>190.5</td></tr></table></body></html>")
    doc = read_bytes(html.encode())
    ex = extract(doc)
    assert [(r.entity_name, r.rank, r.value, r.basis) for r in ex.rankings] == [("北京", 1, 520, "deal_count"), ("上海", 2, 500, "deal_count")]
    got = {(s.geo_name, s.metric, s.value, s.currency) for s in ex.stats}
    assert ("北京", "amount", Decimal("21700000000"), "CNY") in got and ("上海", "deal_count", 500, None) in got
    assert all(doc.text[r.evidence_start:r.evidence_end] == r.evidence for r in ex.rankings)


def test_markdown_table_of_investors():
    text = "2024年最活跃投资机构\n| 排名 | 投资机构 | 投资事件数 |\n|---|---|---|\n| 1 | 红杉中国 | 120 |\n| 2 | 深创投 | 98 |\n"
    got = [(r.entity_level, r.entity_name, r.rank, r.value) for r in extract(read_text(text)).rankings]
    assert got == [("investor", "红杉中国", 1, 120), ("investor", "深创投", 2, 98)]


def test_numbered_lines():
    text = "2025年上半年城市投融资TOP5\n1. 北京：融资事件520起\n2. 上海：融资事件500起\n3. 深圳：融资事件402起\n"
    got = ranks(text)
    assert got == [("北京", 1, Decimal(520)), ("上海", 2, Decimal(500)), ("深圳", 3, Decimal(402))]
    # numbered headings that are not a list of places stay headings
    assert ranks("1.北京:人工智能资本密集\n北京在人工智能产业发展迅速。\n2.上海:生物医药领先\n上海生物医药发展迅速。") == []


def test_space_separated_table_from_a_pdf():
    text = ("2024年城市创投活跃度排名\n排名　城市　融资事件数（起）\n1　北京　1108\n2　上海　986\n"
            "本报告数据来源于公开信息，  仅供参考。")
    got = [(r.entity_name, r.rank, r.value) for r in extract(read_text(text)).rankings]
    assert got == [("北京", 1, 1108), ("上海", 2, 986)]
