"""Extract: a read Document → facts with evidence (pure; no database)."""
from __future__ import annotations

from ..facts import Extraction
from .analysis import analyse
from .document import extract_document, ref_year_month


def extract(doc, source_name: str = "") -> Extraction:
    from .deals import extract_deals
    from .rankings import extract_rankings
    from .stats import extract_stats
    from .tables import extract_tables
    from .warnings import extract_warnings

    meta = extract_document(doc, source_name)
    ry, rm = ref_year_month(doc, meta)
    an = analyse(doc, ry, rm)
    ex = Extraction(document=meta)
    deals = extract_deals(doc, meta, ex, an)
    extract_stats(doc, meta, ex, an, used_money=deals.used_money)
    extract_rankings(doc, meta, ex, an)
    extract_tables(doc, meta, ex, an)
    extract_warnings(an, ex)
    return ex.dedupe()
