"""The public website (no login)."""
