"""Models of outcomes: evaluation."""

__all__: list[str] = []
