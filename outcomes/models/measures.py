"""Models of outcomes: measures."""

__all__: list[str] = []
