"""The `cultdip learn` verbs: train, apply, feedback."""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict
from pathlib import Path

from ..codebook import load_codebook
from ..pipeline import new_run, store_path
from ..rule_verdicts import doubtful_rules
from ..store import Store
from .apply import as_tags, suggest
from .candidates import train_groups
from .classifier import (judgements_needed, learning_curve, load, plot_learning_curve, save,
                         train)
from .distant import load as load_distant
from .examples import labelled_sentences, weak_negatives
from .feedback import rule_quality, uncovered_phrases


def _print_json(value: object) -> None:
    print(json.dumps(value, indent=2, ensure_ascii=False, default=str))


def cmd_train(args: argparse.Namespace) -> int:
    codebook = load_codebook(args.codebook)
    with Store(store_path(args.project)) as store:
        sentences = labelled_sentences(store.connection)
        weak = weak_negatives(store.connection, sentences, codebook.code_ids,
                              args.weak_negatives, seed=args.seed)
        judged_ids = sorted({s.document_id for s in sentences})
        judged_names = {Path(str(row[0])).name for row in store.connection.execute(
            f"SELECT path FROM documents WHERE id IN ({','.join('?' * len(judged_ids))})",
            judged_ids)}
    if not sentences:
        print(f"{store_path(args.project)}: no judgements yet; review some tags first",
              file=sys.stderr)
        return 2
    features = getattr(args, "features", "word+char")
    vectors = getattr(args, "vectors", None)
    if "vectors" in features and vectors is None:
        print("--features word+char+vectors needs --vectors FOLDER (scripts/build_vectors.py"
              " builds models/vectors-ungdc)", file=sys.stderr)
        return 2
    distant, distant_id = [], ""
    if getattr(args, "distant", None) is not None:
        try:
            distant, distant_card = load_distant(args.distant, codebook.hash)
        except (FileNotFoundError, ValueError) as error:
            print(error, file=sys.stderr)
            return 2
        distant_id = str(distant_card["id"])
        overlap = sorted({d.source for d in distant} & judged_names)
        if overlap:
            print(f"{args.distant}: distant examples come from judged documents "
                  f"({', '.join(overlap[:5])}); rebuild them without those speeches",
                  file=sys.stderr)
            return 2
    try:
        models, card = train(sentences + weak, codebook.code_ids, codebook.hash,
                             seed=args.seed, target_precision=args.target_precision,
                             threshold_scope=args.threshold_scope,
                             min_support=args.min_support, features=features,
                             vectors=vectors, distant=distant,
                             distant_weight=getattr(args, "distant_weight", 0.3),
                             distant_id=distant_id, codebook=args.codebook,
                             agreement=getattr(args, "agreement", "group"),
                             parameters={"weak_negatives": args.weak_negatives,
                                         "weak_negative_sentences": len(weak)})
    except (FileNotFoundError, ValueError) as error:
        print(error, file=sys.stderr)
        return 2
    card.learning_curve = learning_curve(sentences + weak, [m.code for m in card.metrics],
                                         seed=args.seed)
    card.judgements_needed = judgements_needed(card.learning_curve, args.target_precision)
    group_models, card.group_models = train_groups(sentences + weak, seed=args.seed)
    target = save(models, card, args.models, group_models)
    plot_learning_curve(card.learning_curve, target / "learning_curve.png")
    if args.json:
        _print_json({"model": str(target), **asdict(card)})
        return 0
    print(f"trained {len(models)} classifiers on {len(sentences)} judged sentences"
          f" (+{len(weak)} weak negatives) -> {target}")
    print(f"{'code':40} {'pos':>4} {'neg':>4} {'miss':>4} {'P':>6} {'R':>6} {'F1':>6} "
          f"{'thr':>6} {'P@thr':>6} {'R@thr':>6}")
    for m in card.metrics:
        print(f"{m.code:40} {m.positives:4} {m.negatives:4} {m.missed_by_rules:4} "
              f"{m.precision:6.3f} {m.recall:6.3f} {m.f1:6.3f} {m.threshold:6.3f} "
              f"{m.precision_at_threshold:6.3f} {m.recall_at_threshold:6.3f}")
    print("  miss = positives the rules did not tag; P@thr, R@thr measured on those pairs only")
    for code, reason in sorted(card.skipped.items()):
        if not reason.startswith("0 positive"):
            print(f"  skipped {code}: {reason}")
    keys = [k for k in card.learning_curve[0] if k != "judged_sentences"] \
        if card.learning_curve else []
    print("learning curve (cross-validated; AP = average precision, threshold-free):")
    print("  " + f"{'judged':>7} " + " ".join(f"{k:>15}" for k in keys))
    for point in card.learning_curve:
        print("  " + f"{point['judged_sentences']:7} "
              + " ".join(f"{point[k]:15.3f}" for k in keys))
    print(f"  plot: {target / 'learning_curve.png'}")
    print(f"judged sentences needed for AP {args.target_precision} (log fit of the curve;"
          " a rough guide):")
    for group, needed in card.judgements_needed.items():
        print(f"  {group:10} " + (f"about {needed:,}" if needed is not None else
                                  "not on the present trend (flat, or beyond 100 times"
                                  " the sentences judged so far)"))
    return 0


def cmd_apply(args: argparse.Namespace) -> int:
    models, card = load(args.model)
    thresholds = dict(card["parameters"]["thresholds"])  # type: ignore[index]
    started = time.perf_counter()
    total = 0
    with Store(store_path(args.project)) as store:
        codebook_hash = str(card["codebook_hash"])
        run = new_run("learn apply", None, {"model": str(args.model), "model_id": card["id"]})
        store.start_run(run)
        for row in store.documents("ok"):
            suggestions = suggest(store.connection, row["id"], models, thresholds)
            store.replace_source_tags(row["id"], "classifier",
                                      as_tags(suggestions, str(card["id"]), codebook_hash),
                                      run.id)
            total += len(suggestions)
        store.finish_run(run.id, {"classifier_tags": total})
    result = {"model": card["id"], "classifier_tags": total,
              "seconds": round(time.perf_counter() - started, 2)}
    if args.json:
        _print_json(result)
    else:
        print(f"{total} classifier tags from {card['id']} in {result['seconds']} s")
    return 0


def cmd_feedback(args: argparse.Namespace) -> int:
    codebook = load_codebook(args.codebook)
    with Store(store_path(args.project)) as store:
        quality = rule_quality(store.connection)
        phrases = uncovered_phrases(store.connection, codebook)
        doubtful = doubtful_rules(store.connection)
    if args.json:
        _print_json({"rules": [{**asdict(q), "precision": round(q.precision, 4)}
                               for q in quality],
                     "doubtful_rules": [asdict(v) for v in doubtful],
                     "uncovered_phrases": phrases})
        return 0
    print(f"{'rule':45} {'judged':>6} {'P':>6}  (worst first)")
    for q in quality:
        print(f"{q.rule:45} {q.judged:6} {q.precision:6.3f}")
        for example in q.rejected_examples[:2]:
            print(f"    rejected: {example[:110]}")
    print(f"{len(doubtful)} doubtful rules (rejected or relabelled more often than accepted):"
          " `cultdip matrix --apply-rule-verdicts` holds back their unjudged tags, or counts"
          " them under the code coders relabel them to")
    for v in doubtful:
        relabels = ", ".join(f"{code} {n}" for code, n in sorted(v.relabelled.items()))
        print(f"    {v.rule}: {v.accepted} accepted, {v.rejected} rejected"
              + (f", relabelled to {relabels}" if relabels else "")
              + (f" -> counted as {v.relabel_to}" if v.relabel_to else " -> held back"))
    for code, ranked in phrases.items():
        print(f"{code}: phrases in accepted suggestions no rule covers: "
              + ", ".join(f"{g} ({c})" for g, c in ranked))
    return 0
