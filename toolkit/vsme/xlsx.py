"""The parts of an .xlsx file the VSME template needs, without rewriting the workbook.

openpyxl drops what it does not understand when it saves (the template's cell checkboxes, image and drawing
parts, data-validation extensions, cached formula results), so a filled template is written by editing the
XML of the few worksheet cells that change and copying every other part of the package byte for byte.
Reading guards against files that are not xlsx packages and against decompression bombs.
"""

from __future__ import annotations

import html
import os
import re
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl.utils.cell import column_index_from_string, get_column_letter

MAX_PARTS = 5_000  # zip entries
MAX_UNPACKED = 300 * 1024 * 1024  # bytes, all parts together
MAX_RATIO = 250  # unpacked / packed size of one part
NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


class PackageProblem(Exception):
    """The file is not an xlsx package this module can read; ``kind`` is not_zip | bomb | not_workbook."""

    def __init__(self, kind: str, detail: str) -> None:
        self.kind = kind
        self.detail = detail
        super().__init__(detail)


def open_package(path: str | Path) -> zipfile.ZipFile:
    """Open an xlsx package after checking its size before anything is unpacked."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise PackageProblem("not_zip", f"not an Excel workbook (.xlsx): {exc}") from None
    infos = zf.infolist()
    if len(infos) > MAX_PARTS:
        zf.close()
        raise PackageProblem("bomb", f"{len(infos)} parts in the package (at most {MAX_PARTS})")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED:
        zf.close()
        raise PackageProblem("bomb", f"{total / 1e6:,.0f} MB unpacked (at most {MAX_UNPACKED / 1e6:,.0f} MB)")
    for i in infos:
        if i.compress_size and i.file_size / i.compress_size > MAX_RATIO and i.file_size > 1_000_000:
            zf.close()
            raise PackageProblem(
                "bomb", f"the part {i.filename} unpacks {i.file_size / i.compress_size:,.0f} times its size"
            )
    if "xl/workbook.xml" not in zf.namelist():
        zf.close()
        raise PackageProblem("not_workbook", "the package has no xl/workbook.xml")
    return zf


@dataclass(frozen=True)
class Target:
    """Where a defined name points: a sheet and a rectangle of cells (1-based), or ``broken`` text."""

    sheet: str
    min_col: int
    min_row: int
    max_col: int
    max_row: int

    def cell(self, row_offset: int = 0, col_offset: int = 0) -> str:
        return f"{get_column_letter(self.min_col + col_offset)}{self.min_row + row_offset}"

    @property
    def rows(self) -> int:
        return self.max_row - self.min_row + 1

    def __str__(self) -> str:
        return f"'{self.sheet}'!{self.cell()}"


_DEFINED = re.compile(r"<definedName\b([^>]*)>(.*?)</definedName>", re.S)
_SHEET = re.compile(r"<sheet\b([^>]*)/>")
_ATTR = re.compile(r'([\w:]+)="([^"]*)"')
_REF = re.compile(r"^(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$")


def _attrs(text: str) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in _ATTR.findall(text)}


def defined_names(zf: zipfile.ZipFile) -> dict[str, str]:
    """Workbook-level defined names and the text they refer to (e.g. 'General Information'!$E$284)."""
    xml = zf.read("xl/workbook.xml").decode("utf-8")
    out: dict[str, str] = {}
    for attrs, body in _DEFINED.findall(xml):
        a = _attrs(attrs)
        if "localSheetId" in a:
            continue
        out[a.get("name", "")] = html.unescape(body)
    return out


def resolve(refers_to: str) -> Target | None:
    """The cells a defined name points to, or None when the reference is broken (#REF!, several areas ...)."""
    m = _REF.match(refers_to.strip())
    if not m:
        return None
    sheet = (m.group(1) or "").replace("''", "'") or (m.group(2) or "")
    c1, r1 = column_index_from_string(m.group(3)), int(m.group(4))
    c2 = column_index_from_string(m.group(5)) if m.group(5) else c1
    r2 = int(m.group(6)) if m.group(6) else r1
    return Target(sheet, c1, r1, c2, r2)


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the zip part holding its XML."""
    wb = zf.read("xl/workbook.xml").decode("utf-8")
    rels = zf.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    targets = {a["Id"]: a["Target"] for a in (_attrs(r) for r in re.findall(r"<Relationship\b([^>]*)/?>", rels))}
    out: dict[str, str] = {}
    for attrs in _SHEET.findall(wb):
        a = _attrs(attrs)
        target = targets.get(a.get("r:id", ""), "")
        out[a.get("name", "")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return out


# ---- writing ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Write:
    """A value for one cell. ``keep_formula``: a formula in the cell stays and ``value`` becomes its cached
    result (for totals the template computes from cells we fill); otherwise the value replaces the formula."""

    value: Any  # str | float | int | bool
    keep_formula: bool = False


_ROW = re.compile(r"<row\b([^>]*?)(?:/>|>(.*?)</row>)", re.S)
_CELL = re.compile(r"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
_FORMULA = re.compile(r"<f\b[^>]*?(?:/>|>.*?</f>)", re.S)


def _cell_xml(ref: str, old_attrs: str, old_body: str | None, w: Write) -> tuple[str, bool]:
    """The new <c> element and whether a formula was removed."""
    a = _attrs(old_attrs)
    keep = "".join(f' {k}="{html.escape(a[k], quote=True)}"' for k in ("s",) if k in a)
    formula_m = _FORMULA.search(old_body or "")
    formula = formula_m.group(0) if formula_m else ""
    shared_master = 't="shared"' in formula and "ref=" in formula
    use_formula = bool(formula) and (w.keep_formula or shared_master or 't="array"' in formula)
    dropped = bool(formula) and not use_formula
    v = w.value
    if isinstance(v, bool):
        return f'<c r="{ref}"{keep} t="b">{formula if use_formula else ""}<v>{int(v)}</v></c>', dropped
    if isinstance(v, int | float):
        return f'<c r="{ref}"{keep}>{formula if use_formula else ""}<v>{float(v)!r}</v></c>', dropped
    text = html.escape(str(v), quote=False)
    if use_formula:
        return f'<c r="{ref}"{keep} t="str">{formula}<v>{text}</v></c>', dropped
    return f'<c r="{ref}"{keep} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>', dropped


def _col_row(ref: str) -> tuple[int, int]:
    m = re.match(r"([A-Z]+)(\d+)$", ref)
    assert m, ref
    return column_index_from_string(m.group(1)), int(m.group(2))


def edit_sheet(xml: str, writes: Mapping[str, Write]) -> tuple[str, int]:
    """Set cells of one worksheet XML; returns the new XML and how many formulas were removed."""
    start = xml.index("<sheetData")
    if xml.startswith("<sheetData/>", start):
        xml = xml[:start] + "<sheetData></sheetData>" + xml[start + len("<sheetData/>") :]
    body_start = xml.index(">", start) + 1
    body_end = xml.index("</sheetData>", body_start)
    body = xml[body_start:body_end]
    by_row: dict[int, dict[str, Write]] = {}
    for ref, w in writes.items():
        by_row.setdefault(_col_row(ref)[1], {})[ref] = w
    dropped = 0
    rows = list(_ROW.finditer(body))
    out: list[str] = []
    pos = 0
    pending = sorted(by_row)

    def new_row(r: int) -> str:
        nonlocal dropped
        cells = []
        for ref, w in sorted(by_row[r].items(), key=lambda kv: _col_row(kv[0])[0]):
            c, d = _cell_xml(ref, "", None, w)
            dropped += d
            cells.append(c)
        return f'<row r="{r}">{"".join(cells)}</row>'

    for m in rows:
        r = int(_attrs(m.group(1))["r"])
        out.append(body[pos : m.start()])
        pos = m.end()
        while pending and pending[0] < r:
            out.append(new_row(pending.pop(0)))
        if pending and pending[0] == r:
            pending.pop(0)
            row_xml, d = _edit_row(m.group(1), m.group(2) or "", by_row[r])
            dropped += d
            out.append(row_xml)
        else:
            out.append(m.group(0))
    out.append(body[pos:])
    for r in pending:
        out.append(new_row(r))
    return xml[:body_start] + "".join(out) + xml[body_end:], dropped


def _edit_row(row_attrs: str, cells_xml: str, writes: Mapping[str, Write]) -> tuple[str, int]:
    todo = dict(writes)
    dropped = 0
    out: list[str] = []
    pos = 0
    for m in _CELL.finditer(cells_xml):
        ref = _attrs(m.group(1))["r"]
        col = _col_row(ref)[0]
        for other in sorted(todo, key=lambda x: _col_row(x)[0]):
            if _col_row(other)[0] < col:
                c, d = _cell_xml(other, "", None, todo.pop(other))
                out.append(c)
                dropped += d
        out.append(cells_xml[pos : m.start()])
        pos = m.end()
        if ref in todo:
            c, d = _cell_xml(ref, m.group(1), m.group(2), todo.pop(ref))
            out.append(c)
            dropped += d
        else:
            out.append(m.group(0))
    out.append(cells_xml[pos:])
    for other in sorted(todo, key=lambda x: _col_row(x)[0]):
        c, d = _cell_xml(other, "", None, todo[other])
        out.append(c)
        dropped += d
    row_attrs = re.sub(r'\s+spans="[^"]*"', "", row_attrs)
    return f"<row{row_attrs}>{''.join(out)}</row>", dropped


def write_package(src: zipfile.ZipFile, dst: Path, writes: Mapping[tuple[str, str], Write]) -> None:
    """Copy ``src`` to ``dst`` (atomically) with the cells in ``writes`` ((sheet, A1) -> Write) set."""
    parts = sheet_parts(src)
    per_part: dict[str, dict[str, Write]] = {}
    for (sheet, ref), w in writes.items():
        per_part.setdefault(parts[sheet], {})[ref] = w
    dropped = 0
    new_parts: dict[str, bytes] = {}
    for part, cells in per_part.items():
        xml, d = edit_sheet(src.read(part).decode("utf-8"), cells)
        dropped += d
        new_parts[part] = xml.encode("utf-8")
    skip: set[str] = set()
    if dropped and "xl/calcChain.xml" in src.namelist():
        # The calculation chain lists formula cells; Excel rebuilds it when it is missing.
        skip.add("xl/calcChain.xml")
        rels = src.read("xl/_rels/workbook.xml.rels").decode("utf-8")
        new_parts["xl/_rels/workbook.xml.rels"] = re.sub(
            r'<Relationship\b[^>]*Target="[^"]*calcChain\.xml"[^>]*/>', "", rels
        ).encode("utf-8")
        ct = src.read("[Content_Types].xml").decode("utf-8")
        new_parts["[Content_Types].xml"] = re.sub(
            r'<Override\b[^>]*PartName="/xl/calcChain\.xml"[^>]*/>', "", ct
        ).encode("utf-8")
    wb = src.read("xl/workbook.xml").decode("utf-8")
    if "fullCalcOnLoad" not in wb:  # Excel recalculates the template's own checks when the file is opened
        wb = re.sub(r"<calcPr\b", '<calcPr fullCalcOnLoad="1"', wb, count=1)
    new_parts["xl/workbook.xml"] = wb.encode("utf-8")
    dst.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{dst.name}.", suffix=".tmp", dir=dst.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w") as out:
            for info in src.infolist():
                if info.filename in skip:
                    continue
                data = new_parts.get(info.filename)
                if data is None:
                    out.writestr(info, src.read(info.filename))
                else:
                    out.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
        os.replace(tmp, dst)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
