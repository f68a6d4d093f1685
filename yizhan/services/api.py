"""API router (mounted at /api/v1/services)."""

from ninja import Router

router = Router(tags=["services"])
