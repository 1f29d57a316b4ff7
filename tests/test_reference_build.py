"""Building a manifest: structure, kinds, slots and choices — and no text of the source in it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import msgspec

from cscheck.reference.build import build_manifest
from cscheck.reference.manifest import Manifest
from tests.mini import MINI_STANDARD, mini_manifest


def test_structure_and_kinds(tmp_path: Path) -> None:
    m = mini_manifest(tmp_path)
    assert (m.id, m.standard, m.version, m.document_type) == ("tst-2.0", "TST", "2.0", "overeenkomst")
    kinds = {a.key: a.kind for a in m.artikelen}
    assert kinds["1.1"] == "fixed" and kinds["1.2"] == "optional" and kinds["1.n"] == "own-template"
    assert kinds["3.1"] == "fixed" and kinds["overwegingen"] == "additions" and kinds["partijen"] == "fill-only"
    assert [lid.number for lid in m.by_key["3.3"].leden] == ["3.3.1", "3.3.2"]
    assert [h.title for h in m.delen[-1].hoofdstukken] == ["Levering", "Slot"]
    assert m.versions == ["2.0", "1.0"]


def test_slots_markers_and_choice_groups(tmp_path: Path) -> None:
    m = mini_manifest(tmp_path)
    slots = [p.label for lid in m.by_key["1.1"].leden for p in lid.pieces if p.t == "slot"]
    assert slots == ["[begindatum]", "[einddatum]", "[aantal]"]
    groups = {k: (g.alts, g.exclusive, g.required) for k, g in m.groups.items()}
    assert groups["1.1/1.1.2/optie"] == (["1", "2"], True, True)
    assert groups["overwegingen/-/procedure"] == (["aanbesteding", "toelating"], True, True)
    assert groups["3.1/3.1.1/uitvoeringsvariant"] == (["inspanningsgericht", "taakgericht"], False, True)
    instruction = [p for lid in m.by_key["1.1"].leden for p in lid.pieces if p.role == "instruction"]
    assert len(instruction) == 1


def test_the_manifest_holds_no_text_of_the_source(tmp_path: Path) -> None:
    m = mini_manifest(tmp_path)
    path = tmp_path / "m.json"
    m.save(path)
    saved = path.read_text(encoding="utf-8")
    # labels of slots and markers are shortened to six words; nothing longer may come through
    words = re.findall(r"\w+", MINI_STANDARD.lower())
    runs = {" ".join(words[i:i + 7]) for i in range(len(words) - 6)}
    flat = " ".join(re.findall(r"\w+", saved.lower()))
    assert not [r for r in runs if r in flat]
    assert Manifest.load(path) == msgspec.convert(json.loads(saved), Manifest)


def test_builds_are_reproducible(tmp_path: Path) -> None:
    source = tmp_path / "s.md"
    source.write_text(MINI_STANDARD, encoding="utf-8")
    a = msgspec.to_builtins(build_manifest(source, "tst-2.0"))
    b = msgspec.to_builtins(build_manifest(source, "tst-2.0"))
    assert a == b


def test_an_id_without_a_version_takes_the_version_from_the_text_or_none(tmp_path: Path) -> None:
    from cscheck.check import CheckOptions, check_document
    from tests.mini import MINI_FILLED

    source = tmp_path / "s.md"
    source.write_text(MINI_STANDARD, encoding="utf-8")
    named = build_manifest(source, "csj-test")
    assert (named.standard, named.version) == ("CSJ", "2.0")  # the first row of its versiebeheer
    bare = tmp_path / "zonder-versiebeheer.md"
    bare.write_text(re.sub(r"(?ms)^Versiebeheer:.*?(?=^# )", "", MINI_STANDARD), encoding="utf-8")
    unversioned = build_manifest(bare, "csj-test")
    assert (unversioned.standard, unversioned.version, unversioned.versions) == ("CSJ", "", [])
    document = tmp_path / "gemeente.md"
    document.write_text(MINI_FILLED, encoding="utf-8")
    result = check_document(document, CheckOptions(debug=True), manifests=[unversioned])
    assert result.standard.id == "csj-test"
    assert not [f.message for f in result.findings if f.rule == "versie-afwijkend"]
