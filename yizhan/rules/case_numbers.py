"""案号 (case numbers) under 法〔2015〕137号, as amended by 法〔2018〕335号.

Rule: 最高人民法院《关于人民法院案件案号的若干规定》 with 《人民法院案件类型及其代字标准》 and
《各级法院代字表》, in force 2016-01-01; amended 2018-12-07 to add the 专门审判代字.

Layout (Art 3 as amended)::

    （收案年度）法院代字[专门审判代字]类型代字案件编号号
    （2019）最高法知民终1号

* 收案年度 – Gregorian year in Arabic digits (Art 2).  This module accepts 1949..2200
  inclusive: 1949 is the founding of the People's Courts, 2200 is a generous upper sanity bound.
  (The structured scheme itself only applies from 2016; older numbers in the ``字第`` form are
  rejected and belong in a legacy free-text field.)
* 法院代字 – ``最高法`` for the SPC, the provincial abbreviation for a high court (Art 4),
  that abbreviation + 2 digits for an intermediate court and + 4 digits for a basic court (Art 5).
* 专门审判代字 – one Chinese character set by the SPC (amended Art 2); only ``知`` is known.
* 类型代字 – from the 《人民法院案件类型及其代字标准》 (Art 7), see :data:`TYPE_CODES`.
* 案件编号 – natural numbers from 1 per court, year and type (Art 9, Art 10); 刑事复核 (刑核)
  cases use a fixed 8-digit random number instead (Art 10 ¶2).

Pure Python: no Django, no project imports except :mod:`yizhan.rules.errors`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from yizhan.rules.errors import RuleError

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "PRE_FILING_MEDIATION_CODE",
    "PROVINCE_CODES",
    "SPECIAL_CODES",
    "SUPREME_COURT_CODE",
    "TYPE_CODES",
    "CaseNumber",
    "CaseNumberError",
    "TypeCode",
    "parse",
    "render",
    "type_name",
    "validate_court_code",
]


class CaseNumberError(RuleError):
    """A case number (or one of its parts) is not valid.

    Codes: ``malformed_case_number``, ``unknown_type_code``, ``invalid_court_code``,
    ``invalid_year``, ``invalid_seq``, ``invalid_special_code``.
    """


@dataclass(frozen=True)
class TypeCode:
    """One 类型代字 of the 《人民法院案件类型及其代字标准》."""

    code: str
    name: str  # Chinese name of the case type, e.g. "民事一审"
    category: str  # 大类, e.g. "民事"
    stat_code: str  # statistical 小类 code, e.g. "0301"
    random_number: bool = False  # 法〔2015〕137号 Art 10 ¶2: 刑核 uses an 8-digit random number


# 收案年度 bounds (inclusive); see the module docstring.
MIN_YEAR = 1949
MAX_YEAR = 2200

# 法〔2015〕137号 Art 4: the SPC's 法院代字.
SUPREME_COURT_CODE = "最高法"

# 法〔2015〕137号 Art 4: high-court codes = provincial abbreviations; Inner Mongolia 内,
# PLA Military Court 军, Xinjiang Production & Construction Corps branch 兵 (Art 4 ¶3).
# Common usage – UNCONFIRMED against the official 《各级法院代字表》.
PROVINCE_CODES: frozenset[str] = frozenset(
    "京津冀晋内辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川黔云藏陕甘青宁新兵军"
)

# 法〔2018〕335号 (amended Art 2): 专门审判代字, one character set by the SPC.
# Only 知 (intellectual property) is known; the full list is UNCONFIRMED, so parse() and
# render() take ``extra_special_codes``.
SPECIAL_CODES: frozenset[str] = frozenset({"知"})

# SPC notice (2021-09) / observed practice: the pre-filing mediation case itself.  Whether
# Guangdong writes 民诉前调 or 诉前调 is UNCONFIRMED – pass the alternative through
# ``extra_type_codes`` where needed.
PRE_FILING_MEDIATION_CODE = "民诉前调"

# Where one 类型代字 covers several 小类 of the standard (e.g. 民特 = 0310–0322), ``stat_code``
# is the first 小类 it is used for.  Names follow the standard's 小类 names without "案件".
_TYPE_TABLE: tuple[tuple[str, str, str, str], ...] = (
    # 01 管辖案件
    ("刑辖", "刑事提级/指定管辖", "管辖", "0102"),
    ("民辖", "民事提级/指定/移交审批/协商管辖", "管辖", "0105"),
    ("民辖终", "民事管辖上诉", "管辖", "0109"),
    ("民辖监", "民事管辖监督", "管辖", "0110"),
    ("行辖", "行政提级/指定管辖", "管辖", "0112"),
    ("行辖终", "行政管辖上诉", "管辖", "0114"),
    ("赔辖", "行政赔偿提级/指定/协商管辖", "管辖", "0116"),
    ("赔辖终", "行政赔偿管辖上诉", "管辖", "0119"),
    # 02 刑事案件
    ("刑初", "刑事一审", "刑事", "0201"),
    ("刑终", "刑事二审", "刑事", "0202"),
    ("刑监", "刑事依职权再审审查", "刑事", "0204"),
    ("刑申", "刑事申诉再审审查", "刑事", "0205"),
    ("刑抗", "刑事抗诉再审审查", "刑事", "0206"),
    ("刑再", "刑事再审", "刑事", "0207"),
    ("刑没", "申请没收违法所得", "刑事", "0208"),
    ("刑核", "刑事复核（死刑/法定刑以下判处刑罚/特殊假释）", "刑事", "0210"),
    ("刑医", "申请强制医疗审查", "刑事", "0214"),
    ("刑医解", "解除强制医疗审查", "刑事", "0215"),
    ("刑医复", "强制医疗复议", "刑事", "0216"),
    ("刑医监", "强制医疗监督", "刑事", "0217"),
    ("刑止", "停止执行死刑请求审查/依职权停止执行死刑", "刑事", "0219"),
    ("刑止调", "停止执行死刑调查", "刑事", "0221"),
    ("刑止核", "停止执行死刑调查审核", "刑事", "0222"),
    ("刑更", "刑罚与执行变更审查", "刑事", "0224"),
    ("刑更监", "刑罚与执行变更监督", "刑事", "0225"),
    ("刑更备", "刑罚与执行变更备案", "刑事", "0226"),
    ("刑他", "其他刑事", "刑事", "0227"),
    ("刑教", "申请安置教育审查", "刑事", "0229"),
    ("刑教解", "解除安置教育审查", "刑事", "0230"),
    ("刑教复", "安置教育复议", "刑事", "0231"),
    ("刑教监", "安置教育监督", "刑事", "0232"),
    # 03 民事案件
    ("民初", "民事一审", "民事", "0301"),
    ("民终", "民事二审", "民事", "0302"),
    ("民监", "民事依职权再审审查", "民事", "0304"),
    ("民申", "民事申请再审审查", "民事", "0305"),
    ("民抗", "民事抗诉再审审查", "民事", "0306"),
    ("民再", "民事再审", "民事", "0307"),
    ("民撤", "第三人撤销之诉", "民事", "0308"),
    ("民特", "民事特别程序", "民事", "0310"),
    ("民特监", "民事特别程序监督", "民事", "0323"),
    ("民催", "船舶优先权催告/公示催告", "民事", "0325"),
    ("民督", "申请支付令审查", "民事", "0328"),
    ("民督监", "支付令监督", "民事", "0329"),
    ("民他", "其他民事", "民事", "0330"),
    ("民保令", "人身安全保护令申请审查", "民事", "0332"),
    ("民保更", "人身安全保护令变更", "民事", "0333"),
    # 04 行政案件
    ("行初", "行政一审", "行政", "0401"),
    ("行终", "行政二审", "行政", "0402"),
    ("行监", "行政依职权再审审查", "行政", "0404"),
    ("行申", "行政申请再审审查", "行政", "0405"),
    ("行抗", "行政抗诉再审审查", "行政", "0406"),
    ("行再", "行政再审", "行政", "0407"),
    ("行审", "非诉行政行为申请执行审查", "行政", "0409"),
    ("行审复", "非诉行政行为申请执行审查复议", "行政", "0410"),
    ("行他", "其他行政", "行政", "0411"),
    # 05 国家赔偿与司法救助案件
    ("行赔初", "行政赔偿一审", "国家赔偿与司法救助", "0502"),
    ("行赔终", "行政赔偿二审", "国家赔偿与司法救助", "0503"),
    ("行赔监", "行政赔偿依职权再审审查", "国家赔偿与司法救助", "0504"),
    ("行赔申", "行政赔偿申请再审审查", "国家赔偿与司法救助", "0505"),
    ("行赔抗", "行政赔偿抗诉再审审查", "国家赔偿与司法救助", "0506"),
    ("行赔再", "行政赔偿再审", "国家赔偿与司法救助", "0507"),
    ("行赔他", "其他行政赔偿", "国家赔偿与司法救助", "0508"),
    ("法赔", "法院作为赔偿义务机关自赔", "国家赔偿与司法救助", "0510"),
    ("委赔", "赔偿委员会审理赔偿", "国家赔偿与司法救助", "0511"),
    ("委赔监", "司法赔偿监督审查", "国家赔偿与司法救助", "0512"),
    ("赔确监", "赔偿确认申诉审查", "国家赔偿与司法救助", "0513"),
    ("委赔提", "司法赔偿监督上级法院赔偿委员会重审", "国家赔偿与司法救助", "0514"),
    ("委赔再", "司法赔偿监督本院赔偿委员会重审", "国家赔偿与司法救助", "0515"),
    ("赔他", "其他赔偿", "国家赔偿与司法救助", "0516"),
    ("司救刑", "刑事司法救助", "国家赔偿与司法救助", "0518"),
    ("司救民", "民事司法救助", "国家赔偿与司法救助", "0519"),
    ("司救行", "行政司法救助", "国家赔偿与司法救助", "0520"),
    ("司救赔", "国家赔偿司法救助", "国家赔偿与司法救助", "0521"),
    ("司救执", "执行司法救助", "国家赔偿与司法救助", "0522"),
    ("司救访", "涉诉信访司法救助", "国家赔偿与司法救助", "0523"),
    ("司救他", "其他司法救助", "国家赔偿与司法救助", "0524"),
    # 06 区际司法协助案件 – only the codes named in domain-rules §1.3 (the table elides the
    # Hong Kong / Macao variants of 送达 and 调查取证 with "…").
    ("认台", "认可与执行台湾地区法院裁判/仲裁裁决审查", "区际司法协助", "0602"),
    ("认港", "认可与执行香港特别行政区法院裁判/仲裁裁决审查", "区际司法协助", "0604"),
    ("认澳", "认可与执行澳门特别行政区法院裁判/仲裁裁决审查", "区际司法协助", "0606"),
    ("认复", "认可与执行审查复议", "区际司法协助", "0608"),
    ("认他", "认可与执行审查其他", "区际司法协助", "0609"),
    ("请台送", "请求台湾地区送达文书审查", "区际司法协助", "0611"),
    ("台请送", "台湾地区请求送达文书审查/协助台湾地区送达文书", "区际司法协助", "0614"),
    ("请台调", "请求台湾地区调查取证审查", "区际司法协助", "0621"),
    ("请移管", "接收在台湾地区被判刑人", "区际司法协助", "0631"),
    ("助移管", "向台湾地区移管被判刑人", "区际司法协助", "0632"),
    ("请移赃", "接收台湾地区移交罪赃", "区际司法协助", "0634"),
    ("助移赃", "向台湾地区移交罪赃", "区际司法协助", "0635"),
    # 07 国际司法协助案件
    ("协外认", "承认与执行外国法院裁判/国外仲裁裁决审查", "国际司法协助", "0702"),
    ("协他", "承认与执行审查其他", "国际司法协助", "0704"),
    ("协外送", "外国法院请求送达文书审查/送达外国法院文书", "国际司法协助", "0706"),
    ("请外送", "请求外国法院送达文书审查", "国际司法协助", "0708"),
    ("协外调", "外国法院请求调查取证审查/实施", "国际司法协助", "0710"),
    ("请外调", "请求外国法院调查取证审查", "国际司法协助", "0712"),
    ("请外移", "接收在外国被判刑人", "国际司法协助", "0714"),
    ("协外移", "向外国移管被判刑人", "国际司法协助", "0715"),
    ("请外引", "请求外国引渡", "国际司法协助", "0717"),
    ("协外引", "协助外国引渡", "国际司法协助", "0718"),
    # 08 司法制裁案件
    ("司惩", "司法拘留/司法罚款", "司法制裁", "0802"),
    ("司惩复", "司法制裁复议", "司法制裁", "0804"),
    # 09 非诉保全审查案件
    ("财保", "非诉财产保全审查", "非诉保全审查", "0901"),
    ("行保", "非诉行为保全审查", "非诉保全审查", "0902"),
    ("行保复", "非诉行为保全复议", "非诉保全审查", "0903"),
    ("证保", "非诉证据保全审查", "非诉保全审查", "0904"),
    # 10 执行类案件
    ("执", "首次执行", "执行", "1002"),
    ("执恢", "恢复执行", "执行", "1003"),
    ("执保", "财产保全执行", "执行", "1004"),
    ("执异", "执行异议", "执行", "1006"),
    ("执复", "执行复议", "执行", "1007"),
    ("执监", "执行监督", "执行", "1008"),
    ("执协", "执行协调", "执行", "1009"),
    ("执他", "其他执行", "执行", "1010"),
    # 11 强制清算与破产案件
    ("清申", "强制清算申请审查", "强制清算与破产", "1102"),
    ("破申", "破产申请审查", "强制清算与破产", "1103"),
    ("清终", "强制清算上诉", "强制清算与破产", "1105"),
    ("破终", "破产上诉", "强制清算与破产", "1106"),
    ("清监", "强制清算监督", "强制清算与破产", "1108"),
    ("破监", "破产监督", "强制清算与破产", "1109"),
    ("强清", "强制清算", "强制清算与破产", "1110"),
    ("破", "破产清算/重整/和解", "强制清算与破产", "1112"),
    # 99 其他 – 诉前调解 (domain-rules §1.4).  These are 4 characters although Art 7 says a
    # 类型代字 has at most 3; they are observed in practice.  SPC notice 2021-09: from
    # 2022-01-01 诉前调确 replaces 民特 and 诉前调书 replaces 民初 for pre-filing mediation.
    # 9901 is observed (Sichuan ajlb=9901); 9902/9903 are placeholders – UNCONFIRMED.
    (PRE_FILING_MEDIATION_CODE, "诉前调解", "其他", "9901"),
    ("诉前调确", "诉前调解司法确认", "其他", "9902"),
    ("诉前调书", "诉前调解出具调解书", "其他", "9903"),
)

# 法〔2015〕137号 Art 10 ¶2: 刑事复核 cases use a fixed 8-digit random number.
_RANDOM_NUMBER_CODES = frozenset({"刑核"})
_RANDOM_NUMBER_DIGITS = 8

TYPE_CODES: Mapping[str, TypeCode] = MappingProxyType(
    {
        code: TypeCode(
            code=code,
            name=name,
            category=category,
            stat_code=stat_code,
            random_number=code in _RANDOM_NUMBER_CODES,
        )
        for code, name, category, stat_code in _TYPE_TABLE
    }
)

# Full-width digits (０–９) are folded to ASCII before parsing: they are a common typing variant.
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

# Art 3: （year）法院代字 [专门审判代字]类型代字 编号号 – brackets may be full- or half-width.
# 法院代字 = 最高法 or one character + digits; then a run of non-digits (专门审判代字 + 类型代字).
_CASE_RE = re.compile(
    r"[（(](?P<year>[0-9]+)[）)]"
    r"(?P<court>最高法[0-9]*|[^0-9（）()][0-9]*)"
    r"(?P<run>[^0-9（）()]+)"
    r"(?P<seq>[0-9]+)号"
)
# Pre-2016 numbers: （2014）海行民初字第5号.
_LEGACY_RE = re.compile(r"字第[0-9]+号$")
_COURT_RE = re.compile(r"(?P<prov>[^0-9])(?P<digits>[0-9]*)")
_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")


def _is_cjk(text: str) -> bool:
    return _CJK_RE.fullmatch(text) is not None


def _known_type_codes(extra: Iterable[str]) -> frozenset[str]:
    return frozenset(TYPE_CODES).union(extra)


def _is_random_number_type(type_code: str) -> bool:
    info = TYPE_CODES.get(type_code)
    return info is not None and info.random_number


def _check_year(year: int, *, field: str) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise CaseNumberError(
            "invalid_year",
            f"收案年度{year}不在{MIN_YEAR}至{MAX_YEAR}年之间。",
            field=field,
        )


def _check_seq(seq: int, type_code: str, *, field: str) -> None:
    # 法〔2015〕137号 Art 10: 案件编号 are natural numbers starting from 1.
    if seq < 1:
        raise CaseNumberError("invalid_seq", "案件编号必须是正整数。", field=field)
    # 法〔2015〕137号 Art 10 ¶2: 刑核 uses an 8-digit random number.
    if _is_random_number_type(type_code) and seq >= 10**_RANDOM_NUMBER_DIGITS:
        raise CaseNumberError(
            "invalid_seq",
            f"“{type_code}”案件编号应为{_RANDOM_NUMBER_DIGITS}位随机数。",
            field=field,
        )


def validate_court_code(code: str) -> str:
    """Check a 法院代字 and return it.

    法〔2015〕137号 Art 4: ``最高法`` or a provincial abbreviation (high court); Art 5: that
    abbreviation + 2 digits (intermediate court, incl. special courts 71–99 per the 2018
    amendment) or + 4 digits (basic court, digits 3–6 of the GB/T 2260 division code).
    The all-zero pairs (``00``) never denote a court and are rejected.
    """
    if code == SUPREME_COURT_CODE:
        return code
    m = _COURT_RE.fullmatch(code)
    if m is None or m["prov"] not in PROVINCE_CODES:
        raise CaseNumberError(
            "invalid_court_code",
            f"法院代字“{code}”无效：应为“最高法”或省级简称（可加2位或4位数字）。",
            field="court_code",
        )
    digits = m["digits"]
    pairs_ok = all(digits[i : i + 2] != "00" for i in range(0, len(digits), 2))
    if len(digits) not in (0, 2, 4) or not pairs_ok:
        raise CaseNumberError(
            "invalid_court_code",
            f"法院代字“{code}”无效：省级简称后应为2位（中级法院）或4位（基层法院）非零编号。",
            field="court_code",
        )
    return code


def type_name(code: str) -> str:
    """The Chinese name of a 类型代字, e.g. ``type_name("民初") == "民事一审"``."""
    info = TYPE_CODES.get(code)
    if info is None:
        raise CaseNumberError(
            "unknown_type_code", f"类型代字“{code}”不在代字标准中。", field="type_code"
        )
    return info.name


@dataclass(frozen=True, order=True)
class CaseNumber:
    """A structured 案号.

    The constructor checks the structure (year range, court code, seq ≥ 1, special code is at
    most one Chinese character, type code is a run of Chinese characters) but not membership
    of the type / special code in the tables, since both can be extended by configuration;
    :func:`parse` and :func:`render` check membership.
    """

    year: int
    court_code: str
    special_code: str  # 专门审判代字, "" when absent
    type_code: str
    seq: int

    def __post_init__(self) -> None:
        _check_year(self.year, field="year")
        validate_court_code(self.court_code)
        # 法〔2018〕335号 amended Art 2: 专门审判代字 is one Chinese character.
        if self.special_code and not (len(self.special_code) == 1 and _is_cjk(self.special_code)):
            raise CaseNumberError(
                "invalid_special_code",
                f"专门审判代字“{self.special_code}”应为一个汉字。",
                field="special_code",
            )
        if not _is_cjk(self.type_code):
            raise CaseNumberError(
                "unknown_type_code",
                f"类型代字“{self.type_code}”应由汉字组成。",
                field="type_code",
            )
        _check_seq(self.seq, self.type_code, field="seq")

    def render(self) -> str:
        """The official form, e.g. ``（2026）粤0802民初1号`` (Art 3: full-width brackets)."""
        if _is_random_number_type(self.type_code):
            # 法〔2015〕137号 Art 10 ¶2: 刑核 uses an 8-digit random number (keep leading zeros).
            number = f"{self.seq:0{_RANDOM_NUMBER_DIGITS}d}"
        else:
            number = str(self.seq)
        return f"（{self.year}）{self.court_code}{self.special_code}{self.type_code}{number}号"

    __str__ = render

    @property
    def type_name(self) -> str:
        """Name of the case type; a configured extra type code without a name returns itself."""
        info = TYPE_CODES.get(self.type_code)
        return info.name if info is not None else self.type_code


def _split_run(
    run: str, known_types: frozenset[str], known_specials: frozenset[str]
) -> tuple[str, str]:
    """Split the character run after the court code into (special_code, type_code).

    The whole run must be a type code, or a 专门审判代字 followed by a type code
    (法〔2018〕335号).  Matching the whole run means the longest code always wins
    (民特监 is never read as 民特 + 监, 执恢 never as 执 + 恢).
    """
    if run in known_types:
        return "", run
    head, rest = run[0], run[1:]
    if rest in known_types:
        if head in known_specials:
            return head, rest
        raise CaseNumberError(
            "invalid_special_code",
            f"专门审判代字“{head}”不在已知列表中。",
            field="case_number",
        )
    raise CaseNumberError(
        "unknown_type_code", f"类型代字“{run}”不在代字标准中。", field="case_number"
    )


def parse(
    text: str,
    *,
    extra_type_codes: Iterable[str] = (),
    extra_special_codes: Iterable[str] = (),
) -> CaseNumber:
    """Parse a 案号 such as ``（2019）最高法知民终1号``.

    Accepts full-width or half-width brackets, full-width digits and surrounding whitespace.
    ``extra_type_codes`` / ``extra_special_codes`` extend :data:`TYPE_CODES` /
    :data:`SPECIAL_CODES` (e.g. a court that writes ``诉前调`` instead of ``民诉前调``).
    """
    s = text.strip().translate(_FULLWIDTH_DIGITS)
    if _LEGACY_RE.search(s):
        raise CaseNumberError(
            "malformed_case_number",
            f"“{s}”是2016年以前的旧式案号（含“字第”），请填写在旧案号栏。",
            field="case_number",
        )
    m = _CASE_RE.fullmatch(s)
    if m is None:
        raise CaseNumberError(
            "malformed_case_number",
            f"“{s}”不是有效的案号格式，应如“（2026）粤0802民初1号”。",
            field="case_number",
        )
    year_text, court_code, run, seq_text = m["year"], m["court"], m["run"], m["seq"]

    if len(year_text) != 4:
        raise CaseNumberError("invalid_year", "收案年度应为4位数字。", field="case_number")
    year = int(year_text)
    _check_year(year, field="case_number")

    try:
        validate_court_code(court_code)
    except CaseNumberError as exc:
        raise CaseNumberError(exc.code, exc.message, field="case_number") from None
    if not _is_cjk(run):
        raise CaseNumberError(
            "malformed_case_number",
            f"“{s}”中的类型代字“{run}”应由汉字组成。",
            field="case_number",
        )
    special_code, type_code = _split_run(
        run,
        _known_type_codes(extra_type_codes),
        SPECIAL_CODES.union(extra_special_codes),
    )

    if _is_random_number_type(type_code):
        # 法〔2015〕137号 Art 10 ¶2: 刑核 uses a fixed 8-digit random number (may start with 0).
        if len(seq_text) != _RANDOM_NUMBER_DIGITS:
            raise CaseNumberError(
                "invalid_seq",
                f"“{type_code}”案件编号应为{_RANDOM_NUMBER_DIGITS}位随机数。",
                field="case_number",
            )
    elif seq_text.startswith("0"):
        # 法〔2015〕137号 Art 10: natural numbers – no leading zeros.
        raise CaseNumberError(
            "invalid_seq", "案件编号应为从1开始的自然数，不能以0开头。", field="case_number"
        )
    seq = int(seq_text)
    _check_seq(seq, type_code, field="case_number")

    return CaseNumber(
        year=year, court_code=court_code, special_code=special_code, type_code=type_code, seq=seq
    )


def render(
    year: int,
    court_code: str,
    type_code: str,
    seq: int,
    special_code: str = "",
    *,
    extra_type_codes: Iterable[str] = (),
    extra_special_codes: Iterable[str] = (),
) -> str:
    """Validate the parts and return the official form, e.g. ``（2026）粤0802民初1号``."""
    if type_code not in _known_type_codes(extra_type_codes):
        raise CaseNumberError(
            "unknown_type_code", f"类型代字“{type_code}”不在代字标准中。", field="type_code"
        )
    if special_code and special_code not in SPECIAL_CODES.union(extra_special_codes):
        raise CaseNumberError(
            "invalid_special_code",
            f"专门审判代字“{special_code}”不在已知列表中。",
            field="special_code",
        )
    return CaseNumber(
        year=year, court_code=court_code, special_code=special_code, type_code=type_code, seq=seq
    ).render()
