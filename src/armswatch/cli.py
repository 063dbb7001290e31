"""The armswatch command line: option parsing only; the work is done by library functions."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.table import Table
from typer.core import TyperGroup

from armswatch.ingest import IngestError
from armswatch.normalise import published_date
from armswatch.records import ExtractionRecord
from armswatch.store import database_url
from armswatch.terminal import console as terminal_console
from armswatch.terminal import message, plain
from armswatch.terminal import table as plain_table

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from armswatch.pipeline import IngestSummary
    from armswatch.sources import FeedPoll
    from armswatch.store import Store

app = typer.Typer(
    help="armswatch: a sourced register of arms transfers and military cooperation, read from news.",
    no_args_is_help=True,
    add_completion=False,
)
err_console = terminal_console(stderr=True)


class Engine(StrEnum):
    local = "local"
    dask = "dask"


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
    # every cell is article text: plain, never markup
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
                plain(record.doc.id),
                plain(event.type),
                plain(event.status or ""),
                plain(roles),
                plain((event.date or {}).get("start") or ""),
                plain(sources),
            )
    return table


@app.command()
def extract(
    files: list[Path] = typer.Argument(
        ..., help="Text (.txt), HTML (.html) or JSON Lines (.jsonl) files, or folders."
    ),
    output_format: OutputFormat = typer.Option(OutputFormat.jsonl, "--format", "-f", help="Output format."),
    published: str | None = typer.Option(
        None, help="Publication date for inputs without one: YYYY, YYYY-MM, YYYY-MM-DD or an RFC 3339 time."
    ),
    outlet: str | None = typer.Option(None, help="Outlet name for inputs without one."),
) -> None:
    """Extract sourced events from articles and print one contract record per document."""
    from armswatch.ontology import DataError
    from armswatch.pipeline import Pipeline

    failed = 0
    records: list[ExtractionRecord] = []
    published, warning = published_date(published)
    if warning:
        err_console.print(message("warning", "--published", warning))
    # inputs first: a missing file is said at once, before the model takes seconds to load
    missing = [f for f in files if not f.exists()]
    for path in missing:
        err_console.print(message("error", path, "no such file or folder"), soft_wrap=True)
    files = [f for f in files if f.exists()]
    if not files:
        raise typer.Exit(code=1)
    failed += len(missing)
    try:
        pipeline = Pipeline()
    except (DataError, RuntimeError, OSError) as exc:
        err_console.print(message("error", "cannot start the pipeline", exc), soft_wrap=True)
        raise typer.Exit(code=2) from None
    for item in pipeline.extract_paths([str(f) for f in files], published=published, outlet=outlet):
        if isinstance(item, IngestError):
            failed += 1
            err_console.print(message("error", item), soft_wrap=True)
            continue
        for note in item.doc.warnings:
            err_console.print(message("warning", item.doc.source_path or item.doc.id, note))
        if output_format is OutputFormat.jsonl:
            sys.stdout.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            records.append(item)
    if output_format is OutputFormat.json:
        sys.stdout.write(json.dumps([r.to_dict() for r in records], ensure_ascii=False, indent=2) + "\n")
    elif output_format is OutputFormat.table:
        terminal_console().print(_table(records))
    if failed:
        raise typer.Exit(code=1)


db_app = typer.Typer(help="Database schema commands.", no_args_is_help=True)
app.add_typer(db_app, name="db")
DB_OPTION = typer.Option(
    None, "--db", help="Database URL (default: $ARMSWATCH_DB or sqlite:///armswatch.db)."
)


def _open_store(db: str | None) -> Store:
    from armswatch.store import StoreError, open_store

    try:
        return open_store(db)
    except StoreError as exc:
        err_console.print(message("error", _shown_url(db), exc), soft_wrap=True)
        raise typer.Exit(code=2) from None
    except Exception as exc:  # a bad URL or driver: one line, never a traceback
        problem = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
        err_console.print(message("error", _shown_url(db), problem), soft_wrap=True)
        raise typer.Exit(code=2) from None


def _shown_url(db: str | None) -> str:
    """The database URL for messages, with any password masked."""
    from sqlalchemy.engine import make_url

    url = database_url(db)
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a URL SQLAlchemy can parse: shown as given
        return url


@contextmanager
def _database_errors(db: str | None) -> Iterator[None]:
    """A database that fails during a command (connection lost, disk full, read-only file): one line that
    names the database and the problem, exit code 2, never a traceback."""
    from sqlalchemy.exc import SQLAlchemyError

    from armswatch.pipeline import database_unusable
    from armswatch.store import StoreError

    try:
        yield
    except StoreError as exc:
        problem = str(exc)
    except SQLAlchemyError as exc:
        orig = getattr(exc, "orig", None) or exc
        problem = database_unusable(exc) or (str(orig).strip().splitlines() or [repr(orig)])[0]
    else:
        return
    err_console.print(message("error", _shown_url(db), problem), soft_wrap=True)
    raise typer.Exit(code=2)


@db_app.command("upgrade")
def db_upgrade(db: str | None = DB_OPTION) -> None:
    """Create or migrate the schema to this version."""
    store = _open_store(db)
    terminal_console().print(plain(f"schema at {store.engine.dialect.name} revision head"))


def _progress_bar(label: str) -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn(f"[bold]{label}[/bold]", markup=True),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}", markup=False),
        TimeElapsedColumn(),
        console=err_console,
        transient=False,
        disable=not err_console.is_terminal,  # into a pipe or a log: the summary line alone
    )


def _describe(summary: IngestSummary, seconds: float) -> str:
    done = summary.documents + summary.already_stored
    return (
        f"{done / max(seconds, 1e-6):.1f} docs/s · documents {summary.documents} (already stored "
        f"{summary.already_stored}, near-duplicates {summary.near_duplicates}, skipped "
        f"{summary.skipped}) · events {summary.events} · errors {summary.errors}"
    )


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files, folders (recursive), JSONL bulk files and URLs."),
    db: str | None = DB_OPTION,
    allow_private: bool = typer.Option(
        False, "--allow-private", help="Allow fetching private and loopback addresses (tests only)."
    ),
    prefilter: bool = typer.Option(
        True, "--prefilter/--no-prefilter", help="Skip the NLP for articles with no defence vocabulary."
    ),
    engine: Engine = typer.Option(Engine.local, "--engine", help="In-process, or on a Dask cluster."),
    workers: int = typer.Option(2, "--workers", help="Local Dask cluster size (with --engine dask)."),
    scheduler: str | None = typer.Option(None, "--scheduler", help="Dask scheduler, e.g. tcp://host:8786."),
) -> None:
    """Extract articles and store them, fused into cases."""
    import time

    from armswatch.pipeline import Pipeline
    from armswatch.pipeline import ingest as run_ingest

    # inputs first: a missing file is said at once, before the database is opened and the model loaded
    missing = [p for p in paths if "://" not in p and not Path(p).exists()]
    for path in missing:
        err_console.print(message("error", path, "no such file or folder"), soft_wrap=True)
    if missing and len(missing) == len(paths):
        raise typer.Exit(code=1)
    paths = [p for p in paths if p not in missing]
    store = _open_store(db)
    if engine is Engine.dask:
        from armswatch.scale import ingest_dask

        with _database_errors(db), _progress_bar("ingest (dask)") as progress:
            task = progress.add_task("starting the cluster", total=None)
            started = time.monotonic()

            def on_batch(summary: IngestSummary) -> None:
                done = summary.documents + summary.already_stored + summary.skipped + summary.errors
                progress.update(
                    task, completed=done, description=_describe(summary, time.monotonic() - started)
                )

            summary = ingest_dask(
                paths,
                database_url(db),
                workers=workers,
                scheduler=scheduler,
                prefilter=prefilter,
                allow_private=allow_private,
                on_progress=on_batch,
                on_error=lambda e: progress.console.print(message("error", e), soft_wrap=True),
            )
        err_console.print(
            plain(
                f"stored {summary.documents} documents ({summary.skipped} skipped by the pre-filter), "
                f"{summary.events} events; {summary.already_stored} already stored, {summary.errors} errors"
            )
        )
        raise typer.Exit(code=1 if summary.errors else 0)
    pipeline = Pipeline(prefilter=prefilter)
    with _database_errors(db), _progress_bar("ingest") as progress:
        task = progress.add_task("", total=None)

        started = time.monotonic()

        def on_progress(summary: IngestSummary, doc_id: str) -> None:
            progress.update(task, advance=1, description=_describe(summary, time.monotonic() - started))

        def on_error(error: IngestError) -> None:
            progress.console.print(message("error", error), soft_wrap=True)

        def on_warning(warning: IngestError) -> None:
            progress.console.print(message("warning", warning), soft_wrap=True)

        summary = run_ingest(
            pipeline,
            paths,
            store,
            on_progress=on_progress,
            on_error=on_error,
            allow_private=allow_private,
            on_warning=on_warning,
        )
    err_console.print(
        plain(
            f"stored {summary.documents} documents ({summary.skipped} skipped by the pre-filter), "
            f"{summary.events} events; {summary.already_stored} already stored, "
            f"{summary.near_duplicates} near-duplicates, {summary.errors} errors"
        )
    )
    if summary.errors or missing:
        raise typer.Exit(code=1)


@app.command()
def reprocess(db: str | None = DB_OPTION) -> None:
    """Re-extract stored documents with the current extractor."""
    import time

    from sqlalchemy import func, select

    from armswatch.pipeline import Pipeline
    from armswatch.pipeline import reprocess as run_reprocess
    from armswatch.store import DocumentRow

    store = _open_store(db)
    with _database_errors(db), _progress_bar("reprocess") as progress:
        with store.sessions() as session:
            total = session.scalar(select(func.count(DocumentRow.id))) or 0
        task = progress.add_task("", total=total)
        started = time.monotonic()

        def on_progress(done: int) -> None:
            rate = done / max(time.monotonic() - started, 1e-6)
            progress.update(task, completed=done, description=f"{rate:.1f} docs/s")

        done = run_reprocess(Pipeline(), store, on_progress=on_progress)
    err_console.print(plain(f"reprocessed {done} documents"))


class TableFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def _emit(
    rows: list[dict[str, Any]], columns: tuple[str, ...] | list[str], fmt: TableFormat, title: str
) -> None:
    if fmt is TableFormat.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n")
    elif fmt is TableFormat.csv:
        from armswatch.export import write_rows_csv

        write_rows_csv(rows, sys.stdout, columns)
    else:
        console = terminal_console()
        console.print(plain_table(title, columns, rows, width=console.width))


def _nothing_found(what: str, near: list[str] | None = None) -> None:
    """An empty result said on stderr (stdout stays a valid, empty table, CSV or JSON)."""
    hint = f"; did you mean {', '.join(repr(n) for n in near)}?" if near else ""
    err_console.print(plain(f"{what}{hint}"), soft_wrap=True)


EVENT_TYPES = "transfer, financing, agreement, exercise, deployment, meeting, combat_use, clash, or all"


users_app = typer.Typer(help="Named users with a role (reader, analyst, admin) and an API token.")
app.add_typer(users_app, name="users", no_args_is_help=True)


@contextmanager
def _user_errors(db: str | None) -> Iterator[None]:
    """A users command that cannot be done (a taken name, an unknown role or user): one line, exit code 2."""
    from armswatch.users import UserError

    try:
        with _database_errors(db):
            yield
    except UserError as exc:
        err_console.print(message("error", exc), soft_wrap=True)
        raise typer.Exit(code=2) from None


@users_app.command("add")
def users_add(
    name: str = typer.Argument(..., help="The user's name, as it will appear on what they do."),
    role: str = typer.Option("reader", "--role", help="reader, analyst or admin."),
    db: str | None = DB_OPTION,
) -> None:
    """Add a user and print their new API token, once: only a hash of it is stored."""
    from armswatch.users import add_user

    store = _open_store(db)
    with _user_errors(db), store.session() as session:
        user, token = add_user(session, name, role)
    err_console.print(
        plain(f"added {user.name} ({user.role}); their token, shown this once (keep it safe):"),
        soft_wrap=True,
    )
    sys.stdout.write(token + "\n")


@users_app.command("list")
def users_list(
    db: str | None = DB_OPTION,
    include_removed: bool = typer.Option(False, "--all", help="Also list removed users."),
    output_format: TableFormat = typer.Option(TableFormat.table, "--format", help="table, csv or json."),
) -> None:
    """The users by name, with their role and when they were added (never their tokens)."""
    from armswatch.users import list_users

    store = _open_store(db)
    with _user_errors(db), store.sessions() as session:
        users = list_users(session, include_removed)
    columns = ("name", "role", "created", "removed") if include_removed else ("name", "role", "created")
    rows = [
        {
            "name": u.name,
            "role": u.role,
            "created": u.created_at.isoformat(timespec="seconds") if u.created_at else None,
            "removed": u.removed_at.isoformat(timespec="seconds") if u.removed_at else None,
        }
        for u in users
    ]
    _emit([{c: r[c] for c in columns} for r in rows], columns, output_format, "Users")


@users_app.command("remove")
def users_remove(
    name: str = typer.Argument(..., help="The user's name."), db: str | None = DB_OPTION
) -> None:
    """Remove a user: their token and logins stop working; their name stays on what they did."""
    from armswatch.users import remove_user

    store = _open_store(db)
    with _user_errors(db), store.session() as session:
        user = remove_user(session, name)
    terminal_console().print(plain(f"removed {user.name} ({user.role})"))


class ReviewGroup(TyperGroup):
    """`review EVENT_ID ...` beside `review queue|log|orphans`: a first word that is a number is an event
    id, for the `event` command; Click alone would take it for a command's name."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:  # typer's own (vendored) click Context
        if args and args[0] not in self.commands and args[0].lstrip("-").isdigit():
            args = ["event", *args]
        return super().resolve_command(ctx, args)


review_app = typer.Typer(
    cls=ReviewGroup,
    no_args_is_help=True,
    help="Analyst review: armswatch review EVENT_ID --confirm | --reject [--reason R] | --set ROLE=VALUE "
    "... --by NAME [--note TEXT]; and the queue, the audit log and the orphaned decisions.",
)
app.add_typer(review_app, name="review")


class ReviewFormat(StrEnum):
    table = "table"
    json = "json"


class YesNo(StrEnum):
    yes = "yes"
    no = "no"


def _review_output(
    rows: list[dict[str, Any]], columns: tuple[str, ...], fmt: ReviewFormat, title: str
) -> None:
    for row in rows:  # a table shows a role map as "role=value; ..."; JSON keeps it whole
        if fmt is ReviewFormat.table and isinstance(row.get("roles"), dict):
            row["roles"] = "; ".join(
                f"{k}={', '.join(map(str, v)) if isinstance(v, list) else v}" for k, v in row["roles"].items()
            )
    _emit(rows, columns, TableFormat(fmt.value), title)


def _reviewer(session: Session, name: str) -> str:
    """The --by name, if it names an active user who may review; else one error line, exit 2."""
    from armswatch.users import list_users

    user = next((u for u in list_users(session) if u.name == name.strip()), None)
    if user is None:
        err_console.print(
            message("error", "--by", f"no user named {name!r} (armswatch users list shows them)"),
            soft_wrap=True,
        )
        raise typer.Exit(code=2)
    if not user.can("analyst"):
        err_console.print(
            message("error", "--by", f"{user.name} is a {user.role}; reviewing needs the analyst role"),
            soft_wrap=True,
        )
        raise typer.Exit(code=2)
    return user.name


@review_app.command("event")
def review_event_command(
    event_id: int = typer.Argument(..., help="The event's id (`armswatch case ID --format json`)."),
    confirm: bool = typer.Option(False, "--confirm", help="The machine read it right."),
    reject: bool = typer.Option(False, "--reject", help="It is wrong: it leaves its case."),
    changes: list[str] = typer.Option(
        None,
        "--set",
        help="ROLE=VALUE to correct: quantity=12, status=order, value='12000000 EUR', "
        "parties=France,Egypt, date=2024-05; ROLE= removes a role. Repeatable.",
    ),
    move_to: str | None = typer.Option(
        None, "--move-to", help="Move it into case CASE_ID, or 'new' to split it off into a case of its own."
    ),
    by: str = typer.Option(..., "--by", help="Who decides: an analyst's user name (armswatch users list)."),
    reason: str | None = typer.Option(
        None, "--reason", help="Why rejected: not_an_event, wrong_actors, duplicate or other (default)."
    ),
    note: str | None = typer.Option(None, "--note", help="A note for the audit trail."),
    db: str | None = DB_OPTION,
    output_format: ReviewFormat = typer.Option(ReviewFormat.table, "--format", help="table or json."),
) -> None:
    """Confirm, reject or correct one event (`armswatch review EVENT_ID ...`); its case is recomputed."""
    from armswatch.review import ReviewError, changes_from_options, input_problem, review_event

    flags = (("--confirm", confirm), ("--reject", reject), ("--set", changes), ("--move-to", move_to))
    chosen = [flag for flag, on in flags if on]
    if len(chosen) != 1:
        what = ", ".join(chosen) if chosen else "none"
        err_console.print(
            message("error", f"give one of --confirm, --reject, --set or --move-to (given: {what})")
        )
        raise typer.Exit(code=2)
    try:
        edits = changes_from_options(changes) if changes else None
        problem = input_problem(edits, note=note, reason=reason)
        if problem:
            raise ReviewError(problem.replace("changes.", "--set ", 1))
    except ReviewError as exc:
        err_console.print(message("error", exc), soft_wrap=True)
        raise typer.Exit(code=2) from None
    action = "confirm" if confirm else "reject" if reject else "edit" if changes else "move"
    if move_to is not None:
        target = move_to.strip()
        if target != "new" and not target.isdigit():
            err_console.print(message("error", f"--move-to {move_to!r}: give a case id or 'new'"))
            raise typer.Exit(code=2)
        edits = {"case": "new" if target == "new" else int(target)}
    store = _open_store(db)
    with _database_errors(db), store.sessions() as session:
        who = _reviewer(session, by)
        try:
            after = review_event(
                session, event_id, action, by=who, changes=edits, reason=reason, note=note
            )  # fmt: skip
        except ReviewError as exc:  # unknown event (exit 1, as `case`), a bad edit or reason (exit 2)
            session.rollback()
            err_console.print(message("error", f"event {event_id}", exc), soft_wrap=True)
            raise typer.Exit(code=1 if exc.status == 404 else 2) from None
    if output_format is ReviewFormat.json:
        sys.stdout.write(json.dumps(after, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    case = f"case {after['case']}" if after["case"] else "no case"
    line = f"event {event_id}: {after['review_state']} by {who} (version {after['version']}, {case})"
    terminal_console().print(plain(line), soft_wrap=True)


@review_app.command("queue")
def review_queue_command(
    limit: int = typer.Option(50, "--limit", min=1, max=10_000, help="How many events at most."),
    db: str | None = DB_OPTION,
    output_format: ReviewFormat = typer.Option(ReviewFormat.table, "--format", help="table or json."),
) -> None:
    """Unreviewed events, the riskiest case first (contested, single source, low confidence, large value,
    newest)."""
    from armswatch.review import review_queue

    store = _open_store(db)
    with _database_errors(db), store.sessions() as session:
        rows = review_queue(session, limit)
    if not rows:
        _nothing_found("no events wait for review")
    columns = (
        "event",
        "case",
        "risk",
        "type",
        "status",
        "roles",
        "contested",
        "origins",
        "outlet",
        "published",
    )
    _review_output(rows, columns, output_format, "Review queue")


@review_app.command("log")
def review_log_command(
    event: int | None = typer.Option(None, "--event", help="Only this event's entries."),
    case: int | None = typer.Option(None, "--case", help="Only this case's entries."),
    by: str | None = typer.Option(None, "--by", help="Only this person's entries."),
    limit: int = typer.Option(1000, "--limit", min=1, max=1_000_000, help="How many entries at most."),
    db: str | None = DB_OPTION,
    output_format: ReviewFormat = typer.Option(ReviewFormat.table, "--format", help="table or json."),
) -> None:
    """The audit trail, newest first: who did what to which event, the values before and after, the note."""
    from armswatch.review import audit_entries

    store = _open_store(db)
    with _database_errors(db), store.sessions() as session:
        rows = audit_entries(session, event_id=event, case_id=case, by=by, limit=limit)
    if not rows:
        _nothing_found("no audit entries")
    columns = ("at", "by", "event", "case", "action", "reason", "note")
    _review_output(rows, columns, output_format, "Audit log")


@review_app.command("orphans")
def review_orphans_command(
    db: str | None = DB_OPTION,
    output_format: ReviewFormat = typer.Option(ReviewFormat.table, "--format", help="table or json."),
) -> None:
    """Decisions whose event a reprocess did not re-create as it was read: for a person to look at."""
    from armswatch.review import orphaned_decisions

    store = _open_store(db)
    with _database_errors(db), store.sessions() as session:
        rows = orphaned_decisions(session)
    if not rows:
        _nothing_found("no orphaned decisions")
    columns = ("decision", "document_key", "action", "changes", "by", "at", "note")
    _review_output(rows, columns, output_format, "Orphaned decisions")


@app.command("register")
def register_command(
    db: str | None = DB_OPTION,
    supplier: str | None = typer.Option(
        None,
        help="Supplier's name or part of it (exact names use the index): 'Turkey', 'korea'; a company "
        "finds the deals it made: 'Leonardo'.",
    ),
    recipient: str | None = typer.Option(None, help="Recipient's name or part of it, as --supplier."),
    item: str | None = typer.Option(None, help="Part of the item's name: 'TB2', 'frigate'."),
    category: str | None = typer.Option(
        None,
        help="Item category: uav, combat_aircraft, helicopter, ship, submarine, armoured_vehicle, "
        "artillery, air_defence, missile, small_arms, ammunition, other.",
    ),
    event_type: str = typer.Option("transfer", "--type", help=f"Event type: {EVENT_TYPES}."),
    status: str | None = typer.Option(
        None, help="Stage: intent, offer, order, delivery (agreements: proposed, signed, ratified)."
    ),
    since: str | None = typer.Option(
        None, "--since", "--reported-since", help="Reported on or after: YYYY, YYYY-MM or YYYY-MM-DD."
    ),
    until: str | None = typer.Option(
        None, "--until", "--reported-until", help="Reported on or before: YYYY, YYYY-MM or YYYY-MM-DD."
    ),
    deal_since: str | None = typer.Option(
        None, help="The deal's own date (order, delivery, the event's day) on or after: YYYY[-MM[-DD]]."
    ),
    deal_until: str | None = typer.Option(None, help="The deal's own date on or before: YYYY[-MM[-DD]]."),
    undated: bool = typer.Option(
        True, "--undated/--no-undated", help="Keep the cases a date filter cannot place (no such date)."
    ),
    contested: bool = typer.Option(False, "--contested", help="Only cases that some source denies."),
    min_confidence: float | None = typer.Option(
        None, help="Only cases at least this likely read right, 0 to 1 (0.5 = 50%)."
    ),
    reviewed: YesNo | None = typer.Option(
        None, "--reviewed", help="yes: only cases an analyst reviewed; no: only those not yet reviewed."
    ),
    columns: str | None = typer.Option(
        None,
        "--columns",
        help="Comma-separated columns for the table and CSV (default: the main ones; 'all' for every "
        "column): case, type, supplier, recipient, maker, parties, item, category, quantity, order_date, "
        "delivery_dates, value_usd, status, first_reported, last_reported, sources, origins, contested, "
        "denied_by, stances, state_media_only, confidence, reviewed, source_list.",
    ),
    output_format: TableFormat = typer.Option(TableFormat.table, "--format", help="table, csv or json."),
) -> None:
    """One row per case (SIPRI-register style for transfers)."""
    from armswatch.query import (
        REGISTER_COLUMNS,
        REGISTER_DEFAULT_COLUMNS,
        RegisterFilters,
        confidence_problem,
        near_actor_names,
        register,
        register_value_problem,
        undated_counts,
    )

    known = ("type", "parties", *REGISTER_COLUMNS)
    if columns is None:
        chosen = list(REGISTER_DEFAULT_COLUMNS if output_format is TableFormat.table else REGISTER_COLUMNS)
        if event_type == "all":  # every type: say which, and the sides of exercises, clashes, meetings
            chosen[1:1] = ["type"]
            chosen.insert(chosen.index("item"), "parties")
            if output_format is TableFormat.table:
                chosen.remove("delivery_dates")
        elif event_type != "transfer":  # one other type: its own sides (an agreement's parties...)
            from armswatch.export import export_columns

            wide = ("type", "origins", "first_reported", "last_reported", "state_media_only", "source_list")
            table = output_format is TableFormat.table
            chosen = [c for c in export_columns(event_type) if not table or c not in wide]
    elif columns.strip() == "all":
        chosen = list(known)
    else:
        chosen = [c.strip() for c in columns.split(",") if c.strip()]
        unknown = [c for c in chosen if c not in known]
        if unknown:
            err_console.print(message("error", "--columns", f"unknown column {', '.join(unknown)}"))
            raise typer.Exit(code=2)
    values = {
        "type": event_type,
        "category": category,
        "status": status,
        "since": since,
        "until": until,
        "deal_since": deal_since,
        "deal_until": deal_until,
    }
    for name, value in values.items():  # the page's and the API's check: a bad value is said, not ignored
        problem = value and register_value_problem(name, value, event_type)
        if problem:
            flag, _, why = problem.partition(": ")
            err_console.print(message("error", f"--{flag.replace('_', '-')}", why))
            raise typer.Exit(code=2)
    if min_confidence is not None and confidence_problem(min_confidence):
        why = str(confidence_problem(min_confidence)).partition(": ")[2]
        err_console.print(message("error", "--min-confidence", why))
        raise typer.Exit(code=2)
    store = _open_store(db)
    filters = RegisterFilters(
        supplier,
        recipient,
        item,
        category,
        event_type,
        status,
        since,
        until,
        True if contested else None,
        deal_since,
        deal_until,
        undated,
        min_confidence=min_confidence,
        reviewed=None if reviewed is None else reviewed is YesNo.yes,
    )
    with store.sessions() as session:
        typed = columns is None and event_type not in ("transfer", "all")
        rows = register(session, filters, extra=True if typed else None)
        if typed:
            from armswatch.export import typed_rows

            rows = typed_rows(rows)
        if event_type == "all":
            for row in rows:  # the parties have a column of their own here
                if row.get("parties") and row.get("type") == "agreement":
                    row["recipient"] = None
        if not rows:
            named = [(flag, v) for flag, v in (("supplier", supplier), ("recipient", recipient)) if v]
            near = [n for _, v in named for n in near_actor_names(session, v)]
            what = ", ".join(f"{flag} {v!r}" for flag, v in named) or "these filters"
            kind = "" if event_type == "all" else f"{event_type} "
            _nothing_found(f"no {kind}cases for {what}", near)
        for kind, count in undated_counts(session, filters).items():
            active = (since or until) if kind == "report" else (deal_since or deal_until)
            if active and count:  # a date filter never drops cases silently
                cases = f"{count} undated case{'' if count == 1 else 's'} (no {kind} date)"
                done = "kept; --no-undated hides them" if undated else f"hidden by the {kind}-date filter"
                err_console.print(plain(f"{cases}: {done}"), soft_wrap=True)
    _emit(rows, chosen, output_format, f"Register ({event_type})")


@app.command("case")
def case_command(
    case_id: int,
    db: str | None = DB_OPTION,
    output_format: TableFormat = typer.Option(TableFormat.table, "--format", help="table, csv or json."),
) -> None:
    """One case: its fused values, its status history, then each source with its stance and quote."""
    from armswatch.query import EVIDENCE_COLUMNS, case_detail, evidence_rows

    store = _open_store(db)
    with store.sessions() as session:
        detail = case_detail(session, case_id)
    if detail is None:
        err_console.print(message("error", f"no case {case_id}"))
        raise typer.Exit(code=1)
    if output_format is TableFormat.json:
        sys.stdout.write(json.dumps(detail, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    if output_format is TableFormat.csv:  # the evidence, one row per article and statement, to cite from
        _emit(evidence_rows(detail), EVIDENCE_COLUMNS, output_format, f"Case {case_id}")
        return
    rows = [
        {
            "document": r["document"]["title"] or r["document"]["name"],
            "outlet": r["document"]["name"],
            "published": r["document"]["published"],
            "source": a["source"] or "(article)",
            "stance": a["stance"],
            "quote": " … ".join(e["quote"] for e in r["evidence"]),
        }
        for r in detail["reports"]
        for a in r["attributions"]
    ]
    from armswatch.cite import readable_case
    from armswatch.terminal import case_view

    terminal_console().print(case_view(case_id, readable_case(detail), rows))


@app.command("timeline")
def timeline_command(
    actor: str = typer.Option(
        ..., "--actor", help="An actor's name or alias: 'Turkey', 'Türkiye', 'Baykar'."
    ),
    db: str | None = DB_OPTION,
    output_format: TableFormat = typer.Option(TableFormat.table, "--format", help="table, csv or json."),
) -> None:
    """An actor's events in date order."""
    from armswatch.query import near_actor_names, timeline

    store = _open_store(db)
    with store.sessions() as session:
        rows = timeline(session, actor)
        if not rows:
            _nothing_found(f"no events for actor {actor!r}", near_actor_names(session, actor))
    for row in rows:
        row["roles"] = "; ".join(
            f"{k}={', '.join(map(str, v)) if isinstance(v, list) else v}"
            for k, v in row["roles"].items()
            if k != "value"
        )
    _emit(
        rows,
        ("date", "type", "status", "role", "roles", "case", "document"),
        output_format,
        f"Timeline: {actor}",
    )


@app.command("search")
def search_command(
    query: str,
    db: str | None = DB_OPTION,
    output_format: TableFormat = typer.Option(TableFormat.table, "--format", help="table, csv or json."),
) -> None:
    """Full-text search over stored articles."""
    store = _open_store(db)
    rows = [{"id": i, "document": k, "title": t, "snippet": s} for i, k, t, s in store.search(query)]
    if not rows:
        _nothing_found(f"no articles match {query!r}")
    _emit(rows, ("id", "document", "title", "snippet"), output_format, f"Search: {query}")


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    ftm = "ftm"
    graphml = "graphml"
    sipri = "sipri"
    gold = "gold"


@app.command("export")
def export_command(
    output_format: ExportFormat = typer.Option(ExportFormat.jsonl, "--format"),
    output: Path | None = typer.Option(None, "--output", "-o", help="File to write (default: stdout)."),
    db: str | None = DB_OPTION,
    reviewed_only: bool = typer.Option(
        False, "--reviewed-only", help="gold: only the documents an analyst reviewed an event of."
    ),
) -> None:
    """Export contract records (jsonl), the register (csv), the transfer register as SIPRI's trade-register
    CSV (sipri), FollowTheMoney entities (ftm), the supplier -> recipient network (graphml), or the
    documents as gold files with the analysts' decisions (gold, into the folder -o names). A csv written
    to a file gets two files beside it:
    FILE-sources.csv (every source, its stance and quote) and FILE-events.csv (other event types)."""
    from armswatch.export import write_export, write_register_files

    store = _open_store(db)
    if output_format is ExportFormat.gold:
        from armswatch.review import write_gold

        if output is None:
            err_console.print(
                message("error", "--format gold writes a folder of gold files: give it with -o DIR")
            )
            raise typer.Exit(2)
        try:
            with store.sessions() as session:
                count = write_gold(session, output, reviewed_only=reviewed_only)
        except OSError as exc:
            err_console.print(message("error", output, exc.strerror or exc), soft_wrap=True)
            raise typer.Exit(1) from None
        err_console.print(plain(f"wrote {count} gold documents to {output}"), soft_wrap=True)
        return
    with store.sessions() as session:
        if output is None:
            written = write_export(session, output_format.value, sys.stdout)
        elif output_format is ExportFormat.csv:
            try:
                files = write_register_files(session, output)
            except OSError as exc:  # a missing folder, a directory, no permission: one line, exit 1
                err_console.print(message("error", output, exc.strerror or exc), soft_wrap=True)
                raise typer.Exit(1) from None
            for path, count in files.items():
                err_console.print(plain(f"wrote {count} rows to {path}"), soft_wrap=True)
            written = files[str(output)]
        else:
            try:
                handle = output.open("w", encoding="utf-8", newline="")
            except OSError as exc:  # a missing folder, a directory, no permission: one line, exit 1
                err_console.print(message("error", output, exc.strerror or exc), soft_wrap=True)
                raise typer.Exit(1) from None
            with handle:
                written = write_export(session, output_format.value, handle)
    err_console.print(plain(f"exported {written} {output_format.value} records"))


@app.command("eval")
def eval_command(
    reviewed: bool = typer.Option(
        False, "--reviewed", help="Score the current extractor on the documents analysts reviewed."
    ),
    db: str | None = DB_OPTION,
    output_format: TableFormat = typer.Option(TableFormat.table, "--format", help="table, csv or json."),
) -> None:
    """Precision, recall and F1 of the current extractor against the team's own review decisions (the
    gold corpora are scored by `make eval`)."""
    if not reviewed:
        err_console.print(
            message(
                "error",
                "eval scores the reviewed documents: give --reviewed (make eval scores the gold corpora)",
            )
        )
        raise typer.Exit(2)
    from armswatch.pipeline import Pipeline
    from armswatch.review import score_reviewed

    store = _open_store(db)
    with store.sessions() as session:
        summary = score_reviewed(session, Pipeline().extract)
    if not summary.get("documents"):
        _nothing_found("no reviewed documents: review some events first (armswatch review)")
        return
    rows = [
        {
            k: summary.get(k)
            for k in (
                "documents",
                "event_precision",
                "event_recall",
                "event_f1",
                "role_accuracy",
                "attribution",
            )
        }
    ]
    _emit(rows, tuple(rows[0]), output_format, "The extractor against the reviewed documents")


@app.command("reconcile")
def reconcile_command(
    sipri: Path = typer.Option(..., "--sipri", help="A SIPRI trade-register CSV as SIPRI's site exports it."),
    db: str | None = DB_OPTION,
    since: int | None = typer.Option(None, "--since", help="Only deals of this year or later."),
    output_format: TableFormat = typer.Option(TableFormat.table, "--format", help="table, csv or json."),
    verbose: bool = typer.Option(
        False, "--verbose", "-v", help="List the SIPRI rows that could not be read."
    ),
    keep: bool = typer.Option(
        False, "--keep", help="Also keep the SIPRI rows in the database, for the web app's SIPRI badges."
    ),
) -> None:
    """Set the transfer register beside a SIPRI trade register: the cases SIPRI has (and where the two
    differ), the cases only the news reports, and SIPRI's rows for the same pairs and years that the news
    does not."""
    from armswatch.reconcile import FLAT_COLUMNS, SipriFileError, flat_rows, reconcile_file, transfer_cases

    store = _open_store(db)
    try:
        with store.sessions() as session:
            result = reconcile_file(session, sipri, since=since)
            if keep:
                from armswatch.reconcile import keep_sipri_rows

                keep_sipri_rows(session, sipri, by="cli")
            # the matched cases' own values, for the table and csv (news-only rows carry theirs)
            matched = [m["case"] for m in result.matched] if output_format is not TableFormat.json else []
            ours = {r["case"]: r for r in transfer_cases(session, matched)}
    except SipriFileError as exc:
        err_console.print(message("error", exc), soft_wrap=True)
        raise typer.Exit(code=2) from None
    if output_format is TableFormat.json:
        sys.stdout.write(json.dumps(result.to_dict(verbose=verbose), ensure_ascii=False, indent=2) + "\n")
    else:
        _emit(flat_rows(result, ours), FLAT_COLUMNS, output_format, f"Register and SIPRI ({sipri.name})")
    summary = (
        f"{result.sipri_rows} SIPRI rows, {result.cases} cases: {len(result.matched)} matched, "
        f"{len(result.news_only)} news only, {len(result.sipri_only)} SIPRI only"
    )
    if result.unreadable:
        summary += f"; {len(result.unreadable)} rows could not be read" + (
            "" if verbose else " (--verbose lists them)"
        )
    err_console.print(plain(summary), soft_wrap=True)
    if verbose:
        for problem in result.unreadable:
            err_console.print(
                message("warning", f"{sipri}: line {problem.line}: {problem.message}"), soft_wrap=True
            )


@app.command("watch")
def watch_command(
    feeds: list[str] = typer.Argument(None, help="RSS or Atom feed URLs."),
    feed_file: Path | None = typer.Option(None, "--feeds", help="A file of feed URLs (one a line) or OPML."),
    interval: str = typer.Option("15m", help="Time between polls (30s, 15m, 2h)."),
    once: bool = typer.Option(False, "--once", help="Poll each feed once and stop (for cron)."),
    db: str | None = DB_OPTION,
    allow_private: bool = typer.Option(False, "--allow-private", help="Allow private addresses (tests)."),
) -> None:
    """Poll feeds and ingest the articles of new items (conditional GET; seen items remembered)."""
    from armswatch.fetch import FetchPolicy
    from armswatch.pipeline import Pipeline, watch
    from armswatch.sources import feed_urls, parse_interval

    try:
        urls = feed_urls(feeds or [], feed_file)
        seconds = parse_interval(interval)
    except (OSError, ValueError) as exc:
        err_console.print(message("error", exc), soft_wrap=True)
        raise typer.Exit(code=2) from None
    if not urls:
        err_console.print(message("error", "no feeds given"))
        raise typer.Exit(code=2)
    store = _open_store(db)
    console = err_console

    def on_poll(poll: FeedPoll, summary: IngestSummary | None) -> None:
        if poll.error:
            console.print(message("error", poll.url, poll.error), soft_wrap=True)
        else:
            stored = summary.documents if summary else 0
            line = f"{poll.url}: {poll.status}, {len(poll.new_links)} new, {stored} stored"
            console.print(plain(line), soft_wrap=True)

    def on_error(error: IngestError) -> None:
        console.print(message("error", error), soft_wrap=True)

    with _database_errors(db):
        watch(
            Pipeline(),
            store,
            urls,
            policy=FetchPolicy(allow_private=allow_private),
            once=once,
            interval=seconds,
            on_poll=on_poll,
            on_error=on_error,
        )


@app.command("serve")
def serve_command(
    db: str | None = DB_OPTION,
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    workers: int = typer.Option(
        1, min=1, max=64, help="Worker processes, each serving the same app (one per core suits reads)."
    ),
) -> None:
    """Serve the REST API (/api, OpenAPI at /api/docs) and the web pages."""
    import uvicorn
    from pydantic import ValidationError

    from armswatch.web.app import Settings, create_app, settings_problem

    try:  # the environment's settings, checked before anything starts
        settings = Settings(db=db)
    except ValidationError as exc:
        err_console.print(message("error", "settings", settings_problem(exc)), soft_wrap=True)
        raise typer.Exit(code=2) from None
    store = _open_store(db)  # migrates and checks the database once, before any worker starts
    if workers == 1:
        uvicorn.run(create_app(settings, store=store), host=host, port=port, log_level="info")
        return
    store.engine.dispose()
    if db:  # each worker process builds its own app, with settings from the environment
        os.environ["ARMSWATCH_DB"] = db
    uvicorn.run(
        "armswatch.web.app:create_app", factory=True, workers=workers, host=host, port=port, log_level="info"
    )


if __name__ == "__main__":
    app()
