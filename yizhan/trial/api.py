"""API router (mounted at /api/v1/trial): each part of the trial module adds its sub-router."""

from ninja import Router

from .api_cases import router as cases_router
from .api_hearings import router as hearings_router

router = Router(tags=["trial"])
router.add_router("", cases_router)
router.add_router("", hearings_router)  # part B: hearings and serial cases
