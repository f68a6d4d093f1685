from yizhan.filing.tests.helpers import cause, courts  # noqa: F401
