"""Distant supervision: the rules' tags on UN speeches outside the gold as extra examples.

Why: a code has 1 to 15 hand-coded positives, too few for a classifier to learn what the
code looks like when the rules' words are absent. The rules tag thousands of sentences in
the UN General Debate corpus; each is a (noisy, about as precise as the rules) positive for
its codes, and every other sentence a (noisy) negative. The words a rule matched are masked
(replaced by a blank), so the classifier learns the *context* a code appears in, not the
keyword the rules already find. In training they weigh less than a coder's judgement
(`distant_weight`).

Honesty: speeches that hold a gold sentence (development or held-out: every `source` in
docs/gold/**/*.jsonl) are left out, so no evaluation sentence, nor any other sentence of
its speech, is trained on. The examples depend on the codebook: the card records its hash
and `learn train` refuses examples made with another codebook.

Which speeches and which untagged sentences are kept is decided by a seeded hash of their
names, so the same corpus, codebook, seed and shares give the same examples in any order.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import platform
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..codebook import Codebook
from .ungdc import speeches

EXAMPLES_FILE = "distant.jsonl.gz"
CARD_FILE = "card.json"


@dataclass(frozen=True)
class DistantSentence:
    source: str  # speech file name, e.g. KAZ_47_1992.txt
    text: str  # the sentence with every span a rule matched replaced by a blank
    codes: frozenset[str]  # codes the rules tagged on it (none: a weak negative)


@dataclass
class DistantCard:
    id: str
    created: str
    corpus: str
    corpus_hash: str
    codebook_hash: str
    seed: int
    speech_share: float
    untagged_share: float
    speeches_used: int
    speeches_excluded: int
    sentences_seen: int
    tagged_sentences: int
    untagged_sentences: int
    codes: dict[str, int] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)


def _share(seed: int, key: str) -> float:
    """A seeded, order-free draw in [0, 1) for a name."""
    digest = hashlib.sha256(f"{seed}:{key}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2 ** 64


def masked(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """The text with the spans (offsets into it) blanked, whitespace collapsed."""
    for start, end in sorted(set(spans), reverse=True):
        text = text[:max(start, 0)] + " " + text[max(end, 0):]
    return " ".join(text.split())


def build(corpus: Path, codebook: Codebook, excluded: set[str], seed: int = 13,
          speech_share: float = 0.3, untagged_share: float = 0.02
          ) -> tuple[list[DistantSentence], DistantCard]:
    """Tag a seeded share of the corpus's speeches (gold speeches excluded) with the rules;
    keep every tagged sentence, masked, and a seeded share of the untagged ones."""
    from .. import __version__
    from ..analysis import Analyser
    from ..records import Page

    analyser = Analyser(codebook)
    digest = hashlib.sha256()
    examples: list[DistantSentence] = []
    used = left_out = seen = 0
    for name, text in speeches(corpus):
        if name in excluded:
            left_out += 1
            continue
        if _share(seed, name) >= speech_share:
            continue
        used += 1
        digest.update(name.encode() + b"\0" + text.encode() + b"\0")
        _, sentences, tags, _ = analyser.analyse(name, text, [Page(1, 0, len(text))], "en")
        by_sentence: dict[int, list] = {}
        for tag in tags:
            by_sentence.setdefault(tag.sentence_index, []).append(tag)
        for sentence in sentences:
            seen += 1
            found = by_sentence.get(sentence.index, [])
            if not found and _share(seed, f"{name}#{sentence.index}") >= untagged_share:
                continue
            body = text[sentence.start:sentence.end]
            spans = [(t.start - sentence.start, t.end - sentence.start) for t in found]
            examples.append(DistantSentence(name, masked(body, spans),
                                            frozenset(t.code for t in found)))
    if not used:
        raise ValueError(f"{corpus}: no speeches to draw distant examples from")
    counts = Counter(c for e in examples for c in e.codes)
    tagged = sum(1 for e in examples if e.codes)
    card = DistantCard(
        id="", created=time.strftime("%Y-%m-%dT%H:%M:%S%z"), corpus=corpus.name,
        corpus_hash=digest.hexdigest(), codebook_hash=codebook.hash, seed=seed,
        speech_share=speech_share, untagged_share=untagged_share, speeches_used=used,
        speeches_excluded=left_out, sentences_seen=seen, tagged_sentences=tagged,
        untagged_sentences=len(examples) - tagged, codes=dict(sorted(counts.items())),
        versions={"cultdip": __version__, "python": platform.python_version()})
    card.id = "distant-" + hashlib.sha256(json.dumps(
        [card.corpus_hash, card.codebook_hash, seed, speech_share, untagged_share]).encode()
    ).hexdigest()[:12]
    return examples, card


def save(examples: Sequence[DistantSentence], card: DistantCard | dict, directory: Path
         ) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    # mtime 0: the same examples give the same bytes
    with gzip.GzipFile(directory / EXAMPLES_FILE, "wb", mtime=0) as handle:
        for example in examples:
            handle.write((json.dumps({"source": example.source, "text": example.text,
                                      "codes": sorted(example.codes)}, ensure_ascii=False)
                          + "\n").encode("utf-8"))
    body = asdict(card) if isinstance(card, DistantCard) else card
    (directory / CARD_FILE).write_text(json.dumps(body, indent=2, ensure_ascii=False),
                                       encoding="utf-8")
    return directory


def load(directory: Path, codebook_hash: str | None = None
         ) -> tuple[list[DistantSentence], dict]:
    """The examples and card of a folder made by `save`. With `codebook_hash`, examples
    tagged by another codebook are refused: their labels are another codebook's rules."""
    path = Path(directory) / EXAMPLES_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no distant examples; build them with "
                                "scripts/build_distant.py")
    card = json.loads((Path(directory) / CARD_FILE).read_text(encoding="utf-8"))
    if codebook_hash and card.get("codebook_hash") != codebook_hash:
        raise ValueError(f"{directory}: distant examples were tagged with codebook "
                         f"{str(card.get('codebook_hash'))[:12]}, not the current "
                         f"{codebook_hash[:12]}; rebuild them with scripts/build_distant.py")
    examples = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            examples.append(DistantSentence(row["source"], row["text"],
                                            frozenset(row["codes"])))
    return examples, card
