"""Reference data: ``seeds/reference/*.csv`` → reference tables (idempotent upsert).

Runs after every migration to head, so the database always holds what the seed files say. A row
whose content is unchanged is not rewritten (``IS DISTINCT FROM`` guard), so a rerun writes nothing.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import text

from .lexicon import read_csv, split_aliases


def _rows():
    yield "province", ["province_code"], [
        dict(province_code=r["province_code"], province_name=r["province_name"], short_name=r["short_name"],
             name_en=r.get("name_en") or None, macro_region=r["macro_region"], aliases=split_aliases(r["aliases"]))
        for r in read_csv("provinces.csv")]
    yield "city", ["city_code"], [
        dict(city_code=r["city_code"], city_name=r["city_name"], short_name=r["short_name"],
             province_code=r["province_code"], level=r["level"],
             longitude=Decimal(r["longitude"]) if r.get("longitude") else None,
             latitude=Decimal(r["latitude"]) if r.get("latitude") else None,
             aliases=split_aliases(r["aliases"]))
        for r in read_csv("cities.csv")]
    yield "country", ["country_code"], [
        dict(country_code=r["country_code"], iso3=r.get("iso3") or None, name_zh=r["name_zh"],
             name_en=r.get("name_en") or None, aliases=split_aliases(r["aliases"]))
        for r in read_csv("countries.csv")]
    yield "region", ["region_code"], [
        dict(region_code=r["region_code"], region_name=r["region_name"], region_kind=r["region_kind"],
             aliases=split_aliases(r["aliases"]))
        for r in read_csv("regions.csv")]
    yield "region_member", ["region_code", "member_kind", "member_code"], [
        dict(region_code=r["region_code"], member_kind=r["member_kind"], member_code=r["member_code"])
        for r in read_csv("region_members.csv")]
    sectors = read_csv("sectors.csv")
    # parents before children, so the self-referencing foreign key holds row by row
    by_code = {r["sector_code"]: r for r in sectors}

    def depth(r):
        d = 0
        while r.get("parent_code"):
            r = by_code[r["parent_code"]]
            d += 1
        return d

    yield "sector", ["sector_code"], [
        dict(sector_code=r["sector_code"], sector_name=r["sector_name"], parent_code=r["parent_code"] or None,
             name_en=r.get("name_en") or None, aliases=split_aliases(r["aliases"]))
        for r in sorted(sectors, key=depth)]
    yield "round", ["round_code"], [
        dict(round_code=r["round_code"], round_name=r["round_name"], stage_order=int(r["stage_order"]),
             round_kind=r.get("round_kind") or "single", aliases=split_aliases(r["aliases"]))
        for r in read_csv("rounds.csv")]
    yield "currency", ["currency_code"], [
        dict(currency_code=r["currency_code"], name_zh=r["name_zh"], symbol=r.get("symbol") or None,
             aliases=split_aliases(r["aliases"]))
        for r in read_csv("currencies.csv")]
    yield "fx_rate", ["currency_code", "month"], [
        dict(currency_code=r["currency_code"], month=dt.date.fromisoformat(r["month"] + "-01"),
             cny_per_unit=Decimal(r["cny_per_unit"]), source=r["source"])
        for r in read_csv("fx_rates.csv")]


def seed(conn) -> dict[str, int]:
    """Upsert every reference table; returns rows written per table (0 on an unchanged rerun)."""
    written: dict[str, int] = {}
    for table, keys, rows in _rows():
        if not rows:
            continue
        cols = list(rows[0])
        others = [c for c in cols if c not in keys]
        set_clause = ", ".join(f"{c} = excluded.{c}" for c in others)
        changed = " or ".join(f"{table}.{c} is distinct from excluded.{c}" for c in others)
        action = f"do update set {set_clause} where {changed}" if others else "do nothing"
        sql = text(
            f"insert into {table} ({', '.join(cols)}) values ({', '.join(':' + c for c in cols)}) "
            f"on conflict ({', '.join(keys)}) {action}"
        )
        n = 0
        for i in range(0, len(rows), 1000):
            res = conn.execute(sql, rows[i:i + 1000])
            n += max(res.rowcount, 0)
        written[table] = n
    return written
