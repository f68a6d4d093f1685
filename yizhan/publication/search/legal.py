"""Legal features read from judgment text: charges (罪名), cited articles (第X条) and the
sentence (刑罚), used to explain similarity and to detect divergent outcomes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import normalize

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def cn_number(s: str) -> int | None:
    """一百三十三 -> 133, 十五 -> 15, 133 -> 133; None when not a number."""
    if s.isdigit():
        return int(s)
    total, cur = 0, 0
    for ch in s:
        if ch in _CN_DIGITS:
            cur = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (cur or 1) * _CN_UNITS[ch]
            cur = 0
        else:
            return None
    return total + cur


# 犯盗窃罪 / 构成盗窃罪 / 以盗窃罪追究; a charge name is 2-16 CJK characters ending in 罪.
_CHARGE = re.compile(
    r"(?:犯|构成|涉嫌|以)([\u4e00-\u9fff]{2,20}?罪(?:[、和及][\u4e00-\u9fff]{2,20}?罪)*)"
)
_CHARGE_NOISE = ("数罪", "本罪", "此罪", "该罪", "无罪", "犯罪", "重罪", "轻罪", "新罪", "有罪")


def _split_charges(raw: str) -> list[str]:
    parts = [p for p in re.split("[、和及]", raw) if p]
    out = []
    for p in parts:
        if not p.endswith("罪"):
            p += "罪"
        if len(p) >= 3 and p not in _CHARGE_NOISE:
            out.append(p)
    return out


def charges(text: str) -> list[str]:
    """Charge names in order of first mention: 犯盗窃罪、诈骗罪 -> [盗窃罪, 诈骗罪]."""
    seen: dict[str, None] = {}
    for m in _CHARGE.finditer(text or ""):
        for c in _split_charges(m.group(1)):
            seen.setdefault(c, None)
    return list(seen)


def normalize_charge(name: str) -> str:
    n = normalize(name).strip().strip("[]「」\"'")
    return n if n.endswith("罪") else n + "罪"


_ARTICLE = re.compile(
    r"(《[^《》]{2,40}》)?第([零〇一二两三四五六七八九十百千\d]+)条(之[一二三四五六七八九十]+)?"
)


def articles(text: str) -> list[str]:
    """Cited articles, normalised to 《law》第N条 (law name carried over from the last one named,
    刑法 by default):
    《中华人民共和国刑法》第二百六十四条、第六十七条 -> [刑法第264条, 刑法第67条]."""
    law = "刑法"
    seen: dict[str, None] = {}
    for m in _ARTICLE.finditer(text or ""):
        if m.group(1):
            law = m.group(1)[1:-1].removeprefix("中华人民共和国")
        n = cn_number(m.group(2))
        if n is None or n == 0:
            continue
        seen.setdefault(f"{law}第{n}条{m.group(3) or ''}", None)
    return list(seen)


@dataclass(frozen=True)
class Sentence:
    """The principal penalty of a criminal judgment; months of imprisonment where it applies
    (life imprisonment and death are ranked above any fixed term)."""

    kind: (
        str  # death | life | fixed | detention | control | fine_only | exempt | acquitted | unknown
    )
    months: float | None = None
    probation: bool = False

    @property
    def severity(self) -> float:
        """One comparable figure: months of deprivation of liberty (life 300, death 400)."""
        return {"death": 400.0, "life": 300.0}.get(self.kind, self.months or 0.0)


_TERM = r"([零〇一二两三四五六七八九十\d]+年)?([零〇一二两三四五六七八九十\d]+个?月)?"
_FIXED = re.compile("有期徒刑" + _TERM)
_DETENTION = re.compile("拘役" + _TERM)
_CONTROL = re.compile("管制" + _TERM)


def _months(m: re.Match[str]) -> float | None:
    y, mo = m.group(1), m.group(2)
    if not y and not mo:
        return None
    years = cn_number(y[:-1]) if y else 0
    months = cn_number(mo.rstrip("月").rstrip("个")) if mo else 0
    if years is None or months is None:
        return None
    return float(years * 12 + months)


def sentence(text: str) -> Sentence:
    """Reads the principal penalty from the judgment part (判决结果) or a full text."""
    t = text or ""
    if "判处死刑" in t or ("死刑，" in t and "死刑缓期" not in t):
        return Sentence("death")
    if "死刑缓期" in t or "无期徒刑" in t:
        return Sentence("life")
    probation = "缓刑" in t
    for kind, rx in (("fixed", _FIXED), ("detention", _DETENTION), ("control", _CONTROL)):
        for m in rx.finditer(t):
            months = _months(m)
            if months is not None:
                return Sentence(kind, months, probation)
    if "免予刑事处罚" in t:
        return Sentence("exempt", 0.0)
    if "宣告无罪" in t or ("无罪" in t and "判决" in t and "犯" not in t):
        return Sentence("acquitted", 0.0)
    if "罚金" in t:
        return Sentence("fine_only", 0.0)
    return Sentence("unknown")
