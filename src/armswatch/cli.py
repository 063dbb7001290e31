"""The armswatch command line: option parsing only; the work is done by library functions."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from armswatch.ingest import IngestError
from armswatch.records import ExtractionRecord

app = typer.Typer(
    help="armswatch: a sourced register of arms transfers and military cooperation, read from news.",
    no_args_is_help=True,
    add_completion=False,
)
err_console = Console(stderr=True)


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


@app.callback()
def main() -> None:
    """armswatch command line."""


def _table(records: list[ExtractionRecord]) -> Table:
    table = Table(title="Extracted events", show_lines=False)
    for column in ("doc", "type", "status", "roles", "date", "sources"):
        table.add_column(column, overflow="fold")
    for record in records:
        for event in record.events:
            roles = "; ".join(
                f"{k}={', '.join(v) if isinstance(v, list) else v}"
                for k, v in event.roles.items()
                if k != "value"
            )
            if "value" in event.roles:
                value = event.roles["value"]
                roles += f"; value={value['amount']:,.0f} {value['currency']}"
            sources = "; ".join(f"{a.source or '(article)'}: {a.stance}" for a in event.attributions)
            table.add_row(
                record.doc.id,
                event.type,
                event.status or "",
                roles,
                (event.date or {}).get("start") or "",
                sources,
            )
    return table


@app.command()
def extract(
    files: list[Path] = typer.Argument(
        ..., help="Text (.txt), HTML (.html) or JSON Lines (.jsonl) files, or folders."
    ),
    output_format: OutputFormat = typer.Option(OutputFormat.jsonl, "--format", "-f", help="Output format."),
    published: str | None = typer.Option(None, help="Publication date (YYYY-MM-DD) for inputs without one."),
    outlet: str | None = typer.Option(None, help="Outlet name for inputs without one."),
) -> None:
    """Extract sourced events from articles and print one contract record per document."""
    from armswatch.ontology import DataError
    from armswatch.pipeline import Pipeline

    failed = 0
    records: list[ExtractionRecord] = []
    try:
        pipeline = Pipeline()
    except (DataError, RuntimeError, OSError) as exc:
        err_console.print(
            f"[red]error[/red]: cannot start the pipeline: {exc}", highlight=False, soft_wrap=True
        )
        raise typer.Exit(code=2) from None
    for item in pipeline.extract_paths([str(f) for f in files], published=published, outlet=outlet):
        if isinstance(item, IngestError):
            failed += 1
            err_console.print(f"[red]error[/red]: {item}", highlight=False, soft_wrap=True)
            continue
        if output_format is OutputFormat.jsonl:
            sys.stdout.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            records.append(item)
    if output_format is OutputFormat.json:
        sys.stdout.write(json.dumps([r.to_dict() for r in records], ensure_ascii=False, indent=2) + "\n")
    elif output_format is OutputFormat.table:
        Console().print(_table(records))
    if failed:
        raise typer.Exit(code=1)


if __name__ == "__main__":
    app()
