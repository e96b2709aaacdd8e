"""Facts extracted from documents. Every fact row carries its document and its evidence:
a verbatim slice ``source_doc.text[evidence_start:evidence_end]``."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import BigInteger, Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, Numeric, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, declared_attr

from .base import Base, col, table_args

QUALIFIERS = "('exact','approx','at_least','at_most','range')"


class Evidence:
    """Columns shared by every fact table."""

    @declared_attr
    def doc_id(cls) -> Mapped[int]:
        return col(BigInteger, ForeignKey("source_doc.doc_id", ondelete="CASCADE"), index=True,
                   zh="来源文档", en="source document")

    evidence: Mapped[str] = col(Text, zh="证据：陈述该事实的原句（≤400字）", en="evidence: the sentence stating the fact, at most 400 characters, verbatim")
    evidence_start: Mapped[int] = col(Integer, zh="证据在存储文本中的起始偏移（0 起）", en="0-based start offset of the evidence in source_doc.text")
    evidence_end: Mapped[int] = col(Integer, zh="证据结束偏移（不含）", en="end offset of the evidence, exclusive")
    fact_key: Mapped[str] = col(Text, zh="文档内事实去重键", en="key of the fact within its document: a restated fact is one row")


def evidence_checks(table: str) -> tuple:
    return (
        CheckConstraint("evidence_start >= 0 and evidence_end > evidence_start and evidence_end - evidence_start <= 400", name="evidence_span"),
        UniqueConstraint("doc_id", "fact_key", name=f"uq_{table}_doc_fact"),
    )


class Company(Base):
    __tablename__ = "company"
    __table_args__ = table_args("公司（被投企业）", "Companies (investees)")
    company_id: Mapped[int] = col(BigInteger, primary_key=True, autoincrement=True, zh="公司编号", en="company id")
    company_name: Mapped[str] = col(Text, unique=True, zh="公司名（简体）", en="company name, simplified script")


class Investor(Base):
    __tablename__ = "investor"
    __table_args__ = table_args("投资方", "Investors")
    investor_id: Mapped[int] = col(BigInteger, primary_key=True, autoincrement=True, zh="投资方编号", en="investor id")
    investor_name: Mapped[str] = col(Text, unique=True, zh="投资方名称（简体）", en="investor name, simplified script")


class Deal(Evidence, Base):
    __tablename__ = "deal"
    __table_args__ = table_args(
        "融资事件：某一公司的一次融资", "Deals: one financing event of a named company",
        CheckConstraint("amount is null or amount >= 0", name="amount_nonneg"),
        CheckConstraint("amount_max is null or amount is null or amount_max >= amount", name="range_order"),
        CheckConstraint(f"qualifier is null or qualifier in {QUALIFIERS}", name="qualifier"),
        *evidence_checks("deal"),
    )
    deal_id: Mapped[int] = col(BigInteger, primary_key=True, autoincrement=True, zh="融资事件编号", en="deal id")
    company_id: Mapped[int] = col(BigInteger, ForeignKey("company.company_id"), index=True, zh="公司", en="company")
    round_code: Mapped[str | None] = col(Text, ForeignKey("round.round_code"), zh="轮次", en="round")
    amount: Mapped[Decimal | None] = col(Numeric(24, 2), zh="金额（原币种，元为单位，1.65亿美元→165000000）", en="amount in whole units of its own currency")
    amount_max: Mapped[Decimal | None] = col(Numeric(24, 2), zh="区间上限", en="upper bound for ranges")
    currency_code: Mapped[str | None] = col(Text, ForeignKey("currency.currency_code"), zh="币种", en="ISO 4217 currency as stated")
    amount_cny: Mapped[Decimal | None] = col(Numeric(24, 2), zh="折合人民币金额", en="amount converted to CNY with the month's fx_rate")
    qualifier: Mapped[str | None] = col(Text, zh="限定：exact/approx 约近/at_least 超逾/at_most/range 数亿", en="qualifier: exact, approx, at_least, at_most, range")
    announced_on: Mapped[dt.date | None] = col(Date, index=True, zh="宣布日期（仅知月份时为当月1日）", en="announcement date; first day of the month when only the month is known")
    city_code: Mapped[str | None] = col(Text, ForeignKey("city.city_code"), zh="城市", en="city")
    province_code: Mapped[str | None] = col(Text, ForeignKey("province.province_code"), zh="省份", en="province")
    country_code: Mapped[str | None] = col(Text, ForeignKey("country.country_code"), zh="国家", en="country")
    sector_code: Mapped[str | None] = col(Text, ForeignKey("sector.sector_code"), zh="行业（句中最具体者）", en="most specific sector named")


class DealInvestor(Base):
    __tablename__ = "deal_investor"
    __table_args__ = table_args("融资事件的投资方", "Investors in a deal")
    deal_id: Mapped[int] = col(BigInteger, ForeignKey("deal.deal_id", ondelete="CASCADE"), primary_key=True, zh="融资事件", en="deal")
    investor_id: Mapped[int] = col(BigInteger, ForeignKey("investor.investor_id"), primary_key=True, zh="投资方", en="investor")
    is_lead: Mapped[bool] = col(Boolean, server_default="false", zh="是否领投", en="true for a lead investor")
    position: Mapped[int] = col(Integer, server_default="0", zh="在原文中的顺序", en="order in the text")


class FundingStat(Evidence, Base):
    __tablename__ = "funding_stat"
    __table_args__ = table_args(
        "报告中的汇总统计数字", "Aggregate figures stated in reports",
        CheckConstraint("geo_level in ('world','overseas','country','region','province','city','group')", name="geo_level"),
        CheckConstraint("period_start is null or period_end is null or period_start <= period_end", name="period_order"),
        CheckConstraint(f"qualifier is null or qualifier in {QUALIFIERS}", name="qualifier"),
        *evidence_checks("funding_stat"),
        # "cities by deal_count in 2025H1": analysts pick a metric, a geo level and a period (docs/benchmarks.md)
        Index("ix_funding_stat_metric_geo_period", "metric", "geo_level", "period_start", "period_end"),
    )
    stat_id: Mapped[int] = col(BigInteger, primary_key=True, autoincrement=True, zh="统计编号", en="stat id")
    geo_level: Mapped[str] = col(Text, zh="地域层级", en="geo level: world, overseas, country, region, province, city, group")
    geo_name: Mapped[str] = col(Text, zh="地域名称（规范名）", en="canonical name of the place or group")
    city_code: Mapped[str | None] = col(Text, ForeignKey("city.city_code"), zh="城市", en="city")
    province_code: Mapped[str | None] = col(Text, ForeignKey("province.province_code"), zh="省份", en="province")
    country_code: Mapped[str | None] = col(Text, ForeignKey("country.country_code"), zh="国家", en="country")
    region_code: Mapped[str | None] = col(Text, ForeignKey("region.region_code"), zh="区域", en="region")
    sector_code: Mapped[str | None] = col(Text, ForeignKey("sector.sector_code"), zh="行业", en="sector")
    round_label: Mapped[str | None] = col(Text, zh="轮次或轮次组（如 天使轮+A轮、B轮及以后）", en="round or round group, e.g. 天使轮+A轮, B轮及以后")
    period_start: Mapped[dt.date | None] = col(Date, zh="统计期起（含）", en="period start, inclusive")
    period_end: Mapped[dt.date | None] = col(Date, zh="统计期止（含）", en="period end, inclusive")
    metric: Mapped[str] = col(Text, zh="指标：deal_count 事件数、amount 金额、*_share 占比%、*_yoy 同比%…", en="metric: deal_count, amount, deal_count_share, amount_share, *_yoy, *_mom, amount_mean, …")
    value: Mapped[Decimal] = col(Numeric(24, 4), zh="数值（金额以元计；占比与变化以百分数计）", en="value: amounts in whole units, shares and changes in percent")
    value_max: Mapped[Decimal | None] = col(Numeric(24, 4), zh="区间上限", en="upper bound of a range")
    currency_code: Mapped[str | None] = col(Text, ForeignKey("currency.currency_code"), zh="币种（仅金额）", en="currency, amounts only")
    value_cny: Mapped[Decimal | None] = col(Numeric(24, 2), zh="金额折合人民币", en="amount converted to CNY")
    qualifier: Mapped[str | None] = col(Text, zh="限定", en="qualifier")


class RankingList(Base):
    __tablename__ = "ranking_list"
    __table_args__ = table_args("榜单或排名依据", "Ranking lists, or the basis of an ordinal claim",
                                UniqueConstraint("doc_id", "list_key", name="uq_ranking_list_doc_key"))
    list_id: Mapped[int] = col(BigInteger, primary_key=True, autoincrement=True, zh="榜单编号", en="list id")
    doc_id: Mapped[int] = col(BigInteger, ForeignKey("source_doc.doc_id", ondelete="CASCADE"), index=True, zh="来源文档", en="source document")
    list_key: Mapped[str] = col(Text, zh="文档内榜单键", en="key of the list within its document")
    list_name: Mapped[str] = col(Text, zh="榜单名或排名依据描述", en="list name, or a description of the claim's basis")
    publisher: Mapped[str | None] = col(Text, zh="发布机构", en="publisher of the list")
    edition_year: Mapped[int | None] = col(Integer, zh="年度", en="edition year")
    period_start: Mapped[dt.date | None] = col(Date, zh="统计期起", en="period start")
    period_end: Mapped[dt.date | None] = col(Date, zh="统计期止", en="period end")
    basis: Mapped[str | None] = col(Text, zh="排名依据：deal_count/amount/composite/listed_city_count…", en="basis: deal_count, amount, composite, listed_city_count, …")
    sector_code: Mapped[str | None] = col(Text, ForeignKey("sector.sector_code"), zh="行业（行业内排名）", en="sector when the ranking is within one sector")


class RankingEntry(Evidence, Base):
    __tablename__ = "ranking_entry"
    __table_args__ = table_args(
        "榜单条目", "Entries of ranking lists",
        CheckConstraint("rank is null or rank >= 1", name="rank_positive"),
        CheckConstraint("entity_level in ('city','district','province','region','country','investor','company')", name="entity_level"),
        *evidence_checks("ranking_entry"),
    )
    entry_id: Mapped[int] = col(BigInteger, primary_key=True, autoincrement=True, zh="条目编号", en="entry id")
    list_id: Mapped[int] = col(BigInteger, ForeignKey("ranking_list.list_id", ondelete="CASCADE"), index=True, zh="榜单", en="list")
    entity_level: Mapped[str] = col(Text, zh="对象层级", en="entity level: city, district, province, region, country, investor, company")
    entity_name: Mapped[str] = col(Text, zh="对象名称（规范名）", en="canonical entity name")
    city_code: Mapped[str | None] = col(Text, ForeignKey("city.city_code"), zh="城市", en="city")
    province_code: Mapped[str | None] = col(Text, ForeignKey("province.province_code"), zh="省份", en="province")
    country_code: Mapped[str | None] = col(Text, ForeignKey("country.country_code"), zh="国家", en="country")
    region_code: Mapped[str | None] = col(Text, ForeignKey("region.region_code"), zh="区域", en="region")
    rank: Mapped[int | None] = col(Integer, zh="名次（仅知上榜时为空，并列同名次）", en="rank; NULL when only membership is stated; ties share a rank")
    value: Mapped[Decimal | None] = col(Numeric(24, 4), zh="排名所依据的数值", en="value the rank is based on")
