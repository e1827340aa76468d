"""Protective marking, the append-only audit log, retention and publication export."""
