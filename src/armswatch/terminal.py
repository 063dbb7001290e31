"""Terminal output: article and database text shown as plain text (never as rich markup, never as control
sequences), tables that read in a terminal, a pipe or a log file, and values as people read them."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

# ANSI escape sequences (CSI "ESC [ ... X", OSC "ESC ] ... BEL/ST", and two-byte escapes), then any C0/C1
# control character left but tab and newline: text from articles must not drive the user's terminal.
ANSI_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Without a terminal, a table is drawn as wide as its content needs, up to this many columns.
PIPE_WIDTH = 400
# Columns of running text wrap at this width, so that a long quote or snippet does not widen the table.
TEXT_COLUMNS = {"quote": 72, "snippet": 72, "roles": 60, "title": 48, "item": 40}


def clean(value: object) -> str:
    """A value as terminal-safe text: escape sequences and control characters removed."""
    text = "" if value is None else str(value)
    return CONTROL.sub("", ANSI_SEQUENCE.sub("", text))


def plain(value: object, style: str = "") -> Text:
    """A value as rich Text that is never read as markup ("[/red]", "[drones]" stay as written)."""
    return Text(clean(value), style=style)


def message(level: str, *parts: object) -> Text:
    """ "error: <file>: <problem>" with only the level styled; every part shown as written."""
    style = {"error": "red", "warning": "yellow"}.get(level, "")
    return Text.assemble((level, style), ": ", clean(": ".join(str(p) for p in parts)))


def console(stderr: bool = False) -> Console:
    """A console that draws tables to the terminal's width, or, into a pipe or a file, to their content's
    width ($COLUMNS when set)."""
    probe = Console(stderr=stderr)
    if probe.is_terminal:
        return probe
    columns = os.environ.get("COLUMNS", "")
    width = int(columns) if columns.isdigit() and int(columns) > 0 else PIPE_WIDTH
    return Console(stderr=stderr, width=width, no_color=True, highlight=False)


def money(value: object) -> str:
    """ "$500M", "$1.2B", "$850K": a US-dollar value as people read it."""
    if value is None or value == "":
        return ""
    amount = float(str(value))
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(amount) >= size:
            shown = f"{amount / size:.1f}".rstrip("0").rstrip(".")
            return f"${shown}{suffix}"
    return f"${amount:,.0f}"


def cell(column: str, value: Any) -> str:
    """A table cell as people read it: lists joined, yes/blank for flags, money in $M."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, list):
        return "; ".join(clean(v) for v in value)
    if column.endswith("_usd") or column == "value":
        return money(value)
    if column == "confidence":
        return f"{round(float(value) * 100)}%"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean(value)


# Columns a narrow table keeps longest: what a row is about.
ESSENTIAL = ("case", "type", "supplier", "recipient", "parties", "item", "status", "date", "document")


def narrowest_width(column: str, rows: list[dict[str, Any]]) -> int:
    """The least width a column takes without breaking a word: its header, or its longest word."""
    words = [len(w) for r in rows for w in cell(column, r.get(column)).split()]
    return min(max([len(column), *words]), TEXT_COLUMNS.get(column, 40))


def fitting_columns(columns: Sequence[str], rows: list[dict[str, Any]], width: int) -> list[str]:
    """The columns that fit in width characters without breaking a word (a long cell wraps between words):
    columns empty in every row go first, then the least essential, from the right, until the rest fit."""
    kept = [c for c in columns if c in ESSENTIAL or any(cell(c, r.get(c)) for r in rows)]

    def drawn(chosen: list[str]) -> int:
        # a cell's padding and rule, and the last rule
        return sum(narrowest_width(c, rows) + 3 for c in chosen) + 1

    while drawn(kept) > width and len(kept) > 3:
        spare = [c for c in kept if c not in ESSENTIAL] or kept[3:]
        kept.remove(spare[-1])
    return kept


def column_widths(columns: list[str], rows: list[dict[str, Any]], width: int) -> dict[str, int]:
    """Fixed widths for columns that do not fit side by side whole: each gets its longest word, and the
    room left is shared in proportion to what each still lacks. Empty when they fit (rich sizes them).
    Rich's own narrowing shrinks every column alike and so breaks words, which this avoids."""
    natural = {
        c: min(max([len(c), *(len(cell(c, r.get(c))) for r in rows)]), TEXT_COLUMNS.get(c, 40))
        for c in columns
    }
    room = width - 1 - 3 * len(columns)
    if sum(natural.values()) <= room:
        return {}
    widths = {c: narrowest_width(c, rows) for c in columns}
    left = room - sum(widths.values())
    lacking = {c: natural[c] - widths[c] for c in columns}
    total = sum(lacking.values())
    if left > 0 and total > 0:
        for c in columns:
            widths[c] += min(lacking[c], left * lacking[c] // total)
    return widths


def table(
    title: str, columns: Sequence[str], rows: Iterable[dict[str, Any]], width: int | None = None
) -> Table:
    """A table of rows whose every cell is plain text; given a width, only the columns that fit it, and a
    caption that names the ones left out."""
    listed = list(rows)
    shown = fitting_columns(columns, listed, width) if width else list(columns)
    hidden = [c for c in columns if c not in shown]
    caption = (
        f"not shown at this width: {', '.join(hidden)} (--columns, or a wider terminal)" if hidden else None
    )
    out = Table(title=plain(title), caption=plain(caption) if caption else None)
    widths = column_widths(shown, listed, width) if width else {}
    for column in shown:
        out.add_column(
            plain(column), overflow="fold", width=widths.get(column), max_width=TEXT_COLUMNS.get(column)
        )
    for row in listed:
        out.add_row(*[plain(cell(c, row.get(c))) for c in shown])
    return out


# The fused values a case view shows first, with their labels.
CASE_FIELDS = (
    ("type", "type"),
    ("supplier", "supplier"),
    ("recipient", "recipient"),
    ("parties", "parties"),
    ("item", "item"),
    ("category", "category"),
    ("quantity", "quantity"),
    ("status", "status"),
    ("order_date", "ordered"),
    ("delivery_dates", "delivered"),
    ("value_usd", "value"),
    ("sources", "sources"),
    ("origins", "independent origins"),
    ("contested", "contested"),
    ("first_reported", "first reported"),
    ("last_reported", "last reported"),
)
QUOTE_CHARS = 300  # a quote longer than this is cut, so that one source takes a few lines, not forty


def case_view(case_id: int, case: dict[str, Any], sources: list[dict[str, Any]]) -> Group:
    """One readable view of a case: the fused values, the status history, then each source with its
    stance and its quote, wrapped."""
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column(overflow="fold")
    for key, label in CASE_FIELDS:
        shown = cell(key, case.get(key))
        if shown:
            facts.add_row(plain(label), plain(shown))
    parts: list[Any] = [Text(f"Case {case_id}", style="bold underline"), facts]
    history = case.get("status_history") or []
    if history:
        steps = Table(title=plain("status history"), title_justify="left")
        for column in ("status", "date", "reported", "source"):
            steps.add_column(column, overflow="fold")
        for step in history:
            step = step if isinstance(step, dict) else {"status": step}
            steps.add_row(*(plain(cell(c, step.get(c))) for c in ("status", "date", "reported", "source")))
        parts.append(steps)
    groups = case.get("origin_groups") or []
    if groups:
        origins = Table(title=plain("independent origins"), title_justify="left")
        for column in ("voice", "reports", "why"):
            origins.add_column(column, overflow="fold")
        for group in groups:
            why = group.get("why") or {}
            origins.add_row(
                plain(cell("voice", group.get("voice"))),
                plain("\n".join(clean(r) for r in group.get("reports") or [])),
                plain("\n".join(clean(why.get(r)) for r in group.get("reports") or [])),
            )
        parts.append(origins)
    listed = Table(title=plain("sources"), title_justify="left", show_lines=True)
    for column in ("outlet", "published", "source", "stance", "quote"):
        listed.add_column(column, overflow="fold", max_width=TEXT_COLUMNS.get(column, 32))
    for row in sources:
        quote = " ".join(clean(row.get("quote")).split())
        if len(quote) > QUOTE_CHARS:
            quote = quote[: QUOTE_CHARS - 1].rstrip() + "…"
        outlet = row.get("outlet") or row.get("document")
        listed.add_row(
            plain(cell("outlet", outlet)),
            plain(cell("published", row.get("published"))),
            plain(cell("source", row.get("source"))),
            plain(cell("stance", row.get("stance"))),
            plain(quote),
        )
    parts.append(listed)
    return Group(*parts)
