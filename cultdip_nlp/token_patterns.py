"""Validate a codebook's spaCy token patterns, remembering the ones that passed.

Why: spaCy's Matcher is the only judge of a token pattern, and importing spaCy to ask it costs
about a second. `cultdip run` on an unchanged corpus otherwise needs no spaCy at all, so that
second was a large share of the re-run. A pattern that passed once under a spaCy version
passes again: the SHA-256 of (spaCy version, pattern) is kept in a small JSON file under the
user's cache folder. Only passes are remembered; a bad pattern is checked (and reported with
its file and line by the caller) every time. A missing or unwritable cache only costs time.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

CACHE_NAME = "valid-token-patterns.json"
MAX_REMEMBERED = 10_000


def cache_folder() -> Path:
    """$CULTDIP_CACHE, else $XDG_CACHE_HOME/cultdip, else ~/.cache/cultdip."""
    explicit = os.environ.get("CULTDIP_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cultdip"


@lru_cache(maxsize=1)
def _spacy_version() -> str:
    from importlib.metadata import version

    return version("spacy")


def _digest(spec: Any, spacy_version: str) -> str:
    text = json.dumps([spacy_version, spec], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _remembered(path: Path) -> set[str]:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    return {v for v in value if isinstance(v, str)} if isinstance(value, list) else set()


def _remember(path: Path, digests: set[str]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(sorted(digests)[-MAX_REMEMBERED:]), encoding="utf-8")
        temporary.replace(path)  # atomic: a concurrent reader sees the old or the new list
    except OSError:
        pass


def check(spec: list[dict[str, Any]]) -> str | None:
    """None when spaCy accepts the token pattern, else the first line of its complaint."""
    path = cache_folder() / CACHE_NAME
    spacy_version = _spacy_version()
    digest = _digest(spec, spacy_version)
    known = _remembered(path)
    if digest in known:
        return None
    from spacy.matcher import Matcher
    from spacy.vocab import Vocab

    try:
        Matcher(Vocab(), validate=True).add("check", [[dict(item) for item in spec]])
    except Exception as error:  # spaCy reports the spec problem in the message
        return str(error).splitlines()[0][:200]
    _remember(path, known | {digest})
    return None
