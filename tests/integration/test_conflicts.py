"""Cross-source consistency: v_stat_conflicts (one figure, different values) and v_deal_sources
(one deal, several reports), on small documents written for the test and loaded with the CLI."""
from click.testing import CliRunner

from etl.cli import cli
from tests.conftest import rows

STATS = {
    "a.txt": "2025年上半年，全国共发生4172起投融资事件。\n",
    "b.txt": "2025年上半年，全国共发生4200起投融资事件。\n",   # 0.67% above a: a conflict
    "c.txt": "2025年上半年，全国共发生4190起投融资事件。\n",   # within 0.5% of both a and b
    "d.txt": "2025年第一季度，全国共发生4200起投融资事件。\n",  # another period: not the same figure
}
NEWS = {
    "n1.txt": "深圳消息，2025年3月12日，扫地机器人企业云鲸智能宣布完成2亿元B轮融资，由红杉中国领投。\n",
    "n2.txt": "2025年4月8日消息，云鲸智能科技有限公司宣布完成2亿元人民币B轮融资，投资方为红杉中国、高瓴创投。\n",  # same amount
    "n5.txt": "2025年3月20日，云鲸智能（深圳）有限公司完成B轮融资，由红杉中国领投。\n",  # no amount, same month as n1
    "n7.txt": "2025年6月，云鲸智能获2.01亿元B轮融资。\n",       # amount within 1% of n1/n2
    "n3.txt": "2025年3月，云鲸智能完成5亿元C轮融资。\n",         # another round
    "n4.txt": "2025年3月，石头科技完成2亿元B轮融资。\n",         # another company
    "n6.txt": "2025年5月，云鲸智能获2.1亿元B轮融资。\n",         # 5% apart, another month
}


def load(url, folder, files):
    folder.mkdir(exist_ok=True)
    for name, body in files.items():
        (folder / name).write_text(body, encoding="utf-8")
    res = CliRunner().invoke(cli, ["load", str(folder), "--database-url", url, "-q"])
    assert res.exit_code == 0, res.output
    return folder


def test_stat_conflicts(empty_url, tmp_path):
    folder = load(empty_url, tmp_path / "stats", STATS)
    got = rows(empty_url, "select * from v_stat_conflicts")
    assert len(got) == 1, got
    c = got[0]
    assert (c["source_name_a"], c["source_name_b"]) == ("a.txt", "b.txt")
    assert (c["value_a"], c["value_b"]) == (4172, 4200)
    assert (c["geo_name"], c["metric"], str(c["period_start"]), str(c["period_end"])) == ("中国", "deal_count", "2025-01-01", "2025-06-30")
    assert c["doc_id_a"] < c["doc_id_b"] and float(c["diff_pct"]) == 0.67
    assert "4172起" in c["evidence_a"] and "4200起" in c["evidence_b"]

    # a corrected b.txt (within 0.5% of a and c): the superseded version's figure leaves the view
    load(empty_url, folder, {"b.txt": "2025年上半年，全国共发生4180起投融资事件。\n"})
    assert rows(empty_url, "select * from v_stat_conflicts") == []
    assert rows(empty_url, "select count(*) as n from source_doc where not is_current")[0]["n"] == 1


def test_deal_sources(empty_url, tmp_path):
    load(empty_url, tmp_path / "news", NEWS)
    got = rows(empty_url, "select * from v_deal_sources")
    assert len(got) == 1, got
    g = got[0]
    assert g["source_names"] == "n1.txt, n2.txt, n5.txt, n7.txt"
    assert (g["n_documents"], g["n_deals"], g["round"]) == (4, 4, "B轮")
    assert g["group_id"] == min(g["deal_ids"])
    assert g["company"] in ("云鲸智能", "云鲸智能科技", "云鲸智能(深圳)")
    assert (g["min_amount_cny"], g["max_amount_cny"]) == (200000000, 201000000)
    assert (str(g["first_announced_on"]), str(g["last_announced_on"])) == ("2025-03-12", "2025-06-01")
    assert g["evidence"].count(" | ") == 3
    deals = {r["deal_id"]: r["doc_id"] for r in rows(empty_url, "select deal_id, doc_id from v_deals")}
    assert sorted(deals[d] for d in g["deal_ids"]) == g["doc_ids"]


def test_samples_have_no_conflicts(loaded_url):
    assert rows(loaded_url, "select * from v_stat_conflicts") == []
    assert rows(loaded_url, "select * from v_deal_sources") == []
