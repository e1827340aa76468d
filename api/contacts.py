"""Community contacts and coverage over HTTP: thin adapters over the app's selectors and services."""

from ninja import Router

router = Router(tags=["community contacts"])
