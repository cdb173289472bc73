"""Every error the toolkit reports, with a stable code and a message that says what to do.

Codes are grouped: E1xx input files, E2xx codebooks, E3xx manifests and metadata,
E4xx the store, E5xx review (coders, judgements, spreadsheets, REFI-QDA), E6xx topic models,
E9xx internal. Codes never change meaning once released: scripts and status files refer to
them.
"""

from __future__ import annotations

from enum import Enum


# Exit statuses of every verb: all well; finished but some inputs had problems (listed);
# the command could not run (bad arguments, bad codebook, no store).
EXIT_OK, EXIT_FILE_ERRORS, EXIT_USAGE = 0, 1, 2


class ErrorCode(str, Enum):
    EMPTY_FILE = "E101"
    ENCRYPTED_PDF = "E102"
    CORRUPT_PDF = "E103"
    NO_TEXT = "E104"
    UNSUPPORTED_FORMAT = "E105"
    DECODING_FAILED = "E106"
    UNREADABLE_FILE = "E107"
    PAGE_FAILED = "E108"
    CODEBOOK_INVALID = "E201"
    CODEBOOK_NOT_FOUND = "E202"
    MANIFEST_INVALID = "E301"
    METADATA_MISSING = "E302"
    INDICATORS_INVALID = "E303"
    STORE_SCHEMA_NEWER = "E401"
    REVIEW_INVALID = "E501"
    REVIEW_ROW_INVALID = "E502"
    REVIEW_FORBIDDEN = "E503"
    QDPX_INVALID = "E504"
    TOPIC_MODEL_NOT_FOUND = "E601"
    TOPIC_MODEL_INVALID = "E602"
    TOPIC_CORPUS_EMPTY = "E603"
    INTERNAL = "E901"
    TIME_LIMIT = "E109"
    MEMORY_LIMIT = "E110"
    WORKER_CRASHED = "E111"
    PAGE_TIME_LIMIT = "E112"
    STORE_BUSY = "E402"

    @property
    def label(self) -> str:
        return self.name


class CultdipError(Exception):
    """An error with a stable code; `str()` gives "E102 ENCRYPTED_PDF: file: what to do"."""

    def __init__(self, code: ErrorCode, message: str, path: str | None = None) -> None:
        self.code = code
        self.path = path
        self.detail = message
        where = f"{path}: " if path else ""
        super().__init__(f"{code.value} {code.name}: {where}{message}")


class CodebookError(CultdipError):
    """A codebook that cannot be used; `problems` lists every problem with its line."""

    def __init__(self, path: str, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(
            ErrorCode.CODEBOOK_INVALID,
            f"{len(problems)} problem(s):\n  " + "\n  ".join(problems),
            path,
        )
