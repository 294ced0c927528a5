"""The owner's part of the company report: at most three pages in plain words, read in two minutes.

Where the company stands (:meth:`OwnerPart.cover`, :meth:`OwnerPart.summary`), how it compares when a cohort is
given (:meth:`OwnerPart.comparison`) and what to do next (:meth:`OwnerPart.next_steps`: the five most effective
steps with their exact effect, effort, cost and time, a short data-quality box and a glossary of the terms these
pages use). Reference codes (DNK, VSME, GRI) stay in the appendix (:mod:`toolkit.report.view`).

:class:`~toolkit.report.view.ReportView` inherits these methods; they use its questionnaire, response, scorecard,
language and helpers.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from toolkit.definitions.model import Questionnaire
from toolkit.i18n import plural, size_class_label
from toolkit.rendering import charts as C
from toolkit.rendering import fmt
from toolkit.rendering.fragments import Html, Section
from toolkit.report.glossary import glossary, plain_text
from toolkit.responses import Response
from toolkit.scoring.scores import PROVISIONAL_BELOW, DimensionScore, Recommendation, ScoreCard
from toolkit.views.cohort_summary import DimensionStats

if TYPE_CHECKING:
    from toolkit.report.comparison import Comparison

COST_SIGNS = {"low": "€", "medium": "€€", "high": "€€€"}
PLAN_STEPS = 5  # steps in the owner's action plan; the rest follow in the appendix
TITLE_CODES = re.compile(r"\s*\([^()]*\)\s*$")  # "... 2026 (DNK/VSME)": the codes are for the appendix


class OwnerPart:
    """The owner's pages, as methods of :class:`~toolkit.report.view.ReportView`, which provides the data below
    and the helpers these methods call (``t``, ``_tr``, ``_render``, ``_level_name``, ``_dim_summary``,
    ``_thresholds``, ``_numbered``, ``_number``, ``_kicker``, ``_incomplete_note``, ``company_name``,
    ``headline``)."""

    qn: Questionnaire
    resp: Response
    card: ScoreCard
    lang: str
    comparison_group: Comparison | None
    max_steps: int
    today: date | None

    if TYPE_CHECKING:  # the helpers ReportView provides, for the type checker

        def t(self, key: str, **values: Any) -> str: ...
        def _tr(self, text: dict[str, str] | None) -> str: ...
        def _render(self, name: str, **ctx: Any) -> Html: ...
        def _level_name(self, level: int | None) -> str: ...
        def _thresholds(self) -> list[tuple[float, str]]: ...
        def _dim_summary(self, d: DimensionScore) -> dict[str, Any]: ...
        def _numbered(self) -> list[tuple[str, str, Any]]: ...
        def _number(self, key: str) -> str: ...
        def _kicker(self, key: str) -> str: ...
        def _incomplete_note(self, figures: list[str]) -> str | None: ...
        @property
        def company_name(self) -> str: ...
        @property
        def headline(self) -> list[DimensionScore]: ...

    def cover(self) -> Html:
        c = self.resp.company
        size = c.size_class
        meta = [
            (self.t("round"), self.resp.round),
            (self.t("date"), fmt.long_date(self.today or date.today(), self.lang)),
            (self.t("network"), c.network or self.t("no_network")),
            (self.t("size_class"), size_class_label(size, self.lang) if size else fmt.DASH),
            (self.t("sector"), c.nace or fmt.DASH),
            (self.t("company_id"), c.id),
        ]
        numbered = self._numbered()
        return self._render(
            "cover.html.j2",
            company=self.company_name,
            title=TITLE_CODES.sub("", self._tr(self.qn.title)),
            meta=meta,
            contents=[(f"{i + 1}", title) for i, (_, title, sec) in enumerate(numbered) if not sec.appendix],
            appendix=self.t("cover_contents_appendix"),
            provisional=self.t("provisional_cover", open=self.card.open_questions, shown=self.card.answers_shown)
            if self.card.overall_provisional
            else None,
        )

    def summary(self) -> Html:
        """Where the company stands: the overall result, the three core dimensions and four key figures."""
        k = self.card.kpis
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
            self._owner_figure("total_mwh", "fig_energy", fmt.num(k.total_mwh, 0, self.lang), "MWh"),
            self._owner_figure(
                "renewable_share", "fig_renewable", fmt.percent_value(k.renewable_share, self.lang, 0), ""
            ),
            self._owner_figure("total_t", "fig_co2", fmt.num(k.total_t, 1, self.lang), "t CO₂e"),
            self._owner_figure(
                "per_employee", "fig_co2_employee", fmt.num(k.intensity_per_employee_t, 1, self.lang), "t CO₂e"
            ),
        ]
        return self._render(
            "summary.html.j2",
            kicker=self._kicker("summary"),
            lead=self.t("summary_lead", l0=self._level_name(0), l4=self._level_name(len(self.qn.levels) - 1)),
            overall=overall,
            dims=[{**self._dim_summary(d), "to_next": self._to_next_level(d)} for d in self.headline],
            figures=figures,
            provisional_pct=fmt.percent(PROVISIONAL_BELOW, self.lang),
            incomplete_note=self._incomplete_note(["total_mwh", "renewable_share", "total_t", "per_employee"]),
        )

    def _owner_figure(self, figure: str, label: str, value: str, unit: str) -> tuple[str, str, str]:
        if figure in self.card.data_quality.incomplete_kpis or (value == fmt.DASH):
            return (self.t(label), self.t("incomplete") if value != fmt.DASH else fmt.DASH, "")
        return (self.t(label), value, unit)

    def _to_next_level(self, d: DimensionScore) -> str | None:
        """'noch 3 Punkte bis „Vorreiter“' (in whole points, as the report prints scores)."""
        if d.level is None or d.score is None or d.level + 1 >= len(self.qn.levels):
            return None
        nxt = self.qn.levels[d.level + 1]
        gap = max(1, round(nxt.min_score - float(fmt.score(d.score, "en").replace(",", ""))))
        name = self._tr(nxt.name)
        return self.t("to_next_level_one", name=name) if gap == 1 else self.t("to_next_level", gap=gap, name=name)

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

    def comparison(self) -> Section:
        """How the company compares with its cohort's group: shown only when a cohort summary was given; a group
        too small to show gets one line saying so, never an empty page."""
        comp = self.comparison_group
        if comp is None:
            return Section([])
        head = {"kicker": self._kicker("comparison")}
        if comp.group is None:
            note = self.t("cohort_none")
            return Section([self._render("comparison_head.html.j2", **head, note=note, shown=False)])
        label = self._tr(comp.group.label)
        if not comp.shown:
            note = self.t("cohort_suppressed", label=label, min=comp.min_group_size)
            return Section([self._render("comparison_head.html.j2", **head, note=note, shown=False)])
        dims = self.headline
        rows = []
        for d in dims:
            st = comp.stats(d.id)
            rows.append(
                C.DimensionRow(
                    self._tr(d.name), d.score, st.median if st else None, st.q1 if st else None, st.q3 if st else None
                )
            )
        labels = {"your_score": self.t("your_score"), "median": self.t("median")}
        labels["quartiles"] = self.t("quartiles_legend")
        score_text = [fmt.score(d.score, self.lang) if d.score is not None else self.t("not_scored") for d in dims]
        chart = C.Chart(
            C.dimension_bars(rows, self._thresholds(), labels, self.lang, score_text),
            caption=self.t("chart_dimensions"),
        )
        table = []
        for d in dims:
            st = comp.stats(d.id)
            table.append(
                {
                    "name": self._tr(d.name),
                    "score": fmt.score(d.score, self.lang),
                    "provisional": d.provisional,
                    "level": d.level,
                    "level_name": self._level_name(d.level),
                    "median": fmt.score(st.median, self.lang) if st else None,
                    "quartiles": f"{fmt.score(st.q1, self.lang)}–{fmt.score(st.q3, self.lang)}" if st else None,
                    "position": self._position(d.score, st),
                }
            )
        note = self.t("cohort_lead", label=label, n=comp.group.n)
        top = self._render("comparison_head.html.j2", **head, note=note, shown=True)
        body = self._render("comparison_table.html.j2", rows=table)
        return Section([top, chart, body])

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

    def _plan(self) -> list[Recommendation]:
        return self.card.recommendations[:PLAN_STEPS]

    def _more_steps(self) -> list[Recommendation]:
        return self.card.recommendations[PLAN_STEPS : self.max_steps]

    def _dims_of(self, r: Recommendation) -> list[str]:
        names = {d.id: self._tr(d.name) for d in self.card.dimensions}
        return [names.get(d, d) for d, g in sorted(r.gains.items(), key=lambda kv: -kv[1]) if g > 0]

    def next_steps(self) -> Html:
        """The owner's action plan: the top steps in plain words with what each does to the score, effort, cost and
        time; a short box of what to check; the glossary of the terms the owner's pages use."""
        steps = [
            {
                "step": self._tr(r.next_step) or self._tr(r.text),
                "question": self._tr(r.text),
                "gain": self.effect(r),
                "dims": self._dims_of(r),
                "facts": self.step_facts(r),
                "open": r.kind == "answer",
                "promoted": self._promoted(r),
            }
            for r in self._plan()
        ]
        more = self._more_steps()
        pointer = self._number("more_steps" if more else self.headline[0].id) if self.headline else None
        ctx = {
            "kicker": self._kicker("next_steps"),
            "steps": steps,
            "provisional": self.t("plan_provisional", open=self.card.open_questions, shown=self.card.answers_shown)
            if self.card.overall_provisional
            else None,
            "more": self.t("plan_more", section=pointer) if pointer and (more or steps) else None,
            "quality": self._quality_box(),
        }
        draft = self._render("next_steps.html.j2", **ctx, glossary=[])
        owner = " ".join(plain_text(h) for h in (self.summary().html(), self.comparison().html(), draft.html()))
        levels = {"l0": self._level_name(0), "l4": self._level_name(len(self.qn.levels) - 1)}
        terms = glossary(owner, self.lang, pct=fmt.percent(PROVISIONAL_BELOW, self.lang), **levels)
        return self._render("next_steps.html.j2", **ctx, glossary=terms)

    def _quality_box(self) -> dict[str, Any] | None:
        """The owner's short data-quality box: how many contradictions, claims without evidence and incomplete key
        figures there are, and where the appendix lists them (its texts name DNK criteria). None when all is well."""
        dq = self.card.data_quality
        if not (dq.contradictions or dq.unevidenced or dq.incomplete_kpis):
            return None
        lines = []
        if dq.contradictions:
            lines.append(plural("report.dq_contradictions", len(dq.contradictions), self.lang))
        if dq.unevidenced:
            lines.append(plural("report.dq_unevidenced", len(dq.unevidenced), self.lang))
        if dq.incomplete_kpis:
            lines.append(plural("report.dq_kpis", len(dq.incomplete_kpis), self.lang))
        return {"lines": lines, "where": self.t("dq_where", section=self._number("data_quality"))}

    def _promoted(self, r: Recommendation) -> str | None:
        if not r.promoted_for:
            return None
        names = {e.carrier: self._tr(e.name) for e in self.card.kpis.energy}
        source = names.get(r.promoted_for) or self.t(f"{r.promoted_for}_source")
        return self.t("promoted", source=source, share=fmt.percent(r.source_share, self.lang))
