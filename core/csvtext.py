"""Reading CSV text so that a file cut short is noticed: the csv module returns the last row of
a file that ends inside an open quoted field as if it were whole. `TrackedLines` hands the
text's lines to csv.reader and notes when the reader asked past the last one: a row returned
after that is one the file ended inside of, and the caller refuses the file."""

import io
from collections.abc import Iterator


class TrackedLines:
    def __init__(self, text: str) -> None:
        self._lines = iter(io.StringIO(text, newline=""))
        self.ended = False

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        try:
            return next(self._lines)
        except StopIteration:
            self.ended = True
            raise
