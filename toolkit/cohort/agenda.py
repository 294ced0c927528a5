"""The network's improvement agenda: the questions on which the network would gain most on the overall score.

Per question, over the companies it counts for (answered or still open; "not applicable" is left out): how many
have a gap (points still open) and their share, the points available but not earned (best answer minus earned,
in score points over all dimensions the question scores), and the exact effect of each company's next step on
it, from the scorecards: ``gain`` (score points over all dimensions) and ``overall_gain`` (the overall score),
summed; ``group_mean_gain`` is how much the group's mean overall score would rise if every company took its
next step there. Questions are ranked by ``overall_gain``. Each carries a suggested workshop topic
(:func:`workshop_topic`). Like the B Analytics "Improvement Report" (top 10).

The agendas of one output (all companies and each network) are one publication and pass through the same
disclosure step as every other table (:func:`toolkit.cohort.suppression.protect`): each question is a variable
whose contributors are the companies that answered it, so no agenda figure, alone or subtracted from another
agenda, gives the open points of fewer than k companies. A question whose figures are withheld for a group is
left out of that group's list; the list of a withheld group is empty.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from toolkit.cohort.suppression import (
    DEFAULT_MIN_GROUP_SIZE,
    SHOWN,
    CellKey,
    Grouping,
    check_min_group_size,
    protect,
)
from toolkit.cohort.table import Cohort
from toolkit.definitions.model import Question, Questionnaire, Text, tr
from toolkit.i18n import LANGS

AGENDA_COLUMNS = (
    "rank",
    "question",
    "criterion",
    "dimensions",
    "answered",
    "companies",
    "share_gap",
    "potential",
    "potential_per_company",
    "gain",
    "overall_gain",
    "group_mean_gain",
)
ALL: Grouping = ("round",)
BY_NETWORK: Grouping = ("round", "network")
OPEN = 1e-9  # points below this count as nothing open


def open_points(cohort: Cohort, round_: str) -> tuple[pd.DataFrame, list[str]]:
    """One row per company of the round: its network and, per scored question, the points open (NaN when the
    company did not answer it, so it does not contribute); and the question ids."""
    companies = cohort.companies
    sel = companies.loc[companies["round"] == str(round_), ["company_id", "round", "network"]]
    q = cohort.questions[cohort.questions["round"] == str(round_)]
    questions = sorted(q["question"].unique())
    wide = q.pivot_table(index="company_id", columns="question", values="potential", aggfunc="sum")
    frame = sel.merge(wide.reindex(columns=questions), left_on="company_id", right_index=True, how="left")
    return frame.reset_index(drop=True), questions


def improvement_agendas(
    cohort: Cohort,
    round_: str | None = None,
    top: int = 10,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    initial: Mapping[Grouping, Mapping[CellKey, str]] | None = None,
) -> dict[str, pd.DataFrame]:
    """The agenda of all companies (key ``""``) and of each network (key: its name) of ``round_`` (the latest
    when None), protected together. Each table's ``attrs`` say ``network``, ``round``, ``n`` and ``status``
    (``shown``, ``primary`` or ``complementary``) and ``suppressed`` (no list at all)."""
    k = check_min_group_size(min_group_size)
    if round_ is None:
        round_ = cohort.rounds[-1] if cohort.rounds else None
    out: dict[str, pd.DataFrame] = {}
    if round_ is None:
        return {"": _empty(None, None, 0, "primary")}
    round_ = str(round_)
    frame, questions = open_points(cohort, round_)
    protection = protect(frame, [BY_NETWORK], questions, k, initial)
    q = cohort.questions[cohort.questions["round"] == round_].merge(
        frame[["company_id", "network"]], on="company_id", how="inner"
    )
    groups: list[tuple[str, Grouping, CellKey, pd.DataFrame]] = [("", ALL, (round_,), q)]
    by_network = dict(iter(q.groupby("network", sort=False))) if len(q) else {}  # one pass, not one per network
    for network in sorted(frame["network"].dropna().unique()):
        groups.append((str(network), BY_NETWORK, (round_, network), by_network.get(network, q.iloc[:0])))
    companies = frame["network"].value_counts()
    for name, g, key, part in groups:
        n = int(companies.get(name, 0)) if name else len(frame)
        status = protection.status(g, key)
        if status != SHOWN:
            out[name] = _empty(name or None, round_, n, status)
            continue
        shown = [qid for qid in questions if protection.status(g, key, qid) == SHOWN]
        out[name] = _agenda(cohort, part[part["question"].isin(shown)], top, n)
        out[name].attrs.update(network=name or None, round=round_, n=n, status=SHOWN, suppressed=False)
    return out


def improvement_agenda(
    cohort: Cohort,
    network: str | None = None,
    round_: str | None = None,
    top: int = 10,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
) -> pd.DataFrame:
    """The ``top`` questions with the most points open in the selected companies (a network, or all when
    ``network`` is None; the latest round when ``round_`` is None), protected as if the agendas of all
    companies and of every network were published with it (see :func:`improvement_agendas`).

    Columns: rank, question id, DNK criterion, scored dimensions,
    ``answered`` (companies it counts for), ``companies`` (companies with a gap), ``share_gap`` (companies /
    answered), ``potential`` (sum of open points), ``potential_per_company`` (mean over those it counts for),
    ``gain`` (sum of the next steps' gains over all dimensions), ``overall_gain`` (sum of their exact effects on
    the overall score; the ranking) and ``group_mean_gain`` (``overall_gain`` over the companies of the group).
    The table is empty (``attrs["suppressed"]`` true) when the group is withheld, e.g. because fewer than
    ``min_group_size`` companies are selected. It names questions by id only; :func:`with_texts` adds the
    question text and the workshop topic in each language when the agenda is exported.
    """
    agendas = improvement_agendas(cohort, round_, top, min_group_size)
    found = agendas.get(network or "")
    if found is None:  # a network without companies in the round
        last = next(iter(agendas.values()))
        return _empty(network, last.attrs.get("round"), 0, "primary")
    return found


def _no_rows() -> pd.DataFrame:
    """An agenda without questions (one block of no rows: much quicker to make than column by column)."""
    return pd.DataFrame(np.empty((0, len(AGENDA_COLUMNS)), dtype=object), columns=list(AGENDA_COLUMNS))


def _empty(network: str | None, round_: str | None, n: int, status: str) -> pd.DataFrame:
    out = _no_rows()
    out.attrs.update(network=network, round=round_, n=n, status=status, suppressed=True)
    return out


def workshop_topic(question: Question) -> Text:
    """The workshop a network could hold on a question: its ``workshop_topic`` from the questionnaire, else its
    first step (the ``next_step`` of the lowest option that has one)."""
    if question.workshop_topic:
        return question.workshop_topic
    steps = [o for o in question.options if o.next_step]
    lowest = min(steps, key=lambda o: (o.level if o.level is not None else -1, o.points or 0), default=None)
    return lowest.next_step if lowest is not None else {}


def with_texts(agenda: pd.DataFrame, qn: Questionnaire | None, langs: Sequence[str] = LANGS) -> pd.DataFrame:
    """The agenda as it is exported: after ``criterion``, each question's text (``text_de``, ``text_en``, ...)
    and its suggested workshop topic (``topic_de``, ...; :func:`workshop_topic`) in every language, looked up
    in the questionnaire now. Without a questionnaire the text is the question id and the topic empty."""
    out = agenda.copy()
    questions = [qn.question(str(qid)) if qn else None for qid in out["question"]]
    topics = [workshop_topic(q) if q else {} for q in questions]
    columns: dict[str, list[str]] = {}
    for lang in langs:
        columns[f"text_{lang}"] = [
            tr(q.text, lang) if q else str(qid) for q, qid in zip(questions, out["question"], strict=True)
        ]
    for lang in langs:
        columns[f"topic_{lang}"] = [tr(topic, lang) if topic else "" for topic in topics]
    at = out.columns.get_loc("criterion") + 1
    for i, (name, values) in enumerate(columns.items()):
        out.insert(at + i, name, pd.Series(values, index=out.index, dtype=None if len(out) else object))
    return out


def _agenda(cohort: Cohort, q: pd.DataFrame, top: int, n: int) -> pd.DataFrame:
    """The top questions of one group of ``n`` companies, from its rows of the question table."""
    if q.empty:
        return _no_rows()
    agg = q.groupby("question", sort=True).agg(
        answered=("company_id", "nunique"),
        companies=("potential", lambda s: int((s > OPEN).sum())),
        potential=("potential", "sum"),
        gain=("gain", "sum"),
        overall_gain=("overall_gain", "sum"),
    )
    agg["potential_per_company"] = agg["potential"] / agg["answered"]
    agg = agg[agg["potential"] > OPEN].reset_index()
    agg = agg.sort_values(
        ["overall_gain", "potential", "companies", "question"], ascending=[False, False, False, True]
    ).head(top)
    qn = cohort.questionnaire
    rows = []
    for rank, r in enumerate(agg.itertuples(index=False), start=1):
        question = qn.question(r.question) if qn else None
        rows.append(
            {
                "rank": rank,
                "question": r.question,
                "criterion": question.criterion if question else None,
                "dimensions": ", ".join(question.scores) if question else "",
                "answered": int(r.answered),
                "companies": int(r.companies),
                "share_gap": r.companies / r.answered,
                "potential": float(r.potential),
                "potential_per_company": float(r.potential_per_company),
                "gain": float(r.gain),
                "overall_gain": float(r.overall_gain),
                "group_mean_gain": float(r.overall_gain) / n if n else None,
            }
        )
    return pd.DataFrame(rows, columns=list(AGENDA_COLUMNS))
