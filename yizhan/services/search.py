"""Chinese full-text search over the consultation knowledge base (咨询知识库检索).

The knowledge base is small (hundreds of entries), so the index lives in memory and is rebuilt
whenever the table changes (a save/delete signal in this process, and a cheap "stamp" query —
row count and newest ``updated_at`` — that notices changes made by other processes).

Scoring mixes three signals, each in [0, 1]:

* **words** — jieba words of the query (search mode, no HMM: deterministic), weighted by IDF,
  matched against the question (×3), keywords (×2) and answer (×1);
* **bigrams** — the share of the query's character bigrams found in the entry's question and
  keywords: two-character terms are always found, and a mistyped character (诉讼废) still
  shares most bigrams with the right entry (诉讼费) — cheap typo tolerance;
* **characters** — the share of the query's CJK characters found, so one-character terms
  (费, 案) match too.
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max

from .models import KnowledgeEntry

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RUN = re.compile(f"[{_CJK}]+")
_TOKEN = re.compile(f"[{_CJK}]|[a-z0-9]+")
_WORDISH = re.compile(f"^[{_CJK}a-z0-9]+$")

STOP_WORDS = frozenset(
    [
        "的",
        "了",
        "吗",
        "呢",
        "吧",
        "啊",
        "是",
        "在",
        "和",
        "与",
        "及",
        "或",
        "我",
        "你",
        "他",
        "她",
        "我们",
        "请问",
        "怎么",
        "怎样",
        "如何",
        "什么",
        "哪些",
        "哪里",
        "多少",
        "需要",
        "可以",
        "能",
        "能否",
        "是否",
        "要",
        "有",
        "没有",
        "一个",
        "这个",
        "那个",
        "一下",
        "想",
        "问",
    ]
)
# Domain words jieba does not know as one word.
_USER_WORDS = (
    "诉讼费",
    "受理费",
    "申请费",
    "立案",
    "网上立案",
    "诉前调解",
    "司法确认",
    "诉讼服务中心",
    "缓交",
    "减交",
    "免交",
    "举证期限",
    "上诉期",
    "强制执行",
    "申请执行",
    "财产保全",
    "12368",
    "起诉状",
    "授权委托书",
    "营业执照",
    "法定代表人",
    "小额诉讼",
    "简易程序",
    "普通程序",
    "诉讼服务大厅",
    "联系法官",
    "信访",
    "送达地址确认书",
)

_W_QUESTION, _W_KEYWORDS, _W_ANSWER = 3.0, 2.0, 1.0
_MIX_WORDS, _MIX_BIGRAMS, _MIX_CHARS = 0.5, 0.35, 0.15

_lock = threading.Lock()
_tokenizer: Any = None


def _jieba() -> Any:
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import logging

                import jieba

                jieba.setLogLevel(logging.WARNING)
                tok = jieba.Tokenizer()
                tok.initialize()
                for w in _USER_WORDS:
                    tok.add_word(w, freq=2000)
                _tokenizer = tok
    return _tokenizer


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").lower()


def words(text: str) -> list[str]:
    """jieba words in search mode (long words also yield their parts), minus stop words."""
    t = normalize(text)
    out = []
    for w in _jieba().lcut_for_search(t, HMM=False):
        w = w.strip()
        if w and _WORDISH.match(w) and w not in STOP_WORDS:
            out.append(w)
    return out


def chars(text: str) -> set[str]:
    return {c for c in _TOKEN.findall(normalize(text)) if c not in STOP_WORDS}


def bigrams(text: str) -> set[str]:
    out: set[str] = set()
    for run in _CJK_RUN.findall(normalize(text)):
        out.update(run[i : i + 2] for i in range(len(run) - 1))
    return out


def bigram_similarity(a: str, b: str) -> float:
    """Dice coefficient of the two texts' character bigrams (used for repeat petitions)."""
    ba, bb = bigrams(a), bigrams(b)
    if not ba or not bb:
        return 0.0
    return 2 * len(ba & bb) / (len(ba) + len(bb))


@dataclass
class _Doc:
    id: int
    court_id: int | None
    category: str
    question: str
    answer: str
    basis: str
    weights: dict[str, float]
    bigrams: set[str]
    chars: set[str]


@dataclass
class Hit:
    id: int
    question: str
    answer: str
    category: str
    basis: str
    score: float


@dataclass
class Index:
    stamp: tuple[Any, ...]
    docs: list[_Doc] = field(default_factory=list)
    idf: dict[str, float] = field(default_factory=dict)

    @classmethod
    def build(cls, entries: list[KnowledgeEntry], stamp: tuple[Any, ...]) -> Index:
        docs: list[_Doc] = []
        df: Counter[str] = Counter()
        for e in entries:
            weights: dict[str, float] = {}
            for text, w in (
                (e.question, _W_QUESTION),
                (e.keywords, _W_KEYWORDS),
                (e.answer, _W_ANSWER),
            ):
                for term in set(words(text)):
                    weights[term] = max(weights.get(term, 0.0), w)
            df.update(weights.keys())
            head = f"{e.question} {e.keywords}"
            docs.append(_Doc(
                id=e.pk, court_id=e.court_id, category=e.category, question=e.question,
                answer=e.answer, basis=e.basis, weights=weights, bigrams=bigrams(head),
                chars=chars(f"{head} {e.answer}"),
            ))  # fmt: skip
        n = max(len(docs), 1)
        idf = {t: math.log(1 + n / c) for t, c in df.items()}
        return cls(stamp=stamp, docs=docs, idf=idf)

    def search(
        self, query: str, *, court_id: int | None = None, limit: int = 5, floor: float = 0.12
    ) -> list[Hit]:
        q_words = list(dict.fromkeys(words(query)))
        q_bigrams = bigrams(query)
        q_chars = chars(query)
        if not (q_words or q_chars):
            return []
        default_idf = math.log(1 + max(len(self.docs), 1))
        total_idf = sum(self.idf.get(w, default_idf) for w in q_words) or 1.0
        hits: list[Hit] = []
        for d in self.docs:
            if court_id is not None and d.court_id not in (None, court_id):
                continue
            if court_id is None and d.court_id is not None:
                continue
            s_words = (
                sum(
                    self.idf.get(w, default_idf) * d.weights.get(w, 0.0) / _W_QUESTION
                    for w in q_words
                )
                / total_idf
            )
            s_bigrams = len(q_bigrams & d.bigrams) / len(q_bigrams) if q_bigrams else 0.0
            s_chars = len(q_chars & d.chars) / len(q_chars) if q_chars else 0.0
            if not q_bigrams:  # a one-character query: the character signal carries it
                score = 0.5 * s_words + 0.5 * s_chars
            else:
                score = _MIX_WORDS * s_words + _MIX_BIGRAMS * s_bigrams + _MIX_CHARS * s_chars
            if score >= floor:
                hits.append(Hit(d.id, d.question, d.answer, d.category, d.basis, round(score, 4)))
        hits.sort(key=lambda h: (-h.score, h.id))
        return hits[:limit]


_index: Index | None = None


def _stamp() -> tuple[Any, ...]:
    agg = KnowledgeEntry.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    return (agg["n"], agg["last"])


def current_index() -> Index:
    """The index, rebuilt when the knowledge base changed (one aggregate query per call)."""
    global _index
    stamp = _stamp()
    idx = _index
    if idx is None or idx.stamp != stamp:
        entries = list(KnowledgeEntry.objects.filter(is_published=True))
        idx = Index.build(entries, stamp)
        _index = idx
    return idx


def invalidate(**_: Any) -> None:
    global _index
    _index = None


def search(query: str, *, court_id: int | None = None, limit: int = 5) -> list[Hit]:
    return current_index().search(query, court_id=court_id, limit=limit)
