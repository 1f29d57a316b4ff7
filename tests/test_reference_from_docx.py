"""A reference built from the official DOCX (as the Ketenbureau would, for a new version or CS Jeugd)
is the reference built from the Markdown sources, and a folder of own references is used by `check`.

The "official DOCX" is made at test time from the Markdown sources with the same producers as the
municipal documents: pandoc, and python-docx with Word auto-numbering (every heading and lid number a
Word list label, "[Optioneel:]" after the number)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cscheck.reference.build import build_manifest
from cscheck.reference.manifest import Manifest
from cscheck.reference.store import load_manifest
from tests.fixtures.afwijkingen_inkoop import AFWIJKINGEN_INKOOP
from tests.fixtures.inkoop import InkoopInvulling, vul_in_inkoop
from tests.fixtures.inkoopbron import inkoopdocument_md
from tests.fixtures.inkoopproducers import inkoop_to_docx
from tests.fixtures.producers import have_pandoc, md_to_docx
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
    data = m.model_dump(exclude={"id", "built_from", "built_with"})
    for artikel in data["artikelen"]:
        for lid in artikel["leden"]:
            for piece in lid["pieces"]:
                del piece["para"]
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
