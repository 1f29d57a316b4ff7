"""What recognising a document needs of a reference, without loading the reference itself: its id, kind
and version, the delen and front sections it covers, and the set of trigram hashes of its text.

A check compares the document with the signature of every reference, then loads the one manifest that
matches. The signatures of a folder of manifests are kept beside them in `_signatures.json`, written
by `cscheck reference build`; an entry whose manifest changed since (another content hash) or a
manifest without an entry is computed from the manifest itself, so a stale file never misleads.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import msgspec

from cscheck.reference.manifest import Manifest, pack, unpack

INDEX = "_signatures.json"
INDEX_FORMAT = 1


class Signature(msgspec.Struct, frozen=True):
    id: str
    standard: str
    version: str
    document_type: str
    delen: frozenset[str]  # delen (chapters) the reference has
    sections: frozenset[str]  # front and back sections whose text counts (not fill-only)
    hashes: frozenset[int]  # trigram hashes of its text (runs of three words and more, no fill-only parts)


def signature_of(manifest: Manifest) -> Signature:
    hashes = frozenset(h for art in manifest.artikelen if art.kind != "fill-only" for lid in art.leden
                       for p in lid.pieces if p.t == "run" and p.role == "text" and p.n >= 3 for h in p.hashes)
    return Signature(
        id=manifest.id, standard=manifest.standard, version=manifest.version, document_type=manifest.document_type,
        delen=frozenset(a.deel for a in manifest.artikelen if a.deel),
        sections=frozenset(a.key for a in manifest.artikelen if a.section and a.kind != "fill-only"),
        hashes=hashes)


def _content_hash(path: Path) -> str:
    return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()


class _Entry(msgspec.Struct):
    """A signature as the index keeps it, with the content hash of the manifest it was computed from."""

    id: str
    standard: str
    version: str
    document_type: str
    delen: list[str]
    sections: list[str]
    hashes: str  # packed, sorted
    content: str


class _Index(msgspec.Struct):
    format: int
    signatures: list[_Entry]


def _entry(signature: Signature, content: str) -> _Entry:
    return _Entry(id=signature.id, standard=signature.standard, version=signature.version,
                  document_type=signature.document_type, delen=sorted(signature.delen),
                  sections=sorted(signature.sections), hashes=pack(sorted(signature.hashes)), content=content)


def _from_entry(entry: _Entry) -> Signature:
    return Signature(id=entry.id, standard=entry.standard, version=entry.version, document_type=entry.document_type,
                     delen=frozenset(entry.delen), sections=frozenset(entry.sections),
                     hashes=frozenset(unpack(entry.hashes)))


def write_index(folder: Path, manifests: dict[str, Path]) -> Path:
    """Write the signatures of these manifests (id → file) into the folder's index."""
    entries = [_entry(signature_of(Manifest.load(path)), _content_hash(path))
               for _id, path in sorted(manifests.items())]
    target = folder / INDEX
    tmp = target.with_name(target.name + ".tmp")
    # indent=0 (a line per value, no indentation) is json's layout; msgspec.json.format would write one line
    data = msgspec.to_builtins(_Index(format=INDEX_FORMAT, signatures=entries))
    tmp.write_text(json.dumps(data, indent=0) + "\n", encoding="utf-8")
    tmp.replace(target)
    return target


def read_index(folder: Path, manifests: dict[str, Path]) -> dict[str, Signature]:
    """The signature of every manifest (id → file) of a folder: from the index where it is current, else
    from the manifest."""
    known: dict[str, _Entry] = {}
    index = folder / INDEX
    if index.is_file():
        try:
            data = msgspec.json.decode(index.read_bytes(), type=_Index)
            if data.format == INDEX_FORMAT:
                known = {e.id: e for e in data.signatures}
        except msgspec.DecodeError:
            known = {}  # a damaged index (or one of another format) is only a slower start
    out: dict[str, Signature] = {}
    for manifest_id, path in manifests.items():
        entry = known.get(manifest_id)
        if entry is not None and entry.content == _content_hash(path):
            out[manifest_id] = _from_entry(entry)
        else:
            out[manifest_id] = signature_of(Manifest.load(path))
    return out
