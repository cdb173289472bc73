"""The command line: thin verbs that parse arguments, call the modules and print.

Every read verb takes --json. Exit status: 0 all well, 1 the batch finished but some files
had errors (they are listed), 2 the command could not run (bad arguments, bad codebook).
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import EXIT_OK, EXIT_USAGE, CodebookError, CultdipError



def _help(text: str) -> str:
    return textwrap.dedent(text).strip()


def _add_project(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--project", "-p", type=Path, default=Path("out"),
                        help="project folder holding cultdip.sqlite and outputs (default: out)")


def _add_codebook(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--codebook", default=None,
                        help="codebook YAML (default: the packaged default codebook)")


def _add_limits(parser: argparse.ArgumentParser) -> None:
    from .limits import DEFAULT_MEMORY_MB, DEFAULT_SECONDS, parse_memory, parse_seconds

    parser.add_argument("--time-limit", type=parse_seconds, default=DEFAULT_SECONDS,
                        metavar="SECONDS", help="stop a document after this long and report it "
                        f"(E109); 'none' for no limit (default: {DEFAULT_SECONDS:g})")
    parser.add_argument("--memory-limit", type=parse_memory, default=DEFAULT_MEMORY_MB,
                        metavar="MB", help="memory one document may take, e.g. 2048 or 2G; over "
                        f"it the document is reported (E110) (default: {DEFAULT_MEMORY_MB})")


def _add_pdf_options(parser: argparse.ArgumentParser, batch: bool) -> None:
    from .ingest.page_clock import DEFAULT_PAGE_SECONDS
    from .limits import parse_seconds

    parser.add_argument("--keep-footnotes", action="store_true",
                        help="footnotes give sentences and tags too (by default they stay in "
                             "the text but are left out of sentences)")
    parser.add_argument("--page-time-limit", type=parse_seconds, default=DEFAULT_PAGE_SECONDS,
                        metavar="SECONDS", help="give up a PDF page after this long, record it "
                        "as failed (E112) and keep the rest of the document; 'none' for no "
                        f"limit (default: {DEFAULT_PAGE_SECONDS:g})")
    if batch:
        parser.add_argument("--tables", action="store_true",
                            help="find ruled tables in PDFs with pdfplumber and store them "
                                 "(cultdip tables exports them); costly, see docs/pdf-ingest.md")
        parser.add_argument("--no-ocr", action="store_true", help="do not OCR scanned pages")


def _add_executor(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--executor", choices=("local", "dask"), default="local",
                        help="local: a process pool (default); dask: a Dask cluster "
                             "(pip install cultdip[dask]), see docs/scaling.md")
    parser.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                        help="Dask scheduler address; without it a local cluster of --jobs "
                             "processes on 127.0.0.1 is started")
    parser.add_argument("--parquet", type=Path, metavar="DIR",
                        help="where the Dask executor writes Parquet partitions of documents, "
                             "sentences, tags and mentions (default: PROJECT/parquet; on a "
                             "cluster it must be visible to every worker)")


def add_matrix_filters(parser: argparse.ArgumentParser) -> None:
    """The selection flags shared by `matrix` and `report`."""
    parser.add_argument("--case", choices=["document", "about"], default="document",
                        help="case axis: the document's country, or the countries each "
                             "sentence is about (case attribution)")
    parser.add_argument("--source", action="append",
                        choices=["rule", "topic", "classifier", "candidate"],
                        help="tag source; repeat for several (default: rule); candidate ="
                             " review candidates (with --validated-only: the accepted ones)")
    parser.add_argument("--validated-only", action="store_true",
                        help="only tags accepted (or relabelled) in review")
    parser.add_argument("--exclude-rejected", action="store_true",
                        help="every tag except those rejected in review")
    parser.add_argument("--apply-rule-verdicts", action="store_true",
                        help="judged tags follow their judgement (as --exclude-rejected);"
                             " unjudged tags of rules coders rejected or relabelled more often"
                             " than they accepted are held back, or counted under the code"
                             " coders relabel them to (docs/learning.md); the tags stay in"
                             " the store")
    parser.add_argument("--adjudicator", default="adjudicator",
                        help="coder whose latest decision overrides the others")
    parser.add_argument("--years", default=None, help="e.g. 1992-2024 (inclusive)")
    parser.add_argument("--doc-type", action="append", help="document type; repeatable")
    parser.add_argument("--language", action="append", help="language code; repeatable")
    parser.add_argument("--codes", action="append",
                        help="codes or groups, comma-separated (e.g. instrument)")
    parser.add_argument("--cases", action="append", help="cases, comma-separated ISO3")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cultdip",
        description="Tag policy documents and speeches for national identity markers and "
                    "cultural-diplomacy instruments, and build thematic matrices.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Example: cultdip run corpus --project out",
    )
    parser.add_argument("--version", action="version", version=f"cultdip {__version__}")
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")
    raw = argparse.RawDescriptionHelpFormatter

    run = verbs.add_parser("run", help="ingest, tag and build matrices in one go",
                           formatter_class=raw, description=_help("""
        Ingest every PDF, text and Markdown file under PATH, tag it with the codebook and
        write the matrices (CSV, XLSX, heatmap PNG) to the project folder. Files already in
        the store are not read again; a new codebook re-tags stored text.

        Example: cultdip run corpus --project out --jobs 2"""))
    run.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    _add_project(run)
    _add_codebook(run)
    run.add_argument("--jobs", "-j", type=int, default=None,
                     help="worker processes (default: number of cores, at most 8)")
    run.add_argument("--retry-errors", action="store_true",
                     help="read again files that failed before")
    run.add_argument("--no-progress", action="store_true", help="no progress bar")
    run.add_argument("--json", action="store_true", help="print the summary as JSON")
    _add_limits(run)
    _add_executor(run)
    _add_pdf_options(run, batch=True)

    ingest = verbs.add_parser("ingest", help="read files into the store (no tagging)",
                              formatter_class=raw, description=_help("""
        Read PDFs, text and Markdown files into the project store: text, pages, sentences
        and country mentions. A manifest.csv next to the files gives their metadata.

        Example: cultdip ingest corpus/pdfs --project out"""))
    ingest.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    _add_project(ingest)
    ingest.add_argument("--jobs", "-j", type=int, default=None)
    ingest.add_argument("--retry-errors", action="store_true")
    ingest.add_argument("--no-progress", action="store_true")
    ingest.add_argument("--json", action="store_true")
    _add_limits(ingest)
    _add_pdf_options(ingest, batch=True)
    _add_executor(ingest)

    tag = verbs.add_parser("tag", help="tag stored documents with a codebook",
                           formatter_class=raw, description=_help("""
        Tag the documents in the store with the codebook. Documents already tagged with the
        same codebook content are skipped unless --force. Coders' judgements are kept.

        Example: cultdip tag --project out --codebook my_codebook.yaml"""))
    _add_project(tag)
    _add_codebook(tag)
    tag.add_argument("--force", action="store_true", help="re-tag every document")
    _add_limits(tag)
    tag.add_argument("--no-progress", action="store_true")
    tag.add_argument("--json", action="store_true")

    matrix = verbs.add_parser("matrix", help="write case x code matrices",
                              formatter_class=raw, description=_help("""
        Build thematic matrices from the tags. Values: count (tags), sentences (sentences
        with the code), rate (sentences with the code per 10,000 sentences), rate_tokens
        (tags per 10,000 tokens), docs (share of the case's documents with the code),
        presence (0/1); every matrix has a group.all subtotal column per code group.
        Without --value, writes to the project folder (or --output-dir): every matrix as
        CSV and Parquet, group subtotals, time series (long table), code x code
        co-occurrence, top evidence sentences per cell, an optional comparison and indicator
        correlations, one matrices.xlsx (a sheet per table, framework matrix with wrapped
        text, provenance), heatmaps, a time plot per group and framework.html.
        With --value and -o, writes that one matrix (.csv, .parquet or .xlsx); with --value
        alone, prints it.

        Examples:
          cultdip matrix --project out --case about --codes instrument --cases GBR,JPN,KOR,KAZ
          cultdip matrix --project out --years 1992-2024 --compare KAZ GBR
          cultdip matrix --project out --validated-only --indicators softpower.csv"""))
    _add_project(matrix)
    _add_codebook(matrix)
    add_matrix_filters(matrix)
    matrix.add_argument("--value", choices=["count", "sentences", "rate", "rate_tokens", "docs",
                                            "presence"])
    matrix.add_argument("--subtotals", action="store_true",
                        help="with --value: add the group.all subtotal columns")
    matrix.add_argument("-o", "--output", type=Path, default=None)
    matrix.add_argument("--output-dir", type=Path, default=None,
                        help="folder for all outputs (default: the project folder)")
    matrix.add_argument("--period", type=int, default=1,
                        help="years per bin of the time series (default 1)")
    matrix.add_argument("--window", choices=["sentence", "paragraph", "document"],
                        default="sentence", help="co-occurrence window (default sentence)")
    matrix.add_argument("--measure", choices=["jaccard", "ochiai", "count"], default="jaccard",
                        help="normalised co-occurrence measure (counts are always written)")
    matrix.add_argument("--per-case", action="store_true",
                        help="co-occurrence per case as well as pooled")
    matrix.add_argument("--evidence", type=int, default=3, metavar="N",
                        help="evidence sentences per cell (default 3)")
    compare = matrix.add_mutually_exclusive_group()
    compare.add_argument("--compare", nargs=2, metavar=("CASE_A", "CASE_B"),
                         help="log-likelihood test per code between two cases")
    compare.add_argument("--compare-periods", nargs=2, metavar=("YEARS_A", "YEARS_B"),
                         help="the same between two periods, e.g. 1992-2007 2008-2024")
    matrix.add_argument("--indicators", type=Path, default=None, metavar="CSV",
                        help="country indicators (case/iso3 column + numeric columns): "
                             "Spearman correlations with code rates")
    matrix.add_argument("--json", action="store_true", help="print the matrix as JSON")
    matrix.add_argument("--from-parquet", type=Path, default=None, metavar="DIR",
                        help="tag counts per document country and code read with Dask "
                             "DataFrame from the Parquet folder of a `--executor dask` run, "
                             "without the store (rule tags of the codebook; --value count "
                             "only, no filters); printed, or written with -o (.csv/.parquet)")

    status = verbs.add_parser("status", help="one line per document: ok or error",
                              formatter_class=raw, description=_help("""
        List the documents in the store with their status (ok | error), error code and
        message, pages, sentences and language.

        Example: cultdip status --project out --json"""))
    _add_project(status)
    status.add_argument("--json", action="store_true")
    status.add_argument("--errors", action="store_true", help="only documents with errors")

    annotate = verbs.add_parser("annotate", help="tag JSONL texts without a project",
                                formatter_class=raw, description=_help("""
        Tag free-standing texts. Each input line is {"id", "text"} (optional "lang",
        "country"); each output line is {"id", "codes", "tags", "about"}. Use - for stdin
        or stdout.

        Example: cultdip annotate texts.jsonl -o tagged.jsonl"""))
    annotate.add_argument("input", type=str, metavar="IN.jsonl")
    annotate.add_argument("-o", "--output", type=str, default="-")
    annotate.add_argument("--sentences", action="store_true",
                          help="add each sentence's span and the countries it is about "
                               "(a one-country section heading carries to the sentences under it)")
    _add_codebook(annotate)
    annotate.add_argument("--classifier", type=Path, default=None,
                          help="a model folder from `cultdip learn train`: adds its "
                               "suggestions as tags with source \"classifier\"")

    explain = verbs.add_parser("explain", help="why a tag was given",
                               formatter_class=raw, description=_help("""
        Show a tag with its rule, pattern, context rules, score, the countries its sentence is
        about, and its context: the sentence with --window sentences either side (default 1),
        the match marked [[like this]].

        Example: cultdip explain --project out --tag 3f2a... --window 2"""))
    _add_project(explain)
    _add_codebook(explain)
    explain.add_argument("--tag", required=True)
    explain.add_argument("--window", type=int, default=1,
                         help="sentences shown before and after the tag's sentence (default 1)")
    explain.add_argument("--json", action="store_true")

    learn = verbs.add_parser("learn", help="classifiers trained on coders' judgements")
    learn_verbs = learn.add_subparsers(dest="learn_verb", required=True)
    train = learn_verbs.add_parser("train", formatter_class=raw, help="train classifiers",
                                   description=_help("""
        Train one sentence classifier per code on the coders' judgements in the store
        (accepted = positive; rejected and other-coded sentences = negative; relabels and
        additions included). Prints cross-validated precision, recall and F1 per code, the
        threshold that reaches the target precision on the pairs the rules did not tag, a
        learning curve per code group and the judged sentences it would take to reach the
        target; saves the models with a card under --models.

        Example: cultdip learn train --project out --target-precision 0.9"""))
    _add_project(train)
    _add_codebook(train)
    train.add_argument("--models", type=Path, default=Path("models"),
                       help="folder for trained models (default: models)")
    train.add_argument("--target-precision", type=float, default=0.9)
    train.add_argument("--threshold-scope", choices=["code", "group"], default="code",
                       help="choose each threshold per code, or per code group on the pooled "
                            "held-out pairs (more evidence per threshold)")
    train.add_argument("--min-support", type=int, default=3,
                       help="held-out true suggestions a threshold must rest on (default 3)")
    train.add_argument("--weak-negatives", type=float, default=0.0, metavar="FRACTION",
                       help="also train on this share of the judged documents' sentences "
                            "that carry no tag and no judgement, as negatives (default 0)")
    train.add_argument("--features", default="word+char",
                       choices=["word+char", "word+char+lemma", "word+char+codebook",
                                "word+char+lemma+codebook", "word+char+vectors"],
                       help="n-gram features, optionally with domain word vectors "
                            "(word+char+vectors, needs --vectors; docs/learning.md)")
    train.add_argument("--vectors", type=Path, default=None, metavar="FOLDER",
                       help="word vectors from scripts/build_vectors.py "
                            "(models/vectors-ungdc)")
    train.add_argument("--distant", type=Path, default=None, metavar="FOLDER",
                       help="rule-tagged, trigger-masked UN sentences as extra training "
                            "examples (scripts/build_distant.py: models/distant-ungdc)")
    train.add_argument("--distant-weight", type=float, default=0.3,
                       help="weight of a distant example against a judgement (default 0.3)")
    train.add_argument("--agreement", choices=["group", "none"], default="group",
                       help="group (default): a code's probability is its model's times its "
                            "code group's model's, so a suggestion needs both; none: the "
                            "code's model alone")
    train.add_argument("--seed", type=int, default=13)
    train.add_argument("--json", action="store_true")
    apply = learn_verbs.add_parser("apply", formatter_class=raw, help="add classifier tags",
                                   description=_help("""
        Tag sentences the rules did not tag, where a trained classifier's probability passes
        its code's threshold: tags with source "classifier" and the probability as score.
        Matrices can include or exclude them.

        Example: cultdip learn apply --project out --model models/clf-1a2b3c4d5e6f"""))
    _add_project(apply)
    apply.add_argument("--model", type=Path, required=True)
    apply.add_argument("--json", action="store_true")
    feedback = learn_verbs.add_parser("feedback", formatter_class=raw, help="rule feedback",
                                      description=_help("""
        Each rule's precision from the judgements, the rules with most rejections and example
        sentences, and phrases frequent in accepted classifier suggestions that no rule
        covers: the researcher's to-do list for the codebook.

        Example: cultdip learn feedback --project out"""))
    _add_project(feedback)
    _add_codebook(feedback)
    feedback.add_argument("--json", action="store_true")


    report = verbs.add_parser("report", help="one self-contained HTML report",
                              formatter_class=raw, description=_help("""
        Write one self-contained HTML page (figures inline): corpus summary, validation
        status, the case x code matrices with heatmaps, co-occurrence, time plots, an
        optional comparison and indicator correlations, the top evidence sentences per
        cell, topics when present, and provenance. Takes the filters of `cultdip matrix`.

        Example: cultdip report --project out --case about -o report.html"""))
    _add_project(report)
    _add_codebook(report)
    add_matrix_filters(report)
    report.add_argument("-o", "--output", type=Path, default=None,
                        help="HTML file (default: PROJECT/report.html)")
    report.add_argument("--period", type=int, default=1)
    report.add_argument("--window", choices=["sentence", "paragraph", "document"],
                        default="sentence")
    report.add_argument("--measure", choices=["jaccard", "ochiai", "count"], default="jaccard")
    report.add_argument("--evidence", type=int, default=3, metavar="N")
    report_compare = report.add_mutually_exclusive_group()
    report_compare.add_argument("--compare", nargs=2, metavar=("CASE_A", "CASE_B"))
    report_compare.add_argument("--compare-periods", nargs=2, metavar=("YEARS_A", "YEARS_B"))
    report.add_argument("--indicators", type=Path, default=None, metavar="CSV")
    report.set_defaults(per_case=False)

    codebook = verbs.add_parser("codebook", help="check or show a codebook")
    codebook_verbs = codebook.add_subparsers(dest="codebook_verb", required=True)
    check = codebook_verbs.add_parser("check", formatter_class=raw, description=_help("""
        Validate a codebook file; every problem is listed with its line number.

        Example: cultdip codebook check my_codebook.yaml"""), help="validate a codebook")
    check.add_argument("file", nargs="?", default=None)
    check.add_argument("--json", action="store_true")

    from .review.cli import add_review_parser

    add_review_parser(verbs)
    from .topics.commands import add_topics_parser

    add_topics_parser(verbs, _add_project, _add_codebook, _help)
    annotate.add_argument("--topics", default=None, metavar="MODEL_DIR",
                          help="also add topic tags from a model folder (models/NAME)")
    extract = verbs.add_parser("extract", help="show the cleaned text of one file",
                               formatter_class=raw, description=_help("""
        Print the text the ingest sees in one file: running headers, footers and page
        numbers removed, paragraphs joined, scanned pages OCRed, table cells left out.
        With --json: pages (method pdf/ocr/needs_ocr/failed, language, text, note, and its
        blocks: paragraphs with a footnote flag), tables (page, bbox, rows) and warnings
        (OCR confidence, failed pages, garbage text layers).

        Example: cultdip extract report.pdf --json"""))
    extract.add_argument("file", type=Path)
    extract.add_argument("--json", action="store_true")
    extract.add_argument("--password", default=None, help="the PDF's user password")
    extract.add_argument("--language", default=None,
                         help="language hint for OCR (en, ru, kk, ...)")
    extract.add_argument("--no-ocr", action="store_true", help="do not OCR scanned pages")
    extract.add_argument("--no-tables", action="store_true",
                         help="do not look for tables (faster on table-heavy files)")
    _add_pdf_options(extract, batch=False)
    tables = verbs.add_parser("tables", help="export the stored PDF tables as CSV",
                              formatter_class=raw, description=_help("""
        Write every table found by `cultdip ingest --tables` (or run --tables) as one CSV
        file, and an index.csv naming each table's file, document, page, bbox and shape.

        Example: cultdip tables --project out --output-dir out/tables"""))
    _add_project(tables)
    tables.add_argument("--output-dir", type=Path, default=None,
                        help="folder for the CSV files (default: PROJECT/tables)")
    tables.add_argument("--json", action="store_true", help="print the index as JSON")
    kwic = verbs.add_parser("kwic", help="keyword in context for one code",
                            formatter_class=raw, description=_help("""
        Every tag of a code with the words before and after it, aligned on the keyword
        (like quanteda's kwic). --json prints one JSON object per line.

        Example: cultdip kwic --project out --code instrument.cultural_institute"""))
    _add_project(kwic)
    kwic.add_argument("--code", required=True)
    kwic.add_argument("--window", type=int, default=5, help="words each side (default 5)")
    kwic.add_argument("--json", action="store_true")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from . import commands

    handler = getattr(commands, f"cmd_{args.verb}")
    try:
        return int(handler(args))
    except CodebookError as error:
        print(str(error), file=sys.stderr)
        return EXIT_USAGE
    except CultdipError as error:
        print(str(error), file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK


def print_json(value: object) -> None:
    print(json.dumps(value, indent=2, ensure_ascii=False, default=str))


if __name__ == "__main__":
    sys.exit(main())
