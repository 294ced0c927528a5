"""Widget factory that shares Layout and style models between widgets that never change them.

Every ipywidget normally brings its own Layout and style model, i.e. three models per visible element. Each
model costs a message from the kernel, work for the server that relays it and work for the browser, so a
form page of 15 questions would need some 800 models. Sharing cuts that to about a third, which is what keeps
the workshop app quick with 30 participants on two cores. A widget whose layout changes (shown or hidden)
asks for its own layout with ``own_layout=True``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as w

from toolkit.i18n import LANG_NAMES, LANGS, t


class Kit:
    def __init__(self) -> None:
        self._layouts: dict[tuple[tuple[str, Any], ...], w.Layout] = {}
        self._styles: dict[type, w.Widget] = {}

    def layout(self, **kw: Any) -> w.Layout:
        key = tuple(sorted(kw.items()))
        found = self._layouts.get(key)
        if found is None:
            found = self._layouts[key] = w.Layout(**kw)
        return found

    def _style(self, cls: type[Any]) -> dict[str, Any]:  # a widget class (ipywidgets has no types)
        trait = cls.class_traits().get("style")
        if trait is None:
            return {}
        style_cls = trait.klass
        found = self._styles.get(style_cls)
        if found is None:
            found = self._styles[style_cls] = style_cls()
        return {"style": found}

    def make(
        self,
        cls: type,
        *,
        classes: tuple[str, ...] = (),
        own_layout: bool = False,
        layout: dict[str, Any] | None = None,
        **kw: Any,
    ) -> Any:
        lay = w.Layout(**(layout or {})) if own_layout else self.layout(**(layout or {}))
        widget = cls(layout=lay, **self._style(cls), **kw)
        for name in classes:
            widget.add_class(name)
        return widget

    # the widgets the form uses
    def html(self, value: str = "", *classes: str, own_layout: bool = False, **layout: Any) -> w.HTML:
        return self.make(w.HTML, value=value, classes=classes, own_layout=own_layout, layout=layout)

    def vbox(self, children: list[Any], *classes: str, own_layout: bool = False, **layout: Any) -> w.VBox:
        return self.make(w.VBox, children=children, classes=classes, own_layout=own_layout, layout=layout)

    def hbox(self, children: list[Any], *classes: str, own_layout: bool = False, **layout: Any) -> w.HBox:
        return self.make(w.HBox, children=children, classes=classes, own_layout=own_layout, layout=layout)

    def button(self, description: str, *classes: str, own_layout: bool = False, **kw: Any) -> w.Button:
        layout = kw.pop("layout", None)
        return self.make(w.Button, description=description, classes=classes, own_layout=own_layout, layout=layout, **kw)

    def checkbox(self, description: str, *classes: str, **kw: Any) -> w.Checkbox:
        layout = kw.pop("layout", None)
        return self.make(w.Checkbox, description=description, indent=False, value=False, classes=classes,
                         layout=layout, **kw)  # fmt: skip

    def text(self, *classes: str, label: str | None = None, **kw: Any) -> w.Text:
        layout = kw.pop("layout", None)
        return self.make(w.Text, continuous_update=True, classes=_sr(classes, label), layout=layout,
                         **_described(label), **kw)  # fmt: skip

    def textarea(self, *classes: str, label: str | None = None, **kw: Any) -> w.Textarea:
        layout = kw.pop("layout", None) or {"width": "100%"}
        return self.make(w.Textarea, continuous_update=True, classes=_sr(classes, label), layout=layout,
                         **_described(label), **kw)  # fmt: skip

    def combobox(self, options: list[str], *classes: str, label: str | None = None, **kw: Any) -> w.Combobox:
        """A text field with a searchable list of suggestions; any text may still be typed."""
        layout = kw.pop("layout", None)
        return self.make(w.Combobox, options=options, ensure_option=False, classes=_sr(classes, label),
                         layout=layout, **_described(label), **kw)  # fmt: skip

    def radio(self, options: list[tuple[str, str]], *classes: str, **kw: Any) -> w.RadioButtons:
        return self.make(w.RadioButtons, options=options, value=None, classes=classes, layout={"width": "100%"}, **kw)

    def language_toggle(self, lang: str, on_change: Callable[[str], None]) -> w.ToggleButtons:
        """The switch between the toolkit's languages, each named in its own words; calls ``on_change`` with the
        language chosen."""
        names = [LANG_NAMES[code] for code in LANGS]
        toggle = self.make(
            w.ToggleButtons,
            options=list(zip(names, LANGS, strict=True)),
            value=lang,
            classes=("sme-lang", "sme-sr"),
            description=t("form.language", lang),
            tooltips=names,
        )
        toggle.observe(lambda ch: on_change(ch["new"]), names="value")
        return toggle

    def dropdown(
        self, options: list[tuple[str, Any]], value: Any, *classes: str, label: str | None = None, **kw: Any
    ) -> w.Dropdown:
        layout = kw.pop("layout", None)
        return self.make(w.Dropdown, options=options, value=value, classes=_sr(classes, label), layout=layout,
                         **_described(label), **kw)  # fmt: skip


def _described(label: str | None) -> dict[str, Any]:
    """The field's label as its description: ipywidgets ties it to the input (``<label for>``), so a screen
    reader announces it; the class ``sme-sr`` keeps it off the screen where the question text says it."""
    return {"description": label, "description_allow_html": False} if label else {}


def _sr(classes: tuple[str, ...], label: str | None) -> tuple[str, ...]:
    return (*classes, "sme-sr") if label else classes
