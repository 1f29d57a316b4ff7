"""The styles index: a style parsed on its own reads exactly as in the whole tree, and any part that
cannot be indexed safely is parsed whole (and still refused when it is unsafe or broken)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest

from cscheck.read import ReadError
from cscheck.read.container import parse_xml
from cscheck.read.styles import Styles
from tests.fixtures.producers import have_pandoc, have_soffice, md_to_docx
from tests.mini import MINI_FILLED

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _styles_part(path: Path | io.BytesIO) -> bytes:
    with zipfile.ZipFile(path) as zf:
        return zf.read("word/styles.xml")


def _python_docx_styles() -> bytes:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return _styles_part(buffer)


def _assert_same(data: bytes) -> None:
    whole = Styles(parse_xml("word/styles.xml", data))
    lazy = Styles.from_part("word/styles.xml", data)
    assert lazy._index is not None
    assert lazy.default_paragraph == whole.default_paragraph
    ids = [m.decode() for m in re.findall(rb'w:styleId="([^"]*)"', data)]
    for sid in [None, "", "BestaatNiet", *ids]:
        assert lazy.resolve(sid) == whole.resolve(sid), sid


def test_index_matches_the_tree_for_python_docx() -> None:
    _assert_same(_python_docx_styles())


@pytest.mark.parametrize("producer", ["typed", "autonumber", "pandoc", "libreoffice"])
def test_index_matches_the_tree_for_each_producer(producer: str, tmp_path: Path) -> None:
    if producer == "pandoc" and not have_pandoc():
        pytest.skip("pandoc is not installed")
    if producer == "libreoffice" and not have_soffice():
        pytest.skip("LibreOffice (soffice) is not installed")
    _assert_same(_styles_part(md_to_docx(MINI_FILLED, tmp_path / "mini.docx", producer)))


@pytest.mark.parametrize("change", [
    lambda d: d.replace(b"<w:style ", b"<!-- <w:style w:styleId='Nep'/> --><w:style ", 1),
    lambda d: d.replace(b"xmlns:w=", b"xmlns=\"" + W_NS.encode() + b"\" xmlns:w=", 1).replace(b"<w:", b"<").replace(
        b"</w:", b"</"),
    lambda d: d.replace(b'w:styleId="Heading1"', b'w:styleId="&#72;eading1"'),
    lambda d: d.decode("utf-8").replace("UTF-8", "UTF-16").encode("utf-16"),
])
def test_irregular_parts_are_parsed_whole(change, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = change(_python_docx_styles())
    styles = Styles.from_part("word/styles.xml", data)
    assert styles._index is None
    assert styles.resolve("Heading1").named_level == 1


def test_a_broken_style_reports_the_part(tmp_path: Path) -> None:
    data = _python_docx_styles().replace(b"<w:name w:val=\"heading 1\"/>", b"<w:name w:val=\"heading 1\">", 1)
    styles = Styles.from_part("word/styles.xml", data)
    with pytest.raises(ReadError) as err:
        styles.resolve("Heading1")
    assert err.value.kind == "beschadigd" and "word/styles.xml" in err.value.message
