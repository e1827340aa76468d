"""Models of outcomes: reports."""

__all__: list[str] = []
