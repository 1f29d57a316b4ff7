"""End-to-end checks on the small test standard (tests/mini.py): a conform document gives nothing, the template
itself reports its open slots and choices, and a maatwerkovereenkomst may declare provisions not applicable.
The deviations per rule are in tests/rules/<rule>.yaml (run by tests/test_rule_cases.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cscheck.check import CheckOptions, check_document
from cscheck.model import DocumentResult
from cscheck.reference.manifest import Manifest
from tests.mini import MINI_FILLED, MINI_STANDARD, mini_manifest


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> Manifest:
    return mini_manifest(tmp_path_factory.mktemp("mini"))


def check(md: str, manifest: Manifest, tmp_path: Path) -> DocumentResult:
    path = tmp_path / "overeenkomst.md"
    path.write_text(md, encoding="utf-8")
    return check_document(path, CheckOptions(debug=True), manifests=[manifest])


def found(result: DocumentResult) -> set[tuple[str, str | None, str | None]]:
    return {(f.rule, f.article, f.lid) for f in result.findings if f.severity.value != "info"}


def test_conform_document_gives_nothing(manifest: Manifest, tmp_path: Path) -> None:
    result = check(MINI_FILLED, manifest, tmp_path)
    assert result.status == "checked"
    assert result.standard.id == "tst-2.0"
    assert found(result) == set()


def test_template_itself_reports_open_slots_and_choices(manifest: Manifest, tmp_path: Path) -> None:
    result = check(MINI_STANDARD, manifest, tmp_path)
    rules = {f.rule for f in result.findings}
    assert rules == {"placeholder-niet-ingevuld", "keuze-niet-gemaakt"}
    assert ("keuze-niet-gemaakt", "1.1", "1.1.2") in found(result)
    assert ("keuze-niet-gemaakt", "overwegingen", None) in found(result)


def _maatwerk(md: str) -> str:
    md = md.replace("**Overeenkomst**", "**Maatwerkovereenkomst**")
    md = md.replace(md[md.index("### Artikel 3.2"):md.index("## **Hoofdstuk 2")],
                    "### Artikel 3.2 – Indexering\n\nNiet van toepassing.\n\n")
    return md.replace("De opdrachtnemer blijft verantwoordelijk voor het werk van zijn onderaannemers en controleert "
                      "de kwaliteit.", "n.v.t.")


def test_maatwerkovereenkomst_may_declare_provisions_not_applicable(manifest: Manifest, tmp_path: Path) -> None:
    assert found(check(_maatwerk(MINI_FILLED), manifest, tmp_path)) == set()


def test_the_same_without_being_a_maatwerkovereenkomst_is_reported(manifest: Manifest, tmp_path: Path) -> None:
    md = _maatwerk(MINI_FILLED).replace("**Maatwerkovereenkomst**", "**Overeenkomst**")
    rules = {rule for rule, _a, _l in found(check(md, manifest, tmp_path))}
    assert rules == {"deel3-niet-van-toepassing"}


def test_a_maatwerkovereenkomst_still_reports_other_changes(manifest: Manifest, tmp_path: Path) -> None:
    md = _maatwerk(MINI_FILLED).replace("voldoende goed opgeleid", "genoeg opgeleid")
    assert found(check(md, manifest, tmp_path)) == {("deel3-gewijzigd", "3.1", "3.1.2")}
