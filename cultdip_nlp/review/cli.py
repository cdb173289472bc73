"""`cultdip review ...`: the review verbs, parsed here and run by review/commands.py."""

from __future__ import annotations

import argparse
import textwrap
from pathlib import Path


def _help(text: str) -> str:
    return textwrap.dedent(text).strip()


def _common(parser: argparse.ArgumentParser, json_flag: bool = True) -> None:
    parser.add_argument("--project", "-p", type=Path, default=Path("out"),
                        help="project folder holding cultdip.sqlite (default: out)")
    parser.add_argument("--codebook", default=None,
                        help="codebook YAML (default: the packaged default codebook)")
    if json_flag:
        parser.add_argument("--json", action="store_true", help="print JSON")


def add_review_parser(verbs: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    raw = argparse.RawDescriptionHelpFormatter
    review = verbs.add_parser("review", help="coders validate tags: queue, page, agreement",
                              formatter_class=raw, description=_help("""
        Human review of the machine's tags. A typical round:
          cultdip review coder add ann --project out      (prints ann's token)
          cultdip review sample --project out --n 200 --coders ann,ben --overlap 0.2
          cultdip review serve --project out              (coders log in with their token)
          cultdip review agreement --project out
          cultdip review adjudicate --project out"""))
    sub = review.add_subparsers(dest="review_verb", required=True, metavar="REVIEW_VERB")

    coder = sub.add_parser("coder", help="add a coder (prints their token) or list coders",
                           formatter_class=raw, description=_help("""
        Create a coder and print the token to give them (only its hash is stored; adding
        the same coder again issues a new token and the old one stops working).

        Example: cultdip review coder add ann --project out --role senior"""))
    coder.add_argument("action", choices=["add", "list"])
    coder.add_argument("coder", nargs="?", default=None)
    coder.add_argument("--role", choices=["coder", "senior"], default="coder")
    _common(coder)

    sample = sub.add_parser("sample", help="build a review batch", formatter_class=raw,
                            description=_help("""
        Sample tags not yet reviewed into a batch. random: uniform; stratified: round-robin
        over codes so rare codes are reviewed too; uncertain: lowest machine score first
        (with --model: most informative for the classifier first); candidates (needs
        --model): sentences without any tag of a code group that the classifier's group
        model ranks highest, stored as tags of source "candidate" with a guessed code of the
        group, best first: accept, relabel to the right code, or reject.
        With several coders, an overlap share of the batch goes to every coder (for
        agreement) and the rest is split among them.

        Example: cultdip review sample --project out --n 200 --strategy stratified \\
                 --coders ann,ben --overlap 0.2"""))
    _common(sample)
    sample.add_argument("--n", type=int, default=200)
    sample.add_argument("--strategy", choices=["random", "stratified", "uncertain",
                                                "candidates"],
                        default="stratified")
    sample.add_argument("--codes", default=None, help="comma-separated codes to sample from")
    sample.add_argument("--coders", default="default", help="comma-separated coder ids")
    sample.add_argument("--overlap", type=float, default=0.0)
    sample.add_argument("--seed", type=int, default=0)
    sample.add_argument("--model", type=Path, default=None,
                        help="a classifier from `cultdip learn train`: with --strategy "
                             "uncertain, most informative tags first (active learning); "
                             "needed by --strategy candidates")

    serve = sub.add_parser("serve", help="the web review page", formatter_class=raw,
                           description=_help("""
        Serve the review page on 127.0.0.1 (only this machine) unless --host says otherwise.
        Each coder opens it and logs in with their token.

        Example: cultdip review serve --project out --port 8765"""))
    _common(serve, json_flag=False)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765, help="0 picks a free port")

    export = sub.add_parser("export", help="items as a spreadsheet; REFI-QDA project/codebook",
                            formatter_class=raw, description=_help("""
        xlsx: review items, one per row, with a decision drop-down.
        qdpx: the project for ATLAS.ti, MAXQDA, NVivo, QDA Miner (documents as plain text,
              the codebook, tags and coders' added codes as coded selections, coders as
              users); --validated-only keeps only validated tags.
        qdc:  the codebook alone.

        Example: cultdip review export --project out --format xlsx --coder ann -o ann.xlsx
                 cultdip review export --project out --format qdpx -o project.qdpx"""))
    _common(export, json_flag=False)
    export.add_argument("--format", choices=["xlsx", "qdpx", "qdc"], default="xlsx")
    export.add_argument("--coder", default=None, help="xlsx: only this coder's items")
    export.add_argument("--validated-only", action="store_true",
                        help="qdpx: only validated tags")
    export.add_argument("-o", "--output", type=Path, required=True)

    imp = sub.add_parser("import", help="read decisions back (xlsx, or codings from a .qdpx)",
                         formatter_class=raw, description=_help("""
        FILE.xlsx: record the decisions of a sheet written by `review export` as the
        coder's judgements (--coder required). Invalid rows are listed with their row
        numbers; the rest is imported. Exit status 1 when some rows were rejected.
        FILE.qdpx: codings made in a QDA tool become judgements of their users (or of
        --coder): a coding on a machine tag's span and code accepts it, any other adds a code.

        Example: cultdip review import ann.xlsx --coder ann --project out
                 cultdip review import from_atlas.qdpx --project out"""))
    imp.add_argument("file", type=Path)
    imp.add_argument("--coder", default=None)
    _common(imp)

    orphans = sub.add_parser("orphans", help="judgements whose tag no longer exists",
                             formatter_class=raw, description=_help("""
        List judgements on tags that the current tagging no longer produces. They are kept.

        Example: cultdip review orphans --project out --json"""))
    _common(orphans)

    history = sub.add_parser("history", help="every judgement on a tag, retracted ones too")
    history.add_argument("--tag", required=True)
    _common(history)

    agreement = sub.add_parser("agreement", help="inter-coder agreement and machine precision",
                               formatter_class=raw, description=_help("""
        Per code and overall: percent agreement, Cohen's kappa for each pair of coders,
        Krippendorff's alpha (nominal, missing data allowed); and how often the machine's
        tags are accepted, per code and per rule.

        Example: cultdip review agreement --project out --json"""))
    _common(agreement)

    adjudicate = sub.add_parser("adjudicate", help="list disagreements, or settle one",
                                formatter_class=raw, description=_help("""
        Without --tag: list the tags on which coders disagree and no senior coder has
        decided. With --tag: record the senior coder's decision, which becomes the gold
        (validated tags are those with gold accept, or unanimous accepts).

        Example: cultdip review adjudicate --project out --tag 3f2a... --decision accept \\
                 --adjudicator sam"""))
    _common(adjudicate)
    adjudicate.add_argument("--tag", default=None)
    adjudicate.add_argument("--decision", choices=["accept", "reject", "relabel"])
    adjudicate.add_argument("--new-code", default=None)
    adjudicate.add_argument("--adjudicator", default=None, help="a coder with role senior")
    adjudicate.add_argument("--note", default=None)
