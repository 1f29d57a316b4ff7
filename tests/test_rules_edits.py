"""Was/wordt: with --reference-text every text rule quotes the standard's words a document lost — a whole
lid, a sentence, a changed word — and what stands there now, with punctuation and a few words on each
side; in text, JSON, HTML and Word comments, for an overeenkomst and an inkoopdocument. Without it, one
notice per run says how to see them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import docx
import pytest

from cscheck.annotate import comment_text
from cscheck.batch.pool import BatchOptions
from cscheck.batch.run import check_paths
from cscheck.check import CheckOptions
from cscheck.config import Overrides, Resolver
from cscheck.model import Finding, Report
from cscheck.report import renderer
from tests.fixtures.afwijkingen import AFWIJKINGEN
from tests.fixtures.afwijkingen_inkoop import AFWIJKINGEN_INKOOP
from tests.fixtures.gemeente import Invulling, vul_in
from tests.fixtures.inkoop import InkoopInvulling, vul_in_inkoop
from tests.fixtures.inkoopbron import inkoopdocument_md
from tests.fixtures.inkoopproducers import inkoop_to_docx
from tests.fixtures.producers import have_pandoc, md_to_docx
from tests.fixtures.sources import overeenkomst_md, shared_dir

pytestmark = pytest.mark.skipif(shared_dir() is None or not have_pandoc(),
                                reason="../shared/reference-sources en pandoc zijn nodig om testdocumenten te bouwen")

CHANGES = {  # deviation → (rule, how the standard's words show up)
    "deel3_lid_weg": ("deel3-ingekort", "Bij overmacht die langer dan 30 kalenderdagen duurt"),
    "deel3_ingekort": ("deel3-ingekort", "Bij pandrechten geldt deze beperking niet."),
    "deel3_gewijzigd": ("deel3-gewijzigd", "14"),
    "vaste_tekst_optioneel": ("vaste-tekst-gewijzigd", "laat Opdrachtnemer weten"),
}


def _official(name: str) -> Path:
    return shared_dir() / "reference-sources" / "csw-1.2" / name  # type: ignore[operator]


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Report]:
    folder = tmp_path_factory.mktemp("wasWordt")
    filled = vul_in(overeenkomst_md("1.2"), Invulling(version="1.2"))
    for name in CHANGES:
        md_to_docx(AFWIJKINGEN[name](filled), folder / f"{name}.docx", "officieel")
    inkoop = vul_in_inkoop(inkoopdocument_md("1.2", "sas-met-emvi"), InkoopInvulling(variant="sas-met-emvi"))
    inkoop_to_docx(AFWIJKINGEN_INKOOP["gestanddoening_ingekort"](inkoop), folder / "inkoop.docx", "officieel")
    reports = {}
    for label, text in (("met", _official("overeenkomst.md")), ("zonder", None)):
        report, _ = check_paths([folder], Resolver(Overrides()), CheckOptions(debug=True, reference_text=text),
                                BatchOptions(in_process=True))
        reports[label] = report
    return reports


def _finding(report: Report, name: str, rule: str) -> Finding:
    doc = next(d for d in report.documents if Path(d.path).name == name)
    return next(f for f in doc.findings if f.rule == rule)


@pytest.mark.parametrize("name", list(CHANGES))
def test_the_standards_words_are_quoted_with_context(checked: dict[str, Report], name: str) -> None:
    rule, words = CHANGES[name]
    f = _finding(checked["met"], f"{name}.docx", rule)
    assert f.changes is not None and f.changes.context
    edit = f.changes.context[0]
    assert words in edit.removed
    if name == "deel3_gewijzigd":
        assert (edit.removed, edit.added) == ("14", "28")
        assert edit.before.endswith("minimaal") and edit.after.startswith("kalenderdagen voordat")
    if name == "deel3_ingekort":
        assert edit.before.endswith("zekerheid).") and edit.after.startswith("Als Opdrachtnemer")
    # the same words in every report that people read
    text = renderer("text")(Report(tool=checked["met"].tool, documents=[d for d in checked["met"].documents
                                                                      if Path(d.path).name == f"{name}.docx"]),
                             color=False)
    assert "was:" in text and words.split()[0] in text
    html = renderer("html")(checked["met"])
    assert re.search(r"<del>[^<]*" + re.escape(words.split()[0]), html)
    assert any(line.startswith("Was:") for line in comment_text(f, None).splitlines())


def test_json_has_removed_added_and_context(checked: dict[str, Report]) -> None:
    data = json.loads(renderer("json")(checked["met"]))
    changed = next(f for d in data["documents"] if d["path"].endswith("deel3_gewijzigd.docx")
                   for f in d["findings"] if f["rule"] == "deel3-gewijzigd")
    assert changed["changes"]["removed"] == ["14"] and changed["changes"]["added"] == ["28"]
    assert changed["changes"]["context"][0]["removed"] == "14"


def test_an_inkoopdocument_quotes_its_lost_words_too(checked: dict[str, Report]) -> None:
    official = _official("inkoopdocument-sas-met-emvi.md")
    report, _ = check_paths([next(Path(d.path) for d in checked["met"].documents if d.path.endswith("inkoop.docx"))],
                            Resolver(Overrides()), CheckOptions(debug=True, reference_text=official),
                            BatchOptions(in_process=True))
    f = next(f for f in report.documents[0].findings if f.rule == "inkoopdocument-vaste-tekst-gewijzigd")
    assert f.changes is not None and any(e.removed for e in f.changes.context)
    source = " ".join(official.read_text(encoding="utf-8").split())
    assert all(e.removed.rstrip(".") in source for e in f.changes.context if e.removed)


def test_punctuation_of_added_words_is_kept(tmp_path: Path, checked: dict[str, Report]) -> None:
    filled = vul_in(overeenkomst_md("1.2"), Invulling(version="1.2"))
    path = md_to_docx(AFWIJKINGEN["rusland_deel3"](filled) if "rusland_deel3" in AFWIJKINGEN else
                      AFWIJKINGEN["deel3_aangevuld"](filled), tmp_path / "aangevuld.docx", "officieel")
    report, _ = check_paths([path], Resolver(Overrides()), CheckOptions(debug=True), BatchOptions(in_process=True))
    f = next(f for f in report.documents[0].findings if f.rule == "deel3-aangevuld")
    assert f.changes is not None and f.changes.added[0].endswith("erkent.")


def test_without_the_official_text_one_notice_says_how(checked: dict[str, Report]) -> None:
    report = checked["zonder"]
    assert [n.kind for n in report.notices].count("woorden-standaard") == 1
    assert "--reference-text" in next(n.message for n in report.notices if n.kind == "woorden-standaard")
    f = _finding(report, "deel3_gewijzigd.docx", "deel3-gewijzigd")
    assert f.changes is not None and f.changes.context[0].removed == "" and f.changes.context[0].removed_words == 1
    assert f.changes.context[0].added == "28"
    assert not [n for n in checked["met"].notices if n.kind == "woorden-standaard"]


def test_the_annotated_copy_carries_was_and_wordt(checked: dict[str, Report], tmp_path: Path) -> None:
    from cscheck.annotate import plan, write_all
    from cscheck.batch.discover import Input
    from cscheck.rules.engine import load_rules

    doc = next(d for d in checked["met"].documents if d.path.endswith("deel3_gewijzigd.docx"))
    [written] = write_all([doc], plan([Input(Path(doc.path))], tmp_path / "uit"), load_rules())
    texts = [c.text for c in docx.Document(str(written.target)).comments]
    assert any("Was: …" in t and "«14»" in t and "Wordt: …" in t and "«28»" in t for t in texts)
