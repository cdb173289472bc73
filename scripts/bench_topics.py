"""Benchmark: our default topic stage against gensim, scikit-learn and tomotopy, in one run.

Corpus: the UN General Debate speeches of 2015-2024 (sessions 70-79, 1,938 documents),
unpacked from ../shared/corpus/ungdc/UNGDC_1946-2024.tar.xz. K=20 for every model.

Peers train on a plain baseline preparation (gensim simple_preprocess, gensim stop words,
filter_extremes(no_below=5, no_above=0.5)); each model's c_v is measured on the texts of the
corpus it was trained on, with gensim's CoherenceModel (top 10 words, whole documents as
reference texts). The peers are also run on our prepared corpus, so the table separates what
preparation wins from what the model wins. Times are training only, wall clock, same machine,
same run; preparation times are printed separately.

    .venv/bin/pip install tomotopy  # optional; scikit-learn is a dependency already
    .venv/bin/python scripts/bench_topics.py [--project DIR] [--skip-peers-on-ours]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CULTDIP_SHARED", ROOT.parent / "shared"))
ARCHIVE = SHARED / "corpus" / "ungdc" / "UNGDC_1946-2024.tar.xz"
SESSIONS = re.compile(r"Session 7\d - 20(1[5-9]|2[0-4])/[A-Z0-9]+_7\d_20\d\d\.txt$")
K = 20
SEED = 13


def unpack(target: Path) -> int:
    count = 0
    with tarfile.open(ARCHIVE, "r:xz") as archive:
        for member in archive:
            if member.isfile() and SESSIONS.search(member.name):
                handle = archive.extractfile(member)
                assert handle is not None
                (target / Path(member.name).name).write_bytes(handle.read())
                count += 1
    return count


def build_project(project: Path) -> None:
    if (project / "cultdip.sqlite").exists():
        return
    with tempfile.TemporaryDirectory() as folder:
        n = unpack(Path(folder))
        print(f"unpacked {n} speeches of 2015-2024", flush=True)
        cultdip = Path(sys.executable).with_name("cultdip")
        subprocess.run([str(cultdip), "run", folder, "--project", str(project), "--no-progress",
                        "--jobs", "2"], check=True, stdout=subprocess.DEVNULL)


def c_v(topics: list[list[str]], texts, dictionary) -> float:  # type: ignore[no-untyped-def]
    from cultdip_nlp.topics.model import coherence

    return coherence(topics, texts, dictionary, "c_v", topn=10, processes=2)[0]


def baseline_texts(project: Path) -> list[list[str]]:
    import sqlite3

    from gensim.parsing.preprocessing import STOPWORDS
    from gensim.utils import simple_preprocess

    connection = sqlite3.connect(project / "cultdip.sqlite")
    rows = connection.execute(
        "SELECT t.text FROM texts t JOIN documents d ON d.id = t.document_id"
        " WHERE d.status = 'ok' ORDER BY d.id")
    return [[w for w in simple_preprocess(text) if w not in STOPWORDS] for (text,) in rows]


def peers(texts: list[list[str]], label: str, rows: list[tuple[str, str, float, float]],
          dictionary=None) -> None:  # type: ignore[no-untyped-def]
    import numpy as np
    from gensim.corpora import Dictionary
    from gensim.models import LdaMulticore

    if dictionary is None:
        dictionary = Dictionary(texts)
        dictionary.filter_extremes(no_below=5, no_above=0.5, keep_n=100_000)
    texts = [[w for w in t if w in dictionary.token2id] for t in texts]
    bows = [dictionary.doc2bow(t) for t in texts]
    print(f"[{label}] {len(texts)} documents, vocabulary {len(dictionary)}, "
          f"{sum(len(t) for t in texts)} tokens", flush=True)

    started = time.perf_counter()
    lda = LdaMulticore(bows, id2word=dictionary, num_topics=K, passes=10, workers=1,
                       random_state=SEED, eval_every=None)
    seconds = time.perf_counter() - started
    topics = [[w for w, _ in lda.show_topic(k, 10)] for k in range(K)]
    rows.append(("gensim LdaMulticore, 10 passes", label, seconds,
                 c_v(topics, texts, dictionary)))
    print(rows[-1], flush=True)

    from scipy.sparse import csr_matrix
    from sklearn.decomposition import LatentDirichletAllocation

    data, indices, indptr = [], [], [0]
    for bow in bows:
        for word, count in bow:
            indices.append(word)
            data.append(count)
        indptr.append(len(indices))
    matrix = csr_matrix((data, indices, indptr), shape=(len(bows), len(dictionary)))
    started = time.perf_counter()
    sk = LatentDirichletAllocation(n_components=K, learning_method="online", random_state=SEED,
                                   n_jobs=2, max_iter=10)
    sk.fit(matrix)
    seconds = time.perf_counter() - started
    topics = [[dictionary[i] for i in np.argsort(-row)[:10]] for row in sk.components_]
    rows.append(("scikit-learn online LDA, 10 iterations", label, seconds,
                 c_v(topics, texts, dictionary)))
    print(rows[-1], flush=True)

    try:
        import tomotopy
    except ImportError:
        print("tomotopy not installed: pip install tomotopy to include it", flush=True)
        return
    model = tomotopy.LDAModel(k=K, seed=SEED)
    for text in texts:
        if text:
            model.add_doc(text)
    started = time.perf_counter()
    model.train(500, workers=2)
    seconds = time.perf_counter() - started
    topics = [[w for w, _ in model.get_topic_words(k, top_n=10)] for k in range(K)]
    rows.append(("tomotopy Gibbs LDA, 500 iterations", label, seconds,
                 c_v(topics, texts, dictionary)))
    print(rows[-1], flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--project", type=Path, default=None,
                        help="reuse (or create) this project folder")
    parser.add_argument("--skip-peers-on-ours", action="store_true")
    args = parser.parse_args()
    project = args.project or Path(tempfile.mkdtemp(prefix="bench-topics-"))
    build_project(project)

    from cultdip_nlp.codebook import load_codebook
    from cultdip_nlp.store import Store
    from cultdip_nlp.topics.settings import TopicSettings
    from cultdip_nlp.topics.stage import fit, prepared_corpus

    rows: list[tuple[str, str, float, float]] = []
    settings = TopicSettings().with_model(k=K, seed=SEED)
    with Store(project / "cultdip.sqlite") as store:
        started = time.perf_counter()
        corpus = prepared_corpus(store, project, settings)
        prepare_seconds = time.perf_counter() - started
        card = fit(store, project, load_codebook(), settings, name="bench")
    print(f"[ours] preparation {prepare_seconds:.1f} s (cached after the first run); "
          f"{corpus.stats}", flush=True)
    rows.append(("cultdip default topic stage (seeded LDA)", "ours", card["training_seconds"],
                 card["coherence"]["c_v"]))
    print(rows[-1], flush=True)

    started = time.perf_counter()
    baseline = baseline_texts(project)
    print(f"[baseline] preparation {time.perf_counter() - started:.1f} s", flush=True)
    peers(baseline, "baseline", rows)
    if not args.skip_peers_on_ours:
        peers(list(corpus.document_texts()), "ours", rows, corpus.dictionary)

    print(f"\n{'model':<44} {'corpus':<9} {'seconds':>8} {'c_v':>6}")
    for name, label, seconds, value in rows:
        print(f"{name:<44} {label:<9} {seconds:>8.1f} {value:>6.3f}")
    ours = rows[0]
    best = max(rows[1:], key=lambda r: r[3])
    print(f"\nbest peer by c_v: {best[0]} on {best[1]} corpus: c_v {best[3]:.3f} in "
          f"{best[2]:.1f} s")
    print(f"ours: c_v {ours[3]:.3f} ({ours[3] - best[3]:+.3f}), time ratio ours/best "
          f"{ours[2] / best[2]:.2f}")
    print("\nvalidity on KAZ, KOR, JPN, GBR (per document: seeded topic share vs rule-tag rate):")
    for v in card["validity"]:
        print(f"  {v['code']:<38} pearson {v['pearson']}  spearman {v['spearman']}  "
              f"({v['documents_with_rule_tags']}/{v['documents']} documents with rule tags)")
    print(f"overview: {project / 'models' / 'bench' / 'overview.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
