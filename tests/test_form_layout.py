"""The form on any screen and the JupyterLab path without editing code (issue 14, items 2 and 3).

In-process: the company picker (id from the name, existing answers, a file that is no response), the NACE list,
the references toggle, the contents block, the save hook that keeps the notebook as shipped.
In a real headless Chromium (slow): the workshop app (Voila) at 390 x 844 and 1280 x 900 -- no horizontal scroll,
every control inside the screen, the progress bar stays in view, keyboard-only answering, a name for every
control -- and JupyterLab at 1024 x 768 running notebooks/assessment.ipynb as a participant does. Screenshots go to
reports/test-artifacts/form-layout/ (git-ignored; another folder with SME_TEST_ARTIFACTS).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import nbformat
import pytest

from tests.conftest import EXAMPLES, ROOT
from toolkit.definitions.model import Questionnaire
from toolkit.form import FormError, open_form, show_form
from toolkit.form.app import AssessmentForm
from toolkit.form.nace import code_from_text, nace_codes, nace_entry_text, nace_options, nace_source
from toolkit.form.notebook_hook import keep_clean
from toolkit.form.picker import CompanyPicker, company_id_from_name
from toolkit.i18n import t
from toolkit.responses import load_response

ARTIFACTS = Path(os.environ.get("SME_TEST_ARTIFACTS", ROOT / "reports" / "test-artifacts")) / "form-layout"


def on_disk(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


# ---- the company picker ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "cid"),
    [
        ("Müller & Söhne GmbH", "mueller-soehne-gmbh"),
        ("  Bäckerei Groß KG ", "baeckerei-gross-kg"),
        ("Café Zürich", "cafe-zuerich"),
        ("Øster-Vind ApS", "oester-vind-aps"),
        ("../../etc/passwd", "etc-passwd"),
        ("a" * 100, "a" * 64),
        ("!!!", None),
        ("", None),
    ],
)
def test_the_company_id_is_derived_from_the_name_safely(name: str, cid: str | None) -> None:
    assert company_id_from_name(name) == cid


def test_a_name_in_another_script_still_gets_an_id() -> None:
    cid = company_id_from_name("株式会社")
    assert cid is not None and cid.startswith("firma-") and cid == company_id_from_name("株式会社")
    assert cid != company_id_from_name("有限会社")


def test_the_picker_creates_the_company_from_its_name_and_lists_it_next_time(tmp_path: Path, qn: Questionnaire) -> None:
    folder = tmp_path / "responses"
    picker = CompanyPicker(folder, qn)
    assert picker.form is None and not folder.exists()  # nothing is written before the participant decides
    picker.create("Müller & Söhne GmbH")
    assert isinstance(picker.form, AssessmentForm)
    created = folder / "mueller-soehne-gmbh.json"
    assert on_disk(created)["company"] == {"id": "mueller-soehne-gmbh", "name": "Müller & Söhne GmbH"}
    assert picker.widget.children == (picker.form.widget,)  # the form takes the picker's place

    again = CompanyPicker(folder, qn)
    assert [(x.company_id, x.label) for x in again.listed] == [
        ("mueller-soehne-gmbh", "Müller & Söhne GmbH (mueller-soehne-gmbh)")
    ]
    again.choice.value = str(created)
    again.open_selected()
    assert again.form.session.path == created


def test_the_same_name_opens_the_existing_answers_and_another_company_gets_its_own_file(
    tmp_path: Path, qn: Questionnaire
) -> None:
    CompanyPicker(tmp_path, qn).create("Müller & Söhne GmbH")
    before = (tmp_path / "mueller-soehne-gmbh.json").read_bytes()
    same = CompanyPicker(tmp_path, qn, lang="en")
    same.create("müller & söhne gmbh")
    assert same.form.session.path.name == "mueller-soehne-gmbh.json"
    assert "already" in same.form.status_text
    other = CompanyPicker(tmp_path, qn)
    other.create("Müller + Söhne GmbH")  # same id, another company: never touches the first file
    assert other.form.session.path.name == "mueller-soehne-gmbh-2.json"
    assert (tmp_path / "mueller-soehne-gmbh.json").read_bytes() == before


@pytest.mark.parametrize("lang", ["de", "en"])
def test_picker_messages_follow_the_chosen_language(tmp_path: Path, qn: Questionnaire, lang: str) -> None:
    picker = CompanyPicker(tmp_path, qn, lang=lang)
    picker.create("!!!")
    assert picker.form is None and picker.message_text == t("form.pick_no_name", lang)
    picker.open_selected()
    assert picker.message_text == t("form.pick_choose_first", lang)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_file_that_is_no_response_is_named_as_such_in_the_chosen_language(
    tmp_path: Path, qn: Questionnaire, lang: str
) -> None:
    readme = tmp_path / "notes.json"
    shutil.copy(ROOT / "README.md", readme)
    scorecard = tmp_path / "x_scorecard.json"  # JSON, but no company, questionnaire or answers
    scorecard.write_text(json.dumps({"company_id": "x", "dimensions": [], "kpis": {}}), encoding="utf-8")
    for path in (readme, scorecard):
        before = path.read_bytes()
        with pytest.raises(FormError) as err:
            open_form(path, qn, lang=lang)
        assert err.value.key == "not_a_response"
        assert err.value.message(lang) == t("form.not_a_response", lang, name=path.name)
        assert "R016" not in str(err.value) and "truncated" not in str(err.value)
        assert path.read_bytes() == before
    picker = CompanyPicker(tmp_path, qn, lang=lang)
    assert picker.listed == [] and set(picker.other) == {"notes.json", "x_scorecard.json"}
    picker.open(readme)
    assert picker.form is None and picker.message_text == t("form.not_a_response", lang, name="notes.json")


def test_show_form_says_what_is_wrong_in_the_chosen_language(
    tmp_path: Path, qn: Questionnaire, monkeypatch: pytest.MonkeyPatch
) -> None:
    import IPython.display

    shown: list[object] = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs, **_kw: shown.extend(objs))
    bad = tmp_path / "README.md"
    shutil.copy(ROOT / "README.md", bad)
    assert show_form(bad, qn, lang="en") is None
    html = shown[-1].data  # type: ignore[attr-defined]
    assert "is not a response file" in html and "R016" not in html and "Das Formular" not in html
    assert show_form(tmp_path / "Meine Firma GmbH.json", qn, lang="de") is None
    html = shown[-1].data  # type: ignore[attr-defined]
    assert "taugt nicht als Unternehmenskennung" in html and "is not a valid company id" not in html


def test_a_damaged_response_still_says_damaged(tmp_path: Path, qn: Questionnaire) -> None:
    broken = tmp_path / "broken.json"
    text = (EXAMPLES / "manufacturer.json").read_text(encoding="utf-8")
    broken.write_text(text[: len(text) // 2], encoding="utf-8")
    with pytest.raises(FormError) as err:
        open_form(broken, qn)
    assert err.value.key == "damaged_response" and "R016" in str(err.value)


def test_a_prose_or_csv_file_is_r026_not_r016(tmp_path: Path, qn: Questionnaire) -> None:
    from toolkit.errors import ResponseError

    csv_file = tmp_path / "firms.json"
    csv_file.write_text("company_id;name\na1;Alpha\n", encoding="utf-8")
    for path in (ROOT / "README.md", csv_file):
        with pytest.raises(ResponseError) as err:
            load_response(path, qn)
        assert [p.code for p in err.value.problems] == ["R026"]
        assert "not a response file" in str(err.value) and str(path) in str(err.value)


# ---- NACE: a searchable list, a typed code still accepted -------------------------------------------------------
def test_the_nace_list_is_the_vsme_templates_with_its_source() -> None:
    assert "EFRAG VSME Digital Template 1.3.0" in nace_source() and "MIT" in nace_source()
    codes = nace_codes()
    assert len(codes) > 900
    assert codes["C"] == "Manufacturing"
    assert codes["C25.62"] == "Manufacture of locks and hinges"  # NACE Rev. 2.1, as the template lists it
    assert "C25.62 · Manufacture of locks and hinges" in nace_options()
    assert nace_entry_text("C25.62") == "C25.62 · Manufacture of locks and hinges"
    assert nace_entry_text("Z9") == "Z9"


@pytest.mark.parametrize(
    ("typed", "code"),
    [("C25.62 · Manufacture of locks and hinges", "C25.62"), ("c25.62", "C25.62"), ("C 25.62", "C25.62"),
     ("A01.1", "A01.1"), ("Bäckerei", "BÄCKEREI"), ("", None)],
)  # fmt: skip
def test_the_code_is_read_from_the_entry_or_what_was_typed(typed: str, code: str | None) -> None:
    assert code_from_text(typed) == code


def test_the_nace_field_offers_the_list_saves_the_code_and_refuses_prose(tmp_path: Path, qn: Questionnaire) -> None:
    import ipywidgets as w

    path = tmp_path / "a1.json"
    form = AssessmentForm(path, qn)
    field = form.profile_input("nace")
    assert isinstance(field.input, w.Combobox) and not field.input.ensure_option
    assert "C25.62 · Manufacture of locks and hinges" in field.input.options
    field.input.value = "C25.62 · Manufacture of locks and hinges"  # picked from the list
    assert on_disk(path)["company"]["nace"] == "C25.62"
    for typed in ("c", "c1", "c16", "c16.", "c16.2", "c16.23"):  # typed by hand, saved as it grows
        field.input.value = typed
    assert on_disk(path)["company"]["nace"] == "C16.23"
    assert field.input.value == "c16.23"  # never rewritten under the participant's fingers
    field.input.value = "Bäckerei"
    assert on_disk(path)["company"]["nace"] == "C16.23"  # refused, the last valid code stays
    assert t("form.err_nace", "de") in field.message.value
    again = AssessmentForm(path, qn).profile_input("nace")
    assert again.input.value == nace_entry_text("C16.23")  # next time it shows as the list's entry


# ---- layout pieces -----------------------------------------------------------------------------------------------
def test_reference_codes_sit_behind_an_info_toggle(tmp_path: Path, qn: Questionnaire) -> None:
    form = AssessmentForm(tmp_path / "a1.json", qn)
    q = next(q for q in qn.iter_questions() if q.refs.get("vsme"))
    header = form.question(q.id).header.value
    assert "<details class='sme-refs'><summary>" in header and "<details class='sme-refs' open" not in header
    before_toggle = header.split("<details class='sme-refs'>")[0]
    assert "VSME" not in before_toggle and "GRI" not in before_toggle  # nothing but the toggle shows the codes


def test_the_contents_block_opens_and_closes_and_a_chosen_page_closes_it(tmp_path: Path, qn: Questionnaire) -> None:
    form = AssessmentForm(tmp_path / "a1.json", qn)
    assert not form.contents_open and "sme-toc-open" not in form.sidebar._dom_classes
    assert t("form.progress_contents", "de") in form.toc_toggle.description
    form.toggle_contents()
    assert form.contents_open and "sme-toc-open" in form.sidebar._dom_classes
    form.show(form.page_order[3])
    assert not form.contents_open and "sme-toc-open" not in form.sidebar._dom_classes


def test_the_slim_bar_shows_progress_and_the_three_scores(tmp_path: Path, qn: Questionnaire) -> None:
    path = tmp_path / "m.json"
    shutil.copy(EXAMPLES / "manufacturer.json", path)
    form = AssessmentForm(path, qn)
    prog = form.session.progress()
    strip = form.strip.value
    assert f"{prog.done}/{prog.total}" in strip and f"aria-valuenow='{prog.done}'" in strip
    for d in form.session.scorecard().headline:
        assert d.name["de"].replace("&", "&amp;") in strip and f"<b>{round(d.score)}" in strip


def test_text_fields_carry_a_label_for_screen_readers(tmp_path: Path, qn: Questionnaire) -> None:
    form = AssessmentForm(tmp_path / "a1.json", qn)
    number = next(q for q in qn.iter_questions() if q.type == "number" and len(q.accepted_units) > 1)
    inp = form.question(number.id)
    assert inp.number.description == number.text["de"] and "sme-sr" in inp.number._dom_classes
    assert inp.unit.description == t("form.unit", "de")
    employees = form.profile_input("employees")
    assert employees.input.description and "sme-sr" in employees.input._dom_classes


# ---- the notebook stays as shipped when JupyterLab saves it ---------------------------------------------------------
def _run_like_jupyterlab(nb: dict) -> dict:
    nb = json.loads(json.dumps(nb))
    nb["metadata"]["language_info"] = {"name": "python", "version": "3.11.2", "mimetype": "text/x-python"}
    nb["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            cell["execution_count"] = 3
            cell["outputs"] = [{"output_type": "display_data", "data": {"text/plain": "Müller GmbH"}, "metadata": {}}]
            cell["metadata"]["jupyter"] = {"source_hidden": False}
            cell["metadata"]["execution"] = {"iopub.status.idle": "2026-01-01T00:00:00Z"}
    return nb


class _Manager:
    def __init__(self, root: Path) -> None:
        self.root_dir = str(root)


def test_saving_the_run_notebook_writes_it_back_unchanged(tmp_path: Path) -> None:
    folder = tmp_path / "notebooks"
    folder.mkdir()
    shipped = (ROOT / "notebooks" / "assessment.ipynb").read_text(encoding="utf-8")
    (folder / "assessment.ipynb").write_text(shipped, encoding="utf-8")
    model = {"type": "notebook", "content": _run_like_jupyterlab(json.loads(shipped))}
    keep_clean(model=model, path="notebooks/assessment.ipynb", contents_manager=_Manager(tmp_path))
    assert nbformat.writes(model["content"]) + "\n" == shipped  # the bytes the server then writes


def test_an_edited_notebook_keeps_the_edit_without_outputs(tmp_path: Path) -> None:
    folder = tmp_path / "notebooks"
    folder.mkdir()
    shipped = (ROOT / "notebooks" / "assessment.ipynb").read_text(encoding="utf-8")
    (folder / "assessment.ipynb").write_text(shipped, encoding="utf-8")
    run = _run_like_jupyterlab(json.loads(shipped))
    run["cells"][-1]["source"] = 'choose_company("../elsewhere")'
    model = {"type": "notebook", "content": run}
    keep_clean(model=model, path="notebooks/assessment.ipynb", contents_manager=_Manager(tmp_path))
    saved = model["content"]
    code = saved["cells"][-1]
    assert code["source"] == 'choose_company("../elsewhere")'
    assert code["outputs"] == [] and code["execution_count"] is None and set(code["metadata"]) == {"jupyter", "tags"}
    assert saved["metadata"]["language_info"] == {"name": "python"} and "widgets" not in saved["metadata"]
    assert "Müller" not in json.dumps(saved)


def test_other_notebooks_are_saved_as_they_are(tmp_path: Path) -> None:
    nb = _run_like_jupyterlab(json.loads((ROOT / "notebooks" / "cohort.ipynb").read_text(encoding="utf-8")))
    model = {"type": "notebook", "content": nb}
    keep_clean(model=model, path="notebooks/cohort.ipynb", contents_manager=_Manager(tmp_path))
    assert model["content"] is nb


def test_the_server_extension_registers_the_hook() -> None:
    from toolkit.form import notebook_hook

    registered: list[object] = []

    class App:
        class contents_manager:  # stands in for the server's attribute
            register_pre_save_hook = staticmethod(registered.append)

        class log:
            info = staticmethod(lambda *_a: None)

    assert notebook_hook._jupyter_server_extension_points() == [{"module": "toolkit.form.notebook_hook"}]
    notebook_hook._load_jupyter_server_extension(App)
    assert registered == [keep_clean]


def test_the_jupyter_settings_are_shipped_and_installed_by_setup() -> None:
    server = json.loads((ROOT / "jupyter-config" / "jupyter_server_config.d" / "sme-toolkit.json").read_text())
    assert server["ServerApp"]["jpserver_extensions"] == {"toolkit.form.notebook_hook": True}
    lab = json.loads((ROOT / "jupyter-config" / "lab-settings" / "overrides.d" / "sme-toolkit.json").read_text())
    assert lab["@jupyterlab/apputils-extension:notification"] == {"fetchNews": "false", "checkForUpdates": False}
    makefile = (ROOT / "Makefile").read_text()
    assert "jupyter_server_config.d/sme-toolkit.json" in makefile and "overrides.d/sme-toolkit.json" in makefile


# ---- in a real browser -------------------------------------------------------------------------------------------
CHROMIUM = "/usr/bin/chromium"
TIMEOUT_MS = 90_000
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# Everything the participant can reach that sticks out of the screen sideways, and every box that scrolls sideways.
OUT_OF_SCREEN_JS = """() => {
  const w = document.documentElement.clientWidth, out = [], form = document.querySelector('.sme-form');
  const sel = '.sme-form input, .sme-form select, .sme-form textarea, .sme-form button, .sme-form summary,'
            + ' .sme-form label, .sme-form .sme-q, .sme-form .sme-strip, .sme-form h2';
  for (const el of document.querySelectorAll(sel)) {
    const r = el.getBoundingClientRect();
    if (r.width <= 1 && r.height <= 1) continue;  // a label for screen readers only
    if (!el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
    if (r.left < -0.5 || r.right > w + 0.5)
      out.push(`${el.tagName}.${el.className} '${(el.innerText || el.value || '').slice(0, 30)}' `
               + `${r.left}..${r.right}`);
  }
  const boxes = [...form.querySelectorAll('*')];  // the form's own boxes and every box around it
  for (let el = form; el; el = el.parentElement) boxes.push(el);
  for (const el of boxes) {
    const ox = getComputedStyle(el).overflowX;
    const scrolls = el === document.documentElement || ox === 'auto' || ox === 'scroll';
    if (scrolls && !['TEXTAREA', 'SELECT'].includes(el.tagName) && el.scrollWidth > el.clientWidth + 1)
      out.push(`${el.tagName}.${String(el.className).slice(-70)} scrolls sideways: `
               + `${el.scrollWidth} > ${el.clientWidth}`);
  }
  return out;
}"""

# The scrolling box around the form (Voila and JupyterLab scroll an element, not the page): scroll it until the
# form's end is at the bottom of the screen (JupyterLab would scroll further, past the end of the notebook).
SCROLL_TO_END_JS = """() => {
  const form = document.querySelector('.sme-form');
  let el = form.parentElement;
  while (el && !(el.scrollHeight > el.clientHeight + 1 && /auto|scroll/.test(getComputedStyle(el).overflowY))) {
    el = el.parentElement;
  }
  el = el || document.scrollingElement;
  const bottom = el === document.scrollingElement ? innerHeight : el.getBoundingClientRect().bottom;
  el.scrollTop += form.getBoundingClientRect().bottom - bottom;
  return el.scrollTop;
}"""

STRIP_IN_VIEW_JS = """() => {
  const s = document.querySelector('.sme-form .sme-strip'), r = s.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + 5, r.top + r.height / 2);
  let el = s.parentElement;  // the scrolling box: the bar should sit at its top edge
  while (el && !(el.scrollHeight > el.clientHeight + 1 && /auto|scroll/.test(getComputedStyle(el).overflowY))) {
    el = el.parentElement;
  }
  const edge = el && el !== document.documentElement ? el.getBoundingClientRect().top : 0;
  return {top: r.top - Math.max(edge, 0), bottom: r.bottom, onTop: !!hit && s.contains(hit)};
}"""

# JupyterLab's unit dropdowns: the chosen unit must fit (text + padding + the arrow).
CLIPPED_SELECTS_JS = """() => {
  const ctx = document.createElement('canvas').getContext('2d'), out = [];
  for (const sel of document.querySelectorAll('.sme-form select')) {
    if (!sel.getClientRects().length) continue;
    const cs = getComputedStyle(sel);
    ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    const text = sel.options[sel.selectedIndex] ? sel.options[sel.selectedIndex].text : '';
    const need = ctx.measureText(text).width + parseFloat(cs.paddingLeft) + parseFloat(cs.paddingRight) + 14;
    if (need > sel.clientWidth + 0.5) out.push(`'${text}' needs ${need.toFixed(0)} px, has ${sel.clientWidth}`);
  }
  return out;
}"""

NAMED_ROLES = {"textbox", "combobox", "checkbox", "radio", "button", "DisclosureTriangle", "ListBox", "PopUpButton",
               "spinbutton", "searchbox", "switch", "ToggleButton", "link", "progressbar"}  # fmt: skip


def unnamed_controls(page: object) -> list[str]:
    """Controls a screen reader would announce without a name (Chromium's own accessibility tree)."""
    cdp = page.context.new_cdp_session(page)  # type: ignore[attr-defined]
    tree = cdp.send("Accessibility.getFullAXTree")["nodes"]
    cdp.detach()
    out = []
    for node in tree:
        role = (node.get("role") or {}).get("value")
        if node.get("ignored") or role not in NAMED_ROLES:
            continue
        name = node.get("name") or {}
        used = [src for src in name.get("sources", []) if src.get("value") and not src.get("superseded")]
        from_placeholder = bool(used) and used[0].get("attribute") == "placeholder"  # a hint, not a label
        if not str(name.get("value") or "").strip() or from_placeholder:
            out.append(f"{role} (node {node.get('backendDOMNodeId')})")
    return out


def shoot(page: object, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))  # type: ignore[attr-defined]
    return path


@pytest.fixture(scope="module")
def workshop(tmp_path_factory: pytest.TempPathFactory):
    """The workshop app (Voila) for one company, started as the facilitator starts it."""
    from tests.test_workshop_e2e import start_server, stop_server

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package")
    proc, srv = start_server(tmp_path_factory.mktemp("layout"), "company_id;name\nalpha;Alpha Bäckerei GmbH\n",
                             "--pool-size", "1")  # fmt: skip
    try:
        yield srv
    finally:
        stop_server(proc)


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    from toolkit.rendering.pdf import CHROMIUM_ARGS

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def open_link(browser: object, link: str, viewport: dict[str, int]) -> object:
    page = browser.new_context(viewport=viewport).new_page()  # type: ignore[attr-defined]
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(link)
    page.wait_for_selector(".sme-form .sme-strip")
    return page


def go_to(page: object, label: str) -> None:
    """Open a page of the form as a participant does: through the contents (opened first on a small screen)."""
    toggle = page.locator("button.sme-toc-toggle")  # type: ignore[attr-defined]
    if toggle.is_visible():
        toggle.click()
        page.wait_for_selector(".sme-sidebar.sme-toc-open")  # type: ignore[attr-defined]
    page.locator("button.sme-nav").filter(has_text=label).first.click()  # type: ignore[attr-defined]
    page.wait_for_selector(f".sme-page-title:has-text('{label.strip(' ·')}')")  # type: ignore[attr-defined]


def energy_criterion(qn: Questionnaire) -> str:
    """The nav label of the criterion with the most number questions with a unit choice (criterion 11)."""
    counts: dict[int, int] = {}
    for q in qn.iter_questions():
        if q.type == "number" and len(q.accepted_units) > 1:
            counts[q.criterion] = counts.get(q.criterion, 0) + 1
    return f"{max(counts, key=counts.__getitem__)} ·"


@pytest.mark.slow
@pytest.mark.browser
def test_on_a_phone_nothing_scrolls_sideways_and_every_control_is_on_the_screen(
    workshop: object, chromium: object, qn: Questionnaire
) -> None:
    page = open_link(chromium, workshop.links["alpha"], PHONE)  # type: ignore[attr-defined]
    toggle = page.locator("button.sme-toc-toggle")
    assert toggle.is_visible() and not page.locator(".sme-nav-box").is_visible()  # the block starts closed
    assert page.evaluate(OUT_OF_SCREEN_JS) == []
    assert page.locator(".sme-form .sme-profile-input input[list]").count() == 1  # NACE: a searchable list
    shoot(page, "phone-390x844-profile")
    toggle.click()
    page.wait_for_selector(".sme-sidebar.sme-toc-open .sme-nav-box")
    assert page.evaluate(OUT_OF_SCREEN_JS) == []
    shoot(page, "phone-390x844-contents-open")
    toggle.click()
    label = energy_criterion(qn)
    go_to(page, label)
    assert not page.locator(".sme-nav-box").is_visible()  # choosing a page closed the block
    assert page.locator(".sme-form .sme-unit select").count() >= 3
    assert page.evaluate(OUT_OF_SCREEN_JS) == []
    shoot(page, "phone-390x844-energy")
    page.evaluate(SCROLL_TO_END_JS)
    page.wait_for_function("() => document.querySelector('.sme-pager').getBoundingClientRect().bottom <= innerHeight")
    strip = page.evaluate(STRIP_IN_VIEW_JS)
    assert strip["onTop"] and 0 <= strip["top"] <= 20, strip  # the progress bar stayed at the top of the screen
    assert page.evaluate(OUT_OF_SCREEN_JS) == []
    shoot(page, "phone-390x844-energy-scrolled")
    page.context.close()


@pytest.mark.slow
@pytest.mark.browser
def test_on_a_desktop_the_sidebar_and_the_progress_bar_stay_in_view(
    workshop: object, chromium: object, qn: Questionnaire
) -> None:
    page = open_link(chromium, workshop.links["alpha"], DESKTOP)  # type: ignore[attr-defined]
    assert not page.locator("button.sme-toc-toggle").is_visible() and page.locator(".sme-nav-box").is_visible()
    go_to(page, energy_criterion(qn))
    assert page.evaluate(OUT_OF_SCREEN_JS) == [] and page.evaluate(CLIPPED_SELECTS_JS) == []
    shoot(page, "desktop-1280x900-energy")
    page.evaluate(SCROLL_TO_END_JS)
    page.wait_for_function("() => document.querySelector('.sme-pager').getBoundingClientRect().bottom <= innerHeight")
    strip = page.evaluate(STRIP_IN_VIEW_JS)
    assert strip["onTop"] and 0 <= strip["top"] <= 20, strip
    sidebar = page.locator(".sme-sidebar").bounding_box()
    assert sidebar is not None and 0 <= sidebar["y"] < 120  # the contents came along too
    shoot(page, "desktop-1280x900-energy-scrolled")
    page.context.close()


@pytest.mark.slow
@pytest.mark.browser
def test_keyboard_only_a_participant_reaches_a_page_and_answers(
    workshop: object, chromium: object, qn: Questionnaire
) -> None:
    page = open_link(chromium, workshop.links["alpha"], DESKTOP)  # type: ignore[attr-defined]
    label = energy_criterion(qn)
    number = label.split(" ")[0]

    def tab_until(js: str, limit: int = 150) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(f"() => {{ const el = document.activeElement; return !!el && ({js}); }}"):
                return
        raise AssertionError(f"Tab never reached: {js}")

    tab_until(f"el.matches('button.sme-nav') && el.innerText.trim().startsWith('{number} ')")
    assert page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle") != "none"  # visible focus
    page.keyboard.press("Enter")
    page.wait_for_selector(f".sme-page-title:has-text('{label.strip(' ·')}')")
    tab_until("el.matches('.sme-main .sme-q input[type=radio]')")
    page.keyboard.press("Space")
    page.locator(".sme-status", has_text="Alle Änderungen gespeichert").wait_for()
    answers = on_disk(workshop.cohort / "alpha.json")["answers"]  # type: ignore[attr-defined]
    chosen = [qid for qid in answers if qn.questions[qid].criterion == int(number)]
    assert chosen, "the key press saved no answer on the chosen page"
    page.context.close()


@pytest.mark.slow
@pytest.mark.browser
def test_every_control_has_a_name_a_screen_reader_announces(
    workshop: object, chromium: object, qn: Questionnaire
) -> None:
    page = open_link(chromium, workshop.links["alpha"], DESKTOP)  # type: ignore[attr-defined]
    go_to(page, t("form.profile", "de"))  # the form reopens where the company left it
    page.locator(".sme-form .sme-profile-input input").first.wait_for()
    assert unnamed_controls(page) == []
    go_to(page, energy_criterion(qn))
    page.locator(".sme-main details.sme-refs summary").first.wait_for()
    assert unnamed_controls(page) == []
    page.context.close()


@pytest.fixture
def jupyterlab(tmp_path: Path):
    """JupyterLab as a participant starts it from the project's environment, on a copy of the notebook, with
    nothing of this machine's own Jupyter settings (empty config, settings and workspace folders)."""
    import secrets
    import subprocess
    import sys
    import time
    import urllib.request

    from tests.test_workshop_e2e import stop_server

    installed = [
        Path(sys.prefix) / "share/jupyter/lab/settings/overrides.d/sme-toolkit.json",
        Path(sys.prefix) / "etc/jupyter/jupyter_server_config.d/sme-toolkit.json",
    ]
    missing = [str(p) for p in installed if not p.exists()]
    if missing:
        pytest.fail(f"the toolkit's Jupyter settings are not installed ({', '.join(missing)}): run make setup")
    work = tmp_path / "project"
    (work / "notebooks").mkdir(parents=True)
    (work / "reports").mkdir()
    shutil.copy(ROOT / "notebooks" / "assessment.ipynb", work / "notebooks" / "assessment.ipynb")
    home = tmp_path / "home"
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "lab-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
        "IPYTHONDIR": str(home / "ipython"),
    }
    token = secrets.token_urlsafe(16)
    log = tmp_path / "lab.log"
    # port 0: the system picks a free port as the server binds it; the server's info file says which
    args = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--port=0", f"--ServerApp.root_dir={work}",
            f"--IdentityProvider.token={token}"]  # fmt: skip
    if os.geteuid() == 0:
        args.append("--ServerApp.allow_root=True")
    with open(log, "wb") as out:
        proc = subprocess.Popen(args, env=env, cwd=work, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    base = ""
    deadline = time.monotonic() + 90
    while True:
        if proc.poll() is not None:
            pytest.fail(f"JupyterLab exited:\n{log.read_text()}")
        try:
            if not base:
                info = json.loads(next((home / "runtime").glob("jpserver-*.json")).read_text(encoding="utf-8"))
                base = f"http://127.0.0.1:{info['port']}"
            with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5) as resp:
                if resp.status == 200:
                    break
        except (OSError, StopIteration, ValueError, KeyError):  # not started yet, or its info file half-written
            pass
        if time.monotonic() > deadline:
            stop_server(proc)
            pytest.fail(f"JupyterLab did not start:\n{log.read_text()}")
        time.sleep(0.3)
    try:
        yield {"url": f"{base}/lab/tree/notebooks/assessment.ipynb?token={token}", "work": work}
    finally:
        stop_server(proc)


@pytest.mark.slow
@pytest.mark.browser
def test_in_jupyterlab_the_notebook_asks_which_company_and_stays_unchanged(
    jupyterlab: dict, chromium: object, qn: Questionnaire
) -> None:
    work: Path = jupyterlab["work"]
    shipped = (work / "notebooks" / "assessment.ipynb").read_bytes()
    page = chromium.new_context(viewport={"width": 1024, "height": 768}).new_page()  # type: ignore[attr-defined]
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(jupyterlab["url"])
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell")
    page.wait_for_selector(".jp-StatusBar-TextItem:has-text('| Idle')")  # the kernel is up, the app restored
    # no news popup: JupyterLab asks before the kernel is up when it asks at all (the shipped settings say no)
    assert page.get_by_text("official Jupyter news").count() == 0
    assert page.locator(".jp-Notification-Status-Text").inner_text().strip() == "0"
    # the code is folded away: a placeholder, no editor
    assert page.locator(".jp-CodeCell .jp-InputPlaceholder").is_visible()
    assert page.locator(".jp-CodeCell .cm-editor").count() == 0
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    page.wait_for_selector(".sme-pick")
    shoot(page, "jupyterlab-1024x768-which-company")
    page.locator(".sme-pick input[type=text]").fill("Müller & Söhne GmbH")
    page.wait_for_selector(".sme-pick-id:has-text('mueller-soehne-gmbh.json')")
    page.locator(".sme-pick button", has_text=t("form.pick_create", "de")).click()
    page.wait_for_selector(".sme-form .sme-strip")
    created = work / "reports" / "responses" / "mueller-soehne-gmbh.json"
    assert on_disk(created)["company"] == {"id": "mueller-soehne-gmbh", "name": "Müller & Söhne GmbH"}
    # beside the file browser the form gets less than 800 px: contents in the block, nothing clipped
    assert page.evaluate("() => document.querySelector('.sme-form').getBoundingClientRect().width") < 800
    assert page.locator("button.sme-toc-toggle").is_visible()
    go_to(page, energy_criterion(qn))
    assert page.locator(".sme-form .sme-unit select").count() >= 3
    assert page.evaluate(CLIPPED_SELECTS_JS) == []
    assert page.evaluate(OUT_OF_SCREEN_JS) == []
    shoot(page, "jupyterlab-1024x768-energy")
    page.evaluate(SCROLL_TO_END_JS)
    page.wait_for_function("() => document.querySelector('.sme-pager').getBoundingClientRect().bottom <= innerHeight")
    strip = page.evaluate(STRIP_IN_VIEW_JS)
    assert strip["onTop"] and 0 <= strip["top"] <= 20, strip  # the progress bar stays at the notebook's top
    shoot(page, "jupyterlab-1024x768-energy-scrolled")
    # saving (what autosave and closing the tab do) writes the notebook back as shipped
    page.locator(".lm-MenuBar-itemLabel", has_text="File").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Save Notebook").first.click()
    page.wait_for_selector(".lm-TabBar-tab.jp-mod-dirty", state="detached")
    assert (work / "notebooks" / "assessment.ipynb").read_bytes() == shipped
    page.context.close()
