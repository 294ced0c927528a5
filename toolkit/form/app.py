"""The assessment form: navigation by DNK area and criterion, one criterion per page, autosave, live progress and
scores, language switch, and a banner when another window changed the same file."""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import weakref
from pathlib import Path
from typing import Any

import ipywidgets as w

from toolkit.definitions.loader import load_questionnaire
from toolkit.definitions.model import Criterion, Questionnaire, tr
from toolkit.form.inputs import QuestionInput, esc
from toolkit.form.kit import Kit
from toolkit.form.numbers import format_number
from toolkit.form.plan_page import PLAN_CSS, PLAN_PAGE, PlanPage
from toolkit.form.profile_page import ProfileInput, profile_fields, read_value
from toolkit.form.session import PROFILE_PAGE, FormSession, SaveOutcome
from toolkit.form.style import CSS
from toolkit.form.table_input import TABLE_CSS, input_class
from toolkit.form.vsme_panel import VSME_CSS, vsme_panel_html
from toolkit.i18n import DEFAULT_LANG, LANGS, size_class_label, t
from toolkit.scoring.scores import ScoreCard

SAVE_DELAY = 0.4  # seconds a text field may wait for the next keystroke before it is saved


def default_questionnaire_path() -> Path:
    from toolkit.definitions.paths import default_questionnaire

    return default_questionnaire()


def page_id(crit: Criterion) -> str:
    return f"c{crit.number}"


def _flush_at_exit(ref: weakref.ReferenceType[AssessmentForm]) -> None:
    """Save what is still waiting for a pause in typing when the kernel stops (page closed, kernel shut down)."""
    form = ref()
    if form is None:
        return
    with contextlib.suppress(Exception):  # the widgets' connection may be gone; the file is written first
        form.flush()


def _close_tree(widget: w.Widget) -> None:
    """Close a widget and the widgets inside it (not their layout and style models, which a Kit shares)."""
    for child in getattr(widget, "children", ()):
        _close_tree(child)
    widget.close()


class _Page:
    """The widgets of one page, built when first shown."""

    def __init__(self, box: w.VBox, questions: dict[str, QuestionInput], fields: dict[str, ProfileInput]) -> None:
        self.box = box
        self.questions = questions
        self.fields = fields
        self.empty_note: w.HTML | None = None


class AssessmentForm:
    """The form on one response file. ``form.widget`` is what a notebook displays.

    ``path`` may also be an open :class:`FormSession` (the workshop builds its form on a session of no company
    and later binds it to the participant's with :meth:`bind`)."""

    def __init__(
        self,
        path: str | Path | FormSession,
        questionnaire: Questionnaire | str | Path | None = None,
        lang: str | None = None,
        save_delay: float = SAVE_DELAY,
        company_name: str | None = None,
    ) -> None:
        if isinstance(questionnaire, Questionnaire):
            self.qn = questionnaire
        else:
            self.qn = load_questionnaire(questionnaire or default_questionnaire_path())
        if isinstance(path, FormSession):
            self.session = path
        else:
            self.session = FormSession(path, self.qn, company_name=company_name)
        ui_lang = self.session.ui.get("lang")
        self.lang = lang or (ui_lang if ui_lang in LANGS else DEFAULT_LANG)
        self.save_delay = save_delay
        self.criteria = {page_id(c): c for c in self.qn.criteria()}
        self.page_of = {q.id: pid for pid, c in self.criteria.items() for q in c.questions}
        self.page_order = [PROFILE_PAGE, *self.criteria, PLAN_PAGE]  # goals and actions last (issue 16)
        start = self.session.ui.get("page")
        self.page = start if start in self.page_order else PROFILE_PAGE
        self._pages: dict[str, _Page] = {}
        self._pending: dict[str, asyncio.TimerHandle] = {}
        self._status_text = ""
        self.kit = Kit()
        self.widget = self.kit.vbox([], "sme-form")
        self._build()
        ref = weakref.ref(self)
        atexit.register(_flush_at_exit, ref)

    # ---- layout --------------------------------------------------------------------------------------------
    def _build(self) -> None:
        lang, k = self.lang, self.kit
        self._pages = {}
        self.style = k.html(f"<style>{CSS}{TABLE_CSS}{VSME_CSS}{PLAN_CSS}</style>")
        self.title = k.html(self._title_html())
        self.lang_toggle = k.language_toggle(lang, self.set_lang)
        header = k.hbox([self.title, self.lang_toggle], "sme-header")

        self.banner_text = k.html(f"<b>⚠</b> {esc(t('form.stale_banner', lang))}")
        self.reload_button = k.button(t("form.reload", lang), "sme-reload", button_style="warning", icon="refresh")
        self.reload_button.on_click(lambda _b: self.reload())
        self.banner = k.hbox([self.banner_text, self.reload_button], "sme-banner", own_layout=True, display="none")

        self.status = k.html("", "sme-status")
        self._set_status(t("form.autosave_hint", lang))
        self.strip = k.html("", "sme-strip")
        self.summary = k.html("", "sme-summary")
        self.vsme_panel = k.html("", "sme-vsme")  # VSME Basic B1-B11: complete / partly / open / omitted

        self.nav_buttons: dict[str, w.Button] = {}
        self.area_heads: dict[str, w.HTML] = {}
        nav_items: list[w.Widget] = [k.html(f"<div class='sme-nav-title'>{esc(t('form.contents', lang))}</div>")]
        b = k.button(t("form.profile", lang), "sme-nav", layout={"width": "100%"})
        b.on_click(lambda _b: self.show(PROFILE_PAGE))
        self.nav_buttons[PROFILE_PAGE] = b
        nav_items.append(b)
        for area in self.qn.areas:
            head = k.html("", "sme-nav-area")
            self.area_heads[area.id] = head
            nav_items.append(head)
            for crit in area.criteria:
                pid = page_id(crit)
                b = k.button("", "sme-nav", layout={"width": "100%"}, tooltip=tr(crit.name, lang))
                b.on_click(lambda _b, pid=pid: self.show(pid))
                self.nav_buttons[pid] = b
                nav_items.append(b)
        b = k.button(t("plan.form.title", lang), "sme-nav", "sme-nav-plan", layout={"width": "100%"})
        b.on_click(lambda _b: self.show(PLAN_PAGE))
        self.nav_buttons[PLAN_PAGE] = b
        nav_items.append(b)
        self.nav = k.vbox(nav_items, "sme-nav-box")
        self.toc_toggle = k.button("", "sme-toc-toggle")
        self.toc_toggle.on_click(lambda _b: self.toggle_contents())
        self.sidebar = k.vbox([self.toc_toggle, self.summary, self.vsme_panel, self.nav], "sme-sidebar")
        self._toc_open = False
        self._label_toc()

        self.page_title = k.html("", "sme-page-title")
        self.scroller = k.html("", "sme-scroller")  # brings the top of a new page into view
        self._scrolls = 0
        self.page_body = k.vbox([], "sme-page-body")
        self.prev_button = k.button(t("form.previous", lang), "sme-prev")
        self.prev_button.on_click(lambda _b: self.previous())
        self.next_button = k.button(t("form.next", lang), "sme-next", button_style="primary")
        self.next_button.on_click(lambda _b: self.next())
        self.page_count = k.html("")
        pager = k.hbox([self.prev_button, self.page_count, self.next_button], "sme-pager")
        main = k.vbox([self.scroller, self.page_title, self.page_body, pager], "sme-main")
        body = k.hbox([self.sidebar, main], "sme-body")
        self.widget.children = [self.style, header, self.banner, self.status, self.strip, body]
        self.show(self.page, remember=False)
        self._refresh()

    def _title_html(self) -> str:
        name = self.session.company.name or self.session.company.id
        return (
            f"<div class='sme-title'>{esc(t('form.app_title', self.lang))} {esc(str(self.qn.year))}</div>"
            f"<div class='sme-company'>{esc(name)}</div>"
        )

    # ---- pages ---------------------------------------------------------------------------------------------
    def _page(self, pid: str) -> _Page:
        page = self._pages.get(pid)
        if page is not None:
            return page
        k = self.kit
        if pid == PROFILE_PAGE:
            fields = {
                pf.id: ProfileInput(pf, self.session.company, self.lang, self._on_profile_change, k)
                for pf in profile_fields(self.qn.profile)
            }
            self.size_info = k.html("", "sme-size")
            intro = k.html(f"<p class='sme-intro'>{esc(t('form.profile_intro', self.lang))}</p>")
            box = k.vbox([intro, *(f.box for f in fields.values()), self.size_info])
            page = _Page(box, {}, fields)
        elif pid == PLAN_PAGE:
            self.plan_page = PlanPage(self.session, self.lang, k, self._after_save)
            self.plan_page.refresh_after_save = False  # the form's own refresh after a save does it
            page = _Page(self.plan_page.box, {}, {})
        else:
            crit = self.criteria[pid]
            inputs = {
                q.id: input_class(q)(q, self.session.answer(q.id), self.lang, self._on_question_change, k)
                for q in crit.questions
            }
            box = k.vbox([*(i.box for i in inputs.values())])
            page = _Page(box, inputs, {})
            page.empty_note = k.html(f"<p class='sme-intro'>{esc(t('form.no_questions_here', self.lang))}</p>")
        self._pages[pid] = page
        return page

    def show(self, pid: str, remember: bool = True) -> None:
        """Show page ``pid`` ('profile' or 'c<criterion number>')."""
        if pid not in self.page_order:
            raise KeyError(pid)
        self.flush()
        self.page = pid
        page = self._page(pid)
        lang = self.lang
        if pid == PROFILE_PAGE:
            self.page_title.value = f"<h2>{esc(t('form.profile', lang))}</h2>"
        elif pid == PLAN_PAGE:
            self.page_title.value = f"<h2>{esc(t('plan.form.title', lang))}</h2>"
        else:
            crit = self.criteria[pid]
            area = next(a for a in self.qn.areas if a.id == crit.area)
            self.page_title.value = (
                f"<div class='sme-page-area'>{esc(tr(area.name, lang))}</div>"
                f"<h2>{esc(t('form.criterion', lang))} {crit.number} · {esc(tr(crit.name, lang))}</h2>"
            )
        self.page_body.children = [page.box]
        for key, button in self.nav_buttons.items():
            if key == pid:
                button.add_class("sme-nav-current")
            else:
                button.remove_class("sme-nav-current")
        pos = self.page_order.index(pid)
        self.prev_button.disabled = pos == 0
        self.next_button.disabled = pos == len(self.page_order) - 1
        self.page_count.value = (
            f"<span class='sme-pagecount'>{pos + 1} {esc(t('form.of', lang))} {len(self.page_order)}</span>"
        )
        self._refresh()
        if remember:
            self.session.remember(page=pid, lang=self.lang)
            if self._toc_open:  # on a small screen the block closes once a page is chosen
                self.toggle_contents()
            self._scrolls += 1
            self.scroller.value = (
                f"<img alt='' src='data:,' data-n='{self._scrolls}' style='display:none' onerror=\"var m=this.closest("
                f"'.sme-main'); if (m && m.getBoundingClientRect().top < 0) m.scrollIntoView({{block:'start'}});\">"
            )

    def toggle_contents(self) -> None:
        """Open or close the block 'Fortschritt & Inhalt' (only a block on small screens; a sidebar otherwise)."""
        self._toc_open = not self._toc_open
        if self._toc_open:
            self.sidebar.add_class("sme-toc-open")
        else:
            self.sidebar.remove_class("sme-toc-open")
        self._label_toc()

    def _label_toc(self) -> None:
        lang = self.lang
        self.toc_toggle.description = f"{'▾' if self._toc_open else '▸'} {t('form.progress_contents', lang)}"
        self.toc_toggle.tooltip = t("form.hide_contents" if self._toc_open else "form.show_contents", lang)

    @property
    def contents_open(self) -> bool:
        return self._toc_open

    def next(self) -> None:
        self.show(self._step(+1))

    def previous(self) -> None:
        self.show(self._step(-1))

    def _step(self, direction: int) -> str:
        """The next page in ``direction`` that has questions for this company (the profile always counts)."""
        visible = self.session.visible()
        pos = self.page_order.index(self.page)
        while 0 <= pos + direction < len(self.page_order):
            pos += direction
            pid = self.page_order[pos]
            if pid in (PROFILE_PAGE, PLAN_PAGE) or any(q.id in visible for q in self.criteria[pid].questions):
                return pid
        return self.page

    def set_lang(self, lang: str) -> None:
        if lang not in LANGS or lang == self.lang:
            return
        self.flush()
        self.lang = lang
        self._build()
        self.session.remember(page=self.page, lang=lang)

    def reload(self) -> None:
        """Re-read the file after another window changed it; drop this window's unsaved state."""
        for handle in self._pending.values():
            handle.cancel()
        self._pending.clear()
        self.session.reload()
        self._build()
        self.banner.layout.display = "none"
        self._set_status(t("form.reloaded", self.lang))

    def bind(self, session: FormSession) -> None:
        """Show ``session``'s company in this form, built before the company was known (a workshop kernel builds
        its form while it waits for its participant). The result equals a form built for ``session``; what
        already shows the same is kept, so little more than the finished form's state goes to the browser."""
        before = self.session.company
        for handle in self._pending.values():
            handle.cancel()
        self._pending.clear()
        self.session = session
        start, ui_lang = session.ui.get("page"), session.ui.get("lang")
        self.page = start if start in self.page_order else PROFILE_PAGE
        if ui_lang in LANGS and ui_lang != self.lang:
            old = self.widget.children
            self.lang = ui_lang
            self._build()
            for child in old:
                _close_tree(child)
            return
        self.title.value = self._title_html()
        for pid in [pid for pid in self._pages if pid != PROFILE_PAGE]:  # built again when shown
            page = self._pages.pop(pid)
            _close_tree(page.box)
            if page.empty_note is not None:
                _close_tree(page.empty_note)
        profile = self._pages.get(PROFILE_PAGE)
        if profile is not None:
            for fid, inp in list(profile.fields.items()):
                if getattr(before, fid, None) == getattr(session.company, fid, None):
                    continue
                fresh = ProfileInput(inp.pf, session.company, self.lang, self._on_profile_change, self.kit)
                profile.fields[fid] = fresh
                profile.box.children = [fresh.box if c is inp.box else c for c in profile.box.children]
                _close_tree(inp.box)
        self.show(self.page, remember=False)

    # ---- changes -------------------------------------------------------------------------------------------
    def _on_question_change(self, inp: QuestionInput) -> None:
        _answer, message = inp.compose()
        if message:
            self._cancel(inp.q.id)
            inp.show_message(message, not_saved=True)
            self._set_status(t("form.not_saved_invalid", self.lang))
            return
        inp.show_message(None)
        if inp.typing and self.save_delay > 0 and self._schedule(inp):
            self._set_status(t("form.saving", self.lang))
            return
        self._commit(inp)

    def _schedule(self, inp: QuestionInput) -> bool:
        """Save ``inp`` after a short pause in typing; False when no event loop runs (then save now)."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return False
        self._cancel(inp.q.id)
        self._pending[inp.q.id] = loop.call_later(self.save_delay, self._commit, inp)
        return True

    def _cancel(self, qid: str) -> None:
        handle = self._pending.pop(qid, None)
        if handle is not None:
            handle.cancel()

    def flush(self) -> None:
        """Save every change still waiting for a pause in typing."""
        pending = list(self._pending)
        for qid in pending:
            self._cancel(qid)
            page = self._pages.get(self.page_of[qid])
            if page is not None:
                self._commit(page.questions[qid])

    def _commit(self, inp: QuestionInput) -> None:
        self._pending.pop(inp.q.id, None)
        answer, message = inp.compose()
        if message:
            inp.show_message(message, not_saved=True)
            return
        outcome = self.session.put_answer(inp.q.id, answer, self.lang)
        self._after_save(outcome, inp.show_message)

    def _on_profile_change(self, inp: ProfileInput) -> None:
        value, message = read_value(inp)
        if message is None:
            outcome = self.session.put_company(inp.pf.id, value, self.lang)
        else:
            outcome = SaveOutcome(False, message=message)
        self._after_save(outcome, inp.show_message)
        if outcome.saved and inp.pf.id == "name":
            self.title.value = self._title_html()

    def _after_save(self, outcome: SaveOutcome, show_message: Any) -> None:
        if outcome.stale:
            self.banner.layout.display = ""
            self._set_status("")
            return
        if not outcome.saved:
            show_message(outcome.message, not_saved=True)
            self._set_status(t("form.not_saved_invalid", self.lang))
            return
        show_message(None)
        saved = self.session.last_saved
        self._set_status(t("form.saved_at", self.lang, time=saved.strftime("%H:%M:%S") if saved else ""))
        self._refresh()

    def _set_status(self, text: str) -> None:
        self._status_text = text
        self.status.value = f"<span role='status'>{esc(text)}</span>" if text else ""

    # ---- derived views -------------------------------------------------------------------------------------
    def _refresh(self) -> None:
        """Question visibility, navigation counts, progress and live scores after a change."""
        visible = self.session.visible()
        for page in self._pages.values():
            for qid, inp in page.questions.items():
                inp.box.layout.display = "" if qid in visible else "none"
        current = self._pages.get(self.page)
        if current is not None and self.page not in (PROFILE_PAGE, PLAN_PAGE):
            shown = [qid for qid in current.questions if qid in visible]
            boxes = [i.box for i in current.questions.values()]
            wanted = boxes if shown else [current.empty_note, *boxes]
            if tuple(current.box.children) != tuple(wanted):
                current.box.children = wanted
        if self.page == PROFILE_PAGE and hasattr(self, "size_info"):
            size = self.session.size_class
            size_name = size_class_label(size, self.lang) if size else t("form.size_unknown", self.lang)
            size_text = t("form.size_class_is", self.lang, size=size_name)
            self.size_info.value = f"<div class='sme-size'>{esc(size_text)}</div>"
        prog = self.session.progress(visible)
        lang = self.lang
        for area in self.qn.areas:
            done, total = prog.areas[area.id]
            self.area_heads[area.id].value = (
                f"<div class='sme-nav-area'><span>{esc(tr(area.name, lang))}</span>"
                f"<span class='sme-count'>{done}/{total}</span></div>"
            )
            for crit in area.criteria:
                c_done, c_total = prog.criteria[crit.number]
                button = self.nav_buttons[page_id(crit)]
                mark = "✓ " if c_total and c_done == c_total else ""
                button.description = f"{mark}{crit.number} · {tr(crit.name, lang)}  ({c_done}/{c_total})"
                if c_total:
                    button.remove_class("sme-nav-empty")
                else:
                    button.add_class("sme-nav-empty")
        self.vsme_panel.value = vsme_panel_html(self.qn, self.session.resp, lang)
        card = self.session.scorecard()
        self.summary.value = self._summary_html(prog.done, prog.total, card)
        self.strip.value = self._strip_html(prog.done, prog.total, card)
        self._show_findings(card)
        if self.page == PLAN_PAGE and PLAN_PAGE in self._pages:  # next steps and goal states follow the answers
            self.plan_page.refresh(card)

    def _show_findings(self, card: ScoreCard) -> None:
        """Contradictions at every question they involve and missing evidence at its claim, on the pages built so
        far, as the participant types (warnings only: nothing blocks saving)."""
        for page in self._pages.values():
            for qid, inp in page.questions.items():
                messages = []
                for f in card.data_quality.for_question(qid):
                    text = tr(f.message, self.lang)
                    messages.append(
                        t("form.evidence_missing", self.lang, prompt=text) if f.kind == "unevidenced" else text
                    )
                inp.show_findings(messages)

    def _strip_html(self, done: int, total: int, card: ScoreCard) -> str:
        """The slim bar that stays in view: progress and the headline scores, one line where there is room."""
        lang = self.lang
        pct = round(100 * done / total) if total else 0
        chips = []
        for d in card.headline:
            value = "–" if d.score is None else format_number(round(d.score), lang)
            mark = "*" if d.score is not None and d.provisional else ""
            chips.append(f"<span class='sme-chip'>{esc(tr(d.name, lang))}<b>{esc(value)}{mark}</b></span>")
        note = f"{t('form.live_scores', lang)}: " + ", ".join(
            f"{tr(d.name, lang)} {'–' if d.score is None else format_number(round(d.score), lang)}"
            for d in card.headline
        )
        return (
            f"<div class='sme-strip-row' role='group' aria-label='{esc(t('form.progress', lang))}'>"
            f"<div class='sme-strip-prog'><span class='sme-strip-label'>{esc(t('form.progress', lang))}</span>"
            f"<div class='sme-bar' role='progressbar' aria-valuemin='0' aria-valuemax='{total}' "
            f"aria-valuenow='{done}' aria-label='{esc(t('form.answered_of', lang, done=done, total=total))}'>"
            f"<div style='width:{pct}%'></div></div>"
            f"<span class='sme-strip-count'>{done}/{total}</span></div>"
            f"<div class='sme-strip-dims' title='{esc(note)}'>{''.join(chips)}</div></div>"
        )

    def _summary_html(self, done: int, total: int, card: ScoreCard) -> str:
        lang = self.lang
        pct = round(100 * done / total) if total else 0
        rows = [
            f"<div class='sme-sum-title'>{esc(t('form.progress', lang))}</div>",
            f"<div class='sme-bar'><div style='width:{pct}%'></div></div>",
            f"<div class='sme-sum-text'>{esc(t('form.answered_of', lang, done=done, total=total))}</div>",
            f"<div class='sme-sum-title'>{esc(t('form.live_scores', lang))}</div>",
        ]
        for d in card.headline:
            if d.score is None:
                value, level, width = "–", t("form.not_scored_yet", lang), 0
            else:
                value = format_number(round(d.score), lang)
                level = f"{t('form.level', lang)} {d.level}: {tr(d.level_name, lang)}"
                if d.provisional:
                    level += f" ({t('form.provisional', lang)})"
                width = round(d.score)
            rows.append(
                f"<div class='sme-dim' data-dim='{esc(d.id)}'><div class='sme-dim-head'>"
                f"<span>{esc(tr(d.name, lang))}</span>"
                f"<b>{esc(value)}</b></div><div class='sme-bar sme-bar-score'><div style='width:{width}%'></div></div>"
                f"<div class='sme-dim-level'>{esc(level)}</div></div>"
            )
        dq = card.data_quality
        if dq.findings:
            counts = t(
                "form.findings_count", lang, contradictions=len(dq.contradictions), unevidenced=len(dq.unevidenced)
            )
            rows.append(
                f"<div class='sme-sum-title'>{esc(t('form.findings_title', lang))}</div>"
                f"<div class='sme-sum-text sme-findings-count'>{esc(counts)}</div>"
            )
        return "".join(rows)

    # ---- for tests and notebooks ---------------------------------------------------------------------------
    def question(self, qid: str) -> QuestionInput:
        """The widgets of question ``qid`` (builds its page if needed, without navigating there)."""
        return self._page(self.page_of[qid]).questions[qid]

    def profile_input(self, fld: str) -> ProfileInput:
        return self._page(PROFILE_PAGE).fields[fld]

    @property
    def stale(self) -> bool:
        return self.session.stale

    @property
    def banner_visible(self) -> bool:
        return self.banner.layout.display != "none"

    @property
    def status_text(self) -> str:
        return self._status_text

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
