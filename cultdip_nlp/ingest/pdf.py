"""PDF files, page by page with pdfplumber.

A page that fails is recorded and the rest of the document kept; a file that cannot be opened
gets the error code that tells the researcher what to do (supply a password, repair the file).
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

from ..errors import CultdipError, ErrorCode
from .extracted import ExtractedText, join_pages
from .normalize import normalize_text

PDF_SUFFIXES = {".pdf"}
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<?xml", b"<head")

logging.getLogger("pdfminer").setLevel(logging.ERROR)


def _check_header(data: bytes, path: Path) -> None:
    if not data:
        raise CultdipError(ErrorCode.EMPTY_FILE, "the file is empty (0 bytes)", str(path))
    head = data[:1024]
    if b"%PDF-" in head:
        return
    lowered = head.lower().lstrip()
    if any(lowered.startswith(marker) for marker in _HTML_MARKERS):
        raise CultdipError(
            ErrorCode.UNSUPPORTED_FORMAT,
            "named .pdf but holds an HTML/XML page (a download that failed?)", str(path),
        )
    raise CultdipError(
        ErrorCode.CORRUPT_PDF, "no %PDF- header: not a PDF or truncated at the start", str(path)
    )


def _open(data: bytes, path: Path, password: str | None):  # type: ignore[no-untyped-def]
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.psparser import PSException

    try:
        try:
            return pdfplumber.open(io.BytesIO(data), password=password or "")
        except Exception as wrapped:
            # pdfplumber wraps pdfminer's exceptions; the real one is the first argument.
            inner = wrapped.args[0] if wrapped.args else None
            if isinstance(inner, BaseException):
                raise inner from wrapped
            raise
    except PDFPasswordIncorrect as error:
        hint = ("the password given in the manifest is wrong" if password
                else "it needs a user password: add a 'password' column to the manifest")
        raise CultdipError(ErrorCode.ENCRYPTED_PDF, f"encrypted PDF; {hint}", str(path)) from error
    except PDFEncryptionError as error:
        raise CultdipError(
            ErrorCode.ENCRYPTED_PDF, f"encrypted with an unsupported scheme ({error})", str(path)
        ) from error
    except (PSException, Exception) as error:  # pdfminer raises many unrelated types
        if "password" in str(error).lower():
            raise CultdipError(
                ErrorCode.ENCRYPTED_PDF,
                "encrypted PDF; add its password in a 'password' column of the manifest",
                str(path),
            ) from error
        raise CultdipError(
            ErrorCode.CORRUPT_PDF,
            f"cannot be parsed ({type(error).__name__}: {error}); repair or re-export it",
            str(path),
        ) from error


def read_pdf(path: Path, data: bytes, password: str | None = None) -> ExtractedText:
    _check_header(data, path)
    pdf = _open(data, path, password)
    page_texts: list[tuple[str, str, str | None]] = []
    warnings: list[str] = []
    try:
        try:
            pages = list(pdf.pages)
        except Exception as error:
            raise CultdipError(
                ErrorCode.CORRUPT_PDF,
                f"page tree cannot be read ({type(error).__name__}: {error})", str(path),
            ) from error
        for number, page in enumerate(pages, start=1):
            try:
                raw = page.extract_text() or ""
                page_texts.append((normalize_text(raw), "pdf", None))
            except Exception as error:
                message = f"{ErrorCode.PAGE_FAILED.value} page {number}: {type(error).__name__}: {error}"
                warnings.append(message)
                page_texts.append(("", "failed", message))
            finally:
                page.close()
    finally:
        pdf.close()
    if not page_texts:
        raise CultdipError(ErrorCode.CORRUPT_PDF, "the PDF has no pages", str(path))
    if not any(text.strip() for text, _, _ in page_texts):
        raise CultdipError(
            ErrorCode.NO_TEXT,
            f"no text layer on any of {len(page_texts)} page(s): a scan that needs OCR",
            str(path),
        )
    empty = [n for n, (text, method, _) in enumerate(page_texts, 1) if not text.strip()
             and method != "failed"]
    if empty:
        warnings.append(f"{len(empty)} page(s) without a text layer (needs OCR): {empty[:10]}")
    extracted = join_pages(page_texts)
    extracted.warnings = warnings
    return extracted
