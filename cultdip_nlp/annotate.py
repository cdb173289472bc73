"""`cultdip annotate`: the public JSONL contract for tagging free-standing texts.

Input lines: {"id", "text", optional "lang", "country"}. Output lines:
{"id", "codes": [sorted code ids], "tags": [{"code", "start", "end", "text", "source", "rule",
"score"}], "about": [ISO3 of countries the text names]}. Offsets are into the given text as is.
With `--sentences` (opt-in, so the default lines keep their keys) a line also has
"sentences": [{"start", "end", "about"}]: case attribution per sentence, where a section
heading naming one country carries it to the sentences under it.
This contract is stable: other tools rely on it; later sources only add entries to "tags".
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from .analysis import Analyser
from .ingest.language import detect_language
from .records import Page, Sentence, Tag

# (sentences of a text, its rule tags) -> extra tag dicts: how topic models and classifiers
# join the contract.
ExtraTags = Callable[[Sequence[Sentence], Sequence[Tag]], list[dict[str, Any]]]


class AnnotateInputError(ValueError):
    pass


def annotate_record(analyser: Analyser, record: dict[str, Any],
                    extra_tags: Sequence[ExtraTags] = (),
                    with_sentences: bool = False) -> dict[str, Any]:
    text = record.get("text")
    if not isinstance(text, str):
        raise AnnotateInputError("'text' must be a string")
    lang = record.get("lang") or detect_language(text, default="en") or "en"
    page = Page(number=1, start=0, end=len(text))
    _, sentences, tags, mentions = analyser.analyse("annotate", text, [page], str(lang))
    tag_dicts: list[dict[str, Any]] = [
        {"code": t.code, "start": t.start, "end": t.end, "text": t.text,
         "source": t.source, "rule": t.rule, "score": t.score}
        for t in tags
    ]
    for extra in extra_tags:
        tag_dicts.extend(extra(sentences, tags))
    result = {
        "id": record.get("id"),
        "codes": sorted({tag["code"] for tag in tag_dicts}),
        "tags": tag_dicts,
        "about": sorted({m.iso3 for m in mentions}),
    }
    if with_sentences:
        about: dict[int, set[str]] = {}
        for mention in mentions:
            about.setdefault(mention.sentence_index, set()).add(mention.iso3)
        result["sentences"] = [{"start": s.start, "end": s.end,
                                "about": sorted(about.get(s.index, ()))} for s in sentences]
    return result


def classifier_tags_for_annotate(directory: Any) -> ExtraTags:
    """Suggestions of a trained classifier (`cultdip learn train`) on sentences the rules
    did not tag with that code, above the code's threshold."""
    from .learn.classifier import load, probabilities

    models, card = load(directory)
    thresholds = dict(card["parameters"]["thresholds"])

    def tags(sentences: Sequence[Sentence], rule_tags: Sequence[Tag]) -> list[dict[str, Any]]:
        ruled = {(t.sentence_index, t.code) for t in rule_tags}
        texts = [s.text for s in sentences]
        found: list[dict[str, Any]] = []
        if not texts:
            return found
        for code, scores in probabilities(models, texts).items():
            for sentence, p in zip(sentences, scores):
                if p >= thresholds.get(code, 1.01) and (sentence.index, code) not in ruled:
                    found.append({"code": code, "start": sentence.start, "end": sentence.end,
                                  "text": sentence.text, "source": "classifier",
                                  "rule": f"classifier:{card['id']}",
                                  "score": round(float(p), 4)})
        return found

    return tags


def annotate_lines(analyser: Analyser, lines: Iterable[str], source_name: str = "<input>",
                   extra_tags: Sequence[ExtraTags] = (), with_sentences: bool = False,
                   ) -> Iterator[tuple[str | None, str | None]]:
    """Yields (output line, None) or (None, error message naming the input line)."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict) or "id" not in record:
                raise AnnotateInputError("each line must be a JSON object with 'id' and 'text'")
            yield json.dumps(annotate_record(analyser, record, extra_tags, with_sentences),
                             ensure_ascii=False), None
        except (json.JSONDecodeError, AnnotateInputError) as error:
            yield None, f"{source_name}:{number}: {error}; line skipped"
