"""A very large genuine document (2,000 pages) is read and checked within bounded memory.

The document is built at test time by repeating the filled-in overeenkomst (or, without ../shared,
the small test standard) with python-docx. The check runs in a subprocess so that its peak resident
memory is its own (VmHWM: ru_maxrss of a child still counts the parent's peak at fork time).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.documents import PEAK_SCRIPT, long_document

REPO = Path(__file__).resolve().parents[1]
LIMIT_MB = 200


@pytest.fixture(scope="module")
def two_thousand_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return long_document(tmp_path_factory.mktemp("groot") / "2000-paginas.docx", pages=2000)


def test_2000_pages_are_checked_within_200_mb(two_thousand_pages: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", PEAK_SCRIPT, str(two_thousand_pages)], capture_output=True, text=True,
                          timeout=600, env=env, check=True)
    measured = json.loads(done.stdout)
    assert measured["status"] == "checked", measured["error"]
    assert measured["peak_mb"] <= LIMIT_MB, measured


def test_2000_pages_read_every_paragraph(two_thousand_pages: Path) -> None:
    from cscheck.read import read_document

    document = read_document(two_thousand_pages)
    assert len(document.blocks) > 20_000
    assert [b.index for b in document.blocks] == list(range(len(document.blocks)))
