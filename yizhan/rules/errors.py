"""The error type every rule engine raises on bad input.

Each error carries a machine-readable ``code`` (stable, snake_case) and a Chinese ``message``
meant for the person who typed the input, plus the ``field`` it concerns where there is one.
The API layer turns it into ``{"code", "message", "fields"}`` with a 4xx status.
"""

from __future__ import annotations


class RuleError(ValueError):
    """Bad input to a rule engine."""

    def __init__(self, code: str, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, {self.message!r}, field={self.field!r})"
