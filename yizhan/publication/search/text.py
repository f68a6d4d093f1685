"""Chinese text segmentation for search (分词).

Three token streams are derived from a text, all lower-cased and NFKC-normalised (full-width
digits and letters become half-width):

* ``unigrams``: every CJK character and every ASCII letter/digit run, in order;
* ``bigrams``: overlapping character pairs inside each run of CJK characters (盗窃罪 -> 盗窃 窃罪),
  so that a 2-character term such as 盗窃 is found wherever it occurs, whatever jieba does;
* ``words``: jieba words (precise mode, no HMM so that results are deterministic), without
  punctuation and stop words.

Keyword search matches 1-character terms on the unigram stream and longer terms as phrases of
consecutive bigrams (exact substring semantics); similar-case ranking uses bigrams and words.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(f"[{_CJK}]+|[a-z0-9]+(?:\\.[0-9]+)?")
_CJK_RUN = re.compile(f"[{_CJK}]+")
_WORDISH = re.compile(f"[{_CJK}a-z0-9]")

# A short, generic list: function words and boilerplate that carry no meaning for similarity.
STOP_WORDS = frozenset(
    [
        "的",
        "了",
        "在",
        "是",
        "和",
        "与",
        "及",
        "或",
        "其",
        "之",
        "为",
        "以",
        "于",
        "对",
        "将",
        "被",
        "把",
        "由",
        "从",
        "向",
        "至",
        "等",
        "并",
        "也",
        "又",
        "而",
        "但",
        "则",
        "该",
        "此",
        "上述",
        "一",
        "二",
        "三",
        "有",
        "无",
        "不",
        "没有",
        "所",
        "者",
        "后",
        "前",
        "时",
        "中",
        "内",
        "外",
        "上",
        "下",
        "经",
        "即",
        "该案",
        "本案",
        "本院",
        "我院",
        "依法",
        "已",
        "因",
        "因此",
        "因而",
        "如",
        "若",
        "同",
        "同日",
        "当日",
        "次日",
        "其中",
        "之后",
        "以及",
        "以上",
        "以下",
        "予以",
        "进行",
        "经过",
        "通过",
        "对于",
        "关于",
        "根据",
        "按照",
        "期间",
        "左右",
    ]
)

_lock = threading.Lock()
_tokenizer = None


def _jieba():  # type: ignore[no-untyped-def]
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import logging

                import jieba

                jieba.setLogLevel(logging.WARNING)
                tok = jieba.Tokenizer()
                tok.initialize()
                _tokenizer = tok
    return _tokenizer


def normalize(text: str) -> str:
    """NFKC (full-width -> half-width) and lower case."""
    return unicodedata.normalize("NFKC", text or "").lower()


def unigrams(text: str) -> list[str]:
    out: list[str] = []
    for m in _RUN.finditer(normalize(text)):
        run = m.group()
        if run[0] >= "\u3400":
            out.extend(run)
        else:
            out.append(run)
    return out


def bigrams(text: str) -> list[str]:
    out: list[str] = []
    for m in _CJK_RUN.finditer(normalize(text)):
        run = m.group()
        if len(run) == 1:
            out.append(run)
        else:
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


def trigrams(text: str) -> list[str]:
    """Overlapping character triples inside each run of CJK characters (runs of 1-2 characters
    give none): PostgreSQL keyword search matches a term of 3+ characters as the AND of its
    trigrams (exact GIN lookups)."""
    out: list[str] = []
    for m in _CJK_RUN.finditer(normalize(text)):
        run = m.group()
        out.extend(run[i : i + 3] for i in range(len(run) - 2))
    return out


def words(text: str, *, stop: Iterable[str] = STOP_WORDS) -> list[str]:
    stops = stop if isinstance(stop, (set, frozenset)) else frozenset(stop)
    return [
        w
        for w in _jieba().lcut(normalize(text), HMM=False)
        if _WORDISH.search(w) and w not in stops and not w.isspace()
    ]


def query_terms(q: str) -> list[str]:
    """The terms of a keyword query: whitespace-separated parts, each kept whole (a part is
    matched as an exact substring), punctuation dropped."""
    parts: list[str] = []
    for raw in normalize(q).split():
        for m in _RUN.finditer(raw):
            parts.append(m.group())
    seen: set[str] = set()
    return [p for p in parts if not (p in seen or seen.add(p))]  # type: ignore[func-returns-value]
