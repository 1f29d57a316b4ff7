"""Report stage: one module per output format. Each has `render(report, **options) -> str`.

This package module stays free of heavy imports: the command line reads FORMATS at start-up."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

FORMATS = ("text", "json", "csv", "sarif", "junit", "github", "html")


def renderer(fmt: str) -> Callable[..., str]:
    """The render function of a format; its module is imported only when asked for (a fast --help)."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    render: Callable[..., str] = import_module(f"cscheck.report.{fmt}").render
    return render


__all__ = ["FORMATS", "renderer"]
