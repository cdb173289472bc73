"""One self-contained HTML page per model: card, topics (terms, size, quotes, documents), validity.

No scripts and no external assets: the page opens from a folder, an e-mail or an archive.
"""

from __future__ import annotations

from html import escape
from typing import Any

import numpy as np

from .intertopic import render_map_svg

STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;color:#222}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.25em .5em;
vertical-align:top;text-align:left}th{background:#f3f3f3}.bar{background:#4a7fb5;height:.8em}
.topic{border-top:2px solid #4a7fb5;margin-top:1.5em}.seeded{color:#7a3}.muted{color:#777}
blockquote{margin:.3em 0 .3em 1em;color:#333}code{background:#f5f5f5}
"""


def _validity_table(validity: list[dict[str, Any]]) -> str:
    if not validity:
        return "<p class=muted>No seeded topics: nothing to compare with the rules.</p>"
    rows = "".join(
        f"<tr><td>{v['topic']}</td><td><code>{escape(v['code'])}</code></td>"
        f"<td>{v['documents']}</td><td>{v['documents_with_rule_tags']}</td>"
        f"<td>{v['pearson'] if v['pearson'] is not None else '–'}</td>"
        f"<td>{v['spearman'] if v['spearman'] is not None else '–'}</td></tr>"
        for v in validity)
    return ("<table><tr><th>topic</th><th>code</th><th>documents</th>"
            "<th>with rule tags</th><th>Pearson r</th><th>Spearman r</th></tr>"
            f"{rows}</table>")


def _map_section(topics: list[dict[str, Any]], labels: dict[int, str]) -> str:
    if not topics or any("map" not in t for t in topics):
        return ""
    svg = render_map_svg(np.array([t["map"] for t in topics]), [t["size"] for t in topics],
                         [labels.get(t["topic"], t["label"]) for t in topics],
                         [bool(t["code"]) for t in topics])
    return ("<h2>Intertopic distance map</h2><p>Each circle is a topic (area: its share of "
            "the corpus; green: seeded). Distances are Jensen-Shannon distances between the "
            "topics' word distributions, laid out in two dimensions by multidimensional "
            "scaling, as in pyLDAvis: close circles share words.</p>" + svg)


def render_overview(card: dict[str, Any], topics: list[dict[str, Any]],
                    labels: dict[int, str]) -> str:
    coherence = card.get("coherence", {})
    stats = card.get("corpus", {}).get("stats", {})
    summary = "".join(
        f"<tr><th>{escape(k)}</th><td>{escape(str(v))}</td></tr>" for k, v in [
            ("model", card.get("model_id")), ("topics (K)", card["parameters"]["k"]),
            ("seeded topics", len(card.get("seeded_topics", []))),
            ("documents / units / tokens / vocabulary",
             f"{stats.get('documents')} / {stats.get('units')} / {stats.get('tokens')} / "
             f"{stats.get('vocabulary')}"),
            ("coherence c_v", coherence.get("c_v")), ("coherence NPMI", coherence.get("npmi")),
            ("topic diversity", card.get("diversity")),
            ("training seconds", card.get("training_seconds")),
            ("corpus hash", card.get("corpus", {}).get("hash")),
            ("codebook", f"{card.get('codebook', {}).get('name')} "
                         f"{card.get('codebook', {}).get('hash', '')[:12]}"),
            ("seed", card["parameters"].get("seed")),
            ("versions", ", ".join(f"{k} {v}" for k, v in card.get("versions", {}).items())),
        ])
    largest = max((t["size"] for t in topics), default=1.0) or 1.0
    index = "".join(
        f"<tr><td><a href='#t{t['topic']}'>{t['topic']}</a></td>"
        f"<td>{escape(labels.get(t['topic'], t['label']))}</td>"
        f"<td>{'<code>' + escape(t['code']) + '</code>' if t['code'] else ''}</td>"
        f"<td><div class=bar style='width:{100 * t['size'] / largest:.0f}px'></div>"
        f"{t['size']:.1%}</td><td>{escape(' '.join(w for w, _ in t['terms'][:8]))}</td></tr>"
        for t in topics)
    sections = []
    for t in topics:
        quotes = "".join(f"<blockquote>{escape(s['text'])} <span class=muted>({s['share']:.2f})"
                         "</span></blockquote>" for s in t["sentences"])
        documents = "".join(
            f"<li>{escape(str(d.get('path') or d['document']))} <span class=muted>"
            f"{escape(str(d.get('country') or ''))} {escape(str(d.get('year') or ''))} "
            f"share {d['share']:.2f}</span></li>" for d in t["documents"])
        seeds = (f"<p class=seeded>Seeded for <code>{escape(t['code'])}</code>; seed words: "
                 f"{escape(', '.join(t['seed_words']))}</p>" if t["code"] else "")
        sections.append(
            f"<div class=topic id=t{t['topic']}><h3>{t['topic']}. "
            f"{escape(labels.get(t['topic'], t['label']))}</h3>{seeds}"
            f"<p><b>Terms:</b> {escape(', '.join(w for w, _ in t['terms']))}</p>"
            f"<p><b>Representative sentences</b></p>{quotes}"
            f"<p><b>Documents</b></p><ul>{documents}</ul></div>")
    return (f"<!doctype html><html><head><meta charset=utf-8><title>Topics: "
            f"{escape(str(card.get('model_id')))}</title><style>{STYLE}</style></head><body>"
            f"<h1>Topic model {escape(str(card.get('model_id')))}</h1><table>{summary}</table>"
            "<h2>Topics</h2><table><tr><th>#</th><th>label</th><th>code</th><th>size</th>"
            f"<th>top terms</th></tr>{index}</table>"
            f"{_map_section(topics, labels)}"
            "<h2>Validity: seeded topics against rule tags (focal countries)</h2>"
            "<p>Per document of KAZ, KOR, JPN and GBR: the seeded topic's share against the "
            "share of the document's sentences that carry the code's rule tags.</p>"
            f"{_validity_table(card.get('validity', []))}"
            f"{''.join(sections)}</body></html>")
