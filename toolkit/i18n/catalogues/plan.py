"""Texts of goals and actions: the plan as text (``toolkit score``, form, reports), the report's progress page and
the form's plan page."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # the plan as text
    "text.plan": {"de": "Ziele & Maßnahmen", "en": "Goals & actions"},
    "text.as_of": {"de": "Stand {date}", "en": "as of {date}"},
    "text.goals": {"de": "Ziele", "en": "Goals"},
    "text.actions": {"de": "Maßnahmen", "en": "Actions"},
    "text.no_goals": {"de": "keine Ziele gesetzt", "en": "no goals set"},
    "text.no_actions": {"de": "keine Maßnahmen geplant", "en": "no actions planned"},
    "text.change_by": {"de": "{kpi} {change} bis {year}", "en": "{kpi} {change} by {year}"},
    "text.value_by": {"de": "{kpi} auf {value} bis {year}", "en": "{kpi} to {value} by {year}"},
    "text.level_by": {
        "de": "{dim}: Stufe {level} ({name}) bis {year}",
        "en": "{dim}: level {level} ({name}) by {year}",
    },
    "text.base": {"de": "Basis {round}: {value}", "en": "baseline {round}: {value}"},
    "text.no_base": {"de": "ohne Basiswert", "en": "no baseline"},
    "text.now": {"de": "jetzt {value}", "en": "now {value}"},
    "text.expected": {"de": "Soll {year}: {value}", "en": "expected {year}: {value}"},
    "text.target": {"de": "Ziel {value}", "en": "target {value}"},
    "text.points": {"de": "{value} Punkte", "en": "{value} points"},
    "text.level_short": {"de": "Stufe {level}", "en": "level {level}"},
    "text.counts": {
        "de": "{n} Maßnahmen: {planned} geplant, {in_progress} in Arbeit, {done} erledigt, {dropped} verworfen",
        "en": "{n} actions: {planned} planned, {in_progress} in progress, {done} done, {dropped} dropped",
    },
    "text.overdue_n": {"de": "{n} überfällig", "en": "{n} overdue"},
    "text.unconfirmed_n": {"de": "{n} Status noch nicht bestätigt", "en": "{n} statuses not yet confirmed"},
    "text.overdue": {"de": "überfällig", "en": "overdue"},
    "text.unconfirmed": {"de": "nicht bestätigt", "en": "not confirmed"},
    "text.due": {"de": "fällig {date}", "en": "due {date}"},
    "text.carried": {"de": "aus Runde {round}", "en": "from round {round}"},
    "text.role": {"de": "zuständig: {role}", "en": "responsible: {role}"},
    "text.cost": {"de": "Kosten {sign}", "en": "cost {sign}"},
    "text.funding": {"de": "Förderung: {text}", "en": "funding: {text}"},
    "text.effect": {"de": "erwartet: {text}", "en": "expected: {text}"},
    "text.effect_gain": {"de": "Gesamtergebnis +{gain}", "en": "overall score +{gain}"},
    "text.goal_link": {"de": "für Ziel {id}", "en": "for goal {id}"},
    "text.warnings": {"de": "Hinweise", "en": "Notes"},
    "text.cooperation": {"de": "Kooperationsbörse", "en": "Cooperation exchange"},
    "text.coop_in": {"de": "Sie nehmen teil.", "en": "You take part."},
    "text.coop_out": {"de": "Sie nehmen nicht teil.", "en": "You do not take part."},
    "text.offers": {"de": "Angebote", "en": "Offers"},
    "text.needs": {"de": "Bedarf", "en": "Needs"},
    # the report's plan and progress page
    "page.kicker": {"de": "Ziele & Maßnahmen", "en": "Goals & actions"},
    "page.title_plan": {"de": "Ihr Plan", "en": "Your plan"},
    "page.title_progress": {"de": "Ihr Fortschritt", "en": "Your progress"},
    "page.lead_plan": {
        "de": "Was Sie sich in dieser Runde vorgenommen haben. In der nächsten Runde zeigt diese Seite, was erledigt "
        "ist und ob Ihre Ziele auf Kurs sind.",
        "en": "What you set out to do in this round. In the next round this page shows what is done and whether your "
        "goals are on track.",
    },
    "page.lead_progress": {
        "de": "Was aus Ihren Vorhaben geworden ist: der Stand jeder Maßnahme, wie sich die zugehörigen Antworten "
        "verändert haben, und ob Ihre Ziele auf Kurs sind (gemessen an einer geraden Linie vom Ausgangswert zum "
        "Zielwert).",
        "en": "What became of your plans: the status of each action, how the answers it is linked to changed, and "
        "whether your goals are on track (measured against a straight line from the baseline to the target).",
    },
    "page.goals": {"de": "Ziele", "en": "Goals"},
    "page.goal": {"de": "Ziel", "en": "Goal"},
    "page.base": {"de": "Ausgangswert", "en": "Baseline"},
    "page.now": {"de": "Jetzt", "en": "Now"},
    "page.expected": {"de": "Soll {year}", "en": "Expected {year}"},
    "page.state": {"de": "Stand", "en": "Status"},
    "page.actions": {"de": "Maßnahmen", "en": "Actions"},
    "page.action": {"de": "Maßnahme", "en": "Action"},
    "page.role": {"de": "Zuständig", "en": "Responsible"},
    "page.due": {"de": "Fällig", "en": "Due"},
    "page.moved": {"de": "Ihre Antworten", "en": "Your answers"},
    "page.overdue": {"de": "überfällig", "en": "overdue"},
    "page.unconfirmed": {"de": "nicht bestätigt", "en": "not confirmed"},
    "page.carried": {"de": "aus Runde {round}", "en": "from round {round}"},
    "page.points": {"de": "{value} Punkte", "en": "{value} points"},
    "page.counts": {
        "de": "{planned} geplant · {in_progress} in Arbeit · {done} erledigt · {dropped} verworfen",
        "en": "{planned} planned · {in_progress} in progress · {done} done · {dropped} dropped",
    },
    "page.counts_late": {"de": " · davon {n} überfällig", "en": " · {n} of them overdue"},
    "page.no_goals": {"de": "Noch keine Ziele gesetzt.", "en": "No goals set yet."},
    "page.no_actions": {"de": "Noch keine Maßnahmen geplant.", "en": "No actions planned yet."},
    "page.coop": {"de": "Kooperationsbörse", "en": "Cooperation exchange"},
    "page.coop_in": {
        "de": "Sie nehmen teil; die Moderation Ihres Netzwerks schlägt Ihnen passende Partner vor.",
        "en": "You take part; your network's facilitator will suggest partners to you.",
    },
    "page.coop_out": {"de": "Sie nehmen nicht teil.", "en": "You do not take part."},
    "page.offers": {"de": "Sie bieten", "en": "You offer"},
    "page.needs": {"de": "Sie suchen", "en": "You need"},
    "page.effect": {"de": "erwartet: {text}", "en": "expected: {text}"},
    # the form's plan page
    "form.title": {"de": "Ziele & Maßnahmen", "en": "Goals & actions"},
    "form.intro": {
        "de": "Legen Sie fest, was Sie sich vornehmen: Ziele mit Jahr und Maßnahmen mit Zuständigkeit und Termin. In "
        "der nächsten Runde bestätigen Sie den Stand jeder Maßnahme; der Bericht zeigt, ob Ihre Ziele auf Kurs "
        "sind. Alles wird sofort gespeichert.",
        "en": "Set out what you intend to do: goals with a year, actions with a responsible role and a date. In the "
        "next round you confirm the status of each action; the report shows whether your goals are on track. "
        "Everything is saved at once.",
    },
    "form.steps": {"de": "Ihre nächsten Schritte", "en": "Your next steps"},
    "form.steps_none": {"de": "Zurzeit keine nächsten Schritte.", "en": "No next steps at the moment."},
    "form.take": {"de": "Als Maßnahme übernehmen", "en": "Add as action"},
    "form.taken": {"de": "✓ übernommen", "en": "✓ added"},
    "form.goals": {"de": "Ziele", "en": "Goals"},
    "form.no_goals": {"de": "Noch keine Ziele.", "en": "No goals yet."},
    "form.new_goal": {"de": "Neues Ziel", "en": "New goal"},
    "form.kind": {"de": "Art des Ziels", "en": "Kind of goal"},
    "form.kind_kpi": {"de": "Kennzahl", "en": "Key figure"},
    "form.kind_dimension": {"de": "Reifegrad", "en": "Maturity level"},
    "form.kpi": {"de": "Kennzahl", "en": "Key figure"},
    "form.change": {"de": "Veränderung in % (z. B. -20)", "en": "Change in % (e.g. -20)"},
    "form.dimension": {"de": "Dimension", "en": "Dimension"},
    "form.target_level": {"de": "Zielstufe", "en": "Target level"},
    "form.target_year": {"de": "bis", "en": "by"},
    "form.add_goal": {"de": "Ziel hinzufügen", "en": "Add goal"},
    "form.remove": {"de": "Entfernen", "en": "Remove"},
    "form.baseline": {"de": "Basis {round}: {value}", "en": "baseline {round}: {value}"},
    "form.no_baseline": {"de": "ohne Basiswert", "en": "no baseline"},
    "form.actions": {"de": "Maßnahmen", "en": "Actions"},
    "form.no_actions": {"de": "Noch keine Maßnahmen.", "en": "No actions yet."},
    "form.new_action": {"de": "Neue Maßnahme (frei formuliert)", "en": "New action (in your own words)"},
    "form.action_title": {"de": "Was wird getan?", "en": "What will be done?"},
    "form.add_action": {"de": "Maßnahme hinzufügen", "en": "Add action"},
    "form.status": {"de": "Stand", "en": "Status"},
    "form.due": {"de": "Fällig am", "en": "Due on"},
    "form.role": {
        "de": "Zuständig (Rolle, z. B. Geschäftsführung)",
        "en": "Responsible (role, e.g. managing director)",
    },
    "form.goal": {"de": "Ziel", "en": "Goal"},
    "form.no_goal": {"de": "– kein Ziel –", "en": "– no goal –"},
    "form.cost": {"de": "Kosten", "en": "Cost"},
    "form.cost_none": {"de": "– offen –", "en": "– open –"},
    "form.funding": {"de": "Förderung (Programm, Antrag)", "en": "Funding (programme, application)"},
    "form.question": {"de": "Bezug zur Frage", "en": "Linked question"},
    "form.no_question": {"de": "– keine Frage –", "en": "– no question –"},
    "form.effect_own": {"de": "Erwartete Wirkung (in eigenen Worten)", "en": "Expected effect (in your own words)"},
    "form.effect": {"de": "Erwartete Wirkung", "en": "Expected effect"},
    "form.linked": {"de": "Bezug: {questions}", "en": "Linked to: {questions}"},
    "form.carried": {
        "de": "Aus Runde {round} übernommen: Bitte bestätigen oder ändern Sie den Stand.",
        "en": "Carried over from round {round}: please confirm or update the status.",
    },
    "form.confirm": {"de": "Stand bestätigen", "en": "Confirm status"},
    "form.overdue": {"de": "überfällig", "en": "overdue"},
    "form.cooperation": {"de": "Kooperationsbörse", "en": "Cooperation exchange"},
    "form.coop_intro": {
        "de": "Freiwillig: Wenn Sie teilnehmen, sieht nur die Moderation des Netzwerks Ihre Angebote und Bedarfe und "
        "schlägt passende Partner vor. Ohne Teilnahme wird nichts davon verwendet.",
        "en": "Voluntary: if you take part, only the network's facilitator sees your offers and needs and suggests "
        "partners. Without taking part, none of it is used.",
    },
    "form.opt_in": {"de": "Ich nehme an der Kooperationsbörse teil", "en": "I take part in the cooperation exchange"},
    "form.offers": {"de": "Wir bieten an", "en": "We offer"},
    "form.needs": {"de": "Wir suchen", "en": "We need"},
    "form.plan_need_title": {
        "de": "Bitte geben Sie der Maßnahme einen Titel.",
        "en": "Please give the action a title.",
    },
    "form.plan_duplicate_id": {"de": "Die Kennung {id} gibt es schon.", "en": "The id {id} exists already."},
    "form.plan_unknown_question": {"de": "Die Frage {ref} gibt es nicht.", "en": "There is no question {ref}."},
    "form.plan_unknown_goal": {"de": "Das Ziel {ref} gibt es nicht.", "en": "There is no goal {ref}."},
    "form.plan_bad_status": {"de": "„{value}“ ist kein Stand.", "en": "“{value}” is not a status."},
    "form.plan_bad_date": {"de": "Bitte ein Datum wählen.", "en": "Please choose a date."},
    "form.plan_due_before_round": {
        "de": "Das Datum liegt vor der Runde {round}: bitte prüfen.",
        "en": "The date is before round {round}: please check it.",
    },
    "form.plan_bad_target_year": {
        "de": "Das Zieljahr muss {year} oder später sein.",
        "en": "The target year must be {year} or later.",
    },
    "form.plan_bad_kpi": {"de": "Bitte eine Kennzahl wählen.", "en": "Please choose a key figure."},
    "form.plan_no_baseline": {
        "de": "Für diese Kennzahl fehlt in dieser Runde der Ausgangswert: erfassen Sie zuerst die Energie- und "
        "Verbrauchsangaben (Kriterium 11/12), oder setzen Sie ein Ziel auf einen Reifegrad.",
        "en": "This key figure has no baseline in this round: enter the energy and consumption figures first "
        "(criteria 11/12), or set a goal on a maturity level.",
    },
    "form.plan_need_target": {"de": "Bitte die Veränderung in % angeben.", "en": "Please enter the change in %."},
    "form.plan_bad_change": {
        "de": "Die Veränderung muss zwischen -100 und 1000 % liegen (nicht 0).",
        "en": "The change must be between -100 and 1000 % (not 0).",
    },
    "form.plan_bad_dimension": {"de": "Bitte eine Dimension wählen.", "en": "Please choose a dimension."},
    "form.plan_bad_level": {
        "de": "Bitte eine Zielstufe von 1 bis 4 wählen.",
        "en": "Please choose a level from 1 to 4.",
    },
    "form.plan_level_reached": {
        "de": "Stufe {level} ist schon erreicht: wählen Sie eine höhere Stufe.",
        "en": "Level {level} is reached already: choose a higher level.",
    },
    "form.not_a_number": {"de": "Bitte eine Zahl eingeben, z. B. -20.", "en": "Please enter a number, e.g. -20."},
}
