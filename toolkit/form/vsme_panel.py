"""The VSME Basic block of the form's sidebar: B1-B11 each complete, partly, open or omitted, as answered so far.

A small HTML block (one chip per disclosure, a legend, and the count of complete disclosures), rebuilt on every
saved change from :func:`toolkit.vsme.vsme_completeness`, the same view ``toolkit score --json`` and the report
show. The full name and how many of its datapoints are answered sit in each chip's tooltip and label.
"""

from __future__ import annotations

from html import escape

from toolkit.definitions.model import Questionnaire, tr
from toolkit.i18n import t
from toolkit.responses import Response
from toolkit.views.vsme_completeness import COMPLETENESS_STATES, vsme_completeness

MARKS = {"complete": "✓", "partly": "◐", "open": "○", "omitted": "–"}

VSME_CSS = """
.sme-vsme { background: #f6f8f9; border-radius: 8px; padding: 4px 12px 10px 12px; margin-bottom: 10px; }
.sme-vsme-title { font-weight: 600; margin-top: 8px; color: var(--sme-accent); font-size: 14px; }
.sme-vsme-count { font-size: 13px; color: var(--sme-muted); }
.sme-vsme-chips { display: flex; flex-wrap: wrap; gap: 4px; margin: 6px 0 4px 0; padding: 0; list-style: none; }
.sme-vsme-chip { font-size: 12px; border-radius: 10px; padding: 1px 7px; border: 1px solid var(--sme-line);
  white-space: nowrap; cursor: default; }
.sme-vsme-complete { background: var(--sme-accent-soft); border-color: var(--sme-accent); color: var(--sme-accent); }
.sme-vsme-partly { background: #fff4e5; border-color: #f59e0b; color: #92400e; }
.sme-vsme-open { background: white; color: var(--sme-muted); }
.sme-vsme-omitted { background: #eef0f2; color: var(--sme-muted); text-decoration: line-through; }
.sme-vsme-legend { font-size: 11px; color: var(--sme-muted); }
"""


def vsme_panel_html(qn: Questionnaire, resp: Response, lang: str) -> str:
    """The sidebar block for ``resp`` in ``lang`` (every text escaped)."""
    view = vsme_completeness(qn, resp)
    done = sum(1 for d in view.disclosures if d.status == "complete")
    chips = []
    for d in view.disclosures:
        label = (
            f"{d.id} {tr(d.name, lang)}: {t('vsme.form.' + d.status, lang)}"
            f" ({t('vsme.form.answered', lang, answered=d.answered, required=d.required)})"
        )
        chips.append(
            f"<li class='sme-vsme-chip sme-vsme-{escape(d.status)}' data-disclosure='{escape(d.id)}' "
            f"data-status='{escape(d.status)}' title='{escape(label)}' aria-label='{escape(label)}'>"
            f"{escape(MARKS[d.status])} {escape(d.id)}</li>"
        )
    legend = " · ".join(f"{MARKS[st]} {t('vsme.form.' + st, lang)}" for st in COMPLETENESS_STATES)
    return (
        f"<div class='sme-vsme-title'>{escape(t('vsme.form.title', lang))}</div>"
        f"<div class='sme-vsme-count'>"
        f"{escape(t('vsme.form.count', lang, done=done, total=len(view.disclosures)))}</div>"
        f"<ul class='sme-vsme-chips'>{''.join(chips)}</ul>"
        f"<div class='sme-vsme-legend'>{escape(legend)}</div>"
    )
