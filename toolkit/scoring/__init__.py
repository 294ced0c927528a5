"""Scoring layer: maturity scores, KPIs, applicability, plausibility and the state of goals and actions.

Pure functions over a questionnaire and a parsed response; no file or network I/O beyond reading the shipped
factor table. Builds on ``toolkit.definitions`` and ``toolkit.responses`` only.
"""
