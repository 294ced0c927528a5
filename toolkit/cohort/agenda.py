"""The network's improvement agenda: the questions with the most points still open across the cohort.

Per question, summed over the companies that answered it: the points available but not earned (best answer
minus earned, in score points over all dimensions the question scores) and the gain of each company's next
better answer; and how many companies would gain. Like the B Analytics "Improvement Report" (top 10).
"""

from __future__ import annotations

import pandas as pd

from ..model import tr
from .suppression import DEFAULT_MIN_GROUP_SIZE, check_min_group_size
from .table import Cohort

AGENDA_COLUMNS = (
    "rank",
    "question",
    "criterion",
    "text_de",
    "text_en",
    "dimensions",
    "answered",
    "companies",
    "potential",
    "potential_per_company",
    "gain",
)


def improvement_agenda(
    cohort: Cohort,
    network: str | None = None,
    round_: str | None = None,
    top: int = 10,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
) -> pd.DataFrame:
    """The ``top`` questions with the most points open in the selected companies (a network, or all when
    ``network`` is None; the latest round when ``round_`` is None).

    Columns: rank, question id, DNK criterion, question text de/en, scored dimensions, ``answered`` (companies
    that answered it), ``companies`` (companies that would gain), ``potential`` (sum of open points),
    ``potential_per_company`` (mean over those that answered), ``gain`` (sum of the next-step gains).
    The table is empty (``attrs["suppressed"]`` true) when fewer than ``min_group_size`` companies are selected.
    """
    k = check_min_group_size(min_group_size)
    df = cohort.companies
    if round_ is None:
        round_ = cohort.rounds[-1] if cohort.rounds else None
    sel = df[df["round"] == str(round_)] if round_ is not None else df
    if network is not None:
        sel = sel[sel["network"] == network]
    out = pd.DataFrame(columns=list(AGENDA_COLUMNS))
    out.attrs.update(network=network, round=round_, n=len(sel), suppressed=len(sel) < k)
    if len(sel) < k:
        return out
    q = cohort.questions.merge(sel[["company_id", "round"]], on=["company_id", "round"], how="inner")
    if q.empty:
        return out
    agg = q.groupby("question", sort=True).agg(
        answered=("company_id", "nunique"),
        companies=("potential", lambda s: int((s > 1e-9).sum())),
        potential=("potential", "sum"),
        gain=("gain", "sum"),
    )
    agg["potential_per_company"] = agg["potential"] / agg["answered"]
    agg = agg[agg["potential"] > 1e-9].reset_index()
    agg = agg.sort_values(["potential", "companies", "question"], ascending=[False, False, True]).head(top)
    qn = cohort.questionnaire
    rows = []
    for rank, r in enumerate(agg.itertuples(index=False), start=1):
        question = qn.question(r.question) if qn else None
        rows.append(
            {
                "rank": rank,
                "question": r.question,
                "criterion": question.criterion if question else None,
                "text_de": tr(question.text, "de") if question else r.question,
                "text_en": tr(question.text, "en") if question else r.question,
                "dimensions": ", ".join(question.scores) if question else "",
                "answered": int(r.answered),
                "companies": int(r.companies),
                "potential": float(r.potential),
                "potential_per_company": float(r.potential_per_company),
                "gain": float(r.gain),
            }
        )
    result = pd.DataFrame(rows, columns=list(AGENDA_COLUMNS))
    result.attrs.update(out.attrs)
    return result
