"""Audit trail: ``record()`` writes one append-only, hash-chained event."""
