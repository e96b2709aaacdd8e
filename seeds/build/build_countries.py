#!/usr/bin/env python3
"""Generate seeds/reference/countries.csv.

Sources:
* Chinese short and full names, and the continent of each country: the
  ``dictionary/world_location.txt`` file of the ``jionlp`` package (PyPI,
  Apache-2.0).  A few outdated names there are corrected below (RENAME).
* ISO 3166-1 alpha-2 / alpha-3 codes and English short names: the ISO table
  below (ISO), curated by the project from ISO 3166-1.
* Traditional-script aliases: OpenCC (s2t, s2tw, s2hk, s2twp).

Hong Kong, Macau and Taiwan are NOT countries here (see provinces.csv).
Kosovo (no ISO 3166-1 code) is skipped.  A few offshore territories that
matter for investor domicile (Cayman Islands, BVI, Bermuda, ...) are added.

Usage:  .venv/bin/pip install jionlp opencc
        .venv/bin/python seeds/build/build_countries.py
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (  # noqa: E402
    check_unique_surface_forms,
    dedupe,
    join_aliases,
    opencc_version,
    package_version,
    traditional_forms,
    write_csv,
)

# jionlp short name -> (alpha2, alpha3, English short name)
ISO = {
    # 亚洲
    "中国": ("CN", "CHN", "China"),
    "蒙古": ("MN", "MNG", "Mongolia"),
    "朝鲜": ("KP", "PRK", "North Korea"),
    "韩国": ("KR", "KOR", "South Korea"),
    "日本": ("JP", "JPN", "Japan"),
    "越南": ("VN", "VNM", "Vietnam"),
    "老挝": ("LA", "LAO", "Laos"),
    "柬埔寨": ("KH", "KHM", "Cambodia"),
    "缅甸": ("MM", "MMR", "Myanmar"),
    "泰国": ("TH", "THA", "Thailand"),
    "马来西亚": ("MY", "MYS", "Malaysia"),
    "新加坡": ("SG", "SGP", "Singapore"),
    "文莱": ("BN", "BRN", "Brunei"),
    "菲律宾": ("PH", "PHL", "Philippines"),
    "印度尼西亚": ("ID", "IDN", "Indonesia"),
    "东帝汶": ("TL", "TLS", "Timor-Leste"),
    "尼泊尔": ("NP", "NPL", "Nepal"),
    "不丹": ("BT", "BTN", "Bhutan"),
    "孟加拉国": ("BD", "BGD", "Bangladesh"),
    "印度": ("IN", "IND", "India"),
    "斯里兰卡": ("LK", "LKA", "Sri Lanka"),
    "马尔代夫": ("MV", "MDV", "Maldives"),
    "巴基斯坦": ("PK", "PAK", "Pakistan"),
    "阿富汗": ("AF", "AFG", "Afghanistan"),
    "伊朗": ("IR", "IRN", "Iran"),
    "科威特": ("KW", "KWT", "Kuwait"),
    "沙特": ("SA", "SAU", "Saudi Arabia"),
    "巴林": ("BH", "BHR", "Bahrain"),
    "卡塔尔": ("QA", "QAT", "Qatar"),
    "阿联酋": ("AE", "ARE", "United Arab Emirates"),
    "阿曼": ("OM", "OMN", "Oman"),
    "也门": ("YE", "YEM", "Yemen"),
    "伊拉克": ("IQ", "IRQ", "Iraq"),
    "叙利亚": ("SY", "SYR", "Syria"),
    "黎巴嫩": ("LB", "LBN", "Lebanon"),
    "约旦": ("JO", "JOR", "Jordan"),
    "巴勒斯坦": ("PS", "PSE", "Palestine"),
    "以色列": ("IL", "ISR", "Israel"),
    "塞浦路斯": ("CY", "CYP", "Cyprus"),
    "土耳其": ("TR", "TUR", "Turkey"),
    "乌兹别克斯坦": ("UZ", "UZB", "Uzbekistan"),
    "哈萨克斯坦": ("KZ", "KAZ", "Kazakhstan"),
    "吉尔吉斯斯坦": ("KG", "KGZ", "Kyrgyzstan"),
    "塔吉克斯坦": ("TJ", "TJK", "Tajikistan"),
    "亚美尼亚": ("AM", "ARM", "Armenia"),
    "土库曼斯坦": ("TM", "TKM", "Turkmenistan"),
    "阿塞拜疆": ("AZ", "AZE", "Azerbaijan"),
    "格鲁吉亚": ("GE", "GEO", "Georgia"),
    # 欧洲
    "冰岛": ("IS", "ISL", "Iceland"),
    "丹麦": ("DK", "DNK", "Denmark"),
    "挪威": ("NO", "NOR", "Norway"),
    "瑞典": ("SE", "SWE", "Sweden"),
    "芬兰": ("FI", "FIN", "Finland"),
    "俄罗斯": ("RU", "RUS", "Russia"),
    "乌克兰": ("UA", "UKR", "Ukraine"),
    "白俄罗斯": ("BY", "BLR", "Belarus"),
    "摩尔多瓦": ("MD", "MDA", "Moldova"),
    "立陶宛": ("LT", "LTU", "Lithuania"),
    "爱沙尼亚": ("EE", "EST", "Estonia"),
    "拉脱维亚": ("LV", "LVA", "Latvia"),
    "波兰": ("PL", "POL", "Poland"),
    "捷克": ("CZ", "CZE", "Czechia"),
    "匈牙利": ("HU", "HUN", "Hungary"),
    "德国": ("DE", "DEU", "Germany"),
    "奥地利": ("AT", "AUT", "Austria"),
    "列支敦士登": ("LI", "LIE", "Liechtenstein"),
    "瑞士": ("CH", "CHE", "Switzerland"),
    "荷兰": ("NL", "NLD", "Netherlands"),
    "比利时": ("BE", "BEL", "Belgium"),
    "卢森堡": ("LU", "LUX", "Luxembourg"),
    "英国": ("GB", "GBR", "United Kingdom"),
    "爱尔兰": ("IE", "IRL", "Ireland"),
    "法国": ("FR", "FRA", "France"),
    "摩纳哥": ("MC", "MCO", "Monaco"),
    "安道尔": ("AD", "AND", "Andorra"),
    "西班牙": ("ES", "ESP", "Spain"),
    "葡萄牙": ("PT", "PRT", "Portugal"),
    "意大利": ("IT", "ITA", "Italy"),
    "梵蒂冈": ("VA", "VAT", "Vatican City"),
    "圣马力诺": ("SM", "SMR", "San Marino"),
    "马耳他": ("MT", "MLT", "Malta"),
    "克罗地亚": ("HR", "HRV", "Croatia"),
    "斯洛伐克": ("SK", "SVK", "Slovakia"),
    "斯洛文尼亚": ("SI", "SVN", "Slovenia"),
    "波黑": ("BA", "BIH", "Bosnia and Herzegovina"),
    "马其顿": ("MK", "MKD", "North Macedonia"),
    "塞尔维亚": ("RS", "SRB", "Serbia"),
    "黑山": ("ME", "MNE", "Montenegro"),
    "罗马尼亚": ("RO", "ROU", "Romania"),
    "保加利亚": ("BG", "BGR", "Bulgaria"),
    "阿尔巴尼亚": ("AL", "ALB", "Albania"),
    "希腊": ("GR", "GRC", "Greece"),
    # 非洲
    "埃及": ("EG", "EGY", "Egypt"),
    "利比亚": ("LY", "LBY", "Libya"),
    "突尼斯": ("TN", "TUN", "Tunisia"),
    "阿尔及利亚": ("DZ", "DZA", "Algeria"),
    "摩洛哥": ("MA", "MAR", "Morocco"),
    "毛里塔尼亚": ("MR", "MRT", "Mauritania"),
    "塞内加尔": ("SN", "SEN", "Senegal"),
    "冈比亚": ("GM", "GMB", "Gambia"),
    "马里": ("ML", "MLI", "Mali"),
    "布基纳法索": ("BF", "BFA", "Burkina Faso"),
    "佛得角": ("CV", "CPV", "Cabo Verde"),
    "几内亚比绍": ("GW", "GNB", "Guinea-Bissau"),
    "几内亚": ("GN", "GIN", "Guinea"),
    "塞拉里昂": ("SL", "SLE", "Sierra Leone"),
    "利比里亚": ("LR", "LBR", "Liberia"),
    "科特迪瓦": ("CI", "CIV", "Cote d'Ivoire"),
    "加纳": ("GH", "GHA", "Ghana"),
    "多哥": ("TG", "TGO", "Togo"),
    "贝宁": ("BJ", "BEN", "Benin"),
    "尼日尔": ("NE", "NER", "Niger"),
    "尼日利亚": ("NG", "NGA", "Nigeria"),
    "喀麦隆": ("CM", "CMR", "Cameroon"),
    "赤道几内亚": ("GQ", "GNQ", "Equatorial Guinea"),
    "乍得": ("TD", "TCD", "Chad"),
    "中非": ("CF", "CAF", "Central African Republic"),
    "苏丹": ("SD", "SDN", "Sudan"),
    "南苏丹": ("SS", "SSD", "South Sudan"),
    "埃塞俄比亚": ("ET", "ETH", "Ethiopia"),
    "吉布提": ("DJ", "DJI", "Djibouti"),
    "索马里": ("SO", "SOM", "Somalia"),
    "肯尼亚": ("KE", "KEN", "Kenya"),
    "乌干达": ("UG", "UGA", "Uganda"),
    "坦桑尼亚": ("TZ", "TZA", "Tanzania"),
    "卢旺达": ("RW", "RWA", "Rwanda"),
    "布隆迪": ("BI", "BDI", "Burundi"),
    "刚果(金)": ("CD", "COD", "DR Congo"),
    "刚果(布)": ("CG", "COG", "Republic of the Congo"),
    "加蓬": ("GA", "GAB", "Gabon"),
    "圣多美和普林西比": ("ST", "STP", "Sao Tome and Principe"),
    "安哥拉": ("AO", "AGO", "Angola"),
    "赞比亚": ("ZM", "ZMB", "Zambia"),
    "马拉维": ("MW", "MWI", "Malawi"),
    "莫桑比克": ("MZ", "MOZ", "Mozambique"),
    "科摩罗": ("KM", "COM", "Comoros"),
    "马达加斯加": ("MG", "MDG", "Madagascar"),
    "塞舌尔": ("SC", "SYC", "Seychelles"),
    "毛里求斯": ("MU", "MUS", "Mauritius"),
    "津巴布韦": ("ZW", "ZWE", "Zimbabwe"),
    "博茨瓦纳": ("BW", "BWA", "Botswana"),
    "纳米比亚": ("NA", "NAM", "Namibia"),
    "南非": ("ZA", "ZAF", "South Africa"),
    "斯威士兰": ("SZ", "SWZ", "Eswatini"),
    "莱索托": ("LS", "LSO", "Lesotho"),
    "厄立特里亚": ("ER", "ERI", "Eritrea"),
    # 大洋洲
    "澳大利亚": ("AU", "AUS", "Australia"),
    "新西兰": ("NZ", "NZL", "New Zealand"),
    "巴布亚新几内亚": ("PG", "PNG", "Papua New Guinea"),
    "所罗门群岛": ("SB", "SLB", "Solomon Islands"),
    "瓦努阿图": ("VU", "VUT", "Vanuatu"),
    "斐济": ("FJ", "FJI", "Fiji"),
    "基里巴斯": ("KI", "KIR", "Kiribati"),
    "瑙鲁": ("NR", "NRU", "Nauru"),
    "密克罗尼西亚": ("FM", "FSM", "Micronesia"),
    "马绍尔群岛": ("MH", "MHL", "Marshall Islands"),
    "图瓦卢": ("TV", "TUV", "Tuvalu"),
    "萨摩亚": ("WS", "WSM", "Samoa"),
    "纽埃": ("NU", "NIU", "Niue"),
    "帕劳": ("PW", "PLW", "Palau"),
    "汤加": ("TO", "TON", "Tonga"),
    # 北美洲 (incl. Central America and the Caribbean in jionlp)
    "加拿大": ("CA", "CAN", "Canada"),
    "美国": ("US", "USA", "United States"),
    "墨西哥": ("MX", "MEX", "Mexico"),
    "危地马拉": ("GT", "GTM", "Guatemala"),
    "伯利兹": ("BZ", "BLZ", "Belize"),
    "萨尔瓦多": ("SV", "SLV", "El Salvador"),
    "洪都拉斯": ("HN", "HND", "Honduras"),
    "尼加拉瓜": ("NI", "NIC", "Nicaragua"),
    "哥斯达黎加": ("CR", "CRI", "Costa Rica"),
    "巴拿马": ("PA", "PAN", "Panama"),
    "巴哈马": ("BS", "BHS", "Bahamas"),
    "古巴": ("CU", "CUB", "Cuba"),
    "牙买加": ("JM", "JAM", "Jamaica"),
    "海地": ("HT", "HTI", "Haiti"),
    "多米尼加": ("DO", "DOM", "Dominican Republic"),
    "圣基茨和尼维斯": ("KN", "KNA", "Saint Kitts and Nevis"),
    "安提瓜和巴布达": ("AG", "ATG", "Antigua and Barbuda"),
    "多米尼克国": ("DM", "DMA", "Dominica"),
    "圣卢西亚": ("LC", "LCA", "Saint Lucia"),
    "圣文森特和格林纳丁斯": ("VC", "VCT", "Saint Vincent and the Grenadines"),
    "巴巴多斯": ("BB", "BRB", "Barbados"),
    "格林纳达": ("GD", "GRD", "Grenada"),
    "特立尼达和多巴哥": ("TT", "TTO", "Trinidad and Tobago"),
    # 南美洲
    "哥伦比亚": ("CO", "COL", "Colombia"),
    "委内瑞拉": ("VE", "VEN", "Venezuela"),
    "圭亚那": ("GY", "GUY", "Guyana"),
    "苏里南": ("SR", "SUR", "Suriname"),
    "厄瓜多尔": ("EC", "ECU", "Ecuador"),
    "秘鲁": ("PE", "PER", "Peru"),
    "巴西": ("BR", "BRA", "Brazil"),
    "玻利维亚": ("BO", "BOL", "Bolivia"),
    "智利": ("CL", "CHL", "Chile"),
    "阿根廷": ("AR", "ARG", "Argentina"),
    "巴拉圭": ("PY", "PRY", "Paraguay"),
    "乌拉圭": ("UY", "URY", "Uruguay"),
}

# jionlp names that are skipped (no ISO 3166-1 code).
SKIP = {"科索沃"}

# jionlp short name -> current canonical short name (old name kept as alias).
RENAME = {
    "沙特": "沙特阿拉伯",
    "马其顿": "北马其顿",  # renamed 2019
    "斯威士兰": "埃斯瓦蒂尼",  # renamed 2018
    "塞拉里昂": "塞拉利昂",  # MFA spelling
    "多米尼克国": "多米尼克",
    "刚果(金)": "刚果（金）",  # MFA uses full-width brackets
    "刚果(布)": "刚果（布）",
}
# jionlp full names that are outdated or wrong -> replacement.
FULL_NAME_FIX = {
    "利比亚": "利比亚国",
    "缅甸": "缅甸联邦共和国",
    "斐济": "斐济共和国",
    "匈牙利": "匈牙利",
    "马其顿": "北马其顿共和国",
    "斯威士兰": "埃斯瓦蒂尼王国",
    "波黑": "波斯尼亚和黑塞哥维那",
    "阿富汗": "阿富汗",
}

# Territories with ISO codes, relevant as investor/company domiciles.
# (name_zh, alpha2, alpha3, name_en, continent-or-None, full_name)
EXTRA_TERRITORIES = [
    ("开曼群岛", "KY", "CYM", "Cayman Islands", None, ""),
    ("英属维尔京群岛", "VG", "VGB", "British Virgin Islands", None, ""),
    ("百慕大", "BM", "BMU", "Bermuda", None, ""),
    ("波多黎各", "PR", "PRI", "Puerto Rico", None, ""),
    ("库克群岛", "CK", "COK", "Cook Islands", "大洋洲", ""),
]

# Additional surface forms (simplified or traditional; OpenCC forms of these
# are added automatically).  Keyed by canonical name_zh.
EXTRA_ALIASES = {
    "中国": ["中華人民共和國", "我国", "国内", "全国"],  # 我国/国内/全国 mean China in Chinese-language reports
    "韩国": ["南韩"],
    "朝鲜": ["北韩"],
    "澳大利亚": ["澳洲"],
    "新西兰": ["纽西兰"],
    "沙特阿拉伯": ["沙乌地阿拉伯"],
    "印度尼西亚": ["印尼"],
    "巴布亚新几内亚": ["巴新"],
    "意大利": ["义大利"],
    "俄罗斯": ["俄国"],
    "科特迪瓦": ["象牙海岸"],
    "刚果（金）": ["刚果(金)", "刚果金", "民主刚果"],
    "刚果（布）": ["刚果(布)", "刚果布"],
    "梵蒂冈": ["教廷"],
    "多米尼加": ["多米尼加共和国"],
    "英属维尔京群岛": ["英属处女群岛", "英屬維京群島"],
    "开曼群岛": ["開曼群島"],
    "百慕大": ["百慕大群岛"],
    "阿联酋": [],
    "美国": [],
    "捷克": ["捷克共和国"],
    "土耳其": ["土耳其共和国"],
}

# Generated forms that are ambiguous in Chinese prose.
BLOCKED_ALIASES = {
    "獅子山",  # Taiwan name of Sierra Leone, but also Lion Rock in Hong Kong
    "喬治亞",  # Taiwan name of Georgia, also the US state
}

CONTINENT_KEYS = {"亚洲": "asia", "欧洲": "europe", "非洲": "africa", "大洋州": "oceania", "北美洲": "north_america", "南美洲": "south_america"}


def world_location_path() -> Path:
    import jionlp

    p = Path(jionlp.__file__).resolve().parent / "dictionary" / "world_location.txt"
    if not p.exists():
        raise SystemExit(f"jionlp world_location.txt not found at {p}")
    return p


def _jionlp_lines():
    continent = None
    for line in world_location_path().read_text(encoding="utf-8").splitlines():
        line = line.rstrip()
        if not line:
            continue
        if line.endswith(":") and "\t" not in line:
            continent = line[:-1]
            continue
        yield continent, [p.strip() for p in line.split("\t")]


def load_jionlp() -> list[tuple[str, str, str]]:
    """[(continent, short_name, full_name)] in file order."""
    return [(c, p[0], p[1] if len(p) > 1 else "") for c, p in _jionlp_lines()]


def load_jionlp_cities() -> list[tuple[str, str, bool]]:
    """[(jionlp country short name, city name, is_capital)] in file order."""
    out = []
    for _, p in _jionlp_lines():
        if len(p) > 2 and p[2]:
            out.append((p[0], p[2], True))
        if len(p) > 3 and p[3]:
            out += [(p[0], c.strip(), False) for c in p[3].split("/") if c.strip()]
    return out


def build() -> tuple[list[dict], dict[str, str]]:
    """Return (rows, {alpha2: jionlp continent key or ''})."""
    rows: list[dict] = []
    continent_of: dict[str, str] = {}
    entries = []
    for continent, short, full in load_jionlp():
        if short in SKIP:
            continue
        if short not in ISO:
            raise SystemExit(f"no ISO code for jionlp country {short!r}; add it to ISO or SKIP")
        a2, a3, en = ISO[short]
        canon = RENAME.get(short, short)
        full = FULL_NAME_FIX.get(short, full)
        entries.append((canon, a2, a3, en, CONTINENT_KEYS[continent], [short, full]))
    for name, a2, a3, en, continent, full in EXTRA_TERRITORIES:
        entries.append((name, a2, a3, en, CONTINENT_KEYS.get(continent, ""), [full]))

    for canon, a2, a3, en, cont, names in entries:
        base = [n for n in names if n] + EXTRA_ALIASES.get(canon, [])
        # Taiwan phrasing (s2twp) only for the short name: on full names it
        # produces nonsense such as 約旦雜湊姆王國 (哈希 -> 雜湊 "hash").
        trad = traditional_forms(canon)
        for f in base:
            trad += traditional_forms(f, ("s2t", "s2tw", "s2hk"))
        # transliterations use 里, never 裏/裡 (馬裏 is wrong for 马里)
        trad = [t.replace("裏", "里").replace("裡", "里") for t in trad]
        aliases = [a for a in dedupe(base + trad) if a != canon and a not in BLOCKED_ALIASES]
        rows.append({"country_code": a2, "iso3": a3, "name_zh": canon, "name_en": en, "aliases": aliases})
        continent_of[a2] = cont
    missing = set(ISO) - {s for _, s, _ in load_jionlp()}
    if missing:
        raise SystemExit(f"ISO table has names not in jionlp: {missing}")
    for bad in ("HK", "MO", "TW"):
        assert bad not in continent_of, bad

    # drop an alias that is the canonical name of another row
    canon = {r["name_zh"]: r["country_code"] for r in rows}
    for r in rows:
        r["aliases"] = join_aliases(a for a in r["aliases"] if canon.get(a, r["country_code"]) == r["country_code"])
    rows.sort(key=lambda r: r["country_code"])
    check_unique_surface_forms(rows, ["name_zh"], "countries")
    return rows, continent_of


# --------------------------------------------------------------------------
# Foreign cities (capitals and major cities), so that "慕尼黑AI公司" resolves
# to a country.  jionlp lists them; a few entries are merged or added.
# --------------------------------------------------------------------------
# alternative name -> canonical city (jionlp lists both as separate cities)
CITY_MERGE = {"西贡": "胡志明市", "海参崴": "符拉迪沃斯托克"}
# (jionlp country short name, city) entries to drop
CITY_DROP = {
    ("圣文森特和格林纳丁斯", "金斯敦"),  # Kingstown; 金斯敦 is kept for Kingston, Jamaica
    ("韩国", "济州岛"),  # an island/province, not a city
    ("日本", "冲绳"),  # a prefecture, not a city
    ("巴布亚新几内亚", "巴新"),  # abbreviation of the country (kept as a country alias)
    ("埃及", "亚历山大"),  # also the given name Alexander
    ("塞舌尔", "维多利亚"),  # also a given name / 维多利亚港
    ("安提瓜和巴布达", "圣约翰"),  # also a person's name
    ("格林纳达", "圣乔治"),  # also a person's name
    ("瑙鲁", "亚伦"),  # also a given name
}
CITY_SKIP_COUNTRIES = {"中国"}  # Chinese cities are in cities.csv
# extra venture hubs: (ISO alpha-2, city, aliases)
CITY_EXTRA = [
    ("US", "圣迭戈", []),
    ("US", "帕洛阿尔托", ["帕罗奥图"]),
    ("US", "山景城", []),
    ("US", "奥斯汀", []),
    ("US", "迈阿密", []),
    ("US", "硅谷", []),
    ("IL", "海法", []),
    ("IN", "班加罗尔", []),
    ("DE", "柏林", []),
    ("SE", "哥德堡", []),
    ("ES", "巴塞罗那", []),
    ("IT", "米兰", []),
    ("FR", "里昂", []),
    ("JP", "名古屋", []),
]
CITY_EXTRA_ALIASES = {
    "旧金山": ["三藩市"],
    "悉尼": ["雪梨"],
    "首尔": ["汉城"],
    "胡志明市": ["西贡"],
    "符拉迪沃斯托克": ["海参崴"],
}


def build_foreign_cities(country_rows: list[dict]) -> list[dict]:
    iso = {short: v[0] for short, v in ISO.items()}
    country_forms = set()
    for r in country_rows:
        country_forms.add(r["name_zh"])
        country_forms.update(a for a in r["aliases"].split("|") if a)
    seen: dict[str, dict] = {}
    rows = []
    for short, city, cap in load_jionlp_cities():
        if short in SKIP or short in CITY_SKIP_COUNTRIES or (short, city) in CITY_DROP:
            continue
        city = CITY_MERGE.get(city, city)
        if city in country_forms:  # 新加坡, 卢森堡, 摩纳哥 ...: the country row covers them
            continue
        if city in seen:
            seen[city]["is_capital"] = seen[city]["is_capital"] or cap
            continue
        r = {"city_name": city, "country_code": iso[short], "is_capital": cap, "aliases": list(CITY_EXTRA_ALIASES.get(city, []))}
        seen[city] = r
        rows.append(r)
    for cc, city, aliases in CITY_EXTRA:
        if city in seen:
            continue
        r = {"city_name": city, "country_code": cc, "is_capital": False, "aliases": list(aliases)}
        seen[city] = r
        rows.append(r)
    owner: dict[str, str] = {}
    for r in rows:
        base = r["aliases"]
        trad = traditional_forms(r["city_name"]) + [t for a in base for t in traditional_forms(a, ("s2t", "s2tw", "s2hk"))]
        trad = [t.replace("裏", "里").replace("裡", "里") for t in trad]
        al = [a for a in dedupe(base + trad) if a != r["city_name"] and a not in country_forms]
        for a in [r["city_name"]] + al:
            assert owner.get(a, r["city_name"]) == r["city_name"], (a, owner[a], r["city_name"])
            owner[a] = r["city_name"]
        r["aliases"] = join_aliases(al)
        r["is_capital"] = "true" if r["is_capital"] else "false"
    rows.sort(key=lambda r: (r["country_code"], r["is_capital"] != "true", r["city_name"]))
    return rows


def main() -> None:
    rows, _ = build()
    write_csv(
        "countries.csv",
        [
            f"Countries (ISO 3166-1) with Chinese names. Chinese short/full names: jionlp {package_version('jionlp')} dictionary/world_location.txt (Apache-2.0),",
            "with outdated names corrected (沙特->沙特阿拉伯, 马其顿->北马其顿, 斯威士兰->埃斯瓦蒂尼, 塞拉里昂->塞拉利昂, 刚果(金)->刚果（金）...).",
            "ISO alpha-2/alpha-3 codes and English names: ISO 3166-1, transcribed by the project. Kosovo (no ISO code) omitted.",
            "Hong Kong, Macau and Taiwan are deliberately absent: they are province-level rows in provinces.csv.",
            "Offshore territories KY, VG, BM, PR and CK are included because they occur as investor/company domiciles.",
            f"Traditional-script aliases generated with OpenCC {opencc_version()} (s2t, s2tw, s2hk, s2twp), plus curated press forms (澳洲, 南韩, 印尼...).",
            "Note: country_code NA (Namibia) is a real code: read this file with keep_default_na=False in pandas.",
            "Generated by seeds/build/build_countries.py.",
        ],
        ["country_code", "iso3", "name_zh", "name_en", "aliases"],
        [[r[k] for k in ("country_code", "iso3", "name_zh", "name_en", "aliases")] for r in rows],
    )
    cities = build_foreign_cities(rows)
    write_csv(
        "foreign_cities.csv",
        [
            "Cities outside China (capitals and major/venture-hub cities) with their country, so that a deal's city resolves to a country.",
            f"Source: jionlp {package_version('jionlp')} dictionary/world_location.txt (capital and major-city columns, Apache-2.0), plus a few",
            "venture hubs added by the project (硅谷 is a region, listed here because reports use it like a city). is_capital follows jionlp.",
            "Cities whose name equals a country name (新加坡, 卢森堡, 摩纳哥 ...) are omitted: the country row covers them.",
            "Alternative names are merged (西贡 -> 胡志明市, 海参崴 -> 符拉迪沃斯托克); 金斯敦 is Kingston (Jamaica).",
            f"Traditional aliases via OpenCC {opencc_version()} (s2t, s2tw, s2hk, s2twp for the name). Generated by seeds/build/build_countries.py.",
        ],
        ["city_name", "country_code", "is_capital", "aliases"],
        [[r[k] for k in ("city_name", "country_code", "is_capital", "aliases")] for r in cities],
    )


if __name__ == "__main__":
    main()
