"""Models of reach: reach."""

__all__: list[str] = []
