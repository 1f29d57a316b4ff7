"""Report stage: one module per output format. Each has `render(report) -> str`."""

from __future__ import annotations

from collections.abc import Callable

from cscheck.model import Report


def renderer(fmt: str) -> Callable[..., str]:
    if fmt == "json":
        from cscheck.report.json import render
    elif fmt == "text":
        from cscheck.report.text import render
    else:
        raise ValueError(fmt)
    return render


FORMATS = ("text", "json")

__all__ = ["FORMATS", "Report", "renderer"]
