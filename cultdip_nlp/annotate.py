"""`cultdip annotate`: the public JSONL contract for tagging free-standing texts.

Input lines: {"id", "text", optional "lang", "country"}. Output lines:
{"id", "codes": [sorted code ids], "tags": [{"code", "start", "end", "text", "source", "rule",
"score"}], "about": [ISO3 of countries the text names]}. Offsets are into the given text as is.
This contract is stable: other tools rely on it; later sources only add entries to "tags".
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from .analysis import Analyser
from .ingest.language import detect_language
from .records import Page, Tag


class AnnotateInputError(ValueError):
    pass


def annotate_record(analyser: Analyser, record: dict[str, Any],
                    classifier: "ClassifierModel | None" = None) -> dict[str, Any]:
    text = record.get("text")
    if not isinstance(text, str):
        raise AnnotateInputError("'text' must be a string")
    lang = record.get("lang") or detect_language(text, default="en") or "en"
    page = Page(number=1, start=0, end=len(text))
    _, sentences, tags, mentions = analyser.analyse("annotate", text, [page], str(lang))
    if classifier is not None:
        tags = tags + classifier.tags_for(sentences, tags)
    return {
        "id": record.get("id"),
        "codes": sorted({tag.code for tag in tags}),
        "tags": [
            {"code": t.code, "start": t.start, "end": t.end, "text": t.text,
             "source": t.source, "rule": t.rule, "score": t.score}
            for t in tags
        ],
        "about": sorted({m.iso3 for m in mentions}),
    }


class ClassifierModel:
    """A trained classifier (see `cultdip learn train`) adding suggestions to annotate output."""

    def __init__(self, directory: Any) -> None:
        from .learn.classifier import load

        self.models, self.card = load(directory)
        self.thresholds = dict(self.card["parameters"]["thresholds"])

    def tags_for(self, sentences: list[Any], rule_tags: list[Tag]) -> list[Tag]:
        ruled = {(t.sentence_index, t.code) for t in rule_tags}
        texts = [s.text for s in sentences]
        found: list[Tag] = []
        if not texts:
            return found
        for code, model in sorted(self.models.items()):
            for sentence, p in zip(sentences, model.predict_proba(texts)[:, 1]):
                if p >= self.thresholds.get(code, 1.01) and (sentence.index, code) not in ruled:
                    found.append(Tag(document_id="annotate", sentence_index=sentence.index,
                                     start=sentence.start, end=sentence.end, code=code,
                                     text=sentence.text, source="classifier",
                                     rule=f"classifier:{self.card['id']}",
                                     score=round(float(p), 4), codebook_hash=""))
        return found


def annotate_lines(analyser: Analyser, lines: Iterable[str], source_name: str = "<input>",
                   classifier: ClassifierModel | None = None
                   ) -> Iterator[tuple[str | None, str | None]]:
    """Yields (output line, None) or (None, error message naming the input line)."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict) or "id" not in record:
                raise AnnotateInputError("each line must be a JSON object with 'id' and 'text'")
            yield json.dumps(annotate_record(analyser, record, classifier),
                             ensure_ascii=False), None
        except (json.JSONDecodeError, AnnotateInputError) as error:
            yield None, f"{source_name}:{number}: {error}; line skipped"
