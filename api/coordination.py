"""Coordination between partners: possible duplicates and joint activities over HTTP: thin adapters over the app's selectors and services."""

from ninja import Router

router = Router(tags=["coordination"])
