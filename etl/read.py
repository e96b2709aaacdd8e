"""READ stage: raw report bytes -> cleaned text, match text, paragraphs, sentences.

Everything here is pure (no database, no I/O).  The stored text defined here is
what evidence offsets index, so every transformation is deterministic and
``clean`` is idempotent: re-reading stored text gives the same document.
"""
from __future__ import annotations

import codecs
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

__all__ = [
    "ReadError", "Paragraph", "Sentence", "Document",
    "decode", "clean", "detect_script", "to_match_text", "split",
    "read_bytes", "read_text", "MAX_SENTENCE",
]

MAX_SENTENCE = 400


class ReadError(Exception):
    """A document that cannot be turned into text; str(e) is a one-line reason."""

    stage = "read"

    def __init__(self, reason: str):
        # one line, so it fits a run-report row
        super().__init__(" ".join(str(reason).split()))


@dataclass
class Paragraph:
    start: int
    end: int
    heading: str | None = None


@dataclass
class Sentence:
    start: int
    end: int
    paragraph: int


@dataclass
class Document:
    text: str
    match_text: str
    script: str
    encoding: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------
# decode
# ---------------------------------------------------------------------------

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document"),
    (b"\x7fELF", "ELF executable"),
    (b"SQLite format 3\x00", "SQLite database"),
)

_CJK_CHAR = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{_CJK_CHAR}]")
# control characters that never occur in real text (tab/newlines/FF excluded)
_BINARY_CTRL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")
# characters a mis-chosen CJK codec typically produces (kana, Greek, Cyrillic,
# box drawing, private use, compatibility forms): a mojibake signal
_WEIRD = re.compile(r"[\u0370-\u04ff\u2500-\u257f\u3040-\u30fa\u30fc-\u30ff\ue000-\uf8ff\ufe30-\ufe4f]")
# UTF-16 without BOM: the high bytes of ASCII (00), CJK (4E-9F, 34-4D),
# CJK punctuation (30) and full-width forms (FF) dominate one byte lane
_UTF16_HIGH = bytes([0x00, 0x20, 0x30, 0xFF, *range(0x34, 0x4E), *range(0x4E, 0xA0)])

_common_cjk_table: dict[int, None] | None = None


def _common_cjk() -> dict[int, None]:
    """GB2312 level-1 hanzi plus their traditional forms, as a translate()
    deletion table: counting survivors is a C-speed 'how common is this text'."""
    global _common_cjk_table
    if _common_cjk_table is None:
        simp = bytes(b for lead in range(0xB0, 0xD8) for t in range(0xA1, 0xFF) for b in (lead, t))
        chars = simp.decode("gb2312", errors="ignore")
        trad = _t2s_s2t("s2t", set(chars))
        allc = set(chars) | {trad[c] for c in chars if len(trad.get(c, "")) == 1}
        _common_cjk_table = {ord(c): None for c in allc}
    return _common_cjk_table


def _commonness(text: str) -> float:
    """Share of CJK characters that are everyday hanzi; mojibake scores low."""
    sample = "".join(_CJK_RE.findall(text))
    if not sample:
        return 0.0
    common = len(sample) - len(sample.translate(_common_cjk()))
    return common / (len(sample) + len(_WEIRD.findall(text)))


def _magic(raw: bytes) -> str | None:
    for sig, kind in _MAGIC:
        if raw.startswith(sig):
            return kind
    if raw[:4] == b"RIFF" and raw[8:12] == b"WEBP":
        return "WebP image"
    if raw[4:8] == b"ftyp":
        return "MP4/MOV media"
    return None


def _check_text(text: str, encoding: str) -> tuple[str, str]:
    if not text.strip():
        raise ReadError("empty file")
    bad = len(_BINARY_CTRL.findall(text))
    if bad > max(2, len(text) // 20):
        raise ReadError("not text: binary content (control characters)")
    return text, encoding


def _utf16_lane(raw: bytes) -> str | None:
    """Guess BOM-less UTF-16 byte order from which lane carries high bytes."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    even, odd = raw[0::2], raw[1::2]
    n = len(odd)
    # survivors of translate(delete=...) are bytes NOT typical of a high byte
    odd_hi = n - len(odd.translate(None, _UTF16_HIGH))
    even_hi = n - len(even.translate(None, _UTF16_HIGH))
    if odd_hi >= 0.9 * n and even_hi < 0.9 * n or (odd.count(0) > even.count(0) * 4 and odd.count(0)):
        return "utf-16-le"
    if even_hi >= 0.9 * n and odd_hi < 0.9 * n or (even.count(0) > odd.count(0) * 4 and even.count(0)):
        return "utf-16-be"
    return None


def _strict(raw: bytes, enc: str) -> str | None:
    try:
        return raw.decode(enc)
    except (UnicodeDecodeError, LookupError):
        return None


def decode(raw: bytes) -> tuple[str, str]:
    """Bytes -> (text, encoding).  UTF-8 fast path, then BOMs, UTF-16 by byte
    pattern, then GB18030/Big5 (charset-normalizer arbitrates ambiguity)."""
    raw = bytes(raw)
    if not raw.strip(b" \t\r\n\x0b\x0c"):
        raise ReadError("empty file")
    kind = _magic(raw)
    if kind:
        raise ReadError(f"not text: binary content ({kind})")

    if raw.startswith(codecs.BOM_UTF8):
        text = _strict(raw, "utf-8-sig")
        if text is not None:
            return _check_text(text, "utf-8-sig")
    has_nul = b"\x00" in raw
    if not has_nul:
        text = _strict(raw, "utf-8")
        if text is not None:
            if not text.isascii() and not _CJK_RE.search(text) and len(text) < 200:
                # some short GBK/Big5 strings are valid UTF-8 ("中文" in GBK reads
                # as two Hebrew/Greek letters); prefer a CJK codec that reads naturally
                for enc in ("gb18030", "big5"):
                    alt = _strict(raw, enc)
                    if alt and _CJK_RE.search(alt) and _commonness(alt) >= 0.9:
                        return _check_text(alt, enc)
            return _check_text(text, "utf-8")

    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            text = _strict(raw, enc)
            if text is not None:
                return _check_text(text, enc)

    lane = _utf16_lane(raw)
    if lane:
        text = _strict(raw, lane)
        # any byte pair is some hanzi, so demand everyday hanzi (or ASCII)
        if text is not None and not _BINARY_CTRL.search(text):
            if _CJK_RE.search(text):
                ok = _commonness(text) >= 0.8
            else:
                head = text[:2000]
                ok = len(head.encode("ascii", "ignore")) >= 0.9 * len(head)
            if ok:
                return _check_text(text, "utf-16")
    if has_nul:
        raise ReadError("not text: binary content (NUL bytes)")

    # UTF-8 with a few damaged bytes (truncated file, one bad byte) is still
    # UTF-8; decoding it as GB18030 would turn the whole file into mojibake
    lossy = raw.decode("utf-8", errors="replace")
    n_bad = lossy.count("\ufffd")
    if n_bad <= max(1, len(lossy) // 500) and _CJK_RE.search(lossy) and n_bad < len(lossy) // 4:
        return _check_text(lossy, "utf-8")

    cands: dict[str, str] = {}
    gb = _strict(raw, "gb18030")
    if gb is not None:
        cands["gb18030"] = gb
    for enc in ("big5", "cp950", "big5hkscs"):
        b5 = _strict(raw, enc)
        if b5 is not None:
            cands[enc] = b5
            break
    # keep only plausible Chinese decodings
    cands = {e: t for e, t in cands.items() if _CJK_RE.search(t) and not _BINARY_CTRL.search(t)}
    if not cands:
        raise ReadError("undecodable: not UTF-8, UTF-16, GB18030 or Big5 text")
    if len(cands) == 1:
        enc, text = next(iter(cands.items()))
        if _commonness(text) < 0.5:
            raise ReadError("not text: binary content (no readable Chinese)")
        return _check_text(text, enc)

    scores = {e: _commonness(t) for e, t in cands.items()}
    pick = None
    try:
        from charset_normalizer import from_bytes
        best = from_bytes(raw, cp_isolation=["gb18030", "gbk", "gb2312", "big5", "cp950", "big5hkscs"]).best()
        if best is not None:
            is_gb = best.encoding.startswith("gb")  # gbk/gb2312 verdicts -> gb18030
            pick = next((e for e in cands if e.startswith("gb") == is_gb), None)
    except Exception:  # a detector failure must not lose a decodable file
        pick = None
    best_score = max(scores.values())
    # short texts often get no verdict; and a verdict whose text is clearly
    # less idiomatic than the alternative is overruled
    if pick is None or scores[pick] < best_score - 0.15:
        # ties go to gb18030: mainland reports dominate the corpus
        pick = max(cands, key=lambda e: (scores[e], e == "gb18030"))
    if scores[pick] < 0.5:
        raise ReadError("not text: binary content (no readable Chinese)")
    return _check_text(cands[pick], pick)


# ---------------------------------------------------------------------------
# clean
# ---------------------------------------------------------------------------

_LINEBREAKS = re.compile(r"\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# invisible junk; surrogates and NUL cannot be stored in PostgreSQL text
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\u200b\u2060\ufeff\ud800-\udfff]")
_TRAILING_WS = re.compile(r"[^\S\n]+$", re.M)
_BLANKS = re.compile(r"\n{3,}")

_HTML_DOC = re.compile(r"<(?:!doctype\s+html|html|body|head)\b", re.I)
_HTML_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|li|ul|ol|h[1-6]|table|tr|td|th|section|article|blockquote|span|img|a|strong|em|figure)\b[^<>]*>",
    re.I,
)

_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_CAPTION_LINE = re.compile(r"^[^\S\n]*(?:图片|圖片)[^\S\n]*\[\d+\](?:[-–—－:：][^\n]*|[^\S\n][^\n]*)?(?:\n|\Z)", re.M)
_URL_LINE = re.compile(r"^[^\S\n]*<?[^\S\n]*(?:https?://|www\.)\S*[^\S\n]*(?:\n|\Z)", re.M | re.I)
_SOURCE_LINK_LINE = re.compile(
    r"^[^\S\n]*[<【\[]?[^\S\n]*(?:原文链接|原文鏈接|原文連結|原文地址|阅读原文|閱讀原文)"
    r"(?:(?:[:：<>】\]]|[^\S\n])[^\n]*)?(?:\n|\Z)", re.M)
_DISCLAIMER_LINE = re.compile(
    r"^[^\S\n]*[【\[]?[^\S\n]*(?:(?:特别声明|特別聲明)[^\n]*"
    r"|(?:免责声明|免責聲明)[】\]]?[^\S\n]*[:：][^\n]+"
    r"|Notice[^\S\n]*[:：][^\S\n]*The content above\b[^\n]*)(?:\n|\Z)",
    re.M | re.I,
)
# comment-box / share-bar vocabulary: a short line made only of these words,
# counters and punctuation is platform UI, not article text
_UI_WORDS = sorted({
    "点赞", "點贊", "點讚", "赞", "讚", "分享", "转发", "轉發", "评论", "評論", "留言", "收藏",
    "登录", "登錄", "登入", "注册", "註冊", "举报", "舉報", "返回搜狐", "查看更多", "阅读原文",
    "閱讀原文", "阅读", "閱讀", "在看", "关注", "關注", "打赏", "打賞", "喜欢", "喜歡", "抢沙发",
    "搶沙發", "沙发", "沙發", "暂无评论内容", "暫無評論內容", "暂无评论", "暫無評論",
    "请登录后发表评论", "請登錄後發表評論", "请登錄後發表評論", "发表评论", "發表評論", "写评论",
    "寫評論", "全部评论", "全部評論", "热门评论", "熱門評論", "回复", "回覆", "回復", "复制链接",
    "複製鏈接", "複製連結", "微信扫一扫", "微信掃一掃", "扫一扫", "掃一掃", "扫码", "掃碼",
    "二维码", "二維碼", "版权声明", "版權聲明", "喜欢就支持一下吧", "喜歡就支持一下吧",
    "支持一下", "上一篇", "下一篇", "相关推荐", "相關推薦", "推荐阅读", "推薦閱讀", "猜你喜欢",
    "猜你喜歡", "举报/反馈", "反馈", "反饋", "the end", "end", "share", "like", "comment",
    "comments", "reply", "login",
}, key=len, reverse=True)
_UI_WORD = re.compile("|".join(map(re.escape, _UI_WORDS)), re.I)
_UI_FILLER = re.compile(r"[\s\d.,，。:：;；!！?？|｜/·•・©®+\-—_()（）\[\]【】<>《》\"'“”万萬千kKwW]*")
_UI_CANDIDATE = re.compile(r"^[^\S\n]*(\S[^\n]{0,29})(?:\n|\Z)", re.M)
_EDITOR_LINE = re.compile(r"^[^\S\n]*[（(]?(?:责任编辑|責任編輯)[^\S\n]*[:：/][^\n]{0,20}(?:\n|\Z)", re.M)

# stray '?' left where a non-ASCII space was mis-encoded (see _fix_stray_qmarks)
_LONE_Q = re.compile(r"(?<![?？!！])\?(?![?？!！])")
_CLAUSE_TAIL = re.compile(r"[^。！？!?；;，,\n]*$")
_INTERROGATIVE = re.compile(r"[吗嗎呢吧么麼哪谁誰何怎啥几幾否咋岂豈]|多少|难道|難道")


class _HTMLText(HTMLParser):
    """HTML -> plain text: block elements become line breaks, chrome dropped."""

    SKIP = frozenset({"script", "style", "nav", "footer", "head", "noscript", "template", "iframe",
            "svg", "aside", "form", "button", "select"})
    BLOCK = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
             "table", "section", "article", "header", "blockquote", "pre", "hr", "dd", "dt",
             "dl", "figure", "figcaption", "main", "caption", "tbody", "thead", "center"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0
        self.pre = 0
        self.in_title = False
        self.title: list[str] = []
        self.saw_h1 = False

    def handle_starttag(self, tag, attrs):
        if tag == "body" and self.skip:
            self.skip = 0  # an unclosed <head> must not swallow the body
        if tag in self.SKIP:
            self.skip += 1
            return
        if tag == "title":
            self.in_title = True
        if tag == "h1" and not self.skip:
            self.saw_h1 = True
        if tag == "pre":
            self.pre += 1
        if tag in ("td", "th"):
            self.out.append("\t")
        elif tag in self.BLOCK:
            self.out.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in self.BLOCK and not self.skip:
            self.out.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag == "title":
            self.in_title = False
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
        if tag in self.BLOCK and not self.skip:
            self.out.append("\n")

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        if self.skip:
            return
        # source whitespace is insignificant in HTML (except <pre>)
        self.out.append(data if self.pre else re.sub(r"\s+", " ", data))


def _html_to_text(text: str) -> str:
    p = _HTMLText()
    p.feed(text)
    p.close()
    body = "".join(p.out)
    title = " ".join("".join(p.title).split())
    if title and not p.saw_h1:
        # <head> is dropped, but a page without <h1> would lose its title
        body = title + "\n" + body
    # blank lines here are tag artefacts, not author spacing
    return "\n".join(filter(None, (line.strip() for line in body.split("\n"))))


def _is_html(text: str) -> bool:
    if _HTML_DOC.search(text):
        return True
    n = 0
    for _ in _HTML_BLOCK_TAG.finditer(text):
        n += 1
        if n >= 2:  # a single literal "<br>" in prose is not a page
            return True
    return False


def _stray_q(text: str, i: int) -> bool:
    prev = text[i - 1] if i else "\n"
    nxt = text[i + 1] if i + 1 < len(text) else "\n"
    if not nxt.isspace() and not text[text.rfind("\n", 0, i) + 1:i].strip():
        return True  # '?' opening a line ('?AI產業:…') is never a question mark
    if prev in "。，、；：":
        return True  # nor is one right after a full stop or comma ('。?而這')
    if prev in ",;:":
        return nxt == "\n" or nxt.isdecimal() or bool(_CJK_RE.match(nxt))
    if ((prev == "%" or _CJK_RE.match(prev)) and (nxt.isdecimal() or nxt in "，,、；;")) or (
            prev.isdecimal() and _CJK_RE.match(nxt)):
        clause = _CLAUSE_TAIL.search(text, max(0, i - 80), i).group()
        return not _INTERROGATIVE.search(clause)
    return False


def _fix_stray_qmarks(text: str) -> tuple[str, int]:
    """Drop '?' that stand for mis-encoded spaces (e.g. 总量为?3278.4亿元?,).

    Only a lone '?' (no neighbouring ?!？！) is touched, and only where a real
    question mark cannot be:
      * at the start of a line (before text);
      * right after 。，、；： (or after ,;: when CJK/digit/line end follows);
      * between CJK/% and a digit or comma-like mark, or between a digit and
        CJK -- and then only if the clause before it has no interrogative word
        (吗呢哪谁何怎啥几否多少…), so '多少?2024年' stays a question.
    A '?' between two hanzi ('领跑?哪些') or ending a line is always kept.
    """
    total = 0
    while "?" in text:
        drop = [m.start() for m in _LONE_Q.finditer(text) if _stray_q(text, m.start())]
        if not drop:
            break
        total += len(drop)
        bounds = [-1, *drop, len(text)]
        text = "".join(text[a + 1:b] for a, b in zip(bounds, bounds[1:], strict=False))
    return text, total


def _ui_line(m: re.Match) -> str:
    line = m.group(1).rstrip()
    if not _UI_WORD.search(line):
        return m.group(0)
    rest = _UI_FILLER.sub("", _UI_WORD.sub("", line))
    return "" if not rest else m.group(0)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def clean(text: str) -> tuple[str, list[str]]:
    """Strip markup and platform junk; returns (stored text, removal notes)."""
    removed: list[str] = []
    if _is_html(text):
        text = _html_to_text(text)
        removed.append("html")
    text = _LINEBREAKS.sub("\n", text)
    text, n = _CONTROL.subn("", text)
    if n:
        removed.append("control characters")

    text, n = _MD_IMAGE.subn("", text)
    if n:
        removed.append(_plural(n, "markdown image"))
    text = _TRAILING_WS.sub("", text)

    text, n = _fix_stray_qmarks(text)
    if n:
        removed.append(f"{n} stray '?'")

    text, n = _CAPTION_LINE.subn("", text)
    if n:
        removed.append(_plural(n, "image caption"))
    text, n1 = _URL_LINE.subn("", text)
    text, n2 = _SOURCE_LINK_LINE.subn("", text)
    if n1 + n2:
        removed.append(_plural(n1 + n2, "link line"))
    text, n = _DISCLAIMER_LINE.subn("", text)
    if n:
        removed.append("disclaimer")
    before = len(text)
    text = _EDITOR_LINE.sub("", text)
    text = _UI_CANDIDATE.sub(_ui_line, text)
    if len(text) != before:
        removed.append("comment-box")

    text = _BLANKS.sub("\n\n", text)
    text = text.strip("\n")
    return text, removed


# ---------------------------------------------------------------------------
# script and match text
# ---------------------------------------------------------------------------

_converters: dict[str, object] = {}
_char_cache: dict[str, dict[str, str]] = {"t2s": {}, "s2t": {}}


def _converter(config: str):
    conv = _converters.get(config)
    if conv is None:
        import opencc  # imported lazily: loading dictionaries costs ~50 ms
        conv = _converters[config] = opencc.OpenCC(config)
    return conv


def _t2s_s2t(config: str, chars) -> dict[str, str]:
    """Per-character conversions (cached); one OpenCC call for all new chars,
    newline-separated so no phrase rule can span two characters."""
    cache = _char_cache[config]
    new = [c for c in chars if c not in cache and not c.isascii() and not "\ud800" <= c <= "\udfff"]
    if new:
        out = _converter(config).convert("\n".join(new)).split("\n")
        if len(out) == len(new):
            cache.update(zip(new, out, strict=True))
        else:  # a separator was eaten: fall back to one call per char
            for c in new:
                cache[c] = _converter(config).convert(c)
    return cache


_FOLD = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)}
_FOLD[0x3000] = 0x20


def to_match_text(text: str) -> str:
    """Same-length simplified, half-width copy of ``text`` for pattern matching."""
    if not text:
        return text
    out = None
    if not text.isascii():
        try:
            conv = _converter("t2s").convert(text)
            if len(conv) == len(text):
                out = conv
        except UnicodeError:  # lone surrogates: per-char path skips them
            pass
        if out is None:
            uniq = set(text)
            cache = _t2s_s2t("t2s", uniq)
            table = {}
            for c in uniq:  # per distinct char, not per char of text
                v = cache.get(c, c)
                if len(v) == 1 and v != c:
                    table[ord(c)] = v
            out = text.translate(table)
    else:
        out = text
    return out.translate(_FOLD)


def detect_script(text: str) -> str:
    """'hant' when traditional-only characters clearly outnumber simplified-only ones."""
    counts = Counter(_CJK_RE.findall(text))
    if not counts:
        return "hans"
    uniq = counts.keys()
    t2s = _t2s_s2t("t2s", uniq)
    s2t = _t2s_s2t("s2t", uniq)
    trad = sum(n for c, n in counts.items() if t2s.get(c, c) != c)
    simp = sum(n for c, n in counts.items() if s2t.get(c, c) != c)
    # a simplified article quoting a traditional name has trad << simp; a
    # traditional article still has a few shared forms (台, 于, 里) counted as simp
    return "hant" if trad > 0 and trad > 2 * simp else "hans"


# ---------------------------------------------------------------------------
# split
# ---------------------------------------------------------------------------

_PARA = re.compile(r"[^\n]+")
_OPEN = "（(“《「『【〔"
_CLOSE = "）)”》」』】〕"
_PAIR = dict(zip(_CLOSE, _OPEN, strict=True))
_DELIMS = "。！？!?；;"
_TOKEN = re.compile("[" + re.escape(_DELIMS) + "]+|[" + re.escape(_OPEN + _CLOSE) + "]")
_ASCII_WORDISH = re.compile(r"[A-Za-z0-9=&/%_#.\-]")
_TERMINAL = set("。！？!?")
_COMMA = re.compile(r"，|(?<!\d),|,(?!\d)")
_SOFT_BREAK = re.compile(r"[、\s]")
_NUMBER_CHARS = frozenset("0123456789.,")
_QUOTE_CLOSE = frozenset("”」』")

_NUMBERED_HEADING = re.compile(
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})$"
    r"|(?:第[一二三四五六七八九十百\d]{1,3}[章节節部分篇]"
    r"|[一二三四五六七八九十]{1,3}[、.．]"
    r"|[（(][一二三四五六七八九十\d]{1,3}[)）]"
    r"|\d{1,2}(?:[)）、]|[.．](?!\d)|[.．](?=(?:19|20)\d\d年)|[^\S\n]+))\s*\S"
)
_COLON_HEADING = re.compile(r"([^\s:：,，。；;！!？?、()（）“”\"《》]{1,12})[:：]")
_HEADING_MAX = 40


def _heading(p: str) -> str | None:
    if len(p) > _HEADING_MAX or p[-1] in "。；;！!" or "。" in p:
        return None
    if _NUMBERED_HEADING.match(p):
        return p
    m = _COLON_HEADING.match(p)
    if m and _CJK_RE.search(m.group(1)):
        return m.group(1)
    return None


def _protected(text: str, tokens: list[re.Match]) -> tuple[list[int], list[int], list[tuple[int, int]]]:
    """Matched bracket/quote pairs merged into disjoint (open, close) spans."""
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    for m in tokens:
        ch = text[m.start()]
        if ch in _OPEN and m.end() - m.start() == 1:
            stack.append((ch, m.start()))
        elif ch in _PAIR:
            want = _PAIR[ch]
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == want:
                    pairs.append((stack[k][1], m.start()))
                    del stack[k:]  # openers left inside were never closed
                    break
    pairs.sort()
    spans: list[list[int]] = []
    for o, c in pairs:
        if spans and o < spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], c)
        else:
            spans.append([o, c])
    return [s[0] for s in spans], [s[1] for s in spans], pairs


def _inside(pos: int, starts: list[int], ends: list[int]) -> bool:
    k = bisect_right(starts, pos) - 1
    return k >= 0 and starts[k] < pos < ends[k]


def _strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    seg = text[s:e]
    ls = seg.lstrip()
    if not ls:
        return s, s
    return s + len(seg) - len(ls), s + len(ls.rstrip()) + (len(seg) - len(ls))


def _chunks(text: str, s: int, e: int, starts: list[int], ends: list[int]):
    """Cut a >400-char sentence at comma boundaries (outside brackets if
    possible), else at 、/space, else hard at 400 avoiding a cut inside a number."""
    while e - s > MAX_SENTENCE:
        lim = s + MAX_SENTENCE
        cut = None
        inside_cut = None
        for m in _COMMA.finditer(text, s + 1, lim):
            if _inside(m.start(), starts, ends):
                inside_cut = m.end()
            else:
                cut = m.end()
        cut = cut or inside_cut
        if cut is None:
            for m in _SOFT_BREAK.finditer(text, s + 1, lim):
                cut = m.end()
        if cut is None:
            cut = lim
            while cut > s + MAX_SENTENCE // 2 and text[cut - 1] in _NUMBER_CHARS and text[cut] in _NUMBER_CHARS:
                cut -= 1
        a, b = _strip_span(text, s, cut)
        if b > a:
            yield a, b
        s, e = _strip_span(text, cut, e)
        if e <= s:
            return
    if e > s:
        yield s, e


def split(text: str) -> tuple[list[Paragraph], list[Sentence]]:
    """Paragraphs are non-empty lines; sentences end at 。！？!?；; outside
    brackets/quotes, never exceed 400 chars, and are verbatim slices."""
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    for pm in _PARA.finditer(text):
        ps, pe = _strip_span(text, pm.start(), pm.end())
        if pe <= ps:
            continue
        pi = len(paragraphs)
        paragraphs.append(Paragraph(ps, pe, _heading(text[ps:pe])))

        tokens = list(_TOKEN.finditer(text, ps, pe))
        starts, ends, pairs = _protected(text, tokens)
        cuts: list[int] = []
        for m in tokens:
            ch = text[m.start()]
            if ch in _DELIMS:
                if _inside(m.start(), starts, ends):
                    continue
                run = m.group()
                # '?'/'!'/';' glued between ASCII word chars is a URL or code
                if run.isascii() and m.start() > ps and m.end() < pe \
                        and _ASCII_WORDISH.match(text, m.start() - 1) and _ASCII_WORDISH.match(text, m.end()):
                    continue
                cut = m.end()
                # closers right after an outside delimiter are unmatched
                # (…做到了。” with the “ lost): keep them with this sentence
                while cut < pe and text[cut] in _CLOSE:
                    cut += 1
                cuts.append(cut)
        # a quotation whose content ends a sentence (…我们做到了。”) ends it too;
        # titles 《…。》 and asides （…。） do not
        for _o, c in pairs:
            if text[c] in _QUOTE_CLOSE and text[c - 1] in _TERMINAL and c + 1 < pe and text[c + 1] not in _DELIMS \
                    and not _inside(c, starts, ends) and not _inside(c + 1, starts, ends):
                cuts.append(c + 1)
        cuts.sort()
        prev = ps
        for cut in cuts + [pe]:
            if cut <= prev:
                continue
            a, b = _strip_span(text, prev, cut)
            prev = cut
            if b <= a:
                continue
            if b - a > MAX_SENTENCE:
                for x, y in _chunks(text, a, b, starts, ends):
                    sentences.append(Sentence(x, y, pi))
            else:
                sentences.append(Sentence(a, b, pi))
    return paragraphs, sentences


# ---------------------------------------------------------------------------
# the stage
# ---------------------------------------------------------------------------

def _build(text: str, encoding: str) -> Document:
    if not text.strip():
        raise ReadError("empty file")
    cleaned, removed = clean(text)
    if not cleaned.strip():
        raise ReadError("no text left after removing markup and platform junk")
    paragraphs, sentences = split(cleaned)
    return Document(
        text=cleaned,
        match_text=to_match_text(cleaned),
        script=detect_script(cleaned),
        encoding=encoding,
        paragraphs=paragraphs,
        sentences=sentences,
        removed=removed,
    )


def read_bytes(raw: bytes, *, max_bytes: int = 20_000_000) -> Document:
    """decode -> clean -> script -> match_text -> split."""
    if len(raw) > max_bytes:
        raise ReadError(f"file too large: {len(raw)} bytes > {max_bytes}")
    text, encoding = decode(raw)
    return _build(text, encoding)


def read_text(text: str, *, encoding: str = "utf-8") -> Document:
    """The same pipeline from an already-decoded string (e.g. stored text);
    ``encoding`` only labels the Document (pass the stored source encoding)."""
    return _build(text, encoding)
