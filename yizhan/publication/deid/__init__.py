"""De-identification of judgment documents (裁判文书脱敏), pure Python + jieba.

Rules: 最高人民法院关于人民法院在互联网公布裁判文书的规定 (法释〔2016〕19号) Arts 8–11 and the
2026 practice of pseudonymising every party and organisation; see docs/publication.md.
"""

from .engine import (
    POLICIES,
    Change,
    Party,
    Result,
    Suspect,
    deidentify,
    listed_names,
    never_hidden_spans,
    rename,
    suspects,
    touches_listed,
)

__all__ = [
    "POLICIES",
    "Change",
    "Party",
    "Result",
    "Suspect",
    "deidentify",
    "listed_names",
    "never_hidden_spans",
    "rename",
    "suspects",
    "touches_listed",
]
