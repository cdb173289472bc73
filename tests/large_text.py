"""A large real text: UN General Debate speeches from ../shared/corpus/ungdc concatenated.

Used by the streaming test and scripts/bench_large_text.py; the speeches are read from the
archive as a stream (nothing is unpacked to disk) in archive order, so a file of N MB is
always the same first N MB of speeches, each speech's bytes kept as they are (BOMs, CRLF).
"""

from __future__ import annotations

import tarfile
from pathlib import Path

ARCHIVE = "corpus/ungdc/UNGDC_1946-2024.tar.xz"


def build_large_text(shared: Path, target: Path, megabytes: float) -> tuple[Path, int]:
    """Write at least `megabytes` MB of real speeches to `target`; returns it and the count."""
    wanted = int(megabytes * 1024 * 1024)
    speeches = 0
    written = 0
    with tarfile.open(shared / ARCHIVE, mode="r|xz") as archive, target.open("wb") as out:
        for member in archive:
            if not member.isfile() or not member.name.endswith(".txt") or \
                    "/TXT/" not in f"/{member.name}":
                continue
            handle = archive.extractfile(member)
            if handle is None:
                continue
            data = handle.read()
            if speeches:
                out.write(b"\n\n")
                written += 2
            out.write(data)
            written += len(data)
            speeches += 1
            if written >= wanted:
                break
    return target, speeches
