"""``toolkit schema``: the JSON Schema of a document type."""

from __future__ import annotations

import json

import click


@click.command("schema")
@click.argument("kind", type=click.Choice(["response"]))
def schema(kind: str) -> None:
    """Print the JSON Schema of a document type."""
    from toolkit.responses import response_schema

    click.echo(json.dumps(response_schema(), indent=2, ensure_ascii=False))
