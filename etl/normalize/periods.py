"""Reporting periods and point dates in Chinese report prose.

Pure functions, standard library only.

* Matching runs on a folded copy of the text (full-width digits -> ASCII, a few
  traditional characters -> simplified), one character to one character, so
  spans are spans of the caller's string.
* Every pattern is tried at each candidate position and the longest match
  wins ("2025年11月20日" beats "2025年11月" beats "2025年").
* ``ref_year`` fills in a year the text leaves out ("上半年", "11月");
  without it such phrases are still reported, with unknown (None) dates.
  ``ref_month`` lets a month later than the document's own month roll back a
  year ("12月" in a January report is last December).
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

__all__ = ["Period", "find_periods", "find_dates"]


@dataclass(frozen=True)
class Period:
    start: int
    end: int
    period_start: date | None
    period_end: date | None
    text: str
    kind: str  # year half quarter month months day range ytd as_of relative


_FOLD: dict[int, int] = {}
for _c in range(0xFF01, 0xFF5F):
    if _c != 0xFF0C:  # keep '，' (list separator), as in amounts
        _FOLD[_c] = _c - 0xFEE0
for _t, _s in zip("從來個號於後間內當歲屆週", "从来个号于后间内当岁届周"):
    _FOLD[ord(_t)] = ord(_s)
_FOLD_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_FOLD)) + "]")


def _fold(s: str) -> str:
    # match text is already half-width and simplified: most strings have nothing to fold
    return s.translate(_FOLD) if _FOLD_RE.search(s) else s

_CN_SMALL = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9, "十": 10, "十一": 11, "十二": 12, "首": 1}


def _small_int(s: str | None) -> int | None:
    if not s:
        return None
    if s.isascii() and s.isdigit():
        return int(s)
    return _CN_SMALL.get(s)


def _safe_date(y: int | None, m: int, d: int) -> date | None:
    try:
        return date(y, m, d) if y is not None else None
    except (ValueError, TypeError, OverflowError):
        return None


def _month_end(y: int | None, m: int) -> date | None:
    try:
        return date(y, m, calendar.monthrange(y, m)[1]) if y is not None else None
    except (ValueError, TypeError, OverflowError, calendar.IllegalMonthError):
        return None


# ---------------------------------------------------------------- building blocks

# A four-digit year only in 1990-2099 and never part of a longer number.
_Y4 = r"(?<![0-9])(?:199[0-9]|20[0-9]{2})(?![0-9])"
# Two-digit years ("25年上半年") are only used in front of a half/quarter/month,
# and never after words that make "N年" a duration (近10年, 连续11年, 第3年).
_Y2_BLOCK = r"(?<![0-9近续第去超逾约余多满])"
_SEP = r" ?(?:[-~—–―〜]{1,2}|至|到) ?"
_MN_CN = r"十[一二]?|[一二三四五六七八九]"


def _ypre(tag: str, year_char: bool = True, y2: bool = True, rel: bool = True) -> str:
    alts = [rf"(?P<y{tag}>{_Y4})" + ("年" if year_char else "年?")]
    if y2:
        alts.append(rf"{_Y2_BLOCK}(?P<yy{tag}>[0-9]{{2}})年")
    if rel:
        alts.append(rf"(?P<rel{tag}>今年|去年|明年|本年|前年)")
    return "(?:" + "|".join(alts) + ")"


def _mn(tag: str) -> str:
    return rf"(?P<m{tag}>(?<![0-9])(?:1[0-2]|0?[1-9])(?![0-9])|{_MN_CN})"


def _dn(tag: str) -> str:
    return rf"(?P<d{tag}>(?<![0-9])(?:3[01]|[12][0-9]|0?[1-9])(?![0-9]))"


_REL_OFFSET = {"今年": 0, "本年": 0, "去年": -1, "明年": 1, "前年": -2}


def _year(m: re.Match, tag: str, ref_year: int | None) -> tuple[int | None, bool]:
    """(year, explicit) from a _ypre group; falls back to ref_year."""
    g = m.groupdict()
    if g.get(f"y{tag}"):
        return int(g[f"y{tag}"]), True
    if g.get(f"yy{tag}"):
        yy = int(g[f"yy{tag}"])
        return (1900 + yy if yy >= 90 else 2000 + yy), True
    if g.get(f"rel{tag}"):
        r = g[f"rel{tag}"]
        return (None if ref_year is None else ref_year + _REL_OFFSET[r]), True
    return ref_year, False


def _roll(y: int | None, month: int, explicit: bool, ref_month: int | None) -> int | None:
    # A January report speaking of "12月" means last December.
    if y is not None and not explicit and ref_month is not None and month > ref_month:
        return y - 1
    return y


# ---------------------------------------------------------------- patterns

_P_DAYRANGE = re.compile(
    rf"(?:{_ypre('a')})?{_mn('a')}月{_dn('a')}[日号]?{_SEP}"
    rf"(?:(?P<yb>{_Y4})年)?(?:{_mn('b')}月)?{_dn('b')}[日号]"
)
_P_MONTHRANGE = re.compile(
    rf"(?:{_ypre('a')})?{_mn('a')}月?{_SEP}(?:(?P<yb>{_Y4})年)?{_mn('b')}月(?:份)?"
)
_YTD_N = r"(?<![0-9])(?:1[0-2]|[1-9])(?![0-9])|十[一二]?|[一二两三四五六七八九]"
_P_YTD = re.compile(rf"(?:{_ypre('a', y2=False)})?前(?P<n>{_YTD_N})个?月")
_P_YTD_OPEN = re.compile(r"(?:(?P<rel>今年|本年)(?:年初)?|年初)(?:以来|至今)")
_P_SINCE = re.compile(rf"(?:自|从)?(?P<ys>{_Y4})年(?:{_mn('s')}月)?(?:以来|至今|起|开始)")
_P_YEARRANGE = re.compile(rf"(?:从|自)?(?P<ya>{_Y4})年?{_SEP}(?P<yb>{_Y4})年(?:间|期间)?")
_P_HALF = re.compile(
    rf"(?:{_ypre('a', year_char=False)})?(?P<h>上半年|下半年|前半年|后半年)"
    rf"|(?P<yh>{_Y4})年?(?P<hh>H[12])(?![0-9A-Za-z])"
)
_P_QUARTER = re.compile(
    rf"(?:{_ypre('a', year_char=False)})?(?:"
    r"第?(?P<q>[一二三四首]|(?<![0-9])[1-4])季度"
    r"|(?:(?<=年)|(?<=[0-9]{4})|(?<![A-Za-z0-9]))(?P<qq>Q[1-4])(?![0-9A-Za-z])"
    r"|前(?P<qn>[一二两三]|[23])个?季度)"
)
_QN = r"(?:[一二三四首]|(?<![0-9])[1-4])"
_P_QUARTERRANGE = re.compile(
    rf"(?:{_ypre('a', year_char=False)})?(?:"
    rf"第?(?P<qa>{_QN})(?:季度)?{_SEP}第?(?P<qb>{_QN})季度"
    rf"|(?:(?<=年)|(?<=[0-9]{{4}})|(?<![A-Za-z0-9]))Q(?P<qqa>[1-4]){_SEP}Q(?P<qqb>[1-4])(?![0-9A-Za-z]))"
)
_P_DAY = re.compile(rf"(?:{_ypre('a')})?{_mn('a')}月{_dn('a')}[日号]")
_P_ISO = re.compile(
    rf"(?P<iy>{_Y4})(?P<sep>[-/.])(?P<im>1[0-2]|0?[1-9])(?P=sep)(?P<id>3[01]|[12][0-9]|0?[1-9])(?![0-9])"
)
_P_MONTH = re.compile(rf"(?:{_ypre('a')})?{_mn('a')}月(?:份)?")
_P_YEAR = re.compile(
    rf"(?P<yr>{_Y4})(?:年度|年全年|全年|年)"
    rf"|{_Y2_BLOCK}(?P<yy>[0-9]{{2}})(?:年(?=同期)|年全年|全年)"
    r"|(?P<rel>今年|去年|明年|本年|前年)(?:全年|年度)?"
    r"|(?<![年])全年"
)
_P_RELATIVE = re.compile(r"(?:近|过去|最近)(?:[0-9]+|[一二两三四五六七八九十]+)个?(?:年|月|季度)")
_P_ASOF = re.compile(r"(?:截至到|截至|截止到|截止至|截止于|截止) ?")
_P_YEAR_END = re.compile(rf"(?P<y>{_Y4})年(?:末|底|年末|年底)?")
_MONTH_TAIL = re.compile(r"(?:末|底|末尾)")

# Where a bare Chinese-numeral month may start: not glued to a preceding word
# ("统一月度" is not January).
_CN_MONTH_OK_BEFORE = set("自从至到和及与在于的截止、，。；：:;,.( （\n\t")


def _cn_month_ok(t: str, m: re.Match, tag: str, has_year: bool) -> bool:
    g = m.group(f"m{tag}")
    if g is None or g[0].isdigit() or has_year:
        return True
    i = m.start(f"m{tag}")
    return i == 0 or t[i - 1] in _CN_MONTH_OK_BEFORE or not ("\u4e00" <= t[i - 1] <= "\u9fff")


# ---------------------------------------------------------------- handlers
# Each returns (period_start, period_end, kind) or None when the match is not
# a valid period (bad month, reversed range ...).

def _h_dayrange(t, m, ry, rm):
    y1, exp = _year(m, "a", ry)
    m1, m2 = _small_int(m.group("ma")), _small_int(m.group("mb")) if m.group("mb") else None
    if m1 is None or not _cn_month_ok(t, m, "a", exp):
        return None
    y1 = _roll(y1, m1, exp, rm)
    d1, d2 = int(m.group("da")), int(m.group("db"))
    m2 = m2 or m1
    y2 = int(m.group("yb")) if m.group("yb") else y1
    a = _safe_date(y1, m1, d1)
    b = _safe_date(y2, m2, d2)
    if y1 is not None and (a is None or b is None):
        return None
    if a and b and b < a:
        if m.group("yb"):
            return None
        b = _safe_date(y2 + 1, m2, d2)  # "12月25日至1月5日" crosses the year
    return a, b, "range"


def _h_monthrange(t, m, ry, rm):
    y1, exp = _year(m, "a", ry)
    m1, m2 = _small_int(m.group("ma")), _small_int(m.group("mb"))
    if m1 is None or m2 is None or not (1 <= m1 <= 12 and 1 <= m2 <= 12):
        return None
    if not _cn_month_ok(t, m, "a", exp):
        return None
    y2 = int(m.group("yb")) if m.group("yb") else y1
    if not m.group("yb") and m2 < m1:
        return None
    a, b = _safe_date(y1, m1, 1), _month_end(y2, m2)
    if a and b and b < a:
        return None
    return a, b, "months"


def _h_ytd(t, m, ry, rm):
    y, _ = _year(m, "a", ry)
    n = _small_int(m.group("n"))
    if n is None or not 1 <= n <= 12:
        return None
    return _safe_date(y, 1, 1), _month_end(y, n), "ytd"


def _h_ytd_open(t, m, ry, rm):
    return _safe_date(ry, 1, 1), None, "ytd"


def _h_since(t, m, ry, rm):
    mo = _small_int(m.group("ms")) if m.group("ms") else 1
    if mo is None or not 1 <= mo <= 12:
        return None
    return _safe_date(int(m.group("ys")), mo, 1), None, "range"


def _h_yearrange(t, m, ry, rm):
    a, b = int(m.group("ya")), int(m.group("yb"))
    if b < a:
        return None
    return date(a, 1, 1), date(b, 12, 31), "range"


def _h_half(t, m, ry, rm):
    if m.group("hh"):
        y, first = int(m.group("yh")), m.group("hh") == "H1"
    else:
        y, _ = _year(m, "a", ry)
        first = m.group("h") in ("上半年", "前半年")
    if first:
        return _safe_date(y, 1, 1), _safe_date(y, 6, 30), "half"
    return _safe_date(y, 7, 1), _safe_date(y, 12, 31), "half"


def _h_quarter(t, m, ry, rm):
    y, _ = _year(m, "a", ry)
    if m.group("qn"):
        n = _small_int(m.group("qn"))
        return _safe_date(y, 1, 1), _month_end(y, 3 * n), "quarter"
    q = _small_int(m.group("q")) if m.group("q") else int(m.group("qq")[1])
    if q is None or not 1 <= q <= 4:
        return None
    return _safe_date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter"


def _h_quarterrange(t, m, ry, rm):
    # "Q1至Q3", "一至三季度": both ends share the year written once
    y, _ = _year(m, "a", ry)
    a = _small_int(m.group("qa") or m.group("qqa"))
    b = _small_int(m.group("qb") or m.group("qqb"))
    if a is None or b is None or not 1 <= a <= b <= 4:
        return None
    return _safe_date(y, 3 * a - 2, 1), _month_end(y, 3 * b), "quarter"


def _h_day(t, m, ry, rm):
    y, exp = _year(m, "a", ry)
    mo, d = _small_int(m.group("ma")), int(m.group("da"))
    if mo is None or not _cn_month_ok(t, m, "a", exp):
        return None
    y = _roll(y, mo, exp, rm)
    x = _safe_date(y, mo, d)
    if y is not None and x is None:
        return None  # 2月30日
    return x, x, "day"


def _h_iso(t, m, ry, rm):
    x = _safe_date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
    return None if x is None else (x, x, "day")


def _h_month(t, m, ry, rm):
    y, exp = _year(m, "a", ry)
    mo = _small_int(m.group("ma"))
    if mo is None or not 1 <= mo <= 12 or not _cn_month_ok(t, m, "a", exp):
        return None
    y = _roll(y, mo, exp, rm)
    return _safe_date(y, mo, 1), _month_end(y, mo), "month"


def _h_year(t, m, ry, rm):
    if m.group("yr"):
        y = int(m.group("yr"))
    elif m.group("yy"):
        yy = int(m.group("yy"))
        y = 1900 + yy if yy >= 90 else 2000 + yy
    elif m.group("rel"):
        y = None if ry is None else ry + _REL_OFFSET[m.group("rel")]
    else:
        y = ry
    return _safe_date(y, 1, 1), _safe_date(y, 12, 31), "year"


def _h_relative(t, m, ry, rm):
    return None, None, "relative"


def _point_at(t: str, j: int, ry, rm):
    """Longest point date at j: (end, first_day, last_day) for as_of."""
    best = None
    for rx, h in ((_P_DAY, _h_day), (_P_ISO, _h_iso), (_P_MONTH, _h_month)):
        m = rx.match(t, j)
        if m:
            r = h(t, m, ry, rm)
            if r and (best is None or m.end() > best[0]):
                end = m.end()
                if rx is _P_MONTH:
                    tail = _MONTH_TAIL.match(t, end)
                    end = tail.end() if tail else end
                best = (end, r[0], r[1])
    m = _P_YEAR_END.match(t, j)
    if m and (best is None or m.end() > best[0]):
        y = int(m.group("y"))
        best = (m.end(), date(y, 1, 1), date(y, 12, 31))
    return best


_PATTERNS = [
    (_P_DAYRANGE, _h_dayrange),
    (_P_MONTHRANGE, _h_monthrange),
    (_P_YTD, _h_ytd),
    (_P_YTD_OPEN, _h_ytd_open),
    (_P_SINCE, _h_since),
    (_P_YEARRANGE, _h_yearrange),
    (_P_HALF, _h_half),
    (_P_QUARTER, _h_quarter),
    (_P_QUARTERRANGE, _h_quarterrange),
    (_P_DAY, _h_day),
    (_P_ISO, _h_iso),
    (_P_MONTH, _h_month),
    (_P_YEAR, _h_year),
    (_P_RELATIVE, _h_relative),
]

_START = frozenset("0123456789上下前后今去明本截自从第Q全近过最年首" + "一二三四五六七八九十")
_START_RE = re.compile("[" + "".join(re.escape(c) for c in sorted(_START)) + "]")
# For each of _PATTERNS, characters of which every match contains at least one (a lookbehind
# does not count: it looks before the match): 月 for the month patterns, 年 for the year ones…
_REQUIRED = [
    "月",      # _P_DAYRANGE: …月…日
    "月",      # _P_MONTHRANGE: …-…月
    "月",      # _P_YTD: 前N个月
    "来今",    # _P_YTD_OPEN: 以来 | 至今
    "年",      # _P_SINCE: YYYY年…以来
    "年",      # _P_YEARRANGE: YYYY-YYYY年
    "半H",     # _P_HALF: 上半年… | H1/H2
    "季Q",     # _P_QUARTER: 季度 | Q1-Q4
    "季Q",     # _P_QUARTERRANGE
    "月",      # _P_DAY: …月…日
    "-/.",     # _P_ISO: YYYY-MM-DD
    "月",      # _P_MONTH
    "年",      # _P_YEAR: 年, 年度, 全年, 今年…
    "年月季",  # _P_RELATIVE: 近N年/月/季度
]
_REQUIRED_CHARS = frozenset("".join(_REQUIRED) + "截")   # 截: _P_ASOF
assert len(_REQUIRED) == len(_PATTERNS)


def _max_width(rx: re.Pattern) -> int | None:
    """Longest text the pattern can match (None: unbounded or unknown), from the regex parser."""
    try:
        try:
            from re import _parser as sre_parse
        except ImportError:  # Python 3.10
            import sre_parse
        w = sre_parse.parse(rx.pattern, rx.flags).getwidth()[1]
    except Exception:
        return None
    return w if w < 1000 else None


# (pattern, handler, required characters, longest match): a required character must then occur
# within the longest match's reach of the position tried
_PLAN = [(rx, h, req, _max_width(rx)) for (rx, h), req in zip(_PATTERNS, _REQUIRED)]


def _clean_ref(ref_year, ref_month):
    # Out-of-range references behave like "unknown" instead of raising later.
    if not isinstance(ref_year, int) or isinstance(ref_year, bool) or not 1 <= ref_year <= 9998:
        ref_year = None
    if not isinstance(ref_month, int) or isinstance(ref_month, bool) or not 1 <= ref_month <= 12:
        ref_month = None
    return ref_year, ref_month


def find_periods(s: str, ref_year: int | None = None, ref_month: int | None = None) -> list[Period]:
    """Reporting periods in ``s``, left to right, non-overlapping."""
    if not isinstance(s, str) or not s:
        return []
    ry, rm = _clean_ref(ref_year, ref_month)
    t = _fold(s)
    out: list[Period] = []
    i, n = 0, len(t)
    # A pattern can only match at i when one of the characters it cannot do without occurs
    # within its longest match from i; past the last such character nothing can match at all.
    stop = max([t.rfind(c) for c in _REQUIRED_CHARS])
    while i < n:
        if t[i] not in _START:
            sm = _START_RE.search(t, i)
            if sm is None:
                break
            i = sm.start()
        if i > stop:
            break
        best = None
        am = _P_ASOF.match(t, i) if t[i] == "截" else None   # every as-of phrase starts with 截
        if am:
            pt = _point_at(t, am.end(), ry, rm)
            if pt:
                best = (pt[0], None, pt[2], "as_of")
        for rx, h, req, width in _PLAN:
            if width is not None:
                for c in req:
                    if t.find(c, i, i + width) >= 0:
                        break
                else:
                    continue
            m = rx.match(t, i)
            if not m or m.end() <= i or (best and m.end() <= best[0]):
                continue
            try:
                r = h(t, m, ry, rm)
            except (ValueError, TypeError, OverflowError, KeyError):
                r = None  # a malformed match is simply not a period
            if r is not None:
                best = (m.end(), r[0], r[1], r[2])
        if best:
            end, a, b, kind = best
            if a is not None and b is not None and b < a:
                a = b = None
            out.append(Period(i, end, a, b, s[i:end], kind))
            i = end
        else:
            i += 1
    return out


def find_dates(s: str, ref_year: int | None = None) -> list[tuple[int, int, date, str]]:
    """Point dates: (start, end, date, precision) with precision day|month|year.

    Month and year precision give the first day of the month / year.  A date
    without a year is only returned when ref_year is known.
    """
    if not isinstance(s, str) or not s:
        return []
    ry, _ = _clean_ref(ref_year, None)
    t = _fold(s)
    out: list[tuple[int, int, date, str]] = []
    i, n = 0, len(t)
    month_with_year = re.compile(rf"{_ypre('a', rel=False)}{_mn('a')}月(?:份)?")
    year_only = re.compile(rf"(?P<yr>{_Y4})年")
    while i < n:
        if not (t[i].isascii() and t[i].isdigit()) and t[i] not in "一二三四五六七八九十":
            i += 1
            continue
        best = None
        for rx, prec in ((_P_DAY, "day"), (_P_ISO, "day"), (month_with_year, "month"), (year_only, "year")):
            m = rx.match(t, i)
            if not m or (best and m.end() <= best[0]):
                continue
            try:
                if prec == "year":
                    d = _safe_date(int(m.group("yr")), 1, 1)
                elif rx is _P_ISO:
                    d = _safe_date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
                else:
                    y, exp = _year(m, "a", ry)
                    if not exp and out and out[-1][3] == "day" and re.fullmatch(_SEP, t[out[-1][1]:i]):
                        # "2024年1月1日—8月27日": the second date shares the first's year
                        y = out[-1][2].year
                    mo = _small_int(m.group("ma"))
                    if mo is None or not _cn_month_ok(t, m, "a", exp):
                        continue
                    d = _safe_date(y, mo, int(m.group("da")) if prec == "day" else 1)
            except (ValueError, TypeError, OverflowError, KeyError):
                d = None
            if d is not None:
                best = (m.end(), d, prec)
        if best:
            out.append((i, best[0], best[1], best[2]))
            i = best[0]
        else:
            i += 1
    return out
