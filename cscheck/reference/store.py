"""The reference manifests shipped with cscheck (reference_texts/<id>.json)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from cscheck.reference.manifest import Manifest
from cscheck.resources import reference_dir


def manifest_paths(folder: Path | None = None) -> dict[str, Path]:
    folder = folder or reference_dir()
    return {p.stem: p for p in sorted(folder.glob("*.json"))}


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
