"""Goals, action plans and cooperation offers of the demo companies (issue 16).

* Round 2025: about three in four companies set goals (Scope 1+2 down by 10-30 % by 2028 when their figures
  allow it, and the next level in their weakest headline dimension by 2027) and plan two to five actions from
  their first next steps (with effect, cost and, for some, a funding note), due in 2025 or early 2026. The
  steps an improving company really took (:meth:`AnswerModel.acted_on`) are among them, so that the answers of
  2026 move where the actions were done.
* Round 2026: the goals and open actions are carried over (:func:`toolkit.responses.carryover.carry_over`) and their
  statuses updated as participants do: the steps taken are done, the others in progress, still planned
  (late), dropped or done; a few statuses are left unconfirmed. Some companies add a new action.
* About a third of the companies opt in to the cooperation exchange with offers and needs typical of their
  trade (the sawmill's shavings, the farm's straw for the packaging maker, a joint energy audit, green-power
  purchasing), so that `toolkit cohort --matches` has complementary pairs and groups to suggest.

All choices come from ``random.Random`` seeded with strings, like the rest of the demo.
"""

from __future__ import annotations

import random

from toolkit.definitions.factors import FactorTable
from toolkit.definitions.model import Questionnaire
from toolkit.demo.answers import AnswerModel
from toolkit.demo.companies import DemoCompany
from toolkit.responses import Response
from toolkit.responses.plan import Cooperation, Goal, next_id
from toolkit.scoring.plans import action_from_step
from toolkit.scoring.scores import Recommendation, score

PLANNING = 0.75  # share of companies that plan in their first round
OPT_IN = 0.35  # share that takes part in the cooperation exchange
UNCONFIRMED = 0.1  # share of carried actions whose status the participant has not confirmed yet
ROLES = ("Geschäftsführung", "Betriebsleitung", "Einkauf", "Qualitätsmanagement", "Haustechnik", "Personal")
FUNDING = (
    "BAFA: Bundesförderung für Energie- und Ressourceneffizienz (Zuschuss beantragen)",
    "KfW-Förderkredit prüfen",
    "Landesförderprogramm über die Wirtschaftsförderung anfragen",
)
# trade (NACE prefix) -> (offers, needs) from the shipped cooperation lists
TRADES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "A01": (("plant_residues", "surplus_pv_power"), ("wood_waste", "food_residues", "spent_grain", "canteen_waste")),
    "A02": (("wood_chips",), ("joint_logistics",)),
    "C10": (("food_residues", "spent_grain"), ("wooden_pallets", "reusable_crates", "waste_heat")),
    "C11": (("spent_grain",), ("recycled_cardboard", "wooden_pallets")),
    "C16": (("wood_waste", "wood_chips"), ("waste_heat",)),
    "C17": (("paper_packaging",), ("plant_residues", "natural_fibres")),
    "C18": (("paper_packaging",), ("recycled_cardboard",)),
    "C22": (("plastic_packaging",), ("natural_fibres", "plant_residues")),
    "C25": (("ferrous_chips", "nonferrous_chips", "waste_heat"), ("secondary_metals",)),
    "C28": (("ferrous_chips", "waste_heat"), ("secondary_metals",)),
    "C31": (("wood_waste",), ("natural_fibres", "recycled_cardboard")),
    "C33": (("waste_oil",), ("secondary_metals",)),
    "F": (("concrete_rubble",), ("joint_logistics",)),
    "G": (("paper_packaging", "wooden_pallets"), ("reusable_crates", "green_power_purchase")),
    "H": (("wooden_pallets",), ("green_power_purchase", "joint_pv_purchase")),
    "I": (("canteen_waste",), ("waste_heat", "green_power_purchase")),
    "Q": (("canteen_waste",), ("green_power_purchase",)),
}
SHARED = ("joint_energy_audit", "joint_pv_purchase", "green_power_purchase", "shared_supplier_code", "ghg_training")


class DemoPlanner:
    """Adds goals, actions and cooperation blocks to the demo responses (in place)."""

    def __init__(self, qn: Questionnaire, factors: FactorTable, seed: int, model: AnswerModel) -> None:
        self.qn = qn
        self.factors = factors
        self.seed = seed
        self.model = model

    def add(self, c: DemoCompany, resp: Response, previous: Response | None) -> None:
        rng = c.rng(self.seed, "plan", resp.round)
        if previous is not None and (previous.goals or previous.actions):
            self._carry(c, resp, previous, rng)
        elif c.rng(self.seed, "plans").random() < PLANNING:
            self._first_plan(c, resp, rng)
        self._cooperation(c, resp, rng)

    # ---- the first plan ------------------------------------------------------------------------------------
    def _first_plan(self, c: DemoCompany, resp: Response, rng: random.Random) -> None:
        card = score(self.qn, resp, self.factors)
        year = int(resp.round[:4])
        if card.kpis.energy and not card.data_quality.incomplete_kpis.keys() & {"scope1", "scope2", "total_t"}:
            pct = -float(rng.choice((10, 15, 20, 25, 30)))
            resp.goals.append(
                Goal(
                    "z1",
                    "kpi",
                    year + 3,
                    str(resp.round),
                    kpi="scope12_t",
                    change_percent=pct,
                    base_value=round(card.kpis.total_t, 3),
                )
            )
        scored = [d for d in card.headline if d.score is not None and d.level is not None and d.level < 4]
        if scored:
            weakest = min(scored, key=lambda d: (d.score, d.id))
            resp.goals.append(
                Goal(
                    next_id("z", [g.id for g in resp.goals]),
                    "dimension",
                    year + 2,
                    str(resp.round),
                    dimension=weakest.id,
                    target_level=(weakest.level or 0) + 1,
                    base_value=round(weakest.score or 0.0, 3),
                    base_level=weakest.level,
                )
            )
        acted = self.model.acted_on(c)
        recs = card.recommendations
        chosen = [r for r in recs if r.question in acted][:3]
        chosen += [r for r in recs[:6] if r not in chosen][: rng.randint(1, 3)]
        for rec in chosen[:5]:
            self._action(resp, rec, rng, year)

    def _action(self, resp: Response, rec: Recommendation, rng: random.Random, year: int) -> None:
        action = action_from_step(resp, rec, "de")
        month = rng.randint(5, 12) if rng.random() < 0.8 else rng.randint(1, 3)
        due_year = year if month >= 5 else year + 1
        action.due = f"{due_year}-{month:02d}-{28 if month == 2 else 30}"
        action.role = rng.choice(ROLES)
        if action.cost in ("medium", "high") and rng.random() < 0.5:
            action.funding = rng.choice(FUNDING)
        goal = next(
            (
                g
                for g in resp.goals
                if g.kind == "dimension" and g.dimension in (action.from_step or {}).get("gains", {})
            ),
            None,
        )
        if goal is None and resp.goals and rng.random() < 0.4:
            goal = resp.goals[0]
        action.goal = goal.id if goal else None
        resp.actions.append(action)

    # ---- the next round ------------------------------------------------------------------------------------
    def _carry(self, c: DemoCompany, resp: Response, previous: Response, rng: random.Random) -> None:
        from toolkit.responses.carryover import carry_over

        carry_over(previous, self.qn, resp.round, resp)
        acted = self.model.acted_on(c) if c.improvement > 0.03 else set()
        for a in resp.actions:
            steps = {a.from_step["question"]} if a.from_step else set()
            if steps & acted:
                a.status = "done"
            else:
                a.status = rng.choices(("in_progress", "planned", "dropped", "done"), (0.3, 0.2, 0.2, 0.3))[0]
            a.confirmed = rng.random() >= UNCONFIRMED
        if rng.random() < 0.5:
            card = score(self.qn, resp, self.factors)
            taken = {(a.from_step or {}).get("question") for a in resp.actions}
            fresh = [r for r in card.recommendations[:5] if r.question not in taken]
            if fresh:
                self._action(resp, fresh[0], rng, int(resp.round[:4]))

    # ---- cooperation ---------------------------------------------------------------------------------------
    def _cooperation(self, c: DemoCompany, resp: Response, rng: random.Random) -> None:
        if not self.qn.cooperation or c.rng(self.seed, "cooperation").random() >= OPT_IN:
            return
        offers, needs = TRADES.get(c.nace[:3]) or TRADES.get(c.nace[:1]) or ((), ())
        known = {e.id for lst in self.qn.cooperation for e in lst.entries}
        extra = [s for s in SHARED if rng.random() < 0.3]
        resp.cooperation = Cooperation(
            True,
            [o for o in offers if o in known],
            list(dict.fromkeys(n for n in (*needs, *extra) if n in known)),
        )
