"""Document metadata: title, publisher, data source, publication date, covered period and scope.

Title: the report's own name when the text gives one (报告标题:…, a 《…》 the lead says is
published/推出 here, a short line naming a 报告/榜单), else the headline (a short first line).
Publisher: 发布机构:…, "X依托…推出/发布/编制", 来源:X, "关于X" about-sections; 依托…数据库 names
the data source, kept apart. Period: from the title, else a 数据周期/统计周期 line.
"""
from __future__ import annotations

import datetime as dt
import re

from ..facts import DocumentMeta
from ..lexicon import lexicon
from ..normalize.periods import find_dates, find_periods
from ..normalize.places import find_places, names_a_place

REPORT_WORDS = r"(?:报告|榜单|白皮书|排行榜|榜|指数|蓝皮书|研究|洞察|盘点|名单)"
TITLE_FIELD = re.compile(r"^\s*(?:报告标题|报告名称|标题)\s*[:：]\s*(?P<v>.{2,80}?)\s*$", re.M)
PUBLISHER_FIELD = re.compile(r"^\s*(?:发布机构|发布单位|出品方|出品机构|编制单位|研究机构)\s*[:：]\s*(?P<v>.{2,60}?)\s*$", re.M)
SOURCE_FIELD = re.compile(r"^[^\n]{0,20}?(?:本文)?(?:来源|来自|出处|出品)\s*[/:：|｜]\s*(?P<v>[^\n，,。\s|｜]{2,30})", re.M)
PUBLISHED_FIELD = re.compile(r"^\s*(?:发布时间|发布日期|发表时间|发表日期|日期|时间)\s*[:：]\s*(?P<v>[^\n]{6,40})$", re.M)
DATA_SOURCE_FIELD = re.compile(r"^\s*(?:数据来源|资料来源)\s*[:：]\s*(?P<v>.{2,60}?)\s*$", re.M)
PERIOD_FIELD = re.compile(r"^\s*(?:数据周期|统计周期|统计时间|统计区间|数据时间|统计时段|时间范围)\s*[:：]\s*(?P<v>.{2,60}?)\s*$", re.M)
SCOPE_FIELD = re.compile(r"^\s*(?:统计口径|统计范围|研究范围|研究对象)\s*[:：]\s*(?P<v>.{2,80}?)\s*$", re.M)
QUOTED = re.compile(r"《(?P<v>[^《》\n]{2,60})》")
# "加冕研究院依托张通社Link数据库，重磅推出《…》" / "TAOTIE国际品牌研究院独家编制的…榜单"
ORG_SUFFIX = r"(?:研究院|研究所|研究中心|研究部|智库|产研|数据|咨询|财经|资本|证券|协会|商会|委员会|基金会|大学|学院|集团|公司|网|社|局|部|办|厅|委)"
PUBLISH_VERB = r"(?:重磅|正式|联合|独家|首次|共同)?(?:推出|发布|编制|出品|公布|首发|研编)"
ORG_PUBLISHES = re.compile(
    r"(?P<org>[A-Za-z\u4e00-\u9fff][A-Za-z0-9&\u4e00-\u9fff·\s]{1,30}?" + ORG_SUFFIX + r")"
    r"(?:依托(?P<ds>[^，,。；;]{2,30}?(?:数据库|数据平台|数据)))?[,，]?(?:近日|日前|今日|近期|正式|在[^，,。；;]{1,8})?" + PUBLISH_VERB)
RELY_ON = re.compile(r"依托(?P<ds>[^，,。；;]{2,30}?(?:数据库|数据平台|数据))")
ABOUT_ORG = re.compile(r"^\s*关于(?P<org>[^\n，,。]{2,30}?" + ORG_SUFFIX + r")\s*$", re.M)
# "财联社2026年3月5日电" / "【財聯社2024年5月20日訊】": outlet and date of a news item
DATELINE = re.compile(r"^[\s【\[]*(?P<outlet>[\u4e00-\u9fffA-Za-z]{2,10}?)?\s*(?P<d>20\d{2}年\d{1,2}月\d{1,2}日)\s*(?:电|讯|消息)", re.M)
# "来源：汉江财经　记者 李然　2025-03-19 08:42" / "文｜陈卓　来源：能见财经　2024年10月22日"
BYLINE_DATE = re.compile(r"^[^\n]*(?:来源|记者|作者|文\s*[|｜/]|编辑|采访)[^\n]*?(?P<d>20\d{2}(?:年\d{1,2}月\d{1,2}日|-\d{1,2}-\d{1,2}|/\d{1,2}/\d{1,2}))", re.M)
# "【鲸准快讯】" / "【香港經濟日報 2021年7月6日】" / "【數位時代 2025/04/15】"
DATELINE_BRACKET = re.compile(r"^\s*[【\[](?P<outlet>[^】\]\d\s/／]{2,14}?)\s*(?P<d>\d{4}年\d{1,2}月\d{1,2}日|\d{4}[/-]\d{1,2}[/-]\d{1,2})?(?:[／/][^】\]]*)?[】\]]")
# "36氪获悉，…" / "据投中网消息，…" / "清科研究中心数据显示，…" / "第一财经记者注意到…" / "新浪财经讯 …"
LEAD_SOURCE = re.compile(r"^\s*(?:据)?(?P<org>[\u4e00-\u9fffA-Za-z0-9]{2,20}?)(?:·[\u4e00-\u9fff]{2,6})?(?:获悉|消息|讯|数据显示|统计显示|研究显示|监测显示|显示|的数据|统计|记者|报道)")
BY_ORG = re.compile(r"^\s*《(?P<t>[^》]{2,60})》\s*由(?P<org>[^，,。；;]{2,30}?)(?:联合|共同)?(?:发布|编制|推出|出品)")
YEAR_RANGE = re.compile(r"(20\d{2})\s*[—\-–~至到]\s*(20\d{2})")
PERIOD_PROSE = re.compile(r"(?:统计时间|统计周期|统计区间|数据周期|统计期间|数据时间)(?:为|是|[:：])\s*(?P<v>[^。；;\n]{4,40})"
                          r"|基于(?P<v2>20\d{2}年(?:全年|上半年|下半年|前三季度)?)[^，,。]{0,8}?数据")
YEAR_EDITION = re.compile(r"(?P<y>20\d{2})\s*年度")


def _clean_name(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip(" \t:：-—|/·")


def extract_document(doc, source_name: str = "") -> DocumentMeta:
    text, mt = doc.text, doc.match_text
    meta = DocumentMeta()
    head = mt[:3000]

    # -- title ------------------------------------------------------------------------------
    m = TITLE_FIELD.search(head)
    if m:
        meta.title = text[m.start("v"):m.end("v")]
    first = doc.paragraphs[0] if doc.paragraphs else None
    headline = None
    if first is not None:
        ft = text[first.start:first.end]
        if len(ft) <= 60 and not re.search(r"[。！？]$", ft) and not DATELINE_BRACKET.match(mt[first.start:first.end]):
            headline = ft
    if meta.title is None and headline is not None:
        # "《2024…50强榜单》发布：北上深稳居前三" / "江汉创投研究中心发布《2023中西部城市创投竞争力30强》":
        # a report named in the headline is the title; else the headline is
        q = QUOTED.search(mt[first.start:first.end])
        if q and re.search(REPORT_WORDS + r"|强|TOP|Top|指数|回顾", q.group("v")):
            meta.title = text[first.start + q.start("v"):first.start + q.end("v")]
    if meta.title is None:
        by = BY_ORG.search(mt[:300])   # "《2019年香港初創投資報告》由…發布"
        if by:
            meta.title = text[by.start("t"):by.end("t")]
    if meta.title is None:
        # the lead names the report it presents; a report cited later ("据…此前发布的《…》") is not this one
        lead_end = doc.paragraphs[min(2, len(doc.paragraphs) - 1)].end if doc.paragraphs and headline is None else 0
        for q in QUOTED.finditer(mt[:max(lead_end, 0)] if headline is None else ""):
            ctx = mt[max(0, q.start() - 40):q.start()]
            if re.search(r"(?:推出|发布|编制|首发|出品)[^。]{0,6}$", ctx) and re.search(REPORT_WORDS, q.group("v")) \
                    and not re.search(r"此前|曾|之前|早前", ctx):
                meta.title = text[q.start("v"):q.end("v")]
                break
    if meta.title is None:
        # a short standalone line that names a report: "2025年度TTTech中国科创城市100强解读报告"
        for p in doc.paragraphs[:40]:
            pt = mt[p.start:p.end]
            if 6 <= len(pt) <= 50 and re.search(REPORT_WORDS + r"\s*$", pt) and not re.search(r"[。，！？]", pt) \
                    and not pt.startswith(("关于", "报告声明", "报告要素")):
                meta.title = text[p.start:p.end]
                break
    if meta.title is None:
        meta.title = headline

    # -- publisher and data source ----------------------------------------------------------
    body0 = _first_body_sentence(doc)
    lead_end = mt.find(body0) + len(body0) if body0 else -1
    m = PUBLISHER_FIELD.search(head)
    if m:
        meta.publisher = _clean_name(m.group("v"))
    if meta.publisher is None:
        for m in ORG_PUBLISHES.finditer(mt[:2500]):
            org = _clean_name(m.group("org"))
            # the clause must be about this document's report, not a cited one ("…发布《世界能源投资报告》显示")
            tail = mt[m.end():m.end() + 80]
            if re.match(r"[^。]{0,40}?显示", tail) and not m.start() < lead_end:
                continue
            org = re.sub(r"^(?:由|据|经|在|从|是|为|和|与|及|其中|此外|近日|日前|今日|\d+月\d+日)", "", org)
            org = org.split("，")[-1].split(",")[-1]
            if len(org) >= 3 and not find_places(org) or (len(org) >= 5):
                meta.publisher = org
                if m.group("ds"):
                    meta.data_source = _clean_name(m.group("ds"))
                break
    if meta.publisher is None:
        m = BY_ORG.search(body0)
        if m:
            meta.publisher = _clean_name(m.group("org"))
    if meta.publisher is None:
        m = LEAD_SOURCE.match(body0)
        if m and not names_a_place(m.group("org")):
            meta.publisher = _clean_name(m.group("org"))
    if meta.publisher is None:
        m = DATELINE_BRACKET.match(mt[:200])
        if m:
            meta.publisher = _clean_name(re.sub(r"(?:快讯|讯|速递)$", "", m.group("outlet")))
    if meta.publisher is None:
        m = ABOUT_ORG.search(mt)
        if m:
            meta.publisher = _clean_name(m.group("org"))
    if meta.publisher is None:
        m = SOURCE_FIELD.search(mt[:800])
        if m:
            meta.publisher = _clean_name(m.group("v"))
    if meta.data_source is None:
        m = DATA_SOURCE_FIELD.search(head)
        if m and (meta.publisher is None or _clean_name(m.group("v")) != meta.publisher):
            meta.data_source = _clean_name(m.group("v"))
        else:
            m = RELY_ON.search(mt[:2500])
            if m:
                meta.data_source = _clean_name(m.group("ds"))

    # -- dates and periods -------------------------------------------------------------------
    years = [int(y) for y in re.findall(r"(20\d{2})\s*年", mt[:4000])]
    ref_year = max(set(years), key=years.count) if years else None
    title_mt = _match_slice(doc, meta.title) if meta.title else ""
    edition = YEAR_EDITION.search(title_mt or "")
    if title_mt and not edition:
        ps = [p for p in find_periods(title_mt, ref_year) if p.period_start and p.period_end]
        yr = YEAR_RANGE.search(title_mt)
        if ps:
            # "创投周报｜2024年第47周（11月18日—11月24日）": the most specific period the title states
            best = min(ps, key=lambda p: (p.period_end - p.period_start).days)
            meta.period_start, meta.period_end = best.period_start, best.period_end
        elif yr:   # "五年回顾（2020—2024）"
            import datetime as _dt
            meta.period_start, meta.period_end = _dt.date(int(yr.group(1)), 1, 1), _dt.date(int(yr.group(2)), 12, 31)
    if meta.period_start is None and meta.period_end is None:
        m = PERIOD_FIELD.search(head) or PERIOD_PROSE.search(head)
        if m:
            ps = [p for p in find_periods(m.group("v") or m.group("v2"), ref_year) if p.period_start or p.period_end]
            if ps:
                meta.period_start, meta.period_end = ps[0].period_start, ps[0].period_end
    if meta.period_start is None and meta.period_end is None:
        # a news item on one set of figures: "2025年前三季度，全国共发生投融资事件6284起…"
        lead = _first_body_sentence(doc)
        if re.search(r"\d\s*(?:起|笔|宗|次)|\d\s*(?:亿|万)", lead):
            ps = [p for p in find_periods(lead, ref_year) if p.period_start and p.period_end
                  and p.kind in ("year", "half", "quarter", "months", "ytd", "range", "month")]
            if ps:
                meta.period_start, meta.period_end = ps[0].period_start, ps[0].period_end
    db = DATELINE_BRACKET.match(mt[:200])
    if db and db.group("d"):
        ds = find_dates(db.group("d"), ref_year)
        if ds and ds[0][3] == "day":
            meta.published_on = ds[0][2]
    bl = BYLINE_DATE.search(mt[:400])
    if bl and meta.published_on is None:
        ds = find_dates(bl.group("d"), ref_year)
        if ds and ds[0][3] == "day":
            meta.published_on = ds[0][2]
    pf = PUBLISHED_FIELD.search(mt[:1500])
    if pf:
        ds = find_dates(pf.group("v"), ref_year)
        if ds and ds[0][3] == "day":
            meta.published_on = ds[0][2]
    dl = DATELINE.search(mt[:300])
    if dl:
        ds = find_dates(dl.group("d"), ref_year)
        if ds and ds[0][3] == "day" and meta.published_on is None:
            meta.published_on = ds[0][2]
        if meta.publisher is None and dl.group("outlet"):
            meta.publisher = _clean_name(dl.group("outlet"))
    for p in doc.paragraphs[:15]:
        if meta.published_on:
            break
        pt = mt[p.start:p.end]
        if re.search(r"(?:发布|首发|公布|推出|出炉)", pt):
            ds = find_dates(pt, ref_year)
            if ds and ds[0][3] == "day":
                meta.published_on = ds[0][2]
                break

    # -- scope: 全球 / a place, and one sector, from the title or 统计口径 --------------------
    scope_src = title_mt or ""
    m = SCOPE_FIELD.search(head)
    scope_field = m.group("v") if m else ""
    for src in (scope_src, scope_field):
        if meta.scope_geo is None and src:
            ps = [h.value for h in find_places(src) if h.value.level in ("world", "country", "city", "province", "overseas", "region")]
            if ps:
                meta.scope_geo = ps[0].name
    lex = lexicon()
    for src in (scope_src, scope_field):
        secs = {h.value for h in lex.sectors.find(src)} if src else set()
        if len(secs) == 1:
            meta.scope_sector = secs.pop()
            break
    return meta


def _first_body_sentence(doc) -> str:
    """The first sentence that is prose (not a headline, byline or dateline-only line)."""
    for st in doc.sentences[:8]:
        t = doc.match_text[st.start:st.end]
        if len(t) > 20 and re.search(r"[，,。]", t):
            return t
    return ""


def _match_slice(doc, value: str) -> str:
    i = doc.text.find(value)
    return doc.match_text[i:i + len(value)] if i >= 0 else value


def ref_year_month(doc, meta: DocumentMeta) -> tuple[int | None, int | None]:
    """The year the text's bare dates (11月, 上半年) refer to."""
    d = meta.period_end or meta.published_on
    if d:
        return d.year, d.month
    years = [int(y) for y in re.findall(r"(20\d{2})\s*年", doc.match_text[:4000])]
    if years:
        return max(set(years), key=years.count), None
    return dt.date.today().year, None
