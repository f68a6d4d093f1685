"""Optional learned person-name tagger: character-level linear-chain CRFs (python-crfsuite).

The model is never shipped with the code (it would be trained on real names): it is trained at
run time (``manage.py train_deid --benchmark cail2022 --split train``) into
``settings.YIZHAN_DEID_MODEL`` (default ``<repo>/var/models/deid-person.crfsuite``, gitignored),
plus its second member (``deid-person.norules.crfsuite``) and a JSON sidecar
(``deid-person.crfsuite.json``: features version, parameters, training data). When a file, the
sidecar's features version or the ``pycrfsuite`` package is missing, the engine runs on its
rules alone (with a warning for a stale model).

Features per character (version 4): the character and its neighbours (unigrams ±3, bigrams and
trigrams), its class (Han / digit / Latin / mask character 某×X / punctuation / separator dot
between Han characters), surname flags (itself, one and two before), how often it and its
neighbours are given-name characters in jieba's dictionary of names (knowledge from outside the
training data, :func:`_given_name_levels`), whether the characters
around it end a name (在, 以, 于 …), whether its bigrams/trigrams recur in the document (names
do), its distance (0-3) from the closest role word before it and that word's category
(被告人 → party), its position inside a short quote and the character before the quote (nicknames),
the jieba word that contains it (word, dictionary tag such as ``nr``, position B/M/E/S), the
previous and next jieba words, and the rule engine's own decision (inside a name the rules found;
inside a court-masked name). Labels: B / I / O, from the gold person spans without the weights
annotated as persons. Training also sees each paragraph once more with its names replaced by
invented ones (``evaluate.augmented``), so that names are learned from their context.

Two CRFs are trained on the same sequences, one with and one without the rules' decisions as
features (:class:`Ensemble`); a character is a name character when the mean of their marginal
probabilities of not being ``O`` is at least ``threshold`` (recall-oriented; leak is the key
figure; 0.05 chosen by 3-fold cross-validation on CAIL2022 train); runs of such characters are
split where ``B`` is more likely than ``I``.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import re
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .surnames import COMMON, COMPOUND, TAGGER_SINGLE

DEFAULT_THRESHOLD = 0.05
MODEL_FILENAME = "deid-person.crfsuite"
# Bumped whenever :func:`features` changes: a model trained on other features is not used
# (rules only, with a warning) until ``manage.py train_deid`` is run again.
FEATURES_VERSION = 4
log = logging.getLogger(__name__)
_MASK = set("某×XxＸ*＊ⅹ")
_PUNCT = set("，。、；：,.;:！？!?（）()“”\"'《》【】[]-—·•")
_lock = threading.Lock()
_cache: dict[str, Any] = {}


@functools.lru_cache(maxsize=1)
def given_name_chars() -> list[str]:
    """The given-name characters of the dictionary's names (:func:`_given_name_levels`), each
    repeated by how often it occurs, in a fixed order, without the level-0 ones (的, 了 …): for
    drawing invented names."""
    counts, levels = _given_name_counts()[0], _given_name_levels()
    return [c for c in sorted(counts) if levels[c] != "0" for _ in range(counts[c])]


@functools.lru_cache(maxsize=1)
def _given_name_counts() -> tuple[dict[str, int], dict[str, int], frozenset[str]]:
    import jieba

    given: dict[str, int] = {}
    every: dict[str, int] = {}
    pairs: set[str] = set()
    path = Path(jieba.__file__).with_name("dict.txt")
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 3:
                continue
            word, tag = parts[0], parts[2]
            for c in word:
                every[c] = every.get(c, 0) + 1
            if tag == "nr" and 2 <= len(word) <= 3 and word[0] in TAGGER_SINGLE:
                for c in word[1:]:
                    given[c] = given.get(c, 0) + 1
                if len(word) == 3 and word[0] in COMMON:
                    pairs.add(word[1:])
    return given, every, frozenset(pairs)


def attested_given_name(word: str) -> bool:
    """Whether ``word`` is the two-character given name of some three-character name in jieba's
    dictionary of names with a common surname (东升 of X东升, 红梅, 建国; not 毛巾, 范畴, 言语: no
    one there is named so)."""
    return word in _given_name_counts()[2]


@functools.lru_cache(maxsize=1)
def _given_name_levels() -> dict[str, str]:
    """How often each character is a given-name character, from outside the training data:
    the words jieba's dictionary tags ``nr`` (person name) that are 2-3 characters long and
    start with a common surname (about 50,000 names). Level "3" … "1" by
    log((count in given names + 0.5) / (count in all dictionary words + 1)) ≥ -1, -1.8, -2.6;
    characters below (or absent) are level "0". About a second, once per process."""
    import math

    given, every, _pairs = _given_name_counts()
    levels = {}
    for c, k in given.items():
        score = math.log((k + 0.5) / (every.get(c, 0) + 1))
        levels[c] = (
            "3" if score >= -1.0 else "2" if score >= -1.8 else "1" if score >= -2.6 else "0"
        )
    return levels


def given_name_level(c: str) -> str:
    """The level of :func:`_given_name_levels` of one character ("0" where it has none)."""
    return _given_name_levels().get(c, "0")


def default_model_path() -> Path:
    """``settings.YIZHAN_DEID_MODEL`` when Django is configured, else the environment variable
    of the same name, else ``<repo>/var/models/deid-person.crfsuite``."""
    try:
        from django.conf import settings

        if settings.configured:
            configured = getattr(settings, "YIZHAN_DEID_MODEL", None)
            if configured:
                return Path(configured)
            return Path(settings.BASE_DIR) / "var" / "models" / MODEL_FILENAME
    except ImportError:  # pragma: no cover - Django is always installed in this project
        pass
    env = os.environ.get("YIZHAN_DEID_MODEL")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / "var" / "models" / MODEL_FILENAME


def available() -> bool:
    try:
        import pycrfsuite  # noqa: F401
    except ImportError:
        return False
    return True


def _mtime(p: Path) -> float | None:
    try:
        return p.stat().st_mtime
    except OSError:
        return None


def signature(path: Path | str | None = None) -> str:
    """The model files in use, as a string that changes when any of them does (path and the
    modification times of the model, its second member and its sidecar)."""
    p = Path(path) if path else default_model_path()
    return _signature(p, _mtime(p))


def _signature(p: Path, mtime: float | None) -> str:
    return f"{p}:{mtime}:{_mtime(member_path(p))}:{_mtime(info_path(p))}"


def load(path: Path | str | None = None) -> Any | None:
    """The tagger for ``path`` (default :func:`default_model_path`), or None when there is no
    model file or no pycrfsuite. Cached per path and the modification times of the model, its
    second member and its sidecar: a request costs three ``stat`` calls, and a refused model
    (wrong features version, missing member) is refused, and logged, once."""
    p = Path(path) if path else default_model_path()
    mtime = _mtime(p)
    if mtime is None or not available():
        return None
    second = member_path(p)
    key = _signature(p, mtime)
    with _lock:
        if key in _cache:
            return _cache[key]
        tagger = _open(p, second)
        _cache.clear()
        _cache[key] = tagger
    return tagger


def _open(p: Path, second: Path) -> Any | None:
    version = model_info(p).get("features")
    if version != FEATURES_VERSION:
        log.warning(
            "deid person tagger %s has features version %s, this code needs %s: "
            "rules only until `manage.py train_deid` is run again",
            p,
            version,
            FEATURES_VERSION,
        )
        return None
    if not second.exists():
        log.warning("deid person tagger %s: %s is missing, rules only", p, second.name)
        return None
    import pycrfsuite

    with_rules = pycrfsuite.Tagger()
    with_rules.open(str(p))
    without_rules = pycrfsuite.Tagger()
    without_rules.open(str(second))
    return Ensemble(with_rules, without_rules)


class Ensemble:
    """Two CRFs behind the ``pycrfsuite.Tagger`` interface used here (set / labels /
    marginal): one sees the rules' decisions as features, the other does not (so it is not
    anchored on what the rules missed); a label's marginal is the mean of the two."""

    def __init__(self, with_rules: Any, without_rules: Any) -> None:
        self.members = (with_rules, without_rules)

    def set(self, xseq: list[list[str]]) -> None:
        self.members[0].set(xseq)
        self.members[1].set(without_rule_features(xseq))

    def labels(self) -> list[str]:
        return list(self.members[0].labels())

    def marginal(self, y: str, i: int) -> float:
        return sum(m.marginal(y, i) for m in self.members) / len(self.members)


def member_path(path: Path | str) -> Path:
    """The second member of the ensemble, next to ``path`` (``x.crfsuite`` → ``x.norules.crfsuite``)."""
    p = Path(path)
    return p.with_name(p.stem + ".norules" + p.suffix)


_RULE_FEATURES = ("r=", "r-1r+1=")


def without_rule_features(xseq: list[list[str]]) -> list[list[str]]:
    return [[f for f in fs if not f.startswith(_RULE_FEATURES)] for fs in xseq]


def info_path(path: Path | str) -> Path:
    p = Path(path)
    return p.with_name(p.name + ".json")


def model_info(path: Path | str) -> dict[str, Any]:
    """The sidecar written next to a model by :func:`train` (features version, parameters,
    training data); empty when there is none."""
    try:
        with open(info_path(path), encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _cls(c: str) -> str:
    if c in _MASK:
        return "M"
    if "\u4e00" <= c <= "\u9fff":
        return "H"
    if c.isdigit():
        return "D"
    if c.isascii() and c.isalpha():
        return "L"
    if c in _PUNCT:
        return "P"
    return "X"


_QUOTES_OPEN = set('“"「『‘')
_QUOTES_CLOSE = set('”"」』’')
DOTS = frozenset("?？·•・．")  # separator dots between the parts of a name (also the mis-encoded ?)


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the contents of short quotes (at most 6 characters): nicknames."""
    out = []
    i, n = 0, len(text)
    while i < n:
        if text[i] in _QUOTES_OPEN:
            for j in range(i + 1, min(n, i + 8)):
                if text[j] in _QUOTES_CLOSE:
                    if j > i + 1:
                        out.append((i + 1, j))
                    break
                if text[j] in "，。；：\n":
                    break
        i += 1
    return out


def features(
    text: str,
    tokens: Sequence[tuple[str, int, int, str]],
    rule_spans: Iterable[tuple[int, int, str]] = (),
    role_ends: Iterable[tuple[int, str]] = (),
    stop: frozenset[str] | set[str] = frozenset(),
) -> list[list[str]]:
    """Feature strings for every character. ``tokens`` are jieba (word, start, end, tag);
    ``rule_spans`` are (start, end, kind) of the names the rules found; ``role_ends`` are
    (offset just after a role/relation word, its category); ``stop`` are characters that
    end a name (在, 以, 于 …)."""
    n = len(text)
    word_of: list[int] = [0] * n
    for k, (_w, s, e, _t) in enumerate(tokens):
        for i in range(s, min(e, n)):
            word_of[i] = k
    rule = ["O"] * n
    for s, e, kind in rule_spans:
        tag = "m" if kind == "already_masked" else "p"
        for i in range(max(0, s), min(e, n)):
            rule[i] = ("B" if i == s else "I") + tag
    # distance (0-3) from the end of the closest role word before the character
    role = [""] * n
    for end, cat in sorted(role_ends):
        for d in range(4):
            if end + d < n:
                role[end + d] = f"{cat}{d}"
    quote = [""] * n
    for qs, qe in _quote_spans(text):
        ln = min(qe - qs, 5)
        before = text[qs - 2] if qs >= 2 else "^"
        for i in range(qs, qe):
            quote[i] = f"{ln}{'B' if i == qs else ('E' if i == qe - 1 else 'I')}|{before}"
    counts2: dict[str, int] = {}
    counts3: dict[str, int] = {}
    for i in range(n - 1):
        counts2[text[i : i + 2]] = counts2.get(text[i : i + 2], 0) + 1
        if i < n - 2:
            counts3[text[i : i + 3]] = counts3.get(text[i : i + 3], 0) + 1

    def ch(i: int) -> str:
        return text[i] if 0 <= i < n else ("^" if i < 0 else "$")

    def rep(i: int, k: int) -> str:
        """Does the k-gram starting at i occur more than once (names recur)?"""
        if i < 0 or i + k > n or not all(_cls(c) in "HM" for c in text[i : i + k]):
            return "0"
        c = (counts2 if k == 2 else counts3).get(text[i : i + k], 0)
        return "1" if c > 1 else "0"

    glv = _given_name_levels()

    def gl(i: int) -> str:
        return glv.get(text[i], "0") if 0 <= i < n else "0"

    def cls(i: int) -> str:
        c = ch(i)
        if c in DOTS and _cls(ch(i - 1)) in "HM" and _cls(ch(i + 1)) in "HM":
            return "S"
        return _cls(c) if 0 <= i < n else c

    out: list[list[str]] = []
    for i in range(n):
        c = text[i]
        w, s, e, t = tokens[word_of[i]] if tokens else (c, i, i + 1, "?")
        ln = e - s
        pos = "S" if ln == 1 else ("B" if i == s else ("E" if i == e - 1 else "M"))
        k = word_of[i]
        prev_w = tokens[k - 1][0] if tokens and k > 0 and i == s else ""
        next_w = tokens[k + 1][0] if tokens and k + 1 < len(tokens) else ""
        f = [
            "b",
            "c=" + c,
            "c-1=" + ch(i - 1),
            "c+1=" + ch(i + 1),
            "c-2=" + ch(i - 2),
            "c+2=" + ch(i + 2),
            "c-3=" + ch(i - 3),
            "c+3=" + ch(i + 3),
            "c-1c=" + ch(i - 1) + c,
            "cc+1=" + c + ch(i + 1),
            "c-2c-1=" + ch(i - 2) + ch(i - 1),
            "c+1c+2=" + ch(i + 1) + ch(i + 2),
            "c-1c+1=" + ch(i - 1) + ch(i + 1),
            "c-3c-2c-1=" + ch(i - 3) + ch(i - 2) + ch(i - 1),
            "k=" + cls(i),
            "k-1k+1=" + cls(i - 1) + cls(i + 1),
            "kk+1k+2=" + cls(i) + cls(i + 1) + cls(i + 2),
            "k-2k-1k=" + cls(i - 2) + cls(i - 1) + cls(i),
            "sur=" + ("2" if text[i : i + 2] in COMPOUND else ("1" if c in TAGGER_SINGLE else "0")),
            "sur-1=" + ("1" if ch(i - 1) in TAGGER_SINGLE else "0"),
            "sur-2=" + ("1" if ch(i - 2) in TAGGER_SINGLE else "0"),
            "g=" + gl(i),
            "g-1gg+1=" + gl(i - 1) + gl(i) + gl(i + 1),
            "surg=" + ("1" if ch(i - 1) in TAGGER_SINGLE else "0") + gl(i) + gl(i + 1),
            "st=" + "".join("1" if ch(i + d) in stop else "0" for d in (-1, 1, 2, 3)),
            "rep=" + rep(i, 2) + rep(i - 1, 2) + rep(i - 1, 3) + rep(i, 3) + rep(i - 2, 3),
            "t=" + t + pos,
            "len=" + str(min(ln, 5)) + pos,
            "r=" + rule[i],
            "r-1r+1=" + (rule[i - 1] if i else "^") + (rule[i + 1] if i + 1 < n else "$"),
        ]
        if role[i]:
            f.append("ro=" + role[i])
            f.append("ro_c=" + role[i] + c)
        if quote[i]:
            f.append("q=" + quote[i].split("|")[0])
            f.append("qb=" + quote[i].split("|")[1])
        if ln <= 4:
            f.append("w=" + w)
        if prev_w:
            f.append("pw=" + prev_w)
            f.append("pw_t=" + prev_w + t)
        if next_w and i == e - 1:
            f.append("nw=" + next_w)
        out.append(f)
    return out


def bio(n: int, spans: Iterable[tuple[int, int]]) -> list[str]:
    labels = ["O"] * n
    for s, e in sorted(spans):
        if s >= e or s < 0 or e > n:
            continue
        if any(labels[i] != "O" for i in range(s, e)):
            continue  # nested/overlapping gold span: keep the first
        labels[s] = "B"
        for i in range(s + 1, e):
            labels[i] = "I"
    return labels


def train(
    sequences: Iterable[tuple[list[list[str]], list[str]]],
    path: Path | str,
    *,
    c1: float = 0.05,
    c2: float = 0.01,
    max_iterations: int = 150,
    info: dict[str, Any] | None = None,
) -> int:
    """Train the two CRFs of the :class:`Ensemble` on (features, labels) sequences and write
    them to ``path`` and :func:`member_path`, with a JSON sidecar (``<path>.json``: features
    version, parameters, ``info``). Returns the number of sequences. L-BFGS on the same
    sequences in the same order gives the same models (no randomness)."""
    import pycrfsuite

    trainers = (pycrfsuite.Trainer(verbose=False), pycrfsuite.Trainer(verbose=False))
    count = 0
    for xseq, yseq in sequences:
        if xseq:
            trainers[0].append(xseq, yseq)
            trainers[1].append(without_rule_features(xseq), yseq)
            count += 1
    params = {
        "c1": c1,
        "c2": c2,
        "max_iterations": max_iterations,
        "feature.possible_transitions": True,
    }
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    targets = (p, member_path(p))
    for trainer, target in zip(trainers, targets, strict=True):
        trainer.set_params(params)
        trainer.train(str(target.with_name(target.name + ".tmp")))
    meta = {
        "features": FEATURES_VERSION,
        "ensemble": "mean of the marginals of two CRFs: with and without the rules' decisions",
        "members": [t.name for t in targets],
        "c1": c1,
        "c2": c2,
        "max_iterations": max_iterations,
        "sequences": count,
        **(info or {}),
    }
    info_path(p).write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", "utf-8")
    for target in targets[::-1]:
        target.with_name(target.name + ".tmp").replace(target)
    return count


def marginals(tagger: Any, xseq: list[list[str]]) -> list[tuple[float, float]]:
    """(P(B), P(I)) of every character."""
    if not xseq:
        return []
    with _lock:
        tagger.set(xseq)
        labels = set(tagger.labels())
        probs = []
        for i in range(len(xseq)):
            pb = tagger.marginal("B", i) if "B" in labels else 0.0
            pi = tagger.marginal("I", i) if "I" in labels else 0.0
            probs.append((pb, pi))
    return probs


def predict_spans(
    tagger: Any,
    xseq: list[list[str]],
    threshold: float = DEFAULT_THRESHOLD,
    probs: list[tuple[float, float]] | None = None,
) -> list[tuple[int, int]]:
    """Person spans: runs of characters whose probability of not being ``O`` ≥ threshold,
    split where ``B`` is more likely than ``I`` (``probs``: the :func:`marginals`, when the
    caller has them already)."""
    if probs is None:
        probs = marginals(tagger, xseq)
    spans: list[tuple[int, int]] = []
    start = -1
    for i, (pb, pi) in enumerate(probs):
        inside = pb + pi >= threshold
        if inside and start >= 0 and pb > pi:
            spans.append((start, i))
            start = i
        elif inside and start < 0:
            start = i
        elif not inside and start >= 0:
            spans.append((start, i))
            start = -1
    if start >= 0:
        spans.append((start, len(probs)))
    return spans


_WEIGHT = re.compile(r"^[\d.０-９．]+\s*(?:克|千克|公斤|g|kg|毫克|mg)")
# a quantity glued to a name (王某10.8克, 赵某某4分（0.4克): the name ends before it
_QUANTITY = re.compile(
    r"[\d０-９]*[.．]?[\d０-９]+\s*(?:克|千克|公斤|g|kg|毫克|mg|元|分|次|包)|[\d０-９]{2,}|[（(]"
)


def trim(span: str, trail: Iterable[str] = ()) -> str:
    """A tagged span cut before a glued quantity or parenthesis, and without trailing
    function characters (``trail``), as long as two characters are left."""
    m = _QUANTITY.search(span)
    if m and m.start() >= 2:
        span = span[: m.start()]
    stop = set(trail)
    while len(span) > 2 and span[-1] in stop:
        span = span[:-1]
    return span


def is_weight(span: str) -> bool:
    """A weight (0.1克, 净重10.8克): the CAIL2022 annotation marks some as persons."""
    return bool(_WEIGHT.match(span.lstrip("重约净毛")))


def clean_gold(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Training labels without the annotation noise of the person spans: weights (0.1克)
    are dropped, quantities glued to a name are cut off (王某10.8克 → 王某)."""
    out = []
    for s, e in spans:
        span = text[s:e]
        if is_weight(span):
            continue
        out.append((s, s + len(trim(span))))
    return out


def plausible(name: str) -> bool:
    """Filter on a tagged span before it is treated as a name everywhere in the document."""
    if len(name) < 2 or len(name) > 12:
        return False
    if not any("\u4e00" <= c <= "\u9fff" or (c.isascii() and c.isalpha()) for c in name):
        return False
    if _WEIGHT.match(name) or any(c.isdigit() for c in name[:1]):
        return False
    if all(c in _MASK for c in name):
        return False
    if _ORDINAL.match(name):
        return False  # 第五 is a compound surname, but 第五十二条 an article (第五某 in the output)
    return not any(c in "，。；：,;:！？!?\n" for c in name)


_ORDINAL = re.compile(r"第[一二三四五六七八九十百千零〇两\d]")
