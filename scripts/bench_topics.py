"""Benchmark: our default topic stage against gensim, scikit-learn and tomotopy, in one run.

Corpus: the UN General Debate speeches of 2015-2024 (sessions 70-79, 1,938 documents),
unpacked from ../shared/corpus/ungdc/UNGDC_1946-2024.tar.xz. K=20 for every model.

Peers train on the plain preparation the issue describes: whole documents, gensim
simple_preprocess, gensim stop words, filter_extremes(no_below=5, no_above=0.5), about 13k
words. Ours trains on its own default preparation (`cultdip topics fit` with no options). The
peers are also run on our prepared corpus, so the table separates what preparation wins from
what the model wins.

Every model's c_v is computed by one gensim CoherenceModel (c_v, top 10 words, sliding window
110) against one reference: the plain documents (simple_preprocess, gensim stop words, no
vocabulary filter), every word mapped to its lemma, with each of our phrases ("human_right")
added as an extra token after the two words that make it (the words stay). Every model's top
words are mapped the same way (word -> lemma; the first 10 distinct), so "countries" and
"country" are one word for everyone and a phrase is scored on the same documents as its
words. Times are training only, wall clock, same machine, same run; preparation is printed
separately (ours is cached after the first run, like the plain one would be).

    .venv/bin/pip install tomotopy  # optional; scikit-learn is a dependency already
    .venv/bin/python scripts/bench_topics.py [--project DIR] [--skip-peers-on-ours] [--seed N]
"""

from __future__ import annotations

import argparse
import json
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
TOPN = 30  # ranked words kept per topic; c_v takes the first 10 distinct lemmas


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


class Reference:
    """The one reference every model's c_v is measured against (see the module docstring)."""

    def __init__(self, plain: list[list[str]], phrasegrams: set[str]) -> None:
        from gensim.corpora import Dictionary

        from cultdip_nlp.nlp import blank_pipeline

        nlp = blank_pipeline("en")
        types = sorted({w for text in plain for w in text})
        self.lemma = {w: doc[0].norm_ if len(doc) else w
                      for w, doc in zip(types, nlp.pipe(types, disable=["sentencizer"]))}
        self.texts: list[list[str]] = []
        for text in plain:
            lemmas = [self.lemma[w] for w in text]
            out: list[str] = []
            for i, lemma in enumerate(lemmas):
                out.append(lemma)
                if i and f"{lemmas[i - 1]}_{lemma}" in phrasegrams:
                    out.append(f"{lemmas[i - 1]}_{lemma}")
            self.texts.append(out)
        self.dictionary = Dictionary(self.texts)

    def canonical(self, words: list[str], topn: int = 10) -> list[str]:
        """A model's ranked top words in the reference's terms: lemmas, first `topn` distinct."""
        out: list[str] = []
        for word in words:
            if "_" not in word:
                word = self.lemma.get(word) or self._lemma(word)
            if word not in out:
                out.append(word)
        return out[:topn]

    def _lemma(self, word: str) -> str:
        from cultdip_nlp.nlp import blank_pipeline

        doc = blank_pipeline("en")(word)
        return doc[0].norm_ if len(doc) == 1 else word

    def c_v(self, models: dict[str, list[list[str]]]) -> dict[str, tuple[float, int]]:
        """Mean c_v per model and how many of its top words the reference lacks, in one pass."""
        import numpy as np
        from gensim.models import CoherenceModel

        names, topics = [], []
        for name, model_topics in models.items():
            for words in model_topics:
                names.append(name)
                topics.append(self.canonical(words))
        missing = {name: 0 for name in models}
        for name, words in zip(names, topics):
            missing[name] += sum(w not in self.dictionary.token2id for w in words)
        model = CoherenceModel(topics=topics, texts=self.texts, dictionary=self.dictionary,
                               coherence="c_v", topn=10, processes=2)
        per_topic = model.get_coherence_per_topic()
        return {name: (float(np.mean([v for n, v in zip(names, per_topic) if n == name])),
                       missing[name]) for name in models}


def baseline_texts(project: Path) -> list[list[str]]:
    import sqlite3

    from gensim.parsing.preprocessing import STOPWORDS
    from gensim.utils import simple_preprocess

    connection = sqlite3.connect(project / "cultdip.sqlite")
    rows = connection.execute(
        "SELECT t.text FROM texts t JOIN documents d ON d.id = t.document_id"
        " WHERE d.status = 'ok' ORDER BY d.id")
    return [[w for w in simple_preprocess(text) if w not in STOPWORDS] for (text,) in rows]


Row = tuple[str, str, float, list[list[str]]]  # model, corpus, seconds, top words per topic


def peers(texts: list[list[str]], label: str, rows: list[Row], seed: int = SEED,
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
                       random_state=seed, eval_every=None)
    seconds = time.perf_counter() - started
    rows.append(("gensim LdaMulticore, 10 passes", label, seconds,
                 [[w for w, _ in lda.show_topic(k, TOPN)] for k in range(K)]))
    print(rows[-1][:3], flush=True)

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
    sk = LatentDirichletAllocation(n_components=K, learning_method="online", random_state=seed,
                                   n_jobs=2, max_iter=10)
    sk.fit(matrix)
    seconds = time.perf_counter() - started
    rows.append(("scikit-learn online LDA, 10 iterations", label, seconds,
                 [[dictionary[i] for i in np.argsort(-row)[:TOPN]] for row in sk.components_]))
    print(rows[-1][:3], flush=True)

    try:
        import tomotopy
    except ImportError:
        print("tomotopy not installed: pip install tomotopy to include it", flush=True)
        return
    model = tomotopy.LDAModel(k=K, seed=seed)
    for text in texts:
        if text:
            model.add_doc(text)
    started = time.perf_counter()
    model.train(500, workers=2)
    seconds = time.perf_counter() - started
    rows.append(("tomotopy Gibbs LDA, 500 iterations", label, seconds,
                 [[w for w, _ in model.get_topic_words(k, top_n=TOPN)] for k in range(K)]))
    print(rows[-1][:3], flush=True)


def every_document_validity(project: Path, corpus, card: dict) -> list[dict]:  # type: ignore[no-untyped-def, type-arg]
    """Seeded topic share vs rule-tag rate per document, over every country's speeches."""
    from cultdip_nlp.store import Store
    from cultdip_nlp.topics.inference import corpus_shares
    from cultdip_nlp.topics.persistence import load_model
    from cultdip_nlp.topics.validity import seeded_validity

    model = load_model(project / "models" / card["name"])
    shares = corpus_shares(model.lda, corpus)
    codes = {s["topic"]: s["code"] for s in card["seeded_topics"]}
    with Store(project / "cultdip.sqlite") as store:
        countries = tuple(r[0] for r in store.connection.execute(
            "SELECT DISTINCT country FROM documents WHERE country IS NOT NULL"))
        return seeded_validity(store.connection, shares, codes, countries)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--project", type=Path, default=None,
                        help="reuse (or create) this project folder")
    parser.add_argument("--skip-peers-on-ours", action="store_true")
    parser.add_argument("--seed", type=int, default=SEED,
                        help=f"random seed of every model, ours and the peers' (default {SEED})")
    args = parser.parse_args()
    project = args.project or Path(tempfile.mkdtemp(prefix="bench-topics-"))
    build_project(project)

    from cultdip_nlp.codebook import load_codebook
    from cultdip_nlp.store import Store
    from cultdip_nlp.topics.settings import TopicSettings
    from cultdip_nlp.topics.stage import fit, prepared_corpus

    rows: list[Row] = []
    settings = TopicSettings().with_model(seed=args.seed)
    assert settings.model.k == K, "the default K is what the issue compares"
    with Store(project / "cultdip.sqlite") as store:
        started = time.perf_counter()
        corpus = prepared_corpus(store, project, settings)
        prepare_seconds = time.perf_counter() - started
        card = fit(store, project, load_codebook(), settings, name="bench")
        unseeded = fit(store, project, load_codebook(), settings.with_model(seeded=False),
                       name="bench-unseeded")
        # The stage before the NMF warm start, for the before/after comparison in one run.
        cold = fit(store, project, load_codebook(),
                   settings.with_model(warm_start="none", passes=8), name="bench-cold")
    print(f"[ours] preparation {prepare_seconds:.1f} s (cached after the first run); "
          f"{corpus.stats}; own c_v {card['coherence']['c_v']}", flush=True)
    ours = [("cultdip default topic stage (seeded LDA)", card, "bench"),
            ("cultdip topics fit --unseeded", unseeded, "bench-unseeded"),
            ("... --warm-start none --passes 8 (before)", cold, "bench-cold")]
    for name, model_card, folder in ours:
        topics = json.loads((project / "models" / folder / "topics.json").read_text("utf-8"))
        rows.append((name, "ours", model_card["training_seconds"],
                     [[w for w, _ in t["terms"][:TOPN]] for t in topics]))

    started = time.perf_counter()
    plain = baseline_texts(project)
    print(f"[baseline] preparation {time.perf_counter() - started:.1f} s", flush=True)
    peers(plain, "baseline", rows, args.seed)
    if not args.skip_peers_on_ours:
        peers(list(corpus.document_texts()), "ours", rows, args.seed, corpus.dictionary)

    started = time.perf_counter()
    reference = Reference(plain, set(corpus.phrases.phrasegrams))
    scores = reference.c_v({f"{name}|{label}": words for name, label, _, words in rows})
    print(f"[reference] {len(reference.texts)} documents, vocabulary "
          f"{len(reference.dictionary)}, {sum(len(t) for t in reference.texts)} tokens; "
          f"c_v of every model in {time.perf_counter() - started:.1f} s", flush=True)

    table = [(name, label, seconds, *scores[f"{name}|{label}"])
             for name, label, seconds, _ in rows]
    print(f"\n{'model':<44} {'corpus':<9} {'seconds':>8} {'c_v':>6}  words missing")
    for name, label, seconds, value, missing in table:
        print(f"{name:<44} {label:<9} {seconds:>8.1f} {value:>6.3f}  {missing}")
    for name, label, _, words in rows:
        print(f"\n{name} on {label}:")
        for k, topic in enumerate(words):
            print(f"  {k:>2} {' '.join(reference.canonical(topic))}")
    best = max(table[len(ours):], key=lambda r: r[3])
    print(f"\nbest peer by c_v: {best[0]} on {best[1]} corpus: c_v {best[3]:.3f} in "
          f"{best[2]:.1f} s")
    for mine in table[:len(ours)]:
        print(f"{mine[0]}: c_v {mine[3]:.3f} ({mine[3] - best[3]:+.3f}), time ratio "
              f"ours/best {mine[2] / best[2]:.2f}")
    for label, model_card in [("default", card), ("before: --warm-start none --passes 8", cold)]:
        print(f"\nvalidity of {label} on KAZ, KOR, JPN, GBR (per document: seeded topic share "
              "vs rule-tag rate):")
        for v in model_card["validity"]:
            print(f"  {v['code']:<38} pearson {v['pearson']}  spearman {v['spearman']}  "
                  f"({v['documents_with_rule_tags']}/{v['documents']} documents with rule "
                  "tags)")
    print("\nvalidity on every document (the same measure over all speeches, not only the "
          "focal countries'):")
    for label, model_card in [("default", card), ("before", cold)]:
        for v in every_document_validity(project, corpus, model_card):
            print(f"  {label:<7} {v['code']:<38} pearson {v['pearson']}  spearman "
                  f"{v['spearman']}  ({v['documents_with_rule_tags']}/{v['documents']} "
                  "documents with rule tags)")
    print(f"overview: {project / 'models' / 'bench' / 'overview.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
