"""API router (mounted at /api/v1/publication)."""

from ninja import Router

router = Router(tags=["publication"])
