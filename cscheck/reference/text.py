"""The official text given with --reference-text: the standard's own words for was/wordt.

cscheck ships no text of the standard. A user who has the official DOCX or Markdown may pass it;
its lids are cut into the same pieces as the manifest, so the words of the standard that a document
lacks can be quoted exactly, with their punctuation.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import msgspec
from rapidfuzz.distance import LCSseq

from cscheck.read import read_document
from cscheck.reference.build import lid_builder
from cscheck.reference.manifest import Group, Manifest
from cscheck.structure import find_structure
from cscheck.text import Spot, normalise_word, quote

if TYPE_CHECKING:
    from cscheck.align import Pair
    from cscheck.align.words import LidResult


class ReferenceText(msgspec.Struct):
    # per (article, lid): per piece, where its words are written in the official text
    spots: dict[tuple[str, str | None], list[list[Spot]]] = msgspec.field(default_factory=dict)

    def _pieces(self, article: str, res: LidResult) -> list[list[Spot]] | None:
        """The official words of this lid, piece by piece, when they are cut as the manifest's pieces."""
        if res.ref is None:
            return None
        pieces = self.spots.get((article, res.ref.number))  # type: ignore[attr-defined]
        if pieces is None:
            return None
        lengths = [p.n if p.t == "run" else 0 for p in res.ref.pieces]  # type: ignore[attr-defined]
        if len(pieces) == len(lengths) and all(len(w) == n for w, n in zip(pieces, lengths, strict=True)):
            return pieces
        return None

    def words(self, article: str, res: LidResult, piece: int, start: int, end: int) -> str:
        """Words start..end-1 of one piece of a lid, as the official text writes them ("" when unknown)."""
        pieces = self._pieces(article, res)
        return quote(pieces[piece][start:end]) if pieces is not None else ""

    def lid(self, article: str, res: LidResult) -> str:
        """The whole text of a lid of the standard."""
        if res.ref is None:
            return ""
        pieces = self.spots.get((article, res.ref.number))  # type: ignore[attr-defined]
        return quote([s for piece in pieces for s in piece]) if pieces else ""

    def removed(self, article: str, res: LidResult, pair: Pair) -> list[str]:
        """The standard's words missing from a lid, as runs of text."""
        if res.ref is None or (article, res.ref.number) not in self.spots:  # type: ignore[attr-defined]
            return []
        pieces = self._pieces(article, res)
        if pieces is not None:
            return [quote(pieces[piece][start:end]) for piece, start, end in res.removed_runs]
        return self._diff(self.spots[(article, res.ref.number)], res, pair)  # type: ignore[attr-defined]

    @staticmethod
    def _diff(pieces: list[list[Spot]], res: LidResult, pair: Pair) -> list[str]:
        # the official text is cut differently from the manifest: compare the words themselves
        spots = [s for piece in pieces for s in piece]
        ref_words = [normalise_word(text[a:b]) for _p, text, a, b in spots]
        text = pair.text
        doc = [] if text is None else [norm for norm, m in zip(text.words.norms, text.ref, strict=True)
                                       if m is not None and m[0] == res.ref_index]
        out: list[str] = []
        for op in LCSseq.opcodes(ref_words, doc):
            if op.tag in ("delete", "replace"):
                out.append(quote(spots[op.src_start:op.src_end]))
        return out


def load_reference_text(path: Path, manifest: Manifest) -> ReferenceText:
    contract = find_structure(read_document(path), manifest.document_type)
    text = ReferenceText()
    groups: dict[str, Group] = {}
    for art in [*contract.sections.values(), *contract.artikelen]:
        for lid in art.leden:
            text.spots[(art.key, lid.number)] = lid_builder(art, lid, groups).spots
    return text
