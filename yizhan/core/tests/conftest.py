from yizhan.filing.tests.helpers import courts  # noqa: F401
