"""Alignment: articles paired by content, title and number; words by trigrams; alternatives resolved."""

from __future__ import annotations

from pathlib import Path

import pytest

from cscheck.align import align, norm_title
from cscheck.read import read_document
from cscheck.reference.manifest import Manifest
from cscheck.structure import find_structure
from tests.mini import MINI_FILLED, mini_manifest


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> Manifest:
    return mini_manifest(tmp_path_factory.mktemp("mini"))


def aligned(md: str, manifest: Manifest, tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "d.md"
    path.write_text(md, encoding="utf-8")
    return align(find_structure(read_document(path)), manifest)


def test_conform_document_pairs_every_article_unchanged(manifest: Manifest, tmp_path: Path) -> None:
    result = aligned(MINI_FILLED, manifest, tmp_path)
    pairs = {p.ref.key: p for p in result.matched() if p.ref}
    assert {"1.1", "1.2", "3.1", "3.2", "3.3", "3.4", "overwegingen", "definities"} <= set(pairs)
    assert not any(p.renumbered or p.moved for p in pairs.values())
    assert all(not lid.changed for p in pairs.values() if p.text for lid in p.text.leden)
    assert [p.doc.key for p in result.pairs if p.ref is None and p.doc] == ["1.3", "2.1"]  # own articles


def test_a_renumbered_article_is_still_itself(manifest: Manifest, tmp_path: Path) -> None:
    md = MINI_FILLED.replace("Artikel 3.4 –", "Artikel 3.7 –")
    pair = aligned(md, manifest, tmp_path).pair_for("3.4")
    assert pair is not None and pair.doc is not None and pair.doc.key == "3.7" and pair.renumbered


def test_a_filled_slot_is_no_change_but_an_added_word_is(manifest: Manifest, tmp_path: Path) -> None:
    pair = aligned(MINI_FILLED, manifest, tmp_path).pair_for("3.2")
    assert pair is not None and pair.text is not None and pair.text.leden[0].fills > 0
    changed = aligned(MINI_FILLED.replace("tarieven volgens", "tarieven volgens het landelijke"), manifest, tmp_path)
    lid = changed.pair_for("3.2").text.leden[0]  # type: ignore[union-attr]
    assert [changed.pair_for("3.2").text.added_text(r) for r in lid.added] == ["landelijke"]  # type: ignore[union-attr]


def test_unchosen_alternative_is_dropped_not_removed(manifest: Manifest, tmp_path: Path) -> None:
    pair = aligned(MINI_FILLED, manifest, tmp_path).pair_for("1.1")
    lid = pair.text.leden[1]  # type: ignore[union-attr]
    assert lid.kept_alts["1.1/1.1.2/optie"] == {"1"} and lid.dropped_alts["1.1/1.1.2/optie"] == {"2"}
    assert lid.removed_words == 0


def test_titles_are_compared_without_markers() -> None:
    assert norm_title("[Optioneel:] Artikel – Bibob (n.v.t.)") == norm_title("Artikel Bibob")
