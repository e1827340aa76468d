"""Questionnaires, responses from every channel, equality monitoring, attendance, withdrawal."""
