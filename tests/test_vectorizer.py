"""CodebookVectorizer: a real scikit-learn transformer over real speeches."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
from sklearn.base import clone
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from cultdip_nlp.codebook import load_codebook
from cultdip_nlp.nlp import blank_pipeline
from cultdip_nlp.tagging.component import SPANS_KEY, CultdipTagger
from cultdip_nlp.vectorizer import CodebookVectorizer

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _speeches() -> tuple[list[str], list[str]]:
    files = sorted((CORPUS / "ungdc").glob("*_201[5-9].txt"))
    return [f.read_text(encoding="utf-8-sig") for f in files], [f.name[:3] for f in files]


def test_counts_match_the_tagger_and_names_are_code_ids(seed_paper: str) -> None:
    texts, _ = _speeches()
    texts = texts[:3] + [seed_paper]
    vectorizer = CodebookVectorizer()
    matrix = vectorizer.fit_transform(texts)
    assert matrix.shape == (4, 31)
    assert list(vectorizer.get_feature_names_out()) == load_codebook().code_ids
    # independent count: the component on the same paragraphs
    nlp = blank_pipeline("en")
    tagger = CultdipTagger(nlp, load_codebook())
    expected = np.zeros(31, dtype=int)
    names = list(vectorizer.get_feature_names_out())
    for paragraph in seed_paper.split("\n\n"):
        if paragraph.strip():
            doc = tagger(nlp(paragraph))
            for span in doc.spans[SPANS_KEY]:
                expected[names.index(span.label_)] += 1
    assert (matrix[3].toarray()[0] == expected).all()
    assert matrix[3, names.index("instrument.cultural_institute")] > 0
    binary = CodebookVectorizer(binary=True).fit_transform([seed_paper])
    assert binary.max() == 1 and binary.nnz == (expected > 0).sum()


def test_works_in_a_pipeline_and_survives_pickle_and_clone() -> None:
    texts, countries = _speeches()
    labels = [c == "KAZ" for c in countries]
    pipeline = Pipeline([("codes", CodebookVectorizer()), ("tfidf", TfidfTransformer()),
                         ("model", LogisticRegression(max_iter=1000))])
    pipeline.fit(texts, labels)
    assert pipeline.predict(texts[:2]).shape == (2,)
    restored = pickle.loads(pickle.dumps(pipeline))
    assert (restored.predict_proba(texts[:2]) == pipeline.predict_proba(texts[:2])).all()
    fresh = clone(pipeline.named_steps["codes"])
    assert fresh.get_params()["codebook"] == "default" and not hasattr(fresh, "codebook_")
