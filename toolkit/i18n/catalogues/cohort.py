"""Texts of the cohort views, the facilitator workbook and the network report."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "cohort_report": {"de": "Netzwerkbericht", "en": "Network report"},
    "cohort_subtitle": {
        "de": "Anonyme Auswertung der Nachhaltigkeits-Selbsteinschätzungen",
        "en": "Anonymous evaluation of the sustainability self-assessments",
    },
    "network": {"de": "Netzwerk", "en": "Network"},
    "region": {"de": "Region", "en": "Region"},
    "sector": {"de": "Branche (NACE)", "en": "Sector (NACE)"},
    "size_class": {"de": "Größenklasse", "en": "Size class"},
    "round": {"de": "Runde", "en": "Round"},
    "all": {"de": "Alle", "en": "All"},
    "all_companies": {"de": "alle Unternehmen", "en": "all companies"},
    "unknown": {"de": "unbekannt", "en": "unknown"},
    "n": {"de": "Anzahl (n)", "en": "Count (n)"},
    "n_companies": {"de": "Unternehmen", "en": "Companies"},
    "median": {"de": "Median", "en": "Median"},
    "q1": {"de": "1. Quartil", "en": "1st quartile"},
    "q3": {"de": "3. Quartil", "en": "3rd quartile"},
    "mean": {"de": "Mittelwert", "en": "Mean"},
    "metric": {"de": "Kennzahl", "en": "Measure"},
    "score": {"de": "Punkte (0-100)", "en": "Score (0-100)"},
    "overall": {"de": "Gesamt", "en": "Overall"},
    "completeness": {"de": "Vollständigkeit", "en": "Completeness"},
    "contradictions": {"de": "Widersprüche je Unternehmen", "en": "Contradictions per company"},
    "unevidenced": {"de": "Angaben ohne Nachweis je Unternehmen", "en": "Claims without evidence per company"},
    "suppressed_small": {"de": "n < {k}", "en": "n < {k}"},
    "suppressed_complementary": {"de": "geschützt", "en": "withheld"},
    "suppression_note": {
        "de": "Gruppen mit weniger als {k} Unternehmen werden nicht gezeigt (»n < {k}«). Damit sich ihre Werte nicht "
        "aus Summen und Differenzen anderer Zahlen errechnen lassen, werden bei Bedarf weitere Gruppen "
        "zurückgehalten (»geschützt«).",
        "en": "Groups of fewer than {k} companies are not shown ('n < {k}'). So that their figures cannot be worked "
        "out from sums and differences of other figures, further groups are withheld where needed ('withheld').",
    },
    "distribution": {"de": "Verteilung der Punktwerte", "en": "Distribution of scores"},
    "by_network": {"de": "nach Netzwerk", "en": "by network"},
    "by_sector": {"de": "nach Branche", "en": "by sector"},
    "by_size": {"de": "nach Größenklasse", "en": "by size class"},
    "yoy": {"de": "Veränderung zum Vorjahr", "en": "Change over the previous year"},
    "yoy_change": {"de": "Veränderung (Punkte)", "en": "Change (points)"},
    "paired": {"de": "in beiden Runden", "en": "in both rounds"},
    "improved_share": {"de": "Anteil verbessert", "en": "Share improved"},
    "agenda": {"de": "Verbesserungsagenda des Netzwerks", "en": "The network's improvement agenda"},
    "agenda_intro": {
        "de": "Die zehn Fragen, bei denen das Netzwerk im Gesamtwert am meisten gewinnt, wenn jedes Unternehmen mit "
        "einer Lücke dort seinen nächsten Schritt geht, jeweils mit einem Vorschlag für ein gemeinsames "
        "Workshop-Thema.",
        "en": "The ten questions on which the network gains most on the overall score if every company with a gap "
        "there takes its next step, each with a suggested topic for a joint workshop.",
    },
    "question_topic": {"de": "Frage und Workshop-Vorschlag", "en": "Question and suggested workshop"},
    "workshop": {"de": "Workshop", "en": "Workshop"},
    "dnk_short": {"de": "DNK\u2011Kriterium\u00a0{n}", "en": "DNK criterion\u00a0{n}"},
    "share_gap": {"de": "% der Unternehmen mit Lücke", "en": "% of companies with a gap"},
    "share_gap_short": {"de": "{pct} mit Lücke", "en": "{pct} with a gap"},
    "group_gain": {"de": "Gewinn im Ø Gesamtwert (Punkte)", "en": "Gain in the mean overall score (points)"},
    "agenda_note": {
        "de": "Lücke: Die Frage ist noch offen oder nicht bestmöglich beantwortet; der Anteil bezieht sich auf die "
        "Unternehmen, für die die Frage gilt (in Klammern: Anzahl). Gewinn: um so viele Punkte (0–100) stiege "
        "der mittlere Gesamtwert der Gruppe, wenn jedes dieser Unternehmen seinen nächsten Schritt bei dieser "
        "Frage ginge; danach ist die Liste geordnet.",
        "en": "Gap: the question is still open or not answered at its best; the share refers to the companies the "
        "question applies to (in brackets: their number). Gain: the group's mean overall score (0–100) would "
        "rise by this many points if each of these companies took its next step on this question; the list is "
        "ranked by it.",
    },
    "question": {"de": "Frage", "en": "Question"},
    "kpis": {"de": "Kennzahlen", "en": "Key figures"},
    "total_mwh": {"de": "Energieverbrauch (MWh)", "en": "Energy use (MWh)"},
    "renewable_share": {"de": "Anteil erneuerbar (%)", "en": "Renewable share (%)"},
    "scope1_t": {"de": "Scope 1 (t CO₂e)", "en": "Scope 1 (t CO₂e)"},
    "scope2_location_t": {"de": "Scope 2 standortbasiert (t CO₂e)", "en": "Scope 2 location-based (t CO₂e)"},
    "t_per_employee": {"de": "t CO₂e je Beschäftigten", "en": "t CO₂e per employee"},
    "t_per_meur": {"de": "t CO₂e je Mio. EUR Umsatz", "en": "t CO₂e per EUR million turnover"},
    "overview": {"de": "Überblick", "en": "Overview"},
    "participants": {"de": "Teilnehmende Unternehmen", "en": "Participating companies"},
    "method": {"de": "Methode", "en": "Method"},
    "method_text": {
        "de": "Jede Dimension wird von 0 bis 100 Punkten bewertet. Gezeigt werden Median, 1. und 3. Quartil (Kasten) "
        "und 10. bis 90. Perzentil (Linien). Einzelwerte werden nicht gezeigt. Die Veränderung zum Vorjahr "
        "vergleicht nur Unternehmen, die in beiden Runden teilgenommen haben.",
        "en": "Each dimension is scored from 0 to 100. Shown are the median, the 1st and 3rd quartile (box) and the "
        "10th to 90th percentile (lines). No individual values are shown. The change over the previous year "
        "compares only companies that took part in both rounds.",
    },
    "quantile_rule": {
        "de": "Median und Quartile werden nur für Gruppen mit mindestens {q} Unternehmen gezeigt, das 10. und 90. "
        "Perzentil nur für Gruppen mit mindestens {t} Unternehmen; kleinster und größter Wert nie. In kleineren "
        "Gruppen ließen sich aus diesen Kennzahlen die Werte einzelner Unternehmen errechnen.",
        "en": "The median and quartiles are shown only for groups of at least {q} companies, the 10th and 90th "
        "percentile only for groups of at least {t} companies; the smallest and largest value never. In smaller "
        "groups, these figures would give away single companies' values.",
    },
    "no_data": {"de": "Keine Daten", "en": "No data"},
    "invalid_files": {"de": "Nicht lesbare Dateien", "en": "Files that could not be read"},
    "page": {"de": "Seite", "en": "Page"},
    "hidden_groups": {
        "de": "Nicht gezeigt (weniger als {k} Unternehmen oder zum Schutz kleiner Gruppen): {groups}.",
        "en": "Not shown (fewer than {k} companies, or withheld to protect small groups): {groups}.",
    },
    "no_shown_groups": {
        "de": "Keine Gruppe ist groß genug, um gezeigt zu werden.",
        "en": "No group is large enough to be shown.",
    },
    "questionnaire": {"de": "Fragebogen", "en": "Questionnaire"},
    "date": {"de": "Berichtsdatum", "en": "Report date"},
    "contents": {"de": "Inhalt", "en": "Contents"},
    "min_group": {"de": "Mindestgruppengröße", "en": "Minimum group size"},
    "aggregates_only": {
        "de": "Dieser Bericht enthält nur anonyme Gesamtwerte von Gruppen mit mindestens {k} Unternehmen: keine "
        "Namen, keine Kennungen, keine Einzelantworten.",
        "en": "This report contains only anonymous aggregates of groups of at least {k} companies: no names, no ids, "
        "no single answers.",
    },
    "kicker_overview": {"de": "Teilnahme", "en": "Participation"},
    "overview_lead": {
        "de": "Wie viele Unternehmen je Netzwerk und Runde teilgenommen haben, und wo alle Unternehmen zusammen in "
        "jeder Runde stehen. Die Netzwerke im Einzelnen folgen auf der nächsten Seite.",
        "en": "How many companies took part per network and round, and where all companies together stand in each "
        "round. The networks one by one follow on the next page.",
    },
    "rounds_table": {"de": "Alle Unternehmen je Runde", "en": "All companies per round"},
    "rounds_note": {
        "de": "Median (1.–3. Quartil) der Punktwerte 0–100. Alle Unternehmen der Runde, auch die Netzwerke mit "
        "weniger als {k} Unternehmen.",
        "en": "Median (1st–3rd quartile) of the scores 0–100. All companies of the round, including networks of fewer "
        "than {k} companies.",
    },
    "kicker_distribution": {"de": "Vergleich", "en": "Comparison"},
    "by_network_title": {"de": "Netzwerke im Vergleich", "en": "Networks compared"},
    "by_network_lead": {
        "de": "Verteilung der Punktwerte in den drei Kerndimensionen je Netzwerk.",
        "en": "Distribution of the scores in the three core dimensions per network.",
    },
    "by_sector_title": {"de": "Branchen im Vergleich", "en": "Sectors compared"},
    "by_sector_lead": {
        "de": "Verteilung der Punktwerte je Branche (NACE-Abschnitt) über alle Netzwerke.",
        "en": "Distribution of the scores per sector (NACE section) across all networks.",
    },
    "by_size_title": {"de": "Größenklassen im Vergleich", "en": "Size classes compared"},
    "by_size_lead": {
        "de": "Verteilung der Punktwerte nach VSME-Größenklasse über alle Netzwerke.",
        "en": "Distribution of the scores per VSME size class across all networks.",
    },
    "table_note": {
        "de": "Median (1.–3. Quartil), Runde {round}. »n < {k}«: zu kleine Gruppe; »geschützt«: zurückgehalten, damit "
        "sich kleine Gruppen nicht errechnen lassen.",
        "en": "Median (1st–3rd quartile), round {round}. 'n < {k}': group too small; 'withheld': held back so that "
        "small groups cannot be worked out.",
    },
    "box_caption": {
        "de": "Runde {round}. Kasten: 1. bis 3. Quartil; durchgezogene Linie im Kasten: Median; gestrichelte Linie: "
        "Mittelwert; Linien außerhalb: 10. bis 90. Perzentil (nur bei Gruppen ab {t} Unternehmen).",
        "en": "Round {round}. Box: 1st to 3rd quartile; solid line in the box: median; dashed line: mean; lines "
        "outside: 10th to 90th percentile (only for groups of {t} companies or more).",
    },
    "kicker_yoy": {"de": "Entwicklung", "en": "Progress"},
    "yoy_lead": {
        "de": "Veränderung der Punktwerte von {rounds} bei den Unternehmen, die in beiden Runden teilgenommen haben.",
        "en": "Change in scores from {rounds} for the companies that took part in both rounds.",
    },
    "yoy_caption": {
        "de": "Veränderung in Punkten; über null: verbessert. Kasten: 1. bis 3. Quartil; Linien: 10. bis 90. "
        "Perzentil (nur bei Gruppen ab {t} Unternehmen).",
        "en": "Change in points; above zero: improved. Box: 1st to 3rd quartile; lines: 10th to 90th percentile (only "
        "for groups of {t} companies or more).",
    },
    "yoy_table": {"de": "Gesamtergebnis: Veränderung je Netzwerk", "en": "Overall result: change per network"},
    "median_change": {"de": "Median der Veränderung", "en": "Median change"},
    "yoy_note": {
        "de": "Gepaart über die Unternehmenskennung; neu hinzugekommene oder ausgeschiedene Unternehmen zählen nicht.",
        "en": "Paired by company id; companies that joined or left are not counted.",
    },
    "kicker_agenda": {"de": "Agenda", "en": "Agenda"},
    "agenda_caption": {
        "de": "Runde {round}: Anstieg des mittleren Gesamtwerts aller Unternehmen (Punkte), wenn jedes Unternehmen "
        "mit Lücke bei der Frage seinen nächsten Schritt geht; an den Balken: Anteil der Unternehmen mit Lücke.",
        "en": "Round {round}: rise of all companies' mean overall score (points) if every company with a gap on the "
        "question takes its next step; on the bars: the share of companies with a gap.",
    },
    "all_networks": {"de": "Alle Netzwerke", "en": "All networks"},
    "agenda_suppressed": {
        "de": "Weniger als {k} Unternehmen: keine Agenda, damit niemand erkennbar wird.",
        "en": "Fewer than {k} companies: no agenda, so that nobody can be identified.",
    },
    "agenda_withheld": {
        "de": "Zurückgehalten: Zusammen mit den übrigen Agenden ließen sich sonst die Zahlen einer Gruppe mit weniger "
        "als {k} Unternehmen errechnen.",
        "en": "Withheld: together with the other agendas, it would give away the figures of a group of fewer than {k} "
        "companies.",
    },
    "kicker_method": {"de": "Anhang", "en": "Appendix"},
    "complementary_text": {
        "de": "Wird eine Gruppe unterdrückt, deren Gesamtgruppe gezeigt wird (z. B. eine Branche eines Netzwerks), "
        "wird mindestens eine weitere Gruppe derselben Gesamtgruppe zurückgehalten, bis die zurückgehaltenen "
        "Gruppen zusammen mindestens die Mindestgröße erreichen. Eine abschließende Prüfung stellt sicher, dass "
        "sich keine zurückgehaltene Zahl aus Summen und Differenzen der gezeigten Zahlen errechnen lässt.",
        "en": "When a group is suppressed whose total is shown (e.g. one sector of a network), at least one more "
        "group of the same total is withheld, until the withheld groups together reach the minimum size. A "
        "final check makes sure that no withheld figure can be worked out from sums and differences of the "
        "shown ones.",
    },
    "agenda_method": {
        "de": "Verbesserungsagenda: je Frage der Anteil der Unternehmen mit Lücke (noch offen oder nicht bestmöglich "
        "beantwortet) und die genaue Wirkung ihres jeweils nächsten Schritts auf den Gesamtwert, summiert und "
        "durch die Zahl der Unternehmen der Gruppe geteilt; danach ist die Liste geordnet. Der "
        "Workshop-Vorschlag kommt aus dem Fragebogen. Die Agenden sind wie alle Tabellen geschützt: Eine Frage "
        "steht nur in der Liste einer Gruppe, wenn mindestens {k} Unternehmen der Gruppe sie beantwortet haben "
        "und sich ihre Zahlen auch nicht mit anderen Listen oder Tabellen auf weniger als {k} Unternehmen "
        "zurückrechnen lassen.",
        "en": "Improvement agenda: per question the share of companies with a gap (still open or not answered at its "
        "best) and the exact effect of each one's next step on the overall score, summed and divided by the "
        "number of companies of the group; the list is ranked by it. The suggested workshop comes from the "
        "questionnaire. The agendas are protected like every table: a question is listed for a group only when "
        "at least {k} companies of the group answered it and its figures cannot be narrowed down to fewer than "
        "{k} companies with other lists or tables.",
    },
    "wb_overview_note": {
        "de": "Median der Punktwerte (0–100): Die Hälfte der Unternehmen liegt darüber, die Hälfte darunter. "
        "Gesamtwert: Mittel der drei Kerndimensionen.",
        "en": "Median of the scores (0–100): half of the companies are above it, half below. Overall score: the mean "
        "of the three core dimensions.",
    },
    "wb_status_note": {
        "de": "»{small}«: weniger als {k} Unternehmen, nicht gezeigt. »{withheld}«: zurückgehalten, damit sich kleine "
        "Gruppen nicht aus Summen und Differenzen anderer Zahlen errechnen lassen.",
        "en": "'{small}': fewer than {k} companies, not shown. '{withheld}': held back so that small groups cannot be "
        "worked out from sums and differences of other figures.",
    },
    "wb_sheets_note": {
        "de": "Alle Tabellen folgen auf den Blättern »{prefix}…«. Für Auswertungen mit Skripten: die Ordner "
        "cohort_csv und cohort_parquet mit maschinenlesbaren Spaltennamen.",
        "en": "All tables follow on the sheets '{prefix}…'. For analyses with scripts: the folders cohort_csv and "
        "cohort_parquet with machine-readable column names.",
    },
    "wb_agenda_note": {
        "de": "Geordnet nach dem Gewinn im Gesamtwert, wenn jedes Unternehmen mit Lücke seinen nächsten Schritt geht. "
        "Lücke: noch offen oder nicht bestmöglich beantwortet.",
        "en": "Ranked by the gain on the overall score if every company with a gap takes its next step. Gap: still "
        "open or not answered at its best.",
    },
    "wb_agenda_empty": {
        "de": "Keine Agenda: Die Gruppe hat weniger als {k} Unternehmen oder ist zurückgehalten, damit sich die "
        "Zahlen einer kleinen Gruppe nicht errechnen lassen.",
        "en": "No agenda: the group has fewer than {k} companies, or it is withheld so that the figures of a small "
        "group cannot be worked out.",
    },
    "cli_load": {"de": "Antworten laden und bewerten ({n} Dateien)", "en": "loading and scoring responses ({n} files)"},
    "cli_protect": {
        "de": "kleine Gruppen schützen (Mindestgröße {k})",
        "en": "protecting small groups (minimum group size {k})",
    },
    "cli_tables": {
        "de": "Tabellen berechnen (Gruppen, Vorjahr, Agenda)",
        "en": "building tables (groups, change over the previous year, agenda)",
    },
    "cli_write": {
        "de": "Arbeitsmappe, CSV, Parquet und Vergleichswerte schreiben",
        "en": "writing the workbook, CSV, Parquet and the cohort summary",
    },
    "cli_execute": {"de": "Netzwerkbericht: Notebook ausführen", "en": "network report: running the notebook"},
    "cli_pdf": {
        "de": "Netzwerkbericht: Seiten setzen und PDF drucken",
        "en": "network report: laying out and printing the PDF",
    },
    "cli_skipped": {"de": "übersprungen: {path}: {error}", "en": "skipped: {path}: {error}"},
    "cli_done": {
        "de": "Fertig: {answers} Antworten von {companies} Unternehmen (Runden {rounds}), {skipped} Datei(en) "
        "übersprungen.",
        "en": "Done: {answers} responses of {companies} companies (rounds {rounds}), {skipped} file(s) skipped.",
    },
    "cli_folder": {"de": "Ordner", "en": "Folder"},
    "cli_workbook": {"de": "Arbeitsmappe", "en": "Workbook"},
    "cli_workbook_hint": {"de": "öffnet mit »Übersicht«", "en": "opens on 'Overview'"},
    "cli_report": {"de": "Netzwerkbericht", "en": "Network report"},
    "cli_summary": {"de": "Vergleichswerte", "en": "Cohort summary"},
    "cli_summary_hint": {"de": "für toolkit report --cohort", "en": "for toolkit report --cohort"},
    "cli_scripts": {"de": "Für Skripte", "en": "For scripts"},
    "cli_scripts_value": {
        "de": "{csv}/ und {parquet}/ ({n} Tabellen, maschinenlesbare Spalten)",
        "en": "{csv}/ and {parquet}/ ({n} tables, machine-readable columns)",
    },
    "cli_groups": {"de": "Gruppen", "en": "Groups"},
    "cli_groups_value": {
        "de": "{shown} gezeigt, {small} zu klein (n < {k}), {withheld} geschützt",
        "en": "{shown} shown, {small} too small (n < {k}), {withheld} withheld",
    },
    "cli_confidential": {"de": "Nur für Sie", "en": "For you only"},
    "invalid_note": {
        "de": "{n} Antwortdatei(en) konnten nicht gelesen werden und sind nicht enthalten.",
        "en": "{n} response file(s) could not be read and are not included.",
    },
    # programme impact (round over round)
    "impact.kicker": {"de": "Wirkung", "en": "Impact"},
    "impact.title": {"de": "Programmwirkung", "en": "Programme impact"},
    "impact.lead": {
        "de": "Was die Unternehmen sich in Runde {a} vorgenommen und bis Runde {b} umgesetzt haben, und wie sich ihre "
        "Ergebnisse verändert haben. Gezählt werden nur Unternehmen, die an beiden Runden teilnahmen.",
        "en": "What the companies set out to do in round {a} and had done by round {b}, and how their results "
        "changed. Only companies that took part in both rounds are counted.",
    },
    "impact.actions_table": {"de": "Maßnahmen je Netzwerk ({rounds})", "en": "Actions per network ({rounds})"},
    "impact.themes_table": {
        "de": "Maßnahmen nach Thema, alle Netzwerke ({rounds})",
        "en": "Actions by topic, all networks ({rounds})",
    },
    "impact.changes_table": {
        "de": "Veränderung je Netzwerk: Median ({rounds})",
        "en": "Change per network: median ({rounds})",
    },
    "impact.network": {"de": "Netzwerk", "en": "Network"},
    "impact.theme": {"de": "Thema", "en": "Topic"},
    "impact.with_plan": {"de": "Unternehmen mit Plan", "en": "Companies with a plan"},
    "impact.planned": {"de": "geplant", "en": "planned"},
    "impact.done": {"de": "erledigt", "en": "done"},
    "impact.dropped": {"de": "verworfen", "en": "dropped"},
    "impact.done_share": {"de": "Anteil erledigt", "en": "Share done"},
    "impact.paired": {"de": "n", "en": "n"},
    "impact.scope12": {"de": "Scope 1+2 (t CO₂e)", "en": "Scope 1+2 (t CO₂e)"},
    "impact.all_networks": {"de": "Alle Netzwerke", "en": "All networks"},
    "impact.other": {"de": "übrige Themen", "en": "other topics"},
    "impact.note": {
        "de": "Maßnahmen: in der früheren Runde geplant, ihr Stand in der späteren (Summen über die Unternehmen mit "
        "Maßnahmenplan). Veränderungen: Median über die Unternehmen in beiden Runden; Scope 1+2 "
        "standortbasiert. Gruppen unter {k} Unternehmen und Gruppen, aus denen sich kleinere errechnen ließen, "
        "werden nicht gezeigt.",
        "en": "Actions: planned in the earlier round, their status in the later one (totals over the companies with "
        "an action plan). Changes: median over the companies in both rounds; Scope 1+2 location-based. Groups "
        "under {k} companies and groups from which smaller ones could be worked out are not shown.",
    },
    "impact.none": {
        "de": "In der früheren Runde hat noch kein Unternehmen Maßnahmen geplant.",
        "en": "No company planned actions in the earlier round yet.",
    },
    "impact.actions_planned": {"de": "Maßnahmen geplant", "en": "Actions planned"},
    "impact.actions_done": {"de": "Maßnahmen erledigt", "en": "Actions done"},
    "impact.actions_dropped": {"de": "Maßnahmen verworfen", "en": "Actions dropped"},
    "impact.scope12_change": {"de": "Scope 1+2: Veränderung (t CO₂e)", "en": "Scope 1+2: change (t CO₂e)"},
    "impact.workbook_note": {
        "de": "Nur Unternehmen, die an beiden Runden teilnahmen. Maßnahmen: in der früheren Runde geplant, Stand in "
        "der späteren; Summen über die Unternehmen mit Maßnahmenplan. Veränderungen: Median und Quartile, nie Summen.",
        "en": "Only companies that took part in both rounds. Actions: planned in the earlier round, status in the "
        "later one; totals over the companies with an action plan. Changes: median and quartiles, never sums.",
    },
    # the cooperation exchange's suggestions (matches.json, matches.csv)
    "match.service": {
        "de": "{n} Unternehmen möchten {entry} gemeinsam angehen: {who}.",
        "en": "{n} companies want to take on {entry} together: {who}.",
    },
    "match.offer_need": {
        "de": "{company} sucht {entry}; angeboten von {who}.",
        "en": "{company} needs {entry}; offered by {who}.",
    },
    "match.gap": {
        "de": "{n} Unternehmen haben {topic} unter ihren ersten {steps} nächsten Schritten: {who}.",
        "en": "{n} companies have {topic} among their first {steps} next steps: {who}.",
    },
    "match.kind_offer_need": {"de": "Angebot trifft Bedarf", "en": "offer meets need"},
    "match.kind_service": {"de": "gemeinsames Vorhaben", "en": "shared service"},
    "match.kind_gap": {"de": "gemeinsames Workshop-Thema", "en": "joint workshop topic"},
    "match.column_network": {"de": "Netzwerk", "en": "Network"},
    "match.column_kind": {"de": "Art", "en": "Kind"},
    "match.column_entry": {"de": "Eintrag", "en": "Entry"},
    "match.column_companies": {"de": "Unternehmen", "en": "Companies"},
    "match.column_names": {"de": "Namen", "en": "Names"},
    "match.column_reason": {"de": "Begründung", "en": "Reason"},
    # NACE sections (Rev. 2), short names for labels
    "sector.A": {"de": "Land- und Forstwirtschaft", "en": "Agriculture and forestry"},
    "sector.B": {"de": "Bergbau", "en": "Mining"},
    "sector.C": {"de": "Verarbeitendes Gewerbe", "en": "Manufacturing"},
    "sector.D": {"de": "Energieversorgung", "en": "Energy supply"},
    "sector.E": {"de": "Wasser und Entsorgung", "en": "Water and waste"},
    "sector.F": {"de": "Baugewerbe", "en": "Construction"},
    "sector.G": {"de": "Handel", "en": "Trade"},
    "sector.H": {"de": "Verkehr und Lagerei", "en": "Transport and storage"},
    "sector.I": {"de": "Gastgewerbe", "en": "Hospitality"},
    "sector.J": {"de": "Information und Kommunikation", "en": "Information and communication"},
    "sector.K": {"de": "Finanzdienstleistungen", "en": "Finance"},
    "sector.L": {"de": "Grundstücks- und Wohnungswesen", "en": "Real estate"},
    "sector.M": {"de": "Freiberufliche und technische Dienstleistungen", "en": "Professional services"},
    "sector.N": {"de": "Sonstige wirtschaftliche Dienstleistungen", "en": "Administrative services"},
    "sector.P": {"de": "Erziehung und Unterricht", "en": "Education"},
    "sector.Q": {"de": "Gesundheits- und Sozialwesen", "en": "Health and social work"},
    "sector.R": {"de": "Kunst, Unterhaltung und Erholung", "en": "Arts and recreation"},
    "sector.S": {"de": "Sonstige Dienstleistungen", "en": "Other services"},
    # NACE sections, shortest names for chart axes
    "sector_short.A": {"de": "Landwirtschaft", "en": "Agriculture"},
    "sector_short.C": {"de": "Produktion", "en": "Manufacturing"},
    "sector_short.F": {"de": "Bau", "en": "Construction"},
    "sector_short.G": {"de": "Handel", "en": "Trade"},
    "sector_short.H": {"de": "Logistik", "en": "Transport"},
    "sector_short.I": {"de": "Gastgewerbe", "en": "Hospitality"},
    "sector_short.J": {"de": "IT", "en": "IT"},
    "sector_short.M": {"de": "Dienstleister", "en": "Prof. services"},
    "sector_short.N": {"de": "Sonst. DL", "en": "Admin. services"},
    "sector_short.Q": {"de": "Gesundheit", "en": "Health"},
    "sector_short.S": {"de": "Sonstige", "en": "Other services"},
}
