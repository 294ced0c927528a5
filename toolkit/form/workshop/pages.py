"""The workshop server's own small HTML pages: no access, opening the form, the facilitator's overview.

Self-contained (inline CSS, no scripts from elsewhere); every company-typed text is escaped.
"""

from __future__ import annotations

import html
import json
from datetime import datetime

from toolkit.definitions.model import Questionnaire, tr
from toolkit.form.workshop.cohort import CompanyProgress
from toolkit.i18n import LANGS, t

STYLE = """
body { font-family: "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: #1d2730; margin: 0; background: #f6f8f9; }
main { max-width: 1100px; margin: 40px auto; background: white; border-radius: 12px; padding: 28px 36px;
  box-shadow: 0 1px 4px rgba(0,0,0,.08); }
h1 { color: #1f6f5c; font-size: 24px; margin-top: 0; }
p.en, span.en { color: #5b6773; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 8px 10px; border-bottom: 1px solid #e3e8ec; vertical-align: top; }
th { color: #5b6773; font-weight: 600; }
.bar { background: #e3e8ec; border-radius: 4px; height: 8px; width: 120px; overflow: hidden; display: inline-block;
  vertical-align: middle; margin-right: 8px; }
.bar > div { background: #1f6f5c; height: 100%; }
.muted { color: #8a96a3; }
.lvl { white-space: nowrap; }
.prov { color: #b45309; font-size: 12px; }
"""


def esc(text: object) -> str:
    return html.escape(str(text if text is not None else ""), quote=True)


def page(title: str, body: str, refresh: int | None = None) -> str:
    meta = f"<meta http-equiv='refresh' content='{refresh}'>" if refresh else ""
    return (
        "<!DOCTYPE html><html lang='de'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<meta name='referrer' content='no-referrer'>{meta}<title>{esc(title)}</title><style>{STYLE}</style>"
        f"</head><body><main>{body}</main></body></html>"
    )


def _notice(title_key: str, text_key: str, **fields: object) -> str:
    """A page with one message in every language, German first (the others below, in the muted style)."""
    first, *others = LANGS
    return page(
        " · ".join(t(title_key, lang) for lang in LANGS),
        f"<h1>{esc(t(title_key, first))}</h1><p>{esc(t(text_key, first, **fields))}</p>"
        + "".join(f"<p class='en'>{esc(t(text_key, lang, **fields))}</p>" for lang in others),
    )


def forbidden_page() -> str:
    return _notice("form.ws_forbidden_title", "form.ws_forbidden")


def limit_page(limit: int) -> str:
    """The server already serves as many companies as the facilitator allowed (``--max-kernels``)."""
    return _notice("form.ws_full_title", "form.ws_full", limit=limit)


def bad_host_page() -> str:
    """A request for a host name the server was not started under."""
    return _notice("form.ws_bad_host_title", "form.ws_bad_host")


def error_page(status: int) -> str:
    """Any other error of a file route: not found, no details."""
    return _notice("form.ws_not_found_title", "form.ws_not_found") if status == 404 else forbidden_page()


def opening_page(target: str) -> str:
    """Sets off a same-site navigation to the form, so the SameSite=Strict cookie just set is sent with it
    (a redirect answering a link clicked in an e-mail would count as cross-site and carry no cookie)."""
    url = esc(target)
    first, *others = LANGS
    body = (
        f"<h1>{esc(t('form.ws_opening', first))}</h1>"
        + "".join(f"<p class='en'>{esc(t('form.ws_opening', lang))}</p>" for lang in others)
        + f"<p><a id='go' href='{url}'>{esc(t('form.ws_open_here', first))}</a>"
        + "".join(f" <span class='en'>{esc(t('form.ws_open_here', lang))}</span>" for lang in others)
        + f"</p><script>window.location.replace({json.dumps(target)});</script>"
    )
    return page(t("form.ws_opening", first), body)


def _when(stamp: str | None, lang: str) -> str:
    if not stamp:
        return f"<span class='muted'>{esc(t('form.ws_never', lang))}</span>"
    try:
        moment = datetime.fromisoformat(stamp).astimezone()
    except ValueError:
        return esc(stamp)
    return esc(t("core.date_time", lang, d=moment))


def overview_page(rows: list[CompanyProgress], qn: Questionnaire, lang: str = "de") -> str:
    dims = qn.headline_dimensions
    head = "".join(f"<th>{esc(tr(d.name, lang))}</th>" for d in dims)
    lines = []
    for r in rows:
        if r.problem:
            lines.append(
                f"<tr><td>{esc(r.name)}</td><td>{esc(r.company_id)}</td>"
                f"<td colspan='{3 + len(dims)}' class='muted'>"
                f"{esc(t('form.ws_unreadable', lang))}: {esc(r.problem)}</td></tr>"
            )
            continue
        pct = round(100 * r.done / r.total) if r.total else 0
        cells = []
        for d in dims:
            level, name = r.levels.get(d.id, (None, {}))
            flag = f" <span class='prov'>({esc(t('form.provisional', lang))})</span>" if d.id in r.provisional else ""
            cells.append(
                f"<td class='lvl'>{level} · {esc(tr(name, lang))}{flag}</td>"
                if level is not None
                else "<td class='muted'>–</td>"
            )
        overdue = f" · <b>{r.actions_overdue} {esc(t('form.ws_overdue', lang))}</b>" if r.actions_overdue else ""
        lines.append(
            f"<tr><td>{esc(r.name)}</td><td>{esc(r.company_id)}</td>"
            f"<td><span class='bar'><div style='width:{pct}%'></div></span>"
            f"{r.done}/{r.total}</td><td>{_when(r.last_change, lang)}</td>{''.join(cells)}"
            f"<td class='actions'>{r.actions_open}{overdue}</td></tr>"
        )
    body = (
        f"<h1>{esc(t('form.ws_overview', lang))} · {esc(tr(qn.title, lang))}</h1>"
        f"<p class='en'>{esc(t('form.ws_overview_note', lang))}</p>"
        f"<table><thead><tr><th>{esc(t('form.ws_company', lang))}</th><th>{esc(t('form.ws_id', lang))}</th>"
        f"<th>{esc(t('form.ws_answered', lang))}</th><th>{esc(t('form.ws_last_change', lang))}</th>{head}"
        f"<th>{esc(t('form.ws_actions', lang))}</th></tr></thead>"
        f"<tbody>{''.join(lines)}</tbody></table>"
    )
    return page(t("form.ws_overview", lang), body, refresh=30)
