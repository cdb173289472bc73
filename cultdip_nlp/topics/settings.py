"""Every knob of the topic stage in one record, so a model card can say exactly how it was made.

The defaults are the "default topic stage" that `scripts/bench_topics.py` measures: lemmas,
stop words plus the boilerplate of diplomatic speech, phrases, `filter_extremes`, units of a
few sentences, and seeded LDA with free topics.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

# Formulas of address and institutional names that every UN speech repeats: they tie every
# topic together and say nothing about what a speech is about.
DEFAULT_BOILERPLATE: tuple[str, ...] = (
    "united nations", "general assembly", "mr president", "madam president",
    "mr secretary general", "secretary general", "security council", "member states",
    "member state", "ladies and gentlemen", "distinguished delegates", "excellencies",
    "your excellency", "thank you", "seventieth session", "seventy-first session",
    "seventy-second session", "seventy-third session", "seventy-fourth session",
    "seventy-fifth session", "seventy-sixth session", "seventy-seventh session",
    "seventy-eighth session", "seventy-ninth session", "this session", "this year",
    "last year", "i would like", "let me", "allow me", "on behalf of",
)
# Words of speech-making that survive the stop list (lemmas).
DEFAULT_EXTRA_STOP_WORDS: tuple[str, ...] = (
    "also", "must", "would", "could", "shall", "may", "will", "need", "like", "make",
    "take", "continue", "today", "year", "time", "way", "well", "say", "mr", "madam",
    "president", "excellency", "delegation", "assembly", "session", "statement", "let",
    "however", "therefore", "thus", "within", "among", "upon", "including", "include",
    "many", "much", "new", "one", "two", "three", "first", "second", "last", "great",
    "important", "particular", "particularly", "especially", "like", "just", "every",
    "already", "still", "even", "ever", "since", "without", "towards", "toward", "regard",
    "behalf", "wish", "hope", "believe", "thank", "express", "welcome", "note", "stress",
    "reiterate", "reaffirm", "underline", "emphasize", "call", "country", "nation",
    "united", "general", "secretary", "distinguished", "colleague", "honour", "honor",
    "address", "speak", "word", "give", "put", "see", "know", "want", "think", "come",
    "go", "get", "use", "play", "remain", "become", "seek", "keep", "bring", "hold",
)


@dataclass(frozen=True)
class PrepareSettings:
    """How documents become bags of words."""

    language: str = "en"
    unit_sentences: int = 4          # sentences per modelling unit; 0 = whole document
    min_token_length: int = 3
    boilerplate: tuple[str, ...] = DEFAULT_BOILERPLATE
    extra_stop_words: tuple[str, ...] = DEFAULT_EXTRA_STOP_WORDS
    phrases_min_count: int = 20
    phrases_threshold: float = 0.5   # NPMI scoring: comparable across corpus sizes
    no_below: int = 10               # keep words in at least this many units...
    no_above: float = 0.3            # ...and in at most this share of them
    keep_n: int = 15_000
    min_unit_tokens: int = 8


@dataclass(frozen=True)
class ModelSettings:
    """How the topic model is trained."""

    k: int = 20
    seeded: bool = True
    max_seeded: int | None = None     # None: at most half of k
    min_seed_frequency: int = 30      # a code is seeded only if its seed words occur this often
    seed_prior: float = 1.0           # eta of a seed word in its topic
    seed_initial_mass: float = 200.0  # pseudo-counts that start a seeded topic on its seeds
    passes: int = 3
    iterations: int = 50
    chunksize: int = 2000
    alpha: str = "asymmetric"
    workers: int = 1                  # >1 uses LdaMulticore (faster; not bit-reproducible)
    seed: int = 13
    topn: int = 10


@dataclass(frozen=True)
class TopicSettings:
    prepare: PrepareSettings = field(default_factory=PrepareSettings)
    model: ModelSettings = field(default_factory=ModelSettings)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def with_model(self, **changes: Any) -> "TopicSettings":
        return replace(self, model=replace(self.model, **changes))

    def with_prepare(self, **changes: Any) -> "TopicSettings":
        return replace(self, prepare=replace(self.prepare, **changes))
