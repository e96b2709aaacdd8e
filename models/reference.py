"""Reference (dimension) tables, filled from ``seeds/reference/*.csv`` by ``etl.seed``."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, Numeric, Text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped

from .base import Base, col, table_args

MACRO_REGIONS = ("东部", "中部", "西部", "东北", "港澳台")


class Province(Base):
    __tablename__ = "province"
    __table_args__ = table_args(
        "省级行政区（GB/T 2260），含港澳台", "Province-level divisions (GB/T 2260), Hong Kong, Macau and Taiwan included",
        CheckConstraint("macro_region in ('东部','中部','西部','东北','港澳台')", name="macro_region"),
    )
    province_code: Mapped[str] = col(Text, primary_key=True, zh="GB/T 2260 六位代码", en="GB/T 2260 six-digit code, e.g. 320000")
    province_name: Mapped[str] = col(Text, unique=True, zh="全称", en="full official name, e.g. 广西壮族自治区")
    short_name: Mapped[str] = col(Text, unique=True, zh="规范简称（事实表使用）", en="canonical short name used in facts, e.g. 广西, 北京, 台湾")
    name_en: Mapped[str | None] = col(Text, zh="英文名", en="English name")
    macro_region: Mapped[str] = col(Text, zh="四大区域：东部/中部/西部/东北/港澳台", en="NBS macro-region: 东部/中部/西部/东北/港澳台")
    aliases: Mapped[list[str]] = col(ARRAY(Text), server_default="{}", zh="别名（含繁体）", en="aliases incl. traditional script")


class City(Base):
    __tablename__ = "city"
    __table_args__ = table_args("城市（地级及以上，含直辖市、港澳、台湾主要城市）",
                                "Cities: prefecture level and above, municipalities, Hong Kong, Macau, Taiwan's cities")
    city_code: Mapped[str] = col(Text, primary_key=True, zh="GB/T 2260 六位代码（台湾城市为本项目自编 7101xx）", en="GB/T 2260 code (Taiwan cities: project codes 7101xx)")
    city_name: Mapped[str] = col(Text, zh="全称", en="full name, e.g. 苏州市")
    short_name: Mapped[str] = col(Text, unique=True, zh="规范简称（不带市）", en="canonical short name without 市, e.g. 苏州")
    province_code: Mapped[str] = col(Text, ForeignKey("province.province_code"), index=True, zh="所属省级行政区代码", en="province code")
    level: Mapped[str] = col(Text, zh="级别：municipality/prefecture/autonomous_prefecture/region/league/sar/taiwan_city/county_level", en="administrative level")
    longitude: Mapped[Decimal | None] = col(Numeric(9, 5), zh="经度（度）", en="longitude of the city seat, degrees")
    latitude: Mapped[Decimal | None] = col(Numeric(9, 5), zh="纬度（度）", en="latitude of the city seat, degrees")
    aliases: Mapped[list[str]] = col(ARRAY(Text), server_default="{}", zh="别名（含繁体、全称）", en="aliases incl. traditional script and full name")


class Country(Base):
    __tablename__ = "country"
    __table_args__ = table_args("国家（ISO 3166-1）", "Countries (ISO 3166-1)")
    country_code: Mapped[str] = col(Text, primary_key=True, zh="ISO 3166-1 二位字母代码", en="ISO 3166-1 alpha-2 code")
    iso3: Mapped[str | None] = col(Text, zh="ISO 3166-1 三位字母代码", en="ISO 3166-1 alpha-3 code")
    name_zh: Mapped[str] = col(Text, unique=True, zh="规范中文简称", en="canonical short Chinese name, e.g. 美国")
    name_en: Mapped[str | None] = col(Text, zh="英文名", en="English name")
    aliases: Mapped[list[str]] = col(ARRAY(Text), server_default="{}", zh="别名（全称、繁体）", en="aliases: full names, traditional script")


class Region(Base):
    __tablename__ = "region"
    __table_args__ = table_args("区域：经济区、四大区域、大洲", "Regions: economic zones (长三角…), macro-regions, continents")
    region_code: Mapped[str] = col(Text, primary_key=True, zh="区域代码", en="region slug, e.g. yrd")
    region_name: Mapped[str] = col(Text, unique=True, zh="规范名称", en="canonical name, e.g. 长三角")
    region_kind: Mapped[str] = col(Text, zh="类型：economic_zone/macro_region/continent", en="kind: economic_zone, macro_region or continent")
    aliases: Mapped[list[str]] = col(ARRAY(Text), server_default="{}", zh="别名", en="aliases")


class RegionMember(Base):
    __tablename__ = "region_member"
    __table_args__ = table_args("区域成员", "Members of a region",
                                CheckConstraint("member_kind in ('province','city','country')", name="member_kind"))
    region_code: Mapped[str] = col(Text, ForeignKey("region.region_code", ondelete="CASCADE"), primary_key=True, zh="区域代码", en="region code")
    member_kind: Mapped[str] = col(Text, primary_key=True, zh="成员类型：province/city/country", en="member kind")
    member_code: Mapped[str] = col(Text, primary_key=True, zh="成员代码（省、市或国家代码）", en="province, city or country code")


class Sector(Base):
    __tablename__ = "sector"
    __table_args__ = table_args("行业分类（层级）", "Industry sectors, hierarchical")
    sector_code: Mapped[str] = col(Text, primary_key=True, zh="行业代码", en="sector slug")
    sector_name: Mapped[str] = col(Text, unique=True, zh="规范名称", en="canonical name, e.g. 人工智能")
    parent_code: Mapped[str | None] = col(Text, ForeignKey("sector.sector_code"), zh="上级行业代码", en="parent sector code (NULL at top level)")
    name_en: Mapped[str | None] = col(Text, zh="英文名", en="English name")
    aliases: Mapped[list[str]] = col(ARRAY(Text), server_default="{}", zh="别名（含英文缩写、繁体）", en="aliases incl. abbreviations and traditional script")


class Round(Base):
    __tablename__ = "round"
    __table_args__ = table_args("融资轮次", "Financing rounds")
    round_code: Mapped[str] = col(Text, primary_key=True, zh="轮次代码", en="round slug")
    round_name: Mapped[str] = col(Text, unique=True, zh="规范名称，如 A轮、Pre-IPO、战略投资", en="canonical name, e.g. A轮")
    stage_order: Mapped[int] = col(Integer, zh="阶段顺序（越大越晚）", en="stage order, larger is later")
    round_kind: Mapped[str] = col(Text, zh="类型", en="kind: single or group")
    aliases: Mapped[list[str]] = col(ARRAY(Text), server_default="{}", zh="别名", en="aliases")


class Currency(Base):
    __tablename__ = "currency"
    __table_args__ = table_args("币种（ISO 4217）", "Currencies (ISO 4217)")
    currency_code: Mapped[str] = col(Text, primary_key=True, zh="ISO 4217 代码", en="ISO 4217 code")
    name_zh: Mapped[str] = col(Text, zh="中文名", en="Chinese name")
    symbol: Mapped[str | None] = col(Text, zh="符号", en="symbol")
    aliases: Mapped[list[str]] = col(ARRAY(Text), server_default="{}", zh="文本中的写法", en="surface forms in prose")


class FxRate(Base):
    __tablename__ = "fx_rate"
    __table_args__ = table_args("汇率：每单位外币折合人民币（月均）", "Exchange rates: CNY per unit of currency, monthly average",
                                CheckConstraint("cny_per_unit > 0", name="positive"))
    currency_code: Mapped[str] = col(Text, ForeignKey("currency.currency_code"), primary_key=True, zh="币种", en="currency code")
    month: Mapped[dt.date] = col(Date, primary_key=True, zh="月份（当月1日）", en="month, as its first day")
    cny_per_unit: Mapped[Decimal] = col(Numeric(18, 8), zh="每单位外币折合人民币", en="CNY per one unit of the currency")
    source: Mapped[str] = col(Text, zh="数据来源", en="source of the rate")
