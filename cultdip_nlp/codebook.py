"""Codebooks: loading with line-numbered validation, `extends`, and a content hash.

A codebook is data, not code: a researcher changes what is tagged by editing YAML. Loading is
strict because a silently ignored typo (`exclude` for `excludes`) would change the matrices
without anyone noticing; every problem is reported with the file and line.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import CodebookError, CultdipError, ErrorCode
from .tagging.word_classes import WORD_CLASSES

DEFAULT_NAME = "default"
MAX_CODEBOOK_BYTES = 5_000_000
MAX_ALIASES = 200
MAX_EXPANDED_NODES = 200_000
CODE_ID = re.compile(r"^[a-z][a-z0-9_]*\.[a-z0-9_]+$")
TOP_KEYS = {"name", "version", "extends", "description", "groups", "codes", "negation",
            "language_packs"}
PACK_KEYS = {"lang", "description", "negation", "codes"}
CODE_KEYS = {"id", "group", "label", "definition", "include", "exclude", "examples", "patterns"}
PATTERN_KINDS = ("phrase", "lemma", "tokens", "regex", "gazetteer", "stems")
PATTERN_KEYS = set(PATTERN_KINDS) | {"id", "lang", "requires", "excludes", "score", "negation"}
REQUIRES_KEYS = {"any", "window"}
# Word classes a requires list may name (tagging/word_classes.py): the gazetteer's words.
REQUIRES_CLASSES = frozenset(WORD_CLASSES)  # "@nationality", "@country"
NEGATION_KEYS = {"cues", "not_cues", "post_cues", "post_regex", "window", "action", "factor"}
PACK_NEGATION_KEYS = {"cues", "not_cues", "post_cues", "post_regex"}
NEGATION_ACTIONS = ("reject", "lower", "ignore")


@dataclass(frozen=True)
class Pattern:
    id: str
    code: str
    kind: str
    value: Any
    lang: str = "en"
    requires_any: tuple[str, ...] = ()
    window: int | None = None
    excludes: tuple[str, ...] = ()
    score: float = 1.0
    # None: the codebook's negation action applies; else "reject", "lower" or "ignore".
    negation: str | None = None

    def describe(self) -> str:
        if self.kind == "gazetteer":
            return f"gazetteer: {' | '.join(self.value)}"
        value = self.value if isinstance(self.value, str) else json.dumps(self.value)
        return f"{self.kind}: {value}"


@dataclass(frozen=True)
class Code:
    id: str
    group: str
    label: str
    definition: str = ""
    include: str = ""
    exclude: str = ""
    examples: tuple[str, ...] = ()
    patterns: tuple[Pattern, ...] = ()


@dataclass(frozen=True)
class Negation:
    """A negation cue shortly before a match ("no", "not", "lack of") rejects it or lowers
    its score: "there is no cultural centre" must not count as a cultural centre.

    `cues` and `not_cues` are phrases per language, matched on lower-cased words;
    a cue inside a `not_cues` phrase ("not only", "no doubt") is no negation. `post_cues`
    follow the match instead: Kazakh negates after the word ("мәдени орталық емес", "... жоқ").
    """

    cues: dict[str, tuple[str, ...]]
    not_cues: dict[str, tuple[str, ...]] = field(default_factory=dict)
    post_cues: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Regular expressions a single word after the match is tested against (lower-cased), for
    # negation carried by a suffix: Kazakh "ашылмады" (was not opened), "болмайды" (will not be).
    post_regex: dict[str, tuple[str, ...]] = field(default_factory=dict)
    window: int = 3
    action: str = "reject"
    factor: float = 0.5


@dataclass(frozen=True)
class Codebook:
    name: str
    version: str
    groups: dict[str, str]
    codes: tuple[Code, ...]
    source: str = ""
    description: str = ""
    hash: str = field(default="", compare=False)
    negation: Negation | None = None
    # Files whose patterns were added by code id (resolved paths, the parent's first).
    language_packs: tuple[str, ...] = ()

    @property
    def code_ids(self) -> list[str]:
        return [code.id for code in self.codes]

    def code(self, code_id: str) -> Code:
        for code in self.codes:
            if code.id == code_id:
                return code
        raise KeyError(code_id)

    def patterns(self, lang: str | None = None) -> list[Pattern]:
        return [p for c in self.codes for p in c.patterns if lang is None or p.lang == lang]

    def languages(self) -> set[str]:
        return {p.lang for p in self.patterns()}


class _LineMap(dict):  # type: ignore[type-arg]
    """A mapping that remembers the line of itself and of each key."""

    line: int = 0
    key_lines: dict[str, int]
    duplicates: list[tuple[str, int]]


# libyaml's C parser, when PyYAML was built with it, is ~20x faster than the pure-Python one
# and gives nodes the same line marks; the pure-Python loader is the fallback.
_SafeBase: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeBase):  # type: ignore[misc, valid-type]
    """Safe loading (no Python tags) that keeps line numbers for error messages."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _LineMap:
    mapping = _LineMap()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    mapping.duplicates = []
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            mapping.duplicates.append((str(key), key_node.start_mark.line + 1))
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[str(key)] = key_node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _line(obj: Any, key: str | None = None) -> int:
    if isinstance(obj, _LineMap):
        if key is not None and key in obj.key_lines:
            return obj.key_lines[key]
        return obj.line
    return 0


def default_codebook_path() -> Path:
    return Path(str(resources.files("cultdip_nlp") / "codebooks" / "default.yaml"))


def _resolve_path(reference: str, relative_to: Path | None = None) -> Path:
    if reference == DEFAULT_NAME:
        return default_codebook_path()
    path = Path(reference)
    if not path.is_absolute() and relative_to is not None and not path.exists():
        path = relative_to / path
    return path


def _expanded_size(root: yaml.Node | None) -> int:
    """Nodes the document has once every alias is expanded (shared nodes counted each time).

    Few aliases can still nest into a billion nodes ("billion laughs"); counting with a memo
    per node costs one visit per distinct node, however large the expansion.
    """
    sizes: dict[int, int] = {}

    def size(node: yaml.Node, depth: int = 0) -> int:
        if id(node) in sizes:
            return sizes[id(node)]
        if depth > 500:
            return MAX_EXPANDED_NODES + 1  # absurdly deep: refuse rather than recurse on
        sizes[id(node)] = 0  # a recursive alias counts as nothing more while it is visited
        total = 1
        if isinstance(node, yaml.SequenceNode):
            total += sum(size(child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            total += sum(size(k, depth + 1) + size(v, depth + 1) for k, v in node.value)
        sizes[id(node)] = total
        return total

    return size(root) if root is not None else 0


def _read_yaml(path: Path, reads: list[tuple[Path, str]]) -> Any:
    if not path.is_file():
        raise CultdipError(ErrorCode.CODEBOOK_NOT_FOUND, "no such codebook file", str(path))
    data = path.read_bytes()
    reads.append((path, hashlib.sha256(data).hexdigest()))
    if len(data) > MAX_CODEBOOK_BYTES:
        raise CodebookError(str(path), [f"{path}: file is {len(data)} bytes; the limit is "
                                        f"{MAX_CODEBOOK_BYTES}"])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CodebookError(str(path), [f"{path}: not UTF-8 ({error.reason} at byte "
                                        f"{error.start})"]) from error
    # One parse: compose the node graph (aliases stay shared nodes, nothing is expanded yet),
    # check it for alias bombs, then construct the mappings with their line numbers.
    loader = _LineLoader(text)
    try:
        root = loader.get_single_node()
        aliases = _alias_count(root)
        if aliases > MAX_ALIASES:
            raise CodebookError(str(path), [f"{path}: {aliases} YAML aliases (limit "
                                            f"{MAX_ALIASES}): refusing a possible alias bomb"])
        expanded = _expanded_size(root)
        if expanded > MAX_EXPANDED_NODES:
            raise CodebookError(str(path), [
                f"{path}: its aliases expand to {expanded:,} YAML nodes (limit "
                f"{MAX_EXPANDED_NODES:,}): refusing an alias bomb"])
        return loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = getattr(error, "problem", None) or str(error)
        raise CodebookError(str(path), [f"{where}: YAML syntax: {problem}"]) from error
    finally:
        loader.dispose()


def _alias_count(root: yaml.Node | None) -> int:
    """References to a node already seen: one per alias (`*name`) in the text."""
    if root is None:
        return 0
    seen = {id(root)}
    stack = [root]
    aliases = 0
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [child for pair in node.value for child in pair]
        else:
            continue
        for child in children:
            if id(child) in seen:
                aliases += 1
            else:
                seen.add(id(child))
                stack.append(child)
    return aliases


def _validate_tokens(value: Any, where: str, problems: list[str]) -> None:
    from .token_patterns import check

    if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
        problems.append(f"{where}: 'tokens' must be a non-empty list of token specs")
        return
    complaint = check([dict(spec) for spec in value])
    if complaint is not None:
        problems.append(f"{where}: invalid token pattern: {complaint}")


def _validate_pattern(raw: Any, code_id: str, index: int, path: Path,
                      problems: list[str], pack_lang: str | None = None) -> Pattern | None:
    """One pattern; in a language pack (`pack_lang`) patterns default to, and must keep,
    the pack's language, and default ids are `<code>#<lang><index>` so they never collide
    with the codebook's own `<code>#<index>`."""
    where = f"{path}:{_line(raw)}"
    if not isinstance(raw, dict):
        problems.append(f"{where}: pattern {index} of {code_id} must be a mapping")
        return None
    for key in raw:
        if key not in PATTERN_KEYS:
            problems.append(f"{path}:{_line(raw, key)}: unknown pattern key {key!r} in "
                            f"{code_id} (allowed: {', '.join(sorted(PATTERN_KEYS))})")
    kinds = [k for k in PATTERN_KINDS if k in raw]
    if len(kinds) != 1:
        problems.append(f"{where}: pattern {index} of {code_id} needs exactly one of "
                        f"{', '.join(PATTERN_KINDS)} (found {kinds or 'none'})")
        return None
    kind = kinds[0]
    value = raw[kind]
    if kind in ("phrase", "lemma", "regex", "stems"):
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{where}: {kind} must be a non-empty string")
            return None
    if kind == "regex":
        try:
            compiled = re.compile(value)
        except re.error as error:
            problems.append(f"{where}: invalid regular expression {value!r}: {error}")
            return None
        if compiled.search("") is not None:
            problems.append(f"{where}: regular expression {value!r} matches the empty string")
            return None
    if kind == "tokens":
        _validate_tokens(value, where, problems)
    if kind == "gazetteer":
        if not isinstance(value, list) or not value or not all(
            isinstance(name, str) and name.strip() for name in value
        ):
            problems.append(f"{where}: gazetteer must be a non-empty list of names")
            return None
        value = tuple(" ".join(name.split()) for name in value)
    if kind == "stems":
        value = " ".join(value.lower().split())
    lang = raw.get("lang", pack_lang or "en")
    if not isinstance(lang, str) or not re.fullmatch(r"[a-z]{2,3}", lang):
        problems.append(f"{where}: lang must be an ISO 639 code such as en, ru, kk")
        lang = pack_lang or "en"
    elif pack_lang is not None and lang != pack_lang:
        problems.append(f"{path}:{_line(raw, 'lang')}: pattern of {code_id} says lang {lang!r} "
                        f"in a language pack for {pack_lang!r}; move it to that language's pack")
        lang = pack_lang
    requires_any: tuple[str, ...] = ()
    window = None
    requires = raw.get("requires")
    if requires is not None:
        if not isinstance(requires, dict):
            problems.append(f"{where}: requires must be a mapping with 'any' and 'window'")
        else:
            for key in requires:
                if key not in REQUIRES_KEYS:
                    problems.append(f"{path}:{_line(requires, key)}: unknown key {key!r} in "
                                    "requires (allowed: any, window)")
            words = requires.get("any")
            if not isinstance(words, list) or not words or not all(
                isinstance(w, str) and w.strip() for w in words
            ):
                problems.append(f"{where}: requires.any must be a non-empty list of words")
            else:
                requires_any = tuple(w.strip().lower() for w in words)
                for word in requires_any:
                    if word.startswith("@") and word not in REQUIRES_CLASSES:
                        problems.append(f"{where}: unknown word class {word!r} in requires.any "
                                        f"(known: {', '.join(sorted(REQUIRES_CLASSES))})")
            window = requires.get("window")
            if window is not None and (not isinstance(window, int) or isinstance(window, bool)
                                       or window < 1):
                problems.append(f"{where}: requires.window must be a positive whole number")
                window = None
    excludes = raw.get("excludes", [])
    if excludes is None:
        excludes = []
    if not isinstance(excludes, list) or not all(isinstance(e, str) and e.strip()
                                                  for e in excludes):
        problems.append(f"{where}: excludes must be a list of phrases")
        excludes = []
    score = raw.get("score", 1.0)
    if not isinstance(score, (int, float)) or isinstance(score, bool) or not 0 < score <= 1:
        problems.append(f"{where}: score must be a number in (0, 1]")
        score = 1.0
    negation = raw.get("negation")
    if negation is not None and negation not in NEGATION_ACTIONS:
        problems.append(f"{path}:{_line(raw, 'negation')}: negation must be one of "
                        f"{', '.join(NEGATION_ACTIONS)}")
        negation = None
    default_id = f"{code_id}#{pack_lang or ''}{index}"
    pattern_id = raw.get("id", default_id)
    if not isinstance(pattern_id, str) or not pattern_id:
        problems.append(f"{where}: id must be a non-empty string")
        pattern_id = default_id
    if kind == "tokens":
        value = [dict(spec) for spec in value] if isinstance(value, list) else value
    return Pattern(id=pattern_id, code=code_id, kind=kind, value=value, lang=lang,
                   requires_any=requires_any, window=window,
                   excludes=tuple(e.strip() for e in excludes), score=float(score),
                   negation=negation)


def _as_text(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _validate_code(raw: Any, groups: dict[str, str], path: Path,
                   problems: list[str]) -> Code | None:
    if not isinstance(raw, dict):
        problems.append(f"{path}: every entry of 'codes' must be a mapping")
        return None
    where = f"{path}:{_line(raw)}"
    for key in raw:
        if key not in CODE_KEYS:
            problems.append(f"{path}:{_line(raw, key)}: unknown code key {key!r} "
                            f"(allowed: {', '.join(sorted(CODE_KEYS))})")
    code_id = raw.get("id")
    if not isinstance(code_id, str) or not CODE_ID.match(code_id):
        problems.append(f"{where}: code id {code_id!r} must look like group.name "
                        "(lower case letters, digits, _)")
        return None
    group = raw.get("group", code_id.split(".")[0])
    if group not in groups:
        problems.append(f"{path}:{_line(raw, 'group')}: code {code_id} names group {group!r}, "
                        f"which 'groups' does not declare")
    label = raw.get("label")
    if not isinstance(label, str) or not label.strip():
        problems.append(f"{where}: code {code_id} needs a label")
        label = code_id
    patterns_raw = raw.get("patterns", []) or []
    if not isinstance(patterns_raw, list):
        problems.append(f"{path}:{_line(raw, 'patterns')}: patterns of {code_id} must be a list")
        patterns_raw = []
    patterns = []
    for index, item in enumerate(patterns_raw):
        pattern = _validate_pattern(item, code_id, index, path, problems)
        if pattern:
            patterns.append(pattern)
    examples = raw.get("examples", []) or []
    if not isinstance(examples, list):
        problems.append(f"{path}:{_line(raw, 'examples')}: examples must be a list")
        examples = []
    return Code(id=code_id, group=str(group), label=label.strip(),
                definition=_as_text(raw.get("definition")), include=_as_text(raw.get("include")),
                exclude=_as_text(raw.get("exclude")),
                examples=tuple(_as_text(e) for e in examples), patterns=tuple(patterns))


def _phrases_by_language(raw: Any, where: str, what: str,
                         problems: list[str]) -> dict[str, tuple[str, ...]]:
    if not isinstance(raw, dict) or not all(
        isinstance(lang, str) and isinstance(words, list)
        and all(isinstance(w, str) and w.strip() for w in words)
        for lang, words in raw.items()
    ):
        problems.append(f"{where}: negation.{what} must map a language (en, ru, kk) to a list "
                        "of phrases")
        return {}
    return {lang: tuple(" ".join(w.lower().split()) for w in words)
            for lang, words in raw.items()}


def _validate_negation(raw: Any, base: Negation | None, path: Path,
                       problems: list[str]) -> Negation | None:
    """A codebook's own negation block replaces the keys it names, the rest is inherited."""
    if raw is None:
        return base
    where = f"{path}:{_line(raw)}"
    if raw is False:
        return None
    if not isinstance(raw, dict):
        problems.append(f"{where}: negation must be a mapping (cues, not_cues, window, action, "
                        "factor) or false")
        return base
    for key in raw:
        if key not in NEGATION_KEYS:
            problems.append(f"{path}:{_line(raw, key)}: unknown key {key!r} in negation "
                            f"(allowed: {', '.join(sorted(NEGATION_KEYS))})")
    cues = _phrases_by_language(raw["cues"], where, "cues", problems) if "cues" in raw else (
        base.cues if base else {})
    not_cues = (_phrases_by_language(raw["not_cues"], where, "not_cues", problems)
                if "not_cues" in raw else (base.not_cues if base else {}))
    post_cues = (_phrases_by_language(raw["post_cues"], where, "post_cues", problems)
                 if "post_cues" in raw else (base.post_cues if base else {}))
    post_regex = (_regexes_by_language(raw["post_regex"], where, problems)
                  if "post_regex" in raw else (base.post_regex if base else {}))
    window = raw.get("window", base.window if base else 3)
    if not isinstance(window, int) or isinstance(window, bool) or window < 1:
        problems.append(f"{path}:{_line(raw, 'window')}: negation.window must be a positive "
                        "whole number")
        window = 3
    action = raw.get("action", base.action if base else "reject")
    if action not in NEGATION_ACTIONS:
        problems.append(f"{path}:{_line(raw, 'action')}: negation.action must be one of "
                        f"{', '.join(NEGATION_ACTIONS)}")
        action = "reject"
    factor = raw.get("factor", base.factor if base else 0.5)
    if not isinstance(factor, (int, float)) or isinstance(factor, bool) or not 0 < factor <= 1:
        problems.append(f"{path}:{_line(raw, 'factor')}: negation.factor must be a number in "
                        "(0, 1]")
        factor = 0.5
    if not cues and not post_cues:
        problems.append(f"{where}: negation needs cues")
    return Negation(cues=cues, not_cues=not_cues, post_cues=post_cues, post_regex=post_regex,
                    window=window, action=action, factor=float(factor))


def _valid_regexes(raw: Any, where: str, problems: list[str]) -> tuple[str, ...]:
    """Regular expressions for one language: each must compile and must not match ""."""
    if not isinstance(raw, list) or not raw or not all(isinstance(r, str) and r for r in raw):
        problems.append(f"{where}: post_regex must be a list of regular expressions")
        return ()
    kept = []
    for value in raw:
        try:
            compiled = re.compile(value)
        except re.error as error:
            problems.append(f"{where}: invalid regular expression {value!r} in post_regex: {error}")
            continue
        if compiled.search("") is not None:
            problems.append(f"{where}: regular expression {value!r} in post_regex matches the "
                            "empty string")
            continue
        kept.append(value)
    return tuple(kept)


def _regexes_by_language(raw: Any, where: str, problems: list[str]) -> dict[str, tuple[str, ...]]:
    if not isinstance(raw, dict):
        problems.append(f"{where}: post_regex must map a language to a list of regular expressions")
        return {}
    return {str(lang): _valid_regexes(values, where, problems) for lang, values in raw.items()}


def _check_duplicate_keys(node: Any, path: Path, problems: list[str]) -> None:
    if isinstance(node, _LineMap):
        for key, line in node.duplicates:
            problems.append(f"{path}:{line}: key {key!r} appears twice in one mapping")
        for value in node.values():
            _check_duplicate_keys(value, path, problems)
    elif isinstance(node, list):
        for value in node:
            _check_duplicate_keys(value, path, problems)


def _load(path: Path, seen: tuple[Path, ...], reads: list[tuple[Path, str]]) -> Codebook:
    raw = _read_yaml(path, reads)
    problems: list[str] = []
    if not isinstance(raw, dict):
        raise CodebookError(str(path), [f"{path}:1: a codebook must be a YAML mapping"])
    if "lang" in raw and isinstance(raw.get("codes"), dict) and "groups" not in raw:
        raise CodebookError(str(path), [
            f"{path}:{_line(raw, 'lang')}: this is a language pack, not a codebook: check the "
            "codebook whose language_packs names it (e.g. `cultdip codebook check "
            "default.yaml`)"])
    _check_duplicate_keys(raw, path, problems)
    for key in raw:
        if key not in TOP_KEYS:
            problems.append(f"{path}:{_line(raw, key)}: unknown top-level key {key!r} "
                            f"(allowed: {', '.join(sorted(TOP_KEYS))})")
    base: Codebook | None = None
    extends = raw.get("extends")
    if extends is not None and not isinstance(extends, str):
        problems.append(f"{path}:{_line(raw, 'extends')}: 'extends' must be a codebook name "
                        f"or path, not {type(extends).__name__}")
    elif extends:
        base_path = _resolve_path(extends, path.parent).resolve()
        if base_path in seen:
            problems.append(f"{path}:{_line(raw, 'extends')}: extends forms a cycle")
        else:
            base = _load(base_path, seen + (base_path,), reads)
    groups_raw = raw.get("groups") or {}
    groups: dict[str, str] = dict(base.groups) if base else {}
    if not isinstance(groups_raw, dict):
        problems.append(f"{path}:{_line(raw, 'groups')}: groups must be a mapping")
        groups_raw = {}
    for group_id, spec in groups_raw.items():
        label = spec.get("label") if isinstance(spec, dict) else spec
        groups[str(group_id)] = str(label or group_id)
    if not groups:
        problems.append(f"{path}:{raw.line if isinstance(raw, _LineMap) else 1}: no groups declared")
    codes_raw = raw.get("codes") or []
    if not isinstance(codes_raw, list):
        problems.append(f"{path}:{_line(raw, 'codes')}: codes must be a list")
        codes_raw = []
    codes: dict[str, Code] = {c.id: c for c in base.codes} if base else {}
    seen_here: dict[str, int] = {}
    for item in codes_raw:
        code = _validate_code(item, groups, path, problems)
        if code is None:
            continue
        if code.id in seen_here:
            problems.append(f"{path}:{_line(item)}: duplicate code id {code.id!r} (first at line "
                            f"{seen_here[code.id]})")
            continue
        seen_here[code.id] = _line(item)
        codes[code.id] = code
    pattern_ids: dict[str, str] = {}
    for code in codes.values():
        for pattern in code.patterns:
            if pattern.id in pattern_ids:
                problems.append(f"{path}: pattern id {pattern.id!r} used twice ({pattern_ids[pattern.id]} "
                                f"and {code.id})")
            pattern_ids[pattern.id] = code.id
    if not codes:
        problems.append(f"{path}: the codebook defines no codes")
    negation = _validate_negation(raw.get("negation"), base.negation if base else None, path,
                                  problems)
    packs = _pack_paths(raw, path, base, problems)
    if problems:
        raise CodebookError(str(path), problems)
    name = str(raw.get("name") or (base.name if base else path.stem))
    version = str(raw.get("version") or (base.version if base else "0"))
    codebook = Codebook(name=name, version=version, groups=groups, codes=tuple(codes.values()),
                        source=str(path), description=_as_text(raw.get("description")),
                        negation=negation)
    return _apply_packs(codebook, packs, base.language_packs if base else (), reads)


def _pack_paths(raw: Any, path: Path, base: Codebook | None,
                problems: list[str]) -> tuple[str, ...]:
    """This file's own packs: paths relative to this file, else the name of a pack shipped
    with the package (default.ru.yaml), so a copy of the default codebook keeps its packs."""
    packs: list[str] = []
    listed = raw.get("language_packs")
    if listed is None:
        return ()
    if not isinstance(listed, list) or not all(isinstance(p, str) and p.strip() for p in listed):
        problems.append(f"{path}:{_line(raw, 'language_packs')}: language_packs must be a list of "
                        "file paths (relative to this codebook)")
        return ()
    for reference in listed:
        pack = _resolve_path(reference.strip(), path.parent).resolve()
        packaged = default_codebook_path().parent / reference.strip()
        if not pack.is_file() and packaged.is_file():
            pack = packaged.resolve()
        if not pack.is_file():
            problems.append(f"{path}:{_line(raw, 'language_packs')}: language pack {reference!r} "
                            f"not found (looked for {pack})")
        elif str(pack) not in packs:
            packs.append(str(pack))
    return tuple(packs)


def _pack_negation(raw: Any, lang: str, path: Path, problems: list[str]) -> dict[str, tuple[str, ...]]:
    """A pack's negation block: cue lists for the pack's own language only."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        problems.append(f"{path}:{_line(raw)}: negation of a language pack must be a mapping "
                        f"({', '.join(sorted(PACK_NEGATION_KEYS))}) of phrase lists")
        return {}
    found: dict[str, tuple[str, ...]] = {}
    for key, words in raw.items():
        if key not in PACK_NEGATION_KEYS:
            problems.append(f"{path}:{_line(raw, key)}: unknown key {key!r} in a language pack's "
                            f"negation (allowed: {', '.join(sorted(PACK_NEGATION_KEYS))}; window "
                            "and action belong to the codebook)")
        elif key == "post_regex":
            found[key] = _valid_regexes(words, f"{path}:{_line(raw, key)}", problems)
        elif not isinstance(words, list) or not words or not all(
                isinstance(w, str) and w.strip() for w in words):
            problems.append(f"{path}:{_line(raw, key)}: negation.{key} must be a list of phrases "
                            f"in {lang} (quote words YAML reads as booleans)")
        else:
            found[key] = tuple(" ".join(w.lower().split()) for w in words)
    return found


def _read_pack(pack: Path, codes: dict[str, Code], problems: list[str],
               reads: list[tuple[Path, str]],
               ) -> tuple[str, dict[str, list[Pattern]], dict[str, tuple[str, ...]]]:
    """(language, patterns per code id, negation cue lists) of one language-pack file."""
    raw = _read_yaml(pack, reads)
    if not isinstance(raw, dict):
        problems.append(f"{pack}:1: a language pack must be a YAML mapping with lang and codes")
        return "", {}, {}
    _check_duplicate_keys(raw, pack, problems)
    for key in raw:
        if key not in PACK_KEYS:
            problems.append(f"{pack}:{_line(raw, key)}: unknown top-level key {key!r} in a "
                            f"language pack (allowed: {', '.join(sorted(PACK_KEYS))})")
    lang = raw.get("lang")
    if not isinstance(lang, str) or not re.fullmatch(r"[a-z]{2,3}", lang):
        problems.append(f"{pack}:{_line(raw, 'lang')}: a language pack needs lang, an ISO 639 "
                        "code such as ru or kk")
        return "", {}, {}
    codes_raw = raw.get("codes") or {}
    if not isinstance(codes_raw, dict):
        problems.append(f"{pack}:{_line(raw, 'codes')}: codes of a language pack must map code "
                        "ids to lists of patterns")
        codes_raw = {}
    added: dict[str, list[Pattern]] = {}
    for code_id, items in codes_raw.items():
        where = f"{pack}:{_line(codes_raw, str(code_id))}"
        if code_id not in codes:
            problems.append(f"{where}: unknown code id {code_id!r}: the codebook has no such code")
            continue
        if not isinstance(items, list) or not items:
            problems.append(f"{where}: patterns of {code_id} must be a non-empty list")
            continue
        offset = len(codes[code_id].patterns)
        for index, item in enumerate(items):
            pattern = _validate_pattern(item, str(code_id), offset + index, pack, problems,
                                        pack_lang=lang)
            if pattern:
                added.setdefault(str(code_id), []).append(pattern)
    return lang, added, _pack_negation(raw.get("negation"), lang, pack, problems)


def _apply_packs(codebook: Codebook, packs: tuple[str, ...],
                 inherited: tuple[str, ...], reads: list[tuple[Path, str]]) -> Codebook:
    """Add a codebook file's own packs to its codes (the parent's, merged by `extends`, and its
    own). The parent's packs were applied in the parent, so inherited codes keep their Russian
    and Kazakh patterns; a code the child overrides is the child's entirely."""
    codes = {code.id: code for code in codebook.codes}
    negation = codebook.negation
    for pack_name in packs:
        pack = Path(pack_name)
        problems: list[str] = []
        lang, added, cues = _read_pack(pack, codes, problems, reads)
        taken = {p.id: c.id for c in codes.values() for p in c.patterns}
        for code_id, patterns in added.items():
            for pattern in patterns:
                if pattern.id in taken:
                    problems.append(f"{pack}: pattern id {pattern.id!r} is already used (in "
                                    f"{taken[pattern.id]})")
                taken[pattern.id] = code_id
        if problems:
            raise CodebookError(str(pack), problems)
        for code_id, patterns in added.items():
            code = codes[code_id]
            codes[code_id] = replace(code, patterns=code.patterns + tuple(patterns))
        if negation is not None and cues:
            merged = {key: dict(getattr(negation, key)) for key in PACK_NEGATION_KEYS}
            for key, words in cues.items():
                merged[key][lang] = words
            negation = replace(negation, **merged)
    return replace(codebook, codes=tuple(codes.values()), negation=negation,
                   language_packs=tuple(dict.fromkeys(inherited + packs)))


def _with_hash(codebook: Codebook) -> Codebook:
    content = {"name": codebook.name, "version": codebook.version, "groups": codebook.groups,
               "codes": [asdict(code) for code in codebook.codes]}
    if codebook.negation is not None:
        content["negation"] = asdict(codebook.negation)
        if not codebook.negation.post_cues:  # keeps the hash of codebooks without them
            del content["negation"]["post_cues"]
    digest = hashlib.sha256(
        json.dumps(content, sort_keys=True, ensure_ascii=False).encode("utf-8")
    ).hexdigest()
    return replace(codebook, hash=digest)


# Loaded codebooks by path, with the SHA-256 of every file read for them (the file and the
# codebooks it extends): `cultdip run` needs the codebook in the batch and again for the
# matrices, and validating it twice was a large part of a re-run on an unchanged corpus.
_LOADED: dict[Path, tuple[tuple[tuple[Path, str], ...], Codebook]] = {}


def _unchanged(reads: tuple[tuple[Path, str], ...]) -> bool:
    try:
        return all(hashlib.sha256(path.read_bytes()).hexdigest() == digest
                   for path, digest in reads)
    except OSError:
        return False


def load_codebook(reference: str | Path | None = None) -> Codebook:
    """Load a codebook by path, or the packaged default when no path (or "default") is given.

    A codebook loaded before in this process is returned again while none of its files has
    changed (compared by content, not by modification time).
    """
    path = _resolve_path(str(reference) if reference else DEFAULT_NAME).resolve()
    cached = _LOADED.get(path)
    if cached is not None and _unchanged(cached[0]):
        return cached[1]
    reads: list[tuple[Path, str]] = []
    codebook = _with_hash(_load(path, (path,), reads))
    _LOADED[path] = (tuple(reads), codebook)
    return codebook
