"""Money expressions in Chinese funding prose -> structured amounts.

Pure functions, standard library only. See docs/amounts.md for the grammar and
its known limits.

Design notes
------------
* Matching runs on a *folded* copy of the input (full-width -> ASCII, a few
  traditional characters -> simplified).  Every fold is one character to one
  character, so offsets found in the folded copy are offsets in the original
  and ``Money.text`` is always the verbatim slice of what the caller passed.
* A tiny hand-written parser (not one giant regex) reads
  ``hedge? currency? hedge? quantity currency? (sep quantity currency?)?
  post-hedge? (conversion)?`` so each piece can carry its own guards.
* ``find_amounts`` only accepts expressions that state a currency (元 counts);
  ``parse_money`` also accepts a bare ``10亿`` (currency None) because the
  caller has already decided the string is an amount.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation, localcontext

__all__ = ["Money", "find_amounts", "parse_money", "parse_number"]


@dataclass(frozen=True)
class Money:
    start: int
    end: int
    value: Decimal
    value_max: Decimal | None
    currency: str | None
    qualifier: str
    text: str
    cny_stated: Decimal | None = None


# --------------------------------------------------------------------------
# Folding (1:1 characters only, so spans survive)
# --------------------------------------------------------------------------

_FOLD: dict[int, int] = {}
for _c in range(0xFF01, 0xFF5F):
    # '，' stays: in Chinese a full-width comma separates list items; treating it
    # as a thousands mark would merge "1，2亿" style lists into one number.
    if _c != 0xFF0C:
        _FOLD[_c] = _c - 0xFEE0
_FOLD.update({ord("￥"): ord("¥"), ord("￡"): ord("£"), ord("\u3000"): ord(" ")})
# Traditional forms that occur inside money expressions.  Only characters whose
# simplified form is a single character are listed (spans must not shift).
for _t, _s in zip(
    "萬億兩貳參陸約餘數幾過於為將預計內幣臺圓歐韓鎊盧當間來從個號達級",
    "万亿两贰叁陆约余数几过于为将预计内币台元欧韩镑卢当间来从个号达级",
):
    _FOLD[ord(_t)] = ord(_s)


_FOLD_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_FOLD)) + "]")


def _fold(s: str) -> str:
    # match text is already half-width and simplified: most strings have nothing to fold
    return s.translate(_FOLD) if _FOLD_RE.search(s) else s


# --------------------------------------------------------------------------
# Numerals
# --------------------------------------------------------------------------

_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "两": 2, "贰": 2, "三": 3, "叁": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7,
    "八": 8, "捌": 8, "九": 9, "玖": 9,
}
_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG = {"万": 10**4, "亿": 10**8}
_UNIT_CH = "".join(_SMALL) + "".join(_BIG)
_DIGIT_CH = "".join(_DIGITS)
_CN_NUM_CH = set(_DIGIT_CH + _UNIT_CH)

# Thousands groups must be exactly three digits: "1,2345" is not a number.
_AR = r"[0-9]+(?:,[0-9]{3}(?![0-9]))*(?:\.[0-9]+)?"
_AR_RE = re.compile(_AR)
# A numeral run: Arabic numbers and Chinese numeral characters, in any mix
# ("3.5万亿", "1亿5000万", "一千五百万").  PDF text often has "1.65 亿", so one
# space is allowed between an Arabic number and a following unit.
# Chinese decimals "三点五亿" = 3.5亿: digits (no units) on both sides of 点.
_CN_DEC = rf"[{_DIGIT_CH}]+点[{_DIGIT_CH}]+"
_CN_DEC_RE = re.compile(_CN_DEC)
_RUN_RE = re.compile(rf"(?:{_AR}(?:[ \u00a0](?=[{_UNIT_CH}]))?|{_CN_DEC}|[{_DIGIT_CH}{_UNIT_CH}])+")
_UNITRUN_RE = re.compile(rf"[{_UNIT_CH}]+")
_SCALE_RE = re.compile(
    r"[ \u00a0]?(?P<w>(?i:trillion|billion|million|thousand|mln|bn|mn|tn))(?![A-Za-z])"
    r"|(?P<l>[kKmMbB])(?![A-Za-z])"
)
_SCALES = {"trillion": 10**12, "tn": 10**12, "billion": 10**9, "bn": 10**9, "b": 10**9,
           "million": 10**6, "mn": 10**6, "mln": 10**6, "m": 10**6, "thousand": 1000, "k": 1000}

# Anything larger is not a plausible money amount and only invites precision
# trouble (the whole world's GDP is ~1e14 USD).
_MAX_VALUE = Decimal(10) ** 18
_MAX_DIGITS = 19


def _tokenize_run(run: str, base: int):
    """Split a numeral run into tokens: (kind, value, end_offset).

    kind: 'n' Arabic number, 'd' Chinese digit, 'z' zero placeholder,
    'u' small unit, 'W' 万, 'Y' 亿.
    end_offset is absolute (base + offset) so a shortened run knows where it ends.
    """
    toks = []
    i = 0
    while i < len(run):
        m = _AR_RE.match(run, i)
        if m and m.end() > i:
            digits = m.group().replace(",", "")
            if len(digits.split(".")[0]) > _MAX_DIGITS:
                return None
            toks.append(("n", Decimal(digits), base + m.end()))
            i = m.end()
            if i < len(run) and run[i] in " \u00a0":  # the space before a unit
                i += 1
            continue
        m = _CN_DEC_RE.match(run, i)
        if m:
            whole, frac = m.group().split("点")
            if len(whole) > 1:
                return None  # "二三点五" is not a numeral; "二十三点五" tokenises as 二,十,三点五
            digits = "".join(str(_DIGITS[ch]) for ch in whole) + "." + "".join(str(_DIGITS[ch]) for ch in frac)
            toks.append(("n", Decimal(digits), base + m.end()))
            i = m.end()
            continue
        c = run[i]
        if c in "零〇":
            toks.append(("z", Decimal(0), base + i + 1))
        elif c in _DIGITS:
            toks.append(("d", Decimal(_DIGITS[c]), base + i + 1))
        elif c in _SMALL:
            toks.append(("u", Decimal(_SMALL[c]), base + i + 1))
        elif c == "万":
            toks.append(("W", Decimal(10**4), base + i + 1))
        elif c == "亿":
            toks.append(("Y", Decimal(10**8), base + i + 1))
        else:
            return None
        i += 1
    return toks


def _eval_tokens(toks, colloquial: bool = False) -> Decimal | None:
    """Value of a token list, or None if it is not a well-formed numeral.

    Sections: ``total`` holds whole 亿 groups, ``mid`` the 万 part of the
    current group, ``sec`` the part below 万.  Validation is strict on purpose:
    a run that does not read as one number ("五零", "2.5亿3亿") is rejected so
    the caller can try a shorter run instead of inventing a value.
    """
    if not toks:
        return None
    total = mid = sec = Decimal(0)
    pend: Decimal | None = None
    pend_cn_digit = False
    last_small: Decimal | None = None
    last_unit: Decimal | None = None   # most recent unit, for the colloquial tail
    wan_in_group = False
    last_group: Decimal | None = None
    prev = None
    zero_before_pend = False
    for kind, val, _end in toks:
        if kind == "z":
            if pend is not None:
                return None  # "五零": digits must be separated by units
            prev = "z"
            continue
        if kind in ("n", "d"):
            if pend is not None:
                return None
            pend = val
            pend_cn_digit = kind == "d"
            zero_before_pend = prev == "z"
        elif kind == "u":
            if pend is None:
                if prev is not None:
                    return None
                pend = Decimal(1)  # leading 十/百/千: "十亿", "千万"
            if last_small is not None and val >= last_small:
                return None  # small units must descend: 千..百..十
            sec += pend * val
            pend = None
            last_small = last_unit = val
        elif kind == "W":
            g = sec + (pend or 0)
            if g == 0:
                if prev is not None:
                    return None
                g = Decimal(1)  # bare 万
            if wan_in_group:
                return None
            mid = g * 10**4
            sec, pend, last_small, wan_in_group = Decimal(0), None, None, True
            last_unit = Decimal(10**4)
        else:  # 'Y'
            g = mid + sec + (pend or 0)
            if g == 0:
                if prev is not None:
                    return None
                g = Decimal(1)  # bare 亿
            if total and not (last_group is not None and last_group >= 10**4 and g < 10**4):
                # a second 亿 group is only valid after a 万亿 group: "2万亿5000亿"
                return None
            total += g * 10**8
            last_group = g
            mid = sec = Decimal(0)
            pend, last_small, wan_in_group = None, None, False
            last_unit = Decimal(10**8)
        prev = kind
    if pend is not None and last_unit is not None and not zero_before_pend and last_unit >= 100:
        # A bare number after 百/千/万/亿 ("一万五", "1亿5000").  Strictly not a
        # numeral; colloquially the next lower unit ("一万五" = 15000).
        if not (colloquial and pend_cn_digit):
            return None
        pend = pend * last_unit / 10
    value = total + mid + sec + (pend or 0)
    if value > _MAX_VALUE:
        return None
    return value


def _norm(d: Decimal) -> Decimal:
    """Plain integer Decimal when integral (165000000, not 1.65E+8)."""
    with localcontext() as ctx:
        ctx.prec = 60
        if d == d.to_integral_value():
            return d.quantize(Decimal(1))
        return d.normalize()


def parse_number(s: str) -> Decimal | None:
    """'1,855' '１２' '一千五百万' '两亿' '壹亿' '3.5' '十' '二十三' -> Decimal."""
    if not isinstance(s, str):
        return None
    t = _fold(s).strip()
    if not t:
        return None
    m = _RUN_RE.fullmatch(t)
    if not m:
        return None
    try:
        with localcontext() as ctx:
            ctx.prec = 60
            toks = _tokenize_run(t, 0)
            if toks is None:
                return None
            v = _eval_tokens(toks)
            if v is None:
                v = _eval_tokens(toks, colloquial=True)
            return None if v is None else _norm(v)
    except (InvalidOperation, ValueError, ArithmeticError):
        return None


# --------------------------------------------------------------------------
# Currencies
# --------------------------------------------------------------------------

# Chinese currency words (folded forms).  Used after the number and, except for
# the bare 元/円, before it ("人民币10亿元", "美元1亿").
_CN_CURRENCY = {
    "元人民币": "CNY", "人民币": "CNY", "元": "CNY",
    "美元": "USD", "美金": "USD",
    "港元": "HKD", "港币": "HKD",
    "欧元": "EUR",
    "日元": "JPY", "日币": "JPY", "円": "JPY",
    "英镑": "GBP",
    "新加坡元": "SGD", "新元": "SGD", "新币": "SGD",
    "韩元": "KRW", "韩币": "KRW",
    "印度卢比": "INR", "卢比": "INR",
    "新台币": "TWD", "台币": "TWD",
    "澳元": "AUD", "澳币": "AUD",
    "加元": "CAD", "加币": "CAD",
    "瑞士法郎": "CHF", "瑞郎": "CHF",
}
_CN_PREFIX_ONLY_EXCLUDED = {"元", "円", "元人民币"}
_CODES = {c: c for c in "CNY USD HKD EUR JPY GBP SGD KRW INR TWD AUD CAD CHF".split()}
_CODES["RMB"] = "CNY"
_SYMBOLS = {"US$": "USD", "HK$": "HKD", "NT$": "TWD", "S$": "SGD", "A$": "AUD", "C$": "CAD",
            "$": "USD", "¥": "CNY", "€": "EUR", "£": "GBP", "₩": "KRW", "₹": "INR"}


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_PREFIX_RE = re.compile(
    r"(?P<sym>" + _alt(_SYMBOLS) + r")"
    r"|(?<![A-Za-z])(?P<code>" + _alt(_CODES) + r")(?![A-Za-z])"
    r"|(?P<cn>" + _alt(set(_CN_CURRENCY) - _CN_PREFIX_ONLY_EXCLUDED) + r")"
)
_SUFFIX_RE = re.compile(
    r"[ \u00a0]?(?:(?P<cn>" + _alt(_CN_CURRENCY) + r")"
    r"|(?<![A-Za-z])(?P<code>" + _alt(_CODES) + r")(?![A-Za-z]))"
)


def _currency_of(m: re.Match) -> str:
    if m.group("code"):
        return _CODES[m.group("code")]
    if "sym" in m.re.groupindex and m.group("sym"):
        return _SYMBOLS[m.group("sym")]
    return _CN_CURRENCY[m.group("cn")]


# --------------------------------------------------------------------------
# Hedges
# --------------------------------------------------------------------------

_PRE_HEDGES = {
    "约合": "approx", "约为": "approx", "大约": "approx", "大概": "approx", "约": "approx",
    "将近": "approx", "接近": "approx", "近": "approx", "预计": "approx",
    "超过": "at_least", "超出": "at_least", "超": "at_least", "逾": "at_least", "过": "at_least",
    "不低于": "at_least", "不少于": "at_least", "至少": "at_least", "多于": "at_least",
    "高于": "at_least", "突破": "at_least", "破": "at_least", "上": "at_least",
    "不超过": "at_most", "不超": "at_most", "至多": "at_most", "最多": "at_most",
    "不到": "at_most", "不足": "at_most", "低于": "at_most", "少于": "at_most",
    "不高于": "at_most",
}
_PRE_HEDGE_RE = re.compile(_alt(_PRE_HEDGES))
# Single-character hedges that also end common verbs/nouns: 签约 (sign),
# 通过 (via), 最近 (recently), 反超 ...  When preceded by one of these the
# character is part of the word, not a hedge.
_HEDGE_BLOCKERS = {
    "约": set("签合预邀违履节制条契公特相赴失爽誓盟和婚租解践守简"),
    "近": set("最附亲靠临接将逼贴就远"),
    "超": set("赶高反不"),
    "过": set("通经不越跨度错未没曾太难透滤闯放胜得拿融投获到见做有说听看想用去来走超"),
    "破": set("打突攻识冲爆看"),
    "上": set("以马线之面场向加在往晚早身手路台市年"),
}

_POST_HEDGES = {
    "左右": "approx", "上下": "approx",
    "及以上": "at_least", "或以上": "at_least", "以上": "at_least", "有余": "at_least",
    "出头": "at_least",
    "起": "at_least",
    "及以下": "at_most", "或以下": "at_most", "以下": "at_most", "以内": "at_most",
    "之内": "at_most",
    "之间": "", "不等": "",   # only meaningful after a range
}
# 上下游 (up/downstream) and 起诉 (sue) etc. are words, not hedges.
_POST_HEDGE_RE = re.compile(
    r"(?:左右|上下(?![游文级班限楼车行])|及以上|或以上|以上|有余|出头|起(?![诉草义火身床飞来点])"
    r"|及以下|或以下|以下|以内|之内|之间|不等)"
)

_SEP_RE = re.compile(r" ?(?:[-‐‑‒–—―~〜]{1,2}|至|到) ?")
_CONV_OPEN_RE = re.compile(r" ?[(（] ?(?:约合|折合|合计|相当于|即|合)? ?")
_CONV_CLOSE_RE = re.compile(r" ?[)）]")
_SPACES_RE = re.compile(r"[ \u00a0]*")

# Characters before a bare unit ("亿元") that show it is a unit label, not an
# amount: 每万元 (per 10k yuan), （亿元） table headers, 单位：万元, 以亿元计.
_BARE_BLOCK_BEFORE = set("每/(（:：|｜以按")
_BARE_BLOCK_AFTER = re.compile(r"[)）/]|计|为单位")


# --------------------------------------------------------------------------
# Quantity: a number (maybe with 余/多/几) or a bare / 数 unit
# --------------------------------------------------------------------------

@dataclass
class _Q:
    start: int
    end: int
    lo: Decimal
    hi: Decimal | None
    qual: str | None        # 'approx' (bare unit) | 'at_least' (余/多) | 'range' (数/几) | None
    has_unit: bool          # a unit/scale was written (range inheritance)
    mult: Decimal | None    # multiplier of the trailing unit chain ("亿" -> 1e8)
    big: bool               # 万/亿 or an English scale present
    bare: bool


def _chain_value(chain: str) -> Decimal | None:
    toks = _tokenize_run(chain, 0)
    return _eval_tokens(toks) if toks else None


def _trailing_mult(toks) -> Decimal | None:
    mult = Decimal(1)
    seen = False
    for kind, val, _ in reversed(toks):
        if kind in ("u", "W", "Y"):
            mult *= val
            seen = True
        else:
            break
    return mult if seen else None


def _quantity(t: str, i: int) -> _Q | None:
    if i >= len(t):
        return None
    c = t[i]
    if c in "数几":
        # 数亿 = 1亿..10亿, 数十亿 = 10亿..100亿, 几十万 = 10万..100万
        m = _UNITRUN_RE.match(t, i + 1)
        if not m:
            return None
        v = _chain_value(m.group())
        if v is None:
            return None
        chain = m.group()
        return _Q(i, m.end(), v, v * 10, "range", True, v, "万" in chain or "亿" in chain, False)

    m = _RUN_RE.match(t, i)
    if not m:
        return None
    toks = _tokenize_run(m.group(), i)
    if not toks:
        return None
    # Longest prefix of the run that reads as one number: "人民币5000万一次性"
    # must stop at 万, not swallow 一.
    value = None
    for k in range(len(toks), 0, -1):
        value = _eval_tokens(toks[:k])
        if value is not None:
            toks = toks[:k]
            break
    if value is None:
        return None
    end = toks[-1][2]
    kinds = {k for k, _, _ in toks}
    has_unit = bool(kinds & {"u", "W", "Y"})
    big = bool(kinds & {"W", "Y"})
    bare = kinds <= {"u", "W", "Y"} and t[i] not in "十拾"
    mult = _trailing_mult(toks)
    qual = None
    hi = None
    if bare:
        # 亿元 / 千万美元 / 百亿: an order of magnitude, not an exact figure.
        # 千元/百元 alone are too ambiguous (每千元, 百元店) to be amounts.
        if not big:
            return None
        qual = "approx"

    nxt = t[end] if end < len(t) else "\0"  # "" would be "in" every string
    if nxt in "余多" and not t.startswith("多元化", end):
        # "300余亿" "1000多万" "1亿多元": the written figure is a lower bound.
        m2 = _UNITRUN_RE.match(t, end + 1)
        if m2:
            c2 = _chain_value(m2.group())
            if c2 is None:
                return None
            value *= c2
            end = m2.end()
            has_unit = True
            big = big or "万" in m2.group() or "亿" in m2.group()
            mult = c2
        else:
            end += 1
        qual = "at_least"
    elif nxt in "几数" and toks[-1][0] == "u" and toks[-1][1] == 10 and not bare:
        # "十几亿" -> 10亿..20亿, "二十几万" -> 20万..30万: bounds, like 数亿 -> 1亿..10亿
        m2 = _UNITRUN_RE.match(t, end + 1)
        c2 = Decimal(1)
        e2 = end + 1
        if m2:
            c2 = _chain_value(m2.group())
            if c2 is None:
                return None
            e2 = m2.end()
            big = big or "万" in m2.group() or "亿" in m2.group()
        lo, hi = value * c2, (value + 10) * c2
        return _Q(i, e2, lo, hi, "range", True, c2, big, False)
    elif kinds == {"n"}:
        # Pure Arabic number: an English scale word may follow ("$50M", "1.2 billion").
        sm = _SCALE_RE.match(t, end)
        if sm:
            word = (sm.group("w") or sm.group("l")).lower()
            scale = Decimal(_SCALES[word])
            value *= scale
            end = sm.end()
            has_unit = big = True
            mult = scale
    if value > _MAX_VALUE:
        return None
    return _Q(i, end, value, hi, qual, has_unit, mult, big, bare)


# --------------------------------------------------------------------------
# Expression parser
# --------------------------------------------------------------------------

@dataclass
class _R:
    end: int
    lo: Decimal
    hi: Decimal | None
    currency: str | None
    qualifier: str
    cny_stated: Decimal | None
    big: bool


def _pre_hedge(t: str, i: int):
    m = _PRE_HEDGE_RE.match(t, i)
    if not m:
        return None
    w = m.group()
    if len(w) == 1 and i > 0 and t[i - 1] in _HEDGE_BLOCKERS.get(w, ()):
        return None
    return w, m.end()


def _prefix_currency(t: str, i: int):
    m = _PREFIX_RE.match(t, i)
    if not m:
        return None
    return _currency_of(m), _SPACES_RE.match(t, m.end()).end()


def _suffix_currency(t: str, i: int):
    m = _SUFFIX_RE.match(t, i)
    if not m:
        return None
    return _currency_of(m), m.end()


def _parse_at(t: str, i: int, need_currency: bool, allow_conv: bool = True) -> _R | None:
    pos = i
    quals: list[str] = []
    hedge_word = None
    cur = None

    h = _pre_hedge(t, pos)
    if h:
        hedge_word, pos = h
        quals.append(_PRE_HEDGES[hedge_word])
    pc = _prefix_currency(t, pos)
    if pc:
        cur, pos = pc
        if h is None:  # "人民币约10亿元"
            h = _pre_hedge(t, pos)
            if h:
                hedge_word, pos = h
                quals.append(_PRE_HEDGES[hedge_word])

    q1 = _quantity(t, pos)
    if q1 is None:
        return None
    if hedge_word == "上" and not q1.bare:
        return None  # 上 hedges only a bare unit: 上亿, 上千万
    if q1.bare and q1.start == i and i > 0:
        if t[i - 1] in _BARE_BLOCK_BEFORE or t[max(0, i - 3):i].rstrip(":： ").endswith("单位"):
            return None
    if q1.bare and _BARE_BLOCK_AFTER.match(t, q1.end):
        return None
    if q1.qual:
        quals.append(q1.qual)
    pos = q1.end
    big = q1.big
    lo, hi = q1.lo, q1.hi
    sc = _suffix_currency(t, pos)
    if sc:
        if cur is None or sc[0] != "CNY":  # "港币1亿元": the specific prefix wins over 元
            cur = sc[0]
        pos = sc[1]

    # ---- range: "1-2亿元", "7500万-8000万美元", "数亿至数十亿元"
    sep = _SEP_RE.match(t, pos)
    if sep:
        word_sep = sep.group().strip() in ("至", "到")
        from_to = word_sep and i > 0 and t[i - 1] in "从由"   # 从A到B is a change, not a range
        if not from_to:
            p2 = sep.end()
            pc2 = _prefix_currency(t, p2)
            if pc2:
                p2 = pc2[1]
            q2 = _quantity(t, p2)
            if q2 is not None and (q2.has_unit or not q1.has_unit):
                p3 = q2.end
                cur2 = pc2[0] if pc2 else None
                sc2 = _suffix_currency(t, p3)
                if sc2:
                    cur2 = sc2[0] if cur2 is None or sc2[0] != "CNY" else cur2
                    p3 = sc2[1]
                if cur is None or cur2 is None or cur == cur2:
                    a = q1.lo
                    if not q1.has_unit and q2.mult is not None:
                        a = a * q2.mult  # "1-2亿": the first number borrows 亿
                    b = q2.hi if q2.hi is not None else q2.lo
                    if a > b:
                        a, b = b, a
                    if b <= _MAX_VALUE:
                        lo, hi = a, b
                        cur = cur or cur2
                        big = big or q2.big
                        pos = p3
                        quals = [q for q in quals if q != "approx"] + ["range"]

    # ---- post hedge
    ph = _POST_HEDGE_RE.match(t, pos)
    if ph:
        q = _POST_HEDGES[ph.group()]
        if q:
            quals.append(q)
            pos = ph.end()
        elif hi is not None:
            pos = ph.end()

    # ---- conversion "(约合人民币9180亿元)": one amount, the CNY figure kept aside
    cny_stated = None
    conv_cur = None
    if allow_conv:
        op = _CONV_OPEN_RE.match(t, pos)
        if op:
            inner = _parse_at(t, op.end(), need_currency=True, allow_conv=False)
            if inner is not None:
                cl = _CONV_CLOSE_RE.match(t, inner.end)
                if cl:
                    conv_cur = inner.currency
                    if inner.currency == "CNY":
                        cny_stated = inner.lo
                    elif cur == "CNY":
                        cny_stated = lo  # "5亿元（约合7000万美元）": the CNY figure is the main one
                    pos = cl.end()

    if cur is None:
        if need_currency and conv_cur is None:
            return None
        if not need_currency and not big and conv_cur is None:
            return None  # "1500", "297起": a bare number is not an amount

    if hi is not None:
        qual = "range"
    else:
        firm = [q for q in quals if q in ("at_least", "at_most")]
        if firm:
            qual = firm[0]
        elif "approx" in quals:
            qual = "approx"
        else:
            qual = "exact"
    return _R(pos, lo, hi, cur, qual, cny_stated, big)


def _start_chars() -> frozenset:
    chars = set("0123456789数几") | _CN_NUM_CH
    for words in (_PRE_HEDGES, _CN_CURRENCY, _CODES, _SYMBOLS):
        chars.update(w[0] for w in words)
    chars.update(c.lower() for c in "".join(_CODES))
    return frozenset(chars)


_START = _start_chars()
_START_RE = re.compile("[" + "".join(re.escape(c) for c in sorted(_START)) + "]")
# Every amount find_amounts reports has a currency, written at or after its start: the first
# character of each currency word, to find the last place one can begin.
_CURRENCY_FIRST = frozenset(w[0] for words in (_CN_CURRENCY, _CODES, _SYMBOLS) for w in words)
_CURRENCY_FIRST_RE = re.compile("[" + "".join(re.escape(c) for c in sorted(_CURRENCY_FIRST)) + "]")
_THOUSANDS_TAIL_RE = re.compile(r"[0-9]{3}(?![0-9])")


def _last_currency(t: str) -> int:
    """Start of the last currency word in ``t`` (-1 when none): no amount starts after it."""
    last = -1
    for m in _CURRENCY_FIRST_RE.finditer(t):
        j = m.start()
        if _PREFIX_RE.match(t, j) or _SUFFIX_RE.match(t, j):
            last = j
    return last


def _bad_start(t: str, i: int) -> bool:
    """Never start inside a number that an earlier position already covered."""
    c = t[i]
    p = t[i - 1] if i > 0 else "\0"
    if c.isascii() and c.isdigit():
        if p.isascii() and p.isdigit():
            return True
        if p in ".," and i > 1 and t[i - 2].isascii() and t[i - 2].isdigit():
            # "12.5" / "1,855": the tail is not a number of its own
            return p == "." or _THOUSANDS_TAIL_RE.match(t[i:i + 4]) is not None
        return False
    if c in _CN_NUM_CH and (p in _CN_NUM_CH or p == "点" or (p.isascii() and p.isdigit())):
        return True  # "…1亿元" whose number was rejected must not leave a bare "亿元"
    if c.isascii() and c.isalpha() and p.isascii() and p.isalpha():
        return True
    return False


def _to_money(s: str, i: int, r: _R) -> Money:
    return Money(
        start=i, end=r.end, value=_norm(r.lo),
        value_max=None if r.hi is None else _norm(r.hi),
        currency=r.currency, qualifier=r.qualifier, text=s[i:r.end],
        cny_stated=None if r.cny_stated is None else _norm(r.cny_stated),
    )


def find_amounts(s: str) -> list[Money]:
    """Every money expression in ``s``, left to right, non-overlapping."""
    if not isinstance(s, str) or not s:
        return []
    t = _fold(s)
    out: list[Money] = []
    # an amount needs a currency at or after its start (prefix, suffix, range end or bracketed
    # conversion): positions after the last currency word cannot start one
    n = _last_currency(t) + 1
    i = 0
    with localcontext() as ctx:
        ctx.prec = 60
        while i < n:
            if t[i] not in _START:
                m = _START_RE.search(t, i, n)
                if m is None:
                    break
                i = m.start()
            if _bad_start(t, i):
                i += 1
                continue
            try:
                r = _parse_at(t, i, need_currency=True)
            except (InvalidOperation, ValueError, ArithmeticError):
                r = None  # never let one odd token stop a whole document
            if r is not None and r.end > i:
                out.append(_to_money(s, i, r))
                i = r.end
            else:
                i += 1
    return out


def parse_money(expr: str) -> Money | None:
    """One expression (the whole string, trimmed) -> Money, else None.

    Unlike find_amounts, a number with 万/亿 but no currency ("10亿") is
    accepted with currency None: the caller has already isolated an amount.
    """
    if not isinstance(expr, str):
        return None
    t = _fold(expr)
    stripped = t.strip()
    if not stripped:
        return None
    lead = len(t) - len(t.lstrip())
    trail = len(t.rstrip())
    t = t[:trail]
    try:
        with localcontext() as ctx:
            ctx.prec = 60
            r = _parse_at(t, lead, need_currency=False)
            if r is None or r.end != trail:
                return None
            return _to_money(expr, lead, r)
    except (InvalidOperation, ValueError, ArithmeticError):
        return None
