"""Build a manifest from an official text (DOCX, Markdown file or folder), with the same readers and
structure finder that read municipal documents."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from cscheck import __version__
from cscheck.model import Artikel, Contract, Lid
from cscheck.read import read_document
from cscheck.reference.manifest import Group, Hoofdstuk, Manifest, Piece, RefArtikel, RefDeel, RefLid, Source, pack
from cscheck.reference.markers import (
    CONNECTOR,
    EXCLUSIVE_GROUPS,
    INSTRUCTION_SENTENCE,
    LINE_MARKER,
    OPTION_MARKER,
    PAREN_MARKER,
    REPEAT_MARKER,
    SLOT,
    classify_marker,
    short_label,
    slot_kind,
)
from cscheck.structure import find_structure
from cscheck.text import Word, short_gram, trigrams, words

SECTION_KINDS = {
    "titelpagina": "fill-only",
    "versiebeheer": "fill-only",
    "partijen": "fill-only",
    "overwegingen": "additions",
    "definities": "additions",
    "ondertekening": "fill-only",
}
_ID = re.compile(r"^(?P<std>[a-z]+)-(?P<version>\d+(?:\.\d+)*)(?:-(?P<type>.+))?$")


@dataclass
class _Scope:
    group: str | None = None
    alt: str | None = None


@dataclass
class _LidBuilder:
    article: str
    lid: str | None
    groups: dict[str, Group]
    pieces: list[Piece] = field(default_factory=list)
    words: int = 0
    scope: _Scope = field(default_factory=_Scope)  # a choice that runs on over the next paragraphs
    repeat: bool = False
    optional_from: int | None = None  # pieces from here on may be left out (after an "en/of")
    scope_start: int = 0  # first piece of the current choice scope
    surface: list[list[str]] = field(default_factory=list)  # the words of each piece, for --reference-text

    def _group_key(self, name: str) -> str:
        return f"{self.article}/{self.lid or '-'}/{name}"

    def _enter(self, text: str) -> _Scope:
        choice = classify_marker(text)
        if choice is None:
            return _Scope()
        key = self._group_key(choice.group)
        group = self.groups.setdefault(key, Group(key=key, name=choice.group, alts=[]))
        if choice.alt not in group.alts:
            group.alts.append(choice.alt)
        return _Scope(key, choice.alt)

    def run(self, ws: list[Word], para: int, scope: _Scope, role: str = "text") -> None:
        if not ws:
            return
        norms = [w.norm for w in ws]
        hashes = trigrams(norms) if len(norms) >= 3 else [short_gram(norms)]
        self.pieces.append(Piece(t="run", h=pack(hashes), n=len(norms), role=role,  # type: ignore[arg-type]
                                 group=scope.group, alt=scope.alt, repeat=self.repeat, para=para,
                                 optional=self.optional_from is not None,
                                 label=short_label(" ".join(w.surface for w in ws)) if role != "text" else ""))
        self.surface.append([w.surface for w in ws])
        if role == "text":
            self.words += len(norms)

    def slot(self, token: str, para: int, scope: _Scope, kind: str | None = None) -> None:
        self.pieces.append(Piece(t="slot", label=short_label(token), kind=kind or slot_kind(token),  # type: ignore[arg-type]
                                 group=scope.group, alt=scope.alt, repeat=self.repeat, para=para))
        self.surface.append([])

    def _set_scope(self, scope: _Scope) -> None:
        self.scope = scope
        self.scope_start = len(self.pieces)
        self.optional_from = None

    def paragraph(self, text: str, para: int, italic: bool, next_text: str = "") -> None:
        ws = words(text)
        stripped = text.strip()
        if not ws and not SLOT.search(text):
            return
        first_line, _, rest = stripped.partition("\n")
        if CONNECTOR.match(stripped):
            # "en/of" between two blocks: either block, or both, may stay
            for piece in self.pieces[self.scope_start:]:
                piece.optional = True
            self.optional_from = len(self.pieces)
            self.run(ws, para, self.scope, role="instruction")
            return
        if OPTION_MARKER.match(first_line) or (LINE_MARKER.match(first_line) and not PAREN_MARKER.search(first_line)):
            self._set_scope(self._enter(first_line))
            cut = len(text) - len(text.lstrip()) + len(first_line)
            self.run([w for w in ws if w.end <= cut], para, self.scope, role="marker")
            if rest:
                self._inline(text, [w for w in ws if w.start >= cut], para, start=cut)
            return
        next_first = next_text.split("\n", 1)[0]
        if stripped.endswith(":") and not SLOT.search(stripped) and (italic or OPTION_MARKER.match(next_first)):
            self.run(ws, para, self.scope, role="instruction")  # e.g. "choose one of the options below:"
            return
        if INSTRUCTION_SENTENCE.search(stripped) and not SLOT.search(stripped):
            self.slot(f"[{short_label(stripped, 8)}]", para, self.scope, kind="instruction")
            return
        if REPEAT_MARKER.match(stripped):
            self.repeat = True
        elif self.repeat and not SLOT.search(stripped):
            self.repeat = False
        self._inline(text, ws, para)

    def _inline(self, text: str, ws: list[Word], para: int, start: int = 0) -> None:
        scope = self.scope
        tokens = sorted([(m.start(), m.end(), "marker") for m in PAREN_MARKER.finditer(text, start)]
                        + [(m.start(), m.end(), "slot") for m in SLOT.finditer(text, start)])
        pos = start
        first_content = ws[0].start if ws else len(text)
        for start, end, kind in tokens:
            if start < pos:
                continue
            self.run([w for w in ws if pos <= w.start and w.end <= start], para, scope)
            token = text[start:end]
            if kind == "marker":
                scope = self._enter(token)
                marker_words = [w for w in ws if start <= w.start and w.end <= end]
                self.run(marker_words, para, scope, role="marker")
                alone = not any(w.start < start or w.end > end for w in ws)
                if alone or (start <= first_content and text.rstrip().endswith(":")):
                    # a marker on its own, or "(Bij …:) Opdrachtgever kan:", governs what follows
                    self._set_scope(scope)
            elif slot_kind(token) == "optional":
                self.run([w for w in ws if start <= w.start and w.end <= end], para, scope, role="marker")
            else:
                self.slot(token, para, scope)
            pos = end
        self.run([w for w in ws if w.start >= pos], para, scope)


def lid_builder(article: Artikel, lid: Lid, groups: dict[str, Group]) -> _LidBuilder:
    builder = _LidBuilder(article.key, lid.number, groups)
    texts = [span.text.strip() for span in lid.spans] + [""]
    for para, span in enumerate(lid.spans):
        builder.paragraph(span.text, para, span.block.italic, texts[para + 1])
    return builder


def _lid(article: Artikel, lid: Lid, groups: dict[str, Group]) -> RefLid:
    builder = lid_builder(article, lid, groups)
    return RefLid(number=lid.number, words=builder.words, pieces=builder.pieces)


def _kind(article: Artikel) -> str:
    if article.section:
        return SECTION_KINDS.get(article.key, "free")
    if article.key.endswith(".n"):
        return "own-template"
    if article.deel == "2":
        return "free"
    if article.optional_marker:
        return "optional"
    return "fixed"


def manifest_from_contract(contract: Contract, manifest_id: str, *, standard: str | None = None,
                           version: str | None = None, document_type: str = "overeenkomst",
                           title: str = "") -> Manifest:
    m = _ID.match(manifest_id)
    std = standard or (m.group("std").upper() if m else manifest_id.upper())
    ver = version or (m.group("version") if m else "")
    groups: dict[str, Group] = {}
    artikelen: list[RefArtikel] = []
    for key, section in contract.sections.items():
        if key in ("inhoudsopgave", "versiebeheer"):
            continue
        artikelen.append(RefArtikel(key=key, title=section.title, kind=_kind(section),  # type: ignore[arg-type]
                                    section=True, leden=[_lid(section, lid, groups) for lid in section.leden]))
    delen = []
    for deel in contract.delen:
        hoofdstukken = []
        for number, htitle, position in deel.hoofdstukken:
            first = next((a.key for a in deel.artikelen if a.position > position and not a.section), None)
            hoofdstukken.append(Hoofdstuk(number=number, title=htitle, first_article=first))
        delen.append(RefDeel(number=deel.number, hoofdstukken=hoofdstukken))
        for art in deel.artikelen:
            if art.section:
                continue
            artikelen.append(RefArtikel(key=art.key, title=art.title, deel=art.deel, hoofdstuk=art.hoofdstuk,
                                        kind=_kind(art),  # type: ignore[arg-type]
                                        leden=[_lid(art, lid, groups) for lid in art.leden]))
    for group in groups.values():
        group.required = len(group.alts) >= 2
        group.exclusive = group.name in EXCLUSIVE_GROUPS and len(group.alts) >= 2
    versions = []
    if "versiebeheer" in contract.sections:
        for span in contract.sections["versiebeheer"].spans:
            if span.block.table and span.block.table[2] == 0 and re.fullmatch(r"\d+\.\d+", span.text.strip()):
                versions.append(span.text.strip())
    return Manifest(id=manifest_id, standard=std, version=ver, document_type=document_type, title=title,
                    built_with=f"cscheck {__version__}", sections=list(contract.sections),
                    delen=delen, artikelen=artikelen, groups=groups, versions=versions)


def _sources(path: Path) -> list[Source]:
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    return [Source(file=f.name if not path.is_dir() else str(f.relative_to(path.parent)),
                   sha256=hashlib.sha256(f.read_bytes()).hexdigest()) for f in files]


def build_manifest(source: Path, manifest_id: str, *, kinds_from: Manifest | None = None,
                   sections_from: Manifest | None = None, **kw: str) -> Manifest:
    """Read an official text and derive its manifest."""
    contract = find_structure(read_document(source))
    manifest = manifest_from_contract(contract, manifest_id, **kw)
    manifest.built_from = _sources(source)
    if sections_from is not None:
        _inherit_sections(manifest, sections_from)
    if kinds_from is not None:
        # Some conversions lost the "[Optioneel:]" markers; take the kinds over from an earlier version.
        for art in manifest.artikelen:
            other = kinds_from.by_key.get(art.key)
            if other is not None and art.kind == "fixed" and other.kind != "fixed":
                art.kind = other.kind
    return manifest


def _inherit_sections(manifest: Manifest, other: Manifest) -> None:
    """Front and back sections the source lacks (a per-article conversion has none), taken from an
    earlier version of the same document and marked as such in the manifest."""
    present = {a.key for a in manifest.artikelen if a.section}
    taken = [a for a in other.artikelen if a.section and a.key not in present]
    manifest.artikelen = [*taken, *manifest.artikelen]
    for art in taken:
        manifest.inherited[art.key] = other.id
        for key, group in other.groups.items():
            if key.startswith(f"{art.key}/"):
                manifest.groups[key] = group.model_copy()
    manifest.sections = list(dict.fromkeys([*(a.key for a in taken), *manifest.sections]))
