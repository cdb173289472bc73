"""Finding the documents under the paths a researcher gives, with their metadata."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CultdipError
from ..records import DocumentMeta
from .manifest import MANIFEST_NAME, Manifest, meta_from_filename, read_manifest
from .reader import is_supported


@dataclass
class Discovery:
    files: list[Path] = field(default_factory=list)
    manifests: list[Manifest] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)

    def meta_for(self, path: Path) -> DocumentMeta:
        resolved = path.resolve()
        for manifest in self.manifests:
            meta = manifest.rows.get(resolved)
            if meta is not None:
                return meta
        return meta_from_filename(path)


def _walk(root: Path) -> Iterator[Path]:
    """Files below root in a stable order; directory links are not followed (no loops)."""
    for directory, subdirs, names in os.walk(root, followlinks=False):
        subdirs.sort()
        for name in sorted(names):
            yield Path(directory) / name


def discover(paths: list[Path]) -> Discovery:
    found = Discovery()
    seen: set[Path] = set()
    for root in paths:
        if not root.exists():
            found.problems.append(f"{root}: no such file or folder")
            continue
        candidates = [root] if root.is_file() else list(_walk(root))
        for path in candidates:
            if path.name == MANIFEST_NAME:
                try:
                    manifest = read_manifest(path)
                    found.manifests.append(manifest)
                    found.problems.extend(manifest.problems)
                except CultdipError as error:
                    found.problems.append(str(error))
                continue
            if path.name.startswith(".") or not is_supported(path):
                if path.is_file() and path.suffix.lower() not in {".csv", ".md5", ".json"} \
                        and not path.name.startswith(".") and path.name.lower() != "readme.md":
                    found.skipped.append(path)
                continue
            if path.name.lower() == "readme.md" and root.is_dir():
                continue
            try:
                resolved = path.resolve(strict=True)
            except (OSError, RuntimeError):
                found.problems.append(f"{path}: broken or looping symbolic link; skipped")
                continue
            if resolved in seen or not resolved.is_file():
                continue
            seen.add(resolved)
            found.files.append(path)
    return found
