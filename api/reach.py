"""Reach, coverage, community contacts, coordination and the partnership audit over HTTP:
thin adapters over reach's selectors and services."""

from ninja import Router

router = Router(tags=["reach"])
