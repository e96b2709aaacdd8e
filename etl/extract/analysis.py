"""One pass over a document's sentences: every known name, amount and period found once, with
the section and paragraph context the rules need ("北京:…" headings, "国外:…" labels).

Offsets of hits are relative to the sentence; ``Sent.abs(i)`` maps them back to the document.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..lexicon import Hit, Place, lexicon
from ..normalize.amounts import Money, find_amounts
from ..normalize.periods import Period, find_periods
from ..normalize.places import find_places

# "国外:共发生83起" / "美国：11月共发生…" / "股权投资 / 战略投资:约123起": a short label before a colon
LABEL_RE = re.compile(r"^\s*(?:\d{1,2}[.)）、]\s*|[•·●▪◆■-]\s*)?(?P<label>[^:：，。,；;]{1,24}?)\s*[:：]")
REGIONAL_HANT = {"募资": "融资", "揭露": "披露"}
NUMBERED_HEADING_RE = re.compile(r"^\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*(?:[、.)）]|\s|$)")


@dataclass
class Sent:
    i: int
    start: int
    end: int
    para: int
    t: str                      # simplified match text of the sentence
    raw: str                    # the sentence as stored (evidence)
    places: list[Hit] = field(default_factory=list)
    sectors: list[Hit] = field(default_factory=list)
    rounds: list[Hit] = field(default_factory=list)
    money: list[Money] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)
    label: str | None = None            # paragraph label (text before a leading colon)
    label_end: int = 0                  # where the label ends in this sentence (0 when none here)
    label_place: Place | None = None
    label_rounds: list[str] = field(default_factory=list)
    section_place: Place | None = None  # place named by the current section heading
    section_title: str | None = None    # text of the current section heading
    para_first: bool = False            # first sentence of its paragraph

    def abs(self, i: int) -> int:
        return self.start + i


@dataclass
class Analysis:
    sents: list[Sent]
    text: str
    match_text: str
    ref_year: int | None
    ref_month: int | None = None


def _label(par_text: str) -> tuple[str | None, int]:
    m = LABEL_RE.match(par_text)
    if not m:
        return None, 0
    return m.group("label").strip(), m.end()


def analyse(doc, ref_year: int | None, ref_month: int | None = None) -> Analysis:
    lex = lexicon()
    text, mt = doc.text, doc.match_text
    sents: list[Sent] = []
    para_label: dict[int, tuple] = {}
    for pi, p in enumerate(doc.paragraphs):
        ptxt = mt[p.start:p.end]
        label, lend = _label(ptxt)
        if label:
            lp = find_places(label)
            place = lp[0].value if lp and lp[0].end - lp[0].start >= len(label) - 2 else None
            if place is None and label.startswith("其他") and ("国家" in label or "地区" in label):
                place = Place("group", "其他国家和地区", None)
            rnds = [h.value for h in lex.rounds.find(label)]
            para_label[pi] = (label, lend, place, rnds)
    if doc.script == "hant":
        # Taiwan and Hong Kong write 募資 for a startup's financing (mainland reports use 募资 for a
        # fund raising its own capital); same-length substitutions keep offsets aligned
        for a_, b_ in REGIONAL_HANT.items():
            mt = mt.replace(a_, b_)
    last_para = -1
    for si, s in enumerate(doc.sentences):
        t = mt[s.start:s.end]
        st = Sent(si, s.start, s.end, s.paragraph, t, text[s.start:s.end])
        st.para_first = s.paragraph != last_para
        last_para = s.paragraph
        st.places = find_places(t)
        st.sectors = lex.sectors.find(t)
        st.rounds = lex.rounds.find(t)
        st.money = [_currency_after(t, mo) for mo in find_amounts(t)]
        st.periods = find_periods(t, ref_year, ref_month)
        if s.paragraph in para_label:
            label, lend, place, rnds = para_label[s.paragraph]
            st.label, st.label_place, st.label_rounds = label, place, rnds
            p = doc.paragraphs[s.paragraph]
            if st.para_first and s.start - p.start < lend:
                st.label_end = lend - (s.start - p.start)
        sents.append(st)
    # section context (the heading a paragraph sits under) is a property of paragraphs
    _assign_sections(doc, sents)
    return Analysis(sents, text, mt, ref_year, ref_month)


CURRENCY_AFTER = re.compile(r"(?:新台币|台币|港元|港币|美元|欧元|日元|英镑|新加坡元|韩元|人民币)")
CURRENCY_CODE = {"新台币": "TWD", "台币": "TWD", "港元": "HKD", "港币": "HKD", "美元": "USD", "欧元": "EUR", "日元": "JPY",
                 "英镑": "GBP", "新加坡元": "SGD", "韩元": "KRW", "人民币": "CNY"}


def _currency_after(t: str, mo):
    """"数亿元新台币": a currency named right after 元 is the amount's currency."""
    m = CURRENCY_AFTER.match(t, mo.end)
    if m and mo.text.endswith("元") and mo.currency in ("CNY", None):
        import dataclasses

        return dataclasses.replace(mo, end=m.end(), currency=CURRENCY_CODE[m.group(0)], text=t[mo.start:m.end()])
    return mo


def _is_heading_like(ptxt: str) -> bool:
    # short lines without sentence punctuation: "01", "榜单综述:", "北京:人工智能资本密集，聚焦…"
    return bool(re.match(r"^\s*(?:\d{1,2}\s*$|\d{1,2}[\s、.]|[一二三四五六七八九十]{1,3}、)", ptxt)) or ptxt.rstrip().endswith((":", "：")) or bool(
        re.match(r"^[^，,。：:]{1,6}[:：]", ptxt))


def _assign_sections(doc, sents: list[Sent]) -> None:
    section_place: Place | None = None
    section_title: str | None = None
    by_para: dict[int, tuple] = {}
    mt = doc.match_text
    paras = doc.paragraphs
    for pi, p in enumerate(paras):
        ptxt = mt[p.start:p.end]
        heading = p.heading
        if heading is None and len(ptxt) <= 40 and not re.search(r"[。！？]$", ptxt) and _is_heading_like(ptxt):
            heading = ptxt
        if heading is not None:
            places = find_places(ptxt)
            lead = places[0] if places and places[0].start == 0 else None
            nxt = mt[paras[pi + 1].start:paras[pi + 1].end] if pi + 1 < len(paras) else ""
            # "北京:人工智能资本密集…" heads a section; a run of "国内:…", "全球:…" lines are labelled statements
            in_label_run = bool(LABEL_RE.match(nxt)) and not NUMBERED_HEADING_RE.match(nxt)
            if lead is not None and not in_label_run and lead.value.level in ("city", "province", "country", "region") and re.match(r"^[^，。]{1,8}[:：]", ptxt):
                section_place, section_title = lead.value, ptxt
            else:
                section_place, section_title = None, ptxt
        by_para[pi] = (section_place, section_title)
    for st in sents:
        st.section_place, st.section_title = by_para.get(st.para, (None, None))

