"""``toolkit workshop``: serve the assessment form to a cohort, one secret link per company."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli.options import questionnaire_option

MAX_DEFAULT_POOL = 30


@click.command("workshop")
@click.argument("cohort_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: all networks).")
@click.option("--port", default=8866, show_default=True, type=click.IntRange(1, 65535))
@questionnaire_option
@click.option(
    "--companies",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="CSV with the columns company_id and name (comma or semicolon; the links CSV uses the same); creates a "
    "response file per new company.",
)
@click.option(
    "--links",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the links CSV (default: COHORT_DIR/workshop-links.csv).",
)
@click.option("--public-url", help="Address in the links, e.g. http://192.168.1.20:8866 (default: from host and port).")
@click.option(
    "--pool-size",
    type=click.IntRange(0, 200),
    help=f"Kernels kept started and ready (default: one per company, at most {MAX_DEFAULT_POOL}).",
)
@click.option(
    "--max-kernels",
    type=click.IntRange(1, 1000),
    help="Most companies with the form open at once, each holding one kernel of about 70 MB; the pool of "
    "ready kernels stays within it too (default: every company plus 3 for reloads).",
)
@click.option("--new-links", is_flag=True, help="Issue new links for everyone; all old links stop working.")
@click.option("--setup-only", is_flag=True, help="Create the files and links, but do not start the server.")
def workshop(
    cohort_dir: Path,
    host: str,
    port: int,
    questionnaire: Path | None,
    companies: Path | None,
    links: Path | None,
    public_url: str | None,
    pool_size: int | None,
    max_kernels: int | None,
    new_links: bool,
    setup_only: bool,
) -> None:
    """Start the workshop app for the companies in COHORT_DIR (one <company-id>.json each).

    Writes one secret link per company and one for the facilitator's overview to a CSV (readable by you
    only). A link opens only its own company's form; answers are saved on every change.
    """
    from toolkit.definitions.loader import load_questionnaire
    from toolkit.definitions.paths import default_questionnaire
    from toolkit.form.workshop.cohort import cohort_companies, create_responses, csv_delimiter, read_companies_csv
    from toolkit.form.workshop.tokens import ensure_links

    qn_path = questionnaire or default_questionnaire()
    qn = load_questionnaire(qn_path)
    cohort_dir.mkdir(parents=True, exist_ok=True)
    if companies is not None:
        listed = read_companies_csv(companies)
        created = create_responses(cohort_dir, listed, qn)
        if created:
            click.echo(f"created {len(created)} response file(s) in {cohort_dir}")
    found = cohort_companies(cohort_dir)
    if not found:
        raise click.UsageError(
            f"{cohort_dir} holds no <company-id>.json files; pass --companies FILE.csv to create them"
        )
    shown_host = "127.0.0.1" if host in ("", "0.0.0.0", "::") else host
    base = public_url or f"http://{shown_host}:{port}"
    sep = csv_delimiter(companies.read_text(encoding="utf-8-sig")) if companies is not None else None
    link_rows, links_path = ensure_links(cohort_dir, found, base, links, rotate=new_links, delimiter=sep)
    click.echo(f"{len(found)} companies; links for each (readable by you only): {links_path}")
    click.echo(f"facilitator overview: {link_rows[0].url}")
    if setup_only:
        return
    from toolkit.form.workshop.server import default_max_kernels, serve

    cap = max_kernels if max_kernels is not None else default_max_kernels(len(found))
    pool = min(pool_size if pool_size is not None else min(len(found), MAX_DEFAULT_POOL), cap)
    click.echo(
        f"starting the server on {host}:{port} with {pool} kernel(s) kept ready and at most {cap} forms open "
        "at once (--max-kernels); stop with Ctrl+C"
    )
    serve(cohort_dir, qn, Path(qn_path), host=host, port=port, pool_size=pool, max_kernels=cap, public_url=base)
