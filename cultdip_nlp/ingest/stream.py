"""Large text files read, decoded and normalised in paragraph-aligned chunks.

Why: a 50 MB text read whole was held as bytes, as decoded text, as normalised text and then
as sentences, all at once (638 MB peak) and ran into the per-document time limit. Read a
bounded number of lines at a time and cut only at a blank line, and each chunk normalises to
exactly the paragraphs the whole text would give (normalize.paragraphs() never joins across a
blank line), so offsets stay offsets into the same normalised text as a whole read.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import CultdipError, ErrorCode
from .normalize import normalize_text
from .text import MARKDOWN_SUFFIXES, TEXT_SUFFIXES, strip_markdown

STREAM_BYTES = 8 * 1024 * 1024  # text files above this size are streamed
CHUNK_CHARS = 1_000_000  # a chunk ends at the first blank line after this many characters
MAX_CHUNK_CHARS = 4 * CHUNK_CHARS  # no blank line by then: cut at a line end instead
BLOCK_BYTES = 1 << 20


def should_stream(path: Path, size: int) -> bool:
    return path.suffix.lower() in TEXT_SUFFIXES and size > STREAM_BYTES


def detect_encoding(path: Path) -> str:
    """utf-8-sig when the whole file decodes as UTF-8 (checked a block at a time), else the
    most likely legacy encoding of its first megabyte; coded errors as text.decode() gives."""
    with path.open("rb") as handle:
        head = handle.read(BLOCK_BYTES)
        if b"\x00" in head[:8192]:
            raise CultdipError(ErrorCode.UNSUPPORTED_FORMAT,
                               "binary data (NUL bytes), not a text file; check the file's type",
                               str(path))
        decoder = codecs.getincrementaldecoder("utf-8")()
        block, position = head, 0
        try:
            while block:
                decoder.decode(block)
                position += len(block)
                block = handle.read(BLOCK_BYTES)
            decoder.decode(b"", final=True)
            return "utf-8-sig"
        except UnicodeDecodeError as error:
            utf8_error = f"{error.reason} at byte {position + error.start}"
    from charset_normalizer import from_bytes

    best = from_bytes(head).best()
    if best is None or best.encoding is None:
        raise CultdipError(ErrorCode.DECODING_FAILED,
                           f"not UTF-8 ({utf8_error}) and no other encoding fits; convert the "
                           "file to UTF-8", str(path))
    return str(best.encoding)


@dataclass
class TextStream:
    """The normalised chunks of one file; `title` is set once the first chunk was read."""

    path: Path
    encoding: str
    chunk_chars: int = CHUNK_CHARS
    title: str | None = None

    def chunks(self) -> Iterator[str]:
        """Normalised chunks, none empty; joined with "\\n\\n" they are the document's text."""
        markdown = self.path.suffix.lower() in MARKDOWN_SUFFIXES
        first = True
        try:
            with self.path.open(encoding=self.encoding, errors="strict", newline=None) as handle:
                for raw in self._raw_chunks(handle):
                    if markdown:
                        raw, title = strip_markdown(raw, front_matter=first)
                        if first and title:
                            self.title = title
                    first = False
                    text = normalize_text(raw)
                    if text:
                        yield text
        except UnicodeDecodeError as error:
            raise CultdipError(ErrorCode.DECODING_FAILED,
                               f"not valid {self.encoding} ({error.reason}); convert the file "
                               "to UTF-8", str(self.path)) from error

    def _raw_chunks(self, handle: object) -> Iterator[str]:
        lines: list[str] = []
        size = 0
        limit = max(self.chunk_chars, 1)
        for line in handle:  # type: ignore[attr-defined]
            lines.append(line)
            size += len(line)
            blank = not line.strip()
            if (size >= limit and blank) or size >= 4 * limit:
                yield "".join(lines)
                lines, size = [], 0
        if lines:
            yield "".join(lines)


__all__ = ["STREAM_BYTES", "CHUNK_CHARS", "TextStream", "detect_encoding", "should_stream"]
