"""Regular-expression detectors for the personal information that Art 10 of the 2016 rules
deletes: ID numbers, phone numbers, home addresses, bank accounts, vehicle plates and
property-certificate numbers; plus the never-hidden case number and bench lines.

Each detector yields :class:`Hit` objects (offsets into the original text). How a hit is
replaced is decided here too, because it depends on the surrounding sentence:

* a value that forms its own clause with its label (``，公民身份号码440802…，``) is deleted
  together with the label and one separator, so the sentence reads on naturally;
* a value embedded inside a sentence (``拨打13800138000联系``) is replaced with ``××××``
  (fixed length, so the length does not leak), because deleting it would break the sentence
  (Art 10, last paragraph);
* plates keep the province character and the issuing-office letter (``粤G×××××``) and
  certificate numbers keep their wording with the digits crossed out (``第×××号``): the
  reader still understands that a vehicle / a certificate is meant;
* an address keeps its administrative prefix down to the county/district level
  (Art 11 keeps county-level residence) and the rest is deleted; if no such prefix is found
  the whole address becomes ``×``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

CROSS = "××××"


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    replacement: str
    kind: str
    fallback: bool = False


# --- never hidden -------------------------------------------------------------------------

CASE_NUMBER = re.compile(
    r"[（(〔\[]\s*\d{4}\s*[）)〕\]](?![^号]{0,14}(?:不动产|产权|房权|国用|集用))\s*[\u4e00-\u9fff]{1,3}\d{0,4}[\u4e00-\u9fff]{1,6}\d+号"
    r"(?:之[一二三四五六七八九十\d]+)?"
)

_SP = r"[ \t\u3000]*"
_BENCH_ROLES = [
    "审判长",
    "审判员",
    "代理审判员",
    "人民陪审员",
    "陪审员",
    "法官助理",
    "书记员",
    "代理书记员",
    "执行员",
    "速录员",
    "检察员",
    "代理检察员",
    "检察官",
    "检察官助理",
]
BENCH_ROLE = (
    "(?:"
    + "|".join(
        _SP.join(re.escape(c) for c in r) for r in sorted(_BENCH_ROLES, key=len, reverse=True)
    )
    + ")"
)
# A signature line: "审 判 长  张  三" (spaces inside names are common in the typeset text).
BENCH_LINE = re.compile(
    r"(?m)^"
    + _SP
    + BENCH_ROLE
    + r"[ \t\u3000：:]*((?:[\u4e00-\u9fff·][ \t\u3000]*){2,16}?)"
    + _SP
    + "$"
)

# --- Art 10 deletions -----------------------------------------------------------------------

_DATE8 = r"(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
ID18 = re.compile(r"(?<!\d)\d{6}" + _DATE8 + r"\d{3}[\dXx](?!\d)")
ID15 = re.compile(r"(?<!\d)\d{6}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?!\d)")
# Half-masked ID numbers still identify a person with the name and birth date.
ID_PARTIAL = re.compile(r"(?<![0-9A-Za-z])\d{6,14}[*＊×xX]{3,12}\d{0,4}[\dXx]?(?![0-9A-Za-z])")
# 16–19 digits: a card or account number; longer runs too, where the courts' tables glue two
# account numbers together (6214…09136214…, 38 digits): no part of such a run is kept
LONG_DIGITS = re.compile(r"(?<!\d)\d{16,}[Xx×*＊]{0,6}(?!\d)")
GROUPED_CARD = re.compile(r"(?<![0-9A-Za-z])\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?(?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?!\d)")
LANDLINE = re.compile(
    r"(?<![0-9A-Za-z])(?:[（(]0\d{2,3}[）)]|0\d{2,3}[-－—])[ ]?\d{7,8}(?:[-－转]\d{1,5})?(?![0-9A-Za-z])"
)
LABELLED_PHONE = re.compile(
    r"(?:电话|座机|固话|联系方式|手机)(?:号码|号)?(?:为|是|：|:)?[ ]?(\d{7,12})(?![0-9A-Za-z])"
)
PLATE = re.compile(
    r"(?<![0-9A-Za-z])([京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z])"
    r"[·•]?((?=[A-HJ-NP-Z]*\d)[A-HJ-NP-Z0-9]{5,6}|(?=[A-HJ-NP-Z]*\d)[A-HJ-NP-Z0-9]{4}[挂学警港澳领])"
    r"(?![0-9A-Za-z])"
)
_CERT_LABEL = (
    r"(?:不动产权证书?|不动产登记证明|不动产证|房屋所有权证|房产证|房权证|房地产权证|土地使用权?证|"
    r"国有土地使用证|产权证|权属证书|车辆登记证书|机动车登记证书|车辆识别代号|车架号|发动机号)"
)
CERT_LABELLED = re.compile(
    _CERT_LABEL + r"(?:号码|编号|号)?(?:为|是|：|:)?[ ]?"
    r"((?:[\u4e00-\u9fff]{1,2}[（(〔\[]\d{4}[）)〕\]][\u4e00-\u9fff]{0,12}?第?)?[A-Za-z0-9\-]{4,}号?)"
)
CERT_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,2}[（(〔\[]\d{4}[）)〕\]][\u4e00-\u9fff]{1,12}?(?:不动产权|不动产证明|房权证|房产证)"
    r"[\u4e00-\u9fff]{0,4}?第?([A-Za-z0-9\-]{4,})号"
    r"|[\u4e00-\u9fff]{1,8}?(?:房权证|房产证|国用|集用)[\u4e00-\u9fff（）()〔〕\d]{0,10}?字第([A-Za-z0-9\-]{3,})号"
)
_ADDR_LABEL = (
    r"(?:(?<=[，,。；;：:（(\n\s])|^)(?:现住址|住址|现住|暂住|家住|户籍地址|户籍所在地|户籍地|户籍|"
    r"经常居住地|居住地|住)(?:在|于|：|:)?"
)
ADDRESS = re.compile(_ADDR_LABEL + r"(?![宿院处房户所])([^，。；,;（(\n\s]{3,60})")
ADMIN_PREFIX = re.compile(
    r"(?:[\u4e00-\u9fff]{2,7}?(?:省|自治区|特别行政区))?"
    r"(?:[\u4e00-\u9fff]{2,9}?(?:自治州|地区|盟|市|州))?"
    r"(?:[\u4e00-\u9fff]{1,9}?(?:自治县|县|区|旗|市))?"
)
_NOT_COUNTY = (
    "小区",
    "社区",
    "园区",
    "校区",
    "景区",
    "街区",
    "矿区",
    "厂区",
    "营区",
    "片区",
    "城区",
    "山区",
    "辖区",
    "市场",
)

_LABELS = (
    r"(?:公民身份号码|居民身份证号码|身份证号码|身份证号|身份号码|身份证|证件号码|"
    r"联系电话|电话号码|手机号码|手机号|联系方式|电话|手机|座机|"
    r"银行账号|银行卡号|银行账户|账号|帐号|卡号|账户|帐户|尾号)(?:为|是|：|:)?[ ]?$"
)
_LABEL_BEFORE = re.compile(_LABELS)
_CLAUSE_START = set("，,；;。：:（(、\n") | {""}
_CLAUSE_END = set("，,；;。）)、\n") | {""}


def _clause_or_cross(text: str, start: int, end: int, kind: str) -> Iterator[Hit]:
    """Delete the labelled value with its label when it is a clause of its own, else ××××.
    The bare value crossed out is always yielded too, as a fallback used when the clause
    overlaps another change (two labelled values in a row)."""
    yield _clause_hit(text, start, end, kind)
    yield Hit(start, end, CROSS, kind, fallback=True)


def _clause_hit(text: str, start: int, end: int, kind: str) -> Hit:
    m = _LABEL_BEFORE.search(text[max(0, start - 12) : start])
    if m:
        lstart = max(0, start - 12) + m.start()
        before = text[lstart - 1 : lstart] if lstart > 0 else ""
        after = text[end : end + 1]
        if before in _CLAUSE_START and after in _CLAUSE_END:
            if after in {"，", ",", "；", ";", "、"}:
                return Hit(lstart, end + 1, "", kind)
            if before in {"，", ",", "、"}:
                return Hit(lstart - 1, end, "", kind)
            return Hit(lstart, end, "", kind)
    return Hit(start, end, CROSS, kind)


def _cross_alnum(s: str) -> str:
    """Cross out the certificate's own number (the last run of letters/digits); a year in
    brackets and the wording stay."""
    m = list(re.finditer(r"[A-Za-z0-9\-]{3,}", s))
    if not m:
        return s
    last = m[-1]
    return s[: last.start()] + "×" * len(last.group(0)) + s[last.end() :]


def find_pii(text: str) -> Iterator[Hit]:
    """All Art 10 hits, possibly overlapping (the engine keeps the first of overlapping hits,
    in this order)."""
    for rx, kind in ((ID18, "id_number"), (ID15, "id_number"), (ID_PARTIAL, "id_number")):
        for m in rx.finditer(text):
            yield from _clause_or_cross(text, m.start(), m.end(), kind)
    for rx in (LONG_DIGITS, GROUPED_CARD):
        for m in rx.finditer(text):
            yield from _clause_or_cross(text, m.start(), m.end(), "bank_account")
    for rx in (MOBILE, LANDLINE):
        for m in rx.finditer(text):
            yield from _clause_or_cross(text, m.start(), m.end(), "phone")
    for m in LABELLED_PHONE.finditer(text):
        yield from _clause_or_cross(text, m.start(1), m.end(1), "phone")
    for m in PLATE.finditer(text):
        yield Hit(m.start(), m.end(), m.group(1) + "×" * 5, "plate")
    for rx in (CERT_LABELLED, CERT_NUMBER):
        for m in rx.finditer(text):
            g = next(i for i in range(1, (m.lastindex or 1) + 1) if m.group(i))
            yield Hit(m.start(g), m.end(g), _cross_alnum(m.group(g)), "property_certificate")
    for m in ADDRESS.finditer(text):
        addr = m.group(1)
        keep = 0
        p = ADMIN_PREFIX.match(addr)
        if p and p.end() > 0 and not p.group(0).endswith(_NOT_COUNTY):
            keep = p.end()
        if keep >= len(addr):
            continue
        yield Hit(m.start(1) + keep, m.end(1), "" if keep else "×", "address")


def case_number_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in CASE_NUMBER.finditer(text)]
