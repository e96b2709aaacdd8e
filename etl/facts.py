"""What extraction produces: plain dataclasses named like the view columns.

These are the contract between the extract/normalise stages (pure functions) and the load stage
(the only one that touches the database). ``fundingdb extract --json`` prints them as they are.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, field
from decimal import Decimal


@dataclass
class Evidence:
    evidence: str
    evidence_start: int
    evidence_end: int


@dataclass
class DealFact(Evidence):
    company: str
    round: str | None = None
    amount: Decimal | None = None
    currency: str | None = None
    qualifier: str | None = None
    amount_max: Decimal | None = None
    announced_on: dt.date | None = None
    city: str | None = None
    province: str | None = None
    country: str | None = None
    sector: str | None = None
    investors: list[str] = field(default_factory=list)
    lead_investors: list[str] = field(default_factory=list)

    def key(self) -> str:
        # The same company, round and amount stated twice in one document is one deal.
        return fact_key("deal", self.company, self.round, self.amount, self.currency)


@dataclass
class StatFact(Evidence):
    geo_level: str
    geo_name: str
    metric: str
    value: Decimal
    city: str | None = None
    province: str | None = None
    country: str | None = None
    region: str | None = None
    sector: str | None = None
    round: str | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    value_max: Decimal | None = None
    currency: str | None = None
    qualifier: str | None = None

    def key(self) -> str:
        return fact_key("stat", self.geo_level, self.geo_name, self.sector, self.round, self.period_start,
                        self.period_end, self.metric, self.value, self.currency)


@dataclass
class RankingFact(Evidence):
    list_name: str
    entity_level: str
    entity_name: str
    rank: int | None = None
    value: Decimal | None = None
    basis: str | None = None
    sector: str | None = None
    city: str | None = None
    province: str | None = None
    country: str | None = None
    region: str | None = None
    publisher: str | None = None
    edition_year: int | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None

    def list_key(self) -> str:
        return fact_key("list", self.list_name, self.basis, self.sector)

    def key(self) -> str:
        return fact_key("rank", self.list_key(), self.entity_level, self.entity_name, self.rank, self.value)


@dataclass
class DocumentMeta:
    title: str | None = None
    publisher: str | None = None
    data_source: str | None = None
    published_on: dt.date | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    scope_geo: str | None = None        # 全球 / 中国 / a city … named by the title or 统计口径
    scope_sector: str | None = None     # the one sector a whole report covers, when it says so


@dataclass
class Warning:
    kind: str
    phrase: str
    evidence_start: int | None = None
    evidence_end: int | None = None


@dataclass
class Extraction:
    document: DocumentMeta
    deals: list[DealFact] = field(default_factory=list)
    stats: list[StatFact] = field(default_factory=list)
    rankings: list[RankingFact] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)

    def dedupe(self) -> "Extraction":
        """One row per distinct fact: keep the first statement of a restated figure."""
        for name in ("deals", "stats", "rankings"):
            seen: dict[str, int] = {}
            kept = []
            for f in getattr(self, name):
                k = f.key()
                if k not in seen:
                    seen[k] = len(kept)
                    kept.append(f)
                elif name == "deals" and _richness(f) > _richness(kept[seen[k]]):
                    # the headline and the body state one deal: keep the statement that says most
                    kept[seen[k]] = f
            setattr(self, name, kept)
        # a bare mention ("线性资本宣布完成对灵启机器人的独家投资") of a company whose deal the text
        # states in full elsewhere is the same deal
        full = {d.company for d in self.deals if d.round or d.amount is not None}
        self.deals = [d for d in self.deals if d.round or d.amount is not None or d.company not in full]
        # "约1,631亿元" in the summary and "约1,631.80亿元" in the detail are one figure stated twice
        kept_stats: list[StatFact] = []
        groups: dict[tuple, list[StatFact]] = {}
        for s in self.stats:
            g = (s.geo_level, s.geo_name, s.sector, s.round, s.period_start, s.period_end, s.metric, s.currency)
            same = groups.setdefault(g, [])
            if any(_close(s.value, o.value) for o in same):
                continue
            same.append(s)
            kept_stats.append(s)
        self.stats = kept_stats
        return self

    def to_json(self, **document_extra) -> str:
        doc = {**document_extra, **asdict(self.document)}
        out = {
            "document": doc,
            "deals": [asdict(x) for x in self.deals],
            "stats": [asdict(x) for x in self.stats],
            "rankings": [asdict(x) for x in self.rankings],
            "warnings": [asdict(x) for x in self.warnings],
        }
        return json.dumps(out, ensure_ascii=False, default=_json_default)


def _json_default(o):
    if isinstance(o, Decimal):
        return int(o) if o == o.to_integral_value() else float(o)
    if isinstance(o, (dt.date, dt.datetime)):
        return o.isoformat()
    raise TypeError(type(o).__name__)


def _richness(d: "DealFact") -> int:
    return sum(x is not None and x != [] for x in (d.announced_on, d.city, d.sector, d.investors, d.round, d.amount))


def _close(a: Decimal, b: Decimal, rel: Decimal = Decimal("0.005")) -> bool:
    return abs(a - b) <= rel * max(abs(a), abs(b))


def fact_key(*parts) -> str:
    norm = []
    for p in parts:
        if isinstance(p, Decimal):
            p = format(p.normalize(), "f")
        norm.append("" if p is None else str(p))
    return hashlib.sha1("\x1f".join(norm).encode()).hexdigest()[:20]
