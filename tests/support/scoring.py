"""Matching of extracted facts against expected facts, in the manner of the project's scorer
(../shared/tools/score.py): deals by company, stats by geo/metric/sector/round/value (0.5%),
rankings by entity and rank, else value, else membership. Used by the golden and passage tests;
it reads nothing outside the repository."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

GEO_ALIASES = {"国内": "中国", "全国": "中国", "我国": "中国", "中国大陆": "中国", "世界": "全球", "国外": "海外", "境外": "海外"}
GEO_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "地区", "省", "市")


def norm(s):
    return "".join(str(s).split()).casefold() if s is not None else None


def norm_geo(s):
    s = norm(s)
    if not s:
        return s
    s = GEO_ALIASES.get(s, s)
    for suf in GEO_SUFFIXES:
        if s.endswith(suf) and len(s) > len(suf) + 1:
            s = s[: -len(suf)]
            break
    return GEO_ALIASES.get(s, s)


def close(a, b, rel=0.005):
    if a is None or b is None:
        return False
    a, b = float(a), float(b)
    return abs(a - b) <= rel * max(abs(a), abs(b), 1e-9)


def as_list(x):
    if x is None:
        return None
    return x if isinstance(x, list) else [x]


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    fields: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    misses: list = field(default_factory=list)
    extras: list = field(default_factory=list)

    def field(self, name, ok):
        self.fields[name][1] += 1
        self.fields[name][0] += int(bool(ok))

    def prf(self):
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def company_match(g, name):
    n = norm(name)
    return n in [norm(g["company"])] + [norm(a) for a in g.get("aliases", [])]


def company_loose(g, name):
    n, c = norm(name), norm(g["company"])
    return bool(n) and len(min(n, c, key=len)) >= 2 and (c in n or n in c)


def score_deals(gold, got, t: Tally, label=""):
    used = set()
    match = {}
    order = sorted(range(len(gold)), key=lambda i: not gold[i].get("required", True))
    for test in (company_match, company_loose):
        for gi in order:
            if gi in match:
                continue
            cands = [i for i, d in enumerate(got) if i not in used and test(gold[gi], d["company"])]
            if cands:
                g = gold[gi]
                i = max(cands, key=lambda i: 2 * close(got[i].get("amount"), g.get("amount")) + (norm(got[i].get("round")) == norm(g.get("round"))))
                used.add(i)
                match[gi] = i
    for gi in order:
        g = gold[gi]
        if not g.get("required", True):
            continue
        if gi not in match:
            t.fn += 1
            t.misses.append(f"{label} deal {g['company']}")
            continue
        t.tp += 1
        d = got[match[gi]]
        if g.get("amount") is not None:
            t.field("deal.amount", close(d.get("amount"), g["amount"]) and d.get("currency") == g.get("currency"))
        if g.get("qualifier") is not None and g.get("amount") is not None:
            t.field("deal.qualifier", d.get("qualifier") == g["qualifier"])
        if g.get("round") is not None:
            t.field("deal.round", norm(d.get("round")) == norm(g["round"]))
        if g.get("city") is not None:
            t.field("deal.city", norm_geo(d.get("city")) == norm_geo(g["city"]))
        if g.get("announced_on") is not None:
            t.field("deal.announced_on", str(d.get("announced_on") or "")[:7] == g["announced_on"][:7])
        if g.get("investors"):
            inv = [norm(x) for x in (d.get("investors") or [])]
            t.field("deal.investors", all(any(norm(x) in y or y in norm(x) for y in inv if y) for x in g["investors"]))
        if g.get("sector"):
            t.field("deal.sector", norm(d.get("sector")) in [norm(s) for s in as_list(g["sector"])])
    for i, d in enumerate(got):
        if i not in used:
            t.fp += 1
            t.extras.append(f"{label} deal {d['company']} {d.get('amount')} {d.get('currency')}")


def stat_geo(d):
    return {norm_geo(x) for x in (d.get("geo_name"), d.get("city"), d.get("province"), d.get("country")) if x}


def stat_match(g, d):
    if norm(d.get("metric")) != norm(g["metric"]):
        return False
    if not {norm_geo(x) for x in as_list(g["geo"])} & stat_geo(d):
        return False
    sectors = as_list(g.get("sector"))
    if sectors is None:
        if d.get("sector"):
            return False
    elif norm(d.get("sector")) not in [norm(s) for s in sectors]:
        return False
    if g.get("round") is None:
        if d.get("round"):
            return False
    elif norm(d.get("round")) not in [norm(r) for r in as_list(g["round"])]:
        return False
    if g.get("currency") and d.get("currency") and d["currency"] != g["currency"]:
        return False
    values = g.get("values") or [g.get("value")]
    return any(close(d.get("value"), v) for v in values)


def score_stats(gold, got, t: Tally, label="", scored=("deal_count", "amount")):
    used = set()
    for g in sorted(gold, key=lambda g: not g.get("required", True)):
        hit = next((i for i, d in enumerate(got) if i not in used and stat_match(g, d)), None)
        if hit is not None:
            used.add(hit)
        if not g.get("required", True):
            continue
        desc = f"{label} stat {as_list(g['geo'])[0]}/{g.get('sector')}/{g.get('round')} {g['metric']}={(g.get('values') or [g.get('value')])[0]}"
        if hit is None:
            t.fn += 1
            t.misses.append(desc)
            continue
        t.tp += 1
        if g.get("period"):
            d = got[hit]
            t.field("stat.period", [str(d.get("period_start")), str(d.get("period_end"))] == g["period"])
    for i, d in enumerate(got):
        if i not in used and d.get("metric") in scored:
            t.fp += 1
            t.extras.append(f"{label} stat {d.get('geo_name')}/{d.get('sector')}/{d.get('round')} {d.get('metric')}={d.get('value')}")


def score_rankings(gold, got, t: Tally, label=""):
    used = set()

    def tier(g):
        return 0 if g.get("rank") is not None else 1 if g.get("value") is not None else 2

    tests = [lambda g: (lambda d: d.get("rank") == g["rank"]),
             lambda g: (lambda d: close(d.get("value"), g["value"])),
             lambda g: (lambda d: d.get("rank") is None)]
    for g in sorted(gold, key=lambda g: (not g.get("required", True), tier(g))):
        test = tests[tier(g)](g)
        hit = next((i for i, d in enumerate(got) if i not in used and norm_geo(d.get("entity_name")) == norm_geo(g["entity"]) and test(d)), None)
        if hit is not None:
            used.add(hit)
        if not g.get("required", True):
            continue
        if hit is None:
            t.fn += 1
            t.misses.append(f"{label} ranking {g['entity']} rank={g.get('rank')} value={g.get('value')}")
        else:
            t.tp += 1
    for i, d in enumerate(got):
        if i not in used:
            t.fp += 1
            t.extras.append(f"{label} ranking {d.get('list_name')} {d.get('entity_name')} rank={d.get('rank')} value={d.get('value')}")
