"""API router (mounted at /api/v1/trial)."""

from ninja import Router

router = Router(tags=["trial"])
