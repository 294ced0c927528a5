"""Views layer: the data a company report, a scorecard or a cohort report shows, computed once from scores.

Builds on definitions, responses and scoring; never renders anything itself.
"""
