"""The Voila page template of the workshop form: Voila's ``lab`` template without references to other servers.

Voila 0.5's lab template links FontAwesome's stylesheets from a public CDN (every participant's browser would
contact it, and an offline room network would wait for it) and nbconvert's adds a Mermaid loader from another
CDN. Voila's own script bundle already carries FontAwesome with its v4 names and fonts, served by the workshop
server, so the links are dropped and the Mermaid block (the form has no diagrams) is left empty.

It also watches the page's kernel connection: when it is gone for good (the form was opened in another tab,
which replaces this tab's kernel, or the kernel was released after the tab slept), a notice asks to reload,
so nobody keeps typing into a form that no longer saves.

And it watches that the form appears. A page can come without its form: now and then (twice in test runs on
a busy two-core machine) the messages that carry a form's cell output from its kernel do not reach Voila's
notebook client, which then sends the page without the output after ``IOPUB_WAIT_S``. A page that has loaded
without any cell output reloads itself at once; one that holds the output but shows neither the form nor a
message ``FORM_WAIT_MS`` after loading (the widgets' state never arrived) reloads itself then. A reload gives
the page a fresh kernel, and nothing is lost: nobody could type into a form that was not shown. Should that
happen again within ``AUTO_RELOAD_PAUSE_MS``, a notice with a reload button is shown instead (and taken away if
the form comes after all), so a server that cannot show forms does not make every tab reload over and over.
"""

from __future__ import annotations

import json
from pathlib import Path

from toolkit.i18n import LANGS, t

TEMPLATE_DIR = "voila-template"

INDEX = """{%- extends 'voila/templates/lab/index.html.j2' -%}
{#- Written by toolkit.form.workshop.page_template: the lab template, loading nothing from other servers. -#}
{%- block notebook_css -%}
{%- for line in super().splitlines() -%}
{%- set tag = line.strip()[:7] -%}
{%- if not ((tag.startswith('<link') or tag.startswith('<script'))
            and ('="http://' in line or '="https://' in line or '="//' in line)) %}
{{ line }}
{%- endif -%}
{%- endfor %}
{% endblock notebook_css -%}
{%- block html_head_js_mermaidjs -%}
{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_js -%}
{{ super() }}
{% raw %}<script>
(function () {
  "use strict";
  var Native = window.WebSocket, timer = null, shown = null;
  var TEXTS = __TEXTS__, STUCK = __STUCK__, RELOADED = "sme-form-reloaded-at";
  function show(texts, kind) {
    if (shown) { return; }
    shown = document.createElement("div");
    shown.className = kind || "sme-disconnected";
    shown.setAttribute("role", "alert");
    shown.style.cssText = "position:fixed;top:0;left:0;right:0;z-index:10000;background:#fff4e5;" +
      "border-bottom:3px solid #f59e0b;color:#9a3412;padding:14px 24px;font:16px/1.45 'Segoe UI',Arial,sans-serif;";
    texts.forEach(function (text, i) {
      var p = document.createElement("p");
      p.textContent = text;
      p.style.margin = i ? "6px 0 10px 0" : "0";
      if (i) { p.style.color = "#5b6773"; }
      shown.appendChild(p);
    });
    var button = document.createElement("button");
    button.textContent = __RELOAD__;
    button.style.cssText = "font-size:15px;padding:6px 16px;cursor:pointer;";
    button.addEventListener("click", function () { window.location.reload(); });
    shown.appendChild(button);
    (document.body || document.documentElement).appendChild(shown);
  }
  function hide() {
    if (timer) { clearTimeout(timer); timer = null; }
    if (shown) { shown.remove(); shown = null; }
  }
  class WatchedSocket extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      if (String(url).indexOf("/api/kernels/") !== -1) {
        this.addEventListener("open", hide);
        this.addEventListener("close", function () {
          if (timer) { clearTimeout(timer); }
          timer = setTimeout(function () { show(TEXTS); }, __DELAY_MS__);
        });
      }
    }
  }
  window.WebSocket = WatchedSocket;
  function formShown() {  // the form, or a message instead of it (no company, a damaged file); not "Loading ..."
    return document.querySelector(".sme-form, .jp-OutputArea-output .jp-RenderedHTMLCommon, " +
      ".jp-OutputArea-output .jp-RenderedText") !== null;
  }
  function reloadedRecently() {
    try {
      var last = Number(window.sessionStorage.getItem(RELOADED) || 0);
      if (Date.now() - last < __PAUSE_MS__) { return true; }
      window.sessionStorage.setItem(RELOADED, String(Date.now()));
      return false;
    } catch (e) {  // no session storage (privacy settings): never reload by itself
      return true;
    }
  }
  function recover() {
    if (!reloadedRecently()) { window.location.reload(); return; }
    show(STUCK, "sme-stuck");
    var watch = setInterval(function () {  // should the form come after all, the notice goes
      if (formShown()) { clearInterval(watch); if (shown && shown.className === "sme-stuck") { hide(); } }
    }, 1000);
  }
  window.addEventListener("load", function () {  // the page is complete: the form's state is all that is left
    if (document.querySelector('script[type="application/vnd.voila.cell-output+json"]') === null) {
      setTimeout(recover, 0);  // the server sent the page without the cell's output: the form cannot come
      return;
    }
    setTimeout(function () {
      if (!shown && !formShown()) { recover(); }
    }, __FORM_WAIT_MS__);
  });
})();
</script>{% endraw %}
{%- endblock html_head_js -%}
"""
NOTICE_DELAY_MS = 4000  # a connection back within this time (network blip) shows nothing
FORM_WAIT_MS = 20_000  # a page without its form this long after it loaded reloads (normally: 1-2 s)
AUTO_RELOAD_PAUSE_MS = 120_000  # at most one reload by itself in this time per tab; then a notice


def write_template(state_dir: Path) -> Path:
    """Write the template folder into the workshop's private state folder; the folder to search first."""
    folder = Path(state_dir) / TEMPLATE_DIR
    folder.mkdir(mode=0o700, exist_ok=True)
    (folder / "index.html.j2").write_text(index_template(), encoding="utf-8")
    return folder


def _js(value: object) -> str:
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c")


def index_template() -> str:
    """The template text, with the notices (disconnected; form not shown) in German and English."""
    reload_label = " · ".join(t("form.reload", lang) for lang in LANGS)
    return (
        INDEX.replace("__TEXTS__", _js([t("form.ws_closed", lang) for lang in LANGS]))
        .replace("__STUCK__", _js([t("form.ws_stuck", lang) for lang in LANGS]))
        .replace("__RELOAD__", _js(reload_label))
        .replace("__DELAY_MS__", str(NOTICE_DELAY_MS))
        .replace("__FORM_WAIT_MS__", str(FORM_WAIT_MS))
        .replace("__PAUSE_MS__", str(AUTO_RELOAD_PAUSE_MS))
    )
