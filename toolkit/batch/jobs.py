"""Render jobs: what to render, the hash of its inputs, and the outcome of each company.

Planning reads and checks every response before any worker starts, so an invalid file becomes a failed
outcome with its located message instead of stopping the batch. It is also the only time a batch reads a
response file or the cohort summary: each job carries the response's checked text and the loaded summary to its
worker, which scores the response once and hands the result to the report notebook.
"""

from __future__ import annotations

import glob
import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from toolkit import __version__
from toolkit.definitions.paths import PACKAGE
from toolkit.errors import ToolkitError

STATE_FILE = ".render-state.json"
MAX_ATTEMPTS = 2  # a company whose kernel, browser or worker died is tried once more before it counts as failed


@dataclass(frozen=True)
class Job:
    company_id: str
    response: str
    questionnaire: str
    lang: str
    cohort: str | None
    out_dir: str
    key: str  # hash of every input; unchanged key = nothing to render
    timeout: float = 120.0
    factors: str | None = None
    attempt: int = 1  # 2 when this is the one retry after the kernel, browser or worker died
    # what planning read, so that no worker reads it again: the response file's checked text, the cohort summary
    document: str | None = field(default=None, repr=False, compare=False)
    summary: Any = field(default=None, repr=False, compare=False)  # a CohortSummary


@dataclass
class Outcome:
    company_id: str
    response: str
    status: str  # rendered | skipped | failed
    seconds: float = 0.0
    pdf: str | None = None
    scorecard: str | None = None
    error: str | None = None
    stage: str | None = None
    worker: str | None = None
    attempts: int = 1

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class Plan:
    jobs: list[Job] = field(default_factory=list)
    skipped: list[Outcome] = field(default_factory=list)
    failed: list[Outcome] = field(default_factory=list)


def response_files(inputs: list[str]) -> list[Path]:
    """Expand folders (all *.json inside), globs and files into a sorted, de-duplicated list."""
    found: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            found += sorted(x for x in p.glob("*.json") if not x.name.startswith("."))
        elif any(ch in item for ch in "*?["):
            found += sorted(Path(x) for x in glob.glob(item))
        else:
            found.append(p)
    seen: set[Path] = set()
    out = []
    for f in found:
        r = f.resolve()
        if r not in seen:
            seen.add(r)
            out.append(f)
    return out


def _sha(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(hashlib.sha256(part).digest())
    return h.hexdigest()


PACKAGE_ROOT = PACKAGE  # the installed toolkit package


def template_fingerprint(package: Path | None = None) -> bytes:
    """A hash of everything of the toolkit that can change a report: every file of the installed package (code,
    templates, data; bytecode caches left out) by its path inside the package, the package version and the report
    notebook. Deliberately no hand list of files, so a change anywhere (model, applicability, i18n, ...) renders
    the reports again."""
    from toolkit.rendering.execute import NOTEBOOK

    root = package or PACKAGE_ROOT
    files = sorted(
        f
        for f in root.rglob("*")
        if f.is_file() and "__pycache__" not in f.relative_to(root).parts and f.suffix != ".pyc"
    )
    h = hashlib.sha256(f"toolkit {__version__}".encode())
    for f in files:
        h.update(f.relative_to(root).as_posix().encode() + b"\0" + hashlib.sha256(f.read_bytes()).digest())
    h.update(b"notebook\0" + hashlib.sha256(NOTEBOOK.read_bytes() if NOTEBOOK.is_file() else b"").digest())
    return h.digest()


def load_state(out_dir: Path) -> dict[str, str]:
    try:
        data = json.loads((out_dir / STATE_FILE).read_text())
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def state_key(company_id: str, lang: str) -> str:
    return f"{company_id}:{lang}"


class OutputNamer:
    """Where a company's PDF and scorecard go (a callable: (out_dir, company_id, lang) -> (pdf, json))."""

    def __call__(self, out_dir: Path, company_id: str, lang: str) -> tuple[Path, Path]:
        from toolkit.rendering.files import output_paths

        paths = output_paths(out_dir, company_id, lang)
        return paths["pdf"], paths["scorecard"]


def plan(
    inputs: list[str],
    out_dir: Path,
    questionnaire: Path,
    lang: str,
    cohort: Path | None,
    force: bool,
    timeout: float,
    expected_outputs: OutputNamer,
    factors: Path | None = None,
) -> Plan:
    """Check every response and decide what to render; unchanged inputs with existing outputs are skipped."""
    from toolkit.definitions.loader import load_questionnaire
    from toolkit.responses import parse_response, read_json

    result = Plan()
    qn = load_questionnaire(questionnaire)
    summary = None
    if cohort is not None:
        from toolkit.views.cohort_summary import load_cohort_summary

        summary = load_cohort_summary(cohort)  # a broken summary fails the whole batch once, with its location
    fixed = _sha(
        questionnaire.read_bytes(),
        json.dumps({**asdict(summary), "path": ""}, sort_keys=True).encode() if summary else b"",
        template_fingerprint(),
        lang.encode(),
        factors.read_bytes() if factors else b"",
    )
    state = {} if force else load_state(out_dir)
    seen_ids: dict[str, str] = {}
    for path in response_files(inputs):
        try:  # the one time this batch reads the file
            data, text = read_json(path)
            resp = parse_response(data, qn, str(path), text)
        except ToolkitError as exc:
            result.failed.append(Outcome(path.stem, str(path), "failed", error=str(exc), stage="load"))
            continue
        except OSError as exc:
            result.failed.append(Outcome(path.stem, str(path), "failed", error=f"{path}: {exc.strerror}", stage="load"))
            continue
        cid = resp.company.id
        if cid in seen_ids:
            result.failed.append(
                Outcome(
                    cid,
                    str(path),
                    "failed",
                    stage="load",
                    error=f"{path}: company id '{cid}' is also used by {seen_ids[cid]}; each company needs its own id",
                )
            )
            continue
        seen_ids[cid] = str(path)
        key = _sha(fixed.encode(), text.encode("utf-8"))
        pdf, card = expected_outputs(out_dir, cid, lang)
        if state.get(state_key(cid, lang)) == key and pdf.exists() and card.exists():
            result.skipped.append(Outcome(cid, str(path), "skipped", pdf=str(pdf), scorecard=str(card)))
            continue
        result.jobs.append(
            Job(
                cid,
                str(path),
                str(questionnaire),
                lang,
                str(cohort) if cohort else None,
                str(out_dir),
                key,
                timeout,
                str(factors) if factors else None,
                document=text,
                summary=summary,
            )
        )
    return result
