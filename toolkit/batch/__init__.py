"""Batch rendering for facilitators: every company's report of a cohort on warm workers, here or on Dask."""

from toolkit.batch.run import BatchResult, render_batch

__all__ = ["BatchResult", "render_batch"]
