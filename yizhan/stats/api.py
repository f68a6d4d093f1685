"""API router (mounted at /api/v1/stats)."""

from ninja import Router

router = Router(tags=["stats"])
