"""The analyst views of CONTRACT.md, declared beside the tables they read.

Each view is (name, comment, SQL, columns); every column gets a bilingual comment from
``COLUMN_DOCS`` (shared meanings) or the view's own overrides, so ``\\d+ v_deals`` in psql is a
data dictionary. Migrations call :func:`create_views` / :func:`drop_views`; a test compares the
database's comments with this declaration.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .base import doc

COLUMN_DOCS: dict[str, tuple[str, str]] = {
    "doc_id": ("来源文档编号", "source document id (v_documents.doc_id)"),
    "source_name": ("文件名", "file base name"),
    "sha256": ("原始字节 SHA-256", "SHA-256 of the raw file bytes"),
    "title": ("标题（按原文）", "title: the report's own name, else the headline, as written"),
    "publisher": ("发布机构（简体）", "publisher: the issuing body, else the outlet; simplified script"),
    "data_source": ("数据来源", "data source the report relies on, when stated"),
    "published_on": ("发布日期", "publication date"),
    "period_start": ("统计期起（含）", "period start, inclusive; NULL when unknown"),
    "period_end": ("统计期止（含）", "period end, inclusive; NULL when unknown"),
    "script": ("文字：hans 简体 / hant 繁体", "script of the original: hans or hant"),
    "char_count": ("存储文本字符数", "characters in the stored text"),
    "n_deals": ("融资事件数", "number of rows in v_deals for this document"),
    "n_stats": ("统计数字数", "number of rows in v_funding_stats for this document"),
    "n_rankings": ("榜单条目数", "number of rows in v_rankings for this document"),
    "loaded_at": ("载入时间", "load time"),
    "text": ("存储文本（证据偏移所指）", "stored text; evidence offsets index it"),
    "encoding": ("源编码", "detected source encoding"),
    "extractor_version": ("抽取器版本", "extractor version that produced the facts"),
    "deal_id": ("融资事件编号", "deal id"),
    "company": ("公司名（简体）", "company name, simplified script"),
    "round": ("轮次（规范名，组合用+，如 天使轮+A轮、B轮及以后）", "round, canonical name; groups joined by + or 'X及以后'"),
    "round_order": ("轮次阶段顺序", "stage order of the round (round.stage_order)"),
    "amount": ("金额（原币种，元为单位）", "amount in whole units of its currency: 1.65亿美元 -> 165000000"),
    "amount_max": ("区间上限", "upper bound for ranges"),
    "currency": ("币种 ISO 4217", "ISO 4217 currency as stated in the text"),
    "amount_cny": ("折合人民币", "amount converted to CNY with the month's average rate"),
    "qualifier": ("限定：exact/approx/at_least/at_most/range", "qualifier: exact, approx (约/近), at_least (超/逾), at_most, range (数亿)"),
    "announced_on": ("宣布日期（仅知月份为当月1日）", "announcement date; first day of the month when only the month is known"),
    "city": ("城市（规范简称）", "city, canonical short name (北京, 苏州, 香港, 台北)"),
    "province": ("省份（规范简称）", "province, canonical short name (江苏, 广西, 台湾)"),
    "country": ("国家（规范简称）", "country, canonical short name (中国, 美国)"),
    "region": ("区域", "region (长三角, 北美…) when the figure is about one"),
    "sector": ("行业（规范名）", "sector, canonical name, most specific stated"),
    "parent_sector": ("上级行业", "parent sector"),
    "investors": ("全部投资方", "all investors, lead first, in text order"),
    "lead_investors": ("领投方", "lead investors"),
    "evidence": ("证据原句（≤400字，存储文本的原样切片）", "evidence sentence, at most 400 characters, verbatim slice of v_documents.text"),
    "evidence_start": ("证据起始偏移（0 起）", "0-based start offset of the evidence in v_documents.text"),
    "evidence_end": ("证据结束偏移（不含）", "end offset of the evidence, exclusive"),
    "stat_id": ("统计编号", "stat id"),
    "geo_level": ("地域层级：world/overseas/country/region/province/city/group", "geo level: world, overseas, country, region, province, city, group"),
    "geo_name": ("地域名称（规范名；全球、海外、Top50城市…）", "place or group name (全球, 海外, Top50城市…)"),
    "metric": ("指标", "metric: deal_count, amount, deal_count_share, amount_share, deal_count_yoy, amount_yoy, deal_count_mom, amount_mom, amount_mean, amount_median, company_count, …"),
    "value": ("数值：金额以元计；占比与变化以百分数计（90.3）", "value: amounts in whole units; shares and changes in percent (90.3)"),
    "value_max": ("区间上限", "upper bound of a range"),
    "value_cny": ("金额折合人民币", "amount converted to CNY (amount metrics only)"),
    "entry_id": ("榜单条目编号", "ranking entry id"),
    "list_name": ("榜单名或排名依据", "list name, or the basis of the ordinal claim"),
    "edition_year": ("年度", "edition year of the list"),
    "basis": ("排名依据", "basis: deal_count, amount, composite, listed_city_count, …"),
    "entity_level": ("对象层级", "entity level: city, district, province, region, country, investor, company"),
    "entity_name": ("对象名称", "entity name, canonical"),
    "rank": ("名次（只知上榜为空；并列同名次）", "rank; NULL when only membership is stated; ties share a rank"),
    # dimensions and BI views
    "city_code": ("城市代码（GB/T 2260；dim_city 的键）", "city code (GB/T 2260), key of dim_city"),
    "city_name": ("城市全称", "full city name, e.g. 苏州市"),
    "province_code": ("省级行政区代码（GB/T 2260；dim_province 的键）", "province code (GB/T 2260), key of dim_province"),
    "province_name": ("省级行政区全称", "full province name, e.g. 广西壮族自治区"),
    "name_en": ("英文名", "English name"),
    "macro_region": ("四大区域：东部/中部/西部/东北/港澳台", "NBS macro-region: 东部, 中部, 西部, 东北, 港澳台"),
    "economic_zones": ("所属经济区（逗号分隔，如 长三角, 粤港澳大湾区）", "economic zones it belongs to, comma-separated (长三角, 京津冀…)"),
    "longitude": ("经度（度，城市驻地）", "longitude of the city seat, degrees"),
    "latitude": ("纬度（度，城市驻地）", "latitude of the city seat, degrees"),
    "level": ("行政级别", "administrative level: municipality, prefecture, autonomous_prefecture, region, league, sar, taiwan_city, county_level"),
    "sector_code": ("行业代码（dim_sector 的键）", "sector code, key of dim_sector"),
    "sector_en": ("行业英文名", "sector name in English"),
    "parent_code": ("上级行业代码", "parent sector code; NULL at the top level"),
    "top_sector_code": ("顶级行业代码", "code of the top-level ancestor sector (itself at the top level)"),
    "top_sector": ("顶级行业", "top-level ancestor sector (itself at the top level), e.g. 人形机器人 -> 机器人"),
    "sector_depth": ("行业层级深度（顶级为1）", "depth in the sector tree, 1 at the top level"),
    "round_code": ("轮次代码（dim_round 的键）", "round code, key of dim_round"),
    "stage_order": ("轮次阶段顺序（越大越晚）", "stage order of the round, larger is later"),
    "round_kind": ("轮次类型：single 单一轮次 / group 轮次组", "round kind: single, or group (B轮及以后, IPO前…)"),
    "year": ("年份（期间在同一年内时）", "calendar year, when the period lies within one year"),
    "half": ("半年：1 上半年 / 2 下半年（期间在同一半年内时）", "half-year 1 or 2, when the period lies within one half-year"),
    "quarter": ("季度 1–4（期间在同一季度内时）", "quarter 1-4, when the period lies within one quarter"),
    "month": ("月份 1–12（期间在同一月内时）", "month 1-12, when the period lies within one month"),
    "period_grain": ("期间粒度：year/half/quarter/month/other", "grain of the period: year, half, quarter, month when it is exactly one such calendar unit, else other; NULL when unknown"),
    "period_label": ("期间标签（2025、2025H1、2025Q4、2025-11）", "period label for chart axes: 2025, 2025H1, 2025Q4, 2025-11, else start..end (an unknown bound left empty)"),
    "n_investors": ("投资方数量", "number of investors"),
    "search_text": ("检索文本（简体、半角，与存储文本等长）", "search text: simplified, half-width copy of text, same length (etl.read.to_match_text); search it with simplified keywords"),
    "snippet": ("命中片段（原文）", "text around the first hit, as written"),
    "n_hits": ("命中次数", "number of occurrences of the keyword"),
}


@dataclass
class View:
    name: str
    zh: str
    en: str
    sql: str
    columns: tuple[str, ...] = ()     # output columns, in order (a test checks them against the database)
    overrides: dict[str, tuple[str, str]] = field(default_factory=dict)

    def column_comment(self, column: str) -> str:
        zh, en = self.overrides.get(column) or COLUMN_DOCS[column]
        return doc(zh, en)


CURRENT = "d.is_current"

VIEWS: list[View] = [
    View(
        "v_documents", "当前载入的源文档（每文档一行）", "One row per current source document",
        f"""
        select d.doc_id, d.source_name, d.sha256, d.title, d.publisher, d.published_on,
               d.period_start, d.period_end, d.script, d.char_count,
               (select count(*) from deal x where x.doc_id = d.doc_id)::int as n_deals,
               (select count(*) from funding_stat x where x.doc_id = d.doc_id)::int as n_stats,
               (select count(*) from ranking_entry x where x.doc_id = d.doc_id)::int as n_rankings,
               d.loaded_at, d.text, d.data_source, d.encoding, d.extractor_version
          from source_doc d
         where {CURRENT}
        """,
        columns=tuple("doc_id source_name sha256 title publisher published_on period_start period_end script char_count n_deals n_stats n_rankings loaded_at text data_source encoding extractor_version".split()),
    ),
    View(
        "v_deals", "融资事件（每个具名公司的每次融资一行）", "One row per financing event of a named company",
        f"""
        select x.deal_id, x.doc_id, c.company_name as company, r.round_name as round,
               x.amount, x.currency_code as currency, x.amount_cny, x.qualifier, x.amount_max,
               x.announced_on, ci.short_name as city, p.short_name as province, co.name_zh as country,
               s.sector_name as sector,
               coalesce((select array_agg(i.investor_name order by di.is_lead desc, di.position)
                           from deal_investor di join investor i using (investor_id)
                          where di.deal_id = x.deal_id), '{{}}')::text[] as investors,
               coalesce((select array_agg(i.investor_name order by di.position)
                           from deal_investor di join investor i using (investor_id)
                          where di.deal_id = x.deal_id and di.is_lead), '{{}}')::text[] as lead_investors,
               x.evidence, x.evidence_start, x.evidence_end, r.stage_order as round_order
          from deal x
          join source_doc d on d.doc_id = x.doc_id and {CURRENT}
          -- left join: deal.company_id is not null and references company, so no row changes, and
          -- a query that uses no company column skips the join (2x on period aggregates, benchmarks.md)
          left join company c on c.company_id = x.company_id
          left join round r on r.round_code = x.round_code
          left join city ci on ci.city_code = x.city_code
          left join province p on p.province_code = coalesce(x.province_code, ci.province_code)
          left join country co on co.country_code = x.country_code
          left join sector s on s.sector_code = x.sector_code
        """,
        columns=tuple("deal_id doc_id company round amount currency amount_cny qualifier amount_max announced_on city province country sector investors lead_investors evidence evidence_start evidence_end round_order".split()),
    ),
    View(
        "v_funding_stats", "报告中的汇总统计数字（每个数字一行）", "One row per aggregate figure stated in a report",
        f"""
        select x.stat_id, x.doc_id, x.geo_level, x.geo_name, ci.short_name as city,
               p.short_name as province, co.name_zh as country, s.sector_name as sector,
               x.round_label as round, x.period_start, x.period_end, x.metric, x.value, x.value_max,
               x.currency_code as currency, x.qualifier, x.evidence, x.evidence_start, x.evidence_end,
               x.value_cny, rg.region_name as region
          from funding_stat x
          join source_doc d on d.doc_id = x.doc_id and {CURRENT}
          left join city ci on ci.city_code = x.city_code
          left join province p on p.province_code = coalesce(x.province_code, ci.province_code)
          left join country co on co.country_code = x.country_code
          left join region rg on rg.region_code = x.region_code
          left join sector s on s.sector_code = x.sector_code
        """,
        columns=tuple("stat_id doc_id geo_level geo_name city province country sector round period_start period_end metric value value_max currency qualifier evidence evidence_start evidence_end value_cny region".split()),
    ),
    View(
        "v_rankings", "榜单条目与排名陈述（每条一行）", "One row per ranking entry or explicit ordinal claim",
        f"""
        select e.entry_id, e.doc_id, l.list_name, l.publisher, l.edition_year, l.period_start,
               l.period_end, l.basis, e.entity_level, e.entity_name, ci.short_name as city,
               p.short_name as province, s.sector_name as sector, e.rank, e.value,
               e.evidence, e.evidence_start, e.evidence_end
          from ranking_entry e
          join ranking_list l on l.list_id = e.list_id
          join source_doc d on d.doc_id = e.doc_id and {CURRENT}
          left join city ci on ci.city_code = e.city_code
          left join province p on p.province_code = coalesce(e.province_code, ci.province_code)
          left join sector s on s.sector_code = l.sector_code
        """,
        columns=tuple("entry_id doc_id list_name publisher edition_year period_start period_end basis entity_level entity_name city province sector rank value evidence evidence_start evidence_end".split()),
    ),
]


# ---------------------------------------------------------------------------------------------
# BI star: dimensions (dim_*) and flat fact views (bi_*) with numeric and date types only


def _period_columns(p: str = "per") -> str:
    """year, half, quarter, month, period_grain, period_label of the period ``p.ps`` .. ``p.pe``.

    A calendar unit is given only when the whole period lies within it (a figure for 2025H1 has
    year 2025 and half 1 but no quarter); the grain says which unit the period is exactly.
    """
    ps, pe = f"{p}.ps", f"{p}.pe"
    same_year = f"date_trunc('year', {ps}::timestamp) = date_trunc('year', {pe}::timestamp)"
    grain = f"""case
                 when {ps} is null or {pe} is null then null
                 when {ps} = date_trunc('month', {ps}::timestamp) and {pe} = (date_trunc('month', {ps}::timestamp) + interval '1 month - 1 day')::date then 'month'
                 when {ps} = date_trunc('quarter', {ps}::timestamp) and {pe} = (date_trunc('quarter', {ps}::timestamp) + interval '3 months - 1 day')::date then 'quarter'
                 when extract(month from {ps}) in (1, 7) and extract(day from {ps}) = 1
                      and {pe} = ({ps} + interval '6 months - 1 day')::date then 'half'
                 when {ps} = date_trunc('year', {ps}::timestamp) and {pe} = (date_trunc('year', {ps}::timestamp) + interval '1 year - 1 day')::date then 'year'
                 else 'other' end"""
    return f"""
               case when {same_year} then extract(year from {ps})::int end as year,
               case when {same_year} and (extract(month from {ps}) <= 6) = (extract(month from {pe}) <= 6)
                    then case when extract(month from {ps}) <= 6 then 1 else 2 end end as half,
               case when date_trunc('quarter', {ps}::timestamp) = date_trunc('quarter', {pe}::timestamp) then extract(quarter from {ps})::int end as quarter,
               case when date_trunc('month', {ps}::timestamp) = date_trunc('month', {pe}::timestamp) then extract(month from {ps})::int end as month,
               {grain} as period_grain,
               case {grain}
                 when 'year' then to_char({ps}, 'YYYY')
                 when 'half' then to_char({ps}, 'YYYY') || 'H' || case when extract(month from {ps}) <= 6 then 1 else 2 end
                 when 'quarter' then to_char({ps}, 'YYYY"Q"Q')
                 when 'month' then to_char({ps}, 'YYYY-MM')
                 else case when {ps} is not null or {pe} is not null
                           then coalesce(to_char({ps}, 'YYYY-MM-DD'), '') || '..' || coalesce(to_char({pe}, 'YYYY-MM-DD'), '') end
               end as period_label"""


PERIOD_COLUMNS = ("year", "half", "quarter", "month", "period_grain", "period_label")

# a zone membership is stated for provinces or for cities (region_member)
_ZONES_OF_CITY = """(select string_agg(rg.region_name, ', ' order by rg.region_name)
                      from region rg
                     where rg.region_kind = 'economic_zone'
                       and exists (select 1 from region_member m
                                    where m.region_code = rg.region_code
                                      and ((m.member_kind = 'city' and m.member_code = ci.city_code)
                                        or (m.member_kind = 'province' and m.member_code = ci.province_code))))"""
_ZONES_OF_PROVINCE = """(select string_agg(rg.region_name, ', ' order by rg.region_name)
                          from region rg
                         where rg.region_kind = 'economic_zone'
                           and exists (select 1 from region_member m
                                        where m.region_code = rg.region_code
                                          and m.member_kind = 'province' and m.member_code = p.province_code))"""

# a company's name for matching across sources: lower case, no bracketed place, no legal form or
# generic trailing word (公司, 集团, 科技…), no spaces or punctuation: "云鲸智能科技（深圳）有限公司",
# "云鲸智能(深圳)" and "云鲸智能" meet
_KEY = r"""regexp_replace(regexp_replace(regexp_replace(lower({c}),
                    '[（(][^）)]*[）)]', '', 'g'),
                    '[\s.,;!?&/_''"()（），。、；！？·・—－-]', '', 'g'),
                    '(有限责任公司|有限公司|公司|集团|控股|股份|科技|技术|实业)+$', '')"""
COMPANY_KEY = f"coalesce(nullif({_KEY}, ''), lower({{c}}))"

BI_VIEWS: list[View] = [
    View(
        "dim_province", "维度：省级行政区（含四大区域、经济区）", "Dimension: provinces with macro-region and economic zones",
        f"""
        select p.province_code, p.short_name as province, p.province_name, p.name_en, p.macro_region,
               {_ZONES_OF_PROVINCE} as economic_zones
          from province p
        """,
        columns=("province_code", "province", "province_name", "name_en", "macro_region", "economic_zones"),
    ),
    View(
        "dim_city", "维度：城市（省份、四大区域、经纬度、级别）", "Dimension: cities with province, macro-region, coordinates and level",
        f"""
        select ci.city_code, ci.short_name as city, ci.city_name, ci.province_code, p.short_name as province,
               p.macro_region, ci.longitude, ci.latitude, ci.level,
               {_ZONES_OF_CITY} as economic_zones
          from city ci
          join province p on p.province_code = ci.province_code
        """,
        columns=("city_code", "city", "city_name", "province_code", "province", "macro_region", "longitude", "latitude", "level", "economic_zones"),
    ),
    View(
        "dim_sector", "维度：行业（上级行业、顶级行业）", "Dimension: sectors with parent and top-level sector",
        """
        with recursive tree (sector_code, top_code, depth) as (
            select sector_code, sector_code, 1 from sector where parent_code is null
             union all
            select s.sector_code, t.top_code, t.depth + 1
              from sector s join tree t on s.parent_code = t.sector_code
             where t.depth < 20)
        select s.sector_code, s.sector_name as sector, s.name_en as sector_en, s.parent_code,
               ps.sector_name as parent_sector, t.top_code as top_sector_code, ts.sector_name as top_sector,
               t.depth as sector_depth
          from sector s
          join tree t on t.sector_code = s.sector_code
          left join sector ps on ps.sector_code = s.parent_code
          join sector ts on ts.sector_code = t.top_code
        """,
        columns=("sector_code", "sector", "sector_en", "parent_code", "parent_sector", "top_sector_code", "top_sector", "sector_depth"),
    ),
    View(
        "dim_round", "维度：融资轮次（阶段顺序）", "Dimension: financing rounds with stage order",
        """
        select r.round_code, r.round_name as round, r.stage_order, r.round_kind from round r
        """,
        columns=("round_code", "round", "stage_order", "round_kind"),
    ),
    View(
        "bi_deals", "BI：融资事件宽表（地域、行业、轮次、期间维度展开；无数组）",
        "BI: deals, flat, with geography, sector, round and period attributes; numeric and date types, no arrays",
        f"""
        select x.deal_id, x.doc_id, d.source_name, c.company_name as company,
               x.round_code, r.round, r.stage_order,
               x.amount, x.amount_max, x.currency_code as currency, x.amount_cny, x.qualifier,
               x.announced_on, per.ps as period_start, per.pe as period_end,{_period_columns()},
               x.city_code, ci.city, p.province_code, p.short_name as province, p.macro_region,
               co.name_zh as country, ci.longitude, ci.latitude,
               x.sector_code, sx.sector, sx.parent_sector, sx.top_sector,
               inv.investors, inv.lead_investors, coalesce(inv.n_investors, 0) as n_investors,
               x.evidence
          from deal x
          join source_doc d on d.doc_id = x.doc_id and {CURRENT}
          left join company c on c.company_id = x.company_id   -- not null FK: same rows, removable join
          left join dim_round r on r.round_code = x.round_code
          left join dim_city ci on ci.city_code = x.city_code
          left join province p on p.province_code = coalesce(x.province_code, ci.province_code)
          left join country co on co.country_code = x.country_code
          left join dim_sector sx on sx.sector_code = x.sector_code
          left join lateral (
                select string_agg(i.investor_name, ', ' order by di.is_lead desc, di.position) as investors,
                       string_agg(i.investor_name, ', ' order by di.position) filter (where di.is_lead) as lead_investors,
                       count(*)::int as n_investors
                  from deal_investor di join investor i on i.investor_id = di.investor_id
                 where di.deal_id = x.deal_id) inv on true
          cross join lateral (
                select coalesce(date_trunc('month', x.announced_on::timestamp)::date, d.period_start) as ps,
                       coalesce((date_trunc('month', x.announced_on::timestamp) + interval '1 month - 1 day')::date,
                                case when x.announced_on is null then d.period_end end) as pe) per
        """,
        columns=("deal_id", "doc_id", "source_name", "company", "round_code", "round", "stage_order",
                 "amount", "amount_max", "currency", "amount_cny", "qualifier", "announced_on", "period_start", "period_end",
                 *PERIOD_COLUMNS, "city_code", "city", "province_code", "province", "macro_region", "country",
                 "longitude", "latitude", "sector_code", "sector", "parent_sector", "top_sector",
                 "investors", "lead_investors", "n_investors", "evidence"),
        overrides={
            "period_start": ("日期所属期间起：宣布月份，未知时为报告统计期", "start of the deal's dating period: its announcement month, else the report's covered period"),
            "period_end": ("日期所属期间止（含）", "end of the deal's dating period, inclusive"),
            "investors": ("全部投资方（逗号分隔，领投在前）", "all investors, comma-separated, lead first, in text order"),
            "lead_investors": ("领投方（逗号分隔）", "lead investors, comma-separated"),
        },
    ),
    View(
        "bi_funding_stats", "BI：汇总统计宽表（地域、行业、期间维度展开）",
        "BI: funding statistics, flat, with geography, sector and period attributes",
        f"""
        select x.stat_id, x.doc_id, d.source_name, x.geo_level, x.geo_name,
               x.city_code, ci.city, p.province_code, p.short_name as province,
               coalesce(p.macro_region, case when rg.region_kind = 'macro_region' then rg.region_name end) as macro_region,
               co.name_zh as country, rg.region_name as region, ci.longitude, ci.latitude,
               x.sector_code, sx.sector, sx.parent_sector, sx.top_sector,
               x.round_label as round, x.period_start, x.period_end,{_period_columns()},
               x.metric, x.value, x.value_max, x.currency_code as currency, x.value_cny, x.qualifier,
               x.evidence
          from funding_stat x
          join source_doc d on d.doc_id = x.doc_id and {CURRENT}
          left join dim_city ci on ci.city_code = x.city_code
          left join province p on p.province_code = coalesce(x.province_code, ci.province_code)
          left join country co on co.country_code = x.country_code
          left join region rg on rg.region_code = x.region_code
          left join dim_sector sx on sx.sector_code = x.sector_code
          cross join lateral (select x.period_start as ps, x.period_end as pe) per
        """,
        columns=("stat_id", "doc_id", "source_name", "geo_level", "geo_name", "city_code", "city", "province_code", "province",
                 "macro_region", "country", "region", "longitude", "latitude", "sector_code", "sector", "parent_sector", "top_sector",
                 "round", "period_start", "period_end", *PERIOD_COLUMNS, "metric", "value", "value_max", "currency", "value_cny",
                 "qualifier", "evidence"),
    ),
]

# ---------------------------------------------------------------------------------------------
# search and cross-source consistency

_PAIR = {
    f"{c}_{side}": (f"{zh}（{'甲' if side == 'a' else '乙'}）", f"{en} ({side.upper()} side)")
    for side in ("a", "b")
    for c, (zh, en) in {
        "stat_id": ("统计编号", "stat id"),
        "doc_id": ("来源文档编号", "source document id"),
        "source_name": ("文件名", "file base name"),
        "value": ("数值", "value"),
        "qualifier": ("限定", "qualifier"),
        "evidence": ("证据原句", "evidence sentence"),
    }.items()
}

CHECK_VIEWS: list[View] = [
    View(
        "v_search", "全文检索：当前文档的检索文本（用简体关键词 like 检索，pg_trgm 索引加速）",
        "Full-text search: current documents with their search text (simplified keywords, LIKE, pg_trgm index)",
        f"""
        select d.doc_id, d.source_name, d.title, d.publisher, d.published_on, d.script, d.search_text, d.text
          from source_doc d
         where {CURRENT}
        """,
        columns=("doc_id", "source_name", "title", "publisher", "published_on", "script", "search_text", "text"),
    ),
    View(
        "v_stat_conflicts", "跨来源冲突：不同当前文档对同一统计数字给出不同数值（相差超过0.5%），每对一行",
        "Cross-source conflicts: the same figure (geo, sector, round, period, metric, currency) stated with values "
        "more than 0.5% apart by two current documents; one row per pair",
        f"""
        with s as (
            select x.stat_id, x.doc_id, d.source_name, x.geo_level, x.geo_name, x.sector_code, x.round_label,
                   x.period_start, x.period_end, x.metric, x.currency_code, x.value, x.qualifier, x.evidence
              from funding_stat x
              join source_doc d on d.doc_id = x.doc_id and {CURRENT}
             where x.period_start is not null or x.period_end is not null)
        select a.geo_level, a.geo_name, sc.sector_name as sector, a.round_label as round, a.period_start, a.period_end,
               a.metric, a.currency_code as currency,
               a.stat_id as stat_id_a, a.doc_id as doc_id_a, a.source_name as source_name_a, a.value as value_a,
               a.qualifier as qualifier_a, a.evidence as evidence_a,
               b.stat_id as stat_id_b, b.doc_id as doc_id_b, b.source_name as source_name_b, b.value as value_b,
               b.qualifier as qualifier_b, b.evidence as evidence_b,
               round(100 * abs(a.value - b.value) / greatest(abs(a.value), abs(b.value)), 2) as diff_pct
          from s a
          join s b on b.doc_id > a.doc_id
                  and b.geo_name = a.geo_name and b.metric = a.metric
                  and b.sector_code is not distinct from a.sector_code
                  and b.round_label is not distinct from a.round_label
                  and b.period_start is not distinct from a.period_start
                  and b.period_end is not distinct from a.period_end
                  and b.currency_code is not distinct from a.currency_code
          left join sector sc on sc.sector_code = a.sector_code
         where abs(a.value - b.value) > 0.005 * greatest(abs(a.value), abs(b.value))
        """,
        columns=("geo_level", "geo_name", "sector", "round", "period_start", "period_end", "metric", "currency",
                 "stat_id_a", "doc_id_a", "source_name_a", "value_a", "qualifier_a", "evidence_a",
                 "stat_id_b", "doc_id_b", "source_name_b", "value_b", "qualifier_b", "evidence_b", "diff_pct"),
        overrides={**_PAIR,
                   "geo_level": ("地域层级（甲方）", "geo level (A side; the figure is matched on geo_name)"),
                   "diff_pct": ("差异（占较大值的百分比）", "difference as a percentage of the larger absolute value")},
    ),
    View(
        "v_deal_sources", "同一融资事件的多个来源：公司名（规范化）+轮次相同，且金额相差≤1%或宣布于同月；每组一行",
        "The same deal reported by several current documents: same normalised company name and round, and amounts "
        "within 1% or announced in the same month; one row per deal group",
        f"""
        with recursive d as (
            select x.deal_id, x.doc_id, ds.source_name, c.company_name, x.round_code, x.amount, x.currency_code,
                   x.amount_cny, x.announced_on, x.evidence, {COMPANY_KEY.format(c="c.company_name")} as company_key
              from deal x
              join source_doc ds on ds.doc_id = x.doc_id and ds.is_current
              join company c on c.company_id = x.company_id),
        links (a, b) as (
            select a.deal_id, b.deal_id
              from d a
              join d b on b.company_key = a.company_key and b.deal_id <> a.deal_id
                      and b.round_code is not distinct from a.round_code
             where (a.currency_code = b.currency_code and abs(a.amount - b.amount) <= 0.01 * greatest(a.amount, b.amount))
                or abs(a.amount_cny - b.amount_cny) <= 0.01 * greatest(a.amount_cny, b.amount_cny)
                or date_trunc('month', a.announced_on::timestamp) = date_trunc('month', b.announced_on::timestamp)),
        reach (root, deal_id) as (
            select a, a from links
             union
            select r.root, l.b from reach r join links l on l.a = r.deal_id),
        grp as (select deal_id, min(root) as group_id from reach group by deal_id)
        select g.group_id,
               (array_agg(d.company_name order by d.deal_id))[1] as company,
               (array_agg(r.round_name order by d.deal_id))[1] as round,
               count(distinct d.doc_id)::int as n_documents,
               count(*)::int as n_deals,
               array_agg(distinct d.doc_id order by d.doc_id) as doc_ids,
               string_agg(distinct d.source_name, ', ' order by d.source_name) as source_names,
               array_agg(d.deal_id order by d.deal_id) as deal_ids,
               min(d.amount_cny) as min_amount_cny, max(d.amount_cny) as max_amount_cny,
               min(d.announced_on) as first_announced_on, max(d.announced_on) as last_announced_on,
               string_agg(d.evidence, ' | ' order by d.doc_id, d.deal_id) as evidence
          from grp g
          join d on d.deal_id = g.deal_id
          left join round r on r.round_code = d.round_code
         group by g.group_id
        having count(distinct d.doc_id) > 1
        """,
        columns=("group_id", "company", "round", "n_documents", "n_deals", "doc_ids", "source_names", "deal_ids",
                 "min_amount_cny", "max_amount_cny", "first_announced_on", "last_announced_on", "evidence"),
        overrides={
            "group_id": ("事件组编号（组内最小 deal_id）", "deal group id: the smallest deal_id in the group"),
            "company": ("公司名（组内第一条）", "company name as in the group's first deal"),
            "n_documents": ("报道该事件的文档数", "number of current documents reporting the deal"),
            "n_deals": ("组内融资事件行数", "number of v_deals rows in the group"),
            "doc_ids": ("文档编号列表", "document ids"),
            "source_names": ("文件名（逗号分隔）", "file names, comma-separated"),
            "deal_ids": ("融资事件编号列表（v_deals.deal_id）", "deal ids (v_deals.deal_id)"),
            "min_amount_cny": ("最小折合人民币金额", "smallest amount_cny reported"),
            "max_amount_cny": ("最大折合人民币金额", "largest amount_cny reported"),
            "first_announced_on": ("最早宣布日期", "earliest announced_on"),
            "last_announced_on": ("最晚宣布日期", "latest announced_on"),
            "evidence": ("各来源证据原句（以 | 分隔，按文档）", "evidence sentences of every source, separated by |, by document"),
        },
    ),
]

VIEWS += BI_VIEWS + CHECK_VIEWS


@dataclass
class Function:
    """A SQL function created with the views (after them) and dropped with them (before them)."""

    signature: str          # name(argument types), as DROP FUNCTION needs it
    zh: str
    en: str
    sql: str                # the full CREATE FUNCTION statement


FUNCTIONS: list[Function] = [
    Function(
        "search_reports(text, integer)",
        "按简体关键词检索当前文档：返回文档、标题、原文片段与命中次数（v_search 上的 LIKE，pg_trgm 索引）",
        "Search current documents by a simplified-script keyword: document, title, snippet as written, "
        "hit count (LIKE on v_search, pg_trgm index); traditional documents match through search_text",
        r"""
        create function search_reports(keyword text, context integer default 30)
        returns table (doc_id bigint, source_name text, title text, snippet text, n_hits integer)
        language sql stable
        as $fn$
            select s.doc_id, s.source_name, s.title,
                   case when h.pos > context + 1 then '…' else '' end
                     || regexp_replace(substr(s.text, greatest(h.pos - context, 1),
                                              h.pos - greatest(h.pos - context, 1) + length(keyword) + context),
                                       '\s+', ' ', 'g')
                     || case when h.pos + length(keyword) + context <= length(s.text) then '…' else '' end,
                   ((length(s.search_text) - length(replace(s.search_text, keyword, ''))) / length(keyword))::integer
              from v_search s
              cross join lateral (select strpos(s.search_text, keyword) as pos) h
             where length(keyword) > 0
               and s.search_text like '%' || replace(replace(replace(keyword, '', '\'), '%', '\%'), '_', '\_') || '%'
             order by 5 desc, s.doc_id
        $fn$
        """,
    ),
]


def _quote(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def create_statements(views: list[View] | None = None) -> list[str]:
    """CREATE VIEW and COMMENT ON statements; the column list is read back from the database, so
    the comment step fails loudly if a column has no declared comment."""
    out = []
    for v in views or VIEWS:
        out.append(f"create view {v.name} as {v.sql.strip()}")
        out.append(f"comment on view {v.name} is {_quote(doc(v.zh, v.en))}")
    return out


def signature() -> str:
    """A fingerprint of every view and function declared here, comments included."""
    import hashlib

    parts = create_statements() + [f"{v.name}.{c}={v.column_comment(c)}" for v in VIEWS for c in v.columns]
    parts += [f.sql.strip() + f.signature + f.zh + f.en for f in FUNCTIONS]
    return hashlib.sha1("\n".join(parts).encode()).hexdigest()[:16]


SIGNATURE_NOTE = "fundingdb views "


def stored_signature(bind) -> str | None:
    """The fingerprint of the views a database has, kept in the comment of alembic_version."""
    from sqlalchemy import text

    note = bind.execute(text("select obj_description(cast('alembic_version' as regclass), 'pg_class')")).scalar()
    return note[len(SIGNATURE_NOTE):] if note and note.startswith(SIGNATURE_NOTE) else None


def create_views(bind) -> None:
    from sqlalchemy import text

    for stmt in create_statements():
        bind.execute(text(stmt))
    bind.execute(text(f"comment on table alembic_version is {_quote(SIGNATURE_NOTE + signature())}"))
    for v in VIEWS:
        cols = bind.execute(text(
            "select attname from pg_attribute where attrelid = cast(:v as regclass) and attnum > 0 and not attisdropped"
        ), {"v": v.name}).scalars().all()
        for c in cols:
            bind.execute(text(f"comment on column {v.name}.{c} is {_quote(v.column_comment(c))}"))
    for f in FUNCTIONS:
        bind.execute(text(f.sql.strip()))
        bind.execute(text(f"comment on function {f.signature} is {_quote(doc(f.zh, f.en))}"))


def drop_views(bind) -> None:
    from sqlalchemy import text

    for f in FUNCTIONS:
        bind.execute(text(f"drop function if exists {f.signature}"))
    for v in reversed(VIEWS):
        bind.execute(text(f"drop view if exists {v.name} cascade"))
