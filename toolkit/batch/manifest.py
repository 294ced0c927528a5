"""The batch manifest (CSV and JSON) and the summary table printed at the end of a run."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from toolkit.atomic import atomic_write_text
from toolkit.batch.jobs import Outcome

STATUSES = ("rendered", "skipped", "failed", "interrupted")
COLUMNS = ("company", "status", "seconds", "output", "scorecard", "error", "stage", "response", "attempts")


def write_manifest(
    outcomes: list[Outcome], out_dir: Path, wall_seconds: float, workers: int, peak_rss: dict[str, int] | None = None
) -> tuple[Path, Path]:
    rows = [
        {
            "company": o.company_id,
            "status": o.status,
            "seconds": round(o.seconds, 3),
            "output": o.pdf or "",
            "scorecard": o.scorecard or "",
            "error": o.error or "",
            "stage": o.stage or "",
            "response": o.response,
            "attempts": o.attempts,
        }
        for o in sorted(outcomes, key=lambda o: o.company_id)
    ]
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    csv_path, json_path = out_dir / "manifest.csv", out_dir / "manifest.json"
    atomic_write_text(csv_path, buf.getvalue())
    counts = {s: sum(1 for o in outcomes if o.status == s) for s in STATUSES}
    doc = {
        "format": "sme-toolkit-render-manifest/1",
        "workers": workers,
        "wall_seconds": round(wall_seconds, 3),
        "counts": counts,
        # memory of each worker with its kernel and browser (PSS, sampled once a second)
        "peak_memory_mb_per_worker": {k: round(v / 2**20) for k, v in sorted((peak_rss or {}).items())},
        "companies": rows,
    }
    atomic_write_text(json_path, json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    return csv_path, json_path


def summary_table(outcomes: list[Outcome], wall_seconds: float) -> str:
    counts = {s: sum(1 for o in outcomes if o.status == s) for s in STATUSES}
    rendered = [o.seconds for o in outcomes if o.status == "rendered"]
    lines = [
        f"{counts['rendered']} rendered, {counts['skipped']} unchanged (skipped), {counts['failed']} failed"
        + (f", {counts['interrupted']} not rendered (interrupted)" if counts["interrupted"] else "")
        + f" in {wall_seconds:.1f} s"
        + (f" ({wall_seconds / len(rendered):.2f} s per rendered report)" if rendered else ""),
    ]
    failed = [o for o in outcomes if o.status == "failed"]
    if failed:
        lines.append("")
        lines.append(f"{'company':<24} {'stage':<8} error")
        for o in sorted(failed, key=lambda o: o.company_id):
            first = (o.error or "").strip().splitlines()[0] if o.error else ""
            more = " (more in manifest)" if o.error and "\n" in o.error.strip() else ""
            lines.append(f"{o.company_id[:24]:<24} {o.stage or '':<8} {first[:160]}{more}")
    return "\n".join(lines)
