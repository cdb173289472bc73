"""OCR of pages without a text layer, with the tesseract binary (Debian `tesseract-ocr`).

The binary rather than a Python binding: it is packaged by Debian with its language data
(`tesseract-ocr-rus`, `-kaz`), runs in its own process (a page that hangs is killed at the
time limit without harming the batch), and its TSV output carries a confidence per word, from
which the page's mean confidence is recorded so that a researcher can tell a clean scan from
one to check by hand.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from dataclasses import dataclass

# Render resolution: 300 dpi is tesseract's recommended input for printed text.
OCR_DPI = 300
# A page whose OCR takes longer is given up (recorded as failed), the rest of the file kept.
OCR_SECONDS_PER_PAGE = 120
DEFAULT_OCR_LANGUAGES = "eng+rus"
# Manifest/ISO 639-1 language -> tesseract language data. Kazakh documents quote Russian
# (and the Cyrillic letters they share are read better with both).
TESSERACT_LANGUAGES = {"en": "eng", "ru": "rus", "kk": "kaz+rus", "fr": "fra", "de": "deu",
                       "es": "spa", "it": "ita", "pt": "por", "uk": "ukr", "ja": "jpn",
                       "ko": "kor", "zh": "chi_sim", "ar": "ara", "he": "heb", "tr": "tur",
                       "pl": "pol"}


@dataclass(frozen=True, slots=True)
class OcrResult:
    text: str
    confidence: float  # mean word confidence, 0-100
    words: int


def tesseract_path() -> str | None:
    return shutil.which("tesseract")


def available_languages() -> set[str]:
    binary = tesseract_path()
    if binary is None:
        return set()
    listed = subprocess.run([binary, "--list-langs"], capture_output=True, text=True,
                            check=False).stdout.splitlines()
    return {line.strip() for line in listed[1:] if line.strip()}


def _wanted(language: str | None) -> list[str]:
    code = (language or "").strip().lower()
    return TESSERACT_LANGUAGES.get(code, DEFAULT_OCR_LANGUAGES).split("+")


def languages_for(language: str | None) -> str:
    """Tesseract's -l argument for a document language (the manifest's): installed data only,
    the default (eng+rus) when none of the language's data is installed."""
    installed = available_languages()
    kept = [name for name in _wanted(language) if name in installed]
    if not kept:
        kept = [name for name in DEFAULT_OCR_LANGUAGES.split("+") if name in installed]
    return "+".join(kept) or "eng"


def missing_languages(language: str | None) -> list[str]:
    """The tesseract data a document's language needs that is not installed."""
    if not language or tesseract_path() is None:
        return []
    installed = available_languages()
    return [name for name in _wanted(language) if name not in installed]


def render_png(page, dpi: int = OCR_DPI) -> bytes:  # type: ignore[no-untyped-def]
    """The page as a greyscale PNG, rotated as displayed (PDFium applies /Rotate)."""
    bitmap = page.render(scale=dpi / 72, grayscale=True)
    image = bitmap.to_pil()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def parse_tsv(tsv: str) -> OcrResult:
    """Text with one line per OCR line and a blank line between paragraphs."""
    lines: dict[tuple[int, int, int], list[str]] = {}
    confidences: list[float] = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        word = (row.get("text") or "").strip()
        if row.get("level") != "5" or not word:
            continue
        key = (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        lines.setdefault(key, []).append(word)
        confidence = float(row["conf"])
        if confidence >= 0:
            confidences.append(confidence)
    parts: list[str] = []
    previous: tuple[int, int] | None = None
    for (block, paragraph, _), words in lines.items():
        if parts:
            parts.append("\n\n" if (block, paragraph) != previous else "\n")
        parts.append(" ".join(words))
        previous = (block, paragraph)
    mean = sum(confidences) / len(confidences) if confidences else 0.0
    return OcrResult("".join(parts), round(mean, 1), len(confidences))


def ocr_png(png: bytes, languages: str, timeout: float = OCR_SECONDS_PER_PAGE) -> OcrResult:
    """Run tesseract on one page image; raises subprocess.TimeoutExpired past the limit."""
    binary = tesseract_path()
    if binary is None:
        raise FileNotFoundError("tesseract")
    completed = subprocess.run(
        [binary, "stdin", "stdout", "-l", languages, "--psm", "3", "tsv"],
        input=png, capture_output=True, timeout=timeout, check=False,
        env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"},
    )
    if completed.returncode != 0:
        raise RuntimeError(completed.stderr.decode("utf-8", "replace").strip()[:300])
    return parse_tsv(completed.stdout.decode("utf-8", "replace"))
