#!/usr/bin/env python3
"""Generate seeds/reference/sectors.csv — industry taxonomy for venture reports.

Project-curated.  Every canonical name and alias is listed in simplified
script below; traditional-script variants (OpenCC s2t, s2tw, s2hk and the
Taiwan-phrasing s2twp, e.g. 人工智慧, 積體電路, 軟體) are generated and
reviewed through EXTRA_TRADITIONAL / BLOCKED.

Rules enforced here:
* aliases are unique across the file and never equal another sector's name;
* no single-character aliases;
* a general alias may be a substring of a more specific canonical name
  (医疗 ⊂ 医疗器械) because the extractor uses longest match.

Usage:  .venv/bin/python seeds/build/build_sectors.py
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import dedupe, join_aliases, opencc_version, traditional_forms, write_csv  # noqa: E402

# (code, name, parent_code, name_en, [simplified / Latin aliases], [extra traditional aliases])
SECTORS = [
    # --- AI and computing --------------------------------------------------
    ("ai", "人工智能", "", "Artificial Intelligence", ["AI", "大模型", "大语言模型", "LLM", "通用大模型", "基础大模型", "语言大模型", "多模态大模型", "大模型产业", "A.I.", "人工智能产业", "AI产业", "人工智能行业", "AI行业"], ["人工智慧"]),
    ("aigc", "AIGC", "ai", "Generative AI", ["生成式AI", "生成式人工智能", "AI生成内容", "人工智能生成内容", "生成式大模型"], ["生成式人工智慧"]),
    ("ai_application", "AI应用", "ai", "AI Applications", ["人工智能应用", "AI+应用", "AI Agent", "智能体"], []),
    ("computer_vision", "计算机视觉", "ai", "Computer Vision", ["机器视觉", "视觉AI"], ["電腦視覺"]),
    ("autonomous_driving", "自动驾驶", "nev", "Autonomous Driving", ["无人驾驶", "智能驾驶", "辅助驾驶", "Robotaxi"], []),
    ("robotics", "机器人", "", "Robotics", ["机器人产业", "智能机器人", "工业机器人", "服务机器人", "特种机器人", "运动控制"], []),
    ("humanoid_robot", "人形机器人", "robotics", "Humanoid Robots / Embodied AI", ["具身智能", "人形机器人产业", "具身智能机器人", "具身机器人", "通用机器人"], []),
    ("semiconductors", "集成电路", "", "Integrated Circuits / Semiconductors", ["半导体", "芯片", "集成电路产业", "半导体产业", "芯片产业", "芯片设计", "晶圆制造", "IC设计"], ["晶片", "積體電路", "半導體"]),
    ("third_gen_semiconductors", "第三代半导体", "semiconductors", "Wide-bandgap (3rd-gen) Semiconductors", ["宽禁带半导体", "化合物半导体", "碳化硅", "氮化镓"], []),
    ("ai_chips", "AI芯片", "semiconductors", "AI Chips", ["人工智能芯片", "算力芯片", "GPU芯片"], ["AI晶片", "人工智慧晶片"]),
    ("electronics", "电子信息", "", "Electronics & Information", ["电子信息产业", "电子信息制造", "新一代信息技术", "信息技术", "电子信息制造业"], ["電子資訊"]),
    ("consumer_electronics", "消费电子", "electronics", "Consumer Electronics", ["智能硬件", "智能终端"], []),
    ("communications", "通信", "electronics", "Telecommunications", ["5G", "6G", "通信设备", "通信产业"], ["通訊"]),
    ("iot", "物联网", "", "Internet of Things", ["IoT", "物联网产业", "智能物联"], ["物聯網"]),
    ("cloud", "云计算", "", "Cloud Computing", ["云服务", "云计算产业", "算力", "算力基础设施", "智算中心", "数据中心"], ["雲端運算", "雲端計算"]),
    ("bigdata", "大数据", "", "Big Data", ["大数据产业", "数据要素", "数据服务"], ["大數據", "大資料"]),
    ("blockchain", "区块链", "", "Blockchain / Web3", ["区块链产业", "Web3", "Web3.0", "加密资产", "数字货币"], ["區塊鏈"]),
    ("quantum", "量子科技", "", "Quantum Technology", ["量子信息", "量子计算", "量子通信", "量子技术", "量子科技产业", "量子测量"], []),
    ("software", "软件", "", "Software & IT Services", ["IT服务", "信息软件", "软件和信息服务", "软件和信息技术服务业", "软件业", "软件产业", "信息软件业", "软件和信息服务业"], ["軟體", "軟件"]),
    ("industrial_software", "工业软件", "software", "Industrial Software", ["EDA", "CAD软件", "工业设计软件"], ["工業軟體"]),
    ("cybersecurity", "网络安全", "software", "Cybersecurity", ["信息安全", "数据安全", "网安"], ["資安", "資訊安全"]),
    ("enterprise_services", "企业服务", "", "Enterprise Services", ["企服", "SaaS", "企业级服务", "企业软件", "B2B服务", "To B", "ToB"], []),
    ("internet", "互联网", "", "Internet", ["互联网产业", "移动互联网", "互联网平台"], ["網際網路"]),
    ("ecommerce", "电商", "", "E-commerce", ["电子商务", "跨境电商", "直播电商", "社交电商"], []),
    ("digital_economy", "数字经济", "", "Digital Economy", ["数字经济产业", "数字化转型", "产业数字化", "数字产业化"], ["數位經濟"]),
    ("industrial_internet", "工业互联网", "advanced_manufacturing", "Industrial Internet", ["工业物联网", "工业互联网平台"], ["工業互聯網"]),
    ("metaverse", "元宇宙", "", "Metaverse & XR", ["元宇宙产业", "虚拟现实", "增强现实", "扩展现实", "VR", "XR", "虚拟现实产业"], ["擴增實境", "虛擬實境"]),
    ("bci", "脑机接口", "healthcare", "Brain-Computer Interfaces", ["BCI", "脑机接口产业", "脑科学"], ["腦機介面"]),
    # --- health --------------------------------------------------------------
    ("healthcare", "医疗健康", "", "Healthcare", ["医疗", "大健康", "医疗健康产业", "医疗服务", "医疗行业", "医疗卫生", "健康医疗"], []),
    ("biomedicine", "生物医药", "healthcare", "Biomedicine / Biopharma", ["生物医药产业", "创新药", "生物制药", "医药", "生物技术", "生物科技", "医药健康", "医药产业", "新药研发"], []),
    ("synthetic_biology", "合成生物", "biomedicine", "Synthetic Biology", ["合成生物学", "合成生物产业", "生物制造"], []),
    ("cell_gene_therapy", "细胞与基因治疗", "biomedicine", "Cell & Gene Therapy", ["基因治疗", "细胞治疗", "CGT"], []),
    ("medical_devices", "医疗器械", "healthcare", "Medical Devices", ["医疗器械产业", "医疗设备", "高端医疗器械", "医疗器械行业", "IVD", "体外诊断", "医疗器材", "手术器械", "医疗仪器", "手术机器人"], []),
    ("digital_health", "数字医疗", "healthcare", "Digital Health", ["互联网医疗", "医疗信息化", "智慧医疗", "AI医疗", "医疗AI"], []),
    # --- manufacturing, materials -------------------------------------------
    ("advanced_manufacturing", "先进制造", "", "Advanced Manufacturing", ["先进制造业", "智能制造", "高端装备", "高端装备制造", "装备制造", "高端制造", "智能装备", "精密制造", "零部件制造"], []),
    ("new_materials", "新材料", "", "New Materials", ["新材料产业", "先进材料", "新材料行业", "膜材料", "高性能材料", "功能材料", "复合材料", "材料企业"], []),
    ("nano_materials", "纳米新材料", "new_materials", "Nanomaterials", ["纳米材料", "纳米技术"], ["奈米材料", "奈米新材料"]),
    ("advanced_metal_materials", "先进金属材料", "new_materials", "Advanced Metal Materials", ["高端金属材料", "新型金属材料"], []),
    ("high_performance_fibers", "高性能功能纤维材料", "new_materials", "High-performance Functional Fibre Materials", ["高性能纤维材料", "功能纤维材料", "高性能纤维", "碳纤维"], []),
    ("advanced_polymers", "先进高分子材料", "new_materials", "Advanced Polymer Materials", ["高分子材料", "高性能高分子材料"], []),
    ("frontier_materials", "前沿新材料", "new_materials", "Frontier Materials", ["前沿材料"], []),
    ("aerospace", "航空航天", "", "Aerospace", ["航空航天产业", "航天航空", "航空产业", "大飞机"], []),
    ("commercial_space", "商业航天", "aerospace", "Commercial Space", ["商业卫星", "卫星互联网", "商业火箭", "卫星通信"], []),
    ("drones", "无人机", "aerospace", "Drones & Low-altitude Economy", ["低空经济", "eVTOL", "无人机产业", "低空经济产业", "飞行汽车", "无人驾驶航空器"], []),
    # --- vehicles and energy ------------------------------------------------
    ("auto", "汽车", "", "Automotive", ["汽车产业", "汽车零部件", "汽车制造", "汽车行业"], []),
    ("nev", "新能源汽车", "auto", "New Energy Vehicles", ["新能源车", "电动汽车", "智能网联汽车", "智能汽车", "新能源汽车产业", "电动车", "智能电动汽车", "动力电池"], ["電動車"]),
    ("new_energy", "新能源", "", "New Energy", ["新能源产业", "清洁能源", "可再生能源", "新能源行业", "绿色能源"], []),
    ("solar_pv", "光伏", "new_energy", "Solar PV", ["光伏产业", "太阳能", "光伏发电", "太阳能电池"], []),
    ("wind_power", "风电", "new_energy", "Wind Power", ["风能", "风力发电", "风电产业", "海上风电"], []),
    ("hydrogen", "氢能", "new_energy", "Hydrogen Energy", ["氢能源", "氢燃料电池", "燃料电池", "氢能产业"], []),
    ("energy_storage", "储能", "new_energy", "Energy Storage", ["新型储能", "储能产业", "储能电池", "锂电池", "锂电"], []),
    ("environmental", "环保", "", "Environmental Protection", ["节能环保", "环保产业", "环境保护", "碳中和", "双碳", "绿色低碳", "节能环保产业"], []),
    # --- consumer, services ---------------------------------------------------
    ("consumer", "消费", "", "Consumer", ["新消费", "消费品", "消费零售", "大消费", "消费行业", "消费品牌", "宠物", "宠物食品", "宠物经济"], []),
    ("food_beverage", "食品饮料", "consumer", "Food & Beverage", ["餐饮", "新茶饮", "食品饮料行业"], []),
    ("fintech", "金融科技", "", "FinTech", ["FinTech", "Fintech", "金融科技产业", "科技金融", "数字金融"], []),
    ("education", "教育", "", "Education", ["教育科技", "在线教育", "教育产业", "EdTech", "职业教育"], []),
    ("media_entertainment", "文娱传媒", "", "Media & Entertainment", ["文娱", "文化娱乐", "传媒", "文化传媒", "影视", "文化产业", "内容产业"], []),
    ("games", "游戏", "media_entertainment", "Games", ["游戏产业", "电子游戏", "网络游戏", "网游", "手游"], ["電玩"]),
    ("logistics", "物流", "", "Logistics & Supply Chain", ["物流产业", "智慧物流", "供应链", "物流科技", "供应链物流"], []),
    ("agriculture", "农业", "", "Agriculture", ["农业科技", "现代农业", "智慧农业", "农林牧渔", "农业产业"], []),
    ("real_estate", "房地产", "", "Real Estate & PropTech", ["地产", "房产", "房地产业", "物业服务"], []),
]

# Generated traditional forms that are wrong or ambiguous.
BLOCKED = {
    "擴充套件現實",  # s2twp renders 扩展 (extend) as 擴充套件 (software "extension package")
}


def build() -> list[dict]:
    codes = {s[0] for s in SECTORS}
    names = {}
    rows = []
    owner: dict[str, str] = {}
    for code, name, parent, en, aliases, extra_trad in SECTORS:
        assert code.isascii() and code not in names.values(), code
        assert parent == "" or parent in codes, (code, parent)
        names[name] = code
    for code, name, parent, en, aliases, extra_trad in SECTORS:
        forms = [name] + aliases
        trad = []
        for f in forms:
            trad += traditional_forms(f)
        all_aliases = [a for a in dedupe(aliases + extra_trad + trad) if a != name and a not in BLOCKED]
        keep = []
        for a in all_aliases:
            if len(a) < 2:
                raise SystemExit(f"single-character alias {a!r} for {name}")
            if a in names and names[a] != code:
                raise SystemExit(f"alias {a!r} of {name} is the name of sector {names[a]}")
            if a in owner and owner[a] != code:
                raise SystemExit(f"alias {a!r} used by {owner[a]} and {code}")
            owner[a] = code
            keep.append(a)
        rows.append({"sector_code": code, "sector_name": name, "parent_code": parent, "name_en": en, "aliases": join_aliases(keep)})
    # no cycles
    parent_of = {r["sector_code"]: r["parent_code"] for r in rows}
    for c in parent_of:
        seen = set()
        while c:
            assert c not in seen, f"cycle at {c}"
            seen.add(c)
            c = parent_of[c]
    return rows


def main() -> None:
    rows = build()
    write_csv(
        "sectors.csv",
        [
            "Industry taxonomy for Chinese venture-funding reports (hierarchical: parent_code empty = top level).",
            "Source: project-curated (licence: same as this repository).",
            "aliases: additional surface forms (simplified, Latin, traditional); the canonical sector_name itself is not repeated.",
            "Aliases are unique across the file. General aliases may be substrings of more specific canonical names (医疗 vs 医疗器械):",
            "the extractor uses longest match. Placement choices: 自动驾驶 under 新能源汽车; 新能源汽车 under 汽车; 储能/光伏/风电/氢能 under 新能源;",
            "第三代半导体 and AI芯片 under 集成电路; 合成生物 under 生物医药; 生物医药/医疗器械/脑机接口 under 医疗健康; 无人机 (低空经济) under 航空航天.",
            f"Traditional aliases generated with OpenCC {opencc_version()} (s2t, s2tw, s2hk, s2twp) plus curated Taiwan terms (人工智慧, 晶片, 軟體...).",
            "Generated by seeds/build/build_sectors.py.",
        ],
        ["sector_code", "sector_name", "parent_code", "name_en", "aliases"],
        [[r[k] for k in ("sector_code", "sector_name", "parent_code", "name_en", "aliases")] for r in rows],
    )


if __name__ == "__main__":
    main()
