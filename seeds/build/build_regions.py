#!/usr/bin/env python3
"""Generate seeds/reference/regions.csv and seeds/reference/region_members.csv.

Reads provinces.csv, cities.csv and countries.csv (run build_places.py and
build_countries.py first) so that every member code exists.

Membership sources:
* 长三角 (yrd): 上海, 江苏, 浙江, 安徽 — 《长江三角洲区域一体化发展规划纲要》(2019) full scope.
* 珠三角 (prd): the 9 Guangdong cities of the Pearl River Delta.
* 粤港澳大湾区 (gba): the 9 cities + Hong Kong + Macau — 《粤港澳大湾区发展规划纲要》(2019).
* 京津冀 (jjj): 北京, 天津, 河北.
* 成渝 (chengyu): 重庆 (whole municipality) + the 15 Sichuan cities of
  《成渝地区双城经济圈建设规划纲要》(2021) (a few counties of 绵阳/达州/雅安 are
  outside the plan; the whole city is listed here).
* 东部/中部/西部/东北/港澳台: macro_region column of provinces.csv (NBS four-region division).
* Continents: jionlp world_location.txt continents, with 北美 = US + CA only and
  Central America/Caribbean + South America grouped as 拉美.
Kinds: economic_zone, macro_region, continent (continents and other world
regions such as 东南亚, 中东, 拉美).  全球 and 海外 are not regions: CONTRACT.md makes them
geo levels of their own (world, overseas) and etl/lexicon.py treats them as scope words.

Usage:  .venv/bin/python seeds/build/build_regions.py
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import check_unique_surface_forms, dedupe, join_aliases, read_csv, traditional_forms, write_csv  # noqa: E402

# code, name, kind, name_en, extra aliases (simplified or traditional; OpenCC variants are added)
REGIONS = [
    ("yrd", "长三角", "economic_zone", "Yangtze River Delta", ["长江三角洲", "长三角地区", "长三角区域", "长江三角洲地区"]),
    ("prd", "珠三角", "economic_zone", "Pearl River Delta", ["珠江三角洲", "珠三角地区", "珠江三角洲地区"]),
    ("jjj", "京津冀", "economic_zone", "Beijing-Tianjin-Hebei", ["京津冀地区", "京津冀区域"]),
    ("chengyu", "成渝", "economic_zone", "Chengdu-Chongqing Economic Circle", ["成渝地区双城经济圈", "成渝双城经济圈", "成渝经济圈", "成渝地区"]),
    ("gba", "粤港澳大湾区", "economic_zone", "Guangdong-Hong Kong-Macao Greater Bay Area", ["大湾区", "粤港澳"]),
    ("eu", "欧盟", "economic_zone", "European Union", ["欧洲联盟"]),
    ("asean", "东盟", "economic_zone", "ASEAN", ["东南亚国家联盟"]),
    ("east", "东部", "macro_region", "Eastern China", ["东部地区"]),
    ("central", "中部", "macro_region", "Central China", ["中部地区"]),
    ("central_west", "中西部", "macro_region", "Central and Western China", ["中西部地区"]),
    ("west", "西部", "macro_region", "Western China", ["西部地区"]),
    ("northeast", "东北", "macro_region", "Northeast China", ["东北地区", "东北三省"]),
    ("hmt", "港澳台", "macro_region", "Hong Kong, Macau and Taiwan", ["港澳台地区"]),
    ("asia", "亚洲", "continent", "Asia", ["亚洲地区"]),
    ("europe", "欧洲", "continent", "Europe", []),
    ("africa", "非洲", "continent", "Africa", []),
    ("oceania", "大洋洲", "continent", "Oceania", ["大洋州"]),
    ("north_america", "北美", "continent", "North America (US and Canada)", ["北美洲", "北美地区"]),
    ("latin_america", "拉美", "continent", "Latin America and the Caribbean", ["拉丁美洲", "拉美地区"]),
    ("south_america", "南美", "continent", "South America", ["南美洲"]),
    ("southeast_asia", "东南亚", "continent", "Southeast Asia", ["东南亚地区"]),
    ("middle_east", "中东", "continent", "Middle East", ["中东地区"]),
]

PRD_CITIES = ["广州", "深圳", "珠海", "佛山", "惠州", "东莞", "中山", "江门", "肇庆"]
CHENGYU_CITIES = ["成都", "自贡", "泸州", "德阳", "绵阳", "遂宁", "内江", "乐山", "南充", "眉山", "宜宾", "广安", "达州", "雅安", "资阳"]
EU = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()
# ASEAN: Timor-Leste admitted as 11th member in October 2025.
ASEAN = "BN KH ID LA MY MM PH SG TH VN TL".split()
SOUTHEAST_ASIA = "BN KH ID LA MY MM PH SG TH VN TL".split()
MIDDLE_EAST = "AE BH EG IL IQ IR JO KW LB OM PS QA SA SY TR YE".split()
SOUTH_AMERICA = "AR BO BR CL CO EC GY PE PY SR UY VE".split()
NORTH_AMERICA = ["US", "CA"]
# jionlp puts Cyprus in Asia; it is an EU member and is listed in Europe here.
CONTINENT_OVERRIDE = {"CY": "europe"}


def main() -> None:
    import build_countries

    provinces = read_csv("provinces.csv")
    cities = read_csv("cities.csv")
    countries = read_csv("countries.csv")
    city_by_short = {c["short_name"]: c for c in cities}
    prov_by_short = {p["short_name"]: p for p in provinces}
    country_codes = {c["country_code"] for c in countries}
    _, continent_of = build_countries.build()
    for k, v in CONTINENT_OVERRIDE.items():
        continent_of[k] = v

    members: list[tuple[str, str, str]] = []

    def prov(region, *shorts):
        for s in shorts:
            members.append((region, "province", prov_by_short[s]["province_code"]))

    def city(region, shorts, province=None):
        for s in shorts:
            c = city_by_short[s]
            if province:
                assert c["province_code"] == prov_by_short[province]["province_code"], s
            members.append((region, "city", c["city_code"]))

    def country(region, codes):
        for c in codes:
            assert c in country_codes, c
            members.append((region, "country", c))

    prov("yrd", "上海", "江苏", "浙江", "安徽")
    city("prd", PRD_CITIES, "广东")
    prov("jjj", "北京", "天津", "河北")
    prov("chengyu", "重庆")
    city("chengyu", CHENGYU_CITIES, "四川")
    city("gba", PRD_CITIES + ["香港", "澳门"])
    country("eu", EU)
    country("asean", ASEAN)
    macro = {"东部": "east", "中部": "central", "西部": "west", "东北": "northeast", "港澳台": "hmt"}
    for p in provinces:
        members.append((macro[p["macro_region"]], "province", p["province_code"]))
        if p["macro_region"] in ("中部", "西部"):
            members.append(("central_west", "province", p["province_code"]))
    for key in ("asia", "europe", "africa", "oceania"):
        country(key, sorted(c for c, k in continent_of.items() if k == key))
    country("north_america", NORTH_AMERICA)
    latin = sorted(c for c, k in continent_of.items() if k in ("north_america", "south_america") and c not in NORTH_AMERICA)
    country("latin_america", latin)
    country("south_america", SOUTH_AMERICA)
    assert set(SOUTH_AMERICA) == {c for c, k in continent_of.items() if k == "south_america"}
    country("southeast_asia", SOUTHEAST_ASIA)
    country("middle_east", MIDDLE_EAST)

    rows = []
    for code, name, kind, en, extra in REGIONS:
        forms = [name] + extra
        trad = [t for f in forms for t in traditional_forms(f, ("s2t", "s2tw", "s2hk"))]
        aliases = [a for a in dedupe(extra + trad) if a != name]
        rows.append({"region_code": code, "region_name": name, "region_kind": kind, "name_en": en, "aliases": join_aliases(aliases)})
    check_unique_surface_forms(rows, ["region_name"], "regions")
    # region names/aliases must not shadow a province/city/country surface form
    taken = {}
    for p in provinces:
        for f in [p["short_name"], p["province_name"]] + p["aliases"].split("|"):
            taken[f] = "province " + p["province_code"]
    for r in rows:
        for f in [r["region_name"]] + r["aliases"].split("|"):
            assert f not in taken, (f, taken.get(f))
    codes = {r["region_code"] for r in rows}
    assert len(set(members)) == len(members), "duplicate member"
    for m in members:
        assert m[0] in codes, m

    write_csv(
        "regions.csv",
        [
            "Named groupings of places used in venture reports: economic zones, China's NBS macro regions, continents/world regions.",
            "region_kind: economic_zone | macro_region (NBS 东部/中部/西部/东北 + 港澳台) | continent (continents and world regions such as",
            "东南亚, 中东, 拉美). 全球/海外 are not listed: they are geo levels of their own (world/overseas) in CONTRACT.md.",
            "The bare words 东部/西部/中部 are region names here and are not used as aliases of anything else.",
            "Source: project-curated from the published regional plans (licence: same as this repository); traditional aliases via",
            "OpenCC (s2t, s2tw, s2hk). Members in region_members.csv.",
            "Generated by seeds/build/build_regions.py.",
        ],
        ["region_code", "region_name", "region_kind", "name_en", "aliases"],
        [[r[k] for k in ("region_code", "region_name", "region_kind", "name_en", "aliases")] for r in rows],
    )
    order = {code: i for i, (code, *_rest) in enumerate(REGIONS)}
    members.sort(key=lambda m: (order[m[0]], m[1], m[2]))
    write_csv(
        "region_members.csv",
        [
            "Membership of regions.csv rows. member_kind: province (provinces.csv code), city (cities.csv code), country (ISO alpha-2).",
            "Source: project-curated (licence: same as this repository) from the plans named below and jionlp (Apache-2.0) continents.",
            "长三角 = 沪苏浙皖 (2019 plan, full scope); 珠三角 = 9 Guangdong cities; 粤港澳大湾区 = the 9 cities + 香港 + 澳门 (2019 plan);",
            "京津冀 = 京津冀; 成渝 = 重庆 + 15 Sichuan cities of the 2021 plan (whole cities, although a few counties are outside the plan).",
            "Macro regions from provinces.csv macro_region. Continents from jionlp world_location.txt, except Cyprus (Europe),",
            "北美 = US + CA only, 拉美 = Mexico, Central America, Caribbean and South America. Offshore territories (KY, VG, BM, PR) have no continent.",
            "东盟 includes Timor-Leste (admitted October 2025). 中东 = West Asia (without the Caucasus/Cyprus) + Egypt + Turkey.",
            "Generated by seeds/build/build_regions.py.",
        ],
        ["region_code", "member_kind", "member_code"],
        members,
    )


if __name__ == "__main__":
    main()
