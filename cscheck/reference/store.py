"""The reference manifests: those shipped with cscheck (reference_texts/<id>.json) and those in the
folders named by CSCHECK_REFERENCES (a list like PATH), e.g. a CS Jeugd reference a user built with
`cscheck reference build`. A manifest in such a folder wins over a shipped one with the same id."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from cscheck.reference.manifest import Manifest
from cscheck.resources import reference_dir

ENVIRONMENT = "CSCHECK_REFERENCES"


def reference_folders() -> list[Path]:
    """The shipped folder, then the user's folders in the order CSCHECK_REFERENCES names them."""
    extra = [Path(p) for p in os.environ.get(ENVIRONMENT, "").split(os.pathsep) if p.strip()]
    return [reference_dir(), *extra]


def manifest_paths(folder: Path | None = None) -> dict[str, Path]:
    paths: dict[str, Path] = {}
    for each in [folder] if folder is not None else reference_folders():
        paths.update({p.stem: p for p in sorted(each.glob("*.json"))})
    return paths


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
