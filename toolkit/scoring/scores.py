"""The scoring engine: maturity per dimension and DNK area, DNK coverage, data quality, next steps. Pure functions.

``score(questionnaire, response)`` returns a :class:`ScoreCard`. The method is documented with a worked
example in ``questionnaires/README.md``:

* a scored question earns the fraction ``f`` of its weight: ``level / 4`` (or chosen points / max points);
* every question that applies to the company counts: an unanswered question, one answered "I can't answer"
  (explained) and one whose gate is still open (pending) earn ``f = 0``; only "not applicable" (allowed where
  the questionnaire says so) leaves a question out. So a score never rises by answering less;
* a dimension's score is ``100 * sum(w * f) / sum(w)``; it has no score ("not scored") while none of its
  questions has an answer;
* completeness is the weight share of applicable questions answered (a value or "not applicable"); below
  ``PROVISIONAL_BELOW`` a dimension is provisional, and so is the overall result when its completeness is below
  the threshold or a headline dimension is unscored or provisional;
* the overall score is the sum of the headline dimensions' scores divided by their number, an unscored one
  counting 0 (it is the mean of the three only when all three are scored);
* the level is the highest scale level whose ``min_score`` the score reaches;
* a next step's ``overall_gain`` is the exact change of the overall score when the question's answer is set
  to ``next_option``; steps are ranked by it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from toolkit.definitions.factors import FactorTable, load_factors
from toolkit.definitions.model import EVIDENCE_FROM_LEVEL, Condition, Question, Questionnaire, Text, tr
from toolkit.definitions.types import registry
from toolkit.i18n import LANGS, t
from toolkit.responses import Answer, Response
from toolkit.scoring.applicability import HIDDEN, PENDING, SHOWN, evaluate, question_states
from toolkit.scoring.kpis import KPIs, compute_kpis
from toolkit.scoring.quality import CONTRADICTION, DataQuality, Finding, contradictions, incomplete_kpis, unevidenced

PROVISIONAL_BELOW = 0.7  # completeness below 70 % marks a dimension (and the overall result) provisional
MAX_RECOMMENDATIONS = 10
DOMINANT_SHARE = 0.3  # an energy carrier or scope with at least this share of Scope 1+2 gets a step in the top 3
FIRST_STEPS = 3
OPEN_STATUSES = ("unanswered", "explained", "pending")


@dataclass
class Contribution:
    question: str
    weight: float
    fraction: float | None  # None: not applicable (left out); 0 for open questions
    status: str  # answered | not_applicable | unanswered | explained | pending
    points: float  # score points this question adds to the dimension (0-100 scale)
    max_points: float  # points it would add at its best answer


@dataclass
class DimensionScore:
    id: str
    name: Text
    headline: bool
    score: float | None  # None: not scored (no question of the dimension answered yet)
    level: int | None
    level_name: Text
    completeness: float
    provisional: bool
    answered: int  # questions answered with a value
    shown: int  # questions that apply (including "not applicable" ones)
    contributions: list[Contribution] = field(default_factory=list)
    open: int = 0  # applicable questions still open (unanswered, explained or pending)


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
    """DNK comply-or-explain per criterion. comply: the key questions reach their documented minimum;
    explain: the criterion is explained (with a text); open: neither. ``unmet`` says which key questions
    fall short and why."""

    criterion: int
    name: Text
    area: str
    status: str  # comply | explain | open
    answered: int
    explained: int
    shown: int
    claimed: str | None = None  # what the comply-or-explain question says: comply | explain | None
    explanation: str | None = None
    unmet: list[dict[str, Any]] = field(default_factory=list)


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
    gain: float  # score points over all dimensions (sum of ``gains``)
    gains: dict[str, float]  # exact change of each dimension's score
    overall_gain: float = 0.0  # exact change of the overall score when next_option is taken
    kind: str = "improve"  # improve: a better answer; answer: the question is still open
    step: dict[str, str] | None = None  # effort, cost, time
    addresses: list[str] = field(default_factory=list)
    promoted_for: str | None = None  # the dominant carrier or scope that moved this step into the top 3
    source_share: float | None = None  # that source's share of Scope 1+2


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
    overall_provisional: bool = False
    overall_is_mean: bool = True  # all headline dimensions are scored: the overall score is their mean
    data_quality: DataQuality = field(default_factory=DataQuality)

    def dimension(self, dim_id: str) -> DimensionScore:
        return next(d for d in self.dimensions if d.id == dim_id)

    @property
    def headline(self) -> list[DimensionScore]:
        return [d for d in self.dimensions if d.headline]

    @property
    def open_questions(self) -> int:
        return self.answers_shown - self.answers_given

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["kpis"] = self.kpis.to_dict()
        out["data_quality"] = self.data_quality.to_dict()
        out["open_questions"] = self.open_questions
        out["format"] = "sme-toolkit-scorecard/1"
        out["method"] = {
            "provisional_below": PROVISIONAL_BELOW,
            "dominant_share": DOMINANT_SHARE,
            "evidence_from_level": EVIDENCE_FROM_LEVEL,
        }
        return out


# ---- the core: which questions count and what they earn ---------------------------------------------------------
def _status(answer: Answer | None, state: str) -> str:
    if state == PENDING:
        return "pending"
    if answer is None:
        return "unanswered"
    if answer.not_applicable:
        return "not_applicable"
    if answer.answered:
        return "answered"
    return "explained" if answer.explained else "unanswered"


@dataclass
class _Eval:
    states: dict[str, str]
    questions: list[Question]  # the applicable ones (shown or pending), in questionnaire order
    status: dict[str, str]
    frac: dict[str, float | None]


def _evaluate(qn: Questionnaire, answers: Mapping[str, Answer], size: str | None) -> _Eval:
    states = question_states(qn, answers, size)
    questions = [q for q in qn.iter_questions() if states[q.id] != HIDDEN]
    status = {q.id: _status(answers.get(q.id), states[q.id]) for q in questions}
    frac: dict[str, float | None] = {}
    for q in questions:
        if status[q.id] == "not_applicable":
            frac[q.id] = None
        elif status[q.id] == "answered":
            frac[q.id] = registry.fraction(q, answers[q.id].value) or 0.0
        else:
            frac[q.id] = 0.0
    return _Eval(states, questions, status, frac)


def _dim_sums(ev: _Eval, dim_id: str) -> tuple[float, float, bool]:
    """(Σ w·f, Σ w, any question answered) over the questions of one dimension that count."""
    num = den = 0.0
    answered = False
    for q in ev.questions:
        w, frac = q.scores.get(dim_id), ev.frac[q.id]
        if w is None or frac is None:
            continue
        num += w * frac
        den += w
        answered = answered or ev.status[q.id] == "answered"
    return num, den, answered


def _dim_value(ev: _Eval, dim_id: str) -> tuple[float | None, float]:
    """(score or None when nothing is answered, counted weight) of one dimension."""
    num, den, answered = _dim_sums(ev, dim_id)
    return (100 * num / den if den and answered else None), den


def _overall(qn: Questionnaire, values: Mapping[str, tuple[float | None, float]]) -> float | None:
    """Sum of the headline scores (unscored = 0) over the headline dimensions that apply; None when none of
    them is scored."""
    head = [d.id for d in qn.headline_dimensions if values[d.id][1] > 0]
    if not head or all(values[d][0] is None for d in head):
        return None
    return sum(values[d][0] or 0.0 for d in head) / len(head)


# ---- the scorecard ----------------------------------------------------------------------------------------------
def score(
    qn: Questionnaire, resp: Response, factors: FactorTable | None = None, *, steps: int | None = MAX_RECOMMENDATIONS
) -> ScoreCard:
    """Score one response. Reads nothing from disk except the default factor table (cached) when none is given.
    ``steps``: how many next steps the scorecard keeps (None: every possible step, e.g. for cohort agendas)."""
    factors = factors or load_factors()
    size = resp.company.size_class
    ev = _evaluate(qn, resp.answers, size)
    dims = [_dimension(qn, d.id, ev) for d in qn.dimensions]
    areas = [_area(qn, area.id, area.name, ev) for area in qn.areas]
    values = {d.id: (d.score, sum(c.weight for c in d.contributions if c.fraction is not None)) for d in dims}
    overall = _overall(qn, values)
    head_all = [d for d in dims if d.headline]
    completeness = sum(d.completeness for d in head_all) / len(head_all) if head_all else 0.0
    lvl = qn.level_for(overall) if overall is not None else None
    shown = {qid for qid, st in ev.states.items() if st == SHOWN}
    kpis = compute_kpis(qn, resp.answers, resp.company, shown, factors, source=resp.path or "<response>")
    coverage, claims = _coverage(qn, ev, resp)
    findings = contradictions(qn, resp.answers, resp.company, ev.states)
    quality = DataQuality(
        [*findings, *claims, *unevidenced(qn, resp.answers, ev.states)],
        incomplete_kpis(qn, resp.answers, resp.company, ev.states, {c: f.scope for c, f in factors.carriers.items()}),
    )
    head_scored = [d for d in head_all if values[d.id][1] > 0]
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
        coverage=coverage,
        recommendations=recommendations(qn, resp, ev, kpis, steps),
        kpis=kpis,
        answers_shown=len(ev.questions),
        answers_given=sum(1 for s in ev.status.values() if s in ("answered", "not_applicable")),
        overall_provisional=overall is None
        or completeness < PROVISIONAL_BELOW
        or any(d.score is None or d.provisional for d in head_scored),
        overall_is_mean=bool(head_scored) and all(d.score is not None for d in head_scored),
        data_quality=quality,
    )


def _dimension(qn: Questionnaire, dim_id: str, ev: _Eval) -> DimensionScore:
    dim = qn.dimension(dim_id)
    assert dim is not None
    scored = [q for q in ev.questions if dim_id in q.scores]
    value, denom = _dim_value(ev, dim_id)
    total_w = sum(q.scores[dim_id] for q in scored)
    complete_w = sum(q.scores[dim_id] for q in scored if ev.status[q.id] in ("answered", "not_applicable"))
    completeness = complete_w / total_w if total_w else 0.0
    contributions = [
        Contribution(
            q.id,
            q.scores[dim_id],
            ev.frac[q.id],
            ev.status[q.id],
            100 * q.scores[dim_id] * (ev.frac[q.id] or 0.0) / denom if denom else 0.0,
            100 * q.scores[dim_id] / denom if denom and ev.frac[q.id] is not None else 0.0,
        )
        for q in scored
    ]
    lvl = qn.level_for(value) if value is not None else None
    return DimensionScore(
        dim_id,
        dim.name,
        dim.headline,
        value,
        lvl.level if lvl else None,
        lvl.name if lvl else {},
        completeness,
        value is None or completeness < PROVISIONAL_BELOW,
        sum(1 for q in scored if ev.status[q.id] == "answered"),
        len(scored),
        contributions,
        sum(1 for q in scored if ev.status[q.id] in OPEN_STATUSES),
    )


def _area(qn: Questionnaire, area_id: str, name: Text, ev: _Eval) -> AreaScore:
    qs = [q for q in ev.questions if q.area == area_id and q.scored]
    num = sum(sum(q.scores.values()) * (ev.frac[q.id] or 0.0) for q in qs if ev.frac[q.id] is not None)
    den = sum(sum(q.scores.values()) for q in qs if ev.frac[q.id] is not None)
    all_w = sum(sum(q.scores.values()) for q in qs)
    done_w = sum(sum(q.scores.values()) for q in qs if ev.status[q.id] in ("answered", "not_applicable"))
    any_answer = any(ev.status[q.id] == "answered" for q in qs)
    value = 100 * num / den if den and any_answer else None
    lvl = qn.level_for(value) if value is not None else None
    return AreaScore(
        area_id, name, value, lvl.level if lvl else None, lvl.name if lvl else {}, done_w / all_w if all_w else 0.0
    )


# ---- DNK coverage ---------------------------------------------------------------------------------------------
def _coverage(qn: Questionnaire, ev: _Eval, resp: Response) -> tuple[list[Coverage], list[Finding]]:
    """Per DNK criterion comply / explain / open, and a contradiction for every "comply" the key questions do
    not back. Without ``comply_when`` (small test questionnaires) a criterion complies when all its applicable
    questions are answered."""
    answers = {qid: a for qid, a in resp.answers.items() if ev.states.get(qid) == SHOWN}
    out: list[Coverage] = []
    claims: list[Finding] = []
    for crit in qn.criteria():
        qs = [q for q in crit.questions if q.id in ev.status]
        answered = sum(1 for q in qs if ev.status[q.id] in ("answered", "not_applicable"))
        explained = sum(1 for q in qs if ev.status[q.id] == "explained")
        ce = crit.comply_explain
        ce_answer = answers.get(ce.id) if ce is not None else None
        claimed = ce_answer.value if ce_answer is not None and ce_answer.value in ("comply", "explain") else None
        unmet = [
            _unmet(qn, c, answers, resp) for c in crit.comply_when if evaluate(c, qn, answers, resp.company) is not True
        ]
        if crit.comply_when:
            met = not unmet
        else:
            met = bool(qs) and all(ev.status[q.id] in ("answered", "not_applicable") for q in qs)
        if claimed == "explain" or (ce is None and not met and explained and answered + explained == len(qs)):
            status = "explain"
        elif met and claimed != "explain":
            status = "comply"
        else:
            status = "open"
        if claimed == "comply" and not met and ce is not None:
            name = crit.name
            message = {lang: t("core.comply_claim", lang, n=crit.number, name=tr(name, lang)) for lang in LANGS}
            claims.append(
                Finding(CONTRADICTION, f"comply_claim_{crit.number}", message, [ce.id, *(u["question"] for u in unmet)])
            )
        explanation = ce_answer.explanation if ce_answer is not None and claimed == "explain" else None
        out.append(
            Coverage(
                crit.number, crit.name, crit.area, status, answered, explained, len(qs), claimed, explanation, unmet
            )
        )
    return out, claims


def _unmet(qn: Questionnaire, cond: Condition, answers: Mapping[str, Answer], resp: Response) -> dict[str, Any]:
    a = answers.get(cond.question)
    q = qn.question(cond.question)
    have: Any = None
    if a is not None and a.answered and not a.not_applicable:
        have = a.value
        if q is not None and isinstance(a.value, str) and (option := q.option(a.value)) is not None:
            have = option.level
    value = cond.value if not hasattr(cond.value, "kind") else asdict(cond.value)
    return {"question": cond.question, "op": cond.op, "value": value, "answer": have}


# ---- next steps -----------------------------------------------------------------------------------------------
def _candidates(qn: Questionnaire, ev: _Eval, answers: Mapping[str, Answer]) -> list[tuple[Question, str, Any, str]]:
    """(question, next option, the answer value after taking the step, kind) for every scored question that
    is shown and can improve; steps whose option's preconditions do not hold are left out."""
    out = []
    for q in ev.questions:
        if not q.scored or ev.states[q.id] != SHOWN or ev.status[q.id] in ("not_applicable", "pending"):
            continue
        a = answers.get(q.id)
        is_open = ev.status[q.id] != "answered"
        step = registry.get(q.type).next_step(q, None if is_open or a is None else a.value)
        if step is None:
            continue
        nxt, value = step
        if not all(evaluate(c, qn, answers) is True for c in nxt.requires):
            continue  # the step's premise contradicts another answer
        out.append((q, nxt.id, value, "answer" if is_open else "improve"))
    return out


def recommendations(
    qn: Questionnaire, resp: Response, ev: _Eval, kpis: KPIs, limit: int | None = MAX_RECOMMENDATIONS
) -> list[Recommendation]:
    """Every possible next step with its exact effect: the change of each dimension's score and of the overall
    score when the question's answer is set to the next better option. Ranked by the overall gain (then the
    gain over all dimensions, the DNK criterion, the id); a step addressing an energy carrier or scope with at
    least DOMINANT_SHARE of Scope 1+2 is moved into the first three when none there addresses it."""
    size = resp.company.size_class
    dims = [d.id for d in qn.dimensions]
    before = {d: _dim_value(ev, d) for d in dims}
    sums = {d: _dim_sums(ev, d) for d in dims}
    overall_before = _overall(qn, before) or 0.0
    gates = {c.question for q in qn.iter_questions() for c in q.show_if}
    out: list[Recommendation] = []
    for q, next_id, value, kind in _candidates(qn, ev, resp.answers):
        answers = dict(resp.answers)
        old = resp.answers.get(q.id)
        answers[q.id] = Answer(value=value, note=old.note if old else None)
        if q.id in gates:  # the step may show or hide other questions: score everything again
            after_ev = _evaluate(qn, answers, size)
            after = {d: _dim_value(after_ev, d) for d in dims}
        else:  # only this question's fraction changes
            df = (registry.fraction(q, value) or 0.0) - (ev.frac[q.id] or 0.0)
            after = dict(before)
            for d, w in q.scores.items():
                num, den, _any = sums[d]
                after[d] = (100 * (num + w * df) / den if den else None, den)
        gains = {d: (after[d][0] or 0.0) - (before[d][0] or 0.0) for d in dims}
        gains = {d: g for d, g in gains.items() if abs(g) > 1e-12}
        overall_gain = (_overall(qn, after) or 0.0) - overall_before
        if sum(gains.values()) <= 1e-12 and overall_gain <= 1e-12:
            continue
        current = q.option(old.value) if kind == "improve" and old is not None and isinstance(old.value, str) else None
        nxt = q.option(next_id)
        assert nxt is not None
        text, step_opt = registry.get(q.type).step_source(q, current, nxt)
        step = step_opt.step
        out.append(
            Recommendation(
                q.id,
                q.text,
                q.criterion,
                current.id if current is not None else "",
                current.label if current is not None else {},
                nxt.id,
                nxt.label,
                text,
                sum(gains.values()),
                gains,
                overall_gain,
                kind,
                {"effort": step.effort, "cost": step.cost, "time": step.time} if step else None,
                list(q.addresses),
            )
        )
    out.sort(key=lambda r: (-round(r.overall_gain, 9), -round(r.gain, 9), r.criterion, r.question))
    return _promote(out, dominant_sources(kpis))[:limit]


def dominant_sources(kpis: KPIs) -> list[tuple[str, float]]:
    """Energy carriers and scopes (scope1, scope2) with at least DOMINANT_SHARE of Scope 1+2, largest first."""
    total = kpis.total_t
    if total <= 0:
        return []
    shares: dict[str, float] = {}
    for line in kpis.energy:
        if line.scope in (1, 2):
            shares[line.carrier] = shares.get(line.carrier, 0.0) + line.t_co2e / total
    shares["scope1"] = kpis.scope1_t / total
    shares["scope2"] = kpis.scope2_location_t / total
    return sorted(((k, v) for k, v in shares.items() if v >= DOMINANT_SHARE - 1e-12), key=lambda kv: -kv[1])


def _promote(ranked: list[Recommendation], sources: list[tuple[str, float]]) -> list[Recommendation]:
    promoted: list[Recommendation] = []
    for source, share in sources:
        if len(promoted) >= FIRST_STEPS:
            break
        rest = [r for r in ranked if all(r is not p for p in promoted)]
        top = rest[: FIRST_STEPS - len(promoted)]
        if any(source in r.addresses for r in [*promoted, *top]):
            continue
        best = next((r for r in rest if source in r.addresses), None)
        if best is None:
            continue
        best.promoted_for, best.source_share = source, share
        promoted.append(best)
    if not promoted:
        return ranked
    rest = [r for r in ranked if all(r is not p for p in promoted)]
    keep = FIRST_STEPS - len(promoted)
    return [*rest[:keep], *promoted, *rest[keep:]]
