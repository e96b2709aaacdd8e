"""Tables: a ranking or a breakdown laid out in rows (markdown pipes, tabs from an HTML <table>).

The header row says what each column holds — 排名/名次 (rank), 城市/省份/地区/国家/机构 (entity),
事件数/数量/起 (deal count), 金额/融资额/规模 (amount, with its unit and currency from the header:
"融资金额（亿元）"). Each data row becomes a ranking entry (when there is a rank column) and the
figures of a place become funding statistics; the row is the evidence.
"""
from __future__ import annotations

import re
from decimal import Decimal

from ..facts import RankingFact, StatFact
from ..normalize.amounts import parse_money, parse_number
from ..normalize.places import find_places
from .analysis import Analysis
from .stats import stat_fields

SPLIT = re.compile(r"\s*[|\t｜]\s*|\s{2,}|\u3000+")
# a row: pipes or tabs, or (text copied from a PDF) cells apart by runs of spaces
ROW = re.compile(r"[|\t｜]|\S(?:\s{2,}|\u3000+)\S.*\S(?:\s{2,}|\u3000+)\S")
RANK_H = re.compile(r"排名|名次|序号|位次|^No\.?$|^#$", re.I)
ENTITY_H = re.compile(r"城市|省份|省市|地区|区域|国家|机构|投资方|投资人|企业|公司")
COUNT_H = re.compile(r"事件数|事件数量|数量|起数|笔数|案例数|次数|\(起\)|（起）|\(笔\)|（笔）")
AMOUNT_H = re.compile(r"金额|融资额|规模|总额")
SCORE_H = re.compile(r"得分|评分|指数|分值|综合")
UNIT_H = re.compile(r"[(（](?P<u>[^)）]*?(?:元|美元|港元|欧元|日元))[)）]")


def _cells(line: str) -> list[str]:
    """Cells of a stored-text row, in simplified match form (split on the stored text, where a
    full-width space still separates cells)."""
    from ..read import to_match_text

    return [to_match_text(c.strip()) for c in SPLIT.split(line.strip().strip("|｜"))]


def extract_tables(doc, meta, ex, an: Analysis) -> None:
    paras = doc.paragraphs
    mt = doc.match_text
    i = 0
    while i < len(paras):
        line = doc.text[paras[i].start:paras[i].end]
        if len(_cells(line)) < 2 or not ROW.search(line):
            i += 1
            continue
        j = i
        block = []
        while j < len(paras):
            ln = doc.text[paras[j].start:paras[j].end]
            if not ROW.search(ln):
                break
            block.append(j)
            j += 1
        _table(doc, meta, ex, an, block, i)
        i = j


def _table(doc, meta, ex, an, block: list[int], first: int) -> None:
    mt, paras = doc.match_text, doc.paragraphs
    header = _cells(doc.text[paras[block[0]].start:paras[block[0]].end])
    roles: dict[str, int] = {}
    unit = None
    for k, h in enumerate(header):
        if "rank" not in roles and RANK_H.search(h):
            roles["rank"] = k
        elif "entity" not in roles and ENTITY_H.search(h):
            roles["entity"] = k
        elif "count" not in roles and COUNT_H.search(h) and not AMOUNT_H.search(h):
            roles["count"] = k
        elif "amount" not in roles and AMOUNT_H.search(h):
            roles["amount"] = k
            m = UNIT_H.search(h)
            unit = m.group("u") if m else None
        elif "score" not in roles and SCORE_H.search(h):
            roles["score"] = k
    if "entity" not in roles or not ({"rank", "count", "amount"} & set(roles)):
        return
    # the table's name: the nearest short line above it, else the report's title
    above = mt[paras[first - 1].start:paras[first - 1].end] if first > 0 else ""
    generic = re.search(r"如下[:：]?$|见下表|下表", above)   # "榜单前十名如下：" names nothing
    list_name = above.strip() if 0 < len(above) <= 60 and not generic else (meta.title or "表格排名")
    investor_table = bool(re.search(r"机构|投资方|投资人", header[roles["entity"]]))
    # a score column means the ranking is composite, whatever else the table shows
    basis = "composite" if "score" in roles else "deal_count" if "count" in roles else "amount" if "amount" in roles else None
    for p_i in block[1:]:
        p = paras[p_i]
        cells = _cells(doc.text[p.start:p.end])
        if len(cells) < len(header) - 1 or set("".join(cells)) <= set("-:| "):
            continue
        ent = cells[roles["entity"]] if roles["entity"] < len(cells) else ""
        places = find_places(ent)
        place = places[0].value if places and places[0].end - places[0].start >= len(ent) - 1 else None
        if place is None and not investor_table:
            continue
        rank = None
        if "rank" in roles and roles["rank"] < len(cells):
            r = re.sub(r"^第|名$|位$", "", cells[roles["rank"]])
            rank = int(r) if r.isdigit() and 0 < int(r) < 10000 else None
        count = _number(cells, roles.get("count"))
        amount, currency = _amount(cells, roles.get("amount"), unit)
        evidence = doc.text[p.start:p.end]
        if len(evidence) > 400:
            continue
        common = dict(evidence=evidence, evidence_start=p.start, evidence_end=p.end)
        if place is not None and place.level in ("city", "province", "country", "region"):
            for metric, value, cur in (("deal_count", count, None), ("amount", amount, currency)):
                if value is not None:
                    ex.stats.append(StatFact(**common, metric=metric, value=value, currency=cur, sector=meta.scope_sector,
                                             period_start=meta.period_start, period_end=meta.period_end, **stat_fields(place)))
        if rank is not None or "rank" not in roles:
            value = count if basis == "deal_count" else amount if basis == "amount" else _number(cells, roles.get("score"))
            if place is not None:
                ex.rankings.append(RankingFact(
                    **common, list_name=list_name, entity_level=place.level if place.level in ("city", "province", "country", "region") else "city",
                    entity_name=place.name, rank=rank, value=value, basis=basis, sector=meta.scope_sector,
                    city=place.name if place.level == "city" else None, province=place.province, country=place.country,
                    publisher=meta.publisher, period_start=meta.period_start, period_end=meta.period_end))
            elif investor_table and rank is not None:
                ex.rankings.append(RankingFact(
                    **common, list_name=list_name, entity_level="investor", entity_name=ent, rank=rank, value=value,
                    basis=basis, sector=meta.scope_sector, publisher=meta.publisher))


def _number(cells, k) -> Decimal | None:
    if k is None or k >= len(cells):
        return None
    v = parse_number(re.sub(r"[起笔宗个次家\s]", "", cells[k]))
    return v if v is not None and v >= 0 else None


def _amount(cells, k, unit):
    if k is None or k >= len(cells):
        return None, None
    raw = cells[k]
    m = parse_money(raw + (unit or "")) if re.fullmatch(r"[\d.,]+", raw) else parse_money(raw)
    if m is None or m.value is None:
        return None, None
    return Decimal(m.value), m.currency or "CNY"
