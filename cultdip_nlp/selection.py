"""Which tags a matrix counts, and which case each belongs to: filters, validation, case axis.

Every matrix (counts, rates, time, co-occurrence, evidence, comparison) is built from the same
two temporary tables, so one set of filters gives numbers that agree across outputs:

- ``temp.selected_tags``: one row per (tag, case) with document, sentence, code, score, year;
- ``temp.selected_totals``: the denominators per case and year (documents, sentences, tokens).

The case of a tag is either the document's country (``case="document"``) or each country the
tag's sentence is about (``case="about"``, from the ``mentions`` table of case attribution).
With ``about`` a sentence about two countries counts for both, and the denominators are the
sentences (and their tokens, and the documents) that mention the case.
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, field

import pandas as pd

UNKNOWN_CASE = "(unknown)"
CASE_AXES = ("document", "about")
# "candidate": sentences the classifier proposes for review (learn/candidates.py); counted
# only when selected, and then usually with validated_only (the accepted ones).
SOURCES = ("rule", "topic", "classifier", "candidate")
DEFAULT_ADJUDICATOR = "adjudicator"


@dataclass(frozen=True)
class Selection:
    """The filters of one matrix run; recorded as provenance.

    ``validated_only`` keeps tags whose status (see :func:`tag_statuses`) is accepted or
    relabelled (counted under the new code); ``exclude_rejected`` keeps every tag except the
    rejected ones, relabels applied. ``apply_rule_verdicts`` does the same for judged tags and
    carries the judgements' verdict on a doubtful rule over to its unjudged tags: held back,
    or counted under the code coders relabel the rule's tags to
    (:mod:`cultdip_nlp.rule_verdicts`). Year bounds are inclusive.
    """

    case: str = "document"
    sources: tuple[str, ...] = ("rule",)
    validated_only: bool = False
    exclude_rejected: bool = False
    apply_rule_verdicts: bool = False
    adjudicator: str = DEFAULT_ADJUDICATOR
    year_from: int | None = None
    year_to: int | None = None
    doc_types: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    cases: tuple[str, ...] = ()
    codebook_hash: str | None = None
    extra: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.case not in CASE_AXES:
            raise ValueError(f"case must be one of {', '.join(CASE_AXES)}, not {self.case!r}")
        unknown = set(self.sources) - set(SOURCES)
        if unknown:
            raise ValueError(f"unknown tag source {sorted(unknown)}; use {', '.join(SOURCES)}")

    def as_dict(self) -> dict[str, object]:
        return {key: list(value) if isinstance(value, tuple) else value
                for key, value in asdict(self).items() if key != "extra"}


def tag_statuses(connection: sqlite3.Connection,
                 adjudicator: str = DEFAULT_ADJUDICATOR) -> pd.DataFrame:
    """The review status of every judged tag: columns tag_id, status, new_code.

    The rule, kept in this one function so it can change with the review workflow:
    each coder's latest judgement of a tag wins (history is kept, the highest id is latest).
    If the adjudicator judged the tag, their latest decision is the status. Otherwise the
    status is the decision every coder who judged it agrees on (``accept``, ``reject``, or
    ``relabel`` to one same code) and ``disputed`` when they disagree. A tag nobody judged
    has no row (status ``unreviewed``). Judgements are few (made by people), so pandas is fine.
    """
    latest = pd.read_sql_query(
        "SELECT j.tag_id, j.coder, j.decision, j.new_code FROM judgements j"
        " JOIN (SELECT MAX(id) AS id FROM judgements WHERE tag_id IS NOT NULL"
        "       GROUP BY tag_id, coder) last ON last.id = j.id",
        connection)
    columns = ["tag_id", "status", "new_code"]
    if latest.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for tag_id, group in latest.groupby("tag_id", sort=False):
        judged_by_adjudicator = group[group["coder"] == adjudicator]
        if not judged_by_adjudicator.empty:
            row = judged_by_adjudicator.iloc[0]
            rows.append((tag_id, row["decision"], row["new_code"]))
            continue
        decisions = set(group["decision"])
        new_codes = set(group["new_code"].dropna())
        if len(decisions) == 1 and (decisions != {"relabel"} or len(new_codes) == 1):
            rows.append((tag_id, decisions.pop(), new_codes.pop() if new_codes else None))
        else:
            rows.append((tag_id, "disputed", None))
    return pd.DataFrame(rows, columns=columns)


def fill_tag_status(connection: sqlite3.Connection, adjudicator: str, fill: bool = True
                    ) -> None:
    """(Re)create ``temp.tag_status`` (tag_id, status, new_code); filled when `fill`."""
    connection.execute("DROP TABLE IF EXISTS temp.tag_status")
    connection.execute("CREATE TEMP TABLE tag_status"
                       " (tag_id TEXT PRIMARY KEY, status TEXT, new_code TEXT)")
    if fill:
        statuses = tag_statuses(connection, adjudicator)
        connection.executemany("INSERT INTO temp.tag_status VALUES (?,?,?)",
                               statuses.itertuples(index=False, name=None))


def _document_filter(selection: Selection) -> tuple[str, list[object]]:
    clauses, params = ["d.status = 'ok'"], []
    if selection.year_from is not None:
        clauses.append("d.year >= ?")
        params.append(selection.year_from)
    if selection.year_to is not None:
        clauses.append("d.year <= ?")
        params.append(selection.year_to)
    for column, values in (("d.doc_type", selection.doc_types),
                           ("d.language", selection.languages)):
        if values:
            clauses.append(f"{column} IN ({','.join('?' for _ in values)})")
            params.extend(values)
    return " AND ".join(clauses), params


def _case_filter(selection: Selection, column: str) -> tuple[str, list[object]]:
    if not selection.cases:
        return "", []
    return (f" AND {column} IN ({','.join('?' for _ in selection.cases)})",
            list(selection.cases))


def prepare(connection: sqlite3.Connection, selection: Selection) -> None:
    """(Re)build ``temp.selected_tags`` and ``temp.selected_totals`` for the selection."""
    documents_where, document_params = _document_filter(selection)
    fill_tag_status(connection, selection.adjudicator, selection.validated_only
                    or selection.exclude_rejected or selection.apply_rule_verdicts)
    connection.execute("DROP TABLE IF EXISTS temp.rule_verdicts")
    connection.execute("CREATE TEMP TABLE rule_verdicts (rule TEXT PRIMARY KEY, new_code TEXT)")
    if selection.apply_rule_verdicts:
        from .rule_verdicts import rule_verdicts

        connection.executemany("INSERT INTO temp.rule_verdicts VALUES (?,?)",
                               [(v.rule, v.relabel_to) for v in rule_verdicts(connection)])
    # A tag's own judgement first (relabel), then its rule's verdict (v: only on unjudged
    # rule tags whose every rule tag of that code on the sentence is by a doubtful rule).
    code_expression = ("CASE WHEN s.status = 'relabel' THEN s.new_code"
                       " WHEN v.new_code IS NOT NULL THEN v.new_code ELSE t.code END")
    tag_where = [documents_where,
                 f"t.source IN ({','.join('?' for _ in selection.sources)})"]
    tag_params: list[object] = [*document_params, *selection.sources]
    if selection.codebook_hash:
        # Tags from other engines (topic, classifier) carry their own model hash.
        tag_where.append("(t.source != 'rule' OR t.codebook_hash = ?)")
        tag_params.append(selection.codebook_hash)
    if selection.validated_only:
        tag_where.append("s.status IN ('accept', 'relabel')")
    elif selection.exclude_rejected or selection.apply_rule_verdicts:
        tag_where.append("COALESCE(s.status, 'unreviewed') != 'reject'")
    if selection.apply_rule_verdicts:
        tag_where.append("(v.rule IS NULL OR v.new_code IS NOT NULL)")  # held back
    if selection.codes:
        tag_where.append(f"{code_expression} IN ({','.join('?' for _ in selection.codes)})")
        tag_params.extend(selection.codes)
    base = (
        f"SELECT t.id AS tag_id, t.document_id, t.sentence_idx, {code_expression} AS code,"
        " t.score, t.source, d.year, d.country"
        " FROM tags t JOIN documents d ON d.id = t.document_id"
        " LEFT JOIN temp.tag_status s ON s.tag_id = t.id"
        " LEFT JOIN temp.rule_verdicts v ON v.rule = t.rule AND t.source = 'rule'"
        " AND s.status IS NULL AND NOT EXISTS (SELECT 1 FROM tags u"
        " WHERE u.document_id = t.document_id AND u.sentence_idx = t.sentence_idx"
        " AND u.code = t.code AND u.source = 'rule'"
        " AND u.rule NOT IN (SELECT rule FROM temp.rule_verdicts))"
        f" WHERE {' AND '.join(tag_where)}"
    )
    connection.execute("DROP TABLE IF EXISTS temp.selected_tags")
    connection.execute("DROP TABLE IF EXISTS temp.selected_totals")
    if selection.case == "document":
        case_sql, case_params = _case_filter(selection, "case_id")
        connection.execute(
            "CREATE TEMP TABLE selected_tags AS SELECT * FROM"
            f" (SELECT b.*, COALESCE(b.country, ?) AS case_id FROM ({base}) b)"
            f" WHERE 1{case_sql}",
            [UNKNOWN_CASE, *tag_params, *case_params])
        connection.execute(
            "CREATE TEMP TABLE selected_totals AS"
            " SELECT COALESCE(d.country, ?) AS case_id, d.year AS year, COUNT(*) AS documents,"
            " SUM(d.n_sentences) AS sentences, SUM(d.n_tokens) AS tokens"
            f" FROM documents d WHERE {documents_where} GROUP BY 1, 2",
            [UNKNOWN_CASE, *document_params])
        if selection.cases:
            connection.execute(
                "DELETE FROM temp.selected_totals"
                f" WHERE case_id NOT IN ({','.join('?' for _ in selection.cases)})",
                list(selection.cases))
    else:
        case_sql, case_params = _case_filter(selection, "m.iso3")
        about = ("SELECT DISTINCT m.document_id, m.sentence_idx, m.iso3, d.year FROM mentions m"
                 f" JOIN documents d ON d.id = m.document_id WHERE {documents_where}{case_sql}")
        connection.execute(
            "CREATE TEMP TABLE selected_tags AS SELECT b.*, a.iso3 AS case_id"  # noqa: S608
            f" FROM ({base}) b JOIN ({about}) a"
            " ON a.document_id = b.document_id AND a.sentence_idx = b.sentence_idx",
            [*tag_params, *document_params, *case_params])
        connection.execute(
            "CREATE TEMP TABLE selected_totals AS"
            " SELECT a.iso3 AS case_id, a.year AS year, COUNT(DISTINCT a.document_id) AS documents,"
            " COUNT(*) AS sentences, SUM(s.n_tokens) AS tokens"
            f" FROM ({about}) a CROSS JOIN sentences s"
            " ON s.document_id = a.document_id AND s.idx = a.sentence_idx GROUP BY 1, 2",
            [*document_params, *case_params])
    connection.execute("CREATE INDEX temp.selected_tags_case ON selected_tags(case_id, code)")
