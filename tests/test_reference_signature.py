"""Recognising a document needs only the references' signatures: the shipped index is current, a stale or
missing entry is computed from its manifest, and `reference build` keeps a folder's index up to date."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import msgspec

from cscheck.reference.manifest import Manifest
from cscheck.reference.signature import INDEX, read_index, signature_of
from cscheck.reference.store import manifest_paths, update_index
from cscheck.resources import reference_dir
from tests.mini import mini_manifest


def test_the_shipped_index_is_current_and_complete() -> None:
    shipped = reference_dir()
    data = json.loads((shipped / INDEX).read_text(encoding="utf-8"))
    paths = manifest_paths(shipped)
    assert sorted(e["id"] for e in data["signatures"]) == sorted(paths)
    from_index = read_index(shipped, paths)
    for manifest_id, path in paths.items():
        assert from_index[manifest_id] == signature_of(Manifest.load(path)), manifest_id


def test_a_stale_or_missing_entry_is_computed_from_the_manifest(tmp_path: Path) -> None:
    folder = tmp_path / "referenties"
    folder.mkdir()
    mini = mini_manifest(tmp_path)
    mini.save(folder / "tst-2.0.json")
    update_index(folder)
    changed = msgspec.structs.replace(mini, version="2.1")
    changed.save(folder / "tst-2.0.json")  # rebuilt without updating the index
    other = msgspec.structs.replace(mini, id="tst-3.0", version="3.0")
    other.save(folder / "tst-3.0.json")  # copied in by hand
    signatures = read_index(folder, manifest_paths(folder))
    assert (signatures["tst-2.0"].version, signatures["tst-3.0"].version) == ("2.1", "3.0")
    (folder / INDEX).write_text("{kapot", encoding="utf-8")
    assert read_index(folder, manifest_paths(folder))["tst-2.0"].version == "2.1"


def test_other_json_in_a_folder_is_no_manifest(tmp_path: Path) -> None:
    folder = tmp_path / "referenties"
    shutil.copytree(reference_dir(), folder)
    (folder / "instellingen.json").write_text('{"iets": 1}', encoding="utf-8")
    index = update_index(folder)
    assert "instellingen" not in {e["id"] for e in json.loads(index.read_text(encoding="utf-8"))["signatures"]}
    assert INDEX[:-5] not in manifest_paths(folder)
