"""Funding statistics: aggregate figures a report states (N起, 披露融资金额…, 占比, 同比).

A figure's geo is the place nearest before it in its sentence (a value in brackets right after a
place belongs to that place: 北京(520起)), else the paragraph's label (国外:…), else the section
heading (深圳:…), else the report's scope (全球 / a place named by the title), else 中国. Its sector
is the nearest sector named before it, else the report's one sector. 分别 distributes a list of
values over the list of places or sectors just before it. Thresholds (50起以下), differences
(以20起的差距, 高出近100起), extremes (最低仅有8起) and an investor's own activity (出手86起) are
not statistics.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..facts import StatFact
from ..lexicon import Hit, Place, lexicon
from ..normalize.amounts import Money
from ..normalize.periods import Period
from .analysis import Analysis, Sent
from .common import most_specific, other_market, to_decimal

INVESTOR_PARA = re.compile(r"出手(?:最|了?\d)|参与了?\d|最活跃的(?:投资)?机构|投资机构(?:为|是|中)|机构首位|机构之首|各投资机构|活跃机构")
INVESTOR_ACTIVITY = re.compile(r"出手|对外投资|投资了")
EVENT_VERB = re.compile(r"发生|完成|录得|披露|共|合计|累计|达|以|事件数|事件数量|案例数|交易数")
RANK_COUNT = re.compile(r"以\d[\d,]*(?:起|笔|宗)[^,，。；;]{0,10}?(?:位居|排名|位列|拔得|领跑|居|排|稳居|名列|拿下)")
FUNDING_KW = re.compile(r"融资|投融资|投资事件|投资案例|风险投资|风投|创投|交易|募资|获投|投资金额|投资总额|总投资")
COUNT_RE = re.compile(
    r"(?P<num>\d[\d,]*|[一二两三四五六七八九十百千]+)\s?(?P<unit>起|笔|宗|件|个)"
)
CN_NUM_OK_BEFORE = re.compile(r"(?:共|共计|合计|累计|发生|达|总计)$")
COUNT_BAD_BEFORE = re.compile(r"(?:出手|对外投资|高出|多出|超出|差距|低于|不足|少于|减少|增加|增长了?|下降了?|相差|领先|落后|第|至少(?:发生|有)?|超过|逾)(?:约|近|了)?$")
COUNT_EXTREME_BEFORE = re.compile(r"(?:最低|最高|最少|最多|最小|最大)[^,，;；]{0,4}$")
COUNT_BAD_AFTER = re.compile(r"^(?:(?:投融资|融资|投资)?(?:事件)?的?(?:微弱|小|较大|大)?(?:差距|之差|优势)|以下|以上|左右的|及以上|及以下|以内|(?:投融资|融资)?(?:事件)?的(?:城市|省份|地区|企业))")
ITEM_CUE_BEFORE = re.compile(r"(?:事件|交易|案例|项目)(?:的)?(?:数量|数目|总数|数)(?:为|达到|达|共|是|约|超过|超|仅|有)*$"
                             r"|(?:投资|融资|投融资|创业投资|股权投资)事件(?:为|达到|达|共|约)*$")
INVESTOR_SUBJECT = re.compile(r"战投|创投|资本(?!市场)|基金|投资机构|投资方|投资人|投资部|出手")
OVERVIEW = re.compile(r"^(?:分行业|分赛道|分领域|分轮次|从行业|从赛道|从领域|从轮次|整体|总体|全年|全省|全市|全国)")
PROJECT_CTX = re.compile(r"项目|产业园|园区|基地|工厂|产线|开工|签约|落户|竣工|投产|开园")
FORECAST = re.compile(r"拟|预计|计划|有望|将达|目标|预期|或将")
# money raised BY funds (募资), exits and fund counts are not investment into companies
NOT_DEALS = re.compile(r"募资|募集|新募|退出|基金数量|上市企业|上市公司|注册|注销|营收|收入|利润|估值")
AMOUNT_CUE_BEFORE = re.compile(
    r"(?:(?:融资|投融资|投资|交易|风投)(?:总?金额|总额|总价值|规模|额)|总投资金额|披露(?:融资)?(?:总?金额|总额)|吸纳(?:融资)?(?:金额)?|融资)"
    r"(?:共计|合计|总计|累计|约为|分别为|分别是|分别|为|达到|达|超过|是|仅|共|则|均)*$")
AMOUNT_CUE_BARE = re.compile(r"^金额(?:为|达到|达|约|共|合计)*$")   # "…完成投资事件812个，金额436.5亿元"
AMOUNT_CUE_AFTER = re.compile(r"^(?:的)?(?:披露)?(?:融资|投资)(?:总)?(?:金额|额|规模)")
# "北京以1032亿元位居榜首": an amount a ranking claim rests on
AMOUNT_RANK_CUE = re.compile(r"^(?:的[^,，。；;]{0,8})?(?:位居|排名|位列|拔得|领跑|居|排|稳居|名列)")
MEDIAN_CUE = re.compile(r"中位数(?:约|为|是|集中在|达)*$")
MEAN_CUE = re.compile(r"(?:平均|均值)(?:融资)?(?:金额|额)?(?:约|为|是|达)*$|\($|（$")
SHARE_RE = re.compile(
    r"(?P<cue>占(?:比|到)?|比重(?:达到|达|为)?|贡献了?|吸收了?|拿走了?|吸纳了?|占据了?)(?P<mid>[^。；;%]{0,16}?)(?:约|近|超过|超|仅约|仅|达|为)*\s?(?P<v>\d+(?:\.\d+)?)\s?%")
# "以不足三成的资金完成了超过六成的交易", "占约两成八"
CHENG_RE = re.compile(r"(?P<cue>占比?|占[^,，。；;]{0,8}?|以|吸收了?|拿走了?|完成了?|贡献了?|仅占)(?P<q>不足|不到|超过|超|近|约|逾|接近)?"
                      r"(?P<n>[一二两三四五六七八九])成(?P<m>[一二三四五六七八九])?(?!员|本|果|立|交|为|熟|功|长)")
CN_DIGIT = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CHANGE_RE = re.compile(
    r"(?P<kind>同比|环比|按年|按月|较(?:上年|去年|上月|\d{2,4}年)同期|年(?=[增减]))(?P<dir>增长|上涨|上升|提升|增加|下滑|下降|减少|降低|回落|下跌|增|减)了?(?:约|近|超过|超)?\s?(?P<v>\d+(?:\.\d+)?)\s?%")
DOWN = ("下滑", "下降", "减少", "降低", "回落", "下跌", "减")
ENUM_GAP = re.compile(r"^[、,，和及与以及/\s]*$")
COMPARATOR_BEFORE = re.compile(r"(?:占|占到|贡献|超过|高于|低于|远超|相比|比|较|对|超|反超|含|包括|如)$")
EXCLUDED_SPANS = re.compile(r"\((?:含|包括|如)[^)]*\)|包括[^,，。；;]*?等|(?:如|例如|比如)[^,，。；;]*?等")
PERIOD_BAD_BEFORE = re.compile(r"(?:较|比|相比|同比|对比|与|和)$")


@dataclass
class Value:
    pos: int          # start in sentence
    end: int
    metric: str       # deal_count / amount / amount_median / amount_mean / …_share / …_yoy / …_mom
    value: Decimal
    value_max: Decimal | None = None
    currency: str | None = None
    qualifier: str | None = None
    geo: Place | None = None
    sector: str | None = None
    round: str | None = None
    period: tuple | None = None   # set when 分别 spreads values over years or quarters


def _qualifier_before(t: str, i: int) -> str:
    pre = t[max(0, i - 3):i]
    if re.search(r"(?:约|近|接近|将近|大约)$", pre):
        return "approx"
    if re.search(r"(?:超过|超|逾|过|以上|不少于|至少)$", pre):
        return "at_least"
    if re.search(r"(?:不足|不到|不超过|至多|低于)$", pre):
        return "at_most"
    return "exact"


def _parse_count(s: str) -> Decimal | None:
    from ..normalize.amounts import parse_number

    v = parse_number(s.replace(",", ""))
    return v


def _counts(sent: Sent, strict: bool = False) -> list[Value]:
    """Event counts in a sentence. ``strict`` (the sentence itself names no funding word): the
    count's clause must still say it is an event count (发生/共/合计, a round, 融资事件…)."""
    t = sent.t
    out = []
    activity = INVESTOR_ACTIVITY.search(t)
    for m in COUNT_RE.finditer(t):
        if activity and m.start() > activity.start():
            continue   # "谷歌…对外投资1586起，AI领域271起": an investor's own activity, to the end of the sentence
        num, unit = m.group("num"), m.group("unit")
        before = t[:m.start()]
        after = t[m.end():]
        if unit in ("件", "个") and not ITEM_CUE_BEFORE.search(before[-14:]):
            continue
        if not num[0].isdigit() and not CN_NUM_OK_BEFORE.search(before[-3:]):
            continue
        if num[0].isdigit() and m.start() and (t[m.start() - 1].isdigit() or t[m.start() - 1] in ".-~～"
                                                or (t[m.start() - 1] == "至" and m.start() > 1 and t[m.start() - 2].isdigit())):
            continue   # the second number of "3-5起", "3至5起"; "降至327起" is a figure
        if COUNT_BAD_BEFORE.search(before[-12:]) or COUNT_EXTREME_BEFORE.search(before[-10:]) or COUNT_BAD_AFTER.search(after[:14]):
            continue
        if unit in ("起", "笔", "宗") and re.match(r"^(?:城市|省|家|企业|公司)", after):
            continue
        a = max(t.rfind(c, 0, m.start()) for c in ",，;；:：") + 1
        if INVESTOR_SUBJECT.search(t[a:m.start()]) or NOT_DEALS.search(t[a:m.start()]) or FORECAST.search(t[a:m.start()]):
            continue
        bracketed = bool(re.search(r"[(（]$", before)) and any(h.end == m.start() - 1 for h in sent.places)
        # "2. 北京 —— 31起" / "北京：31起": a count hung directly on a place
        bracketed = bracketed or any(re.fullmatch(r"[\s—\-:：]*(?:[(（][^)）]{0,6}[)）])?[\s—\-:：]*(?:各|均)?", t[h.end:m.start()])
                                     for h in sent.places if h.end <= m.start())
        if strict and not out and not bracketed and not sent.label_rounds and not (EVENT_VERB.search(t[a:m.start()]) or sent.rounds and any(a <= h.start < m.start() for h in sent.rounds)
                           or re.match(r"^(?:投融资|融资|投资)", after)):
            continue
        v = _parse_count(num)
        if v is None or v < 0:
            continue
        out.append(Value(m.start(), m.end(), "deal_count", v, qualifier=_qualifier_before(t, m.start())))
    return out


def _amounts(sent: Sent, used: set[tuple[int, int]]) -> list[Value]:
    t = sent.t
    out = []
    prev: tuple | None = None   # (end, metric) of the figure just accepted: "286亿元、253亿元和412亿元" share its cue
    for mo in sent.money:
        if (sent.abs(mo.start), sent.abs(mo.end)) in used:
            continue
        if prev is not None and re.fullmatch(r"[、和及与]", t[prev[0]:mo.start]):
            out.append(Value(mo.start, mo.end, prev[1], to_decimal(mo.value), to_decimal(mo.value_max),
                             mo.currency or "CNY", mo.qualifier))
            prev = (mo.end, prev[1])
            continue
        prev = None
        a = max(t.rfind(c, 0, mo.start) for c in ",，;；:：") + 1
        before = t[a:mo.start].rstrip()
        if NOT_DEALS.search(before) or FORECAST.search(before) or PROJECT_CTX.search(t):
            continue
        after = t[mo.end:mo.end + 10]
        if INVESTOR_SUBJECT.search(before) and not re.search(r"风险投资|风投", before):
            continue
        if MEDIAN_CUE.search(before):
            metric = "amount_median"
        elif MEAN_CUE.search(before) and re.search(r"中位数|平均", t[:mo.start]):
            metric = "amount_mean"
        elif AMOUNT_CUE_BEFORE.search(before) or AMOUNT_CUE_AFTER.search(after) or (
                AMOUNT_CUE_BARE.match(before) and FUNDING_KW.search(t) and COUNT_RE.search(t[:mo.start])) or (
                before.endswith("以") and AMOUNT_RANK_CUE.search(t[mo.end:mo.end + 14])):
            metric = "amount"
        else:
            continue
        out.append(Value(mo.start, mo.end, metric, to_decimal(mo.value), to_decimal(mo.value_max),
                         mo.currency or "CNY", mo.qualifier))
        prev = (mo.end, metric)
    return out


def _excluded(t: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in EXCLUDED_SPANS.finditer(t)]


def _geo_candidates(sent: Sent) -> list[Hit]:
    """Places a figure can belong to: not inside (含…)/包括…等, and not the scope of a rank
    ("位列全国前三", "西部第一")."""
    ex = _excluded(sent.t)
    return [h for h in sent.places if not any(a <= h.start < b for a, b in ex)
            and not re.match(r"^(?:前\d|前[一二两三四五六七八九十]|第|首位|之首)", sent.t[h.end:h.end + 2])]


def _geo_at(sent: Sent, pos: int, places: list[Hit]) -> Place | None:
    t = sent.t
    # a value in brackets right after a place: 北京(520起), 广东(58起，占20%)
    op = max(t.rfind("(", 0, pos), t.rfind("（", 0, pos))
    if op >= 0 and ")" not in t[op:pos] and "）" not in t[op:pos]:
        for h in places:
            if h.end == op:
                return h.value
    for h in reversed(places):
        if h.end <= pos:
            if COMPARATOR_BEFORE.search(t[max(0, h.start - 2):h.start]) and not _own_bracket(t, h, pos):
                continue
            return h.value
    return None


def _own_bracket(t: str, h: Hit, pos: int) -> bool:
    return t[h.end:h.end + 1] in "(（" and pos > h.end


def _sector_at(sent: Sent, pos: int, end: int) -> str | None:
    before = [h for h in sent.sectors if h.end <= pos]
    if before:
        return before[-1].value
    # "107起AI项目": the sector right after the count
    after = [h for h in sent.sectors if end <= h.start <= end + 2]
    return after[0].value if after else None


def _round_label(names: list[str], t: str = "") -> str | None:
    lex = lexicon()
    if len(names) == 2 and re.search(re.escape(names[0]) + r"\s*(?:至|到|~|-|—)\s*" + re.escape(names[1]), t):
        # "Pre-A轮至A+轮合计138起": every single round from the first to the last
        lo, hi = lex.round_order.get(names[0]), lex.round_order.get(names[1])
        if lo is not None and hi is not None and lo < hi:
            names = [n for n, o in sorted(lex.round_order.items(), key=lambda x: x[1])
                     if lo <= o <= hi and "+" not in n.replace("A+轮", "").replace("B+轮", "").replace("C+轮", "")
                     and "及以后" not in n and n not in ("IPO前", "IPO后")]
    expanded: list[str] = []
    for n in names:
        # a group name (泛A轮 → Pre-A轮+A轮+A+轮) stands for its members
        expanded += n.split("+") if "+" in n and n not in ("A+轮", "B+轮", "C+轮") else [n]
    names = [n for n in dict.fromkeys(expanded) if n in lex.round_order]
    if not names:
        return None
    if len(names) == 1 and re.search(re.escape(names[0]) + r"\s*(?:及以后|及以上|以后|之后|及后续)", t):
        return f"{names[0]}及以后"
    return "+".join(sorted(names, key=lambda n: lex.round_order[n]))


def _period_at(sent: Sent, pos: int, an: Analysis, meta) -> tuple:
    best: Period | None = None
    for p in sent.periods:
        if p.end <= pos + 1 and (p.period_start or p.period_end):
            adjacent = re.fullmatch(r"[的\s]*(?:约|近|超过?|共)?", sent.t[p.end:pos]) is not None
            if PERIOD_BAD_BEFORE.search(sent.t[max(0, p.start - 2):p.start]) and not adjacent:
                continue   # "较2019年…" compares; but "较2019年的148起" is 2019's own figure
            best = p
    if best is not None:
        if best.kind == "as_of" and best.period_start is None:
            # 截至2025年9月30日，…今年以来 → from the first of that year
            ytd = next((p for p in sent.periods if p.kind == "ytd" and p.period_start and best.period_end
                        and p.period_start.year == best.period_end.year), None)
            if ytd is not None:
                return ytd.period_start, best.period_end
        return best.period_start, best.period_end
    # earlier sentences of the same paragraph set the period ("2025年1月至6月，…。…")
    for prev in reversed(an.sents[: sent.i]):
        if prev.para != sent.para:
            break
        ps = [p for p in prev.periods if (p.period_start or p.period_end) and not PERIOD_BAD_BEFORE.search(prev.t[max(0, p.start - 2):p.start])]
        if ps:
            return ps[-1].period_start, ps[-1].period_end
    if meta.period_start or meta.period_end:
        return meta.period_start, meta.period_end
    # a report without a stated period: the period its text last set ("2024年…。…其中江苏以1652起")
    for prev in reversed(an.sents[: sent.i]):
        ps = [p for p in prev.periods if p.period_start and p.period_end and p.kind in ("year", "half", "quarter", "months", "ytd")
              and not PERIOD_BAD_BEFORE.search(prev.t[max(0, p.start - 2):p.start])]
        if ps:
            return ps[-1].period_start, ps[-1].period_end
    return None, None


def scope_place(meta) -> Place:
    lex = lexicon()
    name = meta.scope_geo or "中国"
    for h in lex.places.find(name):
        return h.value
    return Place("country", "中国", "CN", country="中国")


def stat_fields(p: Place) -> dict:
    if p.level == "city":
        return dict(geo_level="city", geo_name=p.name, city=p.name, province=p.province, country=p.country)
    if p.level == "province":
        return dict(geo_level="province", geo_name=p.name, province=p.name, country=p.country)
    if p.level == "country":
        return dict(geo_level="country", geo_name=p.name, country=p.name)
    if p.level == "region":
        return dict(geo_level="region", geo_name=p.name, region=p.name)
    if p.level == "foreign_city":
        return dict(geo_level="city", geo_name=p.name, country=p.country)   # no row in the city table
    if p.level in ("world", "overseas", "group"):
        return dict(geo_level=p.level, geo_name=p.name)
    return dict(geo_level="group", geo_name=p.name)


def _enumeration(t: str, hits: list[Hit], before: int) -> list[Hit]:
    """The run of hits closest before ``before`` separated only by 、/和/及 — a list."""
    hs = [h for h in hits if h.end <= before]
    if not hs:
        return []
    run = [hs[-1]]
    for h in reversed(hs[:-1]):
        if h.end <= run[0].start and ENUM_GAP.match(t[h.end:run[0].start]):
            run.insert(0, h)
        else:
            break
    return run


def _period_slots(sent: Sent, before: int, k: int) -> list[tuple] | None:
    """The k periods a 分别 list runs over: "2020年至2024年…分别…" (years), "第一至第四季度…分别…"
    (quarters), or "2022年、2023年和2024年分别…" (a list of years)."""
    import calendar
    import datetime as dt

    ps = [p for p in sent.periods if p.end <= before and p.period_start and p.period_end]
    if not ps:
        return None
    years = [p for p in ps if p.kind == "year"]
    if len(years) >= k and k > 1:
        run = years[-k:]
        if all(re.fullmatch(r"[、,，和及与至到\s]*", sent.t[a.end:b.start]) for a, b in zip(run, run[1:])):
            return [(p.period_start, p.period_end) for p in run]
    last = ps[-1]
    a, b = last.period_start, last.period_end
    months = (b.year - a.year) * 12 + b.month - a.month + 1
    if a.month == 1 and b.month == 12 and b.year - a.year + 1 == k and k > 1:
        return [(dt.date(y, 1, 1), dt.date(y, 12, 31)) for y in range(a.year, b.year + 1)]
    if months == 3 * k and k > 1 and a.month in (1, 4, 7, 10):
        out = []
        for i in range(k):
            m0 = a.month + 3 * i
            y = a.year + (m0 - 1) // 12
            m0 = (m0 - 1) % 12 + 1
            out.append((dt.date(y, m0, 1), dt.date(y, m0 + 2, calendar.monthrange(y, m0 + 2)[1])))
        return out
    return None


def _distribute(sent: Sent, values: list[Value], prev_slots: list | None = None) -> list | None:
    """分别: "上海在生物医药、集成电路产业分别拿下105起、73起" — values map onto the list before 分别."""
    t = sent.t
    found_slots = None
    for m in re.finditer(r"分别|依次为|依次是", t):
        vals = [v for v in values if v.pos >= m.end() and v.metric in ("deal_count", "amount")]
        if len(vals) < 2:
            continue
        gap = t[m.end():vals[0].pos]
        if re.search(r"[、,，;；]", gap) or any(m.end() <= h.start < vals[0].pos for h in sent.places):
            continue   # "分别是北京、上海…": this 分别 lists places; the values belong to a later 分别
        # only the values of the same clause run after 分别 (separated by 、)
        run = [vals[0]]
        for v in vals[1:]:
            if re.match(r"^[、,，和及与\s]*$", t[run[-1].end:v.pos]):
                run.append(v)
            else:
                break
        k = len(run)
        slots = _period_slots(sent, m.start(), k)
        if slots is None and prev_slots and len(prev_slots) == k and re.search(r"同期|同一时期|相应", t[:m.start()]):
            slots = prev_slots   # "同期，披露融资金额分别约为…": the years of the sentence before
        if slots is not None:
            for v, sl in zip(run, slots):
                v.period = sl
            found_slots = slots
            continue
        places = _enumeration(t, _geo_candidates(sent), m.start())
        sectors = _enumeration(t, sent.sectors, m.start())
        pe = places[-1].end if places else -1
        se = sectors[-1].end if sectors else -1
        if se > pe and len(sectors) >= k:
            for v, h in zip(run, sectors[-k:]):
                v.sector = h.value
        elif pe > se and len(places) >= k:
            for v, h in zip(run, places[-k:]):
                v.geo = h.value
        else:
            # "IT、医疗健康和先进制造分别发生578起、421起、399起" with a name we do not know: the
            # values cannot be told apart, and a wrong pairing is worse than none
            for v in run:
                v.metric = "_ambiguous"
    return found_slots


def extract_stats(doc, meta, ex, an: Analysis, used_money: set[tuple[int, int]] | None = None) -> None:
    used_money = used_money or set()
    carry_geo: Place | None = None
    semi_geo: Place | None = None
    carry_sector: str | None = None
    para_slots = None
    carry_para = -1
    para_kw: dict[int, bool] = {}
    investor_para: dict[int, bool] = {}
    for s_ in an.sents:
        para_kw[s_.para] = para_kw.get(s_.para, False) or bool(FUNDING_KW.search(s_.t))
        investor_para[s_.para] = investor_para.get(s_.para, False) or bool(INVESTOR_PARA.search(s_.t))
    companies = sorted({d.company for d in ex.deals}, key=len, reverse=True)
    doc_kw = bool(FUNDING_KW.search(meta.title or "")) or bool(re.search(r"投融资|融资|创投|风投", meta.title or ""))
    for sent in an.sents:
        t = sent.t
        if OVERVIEW.match(t):
            carry_geo = None   # "分行业看，…" / "全省…" starts over from the report's scope
        if sent.para != carry_para:
            carry_geo, semi_geo, carry_sector, carry_para = None, None, None, sent.para
            para_slots = None
        last_geo = None
        context = " ".join(x for x in (sent.label or "", sent.section_title or "") if x)
        if not (doc_kw or para_kw.get(sent.para) or FUNDING_KW.search(context) or RANK_COUNT.search(t)):
            continue
        if other_market(t):
            continue   # 两市融资余额, 股价, 成交额: another market's figures
        names_company = any(c in t for c in companies)
        values = _counts(sent, strict=not FUNDING_KW.search(t) and not FUNDING_KW.search(context)) + _amounts(sent, used_money)
        values.sort(key=lambda v: v.pos)
        slots = _distribute(sent, values, para_slots)
        if slots:
            para_slots = slots
        places = _geo_candidates(sent)
        out_vals: list[Value] = []
        values = [v for v in values if v.metric != "_ambiguous"]
        for v in values:
            own = v.geo or _geo_at(sent, v.pos, places)
            if own is None and names_company:
                continue   # a company's own history ("此前三轮累计融资额逾8亿元") is not an aggregate
            if own is None and investor_para.get(sent.para) and v.metric in ("deal_count", "amount") and not re.search(
                    r"全国|全球|国内|海外|领域|行业|赛道", t[max(t.rfind(c, 0, v.pos) for c in ",，;；。") + 1:v.pos]):
                continue   # "西高投以52起位列第二": an investor's own activity
            geo = own or sent.label_place or semi_geo or carry_geo or sent.section_place or scope_place(meta)
            v.geo = geo
            if v.sector is None:
                v.sector = _sector_at(sent, v.pos, v.end) or carry_sector or meta.scope_sector
            out_vals.append(v)
            # "深圳与杭州均为612起": the same figure for every place of the list before 均
            if own is not None and re.search(r"(?:均为|均有|均达|都是|均是|皆为|各发生|各有|各完成|各)(?:约|近)?$", t[max(0, v.pos - 4):v.pos]):
                run = _enumeration(t, places, v.pos)
                for h in run[:-1]:
                    if h.value.name != own.name:
                        out_vals.append(Value(v.pos, v.end, v.metric, v.value, v.value_max, v.currency, v.qualifier,
                                              geo=h.value, sector=v.sector))
        # shares and changes refer to the figure before them
        for m in list(SHARE_RE.finditer(t)) + list(CHENG_RE.finditer(t)):
            base = _last_before(out_vals, m.start())
            mid = t[max(0, m.start() - 12):m.end()]
            tail = t[m.end():m.end() + 8]
            if re.match(r"^的?(?:全球|全国)?(?:资金|融资金额|融资额|金额|资本)", tail):
                metric = "amount_share"
            elif re.match(r"^的?(?:全球|全国)?(?:融资事件|事件|交易|项目)", tail):
                metric = "deal_count_share"
            elif re.search(r"金额|资金|融资额|规模|总额|钱", mid):
                metric = "amount_share"
            elif re.search(r"事件|数量|起|笔|项目", mid) or (base and base.metric == "deal_count"):
                metric = "deal_count_share"
            elif base and base.metric == "amount":
                metric = "amount_share"
            else:
                continue
            geo = _geo_at(sent, m.start(), places) or (base.geo if base else None) or sent.label_place or semi_geo or carry_geo or sent.section_place or scope_place(meta)
            sector = _sector_at(sent, m.start(), m.end()) or (base.sector if base else None) or meta.scope_sector
            if "n" in m.groupdict():   # "不足三成", "两成八": tenths in words
                val = Decimal(CN_DIGIT[m.group("n")] * 10 + (CN_DIGIT[m.group("m")] if m.group("m") else 0))
                q = {"不足": "at_most", "不到": "at_most", "超过": "at_least", "超": "at_least", "逾": "at_least",
                     "近": "approx", "约": "approx", "接近": "approx"}.get(m.group("q") or "", "approx" if m.group("m") is None else "exact")
            else:
                val, q = Decimal(m.group("v")), _qualifier_before(t, m.start("v"))
            out_vals.append(Value(m.start(), m.end(), metric, val, geo=geo, sector=sector, qualifier=q))
        for m in CHANGE_RE.finditer(t):
            base = _last_before([v for v in out_vals if v.metric in ("deal_count", "amount")], m.start())
            said = t[max(0, m.start() - 6):m.start()]
            if base is not None and re.search(r"事件数|数量|笔数|起数", said) and base.metric != "deal_count":
                base = _last_before([v for v in out_vals if v.metric == "deal_count"], m.start()) or base
            elif base is not None and re.search(r"金额|总额|规模", said) and base.metric != "amount":
                base = _last_before([v for v in out_vals if v.metric == "amount"], m.start()) or base
            if base is None:
                continue
            kind = "mom" if m.group("kind") == "环比" else "yoy"
            val = Decimal(m.group("v")) * (-1 if m.group("dir") in DOWN else 1)
            out_vals.append(Value(m.start(), m.end(), f"{base.metric}_{kind}", val, geo=base.geo, sector=base.sector,
                                  qualifier=_qualifier_before(t, m.start("v"))))
        label_round = _round_label(sent.label_rounds, sent.label or "")
        for v in out_vals:
            ps, pe = getattr(v, "period", None) or _period_at(sent, v.pos, an, meta)
            rnd = label_round
            if rnd is None:
                # rounds named after the previous figure: "天使轮与A轮合计约2150起，B轮及以后约960起"
                seg = max(t.rfind(c, 0, v.pos) for c in ";；") + 1
                prev = [w for w in values if seg <= w.pos and w.end <= v.pos]
                prev_end = max([w.end for w in prev] + [seg])
                hits = [h.value for h in sent.rounds if prev_end <= h.start and h.end <= v.pos
                        and not (h.value == "股权投资" and re.match(r"^(?:事件|案例|交易|市场|机构)", t[h.end:h.end + 2]))]
                # "股权融资事件" is the generic noun, not the 股权投资 round
                rnd = _round_label(hits, t[prev_end:v.pos])
                if rnd is None and prev and getattr(prev[-1], "round", None):
                    rnd = prev[-1].round   # "战略投资11起，披露金额合计约41亿元": same round, next figure
            v.round = rnd
            ex.stats.append(StatFact(
                evidence=sent.raw, evidence_start=sent.start, evidence_end=sent.end, metric=v.metric, value=v.value,
                value_max=v.value_max, currency=v.currency if v.metric.startswith("amount") and not v.metric.endswith(("share", "yoy", "mom")) else None,
                qualifier=v.qualifier, sector=v.sector, round=rnd, period_start=ps, period_end=pe, **stat_fields(v.geo)))
            if v.metric in ("deal_count", "amount") and v.geo is not None:
                last_geo = v.geo
        sectors_here = {v.sector for v in out_vals if v.metric in ("deal_count", "amount")}
        if len(sectors_here) == 1:
            carry_sector = sectors_here.pop()   # "2020年我国半导体行业共发生…。分省份看，…" stays in 半导体
        elif len(sectors_here) > 1:
            carry_sector = None
        subjects = {v.geo.name for v in out_vals if v.metric in ("deal_count", "amount") and v.geo is not None}
        if len(subjects) == 1 and last_geo is not None and last_geo.level != "group":
            carry_geo = last_geo   # later sentences of the paragraph that name no place are about it
        elif len(subjects) > 1:
            carry_geo = None   # after a list of places, a sentence naming none is not about the last one
        elif not values and places:
            named = {h.value.name for h in places if h.value.level in ("city", "province")}
            # "东莞则代表了另一种路径。这座…城市2024年发生融资事件138起": a topic sentence names the subject
            carry_geo = places[0].value if len(named) == 1 and places[0].start <= 2 else None
        # a clause after "；" continues the subject of the one before it, groups included
        semi_geo = last_geo if t.rstrip().endswith((";", "；")) else None


def _last_before(vals: list[Value], pos: int) -> Value | None:
    best = None
    for v in vals:
        if v.pos < pos and v.metric in ("deal_count", "amount"):
            best = v
    return best
