"""Per-code sentence classifiers: TF-IDF word and character n-grams + logistic regression.

Why this model: a few hundred judgements are too few for anything deeper; linear models on
n-grams are strong at this size, fast, deterministic with a seed, and their probabilities are
usable as scores. The n-gram features are fitted once on all judged sentences and shared by
every code's model (one transform per text at apply time, not one per code).

Each code gets a threshold chosen on cross-validated predictions so that the classifier's own
suggestions reach a target precision (0.9 by default). The threshold is chosen only on the
(sentence, code) pairs the rules did NOT tag, because those are the only pairs a suggestion
is ever made on: the easy positives the rules already find would flatter the estimate. With
`threshold_scope="group"` the pairs of all codes of a group (identity, instrument, outcome)
are pooled, so a threshold rests on more held-out evidence.
"""

from __future__ import annotations

import hashlib
import json
import math
import platform
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import joblib
import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, precision_score, recall_score
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import FeatureUnion, Pipeline

from .examples import LabelledSentence, group_rows, target_rows

MIN_POSITIVES = 5
MIN_TRUE_POSITIVES = 3
DEFAULT_TARGET_PRECISION = 0.9
FEATURE_SETS = ("word+char", "word+char+lemma", "word+char+codebook",
                "word+char+lemma+codebook", "word+char+vectors")
MODELS = ("logistic", "svm")
THRESHOLD_SCOPES = ("code", "group")
AGREEMENTS = ("group", "none")
MIN_GROUP_EXAMPLES = 3


class LemmaText(TransformerMixin, BaseEstimator):
    """Sentences to their lower-cased lemmas (the codebook's NORM), for lemma n-grams."""

    def __init__(self, lang: str = "en") -> None:
        self.lang = lang

    def fit(self, texts: object = None, y: object = None) -> "LemmaText":
        return self

    def transform(self, texts: Sequence[str]) -> list[str]:
        from ..nlp import blank_pipeline

        nlp = blank_pipeline(self.lang)
        return [" ".join(t.norm_ for t in nlp(text) if not t.is_punct) for text in texts]


def code_description(code: object) -> str:
    """What the codebook says a code is: label, definition, include note, examples and the
    words of its English patterns."""
    parts = [getattr(code, "label", ""), getattr(code, "definition", ""),
             getattr(code, "include", ""), " ".join(getattr(code, "examples", ()))]
    for pattern in getattr(code, "patterns", ()):
        if pattern.lang == "en":
            values = pattern.value if isinstance(pattern.value, (list, tuple)) else [
                pattern.value]
            parts.extend(v for v in values if isinstance(v, str))
    return " ".join(p for p in parts if p)


class VectorFeatures(TransformerMixin, BaseEstimator):
    """Dense features from domain word vectors (learn/vectors.py): the sentence's mean word
    vector, and its cosine similarity to each code's codebook description. Why: with 1 to 15
    positives per code, n-grams only recognise sentences sharing words with those few; the
    vectors, learnt from thousands of UN speeches, carry related words the judgements never
    showed, and the similarity to the description gives every code a feature of its own that
    needs no positives at all.

    The vectors are read from `path` when fitted and kept out of the pickle (a few MB per
    model otherwise); a loaded model reads them again and checks their id."""

    def __init__(self, path: str = "", weight: float = 1.0, similarity_weight: float = 1.0,
                 codebook: str = "") -> None:
        self.path = path
        self.weight = weight
        self.similarity_weight = similarity_weight
        self.codebook = codebook  # reference for load_codebook; "" = the default codebook

    def _vectors(self) -> Any:
        from . import vectors as word_vectors

        if not self.path or not Path(self.path).is_dir():
            raise FileNotFoundError(
                f"word vectors {self.path!r}: no such folder; build them with "
                "scripts/build_vectors.py (models/vectors-ungdc) or train without vectors")
        loaded = word_vectors.load(Path(self.path))
        expected = getattr(self, "vectors_id_", None)
        if expected and loaded.card.get("id") != expected:
            raise ValueError(f"word vectors {self.path}: id {loaded.card.get('id')} is not "
                             f"the {expected} this model was trained with; rebuild them with "
                             "the card's parameters or retrain the model")
        return loaded

    def fit(self, texts: object = None, y: object = None) -> "VectorFeatures":
        from ..codebook import load_codebook

        loaded = self._vectors()
        self.vectors_id_ = str(loaded.card.get("id", ""))
        codebook = load_codebook(self.codebook or None)
        self.codes_ = list(codebook.code_ids)
        self.descriptions_ = loaded.sentences([code_description(c) for c in codebook.codes])
        return self

    def transform(self, texts: Sequence[str]) -> np.ndarray:
        sentences = self._vectors().sentences(list(texts))
        similarity = sentences @ self.descriptions_.T
        return np.hstack([self.weight * sentences, self.similarity_weight * similarity])


class AgreementModel(BaseEstimator):
    """A code's classifier that speaks only as loud as its code group's model agrees: the
    probability of the code times the probability that the sentence has some code of the
    group (identity, instrument, outcome).

    Why: a per-code model learns from a few dozen positives and fires on sentences that share
    its words but not its meaning; the group model pools every positive of the group's codes
    and is surer of what is, and is not, about national identity (or instruments, or
    outcomes) at all. Their product ranks the pairs the rules miss better than either (on the
    development folds, average precision 0.11 -> 0.18 with five coding rounds; docs/learning.md)
    and a suggestion needs both to be confident. Both models read the same n-gram features."""

    def __init__(self, code_model: Any = None, group_model: Any = None) -> None:
        self.code_model = code_model
        self.group_model = group_model

    def fit(self, features: object = None, y: object = None) -> "AgreementModel":
        """The two models come fitted (by `train`, each on its own labels)."""
        return self

    def __sklearn_is_fitted__(self) -> bool:
        return self.code_model is not None and self.group_model is not None

    @property
    def classes_(self) -> np.ndarray:
        return np.array([0, 1])

    def predict_proba(self, features: Any) -> np.ndarray:
        both = (self.code_model.predict_proba(features)[:, 1]
                * self.group_model.predict_proba(features)[:, 1])
        return np.column_stack([1.0 - both, both])


def make_features(kind: str = "word+char", vectors: str | Path | None = None,
                  codebook: str | None = None) -> FeatureUnion:
    if kind not in FEATURE_SETS:
        raise ValueError(f"features {kind!r} is not one of {', '.join(FEATURE_SETS)}")
    if "vectors" in kind and not vectors:
        raise ValueError(f"features {kind!r} need word vectors (--vectors FOLDER)")
    parts: list[tuple[str, Any]] = [
        ("words", TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True,
                                  lowercase=True)),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2,
                                  sublinear_tf=True, lowercase=True)),
    ]
    if "lemma" in kind:
        parts.append(("lemmas", Pipeline([("lemma", LemmaText()), (
            "tfidf", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True))])))
    if "codebook" in kind:
        from ..vectorizer import CodebookVectorizer

        parts.append(("codebook", CodebookVectorizer(binary=True)))
    if "vectors" in kind:
        parts.append(("vectors", VectorFeatures(str(vectors), codebook=codebook or "")))
    return FeatureUnion(parts)


def make_estimator(seed: int, model: str = "logistic", dual: bool = False) -> Any:
    """liblinear: the fastest exact solver for a few hundred sparse rows. With thousands of
    distant examples the dual problem (one variable per row, not per n-gram) is solved
    about six times faster."""
    if model == "logistic":
        return LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000,
                                  solver="liblinear", random_state=seed, dual=dual)
    if model == "svm":
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.svm import LinearSVC

        return CalibratedClassifierCV(LinearSVC(C=0.5, class_weight="balanced",
                                                random_state=seed), cv=2, method="sigmoid")
    raise ValueError(f"model {model!r} is not one of {', '.join(MODELS)}")


def make_pipeline(seed: int, features: str = "word+char", model: str = "logistic") -> Pipeline:
    return Pipeline([("features", make_features(features)),
                     ("model", make_estimator(seed, model))])


def probabilities(models: dict[str, Pipeline], texts: Sequence[str]) -> dict[str, np.ndarray]:
    """Each code's probabilities for the texts, transforming the texts once per shared
    feature union instead of once per code."""
    transformed: dict[int, Any] = {}
    result = {}
    for code, model in sorted(models.items()):
        steps = getattr(model, "named_steps", {})
        if "features" in steps and "model" in steps:
            key = id(steps["features"])
            if key not in transformed:
                transformed[key] = steps["features"].transform(list(texts))
            result[code] = steps["model"].predict_proba(transformed[key])[:, 1]
        else:
            result[code] = model.predict_proba(list(texts))[:, 1]
    return result


def group_of(code: str) -> str:
    return code.split(".", 1)[0]


@dataclass
class CodeMetrics:
    code: str
    positives: int
    negatives: int
    precision: float
    recall: float
    f1: float
    threshold: float
    precision_at_threshold: float
    recall_at_threshold: float
    # positives among the pairs the rules did not tag: what a suggestion could still find
    missed_by_rules: int = 0


@dataclass
class ModelCard:
    id: str
    created: str
    training_hash: str
    codebook_hash: str
    seed: int
    target_precision: float
    parameters: dict[str, object]
    versions: dict[str, str]
    metrics: list[CodeMetrics] = field(default_factory=list)
    learning_curve: list[dict[str, float]] = field(default_factory=list)
    judgements_needed: dict[str, object] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    # per code group: judged sentences with and without a code of the group, behind the
    # group models that find review candidates (learn/candidates.py)
    group_models: dict[str, dict] = field(default_factory=dict)


def training_hash(sentences: Sequence[LabelledSentence]) -> str:
    digest = hashlib.sha256()
    for s in sorted(sentences, key=lambda s: (s.document_id, s.sentence_idx)):
        digest.update(json.dumps([s.document_id, s.sentence_idx, s.text, sorted(s.positives),
                                  sorted(s.negatives), sorted(s.ruled)]).encode())
    return digest.hexdigest()


def _threshold_for_precision(probabilities: np.ndarray, labels: np.ndarray, target: float,
                             min_support: int = MIN_TRUE_POSITIVES
                             ) -> tuple[float, float, float]:
    """The lowest threshold whose precision reaches the target (then recall is highest).

    A threshold must rest on at least `min_support` held-out hits: with few judgements one
    lucky prediction would otherwise set it, and the classifier would suggest noise. When no
    threshold qualifies the code gets 1.01: no suggestions until more are judged.
    """
    best = (1.01, 0.0, 0.0)
    if not len(labels):
        return best
    order = np.argsort(-probabilities, kind="stable")
    ranked, hits = probabilities[order], labels[order]
    true_positives = np.cumsum(hits)
    total = max(int(labels.sum()), 1)
    for k in range(len(ranked)):
        if k + 1 < len(ranked) and ranked[k + 1] == ranked[k]:
            continue  # ties pass or fail a threshold together
        precision = true_positives[k] / (k + 1)
        if true_positives[k] >= min_support and precision >= target:
            best = (float(ranked[k]), float(precision), float(true_positives[k] / total))
    return best


def _folds(labels: Sequence[int], most: int = 5) -> int:
    return max(2, min(most, sum(labels), len(labels) - sum(labels)))


@dataclass
class Extra:
    """Distant examples added to every training fold of a code: their features, 0/1
    labels for the code, and the weight of each row."""

    features: Any
    labels: np.ndarray
    weight: float


def _fit(features: Any, y: np.ndarray, seed: int, model: str, extra: Extra | None = None
         ) -> Any:
    if extra is None:
        return make_estimator(seed, model).fit(features, y)
    from scipy import sparse

    weights = np.concatenate([np.ones(len(y)), np.full(len(extra.labels), extra.weight)])
    return make_estimator(seed, model, dual=model == "logistic").fit(
        sparse.vstack([features, extra.features]).tocsr(),
        np.concatenate([y, extra.labels]), sample_weight=weights)


def _out_of_fold(features: Any, rows: np.ndarray, y: np.ndarray, seed: int, model: str,
                 most_folds: int = 5, extra: Extra | None = None) -> np.ndarray:
    """Cross-validated probabilities. The n-gram vocabulary is fitted once on all judged
    sentences (unsupervised: no label leaks); each fold's model sees only its own rows (and
    all distant examples, which never include a judged sentence). With distant examples a
    code may have a single judged positive: the folds are then not stratified."""
    from sklearn.model_selection import KFold

    result = np.zeros(len(rows))
    if extra is not None and (y.sum() < 2 or len(y) - y.sum() < 2):
        folds: Any = KFold(n_splits=min(most_folds, len(y)), shuffle=True, random_state=seed)
    else:
        folds = StratifiedKFold(n_splits=_folds(list(y), most_folds), shuffle=True,
                                random_state=seed)
    for inside, outside in folds.split(rows, y):
        estimator = _fit(features[rows[inside]], y[inside], seed, model, extra)
        result[outside] = estimator.predict_proba(features[rows[outside]])[:, 1]
    return result


def train(sentences: Sequence[LabelledSentence], codes: Sequence[str], codebook_hash: str,
          seed: int = 13, target_precision: float = DEFAULT_TARGET_PRECISION,
          threshold_scope: str = "code", min_support: int = MIN_TRUE_POSITIVES,
          features: str = "word+char", model: str = "logistic",
          parameters: dict[str, object] | None = None, vectors: str | Path | None = None,
          distant: Sequence[Any] | None = None, distant_weight: float = 0.3,
          distant_id: str = "", codebook: str | None = None, agreement: str = "group"
          ) -> tuple[dict[str, Pipeline], ModelCard]:
    """One classifier per code with enough positives; cross-validated metrics and thresholds.

    `distant` (learn/distant.py: masked sentences the rules tagged on speeches outside the
    judged ones, each row weighing `distant_weight`) joins every training fold and the final
    fit; a code then needs one judged positive and MIN_POSITIVES positives in all. Metrics
    and thresholds are still measured on judged sentences only.

    `agreement="group"` (the default) makes each code's probability the product of its own
    model's and its group model's (AgreementModel); the thresholds are chosen on the product
    of the two models' cross-validated probabilities. "none": the code's model alone."""
    import sklearn

    if agreement not in AGREEMENTS:
        raise ValueError(f"agreement {agreement!r} is not one of {', '.join(AGREEMENTS)}")
    if threshold_scope not in THRESHOLD_SCOPES:
        raise ValueError(f"threshold scope {threshold_scope!r} is not one of "
                         f"{', '.join(THRESHOLD_SCOPES)}")
    sentences = list(sentences)
    card = ModelCard(id="", created=time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                     training_hash=training_hash(sentences), codebook_hash=codebook_hash,
                     seed=seed, target_precision=target_precision,
                     parameters={"features": features, "model": model,
                                 "min_positives": MIN_POSITIVES,
                                 "threshold_scope": threshold_scope,
                                 "min_support": min_support,
                                 "threshold_pairs": "not tagged by the rules",
                                 "agreement": agreement,
                                 **(parameters or {})},
                     versions={"scikit-learn": sklearn.__version__,
                               "python": platform.python_version()})
    models: dict[str, Pipeline] = {}
    thresholds: dict[str, float] = {}
    if not sentences:
        card.id = _model_id(card)
        card.parameters["thresholds"] = {}
        return models, card
    distant = list(distant or [])
    union = make_features(features, vectors, codebook).fit([s.text for s in sentences]
                                                 + [d.text for d in distant])
    matrix = union.transform([s.text for s in sentences])
    distant_matrix = union.transform([d.text for d in distant]) if distant else None
    if distant:
        card.parameters.update({"distant": distant_id, "distant_weight": distant_weight,
                                "distant_sentences": len(distant)})
    if "vectors" in features:
        # the vectors' id is part of the model id; where they lie is not
        card.parameters["vectors"] = union.named_transformers["vectors"].vectors_id_
        card.parameters["vectors_path"] = str(vectors)
    group_models, group_out_of_fold, _ = (
        fit_group_models(matrix, sentences, seed, model, out_of_fold=True)
        if agreement == "group" else ({}, {}, {}))
    held_out: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for code in codes:
        rows_list, labels = target_rows(code, sentences)
        positives = sum(labels)
        extra = None
        if distant:
            distant_labels = np.array([int(code in d.codes) for d in distant])
            extra = Extra(distant_matrix, distant_labels, distant_weight)
            enough = positives >= 1 and positives + distant_labels.sum() >= MIN_POSITIVES \
                and len(labels) - positives >= MIN_POSITIVES
        else:
            enough = positives >= MIN_POSITIVES and len(labels) - positives >= MIN_POSITIVES
        if not enough:
            card.skipped[code] = f"{positives} positive and {len(labels) - positives} " \
                                 f"negative judgements (need {MIN_POSITIVES} of each" + (
                                     ", distant positives counting" if distant else "") + ")"
            continue
        rows, y = np.array(rows_list), np.array(labels)
        oof = _out_of_fold(matrix, rows, y, seed, model, extra=extra)
        candidate = np.array([code not in sentences[i].ruled for i in rows])
        group = group_of(code)
        agreed = oof * group_out_of_fold[group][rows] if group in group_models else oof
        held_out[code] = (agreed[candidate], y[candidate])
        predicted = oof >= 0.5
        card.metrics.append(CodeMetrics(
            code=code, positives=positives, negatives=len(labels) - positives,
            precision=round(float(precision_score(y, predicted, zero_division=0)), 4),
            recall=round(float(recall_score(y, predicted, zero_division=0)), 4),
            f1=round(float(f1_score(y, predicted, zero_division=0)), 4),
            threshold=1.01, precision_at_threshold=0.0, recall_at_threshold=0.0,
            missed_by_rules=int(y[candidate].sum())))
        estimator = _fit(matrix[rows], y, seed, model, extra)
        if group in group_models:
            estimator = AgreementModel(estimator, group_models[group])
        models[code] = Pipeline([("features", union), ("model", estimator)])
    by_code = {m.code: m for m in card.metrics}
    if threshold_scope == "code":
        chosen = {code: _threshold_for_precision(p, y, target_precision, min_support)
                  for code, (p, y) in held_out.items()}
    else:
        chosen = {}
        for group in sorted({group_of(c) for c in held_out}):
            members = [c for c in held_out if group_of(c) == group]
            pooled = _threshold_for_precision(
                np.concatenate([held_out[c][0] for c in members]),
                np.concatenate([held_out[c][1] for c in members]), target_precision,
                min_support)
            chosen.update({c: pooled for c in members})
    for code, (threshold, precision, recall) in chosen.items():
        thresholds[code] = threshold
        metrics = by_code[code]
        metrics.threshold = round(threshold, 4)
        metrics.precision_at_threshold = round(precision, 4)
        metrics.recall_at_threshold = round(recall, 4)
    card.id = _model_id(card)
    card.parameters["thresholds"] = {c: round(t, 4) for c, t in sorted(thresholds.items())}
    return models, card


def fit_group_models(matrix: Any, sentences: Sequence[LabelledSentence], seed: int,
                     model: str = "logistic", out_of_fold: bool = False
                     ) -> tuple[dict[str, Any], dict[str, np.ndarray], dict[str, dict]]:
    """Per code group ("the sentence has some code of the group") with at least
    MIN_GROUP_EXAMPLES judged sentences of each kind: the fitted model on the rows of
    `matrix`; with `out_of_fold`, its cross-validated probability for every judged sentence
    (NaN for one the group's judgements do not cover); and, for every group, the positive
    and negative counts it had. One fitter for the agreement of `train` and the review
    candidates' group models (learn/candidates.py)."""
    fitted: dict[str, Any] = {}
    probabilities_out_of_fold: dict[str, np.ndarray] = {}
    counts: dict[str, dict] = {}
    for group in GROUPS:
        rows_list, labels = group_rows(group, sentences)
        positives = sum(labels)
        counts[group] = {"positives": positives, "negatives": len(labels) - positives}
        if positives < MIN_GROUP_EXAMPLES or len(labels) - positives < MIN_GROUP_EXAMPLES:
            continue
        rows, y = np.array(rows_list), np.array(labels)
        if out_of_fold:
            every = np.full(len(sentences), np.nan)
            every[rows] = _out_of_fold(matrix, rows, y, seed, model)
            probabilities_out_of_fold[group] = every
        fitted[group] = _fit(matrix[rows], y, seed, model)
    return fitted, probabilities_out_of_fold, counts


def _model_id(card: ModelCard) -> str:
    settings = json.dumps({k: v for k, v in card.parameters.items()
                           if k not in ("thresholds", "vectors_path")}, sort_keys=True)
    return "clf-" + hashlib.sha256((card.training_hash + card.codebook_hash + str(card.seed)
                                    + str(card.target_precision) + settings).encode()
                                   ).hexdigest()[:12]


GROUPS = ("identity", "instrument", "outcome")


def learning_curve(sentences: Sequence[LabelledSentence], codes: Sequence[str], seed: int = 13,
                   fractions: Sequence[float] = (0.25, 0.5, 0.75, 1.0),
                   features: str = "word+char", model: str = "logistic"
                   ) -> list[dict[str, float]]:
    """Cross-validated quality against the number of judged sentences used, micro over all
    codes and per code group: F1 at probability 0.5, and average precision (AP) of the
    pooled held-out probabilities, which does not depend on a threshold and says how well
    the classifier ranks true codes above false ones (what a precision target needs). A code
    without enough positives in a subset counts its positives as missed (probability 0), so
    the curve also shows codes coming to life as judgements accumulate."""
    from sklearn.metrics import average_precision_score

    sentences = list(sentences)
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(sentences))
    curve = []
    for fraction in fractions:
        subset = [sentences[i] for i in order[: max(10, int(fraction * len(sentences)))]]
        counts = {group: [0, 0, 0] for group in (*GROUPS, "micro")}
        pooled: dict[str, tuple[list[np.ndarray], list[np.ndarray]]] = {
            group: ([], []) for group in (*GROUPS, "micro")}
        matrix = make_features(features).fit_transform([s.text for s in subset])
        for code in codes:
            rows_list, labels = target_rows(code, subset)
            y = np.array(labels, dtype=int)
            scores = np.zeros(len(y))
            if sum(labels) >= 3 and len(labels) - sum(labels) >= 3:
                scores = _out_of_fold(matrix, np.array(rows_list), y, seed, model, most_folds=3)
            predicted = scores >= 0.5
            tp = int((predicted & (y == 1)).sum())
            fp = int((predicted & (y == 0)).sum())
            fn = int((~predicted & (y == 1)).sum())
            for key in (group_of(code), "micro"):
                if key in counts:
                    counts[key][0] += tp
                    counts[key][1] += fp
                    counts[key][2] += fn
                    pooled[key][0].append(scores)
                    pooled[key][1].append(y)
        point: dict[str, float] = {"judged_sentences": len(subset)}
        for key, (tp, fp, fn) in counts.items():
            name = "micro" if key == "micro" else key
            point[f"{name}_f1"] = round(2 * tp / (2 * tp + fp + fn), 4) if tp else 0.0
            labels_all = np.concatenate(pooled[key][1]) if pooled[key][1] else np.zeros(0)
            point[f"{name}_ap"] = round(float(average_precision_score(
                labels_all, np.concatenate(pooled[key][0]))), 4) if labels_all.sum() else 0.0
        curve.append(point)
    return curve


def judgements_needed(curve: list[dict[str, float]], level: float, measure: str = "ap"
                      ) -> dict[str, object]:
    """Per curve (micro and each group): judged sentences at which the measure (average
    precision by default) would reach `level`, from a least-squares fit m = a + b ln(n)
    through the curve's points. A rough guide to how much more coding the classifier needs,
    not a promise: None when the curve is flat or falling, or the fit lands beyond 100 times
    the sentences judged so far (more judgements of the same kind are not helping yet)."""
    result: dict[str, object] = {}
    if len(curve) < 2:
        return result
    judged = [p["judged_sentences"] for p in curve]
    n = np.log(judged)
    for group in ("micro", *GROUPS):
        key = f"{group}_{measure}"
        if key not in curve[0]:
            continue
        values = np.array([p[key] for p in curve])
        if values[-1] >= level:
            result[group] = int(judged[-1])
            continue
        slope, intercept = np.polyfit(n, values, 1)
        needed = math.exp(min((level - intercept) / slope, 50.0)) if slope > 1e-6 else math.inf
        result[group] = int(round(needed, -1)) if needed <= 100 * judged[-1] else None
    return result


GROUP_MODELS_FILE = "groups.joblib"


def save(models: dict[str, Pipeline], card: ModelCard, directory: Path,
         group_models: dict[str, Pipeline] | None = None) -> Path:
    target = directory / card.id
    target.mkdir(parents=True, exist_ok=True)
    joblib.dump(models, target / "models.joblib")
    if group_models is not None:
        joblib.dump(group_models, target / GROUP_MODELS_FILE)
    (target / "card.json").write_text(json.dumps(asdict(card), indent=2, ensure_ascii=False),
                                      encoding="utf-8")
    return target


def plot_learning_curve(curve: list[dict[str, float]], path: Path) -> Path:
    """Cross-validated F1 against judged sentences, overall and per code group: is more
    coding still paying off, and where?"""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(6, 3.8))
    x = [p["judged_sentences"] for p in curve]
    for group, color in zip(("micro", *GROUPS), ("black", "tab:blue", "tab:orange",
                                                  "tab:green")):
        for measure, style in (("f1", "-o"), ("ap", ":s")):
            key = f"{group}_{measure}"
            if curve and key in curve[0]:
                axes.plot(x, [p[key] for p in curve], style, color=color, markersize=4,
                          label=f"{group} {measure.upper()}")
    axes.set_xlabel("judged sentences used for training")
    axes.set_ylabel("cross-validated F1 / AP")
    axes.set_ylim(0, 1)
    axes.grid(alpha=0.3)
    axes.legend(fontsize=7, ncol=2)
    axes.set_title("Learning curve")
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path


def load(directory: Path) -> tuple[dict[str, Pipeline], dict[str, object]]:
    card = json.loads((directory / "card.json").read_text(encoding="utf-8"))
    return joblib.load(directory / "models.joblib"), card


def load_groups(directory: Path) -> dict[str, Pipeline]:
    """The code-group models of a model folder ({} for a folder trained before they were)."""
    path = directory / GROUP_MODELS_FILE
    return joblib.load(path) if path.is_file() else {}
