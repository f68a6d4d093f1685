"""The django-ninja API under /api/v1 (OpenAPI at /api/docs)."""

from __future__ import annotations

from ninja import NinjaAPI

from yizhan.accounts.api import router as accounts_router
from yizhan.cases.api import router as cases_router
from yizhan.core.api import router as public_router
from yizhan.filing.api import review as review_router
from yizhan.filing.api import router as filing_router
from yizhan.mediation.api import router as mediation_router
from yizhan.publication.api import router as publication_router
from yizhan.services.api import router as services_router
from yizhan.stats.api import router as stats_router
from yizhan.trial.api import router as trial_router

from . import errors
from .auth import AUTH

api = NinjaAPI(
    title="一站 yizhan API",
    version="1",
    description=(
        "一站式诉讼服务与审判管理平台接口。错误统一为 "
        '`{"code": "...", "message": "中文说明", "fields": {...}}`，状态码 4xx。'
        "API 客户端使用 `Authorization: Bearer <token>`（POST /api/v1/auth/token 获取）；"
        "网页使用会话登录。创建类请求可带 `Idempotency-Key` 头，重试不会重复创建。"
    ),
    urls_namespace="api",
    auth=AUTH,
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)

api.add_router("/v1/", public_router)
api.add_router("/v1/auth", accounts_router)
api.add_router("/v1/filings", filing_router)
api.add_router("/v1/review", review_router)
api.add_router("/v1/cases", cases_router)
api.add_router("/v1/trial", trial_router)
api.add_router("/v1/stats", stats_router)
api.add_router("/v1/mediation", mediation_router)
api.add_router("/v1/services", services_router)
api.add_router("/v1/publication", publication_router)
