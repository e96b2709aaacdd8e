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
          join company c on c.company_id = x.company_id
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


def create_views(bind) -> None:
    from sqlalchemy import text

    for stmt in create_statements():
        bind.execute(text(stmt))
    for v in VIEWS:
        cols = bind.execute(text(
            "select attname from pg_attribute where attrelid = cast(:v as regclass) and attnum > 0 and not attisdropped"
        ), {"v": v.name}).scalars().all()
        for c in cols:
            bind.execute(text(f"comment on column {v.name}.{c} is {_quote(v.column_comment(c))}"))


def drop_views(bind) -> None:
    from sqlalchemy import text

    for v in reversed(VIEWS):
        bind.execute(text(f"drop view if exists {v.name} cascade"))
