"""Texts of the assessment form and the workshop app."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"de": "Nachhaltigkeits-Check", "en": "Sustainability check"},
    "language": {"de": "Sprache", "en": "Language"},
    "profile": {"de": "Unternehmensprofil", "en": "Company profile"},
    "criterion": {"de": "Kriterium", "en": "Criterion"},
    "previous": {"de": "‹ Zurück", "en": "‹ Previous"},
    "next": {"de": "Weiter ›", "en": "Next ›"},
    "of": {"de": "von", "en": "of"},
    "contents": {"de": "Inhalt", "en": "Contents"},
    "progress_contents": {"de": "Fortschritt & Inhalt", "en": "Progress & contents"},
    "show_contents": {"de": "Fortschritt und Inhalt aufklappen", "en": "Show progress and contents"},
    "hide_contents": {"de": "Fortschritt und Inhalt zuklappen", "en": "Hide progress and contents"},
    "references": {"de": "ⓘ Bezug zu Standards", "en": "ⓘ Related standards"},
    "no_questions_here": {
        "de": "Für Ihr Unternehmen gibt es bei diesem Kriterium derzeit keine Fragen.",
        "en": "There are currently no questions on this criterion for your company.",
    },
    "progress": {"de": "Fortschritt", "en": "Progress"},
    "answered_of": {"de": "{done} von {total} Fragen beantwortet", "en": "{done} of {total} questions answered"},
    "live_scores": {"de": "Zwischenstand", "en": "Current standing"},
    "not_scored_yet": {"de": "noch keine Antworten", "en": "no answers yet"},
    "provisional": {"de": "vorläufig", "en": "provisional"},
    "evidence": {"de": "Nachweis", "en": "Evidence"},
    "evidence_optional": {
        "de": "(freiwillig; Ihre Antwort ist auch ohne Nachweis gespeichert)",
        "en": "(optional; your answer is saved without it too)",
    },
    "evidence_placeholder": {
        "de": "Kurze Notiz oder Dokumentverweis, z. B. Zertifikatsnummer",
        "en": "Short note or document reference, e.g. certificate number",
    },
    "evidence_missing": {"de": "Nachweis fehlt noch: {prompt}", "en": "Evidence still missing: {prompt}"},
    "findings_title": {"de": "Hinweise zu Ihren Angaben", "en": "Notes on your answers"},
    "findings_count": {
        "de": "{contradictions} Widersprüche, {unevidenced} Angaben ohne Nachweis",
        "en": "{contradictions} contradictions, {unevidenced} claims without evidence",
    },
    "level": {"de": "Stufe", "en": "Level"},
    "saved_at": {"de": "Alle Änderungen gespeichert ({time})", "en": "All changes saved ({time})"},
    "autosave_hint": {
        "de": "Ihre Antworten werden bei jeder Änderung automatisch gespeichert.",
        "en": "Your answers are saved automatically on every change.",
    },
    "saving": {"de": "Wird gespeichert …", "en": "Saving …"},
    "not_saved_invalid": {
        "de": "Nicht gespeichert: bitte die markierte Eingabe korrigieren.",
        "en": "Not saved: please correct the marked entry.",
    },
    "save_failed": {
        "de": "Speichern fehlgeschlagen: {error}. Ihre letzte gültige Antwort ist erhalten.",
        "en": "Saving failed: {error}. Your last valid answer is kept.",
    },
    "stale_banner": {
        "de": "Diese Antworten wurden in einem anderen Fenster geändert. Ihre letzte Änderung hier wurde nicht "
        "gespeichert. Bitte laden Sie neu und geben Sie sie danach noch einmal ein.",
        "en": "These answers were changed in another window. Your last change here was not saved. Please reload and "
        "then enter it again.",
    },
    "reload": {"de": "Neu laden", "en": "Reload"},
    "reloaded": {
        "de": "Neu geladen: Sie sehen jetzt den aktuellen Stand.",
        "en": "Reloaded: you now see the latest answers.",
    },
    "help": {"de": "Erläuterung", "en": "Explanation"},
    "not_applicable": {"de": "Trifft auf uns nicht zu", "en": "Does not apply to us"},
    "cannot_answer": {"de": "Kann ich nicht beantworten", "en": "I cannot answer this"},
    "cannot_answer_why": {
        "de": "Bitte begründen Sie kurz, warum (wird als Erklärung im Sinne des DNK übernommen):",
        "en": "Please explain briefly why (recorded as the DNK 'explain' statement):",
    },
    "explanation": {"de": "Erklärung", "en": "Explanation"},
    "explain_placeholder": {
        "de": "Warum berichten Sie hierzu (noch) nicht? Was planen Sie?",
        "en": "Why do you not report on this (yet)? What do you plan?",
    },
    "add_note": {"de": "Anmerkung", "en": "Note"},
    "note_placeholder": {
        "de": "Optionale Anmerkung (nur für Sie und Ihren Bericht)",
        "en": "Optional note (for you and your report)",
    },
    "number_placeholder": {"de": "Zahl, z. B. 12.500,5", "en": "Number, e.g. 12,500.5"},
    "text_placeholder": {"de": "Ihre Antwort", "en": "Your answer"},
    "unit": {"de": "Einheit", "en": "Unit"},
    "yes": {"de": "Ja", "en": "Yes"},
    "no": {"de": "Nein", "en": "No"},
    "comply": {"de": "Ja, wir berichten dazu", "en": "Yes, we report on this"},
    "explain": {"de": "Nein, wir erklären, warum nicht", "en": "No, we explain why not"},
    "choose_all": {"de": "Mehrfachauswahl möglich", "en": "Select all that apply"},
    "clear_answer": {"de": "Antwort löschen", "en": "Clear answer"},
    "profile_intro": {
        "de": "Diese Angaben (VSME B1) bestimmen die Größenklasse Ihres Unternehmens und damit, welche Fragen Ihnen "
        "gestellt werden.",
        "en": "These facts (VSME B1) decide your company's size class and so which questions you are asked.",
    },
    "company_name": {"de": "Name des Unternehmens", "en": "Company name"},
    "please_choose": {"de": "– bitte wählen –", "en": "– please choose –"},
    "size_class_is": {"de": "Größenklasse: {size}", "en": "Size class: {size}"},
    "size_unknown": {
        "de": "noch nicht bestimmt (Beschäftigte, Umsatz oder Bilanzsumme fehlen)",
        "en": "not yet known (employees, turnover or balance-sheet total missing)",
    },
    "err_number": {"de": "Bitte eine Zahl eingeben, z. B. 1.250,5.", "en": "Please enter a number, e.g. 1,250.5."},
    "err_negative": {"de": "Bitte keine negative Zahl eingeben.", "en": "Please do not enter a negative number."},
    "err_range": {
        "de": "{value} {unit} liegt außerhalb des zulässigen Bereichs ({min} bis {max} {canonical}). Bitte Zahl und "
        "Einheit prüfen.",
        "en": "{value} {unit} is outside the accepted range ({min} to {max} {canonical}). Please check the figure and "
        "its unit.",
    },
    "err_unit": {
        "de": "Die Einheit „{unit}“ ist hier nicht vorgesehen. Bitte eine dieser wählen: {allowed}.",
        "en": "The unit '{unit}' is not accepted here. Please choose one of: {allowed}.",
    },
    "err_explain_missing": {
        "de": "Bitte geben Sie eine Erklärung ein – ohne Begründung wird „erklären“ nicht gespeichert.",
        "en": "Please enter an explanation – 'explain' is not saved without one.",
    },
    "err_cannot_missing": {
        "de": "Bitte begründen Sie kurz, warum Sie die Frage nicht beantworten können.",
        "en": "Please explain briefly why you cannot answer the question.",
    },
    "err_too_long": {
        "de": "Der Text ist zu lang (höchstens {max} Zeichen).",
        "en": "The text is too long (at most {max} characters).",
    },
    "err_option": {"de": "Diese Auswahl ist nicht möglich.", "en": "This choice is not possible."},
    "err_invalid": {"de": "Diese Eingabe ist ungültig: {detail}", "en": "This entry is invalid: {detail}"},
    "err_nace": {
        "de": "Bitte einen Eintrag aus der Liste wählen oder den NACE-Code als Buchstabe + Ziffern angeben, z. B. "
        "C25.62.",
        "en": "Please choose an entry from the list or give the NACE code as letter + digits, e.g. C25.62.",
    },
    "nace_placeholder": {"de": "Code oder Stichwort, z. B. C25 oder metal", "en": "Code or keyword, e.g. C25 or metal"},
    "nace_note": {
        "de": "Tippen Sie den Code oder ein englisches Stichwort und wählen Sie aus der Liste (NACE Rev. 2.1, "
        "amtliche Liste der EU im VSME-Template).",
        "en": "Type the code or a keyword and choose from the list (NACE Rev. 2.1, the EU's official list in the VSME "
        "template).",
    },
    "err_country": {
        "de": "Bitte den zweistelligen Ländercode angeben, z. B. DE.",
        "en": "Please give the two-letter country code, e.g. DE.",
    },
    "err_company_range": {
        "de": "Der Wert liegt außerhalb des zulässigen Bereichs ({min} bis {max}).",
        "en": "The value is outside the accepted range ({min} to {max}).",
    },
    "not_saved_hint": {"de": "(nicht gespeichert)", "en": "(not saved)"},
    "open_failed": {"de": "Das Formular kann nicht geöffnet werden", "en": "The form cannot be opened"},
    "not_a_response": {
        "de": "„{name}“ ist keine Antwortdatei des Nachhaltigkeits-Checks. Bitte öffnen Sie die Antwortdatei Ihres "
        "Unternehmens (<kennung>.json) oder legen Sie eine neue an. Die Datei bleibt unverändert.",
        "en": "'{name}' is not a response file of the sustainability check. Please open your company's response file "
        "(<id>.json) or create a new one. The file is left unchanged.",
    },
    "damaged_response": {
        "de": "Die Antwortdatei „{name}“ ist beschädigt oder gehört zu einem anderen Fragebogen; sie bleibt "
        "unverändert. Stellen Sie sie aus einer Sicherung wieder her oder fragen Sie die Moderation. "
        "Einzelheiten:",
        "en": "The response file '{name}' is damaged or belongs to another questionnaire; it is left unchanged. "
        "Restore it from a backup or ask the facilitator. Details:",
    },
    "bad_company_id": {
        "de": "Der Dateiname „{name}“ taugt nicht als Unternehmenskennung. Bitte nur Buchstaben, Ziffern, „-“, „_“ "
        "und „.“ verwenden, z. B. meine-firma.json.",
        "en": "The file name '{name}' is not a valid company id. Use letters, digits, '-', '_' and '.' only, e.g. "
        "my-company.json.",
    },
    "pick_title": {"de": "Welches Unternehmen?", "en": "Which company?"},
    "pick_intro": {
        "de": "Öffnen Sie die Antworten Ihres Unternehmens oder legen Sie sie neu an. Sie werden bei jeder Änderung "
        "gespeichert.",
        "en": "Open your company's answers or create them. They are saved on every change.",
    },
    "pick_existing": {"de": "Vorhandene Antworten öffnen", "en": "Open existing answers"},
    "pick_company": {"de": "Unternehmen", "en": "Company"},
    "pick_open": {"de": "Öffnen", "en": "Open"},
    "pick_none_yet": {
        "de": "In diesem Ordner gibt es noch keine Antworten. Legen Sie Ihr Unternehmen unten an.",
        "en": "There are no answers in this folder yet. Create your company below.",
    },
    "pick_new": {"de": "Neues Unternehmen anlegen", "en": "Create a new company"},
    "pick_create": {"de": "Anlegen", "en": "Create"},
    "pick_file_is": {"de": "Datei: {file}", "en": "File: {file}"},
    "pick_no_name": {
        "de": "Bitte geben Sie den Namen Ihres Unternehmens ein (mit mindestens einem Buchstaben oder einer Ziffer).",
        "en": "Please enter your company's name (with at least one letter or digit).",
    },
    "pick_choose_first": {
        "de": "Bitte wählen Sie zuerst ein Unternehmen aus der Liste.",
        "en": "Please choose a company from the list first.",
    },
    "pick_same_name": {
        "de": "Für „{name}“ gibt es schon Antworten ({file}); sie sind jetzt geöffnet.",
        "en": "There are answers for '{name}' already ({file}); they are open now.",
    },
    "pick_skipped": {
        "de": "{n} Datei(en) im Ordner sind keine Antwortdateien oder beschädigt und stehen nicht in der Liste: "
        "{files}",
        "en": "{n} file(s) in the folder are not response files or are damaged and are not listed: {files}",
    },
    "pick_folder": {"de": "Ordner: {folder}", "en": "Folder: {folder}"},
    "ws_forbidden_title": {"de": "Kein Zugang", "en": "No access"},
    "ws_forbidden": {
        "de": "Dieser Link ist ungültig oder abgelaufen. Bitte öffnen Sie den persönlichen Link, den Sie von der "
        "Moderation erhalten haben, oder fragen Sie dort nach.",
        "en": "This link is invalid or has expired. Please open the personal link you received from the facilitator, "
        "or ask them for help.",
    },
    "ws_opening": {"de": "Ihr Fragebogen wird geöffnet …", "en": "Opening your questionnaire …"},
    "ws_open_here": {"de": "Falls nichts passiert: hier klicken.", "en": "If nothing happens: click here."},
    "ws_overview": {"de": "Workshop-Übersicht", "en": "Workshop overview"},
    "ws_overview_note": {
        "de": "Nur für die Moderation. Zeigt den Bearbeitungsstand, keine Antworten. Aktualisiert sich alle 30 "
        "Sekunden.",
        "en": "For the facilitator only. Shows progress, no answers. Refreshes every 30 seconds.",
    },
    "ws_company": {"de": "Unternehmen", "en": "Company"},
    "ws_id": {"de": "Kennung", "en": "Id"},
    "ws_answered": {"de": "Beantwortet", "en": "Answered"},
    "ws_last_change": {"de": "Letzte Änderung", "en": "Last change"},
    "ws_actions": {"de": "Maßnahmen offen", "en": "Open actions"},
    "ws_overdue": {"de": "überfällig", "en": "overdue"},
    "ws_never": {"de": "noch nicht begonnen", "en": "not started"},
    "ws_unreadable": {"de": "Datei nicht lesbar", "en": "file unreadable"},
    "ws_full_title": {"de": "Gerade kein Platz frei", "en": "No free place right now"},
    "ws_full": {
        "de": "Auf diesem Workshop-Server sind gerade so viele Fragebögen geöffnet, wie er gleichzeitig bedienen kann "
        "({limit}). Bitte versuchen Sie es in ein paar Minuten noch einmal oder sagen Sie der Moderation "
        "Bescheid. Ihre bisherigen Antworten sind gespeichert.",
        "en": "This workshop server has as many questionnaires open as it can serve at once ({limit}). Please try "
        "again in a few minutes or tell the facilitator. Your answers so far are saved.",
    },
    "ws_bad_host_title": {"de": "Unbekannte Serveradresse", "en": "Unknown server address"},
    "ws_bad_host": {
        "de": "Dieser Workshop-Server antwortet nur unter der Adresse aus Ihrem Link. Bitte öffnen Sie den Link so, "
        "wie Sie ihn erhalten haben.",
        "en": "This workshop server answers only at the address in your link. Please open the link exactly as you "
        "received it.",
    },
    "ws_not_found_title": {"de": "Nicht gefunden", "en": "Not found"},
    "ws_not_found": {
        "de": "Diese Seite gibt es nicht. Bitte öffnen Sie Ihren persönlichen Link.",
        "en": "There is no such page. Please open your personal link.",
    },
    "ws_closed": {
        "de": "Dieses Fenster ist nicht mehr verbunden: der Fragebogen wurde in einem anderen Fenster geöffnet oder "
        "hier zu lange nicht benutzt. Ihre Antworten sind gespeichert. Laden Sie die Seite neu, um "
        "weiterzumachen.",
        "en": "This window is no longer connected: the questionnaire was opened in another window or was not used "
        "here for too long. Your answers are saved. Reload the page to continue.",
    },
    "ws_stuck": {
        "de": "Der Fragebogen wird nicht angezeigt. Ihre gespeicherten Antworten bleiben erhalten. Laden Sie die "
        "Seite neu; erscheint er dann auch nicht, sagen Sie bitte der Moderation Bescheid.",
        "en": "The questionnaire does not appear. Your saved answers are kept. Reload the page; if it still does "
        "not appear, please tell the facilitator.",
    },
    # table questions (one row per entry)
    "table.add_row": {"de": "+ Zeile hinzufügen", "en": "+ Add row"},
    "table.remove_row": {"de": "Zeile entfernen", "en": "Remove row"},
    "table.row": {"de": "Zeile {n}", "en": "Row {n}"},
    "table.rows_max": {"de": "Mehr als {max} Zeilen sind nicht vorgesehen.", "en": "No more than {max} rows."},
    "table.rows_hint": {
        "de": "Eine Zeile je Eintrag; leere Zeilen werden nicht gespeichert.",
        "en": "One row per entry; empty rows are not saved.",
    },
    "table.choose": {"de": "– bitte wählen –", "en": "– please choose –"},
    "table.err_number": {
        "de": "Bitte eine Zahl eingeben, z. B. 1.234,5.",
        "en": "Please enter a number, e.g. 1,234.5.",
    },
    "table.err_range": {
        "de": "Bitte einen Wert von {min} bis {max} {unit} eingeben.",
        "en": "Please enter a value from {min} to {max} {unit}.",
    },
    "table.err_long": {"de": "Höchstens {max} Zeichen.", "en": "At most {max} characters."},
    "table.err_cell": {"de": "Zeile {row}, {column}: {message}", "en": "Row {row}, {column}: {message}"},
}
