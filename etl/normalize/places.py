"""Place names in a sentence: gazetteer hits with word-boundary checks.

The gazetteer is data (seeds/reference); what lives here is the language around names: a city
name followed by 大学 is a university (中山大学 is not 中山), one followed by 区/县/路 is a
district or a street (朝阳区), and "前50名城市"/"Top50城市" name a group of places.
"""
from __future__ import annotations

import functools
import re

from ..lexicon import Hit, Place, lexicon

# A name directly followed by one of these is part of another noun, not a place mention.
BLOCKED_AFTER = re.compile(
    r"(?:大学|学院|理工|师范|交通大学|交大|科技大学|医院|路|大道|大街|街道|街|巷|区(?!域)|县|镇|乡|村|站|机场|日报|晚报|电视台|卫视|"
    r"银行|证券|队|籍|菜|话|腔|号(?!称))"
)
# A name directly preceded by these is a part of another word (新北京 is not 北京, 大连 stays 大连)
BLOCKED_BEFORE = re.compile(r"(?:[新老]$)")

# 前50名城市, Top50城市, TOP 20城市, 前十大城市, 百强城市: a named set of places (geo_level group)
GROUP_RE = re.compile(
    r"(?:(?:前|[Tt][Oo][Pp]\s?)(?P<n>\d{1,3}|[一二三四五六七八九十百]{1,3})(?:名|强|大)?(?:的)?(?P<kind>城市|省份|省市))"
    r"|(?:上榜|入围|入选)(?P<n2>\d{1,3})(?P<kind2>城|座城市|个城市)"
    r"|(?P<n3>\d{1,3})强(?P<kind3>城市|省份)"
)
CN_NUM = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "百": 100}


def small_number(s: str) -> int | None:
    """'50' → 50, '十' → 10, '二十' → 20, '十五' → 15, '百' → 100."""
    if s.isdigit():
        return int(s)
    if s == "百":
        return 100
    if "十" in s:
        a, _, b = s.partition("十")
        return (CN_NUM.get(a, 1) if a else 1) * 10 + (CN_NUM.get(b, 0) if b else 0)
    return CN_NUM.get(s) if len(s) == 1 else None


@functools.lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(60)   # its "Building prefix dict" chatter is not ours to print
    return jieba


@functools.lru_cache(maxsize=65536)
def _boundaries(window: str) -> frozenset[int]:
    """Offsets in ``window`` where jieba (no HMM) puts a word boundary. Windows are a few
    characters long and recur (the same name after the same word), so they are cached."""
    out, pos = set(), 0
    for tok in _jieba().lcut(window, HMM=False):
        pos += len(tok)
        out.add(pos)
    return frozenset(out)


def _splits_word(s: str, h: Hit) -> bool:
    """True when the name's first character belongs to the word before it (八成都是 → 八成|都):
    decided by jieba on a small window, only for names glued to a preceding Chinese character."""
    a = max(0, h.start - 3)
    # jieba's tokens tile the window: the name's start is inside a word unless a token ends there
    return h.start - a not in _boundaries(s[a:min(len(s), h.end + 2)])


def names_a_place(name: str) -> bool:
    """True when the whole string (give or take one character) is a place name."""
    return any(h.end - h.start >= len(name) - 1 for h in find_places(name))


def find_places(s: str) -> list[Hit]:
    """Place mentions in ``s`` (simplified match text), left to right; ``Hit.value`` is a Place."""
    lex = lexicon()
    out = []
    for h in lex.places.find(s):
        place: Place = h.value
        if place.level in ("city", "province") and BLOCKED_AFTER.match(s, h.end):
            # 北京市 / 深圳市 are handled as aliases; 中山大学, 朝阳区 are not places here
            continue
        if h.start and BLOCKED_BEFORE.search(s[:h.start]):
            continue
        if h.start and "\u4e00" <= s[h.start - 1] <= "\u9fff" and _splits_word(s, h):
            continue
        out.append(h)
    for m in GROUP_RE.finditer(s):
        n = small_number(m.group("n") or m.group("n2") or m.group("n3") or "")
        if not n or any(h.start < m.end() and m.start() < h.end for h in out):
            continue
        kind = "省份" if "省" in (m.group("kind") or m.group("kind2") or m.group("kind3") or "") else "城市"
        out.append(Hit(m.start(), m.end(), m.group(0), Place("group", f"Top{n}{kind}", None)))
    out.sort(key=lambda h: h.start)
    return out
