"""The company report's sections, for the report notebook to display (``notebooks/report.ipynb``).

The notebook only calls these methods, in the order of :data:`~toolkit.report.contents.SECTIONS`; every decision
about content lives here and in :mod:`~toolkit.report.owner` (the owner's pages), and every piece of HTML comes
from an autoescaping Jinja template in ``toolkit/templates/report/sections``, so text a company typed (its
name, notes, explanations) is always escaped. Charts are separate outputs (:class:`~toolkit.rendering.charts.Chart`)
so that they stay interactive in JupyterLab. This module holds the appendix: the answers per dimension, further
steps, DNK coverage, energy and climate figures, VSME datapoints, data quality and the method.

Usage (what the notebook does)::

    view = ReportView.load("responses/acme.json", lang="en", cohort="cohort-summary.json")
    view.cover(); view.summary(); view.comparison(); view.next_steps()  # the owner's part
    view.appendix(); view.dimensions(); view.more_steps(); view.coverage(); view.kpis(); view.vsme()
    view.data_quality(); view.method()

Computed once, rendered once. ``toolkit report`` and ``toolkit render`` read each response file once, check it and
score it once, in the command's process (:meth:`ReportView.load`). What the sections need then goes to the report
notebook as one JSON document, the *computed view* (:meth:`ReportView.computed`; its path is the notebook's
``computed`` parameter): the response document's text as it was read and checked, the scorecard document, the
cohort group the company is compared with, the language and the number of steps. The notebook builds its view from
it (:meth:`ReportView.from_computed`): the scorecard is read back, never scored again, and the cohort summary is not
read again; the text is parsed in memory, since answers, company and plan are shown as the company gave them. The
command writes that same scorecard document as ``<id>_scorecard.json``, so the PDF and the JSON cannot differ. Run
by hand with only ``response`` set, the notebook reads, checks and scores the response itself, as before.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from toolkit import __version__
from toolkit.definitions import units
from toolkit.definitions.factors import load_factors
from toolkit.definitions.loader import load_questionnaire
from toolkit.definitions.model import Question, Questionnaire, tr
from toolkit.definitions.paths import DEFAULT_QUESTIONNAIRE
from toolkit.definitions.types import registry
from toolkit.i18n import LANGS, t, unit_label
from toolkit.rendering import charts as C
from toolkit.rendering import fmt
from toolkit.rendering.fragments import Html, Section, env
from toolkit.report.comparison import Comparison
from toolkit.report.contents import SECTIONS, ReportSection
from toolkit.report.owner import PLAN_STEPS, OwnerPart
from toolkit.report.progress import ProgressPart
from toolkit.report.vsme_section import vsme_context
from toolkit.responses import Answer, Response, parse_response, read_json
from toolkit.scoring.document import scorecard_from_dict
from toolkit.scoring.scores import OPEN_STATUSES, PROVISIONAL_BELOW, Contribution, DimensionScore, ScoreCard
from toolkit.scoring.scores import score as score_response
from toolkit.views.cohort_summary import CohortSummary, load_cohort_summary

FIGURE_OF_ROW = {  # key-figure row -> the figure whose inputs decide whether it is complete
    "energy_total": "total_mwh",
    "renewable_share": "renewable_share",
    "scope1": "scope1",
    "scope2_location": "scope2",
    "scope2_market": "scope2",
    "total_emissions": "total_t",
    "per_employee": "per_employee",
    "per_meur": "per_meur",
    "mwh_per_employee": "mwh_per_employee",
}


STRENGTH_FROM = 0.75  # an answer earning at least this share of its points is a strength
MIN_STEPS, MAX_STEPS = 5, 10
COMPUTED_FORMAT = "sme-toolkit-report-view/1"  # the computed view a command hands to the report notebook


@dataclass
class ReportView(OwnerPart, ProgressPart):
    qn: Questionnaire
    resp: Response
    card: ScoreCard
    lang: str = "de"
    comparison_group: Comparison | None = None
    max_steps: int = MAX_STEPS
    today: date | None = None
    document: str | None = None  # the response file's text as it was read and checked

    # ---- construction ------------------------------------------------------------------------------------------
    @classmethod
    def load(
        cls,
        response: str | Path,
        questionnaire: str | Path | None = None,
        lang: str = "de",
        cohort: str | Path | CohortSummary | None = None,
        factors: str | Path | None = None,
        max_steps: int = MAX_STEPS,
        today: date | None = None,
        *,
        computed: str | Path | None = None,
        document: str | None = None,
    ) -> ReportView:
        """Load, check and score one response. Raises the toolkit's typed errors on bad input.

        ``document``: the text of the response file when the caller has already read and checked it (a batch
        reads each file once). ``computed``: the computed view a command wrote (see the module's docstring); the
        view is then built from it alone, and the response is neither read nor scored again."""
        if computed is not None:
            return cls.from_computed(computed, today=today)
        if lang not in LANGS:
            raise ValueError(f"unknown report language {lang!r}: use one of {', '.join(LANGS)}")
        qn = load_questionnaire(questionnaire or DEFAULT_QUESTIONNAIRE)
        if document is None:
            data, document = read_json(response)
        else:
            data = json.loads(document)
        resp = parse_response(data, qn, str(response), document)
        resp.path = str(response)
        card = score_response(qn, resp, load_factors(factors) if factors else None)
        summary = cohort if isinstance(cohort, CohortSummary) or cohort is None else load_cohort_summary(cohort)
        comparison = Comparison.select(summary, resp) if summary is not None else None
        steps = max(MIN_STEPS, min(MAX_STEPS, int(max_steps)))
        return cls(qn, resp, card, lang, comparison, steps, today, document)

    def computed(self) -> dict[str, Any]:
        """The computed view: everything the report notebook needs to show this report without reading or scoring
        the response again (see the module's docstring). ``["scorecard"]`` is the scorecard document."""
        if self.document is None:
            raise ValueError("this view was not loaded from a response document")
        return {
            "format": COMPUTED_FORMAT,
            "questionnaire": str(Path(self.qn.path or DEFAULT_QUESTIONNAIRE).resolve()),
            "response": {"path": self.resp.path, "text": self.document},
            "scorecard": self.card.to_dict(),
            "comparison": self.comparison_group.to_dict() if self.comparison_group else None,
            "lang": self.lang,
            "max_steps": self.max_steps,
        }

    @classmethod
    def from_computed(cls, computed: str | Path | dict[str, Any], today: date | None = None) -> ReportView:
        """The view of a computed view (a dict, or the path of its JSON file): the scorecard as the command scored
        it, the comparison as it chose it; only the questionnaire is loaded (cached while unchanged)."""
        doc = computed if isinstance(computed, dict) else json.loads(Path(computed).read_text(encoding="utf-8"))
        if doc.get("format") != COMPUTED_FORMAT:
            raise ValueError(f"not a computed report view: format {doc.get('format')!r}")
        qn = load_questionnaire(doc["questionnaire"])
        source = doc["response"]
        resp = parse_response(json.loads(source["text"]), qn, source["path"] or "<response>", source["text"])
        resp.path = source["path"]
        card = scorecard_from_dict(doc["scorecard"])
        comparison = Comparison.from_dict(doc["comparison"]) if doc["comparison"] is not None else None
        return cls(qn, resp, card, doc["lang"], comparison, doc["max_steps"], today, source["text"])

    # ---- helpers -----------------------------------------------------------------------------------------------
    def t(self, key: str, **values: Any) -> str:
        """The report's text ``key`` (``report.<key>`` in the catalogues) in the report's language."""
        return t(f"report.{key}", self.lang, **values)

    def _tr(self, text: dict[str, str] | None) -> str:
        return tr(text, self.lang)

    def _render(self, name: str, **ctx: Any) -> Html:
        base = {"t": self.t, "lang": self.lang, "level_name": self._level_name}
        return Html(env().get_template(name).render(**base, **ctx))

    def _level_name(self, level: int | None) -> str:
        if level is None:
            return self.t("not_scored")
        return self._tr(self.qn.levels[level].name)

    @property
    def company_name(self) -> str:
        return self.resp.company.name.strip() or self.resp.company.id

    @property
    def headline(self) -> list[DimensionScore]:
        return self.card.headline

    def _thresholds(self) -> list[tuple[float, str]]:
        return [(lvl.min_score, self._tr(lvl.name)) for lvl in self.qn.levels]

    def _dim_summary(self, d: DimensionScore) -> dict[str, Any]:
        return {
            "id": d.id,
            "name": self._tr(d.name),
            "score": fmt.score(d.score, self.lang),
            "scored": d.score is not None,
            "level": d.level,
            "level_name": self._level_name(d.level),
            "completeness": fmt.percent(d.completeness, self.lang),
            "completeness_value": d.completeness,
            "provisional": d.provisional,
            "answered": d.answered,
            "shown": d.shown,
        }

    def answer_label(self, q: Question, a: Answer | None) -> str:
        """The chosen option's label as the company saw it."""
        if a is None:
            return fmt.DASH
        if a.not_applicable:
            return self.t("na_questions")
        return registry.get(q.type).answer_label(q, a.value, self)

    # ---- what a question type asks of the report to write its answer (LabelContext) ----------------------------
    dash = fmt.DASH

    def option_label(self, q: Question, option_id: str) -> str:
        return self._option_label(q, option_id)

    def wording(self, key: str, **fields: Any) -> str:
        return self.t(key, **fields)

    def rows(self, n: int) -> str:
        """A table answer in the appendix: its number of rows (the rows are in the section 'VSME datapoints')."""
        return t("vsme.report.rows", self.lang, n=n)

    def _option_label(self, q: Question, option_id: str) -> str:
        opt = q.option(option_id)
        if opt is not None and opt.label:
            return self._tr(opt.label)
        if option_id in ("yes", "no", "comply", "explain"):
            return self.t(option_id)
        return option_id

    # ---- sections: numbered in the order of the one list, SECTIONS ---------------------------------------------
    def _entries(self, sec: ReportSection) -> list[tuple[str, str]]:
        """The numbered entries (key, title) of one section: none while it does not show (``when``) or has no
        title (the cover, the appendix heading); several or computed ones from its ``entries`` method."""
        if sec.when is not None and not getattr(self, sec.when):
            return []
        if sec.entries is not None:
            return list(getattr(self, sec.entries)())
        return [(sec.id, t(sec.title, self.lang))] if sec.title else []

    def _numbered(self) -> list[tuple[str, str, ReportSection]]:
        """(key, title, section) of every numbered entry, in the order of :data:`SECTIONS`."""
        return [(key, title, sec) for sec in SECTIONS for key, title in self._entries(sec)]

    def _number(self, key: str) -> str:
        return f"{[k for k, _, _ in self._numbered()].index(key) + 1:02d}"

    def _kicker(self, key: str) -> str:
        """'03 · Kerndimension': the entry's number as in the contents, and its section's label."""
        sec = next(sec for k, _, sec in self._numbered() if k == key)
        return f"{self._number(key)} · {t(sec.kicker, self.lang)}" if sec.kicker else self._number(key)

    def contents(self) -> list[str]:
        """The titles of the numbered sections, owner's part first, then the appendix."""
        return [title for _, title, _ in self._numbered()]

    def dimension_entries(self) -> list[tuple[str, str]]:
        return [(d.id, self._tr(d.name)) for d in self.headline]

    def progress_entries(self) -> list[tuple[str, str]]:
        return [("progress", self.progress_title())]  # "Ihr Plan" or, in a later round, "Ihr Fortschritt"

    @property
    def has_comparison(self) -> bool:
        return self.comparison_group is not None

    @property
    def has_more_steps(self) -> bool:
        return bool(self._more_steps())

    # ---- exact effects and incomplete figures ------------------------------------------------------------------
    def _figure(self, key: str, value: str, unit: str) -> tuple[str, str, str]:
        """A key-figure row; "unvollständig" instead of a number whose inputs are still open."""
        if FIGURE_OF_ROW.get(key) in self.card.data_quality.incomplete_kpis:
            return (self.t(key), self.t("incomplete"), "")
        return (self.t(key), value, unit)

    def _input_label(self, ref: str) -> str:
        if ref.startswith("company."):
            return self.t(f"company_{ref.split('.', 1)[1]}")
        q = self.qn.question(ref)
        return self._tr(q.text) if q else ref

    def _incomplete_note(self, figures: list[str]) -> str | None:
        gaps = self.card.data_quality.incomplete_kpis
        refs = sorted({ref for f in figures for ref in gaps.get(f, [])})
        if not refs:
            return None
        key = "incomplete_note_one" if len(refs) == 1 else "incomplete_note_other"
        return self.t(key, n=len(refs), section=self._number("data_quality"))

    def dimensions(self) -> Section:
        """One section per headline dimension (energy, supply chain, reporting)."""
        parts: list[Html | C.Chart] = []
        for d in self.headline:
            parts.extend(self.dimension(d.id).parts)
        return Section(parts)

    def dimension(self, dim_id: str) -> Section:
        d = self.card.dimension(dim_id)
        dim = self.qn.dimension(dim_id)
        st = self.comparison_group.stats(dim_id) if self.comparison_group else None
        level = self.qn.levels[d.level] if d.level is not None else None
        nxt = self.qn.levels[d.level + 1] if d.level is not None and d.level + 1 < len(self.qn.levels) else None
        steps = {r.question: r for r in self.card.recommendations}
        strengths: list[tuple[Contribution, dict[str, Any]]] = []
        gaps: list[tuple[Contribution, dict[str, Any]]] = []
        open_: list[dict[str, Any]] = []
        na: list[str] = []
        for c in d.contributions:
            q = self.qn.question(c.question)
            if q is None:
                continue
            a = self.resp.answers.get(q.id)
            if c.status == "not_applicable":
                na.append(self._tr(q.text))
            elif c.status in OPEN_STATUSES or c.fraction is None:
                open_.append({"text": self._tr(q.text), "explanation": a.explanation if a else None})
            else:
                row = self._row(q, a, c, steps)
                (strengths if c.fraction >= STRENGTH_FROM else gaps).append((c, row))
        strengths.sort(key=lambda cr: -cr[0].points)
        gaps.sort(key=lambda cr: -(cr[0].max_points - cr[0].points))
        header = self._render(
            "dimension_head.html.j2",
            kicker=self._kicker(d.id),
            dim=self._dim_summary(d),
            description=self._tr(dim.description) if dim else "",
        )
        next_level: str | None
        if nxt is not None:
            next_level = self.t("next_level", name=self._tr(nxt.name), min=fmt.score(nxt.min_score, self.lang))
        else:
            next_level = self.t("top_level") if level else None
        card = self._render(
            "dimension_card.html.j2",
            dim=self._dim_summary(d),
            median=fmt.score(st.median, self.lang) if st else None,
            level_description=self._tr(level.description) if level else self.t("not_scored_note"),
            next_level=next_level,
            provisional_note=self.t("provisional_note", pct=fmt.percent(PROVISIONAL_BELOW, self.lang)),
        )
        body = self._render(  # every answer, none hidden: the appendix explains the score answer by answer
            "dimension_body.html.j2",
            strengths=[{**r, "step": ""} for _, r in strengths],
            gaps=[r for _, r in gaps],
            open=open_,
            na=na,
        )
        return Section([header, card, body])

    def _row(self, q: Question, a: Answer | None, c: Contribution, steps: dict[str, Any]) -> dict[str, Any]:
        step = ""
        if c.fraction is not None and c.fraction < 1:
            if q.id in steps:
                step = self._tr(steps[q.id].next_step)
            elif a is not None and isinstance(a.value, str) and (option := q.option(a.value)) is not None:
                step = self._tr(option.next_step)
        return {
            "text": self._tr(q.text),
            "criterion": q.criterion,
            "answer": self.answer_label(q, a),
            "note": a.note if a else None,
            "explanation": a.explanation if a else None,
            "got": fmt.num(c.points, 1, self.lang),
            "max": fmt.num(c.max_points, 1, self.lang),
            "share": 0.0 if not c.max_points else max(0.0, min(1.0, c.points / c.max_points)),
            "step": step,
        }

    def _why(self, cv: Any) -> str:
        """Why a criterion is comply, explain or open, in the participant's words."""
        if cv.status == "comply":
            return self.t("why_comply")
        if cv.status == "explain":
            return self.t("why_explain", text=cv.explanation) if cv.explanation else self.t("explain")
        items = "; ".join(self._unmet_text(u) for u in cv.unmet) or self.t("why_unanswered")
        return self.t("why_open_claim" if cv.claimed == "comply" else "why_open", items=items)

    def _unmet_text(self, u: dict[str, Any]) -> str:
        q = self.qn.question(u["question"])
        name = self._tr(q.text) if q else u["question"]
        have, need, op = u["answer"], u["value"], u["op"]
        if have is None:
            return f"{name} ({self.t('need_answer')})"
        if op in ("min_level", "max_level"):
            return f"{name} ({self.t('need_' + op, have=have, need=need)})"
        if op == "min_count":
            return f"{name} ({self.t('need_count', have=len(have) if isinstance(have, list) else have, need=need)})"
        shown = self._option_label(q, str(need)) if q is not None and isinstance(need, str) else str(need)
        return f"{name} ({self.t('need_value', need=shown)})"

    def coverage(self) -> Html:
        by_area: dict[str, list[dict[str, Any]]] = {}
        for cv in self.card.coverage:
            by_area.setdefault(cv.area, []).append(
                {
                    "number": cv.criterion,
                    "name": self._tr(cv.name),
                    "status": cv.status,
                    "status_text": self.t(cv.status),
                    "answered": cv.answered,
                    "shown": cv.shown,
                    "why": self._why(cv),
                }
            )
        areas = [
            {"name": self._tr(a.name), "criteria": by_area.get(a.id, [])} for a in self.qn.areas if by_area.get(a.id)
        ]
        counts = {st: sum(1 for cv in self.card.coverage if cv.status == st) for st in ("comply", "explain", "open")}
        explanations = []
        for q in self.qn.iter_questions():
            a = self.resp.answers.get(q.id)
            if a is not None and a.explained and not registry.get(q.type).declaration:
                explanations.append({"criterion": q.criterion, "question": self._tr(q.text), "text": a.explanation})
        return self._render(
            "coverage.html.j2",
            kicker=self._kicker("coverage"),
            areas=areas,
            counts=counts,
            total=len(self.card.coverage),
            explanations=explanations,
        )

    def kpis(self) -> Section:
        k = self.card.kpis
        L = self.lang
        lines = [
            {
                "name": self._tr(e.name),
                "input": self._energy_input(e),
                "input_note": self._own_power_fed(e),
                "mwh": fmt.num(e.mwh, 1, L),
                "scope": str(e.scope) if e.scope in (1, 2) else fmt.DASH,
                "t": fmt.num(e.t_co2e, 2, L),
                "factor": f"{fmt.num(e.factor.value, 3, L)} kg CO₂e/{e.factor.per}",
                "source": e.factor.source_in(L),
                "year": e.factor.year,
            }
            for e in k.energy
        ]
        rows = [
            self._figure("energy_total", fmt.num(k.total_mwh, 1, L), "MWh"),
            self._figure("renewable_share", fmt.percent_value(k.renewable_share, L), ""),
            self._figure("scope1", fmt.num(k.scope1_t, 2, L), "t CO₂e"),
            self._figure("scope2_location", fmt.num(k.scope2_location_t, 2, L), "t CO₂e"),
        ]
        if k.scope2_market_t is not None:
            rows.append(self._figure("scope2_market", fmt.num(k.scope2_market_t, 2, L), "t CO₂e"))
        rows.append(self._figure("total_emissions", fmt.num(k.total_t, 2, L), "t CO₂e"))
        rows.append(self._figure("per_employee", fmt.num(k.intensity_per_employee_t, 2, L), "t CO₂e"))
        rows.append(self._figure("per_meur", fmt.num(k.intensity_per_meur_t, 2, L), "t CO₂e"))  # label names the base
        rows.append(self._figure("mwh_per_employee", fmt.num(k.energy_per_employee_mwh, 1, L), "MWh"))
        others = []
        for v in k.other.values():
            q = self.qn.question(str(v.get("question", "")))
            value = v.get("value")
            number = value if isinstance(value, int | float) and not isinstance(value, bool) else None
            others.append(
                (
                    self._tr(q.text) if q else str(v.get("question", "")),
                    fmt.num(number, 0 if number is not None and float(number).is_integer() else 1, L),
                    unit_label(str(v.get("unit") or ""), L, number),
                )
            )
        head = self._render(
            "kpis.html.j2",
            kicker=self._kicker("kpis"),
            lead=self.t("kpis_lead", table=k.factor_table),
            lines=lines,
            total_mwh=fmt.num(k.total_mwh, 1, L),
            total_t=fmt.num(k.scope1_t + k.scope2_location_t, 2, L),
            incomplete_total="total_mwh" in self.card.data_quality.incomplete_kpis,
            own_power=self._own_power_note(),
        )
        note = self._incomplete_note(list(FIGURE_OF_ROW.values()))
        parts: list[Html | C.Chart] = [head, self._render("kpi_table.html.j2", rows=rows, incomplete_note=note)]
        if k.energy and k.total_mwh > 0:
            names = [fmt.co2(f"{self._tr(e.name)} · {fmt.num(e.mwh, 1, L)} MWh") for e in k.energy]
            texts = [fmt.percent(e.mwh / k.total_mwh, L) for e in k.energy]
            parts.append(
                C.Chart(C.energy_mix(names, [e.mwh for e in k.energy], texts, L), caption=self.t("chart_energy_mix"))
            )
        if others or k.warnings:
            parts.append(self._render("kpi_other.html.j2", others=others, warnings=k.warnings))
        return Section(parts)

    def _own_power(self) -> tuple[float, float, float] | None:
        """(generated, fed in, used on site) in MWh when part of the own generation went into the grid."""
        for e in self.card.kpis.energy:
            if e.carrier != "self_generated_electricity" or not units.same_kind(e.input_unit, "MWh"):
                continue
            made = units.convert(e.input_value, e.input_unit, "MWh")
            if made - e.mwh > 1e-9:
                return made, made - e.mwh, e.mwh
        return None

    def _energy_input(self, e: Any) -> str:
        value = fmt.num(e.input_value, 0 if e.input_value >= 100 else 1, self.lang)
        return f"{value} {unit_label(e.input_unit, self.lang, e.input_value)}".strip()

    def _own_power_fed(self, e: Any) -> str | None:
        """'− 95,0 MWh eingespeist' under the own generation's input when part of it went into the grid."""
        own = self._own_power() if e.carrier == "self_generated_electricity" else None
        return self.t("own_power_fed", fed=f"{fmt.num(own[1], 1, self.lang)} MWh") if own else None

    def _own_power_note(self) -> str | None:
        own = self._own_power()
        if own is None:
            return None
        made, fed, used = (f"{fmt.num(v, 1, self.lang)} MWh" for v in own)
        return self.t("own_power_note", made=made, fed=fed, used=used)

    def vsme(self) -> Html:
        """VSME Basic B1-B11 complete / partly / open / omitted, and the rows of the table answers."""
        return self._render("vsme.html.j2", kicker=self._kicker("vsme"), **vsme_context(self.qn, self.resp, self.lang))

    def more_steps(self) -> Section:
        """The steps after the action plan's five (up to ``max_steps``), with today's answer, the target and the
        DNK criterion; nothing when the plan holds them all."""
        more = self._more_steps()
        if not more:
            return Section([])
        steps = []
        for r in more:
            q = self.qn.question(r.question)
            a = self.resp.answers.get(r.question)
            steps.append(
                {
                    "question": self._tr(r.text),
                    "criterion": r.criterion,
                    "now": self.answer_label(q, a) if q else fmt.DASH,
                    "target": self._tr(r.next_label) or self._option_label(q, r.next_option) if q else r.next_option,
                    "step": self._tr(r.next_step),
                    "gain": self.effect(r),
                    "dims": self._dims_of(r),
                    "facts": self.step_facts(r),
                    "open": r.kind == "answer",
                    "promoted": self._promoted(r),
                }
            )
        lead = self.t(
            "more_steps_lead", first=PLAN_STEPS + 1, last=PLAN_STEPS + len(more), section=self._number("next_steps")
        )
        html = self._render(
            "step_details.html.j2", kicker=self._kicker("more_steps"), lead=lead, steps=steps, start=PLAN_STEPS + 1
        )
        return Section([html])

    def appendix(self) -> Html:
        """The heading "Anhang" / "Appendix" that starts the second part, what it holds, and the scores of the
        further dimensions and the DNK areas."""
        others = [self._dim_summary(d) for d in self.card.dimensions if not d.headline]
        areas = [
            {
                "name": self._tr(a.name),
                "score": fmt.score(a.score, self.lang),
                "level": a.level,
                "level_name": self._level_name(a.level),
            }
            for a in self.card.areas
        ]
        return self._render(
            "appendix.html.j2",
            entries=[(self._number(key), title) for key, title, sec in self._numbered() if sec.appendix],
            others=others,
            areas=areas,
        )

    def data_quality(self) -> Html:
        """Contradictions, top-level claims without evidence and key figures with open inputs."""
        dq = self.card.data_quality
        unevidenced = []
        for f in dq.unevidenced:
            q = self.qn.question(f.id)
            a = self.resp.answers.get(f.id)
            unevidenced.append(
                {
                    "criterion": q.criterion if q else "",
                    "question": self._tr(q.text) if q else f.id,
                    "answer": self.answer_label(q, a) if q else "",
                    "asked": self._tr(f.message),
                }
            )
        by_input: dict[str, list[str]] = {}  # one row per missing input, with the figures it holds back
        for figure, refs in dq.incomplete_kpis.items():
            for ref in refs:
                by_input.setdefault(ref, []).append(self.t(f"kpi_figure_{figure}"))
        kpis = [{"input": self._input_label(ref), "figures": ", ".join(figs)} for ref, figs in by_input.items()]
        return self._render(
            "data_quality.html.j2",
            kicker=self._kicker("data_quality"),
            contradictions=[self._tr(f.message) for f in dq.contradictions],
            unevidenced=unevidenced,
            kpis=kpis,
        )

    def method(self) -> Html:
        weights = []
        for d in self.card.dimensions:
            weights.append(
                {
                    "name": self._tr(d.name),
                    "headline": d.headline,
                    "questions": len(d.contributions),
                    "weight": fmt.num(sum(c.weight for c in d.contributions), 1, self.lang),
                }
            )
        levels = [
            {
                "level": lvl.level,
                "name": self._tr(lvl.name),
                "min": fmt.score(lvl.min_score, self.lang),
                "description": self._tr(lvl.description),
            }
            for lvl in self.qn.levels
        ]
        comp = self.comparison_group
        return self._render(
            "method.html.j2",
            kicker=self._kicker("method"),
            intro=self.t("method_intro", qid=self.qn.id, version=self.qn.version),
            completeness=self.t("method_completeness", pct=fmt.percent(PROVISIONAL_BELOW, self.lang)),
            kpis=self.t("method_kpis", table=self.card.kpis.factor_table),
            cohort=self.t("method_cohort", min=comp.min_group_size) if comp and comp.min_group_size else None,
            levels=levels,
            weights=weights,
            generated=self.t("generated_by", version=__version__),
        )

    # ---- all at once (tests, previews) -------------------------------------------------------------------------
    def parts(self) -> list[Html | C.Chart]:
        """Every output of the report in order, as the notebook's section cells display them."""
        out: list[Html | C.Chart] = []
        for sec in SECTIONS:
            result = getattr(self, sec.id)()
            out += result.parts if isinstance(result, Section) else [result]
        return out
