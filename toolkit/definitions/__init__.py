"""Definitions layer: the questionnaire model, its YAML source and loader, the question types (``types/``, one
module per kind of question and their registry), units, factor tables and shipped paths.

Imports nothing else of the toolkit except ``toolkit.errors`` and ``toolkit.i18n``.
"""
