from yizhan.filing.tests.helpers import alice, cause, chikan_clerk, courts  # noqa: F401
