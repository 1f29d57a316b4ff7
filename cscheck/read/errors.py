"""The one exception of the read stage: a file that cannot be read, with a Dutch explanation."""

from __future__ import annotations


class ReadError(Exception):
    """A document that cannot be read. `kind` is stable (used in JSON), `message` is for people."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
