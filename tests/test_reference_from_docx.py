"""A reference built from the official DOCX (as the Ketenbureau would, for a new version or CS Jeugd)
is the reference built from the Markdown sources, and a folder of own references is used by `check`.

The "official DOCX" is made at test time from the Markdown sources with the same producers as the
municipal documents: pandoc, python-docx with Word auto-numbering (every heading and lid number a
Word list label, "[Optioneel:]" after the number), and the layout of the official DOCX (outline numbers
in front of the article numbers), also after a LibreOffice round trip."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import msgspec
import pytest

from cscheck.reference.build import build_manifest
from cscheck.reference.manifest import Manifest
from cscheck.reference.store import load_manifest
from tests.fixtures.afwijkingen import AFWIJKINGEN
from tests.fixtures.afwijkingen_inkoop import AFWIJKINGEN_INKOOP
from tests.fixtures.gemeente import Invulling, vul_in
from tests.fixtures.inkoop import InkoopInvulling, vul_in_inkoop
from tests.fixtures.inkoopbron import inkoopdocument_md
from tests.fixtures.inkoopproducers import inkoop_to_docx
from tests.fixtures.jeugd import jeugd
from tests.fixtures.producers import have_pandoc, have_soffice, md_to_docx
from tests.fixtures.sources import overeenkomst_md, shared_dir

pytestmark = [
    pytest.mark.skipif(shared_dir() is None, reason="../shared/reference-sources ontbreekt: de officiële teksten "
                       "zijn nodig om testdocumenten te bouwen"),
    pytest.mark.skipif(not have_pandoc(), reason="pandoc is niet geïnstalleerd (apt-get install pandoc)"),
]

ROOT = Path(__file__).resolve().parents[1]
SAS = "csw-1.2-inkoopdocument-sas-met-emvi"


def content(m: Manifest) -> dict[str, Any]:
    """What a check uses: structure, kinds, leden and their pieces — not where or when it was built, nor
    a piece's paragraph number within its lid (a line of underscores for a signature is a paragraph of
    its own in one producer's file), which only serves messages."""
    data = msgspec.to_builtins(m)  # values equal to their default are left out, on both sides alike
    for key in ("id", "built_from", "built_with"):
        data.pop(key, None)
    for artikel in data.get("artikelen", []):
        for lid in artikel.get("leden", []):
            for piece in lid.get("pieces", []):
                piece.pop("para", None)
    return data


@pytest.mark.parametrize("producer", ["pandoc", "autonumber"])
def test_overeenkomst_reference_from_the_official_docx_is_the_markdown_one(producer: str, tmp_path: Path) -> None:
    official = md_to_docx(overeenkomst_md("1.2"), tmp_path / "overeenkomst.docx", producer)
    built = build_manifest(official, "csw-1.2")
    shipped = load_manifest("csw-1.2")
    assert content(built) == content(shipped)


def cscheck(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {"PYTHONPATH": str(ROOT), "NO_COLOR": "1", "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "cscheck", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


def test_own_reference_folder_built_from_a_word_numbered_inkoopdocument(tmp_path: Path) -> None:
    # the official inkoopdocument with Word heading numbering; its lines are separate paragraphs there
    official = inkoop_to_docx(inkoopdocument_md("1.2", "sas-met-emvi"), tmp_path / "officieel.docx",
                              "heading-numbering")
    own = tmp_path / "referenties"
    built = cscheck("reference", "build", official, "--id", SAS, "--document-type", "inkoopdocument-sas-met-emvi",
                    "--output", own / f"{SAS}.json", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    md = vul_in_inkoop(inkoopdocument_md("1.2", "sas-met-emvi"), InkoopInvulling(variant="sas-met-emvi"))
    documents = [inkoop_to_docx(md, tmp_path / f"gemeente-{p}.docx", p) for p in ("pandoc", "typed")]
    afwijking = AFWIJKINGEN_INKOOP["algemene_voorwaarden_aangevuld"]
    documents.append(inkoop_to_docx(afwijking(md), tmp_path / "afwijking.docx", "heading-numbering"))
    result = cscheck("-f", "json", "--references", own, *documents, cwd=tmp_path)
    report = json.loads(result.stdout)
    by_name = {Path(d["path"]).name: d for d in report["documents"]}
    for name in ("gemeente-pandoc.docx", "gemeente-typed.docx"):
        doc = by_name[name]
        assert doc["standard"]["id"] == SAS
        assert [f for f in doc["findings"] if f["severity"] != "info"] == [], name
    wanted = {(b.rule, b.article) for b in afwijking.expected("1.2", "sas-met-emvi")}
    got = {(f["rule"], f["article"]) for f in by_name["afwijking.docx"]["findings"] if f["severity"] == "error"}
    assert got == wanted


def test_a_reference_folder_that_cannot_be_used_stops_before_checking(tmp_path: Path) -> None:
    document = md_to_docx(overeenkomst_md("1.2"), tmp_path / "overeenkomst.docx", "pandoc")
    missing = cscheck("--references", tmp_path / "bestaat-niet", document, cwd=tmp_path)
    assert missing.returncode == 2 and "is geen map" in missing.stderr
    broken = tmp_path / "kapot"
    broken.mkdir()
    (broken / "csj-1.4.json").write_text('{"id": "csj-1.4"}', encoding="utf-8")
    result = cscheck("--references", broken, document, cwd=tmp_path)
    assert result.returncode == 2 and "csj-1.4.json kan niet worden gelezen" in result.stderr, result.stderr


@pytest.mark.parametrize("producer", ["officieel", "libreoffice-officieel"])
def test_overeenkomst_reference_from_the_official_layout_is_the_markdown_one(producer: str, tmp_path: Path) -> None:
    # the layout of the official DOCX: Word shows an outline number in front of every article number
    kind, opts = ("libreoffice", {"bron": "officieel"}) if producer.startswith("libreoffice") else (producer, {})
    if kind == "libreoffice" and not have_soffice():
        pytest.skip("LibreOffice (soffice) is niet geïnstalleerd")
    official = md_to_docx(overeenkomst_md("1.2"), tmp_path / "overeenkomst.docx", kind, **opts)
    assert content(build_manifest(official, "csw-1.2")) == content(load_manifest("csw-1.2"))


def test_csw_13_reference_from_the_official_layout_is_the_markdown_one(tmp_path: Path) -> None:
    # ../shared has 1.3 as one file per article; the fixtures compose them into one text with front matter
    md = tmp_path / "overeenkomst-1.3.md"
    md.write_text(overeenkomst_md("1.3"), encoding="utf-8")
    official = md_to_docx(md.read_text(encoding="utf-8"), tmp_path / "overeenkomst.docx", "officieel")
    v12 = load_manifest("csw-1.2")
    from_markdown = build_manifest(md, "csw-1.3", kinds_from=v12, sections_from=v12)
    from_docx = build_manifest(official, "csw-1.3", kinds_from=v12, sections_from=v12)
    assert content(from_docx) == content(from_markdown)
    # and the articles are those of the shipped 1.3 reference
    assert [a.key for a in from_docx.artikelen if not a.section] == [
        a.key for a in load_manifest("csw-1.3").artikelen if not a.section]


def test_an_imported_standard_in_the_official_layout_works_end_to_end(tmp_path: Path) -> None:
    # what a CS Jeugd user does: build the reference from the official DOCX under an own id, then check
    # filled-in documents in the same layout against it
    template = md_to_docx(jeugd(overeenkomst_md("1.2")), tmp_path / "csj-overeenkomst.docx", "officieel")
    own = tmp_path / "referenties"
    built = cscheck("reference", "build", template, "--id", "csj-test", "--output", own / "csj-test.json",
                    cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    manifest = Manifest.load(own / "csj-test.json")
    assert (manifest.standard, manifest.version, len([a for a in manifest.artikelen if not a.section])) == (
        "CSJ", "1.2", 42)
    filled = jeugd(vul_in(overeenkomst_md("1.2"), Invulling(version="1.2")))
    conform = md_to_docx(filled, tmp_path / "gemeente.docx", "officieel")
    changed = md_to_docx(AFWIJKINGEN["deel3_gewijzigd"](filled), tmp_path / "afwijking.docx", "officieel")
    result = cscheck("-f", "json", "--references", own, conform, changed, cwd=tmp_path)
    report = json.loads(result.stdout)
    by_name = {Path(d["path"]).name: d for d in report["documents"]}
    assert by_name["gemeente.docx"]["standard"]["id"] == "csj-test"
    assert [f for f in by_name["gemeente.docx"]["findings"] if f["severity"] != "info"] == []
    wanted = {(b.rule, b.article) for b in AFWIJKINGEN["deel3_gewijzigd"].expected("1.2")}
    assert {(f["rule"], f["article"]) for f in by_name["afwijking.docx"]["findings"]
            if f["severity"] != "info"} == wanted
