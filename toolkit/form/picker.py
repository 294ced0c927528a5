"""Choosing the company in JupyterLab: open the answers of a company in a folder or create them from its name.

``notebooks/assessment.ipynb`` shows this instead of asking participants to edit a file path. The file name (the
company id) is derived from the name the participant types, so nobody writes an id by hand and nobody ends up in
a shared ``meine-firma.json``.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as w

from toolkit.definitions.loader import load_questionnaire
from toolkit.definitions.model import Questionnaire
from toolkit.errors import ToolkitError
from toolkit.form.kit import Kit
from toolkit.form.session import FormError
from toolkit.form.style import CSS
from toolkit.i18n import DEFAULT_LANG, LANGS, t
from toolkit.responses import is_company_id, load_response

MAX_ID = 64
_SPELLED = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "æ": "ae", "Æ": "Ae", "ø": "oe",
     "Ø": "Oe", "œ": "oe", "Œ": "Oe", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "þ": "th", "Þ": "Th"}
)  # fmt: skip


def company_id_from_name(name: str) -> str | None:
    """A safe company id (and file name) for a company name: 'Müller & Söhne GmbH' -> 'mueller-soehne-gmbh'.

    Umlauts are spelled out, other accents dropped, everything but letters and digits becomes one '-'; at most
    64 characters. A name in another script ('株式会社') gets 'firma-' and a short digest of the name. None when
    the name has no letter or digit at all.
    """
    text = unicodedata.normalize("NFKD", (name or "").translate(_SPELLED))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    cid = re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:MAX_ID].strip("-")
    if not cid and any(c.isalnum() for c in name or ""):
        cid = "firma-" + hashlib.sha256(name.strip().casefold().encode("utf-8")).hexdigest()[:8]
    return cid if cid and is_company_id(cid) else None


@dataclass
class Listed:
    """A response file found in the folder."""

    path: Path
    company_id: str
    name: str

    @property
    def label(self) -> str:
        return f"{self.name} ({self.company_id})" if self.name else self.company_id


def scan_folder(folder: Path, qn: Questionnaire) -> tuple[list[Listed], list[str]]:
    """The response files in ``folder`` (sorted by company name) and the names of the other ``.json`` files."""
    found: list[Listed] = []
    other: list[str] = []
    if not folder.is_dir():
        return found, other
    for path in sorted(folder.glob("*.json")):
        if path.name.startswith(".") or not path.is_file():
            continue
        try:
            resp = load_response(path, qn)
        except ToolkitError:
            other.append(path.name)
            continue
        found.append(Listed(path, resp.company.id, resp.company.name or ""))
    found.sort(key=lambda x: (x.name or x.company_id).casefold())
    return found, other


class CompanyPicker:
    """Which company? Pick existing answers or create them; then the form takes the picker's place."""

    def __init__(
        self, folder: str | Path, questionnaire: Questionnaire | str | Path | None = None, lang: str = "de"
    ) -> None:
        from toolkit.form.app import default_questionnaire_path

        self.folder = Path(folder)
        if isinstance(questionnaire, Questionnaire):
            self.qn = questionnaire
        else:
            self.qn = load_questionnaire(questionnaire or default_questionnaire_path())
        self.lang = lang if lang in LANGS else DEFAULT_LANG
        self.form: object | None = None  # the AssessmentForm once a company is open
        self.kit = Kit()
        self.widget = self.kit.vbox([], "sme-pick-root")
        self._message_text = ""
        self._build()

    # ---- layout --------------------------------------------------------------------------------------------
    def _build(self) -> None:
        k, lang = self.kit, self.lang
        self.listed, self.other = scan_folder(self.folder, self.qn)
        style = k.html(f"<style>{CSS}</style>")
        title = k.html(
            f"<div class='sme-title'>{_e(t('form.app_title', lang))} {_e(str(self.qn.year))}</div>"
            f"<div class='sme-company'>{_e(t('form.pick_title', lang))}</div>"
        )
        self.lang_toggle = k.language_toggle(lang, self.set_lang)
        header = k.hbox([title, self.lang_toggle], "sme-header")
        intro = k.html(f"<p class='sme-intro'>{_e(t('form.pick_intro', lang))}</p>")

        # existing answers
        self.choice = k.dropdown(
            [(t("form.please_choose", lang), None)] + [(x.label, str(x.path)) for x in self.listed],
            None,
            "sme-pick-input",
            label=t("form.pick_company", lang),
        )
        self.open_button = k.button(t("form.pick_open", lang), "sme-pick-go", button_style="primary")
        self.open_button.on_click(lambda _b: self.open_selected())
        existing_head = k.html(f"<div class='sme-q-text'>{_e(t('form.pick_existing', lang))}</div>")
        if self.listed:
            existing_body: list[w.Widget] = [k.hbox([self.choice, self.open_button], "sme-pick-row")]
        else:
            existing_body = [k.html(f"<div class='sme-q-hint'>{_e(t('form.pick_none_yet', lang))}</div>")]
        existing = k.vbox([existing_head, *existing_body], "sme-q")

        # a new company
        name = t("form.company_name", lang)
        self.name_input = k.text("sme-pick-input", label=name, placeholder=name)
        self.name_input.observe(lambda _ch: self._preview(), names="value")
        self.create_button = k.button(t("form.pick_create", lang), "sme-pick-go", button_style="primary")
        self.create_button.on_click(lambda _b: self.create())
        self.id_preview = k.html("", "sme-pick-id")
        new_head = k.html(
            f"<div class='sme-q-text'>{_e(t('form.pick_new', lang))}</div>"
            f"<div class='sme-q-hint'>{_e(t('form.company_name', lang))}</div>"
        )
        new = k.vbox([new_head, k.hbox([self.name_input, self.create_button], "sme-pick-row"), self.id_preview],
                     "sme-q")  # fmt: skip

        self.message = k.html("", "sme-msg")
        notes = [t("form.pick_folder", lang, folder=str(self.folder))]
        if self.other:
            notes.append(t("form.pick_skipped", lang, n=len(self.other), files=", ".join(self.other)))
        folder_note = k.html("".join(f"<div class='sme-pick-folder'>{_e(n)}</div>" for n in notes))
        body = k.vbox([style, header, intro, existing, new, self.message, folder_note], "sme-form", "sme-pick")
        self.widget.children = [body]
        self._preview()
        self._show_message(self._message_text)

    def _preview(self) -> None:
        cid = company_id_from_name(self.name_input.value)
        self.id_preview.value = (
            f"<div class='sme-pick-id'>{_e(t('form.pick_file_is', self.lang, file=cid + '.json'))}</div>" if cid else ""
        )

    def _show_message(self, text: str, detail: str = "") -> None:
        self._message_text = text
        extra = f"<pre style='white-space:pre-wrap;font-size:12px'>{_e(detail)}</pre>" if detail else ""
        self.message.value = f"<div class='sme-error' role='alert'>⚠ {_e(text)}{extra}</div>" if text else ""

    def set_lang(self, lang: str) -> None:
        if lang in LANGS and lang != self.lang:
            self.lang = lang
            self._message_text = ""
            self._build()

    # ---- actions -------------------------------------------------------------------------------------------
    def open_selected(self) -> None:
        value = self.choice.value
        if not value:
            self._show_message(t("form.pick_choose_first", self.lang))
            return
        self.open(Path(value))

    def create(self, name: str | None = None) -> None:
        """Create the answers of the company named in the field (or ``name``), or open them if they exist."""
        if name is not None:
            self.name_input.value = name
        name = self.name_input.value.strip()
        cid = company_id_from_name(name)
        if cid is None:
            self._show_message(t("form.pick_no_name", self.lang))
            return
        try:
            path, same = self._free_path(cid, name)
        except FormError as exc:
            self._show_message(exc.message(self.lang))
            return
        note = t("form.pick_same_name", self.lang, name=name, file=path.name) if same else ""
        self.open(path, company_name=name, note=note)

    def _free_path(self, cid: str, name: str) -> tuple[Path, bool]:
        """The file for a new company ``cid``; an existing file of the same name is reused (True), a file of
        another company is never touched: the id gets '-2', '-3', ..."""
        for n in range(1, 1000):
            candidate = cid if n == 1 else f"{cid[: MAX_ID - 1 - len(str(n))]}-{n}"
            path = self.folder / f"{candidate}.json"
            if not path.exists():
                return path, False
            try:
                existing = load_response(path, self.qn).company.name or ""
            except ToolkitError:
                continue
            if existing.strip().casefold() == name.strip().casefold():
                return path, True
        raise FormError(f"no free company id for {name!r}", "pick_no_name")

    def open(self, path: Path, company_name: str | None = None, note: str = "") -> None:
        """Show the form on ``path``; a problem stays in the picker as a message in the chosen language."""
        from toolkit.form.app import AssessmentForm

        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            form = AssessmentForm(path, self.qn, lang=self.lang, company_name=company_name)
        except FormError as exc:
            self._show_message(exc.message(self.lang), _short(str(exc), self.folder))
            return
        except OSError as exc:
            self._show_message(t("form.save_failed", self.lang, error=exc.strerror or str(exc)))
            return
        self.form = form
        if note:
            form._set_status(note)
        self.widget.children = [form.widget]

    @property
    def message_text(self) -> str:
        return self._message_text

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def choose_company(
    folder: str | Path = "../reports/responses",
    questionnaire: Questionnaire | str | Path | None = None,
    lang: str = "de",
) -> CompanyPicker:
    """The company picker on ``folder`` (created with the first company). A notebook displays what it returns."""
    return CompanyPicker(folder, questionnaire, lang)


def _short(detail: str, folder: Path) -> str:
    """The technical detail without the folder's absolute path (it says nothing to a participant)."""
    for prefix in (str(folder.resolve()) + "/", str(folder) + "/"):
        detail = detail.replace(prefix, "")
    return detail


def _e(text: str) -> str:
    return html.escape(text, quote=True)
