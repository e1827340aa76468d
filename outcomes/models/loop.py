"""Models of outcomes: loop."""

__all__: list[str] = []
