from .base import *  # noqa: F403
from .base import env

SECRET_KEY = env("YIZHAN_SECRET_KEY")
if not SECRET_KEY:
    raise RuntimeError("YIZHAN_SECRET_KEY must be set in production")
DEBUG = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
