"""Compare etl.normalize.amounts.parse_money with jionlp.parse_money.

Usage:  .venv/bin/python bench/compare_jionlp.py [-v]

Reads tests/data/money_expressions.csv.  A positive row is correct when the
value (and value_max for ranges) is within 0.5% and the currency matches; a
negative row (currency NONE) is correct when the parser returns nothing.
jionlp is optional (the "reference" extra): without it the script says so and
exits 0.
"""
from __future__ import annotations

import contextlib
import csv
import io
import pathlib
import sys
from decimal import Decimal

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from etl.normalize.amounts import parse_money  # noqa: E402

CSV_PATH = ROOT / "tests" / "data" / "money_expressions.csv"
TOL = Decimal("0.005")
# jionlp fills in default_unit ('元') when no currency is written, so it
# cannot say "no currency".  (A sentinel default_unit was tried: jionlp then
# also drops the 元 of "1-2亿元", which would be unfair.)  It runs with its
# documented default, and on rows that state no currency its default CNY is
# accepted.
JIONLP_CURRENCY = {
    "元": "CNY", "人民币": "CNY", "美元": "USD", "港元": "HKD", "港币": "HKD",
    "欧元": "EUR", "日元": "JPY", "英镑": "GBP", "新加坡元": "SGD", "韩元": "KRW",
    "卢比": "INR", "印度卢比": "INR", "新台币": "TWD", "台币": "TWD", "澳元": "AUD",
    "加元": "CAD", "加拿大元": "CAD", "瑞士法郎": "CHF", "法郎": "CHF", "澳大利亚元": "AUD",
}
# jionlp 'definition' -> our qualifier, for a secondary (unscored) agreement figure
JIONLP_QUAL = {"accurate": "exact", "blur": "approx", "blur+": "at_least", "blur-": "at_most"}


def _close(a: Decimal | None, b: Decimal | None) -> bool:
    if a is None or b is None:
        return a is b
    if b == 0:
        return a == 0
    return abs(a - b) <= TOL * abs(b)


def _rows():
    with CSV_PATH.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _ours(expr: str):
    m = parse_money(expr)
    if m is None:
        return None
    return m.value, m.value_max, m.currency, m.qualifier


def _jionlp(jio, expr: str):
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            r = jio.parse_money(expr)
    except Exception:  # jionlp raises ValueError on anything it cannot read
        return None
    if not r or r.get("num") in (None, "", []):
        return None
    num = r["num"]
    try:
        if isinstance(num, list):
            lo, hi = Decimal(str(num[0])), Decimal(str(num[1]))
        else:
            lo, hi = Decimal(str(num)), None
    except Exception:
        return None
    case = r.get("case")
    cur = JIONLP_CURRENCY.get(case, f"?{case}")
    qual = "range" if hi is not None else JIONLP_QUAL.get(r.get("definition"), r.get("definition"))
    return lo, hi, cur, qual


def _correct(row, got, lenient_default_cny: bool = False) -> bool:
    if row["currency"] == "NONE":
        return got is None
    if got is None:
        return False
    lo, hi, cur, _ = got
    want_cur = row["currency"] or None
    if cur != want_cur and not (lenient_default_cny and want_cur is None and cur == "CNY"):
        return False
    if not _close(lo, Decimal(row["value"])):
        return False
    if row["value_max"]:
        return _close(hi, Decimal(row["value_max"]))
    return True  # a single expected value: a parser's range is judged by its lower bound


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            import jionlp as jio  # noqa: F401  (prints a banner on import)
    except ImportError:
        print("jionlp is not installed (pip install jionlp); skipping the comparison.")
        return 0

    rows = _rows()
    stats = {"ours": [0, 0, 0, 0], "jionlp": [0, 0, 0, 0]}  # pos_ok, pos_n, neg_ok, neg_n
    qual_agree = {"ours": 0, "jionlp": 0}
    failures = {"ours": [], "jionlp": []}
    for row in rows:
        neg = row["currency"] == "NONE"
        for name, fn in (("ours", _ours), ("jionlp", lambda e: _jionlp(jio, e))):
            got = fn(row["expression"])
            ok = _correct(row, got, lenient_default_cny=(name == "jionlp"))
            s = stats[name]
            if neg:
                s[2] += ok
                s[3] += 1
            else:
                s[0] += ok
                s[1] += 1
                if got is not None and got[3] == row["qualifier"]:  # qualifier is not scored
                    qual_agree[name] += 1
            if not ok:
                failures[name].append((row["expression"], got))

    print(f"{'parser':8} {'positives':>14} {'negatives':>12} {'overall':>14} {'qualifier':>12}")
    for name, (po, pn, no, nn) in stats.items():
        tot = (po + no) / (pn + nn)
        print(f"{name:8} {po:4}/{pn:<4} {po / pn:6.1%} {no:3}/{nn:<3}{no / nn:6.1%}"
              f" {po + no:4}/{pn + nn:<4}{tot:6.1%} {qual_agree[name] / pn:11.1%}")
    print("(qualifier = agreement on positives, not part of the score; jionlp's"
          " 'blur' is read as approx)")
    for name in ("jionlp", "ours"):
        print(f"\n{name} failures: {len(failures[name])}")
        if verbose or name == "ours":
            for expr, got in failures[name]:
                print(f"   {expr!r:45} -> {got}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
