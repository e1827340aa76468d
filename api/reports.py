"""The statutory evidence pack, the annual outcome report and the board view over HTTP: thin adapters over the app's selectors and services."""

from ninja import Router

router = Router(tags=["reports"])
