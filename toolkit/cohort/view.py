"""The cohort report's sections, for ``notebooks/cohort_report.ipynb`` (and the interactive cohort notebook).

The view reads only the aggregate tables a facilitator output wrote (:func:`toolkit.cohort.export.read_tables`)
so the cohort report cannot show a company name, id or single answer: those are not in its input. HTML comes
from autoescaping Jinja templates (``toolkit/templates/cohort/sections``) styled by the company report's CSS;
charts are :class:`toolkit.rendering.charts.Chart` objects (interactive in JupyterLab, drawn in the PDF).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.cohort.charts import agenda_chart, box_chart, group_order
from toolkit.cohort.export import read_tables
from toolkit.cohort.impact_view import impact_section
from toolkit.cohort.labels import key_label, soft_hyphens
from toolkit.cohort.stats import SHOWN, status_label
from toolkit.cohort.suppression import PRIMARY, QUARTILES_MIN_VALUES, TAILS_MIN_VALUES
from toolkit.definitions.model import tr
from toolkit.definitions.paths import TEMPLATES as PACKAGE_TEMPLATES
from toolkit.i18n import number, t
from toolkit.rendering.charts import Chart
from toolkit.rendering.fmt import long_date, percent
from toolkit.rendering.fragments import Html, Section

TEMPLATES = PACKAGE_TEMPLATES / "cohort" / "sections"


@lru_cache(maxsize=1)
def _env() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


class CohortView:
    """Sections of the cohort report from the aggregate tables of one facilitator output."""

    def __init__(self, meta: dict[str, Any], tables: dict[str, pd.DataFrame], lang: str = "de") -> None:
        self.meta = meta
        self.tables = tables
        self.lang = lang
        self.k = int(meta["min_group_size"])
        self.rounds = [str(r) for r in meta["rounds"]]
        self.latest = self.rounds[-1] if self.rounds else ""
        self.dims = meta["dimensions"]
        self.headline = [d["id"] for d in self.dims if d["headline"]]

    @classmethod
    def load(cls, folder: str | Path, lang: str | None = None) -> CohortView:
        meta, tables = read_tables(folder)
        return cls(meta, tables, lang or meta.get("lang", "de"))

    # ---- helpers --------------------------------------------------------------------------------------------
    def t(self, key: str, **fields: object) -> str:
        """The cohort text ``key`` (``cohort.<key>`` in the catalogues) in the view's language."""
        return t(f"cohort.{key}", self.lang, **fields)

    def _render(self, name: str, **ctx: Any) -> Html:
        return Html(_env().get_template(f"{name}.html.j2").render(**ctx))

    def dim_name(self, dim: str) -> str:
        if dim == "overall":
            return self.t("overall")
        d = next((x for x in self.dims if x["id"] == dim), None)
        return tr(d["name"], self.lang) if d else dim

    def _names(self) -> dict[str, str]:
        return {f"score_{d}": self.dim_name(d) for d in self.headline} | {"overall_score": self.t("overall")}

    def _latest(self, name: str) -> pd.DataFrame:
        df = self.tables.get(name, pd.DataFrame())
        if df.empty or "round" not in df:
            return df
        return df[df["round"].astype(str) == self.latest]

    def num(self, v: Any, digits: int = 0) -> str:
        return "–" if v is None or pd.isna(v) else number(float(v), digits, self.lang)

    def _cell(self, row: pd.Series, digits: int = 0) -> str:
        if row["status"] != SHOWN:
            return status_label(str(row["status"]), self.lang, self.k)
        if pd.isna(row["median"]):
            return "–"
        return f"{self.num(row['median'], digits)} ({self.num(row['q1'], digits)}–{self.num(row['q3'], digits)})"

    def table(
        self,
        title: str,
        header: list[tuple[str, str]],
        rows: Sequence[Sequence[tuple[str, ...]]],  # per cell: text, CSS class (and a line below the text)
        footnote: str = "",
        widths: list[float] | None = None,
    ) -> Html:
        """A table; ``widths`` in percent per column (default: the first column 28 %, the rest equal)."""
        if widths is None:
            rest = (100 - 28) / max(1, len(header) - 1)
            widths = [28] + [round(rest, 1)] * (len(header) - 1)
        header = [(soft_hyphens(h), cls) for h, cls in header]  # break long header words where German does
        return self._render("table", title=title, header=header, rows=rows, footnote=footnote, widths=widths)

    def head(self, kicker: str, title: str, lead: str = "", note: str = "") -> Html:
        return self._render("head", kicker=kicker, title=title, lead=lead, note=note)

    # ---- sections -------------------------------------------------------------------------------------------
    def contents(self) -> list[str]:
        items = [self.t("overview"), self.t("by_network_title"), self.t("by_sector_title"), self.t("by_size_title")]
        if "yoy_network" in self.tables:
            items.append(self.t("yoy"))
        if "impact_network" in self.tables:
            items.append(self.t("impact.title"))
        return [*items, self.t("agenda"), self.t("method")]

    def cover(self) -> Html:
        qn = self.meta.get("questionnaire") or {}
        everyone = self._latest("all")
        shown_n = everyone["n"].iloc[0] if not everyone.empty and pd.notna(everyone["n"].iloc[0]) else None
        participants = self.num(shown_n) if shown_n is not None else status_label("primary", self.lang, self.k)
        meta = [
            (self.t("round"), ", ".join(self.rounds)),
            (self.t("network"), ", ".join(self.meta.get("networks", []))),
            (self.t("participants"), participants),
            (self.t("min_group"), str(self.k)),
            (self.t("questionnaire"), f"{tr(qn.get('title'), self.lang)} ({qn.get('version', '')})" if qn else "–"),
            (self.t("date"), long_date(date.today(), self.lang)),
        ]
        return self._render(
            "cover",
            kicker=self.t("cohort_report"),
            title=tr(qn.get("title"), self.lang) if qn else self.t("cohort_report"),
            label=self.t("cohort_subtitle"),
            heading=f"{self.t('cohort_report')} {self.latest}",
            meta=meta,
            contents_title=self.t("contents"),
            contents=self.contents(),
            confidential=self.t("aggregates_only", k=self.k),
        )

    def overview(self) -> Section:
        head = self.head(
            self.t("kicker_overview"), self.t("overview"), self.t("overview_lead"), self.t("suppression_note", k=self.k)
        )
        part = self.tables.get("participation", pd.DataFrame())
        header = [(self.t("network"), "")] + [(f"{self.t('round')} {r}", "tk-num") for r in self.rounds]
        rows = []
        for network in self.meta.get("networks", []):
            cells = [(key_label("network", network, self.lang), "")]
            for r in self.rounds:
                hit = part[(part["network"] == network) & (part["round"].astype(str) == r)]
                if hit.empty:
                    cells.append(("–", "tk-num"))
                elif pd.isna(hit["n"].iloc[0]):
                    cells.append((status_label(str(hit["status"].iloc[0]), self.lang, self.k), "tk-num tk-muted"))
                else:
                    cells.append((self.num(hit["n"].iloc[0]), "tk-num"))
            rows.append(cells)
        participation = self.table(self.t("participants"), header, rows)
        return Section([head, participation, self._rounds_table()])

    def _rounds_table(self) -> Html:
        """All companies per round: n and the median (quartiles) of each headline dimension and overall."""
        df = self.tables.get("all", pd.DataFrame())
        metrics = [f"score_{d}" for d in self.headline] + ["overall_score"]
        header = [(self.t("round"), ""), ("n", "tk-num")] + [(self._names()[m], "tk-num") for m in metrics]
        rows = []
        for r in self.rounds:
            by_metric = df[df["round"].astype(str) == r].set_index("metric") if not df.empty else df
            if by_metric.empty:
                continue
            first = by_metric.iloc[0]
            n = self.num(first["n"]) if pd.notna(first["n"]) else status_label(str(first["status"]), self.lang, self.k)
            cells = [(r, ""), (n, "tk-num")]
            cells += [(self._cell(by_metric.loc[m]) if m in by_metric.index else "–", "tk-num") for m in metrics]
            rows.append(cells)
        rest = round((100 - 26 - 7) / max(1, len(header) - 2), 1)
        return self.table(
            self.t("rounds_table"),
            header,
            rows,
            self.t("rounds_note", k=self.k),
            [26, 7] + [rest] * (len(header) - 2),
        )

    def _stats_table(self, name: str, key: str, title: str) -> Html:
        df = self._latest(name)
        metrics = [f"score_{d}" for d in self.headline] + ["overall_score"]
        header = [(self.t(key if key != "size_class" else "size_class"), ""), ("n", "tk-num")]
        header += [(self._names()[m], "tk-num") for m in metrics]
        rows = []
        for value in group_order(df, key):
            by_metric = df[df[key] == value].set_index("metric")
            first = by_metric.iloc[0]
            n = self.num(first["n"]) if pd.notna(first["n"]) else status_label(str(first["status"]), self.lang, self.k)
            cells = [(key_label(key, value, self.lang), ""), (n, "tk-num")]
            for m in metrics:
                cells.append((self._cell(by_metric.loc[m]) if m in by_metric.index else "–", "tk-num"))
            rows.append(cells)
        footnote = self.t("table_note", round=self.latest, k=self.k)
        rest = round((100 - 26 - 7) / max(1, len(header) - 2), 1)
        return self.table(f"{title} ({self.latest})", header, rows, footnote, [26, 7] + [rest] * (len(header) - 2))

    def _distribution(self, name: str, key: str, title_key: str, lead_key: str) -> Section:
        head = self.head(self.t("kicker_distribution"), self.t(title_key), self.t(lead_key))
        df = self._latest(name)
        metrics = [f"score_{d}" for d in self.headline]
        chart = box_chart(
            df,
            key,
            metrics,
            self._names(),
            self.lang,
            self.k,
            caption=self.t("box_caption", round=self.latest, t=TAILS_MIN_VALUES),
        )
        return Section([head, chart, self._stats_table(name, key, self.t(title_key))])

    def networks(self) -> Section:
        return self._distribution("by_network", "network", "by_network_title", "by_network_lead")

    def sectors(self) -> Section:
        return self._distribution("by_sector", "sector", "by_sector_title", "by_sector_lead")

    def sizes(self) -> Section:
        return self._distribution("by_size", "size_class", "by_size_title", "by_size_lead")

    def yoy(self) -> Section | Html:
        table = self.tables.get("yoy_network")
        if table is None or table.empty:
            return Html("")
        label = str(table["round"].iloc[0])
        head = self.head(self.t("kicker_yoy"), self.t("yoy"), self.t("yoy_lead", rounds=label.replace("→", " → ")))
        metrics = [f"score_{d}_change" for d in self.headline] + ["overall_score_change"]
        names = {f"{m}_change": n for m, n in self._names().items()}
        chart = box_chart(
            table,
            "network",
            metrics,
            names,
            self.lang,
            self.k,
            y_title=self.t("yoy_change"),
            caption=self.t("yoy_caption", t=TAILS_MIN_VALUES),
            y_range=None,
            zero_line=True,
        )
        rows = []
        for network, part in table.groupby("network", sort=True, observed=True):
            by_metric = part.set_index("metric")
            overall = by_metric.loc["overall_score_change"] if "overall_score_change" in by_metric.index else None
            if overall is None or overall["status"] != SHOWN:
                note = status_label(str(by_metric.iloc[0]["status"]), self.lang, self.k)
                rows.append(
                    [
                        (key_label("network", network, self.lang), ""),
                        (note, "tk-num tk-muted"),
                        ("–", "tk-num"),
                        ("–", "tk-num"),
                    ]
                )
                continue
            improved = overall["share_positive"]
            rows.append(
                [
                    (key_label("network", network, self.lang), ""),
                    (self.num(overall["n"]), "tk-num"),
                    (_signed(overall["median"], self.lang), "tk-num"),
                    (percent(improved, self.lang) if pd.notna(improved) else "–", "tk-num"),
                ]
            )
        header = [
            (self.t("network"), ""),
            (self.t("paired"), "tk-num"),
            (self.t("median_change"), "tk-num"),
            (self.t("improved_share"), "tk-num"),
        ]
        table_html = self.table(self.t("yoy_table"), header, rows, self.t("yoy_note"))
        return Section([head, chart, table_html])

    def impact(self) -> Section | Html:
        """Programme impact: actions planned, done and dropped, and the changes of the paired companies."""
        return impact_section(self)

    def agenda(self) -> Section:
        head = self.head(self.t("kicker_agenda"), self.t("agenda"), self.t("agenda_intro"))
        parts: list[Html | Chart] = [head]
        overall = self.tables.get("agenda", pd.DataFrame())
        everyone = f"{self.t('all_networks')} ({self.latest})"
        note = [self.t("agenda_note")]  # under the first list only
        if not overall.empty:
            parts.append(agenda_chart(overall, self.lang, self.t("agenda_caption", round=self.latest)))
            parts.append(self._agenda_table(overall, everyone, note.pop()))
        elif "agenda" in self.tables:
            parts.append(self._render("text", title=everyone, paragraphs=[self._agenda_missing(None)]))
        for network in self.meta.get("networks", []):
            df = self.tables.get(f"agenda_{network}")
            if df is None:
                continue
            title = f"{key_label('network', network, self.lang)} ({self.latest})"
            if df.empty:
                parts.append(self._render("text", title=title, paragraphs=[self._agenda_missing(network)]))
            else:
                parts.append(self._agenda_table(df.head(5), title, note.pop() if note else ""))
        return Section(parts)

    def _agenda_missing(self, network: str | None) -> str:
        """Why a group has no agenda: too few companies ("n < k"), or withheld to protect another group."""
        part = self._latest("participation")
        if network is None:
            small = self._latest("all")["status"].eq(PRIMARY).any() if "all" in self.tables else False
        else:
            small = part.loc[part["network"] == network, "status"].eq(PRIMARY).any() if not part.empty else True
        return self.t("agenda_suppressed" if small else "agenda_withheld", k=self.k)

    def _agenda_table(self, df: pd.DataFrame, title: str, footnote: str = "") -> Html:
        """Rank, question with its suggested workshop topic, share (and count) of companies with a gap, and the
        rise of the group's mean overall score if each of them took its next step there (the ranking)."""
        text_col, topic_col = f"text_{self.lang}", f"topic_{self.lang}"  # looked up when the tables were written
        header = [
            ("#", ""),
            (self.t("question_topic"), ""),
            (self.t("share_gap"), "tk-num"),
            (self.t("group_gain"), "tk-num"),
        ]
        rows = []
        for _, r in df.iterrows():
            topic = str(r[topic_col]) if topic_col in r.index and pd.notna(r[topic_col]) and r[topic_col] else ""
            sub = f"{self.t('workshop')}: {topic}" if topic else ""
            criterion = self.t("dnk_short", n=self.num(r["criterion"])) if pd.notna(r["criterion"]) else ""
            share = f"{percent(r['companies'] / r['answered'], self.lang)} ({int(r['companies'])}/{int(r['answered'])})"
            gain = r["group_mean_gain"] if "group_mean_gain" in r.index else None
            rows.append(
                [
                    (str(r["rank"]), ""),
                    (str(r[text_col]), "", " · ".join(x for x in (sub, criterion) if x)),
                    (share, "tk-num"),
                    (_signed(gain, self.lang, 2), "tk-num"),
                ]
            )
        return self.table(title, header, rows, footnote, widths=[5, 59, 18, 18])

    def method(self) -> Section:
        head = self.head(self.t("kicker_method"), self.t("method"))
        paragraphs = [
            self.t("method_text"),
            self.t("suppression_note", k=self.k),
            self.t("quantile_rule", q=max(self.k, QUARTILES_MIN_VALUES), t=max(self.k, TAILS_MIN_VALUES)),
            self.t("complementary_text"),
            self.t("agenda_method", k=self.k),
        ]
        invalid = int(self.meta.get("invalid_files") or 0)
        if invalid:
            paragraphs.append(self.t("invalid_note", n=invalid))
        return Section([head, self._render("text", title="", paragraphs=paragraphs)])


def _signed(v: Any, lang: str, digits: int = 1) -> str:
    if v is None or pd.isna(v):
        return "–"
    text = number(abs(float(v)), digits, lang)
    return f"+{text}" if v > 0 else (f"−{text}" if v < 0 else text)
