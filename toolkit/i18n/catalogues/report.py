"""Texts of the company report (PDF). Placeholders in braces are filled by :func:`toolkit.i18n.t`; the templates
escape the values."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "report_kind": {"de": "Ergebnisbericht", "en": "Results report"},
    "report_for": {"de": "Ergebnisbericht für", "en": "Results report for"},
    "report_title": {"de": "Nachhaltigkeits-Check", "en": "Sustainability check"},
    "confidential": {
        "de": "Vertraulich – dieser Bericht enthält nur die Angaben Ihres Unternehmens und anonyme Vergleichswerte.",
        "en": "Confidential – this report contains only your company's data and anonymous benchmarks.",
    },
    "kicker_summary": {"de": "Zusammenfassung", "en": "Summary"},
    "kicker_cohort": {"de": "Vergleich", "en": "Benchmark"},
    "kicker_coverage": {"de": "DNK", "en": "DNK"},
    "kicker_kpis": {"de": "VSME B3", "en": "VSME B3"},
    "kicker_vsme": {"de": "VSME B1–B11", "en": "VSME B1–B11"},
    "vsme": {"de": "VSME-Datenpunkte", "en": "VSME datapoints"},
    "kicker_next_steps": {"de": "Maßnahmen", "en": "Action plan"},
    "kicker_quality": {"de": "Datenqualität", "en": "Data quality"},
    "kicker_method": {"de": "Hintergrund", "en": "Background"},
    "kicker_more_steps": {"de": "Maßnahmen", "en": "Action plan"},
    "appendix": {"de": "Anhang", "en": "Appendix"},
    "appendix_lead": {
        "de": "Für Ihre Beraterin oder Ihren Berater und zum Nachschlagen: jede Antwort mit ihren Punkten, die "
        "Abdeckung des Deutschen Nachhaltigkeitskodex (DNK), die Datenpunkte des EU-Standards für kleine und "
        "mittlere Unternehmen (VSME), die Energie- und Klimakennzahlen mit ihren Quellen und die Methode. Die "
        "Angabe „DNK 12“ vor einer Frage nennt das DNK-Kriterium, zu dem sie gehört.",
        "en": "For your advisor and for reference: every answer with its points, the coverage of the German "
        "Sustainability Code (DNK), the datapoints of the EU standard for small and medium-sized companies "
        "(VSME), the energy and climate key figures with their sources, and the method. “DNK 12” before a "
        "question names the DNK criterion it belongs to.",
    },
    "appendix_contents": {"de": "Inhalt des Anhangs", "en": "Contents of the appendix"},
    "cover_contents_appendix": {
        "de": "Anhang: Antworten im Einzelnen, Berichtsstandards, Energie- und Klimadaten, Datenqualität, Methode",
        "en": "Appendix: answers in detail, reporting standards, energy and climate data, data quality, method",
    },
    "round": {"de": "Runde", "en": "Round"},
    "date": {"de": "Berichtsdatum", "en": "Report date"},
    "questionnaire": {"de": "Fragebogen", "en": "Questionnaire"},
    "version": {"de": "Version", "en": "version"},
    "network": {"de": "Netzwerk", "en": "Network"},
    "size_class": {"de": "Größenklasse", "en": "Size class"},
    "sector": {"de": "Branche (NACE)", "en": "Sector (NACE)"},
    "employees": {"de": "Beschäftigte", "en": "Employees"},
    "company_id": {"de": "Kennung", "en": "ID"},
    "no_network": {"de": "ohne Netzwerk", "en": "no network"},
    "contents": {"de": "Inhalt", "en": "Contents"},
    "summary": {"de": "Auf einen Blick", "en": "At a glance"},
    "summary_lead": {
        "de": "Ihr Reifegrad in den drei Kerndimensionen des Checks, von Stufe 0 „{l0}“ bis Stufe 4 „{l4}“.",
        "en": "Your maturity in the check's three core dimensions, from level 0 “{l0}” to level 4 “{l4}”.",
    },
    "overall": {"de": "Gesamtergebnis", "en": "Overall result"},
    "overall_note": {"de": "Mittelwert der drei Kerndimensionen", "en": "Average of the three core dimensions"},
    "overall_note_sum": {
        "de": "Summe der drei Kerndimensionen geteilt durch drei; eine Dimension ohne Antworten zählt mit 0 Punkten",
        "en": "Sum of the three core dimensions divided by three; a dimension without answers counts 0 points",
    },
    "provisional_overall": {
        "de": "Vorläufiges Ergebnis: {open} von {shown} Fragen sind noch offen. Offene Fragen zählen mit 0 Punkten; "
        "mit jeder Antwort wird das Ergebnis belastbarer.",
        "en": "Provisional result: {open} of {shown} questions are still open. Open questions count 0 points; every "
        "answer makes the result more reliable.",
    },
    "provisional_cover": {
        "de": "Vorläufig – {open} von {shown} Fragen offen",
        "en": "Provisional – {open} of {shown} questions open",
    },
    "incomplete": {"de": "unvollständig", "en": "incomplete"},
    "incomplete_note_one": {
        "de": "„unvollständig“: Es fehlt noch 1 Angabe, aus der diese Kennzahlen berechnet werden; Abschnitt "
        "{section} nennt sie.",
        "en": "“incomplete”: 1 input these figures are calculated from is still open; section {section} names it.",
    },
    "incomplete_note_other": {
        "de": "„unvollständig“: Es fehlen noch {n} Angaben, aus denen diese Kennzahlen berechnet werden; Abschnitt "
        "{section} nennt sie.",
        "en": "“incomplete”: {n} inputs these figures are calculated from are still open; section {section} lists "
        "them.",
    },
    "score": {"de": "Punkte", "en": "Score"},
    "score_of": {"de": "{score} von 100 Punkten", "en": "{score} of 100 points"},
    "level": {"de": "Stufe", "en": "Level"},
    "completeness": {"de": "Vollständigkeit", "en": "Completeness"},
    "answered_of": {"de": "{given} von {shown} Fragen beantwortet", "en": "{given} of {shown} questions answered"},
    "provisional": {"de": "vorläufig", "en": "provisional"},
    "provisional_note": {
        "de": "Vorläufig: weniger als {pct} der Fragen dieser Dimension sind beantwortet.",
        "en": "Provisional: fewer than {pct} of this dimension's questions are answered.",
    },
    "not_scored": {"de": "nicht bewertet", "en": "not scored"},
    "not_scored_note": {
        "de": "Noch keine bewertbare Antwort in dieser Dimension.",
        "en": "No scorable answer in this dimension yet.",
    },
    "key_figures": {"de": "Kennzahlen im Überblick", "en": "Key figures"},
    "more_dimensions": {"de": "Weitere Dimensionen und DNK-Bereiche", "en": "Further dimensions and DNK areas"},
    "more_dimensions_lead": {
        "de": "Punkte der übrigen Dimensionen des Fragebogens und der vier Bereiche des DNK (0–100).",
        "en": "Scores of the questionnaire's other dimensions and of the DNK's four areas (0–100).",
    },
    "fig_energy": {"de": "Energieverbrauch im Jahr", "en": "Energy use per year"},
    "fig_renewable": {"de": "davon erneuerbar", "en": "of which renewable"},
    "fig_co2": {"de": "CO₂-Ausstoß aus Ihrem Energieverbrauch", "en": "CO₂ emissions from your energy use"},
    "fig_co2_employee": {"de": "CO₂-Ausstoß je Beschäftigten", "en": "CO₂ emissions per employee"},
    "to_next_level": {"de": "noch {gap} Punkte bis „{name}“", "en": "{gap} points to “{name}”"},
    "to_next_level_one": {"de": "noch 1 Punkt bis „{name}“", "en": "1 point to “{name}”"},
    "plan": {"de": "Ihr Maßnahmenplan", "en": "Your action plan"},
    "plan_lead": {
        "de": "Die wirksamsten Schritte, in der Reihenfolge ihrer Wirkung. Rechts steht, was der Schritt genau "
        "bewirkt. Aufwand, Kosten (€ unter 1.000 EUR, €€ 1.000 bis 10.000 EUR, €€€ darüber) und Dauer sind "
        "Richtwerte.",
        "en": "The most effective steps, in the order of their effect. On the right is exactly what the step does. "
        "Effort, cost (€ below EUR 1,000, €€ EUR 1,000 to 10,000, €€€ above) and time are guide values.",
    },
    "plan_provisional": {
        "de": "Ihr Ergebnis ist vorläufig: {open} von {shown} Fragen sind noch offen und zählen mit 0 Punkten. Jede "
        "Antwort, die Sie nachtragen, kann mehr bewirken als ein Schritt unten.",
        "en": "Your result is provisional: {open} of {shown} questions are still open and count 0 points. Every "
        "answer you add may do more than a step below.",
    },
    "about_question": {"de": "Zur Frage", "en": "About"},
    "plan_more": {
        "de": "Weitere Schritte und die Antworten, auf die sie sich beziehen, stehen im Anhang (Abschnitt {section}).",
        "en": "Further steps and the answers they refer to are in the appendix (section {section}).",
    },
    "dq_box": {"de": "Bitte noch prüfen", "en": "Please check"},
    "dq_contradictions_one": {"de": "1 Widerspruch zwischen Antworten", "en": "1 contradiction between answers"},
    "dq_contradictions_other": {
        "de": "{n} Widersprüche zwischen Antworten",
        "en": "{n} contradictions between answers",
    },
    "dq_unevidenced_one": {
        "de": "1 Angabe auf der höchsten Stufe ohne Nachweis",
        "en": "1 top-level claim without evidence",
    },
    "dq_unevidenced_other": {
        "de": "{n} Angaben auf der höchsten Stufe ohne Nachweis",
        "en": "{n} top-level claims without evidence",
    },
    "dq_kpis_one": {"de": "1 Kennzahl mit fehlenden Angaben", "en": "1 key figure with missing inputs"},
    "dq_kpis_other": {"de": "{n} Kennzahlen mit fehlenden Angaben", "en": "{n} key figures with missing inputs"},
    "dq_where": {
        "de": "Einzelheiten im Anhang, Abschnitt {section}.",
        "en": "Details in the appendix, section {section}.",
    },
    "glossary": {"de": "Kurz erklärt", "en": "In plain words"},
    "cohort": {"de": "Ihr Ergebnis im Vergleich", "en": "Your result in comparison"},
    "cohort_lead": {
        "de": "Vergleichsgruppe: {label} ({n} Unternehmen). Unter jedem Ihrer Ergebnisse zeigt der graue Balken die "
        "mittlere Hälfte der Gruppe, der orange Strich ihren Median.",
        "en": "Comparison group: {label} ({n} companies). Below each of your results, the grey band shows the middle "
        "half of the group and the orange tick its median.",
    },
    "cohort_suppressed": {
        "de": "Vergleichsgruppe {label}: n < {min} – zu wenige Unternehmen, um Vergleichswerte zu zeigen, ohne "
        "Rückschlüsse auf einzelne Teilnehmende zu erlauben. Gezeigt wird Ihr Ergebnis allein.",
        "en": "Comparison group {label}: n < {min} – too few companies to show benchmarks without revealing "
        "individual participants. Your result is shown on its own.",
    },
    "cohort_none": {
        "de": "Für diesen Bericht liegen keine Vergleichswerte vor. Gezeigt wird Ihr Ergebnis allein.",
        "en": "No benchmarks are available for this report. Your result is shown on its own.",
    },
    "your_score": {"de": "Ihr Ergebnis", "en": "Your score"},
    "median": {"de": "Median", "en": "Median"},
    "quartiles": {"de": "Mittlere Hälfte", "en": "Middle half"},
    "quartiles_legend": {"de": "Mittlere Hälfte der Gruppe", "en": "Middle half of the group"},
    "position": {"de": "Einordnung", "en": "Position"},
    "above_q3": {"de": "oberes Viertel", "en": "top quarter"},
    "above_median": {"de": "über dem Median", "en": "above the median"},
    "below_median": {"de": "unter dem Median", "en": "below the median"},
    "below_q1": {"de": "unteres Viertel", "en": "bottom quarter"},
    "at_median": {"de": "am Median", "en": "at the median"},
    "dimension": {"de": "Dimension", "en": "Dimension"},
    "chart_dimensions": {"de": "Punkte je Dimension (0–100)", "en": "Score per dimension (0–100)"},
    "dimension_kicker": {"de": "Kerndimension", "en": "Core dimension"},
    "what_level_means": {"de": "Was Ihre Stufe bedeutet", "en": "What your level means"},
    "next_level": {"de": "Nächste Stufe: {name} ab {min} Punkten", "en": "Next level: {name} from {min} points"},
    "top_level": {"de": "Sie haben die höchste Stufe erreicht.", "en": "You have reached the highest level."},
    "strengths": {"de": "Stärken", "en": "Strengths"},
    "strengths_lead": {
        "de": "Antworten, die mindestens drei Viertel der möglichen Punkte erreichen.",
        "en": "Answers that earn at least three quarters of the possible points.",
    },
    "gaps": {"de": "Lücken", "en": "Gaps"},
    "gaps_lead": {
        "de": "Antworten mit dem größten Abstand zur vollen Punktzahl – hier lohnt sich der nächste Schritt.",
        "en": "Answers furthest from full points – this is where the next step pays off.",
    },
    "question": {"de": "Frage", "en": "Question"},
    "your_answer": {"de": "Ihre Antwort", "en": "Your answer"},
    "points": {"de": "Punkte", "en": "Points"},
    "points_of": {"de": "{got} / {max}", "en": "{got} / {max}"},
    "none_yet": {"de": "Noch keine.", "en": "None yet."},
    "no_gaps": {
        "de": "Keine Lücken – alle Antworten erreichen die volle Punktzahl.",
        "en": "No gaps – all answers earn full points.",
    },
    "open_questions": {"de": "Noch offen", "en": "Still open"},
    "open_lead": {
        "de": "Diese Fragen sind noch offen und zählen mit 0 Punkten, bis sie beantwortet sind:",
        "en": "These questions are still open and count 0 points until they are answered:",
    },
    "na_questions": {"de": "Trifft nicht zu", "en": "Not applicable"},
    "na_lead": {
        "de": "Als „trifft nicht zu“ beantwortet und daher nicht bewertet:",
        "en": "Answered “not applicable” and therefore not scored:",
    },
    "note": {"de": "Notiz", "en": "Note"},
    "explanation": {"de": "Erklärung", "en": "Explanation"},
    "next_step": {"de": "Nächster Schritt", "en": "Next step"},
    "no_selection": {"de": "keine Auswahl", "en": "nothing selected"},
    "yes": {"de": "Ja", "en": "Yes"},
    "no": {"de": "Nein", "en": "No"},
    "comply": {"de": "berichtet", "en": "comply"},
    "explain": {"de": "erklärt", "en": "explain"},
    "missing": {"de": "fehlt", "en": "missing"},
    "open": {"de": "offen", "en": "open"},
    "cohort_median_marker": {"de": "Median der Vergleichsgruppe", "en": "Comparison group median"},
    "coverage": {"de": "Abdeckung der 20 DNK-Kriterien", "en": "Coverage of the 20 DNK criteria"},
    "coverage_lead": {
        "de": "Der Deutsche Nachhaltigkeitskodex (DNK) folgt dem Prinzip „berichten oder erklären“: Zu jedem "
        "Kriterium legt ein Unternehmen die Inhalte offen oder erklärt, warum nicht. Berichtet heißt hier: Die "
        "Kernfragen des Kriteriums erreichen die im Fragebogen festgelegte Mindeststufe, es gibt also Inhalte, "
        "über die sich berichten lässt. Erklärt heißt: Sie haben angegeben, warum Sie dazu (noch) nicht "
        "berichten, mit einer Begründung. Offen heißt: weder das eine noch das andere. Die rechte Spalte nennt "
        "den Grund.",
        "en": "The German Sustainability Code (DNK) follows the principle “comply or explain”: for every criterion a "
        "company discloses the content or explains why not. Comply here means the criterion's key questions "
        "reach the minimum level the questionnaire sets, so there is content to report. Explain means you have "
        "stated, with a reason, why you do not report on it (yet). Open means neither. The right-hand column "
        "gives the reason.",
    },
    "why": {"de": "Begründung", "en": "Reason"},
    "why_comply": {"de": "Kernfragen erreichen die Mindeststufe", "en": "Key questions reach the minimum level"},
    "why_explain": {"de": "Erklärung: {text}", "en": "Explanation: {text}"},
    "why_open": {"de": "Noch unter der Mindeststufe: {items}", "en": "Below the minimum level: {items}"},
    "why_open_claim": {
        "de": "„Wir berichten dazu“ angegeben, aber noch unter der Mindeststufe: {items}",
        "en": "“We report on this” stated, but below the minimum level: {items}",
    },
    "why_unanswered": {"de": "noch nicht beantwortet", "en": "not answered yet"},
    "need_min_level": {"de": "Stufe {have}, nötig mind. {need}", "en": "level {have}, needs {need} or higher"},
    "need_max_level": {"de": "Stufe {have}, höchstens {need}", "en": "level {have}, at most {need}"},
    "need_answer": {"de": "offen", "en": "open"},
    "need_value": {"de": "nötig: {need}", "en": "needed: {need}"},
    "need_count": {"de": "{have} gewählt, nötig mind. {need}", "en": "{have} chosen, needs {need} or more"},
    "criterion": {"de": "Kriterium", "en": "Criterion"},
    "criteria": {"de": "Kriterien", "en": "criteria"},
    "status": {"de": "Status", "en": "Status"},
    "answered": {"de": "beantwortet", "en": "answered"},
    "not_in_questionnaire": {"de": "nicht im Fragebogen", "en": "not in the questionnaire"},
    "explanations": {"de": "Ihre Erklärungen", "en": "Your explanations"},
    "kpis": {"de": "Energie- und Klimakennzahlen", "en": "Energy and climate key figures"},
    "kpis_lead": {
        "de": "Berechnet aus Ihren Verbrauchsangaben mit der Faktorentabelle {table} (VSME B3). Scope 2 ist "
        "standortbasiert (Strommix), sofern nicht anders angegeben.",
        "en": "Calculated from your consumption figures with the factor table {table} (VSME B3). Scope 2 is "
        "location-based (grid mix) unless stated otherwise.",
    },
    "energy_by_carrier": {"de": "Energieverbrauch nach Energieträger", "en": "Energy use by carrier"},
    "carrier": {"de": "Energieträger", "en": "Energy carrier"},
    "input": {"de": "Angabe", "en": "Input"},
    "mwh": {"de": "MWh", "en": "MWh"},
    "t_co2e": {"de": "t CO₂e", "en": "t CO₂e"},
    "scope": {"de": "Scope", "en": "Scope"},
    "factor": {"de": "Emissionsfaktor", "en": "Emission factor"},
    "source_year": {"de": "Quelle (Jahr)", "en": "Source (year)"},
    "total": {"de": "Summe", "en": "Total"},
    "no_energy": {
        "de": "Es liegen noch keine Verbrauchsangaben vor.",
        "en": "No consumption figures have been entered yet.",
    },
    "kpi": {"de": "Kennzahl", "en": "Key figure"},
    "value": {"de": "Wert", "en": "Value"},
    "unit": {"de": "Einheit", "en": "Unit"},
    "energy_total": {"de": "Energieverbrauch gesamt", "en": "Total energy use"},
    "renewable_share": {"de": "Anteil erneuerbarer Energie", "en": "Renewable share"},
    "scope1": {"de": "Scope 1 (direkte Emissionen)", "en": "Scope 1 (direct emissions)"},
    "scope2_location": {"de": "Scope 2 standortbasiert", "en": "Scope 2 location-based"},
    "scope2_market": {"de": "Scope 2 marktbasiert", "en": "Scope 2 market-based"},
    "total_emissions": {"de": "Scope 1 + 2 (standortbasiert)", "en": "Scope 1 + 2 (location-based)"},
    "per_employee": {"de": "Emissionen je Beschäftigten", "en": "Emissions per employee"},
    "per_meur": {"de": "Emissionen je Mio. EUR Umsatz", "en": "Emissions per EUR million turnover"},
    "mwh_per_employee": {"de": "Energieverbrauch je Beschäftigten", "en": "Energy use per employee"},
    "own_power_fed": {"de": "− {fed} eingespeist", "en": "− {fed} fed in"},
    "own_power_note": {
        "de": "Eigenerzeugter Strom zählt nur, soweit Sie ihn selbst verbrauchen: Die ins Netz eingespeiste Menge ist "
        "abgezogen ({made} erzeugt − {fed} eingespeist = {used} selbst verbraucht).",
        "en": "Own generation counts only as far as you use it yourself: what was fed into the grid is subtracted "
        "({made} generated − {fed} fed in = {used} used on site).",
    },
    "chart_energy_mix": {"de": "Energiemix (MWh)", "en": "Energy mix (MWh)"},
    "other_datapoints": {"de": "Weitere VSME-Datenpunkte", "en": "Further VSME datapoints"},
    "other_lead": {
        "de": "Ihre Angaben zu Wasser, Abfall und Belegschaft, wie sie in einen VSME-Bericht eingehen.",
        "en": "Your figures on water, waste and workforce as they enter a VSME report.",
    },
    "kpi_warnings": {"de": "Hinweise zur Berechnung", "en": "Calculation notes"},
    "not_available": {"de": "nicht verfügbar", "en": "not available"},
    "next_steps": {"de": "Ihre nächsten Schritte", "en": "Your next steps"},
    "more_steps": {"de": "Weitere Schritte", "en": "Further steps"},
    "more_steps_lead": {
        "de": "Die Schritte {first} bis {last} in der Reihenfolge ihrer Wirkung, nach den fünf des Maßnahmenplans "
        "(Abschnitt {section}), mit der Antwort heute und dem Ziel.",
        "en": "Steps {first} to {last} in the order of their effect, after the five of the action plan (section "
        "{section}), with today's answer and the target.",
    },
    "gain_overall": {
        "de": "Gesamtergebnis {before}\u00a0→\u00a0{after}",
        "en": "Overall result {before}\u00a0→\u00a0{after}",
    },
    "gain_dim": {"de": "+{gain} in {dim}", "en": "+{gain} in {dim}"},
    "effort": {"de": "Aufwand", "en": "Effort"},
    "cost": {"de": "Kosten", "en": "Cost"},
    "duration": {"de": "Dauer", "en": "Time"},
    "effort_low": {"de": "gering", "en": "low"},
    "effort_medium": {"de": "mittel", "en": "medium"},
    "effort_high": {"de": "hoch", "en": "high"},
    "time_days": {"de": "wenige Tage", "en": "a few days"},
    "time_weeks": {"de": "einige Wochen", "en": "a few weeks"},
    "time_months": {"de": "einige Monate", "en": "a few months"},
    "time_year": {"de": "ein Jahr oder länger", "en": "a year or more"},
    "step_open": {"de": "Frage noch offen", "en": "Question still open"},
    "promoted": {
        "de": "Vorgezogen: {source} verursacht {share} des CO₂-Ausstoßes aus Ihrem Energieverbrauch.",
        "en": "Moved up: {source} causes {share} of the CO₂ emissions from your energy use.",
    },
    "scope1_source": {
        "de": "Ihre eigene Verbrennung von Heizöl, Gas und Kraftstoff (Scope 1)",
        "en": "Burning fuel on your site and in your vehicles (Scope 1)",
    },
    "scope2_source": {"de": "Der Einkauf von Strom und Wärme (Scope 2)", "en": "Buying electricity and heat (Scope 2)"},
    "quality": {"de": "Datenqualität", "en": "Data quality"},
    "quality_lead": {
        "de": "Was an Ihren Angaben noch zu prüfen ist: Antworten, die einander widersprechen, Angaben auf den "
        "höchsten Stufen ohne Nachweis und Kennzahlen, deren Eingaben noch fehlen. Nichts davon ändert die "
        "Punkte; es zeigt, wo das Ergebnis noch nicht belastbar ist.",
        "en": "What remains to be checked in your answers: answers that contradict each other, claims at the top "
        "levels without evidence, and key figures whose inputs are still open. None of this changes the score; "
        "it shows where the result is not yet reliable.",
    },
    "contradictions": {"de": "Widersprüche", "en": "Contradictions"},
    "no_contradictions": {"de": "Keine Widersprüche gefunden.", "en": "No contradictions found."},
    "unevidenced": {"de": "Angaben ohne Nachweis", "en": "Claims without evidence"},
    "unevidenced_lead": {
        "de": "Für diese Antworten auf den höchsten Stufen fehlt noch ein Nachweis (eine kurze Notiz oder ein "
        "Dokumentverweis).",
        "en": "These answers at the top levels still lack evidence (a short note or a document reference).",
    },
    "no_unevidenced": {
        "de": "Alle Angaben auf den höchsten Stufen sind belegt.",
        "en": "Every top-level claim has evidence.",
    },
    "evidence_asked": {"de": "Gefragt", "en": "Asked for"},
    "incomplete_kpis": {"de": "Unvollständige Kennzahlen", "en": "Incomplete key figures"},
    "missing_input": {"de": "Fehlende Angabe", "en": "Missing input"},
    "figures_affected": {"de": "Betroffene Kennzahlen", "en": "Figures affected"},
    "incomplete_kpis_lead": {
        "de": "Diese Kennzahlen zeigt der Bericht als „unvollständig“, bis die genannten Angaben vorliegen:",
        "en": "The report shows these key figures as “incomplete” until the inputs named are given:",
    },
    "kpi_figure_total_mwh": {"de": "Energieverbrauch gesamt", "en": "Total energy use"},
    "kpi_figure_renewable_share": {"de": "Anteil erneuerbarer Energie", "en": "Renewable share"},
    "kpi_figure_scope1": {"de": "Scope 1", "en": "Scope 1"},
    "kpi_figure_scope2": {"de": "Scope 2", "en": "Scope 2"},
    "kpi_figure_total_t": {"de": "Scope 1 + 2", "en": "Scope 1 + 2"},
    "kpi_figure_per_employee": {"de": "Emissionen je Beschäftigten", "en": "Emissions per employee"},
    "kpi_figure_per_meur": {"de": "Emissionen je Mio. EUR Umsatz", "en": "Emissions per EUR million turnover"},
    "kpi_figure_mwh_per_employee": {"de": "Energieverbrauch je Beschäftigten", "en": "Energy use per employee"},
    "company_employees": {"de": "Beschäftigtenzahl im Profil", "en": "headcount in the profile"},
    "company_turnover": {"de": "Umsatz im Profil", "en": "turnover in the profile"},
    "gain": {"de": "Gewinn", "en": "Gain"},
    "gain_points": {"de": "+{gain} Punkte", "en": "+{gain} points"},
    "now": {"de": "Heute", "en": "Today"},
    "target": {"de": "Ziel", "en": "Target"},
    "no_steps": {
        "de": "Keine weiteren Schritte – alle beantworteten Fragen erreichen bereits die höchste Stufe.",
        "en": "No further steps – every answered question already reaches the top level.",
    },
    "in_dimensions": {"de": "wirkt auf", "en": "improves"},
    "method": {"de": "Methodik", "en": "Method"},
    "method_intro": {
        "de": "So entstehen Punkte, Stufen und Kennzahlen in diesem Bericht. Die Methode ist für alle Teilnehmenden "
        "gleich und mit dem Fragebogen {qid} (Version {version}) festgelegt.",
        "en": "This is how the scores, levels and key figures in this report are calculated. The method is the same "
        "for every participant and fixed with the questionnaire {qid} (version {version}).",
    },
    "method_fraction_h": {"de": "Punkte je Frage", "en": "Points per question"},
    "method_fraction": {
        "de": "Jede bewertete Frage hat je Dimension ein Gewicht. Eine Antwort erreicht den Anteil Stufe / 4 dieses "
        "Gewichts (Stufe 0 bis 4 der gewählten Option); bei Mehrfachauswahl den Anteil der erreichten an den "
        "möglichen Punkten. „DNK 12“ vor einer Frage nennt ihr DNK-Kriterium.",
        "en": "Each scored question has a weight in each dimension. An answer earns the fraction level / 4 of that "
        "weight (level 0 to 4 of the chosen option); for multiple choice, the share of possible points earned. "
        "“DNK 12” before a question names its DNK criterion.",
    },
    "method_dimension_h": {"de": "Punkte je Dimension", "en": "Score per dimension"},
    "method_dimension": {
        "de": "Punkte = 100 × Σ (Gewicht × Anteil) / Σ Gewicht über alle Fragen, die für Sie gelten. Eine offene "
        "Frage (unbeantwortet oder „kann ich nicht beantworten“) zählt mit dem Anteil 0, weniger zu antworten "
        "lohnt sich also nie. Nur „trifft nicht zu“, wo der Fragebogen es erlaubt, nimmt eine Frage aus der "
        "Rechnung. Das Gesamtergebnis ist die Summe der drei Kerndimensionen geteilt durch drei; eine Dimension "
        "ohne Antworten zählt dabei mit 0.",
        "en": "Score = 100 × Σ (weight × fraction) / Σ weight over all questions that apply to you. An open question "
        "(unanswered or “I can't answer”) counts with the fraction 0, so answering less never pays. Only “not "
        "applicable”, where the questionnaire allows it, takes a question out of the calculation. The overall "
        "result is the sum of the three core dimensions divided by three; a dimension without answers counts 0.",
    },
    "method_completeness_h": {"de": "Vollständigkeit", "en": "Completeness"},
    "method_completeness": {
        "de": "Vollständigkeit ist der Gewichtsanteil der Fragen, die beantwortet sind (auch mit „trifft nicht zu“). "
        "Liegt sie unter {pct}, ist das Ergebnis der Dimension vorläufig; das Gesamtergebnis ist vorläufig, "
        "wenn seine Vollständigkeit unter {pct} liegt oder eine Kerndimension vorläufig oder nicht bewertet ist.",
        "en": "Completeness is the weight share of the questions that are answered (including “not applicable”). "
        "Below {pct} the dimension's result is provisional; the overall result is provisional when its "
        "completeness is below {pct} or a core dimension is provisional or not scored.",
    },
    "method_levels_h": {"de": "Stufen", "en": "Levels"},
    "method_levels": {
        "de": "Die Stufe ist die höchste Stufe, deren Mindestpunktzahl erreicht ist:",
        "en": "The level is the highest level whose minimum score is reached:",
    },
    "min_score": {"de": "ab Punkten", "en": "from score"},
    "description": {"de": "Beschreibung", "en": "Description"},
    "method_weights_h": {"de": "Gewichte", "en": "Weights"},
    "method_weights": {
        "de": "Summe der Fragengewichte je Dimension in diesem Fragebogen (für Ihre Größenklasse angezeigte Fragen):",
        "en": "Sum of question weights per dimension in this questionnaire (questions shown for your size class):",
    },
    "questions_n": {"de": "Fragen", "en": "Questions"},
    "weight_sum": {"de": "Gewichtssumme", "en": "Total weight"},
    "method_steps_h": {"de": "Nächste Schritte", "en": "Next steps"},
    "method_steps": {
        "de": "Für jede Frage wird die Antwort auf die nächstbessere Option gesetzt und neu gerechnet; die Änderung "
        "des Gesamtergebnisses ist genau die Wirkung des Schritts, nach ihr sind die Schritte geordnet. "
        "Verursacht ein Energieträger oder ein Scope mindestens 30 % Ihrer Emissionen, steht ein Schritt dazu "
        "unter den ersten drei. Schritte, deren Voraussetzung eine andere Antwort widerspricht, werden nicht "
        "vorgeschlagen.",
        "en": "For every question the answer is set to the next better option and the score is calculated again; the "
        "change of the overall result is exactly the step's effect, and the steps are ordered by it. When an "
        "energy carrier or a scope causes at least 30 % of your emissions, a step addressing it is among the "
        "first three. Steps whose premise contradicts another answer are not proposed.",
    },
    "method_kpis_h": {"de": "Kennzahlen", "en": "Key figures"},
    "method_kpis": {
        "de": "Verbräuche werden mit Heizwerten in MWh umgerechnet und mit den Emissionsfaktoren der Tabelle {table} "
        "multipliziert (Quelle und Jahr je Faktor in der Kennzahlentabelle). Intensitäten beziehen die "
        "Emissionen aus Scope 1 und Scope 2 (standortbasiert) auf Beschäftigte und Umsatz.",
        "en": "Consumption figures are converted to MWh with calorific values and multiplied by the emission factors "
        "of table {table} (source and year of each factor in the key-figure table). Intensities relate Scope 1 "
        "plus location-based Scope 2 emissions to employees and turnover.",
    },
    "method_cohort_h": {"de": "Vergleichswerte", "en": "Benchmarks"},
    "method_cohort": {
        "de": "Vergleichswerte sind anonyme Kennzahlen der Vergleichsgruppe (Median, Quartile). Gruppen mit weniger "
        "als {min} Unternehmen werden nie gezeigt.",
        "en": "Benchmarks are anonymous statistics of the comparison group (median, quartiles). Groups with fewer "
        "than {min} companies are never shown.",
    },
    "generated_by": {
        "de": "Erstellt mit dem SME Sustainability Toolkit {version}.",
        "en": "Generated with the SME Sustainability Toolkit {version}.",
    },
    # the glossary of the owner's part: a term and its explanation
    "glossary.level": {"de": "Stufe 0 bis 4", "en": "Level 0 to 4"},
    "glossary.level_text": {
        "de": "wie weit eine Praxis in Ihrem Unternehmen entwickelt ist, von „{l0}“ bis „{l4}“. Die Punkte (0 bis "
        "100) bestimmen die Stufe.",
        "en": "how far a practice is developed in your company, from “{l0}” to “{l4}”. The score (0 to 100) decides "
        "the level.",
    },
    "glossary.completeness": {"de": "Vollständigkeit", "en": "Completeness"},
    "glossary.completeness_text": {
        "de": "Anteil der für Sie geltenden Fragen, die beantwortet sind. Offene Fragen zählen mit 0 Punkten.",
        "en": "the share of the questions that apply to you which are answered. Open questions count 0 points.",
    },
    "glossary.provisional": {"de": "vorläufig", "en": "provisional"},
    "glossary.provisional_text": {
        "de": "Es ist weniger als {pct} beantwortet; mit jeder Antwort wird das Ergebnis belastbarer.",
        "en": "less than {pct} is answered; every answer makes the result more reliable.",
    },
    "glossary.median": {"de": "Median, mittlere Hälfte", "en": "Median, middle half"},
    "glossary.median_text": {
        "de": "Die Hälfte der Vergleichsgruppe liegt über dem Median, die Hälfte darunter; in der mittleren Hälfte "
        "(grauer Balken) liegen die mittleren 50 % der Unternehmen.",
        "en": "half of the comparison group lies above the median, half below; the middle half (grey band) holds the "
        "middle 50% of the companies.",
    },
    "glossary.mwh": {"de": "MWh", "en": "MWh"},
    "glossary.mwh_text": {
        "de": "Megawattstunde = 1.000 Kilowattstunden (kWh).",
        "en": "megawatt hour = 1,000 kilowatt hours (kWh).",
    },
    "glossary.co2e": {"de": "CO₂e", "en": "CO₂e"},
    "glossary.co2e_text": {
        "de": "alle Treibhausgase, umgerechnet in die Menge CO₂ mit derselben Wirkung aufs Klima.",
        "en": "all greenhouse gases, converted into the amount of CO₂ with the same effect on the climate.",
    },
    "glossary.scope1": {"de": "Scope 1", "en": "Scope 1"},
    "glossary.scope1_text": {
        "de": "was Sie selbst verbrennen: Heizöl, Erdgas, Diesel und Benzin in Heizung, Maschinen und Fahrzeugen.",
        "en": "what you burn yourself: heating oil, natural gas, diesel and petrol in heating, machines and vehicles.",
    },
    "glossary.scope2": {"de": "Scope 2", "en": "Scope 2"},
    "glossary.scope2_text": {
        "de": "was bei der Erzeugung des Stroms und der Fernwärme entsteht, die Sie einkaufen.",
        "en": "what arises when the electricity and district heat you buy are produced.",
    },
    "glossary.scope3": {"de": "Scope 3", "en": "Scope 3"},
    "glossary.scope3_text": {
        "de": "alle übrigen Emissionen entlang Ihrer Lieferkette: Einkäufe, Transporte, Dienstreisen, Pendeln, "
        "Entsorgung.",
        "en": "all other emissions along your value chain: purchases, transport, business travel, commuting, disposal.",
    },
    "glossary.ghg_protocol": {"de": "GHG Protocol", "en": "GHG Protocol"},
    "glossary.ghg_protocol_text": {
        "de": "der international übliche Standard, nach dem Treibhausgasbilanzen gerechnet werden.",
        "en": "the internationally used standard for calculating greenhouse gas inventories.",
    },
    "glossary.vsme": {"de": "VSME", "en": "VSME"},
    "glossary.vsme_text": {
        "de": "freiwilliger EU-Berichtsstandard für kleine und mittlere Unternehmen; Banken und Kunden fragen "
        "zunehmend danach.",
        "en": "the EU's voluntary reporting standard for small and medium-sized companies; banks and customers "
        "increasingly ask for it.",
    },
    "glossary.iso": {"de": "ISO-Normen, EMAS", "en": "ISO standards, EMAS"},
    "glossary.iso_text": {
        "de": "anerkannte Regeln für Managementsysteme (Umwelt, Energie, Arbeitsschutz), die sich von einer "
        "Prüfstelle zertifizieren lassen.",
        "en": "recognised rules for management systems (environment, energy, health and safety) that an auditor can "
        "certify.",
    },
    "glossary.csr_check": {"de": "CSR Risiko-Check", "en": "CSR Risk Check"},
    "glossary.csr_check_text": {
        "de": "kostenloses Online-Werkzeug, das für Länder und Produktgruppen typische Umwelt- und "
        "Menschenrechtsrisiken zeigt.",
        "en": "a free online tool that shows the environmental and human-rights risks typical of countries and "
        "product groups.",
    },
    "glossary.base_year": {"de": "Basisjahr", "en": "Base year"},
    "glossary.base_year_text": {
        "de": "das Jahr, mit dem Sie spätere Jahre vergleichen.",
        "en": "the year you compare later years with.",
    },
    "glossary.npv": {"de": "Kapitalwert", "en": "Net present value"},
    "glossary.npv_text": {
        "de": "was eine Investition über ihre ganze Laufzeit einbringt, in heutiges Geld umgerechnet.",
        "en": "what an investment earns over its whole lifetime, converted into today's money.",
    },
}
