"""The reference manifests: those shipped with cscheck (reference_texts/<id>.json) and those in the
folders named by CSCHECK_REFERENCES (a list like PATH), e.g. a CS Jeugd reference a user built with
`cscheck reference build`. A manifest in such a folder wins over a shipped one with the same id."""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import msgspec

from cscheck.reference.manifest import Manifest
from cscheck.reference.signature import Signature, read_index, signature_of, write_index
from cscheck.resources import reference_dir

ENVIRONMENT = "CSCHECK_REFERENCES"


def reference_folders() -> list[Path]:
    """The shipped folder, then the user's folders in the order CSCHECK_REFERENCES names them."""
    extra = [Path(p) for p in os.environ.get(ENVIRONMENT, "").split(os.pathsep) if p.strip()]
    return [reference_dir(), *extra]


def _manifests_in(folder: Path) -> dict[str, Path]:
    # files starting with "_" are the folder's own bookkeeping (the signature index), not manifests
    return {p.stem: p for p in sorted(folder.glob("*.json")) if not p.name.startswith("_")}


def manifest_paths(folder: Path | None = None) -> dict[str, Path]:
    paths: dict[str, Path] = {}
    for each in [folder] if folder is not None else reference_folders():
        paths.update(_manifests_in(each))
    return paths


def signatures(folder: Path | None = None) -> dict[str, Signature]:
    """The signature of every reference (id → Signature), a later folder's winning as for manifests."""
    out: dict[str, Signature] = {}
    for each in [folder] if folder is not None else reference_folders():
        out.update(_signatures_in(str(each), tuple(sorted((i, p.stat().st_mtime_ns) for i, p in
                                                          _manifests_in(each).items()))))
    return out


@lru_cache(maxsize=16)
def _signatures_in(folder: str, files: tuple[tuple[str, int], ...]) -> dict[str, Signature]:
    return read_index(Path(folder), _manifests_in(Path(folder)))


@lru_cache(maxsize=16)
def _load(path: str, mtime: float) -> Manifest:
    return Manifest.load(Path(path))


def load_manifest(manifest_id: str, folder: Path | None = None) -> Manifest:
    paths = manifest_paths(folder)
    if manifest_id not in paths:
        known = ", ".join(paths) or "geen"
        raise KeyError(f"Onbekende standaard '{manifest_id}'. Beschikbaar: {known}.")
    path = paths[manifest_id]
    return _load(str(path), path.stat().st_mtime)


def all_manifests(folder: Path | None = None) -> list[Manifest]:
    return [load_manifest(i, folder) for i in manifest_paths(folder)]


def update_index(folder: Path) -> Path:
    """Rewrite the signature index of a folder of manifests (after one was built into it)."""
    manifests = {}
    for manifest_id, path in _manifests_in(folder).items():
        try:
            Manifest.load(path)
        except (ValueError, OSError):
            continue  # not a manifest (another JSON file in the same folder): it has no signature
        manifests[manifest_id] = path
    return write_index(folder, manifests)


class References(msgspec.Struct, frozen=True):
    """The references a check may use: their signatures, and the manifest of one of them when it is needed."""

    signatures: list[Signature]
    load: Callable[[str], Manifest]

    def by_id(self, manifest_id: str) -> Signature | None:
        return next((s for s in self.signatures if s.id == manifest_id), None)


_GIVEN: dict[int, tuple[Manifest, Signature]] = {}


def references(manifests: list[Manifest] | None = None) -> References:
    """The installed references (shipped and user folders), or exactly these manifests (tests, a worker that
    was given another folder)."""
    if manifests is None:
        return References(list(signatures().values()), load_manifest)
    given: list[Signature] = []
    for manifest in manifests:
        cached = _GIVEN.get(id(manifest))
        if cached is None or cached[0] is not manifest:
            cached = _GIVEN[id(manifest)] = (manifest, signature_of(manifest))
        given.append(cached[1])
    by_id = {m.id: m for m in manifests}
    return References(given, by_id.__getitem__)
