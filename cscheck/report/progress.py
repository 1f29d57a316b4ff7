"""The progress bar of a batch: drawn with rich on standard error, only when a person is watching
(standard output and standard error are both a terminal), and gone when the batch ends."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from cscheck.model import DocumentResult

Advance = Callable[[DocumentResult], None]


def wanted(enabled: bool) -> bool:
    """A bar only for a person at a terminal: not in a pipe, a file or CI."""
    return enabled and sys.stdout.isatty() and sys.stderr.isatty()


@contextmanager
def progress(total: int, enabled: bool) -> Iterator[Advance]:
    if not enabled or total < 1:
        yield lambda _result: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("Controleren"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
               TextColumn("{task.fields[last]}", style="dim"))
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("controleren", total=total, last="")

        def advance(result: DocumentResult) -> None:
            bar.update(task, advance=1, last=Path(result.path).name)

        yield advance
