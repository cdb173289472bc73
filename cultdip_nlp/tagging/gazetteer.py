"""The country gazetteer (`data/countries.yaml`), parsed once per process.

Why a module of its own: case attribution (cases.py) and the word classes of context rules
(word_classes.py) both read it, and word_classes.py must not import spaCy (the codebook
checker uses it), so the loader lives apart from cases.py.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Any

import yaml


def gazetteer_path() -> Path:
    return Path(str(resources.files("cultdip_nlp") / "data" / "countries.yaml"))


@functools.lru_cache(maxsize=4)
def load_gazetteer(path: str | None = None) -> dict[str, Any]:
    # libyaml's C parser when installed: the pure-Python one took 0.75 s of every worker's
    # start-up for this file.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path or gazetteer_path(), encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)  # noqa: S506 - a safe loader
