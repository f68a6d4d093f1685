"""Pseudonyms (Art 9 of the 2016 rules) for people and organisations.

* Chinese names keep the surname (compound surnames such as 欧阳 included): 张三 → 张某,
  欧阳明华 → 欧阳某.
* Ethnic-minority names (with ·, or longer than three characters without a compound surname)
  keep the first character: 吐尔洪·艾买提 → 吐某.
* Latin-letter (foreign) names keep the first letter only: John Smith → J.
* Nicknames that do not start with a surname become 某某.
* Collisions: when two different people would get the same pseudonym, **all** of them are
  numbered in order of first appearance with Arabic numerals, as Art 9(4) allows:
  张三, 张四 → 张某1, 张某2; with 甲, 乙 … (张某甲, 张某乙) where one of them stands right
  before a digit, so that the numeral does not run into the number. Names already masked by the court (林某某, 李×) are kept and their
  text is reserved, so a new pseudonym never equals one of them.
* Organisations keep their leading administrative region and their industry + legal form,
  and the trade name (字号) becomes 某某: 湛江市恒通贸易有限公司 → 湛江市某某贸易有限公司;
  an abbreviation (以下简称恒通公司) becomes 某某公司.
"""

from __future__ import annotations

import re

from .surnames import COMPOUND, surname_of

_LATIN = re.compile(r"[A-Za-z]")
_REGION = re.compile(
    r"^(?:[\u4e00-\u9fff]{2,7}?(?:省|自治区|特别行政区))?(?:[\u4e00-\u9fff]{2,9}?(?:自治州|地区|盟|市|州))?"
    r"(?:[\u4e00-\u9fff]{1,9}?(?:自治县|县|区|旗))?"
)
_INDUSTRY = (
    "房地产开发|房地产|信息技术|网络科技|文化传媒|商业贸易|国际贸易|进出口|供应链|电子商务|"
    "贸易|商贸|科技|实业|建筑工程|建筑|建设|工程|物流|运输|餐饮|投资|置业|电子|网络|信息|文化|传媒|"
    "广告|装饰|设计|咨询|管理|服务|物业|汽车|机械|设备|化工|食品|农业|养殖|医药|医疗|教育|旅游|"
    "酒店|家具|服装|纺织|钢铁|金属|材料|能源|环保|电器|通信|保险|担保|小额贷款|典当|融资租赁|劳务|"
    "人力资源|水产|五金|建材|石油|燃气|电力|矿业|印刷|包装|塑料|玻璃|陶瓷"
)
_FORM = (
    "股份有限公司|有限责任公司|有限公司|集团公司|分公司|公司|合作社|经营部|门市部|商行|商店|"
    "厂|店|超市|酒店|中心|事务所|工作室|合伙企业|诊所|医院|卫生院|村民委员会|居民委员会|养殖场|"
    "农场|馆"
)
_ORG_TAIL = re.compile(rf"(?:(?:{_INDUSTRY})+)?(?:{_FORM})$")


def person_base(name: str) -> str:
    """The pseudonym before collision numbering."""
    name = name.strip()
    if _LATIN.search(name[:1]):
        return name[:1].upper()
    if "·" in name or "•" in name:
        return name[:1] + "某"
    if len(name) >= 3 and name[:2] in COMPOUND:
        return name[:2] + "某"
    if len(name) > 3:
        return name[:1] + "某"
    sur = surname_of(name)
    if sur:
        return sur + "某"
    return "某某"


def organisation_base(name: str) -> str:
    name = name.strip()
    region = _REGION.match(name)
    keep_head = region.group(0) if region else ""
    rest = name[len(keep_head) :]
    tail = _ORG_TAIL.search(rest)
    if tail is None:
        return keep_head + "某某单位" if keep_head else "某某单位"
    trade = rest[: tail.start()]
    if not trade:  # nothing but region + form: 湛江市贸易公司 is not identifying by itself
        return keep_head + "某某" + tail.group(0)
    return keep_head + "某某" + tail.group(0)


# the ten heavenly stems, then the twelve earthly branches (a table of 17 people named 张)
STEMS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"


def _ordinal(n: int, stems: bool) -> str:
    return STEMS[n - 1] if stems and n <= len(STEMS) else str(n)


def number_collisions(
    bases: dict[str, str], reserved: set[str], stems: frozenset[str] | set[str] = frozenset()
) -> dict[str, str]:
    """bases: original → base pseudonym, in order of first appearance. Returns original →
    final pseudonym; bases shared by several originals (or taken by a reserved text) are
    numbered 1, 2, … (skipping numbers that are reserved). Bases in ``stems`` are numbered
    甲, 乙, 丙 … instead (the courts' other form): where a pseudonym stands right before a
    digit in the text (晋某1|9241200178W would read as a mobile number)."""
    groups: dict[str, list[str]] = {}
    for original, base in bases.items():
        groups.setdefault(base, []).append(original)
    out: dict[str, str] = {}
    for base, originals in groups.items():
        if len(originals) == 1 and base not in reserved:
            out[originals[0]] = base
            continue
        n = 0
        for original in originals:
            n += 1
            while f"{base}{_ordinal(n, base in stems)}" in reserved:
                n += 1
            out[original] = f"{base}{_ordinal(n, base in stems)}"
    return out
