"""Questionnaires, responses, offline capture and results over HTTP."""

from ninja import Router

router = Router(tags=["consultations"])
