"""Deals: one financing event of a named company, from how Chinese financial prose states one.

Patterns (all on the simplified match text of one sentence):
- X(宣布)完成/获(得)/斩获/拿下/迎来 … 融资/投资        X获2亿元C轮融资, X宣布完成数千万元Pre-A轮融资
- X获投                                               X获投 (no amount)
- X融资<amount>                                       AI助手研发商X融资7500万美元
- X已融至<round>, …<amount>…                          X已融至E轮，25年4月斩获1亿美元融资
- A(和B)对X进行…(战略)投资                             investors A, B
- A(以/花了<amount>)收购X                              round 并购, investor A
- A(分别)参与了X、Y、Z(N家公司)的融资                  one deal per company, investor A
- X在港交所/科创板…上市，募资<amount>                  round IPO
Investors: 由A领投、B跟投 / A领投 / B参投 / 投资方为A、B / 由A独家投资.
Nothing is extracted from plans, rumours and failures (拟, 计划, 寻求, 传闻, 破产, 估值归零…), and a
valuation (估值) is never an amount raised.
"""
from __future__ import annotations

import datetime as dt
import re

from ..facts import DealFact, Warning
from ..lexicon import lexicon
from ..normalize.amounts import Money
from ..normalize.periods import find_dates
from .analysis import Analysis, Sent
from .common import DEBT_RE, MARGIN_RE, sector_for, to_decimal

B = r"，,；;：:。！？!?"   # clause boundaries in match text
NAME_CHARS = r"[A-Za-z0-9\u4e00-\u9fff·&\.\-\s“”\"'（）()]"

VERB = r"(?:宣布完成|宣布获得|宣布获|正式完成|顺利完成|已完成|完成了|完成|获得了|获得|斩获|拿下|收获|迎来|获)"
DEAL_RE = re.compile(
    r"(?P<verb>" + VERB + r")(?P<body>(?:[^" + B + r"]|(?<=\d)[,，](?=\d{3})){0,40}?)(?P<tail>(?:轮)?(?:融资|战略投资|股权投资|注资|投资|募资))"
)
# "获得美的资本、顺德科创基金联合投资": the investors are the body of the phrase
JOINT_RE = re.compile(r"^(?P<names>[^" + B + r"]{2,40}?)(?:的)?(?:联合|共同|独家|追加|战略)$")
# "衍微生物宣布，其B轮融资额达1.2亿美元": the company announces its own round
ITS_ROUND_RE = re.compile(r"(?:宣布|表示|称|透露|披露)[,，]?其(?P<body>[^" + B + r"]{0,12}?)融资(?:总?额|金额|规模)?(?:达到?|为|约|超过?|近)")
# the phrase must end there: "获得投资收益3.2亿元" is income, "获投资者青睐" is no deal
HUOTOU_RE = re.compile(r"(?P<verb>获投|获得投资|获得融资|完成融资|获融资)(?=[，,。；;！!]|由|$)")
BARE_RE = re.compile(r"(?P<verb>融资)(?=(?:约|近|超|逾|超过|达)?(?:\d|[一二两三四五六七八九十百千万亿数几]+[万亿]|亿|千万|百万))")
RONGZHI_RE = re.compile(r"(?P<verb>已?融至|融到|融资至)(?P<round>[^" + B + r"]{1,8}?轮|Pre-IPO|IPO)")
# "线性资本宣布完成对合肥具身智能企业灵启机器人的Pre-A轮独家投资"
TOWARDS_DONE_RE = re.compile(r"(?:完成|进行)了?对(?P<co>[^" + B + r"对]{2,30}?)的(?P<body>[^" + B + r"]{0,12}?)(?P<tail>战略投资|独家投资|领投|投资|注资|增资)")
TOWARDS_RE = re.compile(
    r"对(?P<co>[^" + B + r"对]{2,25}?)(?:进行|完成|实施|做出)了?(?P<body>[^" + B + r"]{0,20}?)(?P<tail>战略投资|战略入股|投资|注资|增资)")
ACQUIRE_RE = re.compile(r"(?P<verb>(?:宣布|正式|成功|已)?(?:完成)?(?:对)?收购了?|(?:宣布|正式|成功|已)?并购了?)(?P<co>[^" + B + r"的]{2,25}?)(?=[" + B + r"]|的|$|100%|全部|股权|控股权|[\d]+%)")
PARTICIPATE_RE = re.compile(
    r"(?:分别)?参与了?(?P<list>[^" + B + r"]{2,80}?)(?:(?:等)?[一二两三四五六七八九十\d]+家(?:公司|企业|创企|初创公司))?的(?:新一轮|本轮|最新一轮)?融资")
IPO_RE = re.compile(
    r"(?P<verb>(?:正式|成功)?(?:在|于|登陆|登录)(?:香港联交所|港交所|联交所|上交所|深交所|北交所|纳斯达克|纽交所|科创板|创业板|主板|美股|港股)"
    r"[^" + B + r"]{0,10}?(?:挂牌)?上市|(?:正式|成功)(?:挂牌)?上市)")
IPO_PROCEEDS_RE = re.compile(r"(?:募资|募集资金|募得|集资|筹资|融资)(?:净额|总额|金额)?")

NEGATIVE_RE = re.compile(
    r"拟|计划|将于|将要|准备|筹划|有望|寻求|正在洽谈|洽谈|传闻|据传|传出|或将|或已|未能|失败|终止|取消|破产|清算|估值归零|"
    r"暂停|否认|递交|申请|启动|开启|预计|意向|有意|考虑|商讨|谈判|接近完成|尚未|定增|定向增发|非公开发行|配股|收益")
LEAD_RE = re.compile(r"(?:由)?(?P<names>[^" + B + r"由]{2,60}?)(?:联合|共同)?领投")
FOLLOW_RE = re.compile(r"(?P<names>[^" + B + r"由]{2,60}?)(?:等)?(?:机构)?(?:跟投|参投|追投|追加投资|继续加码|继续加注|加注|加码|联合投资|共同投资|继续投资|超额认购|共同参与|参与投资|参与)")
SOLE_RE = re.compile(r"由(?P<names>[^" + B + r"]{2,40}?)(?:独家)?(?:投资|注资|出资)")
FROM_RE = re.compile(r"来自(?P<names>[^" + B + r"]{2,40}?)的")
INVESTOR_LIST_RE = re.compile(r"(?:投资方|投资人|投资机构|出资方)(?:为|包括|有|是)(?P<names>[^" + B + r"]{2,80})")

DESCRIPTOR_RE = re.compile(
    r"(?:服务商|研发商|制造商|供应商|提供商|开发商|运营商|服务提供商|厂商|工厂|企业|公司|品牌|平台|独角兽|初创公司|初创企业|初创|创企|"
    r"新锐|新创|明星项目|项目|龙头|领军者|领军企业|玩家|(?<=.)[企商])[”\"']?")
LEAD_NOISE_RE = re.compile(
    r"^(?:其中|此外|另外|同时|而且|而|并且|并|近日|日前|今日|昨日|昨天|今天|目前|据悉|据了解|另据|本周|上周|本月|上月|今年|去年|"
    r"近期|最近|随后|此前|之前|与此同时|例如|比如|如|像|包括|还有|以及|和|及|由|让|使|令|在|于|曾|已|也|还|则|均|都|就|又|再|正|刚刚|刚)+")
TRAILING_NOISE_RE = re.compile(r"(?:共|合计|累计|已经|已|也|还|则|均|都|就|又|再|正式|成功|顺利|近日|日前|目前|今日|今天|昨日|昨天|此前|先后|相继|此次|本次|刚刚|于|在|将|等|融资|公司|宣布|连续|再度|再次|近期|日前|上月|本月|上周|本周|今年|去年|年初|月初|月底|年内)+$")
NOT_COMPANY_RE = re.compile(
    r"某|^(?:该|这|其|此|那|一家|多家|两家|几家|数家|这家|那家|本|我们|他们|它们|公司|企业|项目|机构|双方|各方|团队|创始人|投资人|投资者)|"
    r"(?:产业|行业|领域|赛道|板块|市场|城市|全国|全球|国内|海外|地区|省份|资本市场|投资者|基金|政府|国资委|交易所|"
    r"\d+家|\d+个|[一二两三四五六七八九十几数多]+家|合计|共计|累计|总计|整体|全年|上半年|下半年|季度|"
    r"[一二两三四五六七八九十\d]+年|以来$|成立|几年|前几|一批|多家|部分|"
    r"科创板|创业板|主板|港交所|交易所|上市|IPO|能力|格局|驱动|同日|借助|通过|落地|"
    r"(?:初创企业|初创公司|企业|公司|创企|机构)$)")
ITS_PAST_RE = re.compile(r"(?:此前|之前|上一轮|早前)?其(?P<r>[^" + B + r"]{1,8}?轮)融资(?=由|金额|规模|为)")
LED_RE = re.compile(r"(?:领投|投资|参投|跟投|独家投资)了(?P<co>[^" + B + r"的]{2,24})的(?P<body>[^" + B + r"]{0,16}?轮)(?!融资由)")
# "金额最高融资由瞻芯电子融资斩获": the passive form names the company after 由
BY_RE = re.compile(r"(?:融资|投资)[^" + B + r"]{0,8}?由(?P<co>[^" + B + r"由]{2,25}?)(?:融资)?(?P<verb>斩获|获得|拿下|获|完成)")
ADVERBS = {"持续", "不断", "陆续", "纷纷", "相继", "先后", "频频", "接连", "连续", "均", "都", "也", "再度", "再次", "继续", "成功", "顺利",
           # common nouns that end up before a deal verb but name no company
           "方式", "形式", "模式", "方向", "阶段", "环节", "过程", "途径", "渠道", "退出", "同月", "当月", "上月", "同期", "同年",
           "此次", "本次", "首次", "其中", "一批", "项目", "企业", "公司", "机构", "资本", "资金", "团队", "产品", "业务"}
LEGAL_SUFFIX_RE = re.compile(r"(?:股份有限公司|有限责任公司|集团有限公司|有限公司|股份公司|有限)$")
VALUATION_BEFORE_RE = re.compile(r"估值(?:约|达|超|为|近|逾|已|高达|或)?$")


def _clause_start(t: str, i: int) -> int:
    j = max(t.rfind(c, 0, i) for c in B + "、")
    return j + 1


def _strip_tail(s: str) -> str:
    """Dates, adverbs and legal suffixes after a name: "…有限公司于2024年12月" → the name."""
    for _ in range(3):
        before = s
        if re.search(r"\d[年月日]|[年月日]$", s):
            s = re.sub(r"(?:于|在)?(?:\d{2,4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:上旬|中旬|下旬|初|底|末)?$", "", s)
        s = TRAILING_NOISE_RE.sub("", s).strip(" “”\"'‘’「」『』")
        if len(LEGAL_SUFFIX_RE.sub("", s)) >= 2:
            s = LEGAL_SUFFIX_RE.sub("", s)
        if s == before:
            break
    return s


def clean_company(chunk: str) -> str | None:
    """The company name inside the text before a deal verb: drop discourse words, dates and the
    descriptor in front of the name (AI助手产品研发商蝴蝶效应 → 蝴蝶效应)."""
    s = chunk.strip()
    legal_name = bool(re.search(r"有限公司|股份公司|有限责任公司", s))
    short = re.search(r"[(（]\s*(?:以下)?简称\s*[“\"「]?(?P<n>[^”\"」)）]{2,20})[”\"」]?\s*[)）]", s)
    if short:   # "北京星河智源科技有限公司（以下简称“星河智源”）": the name the text itself uses
        s = short.group("n")
    s = re.sub(r"^\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3})[.、)）]\s*", "", s)   # "1. " list numbering
    s = re.sub(r"^\s*[【\[][^】\]]*[】\]]\s*", "", s)   # "【数位时代 2025/04/15】" datelines
    if "由" in s:
        s = s.rsplit("由", 1)[1]
    # dates and periods at the front: 2025年3月12日, 25年4月, 7月2日
    s = re.sub(r"^(?:\d{2,4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:[上下]半年|第?[一二三四]季度)?", "", s)
    s = LEAD_NOISE_RE.sub("", s)
    s = _strip_tail(s)
    last = None
    for m in DESCRIPTOR_RE.finditer(s):
        if len(s) - m.end() >= 2:
            last = m
    if last is not None:
        s = s[last.end():]
    s = _strip_tail(s.strip(" “”\"'‘’「」『』"))
    if re.search(r"[\u4e00-\u9fff]", s):
        s = re.sub(r"\s*[(（][A-Za-z0-9 .&\-]+[)）]$", "", s)   # "港湾智医（HarbourMed AI）": the alias is not the name
    # a leading place is where the company is, not its name: 苏州迈博锐生物 → 迈博锐生物
    lead = lexicon().places.find(s[:6])
    # only where the place is clearly a prefix (深圳市…, a legal name): 贵州茅台 and 上海银行 keep theirs
    legal = legal_name or bool(lead and lead[0].surface.endswith(("市", "省")))
    if legal and lead and lead[0].start == 0 and lead[0].value.level in ("city", "province") and len(s) - lead[0].end >= 2:
        rest = s[lead[0].end:].lstrip("的")
        if not re.match(r"^(?:市|省|银行|证券|大学|集团|控股|国资|国投|产业|市场)", rest) and len(rest) >= 2:
            s = rest
    s = re.sub(r"^(?:的)", "", s)
    if "的" in s:
        s = s.rsplit("的", 1)[1]
    if not s or len(s) < 2 or len(s) > 25 or s in ADVERBS:
        return None
    if NOT_COMPANY_RE.search(s):
        return None
    if re.fullmatch(r"[\d.,%\s]+", s):
        return None
    lex = lexicon()
    if s in lex.place_forms or s in lex.round_forms:
        return None
    secs = lex.sectors.find(s)
    if secs and secs[0].end - secs[0].start == len(s):
        return None
    return s


def clean_investor(p: str) -> str | None:
    """宁德时代旗下投资平台问鼎投资 → 问鼎投资; 老股东中科创星 → 中科创星."""
    p = re.sub(r"\s*[(（][^)）]*[)）]\s*$", "", p.strip(" “”\"'"))   # "之初创投（AppWorks）"
    if "旗下" in p:
        p = p.rsplit("旗下", 1)[1]
    last = None
    for m in DESCRIPTOR_RE.finditer(p):
        if len(p) - m.end() >= 2 and m.start() > 0:
            last = m
    if last is not None and not re.search(r"(?:资本|基金|创投|投资|集团|银行|证券)$", p):
        p = p[last.end():]
    p = re.sub(r"(?:追加投资|追加|加码|继续投资|独家投资|也|亦|均|都)$", "", p)
    return p or None


def split_names(s: str) -> list[str]:
    s = re.sub(r"^(?:由|包括|包含|为|是|其中|老股东|现有股东|原股东|新股东|股东)+", "", s.strip())
    s = re.sub(r"(?:等(?:多家|知名|机构|投资机构|投资方|老股东)*|共同|联合|继续|持续|均)+$", "", s)
    parts = re.split(r"[、,，/]|以及|和|与|及|同|跟", s)
    out = []
    for p in parts:
        p = re.sub(r"^(?:老股东|现有股东|原股东|新股东|股东|其|旗下的?|及)+", "", p.strip(" “”\"'"))
        p = re.sub(r"(?<=..)等.*$", "", p).strip()   # "上汽集团等产业资本" → 上汽集团
        if re.search(r"股东|^(?:多家|部分|绝大部分|其他|众多|多个|一批)", p):
            continue   # "绝大部分老股东" names no one
        p = clean_investor(p)
        if p and 2 <= len(p) <= 30 and not re.search(r"[。；;]|融资|领投|跟投", p):
            out.append(p)
    return out


def _investors(t: str, after: int) -> tuple[list[str], list[str]]:
    """Lead investors and all investors named in the sentence after position ``after``."""
    rest = t[after:]
    leads: list[str] = []
    others: list[str] = []
    for m in LEAD_RE.finditer(rest):
        names = m.group("names")
        names = names.rsplit("由", 1)[-1]
        leads += split_names(names)
    for m in FOLLOW_RE.finditer(rest):
        names = re.sub(r"^.*?(?:领投)", "", m.group("names"))
        others += split_names(names)
    for m in SOLE_RE.finditer(rest):
        if "领投" not in m.group(0):
            others += split_names(m.group("names"))
    for m in INVESTOR_LIST_RE.finditer(rest):
        others += split_names(m.group("names"))
    for m in FROM_RE.finditer(rest):
        others += split_names(m.group("names"))
    leads = list(dict.fromkeys(leads))
    all_ = list(dict.fromkeys(leads + [o for o in others if o not in leads]))
    return leads, all_


def _money_in(sent: Sent, a: int, b: int) -> Money | None:
    for m in sent.money:
        if m.start >= a and m.end <= b and not VALUATION_BEFORE_RE.search(sent.t[max(0, m.start - 6):m.start]):
            return m
    return None


def _rounds_in(sent: Sent, a: int, b: int) -> list[str]:
    return list(dict.fromkeys(h.value for h in sent.rounds if h.start >= a and h.end <= b))


def _negated(t: str, a: int, b: int) -> bool:
    return bool(NEGATIVE_RE.search(t[a:b]) or MARGIN_RE.search(t[a:b + 4]) or DEBT_RE.search(t[a:b]))


MONTH_ONLY_RE = re.compile(r"(?:同年|当年|今年|本年)?(?<![\d.])(?<!\d年)(?P<m>1[0-2]|[1-9])月(?![份]?(?:以来|以前|之前|前|后|底|末))")


def _date(an: Analysis, sent: Sent, upto: int):
    """The deal's date: stated before the verb in its sentence (2025年3月12日, 7月2日, 同年2月),
    else a date the same paragraph set before it (本周（1月5日至1月11日）), else a news dateline."""
    t = sent.t[:upto]
    year = an.ref_year
    if re.search(r"同年|当年", t):
        year = _context_year(an, sent) or year
    ds = [d for d in find_dates(t, year) if d[3] in ("day", "month")]
    if ds:
        return ds[-1][2]
    m = None
    for m in MONTH_ONLY_RE.finditer(t):
        pass
    if m is not None and year:
        return dt.date(year, int(m.group("m")), 1)
    return _context_date(an, sent)


def _context_year(an: Analysis, sent: Sent) -> int | None:
    for prev in reversed(an.sents[: sent.i]):
        ys = re.findall(r"(20\d{2})\s*年", prev.t)
        if ys:
            return int(ys[-1])
    return None


def _context_date(an: Analysis, sent: Sent):
    for prev in reversed(an.sents[: sent.i]):
        if prev.para != sent.para:
            break
        for p in reversed(prev.periods):
            if p.period_start and p.period_end and (p.period_end - p.period_start).days <= 31:
                return p.period_start
    meta = getattr(an, "meta", None)
    if meta is not None and meta.period_start and meta.period_end and (meta.period_end - meta.period_start).days <= 31:
        return meta.period_start   # "2025年7月融资榜", "2020年11月台灣新創募資清單": a month's list
    return _dateline(an)


def _dateline(an: Analysis):
    """"财联社2026年3月5日电" / "【…2024年5月20日讯】": the news item's own date."""
    if not hasattr(an, "_dateline"):
        an._dateline = None
        for s in an.sents[:3]:
            m = DATELINE_RE.search(s.t)
            if m:
                ds = find_dates(m.group("d"), an.ref_year)
                an._dateline = ds[0][2] if ds else None
                break
    return an._dateline


DATELINE_RE = re.compile(r"(?P<d>(?:20\d{2}年)?\d{1,2}月\d{1,2}日)\s*(?:电|讯|消息)")


def _city(sent: Sent, cs: int, verb_at: int):
    for h in reversed(sent.places):
        if cs <= h.start < verb_at and h.value.level == "city":
            return h.value
    if sent.section_place is not None and sent.section_place.level == "city":
        return sent.section_place
    return None


HQ_RE = r"(?:总部位于|总部设在|总部在|坐落于|位于|来自|扎根于?)(?P<place>[^" + B + r"]{2,12})"


def _hq_city(an: Analysis, company: str):
    """"Moonbase AI总部位于北京": a later sentence may say where the company is; so may a list
    item "港航数智：高雄的航运物流SaaS业者"."""
    # only sentences that name the company can match: compile the per-company patterns for them only
    cands = [s for s in an.sents if company in s.t]
    if not cands:
        return None
    item = re.compile(re.escape(company) + r"[^。；;:：]{0,20}?[:：]\s*(?P<place>[^,，。；;]{2,6}?)的")
    for s in cands:
        m = item.search(s.t)
        if m:
            for h in s.places:
                if h.start == m.start("place") and h.value.level == "city":
                    return h.value
    rx = re.compile(re.escape(company) + r"[^。；;]{0,30}?" + HQ_RE)
    for s in cands:
        m = rx.search(s.t)
        if m:
            for h in s.places:
                if h.start >= m.start("place") and h.value.level == "city":
                    return h.value
    return None


class DealBuilder:
    def __init__(self, an: Analysis, meta, ex):
        self.an, self.meta, self.ex = an, meta, ex
        self.used_money: set[tuple[int, int]] = set()   # absolute spans used by deals (stats skip them)

    def add(self, sent: Sent, company: str, *, verb_at: int, cs: int, round_: str | None = None, money: Money | None = None,
            investors: list[str] | None = None, leads: list[str] | None = None, date=None) -> None:
        city = _city(sent, cs, verb_at) or _hq_city(self.an, company)
        abroad = None
        if city is None:
            # "德国慕尼黑的机器人公司X" / "美国AI公司X": no Chinese city, but a country
            abroad = next((h.value for h in reversed(sent.places)
                           if cs <= h.start < verb_at and h.value.level in ("foreign_city", "country")), None)
        if city is None and "同城" in sent.t[cs:verb_at]:
            prev = next((d for d in reversed(self.ex.deals) if d.city), None)   # "其同城的…": the previous company's city
            city = lexicon().places.find(prev.city)[0].value if prev else None
        d = DealFact(
            evidence=sent.raw, evidence_start=sent.start, evidence_end=sent.end, company=company, round=round_,
            city=city.name if city else None, province=city.province if city else None,
            country=city.country if city else abroad.country if abroad else None, sector=sector_for(self.an, sent, cs, verb_at, self.meta, deal=True, company=company),
            investors=investors or [], lead_investors=leads or [], announced_on=date)
        if money is not None:
            d.amount, d.amount_max = to_decimal(money.value), to_decimal(money.value_max)
            d.currency, d.qualifier = money.currency or "CNY", money.qualifier
            self.used_money.add((sent.abs(money.start), sent.abs(money.end)))
        self.ex.deals.append(d)


def _share_company_facts(ex) -> None:
    """One company, one home: a deal that names no city takes the city another of the company's
    deals in the document states (楚芯光电's earlier rounds are in 武汉 too)."""
    known = {}
    for d in ex.deals:
        if d.city and d.company not in known:
            known[d.company] = (d.city, d.province, d.country)
    for d in ex.deals:
        if d.city is None and d.company in known:
            d.city, d.province, d.country = known[d.company]


def extract_deals(doc, meta, ex, an: Analysis | None = None) -> DealBuilder:
    from .common import analysis_for

    an = an or analysis_for(doc, meta)
    b = DealBuilder(an, meta, ex)
    an.meta = meta
    for sent in an.sents:
        if not re.search(r"融|投|收购|并购|上市|注资|入股|[|｜]", sent.t):
            continue
        first = len(ex.deals)
        _sentence(b, sent)
        if len(ex.deals) > first:
            _fill_follow_up(b, sent, first)
    _share_company_facts(ex)
    return b


FOLLOW_UP_RE = re.compile(r"^(?:其中|本轮|此轮|该轮|本次|此次|这轮|这次)")


def _follow_up_investors(b: DealBuilder, sent: Sent) -> tuple[list[str], list[str]]:
    """Investors named by the next sentence: "…完成C轮融资。本轮由高瓴创投领投，…跟投。" """
    nxt = b.an.sents[sent.i + 1] if sent.i + 1 < len(b.an.sents) else None
    if nxt is None or nxt.para != sent.para or not FOLLOW_UP_RE.match(nxt.t):
        return [], []
    return _investors(nxt.t, 0)


PRONOUN_RE = re.compile(r"^(?:[\d年月日]|同年|当年|此后|随后|此前|之后)*(?:该公司|公司|其|它|该企业|企业)?$")


def _coreferent(b: "DealBuilder", sent: Sent, chunk: str) -> str | None:
    """"2021年4月，公司获得数千万元天使轮融资" / "；2022年6月完成1.5亿元A轮融资": the company the
    text is about — the last one with a deal in the same or the previous paragraph, or the one a
    bullet line is labelled with ("• 云策科技（CloudStrat）：…，3月宣布完成…")."""
    if sent.label:
        lab = re.sub(r"[(（][^)）]*[)）]", "", sent.label)
        co = clean_company(lab)
        if co and not _is_place_or_sector(co):
            if PRONOUN_RE.match(re.sub(r"[\s,，]", "", chunk)):
                return co
    if not PRONOUN_RE.match(re.sub(r"[\s,，]", "", chunk)):
        return None
    # the latest company with a deal that this paragraph (or the one before) names
    near = " ".join(s.t for s in b.an.sents if sent.para - 1 <= s.para <= sent.para and s.start <= sent.start)
    for d in reversed(b.ex.deals):
        if d.company in near:
            return d.company
    return None


def _is_place_or_sector(name: str) -> bool:
    lex = lexicon()
    return any(h.end - h.start >= len(name) - 1 for h in lex.places.find(name) + lex.sectors.find(name))


def _candidates(t: str, rx: re.Pattern, company, taken: set[str]):
    """Matches of one deal pattern that are not negated (拟, 计划…) and name a company not yet taken."""
    for m in rx.finditer(t):
        cs = _clause_start(t, m.start())
        if _negated(t, cs, m.end()):
            continue
        co = clean_company(company(m, cs))
        if co and co not in taken:
            yield m, cs, co


LIST_DEAL_RE = re.compile(r"^\s*\d{1,3}[.、)）]\s*(?P<co>[^|｜(（,，]{2,24}?)\s*(?:[(（](?P<info>[^)）]{0,20})[)）])?\s*[|｜]"
                          r"\s*(?P<round>[^|｜]{1,12}?)\s*[|｜]\s*(?P<amt>[^|｜]{2,24})\s*$")


def _list_deal(b: DealBuilder, sent: Sent) -> bool:
    """A ranked or listed deal line: "1. 星衡智能（上海，人工智能）｜B轮｜15亿元"."""
    m = LIST_DEAL_RE.match(sent.t)
    if not m:
        return False
    co = clean_company(m.group("co"))
    rounds = [h.value for h in lexicon().rounds.find(m.group("round"))]
    money = next((x for x in sent.money if x.start >= m.start("amt")), None)
    if not co or not (rounds or money):
        return False
    b.add(sent, co, verb_at=m.end("co"), cs=0 if not m.group("info") else m.start("info"), round_=rounds[0] if rounds else None,
          money=money, date=_date(b.an, sent, m.start("round")))
    if m.group("info"):   # the city and sector in brackets
        d = b.ex.deals[-1]
        hs = [h for h in sent.places if m.start("info") <= h.start < m.end("info") and h.value.level == "city"]
        if hs:
            d.city, d.province, d.country = hs[0].value.name, hs[0].value.province, hs[0].value.country
    return True


def _sentence(b: DealBuilder, sent: Sent) -> None:
    t = sent.t
    taken: set[str] = set()
    if _list_deal(b, sent):
        return

    def emit(company, **kw):
        if company and company not in taken:
            taken.add(company)
            b.add(sent, company, **kw)

    # X已融至D轮，…<amount>…
    for m in RONGZHI_RE.finditer(t):
        cs = _clause_start(t, m.start())
        if _negated(t, cs, m.end()):
            continue
        co = clean_company(t[cs:m.start()])
        rounds = [h.value for h in lexicon().rounds.find(m.group("round"))]
        if not co or not rounds:
            continue
        # the amount may follow in the rest of the sentence, until another company is named
        nxt = len(t)
        for m2 in DEAL_RE.finditer(t, m.end()):
            nxt = m2.start()
            co2 = clean_company(t[_clause_start(t, m2.start()):m2.start()])
            if co2 and co2 != co:
                break
            nxt = len(t)
        money = _money_in(sent, m.end(), nxt)
        date = _date(b.an, sent, money.start if money else m.start())
        leads, invs = _investors(t, m.end())
        emit(co, verb_at=m.start(), cs=cs, round_=rounds[0], money=money, date=date, investors=invs, leads=leads)

    for m in DEAL_RE.finditer(t):
        cs = _clause_start(t, m.start())
        if _negated(t, cs, m.end()):
            continue
        chunk = t[cs:m.start()]
        if re.search(r"对[^对]{2,25}$", chunk) or m.group("body").startswith("对"):   # 对X进行…投资 is handled below
            continue
        if re.search(r"第[一二三四五六七八九十\d]+$", m.group("body")) or (
                re.search(r"[多数几两三四五]$", m.group("body")) and not _rounds_in(sent, m.start("body"), m.end("body"))):
            continue   # "完成的第五轮融资", "已先后完成多轮融资" count rounds, they are not one
        co = clean_company(chunk) or _coreferent(b, sent, chunk)
        if not co or co in taken:
            continue
        body_a, body_b = m.start("body"), m.end("tail")
        money = _money_in(sent, body_a, body_b)
        if money is None:
            # "…完成B轮融资，金额为5000万元" / "融资金额达…"
            after = re.compile(r"(?:融资)?(?:金额|总额|规模|额度)(?:为|达|约|超|共|是)?").search(t, body_b, min(len(t), body_b + 12))
            if after:
                money = _money_in(sent, after.end(), min(len(t), after.end() + 20))
        rounds = _rounds_in(sent, body_a, body_b)
        if m.group("tail") in ("战略投资",) and not rounds:
            rounds = ["战略投资"]
        if not rounds and money is None and not re.search(r"一轮|本轮|首轮", m.group(0)):
            # "获得投资" with neither amount nor round says too little to be a deal, unless it names
            # who invested: "获得美的资本、顺德科创基金联合投资"
            named = JOINT_RE.search(m.group("body")) or (m.group("tail") == "战略投资" and re.fullmatch(r"[^\d]{2,20}", m.group("body")))
            if not m.group("tail").endswith(("融资", "募资")) and not named:
                continue
        date = _date(b.an, sent, m.start())
        leads, invs = _investors(t, m.start())
        joint = JOINT_RE.search(m.group("body"))
        if joint and not invs:
            invs = split_names(joint.group("names"))
        elif not invs and not _rounds_in(sent, body_a, m.end("body")) and money is None and m.group("tail") in ("战略投资", "投资") and \
                re.fullmatch(r"[^\d]{2,20}", m.group("body")) and not _is_place_or_sector(m.group("body")):
            invs = split_names(m.group("body"))   # "获得名创优品战略投资"
        if len(rounds) > 1:
            for r in rounds:   # 连续完成A轮和A+轮两轮融资: one deal per round, no shared amount
                b.add(sent, co, verb_at=m.start(), cs=cs, round_=r, date=date, investors=invs, leads=leads)
            taken.add(co)
            continue
        emit(co, verb_at=m.start(), cs=cs, round_=rounds[0] if rounds else None, money=money, date=date,
             investors=invs, leads=leads)

    for m, cs, co in _candidates(t, ITS_ROUND_RE, lambda m, cs: t[cs:m.start()], taken):
        money = next((x for x in sent.money if m.end() - 1 <= x.start <= m.end() + 2), None)
        if money is None:
            continue
        rounds = _rounds_in(sent, m.start("body"), m.end())
        leads, invs = _investors(t, m.end())
        emit(co, verb_at=m.start(), cs=cs, round_=rounds[0] if rounds else None, money=money,
             date=_date(b.an, sent, m.start()), investors=invs, leads=leads)

    for m in ITS_PAST_RE.finditer(t):
        # "此前其C轮融资由高瓴创投领投，金额为8亿元"
        co = _coreferent(b, sent, "其")
        if not co or _negated(t, _clause_start(t, m.start()), m.end()):
            continue
        rounds = [h.value for h in lexicon().rounds.find(m.group("r"))]
        amt = re.compile(r"(?:金额|融资额|规模)(?:为|达|约|是)").search(t, m.end())
        money = _money_in(sent, amt.end(), min(len(t), amt.end() + 16)) if amt else None
        leads, invs = _investors(t, m.start())
        if rounds and (co, rounds[0]) not in {(d.company, d.round) for d in b.ex.deals}:
            b.add(sent, co, verb_at=m.start(), cs=m.start(), round_=rounds[0], money=money, investors=invs, leads=leads,
                  date=_date(b.an, sent, m.start()) if re.search(r"\d{4}年|\d月", t[:m.start()]) else None)

    for m, cs, co in _candidates(t, LED_RE, lambda m, cs: m.group("co"), taken):
        # "3月我们领投了量衡精测的1.2亿元A轮，合肥产投也跟投了"
        rounds = _rounds_in(sent, m.start("body"), m.end())
        money = _money_in(sent, m.start("body"), m.end())
        if money is None:   # "…的B轮融资，本轮融资金额为5亿元"
            after = re.compile(r"(?:融资)?(?:金额|总额|规模|额度)(?:为|达|约|超|共|是)?").search(t, m.end())
            if after:
                money = _money_in(sent, after.end(), min(len(t), after.end() + 20))
        leads, invs = _investors(t, m.end())
        emit(co, verb_at=m.end("co"), cs=m.start("co"), round_=rounds[0] if rounds else None, money=money,
             date=_date(b.an, sent, m.start()), investors=invs, leads=leads)

    for m, cs, co in _candidates(t, BY_RE, lambda m, cs: m.group("co"), taken):
        emit(co, verb_at=m.start("co"), cs=cs, date=_date(b.an, sent, m.start()))

    for m, cs, co in _candidates(t, HUOTOU_RE, lambda m, cs: t[cs:m.start()], taken):
        leads, invs = _investors(t, m.start())
        emit(co, verb_at=m.start(), cs=cs, date=_date(b.an, sent, m.start()), investors=invs, leads=leads)

    for m, cs, co in _candidates(t, BARE_RE, lambda m, cs: t[cs:m.start()], taken):
        money = next((x for x in sent.money if x.start == m.end() or (x.start > m.end() and x.start - m.end() <= 3)), None)
        if money is None:
            continue
        emit(co, verb_at=m.start(), cs=cs, money=money, date=_date(b.an, sent, m.start()))

    for m, cs, co in _candidates(t, TOWARDS_DONE_RE, lambda m, cs: m.group("co"), taken):
        subject = re.split(r"——|—|：|:", re.sub(r"(?:宣布|正式|近日|日前|已|联合|共同)+$", "", t[cs:m.start()]))[-1]
        invs = split_names(subject)
        rnds = _rounds_in(sent, m.start("body"), m.end())
        rnd = rnds[0] if rnds else ("战略投资" if "战略" in m.group(0) else None)
        emit(co, verb_at=m.end("co"), cs=m.start("co"), round_=rnd, money=_money_in(sent, m.start(), m.end()), investors=invs,
             leads=invs if "领投" in m.group("tail") else [], date=_date(b.an, sent, m.start()))

    for m, cs, co in _candidates(t, TOWARDS_RE, lambda m, cs: m.group("co"), taken):
        subject = t[cs:m.start()]
        subject = re.sub(r"(?:联合|共同|一起|宣布|正式|近日|日前|再次|也|还|已|将)+$", "", subject)
        subject = re.split(r"——|—|：|:", subject)[-1]
        invs = [x for x in split_names(subject) if clean_company(x) or len(x) >= 2]
        money = _money_in(sent, m.start(), m.end())
        tail = m.group("tail")
        rnds = _rounds_in(sent, m.start("body"), m.end())
        rnd = rnds[0] if rnds else ("战略投资" if "战略" in tail or "战略" in m.group("body") else None)
        # the company's own place and sector are in its phrase after 对 ("对东莞固态电池企业X")
        emit(co, verb_at=m.end("co"), cs=m.start("co"), round_=rnd, money=money, investors=invs, date=_date(b.an, sent, m.start()))

    for m, cs, co in _candidates(t, ACQUIRE_RE, lambda m, cs: m.group("co"), taken):
        subject = t[cs:m.start()]
        money = _money_in(sent, cs, m.end())
        subj = subject
        if money is not None:
            subj = t[cs:money.start]
        subj = re.sub(r"(?:以|花了?|斥资|出资|耗资|作价|用|约|共|宣布|正式|成功|已|曾|此前|近日|现金|自有资金|全现金)+$", "", subj)
        acquirer = clean_company(subj) if subj else None
        if acquirer is None and re.search(r"公司|其|该", subj):
            # "芯测股份公告称，公司以现金…收购": 公司 is the one that announced
            ann = re.search(r"(?P<n>[^" + B + r"]{2,30}?)(?:发布)?(?:公告称|公告|宣布|表示|披露)", t[:cs])
            acquirer = clean_company(ann.group("n")) if ann else None
        emit(co, verb_at=m.end("co"), cs=m.start("co"), round_="并购", money=money, investors=[acquirer] if acquirer else [],
             date=_date(b.an, sent, m.start()))

    for m in PARTICIPATE_RE.finditer(t):
        cs = _clause_start(t, m.start())
        if _negated(t, cs, m.end()):
            continue
        investor = clean_company(re.sub(r"(?:分别|均|都|也|先后|相继|曾)+$", "", t[cs:m.start()]))
        names = split_names(m.group("list"))
        for n in names:
            co = clean_company(n)
            if co:
                emit(co, verb_at=m.start(), cs=cs, investors=[investor] if investor else [])

    for m, cs, co in _candidates(t, IPO_RE, lambda m, cs: t[cs:m.start()], taken):
        money = None
        p = IPO_PROCEEDS_RE.search(t, m.end())
        if p:
            money = _money_in(sent, p.end(), min(len(t), p.end() + 16))
        emit(co, verb_at=m.start(), cs=cs, round_="IPO", money=money, date=_date(b.an, sent, m.start()))


ROUND_LATER_RE = re.compile(r"(?P<co>[^" + B + r"]{2,25}?)(?:为|是|属于|系)(?P<r>[^" + B + r"]{1,8}?轮)")


def _extend_evidence(b: DealBuilder, d: DealFact, nxt: Sent) -> None:
    if nxt.end - d.evidence_start <= 400:
        d.evidence_end = nxt.end
        d.evidence = b.an.text[d.evidence_start:d.evidence_end]


def _fill_follow_up(b: DealBuilder, sent: Sent, first: int) -> None:
    new = b.ex.deals[first:]
    # "…其中星纪航天为B轮": a later clause of the sentence names one company's round
    for m in ROUND_LATER_RE.finditer(sent.t):
        co = clean_company(m.group("co"))
        rs = lexicon().rounds.find(m.group("r"))
        for d in new:
            if co == d.company and d.round is None and rs:
                d.round = rs[0].value
    if len({d.company for d in new}) != 1:
        return   # only a sentence about one company hands it the next sentence's details
    nxt = b.an.sents[sent.i + 1] if sent.i + 1 < len(b.an.sents) else None
    if nxt is None or nxt.para != sent.para or not FOLLOW_UP_RE.match(nxt.t):
        return
    rounds = [d.round for d in new]
    if len(new) > 1 and all(rounds):
        # "其中，A轮由中芯聚源领投，…；A+轮由华登国际独家投资": each round its own investors, in the
        # follow-up sentence and the clauses after its "；"
        group = [nxt]
        while group[-1].t.rstrip().endswith((";", "；")) and group[-1].i + 1 < len(b.an.sents) \
                and b.an.sents[group[-1].i + 1].para == sent.para:
            group.append(b.an.sents[group[-1].i + 1])
        for part in group:
            hits = list(part.rounds)
            for i, h in enumerate(hits):
                end = hits[i + 1].start if i + 1 < len(hits) else len(part.t)
                leads, invs = _investors(part.t[h.start:end], 0)
                for d in new:
                    if d.round == h.value and not d.investors and invs:
                        d.investors, d.lead_investors = invs, leads
                        _extend_evidence(b, d, part)
        return
    leads, invs = _investors(nxt.t, 0)
    for d in new:
        if not d.investors and invs:
            d.investors, d.lead_investors = invs, leads
            _extend_evidence(b, d, nxt)
        if d.amount is None and d.round == "IPO":
            p = IPO_PROCEEDS_RE.search(nxt.t)
            mo = next((x for x in nxt.money if p and x.start >= p.end() and x.start - p.end() <= 6), None)
            if mo is not None:
                d.amount, d.amount_max = to_decimal(mo.value), to_decimal(mo.value_max)
                d.currency, d.qualifier = mo.currency or "CNY", mo.qualifier
                b.used_money.add((nxt.abs(mo.start), nxt.abs(mo.end)))
                _extend_evidence(b, d, nxt)
