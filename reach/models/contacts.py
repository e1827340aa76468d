"""Models of reach: contacts."""

__all__: list[str] = []
