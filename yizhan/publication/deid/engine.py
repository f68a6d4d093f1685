"""The de-identification engine: ``deidentify(text, parties, policy)``.

Pure Python + jieba (no Django). Steps:

1. never-hidden spans: case numbers and the bench (审判长/审判员/人民陪审员/法官助理/书记员 …
   and prosecutors) — their names are protected everywhere in the document;
2. Art 10 deletions (:mod:`.patterns`);
3. people: the parties given by the caller, names already masked by the court (林某某, 李×),
   names after role/relation words (被害人X、证人X、X的妻子 …), jieba tokens tagged ``nr`` or
   unknown to the dictionary that start with a surname, nicknames (绰号“黑仔”), and names
   listed next to a known name (X、Y和Z); every occurrence of a found name is replaced;
4. organisations (``all_parties`` policy only): parties that are organisations, company names
   after party-role words, and their abbreviations (以下简称X);
5. the policy decides which people are pseudonymised; pseudonyms per :mod:`.pseudonyms`.

Changes carry offsets into the original text. Kinds: ``person``, ``already_masked`` (a name
the court had already masked: kept unchanged, reported so the reviewer sees it was
recognised), ``organisation``, ``id_number``, ``phone``, ``address``, ``bank_account``,
``plate``, ``property_certificate``.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import patterns
from . import tagger as crf
from .pseudonyms import number_collisions, organisation_base, person_base
from .surnames import (
    AMBIGUOUS,
    COMMON,
    DISTINCT_COMPOUND,
    MODERN_WORDLIKE,
    TIBETAN_NAME_PARTS,
    VIETNAMESE_SURNAMES,
    starts_with_surname,
)

POLICIES = ("2016", "all_parties")

# role words that are common nouns too (房东却都不在家, 邻居家): a name after them only where
# jieba reads one there (like a bare preposition's)
_WEAK_ROLE_WORDS = ("车主", "房东", "组长", "村长", "主任", "经理", "主管", "同事", "邻居")
# The role words of an account's holder (存至户名为甄宁的账户, 持卡人卿明远): a person, or an
# organisation, whose name ends in one of _SHOP_END (户名为金鼎行, 宁远堂)
_ACCOUNT_ROLES = ("户名", "户名为", "开户名", "开户名为", "开户人", "持卡人", "收款人", "收款人为")
_SHOP_END = frozenset("行堂居阁坊庄号社铺部馆店厂场园")

# a kinship word of a civil judgment: his or her parent, brother or sister (其父, 之妹)
_KIN_OF = [p + k for p in ("其", "之") for k in "父母兄弟姐妹"]
# role words of a third person or kin after which a person's name stands, not a common word
# (案外人|吴国|澜, 其妻|尉玉睿): a name is read there as after a party's role word
_NAMING_ROLE_WORDS = frozenset(
    [
        *("案外人", "乘车人", "驾驶人", "介绍人", "见证人", "村民小组长"),
        *_KIN_OF,
        *("之妻", "之夫", "之子", "之女", "其妻", "其夫", "其子", "其女", "儿子", "女儿"),
    ]
)

# Role words → category. Categories masked by the 2016 rules (Art 8) are in ART8.
ROLE_WORDS: dict[str, str] = {
    "附带民事诉讼原告人": "civil_plaintiff",
    "附带民事原告人": "civil_plaintiff",
    "被害人": "victim",
    "受害人": "victim",
    "被害者": "victim",
    "证人": "witness",
    "鉴定人": "appraiser",
    "法定代理人": "legal_rep",
    "监护人": "legal_rep",
    "未成年人": "minor",
    "被告人": "party",
    "犯罪嫌疑人": "party",
    "罪犯": "party",
    "原审被告人": "party",
    "上诉人": "party",
    "被上诉人": "party",
    "原告": "party",
    "被告": "party",
    "第三人": "party",
    "申请人": "party",
    "被申请人": "party",
    "申请执行人": "party",
    "被执行人": "party",
    "再审申请人": "party",
    "申诉人": "party",
    "同案人": "other",
    "同案犯": "other",
    "同伙": "other",
    "吸毒人员": "other",
    "购毒人员": "other",
    "贩毒人员": "other",
    "吸毒者": "other",
    "购毒者": "other",
    "男子": "other",
    "上家": "other",
    "下家": "other",
    "女子": "other",
    "群众": "other",
    "村民": "other",
    "民警": "other",
    "朋友": "other",
    "女友": "other",
    "男友": "other",
    "妻子": "relative",
    "丈夫": "relative",
    "其妻": "relative",
    "其夫": "relative",
    "前妻": "relative",
    "前夫": "relative",
    "儿子": "relative",
    "女儿": "relative",
    "其子": "relative",
    "其女": "relative",
    "父亲": "relative",
    "母亲": "relative",
    "哥哥": "relative",
    "弟弟": "relative",
    "姐姐": "relative",
    "妹妹": "relative",
    # a civil judgment's kin and third persons (系其父卿伟, 原告之父卿伟, 案外人卿伟, 乘车人卿伟,
    # 出借人卿伟, 村民小组长卿伟): published where the name was said once
    **dict.fromkeys(
        [
            *_KIN_OF,
            *("之妻", "之夫", "之子", "之女", "姐夫", "妹夫", "嫂子", "弟媳", "女婿", "儿媳"),
            *("岳父", "岳母", "外甥", "侄子", "表哥", "表弟", "表姐", "表妹", "堂哥", "堂弟"),
        ],
        "relative",
    ),
    **dict.fromkeys(
        [
            "案外人",
            "村民小组长",  # (a title: not the weak 组长 of a group)
            "乘车人",
            "驾驶人",
            "驾驶员",
            "出租人",
            "承租人",
            "出借人",
            "借款人",
            "担保人",
            "保证人",
            "介绍人",
            "经办人",
            "见证人",
            "债务人",
            "债权人",
            *_WEAK_ROLE_WORDS,
        ],
        "other",
    ),
    "法定代表人": "other",
    "诉讼代表人": "other",  # (a unit's representative in a unit crime: 被告单位诉讼代表人甄宁)
    "负责人": "other",
    "经营者": "other",
    "司机": "other",
    **dict.fromkeys(_ACCOUNT_ROLES, "other"),
    "辩护人": "lawyer",
    "委托诉讼代理人": "lawyer",
    "委托代理人": "lawyer",
    "诉讼代理人": "lawyer",
    "名叫": "other",
    "叫做": "other",
    "化名": "other",
    "绰号": "other",
    "外号": "other",
    # another name of the same person (被告人卿宁，又名东升; 曾用名, 别名)
    "又名": "other",
    "曾用名": "other",
    "别名": "other",
    "伙同": "other",
    "容留": "other",
    "介绍": "other",
    "联系": "other",
    "找到": "other",
    "告知": "other",
    "卖给": "other",
    "贩卖给": "other",
    "交给": "other",
    "送给": "other",
    "向": "other",
    "与": "other",
    "和": "other",
    "及": "other",
    "同": "other",
    "给": "other",
}
# The category (and party role) of the names a reviewer adds to a draft: masked under both
# policies, like the Art 8 people.
REVIEWER = "reviewer"
ART8 = frozenset({"victim", "civil_plaintiff", "witness", "appraiser", "legal_rep", "minor"})
# Role names accepted from the caller's party list (Chinese or codes).
PARTY_ROLE_CATEGORY: dict[str, str] = {
    **{k: v for k, v in ROLE_WORDS.items() if v != "other"},
    "victim": "victim",
    "witness": "witness",
    "appraiser": "appraiser",
    "legal_representative": "legal_rep",
    "legal_rep": "legal_rep",
    "minor": "minor",
    "civil_plaintiff": "civil_plaintiff",
    "plaintiff": "party",
    "defendant": "party",
    "third_party": "party",
    "appellant": "party",
    "appellee": "party",
    "applicant": "party",
    "respondent": "party",
    "lawyer": "lawyer",
    "agent": "lawyer",
    "defender": "lawyer",
    REVIEWER: REVIEWER,
    "judge": "bench",
    "clerk": "bench",
    "bench": "bench",
    "审判长": "bench",
    "审判员": "bench",
    "书记员": "bench",
    "法官助理": "bench",
    "人民陪审员": "bench",
}
FAMILY_MARKERS = re.compile(
    r"离婚|婚姻家庭|婚约财产|夫妻财产|同居关系|继承纠纷|遗嘱|法定继承|抚养|扶养|赡养|监护|收养|探望权|分家析产"
)


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first (so 被告人 wins over 被告)."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


_ROLE_RX = re.compile(_alternation(ROLE_WORDS))
# the role words of the parties and of those who take part in the proceedings
_PROCEDURAL_ROLE_RX = re.compile(
    _alternation(w for w, cat in ROLE_WORDS.items() if cat not in {"other", "relative"})
)
_ROLE_BEFORE = re.compile("(?:" + _alternation(ROLE_WORDS) + ")[：:]?$")
# the role words that name a person (not 向, 与, 伙同 …: 原告方波与被告, 原告方波向本院提出)
_PERSON_ROLE_RX = re.compile(_alternation(w for w, cat in ROLE_WORDS.items() if cat != "other"))
# A party's earlier role in brackets between its role word and its name, as the heading of an
# appeal or retrial judgment writes it: 上诉人（原审被告人）甄宁, 被上诉人（一审原告、反诉被告）
# 卿明远, 再审申请人（一审被告、二审上诉人）柳宁. The name follows the closing bracket.
_PROCEDURAL_ROLE = "(?:" + _PROCEDURAL_ROLE_RX.pattern + ")"
_EARLIER_ROLE = f"(?:原审|一审|二审|再审|反诉|原)?{_PROCEDURAL_ROLE}"
_STAGE_ROLE = re.compile(f"(?:原审|一审|二审|再审){_PROCEDURAL_ROLE}")
# a party's role word of an earlier stage right before a name (原审第三人|甄宁)
_STAGE_ROLE_BEFORE = re.compile(_STAGE_ROLE.pattern + "[：:]?$")
_ROLE_IN_BRACKETS = re.compile(
    f"{_PROCEDURAL_ROLE}[（(]{_EARLIER_ROLE}(?:[、，,]{_EARLIER_ROLE})*[）)]"
)


def _bracket_ends(text: str) -> dict[int, int]:
    """Offset of each closing bracket of :data:`_ROLE_IN_BRACKETS` → the offset after it."""
    return {m.end() - 1: m.end() for m in _ROLE_IN_BRACKETS.finditer(text)}


# Characters that end a name (a third character from this set is not part of it).
# the particles that end a question or an exclamation (卿伟呢？, 抢包啊)
_QUESTION_PARTICLES = "呢吗吧啊呀嘛"
_STOP3 = set(
    "在于将从向对把被给与和及、，。；：,.;:！？!?（）()“”\"'《》等的为以到至是因经称系伙同即又也都就还已并而"
    "后前时处家说带驾携持用让使叫请欠借购卖贩共先再均各每一二三四五六七八九十两几个名人男女岁年月日号某甲乙丙"
    "丁之其他她它们所被又乃便即刚曾未没不无已拿收送交付取打找约要想去来回出入上下里内外间中边旁电话手机身帮替"
    "通过抓获归案供述诉辩述认要经犯" + _QUESTION_PARTICLES
)
_FUNC = set("在于将从向对把被给与和及等的为以到至是因经称系又也都就还已并而")
_STOP2 = set(
    "在于将从向对把被给与和及没、，。；：,.;:！？!?（）()“”\"'《》等的为以到至是某×XxＸ*＊0123456789"
)
_NAME_STOP = frozenset(_STOP3 | _STOP2)  # characters that are never part of a name
_NON_NAMES = frozenset(
    [
        "公司",
        "花名册",  # (jieba: nr)
        "马仔",  # (a drug dealer's runner)
        "金主",  # (a backer)
        "甲方",
        "乙方",
        "丙方",
        "丁方",
        "查明",
        "经审理",
        "经审查",  # (jieba: nr)
        "迟延",  # (加倍支付迟延履行期间的债务利息, in every civil judgment for money; jieba: nr)
        "公诉",
        "检察",
        "法院",
        "被告",
        "原告",
        "同案",
        "民警",
        "公安",
        "司法",
        "鉴定",
        "毒品",
        "冰毒",
        "麻古",
        "海洛因",
        "甲基",
        "苯丙胺",
        "氯胺酮",
        "大麻",
        "可卡因",
        "吗啡",
        "摇头丸",
        "曲马多",
        "万元",
        "人民币",
        "元钱",
        "平方",
        "公斤",
        "小包",
        "一包",
        "高某",
        "黄金",
        "高速",
        "白色",
        "方向",
        "方便",
        "明知",
        "明确",
        "成立",
        "成功",
        "成为",
        "成年",
        "安全",
        "安排",
        "安装",
        "安置",
        "常住",
        "常用",
        "向其",
        "和其",
        "将其",
        "给其",
        "从其",
        "于是",
        "于此",
        "石头",
        "金额",
        "金钱",
        "文件",
        "时间",
        "时许",
        "时候",
        "时任",
        "时至",
        "平时",
        "高价",
        "高档",
        "毛重",
        "净重",
        "江边",
        "路边",
        "张贴",
        "张某",
        "李某",
        "王某",
        "林地",
        "宋体",
        "马路",
        "周边",
        "周围",
        "周末",
        "陆续",
        "包装",
        "包括",
        "包庇",
        "邓某",
        "左右",
        "左侧",
        "右侧",
        "车辆",
        "车牌",
        "车内",
        "关系",
        "关于",
        "关押",
        "关联",
        "卢布",
        "温度",
        "叶子",
        "谭某",
        "何时",
        "何处",
        "何地",
        "孙子",
        "孙女",
        "钱款",
        "钱财",
        "程序",
        "程度",
        "连续",
        "连同",
        "龙眼",
        "熊猫",
        "牛仔",
        "羊城",
        "田地",
        "秦岭",
        "江湖",
        "山林",
        "古代",
        "古董",
        "严重",
        "严格",
        "严厉",
        "曾经",
        "邢事",
        "刑事",
        "刑期",
        "刑法",
        "管制",
        "管理",
        "管辖",
        "华侨",
        "华人",
        "应当",
        "应该",
        "解释",
        "解除",
        "解决",
        "宣判",
        "宣告",
        "戴帽",
        "任何",
        "任务",
        "任职",
        "任意",
        "全部",
        "全额",
        "尚未",
        "庄园",
        "施工",
        "施行",
        "强制",
        "强迫",
        "夏季",
        "洪水",
        "胡同",
        "柯式",
        "武器",
        "武装",
        "甘肃",
        "贺州",
        "祝福",
        "景区",
        "于某",
        "向某",
        "与某",
        "和某",
        "牟利",
        "麻果",
        "元毒资",
        "麻古丸",
        "支付宝",
        "通知书",
        "别克",
        "陈述",
        "顾客",
        "桑塔纳",
        "金银花",
        "米黄色",
        "麻古灰",
        "底粉",
        "盛世",
        "包小包",
        "小红米",
        "储物格",
        "桑拿",
        "蒲公英",
        "麻黄",
        "黄毛",
        "文明",
        "康宁",
        "秦淮",
        "杨浦",
        "荣昌",
        "吴江",
        "沙嘴",
        "凌河",
        "鱼峰",
        "查获",
        "查明",
        "查处",
        "查看",
        "查询",
        "包里",
        "包内",
        "包装袋",
        "从张",
        "从王",
        "从童",
        "从石",
        "从陆",
        "从李",
        "从陈",
        "从刘",
        "吴购毒",
    ]
)
_PREMASK = re.compile(
    r"(?:欧阳|司马|诸葛|上官|东方|皇甫|尉迟|公孙|慕容|长孙|宇文|司徒|夏侯|令狐|钟离|端木|申屠|呼延|"
    r"[\u4e00-\u9fff])"
    r"(?:某{1,4}|[×XxＸ＊*ⅹ]{1,3}|(?<=[\u4e00-\u9fff])[A-Za-z](?![A-Za-z0-9]))"
    r"(?:[甲乙丙丁戊己庚辛壬癸]|[A-Z](?![A-Za-z0-9])|\d{1,2}(?![\d.克元次年月日个号包粒支件份人名])|"
    r"(?:·|•)[\u4e00-\u9fff]{0,3}某{1,4})?"
)
_PREMASK_MID = re.compile(r"[\u4e00-\u9fff]{2}某(?=[、，。；：,;（(和与及等的在于将从向到被是系])")
# a court-masked name told apart from one of the same surname by a numeral: 何某某、何一某、
# 何二某, 王一某某. Read by the rules as the name 何一 (→ 何某, which then collides with 何某某).
_ORDINAL_MASKED = re.compile(r"[\u4e00-\u9fff][一二三四五六七八九十]某{1,2}(?!某)")
# after 某, a time of day makes 某 "one" (卿三某晚: 卿三, one evening), not a court mask
_TIME_AFTER_MOU = frozenset("晚早夜晨午")
_FUNCTION_SURNAMES = set("于向和从经由同将及把被对给到为以其该在")
_NAME_PRECEDERS = set("人员、，：；（“和与及给叫被向留") | {""}
# after these, X某 followed by 时/家/处 is still a name (给王某时, 村民王某家, 从被告人李某处)
_STRONG_PRECEDERS = set("人员给向留、和与及")
_NOT_SURNAME_LEAD = set(
    "在某其该这那每各本此一二三四五六七八九十的了是有无区路市县镇村号楼弄巷街后前从到往苑"
)
_PREMASK_FOLLOW_BAD = set(
    "日月年时分秒天地处种些个件次项人物品元克市县区镇村路街号楼室店厂家场所部局院"
)
_NICK = re.compile(
    r"(?:绰号|外号|化名|网名|昵称|小名|诨名|名叫|叫做|叫|自称|人称|称为|称呼)(?:为|是|叫)?[：:]?"
    r"[“\"「『‘']([^”\"」』’'，。]{1,6})[”\"」』’']"
)
_NICK_BARE = re.compile(
    r"(?:绰号|外号|化名|网名|昵称|小名|诨名)(?:为|是|叫)?[：:]?([\u4e00-\u9fff]{2,3})(?=[）)，。、；])"
)
_QUOTED = re.compile(r"[“\"「『]([^”\"」』，。、]{1,5})[”\"」』]")
_NICK_SUFFIX = re.compile(
    r"^[\u4e00-\u9fff]{1,3}(?:哥|姐|仔|妹|佬|叔|婆|伯|嫂|弟|爷|哥哥|老板|老大|老头|老三|老四)$|^阿[\u4e00-\u9fff]{1,2}$|^小[\u4e00-\u9fff]{1,2}$"
)
_ORG_FORM = r"(?:股份有限公司|有限责任公司|有限公司|集团公司|分公司|公司|合作社|经营部|门市部|商行|商店|厂|超市|事务所|工作室)"
_ORG_AFTER_ROLE = re.compile(
    r"(?:原告|被告|第三人|上诉人|被上诉人|申请人|被申请人|被执行人|申请执行人|被告单位|被害单位|再审申请人)"
    # (no 系 but in 系统 or 系列, no 即: 被告柳宁系湛江市恒发贸易有限公司员工 is a person and the
    # company he works for, not one company's name, which published 柳宁)
    r"(?!人)(?:[：:])?((?:(?!系(?![统列]))[^\W\d_在于将从向对把被给与和及的是了到为其即]){2,30}?"
    + _ORG_FORM
    + r")"
)
# a body of another form on a party's line (被告：湛江市麻章区恒发家具店，; 原告：某某村民委员会，):
# three characters or more before its form, the line's comma after it. Only on the line: a
# person's name may run into such a word elsewhere (被告卿伟送往医院，). No organ of the state
# (人民政府, 公安局): it acts in public, as the case number does.
_BODY_FORM = r"(?:店|馆|诊所|医院|卫生院|村民委员会|居民委员会|养殖场|农场|合伙企业)"
_BODY_ON_PARTY_LINE = re.compile(
    r"(?<![^\n。；;\s])(?:原告|被告|第三人|上诉人|被上诉人|申请人|被申请人|被执行人|申请执行人|再审申请人)"
    r"(?:[（(][^（）()\n]{1,12}[）)])?[：:]"
    r"([^\W\d_在于将从向对把被给与和及的是了到为其即系]{3,30}?" + _BODY_FORM + r")(?=[，,。；;])"
)
_ABBREV = re.compile(r"[（(]以下简称[“\"]?([^”\"）)，。]{2,12})[”\"]?[）)]")
_ORG_END = re.compile(_ORG_FORM + "$")


@dataclass(frozen=True)
class Party:
    name: str
    role: str = ""
    minor: bool = False


@dataclass(frozen=True)
class Change:
    start: int
    end: int
    original: str
    replacement: str
    kind: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Result:
    text: str
    changes: list[Change] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text, "changes": [c.as_dict() for c in self.changes]}


@dataclass
class _Person:
    name: str
    category: str = "other"
    already_masked: bool = False
    nickname: bool = False


@lru_cache(maxsize=1)
def _jieba() -> tuple[Any, dict[str, str]]:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba, jieba.posseg.dt.word_tag_tab


# where a person stands: after a preposition, before a function character, punctuation, a speech
# verb or a word jieba tags a verb (卖给高山，); or after a clause break, before a function
# character, a speech verb or a verb (，陶然于当晚…, ，高山支付; not 经审查，)
_PERSON_BEFORE_WORD = set("与和向给被让及跟同叫")
_CLAUSE_BREAK = set("，。、；：“（(")
_SPEECH = set("说称讲供证")
_PERSON_AFTER_CLAUSE = _FUNC | _SPEECH
_PERSON_AFTER = _PERSON_AFTER_CLAUSE | set("，。、；：”）)")


def _person_context(text: str, name: str) -> bool:
    """Whether some occurrence of ``name`` stands where a person does. A word that does is kept a
    name by the filters for weak evidence (places, very common nouns, untagged dictionary words):
    privacy first."""
    tag_at = _tag_at(text)
    return any(_person_place(text, *m.span(), tag_at) for m in re.finditer(re.escape(name), text))


def _person_places(text: str, name: str) -> int:
    """At how many of its places ``name`` stands where a person does (:func:`_person_context`)."""
    tag_at = _tag_at(text)
    return sum(_person_place(text, *m.span(), tag_at) for m in re.finditer(re.escape(name), text))


def _person_place(text: str, a: int, b: int, tag_at: dict[int, str]) -> bool:
    before = text[a - 1] if a else "。"
    after = text[b] if b < len(text) else "。"
    verb = tag_at.get(b, "").startswith("v")
    if before in _PERSON_BEFORE_WORD and (after in _PERSON_AFTER or verb):
        return True
    return before in _CLAUSE_BREAK and (after in _PERSON_AFTER_CLAUSE or verb)


@lru_cache(maxsize=8)
def _places_in(text: str) -> dict[str, bool]:
    """:func:`_place_here`'s answers for one text (a word is asked at every place it stands)."""
    return {}


def _place_here(text: str, word: str) -> bool:
    """Whether a city/county/province stem (:func:`_place_stems`) is the place in this text. Two
    characters that could be a surname and a given name (梁平, 江山) are the place only where the
    text also writes them as one (梁平区, 省江山) and never stand where a person does; a longer
    stem (石家庄) is the place wherever it stands (a role word still introduces a person). A
    county or district jieba does not know is one where the text writes it after its city
    (邢台市宁晋县, 赣州市章贡区) and never where a person stands."""
    if word not in _place_stems():
        if len(word) not in (2, 3) or not _is_han(word[-1]):
            return False
        answers = _places_in(text)
        key = word + "县"  # (the answer for a county, kept apart from a stem's)
        if key not in answers:
            answers[key] = re.search(
                "[市州]" + re.escape(word) + "[县区]", text
            ) is not None and not _person_context(text, word)
        return answers[key]
    if len(word) == 2 and starts_with_surname(word) == 1:
        answers = _places_in(text)
        if word not in answers:
            w = re.escape(word)
            answers[word] = re.search(
                w + "[市县省区州]|[省市]" + w, text
            ) is not None and not _person_context(text, word)
        return answers[word]
    return True


@lru_cache(maxsize=8)
def _tokens(text: str) -> tuple[tuple[str, int, int, str], ...]:
    jb, tags = _jieba()
    return tuple((w, s, e, tags.get(w, "?")) for w, s, e in jb.tokenize(text, HMM=True))


def _is_han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


_NAME_TAGS = frozenset({"nr", "nrfg", "nrt", "?"})
# characters no name starts with, that the tagger glues before one or takes as one in first-person
# testimony (我妈妈, 他儿子, 个朋友, 的老师, 了钱, 其和): no CAIL2022 train person starts with one
_NEVER_STARTS_A_NAME = set("我你他她它咱俺您其的了个")


# provinces, regions and municipalities: a tagged 安徽台 or 山东籍 is the place and one character
_PROVINCES = frozenset(
    [
        "北京",
        "天津",
        "上海",
        "重庆",
        "河北",
        "山西",
        "辽宁",
        "吉林",
        "黑龙江",
        "江苏",
        "浙江",
        "安徽",
        "福建",
        "江西",
        "山东",
        "河南",
        "湖北",
        "湖南",
        "广东",
        "海南",
        "四川",
        "贵州",
        "云南",
        "陕西",
        "甘肃",
        "青海",
        "台湾",
        "内蒙古",
        "广西",
        "西藏",
        "宁夏",
        "新疆",
        "香港",
        "澳门",
    ]
)


@lru_cache(maxsize=1)
def _place_stems() -> frozenset[str]:
    """Cities, counties and provinces without 市/县/省 (石家庄, 温州, 安徽), from the entries of
    jieba's dictionary tagged as places. jieba tags some as person names (石家庄 nr), and a
    judgment published 广某 for 广州. Two-character stems may be a person's whole name (高平):
    only names found on weak evidence (a jieba tag, the tagger) are checked against them."""
    return frozenset(
        w[: -len(suffix)]
        for w, t in _jieba()[1].items()
        if t == "ns"
        for suffix in ("自治区", "自治州", "自治县", "市", "县", "省")
        if w.endswith(suffix) and len(w) - len(suffix) >= 2 and all(_is_han(c) for c in w)
    )


_PLACE_END = set("区县市村镇乡路街省州社组队局院所站场厂店楼里岗湾港")
_ADMIN_END = frozenset("省市县区镇乡")
# the rest of a street's or village's name: 湛江市甄城伟|草桥街 (jieba's unknown 甄城伟 is no name)
_STREET_AFTER = re.compile(r"[\u4e00-\u9fff]{0,3}?(?<![一沿回])[街路巷村](?![过上遇口边])")


def _weak_wordlike(word: str) -> bool:
    """A name starting with a word-like surname outside 百家姓 (初, 玉, 岩 …), where nothing but
    jieba or a weak context (a list, 与, 给) says it is one: no name (玉手镯 in a list of jewels).
    After a role word of a party, victim or witness, in an introduction, a party list or a court
    mask it is one (证人初海军证实)."""
    return word[:1] in MODERN_WORDLIKE


def _wordlike_dictionary_word(word: str) -> bool:
    """A word jieba's dictionary knows that starts with a word-like surname outside 百家姓: it
    tags 玉米, 鹿角, 丛林, 栗子 and 朴素 as names; 初犯, 玉石 are words."""
    return _weak_wordlike(word) and word in _jieba()[1]


def _plausible_name(word: str) -> bool:
    if not 2 <= len(word) <= 4 or word in _NON_NAMES or _role_word_in_name(word):
        return False  # (但原告, one unknown word to jieba: 但 is a surname, 原告 no given name)
    if _jieba()[1].get(word, "?") not in _NAME_TAGS or word[-1] in _PLACE_END:
        return False
    if _wordlike_dictionary_word(word):
        # (an unknown word starting with a word-like surname, 初海军 or 玉手镯, is taken only
        # after a role word of a party, victim or witness: ``_weak_wordlike``)
        return False
    if not all(_is_han(c) for c in word):
        return False
    s = starts_with_surname(word)
    if not s:
        return False
    if any(c in _STOP2 for c in word[s:]):
        return False
    if len(word) - s == 2 and word[-1] in _STOP3:
        return False
    return len(word) - s <= 2


_GIVEN_TAGS = frozenset({"?", "nr", "nrfg", "nrt", "nz", "n", "ns", "a", "j"})


# A person introduced by a role word, the name and the sex (被告人甄明中，男，): the whole run is
# the name, whatever its surname. Two to four characters; five to eight where an ethnic group
# other than 汉族 follows in the introduction (被告人阿不都卡德尔，男，…，维吾尔族).
_INTRODUCTION = re.compile(r"([\u4e00-\u9fff]{2,8})[，,][男女](?=[，,。；;）)])")
_MINORITY_AFTER = re.compile(r"[^。]{0,60}?(?<!汉)族")
_NOT_IN_INTRODUCED = set("的系即及与、")
# 之 and 其 open a kinship phrase (被害人之女甄宁，女 / 其妻甄宁，女) but are given-name characters
# too (甄之涣, 甄献之, 欧阳献之, 何其): in a given name of one or two characters, and not before a
# kinship word (被害人甄之女，女: 甄's daughter)
_PRONOUN_IN_NAME = set("之其")
_KIN = set("父母妻夫子女兄弟姐妹")
_KIN_AFTER_PRONOUN = _KIN | set("孙侄甥媳婿")
# what goes on from a kinship character into a longer kinship word (姐夫, 姐姐, 父亲, 兄嫂)
_KIN_WORD_GOES_ON = _KIN_AFTER_PRONOUN | set("亲哥嫂婆公爷奶舅姨叔伯")
# no name, or words before one: 被害人身份不详，男 / 被告人一名，男 / 被害人是甄宁，女 / 原名甄明中，男
_NO_INTRODUCED_NAME = re.compile(
    r"不详|不明|在逃|无名|^[一二三四五六七八九十两\d]+[名人个]|^(?:是|为|叫|名叫|原名|又名|曾用名|化名)"
)


_TIBETAN_NAME = re.compile("(?:" + _alternation(TIBETAN_NAME_PARTS) + "){2}")
_VIETNAMESE_NAME = re.compile(
    "[" + "".join(sorted(VIETNAMESE_SURNAMES)) + "]氏[\u4e00-\u9fff]{1,2}"
)


def _minority_name_at(text: str, pos: int) -> str | None:
    """A Tibetan name of two name parts (旺堆拉珍, ``TIBETAN_NAME_PARTS``), or a Vietnamese
    woman's name (阮氏春桃, 阮氏兰) at ``pos``: no surname a reader knows and four characters,
    which no reader takes without a role word and a comma (原告阮氏春桃与被告 gave 阮某春桃).
    The given name after 氏 is one character where its second would start the next word
    (阮氏兰|出庭) or is a function character (阮氏兰|与)."""
    m = _TIBETAN_NAME.match(text, pos)
    if m:
        return m.group(0)
    m = _VIETNAMESE_NAME.match(text, pos)
    if not m or (text[pos] != "阮" and "越南" not in text):
        return None
    name = m.group(0)
    stops = _FUNC | _NEGATIONS | _KIN
    if name[2] in stops or name[2] in _NAME_STOP:
        return None
    if len(name) == 4 and (name[3] in stops or _word_starts_at(text, pos + 3)):
        name = name[:3]  # (秋月 of 阮氏秋月 is one: 月 ends no name of the readers of Han names)
    return name


def _word_starts_at(text: str, i: int) -> bool:
    """Whether jieba segmented a word of two characters or more starting at ``i``."""
    tok = _token_at(text, i)
    return tok is not None and tok[1] == i and len(tok[0]) >= 2


def _minority_names(text: str) -> Iterator[tuple[int, str]]:
    """(start, name) of each name :func:`_minority_name_at` reads in ``text``."""
    for rx in (_TIBETAN_NAME, _VIETNAMESE_NAME):
        for m in rx.finditer(text):
            name = _minority_name_at(text, m.start())
            if name:
                yield m.start(), name


# jieba's tags of a word that is no given name after a compound surname (司马|表示, 欧阳|称)
_NOT_GIVEN_AFTER_COMPOUND = frozenset({"v", "p", "c", "u", "uj", "ul", "r", "m", "f"})


# nouns after a name that make it a place's (欧阳天水库, 司马光大道)
_PLACE_NOUNS = ("水库", "大道", "公园", "广场", "大桥", "小区", "花园", "中学", "小学", "大学")


def _compound_name(text: str, toks: tuple[tuple[str, int, int, str], ...], k: int) -> str | None:
    """The name that the distinct compound surname token ``toks[k]`` (``DISTINCT_COMPOUND``)
    starts: the word after it of one or two characters, or two words of one (令狐|奇, 司马|立新,
    上官|旭睿, 东方|淑|莺 is no such surname's), whatever jieba tags it (立新 "immediately", 平安);
    or, where jieba glued the given name's first character to the surname (欧阳天|澍), that
    character and one more; not a verb, a function word, a court's mask or a place (欧阳村,
    欧阳天路)."""
    w = toks[k][0]
    given = ""
    if len(w) > 2:
        # jieba glued the given name's first character to the surname (欧阳天|澍, 欧阳天|凯, a
        # place to it): one more character joins where given names often have it
        w, given = w[:2], w[2:]
        g = toks[k + 1][0] if k + 1 < len(toks) else ""
        if (
            len(given) == 1
            and len(g) == 1
            and _is_han(g)
            and g not in _NAME_STOP
            and crf.given_name_level(g) >= "2"
        ):
            given += g
    else:
        for g, _s, _e, t in toks[k + 1 : k + 3]:
            if not (
                len(given) + len(g) <= 2
                and all(map(_is_han, g))
                and t not in _NOT_GIVEN_AFTER_COMPOUND
            ):
                break
            if len(g) == 1 and t[:1] == "v":
                break
            given += g
            if len(given) == 2:
                break
    if not given or any(
        c in _NAME_STOP
        or c in _FUNC
        or c in _NEGATIONS
        or c in _SPEECH
        or c in _MASK_CHARS
        or c in _CAPITAL_DIGITS  # (司马壹号: a numeral)
        for c in given
    ):
        return None
    name = w + given
    end = toks[k][1] + len(name)
    if (
        given[-1] in _PLACE_END
        or text[end : end + 1] in _PLACE_END
        or text.startswith(_PLACE_NOUNS, end)
        or name in _NON_NAMES
        or _role_word_in_name(name)
    ):
        return None  # (欧阳村, 欧阳天路, 欧阳天水库: places)
    return name


def _role_word_in_name(name: str) -> bool:
    """Whether an introduced name holds a role word, and is a role word and a name (之女甄宁，女;
    妻子甄宁，女); not a joining character of a given name (甄和怡, 卿淑和), nor a common noun a
    surname and a given name make (房东升: 房 and 东升)."""
    return any(
        len(m.group(0)) > 1
        and not (m.group(0) in _WEAK_ROLE_WORDS and m.start() == 0 and len(name) <= 3)
        for m in _ROLE_RX.finditer(name)
    )


def _introduction_at(text: str, pos: int) -> str | None:
    """The name of a person introduced at ``pos`` (right after a role word), or None."""
    m = _INTRODUCTION.match(text, pos)
    if not m:
        return None
    name = m.group(1)
    s = starts_with_surname(name) or 1
    if (
        _NOT_IN_INTRODUCED & set(name)
        or any(
            c in _PRONOUN_IN_NAME
            and (i < s or len(name) - s > 2 or name[i + 1 : i + 2] in _KIN_AFTER_PRONOUN)
            for i, c in enumerate(name)
        )
        or _MASK_CHARS & set(name)
        or _role_word_in_name(name)
        or _NO_INTRODUCED_NAME.search(name)
    ):
        return None  # 被害人之女甄宁，女 / 被害人妻子甄宁，女 (another role word introduces her)
    if len(name) > 4 and not _MINORITY_AFTER.match(text, m.end()):
        return None
    return name


# a party section's line: a role word, a colon, the name and what the person is (法定代表人：卿伟，
# 该公司总经理; 负责人：卿伟，该村委会主任; 委托诉讼代理人：卿伟，该公司员工)
_LINE_NAME = re.compile(r"([\u4e00-\u9fff]{2,4})(?=[，,。；;（(）)])")
# and a name's other name in brackets after it, read so up to the bracket (卿伟（曾用名卿永和）)
_ALIAS_WORDS = frozenset(["曾用名", "又名", "别名", "化名"])


def _line_name_at(text: str, pos: int) -> str | None:
    """The name of a person a party section's line names at ``pos``, right after a role word and
    a colon: a surname and a given name, whole up to the comma, whatever words jieba makes of it
    (龙海洋, 高国庆: 海洋 and 国庆 are words); not a body (湛江市), a mask, a role word or a
    function character (被告人：无，) but one that starts a given name (韦向阳, 甄于洋)."""
    m = _LINE_NAME.match(text, pos)
    if not m:
        return None
    name = m.group(1)
    s = starts_with_surname(name)
    if (
        not 0 < s < len(name)
        or (len(name) == 4 and s != 2)
        or any(
            (c in _STOP2 and not (i == s and c in _FUNCTION_GIVEN)) or c in _MASK_CHARS
            for i, c in enumerate(name[: _given_name_end(name)])
            if i >= s
        )
        or _role_word_in_name(name)
        or _NO_INTRODUCED_NAME.search(name)
        or _ORG_END.search(name)
        or (name[-1] in _PLACE_END and not _place_char_ends_given_name(name))
        or _jieba()[1].get(name) == "ns"
        or name in _NON_NAMES
    ):
        return None
    return name


_INTRODUCED_BY = re.compile(r"经([\u4e00-\u9fff]{2,4}?)(?:的)?介绍")


# A person's statement in the list of evidence (证人甄明中的证言, 被害人甄宁陈述, 被告人甄明供述):
# the two or three characters between the role word and the kind of statement are the name,
# even where jieba joins the surname to the first given character (温水|强: "warm water").
_STATEMENT = r"(?:证言|证词|陈述|供述|辨认)"
_EVIDENCE_NAME = re.compile(r"([\u4e00-\u9fff]{2,3}?)的?" + _STATEMENT)
# what stands between a role word and 供述 without being a name: a function word or adverb
# (能如实供述, 被告人均供述, 被告人甄明未供述), or a time or place after a word (到案后, 法庭上,
# 明确地). 于 为 以 至 向 和 从 start given names too (甄以宁, 甄从容) and are not here.
_NOT_GIVEN_START = (_FUNC - set("于为以至向和从")) | set(
    "亦均曾未再能会可应要了着过所其他她它们个次"
)
_NOT_GIVEN_WORD_TAGS = frozenset({"d", "p", "c", "u", "r", "t", "vn", "ad"})


_EVIDENCE_NUMBER = re.compile(
    r"[（(][0-9０-９一二三四五六七八九十]{1,3}[）)]|(?<![0-9０-９])[0-9０-９]{1,2}[、．.]"
    r"|(?<![\u4e00-\u9fff])[一二三四五六七八九十]{1,3}、"
)


def _evidence_name_at(text: str, pos: int) -> str | None:
    """The name of a person whose statement is listed as evidence at ``pos`` (right after a
    role word), or None. After a surname that is also a word (经 有 能 原 于 曾 金 …) the run is a
    name only where no dictionary word hides in it (经|询问, 原审|中, 金|大成), or where it
    stands again elsewhere and its given name is no word (温水强 … 温水强)."""
    m = _EVIDENCE_NAME.match(text, pos)
    if not m:
        return None
    name = m.group(1)
    s = starts_with_surname(name)
    if not s or len(name) <= s:
        return None
    given = name[s:]
    tags = _jieba()[1]
    if (
        _MASK_CHARS & set(name)
        or re.search(_STATEMENT, name)  # 被害人陈述及辨认笔录
        or given[0] in _NOT_GIVEN_START
        or any(
            (c in _ENDS_GIVEN_NAME and c != "人") or c in _NOT_GIVEN_START or c in "地之"
            for c in given[1:]
        )  # 甄明未供述, 甄宁之陈述 (but 卿立人)
        or any(len(r) > 1 for r in _ROLE_RX.findall(name))  # 妻子 (和平, 向东 are names)
        or name in _NON_NAMES
        or _NO_INTRODUCED_NAME.search(name)
        or tags.get(name, "nr") not in _NAME_TAGS  # 有罪, 当庭, 相关, 后来
        or (len(given) > 1 and tags.get(given, "nr") in _NOT_GIVEN_WORD_TAGS)  # 能|如实
    ):
        return None
    if s == 1 and name[0] in _SURNAMES_ALSO_WORDS:
        words = [w for w in (name[:2], given) if len(w) > 1 and tags.get(w, "nr") not in _NAME_TAGS]
        if name[0] not in _FUNCTION_OR_ADVERB_SURNAMES:
            # a numeral or grade word hides in no sentence here: 证人高|一峰 (高一, "senior one";
            # 一峰 tagged a numeral), unlike 有|一些
            words = [w for w in words if tags.get(w, "")[:1] not in ("m", "b")]
        if name[-1] == "中" or (words and (given in tags or text.count(name) < 2)):
            return None
    return name


# A name with a space inside it, as text taken from a typeset page has (被害人甄 明远，, 证实被告人
# 卿伟 华、…): one name of two or three characters (four after a two-character surname), the
# space dropped; it is matched with or without the space wherever it stands (``_name_rx``).
_SPACE_IN_NAME = "[ \u3000\xa0]"
_SPACED_NAME = re.compile(
    "([\u4e00-\u9fff]{1,2})" + _SPACE_IN_NAME + "{1,2}([\u4e00-\u9fff]{1,2})(?=[，,、（(。；;：:])"
)


def _spaced_name_at(text: str, pos: int) -> str | None:
    """The name with a space inside it introduced at ``pos`` (right after a role word), or None."""
    m = _SPACED_NAME.match(text, pos)
    if not m:
        return None
    name = m.group(1) + m.group(2)
    s = starts_with_surname(name)
    # the second part is a word that is no given name: 被告人曾 表示， 证人于 当晚， (after a surname
    # that is also a word, an adverb or time word too: 甄 国庆 and 甄 立新 are names)
    second = _jieba()[1].get(m.group(2), "nr")
    wordlike = m.group(1) in _SURNAMES_ALSO_WORDS
    if second in {"v", "vn", "p", "c", "u", "r", "f"} or (
        wordlike and second in _NOT_GIVEN_WORD_TAGS
    ):
        return None
    if (
        not s
        or len(name) > 3 + (s == 2)
        or len(m.group(1)) > s + (len(m.group(2)) == 1)  # 甄宁 卿伟: two names
        or any(c in _NAME_STOP or c in _MASK_CHARS for c in name[s:])  # 甄宁 男，
        or name in _NON_NAMES
        or _ROLE_RX.search(name)
        or _jieba()[1].get(name, "nr") not in _NAME_TAGS
    ):
        return None
    return name


def _name_rx(name: str) -> str:
    """A pattern for a person's name, a space allowed between its characters (甄 明远)."""
    chars = [c for c in name if not c.isspace()]
    if len(chars) < 2 or not all(_is_han(c) for c in chars):
        return re.escape(name)
    return (_SPACE_IN_NAME + "{0,2}").join(chars)


# surnames that after a role word are far more often an adverb (被告人都/亦/均/已…)
_ADVERBS_BEFORE_SURNAMES = frozenset("都亦也又便就才仍还均已另却而且虽再只")


# function characters that also start given names (甄为明, 甄和宁, 甄以诚, 甄从军, 甄于飞, 甄在民)
_FUNCTION_GIVEN = frozenset("为以和从向至于在")
# a pair this common that jieba knows as no name is the word (为了, 以后, 从此, 至今, 于是, 在于)
_FUNCTION_GIVEN_WORD_FREQ = 1000
# and phrases of a court's that jieba does not know as words (被告人甄在逃)
_FUNCTION_GIVEN_PHRASES = frozenset(
    [
        "在逃",
        "在押",
        "在案",
        "在外",
        "在场",
        "在家",
        "在岗",
        "在职",
        "在校",
        "为首",
        "从轻",
        "从重",
        "从宽",
        "和好",
    ]
)
# after 在/于/至/从/向 and one character, a place's or a time's word: 被告人张在京时, 刘在车内
_PLACE_AFTER_FUNCTION = frozenset("时内上下后前里中外边处间")


def _three_before_an_end(text: str, pos: int, more_stops: str = "") -> str:
    """The three characters at ``pos`` where they may be a surname and a given name that end
    before a function character, a verb of :data:`_STOP3`, a verb of speech or punctuation, else
    "": the checks both readings below share. Not after a surname that is also an adverb or
    ambiguous (被告人曾在…), nor a third character no name has (甄在该处, 甄为他人), nor one that
    makes a word with what follows (代为偿|还, 卿于次|日; but 甄为明|于: 明于 is a rare word), nor
    a name jieba knows as a word."""
    name, after = text[pos : pos + 3], text[pos + 3 : pos + 4]
    if len(name) < 3 or name[0] in _FUNCTION_OR_ADVERB_SURNAMES or name[0] in AMBIGUOUS:
        return ""
    c2 = name[2]
    if not _is_han(c2) or c2 in _NAME_STOP or c2 in _MASK_CHARS or c2 in more_stops:
        return ""
    if after and _is_han(after) and after not in _STOP3 and after not in _SPEECH:
        return ""
    jb, tags = _jieba()
    if (
        name in _NON_NAMES
        or tags.get(name, "nr") not in _NAME_TAGS
        or (after and jb.dt.FREQ.get(c2 + after, 0) >= _COMMON_WORD_FREQ)
    ):
        return ""
    return name


def _function_given_name(text: str, pos: int) -> str | None:
    """After the role word of a party, victim or witness: a surname, a function character of
    :data:`_FUNCTION_GIVEN` and one more character (:func:`_three_before_an_end`: 被告人甄为明于
    当晚…, 甄和宁以手机为工具, 证人甄以诚证实). Not where the first two are a verb (代为, 乐于,
    施以), nor the last two a common word or a court's phrase (甄为了, 甄以后, 甄在逃), nor two
    people by surname (被告人甄和卿均系初犯)."""
    name = _three_before_an_end(text, pos, more_stops="该此这那本每各另")
    after = text[pos + 3 : pos + 4]
    if (
        not name
        or after in _MASK_CHARS
        or after in _ALIAS_AFTER  # 被告人王从甄某处, 王和李甲: the next person's mask
        or (name[1] == "和" and after and after in "均都共俩")  # 甄和卿均系: two people
        or (name[2] in COMMON and name[1] in "和向从以在为于")  # 王向李借款, 王和李: two people
        or (name[1] in "在于至从向" and after and after in _PLACE_AFTER_FUNCTION)  # 张在京时
    ):
        return None
    jb, tags = _jieba()
    pair = name[1:]
    if (
        pair in _FUNCTION_GIVEN_PHRASES
        or tags.get(name[:2], "nr") not in _NAME_TAGS
        or (
            tags.get(pair, "nr") not in _NAME_TAGS
            and (
                jb.dt.FREQ.get(pair, 0) >= _FUNCTION_GIVEN_WORD_FREQ
                or tags[pair] in {"v", "d", "a"}
            )
        )
    ):
        return None
    return name


# nouns that stand between a role word and a name (被告单位, 被告人家属): never a name's start
_WORDS_BEFORE_NAMES = frozenset(["单位", "家属", "代表", "亲属", "家人", "本人"])


def _name_over_word(text: str, pos: int) -> str | None:
    """After the role word of a party, victim or witness: a surname whose first given-name
    character makes a dictionary word with it (jieba reads 黄金, 殷家) and one more character
    (:func:`_three_before_an_end`: 被告人黄金秀与…, 被告人甄家明以手机…). Not where the word is
    a verb, an adverb or a place word (被告人支付了, 单独或, 家里有), the third character no given
    name's (商量了, 宿舍玩), nor a noun before a masked name (被告人家属甄某, 被告单位北×)."""
    name = _three_before_an_end(text, pos)
    after = text[pos + 3 : pos + 4]
    if not name or after in _MASK_CHARS or after in _ALIAS_AFTER:
        return None
    if (
        _jieba()[1].get(name[:2]) in _NOT_GIVEN_WORD_TAGS - {"t"} | {"v", "s"}
        or crf.given_name_level(name[2]) == "0"
        or name[:2] in _WORDS_BEFORE_NAMES
    ):
        return None
    return name


# The party role words a civil judgment also writes bare, for the party itself, with no name
# after them: 被告尚欠原告货款, 原告应提供凭证, 二被告却拒不归还, 原、被告曾系同事. (The parties'
# names come from the case's party list; these words only need no false name.)
_BARE_PARTY_ROLES = frozenset({"原告", "被告"})
# a name introduced, or speaking in a civil judgment's words, somewhere in the text
_INTRODUCED_AFTER = re.compile(r"[，,][男女]")
_PARTY_NAME_AFTER = re.compile(_INTRODUCED_AFTER.pattern + "|诉称|辩称|述称|答辩|上诉称")
# the tags of a word after a surname that are a name's (or may be: jieba's unknown run)
_GIVEN_NAME_WORD_TAGS = frozenset({"nr", "nrfg", "nrt", "?", "ns", "nz", "nt"})


def _clause_after_bare_role(
    text: str, pos: int, name: str, tok_at: dict[int, tuple[str, str]]
) -> bool:
    """Whether ``name``, read at ``pos`` after a bare 原告/被告, is the clause going on: its
    surname a word too (尚 应 都 却 曾 原 能 经 从 向 钱 家 方: still, should, all, but …), that
    jieba reads alone or inside the role word (被告方|按), followed by a verb, a preposition, a
    conjunction or an adverb (原告应|提供, 被告都|称, 被告应|共同), or by a word no given name is
    made of (被告经|质证, 原告从|银行); or run by jieba into one unknown word with a verb no given
    name has (被告尚欠, 原被告原系), or into a word its dictionary knows well (被告付清). A name
    introduced or speaking anywhere (应建设辩称, 甄明中，男) is kept."""
    if name[0] not in _BARE_ROLE_WORD_SURNAMES or len(name) < 2:
        return False
    after = [e for _s, e in _occurrence_spans(text, name)]
    if name[1] in _NEGATIONS and not any(_INTRODUCED_AFTER.match(text, e) for e in after):
        return True  # an adverb and a negation, even before a party's words (被告都不辩称)
    if any(_PARTY_NAME_AFTER.match(text, e) for e in after):
        return False
    if name[1] in _FUNC or name[1] in "之本该":
        return True  # 被告付之日起, 被告于本判决生效之日起
    first = tok_at.get(pos)
    if first and len(first[0]) == 2 and first[0] == name[:2] and first[1] == "?":
        c1 = name[1]
        return _jieba()[1].get(c1) in {"v", "p"} and crf.given_name_level(c1) == "0"
    if (
        first
        and len(first[0]) == 2
        and name.startswith(first[0])
        and _dictionary_name_not_name(first[0])
    ):
        return True  # 被告付清|了: a word jieba's dictionary knows well (tagged a name)
    if first and len(first[0]) > 1:
        return False
    word = tok_at.get(pos + 1)
    if not word or word[1] in _GIVEN_NAME_WORD_TAGS:
        return False
    if word[1][0] in "vpcd" and word[1] != "vn":
        return True
    # a word no given name is made of: every character seldom (or never) in one, and one never
    # (质证, 银行, 宽限; not 建设, 2 0: 应建设 may be someone)
    levels = [int(crf.given_name_level(c)) for c in word[0]]
    return min(levels) == 0 and max(levels) <= 1


# a case's heading: the party bringing it, then the other party and the cause (原告柳宁诉被告方波民间
# 借贷纠纷一案, 上诉人柳宁因与被上诉人…, 申请人柳宁与被申请人…)
_HEADING_ROLES = frozenset({"原告", "上诉人", "申请人", "再审申请人", "申请执行人", "申诉人"})
_HEADING_OTHER_ROLES = frozenset({"被告", "被上诉人", "被申请人", "被执行人"})
_OTHER_SIDE = r"(?:因与|诉|与|和)(?:原审|一审|二审)?(?:被告|被上诉人|被申请人|被执行人)"
_HEADING_OTHER_SIDE = re.compile(_OTHER_SIDE + "(?!人)")
_AFTER_HEADING_OTHER_SIDE = re.compile(_OTHER_SIDE + r"(?:[（(][^（）()]{1,12}[）)])?[：:]?$")
_CAUSE_AFTER = re.compile(r"[\u4e00-\u9fff]{2,20}?(?:纠纷|一案)")
# a party speaking in a civil judgment's words, or said to be someone (原告金泽刚诉称, 被告方波辩称,
# 被告金飞系某公司员工): said once, the name was published where jieba did not read it as one
_SPEAKING_ROLES = _HEADING_ROLES | _HEADING_OTHER_ROLES | {"第三人"}
# (or acting in a civil judgment's set phrases: 原告金泽刚向本院提出诉讼请求, 被告方波经本院传票传唤,
# 被告方波未到庭)
_PARTY_SPEAKS = re.compile(
    "诉称|辩称|述称|答辩称|上诉称|系(?![统列])"
    "|向本院(?:提出|起诉|提起|申请|递交|请求)"
    "|经(?:本院)?(?:合法|依法)?(?:传票)?传唤"
    "|未(?:到庭|出庭|答辩|作答辩|提交|提供|作陈述|陈述|参加|应诉|发表)"
    "|起诉请求|提出(?:反诉|诉讼请求|上诉)"
)
# from this frequency on, a dictionary word that is no name is that word (原告单位与被告, 原告商铺与被
# 告, 被告应诉时辩称: 单位 17,532, 商铺 48, 应诉 25; 方波, "square wave", 10)
_HEADING_WORD_FREQ = 20
# and from this one on, the two characters where a name would meet the heading's next word make
# that word (原告柳宁起|诉被告: 起诉 530; 石强|辩称: 强辩 24)
_HEADING_JOINT_FREQ = 100
_EARLIER_STAGE = re.compile("原审|一审|二审|再审")


def _introducer_name(name: str) -> bool:
    """Whether the three characters between 经 and 介绍 are a surname and a given name, whatever
    words jieba reads there (经柳明艳介绍, 经卿成功介绍: 明艳 and 成功 are words; not 经过朋友介绍,
    经这个朋友介绍: a role word, four characters). In all the benchmark texts each of the 118 such
    runs that are no court's mask is a person's name."""
    return (
        len(name) == 3
        and starts_with_surname(name) == 1
        and not any(c in _NAME_STOP or c in _MASK_CHARS for c in name)
        and name not in _NON_NAMES
        and not _role_word_in_name(name)
    )


def _heading_name(text: str, pos: int, n: int, speaks: bool = False) -> bool:
    """Whether the ``n`` characters at ``pos``, standing where a case's heading or a party's words
    name a party, are a person's name: a surname and more (four characters with a compound
    surname only), no mask, function character, organisation, place or earlier stage (原审), no
    role word after them, and no word inside them that jieba knows ``_HEADING_WORD_FREQ`` times
    or more as no name (原告单位与被告, 原告方律师辩称, 原告付款后诉称, 诉被告方民间借贷纠纷, 原告陈述时
    诉称: 单位, 律师, 付款, 民间, and 陈述, a common word jieba tags as a name), nor such a word
    whole (第三人应诉述称). ``speaks``: the name speaks or is said to be someone (原告江华诉称, 被告
    江华系): a place's or another proper name there (江华, a county) is a person's."""
    name = text[pos : pos + n]
    tags, freq = _jieba()[1], _jieba()[0].dt.FREQ
    proper = speaks and tags.get(name) in {"ns", "nz"}
    if not (
        all(_is_han(c) and c not in _MASK_CHARS for c in name)
        and not any(c in _FUNC for c in name[_function_surname(name) : _given_name_end(name)])
        and text[pos + n : pos + n + 1] not in _MASK_CHARS  # (湛江|某某银行: a masked body's)
        and (proper or tags.get(name, "nr") in _NAME_TAGS or freq.get(name, 0) < _HEADING_WORD_FREQ)
        and 0 < starts_with_surname(name) < n
        # four characters only with a compound surname (原告方陈宁升诉称 is the side and 陈宁升)
        and (n < 4 or starts_with_surname(name) == 2)
        and name not in _NON_NAMES
        and (name[-1] not in _PLACE_END or _place_char_ends_given_name(name))
        and not _ORG_END.search(name)
        and not _EARLIER_STAGE.match(name)
        and not _PERSON_ROLE_RX.match(text, pos + n)
    ):
        return False
    starts = _token_starts(text)
    for w, ws, we, tag in _tokens(text)[bisect.bisect_left(starts, pos) :]:
        if we > pos + n:
            break
        if ws == pos and we - ws <= starts_with_surname(name):
            continue  # the surname (上官, a word too)
        if ws > pos and crf.attested_given_name(w) and freq.get(w, 0) < _VERY_COMMON_NOUN_FREQ:
            continue  # a given name that is a word too (金|明远, 卿|永新; not 方|律师)
        if speaks and tags.get(w) in {"ns", "nz"} and (we == pos + n or w == name):
            continue  # a place's or another proper name, whole or as the given name (甄|永和)
        if len(w) >= 2 and (
            (tag not in _NAME_TAGS and freq.get(w, 0) >= _HEADING_WORD_FREQ)
            or _dictionary_name_not_name(w)
        ):
            return False
    return True


# the characters of ``_PLACE_END`` that end given names often enough to read them so after a role
# word (建社, 万里, 金岗, 立州, 世楼: in the LeCaRD judgments' introduced names, each of 州 岗 社 楼 里
# ends as many as the rest together, and none of them a village's, a road's or a port's name)
_GIVEN_NAME_PLACE_END = frozenset("社州楼岗里")
# the tags of a given name that is rather a place or a common noun (新区, 家村: 卿新区, 卿家村)
_PLACE_GIVEN_TAGS = frozenset({"ns", "n", "s", "f"})


def _place_char_ends_given_name(name: str) -> bool:
    """Whether the character of ``_GIVEN_NAME_PLACE_END`` that ends ``name``, three characters
    with a one-character surname, ends its given name (甄建社, 卿万里, 卿金岗): the whole is no
    place nor a word jieba knows well (连云港, 养老院), its second character no 家 (何家岗, a
    hamlet), and the given name no word to jieba, or a given name it knows that is no place or
    noun (万里; not 新区)."""
    if (
        len(name) != 3
        or name[-1] not in _GIVEN_NAME_PLACE_END
        or starts_with_surname(name) != 1
        or name[1] == "家"
        or _jieba()[1].get(name) == "ns"
        or _jieba()[0].dt.FREQ.get(name, 0) >= _HEADING_WORD_FREQ
    ):
        return False
    given = name[1:]
    if given not in _jieba()[0].dt.FREQ:
        return True
    return crf.attested_given_name(given) and _jieba()[1].get(given) not in _PLACE_GIVEN_TAGS


# function characters that end many given names (永和, 有为): 被告甄永和未到庭 gave 甄某和
_FUNCTION_GIVEN_END = frozenset("和为")


def _given_name_end(name: str) -> int:
    """Where ``_heading_name``'s test for function characters ends: before the last character of
    a two-character given name that is one of ``_FUNCTION_GIVEN_END``."""
    given = len(name) - starts_with_surname(name)
    return len(name) - 1 if given == 2 and name[-1] in _FUNCTION_GIVEN_END else len(name)


def _function_surname(name: str) -> int:
    """1 where ``name`` starts with a surname that is a function character too (上诉人向婷因与被上
    诉人, 再审申请人和娟因与, 被告于泽刚辩称: 向 于 和 从 经 都), the rest is no word but a given
    name (被告于庭上辩称, 原告向本院诉称: a preposition and a place) and does not start with a
    surname of its own (原告和甄明诉称 is 和 and 甄明, not a 和甄明); else 0."""
    rest = name[1:]
    if not rest or name[0] not in _FUNC or starts_with_surname(name) != 1:
        return 0
    if any(c in _NEGATIONS for c in rest):
        return 0  # (被告都不辩称)
    if (
        len(rest) > 1
        and rest in _jieba()[0].dt.FREQ
        and _jieba()[1].get(rest) not in _GIVEN_NAME_WORD_TAGS
        and not crf.attested_given_name(rest)
    ):
        return 0  # (于|庭上, 向|本院)
    own = starts_with_surname(rest)
    return 1 if not own or len(rest) == own or rest[0] in AMBIGUOUS else 0


def _name_before(text: str, pos: int, after: re.Pattern[str], speaks: bool = False) -> str | None:
    """The name of two to four characters at ``pos`` that ``after`` follows (``_heading_name``),
    but not where the name's last character and the next make a common word (原告柳宁起|诉被告,
    柳宁参|与被告, 柳宁上|诉称: 起诉, 参与 and 上诉; 石强|辩称 is a name, 强辩 a rare word)."""
    for n in (2, 3, 4):
        adverb = text[pos + n : pos + n + 1]
        if (
            after.match(text, pos + n)
            or (
                adverb in _ADVERBS_AFTER_SUBJECT
                and after.match(text, pos + n + 1)
                and (
                    n > 2
                    or (
                        adverb in _STOP3_ADVERBS
                        and _stands_without(text, text[pos : pos + n], adverb)
                    )
                )
            )
        ) and _jieba()[0].dt.FREQ.get(text[pos + n - 1 : pos + n + 1], 0) < _HEADING_JOINT_FREQ:
            # (an adverb between the name and the bound: 被告柳宁、金泽刚均|未到庭; after a
            # one-character given name only where the name stands elsewhere without it and the
            # rules never read it as a given name's second character: 甄伟均 beside 甄伟, but a
            # 卿明即 said once is 卿明即)
            if _adverb_after(text, pos, text[pos : pos + n]):
                n -= 1  # 被告孟宁原|系, 被告卿宁尚|系 beside 卿宁: the adverb is not the name's
            return text[pos : pos + n] if _heading_name(text, pos, n, speaks) else None
    return None


# what a preposition 为 or a conjunction 和 takes after it (为其, 为此, 为了, 为某公司, 和他)
_AFTER_JOINING_WORD = frozenset("其此了他她它某我你们")


def _joins_what_follows(text: str, pos: int) -> bool:
    """Whether the 和 or 为 before ``pos`` is rather a conjunction or a preposition: a pronoun, 此,
    了, a mask, a role word or a name follows (甄广为其提供帮助, 甄平和卿伟, 甄永和原告系朋友)."""
    c = text[pos : pos + 1]
    return (
        c in _AFTER_JOINING_WORD
        or bool(_PERSON_ROLE_RX.match(text, pos))
        or (starts_with_surname(text, pos) > 0 and c not in AMBIGUOUS)
    )


def _stands_without(text: str, name: str, after: str) -> bool:
    """Whether ``name`` stands somewhere in ``text`` without ``after`` right after it (甄伟 beside
    甄伟均, 卿宁 beside 卿宁尚)."""
    return re.search(re.escape(name) + "(?!" + re.escape(after) + ")", text) is not None


def _bounded_name_at(
    text: str, pos: int, role_word: str, other_side: bool, tok_at: dict[int, tuple[str, str]]
) -> str | None:
    """``_heading_names_at``'s name at ``pos`` (the last of a list), or None."""
    name = (
        _name_before(text, pos, _PARTY_SPEAKS, speaks=True)
        if role_word in _SPEAKING_ROLES
        else None
    )
    if name:
        return name
    if role_word in _HEADING_ROLES:
        return _name_before(text, pos, _HEADING_OTHER_SIDE)
    if not other_side:
        return None
    for n in (2, 3, 4):
        word = tok_at.get(pos + n)
        if word and len(word[0]) >= 2 and word[1] not in _NAME_TAGS:
            name = text[pos : pos + n]
            return (
                name if _CAUSE_AFTER.match(text, pos + n) and _heading_name(text, pos, n) else None
            )
    return None


# the most names a heading's or a speaking party's list is read for
_MAX_LISTED = 8
# an organisation in such a list, up to its end (湛江市恒发贸易有限公司、); nothing of a heading or
# a party's words inside (原告金泽刚因与被申请人某某超市、卿伟… is 金泽刚 first)
_LISTED_ORG = re.compile(
    r"(?:[^\W\d_、，。；：与因诉称被系]{2,30}?"
    + _ORG_FORM
    # and bodies of other forms, with three characters or more before the form: no person's
    # name (湛江市恒发五金店、杜明中诉称; 中国农业银行股份有限公司湛江分行、…; 湛江市某某医院、…)
    + r"|[^\W\d_、，。；：与因诉称被系]{3,30}?"
    + r"(?:店|银行|分行|支行|营业部|中心|医院|卫生院|学校|委员会|合伙企业|研究所|协会|政府|局|馆)"
    + ")(?=[、诉辩述答上系与因])"
)


def _heading_names_at(
    text: str, pos: int, role_word: str, tok_at: dict[int, tuple[str, str]]
) -> list[str]:
    """The names of two to four characters at ``pos``, after ``role_word``, that a party's words
    bound (原告金泽刚诉称, 被告方波辩称) or a case's heading: the bringing party's run right up to
    the other side (原告金泽刚诉被告, 上诉人白明远因与被上诉人), the other party's up to the cause, a
    word of its own to jieba (诉被告方波|离婚纠纷一案, 诉被告金泽刚|民间借贷纠纷一案); one name, or a
    list of them so bounded (原告柳宁、金泽刚诉被告, 被告陆霞凯、石强辩称). Whatever jieba makes of
    a name itself (金泽刚诉 one unknown word, 方波 "square wave", 白 and 金 word-like surnames),
    nothing else stands there."""
    if role_word not in _SPEAKING_ROLES:
        return []
    other_side = role_word in _HEADING_OTHER_ROLES and bool(
        _AFTER_HEADING_OTHER_SIDE.search(text, max(0, pos - 24), pos)
    )
    names: list[str] = []
    for _ in range(_MAX_LISTED):
        name = _bounded_name_at(text, pos, role_word, other_side, tok_at)
        if name:
            return [*names, name]
        org = _LISTED_ORG.match(text, pos)
        if org:
            # an organisation among the parties (原告湛江市恒发贸易有限公司、杜明中诉称)
            if text.startswith("、", org.end()):
                pos = org.end() + 1
                continue
            bound = _PARTY_SPEAKS if role_word in _SPEAKING_ROLES else _HEADING_OTHER_SIDE
            return names if bound.match(text, org.end()) else []
        n = next((n for n in (2, 3, 4) if text[pos + n : pos + n + 1] == "、"), 0)
        if not n:
            return []
        if _heading_name(text, pos, n):
            names.append(text[pos : pos + n])
        # (else a name that is a word too, left to the other rules, and the list goes on:
        # 原告白玉兰、卿伟、金泽刚诉称 published 卿伟 and 金泽刚)
        pos += n + 1
    return []


def _side_of_role(text: str, pos: int) -> bool:
    """Whether the 方 at ``pos``, in a word with the role word before it (原告方), is "the side"
    with no name after it: a function character or a common dictionary word follows it (原告方认为,
    被告方也, 被告方律师, 被告方明知; not 原告方明远诉称, 原告方陈宁升诉称, nor where the name is
    introduced: 被告方不凡，男)."""
    if _introduction_at(text, pos):
        return False
    nxt = text[pos + 1 : pos + 2]
    if not _is_han(nxt) or nxt in _FUNC:
        return True
    w, ws, _we, t = _token_at(text, pos + 1) or ("", -1, -1, "")
    return (
        ws == pos + 1
        and len(w) >= 2
        and t not in _NAME_TAGS
        and bool(_common_word(w))
        and _jieba()[0].dt.FREQ.get(w, 0) >= _SIDE_WORD_FREQ  # (not 明远, an adjective seldom seen)
    )


_SIDE_WORD_FREQ = 100


def _name_at(
    text: str, pos: int, tok_at: dict[int, tuple[str, str]], strong: bool = False
) -> str | None:
    """A name starting exactly at ``pos`` (after a role word), or None. ``strong``: the role
    word names a party, victim, witness … (被告人向成娟在…: an ambiguous surname is accepted
    when two name characters and then a function character follow)."""
    s = starts_with_surname(text, pos)
    if not s or _PROCEDURAL_ROLE_RX.match(text, pos + s) or _STAGE_ROLE.match(text, pos):
        # (被告和原告于: 和 and another role word, not a person called 和原告; 与原审第三人: a
        # role word of an earlier stage, not a person called 原审第)
        return None
    tok = tok_at.get(pos)
    if not strong and _weak_wordlike(text[pos : pos + 2]):
        return None
    if s == 1 and text[pos] in _FUNC and starts_with_surname(text, pos + 1) == 2:
        return None  # a preposition before a compound surname (经皇甫梅介绍 is 皇甫梅's)
    if _INTRODUCED_BY.match(text, pos):
        return None  # 被告经卿宁远介绍: "through" the person who introduced them
    if text[pos] in AMBIGUOUS and s == 1:
        if tok and tok[1] in {"nr", "?"} and _plausible_name(tok[0]):
            name = tok[0]
            last = text[pos + 2 : pos + 3]
            if (
                strong
                and len(name) == 2
                and tok_at.get(pos + 2, ("", ""))[0] == last
                and _is_han(last)
                and last not in _NAME_STOP
                and text[pos + 3 : pos + 4] in _STOP3
                and _plausible_name(name + last)
            ):
                # (儿子尉东|澄、, 其妻高涛|冬的: jieba's unknown word or name and the one character
                # before a list's comma or a function character, a three-character name)
                name += last
            return _without_adverb(text, pos, name)
        given2, end = text[pos + 1 : pos + 3], text[pos + 3 : pos + 4]
        gtok = tok_at.get(pos + 1)
        if (
            strong
            and gtok
            and gtok[1] in {"nr", "nrfg"}
            and len(gtok[0]) == 2
            and gtok[0][0] not in COMMON
            and all(_is_han(c) and c not in _MASK_CHARS for c in gtok[0])
            and text[pos : pos + 3] not in _NON_NAMES
        ):
            # jieba reads the two characters after the ambiguous surname as a given name:
            # 证人于|红梅证实 is 于红梅 (taking 红梅 alone would leave 于 and make 红 the surname)
            return _without_adverb(text, pos, text[pos : pos + 3])
        if (
            strong
            and (tok is None or len(tok[0]) == 1 or tok[1] == "?")
            and len(given2) == 2
            and all(_is_han(c) and c not in _NAME_STOP for c in given2)
            and (not end or not _is_han(end) or end in _STOP3)
            and (gtok is None or gtok[1] in _GIVEN_TAGS)
            and text[pos : pos + 3] not in _NON_NAMES
            and not (gtok and gtok[0] == given2 and _common_word_not_given_name(given2))
        ):
            # (原告向|本院|诉称, 原告于|庭审|诉称: a preposition and a common word, no 向本院)
            return _without_adverb(text, pos, text[pos : pos + 3])
        return None
    c1 = text[pos + s : pos + s + 1]
    if strong and s == 1 and c1 in _FUNCTION_GIVEN:
        return _function_given_name(text, pos)
    if not c1 or not _is_han(c1) or (c1 in _STOP2 and not (s == 2 and c1 in _FUNCTION_GIVEN)):
        # (after a compound surname, a function character starts the given name: 司马向阳,
        # 皇甫和凤; 欧阳 is no preposition's object)
        return None
    word_after = tok_at.get(pos + s)
    if s == 1 and word_after and len(word_after[0]) > 1:
        read_as_adverb = tok_at.get(pos, ("", ""))[1] in _NOT_GIVEN_WORD_TAGS  # jieba: 曾|, 都|
        if (
            re.fullmatch(_STATEMENT, word_after[0])  # 被告人都|供述
            or (
                read_as_adverb
                and text[pos] in _ADVERB_SURNAMES
                and word_after[1] in _NOT_GIVEN_WORD_TAGS - {"vn", "t"}
                and tok_at.get(pos + s + len(word_after[0]), ("", ""))[1][:1] == "v"
            )  # 被告人曾|如实|供述 (but 曾建设, and 曾立新 and 曾春晓 before 如实/于: names)
            or (
                read_as_adverb
                and text[pos] in _ADVERBS_BEFORE_SURNAMES
                and word_after[1] in _NOT_GIVEN_WORD_TAGS | {"v"}
            )  # 两被告人都|已经|到案, 都|上前|拉架 (a 都永新 introduced elsewhere is still found)
        ):
            return None
    if (
        tok
        and len(tok[0]) == s + 2
        and _plausible_name(tok[0])
        and not _adverb_after(text, pos, tok[0])
    ):
        return tok[0]
    name = text[pos : pos + s + 1]
    if (
        _jieba()[1].get(name, "?") not in _NAME_TAGS
        and text[pos : pos + s] not in DISTINCT_COMPOUND
    ):
        # (a distinct compound surname and one character jieba knows as a place: 欧阳天)
        return _name_over_word(text, pos) if strong and s == 1 else None
    c2 = text[pos + s + 1 : pos + s + 2]
    given = tok_at.get(pos + s)
    if (
        c2 in _FUNCTION_GIVEN_END
        and given
        and given[0] == c1 + c2
        and (given[1] in {"nz", "ns"} or crf.attested_given_name(given[0]))
        and not _stands_without(text, name, c2)
        and not _joins_what_follows(text, pos + s + 2)
    ):
        # a given name ending in 和 or 为 that jieba reads as one word, a proper name or an
        # attested given name (甄|永和, 甄|大为): 甄某和 (not 华为, a brand jieba tags "nr", nor
        # where the name stands elsewhere without it: 被告人卿大为其提供帮助 beside 卿大说)
        name += c2
        return None if name in _NON_NAMES or _jieba()[1].get(name, "?") not in _NAME_TAGS else name
    if not c2 or not _is_han(c2) or c2 in _STOP2:
        return None if name in _NON_NAMES else name
    nxt = tok_at.get(pos + s + 1)
    if (
        given
        and len(given[0]) == 2
        and c2 != "犯"
        and c2 not in _NEGATIONS
        and not _adverb_after(text, pos, name + c2)
    ):
        # the given name is one jieba word: 甄|永和 (but 卿|波犯|盗窃罪 is 卿波 犯 盗窃罪: 犯, in
        # 被告人X犯Y罪 after nearly every defendant's name, is never a given-name character; nor
        # is a negation: 被告柳|尚未|到庭 is 柳尚 未到庭, and 柳某到庭 said the opposite)
        name += c2
    elif (
        c2 not in _STOP3
        and not (
            nxt
            and len(nxt[0]) > 1
            and nxt[1] != "?"
            and (nxt[0][1] not in _FUNC or _common_verb_after_given_name(c1, nxt[0]))
        )
        and not _adverb_after(text, pos, name + c2)
    ):
        name += c2
    elif c2 in _READ_WHOLE_AFTER_ROLE:
        # 被告人甄明中在…, 甄伟刚于…: 中 刚 通 end given names; before a function character or
        # punctuation (not in a word with it: 中将, 通过) the character is the name's, not the
        # start of what follows (刚在, "just", is read as the name's too: privacy first)
        after = text[pos + s + 2 : pos + s + 3]
        next_word = tok_at.get(pos + s + 2, ("", "?"))
        if (
            (
                not after
                or not _is_han(after)
                or after in _FUNC
                # or a word: 甄明中|纠集, 甄伟刚|贩卖毒品 (but 中学, 刚才: c2's word, below)
                or (len(next_word[0]) >= 2 and next_word[1] not in _NAME_TAGS)
            )
            and (c2 == "刚" or c2 + after not in _jieba()[1])
            # 被告人甄明，男…甄明刚于当晚…: where the name stands alone elsewhere, 刚 is "just"
            and not _stands_without(text, name, c2)
        ):
            name += c2
    if (name[-1] in _PLACE_END and not _place_char_ends_given_name(name)) or _jieba()[1].get(
        name, "?"
    ) not in _NAME_TAGS:
        return None
    return None if name in _NON_NAMES else name


def _cause_starts_at(text: str, name_start: int, pos: int) -> bool:
    """Whether the cause of a case's heading starts at ``pos``, right after the other party's name
    at ``name_start`` (诉被告卿伟|民间借贷纠纷一案, 与被告某某公司、卿伟|民间…): a common word of two
    characters or more starts there and another follows it, up to 纠纷 or 一案. Not in 被告人甄明中|
    将被害人打伤一案 (no heading) nor in 被告甄家勤|劳动争议 (勤劳 and then 动: 勤 is the name's)."""
    word = _token_at(text, pos)
    if word is None or word[1] != pos or not _common_word_not_given_name(word[0]):
        return False
    nxt = _token_at(text, word[2])
    return (
        nxt is not None
        and nxt[1] == word[2]
        and len(nxt[0]) >= 2
        and bool(_CAUSE_AFTER.match(text, pos))
        and _in_heading_other_side(text, name_start)
    )


_HEADING_OTHER_SIDE_ANYWHERE = re.compile(_OTHER_SIDE)


def _in_heading_other_side(text: str, pos: int) -> bool:
    """Whether ``pos`` stands in a heading's other side: after 诉被告, 与被告, 因与被上诉人 … in the
    same clause, the name first or later in its list (诉被告某某公司、卿伟|民间借贷纠纷)."""
    sides = list(_HEADING_OTHER_SIDE_ANYWHERE.finditer(text, max(0, pos - 60), pos))
    return bool(sides) and not re.search("[，。；：,;:]", text[sides[-1].end() : pos])


def _common_word_not_given_name(word: str) -> bool:
    """Whether ``word`` is a word jieba knows ``_HEADING_WORD_FREQ`` times or more as no name and
    no attested given name (本院, 庭审; not 红梅, nor 海燕 or 明远: given names that are words)."""
    return (
        _jieba()[1].get(word, "nr") not in _NAME_TAGS
        and _jieba()[0].dt.FREQ.get(word, 0) >= _HEADING_WORD_FREQ
        and not crf.attested_given_name(word)
    )


def _common_verb_after_given_name(given: str, word: str) -> bool:
    """Whether ``word``, after a surname and the one given-name character ``given``, is a common
    verb ending in a function character whose first character is in no given name (柳宁参与, 柳宁
    作为, 卿伟看到, 柳宁偿还: 柳宁参 took 参 and left 与; not 甄明达到 or 甄明成为: 达 and 成 end given
    names). Only after a character seen in given names (宁, 伟; not 与余刑|合并执行: no 余刑)."""
    return (
        crf.given_name_level(given) != "0"
        and _jieba()[1].get(word, "")[:1] == "v"
        and _jieba()[0].dt.FREQ.get(word, 0) >= _HEADING_JOINT_FREQ
        and crf.given_name_level(word[0]) == "0"
    )


# A quoted word in a person's place (向“超超”购买, 和“肥十”, “魔镜”（另案处理）) is a
# nickname unless it looks like a drug, a place or a thing.
_QUOTED_PERSON_BEFORE = set("叫、从向和与同留给到”")
_QUOTED_PERSON_AFTER = re.compile(
    r"^(?:[（(](?:另案|身份|基本情况|未|在逃|已|男|女|真实)|等人|处[购买拿取]|让|的电话"
    r"|的(?:男子|女子|男人|女人|男性|女性))"
)
_QUOTED_NOT_PERSON = re.compile(
    r"[毒粉丸冰麻果Kk水面油烟货膏片药糖壶吸酒店馆吧街路城楼园寓场厅市县镇村区号牌车]|[\dA-Za-z]"
)


# the last character of a quoted fee, interest, tax, group, office or charge of three characters
# or more, no nickname: “手续费”, “砍头息”, “秘书组”, “扶贫办” (not “老费”, “卿局”, “胖科”: a
# surname or a title after one; no CAIL2022 train person ends in one)
_QUOTED_THING_END = frozenset("费息税组局办厅科室罪")
# a quoted item ending right before a quote (searched up to it): “私分国有资产”、|“贪污”
_QUOTED_BEFORE = re.compile(r"[“\"]([^”\"“，。]+)[”\"][、和及与]?$")


def _quoted_person(text: str, start: int, end: int, q: str) -> bool:
    if not 2 <= len(q) <= 4 or not all(_is_han(c) for c in q) or _QUOTED_NOT_PERSON.search(q):
        return False
    if q in _NON_NAMES:
        # a listed word (黄毛: dyed hair) is a nickname where what follows makes it a person:
        # 之后“黄毛”让被告人…
        return bool(_QUOTED_PERSON_AFTER.match(text[end : end + 6]))
    before = text[start - 1 : start]
    if before in "（(" and text[start - 2 : start - 1] in _ALIAS_AFTER:
        return True  # an alias right after a masked name: 郑某甲（“凯凯”）
    if any(text.endswith(w, 0, start) for w in _ROLE_BEFORE_QUOTE):
        return True  # a nickname right after a role word: 上家“老鬼”, 吸毒人员“阿飞”
    after_makes_person = bool(_QUOTED_PERSON_AFTER.match(text[end : end + 6]))
    if (
        len(q) >= 3
        and q[-1] in _QUOTED_THING_END
        and not after_makes_person
        and not re.search("[老小阿]", q)  # “胖老费”: a nickname
        and starts_with_surname(q) < len(q) - 1  # “司马科”: a surname and a title
    ):
        return False  # “看点费”、“手续费”, “行政组”、“秘书组” (but “甄宁组”（另案处理）)
    prev = _QUOTED_BEFORE.search(text, max(0, start - 16), start)
    if prev and len(prev.group(1)) > 4:
        return False  # a list of quoted terms: “私分国有资产”、“贪污” (not “阿水”、“甄宁”)
    if text.startswith("的人", end) and re.search("叫|号|称", text[max(0, start - 4) : start]):
        return True  # 外号叫“大脑壳”的人: a nickname introduced as one (not 投注“六合彩”的人)
    return before in _QUOTED_PERSON_BEFORE or after_makes_person


_ALIAS_AFTER = set("某甲乙丙丁戊×XＸ")
_ROLE_BEFORE_QUOTE = tuple(w for w, cat in ROLE_WORDS.items() if len(w) >= 2 and cat != "lawyer")


# what follows a bench member's name: 担任审判长, 主持, 出庭, 独任审判, 组成合议庭, 参加, 在庭审中
_BENCH_NAME_FOLLOWS = frozenset("担主出独组参在")
_ADVERBS_BEFORE_VERB = frozenset("原现")
_AFTER_ADVERB = frozenset("系是任为住在籍居随由已")  # (现随其母生活, 现由原告抚养, 现已成年)


def _without_adverb(text: str, pos: int, name: str) -> str:
    """``name`` at ``pos`` without the "formerly" or "now" it ends in (``_adverb_after``)."""
    return name[:-1] if _adverb_after(text, pos, name) else name


# adverbs and modal verbs that stand between a subject and its verb (被告卿宁尚欠, 卿宁仍未, 卿宁却
# 拒不, 卿宁应偿还, 卿宁遂将): in jieba's dictionary 138 of 27,354 three-character names with a common
# surname end in one (CAIL2022 train: 2 of 6,471 names, neither before a verb); not 才 曾 便 可,
# which end more names (德才)
_ADVERBS_AFTER_SUBJECT = frozenset("尚仍均亦皆也又还都已就即再却竟只另仅则应须需拟遂")
# those of them ``_name_at`` never reads as a given name's second character (``_STOP3``)
_STOP3_ADVERBS = _ADVERBS_AFTER_SUBJECT & _STOP3
# negations: no given name ends in one (被告柳|尚未|到庭 is 柳尚 未到庭)
_NEGATIONS = frozenset("未不没")
# what starts a verb phrase after such an adverb, beside jieba's verbs, adverbs and prepositions
_VERB_PHRASE_START = _NEGATIONS | frozenset("无拒欠")
_VERB_PHRASE_TAGS = frozenset("vdp")


def _adverb_after(text: str, pos: int, name: str) -> bool:
    """Whether ``name`` at ``pos`` ends in an adverb that is not the name's:
    * a surname, one character and "formerly" or "now" before a verb (被告人柳宁原系某部干部, 柳宁
      现住, 司马欣现住: 原 and 现 are seldom in given names, and 柳宁原 or 柳宁现, one word to
      jieba, left 柳宁 published wherever he was named alone);
    * three characters or more ending in an adverb of ``_ADVERBS_AFTER_SUBJECT`` before a verb, an
      adverb or a preposition, where the name without it stands elsewhere in the text (被告卿宁尚欠
      原告 beside 被告卿宁称: 卿宁尚 took 尚 away with the name and gave him a second pseudonym).
      Said only so, the adverb stays in the name: a 段明尚 or 孔华则 exists, and a character of his
      name would be published (privacy first: the adverb is masked with it, as before)."""
    if len(name) < 3:
        return False
    end = pos + len(name)
    after = text[end : end + 1]
    if name[-1] in _ADVERBS_BEFORE_VERB and len(name) - starts_with_surname(name) == 2:
        return after in _AFTER_ADVERB  # (a surname, one given-name character: 柳宁现, 司马欣现)
    if name[-1] not in _ADVERBS_AFTER_SUBJECT or not after:
        return False
    word = _token_at(text, end)
    return (
        after in _VERB_PHRASE_START
        or _jieba()[1].get(after, "")[:1] in _VERB_PHRASE_TAGS
        or (word is not None and word[1] == end and word[3][:1] in _VERB_PHRASE_TAGS)
    ) and _stands_without(text, name[:-1], name[-1])


# function words and adverbs between a bench name and 出庭, 担任 … (检察员卿宁均出庭)
_NO_BENCH_NAME_END = _FUNC | _ADVERBS_BEFORE_SURNAMES | frozenset("等皆")
# jieba's tags of prepositions and conjunctions (关于, 对于, 由于, 同时): no bench name starts
# with one in running text
_WORD_NOT_BENCH_NAME_TAGS = frozenset({"p", "c"})


def _bench_name_at(text: str, p: int) -> str:
    """The name of a surname after a bench or prosecutor's role word at ``p`` ('' if none)."""
    s = starts_with_surname(text, p)
    if not s:
        return ""
    name = text[p : p + s + 1]
    c2 = text[p + s + 1 : p + s + 2]
    after = text[p + s + 2 : p + s + 3]
    if c2 and _is_han(c2) and c2 not in _STOP3 and c2 not in _BENCH_NAME_FOLLOWS:
        name += c2
    elif c2 and _is_han(c2) and not (after and _is_han(after)):
        name += c2  # before a pause: 人民陪审员卿书丁 二〇一七年, 审判员甄明中、
    elif _is_han(c2) and c2 not in _NO_BENCH_NAME_END and after in _BENCH_NAME_FOLLOWS:
        # 检察员甄明通出庭, 甄明里出庭 (中 also starts words: 审判员甄明中止审理 is 甄明):
        # read 甄明, the bench name was never hidden, and a defendant 甄明 was published
        name += c2
    return name


def _bench(text: str) -> set[str]:
    names: set[str] = set()
    dotted = _dotted_names(text)
    for m in patterns.BENCH_LINE.finditer(text):
        names.add(re.sub(r"[ \t\u3000]", "", m.group(1)))
    for m in re.finditer(patterns.BENCH_ROLE, text):
        p = m.end()
        # the role word may head a list: 代理检察员张丽华、唐志远、易建华出庭支持公诉
        while True:
            # (检察员次旦卓玛出庭, 审判员巴特尔·乌力吉: a Tibetan or a dotted name, no surname)
            name = (
                next((d for d in dotted if text.startswith(d, p)), "")
                or _minority_name_at(text, p)
                or _bench_name_at(text, p)
            )
            if len(name) < 2 or "某" in name:
                break
            nxt = text[p + len(name) : p + len(name) + 1]
            word, then = text[p : p + 2], text[p + 2 : p + 4]
            if (
                _jieba()[1].get(word) in _WORD_NOT_BENCH_NAME_TAGS
                and _is_han(nxt)
                and nxt not in _BENCH_NAME_FOLLOWS
                and starts_with_surname(then)
                and any(
                    text[i - 2 : i] != word and not starts_with_surname(text, i - 1)
                    for i, _e in _occurrence_spans(text, then)
                )
            ):
                # a preposition or conjunction, and a name the text has without it (not inside
                # another name): 出庭检察员关于甄明中构成诈骗罪的意见 read 关于甄 as a prosecutor's
                # name, never hidden, and published 甄明中 wherever 关于 stood before him
                # (审判长于是宁宣布开庭 is still a judge beside 柳宁宣布退出)
                break
            names.add(name)
            p += len(name)
            if text[p : p + 1] != "、":
                break
            p += 1
    return {n for n in names if 2 <= len(n) <= (16 if n in dotted or "·" in n else 8)}


def _bench_names(text: str, plist: Iterable[Party]) -> set[str]:
    """The bench's names: those the text gives (:func:`_bench`) and the listed bench parties."""
    return _bench(text) | {
        p.name.strip() for p in plist if PARTY_ROLE_CATEGORY.get(p.role) == "bench"
    }


# a lawyer, or a grassroots legal service worker (湛江市某某法律服务所法律工作者), who represents
# parties as a profession: kept like a lawyer (Art 11 of the 2016 rules, as read here)
_LAWYER_WORDS = re.compile("律师|法律服务|法律工作者")


def _lawyer_context(text: str, end: int) -> bool:
    return bool(_LAWYER_WORDS.search(text[end : end + 40].split("。")[0]))


def _detect_people(
    text: str, parties: list[Party], learned: dict[str, bool] | None = None
) -> dict[str, _Person]:
    people: dict[str, _Person] = {}
    # names some rule found on more than a jieba tag (the untargeted scan below is weak evidence:
    # jieba's dictionary tags 许可证, 查清 and 师傅 nr)
    strong: set[str] = set()

    def add(name: str, category: str, weak: bool = False, **kw: Any) -> bool:
        """Record a person, or a stronger category for one; whether anything changed."""
        if not weak:
            strong.add(name)
        p = people.get(name)
        if p is None:
            people[name] = _Person(name, category, **kw)
            return True
        if (p.category in {"other", "relative"} and category not in {"other", "relative"}) or (
            category == REVIEWER and p.category not in {REVIEWER, "bench"}
        ):
            p.category = category  # (the reviewer's word wins over a listed party's role)
            return True
        return False

    for party in parties:
        if party.name.strip():
            cat = "minor" if party.minor else PARTY_ROLE_CATEGORY.get(party.role.strip(), "party")
            add(party.name.strip(), cat)
    toks = _tokens(text)
    tok_at = {s: (w, t) for w, s, _e, t in toks}
    # where court-masked names start: a detected name whose last character is such a
    # surname is a function word glued to it (民警从方某某 → not 从方)
    masked_at: set[int] = set()
    for m in _PREMASK.finditer(text):
        word, start, end = m.group(0), m.start(), m.end()
        nxt = text[end : end + 1]
        prev = text[start - 1 : start]
        if (
            word.endswith("某")
            and not word.endswith("某某")
            and nxt in _PREMASK_FOLLOW_BAD
            and not (nxt in "时家处" and prev in _STRONG_PRECEDERS)
        ):
            continue
        if word[0] in _FUNCTION_SURNAMES and word[1:] == "某" and prev not in _NAME_PRECEDERS:
            continue
        if word[0] in AMBIGUOUS and word[1:2].isascii() and prev not in _NAME_PRECEDERS:
            continue  # 硬盘D盘, 金镶玉U盘: a word and a drive's or a device's letter
        if word[0] in _FUNCTION_SURNAMES and word[1:] == "某某" and prev not in _NAME_PRECEDERS:
            # 交给某某: the court masked the whole name; 给 is the preposition
            add("某某", "other", already_masked=True)
            masked_at.add(start + 1)
            continue
        if (
            word[-1] not in "某×XxＸ＊*ⅹ"
            and nxt not in _AFTER_SINGLE_MASK
            and text[end - 1 : end + 1] in _jieba()[1]
        ):
            # the "ordinal" starts the next word: 孙某某|甲基苯丙胺
            word, end, nxt = word[:-1], end - 1, word[-1]
        if word[0] in _NOT_SURNAME_LEAD:
            continue
        if word[-1].isascii() and nxt == "某":
            continue  # 向B某: the Latin initial starts the next name (A某 form)
        if not starts_with_surname(word) and "某某" not in word:
            continue
        # surname + 某 + one given-name character (贺某刚): keep the character when it does
        # not start the next word
        nxt_tok = tok_at.get(end)
        if (
            word.count("某") == 1
            and word.endswith("某")
            and nxt
            and _is_han(nxt)
            and nxt not in _STOP3
            and nxt not in _PREMASK_FOLLOW_BAD
            and nxt not in _AFTER_SINGLE_MASK
            and not (nxt_tok and len(nxt_tok[0]) > 1)
        ):
            after = text[end + 1 : end + 2]
            after_tok = tok_at.get(end + 1)
            if not after or not _is_han(after) or after in _STOP3:
                word = word + nxt
            elif not nxt_tok and after_tok and len(after_tok[0]) > 1 and after_tok[1] != "?":
                # jieba glued the character to 某 and a dictionary word follows: 王某军离开
                word = word + nxt
        elif (
            len(word) == 2
            and word[1] in "XＸ"
            and nxt
            and _is_han(nxt)
            and nxt not in _STOP3
            and nxt not in _PREMASK_FOLLOW_BAD
        ):
            # surname + X + given-name character (陈X海): the X stands for one character
            word = word + nxt
        add(word, "other", already_masked=True)
        masked_at.add(start)
    for m in _ORDINAL_MASKED.finditer(text):
        w, prev, nxt = m.group(0), text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1]
        if (
            starts_with_surname(w[0]) == 1
            and w[0] not in _FUNCTION_SURNAMES | _NOT_SURNAME_LEAD | _PLACE_END
            and (w[0] not in AMBIGUOUS or prev in _NAME_PRECEDERS | set("人员"))
            and (nxt not in _PREMASK_FOLLOW_BAD or nxt in "家处时")
            and not (w[-2:] != "某某" and nxt in _TIME_AFTER_MOU)  # 李四某晚: 李四 one evening
        ):
            add(w, "other", already_masked=True)
            masked_at.add(m.start())
    for m in _PREMASK_MID.finditer(text):
        w = m.group(0)
        if (
            starts_with_surname(w) == 1
            and w not in people
            and w[1] not in _STOP2 | _STOP3
            and w[0] not in AMBIGUOUS
            and w[0] not in _NOT_SURNAME_LEAD
            and w[0] not in _PLACE_END
            and text[m.start() - 1 : m.start()] in _NAME_PRECEDERS | set("人员")
        ):
            add(w, "other", already_masked=True)
    for m in re.finditer(r"(?<=[人员、])[XxＸ×]{2,6}(?![A-Za-z0-9])", text):
        add(m.group(0), "other", already_masked=True)
    for word, start in _masked_after_roles(text):
        if word not in people:
            add(word, "other", already_masked=True)
            masked_at.add(start)

    # where an organisation a role word names starts (被告：张家口某某有限公司)
    organisation_at = {m.start(1) for m in _ORG_AFTER_ROLE.finditer(text)}
    dotted = _dotted_names(text)
    for role_word, pos in _role_matches(text):
        # (上诉人（原审被告人）|: a party's role word, as bare as 原告 or 被告 may be)
        bracketed = text[pos - 1 : pos] in ("）", ")")
        colon = text[pos : pos + 1] in "：:"
        if colon:
            pos += 1
        if (
            role_word in _ACCOUNT_ROLES
            and text[pos : pos + 1] in "为是系"
            and text[pos + 1 : pos + 2]
        ):
            pos += 1  # 开户人为, 收款人系, 户名是 + the holder
        if _FROM_PLACE.match(text, pos):
            continue  # 被告人从卿明远处购买, 从朋友处: 从 is "from" (the name: ``_BETWEEN_ACTS``)
        # (a party's line names one person up to its comma or bracket: 上诉人（原审被告）：高翔晨（曾用名…
        # was read 高翔 as a heading's list)
        # (and a name's other name in brackets: 卿伟（曾用名卿永和）)
        aliased = role_word in _ALIAS_WORDS and text[pos - len(role_word) - 1] in "（("
        line = _line_name_at(text, pos) if colon or aliased else None
        headed = _heading_names_at(text, pos, role_word, tok_at) if not line else []
        for heading_name in headed:  # (no mask in them: ``_heading_name``)
            add(heading_name, ROLE_WORDS[role_word])
        if headed and text.startswith(headed[0], pos):
            continue  # (else the list's first name is a word too: read below, 原告白玉兰、卿伟)
        if text[pos : pos + 1] == "方" and _in_word(text, pos, inside=True):
            # 原告方, 被告方 (one word to jieba): "the side" before a verb, a function character
            # or a common word (原告方认为, 被告方律师); before a surname, the side and that
            # person's name (原告方陈宁升诉称); else 方 is the surname (原告方红梅诉称)
            if _side_of_role(text, pos):
                continue
            if starts_with_surname(text, pos + 1) and _name_at(text, pos + 1, tok_at, True):
                pos += 1
        role = ROLE_WORDS[role_word]
        strong_role = role not in {"other", "relative", "lawyer"}
        name = (
            # (a dotted name the court masked is read below: 古丽·某某 stays as it is)
            next((d for d in dotted if text.startswith(d, pos) and not _MASK_CHARS & set(d)), None)
            or _minority_name_at(text, pos)
            or (_introduction_at(text, pos) if role != "other" else None)
            or line
            or (_evidence_name_at(text, pos) if strong_role else None)
            or (_spaced_name_at(text, pos) if strong_role and role != "bench" else None)
            or _name_at(
                text,
                pos,
                tok_at,
                # (and a lawyer's, where a firm follows: 辩护人梁向阳，…律师事务所律师 was read 向阳,
                # and masked; so was 尉金山's 金山)
                strong=strong_role
                or role_word in _NAMING_ROLE_WORDS
                or (role == "lawyer" and _lawyer_context(text, pos)),
            )
        )
        if not name or pos + len(name) - 1 in masked_at:
            continue
        if (
            (role_word in _BARE_PARTY_ROLES or bracketed)
            and name != line  # (a party's line: 被告：高翔晨（曾用名…）)
            and _clause_after_bare_role(text, pos, name, tok_at)
        ):
            continue
        if pos in organisation_at and _place_here(text, name):
            continue  # the place an organisation's name starts with (张家口 of 张家口某某有限公司)
        first_tok = tok_at.get(pos, ("", ""))
        if role in {"other", "relative"} and (
            _dictionary_name_not_name(name)
            or (
                # (其母曾叫其…: an adverb before a verb, 曾 "once"; not a surname jieba reads as a
                # noun before a given name it reads as a verb)
                first_tok[1] == "d"
                and len(first_tok[0]) == 1
                and tok_at.get(pos + 1, ("", ""))[1][:1] == "v"
            )
            or (role == "relative" and text[pos] == "家")  # (其姐夫家吃饭: the kin's home)
        ):
            continue  # (借款人申请书: a word jieba's dictionary tags a name)
        if role == "other" and (len(role_word) == 1 or role_word in _WEAK_ROLE_WORDS):
            # a bare preposition (or a common noun) is weak evidence: need a name-like jieba token
            # (after a common noun, a surname and a given name jieba tags so: 组长卿|宁远)
            tok = tok_at.get(pos)
            given_tok = tok_at.get(pos + len(tok[0])) if tok and len(role_word) > 1 else None
            if not tok or not (
                (tok[0] == name and tok[1] in {"nr", "?"})
                or (
                    tok[1] == "nr"
                    and given_tok is not None
                    and tok[0] + given_tok[0] == name
                    and given_tok[1] in {"nr", "nrfg"}
                )
            ):
                continue
        if role == "lawyer" and not _lawyer_context(text, pos + len(name)):
            role = "other"
        after = text[pos + len(name) : pos + len(name) + 1]
        if role_word in _ACCOUNT_ROLES and (
            (
                _is_han(after)
                and after not in _STOP3
                # (收款人甄宁账户: the account after its holder's name)
                and not (
                    text.startswith(("账户", "账号", "银行"), pos + len(name))
                    and _jieba()[1].get(name, "nr") in _NAME_TAGS
                )
            )
            or name[-1] in _SHOP_END
        ):
            continue  # 户名为宁远酒店, 金鼎商行, 金鼎行: an organisation holds the account
        add(name, role)
    # a statement listed as evidence under its number, without a role word: （5）甄宁证言, 3、甄明远
    # 的陈述 (the same reading as after 证人: ``_evidence_name_at``)
    for m in _EVIDENCE_NUMBER.finditer(text):
        name = _evidence_name_at(text, m.end())
        if name and m.end() + len(name) - 1 not in masked_at:
            add(name, "other")
    # the person who introduced the parties to each other (原、被告经卿宁远介绍相识), read as a
    # party's name in a heading is (``_heading_name``: 经朋友介绍, 经中间人介绍 are none)
    for m in _INTRODUCED_BY.finditer(text):
        pos, n = m.start(1), len(m.group(1))
        if pos + n - 1 not in masked_at and (
            _heading_name(text, pos, n) or _introducer_name(m.group(1))
        ):
            add(m.group(1), "other")
    # Tibetan and Vietnamese names wherever they stand (a role word before one gave it its role)
    for pos, name in _minority_names(text):
        if pos + len(name) - 1 not in masked_at:
            add(name, "other")
    # a name after a distinct compound surname, wherever it stands (司马立新驾驶, 令狐奇驾驶)
    for k, (w, _ws, we, wt) in enumerate(toks):
        if (
            w[:2] in DISTINCT_COMPOUND
            and (len(w) == 2 or (len(w) == 3 and wt != "nr"))
            and we not in masked_at
        ):
            name = _compound_name(text, toks, k)
            if name:
                add(name, "other", weak=True)
    no_name: dict[str, bool] = {}  # the dictionary-word test below, once per word
    for w, ws, we, t in toks:
        if we - 1 in masked_at:
            continue
        if (
            t in {"nr", "?"}
            and _plausible_name(w)
            and not (w[0] in AMBIGUOUS and t != "nr")
            and not _weak_wordlike(w)
            and not _place_here(text, w)
        ):
            if t == "?" and len(w) < 3:
                continue
            if (
                t == "?"
                and text[ws - 1 : ws] in _ADMIN_END
                and _place_token_ends(text, ws)
                and _STREET_AFTER.match(text, we)
            ):
                continue  # 湛江市|甄城伟|草桥街: the town's part of a street name, not a person
            if w not in no_name:
                # (a word-like surname and one more character, known well as a word: 付清,
                # 钱庄, also before a character of given names: 付清|全部; not 王明, 张宁, nor
                # 付海峰 of three)
                known_well = len(w) == 2 and w[0] in _FUNCTION_OR_ADVERB_SURNAMES
                no_name[w] = (
                    _dictionary_name_not_name(w, known_well=known_well)
                    and not _quoted(text, w)
                    and not _person_context(text, w)
                    and (known_well or not _glued_to_a_name(text, w))
                ) or _names_a_place_everywhere(text, w)
            if no_name[w]:
                # 申请书, 盖章, 岳父: jieba's tag alone, nowhere where a person stands; 朱雀 of
                # 朱雀大街: a place's or a body's name
                continue
            if len(w) == 2 and starts_with_surname(w) == 2:
                # a compound surname alone is no one's name: with the given name jieba reads
                # after it (皇甫|梅, 司马|立新), else nothing
                given_tok = tok_at.get(we)
                if (
                    not given_tok
                    or given_tok[1] not in _NAME_TAGS
                    or not all(map(_is_han, given_tok[0]))
                ):
                    continue
                w = w + given_tok[0]
                if len(w) > 4 or w[-1] in _PLACE_END:
                    continue  # (司马岭村, 司马溪村: a village's name)
            add(_without_adverb(text, ws, w), "other", weak=True)  # (甄帆现|随原告生活)
    # (a nickname found already, on a jieba tag, is confirmed: “明珠”)
    for m in _NICK.finditer(text):
        nick = m.group(1).strip()
        if nick and nick not in people:
            add(nick, "other", nickname=True)
        strong.add(nick)
    for m in _NICK_BARE.finditer(text):
        nick = m.group(1)
        if nick not in _NON_NAMES:
            if nick not in people:
                add(nick, "other", nickname=True)
            strong.add(nick)
    for m in _QUOTED.finditer(text):
        q = m.group(1)
        if _NICK_SUFFIX.match(q) or _quoted_person(text, m.start(), m.end(), q):
            if q not in people:
                add(q, "other", nickname=True)
            strong.add(q)
    # the last name of a list closed by a head count: 容留王某、穆某某、于洋三人吸食
    for m in _LIST_END.finditer(text):
        name = m.group(1)
        if (
            name not in people
            and starts_with_surname(name)
            and not any(c in _NAME_STOP for c in name[1:])
            and name[-1] not in _PLACE_END
            and name not in _NON_NAMES
        ):
            add(name, "other")
    # and one after a party's role word of an earlier stage in such a list, whatever its surname
    # (苑明远、原审第三人昂宁二人)
    for m in _STAGE_LIST_END.finditer(text):
        if m.group(1) not in people and m.group(1) not in _NON_NAMES:
            add(m.group(1), "party")
    # names listed next to known names: 张某、李四和王五
    changed = True
    while changed:
        changed = False
        known = [n for n in people if len(n) >= 2]
        if not known:
            break
        rx = re.compile("|".join(map(re.escape, sorted(known, key=len, reverse=True))))
        for m in rx.finditer(text):
            for sep_pos in (m.end(),):
                sep = text[sep_pos : sep_pos + 1]
                if sep in ("、", "和", "与", "及"):
                    # (a list of a party's, victim's, witness's or kin's names is read as after
                    # their role word: 证人林伟艳、尉寿伦 is 尉寿伦's, 尉 a word-like surname)
                    cat = people[m.group(0)].category
                    listed_strong = sep == "、" and cat not in {
                        "other",
                        "lawyer",
                        "bench",
                        REVIEWER,
                    }
                    name = _name_at(text, sep_pos + 1, tok_at, strong=listed_strong)
                    if name and len(name) >= 2 and sep_pos + len(name) not in masked_at:
                        end = sep_pos + 1 + len(name)
                        if cat in ("bench", REVIEWER) or (
                            cat == "lawyer" and not _lawyer_context(text, end)
                        ):
                            cat = "other"  # (a reviewer's name: its neighbours are not theirs)
                        # (辩护人王建华、李志强，均系…律师事务所律师: both lawyers, both kept)
                        # only a real change repeats the pass: a relative listed after a
                        # person already known (王建国、刘秀英) changes nothing
                        if (
                            name not in people
                            or (people[name].category == "other" and cat != "other")
                        ) and add(name, cat):
                            changed = True
            # (also before a role word of an earlier stage: 卿伟、原审第三人甄雅宁; not before
            # 被告人, which a lawyer's name may stand before: 辩护人于是宁、被告人甄宁均到庭)
            stage_role = _STAGE_ROLE_BEFORE.search(text, max(0, m.start() - 9), m.start())
            item = stage_role.start() if stage_role else m.start()
            if item > 0 and text[item - 1] == "、":
                # the name before the separator
                for ln in (3, 2):
                    cand = text[max(0, item - 1 - ln) : item - 1]
                    if (
                        len(cand) == ln
                        and _plausible_name(cand)
                        and not _weak_wordlike(cand)
                        and cand not in people
                    ):
                        prev = text[item - 2 - ln : item - 1 - ln]
                        if prev in ("、", "，", "", "人", "员", "留", "给", "与", "和"):
                            changed = add(cand, "other") or changed
                            break
    for m in _BETWEEN_ACTS.finditer(text):
        name = m.group(2)
        if (
            name not in people
            and name not in _NON_NAMES
            and not any(c in _NAME_STOP for c in name)
            and name[-1] not in _PLACE_END
            and _jieba()[1].get(name, "?") in _NAME_TAGS
            and (len(name) == 3 or starts_with_surname(name))
            and not _role_word_in_name(name)  # (提货单、介绍信一起: jieba tags 介绍信 a name)
        ):
            add(name, "other")
    for start, name in _noted_names(text):
        if name not in people and start + len(name) - 1 not in masked_at:
            add(name, "other")
    for name in dotted:
        if name not in people:
            add(name, "other", already_masked=any(c in _MASK_CHARS for c in name))
    # with a tagger: a dictionary word found on its jieba tag only (许可证, 查清, 阳光), that the
    # tagger took at none of its places and that stands nowhere where a person does, unless it
    # could be a whole name (王明, 王平: jieba dictionary entries) that the dictionary does not
    # know well as a word (许可) or that is part of a longer name somewhere; and alike a word
    # that could be no whole name (岳父, 盖章, 巴掌), standing nowhere a name may, that the tagger
    # took at no place with some certainty (``learned_names``); none that is quoted or under which
    # someone speaks (后岳父说)
    unconfirmed: frozenset[str] = getattr(learned, "unconfirmed", frozenset())
    for name in [n for n in people if n in unconfirmed and n not in strong]:
        if (
            name in _jieba()[1]
            and (
                not _name_like_word(name)
                # (许可, 付清, 林木: a dictionary "name" known well, nowhere part of a longer one)
                or (_dictionary_name_not_name(name) and not _glued_to_a_name(text, name))
            )
            and not _person_context(text, name)
            and _introduction(text, name) < _BY_ROLE  # (东升，男，…)
            and not re.search(re.escape(name) + "[说称讲]", text)
            and not _quoted(text, name)
        ):
            del people[name]
    rule_people = set(people)
    if learned:
        _merge_learned(text, people, learned)
    _drop_run_ons(text, people)
    # the rules' names, and the tagger's that hold one (丁明 stretched to 丁明中); not a tagged span
    # with a court's mask, kept as it stands (杨某1柳宁 would publish 柳宁 where it won)
    found = rule_people | {
        n
        for n in people
        if n not in rule_people
        and not _MASK_CHARS & set(n)
        and any(n[i:j] in rule_people for i in range(len(n)) for j in range(i + 2, len(n) + 1))
    }
    _drop_run_ins(text, people, found)
    given = {party.name.strip() for party in parties}
    for name in [
        n
        for n in people
        if n not in given
        and (
            _is_brand(text, n, people)
            or _amount(text, n)
            or _verbs_second_half(text, n)
            or _runs_into_parties(text, n)
        )
    ]:
        del people[name]
    return people


# the verbs of paying: their 付 starts no name (给|付原告的借款, 给|付现金, 支|付之日)
_PAYING = frozenset(
    {"给付", "支付", "偿付", "交付", "垫付", "预付", "拨付", "赔付", "兑付", "缴付", "应付", "清付"}
)


def _verbs_second_half(text: str, name: str) -> bool:
    """Whether ``name`` is the 付 of a verb of paying and what follows it, no name (付原告, 付现金,
    付之日, 付宝 of 支付宝), wherever it stands: not where the character before 付 ends a word of
    its own (借给|付海峰, 答应|付海峰), nor where what follows 付 is no word (给付曾宁)."""
    rest = name[1:]
    if (
        name[0] != "付"
        or not rest
        or not (
            len(name) == 2
            or rest[0] in "之的了"
            or (_jieba()[1].get(rest, "nr") not in _NAME_TAGS and not _could_be_given_name(rest))
        )
    ):
        return False  # (付曾宁, 付昂宁 after 给付: a name may follow, and 付 may be its surname)
    return all(_paying_at(text, a) for a, _b in _occurrence_spans(text, name))


def _paying_at(text: str, a: int) -> bool:
    """Whether the 付 at ``a`` ends a verb of paying: the character before it and 付 make one
    (:data:`_PAYING`), and jieba reads that character as no word's end (借给|付, 答应|付)."""
    tok = _token_at(text, a - 1) if a >= 1 else None
    return text[a - 1 : a + 1] in _PAYING and tok is not None and tok[1] == a - 1


# 原、被告 and 原被告, a civil judgment's "the plaintiff and the defendant"
_PARTIES = re.compile("原、?被告")


def _runs_into_parties(text: str, name: str) -> bool:
    """Whether ``name`` ends, wherever it stands, with the 原 of 原、被告 (后|原、被告签订, 有|
    原、被告身份证: a tagged 后原, 有原)."""
    return name[-1] == "原" and all(
        _PARTIES.match(text, b - 1) for _a, b in _occurrence_spans(text, name)
    )


# An amount written out in capital numerals (人民币壹拾伍万玖仟元整, 伍佰元, 陆万整): 伍 and 陆 are
# surnames, 拾 万 仟 … no given names there
_CAPITAL_DIGITS = frozenset("零壹贰叁肆伍陆柒捌玖拾佰仟")
_AMOUNT_CHARS = _CAPITAL_DIGITS | frozenset("万亿元圆角分整正")
# what stands before an amount's digits: another digit, 人民币, 现金, 借款, 共计 …
_BEFORE_AMOUNT = _AMOUNT_CHARS | frozenset("币金款计共额为")


def _amount(text: str, name: str) -> bool:
    """Whether ``name`` is part of an amount in capital numerals: a capital digit (or 万, 元) and
    then only digits and units. Three characters or more are (伍佰元, 陆万整, 万元正); two are
    where, at every place, a digit or a unit follows them (or they end in 元 整 正), and they are
    two digits (卿伟伍拾万元) or follow a digit, a unit, 人民币, 现金, 借款 … (壹拾伍万玖仟, 伍万元正).
    Not 被告陆万一直未还款, 陆万2019年, 证人伍佰说."""
    if (
        len(name) < 2
        or name[0] not in _CAPITAL_DIGITS | {"万", "元"}
        or not all(c in _AMOUNT_CHARS for c in name[1:])
    ):
        return False
    return len(name) >= 3 or all(
        (name[1] in _CAPITAL_DIGITS or text[a - 1 : a] in _BEFORE_AMOUNT)
        and (text[b : b + 1] in _AMOUNT_CHARS or name[1] in "元整正")
        for a, b in _occurrence_spans(text, name)
    )


def _drop_run_ins(text: str, people: dict[str, _Person], others: set[str]) -> None:
    """Drop a name that runs, at every place it stands, from the words before another name into
    it, where that other name stands more often (之后|侬明, 证明|侬, 李某说侬, 放行费由侬 with 侬明远
    said a hundred times): at each place the earlier span would win and publish the rest of the
    other name (之后某明远, 放行费某明远). ``others``: the names the rules found, also as the tagger
    stretched them (a tagger's junk span is no other name: 林杨 of a list 甄修林杨永宁 written
    without commas). What comes before the other name must be glue: words that are no name, a
    word's end, or a court's mask; a name there instead (甄宁卿 of 甄宁卿明远, two people side by
    side) cuts the span to that name."""
    by_first: dict[str, list[str]] = {}
    for n in people:
        by_first.setdefault(n[0], []).append(n)
    counts: dict[str, int] = {}

    def count(n: str) -> int:
        if n not in counts:
            counts[n] = text.count(n)
        return counts[n]

    def glue(s: int, p: int) -> bool:
        before = text[s:p]
        if _MASK_CHARS & set(before):
            return True  # 李某说
        if before[-1] in _JOINING and before[:-1] in others:
            # 左宁和 of 左宁和苑明远: a name the rules found, and the word joining the two
            return True
        jb, tags = _jieba()
        words = jb.lcut(before, HMM=False)
        if any(tags.get(w, "?") in _NAME_TAGS for w in words) or (
            # a name of its own, two people side by side (何宁, 由宁, 何海洋, 和平 of 和平卿明远)
            len(before) in (2, 3)
            and (starts_with_surname(before) or before[0] in AMBIGUOUS | _FUNCTION_SURNAMES)
            and any(crf.given_name_level(c) != "0" for c in before[1:])
        ):
            return False
        if len(before) == 1:
            return True  # a character that is no name alone: 后, 但, 经, 时 of 当时
        tok = _token_at(text, s)
        if tok is not None and tok[1] < s and tags.get(tok[0], "?") not in _NAME_TAGS:
            return True  # the end of a word: 之后|侬, 证明|侬
        # a word, a function word, or a verb no given name has (费由, 曾找)
        last = words[-1]
        return (
            len(last) >= 2
            or tags.get(last, "?") in _FUNCTION_TAGS | {"f"}
            or (tags.get(last, "?") == "v" and crf.given_name_level(last) == "0")
        )

    def run_in(name: str, s: int, e: int, masked: bool) -> int | None:
        """Where, in ``s..e``, a more often named other name starts and runs past ``e`` (None:
        nowhere). A span with a court's mask, kept as it stands, gives way to any person without
        one that it runs into, however often named (杨某1柳 of 杨某1柳明远 to the tagger's 柳明远),
        and to a more often named one that it holds, apart from its mask (柳宁和窝某 or 窝某柳宁, a
        name and a court's mask in one span, to 柳宁; not 何一某, 上官某, 陈某婷 or 关宁其某某 to a 何一,
        上官, 婷 or 关宁 read in the mask)."""

        def gives_way(other: str, p: int) -> bool:
            unmasked = not _MASK_CHARS & set(other)
            q = p + len(other)
            if q > e:
                return (masked and unmasked) or (other in others and count(other) > count(name))
            return (
                masked
                and unmasked
                and len(other) >= 2
                # (the name does not run on into a mask: 关宁其某某某 is a court's mask)
                and not _MASK_CHARS & set(text[q : q + 2])
                and other in others
                and count(other) > count(name)
            )

        return next(
            (
                p
                for p in range(s if masked else s + 1, e)
                for other in by_first.get(text[p], ())
                if other in people and text.startswith(other, p) and gives_way(other, p)
            ),
            None,
        )

    for name in [n for n, person in people.items() if person.category not in {"bench", "lawyer"}]:
        masked = bool(_MASK_CHARS & set(name))
        # each place of the name → where the other name starts in it
        spans = _occurrence_spans(text, name)
        cuts = {s: p for s, e in spans if (p := run_in(name, s, e, masked)) is not None}
        if not cuts or len(cuts) < len(spans):
            continue
        if masked or all(glue(s, p) for s, p in cuts.items()):
            del people[name]
        elif len({p - s for s, p in cuts.items()}) == 1:
            # a name run into the next (甄宁卿 of 甄宁卿明远): the name before it
            s, p = next(iter(cuts.items()))
            head = name[: p - s]
            if _plausible_name(head) and not _place_here(text, head):
                people.setdefault(head, _Person(head, people.pop(name).category))


# Cigarette and liquor brands, listed in tobacco and theft judgments (查获中华、玉溪、红塔山等11个品种):
# read as names (红塔山 → 红某1) by the rules' list pass and by the tagger
_BRANDS = frozenset(
    [
        "中华",
        "玉溪",
        "红塔山",
        "利群",
        "芙蓉王",
        "云烟",
        "娇子",
        "黄鹤楼",
        "白沙",
        "双喜",
        "红双喜",
        "苏烟",
        "真龙",
        "红河",
        "黄金叶",
        "七匹狼",
        "贵烟",
        "红金龙",
        "长白山",
        "哈德门",
        "大前门",
        "牡丹",
        "钻石",
        "泰山",
        "茅台",
        "五粮液",
        "剑南春",
        "洋河",
        "汾酒",
        "郎酒",
        "泸州老窖",
    ]
)
_BRAND_AFTER = re.compile(r"[”\"’']?牌")


# a name the court masked (郭某乙, 胡某某, 甄某1) and an enumeration comma, before or after a
# word (not 和 与 及, "with" as often as "and": 到车里和甄某某讲话, 及其哥哥, 在隆某与任县)
_MASKED = r"([\u4e00-\u9fff])某[某甲乙丙丁戊己\d]*"
_MASKED_THEN_MARK = re.compile(_MASKED + "、$")
_MASKED_NEXT = re.compile("(?!某)" + _MASKED)
# words that join two people's names (甄宁和卿宁, 甄宁、卿宁)
_JOINING = frozenset("和与及同跟、")
_MARK_THEN_MASKED = re.compile("、" + _MASKED)
_LIST_ITEM_BEFORE = frozenset("、，,。：:；;（(")
_LIST_ITEM_AFTER = frozenset("、，,。：:；;（(等")


def _masked_name(m: re.Match[str] | None) -> bool:
    """Whether the match of ``_MASKED`` is a name the court masked: a surname and 某 (not
    于某日, 在某处: a function word and 某)."""
    return bool(
        m and starts_with_surname(m.group(1)) and m.group(1) not in _FUNCTION_OR_ADVERB_SURNAMES
    )


def _listed_with_masked(text: str, name: str) -> bool:
    """Whether ``name`` stands as an item of its own in a list with a name the court masked at
    two places or more (郭某乙、甄宁， … 胡某某、甄宁、: 甄宁 is a person too, even where the
    tagger takes it at few of its places; not 甄某甲、家人、卿某某 once, 股东 of 甄某甲、股东甄某乙
    or a place: 李某4、任县的…)."""
    if name[-1] in _PLACE_END:
        return False
    places = 0
    for m in re.finditer(re.escape(name), text):
        a, b = m.span()
        if b < len(text) and text[b] not in _LIST_ITEM_AFTER:
            continue  # (an item ends the word: 股东甄某乙 is a title and a name; 单位的…)
        before = _masked_name(_MASKED_THEN_MARK.search(text, max(0, a - 6), a))
        after = (a == 0 or text[a - 1] in _LIST_ITEM_BEFORE) and _masked_name(
            _MARK_THEN_MASKED.match(text, b)
        )
        places += before or after
        if places >= 2:
            return True
    return False


def _longer_people(text: str, word: str, names: Iterable[str], count: int) -> list[str]:
    """The longer ``names`` ending with ``word`` (standing ``count`` times) that are a person's
    whatever the word is: standing a quarter as often as the word stands without it or more,
    right after a role word (被害人甄海洋), introduced by one, or where a person stands (甄海洋,
    not a tagged 高利息 twice beside 利息 sixty times)."""
    return [
        n
        for n in names
        if len(n) > len(word)
        and n.endswith(word)
        and (
            5 * text.count(n) >= count
            or _after_role_word(text, n)
            or _introduction(text, n) >= _BY_ROLE
            or _person_context(text, n)
        )
    ]


def _after_role_word(text: str, name: str) -> bool:
    """Whether ``name`` stands right after a role word somewhere (被害人甄海洋, 证人：甄宁)."""
    return any(
        _ROLE_BEFORE.search(text, max(0, m.start() - 12), m.start())
        for m in re.finditer(re.escape(name), text)
    )


def _ends_a_longer(name: str, names: Iterable[str]) -> bool:
    """Whether ``name`` ends a longer one of ``names``: it may be that person's given name
    (海洋 of 于海洋, 中华 of 王中华)."""
    return any(len(n) > len(name) and n.endswith(name) for n in names)


def _is_brand(text: str, name: str, people: dict[str, _Person]) -> bool:
    """A brand, not a person: one of :data:`_BRANDS`, or a name followed by 牌 wherever it stands
    (“宏基”牌笔记本电脑) — unless it ends another person's name (中华 of 王中华, his given name)."""
    if _ends_a_longer(name, people):
        return False
    if name in _BRANDS:
        return True
    ends = [m.end() for m in re.finditer(re.escape(name), text)]
    return bool(ends) and all(_BRAND_AFTER.match(text, e) for e in ends)


# A court-masked name right after a role word, whatever its surname (the surname list is not
# exhaustive): minority prefixes (沙马某某, 阿西某某, 吉克某某), ordinal suffixes (木某甲, 黎某2),
# or the bare 某甲 form. Lists continue it: 被告人阿西某某、吉克某某.
_ROLE_MASKED = re.compile(
    r"(?:[\u4e00-\u9fff]{0,2}|[A-Z])(?:某{1,3}|[×XＸ]{1,3})"
    r"(?:[甲乙丙丁戊己庚辛壬癸]|\d{1,2}(?![\d.．克元次年月日个号包粒支件份人名岁]))?(?![某×XＸ])"
)
# what may follow a name that ends in a single 某 or X (otherwise 王某军: the name goes on)
_AFTER_SINGLE_MASK = set(
    "与和跟及等的在于将从向到被是系共伙分先后因以称把为即均又也都就已并对给让同持携驾家处所"
)
_ROLE_MASKED_BAD = _FUNCTION_SURNAMES | _NOT_SURNAME_LEAD | _FUNC | _PLACE_END
_LATIN_MASKED = re.compile(r"(?<![A-Za-z0-9])[A-Z]某{1,2}(?![某A-Za-z0-9])")


@lru_cache(maxsize=8)
def _role_matches(text: str) -> tuple[tuple[str, int], ...]:
    """(role word, offset after it) for each role word, run on into a longer one that starts
    inside it (其妻|子李某某 is 其妻子 and 李某某, not a person 子李某某). Asked twice per text
    (court masks after role words, then names after them)."""
    out = []
    brackets = _bracket_ends(text)
    for r in _ROLE_RX.finditer(text):
        word, end = r.group(0), r.end()
        for j in range(r.start() + 1, end):
            longer = _ROLE_RX.match(text, j)
            if longer and longer.end() > end:
                word, end = longer.group(0), longer.end()
        end = brackets.get(end, end)  # 上诉人（原审被告人）|甄宁
        if word.endswith("名") and text[end : end + 1] in ("单", "册", "称"):
            continue  # 养殖户名单, 花名册: a list, not an account's holder (户名)
        if word.startswith("户名") and text[r.start() - 1 : r.start()] == "用":
            continue  # 用户名为…: a user name
        if (
            word[0] in "其之"
            and len(word) == 2
            and text[end : end + 1] in _KIN_WORD_GOES_ON
            and word[1] + text[end] in _jieba()[0].dt.FREQ
        ):
            continue  # 其姐夫, 其姐姐, 之父亲: a longer kinship word (not 其父|孙明远: a surname)
        out.append((word, end))
    return tuple(out)


def _masked_after_roles(text: str) -> list[tuple[str, int]]:
    """(masked name, start) found by :data:`_ROLE_MASKED` after a role word or after a ``、``
    following one of them, plus Latin initials with 某 anywhere (A某). A prefix containing a
    function or place character (在某地, 从某某处, 将某某) is not a name; nor is a prefix of
    one Han character followed by 某 alone (王某 is the rules' ordinary case already)."""
    out: list[tuple[str, int]] = []
    for _role, end in _role_matches(text):
        pos = end + (1 if text[end : end + 1] in "：:" else 0)
        while True:
            m = _ROLE_MASKED.match(text, pos)
            if not m:
                break
            word = m.group(0)
            nxt = text[m.end() : m.end() + 1]
            if (
                word[-1] not in "某×XＸ"
                and nxt not in _AFTER_SINGLE_MASK
                and text[m.end() - 1 : m.end() + 1] in _jieba()[1]
            ):
                # the "ordinal" starts the next word: 孙某某|甲基苯丙胺
                word, nxt = word[:-1], word[-1]
            prefix = re.split("[某×XＸ]", word, maxsplit=1)[0]
            tail = word[len(prefix) :]
            if any(c in _ROLE_MASKED_BAD for c in prefix) or (
                len(prefix) == 2 and not starts_with_surname(prefix)
            ):
                # (出借人即|卿某某, 车主叫|甄某: a word, then the court's mask; one character
                # before the mask is a surname, a rare one's too, though few of them are listed)
                break
            if not prefix and tail[-1:] not in "甲乙丙丁戊己庚辛壬癸":
                break  # a bare 某某 is no name
            if len(tail) == 1 and nxt and _is_han(nxt) and nxt not in _AFTER_SINGLE_MASK:
                break
            out.append((word, m.start()))
            if nxt != "、":
                break
            pos = m.start() + len(word) + 1
    for m in _LATIN_MASKED.finditer(text):
        out.append((m.group(0), m.start()))
    return out


# (not 第三人, a third party: 苑明远、原审第三人占明远 holds no 原审第)
_LIST_END = re.compile(
    r"(?<=[、和与及])([\u4e00-\u9fff]{2,3}?)(?<!第)"
    r"(?=(?:[二三四五六七八九十两]|等[二三四五六七八九十两]?)人)"
)
# and after a role word of an earlier stage in such a list: 苑明远、原审第三人柳宁二人
_STAGE_LIST_END = re.compile(
    "、"
    + _STAGE_ROLE.pattern
    + r"([\u4e00-\u9fff]{2,3}?)(?=(?:[二两]|等[二三四五六七八九十两]?)人)"
)
# 从 and a person or a place before 处 (从卿明远处, 从朋友处, 从车内处): 从 is no surname there
_FROM_PLACE = re.compile(r"从[\u4e00-\u9fff]{1,4}?(?:[（(][^（(）)]{1,12}[）)])?处")
# a name between a drug-case act and its object: 容留仁永亮吸食, 向甄征兵贩卖, 、陈立一起
_BETWEEN_ACTS = re.compile(
    r"(容留|伙同|卖给|贩卖给|向|和|给|、|从)([\u4e00-\u9fff]{2,3}?)"
    r"(吸食|吸毒|贩卖|购买|一起|处[购买拿取得查缴搜扣起收]|交给)"
)
# (the full-width ？ only in a name a role word introduces: between other Han runs it is a
# question mark, 你去哪了？钱拿了没有？)
_DOT_RX = re.compile(
    r"(?<=[\u4e00-\u9fff])[" + re.escape("".join(sorted(crf.DOTS))) + r"](?=[\u4e00-\u9fff])"
)
_QUESTION_END = frozenset(_QUESTION_PARTICLES + "么")
_DOT_STOP_TAGS = frozenset({"v", "p", "c", "uj", "d", "ul", "f"})

# A court's note after a person's name: 卿明远（另案处理）, 甄宁（在逃）, 阿伟（身份不明）,
# 卿明远（男，…). Used by ``_noted_names``.
_PERSON_NOTE = re.compile(
    r"[（(](?:另案|另行|已判|已被判|已另案|均另案|均已另案|在逃|现在逃|已死亡|已故|未到案|未归案|已归案|"
    r"不起诉|同案犯|身份不|真实姓名|真实身份|姓名不详|基本情况|情况不详|[男女][，,、）)])"
)
# what may stand right before such a name: punctuation, a function character, the end of a
# role word (同案人, 吸毒人员), the verbs that take a person (受甄宁（另案处理）的指使) and the end
# of a time word (之后, 当晚, 次日, 当天)
_BEFORE_NOTED_NAME = (
    set('，,、；;：:（(“”"。 人员后晚日天') | _FUNC | set("受叫让使找跟帮替令派伙同留给向")
)
# and the verbs of two characters that take a person (纠集卿宁（另案处理）, 雇佣卿明远（在逃）)
_VERBS_BEFORE_NOTED_NAME = (
    "纠集", "召集", "雇佣", "雇用", "雇请", "邀请", "指使", "唆使", "授意", "安排", "委托", "联系",
    "联络", "通知", "告诉", "带领", "介绍", "容留",
)  # fmt: skip
# adverbs a clause may start with before such a name: no part of it (后卿宁（在逃）, 遂卿明远（…）)
_ADVERBS_BEFORE_NOTED_NAME = frozenset("后又再并即遂便也还就都才")
# the last character of a thing, a trade or a side before such a note (金杯车, 金项链, 安眠酮,
# 安全员, 车老板, 包租婆, 原告方; 店 厂 社 组 队 and the other place endings are _PLACE_END's)
_THING_END = frozenset("车链酮员板婆公方馆头")
# also after one character (甄家庄, 甄宁家, 毛坯房, 项目部; 金房, 卿家)
_PLACE_OR_THING_END = frozenset("房部庄家处行")
_NICK_LEAD = frozenset("阿老小")
# a nickname although the dictionary knows it as a word (小黑, 老四, 阿胖（另案处理）)
_NICK_SECOND = frozenset("黑白红黄胖瘦高矮大二三四五六七八九十")
# after 阿/老/小: a relative or a title, no nickname (老公, 小姐, 阿嫂, 老表, 老汉)
_KIN_TITLES = frozenset("公婆姐嫂哥叔婶姨舅伯爷奶妹弟表汉赖")


def _noted_names(text: str) -> list[tuple[int, str]]:
    """Names of two or three characters right before a court's note about a person
    (:data:`_PERSON_NOTE`) that nothing else introduces: 2014年以来，卿明远（另案处理）…,
    受卿宁（另案处理）的指使, 从阿卿（身份不明）处. The name starts with a surname, or is a nickname
    (阿卿, 老卿), and is no dictionary word (车辆, 钱款, 老公（另案处理）) nor a thing (金杯车); an adverb
    before a surname is no part of it (后卿宁: 卿宁), a function character is (，于明丽)."""
    out = []
    for m in _PERSON_NOTE.finditer(text):
        p = m.start()
        for size in (4, 3, 2):
            a = p - size
            word = text[a:p]
            if a < 0 or not all(_is_han(c) for c in word):
                continue
            if size == 4 and starts_with_surname(word) != 2:
                continue  # (a compound surname: 欧阳明远（另案处理）)
            before = text[a - 1 : a]
            if (
                a > 0
                and _is_han(before)
                and before not in _BEFORE_NOTED_NAME
                and before not in _ADVERBS_BEFORE_NOTED_NAME
                and not text.endswith(_VERBS_BEFORE_NOTED_NAME, 0, a)
            ):
                continue
            if (
                size == 3
                and (
                    word[0] in _ADVERBS_BEFORE_NOTED_NAME
                    # a function character that is a rare surname (从阿卿, 和卿宁; but 于明丽)
                    or (word[0] in _FUNC and word[0] not in COMMON)
                    or (word[0] in _FUNC and word[1] in _NICK_LEAD)
                )
                and (starts_with_surname(word[1:]) or word[1] in _NICK_LEAD)
                # (同案人于明丽: after a role word a common surname is the name's; 被告人从卿宁 is not)
                and not (before in ("人", "员") and word[0] in COMMON)
            ):
                a, word = a + 1, word[1:]
            nickname = len(word) == 2 and word[0] in _NICK_LEAD and word[1] in _NICK_SECOND
            if len(word) == 2 and word[0] in _NICK_LEAD:
                if (
                    (word in _jieba()[1] and not nickname)
                    or word[1] in _KIN_TITLES
                    or (
                        crf.given_name_level(word[1]) == "0"
                        and not starts_with_surname(word[1])
                        and not nickname
                    )
                ):
                    continue  # 老公, 小姐, 老鬼 (but 老卿, 阿卿, 小黑)
            elif (
                not starts_with_surname(word)
                or (len(word) >= 3 and word[-1] in _THING_END)
                or word[-1] in _PLACE_OR_THING_END
            ):
                continue
            if (
                any(
                    (c in _NAME_STOP and c not in _IN_NOTED_NAME) or c in _MASK_CHARS
                    for c in word[1:]
                )
                or word in _NON_NAMES
                or word in ROLE_WORDS
                or word[-1] in _PLACE_END
                or word[-1] in "人等"
                or (_common_word(word) and not nickname)
            ):
                continue
            out.append((a, word))
            break
    return out


@lru_cache(maxsize=8)
def _dotted_names(text: str) -> tuple[str, ...]:
    """Ethnic-minority and transliterated names written with a separator dot (吐尔洪·艾买提;
    the dot is often mis-encoded as ?): the Han run before the dot back to a role word, a
    function character or a word no transliteration holds (取得了|, 殴打|),
    and the run after it up to a function word, a verb or a common word (|借款, |头部). Where
    the name stands several times, only what all its places share (约瑟夫·卡尔维诺斯借款 and
    约瑟夫·卡尔维诺斯未 beside each other are 约瑟夫·卡尔维诺斯). Asked by the bench's reader and
    the people's, once per text; a text with no dot is not segmented for it."""
    dots = list(_DOT_RX.finditer(text))
    if not dots:
        return ()  # (most judgments: none of the work below)
    toks = _tokens(text)
    # (and the bench's and prosecutors' role words: 检察员|古丽扎尔·艾则孜 was read 察员古丽扎尔…)
    role_end = {m.end() for m in _ROLE_RX.finditer(text)} | {
        m.end() for m in re.finditer(patterns.BENCH_ROLE, text)
    }
    tok_start = {s: (w, t) for w, s, _e, t in toks}
    # where a word ends that no transliteration holds: a verb of two characters or more (殴打,
    # 取得), a particle, a conjunction, a preposition or an adverb (了, 但); not a verb of one,
    # which jieba finds inside them (艾合|买|提)
    word_ends = {e for w, _s, e, t in toks if t in _DOT_STOP_TAGS and (len(w) > 1 or t != "v")}
    freq = _jieba()[0].dt.FREQ
    found: list[tuple[int, int, int, int]] = []
    for m in dots:
        a = m.start()
        while a > 0 and a > m.start() - 6 and a not in role_end:
            c = text[a - 1]
            if not _is_han(c) or c in _FUNC or (a < m.start() and a in word_ends):
                break
            a -= 1
        b = m.end()
        while b < len(text) and b < m.end() + 8:
            c = text[b]
            if not _is_han(c) or (c in _FUNC and c not in _MASK_CHARS):
                break
            tok = tok_start.get(b)
            if (
                b > m.end()
                and tok
                and len(tok[0]) > 1
                and (
                    tok[1] in _DOT_STOP_TAGS
                    or tok[1] in _IDIOM_TAGS  # (艾则孜|送货上门: no name holds an idiom)
                    or tok[0] in _DOT_STOP_WORDS
                    or (
                        tok[1] not in _DOTTED_NAME_TAGS
                        and freq.get(tok[0], 0) >= _DOT_STOP_FREQ
                        and tok[0][0] not in _MASK_CHARS  # (古力克孜·某某|某某: the court's mask)
                    )
                )
            ):
                break
            b += 1
        if text[m.start()] == "？" and (
            a not in role_end
            or any(c in _NAME_STOP for c in text[a : m.start()])
            or text[m.start() - 1] in _QUESTION_END
            or text[m.end()] in _NEVER_STARTS_A_NAME
        ):
            # 你去哪了？钱拿了: a question mark unless a role word introduces the name, and not
            # after a question's particle or before a pronoun (其姐姐卿伟吗？他说)
            continue
        if m.start() - a >= 1 and b - m.end() >= 1 and b - a >= 4:
            found.append((a, m.start(), m.end(), b))
    groups: dict[tuple[str, str], list[tuple[int, int, int, int]]] = {}
    for a, d, e, b in found:
        # (the places of one name: the same two characters each side of the dot, 甲尔克孜·某某
        # and 阿则孜·某某 are two people's)
        groups.setdefault((text[max(a, d - 2) : d], text[e : min(b, e + 2)]), []).append(
            (a, d, e, b)
        )
    out = []
    for places in groups.values():
        # what the places share: before the dot, all of them; after it, those whose run ended at
        # punctuation (热孜宛古·买合提， beside 热孜宛古·买合|提出, where jieba glued 提 to 出)
        plain = [p for p in places if _run_ended_plainly(text, p[3])] or places
        before = _common_start([text[a:d][::-1] for a, d, _e, _b in places])[::-1]
        after = _common_start([text[e:b] for _a, _d, e, b in plain])
        for a, d, e, b in places:
            if (
                len(places) > 1
                and before
                and after
                and len(before) + len(after) >= 3
                and text.startswith(before, d - len(before))
                and text.startswith(after, e)
            ):
                a, b = d - len(before), e + len(after)
            out.append(text[a:b])
    return tuple(out)


def _run_ended_plainly(text: str, i: int) -> bool:
    """Whether a dotted name's run that stops at ``i`` stops at the text's end or punctuation:
    a plain end, no word glued to the name (卡尔维诺斯未|到庭 is none)."""
    return not 0 <= i < len(text) or not _is_han(text[i])


def _common_start(runs: list[str]) -> str:
    """The characters all of ``runs`` start with."""
    first = min(runs)
    last = max(runs)
    n = 0
    while n < len(first) and first[n] == last[n]:
        n += 1
    return first[:n]


# jieba's tags of a transliterated name's parts, and how often a word of other tags must be known
# to end a dotted name's run (借款 637, 头部 1,008, 轻伤 110)
_DOTTED_NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nz", "?"})
_DOT_STOP_FREQ = 100
# jieba's tags of idioms and set phrases (送货上门, 一如既往)
_IDIOM_TAGS = frozenset({"l", "i"})
# words of the proceedings jieba knows too seldom or as nouns (买买提·艾力|出庭)
_DOT_STOP_WORDS = frozenset(["出庭", "到庭", "作证", "庭审", "供述", "陈述", "诉称", "辩称"])


def _occurrence_spans(text: str, name: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(re.escape(name), text)]


def _all_inside(inner: list[tuple[int, int]], outer: list[tuple[int, int]]) -> bool:
    return bool(inner) and all(any(a <= s and e <= b for a, b in outer) for s, e in inner)


def _merge_learned(text: str, people: dict[str, _Person], learned: dict[str, bool]) -> None:
    """Union of the rules' names and the tagger's names. When one name only ever occurs inside
    the other (rules: 张开, tagger: 张开强), the shorter one is dropped so that one person keeps
    one pseudonym. The role word right before a tagged name gives its category (2016 policy)."""
    rule_names = set(people)
    for name, masked in learned.items():
        if name in people:
            continue
        spans = _occurrence_spans(text, name)
        if any(
            _all_inside(spans, _occurrence_spans(text, r)) for r in rule_names if len(r) > len(name)
        ):
            continue
        category = "other"
        for s, _e in spans:
            m = _ROLE_BEFORE.search(text[max(0, s - 12) : s])
            # the match may end in the colon of 辩护人：
            role = ROLE_WORDS.get(m.group(0).rstrip("：:"), "other") if m else "other"
            if role != "other":
                category = role
                break
        for r in [r for r in rule_names if len(r) < len(name) and r in name]:
            p = people[r]
            if _all_inside(_occurrence_spans(text, r), spans):
                if p.category not in {"other", "relative"} and category in {"other", "relative"}:
                    category = p.category
                if p.category not in {"bench", "lawyer"}:
                    del people[r]
                    rule_names.discard(r)
        people[name] = _Person(name, category, already_masked=masked)


def _detect_organisations(text: str, parties: list[Party]) -> set[str]:
    orgs: set[str] = set()
    for party in parties:
        name = party.name.strip()
        if _ORG_END.search(name) or (
            len(name) > 8 and all(_is_han(c) or c in "（）()" for c in name)
        ):
            orgs.add(party.name.strip())
    for m in _ORG_AFTER_ROLE.finditer(text):
        orgs.add(m.group(1))
    for m in _BODY_ON_PARTY_LINE.finditer(text):
        orgs.add(m.group(1))
    return {o for o in orgs if len(o) >= 4}


def is_family_case(text: str) -> bool:
    return bool(FAMILY_MARKERS.search(text[:400]))


def listed_names(text: str, plist: Iterable[Party]) -> set[str]:
    """The listed parties' names and the abbreviations the text gives right after one of them
    (被告金大成实业有限公司（以下简称大成公司）): words a reviewer may never keep."""
    names = {p.name.strip() for p in plist if p.name.strip()}
    for m in _ABBREV.finditer(text):
        if any(n in text[max(0, m.start() - 40) : m.start()] for n in names):
            names.add(m.group(1))
    return names


_COURT_NAME = re.compile(r"[\u4e00-\u9fff]{2,20}?(?:人民法院|人民检察院|人民法庭)")


def never_hidden_spans(text: str, plist: Iterable[Party] = ()) -> list[tuple[int, int]]:
    """Where the text names the bench (its lines, 审判员甄宁, listed bench parties), a court or
    a procuratorate, or a case number: no pseudonym may reach into these."""
    spans = list(patterns.case_number_spans(text))
    for b in _bench_names(text, plist):
        spans += [m.span() for m in re.finditer(re.escape(b), text)]
    for rx in (patterns.BENCH_LINE, re.compile(patterns.BENCH_ROLE), _COURT_NAME):
        spans += [m.span() for m in rx.finditer(text)]
    return sorted(spans)


def rename(text: str, changes: Iterable[dict[str, Any]]) -> str:
    """``text`` (a title: 甄明中交通肇事罪一审刑事判决书) with the names of a document's stored
    changes replaced by their pseudonyms, longest first: the title of a published document."""
    names: dict[str, str] = {}
    for c in changes:
        if c["kind"] in ("person", "organisation") and len(c["original"]) >= 2:
            names.setdefault(c["original"], c["replacement"])
    if not names:
        return text
    rx = re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))))
    return rx.sub(lambda m: names[m.group(0)], text)


def touches_listed(word: str, listed: Iterable[str]) -> bool:
    """Whether ``word`` is a listed name, holds one or lies inside one: a word the reviewer may
    not keep (a tagged 甄宁珂 can stand for the listed 甄宁 at all its places)."""
    return any(n and (n in word or word in n) for n in listed)


def _masked_by_policy(person: _Person, policy: str, family: bool) -> bool:
    if person.category == REVIEWER:
        return True  # the reviewer asked (the bench is taken out before, whatever is asked)
    if person.category in {"bench", "lawyer"}:
        return False
    if policy == "all_parties":
        return True
    if person.category in ART8:
        return True
    return family and person.category in {"party", "legal_rep"}


def deidentify(
    text: str,
    parties: list[Party] | list[dict[str, Any]] | None = None,
    policy: str = "all_parties",
    *,
    family_case: bool | None = None,
    detect_names: bool = True,
    model: Any = None,
    extra_names: Iterable[str] = (),
    keep: Iterable[str] = (),
) -> Result:
    """De-identify ``text``. ``family_case`` (婚姻家庭、继承 disputes, Art 8(1)) is detected
    from the text's opening when not given.

    ``extra_names`` and ``keep`` are the reviewer's decisions on a draft: names to pseudonymise
    under either policy (as listed people, :data:`REVIEWER`), and detected names or
    organisations that are none (石家庄, 阳光), left as they are. A listed party's name is
    never kept, and the bench is never hidden, whatever is asked.

    ``model``: the learned person tagger (:mod:`.tagger`) — ``None`` uses the configured model
    file when it exists (rules only otherwise), ``False`` disables it, a path or a loaded
    ``pycrfsuite.Tagger`` selects one. Its names are added to the rules' names; the never-hidden
    filter (bench, prosecutors, lawyers, case numbers) applies after the union."""
    if policy not in POLICIES:
        raise ValueError(f"unknown policy {policy!r}")
    plist = [p if isinstance(p, Party) else Party(**p) for p in (parties or [])]
    plist += [Party(n.strip(), REVIEWER) for n in extra_names if n.strip()]
    kept = frozenset(k.strip() for k in keep if k.strip())
    family = is_family_case(text) if family_case is None else family_case
    tagger = None
    if detect_names and model is not False:
        tagger = crf.load(model) if model is None or isinstance(model, (str, Path)) else model
    if tagger is None:
        return _run(text, plist, policy, family, detect_names, keep=kept)
    rules = _run(text, plist, "all_parties", family, True, keep=kept)
    learned = learned_names(text, rules, tagger)
    return with_learned(text, rules, learned, plist, policy, family, keep=kept)


def with_learned(
    text: str,
    rules: Result,
    learned: LearnedNames,
    plist: list[Party] | None = None,
    policy: str = "all_parties",
    family: bool = False,
    keep: frozenset[str] = frozenset(),
) -> Result:
    """The rules' result (all_parties) read again with what the tagger adds and leaves
    unconfirmed — the rules' result itself where the tagger changes nothing. ``keep``: as
    :func:`deidentify`'s (the rules' result was made with the same)."""
    if not learned and not learned.unconfirmed and policy == "all_parties":
        return rules
    return _run(text, plist or [], policy, family, True, learned, keep=keep)


RULE_KINDS = ("person", "already_masked")


def rule_spans(result: Result) -> list[tuple[int, int, str]]:
    """The rules' name decisions, a feature of the tagger."""
    return [(c.start, c.end, c.kind) for c in result.changes if c.kind in RULE_KINDS]


def role_ends(text: str) -> list[tuple[int, str]]:
    """(offset after each role/relation word, its category): a tagger feature."""
    out = []
    brackets = _bracket_ends(text)
    for m in _ROLE_RX.finditer(text):
        end = brackets.get(m.end(), m.end())
        end += 1 if text[end : end + 1] in "：:" else 0
        out.append((end, ROLE_WORDS[m.group(0)]))
    return out


def tagger_features(text: str, result: Result) -> list[list[str]]:
    return crf.features(text, _tokens(text), rule_spans(result), role_ends(text), _NAME_STOP)


class LearnedNames(dict[str, bool]):
    """What the tagger adds to the rules: name → contains a mask character (the court had
    already masked it: 吉地某某, 陈X册); and ``unconfirmed``, the rules' names (nothing masked)
    the tagger took at none of their places, or that it took nowhere with some certainty and
    that could be no whole name: dictionary words (:func:`_dictionary_name_not_name`) and common
    words that only look like given names (:func:`_unattested_given_name`), not nicknames, that
    stand nowhere a name may (:func:`_in_a_name_slot`)."""

    unconfirmed: frozenset[str] = frozenset()


_NUMERALS = frozenset("〇零一二三四五六七八九十")
_SPACES = re.compile(r"\s+")


def _space_ends_name(text: str, start: int, i: int) -> bool:
    """Whether a tagged span starting at ``start`` ends at the space at ``i``."""
    m = _SPACES.match(text, i)
    if not m:
        return False
    after = text[m.end() : m.end() + 1]
    return i - start >= 3 or not after or not _is_han(after) or after in _NUMERALS


# adverbs and function characters the tagger glues after a name (甄雅宁亦|受伤, 皇甫明于|1985年)
_AFTER_A_READ_NAME = _ADVERBS_AFTER_SUBJECT | _FUNC | frozenset("曾")
# conjunctions and adverbs the tagger glues before a name (但甄雅宁的证言)
_BEFORE_A_FOUND_NAME = _ADVERBS_BEFORE_SURNAMES | frozenset("但和与及并")


def _without_role_words(
    text: str, roles: list[tuple[int, int]], role_starts: list[int], s: int, e: int
) -> tuple[int, int, bool]:
    """A tagged span ``[s, e)`` without the role words it holds: a name starts after one it
    starts in (原告|格桑拉姆) and ends before one it runs into; and whether it was cut so at its end.
    Nothing is left of 第三人之兄 or 原告之子, the tagger's spans over a relative agent's line
    (系原告之兄). A common noun a surname and a given name make is no role word at the start of a
    name of three (房东升: 房 and 东升)."""
    for a, b in roles[max(0, bisect.bisect_right(role_starts, s) - 1) :]:
        if a >= e:
            break
        if b <= s or (a == s and text[a:b] in _WEAK_ROLE_WORDS and e - s <= 3):
            continue
        if a <= s:
            s = b
        else:
            return s, a, True
    return s, max(s, e), False


def learned_names(
    text: str, rules: Result, tagger: Any, threshold: float = crf.DEFAULT_THRESHOLD
) -> LearnedNames:
    """Names the tagger finds that the rules did not (:class:`LearnedNames`)."""
    covered = {i for c in rules.changes for i in range(c.start, c.end)}
    # characters of an Art 10 hit (a plate, a number): a name never runs into one (扣押甄明中粤A…
    # tagged 甄明中粤 would lose to the plate and leave 甄明中 there unreplaced)
    pii_at = {
        i
        for c in rules.changes
        if c.kind not in RULE_KINDS and c.kind != "organisation"
        for i in range(c.start, c.end)
    }
    # surnames of the people the rules found (麦某某 → 麦): 向麦贩卖 is the preposition 向 and a
    # reference to 麦某某 by surname, not a person called 向麦
    known_surnames = {
        c.original[0]
        for c in rules.changes
        if c.kind in RULE_KINDS and len(c.original) >= 2 and _is_han(c.original[0])
    }
    # the people the rules found (nothing masked): with the tagger's, the names a tagged span
    # may be run on from (``_run_ons``: 丁友全说 is 丁友全 and a verb, not another person)
    rule_names = {
        c.original
        for c in rules.changes
        if c.kind == "person" and not _MASK_CHARS & set(c.original)
    }
    out = LearnedNames()
    tagged: dict[str, int] = {}  # how many places the tagger took each name at
    toks = _tokens(text)
    starts = _token_starts(text)
    probs = crf.marginals(tagger, tagger_features(text, rules))
    predicted = crf.predict_spans(tagger, [], threshold, probs=probs)
    taken = {i for s, e in predicted for i in range(s, e)}

    def unconfirmed(name: str) -> bool:
        spans = _occurrence_spans(text, name)
        if not any(taken.intersection(range(a, b)) for a, b in spans):
            return True
        # a dictionary "name" that is none, or a common word that only looks like a given name,
        # that the tagger took nowhere with some certainty: 盖章 of 文件已盖章, 打一巴掌; not a word
        # that could be a whole name, 王明, 张宁, 许可 — the tagger is often unsure of a name said
        # once — nor a nickname's 老王, 小龙; nor one standing anywhere a name may: 殴打红光
        return (
            (_dictionary_name_not_name(name) or _unattested_given_name(name))
            and not _name_like_word(name)
            and name[0] not in _NICK_LEAD
            and not any(
                min(probs[i][0] + probs[i][1] for i in range(a, b)) >= _SURELY_TAKEN
                for a, b in spans
            )
            and not _in_a_name_slot(text, name)
        )

    out.unconfirmed = frozenset(n for n in rule_names if unconfirmed(n))
    # where the role words stand (of two characters or more: 原告, 第三人, 之兄, 朋友, 经理)
    roles = [m.span() for m in _ROLE_RX.finditer(text) if m.end() - m.start() >= 2]
    role_starts = [a for a, _b in roles]
    for s, e in predicted:
        while s < e and text[s] in _EDGE_STRIP:
            s += 1
        s0 = s
        s, e, cut = _without_role_words(text, roles, role_starts, s, e)
        if (cut or s > s0) and s < e and not starts_with_surname(text, s):
            continue  # (副主任|医师, 购货|介绍信: what is left of a word around a role word)
        if cut:
            # what runs into a role word ends in a name the rules read and a verb (卿宏宇谈|朋友),
            # or holds no name at all (公司的卿|经理; a list of kin: 二叔、|姐姐)
            if any(c in _FUNC or c in "、，," for c in text[s:e]):
                continue
            if text[s : e - 1] in rule_names:
                e -= 1
        # 了卿伟 → 卿伟; 我妈妈, 他儿子, 个朋友 → nothing (what is left starts with no surname)
        glued = s
        while (
            s < e
            and text[s] in _NEVER_STARTS_A_NAME
            # (其 before a court's mask is a surname: 其丈夫其某, 其某3 in an Ewenki county)
            and not (text[s] == "其" and text[s + 1 : s + 2] in _MASK_CHARS)
        ):
            s += 1
        if s > glued and not (starts_with_surname(text[s:e]) or text[s : s + 1] in _MASK_CHARS):
            continue
        # nor glued to the conjunction or adverb before a name the rules found (但|甄雅宁的证言)
        if s < e and text[s] in _BEFORE_A_FOUND_NAME and text[s + 1 : e] in rule_names:
            s += 1
        # nor into an amount in capital numerals (卿伟伍拾万元 → 卿伟)
        e = next(
            (
                i
                for i in range(s + 2, e)
                if text[i] in _CAPITAL_DIGITS and text[i + 1 : i + 2] in _AMOUNT_CHARS
            ),
            e,
        )
        # nor across a space to a date or number (人民陪审员卿伟刚 二〇一八年…: the bench line's
        # name and the date) or after a whole name; a name may hold one (甄 明宁, 甄明 宁)
        e = next((i for i in range(s, e) if i in pii_at or _space_ends_name(text, s, i)), e)
        while e > s and text[e - 1] in _EDGE_STRIP:
            e -= 1
        # the tokens starting inside the span from its third character on (tokens are sorted)
        for k in range(bisect.bisect_left(starts, s + 2), len(toks)):
            w, ws, we, t = toks[k]
            if ws >= e:
                break
            # a dictionary word inside the span after two characters ends it: 甄伟康|电话
            if (
                we <= e
                and len(w) > 1
                and t not in _NAME_TAGS
                and not any(c in _MASK_CHARS for c in w)
            ):
                e = ws
                break
        e = s + len(crf.trim(text[s:e], _NAME_TRAIL))
        if text[s : e - 1] in rule_names and (
            _adverb_after(text, s, text[s:e])
            or (
                text[e - 1] in _AFTER_A_READ_NAME
                and (e - s - (sur := starts_with_surname(text[s:e])) == 3 or e - s == 2 + sur == 4)
            )
        ):
            # 甄雅宁亦|称 beside the rules' 甄雅宁: the adverb before the verb is not the name's
            # (but 那人仍|在 stays one span: cut, 那人 would be masked wherever it stands); nor
            # an adverb or function character as a fourth character, where the rules read three
            # (乘车人甄雅宁亦|受伤, 其父皇甫明于|1985年 said once: a given name of three characters,
            # or of two after a compound surname ending so, is rarer than the adverb)
            e -= 1
        if text[s : e - 1] in rule_names and _cause_starts_at(text, s, e - 1):
            # 被告卿伟民|间借贷纠纷 beside the rules' 卿伟 (卿某间借贷纠纷 in nearly every civil heading)
            e -= 1
        while e - s > 2 and (
            _PARTY_SPEAKS.match(text, e - 1) or _HEADING_OTHER_SIDE.match(text, e - 1)
        ):
            e -= 1  # 原告万福诉|被告, 原告万福诉|称: the heading's or the party's word is not the name's
        if (
            text[e - 2 : e] != "某某"
            and text[e - 1 : e] == "某"
            and text[e : e + 1] in _TIME_AFTER_MOU
        ):
            e -= 1  # 卿三某晚: 卿三 and 某晚 ("one evening"), not the masked name 卿三某
        # a name ends at the note after it (沙一你尾（另案处理）): the tagger stopped a character
        # or two short of it in a long minority name
        m = _BEFORE_NOTE.match(text, e)
        if (
            m
            and e - s >= 2
            and starts_with_surname(text[s:e])
            and not any(c in _NAME_STOP or c in _FUNC for c in m.group(1))
            and (len(m.group(1)) == 1 or _jieba()[1].get(m.group(1), "?") in _NAME_TAGS)
        ):
            e = m.end(1)
        name = text[s:e]
        if all(i in covered for i in range(s, e)) or not crf.plausible(name):
            continue
        if (
            name in _NON_NAMES
            or (len(name) >= 3 and name[-1] in "县省局厅署办罪")
            or "没" in name[1:]
            or "的" in name[1:-1]  # (公司的卿某甲: a word, 的 and a court's mask)
            or _ORG_END.search(name)  # (担任|恒达运输公司: a firm, not a person)
            or (len(name) == 3 and re.fullmatch(_STATEMENT, name[:2]) and name[2] in _JOINING)
            or (
                len(name) == 2
                and name[1] in _ENDS_NO_NAME_OF_TWO
                and name not in _jieba()[1]  # (成都 goes the way of the dictionary's words)
            )
        ):
            # (平昌县: a place; 司法局, 农业局, 扶贫办: an office; 强奸罪: a charge; no CAIL2022
            # train person ends so, nor holds 没 (都没|参与); 镇 村 乡 end given names. 陈述和 of
            # 当事人的陈述和经审查确认的证据: a statement; 计至 of 起计至付清之日: a surname and a
            # function character)
            continue
        if (
            _place_here(text, name)
            or _names_a_place_everywhere(text, name)  # (甄雅|宁律师事务所, 金色黎明|小区)
            or name in _PROVINCES
            or (
                name[:-1] in _PROVINCES
                and (crf.given_name_level(name[-1]) == "0" or name[-1] == "人")
            )
        ):
            continue  # 石家庄; 安徽, 安徽台, 山东籍: a province and a character no given name ends in
        # the label of a number, not a person, wherever it stands: 转单号5712038846 (单 is a
        # surname, 号 a given name to the tagger); a pseudonym there glued 某1 to the number
        if name[-1] in "号码" and any(
            _DIGIT_OR_LATIN.match(text, m.end()) for m in re.finditer(re.escape(name), text)
        ):
            continue
        if len(name) == 2 and name[0] in _FUNCTION_SURNAMES and name[1] in known_surnames:
            continue
        out[name] = any(c in _MASK_CHARS for c in name)
        tagged[name] = tagged.get(name, 0) + 1
    # a common word is no name: a numeral, an adjective, adverb, verb … (明细, 明显; 有明显, a
    # function-word surname before one), and a noun (法律, 云南) that the tagger took at half of
    # its places or fewer (a person's name is taken at most of them: 金星) — unless another
    # name ends with it (于海洋: 海洋 is his given name) or a dotted name starts with it
    # (买买提·吐尔逊), or it stands in a list of masked names (``_listed_with_masked``). A word
    # the tagger took at a quarter of its places or fewer, and that stands where a person does at
    # fewer than a quarter, is kept only for a longer name that is a person's (``_longer_people``:
    # not a tagged 高利息 twice beside 利息 sixty times; but 海洋 said and did things)
    names = rule_names | set(out)
    dropped: list[str] = []
    for name in list(out):
        kind = _common_word(name) or (
            # 有明显; and 初犯, 玉石, 玉山: a word starting with a word-like surname outside 百家姓
            "word" if _function_surname_and_word(name) or _wordlike_dictionary_word(name) else ""
        )
        count = text.count(name)
        if (
            kind
            and (
                kind != "noun"
                or 2 * tagged[name] <= count
                or (
                    _jieba()[0].dt.FREQ.get(name, 0) >= _VERY_COMMON_NOUN_FREQ
                    and not _quoted(text, name)
                    and not _person_context(text, name)
                )
            )
            and not _ends_a_longer(
                name,
                names
                if 4 * tagged[name] > count or 4 * _person_places(text, name) >= count
                else _longer_people(text, name, names, count),
            )
            and not _listed_with_masked(text, name)
            and not re.search(re.escape(name) + "[·•?]", text)
        ):
            del out[name]
            dropped.append(name)
        elif not _quoted(text, name):
            # a word for a person (朋友, 司机): a role word, no name unless quoted
            if name in ROLE_WORDS:
                del out[name]
                continue
            # a dictionary word the tagger took at a quarter of its places or fewer, none of
            # them where a person stands (代征 at 7 of 59, 容留 at 1 of 16): the tagger takes a
            # person's name at most of its places. (Nicknames it takes at few: 卿卿, 明远 in a
            # list, 甄宁于当晚, 从刀疤处 stand where a person does; and a given name where the
            # whole name stands twice or more: 海洋 of 甄海洋, not 房子 of a tagged 盖房子.)
            if (
                _jieba()[1].get(name, "nr") not in _NAME_TAGS
                and count >= _WORD_SEEN_OFTEN
                and 4 * tagged[name] <= count
                and not _person_context(text, name)
                and not re.search(re.escape(name) + "[处家]", text)  # 从刀疤处, 在刀疤家
                and not _REDUPLICATED.fullmatch(name)
                and not _ends_a_longer(name, (n for n in names if text.count(n) >= 2))
            ):
                del out[name]
                dropped.append(name)
    # a span that starts inside a word found to be no name and runs past it, at every place it
    # stands, is the word and what follows it (温岭开, 单刃刀), no name either, unless a role
    # word introduces it (and not after a role word: 车主|甄宁)
    words = sorted(
        span for w in dropped if w not in ROLE_WORDS for span in _occurrence_spans(text, w)
    )
    for name in list(out) if words else ():
        if _starts_inside_everywhere(text, name, words) and _introduction(text, name) < _BY_ROLE:
            del out[name]
    for name in [n for n, masked in out.items() if not masked and _word_not_name(text, n)]:
        if (
            not _quoted(text, name)
            and not _glued_to_a_name(text, name)
            # (被告人甄明中将…; but 被告人和正在服刑 is no 和正)
            and not (name[0] not in _FUNCTION_SURNAMES and _after_role_word(text, name))
            and not _person_context(text, name)
            and _introduction(text, name) < _BY_ROLE
            and not _ends_a_longer(name, names)
            and not _listed_with_masked(text, name)
            and not re.search(re.escape(name) + "[·•?]", text)
        ):
            del out[name]
    bases = rule_names | {n for n, masked in out.items() if not masked}
    run_ons = _run_ons(text, bases, bases | set(out), _tag_at(text))
    for n in run_ons:
        out.pop(n, None)
    return out


# function characters no name of two characters ends in (甄于, 甄为, 甄以, 甄和 may be names, and
# CAIL2022 train has an alias of two characters ending in 的)
_ENDS_NO_NAME_OF_TWO = frozenset(_FUNC - set("的和于为以"))


def _dictionary_name_not_name(word: str, known_well: bool = True) -> bool:
    """A word jieba's dictionary tags "nr" that is no one's name: one it knows ten times or more
    that could not be a whole name (申请书, 盖章, 齐全, 岳父: that tag holds many common words;
    not 张飞, 李鹏: ``_name_like_word``); with ``known_well``, also one it knows fifty times or
    more whatever its look (许可 623 times, 付清, 林木, 顾问; but also 王明, 张宁)."""
    jb, tags = _jieba()
    if len(word) < 2 or tags.get(word) != "nr":
        return False
    if _could_be_given_name(word):
        return False
    freq = jb.dt.FREQ.get(word, 0)
    if known_well and freq >= _COMMON_NOUN_FREQ:
        return True
    return freq >= _COMMON_WORD_FREQ and not _name_like_word(word)


# what makes the word before it the name of a place or a body: a street, a village's committee,
# an estate, a bank's branch, a law firm (朱雀|大街, 石泉|东路, 金色黎明|小区, 惠农|分理处, 公正|
# 村民委员会, 红旗|法律服务所, 阳光|某某律师事务所)
_PLACE_OR_BODY_AFTER = re.compile(
    r"大街(?!小巷)|大道|[东西南北中]路|街道|小区|花园|广场|大厦|村民委员会|村委会|居民委员会|居委会"
    r"|民族乡|(?P<run>[\u4e00-\u9fff]{0,2}?)(?:分理处|支行|分行|营业所|信用社|律师事务所|法律服务所)"
)


# verbs of going and coming, and other characters no body's name has before its word
_NOT_IN_A_BODYS_NAME = frozenset("去来到往进出回找向跟同在和与及或")


def _names_a_place_everywhere(text: str, word: str) -> bool:
    """Whether ``word`` (a name on weak evidence: jieba's tag, the tagger) names a place or a body
    wherever it stands: :data:`_PLACE_OR_BODY_AFTER` follows it at every place, with at most two
    more characters of its name before a body's word, no dictionary word or function character
    among them (甄雅|宁律师事务所; not 甄雅宁委托律师事务所, 卿伟通过银行支行,
    甄明中在法律服务所咨询). A place in brackets stands before its word (北京市某某（衡阳）律师事务所:
    a firm's office in 衡阳)."""
    for a, b in _occurrence_spans(text, word):
        bracketed = text[a - 1 : a] in "（(" and text[b : b + 1] in "）)" and a > 0
        m = _PLACE_OR_BODY_AFTER.match(text, b + bracketed)
        if not m:
            return False
        run = m.group("run") or ""
        if any(c in _FUNC or c in _NOT_IN_A_BODYS_NAME for c in run) or any(
            (tok := _token_at(text, i)) is not None
            and len(tok[0]) >= 2
            and _jieba()[1].get(tok[0], "?") not in _NAME_TAGS
            for i in range(b, b + len(run))
        ):
            return False
    return True


def _place_token_ends(text: str, i: int) -> bool:
    """Whether jieba segmented a place name (ns: 雷州市) ending right before ``i``."""
    tok = _token_at(text, i - 1)
    return tok is not None and tok[2] == i and tok[3] == "ns"


def _could_be_given_name(word: str) -> bool:
    """Two characters both seen in given names, one of them often (东升, 红梅, 海燕, 向阳): a
    dictionary word like that may be a person's given name used alone (将红梅的手机盗走), and
    stays a name on its tag (not 岳父, 师兄: a relative or a title)."""
    if len(word) != 2 or word[1] in _RELATION_END:
        return False
    levels = [int(crf.given_name_level(c)) for c in word]
    return min(levels) >= 1 and max(levels) >= 2


# characters after which a name may stand: a clause's or a list item's start, words that take a
# person (将卿宁撞伤, 把, 由, 对, 找, 帮, 替, 到卿宁家; 后卿宁报警, 遂; 说, 称), a verb's 了 and 过
# (打了卿宁), and a relative (之妻卿宁)
_NAME_SLOT_AFTER = frozenset(
    _PERSON_BEFORE_WORD
    | _CLAUSE_BREAK
    | set("、将把由对找帮替到后遂说称了过")
    | set("父母兄姐弟妹嫂婶叔伯舅姨妻夫子女儿友")
)


def _in_a_name_slot(text: str, word: str) -> bool:
    """Whether some occurrence of ``word`` stands where a name may: at the start of a clause or a
    list item, after a word that takes a person (:data:`_NAME_SLOT_AFTER`), after or before a
    verb (殴打红光, 红光报警), or before 的 (红光的手机)."""
    tag_at = _tag_at(text)
    for a, b in _occurrence_spans(text, word):
        if a == 0 or text[a - 1] in _NAME_SLOT_AFTER or text[b : b + 1] == "的":
            return True
        before = _token_at(text, a - 1)
        verb_before = before is not None and before[2] == a and before[3].startswith("v")
        if verb_before or tag_at.get(b, "").startswith("v"):
            return True
    return False


def _unattested_given_name(word: str) -> bool:
    """A common word that only looks like a given name (:func:`_could_be_given_name`): jieba
    knows it a hundred times or more, and no three-character name in its dictionary of names has
    it for its given name (巴掌, 盖章, 公正, 阳光; not 东升, 红梅, 建国)."""
    return (
        _could_be_given_name(word)
        and _jieba()[0].dt.FREQ.get(word, 0) >= _COMMON_GIVEN_NAME_WORD_FREQ
        and not crf.attested_given_name(word)
    )


_RELATION_END = frozenset("父母兄姐弟妹傅嫂婶叔伯舅姨")
# surnames that are also function characters or lead no name: never glued to a given name after
_NOT_GLUED_BEFORE = frozenset(_FUNCTION_SURNAMES | _FUNC | _NOT_SURNAME_LEAD)


def _glued_to_a_name(text: str, word: str) -> bool:
    """Whether ``word`` stands somewhere as part of a longer name: after a surname (甄|黎明,
    卿|东升: the given name of one) or, where it starts with one, before a character of given
    names (王明|宁, 李明|远), unless the two make a dictionary word (许可|证: 许可证) or that
    character starts a function word (许可|或者)."""
    starts = bool(starts_with_surname(word))
    for a, b in _occurrence_spans(text, word):
        before = text[a - 1 : a]
        if (
            before
            and starts_with_surname(before)
            and before not in _NOT_GLUED_BEFORE
            and not _in_word(text, a - 1)  # (双方|盖章: the end of a word)
        ):
            return True
        nxt = text[b : b + 1]
        if (
            starts
            and _is_han(nxt)
            and nxt not in _NAME_STOP
            and nxt not in _FUNC
            and nxt not in _PLACE_END
            and crf.given_name_level(nxt) != "0"
            and not _dictionary_word_over(text, a, b + 1)
            and not _function_word_at(text, b)
        ):
            return True
    return False


def _function_word_at(text: str, i: int) -> bool:
    """Whether a function word of two characters or more starts at ``i`` (许可|或者)."""
    tok = _token_at(text, i)
    return tok is not None and tok[1] == i and len(tok[0]) >= 2 and tok[3] in _FUNCTION_TAGS


_FUNCTION_TAGS = frozenset({"c", "p", "u", "d", "r"})


def _dictionary_word_over(text: str, a: int, b: int) -> bool:
    """Whether jieba segmented one dictionary word over all of ``text[a:b]`` (许可证), not a name
    (刘海峰 is a dictionary entry too)."""
    tok = _token_at(text, a)
    return (
        tok is not None
        and tok[1] <= a
        and tok[2] >= b
        and _jieba()[0].dt.FREQ.get(tok[0], 0) > 0
        and not _name_like_word(tok[0])
    )


def _word_not_name(text: str, name: str) -> bool:
    """A tagged span that is a word, not a name: a dictionary "name" that is none
    (``_dictionary_name_not_name``), or a span that cuts a dictionary word at every place it
    stands: it starts inside one (谅解|书 → 解书, 证明书 → 明书, 支付宝 → 付宝), or it starts
    with a function character or an adverb and ends inside one (被告人和正在服刑 → 和正, 后原告
    → 后原, 但现在 → 但现; a name's last character often starts a word: 甄忠志向, 卿永兵家).
    The caller keeps it where it stands where
    a person does, is quoted or introduced, or ends another name."""
    if len(name) < 2:
        return False
    if _dictionary_name_not_name(name):
        return True
    function_start = name[0] in _FUNCTION_OR_ADVERB_SURNAMES
    return all(
        # (not after a word for a person: 诉讼代表人|丁明远, where jieba reads 人丁 as a word)
        (_in_word(text, a, inside=True) and text[a - 1] not in "人员者")
        or (function_start and _in_word(text, b, inside=True))
        for a, b in _occurrence_spans(text, name)
    )


def _in_word(text: str, i: int, inside: bool = False) -> bool:
    """Whether the character at ``i`` is in a dictionary word jieba segmented there, of two
    characters or more and not a name; ``inside``: and not its first."""
    tok = _token_at(text, i)
    if tok is None:
        return False
    w, ws, we, t = tok
    return (ws < i if inside else ws <= i) and i < we and len(w) >= 2 and t not in _NAME_TAGS


def _token_at(text: str, i: int) -> tuple[str, int, int, str] | None:
    """The jieba token (word, start, end, tag) holding the character at ``i``, if any."""
    k = bisect.bisect_right(_token_starts(text), i) - 1
    return _tokens(text)[k] if k >= 0 else None


@lru_cache(maxsize=8)
def _token_starts(text: str) -> list[int]:
    return [ws for _w, ws, _we, _t in _tokens(text)]


def _starts_inside(words: list[tuple[int, int]], a: int, b: int) -> bool:
    """Whether the span [a, b) starts inside one of ``words`` (sorted spans; those starting at
    most eight characters before it) and runs past its end."""
    lo, hi = bisect.bisect_left(words, (a - 8, 0)), bisect.bisect_left(words, (a + 1, 0))
    return any(c <= a < d < b for c, d in words[lo:hi])


def _starts_inside_everywhere(text: str, name: str, words: list[tuple[int, int]]) -> bool:
    return all(_starts_inside(words, a, b) for a, b in _occurrence_spans(text, name))


# one or two characters and then the note a court puts after a person's name
_BEFORE_NOTE = re.compile(
    r"([\u4e00-\u9fff]{1,2})(?=[（(](?:另案|已判|已另|在逃|均另案|身份不|基本情况))"
)
# how often jieba's dictionary must know a word, as a noun or as another part of speech, for a
# tagged span that is that word to be no name (numerals never are)
_COMMON_NOUN_FREQ = 50
# a noun known this often (法律, 年龄, 全国, 法庭) is no name wherever the tagger takes it, unless it
# is quoted somewhere (“猴子”: every CAIL2022 train person that is a common noun is a quoted
# nickname) or ends a longer name (建国 of 卿建国)
_VERY_COMMON_NOUN_FREQ = 1000
_COMMON_WORD_FREQ = 10
# the tagger's probability of a name at every character of a dictionary word that confirms the
# rules' name for it (``learned_names``); its recall-oriented threshold takes many words
_SURELY_TAKEN = 0.5
# a dictionary word known this often only looks like a given name where no name in the
# dictionary has it (``_unattested_given_name``)
_COMMON_GIVEN_NAME_WORD_FREQ = 100
# how often a dictionary word must stand in a text for the share of its places the tagger took
# to tell a name from a word
_WORD_SEEN_OFTEN = 4
_REDUPLICATED = re.compile(r"(.)\1")  # 卿卿, 甄甄: a nickname
_NOUN_TAGS = frozenset({"n", "ns", "nz", "nt", "s", "j", "l", "i"})


def _common_word(word: str) -> str:
    """Whether jieba's dictionary knows ``word`` as no name: "numeral" (余元, 十二条), "noun"
    known 50 times or more (法律, 云南), "word" for another part of speech known 10 times or
    more (明细, 明显); else "". One such span tagged anywhere in a long judgment had every
    occurrence of the word replaced (法律 → 法某 throughout). Of CAIL2022 train's 6,471 gold
    person mentions, 9 are such words (nicknames: 二哥, 猴子), which the rules take where
    quoted; 于洋 (ns, 46) and 东东 (ns, 41) are below the threshold."""
    jb, tags = _jieba()
    tag = tags.get(word)
    if tag is None or tag in _NAME_TAGS:
        return ""
    if tag == "m":
        return "numeral"
    freq = jb.dt.FREQ.get(word, 0)
    if tag in _NOUN_TAGS:
        return "noun" if freq >= _COMMON_NOUN_FREQ else ""
    return "word" if freq >= _COMMON_WORD_FREQ else ""


def _name_like_word(word: str) -> bool:
    """Whether a dictionary word could be someone's whole name: jieba tags it a person's name
    (nrfg, nrt: 李强), or an ordinary surname that doubles as no other word starts it and
    given-name characters follow (王明, 王平; not 许可证, 周转)."""
    if _jieba()[1].get(word) in {"nrfg", "nrt"}:
        return True
    if word[0] not in COMMON or word[0] in AMBIGUOUS:
        return False
    levels = [int(crf.given_name_level(c)) for c in word[1:]]
    return bool(levels) and min(levels) >= 1 and (len(levels) == 1 or max(levels) >= 2)


def _quoted(text: str, word: str) -> bool:
    return re.search("[“\"「『‘']" + re.escape(word) + "[”\"」』’']", text) is not None


def _function_surname_and_word(name: str) -> bool:
    """A surname that is also a function word or verb before a common word: 有明显, 在法律 (not
    高建国: 高 is an ordinary surname)."""
    return (
        len(name) >= 3 and name[0] in _FUNCTION_SURNAMES | {"有"} and bool(_common_word(name[1:]))
    )


@lru_cache(maxsize=8)
def _tag_at(text: str) -> dict[int, str]:
    return {ws: t for _w, ws, _we, t in _tokens(text)}


def _run_ons(text: str, bases: set[str], spans: set[str], tag_at: dict[int, str]) -> dict[str, str]:
    """The ``spans`` that are a name of ``bases`` run on into the words after it (甄明中说, 丁友全让其,
    甄明中和楼某, 熊伟说, 熊伟犯), each → that name. The name must also stand alone in the text
    (not only at the start of longer names: 欧阳明 in 欧阳明华 and 欧阳明德 does not). Then:
    what follows the name is 之 and a kinship word (甄明之母); or, where no role noun introduces
    the span (``_introduction``: 被告人刘明亮，男), it starts with a character that ends no given
    name (_STOP3, 犯, 了, the adverbs of ``_ADVERBS_AFTER_NAME``: 甄明仅) or a verb
    (``_verb_after_name``: 熊伟说, 熊伟退); or, where no verb or preposition introduces it
    either (伙同刘明亮，), the name has a given name of two characters or more, or (李明 in 李明华
    being part of a name) what follows starts, at half of the span's places or more, a jieba
    word that is not a name, or at every place a dictionary word (``_word_at``: 自愿). Also a
    span with the name in it and a mask character (孟某开着甄宁: a court-masked name had
    swallowed it, and the span was kept as it was) and one function word glued before the name
    (和甄宁, 了甄宁, 是甄宁); the name and a joining word before a court's mask at every place (柳宁和
    of 柳宁和王某某2); and the name and "formerly" or "now" before a verb (柳宁原|系, 柳宁现|住)."""
    counts = {n: text.count(n) for n in bases | spans}
    levels: dict[str, int] = {}  # ``_introduction``, one scan of the text per name

    def introduced(n: str, acts: bool = False) -> bool:
        if n not in levels:
            levels[n] = _introduction(text, n)
        return levels[n] >= (_BY_ACT if acts else _BY_ROLE)

    out: dict[str, str] = {}
    for name in sorted(bases, key=len):
        sur = starts_with_surname(name)
        # a name with a known surname, so a minority or dotted name (买买提·吐尔逊) is never cut
        if len(name) < 2 or counts[name] == 0 or not sur:
            continue
        longer = [p for p in spans if len(p) > len(name) and name in p and p not in out]
        for span in longer:
            if _MASK_CHARS & set(span) and re.fullmatch(_MASKED + re.escape(name), span):
                # a court-masked name run on into this one, alone or not (杨某1柳宁: kept as it
                # stood, the span published 柳宁)
                out[span] = name
            elif (
                span[len(name) :] in _JOINING
                and span.startswith(name)
                and all(_MASKED_NEXT.match(text, e) for _s, e in _occurrence_spans(text, span))
            ):
                # the name and the word joining it to a court's mask, at every place (柳宁和 of
                # 柳宁和王某某2: it took the place and a pseudonym of its own)
                out[span] = name
            elif span.startswith(name) and all(
                _adverb_after(text, at, span) for at, _e in _occurrence_spans(text, span)
            ):
                # "formerly", "now" or "still" before a verb at every place, alone or not (柳宁现|
                # 住, 柳宁原|是; 卿宁尚|欠, where jieba read 卿宁尚 as one word)
                out[span] = name
        longer = [p for p in longer if p not in out]
        if not longer or counts[name] <= sum(counts[p] for p in longer):
            continue  # never alone
        full = len(name) - sur >= 2
        for span in longer:
            if _MASK_CHARS & set(span):
                out[span] = name  # a court-masked name and this one in one span: 孟某开着甄宁
                continue
            if not span.startswith(name):
                # a function word glued before the name: 了甄宁, 是甄宁 (和 is also a surname,
                # so only before a name the text introduces: not 于海洋 beside a tagged 海洋,
                # and not where the span itself is introduced: 被告人和甄宁，男)
                if (
                    len(span) == len(name) + 1
                    and span.endswith(name)
                    and span[0] in _GLUED_BEFORE
                    and introduced(name, acts=True)
                    and not (starts_with_surname(span) and introduced(span))
                ):
                    out[span] = name
                continue
            nxt = span[len(name)]
            if nxt in "·•?":
                continue
            if nxt == "之" and span[len(name) + 1 : len(name) + 2] in _KIN:
                out[span] = name  # 甄明之母, even where the text introduces her (甄明之母，女)
                continue
            if introduced(span):
                continue  # a person of its own: 被告人刘明亮，男 beside 刘明 (or 刘明月, 月 ends names)
            if (
                nxt in _ENDS_GIVEN_NAME
                or nxt in _ADVERBS_AFTER_NAME
                or nxt in "了着"
                or _verb_after_name(nxt)
            ):
                out[span] = name  # what follows ends no given name: 借给甄明中了，
                continue
            if introduced(span, acts=True):
                continue  # a person of its own: 甄明伙同甄明亮，… beside 甄明
            if full:
                out[span] = name
                continue
            at = [m.start() + len(name) for m in re.finditer(re.escape(span), text)]
            if 2 * sum(tag_at.get(i, "nr") not in _NAME_TAGS for i in at) >= len(at) or all(
                _word_at(text, i) for i in at
            ):
                out[span] = name
    return out


def _word_at(text: str, i: int) -> bool:
    """Whether the two characters at ``i`` are a dictionary word that is not a name and whose
    first character is seldom a given-name character (自愿 after 甄明, where jieba glued 自 to
    the name; not 华为 after 刘明)."""
    tag = _jieba()[1].get(text[i : i + 2])
    return tag is not None and tag not in _NAME_TAGS and crf.given_name_level(text[i]) in {"0", "1"}


# Role words that are a verb or preposition (交给, 向, 和 …): a name after one of them and before a
# comma is not introduced by it (借给甄明了， is 甄明 and a particle), unless a parenthesis follows
# (伙同甄明亮（另案处理）)
_ACT_ROLES = frozenset(
    [
        "伙同",
        "容留",
        "介绍",
        "联系",
        "找到",
        "告知",
        "卖给",
        "贩卖给",
        "交给",
        "送给",
        *"向与和及同给",
    ]
)


_BY_ACT, _BY_ROLE = 1, 2


def _introduction(text: str, name: str) -> int:
    """How the text introduces ``name`` as a person: ``_BY_ROLE`` where it is followed by the sex
    (刘明亮，男), or stands right after a role word and before a comma, colon or parenthesis
    (辩护人刘明亮，, 证人刘明亮、), or right after a verb or preposition of :data:`_ACT_ROLES` and
    before a parenthesis (伙同刘明亮（另案处理）); ``_BY_ACT`` where only such a verb or preposition
    introduces it, before a comma or colon (交与甄宁、); 0 where nothing does."""
    level = 0
    for m in re.finditer(re.escape(name), text):
        after = text[m.end() : m.end() + 3]
        if after[:1] in "，,（(" and after[1:2] in "男女" and not _is_han(after[2:3]):
            return _BY_ROLE  # (not 当天阳光，男女老少…)
        if after[:1] not in "，,、；;（(：: ":
            continue  # (not a full stop: 煮面条给被告人甄明吃。 introduces no 甄明吃)
        role = _ROLE_BEFORE.search(text[max(0, m.start() - 12) : m.start()])
        if not role:
            continue
        if after[:1] in "（(" or role.group(0).rstrip("：:") not in _ACT_ROLES:
            return _BY_ROLE
        level = _BY_ACT
    return level


_GLUED_BEFORE = _STOP3 | set("了着过但却")
# _STOP3 without the characters that also end given names (中 刚 来 通, 张三 李四, 秦立和 …):
# after a one-character given name, one of these ends the name
_ALSO_ENDS_GIVEN_NAME = frozenset(
    "中刚来通之同一二三四五六七八九十两和为上下里内外间边旁家甲乙丙丁乃便即曾国"
)
# characters a name before a court's note may hold although they stop names elsewhere (甄明中,
# 甄为民, 卿二: ``_noted_names``)
_IN_NOTED_NAME = _ALSO_ENDS_GIVEN_NAME | _FUNCTION_GIVEN
# of those, the ones ``_name_at`` reads as the end of a name after a role word (被告人甄明中在…;
# CAIL2022 train: 刚 ends 8 names, 通 3)
_READ_WHOLE_AFTER_ROLE = _ALSO_ENDS_GIVEN_NAME & frozenset("中刚通")
_ENDS_GIVEN_NAME = _STOP3 - _ALSO_ENDS_GIVEN_NAME


def _verb_after_name(c: str) -> bool:
    """A character jieba knows as a verb alone (说 让 退 …), but not one of the verbs that are
    also common last characters of given names (王海生, 李国兴, 陈建立, 刘明亮, 陈富发)."""
    return c not in _GIVEN_VERBS and _jieba()[1].get(c, "") == "v"


# adverbs, prepositions and pronouns that start a clause after its subject and end no given name
_ADVERBS_AFTER_NAME = frozenset("仅则由该自另只却竟")


_GIVEN_VERBS = frozenset("兴生胜立成进亮保发喜安建振来欢爱超跃达通华荣伟强贵富顺利旺")


def _drop_run_ons(text: str, people: dict[str, _Person]) -> None:
    """The rules' and the tagger's names that are another person's name run on into the next
    word (``_run_ons``): one person, one pseudonym (熊某, not 熊某1 … 熊某5)."""
    bases = {
        n
        for n, p in people.items()
        if not p.already_masked and not p.nickname and not _MASK_CHARS & set(n)
    }
    if not bases or len(people) < 2:
        return
    run_ons = _run_ons(text, bases, set(people), _tag_at(text))
    for span, base in run_ons.items():
        while base not in people and base in run_ons:  # a base itself run on from a shorter one
            base = run_ons[base]
        if span not in people or base not in people:
            continue
        if people[span].category in {"bench", "lawyer"}:
            continue  # kept, never hidden: not merged into a person who is masked
        if people[base].category in {"other", "relative"}:
            people[base].category = people[span].category
        del people[span]


# Characters that end a tagged span but not a name (the training data sometimes annotates
# 李某处, 张某共, 甄小伟背 …): trimmed so the pseudonym does not swallow the next word.
_NAME_TRAIL = frozenset(
    (_FUNC - set("和为")) | set("处共伙背时电带") | set("未却没不")
)  # names may end in 和 or 为 (秦立和); 未 却 没 不 end no given name (柳宁未到庭: 柳宁)


_DIGIT = re.compile(r"[0-9０-９]")
_DIGIT_OR_LATIN = re.compile(r"[0-9０-９A-Za-zＡ-Ｚａ-ｚ]")
_EDGE_STRIP = set(" \t\u3000，。、；：,.;:！？!?（）()“”\"'「」『』‘’《》［］[]【】〔〕")
_MASK_CHARS = set("某×XxＸ*＊ⅹ")


# A surname alone standing for a person named in the document (该吴称…, 在林的指认下, 从殷携带,
# ，张在撬窗逃跑时): between these characters it is a reference, not a word.
_SURNAME_ONLY_BEFORE = set("该要给从在向与和被让叫，；。")
_SURNAME_ONLY_AFTER = set("称帮的携在以于将与和把被说讲也又便就即则另遂")
# surnames that are also adverbs, modals, conjunctions, pronouns, verbs or nouns, ordinary before
# 在/以/被/的 (被告人曾在侦查阶段, ，应在法定刑幅度内, ，但在案发前, 找妹妹时被抓, ，钱的去向,
# ，有被告人…供述, ，那以后): never read alone as a person (nothing is hidden by it: a pseudonym
# keeps the surname)
_ADVERB_SURNAMES = set(
    "曾常尚都亦先再正才仍还也又便就只已早现原另全多共均同能可当该应要会须时后前上下但却而且并若如乃虽"
    "有那钱车付关房包"
)
_FUNCTION_OR_ADVERB_SURNAMES = frozenset(_FUNCTION_SURNAMES | _ADVERB_SURNAMES)
_SURNAMES_ALSO_WORDS = frozenset(AMBIGUOUS | _FUNCTION_OR_ADVERB_SURNAMES)  # 高 经 曾 …
# and those a clause may go on with after a bare party role word (``_clause_after_bare_role``)
_BARE_ROLE_WORD_SURNAMES = frozenset(_SURNAMES_ALSO_WORDS | set("家方"))


def _reference_at(text: str, i: int, after: set[str]) -> bool:
    """Whether the surname at ``i`` can stand alone for a person before ``after``."""
    sur, nxt = text[i], text[i + 1 : i + 2]
    if sur in _ADVERB_SURNAMES or nxt not in after:
        return False
    # a preposition before 被 at the start of a clause: ，向被告人…发出
    return not (sur in _FUNCTION_SURNAMES and nxt == "被" and text[i - 1 : i] in "，；。")


_PERSON = "\0person"  # a person's candidate before its pseudonym is numbered


def _surname_only(
    text: str, masked_people: dict[str, _Person], bases: dict[str, str]
) -> list[tuple[int, int, str, str, int]]:
    """References by surname alone (该吴称…): the person's name (kind ``_PERSON``, numbered
    later) where one person bears the surname, the surname + 某 where several do."""
    by_surname: dict[str, list[str]] = {}
    for n, p in masked_people.items():
        if p.nickname or len(n) < 2 or not _is_han(n[0]) or starts_with_surname(n) != 1:
            continue
        if not p.already_masked and n not in bases:
            continue  # only ever inside a longer name: no person, no pseudonym of its own
        by_surname.setdefault(n[0], []).append(n)
    out: list[tuple[int, int, str, str, int]] = []
    for sur, names in by_surname.items():
        for m in re.finditer(re.escape(sur), text):
            i = m.start()
            if text[i - 1 : i] not in _SURNAME_ONLY_BEFORE or i == 0:
                continue
            if not _reference_at(text, i, _SURNAME_ONLY_AFTER):
                continue
            if len(names) == 1 and masked_people[names[0]].already_masked:
                out.append((i, i + 1, sur, "already_masked", 4))
            elif len(names) == 1:
                out.append((i, i + 1, names[0], _PERSON, 4))
            else:
                out.append((i, i + 1, sur + "某", "person", 4))
    return out


def _run(
    text: str,
    plist: list[Party],
    policy: str,
    family: bool,
    detect_names: bool,
    learned: dict[str, bool] | None = None,
    *,
    keep: frozenset[str] = frozenset(),
) -> Result:
    protected: list[tuple[int, int]] = patterns.case_number_spans(text)
    bench = _bench_names(text, plist)

    candidates: list[tuple[int, int, str, str, int]] = []  # start, end, replacement, kind, priority
    for h in patterns.find_pii(text):
        candidates.append((h.start, h.end, h.replacement, h.kind, 1 if h.fallback else 0))

    # detect_names=False: the Art 10 pass only (party names still replaced); used for the
    # regex-PII stress run, where names cannot change the result (Art 10 hits win overlaps)
    people = _detect_people(text, plist, learned) if detect_names else {}
    for b in bench:
        people.pop(b, None)
    listed = listed_names(text, plist) if keep else set()
    keep = frozenset(k for k in keep if not touches_listed(k, listed))
    for word in keep:  # the reviewer's "no name" (never a listed name, nor one around it)
        people.pop(word, None)
    masked_people = {n: p for n, p in people.items() if _masked_by_policy(p, policy, family)}
    kept_people = {n for n in people if n not in masked_people}
    if policy == "all_parties":
        orgs = {o for o in _detect_organisations(text, plist) if o not in keep}
    else:  # 2016: an organisation only where the reviewer names one
        orgs = _detect_organisations("", [p for p in plist if p.role == REVIEWER])
    abbrevs = set()
    if orgs:
        for m in _ABBREV.finditer(text):
            if m.group(1) not in keep and any(
                o in text[max(0, m.start() - 40) : m.start()] for o in orgs
            ):
                abbrevs.add(m.group(1))

    # occurrences, longest first
    never = bench | kept_people
    for name in never:
        # not inside a longer name that is masked: 审判长刘明 kept, 被告人刘明亮 still masked
        inside = [
            m.span()
            for n in masked_people
            if len(n) > len(name) and name in n
            for m in re.finditer(re.escape(n), text)
        ]
        for m in re.finditer(_name_rx(name), text):
            if not any(a <= m.start() and m.end() <= b for a, b in inside):
                protected.append(m.span())
    names = sorted(set(masked_people) | orgs | abbrevs, key=len, reverse=True)
    # a person's name is found with a space inside it too (甄 明远): the match's key is the
    # name whose characters it has
    unspaced = {"".join(n.split()): n for n in names if n in masked_people}  # 甄明远 over 甄 明远

    def pattern(n: str) -> str:
        return re.escape(n) if n in orgs or n in abbrevs else _name_rx(n)

    def key(found: str) -> str:
        return found if found in orgs or found in abbrevs else unspaced["".join(found.split())]

    mentions: list[tuple[int, int, str]] = []
    if names:
        rx = re.compile("|".join(map(pattern, names)))
        for m in rx.finditer(text):
            mentions.append((m.start(), m.end(), key(m.group(0))))

    # base pseudonyms (张某, 某某): numbered only once the overlaps are resolved, among the
    # names actually replaced, so a name that never wins a place (a tagged span across a
    # plate) does not number its namesake 张某1
    mentioned = {n for _s, _e, n in mentions}
    reserved = {n for n, p in people.items() if p.already_masked}
    bases: dict[str, str] = {}
    for n in mentioned:
        if n in orgs or n in abbrevs:
            continue
        p = masked_people[n]
        if p.already_masked:
            continue
        if p.nickname and not starts_with_surname(n):
            bases[n] = "某某"
        else:
            bases[n] = person_base(n)
    fixed: dict[str, str] = {o: organisation_base(o) for o in orgs}
    for a in abbrevs:
        end = _ORG_END.search(a)
        fixed[a] = "某某" + (end.group(0) if end else "单位")

    # every other occurrence of a name that has a pseudonym, so that where the longest name
    # at a position loses an overlap (to a plate glued to it, to a tagged span across it) a
    # shorter name there, or one starting inside it, is still replaced; a name only ever inside
    # a longer one gets no pseudonym of its own and no fallback (priority 5: only where no
    # other candidate was chosen)
    greedy = {(s, e) for s, e, _n in mentions}
    fallback: list[tuple[int, int, str]] = []
    for n in names:
        if n not in mentioned or (n in masked_people and masked_people[n].already_masked):
            continue  # a court-masked name is kept as it is anyway
        for m in re.finditer(pattern(n), text):
            if m.span() not in greedy:
                fallback.append((m.start(), m.end(), n))

    # a person's replacement is its name until the pseudonyms are numbered (``_PERSON``)
    for k, (s, e, n) in enumerate(mentions + fallback):
        later = k >= len(mentions)
        if n in fixed:
            candidates.append((s, e, fixed[n], "organisation", 5 if later else 2))
        elif masked_people[n].already_masked:
            candidates.append((s, e, n, "already_masked", 5 if later else 3))
        else:
            candidates.append((s, e, n, _PERSON, 5 if later else 2))
    candidates.extend(_surname_only(text, masked_people, bases))

    # resolve overlaps: protected spans win, then by priority, then earliest/longest. Both
    # checks bisect sorted, disjoint spans (a judgment has thousands of candidates)
    guard: list[tuple[int, int]] = []
    for ps, pe in sorted(protected):
        if guard and ps <= guard[-1][1]:
            guard[-1] = (guard[-1][0], max(guard[-1][1], pe))
        else:
            guard.append((ps, pe))
    guard_starts = [g[0] for g in guard]

    def overlaps(spans: list[tuple[int, int]], starts: list[int], s: int, e: int) -> bool:
        k = bisect.bisect_right(starts, s)
        return (k > 0 and spans[k - 1][1] > s) or (k < len(spans) and spans[k][0] < e)

    candidates.sort(key=lambda c: (c[4], c[0], -(c[1] - c[0])))
    taken: list[tuple[int, int]] = []
    taken_starts: list[int] = []
    chosen: list[tuple[int, int, str, str, int]] = []
    for c in candidates:
        if c[1] <= c[0] or overlaps(guard, guard_starts, c[0], c[1]):
            continue
        if overlaps(taken, taken_starts, c[0], c[1]):
            continue
        k = bisect.bisect_right(taken_starts, c[0])
        taken.insert(k, (c[0], c[1]))
        taken_starts.insert(k, c[0])
        chosen.append(c)
    chosen.sort()

    # pseudonyms in order of first appearance among the names replaced
    replaced = {c[2]: bases[c[2]] for c in chosen if c[3] == _PERSON}
    before_digit = {bases[c[2]] for c in chosen if c[3] == _PERSON and _DIGIT.match(text, c[1])}
    pseudo = number_collisions(replaced, reserved, before_digit)
    chosen = [
        (s, e, pseudo[r], "person", p) if k == _PERSON else (s, e, r, k, p)
        for s, e, r, k, p in chosen
    ]
    out: list[str] = []
    changes: list[Change] = []
    pos = 0
    for s, e, rep, kind, _prio in chosen:
        out.append(text[pos:s])
        out.append(rep)
        changes.append(Change(s, e, text[s:e], rep, kind))
        pos = e
    out.append(text[pos:])
    return Result("".join(out), changes)


# --- what the reviewer should check ---------------------------------------------------------


@dataclass(frozen=True)
class Suspect:
    """A name-like string the engine left as it is: ``reason`` is ``tagger`` (the learned
    tagger gave it some probability, below the masking threshold), ``dictionary`` (jieba's
    dictionary knows it as a person's name) or ``role`` (it follows a role word and starts with
    a surname)."""

    start: int
    end: int
    text: str
    reason: str


SUSPECT_FLOOR = 0.005  # settings.YIZHAN_DEID_SUSPECT_FLOOR: tagger probability worth a look
_SUSPECT_TAGS = frozenset({"nr", "nrfg", "nrt"})


def suspects(
    text: str,
    result: Result,
    policy: str = "all_parties",
    *,
    model: Any = None,
    floor: float | None = None,
) -> list[Suspect]:
    """Spans of ``text`` (the original) that look like a person's name but that ``result``
    left unchanged: the review page marks them 请核对, so that a miss is caught by the
    reviewer rather than published. Only under ``all_parties`` (under the 2016 rules the
    parties' names are kept on purpose). Never the bench, lawyers, prosecutors or the case
    number, and never a string inside a change. ``model`` as in :func:`deidentify`."""
    if policy != "all_parties" or not text:
        return []
    from django.conf import settings

    if floor is None:
        floor = float(getattr(settings, "YIZHAN_DEID_SUSPECT_FLOOR", SUSPECT_FLOOR))
    blocked = bytearray(len(text))
    for c in result.changes:
        blocked[c.start : c.end] = b"\x01" * (c.end - c.start)
    for s, e in patterns.case_number_spans(text):
        blocked[s:e] = b"\x01" * (e - s)
    people = _detect_people(text, [])
    never = _bench(text) | {n for n, p in people.items() if p.category in {"bench", "lawyer"}}
    for name in never:
        for m in re.finditer(re.escape(name), text):
            blocked[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    found: list[tuple[int, int, str]] = []

    toks = _tokens(text)
    word_at = {(s, e): t for _w, s, e, t in toks}

    def consider(s: int, e: int, reason: str) -> None:
        while s < e and text[s] in _EDGE_STRIP:
            s += 1
        while e > s and text[e - 1] in _EDGE_STRIP:
            e -= 1
        w = text[s:e]
        if e - s < 2 or any(blocked[s:e]) or not crf.plausible(w) or w in _NON_NAMES:
            return
        if w[-1] in _PLACE_END or w[-1] in "内外里中旁边" or _QUOTED_NOT_PERSON.search(w):
            return  # 麻章区, 陈墩村, 房屋内; 麻古, 冰毒
        if word_at.get((s, e), "?") not in _NAME_TAGS | {"?"}:
            return  # one dictionary word that is no name: 上述, 左右, 男子
        found.append((s, e, reason))

    tagger = None
    if model is not False:
        tagger = crf.load(model) if model is None or isinstance(model, (str, Path)) else model
    if tagger is not None:
        xseq = tagger_features(text, result)
        probs = crf.marginals(tagger, xseq)
        for s, e in crf.predict_spans(tagger, xseq, floor, probs=probs):
            consider(s, e, "tagger")
    for w, s, e, t in toks:
        if (
            t in _SUSPECT_TAGS
            and 2 <= len(w) <= 3
            and all(_is_han(c) for c in w)
            and starts_with_surname(w)
        ):
            consider(s, e, "dictionary")
    for m in _ROLE_RX.finditer(text):
        if ROLE_WORDS[m.group(0)] == "lawyer" or len(m.group(0)) < 2:
            continue
        pos = m.end() + (1 if text[m.end() : m.end() + 1] in "：:" else 0)
        for ln in (3, 2):
            cand = text[pos : pos + ln]
            if (
                len(cand) == ln
                and all(_is_han(c) for c in cand)
                and starts_with_surname(cand)
                and not any(c in _NAME_STOP for c in cand[1:])
                and cand[-1] not in _PLACE_END
            ):
                consider(pos, pos + ln, "role")
                break
    out: list[Suspect] = []
    end = -1
    for s, e, reason in sorted(found, key=lambda f: (f[0], -(f[1] - f[0]))):
        if s < end:
            continue
        out.append(Suspect(s, e, text[s:e], reason))
        end = e
    return out
