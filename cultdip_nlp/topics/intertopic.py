"""The intertopic distance map of pyLDAvis, drawn without pyLDAvis: where topics sit and how big.

Topics that share words should sit close, so a researcher sees at a glance which topics are
variants of one theme (candidates to merge, or a sign K is too large) and which stand alone.
As in pyLDAvis (Sievert and Shirley 2014): the Jensen-Shannon distance between every pair of
topic-word distributions, laid out in two dimensions by metric MDS (scikit-learn), each
topic a circle whose area is its share of the corpus. The drawing is inline SVG, so the
overview page stays one file with no scripts.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import numpy as np

WIDTH = 560
HEIGHT = 420
MARGIN = 46
MAX_RADIUS = 40.0


def jensen_shannon_distances(topic_word: np.ndarray) -> np.ndarray:
    """Square matrix of Jensen-Shannon distances (base 2, so within [0, 1]) between rows."""
    rows = np.asarray(topic_word, dtype=np.float64)
    rows = rows / rows.sum(axis=1, keepdims=True)
    k = rows.shape[0]
    distances = np.zeros((k, k))
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.where(rows > 0, np.log2(rows), 0.0)
        for i in range(k):
            for j in range(i + 1, k):
                middle = 0.5 * (rows[i] + rows[j])
                log_middle = np.where(middle > 0, np.log2(middle), 0.0)
                divergence = 0.5 * (np.sum(rows[i] * (logs[i] - log_middle))
                                    + np.sum(rows[j] * (logs[j] - log_middle)))
                distances[i, j] = distances[j, i] = np.sqrt(max(0.0, divergence))
    return distances


def topic_coordinates(topic_word: np.ndarray, seed: int = 13) -> np.ndarray:
    """2-D positions whose distances approximate the topics' Jensen-Shannon distances."""
    from sklearn.manifold import MDS

    k = topic_word.shape[0]
    if k < 3:
        return np.array([[float(i), 0.0] for i in range(k)])
    distances = jensen_shannon_distances(topic_word)
    try:  # scikit-learn >= 1.8: classical MDS start, deterministic
        mds = MDS(n_components=2, metric="precomputed", init="classical_mds", n_init=1,
                  random_state=seed)
    except TypeError:  # older scikit-learn
        mds = MDS(n_components=2, dissimilarity="precomputed", n_init=4, random_state=seed)
    return np.asarray(mds.fit_transform(distances))


def render_map_svg(coordinates: np.ndarray, sizes: Sequence[float], labels: Sequence[str],
                   seeded: Sequence[bool]) -> str:
    """Circles (area = share) at the MDS positions, numbered, linked to each topic's section."""
    if len(coordinates) == 0:
        return ""
    xy = np.asarray(coordinates, dtype=np.float64)
    low, high = xy.min(axis=0), xy.max(axis=0)
    span = np.where(high - low > 0, high - low, 1.0)
    scaled = (xy - low) / span
    largest = max(max(sizes), 1e-9)
    parts = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{WIDTH}' height='{HEIGHT}' "
             f"viewBox='0 0 {WIDTH} {HEIGHT}' role='img' aria-label='intertopic distance map'>",
             f"<rect width='{WIDTH}' height='{HEIGHT}' fill='#fafafa' stroke='#ccc'/>",
             f"<line x1='{WIDTH / 2}' y1='0' x2='{WIDTH / 2}' y2='{HEIGHT}' stroke='#e2e2e2'/>",
             f"<line x1='0' y1='{HEIGHT / 2}' x2='{WIDTH}' y2='{HEIGHT / 2}' stroke='#e2e2e2'/>",
             f"<text x='6' y='{HEIGHT - 6}' font-size='11' fill='#777'>MDS 1</text>",
             "<text x='6' y='14' font-size='11' fill='#777'>MDS 2</text>"]
    order = np.argsort(-np.asarray(sizes))  # big circles first, small ones stay visible
    for topic in order:
        x = MARGIN + scaled[topic, 0] * (WIDTH - 2 * MARGIN)
        y = HEIGHT - (MARGIN + scaled[topic, 1] * (HEIGHT - 2 * MARGIN))
        radius = max(4.0, MAX_RADIUS * float(np.sqrt(sizes[topic] / largest)))
        colour = "#7a3" if seeded[topic] else "#4a7fb5"
        parts.append(
            f"<a href='#t{topic}'><circle cx='{x:.1f}' cy='{y:.1f}' r='{radius:.1f}' "
            f"fill='{colour}' fill-opacity='0.35' stroke='{colour}'>"
            f"<title>{topic}. {escape(labels[topic])} ({sizes[topic]:.1%})</title></circle>"
            f"<text x='{x:.1f}' y='{y + 4:.1f}' font-size='11' text-anchor='middle'>"
            f"{topic}</text></a>")
    parts.append("</svg>")
    return "".join(parts)
