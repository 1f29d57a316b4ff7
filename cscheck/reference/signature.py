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
from dataclasses import dataclass
from pathlib import Path

from cscheck.reference.manifest import Manifest, pack, unpack

INDEX = "_signatures.json"
INDEX_FORMAT = 1


@dataclass(frozen=True, slots=True)
class Signature:
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


def _entry(signature: Signature, content: str) -> dict[str, object]:
    return {"id": signature.id, "standard": signature.standard, "version": signature.version,
            "document_type": signature.document_type, "delen": sorted(signature.delen),
            "sections": sorted(signature.sections), "hashes": pack(sorted(signature.hashes)), "content": content}


def _from_entry(entry: dict[str, object]) -> Signature:
    return Signature(id=str(entry["id"]), standard=str(entry["standard"]), version=str(entry["version"]),
                     document_type=str(entry["document_type"]), delen=frozenset(entry["delen"]),  # type: ignore[arg-type]
                     sections=frozenset(entry["sections"]),  # type: ignore[arg-type]
                     hashes=frozenset(unpack(str(entry["hashes"]))))


def write_index(folder: Path, manifests: dict[str, Path]) -> Path:
    """Write the signatures of these manifests (id → file) into the folder's index."""
    entries = [_entry(signature_of(Manifest.load(path)), _content_hash(path))
               for _id, path in sorted(manifests.items())]
    target = folder / INDEX
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(json.dumps({"format": INDEX_FORMAT, "signatures": entries}, indent=0) + "\n", encoding="utf-8")
    tmp.replace(target)
    return target


def read_index(folder: Path, manifests: dict[str, Path]) -> dict[str, Signature]:
    """The signature of every manifest (id → file) of a folder: from the index where it is current, else
    from the manifest."""
    known: dict[str, dict[str, object]] = {}
    index = folder / INDEX
    if index.is_file():
        try:
            data = json.loads(index.read_bytes())
            if data.get("format") == INDEX_FORMAT:
                known = {str(e["id"]): e for e in data.get("signatures", [])}
        except (ValueError, KeyError, TypeError, AttributeError):
            known = {}  # a damaged index is only a slower start
    out: dict[str, Signature] = {}
    for manifest_id, path in manifests.items():
        entry = known.get(manifest_id)
        if entry is not None and entry.get("content") == _content_hash(path):
            out[manifest_id] = _from_entry(entry)
        else:
            out[manifest_id] = signature_of(Manifest.load(path))
    return out
