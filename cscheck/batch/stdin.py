"""A document from standard input (`cscheck -`, `... | cscheck check -`).

The readers work on files (a .docx is a zip, read by seeking), so the bytes go to a private temporary file
first: in a folder only this user can open, named by what the bytes are (`read.formats.suffix_for`: a Word
file, or Markdown text), and removed with its folder when the check is done, also after an error or Ctrl-C.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

STDIN = "-"  # the name a user gives standard input, and the name it has in every report
NAME = "standaardinvoer"  # the temporary file's name (and of its annotated copy in a folder)
_SNIFF = 512


@contextmanager
def from_stdin(stream: BinaryIO | None = None) -> Iterator[Path]:
    """Standard input as a file that exists while the block runs."""
    from cscheck.read.formats import suffix_for

    source = stream if stream is not None else sys.stdin.buffer
    head = source.read(_SNIFF)
    folder = tempfile.mkdtemp(prefix="cscheck-")  # mode 0700: no other user can read the document
    try:
        path = Path(folder) / f"{NAME}{suffix_for(head)}"
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as fh:
            fh.write(head)
            shutil.copyfileobj(source, fh)
        yield path
    finally:
        shutil.rmtree(folder, ignore_errors=True)
