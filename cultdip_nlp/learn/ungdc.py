"""The UN General Debate speeches, streamed one at a time, for what is built from them
(domain word vectors, distant-supervision examples).

Why streamed: the corpus is about 11,000 speeches and 210 MB of text; holding it (as this
module's predecessor did, in a dict, to hand the archive out sorted) costs gigabytes of
memory for nothing, since every consumer handles one speech at a time.

Why this order: what is built from the speeches (a Word2Vec model, the corpus hash in a
card) depends on the order they come in, so the archive and an unpacked copy of it must give
the same order. The order is the archive's own: by session, then by file name (the archive
holds `TXT/Session 01 - 1946/ARG_01_1946.txt` ... with the names sorted in each session
folder). `speech_order` computes that key from the file name alone (`ARG_01_1946.txt` is
session 1), so a folder gives it back by sorting, whether it kept the session folders or was
flattened. The archive is read twice: a first pass lists its members (headers only, about
3 s) to check that they come in that order; then the speeches are read in the same forward
pass as they are handed out, one at a time. An archive whose members are in another order
(repacked by hand) cannot be read in order without seeking back, which in an xz stream means
decompressing again from the start for every step back; its speeches are spooled to a
temporary file (disk, not memory) with an index of offsets and handed out in order from
there.
"""

from __future__ import annotations

import io
import lzma
import re
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from ..errors import CultdipError, ErrorCode

SPEECH_NAME = re.compile(r"_(\d+)_\d{4}\.txt$")
ENCODING = "utf-8-sig"
# what a damaged or cut archive raises while it is read (tarfile, xz, gzip, bzip2, the disk)
ARCHIVE_ERRORS = (tarfile.TarError, lzma.LZMAError, zlib.error, EOFError, OSError)


def speech_order(name: str) -> tuple[int, str]:
    """Session, then file name: the archive's order (`KAZ_47_1992.txt` is session 47).
    A name without a session sorts first, by name."""
    match = SPEECH_NAME.search(name)
    return (int(match.group(1)) if match else 0, name)


def is_speech(name: str) -> bool:
    """A speech's file name (macOS `._` resource forks also end in .txt)."""
    return name.endswith(".txt") and not name.startswith("._")


def speeches(source: Path) -> Iterator[tuple[str, str]]:
    """(file name, text) of every UN General Debate speech in `speech_order`, one at a time,
    from the unpacked `TXT` folder or the `UNGDC_1946-2024.tar.xz` archive itself.
    A speech file or an archive that cannot be read stops it with E107 naming the file:
    whatever is built from the speeches must be built from all of them."""
    if source.is_dir():
        yield from _folder_speeches(source)
    else:
        yield from _archive_speeches(source)


def _folder_speeches(folder: Path) -> Iterator[tuple[str, str]]:
    paths = sorted((path for path in folder.rglob("*.txt") if is_speech(path.name)),
                   key=lambda path: (speech_order(path.name), str(path)))
    for path in paths:
        try:
            text = path.read_text(encoding=ENCODING, errors="replace")
        except OSError as error:
            raise CultdipError(ErrorCode.UNREADABLE_FILE,
                               f"cannot read this speech ({error.strerror or error}); check "
                               "its permissions or copy it again from the archive",
                               str(path)) from error
        yield path.name, text


def _damaged(archive: Path, error: BaseException) -> CultdipError:
    return CultdipError(ErrorCode.UNREADABLE_FILE,
                        f"cannot read this speech archive ({error}): it is damaged, cut "
                        "short or missing; download it again or give its unpacked TXT folder",
                        str(archive))


def _archive_speeches(archive_path: Path) -> Iterator[tuple[str, str]]:
    try:
        archive = tarfile.open(archive_path, "r:*")
    except ARCHIVE_ERRORS as error:
        raise _damaged(archive_path, error) from error
    with archive:
        try:
            # first pass: headers only (the bodies are decompressed and passed over)
            members = [member for member in archive if member.isfile()
                       and "/TXT/" in member.name and is_speech(Path(member.name).name)]
        except ARCHIVE_ERRORS as error:
            raise _damaged(archive_path, error) from error
        names = [Path(member.name).name for member in members]
        if len(set(names)) == len(names) and names == sorted(names, key=speech_order):
            for member in members:
                yield Path(member.name).name, _read(archive, member, archive_path)
        else:
            yield from _spooled(archive, members, archive_path)


def _read(archive: tarfile.TarFile, member: tarfile.TarInfo, archive_path: Path) -> str:
    """A member's text, decoded as `Path.read_text` decodes an unpacked speech (universal
    newlines too: 336 speeches end their lines with CR LF), so both give the same text."""
    try:
        handle = archive.extractfile(member)
        if handle is None:
            return ""
        return io.TextIOWrapper(handle, encoding=ENCODING, errors="replace").read()
    except ARCHIVE_ERRORS as error:
        raise _damaged(archive_path, error) from error


def _spooled(archive: tarfile.TarFile, members: list[tarfile.TarInfo], archive_path: Path
             ) -> Iterator[tuple[str, str]]:
    """The speeches of an archive not in `speech_order`: written in archive order to a
    temporary file, then read back in order (a later member of the same name wins)."""
    offsets: dict[str, tuple[int, int]] = {}
    with tempfile.TemporaryFile(prefix="cultdip-speeches-") as spool:
        for member in members:
            data = _read(archive, member, archive_path).encode("utf-8")
            offsets[Path(member.name).name] = (spool.tell(), len(data))
            spool.write(data)
        for name in sorted(offsets, key=speech_order):
            start, size = offsets[name]
            spool.seek(start)
            yield name, spool.read(size).decode("utf-8")
