"""The judgements' verdict on each rule, carried over to the rule's tags nobody judged.

Why: coders judge a sample of tags, but a matrix counts every tag. When coders rejected or
relabelled a rule's tags more often than they accepted them, an unjudged tag of that rule is
more likely wrong than right (under a uniform prior on the rule's precision, the posterior
mean is below 0.5), so a matrix may hold it back; and when they relabelled them to one same
code more often than they rejected them (and more often than to any other code), the tag most
likely belongs under that code. The tags themselves stay in the store; matrices apply the
verdicts only when asked (`cultdip matrix --apply-rule-verdicts`), and a tag's own judgement
always outranks its rule's verdict. Measured on the gold set in docs/learning.md.

Rule ids name a pattern of the current codebook: tags are re-made when the codebook changes,
and judgements follow them by tag id (span and code).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class RuleVerdict:
    rule: str
    accepted: int
    rejected: int
    relabelled: dict[str, int]
    # None: hold the rule's unjudged tags back; a code: count them under it
    relabel_to: str | None


def verdict(accepted: int, rejected: int, relabelled: Counter[str] | dict[str, int]
            ) -> tuple[bool, str | None]:
    """(doubtful, code to relabel to or None) for a rule with these judged tags."""
    relabels = sum(relabelled.values())
    if rejected + relabels <= accepted:
        return False, None
    ranked = sorted(relabelled.items(), key=lambda item: (-item[1], item[0]))
    if ranked and ranked[0][1] > rejected and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return True, ranked[0][0]
    return True, None


def rule_verdicts(connection: sqlite3.Connection) -> list[RuleVerdict]:
    """The doubtful rules among the judged rule tags, from ``temp.tag_status`` (filled by
    :func:`cultdip_nlp.selection.prepare` or :func:`doubtful_rules`); disputed tags left out."""
    counts: dict[str, list] = {}
    for rule, status, new_code, n in connection.execute(
            "SELECT t.rule, s.status, s.new_code, COUNT(*) FROM tags t"
            " JOIN temp.tag_status s ON s.tag_id = t.id WHERE t.source = 'rule'"
            " AND s.status IN ('accept', 'reject', 'relabel') GROUP BY 1, 2, 3"):
        entry = counts.setdefault(rule, [0, 0, Counter()])
        if status == "accept":
            entry[0] += n
        elif status == "reject":
            entry[1] += n
        elif new_code:
            entry[2][new_code] += n
    result = []
    for rule, (accepted, rejected, relabelled) in sorted(counts.items()):
        doubtful, relabel_to = verdict(accepted, rejected, relabelled)
        if doubtful:
            result.append(RuleVerdict(rule, accepted, rejected, dict(relabelled), relabel_to))
    return result


def doubtful_rules(connection: sqlite3.Connection, adjudicator: str = "adjudicator"
                   ) -> list[RuleVerdict]:
    """The verdicts a matrix with ``apply_rule_verdicts`` would apply (for `learn feedback`)."""
    from .selection import fill_tag_status

    fill_tag_status(connection, adjudicator)
    try:
        return rule_verdicts(connection)
    finally:
        connection.execute("DROP TABLE IF EXISTS temp.tag_status")
