"""CNY conversion with the monthly average rates of ``seeds/reference/fx_rates.csv``."""
from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal

from ..lexicon import read_csv


@functools.lru_cache(maxsize=1)
def _rates() -> dict[str, dict[str, Decimal]]:
    out: dict[str, dict[str, Decimal]] = {}
    for r in read_csv("fx_rates.csv"):
        out.setdefault(r["currency_code"], {})[r["month"]] = Decimal(r["cny_per_unit"])
    return out


def rate(currency: str, on: dt.date | None) -> Decimal | None:
    """CNY per unit for the month of ``on``; the nearest month we have when it is outside the table;
    the latest month when the date is unknown."""
    if currency == "CNY":
        return Decimal(1)
    months = _rates().get(currency)
    if not months:
        return None
    keys = sorted(months)
    if on is None:
        return months[keys[-1]]
    key = f"{on.year:04d}-{on.month:02d}"
    if key in months:
        return months[key]
    return months[keys[0]] if key < keys[0] else months[keys[-1]]


def to_cny(amount: Decimal | None, currency: str | None, on: dt.date | None) -> Decimal | None:
    if amount is None or currency is None:
        return None
    r = rate(currency, on)
    return None if r is None else (amount * r).quantize(Decimal("0.01"))
