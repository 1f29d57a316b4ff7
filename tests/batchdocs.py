"""Documents for the batch, format, annotation and CLI tests, built at test time.

* The small test standard (tests/mini.py): a manifest folder for `BatchOptions(reference_dir=…)` and
  DOCX files made with python-docx (fast, no external tool), conform or with deviations.
* The real CSW overeenkomst (from ../shared, through tests/fixtures): DOCX files made with pandoc, for
  tests that run the installed command line against the shipped manifests.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from cscheck.reference.manifest import Manifest
from tests.fixtures.producers import md_to_docx
from tests.mini import MINI_FILLED, mini_manifest

RUSLAND = ("Opdrachtnemer verklaart dat hij geen Russische onderdanen inzet, zoals bedoeld in artikel 5k van "
           "Verordening (EU) 833/2014.")
MINI_DEVIATIONS: dict[str, Callable[[str], str]] = {
    "deel3": lambda md: md.replace("voldoende goed opgeleid", "genoeg opgeleid"),
    "invulveld": lambda md: md.replace("1 januari 2026", "[begindatum]"),
    "rusland": lambda md: md.replace("Het uurtarief voor begeleiding is 65 euro.",
                                     f"Het uurtarief voor begeleiding is 65 euro.\n\n{RUSLAND}"),
}


def mini_references(folder: Path) -> tuple[Manifest, Path]:
    """The mini standard's manifest, also saved in its own folder (for worker processes)."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest = mini_manifest(folder)
    references = folder / "referenties"
    references.mkdir(exist_ok=True)
    manifest.save(references / f"{manifest.id}.json")
    return manifest, references


def mini_md(*deviations: str) -> str:
    md = MINI_FILLED
    for name in deviations:
        md = MINI_DEVIATIONS[name](md)
    return md


def mini_docx(path: Path, *deviations: str) -> Path:
    return md_to_docx(mini_md(*deviations), path, "typed")


def corrupt(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"PK\x03\x04 dit is geen volledig zip-pakket")
    return path


# ---------------------------------------------------------------------------------------------
# the real standard (needs ../shared and pandoc)

REAL_DEVIATIONS = ("deel3_gewijzigd", "deel3_aangevuld", "rusland", "zzp", "placeholder", "volgorde")


def real_filled(version: str = "1.2") -> str:
    from tests.fixtures.gemeente import Invulling, vul_in
    from tests.fixtures.sources import overeenkomst_md

    return vul_in(overeenkomst_md(version), Invulling(version=version))


def real_docx(path: Path, deviation: str | None = None, version: str = "1.2") -> Path:
    from tests.fixtures.afwijkingen import AFWIJKINGEN

    md = real_filled(version)
    if deviation:
        md = AFWIJKINGEN[deviation](md)
    return md_to_docx(md, path, "pandoc")


def real_folder(folder: Path, count: int = 50, corrupt_one: bool = True) -> dict[str, list[Path]]:
    """`count` documents in two subfolders: conform ones (1.2 and 1.3) and deviating ones, built once each
    and copied; with `corrupt_one`, one of them is a broken file. Returns the paths per kind."""
    originals = folder.parent / f".{folder.name}-bron"
    originals.mkdir(parents=True, exist_ok=True)
    sources = {"conform-1.2": real_docx(originals / "conform-1.2.docx"),
               "conform-1.3": real_docx(originals / "conform-1.3.docx", version="1.3")}
    for name in REAL_DEVIATIONS:
        sources[name] = real_docx(originals / f"{name}.docx", name)
    kinds: dict[str, list[Path]] = {"conform": [], "afwijkend": [], "kapot": []}
    names = list(sources)
    for n in range(count - (1 if corrupt_one else 0)):
        name = names[n % len(names)]
        kind = "conform" if name.startswith("conform") else "afwijkend"
        target = folder / kind / f"{n:02d}-{name}.docx"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(sources[name], target)
        kinds[kind].append(target)
    if corrupt_one:
        kinds["kapot"].append(corrupt(folder / "afwijkend" / "99-kapot.docx"))
    return kinds
