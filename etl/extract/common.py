"""Helpers shared by the deal, stat and ranking rules."""
from __future__ import annotations

from collections import Counter
from decimal import Decimal

from ..lexicon import Hit, lexicon
from .analysis import Analysis, Sent, analyse


import re

# Vocabulary of other markets that share words with venture funding: margin trading (融资买入,
# 融资余额), the stock market, and debt. Sentences in it state no venture facts.
MARGIN_RE = re.compile(r"融资买入|融资余额|融资融券|两融|融资偿还|融资净|融资客|融券|融资租赁|租赁")
MARKET_RE = re.compile(r"涨停|跌停|收盘|收跌|收涨|股价|市值|成交额|换手率|大盘|个股|概念股|[沪深]指")
DEBT_RE = re.compile(r"债券|发债|债务|贷款|授信|票据|回购|配资|质押|信托|可转债|中票|短融")


def other_market(t: str) -> bool:
    return bool(MARGIN_RE.search(t) or MARKET_RE.search(t))


def to_decimal(v) -> Decimal | None:
    if v is None:
        return None
    return v if isinstance(v, Decimal) else Decimal(str(v))


def analysis_for(doc, meta) -> Analysis:
    from .document import ref_year_month

    ry, rm = ref_year_month(doc, meta)
    return analyse(doc, ry, rm)


def most_specific(hits: list[Hit]) -> str | None:
    """The deepest sector in the taxonomy among the hits; the first mentioned on a tie."""
    if not hits:
        return None
    lex = lexicon()
    best = max(enumerate(hits), key=lambda ih: (lex.sector_depth(ih[1].value), -ih[0]))
    return best[1].value


DESCRIBES = re.compile(r"专注于?|主攻|致力于|聚焦于?|从事|是一家|主营|深耕|定位为|提供")


def sector_for(an: Analysis, sent: Sent, a: int, b: int, meta, *, deal: bool = False, company: str | None = None) -> str | None:
    """The most specific sector the fact's clause names, else its sentence's; deals fall back on a
    sentence describing the company (X专注于…), the paragraph, the section heading, the report's one
    sector, then the document's dominant sector. A sector word inside the company's own name
    (智驭新能源科技, 明眸医疗) says nothing about its sector."""
    lex = lexicon()
    own: tuple[int, int] | None = None
    if company:
        i = sent.t.find(company)
        own = (i, i + len(company)) if i >= 0 else None
    hits = [h for h in sent.sectors if not (own and own[0] <= h.start < own[1])]
    near = [h for h in hits if a <= h.start < b]
    if near:
        return most_specific(near)
    if hits:
        return most_specific(hits)
    if not deal:
        return meta.scope_sector
    if company:
        for other in an.sents:
            m = re.search(re.escape(company) + r"[^。]{0,12}?(?:" + DESCRIBES.pattern + r")", other.t)
            if m:
                desc = [h for h in other.sectors if h.start >= m.end() - 6]
                if desc:
                    return most_specific(desc)
    for prev in reversed(an.sents[: sent.i]):
        if prev.para != sent.para:
            break
        if prev.sectors:
            return most_specific(prev.sectors)
    if sent.section_title:
        hs = lex.sectors.find(sent.section_title)
        if hs:
            return most_specific(hs)
    if meta.scope_sector:
        return meta.scope_sector
    return dominant_sector(an)


def dominant_sector(an: Analysis) -> str | None:
    """The sector a document is about, when one clearly dominates its mentions."""
    if not hasattr(an, "_dominant"):
        lex = lexicon()
        c: Counter = Counter()
        for s in an.sents:
            for h in s.sectors:
                # count a child as a mention of its top-level ancestor
                name = h.value
                while lex.sector_parent.get(name):
                    name = lex.sector_parent[name]
                c[name] += 1
        total = sum(c.values())
        top = c.most_common(1)
        an._dominant = top[0][0] if top and total >= 5 and top[0][1] >= 0.5 * total else None
    return an._dominant

