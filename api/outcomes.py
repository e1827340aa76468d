"""Findings, decisions, actions, feedback, evaluation, measures, plans and reports over HTTP:
thin adapters over outcomes' selectors and services."""

from ninja import Router

router = Router(tags=["outcomes"])
