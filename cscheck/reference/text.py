"""The official text given with --reference-text: the standard's own words for was/wordt.

cscheck ships no text of the standard. A user who has the official DOCX or Markdown may pass it;
its lids are cut into the same pieces as the manifest, so the words of the standard that a document
lacks can be quoted exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz.distance import LCSseq

from cscheck.read import read_document
from cscheck.reference.build import lid_builder
from cscheck.reference.manifest import Group, Manifest
from cscheck.structure import find_structure

if TYPE_CHECKING:
    from cscheck.align import Pair
    from cscheck.align.words import LidResult


@dataclass
class ReferenceText:
    pieces: dict[tuple[str, str | None], list[list[str]]] = field(default_factory=dict)

    def removed(self, article: str, res: LidResult, pair: Pair) -> list[str]:
        """The standard's words missing from a lid, as runs of text."""
        if res.ref is None:
            return []
        words = self.pieces.get((article, res.ref.number))
        if words is None:
            return []
        lengths = [p.n if p.t == "run" else 0 for p in res.ref.pieces]
        if len(words) == len(lengths) and all(len(w) == n for w, n in zip(words, lengths, strict=True)):
            out: list[str] = []
            for piece, start, end in res.removed_runs:
                out.append(" ".join(words[piece][start:end]))
            return out
        return self._diff(words, res, pair)

    @staticmethod
    def _diff(words: list[list[str]], res: LidResult, pair: Pair) -> list[str]:
        # the official text is cut differently from the manifest: compare the words themselves
        from cscheck.text import normalise_word

        ref_words = [w for piece in words for w in piece]
        text = pair.text
        doc = [] if text is None else [norm for norm, m in zip(text.words.norms, text.ref, strict=True)
                                       if m is not None and m[0] == res.ref_index]
        out: list[str] = []
        for op in LCSseq.opcodes([normalise_word(w) for w in ref_words], doc):
            if op.tag in ("delete", "replace"):
                out.append(" ".join(ref_words[op.src_start:op.src_end]))
        return out


def load_reference_text(path: Path, manifest: Manifest) -> ReferenceText:
    contract = find_structure(read_document(path), manifest.document_type)
    text = ReferenceText()
    groups: dict[str, Group] = {}
    for art in [*contract.sections.values(), *contract.artikelen]:
        for lid in art.leden:
            text.pieces[(art.key, lid.number)] = lid_builder(art, lid, groups).surface
    return text
