"""The reference manifest: structure and fingerprints of one standard document, no text of it.

A manifest says which delen, hoofdstukken, artikelen and leden the standard has, what kind each
part is (fixed, optional, free …), where the fill-in slots and choice markers are, and per lid the
ordered trigram hashes of its words. That is enough to align a municipal document with the standard
and to say which of its words are not the standard's; it is not enough to print the standard.
"""

from __future__ import annotations

import base64
from array import array
from functools import cached_property
from pathlib import Path
from typing import Literal

import msgspec

MANIFEST_FORMAT = 1

ArticleKind = Literal["fixed", "optional", "own-template", "free", "additions", "fill-only"]
PieceRole = Literal["text", "marker", "instruction"]
SlotKind = Literal["fill", "instruction", "choice", "reference", "wildcard"]


def pack(hashes: list[int]) -> str:
    return base64.b64encode(array("I", hashes).tobytes()).decode("ascii")


def unpack(data: str) -> list[int]:
    out = array("I")
    out.frombytes(base64.b64decode(data))
    return out.tolist()


class _Part(msgspec.Struct, omit_defaults=True, forbid_unknown_fields=True):
    """A part of a manifest: a key that is not ours is refused, a value equal to its default is not written."""


class Piece(_Part, dict=True):  # dict: room for the cached hashes
    """A run of the standard's words (as hashes) or a fill-in slot, in lid order."""

    t: Literal["run", "slot"]
    h: str = ""  # run: packed uint32 trigram hashes, or one short-gram hash when n < 3
    n: int = 0  # run: number of words
    role: PieceRole = "text"
    label: str = ""  # slot or marker as printed (shortened), for messages
    kind: SlotKind = "fill"
    group: str | None = None  # choice group this piece belongs to, e.g. "1.3/1.3.4/optie"
    alt: str | None = None  # the alternative within the group, e.g. "2"
    repeat: bool = False  # part of a template block that may be repeated or left out
    optional: bool = False  # may be left out (one side of an "en/of" in the template)
    para: int = 0  # paragraph number within the lid (0-based), for messages

    @cached_property
    def hashes(self) -> list[int]:
        return unpack(self.h) if self.h else []


class RefLid(_Part):
    number: str | None  # the standard's lid number, None for an article without leden
    words: int = 0
    pieces: list[Piece] = msgspec.field(default_factory=list)


class RefArtikel(_Part):
    key: str  # "3.9", "1.n", or a section key ("overwegingen")
    title: str = ""
    deel: str | None = None
    hoofdstuk: str | None = None
    kind: ArticleKind = "fixed"
    section: bool = False
    leden: list[RefLid] = msgspec.field(default_factory=list)

    @property
    def label(self) -> str:
        return self.key if self.section else f"artikel {self.key}"


class Group(_Part):
    key: str
    name: str  # procedure | gunning | selectie | uitvoeringsvariant | optie | …
    alts: list[str]
    exclusive: bool = False  # at most one alternative may stay
    required: bool = False  # at least one alternative must stay


class Hoofdstuk(msgspec.Struct, omit_defaults=True):  # unknown keys ignored, as they always were
    number: str
    title: str
    first_article: str | None = None


class RefDeel(msgspec.Struct, omit_defaults=True):  # unknown keys ignored, as they always were
    number: str
    hoofdstukken: list[Hoofdstuk] = msgspec.field(default_factory=list)


class Source(msgspec.Struct, omit_defaults=True):  # unknown keys ignored, as they always were
    file: str
    sha256: str


class Manifest(_Part, kw_only=True, dict=True):  # kw_only: id comes after format; dict: room for by_key
    format: int = MANIFEST_FORMAT
    id: str  # "csw-1.2"
    standard: str  # "CSW"
    version: str  # "1.2"
    document_type: str = "overeenkomst"
    title: str = ""
    built_from: list[Source] = msgspec.field(default_factory=list)
    built_with: str = ""
    sections: list[str] = msgspec.field(default_factory=list)  # front and back sections present in the source
    delen: list[RefDeel] = msgspec.field(default_factory=list)
    artikelen: list[RefArtikel] = msgspec.field(default_factory=list)
    groups: dict[str, Group] = msgspec.field(default_factory=dict)
    versions: list[str] = msgspec.field(default_factory=list)  # version numbers in the versiebeheer table
    inherited: dict[str, str] = msgspec.field(default_factory=dict)  # section → manifest it was taken from

    @cached_property
    def by_key(self) -> dict[str, RefArtikel]:
        return {a.key: a for a in self.artikelen}

    def save(self, path: Path) -> None:
        # the layout the shipped manifests have: one space per level, defaults left out, text as UTF-8
        text = msgspec.json.format(msgspec.json.encode(self), indent=1)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(text + b"\n")
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> Manifest:
        return msgspec.json.decode(path.read_bytes(), type=cls)
