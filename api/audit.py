"""The partnership snapshot audit and the dashboard over HTTP: thin adapters over the app's selectors and services."""

from ninja import Router

router = Router(tags=["partnership audit"])
