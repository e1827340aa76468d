"""Evaluation of activities and the National Standards self-assessment over HTTP: thin adapters over the app's selectors and services."""

from ninja import Router

router = Router(tags=["evaluation"])
