"""Definitions layer: the questionnaire model, its YAML source and loader, units, factor tables and shipped paths.

Imports nothing else of the toolkit except ``toolkit.errors`` and ``toolkit.i18n``.
"""
