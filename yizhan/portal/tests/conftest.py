"""Portal tests reuse the filing fixtures (courts, litigants, clerks, cause)."""

from yizhan.filing.tests.conftest import (  # noqa: F401  (fixtures)
    admin_cause,
    alice,
    bob,
    cause,
    chikan_clerk,
    courts,
)
