"""Rendering layer shared by the company report and the cohort report: papermill execution, nbconvert export,
Chromium printing, output files, number and date formats, the chart base and HTML blocks.

The report and cohort packages build on this; neither imports the other.
"""
