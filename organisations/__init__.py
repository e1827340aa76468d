"""Organisations, partnerships, users and roles, data-sharing agreements, API tokens."""
