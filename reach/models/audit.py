"""Models of reach: audit."""

__all__: list[str] = []
