"""The reference manifest: structure and fingerprints of one standard document, no text of it.

A manifest says which delen, hoofdstukken, artikelen and leden the standard has, what kind each
part is (fixed, optional, free …), where the fill-in slots and choice markers are, and per lid the
ordered trigram hashes of its words. That is enough to align a municipal document with the standard
and to say which of its words are not the standard's; it is not enough to print the standard.
"""

from __future__ import annotations

import base64
import json
from array import array
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

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


class Piece(BaseModel):
    """A run of the standard's words (as hashes) or a fill-in slot, in lid order."""

    model_config = ConfigDict(extra="forbid")

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


class RefLid(BaseModel):
    model_config = ConfigDict(extra="forbid")

    number: str | None  # the standard's lid number, None for an article without leden
    words: int = 0
    pieces: list[Piece] = Field(default_factory=list)


class RefArtikel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: str  # "3.9", "1.n", or a section key ("overwegingen")
    title: str = ""
    deel: str | None = None
    hoofdstuk: str | None = None
    kind: ArticleKind = "fixed"
    section: bool = False
    leden: list[RefLid] = Field(default_factory=list)

    @property
    def label(self) -> str:
        return self.key if self.section else f"artikel {self.key}"


class Group(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: str
    name: str  # procedure | gunning | selectie | uitvoeringsvariant | optie | …
    alts: list[str]
    exclusive: bool = False  # at most one alternative may stay
    required: bool = False  # at least one alternative must stay


class Hoofdstuk(BaseModel):
    number: str
    title: str
    first_article: str | None = None


class RefDeel(BaseModel):
    number: str
    hoofdstukken: list[Hoofdstuk] = Field(default_factory=list)


class Source(BaseModel):
    file: str
    sha256: str


class Manifest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: int = MANIFEST_FORMAT
    id: str  # "csw-1.2"
    standard: str  # "CSW"
    version: str  # "1.2"
    document_type: str = "overeenkomst"
    title: str = ""
    built_from: list[Source] = Field(default_factory=list)
    built_with: str = ""
    sections: list[str] = Field(default_factory=list)  # front and back sections present in the source
    delen: list[RefDeel] = Field(default_factory=list)
    artikelen: list[RefArtikel] = Field(default_factory=list)
    groups: dict[str, Group] = Field(default_factory=dict)
    versions: list[str] = Field(default_factory=list)  # version numbers in the versiebeheer table
    inherited: dict[str, str] = Field(default_factory=dict)  # section → manifest it was taken from

    @cached_property
    def by_key(self) -> dict[str, RefArtikel]:
        return {a.key: a for a in self.artikelen}

    def save(self, path: Path) -> None:
        data = self.model_dump(mode="json", exclude_defaults=True)
        data["id"], data["standard"], data["version"] = self.id, self.standard, self.version
        text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text + "\n", encoding="utf-8")
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> Manifest:
        return cls.model_validate_json(path.read_bytes())
