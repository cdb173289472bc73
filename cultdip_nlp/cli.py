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
from .errors import CodebookError, CultdipError

EXIT_OK, EXIT_FILE_ERRORS, EXIT_USAGE = 0, 1, 2


def _help(text: str) -> str:
    return textwrap.dedent(text).strip()


def _add_project(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--project", "-p", type=Path, default=Path("out"),
                        help="project folder holding cultdip.sqlite and outputs (default: out)")


def _add_codebook(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--codebook", default=None,
                        help="codebook YAML (default: the packaged default codebook)")


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

    tag = verbs.add_parser("tag", help="tag stored documents with a codebook",
                           formatter_class=raw, description=_help("""
        Tag the documents in the store with the codebook. Documents already tagged with the
        same codebook content are skipped unless --force. Coders' judgements are kept.

        Example: cultdip tag --project out --codebook my_codebook.yaml"""))
    _add_project(tag)
    _add_codebook(tag)
    tag.add_argument("--force", action="store_true", help="re-tag every document")
    tag.add_argument("--no-progress", action="store_true")
    tag.add_argument("--json", action="store_true")

    matrix = verbs.add_parser("matrix", help="write case x code matrices",
                              formatter_class=raw, description=_help("""
        Build case x code matrices from the tags. Values: count (tags), sentences (sentences
        with the code), rate (sentences with the code per 10,000 sentences), docs (share of
        the case's documents with the code). Without --value, writes every matrix as CSV,
        matrices.xlsx and heatmap_rate.png to the project folder. With --value and -o, writes
        that one matrix (.csv or .xlsx); with --value alone, prints it.

        Example: cultdip matrix --project out --value rate -o rates.csv"""))
    _add_project(matrix)
    _add_codebook(matrix)
    matrix.add_argument("--value", choices=["count", "sentences", "rate", "docs"])
    matrix.add_argument("-o", "--output", type=Path, default=None)
    matrix.add_argument("--json", action="store_true", help="print the matrix as JSON")

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
    _add_codebook(annotate)

    explain = verbs.add_parser("explain", help="why a tag was given",
                               formatter_class=raw, description=_help("""
        Show a tag with its rule, pattern, matched text, sentence and document.

        Example: cultdip explain --project out --tag 3f2a..."""))
    _add_project(explain)
    _add_codebook(explain)
    explain.add_argument("--tag", required=True)
    explain.add_argument("--json", action="store_true")

    codebook = verbs.add_parser("codebook", help="check or show a codebook")
    codebook_verbs = codebook.add_subparsers(dest="codebook_verb", required=True)
    check = codebook_verbs.add_parser("check", formatter_class=raw, description=_help("""
        Validate a codebook file; every problem is listed with its line number.

        Example: cultdip codebook check my_codebook.yaml"""), help="validate a codebook")
    check.add_argument("file", nargs="?", default=None)
    check.add_argument("--json", action="store_true")

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
