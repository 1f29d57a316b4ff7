"""`cscheck demo`: the demonstration set is real Word files checked against a reference built with
`reference build`; each document gives exactly the findings its line explains, the command the demo
suggests gives the same, and an existing folder of someone else's is never written to."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from cscheck.demo import OURS, REFERENCE_FOLDER, DemoError, DemoRun, render, run_demo
from cscheck.demo.documenten import DEMO_ID, SOURCE_NAME, VOORBEELDEN, filled, standard_text
from cscheck.read import read_document
from cscheck.reference.store import load_manifest
from tests.test_cli import environment

ROOT = Path(__file__).resolve().parents[1]

# per document: (rule, article as the standard numbers it, lid, the document's own number)
EXPECTED = {
    "1-conform.docx": set(),
    "2-deel3-gewijzigd.docx": {("deel3-gewijzigd", "3.2", "3.2.1", "3.2.1")},
    "3-nummering.docx": {("nummering-gewijzigd", "3.3", None, "3.4"), ("nummering-gewijzigd", "3.4", None, "3.5")},
    "4-eigen-voorwaarden.docx": {("eigen-inkoopvoorwaarden", None, None, "1.3")},
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    return run_demo(tmp_path_factory.mktemp("demo") / "cscheck-demo")


def test_every_document_gives_exactly_the_findings_it_explains(demo: DemoRun) -> None:
    assert [Path(d.path).name for d in demo.report.documents] == list(EXPECTED)
    for doc in demo.report.documents:
        assert doc.status == "checked" and doc.document_type == "overeenkomst"
        assert doc.standard.id == DEMO_ID, doc.standard
        found = {(f.rule, f.article, f.lid, f.document_label) for f in doc.findings}
        assert found == EXPECTED[Path(doc.path).name], doc.path
        assert all(f.severity.value == "error" for f in doc.findings)
    assert demo.unexpected == []


def test_the_documents_are_word_files_with_word_numbering(demo: DemoRun) -> None:
    path = demo.folder / "2-deel3-gewijzigd.docx"
    with zipfile.ZipFile(path) as docx:
        numbering = docx.read("word/numbering.xml").decode()
        body = docx.read("word/document.xml").decode()
    for article in ("1.1", "1.2", "3.1", "3.2", "3.3"):
        assert f'w:val="{article}.%1"' in numbering  # Word numbers the leden ...
    assert ">3.2.1<" not in body and "3.2.1 " not in body  # ... so the numbers are not typed in the text
    blocks = read_document(path).blocks
    lid = next(b for b in blocks if "ernstig incident" in b.text)
    assert lid.label == "3.2.1" and lid.text.startswith("De opdrachtnemer meldt")
    heading = next(b for b in blocks if b.text.startswith("Artikel 3.2"))
    assert heading.style.lower() == "heading 3" and heading.heading == 3
    assert any(b.table for b in blocks)  # the version table


def test_the_reference_is_what_reference_build_makes_of_the_standard(demo: DemoRun, tmp_path: Path) -> None:
    source = demo.reference / SOURCE_NAME
    assert source.read_text(encoding="utf-8") == standard_text()
    built = tmp_path / f"{DEMO_ID}.json"
    run = subprocess.run([sys.executable, "-m", "cscheck", "reference", "build", source, "--id", DEMO_ID, "-o", built],
                         env=environment(), capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert json.loads(built.read_text()) == json.loads((demo.reference / f"{DEMO_ID}.json").read_text())


def test_the_demo_standard_has_the_shape_of_an_overeenkomst(demo: DemoRun) -> None:
    manifest = load_manifest(DEMO_ID, demo.reference)
    kinds = {a.key: a.kind for a in manifest.artikelen if not a.section}
    assert kinds == {"1.1": "fixed", "1.2": "optional", "1.n": "own-template", "2.n": "own-template",
                     "3.1": "fixed", "3.2": "fixed", "3.3": "fixed", "3.4": "fixed"}
    assert [lid.number for a in manifest.artikelen if a.deel == "3" for lid in a.leden if lid.number] == [
        "3.1.1", "3.1.2", "3.2.1", "3.2.2", "3.3.1", "3.3.2"]
    assert [h.title for d in manifest.delen for h in d.hoofdstukken] == ["Uitvoering", "Einde en geschillen"]
    assert "[" not in filled(standard_text())  # the gemeente filled in every field


def test_the_report_has_one_line_per_document_and_the_next_steps(demo: DemoRun) -> None:
    text = render(demo)
    for voorbeeld in VOORBEELDEN:
        assert sum(line.strip().startswith(voorbeeld.name) for line in text.splitlines()) == 1
    assert "4 documenten: 4 fout(en), 0 waarschuwing(en)" in text
    assert "LET OP" not in text
    assert text.rstrip().endswith("cscheck overeenkomst.docx")


def test_the_suggested_command_gives_the_same_findings(demo: DemoRun) -> None:
    suggested = next(line.split() for line in render(demo).splitlines() if "--references" in line)
    assert suggested[:3] == ["cscheck", "check", "--references"]
    documents = sorted(str(p) for p in demo.folder.glob("*.docx"))  # what the shell makes of the pattern
    run = subprocess.run([sys.executable, "-m", "cscheck", *suggested[1:-1], *documents, "-f", "json"],
                         env=environment(), capture_output=True, text=True, timeout=300)
    assert run.returncode == 1, run.stderr
    report = json.loads(run.stdout)
    found = {Path(d["path"]).name: {(f["rule"], f.get("article"), f.get("lid"), f.get("document_label"))
                                    for f in d["findings"]} for d in report["documents"]}
    assert found == EXPECTED


def test_an_earlier_demo_is_written_over(demo: DemoRun, tmp_path: Path) -> None:
    folder = tmp_path / "cscheck-demo"
    first = run_demo(folder)
    again = run_demo(folder)
    assert again.unexpected == [] and len(again.report.documents) == len(first.report.documents)
    assert {p.relative_to(folder).as_posix() for p in folder.rglob("*")} == OURS


def test_a_folder_with_other_files_is_refused_and_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "mijn-map"
    (folder / REFERENCE_FOLDER).mkdir(parents=True)
    mine = folder / "overeenkomst.docx"
    mine.write_bytes(b"van de gebruiker")
    with pytest.raises(DemoError, match="bevat andere bestanden"):
        run_demo(folder)
    assert sorted(p.name for p in folder.rglob("*")) == ["overeenkomst.docx", REFERENCE_FOLDER]
    run = subprocess.run([sys.executable, "-m", "cscheck", "demo", folder], env=environment(), capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 2 and "Kies een nieuwe of lege map" in run.stderr
    assert mine.read_bytes() == b"van de gebruiker"


def test_a_file_is_not_a_folder(tmp_path: Path) -> None:
    path = tmp_path / "bestand"
    path.write_text("x")
    with pytest.raises(DemoError, match="geen map"):
        run_demo(path)


def test_the_users_references_are_kept_and_left_as_they_were(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    own = tmp_path / "referenties"
    own.mkdir()
    monkeypatch.setenv("CSCHECK_REFERENCES", str(own))
    assert run_demo(tmp_path / "demo").unexpected == []
    assert os.environ["CSCHECK_REFERENCES"] == str(own)
    monkeypatch.delenv("CSCHECK_REFERENCES")
    assert run_demo(tmp_path / "demo").unexpected == []
    assert "CSCHECK_REFERENCES" not in os.environ
