"""Models of reach: coordination."""

__all__: list[str] = []
