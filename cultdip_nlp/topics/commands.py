"""`cultdip topics fit|sweep|show|apply`: what each verb does (cli.py only parses).

Only argparse is imported at the top: `cultdip --help` must not wait for gensim and spaCy.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from typing import TYPE_CHECKING

from ..errors import CultdipError, ErrorCode

if TYPE_CHECKING:
    from ..store import Store
    from .settings import TopicSettings


def _print_json(value: object) -> None:
    print(json.dumps(value, indent=2, ensure_ascii=False, default=str))


def _open_store(project: Path) -> "Store":
    from ..pipeline import store_path
    from ..store import Store

    path = store_path(project)
    if not path.exists():
        raise CultdipError(ErrorCode.TOPIC_CORPUS_EMPTY,
                           "no store here; run `cultdip ingest` or `cultdip run` first", str(path))
    return Store(path)


def settings_from(args: argparse.Namespace) -> "TopicSettings":
    from .settings import TopicSettings

    settings = TopicSettings()
    model = {"seed": args.seed, "passes": args.passes, "seeded": not args.unseeded,
             "workers": args.workers, "min_seed_frequency": args.min_seed_frequency,
             "max_seeded": args.max_seeded, "min_rule_sentences": args.min_rule_sentences,
             "seed_weight": args.seed_weight, "warm_start": args.warm_start}
    if getattr(args, "k", None) and isinstance(args.k, int):
        model["k"] = args.k
    settings = settings.with_model(**{k: v for k, v in model.items() if v is not None})
    prepare = {"unit_sentences": args.unit_sentences, "no_below": args.no_below,
               "no_above": args.no_above}
    if args.boilerplate:
        words = tuple(w.strip() for w in Path(args.boilerplate).read_text(
            encoding="utf-8").splitlines() if w.strip() and not w.startswith("#"))
        prepare["boilerplate"] = settings.prepare.boilerplate + words
    return settings.with_prepare(**{k: v for k, v in prepare.items() if v is not None})


def cmd_topics(args: argparse.Namespace) -> int:
    return {"fit": _fit, "sweep": _sweep, "show": _show, "apply": _apply}[args.topics_verb](args)


def _fit(args: argparse.Namespace) -> int:
    from ..codebook import load_codebook
    from .persistence import OVERVIEW_FILE, models_folder
    from .stage import fit

    codebook = load_codebook(args.codebook)
    with _open_store(args.project) as store:
        card = fit(store, args.project, codebook, settings_from(args), name=args.name,
                   progress=not args.no_progress)
    if args.json:
        _print_json(card)
        return 0
    folder = models_folder(args.project) / args.name
    print(f"model {card['model_id']}: K={card['parameters']['k']}, "
          f"{len(card['seeded_topics'])} seeded; c_v {card['coherence']['c_v']}, "
          f"NPMI {card['coherence']['npmi']}, diversity {card['diversity']}; "
          f"trained in {card['training_seconds']} s")
    print(f"  overview: {folder / OVERVIEW_FILE}\n  names: {folder / 'labels.yaml'}")
    return 0


def _sweep(args: argparse.Namespace) -> int:
    from ..codebook import load_codebook
    from .persistence import SWEEP_FILE, models_folder
    from .stage import plot_sweep, sweep

    codebook = load_codebook(args.codebook)
    with _open_store(args.project) as store:
        results = sweep(store, args.project, codebook, settings_from(args), list(args.k),
                        progress=not args.no_progress, held_out=args.held_out)
    folder = models_folder(args.project)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / SWEEP_FILE).write_text(json.dumps(results, indent=2), encoding="utf-8")
    plot = plot_sweep(results, args.plot or folder / "sweep.png")
    if args.json:
        _print_json(results)
        return 0
    print(f"{'K':>4} {'c_v':>7} {'NPMI':>7} {'perplexity':>11} {'diversity':>9} {'seconds':>8}"
          "   (perplexity on held-out units)")
    for r in results:
        print(f"{r['k']:>4} {r['c_v']:>7.3f} {r['npmi']:>7.3f} {r['perplexity']:>11.1f} "
              f"{r['diversity']:>9.3f} {r['seconds']:>8.1f}")
    print(f"plot: {plot}")
    return 0


def _show(args: argparse.Namespace) -> int:
    from .persistence import OVERVIEW_FILE, load_model

    model = load_model(args.model, args.project)
    topics = [{**t, "label": model.labels.get(t["topic"], t["label"])} for t in model.topics]
    if args.json:
        _print_json({"card": model.card, "topics": topics})
        return 0
    card = model.card
    print(f"model {card['model_id']}  c_v {card['coherence']['c_v']}  "
          f"NPMI {card['coherence']['npmi']}  corpus {card['corpus']['hash'][:12]}")
    for t in topics:
        code = f" [{t['code']}]" if t["code"] else ""
        print(f"{t['topic']:>3} {t['size']:6.1%} {t['label']}{code}")
        print("      " + " ".join(w for w, _ in t["terms"][:10]))
    if card.get("validity"):
        print("validity (focal countries: topic share vs rule-tag rate per document):")
        for v in card["validity"]:
            print(f"  {v['code']:<36} r={v['pearson']}  rho={v['spearman']}  "
                  f"({v['documents_with_rule_tags']}/{v['documents']} documents with rule tags)")
    print(f"overview: {model.folder / OVERVIEW_FILE}")
    return 0


def _apply(args: argparse.Namespace) -> int:
    from .persistence import load_model
    from .stage import apply

    model = load_model(args.model, args.project)
    with _open_store(args.project) as store:
        counts = apply(store, model, threshold=args.threshold)
    counts_out = {"model": model.id, **counts}
    if args.json:
        _print_json(counts_out)
    else:
        print(f"model {model.id}: {counts['tags']} topic tags on {counts['documents']} documents")
    return 0


def add_topics_parser(verbs: argparse._SubParsersAction, add_project, add_codebook,  # type: ignore[no-untyped-def]
                      help_text) -> None:
    raw = argparse.RawDescriptionHelpFormatter
    topics = verbs.add_parser("topics", help="topic models: fit, sweep K, show, apply as tags")
    topic_verbs = topics.add_subparsers(dest="topics_verb", required=True, metavar="VERB")

    def common(parser: argparse.ArgumentParser) -> None:
        add_project(parser)
        add_codebook(parser)
        parser.add_argument("--seed", type=int, default=None, help="random seed (default 13)")
        parser.add_argument("--passes", type=int, default=None)
        parser.add_argument("--workers", type=int, default=None,
                            help="processes; >1 is faster but not bit-reproducible")
        parser.add_argument("--unseeded", action="store_true", help="plain LDA, no seeds")
        parser.add_argument("--warm-start", choices=("nmf", "none"), default=None,
                            help="where topics start: NMF themes and the seeds' contexts "
                                 "(default nmf) or random (none)")
        parser.add_argument("--min-seed-frequency", type=int, default=None,
                            help="seed a code only if its seed words occur this often "
                                 "(default 30; lower it for small corpora)")
        parser.add_argument("--max-seeded", type=int, default=None,
                            help="at most this many seeded topics (default 4)")
        parser.add_argument("--min-rule-sentences", type=int, default=None,
                            help="seed a code only if its rules tagged this many sentences "
                                 "(default 20)")
        parser.add_argument("--seed-weight", type=float, default=None,
                            help="a seed word's prior in its topic, as a share of its corpus "
                                 "frequency (default 0.05)")
        parser.add_argument("--unit-sentences", type=int, default=None,
                            help="sentences per modelling unit (0: whole documents)")
        parser.add_argument("--no-below", type=int, default=None,
                            help="keep words in at least this many units (default 5, or "
                                 "0.15%% of the units if more)")
        parser.add_argument("--no-above", type=float, default=None,
                            help="drop words in more than this share of units (default 0.08)")
        parser.add_argument("--boilerplate", default=None,
                            help="file of extra boilerplate phrases to drop, one per line")
        parser.add_argument("--no-progress", action="store_true")
        parser.add_argument("--json", action="store_true")

    fit = topic_verbs.add_parser("fit", help="train a model into models/NAME",
                                 formatter_class=raw, description=help_text("""
        Train seeded LDA on the stored documents: codes of the codebook whose seed words
        occur in the corpus get a topic each (at most half of K), the rest are free topics.
        Writes models/NAME/ with card.json, topics.json, labels.yaml (your names, kept on
        refit), document_topics.csv and overview.html.

        Example: cultdip topics fit --project out --k 20 --name un"""))
    common(fit)
    fit.add_argument("--k", type=int, default=None, help="number of topics (default 20)")
    fit.add_argument("--name", default="lda", help="model name (folder under models/)")

    sweep = topic_verbs.add_parser("sweep", help="coherence, perplexity, diversity per K",
                                   formatter_class=raw, description=help_text("""
        Fit one model per K on the same prepared corpus and report c_v and NPMI coherence,
        perplexity on held-out units (a fixed-seed share of the units that no K trains on)
        and topic diversity, with a plot (models/sweep.png).

        Example: cultdip topics sweep --project out --k 10 20 30"""))
    common(sweep)
    sweep.add_argument("--k", type=int, nargs="+", required=True)
    sweep.add_argument("--plot", type=Path, default=None)
    sweep.add_argument("--held-out", type=float, default=0.1, metavar="FRACTION",
                       help="share of units set aside for held-out perplexity (default 0.1)")

    show = topic_verbs.add_parser("show", help="a model's topics, labels and validity",
                                  formatter_class=raw, description=help_text("""
        Example: cultdip topics show un --project out"""))
    show.add_argument("model", help="model name under models/ or a model folder")
    add_project(show)
    show.add_argument("--json", action="store_true")

    apply = topic_verbs.add_parser("apply", help="add topic tags to the store",
                                   formatter_class=raw, description=help_text("""
        Tag every stored sentence whose share of a seeded topic reaches the threshold:
        source "topic", rule "topic:MODEL-ID:K", the share as score. Replaces the model's
        earlier topic tags; rule tags and judgements are untouched.

        Example: cultdip topics apply un --project out --threshold 0.5"""))
    apply.add_argument("model")
    add_project(apply)
    apply.add_argument("--threshold", type=float, default=0.5)
    apply.add_argument("--json", action="store_true")


def topic_tags_for_annotate(model_reference: str):  # type: ignore[no-untyped-def]
    """A function (sentences, rule tags) -> topic tag dicts, for `cultdip annotate --topics`."""
    from .inference import SentenceInput, sentence_topic_tags
    from .persistence import load_model
    from .prepare import Lemmatizer

    model = load_model(model_reference)
    lemmatizer = Lemmatizer(model.corpus.settings)
    codebook_hash = str(model.card["codebook"]["hash"])

    def tags(sentences, rule_tags=()) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
        inputs = [SentenceInput("annotate", s.index, s.start, s.end, s.text) for s in sentences]
        return [{"code": t.code, "start": t.start, "end": t.end, "text": t.text,
                 "source": t.source, "rule": t.rule, "score": t.score}
                for t in sentence_topic_tags(model.lda, model.corpus, lemmatizer, inputs,
                                             model.topic_codes, model.id, codebook_hash)]
    return tags


__all__ = ["add_topics_parser", "cmd_topics", "topic_tags_for_annotate"]
