"""The company report's sections, for the report notebook to display (``notebooks/report.ipynb``).

The notebook only calls these methods; every decision about content lives here and every piece of HTML comes
from an autoescaping Jinja template in ``toolkit/templates/report/sections``, so text a company typed (its
name, notes, explanations) is always escaped. Charts are separate outputs (:class:`~toolkit.report.charts.Chart`)
so that they stay interactive in JupyterLab.

Usage (what the notebook does)::

    view = ReportView.load("responses/acme.json", lang="en", cohort="cohort-summary.json")
    view.cover(); view.summary(); view.comparison(); view.dimensions(); view.coverage(); view.kpis()
    view.vsme(); view.next_steps(); view.data_quality(); view.method()
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import __version__
from ..kpis import load_factors
from ..loader import load_questionnaire
from ..model import Question, Questionnaire, tr
from ..responses import Answer, Response, load_response
from ..scoring import OPEN_STATUSES, PROVISIONAL_BELOW, Contribution, DimensionScore, Recommendation, ScoreCard
from ..scoring import score as score_response
from . import charts as C
from . import fmt
from .cohort_summary import CohortGroup, CohortSummary, DimensionStats, load_cohort_summary
from .strings import STRINGS, s, unit_label
from .vsme_section import vs, vsme_context

COST_SIGNS = {"low": "€", "medium": "€€", "high": "€€€"}
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

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "report"
DEFAULT_QUESTIONNAIRE = Path(__file__).resolve().parents[2] / "questionnaires" / "dnk-sme-2026.yaml"
STRENGTH_FROM = 0.75  # an answer earning at least this share of its points is a strength
MAX_STRENGTHS = 4
MAX_GAPS = 5
MIN_STEPS, MAX_STEPS = 5, 10


@lru_cache(maxsize=1)
def _env() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES / "sections")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


class Html:
    """One escaped HTML fragment of the report (displays as ``text/html``)."""

    def __init__(self, markup: str) -> None:
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup

    def html(self) -> str:
        return self.markup

    def __repr__(self) -> str:
        return "<report section>"


class Section:
    """Several outputs in a row (HTML fragments and charts); displays each as its own output."""

    def __init__(self, parts: Iterable[Html | C.Chart]) -> None:
        self.parts = list(parts)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        for part in self.parts:
            display(part)

    def html(self) -> str:
        return "\n".join(p.html() for p in self.parts)

    @property
    def charts(self) -> list[C.Chart]:
        return [p for p in self.parts if isinstance(p, C.Chart)]

    def __repr__(self) -> str:
        return f"<report section: {len(self.parts)} parts>"


@dataclass
class Comparison:
    """What the report compares against: the chosen cohort group and whether its figures may be shown."""

    group: CohortGroup | None
    min_group_size: int | None
    shown: bool

    def stats(self, dim_id: str) -> DimensionStats | None:
        if not self.shown or self.group is None:
            return None
        return self.group.dimensions.get(dim_id)


@dataclass
class ReportView:
    qn: Questionnaire
    resp: Response
    card: ScoreCard
    lang: str = "de"
    comparison_group: Comparison | None = None
    max_steps: int = MAX_STEPS
    today: date | None = None

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
    ) -> ReportView:
        """Load, check and score one response. Raises the toolkit's typed errors on bad input."""
        if lang not in ("de", "en"):
            raise ValueError(f"unknown report language {lang!r}: use 'de' or 'en'")
        qn = load_questionnaire(questionnaire or DEFAULT_QUESTIONNAIRE)
        resp = load_response(response, qn)
        card = score_response(qn, resp, load_factors(factors) if factors else None)
        summary = cohort if isinstance(cohort, CohortSummary) or cohort is None else load_cohort_summary(cohort)
        comparison = None
        if summary is not None:
            attrs = {
                "sector": resp.company.sector,
                "size_class": resp.company.size_class,
                "region": resp.company.region,
            }
            group = summary.select(resp.company.network, resp.round, attrs)
            comparison = Comparison(group, summary.min_group_size, bool(group and group.shown(summary.min_group_size)))
        steps = max(MIN_STEPS, min(MAX_STEPS, int(max_steps)))
        return cls(qn, resp, card, lang, comparison, steps, today)

    # ---- helpers -----------------------------------------------------------------------------------------------
    def t(self, key: str, **values: Any) -> str:
        return s(key, self.lang, **values)

    def _tr(self, text: dict[str, str] | None) -> str:
        return tr(text, self.lang)

    def _render(self, name: str, **ctx: Any) -> Html:
        base = {"t": self.t, "lang": self.lang, "level_name": self._level_name}
        return Html(_env().get_template(name).render(**base, **ctx))

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
        if q.type == "table":  # the rows themselves are in the section 'VSME datapoints'
            return vs("rows", self.lang, n=len(a.value)) if isinstance(a.value, list) and a.value else fmt.DASH
        if q.type == "multiple_choice":
            chosen = [self._option_label(q, v) for v in a.value or []]
            return "; ".join(chosen) if chosen else self.t("no_selection")
        if isinstance(a.value, str):
            return self._option_label(q, a.value)
        if a.value is None:
            return fmt.DASH
        return str(a.value)

    def _option_label(self, q: Question, option_id: str) -> str:
        opt = q.option(option_id)
        if opt is not None and opt.label:
            return self._tr(opt.label)
        if option_id in ("yes", "no", "comply", "explain"):
            return self.t(option_id)
        return option_id

    # ---- sections ----------------------------------------------------------------------------------------------
    def _kicker(self, key: str) -> str:
        """'03 · Core dimension': the section number as in the contents on the cover, and a label."""
        order = [
            "summary",
            "cohort",
            *(d.id for d in self.headline),
            "coverage",
            "kpis",
            "vsme",
            "next_steps",
            "quality",
            "method",
        ]
        label = self.t(f"kicker_{key}") if f"kicker_{key}" in STRINGS else self.t("dimension_kicker")
        return f"{order.index(key) + 1:02d} · {label}"

    def contents(self) -> list[str]:
        items = [self.t("summary"), self.t("cohort")]
        items += [self._tr(d.name) for d in self.headline]
        items += [self.t("coverage"), self.t("kpis"), self.t("vsme"), self.t("next_steps"), self.t("quality")]
        items.append(self.t("method"))
        return items

    def cover(self) -> Html:
        c = self.resp.company
        size = c.size_class
        from ..i18n import t as core_t

        meta = [
            (self.t("round"), self.resp.round),
            (self.t("date"), fmt.long_date(self.today or date.today(), self.lang)),
            (self.t("network"), c.network or self.t("no_network")),
            (self.t("questionnaire"), f"{self.qn.id} · {self.t('version')} {self.qn.version}"),
            (self.t("size_class"), core_t(size, self.lang) if size else fmt.DASH),
            (self.t("sector"), c.nace or fmt.DASH),
            (self.t("company_id"), c.id),
        ]
        return self._render(
            "cover.html.j2",
            company=self.company_name,
            title=self._tr(self.qn.title),
            meta=meta,
            dims=[self._dim_summary(d) for d in self.headline],
            contents=self.contents(),
            provisional=self.t("provisional_cover", open=self.card.open_questions, shown=self.card.answers_shown)
            if self.card.overall_provisional
            else None,
        )

    def summary(self) -> Html:
        k = self.card.kpis
        cov = self.card.coverage
        covered = sum(1 for cv in cov if cv.status in ("comply", "explain"))
        overall = {
            "score": fmt.score(self.card.overall_score, self.lang),
            "scored": self.card.overall_score is not None,
            "level": self.card.overall_level,
            "level_name": self._level_name(self.card.overall_level),
            "level_description": self._tr(self.qn.levels[self.card.overall_level].description)
            if self.card.overall_level is not None
            else "",
            "completeness": fmt.percent(self.card.completeness, self.lang),
            "answered": self.card.answers_given,
            "shown": self.card.answers_shown,
            "provisional": self.card.overall_provisional,
            "note": self.t("overall_note" if self.card.overall_is_mean else "overall_note_sum"),
            "provisional_text": self.t(
                "provisional_overall", open=self.card.open_questions, shown=self.card.answers_shown
            ),
        }
        figures = [
            self._figure("energy_total", fmt.num(k.total_mwh, 1, self.lang), "MWh"),
            self._figure("renewable_share", fmt.percent_value(k.renewable_share, self.lang), ""),
            self._figure("total_emissions", fmt.num(k.total_t, 1, self.lang), "t CO₂e"),
            (self.t("coverage_short"), f"{covered} / {len(cov)}", ""),
        ]
        steps = [
            {"text": self._tr(r.next_step) or self._tr(r.text), "gain": self.effect(r)}
            for r in self.card.recommendations[:3]
        ]
        dq = self.card.data_quality
        quality = self.t(
            "quality_pointer",
            contradictions=len(dq.contradictions),
            unevidenced=len(dq.unevidenced),
            kpis=len(dq.incomplete_kpis),
            section=self._kicker("quality").split(" ")[0],
        )
        others = [self._dim_summary(d) for d in self.card.dimensions if not d.headline]
        areas = [
            {
                "name": self._tr(a.name),
                "score": fmt.score(a.score, self.lang),
                "level": a.level,
                "level_name": self._level_name(a.level),
                "completeness": fmt.percent(a.completeness, self.lang),
            }
            for a in self.card.areas
        ]
        return self._render(
            "summary.html.j2",
            kicker=self._kicker("summary"),
            lead=self.t("summary_lead", l0=self._level_name(0), l4=self._level_name(len(self.qn.levels) - 1)),
            overall=overall,
            dims=[self._dim_summary(d) for d in self.headline],
            others=others,
            areas=areas,
            figures=figures,
            steps=steps,
            provisional_pct=fmt.percent(PROVISIONAL_BELOW, self.lang),
            quality=quality if dq.findings or dq.incomplete_kpis else None,
            incomplete_note=self._incomplete_note(["total_mwh", "renewable_share", "total_t"]),
        )

    # ---- exact effects and incomplete figures ------------------------------------------------------------------
    def effect(self, r: Recommendation) -> str:
        """'Gesamtergebnis 72 → 74' when the step moves the rounded overall score, else '+2,6 in Lieferkette'."""
        before = self.card.overall_score or 0.0
        after = before + r.overall_gain
        if fmt.score(before, self.lang) != fmt.score(after, self.lang):
            return self.t("gain_overall", before=fmt.score(before, self.lang), after=fmt.score(after, self.lang))
        dim_id, gain = max(r.gains.items(), key=lambda kv: kv[1]) if r.gains else ("", 0.0)
        dim = self.qn.dimension(dim_id)
        return self.t("gain_dim", gain=fmt.num(gain, 1, self.lang), dim=self._tr(dim.name) if dim else dim_id)

    def step_facts(self, r: Recommendation) -> list[tuple[str, str]]:
        if not r.step:
            return []
        return [
            (self.t("effort"), self.t(f"effort_{r.step['effort']}")),
            (self.t("cost"), COST_SIGNS.get(r.step["cost"], r.step["cost"])),
            (self.t("duration"), self.t(f"time_{r.step['time']}")),
        ]

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
        return self.t("incomplete_note", n=len(refs), section=self._kicker("quality").split(" ")[0])

    def comparison(self) -> Section:
        comp = self.comparison_group
        dims = [*self.headline, *(d for d in self.card.dimensions if not d.headline)]
        rows = []
        for d in dims:
            st = comp.stats(d.id) if comp else None
            rows.append(
                C.DimensionRow(
                    self._tr(d.name),
                    d.score,
                    st.median if st else None,
                    st.q1 if st else None,
                    st.q3 if st else None,
                    d.headline,
                )
            )
        labels = {k: self.t(k) for k in ("your_score", "median", "quartiles")}
        score_text = [fmt.score(d.score, self.lang) if d.score is not None else self.t("not_scored") for d in dims]
        chart = C.Chart(
            C.dimension_bars(rows, self._thresholds(), labels, self.lang, score_text),
            caption=self.t("chart_dimensions"),
        )
        if comp is None or comp.group is None:
            note, group_label = self.t("cohort_none"), None
        elif not comp.shown:
            group_label = self._tr(comp.group.label)
            note = self.t("cohort_suppressed", label=group_label, min=comp.min_group_size)
        else:
            group_label = self._tr(comp.group.label)
            note = self.t("cohort_lead", label=group_label, n=comp.group.n)
        table = []
        for d in dims:
            st = comp.stats(d.id) if comp else None
            table.append(
                {
                    "name": self._tr(d.name),
                    "headline": d.headline,
                    "score": fmt.score(d.score, self.lang),
                    "level": d.level,
                    "level_name": self._level_name(d.level),
                    "median": fmt.score(st.median, self.lang) if st else None,
                    "quartiles": f"{fmt.score(st.q1, self.lang)}–{fmt.score(st.q3, self.lang)}" if st else None,
                    "position": self._position(d.score, st),
                }
            )
        show_cols = bool(comp and comp.shown)
        suppressed_text = (
            self.t("n_below_min", min=comp.min_group_size) if comp and comp.group and not comp.shown else None
        )
        head = self._render("comparison_head.html.j2", kicker=self._kicker("cohort"), note=note, shown=show_cols)
        body = self._render("comparison_table.html.j2", rows=table, shown=show_cols, suppressed=suppressed_text)
        return Section([head, chart, body])

    def _position(self, value: float | None, st: DimensionStats | None) -> str | None:
        if value is None or st is None:
            return None
        if value > st.q3:
            return self.t("above_q3")
        if value < st.q1:
            return self.t("below_q1")
        if abs(value - st.median) < 0.5:
            return self.t("at_median")
        return self.t("above_median") if value > st.median else self.t("below_median")

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
        strengths, gaps, open_, na = [], [], [], []
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
        gauge = C.Chart(
            C.gauge(_shown(d.score), self._thresholds(), self.lang, _shown(st.median) if st else None),
            caption=self.t("gauge_caption"),
            css_class="tk-gauge",
        )
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
        body = self._render(
            "dimension_body.html.j2",
            strengths=[{**r, "step": ""} for _, r in strengths[:MAX_STRENGTHS]],
            strengths_more=max(0, len(strengths) - MAX_STRENGTHS),
            gaps=[r for _, r in gaps[:MAX_GAPS]],
            gaps_more=max(0, len(gaps) - MAX_GAPS),
            open=open_,
            na=na,
        )
        return Section([header, gauge, card, body])

    def _row(self, q: Question, a: Answer | None, c: Contribution, steps: dict[str, Any]) -> dict[str, Any]:
        step = ""
        if c.fraction is not None and c.fraction < 1:
            if q.id in steps:
                step = self._tr(steps[q.id].next_step)
            elif a is not None and isinstance(a.value, str) and q.option(a.value) is not None:
                step = self._tr(q.option(a.value).next_step)  # type: ignore[union-attr]
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
            if a is not None and a.explained and q.type != "comply_explain":
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
                "input": f"{fmt.num(e.input_value, 0 if e.input_value >= 100 else 1, L)} {unit_label(e.input_unit, L)}",
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
        rows.append(self._figure("per_meur", fmt.num(k.intensity_per_meur_t, 2, L), "t CO₂e"))
        rows.append(self._figure("mwh_per_employee", fmt.num(k.energy_per_employee_mwh, 1, L), "MWh"))
        others = []
        for v in k.other.values():
            q = self.qn.question(str(v.get("question", "")))
            value = v.get("value")
            others.append(
                (
                    self._tr(q.text) if q else str(v.get("question", "")),
                    fmt.num(value, 0 if isinstance(value, int | float) and float(value).is_integer() else 1, L)
                    if isinstance(value, int | float)
                    else fmt.DASH,
                    unit_label(str(v.get("unit") or ""), L),
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
        )
        parts: list[Html | C.Chart] = [head]
        if k.energy and k.total_mwh > 0:
            names = [f"{self._tr(e.name)} · {fmt.num(e.mwh, 1, L)} MWh" for e in k.energy]
            texts = [fmt.percent(e.mwh / k.total_mwh, L) for e in k.energy]
            parts.append(
                C.Chart(
                    C.energy_mix(names, [e.mwh for e in k.energy], texts, L),
                    caption=self.t("chart_energy_mix"),
                    css_class="tk-float-chart",
                )
            )
        note = self._incomplete_note(list(FIGURE_OF_ROW.values()))
        parts.append(self._render("kpi_table.html.j2", rows=rows, side=len(parts) > 1, incomplete_note=note))
        if others or k.warnings:
            parts.append(self._render("kpi_other.html.j2", others=others, warnings=k.warnings))
        return Section(parts)

    def vsme(self) -> Html:
        """VSME Basic B1-B11 complete / partly / open / omitted, and the rows of the table answers."""
        return self._render("vsme.html.j2", kicker=self._kicker("vsme"), **vsme_context(self.qn, self.resp, self.lang))

    def next_steps(self) -> Html:
        dims = {d.id: self._tr(d.name) for d in self.card.dimensions}
        steps = []
        for r in self.card.recommendations[: self.max_steps]:
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
                    "dims": [dims.get(d, d) for d, g in sorted(r.gains.items(), key=lambda kv: -kv[1]) if g > 0],
                    "facts": self.step_facts(r),
                    "open": r.kind == "answer",
                    "promoted": self._promoted(r),
                }
            )
        return self._render("next_steps.html.j2", kicker=self._kicker("next_steps"), steps=steps)

    def _promoted(self, r: Recommendation) -> str | None:
        if not r.promoted_for:
            return None
        names = {e.carrier: self._tr(e.name) for e in self.card.kpis.energy}
        source = names.get(r.promoted_for) or self.t(f"{r.promoted_for}_source")
        return self.t("promoted", source=source, share=fmt.percent(r.source_share, self.lang))

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
        kpis = [
            {
                "figure": self.t(f"kpi_figure_{figure}"),
                "inputs": "; ".join(self._input_label(r) for r in refs),
            }
            for figure, refs in dq.incomplete_kpis.items()
        ]
        return self._render(
            "data_quality.html.j2",
            kicker=self._kicker("quality"),
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
        """Every output of the report in order, as the notebook displays them."""
        out: list[Html | C.Chart] = [self.cover(), self.summary()]
        out += self.comparison().parts
        out += self.dimensions().parts
        out.append(self.coverage())
        out += self.kpis().parts
        out.append(self.vsme())
        out += [self.next_steps(), self.data_quality(), self.method()]
        return out


def _shown(value: float | None) -> float | None:
    """The value as the report prints it (whole points), so a chart never shows 13 where the text says 12."""
    return None if value is None else float(fmt.score(value, "en").replace(",", ""))


def sections(view: ReportView) -> list[Callable[[], Any]]:
    """The section methods in report order."""
    return [
        view.cover,
        view.summary,
        view.comparison,
        view.dimensions,
        view.coverage,
        view.kpis,
        view.vsme,
        view.next_steps,
        view.data_quality,
        view.method,
    ]
