"""EFRAG's VSME Digital Template in and out, and the VSME Basic completeness view."""

from toolkit.views.vsme_completeness import COMPLETENESS_STATES, vsme_completeness
from toolkit.vsme.mapping import TEMPLATE, TEMPLATE_VERSION
from toolkit.vsme.template import ExportResult, ImportResult, export_vsme, import_vsme, read_template

__all__ = [
    "COMPLETENESS_STATES",
    "TEMPLATE",
    "TEMPLATE_VERSION",
    "ExportResult",
    "ImportResult",
    "export_vsme",
    "import_vsme",
    "read_template",
    "vsme_completeness",
]
