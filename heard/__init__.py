"""Heard: community engagement for police forces and their partners."""
