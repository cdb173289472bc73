"""Choose the reader by file type and wrap every failure in a coded error naming the file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import CultdipError, ErrorCode
from .extracted import ExtractedText
from .page_clock import DEFAULT_PAGE_SECONDS
from .pdf import PDF_SUFFIXES, read_pdf
from .text import TEXT_SUFFIXES, read_text_file

SUPPORTED_SUFFIXES = PDF_SUFFIXES | TEXT_SUFFIXES
MAX_FILE_BYTES = 2_000_000_000


@dataclass(frozen=True)
class ReadOptions:
    """How PDFs are read in a batch (the flags of run/ingest)."""

    ocr: bool = True
    tables: bool = False  # pdfplumber's table finder on ruled pages (costly: see the docs)
    keep_footnotes: bool = False  # footnotes give sentences and tags too
    page_seconds: float | None = DEFAULT_PAGE_SECONDS


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def extract(path: Path, data: bytes, password: str | None = None, language: str | None = None,
            options: ReadOptions = ReadOptions()) -> ExtractedText:
    """The file's text; `language` (the manifest's) chooses OCR's language data."""
    suffix = path.suffix.lower()
    if not data:
        raise CultdipError(ErrorCode.EMPTY_FILE, "the file is empty (0 bytes)", str(path))
    try:
        if suffix in PDF_SUFFIXES:
            return read_pdf(path, data, password, ocr=options.ocr, language=language,
                            tables=options.tables, page_seconds=options.page_seconds)
        if suffix in TEXT_SUFFIXES:
            return read_text_file(path, data)
    except CultdipError:
        raise
    except MemoryError as error:
        raise CultdipError(ErrorCode.UNREADABLE_FILE, "too large to read in memory",
                           str(path)) from error
    except Exception as error:
        raise CultdipError(ErrorCode.INTERNAL,
                           f"unexpected {type(error).__name__}: {error}", str(path)) from error
    raise CultdipError(ErrorCode.UNSUPPORTED_FORMAT,
                       f"unsupported file type {suffix!r} (supported: "
                       f"{', '.join(sorted(SUPPORTED_SUFFIXES))})", str(path))
