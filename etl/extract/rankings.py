"""Rankings: entries of ranking lists and explicit ordinal claims about places and investors.

- lists: 前十…依次为 A、B、C… (ranks in order); the first entries before "第N名的X" (北京、上海、深圳超第四名的苏州)
- ordinal claims: 第N名的X, X位居/排名/位列(全国)第N, X拔得头筹/位居榜首/拿下桂冠 (rank 1),
  "A仅次于B" (B first, A second), X成为…最多的城市 (rank 1), X上升至全国第N
- membership: "…也均上榜" and, in a ranking report, the cities a province section goes on to describe
- province counts: 江苏以11座城市上榜, 山东上榜8个, 浙江的9个上榜城市, 贵州、海南…各有2座城市上榜,
  江苏11个、广东9个 / 江苏(11座) in a 上榜 paragraph → entity_level province, basis listed_city_count
A claim's value is the figure the same sentence states for that place (stats already found it).
"""
from __future__ import annotations

import re
from decimal import Decimal

from ..facts import RankingFact
from ..lexicon import Hit, Place, lexicon
from ..normalize.places import find_places, names_a_place, small_number
from .analysis import Analysis, Sent
from .common import most_specific, other_market
from .tables import ROW as TABLE_ROW

SCOPE_NAMES = {"全球", "中国", "海外"}
NUM = r"(?P<n>\d{1,3}|[一二两三四五六七八九十百]{1,3})"
ORD_RE = re.compile(r"第" + NUM + r"(?:名|位|大)?")
FIRST_RE = re.compile(r"(?:位居|居|位列|排在|排名)各[^,，。；;第首]{1,5}(?:之)?(?:首位|之首|第一|之冠)|居各[^,，。；;]{1,5}之冠|之冠|居冠|"
                      r"(?:位居|居|位列|排在|排名)(?:全省|全国|全市|全球|国内|省内|区域内|全区)(?:首位|第一|之首|榜首)|"
                      r"拔得头筹|位居榜首|名列榜首|位列榜首|居于榜首|荣登榜首|位居首位|排名首位|居首位|均居首位|位列首位|拿下桂冠|夺得桂冠|摘得桂冠|"
                      r"之首|头把交椅|排名第一|位居第一|位列第一")
THE_NTH_RE = re.compile(r"第" + NUM + r"(?:名|位)?的")
SECOND_TO_RE = re.compile(r"仅次于")
MOST_RE = re.compile(r"成为[^,，。；;]{0,16}?(?:最多|最高|最密集|最活跃|最大)的?(?:城市|省份|国家|地区)")
RISE_RE = re.compile(r"(?:上升至|升至|跃居|跃升至|位居|排名|位列|排在|排|居|列|处于|稳居|保持)(?!前)(?P<scope>全国|全球|全省|国内|世界|[^,，。；;第]{0,8}?)?第" + NUM + r"(?:名|位)?")
LISTED = r"(?:上榜|入榜|入选|入围|进入榜单|跻身榜单|跻身|进入(?:前)?\d+强|进入前[一二三四五六七八九十百]+)"
CITY_UNIT = r"(?:座|个)"
PROV_COUNT_RES = [
    re.compile(r"(?:以|有|共有|共|则有)" + NUM + CITY_UNIT + r"(?:城市)?" + LISTED),
    re.compile(r"有(?:[\u4e00-\u9fff、和及]{2,30}?)" + NUM + CITY_UNIT + r"城市" + LISTED),   # 江苏有南京、苏州2座城市入榜
    re.compile(LISTED + NUM + CITY_UNIT),
    re.compile(r"的" + NUM + CITY_UNIT + r"上榜城市"),
    re.compile(r"分别" + LISTED + NUM + CITY_UNIT),
]
MULTI_COUNT_RE = re.compile(r"分别有?(?P<vals>(?:\d{1,3}|[一二两三四五六七八九十]{1,3})(?:座|个)(?:[、和及](?:\d{1,3}|[一二两三四五六七八九十]{1,3})(?:座|个))+)(?:城市)?" + LISTED)
EACH_RE = re.compile(r"(?:均|则|也)?各有?" + NUM + CITY_UNIT + r"(?:城市)?(?:" + LISTED + r")?")
INLINE_COUNT_RE = re.compile(r"\s*(?:\(|（)?" + NUM + CITY_UNIT)
LIST_RE = re.compile(r"(?:依次为|依次是|分别为|分别是|依序为|排名为|(?<=[名位强三五十])(?:为|是))[:：]?")
# "杭州、南京、合肥位列区域内前三" / "江苏、浙江分列前两位" / "四川和湖北分列第四、第五" / "并列第三"
TOP_N_AFTER_RE = re.compile(r"(?:位列|位居|排名|占据|包揽|分列|分居|列)(?:[^,，。；;]{0,6}?)前" + NUM + r"(?:名|位|强)?")
SPLIT_RANKS_RE = re.compile(r"(?:分列|分居|依次位列|分别位列|分别位居|分别排名|位列|排名)第" + NUM + r"(?:名|位)?(?P<more>(?:[、和及与至到]第?(?:\d{1,3}|[一二两三四五六七八九十]{1,3})(?:名|位)?|[,，]第(?:\d{1,3}|[一二两三四五六七八九十]{1,3})(?:名|位)?)+)")
TIE_RE = re.compile(r"并列(?:全国|全球|第)?第?" + NUM + r"(?:名|位)?")
SCOPE_NOT_PLACES = re.compile(r"各行业|各领域|各赛道|各轮次|各板块|所有行业|细分领域|各细分|各类")
MEMBER_RE = re.compile(r"(?:也|亦)?(?:均|都|同样|一同|同时)?" + LISTED)
RANKING_TITLE = re.compile(r"榜|强|排行|排名|指数|Top|TOP|top|百佳|十佳")


def _n(s: str) -> int | None:
    return small_number(s)


class Ranker:
    def __init__(self, an: Analysis, meta, ex):
        self.an, self.meta, self.ex = an, meta, ex
        lex = lexicon()
        title = meta.title or ""
        self.is_ranking_doc = bool(RANKING_TITLE.search(title))
        self.main_list = title if self.is_ranking_doc else None
        m = re.search(r"(20\d{2})\s*年", title)
        self.edition = int(m.group(1)) if m else None
        self.lex = lex
        self._listed_paras: set[int] | None = None

    def listed_paras(self) -> set[int]:
        """Paragraphs with a sentence that says 上榜/入选/…, computed once per document."""
        if self._listed_paras is None:
            self._listed_paras = {s.para for s in self.an.sents if re.search(LISTED, s.t)}
        return self._listed_paras

    def add(self, sent: Sent, place_or_name, *, rank: int | None, value=None, basis: str | None, sector: str | None = None,
            list_name: str | None = None, level: str | None = None) -> None:
        if isinstance(place_or_name, Place):
            p = place_or_name
            name = p.name
            level = level or {"city": "city", "province": "province", "country": "country", "region": "region"}.get(p.level)
            if level is None:
                return
            city = p.name if p.level == "city" and level == "city" else None
            province = p.province if p.level in ("city", "province") else None
            if level == "province":
                province = p.name
            country = p.country
        else:
            name, city, province, country = place_or_name, None, None, None
            level = level or "investor"
        if list_name is None:
            list_name = self.main_list if basis in ("composite",) and self.main_list else _describe(basis, sector)
        self.ex.rankings.append(RankingFact(
            evidence=sent.raw, evidence_start=sent.start, evidence_end=sent.end, list_name=list_name,
            entity_level=level, entity_name=name, rank=rank, value=value, basis=basis, sector=sector,
            city=city, province=province, country=country, region=name if level == "region" else None,
            publisher=self.meta.publisher if list_name == self.main_list else None,
            edition_year=self.edition if list_name == self.main_list else None,
            period_start=self.meta.period_start, period_end=self.meta.period_end))


def _describe(basis: str | None, sector: str | None) -> str:
    what = {"deal_count": "投融资事件数", "amount": "披露融资金额", "listed_city_count": "上榜城市数"}.get(basis or "", "排名")
    return f"{sector}{what}" if sector else what


def _entities(sent: Sent) -> list[Hit]:
    """Places that can be ranked: not scope words, not qualifiers of an ordinal (全国第四, 西部第一)."""
    t = sent.t
    out = []
    for h in sent.places:
        if h.value.name in SCOPE_NAMES and h.value.level in ("world", "overseas", "country") and h.surface in ("全国", "全球", "国内", "我国", "世界", "海外", "国外", "境外", "全世界"):
            continue
        if RANK_QUALIFIER.match(t, h.end):
            continue   # "全国第四", "西部第一", "全国前三": the scope of a rank, not its subject
        if h.value.level not in ("city", "province", "country", "region"):
            continue
        out.append(h)
    return out


FUNDING_WORDS = re.compile(r"融资|投资|投融资|起|笔|宗|事件|榜单|指数|科创|创新|创投|风投")
OTHER_BASIS = re.compile(r"GDP|经济总量|地区生产总值|营收|营业收入|销售额|销售|人口|房价|利润|市值|收入|财政|上市公司|上市企业|专利|研发投入|研发经费")
RANK_QUALIFIER = re.compile(r"(?:城市|省份|省市|地区)?(?:中)?(?:前\d|前[一二两三四五六七八九十]|第|首位|之首)")
NEXT_RE = re.compile(r"紧随其后|紧跟其后|位居其后|次之|居次(?!要)")
INVESTOR_CTX = re.compile(r"投资机构|投资方|投资人|机构榜|创投机构|活跃机构|出手")
HEAD_SPLIT = re.compile(r"以|在|凭借|依托|通过|继续|仍|则|也|均|各|又|已|共|全年|上半年|下半年|本季度|本月|今年|去年|五年间|\d")


def _clause_start(t: str, i: int) -> int:
    return max(t.rfind(c, 0, i) for c in "，,；;。：:") + 1


MOST_INVESTOR_RE = re.compile(r"(?:出手|投资)?最(?:活跃|多)的(?:投资)?机构(?:为|是)(?P<name>[^,，。；;]{2,24})")
HEDGED = re.compile(r"大概|大约|可能|或许|估计|有望|预计")


ORG_TAIL = re.compile(r"资本|创投|投资|基金|集团|银行|证券|控股|国资|国贸|产投|金控|科技|公司|大学|信托|资管")


def _claim_subject(r: "Ranker", an: Analysis, sent: Sent, pos: int, investor_ctx: bool = False, claim: str = ""):
    """Who a claim is about: the place or investor that heads its clause ("北京以1108起位居榜首",
    "深创投以全年出手168次位居榜首"); a clause headed by something else ("生物医药则以42宗位居各行业第二",
    "高校代表队") ranks no place; a clause with no head ("…，位居全国第三") is about the sentence's subject."""
    t = sent.t
    cs = _clause_start(t, pos)
    head = HEAD_SPLIT.split(t[cs:pos], maxsplit=1)[0]
    head = re.sub(r"^(?:其中|此外|同时|而|但|并|且|另外|其)+", "", head).strip()
    if not head and re.search(r"机构", claim):
        # "国发基金上半年共参与9笔…，居各投资机构之首": the clause before names the investor
        pcs = _clause_start(t, max(cs - 1, 0))
        head, cs = HEAD_SPLIT.split(t[pcs:cs], maxsplit=1)[0].strip(" ,，"), pcs
    if not head:
        return _subject(an, sent, pos)
    lead = len(t[cs:pos]) - len(t[cs:pos].lstrip()) + (len(t[cs:pos].lstrip()) - len(re.sub(r"^(?:其中|此外|同时|而|但|并|且|另外|其)+", "", t[cs:pos].lstrip())))
    bare = re.sub(r"[\s(（)）]", "", head)
    ents = [h for h in _entities(sent) if h.start == cs + lead
            and not ORG_TAIL.search(bare[len(h.surface):len(h.surface) + 6])]
    if ents:
        # the clause is headed by the place, maybe with what is measured ("北京市独角兽企业数量");
        # "厦门国贸资本" is an investor, not 厦门
        return ents[0].value
    if investor_ctx or INVESTOR_CTX.search(t) or INVESTOR_CTX.search(r.meta.title or ""):
        name = head.strip(" “”\"")
        whole = [h for h in find_places(name) + lexicon().sectors.find(name) if h.end - h.start >= len(name) - 1]
        if 2 <= len(name) <= 20 and not whole:
            return name
    return None


def _subject(an: Analysis, sent: Sent, pos: int) -> Place | None:
    brackets = [(m.start(), m.end()) for m in re.finditer(r"[(（][^)）]*[)）]", sent.t)]
    ents = [h for h in _entities(sent) if h.end <= pos and not any(a <= h.start < b for a, b in brackets)]
    for h in reversed(ents):
        before = sent.t[max(0, h.start - 2):h.start]
        if re.search(r"(?:超过|超|高于|低于|于|反超|比|较)$", before):
            continue
        return h.value
    for prev in reversed(an.sents[: sent.i]):
        if prev.para != sent.para:
            break
        ents = _entities(prev)
        if ents:
            return ents[0].value
    if sent.label_place is not None and sent.label_place.level in ("city", "province", "country", "region"):
        return sent.label_place
    return sent.section_place


def _stat_value(ex, sent: Sent, place: Place, sector: str | None, near: int | None = None):
    """The figure this sentence states for the place (count first), and its basis."""
    cands = [s for s in ex.stats if s.evidence_start == sent.start and s.geo_name == place.name
             and s.metric in ("deal_count", "amount") and (sector is None or s.sector in (sector, None))]
    if not cands:
        return None, None
    s = cands[0]
    return s.value, s.metric


def _basis_of(t: str) -> str | None:
    if re.search(r"金额|融资额|资金|融资规模|总额", t):
        return "amount"
    if re.search(r"起|事件|数量|笔", t):
        return "deal_count"
    return None


def extract_rankings(doc, meta, ex, an: Analysis) -> None:
    r = Ranker(an, meta, ex)
    prov_ctx: Place | None = None      # province whose listed cities the text is walking through
    investor_paras: dict[int, bool] = {}
    for s_ in an.sents:
        investor_paras[s_.para] = investor_paras.get(s_.para, False) or bool(INVESTOR_CTX.search(s_.t))
    for sent in an.sents:
        t = sent.t
        if other_market(t):
            continue   # "贵州茅台获融资买入3.5亿元，位居榜首" ranks a stock, not a place
        if sent.para_first and prov_ctx is not None:
            first = _entities(sent)
            if not first or first[0].value.level != "city" or first[0].value.province != prov_ctx.name or first[0].start > 12:
                if not any(rx.search(t) for rx in PROV_COUNT_RES):
                    prov_ctx = None
        sector_here = most_specific(sent.sectors) if sent.sectors else None
        done: set[tuple] = set()
        if OTHER_BASIS.search(t) and not FUNDING_WORDS.search(t):
            # "A股上市公司数量位居全国城市前三", "GDP排名前十的城市依次为…": not funding rankings
            prov_ctx = _province_counts(r, sent, prov_ctx)
            continue
        investor_ctx = investor_paras.get(sent.para, False) or bool(INVESTOR_CTX.search(meta.title or ""))

        # -- 依次为 lists ---------------------------------------------------------------------
        for m in LIST_RE.finditer(t):
            head = t[:m.start()]
            if OTHER_BASIS.search(head):
                continue   # "GDP排名前十的城市依次为…": not a funding or innovation list
            if m.group(0).startswith("分别"):
                if not re.search(r"前" + NUM + r"(?:名|位|强)?[^,，。；;]{0,12}$", head):
                    continue   # "分别为A、B、C" names a set, not an order, unless it is 前N
            elif not re.search(r"前" + NUM + r"|排名|榜|排行|名次|第(?:\d{1,3}|[一二两三四五六七八九十百]{1,3})(?:名|位)?(?:至|到|-|—)", head):
                continue
            cap = re.search(r"前" + NUM, head[-20:] + m.group(0))
            cap_n = _n(cap.group("n")) if cap else None
            span = re.search(r"第(?P<a>\d{1,3}|[一二两三四五六七八九十百]{1,3})(?:名|位)?(?:至|到|-|—|~)第?(?P<b>\d{1,3}|[一二两三四五六七八九十百]{1,3})(?:名|位)?$", head)
            offset = (_n(span.group("a")) or 1) - 1 if span else 0
            if span and _n(span.group("b")):
                cap_n = _n(span.group("b")) - offset
            items = [h for h in _entities(sent) if h.start >= m.end()]
            run = [items[0]] if items and items[0].start - m.end() <= 1 else []
            for h in items[1:]:
                if run and re.match(r"^[、和及与\s]*$", t[run[-1].end:h.start]):
                    run.append(h)
                else:
                    break
            if cap_n:
                run = run[:cap_n]
            basis = "composite" if r.is_ranking_doc and not re.search(r"融资|投资", head) else _basis_of(head)
            if len(run) >= 2:
                for i, h in enumerate(run, 1 + offset):
                    r.add(sent, h.value, rank=i, basis=basis, sector=None if basis == "composite" else sector_here)
                    done.add((h.value.name, i))
            elif re.search(r"投资机构|投资方|投资人|机构|基金|资本", head[-20:]):
                # an investor list: "最活跃的投资机构前三为红杉中国、高瓴、IDG资本，分别出手43次、38次、31次"
                end = min([x for x in (t.find(c, m.end()) for c in ",，。；;") if x >= 0] or [len(t)])
                from .deals import split_names
                names = split_names(t[m.end():end])
                if cap_n:
                    names = names[:cap_n]
                vals = [Decimal(v) for v in re.findall(r"(\d+)(?:次|起|笔)", t[end:end + 40])] if re.search(r"分别", t[end:end + 6]) else []
                for i, nm in enumerate(names, 1):
                    r.add(sent, nm, rank=i, value=vals[i - 1] if len(vals) == len(names) else None,
                          basis="deal_count" if vals else None, sector=sector_here, level="investor")

        # -- A、B、C位列前三 / A、B分列第一、第二 / 并列第三 -----------------------------------------
        for m in TOP_N_AFTER_RE.finditer(t):
            n = _n(m.group("n"))
            before = [h for h in _entities(sent) if h.end <= m.start()]
            run = _run_back(t, before)
            gap = re.sub(r"^\s*(?:\(|（)[^)）]{0,12}(?:\)|）)", "", t[run[-1].end:m.start()]) if run else "x"
            # "上海、北京、深圳分别以1512起、1408起、1265起位列前三" / "广东、江苏、上海三地的融资事件数分别为118起、104起、97起，位列全国前三"
            gap = re.sub(r"^[三四五六七八九十两]+(?:地|城|省|市|个城市|个省份)?(?:的)?[^。；;，,\d]{0,10}(?=分别)", "", gap)
            gap = re.sub(r"^(?:同样|均|也|依次|仍|继续|分别)+$", "", gap.strip(" ,，"))
            gap = re.sub(r"^分别(?:以|为|是)?[\d.,，、\s]+(?:起|笔|宗|亿元|万元|亿|万)(?:[、,，和\s]*[\d.,]+(?:起|笔|宗|亿元|万元|亿|万))*", "", gap)
            if not n or len(run) != n or gap.strip(" ,，"):
                continue
            sector = _nearest_sector(sent, m.start())
            for i, h in enumerate(run, 1):
                v, b_ = _stat_value(ex, sent, h.value, sector)
                r.add(sent, h.value, rank=i, value=v, basis=b_ or _basis_of(t), sector=sector)
                done.add((h.value.name, i))
        claimed = [(m.start(), m.end()) for rx in (SPLIT_RANKS_RE, TIE_RE, TOP_N_AFTER_RE) for m in rx.finditer(t)]
        last_rank_holder = [0]
        for m in SPLIT_RANKS_RE.finditer(t):
            ranks = [_n(m.group("n"))] + [_n(x) for x in re.findall(r"(\d{1,3}|[一二两三四五六七八九十]{1,3})", m.group("more"))]
            before = [h for h in _entities(sent) if h.end <= m.start()]
            run = _run_back(t, before, counts=True)
            if not run and investor_ctx:
                # "陕西金控、秦创原基金分别参与39起和33起，分列第三、第四"
                prev = t[_clause_start(t, max(_clause_start(t, m.start()) - 1, 0)):m.start()]
                head = HEAD_SPLIT.split(re.sub(r"分别.*$", "", prev), maxsplit=1)[0]
                names = [x for x in re.split(r"与|和|、|及", head.strip(" ,，")) if 2 <= len(x) <= 20]
                vals = re.findall(r"(\d[\d,]*)\s*(?:次|起|笔)", prev)
                if len(names) == len(ranks) and None not in ranks and not any(names_a_place(x) for x in names):
                    for i, (nm, rk) in enumerate(zip(names, ranks)):
                        v = Decimal(vals[i]) if len(vals) == len(names) else None
                        r.add(sent, nm, rank=rk, value=v, basis="deal_count" if v is not None else None,
                              sector=sector_here or meta.scope_sector, level="investor")
                continue
            if not run or len(run) != len(ranks) or None in ranks:
                continue
            sector = _nearest_sector(sent, m.start())
            for h, n in zip(run, ranks):
                v, b_ = _stat_value(ex, sent, h.value, sector)
                r.add(sent, h.value, rank=n, value=v, basis=b_ or _basis_of(t), sector=sector)
                done.add((h.value.name, n))
        for m in TIE_RE.finditer(t):
            n = _n(m.group("n"))
            a = max(t.rfind(c, 0, m.start()) for c in "。；;") + 1
            before = [h for h in _entities(sent) if a <= h.start and h.end <= m.start()]
            run = _run_back(t, before, loose=True)
            if n and len(run) < 2 and investor_ctx:
                # "IDG资本与经纬创投均出手97次，并列第四"
                prev = t[_clause_start(t, _clause_start(t, m.start()) - 1):m.start()]
                head = HEAD_SPLIT.split(prev, maxsplit=1)[0]
                names = [x for x in re.split(r"与|和|、|及", re.sub(r"(?:均|都|各)$", "", head)) if 2 <= len(x) <= 20]
                val = re.search(r"(\d[\d,]*)\s*(?:次|起|笔)", prev)
                if len(names) >= 2 and not any(names_a_place(x) for x in names):
                    for nm in names:
                        r.add(sent, nm, rank=n, value=Decimal(val.group(1)) if val else None,
                              basis="deal_count" if val else None, sector=sector_here, level="investor")
                continue
            if not n or len(run) < 2:
                continue
            sector = _nearest_sector(sent, m.start())
            for h in run:
                v, b_ = _stat_value(ex, sent, h.value, sector)
                r.add(sent, h.value, rank=n, value=v, basis=b_ or _basis_of(t), sector=sector)
                done.add((h.value.name, n))

        # -- 第N名的X (with the entries listed just before it) ---------------------------------
        for m in THE_NTH_RE.finditer(t):
            n = _n(m.group("n"))
            after = [h for h in _entities(sent) if h.start == m.end()]
            if not n or not after:
                continue
            target = after[0]
            basis = _basis_of(t) or None
            value, metric = _stat_value(ex, sent, target.value, None)
            basis = metric or basis
            sector = _nearest_sector(sent, m.start())
            r.add(sent, target.value, rank=n, value=value, basis=basis, sector=sector)
            done.add((target.value.name, n))
            # "北京(520起)、上海(500起)、深圳(402起)超第四名的苏州": the run before fills ranks 1..n-1
            before = [h for h in _entities(sent) if h.end <= m.start()]
            run = _run_back(t, before)
            gap = re.sub(r"^\s*(?:\(|（)[^)）]{0,12}(?:\)|）)", "", t[run[-1].end:m.start()]) if run else ""
            adjacent = bool(run) and bool(re.fullmatch(r"(?:超过?|高于|领先于?|多于|超出|[,，])?", gap))
            if adjacent and len(run) == n - 1:
                for i, h in enumerate(run, 1):
                    v, mt = _stat_value(ex, sent, h.value, None)
                    r.add(sent, h.value, rank=i, value=v, basis=mt or basis, sector=sector)
                    done.add((h.value.name, i))
            elif n == 2 and re.search(r"超过?$|高于$|领先$", t[max(0, m.start() - 3):m.start()]):
                # "上海…其中生物医药超过第二名的北京": the one ahead is the sentence's topic
                topic = [h.value for h in _entities(sent) if h.value.name != target.value.name]
                subj = topic[0] if topic else _subject(an, sent, m.start() - 3)
                if subj is not None and subj.name != target.value.name:
                    v, mt = _stat_value(ex, sent, subj, sector)
                    r.add(sent, subj, rank=1, value=v, basis=mt or basis, sector=sector)

        # -- A仅次于B ----------------------------------------------------------------------------
        for m in SECOND_TO_RE.finditer(t):
            after = [h for h in _entities(sent) if m.end() <= h.start <= m.end() + 2]
            subj = _subject(an, sent, m.start())
            if not after or subj is None or subj.name == after[0].value.name:
                continue
            sector = _nearest_sector(sent, m.start())
            v1, b1 = _stat_value(ex, sent, after[0].value, sector)
            v2, b2 = _stat_value(ex, sent, subj, sector)
            basis = b1 or b2 or _basis_of(t)
            r.add(sent, after[0].value, rank=1, value=v1, basis=basis, sector=sector)
            r.add(sent, subj, rank=2, value=v2, basis=basis, sector=sector)

        # -- rank 1 claims, X位居/排名/上升至(全国)第N, 紧随其后 --------------------------------------
        claims = [(m, 1) for m in list(FIRST_RE.finditer(t)) + list(MOST_RE.finditer(t))
                  if not SCOPE_NOT_PLACES.search(t[max(0, m.start() - 6):m.end()])]
        for m in RISE_RE.finditer(t):
            n = _n(m.group("n"))
            if not n or SCOPE_NOT_PLACES.search(m.group(0)) or any(a <= m.end() - 1 < b for a, b in claimed):
                continue   # "生物医药位居各行业第二" ranks a sector, not a place
            if re.match(r"^的", t[m.end():m.end() + 1]):
                continue   # 第N名的X is handled above
            claims.append((m, n))
        last_rank = 0
        for m in MOST_INVESTOR_RE.finditer(t):
            # "本季度出手最活跃的投资机构为启明创投，共参与14起…"
            name = re.split(r"[,，。；;、]", m.group("name"))[0].strip()
            val = re.search(r"(\d[\d,]*)\s*(?:起|次|笔)", t[m.end():m.end() + 24])
            if 2 <= len(name) <= 20:
                r.add(sent, name, rank=1, value=Decimal(val.group(1).replace(",", "")) if val else None,
                      basis="deal_count" if val else None, sector=sector_here or meta.scope_sector, level="investor")
                last_rank_holder[0] = 1
        last_rank = last_rank_holder[0] if investor_ctx else 0
        for m, n in sorted(claims + [(m, None) for m in NEXT_RE.finditer(t)], key=lambda x: x[0].start()):
            n = n if n is not None else last_rank + 1 if last_rank else 2 if m.group(0).startswith("居次") else None
            if n is None:
                continue
            if t[m.end():m.end() + 1] == "的" or HEDGED.search(t[max(0, m.start() - 8):m.start()]):
                continue   # "排名第一的成都" is 第N的X; "大概排在第八" is no claim
            if OTHER_BASIS.search(t[_clause_start(t, m.start()):m.start()]) or OTHER_BASIS.search(t[max(0, m.start() - 24):m.start()]):
                continue
            if not FUNDING_WORDS.search(t) and any(OTHER_BASIS.search(x.t) for x in an.sents if x.para == sent.para):
                continue   # "苏州以约1.1万亿元位列第六" in a paragraph about GDP
            subj = _claim_subject(r, an, sent, m.start(), investor_ctx, claim=m.group(0))
            if subj is None:
                continue
            if isinstance(subj, str):   # an investor: "深创投以全年出手168次位居榜首"
                cs = _clause_start(t, m.start())
                val = re.search(r"(\d[\d,]*)\s*(?:次|起|笔)", t[cs:m.start()]) or \
                    re.search(r"(\d[\d,]*)\s*(?:次|起|笔)", t[_clause_start(t, max(cs - 1, 0)):m.start()])
                r.add(sent, subj, rank=n, value=Decimal(val.group(1).replace(",", "")) if val else None,
                      basis="deal_count" if val else None, sector=sector_here or meta.scope_sector, level="investor")
                last_rank = last_rank_holder[0] = n
                continue
            last_rank = n
            if (subj.name, n) in done and not re.search(r"同样|也|亦|均", t[max(0, m.start() - 4):m.start()]):
                continue   # "…披露融资金额约21亿元，同样排名第一" is a second claim, on amount
            if any(rx.search(t) for rx in PROV_COUNT_RES) and subj.level == "province":
                continue   # "江苏以11座城市上榜位居榜首": the province-count row carries it
            a = max(t.rfind(c, 0, m.start()) for c in "。；;") + 1
            sector = _nearest_sector(sent, m.end() + 20) if n == 1 else _nearest_sector(sent, m.start())
            v, basis = _stat_value(ex, sent, subj, sector)
            basis = basis or _basis_of(t[a:m.end() + 20] if n == 1 else t[:m.start()])
            r.add(sent, subj, rank=n, value=v, basis=basis, sector=sector)
            done.add((subj.name, n))

        # -- province counts of listed cities -----------------------------------------------------
        prov_ctx = _province_counts(r, sent, prov_ctx)

        # -- membership --------------------------------------------------------------------------
        for m in MEMBER_RE.finditer(t):
            if not re.search(r"也|亦|均|都|同样", m.group(0)) and not (r.is_ranking_doc and re.search(r"跻身|入围|进入", m.group(0))):
                continue
            a = max(t.rfind(c, 0, m.start()) for c in "。；;") + 1
            for h in _entities(sent):
                if a <= h.start < m.start() and h.value.level == "city":
                    r.add(sent, h.value, rank=None, basis="composite" if r.is_ranking_doc else None)
        if r.is_ranking_doc and prov_ctx is not None:
            ents = [h for h in _entities(sent) if h.value.level == "city" and h.value.province == prov_ctx.name]
            if ents and ents[0].start <= 12 and not any(rx.search(t) for rx in PROV_COUNT_RES):
                r.add(sent, ents[0].value, rank=None, basis="composite")
    numbered_lists(doc, meta, ex, an)
    _tidy(ex)


NUMBERED_LINE = re.compile(r"^\s*(?:TOP|Top|top|NO\.?|No\.?|第)?\s*(?P<n>\d{1,3})\s*(?:名|位)?\s*[.、:：)）]?\s*")


def numbered_lists(doc, meta, ex, an: Analysis) -> None:
    """Lines "1. 北京 520起" / "TOP2：上海" / "第3名：深圳" — two or more in a row, ranks counting up,
    each line naming a place right after its number and stating a figure or nothing else."""
    r = Ranker(an, meta, ex)
    first_sent = {}
    for st in an.sents:
        first_sent.setdefault(st.para, st)
    runs: list[list[tuple[int, Sent, Hit]]] = []
    cur: list[tuple[int, Sent, Hit]] = []
    for pi in sorted(first_sent):
        st = first_sent[pi]
        m = NUMBERED_LINE.match(st.t) if not TABLE_ROW.search(st.raw) else None   # table rows are tables.py's
        ent = [h for h in _entities(st) if m and m.end() <= h.start <= m.end() + 1] if m and m.group("n") else []
        n = int(m.group("n")) if m and ent else None
        if n is not None and cur and n == cur[-1][0] + 1 and pi == cur[-1][1].para + 1:
            cur.append((n, st, ent[0]))
            # "9. 长沙、青岛（并列）—— 各9起": a tie on one line
            if "并列" in st.t:
                for h in _run_back(st.t, [x for x in _entities(st)][:4], loose=True)[1:]:
                    cur.append((n, st, h))
            continue
        if len(cur) >= 2:
            runs.append(cur)
        cur = [(n, st, ent[0])] if n == 1 else []
    if len(cur) >= 2:
        runs.append(cur)
    for run in runs:
        for n, st, h in run:
            v, basis = _stat_value(ex, st, h.value, None)
            r.add(st, h.value, rank=n, value=v, basis=basis or ("composite" if r.is_ranking_doc else None),
                  sector=meta.scope_sector)


def _province_counts(r: Ranker, sent: Sent, prov_ctx: Place | None) -> Place | None:
    t = sent.t
    ents = [h for h in _entities(sent) if h.value.level in ("province", "city", "region")]
    list_name = f"{r.main_list}上榜城市数" if r.main_list else "上榜城市数"
    listed_here = bool(re.search(LISTED, t))
    para_listed = listed_here or sent.para in r.listed_paras()
    seen: set[str] = set()

    def add(h: Hit, n: int, rank: int | None = None):
        p = h.value
        if p.level == "city":
            # a name shared by a city and a province (吉林, and the municipalities) counts as the province here
            prov = r.lex.province_by_name.get(p.name)
            if prov is None:
                return
            p = Place("province", p.name, prov["province_code"], province=p.name, country="中国")
        if p.name in seen:
            return
        seen.add(p.name)
        level = "region" if p.level == "region" else "province"
        r.add(sent, p, rank=rank, value=Decimal(n), basis="listed_city_count", list_name=list_name, level=level)

    for rx in PROV_COUNT_RES:
        for m in rx.finditer(t):
            n = _n(m.group("n"))
            a = max(t.rfind(c, 0, m.start()) for c in ",，;；。") + 1
            before = [h for h in ents if a <= h.start and h.end <= m.start()]
            if not n or not before or t[before[-1].end:m.start()].strip():
                continue   # the count must follow the place directly: "三大省份合计上榜29座" is no province's
            after = re.sub(r"^[^,，。；;]{0,3}?[(（][^)）]{0,30}[)）]", "", t[m.end():m.end() + 40])   # "（深圳、广州、珠海）"
            after = re.sub(r"^(?:座|个)?城市", "", after)
            rank = 1 if re.search(r"^[,，]?(?:位居榜首|排名第一|位列第一|居首|(?:位居|居|位列)各[^,，。；;]{1,4}(?:首位|之首|第一))", after) else None
            rk = re.search(r"^[,，]?排名第" + NUM, after)
            if rk:
                rank = _n(rk.group("n"))
            if rx.pattern.startswith("分别") or re.search(r"分别$", t[:m.start()]):
                for h in _run_back(t, before):
                    add(h, n, rank)
            else:
                add(before[-1], n, rank)
                if before[-1].value.level in ("province", "city"):
                    prov_ctx = before[-1].value
    for m in MULTI_COUNT_RE.finditer(t):
        # "浙江、广东分别有8座、7座城市上榜": values in order over the list before 分别
        vals = [_n(x) for x in re.findall(r"(\d{1,3}|[一二两三四五六七八九十]{1,3})(?:座|个)", m.group("vals"))]
        a = max(t.rfind(c, 0, m.start()) for c in ";；。") + 1
        run = _run_back(t, [h for h in ents if a <= h.start and h.end <= m.start()])
        if len(run) == len(vals) and None not in vals:
            for h, n in zip(run, vals):
                add(h, n)
    for m in EACH_RE.finditer(t):
        n = _n(m.group("n"))
        if not n or not para_listed:
            continue
        a = max(t.rfind(c, 0, m.start()) for c in ";；。") + 1
        before = [h for h in ents if a <= h.start and h.end <= m.start()]
        for h in _run_back(t, before, loose=True):
            add(h, n)
    if para_listed:
        # "江苏11个、广东9个" / "江苏(11座)、广东(9座)"
        for h in ents:
            m = INLINE_COUNT_RE.match(t, h.end)
            if m and not re.match(r"^\s*(?:\(|（)?\d+\s*(?:座|个)(?:省|城市上榜|上榜城市)", t[h.end:]):
                n = _n(m.group("n"))
                if n:
                    add(h, n)
    return prov_ctx


def _run_back(t: str, hits: list[Hit], loose: bool = False, counts: bool = False) -> list[Hit]:
    if not hits:
        return []
    gap = r"^[、,，和及与以及\s]*$" if not loose else r"^(?:[、,，和及与\s]|以及)*$"
    run = [hits[-1]]
    for h in reversed(hits[:-1]):
        between = t[h.end:run[0].start]
        between = re.sub(r"^\s*(?:\(|（)[^)）]{0,12}(?:\)|）)", "", between)
        if counts:   # "台中市6筆、高雄市5筆，分列第三、第四": each place carries its figure
            between = re.sub(r"^\s*(?:发生|有|共)?\s*\d[\d,.]*\s*(?:起|笔|宗|亿元|万元)", "", between)
        if re.match(gap, between):
            run.insert(0, h)
        else:
            break
    return run


def _nearest_sector(sent: Sent, pos: int) -> str | None:
    before = [h for h in sent.sectors if h.start < pos]
    if before:
        return before[-1].value
    return None


def _tidy(ex) -> None:
    """One row per entity per claim: a membership row yields to a ranked row of the same entity, a
    valueless rank row to one with the same rank and a value, and "浙江、广东分别有8座、7座城市上榜，
    位列第二、第三" is one row per province with its count and its rank."""
    listed = {(x.entity_name, x.evidence_start): x for x in ex.rankings if x.basis == "listed_city_count" and x.rank is None}
    merged = []
    for x in ex.rankings:
        if x.basis is None and x.rank is not None and x.value is None and (x.entity_name, x.evidence_start) in listed:
            listed[(x.entity_name, x.evidence_start)].rank = x.rank
            continue
        merged.append(x)
    ex.rankings[:] = merged
    ranked = {(x.entity_name, x.rank, x.basis) for x in ex.rankings if x.rank is not None and x.value is not None}
    ranked |= {(n, rk, None) for n, rk, _ in ranked}
    ranked_any = {x.entity_name for x in ex.rankings if x.rank is not None and x.basis in ("composite",)}
    listed_members = set()
    out = []
    for x in ex.rankings:
        if x.rank is None and x.basis != "listed_city_count":
            if x.entity_name in ranked_any or (x.list_name, x.entity_name) in listed_members:
                continue
            listed_members.add((x.list_name, x.entity_name))
        if x.rank is not None and x.value is None and (x.entity_name, x.rank, x.basis) in ranked:
            continue
        out.append(x)
    # a province count restated ("江苏(11座)") keeps the first, ranked one
    seen: dict[tuple, RankingFact] = {}
    final = []
    for x in out:
        if x.basis == "listed_city_count":
            k = (x.list_name, x.entity_name, x.value)
            if k in seen:
                if seen[k].rank is None and x.rank is not None:
                    seen[k].rank = x.rank
                continue
            seen[k] = x
        final.append(x)
    # a claim restated close by without a figure ("…位居首位；事件数量与融资金额均居首位") is one claim
    kept: list[RankingFact] = []
    for x in final:
        if x.rank is not None and x.value is None and x.basis != "listed_city_count" and any(
                k.entity_name == x.entity_name and k.rank == x.rank and abs(k.evidence_start - x.evidence_start) < 300
                for k in kept):
            continue
        kept.append(x)
    ex.rankings[:] = kept
