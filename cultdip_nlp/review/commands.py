"""What each `cultdip review` verb does; review/cli.py parses the arguments."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from ..codebook import load_codebook
from ..errors import EXIT_FILE_ERRORS, EXIT_OK, EXIT_USAGE, CultdipError, ErrorCode
from ..pipeline import store_path
from ..store import Store
from . import coders, judgements, queue, spreadsheet

EXIT_PROBLEMS = EXIT_FILE_ERRORS


def _print_json(value: object) -> None:
    print(json.dumps(value, indent=2, ensure_ascii=False, default=str))


def _open(args: argparse.Namespace) -> Store:
    path = store_path(args.project)
    if not path.exists():
        raise CultdipError(ErrorCode.REVIEW_INVALID, "no project store here: run `cultdip run`"
                           " first", str(path))
    return Store(path)


def run(args: argparse.Namespace) -> int:
    handler = globals()[f"_{args.review_verb}"]
    return int(handler(args))


def _coder(args: argparse.Namespace) -> int:
    with _open(args) as store:
        if args.action == "list":
            listed = [asdict(c) for c in coders.list_coders(store.connection)]
            if args.json:
                _print_json(listed)
            else:
                for entry in listed:
                    print(f"{entry['id']}\t{entry['role']}")
            return EXIT_OK
        if not args.coder:
            print("name the coder: cultdip review coder add ann", file=sys.stderr)
            return EXIT_USAGE
        token = coders.add_coder(store.connection, args.coder, args.role)
    if args.json:
        _print_json({"coder": args.coder, "role": args.role, "token": token})
    else:
        print(f"coder {args.coder} ({args.role}); give them this token: {token}")
    return EXIT_OK


def _sample(args: argparse.Namespace) -> int:
    codes = [c.strip() for c in args.codes.split(",")] if args.codes else None
    if codes:
        known = set(load_codebook(args.codebook).code_ids)
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise CultdipError(ErrorCode.REVIEW_INVALID,
                               f"--codes not in the codebook: {', '.join(unknown)}")
    names = [c.strip() for c in args.coders.split(",") if c.strip()]
    with _open(args) as store:
        summary = queue.sample(store.connection, args.n, args.strategy, codes, names,
                               args.overlap, args.seed, getattr(args, "model", None),
                               load_codebook(args.codebook))
    if args.json:
        _print_json(asdict(summary))
    else:
        print(f"batch {summary.id}: {summary.tags} tags, {summary.items} items ({summary.strategy})")
        for coder, count in summary.per_coder.items():
            print(f"  {coder}: {count} items")
        for code, count in summary.per_code.items():
            print(f"  {code}: {count}")
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    from .server import serve

    path = store_path(args.project)
    if not path.exists():
        raise CultdipError(ErrorCode.REVIEW_INVALID, "no project store here", str(path))
    serve(path, load_codebook(args.codebook), args.host, args.port)
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    codebook = load_codebook(args.codebook)
    if args.format == "qdc":
        from .refiqda import export_qdc

        export_qdc(codebook, args.output)
        print(f"{args.output}: {len(codebook.codes)} codes")
        return EXIT_OK
    if args.format == "qdpx":
        from .refiqda import export_qdpx

        with _open(args) as store:
            summary = export_qdpx(store.connection, codebook, args.output, args.validated_only)
        print(f"{args.output}: {summary.documents} documents, {summary.selections} coded"
              f" selections, {summary.users} users")
        return EXIT_OK
    with _open(args) as store:
        rows = spreadsheet.export_xlsx(store.connection, codebook, args.output, args.coder)
    print(f"{args.output}: {rows} items")
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    codebook = load_codebook(args.codebook)
    if args.coder:
        coders.check_coder_id(args.coder)
    if args.file.suffix.lower() == ".qdpx":
        from .refiqda import import_qdpx

        with _open(args) as store:
            summary = import_qdpx(store.connection, codebook, args.file, args.coder)
        if args.json:
            _print_json(asdict(summary))
        else:
            print(f"{args.file}: {summary.accepted} accepts, {summary.added} added codes,"
                  f" {summary.unchanged} already there, {summary.skipped_machine} machine"
                  f" codings skipped, {len(summary.problems)} problems")
            for problem in summary.problems:
                print(f"  {problem}", file=sys.stderr)
        return EXIT_PROBLEMS if summary.problems else EXIT_OK
    if not args.coder:
        print("importing a spreadsheet needs --coder ID", file=sys.stderr)
        return EXIT_USAGE
    with _open(args) as store:
        report = spreadsheet.import_xlsx(store.connection, codebook, args.file, args.coder)
    if args.json:
        _print_json(asdict(report))
    else:
        print(f"{args.file}: {report.imported} judgements imported, {report.unchanged} unchanged,"
              f" {len(report.problems)} rows rejected")
        for problem in report.problems:
            print(f"  {problem}", file=sys.stderr)
    return EXIT_PROBLEMS if report.problems else EXIT_OK


def _orphans(args: argparse.Namespace) -> int:
    with _open(args) as store:
        rows = [dict(r) for r in judgements.orphaned(store.connection)]
    if args.json:
        _print_json(rows)
    else:
        print(f"{len(rows)} judgements on tags no longer produced (kept)")
        for row in rows:
            print(f"  #{row['id']} {row['coder']} {row['decision']} {row['code']} tag {row['tag_id']}"
                  f" (document {row['document_id'][:12]}, sentence {row['sentence_idx']})")
    return EXIT_OK


def _history(args: argparse.Namespace) -> int:
    with _open(args) as store:
        rows = judgements.history(store.connection, args.tag)
    if args.json:
        _print_json(rows)
    else:
        for row in rows:
            retracted = " (undone)" if row["retracted_at"] else ""
            print(f"#{row['id']} {row['coder']} {row['decision']} {row['new_code'] or ''}{retracted}")
    return EXIT_OK


def _agreement(args: argparse.Namespace) -> int:
    from .agreement import agreement

    with _open(args) as store:
        report = agreement(store.connection)
    if args.json:
        _print_json(report)
        return EXIT_OK
    rows = [(agreement_name, measures) for agreement_name, measures in
            [("(all codes)", report["overall"]), *report["per_code"].items()]]
    print(f"{'code':<34} {'units':>5} {'2+':>4} {'agree%':>7} {'alpha':>7}  kappa (pair: value)")
    for name, m in rows:
        kappas = ", ".join(f"{pair}: {v['kappa']}" for pair, v in m["cohen_kappa"].items())
        print(f"{name:<34} {m['units']:>5} {m['units_with_2_or_more_coders']:>4} "
              f"{m['percent_agreement'] if m['percent_agreement'] is not None else '-':>7} "
              f"{m['krippendorff_alpha'] if m['krippendorff_alpha'] is not None else '-':>7}  "
              f"{kappas}")
    print("\nmachine precision (accepted / judged)")
    for kind in ("per_code", "per_rule"):
        for name, c in report["machine_precision"][kind].items():
            print(f"  {name:<40} {c['accepted']:>4} / {c['judged']:<4} {c['precision']:.2f}")
    return EXIT_OK


def _adjudicate(args: argparse.Namespace) -> int:
    from .adjudication import adjudicate, disagreements

    with _open(args) as store:
        if args.tag is None:
            listed = disagreements(store.connection)
            if args.json:
                _print_json(listed)
            else:
                print(f"{len(listed)} disagreements to adjudicate")
                for d in listed:
                    votes = ", ".join(f"{c}: {v}" for c, v in d["decisions"].items())
                    print(f"  {d['tag_id']} {d['code']} [{d['matched']}] {votes}\n"
                          f"      {d['sentence']}")
            return EXIT_OK
        if not args.decision or not args.adjudicator:
            print("--tag needs --decision and --adjudicator", file=sys.stderr)
            return EXIT_USAGE
        known = set(load_codebook(args.codebook).code_ids)
        adjudication_id = adjudicate(store.connection, args.tag, args.decision,
                                     args.adjudicator, known, args.new_code, args.note)
    if args.json:
        _print_json({"id": adjudication_id, "tag_id": args.tag, "decision": args.decision})
    else:
        print(f"gold for {args.tag}: {args.decision} (by {args.adjudicator})")
    return EXIT_OK
