"""The scoring engine: maturity per dimension and DNK area, DNK coverage, recommendations. Pure functions.

``score(questionnaire, response)`` returns a :class:`ScoreCard`. The method is documented with a worked
example in ``questionnaires/README.md``:

* a scored question earns the fraction ``f`` of its weight: ``level / 4`` (or chosen points / max points);
* a dimension's score is ``100 * sum(w * f) / sum(w)`` over its answered, shown questions; "not applicable"
  and unanswered questions are left out of both sums;
* completeness is the weight share of shown questions that are answered (a value or "not applicable");
  below ``PROVISIONAL_BELOW`` the dimension is marked provisional;
* the level is the highest scale level whose ``min_score`` the score reaches.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .applicability import visible_questions
from .kpis import FactorTable, KPIs, compute_kpis, load_factors
from .model import Question, Questionnaire, Text
from .responses import Answer, Response

PROVISIONAL_BELOW = 0.7  # completeness below 70 % marks a dimension provisional
MAX_RECOMMENDATIONS = 10


@dataclass
class Contribution:
    question: str
    weight: float
    fraction: float | None  # None: not answered; excluded
    status: str  # answered | not_applicable | unanswered | explained
    points: float  # score points this question adds to the dimension (0-100 scale)
    max_points: float


@dataclass
class DimensionScore:
    id: str
    name: Text
    headline: bool
    score: float | None
    level: int | None
    level_name: Text
    completeness: float
    provisional: bool
    answered: int
    shown: int
    contributions: list[Contribution] = field(default_factory=list)


@dataclass
class AreaScore:
    id: str
    name: Text
    score: float | None
    level: int | None
    level_name: Text
    completeness: float


@dataclass
class Coverage:
    criterion: int
    name: Text
    area: str
    status: str  # comply | explain | missing
    answered: int
    explained: int
    shown: int


@dataclass
class Recommendation:
    question: str
    text: Text
    criterion: int
    current_option: str
    current_label: Text
    next_option: str
    next_label: Text
    next_step: Text
    gain: float  # points gained over all dimensions by moving to the next better option
    gains: dict[str, float]


@dataclass
class ScoreCard:
    questionnaire_id: str
    questionnaire_version: str
    round: str
    company: dict[str, Any]
    size_class: str | None
    dimensions: list[DimensionScore]
    areas: list[AreaScore]
    overall_score: float | None
    overall_level: int | None
    overall_level_name: Text
    completeness: float
    coverage: list[Coverage]
    recommendations: list[Recommendation]
    kpis: KPIs
    answers_shown: int
    answers_given: int

    def dimension(self, dim_id: str) -> DimensionScore:
        return next(d for d in self.dimensions if d.id == dim_id)

    @property
    def headline(self) -> list[DimensionScore]:
        return [d for d in self.dimensions if d.headline]

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["kpis"] = self.kpis.to_dict()
        out["format"] = "sme-toolkit-scorecard/1"
        out["method"] = {"provisional_below": PROVISIONAL_BELOW}
        return out


def _status(q: Question, a: Answer | None) -> str:
    if a is None:
        return "unanswered"
    if a.not_applicable:
        return "not_applicable"
    if a.answered:
        return "answered"
    return "explained" if a.explained else "unanswered"


def score(qn: Questionnaire, resp: Response, factors: FactorTable | None = None) -> ScoreCard:
    """Score one response. Reads nothing from disk except the default factor table (cached) when none is given."""
    factors = factors or load_factors()
    size = resp.company.size_class
    shown = visible_questions(qn, resp.answers, size)
    questions = [q for q in qn.iter_questions() if q.id in shown]
    status = {q.id: _status(q, resp.answers.get(q.id)) for q in questions}
    frac = {q.id: q.fraction(resp.answers[q.id].value) if status[q.id] == "answered" else None for q in questions}

    dims = [_dimension(qn, d.id, questions, status, frac) for d in qn.dimensions]
    areas = [_area(qn, area.id, area.name, questions, status, frac) for area in qn.areas]
    head = [d for d in dims if d.headline and d.score is not None]
    overall = sum(d.score for d in head) / len(head) if head else None  # type: ignore[misc]
    head_all = [d for d in dims if d.headline]
    completeness = sum(d.completeness for d in head_all) / len(head_all) if head_all else 0.0
    lvl = qn.level_for(overall) if overall is not None else None
    return ScoreCard(
        questionnaire_id=qn.id,
        questionnaire_version=qn.version,
        round=resp.round,
        company={**resp.company.to_dict(), "size_class": size, "sector": resp.company.sector},
        size_class=size,
        dimensions=dims,
        areas=areas,
        overall_score=overall,
        overall_level=lvl.level if lvl else None,
        overall_level_name=lvl.name if lvl else {},
        completeness=completeness,
        coverage=_coverage(qn, shown, status, resp),
        recommendations=recommendations(qn, questions, status, resp, dims),
        kpis=compute_kpis(qn, resp.answers, resp.company, shown, factors),
        answers_shown=len(questions),
        answers_given=sum(1 for s in status.values() if s in ("answered", "not_applicable")),
    )


def _dimension(
    qn: Questionnaire, dim_id: str, questions: list[Question], status: dict[str, str], frac: dict[str, float | None]
) -> DimensionScore:
    dim = qn.dimension(dim_id)
    assert dim is not None
    scored = [q for q in questions if dim_id in q.scores]
    counted = [q for q in scored if frac[q.id] is not None]
    denom = sum(q.scores[dim_id] for q in counted)
    total_w = sum(q.scores[dim_id] for q in scored)
    complete_w = sum(q.scores[dim_id] for q in scored if status[q.id] in ("answered", "not_applicable"))
    completeness = complete_w / total_w if total_w else 0.0
    contributions = [
        Contribution(
            q.id,
            q.scores[dim_id],
            frac[q.id],
            status[q.id],
            100 * q.scores[dim_id] * (frac[q.id] or 0) / denom if denom else 0.0,
            100 * q.scores[dim_id] / denom if denom and frac[q.id] is not None else 0.0,
        )
        for q in scored
    ]
    value = sum(c.points for c in contributions) if denom else None
    lvl = qn.level_for(value) if value is not None else None
    return DimensionScore(
        dim_id,
        dim.name,
        dim.headline,
        value,
        lvl.level if lvl else None,
        lvl.name if lvl else {},
        completeness,
        completeness < PROVISIONAL_BELOW,
        len(counted),
        len(scored),
        contributions,
    )


def _area(
    qn: Questionnaire,
    area_id: str,
    name: Text,
    questions: list[Question],
    status: dict[str, str],
    frac: dict[str, float | None],
) -> AreaScore:
    qs = [q for q in questions if q.area == area_id and q.scored]
    num = sum(sum(q.scores.values()) * (frac[q.id] or 0) for q in qs if frac[q.id] is not None)
    den = sum(sum(q.scores.values()) for q in qs if frac[q.id] is not None)
    all_w = sum(sum(q.scores.values()) for q in qs)
    done_w = sum(sum(q.scores.values()) for q in qs if status[q.id] in ("answered", "not_applicable"))
    value = 100 * num / den if den else None
    lvl = qn.level_for(value) if value is not None else None
    return AreaScore(
        area_id, name, value, lvl.level if lvl else None, lvl.name if lvl else {}, done_w / all_w if all_w else 0.0
    )


def _coverage(qn: Questionnaire, shown: set[str], status: dict[str, str], resp: Response) -> list[Coverage]:
    """comply: every shown question of the criterion is answered and none says 'explain';
    explain: every shown question is answered or explained, at least one explained; missing: otherwise."""
    out = []
    for crit in qn.criteria():
        qs = [q for q in crit.questions if q.id in shown]
        answered = sum(1 for q in qs if status[q.id] in ("answered", "not_applicable"))
        explained = sum(
            1
            for q in qs
            if status[q.id] == "explained"
            or (q.type == "comply_explain" and status[q.id] == "answered" and resp.answers[q.id].value == "explain")
        )
        if qs and all(status[q.id] in ("answered", "not_applicable", "explained") for q in qs):
            state = "explain" if explained else "comply"
        else:
            state = "missing"
        out.append(Coverage(crit.number, crit.name, crit.area, state, answered, explained, len(qs)))
    return out


def recommendations(
    qn: Questionnaire,
    questions: list[Question],
    status: dict[str, str],
    resp: Response,
    dims: list[DimensionScore],
    limit: int = MAX_RECOMMENDATIONS,
) -> list[Recommendation]:
    """The levers that gain most: answered questions whose next better option adds the most score points,
    summed over the dimensions the question scores. Ties go to the lower DNK criterion, then the id."""
    denom = {d.id: sum(c.weight for c in d.contributions if c.fraction is not None) for d in dims}
    out: list[Recommendation] = []
    for q in questions:
        if not q.scored or status[q.id] != "answered" or q.type == "multiple_choice":
            continue
        current = q.option(resp.answers[q.id].value)
        if current is None or current.level is None:
            continue
        better = sorted(
            (o for o in q.options if o.level is not None and o.level > current.level), key=lambda o: o.level
        )  # type: ignore[arg-type,return-value]
        if not better:
            continue
        nxt = better[0]
        step = (nxt.level - current.level) / 4  # type: ignore[operator]
        gains = {d: 100 * w * step / denom[d] for d, w in q.scores.items() if denom.get(d)}
        out.append(
            Recommendation(
                q.id,
                q.text,
                q.criterion,
                current.id,
                current.label,
                nxt.id,
                nxt.label,
                current.next_step or nxt.next_step,
                sum(gains.values()),
                gains,
            )
        )
    for q in questions:  # multiple choice: the unchosen option with most points
        if q.type != "multiple_choice" or not q.scored or status[q.id] != "answered":
            continue
        chosen = set(resp.answers[q.id].value)
        top = q.max_points or sum(o.points or 0 for o in q.options)
        got = sum(o.points or 0 for o in q.options if o.id in chosen)
        candidates = [o for o in q.options if o.id not in chosen and (o.points or 0) > 0]
        if not candidates or got >= top:
            continue
        nxt = max(candidates, key=lambda o: o.points or 0)
        step = (min(got + (nxt.points or 0), top) - got) / top
        gains = {d: 100 * w * step / denom[d] for d, w in q.scores.items() if denom.get(d)}
        out.append(
            Recommendation(
                q.id, q.text, q.criterion, "", {}, nxt.id, nxt.label, nxt.next_step, sum(gains.values()), gains
            )
        )
    out.sort(key=lambda r: (-round(r.gain, 9), r.criterion, r.question))
    return out[:limit]
