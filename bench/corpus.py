"""A reproducible benchmark corpus built from the five sample reports.

Each document takes one sample report as its skeleton (its first paragraphs: headline, lead), then
its body paragraphs with some of them swapped for paragraphs of the other reports written in the
same script, a few dropped and neighbours shuffled; then, consistently within the document:

- every city of ``seeds/reference/cities.csv`` (short name) that appears is replaced by another one;
- the companies the samples name in their deals are replaced by synthetic names;
- numbers are scaled (integers stay integers, decimals keep their places, shares stay below 100);
- years move by the same offset (2016–2026), days of the month are redrawn.

Document ``i`` depends only on ``(seed, i)``, so a corpus of 100 is the first 100 documents of the
corpus of 1,000. Every document is unique (checked by SHA-256; a rare duplicate is redrawn).
"""
from __future__ import annotations

import csv
import hashlib
import random
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "seeds" / "reports"
CITIES = REPO / "seeds" / "reference" / "cities.csv"
SEED = 20251126

# the investee companies the sample reports name (fundingdb extract seeds/reports/*.txt --json)
SAMPLE_COMPANIES = (
    "绵脉生物医药", "RockFlow", "云鲸智能", "傲势科技", "元鼎智能", "智谱", "杉川谐波", "极睿科技", "瞻芯电子",
    "蝴蝶效应", "人工生产力", "优地科技", "灵宇宙", "特斯联", "聆心智能",
)
_NAME_HEAD = "星云智芯源深启元极蓝海灵瑞博宇图迈澜衡拓汇恒峰睿泽铭晟嘉岚朗越澄翼景曜"
_NAME_TAIL = ("科技", "智能", "生物", "医疗", "机器人", "半导体", "动力", "数据", "航天", "能源", "微电子", "医药")

_HANT_HINT = re.compile(r"[這們來為們時資產業與國發財節點經濟會]")
_YEAR4 = re.compile(r"(?<!\d)(20[12]\d)(?=\s*年|[-/.]\d|\s*上半年|\s*下半年|\s*全年|年度)")
_YEAR2 = re.compile(r"(?<![\d.])(1[5-9]|2[0-6])(?=年)")
_DAY = re.compile(r"(?<=月)(\d{1,2})(?=日)")
# a number not glued to ASCII letters (SU7, TOP50 stay) and not a year or a day handled above
_NUMBER = re.compile(r"(?<![A-Za-z\d.])(\d+(?:\.\d+)?)(?![\d.]*[A-Za-z])")


@dataclass(frozen=True)
class Sample:
    name: str
    script: str
    paragraphs: tuple[str, ...]


@lru_cache(maxsize=1)
def samples() -> tuple[Sample, ...]:
    out = []
    for path in sorted(SAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        paras = tuple(p for p in text.split("\n") if p.strip())
        script = "hant" if len(_HANT_HINT.findall(text)) > 20 else "hans"
        out.append(Sample(path.name, script, paras))
    return tuple(out)


@lru_cache(maxsize=1)
def city_names() -> tuple[str, ...]:
    with open(CITIES, encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(ln for ln in fh if not ln.startswith("#"))
        return tuple(sorted({r["short_name"] for r in rows if len(r["short_name"]) >= 2}))


@lru_cache(maxsize=1)
def _city_re() -> re.Pattern:
    # longest first so 张家口 is not read as 张家 + 口
    names = sorted(city_names(), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)))


@lru_cache(maxsize=1)
def _company_re() -> re.Pattern:
    names = sorted(SAMPLE_COMPANIES, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)))


def _company_name(rng: random.Random) -> str:
    return "".join(rng.sample(_NAME_HEAD, 2)) + rng.choice(_NAME_TAIL)


def _scale(tok: str, rng: random.Random, percent: bool) -> str:
    if tok.startswith("0") and len(tok) > 1 and "." not in tok:
        return tok                   # 01, 02: section numbers
    places = len(tok.split(".")[1]) if "." in tok else 0
    v = float(tok)
    if v < 3 and places == 0:
        return tok                   # 1, 2: ordinals and small counts keep their grammar
    f = rng.uniform(0.6, 1.45)
    nv = v * f
    if percent:
        nv = min(nv, 99.9 if places else 99)
    if places:
        return f"{nv:.{places}f}"
    return str(max(3, int(round(nv))))


def _substitute(text: str, rng: random.Random) -> str:
    cities = city_names()
    present = sorted(set(_city_re().findall(text)))
    city_map = dict(zip(present, rng.sample(cities, len(present))))
    companies = {c: _company_name(rng) for c in SAMPLE_COMPANIES}
    year_shift = rng.randint(-9, 1)
    text = _city_re().sub(lambda m: city_map[m.group(0)], text)
    text = _company_re().sub(lambda m: companies[m.group(0)], text)

    # years and days first, marked so the number pass leaves them alone
    text = _YEAR4.sub(lambda m: "\x00" + str(int(m.group(1)) + year_shift) + "\x01", text)
    text = _YEAR2.sub(lambda m: "\x00" + str(int(m.group(1)) + year_shift) + "\x01", text)
    text = _DAY.sub(lambda m: "\x00" + str(rng.randint(1, 28)) + "\x01", text)

    scaled: dict[tuple[str, bool], str] = {}

    def number(m: re.Match) -> str:
        after = m.string[m.end():m.end() + 2]
        if after[:1] in ("月", "日") or after.startswith("个月"):
            return m.group(0)            # months and month counts keep the calendar readable
        key = (m.group(1), after[:1] in ("%", "％"))
        if key not in scaled:            # one number, one replacement throughout the document
            scaled[key] = _scale(key[0], rng, key[1])
        return scaled[key]

    parts = re.split(r"(\x00[^\x01]*\x01)", text)
    out = []
    for part in parts:
        if part.startswith("\x00"):
            out.append(part[1:-1])
        else:
            out.append(_NUMBER.sub(number, part))
    return "".join(out)


def document(i: int, seed: int = SEED, attempt: int = 0) -> str:
    """Document ``i`` of the corpus (a pure function of seed, i and attempt)."""
    rng = random.Random(f"{seed}:{i}:{attempt}")
    pool = samples()
    base = rng.choice(pool)
    others = [p for s in pool if s is not base and s.script == base.script for p in s.paragraphs[3:]]
    head, body = list(base.paragraphs[:3]), list(base.paragraphs[3:])
    out = []
    for p in body:
        r = rng.random()
        if r < 0.08:
            continue                                  # dropped
        if r < 0.33:
            p = rng.choice(others or base.paragraphs[3:])  # swapped for another report's paragraph
        out.append(p)
    for k in range(len(out) - 1):                     # a few neighbours change places
        if rng.random() < 0.1:
            out[k], out[k + 1] = out[k + 1], out[k]
    return _substitute("\n".join(head + out) + "\n", rng)


def documents(n: int, seed: int = SEED) -> Iterator[tuple[str, str]]:
    """(file name, text) for documents 0..n-1; every text unique."""
    seen: set[bytes] = set()
    for i in range(n):
        attempt = 0
        while True:
            text = document(i, seed, attempt)
            h = hashlib.sha256(text.encode("utf-8")).digest()
            if h not in seen:
                break
            attempt += 1
        seen.add(h)
        yield f"doc_{i:06d}.txt", text


def build_corpus(folder: Path, n: int, seed: int = SEED) -> tuple[int, int]:
    """Write ``n`` documents into ``folder``; returns (files, bytes)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for name, text in documents(n, seed):
        raw = text.encode("utf-8")
        (folder / name).write_bytes(raw)
        total += len(raw)
    return n, total
