"""Results-Based Accountability measures, the evidence register, the strategy action plan and the annual plan over HTTP: thin adapters over the app's selectors and services."""

from ninja import Router

router = Router(tags=["measures"])
