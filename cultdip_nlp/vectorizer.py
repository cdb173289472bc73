"""`CodebookVectorizer`: documents to a sparse document x code matrix of rule-tag counts.

Why: a researcher who models with scikit-learn wants the codebook as features next to (or
instead of) bag-of-words, inside a `Pipeline` and under cross-validation, without a project
store. The codebook is the vocabulary, so `fit` learns nothing from the data; it only loads
the codebook and builds the taggers, which keeps the transformer safe inside CV splits.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin

from .codebook import Codebook, load_codebook
from .nlp import blank_pipeline
from .tagging.component import SPANS_KEY, CultdipTagger


class CodebookVectorizer(TransformerMixin, BaseEstimator):
    """Counts the codebook's rule tags per document.

    Parameters
    ----------
    codebook: "default", a path to a codebook YAML, or None for the default.
    lang: language of the documents (en, ru, kk, ...): picks the pipeline and the patterns.
    binary: 1 when a code occurs in a document instead of its count.
    min_score: ignore tags scored below this (negated tags lowered by the codebook).
    """

    def __init__(self, codebook: str | None = "default", lang: str = "en", binary: bool = False,
                 min_score: float = 0.0) -> None:
        self.codebook = codebook
        self.lang = lang
        self.binary = binary
        self.min_score = min_score

    def fit(self, documents: Iterable[str] | None = None, y: object = None) -> "CodebookVectorizer":
        book: Codebook = load_codebook(self.codebook)
        self.codebook_ = book
        self.codebook_hash_ = book.hash
        self.feature_names_ = np.asarray(book.code_ids, dtype=object)
        self._index = {code: i for i, code in enumerate(book.code_ids)}
        self._nlp = blank_pipeline(self.lang)
        self._tagger = CultdipTagger(self._nlp, book, lang=self.lang)
        return self

    def transform(self, documents: Iterable[str]) -> sp.csr_matrix:
        if not hasattr(self, "_tagger"):
            from sklearn.exceptions import NotFittedError
            raise NotFittedError("CodebookVectorizer is not fitted yet: call fit first")
        if isinstance(documents, str):
            raise ValueError("CodebookVectorizer expects an iterable of documents, not one string")
        rows, cols, values = [], [], []
        n_documents = 0
        for row, text in enumerate(documents):
            n_documents += 1
            counts: dict[int, int] = {}
            for paragraph in str(text).split("\n\n"):  # bounded memory on long documents
                if not paragraph.strip():
                    continue
                doc = self._tagger(self._nlp(paragraph))
                for span in doc.spans[SPANS_KEY]:
                    if float(span._.cultdip_score) >= self.min_score:
                        column = self._index[span.label_]
                        counts[column] = counts.get(column, 0) + 1
            for column, count in counts.items():
                rows.append(row)
                cols.append(column)
                values.append(1 if self.binary else count)
        return sp.csr_matrix((values, (rows, cols)), shape=(n_documents, len(self._index)),
                             dtype=np.int64)

    def get_feature_names_out(self, input_features: object = None) -> np.ndarray:
        return self.feature_names_.copy()

    def __getstate__(self) -> dict:
        # spaCy pipelines are rebuilt on load: pickles (joblib, CV copies) stay small and safe.
        state = {k: v for k, v in self.__dict__.items() if k not in ("_nlp", "_tagger")}
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        if "codebook_" in state:
            self._nlp = blank_pipeline(self.lang)
            self._tagger = CultdipTagger(self._nlp, self.codebook_, lang=self.lang)


__all__ = ["CodebookVectorizer"]
