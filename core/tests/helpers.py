"""Helpers shared by every app's tests."""

from typing import Any


def content(response: Any) -> bytes:
    """A response's body, streamed (CSV exports) or not."""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return bytes(response.content)
