"""What each CLI verb does; `cli.py` only parses arguments and hands them here."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .codebook import Codebook, load_codebook
from .errors import EXIT_FILE_ERRORS, EXIT_OK, EXIT_USAGE
from .pipeline import (Settings, Summary, default_jobs, new_run, run_batch, store_path,
                       tag_documents)
from .store import Store

if TYPE_CHECKING:
    from .matrix_run import MatrixOptions



def _print_json(value: object) -> None:
    print(json.dumps(value, indent=2, ensure_ascii=False, default=str))


def _print_summary(summary: Summary, project: Path, as_json: bool, verb: str) -> None:
    if as_json:
        _print_json(summary.as_dict())
        return
    out = sys.stdout
    print(f"\ncultdip {verb}: {summary.files} files in {summary.seconds:.1f} s", file=out)
    print(f"  documents: {summary.processed} processed, {summary.unchanged} unchanged "
          "(already in the store, not read again), "
          f"{len(summary.errors)} with errors", file=out)
    print(f"  pages: {summary.pages}   sentences: {summary.sentences}", file=out)
    if summary.ocr_pages or summary.pages_needing_ocr or summary.failed_pages:
        print(f"  OCR pages: {summary.ocr_pages}   pages needing OCR: "
              f"{summary.pages_needing_ocr}   failed pages: {summary.failed_pages}", file=out)
    if summary.tables or summary.footnotes:
        print(f"  PDF tables stored: {summary.tables}   footnote blocks: {summary.footnotes}"
              " (out of sentences unless --keep-footnotes)", file=out)
    if summary.errors:
        codes = summary.as_dict()["errors_by_code"]
        print("  errors by code: " + ", ".join(f"{code} x{count}" for code, count
                                                in codes.items()), file=out)  # type: ignore[union-attr]
    if summary.tags_by_group:
        groups = ", ".join(f"{group} {count}" for group, count in
                           sorted(summary.tags_by_group.items()))
        print(f"  tags: {sum(summary.tags_by_group.values())} ({groups})", file=out)
    elif verb != "ingest":
        print("  tags: none new", file=out)
    for problem in summary.problems:
        print(f"  warning: {problem}", file=out)
    if summary.errors:
        print("  errors:", file=out)
        for _, _, message in summary.errors:
            print(f"    {message}", file=out)
    if summary.interrupted:
        print("  interrupted: what finished is stored; run the same command again to resume",
              file=out)
    print(f"  store: {store_path(project)}", file=out)


def _settings(args: argparse.Namespace, tag: bool) -> Settings:
    jobs = args.jobs if getattr(args, "jobs", None) else default_jobs()
    from .limits import DEFAULT_MEMORY_MB, DEFAULT_SECONDS, Limits

    limits = Limits(seconds=getattr(args, "time_limit", DEFAULT_SECONDS),
                    memory_mb=getattr(args, "memory_limit", DEFAULT_MEMORY_MB))
    executor = getattr(args, "executor", None) or "local"
    parquet = getattr(args, "parquet", None) or (args.project / "parquet")
    from .ingest.page_clock import DEFAULT_PAGE_SECONDS
    from .ingest.reader import ReadOptions

    read = ReadOptions(ocr=not getattr(args, "no_ocr", False),
                       tables=getattr(args, "tables", False),
                       keep_footnotes=getattr(args, "keep_footnotes", False),
                       page_seconds=getattr(args, "page_time_limit", DEFAULT_PAGE_SECONDS))
    return Settings(codebook=getattr(args, "codebook", None), tag=tag, jobs=jobs,
                    retry_errors=getattr(args, "retry_errors", False), limits=limits,
                    executor=executor, scheduler=getattr(args, "scheduler", None),
                    parquet=str(parquet) if executor == "dask" else None, read=read)


def _exit_status(summary: Summary) -> int:
    if summary.interrupted:
        return 130
    return EXIT_FILE_ERRORS if summary.errors else EXIT_OK


def cmd_run(args: argparse.Namespace) -> int:
    settings = _settings(args, tag=True)
    summary = run_batch(args.paths, args.project, settings, command="run",
                        progress=not args.no_progress)
    if not summary.interrupted:
        codebook = load_codebook(settings.codebook)
        written = write_all_matrices(args.project, codebook,
                                     reuse=summary.processed == 0)
        if not args.json:
            folders = sorted({str(p.parent) for p in written})
            key = [p.name for p in written if p.suffix in (".xlsx", ".png", ".html")]
            print(f"  outputs: {len(written)} files in {', '.join(folders)} "
                  f"(CSV and Parquet per matrix; {', '.join(key)})")
    _print_summary(summary, args.project, args.json, "run")
    return _exit_status(summary)


def cmd_ingest(args: argparse.Namespace) -> int:
    summary = run_batch(args.paths, args.project, _settings(args, tag=False), command="ingest",
                        progress=not args.no_progress)
    _print_summary(summary, args.project, args.json, "ingest")
    return _exit_status(summary)


def cmd_tag(args: argparse.Namespace) -> int:
    codebook = load_codebook(args.codebook)
    started = time.perf_counter()
    with Store(store_path(args.project)) as store:
        run = new_run("tag", codebook, {"codebook": args.codebook or "default",
                                        "force": args.force})
        store.start_run(run)
        summary = tag_documents(store, codebook, run.id, force=args.force,
                                progress=not args.no_progress,
                                limits=_settings(args, tag=True).limits)
        summary.seconds = time.perf_counter() - started
        store.finish_run(run.id, summary.as_dict())
    summary.files = summary.processed + len(summary.errors)
    _print_summary(summary, args.project, args.json, "tag")
    return _exit_status(summary)


def write_all_matrices(project: Path, codebook: Codebook, options: "MatrixOptions | None" = None,
                       directory: Path | None = None, reuse: bool = False) -> list[Path]:
    """Write the matrix files; with `reuse`, leave them be when their inputs or their content
    are unchanged (see outputs_fingerprint.py)."""
    from .outputs_fingerprint import fingerprint, inputs_key, inputs_unchanged, remember, unchanged

    target = directory or project
    with Store(store_path(project)) as store:
        inputs = inputs_key(store.changes(), codebook.hash,
                            options.as_dict() if options else "default")
        if reuse:
            kept = inputs_unchanged(target, inputs)
            if kept is not None:
                return kept
        from .matrix_run import MatrixOptions, build, write
        from .selection import Selection

        options = options or MatrixOptions(selection=Selection(codebook_hash=codebook.hash))
        results = build(store.connection, codebook, options)
        provenance = _provenance(store, codebook)
    value = fingerprint({**results.matrices, "evidence": results.evidence,
                         "time": results.time},
                        codebook.hash + json.dumps(options.as_dict(), sort_keys=True,
                                                   default=str))
    if reuse:
        kept = unchanged(target, value)
        if kept is not None:
            remember(target, value, kept, inputs)
            return kept
    provenance["tag_sources"] = ",".join(options.selection.sources)
    provenance["case"] = options.selection.case
    provenance["filters"] = options.selection.as_dict()
    written = write(results, target, codebook, provenance)
    remember(target, value, written, inputs)
    return written


def _matrix_from_parquet(args: argparse.Namespace, codebook: Codebook) -> int:
    """`cultdip matrix --from-parquet DIR`: counts from a Dask run's Parquet, no store."""
    folder = args.from_parquet
    if args.value not in (None, "count") or args.case != "document" or any(
            (args.source, args.validated_only, args.exclude_rejected,
             args.apply_rule_verdicts, args.years,
             args.doc_type, args.language, args.codes, args.cases)):
        print("cultdip matrix: --from-parquet gives tag counts per document country "
              "(--value count) without filters; use the store for the others",
              file=sys.stderr)
        return EXIT_USAGE
    if not (folder / "tags").is_dir() or not (folder / "documents").is_dir():
        print(f"cultdip matrix: {folder}: no tags/ and documents/ Parquet partitions here "
              "(written by `cultdip run --executor dask --parquet DIR`)", file=sys.stderr)
        return EXIT_USAGE
    from .executor_dask import matrices_from_parquet

    table = matrices_from_parquet(folder, codebook.hash)
    table.index.name, table.columns.name = "case", None

    def write_file(path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix.lower() == ".parquet":
            table.to_parquet(path)
        else:
            table.to_csv(path)

    return _emit_matrix(table, args, write_file)


def _provenance(store: Store, codebook: Codebook) -> dict[str, object]:
    runs = store.runs()
    last = runs[-1] if runs else {}
    documents = store.connection.execute(
        "SELECT COUNT(*), SUM(status = 'ok'), SUM(n_sentences) FROM documents").fetchone()
    return {
        "created": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        "store": str(store.path),
        "codebook": f"{codebook.name} {codebook.version}",
        "codebook_hash": codebook.hash,
        "codebook_source": codebook.source,
        "tag_sources": "rule",
        "case": "document country",
        "documents": documents[0], "documents_ok": documents[1] or 0,
        "sentences": documents[2] or 0,
        "last_run": last.get("id", ""),
        "last_run_parameters": json.loads(str(last.get("parameters") or "{}")),
        "versions": json.loads(str(last.get("versions") or "{}")),
    }


def _year_range(text: str) -> tuple[int, int]:
    low, _, high = text.partition("-")
    return int(low), int(high or low)


def matrix_options(args: argparse.Namespace, codebook: Codebook) -> "MatrixOptions":
    """The CLI's filters and options as the API's; group names among --codes expand."""
    from .matrix_run import MatrixOptions
    from .selection import Selection

    codes: list[str] = []
    for item in args.codes or []:
        for code in filter(None, (part.strip() for part in item.split(","))):
            members = [c.id for c in codebook.codes if c.group == code]
            codes.extend(members or [code])
    unknown = [c for c in codes if c not in codebook.code_ids]
    if unknown:
        raise ValueError(f"unknown code(s) {', '.join(unknown)}; see `cultdip codebook check`")
    cases = [c.strip().upper() for item in args.cases or [] for c in item.split(",") if c.strip()]
    year_from, year_to = _year_range(args.years) if args.years else (None, None)
    selection = Selection(
        case=args.case, sources=tuple(args.source or ["rule"]),
        validated_only=args.validated_only, exclude_rejected=args.exclude_rejected,
        apply_rule_verdicts=args.apply_rule_verdicts,
        adjudicator=args.adjudicator, year_from=year_from, year_to=year_to,
        doc_types=tuple(args.doc_type or ()), languages=tuple(args.language or ()),
        codes=tuple(codes), cases=tuple(cases), codebook_hash=codebook.hash)
    compare_periods = None
    if args.compare_periods:
        compare_periods = (_year_range(args.compare_periods[0]),
                           _year_range(args.compare_periods[1]))
    return MatrixOptions(
        selection=selection, period=args.period, window=args.window, measure=args.measure,
        per_case=args.per_case, evidence_per_cell=args.evidence,
        compare_cases=tuple(c.upper() for c in args.compare) if args.compare else None,
        compare_periods=compare_periods, indicators=args.indicators)


def cmd_matrix(args: argparse.Namespace) -> int:
    codebook = load_codebook(args.codebook)
    if getattr(args, "from_parquet", None) is not None:
        return _matrix_from_parquet(args, codebook)
    try:
        options = matrix_options(args, codebook)
    except ValueError as error:
        print(f"cultdip matrix: {error}", file=sys.stderr)
        return EXIT_USAGE
    if args.value is None:
        try:
            written = write_all_matrices(args.project, codebook, options, args.output_dir)
        except ValueError as error:
            print(f"cultdip matrix: {error}", file=sys.stderr)
            return EXIT_USAGE
        if args.json:
            _print_json({"written": [str(p) for p in written]})
        else:
            print("\n".join(str(p) for p in written))
            caveats = (args.output_dir or args.project) / "indicator_caveats.txt"
            if options.indicators and caveats.exists():
                print("\nIndicator correlations, caveats:\n  "
                      + caveats.read_text(encoding="utf-8").strip().replace("\n", "\n  "))
        return EXIT_OK
    from .matrices import case_by_code

    with Store(store_path(args.project)) as store:
        table = case_by_code(store.connection, codebook, args.value, options.selection,
                             subtotals=args.subtotals)
        provenance = _provenance(store, codebook)
    provenance["filters"] = options.selection.as_dict()

    def write_file(path: Path) -> None:
        if path.suffix.lower() == ".xlsx":
            from .export import write_workbook

            write_workbook(path, {args.value: table}, {}, None, codebook, provenance)
        elif path.suffix.lower() == ".parquet":
            from .export import write_table

            write_table(table, path.with_suffix(""))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            table.to_csv(path)

    return _emit_matrix(table, args, write_file)


def _emit_matrix(table: Any, args: argparse.Namespace,
                 write_file: Callable[[Path], None]) -> int:
    """One matrix to the file of -o (through `write_file`), as JSON by case, or as text."""
    if args.output:
        write_file(args.output)
        print(str(args.output))
    elif args.json:
        _print_json(json.loads(table.to_json(orient="index")))
    else:
        print(table.to_string())
    return EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    path = store_path(args.project)
    if not path.exists():
        print(f"{path}: no store here; run `cultdip ingest PATH --project {args.project}`",
              file=sys.stderr)
        return EXIT_USAGE
    with Store(path) as store:
        rows = store.documents("error" if args.errors else None)
    entries = [
        {"id": r["id"], "path": r["path"], "status": r["status"],
         "error_code": r["error_code"], "message": r["error_message"], "pages": r["n_pages"],
         "sentences": r["n_sentences"], "language": r["language"], "country": r["country"],
         "year": r["year"]}
        for r in rows
    ]
    if args.json:
        _print_json(entries)
    else:
        for e in entries:
            state = e["status"] if e["status"] == "ok" else f"error {e['error_code']}"
            print(f"{e['id'][:12]}  {state:10}  {e['pages'] or 0:>4}p {e['sentences'] or 0:>6}s"
                  f"  {e['language'] or '-':3} {e['country'] or '-':4} {e['path']}")
            if e["message"]:
                print(f"              {e['message']}")
    return EXIT_OK


def cmd_annotate(args: argparse.Namespace) -> int:
    from .analysis import Analyser
    from .annotate import annotate_lines

    analyser = Analyser(load_codebook(args.codebook))
    extra_tags = []
    if args.classifier is not None:
        from .annotate import classifier_tags_for_annotate

        extra_tags.append(classifier_tags_for_annotate(args.classifier))
    if getattr(args, "topics", None):
        from .topics.commands import topic_tags_for_annotate

        extra_tags.append(topic_tags_for_annotate(args.topics))
    source = sys.stdin if args.input == "-" else open(args.input, encoding="utf-8-sig")
    target = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    errors = 0
    try:
        for line, error in annotate_lines(analyser, source, args.input, extra_tags,
                                          getattr(args, "sentences", False)):
            if error:
                errors += 1
                print(error, file=sys.stderr)
            else:
                target.write(line + "\n")
    finally:
        if source is not sys.stdin:
            source.close()
        if target is not sys.stdout:
            target.close()
    return EXIT_FILE_ERRORS if errors else EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    from .explain import explain_tag, render_text

    codebook = load_codebook(args.codebook)
    if args.window < 0:
        print("cultdip explain: --window must be 0 or more sentences", file=sys.stderr)
        return EXIT_USAGE
    with Store(store_path(args.project)) as store:
        info = explain_tag(store, codebook, args.tag, window=args.window)
        if info is None:
            print(f"no tag {args.tag!r} in {store.path}", file=sys.stderr)
            return EXIT_USAGE
    if args.json:
        _print_json(info)
    else:
        print(render_text(info))
    return EXIT_OK


def cmd_codebook(args: argparse.Namespace) -> int:
    codebook = load_codebook(args.file)
    info = {"file": codebook.source, "name": codebook.name, "version": codebook.version,
            "hash": codebook.hash, "codes": len(codebook.codes),
            "patterns": len(codebook.patterns()), "languages": sorted(codebook.languages())}
    if args.json:
        _print_json(info)
    else:
        print(f"{codebook.source}: ok — {info['codes']} codes, {info['patterns']} patterns "
              f"({', '.join(info['languages'])}), hash {codebook.hash[:16]}")
    return EXIT_OK


def cmd_learn(args: argparse.Namespace) -> int:
    from .learn import commands as learn_commands

    return int(getattr(learn_commands, f"cmd_{args.learn_verb}")(args))


def cmd_review(args: argparse.Namespace) -> int:
    """`cultdip review ...` lives in cultdip_nlp/review/."""
    from .review.commands import run

    return run(args)


def cmd_topics(args: argparse.Namespace) -> int:
    from .topics.commands import cmd_topics as run_topics

    return run_topics(args)


def cmd_report(args: argparse.Namespace) -> int:
    from .report import render

    codebook = load_codebook(args.codebook)
    path = store_path(args.project)
    if not path.exists():
        print(f"{path}: no store here; run `cultdip run PATH --project {args.project}`",
              file=sys.stderr)
        return EXIT_USAGE
    try:
        options = matrix_options(args, codebook)
        with Store(path) as store:
            provenance = _provenance(store, codebook)
            provenance["filters"] = options.selection.as_dict()
            page = render(store.connection, codebook, options, provenance)
    except ValueError as error:
        print(f"cultdip report: {error}", file=sys.stderr)
        return EXIT_USAGE
    output = args.output or args.project / "report.html"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(page, encoding="utf-8")
    print(str(output))
    return EXIT_OK


from .extract_command import cmd_extract  # noqa: E402  (verb in its own module)
from .tables_command import cmd_tables  # noqa: E402  (verb in its own module)


def cmd_kwic(args: argparse.Namespace) -> int:
    """Keyword-in-context concordance of one code's tags (as quanteda's kwic)."""
    from dataclasses import asdict

    from .kwic import kwic

    with Store(store_path(args.project)) as store:
        rows = kwic(store, args.code, window=args.window)
        if args.json:
            for row in rows:
                print(json.dumps(asdict(row), ensure_ascii=False))
            return EXIT_OK
        width = 50
        for row in rows:
            pre = row.pre[-width:].rjust(width)
            print(f"[{row.document}:{row.start}] {pre} | {row.keyword} | {row.post[:width]}")
    return EXIT_OK
