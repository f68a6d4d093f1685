"""API router (mounted at /api/v1/publication)."""

from ninja import Router

from .api_deid import router as deid_router
from .api_search import router as search_router

router = Router(tags=["publication"])
router.add_router("", deid_router)
router.add_router("", search_router)
