"""The reused document child: same records as reading in the worker, limits still per document."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import CORPUS, SHARED_PDFS

from cultdip_nlp import pipeline
from cultdip_nlp.limits import Limits
from cultdip_nlp.records import Document, DocumentMeta, FailedDocument

SPEECHES = sorted((CORPUS / "ungdc").glob("*.txt"))[:4]


def _child_pid() -> int:
    assert pipeline._CHILD is not None and pipeline._CHILD._child is not None
    return pipeline._CHILD._child.pid


def test_one_child_reads_many_documents_and_a_timeout_only_costs_its_document() -> None:
    pipeline._init_worker(None, True)
    try:
        expected = {str(p): pipeline.process_file(str(p), DocumentMeta()) for p in SPEECHES}
        limits = Limits(seconds=2.0, memory_mb=4096)
        pids = set()
        for path in SPEECHES[:2]:
            result = pipeline.process_file_bounded(str(path), DocumentMeta(), limits)
            assert result == expected[str(path)]
            pids.add(_child_pid())
        assert len(pids) == 1  # the same child read both: its caches stay warm
        first_child = pids.pop()
        # The 400-page real manual cannot be read in two seconds: E109, that child is killed...
        slow = SHARED_PDFS / "us_irs_internal-revenue-manual_400p.pdf"
        failed = pipeline.process_file_bounded(str(slow), DocumentMeta(), limits)
        assert isinstance(failed, FailedDocument) and failed.error_code == "E109"
        assert pipeline._CHILD is not None and pipeline._CHILD._child is None
        try:
            os.kill(first_child, 0)
            alive = True
        except ProcessLookupError:
            alive = False
        assert not alive
        # ... and the next documents are read by a new child, with the same records.
        for path in SPEECHES[2:]:
            result = pipeline.process_file_bounded(str(path), DocumentMeta(), limits)
            assert isinstance(result, Document) and result == expected[str(path)]
        assert _child_pid() != first_child
    finally:
        pipeline.close_child()
    assert pipeline._CHILD is None


def test_a_child_leaves_after_its_document_quota(monkeypatch) -> None:
    """MAX_DOCUMENTS bounds what one child accumulates; the next document gets a new child."""
    from cultdip_nlp import bounded_child

    monkeypatch.setattr(bounded_child, "MAX_DOCUMENTS", 2)
    pipeline._init_worker(None, False)
    try:
        limits = Limits()
        pids = []
        for path in SPEECHES[:3]:
            result = pipeline.process_file_bounded(str(path), DocumentMeta(), limits)
            assert isinstance(result, Document) and result.sentences
            pids.append(pipeline._CHILD._child.pid if pipeline._CHILD._child else None)
        # After the second document the child said it was leaving and was reaped.
        assert pids[0] is not None and pids[1] is None and pids[2] not in (None, pids[0])
    finally:
        pipeline.close_child()
