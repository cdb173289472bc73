"""Plain text and Markdown files."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import CultdipError, ErrorCode
from .extracted import ExtractedText, join_pages
from .normalize import normalize_text

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---\s*\n(.*?)\n---\s*\n", re.DOTALL)
_FRONT_TITLE = re.compile(r"^title:\s*(.+?)\s*$", re.MULTILINE)
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_HTML_TAG = re.compile(r"<[^>\n]{1,400}>")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*(.*?)\s*#*\s*$", re.MULTILINE)
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_MD_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+", re.MULTILINE)
_MD_QUOTE = re.compile(r"^\s*>\s?", re.MULTILINE)
MARKDOWN_SUFFIXES = {".md", ".markdown"}
TEXT_SUFFIXES = {".txt", ".text"} | MARKDOWN_SUFFIXES


def decode(data: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM) first; otherwise the most likely legacy encoding, reported."""
    if b"\x00" in data[:8192]:
        raise CultdipError(
            ErrorCode.UNSUPPORTED_FORMAT,
            "binary data (NUL bytes), not a text file; check the file's type", str(path),
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        utf8_error = error
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None:
        raise CultdipError(
            ErrorCode.DECODING_FAILED,
            f"not UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) and no other encoding "
            "fits; convert the file to UTF-8",
            str(path),
        )
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError) as error:
        raise CultdipError(
            ErrorCode.DECODING_FAILED,
            f"not UTF-8 and not {best.encoding} either ({error}); convert the file to UTF-8",
            str(path),
        ) from error


def strip_markdown(text: str, front_matter: bool = True) -> tuple[str, str | None]:
    """Markdown to plain prose: front matter, images, tags and markup go; headings stay.

    front_matter=False for a later chunk of a streamed file: only a file's start has one.
    """
    title = None
    match = _FRONT_MATTER.match(text) if front_matter else None
    if match:
        found = _FRONT_TITLE.search(match.group(1))
        if found:
            title = found.group(1).strip().strip("'\"")
        text = text[match.end():]
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.IGNORECASE)
    text = _HTML_TAG.sub("", text)
    text = _MD_HEADING.sub(lambda m: "\n\n" + m.group(1) + "\n\n", text)
    text = _MD_EMPHASIS.sub(r"\2", text)
    text = _MD_LIST.sub("", text)
    text = _MD_QUOTE.sub("", text)
    return text, title


def read_text_file(path: Path, data: bytes) -> ExtractedText:
    raw = decode(data, path)
    warnings: list[str] = []
    title = None
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        raw, title = strip_markdown(raw)
    text = normalize_text(raw)
    if not text.strip():
        raise CultdipError(ErrorCode.NO_TEXT, "the file holds no text", str(path))
    extracted = join_pages([(text, "text", None)])
    extracted.title = title
    extracted.warnings = warnings
    return extracted
