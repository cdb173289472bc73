"""Coders and their tokens: the project owner creates a coder and hands them the token.

Only the SHA-256 of a token is stored, so a copied store file does not give away logins.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import sqlite3
import time
from dataclasses import dataclass

from ..errors import CultdipError, ErrorCode

CODER_ID = re.compile(r"^[A-Za-z0-9_.-]{1,40}$")
ROLES = ("coder", "senior")


@dataclass(frozen=True)
class Coder:
    id: str
    role: str


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def check_coder_id(coder: str) -> str:
    if not CODER_ID.match(coder):
        raise CultdipError(ErrorCode.REVIEW_INVALID,
                           f"coder id {coder!r} must be 1-40 letters, digits, '_', '.' or '-'")
    return coder


def add_coder(connection: sqlite3.Connection, coder: str, role: str = "coder") -> str:
    """Create (or re-key) a coder and return their new token; the old token stops working."""
    check_coder_id(coder)
    if role not in ROLES:
        raise CultdipError(ErrorCode.REVIEW_INVALID, f"role {role!r} is not one of {ROLES}")
    token = secrets.token_urlsafe(24)
    connection.execute(
        "INSERT INTO coders (id, token_sha256, role, created_at) VALUES (?,?,?,?)"
        " ON CONFLICT(id) DO UPDATE SET token_sha256=excluded.token_sha256, role=excluded.role",
        (coder, token_hash(token), role, time.time()),
    )
    return token


def coder_for_token(connection: sqlite3.Connection, token: str | None) -> Coder | None:
    if not token or len(token) > 200:
        return None
    row = connection.execute("SELECT id, role FROM coders WHERE token_sha256 = ?",
                             (token_hash(token),)).fetchone()
    return Coder(row[0], row[1]) if row else None


def coder_role(connection: sqlite3.Connection, coder: str) -> str | None:
    row = connection.execute("SELECT role FROM coders WHERE id = ?", (coder,)).fetchone()
    return row[0] if row else None


def list_coders(connection: sqlite3.Connection) -> list[Coder]:
    return [Coder(r[0], r[1]) for r in connection.execute("SELECT id, role FROM coders ORDER BY id")]
