"""Base settings. Every deployment-specific value is read from the environment.

Environment variables (all optional for the embedded default):
    YIZHAN_SECRET_KEY       secret key (required in prod)
    YIZHAN_DEBUG            "1" to enable debug
    YIZHAN_ALLOWED_HOSTS    comma-separated host names
    DATABASE_URL            sqlite:///path or postgres://user:pass@host:port/name
    YIZHAN_MEDIA_ROOT       where uploaded files are stored
    YIZHAN_MAX_UPLOAD_MB    upload size limit in MB (default 20)
"""

from __future__ import annotations

import os
from decimal import ROUND_HALF_UP
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = env("YIZHAN_SECRET_KEY", "insecure-dev-key-change-me-in-production-0123456789")
DEBUG = env_bool("YIZHAN_DEBUG", False)
ALLOWED_HOSTS = [h.strip() for h in env("YIZHAN_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    "django_tasks",
    "django_tasks_db",
    "yizhan.core",
    "yizhan.audit",
    "yizhan.accounts",
    "yizhan.parties",
    "yizhan.cases",
    "yizhan.filing",
    "yizhan.trial",
    "yizhan.mediation",
    "yizhan.services",
    "yizhan.publication",
    "yizhan.stats",
    "yizhan.api",
    "yizhan.portal",
    "yizhan.console",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "yizhan.core.middleware.RejectNulMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "yizhan.audit.middleware.AuditContextMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "yizhan" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database --------------------------------------------------------------------------
# SQLite in WAL mode is the embedded default; PostgreSQL 15 in production.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
        # Persistent connections: opening a PostgreSQL connection per request halved the
        # filing throughput in bench/filing.py (3.4 vs 6.7 filings/s).
        conn_max_age=int(env("YIZHAN_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers proceed while one writer writes; IMMEDIATE takes the write lock at
        # BEGIN so that concurrent dockets queue instead of failing with "database is locked".
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            " PRAGMA busy_timeout=20000;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "portal:login"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Internationalisation ---------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files -----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "yizhan" / "static"]
MEDIA_ROOT = Path(env("YIZHAN_MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MAX_UPLOAD_BYTES = int(env("YIZHAN_MAX_UPLOAD_MB", "20")) * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES + 1024 * 1024

# --- Background work (Django tasks API, django-tasks backport, database backend) ----------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("YIZHAN_LOG_LEVEL", "WARNING")},
}

# --- Domain settings ----------------------------------------------------------------------
# Values marked UNCONFIRMED in docs/domain-rules are settings, with that value as default.

# Court fees (诉讼费用交纳办法), Guangdong values (粤价函〔2008〕45号) where the province fixes
# a value inside a national range. See yizhan.rules.fees.FeeSettings for the keys.
YIZHAN_FEES: dict[str, object] = {
    "divorce_base": "300",
    "personality_base": "500",
    "non_property": "100",
    "ip_without_amount": "1000",
    "execution_without_amount": "50",  # UNCONFIRMED: national range 50–500 (FEE Art 14(1))
    "rounding": ROUND_HALF_UP,  # UNCONFIRMED: FEE does not say how to round to the fen
}

# Case-number type code of the pre-litigation mediation matter (§1.4: 民诉前调 or 诉前调,
# UNCONFIRMED for Guangdong).
YIZHAN_PRE_MEDIATION_TYPE_CODE = env("YIZHAN_PRE_MEDIATION_TYPE_CODE", "民诉前调")

# Days the filing clerk has to decide on a filing (CPL23 Art 126, REG2015 Art 8).
YIZHAN_FILING_REVIEW_DAYS = 7
# Days to pay the acceptance fee after the fee notice (FEE Art 22).
YIZHAN_FEE_PAYMENT_DAYS = 7
# Small-claims threshold = 50 % of the province's previous-year average wage of employed
# persons (CPL23 Art 165). The wage figure is UNCONFIRMED and yearly: set it per year.
YIZHAN_PROVINCE_AVERAGE_WAGE = env("YIZHAN_PROVINCE_AVERAGE_WAGE", "118133")

# The demo court system (domain-rules §1.2; codes DERIVED by the Art 5 rule, UNCONFIRMED).
YIZHAN_DEMO_COURTS = [
    ("粤08", "湛江市中级人民法院", "intermediate", None),
    ("粤0802", "湛江市赤坎区人民法院", "basic", "粤08"),
    ("粤0803", "湛江市霞山区人民法院", "basic", "粤08"),
    ("粤0804", "湛江市坡头区人民法院", "basic", "粤08"),
    ("粤0811", "湛江市麻章区人民法院", "basic", "粤08"),
    ("粤0823", "遂溪县人民法院", "basic", "粤08"),
    ("粤0825", "徐闻县人民法院", "basic", "粤08"),
    ("粤0881", "廉江市人民法院", "basic", "粤08"),
    ("粤0882", "雷州市人民法院", "basic", "粤08"),
    ("粤0883", "吴川市人民法院", "basic", "粤08"),
]

# API tokens and idempotency keys.
YIZHAN_IDEMPOTENCY_TTL_HOURS = 24

# Pre-litigation mediation (诉前调解, issue #4; docs/mediation.md).
YIZHAN_MEDIATION_CONFIRMATION_TYPE_CODE = "诉前调确"  # §1.4
YIZHAN_MEDIATION_DOCUMENT_TYPE_CODE = "诉前调书"  # §1.4
YIZHAN_MEDIATION_LIMIT_DAYS = 30  # TEYAO Art 27, OMED Art 24
YIZHAN_MEDIATION_CHOOSE_WORKING_DAYS = 2  # OMED Art 11
YIZHAN_MEDIATION_APPOINT_WORKING_DAYS = 3  # OMED Art 11
YIZHAN_MEDIATION_ACCEPT_WORKING_DAYS = 3  # OMED Art 12
YIZHAN_MEDIATION_CONFIRMATION_APPLY_DAYS = 30  # CPL23 Art 205
YIZHAN_MEDIATION_CONFIRMATION_DECISION_DAYS = 30  # CPL23 Art 187 (SFQR Art 5's 15 days UNCONFIRMED)
YIZHAN_MEDIATION_WARNING_DAYS = 5
YIZHAN_MEDIATION_MAX_EXTENSION_DAYS = 60
YIZHAN_MEDIATION_CAUSE_SPECIALTIES: dict[str, str] = {}
YIZHAN_MEDIATION_DOCUMENT_FEE_BASIS = "诉前调解出具调解书，不收取案件受理费"  # UNCONFIRMED

# Litigation service desk (issue #5; docs/services.md).
YIZHAN_TICKET_LIMITS = {"urgent": 1, "ordinary": 3}  # working days, UNCONFIRMED (§8.1)
YIZHAN_TICKET_KIND_LIMITS: dict[str, int] = {}  # per-kind override, e.g. {"complaint": 5}
YIZHAN_PETITION_ACCEPT_DAYS = 15
YIZHAN_PETITION_CONCLUDE_DAYS = 60  # counted from acceptance
YIZHAN_PETITION_REPEAT_SIMILARITY = 0.5
YIZHAN_INQUIRY_CODE_TTL_SECONDS = 600
YIZHAN_INQUIRY_SESSION_SECONDS = 1800
YIZHAN_INQUIRY_CODE_MAX_ATTEMPTS = 5
YIZHAN_INQUIRY_RATE_LIMITS = {"person": (5, 3600), "case": (10, 3600), "ip": (30, 3600)}
YIZHAN_SMS_BACKEND = "yizhan.services.sms.LogSender"
# Fee reminders by SMS: working days before the due date (a court's choice, not a legal
# rule; docs/operations.md).
YIZHAN_FEE_REMINDER_DAYS = 2
YIZHAN_KB_MIN_SCORE = 0.35
YIZHAN_SERVICE_HALL_SLOTS = [
    ("09:00", "10:00", 6),
    ("10:00", "11:00", 6),
    ("11:00", "12:00", 4),
    ("14:30", "15:30", 6),
    ("15:30", "16:30", 6),
    ("16:30", "17:30", 4),
]
YIZHAN_APPOINTMENT_HORIZON_DAYS = 14

# Trial and enforcement management (issue #6; docs/trial.md).
YIZHAN_BANKRUPTCY_COURT = "粤08"  # centralised bankruptcy jurisdiction (UNCONFIRMED, §10)
YIZHAN_LIMIT_WARNING_DAYS = (30, 15, 7)
YIZHAN_LIMIT_HOLIDAY_EXTENSION = True
YIZHAN_EXTENSION_REQUEST_DAYS = 15  # EXT2019 Art 1
YIZHAN_EXTENSION_DECISION_DAYS = 5  # EXT2019 Art 1
YIZHAN_ASSIGNMENT_BALANCE_WINDOW = "2"
YIZHAN_LEADER_QUOTAS: dict[str, object] = {}  # overrides of the §6.3 ranges

# Statistics and open data (issue #7; docs/stats.md).
YIZHAN_STATS_OPEN_MIN_COUNT = 5  # open data: counts below this are suppressed
YIZHAN_STATS_SUMMARY = env_bool("YIZHAN_STATS_SUMMARY", True)  # read the per-month summary

# Periodic jobs, enqueued by `manage.py run_schedule` and run by `manage.py db_worker`
# (docs/operations.md). "every": seconds since the last run; "daily_at": local time (HH:MM).
YIZHAN_PERIODIC_TASKS: dict[str, dict[str, object]] = {
    "stats.refresh_summary": {"task": "yizhan.stats.tasks.refresh_summary", "every": 300},
    "mediation.advance_deadlines": {
        "task": "yizhan.mediation.tasks.advance_deadlines",
        "every": 3600,
    },
    "services.escalate_overdue": {"task": "yizhan.services.tasks.escalate_overdue", "every": 3600},
    "trial.refresh_running_limits": {
        "task": "yizhan.trial.tasks.refresh_running_limits",
        "daily_at": "00:10",
    },
    "services.remind_fees_due": {
        "task": "yizhan.services.tasks.remind_fees_due",
        "daily_at": "09:00",
    },
}
