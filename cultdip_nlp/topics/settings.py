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
    "important", "particular", "particularly", "especially", "just", "every",
    "already", "still", "even", "ever", "since", "without", "towards", "toward", "regard",
    "behalf", "wish", "hope", "believe", "thank", "express", "welcome", "note", "stress",
    "reiterate", "reaffirm", "underline", "emphasize", "call", "country", "nation",
    "united", "general", "secretary", "distinguished", "colleague", "honour", "honor",
    "address", "speak", "word", "give", "put", "see", "know", "want", "think", "come",
    "go", "get", "use", "play", "remain", "become", "seek", "keep", "bring", "hold",
    # the formalities of a general debate: congratulating the President on the election...
    "congratulate", "congratulation", "election", "elect", "commend", "assure", "tenure",
    "theme", "seventy", "seventieth", "predecessor", "outgoing", "presidency", "skilful",
    "able", "stewardship", "guidance", "pleased", "pleasure", "privilege",
    # ...and the verbs and adverbs of any argument, which tie every topic to every other
    "help", "meet", "result", "establish", "cause", "stand", "contribute", "require", "act",
    "mean", "aim", "leave", "find", "reach", "affect", "focus", "forward", "resolve",
    "recognize", "recognise", "look", "fully", "fact", "set", "step", "despite", "improve",
    "possible", "clear", "begin", "view", "present", "context", "serve", "follow", "allow",
    "maintain", "enable", "join", "represent", "understand", "far", "relevant", "line",
    "position", "significant", "turn", "entire", "point", "reflect", "close", "respond",
    "deal", "launch", "example", "urge", "purpose", "agree", "determine", "month", "start",
    "hand", "report", "encourage", "relate", "question", "case", "consider", "basis",
    "demonstrate", "exist", "late", "extend", "recently", "real", "stop", "ask", "bear",
    "week", "realize", "realise", "task", "involve", "carry", "course", "period", "thing",
    "moment", "undertake", "talk", "firmly", "strongly", "hard", "mark", "currently",
    "effectively", "increasingly", "attempt", "number", "numb", "matter", "matt", "lot",
    "kind", "sure", "really", "truly", "indeed", "certainly", "clearly", "simply", "instead",
    "form", "necessary",
)


@dataclass(frozen=True)
class PrepareSettings:
    """How documents become bags of words."""

    language: str = "en"
    unit_sentences: int = 8          # sentences per modelling unit; 0 = whole document
    min_token_length: int = 3
    boilerplate: tuple[str, ...] = DEFAULT_BOILERPLATE
    extra_stop_words: tuple[str, ...] = DEFAULT_EXTRA_STOP_WORDS
    phrases_min_count: int = 20
    phrases_threshold: float = 0.5   # NPMI scoring: comparable across corpus sizes
    no_below: int = 5                # keep words in at least this many units...
    no_below_share: float = 0.0015   # ...and this share of them (whichever is more)...
    no_above: float = 0.08           # ...and in at most this share of them
    keep_n: int = 15_000
    min_unit_tokens: int = 8


@dataclass(frozen=True)
class ModelSettings:
    """How the topic model is trained."""

    k: int = 20
    seeded: bool = True
    max_seeded: int | None = 4        # codes with the most rule-tagged sentences; None: k // 2
    min_seed_frequency: int = 30      # a code is seeded only if its seed words occur this often
    min_rule_sentences: int = 20      # ...and its rules tagged this many sentences (if any tags)
    seed_prior: float = 1.0           # eta of a seed word in its topic, plus...
    seed_weight: float = 0.05         # ...this share of the word's corpus frequency
    seed_initial_share: float = 0.5   # head start: this share of a seed word's count in its topic
    warm_start: str = "nmf"           # "nmf": start from NMF themes and seed contexts; "none": random
    warm_start_units: int = 50_000    # NMF sees at most this many units (an even stride)
    passes: int = 2                   # from the NMF warm start, 2, 3, 4 and 8 passes score the same c_v
    iterations: int = 50
    chunksize: int = 2000
    update_every: int = 1             # 0: batch LDA (one M-step per pass over all units)
    decay: float = 0.5                # online LDA: weight of each new chunk (kappa)
    offset: float = 1.0               # online LDA: slows the first updates (tau_0)
    gamma_threshold: float = 0.001    # E-step stops when a document's topic mix moves less
    alpha: str = "symmetric"
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
