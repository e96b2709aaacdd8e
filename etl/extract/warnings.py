"""What the extractor saw but could not name: reported, never silently dropped.

- unknown_sector: "<X>产业/赛道/领域/行业" in a funding sentence where X is no known sector
- unknown_round: "<X>轮" that is no known round
- unknown_place: "<X>市" that is in no gazetteer
They land in ``extraction_warning`` and in ``fundingdb report``; adding an alias to
``seeds/reference/*.csv`` is the fix.
"""
from __future__ import annotations

import re

from ..facts import Warning
from ..lexicon import lexicon
from .analysis import Analysis

# "在X领域/X赛道" right after a boundary, so X is a whole phrase, not the tail of a clause
SECTOR_PHRASE = re.compile(r"(?:^|(?<=[,，、;；:：(（“\"]))(?:在|于|对)?(?P<x>[\u4e00-\u9fffA-Za-z]{2,6})(?:产业|赛道|领域|行业)(?:的)?(?:投融资|融资|投资事件|获投)")
ROUND_PHRASE = re.compile(r"(?<![A-Za-z0-9])(?P<x>[A-Za-z][A-Za-z0-9+\-]{0,5}|[天种]使?)\s?轮")
PLACE_PHRASE = re.compile(r"(?:^|(?<=[,，、;；:：(（]))(?P<x>[\u4e00-\u9fff]{2,3})市(?![场值民级区民委政])")
FUNDING = re.compile(r"融资|投融资|投资")
NOT_SECTORS = re.compile(r"^(?:细分|相关|全|各|该|本|其|这|多个|整个|多|头部|重点|核心|新兴|传统|前沿|热门|主要|上下游|同类|不同|其他|其它|新|多个|科技|技术|应用|战略|地方|垂直|年度|区域|特色|投资|融资|投融资|资本|金融|产业|城市)|(?:的|了|和|与|及|等|在)$|城市")


def extract_warnings(an: Analysis, ex) -> None:
    lex = lexicon()
    seen: set[tuple[str, str]] = set()

    def warn(kind, sent, m):
        phrase = sent.raw[m.start("x"):m.end()]
        if (kind, phrase) in seen:
            return
        seen.add((kind, phrase))
        ex.warnings.append(Warning(kind, phrase, sent.abs(m.start("x")), sent.abs(m.end())))

    for sent in an.sents:
        t = sent.t
        if FUNDING.search(t):
            for m in SECTOR_PHRASE.finditer(t):
                x = m.group("x")
                if NOT_SECTORS.search(x) or any(h.start < m.end() and m.start() < h.end for h in sent.sectors + sent.places):
                    continue
                warn("unknown_sector", sent, m)
        for m in ROUND_PHRASE.finditer(t):
            if not any(h.start <= m.start() < h.end for h in sent.rounds):
                warn("unknown_round", sent, m)
        for m in PLACE_PHRASE.finditer(t):
            x = m.group("x")
            if x.endswith(("城", "全", "辖", "上")) or x.startswith(("这", "那", "各", "每", "该", "有", "哪", "某", "县")):
                continue
            if not any(h.start < m.end() and m.start() < h.end for h in sent.places) and not lex.places.find(x):
                warn("unknown_place", sent, m)
