"""Per-code sentence classifiers: TF-IDF word and character n-grams + logistic regression.

Why this model: a few hundred judgements are too few for anything deeper; linear models on
n-grams are strong at this size, fast, deterministic with a seed, and their probabilities are
usable as scores. Each code gets a threshold chosen on cross-validated predictions so that the
classifier's own precision reaches a target (0.9 by default): suggestions must not cost the
matrices their precision.
"""

from __future__ import annotations

import hashlib
import json
import platform
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import joblib
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, precision_score, recall_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import FeatureUnion, Pipeline

from .examples import LabelledSentence, targets_for

MIN_POSITIVES = 5
DEFAULT_TARGET_PRECISION = 0.9


def make_pipeline(seed: int) -> Pipeline:
    features = FeatureUnion([
        ("words", TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True,
                                  lowercase=True)),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2,
                                  sublinear_tf=True, lowercase=True)),
    ])
    model = LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000,
                               random_state=seed)
    return Pipeline([("features", features), ("model", model)])


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
    skipped: dict[str, str] = field(default_factory=dict)


def training_hash(sentences: Sequence[LabelledSentence]) -> str:
    digest = hashlib.sha256()
    for s in sorted(sentences, key=lambda s: (s.document_id, s.sentence_idx)):
        digest.update(json.dumps([s.document_id, s.sentence_idx, s.text, sorted(s.positives),
                                  sorted(s.negatives)]).encode())
    return digest.hexdigest()


MIN_TRUE_POSITIVES = 3


def _threshold_for_precision(probabilities: np.ndarray, labels: np.ndarray,
                             target: float) -> tuple[float, float, float]:
    """The lowest threshold whose precision reaches the target (then recall is highest).

    A threshold must rest on at least MIN_TRUE_POSITIVES held-out hits: with few judgements
    one lucky prediction would otherwise set it, and the classifier would suggest noise.
    When no threshold qualifies the code gets 1.01: no suggestions until more are judged.
    """
    best = (1.01, 0.0, 0.0)
    for threshold in sorted(set(np.round(probabilities, 4)), reverse=True):
        predicted = probabilities >= threshold
        if int(labels[predicted].sum()) < MIN_TRUE_POSITIVES:
            continue
        precision = float(labels[predicted].mean())
        if precision >= target:
            recall = float(predicted[labels == 1].mean())
            best = (float(threshold), precision, recall)
    return best


def _folds(labels: Sequence[int]) -> int:
    return max(2, min(5, sum(labels), len(labels) - sum(labels)))


def train(sentences: Sequence[LabelledSentence], codes: Sequence[str], codebook_hash: str,
          seed: int = 13, target_precision: float = DEFAULT_TARGET_PRECISION
          ) -> tuple[dict[str, Pipeline], ModelCard]:
    """One classifier per code with enough positives; cross-validated metrics and thresholds."""
    import sklearn

    models: dict[str, Pipeline] = {}
    thresholds: dict[str, float] = {}
    card = ModelCard(id="", created=time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                     training_hash=training_hash(sentences), codebook_hash=codebook_hash,
                     seed=seed, target_precision=target_precision,
                     parameters={"features": "tfidf word 1-2 + char_wb 3-5",
                                 "model": "LogisticRegression(C=4, balanced)",
                                 "min_positives": MIN_POSITIVES},
                     versions={"scikit-learn": sklearn.__version__,
                               "python": platform.python_version()})
    for code in codes:
        texts, labels = targets_for(code, list(sentences))
        positives = sum(labels)
        if positives < MIN_POSITIVES or len(labels) - positives < MIN_POSITIVES:
            card.skipped[code] = f"{positives} positive and {len(labels) - positives} " \
                                 f"negative judgements (need {MIN_POSITIVES} of each)"
            continue
        y = np.array(labels)
        folds = StratifiedKFold(n_splits=_folds(labels), shuffle=True, random_state=seed)
        probabilities = cross_val_predict(make_pipeline(seed), texts, y, cv=folds,
                                          method="predict_proba")[:, 1]
        predicted = probabilities >= 0.5
        threshold, p_at, r_at = _threshold_for_precision(probabilities, y, target_precision)
        card.metrics.append(CodeMetrics(
            code=code, positives=positives, negatives=len(labels) - positives,
            precision=round(float(precision_score(y, predicted, zero_division=0)), 4),
            recall=round(float(recall_score(y, predicted, zero_division=0)), 4),
            f1=round(float(f1_score(y, predicted, zero_division=0)), 4),
            threshold=round(threshold, 4), precision_at_threshold=round(p_at, 4),
            recall_at_threshold=round(r_at, 4)))
        model = make_pipeline(seed).fit(texts, y)
        models[code] = model
        thresholds[code] = threshold
    card.id = "clf-" + hashlib.sha256(
        (card.training_hash + codebook_hash + str(seed) + str(target_precision)).encode()
    ).hexdigest()[:12]
    card.parameters["thresholds"] = {c: round(t, 4) for c, t in thresholds.items()}
    return models, card


def learning_curve(sentences: Sequence[LabelledSentence], codes: Sequence[str], seed: int = 13,
                   fractions: Sequence[float] = (0.25, 0.5, 0.75, 1.0)) -> list[dict[str, float]]:
    """Micro F1 (cross-validated) against the number of judged sentences used."""
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(sentences))
    curve = []
    for fraction in fractions:
        subset = [sentences[i] for i in order[: max(10, int(fraction * len(sentences)))]]
        tp = fp = fn = 0
        for code in codes:
            texts, labels = targets_for(code, subset)
            if sum(labels) < 3 or len(labels) - sum(labels) < 3:
                fn += sum(labels)
                continue
            y = np.array(labels)
            folds = StratifiedKFold(n_splits=min(3, sum(labels)), shuffle=True,
                                    random_state=seed)
            predicted = cross_val_predict(make_pipeline(seed), texts, y, cv=folds)
            tp += int(((predicted == 1) & (y == 1)).sum())
            fp += int(((predicted == 1) & (y == 0)).sum())
            fn += int(((predicted == 0) & (y == 1)).sum())
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        curve.append({"judged_sentences": len(subset), "micro_f1": round(f1, 4)})
    return curve


def save(models: dict[str, Pipeline], card: ModelCard, directory: Path) -> Path:
    target = directory / card.id
    target.mkdir(parents=True, exist_ok=True)
    joblib.dump(models, target / "models.joblib")
    (target / "card.json").write_text(json.dumps(asdict(card), indent=2, ensure_ascii=False),
                                      encoding="utf-8")
    return target


def plot_learning_curve(curve: list[dict[str, float]], path: Path) -> Path:
    """Cross-validated micro F1 against judged sentences: is more coding still paying off?"""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(5.5, 3.5))
    axes.plot([p["judged_sentences"] for p in curve], [p["micro_f1"] for p in curve],
              marker="o")
    axes.set_xlabel("judged sentences used for training")
    axes.set_ylabel("micro F1 (cross-validated)")
    axes.set_ylim(0, 1)
    axes.grid(alpha=0.3)
    axes.set_title("Learning curve")
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path


def load(directory: Path) -> tuple[dict[str, Pipeline], dict[str, object]]:
    card = json.loads((directory / "card.json").read_text(encoding="utf-8"))
    return joblib.load(directory / "models.joblib"), card
