"""Build a manifest from an official text (DOCX, Markdown file or folder), with the same readers and
structure finder that read municipal documents."""

from __future__ import annotations

import copy
import hashlib
import re
from pathlib import Path

import msgspec

from cscheck import __version__
from cscheck.model import Artikel, Contract, Lid
from cscheck.read import read_document
from cscheck.reference.manifest import Group, Hoofdstuk, Manifest, Piece, RefArtikel, RefDeel, RefLid, Source, pack
from cscheck.reference.markers import (
    CONDITION,
    CONNECTOR,
    EXCLUSIVE_GROUPS,
    GLUED_CHOICE,
    INSTRUCTION_SENTENCE,
    LINE_MARKER,
    OPTION_MARKER,
    OPTIONAL_BLOCK,
    OPTIONAL_MARKER,
    OPTIONAL_PAREN,
    OWN_TEXT_SECTIONS,
    PAREN_MARKER,
    REPEAT_MARKER,
    SLOT,
    TABLE_ROW_TEMPLATE,
    TEMPLATE_CODE,
    classify_marker,
    short_label,
    slot_kind,
)
from cscheck.structure import find_structure
from cscheck.text import Spot, Word, short_gram, trigrams, words

SECTION_KINDS = {
    "titelpagina": "fill-only",
    "versiebeheer": "fill-only",
    "partijen": "fill-only",
    "overwegingen": "additions",
    "definities": "additions",
    "ondertekening": "fill-only",
}
INLINE_OR = re.compile(r"(?<=\s)OF(?=\s)")  # an alternative inside a paragraph (capital OF, as the templates write it)
PLAIN_OPTIONAL = re.compile(r"\s*[-•]?\s*optioneel\s*:", re.I)  # "Optioneel: …" (a conversion lost the brackets)
SENTENCE_END = re.compile(r"[.;:]\s+")
_SUBHEADING = re.compile(r"^[A-ZÀ-Þ][^\W\d_]*(?:[ -][^\W\d_]+){0,3}$")
_ID = re.compile(r"^(?P<std>[a-z]+)(?:-(?P<version>\d+(?:\.\d+)*))?(?:-(?P<rest>.+))?$", re.I)


class _Scope(msgspec.Struct):
    group: str | None = None
    alt: str | None = None


class _LidBuilder(msgspec.Struct):
    """Cuts the paragraphs of one lid of the template into pieces: runs of words, slots and markers."""

    article: str
    lid: str | None
    groups: dict[str, Group]
    pieces: list[Piece] = msgspec.field(default_factory=list)
    words: int = 0
    scope: _Scope = msgspec.field(default_factory=_Scope)  # a choice that runs on over the next paragraphs
    repeat: bool = False
    optional_from: int | None = None  # pieces from here on may be left out (after an "en/of")
    block_start: int = 0  # first piece of the current block (since the last marker)
    optional_block: bool = False  # inside a sub-block whose bold heading says "[Optioneel:]"
    optional_rest: bool = False  # the rest of this paragraph follows a condition ("[Optioneel bij …:]")
    surface: list[list[str]] = msgspec.field(default_factory=list)  # the words of each piece, for --reference-text
    # per piece: where each of its words is written (paragraph, text, start, end), to quote it with punctuation
    spots: list[list[Spot]] = msgspec.field(default_factory=list)
    text: str = ""  # the paragraph being cut
    para: int = 0

    def _group_key(self, name: str) -> str:
        return f"{self.article}/{self.lid or '-'}/{name}"

    def _enter(self, text: str) -> _Scope:
        choice = classify_marker(text)
        if choice is None:
            return _Scope()
        key = self._group_key(choice.group)
        group = self.groups.setdefault(key, Group(key=key, name=choice.group, alts=[]))
        alt = choice.alt
        if alt in group.alts and self.scope.group == key:
            # the template repeats a label ("VOORBEELDOPTIE 1" three times): each block is its own alternative
            alt = f"{alt}-{sum(1 for a in group.alts if a.split('-')[0] == choice.alt) + 1}"
        if alt not in group.alts:
            group.alts.append(alt)
        return _Scope(key, alt)

    def _optional(self) -> bool:
        return self.optional_from is not None or self.optional_block or self.optional_rest

    def run(self, ws: list[Word], para: int, scope: _Scope, role: str = "text") -> None:
        if not ws:
            return
        norms = [w.norm for w in ws]
        hashes = trigrams(norms) if len(norms) >= 3 else [short_gram(norms)]
        self.pieces.append(Piece(t="run", h=pack(hashes), n=len(norms), role=role,  # type: ignore[arg-type]
                                 group=scope.group, alt=scope.alt, repeat=self.repeat, para=para,
                                 optional=self._optional(),
                                 label=short_label(" ".join(w.surface for w in ws)) if role != "text" else ""))
        self.surface.append([w.surface for w in ws])
        self.spots.append([(self.para, self.text, w.start, w.end) for w in ws])
        if role == "text":
            self.words += len(norms)

    def slot(self, token: str, para: int, scope: _Scope, kind: str | None = None) -> None:
        self.pieces.append(Piece(t="slot", label=short_label(token), kind=kind or slot_kind(token),  # type: ignore[arg-type]
                                 group=scope.group, alt=scope.alt, repeat=self.repeat, para=para,
                                 optional=self._optional()))
        self.surface.append([])
        self.spots.append([])

    def _set_scope(self, scope: _Scope) -> None:
        self.scope = scope
        self.block_start = len(self.pieces)
        self.optional_from = None

    def paragraph(self, text: str, para: int, italic: bool, bold: bool = False, next_text: str = "",
                  template_row: bool = False, list_item: bool = False) -> None:
        ws = words(text)
        self.text, self.para = text, para
        stripped = text.strip()
        self.optional_rest = False
        if template_row:
            self.repeat = True  # a row of a template table (G1, Gn, PM): the gemeente writes as many as it needs
        if not ws and not SLOT.search(text):
            return
        first_line, _, rest = stripped.partition("\n")
        if bold and len(ws) <= 16:
            # a bold sub-heading ("Stap 4: [Optioneel:] …") opens a block that ends at the next one
            self.optional_block = bool(OPTIONAL_MARKER.search(stripped))
        if CONNECTOR.match(stripped):
            # "en/of" or "OF" between two blocks: either block, or both, may stay
            for piece in self.pieces[self.block_start:]:
                piece.optional = True
            self.optional_from = len(self.pieces)
            self.run(ws, para, self.scope, role="instruction")
            return
        cond = CONDITION.match(stripped)
        if cond and not stripped[cond.end():].strip() and classify_marker(stripped) is None:
            self.run(ws, para, self.scope, role="instruction")  # a drafter's note on its own
            return
        if (OPTION_MARKER.match(first_line) or (LINE_MARKER.match(first_line) and not PAREN_MARKER.search(first_line))
                or (cond and not stripped[cond.end():].strip())):
            self._set_scope(self._enter(first_line))
            cut = len(text) - len(text.lstrip()) + len(first_line)
            self.run([w for w in ws if w.end <= cut], para, self.scope, role="marker")
            if rest:
                self._inline(text, [w for w in ws if w.start >= cut], para, begin=cut)
            return
        next_first = next_text.split("\n", 1)[0]
        if stripped.endswith(":") and not SLOT.search(stripped) and (italic or OPTION_MARKER.match(next_first)):
            self.run(ws, para, self.scope, role="instruction")  # e.g. "choose one of the options below:"
            return
        if OPTIONAL_BLOCK.match(stripped):
            self.optional_block = True  # everything from this sub-heading on may be left out
            self.run(ws, para, self.scope, role="marker")
            return
        if TABLE_ROW_TEMPLATE.match(stripped) or (italic and len(ws) <= 6 and not stripped.endswith((".", ";", ":"))):
            # a template row (G1, Gn, PM) or a table header in italics: replaced by the gemeente's own table
            self.slot(f"[{short_label(stripped)}]", para, self.scope, kind="fill")
            return
        if INSTRUCTION_SENTENCE.search(stripped) and not SLOT.search(stripped):
            self.slot(f"[{short_label(stripped, 8)}]", para, self.scope, kind="instruction")
            return
        if self.scope.group and not list_item and _SUBHEADING.match(stripped) and not SLOT.search(stripped):
            # a bullet that opens a rule ("Op tijd indienen") stays inside its alternative
            self._set_scope(_Scope())  # "Algemene voorwaarden" after the alternatives: a new block, for everyone
        if REPEAT_MARKER.match(stripped):
            self.repeat = True
        elif self.repeat and not template_row and not SLOT.search(stripped):
            self.repeat = False
        if cond:
            self.block_start = len(self.pieces)
            self.optional_from = None
        self._inline(text, ws, para)

    def _tokens(self, text: str, start: int) -> list[tuple[int, int, str]]:
        tokens = [(m.start(), m.end(), "marker") for m in PAREN_MARKER.finditer(text, start)]
        tokens += [(m.start(), m.end(), "optional") for m in OPTIONAL_PAREN.finditer(text, start)]
        tokens += [(m.start(), m.end(), "slot") for m in SLOT.finditer(text, start)]
        tokens += [(m.start(), m.end(), "glued") for m in GLUED_CHOICE.finditer(text, start)]
        tokens += [(m.start(), m.end(), "or") for m in INLINE_OR.finditer(text, start)]
        tokens += [(m.start(), m.end(), "glued") for m in TEMPLATE_CODE.finditer(text, start)]
        plain = PLAIN_OPTIONAL.match(text, start)
        if plain:
            tokens.append((plain.start(), plain.end(), "optional"))
        return sorted(tokens)

    def _inline(self, text: str, ws: list[Word], para: int, begin: int = 0) -> None:
        scope = self.scope
        pos = begin
        first_content = ws[0].start if ws else len(text)
        for start, end, kind in self._tokens(text, begin):
            if start < pos:
                continue
            pending = [w for w in ws if pos <= w.start and w.end <= start]
            if kind == "or":
                # "… wijst … af. OF Doet hij dat niet, dan kan …": the sentence before and the rest are alternatives
                cut = max((m.end() for m in SENTENCE_END.finditer(text, pos, start)), default=pos)
                self.run([w for w in pending if w.start < cut], para, scope)
                self.optional_rest = True
                self.run([w for w in pending if w.start >= cut], para, scope)
                self.run([w for w in ws if start <= w.start and w.end <= end], para, scope, role="marker")
                pos = end
                continue
            self.run(pending, para, scope)
            token = text[start:end]
            token_words = [w for w in ws if start <= w.start and w.end <= end]
            if kind == "marker":
                scope = self._enter(token)
                self.run(token_words, para, scope, role="marker")
                alone = not any(w.start < start or w.end > end for w in ws)
                if alone or (start <= first_content and text.rstrip().endswith(":")):
                    # a marker on its own, or "(Bij …:) Opdrachtgever kan:", governs what follows
                    self._set_scope(scope)
            elif kind == "optional" or slot_kind(token) in ("optional", "condition"):
                # "[Optioneel bij …:] tekst" and "(optioneel:) tekst": the rest of the paragraph may go
                self.run(token_words, para, scope, role="marker")
                self.optional_rest = True
            elif kind == "glued":
                self.slot(token, para, scope, kind="fill")  # "opdrachtnemer[s]", "raamovereenkomst/overeenkomst"
            else:
                self.slot(token, para, scope)
            pos = end
        self.run([w for w in ws if w.start >= pos], para, scope)
        self.optional_rest = False


def lid_builder(article: Artikel, lid: Lid, groups: dict[str, Group]) -> _LidBuilder:
    builder = _LidBuilder(article.key, lid.number, groups)
    texts = [span.text.strip() for span in lid.spans] + [""]
    template_rows = {span.block.table[:2] for span in lid.spans
                     if span.block.table is not None and TEMPLATE_CODE.search(span.text)}
    for para, span in enumerate(lid.spans):
        row = span.block.table[:2] if span.block.table is not None else None
        builder.paragraph(span.text, para, span.block.italic, span.block.bold, texts[para + 1],
                          template_row=row in template_rows, list_item=span.block.list_item)
        if row is not None and row in template_rows:
            builder.repeat = False
    return builder


def _lid(article: Artikel, lid: Lid, groups: dict[str, Group]) -> RefLid:
    builder = lid_builder(article, lid, groups)
    return RefLid(number=lid.number, words=builder.words, pieces=builder.pieces)


INKOOP_SECTION_KINDS = {
    "titelpagina": "fill-only",
    "versiebeheer": "fill-only",
    "wijzigingsbeheer": "fixed",
    "definities": "fixed",
}


def _inkoop_kind(article: Artikel, lid: RefLid) -> str:
    """Inkoopdocument: a section with text in the template is a prescribed block (the gemeente may add
    its own paragraphs around it); one without text is free; a bijlage is a table that grows."""
    if article.section:
        if article.key.startswith("bijlage"):
            return "additions"
        return INKOOP_SECTION_KINDS.get(article.key, "free")
    if article.optional_marker:
        return "optional"
    has_text = any(p.t == "run" and p.role == "text" and not p.optional for p in lid.pieces)
    if has_text and OWN_TEXT_SECTIONS.match(article.title.strip()):
        return "additions"
    return "fixed" if has_text else "free"


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
    inkoop = document_type.startswith("inkoopdocument")
    m = _ID.match(manifest_id)
    std = standard or (m.group("std").upper() if m else manifest_id.upper())
    groups: dict[str, Group] = {}
    artikelen: list[RefArtikel] = []
    for key, section in contract.sections.items():
        if key in ("inhoudsopgave", "versiebeheer"):
            continue
        leden = [_lid(section, lid, groups) for lid in section.leden]
        kind = _inkoop_kind(section, leden[0]) if inkoop else _kind(section)
        artikelen.append(RefArtikel(key=key, title=section.title, kind=kind,  # type: ignore[arg-type]
                                    section=True, leden=leden))
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
            leden = [_lid(art, lid, groups) for lid in art.leden]
            kind = _inkoop_kind(art, leden[0]) if inkoop else _kind(art)
            artikelen.append(RefArtikel(key=art.key, title=art.title, deel=art.deel, hoofdstuk=art.hoofdstuk,
                                        kind=kind, leden=leden))  # type: ignore[arg-type]
    for group in groups.values():
        group.required = len(group.alts) >= 2
        group.exclusive = group.name in EXCLUSIVE_GROUPS and len(group.alts) >= 2
    versions = []
    if "versiebeheer" in contract.sections:
        # the first table under "Versiebeheer" is the standard's own; a document's own version table may follow
        tables = [span.block.table for span in contract.sections["versiebeheer"].spans if span.block.table]
        for span in contract.sections["versiebeheer"].spans:
            table = span.block.table
            if table and table[0] == tables[0][0] and table[2] == 0 and re.fullmatch(r"\d+\.\d+", span.text.strip()):
                versions.append(span.text.strip())
    # an id without a version ("csj-test"): the version the text's own versiebeheer names first, if any
    ver = version or (m.group("version") if m and m.group("version") else "") or (versions[0] if versions else "")
    return Manifest(id=manifest_id, standard=std, version=ver, document_type=document_type, title=title,
                    built_with=f"cscheck {__version__}", sections=list(contract.sections),
                    delen=delen, artikelen=artikelen, groups=groups, versions=versions)


def _sources(path: Path) -> list[Source]:
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    return [Source(file=f.name if not path.is_dir() else str(f.relative_to(path.parent)),
                   sha256=hashlib.sha256(f.read_bytes()).hexdigest()) for f in files]


def build_manifest(source: Path, manifest_id: str, *, kinds_from: Manifest | None = None,
                   sections_from: Manifest | None = None, structure_from: Manifest | None = None,
                   document_type: str = "overeenkomst", **kw: str) -> Manifest:
    """Read an official text and derive its manifest."""
    contract = find_structure(read_document(source), document_type)
    manifest = manifest_from_contract(contract, manifest_id, document_type=document_type, **kw)
    manifest.built_from = _sources(source)
    if structure_from is not None:
        _take_numbers(manifest, structure_from)
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
                manifest.groups[key] = msgspec.structs.replace(group)
    manifest.sections = list(dict.fromkeys([*(a.key for a in taken), *manifest.sections]))


def _take_numbers(manifest: Manifest, other: Manifest) -> None:
    """Numbers and hierarchy by title from an earlier version, for a source that lost its headings' levels
    (a chatbot conversion lists every section at the same level)."""
    from rapidfuzz import fuzz

    from cscheck.align import norm_title

    donors = [a for a in other.artikelen if not a.section]
    start = 0
    renamed: dict[str, str] = {}
    for art in manifest.artikelen:
        if art.section:
            continue
        for k in range(start, min(start + 4, len(donors))):
            if fuzz.ratio(norm_title(art.title), norm_title(donors[k].title)) >= 85:
                renamed[art.key] = donors[k].key
                art.key, art.deel, art.hoofdstuk = donors[k].key, donors[k].deel, donors[k].hoofdstuk
                start = k + 1
                break
    for group in list(manifest.groups.values()):
        head = group.key.split("/", 1)
        if head[0] in renamed:
            new_key = f"{renamed[head[0]]}/{head[1]}"
            del manifest.groups[group.key]
            group.key = new_key
            manifest.groups[new_key] = group
    for art in manifest.artikelen:
        for lid in art.leden:
            for piece in lid.pieces:
                if piece.group and piece.group.split("/", 1)[0] in renamed:
                    old, rest = piece.group.split("/", 1)
                    piece.group = f"{renamed[old]}/{rest}"
    manifest.delen = copy.deepcopy(other.delen)
